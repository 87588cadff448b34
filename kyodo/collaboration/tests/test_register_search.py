"""The register's search (「検索」 on /staff/collaboration/ and its CSV) reads text as people do:
full-width and half-width, katakana and hiragana, spaces; a department by any name it had."""

from __future__ import annotations

import csv
import io

import pytest

from kyodo.collaboration import selectors, services
from kyodo.collaboration.models import Collaboration, CollaborationForm, Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(kaze):
    office = Department.objects.create(
        name="協働コミュニティ課", name_reading="きょうどうこみゅにてぃか", bureau="市民協働部"
    )
    road = Department.objects.create(name="道路課", name_reading="どうろか", bureau="都市整備部")
    made = {}
    for title, departments in (
        ("ＮＰＯ協働フェア", [office]),
        ("防災フェア", [road]),
        ("まちの風景写真アーカイブ", []),
    ):
        record = Collaboration.objects.create(
            title=title,
            form=CollaborationForm.CO_HOSTING,
            first_fiscal_year=2025,
            last_fiscal_year=2025,
        )
        record.departments.set(departments)
        made[title] = record
    made["まちの風景写真アーカイブ"].organizations.set([kaze])
    return made


def _titles(query: str) -> list[str]:
    return sorted(r.title for r in selectors.collaborations(query=query))


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("NPO", ["ＮＰＯ協働フェア"]),
        ("ｎｐｏ", ["ＮＰＯ協働フェア"]),
        ("防災 フェア", ["防災フェア"]),
        ("ふぇあ", ["ＮＰＯ協働フェア", "防災フェア"]),
        ("ｺﾐｭﾆﾃｨ", ["ＮＰＯ協働フェア"]),  # the department 協働コミュニティ課
        ("西東京　風の会", ["まちの風景写真アーカイブ"]),  # the group
        ("図書館", []),
    ],
)
def test_the_search_reads_text_as_people_do(register, query, titles):
    assert _titles(query) == sorted(titles)


def test_a_department_is_found_by_its_former_name(staff, register):
    road = Department.objects.get(name="道路課")
    fields = {f: getattr(road, f) for f in services.DEPARTMENT_FIELDS} | {"name": "道路管理課"}
    services.department_update(
        actor=staff, department=road, fields=services.DepartmentFields(**fields), renamed_from=2026
    )

    assert _titles("道路課") == ["防災フェア"]
    assert _titles("道路管理課") == ["防災フェア"]


def test_the_page_and_its_csv_find_the_same_records(client, staff, register):
    client.force_login(staff)

    page = client.get("/staff/collaboration/", {"q": "ｎｐｏ"})
    export = client.get("/staff/collaboration/export/", {"q": "ｎｐｏ"})

    assert page.status_code == 200
    assert "ＮＰＯ協働フェア</a>" in page.text
    assert "防災フェア</a>" not in page.text
    assert export.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["ＮＰＯ協働フェア"]


def test_a_search_for_nothing_but_spaces_lists_everything(register):
    assert _titles("\u3000 ") == sorted(
        ["ＮＰＯ協働フェア", "まちの風景写真アーカイブ", "防災フェア"]
    )
