"""The contact form's widgets written in Python give exactly Django's HTML."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext

from kyodo.contact.forms import InquiryForm
from kyodo.core.forms import WidgetRenderer

pytestmark = pytest.mark.django_db


def _html(form: forms.Form) -> list[str]:
    return [str(field) for field in form]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "kind": "opinion",
            "name": "<b>\"田中\" & '花子'</b>",
            "organization_name": "会\u200b",
            "email": "not-an-email",
            "phone": "03-1234-5678",
            "body": "一行目\r\n<script>二行目</script>",
            "consent": "on",
        },
    ],
)
def test_the_widgets_are_written_as_djangos_templates_write_them(data):
    ours = InquiryForm(data)
    django_s = InquiryForm(data, renderer=DjangoTemplates())
    assert isinstance(ours.renderer, WidgetRenderer)
    assert _html(ours) == _html(django_s)


class _Everything(forms.Form):
    plain = forms.CharField(widget=forms.TextInput(attrs={"class": "wide", "autofocus": True}))
    off = forms.CharField(widget=forms.TextInput(attrs={"disabled": False}))
    text = forms.CharField(widget=forms.Textarea)
    grouped = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"class": "choices"}),
        choices=[("a", "A & B"), ("Group <1>", [("b", "B"), ("c", "C")])],
    )
    tick = forms.BooleanField()
    when = forms.DateField(widget=forms.DateInput)  # not written in Python: the templates


def test_every_case_of_the_templates_and_the_fallback():
    data = {"plain": "x", "text": "", "grouped": "c", "tick": "on", "when": "2011-01-18"}
    for form_data in (None, data):
        ours = _Everything(form_data, renderer=WidgetRenderer())
        assert _html(ours) == _html(_Everything(form_data, renderer=DjangoTemplates()))


def test_the_contact_page_reads_nothing_itself(client):
    client.get("/contact/")  # the center's row, read once and kept
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/contact/")
    assert page.status_code == 200
    assert [q["sql"] for q in queries if '"core_center"' not in q["sql"]] == []
    assert 'name="kind" value="question" required id="id_kind_0">\n センター' in page.text
