"""Minutes as they reach a center wrapped in something else: copied from the city's web page
(menus, breadcrumbs, the page's own dates, its footer), pasted into an e-mail (headers, quoting,
greeting, signature), written in Markdown, saved from a spreadsheet as CSV or with tabs."""

from __future__ import annotations

import datetime as dt

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._wrapper import unwrap

from .test_styles import _entries

WEB_PAGE = (
    "本文へスキップします。\n"
    "文字サイズ\n"
    "標準\n"
    "拡大\n"
    "サイト内検索\n"
    "現在位置:トップページ > 市政情報 > 附属機関 > 令和6年度第1回ひかり市環境審議会の会議録\n"
    "令和6年度第1回ひかり市環境審議会の会議録\n"
    "掲載日：2024年8月2日更新\n"
    "ページID：0042871&nbsp;更新日：2024年8月2日\n"
    "印刷ページ表示\n"
    "令和6年度第1回ひかり市環境審議会　会議録\n"
    "会議の概要\n"
    "開催日時\n"
    "令和6年7月18日（木曜日）午後2時00分から午後3時45分まで\n"
    "開催場所\n"
    "ひかり市役所　本庁舎5階　第2会議室\n"
    "出席者\n"
    "（委員）\n"
    "青木 和夫会長、井上 富美子副会長、上田 誠委員\n"
    "（事務局）\n"
    "環境政策課長 木村 一郎\n"
    "議事\n"
    "（1）環境基本計画の進捗について\n"
    "会長　それでは議事に入ります。事務局から説明をお願いします。\n"
    "事務局　資料１に基づき説明します。\n"
    "ページの先頭へ戻る\n"
    "（2）その他\n"
    "会長　以上で本日の審議会を終了します。\n"
    "PDFファイルをご覧いただくには、Adobe Acrobat Reader（無料）が必要です。\n"
    "このページに関するお問い合わせ\n"
    "環境部 環境政策課\n"
    "電話番号：0123-45-6789\n"
    "より良いウェブサイトにするためにアンケートにご協力ください\n"
    "Copyright © Hikari City. All Rights Reserved.\n"
)


def test_a_web_page_read_without_the_site_around_it():
    minutes = parse_minutes(WEB_PAGE)
    # The page's 掲載日 and 更新日 are not the meeting's date.
    assert minutes.date == dt.date(2024, 7, 18)
    assert (minutes.start_time, minutes.end_time) == (dt.time(14, 0), dt.time(15, 45))
    # The page's heading over the minutes' own title (「…の会議録」) is not an organization.
    assert minutes.title == "令和6年度第1回ひかり市環境審議会 会議録"
    assert minutes.organization is None
    # 「開催場所」 alone over the place, as a web page's table copies.
    assert minutes.venue == "ひかり市役所 本庁舎5階 第2会議室"
    # 「（委員）」 alone over the names; 「青木 和夫会長」 a name with its role glued on.
    assert minutes.attendees == ["青木 和夫", "井上 富美子", "上田 誠"]
    assert [(s.title, s.name) for s in minutes.secretariat] == [("環境政策課長", "木村 一郎")]
    assert _entries(WEB_PAGE) == [
        ("statement", "会長", "それでは議事に入ります。事務局から説明をお願いします。"),
        ("statement", "事務局", "資料１に基づき説明します。"),
        ("statement", "会長", "以上で本日の審議会を終了します。"),
    ]


def test_a_plain_document_is_left_as_it_is():
    text = (
        "第３回ひかり市環境審議会会議録\n"
        "日時　令和６年５月１０日（金）\n"
        "会長　ホーム > 市政情報の順に開いてください。お問い合わせは事務局へ。\n"
    )
    assert unwrap(text) == text.rstrip("\n")


MAIL = (
    "From: 佐々木 弘 <sasaki@example.jp>\n"
    "Sent: Monday, October 21, 2024 9:12 PM\n"
    "To: 役員 <yakuin@example.jp>\n"
    "Subject: 【議事録】10月役員会の議事録送付\n"
    "\n"
    "役員各位\n"
    "\n"
    "お疲れ様です。書記の佐々木です。\n"
    "先日の役員会の議事録をお送りします。\n"
    "\n"
    "＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝\n"
    "\n"
    "みどり台自治会　令和6年度第7回役員会　議事録\n"
    "\n"
    "日時：令和6年10月19日（土）19:00～20:40\n"
    "場所：みどり台集会所　和室\n"
    "出席：会長 村井、副会長 岡田、会計 北川\n"
    "\n"
    "1. 秋祭りの収支報告\n"
    "北川会計：資料のとおり、7万4千円の黒字でした。\n"
    "村井会長：繰越金に回します。\n"
    "\n"
    "以上\n"
    "\n"
    "＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝\n"
    "\n"
    "よろしくお願いします。\n"
    "\n"
    "-------------------------------------\n"
    "みどり台自治会　書記\n"
    "佐々木　弘\n"
    "携帯：090-1234-5678\n"
    "-------------------------------------\n"
)


