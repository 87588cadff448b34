"""A person's request to remove their data covers everything Kyodo holds about them (brief 24/h4):
inquiries with their replies, questionnaire comments, forms waiting for mail confirmation and mail
sent to them are found and removed at /staff/privacy/, each with the reason in the audit log;
groups they are the contact of and committee seats are shown with what to do instead."""

import re
from datetime import time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.committees.models import Member
from kyodo.consultations.models import Consultation
from kyodo.consultations.tests.factories import make_consultation
from kyodo.contact import services as contact
from kyodo.contact.models import Inquiry, InquiryReply
from kyodo.core import services_privacy as privacy
from kyodo.core.confirmations import submission_request
from kyodo.core.models import AuditEntry, OutboxMessage, PendingSubmission
from kyodo.core.outbox import outbox_enqueue
from kyodo.events import selectors as event_selectors
from kyodo.events import services as events
from kyodo.events.models import Event, EventKind, Feedback
from kyodo.organizations.tests.factories import application_data, make_organization

REASON = "本人から電話で削除の申し出（12月7日）"
REASON_KEPT = "本人から電話で削除の申し出(12月7日)"
EMAIL = "yamada@example.jp"


@pytest.fixture
def person(staff_user):
    """山田 太郎 as the center knows him: an application to an event held yesterday with a
    questionnaire answer, an inquiry answered by mail, a group application waiting for his
    confirmation, a registered group and an applied one he represents, a committee seat, and
    a mail about a meeting."""
    event = events.event_create(
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
    application = events.application_submit(
        actor=None,
        event=event,
        kind="individual",
        name="山田 太郎",
        name_reading="やまだ たろう",
        email=EMAIL,
        phone="042-000-0000",
    )
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate() - timedelta(days=1), status=Event.Status.HELD
    )
    event.refresh_from_db()
    events.feedback_request(actor=staff_user, event=event)
    feedback = events.feedback_answer(
        token=application.token,
        satisfaction=4,
        good_points="講師の話がよかった。山田",
        requests="夜の回を増やしてほしい",
    )
    inquiry = contact.inquiry_submit(
        kind="question",
        name="山田　太郎",
        email=EMAIL,
        phone="090-1111-2222",
        body="次の講座について教えてください。",
        sender="192.0.2.1",
    )
    contact.inquiry_reply(
        actor=staff_user, inquiry=inquiry, body="山田様　ご連絡ありがとうございます。"
    )
    pending = submission_request(
        kind="organizations.application",
        email=EMAIL,
        payload={
            "data": application_data(
                name="ひばりの会",
                representative_name="山田 太郎",
                representative_reading="やまだ たろう",
                email=EMAIL,
            )
        },
        hours=72,
    )
    registered = make_organization(
        "西東京風の会",
        status="registered",
        representative_name="山田 太郎",
        representative_reading="やまだ たろう",
        email="kaze@example.jp",
    )
    applied = make_organization(
        "みどりの会",
        "みどりのかい",
        status="applied",
        representative_name="山田太郎",
        representative_reading="やまだ たろう",
        email="midori@example.jp",
    )
    member = Member.objects.create(
        name="山田 太郎", name_reading="やまだ たろう", sector="citizen", email=EMAIL
    )
    notice = outbox_enqueue(
        to=EMAIL, subject="運営委員会のお知らせ", body="山田 太郎 様", kind="committees.notice"
    )
    return {
        "event": event,
        "application": application,
        "feedback": feedback,
        "inquiry": inquiry,
        "pending": pending,
        "registered": registered,
        "applied": applied,
        "member": member,
        "notice": notice,
    }


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _mail_to(address: str) -> list[tuple[str, str]]:
    return list(
        OutboxMessage.objects.filter(to=address).order_by("pk").values_list("kind", "status")
    )


def _kinds(found) -> dict[str, list[int]]:
    return {
        name: [row.pk for row in getattr(found, name)]
        for name in (
            "applications",
            "consultations",
            "inquiries",
            "feedback",
            "submissions",
            "mail",
            "group_applications",
            "organizations",
            "members",
        )
    }


