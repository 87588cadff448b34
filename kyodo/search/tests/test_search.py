"""Search over the demo: exact hits, folding, variants, syntax, filters, audiences, the index
following every write, the command and hostile input."""

from __future__ import annotations

import json
import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo.committees import services as committee_services
from kyodo.committees.models import AgendaItem, Meeting, MinutesEntry
from kyodo.consultations.models import Consultation
from kyodo.search import engine, indexing
from kyodo.search.models import SearchDocument
from kyodo.search.selectors import Filters, search
from kyodo.search.text import scan_match

DATA_DIR = Path(__file__).resolve().parents[2] / "minutes_text" / "tests" / "data"


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    # The demo loads once for this module (it takes seconds); each test runs in a transaction on
    # top of it, and the module leaves the database empty again.
    with django_db_blocker.unblock():
        from kyodo.core.demo import load_demo

        load_demo()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo9(demo_data, db):
    return Meeting.objects.get(fiscal_year=2010, number=9)


def ids(q: str, *, staff: bool = False, **filters) -> list[int]:
    return sorted(h.doc.pk for h in search(q, staff=staff, filters=Filters(**filters))[0:1000])


def test_two_character_word_in_the_ninth_meeting(demo9, client):
    # The statements, and the minutes as a whole (an agenda item is 協働について).
    assert search("協働", filters=Filters(meeting_id=demo9.pk)).counts == {
        "entry": 30,
        "minutes": 1,
    }
    results = search("協働", filters=Filters(meeting_id=demo9.pk, kinds=["entry"]), sort="oldest")
    assert results.counts == {"entry": 30}
    hits = results[0:100]
    assert Counter(h.speaker for h in hits) == {"委員": 14, "事務局": 10, "委員長": 6}
    # Exactly the statements whose text holds the word, linked to their place in the minutes.
    expected = MinutesEntry.objects.filter(item__meeting=demo9, text__contains="協働")
    assert sorted(h.doc.object_id for h in hits) == sorted(expected.values_list("pk", flat=True))
    first = hits[0]
    entry = MinutesEntry.objects.get(pk=first.doc.object_id)
    assert first.url == f"/committee/minutes/{demo9.minutes.pk}/#entry-{entry.pk}"
    assert first.doc.title == "平成22年度第9回運営委員会"
    assert first.doc.subtitle == entry.item.title
    page = client.get(f"/committee/minutes/{demo9.minutes.pk}/").content.decode()
    assert f'id="entry-{entry.pk}"' in page
    assert page.count('id="entry-') == MinutesEntry.objects.filter(item__meeting=demo9).count()
    # 委託 too: four statements, and the case study of that form (委託) of collaboration.
    assert search("委託").counts == {"case": 1, "entry": 4}


def test_full_and_half_width_are_the_same(demo_data, db):
    assert search("ＮＰＯ").counts == {
        "case": 3, "entry": 7, "event": 4, "group": 10, "news": 1, "page": 2
    }  # fmt: skip
    assert ids("ＮＰＯ") == ids("NPO") == ids("npo")
    assert search("１２").counts == {"entry": 4}
    assert ids("１２") == ids("12")


def test_spelling_variants_meet(demo_data, db):
    assert search("申込").counts == {"entry": 3, "news": 1, "page": 1}
    assert ids("申込") == ids("申し込み") == ids("申込み")
    assert search("問合せ", staff=True).counts == {"consultation": 2}
    assert ids("問合せ", staff=True) == ids("問い合わせ", staff=True)
    hit = search("申込")[0]
    assert "<mark>" in hit.snippet


