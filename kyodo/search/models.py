from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchDocument(models.Model):
    """One searchable thing (a minutes statement, an event, a group, a consultation, a news
    post, a page of the site, a collaboration record, a meeting's minutes as a whole).

    A denormalized copy kept in step with its source by the services that change it
    (:mod:`kyodo.search.indexing`), in the same transaction: what a result shows, what the filters need, and the normalized index
    text ``norm``. The bigram index over ``norm`` lives beside it (an FTS5 table on SQLite, a
    ``tsvector`` column with a GIN index on PostgreSQL), created by the migration.
    """

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Minutes statement")
        EVENT = "event", pgettext_lazy("search kind", "Event")
        GROUP = "group", _("Registered group")
        CONSULTATION = "consultation", pgettext_lazy("search kind", "Consultation")
        NEWS = "news", pgettext_lazy("search kind", "News")
        PAGE = "page", pgettext_lazy("search kind", "Page")
        CASE = "case", pgettext_lazy("search kind", "Collaboration case")
        # Last: a kind's place in this list is part of every key (kyodo.search.engine.fts_key).
        MINUTES = "minutes", _("Minutes")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        STAFF = "staff", _("Staff only")

    class Status(models.TextChoices):
        # What a result says of its source beside its title ("" for nothing to say).
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    date = models.DateField(null=True, blank=True)
    fiscal_year = models.PositiveIntegerField(null=True, blank=True)
    committee_id = models.BigIntegerField(null=True, blank=True)
    meeting_id = models.BigIntegerField(null=True, blank=True)
    category = models.CharField(max_length=20, blank=True)
    # 委員長 / 副委員長 / 委員 (or "" for a note or an unknown label).
    speaker_role = models.CharField(max_length=10, blank=True)
    # What the published minutes print (the label or the name, by the committee's setting) and
    # what staff see (the label and the member's name); the *_key columns are their
    # kyodo.search.text.fold forms (and, for the chair's statements, the member's name).
    speaker_public = models.CharField(max_length=200, blank=True)
    speaker_staff = models.CharField(max_length=200, blank=True)
    speaker_public_key = models.CharField(max_length=200, blank=True)
    speaker_staff_key = models.CharField(max_length=200, blank=True)
    seq = models.BigIntegerField(default=0)
    # 中止 for a cancelled event, which its result says. A database default too: rows written
    # by SQL that predates the column (bench.search loads them so) get "".
    status = models.CharField(
        max_length=20, choices=Status.choices, blank=True, default="", db_default=""
    )
    # Chronological and unique (date ordinal × 10¹⁰ + id, see kyodo.search.engine): the rowid
    # of the FTS5 row on SQLite, the "newest first" order on both databases.
    fts_key = models.BigIntegerField(null=True, unique=True)
    title = models.CharField(max_length=300, blank=True)
    subtitle = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    staff_url = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    norm = models.TextField()
    source_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")
        ]
        indexes = [
            models.Index(fields=["meeting_id"], name="search_doc_meeting"),
            models.Index(fields=["audience", "date"], name="search_doc_audience_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
