from django.urls import path

from kyodo.committees import views

app_name = "member"

urlpatterns = [path("", views.member_home, name="home")]
