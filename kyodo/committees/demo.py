"""The steering committee as it sat on 2011-01-18 (seed facts; given names are not in the seed)."""

import json
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Member,
    Membership,
    SecretariatMember,
)
from kyodo.committees.services.circulation import minutes_confirm_and_tell
from kyodo.core.demo import demo_user
from kyodo.core.models import Center, OutboxMessage, User, Venue
from kyodo.core.months import Month
from kyodo.core.roles import Role, grant_role
from kyodo.core.wareki import fiscal_year
from kyodo.minutes_text import Entry
from kyodo.reports.services import presented_report_attach, presented_report_freeze

TERM_START = date(2009, 4, 1)
TERM_END = date(2011, 3, 31)

# name, reading, sector, username — the seed's 12 attendees (its own list puts 田辺 before 坂口).
MEMBERS = [
    ("有賀", "ありが", Member.Sector.NPO, "ariga"),
    ("有馬", "ありま", Member.Sector.VOLUNTEER, "arima"),
    ("岡澤", "おかざわ", Member.Sector.BUSINESS, "okazawa"),
    ("熊田", "くまだ", Member.Sector.ACADEMIC, "kumada"),
    ("小林", "こばやし", Member.Sector.NPO, "kobayashi"),
    ("田辺", "たなべ", Member.Sector.CITIZEN, "tanabe"),
    ("坂口", "さかぐち", Member.Sector.NPO, "sakaguchi"),
    ("中曽根", "なかそね", Member.Sector.PUBLIC, "nakasone"),
    ("橋本", "はしもと", Member.Sector.VOLUNTEER, "hashimoto"),
    ("宮﨑", "みやざき", Member.Sector.NPO, "miyazaki"),
    ("山辺", "やまべ", Member.Sector.BUSINESS, "yamabe"),
    ("吉田", "よしだ", Member.Sector.CITIZEN, "yoshida"),
]
CHAIR = "熊田"


def load_committee() -> None:
    """The committee, its members and secretariat, and its meetings of December–February 2011."""
    _load_members()
    note = load_meetings()
    _load_current_terms()
    if note:
        # The demo command prints only the logins; this is the one thing users must know.
        sys.stdout.write(note + "\n")


def _load_members() -> None:
    center = Center.objects.current()
    committee, _ = Committee.objects.get_or_create(
        slug="unei",
        defaults={
            "center": center,
            "name": "運営委員会",
            "purpose": "センターの運営について協議し、事業の方向性を定める。",
            "min_members": 10,
            "max_members": 15,
            "quorum": 7,
        },
    )
    for name, reading, sector, username in MEMBERS:
        user = demo_user(username, full_name=name, reading=reading)
        grant_role(user, Role.MEMBER)
        member, _ = Member.objects.get_or_create(
            name=name,
            defaults={
                "name_reading": reading,
                "sector": sector,
                "email": user.email,
                "user": user,
            },
        )
        Membership.objects.get_or_create(
            committee=committee,
            member=member,
            term_start=TERM_START,
            defaults={
                "term_end": TERM_END,
                "role": Membership.Role.CHAIR if name == CHAIR else Membership.Role.MEMBER,
            },
        )
    for order, (name, title) in enumerate(
        [("西口", "センター長"), ("丸木", "地域福祉課長"), ("中澤", "主事")], start=1
    ):
        user = User.objects.filter(full_name=name).first()
        SecretariatMember.objects.get_or_create(
            committee=committee,
            name=name,
            defaults={
                "title": title,
                "order": order,
                "user": user,
                "name_reading": user.name_reading if user else "",
            },
        )


# --- meetings: the 8th, the 9th (the seed) and the 10th -------------------------------------

SEED_DIR_NAME = "shared/seed"
SEED_GOLD = "000_6d09d611ace1cac2.gold.json"
MEETING_8 = date(2010, 12, 14)
MEETING_9 = date(2011, 1, 18)
MEETING_10 = date(2011, 2, 22)
SENT_8 = date(2010, 12, 21)  # the 8th's draft went out a week after the meeting
RESENT_8 = date(2011, 1, 19)  # after the 9th put its approval off
SENT_9 = date(2011, 1, 25)  # the 9th's draft, a week after it
NEVER_OPENED = ("山辺", "吉田")  # the two who never received the 8th's draft; 吉田's mail bounced
FAILED_MEMBER = "吉田"
VENUE_9 = "イングビル3階 第1会議室"
REPORT_9 = Month(2010, 12)  # the month whose report the 9th heard (「12月期の月次報告」)

