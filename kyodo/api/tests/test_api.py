from kyodo.api.opendata import public_events


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kyodo API"
    assert "/api/v1/events" in schema["paths"]


def test_events_are_listed_with_pagination_and_filters(client, demo):
    response = client.get("/api/v1/events")
    assert response.status_code == 200
    body = response.json()
    expected = list(public_events())
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
