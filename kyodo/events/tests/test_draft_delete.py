"""A draft that was never published never appears publicly: 中止 of a draft without applications
is refused (it would publish it as cancelled on the list, the CSV and the calendar file), and
staff delete a mistaken draft instead, after a confirmation, with an audit entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services
from kyodo.events.exceptions import InvalidEvent
from kyodo.events.models import Event, EventNote, EventSeries, Guest
from kyodo.events.tests.conftest import apply
from kyodo.search.models import SearchDocument

pytestmark = pytest.mark.django_db

CANCEL_REFUSED = (
    "下書きの事業は公開サイトに載ったことがないため、中止にはできません。削除してください。"
)
DELETE_REFUSED = "削除できるのは、申し込みのない下書きの事業だけです。"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def draft(make_event, staff_user) -> Event:
    event = make_event(title="間違えて作った講座", status=Event.Status.DRAFT, capacity_people=20)
    services.guest_add(actor=staff_user, event=event, name="講師", role=Guest.Role.LECTURER)
    services.note_add(actor=staff_user, event=event, kind=EventNote.Kind.REQUEST, text="要望")
    return event


def _public_texts(client, event: Event) -> dict[str, str]:
    return {
        "list": client.get("/events/").text,
        "month": client.get(f"/events/?month={event.date:%Y-%m}").text,
        "calendar": client.get(f"/events/calendar/{event.date.year}/{event.date.month}/").text,
        "csv": client.get("/opendata/events.csv").content.decode("utf-8-sig"),
        "ics": client.get("/calendar/events.ics").content.decode(),
    }


# --- 中止 of a draft -----------------------------------------------------------------------------


def test_cancelling_a_draft_without_applications_is_refused_and_changes_nothing(draft, staff_user):
    audit = AuditEntry.objects.count()

    with pytest.raises(InvalidEvent) as refused:
        services.event_cancel(actor=staff_user, event=draft)

    assert str(refused.value.message) == CANCEL_REFUSED
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
    assert AuditEntry.objects.count() == audit


def test_a_draft_cancelled_from_the_staff_page_never_reaches_the_public(
    draft, staff_client, client
):
    response = staff_client.post(f"/staff/events/{draft.pk}/status/cancel/", follow=True)

    assert CANCEL_REFUSED in response.text
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
    client.logout()
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    shown = {
        where: "間違えて作った講座" in text for where, text in _public_texts(client, draft).items()
    }
    assert shown == {"list": False, "month": False, "calendar": False, "csv": False, "ics": False}


def test_a_draft_that_took_applications_while_published_is_cancelled_and_its_applicants_told(
    make_event, staff_user, client
):
    event = make_event(title="取り下げた講座", capacity_people=20)
    apply(event, 1)
    services.event_unpublish(actor=staff_user, event=event)

    services.event_cancel(actor=staff_user, event=event)

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert list(
        OutboxMessage.objects.filter(kind="events.event_cancelled").values_list("to", flat=True)
    ) == ["person1@example.jp"]
    # It was public before: its page says it is cancelled, and search finds it as public.
    assert "この事業は中止になりました。" in client.get(f"/events/{event.pk}/").text
    assert SearchDocument.objects.get(kind="event", object_id=event.pk).audience == "public"


def test_the_staff_page_offers_deletion_for_a_draft_and_cancellation_for_a_published_event(
    draft, make_event, staff_client
):
    published = make_event(title="公開中の講座")

    draft_page = staff_client.get(f"/staff/events/{draft.pk}/").text
    published_page = staff_client.get(f"/staff/events/{published.pk}/").text

    delete_link = f'<a href="/staff/events/{draft.pk}/delete/">下書きを削除する</a>'
    assert delete_link in draft_page
    assert "事業を中止する" not in draft_page
    assert f'action="/staff/events/{published.pk}/status/cancel/"' in published_page
    assert "下書きを削除する" not in published_page


# --- deleting a draft ----------------------------------------------------------------------------


def test_a_draft_without_applications_is_deleted_with_its_guests_and_notes(draft, staff_user):
    pk = draft.pk
    assert SearchDocument.objects.filter(kind="event", object_id=pk).exists()

    services.event_delete(actor=staff_user, event=draft)

    assert not Event.objects.filter(pk=pk).exists()
    assert (Guest.objects.count(), EventNote.objects.count()) == (0, 0)
    assert not SearchDocument.objects.filter(kind="event", object_id=pk).exists()
    entry = AuditEntry.objects.get(action="kyodo.events.event.deleted")
    assert (entry.actor, entry.object_id, entry.object_repr) == (
        staff_user,
        str(pk),
        "間違えて作った講座",
    )
    assert entry.changes["title"] == [None, "間違えて作った講座"]
    assert entry.changes["status"] == [None, "draft"]


def test_deleting_the_last_draft_of_a_series_gives_its_number_to_the_next_event(
    make_event, staff_user
):
    series = services.series_create(actor=staff_user, name="企業懇談会", next_number=3)
    mistaken = make_event(title="", series=series, status=Event.Status.DRAFT)
    assert mistaken.series_number == 3

    services.event_delete(actor=staff_user, event=mistaken)
    again = make_event(title="", series=series, status=Event.Status.DRAFT)

    assert again.series_number == 3
    series.refresh_from_db()
    assert series.next_number == 4
    entry = AuditEntry.objects.get(action="kyodo.events.event.deleted")
    assert entry.changes["series_next_number"] == [4, 3]


@pytest.mark.parametrize("status", [Event.Status.PUBLISHED, Event.Status.CANCELLED, "held"])
def test_only_a_draft_can_be_deleted(make_event, staff_user, status):
    event = make_event(status=status)
    audit = AuditEntry.objects.count()

    with pytest.raises(InvalidEvent) as refused:
        services.event_delete(actor=staff_user, event=event)

    assert str(refused.value.message) == DELETE_REFUSED
    assert Event.objects.filter(pk=event.pk, status=status).exists()
    assert AuditEntry.objects.count() == audit


def test_a_draft_with_applications_even_cancelled_ones_is_not_deleted(make_event, staff_user):
    event = make_event()
    services.application_cancel(actor=None, application=apply(event, 1))
    services.event_unpublish(actor=staff_user, event=event)
    audit = AuditEntry.objects.count()

    with pytest.raises(InvalidEvent) as refused:
        services.event_delete(actor=staff_user, event=event)

    assert str(refused.value.message) == DELETE_REFUSED
    assert Event.objects.filter(pk=event.pk, status=Event.Status.DRAFT).exists()
    assert event.applications.count() == 1
    assert AuditEntry.objects.count() == audit


def test_only_staff_delete_an_event(draft, member_user):
    with pytest.raises(PermissionDenied):
        services.event_delete(actor=member_user, event=draft)

    assert Event.objects.filter(pk=draft.pk).exists()


def test_the_delete_page_asks_first_then_deletes(draft, staff_client):
    page = staff_client.get(f"/staff/events/{draft.pk}/delete/")

    assert page.status_code == 200
    assert "<h1>下書きを削除する</h1>" in page.text
    assert "この下書きの事業を削除しますか。" in page.text
    assert '<button type="submit">削除</button>' in page.text
    assert Event.objects.filter(pk=draft.pk).exists()

    response = staff_client.post(f"/staff/events/{draft.pk}/delete/", follow=True)

    assert response.redirect_chain == [("/staff/events/", 302)]
    assert "下書きの事業「間違えて作った講座」を削除しました。" in response.text
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_the_delete_page_of_a_published_event_refuses(make_event, staff_client):
    event = make_event()

    page = staff_client.get(f"/staff/events/{event.pk}/delete/")
    response = staff_client.post(f"/staff/events/{event.pk}/delete/", follow=True)

    assert DELETE_REFUSED in page.text
    assert "<button" not in page.text.split("<main", 1)[-1].split("</main>")[0]
    assert response.redirect_chain == [(f"/staff/events/{event.pk}/", 302)]
    assert DELETE_REFUSED in response.text
    assert Event.objects.filter(pk=event.pk, status=Event.Status.PUBLISHED).exists()
    assert not AuditEntry.objects.filter(action="kyodo.events.event.deleted").exists()


def test_an_unknown_event_has_no_delete_page(staff_client):
    assert staff_client.get("/staff/events/999999/delete/").status_code == 404
    assert EventSeries.objects.count() == 0