def test_the_search_finds_the_person_everywhere_the_center_holds_them(client, staff_user, person):
    consultation = make_consultation(staff_user, client_name="山田太郎")
    mail = list(OutboxMessage.objects.filter(to=EMAIL).order_by("-created_at", "-pk"))
    assert [m.kind for m in mail] == [
        "committees.notice",
        "core.confirmation",
        "contact.reply",
        "contact.received",
        "events.feedback_request",
        "events.application_received",
    ]
    client.force_login(staff_user)

    by_name = client.get("/staff/privacy/", {"q": "山田　太郎"})
    assert _kinds(by_name.context["found"]) == {
        "applications": [person["application"].pk],
        "consultations": [consultation.pk],
        "inquiries": [person["inquiry"].pk],
        "feedback": [person["feedback"].pk],
        "submissions": [person["pending"].pk],
        "mail": [m.pk for m in mail],
        "group_applications": [person["applied"].pk],
        "organizations": [person["registered"].pk],
        "members": [person["member"].pk],
    }
    page = by_name.content.decode()
    for href in (
        f'href="/staff/privacy/inquiries/{person["inquiry"].pk}/"',
        f'href="/staff/privacy/feedback/{person["feedback"].pk}/"',
        f'href="/staff/privacy/submissions/{person["pending"].pk}/"',
        f'href="/staff/privacy/mail/{person["notice"].pk}/"',
        f'href="/staff/groups/{person["registered"].pk}/"',
        f'href="/staff/committees/people/members/{person["member"].pk}/"',
    ):
        assert href in page
    assert "委員の氏名は確定した会議録（出席者と発言者）の一部で、確定稿は変更しません。" in page
    assert "登録団体の代表者と連絡先は団体の公開の窓口です。" in page

    # The reading in half-width katakana: what holds the reading (not the inquiry, which has
    # none); mail by the addresses of what was found.
    by_reading = client.get("/staff/privacy/", {"q": "ﾔﾏﾀﾞ ﾀﾛｳ"}).context["found"]
    assert _kinds(by_reading) == {
        "applications": [person["application"].pk],
        "consultations": [],
        "inquiries": [],
        "feedback": [person["feedback"].pk],
        "submissions": [person["pending"].pk],
        "mail": [m.pk for m in mail],
        "group_applications": [person["applied"].pk],
        "organizations": [person["registered"].pk],
        "members": [person["member"].pk],
    }
    # The address typed in full-width: the same person.
    by_address = client.get("/staff/privacy/", {"q": "ＹＡＭＡＤＡ＠ｅｘａｍｐｌｅ．ｊｐ"})
    assert _kinds(by_address.context["found"]) == {
        "applications": [person["application"].pk],
        "consultations": [],
        "inquiries": [person["inquiry"].pk],
        "feedback": [person["feedback"].pk],
        "submissions": [person["pending"].pk],
        "mail": [m.pk for m in mail],
        "group_applications": [],
        "organizations": [],
        "members": [person["member"].pk],
    }
    # The questionnaire's comments are found by their words too, and with them the mail to
    # the address of the application that answered.
    by_words = client.get("/staff/privacy/", {"q": "夜の回"}).context["found"]
    assert _kinds(by_words) | {"mail": []} == {
        "applications": [],
        "consultations": [],
        "inquiries": [],
        "feedback": [person["feedback"].pk],
        "submissions": [],
        "mail": [],
        "group_applications": [],
        "organizations": [],
        "members": [],
    }
    assert [m.pk for m in by_words.mail] == [m.pk for m in mail]


