from django.urls import path

from kyodo.organizations.views import group

app_name = "organizations-group"

urlpatterns = [path("", group.profile, name="profile")]
