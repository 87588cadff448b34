"""Smaller parser behaviours, on documents built in the test."""

from __future__ import annotations

from kyodo.minutes_text import Entry, Item, parse_minutes


def numbered(*pages: list[str]) -> str:
    """Lines with their page-line numbers glued on, as PDF extraction prints."""
    out = []
    for page in pages:
        for number, line in enumerate(page, start=1):
            out.append(f"{' ' if number == 1 else ''}{line}{number} ")
    return "\n".join(out) + "\n"


FULL = "あ" * 40  # a full line of a 80-column page


def test_organization_may_follow_the_title() -> None:
    minutes = parse_minutes(
        "第1回運営委員会会議録\nみどり市市民活動支援センター\n１．報告事項\n１．講座\n○説明\n"
    )
    assert minutes.organization == "みどり市市民活動支援センター"
    assert minutes.title == "第1回運営委員会会議録"


def test_entries_directly_under_a_section_go_to_item_zero() -> None:
    minutes = parse_minutes("運営委員会会議録\n４．その他\n事務局：次回は未定。\n")
    assert minutes.sections[0].items == [
        Item(0, "", [Entry("statement", "次回は未定。", "事務局")])
    ]


def test_a_long_item_title_wrapped_on_to_the_next_line() -> None:
    title = "い" * 38
    text = numbered(
        [
            "運営委員会会議録",
            "",
            "１．報告事項",
            f"１．{title}",
            "について",
            f"事務局：{FULL[:36]}",
            f"{FULL[:10]}。",
            "委員長：了承。",
        ]
    )
    item = parse_minutes(text).sections[0].items[0]
    assert item.title == title + "について"
    assert [e.speaker for e in item.entries] == ["事務局", "委員長"]


def test_a_numbered_point_inside_a_statement_is_not_an_item() -> None:
    text = numbered(
        [
            "運営委員会会議録",
            "",
            "１．報告事項",
            "１．講座について",
            "事務局：" + FULL[:30] + "次の二点である。",
            "（１）会場は" + FULL[:30] + "、",
            "（２）日程は" + FULL[:30] + "、",
            "の順に決める。",
        ]
    )
    items = parse_minutes(text).sections[0].items
    assert [i.number for i in items] == [1]
    assert items[0].entries[0].text.endswith("の順に決める。")


def test_page_footers_are_dropped() -> None:
    text = numbered(
        ["運営委員会会議録", "", "１．報告事項", "１．講座について", "事務局：" + FULL[:36]],
        [FULL[:20] + "。", "委員長：了承。", "", "", ""],
    )
    lines = text.splitlines()
    lines.insert(5, "- 1 -")
    minutes = parse_minutes("\n".join(lines) + "\n- 2 -\n")
    assert [e.text for e in minutes.entries()] == ["あ" * 56 + "。", "了承。"]


def test_bare_decision_after_a_sentence_is_a_note() -> None:
    text = (
        "運営委員会会議録\n１．審議事項\n１．会費\n委員長：改定してよいか。\n異議なく承認された。\n"
    )
    assert parse_minutes(text).entries()[-1] == Entry("note", "異議なく承認された。")


def test_header_fields_without_bullets_before_the_agenda() -> None:
    text = (
        "運営委員会会議録\n日　時：令和6年4月16日（火）午後2時～4時\n場　所：市民会館\n"
        "出席者：青木委員、石川委員\n欠席者：上野委員\n傍聴者：なし\n"
        "事務局：森下センター長\n１．報告事項\n１．講座\n○説明\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.venue, minutes.attendees, minutes.absentees) == (
        "市民会館",
        ["青木", "石川"],
        ["上野"],
    )
    assert minutes.observers == [] and minutes.secretariat[0].title == "センター長"
    assert minutes.start_time is not None and minutes.start_time.hour == 14


def test_secretariat_separated_by_spaces() -> None:
    text = "運営委員会会議録\n■事務局：西口センター長　丸木地域福祉課長\n■傍聴者：松本 コーディネーター\n１．報告事項\n１．講座\n○説明\n"
    minutes = parse_minutes(text)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("西口", "センター長"),
        ("丸木", "地域福祉課長"),
    ]
    one = parse_minutes(text.replace("西口センター長　丸木地域福祉課長", "松本 コーディネーター"))
    assert [(s.name, s.title) for s in one.secretariat] == [("松本", "コーディネーター")]