def test_an_inquiry_is_deleted_with_its_replies_and_its_mail(client, staff_user, person):
    inquiry = person["inquiry"]
    client.force_login(staff_user)
    page = client.get(f"/staff/privacy/inquiries/{inquiry.pk}/").content.decode()
    assert "次の講座について教えてください。" in page
    assert "1件" in page

    response = client.post(
        f"/staff/privacy/inquiries/{inquiry.pk}/", {"reason": REASON}, follow=True
    )
    assert response.redirect_chain == [("/staff/privacy/", 302)]
    assert _messages(response) == ["お問い合わせを削除しました。"]
    assert not Inquiry.objects.filter(pk=inquiry.pk).exists()
    assert InquiryReply.objects.count() == 0
    assert list(
        OutboxMessage.objects.filter(kind__startswith="contact.").values_list(
            "kind", "to", "body", "status"
        )
    ) == [
        ("contact.reply", "", "（削除済み）", "failed"),
        ("contact.received", "", "（削除済み）", "failed"),
    ]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Inquiry), object_id=str(inquiry.pk)
    ).order_by("pk")
    label = f"お問い合わせ #{inquiry.pk}（削除済み）"
    assert [(e.action, e.object_repr) for e in entries] == [
        ("kyodo.contact.inquiry.received", label),
        ("kyodo.contact.inquiry.replied", label),
        ("kyodo.contact.inquiry.deleted", label),
    ]
    assert (entries.last().actor, entries.last().changes) == (
        staff_user,
        {"kind": "question", "reason": REASON_KEPT},
    )
    # The other mail to the person is still there, to be removed on its own.
    assert _mail_to(EMAIL) == [
        ("events.application_received", "queued"),
        ("events.feedback_request", "queued"),
        ("core.confirmation", "queued"),
        ("committees.notice", "queued"),
    ]
    # Gone: its page is not found, and the service refuses a second time, writing nothing.
    assert client.get(f"/staff/privacy/inquiries/{inquiry.pk}/").status_code == 404
    count = AuditEntry.objects.count()
    with pytest.raises(privacy.InquiryGone) as refused:
        privacy.inquiry_delete(actor=staff_user, inquiry=inquiry, reason=REASON)
    assert str(refused.value.message) == "このお問い合わせはすでに削除されています。"
    assert AuditEntry.objects.count() == count


def test_deleting_an_inquiry_taken_over_keeps_the_consultation(client, staff_user):
    inquiry = contact.inquiry_submit(
        kind="consultation",
        name="佐藤 花子",
        email="sato@example.jp",
        body="NPO法人の設立について相談したい。",
        sender="192.0.2.2",
    )
    consultation = contact.inquiry_take_over(
        actor=staff_user,
        inquiry=inquiry,
        client_type=Consultation.ClientType.INDIVIDUAL,
        categories=["grants"],
        summary="NPO法人の設立",
    )
    client.force_login(staff_user)
    page = client.get(f"/staff/privacy/inquiries/{inquiry.pk}/").content.decode()
    assert f'href="/staff/privacy/consultations/{consultation.pk}/"' in page
    privacy.inquiry_delete(actor=staff_user, inquiry=inquiry, reason=REASON)
    kept = Consultation.objects.get(pk=consultation.pk)
    assert (kept.client_name, kept.summary) == ("佐藤 花子", "NPO法人の設立")
    assert AuditEntry.objects.get(action="kyodo.contact.inquiry.deleted").changes == {
        "kind": "consultation",
        "consultation": consultation.pk,
        "reason": REASON_KEPT,
    }


