"""The confirmation composed as a form letter before the event is locked: the same subject and
body as composing it for the applicant under the lock, rendered once for a rush."""

from __future__ import annotations

import pytest
from django.test.signals import template_rendered

from kyodo.core.models import Center, Venue
from kyodo.events import services
from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch):
    monkeypatch.setattr(services, "_LOCKED", {})
    monkeypatch.setattr(services, "_LETTERS", {})


@pytest.fixture(autouse=True)
def center(db, settings):
    """The center whose contact block signs the mail, at the site's address."""
    settings.SITE_URL = "https://kyodo.example.jp"
    return Center.objects.create(
        name="西東京市市民協働推進センター",
        address="東京都西東京市田無町3-7-2",
        phone="042-000-0000",
    )


@pytest.fixture
def renders():
    """How many times the confirmation's template was rendered."""
    count = []

    def rendered(sender, template, **kwargs):
        if template.name == "events/mail/application_received.txt":
            count.append(template.name)

    template_rendered.connect(rendered)
    yield count
    template_rendered.disconnect(rendered)


def _as_under_the_lock(event, status, position=None, **fields) -> Application:
    application = Application(event_id=event.pk, email="aoki@example.jp", **fields)
    application.pk, application.event, application.status = 987, event, status
    application.waitlist_position = position
    return application


APPLICANTS = {
    "person": {"kind": "individual", "name": "青木 陽子", "people": 1},
    "group by name": {"kind": "group", "name": "北村 陽子", "group_name": "ひばり会", "people": 4},
    "registered group": {"kind": "group", "name": "北村 陽子", "people": 12},
}


@pytest.mark.parametrize("applicant", APPLICANTS)
@pytest.mark.parametrize(("status", "position"), [("confirmed", None), ("waitlisted", 3)])
def test_the_form_letter_filled_in_is_the_confirmation_composed_for_the_applicant(
    make_event, applicant, status, position
):
    venue = Venue.objects.create(name="イングビル3階 第1会議室")
    event = make_event(capacity_people=10, venue=venue, venue_text="")
    apply(event, 1)  # the event as this process last locked it, an application confirmed
    services._LOCKED[event.pk] = (services._LOCKED[event.pk][0], status)
    fields = dict(APPLICANTS[applicant])
    if applicant == "registered group":
        fields["organization"] = make_organization(
            status="registered", name="にしとうきょう子ども食堂"
        )
    center = Center.objects.current()

    application = _as_under_the_lock(event, status, position, **fields)
    application.token = "tokenoftheapplicant"
    early = services._early_confirmation(
        _with_token(Application(event_id=event.pk, email="aoki@example.jp", **fields)), center
    )
    message = early.used_for(application)
    expected = services._mail_message(application, "application_received", center=center)

    assert (message.subject, message.body) == (expected.subject, expected.body)
    assert (message.to, message.kind, message.object_id) == (
        "aoki@example.jp", "events.application_received", "987",
    )  # fmt: skip
    assert "\x00" not in message.subject + message.body
    assert message.body.endswith("TEL 042-000-0000\nhttps://kyodo.example.jp/\n")


def _with_token(application: Application) -> Application:
    application.token = "tokenoftheapplicant"
    return application


def _person(event, n: int, name: str = "") -> Application:
    return Application(
        event_id=event.pk, kind="individual", name=name or f"申込者{n}", people=1,
        email=f"person{n}@example.jp",
    )  # fmt: skip


def test_a_rush_renders_the_confirmation_once_while_the_event_and_the_center_stay_the_same(
    make_event, renders
):
    event = make_event(capacity_people=10)
    apply(event, 1)
    center = Center.objects.current()
    renders.clear()

    letters = [services._early_confirmation(_person(event, n), center) for n in (2, 3, 4)]

    assert len(renders) == 1
    assert ["申込者2 様" in letters[0].message.body, "申込者3 様" in letters[1].message.body] == [
        True,
        True,
    ]
    assert "申込者2" not in letters[1].message.body
    # The center read again (its row written): written again, not the kept one.
    services._early_confirmation(_person(event, 5), Center.objects.current())
    assert len(renders) == 2


def test_an_applicant_whose_details_hold_a_mark_is_composed_under_the_lock(make_event):
    event = make_event(capacity_people=10)
    apply(event, 1)

    early = services._early_confirmation(
        _person(event, 2, name="申込者\x00people\x00"), Center.objects.current()
    )

    assert early is None
