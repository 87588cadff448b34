"""The 9th meeting of FY2010 exported in every format contains the seed's minutes, in order."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from kyodo.committees.models import Meeting
from kyodo.minutes_text import parse_minutes

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed"
GOLD = SEED / "000_6d09d611ace1cac2.gold.json"
needs_seed = pytest.mark.skipif(
    not GOLD.exists(), reason=f"the full minutes need the seed file {GOLD}"
)

HEADER = [
    "西東京市市民協働推進センター",
    "平成22(2010)年度第9回運営委員会会議録(確定稿)",
    "■開催日時：平成23年1月18日(火) 午後7時～9時",
    "■開催会場：イングビル3階 第1会議室",
    "■出席委員：有賀委員、有馬委員、岡澤委員、熊田委員、小林委員、坂口委員、田辺委員、"
    "中曽根委員、橋本委員、宮﨑委員、山辺委員、吉田委員＜以上12名、五十音順＞",
    "■事務局：西口センター長、丸木地域福祉課長、中澤主事",
    "以上をもって散会した。",
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def gold_lines() -> list[str]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    lines = []
    for section in data["sections"]:
        for item in section["items"]:
            lines.append(item["title"])
            for entry in item["entries"]:
                if entry["kind"] == "note":
                    lines.append("○" + entry["text"])
                else:
                    lines.append(f"{entry['speaker']}：{entry['text']}")
    return lines


def assert_in_order(text: str, expected: list[str]) -> None:
    haystack = squash(text)
    position = 0
    for line in expected:
        found = haystack.find(squash(line), position)
        assert found >= 0, f"missing or out of order: {line[:60]}"
        position = found + len(squash(line))


def html_text(html: str) -> str:
    """The visible text of a page (stdlib parser; scripts and styles left out)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


PAGE_FOOTER = re.compile(r"^－ [0-9]+ －$")


def pdf_text(path: Path) -> str:
    """The text of every page, without the page-number footers (page furniture)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = [
            line
            for page in pdf.pages
            for line in (page.extract_text() or "").splitlines()
            if not PAGE_FOOTER.match(line.strip())
        ]
    return "\n".join(lines)


def pdf_footers(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [(page.extract_text() or "").splitlines()[-1].strip() for page in pdf.pages]


@pytest.fixture
def ninth(demo):
    return Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=9)


@needs_seed
def test_the_ninth_meeting_matches_the_gold_file(ninth):
    document = parse_minutes(_export(ninth, "text").read_text(encoding="utf-8")).to_dict()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    # The seed lists 田辺 before 坂口 by hand; the system orders by the stored readings.
    assert document.pop("attendees") == [
        "有賀", "有馬", "岡澤", "熊田", "小林", "坂口",
        "田辺", "中曽根", "橋本", "宮﨑", "山辺", "吉田",
    ]  # fmt: skip
    assert sorted(gold.pop("attendees")) == sorted(
        [
            "有賀",
            "有馬",
            "岡澤",
            "熊田",
            "小林",
            "坂口",
            "田辺",
            "中曽根",
            "橋本",
            "宮﨑",
            "山辺",
            "吉田",
        ]
    )
    assert document == gold


def _export(meeting, fmt: str) -> Path:
    output = Path(settings.MEDIA_ROOT).parent / f"minutes-{meeting.code}.{fmt}"
    output.parent.mkdir(parents=True, exist_ok=True)
    call_command(
        "minutes", "export", "--meeting", "2010-9", "--format", fmt, "--output", str(output)
    )
    return output


@needs_seed
def test_pdf_export_contains_every_gold_entry_in_order(ninth):
    path = _export(ninth, "pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert_in_order(text, HEADER[:6] + gold_lines() + HEADER[6:])
    assert squash(text).index("坂口委員") < squash(text).index("田辺委員")


@needs_seed
def test_pdf_embeds_its_font_so_every_character_reads_back(ninth):
    import pdfplumber

    path = _export(ninth, "pdf")
    with pdfplumber.open(path) as pdf:
        fonts = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
        # A subset prefix (ABCDEF+) marks an embedded font; the CID fallback has none.
        assert all("+" in char["fontname"] for page in pdf.pages for char in page.chars)
    assert fonts == {"IPAGothic"}  # Debian's fonts-ipafont-gothic, from scripts/system-packages
    text = pdf_text(path)
    assert "(cid:" not in text
    assert "宮﨑委員" in text and "～" in text and "〜" not in text


@needs_seed
def test_html_export_and_public_page_contain_every_gold_entry(ninth, client):
    exported = _export(ninth, "html").read_text(encoding="utf-8")
    page = client.get(f"/committee/minutes/{ninth.minutes.pk}/")
    assert page.status_code == 200
    for html in (exported, page.text):
        text = html_text(html)
        assert_in_order(text, HEADER[:6] + gold_lines() + HEADER[6:])
        assert squash(text).index("坂口委員") < squash(text).index("田辺委員")
    assert ninth.minutes.content_hash in html_text(page.text)


@needs_seed
def test_docx_export_contains_every_gold_entry(ninth):
    from docx import Document

    document = Document(str(_export(ninth, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert_in_order(text, HEADER[:6] + gold_lines() + HEADER[6:])


def test_export_of_an_unknown_meeting_fails_cleanly(demo, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"^会議 2010-3（2010年度 第3回）はありません。$"):
        call_command(
            "minutes", "export", "--meeting", "2010-3", "--format", "pdf",
            "--output", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()
