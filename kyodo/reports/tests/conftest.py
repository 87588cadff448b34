"""Hand-made data for the report tests, so that exact figures do not depend on the demo."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.consultations.tests.factories import make_consultation


def _organization(name: str, reading: str, *changes: tuple[str, date]):
    from kyodo.organizations.models import Organization, OrganizationStatusChange

    organization = Organization.objects.create(
        name=name, name_reading=reading, legal_form=Organization.LegalForm.VOLUNTARY
    )
    for kind, effective in changes:
        OrganizationStatusChange.objects.create(
            organization=organization, kind=kind, effective_date=effective
        )
    return organization


def _event(title: str, on: date, status: str, people=None, groups=None):
    from kyodo.events.models import Event, EventKind

    return Event.objects.create(
        title=title,
        kind=EventKind.LECTURE,
        date=on,
        status=status,
        attendance_people=people,
        attendance_groups=groups,
    )


@pytest.fixture
def december(staff_user):
    """December 2010 in miniature: 3 events held, 2 new groups (3 registered at the month's end),
    3 consultations with 2 examples, 1 upcoming event with 4 live applications."""
    from kyodo.events.models import Application, Event

    held, cancelled = Event.Status.HELD, Event.Status.CANCELLED
    _organization("あおぞら会", "あおぞらかい", ("registered", date(2010, 6, 1)))
    himawari = _organization("ひまわり会", "ひまわりかい", ("registered", date(2010, 12, 3)))
    _organization("NPO法人けやき", "えぬぴーおーほうじんけやき", ("registered", date(2010, 12, 20)))
    _organization(
        "さくら会",
        "さくらかい",
        ("registered", date(2010, 5, 1)),
        ("withdrawn", date(2010, 12, 10)),
    )
    _organization("つばき会", "つばきかい", ("registered", date(2011, 1, 5)))

    _event("会計講座", date(2010, 12, 4), held, people=12)
    _event("実行委員会", date(2010, 12, 9), held, people=3, groups=3)
    _event("説明会", date(2010, 12, 18), held, groups=24)
    _event("中止した講座", date(2010, 12, 11), cancelled)
    _event("十一月の講座", date(2010, 11, 13), held, people=20)
    salon = _event("トークサロン", date(2011, 1, 15), Event.Status.PUBLISHED)
    _event("遠い先の講座", date(2011, 6, 1), Event.Status.PUBLISHED)
    for kind, people, status, organization, position in [
        ("individual", 2, "confirmed", None, None),
        ("individual", 1, "confirmed", None, None),
        ("group", 3, "confirmed", himawari, None),
        ("individual", 1, "waitlisted", None, 1),
        ("individual", 5, "cancelled", None, None),
    ]:
        Application.objects.create(
            event=salon,
            kind=kind,
            people=people,
            status=status,
            organization=organization,
            waitlist_position=position,
            name="申込者",
        )

    make_consultation(
        staff_user,
        received_on=date(2010, 12, 7),
        categories=["legal_form"],
        report_example="法人格について相談があった。",
        use_in_report=True,
    )
    make_consultation(
        staff_user, received_on=date(2010, 12, 14), categories=["legal_form", "accounting"]
    )
    make_consultation(
        staff_user,
        received_on=date(2010, 12, 21),
        categories=["grants"],
        channel="phone",
        report_example="助成金について相談があった。",
        use_in_report=True,
    )
    make_consultation(staff_user, received_on=date(2010, 11, 30), categories=["other"])
    make_consultation(staff_user, received_on=date(2011, 1, 4), categories=["other"])
