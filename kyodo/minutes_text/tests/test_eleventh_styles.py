"""Styles of the eleventh set (data/eleventh): a condominium's board, a residents' general meeting
with 議決権行使書, a chamber of commerce's 部会, a university's committee, a hospital's ethics
review with 〔非公開〕 and 「（以下、非公開）」, a review board whose members are 「委員Ａ」, minutes
written all in ・ bullets, 【山田委員】 labels, 「森課長）」 and 「新井主事＞」 labels, Ｑ．/Ａ． with who
answered after the answer, a transcript with [00:12:34] time stamps, 要点筆記 with 「→」 answers, a
three-page PDF with its header on page 1 and 「－１－」 footers, full-width indentation as the
structure, half-width katakana, a 議事録署名人 block at the end, a fire brigade's officers, an
NPO's votes and a school's ◇ headings: each document's date, sitting, items, turns and closing,
and what a secretary would have called wrong before."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text.pdf import parse_pdf

from .pdfmaker import PAGE_HEIGHT, PAGE_WIDTH, font_name, wrap

DATA = Path(__file__).parent / "data" / "eleventh"


def _text(stem: str) -> str:
    return (DATA / f"{stem}.txt").read_text(encoding="utf-8")


def _read(stem: str):
    return parse_minutes(_text(stem))


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


def _sections(minutes) -> list[tuple[int, str]]:
    return [(s.number, s.category) for s in minutes.sections]


def _turns(minutes) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in minutes.entries()]


def _staff(minutes) -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in minutes.secretariat]


# stem, date, sitting, fiscal year, items, entries, closing
DOCUMENTS = [
    ("01_mansion_rijikai", "2024-11-16", 6, None, 4, 9, "以上"),
    (
        "02_jichikai_giketsuken",
        "2024-04-21",
        None,
        2024,
        3,
        8,
        "以上をもって全議案の審議を終了し、議長は午前11時30分に閉会を宣した。",
    ),
    ("03_shoukou_bukai", "2024-09-10", 2, 2024, 3, 8, "以上"),
    ("04_daigaku_iinkai", "2024-10-23", 7, 2024, 3, 10, None),
    ("05_rinri_shinsa", "2024-12-05", None, None, 5, 10, None),
    ("06_shinsakai_iinA", "2024-08-29", 3, None, 3, 8, "(午後3時40分閉会)"),
    ("07_all_bullets", "2024-10-08", 3, 2024, 3, 5, "以上"),
    ("08_kakko_labels", "2024-11-19", 2, 2024, 3, 8, "3.閉会(午後8時)"),
    ("09_paren_close_labels", "2024-07-10", 1, 2024, 2, 6, "午前11時45分 閉会"),
    ("10_gt_labels", "2024-12-03", None, None, 2, 9, None),
    ("11_QA_answerer_end", "2024-11-07", 2, 2024, 2, 7, "以上"),
    ("12_mojiokoshi", "2024-09-27", 4, None, 2, 7, None),
    ("13_youten_arrows", "2024-10-30", 2, 2024, 2, 9, "7 閉会 午後3時"),
    ("14_pdf_three_pages", "2024-11-22", 3, 2024, 3, 16, "3 閉会"),
    ("15_zenkaku_indent", "2024-09-26", 2, 2024, 3, 13, "閉会 午後8時30分"),
    ("16_hankaku_kana", "2024-12-08", 4, 2024, 2, 6, "以上"),
    (
        "17_shomeinin_block",
        "2024-12-18",
        3,
        2024,
        3,
        5,
        "上記の議事の経過及び結果を明確にするため、議事録署名人は次に記名押印する。"
        "　令和6年12月18日　議長・理事長 長谷部 誠 印　監事 川上 修 印　監事 野村 由紀 印",
    ),
    ("18_shoubou_kanbu", "2024-08-04", 2, 2024, 4, 8, "午前10時30分 散会"),
    (
        "19_npo_soukai_votes",
        "2024-06-15",
        None,
        2024,
        3,
        8,
        "以上で全ての議案の審議を終え、15時に閉会した。",
    ),
    ("20_gakko_unei", "2024-11-27", 3, 2024, 3, 7, "以上"),
]


@pytest.mark.parametrize(
    ("stem", "date", "sitting", "year", "items", "entries", "closing"), DOCUMENTS
)
def test_each_document_of_the_eleventh_set(stem, date, sitting, year, items, entries, closing):
    minutes = _read(stem)
    assert minutes.date == dt.date.fromisoformat(date)
    assert (minutes.meeting_number, minutes.fiscal_year) == (sitting, year)
    assert sum(len(s.items) for s in minutes.sections) == items
    assert len(minutes.entries()) == entries
    assert minutes.closing == closing
    assert not any("議題の見出しがない" in w for w in minutes.warnings)
    assert not any("読み取れなかった" in w for w in minutes.warnings)
    # no section and no opening item left empty
    assert all(section.items for section in minutes.sections)


def test_a_condominiums_board_and_its_votes():
    """「賛成４名、反対１名の賛成多数で承認した。」 under the chair's words was glued to his turn."""
    minutes = _read("01_mansion_rijikai")
    assert (minutes.attendees, minutes.absentees) == (
        ["大森", "宮内", "片岡", "西村", "谷"],
        ["坂口"],
    )
    assert minutes.also_attending == ["中島"]
    assert _turns(minutes)[4:8] == [
        ("西村理事", "月額２００円を３００円とする案です。空き待ちが１５件あります。"),
        ("谷理事", "放置自転車の撤去を先に進めるべきではないか。"),
        ("大森理事長", "撤去を１２月中に実施し、改定は来年４月からとする。"),
        (None, "賛成４名、反対１名の賛成多数で承認した。"),
    ]
    assert _sections(minutes) == [(0, ""), (2, "報告事項")]


