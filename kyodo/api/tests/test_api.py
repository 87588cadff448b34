from kyodo.api.opendata import visible_events


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kyodo 公開データAPI"
    assert "/api/v1/events" in schema["paths"]


def test_events_are_listed_with_pagination_and_filters(client, demo):
    response = client.get("/api/v1/events")
    assert response.status_code == 200
    body = response.json()
    expected = list(visible_events())
    assert body["count"] == len(expected)
    assert [item["id"] for item in body["items"]] == [event.pk for event in expected]

    february = client.get("/api/v1/events", {"date_from": "2011-02-01", "date_to": "2011-02-28"})
    assert [i["date"] for i in february.json()["items"]] == [
        e.date.isoformat() for e in expected if e.date.year == 2011 and e.date.month == 2
    ]
    fy2010 = client.get("/api/v1/events", {"fiscal_year": 2010}).json()
    assert fy2010["count"] == len(
        [e for e in expected if "2010-04-01" <= e.date.isoformat() <= "2011-03-31"]
    )


def test_bad_filter_values_are_422_not_500(client, db):
    for params in ({"date_from": "yesterday"}, {"fiscal_year": "abc"}, {"page": "-1"}):
        assert client.get("/api/v1/events", params).status_code == 422
    assert client.get("/api/v1/events/999999").status_code == 404


def test_a_date_is_written_yyyy_mm_dd_not_a_time_stamp(client, db):
    for value in ("0.0", "1292889600", "2010-12-1"):
        response = client.get("/api/v1/statements", {"date_from": value})
        assert response.status_code == 422, value
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "date_from"]
        assert error["msg"].endswith("日付は YYYY-MM-DD の形で指定してください（例：2010-12-21）。")
    assert client.get("/api/v1/statements", {"date_from": "2010-12-21"}).status_code == 200


def test_date_range_and_fiscal_year_combine_and_pagination_walks_every_event(client, demo):
    def ids(**params):
        return [item["id"] for item in client.get("/api/v1/events", params).json()["items"]]

    expected = list(visible_events())
    by_title = {event.name: event.pk for event in expected}
    # Fiscal year 2010 (2010-04-01 to 2011-03-31) from 2011-02-01: the two February events.
    assert ids(fiscal_year=2010, date_from="2011-02-01") == [
        by_title["会計講座中級編"],
        by_title["協働を考えるシンポジウム"],
    ]
    assert ids(fiscal_year=2011) == []
    backwards = client.get("/api/v1/events", {"date_from": "2011-02-01", "date_to": "2011-01-31"})
    assert backwards.status_code == 400
    assert backwards.json() == {
        "detail": "開始日（date_from）が終了日（date_to）より後になっています。"
        "（2011-02-01 と 2011-01-31）",
        "type": "bad_request",
    }
    assert ids(date_from="2011-01-26", date_to="2011-01-26") == [
        by_title["行政職員と市民活動団体の懇談会"]
    ]
    assert ids(kind="symposium") == [by_title["協働を考えるシンポジウム"]]

    pages = [
        client.get("/api/v1/events", {"page_size": 3, "page": n}).json() for n in (1, 2, 3, 4, 5)
    ]
    assert [body["count"] for body in pages] == [len(expected)] * 5
    assert [item["id"] for body in pages for item in body["items"]] == [e.pk for e in expected]
    assert [len(body["items"]) for body in pages] == [3, 3, 3, 1, 0]


def test_out_of_range_numbers_are_422_not_a_database_error(client, db):
    for url, params in (
        ("/api/v1/events", {"page": 100_001}),
        ("/api/v1/events", {"page": 10**20}),
        ("/api/v1/events", {"page_size": 101}),
        ("/api/v1/events", {"page_size": 0}),
        ("/api/v1/events", {"kind": "party"}),
        ("/api/v1/events", {"fiscal_year": 10**6}),
        ("/api/v1/statements", {"meeting": 2**63}),
        ("/api/v1/events/9223372036854775808", {}),
        ("/api/v1/groups/0", {}),
        ("/api/v1/minutes/99999999999999999999", {}),
    ):
        assert client.get(url, params).status_code == 422, (url, params)
    assert client.get("/api/v1/events", {"page": 100_000}).json()["items"] == []
    assert client.get("/api/v1/events/9223372036854775807").status_code == 404


def test_the_schema_documents_errors_and_local_times(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    event = schema["paths"]["/api/v1/events/{event_id}"]["get"]
    assert sorted(event["responses"]) == ["200", "400", "404", "422"]
    assert sorted(schema["paths"]["/api/v1/statements"]["get"]["responses"]) == [
        "200",
        "400",
        "422",
    ]
    start = schema["components"]["schemas"]["EventOut"]["properties"]["start_time"]["anyOf"][0]
    assert start["type"] == "string" and "format" not in start
    assert start["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
