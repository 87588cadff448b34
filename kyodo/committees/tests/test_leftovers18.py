"""Session 18's leftovers: a member's own correction page numbers the lines as printed.

The line picker of the member's page (/committee/check/<token>/) numbered sections among those
with entries, so that a 審議事項 with no entry yet made the 協議事項 below it 「2」 in the picker
and 「3」 on the page above it, on the staff page and in the PDF. It now numbers them from the
same document the page prints.
"""

from __future__ import annotations

import re

import pytest

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, CorrectionRequest, MinutesEntry
from kyodo.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def circulated(staff, meeting):
    """A report with two lines, a deliberation item with none yet, a discussion with one."""
    report = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(
        actor=staff, item=report, text="○月次報告を説明した。\n委員長：質問はありますか。"
    )
    services.item_add(
        actor=staff,
        meeting=meeting,
        category=AgendaItem.Category.DELIBERATION,
        title="前回会議録の承認について",
    )
    discussion = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    services.minutes_entries_from_text(
        actor=staff, item=discussion, text="事務局：ワークショップを検討します。"
    )
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    return circulation.recipients.get(member__name="坂口")


def _picker(page: str) -> list:
    select = page[page.index('<select name="entry"') : page.index("</select>")]
    groups = []
    for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S):
        options = re.findall(r'<option value="(\d+)">([^<]*)</option>', body)
        groups.append((label, [(int(pk), text) for pk, text in options]))
    return groups


def test_the_members_picker_numbers_lines_as_the_page_prints_them(client, circulated, meeting):
    ids = {e.text: e.pk for e in MinutesEntry.objects.filter(item__meeting=meeting)}

    page = client.get(f"/committee/check/{circulated.token}/").text

    # The page prints the three sections, the deliberation item without entries included.
    assert re.findall(r"<h2>(\d．\w+)</h2>", page) == ["1．報告事項", "2．審議事項", "3．協議事項"]
    assert '<option value="" selected>会議録全体</option>' in page
    assert _picker(page) == [
        (
            "1．報告事項　1．業務報告について",
            [
                (ids["月次報告を説明した。"], "1-1-1　○月次報告を説明した。"),
                (ids["質問はありますか。"], "1-1-2　委員長：質問はありますか。"),
            ],
        ),
        (
            "3．協議事項　1．協働について",
            [(ids["ワークショップを検討します。"], "3-1-1　事務局：ワークショップを検討します。")],
        ),
    ]


def test_the_staff_page_prints_the_same_numbers(client, staff, circulated, meeting):
    client.force_login(staff)
    page = client.get(f"/staff/committees/minutes/{meeting.minutes.pk}/").text
    # The document's headings sit below the page's own title (<h4> under <h1>, session 19).
    assert re.findall(r"<h4>(\d．\w+)</h4>", page) == ["1．報告事項", "2．審議事項", "3．協議事項"]


def test_a_line_chosen_in_the_picker_is_the_one_asked_about(client, circulated, meeting):
    entry = MinutesEntry.objects.get(text="ワークショップを検討します。")

    response = client.post(
        f"/committee/check/{circulated.token}/",
        {"entry": str(entry.pk), "text": "「ワークショップ」は「講座」の誤りです。"},
    )

    assert response.status_code == 302
    correction = CorrectionRequest.objects.get()
    assert (correction.entry, correction.entry_text, correction.text) == (
        entry,
        "事務局：ワークショップを検討します。",
        "「ワークショップ」は「講座」の誤りです。",
    )
    assert OutboxMessage.objects.filter(kind="committees.minutes.correction_requested").count() == 1


def test_an_entry_of_another_meeting_is_refused_and_nothing_is_recorded(
    client, circulated, staff, committee
):
    from datetime import date, time

    other = services.meeting_create(
        actor=staff, committee=committee, date=date(2011, 2, 22), start_time=time(19)
    )
    item = services.item_add(
        actor=staff, meeting=other, category=AgendaItem.Category.OTHER, title="日程について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="○次回は未定。")
    foreign = item.entries.get()

    response = client.post(
        f"/committee/check/{circulated.token}/", {"entry": str(foreign.pk), "text": "誤り"}
    )

    assert response.status_code == 200
    assert f"正しく選択してください。 {foreign.pk} は候補にありません。" in response.text
    assert CorrectionRequest.objects.count() == 0