def test_minutes_pasted_into_an_e_mail():
    minutes = parse_minutes(MAIL)
    # The mail's 「Sent:」 is not the meeting's date, nor its 「From:」 the title.
    assert minutes.date == dt.date(2024, 10, 19)
    assert minutes.title == "みどり台自治会 令和6年度第7回役員会 議事録"
    assert minutes.attendees == ["村井", "岡田", "北川"]
    assert _entries(MAIL) == [
        ("statement", "北川会計", "資料のとおり、7万4千円の黒字でした。"),
        ("statement", "村井会長", "繰越金に回します。"),
    ]
    # The greeting and the signature are no part of the minutes, not even their appendix.
    assert minutes.closing == "以上"
    assert minutes.appendix == []


def test_a_forwarded_mail_quoted_line_by_line():
    quoted = "".join(
        f"> {line}\n" for line in MAIL.split("＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝\n")[1].splitlines()
    )
    forwarded = (
        "件名: Fwd: 役員会 議事録\n"
        "差出人: センター窓口 <center@example.jp>\n"
        "日付: 2024年10月30日 10:14\n"
        "宛先: 資料室\n"
        "\n"
        "---------- Forwarded message ---------\n"
        "From: 佐々木 弘 <sasaki@example.jp>\n"
        "Date: 2024年10月21日(月) 21:12\n"
        "\n"
        "> 役員各位\n"
        "> ■■■■■■■■■■■■■■■■\n"
        f"{quoted}"
    )
    minutes = parse_minutes(forwarded)
    assert minutes.date == dt.date(2024, 10, 19)
    assert minutes.title == "みどり台自治会 令和6年度第7回役員会 議事録"
    assert [e.speaker for e in minutes.entries()] == ["北川会計", "村井会長"]


MARKDOWN = (
    "# NPO法人まちづくりネット　第45回理事会 議事録\n"
    "\n"
    "- **日時**：2024年6月8日（土）10:00〜12:05\n"
    "- **場所**：市民活動センター 会議室B\n"
    "- **出席理事**：早川 みどり、長谷部 勉、今村 聡子\n"
    "\n"
    "---\n"
    "\n"
    "## 第1号議案　2023年度事業報告の承認の件\n"
    "\n"
    "**本田事務局長**：資料1に沿って説明します。\n"
    "\n"
    "**大西理事**：相談件数が増えている要因は。\n"
    "\n"
    "- 参加者の声を総会資料に追記することとした。\n"
)


def test_markdown_marks_taken_off():
    minutes = parse_minutes(MARKDOWN)
    assert minutes.title == "NPO法人まちづくりネット 第45回理事会 議事録"
    assert minutes.date == dt.date(2024, 6, 8)
    assert minutes.venue == "市民活動センター 会議室B"
    assert minutes.attendees == ["早川 みどり", "長谷部 勉", "今村 聡子"]
    items = [item.title for section in minutes.sections for item in section.items]
    assert items == ["2023年度事業報告の承認の件"]
    assert _entries(MARKDOWN) == [
        ("statement", "本田事務局長", "資料1に沿って説明します。"),
        ("statement", "大西理事", "相談件数が増えている要因は。"),
        ("note", "・参加者の声を総会資料に追記することとした。"),
    ]


CSV = (
    "令和6年度　第2回　東山市地域福祉計画推進協議会　会議録,,,\n"
    ",,,\n"
    "日時,令和6年11月12日（火）　午後1時30分～午後3時30分,,\n"
    "場所,東山市総合福祉センター　2階　大会議室,,\n"
    '出席委員,"青山 和子（会長）、森田 康弘（副会長）、井上 里美",,\n'
    "議題,発言者,発言内容,備考\n"
    "1　開会,事務局（高田）,ただいまから開会いたします。,\n"
    ',会長,"皆さん、こんにちは。\n前回のご意見を踏まえて案をまとめました。",\n'
    "2　議事（1）中間評価について,事務局（今井）,資料1に基づき説明。,資料1\n"
    ",岡委員,悪化している指標はコロナの影響でしょうか。,\n"
    ",,市民アンケートの結果も見たいと思います。,\n"
)


def test_a_spreadsheet_saved_as_csv():
    minutes = parse_minutes(CSV)
    assert minutes.title == "令和6年度 第2回 東山市地域福祉計画推進協議会 会議録"
    assert minutes.date == dt.date(2024, 11, 12)
    assert minutes.venue == "東山市総合福祉センター 2階 大会議室"
    assert minutes.attendees == ["青山 和子", "森田 康弘", "井上 里美"]
    items = [item.title for section in minutes.sections for item in section.items]
    assert items == ["開会", "議事(1)中間評価について"]
    # A row with no speaker goes on with the turn above; the remarks column (資料1) is left out.
    assert _entries(CSV) == [
        ("statement", "事務局(高田)", "ただいまから開会いたします。"),
        ("statement", "会長", "皆さん、こんにちは。前回のご意見を踏まえて案をまとめました。"),
        ("statement", "事務局(今井)", "資料1に基づき説明。"),
        (
            "statement",
            "岡委員",
            "悪化している指標はコロナの影響でしょうか。市民アンケートの結果も見たいと思います。",
        ),
    ]


