"""What the public event pages keep until the next write (kyodo.core.memo): read once, read again
after any write. (Inside a test's transaction nothing is kept: these tests commit.)"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.months import Month
from kyodo.events import selectors
from kyodo.events.forms import ApplicationForm

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("own_generation")]


def test_the_months_of_the_filter_are_read_again_after_a_write_only(make_event):
    make_event(date=date(2011, 1, 15))
    assert selectors.public_event_months() == [Month(2011, 1)]
    with CaptureQueriesContext(connection) as queries:
        assert selectors.public_event_months() == [Month(2011, 1)]
    assert len(queries) == 0
    make_event(date=date(2011, 3, 5))
    assert selectors.public_event_months() == [Month(2011, 1), Month(2011, 3)]


def test_the_registered_groups_of_the_form_are_read_again_after_a_write_only():
    from kyodo.organizations.models import Organization

    def group(name: str):
        return Organization.objects.create(
            name=name, name_reading="だんたい", legal_form="voluntary", status="registered"
        )

    first = group("まちの会")
    assert "まちの会" in str(ApplicationForm()["organization"])
    with CaptureQueriesContext(connection) as queries:
        select = str(ApplicationForm()["organization"])
    assert (len(queries), f'value="{first.pk}"' in select) == (0, True)
    group("川の会")
    assert "川の会" in str(ApplicationForm()["organization"])
