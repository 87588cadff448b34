"""Staff upload of legacy minutes: upload → review beside the original → correct → save."""

from __future__ import annotations

import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.committees.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesEntry,
)
from kyodo.core.models import AuditEntry, Venue
from kyodo.minutes_text import Minutes as Document
from kyodo.minutes_text import render_minutes
from kyodo.minutes_text.tests._gold import DATA_DIR, load_gold
from kyodo.minutes_text.tests.pdfmaker import minutes_pdf

UPLOAD = "/staff/committees/import/"
SAVE = "/staff/committees/import/save/"


@functools.cache
def _pdf() -> bytes:
    gold = load_gold(DATA_DIR / "b_maru_names.gold.json")
    return minutes_pdf(Document.from_dict(gold), "maru", lines_per_page=20)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Meeting, Minutes, AgendaItem, MinutesEntry, Attendance, Venue, AuditEntry)
    )


def _upload(client, name: str, data: bytes):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def _review_data(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: "" if value is None else str(value) for name, value in form.initial.items()}


def _errors(response) -> list[str]:
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


def test_upload_review_correct_and_save_a_pdf(staff_client, committee, staff) -> None:
    page = staff_client.get(UPLOAD)
    assert page.status_code == 200
    assert "過去の会議録の取り込み" in page.content.decode()

    before = _counts()
    review = _upload(staff_client, "hikari-2023-2.pdf", _pdf())
    assert review.status_code == 200
    html = review.content.decode()
    # The original text (margin numbers gone) beside the structure found.
    assert '<pre class="mail-body" id="import-original">ひかり市市民協働推進センター\n' in html
    assert "○山本委員長　来場者は昨年より増えたと聞いた。" in html
    assert "市民活動フェアの実施結果について" in html
    assert "まだ何も保存していません。" in html
    assert _counts() == before  # reviewing saves nothing

    data = _review_data(review)
    assert data["date"] == "2023-10-03"
    assert data["number"] == "2"
    assert data["venue"] == "ひかり市民会館 第2会議室"
    assert data["attendees"] == "山本、髙橋(清)、髙橋(和)、中村、小川、林"
    assert data["body"].splitlines()[:2] == ["１．報告事項", "１．市民活動フェアの実施結果について"]
    # Staff correct a statement and the venue before saving.
    data["body"] = data["body"].replace("どのような理由が考えられるか。", "理由は何か。")
    data["venue"] = "ひかり市民会館 第2会議室（2階）"
    saved = staff_client.post(SAVE, data)
    meeting = Meeting.objects.get(committee=committee, fiscal_year=2023, number=2)
    assert saved.status_code == 302
    assert saved["Location"] == f"/staff/committees/minutes/{meeting.minutes.pk}/"
    assert meeting.minutes.status == Minutes.Status.CONFIRMED
    assert meeting.venue.name == "ひかり市民会館 第2会議室（2階）"
    texts = list(
        MinutesEntry.objects.filter(
            item__meeting=meeting, item__category="report", speaker="山本委員長"
        )
        .order_by("item__number", "position")
        .values_list("text", flat=True)
    )
    assert texts[0] == "来場者は昨年より増えたと聞いた。理由は何か。"
    assert MinutesEntry.objects.filter(item__meeting=meeting).count() == 14
    audit = AuditEntry.objects.get(action="kyodo.committees.minutes.imported")
    assert (audit.actor, audit.changes["via"], audit.changes["source"]) == (
        staff,
        "web",
        "hikari-2023-2.pdf",
    )
    # Published: the archive lists it and its page shows the corrected text.
    public = staff_client.get(f"/committee/minutes/{meeting.minutes.pk}/").content.decode()
    assert "来場者は昨年より増えたと聞いた。理由は何か。" in public
    # None of the names are members of this committee: reported, not recorded.
    shown = [str(m) for m in saved.wsgi_request._messages]
    assert shown == [
        "会議録を確定稿として取り込みました。",
        "次の名前は委員名簿と一致しなかったため、出欠に記録していません："
        "山本、髙橋(清)、髙橋(和)、中村、小川、林",
    ]


def test_uploading_again_warns_and_saving_again_is_refused(staff_client, committee) -> None:
    data = _review_data(_upload(staff_client, "b.pdf", _pdf()))
    assert staff_client.post(SAVE, data).status_code == 302
    before = _counts()
    again = _upload(staff_client, "b.pdf", _pdf())
    assert [str(m) for m in again.context["messages"]][-1] == (
        "取り込み済みです（2023年度第2回の会議がすでにあります）"
    )
    refused = staff_client.post(SAVE, _review_data(again))
    assert refused.status_code == 200
    assert _errors(refused) == ["取り込み済みです（2023年度第2回の会議がすでにあります）"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "minutes.docx",
            b"PK\x03\x04",
            "取り込めるのはPDF（.pdf）とテキスト（.txt）のファイルだけです。",
        ),
        ("minutes.pdf", b"not a pdf", "拡張子は .pdf ですが、PDFではありません。"),
        (
            "minutes.pdf",
            b"%PDF-1.4 broken",
            "会議録を読み取れません：PDFとして読み取れません（ファイルが壊れているか、PDFではありません）",
        ),
        (
            "minutes.txt",
            "お知らせ\n休館します。\n".encode(),
            "会議録を読み取れません：会議録の表題（「…会議録」などの行）が見つかりません",
        ),
        ("big.txt", b"x" * (10 * 1024 * 1024 + 1), "ファイルが大きすぎます（10MBまで）。"),
    ],
)
def test_refused_uploads_say_why_and_save_nothing(
    staff_client, committee, name, data, message
) -> None:
    before = _counts()
    response = _upload(staff_client, name, data)
    assert response.status_code == 200
    assert response.templates[0].name == "committees/staff/import_upload.html"
    assert _errors(response) == [message]
    assert _counts() == before


def test_upload_without_a_file(staff_client, committee) -> None:
    response = staff_client.post(UPLOAD, {})
    assert _errors(response) == ["このフィールドは必須です。"]


def test_a_broken_review_is_refused_and_saves_nothing(staff_client, committee) -> None:
    gold = load_gold(DATA_DIR / "d_fullwidth_space.gold.json")
    text = render_minutes(Document.from_dict(gold))
    data = _review_data(_upload(staff_client, "d.txt", text.encode("utf-8")))
    before = _counts()
    cases = [
        (
            {"body": "お知らせです。"},
            [
                "会議録を読み取れません：議題が見つかりません（「１．報告事項」や「１．……について」の行がありません）"
            ],
        ),
        ({"date": "あいう"}, None),
        (
            {"date": "2099-05-28", "number": ""},
            ["開催日が未来の日付です。取り込めるのは過去の会議録だけです。"],
        ),
    ]
    for change, errors in cases:
        response = staff_client.post(SAVE, data | change)
        assert response.status_code == 200
        assert response.templates[0].name == "committees/staff/import_review.html"
        if errors is None:
            assert list(response.context["form"].errors) == ["date"]
        else:
            assert _errors(response) == errors
    assert _counts() == before


def test_only_staff_can_import(client, committee, member_user) -> None:
    assert client.get(UPLOAD).status_code == 302  # to the login page
    client.force_login(member_user)
    assert client.get(UPLOAD).status_code == 403
    assert client.post(SAVE, {}).status_code == 403
    assert client.get(SAVE).status_code == 403
