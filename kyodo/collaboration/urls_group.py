from django.urls import path

from kyodo.collaboration.views import group

app_name = "collaboration-group"

urlpatterns = [
    path("", group.index, name="index"),
    path("calls/<int:pk>/new/", group.proposal_new, name="proposal-new"),
    path("proposals/<int:pk>/", group.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/submit/", group.proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/attachments/", group.attachment_add, name="attachment-add"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment>/",
        group.attachment_download,
        name="attachment",
    ),
    path(
        "proposals/<int:pk>/attachments/<int:attachment>/remove/",
        group.attachment_remove,
        name="attachment-remove",
    ),
]
