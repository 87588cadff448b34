"""Styles of the thirteenth set (data/thirteenth): a second outside tester's minutes of families
the importer knew badly — an agenda listed over the body and numbered again in it (「議題」
「１　……」, then 「【議題１】……」), labels of an information disclosure board (「実施機関　　……」),
a name with where the person comes from before quoted words (「寺田（区役所）「……」」), a ward's
head unmarked (「大島区長　……」), rosters with the offices' holders in parentheses (「会長（松本）、
副会長（高木・小川）…計９名」), names spaced by OCR (「小 林 一 夫（委員長）」), the ward office's
and the city's staff (「区役所　区長、…」「（市）　……課長補佐　岸　健二」), a 次第 grouped by
「（午前の部）」「（午後の部）」, a 会議次第 then 「議事」 numbering its list again, the chair moving
by 「議事１、……について」「議事２に移ります」, 「（意見）」「（回答）」 alone over their text, kana
items whose titles end in a bracket, a spreadsheet's 議題 column and a Markdown table of the
header's fields; and some of them printed as PDFs read as their text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text.pdf import parse_pdf

from .test_twelfth_styles import _hm, _items, _printed, _staff, _statements

DATA = Path(__file__).parent / "data" / "thirteenth"


def _read(name: str):
    return parse_minutes((DATA / name).read_text(encoding="utf-8"))


# name, date, start, end, named items, turns, closing
DOCUMENTS = [
    ("d01_npo_center.txt", "2024-11-19", "18:30", "20:15", 3, 15, "以上"),
    ("d02_kyodo_yoshi.txt", "2025-01-20", "14:00", "15:30", 3, 7, "(午後3時30分 閉会)"),
    ("d03_danjo_prose.txt", "2024-10-08", "10:00", "12:00", 2, 0, "以 上"),
    ("d04_shitei_kanri.txt", "2024-08-27", "13:30", "16:45", 4, 4, "【閉会】"),
    ("d05_kumin_kaigi.txt", "2025-02-08", "10:00", "12:00", 2, 13, "(12:00 終了)"),
    ("d06_chiku_shakyo.txt", "2024-12-05", "19:00", "20:30", 5, 13, "以上"),
    ("d07_kankyo_bukai.txt", "2024-09-12", "09:30", "11:30", 3, 11, "(午前11時30分 閉会)"),
    ("d08_kosodate_qa.txt", "2024-07-24", "15:00", "16:40", 2, 10, "以上"),
    ("d09_toshokan.txt", "2024-12-17", "14:00", "15:30", 4, 14, None),
    ("d10_kominkan.txt", "2024-10-30", "19:00", "20:40", 3, 11, "閉会(午後8時40分)"),
    ("d11_bunkazai.txt", "2024-06-21", "13:30", "15:15", 2, 11, "午後3時15分閉会"),
    ("d12_toshikei.txt", "2024-11-26", "10:00", "11:20", 3, 15, None),
    ("d13_shinsakai.txt", "2024-09-30", "15:00", "16:30", 3, 8, "以 上"),
    ("d14_table_cols.txt", "2024-08-06", "18:30", "20:00", 2, 11, "以上"),
    ("d15_gozen_gogo.txt", "2025-01-25", "10:00", "15:30", 4, 14, "(午後3時30分 閉会)"),
    ("d16_ocr.txt", "2024-05-21", "14:00", "15:30", 3, 10, "以 上"),
    ("d17_excel_tabs.tsv", "2024-12-10", "18:00", "19:45", 3, 11, "以上"),
    ("d18_paren_after.txt", "2024-11-11", "10:00", "11:45", 3, 9, "以上"),
    ("d19_quote_turns.txt", "2025-01-20", "19:00", "20:30", 3, 13, "以上"),
    ("d20_qa_briefing.txt", "2024-10-15", "14:00", "15:30", 2, 10, "以上"),
    ("d21_katakana.txt", "2025-02-13", "18:00", "19:50", 6, 14, "以上"),
    ("d22_pipe_table.md", "2024-12-03", "14:00", "15:30", 3, 9, "以上"),
    ("d23_kankyo_toshin.txt", "2025-03-14", "14:00", "15:20", 3, 16, "午後3時20分閉会"),
    (
        "d24_iken_kaito_alone.txt",
        "2024-11-28",
        "13:30",
        "15:00",
        2,
        8,
        "座長から閉会のあいさつがあった。",
    ),
    ("d25_names_colon.txt", "2025-02-03", "18:30", "20:10", 3, 11, "20:10終了"),
    ("d26_label_alone.txt", "2024-12-12", "14:00", "15:30", 2, 8, "以上"),
    ("d27_kodomo_ws.txt", "2024-08-03", "13:30", "15:30", 4, 9, "(15:30 終了)"),
    ("d28_shingikai_kiroku.txt", "2024-10-22", "10:00", "11:30", 1, 9, "午前11時30分 閉会"),
    ("d29_kuchokai.txt", "2024-12-18", "14:00", "15:30", 2, 11, "以上"),
    ("d30_kanji_date.txt", "2024-09-10", "14:00", "16:00", 2, 8, "以上"),
]


@pytest.mark.parametrize(("name", "date", "start", "end", "items", "turns", "closing"), DOCUMENTS)
def test_each_document_of_the_thirteenth_set(name, date, start, end, items, turns, closing):
    minutes = _read(name)
    assert minutes.date == dt.date.fromisoformat(date)
    assert (_hm(minutes.start_time), _hm(minutes.end_time)) == (start, end)
    assert len(_items(minutes)) == items
    assert len(_statements(minutes)) == turns
    assert minutes.closing == closing


def test_an_agenda_listed_over_the_body_and_numbered_again_is_kept_once():
    """「議題」「１　……」「２　……」「３　その他」 over 「【議題１】……」: six items; an unkeyed
    「１　開会」「２　議事」「（１）……」 list, then 「２　議事」「(1) ……」 with turns: five."""
    yoshi = _read("d02_kyodo_yoshi.txt")
    assert _items(yoshi) == [
        (1, "協働事業提案制度の見直しについて"),
        (2, "協働推進計画の進捗状況について"),
        (3, "その他"),
    ]
    assert yoshi.agenda == [
        "協働事業提案制度の見直しについて",
        "協働推進計画の進捗状況について",
        "その他",
    ]
    ward = _read("d05_kumin_kaigi.txt")
    assert _items(ward) == [(1, "部会からの活動報告"), (2, "区民会議提言書(素案)について")]


def test_a_programme_then_its_list_again_under_the_body_key():
    """「会議次第」 with 「２　議題」「（１）……」, then 「議事」「２　議題」「（１）……」 and the
    turns: the first item lost its title (the second list was read as the header's)."""
    minutes = _read("d09_toshokan.txt")
    assert _items(minutes)[:3] == [
        (1, "令和7年度図書館事業計画(案)について"),
        (2, "図書館サービス評価について"),
        (1, "電子図書館の利用状況について"),
    ]
    assert _statements(minutes)[0].speaker == "館長"


def test_rosters_of_the_thirteenth_set():
    """The offices' holders in parentheses with the total; OCR's spaced names; the role before
    the name; the ward office's and the city's staff as the secretariat."""
    board = _read("d06_chiku_shakyo.txt")
    assert board.attendees == [
        "松本",
        "高木",
        "小川",
        "西田",
        "上野",
        "渡部",
        "清水",
        "北村",
        "大塚",
    ]
    assert board.attendee_count == 9
    ocr = _read("d16_ocr.txt")
    assert ocr.attendees == ["小林一夫", "前田正子", "酒井隆", "石川みどり", "中村浩"]
    ward = _read("d05_kumin_kaigi.txt")
    assert ward.attendees == ["小田切 浩", "千葉 真由美"]
    assert ward.attendee_count == 15
    assert _staff(ward) == [("", "区長"), ("", "地域振興課長"), ("菅原", "地域振興課担当係長")]
    quoted = _read("d19_quote_turns.txt")
    assert [s.name for s in quoted.secretariat if "寺田" in s.name]  # 「区役所：……寺田」
    center = _read("d21_katakana.txt")
    assert center.attendees == ["熊野", "杉浦", "小山", "白石", "新井", "谷口", "長田"]
    assert _staff(center) == [
        ("吉田 浩美", "センター長"),
        ("上原 翔", "コーディネーター"),
        ("岸 健二", "市民協働推進課長補佐"),
    ]


def test_labels_of_the_thirteenth_set():
    """「実施機関　　……」 was a note or glued into the member's turn; 「寺田（区役所）「……」」 a
    note; 「大島区長　……」 glued into the chair's turn; 「（意見）」「（回答）」 alone notes."""
    board = _read("d13_shinsakai.txt")
    assert [e.speaker for e in _statements(board)][:5] == [
        "実施機関",
        "委員C",
        "実施機関",
        "委員A",
        "実施機関",
    ]
    assert not any(e.uncertain for e in _statements(board))
    quoted = _read("d19_quote_turns.txt")
    assert [(e.speaker, e.text) for e in _statements(quoted)][-3:] == [
        ("寺田(区役所)", "区の地域活動補助金の申請締切は２月２８日です。"),
        ("野田理事", "申請書の書き方の説明会はありますか。"),
        ("寺田(区役所)", "２月８日に区役所で説明会があります。"),
    ]
    ward = _read("d29_kuchokai.txt")
    assert _statements(ward)[-1].speaker == "大島区長"
    assert _statements(ward)[-1].text.startswith("委員の皆様、本年も")
    alone = _read("d24_iken_kaito_alone.txt")
    assert [e.speaker for e in _statements(alone)] == ["意見", "回答"] * 4
    assert _statements(alone)[1].text == "取得期間の平均は約２か月である。次回から資料に記載する。"


def test_items_of_the_thirteenth_set():
    """「（午前の部）」 in a 次第 ended the list (one item 「会議次第」); 「議事２に移ります」 moved
    nothing; 「ア　……（第３四半期）」 lost its 「）」; a spreadsheet's 議題 column gave no item."""
    sessions = _read("d15_gozen_gogo.txt")
    assert _items(sessions) == [
        (1, "開会"),
        (2, "分科会報告"),
        (3, "基本計画素案の審議"),
        (4, "閉会"),
    ]
    assert sessions.agenda == ["1 開会", "2 分科会報告", "3 基本計画素案の審議", "4 閉会"]
    moved = _read("d23_kankyo_toshin.txt")
    assert _items(moved) == [
        (0, "開会"),
        (1, "第3次環境基本計画の答申(案)について"),
        (2, "ごみ処理基本計画の中間見直しについて(報告)"),
    ]
    assert [e.speaker for s in moved.sections for e in s.items[-1].entries][:2] == [
        "井出会長",
        "南主査",
    ]
    kana = _read("d21_katakana.txt")
    assert _items(kana)[:3] == [
        (1, "相談・コーディネート実績(第3四半期)"),
        (2, "センターだより第40号の発行"),
        (1, "令和7年度センター運営方針(案)"),
    ]
    sheet = _read("d17_excel_tabs.tsv")
    assert _items(sheet) == [
        (1, "センター事業中間報告"),
        (2, "NPOフォーラム2025の企画"),
        (3, "その他"),
    ]
    assert _statements(sheet)[0].speaker == "事務局(長尾)"


def test_a_markdown_table_of_the_headers_fields():
    """「| 項目 | 内容 |」 over 「| 日時 | …… |」 was read as a table of the proceedings: no venue,
    no roster, 「| 欠席委員 | 大川委員 |」 a turn."""
    minutes = _read("d22_pipe_table.md")
    assert minutes.venue == "しらさぎ市役所 本庁舎6階 601会議室"
    assert minutes.attendees == ["秋山", "久保", "丸山", "宇佐美", "須藤"]
    assert minutes.absentees == ["大川"]
    assert _staff(minutes) == [("", "協働推進課長"), ("大橋", "協働推進課"), ("小田", "協働推進課")]
    assert _statements(minutes)[0].speaker == "事務局(大橋)"
    assert _items(minutes)[0] == (1, "協働事業の中間評価について")


PDFS = [
    ("d09_toshokan.txt", {"footer": "{n}/{N}", "head": "第３回　ほしのまち図書館協議会　会議録"}),
    ("d12_toshikei.txt", {"numbers": "left", "footer": "- {n} -", "per_page": 18}),
    ("d15_gozen_gogo.txt", {"footer": "- {n} -", "per_page": 20}),
    ("d26_label_alone.txt", {"footer": "{n}", "per_page": 30}),
    ("d23_kankyo_toshin.txt", {"numbers": "left", "footer": "{n}/{N}", "per_page": 22}),
    ("d29_kuchokai.txt", {"numbers": "left", "footer": "- {n} -", "per_page": 20}),
]


@pytest.mark.parametrize(("name", "style"), PDFS)
def test_the_pdfs_read_as_their_text(name, style):
    typed = _read(name)
    printed = parse_pdf(_printed((DATA / name).read_text(encoding="utf-8"), **style))
    assert printed.date == typed.date
    assert printed.attendees == typed.attendees
    assert _items(printed) == _items(typed)
    assert [e.speaker for e in _statements(printed)] == [e.speaker for e in _statements(typed)]
