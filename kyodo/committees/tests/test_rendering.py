"""The Python widget renderer writes exactly what Django's widget templates write."""

from __future__ import annotations

from datetime import time

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from kyodo.committees.forms import MeetingForm, SettingsForm
from kyodo.core.forms import WidgetRenderer, form_fields_html

CHOICES = [
    ("", "未定"),
    ("a", "A & <b>"),
    ("q", 'say "hi"'),
    ("Group 'g'", [("g1", "一"), ("g2", gettext_lazy("None."))]),
    ("s", mark_safe("<em>safe</em>")),
]

WIDGETS = [
    (forms.TextInput(), "x", None),
    (forms.TextInput(), "x", ""),
    (forms.TextInput(attrs={"placeholder": 'a "b" & <c>', "autofocus": True}), "x", "R7.4.1"),
    (forms.TextInput(attrs={"disabled": False, "data-x": mark_safe("&amp;")}), "x", "<v>"),
    (forms.TextInput(), "x", mark_safe("<safe>")),
    (forms.NumberInput(attrs={"min": 1, "max": 99}), "number", 7),
    (forms.HiddenInput(), "edit_version", ".eJx:abc"),
    (forms.CheckboxInput(), "flag", True),
    (forms.CheckboxInput(), "flag", False),
    (forms.TimeInput(format="%H:%M"), "start_time", time(19, 5)),
    (forms.EmailInput(attrs={"required": True}), "email", "a@example.org"),
    (forms.Select(choices=CHOICES), "venue", "a"),
    (forms.Select(choices=CHOICES), "venue", None),
    (forms.Select(choices=CHOICES, attrs={"aria-describedby": "h"}), "venue", "g2"),
    (forms.Select(choices=[(1, 1), (2, 2.5)]), "n", 2),
    (forms.SelectMultiple(choices=CHOICES), "many", ["a", "g1"]),
    (forms.Textarea(attrs={"rows": 3}), "text", "line\n<two>"),
    (forms.RadioSelect(choices=CHOICES), "radio", "q"),
]


@pytest.mark.parametrize(("widget", "name", "value"), WIDGETS)
def test_widgets_render_as_their_templates(widget, name, value):
    expected = widget.render(name, value, attrs={"id": f"id_{name}"}, renderer=DjangoTemplates())
    fast = widget.render(name, value, attrs={"id": f"id_{name}"}, renderer=WidgetRenderer())
    assert fast == expected


@pytest.mark.django_db
def test_the_committee_forms_render_as_with_the_templates(committee, venue):
    for form_class, kwargs in [
        (MeetingForm, {}),
        (MeetingForm, {"data": {"date": "<bad>", "venue": str(venue.pk), "number": "x"}}),
        (SettingsForm, {"initial": {"speaker_labels": "name"}, "version_of": committee}),
    ]:
        assert type(form_class().renderer) is WidgetRenderer
        fast = form_class(**kwargs)
        slow = form_class(**kwargs, renderer=DjangoTemplates())
        slow.initial = fast.initial  # the same signed edit_version, whatever the second
        assert [str(field) for field in fast] == [str(field) for field in slow]
        assert fast.render() == slow.render()


