"""Writes to the public site's content: pages, news and their attachments."""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kyodo.core.audit import audit_log, diff_fields
from kyodo.core.roles import Role, require_role
from kyodo.core.uploads import check_upload
from kyodo.search import indexing
from kyodo.website.models import NewsAttachment, NewsPost, Page

# Checked by kyodo.core.uploads (content as well as name), in the form and again here.
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "csv", "txt", "png", "jpeg")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def page_update(*, actor, slug: str, title: str, body: str) -> Page:
    """Create or update one of the site's text pages."""
    require_role(actor, Role.STAFF)
    with transaction.atomic():
        page = Page.objects.select_for_update().filter(slug=slug).first()
        before = Page(title=page.title, body=page.body) if page else None
        page = page or Page(slug=slug)
        page.title, page.body = title, body
        page.full_clean()
        page.save()
        audit_log(
            actor=actor,
            action="kyodo.website.page.updated",
            obj=page,
            changes=diff_fields(before, page, ["title", "body"]),
        )
        indexing.index(page)
    return page


def news_save(*, actor, post: NewsPost | None = None, **fields) -> NewsPost:
    """Create a news post, or update ``post`` with ``fields``."""
    require_role(actor, Role.STAFF)
    names = ["title", "body", "published_at", "is_published"]
    with transaction.atomic():
        if post is None:
            before, post = None, NewsPost(author=actor)
        else:
            post = NewsPost.objects.select_for_update().get(pk=post.pk)
            before = NewsPost(**{name: getattr(post, name) for name in names})
        for name in names:
            if name in fields:
                setattr(post, name, fields[name])
        post.full_clean()
        post.save()
        audit_log(
            actor=actor,
            action="kyodo.website.news." + ("created" if before is None else "updated"),
            obj=post,
            changes=diff_fields(before, post, names),
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
