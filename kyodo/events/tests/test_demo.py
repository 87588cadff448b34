"""The demo: the seed's events of December 2010 and January–February 2011."""

from __future__ import annotations

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
    call_command("demo")  # adds the current fiscal year: 3 events, 18 + 13 + 3 applications
    counts = (Event.objects.count(), Application.objects.count(), Guest.objects.count(),
              EventNote.objects.count())  # fmt: skip
    assert counts == (13, 76, 4, 2)
    call_command("demo")
    assert (Event.objects.count(), Application.objects.count(), Guest.objects.count(),
            EventNote.objects.count()) == counts  # fmt: skip
