"""A person asks the center to remove their data: staff find it and remove it at
/staff/privacy/, with the reason in the audit log (brief 7)."""

from datetime import date, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.consultations.models import Consultation
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core import services_privacy as privacy
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import services as events
from kyodo.events.models import Application, Event, EventKind
from kyodo.search.models import SearchDocument

REASON = "本人から電話で削除の申し出（12月7日）"
# As the form keeps it: full-width brackets folded (NFKC), as every staff form does.
REASON_KEPT = "本人から電話で削除の申し出(12月7日)"


@pytest.fixture
def event(staff_user):
    return events.event_create(
        actor=staff_user,
        status=Event.Status.PUBLISHED,
        title="会計講座中級編",
        kind=EventKind.LECTURE,
        date=timezone.localdate() + timedelta(days=7),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_text="イングビル3階 第1会議室",
        capacity_people=20,
    )


def _apply(event, name="山田 太郎", email="yamada@example.jp", **fields):
    return events.application_submit(
        actor=None,
        event=event,
        kind="individual",
        name=name,
        name_reading="やまだ たろう",
        email=email,
        phone="042-000-0000",
        note="車いすで伺います",
        **fields,
    )


def _held(event):
    # The event took place two weeks ago (its date moved back as time would have moved it).
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate() - timedelta(days=14), status=Event.Status.HELD
    )


def _personal(application) -> tuple:
    a = Application.objects.get(pk=application.pk)
    return (a.name, a.name_reading, a.email, a.phone, a.note, a.people, a.status)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_an_applicant_s_data_is_removed_with_its_mail_and_its_name_in_the_log(
    client, staff_user, event
):
    application = _apply(event)
    _held(event)
    client.force_login(staff_user)

    found = client.get("/staff/privacy/", {"q": "ヤマダ　タロウ"})
    assert found.status_code == 200
    assert [a.pk for a in found.context["found"].applications] == [application.pk]
    assert f'href="/staff/privacy/applications/{application.pk}/"' in found.content.decode()

    response = client.post(
        f"/staff/privacy/applications/{application.pk}/", {"reason": REASON}, follow=True
    )
    assert response.redirect_chain == [("/staff/privacy/", 302)]
    assert _messages(response) == ["申込者の個人情報を削除しました。"]
    assert _personal(application) == ("", "", "", "", "", 1, "confirmed")
    assert Application.objects.get(pk=application.pk).anonymised_at is not None
    assert list(
        OutboxMessage.objects.filter(kind="events.application_received").values_list("to", "body")
    ) == [("", "（削除済み）")]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=str(application.pk)
    ).order_by("pk")
    assert [(e.action, e.object_repr) for e in entries] == [
        ("kyodo.events.application.submitted", "（削除済み）"),
        ("kyodo.events.application.personal_data_removed", "（削除済み）"),
    ]
    assert entries.last().changes == {"event": event.pk, "reason": REASON_KEPT}
    assert entries.last().actor == staff_user
    # Not found again: there is nothing left to find.
    assert client.get("/staff/privacy/", {"q": "山田"}).context["found"].applications == []


def test_an_application_to_an_event_not_over_is_refused_until_cancelled(client, staff_user, event):
    application = _apply(event)
    before = (_personal(application), AuditEntry.objects.count())
    client.force_login(staff_user)
    response = client.post(f"/staff/privacy/applications/{application.pk}/", {"reason": REASON})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "まだ終わっていない事業への申し込みです。確認やキャンセル待ちの連絡にメールアドレスを使います。"
        "先に事業のページで申し込みを取り消してから削除してください。"
    ]
    assert (_personal(application), AuditEntry.objects.count()) == before

    events.application_cancel(actor=staff_user, application=application)
    privacy.application_personal_data_remove(
        actor=staff_user, application=application, reason=REASON
    )
    assert _personal(application) == ("", "", "", "", "", 1, "cancelled")


def test_a_removal_without_a_reason_or_twice_changes_nothing(client, staff_user, event):
    application = _apply(event)
    _held(event)
    client.force_login(staff_user)
    before = (_personal(application), AuditEntry.objects.count())
    response = client.post(f"/staff/privacy/applications/{application.pk}/", {"reason": "　 "})
    assert response.context["form"].errors == {"reason": ["このフィールドは必須です。"]}
    with pytest.raises(privacy.ReasonMissing) as refused:
        privacy.application_personal_data_remove(
            actor=staff_user, application=application, reason="\u3000"
        )
    assert str(refused.value.message) == (
        "削除する理由（誰から、いつ、どのように申し出があったか）を書いてください。操作履歴に残ります。"
    )
    assert (_personal(application), AuditEntry.objects.count()) == before

    privacy.application_personal_data_remove(
        actor=staff_user, application=application, reason=REASON
    )
    count = AuditEntry.objects.count()
    with pytest.raises(privacy.AlreadyRemoved):
        privacy.application_personal_data_remove(
            actor=staff_user, application=application, reason=REASON
        )
    assert AuditEntry.objects.count() == count


