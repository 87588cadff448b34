"""Import of the center's existing list (CSV in UTF-8 or Shift_JIS, XLSX) and export."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.models import AuditEntry
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.organizations.selectors import registered_count_on
from kyodo.organizations.spreadsheets import HEADERS
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

GOOD = [
    "西東京風の会", "ニシトウキョウ カゼノカイ", "任意団体", "北村 陽子", "きたむら ようこ",
    "kaze@example.jp", "042-400-0001", "東京都西東京市田無町", "まちづくりの推進を図る活動／学術、文化、芸術又はスポーツの振興を図る活動",
    "西東京市内", "散策会と写真展", "", "15", "2009", "平成22年12月7日", "活動分野、活動地域",
]  # fmt: skip
BAD_READING = [*GOOD]
BAD_READING[0], BAD_READING[1] = "ＮＰＯ法人ひかり", "hikari"
BAD_FIELD = [*GOOD]
BAD_FIELD[0], BAD_FIELD[1], BAD_FIELD[8] = "あおぞらの会", "あおぞらのかい", "占い"
BAD_DATE = [*GOOD]
BAD_DATE[0], BAD_DATE[1], BAD_DATE[14] = "いずみ会", "いずみかい", "平成22年2月30日"
GOOD_2 = [*GOOD]
GOOD_2[0], GOOD_2[1], GOOD_2[5], GOOD_2[14] = "NPO法人ひばり", "ひばり", "", "2004-06-01"
GOOD_2[2] = "特定非営利活動法人"


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append([int(v) if v.isdigit() else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def preview(client, name, content):
    return client.post("/staff/groups/import/", {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.csv", csv_bytes([GOOD, BAD_READING, BAD_FIELD, BAD_DATE, GOOD_2])),
        ("list.csv", csv_bytes([GOOD, BAD_READING, BAD_FIELD, BAD_DATE, GOOD_2], "utf-8")),
        ("list.csv", csv_bytes([GOOD, BAD_READING, BAD_FIELD, BAD_DATE, GOOD_2], "cp932")),
        ("list.xlsx", xlsx_bytes([GOOD, BAD_READING, BAD_FIELD, BAD_DATE, GOOD_2])),
    ],
    ids=["utf-8-bom", "utf-8", "shift_jis", "xlsx"],
)
def test_preview_shows_errors_per_row_saves_nothing_and_confirm_imports(staff, name, content):
    response = preview(staff, name, content)
    assert response.status_code == 200
    text = response.text
    assert "2行を取り込めます。3行はエラーがあるため取り込みません。" in text
    assert "ふりがな：ふりがなは、ひらがなまたはカタカナで入力してください。" in text
    assert "活動分野：「占い」は使えない値です。" in text
    assert "登録日：「平成22年2月30日」という日付はありません。" in text
    assert Organization.objects.count() == 0
    assert AuditEntry.objects.count() == 0

    token = staff.session["organizations_import"]["token"]
    response = staff.post("/staff/groups/import/confirm/", {"token": token})
    assert response.status_code == 302
    assert sorted(Organization.objects.values_list("name", "name_reading", "legal_form")) == [
        ("NPO法人ひばり", "ひばり", "npo"),
        ("西東京風の会", "にしとうきょう かぜのかい", "voluntary"),
    ]
    kaze = Organization.objects.get(name="西東京風の会")
    assert kaze.activity_field_list == ["community", "culture"]
    assert kaze.published_field_list == ["activity_fields", "area"]
    assert (kaze.member_count, kaze.founded_year, kaze.status) == (15, 2009, "registered")
    assert registered_count_on(date(2010, 12, 6)) == 1
    assert registered_count_on(date(2010, 12, 7)) == 2
    assert AuditEntry.objects.get().changes["count"] == 2
    # The preview is used up: confirming twice imports nothing more.
    response = staff.post("/staff/groups/import/confirm/", {"token": token})
    assert Organization.objects.count() == 2


def test_rows_already_registered_or_repeated_are_errors(staff):
    make_organization("ＮＰＯ法人ひばり", "ひばり", status="registered")
    response = preview(staff, "list.csv", csv_bytes([GOOD, GOOD_2, GOOD]))
    assert "同じ名前の団体がすでに登録されています。" in response.text
    assert "2行目と同じ団体です。" in response.text
    assert "1行を取り込めます。" in response.text


def test_a_missing_reading_comes_with_a_suggestion(staff):
    row = [*GOOD]
    row[1] = ""
    response = preview(staff, "list.csv", csv_bytes([row]))
    # Only a suggestion: the dictionary reads 風 as ふう where the group says かぜ.
    suggestion = "ふりがな：ふりがなを入力してください（例：「にしとうきょうふうのかい」）。"
    assert suggestion in response.text
    assert Organization.objects.count() == 0


def test_confirm_without_a_preview_imports_nothing(staff):
    response = staff.post("/staff/groups/import/confirm/", {"token": "forged"})
    assert response.status_code == 302
    assert Organization.objects.count() == 0


def test_csv_export_has_a_bom_and_round_trips_through_the_importer(staff):
    group = make_organization(
        '=HYPERLINK("http://evil")の会',
        "はいぱーりんくのかい",
        history=[("registered", date(2008, 4, 1)), ("renewed", date(2010, 4, 1))],
        legal_form="npo",
        representative_name="北村 陽子",
        representative_reading="きたむら ようこ",
        phone="042-400-0001",
        address="東京都西東京市",
        activity_fields=["environment", "children"],
        published_fields=["area"],
        member_count=8,
        founded_year=2007,
    )
    make_organization("申請中の会", "しんせいちゅうのかい")  # not exported
    response = staff.get("/staff/groups/export.csv")
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADERS)
    assert lines[1].startswith("\"'=HYPERLINK")  # Excel must not run it
    assert len(lines) == 2

    before = {
        f: getattr(group, f)
        for f in ("name", "name_reading", "legal_form", "representative_name", "phone",
                  "activity_fields", "published_fields", "member_count", "founded_year")
    }  # fmt: skip
    Organization.objects.all().delete()
    response = preview(staff, "export.csv", content)
    assert "1行を取り込めます。0行はエラーがあるため取り込みません。" in response.text
    staff.post(
        "/staff/groups/import/confirm/", {"token": staff.session["organizations_import"]["token"]}
    )
    imported = Organization.objects.get()
    assert {f: getattr(imported, f) for f in before} == before
    assert OrganizationStatusChange.objects.get().effective_date == date(2008, 4, 1)


def test_xlsx_export_has_japanese_headers_and_round_trips(staff):
    from openpyxl import load_workbook

    make_organization(
        "西東京風の会",
        "にしとうきょうかぜのかい",
        history=[("registered", date(2010, 12, 7))],
        representative_name="北村 陽子",
        representative_reading="きたむら ようこ",
        phone="042-400-0001",
        address="東京都西東京市",
        activity_fields=["community"],
    )
    response = staff.get("/staff/groups/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][0] == "西東京風の会"
    assert rows[1][8] == "まちづくりの推進を図る活動"
    assert rows[1][14] == "2010-12-07"
    Organization.objects.all().delete()
    response = preview(staff, "export.xlsx", response.content)
    assert "1行を取り込めます。" in response.text
