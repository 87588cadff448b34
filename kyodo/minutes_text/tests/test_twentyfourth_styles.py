"""Styles of the twenty-fourth session: minutes as other centers' clerks write them.

The corpus holds a document of each (tests/corpus/styles24.py, scored by ``bench
import_quality`` and read from text and PDF by test_corpus.py); here each reading is exact:
date, number, attendance with posts, the secretariat, items in order, turns, decisions.

- 「■出席委員」「■欠席委員」「■事務局　センター　西口」 and a date in kanji numbers;
- a roster pasted from Excel (tabs, a row of column heads 「区分　氏名　所属」);
- the roster on one line with the secretariat after a gap (「…、荒木　事務局　西口課長、本間主事」),
  and turns by a bracketed name of the secretariat (「（西口）」);
- the votes a note states (「賛成８名、反対１名で可決した。」) read as the item's decision;
- 「２／５」 page numbers and a running head left between the turns by a PDF's text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import Decision, decision_of, parse_minutes, read_decision
from kyodo.minutes_text.tests import corpus


def _read(name: str):
    return parse_minutes(corpus.text(name))


def _items(minutes) -> list[tuple[int, str, int, str]]:
    return [(s.number, s.category, i.number, i.title) for s in minutes.sections for i in s.items]


def _turns(minutes) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in minutes.entries()]


# --- 「■」 keys, the center as the secretariat's group, a date in kanji numbers ---------------


def test_square_keys_the_centers_staff_and_a_date_in_kanji_numbers():
    minutes = _read("31_center_squares")
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2021, 10, 5),
        dt.time(14, 0),
        dt.time(15, 30),
    )
    assert (minutes.fiscal_year, minutes.meeting_number) == (2021, 5)
    assert minutes.attendees == ["浜田 浩一", "北川 美穂", "石原 健", "大森 由紀", "村井 聡"]
    assert minutes.attendee_count == 5
    assert minutes.roles == {"浜田 浩一": "委員長", "北川 美穂": "副委員長"}
    assert minutes.absentees == ["栗原 正"]
    # 「センター　西口」: 西口 of the center, printed so (not 「西口センター」, a name and a post)
    assert [(s.name, s.title, s.label) for s in minutes.secretariat] == [
        ("西口", "センター", "西口（センター）"),
        ("北村", "センター", "北村（センター）"),
    ]
    assert _items(minutes) == [
        (1, "報告事項", 1, "8月・9月期の事業報告"),
        (1, "報告事項", 2, "登録団体の新規登録について"),
        (2, "協議事項", 1, "市民活動フェスタの開催について"),
        (3, "その他", 0, ""),
    ]
    turns = _turns(minutes)
    assert [speaker for speaker, _ in turns] == [
        "事務局", "A委員", "事務局", "事務局", "委員長", "事務局", "B委員", "委員長", None, "事務局",
    ]  # fmt: skip
    # the footer 「- 2 -」 between two turns is no part of either
    assert turns[2] == ("事務局", "市の広報で登録制度を紹介していただいた影響と考えています。")
    assert minutes.closing == "以上"
    assert minutes.warnings == []


# --- a roster pasted from Excel ---------------------------------------------------------------


def test_a_roster_pasted_from_a_spreadsheet_has_no_row_of_heads_among_the_names():
    minutes = _read("32_excel_roster")
    assert minutes.attendees == ["岡本 誠", "福田 典子", "横山 隆", "小島 直美", "松下 茂"]
    assert minutes.attendee_count is None
    assert minutes.roles == {"岡本 誠": "会長", "福田 典子": "副会長"}
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("今村", "協働推進課長"),
        ("桑原", "協働推進課主事"),
    ]
    assert _items(minutes) == [
        (1, "議事", 1, "防災マップの改訂について"),
        (1, "議事", 2, "夏祭りの協力について"),
    ]
    assert [speaker for speaker, _ in _turns(minutes)] == [
        "今村課長", "横山委員", "今村課長", "岡本会長", "小島委員", "岡本会長",
    ]  # fmt: skip
    assert minutes.closing == "閉会"


@pytest.mark.parametrize(
    "heads", ["区分\t氏名\t所属", "役職\t氏名\t所属団体", "氏名\t所属", "区分　　氏名　　備考"]
)
def test_the_heads_of_a_pasted_roster_are_no_names(heads):
    minutes = parse_minutes(
        "令和５年度第１回　みなみ地区協議会　会議録\n"
        "日時：令和５年５月１０日（水）午後７時～８時\n"
        "出席者：\n"
        f"{heads}\n"
        "会長\t青木　進\tみなみ自治会\n"
        "委員\t井上　春子\tみなみ商店会\n"
        "１．議題\n"
        "（１）地区のお祭りについて\n"
        "会長：それでは始めます。\n"
        "以上\n"
    )
    assert minutes.attendees == ["青木 進", "井上 春子"]
    assert minutes.roles == {"青木 進": "会長"}


# --- the roster on one line; turns by a bracketed name ---------------------------------------


def test_the_roster_on_one_line_with_the_secretariat_after_a_gap():
    minutes = _read("33_one_line_roster")
    assert minutes.organization == "ひばり市社会福祉協議会"
    assert (minutes.date, minutes.fiscal_year, minutes.meeting_number) == (
        dt.date(2011, 2, 22),
        2010,
        8,
    )
    assert minutes.attendees == ["岩田", "杉本", "中山", "宮崎", "荒木"]
    assert minutes.roles == {"岩田": "委員長", "杉本": "副委員長"}
    assert [(s.name, s.title) for s in minutes.secretariat] == [("西口", "課長"), ("本間", "主事")]
    assert _items(minutes) == [
        (0, "", 1, "見守り活動の報告について"),
        (0, "", 2, "次年度の事業計画について"),
        (0, "", 3, "その他"),
    ]
    # 「（西口）」: the secretariat's people speak by name too
    assert [speaker for speaker, _ in _turns(minutes)] == [
        "本間", "中山", "本間", "西口", "宮崎", "岩田", "西口",
    ]  # fmt: skip


def test_the_review_texts_roster_ends_before_the_sittings_opening():
    """The review form puts ■ lines of the people named above the body it parses again: the
    body's 「○午前１０時００分　開議」 was read as one more attendee (「開議」)."""
    minutes = parse_minutes(
        "会議録\n"
        "■事務局：中島健一市長\n"
        "■出席者：大川ゆり、小松健\n"
        "○午前１０時００分　開議\n"
        "議長：ただいまから本日の会議を開きます。\n"
        "１．一般質問\n"
        "議長：日程第１、一般質問を行います。\n"
    )
    assert minutes.attendees == ["大川ゆり", "小松健"]
    assert minutes.start_time == dt.time(10, 0)
    assert [(e.kind, e.text) for e in minutes.sections[0].items[0].entries] == [
        ("note", "午前１０時００分　開議"),
        ("statement", "ただいまから本日の会議を開きます。"),
    ]


