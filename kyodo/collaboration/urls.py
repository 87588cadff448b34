from django.urls import path

from kyodo.collaboration.views import public

app_name = "collaboration"

urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.detail, name="detail"),
]
