"""An application by a group whose 休止 or 登録抹消 takes effect before the event's date is taken,
and flagged on the staff list of the event's applications (yearend finding 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core.wareki import format_wareki
from kyodo.events.models import Application
from kyodo.events.tests.test_public import form_data
from kyodo.organizations import services as organizations
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db


def _day(days: int):
    return timezone.localdate() + timedelta(days=days)


def _ja(day) -> str:
    return format_wareki(day, weekday=False)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _row(page: str, name: str) -> str:
    body = page.split('<section aria-labelledby="applications-heading">')[1].split("</tbody>")[0]
    return next(row for row in body.split("<tr>")[1:] if name in row)


def test_a_group_leaving_before_the_event_is_flagged_not_refused(
    client, staff_client, staff_user, make_event
):
    event = make_event(date=_day(60), capacity_groups=10)
    since = make_organization("ひばりの会", "ひばりのかい", history=[("registered", _day(-400))])
    groups = {
        "leaving": ("西東京合唱団", "にしとうきょうがっしょうだん", ("withdrawn", _day(30))),
        "resting": ("西東京シネマ倶楽部", "にしとうきょうしねまくらぶ", ("suspended", _day(59))),
        "after": ("保谷の会", "ほうやのかい", ("withdrawn", _day(61))),
        "staying": ("西東京風の会", "にしとうきょうかぜのかい", None),
    }
    made = {}
    for key, (name, reading, change) in groups.items():
        made[key] = make_organization(name, reading, history=[("registered", _day(-400))])
        if change is not None:
            organizations.organization_change_status(
                actor=staff_user, organization=made[key], kind=change[0], effective_date=change[1]
            )
    for n, group in enumerate([*made.values(), since], start=1):
        response = client.post(
            f"/events/{event.pk}/",
            form_data(
                kind="group", organization=str(group.pk), people="2", email=f"g{n}@example.jp"
            ),
        )
        assert response.status_code == 302
    # Every application was taken.
    assert Application.objects.filter(event=event, status="confirmed").count() == 5
    # ひばりの会 is suspended from today on, after it applied.
    organizations.organization_change_status(
        actor=staff_user, organization=since, kind="suspended", effective_date=_day(0)
    )

    page = staff_client.get(f"/staff/events/{event.pk}/").text

    note = '<br><strong class="scheduled">{}</strong></th>'
    assert note.format(f"事業の日より前の{_ja(_day(30))}に登録抹消予定") in _row(
        page, "西東京合唱団"
    )
    assert note.format(f"事業の日より前の{_ja(_day(59))}に休止予定") in _row(
        page, "西東京シネマ倶楽部"
    )
    assert note.format(f"{_ja(_day(0))}から休止") in _row(page, "ひばりの会")
    for name in ("保谷の会", "西東京風の会"):
        assert 'class="scheduled"' not in _row(page, name)


def test_the_flag_takes_one_query_whatever_the_number_of_groups(
    client, staff_client, staff_user, make_event, django_assert_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    event = make_event(date=_day(60), capacity_groups=20)

    def apply(n: int) -> None:
        group = make_organization(f"会{n}", f"かい{n}", history=[("registered", _day(-400))])
        organizations.organization_change_status(
            actor=staff_user, organization=group, kind="withdrawn", effective_date=_day(n)
        )
        client.post(
            f"/events/{event.pk}/",
            form_data(
                kind="group", organization=str(group.pk), people="1", email=f"g{n}@example.jp"
            ),
        )

    apply(1)
    # Both counted on the first request after a write (pages keep what they read until one);
    # the log emptied first, as each request empties it (request_started).
    reset_queries()
    with CaptureQueriesContext(connection) as one:
        staff_client.get(f"/staff/events/{event.pk}/")
    queries = len(one)  # now: the next request empties the log the count is read from
    assert queries > 0
    for n in range(2, 6):
        apply(n)
    with django_assert_num_queries(queries):
        page = staff_client.get(f"/staff/events/{event.pk}/").text
    assert page.count("登録抹消予定</strong>") == 5
