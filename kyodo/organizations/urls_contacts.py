from django.urls import path

from kyodo.organizations.views import contacts

app_name = "contacts"

urlpatterns = [
    path("", contacts.index, name="index"),
    path("<int:pk>/", contacts.detail, name="group"),
    path("contacts/<int:pk>/remove/", contacts.remove, name="remove"),
]