# Agenda of the 9th meeting from the seed's facts (used without the seed file).
AGENDA_9 = [
    (AgendaItem.Category.REPORT, "西東京市市民協働推進センターの業務報告について"),
    (AgendaItem.Category.REPORT, "1月以降の西東京市市民協働推進センターの事業について"),
    (AgendaItem.Category.REPORT, "ホームページについて"),
    (
        AgendaItem.Category.DELIBERATION,
        "2010年度第8回西東京市市民協働推進センター運営委員会会議録について",
    ),
    (AgendaItem.Category.DELIBERATION, "社会福祉協議会の担当理事候補について"),
    (AgendaItem.Category.DISCUSSION, "協働について"),
    (AgendaItem.Category.OTHER, "次回運営委員会日程について"),
]
CATEGORY_BY_JA = {ja: category for category, ja in AgendaItem.CATEGORY_JA.items()}


def seed_gold_path() -> Path:
    """The seed's gold structure: the project's own (``../shared/seed/`` beside a development
    checkout) when present, else the copy shipped with the package (demo_data/)."""
    shared = Path(settings.BASE_DIR).parent / "shared" / "seed" / SEED_GOLD
    return shared if shared.exists() else Path(__file__).parent / "demo_data" / SEED_GOLD


def load_meetings() -> str | None:
    """The 8th, 9th and 10th meetings of FY2010; returns a note for the demo's output."""
    committee = Committee.objects.get(slug="unei")
    if Meeting.objects.filter(committee=committee, fiscal_year=2010, number=9).exists():
        return None
    staff = User.objects.get(username="nishiguchi")
    members = {m.name: m for m in Member.objects.all()}
    venue = Venue.objects.filter(name=VENUE_9).first()

    # The 8th: minutes circulated by mail; two members never opened them, one mail bounced.
    eighth = services.meeting_create(
        actor=staff, committee=committee, date=MEETING_8, number=8,
        start_time=time(19), end_time=time(21), venue=venue,
    )  # fmt: skip
    for member in members.values():
        services.attendance_record(
            actor=staff, meeting=eighth, member=member, status=Attendance.Status.PRESENT
        )
    report = services.item_add(
        actor=staff,
        meeting=eighth,
        category=AgendaItem.Category.REPORT,
        title="西東京市市民協働推進センターの業務報告について",
    )
    services.minutes_entries_set(
        actor=staff,
        item=report,
        entries=[
            Entry("note", "11月期の月次報告について事務局が説明"),
            Entry(
                "statement",
                "「第2回企業懇談会」と「行政職員と市民活動団体の懇談会に向けての"
                "登録団体間の意見交換会」を12月初旬に開催した。",
                "事務局",
            ),
        ],
    )
    # Sent a week after the meeting: by the 9th two members had not received it (the seed).
    eighth_circulation = services.minutes_circulate(actor=staff, minutes=eighth.minutes)
    _record_delivery(
        eighth_circulation,
        sent=_at(SENT_8, 10),
        received=_at(SENT_8 + timedelta(days=2), 20),
        pending=NEVER_OPENED,
        failed=FAILED_MEMBER,
    )
    eighth.status = Meeting.Status.HELD
    eighth.save(update_fields=["status"])

    # The 9th, as in the seed.
    ninth = services.meeting_create(
        actor=staff, committee=committee, date=MEETING_9, number=9,
        start_time=time(19), end_time=time(21), venue=venue,
    )  # fmt: skip
    for member in members.values():
        services.attendance_record(
            actor=staff, meeting=ninth, member=member, status=Attendance.Status.PRESENT
        )
    gold = seed_gold_path()
    note = None
    if gold.exists():
        data = json.loads(gold.read_text(encoding="utf-8"))
        agenda = [
            (CATEGORY_BY_JA[s["category"]], i["title"], i["entries"])
            for s in data["sections"]
            for i in s["items"]
        ]
    else:
        agenda = [(category, title, []) for category, title in AGENDA_9]
        note = (
            f"平成22年度第9回運営委員会は会議の事実だけから作りました（発言の全文はありません）。"
            f"全文には {gold} が必要です。"
        )
    items: dict[str, AgendaItem] = {}
    for category, title, entries in agenda:
        # meeting_create already put the 8th's minutes on the agenda; it keeps the seed's title.
        existing = ninth.items.filter(category=category, title=title).first() or (
            ninth.items.filter(minutes_for=eighth.minutes).first() if "第8回" in title else None
        )
        if existing:
            item = services.item_update(actor=staff, item=existing, title=title, body="")
        else:
            item = services.item_add(actor=staff, meeting=ninth, category=category, title=title)
        items[title] = item
        if entries:
            services.minutes_entries_set(
                actor=staff, item=item, entries=[Entry.from_dict(e) for e in entries]
            )
    # 業務報告: the monthly report of December the secretariat handed out at the meeting, its
    # figures as of that evening whatever day the demo is loaded; the public reads it beside
    # the published minutes (報告資料).
    presented = presented_report_attach(
        actor=staff, item=items[AGENDA_9[0][1]], month=REPORT_9, today=MEETING_9
    )
    presented_report_freeze(actor=staff, presented=presented, now=_at(MEETING_9, 19))
    by_position = list(items.values())
    for item in by_position[:3]:
        services.decision_record(actor=staff, item=item, outcome=Decision.Outcome.REPORT_ONLY)
    services.decision_record(
        actor=staff,
        item=by_position[3],
        outcome=Decision.Outcome.DEFERRED,
        text="未着信の委員がいたので、次回に審議することとした。",
    )
    nomination = by_position[4]
    services.decision_record(
        actor=staff,
        item=nomination,
        outcome=Decision.Outcome.APPROVED,
        method=Decision.Method.UNANIMOUS,
        text="満場一致で次期担当理事候補を熊田委員長にお願いすることになった。",
    )
    chair = members[CHAIR]
    services.appointment_add(
        actor=staff, committee=committee, member=chair, title="社会福祉協議会担当理事候補",
        term_start=date(2009, 4, 2), term_end=date(2011, 4, 1),
    )  # fmt: skip
    services.appointment_add(
        actor=staff, committee=committee, member=chair, title="社会福祉協議会担当理事候補",
        term_start=date(2011, 4, 2), term_end=date(2013, 4, 1), decided_at=nomination,
    )  # fmt: skip
    services.action_item_add(
        actor=staff,
        meeting=ninth,
        item=by_position[5],
        description="協働についてのワークショップ（運営委員会の中での話し合い）を実現する",
        assignee="事務局",
    )
    tenth = services.meeting_schedule_next(
        actor=staff, meeting=ninth, date=MEETING_10, start_time=time(19), end_time=time(21)
    )
    ninth.status = Meeting.Status.HELD
    ninth.save(update_fields=["status"])
    # After the 9th put the approval off: 吉田's link went again to his address, and the two
    # recorded the receipt before the 10th (history: dated then, not the day the demo loads).
    _deliver_late(staff, eighth_circulation)

    # The 9th's minutes are confirmed (確定稿): circulated, received by every member, approved
    # unanimously at the 10th meeting (held, quorate), then confirmed.
    if gold.exists():
        circulation = services.minutes_circulate(actor=staff, minutes=ninth.minutes)
        _record_delivery(
            circulation, sent=_at(SENT_9, 10), received=_at(SENT_9 + timedelta(days=2), 20)
        )
        for member in members.values():
            status = (
                Attendance.Status.ABSENT if member.name in ABSENT_10 else Attendance.Status.PRESENT
            )
            services.attendance_record(actor=staff, meeting=tenth, member=member, status=status)
        # Scheduled with 「場所は未定」 (the seed); held in the usual room.
        services.meeting_update(
            actor=staff, meeting=tenth, date=tenth.date, start_time=tenth.start_time,
            end_time=tenth.end_time, venue=tenth.venue or venue, status=Meeting.Status.HELD,
        )  # fmt: skip
        # The 10th approved both drafts unanimously: the 8th's, carried over from the 9th (it
        # stays 承認済み, as the history leaves it), and the 9th's, then confirmed (確定稿).
        for minutes in (eighth.minutes, ninth.minutes):
            services.decision_record(
                actor=staff,
                item=tenth.items.get(minutes_for=minutes),
                outcome=Decision.Outcome.APPROVED,
                method=Decision.Method.UNANIMOUS,
            )
        services.minutes_confirm(actor=staff, minutes=ninth.minutes)
    return note


