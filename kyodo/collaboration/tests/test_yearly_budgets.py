"""The budget of a collaboration over several fiscal years, counted per year (yearend finding 7).

A 委託 over 令和6〜7年度 with 予算額 1,200,000 was counted 1,200,000 in each year's statistics:
the years added up to twice the contract. A record now takes its amount for each fiscal year
(年度別予算額, optional, adding up to the budget); a year's statistics count that year's
amount; a record without them counts its whole budget in its first year, and the statistics say
so (複数年度（按分なし）). See docs/collaboration.md.
"""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from openpyxl import load_workbook

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.forms import RecordForm
from kyodo.collaboration.models import Collaboration
from kyodo.collaboration.statistics import Unsplit, compute
from kyodo.core.audit import audit_rows
from kyodo.core.models import AuditEntry
from kyodo.core.versions import StaleEdit, check_version, edit_version

pytestmark = pytest.mark.django_db

RECORDS = "/staff/collaboration/records"


def _create(staff, title="市民活動情報誌の発行業務", **fields):
    values = {
        "title": title,
        "form": "consignment",
        "first_fiscal_year": 2024,
        "last_fiscal_year": 2025,
        "budget": 1_200_000,
        **fields,
    }
    return services.collaboration_create(actor=staff, fields=services.CollaborationFields(**values))


def _budgets(fiscal_year):
    stats = compute(fiscal_year=fiscal_year)
    by_form = {r.label: (r.count, r.budget) for r in stats.by_form if r.count}
    return by_form, stats.budget


# --- statistics --------------------------------------------------------------------------------


def test_the_yearend_case_counts_the_contract_once(staff):
    # As the tester entered it: no amounts per year. The whole budget counts in 令和6年度.
    record = _create(staff)
    _create(
        staff,
        title="こども食堂の立ち上げ補助",
        form="subsidy",
        first_fiscal_year=2025,
        last_fiscal_year=None,
        budget=300_000,
    )

    assert _budgets(2024) == ({"委託": (1, 1_200_000)}, 1_200_000)
    assert _budgets(2025) == ({"委託": (1, 0), "補助": (1, 300_000)}, 300_000)
    assert _budgets(None) == ({"委託": (1, 1_200_000), "補助": (1, 300_000)}, 1_500_000)
    trend = compute(fiscal_year=None).by_fiscal_year
    assert [(r.label, r.count, r.budget) for r in trend] == [
        ("令和6年度", 1, 1_200_000),
        ("令和7年度", 2, 300_000),
    ]
    # Said plainly, in both years the record runs in.
    unsplit = Unsplit(
        pk=record.pk,
        title="市民活動情報誌の発行業務",
        form="委託",
        first_fiscal_year=2024,
        last_fiscal_year=2025,
        budget=1_200_000,
        counted=True,
    )
    assert compute(fiscal_year=2025).unsplit == [unsplit]
    assert (unsplit.period, unsplit.counted_in) == ("令和6年度～令和7年度", "令和6年度")


def test_amounts_per_year_count_in_their_years(staff):
    _create(staff, yearly_budgets={2024: 500_000, 2025: 700_000})

    assert _budgets(2024) == ({"委託": (1, 500_000)}, 500_000)
    assert _budgets(2025) == ({"委託": (1, 700_000)}, 700_000)
    assert _budgets(None) == ({"委託": (1, 1_200_000)}, 1_200_000)
    assert compute(fiscal_year=2025).unsplit == []
    record = Collaboration.objects.get()
    assert record.yearly_budgets == {"2024": 500_000, "2025": 700_000}
    assert [record.amount_in(y) for y in (2023, 2024, 2025, 2026)] == [0, 500_000, 700_000, 0]


def test_the_budget_left_empty_becomes_the_total_of_the_years(staff):
    record = _create(staff, budget=None, yearly_budgets={2024: 400_000, 2025: 0})
    assert (record.budget, record.budget_by_year) == (400_000, {2024: 400_000, 2025: 0})


def test_a_single_year_keeps_no_amounts_per_year(staff):
    record = _create(staff, last_fiscal_year=2024, yearly_budgets={2024: 1_200_000})
    assert (record.budget, record.yearly_budgets) == (1_200_000, {})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"yearly_budgets": {2024: 600_000}},
            "年度別予算額は期間（令和6年度～令和7年度）のすべての年度について入れるか、まったく"
            "入れないかにしてください。令和7年度がありません。",
        ),
        (
            {"yearly_budgets": {2024: 600_000, 2025: 300_000, 2026: 300_000}},
            "令和8年度は事業の期間（令和6年度～令和7年度）の外です。期間の年度の額だけを入れて"
            "ください。",
        ),
        (
            {"yearly_budgets": {2024: 600_000, 2025: 500_000}},
            "年度別予算額の合計（1,100,000円）が予算額（1,200,000円）と一致しません。どちらかを"
            "直してください（予算額を空欄にすると年度別予算額の合計になります）。",
        ),
        (
            {"yearly_budgets": {2024: -1, 2025: 1_200_001}},
            "金額にマイナスは入力できません。",
        ),
    ],
)
def test_amounts_that_do_not_fit_are_refused_and_nothing_is_saved(staff, fields, message):
    with pytest.raises(InvalidInput) as refused:
        _create(staff, **fields)
    assert (str(refused.value.message), refused.value.field) == (message, "yearly_budgets")
    assert not Collaboration.objects.exists()
    assert not AuditEntry.objects.exists()


