"""An import preview confirmed twice (a double click, two tabs) registers its groups once.

The concurrent case runs two requests of the same session in threads, each with its own
database connection, against the production claim store (the database cache), on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from kyodo.core.models import AuditEntry
from kyodo.organizations import services
from kyodo.organizations.exceptions import ImportAlreadyDone, ImportExpired, ImportNameTaken
from kyodo.organizations.models import Organization, OrganizationStatusChange
from kyodo.organizations.tests.factories import make_organization
from kyodo.organizations.tests.test_spreadsheets import GOOD, GOOD_2, csv_bytes

IMPORTED = ["NPO法人ひばり", "西東京風の会"]


@pytest.fixture
def claims_in_the_database(settings):
    # As in production without CACHE_URL: claims in the database cache table (kyodo_ratelimit).
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kyodo_ratelimit",
        },
    }


def _previewed(staff_user) -> tuple[Client, str]:
    client = Client()
    client.force_login(staff_user)
    response = client.post(
        "/staff/groups/import/",
        {"file": SimpleUploadedFile("list.csv", csv_bytes([GOOD, GOOD_2]))},
    )
    assert "2行を取り込めます。0行はエラーがあるため取り込みません。" in response.text
    return client, client.session["organizations_import"]["token"]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _imported_once() -> None:
    assert sorted(Organization.objects.values_list("name", flat=True)) == IMPORTED
    assert sorted(
        OrganizationStatusChange.objects.values_list("organization__name", "effective_date")
    ) == [("NPO法人ひばり", date(2004, 6, 1)), ("西東京風の会", date(2010, 12, 7))]
    assert list(AuditEntry.objects.values_list("action", "changes__count")) == [
        ("kyodo.organizations.organization.imported", 2)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_confirm_imports_once_and_tells_the_second_click(
    staff_user, claims_in_the_database, monkeypatch
):
    first, token = _previewed(staff_user)
    second = Client()
    second.cookies = first.cookies  # the same browser: the same session
    # The first confirmation stays in its transaction a while, so that the second arrives
    # while the preview is still in the session and the groups are not committed yet.
    index = services.indexing.index

    def slow_index(*objects):
        time.sleep(0.5)
        return index(*objects)

    monkeypatch.setattr(services.indexing, "index", slow_index)
    refused = []
    original = services.organizations_import

    def counted(**kwargs):
        try:
            return original(**kwargs)
        except ImportAlreadyDone:
            refused.append(kwargs["preview_token"])
            raise

    monkeypatch.setattr(services, "organizations_import", counted)
    barrier = threading.Barrier(2)
    responses, errors = [], []
    lock = threading.Lock()

    def confirm(client: Client) -> None:
        try:
            barrier.wait(timeout=30)
            response = client.post("/staff/groups/import/confirm/", {"token": token})
            with lock:
                responses.append((response.status_code, response["Location"], _messages(response)))
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(responses) == [
        (302, "/staff/groups/", ["2団体を取り込みました。"]),
        (302, "/staff/groups/", [str(ImportAlreadyDone.default_message)]),
    ]
    # Both clicks reached the service, and the claim (not the name check) stopped the second.
    assert refused == [token]
    _imported_once()


@pytest.mark.django_db
def test_confirming_again_after_the_import_says_it_was_done_and_adds_nothing(client, staff_user):
    client.force_login(staff_user)
    client.post(
        "/staff/groups/import/",
        {"file": SimpleUploadedFile("list.csv", csv_bytes([GOOD, GOOD_2]))},
    )
    token = client.session["organizations_import"]["token"]
    assert _confirm(client, token) == ("/staff/groups/", ["2団体を取り込みました。"])

    again = _confirm(client, token)

    assert again == ("/staff/groups/", [str(ImportAlreadyDone.default_message)])
    _imported_once()
    # A token that was never imported is still an expired preview.
    assert _confirm(client, "never-previewed-1234") == (
        "/staff/groups/import/",
        [str(ImportExpired.default_message)],
    )


def _confirm(client, token: str) -> tuple[str, list[str]]:
    """Where the confirmation leads, and the messages shown there (so used up)."""
    response = client.post("/staff/groups/import/confirm/", {"token": token}, follow=True)
    [(location, status)] = response.redirect_chain
    assert status == 302
    return location, [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_the_service_takes_a_preview_once(staff_user):
    rows = [
        {**_row("西東京風の会", "にしとうきょうかぜのかい"), "registered_on": date(2010, 12, 7)},
    ]
    services.organizations_import(
        actor=staff_user, rows=rows, preview_token="first-preview-token-01"
    )

    with pytest.raises(ImportAlreadyDone):
        services.organizations_import(
            actor=staff_user, rows=rows, preview_token="first-preview-token-01"
        )

    assert Organization.objects.count() == 1
    assert OrganizationStatusChange.objects.count() == 1
    assert AuditEntry.objects.count() == 1
    assert services.import_done(preview_token="first-preview-token-01")
    assert not services.import_done(preview_token="other-preview-token-02")
    assert not services.import_done(preview_token="first-preview-token-01 " * 20)


@pytest.mark.django_db
def test_a_group_registered_since_the_preview_stops_the_import_which_may_then_be_retried(
    client, staff_user
):
    client.force_login(staff_user)
    client.post(
        "/staff/groups/import/",
        {"file": SimpleUploadedFile("list.csv", csv_bytes([GOOD, GOOD_2]))},
    )
    token = client.session["organizations_import"]["token"]
    taken = make_organization("西東京風の会", "にしとうきょうかぜのかい", status="registered")

    assert _confirm(client, token) == (
        "/staff/groups/import/",
        [str(ImportNameTaken.default_message)],
    )
    assert list(Organization.objects.values_list("name", flat=True)) == ["西東京風の会"]
    assert not AuditEntry.objects.exists()
    # Nothing was imported, so the preview was not used up by the refusal.
    assert not services.import_done(preview_token=token)
    taken.delete()
    rows = [
        {**_row("西東京風の会", "にしとうきょうかぜのかい"), "registered_on": date(2010, 12, 7)}
    ]
    services.organizations_import(actor=staff_user, rows=rows, preview_token=token)
    assert Organization.objects.count() == 1


def _row(name: str, reading: str) -> dict:
    from kyodo.organizations.tests.factories import application_data

    data = application_data(name=name, name_reading=reading)
    return {k: v for k, v in data.items() if k != "bylaws"}
