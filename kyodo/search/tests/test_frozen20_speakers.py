"""Confirmed minutes printed with names (「役職で表記」 off): a speaker's turns are found by name
in the public search, the staff search and the API's statements, from what was frozen."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, Committee, Member, PublishedEntry, SpeakerLabels
from kyodo.committees.tests import conftest
from kyodo.committees.tests.conftest import confirm
from kyodo.search import indexing
from kyodo.search.selectors import Filters, search
from kyodo.search.text import label_keys, speaker_matches

# The committees' small committee (four members, quorum 3), its staff and a meeting.
committee, staff, venue, meeting = (
    conftest.committee,
    conftest.staff,
    conftest.venue,
    conftest.meeting,
)


@pytest.fixture
def confirmed(committee, staff, meeting):
    Committee.objects.filter(pk=committee.pk).update(speaker_labels=SpeakerLabels.NAME)
    committee.refresh_from_db()
    Member.objects.filter(name="坂口").update(name="坂口 美和")
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="議題"
    )
    services.minutes_entries_from_text(
        actor=staff,
        item=item,
        text="委員長：はじめます。\n坂口委員：協働の話です。\n田辺委員：協働は大切。\n"
        "事務局：協働します。\n坂口委員：もう一言。",
    )
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(actor=staff, committee=committee, date=date(2011, 2, 22))
    return confirm(staff, following.items.get(minutes_for=meeting.minutes))


FOUND = {
    "熊田": ["はじめます。"],
    "熊田委員長": ["はじめます。"],
    "坂口": ["協働の話です。", "もう一言。"],
    "坂口委員": ["協働の話です。", "もう一言。"],
    "坂口美和": ["協働の話です。", "もう一言。"],
    "坂口 美和": ["協働の話です。", "もう一言。"],
    "坂口　美和委員": ["協働の話です。", "もう一言。"],
    "ｻｶｸﾞﾁ": [],
    "田辺委員": ["協働は大切。"],
    "委員長": ["はじめます。"],
    "委員": ["協働の話です。", "協働は大切。", "もう一言。"],
    "事務局": ["協働します。"],
    "有賀": [],
    "田辺委員長": [],
}


def test_the_frozen_labels_are_names(confirmed):
    labels = list(PublishedEntry.objects.filter(version=confirmed).values_list("speaker", "text"))
    assert labels == [
        ("熊田委員長", "はじめます。"),
        ("坂口\u3000美和委員", "協働の話です。"),
        ("田辺委員", "協働は大切。"),
        ("事務局", "協働します。"),
        ("坂口\u3000美和委員", "もう一言。"),
    ]


@pytest.mark.parametrize("staff_side", [False, True])
def test_the_search_finds_a_speaker_by_name(confirmed, staff_side):
    for wanted, texts in FOUND.items():
        hits = search("", staff=staff_side, filters=Filters(speaker=wanted), sort="oldest")
        assert [h.doc.text for h in hits[0:50]] == texts, wanted


def test_the_search_page_lists_a_speaker_by_name(confirmed, client):
    page = client.get("/search/", {"speaker": "坂口委員"}).text
    assert page.count("協働の話です。") == 1 and page.count("もう一言。") == 1
    assert "協働は大切。" not in page


def test_the_api_finds_a_speaker_by_name(confirmed, client):
    for wanted, texts in FOUND.items():
        body = client.get("/api/v1/statements", {"speaker": wanted}).json()
        assert [s["text"] for s in body["items"]] == texts, wanted
    body = client.get("/api/v1/statements", {"speaker": "坂口委員", "q": "一言"}).json()
    assert [(s["speaker"], s["text"]) for s in body["items"]] == [
        ("坂口\u3000美和委員", "もう一言。")
    ]


def test_renaming_the_member_later_changes_nothing_found(confirmed, client):
    # The confirmed record never changes: the name it printed still finds the turns.
    Member.objects.filter(name="坂口 美和").update(name="相沢 美和")
    indexing.reindex_meeting(confirmed.minutes.meeting_id)
    assert [h.doc.text for h in search("", filters=Filters(speaker="坂口委員"))[0:50]] == [
        "もう一言。",
        "協働の話です。",
    ]
    assert search("", filters=Filters(speaker="相沢")).counts == {}
    body = client.get("/api/v1/statements", {"speaker": "坂口"}).json()
    assert body["count"] == 2


def test_label_keys_and_matching():
    assert label_keys("坂口\u3000美和委員") == ["坂口美和委員", "坂口委員"]
    assert label_keys("熊田委員長") == ["熊田委員長"]
    assert label_keys("委員") == ["委員"]
    assert label_keys("") == []
    assert speaker_matches("副委員長", "有賀副委員長") is True
    assert speaker_matches("委員長", "有賀副委員長") is False
    assert speaker_matches("委員", "委員長") is False
    assert speaker_matches("美和", "坂口　美和委員") is True
    assert speaker_matches("委", "委員") is False
    assert speaker_matches("事務", "事務局") is True
    assert speaker_matches("坂口美和委", "坂口　美和委員") is False
