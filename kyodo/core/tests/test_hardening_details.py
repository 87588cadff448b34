"""The smaller points of issue 18, each with its test."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kyodo.consultations.tests.factories import make_consultation
from kyodo.events import services as event_services
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/groups", "/api/v1/statements"])
def test_a_nul_byte_in_an_api_query_is_bad_input_not_a_500(client, path):
    response = client.get(path + "?q=%00")
    assert response.status_code == 422
    assert "制御文字（見えない文字）は使えません。" in response.json()["detail"][0]["msg"]
    assert client.get(path + "?q=%E5%8D%94%E5%83%8D").status_code == 200


def _event(staff_user, **fields) -> Event:
    values = {"kind": "lecture", "title": "講座", "date": date(2011, 1, 26)} | fields
    return event_services.event_create(actor=staff_user, status=Event.Status.PUBLISHED, **values)


@pytest.mark.parametrize(("path", "tag"), [("/events/feed/rss/", "description"), ("/events/feed/atom/", "{http://www.w3.org/2005/Atom}summary")])  # fmt: skip
def test_staff_text_in_a_feed_is_text_not_markup(client, staff_user, path, tag):
    _event(staff_user, theme='<img src=x onerror="alert(1)"> <b>協働</b>\n2行目')
    root = ET.fromstring(client.get(path).content)
    html = next(e.text for e in root.iter(tag) if e.text and "協働" in e.text)
    # The HTML a feed reader renders shows the characters; nothing of it is markup.
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;b&gt;協働&lt;/b&gt;<br>2行目" in html
    assert "<img" not in html and "<b>" not in html


def test_pages_with_personal_data_are_not_stored(client, staff_user):
    consultation = make_consultation(staff_user, client_name="相談者 太郎")
    client.force_login(staff_user)
    for url in (
        "/staff/consultations/",
        f"/staff/consultations/{consultation.pk}/",
        f"/staff/consultations/{consultation.pk}/edit/",
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_resubmit_page_is_not_stored(client, staff_user):
    from kyodo.organizations import services
    from kyodo.organizations.tests.factories import application_data

    group = services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data())
    )
    token = services.application_return(actor=staff_user, organization=group, reason="住所を")
    response = client.get(f"/groups/apply/{group.pk}/{token}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_newest_first_ties_do_not_depend_on_the_index_rows(staff_user):
    """Two documents of one day keep their order when the index is rebuilt (as a restore
    does, with new index row ids in another order)."""
    from kyodo.search.indexing import reindex_all
    from kyodo.search.selectors import search

    make_consultation(staff_user, received_on=date(2011, 1, 26), summary="協働の進め方の相談")
    _event(staff_user, theme="協働の進め方")

    def first_page():
        return [(h.doc.kind, h.doc.object_id) for h in search("協働の進め方", staff=True)[0:20]]

    before = first_page()
    assert len(before) == 2
    reindex_all()
    assert first_page() == before


@pytest.mark.django_db
def test_an_unknown_host_gets_a_japanese_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")
    page = response.content.decode()
    assert (response.status_code, "<title>リクエストを受け付けられません</title>" in page) == (
        400,
        True,
    )
    assert "Bad Request" not in page and 'lang="ja"' in page