def test_questionnaire_comments_are_removed_and_the_figures_stay(client, staff_user, person):
    feedback, event = person["feedback"], person["event"]
    before = event_selectors.feedback_summary(event)
    assert (before.asked, before.answered, before.rated, before.mean, len(before.comments)) == (
        1,
        1,
        1,
        4,
        1,
    )
    client.force_login(staff_user)
    response = client.post(
        f"/staff/privacy/feedback/{feedback.pk}/", {"reason": REASON}, follow=True
    )
    assert _messages(response) == ["アンケート回答の記述を削除しました。"]
    kept = Feedback.objects.get(pk=feedback.pk)
    assert (kept.good_points, kept.requests, kept.satisfaction, kept.answered_at) == (
        "",
        "",
        4,
        feedback.answered_at,
    )
    after = event_selectors.feedback_summary(event)
    assert (after.asked, after.answered, after.rated, after.mean, after.distribution) == (
        before.asked,
        before.answered,
        before.rated,
        before.mean,
        before.distribution,
    )
    assert after.comments == []
    entry = AuditEntry.objects.get(action="kyodo.events.feedback.personal_data_removed")
    assert (entry.actor, entry.object_id, entry.changes) == (
        staff_user,
        str(feedback.pk),
        {"event": event.pk, "reason": REASON_KEPT},
    )
    # Nothing left: refused with the reason, nothing written; the search does not list it.
    count = AuditEntry.objects.count()
    response = client.post(f"/staff/privacy/feedback/{feedback.pk}/", {"reason": REASON})
    assert response.context["form"].non_field_errors() == [
        "このアンケート回答には記述がありません。"
    ]
    assert AuditEntry.objects.count() == count
    assert client.get("/staff/privacy/", {"q": "夜の回"}).context["found"].feedback == []


def test_a_form_waiting_for_confirmation_is_cancelled_and_its_link_stops_working(
    client, staff_user, person
):
    pending = person["pending"]
    mail = OutboxMessage.objects.get(kind="core.confirmation")
    token = re.search(r"/confirm/([^/\s]+)/", mail.body).group(1)
    client.force_login(staff_user)
    page = client.get(f"/staff/privacy/submissions/{pending.pk}/").content.decode()
    assert "ひばりの会" in page
    response = client.post(
        f"/staff/privacy/submissions/{pending.pk}/", {"reason": REASON}, follow=True
    )
    assert _messages(response) == ["メール確認待ちのフォームを取り消しました。"]
    assert PendingSubmission.objects.count() == 0
    mail.refresh_from_db()
    assert (mail.to, mail.body, mail.status) == ("", "（削除済み）", "failed")
    entry = AuditEntry.objects.get(action="kyodo.core.submission.cancelled")
    assert (entry.actor, entry.object_id, entry.changes) == (
        staff_user,
        str(pending.pk),
        {"kind": "organizations.application", "reason": REASON_KEPT},
    )
    client.logout()
    link = client.get(f"/confirm/{token}/")
    assert link.status_code == 404
    assert "この確認用のリンクは使えません。" in link.content.decode()
    # Gone: a second cancel is refused in Japanese, nothing written.
    count = AuditEntry.objects.count()
    with pytest.raises(privacy.SubmissionGone) as refused:
        privacy.submission_cancel(actor=staff_user, submission=pending, reason=REASON)
    assert str(refused.value.message) == (
        "このフォームはもうメール確認待ちではありません（確認済み、取り消し済み、または期限切れです）。"
        "もう一度検索してください。"
    )
    assert AuditEntry.objects.count() == count


def test_one_mail_loses_its_address_and_text(client, staff_user, person):
    notice = person["notice"]
    outbox_resend_entry = AuditEntry.objects.create(
        action="kyodo.outbox.resent",
        content_type=ContentType.objects.get_for_model(OutboxMessage),
        object_id=str(notice.pk),
        object_repr=str(notice),
    )
    client.force_login(staff_user)
    response = client.post(f"/staff/privacy/mail/{notice.pk}/", {"reason": REASON}, follow=True)
    assert _messages(response) == ["メールの宛先と本文を削除しました。"]
    notice.refresh_from_db()
    assert (notice.to, notice.body, notice.status, notice.subject) == (
        "",
        "（削除済み）",
        "failed",
        "運営委員会のお知らせ",
    )
    entry = AuditEntry.objects.get(action="kyodo.outbox.personal_data_removed")
    assert entry.changes == {
        "reason": REASON_KEPT,
        "status": ["queued", "failed"],
    }
    outbox_resend_entry.refresh_from_db()
    assert {entry.object_repr, outbox_resend_entry.object_repr} == {
        "宛先を削除したメール：運営委員会のお知らせ"
    }
    count = AuditEntry.objects.count()
    response = client.post(f"/staff/privacy/mail/{notice.pk}/", {"reason": REASON})
    assert response.status_code == 200
    assert "このメールの宛先と本文はすでに削除されています。" in response.content.decode()
    with pytest.raises(privacy.MailAlreadyRemoved):
        privacy.mail_personal_data_remove(actor=staff_user, message=notice, reason=REASON)
    assert AuditEntry.objects.count() == count


