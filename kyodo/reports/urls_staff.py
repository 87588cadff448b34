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
    path("fiscal/<int:fy>/", staff.report_fiscal_year, name="fiscal-year"),
    path(
        "fiscal/<int:fy>/report.<str:fmt>",
        staff.report_fiscal_year_download,
        name="fiscal-year-download",
    ),
]
