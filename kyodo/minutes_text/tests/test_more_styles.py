"""House styles read since the thirteenth session: an education board's 定例会, an assembly
committee's 会議録 with its rosters in columns, a neighbourhood council's minutes whose header lists
the agenda the body numbers again; each with its exact reading, and printed as a PDF too."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._header import split_people, split_staff, staff_columns
from kyodo.minutes_text._syntax import speaker_label

from .test_styles import _entries, _printed

KYOIKU = (
    "令和６年第２回ひかり市教育委員会定例会会議録\n"
    "\n"
    "１　日　　時　　令和６年２月２２日（木）午後２時００分～午後３時２０分\n"
    "２　場　　所　　ひかり市役所６階　教育委員会室\n"
    "３　出 席 者\n"
    "　　教育長　　　　　　　田村　和彦\n"
    "　　教育長職務代理者　　中島　陽子\n"
    "　　委　　員　　　　　　前田　俊介\n"
    "４　議事日程\n"
    "　日程第１　前回会議録の承認\n"
    "　日程第２　議案第５号　学校管理規則の一部を改正する規則について\n"
    "\n"
    "○開会\n"
    "教育長　　ただいまから定例会を開会します。\n"
    "○日程第１　前回会議録の承認\n"
    "教育長　　前回会議録について、御意見はありますか。\n"
    "（異議なし）\n"
    "教育長　　承認することとします。\n"
    "○日程第２　議案第５号　学校管理規則の一部を改正する規則について\n"
    "教育総務課長　　長期休業期間中に学校閉庁日を設けるものです。\n"
    "前田委員　　閉庁日の緊急連絡はどうなりますか。\n"
    "教育総務課長　　教育委員会事務局で受け付けます。\n"
    "中島職務代理者　　地域の方にも周知をお願いします。\n"
    "教育長　　原案のとおり可決してよろしいですか。\n"
    "（全委員賛成）\n"
    "○閉会\n"
    "教育長　　以上をもちまして、本日の定例会を閉会します。\n"
)


JONIN = (
    "　　　　　　　総務常任委員会会議録\n"
    "\n"
    "１　日　　時　　令和５年１２月１１日（月）\n"
    "　　　　　　　　開会　午前１０時００分\n"
    "　　　　　　　　閉会　午前１１時５２分\n"
    "２　場　　所　　第１委員会室\n"
    "３　出席委員（４名）\n"
    "　　委 員 長　　山田　太郎　　　　副委員長　　佐藤　花子\n"
    "　　委　　員　　鈴木　一郎　　　　委　　員　　高橋　次郎\n"
    "４　出席議員\n"
    "　　議　長　小池　勝利\n"
    "５　説明のため出席した者\n"
    "　　総務部長　　　　中村　誠　　　　人事課長　　　　小林　聡\n"
    "６　事務局職員出席者\n"
    "　　議事課長　　　　加藤　洋　　　　書　　記　　　　木村　美咲\n"
    "７　本日の会議に付した事件\n"
    "　　議案第７８号　職員の給与に関する条例の一部を改正する条例について\n"
    "\n"
    "─────────────────────────────────\n"
    "○委員長（山田太郎君）　ただいまから総務常任委員会を開会いたします。\n"
    "○総務部長（中村誠君）　議案第７８号について御説明申し上げます。\n"
    "○委員長（山田太郎君）　原案のとおり可決すべきものと決しました。\n"
)


CHIKU = (
    "第２回　みどり地区まちづくり協議会　会議録\n"
    "\n"
    "日時：令和６年５月２０日（月）１９時～２０時３０分\n"
    "場所：みどり地区センター\n"
    "出席者：山田、佐藤、鈴木\n"
    "【配布資料】\n"
    "　資料1　事業報告書\n"
    "　資料2　訓練計画（案）\n"
    "議題\n"
    "１．防災訓練について\n"
    "２．その他\n"
    "\n"
    "１．防災訓練について\n"
    "会長：ただいまから会議を開会します。今年の訓練は１０月です。\n"
    "小林さん　炊き出しの材料費はどうしますか。\n"
    "西教頭：学校の体育館を使えます。\n"
    "岡本監事　会計から出します。\n"
    "\n"
    "２．その他\n"
    "特になし。\n"
    "以上\n"
)


def test_an_education_boards_teireikai() -> None:
    """Titles before names in the roster (教育長職務代理者 too), 議事日程 as the agenda (was a
    roster heading: the body after it was skipped and the file refused) and its 日程 the items,
    unmarked labels 教育長 and 中島職務代理者 (were glued to the turn before)."""
    minutes = parse_minutes(KYOIKU)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 2, 22),
        dt.time(14, 0),
        dt.time(15, 20),
    )
    assert minutes.venue == "ひかり市役所6階 教育委員会室"
    assert minutes.attendees == ["田村 和彦", "中島 陽子", "前田 俊介"]
    assert minutes.agenda == [
        "日程第1 前回会議録の承認",
        "日程第2 議案第5号 学校管理規則の一部を改正する規則について",
    ]
    assert _entries(KYOIKU) == [
        ("note", "開会"),
        ("statement", "教育長", "ただいまから定例会を開会します。"),
        ("statement", "教育長", "前回会議録について、御意見はありますか。"),
        ("note", "（異議なし）"),
        ("statement", "教育長", "承認することとします。"),
        ("statement", "教育総務課長", "長期休業期間中に学校閉庁日を設けるものです。"),
        ("statement", "前田委員", "閉庁日の緊急連絡はどうなりますか。"),
        ("statement", "教育総務課長", "教育委員会事務局で受け付けます。"),
        ("statement", "中島職務代理者", "地域の方にも周知をお願いします。"),
        ("statement", "教育長", "原案のとおり可決してよろしいですか。"),
        ("note", "（全委員賛成）"),
        ("note", "閉会"),
        ("statement", "教育長", "以上をもちまして、本日の定例会を閉会します。"),
    ]
    assert not any(entry.uncertain for entry in minutes.entries())
    # 「○日程第１　……」 as the 議事日程 lists them: the items (were notes in one unnamed item).
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (0, "開会"),
        (1, "前回会議録の承認"),
        (2, "議案第5号 学校管理規則の一部を改正する規則について"),
    ]
    assert minutes.warnings == []


def test_an_assembly_committees_rosters_in_columns() -> None:
    """「委 員 長」「委　　員」 spaced to a column's width (were read as names 「委」「員」), 出席議員
    after 出席委員 (replaced the members), 事務局職員出席者 in columns (skipped): the secretariat,
    after the officials 説明のため出席した者 (kept there since the eighth set: a clerk lists them)."""
    minutes = parse_minutes(JONIN)
    assert minutes.attendees == ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎", "小池 勝利"]
    assert minutes.attendee_count == 4
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("中村 誠", "総務部長"),
        ("小林 聡", "人事課長"),
        ("加藤 洋", "議事課長"),
        ("木村 美咲", "書記"),
    ]
    assert minutes.agenda == ["議案第78号 職員の給与に関する条例の一部を改正する条例について"]
    assert [e.speaker for e in minutes.entries()] == [
        "委員長(山田太郎君)",
        "総務部長(中村誠君)",
        "委員長(山田太郎君)",
    ]


def test_an_agenda_in_the_header_the_body_numbers_again() -> None:
    """「議題」「１．防災訓練について」「２．その他」, then the same headings with their turns
    (the list was taken for the body: headings glued into notes, every turn under the last item);
    the first turn after the documents handed out (was skipped with them); 「小林さん　」
    「西教頭：」「岡本監事　」 (glued to the turn before)."""
    minutes = parse_minutes(CHIKU)
    assert minutes.agenda == ["1.防災訓練について", "2.その他"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "防災訓練について"),
        (2, "その他"),
    ]
    assert _entries(CHIKU) == [
        ("statement", "会長", "ただいまから会議を開会します。今年の訓練は１０月です。"),
        ("statement", "小林さん", "炊き出しの材料費はどうしますか。"),
        ("statement", "西教頭", "学校の体育館を使えます。"),
        ("statement", "岡本監事", "会計から出します。"),
        ("note", "特になし。"),
    ]


@pytest.mark.parametrize("text", [KYOIKU, JONIN, CHIKU])
@pytest.mark.parametrize("numbers", ["right", "none"])
def test_these_printed_as_a_pdf_read_as_their_text(text: str, numbers: str) -> None:
    read, typed = _printed(text, numbers=numbers, wrapped=False)

    def reading(minutes):
        return (
            [(e.kind, e.speaker, e.text) for e in minutes.entries()],
            [(s.name, s.title) for s in minutes.secretariat],
            [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections],
            minutes.attendees,
            minutes.agenda,
            minutes.date,
            minutes.title,
        )

    assert reading(read) == reading(typed)


def test_a_spaced_agenda_key_and_the_programme_after_it() -> None:
    """「議　題　（１）……」 spaced to the header's keys (was glued to the field above), its list
    ending where the programme starts again at 「１　開会」 (the items were read twice)."""
    text = (
        "第３回みどり市環境審議会　会議録\n"
        "日　時　令和６年１１月１２日（火）午後２時～午後３時４５分\n"
        "傍聴者　２名\n"
        "議　題　（１）環境基本計画の進捗状況について\n"
        "　　　（２）その他\n"
        "\n"
        "１　開会\n"
        "事務局（加藤課長）　ただいまから開会いたします。\n"
        "２　議事\n"
        "（１）環境基本計画の進捗状況について\n"
        "会長　事務局から説明をお願いします。\n"
        "３　閉会\n"
        "会長　以上で終了いたします。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == ["(1)環境基本計画の進捗状況について", "(2)その他"]
    assert minutes.observers == ["2名"]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "開会")]),
        ("議事", [(1, "環境基本計画の進捗状況について"), (3, "閉会")]),
    ]
    assert [e.speaker for e in minutes.entries()] == ["事務局(加藤課長)", "会長", "会長"]


@pytest.mark.parametrize("footer", ["−1−", "－１－", "- 1 -"])
def test_page_footers_with_a_minus_sign(footer: str) -> None:
    """「−1−」 with U+2212, as a PDF printed in a CID font gives back 「－１－」."""
    text = f"景観審議会議事録\n日時：令和６年５月１０日\n会長：始めます。\n{footer}\n委員：質問です。{footer}\n"
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "委員", "質問です。"),
    ]


@pytest.mark.parametrize(
    ("roster", "names"),
    [
        ("委 員 長　　山田　太郎　　　　副委員長　　佐藤　花子", ["山田 太郎", "佐藤 花子"]),
        ("委　　員　　鈴木　一郎　　　　委　　員　　高橋　次郎", ["鈴木 一郎", "高橋 次郎"]),
        ("委員長　坂口　信也　　副委員長　宮崎　弘美", ["坂口 信也", "宮崎 弘美"]),
        ("主　　査　　　　岩田　順一君、副 主 査　　　　河野　里美君", ["岩田 順一", "河野 里美"]),
        ("会長職務代理者　　岩田　順一", ["岩田 順一"]),
        ("議　長　小池　勝利　　副議長　矢野　晴美", ["小池 勝利", "矢野 晴美"]),
    ],
)
def test_roster_titles_spaced_to_a_columns_width(roster: str, names: list[str]) -> None:
    assert split_people(roster) == (names, None)


def test_a_roster_over_lines_whose_names_end_at_the_lines_end() -> None:
    """A long line ending with a whole name (「河野　里美君」) is no name cut by the page's edge."""
    text = (
        "予算特別委員会第２分科会会議録\n日時　令和６年３月８日（金）\n出席委員（４名）\n"
        "　　主　　査　　　　岩田　順一君\n"
        "　　副 主 査　　　　河野　里美君\n"
        "　　　　　　　　　　山崎　光男君　　　　　酒井　孝之君\n"
        "○主査（岩田順一君）　ただいまから開会いたします。\n"
    )
    assert parse_minutes(text).attendees == ["岩田 順一", "河野 里美", "山崎 光男", "酒井 孝之"]


