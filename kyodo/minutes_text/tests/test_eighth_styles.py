"""Styles of the eighth set (/tmp/styles8: 敬体 and 常体 narrative without speaker labels, a
clerk's clock in brackets before each heading, a header numbered in kanji, 「次回」 numbered on
from the header's fields): each with its exact reading."""

from __future__ import annotations

import datetime as dt

from kyodo.minutes_text import parse_minutes

from .test_styles import _entries


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


NARRATIVE = (
    "令和６年度第２回　かえで市男女共同参画推進懇話会　会議録\n\n"
    "日時　令和６年１０月８日（火）午後２時～午後３時４０分\n"
    "出席者　委員８名（欠席２名）、事務局３名\n\n"
    "（１）第５次男女共同参画プランの進捗状況について\n"
    "　事務局から、資料１に基づき進捗状況の説明がありました。\n"
    "　委員から、女性委員の割合が目標に届いていない理由を問う質問があり、事務局から、"
    "充て職の委員が多いことが原因であるとの回答がありました。\n"
    "　また、委員から、若い世代への啓発を強めてほしいとの意見がありました。\n"
    "（２）意識調査の実施について\n"
    "　事務局から、令和７年度に市民意識調査を実施する予定であることが説明されました。\n"
)


def test_a_narrative_in_the_polite_form_one_note_per_paragraph():
    """No speaker labels, each paragraph indented (「～との意見がありました。」): the paragraphs
    of an item were one note."""
    minutes = parse_minutes(NARRATIVE)
    assert (minutes.attendees, minutes.attendee_count) == ([], 8)
    assert _items(minutes) == [
        (1, "第5次男女共同参画プランの進捗状況について"),
        (2, "意識調査の実施について"),
    ]
    assert _entries(NARRATIVE) == [
        ("note", "事務局から、資料１に基づき進捗状況の説明がありました。"),
        (
            "note",
            "委員から、女性委員の割合が目標に届いていない理由を問う質問があり、事務局から、"
            "充て職の委員が多いことが原因であるとの回答がありました。",
        ),
        ("note", "また、委員から、若い世代への啓発を強めてほしいとの意見がありました。"),
        ("note", "事務局から、令和７年度に市民意識調査を実施する予定であることが説明されました。"),
    ]


PLAIN_FORM = (
    "第５回　はやぶさ市総合計画審議会　議事録\n\n"
    "１．日　時　令和６年１０月３日（木）１５：００～１７：００\n"
    "２．場　所　はやぶさ市役所　本庁舎５階　大会議室\n"
    "３．出席者\n"
    "　　委員：藤原会長、本間副会長、前島委員\n"
    "　　事務局：企画政策課長　森本\n"
    "４．議　事\n"
    "（１）基本計画（素案）について\n"
    "　事務局から資料１について、説明。\n"
    "　前島委員から、人口目標が過大ではないかとの質問。\n"
    "　事務局から、社会増を見込んだ数値であり、根拠を追加で示すと回答。\n"
    "（２）パブリックコメントの実施について\n"
    "　事務局から資料２について、説明。\n"
    "　→期間を３０日とすることで了承。\n"
    "５．次回　令和６年１１月予定\n"
)


def test_a_record_in_the_plain_form_and_the_next_meeting_numbered_on():
    """「～について、説明。」「～との質問。」 were one note; 「５．次回　令和６年１１月予定」 was
    item 5."""
    minutes = parse_minutes(PLAIN_FORM)
    assert minutes.attendees == ["藤原", "本間", "前島"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("森本", "企画政策課長")]
    assert _items(minutes) == [
        (1, "基本計画(素案)について"),
        (2, "パブリックコメントの実施について"),
    ]
    assert _entries(PLAIN_FORM) == [
        ("note", "事務局から資料１について、説明。"),
        ("note", "前島委員から、人口目標が過大ではないかとの質問。"),
        ("note", "事務局から、社会増を見込んだ数値であり、根拠を追加で示すと回答。"),
        ("note", "事務局から資料２について、説明。"),
        ("note", "期間を３０日とすることで了承。"),
        ("note", "５．次回　令和６年１１月予定"),
    ]


