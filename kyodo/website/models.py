from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """A text page of the public site that staff edit (about, access, privacy, home intro …)."""

    class Slug(models.TextChoices):
        HOME = "home", _("Home page introduction")
        ABOUT = "about", _("About the center")
        ACCESS = "access", _("Access")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    slug = models.CharField(_("page"), max_length=30, choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug == self.Slug.HOME:
            return reverse("website:home")
        return reverse("website:page", kwargs={"slug": self.slug})


class AccessibilityStatement(models.Model):
    """The JIS X 8341-3:2016 conformance statement: target level and the date of the last test."""

    class Level(models.TextChoices):
        A = "A", "A"
        AA = "AA", "AA"
        AAA = "AAA", "AAA"

    level = models.CharField(_("target level"), max_length=3, choices=Level.choices, default="AA")
    conformance = models.CharField(
        _("conformance"),
        max_length=100,
        help_text=_("For example 準拠, 一部準拠 or 配慮."),
    )
    tested_on = models.DateField(_("tested on"))
    scope = models.TextField(_("pages tested"), blank=True)
    method = models.TextField(_("how it was tested"), blank=True)

    class Meta:
        verbose_name = _("accessibility test result")
        verbose_name_plural = _("accessibility test results")
        ordering = ["-tested_on", "-pk"]

    def __str__(self) -> str:
        return f"JIS X 8341-3:2016 {self.level} {self.conformance}"


class NewsQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class NewsPost(models.Model):
    """A news item (お知らせ) written by staff in Markdown."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from kyodo.core.links import reverse_once

        return reverse_once("website:news-detail", args=[self.pk])


def news_attachment_path(instance: NewsAttachment, filename: str) -> str:
    return f"news/{instance.post_id}/{filename}"


class NewsAttachment(models.Model):
    post = models.ForeignKey(NewsPost, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=news_attachment_path)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


def access_map_path(instance: AccessInfo, filename: str) -> str:
    import uuid
    from pathlib import PurePath

    # A fresh name at each upload: the old map is never served from a cache under the new name.
    return f"site/access/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class AccessInfo(models.Model):
    """How to reach the center, as the access page and the footer show it (one row).

    Address, telephone and opening hours fall back to the center's own when left empty."""

    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, help_text=_("For example 188-0011.")
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_(
            "With the street number and the building: the center's address in every page's "
            "footer, in letters and in mail. Empty: the address given when Kyodo was set up."
        ),
    )
    nearest_station = models.CharField(
        _("nearest station"),
        max_length=200,
        blank=True,
        help_text=_("Line, station and exit, for example 西武新宿線 田無駅 北口."),
    )
    walking_minutes = models.PositiveSmallIntegerField(
        _("walking time from the station (minutes)"), null=True, blank=True
    )
    other_transport = models.TextField(_("buses and parking"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_(
            "Shown in every page's footer too. Empty: the hours given when Kyodo was set up."
        ),
    )
    closed_days = models.CharField(_("closed days"), max_length=200, blank=True)
    barrier_free = models.TextField(
        _("barrier-free information"),
        blank=True,
        help_text=_(
            "Lifts, step-free entrances, accessible toilets, parking for wheelchair users…"
        ),
    )
    phone = models.CharField(
        _("telephone"),
        max_length=20,
        blank=True,
        help_text=_(
            "The center's number in every page's footer, in letters and in mail. Empty: the "
            "number given when Kyodo was set up."
        ),
    )
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    map_image = models.FileField(_("map"), upload_to=access_map_path, blank=True, max_length=200)
    map_description = models.CharField(
        _("what the map shows"),
        max_length=300,
        blank=True,
        help_text=_("Read out instead of the map, for example 田無駅北口から北へ徒歩5分の道順."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("access information")
        verbose_name_plural = _("access information")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
