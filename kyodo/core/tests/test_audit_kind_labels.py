"""The audit log's 種類 filter: within each area, every action has its own words."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import translation

from kyodo.core.audit_labels import ACTION_LABELS, AREAS


def test_no_two_actions_of_an_area_read_the_same():
    repeated = []
    with translation.override("ja"):
        for prefix, area in AREAS:
            labels = Counter(
                str(label) for key, label in ACTION_LABELS.items() if key.startswith(prefix)
            )
            repeated += [f"{area}: {label}" for label, n in labels.items() if n > 1]
    assert repeated == []


@pytest.mark.django_db
def test_the_filter_offers_the_approval_and_the_registration_apart(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/staff/audit/").text
    assert (
        '<option value="kyodo.organizations.application.approved">団体登録申請の承認</option>'
        in page
    )
    assert '<option value="kyodo.organizations.organization.registered">団体の登録</option>' in page
    assert page.count(">団体の登録</option>") == 1
