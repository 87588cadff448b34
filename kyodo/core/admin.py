from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.admin import UserAdmin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
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


def _boolean_icon(value) -> str:
    # Django writes a boolean's icon with alt="True" / "False" / "None", untranslated, in every
    # list, read-only field and change page (admin_list._boolean_icon, looked up at each call by
    # django.contrib.admin.utils and .helpers). The same icon with the words a reader hears:
    # はい / いいえ / 不明.
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    words = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), words)


admin_list._boolean_icon = _boolean_icon

# The task queue's results (django_tasks_db) are not for the admin: operators follow the task
# worker in its log (docs/operations.md, "Logs"), staff the mail it sends at /staff/outbox/; its
# admin would show the library's English names and the tasks' arguments. Its admin module is
# imported here first (autodiscovery reaches it after this one), then taken out.
import django_tasks_db.admin  # noqa: E402, F401
from django_tasks_db.models import DBTaskResult  # noqa: E402

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


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
    # What a message belongs to is set by the service that queued it; as a choice it would list
    # every content type, the installed libraries' English names among them.
    readonly_fields = ("content_type", "object_id")
