"""The follow-ups to-do list (/staff/todo/follow-ups/): each row's two dates say what they are.

Before, a row read 「令和8年12月6日(日) 令和8年11月26日 …」: the second date (the consultation's)
had neither a label nor its weekday."""

from datetime import date

import pytest

from kyodo.consultations.models import Consultation
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.todo import consultation_follow_ups

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(staff_user):
    return make_consultation(
        staff_user,
        received_on=date(2026, 11, 26),
        follow_up_needed=True,
        follow_up_on=date(2026, 12, 6),
        summary="会計の相談\n続きは電話で",
    )


def test_a_follow_up_row_labels_both_dates_with_their_weekdays(client, staff_user, overdue):
    client.force_login(staff_user)

    page = client.get("/staff/todo/follow-ups/").text

    assert (
        '<li class="todo-item"><span class="when">期日 令和8年12月6日(日)</span> '
        '<span class="when">相談日 令和8年11月26日(木)</span> '
        f'<a href="/staff/consultations/{overdue.pk}/">会計の相談</a> <small>期限超過</small></li>'
    ) in page


def test_an_undated_follow_up_shows_its_consultation_date_alone(client, staff_user):
    undated = make_consultation(staff_user, received_on=date(2026, 11, 26))
    # As an old row may be: ticked without a date, and no summary (written before the rules).
    Consultation.objects.filter(pk=undated.pk).update(follow_up_needed=True, summary="")
    client.force_login(staff_user)

    page = client.get("/staff/todo/follow-ups/").text

    # No follow-up date: no 期日, and a consultation without a summary is still named.
    assert (
        '<li class="todo-item"><span class="when">相談日 令和8年11月26日(木)</span> '
        f'<a href="/staff/consultations/{undated.pk}/">相談</a> <small>予定日なし</small></li>'
    ) in page


def test_the_items_carry_the_labelled_dates(staff_user, overdue):
    items = consultation_follow_ups(date(2026, 12, 7))

    assert [(i.when_label, i.when, i.dates, i.title, i.detail) for i in items] == [
        ("期日", date(2026, 12, 6), (("相談日", date(2026, 11, 26)),), "会計の相談", "期限超過")
    ]
