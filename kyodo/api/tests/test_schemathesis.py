"""Property-based run of schemathesis against /api/v1/openapi.json over the demo: for every
operation, generated requests, valid and invalid, get no 5xx, and every answer matches the
schema (documented status code, content type, body).

The app is called in-process through Django's WSGI handler, inside the test's transaction, so
it sees the demo loaded by the fixture. Examples per operation are capped to keep the run short.
(``schemathesis.pytest.from_fixture`` does not work with pytest 9 yet, so the operations are
walked here and each one's strategy is run with hypothesis directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

pytestmark = pytest.mark.slow

EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}


@pytest.fixture
def keep_connection():
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction (and the demo in it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# A request the schema allows may still be refused with the API's documented 400: a start date
# after the end date, a committee or series that does not exist (checked in ``check`` below).
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]}}}
)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)
    return [result.ok() for result in schema.get_all_operations()]


def _run(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call_and_validate()
        assert response.status_code < 500, case.as_curl_command()
        if response.status_code == 400:
            assert response.json()["type"] == "bad_request", case.as_curl_command()

    check()


def test_the_api_keeps_to_its_schema(demo, keep_connection):
    operations = _operations()
    assert sorted(op.label for op in operations) == [
        "GET /api/v1/events",
        "GET /api/v1/events/{event_id}",
        "GET /api/v1/groups",
        "GET /api/v1/groups/{group_id}",
        "GET /api/v1/meetings",
        "GET /api/v1/meetings/{meeting_id}",
        "GET /api/v1/minutes/{meeting_id}",
        "GET /api/v1/statements",
    ]
    # Valid requests first, then invalid ones (which must be refused with a documented 4xx).
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for operation in operations:
            _run(operation, mode)