def _deliver_late(staff, circulation) -> None:
    """The 8th's draft after the 9th: 吉田's link sent again (delivered: his bounce is made up
    for) and the receipts of those who had not recorded one, all before the 10th."""
    again = circulation.recipients.get(member__name=FAILED_MEMBER)
    services.recipient_resend(actor=staff, recipient=again)
    again.refresh_from_db()
    OutboxMessage.objects.filter(pk=again.message_id).update(
        created_at=_at(RESENT_8, 10), status=OutboxMessage.Status.SENT,
        sent_at=_at(RESENT_8, 10), attempts=1,
    )  # fmt: skip
    circulation.recipients.filter(member__name__in=NEVER_OPENED).update(
        opened_at=_at(RESENT_8 + timedelta(days=3), 20)
    )


# --- this fiscal year: a committee at work on the day the demo runs ----------------------------


def _load_current_terms(today: date | None = None, *, until: date | None = None) -> None:
    """The same twelve sit from ``today`` (to ``until``): two-year terms from odd fiscal years,
    as the seed's (2009-04-01 to 2011-03-31), so that the committee of the demo has members on
    any day, and on each day of the meetings the demo dates around today (a meeting of March
    sits in the term before an April's)."""
    today = today or timezone.localdate()
    committee = Committee.objects.get(slug="unei")
    members = {m.name: m for m in Member.objects.filter(name__in=[n for n, *_ in MEMBERS])}
    first = fiscal_year(today)
    first -= 1 - first % 2
    for start_fy in range(first, fiscal_year(until or today) + 1, 2):
        term_start, term_end = date(start_fy, 4, 1), date(start_fy + 2, 3, 31)
        for name, *_rest in MEMBERS:
            Membership.objects.get_or_create(
                committee=committee,
                member=members[name],
                term_start=term_start,
                defaults={
                    "term_end": term_end,
                    "role": Membership.Role.CHAIR if name == CHAIR else Membership.Role.MEMBER,
                },
            )


