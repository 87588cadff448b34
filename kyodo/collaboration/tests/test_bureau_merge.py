"""A bureau (部) renamed to the name of another bureau in use is a merger of the two: asked first
(「「都市整備部」は既にあります。統合しますか」, saying how many departments and records move),
done only once confirmed, audited per department. Names are compared as people read them
(全角/半角, spaces). Departments themselves: one name however it is spaced, and a bureau typed
for one takes the spelling the bureau already has."""

from __future__ import annotations

import pytest

from kyodo.collaboration import selectors, services
from kyodo.collaboration.exceptions import BureauExists, InvalidInput
from kyodo.collaboration.models import (
    Collaboration,
    CollaborationForm,
    Department,
    DepartmentBureau,
)
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/staff/collaboration/bureaus/"

QUESTION = (
    "「都市整備部」は既にあります。「市民協働部」を「都市整備部」に統合しますか。統合すると、"
    "令和7年度から「市民協働部」の課2件（協働コミュニティ課、文化振興課）と、それらの協働の記録"
    "2件が「都市整備部」の所属になります。"
)


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


@pytest.fixture
def records(departments):
    """Records of 市民協働部's departments: two run in 令和7年度 or later, one ended before."""
    made = {}
    for title, first, last, names in (
        ("令和6年度で終わった協働", 2024, 2024, ["文化振興課"]),
        ("年度をまたぐ協働", 2024, 2026, ["文化振興課", "協働コミュニティ課"]),
        ("令和7年度の協働", 2025, 2025, ["協働コミュニティ課"]),
        ("道路の協働", 2025, 2025, ["道路課"]),
    ):
        record = Collaboration.objects.create(
            title=title,
            form=CollaborationForm.CO_HOSTING,
            first_fiscal_year=first,
            last_fiscal_year=last,
        )
        record.departments.set([departments[n] for n in names])
        made[title] = record
    return made


def _state():
    return (
        sorted(Department.objects.values_list("name", "bureau")),
        sorted(
            DepartmentBureau.objects.values_list("department__name", "first_fiscal_year", "bureau")
        ),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("typed", ["都市整備部", " 都市整備部 ", "都市 整備部", "都市\u3000整備部"])
def test_renaming_to_another_bureau_asks_first_and_changes_nothing(staff, records, typed):
    before = _state()

    with pytest.raises(BureauExists) as asked:
        services.bureau_rename(actor=staff, old="市民協働部", new=typed, renamed_from=2025)

    assert (str(asked.value.message), asked.value.field) == (QUESTION, "new")
    assert (asked.value.old, asked.value.existing, asked.value.year) == (
        "市民協働部",
        "都市整備部",
        2025,
    )
    assert (asked.value.departments, asked.value.records) == (
        ["協働コミュニティ課", "文化振興課"],
        2,
    )
    assert _state() == before
    # An InvalidInput like any refusal: code that does not ask gets a Japanese refusal.
    assert isinstance(asked.value, InvalidInput)


def test_half_width_and_full_width_letters_name_the_same_bureau(staff, departments):
    Department.objects.create(
        name="情報政策課", name_reading="じょうほうせいさくか", bureau="IT推進部"
    )
    before = _state()

    with pytest.raises(BureauExists) as asked:
        services.bureau_rename(actor=staff, old="都市整備部", new="ＩＴ推進部", renamed_from=2025)

    assert asked.value.existing == "IT推進部"
    assert str(asked.value.message).startswith("「IT推進部」は既にあります。")
    assert _state() == before


def test_a_confirmed_merger_moves_the_departments_and_says_so_in_the_audit_log(staff, records):
    changed = services.bureau_rename(
        actor=staff, old="市民協働部", new="都市 整備部", renamed_from=2025, merge=True
    )

    assert [(d.name, d.bureau) for d in changed] == [
        ("協働コミュニティ課", "都市整備部"),
        ("文化振興課", "都市整備部"),
    ]
    # One bureau, written as it was: not a second spelling of it.
    assert sorted(Department.objects.values_list("name", "bureau")) == [
        ("協働コミュニティ課", "都市整備部"),
        ("文化振興課", "都市整備部"),
        ("道路課", "都市整備部"),
    ]
    assert selectors.bureau_names() == ["都市整備部"]
    # The years before keep 市民協働部.
    assert sorted(
        DepartmentBureau.objects.values_list("department__name", "first_fiscal_year", "bureau")
    ) == [
        ("協働コミュニティ課", 0, "市民協働部"),
        ("協働コミュニティ課", 2025, "都市整備部"),
        ("文化振興課", 0, "市民協働部"),
        ("文化振興課", 2025, "都市整備部"),
    ]
    assert [
        (b.name, [d.name for d in b.departments])
        for b in selectors.bureaus_in_year(fiscal_year=2024)
    ] == [("市民協働部", ["協働コミュニティ課", "文化振興課"]), ("都市整備部", ["道路課"])]
    entries = AuditEntry.objects.filter(action="kyodo.collaboration.department.updated")
    assert sorted((e.object_repr, e.actor_id, e.changes) for e in entries) == [
        (
            name,
            staff.pk,
            {
                "bureau": ["市民協働部", "都市整備部"],
                "bureau_from_fiscal_year": 2025,
                "bureau_merged_into": "都市整備部",
                "departments_moved": 2,
                "records_moved": 2,
            },
        )
        for name in ("協働コミュニティ課", "文化振興課")
    ]
    assert AuditEntry.objects.count() == 2


def test_a_renaming_to_a_new_name_is_not_a_merger(staff, records):
    services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)

    entry = AuditEntry.objects.filter(action="kyodo.collaboration.department.updated").first()
    assert entry.changes == {
        "bureau": ["市民協働部", "市民生活部"],
        "bureau_from_fiscal_year": 2025,
    }


