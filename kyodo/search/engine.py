"""The bigram index on each database: its DDL, its writes and the SQL a query becomes.

Both databases index the same tokens: every character bigram of the document's index text
(:func:`kyodo.search.text.bigram_tokens`, as UTF-8 hex) and a few *attribute tokens* (``z``
followed by audience, kind, fiscal year, committee, meeting, agenda category, speaker role;
``z`` is no hex digit, so they never meet a bigram), so that the usual filters are answered
inside the index instead of row by row. Documents carry a chronological key ``fts_key``
(date ordinal × 10¹⁰ + id; undated documents 0) so that "newest first" walks the index
backwards and stops after one page, and date ranges become key ranges.

SQLite: a contentless FTS5 table ``search_fts(tokens, attrs)`` with rowid = ``fts_key``,
unicode61 tokenizer (the hex tokens are plain words to it). A term of two or more characters
is the FTS5 phrase of its bigrams, which matches exactly where the term is a substring
(positions are kept); one character is a prefix query on the bigrams it starts. FTS5's
trigram tokenizer is not used: SQLite 3.40 (Debian 12) answers LIKE on it wrongly for two CJK
characters, and it cannot MATCH two-character words at all.

PostgreSQL: a ``tsvector`` column ``grams`` with the set of tokens (no positions, so no
16383-position limit) and a GIN index. A term becomes the ``&`` of its bigrams (one character: a
``:*`` prefix), which finds candidates; a term longer than two characters is then checked with
``strpos(norm, term) > 0``, so results equal a substring scan by construction. Common words
are answered without listing every hit (:func:`walk` and counts period by period).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection

from kyodo.core.wareki import fiscal_year
from kyodo.search.text import Query, Term, _hex, bigram_tokens

TABLE = "search_searchdocument"
FTS = "search_fts"
KEY_SCALE = 10**10


def create_index_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(tokens, attrs, content='', "
            "tokenize='unicode61')"
        ]
    if vendor == "postgresql":
        return [
            f"ALTER TABLE {TABLE} ADD COLUMN grams tsvector",
            # Out of line and uncompressed: the index answers from grams and a page shows text,
            # so rows read per hit keep norm inline and uncompressed (strpos on it is cheap).
            f"ALTER TABLE {TABLE} ALTER COLUMN grams SET STORAGE EXTERNAL",
            f"ALTER TABLE {TABLE} ALTER COLUMN text SET STORAGE EXTERNAL",
            f"CREATE INDEX search_doc_grams ON {TABLE} USING gin (grams)",
        ]
    raise NotImplementedError(f"Search needs SQLite or PostgreSQL, not {vendor}.")


def drop_index_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TABLE IF EXISTS {FTS}"]
    return ["DROP INDEX IF EXISTS search_doc_grams", f"ALTER TABLE {TABLE} DROP COLUMN grams"]


# Within one date, documents are ordered by what they index (kind and the indexed row's id),
# which a backup and restore keep, not by the index row's own id, which a rebuild renumbers.
KIND_SLOTS = 16


def fts_key(day: date | None, kind: str, object_id: int) -> int:
    """Chronological and unique: the date, then the kind and id of the indexed row."""
    from kyodo.search.models import SearchDocument

    number = SearchDocument.Kind.values.index(kind) + 1
    if not 0 < object_id < KEY_SCALE // KIND_SLOTS or number >= KIND_SLOTS:
        raise ValueError(f"cannot key {kind} {object_id} in the search index")
    return (day.toordinal() if day else 0) * KEY_SCALE + object_id * KIND_SLOTS + number


@functools.cache
def _kinds() -> tuple[str, ...]:
    from kyodo.search.models import SearchDocument

    return tuple(SearchDocument.Kind.values)


def key_kinds(keys: Iterable[int]) -> dict[str, int]:
    """How many of ``keys`` name a row of each kind (see :func:`fts_key`)."""
    kinds = _kinds()
    return dict(Counter(kinds[key % KIND_SLOTS - 1] for key in keys))


def attr(name: str, value: object) -> str:
    """An attribute token: ``zaudiencepublic``, ``zcommittee3``, ``zrole<hex>``."""
    text = str(value)
    if not text.isascii() or not text.replace("_", "").isalnum():
        text = _hex(text)
    return f"z{name}{text.replace('_', '')}"


def attr_tokens(doc) -> list[str]:
    """The attribute tokens of a document (anything with SearchDocument's fields)."""
    tokens = [attr("audience", doc.audience), attr("kind", doc.kind)]
    for name in ("fiscal_year", "committee_id", "meeting_id"):
        value = getattr(doc, name)
        if value is not None:
            tokens.append(attr(name.split("_")[0], value))
    if doc.category:
        tokens.append(attr("category", doc.category))
    if doc.speaker_role:
        tokens.append(attr("role", doc.speaker_role))
    return tokens


# Dated bigrams carry the period of their document's date: its fiscal year // PERIOD_YEARS.
# Shorter periods make the lists of a common word's newest hits shorter, longer ones need
# fewer lookups for rarer words; at 20,000 statements a year (bench search) one year was
# faster than two for every query class but the two-character words (equal).
PERIOD_YEARS = 1


def key_period(key: int) -> int | None:
    """The period of the date in a chronological key (None: undated)."""
    if key < KEY_SCALE:
        return None
    return fiscal_year(date.fromordinal(key // KEY_SCALE)) // PERIOD_YEARS


def dated(token: str, period: int | str) -> str:
    """A bigram token of a document of ``period`` (``y`` is no hex digit)."""
    return f"{token}y{period}"


def pg_lexemes(norm: str, attrs: Iterable[str], key: int) -> list[str]:
    """PostgreSQL's lexemes for a document: its bigrams, its attribute tokens and, when it is
    dated, its bigrams once more with the period of its date, so that a count within the
    newest periods reads short lists (see :func:`walk`)."""
    grams = set(bigram_tokens(norm))
    period = key_period(key)
    dated_grams = {dated(g, period) for g in grams} if period is not None else set()
    return sorted(grams | set(attrs) | dated_grams)


# --- writes ------------------------------------------------------------------------------------

# A row to index: (document id, fts_key, norm, attribute tokens).
Row = tuple[int, int, str, list[str]]


def write_tokens(rows: Sequence[Row], previous: Sequence[Row] = ()) -> None:
    """Index ``rows`` (their documents exist already), first forgetting ``previous`` versions."""
    if not rows and not previous:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if previous:
                cursor.executemany(
                    f"INSERT INTO {FTS}({FTS}, rowid, tokens, attrs) VALUES ('delete', %s, %s, %s)",
                    [(key, " ".join(bigram_tokens(n)), " ".join(a)) for _pk, key, n, a in previous],
                )
            if rows:
                cursor.executemany(
                    f"INSERT INTO {FTS}(rowid, tokens, attrs) VALUES (%s, %s, %s)",
                    [(key, " ".join(bigram_tokens(n)), " ".join(a)) for _pk, key, n, a in rows],
                )
        elif rows:
            cursor.executemany(
                f"UPDATE {TABLE} SET grams = array_to_tsvector(%s::text[]) WHERE id = %s",
                [(pg_lexemes(n, a, key), pk) for pk, key, n, a in rows],
            )


def delete_tokens(rows: Iterable[Row]) -> None:
    """Forget rows before their documents are deleted."""
    rows = list(rows)
    if rows and connection.vendor == "sqlite":
        write_tokens([], rows)


def clear() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')")
        cursor.execute(f"DELETE FROM {TABLE}")


def optimize() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
        else:
            cursor.execute(f"ANALYZE {TABLE}")


# --- queries -----------------------------------------------------------------------------------


def _fts_needle(needle: str) -> str:
    if len(needle) == 1:
        return f'"{_hex(needle)}"*'
    return '"' + " ".join(bigram_tokens(needle)[:-1]) + '"'


def _fts_term(term: Term) -> str:
    return " OR ".join(_fts_needle(n) for n in term.needles)


def _tsq_needle(needle: str) -> str:
    if len(needle) == 1:
        return f"'{_hex(needle)}':*"
    return " & ".join(f"'{t}'" for t in _needle_grams(needle))


# Where the period goes in a dated tsquery written once for all (no token has an "@").
PERIOD = "@@"


def _dated_tsq(query: Query, period: int | str) -> str:
    """The words of ``query`` in documents of ``period`` (no one-character needle)."""
    groups = []
    for g in query.groups:
        needles = [n for t in g for n in t.needles]
        groups.append(
            "("
            + " | ".join(
                "(" + " & ".join(f"'{dated(t, period)}'" for t in _needle_grams(n)) + ")"
                for n in needles
            )
            + ")"
        )
    return " & ".join(groups)


# The index is asked for at most this many bigrams of a word (its first, last and middle
# ones): strpos decides anyway, and each more bigram is one more list GIN reads whole.
NEEDLE_GRAMS = 3


def _needle_grams(needle: str) -> list[str]:
    grams = bigram_tokens(needle)[:-1]
    if len(grams) > NEEDLE_GRAMS:
        step = (len(grams) - 1) / (NEEDLE_GRAMS - 1)
        grams = [grams[round(i * step)] for i in range(NEEDLE_GRAMS)]
    return sorted(set(grams))


def slices(query: Query) -> bool:
    """Whether ``query`` can be asked period by period (no one-character word)."""
    return bool(query.groups) and all(len(n) > 1 for t in query.positive_terms for n in t.needles)


def contains(column: str) -> str:
    """SQL true when ``column`` contains the parameter as a substring (no LIKE wildcards)."""
    if connection.vendor == "sqlite":
        return f"instr({column}, %s) > 0"
    return f"strpos({column}, %s) > 0"


def like_sql(needle: str) -> tuple[str, list]:
    """``norm`` contains ``needle`` as a plain LIKE scan tests it: the reference the index must
    answer as (the tests and the benchmark compare against it)."""
    escaped = needle.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return "d.norm LIKE %s ESCAPE '!'", [f"%{escaped}%"]


def _contains_sql(needle: str) -> tuple[str, list]:
    return contains("d.norm"), [needle]


def _any_sql(terms: list[Term], needle_sql=_contains_sql) -> tuple[str, list]:
    parts, params = [], []
    for term in terms:
        for n in term.needles:
            sql, p = needle_sql(n)
            parts.append(sql)
            params += p
    return "(" + " OR ".join(parts) + ")", params


def query_conditions(query: Query, needle_sql=_contains_sql) -> tuple[list[str], list]:
    """The conditions on ``d`` for ``query`` tested row by row: one per group (any of its
    terms' needles, each tested by ``needle_sql(needle) -> (sql, params)``: a substring test by
    default, :func:`like_sql` for the reference scan) and one NOT for the exclusions."""
    conditions, params = [], []
    for group in query.groups:
        sql, p = _any_sql(group, needle_sql)
        conditions.append(sql)
        params += p
    if query.exclude:
        sql, p = _any_sql(query.exclude, needle_sql)
        conditions.append(f"NOT {sql}")
        params += p
    return conditions, params


def match_sql(
    query: Query,
    attrs: Sequence[Sequence[str]],
    *,
    join: bool = True,
    index: bool = True,
    period_sql: str | None = None,
) -> tuple[str, str, list, str]:
    """(FROM, WHERE, params, key column) for documents ``d`` satisfying ``query`` and having,
    for each list in ``attrs``, one of its attribute tokens; the key orders chronologically.

    ``join=False`` (SQLite, a query with words): the FTS5 table alone, without the documents'
    columns, for counting. ``index=False`` (PostgreSQL): the exact tests alone, for a walk in
    key order that must not read the out-of-line ``grams`` of every row it passes.
    ``period_sql`` (PostgreSQL, a query with words of two or more characters, see
    :func:`slices`): only documents of the period this SQL expression gives, through their
    dated bigrams.
    """
    if connection.vendor == "sqlite":
        source = f"{FTS} f JOIN {TABLE} d ON d.fts_key = f.rowid"
        if not join and query.groups:
            source = f"{FTS} f"
        attr_expr = " AND ".join("(" + " OR ".join(group) + ")" for group in attrs)
        if not query.groups:
            # Only exclusions (or ``everything``, which excludes nothing): the attributes
            # select, a scan of those rows excludes.
            none = "1=0" if query.everything else "1=1"
            where, params = _any_sql(query.exclude) if query.exclude else (none, [])
            if not attrs:
                return f"{TABLE} d", f"NOT {where}", params, "d.fts_key"
            match = f"f.{FTS} MATCH %s AND NOT {where}"
            return source, match, ["attrs : (" + attr_expr + ")", *params], "f.rowid"
        expr = " AND ".join("(" + " OR ".join(_fts_term(t) for t in g) + ")" for g in query.groups)
        if query.exclude:
            expr = f"({expr}) NOT (" + " OR ".join(_fts_term(t) for t in query.exclude) + ")"
        expr = f"tokens : ({expr})"
        if attrs:
            expr = f"({expr}) AND attrs : ({attr_expr})"
        return source, f"f.{FTS} MATCH %s", [expr], "f.rowid"
    base = f"{TABLE} d"
    # The exact substring tests come first: PostgreSQL keeps the written order of equally
    # cheap conditions, so where it reads rows (a scan in key order) it tests the inline
    # ``norm`` and touches the out-of-line ``grams`` only for rows that match.
    conditions, params = query_conditions(query)
    attr_tsq = ["(" + " | ".join(f"'{a}'" for a in group) + ")" for group in attrs]
    if period_sql and index:
        conditions.append(f"d.grams @@ replace(%s, '{PERIOD}', ({period_sql})::text)::tsquery")
        params.append(" & ".join([_dated_tsq(query, PERIOD), *attr_tsq]))
        return base, " AND ".join(conditions), params, "d.fts_key"
    tsq = [
        "(" + " | ".join(f"({_tsq_needle(n)})" for t in g for n in t.needles) + ")"
        for g in query.groups
    ] + attr_tsq
    if tsq and index:
        conditions.append("d.grams @@ %s::tsquery")
        params.append(" & ".join(tsq))
    if not query.groups and not query.exclude and not query.everything:
        conditions.append("1=0")
    return base, " AND ".join(conditions) or "1=1", params, "d.fts_key"


def relevance_sql(needles: Sequence[str]) -> tuple[str, list]:
    """How often the needles occur, per 200 characters of index text (same on both databases)."""
    parts = ["(length(d.norm) - length(replace(d.norm, %s, ''))) * 1.0 / %s" for _n in needles]
    params: list = []
    for n in needles:
        params += [n, len(n)]
    return f"(({' + '.join(parts)}) / (length(d.norm) + 200.0))", params


# --- PostgreSQL: answering without listing every hit -------------------------------------------
#
# A GIN bitmap lists every candidate before the first row is read, and each hit it keeps costs
# a visit to its row (about 2 µs, for strpos and the kind), yet the page asks only for the
# newest 20 hits and a count that stops at COUNT_LIMIT. So, measured at 1,000,000 statements:
#
# - a walk of the key index backwards, testing the exact conditions row by row (about 1.5 µs a
#   row, and it stops at the page's last hit), finds the page of any word in one document of
#   thirty within a few hundred rows, and tells how dense the word is;
# - a count period by period from the newest (a few fiscal years each), through the dated
#   bigrams (:func:`pg_lexemes`: a bigram with the period of the document's date, so the
#   periods are a suffix of the key order): their lists are short where the plain bigram's list
#   of a common word is long, and the count stops at its limit after visiting that many rows.

# How many of the newest rows the first walk reads at most, and how many any walk reads.
PROBE_ROWS = 400
WALK_ROWS = 10_000
# What the exact tests of a walk read (not the wide text and grams).
WALK_COLUMNS = (
    "d.id, d.kind, d.fts_key, d.norm, d.audience, d.fiscal_year, d.committee_id, d.meeting_id, "
    "d.category, d.speaker_role, d.speaker_public_key, d.speaker_staff_key"
)


@dataclass
class Walk:
    """What a walk in key order found: ``hits`` (id, kind, key), newest first; ``complete``
    when it saw every row of the range; the key of the newest row of the range (``top``, None
    when it is empty) and where an incomplete walk stopped (``last``: its last hit, or the
    last row it was allowed to read; None when complete)."""

    hits: list[tuple[int, str, int]]
    complete: bool
    top: int | None
    last: int | None


def walk(
    cursor,
    where: str,
    params: Sequence,
    ranges: Sequence[str],
    range_params: Sequence,
    *,
    hits: int,
    rows: int | None = None,
    whole: bool = False,
) -> Walk:
    """Walk the newest ``rows`` documents ``d`` within ``ranges`` (conditions on ``d.fts_key``)
    newest first, testing ``where`` (exact tests, no index), until ``hits`` of them match.
    With ``whole``, a range of fewer than ``rows`` rows is read to its end whatever the hits:
    the walk then has every hit and is complete (a small archive in one statement, where
    stopping at the page's last hit would leave a count to do).

    One statement that stops at the last hit it needs: the rows are numbered as they are read,
    and the first and the ``rows``-th come back too, so that an incomplete walk still tells
    how many rows held its hits. Any SQL database (the tests run it on both).
    """
    rows = WALK_ROWS if rows is None else rows
    sql, sql_params = walk_sql(
        where, params, ranges, range_params, hits=hits, rows=rows, whole=whole
    )
    cursor.execute(sql, sql_params)
    return read_walk(cursor.fetchall(), hits=hits, rows=rows)


def walk_sql(
    where: str,
    params: Sequence,
    ranges: Sequence[str],
    range_params: Sequence,
    *,
    hits,
    rows,
    whole: bool = False,
) -> tuple[str, list]:
    """The statement of :func:`walk`: rows (id, kind, key, hit 0/1, ``rows`` for the last row
    it may read, else 0, and 1 when it read the whole range, else 0). The newest row of the
    range and the ``rows``-th come back whether they match or not (each found once by the key
    index), so that a walk that stops short of its hits still tells how many rows held them."""
    inner = f"SELECT {WALK_COLUMNS} FROM {TABLE} d"
    edge = f"SELECT e.fts_key FROM {TABLE} e"
    if ranges:
        inner += " WHERE " + " AND ".join(ranges)
        edge += " WHERE " + " AND ".join(r.replace("d.fts_key", "e.fts_key") for r in ranges)
    top, last = (
        f"{edge} ORDER BY e.fts_key DESC LIMIT 1",
        f"{edge} ORDER BY e.fts_key DESC LIMIT 1 OFFSET %s",
    )
    if connection.vendor == "sqlite":
        # SQLite sorts the rows of the subquery again for the outer ORDER BY, reading all
        # ``rows`` of them: the key of the last row bounds the walk instead, so that the key
        # index gives the order and the walk stops at its last hit.
        floor = f"d.fts_key >= COALESCE(({last}), -1)"
        whole_sql, whole_params = "0", []
        if whole:
            whole_sql, whole_params = f"({last}) IS NULL", [*range_params, rows - 1]
        sql = (
            f"SELECT d.id, d.kind, d.fts_key, CASE WHEN {where} THEN 1 ELSE 0 END, "
            f"CASE WHEN d.fts_key = ({last}) THEN %s ELSE 0 END, {whole_sql} FROM {TABLE} d "
            f"WHERE {' AND '.join([*ranges, floor])} "
            # A CASE, not an OR, which SQLite would answer through other indexes.
            f"AND CASE WHEN {where} THEN 1 WHEN d.fts_key = ({top}) THEN 1 "
            f"WHEN d.fts_key = ({last}) THEN 1 ELSE 0 END = 1 "
            f"ORDER BY d.fts_key DESC LIMIT {_walk_limit(whole, last)}"
        )
        return sql, [
            *params, *range_params, rows - 1, rows, *whole_params, *range_params,
            *range_params, rows - 1, *params, *range_params, *range_params, rows - 1,
            *_walk_limit_params(whole, range_params, hits=hits, rows=rows),
        ]  # fmt: skip
    # The key of the ``rows``-th row is looked up once for both of its uses (a scan of the key
    # index each, which visits every row's heap tuple until the visibility map is set).
    sql = (
        f"SELECT d.id, d.kind, d.fts_key, CASE WHEN {where} THEN 1 ELSE 0 END, "
        "CASE WHEN d.fts_key = b.last_key THEN %s ELSE 0 END, "
        f"{'CASE WHEN b.last_key IS NULL THEN 1 ELSE 0 END' if whole else '0'} "
        f"FROM ({inner} ORDER BY d.fts_key DESC LIMIT %s) d "
        f"CROSS JOIN (SELECT ({top}) AS top_key, ({last}) AS last_key OFFSET 0) b "
        f"WHERE ({where}) OR d.fts_key = b.top_key OR d.fts_key = b.last_key "
        f"ORDER BY d.fts_key DESC LIMIT {_walk_limit(whole, last)}"
    )
    return sql, [
        *params, rows, *range_params, rows, *range_params, *range_params, rows - 1,
        *params, *_walk_limit_params(whole, range_params, hits=hits, rows=rows),
    ]  # fmt: skip


def _walk_limit(whole: bool, last: str) -> str:
    # How many rows a walk returns: its hits and the two edge rows, or with ``whole`` every
    # row of a range without a ``rows``-th (the key of that row looked up again: a LIMIT
    # cannot read the walk's own columns).
    return f"CASE WHEN ({last}) IS NULL THEN %s ELSE %s END" if whole else "%s"


def _walk_limit_params(whole: bool, range_params: Sequence, *, hits: int, rows: int) -> list:
    if whole:
        return [*range_params, rows - 1, rows + 1, hits + 1]
    return [hits + 1]


def read_walk(found: Sequence[tuple], *, hits: int, rows: int) -> Walk:
    matched = [(pk, kind, key) for pk, kind, key, hit, _rn, _whole in found if hit]
    if any(whole for *_r, whole in found):
        return Walk(matched, True, found[0][2], None)  # the whole range: every hit
    complete = len(matched) < hits and not any(rn == rows for *_r, rn, _whole in found)
    if complete:
        last = None
    elif len(matched) >= hits:
        last = matched[hits - 1][2]
    else:
        last = found[-1][2]
    return Walk(matched[:hits], complete, found[0][2] if found else None, last)
