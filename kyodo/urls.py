from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from kyodo.api.api import api
from kyodo.core.views import auth as auth_views
from kyodo.core.views import public as core_public

urlpatterns = [
    path("accounts/login/", auth_views.KyodoLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.logout_view, name="logout"),
    path("accounts/home/", auth_views.home_for_user, name="home-for-user"),
    path(
        "accounts/password/",
        login_required(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path("accounts/start/", auth_views.account_start, name="account-start"),
    path("accounts/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordSetView.as_view(),
        name="password_reset_confirm",
    ),
    path("healthz", auth_views.healthz, name="healthz"),
    # A public submission confirmed by the link mailed to its sender.
    path("confirm/sent/", core_public.confirm_sent, name="confirm-sent"),
    path("confirm/<str:token>/", core_public.confirm, name="confirm"),
    # Staff (事務局): one area, each app under its own prefix.
    path("staff/groups/", include("kyodo.organizations.urls_staff")),
    path("staff/events/", include("kyodo.events.urls_staff")),
    path("staff/consultations/", include("kyodo.consultations.urls_staff")),
    path("staff/reports/", include("kyodo.reports.urls_staff")),
    path("staff/committees/people/", include("kyodo.committees.urls_people")),
    path("staff/committees/", include("kyodo.committees.urls_staff")),
    path("staff/collaboration/", include("kyodo.collaboration.urls_staff")),
    path("staff/search/", include("kyodo.search.urls_staff")),
    path("staff/site/", include("kyodo.website.urls_staff")),
    path("staff/people/groups/", include("kyodo.organizations.urls_contacts")),
    path("staff/people/", include("kyodo.core.urls_people")),
    path("staff/contact/", include("kyodo.contact.urls_staff")),
    path("staff/", include("kyodo.core.urls_staff")),
    # Committee members and group representatives.
    path("member/", include("kyodo.committees.urls_member")),
    path("group/organization/", include("kyodo.organizations.urls_group")),
    path("group/collaboration/", include("kyodo.collaboration.urls_group")),
    path("group/", include("kyodo.core.urls_group")),
    path("django-admin/", admin.site.urls),
    # Open data: the read-only API, the events CSV and calendar.
    path("api/v1/", api.urls),
    path("", include("kyodo.api.urls")),
    # The public site.
    path("groups/", include("kyodo.organizations.urls")),
    path("events/", include("kyodo.events.urls")),
    path("committee/", include("kyodo.committees.urls")),
    path("collaboration/", include("kyodo.collaboration.urls")),
    path("search/", include("kyodo.search.urls")),
    path("contact/", include("kyodo.contact.urls")),
    # The language switch in the header (Django's set_language: POST, then back).
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kyodo.website.urls")),
]

# A lost database connection is the 503 page even where a middleware met it (kyodo.core.views).
handler500 = "kyodo.core.views.public.server_error"