def test_shortening_the_period_under_its_amounts_is_refused(staff):
    record = _create(staff, yearly_budgets={2024: 500_000, 2025: 700_000})
    with pytest.raises(InvalidInput) as refused:
        services.collaboration_update(
            actor=staff,
            record=record,
            fields=services.CollaborationFields(
                title=record.title,
                form=record.form,
                first_fiscal_year=2024,
                last_fiscal_year=2024,
                budget=1_200_000,
            ),
        )
    assert str(refused.value.message) == (
        "令和7年度は事業の期間（令和6年度）の外です。期間の年度の額だけを入れてください。"
    )
    record.refresh_from_db()
    assert (record.last_fiscal_year, record.budget_by_year) == (
        2025,
        {2024: 500_000, 2025: 700_000},
    )


# --- the record's form and page ------------------------------------------------------------------


def _post_data(**extra):
    return {
        "title": "市民活動情報誌の発行業務",
        "form": "consignment",
        "first_fiscal_year": "令和6年度",
        "last_fiscal_year": "R7",
        "budget": "120万円",
        **extra,
    }


def test_staff_enter_the_amounts_in_the_form_and_see_them_on_the_page(client, staff):
    client.force_login(staff)
    page = client.get(f"{RECORDS}/new/")
    # Three empty rows of 年度 and 金額, each box with its own label.
    assert page.text.count('<label class="visually-hidden" for="id_yearly_budgets_') == 6
    assert '<label class="visually-hidden" for="id_yearly_budgets_5">3行目の金額（円）</label>' in (
        page.text
    )

    response = client.post(
        f"{RECORDS}/new/",
        _post_data(
            yearly_budgets_0="令和6年度",
            yearly_budgets_1="50万円",
            yearly_budgets_2="2025",
            yearly_budgets_3="７００，０００",
        ),
    )
    assert response.status_code == 302
    record = Collaboration.objects.get()
    assert (record.budget, record.yearly_budgets) == (
        1_200_000,
        {"2024": 500_000, "2025": 700_000},
    )

    page = client.get(f"{RECORDS}/{record.pk}/").text
    table = page.split('id="yearly-budgets">')[1].split("</dd>")[0]
    assert (
        '<tbody><tr><th scope="row">令和6年度</th><td>500,000</td></tr>'
        '<tr><th scope="row">令和7年度</th><td>700,000</td></tr></tbody>'
    ) in table

    edit = client.get(f"{RECORDS}/{record.pk}/edit/").text
    assert 'name="yearly_budgets_0" value="令和6年度"' in edit
    assert 'name="yearly_budgets_1" value="500,000"' in edit
    assert 'name="yearly_budgets_3" value="700,000"' in edit


def test_a_record_without_amounts_says_how_it_is_counted(client, staff):
    record = _create(staff)
    client.force_login(staff)
    page = client.get(f"{RECORDS}/{record.pk}/").text
    assert (
        'id="yearly-budgets">複数年度（按分なし）：統計では予算額の全額を令和6年度に計上します。</dd>'
    ) in page
    # The edit page lists the period's years, ready for their amounts.
    edit = client.get(f"{RECORDS}/{record.pk}/edit/").text
    assert 'name="yearly_budgets_0" value="令和6年度"' in edit
    assert 'name="yearly_budgets_2" value="令和7年度"' in edit
    assert '<input type="text" name="yearly_budgets_1" size="14" inputmode="numeric"' in edit


