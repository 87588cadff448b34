"""Statistics on the demo register equal counts made by hand, under both counting settings.

The demo has 12 records (see kyodo/collaboration/demo.py); by hand, for 平成22年度 (FY2010):
1 多文化共生研修会 共催 · 2 子どもアミーゴ 事業協力 (FY2008–2010) · 3 10周年上映会 提案型 ·
4 懇談会 情報交換 · 5 谷戸せせらぎ 協定 (FY2009–2011) · 6 見守り 委託 · 7 子育てひろば 委託
(FY2009–2010) · 8 環境フェスティバル 実行委員会 · 9 合唱団 後援 · 10 防災講座 共催 ·
11 日本語教室 補助; and 12 シネマ上映会 後援 in FY2009 only. Budgets: 見守り 1,200,000, 子育てひろば
3,000,000 (年度別: FY2009 1,400,000, FY2010 1,600,000), 実行委員会 500,000, 日本語教室 200,000 and
the proposal-based 上映会 450,000.
"""

from __future__ import annotations

import io
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kyodo.collaboration.models import (
    Collaboration,
    CollaborationForm,
    CountingSettings,
    Department,
)
from kyodo.collaboration.statistics import (
    NO_DEPARTMENT,
    NO_FIELD,
    Row,
    Statistics,
    Unsplit,
    compute,
)
from kyodo.core.models import AuditEntry
from kyodo.core.text import gojuon_key
from kyodo.core.wareki import fiscal_year_name
from kyodo.organizations.models import ActivityField, Organization, join_codes

pytestmark = pytest.mark.django_db

ALL_BUT_CO_HOSTING = [f for f in CollaborationForm.values if f != "co_hosting"]


def _rows(rows):
    return [(r.label, r.count) for r in rows]


def test_statistics_equal_hand_counts_under_both_settings(demo):
    # Default: 共催 and 委託 count, 後援 does not.
    stats = compute(fiscal_year=2010)
    assert stats.total == 10  # records 1–11 run in FY2010; 9 (後援) is not counted
    # 子育てひろば counts its FY2010 amount, not its whole budget of two years.
    assert stats.budget == 1_200_000 + 1_600_000 + 500_000 + 200_000 + 450_000
    assert [r.budget for r in stats.by_form][:2] == [1_200_000 + 1_600_000, 200_000]
    assert [(r.label, r.count, r.counted) for r in stats.by_form] == [
        ("委託", 2, True),
        ("補助", 1, True),
        ("共催", 2, True),
        ("後援", 1, False),
        ("実行委員会", 1, True),
        ("協定", 1, True),
        ("事業協力", 1, True),
        ("情報交換", 1, True),
        ("提案型協働事業", 1, True),
    ]
    # By department, in gojūon order of the readings; 文化振興課's 後援 is left out.
    assert _rows(stats.by_department) == [
        ("環境保全課", 1),
        ("危機管理室", 1),
        ("協働コミュニティ課", 2),
        ("高齢者支援課", 1),
        ("児童福祉課", 2),
        ("職員課", 1),
        ("文化振興課", 3),
        ("みどり公園課", 1),
    ]
    assert _rows(stats.by_field) == [
        ("保健、医療又は福祉の増進を図る活動", 2),
        ("社会教育の推進を図る活動", 3),
        ("まちづくりの推進を図る活動", 2),
        ("学術、文化、芸術又はスポーツの振興を図る活動", 2),
        ("環境の保全を図る活動", 3),
        ("災害救援活動", 1),
        ("地域安全活動", 2),
        ("国際協力の活動", 2),
        ("子どもの健全育成を図る活動", 3),
        ("職業能力の開発又は雇用機会の拡充を支援する活動", 1),
        ("団体の運営又は活動に関する連絡、助言又は援助の活動", 1),
    ]
    assert _rows(stats.by_fiscal_year) == [
        ("平成20年度", 1),
        ("平成21年度", 3),
        ("平成22年度", 10),
        ("平成23年度", 1),
    ]
    # The years' budgets add up to the budgets of all years (3,000,000 once, not twice).
    assert [r.budget for r in stats.by_fiscal_year] == [0, 1_400_000, 3_950_000, 0]
    assert compute(fiscal_year=None).budget == 1_200_000 + 3_000_000 + 500_000 + 200_000 + 450_000
    assert stats.unsplit == []

    # The other setting: 後援 counts, 共催 does not.
    stats = compute(fiscal_year=2010, counted_forms=ALL_BUT_CO_HOSTING)
    assert stats.total == 9  # 1 and 10 (共催) leave, 9 (後援) comes in
    assert [(r.label, r.counted) for r in stats.by_form if r.label in ("共催", "後援")] == [
        ("共催", False),
        ("後援", True),
    ]
    assert _rows(stats.by_department) == [
        ("環境保全課", 1),
        ("協働コミュニティ課", 2),
        ("高齢者支援課", 1),
        ("児童福祉課", 2),
        ("職員課", 1),
        ("文化振興課", 3),
        ("みどり公園課", 1),
    ]
    assert _rows(stats.by_fiscal_year) == [
        ("平成20年度", 1),
        ("平成21年度", 4),
        ("平成22年度", 9),
        ("平成23年度", 1),
    ]
    all_years = compute(fiscal_year=None, counted_forms=ALL_BUT_CO_HOSTING)
    assert all_years.total == 10  # the 10 non-共催 records, 12 included