# --- decisions stated by a note ---------------------------------------------------------------


def test_a_boards_votes_are_its_items_decisions():
    minutes = _read("34_board_votes")
    assert (minutes.attendees, minutes.attendee_count) == ([], 9)
    items = [i for s in minutes.sections for i in s.items]
    assert [(i.number, i.title) for i in items] == [
        (1, "令和7年度事業計画(案)について"),
        (2, "会費の改定について"),
        (3, "次回理事会の日程について"),
    ]
    assert [read_decision(i) for i in items] == [
        Decision("approved", "majority", 3, 8, 1, None),
        Decision("approved", "majority", 3),
        Decision("approved", "none", 0),
    ]
    assert items[0].entries[3].text == "採決の結果、賛成８名、反対１名で可決した。"
    # the parsed document itself carries no decision (the gold shape has none)
    assert all(i.decision is None for i in items)


@pytest.mark.parametrize(
    ("line", "decision"),
    [
        ("○満場一致で承認された。", Decision("approved", "unanimous")),
        ("審議の結果、全員異議なくこれを承認した。", Decision("approved", "unanimous")),
        ("（全員賛成で可決）", Decision("approved", "unanimous")),
        ("採決の結果、賛成多数で可決した。", Decision("approved", "majority")),
        ("（拍手多数により承認）", Decision("approved", "majority")),
        (
            "（賛成１０名、反対１名、棄権０名で原案のとおり可決）",
            Decision("approved", "majority", None, 10, 1, 0),
        ),
        ("賛成８票、反対３票で否決された。", Decision("rejected", "majority", None, 8, 3)),
        ("継続審議とすることに決定した。", Decision("deferred", "none")),
        ("次回に持ち越すこととした。", Decision("deferred", "none")),
        ("報告を了承した。", Decision("acknowledged", "none")),
        ("（異議なし）", None),
        ("（賛成多数）", None),
        ("承認をお願いしたい。", None),
        ("次回の日程は後日決定する。", None),
        ("森田理事が決算書により説明した。", None),
    ],
)
def test_what_a_decision_line_states(line, decision):
    assert decision_of(line) == decision


def test_a_note_on_another_bill_or_on_the_minutes_is_no_decision_of_the_item():
    minutes = parse_minutes(
        "令和６年度第２回　みなと市教育委員会定例会　会議録\n"
        "日時　令和６年５月９日（木）午後２時～３時\n"
        "１．議事\n"
        "（１）学校施設の改修について\n"
        "教育長：説明をお願いします。\n"
        "○議案第７号は人事に関する案件のため、非公開とすることを全員異議なく決定した。\n"
        "○前回会議録を承認した。\n"
        "（２）議案第８号　通学区域の変更について\n"
        "教育長：ご意見はありますか。\n"
        "○議案第８号は原案のとおり可決した。\n"
        "以上\n"
    )
    first, second = minutes.sections[0].items
    assert read_decision(first) is None
    assert read_decision(second) == Decision("approved", "none", 1)


