"""The audit log in words where it still showed codes (the year's-turn audit, session 18): an
event's attendance per application, a collaboration's years, amount and groups."""

from __future__ import annotations

from django.utils import translation

from kyodo.collaboration.models import Collaboration
from kyodo.core.audit import change_lines
from kyodo.events.models import Event


def _lines(changes, **kwargs) -> list[tuple[str, str]]:
    with translation.override("ja"):
        return [(str(line.label), line.text) for line in change_lines(changes, **kwargs)]


def test_attendance_names_the_application_and_its_attendance_in_japanese():
    changes = {"application 12": "attended", "application 15": "no_show"}
    assert _lines(changes, model=Event, action="kyodo.events.event.attendance_recorded") == [
        ("申込番号12", "参加"),
        ("申込番号15", "欠席"),
    ]


def test_a_collaboration_s_years_amount_and_groups_read_as_people_write_them():
    changes = {
        "first_fiscal_year": 2027,
        "last_fiscal_year": 2028,
        "budget": 1200000,
        "organizations": [[], ["ひばりが丘こども食堂の会"]],
        "departments": [["協働推進課"], ["協働推進課", "児童福祉課"]],
    }
    assert _lines(changes, model=Collaboration) == [
        ("開始年度", "令和9年度"),
        ("終了年度", "令和10年度"),
        ("予算額（円）", "1,200,000円"),
        ("団体", "— → ひばりが丘こども食堂の会"),
        ("担当課", "協働推進課 → 協働推進課、児童福祉課"),
    ]
