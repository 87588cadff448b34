import re

import pytest

from kyodo.core.models import AuditEntry


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_monthly_page_shows_the_figures_and_an_accessible_chart(
    staff_client, december, django_assert_max_num_queries
):
    # 11 for the report, 4 for the center's first record, the rest the session and the user
    with django_assert_max_num_queries(18):
        response = staff_client.get("/staff/reports/monthly/2010-12/")
    page = response.text

    assert response.status_code == 200
    assert "<h1>平成22年12月 月次報告</h1>" in page
    assert "12月の新規団体登録は「ひまわり会」と「NPO法人けやき」の2件。" in page
    assert '<th scope="row">平成22年12月18日(土)</th><td>説明会</td><td>—</td><td>24</td>' in page
    # The chart: SVG with a title and a description, and its figures in a table beside it.
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img" aria-labelledby="trend-title trend-desc"' in svg
    assert (
        '<title id="trend-title">月ごとの実施事業数・相談件数・新規登録団体数（平成22年5月～平成22年12月）</title>'
        in svg
    )
    assert "平成22年12月は実施事業3件、相談3件、新規登録2団体。" in svg
    # From the first record's month (a registration of 2010-05-01): 8 months × 3 series, and
    # the legend.
    assert svg.count("<rect ") == 24 + 3
    assert "<title>平成22年12月 相談：3</title>" in svg
    assert "<caption>グラフの数値</caption>" in page
    assert '<th scope="row">平成22年11月</th><td>1</td><td>1</td><td>0</td><td>20</td>' in page
    # No script draws it: the only ones are the site's own (display switches, forms) and the
    # staff pages' session idle warning.
    scripts = re.findall(r"<script[^>]*>", page)
    assert sorted(scripts) == [
        '<script src="/static/core/site.js" defer>',
        '<script src="/static/core/staff.js" defer>',
    ]
    # Nothing personal reaches the report.
    assert "法人格について相談</" not in page


def test_the_month_picker_accepts_japanese_era_months(staff_client, december):
    response = staff_client.get("/staff/reports/", {"month": "平成２２年１２月"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/reports/monthly/2010-12/"

    response = staff_client.get("/staff/reports/", {"month": "平成31年5月"})
    assert response.status_code == 200
    assert "「平成31年5月」という年月はありません" in response.text


@pytest.mark.parametrize("slug", ["2010-13", "2010-1", "x", "999999-999999", "1800-01"])
def test_a_month_that_does_not_exist_is_not_found(staff_client, slug):
    assert staff_client.get(f"/staff/reports/monthly/{slug}/").status_code == 404
    assert staff_client.get(f"/staff/reports/monthly/{slug}/report.pdf").status_code == 404


def test_downloads(staff_client, december):
    pdf = staff_client.get("/staff/reports/monthly/2010-12/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == (
        'attachment; filename="monthly-report-2010-12.pdf"; '
        "filename*=UTF-8''%E6%9C%88%E6%AC%A1%E5%A0%B1%E5%91%8A_%E5%B9%B3%E6%88%9022%E5%B9%B412%E6%9C%88.pdf"
    )  # 「月次報告_平成22年12月.pdf」
    assert pdf.content.startswith(b"%PDF")
    xlsx = staff_client.get("/staff/reports/monthly/2010-12/report.xlsx")
    assert xlsx.content.startswith(b"PK")
    csv = staff_client.get("/staff/reports/monthly/2010-12/report.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith("\ufeff平成22年12月 月次報告".encode())
    assert staff_client.get("/staff/reports/monthly/2010-12/report.doc").status_code == 404
    assert AuditEntry.objects.filter(action__startswith="kyodo.reports").count() == 0


def test_the_staff_navigation_lists_the_monthly_report(staff_client):
    assert 'href="/staff/reports/"' in staff_client.get("/staff/").text


@pytest.mark.parametrize("who", ["member_user", "group_user"])
def test_other_roles_cannot_read_the_report(client, request, december, who):
    client.force_login(request.getfixturevalue(who))
    for url in ("/staff/reports/", "/staff/reports/monthly/2010-12/",
                "/staff/reports/monthly/2010-12/report.csv"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 403
        assert "ひまわり会" not in response.text