def test_a_spreadsheet_with_a_time_column_saved_with_tabs():
    text = (
        "令和6年度第3回こども会議　議事録\t\t\n"
        "日時\t令和6年9月7日（土）18:30～20:00\t\n"
        "時刻\t発言者\t発言内容\n"
        "18:31\t会長\tそれでは次第に沿って進めます。\n"
        "18:33\t事務局\t資料に基づき説明します。\n"
        "18:40\t委員\t利用者の声を聞いてほしい。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "それでは次第に沿って進めます。"),
        ("statement", "事務局", "資料に基づき説明します。"),
        ("statement", "委員", "利用者の声を聞いてほしい。"),
    ]


def test_a_sheet_with_a_roster_table_and_a_table_of_turns():
    text = (
        "会議名\t令和6年度第3回北浜市地域公共交通会議\t\t\n"
        "開催日時\t令和6年12月5日（木）\t午前10時00分～午前11時50分\t\n"
        "出席委員\t(会長)\t国立北浜大学 大学院工学研究科 教授\t古川 真一\n"
        "\t(副会長)\t北浜市 都市整備部長\t石原 達也\n"
        "\t\t北浜市PTA連合会 理事\t高松 陽子\n"
        "欠席委員\t\t北浜市自治会連合会 会長\t三浦 勝\n"
        "事務局\t\t都市整備部 交通政策課長\t丸山 恵\n"
        "No.\t議題\t発言者\t発言内容\t備考\n"
        "1\t(1) 利用状況について\t会長\t議題(1)について説明をお願いします。\t\n"
        "2\t\t事務局(岩田主任)\t資料1をご覧ください。\t資料1\n"
        "3\t\t高松委員\t高校生の意見も聞いてください。\t\n"
    )
    minutes = parse_minutes(text)
    assert minutes.date == dt.date(2024, 12, 5)
    # Each member's role and affiliation in their columns are no names; the staff's title is.
    assert minutes.attendees == ["古川 真一", "石原 達也", "高松 陽子"]
    assert minutes.absentees == ["三浦 勝"]
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("都市整備部交通政策課長", "丸山 恵")
    ]
    assert [i.title for s in minutes.sections for i in s.items] == ["利用状況について"]
    assert _entries(text) == [
        ("statement", "会長", "議題(1)について説明をお願いします。"),
        ("statement", "事務局(岩田主任)", "資料1をご覧ください。"),
        ("statement", "高松委員", "高校生の意見も聞いてください。"),
    ]


def test_a_header_table_drawn_with_box_characters():
    text = (
        "　　　　令和６年度　第２回　ひのき市健康づくり推進協議会　会議録\n"
        "┌────────┬──────────────────┐\n"
        "│開催日時　　　　│令和６年１２月１２日（木）午後１時３０分～午後３時００分│\n"
        "├────────┼──────────────────┤\n"
        "│開催場所　　　　│ひのき市保健福祉センター　２階　多目的室　│\n"
        "├────────┼──────────────────┤\n"
        "│出　席　者　　　│（委員）杉田　光彦（会長）、梅津　佳代　│\n"
        "│　　　　　　　　│（事務局）健康推進課長　檜山　隆、健康推進課保健係長　│\n"
        "│　　　　　　　　│　　　　　樫村　由香、健康推進課管理栄養士　楠本　あや　│\n"
        "└────────┴──────────────────┘\n"
        "\n"
        "（１）中間評価について\n"
        "事務局（樫村係長）　資料１により説明。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.venue) == (
        dt.date(2024, 12, 12),
        "ひのき市保健福祉センター 2階 多目的室",
    )
    assert minutes.attendees == ["杉田 光彦", "梅津 佳代"]
    # A title at a cell line's end, the name on the next: one person.
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("健康推進課長", "檜山 隆"),
        ("健康推進課保健係長", "樫村 由香"),
        ("健康推進課管理栄養士", "楠本 あや"),
    ]


def test_a_label_spaced_out_by_a_pdf_to_text_tool():
    text = (
        "第156回　桜川市都市計画審議会　会議録\n"
        "日時　令和６年１０月１７日（木）午後２時\n"
        "\n"
        "１　議第１号について\n"
        "  菊 池 委 員   説明会の参加者は何人でしたか。\n"
        "  事 務 局   （島津主査）\n"
        "      ２回開催し、合計で３２名の参加がありました。\n"
    )
    assert _entries(text)[-1] == (
        "statement",
        "事務局(島津主査)",
        "２回開催し、合計で３２名の参加がありました。",
    )
