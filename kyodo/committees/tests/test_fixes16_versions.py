"""Findings 7 and 8 on published minutes' versions: each version has its own page, read from the
frozen version; the list fits a 320px screen; a correction's difference marks the characters
changed inside a line."""

from __future__ import annotations

import re

import pytest

from kyodo.committees import services
from kyodo.committees.documents import version_document
from kyodo.committees.models import Member, Minutes
from kyodo.committees.services.versions import DiffLine, _diff
from kyodo.committees.tests.test_services import _confirmed

# A paragraph of 600 characters with one character missing (フェティバル for フェスティバル).
PARAGRAPH = "市民まつりのフェティバル部門について、" + "協働の取り組みを報告した。" * 44
FIXED = PARAGRAPH.replace("フェティバル", "フェスティバル")


@pytest.fixture
def corrected(committee, staff, meeting):
    minutes, _item = _confirmed(committee, staff, meeting)
    place = services.item_places(version_document(minutes.current_version))[0][0]
    services.minutes_correct(
        actor=staff,
        minutes=minutes,
        place=place,
        text=f"委員長：協働について、意見交換をしたい。\n事務局：{PARAGRAPH}",
        reason="委員の発言を補足",
    )
    minutes = Minutes.objects.get(pk=minutes.pk)
    services.minutes_correct(
        actor=staff,
        minutes=minutes,
        place=place,
        text=f"委員長：協働について、意見交換をしたい。\n事務局：{FIXED}",
        reason="誤字の訂正",
    )
    return Minutes.objects.get(pk=minutes.pk)


# --- finding 7: a page per version ----------------------------------------------------------------


def test_each_version_has_its_own_page_read_from_the_frozen_version(client, committee, corrected):
    pk = corrected.pk
    first = client.get(f"/committee/minutes/{pk}/versions/1/")
    assert first.status_code == 200
    # As version 1 printed it.
    assert '<span class="speaker">委員長</span>：協働について意見交換をしたい。' in first.text
    assert "協働について、意見交換" not in first.text
    assert '<meta name="robots" content="noindex">' in first.text
    assert "第1版（" in first.text and "のちに訂正された、以前の版です。" in first.text
    assert f'href="/committee/minutes/{pk}/diff/1/2/"' in first.text
    # Renaming a member afterwards changes no version page.
    Member.objects.filter(name="熊田").update(name="熊田二郎")
    assert "熊田二郎" not in client.get(f"/committee/minutes/{pk}/versions/1/").text
    current = client.get(f"/committee/minutes/{pk}/versions/3/")
    assert "第3版：この会議録の現在の版です。" in current.text
    assert "noindex" not in current.text
    assert client.get(f"/committee/minutes/{pk}/versions/4/").status_code == 404
    assert client.get(f"/committee/minutes/{pk + 1}/versions/1/").status_code == 404


def test_minutes_not_published_have_no_version_pages(client, staff, meeting):
    from kyodo.committees.tests.test_services import _minutes_with_entries

    _minutes_with_entries(staff, meeting)
    assert client.get(f"/committee/minutes/{meeting.minutes.pk}/versions/1/").status_code == 404


def test_the_versions_list_links_each_version_and_labels_its_cells(client, corrected):
    pk = corrected.pk
    page = client.get(f"/committee/minutes/{pk}/versions/").text
    for number in (1, 2, 3):
        assert f'<a href="/committee/minutes/{pk}/versions/{number}/">第{number}版</a>' in page
    assert re.search(r'<td data-label="差分"><a href="/committee/minutes/\d+/diff/2/3/">', page)


def test_the_public_stylesheet_stacks_the_versions_table_on_a_narrow_screen():
    from pathlib import Path

    css = (Path(__file__).parents[2] / "website/static/website/site.css").read_text()
    block = css[css.index("fixes16 finding 7") :]
    assert "@media (max-width: 40rem)" in block
    assert "table.versions td[data-label]::before" in block


# --- finding 8: the changed characters inside a line --------------------------------------------


def test_a_one_character_fix_in_a_long_line_marks_only_that_character():
    lines = _diff([f"事務局：{PARAGRAPH}"], [f"事務局：{FIXED}"])
    assert [(d.op, d.text) for d in lines] == [
        ("removed", f"事務局：{PARAGRAPH}"),
        ("added", f"事務局：{FIXED}"),
    ]
    # Nothing was removed: the line before has no marked characters.
    assert "".join(text for _changed, text in lines[0].parts) == f"事務局：{PARAGRAPH}"
    assert not any(changed for changed, _text in lines[0].parts)
    assert [(changed, text) for changed, text in lines[1].parts if changed] == [(True, "ス")]
    html = str(lines[1].html)
    assert html.startswith(
        '<span class="visually-hidden">変更後の行： </span><span aria-hidden="true">+ </span>'
        "事務局：市民まつりのフェ"
        '<ins class="diff-chars"><span class="visually-hidden">追加された文字： </span>ス'
        '<span class="visually-hidden"> （追加ここまで）</span></ins>ティバル部門'
    )
    removed = str(_diff(["委員長：一方法である。"], ["委員長：一案である。"])[0].html)
    assert (
        '<del class="diff-chars"><span class="visually-hidden">削除された文字： </span>方法'
        '<span class="visually-hidden"> （削除ここまで）</span></del>'
    ) in removed


def test_unrelated_or_unpaired_lines_are_shown_whole():
    assert _diff(["事務局：報告した。"], ["委員長：閉会を宣言した。"]) == [
        DiffLine("removed", "事務局：報告した。"),
        DiffLine("added", "委員長：閉会を宣言した。"),
    ]
    lines = _diff(["a", "b"], ["c"])
    assert [(d.op, d.parts) for d in lines] == [("removed", ()), ("removed", ()), ("added", ())]
    assert str(lines[2].html) == '<ins><span class="visually-hidden">追加： </span>+ c</ins>'
    assert str(DiffLine("same", "<b>").html) == "&lt;b&gt;"


def test_the_public_diff_page_marks_the_changed_character(client, corrected):
    page = client.get(f"/committee/minutes/{corrected.pk}/diff/2/3/").text
    assert page.count('class="diff-chars"') == 1
    assert (
        '<ins class="diff-chars"><span class="visually-hidden">追加された文字： </span>ス' in page
    )
    assert "削除された文字に取り消し線を、追加された文字に下線を引いています。" in page


def test_the_staff_preview_gets_the_same_parts(corrected):
    document = version_document(corrected.current_version)
    place = services.item_places(document)[0][0]
    from kyodo.minutes_text import Entry

    entries = [
        Entry(kind="statement", speaker="委員長", text="協働について、意見交換をしたい。"),
        Entry(
            kind="statement", speaker="事務局", text=FIXED.replace("報告した", "報告しました", 1)
        ),
    ]
    preview = services.correction_preview(document, place, entries)
    (added,) = [d for d in preview if d.op == "added"]
    assert [text for changed, text in added.parts if changed] == ["しま"]
    assert 'class="diff-chars"' in str(added.html)
