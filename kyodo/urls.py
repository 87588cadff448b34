from django.contrib import admin
from django.urls import include, path

from kyodo.core.views import auth as auth_views

urlpatterns = [
    path("accounts/login/", auth_views.KyodoLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.logout_view, name="logout"),
    path("accounts/home/", auth_views.home_for_user, name="home-for-user"),
    path("staff/", include("kyodo.core.urls_staff")),
    path("member/", include("kyodo.committees.urls_member")),
    path("group/", include("kyodo.core.urls_group")),
    path("django-admin/", admin.site.urls),
    path("", include("kyodo.website.urls")),
]
