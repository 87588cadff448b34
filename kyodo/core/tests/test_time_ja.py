"""Clock times typed the Japanese way (kyodo.core.wareki.parse_time_ja) and the form field that
reads them (kyodo.core.forms.JapaneseTimeField), whose HTML is Django's TimeField's."""

from __future__ import annotations

from datetime import time

import pytest
from django import forms

from kyodo.core.forms import JapaneseTimeField
from kyodo.core.wareki import WarekiError, parse_time_ja


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19:00", time(19, 0)),
        ("19:05", time(19, 5)),
        ("9:5", time(9, 5)),
        ("19:00:00", time(19, 0)),
        ("19:00:00.000", time(19, 0)),
        ("１９：００", time(19, 0)),
        ("19時", time(19, 0)),
        ("１９時", time(19, 0)),
        ("19時30分", time(19, 30)),
        ("19時30", time(19, 30)),
        ("19 時 30 分", time(19, 30)),
        ("7時半", time(7, 30)),
        ("午前10時", time(10, 0)),
        ("午前0時", time(0, 0)),
        ("午後0時", time(12, 0)),
        ("午後0時30分", time(12, 30)),
        ("午後7時", time(19, 0)),
        ("午後7時30分", time(19, 30)),
        ("午後７時３０分", time(19, 30)),
        ("午後7:30", time(19, 30)),
        ("正午", time(12, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_times_are_read_as_people_type_them(typed, expected):
    assert parse_time_ja(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["25時", "24:00", "19:60", "19時60分", "午後13時", "午後19時", "午前12時", "午後12時",
     "19", "1900", "abc", "-1:00", "7時半30分", "夜7時", ""],
)  # fmt: skip
def test_nonsense_is_refused(typed):
    with pytest.raises(WarekiError):
        parse_time_ja(typed)


def test_the_refusal_says_what_was_typed_and_gives_examples():
    with pytest.raises(WarekiError) as refused:
        parse_time_ja("２５時")

    assert (
        str(refused.value) == "「２５時」を時刻として読み取れません。例：19:00、19時30分、午後7時"
    )


class _Form(forms.Form):
    start = JapaneseTimeField(required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("午後7時30分", time(19, 30)), ("１９：００", time(19, 0)), ("", None), ("  ", None)],
)
def test_the_field_cleans_japanese_times(typed, expected):
    form = _Form({"start": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == expected


def test_the_field_refuses_nonsense_in_japanese():
    form = _Form({"start": "25時"})

    assert not form.is_valid()
    assert form.errors["start"] == [
        "「25時」を時刻として読み取れません。例：19:00、19時30分、午後7時"
    ]


@pytest.mark.parametrize(
    "widget",
    [forms.TimeInput(attrs={"type": "time"}), forms.TimeInput(format="%H:%M"), None],
)
# Where both fields read the input alike (empty, 19:00, refused): Django's refuses 「午後7時」.
@pytest.mark.parametrize("data", [None, {"t": "19:00"}, {"t": "25時"}])
def test_the_html_is_the_html_of_djangos_time_field(widget, data):
    def form(field_class):
        kwargs = {"widget": widget} if widget is not None else {}

        class TimeForm(forms.Form):
            t = field_class(required=False, **kwargs)

        made = TimeForm(data, initial={"t": time(19, 5)})
        made.is_valid()
        return made

    assert str(form(JapaneseTimeField)["t"]) == str(form(forms.TimeField)["t"])
