from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What a consultation's audit rows record besides its own fields (services.py): its categories,
# codes as [before, after], and "changed" for personal data, whose values stay out of the log.
AUDITED_ACTIONS = (
    "kyodo.consultations.consultation.create",
    "kyodo.consultations.consultation.update",
)
PERSONAL_FIELDS = ("client_name", "client_contact")


class ConsultationsConfig(AppConfig):
    name = "kyodo.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    # Pages listed in the staff navigation: (label, URL name).
    staff_menu = [(_("Consultations"), "consultations-staff:index")]

    def ready(self):
        # The audit log (kyodo.core.audit) words a row through its tables of keys; the keys only
        # consultations record are told to it here, so that staff read 「分類: 場所 → 会計、運営」
        # rather than the codes, and 「変更あり」 for personal data rather than "changed".
        from kyodo.core import audit

        audit.KEY_LABELS.setdefault("categories", _("Categories"))
        audit.DIFF_KEYS.add("categories")
        for action in AUDITED_ACTIONS:
            audit.ACTION_KEY_CHOICES[(action, "categories")] = (
                "consultations.ConsultationCategory",
                "category",
            )
        for name in PERSONAL_FIELDS:
            audit.VALUE_LABELS.setdefault(
                name, {"changed": _("changed (personal data, not recorded here)")}
            )
