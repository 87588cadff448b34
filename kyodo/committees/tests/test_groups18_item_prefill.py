"""「前月の月次報告を本文に入れる」 on a new agenda item (yearend finding 5): refused with a clear
message while the previous month has not ended, instead of writing its figures as facts."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from kyodo.committees import services
from kyodo.committees.models import AgendaItem
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

REFUSED = (
    "平成22年12月はまだ終わっていないため、その月次報告は本文に入れられません。チェックを外して"
    "本文なしで議題を追加するか、平成22年12月が終わってから議題を追加してください。"
)


@pytest.fixture
def on_day(monkeypatch):
    real = timezone.localdate

    def move_to(day: date) -> None:
        monkeypatch.setattr(
            "django.utils.timezone.localdate",
            lambda value=None, timezone=None: day if value is None else real(value, timezone),
        )

    return move_to


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _add(staff_client, meeting, **fields):
    data = {"category": "report", "title": "12月期の月次報告について", "body": "", **fields}
    return staff_client.post(f"/staff/committees/meetings/{meeting.pk}/items/new/", data)


@pytest.mark.parametrize("today", [date(2010, 12, 7), date(2010, 12, 31)])
def test_a_month_not_over_is_refused_and_nothing_is_added(on_day, staff_client, meeting, today):
    on_day(today)
    items, audits = AgendaItem.objects.count(), AuditEntry.objects.count()
    response = _add(staff_client, meeting, prefill_report="on")
    assert response.status_code == 400
    assert f'<p class="error" id="id_prefill_report_error">{REFUSED}</p>' in response.text
    assert (AgendaItem.objects.count(), AuditEntry.objects.count()) == (items, audits)


def test_a_month_over_fills_the_explanation_with_its_report(on_day, staff_client, meeting):
    on_day(date(2011, 1, 1))
    response = _add(staff_client, meeting, prefill_report="on")
    item = AgendaItem.objects.get(title="12月期の月次報告について")
    assert response.status_code == 302
    assert item.body == services.business_report_text(year=2010, month=12)
    assert item.body.startswith("12月に実施した事業はなかった。")


def test_without_the_box_or_with_a_text_nothing_is_refused(on_day, staff_client, meeting):
    on_day(date(2010, 12, 7))
    assert _add(staff_client, meeting).status_code == 302
    assert (
        _add(
            staff_client, meeting, title="報告", body="口頭で報告", prefill_report="on"
        ).status_code
        == 302
    )
    assert list(
        AgendaItem.objects.filter(title__in=["12月期の月次報告について", "報告"])
        .order_by("pk")
        .values_list("title", "body")
    ) == [("12月期の月次報告について", ""), ("報告", "口頭で報告")]
