"""Session 22: the staff page of the bureaus (部): the bureaus of a fiscal year with their
departments, the reorganisations recorded, and a whole bureau renamed from a fiscal year
(``services.bureau_rename``), refused in Japanese with nothing changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.collaboration import selectors, services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Department, DepartmentBureau
from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role

pytestmark = pytest.mark.django_db

URL = "/staff/collaboration/bureaus/"


@pytest.fixture
def departments(db):
    return {
        name: Department.objects.create(name=name, name_reading=reading, bureau=bureau)
        for name, reading, bureau in (
            ("文化振興課", "ぶんかしんこうか", "市民協働部"),
            ("協働コミュニティ課", "きょうどうこみゅにてぃか", "市民協働部"),
            ("道路課", "どうろか", "都市整備部"),
        )
    }


def _bureaus(departments):
    return {name: Department.objects.get(pk=d.pk).bureau for name, d in sorted(departments.items())}


def _fields(department, **changed):
    values = {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS}
    return services.DepartmentFields(**{**values, **changed})


def test_staff_rename_a_bureau_from_a_fiscal_year_on_its_page(client, staff, departments):
    client.force_login(staff)
    page = client.get(URL)
    assert page.status_code == 200
    assert "<h1>部の一覧・名称変更</h1>" in page.text
    # The bureaus of this fiscal year, in gojūon order (しみん… before とし…), their
    # departments in gojūon order too.
    rows = page.text.split('<table id="bureaus">')[1].split("</table>")[0]
    assert rows.index("市民協働部") < rows.index("都市整備部")
    ids = {name: d.pk for name, d in departments.items()}
    assert (
        '<th scope="row">市民協働部</th>\n'
        f'    <td><a href="/staff/collaboration/departments/{ids["協働コミュニティ課"]}/">'
        f'協働コミュニティ課</a>、<a href="/staff/collaboration/departments/{ids["文化振興課"]}/">'
        "文化振興課</a></td>"
    ) in rows
    assert "年度を指定した部の名称変更や課の移動は、まだ記録されていません。" in page.text

    response = client.post(
        URL, {"old": "市民協働部", "new": "市民生活部", "renamed_from": "令和7年度"}, follow=True
    )

    assert response.redirect_chain == [(URL, 302)]
    assert (
        "令和7年度から「市民協働部」を「市民生活部」にしました（協働コミュニティ課、文化振興課）。"
        in response.text
    )
    assert _bureaus(departments) == {
        "協働コミュニティ課": "市民生活部",
        "文化振興課": "市民生活部",
        "道路課": "都市整備部",
    }
    assert sorted(
        DepartmentBureau.objects.values_list("department__name", "first_fiscal_year", "bureau")
    ) == [
        ("協働コミュニティ課", 0, "市民協働部"),
        ("協働コミュニティ課", 2025, "市民生活部"),
        ("文化振興課", 0, "市民協働部"),
        ("文化振興課", 2025, "市民生活部"),
    ]
    # One audit row per department, saying from which fiscal year.
    entries = AuditEntry.objects.filter(action="kyodo.collaboration.department.updated")
    assert sorted((e.object_repr, e.changes["bureau"]) for e in entries) == [
        ("協働コミュニティ課", ["市民協働部", "市民生活部"]),
        ("文化振興課", ["市民協働部", "市民生活部"]),
    ]
    assert {e.changes["bureau_from_fiscal_year"] for e in entries} == {2025}
    assert {e.actor_id for e in entries} == {staff.pk}
    # The history, and the bureaus of an earlier fiscal year as they were then.
    assert (
        '<ul id="bureau-changes"><li>令和7年度から：市民協働部 → 市民生活部'
        "（協働コミュニティ課、文化振興課）</li></ul>"
    ) in response.text
    before = client.get(URL, {"fiscal_year": "R6"}).text
    assert '<h2 id="bureaus-heading">令和6年度の部</h2>' in before
    assert '<th scope="row">市民協働部</th>' in before
    assert '<th scope="row">市民生活部</th>' not in before
    # The former bureau is not offered for a renaming (nothing belongs to it any more).
    assert "「市民協働部」の名称を変更" not in before
    after = client.get(URL, {"fiscal_year": "令和7年度"}).text
    assert '<th scope="row">市民生活部</th>' in after
    assert '<th scope="row">市民協働部</th>' not in after


def test_the_bureaus_page_is_linked_from_the_collaboration_pages(client, staff, departments):
    client.force_login(staff)
    for url in ("/staff/collaboration/", "/staff/collaboration/departments/"):
        assert f'<a href="{URL}">部の一覧・名称変更</a>' in client.get(url).text
    text = client.get("/staff/collaboration/departments/").text
    assert f'<a href="{URL}" id="bureaus-link">年度ごとの部の一覧と、部の名称変更</a>' in text
    # The link of a row chooses its bureau in the renaming form.
    page = client.get(URL, {"bureau": "都市整備部"}).text
    assert '<option value="都市整備部" selected>都市整備部</option>' in page


def _refused_through_the_page(client, data, message):
    before = (
        sorted(Department.objects.values_list("name", "bureau")),
        list(DepartmentBureau.objects.order_by("pk").values_list("pk", "bureau")),
        AuditEntry.objects.count(),
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.text
    after = (
        sorted(Department.objects.values_list("name", "bureau")),
        list(DepartmentBureau.objects.order_by("pk").values_list("pk", "bureau")),
        AuditEntry.objects.count(),
    )
    assert after == before
    return response


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"old": "", "new": "市民生活部"}, "名称を変更する部を選んでください。"),
        ({"new": ""}, "部の新しい名称を入力してください。"),
        ({"new": "\u3000"}, "部の新しい名称を入力してください。"),
        ({"new": "市民協働部"}, "新しい名称が現在の名称と同じです。"),
        ({"new": " 市民協働部 "}, "新しい名称が現在の名称と同じです。"),
        ({"old": "ない部"}, "「ない部」に属する課はありません。"),
        ({"renamed_from": ""}, "新しい名称を使い始める年度を入力してください。"),
        ({"renamed_from": "昭和50年度"}, "平成元年度から"),
        ({"new": "部" * 101}, "100文字以内で入力してください（現在101文字）。"),
        ({"new": "市民\x07生活部"}, "この欄から制御文字（目に見えない文字）を取り除いてください。"),
    ],
)
def test_a_bad_renaming_is_refused_in_japanese_and_changes_nothing(
    client, staff, departments, data, message
):
    client.force_login(staff)
    data = {"old": "市民協働部", "new": "市民生活部", "renamed_from": "令和7年度", **data}
    _refused_through_the_page(client, data, message)


def test_a_renaming_from_before_the_year_the_name_took_effect_is_refused(
    client, staff, departments
):
    services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)
    client.force_login(staff)
    response = _refused_through_the_page(
        client,
        {"old": "市民生活部", "new": "市民活動部", "renamed_from": "令和6年度"},
        "「市民生活部」は令和7年度から使われている名称です。令和7年度以降の年度を入力してください。",
    )
    # What was typed is shown back.
    assert 'value="市民活動部"' in response.text
    assert 'value="令和6年度"' in response.text
    with pytest.raises(InvalidInput) as refused:
        services.bureau_rename(actor=staff, old="市民生活部", new="市民活動部", renamed_from=2024)
    assert refused.value.field == "renamed_from"


def test_a_department_that_joined_later_sets_the_earliest_year(staff, departments):
    # 道路課 moved into 市民協働部 from 令和8年度: the bureau's name is in force for all of its
    # departments only from then.
    road = departments["道路課"]
    services.department_update(
        actor=staff, department=road, fields=_fields(road, bureau="市民協働部"), renamed_from=2026
    )
    with pytest.raises(InvalidInput) as refused:
        services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)
    assert str(refused.value.message) == (
        "「市民協働部」は令和8年度から使われている名称です。令和8年度以降の年度を入力してください。"
    )
    assert _bureaus(departments)["協働コミュニティ課"] == "市民協働部"

    changed = services.bureau_rename(
        actor=staff, old="市民協働部", new="市民生活部", renamed_from=2026
    )
    assert [d.name for d in changed] == ["協働コミュニティ課", "道路課", "文化振興課"]
    assert selectors.department_names(road, bureaus=True) == [
        ("～令和7年度", "都市整備部"),
        ("令和8年度～", "市民生活部"),
    ]
    assert [
        (c.first_fiscal_year, c.old, c.new, c.departments) for c in selectors.bureau_changes()
    ] == [
        (2026, "市民協働部", "市民生活部", ["協働コミュニティ課", "文化振興課"]),
        (2026, "都市整備部", "市民生活部", ["道路課"]),
    ]


def test_renaming_again_from_the_same_year_replaces_the_name_of_that_year(staff, departments):
    services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)
    services.bureau_rename(actor=staff, old="市民生活部", new="市民活動部", renamed_from=2025)
    culture = departments["文化振興課"]
    assert selectors.department_names(culture, bureaus=True) == [
        ("～令和6年度", "市民協働部"),
        ("令和7年度～", "市民活動部"),
    ]
    assert [b.name for b in selectors.bureaus_in_year(fiscal_year=2024)] == [
        "市民協働部",
        "都市整備部",
    ]
    assert [
        (b.name, [d.name for d in b.departments], b.in_use)
        for b in selectors.bureaus_in_year(fiscal_year=2025)
    ] == [
        ("市民活動部", ["協働コミュニティ課", "文化振興課"], True),
        ("都市整備部", ["道路課"], True),
    ]


def test_departments_without_a_bureau_are_listed_last(client, staff, departments):
    Department.objects.create(name="秘書広報課", name_reading="ひしょこうほうか", bureau="")
    client.force_login(staff)
    rows = client.get(URL).text.split('<table id="bureaus">')[1].split("</table>")[0]
    assert rows.index("都市整備部") < rows.index("（部の登録なし）")
    assert "（部の登録なし）</th>" in rows
    assert [b.name for b in selectors.bureaus_in_year(fiscal_year=2026)] == [
        "市民協働部",
        "都市整備部",
        "",
    ]
    assert selectors.bureau_names() == ["市民協働部", "都市整備部"]


def test_only_staff_see_the_page_and_rename(client, make_user, staff, departments):
    member = make_user("kumada", Role.MEMBER)
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert (
        client.post(
            URL, {"old": "市民協働部", "new": "市民生活部", "renamed_from": "令和7年度"}
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.bureau_rename(actor=member, old="市民協働部", new="市民生活部", renamed_from=2025)
    assert _bureaus(departments)["文化振興課"] == "市民協働部"
    assert not AuditEntry.objects.exists()


def test_the_page_reads_the_same_number_of_queries_whatever_the_departments(
    client, staff, departments
):
    client.force_login(staff)
    services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)
    client.get(URL)  # warm caches (the staff menu, the reading dictionary)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for n in range(6):
        department = Department.objects.create(
            name=f"第{n}課", name_reading=f"だい{n}か", bureau="都市整備部"
        )
        services.department_update(
            actor=staff,
            department=department,
            fields=_fields(department, bureau=f"新{n}部"),
            renamed_from=2026,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("old", "new", "renamed_from", "field", "message"),
    [
        ("", "市民生活部", 2025, "old", "名称を変更する部を選んでください。"),
        ("市民協働部", " ", 2025, "new", "部の新しい名称を入力してください。"),
        ("市民協働部", "部" * 101, 2025, "new", "部の名称は100文字以内で入力してください。"),
        ("市民協働部", "市民協働部", 2025, "new", "新しい名称が現在の名称と同じです。"),
        ("市民協働部", "市民生活部", None, "renamed_from", "新しい名称を使い始める年度を入力してください。"),
        ("ない部", "市民生活部", 2025, "old", "「ない部」に属する課はありません。"),
    ],
)  # fmt: skip
def test_the_service_refuses_what_the_page_refuses(
    staff, departments, old, new, renamed_from, field, message
):
    with pytest.raises(InvalidInput) as refused:
        services.bureau_rename(actor=staff, old=old, new=new, renamed_from=renamed_from)
    assert (str(refused.value.message), refused.value.field) == (message, field)
    assert _bureaus(departments)["文化振興課"] == "市民協働部"
    assert not DepartmentBureau.objects.exists()
    assert not AuditEntry.objects.exists()
