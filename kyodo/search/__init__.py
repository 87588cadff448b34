"""Japanese full-text search over minutes statements, events, groups and (staff) consultations.

Design (for docs/architecture.md)
---------------------------------
*What is indexed.* One :class:`~kyodo.search.models.SearchDocument` per statement
(``MinutesEntry``), minutes as a whole (their meeting's name and date, venue, agenda item titles
and the names in the attendance lists, from the frozen version once confirmed), event (with its
venue and guests), group, consultation, news post, page of the site and collaboration
record, kept in step with its source by the services that change it: each calls
:func:`kyodo.search.indexing.index` (or ``reindex_meeting``) once at the end of its
transaction; no model signal is involved. Each holds what a result shows, the filter columns,
an audience (``public``: confirmed minutes, visible events (``Event.objects.visible``), listed
groups (``Organization.objects.listed``) with their published fields only, published news and
case studies, the site's pages; ``staff``: everything else, consultations always) and ``norm``,
the normalized index text: NFKC, case folding, katakana → hiragana, white space removed
(``kyodo.core.text.match_key``), old and variant kanji made one (﨑 = 崎, 髙 = 高: all of it is
``kyodo.search.text.fold``, which the statements API calls too), followed by the same of the
SudachiPy normalized form and by the reading when they differ, so 申込 / 申込み / 申し込み and 問合せ / 問い合わせ meet, ＮＰＯ = NPO,
１２ = 12, and a kana query finds kanji text (こどもあみーご → 子どもアミーゴ; the reading part
is SudachiPy's reading of each word with kanji, plus the stored readings of names).

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
  bigrams, exact because positions are kept. The count lists the keys of at most 1,001 hits
  from the FTS5 table alone, in one evaluation of the match (a rare combination of words reads
  every list to its end, so once, and without the audience's list when several words must all
  occur); the kinds are in the keys, and when the hits are fewer the keys give every page
  newest first, so a search is two statements. A one-character word is a prefix query, which
  FTS5 answers by merging the lists of every bigram it starts (0.1–0.3 s at a million
  statements): its newest rows are walked first (:func:`kyodo.search.engine.walk`, as on
  PostgreSQL), which finds 1,001 hits of a common character within a few thousand rows. Not the trigram tokenizer: Debian 12's SQLite 3.40
  answers LIKE on it wrongly for two CJK characters, and trigrams cannot find two characters.
- PostgreSQL: a ``tsvector`` of the bigram set (no positions, so no 16383 limit) with a GIN
  index; a term is the ``&`` of (at most three of) its bigrams and ``strpos(norm, term)`` keeps
  the exact hits. ``tsvector`` rather than a GIN on a ``bigint[]`` of bigram codes because it has
  prefix search (one character). Each dated document also has its bigrams *dated* with the
  fiscal year of its date (``e5a794e8a897y2010``), which doubles the index and moves ``grams``
  out of the row (TOAST), so rows read per hit are narrow. pg_bigm / PGroonga would do this
  natively but are not in Debian's packages.

*Common words on PostgreSQL.* A GIN bitmap lists every candidate before the first row is read,
and a count must visit each hit it counts (about 2 µs), yet the page asks for the newest 20 hits
and a count that stops at 1,001. So a search is (:meth:`SearchResults._pg_counts`):

1. a walk of the key index from the newest row (:func:`kyodo.search.engine.walk`), testing
   ``strpos`` row by row, that stops at the page's 20th hit or after 400 rows: the page of any
   word in one document of twenty, and the word's density for the rest. When the range (the
   whole archive, or the dates asked for) holds fewer than 400 rows, the walk reads them all and
   has every hit: the search is that statement and the page's documents;
2. a count fiscal year by fiscal year from the newest, through the dated bigrams, in one
   recursive statement that stops at 1,001 hits (or after twice the years the density
   suggests); the keys of the years it read whole give the page when the walk did not. A date
   range of a few years is read whole the same way, listing every hit;
3. otherwise (rare words, one-character words) the index over all years; a common
   one-character word is walked further instead (its prefix lists every bigram it starts).

Measured at 1,000,000 statements: two statements, 3–6 ms, where the index alone (GIN for
everything) took 15–50 ms. JIT compilation is off on Kyodo's connections
(``kyodo.core.backends.postgresql``): the index statements' estimated costs pass
``jit_above_cost`` and compiling took 20 ms.

*Costs.* Counting stops at 1,000 hits ("1,000件以上"): an exact count of 300,000 hits of 協働
is a visit to each. Relevance order (occurrences per length) ranks every hit, so it is slower
than the default newest-first for very common words. Measured numbers: docs/benchmarks.md
(``python -m bench search``).
"""
