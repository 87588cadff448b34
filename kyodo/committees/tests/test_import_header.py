"""Imported minutes show the header their document printed, not the committee's data of today.

The committee of the fixture has four members and one secretariat member; the seed lists twelve
attendees and three secretariat members, and all of them must appear, in the document's order,
on the public page and in every export, and be covered by the content hash.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from kyodo.committees.documents import build_document, sha256_of
from kyodo.committees.export import CLOSING, minutes_document, render_text
from kyodo.committees.importing import read_source
from kyodo.committees.models import Attendance, Minutes
from kyodo.committees.services import minutes_import
from kyodo.committees.tests.test_export import html_text, squash
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text import Secretariat, parse_minutes
from kyodo.minutes_text.tests._gold import DATA_DIR, HEADER_KEYS, SEED_DIR, load_gold

SEED = SEED_DIR / "000_6d09d611ace1cac2"
needs_seed = pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed ../shared/seed is absent")

SEED_ATTENDEES = (
    "■出席委員：有賀委員、有馬委員、岡澤委員、熊田委員、小林委員、田辺委員、坂口委員、"
    "中曽根委員、橋本委員、宮﨑委員、山辺委員、吉田委員＜以上12名＞"
)  # as the document lists them, so claiming no order (minutes written here say 五十音順)
SEED_SECRETARIAT = "■事務局：西口センター長、丸木地域福祉課長、中澤主事"


def _import_seed(committee) -> Minutes:
    source = read_source("seed.txt", SEED.with_suffix(".txt").read_bytes())
    outcome = minutes_import(
        actor=None, committee=committee, document=source.document, source="seed.txt"
    )
    return Minutes.objects.get(pk=outcome.minutes.pk)


@needs_seed
def test_seed_imported_into_a_small_committee_keeps_all_its_people(client, committee) -> None:
    minutes = _import_seed(committee)
    # Four of the twelve are members: only they get attendance rows ...
    assert sorted(a.member.name for a in minutes.meeting.attendances.all()) == [
        "坂口", "有賀", "熊田", "田辺",
    ]  # fmt: skip
    assert committee.secretariat.count() == 1
    # ... but the minutes keep every name as the document printed it.
    assert minutes.recorded_header == {
        "organization": "西東京市市民協働推進センター",
        "attendees": [
            "有賀",
            "有馬",
            "岡澤",
            "熊田",
            "小林",
            "田辺",
            "坂口",
            "中曽根",
            "橋本",
            "宮﨑",
            "山辺",
            "吉田",
        ],
        "attendee_count": 12,
        "online": [],
        "absentees": [],
        "secretariat": [
            {"name": "西口", "title": "センター長"},
            {"name": "丸木", "title": "地域福祉課長"},
            {"name": "中澤", "title": "主事"},
        ],
        "observers": [],
        "closing": "以上をもって散会した。",
    }
    page = client.get(f"/committee/minutes/{minutes.pk}/")
    assert page.status_code == 200
    text = squash(html_text(page.text))
    for line in (
        "西東京市市民協働推進センター平成22(2010)年度第9回運営委員会会議録(確定稿)",
        SEED_ATTENDEES,
        SEED_SECRETARIAT,
        "以上をもって散会した。",
    ):
        assert squash(line) in text
    assert "■欠席委員" not in text and "■傍聴者" not in text


@needs_seed
def test_text_export_of_the_imported_seed_reads_back_as_the_gold(committee, tmp_path) -> None:
    _import_seed(committee)
    output = tmp_path / "seed.txt"
    call_command(
        "minutes", "export", "--meeting", "2010-9", "--format", "text", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    exported = output.read_text(encoding="utf-8")
    assert SEED_ATTENDEES in exported and SEED_SECRETARIAT in exported
    document = parse_minutes(exported).to_dict()
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    assert {k: document.get(k) for k in HEADER_KEYS} == {k: gold.get(k) for k in HEADER_KEYS}


@needs_seed
def test_docx_and_pdf_of_the_imported_seed_print_its_header(committee, tmp_path) -> None:
    import pdfplumber
    from docx import Document as Docx

    from kyodo.committees.export import render_docx, render_pdf

    minutes = _import_seed(committee)
    (tmp_path / "m.docx").write_bytes(render_docx(minutes))
    (tmp_path / "m.pdf").write_bytes(render_pdf(minutes))
    docx = [p.text for p in Docx(str(tmp_path / "m.docx")).paragraphs]
    assert docx[2:6] == [
        "■開催日時：平成23年1月18日(火) 午後7時～9時",
        "■開催会場：イングビル3階 第1会議室",
        SEED_ATTENDEES,
        SEED_SECRETARIAT,
    ]
    assert docx[-1] == "以上をもって散会した。"
    with pdfplumber.open(tmp_path / "m.pdf") as pdf:
        text = squash("".join(page.extract_text() or "" for page in pdf.pages))
    assert squash(SEED_ATTENDEES) in text and squash(SEED_SECRETARIAT) in text


def _document(**changes) -> Document:
    document = Document.from_dict(load_gold(DATA_DIR / "c_paren_labels.gold.json"))
    for key, value in changes.items():
        setattr(document, key, value)
    return document


def test_absentees_observers_organization_and_closing_as_printed(client, committee) -> None:
    document = _document(
        organization="旧センター運営協議会",
        attendees=["熊田", "ＸＹＺ"],
        attendee_count=None,
        absentees=["坂口", "山田"],
        observers=["高木", "森"],
        secretariat=[Secretariat("鈴木", "主事"), Secretariat("佐藤", "")],
        closing=None,
    )
    minutes = minutes_import(actor=None, committee=committee, document=document, source="x").minutes
    assert sorted((a.member.name, a.status) for a in minutes.meeting.attendances.all()) == [
        ("坂口", Attendance.Status.ABSENT),
        ("熊田", Attendance.Status.PRESENT),
    ]
    text = render_text(minutes)
    assert text.splitlines()[:2] == [
        "旧センター運営協議会",
        "令和6(2024)年度第5回運営委員会会議録(確定稿)",
    ]
    header = [line for line in text.splitlines() if line.startswith("■")]
    assert header[2:] == [
        "■出席委員：熊田委員、ＸＹＺ委員＜以上2名＞",  # no count printed: counted
        "■欠席委員：坂口委員、山田委員",
        "■事務局：鈴木主事、佐藤",
        "■傍聴者：高木、森",
    ]
    assert CLOSING not in text  # the document had no closing line; none is added
    page = squash(html_text(client.get(f"/committee/minutes/{minutes.pk}/").text))
    for line in ("旧センター運営協議会", *header[2:]):
        assert squash(line) in page
    assert "西口センター長" not in page and CLOSING not in page
    api = client.get(f"/api/v1/minutes/{minutes.meeting_id}").json()
    assert (api["organization"], api["attendees"], api["attendee_count"]) == (
        "旧センター運営協議会",
        ["熊田", "ＸＹＺ"],
        2,
    )
    assert (api["absentees"], api["observers"]) == (["坂口", "山田"], ["高木", "森"])
    assert api["secretariat"] == [{"name": "鈴木", "title": "主事"}, {"name": "佐藤", "title": ""}]
    assert api["closing"] == ""
    back = parse_minutes(text)
    assert (back.organization, back.attendees, back.absentees, back.observers) == (
        "旧センター運営協議会",
        ["熊田", "XYZ"],  # the parser reads full-width letters as half-width
        ["坂口", "山田"],
        ["高木", "森"],
    )


def test_a_document_without_organization_gets_the_center_name(committee) -> None:
    minutes = minutes_import(
        actor=None, committee=committee, document=_document(organization=None), source="x"
    ).minutes
    assert minutes.recorded_header["organization"] == "西東京市市民協働推進センター"
    committee.center.name = "新しい名前のセンター"
    committee.center.save()
    # Fixed at import: what is shown (and hashed) does not follow later renames.
    assert minutes_document(Minutes.objects.get(pk=minutes.pk)).organization == (
        "西東京市市民協働推進センター"
    )


def test_the_hash_covers_the_recorded_header(committee) -> None:
    minutes = minutes_import(actor=None, committee=committee, document=_document(), source="x")
    minutes = Minutes.objects.get(pk=minutes.minutes.pk)
    frozen = minutes.current_version.document
    assert minutes.content_hash == sha256_of(frozen)

    def content_hash(minutes: Minutes) -> str:
        document = build_document(minutes)
        document.status = "確定稿"
        return sha256_of(document.to_dict() | {"approval": frozen["approval"]})

    assert content_hash(minutes) == minutes.content_hash
    for key, value in (
        ("attendees", ["別人"]),
        ("secretariat", [{"name": "別人", "title": "主事"}]),
        ("observers", ["別人"]),
        ("organization", "別の団体"),
        ("closing", "閉会した。"),
    ):
        changed = Minutes.objects.get(pk=minutes.pk)
        changed.recorded_header = minutes.recorded_header | {key: value}
        assert content_hash(changed) != minutes.content_hash, key


def test_minutes_written_here_still_show_the_committee_data(committee, meeting) -> None:
    """No recorded header: the live attendance and secretariat, and the house closing."""
    from kyodo.committees.models import Member

    member = Member.objects.get(name="坂口")
    Attendance.objects.create(meeting=meeting, member=member, status=Attendance.Status.PRESENT)
    minutes = meeting.minutes
    assert minutes.recorded_header == {}
    data = minutes_document(minutes).to_dict()
    assert {k: data[k] for k in ("organization", "attendees", "attendee_count", "closing")} == {
        "organization": "西東京市市民協働推進センター",
        "attendees": ["坂口"],
        "attendee_count": 1,
        "closing": CLOSING,
    }
    assert data["secretariat"] == [{"name": "西口", "title": "センター長"}]
    assert "absentees" not in data and "observers" not in data
