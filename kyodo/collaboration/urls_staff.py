from django.urls import path

from kyodo.collaboration.views import staff

app_name = "collaboration-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("export/", staff.records_export, name="export"),
    path("records/new/", staff.record_new, name="record-new"),
    path("records/<int:pk>/", staff.record_detail, name="record"),
    path("records/<int:pk>/edit/", staff.record_edit, name="record-edit"),
    path("departments/", staff.departments, name="departments"),
    path("departments/<int:pk>/", staff.department_edit, name="department"),
    path("bureaus/", staff.bureaus, name="bureaus"),
    path("statistics/", staff.statistics, name="statistics"),
    path("statistics/export/", staff.statistics_export, name="statistics-export"),
    path("statistics/counting/", staff.counting, name="counting"),
    path("calls/", staff.calls, name="calls"),
    path("calls/<int:pk>/", staff.call_detail, name="call"),
    path("calls/<int:pk>/edit/", staff.call_edit, name="call-edit"),
    path("calls/<int:pk>/publish/", staff.call_publish, name="call-publish"),
    path("calls/<int:pk>/criteria/", staff.criterion_add, name="criterion-add"),
    path("calls/<int:pk>/criteria/<int:criterion>/", staff.criterion_edit, name="criterion-edit"),
    path("reviews/", staff.reviews, name="reviews"),
    path("proposals/<int:pk>/", staff.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/review/", staff.proposal_review, name="proposal-review"),
    path("proposals/<int:pk>/decide/", staff.proposal_decide, name="proposal-decide"),
    path("proposals/<int:pk>/notify/", staff.proposal_notify, name="proposal-notify"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment>/",
        staff.proposal_attachment,
        name="proposal-attachment",
    ),
]
