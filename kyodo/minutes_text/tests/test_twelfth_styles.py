"""Styles of the twelfth set (data/twelfth): an outside tester's minutes of families the importer
knew badly — a city assembly's plenary and a town assembly's with every header key after 「１．」
(招集の場所, 応招議員, 不応招議員, the officials 説明のため出席した者 under 地方自治法第１２１条),
an assembly committee's roster padded to its columns (「山本　　守君」), 委員外出席議員, a
national study group with 「○全国中間支援ネットワーク（井口代表理事）」, a 公民館 council of
平成元年 whose body has no headings (「では議題一について」), a council with its header in a tab
table and 「（議題２に移る）」, a library council whose 出席者 holds the library's staff as a
group, a multicultural council written with ASCII spaces (「副会長 佐藤 ジョセフ」), an NPO's
general meeting with 「質疑：」「応答：」 in its narrative record, and more: each document's date,
times, items, turns and closing, and what a secretary would have called wrong before; and some of
them printed as PDFs (page-line numbers left or right, footers, a running head) read as their
text."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text.pdf import parse_pdf

from .pdfmaker import PAGE_HEIGHT, PAGE_WIDTH, font_name

DATA = Path(__file__).parent / "data" / "twelfth"


def _text(stem: str) -> str:
    return (DATA / f"{stem}.txt").read_text(encoding="utf-8")


def _read(stem: str):
    return parse_minutes(_text(stem))


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items if i.title]


def _statements(minutes):
    return [e for e in minutes.entries() if e.kind == "statement"]


def _staff(minutes) -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in minutes.secretariat]


def _hm(time: dt.time | None) -> str | None:
    return time.strftime("%H:%M") if time else None


# stem, date, start, end, named items (the record's lines before the first heading are the item
# 「開会」 since the twenty-second session), turns, closing
DOCUMENTS = [
    ("a01_shigikai_honkaigi", "2024-12-10", "10:00", "11:42", 4, 18, "午前11時42分 散会"),
    ("a02_chogikai", "2023-09-05", "09:30", "11:05", 3, 14, "散会 午前11時05分"),
    ("a03_soumu_iinkai", "2024-03-11", "10:02", "11:18", 3, 16, "午前11時18分閉会"),
    ("a04_kyoiku_iinkai", "2024-07-24", "13:30", "15:10", 6, 21, None),
    ("a05_nogyo_iinkai", "2024-11-08", "13:30", "14:45", 5, 19, "午後2時45分閉会"),
    (
        "a06_shakyo_rijikai",
        "2024-09-26",
        "10:00",
        "11:30",
        4,
        8,
        "議長は、以上をもって全ての議事を終了した旨を述べ、午前11時30分閉会を宣した。",
    ),
    ("a07_shingikai_yoshi", "2023-10-17", "15:00", "16:40", 3, 11, "(以上)"),
    ("a09_kuni_kentokai", "2024-06-03", "10:00", "12:00", 4, 17, "(了)"),
    ("a10_pta_sokai", "2024-04-20", "10:30", "11:40", 10, 19, "以上"),
    ("a12_toshikeikaku_linenos", "2023-08-29", "14:00", "15:50", 3, 15, "午後3時50分閉会"),
    ("a14_furigana", "2024-05-30", "14:00", "15:30", 3, 12, "以上"),
    ("a16_kanji_jikoku", "1989-11-28", "19:00", "20:40", 4, 17, "午後八時四十分閉会"),
    ("a18_hikokai", "2024-10-02", "09:30", "12:00", 3, 10, "(12:00終了)"),
    ("a19_shotenkai", "2024-08-21", "20:00", "21:20", 3, 9, "以上"),
    ("a20_toshokan", "2024-11-14", "10:00", "12:00", 4, 14, "以 上"),
    ("a21_kondankai_qa", "2024-12-07", "14:00", "15:30", 3, 11, None),
    ("a22_houkatsu_table", "2024-07-09", "14:00", "15:30", 2, 13, None),
    ("a23_workshop", "2024-10-26", "13:30", "16:00", 4, 9, None),
    ("a24_anon_members", "2024-06-18", "18:30", "20:30", 3, 11, "以上"),
    ("a25_giun", "2024-05-28", "13:30", "14:15", 4, 14, "午後2時15分閉会"),
    ("a26_seireki", "2023-06-27", "18:00", "19:45", 3, 10, "以上"),
    (
        "a28_bousai_kaigi",
        "2024-12-03",
        "10:00",
        "11:30",
        2,
        10,
        "会長が閉会を宣し、午前十一時三十分に会議を終了した。",
    ),
    ("a30_kosodate", "2025-02-19", "10:00", "12:00", 2, 10, "(以上)"),
]


@pytest.mark.parametrize(("stem", "date", "start", "end", "items", "turns", "closing"), DOCUMENTS)
def test_each_document_of_the_twelfth_set(stem, date, start, end, items, turns, closing):
    minutes = _read(stem)
    assert minutes.date == dt.date.fromisoformat(date)
    assert (_hm(minutes.start_time), _hm(minutes.end_time)) == (start, end)
    assert len(_items(minutes)) == items
    assert len(_statements(minutes)) == turns
    assert minutes.closing == closing
    assert not any("議題の見出しがない" in w for w in minutes.warnings)


def test_a_town_assemblys_header_with_every_key_after_one():
    """「１．招集の場所」「１．応招議員（１０名）」「１．不応招議員」「１．地方自治法第１２１条の規定
    により説明のため出席した者の職氏名」: the venue was 「1.招集の場所 …」, no one attended, the
    roster was an item and 「町長　岡田　修一　…」 a turn of the 町長."""
    minutes = _read("a02_chogikai")
    assert minutes.venue == "やまなみ町役場議場"
    assert minutes.attendees == [
        "佐藤 一郎",
        "高木 春美",
        "中島 伸也",
        "村上 幸子",
        "松本 隆史",
        "森 和子",
        "山口 清",
        "吉田 恒夫",
        "和田 紀子",
        "渡辺 茂",
    ]
    assert minutes.attendee_count == 10
    # the officials present to explain, then the assembly's own staff (as since the seventh set)
    assert _staff(minutes) == [
        ("岡田 修一", "町長"),
        ("柴田 敏夫", "副町長"),
        ("藤井 典子", "教育長"),
        ("水野 達也", "総務課長"),
        ("桑原 実", "議会事務局長"),
        ("金子 千夏", "書記"),
    ]
    assert _items(minutes) == [(0, "開会"), (1, "会期の決定について"), (2, "一般質問")]
    assert [e.speaker for e in _statements(minutes)][:4] == [
        "議長(渡辺茂君)",
        "議長(渡辺茂君)",
        "議長(渡辺茂君)",
        "議長(渡辺茂君)",
    ]


def test_officials_called_kun_keep_no_kun_in_their_names():
    minutes = _read("a01_shigikai_honkaigi")
    assert _staff(minutes) == [
        ("野口 博文", "市長"),
        ("平井 克己", "副市長"),
        ("森田 浩二", "総務部長"),
        ("川村 由美", "市民生活部長"),
        ("松井 隆", "事務局長"),
        ("吉岡 淳子", "議事課長"),
    ]


def test_a_committees_roster_padded_to_its_columns():
    """「委員長　　山本　　守君」 was two names 山本 and 守; 「議　長　　大橋　健二君　　　副議長
    大和田　恭子君」 under 委員外出席議員 kept only the last; 「○議事係長（倉田　翼君）」 was a
    note (a label starting 議事 was taken for a heading)."""
    minutes = _read("a25_giun")
    assert minutes.attendees == [
        "山本 守",
        "吉永 直美",
        "相沢 和也",
        "石黒 英明",
        "伊藤 宏美",
        "上杉 大輔",
    ]
    assert minutes.also_attending == ["大橋 健二", "大和田 恭子"]
    assert _staff(minutes)[-1] == ("倉田 翼", "議事係長")
    third = [e for s in minutes.sections for i in s.items if i.number == 3 for e in i.entries]
    assert (third[0].speaker, third[0].text) == (
        "議事係長(倉田翼君)",
        "請願２件、陳情３件を受理しております。",
    )


def test_a_body_taking_part_by_its_name_and_the_item_by_its_number():
    """「○全国中間支援ネットワーク（井口代表理事）」 was a note; 「それでは、議題（１）に入ります。」
    splits the one unnamed item at the header's list (議事次第)."""
    minutes = _read("a09_kuni_kentokai")
    assert _items(minutes) == [
        (0, "開会"),
        (1, "関係団体からのヒアリング"),
        (2, "論点整理(案)について"),
        (3, "その他"),
    ]
    speakers = [e.speaker for e in _statements(minutes)]
    assert speakers.count("全国中間支援ネットワーク(井口代表理事)") == 2