def test_a_general_meeting_counted_in_homes_with_voting_forms():
    """「出席者数　１３２世帯」 over its breakdown (本人出席・委任状・議決権行使書) was no count; the
    votes' line after the treasurer's answer was his."""
    minutes = _read("02_jichikai_giketsuken")
    assert (minutes.attendee_count, minutes.proxy_count, minutes.attendees) == (132, 84, [])
    assert _turns(minutes)[5:7] == [
        ("会計", "防犯カメラ更新の積立として残しています。"),
        (None, "賛成　１２８　反対　３　棄権　１　により承認された。"),
    ]


def test_a_chambers_section_with_its_advisers():
    minutes = _read("03_shoukou_bukai")
    # 「部会長　小野寺　健（…）、副部会長　白石　由香（…）、部会員　１８名」: two named and 18 more
    # (the count was the 18 alone)
    assert (minutes.attendees, minutes.attendee_count) == (["小野寺 健", "白石 由香"], 20)
    assert _staff(minutes) == [
        ("佐久間", "中小企業相談所経営指導員"),
        ("吉沢", "中小企業相談所経営指導員"),
    ]
    assert _turns(minutes)[1:5] == [
        ("石原部会員", "キャッシュレス決済に未対応の店舗が多い。補助はないか。"),
        ("事務局", "県の小規模事業者向け補助金を紹介する。申請支援も行う。"),
        ("村田部会員", "多言語メニューの作成支援を部会で取り組んではどうか。"),
        (None, "部会事業として予算化を検討することとした。"),
    ]


def test_members_with_where_they_come_from_and_one_online():
    """「森田委員長（教務部長）、…、石丸委員（教職課程）」 read as 森田 and 教職課程, and the remark
    「※ダグラス委員はオンライン出席」 as a member; 「岡委員（外部・弁護士）」 as 弁護士."""
    university = _read("04_daigaku_iinkai")
    assert university.attendees == ["森田", "北川", "加納", "ダグラス", "松永", "石丸"]
    assert (university.online, university.absentees) == (["ダグラス"], ["堀"])
    assert _staff(university) == [("平井", "教務課長"), ("長尾", "教務課")]
    assert _sections(university) == [(1, "審議事項"), (2, "報告事項")]
    hospital = _read("05_rinri_shinsa")
    assert hospital.attendees == ["荒井", "福島", "土屋", "岡", "石田"]