def test_bad_rows_are_refused_with_their_row_and_nothing_is_saved(client, staff):
    client.force_login(staff)
    response = client.post(
        f"{RECORDS}/new/",
        _post_data(
            yearly_budgets_1="50万円",
            yearly_budgets_2="令和6年度",
            yearly_budgets_3="50万円",
            yearly_budgets_4="R6",
            yearly_budgets_5="1",
            yearly_budgets_6="令和7年度",
            yearly_budgets_7="五十万円",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["yearly_budgets"] == [
        "1行目：金額の年度を入れてください。",
        "3行目：令和6年度が2回入力されています。",
        "4行目：金額は「500000」「500,000円」「50万円」「1.2億円」のように数字で入力してください。",
    ]
    # The four rows sent come back as typed.
    assert 'name="yearly_budgets_7" value="五十万円"' in response.text
    assert not Collaboration.objects.exists()


def test_a_period_longer_than_the_rows_gets_a_row_per_year(staff):
    form = RecordForm(_post_data(first_fiscal_year="平成21年度", last_fiscal_year="平成27年度"))
    assert form.fields["yearly_budgets"].widget.rows == 7
    assert RecordForm(_post_data(yearly_budgets_11="1")).fields["yearly_budgets"].widget.rows == 6
    # Whatever a request claims, the table stays bounded.
    assert (
        RecordForm(_post_data(yearly_budgets_99999="1")).fields["yearly_budgets"].widget.rows == 60
    )


# --- the statistics page and its export ----------------------------------------------------------


def test_the_statistics_page_and_export_count_the_year(client, staff):
    _create(staff)
    _create(staff, title="子育てひろばの運営", yearly_budgets={2024: 500_000, 2025: 700_000})
    client.force_login(staff)

    page = client.get("/staff/collaboration/statistics/?fiscal_year=2025").text
    assert '<tr><th scope="row">委託</th><td>2</td><td>700,000</td><td>はい</td></tr>' in page
    years = page.split('id="table-year"')[1].split("</table>")[0]
    assert '<tr><th scope="row">令和6年度</th><td>2</td><td>1,700,000</td></tr>' in years
    assert '<tr><th scope="row">令和7年度</th><td>2</td><td>700,000</td></tr>' in years
    unsplit = page.split('id="table-unsplit"')[1].split("</table>")[0]
    assert "市民活動情報誌の発行業務</a></th><td>委託</td><td>令和6年度～令和7年度</td>" in unsplit
    assert "<td>1,200,000</td><td>令和6年度</td></tr>" in unsplit
    assert "子育てひろば" not in unsplit
    assert "全額を初年度に計上します（複数年度・按分なし）" in page

    response = client.get("/staff/collaboration/statistics/export/?fiscal_year=2025")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = [list(r) for r in workbook["形態別"].iter_rows(min_row=4, values_only=True)]
    assert rows[0] == ["委託", 2, 700_000, "はい"]
    assert rows[-1] == ["協働件数（合計）", 2, 700_000, None]
    assert [list(r) for r in workbook["年度別"].iter_rows(min_row=3, values_only=True)] == [
        ["年度", "件数", "予算額（円）"],
        ["令和6年度", 2, 1_700_000],
        ["令和7年度", 2, 700_000],
    ]
    assert [
        list(r) for r in workbook["複数年度（按分なし）"].iter_rows(min_row=3, values_only=True)
    ] == [
        ["名称", "形態", "年度", "予算額（円）", "計上年度"],
        ["市民活動情報誌の発行業務", "委託", "令和6年度～令和7年度", 1_200_000, "令和6年度"],
    ]


# --- the audit log and the edit version ------------------------------------------------------------


def test_the_audit_log_writes_the_amounts_in_words(staff):
    record = _create(staff, yearly_budgets={2024: 500_000, 2025: 700_000})
    services.collaboration_update(
        actor=staff,
        record=record,
        fields=services.CollaborationFields(
            title=record.title,
            form=record.form,
            first_fiscal_year=2024,
            last_fiscal_year=2025,
            budget=1_200_000,
            yearly_budgets={2024: 600_000, 2025: 600_000},
        ),
    )
    created, updated = audit_rows(AuditEntry.objects.order_by("pk"))
    lines = {line.label: line.text for line in created.changes}
    assert lines["年度別予算額"] == "令和6年度 500,000円、令和7年度 700,000円"
    assert (lines["開始年度"], lines["終了年度"], lines["予算額（円）"]) == (
        "令和6年度",
        "令和7年度",
        "1,200,000円",
    )
    assert [(line.label, line.text) for line in updated.changes] == [
        (
            "年度別予算額",
            "令和6年度 500,000円、令和7年度 700,000円 → 令和6年度 600,000円、令和7年度 600,000円",
        )
    ]


def test_a_stale_save_lists_the_other_persons_amounts_in_words(staff):
    record = _create(staff, yearly_budgets={2024: 500_000, 2025: 700_000})
    version = edit_version(record, ("organizations", "departments", "events"))
    Collaboration.objects.filter(pk=record.pk).update(
        yearly_budgets={"2024": 1_000_000, "2025": 200_000}
    )
    with pytest.raises(StaleEdit) as stale:
        check_version(
            Collaboration.objects.get(pk=record.pk),
            version,
            ("organizations", "departments", "events"),
        )
    assert [(c.label, c.before, c.after) for c in stale.value.changes] == [
        (
            "年度別予算額",
            "令和6年度 500,000円、令和7年度 700,000円",
            "令和6年度 1,000,000円、令和7年度 200,000円",
        )
    ]


# --- the migration -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_records():
    executor = MigrationExecutor(connection)
    before, after = (
        ("collaboration", "0001_initial"),
        ("collaboration", "0002_collaboration_yearly_budgets"),
    )
    executor.migrate([before])
    try:
        old = executor.loader.project_state([before]).apps.get_model(
            "collaboration", "Collaboration"
        )
        old.objects.create(
            title="子育てひろばの運営",
            form="consignment",
            first_fiscal_year=2009,
            last_fiscal_year=2010,
            budget=3_000_000,
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    record = Collaboration.objects.get()
    assert (record.budget, record.yearly_budgets, record.budget_unsplit) == (3_000_000, {}, True)
    assert [record.amount_in(y) for y in (2009, 2010)] == [3_000_000, 0]
    assert after in MigrationExecutor(connection).loader.applied_migrations
