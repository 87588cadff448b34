"""`kyodo demo` is a center alive on the day it runs, beside its unchanged 2010 history."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kyodo.consultations.models import Consultation
from kyodo.core.months import Month
from kyodo.events.models import Application, Event
from kyodo.events.services import check_accepting, personal_data_anonymise
from kyodo.organizations.models import ChangeRequest, Organization
from kyodo.organizations.selectors import registered_count_on
from kyodo.reports.selectors import monthly_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_today(db):
    call_command("demo", stdout=io.StringIO())


def test_the_2010_history_is_the_same_with_or_without_today(demo):
    before = (
        registered_count_on(date(2010, 12, 31)),
        monthly_report(month=Month.of(2010, 12)).registered_total,
        Event.objects.filter(date__lt=date(2011, 4, 1)).count(),
        Application.objects.filter(event__date__lt=date(2011, 4, 1)).count(),
    )
    call_command("demo", stdout=io.StringIO())
    after = (
        registered_count_on(date(2010, 12, 31)),
        monthly_report(month=Month.of(2010, 12)).registered_total,
        Event.objects.filter(date__lt=date(2011, 4, 1)).count(),
        Application.objects.filter(event__date__lt=date(2011, 4, 1)).count(),
    )
    assert before == after == (49, 49, 10, 42)


def test_events_are_open_today_one_nearly_full_one_with_a_waiting_list(client, demo_today):
    today = timezone.localdate()
    current = {e.title: e for e in Event.objects.filter(date__gt=today)}
    assert sorted(current) == [
        "NPO会計講座（初級編）",
        "協働のまちづくり懇談会",
        "市民活動はじめの一歩講座",
    ]
    for event in current.values():
        check_accepting(event)  # raises if it were closed
    nearly_full = current["市民活動はじめの一歩講座"]
    taken = nearly_full.applications.filter(status="confirmed").count()
    assert (nearly_full.capacity_people, taken) == (20, 18)
    waiting = current["NPO会計講座（初級編）"].applications.filter(status="waitlisted")
    assert list(waiting.values_list("waitlist_position", flat=True)) == [1, 2, 3]

    # A citizen applies on the public page today and gets one of the two last places.
    response = client.post(
        f"/events/{nearly_full.pk}/",
        {"kind": "individual", "organization": "", "group_name": "", "people": "",
         "name": "青木 陽子", "name_reading": "アオキ ヨウコ", "email": "aoki@example.jp",
         "phone": "", "note": "", "consent": "on", "step": "send"},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "お申し込みを受け付けました" in response.text
    assert nearly_full.applications.get(email="aoki@example.jp").status == "confirmed"


def test_applications_a_change_notification_and_follow_ups_are_waiting(demo_today):
    today = timezone.localdate()
    assert sorted(Organization.objects.filter(status="applied").values_list("name", flat=True)) == [
        "ひばりが丘こども食堂の会",
        "西東京多文化交流サロン",
    ]
    change = ChangeRequest.objects.pending().get()
    assert (change.organization.name, change.proposed["representative_name"]) == (
        "西東京シネマ倶楽部",
        "岡本 修二",
    )
    assert change.organization.representative_name == "西東京シネマ倶楽部 代表"  # still approved
    follow_ups = Consultation.objects.filter(follow_up_needed=True).order_by("follow_up_on")
    assert [c.follow_up_on - today for c in follow_ups] == [
        timedelta(days=-2),
        timedelta(days=0),
        timedelta(days=5),
    ]


def test_the_retention_job_removes_persons_and_keeps_the_groups_names(client, demo_today):
    from kyodo.core.models import User

    assert personal_data_anonymise() == 42  # every 2010 application, nothing of today's
    round_table = Event.objects.get(title="行政職員と市民活動団体の懇談会")
    client.force_login(User.objects.get(username="nishiguchi"))
    page = client.get(f"/staff/events/{round_table.pk}/").text
    for name in ("NPO法人西東京NPO推進センターセプロス", "西東京風の会", "健康未来わいわいクラブ"):
        # A registered group's name links to its staff page.
        assert re.search(rf'<th scope="row">(<a href="/staff/groups/\d+/">)?{name}', page), name
    assert "（削除済み）" not in page
    assert set(round_table.applications.values_list("name", flat=True)) == {""}
    assert not Application.objects.filter(event__date__gt=timezone.localdate(), name="").exists()


def test_search_finds_todays_events(client, demo_today):
    # The index is built after the current year's loaders, not before them.
    page = client.get("/search/", {"q": "初級編"}).content.decode()
    # The words searched for are marked in titles too.
    assert ("NPO会計講座（<mark>初級編</mark>）" in page, "1件" in page) == (True, True)
    page = client.get("/search/", {"q": "まちづくり懇談会", "kind": "event"}).content.decode()
    assert "協働の<mark>まちづくり懇談会</mark>" in page
