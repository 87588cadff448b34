"""Sessions that do not eat work: the idle limit, drafts kept across sign-in, the CSRF page."""

import json
import time

import pytest
from django.test import Client

from kyodo.conftest import PASSWORD
from kyodo.core.sessions import DRAFT_KEY, SEEN_KEY

TEXT = "委員長：それでは始めます。\n事務局：12月期の月次報告です。"


@pytest.fixture
def item(staff_user):
    from datetime import date

    from kyodo.committees import services
    from kyodo.committees.models import Committee
    from kyodo.core.models import Center

    center = Center.objects.create(name="西東京市市民協働推進センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    meeting = services.meeting_create(actor=staff_user, committee=committee, date=date(2027, 1, 19))
    return services.item_add(actor=staff_user, meeting=meeting, category="report", title="月次報告")


def _idle(client, minutes: int) -> None:
    session = client.session
    session[SEEN_KEY] = int(time.time()) - minutes * 60
    session.save()


def test_a_staff_session_ends_after_the_idle_limit(client, staff_user, settings):
    settings.SESSION_IDLE_MINUTES = 60
    client.force_login(staff_user)
    _idle(client, 59)
    assert client.get("/staff/").status_code == 200
    _idle(client, 61)
    response = client.get("/staff/")
    assert response["Location"] == "/accounts/login/?next=/staff/"
    assert "_auth_user_id" not in client.session


def test_typed_minutes_come_back_after_signing_in_again(client, staff_user, item, make_user):
    url = f"/staff/committees/items/{item.pk}/"
    client.force_login(staff_user)
    _idle(client, 61)
    response = client.post(url, {"text": TEXT, "preview": "1"})
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert client.session[DRAFT_KEY]["fields"] == {"text": [TEXT], "preview": ["1"]}
    assert item.entries.count() == 0  # nothing was saved
    login = client.post(
        "/accounts/login/", {"username": "staff1", "password": PASSWORD, "next": url}
    )
    assert login["Location"] == url
    page = client.get(url)
    draft = json.loads(
        page.text.split('<script id="kyodo-draft" type="application/json">')[1].split("</script>")[
            0
        ]
    )
    assert draft == {"path": url, "fields": {"text": [TEXT], "preview": ["1"]}}
    assert DRAFT_KEY not in client.session  # given back once
    assert "kyodo-draft" not in client.get(url).text


def test_a_draft_is_not_given_to_someone_else(client, staff_user, item, make_user):
    from kyodo.core.roles import Role

    url = f"/staff/committees/items/{item.pk}/"
    client.force_login(staff_user)
    _idle(client, 61)
    client.post(url, {"text": TEXT})
    make_user("other", Role.STAFF)
    client.post("/accounts/login/", {"username": "other", "password": PASSWORD})
    assert "kyodo-draft" not in client.get(url).text


def test_a_post_without_a_session_keeps_the_draft_too(client, db):
    response = client.post("/staff/committees/items/1/", {"text": TEXT})
    assert response["Location"] == "/accounts/login/?next=/staff/committees/items/1/"
    assert client.session[DRAFT_KEY]["fields"] == {"text": [TEXT]}


def test_the_csrf_failure_page_is_japanese_and_keeps_a_same_site_form(staff_user, item):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    url = f"/staff/committees/items/{item.pk}/"
    response = client.post(url, {"text": TEXT}, headers={"Origin": "http://testserver"})
    assert response.status_code == 403
    assert "フォームを送信できませんでした" in response.text
    assert "DEBUG" not in response.text
    assert f'href="{url}"' in response.text
    assert client.session[DRAFT_KEY]["fields"] == {"text": [TEXT]}
    assert item.entries.count() == 0


def test_a_cross_site_post_is_never_kept(staff_user, item):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    url = f"/staff/committees/items/{item.pk}/"
    response = client.post(url, {"text": "偽の発言"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "フォームを送信できませんでした" in response.text
    assert DRAFT_KEY not in client.session