def test_the_next_meeting_numbered_on_after_a_turn_is_no_part_of_it():
    """「５　次回　令和７年２月１８日（火）」 after a member's turn was glued to it."""
    text = (
        "令和６年度　第２回　さくら台小学校　学校運営協議会　記録\n"
        "１　日　時　令和６年１０月１５日（火）１５：３０～１６：４５\n"
        "４　内　容\n"
        "（１）地域学習の講師について\n"
        "　　小山委員：商店街の店主を紹介できる。\n"
        "５　次回　令和７年２月１８日（火）\n"
    )
    assert _entries(text) == [
        ("statement", "小山委員", "商店街の店主を紹介できる。"),
        ("note", "５　次回　令和７年２月１８日（火）"),
    ]


CLOCKED = (
    "令和６年度　第３回　なでしこ市子ども・子育て会議　会議録\n\n"
    "日時：令和６年１１月２８日（木）１８時３０分～２０時００分\n"
    "出席委員：大森、金井、久保（計３名）\n"
    "事務局：こども家庭課長　佐野、保育課長　清水\n\n"
    "【１８：３０】開会\n"
    "【１８：３２】議題（１）保育所の待機児童の状況について\n"
    "　保育課長：１０月１日現在の待機児童は１２人です。\n"
    "　金井委員：１歳児の枠を増やす予定はあるか。\n"
    "【１９：１０】議題（２）放課後児童クラブについて\n"
    "　こども家庭課長：高学年の受入れを来年度から始めます。\n"
    "【１９：５８】閉会\n"
)


def test_a_clerks_clock_in_brackets_before_each_heading():
    """「【１８：３２】議題（１）……」 was item 2 titled 「18:32】議題(1)……」; 「【１８：３０】開会」
    (read as 〔18:30 開会〕, a stage direction) was glued to the secretariat."""
    minutes = parse_minutes(CLOCKED)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("佐野", "こども家庭課長"),
        ("清水", "保育課長"),
    ]
    assert _items(minutes) == [
        (0, ""),
        (1, "保育所の待機児童の状況について"),
        (2, "放課後児童クラブについて"),
    ]
    assert _entries(CLOCKED) == [
        ("note", "〔１８：３０　開会〕"),
        ("statement", "保育課長", "１０月１日現在の待機児童は１２人です。"),
        ("statement", "金井委員", "１歳児の枠を増やす予定はあるか。"),
        ("statement", "こども家庭課長", "高学年の受入れを来年度から始めます。"),
    ]
    assert minutes.closing == "〔19:58 閉会〕"


KANJI_HEADER = (
    "令和六年度第三回　しおかぜ市都市景観審議会議事録\n\n"
    "一　日時　令和六年十一月五日（火）午前十時から午前十一時三十分まで\n"
    "二　場所　しおかぜ市役所　第一会議室\n"
    "三　出席委員　　高橋会長、竹内副会長、田中委員\n"
    "四　欠席委員　　寺田委員\n"
    "五　事務局　　都市デザイン課長　戸田　健\n"
    "六　議題\n"
    "　　景観重点地区の指定について（諮問）\n"
    "七　議事の内容\n"
    "会長　　ただいまから審議会を開会します。\n"
    "田中委員　　建物の色彩の基準はどのように定めるのか。\n"
    "八　閉会　午前十一時三十分\n"
)


def test_a_title_and_header_numbered_in_kanji():
    """「令和六年度第三回」 gave no fiscal year or sitting; 「七　議事の内容」 was glued to the
    agenda's title, which became a note."""
    minutes = parse_minutes(KANJI_HEADER)
    assert (minutes.fiscal_year, minutes.meeting_number) == (2024, 3)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 11, 5),
        dt.time(10, 0),
        dt.time(11, 30),
    )
    assert minutes.agenda == ["景観重点地区の指定について(諮問)"]
    assert minutes.absentees == ["寺田"]
    assert _entries(KANJI_HEADER) == [
        ("statement", "会長", "ただいまから審議会を開会します。"),
        ("statement", "田中委員", "建物の色彩の基準はどのように定めるのか。"),
    ]
    assert minutes.closing == "八 閉会 午前十一時三十分"
