"""The events' HTML written in Python ({% event_facts %}, {% application_fields form %}) is the
HTML of the templates it replaces (events/_event_facts.html, events/_application_fields.html),
which stay the reference."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from kyodo.events import selectors
from kyodo.events.application_html import application_fields_html
from kyodo.events.facts import event_facts_html
from kyodo.events.forms import ApplicationForm, StaffApplicationForm
from kyodo.events.models import Event, Guest
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


def _events(make_event) -> list[Event]:
    today = timezone.localdate()
    plain = make_event(title="A & B <講座>", venue_text="", theme="")
    full = make_event(
        title="満員の講座",
        capacity_people=2,
        capacity_groups=1,
        theme="まちづくり & 協働",
        applications_open_on=today - timedelta(days=3),
        applications_close_on=today + timedelta(days=3),
    )
    Guest.objects.create(event=full, name="講師 <太郎>", affiliation="市民 & 大学", position=1)
    Guest.objects.create(event=full, name="ゲスト", role=Guest.Role.GUEST, position=2)
    for n in range(3):
        apply(full, n)
    apply(full, 9, kind="group", group_name="団体", people=2)
    groups = make_event(title="団体のみ", capacity_groups=3, applications_open_on=today)
    cancelled = make_event(title="中止", status=Event.Status.CANCELLED, capacity_people=5)
    closed = make_event(title="受付なし", accepts_applications=False, capacity_people=1000)
    # Ended: yesterday's (it had applications and a period), and one held today.
    ended = make_event(title="昨日の講座", capacity_people=30, applications_open_on=today)
    apply(ended, 20)
    Event.objects.filter(pk=ended.pk).update(date=today - timedelta(days=1))
    held = make_event(
        title="開催済み",
        date=today,
        status=Event.Status.HELD,
        capacity_groups=4,
        start_time=time(0, 0),
        end_time=time(0, 1),
    )  # over by its end time
    return [plain, full, groups, cancelled, closed, ended, held]


def test_the_facts_are_the_templates(make_event):
    written = []
    for event in _events(make_event):
        for shown in (selectors.public_event(event.pk), selectors.staff_event(event.pk)):
            for facts_only in (False, True):
                context = {"event": shown, "facts_only": facts_only}
                expected = render_to_string("events/_event_facts.html", context)
                assert event_facts_html(shown, facts_only=facts_only) == expected
                written.append(expected)
    # The two ended events, on the public and the staff page, with their applications' part.
    assert sum("この事業は終了しました。" in html for html in written) == 4


@pytest.mark.parametrize("form_class", [ApplicationForm, StaffApplicationForm])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"kind": "zzz", "people": "-1", "email": "bad", "organization": "99999"},
        {"kind": "group", "people": "", "name": "<b>x</b> & y", "email": "a@b.jp"},
        {"kind": "individual", "name": "青木", "email": "aoki@example.jp", "consent": "on"},
    ],
)
def test_the_application_fields_are_the_templates(form_class, data):
    form = form_class(data)
    if data is not None:
        form.is_valid()
    expected = render_to_string("events/_application_fields.html", {"form": form})
    assert application_fields_html(form) == expected


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_lists_articles_are_the_template(make_event, staff_user, language):
    from django.utils import translation

    from kyodo.events.facts import event_articles_html
    from kyodo.events.models import EventKind

    events = _events(make_event)
    for n, kind in enumerate(EventKind.values):
        event = make_event(title=f"{kind} <{n}>", kind=kind, venue_text="")
        for role in Guest.Role.values:
            Guest.objects.create(event=event, name=f"{role} & {n}", role=role, position=n)
    listed = selectors.attach_list_details(
        list(selectors.public_event_list(today=timezone.localdate() - timedelta(days=1)))
    )
    assert len(listed) == len(events) + len(EventKind.values)
    with translation.override(language):
        expected = render_to_string("events/_event_articles.html", {"events": listed})
        assert event_articles_html(listed) == expected
        assert event_articles_html([]) == ""
