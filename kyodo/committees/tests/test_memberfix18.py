"""The member's and the chair's side (session 18, audit "member"): the chair's view of the next
meeting, resending a draft, members told of their corrections and of confirmed and corrected
minutes, the meeting and member pages, the circulation and notice mails, the correction form,
and the approval's warnings about late receipts and a draft changed after it was sent."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import MinutesNotApprovable
from kyodo.committees.models import (
    AgendaItem,
    Circulation,
    CirculationRecipient,
    CorrectionRequest,
    Decision,
    Membership,
    MinutesEntry,
)
from kyodo.committees.services.circulation import DEFAULT_RESEND_REASON
from kyodo.committees.tests.conftest import hold
from kyodo.core.models import OutboxMessage
from kyodo.core.outbox import outbox_flush
from kyodo.core.wareki import format_wareki

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(committee, staff, venue):
    """Seats running today; 第1回 held two weeks ago with its draft written, 第2回 in two weeks
    (no venue yet); the draft circulated (第2回 approves it)."""
    Membership.objects.update(term_start=timezone.localdate() - timedelta(days=400), term_end=None)
    today = timezone.localdate()
    held = services.meeting_create(
        actor=staff, committee=committee, date=today - timedelta(days=14),
        start_time=time(19), end_time=time(21), venue=venue,
    )  # fmt: skip
    item = services.item_add(
        actor=staff, meeting=held, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(
        actor=staff, item=item, text="委員長：開会した。\n事務局：10月中に報告する。\n○了承した。"
    )
    hold(staff, held, absent=("田辺",))
    following = services.meeting_create(
        actor=staff, committee=committee, date=today + timedelta(days=14),
        start_time=time(19), end_time=time(21),
    )  # fmt: skip
    circulation = services.minutes_circulate(actor=staff, minutes=held.minutes)
    tokens = {r.member.name: r.token for r in circulation.recipients.select_related("member")}
    return {"held": held, "next": following, "item": item, "tokens": tokens}


def _login(client, username):
    from kyodo.core.models import User

    client.force_login(User.objects.get(username=username))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- finding 1: the chair's view -------------------------------------------------------------


def test_the_chair_sees_receipts_and_corrections_of_the_draft_the_next_meeting_approves(
    client, cycle
):
    services.recipient_receive(token=cycle["tokens"]["坂口"])
    services.correction_submit(
        token=cycle["tokens"]["有賀"], entry_id=None, text="出席者の名前を確認してください。"
    )
    _login(client, "kumada")
    page = client.get(f"/member/meetings/{cycle['next'].pk}/").text
    text = _text(page)
    assert "委員長の方へ：この会議で承認する会議録" in text
    # The receipt board by name, with the states the staff see; no address anywhere.
    rows = re.findall(r'<tr data-state="(\w+)"><td>(.+?)</td><td>(.+?)</td></tr>', page)
    assert rows == [
        ("received", "有賀", "受領済み"),  # asking for a correction is a receipt
        ("pending", "熊田", "未受領"),
        ("received", "坂口", "受領済み"),
        ("pending", "田辺", "未受領"),
    ]
    assert "未定稿を受領していない委員が2名います。" in text
    assert "有賀：会議録全体 → 出席者の名前を確認してください。 （未対応）" in text
    assert "@example.jp" not in page
    # The same block on /member/ for the next meeting.
    assert "委員長の方へ：この会議で承認する会議録" in _text(client.get("/member/").text)


def test_a_member_without_the_chair_s_seat_does_not_see_the_chair_s_view(client, cycle):
    _login(client, "sakaguchi")
    assert "この会議で承認する会議録" in client.get(f"/member/meetings/{cycle['next'].pk}/").text
    assert 'class="chair-view"' not in client.get(f"/member/meetings/{cycle['next'].pk}/").text
    assert 'class="chair-view"' not in client.get("/member/").text


def test_the_vice_chair_sees_it_as_vice_chair(client, cycle):
    _login(client, "ariga")
    assert "副委員長の方へ" in client.get(f"/member/meetings/{cycle['next'].pk}/").text


# --- finding 2: sending again -----------------------------------------------------------------


def test_sent_again_the_old_link_leads_to_the_new_one_and_the_mail_says_why(client, cycle, staff):
    old = cycle["tokens"]["坂口"]
    services.recipient_receive(token=old)
    OutboxMessage.objects.all().delete()
    _login(client, "nishiguchi")
    client.post(f"/staff/committees/minutes/{cycle['held'].minutes.pk}/circulate/", {"reason": ""})
    latest = Circulation.objects.order_by("-pk").first()
    assert latest.reason == DEFAULT_RESEND_REASON
    new = latest.recipients.get(member__name="坂口").token
    # The mail: 【再送】 and the reason.
    mail = OutboxMessage.objects.get(to="sakaguchi@example.jp")
    assert mail.subject == "【再送】【確認依頼】令和" + mail.subject.split("【確認依頼】令和")[1]
    assert (
        "このメールは再送です。 未定稿を修正しましたので、あらためてご確認ください。" in mail.body
    )
    assert f"/committee/check/{new}/" in mail.body
    # The old link says it was replaced and leads to the new one; it records nothing.
    client.logout()
    page = client.get(f"/committee/check/{old}/")
    assert "この確認依頼は新しいものに置き換わりました" in page.text
    assert f'href="/committee/check/{new}/"' in page.text
    assert "受領を記録しました" not in page.text
    client.post(f"/committee/check/{old}/", {"receive": "1"})
    assert latest.recipients.get(member__name="坂口").opened_at is None
    # /member/ lists the draft once, by its new link, not received.
    _login(client, "sakaguchi")
    home = client.get("/member/").text
    to_check = re.search(r'<ul class="to-check">(.*?)</ul>', home, re.S).group(1)
    assert to_check.count("/committee/check/") == 1
    assert f"/committee/check/{new}/" in to_check and "受領済み" not in to_check
    assert old not in home


def test_a_reason_typed_by_staff_is_the_mail_s(client, cycle):
    _login(client, "nishiguchi")
    client.post(
        f"/staff/committees/minutes/{cycle['held'].minutes.pk}/circulate/",
        {"reason": "第2項の日付を訂正しました。"},
    )
    mail = OutboxMessage.objects.filter(to="kumada@example.jp").order_by("-pk").first()
    assert "このメールは再送です。 第2項の日付を訂正しました。" in mail.body
    assert Circulation.objects.order_by("-pk").first().reason == "第2項の日付を訂正しました。"


# --- finding 3: members told, through the outbox, once ---------------------------------------


def test_the_member_is_told_once_when_her_correction_is_dealt_with(
    smtp_server, client, cycle, staff
):
    entry = MinutesEntry.objects.get(text="10月中に報告する。")
    correction = services.correction_submit(
        token=cycle["tokens"]["坂口"], entry_id=entry.pk, text="9月中の誤りです。"
    )
    outbox_flush()
    smtp_server.messages.clear()
    _login(client, "nishiguchi")
    client.post(f"/staff/committees/corrections/{correction.pk}/resolve/")
    client.post(f"/staff/committees/corrections/{correction.pk}/resolve/")  # twice: one mail
    assert outbox_flush() == {"sent": 1}
    (mail,) = smtp_server.by_recipient("sakaguchi@example.jp")
    correction.refresh_from_db()
    day = format_wareki(timezone.localdate(correction.resolved_at))
    assert mail["message"]["Subject"].startswith("【訂正依頼への対応】")
    body = mail["message"].get_content().replace("\r\n", "\n")
    assert "坂口委員 様" in body
    assert f"事務局で{day}に対応しました。" in body
    assert "事務局：10月中に報告する。" in body and "9月中の誤りです。" in body
    assert f"/committee/check/{cycle['tokens']['坂口']}/" in body
    # Her page says so, with the day.
    client.logout()
    page = _text(client.get(f"/committee/check/{cycle['tokens']['坂口']}/").text)
    assert f"「事務局：10月中に報告する。」 → 9月中の誤りです。 （対応済み・{day}）" in page


def test_members_are_told_once_when_the_minutes_are_confirmed_and_when_corrected(
    client, cycle, staff
):
    held, following = cycle["held"], cycle["next"]
    # 第2回 is held (moved to last week), every member having received the draft beforehand.
    following.date = timezone.localdate() - timedelta(days=7)
    following.save(update_fields=["date"])
    Circulation.objects.update(created_at=timezone.now() - timedelta(days=12))
    CirculationRecipient.objects.update(opened_at=timezone.now() - timedelta(days=10))
    hold(staff, following)
    approval = following.items.get(minutes_for=held.minutes)
    services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.APPROVED)
    _login(client, "nishiguchi")
    confirmed = client.post(
        f"/staff/committees/minutes/{held.minutes.pk}/confirm/", {"understood": "on"}
    )
    assert confirmed.status_code == 302
    client.post(f"/staff/committees/minutes/{held.minutes.pk}/confirm/", {"understood": "on"})
    told = OutboxMessage.objects.filter(kind="committees.minutes.confirmed").order_by("to")
    assert [m.to for m in told] == [
        "ariga@example.jp",
        "kumada@example.jp",
        "sakaguchi@example.jp",
        "tanabe@example.jp",
    ]
    mail = told.get(to="kumada@example.jp")
    assert mail.subject == f"【確定・公開】{held}会議録（確定稿）"
    assert mail.body.startswith("熊田委員長 様\n")
    assert f"{held}の会議録は{following}で承認されました。" in mail.body
    assert f"/committee/minutes/{held.minutes.pk}/" in mail.body
    # A correction: what changed and why, once per member.
    form = client.get(f"/staff/committees/minutes/{held.minutes.pk}/correct/").text
    place = re.search(r'name="item" value="([^"]+)"', form).group(1)
    fixed = client.post(
        f"/staff/committees/minutes/{held.minutes.pk}/correct/",
        {
            "item": place,
            "text": "委員長：開会した。\n事務局：9月中に報告する。\n○了承した。",
            "reason": "報告の時期の誤記を訂正しました。",
            "based_on": "1",
            "save": "1",
        },
    )
    assert fixed.status_code == 302, re.findall(r"class=\"errors?[^>]*>(.*?)</", fixed.text)
    corrected = OutboxMessage.objects.filter(kind="committees.minutes.corrected")
    assert corrected.count() == 4
    mail = corrected.get(to="tanabe@example.jp")
    assert mail.subject == f"【訂正】{held}会議録（確定稿）第2版"
    assert "訂正の理由：\n報告の時期の誤記を訂正しました。" in mail.body
    assert f"/committee/minutes/{held.minutes.pk}/diff/1/2/" in mail.body
    # The check link now says the minutes are confirmed, with the public page.
    client.logout()
    page = client.get(f"/committee/check/{cycle['tokens']['田辺']}/").text
    assert "この会議録は確定し、公開されています。" in page
    assert f'href="/committee/minutes/{held.minutes.pk}/"' in page
    assert "受領しました" not in page and "訂正依頼を送る" not in page


# --- finding 4 and 16: the member's pages -----------------------------------------------------


def test_the_member_page_greets_her_and_splits_next_and_past_meetings(client, cycle, staff):
    _login(client, "tanabe")
    page = client.get("/member/").text
    text = _text(page)
    assert "田辺 様" in text
    assert (
        text.index("次回の会議")
        < text.index("確認をお願いしている会議録")
        < text.index("これまでの会議")
    )
    following, held = cycle["next"], cycle["held"]
    assert f"{following} " in text and "開催会場" not in text
    assert "未定" in text
    sent = format_wareki(timezone.localdate())
    assert f"{held}会議録（未定稿）" in text
    assert f"{sent}に送付。 {format_wareki(following.date)}の{following}で承認の予定です。" in text
    # Past meetings: hers, with her attendance (absent) and the draft's link.
    past = re.search(r'<ul class="past-meetings">(.*?)</ul>', page).group(1)
    assert _text(past).strip() == (f"{held} {format_wareki(held.date)} 欠席 · 会議録（未定稿）")


def test_same_day_meetings_are_listed_newest_first(client, committee, staff, venue):
    Membership.objects.update(term_end=None)
    day = timezone.localdate() - timedelta(days=3)
    third = services.meeting_create(actor=staff, committee=committee, date=day,
                                    start_time=time(9), venue=venue)  # fmt: skip
    fourth = services.meeting_create(actor=staff, committee=committee, date=day,
                                     start_time=time(10, 30), venue=venue, allow_same_day=True)  # fmt: skip
    _login(client, "kumada")
    text = _text(client.get("/member/").text)
    assert text.index(str(fourth)) < text.index(str(third))


def test_the_meeting_page_has_the_explanation_the_papers_and_the_notice(client, cycle, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    following = cycle["next"]
    item = services.item_add(
        actor=staff, meeting=following, category=AgendaItem.Category.REPORT, title="月次報告"
    )
    services.item_update(actor=staff, item=item, title="月次報告", body="11月の事業と相談の件数。")
    document = services.document_add(
        actor=staff, item=item, title="11月の月次報告",
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 sample", content_type="application/pdf"),
    )  # fmt: skip
    services.meeting_send_notice(actor=staff, meeting=following)
    _login(client, "sakaguchi")
    page = client.get(f"/member/meetings/{following.pk}/").text
    text = _text(page)
    assert "11月の事業と相談の件数。" in text
    assert f'href="/member/documents/{document.pk}/download/"' in page
    assert f"招集通知 {format_wareki(timezone.localdate())}に送付。" in text
    assert "開催会場 未定" in text or "会場 未定" in text
    # The draft it approves, by her own link.
    assert f'href="/committee/check/{cycle["tokens"]["坂口"]}/"' in page
    download = client.get(f"/member/documents/{document.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == (
        b"%PDF-1.4 sample"
    )
    # Not for someone who sits on no committee of the meeting.
    client.logout()
    assert client.get(f"/member/documents/{document.pk}/download/").status_code == 302


# --- findings 5 and 6: the mails ---------------------------------------------------------------


def test_the_circulation_mail_names_the_member_with_sama_the_date_and_the_approving_meeting(cycle):
    held, following = cycle["held"], cycle["next"]
    chair = OutboxMessage.objects.get(to="kumada@example.jp", kind="committees.minutes.circulation")
    assert chair.subject == f"【確認依頼】{held}会議録（未定稿）"
    assert chair.body.startswith("熊田委員長 様\n")
    assert f"開催日：{format_wareki(held.date)}" in chair.body
    assert (
        f"ご確認のお願い：{format_wareki(following.date)}の{following}で承認の予定です。"
        in chair.body
    )
    assert "このリンクはご本人専用です。" in chair.body
    member = OutboxMessage.objects.get(
        to="tanabe@example.jp", kind="committees.minutes.circulation"
    )
    assert member.body.startswith("田辺委員 様\n")
    assert "あなた" not in chair.body + member.body


def test_the_notice_asks_for_attendance_links_the_meeting_and_numbers_the_categories(
    client, cycle, staff
):
    following = cycle["next"]
    services.item_add(
        actor=staff,
        meeting=following,
        category=AgendaItem.Category.DISCUSSION,
        title="協働について",
    )
    services.meeting_send_notice(actor=staff, meeting=following)
    mail = OutboxMessage.objects.get(to="kumada@example.jp", kind="committees.meeting.notice")
    body = mail.body
    assert body.startswith("熊田委員長 様\n")
    assert "ご多用のところ恐縮ですが、ご出席くださいますようお願いいたします。" in body
    assert "1．審議事項\n  1. " in body and "2．協議事項\n  1. 協働について" in body
    reply_by = format_wareki(following.date - timedelta(days=1))
    assert f"ご出欠を{reply_by}までに" in body
    assert f"/member/meetings/{following.pk}/" in body
    assert "あなた" not in body


def test_the_notice_page_warns_of_an_undecided_venue_and_a_meeting_begun(client, cycle, staff):
    _login(client, "nishiguchi")
    following = cycle["next"]
    page = _text(client.get(f"/staff/committees/meetings/{following.pk}/notice/").text)
    assert "開催会場が決まっていません。" in page
    assert "すでに始まっています" not in page
    # A meeting that began: warned, and the notice still goes (a warning, not a refusal).
    following.date = timezone.localdate()
    following.start_time = time(0, 0)
    following.save(update_fields=["date", "start_time"])
    page = _text(client.get(f"/staff/committees/meetings/{following.pk}/notice/").text)
    assert f"{following}はすでに始まっています" in page
    client.post(f"/staff/committees/meetings/{following.pk}/notice/")
    assert OutboxMessage.objects.filter(kind="committees.meeting.notice").count() == 4


# --- findings 7, 8 and 20: the check page ------------------------------------------------------


def test_the_correction_form_is_numbered_as_the_page_and_each_line_links_to_it(client, cycle):
    token = cycle["tokens"]["坂口"]
    entry = MinutesEntry.objects.get(text="10月中に報告する。")
    page = client.get(f"/committee/check/{token}/").text
    assert "坂口委員 様" in page and "坂口委員:" not in page
    assert '<label for="id_entry">訂正したい行</label>' in page
    assert f'<option value="{entry.pk}">1-1-2　事務局：10月中に報告する。</option>' in page
    assert (
        f'<a class="entry-correct" href="?entry={entry.pk}#correction-heading">'
        "この行の訂正を依頼</a>" in page
    )
    chosen = client.get(f"/committee/check/{token}/?entry={entry.pk}").text
    assert (
        f'<option value="{entry.pk}" selected>1-1-2　事務局：10月中に報告する。</option>' in chosen
    )
    # Sent empty: the error at the top, linking to the field, and nothing recorded.
    refused = client.post(f"/committee/check/{token}/", {"entry": str(entry.pk), "text": ""})
    assert refused.text.index('class="error-summary"') < refused.text.index("minutes-document")
    assert '<a href="#id_text">訂正内容：訂正してほしい内容を入力してください。</a>' in refused.text
    assert CorrectionRequest.objects.count() == 0
    sent = client.post(
        f"/committee/check/{token}/", {"entry": str(entry.pk), "text": "9月中です。"}, follow=True
    )
    assert "事務局が確認し、対応したらお知らせします。" in sent.text
    assert "（未対応）" in sent.text


# --- finding 17: approval warnings ------------------------------------------------------------


def _held_next(cycle, staff):
    following = cycle["next"]
    following.date = timezone.localdate() - timedelta(days=7)
    following.save(update_fields=["date"])
    hold(staff, following)
    return following, following.items.get(minutes_for=cycle["held"].minutes)


def test_a_receipt_recorded_after_the_approving_meeting_began_needs_a_reason(cycle, staff):
    following, approval = _held_next(cycle, staff)
    begun = timezone.make_aware(datetime.combine(following.date, time(19)))
    Circulation.objects.update(created_at=begun - timedelta(days=5))
    CirculationRecipient.objects.update(opened_at=begun - timedelta(days=1))
    CirculationRecipient.objects.filter(member__name__in=["坂口", "田辺"]).update(
        opened_at=None, paper_at=begun + timedelta(minutes=71)
    )
    with pytest.raises(MinutesNotApprovable) as refused:
        services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.APPROVED)
    assert str(refused.value.message).startswith(
        f"坂口、田辺の受領が記録されたのは、{following}の開始（{format_wareki(following.date)} "
        "午後7時）より後です。"
    )
    assert not Decision.objects.filter(item=approval).exists()
    decision = services.decision_record(
        actor=staff, item=approval, outcome=Decision.Outcome.APPROVED,
        override_reason="紙で会議の場で確認した。",
    )  # fmt: skip
    assert decision.override_reason == "紙で会議の場で確認した。"


def test_a_draft_changed_after_it_was_sent_needs_a_reason(cycle, staff):
    _following, approval = _held_next(cycle, staff)
    Circulation.objects.update(created_at=timezone.now() - timedelta(days=12))
    CirculationRecipient.objects.update(opened_at=timezone.now() - timedelta(days=10))
    entry = MinutesEntry.objects.get(text="10月中に報告する。")
    services.entry_update(actor=staff, entry=entry, speaker="事務局", text="9月中に報告する。")
    with pytest.raises(MinutesNotApprovable) as refused:
        services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.APPROVED)
    assert "未定稿は" in str(refused.value.message)
    assert "に委員へ送付した後に変更されています。" in str(refused.value.message)
    # Sent again, the members have the text as it is: no warning.
    services.minutes_circulate(actor=staff, minutes=cycle["held"].minutes)
    Circulation.objects.update(created_at=timezone.now() - timedelta(days=9))
    CirculationRecipient.objects.update(opened_at=timezone.now() - timedelta(days=8))
    services.decision_record(actor=staff, item=approval, outcome=Decision.Outcome.APPROVED)
    assert Decision.objects.get(item=approval).override_reason == ""


def test_the_staff_committee_page_says_a_meeting_to_come_has_no_minutes_yet(client, cycle):
    _login(client, "nishiguchi")
    page = client.get("/staff/committees/").text
    row = re.search(rf"<tr><td><a [^>]*>{cycle['next']}</a>.*?</tr>", page, re.S).group(0)
    assert "未作成" in row and "未定稿" not in row
