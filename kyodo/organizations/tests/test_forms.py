"""Every form refuses bad input with a Japanese message and saves nothing."""

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.tests.confirm import confirm_by_mail
from kyodo.organizations.forms import ApplicationForm
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.organizations.tests.factories import application_post, make_organization

REQUIRED = "このフィールドは必須です。"
CONTROL = "この欄から制御文字（目に見えない文字）を取り除いてください。"
TOO_LARGE = "ファイルが大きすぎます（5MBまで）。"  # the import upload
ACCEPTED = "PDF、Word（.docx）、テキスト（.txt） のファイル（5MBまで）です。"
DANGEROUS = (
    "はウェブページ・スクリプト・プログラムのため、アップロードできません。受け付けるのは "
    + ACCEPTED
)


def too_large(name: str, size: str) -> str:
    return f"「{name}」は大きすぎます（{size}）。ファイルは5MBまでです。受け付ける種類：PDF、Word（.docx）、テキスト（.txt）。"


def mismatch(name: str, kind: str) -> str:
    return f"「{name}」の内容が {kind} のファイルではありません。受け付けるのは " + ACCEPTED


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("第1条 この会は西東京ひかりの会という。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Bylaws")
    pdf.save()
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def nothing_saved():
    assert Organization.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == 0


BAD_APPLICATIONS = [
    pytest.param({k: "" for k in application_post()}, REQUIRED, id="empty"),
    pytest.param(
        {"name": "あ" * 201},
        "200文字以内で入力してください（現在201文字）。",
        id="name-too-long",
    ),
    pytest.param({"name": "風の会\x07"}, CONTROL, id="control-character"),
    pytest.param({"address": "西東京市\u202e"}, CONTROL, id="bidi-override"),
    pytest.param({"description": "活動\x00内容"}, CONTROL, id="nul"),
    pytest.param(
        {"name_reading": "kazenokai"},
        "ふりがなは、ひらがなまたはカタカナで入力してください。",
        id="reading-not-kana",
    ),
    pytest.param(
        {"email": "not-an-address"}, "有効なメールアドレスを入力してください。", id="email"
    ),
    pytest.param(
        {"phone": "電話してね"},
        "電話番号は数字とハイフンで入力してください（例：042-000-0000）。",
        id="phone",
    ),
    pytest.param({"founded_year": "2999"}, "設立年が未来の年になっています。", id="future-year"),
    pytest.param({"member_count": "-3"}, "1以上の値を入力してください。", id="members"),
    pytest.param(
        {"activity_fields": ["astrology"]}, "正しく選択してください。", id="unknown-field"
    ),
    pytest.param({"legal_form": "kabushiki"}, "正しく選択してください。", id="legal-form"),
    pytest.param(
        {"bylaws": upload("規約.html", b"<script>alert(1)</script>")},
        "「規約.html」" + DANGEROUS,
        id="html",
    ),
    pytest.param(
        {"bylaws": upload("規約.pdf", b"<html>not a pdf</html>")},
        "「規約.pdf」" + DANGEROUS,
        id="html-named-pdf",
    ),
    pytest.param(
        {"bylaws": upload("規約.docx", b"PK\x03\x04broken")},
        mismatch("規約.docx", "Word（.docx）"),
        id="fake-docx",
    ),
    pytest.param(
        {"bylaws": upload("規約.pdf", b"%1.4 no header")},
        mismatch("規約.pdf", "PDF"),
        id="fake-pdf",
    ),
    pytest.param(
        {"bylaws": upload("規約.txt", b"\x00\x01\x02binary")},
        mismatch("規約.txt", "テキスト（.txt）"),
        id="binary-txt",
    ),
    pytest.param(
        {"bylaws": upload("規約.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))},
        too_large("規約.pdf", "5.1MB"),
        id="huge",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), BAD_APPLICATIONS)
def test_the_application_form_refuses_bad_input(client, overrides, message):
    response = client.post("/groups/apply/", application_post(**overrides))
    assert response.status_code == 200
    assert message in response.text
    nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("規約.pdf", b"%PDF-1.4\n%%EOF"),
        ("規約.pdf", pdf_bytes()),
        ("規約.docx", docx_bytes()),
        ("規約.txt", "会則".encode("cp932")),
    ],
)
def test_the_application_form_accepts_pdf_docx_and_text_bylaws(client, name, content):
    response = client.post("/groups/apply/", application_post(bylaws=upload(name, content)))
    assert response.status_code == 302
    confirm_by_mail(client)
    organization = Organization.objects.get()
    assert organization.bylaws_name == name
    assert organization.bylaws.name.startswith("private/organizations/bylaws/")
    assert name not in organization.bylaws.name


printable = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=250
)


@settings(max_examples=200, deadline=None)
@given(name=printable, reading=printable, address=printable)
def test_any_text_in_the_application_form_is_either_clean_or_refused(name, reading, address):
    form = ApplicationForm(data=application_post(name=name, name_reading=reading, address=address))
    if form.is_valid():
        data = form.cleaned_data
        for value in (data["name"], data["name_reading"], data["address"]):
            assert value.strip() == value and value
            assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value)
        assert len(data["name"]) <= 200
        assert all("\u3041" <= c <= "\u309f" or c in "ー " for c in data["name_reading"])
    else:
        assert set(form.errors) <= {"name", "name_reading", "address"}


# --- staff review forms ------------------------------------------------------------------------


