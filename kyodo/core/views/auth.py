from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kyodo.core.roles import Role, has_role


class KyodoLoginView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    return redirect("website:home")


def home_for_user(request):
    # After login each role lands on its own start page.
    user = request.user
    if not user.is_authenticated:
        return redirect("login")
    if has_role(user, Role.STAFF):
        return redirect("staff:dashboard")
    if has_role(user, Role.MEMBER):
        return redirect("member:home")
    if has_role(user, Role.GROUP):
        return redirect("group:home")
    return redirect("website:home")


def healthz(request):
    # For load balancers and the benchmark's floor: Django's request cycle and nothing else.
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")
