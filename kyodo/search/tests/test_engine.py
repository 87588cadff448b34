"""The bigram index answers exactly as a LIKE scan over the same normalized text does."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo.core.wareki import fiscal_year
from kyodo.search import engine, indexing
from kyodo.search.models import SearchDocument
from kyodo.search.selectors import COUNT_LIMIT, Filters, search
from kyodo.search.synthetic import statements
from kyodo.search.text import bigram_tokens, parse_query, scan_match, snippet

CORPUS = 400


@pytest.fixture
def corpus(db):
    # Through the real indexing path (index_text with SudachiPy), as events: statements' texts.
    specs = []
    for s in statements(CORPUS, seed=3):
        role = s.speaker if s.speaker in ("委員長", "副委員長", "委員") else ""
        # Five days apart: five and a half fiscal years, for the counts in the newest years.
        day = date(1990, 4, 1) + timedelta(days=5 * (s.id - 1))
        specs.append(
            indexing.Spec(
                object_id=s.id,
                index_fields=(s.text,),
                fields={
                    "audience": "public" if s.id % 5 else "staff",
                    "date": day,
                    "fiscal_year": fiscal_year(day),
                    "committee_id": s.committee_id,
                    "meeting_id": s.meeting_id,
                    "category": s.category,
                    "speaker_role": role,
                    "url": f"/x/{s.id}/",
                    "text": s.text,
                },
            )
        )
    indexing._sync(SearchDocument.Kind.ENTRY, [], specs)
    return list(SearchDocument.objects.all())


def like_ids(q: str, *, staff: bool, **columns) -> list[int]:
    """The reference: LIKE over norm, with the filters as plain column tests."""
    query = parse_query(q)
    if not query:
        return []
    where, params = engine.query_conditions(query, engine.like_sql)
    if not staff:
        where.append("d.audience = 'public'")
    for column, value in columns.items():
        where.append(f"d.{column} = %s")
        params.append(value)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id FROM {engine.TABLE} d WHERE {' AND '.join(where)}", params)
        return sorted(r[0] for r in cursor.fetchall())


def index_ids(q: str, *, staff: bool, **filters) -> list[int]:
    return sorted(
        h.doc.pk for h in search(q, staff=staff, filters=Filters(**filters))[0:COUNT_LIMIT]
    )


QUERIES = [
    "協働", "委託", "補助金 協働", "センター -広報", "会場 OR 会議室", '"市民活動団体"', "申込", "申し込み",
    "問合せ", "npo", "ＮＰＯ法人", "１２", "12", "会", "。", "の", "-協働", "協働 -協働", "ん OR 働",
    "協働で", "ことが大切", "問い合わせる", "見直し -見直し OR 評価",
]  # fmt: skip


def test_fixed_queries_equal_the_like_scan(corpus):
    total = 0
    for q, staff in itertools.product(QUERIES, (False, True)):
        expected = like_ids(q, staff=staff)
        assert index_ids(q, staff=staff) == expected, (q, staff)
        query = parse_query(q)
        docs = [d for d in corpus if staff or d.audience == "public"]
        assert expected == sorted(d.pk for d in docs if scan_match(query, d.norm)), q
        total += len(expected)
    assert total > 1000  # the queries do find things


def test_filters_equal_column_tests(corpus):
    for q in ("協働", "会", "広報 OR 予算"):
        assert index_ids(q, staff=False, fiscal_year=1990) == like_ids(
            q, staff=False, fiscal_year=1990
        )
        assert index_ids(q, staff=True, committee_id=3) == like_ids(q, staff=True, committee_id=3)
        assert index_ids(q, staff=False, category="discussion") == like_ids(
            q, staff=False, category="discussion"
        )
        assert index_ids(q, staff=False, speaker="委員長") == like_ids(
            q, staff=False, speaker_role="委員長"
        )
        assert index_ids(q, staff=True, meeting_id=4) == like_ids(q, staff=True, meeting_id=4)


def test_counts_and_pages_agree(corpus):
    results = search("協働", staff=True, sort="newest")
    expected = like_ids("協働", staff=True)
    assert results.count() == len(expected)
    assert results.capped is False
    newest = [h.doc for h in results[0:10]]
    assert [d.fts_key for d in newest] == sorted((d.fts_key for d in newest), reverse=True)
    everything = sorted(corpus, key=lambda d: d.fts_key, reverse=True)
    assert [d.pk for d in newest] == [d.pk for d in everything if d.pk in expected][:10]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    staff=st.booleans(),
    shape=st.sampled_from(["{a}", "{a} {b}", "{a} OR {b}", "{a} -{b}", '"{a}"', "-{a}"]),
)
def test_generated_queries_equal_the_like_scan(corpus, data, staff, shape):
    def piece():
        doc = data.draw(st.sampled_from(corpus))
        start = data.draw(st.integers(0, max(0, len(doc.text) - 1)))
        length = data.draw(st.integers(1, 6))
        return doc.text[start : start + length].replace('"', "").strip() or "協働"

    q = shape.format(a=piece(), b=piece())
    assert index_ids(q, staff=staff) == like_ids(q, staff=staff), q


def test_bigrams_and_snippets():
    assert bigram_tokens("協働") == ["e58d94e5838d", "e5838d0a"]
    assert engine.attr("role", "委員長") == "zrole" + "委員長".encode().hex()
    assert engine.attr_tokens(
        SimpleNamespace(
            audience="public", kind="entry", fiscal_year=2010, committee_id=1, meeting_id=2,
            category="report", speaker_role="",
        )
    ) == ["zaudiencepublic", "zkindentry", "zfiscal2010", "zcommittee1", "zmeeting2", "zcategoryreport"]  # fmt: skip
    # PostgreSQL also indexes the bigrams with the period of the date (2011-01-18: FY2010).
    key = engine.fts_key(date(2011, 1, 18), "entry", 7)
    assert engine.PERIOD_YEARS == 1
    assert engine.pg_lexemes("協働", ["zkindentry"], key) == [
        "e5838d0a", "e5838d0ay2010", "e58d94e5838d", "e58d94e5838dy2010", "zkindentry",
    ]  # fmt: skip
    assert engine.pg_lexemes("協働", [], engine.fts_key(None, "entry", 7)) == [
        "e5838d0a",
        "e58d94e5838d",
    ]
    html = snippet("<b>ＮＰＯ</b>との協働 & 連携", parse_query("npo 協働").needles)
    assert html == "&lt;b&gt;<mark>ＮＰＯ</mark>&lt;/b&gt;との<mark>協働</mark> &amp; 連携"
    long = "あ" * 100 + "協働" + "い" * 300
    cut = snippet(long, ["協働"])
    assert cut.startswith("…" + "あ" * 40 + "<mark>協働</mark>")
    assert cut.endswith("…")


def newest_like_ids(q: str, *, staff: bool, **columns) -> list[int]:
    """The reference in "newest first" order (the chronological key, descending)."""
    ids = like_ids(q, staff=staff, **columns)
    keys = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "fts_key"))
    return sorted(ids, key=lambda pk: keys[pk], reverse=True)


def exact_where(q: str, *, staff: bool) -> tuple[str, list]:
    """The exact tests of ``q`` (no index), as a walk in key order runs them."""
    parts, params = engine.query_conditions(parse_query(q))
    if not staff:
        parts.append("d.audience = 'public'")
    return " AND ".join(parts), params


def test_walk_equals_the_like_scan(corpus):
    def walk(q, staff=False, ranges=(), range_params=(), **kwargs):
        where, params = exact_where(q, staff=staff)
        with connection.cursor() as cursor:
            return engine.walk(cursor, where, params, ranges, range_params, **kwargs)

    docs = sorted(corpus, key=lambda d: d.fts_key, reverse=True)
    position = {d.pk: i for i, d in enumerate(docs)}
    common = newest_like_ids("協働", staff=False)
    assert len(common) == 110
    # Stops at the fifth hit: that is the oldest row it read.
    found = walk("協働", hits=5, rows=200)
    assert [pk for pk, _kind, _key in found.hits] == common[:5]
    assert (found.complete, found.top, found.last) == (False, docs[0].fts_key, found.hits[-1][2])
    # Reads its rows without finding the hits: says where it stopped.
    found = walk("協働", hits=40, rows=60)
    assert [pk for pk, _kind, _key in found.hits] == [pk for pk in common if position[pk] < 60]
    assert (found.complete, found.last) == (False, docs[59].fts_key)
    # Reads the whole table: every hit, however few, and says so.
    for q, staff in (("協働", True), ("ことが大切", False), ("会場 OR 会議室 -広報", False)):
        found = walk(q, staff=staff, hits=1000, rows=1000)
        assert [pk for pk, _kind, _key in found.hits] == newest_like_ids(q, staff=staff)
        assert (found.complete, found.last) == (True, None), q
    # With ``whole``, a table of fewer than ``rows`` rows is read to its end: every hit.
    found = walk("協働", hits=5, rows=1000, whole=True)
    assert [pk for pk, _kind, _key in found.hits] == common
    assert (found.complete, found.top, found.last) == (True, docs[0].fts_key, None)
    # … and a larger one stops at the hits as without it.
    assert walk("協働", hits=5, rows=200, whole=True) == walk("協働", hits=5, rows=200)
    assert walk("協働", hits=40, rows=60, whole=True) == walk("協働", hits=40, rows=60)
    found = walk("存在しない語", hits=5, rows=50)
    assert (found.hits, found.complete, found.last) == ([], False, docs[49].fts_key)
    # Within a key range (a fiscal year's dates become one).
    low, high = docs[300].fts_key, docs[100].fts_key
    found = walk(
        "協働", ranges=["d.fts_key >= %s", "d.fts_key < %s"], range_params=[low, high],
        hits=1000, rows=1000,
    )  # fmt: skip
    assert [pk for pk, _kind, _key in found.hits] == [
        pk for pk in common if 100 < position[pk] <= 300
    ]
    assert (found.complete, found.top, found.last) == (True, docs[101].fts_key, None)
    # A range of 200 rows read whole however few hits are asked for; not one of 200 or more.
    assert walk(
        "協働", ranges=["d.fts_key >= %s", "d.fts_key < %s"], range_params=[low, high],
        hits=3, rows=201, whole=True,
    ) == found  # fmt: skip
    partial = walk(
        "協働", ranges=["d.fts_key >= %s", "d.fts_key < %s"], range_params=[low, high],
        hits=3, rows=200, whole=True,
    )  # fmt: skip
    assert (len(partial.hits), partial.complete) == (3, False)
    empty = walk("協働", ranges=["d.fts_key < %s"], range_params=[0], hits=5, rows=50)
    assert (empty.hits, empty.complete, empty.top, empty.last) == ([], True, None, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dated bigrams: PostgreSQL only")
def test_dated_bigrams_find_the_words_of_one_period(corpus):
    periods = sorted({fiscal_year(d.date) // engine.PERIOD_YEARS for d in corpus})
    assert len(periods) == 6
    for q in ("協働", "補助金 協働", "会場 OR 会議室 -広報", '"市民活動団体"', "申込"):
        query = parse_query(q)
        assert engine.slices(query)
        everywhere = set(like_ids(q, staff=True))
        for period in periods[-3:-1]:  # two whole periods (the last has just begun)
            # The period as the recursive statements give it: an SQL expression.
            source, where, params, _key = engine.match_sql(query, [], period_sql=f"{period} + 0")
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT d.id FROM {source} WHERE {where}", params)
                found = sorted(r[0] for r in cursor.fetchall())
            expected = sorted(
                d.pk
                for d in corpus
                if d.pk in everywhere and fiscal_year(d.date) // engine.PERIOD_YEARS == period
            )
            assert found == expected, (q, period)
            assert expected, (q, period)
    assert not engine.slices(parse_query("会"))
    assert not engine.slices(parse_query("協働 OR 会"))
    assert not engine.slices(parse_query("-協働"))


@pytest.mark.parametrize("limit", [30, 150])
def test_capped_counts_and_pages_equal_the_like_scan(corpus, monkeypatch, limit):
    # A small count limit and walk so that 400 documents take every path: walks that find
    # the count or a page, walks that give up, counts in the newest years and in all of them.
    from kyodo.search import selectors

    monkeypatch.setattr(selectors, "COUNT_LIMIT", limit)
    monkeypatch.setattr(engine, "PROBE_ROWS", 80)
    monkeypatch.setattr(engine, "WALK_ROWS", 160)
    monkeypatch.setattr(selectors, "PAGE_HITS", 10)
    cases = [
        ("協働", {}, {}), ("会", {}, {}), ("委託", {}, {}), ("補助金 協働", {}, {}),
        ("申込", {}, {}), ("-協働", {}, {}), ("ことが大切", {}, {}),
        ("協働", {"category": "discussion"}, {"category": "discussion"}),
        ("会", {"committee_id": 3}, {"committee_id": 3}),
        ("会", {"speaker": "委員"}, {"speaker_role": "委員"}),
        ("の", {"fiscal_year": 1990}, {"fiscal_year": 1990}),
        ("委託", {"fiscal_year": 1990}, {"fiscal_year": 1990}),
    ]  # fmt: skip
    capped, routes = 0, set()
    for (q, filters, columns), staff in itertools.product(cases, (False, True)):
        expected = newest_like_ids(q, staff=staff, **columns)
        results = search(q, staff=staff, filters=Filters(**filters), sort="newest")
        assert results.count() == min(len(expected), limit), (q, filters, staff)
        assert results.capped is (len(expected) > limit), (q, filters, staff)
        assert results.ids(0, 10) == expected[:10], (q, filters, staff)
        assert results.ids(10, 10) == expected[10:20], (q, filters, staff)
        capped += results.capped
        routes.add(results.route)
    # Date ranges of a few fiscal years.
    days = dict(SearchDocument.objects.values_list("pk", "date"))
    since, until = date(1991, 4, 1), date(1994, 3, 31)
    for q, staff in itertools.product(("協働", "補助金 協働", "会場 OR 会議室"), (False, True)):
        expected = [pk for pk in newest_like_ids(q, staff=staff) if since <= days[pk] <= until]
        results = search(q, staff=staff, filters=Filters(since=since, until=until))
        assert results.count() == min(len(expected), limit), (q, staff)
        assert results.capped is (len(expected) > limit), (q, staff)
        assert results.ids(0, 10) == expected[:10], (q, staff)
        assert results.ids(10, 10) == expected[10:20], (q, staff)
        routes.add(results.route)
    assert capped >= 4  # the limit is reached often enough to matter
    if connection.vendor == "postgresql" and limit == 30:
        assert routes == {
            "walk", "newest periods", "date range", "listed", "counted"
        }  # fmt: skip
    if connection.vendor == "sqlite" and limit == 30:
        # One-character words walked (found within the walk, or not: the index lists them).
        assert routes == {"walk", "listed"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dated bigrams: PostgreSQL only")
def test_migration_adds_the_dated_bigrams(corpus):
    import importlib

    from django.apps import apps
    from django.db import connection as conn

    migration = importlib.import_module("kyodo.search.migrations.0002_dated_bigrams")

    def grams():
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT id, tsvector_to_array(grams) FROM {engine.TABLE} ORDER BY id")
            return cursor.fetchall()

    before = grams()
    assert all(any("y" in lexeme for lexeme in lexemes) for _pk, lexemes in before)
    with conn.cursor() as cursor:  # as indexed before dated bigrams existed
        cursor.execute(
            f"UPDATE {engine.TABLE} SET grams = array_to_tsvector(ARRAY(SELECT l FROM "
            "unnest(tsvector_to_array(grams)) l WHERE strpos(l, 'y') = 0))"
        )
    assert grams() != before
    migration.add_dated_bigrams(apps, conn.schema_editor())
    assert grams() == before


def test_undated_documents_only(db, monkeypatch):
    # Registered groups have no date: their keys are the oldest, and with nothing dated the
    # newest row of all is one of them (no fiscal year to count by).
    monkeypatch.setattr(engine, "PROBE_ROWS", 20)
    specs = [
        indexing.Spec(
            object_id=s.id,
            index_fields=(s.text,),
            fields={
                "audience": "public",
                "date": None,
                "fiscal_year": None,
                "url": "/g/",
                "text": s.text,
            },
        )
        for s in statements(200, seed=5)
    ]
    indexing._sync(SearchDocument.Kind.GROUP, [], specs)
    for q in ("協働", "補助金 協働", "会場 OR 会議室"):
        expected = newest_like_ids(q, staff=False)
        results = search(q, sort="newest")
        assert results.count() == len(expected), q
        assert results.ids(0, 10) == expected[:10], q
        assert expected, q


def test_a_key_names_the_kind_of_its_row():
    # SQLite counts by kind from the keys of the hits alone.
    kinds = SearchDocument.Kind.values
    keys = [engine.fts_key(date(2010, 4, 1), kind, 7) for kind in kinds]
    keys += [engine.fts_key(None, "group", 12), engine.fts_key(None, "group", 13)]
    assert engine.key_kinds(keys) == {**dict.fromkeys(kinds, 1), "group": 3}
