"""A held meeting's chair panel shows the drafts it approves as they stood when it began: the
9th of FY2010 put the 8th's approval off because two members had not received the draft (the
seed), though both received it before the 10th, which approved it."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import Meeting
from kyodo.core.models import User

pytestmark = pytest.mark.django_db


def _panel(client, meeting: Meeting) -> str:
    page = client.get(f"/member/meetings/{meeting.pk}/").text
    panel = re.search(r'<section class="chair-view".*?</section>\n</section>', page, re.S)[0]
    return panel


def _rows(panel: str) -> dict[str, str]:
    return dict(re.findall(r'<tr data-state="\w+"><td>(.+?)</td><td>(.+?)</td></tr>', panel))


def test_the_ninth_s_chair_panel_says_two_members_had_not_received_the_eighth_draft(client, demo):
    client.force_login(User.objects.get(username="kumada"))
    ninth = Meeting.objects.get(fiscal_year=2010, number=9)
    panel = _panel(client, ninth)
    assert "平成22年12月21日(火)に委員へ送付しました。" in panel
    assert "<p>会議の開始時（平成23年1月18日(火) 午後7時）の受領の状況です。</p>" in panel
    assert "未定稿を受領していない委員が2名います。" in panel
    assert "委員全員が未定稿を受領しています。" not in panel
    rows = _rows(panel)
    assert {name: state for name, state in rows.items() if state != "受領済み"} == {
        "山辺": "未受領",
        "吉田": "送信失敗",
    }
    assert len(rows) == 12

    # The 10th, which approved it: everyone had received it by then.
    tenth = Meeting.objects.get(fiscal_year=2010, number=10)
    panel = _panel(client, tenth)
    assert "<p>会議の開始時（平成23年2月22日(火) 午後7時）の受領の状況です。</p>" in panel
    assert "委員全員が未定稿を受領しています。" in panel
    assert set(_rows(panel).values()) == {"受領済み"}
