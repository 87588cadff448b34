"""The demo: the seed's events of December 2010 and January–February 2011."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command

from kyodo.events.models import Application, Event, EventNote, Guest


def test_the_demo_has_the_seeds_events(demo):
    salon = Event.objects.get(title__startswith="トークサロン")
    assert salon.name == "トークサロン「報道からみた冤罪（えんざい）・再審事件」"
    assert (salon.status, salon.attendance_people) == ("held", 12)
    assert list(salon.notes.values_list("kind", "text")) == [
        ("feedback", "時間が短かった"),
        ("request", "公民館で話してもらいたいのでつないでほしい"),
    ]
    assert [g.name for g in salon.guests.all()] == ["元新聞記者"]

    round_table = Event.objects.get(title="行政職員と市民活動団体の懇談会")
    assert (round_table.date.isoformat(), round_table.venue.name) == ("2011-01-26", "保谷庁舎")
    groups = [a.group_label for a in round_table.applications.order_by("pk")]
    assert groups[0] == "NPO法人西東京NPO推進センターセプロス"
    assert len(groups) == 10 and "健康未来わいわいクラブ" in groups

    network = Event.objects.get(series__name="NPO市民活動ネットワーク")
    assert (network.series_number, network.theme) == (3, "地域に根付くネットワークとは")
    assert [(g.name, g.affiliation) for g in network.guests.all()] == [
        ("嶋田安民", "NPO法人西東京コミュニティひろばNCH 事務局長")
    ]
    assert network.applications.count() == 11
    assert Event.objects.get(title="会計講座中級編").applications.count() == 9

    symposium = Event.objects.get(title="協働を考えるシンポジウム")
    assert symposium.date.isoformat() == "2011-02-09"
    assert [(g.role, g.name) for g in symposium.guests.all()] == [
        ("keynote", "山崎富一"),
        ("panelist", "浜名"),
    ]
    festival_4 = Event.objects.get(series__name="NPO市民フェスティバル実行委員会", series_number=4)
    assert festival_4.date.isoformat() == "2011-01-20"


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Event.objects.count(), Application.objects.count(), Guest.objects.count(),
              EventNote.objects.count())  # fmt: skip
    assert counts == (10, 42, 4, 2)
    # adds the current fiscal year: 3 events to come (18 + 13 + 3 applications) and 3 held
    # (14 + 2, 27 + 3 and 11 + 1 applicants, who came or not)
    call_command("demo")
    counts = (Event.objects.count(), Application.objects.count(), Guest.objects.count(),
              EventNote.objects.count())  # fmt: skip
    assert counts == (16, 134, 4, 2)
    call_command("demo")
    assert (Event.objects.count(), Application.objects.count(), Guest.objects.count(),
            EventNote.objects.count()) == counts  # fmt: skip


def test_last_months_report_and_this_fiscal_years_count_the_events_held(demo):
    from django.utils import timezone

    from kyodo.core.wareki import fiscal_year
    from kyodo.reports.selectors import fiscal_year_report

    call_command("demo")
    today = timezone.localdate()
    held = Event.objects.filter(status=Event.Status.HELD, date__gt=today - timedelta(days=80))
    assert sorted((e.title, e.attendance_people) for e in held) == [
        ("NPO法人設立講座", 14),
        ("市民活動団体交流会", 27),
        ("広報力アップ講座", 11),
    ]
    for event in held:
        attended = event.applications.filter(attendance=Application.Attendance.ATTENDED)
        assert attended.count() == event.attendance_people
    report = fiscal_year_report(fiscal_year=fiscal_year(today), today=today)
    counted = {e.name for e in report.events_held}
    assert {e.title for e in held if fiscal_year(e.date) == fiscal_year(today)} <= counted