@pytest.mark.parametrize(
    ("part", "cells"),
    [
        (
            "議事課長　　　　加藤　洋　　　　書　　記　　　　木村　美咲",
            ["議事課長　加藤 洋", "書記　木村 美咲"],
        ),
        ("事務局長　山本誠二　　次長　上野和子", ["事務局長 山本誠二", "次長 上野和子"]),
        ("西口センター長　丸木地域福祉課長", ["西口センター長　丸木地域福祉課長"]),
    ],
)
def test_staff_in_columns(part: str, cells: list[str]) -> None:
    assert staff_columns(part) == cells


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("教育長　　ほかにございますか。", "教育長"),
        ("中島職務代理者　　地域の方にも周知をお願いします。", "中島職務代理者"),
        ("会長職務代理者　意見です。", "会長職務代理者"),
        ("町長　お答えいたします。", "町長"),
        ("主査　資料を配ります。", "主査"),
        ("岡本監事　バザーの売上金について伺います。", "岡本監事"),
        ("西教頭: 夏休み中の学校開放は7/22~8/9です。", "西教頭"),
        ("北村校長　よろしくお願いします。", "北村校長"),
        ("小林さん　6/18の防災訓練の件。", "小林さん"),
        ("相談員：相談は月に２０件でした。", "相談員"),
        ("保健師：健診の受診率が上がりました。", "保健師"),
        ("山田先生　講評をお願いします。", "山田先生"),
        ("藤原氏　グループごとに発表してください。", "藤原氏"),
    ],
)
def test_unmarked_labels_of_boards_and_civic_bodies(line: str, speaker: str) -> None:
    label = speaker_label(line)
    assert label is not None and label.speaker == speaker


@pytest.mark.parametrize("line", ["市長　山田太郎", "教育長　田村和彦", "会計　山口"])
def test_a_title_and_a_name_alone_is_no_label(line: str) -> None:
    """A signature or a roster line, not a turn: no sentence after the title."""
    assert speaker_label(line) is None


def test_a_recess_and_its_end_are_notes_of_their_own() -> None:
    """「午前１１時１０分　休憩」 under the chair's words (was glued to them)."""
    text = (
        "総務常任委員会会議録\n日時　令和５年１２月１１日（月）\n"
        "○委員長（山田太郎君）　暫時休憩いたします。\n"
        "　　　　　　　午前１１時１０分　休憩\n"
        "─────────────\n"
        "　　　　　　　午前１１時２０分　再開\n"
        "○委員長（山田太郎君）　再開いたします。\n"
    )
    assert _entries(text) == [
        ("statement", "委員長(山田太郎君)", "暫時休憩いたします。"),
        ("note", "午前１１時１０分　休憩"),
        ("note", "午前１１時２０分　再開"),
        ("statement", "委員長(山田太郎君)", "再開いたします。"),
    ]


def test_a_label_alone_then_words_that_read_as_a_decision() -> None:
    """「会長」 alone, then 「異議なしと認めます。」: what the chair said (was an empty turn and a
    note)."""
    text = (
        "都市計画審議会 会議録\n日時 令和６年２月８日（木）午後２時\n\n会長：開会します。\n"
        "会長\n原案のとおり承認することに御異議ございませんか。\n（「異議なし」の声あり）\n"
        "会長\n異議なしと認めます。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "開会します。"),
        ("statement", "会長", "原案のとおり承認することに御異議ございませんか。"),
        ("note", "（「異議なし」の声あり）"),
        ("statement", "会長", "異議なしと認めます。"),
    ]


def test_questions_and_answers_without_a_colon() -> None:
    """「質問　……」「回答　……」「意見　……」「Ｑ　……」「Ａ　……」 and 「→（事務局）……」 (were glued
    into the note above them); 「Ａ　利用状況」 stays a heading's line, 「→了解。」 a note."""
    text = (
        "商店街振興組合 理事会 議事録\n日時：令和６年７月３日（水）１９時～２０時\n\n"
        "１．秋まつりについて\n理事長から説明があった。\n\n"
        "質問　キッチンカーの出店料はいくらか。（小池）\n"
        "回答　1台5,000円。（三浦）\n"
        "意見　音が大きすぎる。\n"
        "→了解。スピーカーの向きを変える。\n"
        "Ｑ　締切はいつか。\n"
        "Ａ　10月31日です。\n"
        "→（事務局）チラシは来週配ります。\n"
    )
    assert _entries(text) == [
        ("note", "理事長から説明があった。"),
        # who asked and who answered are in the brackets (the label only says the turn's kind)
        ("statement", "小池", "キッチンカーの出店料はいくらか。"),
        ("statement", "三浦", "1台5,000円。"),
        ("statement", "意見", "音が大きすぎる。"),
        ("note", "了解。スピーカーの向きを変える。"),
        ("statement", "Q", "締切はいつか。"),
        ("statement", "A", "10月31日です。"),
        ("statement", "事務局", "チラシは来週配ります。"),
    ]
    assert speaker_label("Ａ　利用状況") is None


