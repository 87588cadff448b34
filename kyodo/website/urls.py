from django.urls import path

from kyodo.website.views import public

app_name = "website"

urlpatterns = [path("", public.home, name="home")]
