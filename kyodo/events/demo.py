"""This app's part of `kyodo demo` (see kyodo/core/demo.py): the events of the seed's report.

December 2010 (held, reported as the month's results) and January–February 2011 (the plans
told to the committee on 2011-01-18). Titles, guests, themes, venues and counts come from the
seed; days the seed does not give, times, capacities and applicants' names are invented and
marked so. Rows are written directly, not through the services, because the story lies in the
past, where the services would refuse applications as outside their period.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kyodo.core.models import Venue
from kyodo.core.text import match_key
from kyodo.events.models import (
    Application,
    Event,
    EventKind,
    EventNote,
    EventSeries,
    Feedback,
    Guest,
)

ROOM_1 = "イングビル3階 第1会議室"
ROOM_2 = "イングビル3階 第2会議室"
HOYA = "保谷庁舎"
TANASHI = "田無庁舎"

# The ten groups that had applied to the round table of 2011-01-26, as the seed lists them.
ROUND_TABLE_GROUPS = [
    "NPO法人西東京NPO推進センターセプロス",
    "西東京シネマ倶楽部",
    "NPO法人稲門寺子屋西東京",
    "NPO法人生活企画ジェフリー",
    "西東京子育てコム",
    "NPO法人子どもアミーゴ西東京",
    "環境まちづくりNPOエコメッセ西東京",
    "西東京風の会",
    "東大農場・演習林の存続を願う会",
    "健康未来わいわいクラブ",
]

# Invented applicants (the seed gives only counts): name, reading.
PEOPLE = [
    ("青木 陽子", "あおき ようこ"),
    ("石井 健一", "いしい けんいち"),
    ("上田 真理", "うえだ まり"),
    ("大野 誠", "おおの まこと"),
    ("加藤 恵美", "かとう えみ"),
    ("菊池 聡", "きくち さとし"),
    ("工藤 直子", "くどう なおこ"),
    ("近藤 浩", "こんどう ひろし"),
    ("佐藤 由紀", "さとう ゆき"),
    ("清水 隆", "しみず たかし"),
    ("鈴木 和子", "すずき かずこ"),
    ("高橋 修", "たかはし おさむ"),
    ("田村 美穂", "たむら みほ"),
    ("中村 実", "なかむら みのる"),
    ("野口 幸子", "のぐち さちこ"),
    ("林 昭夫", "はやし あきお"),
    ("藤田 香", "ふじた かおり"),
    ("松本 博", "まつもと ひろし"),
    ("村上 里美", "むらかみ さとみ"),
    ("山口 勇", "やまぐち いさむ"),
]


def _venue(name: str) -> Venue | None:
    return Venue.objects.filter(name=name).first()


def _series(name: str, reading: str, kind: str, next_number: int) -> EventSeries:
    series, _created = EventSeries.objects.get_or_create(
        name=name, defaults={"name_reading": reading, "kind": kind, "next_number": next_number}
    )
    return series


def _event(*, key: dict, **fields) -> Event:
    event, _created = Event.objects.get_or_create(**key, defaults=fields)
    if event.series_id and event.series.next_number <= event.series_number:
        EventSeries.objects.filter(pk=event.series_id).update(next_number=event.series_number + 1)
    return event


def _guest(event: Event, name: str, role: str, affiliation: str = "", reading: str = "") -> None:
    position = event.guests.count() + 1
    Guest.objects.get_or_create(
        event=event,
        name=name,
        defaults={
            "role": role,
            "affiliation": affiliation,
            "name_reading": reading,
            "position": position,
        },
    )


def _note(event: Event, kind: str, text: str) -> None:
    EventNote.objects.get_or_create(event=event, kind=kind, text=text)


def _individuals(event: Event, count: int, *, offset: int = 0) -> None:
    if event.applications.exists():
        return
    for n in range(count):
        name, reading = PEOPLE[(offset + n) % len(PEOPLE)]
        Application.objects.create(
            event=event,
            kind=Application.Kind.INDIVIDUAL,
            name=name,
            name_reading=reading,
            email=f"applicant{offset + n + 1}@example.jp",
            status=Application.Status.CONFIRMED,
            channel=Application.Channel.PHONE if n % 4 == 3 else Application.Channel.ONLINE,
        )


def _groups(event: Event, names: list[str]) -> None:
    if event.applications.exists():
        return
    from kyodo.organizations.models import Organization

    for n, group in enumerate(names):
        organization = Organization.objects.filter(name_key=match_key(group)).first()
        contact, reading = PEOPLE[n % len(PEOPLE)]
        Application.objects.create(
            event=event,
            kind=Application.Kind.GROUP,
            organization=organization,
            group_name="" if organization else group,
            people=2 if n % 3 == 0 else 1,  # invented
            name=contact,
            name_reading=reading,
            email=f"group{n + 1}@example.jp",
            status=Application.Status.CONFIRMED,
        )


def load_demo() -> None:
    """Idempotent: running it twice leaves the same data."""
    held, published = Event.Status.HELD, Event.Status.PUBLISHED

    # --- December 2010: held, reported in the monthly report of 12月期 -------------------------
    business = _series("企業懇談会", "きぎょうこんだんかい", EventKind.ROUND_TABLE, 1)
    _event(
        key={"series": business, "series_number": 2},
        kind=EventKind.ROUND_TABLE,
        date=date(2010, 12, 2),  # 「12月初旬」; the day is invented
        start_time=time(14, 0),
        end_time=time(16, 0),
        venue=_venue(ROOM_1),
        accepts_applications=False,
        status=held,
    )
    _event(
        key={"title": "行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会"},
        kind=EventKind.ROUND_TABLE,
        date=date(2010, 12, 4),  # 「12月初旬」; the day is invented
        start_time=time(13, 30),
        end_time=time(16, 0),
        venue=_venue(ROOM_1),
        accepts_applications=False,
        status=held,
    )
    festival = _series(
        "NPO市民フェスティバル実行委員会",
        "えぬぴーおーしみんふぇすてぃばるじっこういいんかい",
        EventKind.EXECUTIVE_COMMITTEE,
        1,
    )
    _event(
        key={"series": festival, "series_number": 3},
        kind=EventKind.EXECUTIVE_COMMITTEE,
        date=date(2010, 12, 9),  # invented
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue=_venue(ROOM_2),
        accepts_applications=False,
        status=held,
        attendance_people=3,
        walk_in_people=3,
    )
    _event(
        # The seed's own spelling (フェティバル) is kept: this is its record of the day.
        key={"title": "NPO市民フェティバル事前説明会"},
        kind=EventKind.BRIEFING,
        date=date(2010, 12, 18),  # invented
        start_time=time(14, 0),
        end_time=time(16, 0),
        venue=_venue(ROOM_1),
        accepts_applications=False,
        status=held,
        attendance_groups=24,
        walk_in_groups=24,
    )

    # --- January 2011 ---------------------------------------------------------------------------
    salon = _event(
        key={"title": "トークサロン「報道からみた冤罪（えんざい）・再審事件」"},
        kind=EventKind.SALON,
        date=date(2011, 1, 15),  # held before 2011-01-18; the day is invented
        start_time=time(14, 0),
        end_time=time(16, 0),
        venue=_venue(ROOM_1),
        capacity_people=20,
        status=held,
        attendance_people=12,
    )
    _guest(salon, "元新聞記者", Guest.Role.GUEST)
    _individuals(salon, 12)
    if not salon.applications.exclude(attendance="").exists():
        salon.applications.update(attendance=Application.Attendance.ATTENDED)
    _note(salon, EventNote.Kind.FEEDBACK, "時間が短かった")
    # Its questionnaire, answered (invented; the seed's 「時間が短かった」 among the answers).
    _feedback(salon, 3)
    _note(salon, EventNote.Kind.REQUEST, "公民館で話してもらいたいのでつないでほしい")

    _event(
        key={"series": festival, "series_number": 4},
        kind=EventKind.EXECUTIVE_COMMITTEE,
        date=date(2011, 1, 20),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue=_venue(ROOM_2),
        accepts_applications=False,
        status=published,
    )
    round_table = _event(
        key={"title": "行政職員と市民活動団体の懇談会"},
        kind=EventKind.ROUND_TABLE,
        date=date(2011, 1, 26),
        start_time=time(18, 30),  # invented
        end_time=time(20, 30),
        venue=_venue(HOYA),
        capacity_groups=20,  # invented
        applications_close_on=date(2011, 1, 21),  # invented
        status=published,
    )
    _groups(round_table, ROUND_TABLE_GROUPS)

    network = _series(
        "NPO市民活動ネットワーク", "えぬぴーおーしみんかつどうねっとわーく", EventKind.SOCIAL, 1
    )
    network_3 = _event(
        key={"series": network, "series_number": 3},
        kind=EventKind.SOCIAL,
        theme="地域に根付くネットワークとは",
        description=(
            "それぞれのNPOを取り巻く関係者と良好なネットワークをどう構築するかについて"
            "お話しいただきます。"
        ),
        date=date(2011, 1, 29),  # invented
        start_time=time(14, 0),
        end_time=time(16, 30),
        venue=_venue(ROOM_1),
        capacity_people=30,  # invented
        status=published,
    )
    _guest(
        network_3,
        "嶋田安民",
        Guest.Role.GUEST,
        "NPO法人西東京コミュニティひろばNCH 事務局長",
        "しまだ やすたみ",  # the reading is a guess for the demo
    )
    _individuals(network_3, 11, offset=3)

    # --- February 2011 --------------------------------------------------------------------------
    accounting = _event(
        key={"title": "会計講座中級編"},
        kind=EventKind.LECTURE,
        date=date(2011, 2, 5),  # invented
        start_time=time(13, 30),
        end_time=time(16, 30),
        venue=_venue(ROOM_2),
        capacity_people=16,  # the room's size
        status=published,
    )
    _individuals(accounting, 9, offset=8)

    symposium = _event(
        key={"title": "協働を考えるシンポジウム"},
        kind=EventKind.SYMPOSIUM,
        date=date(2011, 2, 9),
        start_time=time(18, 30),  # invented
        end_time=time(20, 30),
        venue=_venue(TANASHI),  # invented
        capacity_people=60,
        status=published,
    )
    _guest(
        symposium,
        "山崎富一",
        Guest.Role.KEYNOTE,
        "松戸市『協働のまちづくり協議会』会長、元世田谷ボランティア協会事務局長",
    )
    _guest(symposium, "浜名", Guest.Role.PANELIST, "協働コミュニティ課長")


# --- the current fiscal year, relative to the day the demo runs ---------------------------------

# title, kind, days from today, start, end, venue, people, groups, (confirmed, waiting), theme
CURRENT_EVENTS = [
    ("市民活動はじめの一歩講座", EventKind.LECTURE, 12, time(14, 0), time(16, 0), ROOM_1,
     20, None, (18, 0), "地域で活動を始めたい人のための入門講座"),
    ("NPO会計講座（初級編）", EventKind.LECTURE, 19, time(13, 30), time(16, 30), ROOM_2,
     10, None, (10, 3), "はじめての会計担当者のために"),
    ("協働のまちづくり懇談会", EventKind.ROUND_TABLE, 33, time(18, 30), time(20, 30), HOYA,
     None, 20, (0, 0), "行政職員と市民活動団体の意見交換"),
]  # fmt: skip

# Held earlier this year: what last month's report and the fiscal year's count. Title, kind,
# days before today, start, end, venue, capacity, people who came, people who did not.
CURRENT_HELD_EVENTS = [
    ("NPO法人設立講座", EventKind.LECTURE, 16, time(14, 0), time(16, 0), ROOM_1, 20, 14, 2),
    ("市民活動団体交流会", EventKind.SOCIAL, 44, time(18, 30), time(20, 30), HOYA, 40, 27, 3),
    ("広報力アップ講座", EventKind.LECTURE, 73, time(10, 0), time(12, 0), ROOM_2, 15, 11, 1),
]  # fmt: skip

# Registered groups of the demo that have applied to the round table so far.
CURRENT_ROUND_TABLE_GROUPS = ["西東京風の会", "西東京シネマ倶楽部", "健康未来わいわいクラブ"]


def _current_event(title: str, on: date, *, today: date, **fields) -> Event:
    # An event of this title still to come is kept (the demo run again before it); one already
    # past stays as history and the next one is planned from today.
    upcoming = Event.objects.filter(title=title, date__gte=today).order_by("date").first()
    return upcoming or Event.objects.create(title=title, date=on, **fields)


def _load_current_held(today: date) -> None:
    """Events of the last weeks, held, with their applicants marked as they came or not: the
    reports of last month and of this fiscal year count them. Kept when the demo runs again
    within the weeks after."""
    for n, (title, kind, days, start, end, venue, capacity, came, missed) in enumerate(
        CURRENT_HELD_EVENTS
    ):
        recent = Event.objects.filter(
            title=title, status=Event.Status.HELD, date__gte=today - timedelta(days=days + 30)
        )
        if recent.exists():
            continue
        event = Event.objects.create(
            title=title,
            kind=kind,
            date=today - timedelta(days=days),
            start_time=start,
            end_time=end,
            venue=_venue(venue),
            capacity_people=capacity,
            status=Event.Status.HELD,
            attendance_people=came,
        )
        for i in range(came + missed):
            name, reading = PEOPLE[(n * 5 + i) % len(PEOPLE)]
            Application.objects.create(
                event=event,
                kind=Application.Kind.INDIVIDUAL,
                name=name,
                name_reading=reading,
                email=f"past{n + 1}-{i + 1}@example.jp",
                status=Application.Status.CONFIRMED,
                attendance=(
                    Application.Attendance.ATTENDED if i < came else Application.Attendance.NO_SHOW
                ),
            )


# Invented questionnaire answers for the events held in the last weeks, in turn: satisfaction
# (None: not chosen), what was good, requests for future events.
FEEDBACK_ANSWERS = [
    (5, "講師の説明が具体的で、定款の書き方がよく分かりました。", "設立後の会計についての講座も開いてほしいです。"),
    (4, "他の参加者と話せたのがよかったです。", ""),
    (5, "", "土曜日の午前中の開催だと参加しやすいです。"),
    (3, "資料が見やすかったです。", "時間が短かったので、質疑応答の時間をもう少し長くしてほしい。"),
    (4, "", ""),
    (2, "", "会場の空調が寒かったです。"),
    (None, "事例紹介が参考になりました。", ""),
    (5, "団体同士のつながりができました。", "次回は分野別に分かれて話す時間がほしいです。"),
    (4, "", ""),
]  # fmt: skip


def _feedback(event: Event, n: int) -> None:
    """The questionnaire of a held ``event``: asked the day after, answered by about three in
    four who came (answers from ``FEEDBACK_ANSWERS``, starting at ``n * 4``). Kept when the demo
    runs again."""
    from django.utils import timezone

    if event.feedback.exists():
        return
    asked_at = datetime.combine(
        event.date + timedelta(days=1), time(0, 5), tzinfo=timezone.get_current_timezone()
    )
    Event.objects.filter(pk=event.pk).update(feedback_requested_at=asked_at)
    came = event.applications.filter(
        status=Application.Status.CONFIRMED, attendance=Application.Attendance.ATTENDED
    ).order_by("pk")
    for i, application in enumerate(came):
        satisfaction, good_points, requests = FEEDBACK_ANSWERS[(n * 4 + i) % len(FEEDBACK_ANSWERS)]
        answered = i % 4 != 3
        Feedback.objects.create(
            application=application,
            event=event,
            requested_at=asked_at,
            satisfaction=satisfaction if answered else None,
            good_points=good_points if answered else "",
            requests=requests if answered else "",
            answered_at=(
                asked_at + timedelta(hours=9 + i % 12, minutes=7 * i % 60) if answered else None
            ),
        )


def _load_current_feedback() -> None:
    """The questionnaire of each event held in the last weeks, answered."""
    for n, (title, *_rest) in enumerate(CURRENT_HELD_EVENTS):
        event = (
            Event.objects.filter(title=title, status=Event.Status.HELD).order_by("-date").first()
        )
        if event is not None:
            _feedback(event, n)


def load_current() -> None:
    """Events open for application from today: one nearly full, one with a waiting list, and a
    round table that groups apply to; and three held in the last weeks. Idempotent on the same
    day."""
    from django.utils import timezone

    from kyodo.organizations.models import Organization

    today = timezone.localdate()
    _load_current_held(today)
    _load_current_feedback()
    for n, (title, kind, days, start, end, venue, people, groups, counts, theme) in enumerate(
        CURRENT_EVENTS
    ):
        event = _current_event(
            title,
            today + timedelta(days=days),
            today=today,
            kind=kind,
            theme=theme,
            start_time=start,
            end_time=end,
            venue=_venue(venue),
            capacity_people=people,
            capacity_groups=groups,
            status=Event.Status.PUBLISHED,
        )
        if event.applications.exists():
            continue
        confirmed, waiting = counts
        for i in range(confirmed + waiting):
            name, reading = PEOPLE[(n * 7 + i) % len(PEOPLE)]
            on_list = i >= confirmed
            Application.objects.create(
                event=event,
                kind=Application.Kind.INDIVIDUAL,
                name=name,
                name_reading=reading,
                email=f"citizen{n + 1}-{i + 1}@example.jp",
                status=Application.Status.WAITLISTED if on_list else Application.Status.CONFIRMED,
                waitlist_position=i - confirmed + 1 if on_list else None,
                channel=Application.Channel.PHONE if i % 5 == 4 else Application.Channel.ONLINE,
                note="車椅子で参加します" if i == 2 else "",
            )
        if groups:
            for i, group in enumerate(CURRENT_ROUND_TABLE_GROUPS):
                organization = Organization.objects.filter(name=group).first()
                name, reading = PEOPLE[(i * 3) % len(PEOPLE)]
                Application.objects.create(
                    event=event,
                    kind=Application.Kind.GROUP,
                    organization=organization,
                    group_name="" if organization else group,
                    people=2,
                    name=name,
                    name_reading=reading,
                    email=f"round-table{i + 1}@example.jp",
                    status=Application.Status.CONFIRMED,
                )