class _EveryKind(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, initial="<t>")
    name = forms.CharField(label='Name "n" & <m>', help_text="Help <b>", max_length=3)
    kinds = forms.MultipleChoiceField(
        label="Kinds", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    choice = forms.ChoiceField(
        label="Choice", choices=[("x", "X")], widget=forms.RadioSelect, help_text="One"
    )
    no_id = forms.CharField(required=False, label=gettext_lazy("None."))

    def clean(self):
        raise forms.ValidationError(["Not <this>", "Nor that"])


@pytest.mark.django_db
def test_form_fields_writes_what_the_template_writes(committee, venue):
    from django.template.loader import render_to_string

    settings = SettingsForm(
        data={"speaker_labels": "bad", "edit_version": "x"}, version_of=committee
    )
    settings.is_valid()
    stale = SettingsForm(initial={"speaker_labels": "name"}, version_of=committee)
    stale.stale = True
    for form in [
        MeetingForm(),
        MeetingForm(data={"date": "<bad>", "start_time": "21:00", "end_time": "19:00"}),
        MeetingForm(data={"date": "2011-01-18", "start_time": "21:00", "end_time": "19:00"}),
        SettingsForm(initial={"speaker_labels": "name"}, version_of=committee),
        settings,
        stale,
        _EveryKind(),
        _EveryKind(data={"name": "long <name>", "kinds": ["c"]}),
        _EveryKind(auto_id=False),
    ]:
        form.is_bound and form.is_valid()
        assert form_fields_html(form) == render_to_string("core/_form_fields.html", {"form": form})


# Values as the pages pass them: text needing escapes, a lazy label, text already safe.
_CELLS = ["有賀 <b>\"A\" & 'B'</b>", gettext_lazy("None."), mark_safe("<em>safe</em>"), "会場"]


@pytest.mark.parametrize(
    ("loop", "row"),
    [
        # /committee/: the seats and each fiscal year's minutes
        (
            "{% for a, b, c in rows %}<tr><td>{{ a }}</td><td>{{ b }}</td><td>{{ c }}</td></tr>"
            "{% endfor %}",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ),
        (
            '{% for a, b, c in rows %}<li><a href="{{ a }}">{{ b }}</a> ({{ c }})</li>{% endfor %}',
            '<li><a href="{}">{}</a> ({})</li>',
        ),
        # /staff/committees/: the terms ending, the secretariat, the appointments
        (
            "{% for a, b, c in rows %}<li><strong>{{ a }}</strong> {{ b }}: {{ c }}</li>"
            "{% endfor %}",
            "<li><strong>{}</strong> {}: {}</li>",
        ),
        ("{% for a, b in rows %}<li>{{ a }} {{ b }}</li>{% endfor %}", "<li>{} {}</li>"),
        (
            "{% for a, b, c, d in rows %}<li>{{ a }}: {{ b }} ({{ c }}–{{ d }})</li>{% endfor %}",
            "<li>{}: {} ({}–{})</li>",
        ),
    ],
)
def test_rows_html_writes_what_the_template_loop_wrote(loop, row):
    from django.template import engines

    from kyodo.committees.rendering import rows_html

    width = row.count("{}")
    rows = [tuple(_CELLS[(i + j) % len(_CELLS)] for j in range(width)) for i in range(len(_CELLS))]
    template = engines["django"].from_string(loop)
    assert rows_html(row, rows) == template.render({"rows": rows})
    assert rows_html(row, []) == template.render({"rows": []}) == ""


# /collaboration/<pk>/: the groups (linked when registered), the departments, the events.
_GROUPS_LOOP = (
    '{% for url, name in items %}{% if url %}<a href="{{ url }}">{{ name }}</a>{% else %}'
    "{{ name }}{% endif %}{% if not forloop.last %}、{% endif %}{% empty %}—{% endfor %}"
)
_DEPARTMENTS_LOOP = (
    "{% for name, bureau in items %}{{ name }}{% if bureau %} ({{ bureau }}){% endif %}"
    "{% if not forloop.last %}、{% endif %}{% empty %}—{% endfor %}"
)
_EVENTS_LOOP = (
    '{% for url, name, date in items %}{% if url %}<a href="{{ url }}">{{ name }}</a>{% else %}'
    "{{ name }}{% endif %} {{ date }}{% if not forloop.last %}<br>{% endif %}{% endfor %}"
)


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_links_html_writes_what_the_record_page_loops_wrote(count):
    from django.template import engines
    from django.utils.html import format_html

    from kyodo.committees.rendering import links_html

    def loop(source, items):
        return engines["django"].from_string(source).render({"items": items})

    cells = [_CELLS[i % len(_CELLS)] for i in range(count)]
    urls = ["/groups/1/?a=1&b=<2>" if i % 2 else "" for i in range(count)]
    groups = list(zip(urls, cells, strict=True))
    assert links_html(groups, "、", "—") == loop(_GROUPS_LOOP, groups)
    departments = [(cell, "" if i % 2 else f"<局> {i}") for i, cell in enumerate(cells)]
    written = [("", format_html("{} ({})", n, b) if b else n) for n, b in departments]
    assert links_html(written, "、", "—") == loop(_DEPARTMENTS_LOOP, departments)
    events = [(url, cell, f"平成23年1月{i}日 <&>") for i, (url, cell) in enumerate(groups)]
    assert links_html(events, "<br>") == loop(_EVENTS_LOOP, events)


@pytest.mark.django_db
def test_the_venue_select_offers_what_a_model_choice_field_offers(venue):
    # The meeting forms read the venues' names only (kept until the next write).
    from kyodo.committees.forms import MeetingUpdateForm
    from kyodo.core.models import Venue

    retired = Venue.objects.create(name="旧会場", name_reading="きゅう", is_active=False)
    Venue.objects.create(name='<b>"A" & B</b>', name_reading="えー")

    class Plain(forms.Form):
        venue = forms.ModelChoiceField(
            label=gettext_lazy("Venue"),
            queryset=Venue.objects.filter(is_active=True),
            required=False,
            empty_label=gettext_lazy("Not decided yet"),
        )

    for initial in (None, venue, venue.pk, retired):
        expected = str(Plain(initial={"venue": initial})["venue"])
        assert str(MeetingForm(initial={"venue": initial})["venue"]) == expected
        assert str(MeetingUpdateForm(initial={"venue": initial})["venue"]) == expected
    chosen = MeetingForm(data={"date": "2011-01-18", "venue": str(venue.pk)})
    assert chosen.is_valid() and chosen.cleaned_data["venue"] == venue
    refused = MeetingForm(data={"date": "2011-01-18", "venue": str(retired.pk)})
    assert not refused.is_valid() and "venue" in refused.errors


def test_the_member_page_lists_are_what_their_loops_wrote():
    from django.template import engines

    from kyodo.committees.views.member import meetings_html, seats_html, to_check_html

    def loop(source, rows):
        return engines["django"].from_string("{% load i18n %}" + source).render({"rows": rows})

    text = [_CELLS[i % len(_CELLS)] for i in range(6)]
    seats = [
        (text[0], text[1], "平成21年4月1日", "～平成23年3月31日"),
        (text[2], text[3], "<d>", ""),
    ]
    assert seats_html(seats) == loop(
        "{% for committee, role, start, end in rows %}<li>{{ committee }}：{{ role }}"
        '（{% translate "term" %} {{ start }}{{ end }}）</li>{% endfor %}',
        seats,
    )
    to_check = [("/check/a&b/", text[4], None), ("/check/<c>/", text[5], "2011-01-18")]
    assert to_check_html(to_check) == loop(
        '{% for link, meeting, opened_at in rows %}<li><a href="{{ link }}">{{ meeting }}</a>'
        '{% if opened_at %}（{% translate "received" %}）{% endif %}</li>{% endfor %}',
        to_check,
    )
    meetings = [("/m/1/", text[0], "<d>", ""), ("/m/2/?a=1&b=2", text[1], text[2], "/mi/<3>/")]
    assert meetings_html(meetings) == loop(
        '{% for link, meeting, day, minutes_link in rows %}<li><a href="{{ link }}">{{ meeting }}'
        '</a> {{ day }}{% if minutes_link %} · <a href="{{ minutes_link }}">'
        '{% translate "Minutes" %}</a>{% endif %}</li>{% endfor %}',
        meetings,
    )
    assert seats_html([]) == to_check_html([]) == meetings_html([]) == ""