KUMIN = (
    "第十二期　みなと川市北部地域協議会　第五回会議　会議録\n\n"
    "一　日時　　令和六年二月十五日（木）　午後七時から午後八時三十分まで\n"
    "二　会場　　北部地区センター　二階　多目的室\n"
    "三　出席委員　　十三名（定数十五名）\n"
    "　　座長　　　　福島　和人\n"
    "　　委員　　　　浅野　進、安藤　恭子\n"
    "四　欠席委員　　二名（熊谷委員、黒田委員）\n"
    "五　市出席者　　北部支所長　佐々木　昇、地域振興課長　杉山　恵美、\n"
    "　　　　　　　　地域振興課　主事　竹内　悠\n"
    "六　議事\n"
    "　（一）防災訓練について\n"
    "　（二）その他\n\n"
    "＜会議の経過＞\n\n"
    "■（一）防災訓練について\n"
    "佐々木支所長：三月十日に合同防災訓練を予定しております。\n"
    "今村委員：避難所の運営訓練も入れてほしい。特に女性の視点で、\n"
    "　①更衣室の設置\n"
    "　②授乳スペースの確保\n"
    "　をお願いしたい。\n"
    "福島座長：事務局は意見を踏まえてください。\n\n"
    "■（二）その他\n"
    "浅野委員：特にありません。\n"
    "（２０：２５　終了）\n"
)


def test_a_header_numbered_in_kanji() -> None:
    """「二　会場」「三　出席委員」「五　市出席者」「六　議事」 (were read as turns and items),
    「＜会議の経過＞」, a speaker's 「①②」 list after 「、」 (were items), 「（２０：２５　終了）」."""
    minutes = parse_minutes(KUMIN)
    assert minutes.venue == "北部地区センター 二階 多目的室"
    assert (minutes.attendees, minutes.attendee_count) == (
        ["福島 和人", "浅野 進", "安藤 恭子"],
        13,
    )
    assert minutes.absentees == ["熊谷", "黒田"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("佐々木 昇", "北部支所長"),
        ("杉山 恵美", "地域振興課長"),
        ("竹内 悠", "地域振興課主事"),
    ]
    assert minutes.agenda == ["(一)防災訓練について", "(二)その他"]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "防災訓練について"), (2, "その他")])
    ]
    assert _entries(KUMIN) == [
        ("statement", "佐々木支所長", "三月十日に合同防災訓練を予定しております。"),
        (
            "statement",
            "今村委員",
            "避難所の運営訓練も入れてほしい。特に女性の視点で、①更衣室の設置②授乳スペースの確保"
            "をお願いしたい。",
        ),
        ("statement", "福島座長", "事務局は意見を踏まえてください。"),
        ("statement", "浅野委員", "特にありません。"),
    ]
    assert (minutes.closing, minutes.end_time) == ("(20:25 終了)", dt.time(20, 30))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("（１１人）", ([], 11)),
        ("十三名（定数十五名）", ([], 13)),
        ("山田、佐藤（計２人）", (["山田", "佐藤"], 2)),
    ],
)
def test_counts_in_persons_too(value: str, expected: tuple) -> None:
    assert split_people(value) == expected


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("行政改革推進課長", ("", "行政改革推進課長")),
        ("こども未来部長", ("", "こども未来部長")),
        ("人権・男女共同参画課長", ("", "人権・男女共同参画課長")),
        ("丸木地域福祉課長", ("丸木", "地域福祉課長")),
        ("佐々木都市計画課長", ("佐々木", "都市計画課長")),
        ("こども政策課　主査（森）", ("森", "こども政策課主査")),
        ("ひがし地域包括支援センター　管理者 高野", ("高野", "ひがし地域包括支援センター管理者")),
        ("社会福祉士 吉田", ("吉田", "社会福祉士")),
        ("西口（センター長）", ("西口", "センター長")),
    ],
)
def test_departments_the_words_do_not_know(text: str, person: tuple[str, str]) -> None:
    """A department unknown to the list of words before its title is no surname (「行政改革」 was
    read as one); the person in parentheses after a title; a centre's staff by their posts."""
    assert split_staff(text) == person


@pytest.mark.parametrize(
    ("value", "names"),
    [
        (
            "会長（松本）、副会長（高木・小川）、会計（中島）、１班～８班 班長（８名中７名）",
            ["松本", "高木", "小川", "中島"],
        ),
        (
            "理事長 富田、副理事長 三浦、理事 大西・小池・杉本",
            ["富田", "三浦", "大西", "小池", "杉本"],
        ),
        (
            "会長 北村、副会長 鈴木(真)・鈴木(亜)、会計 山口",
            ["北村", "鈴木(真)", "鈴木(亜)", "山口"],
        ),
        (
            "関 美智子（民生委員児童委員協議会）、野村 健一（野村医院 院長）、山本　一郎（会長）",
            ["関 美智子", "野村 健一", "山本 一郎"],
        ),
        ("地域住民　23名（4グループ）", []),
    ],
)
def test_rosters_of_small_bodies(value: str, names: list[str]) -> None:
    """The office, then who holds it in parentheses; names joined with 「・」; where a member
    comes from after the name (each was one name, or cut at its spaces)."""
    assert split_people(value)[0] == names


JICHIKAI = (
    "さくら台第二自治会　役員会　会議録\n"
    "日時：令和6年4月14日（日）19:00～20:45\n"
    "場所：さくら台第二集会所\n"
    "出席者：会長（松本）、副会長（高木・小川）、会計（中島）、防犯部長（石井）\n\n"
    "１．春の一斉清掃について\n"
    "（石井）5月19日（日）朝8時から。\n"
    "（高木）フタ上げは若い人にお願いしたい。\n"
    "（３班長）うちの班は高齢者ばかりで、出せる人がいない。\n"
    "（松本）その場合は隣の班と調整してください。\n"
    "＜決定事項＞\n"
    "5/19実施。\n"
    "（20:45 終了）\n"
)


def test_a_neighbourhood_associations_officers_speak_by_name() -> None:
    """The names the roster gives in parentheses after the offices make 「（石井）」 a turn (all
    were notes: no name was read); 「（３班長）」 is a label."""
    minutes = parse_minutes(JICHIKAI)
    assert minutes.attendees == ["松本", "高木", "小川", "中島", "石井"]
    assert _entries(JICHIKAI) == [
        ("statement", "石井", "5月19日（日）朝8時から。"),
        ("statement", "高木", "フタ上げは若い人にお願いしたい。"),
        ("statement", "3班長", "うちの班は高齢者ばかりで、出せる人がいない。"),
        ("statement", "松本", "その場合は隣の班と調整してください。"),
        ("note", "5/19実施。"),
    ]
    assert [(s.category, [i.title for i in s.items]) for s in minutes.sections] == [
        ("", ["春の一斉清掃について"]),
        ("決定事項", [""]),
    ]
    assert minutes.closing == "(20:45 終了)"


WORKSHOP = (
    "かわせみ公園の未来を考えるワークショップ（第２回）　記録\n\n"
    "日時：2023年11月11日（土）　10:00～12:00\n"
    "会場：かわせみ地区センター　多目的ホール\n"
    "参加者：地域住民　23名（4グループ）\n"
    "ファシリテーター：NPO法人まちの縁側　代表理事　藤原 美紀\n"
    "主催・事務局：みどり市 公園緑地課（担当：桑原、柴田）\n"
    "記録：柴田\n\n"
    "【プログラム】\n"
    "1. 開会\n"
    "2. グループ発表\n\n"
    "1. 開会\n"
    "　公園緑地課 桑原より、前回の意見の集約結果を説明した。\n\n"
    "2. グループ発表\n"
    "＜Ａグループ＞（発表者：高橋さん）\n"
    "・トイレにベビーシートが欲しい。\n"
    "＜Ｂグループ＞（発表者：佐野さん）\n"
    "・スケボーができる場所がほしい。\n"
    "〈会場からの質問〉\n"
    "Ｑ　スケボーは住宅から離してほしい。（住民）\n"
    "Ａ　配置を検討する際の条件にします。（桑原）\n"
)


def test_a_workshops_record() -> None:
    """参加者 counted, ファシリテーター and 主催・事務局 read and not kept (all three were turns),
    【プログラム】 the agenda, 「＜Ｂグループ＞」 after a bullet (was glued to it)."""
    minutes = parse_minutes(WORKSHOP)
    assert (minutes.attendees, minutes.attendee_count) == ([], 23)
    assert minutes.agenda == ["1. 開会", "2. グループ発表"]
    assert _entries(WORKSHOP) == [
        ("note", "公園緑地課 桑原より、前回の意見の集約結果を説明した。"),
        ("note", "＜Ａグループ＞（発表者：高橋さん）"),
        ("note", "・トイレにベビーシートが欲しい。"),
        ("note", "＜Ｂグループ＞（発表者：佐野さん）"),
        ("note", "・スケボーができる場所がほしい。"),
        ("note", "〈会場からの質問〉"),
        # 「Ｑ　……（住民）」: who asked is in the brackets, Ｑ only the kind of the turn
        ("statement", "住民", "スケボーは住宅から離してほしい。"),
        ("statement", "桑原", "配置を検討する際の条件にします。"),
    ]


