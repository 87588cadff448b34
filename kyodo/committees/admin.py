import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.committees.models import (
    Appointment,
    Committee,
    Meeting,
    Member,
    Membership,
    Minutes,
    MinutesVersion,
    SecretariatMember,
)

admin.site.register(Committee)
admin.site.register(Member)
admin.site.register(Membership)
admin.site.register(SecretariatMember)


class ReadOnlyAdmin(admin.ModelAdmin):
    # Meetings and minutes change only through the services (numbering under a lock, confirmed
    # minutes immutable, audit rows): the admin may look, never write.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "date", "venue", "status"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "confirmed_at", "sha256"]

    @admin.display(description=_("SHA-256"))
    def sha256(self, minutes: Minutes) -> str:
        return minutes.content_hash


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdmin):
    list_display = ["minutes", "version", "author", "created_at", "reason", "sha256"]
    # The frozen document as stored (its keys are the format's, not words to read); the anchors
    # (``refs``) are left out.
    fields = ["minutes", "version", "sha256", "reason", "author", "created_at", "frozen_document"]

    @admin.display(description=_("version"), ordering="number")
    def version(self, version: MinutesVersion) -> str:
        return gettext("Version %(number)s") % {"number": version.number}

    @admin.display(description=_("frozen document"))
    def frozen_document(self, version: MinutesVersion) -> str:
        text = json.dumps(version.document, ensure_ascii=False, indent=1, sort_keys=True)
        return format_html("<pre>{}</pre>", text)


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "member", "term_start", "term_end"]
