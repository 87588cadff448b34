from django.urls import path

from kyodo.core.views import people

app_name = "people"

urlpatterns = [
    path("", people.index, name="index"),
    path("new/", people.create, name="create"),
    path("session/", people.keepalive, name="keepalive"),
    path("<int:pk>/", people.detail, name="user"),
    path("<int:pk>/roles/", people.roles, name="roles"),
    path("<int:pk>/resend/", people.resend, name="resend"),
    path("<int:pk>/reset/", people.reset, name="reset"),
    path("<int:pk>/letter/", people.letter, name="letter"),
    path("<int:pk>/<str:change>/", people.activation, name="activation"),
]
