"""Reads: run a parsed query with filters for an audience, page by page, in three queries."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db import connection

from kyodo.core.wareki import fiscal_year_range
from kyodo.search import engine
from kyodo.search.models import SearchDocument
from kyodo.search.text import (
    ROLE_WORDS,
    Query,
    fold,
    highlight,
    parse_query,
    snippet,
    speaker_role,
)

SORTS = ("newest", "relevance", "oldest")
COUNT_LIMIT = 1000


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    fiscal_year: int | None = None
    since: date | None = None
    until: date | None = None
    committee_id: int | None = None
    meeting_id: int | None = None
    speaker: str = ""
    category: str = ""


def _visible_kinds(staff: bool) -> list[str]:
    """Every kind for staff; all but consultations for the public."""
    return [str(k) for k in SearchDocument.Kind if staff or k != SearchDocument.Kind.CONSULTATION]


def _filter_sql(
    filters: Filters, *, staff: bool, as_tokens: bool | None = None
) -> tuple[list[list[str]], list[str], list]:
    """(attribute tokens: AND of ORs, other SQL conditions, their params) for ``filters``.
    ``as_tokens=False``: every filter also as a column test (for a walk in key order)."""
    attrs: list[list[str]] = []
    where: list[str] = []
    params: list = []
    # Audience and kind match most documents: an index lookup would cost more than it saves on
    # PostgreSQL, where a column test on the few rows found is cheap. SQLite counts in the FTS5
    # table alone, so there they are tokens.
    if as_tokens is None:
        as_tokens = connection.vendor == "sqlite"
    if not staff:
        if as_tokens:
            attrs.append([engine.attr("audience", SearchDocument.Audience.PUBLIC.value)])
        else:
            where.append("d.audience = %s")
            params.append(SearchDocument.Audience.PUBLIC.value)
    visible = _visible_kinds(staff)
    if filters.kinds:
        kinds = [k for k in filters.kinds if k in visible]
        if not kinds:
            return [], ["1=0"], []
        if set(kinds) != set(visible) and as_tokens:
            attrs.append([engine.attr("kind", k) for k in kinds])
        elif set(kinds) != set(visible):
            where.append("d.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
            params += kinds
    for name, column, value in (
        ("fiscal", "fiscal_year", filters.fiscal_year),
        ("committee", "committee_id", filters.committee_id),
        ("meeting", "meeting_id", filters.meeting_id),
        ("category", "category", filters.category or None),
        ("role", "speaker_role", speaker_role(filters.speaker, whole=True) or None),
    ):
        if value is not None:
            attrs.append([engine.attr(name, value)])
            if not as_tokens:
                # Also as a column test, for the walk in key order that reads no tokens.
                where.append(f"d.{column} = %s")
                params.append(value)
    speaker = "".join((filters.speaker or "").split())
    if speaker and speaker not in ROLE_WORDS and (key := fold(speaker)):
        # The public finds statements under the label the published minutes print, and those
        # of the chair and vice chair under their names too (kyodo.search.indexing).
        where.append(engine.contains("d.speaker_staff_key" if staff else "d.speaker_public_key"))
        params.append(key)
    return attrs, where, params


# The search page shows 20 hits: the first walk looks for that many.
PAGE_HITS = 20
# Counting period by period is not tried when the hits of more periods than this seem needed
# (the index is then as fast).
MAX_PERIODS = 30


def _per_period(query: Query, first: engine.Walk) -> float | None:
    """Hits per period (engine.PERIOD_YEARS), judging by the rows the first walk read (from the
    newest of the range to ``last``); None when that tells nothing or the words cannot be read
    period by period."""
    if not first.hits or engine.key_period(first.top or 0) is None or not engine.slices(query):
        return None  # no hit among the newest rows, undated rows only, or a one-character word
    days = first.top // engine.KEY_SCALE - first.last // engine.KEY_SCALE + 1
    return len(first.hits) * 365.25 * engine.PERIOD_YEARS / days


def _periods(per_period: float | None, need: int) -> int | None:
    """How many of the newest periods to read at most for ``need`` hits: twice what
    ``per_period`` suggests; None when that is too many."""
    if not per_period:
        return None
    # The newest period may have just begun: one more than the span needs.
    periods = math.ceil(need / per_period) + 1
    return min(2 * periods, MAX_PERIODS) if periods <= MAX_PERIODS else None


def _key_range(filters: Filters, key: str) -> tuple[list[str], list]:
    """Date filters (and the fiscal year's dates) as a range of the chronological key, so that
    a walk in key order starts and stops at the right place (undated documents fall outside)."""
    since, until = filters.since, filters.until
    if filters.fiscal_year is not None:
        start, end = fiscal_year_range(filters.fiscal_year)
        since = max(since, start) if since else start
        until = min(until, end) if until else end
    if not (since or until):
        return [], []
    low = since.toordinal() if since else 1
    high = until.toordinal() + 1 if until else 10**7
    return [f"{key} >= %s", f"{key} < %s"], [low * engine.KEY_SCALE, high * engine.KEY_SCALE]


@dataclass
class Hit:
    doc: SearchDocument
    staff: bool
    needles: list[str]

    @property
    def kind(self) -> str:
        return self.doc.kind

    @property
    def speaker(self) -> str:
        return self.doc.speaker_staff if self.staff else self.doc.speaker_public

    @property
    def url(self) -> str:
        return self.doc.url

    @cached_property
    def snippet(self):
        return snippet(self.doc.text, self.needles)

    @cached_property
    def title(self):
        """The title with the words found in it marked, as in the snippet."""
        return highlight(self.doc.title, self.needles)

    def as_dict(self) -> dict:
        doc = self.doc
        return {
            "kind": doc.kind,
            "title": doc.title,
            "meeting": doc.title
            if doc.kind in (SearchDocument.Kind.ENTRY, SearchDocument.Kind.MINUTES)
            else None,
            "date": doc.date.isoformat() if doc.date else None,
            "agenda_item": doc.subtitle if doc.kind == SearchDocument.Kind.ENTRY else None,
            "speaker": self.speaker or None,
            "text": doc.text,
            "url": doc.url,
        }


class SearchResults:
    """A sliceable, countable result list (what Django's Paginator needs), run lazily.

    Counting stops at :data:`COUNT_LIMIT` hits (``capped`` is then true): an exact count of
    hundreds of thousands of hits costs a visit to each, and nobody pages through them.
    """

    def __init__(self, query: Query, filters: Filters, *, staff: bool, sort: str = "newest"):
        self.query = query
        self.filters = filters
        self.staff = staff
        self.sort = sort if sort in SORTS else "newest"
        attrs, where, params = _filter_sql(filters, staff=staff)
        self._attrs, self._join_only = attrs, bool(where) and connection.vendor == "sqlite"
        self._filter_where, self._filter_params = where, params
        source, match, match_params, key = engine.match_sql(query, attrs)
        ranges, range_params = _key_range(filters, key)
        if connection.vendor == "postgresql":
            _s, walk, walk_params, _k = engine.match_sql(query, attrs, index=False)
            self._walk_where = " AND ".join([walk, *where, *ranges])
            self._walk_params = walk_params + params + range_params
            self._exact, self._exact_params = " AND ".join([walk, *where]), walk_params + params
            self._ranges, self._range_params = ranges, range_params
        elif query.groups and not engine.slices(query):
            # SQLite, a one-character word: FTS5 merges the lists of every bigram it starts
            # before the first hit, so its newest documents are first walked (engine.walk).
            _a, columns, column_params = _filter_sql(filters, staff=staff, as_tokens=False)
            conditions, params_exact = engine.query_conditions(query)
            self._exact = " AND ".join([*conditions, *columns])
            self._exact_params = params_exact + column_params
            self._ranges, self._range_params = _key_range(filters, "d.fts_key")
        # SQLite: the keys of every hit, newest first, when there are at most COUNT_LIMIT.
        self._newest_keys: list[int] | None = None
        # The newest hits (all, or COUNT_LIMIT + 1) when a walk found them.
        self._newest: list[int] | None = None
        self._key = key
        self._from = source
        self._where = " AND ".join([match, *where, *ranges])
        self._params = match_params + params + range_params
        self._counts: dict[str, int] | None = None
        self.capped = False
        # How the counts were found (the tests check that every way is taken).
        self.route = ""

    @property
    def counts(self) -> dict[str, int]:
        """Hits by kind, counting at most COUNT_LIMIT + 1 (``capped`` is then true)."""
        if self._counts is None:
            self._counts = {}
            if self.query:
                if connection.vendor == "postgresql":
                    self._counts = self._pg_counts()
                else:
                    self._counts = self._sqlite_counts()
                self.capped = sum(self._counts.values()) > COUNT_LIMIT
        return self._counts

    def _index_sql(self, period_sql: str | None = None) -> tuple[str, list]:
        """PostgreSQL: (FROM … WHERE, params) of the hits through the index, within documents
        of the period that ``period_sql`` gives when given (see engine.match_sql)."""
        source, match, params, _key = engine.match_sql(
            self.query, self._attrs, period_sql=period_sql
        )
        ranges = self._ranges
        if period_sql:
            # The periods narrow the bitmap already; the planner, not knowing how much (the
            # tsquery is made at run time), would AND it with a bitmap of the whole range from
            # the key index, which costs more than all the rest. "+ 0" keeps it a filter.
            ranges = [r.replace("d.fts_key", "(d.fts_key + 0)") for r in ranges]
        where = " AND ".join([match, *self._filter_where, *ranges])
        return f"{source} WHERE {where}", params + self._filter_params + self._range_params

    def _pg_counts(self) -> dict[str, int]:
        """PostgreSQL: a walk finds the page and the word's density, a count period by period
        from the newest answers for all but rare words, the index for the rest (see
        kyodo.search.engine). Two statements for most queries."""
        need = COUNT_LIMIT + 1
        with connection.cursor() as cursor:
            # Every hit at once when the range holds fewer rows than the probe (a small
            # archive): one statement in all, instead of a count after the page.
            first = self._walk(cursor, hits=PAGE_HITS, rows=engine.PROBE_ROWS, whole=True)
            if first.complete:
                self.route = "walk"
                return self._known([(pk, kind) for pk, kind, _key in first.hits])
            if not engine.slices(self.query) and len(first.hits) >= PAGE_HITS:
                # A common one-character word: the index would list every bigram it starts
                # (57 ms for 市 at a million statements), a walk finds the limit within a few
                # thousand rows.
                found = self._walk(cursor, hits=need)
                if len(found.hits) >= need or found.complete:
                    self.route = "walk"
                    return self._known([(pk, kind) for pk, kind, _key in found.hits])
            # The walk's hits are the newest: a prefix of the list, enough for the first page
            # when there are PAGE_HITS of them.
            prefix = [pk for pk, _kind, _key in first.hits]
            per_period = _per_period(self.query, first)
            periods = _periods(per_period, need)
            span = self._range_periods(first)
            if span and (per_period is None or per_period * span < need / 2):
                # A date range of a few periods: period by period through all of them, listing
                # every hit when there are fewer than the limit.
                counts, page = self._by_period(cursor, first, span, need, listed=need)
                self.route = "date range"
                self._newest = page
                return counts
            if periods:
                # Period by period from the newest: the count stops at the limit; the hits of
                # the periods read whole give the page when the walk did not.
                counts, page = self._by_period(
                    cursor, first, periods, need, listed=PAGE_HITS if len(prefix) < PAGE_HITS else 0
                )
                prefix = page if len(page) > len(prefix) else prefix
                if sum(counts.values()) >= need:
                    self.route = "newest periods"
                    self._newest = prefix
                    return counts
            if not prefix:
                # Not one hit among the newest rows: a rare word, list every hit.
                self.route = "listed"
                return self._known(self._index_newest(cursor, need))
            # Any hits, stopping at the limit: when fewer, they are all of them.
            sql, params = self._index_sql()
            cursor.execute(f"SELECT d.id, d.kind, d.fts_key FROM {sql} LIMIT %s", [*params, need])
            found = cursor.fetchall()
            self.route = "counted"
            if len(found) >= need:
                self._newest = prefix
                return dict(Counter(kind for _pk, kind, _key in found))
            found.sort(key=lambda row: row[2], reverse=True)
            return self._known([(pk, kind) for pk, kind, _key in found])

    def _range_periods(self, first: engine.Walk) -> int | None:
        """PostgreSQL: how many periods the date range spans from its newest document, when it
        has a start and that is few enough to be read period by period."""
        if not self._ranges or not engine.slices(self.query) or first.top is None:
            return None
        top, start = engine.key_period(first.top), engine.key_period(self._range_params[0])
        if top is None or start is None or top - start + 1 > MAX_PERIODS:
            return None
        return top - start + 1

    def _by_period(
        self, cursor, first: engine.Walk, periods: int, need: int, *, listed: int
    ) -> tuple[dict[str, int], list[int]]:
        """PostgreSQL: hits by kind, counted period by period from the newest (that of the
        walk's ``first.top``) until ``need`` or ``periods`` periods, through the periods' dated
        bigrams, in one recursive statement that stops as soon as it has them; and the newest
        ``listed`` hits (ids) of the periods it read whole, newest first, from the keys each gave
        (the last period read may have been cut short by the limit)."""
        top = engine.key_period(first.top)
        kinds = _visible_kinds(self.staff)
        k = range(len(kinds))
        total = " + ".join(f"y.k{i}" for i in k)
        sql, params = self._index_sql("y.period - 1")
        # The newest ``listed`` keys of each period (sorted there: shipping and reading every
        # key of a thousand hits cost more than the count).
        keys = "NULL::bigint[]"
        if listed:
            keys = f"(array_agg(h.fts_key ORDER BY h.fts_key DESC))[1:{int(listed)}]"
        cursor.execute(
            f"WITH RECURSIVE y(period, {', '.join(f'k{i}' for i in k)}, keys) AS ("
            f"SELECT %s::int, {', '.join('0::bigint' for _i in k)}, ARRAY[]::bigint[] "
            f"UNION ALL SELECT y.period - 1, {', '.join(f'y.k{i} + c.k{i}' for i in k)}, c.keys "
            "FROM y CROSS JOIN LATERAL (SELECT "
            + ", ".join(f"COUNT(*) FILTER (WHERE h.kind = %s) AS k{i}" for i in k)
            + f", {keys} AS keys "
            f"FROM (SELECT d.kind, d.fts_key FROM {sql} LIMIT %s - ({total})) h) c "
            f"WHERE {total} < %s AND y.period > %s) "
            f"SELECT {total}, {', '.join(f'y.k{i}' for i in k)}, y.keys FROM y "
            "WHERE y.period <= %s ORDER BY y.period DESC",
            [top + 1, *kinds, *params, need, need, top - periods + 1, top],
        )
        rows = cursor.fetchall()
        if not rows:
            return {}, []
        numbers = rows[-1][1:-1]
        counted = rows[-1][0]
        newest_keys: list[int] = []
        for i, (*_counts, keys) in enumerate(rows):
            if i == len(rows) - 1 and counted >= need:
                break  # cut short: not the newest of its period
            newest_keys += sorted(keys or (), reverse=True)
        # Each period gave its newest ``listed``: the first ``listed`` of all are the newest.
        # Keys name the indexed row, not the document: its id is looked up (unique index).
        newest_keys = newest_keys[:listed]
        ids: dict[int, int] = {}
        if newest_keys:
            cursor.execute(
                f"SELECT fts_key, id FROM {engine.TABLE} WHERE fts_key = ANY(%s)", [newest_keys]
            )
            ids = dict(cursor.fetchall())
        newest = [ids[key] for key in newest_keys if key in ids]
        return {kind: n for kind, n in zip(kinds, numbers, strict=True) if n}, newest

    def _index_newest(self, cursor, limit: int) -> list[tuple]:
        """PostgreSQL: the newest ``limit`` hits (id, kind) through the index. The hits are
        listed first (OFFSET 0 keeps the planner from walking the key index for the order)."""
        sql, params = self._index_sql()
        cursor.execute(
            f"SELECT h.id, h.kind FROM (SELECT d.id, d.kind, d.fts_key FROM {sql} OFFSET 0) h "
            "ORDER BY h.fts_key DESC LIMIT %s",
            [*params, limit],
        )
        return cursor.fetchall()

    def _walk(
        self, cursor, *, hits: int, rows: int | None = None, whole: bool = False
    ) -> engine.Walk:
        """``engine.walk`` over this search's exact terms and ranges, newest first."""
        return engine.walk(
            cursor,
            self._exact,
            self._exact_params,
            self._ranges,
            self._range_params,
            hits=hits,
            rows=rows,
            whole=whole,
        )

    def _known(self, newest: list[tuple]) -> dict[str, int]:
        """Counts from the newest hits (id, kind), which are all of them or more than the limit."""
        self._newest = [pk for pk, _kind in newest]
        return dict(Counter(kind for _pk, kind in newest))

    def _sqlite_counts(self) -> dict[str, int]:
        """SQLite: the keys of the hits, at most COUNT_LIMIT + 1, from the FTS5 table alone (a
        join per hit costs more than the search) and their kinds from the keys, in one
        evaluation of the match (each one more reads every list of a rare word's bigrams
        again). When they are all of them, they also give every page newest first.

        A one-character word is a prefix query, which FTS5 answers by merging the lists of
        every bigram it starts (0.25 s at a million statements) before the first hit: its
        newest documents are walked first, which finds the limit within a few thousand rows
        for a common character."""
        need = COUNT_LIMIT + 1
        with connection.cursor() as cursor:
            if self.query.groups and not engine.slices(self.query):
                found = self._walk(cursor, hits=need)
                if found.complete or len(found.hits) >= need:
                    self.route = "walk"
                    return self._known([(pk, kind) for pk, kind, _key in found.hits])
            public = [[engine.attr("audience", SearchDocument.Audience.PUBLIC.value)]]
            if len(self.query.groups) > 1 and not self._join_only and self._attrs == public:
                # Words that must all occur are rarely found together: FTS5 then reads every
                # list to the end, and the audience's list (nine documents in ten) costs a
                # third of it. Without it, and the audience of the few hits read from their rows.
                keys = self._fts_keys(cursor, [], need)
                if len(keys) < need:
                    keys = _public_keys(cursor, keys)
                    self.route = "listed"
                    self._newest_keys = sorted(keys, reverse=True)
                    return engine.key_kinds(keys)
            if self.query.groups and not self._join_only:
                keys = self._fts_keys(cursor, self._attrs, need)
            else:
                cursor.execute(
                    f"SELECT {self._key} FROM {self._from} WHERE {self._where} LIMIT %s",
                    [*self._params, need],
                )
                keys = [row[0] for row in cursor.fetchall()]
        self.route = "listed"
        if len(keys) < need:
            self._newest_keys = sorted(keys, reverse=True)
        return engine.key_kinds(keys)

    def _fts_keys(self, cursor, attrs: list[list[str]], limit: int) -> list[int]:
        """SQLite: the keys of at most ``limit`` hits having ``attrs``, from the FTS5 table."""
        source, match, params, key = engine.match_sql(self.query, attrs, join=False)
        ranges, range_params = _key_range(self.filters, key)
        where = " AND ".join([match, *ranges])
        cursor.execute(
            f"SELECT {key} FROM {source} WHERE {where} LIMIT %s", [*params, *range_params, limit]
        )
        return [row[0] for row in cursor.fetchall()]

    def count(self) -> int:
        return min(sum(self.counts.values()), COUNT_LIMIT)

    def __len__(self) -> int:
        return self.count()

    def _order(self) -> tuple[str, list]:
        if self.sort == "newest":
            return f"{self._key} DESC", []
        if self.sort == "oldest":
            return f"CASE WHEN {self._key} < %s THEN 1 ELSE 0 END, {self._key}", [engine.KEY_SCALE]
        if not self.query.needles:
            return f"{self._key} DESC", []
        score, params = engine.relevance_sql(self.query.needles)
        return f"{score} DESC, {self._key} DESC", params

    def ids(self, offset: int, limit: int) -> list[int]:
        if not self.query or limit <= 0:
            return []
        order, order_params = self._order()
        sql = (
            f"SELECT d.id FROM {self._from} WHERE {self._where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        # PostgreSQL misjudges how many rows survive strpos(): with many hits, walk the key
        # index backwards (stopping after a page) rather than sort every candidate.
        # Not with a filter outside the key order (committee, speaker…): the walk could pass
        # most of the table before it finds a page.
        f = self.filters
        ordered_walk = (
            connection.vendor == "postgresql"
            and self.sort == "newest"
            and not (f.committee_id or f.meeting_id or f.category or f.speaker)
        )
        if self.sort == "newest" and self.counts and self._newest is not None:
            if not self.capped or offset + limit <= len(self._newest):
                return self._newest[offset : offset + limit]
        if self.sort == "newest" and self._newest_keys is not None:
            keys = self._newest_keys[offset : offset + limit]
            return list(_documents_by_key(keys))
        newest = connection.vendor == "postgresql" and self.sort == "newest"
        with connection.cursor() as cursor:
            if newest and self.capped and offset + limit <= COUNT_LIMIT:
                # A page among the newest rows, whatever the filters: a bounded walk.
                found = self._walk(cursor, hits=offset + limit)
                if len(found.hits) >= offset + limit:
                    return [pk for pk, _kind, _key in found.hits[offset : offset + limit]]
            if ordered_walk and self.counts and self.capped and offset < COUNT_LIMIT:
                # Over a thousand hits: walking the key index backwards finds a page within a
                # few hundred rows, testing only norm (a plain scan, no parallel workers).
                cursor.execute(
                    "SET enable_bitmapscan = off; SET enable_seqscan = off; "
                    "SET max_parallel_workers_per_gather = 0"
                )
                try:
                    cursor.execute(
                        f"SELECT d.id FROM {self._from} WHERE {self._walk_where} "
                        f"ORDER BY {order} LIMIT %s OFFSET %s",
                        self._walk_params + order_params + [limit, offset],
                    )
                    return [row[0] for row in cursor.fetchall()]
                finally:
                    cursor.execute(
                        "RESET enable_bitmapscan; RESET enable_seqscan; "
                        "RESET max_parallel_workers_per_gather"
                    )
            if newest:
                return [pk for pk, _kind in self._index_newest(cursor, offset + limit)[offset:]]
            cursor.execute(sql, self._params + order_params + [limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def __getitem__(self, index):
        if isinstance(index, slice):
            start = index.start or 0
            stop = index.stop if index.stop is not None else start + 100
            if connection.vendor == "sqlite" and self.sort == "newest":
                docs = self._newest_documents(start, stop - start)
                ids = list(docs)
            else:
                ids = self.ids(start, stop - start)
                docs = _documents(ids)
            needles = self.query.needles
            return [Hit(docs[i], self.staff, needles) for i in ids if i in docs]
        hits = self[index : index + 1]
        if not hits:
            raise IndexError(index)
        return hits[0]

    def _newest_documents(self, offset: int, limit: int) -> dict[int, SearchDocument]:
        """SQLite: the documents :meth:`ids` gives, newest first: by the keys or ids the counts
        found when they did, else in the query that finds them (FTS5 gives the rows in key
        order, and the join reads only the page's)."""
        if not self.query or limit <= 0:
            return {}
        if self._counts is not None:
            if self._newest_keys is not None:
                return _documents_by_key(self._newest_keys[offset : offset + limit])
            if self._newest is not None and (
                not self.capped or offset + limit <= len(self._newest)
            ):
                ids = self._newest[offset : offset + limit]
                docs = _documents(ids)
                return {pk: docs[pk] for pk in ids if pk in docs}
        return _documents_where(
            f"FROM {self._from} WHERE {self._where} ORDER BY {self._key} DESC LIMIT %s OFFSET %s",
            [*self._params, limit, offset],
        )


def _documents_where(sql: str, params: list) -> dict[int, SearchDocument]:
    """The documents ``d`` that ``sql`` (FROM … WHERE …) finds, as ``in_bulk`` gives them (in
    its order), from SQL written here: compiling the ORM's query cost more than running it.
    Every column is a string, a number or a date, which both databases' drivers return as the
    model has them."""
    fields = SearchDocument._meta.concrete_fields
    columns = ", ".join(f"d.{connection.ops.quote_name(f.column)}" for f in fields)
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} {sql}", params)
        rows = cursor.fetchall()
    docs = [SearchDocument.from_db(connection.alias, names, row) for row in rows]
    return {doc.pk: doc for doc in docs}


def _public_keys(cursor, keys: list[int]) -> list[int]:
    """The keys among ``keys`` of documents everyone may read."""
    if not keys:
        return []
    # The audience is tested here: in SQL, SQLite would rather read its index than the keys'.
    cursor.execute(
        f"SELECT fts_key, audience FROM {engine.TABLE} "
        f"WHERE fts_key IN ({', '.join(['%s'] * len(keys))})",
        keys,
    )
    public = SearchDocument.Audience.PUBLIC.value
    return [key for key, audience in cursor.fetchall() if audience == public]


def _documents_by_key(keys: list[int]) -> dict[int, SearchDocument]:
    """The documents of these keys by id, in the keys' order."""
    if not keys:
        return {}
    docs = _documents_where(
        f"FROM {engine.TABLE} d WHERE d.fts_key IN ({', '.join(['%s'] * len(keys))})", keys
    )
    by_key = {doc.fts_key: doc for doc in docs.values()}
    return {doc.pk: doc for doc in (by_key.get(key) for key in keys) if doc is not None}


def _documents(ids: list[int]) -> dict[int, SearchDocument]:
    """The documents of a page by id (see :func:`_documents_where`)."""
    if not ids:
        return {}
    return _documents_where(
        f"FROM {engine.TABLE} d WHERE d.id IN ({', '.join(['%s'] * len(ids))})", ids
    )


def search(
    q: str, *, staff: bool = False, filters: Filters | None = None, sort: str = "newest"
) -> SearchResults:
    """Results of the query text ``q`` for the public (``staff=False``) or for staff.

    Without a word, a speaker filter lists that speaker's statements (``Query.everything``);
    anything else without a word finds nothing."""
    filters = filters or Filters()
    query = parse_query(q)
    if not query and "".join(filters.speaker.split()):
        query = Query(everything=True)
    return SearchResults(query, filters, staff=staff, sort=sort)
