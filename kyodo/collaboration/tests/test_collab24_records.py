"""A newcomer clerk registering collaborations: the form is chosen, never preset (a record left
at 共催 would count as one), and a linked event is one of the record's fiscal years, told apart
in the list by its day (the same title recurs every year)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Collaboration, Department
from kyodo.core.models import AuditEntry
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db


def _fields(first: int = 2024, last: int | None = None, **extra) -> services.CollaborationFields:
    return services.CollaborationFields(
        title="市民まつり",
        form="co_hosting",
        first_fiscal_year=first,
        last_fiscal_year=last,
        **extra,
    )


def _event(day: date) -> Event:
    return Event.objects.create(title="市民まつり", kind="festival", date=day, status="held")


def test_the_new_record_form_presets_no_form_and_asks_for_one(client, staff):
    client.force_login(staff)
    page = client.get("/staff/collaboration/records/new/").text
    assert '<option value="" selected>選んでください</option>' in page
    assert '<option value="co_hosting" selected>' not in page

    response = client.post(
        "/staff/collaboration/records/new/",
        {"title": "市民まつり", "first_fiscal_year": "令和6年度"},
    )
    assert response.status_code == 200
    assert 'id="id_form_error">協働の形態を選んでください。</p>' in response.text
    assert Collaboration.objects.count() == 0


def test_the_events_are_listed_with_their_day(client, staff):
    _event(date(2025, 3, 31))
    _event(date(2025, 4, 1))
    client.force_login(staff)
    page = client.get("/staff/collaboration/records/new/").text
    assert ">市民まつり（令和7年4月1日(火)）</option>" in page
    assert ">市民まつり（令和7年3月31日(月)）</option>" in page


@pytest.mark.parametrize("day", [date(2024, 4, 1), date(2025, 3, 31)], ids=["1-april", "31-march"])
def test_an_event_on_the_first_or_last_day_of_the_fiscal_year_is_linked(staff, day):
    event = _event(day)
    record = services.collaboration_create(actor=staff, fields=_fields(), events=[event])
    assert list(record.events.all()) == [event]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            date(2024, 3, 31),
            "「市民まつり」は令和6年3月31日(日)の開催で、この協働の年度（令和6年度）の外です。"
            "年度か関連する事業の選択を直してください。",
        ),
        (
            date(2025, 4, 1),
            "「市民まつり」は令和7年4月1日(火)の開催で、この協働の年度（令和6年度）の外です。"
            "年度か関連する事業の選択を直してください。",
        ),
    ],
    ids=["31-march-before", "1-april-after"],
)
def test_the_service_refuses_an_event_of_another_fiscal_year(staff, day, message):
    event = _event(day)
    with pytest.raises(InvalidInput) as refused:
        services.collaboration_create(actor=staff, fields=_fields(), events=[event])
    assert (str(refused.value.message), refused.value.field) == (message, "events")
    assert Collaboration.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_shortening_the_years_past_a_linked_event_is_refused(staff):
    event = _event(date(2025, 6, 1))
    record = services.collaboration_create(actor=staff, fields=_fields(2024, 2025), events=[event])
    entries = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        services.collaboration_update(actor=staff, record=record, fields=_fields(2024, 2024))
    assert str(refused.value.message) == (
        "「市民まつり」は令和7年6月1日(日)の開催で、この協働の年度（令和6年度）の外です。"
        "年度か関連する事業の選択を直してください。"
    )
    record.refresh_from_db()
    assert (record.first_fiscal_year, record.last_fiscal_year) == (2024, 2025)
    assert AuditEntry.objects.count() == entries


def test_the_form_says_which_event_is_of_another_fiscal_year(client, staff):
    event = _event(date(2026, 4, 1))
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/records/new/",
        {
            "title": "市民まつり",
            "form": "co_hosting",
            "first_fiscal_year": "令和6年度",
            "last_fiscal_year": "令和7年度",
            "events": [str(event.pk)],
        },
    )
    assert response.status_code == 200
    assert (
        'id="id_events_error">「市民まつり」は令和8年4月1日(水)の開催で、'
        "この協働の年度（令和6年度～令和7年度）の外です。年度か関連する事業の選択を直してください。</p>"
    ) in response.text
    assert Collaboration.objects.count() == 0


def test_the_register_csv_ends_with_the_bureaus_and_the_linked_events(client, staff, department):
    culture = Department.objects.create(
        name="文化振興課", name_reading="ぶんかしんこうか", bureau="生活文化スポーツ部"
    )
    parks = Department.objects.create(
        name="みどり公園課", name_reading="みどりこうえんか", bureau="みどり環境部"
    )
    later, earlier = _event(date(2025, 3, 31)), _event(date(2024, 11, 3))
    services.collaboration_create(
        actor=staff,
        fields=_fields(),
        departments=[parks, culture, department],
        events=[later, earlier],
    )
    client.force_login(staff)
    response = client.get("/staff/collaboration/export/")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][5:7] == ["担当課", "予算額（円）"]
    assert rows[0][-2:] == ["部", "関連する事業"]
    assert rows[1][5] == "協働コミュニティ課、文化振興課、みどり公園課"
    assert rows[1][-2:] == [
        "生活文化スポーツ部、みどり環境部",
        "市民まつり（令和6年11月3日(日)）、市民まつり（令和7年3月31日(月)）",
    ]


def test_the_csv_names_the_events_of_a_series_in_the_same_number_of_queries(client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kyodo.events.models import EventSeries

    series = EventSeries.objects.create(name="NPO市民活動ネットワーク", kind="other")
    client.force_login(staff)

    def queries_for_export() -> tuple[int, list[list[str]]]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/staff/collaboration/export/")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return len(queries), rows

    def sitting(number: int, day: date) -> Event:
        return Event.objects.create(
            series=series, series_number=number, kind="other", date=day, status="held"
        )

    services.collaboration_create(
        actor=staff, fields=_fields(), events=[sitting(1, date(2024, 5, 10))]
    )
    one, _rows = queries_for_export()
    services.collaboration_create(
        actor=staff,
        fields=_fields(),
        events=[sitting(2, date(2024, 7, 12)), sitting(3, date(2024, 9, 13))],
    )
    three, rows = queries_for_export()
    assert three == one
    assert sorted(row[-1] for row in rows[1:]) == [
        "NPO市民活動ネットワーク 第1回（令和6年5月10日(金)）",
        "NPO市民活動ネットワーク 第2回（令和6年7月12日(金)）、"
        "NPO市民活動ネットワーク 第3回（令和6年9月13日(金)）",
    ]
