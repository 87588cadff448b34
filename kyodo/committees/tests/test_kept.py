"""What the committee pages keep until the next write (kyodo.core.memo): read once, read again
after any write. (Inside a test's transaction nothing is kept: these tests commit.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.committees.forms import MeetingForm, NextMeetingForm
from kyodo.core.models import Venue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("own_generation")]


def test_the_venues_of_the_meeting_forms_are_read_again_after_a_write_only():
    hall = Venue.objects.create(name="第1会議室", name_reading="だいいち")
    assert "第1会議室" in str(MeetingForm()["venue"])
    with CaptureQueriesContext(connection) as queries:
        select = str(NextMeetingForm()["venue"])
    assert (len(queries), f'<option value="{hall.pk}">第1会議室</option>' in select) == (0, True)
    Venue.objects.filter(pk=hall.pk).update(is_active=False)
    Venue.objects.create(name="和室", name_reading="わしつ")
    select = str(MeetingForm()["venue"])
    assert "和室" in select and "第1会議室" not in select


def test_the_empty_meeting_form_is_written_once_until_a_write():
    """``KeptWhenEmpty`` (kyodo.core.forms): the staff committee page's new-meeting form, empty,
    is written once per language until the next write; a form with values never is."""
    from django.utils import translation

    from kyodo.core.forms import _form_fields_html, form_fields_html

    hall = Venue.objects.create(name="第1会議室", name_reading="だいいち")
    with translation.override("ja"):
        first = form_fields_html(MeetingForm())
        with CaptureQueriesContext(connection) as queries:
            again = form_fields_html(MeetingForm())
        assert (len(queries), again is first) == (0, True)  # the same text, not written again
        assert again == _form_fields_html(MeetingForm())  # what it writes without keeping
        assert f'<option value="{hall.pk}">第1会議室</option>' in again and "日付" in again
    with translation.override("en"):
        assert "Date" in form_fields_html(MeetingForm())  # each language its own
    Venue.objects.create(name="和室", name_reading="わしつ")
    with translation.override("ja"):
        after = form_fields_html(MeetingForm())
        assert "和室" in after and after is not first
        bound = form_fields_html(MeetingForm({"date": "令和8年1月5日", "number": "3"}))
        given = form_fields_html(MeetingForm(initial={"number": 7}))
        prefixed = form_fields_html(MeetingForm(prefix="next"))
    assert 'value="令和8年1月5日"' in bound and 'value="3"' in bound
    assert 'value="7"' in given
    assert 'name="next-date"' in prefixed
    with translation.override("ja"):
        assert form_fields_html(MeetingForm()) is after  # none of them replaced the kept one
