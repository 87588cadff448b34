"""Session 19: the staff minutes page has one <h1> (the document's headings below the page's);
fixes from the audits of a second body's year and of frozen records."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import Minutes
from kyodo.core.models import User

pytestmark = pytest.mark.django_db


def test_the_staff_minutes_page_has_one_title_and_the_document_s_headings_below_it(client, demo):
    client.force_login(User.objects.get(username="nishiguchi"))
    ninth = Minutes.objects.get(meeting__fiscal_year=2010, meeting__number=9,
                                meeting__committee__slug="unei")  # fmt: skip
    page = client.get(f"/staff/committees/minutes/{ninth.pk}/").text
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == ["会議録: 平成22年度第9回運営委員会"]
    assert '<h3 class="minutes-title">平成22(2010)年度第9回運営委員会会議録(確定稿)</h3>' in page
    assert "<h4>1．報告事項</h4>" in page
    # The public page keeps the document's title as its own.
    public = client.get(f"/committee/minutes/{ninth.pk}/").text
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", public) == ["平成22(2010)年度第9回運営委員会会議録(確定稿)"]
