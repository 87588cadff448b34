"""A capacity cannot be cut below the places already confirmed: the public page would say
「定員 5人 現在の申し込み 10人」. The service refuses it, naming the confirmed count, and changes
nothing; the staff form shows the refusal on the field."""

from __future__ import annotations

import pytest

from kyodo.core.models import AuditEntry
from kyodo.core.versions import edit_version
from kyodo.events import services
from kyodo.events.exceptions import InvalidEvent
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_staff import event_data

pytestmark = pytest.mark.django_db

PEOPLE_REFUSED = "すでに10人の申し込みが確定しているため、定員を10人未満にはできません。"
GROUPS_REFUSED = "すでに2団体の申し込みが確定しているため、定員を2団体未満にはできません。"


@pytest.fixture
def ten_confirmed(make_event) -> Event:
    """Capacity 20 people and 5 groups; confirmed: two groups of 3 and 4 people, and 3 persons
    (10 people, 2 groups); one more application cancelled."""
    event = make_event(capacity_people=20, capacity_groups=5)
    apply(event, 1, kind="group", group_name="風の会", people=3)
    apply(event, 2, kind="group", group_name="星の会", people=4)
    for n in range(3, 6):
        apply(event, n)
    services.application_cancel(actor=None, application=apply(event, 6, people=1))
    return event


def _state(event: Event) -> tuple:
    event.refresh_from_db()
    return (event.capacity_people, event.capacity_groups, event.updated_at)


def test_a_cut_below_the_confirmed_people_is_refused_and_changes_nothing(ten_confirmed, staff_user):
    before, audit = _state(ten_confirmed), AuditEntry.objects.count()

    with pytest.raises(InvalidEvent) as refused:
        services.event_update(actor=staff_user, event=ten_confirmed, capacity_people=5)

    assert str(refused.value.message) == PEOPLE_REFUSED
    assert refused.value.field == "capacity_people"
    assert _state(ten_confirmed) == before
    assert AuditEntry.objects.count() == audit


def test_a_cut_below_the_confirmed_groups_is_refused_and_changes_nothing(ten_confirmed, staff_user):
    before, audit = _state(ten_confirmed), AuditEntry.objects.count()

    with pytest.raises(InvalidEvent) as refused:
        services.event_update(actor=staff_user, event=ten_confirmed, capacity_groups=1)

    assert str(refused.value.message) == GROUPS_REFUSED
    assert refused.value.field == "capacity_groups"
    assert _state(ten_confirmed) == before
    assert AuditEntry.objects.count() == audit


def test_a_capacity_down_to_exactly_the_confirmed_places_is_accepted(ten_confirmed, staff_user):
    services.event_update(
        actor=staff_user, event=ten_confirmed, capacity_people=10, capacity_groups=2
    )

    assert _state(ten_confirmed)[:2] == (10, 2)
    entry = AuditEntry.objects.filter(action="kyodo.events.event.updated").get()
    assert entry.changes == {"capacity_people": [20, 10], "capacity_groups": [5, 2]}


def test_waiting_applications_do_not_hold_a_place(make_event, staff_user):
    event = make_event(capacity_people=2)
    for n in range(3):
        apply(event, n)  # two confirmed, one waiting

    with pytest.raises(InvalidEvent) as refused:
        services.event_update(actor=staff_user, event=event, capacity_people=1)
    services.event_update(actor=staff_user, event=event, capacity_people=2)

    assert str(refused.value.message) == (
        "すでに2人の申し込みが確定しているため、定員を2人未満にはできません。"
    )
    assert list(event.applications.values_list("status", flat=True)) == [
        Application.Status.CONFIRMED,
        Application.Status.CONFIRMED,
        Application.Status.WAITLISTED,
    ]


def test_a_capacity_given_to_an_event_without_one_is_checked_too(make_event, staff_user):
    event = make_event()
    for n in range(3):
        apply(event, n)

    with pytest.raises(InvalidEvent):
        services.event_update(actor=staff_user, event=event, capacity_people=2)

    event.refresh_from_db()
    assert event.capacity_people is None


def test_an_event_already_over_its_capacity_keeps_its_other_edits(ten_confirmed, staff_user):
    # Cut before the check existed: the title can still be corrected.
    Event.objects.filter(pk=ten_confirmed.pk).update(capacity_people=5)

    services.event_update(actor=staff_user, event=ten_confirmed, title="会計講座上級編")

    ten_confirmed.refresh_from_db()
    assert (ten_confirmed.title, ten_confirmed.capacity_people) == ("会計講座上級編", 5)


def test_the_staff_form_shows_the_refusal_on_the_capacity_field(client, staff_user, ten_confirmed):
    client.force_login(staff_user)
    before, audit = _state(ten_confirmed), AuditEntry.objects.count()
    data = event_data(
        title=ten_confirmed.title,
        date=ten_confirmed.date.isoformat(),
        start_time="19:00",
        end_time="21:00",
        capacity_people="5",
        capacity_groups="5",
    )

    response = client.post(
        f"/staff/events/{ten_confirmed.pk}/edit/",
        data | {"edit_version": edit_version(ten_confirmed)},
    )

    assert response.status_code == 400
    assert f'<p class="error" id="id_capacity_people_error">{PEOPLE_REFUSED}</p>' in response.text
    assert _state(ten_confirmed) == before
    assert AuditEntry.objects.count() == audit
