from django.urls import path

from kyodo.core.views import staff

app_name = "staff"

urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("todo/<slug:key>/", staff.todo_detail, name="todo"),
    path("audit/", staff.audit_list, name="audit"),
    path("outbox/", staff.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", staff.outbox_detail, name="outbox-detail"),
    path("outbox/<int:pk>/resend/", staff.outbox_resend_view, name="outbox-resend"),
]
