from django.urls import path  # noqa: F401

app_name = "consultations"

# Deliberately empty: consultations hold personal data and have no public page.
urlpatterns: list = []
