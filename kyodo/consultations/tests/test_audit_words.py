"""A consultation's audit rows in words: its categories by their labels (before → after), personal
data marked as changed without its value, and the consultation named with a 和暦 date."""

from __future__ import annotations

import re
from datetime import date

from django.utils import translation

from kyodo.consultations.models import Category
from kyodo.consultations.services import ConsultationFields, consultation_update
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.audit import audit_rows
from kyodo.core.models import AuditEntry


def _lines(action: str) -> dict[str, str]:
    with translation.override("ja"):
        (row,) = audit_rows(AuditEntry.objects.filter(action=action))
        return {line.label: line.text for line in row.changes} | {"to what": row.entry.object_repr}


def test_the_audit_log_names_the_categories_and_dates_in_japanese(staff_user):
    consultation = make_consultation(staff_user, categories=[Category.PLACE])
    consultation_update(
        actor=staff_user,
        consultation=consultation,
        fields=ConsultationFields(
            received_on=date(2010, 12, 1),
            channel="visit",
            client_type="individual",
            categories=["management", "accounting"],
            summary="法人格について相談",
            client_name="山田 花子",
            staff=staff_user,
        ),
    )
    created = _lines("kyodo.consultations.consultation.create")
    assert created["分類"] == "— → 場所"
    assert created["to what"] == "平成22年12月7日 法人格について相談"
    updated = _lines("kyodo.consultations.consultation.update")
    assert updated["分類"] == "場所 → 会計、運営"
    assert updated["相談日"] == "平成22年12月7日(火) → 平成22年12月1日(水)"
    assert updated["相談者の氏名"] == "変更あり（個人情報のため内容は記録していません）"
    assert "山田" not in str(updated)


def test_the_audit_page_shows_no_category_code(client, staff_user):
    make_consultation(staff_user, categories=[Category.PLACE, Category.ACCOUNTING])
    client.force_login(staff_user)
    page = client.get("/staff/audit/").text
    table = page[page.index('<table class="audit">') :]
    assert "<dt>分類</dt><dd>— → 会計、場所</dd>" in table
    assert re.search(r"\bplace\b|\baccounting\b|\d{4}-\d{2}-\d{2}", table) is None
