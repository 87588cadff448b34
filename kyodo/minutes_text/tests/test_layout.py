"""Page-line numbers and pushed-down boxed content (the PDF layout)."""

from __future__ import annotations

from kyodo.minutes_text._layout import layout_lines


def _texts(text: str) -> list[str]:
    return [line.text for line in layout_lines(text).body if not line.blank]


def test_numbers_are_removed_by_following_the_sequence() -> None:
    text = " 表題1 \n小冊子の2\n作成について3 \n第１4\n予算は20245\n 6 \n"
    assert _texts(text) == ["表題", "小冊子の", "作成について", "第１", "予算は2024"]


def test_text_made_of_digits_keeps_them() -> None:
    # 「1500」 on line 13 prints as 「150013」.
    lines = [f"行{n}{n} " for n in range(1, 13)] + ["150013", "部である。14 "]
    assert _texts("\n".join(lines))[-2:] == ["1500", "部である。"]


def test_numbering_restarts_on_each_page() -> None:
    text = " 一1 \n二2 \n三3 \n 四1 \n五2 \n"
    layout = layout_lines(text)
    assert layout.numbered
    assert [line.text for line in layout.body] == ["一", "二", "三", "四", "五"]


def test_a_page_starting_with_text_ending_in_one() -> None:
    # Page 2 line 1 is 「…提1」 + 1 → 「…提11」, not line 11 of page 1.
    text = " あ1 \nい2 \nう3 \n 提11\nえ2 \n"
    assert _texts(text) == ["あ", "い", "う", "提1", "え"]


def test_text_without_numbers_is_left_alone() -> None:
    text = "運営委員会会議録\n１．報告事項\n委員長：議題は3\n"
    layout = layout_lines(text)
    assert not layout.numbered
    assert [line.text for line in layout.body][-1] == "委員長：議題は3"


def test_pushed_headings_go_back_into_the_blank_lines() -> None:
    text = "\n".join(
        [
            " 表題1 ",
            " 2 ",
            " 3 ",
            "１．講座について4 ",
            "事務局：説明した。5 ",
            " 6 ",
            "２．会場について7 ",
            "事務局：決まった。8 ",
            " 9 ",
            " 10 ",
            " 11 ",
            "１．予算について12 ",
            "委員長：承認する。13 ",
            "",
            "１．報 告 事 項 ",
            "２．審 議 事 項 ",
        ]
    )
    assert _texts(text) == [
        "表題",
        "１．報 告 事 項",
        "１．講座について",
        "事務局：説明した。",
        "２．会場について",
        "事務局：決まった。",
        "２．審 議 事 項",
        "１．予算について",
        "委員長：承認する。",
    ]


def test_pushed_header_table_is_collected_with_its_continuations() -> None:
    text = "\n".join(
        [
            " 表題1 ",
            "  5 ",
            "１．講座について6 ",
            "○説明7 ",
            "事務局：報告した。8 ",
            "委員長：了承する。9 ",
            "委 員：賛成。10 ",
            "■出席委員：有賀委員、",
            "有馬委員",
            "＜以上２名＞",
            "■事 務 局：西口センター長",
            "１．報 告 事 項 ",
        ]
    )
    layout = layout_lines(text)
    assert [line.text for line in layout.header] == [
        "■出席委員：有賀委員、",
        "有馬委員",
        "＜以上２名＞",
        "■事 務 局：西口センター長",
    ]
    assert [line.text for line in layout.body if not line.blank][:2] == ["表題", "１．報 告 事 項"]


def test_an_indented_last_line_starts_a_page() -> None:
    # 「ぁ1」 on line 1 of page 2 prints 「ぁ11」 where line 11 could follow:
    # extraction indents a page's first line, which settles it.
    page = [f"行{n}{n} " for n in range(1, 11)]
    assert _texts("\n".join([*page, " 委員長：ぁ11 "]))[-1] == "委員長：ぁ1"
    assert _texts("\n".join([*page, "委員長：ぁ11 "]))[-1] == "委員長：ぁ"
