"""Session 22: numbers typed in the events forms (人数 on the public application form, a series'
next number, a guest's order) are read as people type them: full-width digits, 「1,200」, a
trailing 人 or 名, in a text box that shows back what was typed; anything else is refused in
Japanese with nothing stored."""

from __future__ import annotations

import pytest

from kyodo.core.models import OutboxMessage
from kyodo.events.forms import ApplicationForm
from kyodo.events.models import Application, EventSeries, Guest

pytestmark = pytest.mark.django_db

INVALID = "数字で入力してください（例：15）。"


def _group_application(**overrides) -> dict:
    return {
        "kind": "group",
        "organization": "",
        "group_name": "西東京風の会",
        "people": "",
        "name": "青木 陽子",
        "name_reading": "あおき ようこ",
        "email": "aoki@example.jp",
        "phone": "",
        "note": "",
        "consent": "on",
        "step": "send",
        **overrides,
    }


@pytest.mark.parametrize(
    ("typed", "people"),
    [("１５人", 15), ("15名", 15), ("１５", 15), ("1,5", 15), (" 3 人 ", 3), ("500", 500)],
)
def test_the_number_of_people_as_people_type_it(client, make_event, typed, people):
    event = make_event(capacity_people=1000)

    response = client.post(f"/events/{event.pk}/", _group_application(people=typed))

    assert response.status_code == 302
    assert list(Application.objects.values_list("group_name", "people")) == [
        ("西東京風の会", people)
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", INVALID),
        ("十五人", INVALID),
        ("1.5", INVALID),
        ("0人", "1以上の値を入力してください。"),
        ("1,200", "500以下の値を入力してください。"),
        ("５０１名", "500以下の値を入力してください。"),
    ],
)
def test_a_wrong_number_of_people_is_refused_and_nothing_stored(client, make_event, typed, message):
    event = make_event(capacity_people=1000)

    response = client.post(f"/events/{event.pk}/", _group_application(people=typed))

    assert response.status_code == 400
    assert message in response.text
    # What was typed is shown back, in a text box the browser does not empty.
    assert f'<input type="text" name="people" value="{typed}" inputmode="numeric"' in response.text
    assert Application.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_the_people_box_takes_full_width_digits():
    html = str(ApplicationForm()["people"])
    assert html.startswith('<input type="text" name="people" inputmode="numeric"')
    assert 'type="number"' not in html
    assert "min=" not in html and "max=" not in html


def test_a_series_next_number_and_a_guest_s_order_in_full_width(client, staff_user, make_event):
    client.force_login(staff_user)
    response = client.post(
        "/staff/events/series/new/",
        {"name": "企業懇談会", "name_reading": "", "kind": "round_table", "description": "",
         "next_number": "３"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(EventSeries.objects.values_list("name", "next_number")) == [("企業懇談会", 3)]

    event = make_event()
    url = f"/staff/events/{event.pk}/guests/new/"
    client.post(url, {"name": "浜名", "name_reading": "", "role": "panelist",
                      "affiliation": "", "position": ""})  # fmt: skip
    response = client.post(url, {"name": "山崎富一", "name_reading": "", "role": "keynote",
                                 "affiliation": "", "position": "２"})  # fmt: skip
    assert response.status_code == 302
    assert sorted(event.guests.values_list("name", "position")) == [("山崎富一", 2), ("浜名", 1)]


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/staff/events/series/new/",
         {"name": "企業懇談会", "name_reading": "", "kind": "round_table", "description": "",
          "next_number": "abc"},
         INVALID),
        ("/staff/events/series/new/",
         {"name": "企業懇談会", "name_reading": "", "kind": "round_table", "description": "",
          "next_number": "１０，００１"},
         "10000以下の値を入力してください。"),
    ],
)  # fmt: skip
def test_a_wrong_series_number_is_refused_and_nothing_stored(
    client, staff_user, url, data, message
):
    client.force_login(staff_user)
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.text
    assert EventSeries.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "message"), [("abc", INVALID), ("１０１", "100以下の値を入力してください。")]
)
def test_a_wrong_guest_order_is_refused_and_nothing_stored(
    client, staff_user, make_event, typed, message
):
    event = make_event()
    client.force_login(staff_user)
    response = client.post(
        f"/staff/events/{event.pk}/guests/new/",
        {"name": "嶋田安民", "name_reading": "", "affiliation": "", "role": "guest",
         "position": typed},
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.text
    assert Guest.objects.count() == 0
