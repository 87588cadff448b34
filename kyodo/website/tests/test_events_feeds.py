"""RSS and Atom of the public events, and the events in sitemap.xml."""

import xml.etree.ElementTree as ET
from datetime import date

from kyodo.events.models import Event

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_events_feeds_list_the_demo_events_latest_first(client, demo):
    Event.objects.create(kind="lecture", title="未公開の講座", date=date(2011, 3, 1))
    atom = ET.fromstring(client.get("/events/feed/atom/").content)
    assert atom.find("a:title", ATOM).text == "西東京市市民協働推進センター 事業"
    entries = atom.findall("a:entry", ATOM)
    assert [e.find("a:title", ATOM).text for e in entries] == [
        "協働を考えるシンポジウム",
        "会計講座中級編",
        "NPO市民活動ネットワーク 第3回",
        "行政職員と市民活動団体の懇談会",
        "NPO市民フェスティバル実行委員会 第4回",
        "トークサロン「報道からみた冤罪（えんざい）・再審事件」",
        "NPO市民フェティバル事前説明会",
        "NPO市民フェスティバル実行委員会 第3回",
        "行政職員と市民活動団体の懇談会に向けての登録団体間の意見交換会",
        "企業懇談会 第2回",
    ]
    symposium = Event.objects.get(title="協働を考えるシンポジウム")
    first = entries[0]
    assert first.find("a:link", ATOM).get("href") == f"http://testserver/events/{symposium.pk}/"
    # HTML (type="html"): the lines are <br>-separated, staff's text escaped within.
    assert (
        first.find("a:summary", ATOM).text == "平成23年2月9日(水) 午後6時30分～8時30分<br>田無庁舎"
    )

    rss = ET.fromstring(client.get("/events/feed/rss/").content)
    assert [i.find("title").text for i in rss.findall("channel/item")] == [
        e.find("a:title", ATOM).text for e in entries
    ]


def test_a_cancelled_event_says_so_in_the_feed(client, demo):
    Event.objects.filter(title="会計講座中級編").update(status=Event.Status.CANCELLED)
    rss = ET.fromstring(client.get("/events/feed/rss/").content)
    assert "会計講座中級編（中止）" in [i.find("title").text for i in rss.findall("channel/item")]


def test_sitemap_has_the_event_pages_and_the_calendar(client, demo):
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {e.text for e in sitemap.findall("s:url/s:loc", SITEMAP)}
    assert {"http://testserver/events/", "http://testserver/events/calendar/"} <= locations
    pages = {loc for loc in locations if loc.rstrip("/").split("/")[-1].isdigit()}
    events = {f"http://testserver/events/{e.pk}/" for e in Event.objects.all()}
    assert events <= pages
    assert len(events) == 10


def test_home_and_list_link_the_feeds(client, demo):
    for url in ("/", "/events/"):
        text = client.get(url).text
        assert '<a href="/events/feed/rss/">RSS</a>' in text
        assert '<a href="/events/feed/atom/">Atom</a>' in text
        assert 'href="/calendar/events.ics"' in text
        assert 'href="/opendata/events.csv"' in text
    assert 'title="事業（Atom）" href="/events/feed/atom/"' in client.get("/news/").text