def test_turns_spread_over_the_headers_items_where_the_chair_moves_on():
    """No headings in the body: every turn was under the header list's last item (「３　その他」),
    the others empty. 「では議題一について」「では議題二に移ります」「議題三、その他について」 and
    the record's 「（議題２に移る）」 say where each item starts."""
    town = _read("a16_kanji_jikoku")
    assert [(i.number, len(i.entries)) for s in town.sections for i in s.items] == [
        (0, 2),
        (1, 6),
        (2, 6),
        (3, 4),
    ]
    assert (
        town.sections[0].items[1].entries[0].text == "では議題一について、館長から報告を願います。"
    )
    table = _read("a22_houkatsu_table")
    assert [(i.number, len(i.entries)) for s in table.sections for i in s.items] == [(1, 7), (2, 8)]
    assert table.sections[0].items[1].entries[0].text == "（議題２に移る）"


def test_a_library_councils_staff_as_a_group_of_the_attendance():
    """「図書館　　中央図書館長　岡崎　修、副館長　小倉　千春、」「司書　加納　由里（記録）」 under
    出席者 were attendees (岡崎 and 修 apart)."""
    minutes = _read("a20_toshokan")
    assert minutes.attendees == [
        "浅野 智子",
        "阿部 進",
        "荒木 恵美",
        "伊東 浩二",
        "岩田 玲奈",
        "内山 敏",
        "大谷 加奈",
    ]
    assert _staff(minutes) == [
        ("岡崎 修", "中央図書館長"),
        ("小倉 千春", "副館長"),
        ("加納 由里", "司書"),
    ]


