from django.urls import path

from kyodo.search.views import staff

app_name = "search-staff"

urlpatterns = [
    path("", staff.index, name="index"),
]
