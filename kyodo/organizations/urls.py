from django.urls import path

from kyodo.organizations.views import public

app_name = "organizations"

urlpatterns = [
    path("", public.directory, name="directory"),
    path("<int:pk>/", public.detail, name="detail"),
    path("apply/", public.apply, name="apply"),
    path("apply/sent/", public.applied, name="applied"),
    path("apply/received/", public.already_applied, name="already-applied"),
    path("apply/<int:pk>/<str:token>/", public.resubmit, name="resubmit"),
    # Outside /group/: the new representative is not signed in yet.
    path("password/<uidb64>/<token>/", public.set_password, name="set-password"),
]
