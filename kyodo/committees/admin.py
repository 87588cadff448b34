from django.contrib import admin

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
    list_display = ["__str__", "status", "confirmed_at", "content_hash"]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "author", "created_at", "reason", "sha256"]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "member", "term_start", "term_end"]