def test_the_records_narrative_after_a_turn() -> None:
    """「議長が諮ったところ、……承認された。」 after a turn is the record's (was the speaker's),
    and 「理事　宮本より……説明があった。」 no turn of a 理事."""
    text = (
        "社会福祉協議会 理事会 議事録\n日時　令和６年６月１０日（月）午後２時\n"
        "１　第１号議案　事業報告について\n"
        "　理事 宮本より事業報告について説明があった。\n"
        "森理事：植樹用の苗を購入するためです。\n"
        "議長が採決を諮ったところ、賛成多数で原案のとおり承認された。\n"
        "地域福祉課長　そのとおりです。\n"
        "　議長が諮ったところ、全員異議なく、原案のとおり承認された。\n"
    )
    assert _entries(text) == [
        ("note", "理事 宮本より事業報告について説明があった。"),
        ("statement", "森理事", "植樹用の苗を購入するためです。"),
        ("note", "議長が採決を諮ったところ、賛成多数で原案のとおり承認された。"),
        ("statement", "地域福祉課長", "そのとおりです。"),
        ("note", "議長が諮ったところ、全員異議なく、原案のとおり承認された。"),
    ]


def test_a_category_listing_its_items_in_the_header() -> None:
    """「協議事項」 alone with its numbered items and no headings in the body (the items were the
    body's: every turn under the last, 「３　その他」); the 議会事務局 under 職務のため出席した者."""
    text = (
        "さくら台町議会全員協議会記録\n日時　令和６年２月１９日（月）午前１０時\n"
        "職務のため出席した者\n　議会事務局長　　岡　真一　　書記　　小田　由香\n\n"
        "協議事項\n　１　例規の整備について\n　２　公共施設個別施設計画について\n　３　その他\n\n"
        "○議長（佐藤一郎）　ただいまから全員協議会を開会します。\n"
        "○総務課長（上原恵子）　例規は条例３２本でございます。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == ["1 例規の整備について", "2 公共施設個別施設計画について", "3 その他"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("岡 真一", "議会事務局長"),
        ("小田 由香", "書記"),
    ]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [(0, "")]
    assert [e.speaker for e in minutes.entries()] == ["議長(佐藤一郎)", "総務課長(上原恵子)"]


def test_a_numbered_category_with_empty_items_stays_the_bodys() -> None:
    """「１．審議事項」 numbered as sections are, its items followed by the next section: the body's
    (as the editor renders minutes whose items have no turns yet)."""
    text = (
        "運営委員会議事録\n■開催日時：令和６年９月６日（金）\n\n"
        "１．審議事項\n（１）広報紙の発行について\n（２）講座の計画について\n\n"
        "２．その他\n委員：特にありません。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == []
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("審議事項", [(1, "広報紙の発行について"), (2, "講座の計画について")]),
        ("その他", [(0, "")]),
    ]


EXCEL = (
    "第3回　ほしぞら夏まつり実行委員会　記録\n\n"
    "日時：令和5年7月4日（火）18:30～20:10\n"
    "出席：実行委員18名（別紙名簿のとおり）、事務局（市地域振興課）2名\n"
    "記録者：地域振興課　山内\n\n"
    "議題\n1　前回の確認事項\n2　当日の雨天判断について\n\n"
    "発言者\t内容\n"
    "1　前回の確認事項\n"
    "委員長\t前回決まった事項を事務局から確認してください。\n"
    "事務局\t開催日は8月19日（土）です。\n"
    "2　当日の雨天判断について\n"
    "委員長\t雨天判断は資料3の案のとおりとします。\n"
    "一同\t（了承）\n"
)


def test_a_record_kept_in_a_spreadsheet() -> None:
    """Labels and words in columns under 「発言者<TAB>内容」, after the header's list of the same
    items (the list was the body's: headings glued into turns); 「実行委員18名」 counted (was the
    name 「実行」); 「一同<TAB>（了承）」 (was glued to the turn above)."""
    minutes = parse_minutes(EXCEL)
    assert (minutes.attendees, minutes.attendee_count) == ([], 18)
    assert minutes.agenda == ["1 前回の確認事項", "2 当日の雨天判断について"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "前回の確認事項"),
        (2, "当日の雨天判断について"),
    ]
    assert _entries(EXCEL) == [
        ("statement", "委員長", "前回決まった事項を事務局から確認してください。"),
        ("statement", "事務局", "開催日は8月19日（土）です。"),
        ("statement", "委員長", "雨天判断は資料3の案のとおりとします。"),
        ("statement", "一同", "（了承）"),
    ]


def test_a_general_meetings_legal_header() -> None:
    """「定款第27条に定める定足数…を満たしている。」 under the count (the body began there),
    「5.審議事項」 with its 議案 before 「6.議事の経過の概要及び議決の結果」 (a section of empty
    items), 「採決の結果、……承認された。」 a note of its own."""
    text = (
        "特定非営利活動法人 みらいの森ネットワーク\n2024年度 通常総会 議事録\n\n"
        "1.日時　2024年5月25日(土) 14:00～15:30\n"
        "4.出席者数　35名（本人出席 18名、書面表決 9名、委任状 8名）\n"
        "　　定款第27条に定める定足数（正会員総数の2分の1）を満たしている。\n"
        "5.審議事項\n　第1号議案　事業報告の承認の件\n　第2号議案　役員選任の件\n"
        "6.議事の経過の概要及び議決の結果\n"
        "(1) 第1号議案　事業報告の承認の件\n"
        "　理事 宮本より事業報告について説明があった。\n"
        "(2) 第2号議案　役員選任の件\n"
        "　議長より、役員候補者名簿のとおり選任したい旨の提案があった。\n"
        "　採決の結果、賛成多数で承認された。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendee_count == 35
    assert minutes.agenda == ["第1号議案 事業報告の承認の件", "第2号議案 役員選任の件"]
    assert _entries(text) == [
        ("note", "理事 宮本より事業報告について説明があった。"),
        ("note", "議長より、役員候補者名簿のとおり選任したい旨の提案があった。"),
        ("note", "採決の結果、賛成多数で承認された。"),
    ]


def test_an_observer_on_the_rosters_next_line() -> None:
    """「（オブザーバー）市商工振興課 主査 西村さん」 under the roster (was a turn of 「オブザーバー」,
    and the header ended there)."""
    text = (
        "ひかり通り商店街振興組合　第４回理事会　議事要旨\n"
        "■日時　2024年9月3日（火）　19時30分～21時\n"
        "■出席　理事長 富田、副理事長 三浦、理事 大西・小池\n"
        "　　　　（オブザーバー）市商工振興課 主査 西村さん\n"
        "■欠席　理事 久保\n\n"
        "■議題\n　１　秋まつりについて\n　２　街路灯について\n\n"
        "１　秋まつりについて\n　三浦副理事長より説明。\n"
        "２　街路灯について\n　西村さん（市）より補助金の説明があった。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["富田", "三浦", "大西", "小池"]
    assert minutes.also_attending == ["西村"]  # an observer: no member
    assert minutes.absentees == ["久保"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "秋まつりについて"),
        (2, "街路灯について"),
    ]


def test_the_records_paragraphs_among_the_turns() -> None:
    """A paragraph told in the past after a blank line under a turn, a line after 「（非公開）」,
    a 「※」 note and 「【次回】」 after a turn: each the record's own note (each was glued to the
    entry above); 「スタッフ（平田）：」 a turn."""
    text = (
        "教育委員会定例会会議録\n日時　令和６年２月２２日（木）午後２時\n"
        "教育長：承認することとします。\n\n"
        "　議案第７号は人事案件のため、非公開として審議することを全員異議なく決定した。\n"
        "Ａ委員：保険はどうなっていますか。\n"
        "スタッフ（平田）：ボランティア活動保険に一括加入します。\n"
        "（非公開）\n"
        "　事務局が答申案を読み上げ、一部修正の上、答申することとした。\n"
        "教育長：以上です。\n"
        "※当日の資料は、市ホームページに掲載しています。\n"
        "【次回】 7月8日(土) 13:30~\n"
    )
    assert _entries(text) == [
        ("statement", "教育長", "承認することとします。"),
        ("note", "議案第７号は人事案件のため、非公開として審議することを全員異議なく決定した。"),
        ("statement", "A委員", "保険はどうなっていますか。"),
        ("statement", "スタッフ(平田)", "ボランティア活動保険に一括加入します。"),
        ("note", "（非公開）"),
        ("note", "事務局が答申案を読み上げ、一部修正の上、答申することとした。"),
        ("statement", "教育長", "以上です。"),
        ("note", "※当日の資料は、市ホームページに掲載しています。"),
        ("note", "【次回】 7月8日(土) 13:30~"),
    ]


def test_a_speech_over_paragraphs_stays_whole() -> None:
    """A blank line inside a speech does not end it when the next paragraph is spoken."""
    text = (
        "景観審議会議事録\n日時：令和６年５月１０日\n"
        "会長：本日の議題は二つです。\n\n　一つ目は景観計画の見直しです。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "本日の議題は二つです。一つ目は景観計画の見直しです。"),
    ]


TABLE_AS_TEXT = (
    "第８６回みなと川市都市計画審議会 会議録\n"
    "日時\n令和６年２月８日（木）\n午後２時から午後３時３０分まで\n"
    "場所\nみなと川市役所本庁舎７階 大会議室\n"
    "出席委員\n（学識経験者）山口 悟（会長）、中野 美穂\n"
    "（関係行政機関）みなと川警察署長 代理 交通課長 平田 修\n"
    "欠席委員\n（学識経験者）林 宏\n"
    "事務局\n都市整備部長 岡田 聡、都市計画課長 宮本 健\n"
    "議題\n議第１号 生産緑地地区の変更について（付議）\n報告 立地適正化計画の進捗状況について\n\n"
    "１ 開会\n事務局\nただいまから開会いたします。\n"
    "２ 議事\n（１）議第１号 生産緑地地区の変更について\n会長\n事務局から説明をお願いします。\n"
    "中野委員\n意見です。空き家対策と連携していただきたい。\n"
    "３ 閉会\n会長\n以上で本日の審議を終了します。\n"
)


def test_a_header_table_copied_as_text() -> None:
    """Keys and values on lines of their own (「事務局」, then the names: were the absentees),
    「１ 開会」 with an ASCII space after a full-width digit (was glued to the turn above), the
    list under 「議題」 before it (was a section holding the opening turn), a deputy (代理)."""
    minutes = parse_minutes(TABLE_AS_TEXT)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 2, 8),
        dt.time(14, 0),
        dt.time(15, 30),
    )
    assert minutes.attendees == ["山口 悟", "中野 美穂", "平田 修"]
    assert minutes.absentees == ["林 宏"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("岡田 聡", "都市整備部長"),
        ("宮本 健", "都市計画課長"),
    ]
    assert minutes.agenda == [
        "議第1号 生産緑地地区の変更について(付議)",
        "報告 立地適正化計画の進捗状況について",
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(1, "開会")]),
        ("議事", [(1, "議第1号 生産緑地地区の変更について"), (3, "閉会")]),
    ]
    assert _entries(TABLE_AS_TEXT) == [
        ("statement", "事務局", "ただいまから開会いたします。"),
        ("statement", "会長", "事務局から説明をお願いします。"),
        ("statement", "中野委員", "意見です。空き家対策と連携していただきたい。"),
        ("statement", "会長", "以上で本日の審議を終了します。"),
    ]


