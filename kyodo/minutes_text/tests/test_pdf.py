"""Minutes printed as real PDFs (reportlab) and read back with positions (pdf.read_pdf).

Each invented document (tests/data) is printed in its house style with a page-line number in
the margin of every line, boxed section headings and page breaks, then read and parsed again
and compared with its gold structure.
"""

from __future__ import annotations

import datetime as dt
import functools
import time

import pytest

from kyodo.minutes_text import Minutes, MinutesParseError, parse_minutes
from kyodo.minutes_text.pdf import parse_pdf, read_pdf

from ._gold import DATA_DIR, SEED_DIR, entry_counts, entry_keys, header_diffs, load_gold, outline
from .pdfmaker import IPA_GOTHIC, STYLES, Style, font_name, make_pdf, minutes_pdf

# Each invented document in its own house style (see tests/data/README.md).
HOUSE_STYLES = {
    "a_bracket_labels": "bracket",  # 【委員長】, numbers on the left, rectangles
    "b_maru_names": "maru",  # ○髙橋（清）委員　, boxes of four lines
    "c_paren_labels": "paren",  # （委員長）, numbers on the left, boxes of four lines
    "d_fullwidth_space": "space",  # 委員長　 with a full-width space
    "e_roman_footer": "colon",  # 委員長：, page footers 「－1－」
}
# 20 lines a page: every document breaks across pages, some inside a statement.
LINES_PER_PAGE = 20


def _gold(name: str) -> dict:
    return load_gold(DATA_DIR / f"{name}.gold.json")


@functools.cache
def _pdf(name: str) -> bytes:
    gold = _gold(name)
    return minutes_pdf(Minutes.from_dict(gold), HOUSE_STYLES[name], lines_per_page=LINES_PER_PAGE)


def test_the_pdfs_embed_ipa_gothic_when_it_is_installed() -> None:
    # scripts/system-packages installs fonts-ipafont-gothic (a TrueType subset is embedded).
    embedded = b"IPAGothic" in _pdf("d_fullwidth_space")
    assert embedded == IPA_GOTHIC.exists()


def test_without_ipa_gothic_the_cid_font_is_used_and_still_read(monkeypatch) -> None:
    from . import pdfmaker

    monkeypatch.setattr(pdfmaker, "IPA_GOTHIC", IPA_GOTHIC.with_name("missing.ttf"))
    assert font_name() == "HeiseiKakuGo-W5"
    gold = _gold("d_fullwidth_space")
    data = minutes_pdf(Minutes.from_dict(gold), "space", lines_per_page=LINES_PER_PAGE)
    assert b"HeiseiKakuGo-W5" in data and b"IPAGothic" not in data
    actual = parse_pdf(data).to_dict()
    assert header_diffs(actual, gold) == []
    assert entry_keys(actual) == entry_keys(gold)


@pytest.mark.parametrize("name", sorted(HOUSE_STYLES))
def test_pdf_of_each_house_style_equals_gold(name: str) -> None:
    gold = _gold(name)
    data = _pdf(name)
    read = read_pdf(data)
    assert read.pages == 2
    assert read.numbered
    actual = parse_pdf(data).to_dict()
    assert header_diffs(actual, gold) == []
    assert outline(actual) == outline(gold)
    assert entry_keys(actual) == entry_keys(gold)


def test_boxed_headings_are_found_in_their_true_place() -> None:
    found = {name: read_pdf(_pdf(name)).boxed for name in HOUSE_STYLES}
    assert found == {
        "a_bracket_labels": ["【議 題】"],
        "b_maru_names": ["第１　報告事項", "第２　協議事項"],
        "c_paren_labels": ["一、報 告 事 項", "二、審 議 事 項", "三、そ の 他"],
        "d_fullwidth_space": ["１．報告事項", "２．審議事項", "３．その他"],
        "e_roman_footer": ["Ⅰ　報告事項", "Ⅱ　協議事項"],
    }
    # In place: right after the blank line that precedes each section.
    body = read_pdf(_pdf("d_fullwidth_space")).layout.body
    heading = next(i for i, line in enumerate(body) if line.text == "２．審議事項")
    assert body[heading].relocated
    assert body[heading - 1].blank
    assert body[heading + 1].text == "(1) 夏祭りの補助金申請について"


