"""parse_entries / render_entries: the authoring case for one agenda item."""

from __future__ import annotations

from kyodo.minutes_text import Entry, parse_entries, render_entries

TYPED = """\
○資料に基づき事務局が説明
事務局：今年度は受け入れ先を増やし、
募集定員は６０名とした。
委 員：高校生の参加が少ない。
【委員長】検討してほしい。
○熊田委員長　それでは次へ。
（委員）賛成です。
副委員長:半角コロンでも
よい。
"""


def test_typed_entries() -> None:
    assert parse_entries(TYPED) == [
        Entry("note", "資料に基づき事務局が説明"),
        Entry("statement", "今年度は受け入れ先を増やし、募集定員は６０名とした。", "事務局"),
        Entry("statement", "高校生の参加が少ない。", "委員"),
        Entry("statement", "検討してほしい。", "委員長"),
        Entry("statement", "それでは次へ。", "熊田委員長"),
        Entry("statement", "賛成です。", "委員"),
        Entry("statement", "半角コロンでもよい。", "副委員長"),
    ]


def test_leading_prose_becomes_a_note() -> None:
    assert parse_entries("説明があった。\n委員長：了承。") == [
        Entry("note", "説明があった。"),
        Entry("statement", "了承。", "委員長"),
    ]


def test_empty_text_has_no_entries() -> None:
    assert parse_entries("") == []
    assert parse_entries("\n  \n") == []


def test_render_entries_house_format() -> None:
    entries = [
        Entry("statement", "意見をお願いする。", "委員長"),
        Entry("note", "満場一致で承認された。"),
    ]
    assert render_entries(entries) == "委員長：意見をお願いする。\n○満場一致で承認された。\n"
    assert parse_entries(render_entries(entries)) == entries


def test_to_dict_shapes() -> None:
    assert Entry("note", "x").to_dict() == {"kind": "note", "text": "x"}
    assert Entry("statement", "y", "委員").to_dict() == {
        "kind": "statement",
        "speaker": "委員",
        "text": "y",
    }


def test_a_given_name_in_kana_after_the_family_name_and_a_space():
    # Typed by staff as the member is registered (「大野 さくら」): was glued to the turn before.
    from kyodo.minutes_text.parser import parse_entries

    entries = parse_entries(
        "熊田委員長：それでは始めます。\n大野 さくら委員：ありがとうございます。\n"
    )
    assert [(e.kind, e.speaker, e.text) for e in entries] == [
        ("statement", "熊田委員長", "それでは始めます。"),
        ("statement", "大野さくら委員", "ありがとうございます。"),
    ]