def test_the_setting_is_stored_by_staff_and_used_by_the_page_and_the_export(
    client, demo, staff_user
):
    client.force_login(staff_user)
    page = client.get("/staff/collaboration/statistics/?fiscal_year=2010")
    assert 'id="total">協働の件数は10件です。' in page.text
    # The XLSX export opens with openpyxl and has the page's numbers, under either setting.
    _check_xlsx(client, 10, "はい")
    assert (
        "初期設定では後援だけを数えず、委託・補助・共催などほかの形態はすべて数えます。"
    ) in page.text

    response = client.post(
        "/staff/collaboration/statistics/counting/", {"counted_forms": ALL_BUT_CO_HOSTING}
    )
    assert response.status_code == 302
    assert CountingSettings.objects.get().counted_form_list == ALL_BUT_CO_HOSTING
    entry = AuditEntry.objects.get(action="kyodo.collaboration.counting.updated")
    assert entry.actor == staff_user
    page = client.get("/staff/collaboration/statistics/?fiscal_year=2010")
    assert 'id="total">協働の件数は9件です。' in page.text
    _check_xlsx(client, 9, "いいえ")
    # Rows of the charts are server-rendered SVG with the same numbers.
    assert page.text.count("<svg") == 4
    assert "<title>文化振興課：3</title>" in page.text


def test_bad_input_changes_nothing(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/staff/collaboration/statistics/counting/", {"counted_forms": ["gift"]})
    assert response.status_code == 200
    assert "正しく選択してください。 gift は候補にありません。" in response.text
    assert CountingSettings.objects.count() == 0
    # An unknown year is ignored, not an error.
    page = client.get("/staff/collaboration/statistics/?fiscal_year=abc")
    assert page.status_code == 200
    assert "協働の統計（全年度）" in page.text


def _check_xlsx(client, total, co_hosting_counted):
    response = client.get("/staff/collaboration/statistics/export/?fiscal_year=2010")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "形態別",
        "担当課別",
        "活動分野別",
        "年度別",
        "複数年度（按分なし）",
    ]
    stats = compute(fiscal_year=2010)
    by_form = [list(r) for r in workbook["形態別"].iter_rows(min_row=4, values_only=True)]
    assert by_form[2] == ["共催", 2, 0, co_hosting_counted]
    assert by_form[-1] == ["協働件数（合計）", total, stats.budget, None]
    assert [
        (r.label, r.count, r.budget, "はい" if r.counted else "いいえ") for r in stats.by_form
    ] == [tuple(row) for row in by_form[:-1]]
    departments = [tuple(r) for r in workbook["担当課別"].iter_rows(min_row=4, values_only=True)]
    assert departments == _rows(stats.by_department)
    fields = [tuple(r) for r in workbook["活動分野別"].iter_rows(min_row=4, values_only=True)]
    assert fields == _rows(stats.by_field)
    years = [tuple(r) for r in workbook["年度別"].iter_rows(min_row=4, values_only=True)]
    assert years == [(r.label, r.count, r.budget) for r in stats.by_fiscal_year]
    assert workbook["形態別"]["A1"].value == "協働の統計 平成22年度"


