from django.urls import path

from kyodo.committees.views import people

app_name = "committees-people"

urlpatterns = [
    path("", people.index, name="index"),
    path("members/new/", people.member_create, name="member-create"),
    path("members/<int:pk>/", people.member_detail, name="member"),
    path("members/<int:pk>/invite/", people.member_invite, name="member-invite"),
    path("members/<int:pk>/delete/", people.member_delete, name="member-delete"),
    path("members/<int:pk>/seats/new/", people.seat_add, name="seat-add"),
    path("seats/<int:pk>/", people.seat_edit, name="seat"),
    path("renew/", people.renew, name="renew"),
    path("secretariat/new/", people.secretariat_create, name="secretariat-create"),
    path("secretariat/<int:pk>/", people.secretariat_edit, name="secretariat"),
    path("secretariat/<int:pk>/remove/", people.secretariat_remove, name="secretariat-remove"),
    path("meetings/<int:pk>/secretariat/", people.meeting_secretariat, name="meeting-secretariat"),
]