def test_and_or_not_and_phrase(demo_data, db):
    assert search("協働 -委託").counts == {
        "case": 3, "entry": 27, "event": 1, "minutes": 1, "news": 1, "page": 2
    }  # fmt: skip
    assert search("協働 委託").counts == {"entry": 3}
    assert search("委託 OR 補助").counts == {"case": 1, "entry": 4}
    assert search("委託 OR 補助", staff=True).counts == {"case": 3, "consultation": 1, "entry": 4}
    assert search('"市民活動"').counts == {"case": 2, "entry": 10, "event": 3, "page": 2}
    assert ids('"市民 活動"') == ids("市民活動")
    # Every answer is exactly what a scan of the normalized text gives.
    docs = list(SearchDocument.objects.filter(audience="public"))
    for q in [
        "協働 -委託",
        "協働 委託",
        "委託 OR 補助",
        '"市民活動"',
        "-協働",
        "セ",
        "ン OR 協",
        "ＮＰＯ -市民",
    ]:
        results = search(q)
        from kyodo.search.text import parse_query

        parsed = parse_query(q)
        assert ids(q) == sorted(d.pk for d in docs if scan_match(parsed, d.norm)), q
        assert results.count() == len(ids(q))


def test_filters(demo9, db):
    assert search("協働", filters=Filters(speaker="委員長")).counts == {"entry": 6}
    assert search("協働", filters=Filters(speaker=" 委員長 ")).counts == {"entry": 6}
    assert search("協働", filters=Filters(category="discussion")).counts == {"entry": 13}
    assert search("協働", filters=Filters(fiscal_year=2010)).counts == {
        "entry": 30, "event": 1, "minutes": 1, "news": 1
    }  # fmt: skip
    assert search("協働", filters=Filters(fiscal_year=2011)).counts == {}
    assert search("協働", filters=Filters(committee_id=demo9.committee_id)).counts == {
        "entry": 30, "minutes": 1
    }  # fmt: skip
    assert search("協働", filters=Filters(kinds=["event"])).counts == {"event": 1}


