"""An id beyond the database's integers in a typed address is the 404 page on every database
(SQLite raised OverflowError: a 500)."""

import pytest

HUGE = "99999999999999999999"
JUST_OVER = str(2**63)
NOT_FOUND = "ページが見つかりません"


@pytest.mark.parametrize(
    "path",
    [
        f"/groups/{HUGE}/",
        f"/collaboration/{JUST_OVER}/",
        f"/committee/minutes/{HUGE}/",
        f"/committee/minutes/2/diff/1/{HUGE}/",
        f"/news/{HUGE}/attachments/1/",
        f"/events/{HUGE}/",
    ],
)
def test_a_huge_id_in_a_public_address_is_not_found(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert NOT_FOUND in response.text


def test_a_huge_id_in_a_staff_post_is_not_found_and_changes_nothing(client, staff_user):
    from kyodo.core.models import AuditEntry

    client.force_login(staff_user)
    before = AuditEntry.objects.count()
    response = client.post(f"/staff/groups/{HUGE}/status/1/cancel/")
    assert response.status_code == 404
    assert AuditEntry.objects.count() == before


def test_the_largest_id_is_looked_up_as_usual(client, db):
    assert client.get(f"/groups/{2**63 - 1}/").status_code == 404