@pytest.mark.parametrize("typed", ["市民 協働部", "市民\u3000協働部", "市民協働部\u3000"])
def test_the_present_name_written_with_spaces_is_the_same_name(staff, departments, typed):
    before = _state()

    with pytest.raises(InvalidInput) as refused:
        services.bureau_rename(actor=staff, old="市民協働部", new=typed, renamed_from=2025)

    assert not isinstance(refused.value, BureauExists)
    assert str(refused.value.message) == "新しい名称が現在の名称と同じです。"
    assert _state() == before


def test_two_spellings_of_one_bureau_are_merged_into_the_other(staff, departments):
    # An old row typed with a space: renaming it to the usual spelling is a merger, asked first.
    Department.objects.create(name="市民課", name_reading="しみんか", bureau="市民 協働部")

    with pytest.raises(BureauExists) as asked:
        services.bureau_rename(actor=staff, old="市民 協働部", new="市民協働部", renamed_from=2025)
    assert (asked.value.existing, asked.value.departments) == ("市民協働部", ["市民課"])

    services.bureau_rename(
        actor=staff, old="市民 協働部", new="市民協働部", renamed_from=2025, merge=True
    )
    assert selectors.bureau_names() == ["市民協働部", "都市整備部"]


def test_the_page_asks_before_merging_then_merges_once_confirmed(client, staff, records):
    client.force_login(staff)
    before = _state()

    asked = client.post(
        URL, {"old": "市民協働部", "new": "都市　整備部", "renamed_from": "令和7年度"}
    )

    assert asked.status_code == 200
    assert _state() == before
    section = asked.text.split('<section aria-labelledby="merge-heading"')[1].split("</section>")[0]
    assert '<h2 id="merge-heading">部を統合しますか</h2>' in section
    assert f"<p>{QUESTION}</p>" in section
    assert "まだ何も変更していません。" in section
    for hidden in (
        '<input type="hidden" name="old" value="市民協働部">',
        '<input type="hidden" name="new" value="都市整備部">',
        '<input type="hidden" name="renamed_from" value="2025">',
        '<input type="hidden" name="merge" value="1">',
    ):
        assert hidden in section
    assert '<button type="submit">「市民協働部」を「都市整備部」に統合する</button>' in section
    assert f'<a href="{URL}">統合しない</a>' in section

    done = client.post(
        URL,
        {"old": "市民協働部", "new": "都市整備部", "renamed_from": "2025", "merge": "1"},
        follow=True,
    )

    assert done.redirect_chain == [(URL, 302)]
    assert (
        "令和7年度から「市民協働部」を「都市整備部」に統合しました（協働コミュニティ課、文化振興課。"
        "課2件、協働の記録2件が移りました）。"
    ) in done.text
    assert "merge-heading" not in done.text
    rows = done.text.split('<table id="bureaus">')[1].split("</table>")[0]
    assert rows.count('<th scope="row">') == 1
    assert selectors.bureau_names() == ["都市整備部"]


