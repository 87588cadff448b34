from django.urls import path

from kyodo.search.views import public

app_name = "search"

urlpatterns = [
    path("", public.index, name="index"),
]
