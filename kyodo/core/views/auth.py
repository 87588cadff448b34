"""Signing in and out, passwords (change, reset by mail, set from an invitation), the CSRF page.

Reset mail leaves through the outbox like every other mail, and the reset page says the same
whether or not an address has an account.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kyodo.core import people
from kyodo.core.forms import EmailField
from kyodo.core.roles import Role, has_role
from kyodo.core.sessions import keep_draft, same_origin
from kyodo.core.signin import password_typed


class KyodoLoginView(auth_views.LoginView):
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


class ResetForm(PasswordResetForm):
    """Django's form, whose mail goes to the outbox instead of straight to SMTP; the address
    may be typed in full-width."""

    email = EmailField(label=PasswordResetForm.base_fields["email"].label, max_length=254)

    def save(self, *args, **kwargs):
        people.password_reset_request(email=self.cleaned_data["email"])


class _StoredHalfWidth:
    """A new password is stored as :func:`kyodo.core.signin.password_typed` reads it: typed in
    full-width with the IME on, it is the same password typed in half-width."""

    def clean_new_password1(self):
        return password_typed(self.cleaned_data["new_password1"])

    def clean_new_password2(self):
        return password_typed(self.cleaned_data["new_password2"])


class NewPasswordForm(_StoredHalfWidth, SetPasswordForm):
    pass


class ChangePasswordForm(_StoredHalfWidth, PasswordChangeForm):
    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        typed = password_typed(old)
        if typed != old and self.user.check_password(typed):
            return typed
        return super().clean_old_password()


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")
    title = gettext_lazy("Forgot your password?")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"
    title = gettext_lazy("Check your mail")


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Setting a password from a mailed link: an invitation or a reset."""

    template_name = "registration/password_set.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("login")
    post_reset_login = False
    title = gettext_lazy("Set your password")

    def form_valid(self, form):
        response = super().form_valid(form)
        people.password_recorded(user=form.user, how="set")
        messages.success(self.request, _("Your password is set. Please sign in."))
        return response


class LetterForm(forms.Form):
    """The user name and code of a printed letter (kyodo.core.people.letter_issue)."""

    username = forms.CharField(
        label=gettext_lazy("User name"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label=gettext_lazy("Code on the letter"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        help_text=gettext_lazy(
            "12 letters and digits, as printed (the hyphens and spaces may be left out)."
        ),
    )


def account_start(request):
    """A person who got a letter instead of a mail: user name and code, then the page where
    they set their password (the same page an invitation's link opens)."""
    if request.user.is_authenticated:
        return redirect("home-for-user")
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = people.letter_redeem(
                username=form.cleaned_data["username"], code=form.cleaned_data["code"]
            )
        except people.PeopleError as error:
            form.add_error("code", error.message)
        else:
            return redirect(people.set_password_path(user))
    return render(
        request,
        "registration/account_start.html",
        {"form": form, "title": _("Start with a letter from the center")},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("home-for-user")
    title = gettext_lazy("Change your password")

    def form_valid(self, form):
        response = super().form_valid(form)
        people.password_recorded(user=form.user, how="changed")
        messages.success(self.request, _("Your password has been changed."))
        return response


def csrf_failure(request, reason=""):
    # A form sent from a page that stayed open too long (or after signing out elsewhere): say
    # what happened and what to do, in the visitor's language, instead of Django's debug page.
    # What was typed on one of our own pages is kept and given back on the page (sessions.py).
    draft_kept = ""
    user = getattr(request, "user", None)
    if same_origin(request) and keep_draft(
        request, user_id=user.pk if getattr(user, "is_authenticated", False) else None
    ):
        draft_kept = request.path
    return render(request, "registration/csrf_failure.html", {"draft_kept": draft_kept}, status=403)


def healthz(request):
    # For load balancers: Django's request cycle and nothing else, and whether this process has
    # the static files' manifest (started before `kyodo collectstatic`, every page is a 500
    # until gunicorn is reloaded with HUP: the balancer should take the host out).
    from kyodo.core.serving import static_manifest_loaded

    if not static_manifest_loaded():
        return HttpResponse(
            "static files missing: kyodo collectstatic --noinput, then kill -HUP gunicorn",
            status=503,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")
