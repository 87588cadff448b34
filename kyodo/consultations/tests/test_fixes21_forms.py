"""A newcomer's findings on /staff/consultations/new/: a follow-up needs its date, 相談日 starts
at today, 相談内容 has a limit (session 21)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.consultations import exceptions
from kyodo.consultations.models import SUMMARY_MAX_LENGTH, Consultation
from kyodo.consultations.services import ConsultationFields, consultation_update
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.todo import consultation_follow_ups, todo_counts
from kyodo.core.wareki import format_wareki


def _form(**overrides):
    data = {
        "received_on": "平成22年12月7日",
        "channel": "visit",
        "client_type": "individual",
        "categories": ["legal_form"],
        "summary": "法人格について相談",
    }
    return data | overrides


# --- a follow-up needs its date ---------------------------------------------------------------


def test_the_service_refuses_a_follow_up_without_a_date_and_writes_nothing(staff_user):
    with pytest.raises(exceptions.FollowUpDateMissing) as caught:
        make_consultation(staff_user, follow_up_needed=True, follow_up_on=None)

    assert caught.value.field == "follow_up_on"
    assert str(caught.value.message) == (
        "フォローアップ予定日を入力してください。その日から「やること」に表示されます。"
    )
    assert Consultation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_an_edit_cannot_drop_the_date_of_a_needed_follow_up(staff_user):
    consultation = make_consultation(
        staff_user, follow_up_needed=True, follow_up_on=date(2010, 12, 20)
    )
    AuditEntry.objects.all().delete()
    fields = ConsultationFields(
        received_on=date(2010, 12, 7),
        channel="visit",
        client_type="individual",
        categories=["legal_form"],
        summary="法人格について相談",
        follow_up_needed=True,
        follow_up_on=None,
        staff=staff_user,
    )

    with pytest.raises(exceptions.FollowUpDateMissing):
        consultation_update(actor=staff_user, consultation=consultation, fields=fields)

    consultation.refresh_from_db()
    assert consultation.follow_up_on == date(2010, 12, 20)
    assert AuditEntry.objects.count() == 0


def test_the_form_says_so_on_the_date_field_and_saves_nothing(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/staff/consultations/new/", _form(staff=staff_user.pk, follow_up_needed="on")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "follow_up_on": [
            "フォローアップ予定日を入力してください。その日から「やること」に表示されます。"
        ]
    }
    assert (
        '<p class="error" id="id_follow_up_on_error">フォローアップ予定日を入力してください。'
        "その日から「やること」に表示されます。</p>" in response.text
    )
    assert Consultation.objects.count() == 0


def test_the_date_field_says_when_it_is_needed(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/staff/consultations/new/").text
    assert (
        '<p class="help" id="id_follow_up_on_helptext">「フォローアップが必要」にチェックを'
        "入れたときは必須です。例：令和7年4月1日、R7.4.1。年を省いた「12/21」は、今日以降で"
        "最初に来る12月21日です。</p>" in page
    )


def test_a_follow_up_saved_without_a_date_before_the_rule_is_on_the_to_do_list(staff_user):
    today = timezone.localdate()
    dated = make_consultation(
        staff_user,
        received_on=today,
        follow_up_needed=True,
        follow_up_on=today,
        summary="今日のフォローアップ",
    )
    # As consultation 10 of the demo was saved: ticked, no date (written before the rule).
    undated = make_consultation(staff_user, received_on=today, summary="日付のないフォローアップ")
    Consultation.objects.filter(pk=undated.pk).update(follow_up_needed=True)
    make_consultation(
        staff_user,
        received_on=today,
        follow_up_needed=True,
        follow_up_on=today + timedelta(days=1),
        summary="明日のフォローアップ",
    )

    items = consultation_follow_ups(today)

    assert [(i.url, i.when, i.detail) for i in items] == [
        (f"/staff/consultations/{undated.pk}/", None, "予定日なし"),
        (f"/staff/consultations/{dated.pk}/", today, "今日が期日"),
    ]
    assert todo_counts(today)["follow-ups"] == 2


# --- 相談日 starts at today ---------------------------------------------------------------------


def test_the_date_of_consultation_starts_at_today_in_japan(client, staff_user, settings):
    client.force_login(staff_user)
    response = client.get("/staff/consultations/new/")
    today = timezone.localdate()
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert response.context["form"].initial["received_on"] == today
    shown = format_wareki(today, weekday=False)  # 令和8年12月7日 on the day of the finding
    assert f'name="received_on" value="{shown}"' in response.text


def test_editing_keeps_the_recorded_date(client, staff_user):
    consultation = make_consultation(staff_user)
    client.force_login(staff_user)
    page = client.get(f"/staff/consultations/{consultation.pk}/edit/").text
    assert 'name="received_on" value="平成22年12月7日"' in page


# --- 相談内容 has a limit ---------------------------------------------------------------------


def test_the_summary_has_a_limit_of_ten_thousand_characters():
    assert SUMMARY_MAX_LENGTH == 10_000


def test_the_service_refuses_a_summary_over_the_limit(staff_user):
    with pytest.raises(exceptions.SummaryTooLong) as caught:
        make_consultation(staff_user, summary="あ" * 20_000)

    assert caught.value.field == "summary"
    assert (
        str(caught.value.message) == "相談内容は10000文字以内で入力してください（現在20000文字）。"
    )
    assert Consultation.objects.count() == 0


def test_a_summary_of_exactly_the_limit_is_kept(staff_user):
    consultation = make_consultation(staff_user, summary="あ" * SUMMARY_MAX_LENGTH)
    consultation.refresh_from_db()
    assert len(consultation.summary) == 10_000


def test_the_form_refuses_a_long_summary_in_japanese_and_saves_nothing(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/staff/consultations/new/", _form(staff=staff_user.pk, summary="あ" * 20_000)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "summary": ["相談内容は10000文字以内で入力してください（現在20000文字）。"]
    }
    assert Consultation.objects.count() == 0


def test_the_summary_box_says_its_limit_to_the_browser(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/staff/consultations/new/").text
    assert 'maxlength="10000"' in page