def test_a_consultation_client_s_name_and_contact_are_removed_and_the_record_kept(
    client, staff_user
):
    consultation = make_consultation(
        staff_user, client_name="佐藤 花子", client_contact="sato@example.jp"
    )
    client.force_login(staff_user)
    found = client.get("/staff/privacy/", {"q": "sato@example.jp"}).context["found"]
    assert [c.pk for c in found.consultations] == [consultation.pk]

    response = client.post(
        f"/staff/privacy/consultations/{consultation.pk}/",
        {"reason": REASON, "how": "anonymise"},
        follow=True,
    )
    assert _messages(response) == ["相談者の名前と連絡先を削除しました。"]
    kept = Consultation.objects.get(pk=consultation.pk)
    assert (kept.client_name, kept.client_contact, kept.summary, kept.received_on) == (
        "",
        "",
        "法人格について相談",
        date(2010, 12, 7),
    )
    entry = AuditEntry.objects.get(action="kyodo.consultations.consultation.personal_data_removed")
    assert (entry.actor, entry.object_id, entry.changes) == (
        staff_user,
        str(consultation.pk),
        {"reason": REASON_KEPT},
    )
    # A second time there is nothing to remove: refused, nothing written.
    count = AuditEntry.objects.count()
    response = client.post(
        f"/staff/privacy/consultations/{consultation.pk}/", {"reason": REASON, "how": "anonymise"}
    )
    assert response.context["form"].non_field_errors() == [
        "この相談には相談者の名前も連絡先も記録されていません。"
    ]
    assert AuditEntry.objects.count() == count


def test_a_consultation_is_deleted_with_its_search_document(client, staff_user):
    consultation = make_consultation(staff_user, client_name="佐藤 花子")
    pk = consultation.pk
    assert SearchDocument.objects.filter(object_id=pk, kind="consultation").count() == 1
    client.force_login(staff_user)
    response = client.post(
        f"/staff/privacy/consultations/{pk}/", {"reason": REASON, "how": "delete"}, follow=True
    )
    assert _messages(response) == ["相談を削除しました。"]
    assert not Consultation.objects.filter(pk=pk).exists()
    assert SearchDocument.objects.filter(object_id=pk, kind="consultation").count() == 0
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Consultation), object_id=str(pk)
    ).order_by("pk")
    assert [(e.action, e.object_repr) for e in entries] == [
        ("kyodo.consultations.consultation.create", "平成22年12月7日の相談（削除済み）"),
        ("kyodo.consultations.consultation.deleted", "平成22年12月7日の相談（削除済み）"),
    ]
    assert entries.last().changes == {"received_on": "2010-12-07", "reason": REASON_KEPT}


def test_bad_input_gets_a_japanese_message_and_changes_nothing(client, staff_user):
    consultation = make_consultation(staff_user, client_name="佐藤 花子")
    client.force_login(staff_user)
    count = AuditEntry.objects.count()
    response = client.post(
        f"/staff/privacy/consultations/{consultation.pk}/", {"reason": "あ" * 501, "how": "burn"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["500文字以内で入力してください（現在501文字）。"],
        "how": ["正しく選択してください。 burn は候補にありません。"],
    }
    assert Consultation.objects.get(pk=consultation.pk).client_name == "佐藤 花子"
    assert AuditEntry.objects.count() == count
    assert client.get("/staff/privacy/consultations/999999/").status_code == 404
    assert client.get("/staff/privacy/", {"q": "x" * 101}).status_code == 200


def test_only_staff_remove_personal_data(client, member_user, event, staff_user):
    application = _apply(event)
    _held(event)
    with pytest.raises(PermissionDenied):
        privacy.application_personal_data_remove(
            actor=member_user, application=application, reason=REASON
        )
    with pytest.raises(PermissionDenied):
        privacy.personal_data_find(actor=member_user, q="山田")
    client.force_login(member_user)
    response = client.post(f"/staff/privacy/applications/{application.pk}/", {"reason": REASON})
    assert response.status_code == 403
    assert _personal(application)[0] == "山田 太郎"
