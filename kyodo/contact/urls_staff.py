from django.urls import path

from kyodo.contact.views import staff

app_name = "contact-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("<int:pk>/", staff.detail, name="detail"),
]