ABSENT_10 = ("有馬",)
NOT_YET_RECEIVED = ("岡澤", "山辺")  # the latest draft: two have not opened it yet
MAIL_FAILED = "吉田"
ONLINE = "小林"
ABSENT_LATEST = ("有馬",)
# The earlier minutes were confirmed the morning after the latest meeting, at 9:30, before its
# own draft went out at 10:00 (or, the meeting being last night, a moment before the draft).
CONFIRMED_AFTER = timedelta(minutes=30)
CONFIRMED_AGO = timedelta(minutes=10)


def _tuesday_near(day: date) -> date:
    """The Tuesday on or after ``day`` (the seed's meetings are on Tuesdays)."""
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _tuesday_before(day: date) -> date:
    """The last Tuesday before ``day``: from 1 to 7 days earlier."""
    return day - timedelta(days=(day.weekday() - 1) % 7 or 7)


def current_dates(today: date) -> tuple[date, date, date]:
    """The days of the demo's three current meetings, all Tuesdays: one held about five weeks
    ago, one held in the last seven days (before today: it has begun, whatever the hour) and
    the next, about four weeks ahead. Whatever today is, they are in this order and at least
    three weeks apart."""
    return (
        _tuesday_near(today - timedelta(days=35)),
        _tuesday_before(today),
        _tuesday_near(today + timedelta(days=28)),
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _record_delivery(circulation, *, sent: datetime, received: datetime, pending=(), failed=None):
    """Demo history, not real mail: the circulation and its messages are dated ``sent`` and its
    messages recorded as delivered then (``failed``'s bounced), and every member but
    ``pending`` and ``failed`` as having recorded the receipt on ``received``."""
    type(circulation).objects.filter(pk=circulation.pk).update(created_at=sent)
    circulation.refresh_from_db(fields=["created_at"])
    for recipient in circulation.recipients.select_related("member"):
        if recipient.member.name == failed:
            OutboxMessage.objects.filter(pk=recipient.message_id).update(
                created_at=sent,
                claimed_at=sent,
                status=OutboxMessage.Status.FAILED,
                attempts=8,
                last_error="SMTPRecipientsRefused: 550 5.1.1 No such user here",
            )
            continue
        OutboxMessage.objects.filter(pk=recipient.message_id).update(
            created_at=sent, status=OutboxMessage.Status.SENT, sent_at=sent, attempts=1
        )
        if recipient.member.name not in pending:
            recipient.opened_at = received
            recipient.save(update_fields=["opened_at"])


def _confirm_as_of(staff, minutes, confirmed: datetime) -> None:
    """Confirm ``minutes`` (approved) and tell the members, as staff would, the whole dated
    ``confirmed``; the mail recorded as delivered then (``MAIL_FAILED``'s bounced, as the
    draft sent to him after it)."""
    version = minutes_confirm_and_tell(actor=staff, minutes=minutes)
    type(minutes).objects.filter(pk=minutes.pk).update(confirmed_at=confirmed)
    type(version).objects.filter(pk=version.pk).update(created_at=confirmed)
    told = OutboxMessage.objects.filter(
        kind="committees.minutes.confirmed", object_id=str(version.pk)
    )
    failed = Member.objects.get(name=MAIL_FAILED).email
    told.exclude(to=failed).update(
        created_at=confirmed, status=OutboxMessage.Status.SENT, sent_at=confirmed, attempts=1
    )
    told.filter(to=failed).update(
        created_at=confirmed,
        claimed_at=confirmed,
        status=OutboxMessage.Status.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 5.1.1 No such user here",
    )


def _hold(staff, meeting, members, *, online=(), absent=(), venue=None) -> None:
    """Record who attended ``meeting`` and that it was held."""
    for member in members.values():
        status = (
            Attendance.Status.ONLINE
            if member.name in online
            else Attendance.Status.ABSENT
            if member.name in absent
            else Attendance.Status.PRESENT
        )
        services.attendance_record(actor=staff, meeting=meeting, member=member, status=status)
    services.meeting_update(
        actor=staff, meeting=meeting, date=meeting.date, start_time=meeting.start_time,
        end_time=meeting.end_time, venue=venue, status=Meeting.Status.HELD,
    )  # fmt: skip


def _item_with_turns(staff, meeting, category: str, title: str, text: str) -> AgendaItem:
    """An agenda item of ``meeting`` with its minutes' turns written as text (「話者：発言」)."""
    item = services.item_add(actor=staff, meeting=meeting, category=category, title=title)
    services.minutes_entries_from_text(actor=staff, item=item, text=text)
    return item


def load_current(today: date | None = None) -> None:
    """The committee at work around ``today`` (the day the demo runs), three meetings:

    - the earlier one, held about five weeks ago: its draft minutes were circulated and every
      member has recorded the receipt;
    - the latest one, held in the last seven days, which approved (承認) the earlier one's
      minutes unanimously: staff recorded the decision and confirmed (確定) them the morning
      after, which published them (the newest minutes on the public pages) and told the
      members. Its own draft is being circulated: two members have not received it yet and
      one mail bounced (吉田's address no longer takes mail: the confirmation's bounced too);
    - the next one, about four weeks ahead, with its agenda (the latest draft's approval
      among it).

    Nothing is added when the committee already has a meeting after the 2010 history.
    """
    today = today or timezone.localdate()
    committee = Committee.objects.get(slug="unei")
    if Meeting.objects.filter(committee=committee, date__gt=TERM_END).exists():
        return
    earlier_on, latest_on, next_on = current_dates(today)
    _load_current_terms(earlier_on, until=next_on)
    staff = User.objects.get(username="nishiguchi")
    members = {m.name: m for m in Member.objects.filter(name__in=[n for n, *_ in MEMBERS])}
    venue = Venue.objects.filter(name=VENUE_9).first()
    now = timezone.now()

    # The earlier meeting: held, its draft circulated a week later and received by everyone.
    earlier = services.meeting_create(
        actor=staff, committee=committee, date=earlier_on, start_time=time(19),
        end_time=time(21), venue=venue,
    )  # fmt: skip
    _item_with_turns(
        staff,
        earlier,
        AgendaItem.Category.REPORT,
        "市民協働推進センターの業務報告について",
        (
            "○前月の月次報告について事務局が説明\n"
            "事務局：登録団体の新規登録は3団体、相談は12件でした。\n"
            "委員：相談の内容に傾向はありますか。\n"
            "事務局：会計と助成金の申請についての相談が多くなっています。\n"
        ),
    )
    talk = _item_with_turns(
        staff,
        earlier,
        AgendaItem.Category.DISCUSSION,
        "協働について",
        (
            "委員長：来年度の提案協働事業の進め方について意見を伺います。\n"
            "委員：募集の説明会を早めに開いてほしい。\n"
            "委員：市の担当課との事前相談の場があるとよい。\n"
            "委員長：事務局で説明会の日程を検討してください。\n"
        ),
    )
    services.action_item_add(
        actor=staff, meeting=earlier, item=talk, description="提案協働事業の説明会の日程を検討する",
        assignee="事務局", due_date=next_on,
    )  # fmt: skip
    _hold(staff, earlier, members, online=(ONLINE,), venue=venue)
    latest = services.meeting_schedule_next(
        actor=staff, meeting=earlier, date=latest_on, start_time=time(19), end_time=time(21),
        venue=venue,
    )  # fmt: skip
    # Circulated, the draft goes on the latest meeting's agenda for approval (審議事項).
    circulation = services.minutes_circulate(actor=staff, minutes=earlier.minutes)
    sent = _at(earlier_on + timedelta(days=7), 10)
    _record_delivery(circulation, sent=sent, received=sent + timedelta(days=2))

    # The latest meeting: held, quorate; its decisions are for staff to record today.
    _item_with_turns(
        staff,
        latest,
        AgendaItem.Category.REPORT,
        "市民協働推進センターの業務報告について",
        (
            "○前月の月次報告について事務局が説明\n"
            "事務局：登録団体の新規登録は2団体、相談は9件でした。\n"
            "委員：講座の参加者の傾向を次回も教えてください。\n"
        ),
    )
    _item_with_turns(
        staff,
        latest,
        AgendaItem.Category.DISCUSSION,
        "来年度の事業計画について",
        (
            "委員長：来年度の事業計画の骨子について意見を伺います。\n"
            "委員：団体同士の交流の場を増やしてほしい。\n"
            "事務局：交流会を年2回に増やす案を次回お示しします。\n"
        ),
    )
    _hold(staff, latest, members, absent=ABSENT_LATEST, venue=venue)
    # It approved the earlier minutes unanimously; the next morning staff recorded the decision
    # and confirmed (確定) them, which publishes them and tells the members by mail.
    approval = latest.items.get(minutes_for=earlier.minutes)
    services.decision_record(
        actor=staff, item=approval, outcome=Decision.Outcome.APPROVED,
        method=Decision.Method.UNANIMOUS,
    )  # fmt: skip
    confirmed = min(_at(latest_on + timedelta(days=1), 9) + CONFIRMED_AFTER, now - CONFIRMED_AGO)
    _confirm_as_of(staff, earlier.minutes, confirmed)
    following = services.meeting_schedule_next(
        actor=staff, meeting=latest, date=next_on, start_time=time(19), end_time=time(21)
    )
    services.item_add(
        actor=staff,
        meeting=following,
        category=AgendaItem.Category.REPORT,
        title="市民協働推進センターの業務報告について",
    )
    services.item_add(
        actor=staff,
        meeting=following,
        category=AgendaItem.Category.DISCUSSION,
        title="提案協働事業の説明会について",
    )
    # The latest draft goes to the members and is on the next meeting's agenda for approval.
    circulation = services.minutes_circulate(actor=staff, minutes=latest.minutes)
    # Sent the morning after the meeting (or a moment ago, the meeting being last night).
    sent = min(_at(latest_on + timedelta(days=1), 10), now - timedelta(minutes=5))
    _record_delivery(
        circulation,
        sent=sent,
        received=min(sent + timedelta(hours=20), now),
        pending=NOT_YET_RECEIVED,
        failed=MAIL_FAILED,
    )
