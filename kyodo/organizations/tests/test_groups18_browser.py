"""In a real browser: the 年度更新 page ticked by label and refused in Japanese, and axe (WCAG 2.0
A and AA) on it, on its refusal and on a group whose registration is scheduled, at phone and
desk widths."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from kyodo.conftest import PASSWORD
from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role
from kyodo.organizations.tests.factories import make_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


@pytest.fixture
def signed_in(page, make_user):
    make_user("nishiguchi", Role.STAFF)
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill("nishiguchi")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
    return page


def _axe(page) -> list[str]:
    found = []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        # site.js makes a table that scrolls focusable 150 ms after a resize.
        page.wait_for_timeout(400)
        results = Axe().run(page, options=AXE_OPTIONS)
        found += [
            f"{width}px {v['id']}: {v['nodes'][0]['target']}"
            for v in results.response["violations"]
        ]
    return found


def test_staff_tick_groups_by_name_and_renew_them(signed_in):
    page = signed_in
    kaze = make_organization(history=[("registered", date(2010, 4, 1))])
    make_organization("ひばりの会", "ひばりのかい", history=[("registered", date(2011, 4, 1))])
    scheduled = make_organization(
        "こども食堂の会",
        "こどもしょくどうのかい",
        history=[("registered", date(2099, 4, 1))],
        status="scheduled",
    )
    page.goto("/staff/groups/renewals/")
    assert _axe(page) == []
    # Nothing ticked: refused in Japanese, nothing recorded, and the page still passes.
    page.get_by_role("button", name="チェックした団体の年度更新を記録する").click()
    page.wait_for_load_state()
    assert page.get_by_text("年度更新する団体にチェックを入れてください。").first.is_visible()
    assert _axe(page) == []
    assert not AuditEntry.objects.exists()
    page.get_by_role("checkbox", name="西東京風の会").check()
    page.get_by_role("button", name="チェックした団体の年度更新を記録する").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text().strip().startswith("1団体の")
    assert [e.object_id for e in AuditEntry.objects.all()] == [str(kaze.pk)]
    page.goto(f"/staff/groups/{scheduled.pk}/")
    assert _axe(page) == []
