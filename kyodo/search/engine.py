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
are answered without listing every hit (:func:`newest_walk`, :func:`recent_years_sql`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import connection

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


def fts_key(day: date | None, pk: int) -> int:
    return (day.toordinal() if day else 0) * KEY_SCALE + pk


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
                [(sorted(set(bigram_tokens(n)) | set(a)), pk) for pk, _key, n, a in rows],
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
    return " & ".join(f"'{t}'" for t in sorted(set(bigram_tokens(needle)[:-1])))


def contains(column: str) -> str:
    """SQL true when ``column`` contains the parameter as a substring (no LIKE wildcards)."""
    if connection.vendor == "sqlite":
        return f"instr({column}, %s) > 0"
    return f"strpos({column}, %s) > 0"


def _scan_sql(terms: list[Term]) -> tuple[str, list]:
    parts, params = [], []
    for term in terms:
        for n in term.needles:
            parts.append(contains("d.norm"))
            params.append(n)
    return "(" + " OR ".join(parts) + ")", params


def match_sql(
    query: Query, attrs: Sequence[Sequence[str]], *, join: bool = True, index: bool = True
) -> tuple[str, str, list, str]:
    """(FROM, WHERE, params, key column) for documents ``d`` satisfying ``query`` and having,
    for each list in ``attrs``, one of its attribute tokens; the key orders chronologically.

    ``join=False`` (SQLite, a query with words): the FTS5 table alone, without the documents'
    columns, for counting. ``index=False`` (PostgreSQL): the exact tests alone, for a walk in
    key order that must not read the out-of-line ``grams`` of every row it passes.
    """
    if connection.vendor == "sqlite":
        source = f"{FTS} f JOIN {TABLE} d ON d.fts_key = f.rowid"
        if not join and query.groups:
            source = f"{FTS} f"
        attr_expr = " AND ".join("(" + " OR ".join(group) + ")" for group in attrs)
        if not query.groups:
            # Only exclusions: the attributes select, a scan of those rows excludes.
            where, params = _scan_sql(query.exclude) if query.exclude else ("1=0", [])
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
    conditions: list[str] = []
    params: list = []
    # The exact substring tests come first: PostgreSQL keeps the written order of equally
    # cheap conditions, so where it reads rows (a scan in key order) it tests the inline
    # ``norm`` and touches the out-of-line ``grams`` only for rows that match.
    for group in query.groups:
        sql, p = _scan_sql(group)
        conditions.append(sql)
        params += p
    if query.exclude:
        sql, p = _scan_sql(query.exclude)
        conditions.append(f"NOT {sql}")
        params += p
    tsq = [
        "(" + " | ".join(f"({_tsq_needle(n)})" for t in g for n in t.needles) + ")"
        for g in query.groups
    ] + ["(" + " | ".join(f"'{a}'" for a in group) + ")" for group in attrs]
    if tsq and index:
        conditions.append("d.grams @@ %s::tsquery")
        params.append(" & ".join(tsq))
    if not query.groups and not query.exclude:
        conditions.append("1=0")
    return base, " AND ".join(conditions), params, "d.fts_key"


def relevance_sql(needles: Sequence[str]) -> tuple[str, list]:
    """How often the needles occur, per 200 characters of index text (same on both databases)."""
    parts = ["(length(d.norm) - length(replace(d.norm, %s, ''))) * 1.0 / %s" for _n in needles]
    params: list = []
    for n in needles:
        params += [n, len(n)]
    return f"(({' + '.join(parts)}) / (length(d.norm) + 200.0))", params


# --- PostgreSQL: answering without listing every hit -------------------------------------------
#
# A GIN bitmap costs about half a microsecond per candidate, so listing the 80,000 hits of a
# common word costs 40 ms before the first is shown, and at the default work_mem the bitmap
# of a very common word turns lossy and costs five times that. Yet the page only asks for the
# newest 20 hits and a count that stops at COUNT_LIMIT. Two ways around it, tried first:
#
# - a walk of the key index backwards, testing the exact conditions row by row (1-3 µs a row):
#   a word in one document of ten has a page within 200 rows and a full count within 10,000;
# - the GIN index restricted to the newest fiscal years (an attribute token): a count that
#   reaches the limit there is final, and the index skips through the long lists of common
#   bigrams to the few thousand documents of those years (委託 at 1M: 4 ms instead of 40).

# How many of the newest rows a walk reads at most, and how many it reads first to judge
# whether the rest is worth it (a rare word costs a look at PROBE_ROWS rows).
WALK_ROWS = 10_000
PROBE_ROWS = 1_000
RECENT_YEARS = 5
# What the exact tests of a walk read (not the wide text and grams).
WALK_COLUMNS = (
    "d.id, d.kind, d.fts_key, d.norm, d.audience, d.fiscal_year, d.committee_id, d.meeting_id, "
    "d.category, d.speaker_role, d.speaker_public_key, d.speaker_staff_key"
)


def newest_walk(
    cursor,
    where: str,
    params: Sequence,
    ranges: Sequence[str],
    range_params: Sequence,
    *,
    hits: int,
    rows: int | None = None,
    probe: int | None = None,
) -> list[tuple[int, str]] | None:
    """The newest documents ``d`` satisfying ``where`` (exact tests, no index) within
    ``ranges`` (conditions on ``d.fts_key``), as (id, kind), newest first: the first ``hits``,
    or all of them when there are fewer. None when that cannot be told from the newest
    ``rows`` documents: the caller must ask the index.

    The newest ``probe`` rows are read first; with too few hits among them for ``rows`` rows
    to reach ``hits``, the walk stops there. Any SQL database (the tests run it on both).
    ``rows`` and ``probe`` default to :data:`WALK_ROWS` and :data:`PROBE_ROWS`.
    """
    rows = WALK_ROWS if rows is None else rows
    probe = PROBE_ROWS if probe is None else probe
    inner = f"SELECT {WALK_COLUMNS} FROM {TABLE} d"
    if ranges:
        inner += " WHERE " + " AND ".join(ranges)
    # The probe also counts the rows it read: fewer than ``probe`` means it saw the whole range.
    cursor.execute(
        "SELECT d.id, d.kind, d.seen FROM (SELECT d.*, COUNT(*) OVER () AS seen "
        f"FROM ({inner} ORDER BY d.fts_key DESC LIMIT %s) d) d "
        f"WHERE {where} ORDER BY d.fts_key DESC LIMIT %s",
        [*range_params, probe, *params, hits],
    )
    found = cursor.fetchall()
    if len(found) >= hits or (found and found[0][2] < probe):
        return [(pk, kind) for pk, kind, _seen in found]
    if not found or probe >= rows or len(found) * rows < hits * probe * 3 // 2:
        # (No hit at all: an empty range is answered by the index as fast.)
        return None
    cursor.execute(
        f"SELECT d.id, d.kind FROM ({inner} ORDER BY d.fts_key DESC LIMIT %s) d "
        f"WHERE {where} ORDER BY d.fts_key DESC LIMIT %s",
        [*range_params, rows, *params, hits],
    )
    found = cursor.fetchall()
    return found if len(found) >= hits else None


def recent_years_sql(years: int = RECENT_YEARS) -> str:
    """PostgreSQL: a condition true for documents of the newest ``years`` fiscal years (from
    the newest document that has one), answered by the GIN index through their tokens."""
    parts = " || ' | ' || ".join(f"'zfiscal' || (y.fy - {i})" for i in range(years))
    return (
        f"d.grams @@ (SELECT ({parts})::tsquery FROM (SELECT r.fiscal_year AS fy FROM {TABLE} r "
        "WHERE r.fiscal_year IS NOT NULL ORDER BY r.fts_key DESC LIMIT 1) y)"
    )
