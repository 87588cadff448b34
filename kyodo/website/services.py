"""Writes to the public site's content: pages, news and their attachments."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kyodo.core.audit import audit_log, diff_fields
from kyodo.core.roles import Role, require_role
from kyodo.core.services import UNCHANGED, Unchanged, given, update_fields
from kyodo.core.uploads import check_upload
from kyodo.search import indexing
from kyodo.website.exceptions import WebsiteError
from kyodo.website.models import AccessInfo, NewsAttachment, NewsPost, Page

# Checked by kyodo.core.uploads (content as well as name), in the form and again here.
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "csv", "txt", "png", "jpeg")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


PAGE_FIELDS = ["title", "body"]


def page_update(*, actor, slug: str, title: str, body: str) -> Page:
    """Create or update one of the site's text pages."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            page = Page(slug=slug, title=title, body=body)
            page.full_clean()
            page.save()
            audit_log(
                actor=actor,
                action="kyodo.website.page.updated",
                obj=page,
                changes=diff_fields(None, page, PAGE_FIELDS),
            )
        else:
            page, _changes = update_fields(
                actor=actor,
                instance=page,
                values={"title": title, "body": body},
                fields=PAGE_FIELDS,
                action="kyodo.website.page.updated",
                before_save=lambda page, _before: page.full_clean(),
            )
        indexing.index(page)
    return page


NEWS_FIELDS = ["title", "body", "published_at", "is_published"]


def news_save(
    *,
    actor,
    post: NewsPost | None = None,
    title: str | Unchanged = UNCHANGED,
    body: str | Unchanged = UNCHANGED,
    published_at: datetime | Unchanged | None = UNCHANGED,
    is_published: bool | Unchanged = UNCHANGED,
) -> NewsPost:
    """Create a news post, or change the fields given of ``post``."""
    require_role(actor, Role.STAFF)
    values = given(title=title, body=body, published_at=published_at, is_published=is_published)
    with transaction.atomic():
        if post is None:
            post = NewsPost(author=actor, **values)
            post.full_clean()
            post.save()
            audit_log(
                actor=actor,
                action="kyodo.website.news.created",
                obj=post,
                changes=diff_fields(None, post, NEWS_FIELDS),
            )
        else:
            post, _changes = update_fields(
                actor=actor,
                instance=post,
                values=values,
                fields=NEWS_FIELDS,
                action="kyodo.website.news.updated",
                before_save=lambda post, _before: post.full_clean(),
            )
        indexing.index(post)
    return post


def validate_attachment(upload: UploadedFile) -> None:
    check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)


def news_attach(*, actor, post: NewsPost, title: str, upload: UploadedFile) -> NewsAttachment:
    require_role(actor, Role.STAFF)
    validate_attachment(upload)
    with transaction.atomic():
        attachment = NewsAttachment(post=post, title=title)
        attachment.file.save(PurePath(upload.name).name, upload, save=False)
        attachment.save()
        audit_log(
            actor=actor,
            action="kyodo.website.news.attached",
            obj=post,
            changes={"attachment": [None, attachment.title]},
        )
    return attachment


ACCESS_FIELDS = [
    "postal_code",
    "address",
    "nearest_station",
    "walking_minutes",
    "other_transport",
    "opening_hours",
    "closed_days",
    "barrier_free",
    "phone",
    "fax",
    "map_description",
]
MAP_KINDS = ("png", "jpeg")
MAP_MAX_BYTES = 5 * 1024 * 1024


def _center_contact_follows(info: AccessInfo) -> None:
    """The footer of every page and the home page's contact block show the center's address,
    number and hours: those given here are the center's too, written to its row (one source,
    and no query more on every page). Left empty here, the center's own stay."""
    from kyodo.core.models import Center

    center = Center.objects.order_by("pk").first()
    if center is None:
        return
    hours = "、".join(line.strip() for line in info.opening_hours.splitlines() if line.strip())
    given = {"address": info.address, "phone": info.phone, "opening_hours": hours}
    limits = {name: Center._meta.get_field(name).max_length for name in given}
    changed = [
        name
        for name, value in given.items()
        if value and len(value) <= limits[name] and getattr(center, name) != value
    ]
    for name in changed:
        setattr(center, name, given[name])
    if changed:
        center.save(update_fields=changed)


def access_update(
    *,
    actor,
    postal_code: str = "",
    address: str = "",
    nearest_station: str = "",
    walking_minutes: int | None = None,
    other_transport: str = "",
    opening_hours: str = "",
    closed_days: str = "",
    barrier_free: str = "",
    phone: str = "",
    fax: str = "",
    map_description: str = "",
    map_upload: UploadedFile | None = None,
    remove_map: bool = False,
) -> AccessInfo:
    """Change how to reach the center (the access page and the footer); a map image (PNG or
    JPEG) may be uploaded, and then needs a description for those who cannot see it."""
    require_role(actor, Role.STAFF)
    if map_upload is not None:
        check_upload(map_upload, kinds=MAP_KINDS, max_bytes=MAP_MAX_BYTES)
    values = {
        "postal_code": postal_code,
        "address": address,
        "nearest_station": nearest_station,
        "walking_minutes": walking_minutes,
        "other_transport": other_transport,
        "opening_hours": opening_hours,
        "closed_days": closed_days,
        "barrier_free": barrier_free,
        "phone": phone,
        "fax": fax,
        "map_description": map_description,
    }

    def place_map(info: AccessInfo, before: AccessInfo) -> None:
        # Checks, then the map: a new image replaces the old one, or the old one is removed.
        keeps_map = map_upload is not None or (bool(before.map_image) and not remove_map)
        if keeps_map and not info.map_description.strip():
            raise WebsiteError(
                _("Describe what the map shows, for those who cannot see it."),
                field="map_description",
            )
        info.full_clean(exclude=["map_image"])
        if remove_map:
            info.map_image = ""
        if map_upload is not None:
            info.map_image.save(PurePath(map_upload.name).name, map_upload, save=False)

    def map_change(info: AccessInfo, before: AccessInfo) -> dict:
        # The map by its file name (the old file goes once the change is committed).
        old_map, new_map = before.map_image.name or "", info.map_image.name or ""
        if new_map == old_map:
            return {}
        if old_map:
            storage = info.map_image.storage
            transaction.on_commit(lambda: storage.delete(old_map))
        return {"map_image": [old_map or None, new_map or None]}

    with transaction.atomic():
        info = AccessInfo.objects.order_by("pk").first()
        if info is None:
            info = AccessInfo(**values)
            place_map(info, AccessInfo())
            info.save()
            audit_log(
                actor=actor,
                action="kyodo.website.access.updated",
                obj=info,
                changes=diff_fields(None, info, ACCESS_FIELDS) | map_change(info, AccessInfo()),
            )
        else:
            info, _changes = update_fields(
                actor=actor,
                instance=info,
                values=values,
                fields=[*ACCESS_FIELDS, "map_image"],
                action="kyodo.website.access.updated",
                before_save=place_map,
                audited=ACCESS_FIELDS,
                audit_extra=map_change,
            )
        _center_contact_follows(info)
        # The access page shows (and is found by) these facts; titled in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            title = str(Page.Slug.ACCESS.label)
        page, _created = Page.objects.get_or_create(
            slug=Page.Slug.ACCESS, defaults={"title": title}
        )
        indexing.index(page)
    return info
