"""An address the API does not have answers the API's own JSON 404 in Japanese (not the site's HTML
page), and the Swagger UI page at /api/v1/docs speaks Japanese."""

from __future__ import annotations

import pytest

NOT_FOUND_TAIL = "使えるアドレスは /api/v1/ と /api/v1/docs にあります。"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "detail"),
    [
        (
            "get",
            "/api/v1/nothing",
            "このアドレス（/api/v1/nothing）はありません。" + NOT_FOUND_TAIL,
        ),
        (
            "get",
            "/api/v1/a/b/c?x=1",
            "このアドレス（/api/v1/a/b/c）はありません。" + NOT_FOUND_TAIL,
        ),
        (
            "get",
            "/api/v1/events/",
            "このアドレス（/api/v1/events/）はありません。"
            "末尾の「/」を付けずに /api/v1/events を指定してください。" + NOT_FOUND_TAIL,
        ),
        (
            "get",
            "/api/v1/groups/3/",
            "このアドレス（/api/v1/groups/3/）はありません。"
            "末尾の「/」を付けずに /api/v1/groups/3 を指定してください。" + NOT_FOUND_TAIL,
        ),
        # A POST is not stopped by the CSRF check with the site's HTML page.
        (
            "post",
            "/api/v1/nothing",
            "このアドレス（/api/v1/nothing）はありません。" + NOT_FOUND_TAIL,
        ),
    ],
)
def test_an_unknown_address_under_the_api_is_a_japanese_json_404(method, url, detail):
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=True), method)(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": detail, "type": "not_found"}


@pytest.mark.django_db
def test_the_api_s_own_addresses_still_answer(client):
    assert client.get("/api/v1/").status_code == 200
    assert client.get("/api/v1/events").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200
    missing = client.get("/api/v1/events/999999")
    assert missing.json() == {
        "detail": "指定された事業・イベントは見つかりません。",
        "type": "not_found",
    }
    # Outside /api/v1/ the site's own 404 page answers as before.
    assert client.get("/no-such-page/")["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.django_db
def test_the_documentation_page_is_declared_japanese_and_loads_the_translation(client):
    page = client.get("/api/v1/docs").content.decode()
    assert '<html lang="ja">' in page
    assert "<title>Kyodo 公開データAPI の説明</title>" in page
    assert page.index("/static/ninja/swagger-ui-bundle.js") < page.index(
        "/static/api/swagger-ja.js"
    )
    assert page.index("/static/api/swagger-ja.js") < page.index("/static/ninja/swagger-ui-init.js")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_shows_its_own_words_in_japanese(page):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    page.locator(".opblock-summary").first.click()
    page.locator(".try-out__btn").wait_for()
    assert page.locator(".try-out__btn").inner_text() == "試してみる"
    assert page.locator(".opblock-section-header h4").first.inner_text() == "パラメーター"
    assert page.locator(".responses-wrapper h4").first.inner_text() == "レスポンス"
    page.locator(".try-out__btn").click()
    assert page.locator(".execute").inner_text() == "実行"
    page.locator(".execute").click()
    page.locator(".live-responses-table").wait_for()
    headings = page.locator(".responses-inner h4, .responses-inner h5").all_inner_texts()
    assert "サーバーの応答" in headings and "リクエストURL" in headings
    body = page.locator("#swagger-ui").inner_text()
    for english in ("Try it out", "Execute", "Parameters", "Responses", "Server response"):
        assert english not in body
    # What the API returned is shown as it is: the response body keeps its JSON keys.
    assert '"items"' in page.locator(".live-responses-table .microlight").first.inner_text()
    assert blocked == []