def test_a_mail_being_sent_is_refused_and_left_alone(client, staff_user, person):
    mail = OutboxMessage.objects.get(kind="events.application_received")
    OutboxMessage.objects.filter(pk=mail.pk).update(status=OutboxMessage.Status.SENDING)
    count = AuditEntry.objects.count()
    client.force_login(staff_user)
    response = client.post(f"/staff/privacy/mail/{mail.pk}/", {"reason": REASON})
    assert response.context["form"].non_field_errors() == [
        "このメールは今まさに送信中です。1分ほどしてからもう一度操作してください。"
    ]
    mail.refresh_from_db()
    assert (mail.to, mail.status) == (EMAIL, "sending")
    assert AuditEntry.objects.count() == count


def test_bad_input_is_refused_in_japanese_and_changes_nothing(client, staff_user, person):
    client.force_login(staff_user)
    count = AuditEntry.objects.count()
    routes = [
        f"/staff/privacy/inquiries/{person['inquiry'].pk}/",
        f"/staff/privacy/feedback/{person['feedback'].pk}/",
        f"/staff/privacy/submissions/{person['pending'].pk}/",
        f"/staff/privacy/mail/{person['notice'].pk}/",
    ]
    for route in routes:
        too_long = client.post(route, {"reason": "あ" * 501})
        assert too_long.context["form"].errors == {
            "reason": ["500文字以内で入力してください（現在501文字）。"]
        }
        blank = client.post(route, {"reason": "　"})
        assert blank.context["form"].errors == {"reason": ["このフィールドは必須です。"]}
    with pytest.raises(privacy.ReasonMissing):
        privacy.feedback_personal_data_remove(
            actor=staff_user, feedback=person["feedback"], reason=" "
        )
    assert AuditEntry.objects.count() == count
    assert Inquiry.objects.count() == 1
    assert PendingSubmission.objects.count() == 1
    assert Feedback.objects.get().good_points == "講師の話がよかった。山田"
    assert OutboxMessage.objects.get(pk=person["notice"].pk).to == EMAIL
    for missing in ("inquiries", "feedback", "submissions", "mail"):
        assert client.get(f"/staff/privacy/{missing}/999999/").status_code == 404


def test_only_staff_remove_any_of_it(client, member_user, person):
    client.force_login(member_user)
    for route in (
        f"/staff/privacy/inquiries/{person['inquiry'].pk}/",
        f"/staff/privacy/feedback/{person['feedback'].pk}/",
        f"/staff/privacy/submissions/{person['pending'].pk}/",
        f"/staff/privacy/mail/{person['notice'].pk}/",
    ):
        assert client.get(route).status_code == 403
        assert client.post(route, {"reason": REASON}).status_code == 403
    calls = [
        (privacy.inquiry_delete, {"inquiry": person["inquiry"]}),
        (privacy.feedback_personal_data_remove, {"feedback": person["feedback"]}),
        (privacy.submission_cancel, {"submission": person["pending"]}),
        (privacy.mail_personal_data_remove, {"message": person["notice"]}),
    ]
    for service, target in calls:
        with pytest.raises(PermissionDenied):
            service(actor=member_user, reason=REASON, **target)
    assert (Inquiry.objects.count(), PendingSubmission.objects.count()) == (1, 1)
    assert OutboxMessage.objects.get(pk=person["notice"].pk).to == EMAIL
