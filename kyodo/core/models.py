from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.core.statements import Prepared
from kyodo.core.text import normalize_reading


class User(AbstractUser):
    """A person who signs in: staff, committee member, group representative or superuser."""

    full_name = models.CharField(_("name"), max_length=100, blank=True)
    name_reading = models.CharField(
        _("reading"), max_length=200, blank=True, help_text=_("In hiragana, for sorting.")
    )
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.name_reading = normalize_reading(self.name_reading)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username


class CenterQuerySet(models.QuerySet):
    def current(self) -> Center | None:
        if self._db is None and not self.query.where:  # Center.objects.current(), the usual way
            return _CURRENT_CENTER.first()
        return self.order_by("pk").first()

    def kept(self) -> Center | None:
        """``current()``, kept by this process until the center's row is next written
        (kyodo.core.memo): for showing it, in pages and mail; the instance is shared, never
        change it."""
        from kyodo.core.memo import until_next_write

        return until_next_write("center", _CURRENT_CENTER.first, table="core_center")


class Center(models.Model):
    """The civic collaboration center this installation serves (one per deployment)."""

    name = models.CharField(_("name"), max_length=200)
    name_reading = models.CharField(_("reading"), max_length=300, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality_code = models.CharField(
        _("local government code"),
        max_length=6,
        blank=True,
        help_text=_("The six-digit 全国地方公共団体コード, used in open data."),
    )
    operator = models.CharField(_("operated by"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    about = models.TextField(_("about"), blank=True)

    objects = CenterQuerySet.as_manager()

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self) -> str:
        return self.name

    @cached_property
    def about_summary(self) -> str:
        """The start of ``about`` for every page's description (as ``|truncatechars:120``); the
        row every page shows is kept until the next write (kyodo.core.memo), and so is this."""
        return Truncator(self.about).chars(120)


# Read by every page that shows the center's name or contact block and by every mail; compiled
# once (kyodo.core.statements).
_CURRENT_CENTER = Prepared(lambda: Center.objects.all().order_by("pk")[:1])


class Venue(models.Model):
    """A room or hall where meetings and events take place."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_reading = models.CharField(_("reading"), max_length=300, blank=True)
    building = models.CharField(_("building"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name_reading", "name"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Who did what, when, to which object: written by every service that changes data."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class OutboxMessage(models.Model):
    """An e-mail waiting to leave, written in the same transaction as the change that caused it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed for sending at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    related = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    @property
    def message_id(self) -> str:
        # A stable Message-ID lets a receiving server recognise a re-delivery after a crash.
        return f"<{self.uuid}@kyodo>"


def pending_upload_to(instance: PendingSubmission, filename: str) -> str:
    suffix = "".join(c for c in Path(filename).suffix.lower() if c.isalnum() or c == ".")[:10]
    return f"private/pending/{uuid.uuid4().hex}{suffix}"


class PendingSubmission(models.Model):
    """A public submission waiting for its sender to confirm their address by mail.

    Nothing of it reaches staff before the link mailed to ``email`` is followed; it is removed
    then, or when it expires. ``payload`` is the form's data; ``file`` an upload with it.
    """

    kind = models.CharField(_("kind"), max_length=100)
    email = models.EmailField(_("e-mail"))
    payload = models.JSONField(default=dict)
    file = models.FileField(upload_to=pending_upload_to, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("submission waiting for confirmation")
        verbose_name_plural = _("submissions waiting for confirmation")

    def __str__(self) -> str:
        return f"{self.kind} ({self.pk})"


class SignInLetter(models.Model):
    """A printed letter with which a person without e-mail (or who cannot receive it) sets their
    password: their user name and a one-time code, typed at /accounts/start/ (kyodo.core.people).

    Only the code's keyed hash is kept; the code is shown once, on the letter staff print. It
    stops working when it expires, when the person sets a password, or when staff print a new
    letter for them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_letters"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("sign-in letter")
        verbose_name_plural = _("sign-in letters")

    def __str__(self) -> str:
        return f"{self.user} ({self.expires_at:%Y-%m-%d})"
