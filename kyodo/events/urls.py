from django.urls import path

from kyodo.events.views import public

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("calendar/", public.event_calendar, name="calendar"),
    path("calendar/<int:year>/<int:month>/", public.event_calendar, name="calendar-month"),
    path("<int:pk>/", public.event_detail, name="detail"),
    path("applications/<str:token>/", public.application_done, name="application"),
    path("applications/<str:token>/cancel/", public.application_cancel, name="application-cancel"),
    path("applications/<str:token>/change/", public.application_change, name="application-change"),
    path("feedback/<str:token>/", public.feedback, name="feedback"),
]
