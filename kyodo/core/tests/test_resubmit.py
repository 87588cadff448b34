"""A form that creates a record is taken once (kyodo.core.resubmit): sent twice, by a double
click or by going back after saving, it saves one record."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kyodo.consultations.models import Consultation
from kyodo.contact.models import Inquiry
from kyodo.core.models import Center
from kyodo.core.resubmit import FIELD

pytestmark = pytest.mark.django_db


def _form_id(html: str) -> str:
    ids = re.findall(rf'name="{FIELD}" value="([^"]+)"', html)
    assert len(ids) >= 1
    return ids[-1]


CONSULTATION = {
    "received_on": "令和8年12月1日",
    "channel": "visit",
    "client_type": "individual",
    "categories": ["legal_form"],
    "summary": "法人格について相談",
    "advice": "NPO法人の概要を説明",
}


def test_a_consultation_sent_twice_is_saved_once(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/staff/consultations/new/").content.decode()
    form_id = _form_id(page)
    assert _form_id(client.get("/staff/consultations/new/").content.decode()) != form_id
    data = {**CONSULTATION, "staff": staff_user.pk, FIELD: form_id}
    first = client.post("/staff/consultations/new/", data)
    again = client.post("/staff/consultations/new/", data, follow=True)
    consultation = Consultation.objects.get()
    assert (first.status_code, first["Location"]) == (
        302,
        f"/staff/consultations/{consultation.pk}/",
    )
    assert again.redirect_chain == [("/staff/consultations/new/", 302)]
    assert "このフォームはすでに送信され、1回分が保存されています。" in again.content.decode()
    assert Consultation.objects.count() == 1


def test_a_form_shown_again_with_its_errors_can_be_sent_with_the_same_id(client, staff_user):
    client.force_login(staff_user)
    form_id = _form_id(client.get("/staff/consultations/new/").content.decode())
    data = {**CONSULTATION, "staff": staff_user.pk, FIELD: form_id}
    refused = client.post("/staff/consultations/new/", {**data, "summary": ""})
    assert (refused.status_code, Consultation.objects.count()) == (200, 0)
    assert client.post("/staff/consultations/new/", data).status_code == 302
    assert Consultation.objects.count() == 1


def test_the_contact_forms_last_step_is_taken_once_and_each_visitor_has_their_own_id(client):
    Center.objects.create(name="センター", email="center@example.jp")
    first_visit = client.get("/contact/").content.decode()
    assert _form_id(first_visit) != _form_id(client.get("/contact/").content.decode())
    data = {
        "kind": "question",
        "name": "田無 花子",
        "email": "tanashi@example.jp",
        "body": "土曜日の夜も会議室を借りられますか。",
        "consent": "on",
    }
    confirm = client.post("/contact/", {**data, FIELD: _form_id(first_visit)})
    send = {**data, "step": "send", FIELD: _form_id(confirm.content.decode())}
    assert client.post("/contact/", send).status_code == 302
    assert client.post("/contact/", send).status_code == 302  # back to the form, with the message
    assert Inquiry.objects.count() == 1


def test_a_note_on_an_event_sent_twice_is_recorded_once(client, staff_user):
    from kyodo.events.models import Event, EventKind, EventNote
    from kyodo.events.services import event_create

    event = event_create(
        actor=staff_user,
        title="NPO入門講座",
        kind=EventKind.LECTURE,
        date=date(2026, 11, 1),
        status=Event.Status.DRAFT,
    )
    client.force_login(staff_user)
    form_id = _form_id(client.get(f"/staff/events/{event.pk}/").content.decode())
    data = {"kind": "feedback", "text": "とても参考になった", FIELD: form_id}
    assert client.post(f"/staff/events/{event.pk}/notes/new/", data).status_code == 302
    again = client.post(f"/staff/events/{event.pk}/notes/new/", data, follow=True)
    assert "このフォームはすでに送信され、1回分が保存されています。" in again.content.decode()
    assert list(EventNote.objects.values_list("text", flat=True)) == ["とても参考になった"]


def test_a_group_application_sent_twice_is_mailed_for_confirmation_once(client):
    from kyodo.core.models import OutboxMessage, PendingSubmission
    from kyodo.organizations.tests.factories import application_post

    form_id = _form_id(client.get("/groups/apply/").content.decode())
    data = application_post() | {FIELD: form_id}
    assert client.post("/groups/apply/", data)["Location"] == "/confirm/sent/"
    assert client.post("/groups/apply/", data).status_code == 302
    assert PendingSubmission.objects.count() == 1
    assert OutboxMessage.objects.filter(kind="core.confirmation").count() == 1