@pytest.fixture
def application(db):
    return make_organization("西東京ひかりの会", "にしとうきょうひかりのかい", email="h@example.jp")


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("return", {"return-reason": ""}, REQUIRED),
        ("return", {"return-reason": "理由\x1b[31m"}, CONTROL),
        ("return", {"return-reason": "あ" * 2001}, "2000文字以内"),
        ("reject", {"reject-reason": "   "}, REQUIRED),
        ("approve", {"effective_date": ""}, REQUIRED),
        ("approve", {"effective_date": "平成31年5月1日"}, "令和元年5月1日のことではありませんか。"),
        ("approve", {"effective_date": "2011-01-11", "note": "x" * 501}, "500文字以内"),
        (
            "status",
            {"kind": "renewed", "effective_date": "2011-01-11"},
            "団体の現在の状態ではこの操作はできません。",
        ),
        (
            "status",
            {"kind": "exploded", "effective_date": "2011-01-11"},
            "正しく選択してください。",
        ),
    ],
)
def test_the_review_forms_refuse_bad_input(client, staff_user, application, url, data, message):
    client.force_login(staff_user)
    response = client.post(f"/staff/groups/{application.pk}/{url}/", data)
    assert response.status_code == 400
    assert message in response.text
    application.refresh_from_db()
    assert application.status == "applied"
    assert application.representative_user is None
    assert OrganizationStatusChange.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_status_change_before_the_last_one_is_refused(client, staff_user, db):
    group = make_organization(history=[("registered", date(2010, 12, 7))])
    client.force_login(staff_user)
    response = client.post(
        f"/staff/groups/{group.pk}/status/", {"kind": "suspended", "effective_date": "H22.12.6"}
    )
    assert response.status_code == 400
    assert "日付は前回の変更（平成22年12月7日(火)）より前にはできません。" in response.text
    group.refresh_from_db()
    assert group.status == "registered"
    assert OrganizationStatusChange.objects.count() == 1


# --- the representative's profile --------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": ""}, REQUIRED),
        ({"representative_name": "代表\x08者"}, CONTROL),
        ({"area": "あ" * 201}, "200文字以内"),
        ({"bylaws": upload("規約.exe", b"MZ\x90\x00")}, "「規約.exe」" + DANGEROUS),
        (
            {"bylaws": upload("規約.txt", b"a" * (5 * 1024 * 1024 + 1))},
            too_large("規約.txt", "5.1MB"),
        ),
    ],
)
def test_the_profile_form_refuses_bad_input(client, group_user, overrides, message):
    group = make_organization(
        status="registered", representative_user=group_user, phone="042-111-2222"
    )
    client.force_login(group_user)
    data = application_post(**overrides)
    for field in ("name", "name_reading", "legal_form"):
        data.pop(field)
    response = client.post("/group/organization/", data)
    assert response.status_code == 200
    assert message in response.text
    group.refresh_from_db()
    assert group.phone == "042-111-2222"
    assert not group.bylaws
    assert AuditEntry.objects.count() == 0


# --- import upload and directory search --------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (None, REQUIRED),
        (
            upload("list.txt", "団体名\n".encode()),
            "CSV または Excel（.xlsx）のファイルをアップロードしてください。",
        ),
        (upload("list.csv", b""), "入力されたファイルは空です。"),
        (upload("list.csv", b"a" * (5 * 1024 * 1024 + 1)), TOO_LARGE),
        (upload("list.csv", "名前,住所\nあ,い\n".encode()), "次の列がありません：団体名"),
        (
            upload("list.csv", b"\x82\xa0\xff\xfe\x00\x81"),
            "ファイルが UTF-8 でも Shift_JIS でもありません。",
        ),
        (
            upload("list.xlsx", b"PK\x03\x04 not a workbook"),
            "ファイルを Excel ブックとして読み取れませんでした。",
        ),
    ],
)
def test_the_import_form_refuses_bad_files(client, staff_user, file, message):
    client.force_login(staff_user)
    response = client.post("/staff/groups/import/", {"file": file} if file else {})
    assert response.status_code == 200
    assert message in response.text
    assert Organization.objects.count() == 0
    assert "organizations_import" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "あ" * 101, "100文字以内"),
        ("q=%07", CONTROL),
        ("legal_form=zzz", "正しく選択してください。"),
    ],
)
def test_the_directory_search_refuses_bad_input(client, query, message):
    response = client.get(f"/groups/?{query}")
    assert response.status_code == 200
    assert message in response.text


@pytest.mark.django_db
def test_the_public_group_page_shows_the_groups_upcoming_events(client, staff_user):
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.collaboration.models import Collaboration
    from kyodo.events.models import Event

    group = Organization.objects.create(
        name="西東京風の会", name_reading="にしとうきょうかぜのかい", legal_form="voluntary",
        status="registered", phone="042-111-2222", published_fields=",phone,",
    )  # fmt: skip
    soon = timezone.localdate() + timedelta(days=10)
    festival = Event.objects.create(
        title="市民まつり", kind="festival", date=soon, status="published"
    )
    draft = Event.objects.create(title="下書きの会", kind="other", date=soon, status="draft")
    held = Event.objects.create(
        title="昨年の会", kind="other", date=soon - timedelta(days=400), status="held"
    )
    record = Collaboration.objects.create(
        title="市民まつり", form="co_hosting", first_fiscal_year=2026, last_fiscal_year=2026
    )
    record.organizations.set([group])
    record.events.set([festival, draft, held])
    page = client.get(f"/groups/{group.pk}/").text
    assert f'<a href="/events/{festival.pk}/">市民まつり</a>' in page
    assert "下書きの会" not in page and "昨年の会" not in page
    assert '<a href="tel:042-111-2222">042-111-2222</a>' in page
    apply = client.get("/groups/apply/").text
    assert "登録の要件" in apply and '<option value="" selected>選択してください</option>' in apply
