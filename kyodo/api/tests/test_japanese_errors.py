"""Every refusal of the API is Japanese and says what to fix; programs still read loc and type."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

KINDS = (
    "lecture（講座）、salon（サロン）、symposium（シンポジウム）、round_table（懇談会）、"
    "briefing（説明会）、executive_committee（実行委員会）、social（交流会）、festival（フェスティバル）、"
    "other（その他）"
)


def refusal(client, url: str, params: dict | None = None) -> list[dict]:
    response = client.get(url, params or {})
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()["detail"]


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        (
            "/api/v1/events",
            {"fiscal_year": "abc"},
            {
                "loc": ["query", "fiscal_year"],
                "type": "int_parsing",
                "msg": "fiscal_year: 年度は整数で指定してください。",
            },
        ),
        (
            "/api/v1/events",
            {"page": "0"},
            {
                "loc": ["query", "page"],
                "type": "greater_than_equal",
                "msg": "page: 1以上の数を指定してください。",
                "ctx": {"ge": 1},
            },
        ),
        (
            "/api/v1/events",
            {"page_size": "101"},
            {
                "loc": ["query", "page_size"],
                "type": "less_than_equal",
                "msg": "page_size: 100以下の数を指定してください。",
                "ctx": {"le": 100},
            },
        ),
        (
            "/api/v1/events",
            {"date_from": "2026-02-30"},
            {
                "loc": ["query", "date_from"],
                "type": "date_from_datetime_parsing",
                "msg": "date_from: 存在しない日付です（2026-02-30）。"
                "YYYY-MM-DD の形で指定してください。",
            },
        ),
        (
            "/api/v1/events",
            {"date_to": "yesterday"},
            {
                "loc": ["query", "date_to"],
                "type": "value_error",
                "msg": "date_to: 日付は YYYY-MM-DD の形で指定してください（例：2010-12-21）。",
            },
        ),
        (
            "/api/v1/events/abc",
            {},
            {
                "loc": ["path", "event_id"],
                "type": "int_parsing",
                "msg": "event_id: 事業・イベントのIDは整数で指定してください。",
            },
        ),
        (
            "/api/v1/events/0",
            {},
            {
                "loc": ["path", "event_id"],
                "type": "greater_than_equal",
                "msg": "event_id: 1以上の数を指定してください。",
                "ctx": {"ge": 1},
            },
        ),
        (
            "/api/v1/groups",
            {"q": "あ" * 201},
            {
                "loc": ["query", "q"],
                "type": "string_too_long",
                "msg": "q: 200文字以内で指定してください。",
                "ctx": {"max_length": 200},
            },
        ),
        (
            "/api/v1/groups",
            {"q": "\x01"},
            {
                "loc": ["query", "q"],
                "type": "value_error",
                "msg": "q: 制御文字（見えない文字）は使えません。",
            },
        ),
        (
            "/api/v1/groups",
            {"legal_form": "kabushiki"},
            {
                "loc": ["query", "legal_form"],
                "type": "enum",
                "msg": "legal_form: 次のいずれかを指定してください：npo（NPO法人）、"
                "general_association（一般社団法人）、general_foundation（一般財団法人）、"
                "voluntary（任意団体）、other（その他）。",
                "ctx": {
                    "expected": [
                        "npo",
                        "general_association",
                        "general_foundation",
                        "voluntary",
                        "other",
                    ]
                },
            },
        ),
        (
            "/api/v1/meetings",
            {"committee": "運営"},
            {
                "loc": ["query", "committee"],
                "type": "string_pattern_mismatch",
                "msg": "committee: 半角の英数字、ハイフン（-）、下線（_）で指定してください"
                "（例：unei）。",
            },
        ),
    ],
)
def test_each_kind_of_bad_parameter_is_said_in_japanese(client, url, params, expected):
    assert refusal(client, url, params) == [expected]


def test_an_unknown_kind_lists_the_kinds_with_their_japanese_names(client):
    [error] = refusal(client, "/api/v1/events", {"kind": "講座"})
    assert error["loc"] == ["query", "kind"]
    assert error["type"] == "enum"
    assert error["msg"] == f"kind: 次のいずれかを指定してください：{KINDS}。"
    assert error["ctx"]["expected"][:2] == ["lecture", "salon"]


def test_several_bad_parameters_are_all_said(client):
    errors = refusal(client, "/api/v1/events", {"fiscal_year": "abc", "page": "0"})
    assert sorted(e["msg"] for e in errors) == [
        "fiscal_year: 年度は整数で指定してください。",
        "page: 1以上の数を指定してください。",
    ]


def test_no_refusal_carries_english(client):
    for url, params in (
        ("/api/v1/events", {"fiscal_year": "1.5"}),
        ("/api/v1/events", {"fiscal_year": "1800"}),
        ("/api/v1/statements", {"meeting": "x"}),
        ("/api/v1/events", {"date_from": "2010-13-01"}),
    ):
        for error in refusal(client, url, params):
            assert "Input" not in error["msg"] and "Value error" not in error["msg"], error
            assert not error["msg"].split(": ", 1)[1].isascii(), error


def test_missing_records_are_404_in_japanese(client, demo):
    from kyodo.committees.models import Minutes

    draft = Minutes.objects.exclude(pk__in=Minutes.objects.published()).first()
    assert draft is not None  # the demo keeps one meeting's minutes unconfirmed
    for url, detail in (
        ("/api/v1/events/999999", "指定された事業・イベントは見つかりません。"),
        ("/api/v1/groups/999999", "指定された登録団体は見つかりません。"),
        ("/api/v1/meetings/999999", "指定された会議は見つかりません。"),
        (
            f"/api/v1/minutes/{draft.meeting_id}",
            "この会議の確定した会議録はありません（会議がないか、会議録が未確定です）。",
        ),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": detail, "type": "not_found"}


@pytest.mark.parametrize("method", ["put", "delete", "post", "patch"])
def test_other_methods_are_405_in_japanese_with_the_allowed_ones(client, method):
    response = getattr(client, method)("/api/v1/events")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": f"この操作（{method.upper()}）はできません。使えるのは GET、HEAD、OPTIONS です。",
        "type": "method_not_allowed",
    }
    assert client.put("/api/v1/").json()["type"] == "method_not_allowed"


def test_the_api_describes_itself_in_japanese(client):
    index = client.get("/api/v1/").json()
    assert index["title"] == "Kyodo 公開データAPI"
    assert index["description"].startswith("市民活動センターの公開データ")
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Kyodo 公開データAPI"
    summaries = {
        f"{method.upper()} {path}": operation["summary"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert summaries == {
        "GET /api/v1/events": "事業・イベントの一覧",
        "GET /api/v1/events/{event_id}": "事業・イベント1件",
        "GET /api/v1/groups": "登録団体の一覧",
        "GET /api/v1/groups/{group_id}": "登録団体1件",
        "GET /api/v1/meetings": "委員会の会議の一覧",
        "GET /api/v1/meetings/{meeting_id}": "委員会の会議1件",
        "GET /api/v1/minutes/{meeting_id}": "確定した会議録",
        "GET /api/v1/statements": "確定した会議録の発言",
    }
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert not operation["description"].isascii()
            for parameter in operation.get("parameters", []):
                description = parameter.get("description") or parameter["schema"].get(
                    "description", ""
                )
                assert description and not description.isascii(), parameter
    assert {tag["name"]: tag["description"] for tag in schema["tags"]} == {
        "events": "事業・イベント",
        "groups": "登録団体",
        "committees": "委員会の会議・会議録・発言",
    }
