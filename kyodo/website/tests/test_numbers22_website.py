"""Session 22: the walking time on the access form is read as people type it (full-width
digits), in a text box that shows back what was typed; anything else is refused in Japanese
with nothing stored."""

from __future__ import annotations

import pytest

from kyodo.core.models import AuditEntry
from kyodo.website.models import AccessInfo

pytestmark = pytest.mark.django_db

URL = "/staff/site/access/"


def _form(client, **overrides) -> dict:
    page = client.get(URL)
    return {
        "postal_code": "188-0011",
        "address": "東京都西東京市田無町4丁目",
        "walking_minutes": "",
        "edit_version": page.context["form"]["edit_version"].value(),
        **overrides,
    }


@pytest.mark.parametrize(("typed", "minutes"), [("３", 3), ("１２０", 120), ("", None)])
def test_the_walking_time_as_people_type_it(client, staff_user, typed, minutes):
    client.force_login(staff_user)
    response = client.post(URL, _form(client, walking_minutes=typed))
    assert response.status_code == 302
    assert AccessInfo.objects.get().walking_minutes == minutes


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "数字で入力してください（例：15）。"),
        ("0", "1以上の値を入力してください。"),
        ("１２１", "120以下の値を入力してください。"),
    ],
)
def test_a_wrong_walking_time_is_refused_and_nothing_stored(client, staff_user, typed, message):
    client.force_login(staff_user)
    before = list(AccessInfo.objects.values_list("walking_minutes", flat=True))
    response = client.post(URL, _form(client, walking_minutes=typed))
    assert response.status_code == 400
    assert message in response.text
    assert (
        f'<input type="text" name="walking_minutes" value="{typed}" inputmode="numeric"'
        in response.text
    )
    assert list(AccessInfo.objects.values_list("walking_minutes", flat=True)) == before
    assert not AuditEntry.objects.filter(action="kyodo.website.access.updated").exists()