def test_margin_numbers_are_dropped_by_position_on_either_side() -> None:
    for name in ("a_bracket_labels", "d_fullwidth_space"):  # left, right
        text = read_pdf(_pdf(name)).text
        lines = text.splitlines()
        assert all(not line.rstrip().endswith(tuple("0123456789")) for line in lines[:3])
    lines = read_pdf(_pdf("d_fullwidth_space")).text.splitlines()
    assert lines[0] == "あおば区まちづくり協議会"
    assert lines[1] == "令和元年度第2回あおば区まちづくり協議会会議録(確定稿)"


def test_digits_that_belong_to_the_text_are_kept() -> None:
    # 「1500」 alone on a line and 「第１」 + 「4」 at a line end are text, not margin numbers.
    lines = [
        ("text", "令和６年度第１回運営委員会会議録"),
        ("text", "■開催日時：令和６年５月７日（火）午後６時～８時"),
        ("blank", ""),
        ("boxed", "１．報告事項"),
        ("text", "１．通信の発行について"),
        ("text", "事務局：発行部数は"),
        ("text", "1500"),
        ("text", "部である。予算は第１4"),
        ("text", "委員長：了承した。"),
        ("text", "   "),  # only spaces: a blank numbered line
    ]
    for numbers in ("left", "right"):
        style = Style("t", str, lambda n, c: c, lambda n, t: t, numbers=numbers)
        read = read_pdf(make_pdf(lines, style))
        assert read.text.splitlines()[5:8] == [
            "事務局：発行部数は",
            "1500",
            "部である。予算は第１4",
        ]
        entries = parse_pdf(make_pdf(lines, style)).entries()
        assert [e.text for e in entries] == ["発行部数は1500部である。予算は第１4", "了承した。"]


def test_pdf_without_margin_numbers_reads_blank_lines_from_gaps() -> None:
    style = Style("plain", STYLES["space"].label, STYLES["space"].section, STYLES["space"].item)
    plain = Style("plain", style.label, style.section, style.item, numbers="none")
    gold = _gold("d_fullwidth_space")
    from .pdfmaker import document_lines

    data = make_pdf(document_lines(Minutes.from_dict(gold), plain), plain, lines_per_page=20)
    read = read_pdf(data)
    assert not read.numbered
    assert entry_keys(parse_pdf(data).to_dict()) == entry_keys(gold)


def test_page_footers_are_dropped() -> None:
    read = read_pdf(_pdf("e_roman_footer"))
    assert read.pages == 2
    assert not any("－" in line and line.strip("－12 ") == "" for line in read.text.splitlines())


def test_entry_precision_and_recall_over_all_pdfs() -> None:
    hits = predicted = expected = 0
    for name in HOUSE_STYLES:
        h, p, e = entry_counts(parse_pdf(_pdf(name)).to_dict(), _gold(name))
        hits, predicted, expected = hits + h, predicted + p, expected + e
    assert (hits, predicted, expected) == (58, 58, 58)
    assert hits / predicted == 1.0  # precision
    assert hits / expected == 1.0  # recall


def test_the_seed_as_a_pdf_equals_gold() -> None:
    if not SEED_DIR.is_dir():
        pytest.skip("the seed file ../shared/seed is not present")
    gold = load_gold(SEED_DIR / "000_6d09d611ace1cac2.gold.json")
    data = minutes_pdf(Minutes.from_dict(gold), "seed")
    read = read_pdf(data)
    assert read.pages == 6
    assert read.boxed == ["１．報 告 事 項", "２．審 議 事 項", "３．協 議 事 項", "４．そ の 他"]
    actual = parse_pdf(data).to_dict()
    assert header_diffs(actual, gold) == []
    assert outline(actual) == outline(gold)
    assert entry_counts(actual, gold) == (67, 67, 67)


