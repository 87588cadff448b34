"""/opendata/ and /api/v1/docs for people (2026-12-07): a date written for people is in 和暦 with
its weekday (the ISO form stays, as a code sample of what the file holds), a code is named beside
its Japanese label, and the documentation page has a heading of its own."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_csv_s_date_column_shows_its_sample_as_a_day(client):
    page = client.get("/opendata/").text

    assert (
        "<dt>8. <code>開始日</code></dt><dd>開催日（年-月-日の形）。"
        "例：<code>2011-01-18</code>（平成23年1月18日(火)）。</dd>"
    ) in page
    assert "例: 2011-01-18）" not in page


def test_the_catalogue_names_each_kind_beside_its_code(client):
    page = client.get("/opendata/").text

    assert (
        '<li><a href="/calendar/events.ics?kind=briefing">説明会</a>（<code>kind=briefing</code>）</li>'
    ) in page
    assert "<code>cancelled</code>＝中止" in page


def test_the_documentation_page_has_a_heading(client):
    page = client.get("/api/v1/docs").text

    assert page.count("<h1") == 1
    assert (
        '<header class="swagger-ui"><div class="wrapper"><h1>Kyodo 公開データAPI の説明</h1>'
        in page
    )


def test_the_schema_names_every_code_with_its_label(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["EventKind"]["description"] == (
        "事業・イベントの種類のコード：lecture（講座）、salon（サロン）、symposium（シンポジウム）、"
        "round_table（懇談会）、briefing（説明会）、executive_committee（実行委員会）、"
        "social（交流会）、festival（フェスティバル）、other（その他）。"
    )
    assert schemas["LegalForm"]["description"] == (
        "法人格のコード：npo（NPO法人）、general_association（一般社団法人）、"
        "general_foundation（一般財団法人）、voluntary（任意団体）、other（その他）。"
    )
    assert schemas["ActivityField"]["description"].startswith(
        "特定非営利活動促進法の20の活動分野のコード：health（保健、医療又は福祉の増進を図る活動）、"
    )
    assert schemas["ActivityField"]["description"].count("（") == 20
    assert schemas["EventOut"]["properties"]["kind"]["description"] == (
        "種類のコード（lecture＝講座 など。一覧は EventKind）。"
    )
    assert schemas["DecisionOut"]["properties"]["method"]["description"] == (
        "unanimous（満場一致）、majority（多数決）または none（採決なし）。"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_documentation_page_reads_in_japanese_from_its_heading(page):
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()

    # One heading of the first level: Swagger UI's own title (an h1 too) is hidden.
    assert page.get_by_role("heading", level=1).all_inner_texts() == ["Kyodo 公開データAPI の説明"]
    # Swagger UI's 「<name> - Website」 link to the publisher.
    assert (
        page.locator(".info__contact a").first.inner_text() == "Kyodo 公開データAPI のウェブサイト"
    )
