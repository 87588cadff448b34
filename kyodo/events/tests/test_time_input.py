"""The staff event form reads start and end times typed the Japanese way (full-width, 時/分,
午前/午後) and refuses nonsense in Japanese, saving nothing."""

from __future__ import annotations

from datetime import time

import pytest

from kyodo.core.models import AuditEntry
from kyodo.events.forms import EventForm
from kyodo.events.models import Event
from kyodo.events.tests.test_staff import event_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("１９：００", "２１：００", (time(19, 0), time(21, 0))),
        ("19時", "21時", (time(19, 0), time(21, 0))),
        ("18時30分", "20時30分", (time(18, 30), time(20, 30))),
        ("午後7時", "午後9時", (time(19, 0), time(21, 0))),
        ("午後6時30分", "午後8時30分", (time(18, 30), time(20, 30))),
        ("午前10時", "正午", (time(10, 0), time(12, 0))),
    ],
)
def test_the_event_form_takes_times_typed_the_japanese_way(staff_client, start, end, expected):
    response = staff_client.post("/staff/events/new/", event_data(start_time=start, end_time=end))

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.start_time, event.end_time) == expected


@pytest.mark.parametrize("typed", ["25時", "午後13時", "19時60分", "夜7時"])
def test_the_event_form_refuses_a_time_that_is_none(staff_client, typed):
    response = staff_client.post("/staff/events/new/", event_data(start_time=typed))

    assert response.status_code == 400
    assert (
        f'<p class="error" id="id_start_time_error">「{typed}」を時刻として読み取れません。'
        "例：19:00、19時30分、午後7時</p>"
    ) in response.text
    assert Event.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_time_inputs_are_unchanged(make_event):
    event = make_event()

    form = EventForm(initial=EventForm.initial_from(event))

    assert str(form["start_time"]) == (
        '<input type="time" name="start_time" value="19:00:00" id="id_start_time">'
    )
    assert str(form["end_time"]) == (
        '<input type="time" name="end_time" value="21:00:00" id="id_end_time">'
    )
