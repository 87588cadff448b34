"""Each failure class of issue #15, with an invented example and the exact reading expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._syntax import speaker_label, stage_direction


def _entries(text: str) -> list[tuple]:
    minutes = parse_minutes(text)
    return [
        (e.kind, e.speaker, e.text) if e.kind == "statement" else (e.kind, e.text)
        for e in minutes.entries()
    ]


def _printed(text: str, *, numbers: str, lines_per_page: int = 14, wrapped: bool = True):
    """``text`` printed as a PDF (each line wrapped at the page's width, or as it is) with page
    footers and read back, beside ``text`` read as typed: (read, typed)."""
    from kyodo.minutes_text.pdf import parse_pdf

    from .pdfmaker import Style, make_pdf, wrap

    lines = []
    for line in text.splitlines():
        parts = wrap(line) if wrapped else [line]
        lines += [("blank", "")] if not line.strip() else [("text", part) for part in parts]
    style = Style("plain", str, lambda n, c: c, lambda n, t: t, numbers=numbers, footer=True)
    return parse_pdf(make_pdf(lines, style, lines_per_page=lines_per_page)), parse_minutes(text)


# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected", "number"),
    [
        ("はまなす市議会文教委員会速記録第三号", "はまなす市議会文教委員会速記録第三号", None),
        ("第５回　地域医療構想部会　議事要旨", "第5回 地域医療構想部会 議事要旨", 5),
        ("第２回　河川整備検討会　議事概要", "第2回 河川整備検討会 議事概要", 2),
        ("令和６年度第１回図書館協議会　会議概要", "令和6年度第1回図書館協議会 会議概要", 1),
        ("第１２回　はまなす市景観審議会", "第12回 はまなす市景観審議会", 12),
    ],
)
def test_titles_beyond_kaigiroku(title: str, expected: str, number: int | None) -> None:
    minutes = parse_minutes(f"{title}\n日時：令和６年５月１０日（金）\n○佐藤会長　開会します。\n")
    assert (minutes.title, minutes.meeting_number) == (expected, number)
    assert minutes.date == dt.date(2024, 5, 10)
    assert minutes.entries()[0].speaker == "佐藤会長"


def test_a_body_and_sitting_only_title_is_taken_with_a_warning() -> None:
    minutes = parse_minutes(
        "第１２回　はまなす市景観審議会\n日時：令和６年５月１０日\n会長：始めます。\n"
    )
    assert minutes.warnings[0] == (
        "「会議録」などの表題がないため「第12回 はまなす市景観審議会」を表題としました。"
    )


# --- agenda in the header, or none ----------------------------------------------------------

HEADER_AGENDA = """\
はまなす市議会建設委員会速記録
令和６年９月１２日（木曜日）
本日の会議に付した事件
　市道の認定について
　請願第３号　通学路の安全対策について
出席委員　七名
○田村委員長　ただいまから委員会を開きます。
○木下道路課長　市道の認定について御説明します。
"""


def test_an_agenda_listed_in_the_header_and_one_unnamed_section() -> None:
    minutes = parse_minutes(HEADER_AGENDA)
    assert minutes.agenda == ["市道の認定について", "請願第3号 通学路の安全対策について"]
    assert [
        (s.number, s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections
    ] == [(0, "", [(0, "")])]
    assert minutes.attendee_count == 7
    assert _entries(HEADER_AGENDA) == [
        ("statement", "田村委員長", "ただいまから委員会を開きます。"),
        ("statement", "木下道路課長", "市道の認定について御説明します。"),
    ]
    assert minutes.warnings == [
        "議題の見出しがないため、全体を一つの議題（名前なし）として取り込みます。議事次第："
        "市道の認定について、請願第3号 通学路の安全対策について"
    ]


def test_an_agenda_under_gidai_followed_by_the_roster() -> None:
    text = (
        "第３回まちなか交流協議会　議事録\n開催日：令和５年１２月４日\n議題\n１　冬のイベントについて\n"
        "２　その他\n出席者：石田、本間\n石田会長：始めます。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == ["1 冬のイベントについて", "2 その他"]
    assert minutes.attendees == ["石田", "本間"]


def test_gidai_with_its_turns_is_the_body_agenda() -> None:
    text = "運営委員会会議録\n日時：令和５年４月３日\n【議題】\n（１）総会について\n【委員長】始めます。\n"
    minutes = parse_minutes(text)
    assert minutes.agenda == []
    assert [(s.category, [i.title for i in s.items]) for s in minutes.sections] == [
        ("議題", ["総会について"])
    ]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "日時：令和６年１１月５日（火）午後２時～４時",
        "開催日時：2024年11月5日（火）14:00～16:00",
        "日　時　令和６年１１月５日　午後２時から午後４時まで",
        "【日時】2024年11月5日(火) 14時00分～16時00分",
        "１．日時　令和６年１１月５日（火）１４：００～１６：００",
        "令和６年１１月５日（火曜日）　午後２時開会",
    ],
)
def test_dates_with_and_without_a_key(line: str) -> None:
    minutes = parse_minutes(f"はまなす市文化振興審議会　会議録\n{line}\n会長：開会します。\n")
    assert minutes.date == dt.date(2024, 11, 5)
    assert minutes.start_time == dt.time(14, 0)


def test_a_date_in_the_title_line() -> None:
    minutes = parse_minutes(
        "令和６年１１月５日　はまなす市文化振興審議会　議事録\n会長：開会します。\n"
    )
    assert minutes.date == dt.date(2024, 11, 5)
    assert (
        "開催日の行がないため「令和６年１１月５日　はまなす市文化振興審議会　議事録」から開催日を"
        "読み取りました。" in minutes.warnings
    )


# --- speaker labels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("○小西部会長　それでは始めます。", "小西部会長", "それでは始めます。"),
        ("○大塚会長代理　補足します。", "大塚会長代理", "補足します。"),
        ("○吉岡環境局長　お答えします。", "吉岡環境局長", "お答えします。"),
        ("○北原室長　御説明します。", "北原室長", "御説明します。"),
        ("○宮内参事　はい。", "宮内参事", "はい。"),
        ("○堀計画官　資料１です。", "堀計画官", "資料1です。"),
        ("○河野統括官　以上です。", "河野統括官", "以上です。"),
        ("○三宅課長補佐　補足します。", "三宅課長補佐", "補足します。"),
        ("○桑原担当部長　お答えします。", "桑原担当部長", "お答えします。"),
        ("○松井説明員　御説明します。", "松井説明員", "御説明します。"),
        (
            "○山田まちづくり推進部都市計画・交通担当部長　お答えします。",
            "山田まちづくり推進部都市計画・交通担当部長",
            "お答えします。",
        ),
        ("○中村（正）委員　伺います。", "中村(正)委員", "伺います。"),
        ("○事務局（荒井係長）　御説明します。", "事務局(荒井係長)", "御説明します。"),
        ("【杉田座長】ありがとうございます。", "杉田座長", "ありがとうございます。"),
        ("（委員）質問です。", "委員", "質問です。"),
        ("竹内委員：賛成です。", "竹内委員", "賛成です。"),
        ("委員長　次に移ります。", "委員長", "次に移ります。"),
        ("○森議員　質問します。", "森議員", "質問します。"),
        ("会員（３班）：質問です。", "会員(3班)", "質問です。"),
        ("＜吉田委員＞質問です。", "吉田委員", "質問です。"),
        ("（佐藤計画官）資料１です。", "佐藤計画官", "資料1です。"),
        ("○議長（山田　太郎君）　開きます。", "議長(山田太郎君)", "開きます。"),
        ("○山田　委員長　始めます。", "山田委員長", "始めます。"),
        ("○まちづくり推進課長　御説明します。", "まちづくり推進課長", "御説明します。"),
        ("○こども未来部長　お答えします。", "こども未来部長", "お答えします。"),
        ("問：ごみの日は変わりますか。", "問", "ごみの日は変わりますか。"),
        ("（答）変わりません。", "答", "変わりません。"),
        ("Ｑ：会費はいくらですか。", "Q", "会費はいくらですか。"),
        ("○議長（西村誠君）　開きます。", "議長(西村誠君)", "開きます。"),
        ("○１番（大川ゆり君）　伺います。", "1番(大川ゆり君)", "伺います。"),
        ("山田委員 質問です。", "山田委員", "質問です。"),
        ("（事務局　村上）定刻です。", "事務局(村上)", "定刻です。"),
        ("【事務局：田中】説明します。", "事務局(田中)", "説明します。"),
        ("（一同）異議なし。", "一同", "異議なし。"),
        ("（意見）駐輪場が足りない。", "意見", "駐輪場が足りない。"),
        ("Ａ委員（市民公募）：質問です。", "A委員(市民公募)", "質問です。"),
        ("問　公園の草刈りは。", "問", "公園の草刈りは。"),
        ("答　予算の範囲で行う。", "答", "予算の範囲で行う。"),
        ("Ｑ．対象は何人か。", "Q", "対象は何人か。"),
        ("Ａ．二千人です。", "A", "二千人です。"),
        ("Ｑ（委員）：時期は。", "Q(委員)", "時期は。"),
        ("Ｑ１　対象は何人か。", "Q1", "対象は何人か。"),
        ("・防災部長：実施したい。", "防災部長", "実施したい。"),
    ],
)
def test_labels_beyond_the_three_roles(line: str, speaker: str, text: str) -> None:
    label = speaker_label(line)
    assert label is not None
    assert (label.speaker, label.text.replace("１", "1")) == (speaker, text)


@pytest.mark.parametrize(
    "line",
    [
        "出席委員　十一名",
        "○出席委員（１１名）",
        "はまなす市長　山田太郎",
        "委員長　森一郎",
        "○事務局から資料２について説明があった。",
        "○会長あいさつ",
        "○議事に先立ち、会長から報告があった。",
        "答申について",
        "問題がある。",
        "Ａ　利用状況",
        "A. B. C.",
        "・委員から意見があった。",
    ],
)
def test_rosters_signatures_and_narrative_are_not_speakers(line: str) -> None:
    assert speaker_label(line) is None


@pytest.mark.parametrize(
    "line", ["〔「異議なし」と呼ぶ者あり〕", "（異議なし）", "（拍手）", "〔午前１１時休憩〕"]
)
def test_stage_directions(line: str) -> None:
    assert stage_direction(line) == line


def test_stage_directions_are_notes_between_turns() -> None:
    text = (
        "はまなす市議会総務委員会速記録\n令和６年３月５日（火曜日）\n"
        "○田村委員長　採決します。御異議ありませんか。\n〔「異議なし」と呼ぶ者あり〕\n"
        "○田村委員長　御異議なしと認めます。\n（意見なし。前回会議録を承認した。）\n"
    )
    assert _entries(text) == [
        ("statement", "田村委員長", "採決します。御異議ありませんか。"),
        ("note", "〔「異議なし」と呼ぶ者あり〕"),
        ("statement", "田村委員長", "御異議なしと認めます。"),
        ("note", "（意見なし。前回会議録を承認した。）"),
    ]


# --- the header is not read as turns ---------------------------------------------------------


def test_roster_lines_and_officials_are_header_not_speakers() -> None:
    text = (
        "はまなす市議会厚生委員会速記録\n令和６年３月５日（火曜日）\n出席委員　五名\n"
        "委員長　田村一郎\n副委員長　井口花子\n出席説明員\n福祉部長　　大森実\n"
        "○田村委員長　開会します。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["田村一郎", "井口花子"]
    assert minutes.attendee_count == 5
    assert _entries(text) == [("statement", "田村委員長", "開会します。")]


def test_group_names_in_a_roster_are_not_names() -> None:
    minutes = parse_minutes(
        "協議会議事録\n日時：令和６年３月５日\n出席者　委員：田中、山本　事務局：佐藤\n会長：始めます。\n"
    )
    # 「事務局：」 starts the roster's secretariat, as 「（事務局）」 does.
    assert minutes.attendees == ["田中", "山本"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("佐藤", "")]


def test_a_venue_line_does_not_swallow_the_next_heading() -> None:
    text = "運営委員会会議録\n日時：令和６年３月５日\n場所：センター\n会議室Ｂ\n１．報告事項\n委員長：始めます。\n"
    minutes = parse_minutes(text)
    assert minutes.venue == "センター"
    assert [s.category for s in minutes.sections] == ["報告事項"]


# --- numbered paragraphs, line numbers, closings, footers, appendix --------------------------


def test_numbered_paragraphs_inside_a_speech_do_not_cut_the_turn() -> None:
    text = (
        "はまなす市議会総務委員会速記録\n令和６年３月５日（火曜日）\n○村井総務課長　御説明します。\n"
        "１、概要についてですが、計画期間は五年です。\n２、財源ですが、基金を充てます。\n"
        "○田村委員長　ありがとうございました。\n"
    )
    assert _entries(text) == [
        (
            "statement",
            "村井総務課長",
            "御説明します。１、概要についてですが、計画期間は五年です。２、財源ですが、基金を充てます。",
        ),
        ("statement", "田村委員長", "ありがとうございました。"),
    ]


def test_line_numbers_on_the_left_are_removed() -> None:
    text = (
        "1 第１回はまなす市景観審議会　会議録\n2 日時：令和６年５月１０日\n3 会長：始めます。\n"
        "4 委員：質問です。\n5出席委員の意見を伺う。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.title == "第1回はまなす市景観審議会 会議録"
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "委員", "質問です。出席委員の意見を伺う。"),
    ]


@pytest.mark.parametrize(
    ("closing", "normalized", "end"),
    [
        ("午後３時４０分閉会", "午後3時40分閉会", dt.time(15, 40)),
        ("散会", "散会", None),
        ("〔午後４時散会〕", "〔午後4時散会〕", dt.time(16, 0)),
        ("以上をもって閉会した。", "以上をもって閉会した。", None),
    ],
)
def test_closings(closing: str, normalized: str, end: dt.time | None) -> None:
    text = f"景観審議会議事録\n日時：令和６年５月１０日\n会長：以上で終わります。\n{closing}\n"
    minutes = parse_minutes(text)
    assert (minutes.closing, minutes.end_time) == (normalized, end)
    assert _entries(text) == [("statement", "会長", "以上で終わります。")]


def test_page_footers_alone_or_glued_are_removed() -> None:
    text = (
        "景観審議会議事録\n日時：令和６年５月１０日\n会長：始めます。\n－ 1 －\n"
        "委員：質問です。　－ 2 －\n事務局：お答えします。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "委員", "質問です。"),
        ("statement", "事務局", "お答えします。"),
    ]


def test_appended_documents_after_the_closing_are_an_appendix() -> None:
    text = (
        "景観審議会議事録\n日時：令和６年５月１０日\n会長：答申案を了承します。\n散会\n"
        "資料１　答申案\n１　景観計画の見直しについて\n別紙　委員名簿\n田中　山本\n"
        "はまなす市景観審議会会長　佐藤一郎\n"
    )
    minutes = parse_minutes(text)
    assert [(a.title, a.text) for a in minutes.appendix] == [
        ("資料１　答申案", "１　景観計画の見直しについて"),
        ("別紙　委員名簿", "田中　山本\nはまなす市景観審議会会長　佐藤一郎"),
    ]
    assert _entries(text) == [("statement", "会長", "答申案を了承します。")]
    assert minutes.closing == "散会"


def test_a_turn_after_a_bare_ijo_means_it_was_not_the_closing() -> None:
    text = "景観審議会議事録\n日時：令和６年５月１０日\n事務局：報告します。\n以上\n会長：ありがとう。\n"
    minutes = parse_minutes(text)
    assert minutes.closing is None and minutes.appendix == []
    assert _entries(text) == [
        ("statement", "事務局", "報告します。以上"),
        ("statement", "会長", "ありがとう。"),
    ]


def test_uncommon_labels_are_marked_for_review() -> None:
    text = "部会議事録\n日時：令和６年５月１０日\n○堀計画官　資料１です。\n○小西部会長　どうぞ。\n"
    minutes = parse_minutes(text)
    assert [(e.speaker, e.uncertain) for e in minutes.entries()] == [
        ("堀計画官", True),
        ("小西部会長", False),
    ]
    assert "発言者の名前が見慣れない形の発言が1件あります（印の付いた行）。" in minutes.warnings


# --- more shapes of real minutes ------------------------------------------------------------


def test_an_assembly_with_kanji_dates_seat_numbers_and_running_heads() -> None:
    text = (
        "はまなす市議会定例会会議録\n令和六年十二月三日（火曜日）\n午前十時開議\n"
        "○議長（西村誠君）　ただいまから本日の会議を開きます。\n"
        "◎議案第１号　はまなす市手数料条例の一部改正について\n"
        "○１番（大川ゆり君）　質問いたします。\n────────────\n"
        "はまなす市議会定例会会議録\n"
        "手数料の額はどのように決めたのでしょうか。\n"
        "○市長（中島健一君）　お答えいたします。\n午後三時四十分散会\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 12, 3),
        dt.time(10, 0),
        dt.time(15, 40),
    )
    assert _entries(text) == [
        ("note", "午前十時開議"),  # right before the first turn: a note of the body
        ("statement", "議長(西村誠君)", "ただいまから本日の会議を開きます。"),
        (
            "statement",
            "1番(大川ゆり君)",
            "質問いたします。手数料の額はどのように決めたのでしょうか。",
        ),
        ("statement", "市長(中島健一君)", "お答えいたします。"),
    ]
    # 「◎議案第１号　……」: the bill taken up, its heading (the seventh tester's set: it was a note).
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (0, "開会"),
        (1, "議案第1号 はまなす市手数料条例の一部改正について"),
    ]


def test_bullets_of_a_summary_are_notes_of_their_own() -> None:
    text = (
        "第３回　子ども・子育て会議　議事要旨\n【日時】２０２４年７月８日（月）１０時～１２時\n"
        "【主な意見】\n・待機児童の解消に向けて、保育士の確保が急務である。\n"
        "・放課後の居場所づくりについて、地域の協力を得て進めてほしい。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.start_time, minutes.end_time) == (dt.time(10, 0), dt.time(12, 0))
    assert _entries(text) == [
        ("note", "・待機児童の解消に向けて、保育士の確保が急務である。"),
        ("note", "・放課後の居場所づくりについて、地域の協力を得て進めてほしい。"),
    ]


def test_fields_with_their_value_on_the_next_line_and_group_labels() -> None:
    text = (
        "地域交通会議（第２回）議事録\n１．日時\n令和６年１０月１日（火）午後２時開会　午後４時閉会\n"
        "２．出席者\n【委員】青山、石井\n【事務局】上田\n３．議事内容\n○青山会長　始めます。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 10, 1),
        dt.time(14, 0),
        dt.time(16, 0),
    )
    assert minutes.attendees == ["青山", "石井"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("上田", "")]
    assert _entries(text) == [("statement", "青山会長", "始めます。")]


def test_slash_dates() -> None:
    minutes = parse_minutes("景観審議会議事録\n日時：2024/5/10 14:00～15:00\n会長：始めます。\n")
    assert (minutes.date, minutes.end_time) == (dt.date(2024, 5, 10), dt.time(15, 0))


def test_bullets_under_a_label_alone_are_its_statement() -> None:
    text = (
        "第２回　福祉計画推進会議　議事要旨\n日時：令和６年７月８日\n（委員）\n"
        "・見守りの担い手が不足している。\n・若い世代の参加を促したい。\n（事務局）\n"
        "・次回までに案を示す。\n"
    )
    assert _entries(text) == [
        # each point the member's, a turn of its own
        ("statement", "委員", "・見守りの担い手が不足している。"),
        ("statement", "委員", "・若い世代の参加を促したい。"),
        ("statement", "事務局", "・次回までに案を示す。"),
    ]


def test_gidai_numbered_items_schedule_lines_and_header_times() -> None:
    text = (
        "公民館運営審議会　会議録\n開催日　令和６年６月３日\n開会　午後６時３０分\n閉会　午後８時\n"
        "議題１　講座の評価について\n委員長：始めます。\n日程第２　報告事項\n議題２　その他\n"
        "委員長：終わります。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.start_time, minutes.end_time) == (dt.time(18, 30), dt.time(20, 0))
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "講座の評価について"),
        (2, "その他"),
    ]
    assert _entries(text) == [
        ("statement", "委員長", "始めます。"),
        ("note", "日程第２　報告事項"),
        ("statement", "委員長", "終わります。"),
    ]


def test_page_numbers_standing_alone_are_removed() -> None:
    text = (
        "景観審議会議事録\n日時：令和６年５月１０日\n会長：始めます。\n3\n委員：質問です。\n"
        "Page 4\n事務局：お答えします。\n５頁\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "委員", "質問です。"),
        ("statement", "事務局", "お答えします。"),
    ]


def test_text_extracted_with_ascii_spaces() -> None:
    text = (
        "第２回 景観審議会 会議録\n日時 2024年5月10日 14時～15時\n場所 市役所 第1会議室\n"
        "会長 それでは始めます。\n山田委員 質問があります。\n事務局 佐藤\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.venue) == (dt.date(2024, 5, 10), "市役所 第1会議室")
    assert _entries(text) == [
        ("statement", "会長", "それでは始めます。"),
        ("statement", "山田委員", "質問があります。事務局 佐藤"),
    ]


def test_an_entry_with_a_label_inside_is_marked_for_review() -> None:
    text = "部会議事録\n日時：令和６年５月１０日\n○小西部会長　始めます。○堀委員　質問です。\n"
    minutes = parse_minutes(text)
    assert [e.uncertain for e in minutes.entries()] == [True]
    assert (
        "ほかの発言が続けて書かれているかもしれない記録が1件あります（印の付いた行）。"
        in minutes.warnings
    )


STYLES_DIR = Path(__file__).resolve().parent / "data" / "styles"


def test_a_board_of_education_with_a_numbered_header_table() -> None:
    # Written after the parser, as a held-out check: 開会日時/閉会日時, a roster with titles and
    # names spelt with a space, 説明のため出席した職員 and 会議録署名委員 skipped, 「７　議事」.
    text = (STYLES_DIR / "board_of_education.txt").read_text(encoding="utf-8")
    minutes = parse_minutes(text)
    assert (minutes.title, minutes.meeting_number) == (
        "令和5年第8回ひかり市教育委員会定例会会議録",
        8,
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2023, 8, 24),
        dt.time(14, 0),
        dt.time(15, 15),
    )
    assert minutes.venue == "ひかり市役所本庁舎4階 教育委員会室"
    assert minutes.attendees == ["山下 誠", "田中 和子", "鈴木 一郎"]
    assert minutes.agenda == ["議案第15号 ひかり市立学校の通学区域に関する規則の一部改正について"]
    entries = _entries(text)
    assert len(entries) == 9
    assert entries[0] == (
        "statement",
        "教育長",
        "ただいまから令和５年第８回ひかり市教育委員会定例会を開会します。",
    )
    assert entries[2] == (
        "statement",
        "佐藤教育部長",
        "それでは、議案第１５号について御説明いたします。"
        "本規則は、住宅開発に伴う児童数の増加に対応するため、通学区域を見直すものです。",
    )
    assert entries[6] == ("note", "（「異議なし」の声あり）")
    assert [e.uncertain for e in minutes.entries()] == [False] * 9


def test_a_city_assembly_day_with_rosters_by_seat() -> None:
    text = (STYLES_DIR / "city_assembly_day.txt").read_text(encoding="utf-8")
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count) == (
        ["大川ゆり", "小松健", "佐野進", "田口美和"],
        20,
    )
    assert (minutes.start_time, minutes.end_time, minutes.closing) == (
        dt.time(10, 0),
        dt.time(14, 30),
        "午後2時30分 散会",
    )
    assert [e[1] for e in _entries(text) if e[0] == "statement"] == [
        "議長(西村誠君)",
        "議長(西村誠君)",
        "1番(大川ゆり君)",
        "議長(西村誠君)",
        "市長(中島健一君)",
        "議長(西村誠君)",
    ]


def test_a_diet_style_committee() -> None:
    text = (
        "第２１１回国会　衆議院　地域振興委員会　第３号\n令和五年三月八日（水曜日）\n午前九時開議\n"
        "出席委員\n委員長　山田太郎君\n理事　田中一郎君　理事　鈴木花子君\n"
        "―――――――――――――◇―――――――――――――\n"
        "○山田委員長　これより会議を開きます。\n○政府参考人（佐藤次郎君）　お答えいたします。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.title, minutes.date, minutes.start_time) == (
        "第211回国会 衆議院 地域振興委員会 第3号",
        dt.date(2023, 3, 8),
        dt.time(9, 0),
    )
    assert minutes.attendees == ["山田太郎", "田中一郎", "鈴木花子"]
    assert _entries(text) == [
        ("statement", "山田委員長", "これより会議を開きます。"),
        ("statement", "政府参考人(佐藤次郎君)", "お答えいたします。"),
    ]


def test_bullets_after_a_statement_are_part_of_it_and_notes_after_notes() -> None:
    text = (
        "協議会議事録\n日時：令和６年７月８日\n委員：次の点を要望する。\n・周知を早めること。\n"
        "・会場を広げること。\n○主な意見は次のとおり。\n・予算が足りない。\n・人手が足りない。\n"
    )
    assert _entries(text) == [
        ("statement", "委員", "次の点を要望する。・周知を早めること。・会場を広げること。"),
        ("note", "主な意見は次のとおり。"),
        ("note", "・予算が足りない。"),
        ("note", "・人手が足りない。"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "日時：令和６（２０２４）年１０月３日（木）",
        "日時：２０２４（令和６）年１０月３日（木）",
        "開催日時：2024年（令和6年）10月3日（木）",
        "日時：令和６年（２０２４年）１０月３日（木）",
    ],
)
def test_era_and_western_years_together(line: str) -> None:
    minutes = parse_minutes(f"環境審議会議事録\n{line}\n会長：始めます。\n")
    assert minutes.date == dt.date(2024, 10, 3)


def test_a_bare_kaigiroku_title_above_the_name_of_the_meeting() -> None:
    text = (
        "会議録\n会議名　第３回ひかり市環境審議会\n開催日時　令和６年１０月３日（木）\n"
        "会長：始めます。\n— 1 —\n委員：質問です。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.title, minutes.meeting_number) == ("第3回ひかり市環境審議会 会議録", 3)
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "委員", "質問です。"),
    ]


def test_gidai_in_parentheses_boxed_items_and_bracketed_closings() -> None:
    text = (
        "防災会議議事録\n日時：令和６年１０月３日\n議題（１）防災訓練について\n会長：始めます。\n"
        "■２．備蓄品について\n事務局：報告します。\n＜閉会＞\n"
    )
    minutes = parse_minutes(text)
    assert [(i.number, i.title, len(i.entries)) for s in minutes.sections for i in s.items] == [
        (1, "防災訓練について", 1),
        (2, "備蓄品について", 1),
    ]
    assert minutes.closing == "<閉会>"


# --- a city assembly's 会議録 (◎ chair and executive, ◆ members, △ order of business) --------


ASSEMBLY = """令和５年第４回ひかり市議会定例会会議録（第２号）

１．日　時　　令和５年１２月５日（火）午前１０時
１．場　所　　ひかり市議会議場
１．出席議員（４名）
　　　　　　　１番　　青　木　　一　郎　　　　　２番　　石　井　　花　子
　　　　　　　３番　　上　田　　次　郎　　　　　４番　　江　藤　　三　郎
１．欠席議員（なし）
────────────────────────────────────
　　　　　　　　　午前１０時００分開議
◎議長（田村　誠君）　ただいまから本日の会議を開きます。
────────────────────────────────────
　△日程第１　会議録署名議員の指名
◎議長（田村　誠君）　日程第１、会議録署名議員の指名を行います。
────────────────────────────────────
　△日程第２　一般質問
◎議長（田村　誠君）　日程第２、一般質問を行います。１番　青木一郎議員。
　　　　　〔１番　青木一郎君登壇〕
◆１番（青木一郎君）　市民協働の推進について伺います。
　（１）市民活動団体への支援の現状について。
　（２）今後の方針について。
◎市長（小林正男君）　お答えいたします。
◇２番（石井花子君）　関連して伺います。
◎議長（田村　誠君）　本日はこれにて散会いたします。
　　　　　　　　　午前１１時３０分散会
"""


def test_an_assembly_marks_speakers_with_double_circles_and_diamonds() -> None:
    minutes = parse_minutes(ASSEMBLY)
    assert minutes.attendees == ["青木 一郎", "石井 花子", "上田 次郎", "江藤 三郎"]
    assert (minutes.start_time, minutes.end_time) == (dt.time(10, 0), dt.time(11, 30))
    assert [(i.number, i.title) for s in minutes.sections for i in s.items][1:] == [
        (1, "会議録署名議員の指名"),
        (2, "一般質問"),
    ]
    assert _entries(ASSEMBLY) == [
        ("note", "午前１０時００分開議"),
        ("statement", "議長(田村誠君)", "ただいまから本日の会議を開きます。"),
        ("statement", "議長(田村誠君)", "日程第１、会議録署名議員の指名を行います。"),
        ("statement", "議長(田村誠君)", "日程第２、一般質問を行います。１番　青木一郎議員。"),
        ("note", "〔１番　青木一郎君登壇〕"),
        (
            "statement",
            "1番(青木一郎君)",
            "市民協働の推進について伺います。（１）市民活動団体への支援の現状について。"
            "（２）今後の方針について。",
        ),
        ("statement", "市長(小林正男君)", "お答えいたします。"),
        ("statement", "2番(石井花子君)", "関連して伺います。"),
        ("statement", "議長(田村誠君)", "本日はこれにて散会いたします。"),
    ]


# --- a national study group's 議事録 (○日時 headings, 構成員, （了）) ---------------------------


STUDY_GROUP = """第12回地域共生社会推進検討会　議事録

○日時
令和6年3月14日（木）14:00～16:00

○出席者
秋山構成員、大西座長、川口構成員

○議事
○大西座長　ただいまから第12回「地域共生社会推進検討会」を開催いたします。
　事務局から資料の説明をお願いします。
○木下企画官　資料１に沿って御説明いたします。
○秋山構成員　２点申し上げます。
　１点目は、相談支援の体制についてです。
○大西座長　本日の議事はここまでといたします。
（了）
"""


def test_a_study_group_with_kouseiin_and_ryo() -> None:
    minutes = parse_minutes(STUDY_GROUP)
    assert (minutes.date, minutes.start_time) == (dt.date(2024, 3, 14), dt.time(14, 0))
    assert minutes.attendees == ["秋山", "大西", "川口"]
    assert minutes.closing == "(了)"  # NFKC, as every closing is stored
    assert _entries(STUDY_GROUP) == [
        (
            "statement",
            "大西座長",
            "ただいまから第12回「地域共生社会推進検討会」を開催いたします。"
            "事務局から資料の説明をお願いします。",
        ),
        ("statement", "木下企画官", "資料１に沿って御説明いたします。"),
        ("statement", "秋山構成員", "２点申し上げます。１点目は、相談支援の体制についてです。"),
        ("statement", "大西座長", "本日の議事はここまでといたします。"),
    ]


@pytest.mark.parametrize("numbers", ["left", "right", "none"])
def test_an_assembly_printed_as_a_pdf_reads_as_its_text(numbers) -> None:
    read, text = _printed(ASSEMBLY, numbers=numbers, lines_per_page=12, wrapped=False)
    assert [(e.kind, e.speaker, e.text) for e in read.entries()] == [
        (e.kind, e.speaker, e.text) for e in text.entries()
    ]
    assert [i.title for s in read.sections for i in s.items] == [
        i.title for s in text.sections for i in s.items
    ]
    assert (read.date, read.attendees) == (text.date, text.attendees)


def test_a_board_of_education_header_with_numbered_keys_and_titles_before_names() -> None:
    text = (
        "令和５年第８回ひかり市教育委員会定例会会議録\n\n"
        "１　開会日時　令和５年８月２４日（木）午後２時００分\n"
        "２　会議場所　ひかり市役所　第２会議室\n"
        "３　出席者\n"
        "　　教育長　　山本　太郎\n"
        "　　教育委員　田中　花子\n"
        "４　事務局出席者\n"
        "　　教育部長　　　　佐藤　次郎\n"
        "５　会議録署名委員　田中委員\n"
        "６　議事\n\n"
        "○山本教育長　ただいまから定例会を開会いたします。\n"
        "○佐藤教育部長　御説明いたします。\n"
        "（午後２時４５分閉会）\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.venue, minutes.attendees) == (
        "ひかり市役所 第2会議室",
        ["山本 太郎", "田中 花子"],
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [("佐藤 次郎", "教育部長")]
    assert (minutes.start_time, minutes.end_time) == (dt.time(14, 0), dt.time(14, 45))
    assert _entries(text) == [
        ("statement", "山本教育長", "ただいまから定例会を開会いたします。"),
        ("statement", "佐藤教育部長", "御説明いたします。"),
    ]


SUMMARY = (
    "令和５年度 第２回 ひかり市市民協働推進委員会 議事要旨\n\n"
    "１　日時　令和５年８月２３日（水）午後６時３０分から午後８時まで\n"
    "２　場所　ひかり市役所本庁舎３階　第一会議室\n"
    "３　出席者\n"
    "　（委員）髙橋会長、鈴木副会長、Ａ委員、Ｂ委員\n"
    "　（事務局）市民協働課長、市民協働課係長\n"
    "４　欠席者　Ｃ委員\n"
    "５　議事\n"
    "（１）センターの利用状況について\n"
    "（２）提案制度の見直しについて\n"
    "６　会議の概要\n\n"
    "（１）センターの利用状況について\n"
    "事務局：資料１に基づき説明。\n"
    "Ａ委員：昼間の利用促進策はあるか。\n"
    "（２）提案制度の見直しについて\n"
    "会長：引き続き検討することとする。\n\n"
    "７　次回の予定\n"
    "令和５年１０月下旬に開催予定。\n\n"
    "以上\n"
)


def test_a_summary_with_department_titles_letters_for_members_and_an_outer_heading() -> None:
    text = SUMMARY
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.absentees) == (["髙橋", "鈴木", "A", "B"], ["C"])
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("", "市民協働課長"),
        ("", "市民協働課係長"),
    ]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "センターの利用状況について"),
        (2, "提案制度の見直しについて"),
        (7, "次回の予定"),
    ]
    assert _entries(text) == [
        ("statement", "事務局", "資料１に基づき説明。"),
        ("statement", "A委員", "昼間の利用促進策はあるか。"),
        ("statement", "会長", "引き続き検討することとする。"),
        ("note", "令和５年１０月下旬に開催予定。"),
    ]
    assert minutes.closing == "以上"


def test_a_council_with_a_numbered_programme_and_the_role_before_the_name() -> None:
    text = (
        "第3回　地域福祉推進会議　会議録\n\n"
        "開催日時：2024年（令和6年）11月7日（木）19時00分～20時45分\n"
        "開催場所：中央公民館　講堂\n"
        "出席委員：山本　一郎（会長）、佐々木　花子（副会長）、田中　実、中村（正）\n"
        "事務局：福祉課　村上、井上\n\n"
        "次第\n1.開会\n2.議題\n　(1)地域福祉計画の進捗について\n　(2)その他\n3.閉会\n\n"
        "1.開会\n"
        "（事務局　村上）　定刻になりましたので、開会いたします。\n"
        "2.議題\n"
        "(1)地域福祉計画の進捗について\n"
        "（会長）　事務局から説明をお願いします。\n"
        "（事務局　井上）　資料に沿ってご説明いたします。\n"
        "(2)その他\n"
        "（会長）　その他、何かございますか。\n"
        "（一同）　なし。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 11, 7),
        dt.time(19, 0),
        dt.time(20, 45),
    )
    assert minutes.attendees == ["山本 一郎", "佐々木 花子", "田中 実", "中村(正)"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("村上", "福祉課"), ("井上", "")]
    assert minutes.agenda == [
        "1.開会",
        "2.議題",
        "(1)地域福祉計画の進捗について",
        "(2)その他",
        "3.閉会",
    ]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "開会"),
        (1, "地域福祉計画の進捗について"),
        (2, "その他"),
    ]
    assert _entries(text) == [
        ("statement", "事務局(村上)", "定刻になりましたので、開会いたします。"),
        ("statement", "会長", "事務局から説明をお願いします。"),
        ("statement", "事務局(井上)", "資料に沿ってご説明いたします。"),
        ("statement", "会長", "その他、何かございますか。"),
        ("statement", "一同", "なし。"),
    ]
    assert not any(entry.uncertain for entry in minutes.entries())


BOARD = (
    "特定非営利活動法人ひかりネット　第５回理事会議事録\n\n"
    "１．日　時　　令和６年６月１５日（土）　１０：００～１１：３０\n"
    "２．場　所　　当法人事務所\n"
    "３．出席理事　　３名（定数５名）\n"
    "　　　理事長　佐藤　一郎、副理事長　鈴木　次郎、理事　高橋　三郎\n"
    "４．出席監事　　渡辺　五郎\n"
    "５．議　　事\n"
    "　第１号議案　令和５年度事業報告承認の件\n"
    "６．議事の経過の概要及び議決の結果\n"
    "　定刻、理事長佐藤一郎が議長となり開会を宣言した。\n"
    "　第１号議案　令和５年度事業報告承認の件\n"
    "　審議の結果、全員異議なくこれを承認した。\n"
    "　以上をもって全議案の審議を終了したので、議長は１１時３０分閉会を宣言した。\n"
)


def test_a_nonprofit_board_with_directors_an_auditor_and_the_course_of_proceedings() -> None:
    text = BOARD
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count) == (
        ["佐藤 一郎", "鈴木 次郎", "高橋 三郎"],
        3,
    )
    assert minutes.also_attending == ["渡辺 五郎"]  # the auditor: no director
    assert minutes.agenda == ["第1号議案 令和5年度事業報告承認の件"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (0, "開会"),
        (1, "令和5年度事業報告承認の件"),
    ]
    assert _entries(text) == [
        ("note", "定刻、理事長佐藤一郎が議長となり開会を宣言した。"),
        ("note", "審議の結果、全員異議なくこれを承認した。"),
    ]
    assert (
        minutes.closing == "以上をもって全議案の審議を終了したので、議長は11時30分閉会を宣言した。"
    )


BRIEFING = (
    "ひかり市市民活動支援センター運営協議会　第2回会議　会議要録\n\n"
    "日時：2023年7月5日（水）18:30～20:00\n"
    "出席：委員8名（うち1名オンライン）、事務局3名\n"
    "欠席：委員1名\n"
    "【配布資料】\n資料1　事業報告\n\n"
    "■議題1　上半期の事業報告\n"
    "事務局より資料1に基づき報告。\n"
    "＜質疑応答＞\n"
    "（Q）講座の参加者の年代の内訳は把握しているか。\n"
    "（A）60代以上が約半数である。\n"
    "＜主な意見＞\n"
    "・雨天時の対応を事前に決めておくべき。\n"
    "次回：2023年10月予定\n"
)


def test_a_summary_with_counted_attendance_bracketed_headings_q_and_a_and_the_next_meeting() -> (
    None
):
    text = BRIEFING
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count, minutes.absentees) == ([], 8, [])
    assert _entries(text) == [
        ("note", "事務局より資料1に基づき報告。"),
        ("note", "＜質疑応答＞"),
        ("statement", "Q", "講座の参加者の年代の内訳は把握しているか。"),
        ("statement", "A", "60代以上が約半数である。"),
        ("note", "＜主な意見＞"),
        ("note", "・雨天時の対応を事前に決めておくべき。"),
        ("note", "次回：2023年10月予定"),
    ]


def test_a_council_with_bracketed_keys_documents_listed_and_hanging_turns() -> None:
    text = (
        "ひかり市男女共同参画審議会（第４回）会議録\n\n"
        "【開催日時】令和７年１月２０日（月）　午後２時００分～午後３時３０分\n"
        "【出 席 者】\n"
        "　委員　　青木会長、石田副会長、上野委員\n"
        "　事務局　人権推進課長　小川、主事　木村\n"
        "【傍 聴 者】２名\n"
        "【配布資料】\n"
        "　資料１　プラン素案\n\n"
        "【会議内容】\n"
        "１　開会\n"
        "事務局（小川）　　定刻となりましたので、開会いたします。\n"
        "上野委員　　　　　基本目標２の指標について伺います。\n"
        "　　　　　　　　　数値目標は高くなっていますか。\n"
        "（午後３時３０分　閉会）\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["青木", "石田", "上野"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("小川", "人権推進課長"),
        ("木村", "主事"),
    ]
    assert _entries(text) == [
        ("statement", "事務局(小川)", "定刻となりましたので、開会いたします。"),
        (
            "statement",
            "上野委員",
            "基本目標２の指標について伺います。数値目標は高くなっていますか。",
        ),
    ]
    assert minutes.end_time == dt.time(15, 30)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("日時：R6.5.20（月）19:00～20:30", dt.date(2024, 5, 20)),
        ("日時：令和6.5.20（月）19:00～20:30", dt.date(2024, 5, 20)),
        ("日時：H22.12.21（火）19:00～20:30", dt.date(2010, 12, 21)),
        ("日時：Ｈ２２／１２／２１（火）19:00～20:30", dt.date(2010, 12, 21)),
        ("日時：2024-05-20（月）19:00-20:30", dt.date(2024, 5, 20)),
    ],
)
def test_dates_with_dots_slashes_hyphens_and_era_letters(line: str, day: dt.date) -> None:
    minutes = parse_minutes(f"市民協働推進委員会　会議録\n{line}\n委員長：開会します。\n")
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        day,
        dt.time(19, 0),
        dt.time(20, 30),
    )


def test_a_header_copied_from_a_table_with_tabs() -> None:
    minutes = parse_minutes(
        "市民協働推進委員会　会議録\n開催日時\t令和６年５月２０日（月）\t19:00～20:30\n"
        "開催場所\t市民会館　第１会議室\n出席者\t山田委員長、佐藤委員\n委員長\t開会します。\n"
    )
    assert (minutes.date, minutes.venue, minutes.attendees) == (
        dt.date(2024, 5, 20),
        "市民会館 第1会議室",
        ["山田", "佐藤"],
    )
    assert [(e.speaker, e.text) for e in minutes.entries()] == [("委員長", "開会します。")]


def test_opinions_and_answers_and_words_in_quotation_marks() -> None:
    text = (
        "市民協働推進委員会　会議録\n日時：令和６年５月２０日（月）\n（１）報告について\n"
        "（意見）駐輪場が足りない。\n（回答）検討します。\n〈要望〉案内表示を増やしてほしい。\n"
        "委員長「それでは次に移ります。」\n"
        "委員「「協働」の定義を確認したい。」\n"
        "委員から「駐輪場が足りない」との意見があった。\n"
    )
    minutes = parse_minutes(text)
    assert _entries(text) == [
        ("statement", "意見", "駐輪場が足りない。"),
        ("statement", "回答", "検討します。"),
        ("statement", "要望", "案内表示を増やしてほしい。"),
        ("statement", "委員長", "それでは次に移ります。"),
        ("statement", "委員", "「協働」の定義を確認したい。"),
        ("note", "委員から「駐輪場が足りない」との意見があった。"),
    ]
    assert not any(entry.uncertain for entry in minutes.entries())


@pytest.mark.parametrize(
    ("lines", "attendees", "count"),
    [
        ("出席委員（敬称略）：山田、佐藤、鈴木", ["山田", "佐藤", "鈴木"], None),
        ("出席委員（五十音順・敬称略）\n山田、佐藤、鈴木", ["山田", "佐藤", "鈴木"], None),
        ("出席者：委員３名（山田、佐藤、鈴木）", ["山田", "佐藤", "鈴木"], 3),
        ("委員出席者：山田委員長、佐藤委員", ["山田", "佐藤"], None),
        ("出席者：別紙のとおり", [], None),
        ("出席者：山田委員長、佐藤委員\n司会：事務局　佐藤\n記録者：佐藤", ["山田", "佐藤"], None),
        ("出席者：３２名（会員総数６０名、定足数３０名）", [], 32),
        ("出席正会員数　４５名（うち書面表決１０名、委任状５名）\n正会員総数　８０名", [], 45),
    ],
)
def test_rosters_with_remarks_counts_and_the_chair_and_writer_of_the_meeting(
    lines: str, attendees: list[str], count: int | None
) -> None:
    text = (
        f"市民協働推進委員会　会議録\n日時：令和６年５月２０日（月）\n{lines}\n委員長：始めます。\n"
    )
    minutes = parse_minutes(text)
    # Every header line read (none reported unread); the only warning is the want of headings.
    assert (minutes.attendees, minutes.attendee_count, minutes.warnings) == (
        attendees,
        count,
        ["議題の見出しがないため、全体を一つの議題（名前なし）として取り込みます。"],
    )
    assert _entries(text) == [("statement", "委員長", "始めます。")]


def test_the_master_of_ceremonies_speaking_first_is_a_turn_not_a_header_field() -> None:
    text = (
        "市民協働推進委員会　会議録\n日時：令和６年５月２０日（月）\n出席者：山田委員長、佐藤委員\n"
        "司会：それでは開会します。\n委員長：始めます。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["山田", "佐藤"]
    assert [(e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("司会", "それでは開会します。", False),
        ("委員長", "始めます。", False),
    ]


@pytest.mark.parametrize("text", [SUMMARY, BOARD, BRIEFING], ids=["summary", "board", "briefing"])
def test_summaries_printed_as_a_pdf_read_as_their_text(text: str) -> None:
    read, typed = _printed(text, numbers="none", wrapped=False)
    assert [(e.kind, e.speaker, e.text) for e in read.entries()] == [
        (e.kind, e.speaker, e.text) for e in typed.entries()
    ]
    assert [(i.number, i.title) for s in read.sections for i in s.items] == [
        (i.number, i.title) for s in typed.sections for i in s.items
    ]
    assert (read.date, read.attendees, read.agenda) == (typed.date, typed.attendees, typed.agenda)


@pytest.mark.parametrize(
    ("closing", "normalized", "end"),
    [
        ("（閉会　午後８時３０分）", "(閉会 午後8時30分)", dt.time(20, 30)),
        ("20時30分終了", "20時30分終了", dt.time(20, 30)),
        ("閉会（午後８時）", "閉会(午後8時)", dt.time(20)),
        ("20:30終了", "20:30終了", dt.time(20, 30)),
        ("－以上－", "-以上-", None),
        ("以　上", "以 上", None),
        ("【閉会】", "【閉会】", None),
        ("会議終了", "会議終了", None),
    ],
)
def test_closings_with_the_word_before_the_time_or_a_24_hour_time(
    closing: str, normalized: str, end: dt.time
) -> None:
    minutes = parse_minutes(
        f"市民協働推進委員会　会議録\n日時：令和６年５月２０日（月）午後７時\n"
        f"委員長：終わります。\n{closing}\n"
    )
    assert (minutes.closing, minutes.end_time) == (normalized, end)
    assert [(e.speaker, e.text) for e in minutes.entries()] == [("委員長", "終わります。")]


def test_bulleted_agenda_words_a_table_of_turns_and_parts_lettered_in_katakana() -> None:
    text = (
        "市民協働推進委員会　会議録\n日時：令和６年５月２０日（月）\n"
        "●議題１　センターの状況について\n"
        "ア　利用状況\n事務局：説明します。\n"
        "イ　相談件数\n事務局：増えています。次の２点です。\n"
        "ア　平日の相談\n"
        "●議題２　その他\n"
        "発言者　　　発言内容\n"
        "委員長　　　ありません。\n"
    )
    minutes = parse_minutes(text)
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "センターの状況について"),
        (2, "その他"),
    ]
    assert _entries(text) == [
        ("note", "ア\u3000利用状況"),
        ("statement", "事務局", "説明します。"),
        ("note", "イ\u3000相談件数"),
        ("statement", "事務局", "増えています。次の２点です。ア\u3000平日の相談"),
        ("statement", "委員長", "ありません。"),
    ]


def test_the_date_the_times_and_the_place_on_one_line_under_the_title() -> None:
    minutes = parse_minutes(
        "ひかり市環境審議会　会議録\n"
        "令和６年１０月３日（木）１４：００～１６：００　ひかり市役所　第１会議室\n"
        "（１）報告について\n会長：始めます。\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time, minutes.venue) == (
        dt.date(2024, 10, 3),
        dt.time(14, 0),
        dt.time(16, 0),
        "ひかり市役所 第1会議室",
    )
    assert (minutes.organization, minutes.warnings) == (None, [])


def test_a_centers_coordinator_and_facilitator_are_usual_labels() -> None:
    minutes = parse_minutes(
        "運営委員会　会議録\n日時：令和６年５月２０日（月）\n（１）報告\n"
        "コーディネーター：説明します。\nファシリテーター：進めます。\n"
    )
    assert [(e.speaker, e.uncertain) for e in minutes.entries()] == [
        ("コーディネーター", False),
        ("ファシリテーター", False),
    ]
    assert minutes.warnings == []


@pytest.mark.parametrize(
    ("name", "title", "label"),
    [
        ("丸木", "地域福祉課長", "丸木地域福祉課長"),
        ("松本", "非常勤", "松本非常勤"),
        ("", "市民協働課長", "市民協働課長"),
        ("村上", "福祉課", "村上（福祉課）"),
        ("井上", "", "井上"),
    ],
)
def test_a_secretariat_member_as_the_header_prints_them(name: str, title: str, label: str) -> None:
    from kyodo.minutes_text.model import Secretariat

    assert Secretariat(name, title).label == label


def test_numbered_sentences_of_a_summary_are_notes_not_items() -> None:
    text = (
        "運営委員会　議事要旨\n日時：令和６年５月２０日（月）\n"
        "（１）センターの利用状況について\n事務局より説明があった。\n＜主な意見＞\n"
        "①駐輪場が足りないので増やしてほしい。\n②案内表示を増やしてほしい。\n"
        "（２）事業計画について\n事務局：説明します。\n"
    )
    minutes = parse_minutes(text)
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "センターの利用状況について"),
        (2, "事業計画について"),
    ]
    assert _entries(text) == [
        ("note", "事務局より説明があった。"),
        ("note", "＜主な意見＞"),
        ("note", "①駐輪場が足りないので増やしてほしい。"),
        ("note", "②案内表示を増やしてほしい。"),
        ("statement", "事務局", "説明します。"),
    ]


def test_a_spaced_title_a_programme_beside_its_key_and_documents_beside_theirs() -> None:
    text = (
        "会　議　録\n\n"
        "会議の名称　　第２回ひかり市子ども・子育て会議\n"
        "開催日時　　　令和６年８月２９日（木）　午後６時３０分から午後８時１５分まで\n"
        "出席者　　　　【委員】井口会長、宇野副会長、岡田委員\n"
        "　　　　　　　【事務局】子育て支援課長、保育課長、子育て支援課　熊谷\n"
        "傍聴者　　　　３人\n"
        "会議次第　　　１　開会\n"
        "　　　　　　　２　議題\n"
        "　　　　　　　　（１）事業計画の進捗状況について\n"
        "　　　　　　　３　閉会\n"
        "配布資料　　　資料１　進捗状況一覧\n\n"
        "会議の経過\n"
        "１　開会\n"
        "○事務局（子育て支援課長）　開会いたします。\n"
        "２　議題\n"
        "（１）事業計画の進捗状況について\n"
        "○事務局（保育課長）　資料１をご覧ください。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.title == "第2回ひかり市子ども・子育て会議 会議録"
    assert (minutes.attendees, minutes.observers) == (["井口", "宇野", "岡田"], ["3人"])
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("", "子育て支援課長"),
        ("", "保育課長"),
        ("熊谷", "子育て支援課"),
    ]
    assert minutes.agenda == ["1 開会", "2 議題", "(1)事業計画の進捗状況について", "3 閉会"]
    assert _entries(text) == [
        ("statement", "事務局(子育て支援課長)", "開会いたします。"),
        ("statement", "事務局(保育課長)", "資料１をご覧ください。"),
    ]
    # the documents handed out are a list read and not kept, no line left unread
    assert minutes.warnings == ["見出し部分の「配布資料」の一覧（1行）は取り込みません。"]


def test_a_record_with_whether_it_was_public_and_the_same_department_abbreviated() -> None:
    text = (
        "令和６年度　第１回ひかり市協働のまちづくり推進委員会　会議録（要点筆記）\n\n"
        "１．開催日時：令和６年６月２０日（木）午後２時～午後３時４０分\n"
        "２．出席委員：２名\n　　　佐伯委員長、篠原副委員長\n"
        "３．事務局：市民協働推進課長　戸田、同課主査　中野\n"
        "４．会議の公開・非公開：公開（傍聴者なし）\n"
        "５．議題\n　（１）委員長・副委員長の選出について\n"
        "６．会議の概要\n"
        "（１）委員長・副委員長の選出について\n"
        "　委員の互選により、委員長に佐伯委員が選出された。\n"
    )
    minutes = parse_minutes(text)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("戸田", "市民協働推進課長"),
        ("中野", "市民協働推進課主査"),
    ]
    assert minutes.agenda == ["(1)委員長・副委員長の選出について"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "委員長・副委員長の選出について")
    ]
    assert _entries(text) == [("note", "委員の互選により、委員長に佐伯委員が選出された。")]
    assert minutes.warnings == []


CENTER_COMMITTEE = (
    "第３回　ひかり市民活動センター運営委員会　議事録\n\n"
    "日　時：２０２４年９月１０日（火）１９：００～２１：００\n"
    "場　所：センター会議室\n"
    "出席者：（委員）赤井、伊東、上野、江口、小野　（センター）加藤センター長、木下コーディネーター\n"
    "欠席者：久保委員\n\n"
    "議事\n１．報告事項\n（１）８月の利用状況（資料１）\n２．協議事項\n（１）センターまつりの実施について\n\n"
    "＜報告事項＞\n（１）８月の利用状況\n"
    "　加藤センター長より資料１に基づき報告。\n"
    "（質疑）\n赤井：夜間の利用が多い理由は。\n加藤：仕事帰りの団体が多いため。\n"
    "＜協議事項＞\n（１）センターまつりの実施について\n"
    "伊東：今年は屋外でも実施したい。\n注：雨天時は延期。\n"
    "以上\n"
)


def test_a_centers_committee_with_names_alone_as_labels_and_the_centers_staff_in_the_roster() -> (
    None
):
    minutes = parse_minutes(CENTER_COMMITTEE)
    assert minutes.attendees == ["赤井", "伊東", "上野", "江口", "小野"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("加藤", "センター長"),
        ("木下", "コーディネーター"),
    ]
    assert minutes.agenda == [
        "1.報告事項",
        "(1)8月の利用状況(資料1)",
        "2.協議事項",
        "(1)センターまつりの実施について",
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("報告事項", [(1, "8月の利用状況")]),
        ("協議事項", [(1, "センターまつりの実施について")]),
    ]
    # A name the header lists is a speaker; 「注：」 is not.
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("note", None, "加藤センター長より資料１に基づき報告。", False),
        ("note", None, "（質疑）", False),
        ("statement", "赤井", "夜間の利用が多い理由は。", False),
        ("statement", "加藤", "仕事帰りの団体が多いため。", False),
        ("statement", "伊東", "今年は屋外でも実施したい。注：雨天時は延期。", False),
    ]


def test_a_centers_committee_printed_as_a_pdf_reads_as_its_text() -> None:
    read, typed = _printed(CENTER_COMMITTEE, numbers="right")
    assert [(e.kind, e.speaker, e.text) for e in read.entries()] == [
        (e.kind, e.speaker, e.text) for e in typed.entries()
    ]
    assert [(s.name, s.title) for s in read.secretariat] == [
        (s.name, s.title) for s in typed.secretariat
    ]
    assert (read.attendees, read.agenda) == (typed.attendees, typed.agenda)


# --- labels on a line of their own, officers' meetings, a 懇談会's summary --------------------

SHINGIKAI = """\
令和６年度第２回　はまなす市協働のまちづくり審議会　会議録

１　日時　令和６年８月２７日（火）午後２時から午後４時まで
２　場所　市役所本庁舎３階　第３会議室
３　出席者
　委員　石川会長、岡田副会長、北村委員、小島委員
　事務局　市民活動推進課長、同課長補佐、同課主事
４　議題
（１）市民活動支援補助金の審査について
（２）その他
５　会議の概要

（１）市民活動支援補助金の審査について
事務局から資料１に基づき説明した。

委員Ａ
　審査の基準は昨年度と同じか。

事務局（市民活動推進課長）
　昨年度と同じ基準で審査する。
　ただし、配点を一部見直している。

会長
　ほかに意見はないか。

（２）その他
事務局から次回の日程について連絡した。

以上
"""


def test_labels_alone_on_their_line_and_the_other_business_as_the_next_item() -> None:
    minutes = parse_minutes(SHINGIKAI)
    assert minutes.attendees == ["石川", "岡田", "北村", "小島"]
    # 「同課長補佐」: 同 is the department before, not a person.
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("", "市民活動推進課長"),
        ("", "市民活動推進課長補佐"),
        ("", "市民活動推進課主事"),
    ]
    # 「（２）その他」 after 「（１）…」 is the next item, not a section named その他.
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "市民活動支援補助金の審査について"), (2, "その他")])
    ]
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("note", None, "事務局から資料１に基づき説明した。", False),
        ("statement", "委員A", "審査の基準は昨年度と同じか。", False),
        (
            "statement",
            "事務局(市民活動推進課長)",
            "昨年度と同じ基準で審査する。ただし、配点を一部見直している。",
            False,
        ),
        ("statement", "会長", "ほかに意見はないか。", False),
        ("note", None, "事務局から次回の日程について連絡した。", False),
    ]
    assert (minutes.warnings, minutes.closing) == ([], "以上")


def test_a_role_alone_inside_a_sentence_is_no_label() -> None:
    # The line before does not end a sentence: 「会長」 continues it.
    assert _entries("令和６年５月１０日\n（１）報告\n事務局から説明し、\n会長\nが了承した。\n") == [
        ("note", "事務局から説明し、会長が了承した。")
    ]


YAKUINKAI = """\
はまなす地区まちづくり協議会　第５回役員会　議事録

日時：令和６年９月１０日（火）午後７時から８時３０分まで
場所：はまなす地区センター　和室
出席：会長、副会長、会計、各部長（計９名）

議事
１．夏祭りの収支報告について
●会計：収入は４５万円、支出は４２万円でした。
●委員：残りの３万円はどうするのか。
●会長：来年度に繰り越します。
■承認された。

２．防災訓練について
・防災部長：１０月２０日に実施したい。
・副会長：雨天の場合はどうするか。
・防災部長：体育館で行います。

以上で閉会した。（午後８時３０分）
"""


def test_an_officers_meeting_with_offices_for_names_and_bulleted_turns() -> None:
    minutes = parse_minutes(YAKUINKAI)
    # Offices, no one named: the count only (「副会長」 was 「副」, a person).
    assert (minutes.attendees, minutes.attendee_count) == ([], 9)
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("statement", "会計", "収入は４５万円、支出は４２万円でした。", False),
        ("statement", "委員", "残りの３万円はどうするのか。", False),
        ("statement", "会長", "来年度に繰り越します。", False),
        ("note", None, "■承認された。", False),
        ("statement", "防災部長", "１０月２０日に実施したい。", False),
        ("statement", "副会長", "雨天の場合はどうするか。", False),
        ("statement", "防災部長", "体育館で行います。", False),
    ]
    assert minutes.warnings == []


KONDANKAI = """\
令和５年度　第１回　北地区地域づくり懇談会　会議要旨

日時：令和５年６月１５日（木）　１９時００分～２０時４５分
会場：北地区コミュニティセンター　大会議室
出席者：委員６名（中川、平野、松田、森、山口、吉田）
　　　　事務局２名
事務局：地域振興課（課長、係長）

次第
１　あいさつ
２　地域づくり計画について
３　意見交換
４　閉会

■意見交換
（質問）公園の草刈りの回数を増やしてほしい。
（回答）予算の範囲内で検討します。
・委員：防災訓練の日程はいつごろ決まるのか。
・事務局：７月中に自治会長へお知らせします。

以上
"""


def test_a_summary_whose_programme_is_followed_by_a_marked_heading() -> None:
    minutes = parse_minutes(KONDANKAI)
    # Two groups on the roster: the members named in parentheses, the secretariat counted.
    assert (minutes.attendees, minutes.attendee_count) == (
        ["中川", "平野", "松田", "森", "山口", "吉田"],
        6,
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("", "地域振興課長"),
        ("", "地域振興課係長"),
    ]
    # 「■意見交換」 ends the programme: it is the body's heading.
    assert minutes.agenda == ["1 あいさつ", "2 地域づくり計画について", "3 意見交換", "4 閉会"]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("意見交換", [(0, "")])
    ]
    assert _entries(KONDANKAI) == [
        ("statement", "質問", "公園の草刈りの回数を増やしてほしい。"),
        ("statement", "回答", "予算の範囲内で検討します。"),
        ("statement", "委員", "防災訓練の日程はいつごろ決まるのか。"),
        ("statement", "事務局", "７月中に自治会長へお知らせします。"),
    ]
    assert (minutes.warnings, minutes.closing) == ([], "以上")


DANJO = """\
会　議　録

会議名　　令和６年度第３回はまなす市男女共同参画審議会
開催日時　令和 6年10月 1日（火曜日）午後1時30分～
開催場所　市役所　第２委員会室
出席委員　（会長）小川　（副会長）加藤　（委員）木村、近藤、斎藤
欠席委員　なし
事務局　　人権・男女共同参画課　課長　佐々木、主査　清水
開会　午後１時３０分
閉会　午後３時１０分

議題１　第５次男女共同参画プランの進捗について
　事務局から資料１について説明。
委員（木村）：数値目標の達成状況はどうか。
事務局（佐々木課長）：１５項目のうち９項目で目標を達成している。
会長：次回、事務局から説明をお願いする。

議題２　市民意識調査の実施について
Ｑ１　調査の対象者は何人か。
Ａ１　無作為に抽出した市民２，０００人を予定している。

報告事項（１）　講座の開催結果について
　事務局から報告した。質疑なし。
"""


def test_numbered_questions_a_categorys_numbered_item_and_the_department_before_the_title() -> None:
    minutes = parse_minutes(DANJO)
    assert (minutes.title, minutes.date, minutes.start_time, minutes.end_time) == (
        "令和6年度第3回はまなす市男女共同参画審議会 会議録",
        dt.date(2024, 10, 1),
        dt.time(13, 30),
        dt.time(15, 10),
    )
    assert (minutes.attendees, minutes.absentees) == (["小川", "加藤", "木村", "近藤", "斎藤"], [])
    # 「課　課長　佐々木」: the department, the title, the name (was 「課長 佐々木」 of the 課).
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("佐々木", "人権・男女共同参画課長"),
        ("清水", "人権・男女共同参画課主査"),  # the department named once, for the list
    ]
    # 「報告事項（１）」 names its category: a section of its own (was glued into the answer).
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "第5次男女共同参画プランの進捗について"), (2, "市民意識調査の実施について")]),
        ("報告事項", [(1, "講座の開催結果について")]),
    ]
    assert _entries(DANJO) == [
        ("note", "事務局から資料１について説明。"),
        ("statement", "委員(木村)", "数値目標の達成状況はどうか。"),
        ("statement", "事務局(佐々木課長)", "１５項目のうち９項目で目標を達成している。"),
        ("statement", "会長", "次回、事務局から説明をお願いする。"),
        # 「Ｑ１　……」 was one note with every question and answer.
        ("statement", "Q1", "調査の対象者は何人か。"),
        ("statement", "A1", "無作為に抽出した市民２，０００人を予定している。"),
        ("note", "事務局から報告した。質疑なし。"),
    ]
    assert minutes.warnings == []


SOMU = """\
はまなす市議会　総務常任委員会　会議録

１　開会年月日　　令和６年６月１７日（月）
２　開会時刻　　　午前１０時００分
３　閉会時刻　　　午前１１時４５分
４　場所　　　　　第１委員会室
５　出席委員（６名）
　　委員長　　村田　幸一　　　副委員長　　森本　美樹
　　委員　　　石田　健二　　　委員　　　　上田　順子
　　委員　　　太田　一郎　　　委員　　　　川口　聡
６　欠席委員　なし
７　説明のため出席した者
　　市民協働部長　　　横山　浩
８　付託案件
　　議案第３０号　はまなす市市民活動センター条例の一部を改正する条例について

――――――――――――――――――――――――――――

◯委員長（村田幸一君）　ただいまから総務常任委員会を開会いたします。
◯市民協働部長（横山浩君）　議案第３０号について御説明申し上げます。
　　　　　〔「異議なし」と呼ぶ者あり〕
　　　　　　　　　　　　　午前１１時４５分閉会
"""


def test_an_assembly_committees_roster_in_columns_and_the_bills_referred_to_it() -> None:
    minutes = parse_minutes(SOMU)
    # Title, name, title, name in columns: each name whole (was 「村田」「幸一」 …).
    assert (minutes.attendees, minutes.attendee_count) == (
        ["村田 幸一", "森本 美樹", "石田 健二", "上田 順子", "太田 一郎", "川口 聡"],
        6,
    )
    # 「付託案件」: the agenda (its bill was a skipped header line).
    assert minutes.agenda == [
        "議案第30号 はまなす市市民活動センター条例の一部を改正する条例について"
    ]
    assert (minutes.start_time, minutes.end_time, minutes.closing) == (
        dt.time(10),
        dt.time(11, 45),
        "午前11時45分閉会",
    )
    assert _entries(SOMU) == [
        ("statement", "委員長(村田幸一君)", "ただいまから総務常任委員会を開会いたします。"),
        ("statement", "市民協働部長(横山浩君)", "議案第３０号について御説明申し上げます。"),
        ("note", "〔「異議なし」と呼ぶ者あり〕"),
    ]


SHOMEN = """\
令和３年度第１回はまなす市市民活動推進委員会（書面開催）　結果概要

１　開催方法　書面による開催
２　期間　令和３年５月１７日（月）から令和３年５月３１日（月）まで
３　委員　８名（回答８名）
４　議題
（１）令和２年度市民活動支援補助金の実績について
（２）令和３年度の委員会の進め方について
５　結果
（１）令和２年度市民活動支援補助金の実績について
　全委員から了承を得た。
　主な意見
　・申請の手続きを簡素化してほしい。
（２）令和３年度の委員会の進め方について
　全委員から了承を得た。
"""


def test_a_meeting_held_in_writing() -> None:
    minutes = parse_minutes(SHOMEN)
    # 結果概要 is a title; the answering period's first day the date; 「３　委員　８名」 the count.
    assert (minutes.title, minutes.date, minutes.attendee_count) == (
        "令和3年度第1回はまなす市市民活動推進委員会(書面開催) 結果概要",
        dt.date(2021, 5, 17),
        8,
    )
    # The header's fields were items 1 to 3 and 「５　結果」 an item of the section 議題.
    assert minutes.agenda == [
        "(1)令和2年度市民活動支援補助金の実績について",
        "(2)令和3年度の委員会の進め方について",
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        (
            "",
            [
                (1, "令和2年度市民活動支援補助金の実績について"),
                (2, "令和3年度の委員会の進め方について"),
            ],
        )
    ]
    assert _entries(SHOMEN) == [
        ("note", "全委員から了承を得た。"),
        ("note", "主な意見"),
        ("note", "・申請の手続きを簡素化してほしい。"),
        ("note", "全委員から了承を得た。"),
    ]
    assert minutes.warnings == []


HYBRID = """\
第４回はまなす市子ども・子育て会議　議事録

日時：２０２５年１月２１日（火）１０：００～１２：００
開催方法：対面及びオンライン（Zoom）
場所：市役所　大会議室
出席者：
　【対面】会長　宮本、委員　村井、山下
　【オンライン】委員　横田、渡辺
欠席者：委員　和田

【議事】
１　子ども・子育て支援事業計画の策定について
（事務局より資料説明）
宮本会長：ただいまの説明について、御意見はありますか。
横田委員：ニーズ調査の回収率はどのくらいでしたか。
事務局：約４５パーセントです。

２　その他
事務局：次回は３月に開催予定です。
"""


def test_a_meeting_attended_online_too() -> None:
    minutes = parse_minutes(HYBRID)
    assert (minutes.attendees, minutes.online, minutes.absentees) == (
        ["宮本", "村井", "山下", "横田", "渡辺"],
        ["横田", "渡辺"],
        ["和田"],
    )
    # 「１　……について」 with the proceedings under it is the body's item, not the header's
    # agenda (the turns were an unnamed item, 「２　その他」 a section).
    assert minutes.agenda == []
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("議事", [(1, "子ども・子育て支援事業計画の策定について"), (2, "その他")])
    ]
    assert _entries(HYBRID) == [
        ("note", "（事務局より資料説明）"),
        ("statement", "宮本会長", "ただいまの説明について、御意見はありますか。"),
        ("statement", "横田委員", "ニーズ調査の回収率はどのくらいでしたか。"),
        ("statement", "事務局", "約４５パーセントです。"),
        ("statement", "事務局", "次回は３月に開催予定です。"),
    ]
    # 「開催方法」 is read, not skipped with a warning.
    assert minutes.warnings == []


FORUM = """\
第２回　はまなす市民活動フォーラム実行委員会　議事録

日時　２０２４年７月８日（月）１８時３０分～２０時
場所　市民活動センター　研修室
出席者　田中　太郎（実行委員長）、鈴木　花子、高橋　健
事務局　センター　渡部

１．フォーラムの企画について
田中　太郎：今年のテーマについて意見をください。
鈴木　花子：若い世代の参加を増やしたいです。
（高橋）高校生にも声をかけてはどうか。
渡部：学校への案内は事務局で行います。
注：案内文は次回確認する。
"""


def test_full_names_as_labels_and_a_listed_name_in_parentheses() -> None:
    minutes = parse_minutes(FORUM)
    # 「田中　太郎（実行委員長）」 was two people, 「田中」 and 「太郎(実行委員長)」.
    assert minutes.attendees == ["田中 太郎", "鈴木 花子", "高橋 健"]
    # 「センター　渡部」: the person after the place (was a person センター titled 渡部).
    assert [(s.name, s.title) for s in minutes.secretariat] == [("渡部", "センター")]
    # Every turn was one note.
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("statement", "田中 太郎", "今年のテーマについて意見をください。", False),
        ("statement", "鈴木 花子", "若い世代の参加を増やしたいです。", False),
        ("statement", "高橋", "高校生にも声をかけてはどうか。", False),
        ("statement", "渡部", "学校への案内は事務局で行います。注：案内文は次回確認する。", False),
    ]


KYODO = """\
令和６年度第３回
はまなす市協働推進審議会会議録

開催日時：令和６年１１月２５日（月）午前１０時～１１時３０分
開催場所：市役所　第５会議室
出席委員：山本会長、中島委員、藤田委員（計３名）
事務局：協働推進課長ほか２名

議事
（１）協働事業の中間評価について
（質疑応答）
Ｑ（委員）：評価の時期はいつか。
Ａ（事務局）：１月に予定している。
●中島委員　評価者に市民を加えてはどうか。
"""


def test_a_title_over_two_lines_questions_with_who_asked_and_others_not_named() -> None:
    minutes = parse_minutes(KYODO)
    # 「令和６年度第３回」 above the title was the organization; the year and sitting were lost.
    assert (minutes.title, minutes.fiscal_year, minutes.meeting_number, minutes.organization) == (
        "令和6年度第3回 はまなす市協働推進審議会会議録",
        2024,
        3,
        None,
    )
    # 「ほか２名」: the others are not named (was a person 「協働推進課長ほか2名」).
    assert [(s.name, s.title) for s in minutes.secretariat] == [("", "協働推進課長")]
    assert _entries(KYODO) == [
        ("note", "（質疑応答）"),
        ("statement", "Q(委員)", "評価の時期はいつか。"),
        ("statement", "A(事務局)", "１月に予定している。"),
        ("statement", "中島委員", "評価者に市民を加えてはどうか。"),
    ]
    assert minutes.warnings == []


KYOGIKAI = """\
令和６年度　はまなす市民活動センター運営協議会　第２回　会議録

日時：令和６年７月２３日（火）　１９：００～２０：３０
場所：センター会議室
出席者：鈴木、田村、中山（以上委員）、西村（センター長）

【鈴木】それでは始めます。
【西村】参加団体は２０団体の予定です。
○田村　去年より増えていますね。
○満場一致で承認した。
"""


def test_listed_names_in_brackets_or_after_a_mark() -> None:
    minutes = parse_minutes(KYOGIKAI)
    assert minutes.attendees == ["鈴木", "田村", "中山", "西村"]  # was 「西村(センター長)」
    # Each was a note; the last is one still (no name the header lists).
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in minutes.entries()] == [
        ("statement", "鈴木", "それでは始めます。", False),
        ("statement", "西村", "参加団体は２０団体の予定です。", False),
        ("statement", "田村", "去年より増えていますね。", False),
        ("note", None, "満場一致で承認した。", False),
    ]


KANKYO = """\
はまなす市環境審議会　会議録

作成日：令和６年９月２日
作成者：環境政策課

１　会議名　　　第２回はまなす市環境審議会
２　開催日時　　令和６年８月２０日（火）１４時００分～１５時３０分
３　開催場所　　市役所３階　会議室３０１
４　出席者　　　委員７名（別紙名簿のとおり）
　　　　　　　　事務局：環境政策課長、同課係長
５　傍聴者　　　２名
６　議題　　　　（１）第３次環境基本計画の策定について
７　議事の経過
（１）第３次環境基本計画の策定について
　事務局が資料に基づき説明した後、質疑応答を行った。
【委員】温室効果ガスの削減目標は国の目標と同じか。
【事務局】国と同じ水準を目指す。
"""


def test_the_records_own_date_and_author_before_the_numbered_header() -> None:
    minutes = parse_minutes(KANKYO)
    # 「作成日」 was taken for the meeting's date, 「作成者」 for the organization, and every
    # numbered field after them for an item.
    assert (minutes.date, minutes.start_time, minutes.end_time, minutes.organization) == (
        dt.date(2024, 8, 20),
        dt.time(14),
        dt.time(15, 30),
        None,
    )
    # 「１　会議名　第２回…」 gives the sitting's number; 「６　議題　（１）…」 the agenda.
    assert (minutes.title, minutes.meeting_number, minutes.agenda) == (
        "はまなす市環境審議会 会議録",
        2,
        ["(1)第3次環境基本計画の策定について"],
    )
    assert (minutes.venue, minutes.attendee_count, minutes.observers) == (
        "市役所3階 会議室301",
        7,
        ["2名"],
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("", "環境政策課長"),
        ("", "環境政策課係長"),
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "第3次環境基本計画の策定について")])
    ]
    assert _entries(KANKYO) == [
        ("note", "事務局が資料に基づき説明した後、質疑応答を行った。"),
        ("statement", "委員", "温室効果ガスの削減目標は国の目標と同じか。"),
        ("statement", "事務局", "国と同じ水準を目指す。"),
    ]
    assert minutes.warnings == []


SHAKAI = """\
はまなす市社会教育委員会議　会議録

日時：令和６年５月２８日（火）１０時～１２時
事務局：生涯学習課長　小松、同課主任　杉山

（１）令和６年度の事業計画について
小松課長：資料１をご覧ください。
杉山主任：６０歳以上が約７割を占めています。

－　１　－

はまなす市社会教育委員会議会議録（令和６年５月２８日）
上杉委員：若い世代向けの講座を増やしてほしいです。
"""


def test_a_running_head_with_the_meetings_date() -> None:
    # The title printed again with the date at the top of each page was glued into the turn
    # before; 「杉山主任」 was marked 要確認.
    assert [(e.kind, e.speaker, e.text, e.uncertain) for e in parse_minutes(SHAKAI).entries()] == [
        ("statement", "小松課長", "資料１をご覧ください。", False),
        ("statement", "杉山主任", "６０歳以上が約７割を占めています。", False),
        ("statement", "上杉委員", "若い世代向けの講座を増やしてほしいです。", False),
    ]


KOTSU = """\
第５回はまなす市地域公共交通会議　議事概要

日時：令和６年１２月３日（火）１５：００～１６：３０
場所：市役所　大会議室

議事（１）コミュニティバスの路線再編について
事務局より資料１に基づき説明。
委員：乗り継ぎの待ち時間はどうなるか。
事務局：最大１５分以内となるよう調整する。

議事（２）デマンド交通の実証運行について
会長：実証運行の結果は次回報告すること。
"""


def test_items_numbered_after_the_word_giji() -> None:
    minutes = parse_minutes(KOTSU)
    # The first was skipped as a header line, the second glued into the turn before it.
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "コミュニティバスの路線再編について"), (2, "デマンド交通の実証運行について")])
    ]
    assert _entries(KOTSU) == [
        ("note", "事務局より資料１に基づき説明。"),
        ("statement", "委員", "乗り継ぎの待ち時間はどうなるか。"),
        ("statement", "事務局", "最大１５分以内となるよう調整する。"),
        ("statement", "会長", "実証運行の結果は次回報告すること。"),
    ]
    assert minutes.warnings == []


TOSHOKAN = """\
はまなす市図書館協議会　会議録

日時：令和６年１０月８日（火）１４時～１５時３０分
議題：
　・図書館サービス計画の評価について
　・移動図書館の運行について

■図書館サービス計画の評価について
事務局：資料１により説明した。
■移動図書館の運行について
委員：運行日を増やしてほしい。
■自由意見
委員：開館時間を延ばしてほしい。
"""


SHIDAI = """\
令和６年度第１回はまなす市市民協働推進委員会　会議録

１　日　時　　令和６年７月１日（月）午後２時～午後４時
３　出席者　　委員　１０名（別紙のとおり）
　　　　　　　事務局　５名
４　次　第
　（１）開会
　（２）議事
　　ア　委員長の選出について
　　イ　協働推進計画の進捗について
　（３）閉会
５　会議の概要
（１）開会
（２）議事
ア　委員長の選出について
　委員の互選により、石田委員が委員長に選出された。
イ　協働推進計画の進捗について
（質疑）
委員：目標の達成は見込めるか。
"""


def test_items_lettered_in_katakana_under_the_programmes_giji() -> None:
    minutes = parse_minutes(SHIDAI)
    # 「事務局　５名」 continuing the roster was a person 「5名」.
    assert (minutes.attendee_count, minutes.secretariat) == (10, [])
    # ア/イ were notes, each glued to the sentence under it.
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        # 「１　開会」 with nothing under it is no item (the rule for an empty opening)
        ("議事", [(1, "委員長の選出について"), (2, "協働推進計画の進捗について")]),
    ]
    assert _entries(SHIDAI) == [
        ("note", "委員の互選により、石田委員が委員長に選出された。"),
        ("note", "（質疑）"),
        ("statement", "委員", "目標の達成は見込めるか。"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("【議題１】コミュニティバスについて", "【議題２】デマンド交通について"),
        ("＜議題１＞コミュニティバスについて", "＜議題２＞デマンド交通について"),
        ("【１】コミュニティバスについて", "【２】デマンド交通について"),
        ("◎議題１　コミュニティバスについて", "◎議題２　デマンド交通について"),
        ("Ⅰ　コミュニティバスについて", "Ⅱ　デマンド交通について"),
    ],
)
def test_item_numbers_in_brackets_after_a_mark_or_in_roman(first: str, second: str) -> None:
    # 「議題1】…」 was the title, or the heading a note (◎) or prose (Ⅰ).
    text = (
        f"会議録\n日時：令和６年５月１０日\n\n{first}\n委員：質問です。\n事務局：回答です。\n"
        f"{second}\n委員：意見です。\n"
    )
    minutes = parse_minutes(text)
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "コミュニティバスについて"), (2, "デマンド交通について")])
    ]
    assert _entries(text) == [
        ("statement", "委員", "質問です。"),
        ("statement", "事務局", "回答です。"),
        ("statement", "委員", "意見です。"),
    ]


def test_a_katakana_part_is_a_note_of_its_own() -> None:
    # Not in the agenda and under no 議事: a part of the item, the sentence under it apart.
    text = "会議録\n令和６年５月１０日\n（１）報告\nア　利用状況\n　利用者は増えた。\n"
    assert _entries(text) == [("note", "ア　利用状況"), ("note", "利用者は増えた。")]


TABLE = """\
はまなす市市民活動推進委員会　会議録
| 会議名 | 第３回はまなす市市民活動推進委員会 |
|---|---|
| 日時 | 令和６年１１月１２日（火）１８：３０～２０：００ |
｜ 場所 ｜ 市民活動センター　会議室 ｜
| 出席者 | 委員：青木、石井、上田　事務局：市民協働課長 |

議事
（１）センターの利用状況について
事務局：利用者数は前年比１割増です。
"""


@pytest.mark.parametrize(
    "times", ["午後２時～午後４時", "14:00～16:00", "午後２時から午後４時まで"]
)
def test_the_times_on_the_line_under_the_date(times: str) -> None:
    minutes = parse_minutes(
        f"会議録\n日時：令和６年５月１０日（金）\n　　　{times}\n委員長：始めます。\n"
    )
    # The line was skipped as a header line we do not read, the times lost.
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 5, 10),
        dt.time(14),
        dt.time(16),
    )
    assert "見出し部分の1行は読み取れなかったため取り込みません。" not in minutes.warnings


@pytest.mark.parametrize(
    ("line", "reading"),
    [
        ("会場名：市役所", ("市役所", [], [], [])),
        ("出席委員名：青木、石井", (None, ["青木", "石井"], [], [])),
        ("出席者（委員）：青木、石井", (None, ["青木", "石井"], [], [])),
        ("出席職員：市民協働課長", (None, [], [("", "市民協働課長")], [])),
        ("傍聴人数：３名", (None, [], [], ["3名"])),
        ("傍聴の有無：なし", (None, [], [], [])),
    ],
)
def test_more_header_keys(line: str, reading: tuple) -> None:
    # Each was a header line skipped with a warning.
    minutes = parse_minutes(f"会議録\n日時：令和６年５月１０日\n{line}\n委員長：始めます。\n")
    secretariat = [(s.name, s.title) for s in minutes.secretariat]
    assert (minutes.venue, minutes.attendees, secretariat, minutes.observers) == reading
    assert not any("読み取れなかった" in warning for warning in minutes.warnings)


def test_a_header_drawn_as_a_table_with_bars() -> None:
    minutes = parse_minutes(TABLE)
    # The rows were read as a turn 「|出席者|委員」 and an organization.
    assert (minutes.organization, minutes.meeting_number, minutes.venue) == (
        None,
        3,
        "市民活動センター 会議室",
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 11, 12),
        dt.time(18, 30),
        dt.time(20),
    )
    assert minutes.attendees == ["青木", "石井", "上田"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("", "市民協働課長")]
    assert _entries(TABLE) == [("statement", "事務局", "利用者数は前年比１割増です。")]
    assert minutes.warnings == []


def test_a_marked_turn_ending_as_an_agenda_title_is_still_a_turn() -> None:
    text = (
        "会議録\n令和６年５月１０日\n"
        "◆議長（田村誠君）　日程第１、会議録署名議員の指名について\n"
        "◆１番（青木一郎君）　賛成です。\n"
    )
    assert _entries(text) == [
        ("statement", "議長(田村誠君)", "日程第１、会議録署名議員の指名について"),
        ("statement", "1番(青木一郎君)", "賛成です。"),
    ]


def test_unnumbered_marked_titles_of_the_agenda_are_items() -> None:
    minutes = parse_minutes(TOSHOKAN)
    # The bulleted list was read as notes of a section 議題, each ■ title as a note.
    assert minutes.agenda == ["・図書館サービス計画の評価について", "・移動図書館の運行について"]
    # 「■自由意見」 is neither listed nor worded as an agenda title: a note.
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "図書館サービス計画の評価について"), (2, "移動図書館の運行について")])
    ]
    assert _entries(TOSHOKAN) == [
        ("statement", "事務局", "資料１により説明した。"),
        ("statement", "委員", "運行日を増やしてほしい。"),
        ("note", "■自由意見"),
        ("statement", "委員", "開館時間を延ばしてほしい。"),
    ]
    assert minutes.warnings == []


@pytest.mark.parametrize(
    "text",
    [
        SHINGIKAI,
        YAKUINKAI,
        KONDANKAI,
        DANJO,
        SOMU,
        SHOMEN,
        HYBRID,
        FORUM,
        KYODO,
        KYOGIKAI,
        KANKYO,
        KOTSU,
        TOSHOKAN,
        SHIDAI,
    ],
)
@pytest.mark.parametrize("numbers", ["right", "none"])
def test_these_printed_as_a_pdf_read_as_their_text(text: str, numbers: str) -> None:
    read, typed = _printed(text, numbers=numbers)

    def reading(minutes):
        return (
            [(e.kind, e.speaker, e.text) for e in minutes.entries()],
            [(s.name, s.title) for s in minutes.secretariat],
            [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections],
            minutes.attendees,
            minutes.online,
            minutes.attendee_count,
            minutes.agenda,
            minutes.date,
            minutes.title,
        )

    assert reading(read) == reading(typed)
