"""Test data for the organizations app: valid application data and groups with a history."""

from __future__ import annotations

from datetime import date
from typing import Any

from kyodo.core.wareki import fiscal_year
from kyodo.organizations.models import Organization, OrganizationStatusChange, join_codes


def application_post(**overrides: Any) -> dict[str, Any]:
    """POST data of a valid application form."""
    data: dict[str, Any] = {
        "name": "西東京ひかりの会",
        "name_reading": "にしとうきょうひかりのかい",
        "legal_form": "voluntary",
        "representative_name": "山田 花子",
        "representative_reading": "やまだ はなこ",
        "email": "hikari@example.jp",
        "phone": "042-111-2222",
        "address": "東京都西東京市南町5-6-13",
        "activity_fields": ["community", "children"],
        "area": "西東京市南町",
        "description": "地域の子どもと高齢者の交流会を開いています。",
        "website": "",
        "member_count": "12",
        "founded_year": "2008",
        "published_fields": ["activity_fields", "area"],
        "consent": "on",
    }
    data.update(overrides)
    return data


def application_data(**overrides: Any) -> dict[str, Any]:
    """Cleaned data for ``application_submit``."""
    data = application_post(member_count=12, founded_year=2008)
    del data["consent"]  # the form's, not the group's
    data.update(overrides)
    return data


def make_organization(
    name: str = "西東京風の会",
    reading: str = "にしとうきょうかぜのかい",
    *,
    history: list[tuple[str, date]] | None = None,
    status: str | None = None,
    **fields: Any,
) -> Organization:
    """A group with its status history written directly (for selector tests)."""
    history = history or []
    kinds_after = {
        "registered": "registered",
        "renewed": "registered",
        "reinstated": "registered",
        "suspended": "suspended",
        "withdrawn": "withdrawn",
    }
    fields.setdefault("legal_form", Organization.LegalForm.VOLUNTARY)
    fields.setdefault("email", "group@example.jp")
    if "activity_fields" in fields and not isinstance(fields["activity_fields"], str):
        fields["activity_fields"] = join_codes(fields["activity_fields"])
    if "published_fields" in fields and not isinstance(fields["published_fields"], str):
        fields["published_fields"] = join_codes(fields["published_fields"])
    organization = Organization.objects.create(
        name=name,
        name_reading=reading,
        status=status or (kinds_after[history[-1][0]] if history else "applied"),
        **fields,
    )
    for kind, on in history:
        OrganizationStatusChange.objects.create(
            organization=organization, kind=kind, effective_date=on, fiscal_year=fiscal_year(on)
        )
    return organization
