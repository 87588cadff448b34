"""A citation of confirmed minutes stays true through a correction: each speaker turn's anchor
(``#entry-<id>``, in the public page, the search index and the API's statements) is kept for the
turns a correction left as they were or changed where they stood; only turns it added are new."""

from __future__ import annotations

import re

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.models import Minutes, MinutesEntry
from kyodo.committees.tests.test_services import _confirmed
from kyodo.search.models import SearchDocument


def _anchors(html: str) -> list[str]:
    return re.findall(r'id="(entry-\d+)"', html)


def test_a_correction_keeps_the_anchor_of_every_turn_it_did_not_add(
    client, committee, staff, meeting
):
    minutes, item = _confirmed(committee, staff, meeting)
    rows = list(item.entries.order_by("position").values_list("pk", "text"))
    assert [text for _pk, text in rows] == [
        "協働について意見交換をしたい。",
        "総論としての協働を考えるのも一方法であるが、２月９日の協働シンポジウムで見えてくる部分もあると思う。",
        "市民活動団体の参加に比べ行政の参加が少ない。",
        "満場一致で次期担当理事候補を熊田委員長にお願いすることになった。",
    ]
    before = [f"entry-{pk}" for pk, _text in rows]
    page = client.get(f"/committee/minutes/{minutes.pk}/").content.decode()
    assert [a for a in _anchors(page) if a in before] == before
    place = services.item_places(version_document(minutes.current_version))[0][0]
    text = services.item_text(version_document(minutes.current_version), place)
    # The second turn corrected where it stands, a turn added after the third.
    text = text.replace("一方法であるが、", "一つの方法であるが、").replace(
        "行政の参加が少ない。", "行政の参加が少ない。\n委員長：次回も続けたい。"
    )
    services.minutes_correct(
        actor=staff, minutes=minutes, place=place, text=text, reason="発言の補足"
    )
    minutes = Minutes.objects.get(pk=minutes.pk)
    after = list(item.entries.order_by("position").values_list("pk", "position", "text"))
    assert [(pk, position) for pk, position, _text in after][:3] == [
        (rows[0][0], 1),
        (rows[1][0], 2),
        (rows[2][0], 3),
    ]
    assert after[1][2].startswith("総論としての協働を考えるのも一つの方法であるが、")
    added = after[3][0]
    assert added not in {pk for pk, _text in rows}
    assert after[3][1:] == (4, "次回も続けたい。")
    assert after[4] == (rows[3][0], 5, rows[3][1])
    assert MinutesEntry.objects.filter(item=item).count() == 5

    # The public page, the frozen version's anchors and the search index agree.
    page = client.get(f"/committee/minutes/{minutes.pk}/").content.decode()
    expected = [f"entry-{pk}" for pk, _position, _text in after]
    assert [a for a in _anchors(page) if a in {*expected, *before}] == expected
    assert minutes.current_version.refs[:5] == [pk for pk, _position, _text in after]
    indexed = set(
        SearchDocument.objects.filter(meeting_id=meeting.pk).values_list("url", flat=True)
    )
    assert {u for u in indexed if "#entry-" in u} >= {
        f"/committee/minutes/{minutes.pk}/#entry-{pk}" for pk, *_ in after
    }
    # Version 1's own page keeps the anchors it had.
    first = client.get(f"/committee/minutes/{minutes.pk}/versions/1/").content.decode()
    assert [a for a in _anchors(first) if a in before] == before


def test_a_turn_taken_out_loses_its_row_and_the_others_keep_theirs(committee, staff, meeting):
    minutes, item = _confirmed(committee, staff, meeting)
    rows = list(item.entries.order_by("position").values_list("pk", flat=True))
    place = services.item_places(version_document(minutes.current_version))[0][0]
    text = services.item_text(version_document(minutes.current_version), place)
    lines = text.splitlines()
    # The first turn removed.
    services.minutes_correct(
        actor=staff, minutes=minutes, place=place, text="\n".join(lines[1:]), reason="重複"
    )
    assert list(item.entries.order_by("position").values_list("pk", "position")) == [
        (rows[1], 1),
        (rows[2], 2),
        (rows[3], 3),
    ]
    assert not MinutesEntry.objects.filter(pk=rows[0]).exists()


def test_anyone_can_check_a_version_s_hash_from_its_published_document(
    client, committee, staff, meeting
):
    import hashlib

    minutes, _item = _confirmed(committee, staff, meeting)
    version = minutes.current_version
    url = f"/committee/minutes/{minutes.pk}/versions/1/document.json"
    page = client.get(f"/committee/minutes/{minutes.pk}/").content.decode()
    assert f'<a href="{url}">この版の文書（正規化した JSON）</a>' in page
    assert "kyodo minutes verify" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="minutes-{minutes.pk}-v1.json"'
    )
    assert hashlib.sha256(response.content).hexdigest() == version.sha256
    assert (
        client.get(f"/committee/minutes/{minutes.pk}/versions/2/document.json").status_code == 404
    )


def test_a_draft_s_document_is_not_published(client, staff, meeting):
    from kyodo.committees.tests.test_services import _minutes_with_entries

    _minutes_with_entries(staff, meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    assert (
        client.get(f"/committee/minutes/{minutes.pk}/versions/1/document.json").status_code == 404
    )


def test_a_turn_inserted_before_a_turn_also_changed_does_not_take_its_anchor(
    committee, staff, meeting
):
    # The frozen-record audit: a line inserted right before a line edited by one character took
    # the edited line's row, so `#entry-N` and the API's statement N named the inserted text.
    minutes, item = _confirmed(committee, staff, meeting)
    rows = list(item.entries.order_by("position").values_list("pk", "text"))
    place = services.item_places(version_document(minutes.current_version))[0][0]
    text = services.item_text(version_document(minutes.current_version), place)
    text = text.replace(
        "事務局：総論としての協働を考えるのも一方法であるが、",
        "事務局：訂正で挿入した発言である。\n事務局：総論としての協働を考えるのも一つの方法であるが、",
    )
    services.minutes_correct(actor=staff, minutes=minutes, place=place, text=text, reason="補足")
    after = list(item.entries.order_by("position").values_list("pk", "text"))
    assert [text for _pk, text in after] == [
        "協働について意見交換をしたい。",
        "訂正で挿入した発言である。",
        "総論としての協働を考えるのも一つの方法であるが、２月９日の協働シンポジウムで見えてくる部分もあると思う。",
        "市民活動団体の参加に比べ行政の参加が少ない。",
        "満場一致で次期担当理事候補を熊田委員長にお願いすることになった。",
    ]
    old = [pk for pk, _text in rows]
    assert [pk for pk, _text in after] == [old[0], after[1][0], old[1], old[2], old[3]]
    assert after[1][0] not in old
