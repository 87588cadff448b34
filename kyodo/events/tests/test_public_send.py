"""The 完了 step of the public application form (``step=send``): made at once by the service,
in a fixed number of statements however many applied before, refused on the page as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply
from kyodo.events.tests.test_public import form_data


def test_sending_takes_a_fixed_number_of_statements(client, make_event, django_assert_num_queries):
    event = make_event(capacity_people=2)
    for n in range(5):  # two confirmed, three waiting: the same statements as for the first
        apply(event, n)
    client.get(f"/events/{event.pk}/")  # the CSRF cookie, as a browser has it

    # The center; in the transaction (a savepoint in this test's own): the event locked, one
    # count (which draws the application's id), the application, its mail (the row only: the
    # worker reads the outbox) and the audit row: in one statement on PostgreSQL, three on SQLite.
    with django_assert_num_queries(6 if connection.vendor == "postgresql" else 8):
        response = client.post(f"/events/{event.pk}/", form_data())

    application = Application.objects.get(email="aoki@example.jp")
    assert response.status_code == 302
    assert response["Location"] == f"/events/applications/{application.token}/"
    assert (application.status, application.waitlist_position) == ("waitlisted", 4)
    assert OutboxMessage.objects.filter(object_id=str(application.pk)).count() == 1
    assert AuditEntry.objects.filter(
        action="kyodo.events.application.submitted", object_id=str(application.pk)
    ).exists()


@pytest.mark.parametrize("status", [Event.Status.DRAFT, None])
def test_sending_to_a_draft_or_unknown_event_is_not_found(client, make_event, status):
    event = make_event(status=status or Event.Status.PUBLISHED)
    pk = event.pk if status else event.pk + 1000

    response = client.post(f"/events/{pk}/", form_data())

    assert response.status_code == 404
    assert not Application.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_applying_twice_is_refused_on_the_page_and_changes_nothing(client, make_event):
    event = make_event(capacity_people=10)
    assert client.post(f"/events/{event.pk}/", form_data()).status_code == 302

    again = client.post(f"/events/{event.pk}/", form_data(email="AOKI@example.jp"))

    assert again.status_code == 400
    assert "この事業にはすでにお申し込みいただいています。" in again.text
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert DBTaskResult.objects.count() == 0  # the worker reads the outbox itself


def test_places_waiting_list_and_earlier_applications_are_counted_exactly(make_event):
    event = make_event(capacity_people=30, capacity_groups=3)
    apply(event, 1, kind="group", group_name="西東京ひかりの会", people=4)
    apply(event, 2, kind="group", group_name="田無みどりの会", people=20)
    apply(event, 3)
    cancelled = apply(event, 4)
    services.application_cancel(actor=None, application=cancelled)
    apply(event, 5, kind="group", group_name="保谷の会", people=10)  # 25 + 10 > 30: waits
    apply(event, 6)  # someone waits: waits too
    event = Event.objects.get(pk=event.pk)

    taken = services._count_taken(event, applicant=("PERSON3@example.jp", "申込者3"))
    assert taken == services.Taken(people=25, groups=2, waiting=2, already_applied=True)
    # A cancelled application is not one; nor is the same address under another name.
    assert not services._count_taken(
        event, applicant=("person4@example.jp", "申込者4")
    ).already_applied
    assert not services._count_taken(
        event, applicant=("person3@example.jp", "別の人")
    ).already_applied
    assert services._count_taken(event) == services.Taken(people=25, groups=2, waiting=2)


def test_the_mail_of_an_event_in_a_series_at_a_venue_is_as_the_orm_would_write_it(
    make_event, staff_user
):
    from kyodo.core.mail import render_mail
    from kyodo.core.models import Venue

    series = services.series_create(actor=staff_user, name="NPO市民活動ネットワーク", next_number=3)
    venue = Venue.objects.create(name="イングビル3階 第1会議室", address="西東京市田無町")
    event = make_event(series=series, venue=venue, venue_text="", title="", capacity_people=1)
    apply(event, 1)

    application = apply(event, 2)  # waits: the mail says which place

    mail = OutboxMessage.objects.get(object_id=str(application.pk))
    assert "NPO市民活動ネットワーク 第3回" in mail.subject
    assert "イングビル3階 第1会議室" in mail.body
    loaded = Application.objects.select_related("event__series", "event__venue").get(
        pk=application.pk
    )
    assert (mail.subject, mail.body) == render_mail(
        "events/mail/application_received.txt",
        {
            "application": loaded,
            "event": loaded.event,
            "cancel_url": services.cancel_url(loaded),
        },
    )
