"""The fiscal year's report in words (yearend finding 11): one month is 「平成23年4月」, not
「平成23年4月〜平成23年4月」; a finished year says 年度末, a year still running (March included)
期間末, in the summary and in the table."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.reports.exports import rendered_fiscal_year, to_csv
from kyodo.reports.selectors import fiscal_year_report

pytestmark = pytest.mark.django_db


def _overview(doc) -> dict[str, object]:
    return {str(row[0]): row[1] for row in doc.sections[0].rows}


def test_april_alone_is_one_month(december):
    report = fiscal_year_report(fiscal_year=2011, today=date(2011, 4, 10))
    doc = rendered_fiscal_year(report)
    assert doc.title == "平成23年度 事業報告（平成23年4月）"
    assert doc.text.splitlines() == [
        "平成23年4月は、事業を0件実施し（参加者0名）、新規登録団体は0団体、相談は0件でした。",
        "登録団体数は、年度初め4団体、期間末4団体です。",
    ]
    overview = _overview(doc)
    assert overview["対象期間"] == "平成23年4月"
    assert overview["期間末の登録団体数"] == 4
    assert "年度末の登録団体数" not in overview


def test_two_months_are_a_range(december):
    doc = rendered_fiscal_year(fiscal_year_report(fiscal_year=2011, today=date(2011, 5, 1)))
    assert doc.title == "平成23年度 事業報告（平成23年4月〜平成23年5月）"
    assert _overview(doc)["対象期間"] == "平成23年4月〜平成23年5月"


@pytest.mark.parametrize("today", [date(2011, 3, 1), date(2011, 3, 31)])
def test_march_is_still_the_year_running(december, today):
    report = fiscal_year_report(fiscal_year=2010, today=today)
    assert not report.complete
    doc = rendered_fiscal_year(report)
    assert doc.title == "平成22年度 事業報告（平成22年4月〜平成23年3月）"
    assert doc.text.splitlines()[1] == "登録団体数は、年度初め0団体、期間末4団体です。"
    assert _overview(doc)["期間末の登録団体数"] == 4


def test_a_finished_year_says_nendomatsu(december, staff_user, client):
    report = fiscal_year_report(fiscal_year=2010, today=date(2011, 4, 1))
    assert report.complete
    doc = rendered_fiscal_year(report)
    assert doc.title == "平成22年度 事業報告"
    assert doc.text.splitlines()[1] == "登録団体数は、年度初め0団体、年度末4団体です。"
    overview = _overview(doc)
    assert overview["年度末の登録団体数"] == 4
    assert overview["対象期間"] == "平成22年4月〜平成23年3月"
    assert "期間末の登録団体数" not in overview
    assert "年度末の登録団体数,4" in to_csv(doc).decode("utf-8-sig").splitlines()
    client.force_login(staff_user)
    page = client.get("/staff/reports/fiscal/2010/").text
    assert "<p>登録団体数は、年度初め0団体、年度末4団体です。</p>" in page
    assert '<th scope="row">年度末の登録団体数</th><td>4</td>' in page
    assert "期間末" not in page
    assert "年度の途中です" not in page