def _by_python(*, fiscal_year, counted_forms) -> Statistics:
    """The statistics counted the plain way: every record loaded with its departments and
    groups, and counted one by one in Python."""
    counted = set(counted_forms)
    records = list(Collaboration.objects.prefetch_related("departments", "organizations"))
    stats = Statistics(fiscal_year=fiscal_year, counted_forms=list(counted_forms))
    scoped = [
        r
        for r in records
        if fiscal_year is None or r.first_fiscal_year <= fiscal_year <= r.last_fiscal_year
    ]

    def amount(r, year):
        # By hand: the year's own amount, else the whole budget in the first year only.
        if year is None:
            return r.budget or 0
        if r.yearly_budgets:
            return r.yearly_budgets.get(str(year), 0)
        return (r.budget or 0) if year == r.first_fiscal_year else 0

    for value, label in CollaborationForm.choices:
        of_form = [r for r in scoped if r.form == value]
        stats.by_form.append(
            Row(
                label=str(label),
                count=len(of_form),
                budget=sum(amount(r, fiscal_year) for r in of_form),
                counted=value in counted,
            )
        )
    chosen = [r for r in scoped if r.form in counted]
    stats.total = len(chosen)
    stats.budget = sum(amount(r, fiscal_year) for r in chosen)
    departments = Counter(d for r in chosen for d in r.departments.all())
    for department in sorted(departments, key=lambda d: gojuon_key(d.name_reading or d.name)):
        stats.by_department.append(Row(label=department.name, count=departments[department]))
    if without := sum(1 for r in chosen if not r.departments.all()):
        stats.by_department.append(Row(label=str(NO_DEPARTMENT), count=without))
    codes = [{c for o in r.organizations.all() for c in o.activity_field_list} for r in chosen]
    fields = Counter(c for record_codes in codes for c in record_codes)
    for value, label in ActivityField.choices:
        if fields[value]:
            stats.by_field.append(Row(label=str(label), count=fields[value]))
    if without := sum(1 for record_codes in codes if not record_codes):
        stats.by_field.append(Row(label=str(NO_FIELD), count=without))
    years = Counter(y for r in records if r.form in counted for y in r.fiscal_years)
    for year in sorted(years):
        stats.by_fiscal_year.append(
            Row(
                label=fiscal_year_name(year),
                count=years[year],
                budget=sum(
                    amount(r, year) for r in records if r.form in counted and year in r.fiscal_years
                ),
            )
        )
    labels = dict(CollaborationForm.choices)
    stats.unsplit = [
        Unsplit(
            pk=r.pk,
            title=r.title,
            form=str(labels[r.form]),
            first_fiscal_year=r.first_fiscal_year,
            last_fiscal_year=r.last_fiscal_year,
            budget=r.budget,
            counted=r.form in counted,
        )
        for r in sorted(scoped, key=lambda r: (r.title, r.pk))
        if r.last_fiscal_year > r.first_fiscal_year and r.budget and not r.yearly_budgets
    ]
    return stats


def _random_register(rng: random.Random) -> None:
    kana = "あいうえおかきくけこさしすせそ"
    departments = [
        Department.objects.create(
            name=f"{kana[n]}課", name_reading=rng.choice(["", f"{kana[n]}か"])
        )
        for n in range(8)
    ]
    field_codes = list(ActivityField.values)
    organizations = [
        Organization.objects.create(
            name=f"団体{n}",
            name_reading="だんたい",
            legal_form=Organization.LegalForm.VOLUNTARY,
            # Some groups record no field; a field of the NPO law is counted once per record.
            activity_fields=join_codes(rng.sample(field_codes, rng.choice([0, 1, 2, 4]))),
        )
        for n in range(12)
    ]
    for n in range(90):
        first = rng.randrange(2008, 2015)
        last = first + rng.choice([0, 0, 1, 2])
        budget = rng.choice([None, 0, rng.randrange(1, 10) * 100_000])
        yearly = {}
        if last > first and budget and rng.random() < 0.5:
            # 年度別予算額 adding up to the budget (a year may have nothing).
            cuts = sorted(rng.randrange(0, budget + 1, 50_000) for _ in range(last - first))
            shares = [b - a for a, b in zip([0, *cuts], [*cuts, budget], strict=True)]
            yearly = {str(first + i): share for i, share in enumerate(shares)}
        record = Collaboration.objects.create(
            title=f"協働{n}",
            form=rng.choice(list(CollaborationForm.values)),
            first_fiscal_year=first,
            last_fiscal_year=last,
            budget=budget,
            yearly_budgets=yearly,
        )
        record.departments.set(rng.sample(departments, rng.choice([0, 1, 1, 2, 3])))
        record.organizations.set(rng.sample(organizations, rng.choice([0, 1, 2, 3])))


@pytest.mark.parametrize("seed", [22, 23])
def test_statistics_equal_a_plain_count_on_a_random_register(seed, db):
    rng = random.Random(seed)
    _random_register(rng)
    settings = [
        [f for f in CollaborationForm.values if f != "endorsement"],  # the default
        ALL_BUT_CO_HOSTING,
        rng.sample(list(CollaborationForm.values), 4),
        [],
    ]
    compared = 0
    for counted_forms in settings:
        for fiscal_year in [None, *range(2007, 2018)]:
            with CaptureQueriesContext(connection) as queries:
                stats = compute(fiscal_year=fiscal_year, counted_forms=counted_forms)
            # Whatever the register holds; counting no form needs only the table by form.
            assert len(queries) == (4 if counted_forms else 1)
            expected = _by_python(fiscal_year=fiscal_year, counted_forms=counted_forms)
            assert stats == expected, (counted_forms, fiscal_year)
            compared += 1
    assert compared == 48
    # Not a trivial register: departments, fields and "none recorded" rows all appear.
    all_years = compute(fiscal_year=None, counted_forms=CollaborationForm.values)
    assert all_years.total == 90
    assert len(all_years.by_department) == 9 and len(all_years.by_field) > 10
    # Split and unsplit records of several years both occur, and no budget is counted twice:
    # the years add up to the budgets of all years.
    assert all_years.unsplit and Collaboration.objects.exclude(yearly_budgets={}).exists()
    assert sum(r.budget for r in all_years.by_fiscal_year) == all_years.budget
