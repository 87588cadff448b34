from django.urls import path

from kyodo.consultations.views import staff

app_name = "consultations-staff"

urlpatterns = [
    path("", staff.consultation_index, name="index"),
    path("new/", staff.consultation_create, name="create"),
    path("<int:pk>/", staff.consultation_detail, name="detail"),
    path("<int:pk>/edit/", staff.consultation_edit, name="edit"),
    path("<int:pk>/follow-up/<str:change>/", staff.follow_up, name="follow-up"),
]