def test_an_ethics_review_closed_in_part():
    """「２．新規申請の審査」, 「〔非公開〕」, then 「（１）受付番号……」「（２）……」: the heading holds
    the applications (they were items 1 and 2 again beside it), the stage direction with them."""
    minutes = _read("05_rinri_shinsa")
    assert _sections(minutes) == [
        (0, ""),
        (2, "新規申請の審査"),
        (3, "迅速審査の報告"),
        (4, "その他"),
    ]
    assert _items(minutes)[:3] == [
        (1, "前回議事概要の確認"),
        (1, "受付番号2024-15「術後せん妄予防に関する観察研究」"),
        (2, "受付番号2024-16「糖尿病教室参加者の追跡調査」"),
    ]
    first = minutes.sections[1].items[0]
    assert [e.text for e in first.entries] == [
        "〔非公開〕",
        "申請者：麻酔科　部長　井上",
        "主な意見：同意を得られない患者の扱いを明確にすること。",
        "判定：条件付承認",
    ]
    assert minutes.entries()[-1].text == "（以下、非公開）"


def test_a_review_board_whose_members_are_lettered():
    minutes = _read("06_shinsakai_iinA")
    assert (minutes.attendees, minutes.absentees) == (
        ["委員A", "委員B", "委員C", "委員D"],
        ["委員E"],
    )
    assert [e.speaker for e in minutes.entries() if e.kind == "statement"] == [
        *("委員A", "実施機関(道路課)", "委員C", "実施機関(道路課)", "委員B", "委員A", "事務局"),
    ]
    assert not any(e.uncertain for e in minutes.entries())


def test_minutes_all_in_bullets():
    """「・議題１　敬老会の実施について」 were unread header lines and notes; 「・出席：会長、副会長２名、
    会計、各部長４名（計８名）」 counted two."""
    minutes = _read("07_all_bullets")
    assert minutes.attendee_count == 8
    assert _items(minutes) == [
        (1, "敬老会の実施について"),
        (2, "ふれあいサロンの会場について"),
        (3, "その他"),
    ]
    assert [e.text for e in minutes.entries()][:2] == [
        "・９月１５日に実施、参加者１２４名。",
        "・送迎ボランティアが不足した。来年は早めに募集する。",
    ]


def test_labels_in_lenticular_brackets_and_the_closing_with_its_time():
    """「３．閉会（午後８時）」 was an item."""
    minutes = _read("08_kakko_labels")
    assert _items(minutes) == [
        (1, "開会"),
        (1, "放課後児童クラブの待機状況について"),
        (2, "その他"),
    ]
    assert _turns(minutes)[5:7] == [
        ("井口委員", "支援員の確保が難しいと聞いています。処遇改善の予定はありますか。"),
        ("本間課長", "来年度予算で、国の処遇改善事業を活用する予定です。"),
    ]


def test_labels_closed_by_a_parenthesis_or_an_angle():
    """「森課長）」 read; 「新井主事＞」「隊員（佐伯）＞」 were glued into one note per item."""
    assert [e.speaker for e in _read("09_paren_close_labels").entries()] == [
        *("森課長", "藤井委員", "森課長", "矢野委員", "吉永会長", "上野主任"),
    ]
    minutes = _read("10_gt_labels")
    assert _turns(minutes)[:3] == [
        ("新井主事", "本日は協力隊員から今年度の活動を報告していただきます。"),
        ("隊員(佐伯)", "空き家を活用したゲストハウスの準備を進めています。来春の開業予定です。"),
        ("村長", "地元の大工さんとの連携はどうですか。"),
    ]
    assert minutes.entries()[-1].text == "（記録：企画課　新井）"
    # 「企画課主事　新井」「協力隊員３名」 in the list were a member 「企画課主事」 and 「協力隊員」
    assert minutes.attendees == ["丸岡", "新井"]


