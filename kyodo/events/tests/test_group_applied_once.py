"""One registered group takes one group's place: a second application for the same group (not
cancelled), sent by another member with another address, is refused under the event's lock in
the same statement that counts the places."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services
from kyodo.events.exceptions import InvalidApplication
from kyodo.events.models import Application
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_public import form_data, organization

pytestmark = pytest.mark.django_db

REFUSED = (
    "この団体はすでにこの事業に申し込んでいます。人数を変更する場合は、センターにご連絡ください。"
)


@pytest.fixture
def kaze():
    return organization("西東京風の会", "にしとうきょうかぜのかい")


def _apply_for(event, group, n: int, **fields):
    return apply(event, n, kind="group", organization=group, people=3, **fields)


def _written() -> tuple[int, int, int]:
    return Application.objects.count(), AuditEntry.objects.count(), OutboxMessage.objects.count()


def test_a_second_application_for_the_same_group_is_refused_and_writes_nothing(make_event, kaze):
    event = make_event(capacity_groups=5)
    _apply_for(event, kaze, 1)
    before = _written()

    with pytest.raises(InvalidApplication) as refused:
        _apply_for(event, kaze, 2, name="別の担当者")

    assert str(refused.value.message) == REFUSED
    assert refused.value.field == "organization"
    assert _written() == before
    assert list(event.applications.values_list("email", "status")) == [
        ("person1@example.jp", "confirmed")
    ]


def test_a_waiting_application_of_the_group_counts_too(make_event, kaze):
    event = make_event(capacity_groups=1)
    _apply_for(event, organization("保谷の会", "ほうやのかい"), 1)
    _apply_for(event, kaze, 2)  # waiting: the only group place is taken

    with pytest.raises(InvalidApplication):
        _apply_for(event, kaze, 3)

    assert list(event.applications.values_list("organization__name", "status")) == [
        ("保谷の会", "confirmed"),
        ("西東京風の会", "waitlisted"),
    ]


def test_staff_cannot_record_a_second_one_either(make_event, kaze, staff_user):
    event = make_event(capacity_groups=5)
    _apply_for(event, kaze, 1)

    with pytest.raises(InvalidApplication) as refused:
        services.application_submit(
            actor=staff_user,
            event=event,
            kind="group",
            organization=kaze,
            people=2,
            name="電話の担当者",
            phone="042-000-0000",
            channel=Application.Channel.PHONE,
        )

    assert str(refused.value.message) == REFUSED
    assert event.applications.count() == 1


def test_once_cancelled_the_group_may_apply_again(make_event, kaze):
    event = make_event(capacity_groups=5)
    services.application_cancel(actor=None, application=_apply_for(event, kaze, 1))

    again = _apply_for(event, kaze, 2)

    assert again.status == Application.Status.CONFIRMED


def test_other_groups_and_other_events_are_not_affected(make_event, kaze):
    event, other_event = make_event(capacity_groups=5), make_event(capacity_groups=5)
    _apply_for(event, kaze, 1)

    _apply_for(event, organization("保谷の会", "ほうやのかい"), 2)
    _apply_for(other_event, kaze, 3)
    apply(event, 4, kind="group", group_name="西東京風の会", people=2)  # not chosen from the list

    assert event.applications.count() == 3
    assert other_event.applications.count() == 1


def test_the_check_is_part_of_the_one_counting_statement(make_event, kaze):
    event = make_event(capacity_groups=5)
    _apply_for(event, kaze, 1)

    with CaptureQueriesContext(connection) as with_group:
        with pytest.raises(InvalidApplication):
            _apply_for(event, kaze, 2)
    with CaptureQueriesContext(connection) as person:
        with pytest.raises(InvalidApplication):
            apply(event, 1, kind="group", organization=kaze, people=3)  # the same person

    counting = [q["sql"] for q in with_group.captured_queries if "organization_id = " in q["sql"]]
    assert len(counting) == 1
    assert "UPPER(email)" in counting[0]  # the applicant's own check, in the same statement
    assert len(with_group.captured_queries) == len(person.captured_queries)


def test_the_public_form_shows_the_refusal_on_the_group_field(client, make_event, kaze):
    event = make_event(capacity_groups=5)
    _apply_for(event, kaze, 1)
    before = _written()

    response = client.post(
        f"/events/{event.pk}/",
        form_data(kind="group", organization=str(kaze.pk), people="2", email="other@example.jp"),
    )

    assert response.status_code == 400
    assert f'<p class="error" id="id_organization_error">{REFUSED}</p>' in response.text
    assert _written() == before