def test_what_is_not_a_pdf_of_minutes_is_refused_in_japanese() -> None:
    with pytest.raises(MinutesParseError, match="PDFとして読み取れません"):
        read_pdf(b"%PDF-1.4\n this is not really a pdf")
    with pytest.raises(MinutesParseError, match="PDFとして読み取れません"):
        read_pdf(b"hello")
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    empty = canvas.Canvas(buffer)
    empty.rect(100, 100, 200, 200)  # a drawing, no text (like a scanned page)
    empty.showPage()
    empty.save()
    with pytest.raises(MinutesParseError, match="PDFに文字がありません"):
        read_pdf(buffer.getvalue())
    # Text, but not minutes: read as far as it goes, with no date (which the importer refuses).
    style = STYLES["colon"]
    notice = parse_pdf(make_pdf([("text", "お知らせ"), ("text", "本日は休館です。")], style))
    assert notice.date is None and "開催日が見つかりません。" in notice.warnings


def _canvas_pdf(draw, **options) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, **options)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_pdf_locked_by_a_password_is_refused_saying_so() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    locked = _canvas_pdf(
        lambda page: page.drawString(100, 700, "minutes"),
        encrypt=StandardEncryption("secret", "owner", strength=128),
    )
    with pytest.raises(MinutesParseError, match="PDFにパスワードがかかっているため読み取れません"):
        read_pdf(locked)