def test_questions_and_answers_with_who_answered_after():
    minutes = _read("11_QA_answerer_end")
    assert _turns(minutes)[1:5] == [
        ("Q", "電子図書館の利用登録者は増えているか。"),
        ("事務局", "前年同期比で約２割増えている。特に小中学生の登録が多い。"),
        ("Q", "移動図書館の巡回場所の見直しはあるか。"),
        ("三好司書", "利用の少ない２か所を廃止し、新たに高齢者施設２か所を加える予定である。"),
    ]
    assert _sections(minutes) == [(1, "報告事項"), (2, "協議事項")]


def test_a_transcript_with_time_stamps():
    """「[00:03:12] 中西会長：……」: every turn glued into one note per item."""
    minutes = _read("12_mojiokoshi")
    assert _turns(minutes) == [
        ("中西会長", "それでは議題１について、事務局から説明をお願いします。"),
        (
            "平野課長",
            "資料１をご覧ください。１０月から北部地区で実証運行を始めます。"
            "予約は前日までの電話、またはアプリで受け付けます。",
        ),
        ("飯塚委員", "アプリを使えない高齢者への配慮はどうなっていますか。"),
        ("平野課長", "電話予約を基本とし、当日予約も２時間前まで受け付けます。"),
        ("黒木委員", "（聞き取り不能）の運賃はいくらですか。"),
        ("谷口主事", "片道５００円、７５歳以上は３００円です。"),
        ("中西会長", "ほかになければ、本日の会議を終了します。"),
    ]


def test_answers_after_an_arrow():
    minutes = _read("13_youten_arrows")
    assert _turns(minutes)[5:9] == [
        (None, "事務局から資料２により説明。"),
        ("浜田委員", "指定袋の値上げ幅はどの程度か。"),
        ("保坂課長", "４５リットル袋で１枚１０円程度の値上げを想定している。"),
        ("杉山会長", "見直し案は次回審議会で諮問を受けることとする。"),
    ]


def _three_pages(text: str, lines_per_page: int = 16) -> tuple[bytes, int]:
    """``text`` printed as a PDF: lines wrapped at 40 full-width characters, 16 lines a page, the
    footer 「－１－」 on each; the header only on page 1 (where the text has it)."""
    from reportlab.pdfgen import canvas

    lines = [part for raw in text.splitlines() for part in (wrap(raw) if raw else [""])]
    font = font_name()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for number, page in enumerate(pages, start=1):
        for index, line in enumerate(page):
            if line:
                pdf.setFont(font, 10.5)
                pdf.drawString(70, PAGE_HEIGHT - 70 - index * 18, line)
        pdf.setFont(font, 9)
        pdf.drawCentredString(PAGE_WIDTH / 2, 40, f"－{number}－")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), len(pages)


def test_a_three_page_pdf_with_footers():
    """The same minutes from the text and from a PDF of three pages: the same document."""
    data, pages = _three_pages(_text("14_pdf_three_pages"))
    assert pages == 3
    printed, typed = parse_pdf(data), _read("14_pdf_three_pages")
    assert printed.to_dict() == typed.to_dict()
    assert printed.title == "令和6年度第3回 もみじ市男女共同参画審議会 会議録"
    assert (printed.start_time, printed.end_time) == (dt.time(14, 0), dt.time(16, 0))
    assert _staff(printed) == [("桜井", "市民協働課長"), ("大西", "市民協働課主査")]
    assert _turns(printed)[4] == (
        "高田委員",
        "若い世代ほど分担が進んでいるのではないでしょうか。年代別の集計があれば次回示してください。",
    )
    assert not any("－" in e.text for e in printed.entries())


def test_full_width_indentation_as_the_structure():
    """「　　質疑」「　　採決」 over the lines under them were glued to them; 「報告」 at the margin
    after the indented bills was glued into the last note."""
    minutes = _read("15_zenkaku_indent")
    assert _sections(minutes) == [(1, "議事"), (2, "報告")]
    assert [e.text for e in minutes.sections[0].items[0].entries] == [
        "事務局から開催計画案の説明があった。",
        "出店は１８団体、ステージは６団体の予定。",
        "質疑",
        "理事から、雨天時の会場について質問があり、体育館に変更すると回答した。",
        "採決",
        "全員賛成で原案のとおり承認された。",
    ]
    assert _turns(minutes)[-1] == (None, "会計から上半期の収支状況の報告があった。")


