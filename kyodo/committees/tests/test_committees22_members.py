"""What members and staff read, from a newcomer's meeting on the demo (2026-12-07): a member's
page asks only for current work; the demo's 2010 history looks like history; the notice of a
meeting held in writing says how to vote and mentions drafts only when there are some; 保留 needs
an opinion; the circulation page marks an address whose last mail failed; a speaker's name is
not shown twice, and a paste with no-break spaces reads as the turn it shows."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from html import unescape

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.exceptions import InvalidInput
from kyodo.committees.models import (
    AgendaItem,
    Circulation,
    Decision,
    Member,
    Membership,
    Minutes,
    MinutesEntry,
    WrittenVote,
)
from kyodo.committees.services.meetings import notice_mails
from kyodo.committees.services.votes import written_vote_submit
from kyodo.committees.tests.conftest import deliberations, hold
from kyodo.core.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def _draft(staff, meeting, text="委員長：意見を伺います。") -> AgendaItem:
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text=text)
    return item


# --- 4. a member's page asks only for current work ---------------------------------------------


def test_a_draft_whose_approving_meeting_has_passed_is_not_asked_for(client, staff, committee):
    # Given seats running today, a draft approved at a meeting last week (still circulated: the
    # secretariat has not recorded the decision) and one to be approved next month
    today = timezone.localdate()
    Membership.objects.update(term_start=today - timedelta(days=400), term_end=None)
    old, last_week, recent, next_month = (
        services.meeting_create(
            actor=staff, committee=committee, date=today - timedelta(days=d), start_time=time(19)
        )
        for d in (60, 7, 3, -30)
    )
    for meeting in (old, recent):
        _draft(staff, meeting)
        hold(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=old.minutes)  # approved at last_week
    services.minutes_circulate(actor=staff, minutes=recent.minutes)  # approved at next_month
    assert AgendaItem.objects.get(minutes_for=old.minutes).meeting_id == last_week.pk
    assert AgendaItem.objects.get(minutes_for=recent.minutes).meeting_id == next_month.pk
    client.force_login(Member.objects.get(name="熊田").user)
    page = client.get("/member/").text
    section = re.search(r'<section aria-labelledby="check-heading">(.*?)</section>', page, re.S)
    # Then only the draft still to be approved is asked for
    assert section is not None
    items = re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
    assert [_text(i) for i in items] == [
        f"{recent}会議録（未定稿） {_wareki(today)}に送付。 {_wareki(next_month.date)}の{next_month}で"
        "承認の予定です。それまでにご確認ください。"
    ]
    # and the older draft stays readable from its meeting in the past list.
    old_copy = old.minutes.circulations.get().recipients.get(member__name="熊田")
    assert f'href="/committee/check/{old_copy.token}/"' in page


def _wareki(day: date) -> str:
    from kyodo.core.wareki import format_wareki

    return format_wareki(day)


def test_the_demos_2010_history_looks_like_history(client, demo):
    from kyodo.core.todo import failed_mail
    from kyodo.core.wareki import format_wareki

    eighth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=8)
    ninth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9)
    tenth_items = AgendaItem.objects.filter(meeting__fiscal_year=2010, meeting__number=10)
    # The 8th's draft: sent on 平成22年12月21日 (a week after), approved at the 10th
    assert (eighth.status, eighth.approved_at_id) == (
        Minutes.Status.APPROVED,
        tenth_items.get(minutes_for=eighth).pk,
    )
    assert tenth_items.get(minutes_for=eighth).decision.method == Decision.Method.UNANIMOUS
    assert [
        (format_wareki(timezone.localdate(c.created_at)), c.minutes_id)
        for c in Circulation.objects.filter(minutes__meeting__fiscal_year=2010).order_by("pk")
    ] == [("平成22年12月21日(火)", eighth.pk), ("平成23年1月25日(火)", ninth.pk)]
    # 吉田's bounce was made up for in 2011 (his link sent again and delivered): no failed mail
    # from 2010 waits on the staff's list, and every member had received the 8th's draft
    yoshida = eighth.circulations.get().recipients.get(member__name="吉田")
    mail = OutboxMessage.objects.filter(
        kind="committees.minutes.circulation", object_id=str(yoshida.pk)
    ).order_by("pk")
    assert [(m.status, format_wareki(timezone.localdate(m.created_at))) for m in mail] == [
        ("failed", "平成22年12月21日(火)"),
        ("sent", "平成23年1月19日(水)"),
    ]
    assert failed_mail(date(2026, 12, 7)) == []
    assert not eighth.circulations.get().recipients.filter(opened_at__isnull=True).exists()
    # kumada's page asks for nothing of 2010
    client.force_login(Member.objects.get(name="熊田").user)
    page = client.get("/member/").text
    section = re.search(r'<section aria-labelledby="check-heading">(.*?)</section>', page, re.S)
    assert _text(section.group(1)) == "確認をお願いしている会議録 ありません。"


# --- 6. 書面開催: the notice, and 保留 with an opinion --------------------------------------------


def test_the_notice_of_a_written_meeting_says_how_to_vote(written):
    preview = notice_mails(meeting=written)
    body = preview.mails[0].body
    assert (
        "委員用の会議のページで資料をご覧のうえ、同じページで議題ごとに賛成・反対・保留（保留の場合は"
        "ご意見）を表決してください。ページをご利用になれない場合は、書面で事務局に表決をお届け"
        "ください。"
    ) in body
    assert "書面表決書をご返送" not in body
    # No draft to approve on the agenda: the notice does not mention one.
    assert "議題の説明と資料は、委員用の会議のページでご覧いただけます。" in body
    assert "承認する会議録" not in body


def test_the_notice_mentions_the_drafts_when_the_agenda_approves_some(staff, committee, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    later = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    body = notice_mails(meeting=later).mails[0].body
    assert (
        "議題の説明と資料、承認する会議録（未定稿）は、委員用の会議のページでご覧いただけます。"
        in body
    )


def test_the_paper_notice_says_how_to_vote_too(client, staff, written):
    Member.objects.filter(name="坂口").update(email="")
    client.force_login(staff)
    page = _text(client.get(f"/staff/committees/meetings/{written.pk}/notice/print/").text)
    assert "ページをご利用になれない場合は、書面で事務局に表決をお届けください。" in page
    assert "書面表決書をご返送" not in page


def test_a_reserved_vote_without_an_opinion_is_refused(client, written, staff):
    first, second = deliberations(written)
    member = Member.objects.get(name="坂口")
    for actor in (member.user, staff):
        with pytest.raises(InvalidInput) as refused:
            written_vote_submit(
                actor=actor, meeting=written, member=member,
                votes={first.pk: ("for", ""), second.pk: ("reserved", "  ")},
            )  # fmt: skip
        assert str(refused.value.message) == (
            "「社会福祉協議会の担当理事候補について」を保留とする場合は、ご意見をお書きください。"
        )
        assert refused.value.field == f"comment_{second.pk}"
    assert not WrittenVote.objects.exists()
    assert not AuditEntry.objects.filter(action="kyodo.committees.meeting.written_vote").exists()
    # On the member's page: the message under the comment, nothing stored
    client.force_login(member.user)
    url = f"/member/meetings/{written.pk}/"
    help_text = "保留の場合はご意見を必ずお書きください（それ以外は任意）。500字以内。"
    assert help_text in client.get(url).text
    response = client.post(url, {f"item_{first.pk}": "for", f"item_{second.pk}": "reserved"})
    assert response.status_code == 400
    assert (
        "「社会福祉協議会の担当理事候補について」を保留とする場合は、ご意見をお書きください。"
        in response.text
    )
    assert not WrittenVote.objects.exists()
    # With the opinion, it is recorded.
    response = client.post(url, {f"item_{first.pk}": "for", f"item_{second.pk}": "reserved",
                                 f"comment_{second.pk}": "経歴を知りたい"})  # fmt: skip
    assert response.status_code == 302
    assert list(WrittenVote.objects.order_by("item__number").values_list("choice", "comment")) == [
        ("for", ""),
        ("reserved", "経歴を知りたい"),
    ]


# --- 8. the circulation page marks an address whose last mail failed ---------------------------


def test_the_circulation_page_marks_an_address_whose_last_mail_failed(client, staff, meeting):
    _draft(staff, meeting)
    hold(staff, meeting)
    tanabe = Member.objects.get(name="田辺")
    sakaguchi = Member.objects.get(name="坂口")
    failed_at = timezone.make_aware(datetime(2011, 1, 5, 10))
    OutboxMessage.objects.create(to=tanabe.email.upper(), subject="【招集通知】", body="…",
                                 status="failed")  # fmt: skip
    OutboxMessage.objects.filter(to=tanabe.email.upper()).update(created_at=failed_at)
    # 坂口's last mail failed too, but one delivered since makes up for it.
    OutboxMessage.objects.create(to=sakaguchi.email, subject="a", body="…", status="failed")
    OutboxMessage.objects.create(to=sakaguchi.email, subject="b", body="…", status="sent")
    client.force_login(staff)
    page = client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/circulate/").text
    rows = re.findall(r"<li>(.*?)</li>", re.search(
        r'<ul id="circulate-by-mail">(.*?)</ul>', page, re.S).group(1))  # fmt: skip
    assert [_text(row) for row in rows] == [
        "有賀 <ariga@example.jp>",
        "熊田 <kumada@example.jp>",
        "坂口 <sakaguchi@example.jp>",
        "田辺 <tanabe@example.jp> このアドレスへの前回のメールは届きませんでした（平成23年1月5日(水)）。"
        " 田辺委員のアドレスを確認する",
    ]
    assert (
        f'<a href="/staff/committees/people/members/{tanabe.pk}/">田辺委員のアドレスを確認する</a>'
        in page
    )


# --- 5. a speaker's name once; a paste with no-break spaces ------------------------------------


def test_a_label_with_the_name_shows_it_once(client, staff, meeting):
    item = _draft(
        staff,
        meeting,
        text="熊田委員長：開会します。\n委員長：意見を伺います。\n事務局：報告します。",
    )
    client.force_login(staff)
    page = client.get(f"/staff/committees/items/{item.pk}/").text
    lines = [
        _text(li)
        for li in re.findall(r'<li id="entry-\d+">(.*?)<div class="entry-tools">', page, re.S)
    ]
    assert lines == [
        "熊田委員長 ：開会します。",
        "委員長 （熊田） ：意見を伺います。",
        "事務局 ：報告します。",
    ]
    assert "<strong>熊田委員長</strong>：開会します。" in page
    assert "<strong>委員長</strong><small>（熊田）</small>：意見を伺います。" in page


def test_a_paste_with_no_break_spaces_reads_as_the_turns_it_shows(client, staff, meeting):
    item = _draft(
        staff, meeting, text="事務局\u00a0：報告します。\n熊田委員長\u2009：\u00a0承知しました。"
    )
    assert list(MinutesEntry.objects.filter(item=item).values_list("kind", "speaker", "text")) == [
        ("statement", "事務局", "報告します。"),
        ("statement", "熊田委員長", "承知しました。"),
    ]
    client.force_login(staff)
    page = client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/").text
    # As printed: labels by role, as the committee publishes them, and no space before 「：」.
    assert re.findall(r'<li id="entry-\d+" class="entry-statement">(.*?)</li>', page) == [
        '<span class="speaker">事務局</span>：報告します。',
        '<span class="speaker">委員長</span>：承知しました。',
    ]