def test_the_search_page_filters_with_wareki(demo9, client):
    response = client.get(
        "/search/",
        {"q": "協働", "fy": "平成22年度", "since": "平成23年1月18日", "until": "H23.1.18",
         "speaker": "委員長", "sort": "newest"},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "6件" in body or "6 results" in body
    assert body.count('class="search-hit search-hit-entry"') == 6
    assert "平成23年1月18日(火)" in body
    assert f"/committee/minutes/{demo9.minutes.pk}/#entry-" in body
    # A bad fiscal year is a clear message, not a 500, and no results.
    response = client.get("/search/", {"q": "協働", "fy": "昭和99年度"})
    assert response.status_code == 200
    assert 'class="search-hit' not in response.content.decode()
    assert "年度" in response.content.decode()


def test_staff_only_content_never_shows_publicly(demo_data, db, client, member_user, staff_user):
    summary = Consultation.objects.order_by("pk").first().summary
    assert search("問合せ").counts == {}
    assert search("問合せ", filters=Filters(kinds=["consultation"])).counts == {}
    for user in (None, member_user):
        if user:
            client.force_login(user)
        body = client.get("/search/", {"q": "問合せ", "kind": "consultation"}).content.decode()
        assert 'class="search-hit' not in body
        assert summary[:20] not in body
    client.force_login(member_user)
    assert client.get("/staff/search/", {"q": "問合せ"}).status_code == 403
    client.force_login(staff_user)
    body = client.get("/staff/search/", {"q": "問合せ"}).content.decode()
    assert body.count('class="search-hit search-hit-consultation"') == 2


def test_draft_minutes_are_found_by_staff_only(demo_data, db, staff_user):
    draft = Meeting.objects.get(fiscal_year=2010, number=10)
    item = draft.items.order_by("pk").first() or committee_services.item_add(
        actor=staff_user, meeting=draft, category=AgendaItem.Category.REPORT, title="報告"
    )
    committee_services.minutes_entries_from_text(
        actor=staff_user,
        item=item,
        text="委員長：ゆるキャラの件を議論したい。\n委員：ゆるキャラには賛成だ。",
    )
    assert search("ゆるキャラ").counts == {}
    assert search("ゆるキャラ", staff=True).counts == {"entry": 2}
    assert search("ゆるきゃら", staff=True, filters=Filters(speaker="委員長")).counts == {
        "entry": 1
    }
    # The circulated (not yet confirmed) minutes of the 8th meeting are not public either.
    eighth = Meeting.objects.get(fiscal_year=2010, number=8)
    assert search("懇談会", filters=Filters(meeting_id=eighth.pk)).counts == {}
    assert search("懇談会", staff=True, filters=Filters(meeting_id=eighth.pk)).counts == {
        "entry": 1
    }


def test_index_follows_edits_through_the_services(demo_data, db, staff_user):
    draft = Meeting.objects.get(fiscal_year=2010, number=10)
    item = committee_services.item_add(
        actor=staff_user, meeting=draft, category=AgendaItem.Category.DISCUSSION, title="広報"
    )
    entry, second = committee_services.minutes_entries_from_text(
        actor=staff_user, item=item, text="委員：チラシの配布先を増やしたい。\n事務局：検討する。"
    )
    in_draft = Filters(meeting_id=draft.pk)
    assert search("チラシ", staff=True, filters=in_draft).counts == {"entry": 1}
    committee_services.entry_update(
        actor=staff_user, entry=entry, speaker="委員長", text="ポスターの掲示場所を増やしたい。"
    )
    assert search("チラシ", staff=True, filters=in_draft).counts == {}
    hit = search("ポスター", staff=True)[0]
    assert (hit.doc.object_id, hit.speaker) == (entry.pk, "委員長（熊田）")
    # A failed transaction leaves the index as it was.
    with pytest.raises(RuntimeError), transaction.atomic():
        committee_services.entry_update(actor=staff_user, entry=entry, speaker="委員", text="看板")
        raise RuntimeError
    assert search("看板", staff=True).counts == {}
    assert search("ポスター", staff=True).count() == 1
    committee_services.entry_delete(actor=staff_user, entry=second)
    assert search("検討する", staff=True, filters=Filters(meeting_id=draft.pk)).counts == {}
    # Renaming the item shows in the results.
    committee_services.item_update(actor=staff_user, item=item, title="広報の進め方", body="")
    assert search("ポスター", staff=True)[0].doc.subtitle == "広報の進め方"


def test_reindex_command_rebuilds_the_index(demo_data, db):
    before = search("協働").counts
    total = SearchDocument.objects.count()
    engine.clear()
    assert search("協働").counts == {}
    out, err = StringIO(), StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert out.getvalue() == f"{total} 件を索引に登録しました。\n"
    assert search("協働").counts == before


def test_command_prints_hits_and_json(demo_data, db):
    out = StringIO()
    call_command(
        "search", "協働 -委託", "--speaker", "委員長", "--fy", "2010", "--json", stdout=out
    )
    hits = json.loads(out.getvalue())
    assert len(hits) == 5
    assert {h["speaker"] for h in hits} == {"委員長"}
    assert {h["kind"] for h in hits} == {"entry"}
    assert {h["meeting"] for h in hits} == {"平成22年度第9回運営委員会"}
    assert {h["date"] for h in hits} == {"2011-01-18"}
    assert all("協働" in h["text"] and "委託" not in h["text"] for h in hits)
    assert all(re.fullmatch(r"/committee/minutes/\d+/#entry-\d+", h["url"]) for h in hits)
    assert set(hits[0]) == {
        "kind",
        "title",
        "meeting",
        "date",
        "agenda_item",
        "speaker",
        "text",
        "url",
    }
    out = StringIO()
    call_command("search", "協働 -委託", "--speaker", "委員長", "--fy", "H22", stdout=out)
    text = out.getvalue()
    assert text.startswith("5件\n")
    assert text.count("委員長：") == 5
    assert "【協働】" in text


@pytest.mark.parametrize(
    "q",
    ['"', "-", "--", "OR", "OR OR", '"-"', "\x00\x01", "a" * 10000, "協" * 10000, "'; DROP", "%_\\",
     "*", '"a', "NEAR(a b)", "ー", "　"],
)  # fmt: skip
def test_odd_queries_never_fail(demo_data, db, client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


def test_lone_surrogates_and_controls_are_dropped(demo_data, db):
    assert search("\ud800協働\x00").counts == search("協働").counts


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(
        alphabet=st.sampled_from("協働委託ＮＰＯnpo\"-OR *()^:'\\%_\x00\u3000あア１"), max_size=30
    )
)
def test_generated_queries_never_fail_and_match_the_scan(demo_data, db, client, q):
    assert client.get("/search/", {"q": q}).status_code == 200
    from kyodo.search.text import parse_query

    parsed = parse_query(q)
    docs = SearchDocument.objects.filter(audience="public")
    assert ids(q) == sorted(d.pk for d in docs if scan_match(parsed, d.norm))


def test_query_count_is_bounded(demo_data, db, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": "協働"})
    assert response.content.decode().count('class="search-hit') == 20
    with django_assert_max_num_queries(8):
        client.get("/search/", {"q": "協働", "page": "2"})


def test_query_count_of_the_search_pages(
    demo_data, db, client, staff_user, django_assert_num_queries
):

    # The center (the layout), the form's committees and meetings (kept until the next write, but
    # not inside the test's transaction), then the engine's: on SQLite the keys of every hit
    # (their kinds are in the keys) and the page's documents; on PostgreSQL a walk of the
    # newest rows, which holds every hit of an archive this small, and the page's documents.
    public = 5
    with django_assert_num_queries(public):
        response = client.get("/search/", {"q": "協働"})
    assert 'class="search-hit' in response.content.decode()
    with django_assert_num_queries(public):
        client.get("/search/", {"q": "協働", "page": "2"})
    client.force_login(staff_user)
    # And the session and its user with their roles (the staff check).
    with django_assert_num_queries(public + 2):
        response = client.get("/staff/search/", {"q": "協働"})
    assert 'class="search-hit' in response.content.decode()


def test_imported_minutes_are_found_at_once(demo_data, db):
    from kyodo.committees.models import Committee
    from kyodo.committees.services import minutes_import
    from kyodo.minutes_text import parse_minutes

    text = (DATA_DIR / "b_maru_names.txt").read_text(encoding="utf-8")
    assert search("出展団体のアンケート").counts == {}
    outcome = minutes_import(
        actor=None,
        committee=Committee.objects.get(slug="unei"),
        document=parse_minutes(text),
        source="b_maru_names.txt",
    )
    hits = search("出展団体のアンケート")[0:10]
    assert [h.doc.object_id for h in hits] == list(
        MinutesEntry.objects.filter(
            item__meeting=outcome.meeting, text__contains="出展団体のアンケート"
        ).values_list("pk", flat=True)
    )
    assert len(hits) == 1


# --- readings, the site's own pages, explicit indexing -----------------------------------------


def test_a_kana_query_finds_kanji_text(demo_data, db):
    hits = search("こどもあみーご")[0:20]
    assert hits and all("子どもアミーゴ" in h.doc.title + h.doc.subtitle + h.doc.text for h in hits)
    assert ids("こどもあみーご") == ids("コドモアミーゴ") == ids("ｺﾄﾞﾓｱﾐｰｺﾞ")
    assert set(ids("こどもあみーご")) >= set(ids("子どもアミーゴ"))
    # Highlighted where the kanji are.
    group = next(h for h in hits if h.kind == "group")
    assert "<mark>子どもアミーゴ</mark>" in str(group.snippet) or group.doc.title
    assert set(ids("にしとうきょう")) >= set(ids("西東京"))
    # The group by its stored reading (SudachiPy reads 風 as ふう in some sentences).
    group = search("西東京風の会", filters=Filters(kinds=["group"]))[0]
    assert [
        h.doc for h in search("にしとうきょうかぜのかい", filters=Filters(kinds=["group"]))[0:5]
    ] == [group.doc]


def test_the_command_finds_kanji_by_kana(demo_data, db):
    out = StringIO()
    call_command("search", "こどもあみーご", "--json", stdout=out)
    hits = json.loads(out.getvalue())
    assert hits and all(
        "子どもアミーゴ" in h["title"] + h["text"] for h in hits if h["kind"] != "case"
    )
    assert {h["kind"] for h in hits} >= {"group", "entry"}


def test_news_pages_and_case_studies_are_found(demo_data, db):
    from kyodo.website.models import Page

    access = Page.objects.get(slug="access")
    hit = search("開館時間", filters=Filters(kinds=["page"]))[0]
    assert (hit.doc.url, hit.doc.title) == ("/access/", access.title)
    assert search("個人情報").counts["page"] == 1
    assert search("募集").counts["news"] == 1
    case = search("子育て", filters=Filters(kinds=["case"]))[0]
    assert case.url.startswith("/collaboration/")


def test_the_services_keep_the_site_pages_in_the_index(demo_data, db, staff_user):
    from kyodo.collaboration.models import Collaboration
    from kyodo.collaboration.services import (
        COLLABORATION_FIELDS,
        CollaborationFields,
        collaboration_update,
    )
    from kyodo.website import services as site

    post = site.news_save(
        actor=staff_user, title="ゆるキャラ募集", body="**締切**は3月", is_published=False
    )
    assert search("ゆるキャラ").counts == {}
    assert search("ゆるキャラ", staff=True).counts == {"news": 1}
    site.news_save(actor=staff_user, post=post, is_published=True)
    hit = search("ゆるキャラ")[0]
    assert (hit.url, hit.doc.text) == (f"/news/{post.pk}/", "締切は3月")
    site.page_update(actor=staff_user, slug="privacy", title="個人情報", body="ゆるキャラ")
    assert search("ゆるキャラ").counts == {"news": 1, "page": 1}
    record = Collaboration.objects.filter(is_published=True).first()
    data = {f: getattr(record, f) for f in COLLABORATION_FIELDS}
    collaboration_update(
        actor=staff_user,
        record=record,
        fields=CollaborationFields(**{**data, "is_published": False}),
    )
    assert record.pk not in {
        h.doc.object_id for h in search(record.title)[0:50] if h.kind == "case"
    }


def test_a_group_is_public_only_while_registered(demo_data, db, staff_user):
    from datetime import date

    from kyodo.organizations.models import Organization
    from kyodo.organizations.services import organization_change_status

    group = Organization.objects.listed().get(name="西東京風の会")
    groups = Filters(kinds=["group"])
    assert search("西東京風の会", filters=groups).counts == {"group": 1}
    organization_change_status(
        actor=staff_user, organization=group, kind="suspended", effective_date=date(2026, 12, 5)
    )
    assert search("西東京風の会", filters=groups).counts == {}
    hit = search("西東京風の会", staff=True, filters=groups)[0]
    assert hit.url == f"/staff/groups/{group.pk}/"


def test_nothing_listens_to_model_signals():
    from pathlib import Path

    source = "\n".join(p.read_text() for p in Path(engine.__file__).parent.glob("*.py"))
    assert "receiver(" not in source and "post_save" not in source and "post_delete" not in source


def test_one_import_writes_its_meeting_to_the_index_once(demo_data, db, monkeypatch):
    """The import indexes its meeting once, at the end (it took 5 passes through signals)."""
    from kyodo.committees.models import Committee
    from kyodo.committees.services import minutes_import
    from kyodo.minutes_text import parse_minutes

    writes = []
    real_sync = indexing._sync

    def counting_sync(kind, existing, specs):
        if kind == SearchDocument.Kind.ENTRY and specs:
            writes.append(len(specs))
        return real_sync(kind, existing, specs)

    monkeypatch.setattr(indexing, "_sync", counting_sync)
    text = (DATA_DIR / "b_maru_names.txt").read_text(encoding="utf-8")
    outcome = minutes_import(
        actor=None,
        committee=Committee.objects.get(slug="unei"),
        document=parse_minutes(text),
        source="b_maru_names.txt",
    )
    entries = MinutesEntry.objects.filter(item__meeting=outcome.meeting).count()
    assert writes == [entries]
    # Written once the minutes are confirmed: the public finds them at once.
    assert search("出展団体のアンケート").counts == {"entry": 1}


def test_scheduled_news_is_found_from_its_day(demo_data, db, staff_user):
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.website import services as site
    from kyodo.website.models import NewsPost

    later = timezone.now() + timedelta(days=2)
    post = site.news_save(
        actor=staff_user, title="春の交流会", body="予定", published_at=later, is_published=True
    )
    assert search("春の交流会").counts == {}
    assert indexing.index_news_due() == 0
    NewsPost.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert indexing.index_news_due() == 1
    assert search("春の交流会")[0].url == f"/news/{post.pk}/"
