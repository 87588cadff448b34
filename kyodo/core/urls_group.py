from django.urls import path

from kyodo.core.views import group

app_name = "group"

urlpatterns = [path("", group.home, name="home")]
