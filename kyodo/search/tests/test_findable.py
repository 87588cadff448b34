"""What residents search for and did not find (session 18 audit, items 8 and 10–13): meetings and
agenda items, old and variant kanji, printed names, a speaker by name or without a word, events
by venue and guest, a cancelled event, the words marked in titles."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db.models.signals import post_migrate

from kyodo.committees.models import AgendaItem, Meeting, Minutes, PublishedEntry
from kyodo.events import services as event_services
from kyodo.events.models import Event
from kyodo.search import indexing, signals
from kyodo.search.models import SearchDocument
from kyodo.search.selectors import Filters, search
from kyodo.search.text import VARIANT_KANJI, fold, highlight, parse_query, scan_match


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from kyodo.core.demo import load_demo

        load_demo()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def ninth(demo_data, db) -> Minutes:
    return Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9)


def kinds_and_urls(q: str, **kwargs) -> list[tuple[str, str]]:
    return sorted((h.kind, h.url) for h in search(q, **kwargs)[0:100])


# --- 8, 11: one fold for the index and the query ---------------------------------------------


def test_fold_makes_widths_kana_and_variant_kanji_one():
    assert fold("ＮＰＯ　ﾜｰｸｼｮｯﾌﾟ") == fold("npo ワークショップ") == "npoわーくしょっぷ"
    assert fold("山﨑 髙橋 渡邊 渡邉 宮澤 濵田 濱田 德永 桒原 槗本 𠮷田 廣報") == (
        "山崎高橋渡辺渡辺宮沢浜田浜田徳永桑原橋本吉田広報"
    )
    # One character for one: a hit maps back onto the text character by character.
    assert all(len(old) == len(new) == 1 for old, new in VARIANT_KANJI.items())
    assert highlight("山﨑富一さん", parse_query("山崎").needles) == "<mark>山﨑</mark>富一さん"
    assert highlight("<b>髙橋</b>", parse_query("高橋").needles) == (
        "&lt;b&gt;<mark>髙橋</mark>&lt;/b&gt;"
    )


def test_old_and_new_kanji_find_the_same(demo_data, db):
    # 山崎富一 in the ninth meeting's statement and in event 10's guests (and a news post).
    assert search("山﨑").counts == search("山崎").counts
    assert search("山﨑").counts["entry"] == search("山﨑").counts["event"] == 1
    assert kinds_and_urls("山﨑") == kinds_and_urls("山崎")
    assert kinds_and_urls("山﨑冨一") == kinds_and_urls("山崎富一") != []
    hit = search("山﨑", filters=Filters(kinds=["entry"]))[0]
    assert "<mark>山崎</mark>富一" in hit.snippet


def test_names_in_the_attendance_lists_find_the_minutes(ninth, db):
    url = f"/committee/minutes/{ninth.pk}/"
    for name in ("宮﨑", "宮崎", "岡澤", "岡沢", "有賀", "中曽根", "西口", "丸木", "地域福祉課長"):
        assert kinds_and_urls(name) == [("minutes", url)], name
    hit = search("宮崎")[0]
    assert "<mark>宮﨑</mark>" in hit.snippet
    assert hit.snippet.startswith("…") or "■出席委員：" in hit.snippet


# --- 10: meetings and agenda items ------------------------------------------------------------


def test_agenda_items_and_meetings_are_found(ninth, db, client):
    url = f"/committee/minutes/{ninth.pk}/"
    for q in ("業務報告", "第9回", "平成22年度", "2010年度", "ホームページ", "1月18日",
              "次回運営委員会日程", "平成23年1月18日", "イングビル 第1会議室"):  # fmt: skip
        assert ("minutes", url) in kinds_and_urls(q), q
    assert search("業務報告").counts == {"minutes": 1}
    hit = search("ホームページ")[0]
    assert (hit.doc.title, hit.doc.date.isoformat()) == ("平成22年度第9回運営委員会", "2011-01-18")
    assert "<mark>ホームページ</mark>について" in hit.snippet
    # 第9回 is marked in the title as in the snippet.
    assert search("第9回")[0].title == "平成22年度<mark>第9回</mark>運営委員会"
    body = client.get("/search/", {"q": "業務報告"}).content.decode()
    assert body.count('class="search-hit search-hit-minutes"') == 1
    assert f'<a href="{url}">平成22年度第9回運営委員会</a>' in body
    assert "<li>会議録</li>" in body
    # The kind filter offers them.
    assert search("業務報告", filters=Filters(kinds=["minutes"])).counts == {"minutes": 1}
    assert search("業務報告", filters=Filters(kinds=["entry"])).counts == {}


def test_draft_minutes_as_a_whole_are_staff_only(ninth, db):
    eighth = Meeting.objects.get(fiscal_year=2010, number=8)  # circulated, not confirmed
    # Publicly 第8回 is only the ninth meeting's item approving the eighth's minutes.
    assert kinds_and_urls("第8回", filters=Filters(kinds=["minutes"])) == [
        ("minutes", f"/committee/minutes/{ninth.pk}/")
    ]
    hits = search("第8回", staff=True, filters=Filters(meeting_id=eighth.pk, kinds=["minutes"]))
    assert [(h.doc.title, h.doc.audience, h.url) for h in hits[0:10]] == [
        ("平成22年度第8回運営委員会", "staff", f"/staff/committees/minutes/{eighth.minutes.pk}/")
    ]


def test_confirmed_minutes_are_indexed_from_their_frozen_version(ninth, db):
    """A row of confirmed minutes changed behind the services' back (a correction being
    prepared, a rename) changes nothing that the public finds until a new version is frozen."""
    item = AgendaItem.objects.get(meeting=ninth.meeting, title="ホームページについて")
    AgendaItem.objects.filter(pk=item.pk).update(title="ウェブサイトについて")
    indexing.reindex_meeting(ninth.meeting_id)
    assert [h.url for h in search("ホームページ")] == [f"/committee/minutes/{ninth.pk}/"]
    assert search("ウェブサイト").counts == {}


# --- 12: the speaker filter -------------------------------------------------------------------


def test_the_chair_is_found_by_name(ninth, db):
    by_role = search("協働", filters=Filters(speaker="委員長"))
    assert by_role.counts == {"entry": 6}
    for name in ("熊田", "熊田委員長", " 熊田 "):
        by_name = search("協働", filters=Filters(speaker=name))
        assert by_name.counts == {"entry": 6}, name
        assert [h.doc.pk for h in by_name] == [h.doc.pk for h in by_role]
    # What is shown stays what the minutes print.
    assert {h.speaker for h in search("協働", filters=Filters(speaker="熊田"))} == {"委員長"}


def test_members_printed_as_委員_stay_anonymous(ninth, db):
    """Printing members by role keeps their statements anonymous: no name finds them publicly;
    staff find them by name."""
    assert search("", filters=Filters(speaker="有賀")).counts == {}
    assert search("協働", filters=Filters(speaker="熊田委員")).counts == {"entry": 6}
    assert search("ゆるきゃら", staff=True, filters=Filters(speaker="熊田")).counts == {}


def test_a_speaker_without_a_word_lists_the_turns(ninth, db, client):
    chair = PublishedEntry.objects.filter(
        version=ninth.current_version, kind="statement", speaker="委員長"
    )
    results = search("", filters=Filters(speaker="委員長"))
    assert results.counts == {"entry": chair.count()} == {"entry": 17}
    assert sorted(h.doc.object_id for h in results[0:100]) == sorted(c.ref for c in chair)
    assert search("", filters=Filters(speaker="熊田")).counts == {"entry": 17}
    # With an exclusion only, the same turns less those with the word.
    assert search("-協働", filters=Filters(speaker="委員長")).counts == {"entry": 11}
    # Newest first is the order of the minutes: the same day, then the order of the rows.
    hits = search("", filters=Filters(speaker="委員長"), sort="oldest")[0:3]
    assert [h.speaker for h in hits] == ["委員長"] * 3
    body = client.get("/search/", {"speaker": "委員長"}).content.decode()
    assert body.count('class="search-hit search-hit-entry"') == 17
    assert "17件" in body


def test_a_speaker_without_a_word_on_the_pages_says_why_not(ninth, db, client):
    body = client.get("/search/", {"speaker": "有賀"}).content.decode()
    assert 'class="search-hit' not in body
    assert "No statements by this speaker were found." in body or "委員" in body
    # Filters alone, without a word or a speaker: the page says what it needs.
    body = client.get("/search/", {"fy": "平成22年度"}).content.decode()
    assert 'class="search-hit' not in body
    assert 'class="message info"' in body
    # An empty form is the search page as it was, without a message.
    assert 'class="message info"' not in client.get("/search/").content.decode()


def test_listing_by_speaker_is_what_a_scan_gives(ninth, db):
    for staff in (False, True):
        for speaker in ("委員長", "熊田", "事務局", "委員"):
            results = search("", staff=staff, filters=Filters(speaker=speaker))
            found = sorted(h.doc.pk for h in results[0:1000])
            assert results.count() == len(found)
            column = "speaker_staff_key" if staff else "speaker_public_key"
            docs = SearchDocument.objects.filter(kind="entry")
            if not staff:
                docs = docs.filter(audience="public")
            if speaker in ("委員長", "委員"):
                expected = docs.filter(speaker_role=speaker)
            else:
                expected = docs.filter(**{f"{column}__contains": fold(speaker)})
            assert found == sorted(expected.values_list("pk", flat=True)), (staff, speaker)
    everything = parse_query("")
    assert not everything and not scan_match(everything, "x")


# --- 13: events -------------------------------------------------------------------------------


def test_events_are_found_by_venue_and_guest(demo_data, db):
    at_hoya = Event.objects.visible().filter(venue__name="保谷庁舎")
    assert sorted(
        h.doc.object_id for h in search("保谷庁舎", filters=Filters(kinds=["event"]))
    ) == (sorted(at_hoya.values_list("pk", flat=True)))
    assert search("保谷庁舎").counts == {"entry": 1, "event": at_hoya.count()}
    assert search("田無庁舎").counts == {"event": 1}
    for guest in ("元新聞記者", "嶋田安民"):
        counts = search(guest).counts
        assert counts.get("event") == 1, guest
    # No event hit has an empty snippet now: where and with whom is always said.
    for hit in search("講座")[0:100]:
        if hit.kind == "event":
            assert hit.snippet


def test_guests_and_venues_follow_their_changes(demo_data, db, staff_user):
    event = Event.objects.visible().filter(venue__isnull=False).order_by("pk").first()
    event_services.guest_add(actor=staff_user, event=event, name="髙木一郎", role="lecturer")
    indexing.index(event)  # the services call it (patch search-guests-venue-index)
    assert [h.doc.object_id for h in search("高木一郎")] == [event.pk]
    venue = event.venue
    type(venue).objects.filter(pk=venue.pk).update(name="新しい会議室")
    venue.refresh_from_db()
    indexing.index(venue)
    assert event.pk in [h.doc.object_id for h in search("新しい会議室")[0:100]]


def test_a_cancelled_event_says_中止(demo_data, db, staff_user, client):
    event = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-date").first()
    event_services.event_cancel(actor=staff_user, event=event)
    hit = next(h for h in search(event.title)[0:100] if h.doc.object_id == event.pk)
    assert hit.doc.status == "cancelled"
    body = client.get("/search/", {"q": event.title}).content.decode()
    assert '<li class="search-status"><strong>中止</strong></li>' in body


def test_words_are_marked_in_event_titles(demo_data, db, client):
    from kyodo.events.models import Event

    event = Event.objects.get(title="NPO市民フェティバル事前説明会")
    body = client.get("/search/", {"q": "フェティバル"}).content.decode()
    assert f'<a href="/events/{event.pk}/">NPO市民<mark>フェティバル</mark>事前説明会</a>' in body


# --- reindexing -------------------------------------------------------------------------------


def test_a_migration_asks_for_a_rebuild_after_the_last_migration(ninth, db):
    minutes = SearchDocument.objects.filter(kind="minutes")
    indexing.remove("minutes", minutes.values_list("object_id", flat=True))
    assert search("業務報告").counts == {}
    config = django_apps.get_app_config("search")
    sent = {"sender": config, "app_config": config, "using": "default", "verbosity": 0,
            "interactive": False, "plan": [], "apps": django_apps}  # fmt: skip
    # Nothing asked: nothing rebuilt.
    post_migrate.send(**sent)
    assert search("業務報告").counts == {}
    signals.rebuild_after_migrate("default")
    post_migrate.send(**sent)
    assert search("業務報告").counts == {"minutes": 1}
    assert signals._REBUILD == set()


def test_draft_minutes_without_entries_and_deleted_meetings_are_not_found(demo_data, db):
    with_entries = set(
        Meeting.objects.filter(items__entries__isnull=False).values_list("pk", flat=True)
    )
    docs = SearchDocument.objects.filter(kind="minutes")
    assert set(docs.values_list("meeting_id", flat=True)) == with_entries
    # A meeting that is gone (reindexed by its id) leaves nothing behind.
    doc = docs.filter(audience="staff").order_by("pk").first()
    SearchDocument.objects.filter(meeting_id=doc.meeting_id).update(meeting_id=10**9)
    assert search(doc.title, staff=True, filters=Filters(kinds=["minutes"])).count() == 1
    indexing.reindex_meeting(10**9)
    assert not SearchDocument.objects.filter(meeting_id=10**9).exists()
    assert search(doc.title, staff=True, filters=Filters(kinds=["minutes"])).count() == 0


def test_a_migration_asks_for_a_rebuild_only_of_an_index_that_holds_documents(ninth, db):
    # search.0006 changes what the index holds: rebuilt after the run, when there is one. What
    # RunPython gives it of the schema editor is its connection.
    from types import SimpleNamespace

    from django.db import connection

    editor = SimpleNamespace(connection=connection)
    assert SearchDocument.objects.exists()
    signals.rebuild_in_migration(django_apps, editor)
    assert signals._REBUILD == {"default"}
    signals._REBUILD.clear()
    SearchDocument.objects.all().delete()
    signals.rebuild_in_migration(django_apps, editor)
    assert signals._REBUILD == set()
