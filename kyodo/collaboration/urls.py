from django.urls import path

from kyodo.collaboration.views import public

app_name = "collaboration"

urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.detail, name="detail"),
    path("calls/", public.calls, name="calls"),
    path("calls/<int:pk>/", public.call_detail, name="call"),
    path("calls/results.csv", public.results_csv, name="results-csv"),
]
