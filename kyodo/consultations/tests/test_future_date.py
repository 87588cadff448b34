"""A consultation is recorded once it has been taken: a date after today is refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.consultations import exceptions
from kyodo.consultations.models import Consultation, ConsultationCategory
from kyodo.consultations.services import ConsultationFields, consultation_update
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import format_wareki

FUTURE_MESSAGE = "相談日に未来の日付は指定できません。"


def test_a_consultation_dated_after_today_is_refused_and_nothing_is_saved(staff_user):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(exceptions.ReceivedInFuture) as refused:
        make_consultation(staff_user, received_on=tomorrow)
    assert (str(refused.value.message), refused.value.field) == (FUTURE_MESSAGE, "received_on")
    assert Consultation.objects.count() == 0
    assert ConsultationCategory.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_consultation_taken_today_is_recorded(staff_user):
    today = timezone.localdate()
    consultation = make_consultation(staff_user, received_on=today)
    assert Consultation.objects.get().received_on == today == consultation.received_on


def test_an_edit_cannot_move_a_consultation_into_the_future(staff_user):
    consultation = make_consultation(staff_user)
    before = list(Consultation.objects.values())
    fields = ConsultationFields(
        received_on=timezone.localdate() + timedelta(days=1),
        channel=consultation.channel,
        client_type=consultation.client_type,
        categories=["legal_form"],
        summary=consultation.summary,
        staff=staff_user,
    )
    with pytest.raises(exceptions.ReceivedInFuture):
        consultation_update(actor=staff_user, consultation=consultation, fields=fields)
    assert list(Consultation.objects.values()) == before
    assert AuditEntry.objects.filter(action="kyodo.consultations.consultation.update").count() == 0


def test_the_form_says_in_japanese_next_to_the_date_that_it_is_in_the_future(client, staff_user):
    # 「令和9年3月1日」 when this test was written; always a day after today.
    tomorrow = format_wareki(timezone.localdate() + timedelta(days=1), weekday=False)
    client.force_login(staff_user)
    response = client.post(
        "/staff/consultations/new/",
        {
            "received_on": tomorrow,
            "channel": "visit",
            "client_type": "individual",
            "categories": ["legal_form"],
            "summary": "法人格について相談",
            "staff": staff_user.pk,
        },
    )
    assert response.status_code == 200
    assert f'id="id_received_on_error">{FUTURE_MESSAGE}</p>' in response.text
    assert f'value="{tomorrow}"' in response.text
    assert Consultation.objects.count() == 0
    assert AuditEntry.objects.count() == 0
