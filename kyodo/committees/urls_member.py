from django.urls import path

from kyodo.committees.views import member

app_name = "member"

urlpatterns = [
    path("", member.member_home, name="home"),
    path("meetings/<int:pk>/", member.meeting_detail, name="meeting"),
    path("documents/<int:pk>/download/", member.document_download, name="document"),
]
