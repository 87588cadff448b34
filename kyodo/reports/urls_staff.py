from django.urls import path

from kyodo.reports.views import staff

app_name = "reports-staff"

urlpatterns = [
    path("", staff.report_index, name="index"),
    path("monthly/<str:slug>/", staff.report_monthly, name="monthly"),
    path(
        "monthly/<str:slug>/report.<str:fmt>",
        staff.report_download,
        name="download",
    ),
    path("presented/<int:pk>/", staff.presented_report, name="presented"),
    path(
        "presented/<int:pk>/report.<str:fmt>",
        staff.presented_report_download,
        name="presented-download",
    ),
    path("fiscal/<int:fy>/", staff.report_fiscal_year, name="fiscal-year"),
    path(
        "fiscal/<int:fy>/report.<str:fmt>",
        staff.report_fiscal_year_download,
        name="fiscal-year-download",
    ),
]
