"""Japanese full-text search over minutes statements, events, groups and (staff) consultations.

Design (for docs/architecture.md)
---------------------------------
*What is indexed.* One :class:`~kyodo.search.models.SearchDocument` per statement
(``MinutesEntry``), event, registered group and consultation, kept in step with its source by
signal receivers in the writing transaction (:mod:`kyodo.search.signals`; the committee
services' bulk writes send ``kyodo.committees.signals.minutes_entries_changed``). Each holds what a result shows,
the filter columns, an audience (``public``: confirmed minutes, events that are not drafts,
registered groups with their published fields only; ``staff``: everything else, consultations
always) and ``norm``, the normalized index text: NFKC, case folding, katakana → hiragana,
white space removed (``kyodo.core.text.match_key``), followed by the same of the SudachiPy
normalized form when it differs, so 申込 / 申込み / 申し込み and 問合せ / 問い合わせ meet, and
ＮＰＯ = NPO, １２ = 12.

*What a match is.* A query term matches when its key, or its normalized form's key, is a
substring of ``norm`` (:func:`kyodo.search.text.scan_match`); space = AND, ``OR``, ``-word``,
``"phrase"``. The indexes must give exactly what a ``LIKE '%term%'`` scan of ``norm`` gives,
and the tests check that on the demo and on generated corpora and queries.

*The index: character bigrams* (Groonga's approach), since Japanese has no spaces and
two-character words (協働, 委託) are the common case. Every bigram of ``norm`` is a token (UTF-8
hex, so any tokenizer keeps it whole; one-character queries are a prefix search). Filters
that narrow a lot (fiscal year, committee, meeting, agenda category, speaker role) and the
audience are extra tokens, and a chronological key (date ordinal × 10¹⁰ + id) orders the rows.

- SQLite: a contentless FTS5 table, rowid = the key. A term is the FTS5 *phrase* of its
  bigrams, exact because positions are kept. Counting and "newest first" never leave the FTS5
  table until the page's 20 rows are read. Not the trigram tokenizer: Debian 12's SQLite 3.40
  answers LIKE on it wrongly for two CJK characters, and trigrams cannot find two characters.
- PostgreSQL: a ``tsvector`` of the bigram set (no positions, so no 16383 limit) with a GIN
  index; a term is the ``&`` of its bigrams and ``strpos(norm, term)`` keeps the exact hits.
  ``tsvector`` rather than a GIN on a ``bigint[]`` of bigram codes because it has prefix
  search (one character) and element statistics for the planner (the ``bigint[]`` variant
  was not measured). Measured: with ``grams``/``text`` inline, ``strpos`` on the compressed
  row cost 15–35 µs per hit, out of line about 10 µs, so both are stored out of line and
  ``norm`` is read uncompressed. With more than 1,000 hits and no committee or speaker
  filter, the page is found by walking the key index backwards testing ``strpos`` only (the
  planner, misjudging ``strpos``, would sort every candidate). pg_bigm / PGroonga would do
  this natively but are not in Debian's packages.

*Common words on PostgreSQL.* GIN lists every match before a count can stop, so for common
words a bounded walk in key order (newest first) and a count within the newest fiscal years
answer before the index is asked (:func:`kyodo.search.engine.newest_walk`,
:func:`~kyodo.search.engine.recent_years_sql`); they give the same hits as the index.

*Costs.* Counting stops at 1,000 hits ("1,000件以上"): an exact count of 300,000 hits of 協働
is a visit to each. Relevance order (occurrences per length) ranks every hit, so it is slower
than the default newest-first for very common words. Measured numbers: docs/benchmarks.md
(``python -m bench search``).
"""