def test_one_seat_and_a_name_with_its_space() -> None:
    assert split_people("８番　北村　良平") == (["北村 良平"], None)


SHAKYO = (
    "社会福祉法人みなと市社会福祉協議会\n令和５年度第３回理事会議事録\n\n"
    "１　開催日時　令和５年１１月２４日（金）　午後２時００分から午後３時２０分まで\n"
    "２　開催場所　みなと市総合福祉センター　３階　研修室\n"
    "３　理事総数及び出席者数\n"
    "　　理事総数　１０名　　出席理事　８名\n"
    "　　出席理事　　上村　孝雄（会長）、森下　和江（副会長）、山岸　悟（常務理事）\n"
    "　　欠席理事　　木下　修、村松　京子\n"
    "４　監事の出席\n　　出席監事　　岡本　博\n"
    "５　その他の出席者\n　　事務局長　荒井　徹、総務課主任　井上（記録）\n"
    "６　議長\n　　定款第２５条の規定により、会長が議長となった。\n"
    "７　議事録署名人\n　　議長が、出席理事の中から、森下　和江理事を指名した。\n"
    "８　議事の経過及び結果\n"
    "議長（会長）　それでは議事に入ります。\n"
    "第１号議案　会費収入補正予算（案）について\n"
    "事務局長　当初予算比で４２万円の減額補正をお願いするものです。\n"
    "岡本監事　現金の受け渡し記録を残すようにしてください。\n\n"
    "９　閉会\n"
    "　議長は、以上をもって本日の議事をすべて終了した旨を述べ、午後３時２０分閉会を宣した。\n\n"
    "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に記名押印する。\n"
    "　令和５年１１月２４日\n"
    "　　　　　議　　長　　上村　孝雄　　印\n"
)


def test_a_social_welfare_corporations_board() -> None:
    """The legal header of a 社会福祉法人's 理事会 (理事総数及び出席者数, 監事の出席, その他の出席者,
    議長, 議事録署名人: each was an item of the body, the roster a note), 「（常務理事）」 after a
    name, 「（記録）」 after the secretary, the chair's closing told in the past and the
    signatures after it (were a note of the item 閉会)."""
    minutes = parse_minutes(SHAKYO)
    assert minutes.attendees == ["上村 孝雄", "森下 和江", "山岸 悟"]
    assert minutes.also_attending == ["岡本 博"]  # the auditor: no director
    assert minutes.attendee_count == 8
    assert minutes.absentees == ["木下 修", "村松 京子"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("荒井 徹", "事務局長"),
        ("井上", "総務課主任"),
    ]
    assert _entries(SHAKYO) == [
        ("statement", "議長(会長)", "それでは議事に入ります。"),
        ("statement", "事務局長", "当初予算比で４２万円の減額補正をお願いするものです。"),
        ("statement", "岡本監事", "現金の受け渡し記録を残すようにしてください。"),
    ]
    assert minutes.closing == (
        "議長は、以上をもって本日の議事をすべて終了した旨を述べ、午後3時20分閉会を宣した。"
    )
    assert [a.title for a in minutes.appendix] == [
        "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に記名押印する。"
    ]


_PLAIN = (
    "景観審議会議事録\n日時：令和６年７月１０日（水）午前１０時\n場所：市役所４階　第１会議室\n"
    "○会長　それでは議事に入ります。\n○堀委員　是正指導はありましたか。\n"
    "○事務局（平野主査）　２件ありました。\n"
)


@pytest.mark.parametrize(
    "mess",
    [
        lambda t: t.replace("　", "\u00a0"),  # a web page's non-breaking spaces
        lambda t: t.replace("　", "\u2003"),  # em spaces
        lambda t: t.replace("○会長", "○会長\u200b").replace("：", "\u200b："),  # zero-width
        lambda t: t.replace("　", "&nbsp;"),  # HTML source copied
        lambda t: t.replace("○", "O"),  # OCR: Latin O for ○
        lambda t: t.replace("○", "Ｏ"),
        lambda t: t.replace("○", "0"),
        lambda t: t.replace("○", "〇"),
        lambda t: "\ufeff" + t.replace("\n", "\r\n"),
    ],
)
def test_the_same_minutes_as_they_arrive_messy(mess) -> None:
    """Each variant read every turn as a note (or lost the header's fields); it reads as typed."""
    clean = parse_minutes(_PLAIN)
    messy = parse_minutes(mess(_PLAIN))
    assert [(e.kind, e.speaker, e.text.replace(" ", "　")) for e in messy.entries()] == [
        (e.kind, e.speaker, e.text) for e in clean.entries()
    ]
    assert (
        (messy.venue, messy.date)
        == (clean.venue, clean.date)
        == ("市役所4階 第1会議室", dt.date(2024, 7, 10))
    )
    assert not any("\u200b" in e.text or "&nbsp" in e.text for e in messy.entries())


