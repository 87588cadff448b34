"""Session 22: every number staff type in the committee forms (a meeting's 第N回, votes, the
size and quorum of a body, where to split an entry, an order in a list) is read as people type
it: full-width digits, 「1,2」-free figures, a trailing 人 or 名, in a text box that shows back
what was typed; anything else is refused in Japanese. Limits are those the forms had.

Needs /tmp/fixes22/collab-committees-forms.patch and collab-committees-views.patch."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from kyodo.committees.forms import (
    CommitteeForm,
    DecisionForm,
    MeetingForm,
    MeetingUpdateForm,
    SplitForm,
)
from kyodo.committees.views.imports import ReviewForm as ImportReviewForm
from kyodo.committees.views.people import SecretariatForm
from kyodo.core.forms import NumberField

INVALID = "数字で入力してください（例：15）。"

# (form, field, lowest, highest); None: no limit on that side.
FIELDS = [
    (MeetingForm, "number", 1, 99),
    (MeetingUpdateForm, "number", 1, 999),
    (SplitForm, "at", 1, None),
    (DecisionForm, "votes_for", 0, 999),
    (DecisionForm, "votes_against", 0, 999),
    (DecisionForm, "abstentions", 0, 999),
    (CommitteeForm, "min_members", 1, 200),
    (CommitteeForm, "max_members", 1, 200),
    (CommitteeForm, "quorum", 1, 200),
    (SecretariatForm, "order", 0, 999),
    (ImportReviewForm, "number", 1, 999),
]
IDS = [f"{form.__name__}.{name}" for form, name, _low, _high in FIELDS]


@pytest.mark.parametrize(("form", "name", "low", "high"), FIELDS, ids=IDS)
def test_committee_numbers_are_read_as_people_type_them(form, name, low, high):
    field = form.base_fields[name]
    assert isinstance(field, NumberField)
    assert field.clean("１２") == 12
    assert field.clean("12人") == 12
    assert field.clean(" １２名 ") == 12
    with translation.override("ja"):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("abc")
        assert refused.value.messages == [INVALID]
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(str(low - 1))
        assert refused.value.messages == [f"{low}以上の値を入力してください。"]
        if high is not None:
            assert (
                field.clean(
                    f"{high:,}".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
                )
                == high
            )
            with pytest.raises(forms.ValidationError) as refused:
                field.clean(str(high + 1))
            assert refused.value.messages == [f"{high}以下の値を入力してください。"]


@pytest.mark.parametrize(("form", "name", "low", "high"), FIELDS, ids=IDS)
def test_committee_numbers_are_text_boxes_with_the_numeric_keyboard(form, name, low, high):
    html = form.base_fields[name].widget.render(name, "１２")
    assert html.startswith(f'<input type="text" name="{name}" value="１２" inputmode="numeric"')
    assert 'type="number"' not in html


def test_the_split_form_refuses_a_word_in_japanese():
    with translation.override("ja"):
        form = SplitForm({"at": "十二"})
        assert form.errors == {"at": [INVALID]}
    assert str(form["at"]).startswith(
        '<input type="text" name="at" value="十二" inputmode="numeric"'
    )
