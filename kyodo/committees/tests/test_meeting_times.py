"""Meeting times typed the Japanese way (kyodo.core.forms.JapaneseTimeField)."""

from __future__ import annotations

from datetime import time

import pytest

from kyodo.committees.forms import MeetingForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("１９：００", "２１：００", (time(19), time(21))),
        ("19時", "21時30分", (time(19), time(21, 30))),
        ("午後7時", "午後9時", (time(19), time(21))),
    ],
)
def test_a_meeting_takes_times_as_people_type_them(start, end, expected):
    form = MeetingForm({"date": "令和8年12月15日", "start_time": start, "end_time": end})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["start_time"], form.cleaned_data["end_time"]) == expected


def test_a_time_that_is_none_is_refused_in_japanese():
    form = MeetingForm({"date": "令和8年12月15日", "start_time": "25時"})
    assert form.errors["start_time"] == [
        "「25時」を時刻として読み取れません。例：19:00、19時30分、午後7時"
    ]
