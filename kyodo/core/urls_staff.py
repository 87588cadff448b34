from django.urls import path

from kyodo.core.views import center, privacy, staff

app_name = "staff"

urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("todo/<slug:key>/", staff.todo_detail, name="todo"),
    path("center/", center.center_edit, name="center"),
    path("center/venues/", center.venues, name="venues"),
    path("center/venues/<int:pk>/", center.venue_edit, name="venue"),
    path("audit/", staff.audit_list, name="audit"),
    path("privacy/", privacy.search, name="privacy"),
    path("privacy/applications/<int:pk>/", privacy.application, name="privacy-application"),
    path("privacy/consultations/<int:pk>/", privacy.consultation, name="privacy-consultation"),
    path("privacy/inquiries/<int:pk>/", privacy.inquiry, name="privacy-inquiry"),
    path("privacy/feedback/<int:pk>/", privacy.feedback, name="privacy-feedback"),
    path("privacy/submissions/<int:pk>/", privacy.submission, name="privacy-submission"),
    path("privacy/mail/<int:pk>/", privacy.mail, name="privacy-mail"),
    path("outbox/", staff.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", staff.outbox_detail, name="outbox-detail"),
    path("outbox/<int:pk>/resend/", staff.outbox_resend_view, name="outbox-resend"),
]