def test_a_confirmation_after_the_other_bureau_was_renamed_is_a_plain_renaming(
    client, staff, departments
):
    client.force_login(staff)
    # Meanwhile, in another tab: 都市整備部 became まちづくり部.
    services.bureau_rename(actor=staff, old="都市整備部", new="まちづくり部", renamed_from=2025)

    done = client.post(
        URL,
        {"old": "市民協働部", "new": "都市整備部", "renamed_from": "2025", "merge": "1"},
        follow=True,
    )

    assert (
        "令和7年度から「市民協働部」を「都市整備部」にしました（協働コミュニティ課、文化振興課）。"
        in done.text
    )
    assert sorted(Department.objects.values_list("name", "bureau")) == [
        ("協働コミュニティ課", "都市整備部"),
        ("文化振興課", "都市整備部"),
        ("道路課", "まちづくり部"),
    ]


def _fields(department, **changed):
    values = {f: getattr(department, f) for f in services.DEPARTMENT_FIELDS}
    return services.DepartmentFields(**{**values, **changed})


@pytest.mark.parametrize(
    "typed", ["協働 コミュニティ課", "協働コミュニティ課\u3000", "協働ｺﾐｭﾆﾃｨ課"]
)
def test_a_department_name_spaced_or_in_half_width_kana_is_taken(staff, departments, typed):
    before = _state()

    with pytest.raises(InvalidInput) as refused:
        services.department_create(actor=staff, fields=services.DepartmentFields(name=typed))
    assert str(refused.value.message) == "この名称の課はすでに登録されています。"
    road = departments["道路課"]
    with pytest.raises(InvalidInput):
        services.department_update(actor=staff, department=road, fields=_fields(road, name=typed))

    assert _state() == before


def test_a_department_put_in_a_bureau_takes_the_bureau_as_written(staff, departments):
    department = services.department_create(
        actor=staff,
        fields=services.DepartmentFields(name="ＮＰＯ支援課", bureau="市民\u3000協働部"),
    )

    assert (department.name, department.bureau) == ("NPO支援課", "市民協働部")
    road = departments["道路課"]
    services.department_update(
        actor=staff, department=road, fields=_fields(road, bureau=" 市民 協働部"), renamed_from=2026
    )
    assert Department.objects.get(pk=road.pk).bureau == "市民協働部"
    assert selectors.bureau_names() == ["市民協働部"]


@pytest.mark.django_db(transaction=True)
def test_two_mergers_in_opposite_directions_at_once_end_in_one_bureau(staff, departments):
    from kyodo.collaboration.tests.test_fixes16_departments import _at_once

    def merge(old, new):
        return lambda: services.bureau_rename(
            actor=staff, old=old, new=new, renamed_from=2025, merge=True
        )

    results, errors = _at_once(merge("市民協働部", "都市整備部"), merge("都市整備部", "市民協働部"))

    # Never a deadlock or a server error: the second one finds every 課 in one 部 and renames it
    # (or, had it read first, is told in Japanese).
    assert all(isinstance(e, InvalidInput) for e in errors), errors
    assert len(results) + len(errors) == 2
    assert len(selectors.bureau_names()) == 1
    assert AuditEntry.objects.count() == sum(len(r) for r in results)


def test_an_older_department_name_is_not_renamed_by_its_bureau_s_renaming(staff, departments):
    # Written before names were normalized: a full-width space and full-width letters.
    old = Department.objects.create(
        name="ＮＰＯ\u3000支援課", name_reading="えぬぴーおーしえんか", bureau="市民協働部"
    )

    services.bureau_rename(actor=staff, old="市民協働部", new="市民生活部", renamed_from=2025)

    old.refresh_from_db()
    assert (old.name, old.bureau) == ("ＮＰＯ\u3000支援課", "市民生活部")
    assert not old.names.exists()
    entry = AuditEntry.objects.get(object_repr="ＮＰＯ\u3000支援課")
    assert entry.changes == {
        "bureau": ["市民協働部", "市民生活部"],
        "bureau_from_fiscal_year": 2025,
    }
