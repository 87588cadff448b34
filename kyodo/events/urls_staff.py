from django.urls import path

from kyodo.events.views import staff

app_name = "events-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("new/", staff.event_create, name="event-create"),
    path("<int:pk>/", staff.event_detail, name="event"),
    path("<int:pk>/edit/", staff.event_edit, name="event-edit"),
    path("<int:pk>/status/<str:action>/", staff.event_status, name="event-status"),
    path("<int:pk>/delete/", staff.event_delete, name="event-delete"),
    path("<int:pk>/guests/new/", staff.guest_add, name="guest-add"),
    path("guests/<int:pk>/edit/", staff.guest_edit, name="guest-edit"),
    path("guests/<int:pk>/remove/", staff.guest_remove, name="guest-remove"),
    path("<int:pk>/applications/new/", staff.application_add, name="application-add"),
    path("<int:pk>/applications/walk-in/", staff.walk_in_add, name="walk-in"),
    path("<int:pk>/applications.csv", staff.applications_csv, name="applications-csv"),
    path("applications/<int:pk>/cancel/", staff.application_cancel, name="application-cancel"),
    path("applications/<int:pk>/seat/", staff.application_seat, name="application-seat"),
    path("<int:pk>/attendance/", staff.attendance, name="attendance"),
    path("<int:pk>/roster/", staff.roster, name="roster"),
    path("<int:pk>/notes/new/", staff.note_add, name="note-add"),
    path("notes/<int:pk>/remove/", staff.note_remove, name="note-remove"),
    path("<int:pk>/feedback/send/", staff.feedback_send, name="feedback-send"),
    path("<int:pk>/feedback.csv", staff.feedback_csv, name="feedback-csv"),
    path("feedback/<int:pk>/note/", staff.feedback_note, name="feedback-note"),
    path("series/", staff.series_list, name="series"),
    path("series/new/", staff.series_create, name="series-create"),
    path("series/<int:pk>/edit/", staff.series_edit, name="series-edit"),
]