def test_ocr_semicolons_for_colons() -> None:
    text = (
        "運営委員会 議事録\n日時;令和５年９月１４日（木）１８時３０分\n事務局;センター長　宮本　直子\n"
        "委員長;定刻になりましたので始めます。\n事務局（佐野）;夏休み期間の利用が増えました。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.date == dt.date(2023, 9, 14)
    assert [(s.name, s.title) for s in minutes.secretariat] == [("宮本 直子", "センター長")]
    assert _entries(text) == [
        ("statement", "委員長", "定刻になりましたので始めます。"),
        ("statement", "事務局(佐野)", "夏休み期間の利用が増えました。"),
    ]


def test_a_zero_starting_a_time_is_no_mark() -> None:
    """Only where a label then reads is 「0」 taken for 「○」."""
    text = "景観審議会議事録\n日時：令和６年７月１０日\n会長：始めます。\n０時３０分に終了した。\n"
    assert _entries(text)[-1] == ("statement", "会長", "始めます。０時３０分に終了した。")


SHAKAI_KYOIKU = (
    "令和元年度第１回　北浜市社会教育委員会議　会議録\n\n"
    "１　開催日時　令和元年５月２８日（火）午後１時３０分～午後３時\n"
    "２　出席者\n　（委員）　　岡部　真理子（議長）、滝沢　久雄（副議長）\n"
    "　（事務局）　生涯学習課長　三宅　聡\n"
    "３　議題\n　（１）議長・副議長の選出について\n　（２）その他\n"
    "４　会議資料\n　資料１　社会教育委員名簿\n"
    "５　審議内容（要点筆記）\n\n"
    "（１）議長・副議長の選出について\n"
    "事務局（三宅課長）\n　選出方法についてご意見はありますか。\n"
    "委員Ｄ（オンライン）　事務局案をお示しいただきたい。\n"
    "（２）その他\n子育て支援課長　　提供会員が不足しております。\n"
    "８　閉会　１５時００分\n"
    "（会議録署名）\n会長　岡部　真理子\n"
)


def test_the_header_goes_on_after_its_agenda() -> None:
    """「３　議題」 and its items, then 「４　会議資料」 and 「５　審議内容（要点筆記）」 (the items were
    the body's, empty, the documents a note); 「委員Ｄ（オンライン）」 and 「子育て支援課長」 unmarked
    (glued to the turn above); 「８　閉会　１５時００分」 the closing (an item), the signature after it
    the appendix."""
    minutes = parse_minutes(SHAKAI_KYOIKU)
    assert minutes.agenda == ["(1)議長・副議長の選出について", "(2)その他"]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "議長・副議長の選出について"),
        (2, "その他"),
    ]
    assert _entries(SHAKAI_KYOIKU) == [
        ("statement", "事務局(三宅課長)", "選出方法についてご意見はありますか。"),
        ("statement", "委員D(オンライン)", "事務局案をお示しいただきたい。"),
        ("statement", "子育て支援課長", "提供会員が不足しております。"),
    ]
    assert minutes.closing == "8 閉会 15時00分"
    assert [a.title for a in minutes.appendix] == ["（会議録署名）"]


KOTSU = (
    "第１５回　青葉町地域公共交通会議　議事概要\n\n"
    "１．日　時　　令和６年７月２２日（月）　１５時００分～１６時３０分\n"
    "３．出席者　　別添出席者名簿のとおり（委員１８名中１５名出席、うち代理出席３名）\n"
    "５．議　事\n　【協議事項】\n　　協議第１号　ダイヤ改正について\n"
    "　【報告事項】\n　　報告第１号　利用実績について\n\n"
    "６．議事概要\n\n"
    "協議第１号　ダイヤ改正について\n"
    "（事務局）　上り２便で待ち時間が１５分を超えます。\n"
    "（青葉交通株式会社）　運転士の休憩時間の確保が必要です。\n"
    "（国土交通省東北運輸局）　届出は３０日前までに必要です。\n"
    "報告第１号　利用実績について\n"
    "小学生Ａ：バスは何時まで走っていますか。\n"
    "あそび場グループ（中学生）：バス停にベンチがほしいです。\n"
)


def test_bills_named_by_their_numbers_and_the_bodies_taking_part() -> None:
    """「協議第１号」「報告第１号」 headings (glued into notes and turns), the header's list grouped
    under 【協議事項】【報告事項】 (read as the body), the present of 「１８名中１５名出席（…）」
    (was 18), operators and agencies in parentheses and a children's council's labels (glued)."""
    minutes = parse_minutes(KOTSU)
    assert minutes.attendee_count == 15
    assert minutes.agenda == [
        "【協議事項】",
        "協議第1号 ダイヤ改正について",
        "【報告事項】",
        "報告第1号 利用実績について",
    ]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "協議第1号 ダイヤ改正について"),
        (1, "報告第1号 利用実績について"),
    ]
    assert [(e.speaker, e.uncertain) for e in minutes.entries()] == [
        ("事務局", False),
        ("青葉交通株式会社", False),
        ("国土交通省東北運輸局", False),
        ("小学生A", False),
        ("あそび場グループ(中学生)", False),
    ]


def test_header_fields_it_does_not_know_numbered_on() -> None:
    """「５　応募団体　……」 numbered on from the header's fields is a field (read, not kept): it
    ended the header, and 「６　公開・非公開の別」「７　会議内容」 became the body's items."""
    text = (
        "桜台市スポーツ施設指定管理者選定委員会　会議録（要旨）\n\n"
        "１　日時　　　令和６年８月６日（火）９時３０分から１６時００分まで\n"
        "３　出席委員　大竹委員長、岸本副委員長、重松委員（３名全員出席）\n"
        "４　事務局　　スポーツ振興課長　春日\n"
        "５　応募団体　Ａ共同事業体、株式会社Ｂスポーツサービス（２団体）\n"
        "６　公開・非公開の別\n　　一部非公開（応募団体のプレゼンテーションは非公開）\n"
        "７　会議内容\n\n"
        "（１）選定基準の確認（公開）\n"
        "事務局：審査項目は５項目、配点は１００点満点とします。\n"
        "重松委員：管理経費の配点が高い。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count) == (["大竹", "岸本", "重松"], 3)
    assert [(s.name, s.title) for s in minutes.secretariat] == [("春日", "スポーツ振興課長")]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (1, "選定基準の確認(公開)")
    ]
    assert [e.speaker for e in minutes.entries()] == ["事務局", "重松委員"]


def test_a_header_copied_from_a_pdf_viewer_wrapped_at_the_lines_end() -> None:
    """「…午前１１時３０」 then 「分」 (the end read as 11:00), 「…、委員」 then 「大久保　恵子」 (a
    name 「委員大久保」)."""
    text = (
        "運営委員会議事録\n"
        "１　開催日時　令和６年７月１０日（水）　午前１０時００分～午前１１時３０\n分\n"
        "２　出席者：委員長　吉岡　伸一、委員　三浦　健太、委員\n　大久保　恵子、委員　関　隆之\n"
        "委員長：始めます。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.start_time, minutes.end_time) == (dt.time(10, 0), dt.time(11, 30))
    assert minutes.attendees == ["吉岡 伸一", "三浦 健太", "大久保 恵子", "関 隆之"]


def test_a_short_line_repeated_on_every_page_of_a_scan() -> None:
    """A page head or foot read off a scan, three times or more and nothing of the minutes."""
    pages = [
        "○会長　それでは議事に入ります。",
        "○堀委員　是正指導はありましたか。",
        "○事務局（平野主査）　２件ありました。",
    ]
    text = "景観審議会議事録\n日時：令和６年７月１０日\n" + "".join(
        f"{turn}\nさくら野市\n" for turn in pages
    )
    assert _entries(text) == [
        ("statement", "会長", "それでは議事に入ります。"),
        ("statement", "堀委員", "是正指導はありましたか。"),
        ("statement", "事務局(平野主査)", "２件ありました。"),
    ]


def test_a_disaster_councils_roster_of_agencies() -> None:
    """Each line a title, an agency's office and the person (each was a turn of 「委員」, the
    header ended there); a deputy; the office no name (「岩倉市長」)."""
    text = (
        "令和６年度　岩倉市防災会議　会議録\n\n"
        "日　時：令和六年五月二十九日（水）午前十時開会\n"
        "出席委員：\n"
        "　会長　　岩倉市長　　　　　　　　　　　　　前田　圭一\n"
        "　委員　　国土交通省中部地方整備局岩倉河川国道事務所長　　　代理　工藤　健\n"
        "　委員　　県岩倉土木事務所長　　　　　　　　　　山下　茂雄\n"
        "　（以上３名、うち代理出席１名）\n"
        "事務局：危機管理監　木下　昭夫、危機管理課長　大塚　洋平\n\n"
        "○危機管理課長　定刻となりましたので、開会いたします。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count) == (["前田 圭一", "工藤 健", "山下 茂雄"], 3)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("木下 昭夫", "危機管理監"),
        ("大塚 洋平", "危機管理課長"),
    ]
    assert [e.speaker for e in minutes.entries()] == ["危機管理課長"]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        (
            "被保険者を代表する委員　　　　佐々木　陽子、田村　光男、三浦　節子",
            ["佐々木 陽子", "田村 光男", "三浦 節子"],
        ),
        ("公益を代表する委員　　　　本間　忠、吉岡　由紀", ["本間 忠", "吉岡 由紀"]),
        ("委員長　河野　洋一（弁護士）", ["河野 洋一"]),
        ("武田　昭一（委員長）　　高木　秀子（副委員長）", ["武田 昭一", "高木 秀子"]),
    ],
)
def test_a_rosters_groups_and_roles_beside_the_names(value: str, names: list[str]) -> None:
    """The group a member represents before the names (read as a name), a role or profession
    in parentheses after a name with its space (the name cut there)."""
    assert split_people(value)[0] == names


