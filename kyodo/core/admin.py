from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kyodo.core.models import AuditEntry, Center, OutboxMessage, User, Venue


def _superuser_only(request) -> bool:
    # Django admin is a superuser's tool; staff work in /staff/.
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only


@admin.register(User)
class KyodoUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Kyodo", {"fields": ("full_name", "name_reading", "title")}),
    )
    list_display = ("username", "full_name", "name_reading", "email", "is_superuser")


admin.site.register(Center)
admin.site.register(Venue)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_label", "action", "object_repr")
    list_filter = ("action",)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "to", "subject", "status", "attempts")
    list_filter = ("status",)
