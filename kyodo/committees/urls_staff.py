from django.urls import path

from kyodo.committees.views import imports, staff

app_name = "committees-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("new/", staff.committee_new, name="committee-new"),
    path("settings/", staff.settings_update, name="settings"),
    path("import/", imports.upload, name="import"),
    path("import/save/", imports.save, name="import-save"),
    path("import/publish/<int:pk>/", imports.publish, name="import-publish"),
    path("appointments/new/", staff.appointment_add, name="appointment-add"),
    path("meetings/<int:pk>/", staff.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", staff.meeting_update, name="meeting-edit"),
    path("meetings/<int:pk>/swap/", staff.meeting_swap, name="meeting-swap"),
    path("meetings/<int:pk>/cancel/", staff.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/delete/", staff.meeting_delete, name="meeting-delete"),
    path("meetings/<int:pk>/notice/", staff.meeting_notice, name="meeting-notice"),
    path("meetings/<int:pk>/replies/", staff.meeting_replies, name="meeting-replies"),
    path("meetings/<int:pk>/votes/", staff.meeting_votes, name="meeting-votes"),
    path(
        "meetings/<int:pk>/notice/print/",
        staff.meeting_notice_print,
        name="meeting-notice-print",
    ),
    path("meetings/<int:pk>/next/", staff.meeting_next, name="meeting-next"),
    path("meetings/<int:pk>/items/new/", staff.item_add, name="item-add"),
    path("items/<int:pk>/", staff.item_detail, name="item"),
    path("items/<int:pk>/edit/", staff.item_edit, name="item-edit"),
    path("items/<int:pk>/change/<str:change>/", staff.item_change, name="item-change"),
    path("items/<int:pk>/decision/", staff.item_decision, name="item-decision"),
    path("items/<int:pk>/requests/", staff.item_action, name="item-action"),
    path("items/<int:pk>/documents/", staff.item_document, name="item-document"),
    path("requests/<int:pk>/status/", staff.action_status, name="action-status"),
    path("documents/<int:pk>/", staff.document_download, name="document"),
    path("entries/<int:pk>/", staff.entry_edit, name="entry"),
    path("entries/<int:pk>/<str:change>/", staff.entry_change, name="entry-change"),
    path("minutes/<int:pk>/", staff.minutes_detail, name="minutes"),
    path("minutes/<int:pk>/circulate/", staff.minutes_circulate, name="minutes-circulate"),
    path("minutes/<int:pk>/confirm/", staff.minutes_confirm, name="minutes-confirm"),
    path("minutes/<int:pk>/correct/", staff.minutes_correct, name="minutes-correct"),
    path("minutes/<int:pk>/versions/", staff.minutes_versions, name="minutes-versions"),
    path("minutes/<int:pk>/diff/<int:older>/<int:newer>/", staff.minutes_diff, name="minutes-diff"),
    path("minutes/<int:pk>/export/<str:fmt>/", staff.minutes_export, name="minutes-export"),
    path("recipients/<int:pk>/<str:change>/", staff.recipient_change, name="recipient-change"),
    path("corrections/<int:pk>/resolve/", staff.correction_resolve, name="correction-resolve"),
]