def test_a_speech_paragraph_in_plain_form_stays_the_speakers() -> None:
    """A paragraph after a blank line in no polite form goes back into the turn unless it ends
    told in the past (a PDF wraps it over lines: the whole paragraph decides)."""
    text = (
        "景観審議会議事録\n日時：令和６年５月１０日\n"
        "委員：意見を申し上げる。\n\n　景観計画は市民とともに見直すべきと考える。\n"
        "会長：了解しました。\n\n　審議の後、原案のとおり答申することに\n　決定した。\n"
    )
    assert _entries(text) == [
        ("statement", "委員", "意見を申し上げる。景観計画は市民とともに見直すべきと考える。"),
        ("statement", "会長", "了解しました。"),
        ("note", "審議の後、原案のとおり答申することに決定した。"),
    ]


@pytest.mark.parametrize(
    ("value", "staff"),
    [
        (
            "スポーツ振興課　課長　春日、課長補佐　植田、主任　安藤",
            [
                ("春日", "スポーツ振興課長"),
                ("植田", "スポーツ振興課課長補佐"),
                ("安藤", "スポーツ振興課主任"),
            ],
        ),
        (
            "中央公民館長　原田、同館主事　松本",
            [("原田", "中央公民館長"), ("松本", "中央公民館主事")],
        ),
        ("市長、こども政策課長、同課担当２名", [("", "市長"), ("", "こども政策課長")]),
    ],
)
def test_a_secretariats_department_named_once(value: str, staff: list[tuple[str, str]]) -> None:
    """The department written once before the list's first title is every title's after it
    (課長補佐 and 主任 lost it); 「同館」; 市長 an office, no one named; 「同課担当２名」 counted."""
    minutes = parse_minutes(
        f"会議録\n日時：令和６年８月６日\n事務局：{value}\n委員長：始めます。\n"
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == staff


def test_a_councils_people_by_their_place() -> None:
    """「青山（市地域振興課）：」 a person with where they come from; 「南町：」 a 町内会長 the roster
    lists as 「北一、中町、南町ほか」; 「○○地区の…」 a name left out, not a note."""
    text = (
        "町内会連合会 理事会 議事録\n日時：令和６年６月９日（日）１０時\n"
        "出席者：各町内会長（北一、中町、南町ほか）\n"
        "会長：始めます。\n"
        "青山（市地域振興課）：地域活動補助金の申請は７月からです。\n"
        "南町：要配慮者の避難支援訓練もお願いしたい。\n"
        "　○○地区でも実施したい。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "始めます。"),
        ("statement", "青山(市地域振興課)", "地域活動補助金の申請は７月からです。"),
        ("statement", "南町", "要配慮者の避難支援訓練もお願いしたい。○○地区でも実施したい。"),
    ]


def test_an_agenda_line_wrapped_at_the_edge() -> None:
    text = (
        "総務委員会会議録\n日時　令和６年３月８日（金）\n本日の会議に付した事件\n"
        "　議案第１号　職員の給与に関する条例につ\n　いて\n\n○委員長（山田太郎君）　開会します。\n"
    )
    assert parse_minutes(text).agenda == ["議案第1号 職員の給与に関する条例について"]


ASSEMBLY_EXPORT = (
    "令和７年第１回○○市議会予算特別委員会記録\n"
    "日時　令和７年３月１０日（月）\n"
    "出席委員（４名）\n"
    "　委 員 長　　　　森　　健太郎君　　　　副委員長　　　　石川　さやか君\n"
    "　委　　員　　　　岡田　博之君　　　　　委　　員　　　　北村　恵理子君\n"
    "◎説明のため出席した者\n"
    "　市長　　　　　　　近藤　宏明　　　副市長　　　　　　水野　健吾\n"
    "◎事務局職員出席者\n"
    "　事務局長　　　　　吉村　哲夫　　　議事課長　　　　　早川　優\n"
    "議事日程（第２号）\n"
    "　令和７年３月１０日（月）午前１０時開議\n"
    "　日程第１　議案第１号　令和７年度○○市一般会計予算\n"
    "本日の会議に付した事件\n"
    "　議事日程に同じ\n"
    "職務のため出席した者の職氏名\n"
    "　書記　　　　　　竹内　涼\n"
    "　　　　　　　　　　　　　午前１０時００分　開議\n"
    "○委員長（森健太郎君）　ただいまから委員会を開きます。\n"
    "────────────────────────\n"
    "△日程第１　議案第１号　令和７年度○○市一般会計予算\n"
    "○委員長（森健太郎君）　議案第１号を議題といたします。\n"
)


def test_an_assembly_exports_header() -> None:
    """Given names in kana in a roster of titles and names (the header ended there: every roster
    read as turns), a one-character surname padded to the column, ◎ before the roster headings,
    「議事日程に同じ」 (was the agenda), 「職務のため出席した者の職氏名」, 「午前１０時００分　開議」
    under the last roster (was a member of the secretariat)."""
    minutes = parse_minutes(ASSEMBLY_EXPORT)
    assert minutes.attendees == ["森 健太郎", "石川 さやか", "岡田 博之", "北村 恵理子"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("近藤 宏明", "市長"),
        ("水野 健吾", "副市長"),
        ("吉村 哲夫", "事務局長"),
        ("早川 優", "議事課長"),
        ("竹内 涼", "書記"),
    ]
    assert minutes.agenda == ["日程第1 議案第1号 令和7年度○○市一般会計予算"]
    assert minutes.start_time == dt.time(10, 0)
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [
        (0, "開会"),
        (1, "議案第1号 令和7年度○○市一般会計予算"),
    ]
    assert [e.speaker for e in minutes.entries() if e.kind == "statement"] == [
        "委員長(森健太郎君)",
        "委員長(森健太郎君)",
    ]


def test_a_committee_records_lists_and_a_bar_between_key_and_value() -> None:
    """「８　会議に付した事件」 after the 付託案件 (read as an item of them) and 「９　審査経過」 (the
    body: was in the agenda); 「開催場所｜……」 with a bar between key and value."""
    text = (
        "総務企画委員会記録\n"
        "開催日時｜令和６年１２月１２日（木）午前１０時\n"
        "開催場所｜○○県議会　第１委員会室\n"
        "７　付託案件\n　　議案第８４号　一般会計補正予算（第４号）\n"
        "８　会議に付した事件\n　　付託案件の審査\n"
        "９　審査経過\n"
        "◎委員長（高瀬浩二君）　ただいまから委員会を開会します。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.venue == "○○県議会 第1委員会室"
    assert minutes.agenda == ["議案第84号 一般会計補正予算(第4号)", "付託案件の審査"]
    assert [e.speaker for e in minutes.entries()] == ["委員長(高瀬浩二君)"]


CIVIC_HEARING = (
    "市民活動支援補助金　審査会　会議録\n"
    "■日時　令和６年６月１日（土）１０時～１２時\n"
    "■出席者\n"
    "　審査委員　　会　長　　　山口　隆（ひばり野大学地域創生学部教授）\n"
    "　　　　　　　副会長　　　斉藤　恵美子（ひばり野市社会福祉協議会）\n"
    "■欠席：なし\n"
    "■事務局　市民活動推進課：課長　三宅、主任　林田\n"
    "■議題　（１）審査方法の確認\n"
    "　　　　（２）公開プレゼンテーション\n"
    "■配布資料　資料１　審査基準\n\n"
    "（１）審査方法の確認\n"
    "【小池会長】\n"
    "　他に質疑等はあるか。\n"
    "　（発言なし）\n"
    "　次に、プレゼンテーションに入る。\n"
    "（２）公開プレゼンテーション\n"
    "宮下委員：清掃活動の参加者は、どのように集めるのか。\n"
    "提案団体：流域の自治会と小中学校に呼びかける。\n"
    "【市（長尾主幹）】補助対象経費について補足します。\n"
    "大森（ぽっけ）：４月から始めました。\n"
    "―――　休憩（午前１１時～午前１１時１０分）　―――\n"
    "【小池会長】\n"
    "　以上で本日の審査は全て終了した。会議の閉会を宣言する。\n"
    "（１２：００　終了）\n\n"
    "議事録署名\n"
    "　　会　長　　小池　政夫　　　　㊞\n"
)


def test_a_grant_hearing_of_a_civic_center() -> None:
    """A roster whose members come from bodies with kana in their names (the header ended there),
    「市民活動推進課：課長　三宅、主任　林田」, the agenda before 配布資料 beside its key, the chair
    going on after 「（発言なし）」 (lost its speaker), 提案団体/【市（長尾主幹）】/「大森（ぽっけ）：」
    (glued or notes), a recess between dashes (glued), the chair's 「閉会を宣言する。」 (was the
    closing), the signatures with ㊞ after the closing (turns of 会長)."""
    minutes = parse_minutes(CIVIC_HEARING)
    assert minutes.attendees == ["山口 隆", "斉藤 恵美子"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("三宅", "市民活動推進課長"),
        ("林田", "市民活動推進課主任"),
    ]
    assert minutes.agenda == ["(1)審査方法の確認", "(2)公開プレゼンテーション"]
    assert _entries(CIVIC_HEARING) == [
        ("statement", "小池会長", "他に質疑等はあるか。"),
        ("note", "（発言なし）"),
        ("statement", "小池会長", "次に、プレゼンテーションに入る。"),
        ("statement", "宮下委員", "清掃活動の参加者は、どのように集めるのか。"),
        ("statement", "提案団体", "流域の自治会と小中学校に呼びかける。"),
        ("statement", "市(長尾主幹)", "補助対象経費について補足します。"),
        ("statement", "大森(ぽっけ)", "４月から始めました。"),
        ("note", "―――　休憩（午前１１時～午前１１時１０分）　―――"),
        ("statement", "小池会長", "以上で本日の審査は全て終了した。会議の閉会を宣言する。"),
    ]
    assert minutes.closing == "(12:00 終了)"
    assert [a.title for a in minutes.appendix] == ["議事録署名"]


CHIIKI_KYOGIKAI = (
    "会　議　録\n\n"
    "１　会議名\n　　令和６年度第７回東浜区地域協議会\n"
    "２　議題（公開・非公開の別）\n"
    "　　報告事項\n　　　・地域独自の予算事業の進捗状況について\n"
    "　　協議事項\n　　　・令和７年度地域活動支援事業の募集について\n"
    "　　（いずれも公開）\n"
    "３　開催日\n　　令和６年１１月２１日（木）\n"
    "４　開催時間\n　　午後６時３０分から午後８時１０分\n"
    "５　開催場所\n　　東浜地区公民館　多目的ホール\n"
    "６　傍聴人の数\n　　２人\n"
    "７　非公開の理由\n　　なし\n"
    "８　出席した者（傍聴人を除く。）氏名（敬称略）\n"
    "　・委　員：小池政夫（会長）、関口典子（副会長）、青山悟\n"
    "　・事務局：東浜まちづくりセンター　山中センター長、福田主任\n"
    "９　発言の内容（要旨）\n"
    "【小池会長】\n　報告事項について、事務局へ説明を求める。\n"
    "【山中センター長】\n　・資料１に基づき説明\n"
    "【小池会長】\n　他に質疑等はあるか。\n　（発言なし）\n　次に、協議事項に入る。\n"
)


def test_a_district_councils_header_of_keys_over_their_values() -> None:
    """Every key on its line and its value under it, as many cities publish their councils'
    minutes (会議名, 議題（公開・非公開の別）, 開催日, 開催時間, 開催場所, 傍聴人の数, 非公開の理由,
    出席した者（傍聴人を除く。）氏名, 発言の内容（要旨）): each was an item of the body with its value
    a note, the rosters turns of 委員 and 事務局."""
    minutes = parse_minutes(CHIIKI_KYOGIKAI)
    assert minutes.title == "令和6年度第7回東浜区地域協議会 会議録"
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 11, 21),
        dt.time(18, 30),
        dt.time(20, 10),
    )
    assert (minutes.venue, minutes.observers) == ("東浜地区公民館 多目的ホール", ["2人"])
    assert minutes.attendees == ["小池政夫", "関口典子", "青山悟"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("山中", "東浜まちづくりセンター長"),
        ("福田", "東浜まちづくりセンター主任"),
    ]
    assert minutes.agenda == [
        "報告事項",
        "・地域独自の予算事業の進捗状況について",
        "協議事項",
        "・令和7年度地域活動支援事業の募集について",
    ]
    assert _entries(CHIIKI_KYOGIKAI) == [
        ("statement", "小池会長", "報告事項について、事務局へ説明を求める。"),
        ("statement", "山中センター長", "・資料１に基づき説明"),
        ("statement", "小池会長", "他に質疑等はあるか。"),
        ("note", "（発言なし）"),
        ("statement", "小池会長", "次に、協議事項に入る。"),
    ]


