import html
import re
from collections import Counter

from kyodo.committees.export import minutes_document
from kyodo.committees.models import Committee, Meeting, Minutes, MinutesEntry, SpeakerLabels

SITE = "http://127.0.0.1:8000"


def _meeting(number: int) -> Meeting:
    return Meeting.objects.get(fiscal_year=2010, number=number)


def _all(client, url, **params) -> list[dict]:
    items, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        body = response.json()
        items += body["items"]
        if len(items) >= body["count"]:
            return items
        page += 1


def test_meetings_are_listed_with_titles_and_confirmed_minutes_only(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/meetings").json()
    assert body["count"] == 3
    ninth = _meeting(9)
    assert body["items"][1] == {
        "id": ninth.pk,
        "committee": "運営委員会",
        "committee_slug": "unei",
        "fiscal_year": 2010,
        "number": 9,
        "title": "平成22年度第9回運営委員会",
        "date": "2011-01-18",
        "start_time": "19:00:00",
        "end_time": "21:00:00",
        "venue": "イングビル3階 第1会議室",
        "held_in_writing": False,
        "votes_close_on": None,
        "status": "held",
        "minutes_url": f"{SITE}/committee/minutes/{ninth.minutes.pk}/",
    }
    assert [
        (m["title"], m["status"], m["venue"], m["minutes_url"] is not None) for m in body["items"]
    ] == [
        ("平成22年度第8回運営委員会", "held", "イングビル3階 第1会議室", False),  # circulated
        ("平成22年度第9回運営委員会", "held", "イングビル3階 第1会議室", True),
        # Scheduled with 「場所は未定」, held in the usual room (the demo since session 18).
        ("平成22年度第10回運営委員会", "held", "イングビル3階 第1会議室", False),  # draft
    ]
    assert client.get(f"/api/v1/meetings/{ninth.pk}").json() == body["items"][1]
    assert client.get("/api/v1/meetings/999999").status_code == 404


def test_meeting_filters(client, demo):
    def numbers(**params):
        return [m["number"] for m in _all(client, "/api/v1/meetings", **params)]

    assert numbers(fiscal_year=2010) == [8, 9, 10]
    assert numbers(fiscal_year=2011) == []
    assert numbers(date_from="2011-01-01") == [9, 10]
    assert numbers(date_to="2011-01-18") == [8, 9]
    assert numbers(fiscal_year=2010, date_from="2011-01-19") == [10]
    assert numbers(committee="unei") == [8, 9, 10]
    other = client.get("/api/v1/meetings", {"committee": "other"})
    assert other.status_code == 400
    assert other.json() == {
        "detail": "委員会の略称（committee）「other」はありません。使える略称：unei（運営委員会）。",
        "type": "bad_request",
    }


def test_confirmed_minutes_have_header_sections_and_entries(client, demo):
    ninth = _meeting(9)
    response = client.get(f"/api/v1/minutes/{ninth.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "平成22(2010)年度第9回運営委員会会議録"
    assert body["status"] == "確定稿"
    assert body["organization"] == "西東京市市民協働推進センター"
    assert (body["fiscal_year"], body["meeting_number"]) == (2010, 9)
    assert (body["date"], body["start_time"], body["end_time"]) == (
        "2011-01-18",
        "19:00:00",
        "21:00:00",
    )
    assert body["venue"] == "イングビル3階 第1会議室"
    assert body["attendee_count"] == 12 == len(body["attendees"])
    assert (body["absentees"], body["observers"]) == ([], [])
    assert body["secretariat"] == [
        {"name": "西口", "title": "センター長"},
        {"name": "丸木", "title": "地域福祉課長"},
        {"name": "中澤", "title": "主事"},
    ]
    assert [s["category"] for s in body["sections"]] == [
        "報告事項",
        "審議事項",
        "協議事項",
        "その他",
    ]
    entries = [e for s in body["sections"] for i in s["items"] for e in i["entries"]]
    assert len(entries) == 67
    assert Counter(e["kind"] for e in entries) == {"statement": 63, "note": 4}
    assert entries[0] == {
        "kind": "note",
        "speaker": None,
        "text": "12月期の月次報告について事務局が説明",
    }
    assert entries[1]["speaker"] == "事務局"
    assert body["closing"] == "以上をもって散会した。"
    assert body["content_hash"] == ninth.minutes.content_hash
    assert body["url"] == f"{SITE}/committee/minutes/{ninth.minutes.pk}/"


def test_unconfirmed_minutes_are_404(client, demo):
    eighth, tenth = _meeting(8), _meeting(10)
    # The 8th's were approved at the 10th and never confirmed (the demo's history).
    assert eighth.minutes.status == Minutes.Status.APPROVED
    assert tenth.minutes.status == Minutes.Status.DRAFT
    for meeting in (eighth, tenth):
        assert client.get(f"/api/v1/minutes/{meeting.pk}").status_code == 404
    Minutes.objects.filter(meeting=eighth).update(status=Minutes.Status.DRAFT)
    assert client.get(f"/api/v1/minutes/{eighth.pk}").status_code == 404
    assert client.get("/api/v1/minutes/999999").status_code == 404


def test_statements_of_the_ninth_meeting(client, demo, django_assert_max_num_queries):
    ninth = _meeting(9)
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/statements", {"meeting": ninth.pk}).json()
    assert body["count"] == 63
    statements = _all(client, "/api/v1/statements", meeting=ninth.pk)
    assert [s["order"] for s in statements] == list(range(1, 64))
    first = statements[0]
    assert first["speaker"] == "事務局"
    assert first["speaker_position"] == "事務局"
    assert first["order"] == 1
    assert first["meeting_id"] == ninth.pk
    assert first["meeting"] == "平成22年度第9回運営委員会"
    assert first["date"] == "2011-01-18"
    assert first["category"] == "報告事項"
    assert (first["item_number"], first["item_title"]) == (
        1,
        "西東京市市民協働推進センターの業務報告について",
    )
    assert first["text"].startswith("12月初旬に開催した「第2回企業懇談会」")
    # Each record points at its own statement in the public minutes page.
    assert first["url"] == f"{SITE}/committee/minutes/{ninth.minutes.pk}/#entry-{first['id']}"
    assert [s["url"] for s in statements] == [
        f"{SITE}/committee/minutes/{ninth.minutes.pk}/#entry-{s['id']}" for s in statements
    ]
    entries = MinutesEntry.objects.in_bulk([s["id"] for s in statements])
    assert [(entries[s["id"]].item.meeting_id, entries[s["id"]].text) for s in statements] == [
        (ninth.pk, s["text"]) for s in statements
    ]
    last = statements[-1]
    assert (last["order"], last["category"], last["speaker"], last["text"]) == (
        63,
        "その他",
        "事務局",
        "次回は2月22日（火）午後7時から。場所は未定。",
    )
    assert Counter(s["speaker"] for s in statements) == {"事務局": 24, "委員": 22, "委員長": 17}
    # The same statements, speakers and order as the public minutes page.
    document = minutes_document(ninth.minutes)
    published = [
        (e.speaker, e.text)
        for section in document.sections
        for item in section.items
        for e in item.entries
        if e.kind == "statement"
    ]
    assert [(s["speaker"], s["text"]) for s in statements] == published


def test_statement_filters(client, demo):
    ninth = _meeting(9)

    def count(**params):
        return client.get("/api/v1/statements", params).json()["count"]

    chair = _all(client, "/api/v1/statements", speaker="委員長")
    assert len(chair) == 17
    assert {s["speaker"] for s in chair} == {"委員長"}
    assert chair[0]["order"] > 1  # the order stays the place within the whole minutes
    assert count(speaker="委員") == 22
    assert count(speaker="委") == 0  # exact label only
    assert count(q="協働") == len(
        MinutesEntry.objects.filter(
            item__meeting=ninth, kind=MinutesEntry.Kind.STATEMENT, text__contains="協働"
        )
    )
    assert count(q="次回は2月22日") == 1
    assert count(fiscal_year=2010) == 63
    assert count(fiscal_year=2009) == 0
    assert count(date_from="2011-01-19") == 0
    assert count(date_to="2011-01-18", meeting=ninth.pk, speaker="事務局") == 24
    assert count(meeting=_meeting(8).pk) == 0


def test_draft_or_circulated_minutes_never_give_statements(client, demo):
    eighth, ninth = _meeting(8), _meeting(9)
    hidden = list(
        MinutesEntry.objects.filter(item__meeting__in=[eighth, _meeting(10)]).values_list(
            "pk", "text"
        )
    )
    assert hidden  # the demo has entries in the unconfirmed minutes
    statements = _all(client, "/api/v1/statements")
    assert len(statements) == 63
    assert {s["meeting_id"] for s in statements} == {ninth.pk}
    ids = {s["id"] for s in statements}
    texts = {s["text"] for s in statements}
    assert not ids & {pk for pk, _text in hidden}
    assert not texts & {text for _pk, text in hidden} - set(
        MinutesEntry.objects.filter(item__meeting=ninth).values_list("text", flat=True)
    )
    for status in (Minutes.Status.CIRCULATED, Minutes.Status.DRAFT):
        Minutes.objects.filter(meeting=ninth).update(status=status)
        assert client.get("/api/v1/statements").json()["count"] == 0
        assert client.get(f"/api/v1/minutes/{ninth.pk}").status_code == 404
        assert client.get(f"/api/v1/meetings/{ninth.pk}").json()["minutes_url"] is None


def test_speakers_are_published_as_the_minutes_were_confirmed(client, demo):
    ninth = _meeting(9)
    # The committee decides to publish names: confirmed minutes stay as they were frozen.
    Committee.objects.update(speaker_labels=SpeakerLabels.NAME)
    statements = _all(client, "/api/v1/statements")
    document = minutes_document(Minutes.objects.get(meeting=ninth))
    published = [e.speaker for e in document.entries() if e.kind == "statement"]
    assert [s["speaker"] for s in statements] == published
    assert Counter(published) == {"事務局": 24, "委員": 22, "委員長": 17}
    # Filtering matches the label as published, whatever it is.
    for label, n in Counter(published).items():
        assert client.get("/api/v1/statements", {"speaker": label}).json()["count"] == n
    assert client.get("/api/v1/statements", {"speaker": "熊田委員長"}).json()["count"] == 0


def test_the_schema_lists_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert sorted(paths) == [
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/groups",
        "/api/v1/groups/{group_id}",
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/minutes/{meeting_id}",
        "/api/v1/statements",
    ]


def test_bad_committee_query_values_are_422_not_500(client, db):
    for url, params in (
        ("/api/v1/meetings", {"fiscal_year": "abc"}),
        ("/api/v1/meetings", {"date_from": "2011-13-01"}),
        ("/api/v1/meetings", {"committee": "not a slug!"}),
        ("/api/v1/meetings", {"page": "0"}),
        ("/api/v1/statements", {"meeting": "abc"}),
        ("/api/v1/statements", {"meeting": "-1"}),
        ("/api/v1/statements", {"date_to": "yesterday"}),
        ("/api/v1/statements", {"fiscal_year": "1800"}),
        ("/api/v1/statements", {"page": "-1"}),
        ("/api/v1/statements", {"speaker": "x" * 101}),
    ):
        assert client.get(url, params).status_code == 422, (url, params)
    for url in ("/api/v1/meetings/abc", "/api/v1/minutes/abc"):
        assert client.get(url).status_code == 422


def test_statement_urls_land_on_their_statement_in_the_minutes_page(client, demo):
    ninth = _meeting(9)
    statements = _all(client, "/api/v1/statements", meeting=ninth.pk)
    page = client.get(f"/committee/minutes/{ninth.minutes.pk}/")
    assert page.status_code == 200
    for statement in statements:
        path, fragment = statement["url"].removeprefix(SITE).split("#")
        assert path == f"/committee/minutes/{ninth.minutes.pk}/"
        # The element with that id holds the statement's own text.
        element = re.search(rf'<li id="{fragment}" class="entry-statement">(.*?)</li>', page.text)
        assert element is not None, fragment
        assert html.unescape(element.group(1)).endswith(statement["text"])
