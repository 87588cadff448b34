from django.urls import path

from kyodo.organizations.views import staff

app_name = "organizations-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("import/", staff.import_upload, name="import"),
    path("import/confirm/", staff.import_confirm, name="import-confirm"),
    path("export.csv", staff.export_csv, name="export-csv"),
    path("export.xlsx", staff.export_xlsx, name="export-xlsx"),
    path("renewals/", staff.renewals, name="renewals"),
    path("renewals.csv", staff.renewals_csv, name="renewals-csv"),
    path("changes/", staff.change_list, name="changes"),
    path("changes/<int:pk>/", staff.change_detail, name="change"),
    path("changes/<int:pk>/approve/", staff.change_approve, name="change-approve"),
    path("changes/<int:pk>/return/", staff.change_return, name="change-return"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/edit/", staff.edit, name="edit"),
    path("<int:pk>/approve/", staff.approve, name="approve"),
    path("<int:pk>/return/", staff.return_application, name="return"),
    path("<int:pk>/reject/", staff.reject, name="reject"),
    path("<int:pk>/status/", staff.change_status, name="status"),
    path(
        "<int:pk>/status/<int:change>/cancel/",
        staff.cancel_status_change,
        name="status-cancel",
    ),
    path("<int:pk>/bylaws/", staff.bylaws, name="bylaws"),
]
