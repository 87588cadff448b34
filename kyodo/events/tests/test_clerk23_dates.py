"""A new clerk's day (2026-12-07): the dates after an event carry their weekday, as every other
date of the event pages does.

Before, a recorded 感想 said 「(令和8年12月8日, 西口)」, the questionnaire 「(初回送信 令和8年12月8
日)」 and the participant's page 「ご回答を受け付けました（令和8年12月8日）」: no weekday, and a
Western comma in Japanese text (now 「、」, as the list of applications writes it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core.wareki import format_wareki
from kyodo.events import services
from kyodo.events.models import Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_event(event, staff_user):
    participant = apply(event, 1)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=1))
    event.refresh_from_db()
    return event, participant


def test_a_note_and_the_first_questionnaire_show_the_day_with_its_weekday(
    client, staff_user, held_event
):
    event, _participant = held_event
    services.note_add(actor=staff_user, event=event, kind="feedback", text="時間が短かった")
    services.feedback_request(actor=staff_user, event=event)
    client.force_login(staff_user)

    page = client.get(f"/staff/events/{event.pk}/").text

    today = format_wareki(timezone.localdate())
    assert f'時間が短かった<span class="help">（{today}、中澤）</span>' in page
    assert f'<span class="help">（初回送信 {today}）</span>' in page


def test_the_participant_sees_when_the_answer_was_received(client, staff_user, held_event):
    event, participant = held_event
    services.feedback_request(actor=staff_user, event=event)
    url = f"/events/feedback/{participant.token}/"
    services.feedback_answer(token=participant.token, satisfaction=4, requests="次は3時間で")

    page = client.get(url).text

    today = format_wareki(timezone.localdate())
    assert f"ご回答を受け付けました（{today}）。下のフォームで変更できます。" in page


def test_the_attendance_of_people_and_groups_is_joined_in_japanese(client, staff_user, held_event):
    event, participant = held_event
    services.event_record_attendance(
        actor=staff_user,
        event=event,
        attendance={participant.pk: "attended"},
        walk_in_people=2,
        walk_in_groups=1,
    )
    client.force_login(staff_user)
    page = client.get(f"/staff/events/{event.pk}/").text
    assert "<p>出欠・参加者数：3人、1団体</p>" in page
