"""Meeting numbers are taken under a lock: two staff creating meetings at once get 1 and 2, in
the order of their dates."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from kyodo.committees.models import Meeting
from kyodo.committees.services import meeting_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_meeting_creation_gets_distinct_numbers(committee, staff):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises every write anyway")
    barrier = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[Exception] = []

    def create(day: date) -> None:
        try:
            barrier.wait()
            numbers.append(meeting_create(actor=staff, committee=committee, date=day).number)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=create, args=(day,))
        for day in (date(2011, 1, 18), date(2011, 2, 22))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Whichever came first, the numbers follow the dates: the earlier day is 第1回 (the one
    # created second for it took 第1回 and moved the other up one).
    assert len(numbers) == 2
    assert list(Meeting.objects.order_by("date").values_list("date", "number")) == [
        (date(2011, 1, 18), 1),
        (date(2011, 2, 22), 2),
    ]
