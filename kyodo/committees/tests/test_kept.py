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