# --- page numbers and a running head in the text ---------------------------------------------


def test_page_numbers_and_the_running_head_between_turns_are_dropped():
    minutes = _read("35_running_heads")
    assert minutes.attendee_count == 5
    assert [s.label for s in minutes.secretariat] == ["西口センター長", "北村主任"]
    texts = [text for _, text in _turns(minutes)]
    assert not any("２／５" in t or "３／５" in t or "会議録" in t for t in texts)
    assert _turns(minutes)[1:3] == [
        ("内田委員", "相談の内容はどのようなものが多いですか。"),
        ("西口センター長", "会計と助成金の申請に関するものが多いです。"),
    ]
    assert minutes.closing == "閉会"


@pytest.mark.parametrize("footer", ["２／５", "2/5", "- 2 -", "－２－"])
def test_a_page_number_alone_on_its_line_is_no_text(footer):
    minutes = parse_minutes(
        "令和６年度第１回　運営委員会　会議録\n"
        "日時　令和６年４月９日（火）午後７時～８時\n"
        "１．報告事項\n"
        "（１）月次報告\n"
        "事務局：３月は相談が１０件でした。\n"
        f"{footer}\n"
        "委員長：ありがとうございました。\n"
        "以上\n"
    )
    assert _turns(minutes) == [
        ("事務局", "３月は相談が１０件でした。"),
        ("委員長", "ありがとうございました。"),
    ]


# --- anonymised members -----------------------------------------------------------------------


def test_anonymised_members_and_a_closing_with_its_time():
    minutes = _read("36_anonymised_summary")
    assert (minutes.date, minutes.fiscal_year, minutes.meeting_number) == (
        dt.date(2025, 10, 15),
        None,
        3,
    )
    assert (minutes.attendees, minutes.attendee_count, minutes.secretariat) == ([], 8, [])
    assert [speaker for speaker, _ in _turns(minutes)] == [
        "事務局", "A委員", "B委員", "事務局", "C委員", "会長",
    ]  # fmt: skip
    assert (minutes.closing, minutes.end_time) == ("閉会(午後4時)", dt.time(16, 0))


def test_a_running_head_beside_the_only_page_number_is_dropped():
    """Two pages: the head 「第３回運営委員会（令和元年７月９日）」 over 「－２－」 once only, not
    repeated; it names the meeting of the title (第３回), so it is the page's head."""
    minutes = parse_minutes(
        "令和元年度　第３回　しらかば市市民活動支援センター運営委員会　会議録（要旨）\n"
        "■日　時　令和元年七月九日（火）　午後二時三十分～午後四時\n"
        "■出席委員（敬称略）\n"
        "　委員長　　　 山田　太郎\n"
        "　委員　　　　 佐藤　一、高橋　二郎\n"
        "◆報告事項\n"
        "①　６月期の利用状況\n"
        "【事務局】　会議室の稼働率は６８％でした。\n"
        "第３回運営委員会（令和元年７月９日）\n"
        "－２－\n"
        "【委員長】　ありがとうございました。\n"
        "閉会　午後４時\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2019, 7, 9),
        dt.time(14, 30),
        dt.time(16, 0),
    )
    assert minutes.attendees == ["山田 太郎", "佐藤 一", "高橋 二郎"]
    assert _turns(minutes) == [
        ("事務局", "会議室の稼働率は６８％でした。"),
        ("委員長", "ありがとうございました。"),
    ]
    assert minutes.closing == "閉会 午後4時"


def test_a_line_of_another_meeting_beside_a_page_number_stays():
    minutes = parse_minutes(
        "令和元年度　第３回　運営委員会　会議録\n"
        "日時　令和元年７月９日（火）午後２時～４時\n"
        "１．報告事項\n"
        "（１）部会の報告\n"
        "事務局：部会の報告は次のとおりです。\n"
        "第２回子育て部会\n"
        "－２－\n"
        "委員長：ありがとうございました。\n"
        "以上\n"
    )
    assert _turns(minutes)[0] == ("事務局", "部会の報告は次のとおりです。第２回子育て部会")


@pytest.mark.parametrize("line", ["事務局：センター 西口", "■事務局　センター　西口"])
def test_the_center_before_a_name_is_whose_staff_they_are(line):
    minutes = parse_minutes(
        "2025年度 第3回実行委員会 議事録\n"
        "日時：2025年9月10日（水）18:30～20:00\n"
        "出席者：小林（実行委員長）、石井\n"
        f"{line}\n"
        "1．出店者の募集状況について\n"
        "事務局：締切を1週間延ばすことを提案します。\n"
        "以上\n"
    )
    assert [(s.name, s.title, s.label) for s in minutes.secretariat] == [
        ("西口", "センター", "西口（センター）")
    ]
