"""The bigram index answers exactly as a LIKE scan over the same normalized text does."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        specs.append(
            indexing.Spec(
                object_id=s.id,
                index_fields=(s.text,),
                fields={
                    "audience": "public" if s.id % 5 else "staff",
                    "date": s.date,
                    "fiscal_year": s.fiscal_year,
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

    def like(terms):
        parts, params = [], []
        for t in terms:
            for n in t.needles:
                parts.append("d.norm LIKE %s ESCAPE '!'")
                escaped = n.replace("!", "!!").replace("%", "!%").replace("_", "!_")
                params.append(f"%{escaped}%")
        return "(" + " OR ".join(parts) + ")", params

    where, params = [], []
    for group in query.groups:
        sql, p = like(group)
        where.append(sql)
        params += p
    if query.exclude:
        sql, p = like(query.exclude)
        where.append(f"NOT {sql}")
        params += p
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
    html = snippet("<b>ＮＰＯ</b>との協働 & 連携", parse_query("npo 協働").needles)
    assert html == "&lt;b&gt;<mark>ＮＰＯ</mark>&lt;/b&gt;との<mark>協働</mark> &amp; 連携"
    long = "あ" * 100 + "協働" + "い" * 300
    cut = snippet(long, ["協働"])
    assert cut.startswith("…" + "あ" * 40 + "<mark>協働</mark>")
    assert cut.endswith("…")