def test_half_width_katakana():
    minutes = _read("16_hankaku_kana")
    assert minutes.title == "ミドリガオカ町内会 令和6年度第4回役員会 議事録"
    assert minutes.attendees == ["オオタ", "クボタ", "ヤマグチ", "ホンダ"]
    assert _items(minutes) == [(1, "モチツキ大会について"), (2, "防災倉庫の点検について")]
    assert _turns(minutes)[0] == ("オオタ会長", "１２月２８日に例年どおり実施したい。")


def test_the_signatures_block_closes_the_minutes():
    """「上記の議事の経過及び結果を明確にするため、議事録署名人は次に記名押印する。」, the day and
    the names: with no closing line before it, the block is the closing (it was an appendix,
    「閉会の後の5行は発言ではなく付属資料（別添）」)."""
    minutes = _read("17_shomeinin_block")
    assert (minutes.appendix, minutes.warnings) == ([], [])
    assert minutes.also_attending == ["川上 修", "野村 由紀"]
    # after a closing line the block stays apart, said to be the signatures
    closed = parse_minutes(
        _text("17_shomeinin_block").replace(
            "\n\n上記の議事", "\n\n以上をもって議長は閉会を宣した。\n\n上記の議事"
        )
    )
    assert closed.closing == "以上をもって議長は閉会を宣した。"
    assert [a.title for a in closed.appendix] == [
        "上記の議事の経過及び結果を明確にするため、議事録署名人は次に記名押印する。"
    ]
    assert closed.warnings == ["閉会の後の署名欄（5行）は付属資料として取り込みます。"]


def test_a_fire_brigades_officers():
    """「団長　岡部」 was dropped (a name ending in 部 read as a department); 「団長　　……」 and a
    polite 「……でした。」 after 「浅井係長」 were glued to the turn above."""
    minutes = _read("18_shoubou_kanbu")
    assert (minutes.attendees, minutes.attendee_count) == (["岡部", "久米", "斉藤"], 8)
    assert _turns(minutes)[:2] == [
        ("団長", "まず上半期の出動状況を報告してもらいます。"),
        ("浅井係長", "火災出動が７件、風水害の警戒が３回でした。"),
    ]
    assert _sections(minutes) == [(1, "報告"), (2, "協議")]
    assert _turns(minutes)[6] == ("分団長(第1分団)", "若手の入団が３年間ありません。")


def test_an_npos_votes_and_its_chair():
    """「議長：正会員　千田　舞」 was read as three attendees; 「採決　賛成 30　……」 was a director's."""
    minutes = _read("19_npo_soukai_votes")
    assert (minutes.attendees, minutes.attendee_count, minutes.proxy_count) == ([], 31, 8)
    assert _turns(minutes)[3:6] == [
        ("正会員(大倉)", "寄付金の内訳を次回から公開してほしい。"),
        ("関口理事", "次年度の報告書から内訳を載せます。"),
        (None, "採決　賛成 30　反対 0　保留 1　→　原案どおり承認"),
    ]


def test_diamond_headings():
    """「◇熟議「登下校の見守り」」 was the secretariat's last member, 「◇次回の予定」 glued to the
    line under it; 「山内教諭：」 was no label."""
    minutes = _read("20_gakko_unei")
    assert _staff(minutes) == [("田中", "校長"), ("岸本", "教頭"), ("山内", "地域連携担当教諭")]
    assert _items(minutes) == [
        (1, "熟議「登下校の見守り」"),
        (2, "学校評価(中間)について"),
        (3, "次回の予定"),
    ]
    assert _turns(minutes)[4] == ("山内教諭", "保護者アンケートの回収率は８６％でした。")
    assert _turns(minutes)[-1] == (None, "令和７年２月１９日（水）１５：３０から")
