from django.urls import path

from kyodo.committees.views import member, public, versions

app_name = "committees"

urlpatterns = [
    path("", public.index, name="index"),
    path("minutes/<int:pk>/", public.minutes_detail, name="minutes"),
    path("minutes/<int:pk>/versions/", public.minutes_versions, name="minutes-versions"),
    path(
        "minutes/<int:pk>/versions/<int:number>/",
        versions.public_version,
        name="minutes-version",
    ),
    path(
        "minutes/<int:pk>/versions/<int:number>/document.json",
        versions.public_version_json,
        name="minutes-version-json",
    ),
    path(
        "minutes/<int:pk>/diff/<int:older>/<int:newer>/", public.minutes_diff, name="minutes-diff"
    ),
    # The monthly report the meeting heard, as handed out (報告資料): a page and its CSV.
    path("minutes/<int:pk>/reports/<int:report>/", public.minutes_report, name="minutes-report"),
    path(
        "minutes/<int:pk>/reports/<int:report>/report.csv",
        public.minutes_report_csv,
        name="minutes-report-csv",
    ),
    # Personal circulation links: the unguessable token is the credential, no sign-in needed.
    path("check/<str:token>/", member.check, name="check"),
    # Each body's own page (the first body's is the index above; its slug here leads there).
    path("<slug:slug>/", public.committee, name="committee"),
]