def test_a_table_of_turns_whose_label_cell_wraps() -> None:
    """「｜事務局｜……」 over 「｜（松岡課長）｜……」: one label its column wrapped (was two turns,
    the second by 「松岡課長」); 「（佐藤委員）」 under a turn is a turn of its own."""
    text = (
        "こども子育て会議 議事録\n開催日時　令和６年８月１日（木）午後２時\n"
        "｜事務局　　　　　｜資料１に基づき説明します。\n"
        "｜（松岡課長）　　｜計画期間は令和７年度から５年間です。\n"
        "｜　　　　　　　　｜待機児童はゼロとなっております。\n"
        "｜（佐藤委員）　　｜質問です。\n"
    )
    assert _entries(text) == [
        (
            "statement",
            "事務局(松岡課長)",
            "資料１に基づき説明します。計画期間は令和７年度から５年間です。待機児童はゼロとなっております。",
        ),
        ("statement", "佐藤委員", "質問です。"),
    ]


def test_a_groups_heading_after_a_bullet_with_no_full_stop() -> None:
    text = (
        "ワークショップ記録\n日時：2023年11月11日（土）10:00～12:00\n１．グループ発表\n"
        "＜Ａグループ＞（発表者：Ｃ委員）\n　　・審議会の傍聴を気軽にできるようにする\n"
        "＜Ｂグループ＞（発表者：Ｄ委員）\n　　・子ども向けの説明会を開く\n"
    )
    assert _entries(text) == [
        ("note", "＜Ａグループ＞（発表者：Ｃ委員）"),
        ("note", "・審議会の傍聴を気軽にできるようにする"),
        ("note", "＜Ｂグループ＞（発表者：Ｄ委員）"),
        ("note", "・子ども向けの説明会を開く"),
    ]


def test_an_agenda_list_with_bulleted_items_under_its_categories() -> None:
    """Word's bullets under the list's categories (the list was the body's sections, the first
    turns under 「その他」)."""
    text = (
        "運営委員会　議事録\n日時：令和５年９月１４日（木）１８時３０分\n\n"
        "議題\n１．報告事項\n・８月の利用状況について\n２．協議事項\n・秋の講座企画について\n"
        "３．その他\n\n"
        "委員長：始めます。\n\n１．報告事項\n（１）８月の利用状況について\n"
        "事務局（佐野）：資料１をご覧ください。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == [
        "1.報告事項",
        "・8月の利用状況について",
        "2.協議事項",
        "・秋の講座企画について",
        "3.その他",
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("", [(0, "開会")]),
        ("報告事項", [(1, "8月の利用状況について")]),
    ]


def test_an_items_heading_with_the_records_remark_after_it() -> None:
    """「４　審査・採点　※非公開のため要旨を省略」: the item's title and a note (the remark was
    part of the title)."""
    minutes = parse_minutes(
        "審査会 会議録\n日時：令和６年６月１日（土）\n３　審査方法の確認\n委員長：始めます。\n"
        "４　審査・採点　※非公開のため要旨を省略\n５　その他\n委員長：以上です。\n"
    )
    assert [
        (i.number, i.title, [(e.kind, e.text) for e in i.entries])
        for s in minutes.sections
        for i in s.items
    ] == [
        (3, "審査方法の確認", [("statement", "始めます。")]),
        (4, "審査・採点", [("note", "※非公開のため要旨を省略")]),
        (5, "その他", [("statement", "以上です。")]),
    ]


def test_a_wrapped_piece_repeated_is_no_page_head() -> None:
    """The same end of a wrapped sentence three times (「まちづくり推進課」 after an unfinished line)
    is the sentence's, not a scan's page head (CI's property test found it dropped)."""
    turn = "委員長：ご質問の件は都市計画の担当\nまちづくり推進課\n"
    text = "景観審議会議事録\n日時：令和６年７月１０日\n" + turn * 3
    assert (
        _entries(text)
        == [("statement", "委員長", "ご質問の件は都市計画の担当まちづくり推進課")] * 3
    )
