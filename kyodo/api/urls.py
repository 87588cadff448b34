from django.urls import path

from kyodo.api import opendata

app_name = "opendata"

urlpatterns = [
    path("opendata/", opendata.catalogue, name="catalogue"),
    path("opendata/events.csv", opendata.events_csv, name="events-csv"),
    path("calendar/events.ics", opendata.events_ics, name="events-ics"),
    path("calendar/events/<int:pk>.ics", opendata.event_ics, name="event-ics"),
    path(
        "opendata/minutes/<int:pk>/download.pdf",
        opendata.minutes_download,
        {"fmt": "pdf"},
        name="minutes-pdf",
    ),
    path(
        "opendata/minutes/<int:pk>/download.docx",
        opendata.minutes_download,
        {"fmt": "docx"},
        name="minutes-docx",
    ),
]
