from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kyodo.core.audit_labels import action_label
from kyodo.core.models import AuditEntry, Center, OutboxMessage, User, Venue


def _superuser_only(request) -> bool:
    # Django admin is a superuser's tool; staff work in /staff/.
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
# Kyodo's own name in the header and the title, not Django's.
admin.site.site_header = _("Kyodo administration")
admin.site.site_title = _("Kyodo administration")


@admin.register(User)
class KyodoUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Kyodo", {"fields": ("full_name", "name_reading", "title")}),
    )
    list_display = ("username", "full_name", "name_reading", "email", "is_superuser")


admin.site.register(Center)
admin.site.register(Venue)


class ActionFilter(admin.SimpleListFilter):
    """The actions recorded, by the names the audit log page gives them (not their codes)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        used = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(action, action_label(action)) for action in used]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    # The audit log is a record: the admin may read it, never write or delete a row of it.
    list_display = ("created_at", "actor_label", "action_name", "object_repr")
    list_filter = (ActionFilter,)
    fields = ("created_at", "actor", "actor_label", "action_name", "object_repr", "changes")

    @admin.display(description=_("action"), ordering="action")
    def action_name(self, entry: AuditEntry) -> str:
        return action_label(entry.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "to", "subject", "status", "attempts")
    list_filter = ("status",)