def test_a_pdf_whose_font_does_not_map_its_characters_is_refused() -> None:
    """A CID font with Identity-H and no ToUnicode gives 「(cid:20196)」 for every character:
    refused in Japanese (it was read as garbage, or refused for want of a date quoting it)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))

    def draw(page) -> None:
        page.setFont("HeiseiKakuGo-W5", 12)
        page.drawString(70, 760, "第３回みどり市環境審議会　会議録")
        page.drawString(70, 740, "日時　令和６年１１月１２日（火）午後２時～午後３時４５分")
        page.drawString(70, 720, "会長：ただいまから開会いたします。")

    data = _canvas_pdf(draw, pageCompression=0)
    assert b"/UniJIS-UCS2-H" in data
    unmapped = data.replace(b"/UniJIS-UCS2-H", b"/Identity-H   ")
    with pytest.raises(MinutesParseError, match="PDFの文字を読み取れません（文字の対応表のない"):
        read_pdf(unmapped)
    assert parse_pdf(data).date == dt.date(2024, 11, 12)  # the same page with its map reads


def test_scanned_pages_with_printed_page_numbers_are_refused_as_scans() -> None:
    def draw(page) -> None:
        page.rect(60, 100, 470, 650)  # the scanned image
        page.drawCentredString(297, 40, "- 1 -")

    with pytest.raises(MinutesParseError, match="PDFに文字がありません（スキャンした画像だけ"):
        read_pdf(_canvas_pdf(draw))


@pytest.mark.parametrize("foot", ["（{n}）", "- {n} / 2 -", "みどり市環境審議会　{n} / 2"])
def test_heads_and_feet_repeated_on_every_page_are_left_out(foot: str) -> None:
    """A stamp at the top of every page and a page number the footer patterns do not know
    (「（2）」「- 1 / 2 -」, the body's name with the number): each was glued into the turn the
    page break cut, and the last one taken for an appendix."""
    pages = [
        [
            "令和６年度第３回みどり市環境審議会　会議録",
            "日時　令和６年１１月１２日（火）午後２時～午後３時４５分",
            "（１）環境基本計画の進捗状況について",
            "○会長　それでは議事に入ります。",
            "○事務局（吉田主査）　資料１に基づき説明いたします。基本目標は",
        ],
        ["５つあります。", "○会長　ほかにございませんか。", "（午後３時４５分　閉会）"],
    ]

    def draw(canvas) -> None:
        font = font_name()
        for number, lines in enumerate(pages, start=1):
            canvas.setFont(font, 10.5)
            canvas.drawString(500, 800, "（案）")
            for row, line in enumerate(lines):
                canvas.drawString(70, 760 - row * 18, line)
            canvas.drawCentredString(297, 40, foot.format(n=number))
            if number < len(pages):
                canvas.showPage()

    minutes = parse_pdf(_canvas_pdf(draw))
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        ("会長", "それでは議事に入ります。"),
        ("事務局(吉田主査)", "資料１に基づき説明いたします。基本目標は５つあります。"),
        ("会長", "ほかにございませんか。"),
    ]
    assert (minutes.status, minutes.closing, minutes.appendix) == ("案", "(午後3時45分 閉会)", [])


@pytest.mark.parametrize("spacing", [2.0, 3.0, 5.0])
def test_text_set_with_character_spacing(spacing: float) -> None:
    """Every letter set apart (Word's character spacing, a title justified to the width): was
    read 「日 時　令 和 ６ 年 …」, no date found and the file refused."""
    lines = [
        "みどり市環境審議会　会議録",
        "日時　令和６年１１月１２日（火）午後２時",
        "場所　市役所５階　第１会議室",
        "○会長　ただいまから開会いたします。",
    ]

    def draw(canvas) -> None:
        for row, line in enumerate(lines):
            text = canvas.beginText(70, 760 - row * 20)
            text.setFont(font_name(), 10.5)
            text.setCharSpace(spacing)
            text.textOut(line)
            canvas.drawText(text)

    read = read_pdf(_canvas_pdf(draw))
    assert [line.text for line in read.layout.body if not line.blank] == lines
    assert parse_pdf(_canvas_pdf(draw)).date == dt.date(2024, 11, 12)


def test_a_header_table_with_its_keys_centred_in_their_cells() -> None:
    """Word's table with the keys centred: 「出　席　委　員」 printed between its second and third
    lines (the names above it were lost), 「議　題」 beside its second item (the list read as the
    body); a one-line row under a cell of two lines stays a row of its own."""
    rows = [
        ("日時", ["令和６年１１月１２日（火）午後２時"]),
        ("出席委員", ["山田太郎（会長）、佐藤花子、", "鈴木一郎", "田中健二（計４名）"]),
        ("欠席委員", ["中村昭"]),
        ("事務局", ["環境部長　小林正人、", "環境政策課主査　吉田翔"]),
        (
            "議題",
            [
                "（１）環境基本計画の進捗状況について",
                "（２）実行計画の改定について",
                "（３）その他",
            ],
        ),
    ]

    def draw(canvas) -> None:
        canvas.setFont(font_name(), 10.5)
        canvas.drawString(150, 790, "令和６年度第３回みどり市環境審議会　会議録")
        y = 760.0
        for key, values in rows:
            middle = y - (len(values) - 1) * 17 / 2
            canvas.drawString(75, middle, "　".join(key) if len(key) < 4 else key)
            for value in values:
                canvas.drawString(165, y, value)
                y -= 17
            y -= 2  # the cell's padding
        canvas.drawString(75, y - 20, "１　開会")
        canvas.drawString(75, y - 40, "○会長　ただいまから開会いたします。")

    minutes = parse_pdf(_canvas_pdf(draw))
    assert minutes.attendees == ["山田太郎", "佐藤花子", "鈴木一郎", "田中健二"]
    assert (minutes.attendee_count, minutes.absentees) == (4, ["中村昭"])
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("小林正人", "環境部長"),
        ("吉田翔", "環境政策課主査"),
    ]
    assert minutes.agenda == [
        "(1)環境基本計画の進捗状況について",
        "(2)実行計画の改定について",
        "(3)その他",
    ]
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        ("会長", "ただいまから開会いたします。")
    ]


def test_a_centred_key_and_a_page_foot_on_the_same_first_page() -> None:
    """The centred key's line is taken out of the first page before its foot is looked for: the
    foot 「（1）」 stays out (it was found by its place before the line went, then missed)."""

    def draw(canvas) -> None:
        font = font_name()
        for number in (1, 2):
            canvas.setFont(font, 10.5)
            if number == 1:
                canvas.drawString(150, 790, "令和６年度第３回みどり市環境審議会　会議録")
                canvas.drawString(75, 760, "日　時")
                canvas.drawString(165, 760, "令和６年１１月１２日（火）午後２時")
                canvas.drawString(165, 743, "山田太郎、佐藤花子、")
                canvas.drawString(75, 734.5, "出席委員")
                canvas.drawString(165, 726, "鈴木一郎")
                canvas.drawString(75, 690, "○会長　ただいまから開会いたします。")
            else:
                canvas.drawString(75, 790, "○委員　質問があります。")
            canvas.drawCentredString(297, 40, f"（{number}）")
            canvas.showPage()

    minutes = parse_pdf(_canvas_pdf(draw))
    assert minutes.attendees == ["山田太郎", "佐藤花子", "鈴木一郎"]
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        ("会長", "ただいまから開会いたします。"),
        ("委員", "質問があります。"),
    ]


@pytest.mark.parametrize("ruled", [False, True])
def test_labels_in_a_column_of_their_own(ruled: bool) -> None:
    """The speaker's label in a column at the left, the words beside it; a label too long for its
    column wraps (「事務局」 over 「（加藤課長）」: was two turns, the second by 「加藤課長」 with
    「を開会いたします。」); the same with a rule above and below every row (a table of turns)."""
    rows = [
        [("発言者", "発言内容")],
        [("１　開会", "")],
        [
            ("事務局", "定刻となりましたので、ただいまから令和６年度第３回"),
            ("（加藤課長）", "審議会を開会いたします。"),
        ],
        [("会長", "それでは議事に入ります。")],
        [("鈴木委員", "資料１の３ページについて伺います。")],
        [("事務局", "排出量は産業部門で増えて"), ("（吉田主査）", "おります。")],
        # the parenthesis itself wrapped, the words going on beside it or ended above it
        [("事務局（都市計", "地区計画につきましては、年度内に"), ("画課主幹）", "お示しします。")],
        [("事務局（企画", "次回は３月に開催します。"), ("政策課長）", "")],
    ]

    def draw(canvas) -> None:
        font = font_name()
        canvas.setFont(font, 10.5)
        canvas.drawString(70, 780, "令和６年度第３回みどり市環境審議会　会議録")
        canvas.drawString(70, 760, "日時　令和６年１１月１２日（火）午後２時")
        canvas.drawString(70, 742, "議題　（１）環境基本計画の進捗状況について")
        canvas.drawString(70, 724, "　　　（２）その他")
        y = 694.0
        for row in rows:
            top = y + 14
            for label, words in row:
                canvas.drawString(70, y, label)
                if words:
                    canvas.drawString(160, y, words)
                y -= 18
            if ruled:
                canvas.line(65, top, 530, top)
                canvas.line(65, y + 14, 530, y + 14)

    minutes = parse_pdf(_canvas_pdf(draw))
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        (
            "事務局(加藤課長)",
            "定刻となりましたので、ただいまから令和６年度第３回審議会を開会いたします。",
        ),
        ("会長", "それでは議事に入ります。"),
        ("鈴木委員", "資料１の３ページについて伺います。"),
        ("事務局(吉田主査)", "排出量は産業部門で増えております。"),
        ("事務局(都市計画課主幹)", "地区計画につきましては、年度内にお示しします。"),
        ("事務局(企画政策課長)", "次回は３月に開催します。"),
    ]
    assert [(i.number, i.title) for s in minutes.sections for i in s.items] == [(1, "開会")]
    assert minutes.agenda == ["(1)環境基本計画の進捗状況について", "(2)その他"]


@pytest.mark.parametrize("numbered", [True, False])
def test_a_table_of_questions_and_answers_side_by_side(numbered: bool) -> None:
    """Each row's two cells wrapped over two lines: read line by line, the question and the
    answer were mixed (「…誰を想　定年前後の方を…」) and a row became an item."""
    rows = [
        (("新設する「地域デビュー講座」の対象は誰を想", "定しているのか。"),
         ("定年前後の方を主な対象とし、企業のＯＢ会に", "も案内する予定です。")),
        (("講座の修了後、団体への参加をどう支援するの", "か。"),
         ("修了生と団体の交流会を開き、見学や体験参加", "につなげます。")),
    ]  # fmt: skip

    def draw(canvas) -> None:
        font = font_name()
        canvas.setFont(font, 10.5)
        canvas.drawString(70, 780, "令和４年度第３回こもれび市市民活動センター運営委員会　会議録")
        canvas.drawString(70, 760, "日時　令和４年１２月２０日（火）午後６時３０分")
        canvas.drawString(70, 730, "（１）令和５年度センター事業計画（素案）について")
        canvas.drawString(70, 712, "事務局から資料に基づき説明があった。主な質疑は次のとおり。")
        if numbered:
            canvas.drawString(70, 694, "No.")
        canvas.drawString(100, 694, "質問・意見")
        canvas.drawString(330, 694, "回答")
        y = 676.0
        for n, (question, answer) in enumerate(rows, start=1):
            if numbered:
                canvas.drawString(70, y, str(n))
            for q, a in zip(question, answer, strict=True):
                canvas.drawString(100, y, q)
                canvas.drawString(330, y, a)
                y -= 18
        canvas.drawString(70, y - 10, "（２）その他")
        canvas.drawString(70, y - 28, "次回は３月に開催する。")

    minutes = parse_pdf(_canvas_pdf(draw))
    assert [(e.kind, e.speaker, e.text) for e in minutes.entries()] == [
        ("note", None, "事務局から資料に基づき説明があった。主な質疑は次のとおり。"),
        ("statement", "質問", "新設する「地域デビュー講座」の対象は誰を想定しているのか。"),
        ("statement", "回答", "定年前後の方を主な対象とし、企業のＯＢ会にも案内する予定です。"),
        ("statement", "質問", "講座の修了後、団体への参加をどう支援するのか。"),
        ("statement", "回答", "修了生と団体の交流会を開き、見学や体験参加につなげます。"),
        ("note", None, "次回は３月に開催する。"),
    ]
    assert [i.title for s in minutes.sections for i in s.items] == [
        "令和5年度センター事業計画(素案)について",
        "その他",
    ]


@pytest.mark.parametrize("stamp", ["資料１", "資料２－１", "（案）", "取扱注意", "【委員限り】"])
def test_a_stamp_above_the_title(stamp: str) -> None:
    """「資料１」 made the header a list of documents (title lost, names skipped); 「（案）」 a
    stage direction (the header read as the body)."""
    text = (
        f"{stamp}\n令和６年度第３回みどり市環境審議会　会議録\n"
        "日時　令和６年１１月１２日（火）午後２時\n出席委員　山田太郎、佐藤花子\n"
        "○会長　開会します。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.title, minutes.meeting_number, minutes.attendees, minutes.organization) == (
        "令和6年度第3回みどり市環境審議会 会議録",
        3,
        ["山田太郎", "佐藤花子"],
        None,
    )
    assert minutes.status == ("案" if stamp == "（案）" else None)
    assert minutes.warnings == [
        "議題の見出しがないため、全体を一つの議題（名前なし）として取り込みます。"
    ]


def test_reading_a_seven_page_pdf_is_fast() -> None:
    gold = _gold("c_paren_labels")
    minutes = Minutes.from_dict(gold)
    minutes.sections = minutes.sections * 8
    data = minutes_pdf(minutes, "paren", lines_per_page=30)
    assert read_pdf(data).pages == 7
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        pages = read_pdf(data).pages
        parse_pdf(data)
        timings.append((time.perf_counter() - started) / 2 / pages)
    # bench/import_pdf.py measures the rate; here only a generous floor (5 pages/s).
    assert min(timings) < 0.2