def test_ascii_spaces_and_a_given_name_in_katakana():
    """「副会長 佐藤 ジョセフ（しろがね国際交流協会）」 was 佐藤 and ジョセフ; 「事務局 2022年度の
    相談件数は……。」 (a sentence starting with a figure) was a note."""
    minutes = _read("a26_seireki")
    assert minutes.attendees[:3] == ["グエン・ティ・ラン", "佐藤 ジョセフ", "アナ・ロドリゲス"]
    assert len(minutes.attendees) == 10
    first = _statements(minutes)[0]
    assert (first.speaker, first.text[:12]) == ("事務局", "2022年度の相談件数は")


def test_arrow_answers_by_the_centre():
    minutes = _read("a21_kondankai_qa")
    speakers = [e.speaker for e in _statements(minutes)]
    assert "センター" in speakers and "団体" in speakers


def test_questions_and_answers_in_a_narrative_record():
    """「質疑：正会員（高田）　……」「応答：理事長　……」 were glued to the record's notes: who asked
    and who answered, the turn after the mark."""
    minutes = _read("a27_npo_sokai")
    # 「（４）議案の審議」 over the bills numbered from one: the section holding them (it was an
    # empty item 4 beside them)
    assert [(s.number, s.category, len(s.items)) for s in minutes.sections] == [
        (0, "", 1),
        (4, "議案の審議", 4),
    ]
    assert [(e.speaker, e.text[:8]) for e in _statements(minutes)] == [
        ("正会員(高田)", "食堂の利用者数が"),
        ("理事長", "会場の公民館が改"),
        ("正会員(筒井)", "食材の寄付を受け"),
        ("理事", "滝沢　知子　３社"),
    ]


# --- the PDFs ---------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrapped(text: str, columns: int) -> list[str]:
    lines: list[str] = []
    for line in text.replace("\t", "　　").split("\n"):
        current = ""
        for char in line:
            if _width(current + char) > columns:
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _printed(
    text: str,
    *,
    numbers: str | None = None,
    footer: str | None = None,
    head: str | None = None,
    per_page: int = 40,
    columns: int = 80,
) -> bytes:
    """``text`` as a PDF the way the tester printed it: page-line numbers left or right of each
    line, a footer with the page's number, a running head on the later pages."""
    from reportlab.pdfgen import canvas

    font = font_name()
    lines = _wrapped(text, columns)
    pages = [lines[at : at + per_page] for at in range(0, len(lines), per_page)]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for number, page in enumerate(pages, start=1):
        if head and number > 1:
            pdf.setFont(font, 8)
            pdf.drawRightString(PAGE_WIDTH - 50, PAGE_HEIGHT - 35, head)
        y = PAGE_HEIGHT - 60
        for index, line in enumerate(page, start=1):
            pdf.setFont(font, 10.5)
            pdf.drawString(70, y, line)
            if numbers == "left":
                pdf.setFont(font, 7)
                pdf.drawRightString(58, y, str(index))
            elif numbers == "right":
                pdf.setFont(font, 7)
                pdf.drawString(PAGE_WIDTH - 45, y, str(index))
            y -= 10.5 * 1.75
        if footer:
            pdf.setFont(font, 9)
            pdf.drawCentredString(PAGE_WIDTH / 2, 30, footer.format(n=number, N=len(pages)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PDFS = [
    ("a02_chogikai", {"numbers": "left", "footer": "－ {n} －"}),
    ("a04_kyoiku_iinkai", {"footer": "- {n} / {N} -"}),
    ("a09_kuni_kentokai", {"footer": "- {n} -", "per_page": 30}),
    (
        "a25_giun",
        {
            "numbers": "right",
            "footer": "－ {n} －",
            "head": "議会運営委員会記録（令和６年５月２８日）",
            "per_page": 30,
        },
    ),
]


@pytest.mark.parametrize(("stem", "style"), PDFS)
def test_the_pdfs_read_as_their_text(stem, style):
    typed = _read(stem)
    printed = parse_pdf(_printed(_text(stem), **style))
    assert printed.date == typed.date
    assert printed.venue == typed.venue
    assert printed.attendees == typed.attendees
    assert _items(printed) == _items(typed)
    assert [e.speaker for e in _statements(printed)] == [e.speaker for e in _statements(typed)]
