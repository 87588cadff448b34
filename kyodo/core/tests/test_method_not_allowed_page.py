"""A GET to an address that only takes a form's POST: a page in Japanese, not an empty 405."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_confirmation_step_opened_again_says_why_and_where_to_start(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/staff/groups/import/confirm/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "<title>このページはフォームから開きます" in text
    assert "何も変更していません" in text
    assert '<a href="/staff/groups/import/">この手続きの最初のページへ</a>' in text


def test_signing_out_by_address_is_explained_too(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/accounts/logout/")
    assert response.status_code == 405
    assert "このページはフォームから開きます" in response.content.decode()
    # Still signed in: a GET changes nothing.
    assert client.get("/staff/").status_code == 200


def test_a_head_request_and_a_405_with_its_own_body_are_left_alone(client):
    # The API answers 405 with its JSON error; HEAD answers carry no page.
    api = client.delete("/api/v1/events")
    assert api.status_code == 405
    assert api["Content-Type"].startswith("application/json")
    assert client.head("/accounts/logout/").content == b""
