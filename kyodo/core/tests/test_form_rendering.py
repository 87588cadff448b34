"""The Python-written widgets of ``WidgetRenderer`` give exactly the HTML of Django's templates,
widget by widget and sub-widget by sub-widget (``{{ radio.tag }}``)."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from kyodo.core.forms import _WIDGETS, WidgetRenderer

TRICKY = "<b>\"a\" & 'b'</b>　全角"


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="help", label=TRICKY)
    email = forms.EmailField(required=False)
    number = forms.IntegerField(min_value=1, max_value=10_000, required=False)
    decimal = forms.DecimalField(required=False, localize=True)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    url = forms.URLField(required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), required=False)
    tel = forms.CharField(
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "x": True}),
        required=False,
    )
    off = forms.CharField(widget=forms.TextInput(attrs={"disabled": False}), required=False)
    check = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(
        choices=[("a", TRICKY), ("b", "二"), (3, 4_000)], widget=forms.RadioSelect
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "一"), ("b", "二")], widget=forms.CheckboxSelectMultiple, required=False
    )
    select = forms.ChoiceField(choices=[("", "---"), ("x", TRICKY), (1, 2)], required=False)
    grouped = forms.ChoiceField(
        choices=[("", "—"), (TRICKY, [("p", "甲"), ("q", "乙")]), ("r", "丙")], required=False
    )
    multiple = forms.MultipleChoiceField(choices=[("a", "一"), ("b", "二")], required=False)


def _forms(renderer):
    data = {
        "text": TRICKY,
        "email": "bad",
        "number": "0",
        "decimal": "1234.5",
        "password": "<secret>",
        "hidden": mark_safe("<safe>"),
        "date": "2011-01-18",
        "note": "\nline\r\n<two>",
        "kind": "b",
        "many": ["a", "b"],
        "select": "x",
        "grouped": "q",
        "multiple": ["b"],
        "check": "on",
    }
    return [
        Everything(renderer=renderer),
        Everything(renderer=renderer, initial={"select": 1, "kind": 3, "note": ""}),
        Everything(data, renderer=renderer),
        Everything({}, renderer=renderer, auto_id=False),
    ]


def _html(form) -> list[str]:
    html = []
    for field in form:
        html.append(str(field))
        html.extend(sub.tag() for sub in field.subwidgets)
        html.extend(sub.tag(wrap_label=True) for sub in field.subwidgets)
    return html


def test_fast_widgets_write_what_the_templates_write():
    for fast, slow in zip(_forms(WidgetRenderer()), _forms(DjangoTemplates()), strict=True):
        assert _html(fast) == _html(slow)


@pytest.mark.parametrize("name", sorted(_WIDGETS))
def test_every_fast_widget_is_one_of_django(name):
    assert DjangoTemplates().get_template(name)


def test_an_option_with_a_template_of_its_own_goes_through_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Custom(choices=[("a", "一")])
    assert widget.render("x", "a", renderer=WidgetRenderer()) == widget.render(
        "x", "a", renderer=DjangoTemplates()
    )
