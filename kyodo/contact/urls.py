from django.urls import path

from kyodo.contact.views import public

app_name = "contact"

urlpatterns = [
    path("", public.inquiry_form, name="form"),
    path("sent/", public.inquiry_sent, name="sent"),
]
