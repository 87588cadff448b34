from django.urls import path

from kyodo.website.views import staff

app_name = "website-staff"

urlpatterns = [
    path("", staff.index, name="index"),
    path("pages/<slug:slug>/", staff.page_edit, name="page-edit"),
    path("access/", staff.access_edit, name="access"),
    path("news/new/", staff.news_edit, name="news-new"),
    path("news/<int:pk>/", staff.news_edit, name="news-edit"),
    path("news/<int:pk>/attach/", staff.news_attach, name="news-attach"),
]
