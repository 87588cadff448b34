"""The Python-written widgets and form fields write exactly what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from kyodo.core.forms import WidgetRenderer, form_fields_html, widget_renderer

templates = DjangoTemplates()


class Everything(forms.Form):
    hidden = forms.CharField(widget=forms.HiddenInput, initial='a"<b>')
    name = forms.CharField(label="名前 <&>", max_length=20, help_text="ふりがなも")
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"class": "wide"}))
    count = forms.IntegerField(required=False, min_value=1)
    when = forms.DateField(required=False)
    kind = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("All")),
            ("a", "A & B"),
            ("群", [("x", mark_safe("<b>X</b>")), (3, 3)]),
        ],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("1", "一"), ("2", "二")], required=False)
    ticks = forms.MultipleChoiceField(
        choices=[("1", "一"), ("2", "二")], widget=forms.CheckboxSelectMultiple
    )
    grouped = forms.MultipleChoiceField(
        choices=[("季節", [("s", "春"), ("a", "秋 & 冬")]), ("n", "なし")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "columns"}),
        required=False,
    )
    one = forms.ChoiceField(choices=[("1", "<一>"), ("2", "二")], widget=forms.RadioSelect)
    agree = forms.BooleanField(required=False)
    text = forms.CharField(widget=forms.Textarea, required=False)
    yes_no = forms.NullBooleanField(required=False)

    def clean(self):
        raise forms.ValidationError("全体の<誤り>")


DATA = [
    None,
    {},
    {
        "hidden": "h",
        "name": "<script>",
        "email": "x@example.jp",
        "count": "0",
        "when": "2011-01-18",
        "kind": "3",
        "many": ["1", "2"],
        "ticks": ["2"],
        "grouped": ["a", "n"],
        "one": "2",
        "agree": "on",
        "text": "一行目\n<二行目>",
        "yes_no": "true",
    },
    {"kind": "bogus", "text": "", "count": "x", "name": "a" * 30, "one": "9"},
]


@pytest.mark.parametrize("data", DATA)
def test_widgets_are_written_as_the_templates_write_them(data):
    fast = Everything(data, renderer=WidgetRenderer())
    slow = Everything(data, renderer=templates)
    for name in fast.fields:
        assert str(fast[name]) == str(slow[name]), name


@pytest.mark.parametrize("data", DATA)
def test_form_fields_are_written_as_the_include_writes_them(data):
    form = Everything(data)
    assert form_fields_html(form) == render_to_string("core/_form_fields.html", {"form": form})


def test_a_value_the_python_code_does_not_write_goes_to_the_template():
    widget = forms.TextInput(attrs={"data-x": lambda: "called"})
    html = widget.render("q", "v", renderer=widget_renderer)
    assert html == widget.render("q", "v", renderer=templates)
    assert 'data-x="called"' in html


def test_a_stale_form_is_left_to_the_template():
    class Stale(forms.Form):
        name = forms.CharField()

    form = Stale()
    form.stale = True
    form.stale_changes = []
    html = Template("{% form_fields form %}").render(Context({"form": form}))
    assert html == render_to_string("core/_form_fields.html", {"form": form})
    assert "stale-changes" in html


def test_the_common_widgets_need_no_template():
    class NoTemplates(WidgetRenderer):
        def get_template(self, template_name):
            raise AssertionError(template_name)

    form = Everything(DATA[2], renderer=NoTemplates())
    for name in form.fields:
        str(form[name])


def test_every_form_of_the_project_uses_the_python_widgets():
    class Any(forms.Form):
        name = forms.CharField()

    assert type(Any().renderer) is WidgetRenderer
