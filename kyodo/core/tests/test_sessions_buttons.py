"""A button pressed after the staff session ended (送付, 公開, 中止 …: a POST form with only its
CSRF token, to an address that takes only POST): after signing in the person lands on the page
the button was on, told to press it again, never on a 405. A form with fields that posts to
another address is given back on its page too."""

import json
import time
from datetime import date
from datetime import time as clock

import pytest

from kyodo.conftest import PASSWORD
from kyodo.core.sessions import DRAFT_KEY, PRESS_AGAIN_KEY, SEEN_KEY, answers_get, form_page

PRESS_AGAIN = "ボタンをもう一度押してください"


def _idle(client, minutes: int = 61) -> None:
    session = client.session
    session[SEEN_KEY] = int(time.time()) - minutes * 60
    session.save()


def _sign_in(client, next_url: str):
    return client.post(
        "/accounts/login/", {"username": "staff1", "password": PASSWORD, "next": next_url}
    )


@pytest.fixture
def event(staff_user):
    from kyodo.events.models import Event, EventKind
    from kyodo.events.services import event_create

    return event_create(
        actor=staff_user,
        title="NPO入門講座",
        kind=EventKind.LECTURE,
        date=date(2027, 2, 1),
        start_time=clock(14),
        end_time=clock(16),
        status=Event.Status.DRAFT,
    )


@pytest.mark.django_db
def test_pages_and_actions_are_told_apart():
    assert answers_get("/staff/events/1/") is True
    assert answers_get("/staff/events/1/status/publish/") is False  # require_POST
    assert answers_get("/staff/groups/1/reject/") is False
    assert answers_get("/staff/events/1/status/") is False  # no such address
    assert answers_get("/staff/events/1/edit/") is True


def test_the_forms_page_is_the_referring_one_or_the_nearest_page_above(rf):
    request = rf.post(
        "/staff/events/7/status/publish/",
        headers={"Referer": "http://testserver/staff/events/7/?tab=notes"},
    )
    assert form_page(request) == "/staff/events/7/?tab=notes"
    # Another site, or no Referer: the nearest page above the action.
    for headers in ({"Referer": "https://evil.example/staff/"}, {}):
        request = rf.post("/staff/events/7/status/publish/", headers=headers)
        assert form_page(request) == "/staff/events/7/"
    # A form posting to its own page goes back to it.
    assert form_page(rf.post("/staff/events/7/edit/")) == "/staff/events/7/edit/"
    # A refused form served at the action's address: its page is above it.
    request = rf.post(
        "/staff/groups/3/reject/", headers={"Referer": "http://testserver/staff/groups/3/reject/"}
    )
    assert form_page(request) == "/staff/groups/3/"


@pytest.mark.django_db
def test_a_button_pressed_after_the_end_lands_on_its_page_after_signing_in(
    client, staff_user, event
):
    page = f"/staff/events/{event.pk}/"
    action = f"/staff/events/{event.pk}/status/publish/"
    client.force_login(staff_user)
    _idle(client)
    response = client.post(action, headers={"Referer": f"http://testserver{page}"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={page}"
    event.refresh_from_db()
    assert event.status == "draft"  # nothing was done
    assert DRAFT_KEY not in client.session  # nothing to fill in again
    assert client.session[PRESS_AGAIN_KEY]["page"] == page
    login_page = client.get(response["Location"])
    assert "操作は行われていません" in login_page.text

    login = _sign_in(client, page)
    assert login["Location"] == page
    landed = client.get(page)
    assert landed.status_code == 200
    assert PRESS_AGAIN in landed.text
    assert f'action="{action}"' in landed.text  # the button is there to press again
    assert PRESS_AGAIN_KEY not in client.session  # said once
    assert PRESS_AGAIN not in client.get(page).text
    # Pressing it now does it.
    assert client.post(action).status_code == 302
    event.refresh_from_db()
    assert event.status == "published"


@pytest.mark.django_db
def test_without_a_referer_the_page_above_the_action_is_used(client, staff_user, event):
    client.force_login(staff_user)
    _idle(client)
    response = client.post(f"/staff/events/{event.pk}/status/publish/")
    assert response["Location"] == f"/accounts/login/?next=/staff/events/{event.pk}/"


@pytest.mark.django_db
def test_someone_else_signing_in_is_not_told(client, staff_user, event, make_user):
    from kyodo.core.roles import Role

    page = f"/staff/events/{event.pk}/"
    client.force_login(staff_user)
    _idle(client)
    client.post(f"/staff/events/{event.pk}/status/publish/")
    make_user("other", Role.STAFF)
    client.post("/accounts/login/", {"username": "other", "password": PASSWORD})
    assert PRESS_AGAIN not in client.get(page).text


@pytest.mark.django_db
def test_a_form_posting_elsewhere_is_filled_in_again_on_its_page(client, staff_user):
    from kyodo.organizations.tests.factories import make_organization

    group = make_organization(status="applied")
    page = f"/staff/groups/{group.pk}/"
    action = f"/staff/groups/{group.pk}/reject/"
    client.force_login(staff_user)
    _idle(client)
    response = client.post(
        action,
        {"reject-reason": "重複した申請です"},
        headers={"Referer": f"http://testserver{page}"},
    )
    assert response["Location"] == f"/accounts/login/?next={page}"
    assert client.session[DRAFT_KEY]["path"] == action
    assert client.session[DRAFT_KEY]["page"] == page
    assert _sign_in(client, page)["Location"] == page
    html = client.get(page).text
    draft = json.loads(
        html.split('<script id="kyodo-draft" type="application/json">')[1].split("</script>")[0]
    )
    # staff.js fills in the form whose action is the draft's path, on this page.
    assert draft == {"path": action, "fields": {"reject-reason": ["重複した申請です"]}}
    assert f'action="{action}"' in html
    group.refresh_from_db()
    assert group.status == "applied"


@pytest.mark.django_db
def test_an_old_link_to_a_kept_forms_action_leads_to_its_page(client, staff_user):
    # The CSRF page links to the address the form was sent to: for an action, its page.
    from kyodo.organizations.tests.factories import make_organization

    group = make_organization(status="applied")
    action = f"/staff/groups/{group.pk}/reject/"
    client.force_login(staff_user)
    _idle(client)
    client.post(
        action,
        {"reject-reason": "重複"},
        headers={"Referer": f"http://testserver/staff/groups/{group.pk}/"},
    )
    _sign_in(client, "/staff/")
    response = client.get(action)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/groups/{group.pk}/"
    assert "kyodo-draft" in client.get(response["Location"]).text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_the_button_page_comes_back_not_a_405(page, staff_user, event):
    from importlib import import_module

    from django.conf import settings

    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("staff1")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/staff/")
    url = f"/staff/events/{event.pk}/"
    page.goto(url)
    # The office computer is left alone past the idle limit.
    key = next(
        c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    store[SEEN_KEY] = int(time.time()) - 61 * 60
    store.save()
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("ユーザー名").fill("staff1")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**{url}")
    text = page.content()
    assert "405" not in page.title()
    assert PRESS_AGAIN in text
    event.refresh_from_db()
    assert event.status == "draft"
