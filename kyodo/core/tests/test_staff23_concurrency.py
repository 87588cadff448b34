"""Two center managers removing each other at the same moment leave one manager, on SQLite and
PostgreSQL (each thread its own connection, as each web worker has): brief 7."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from kyodo.core import people
from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role
from kyodo.events.tests.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


@pytest.fixture
def two_managers(make_user):
    return [
        make_user("nishiguchi", Role.STAFF, Role.MANAGER, full_name="西口"),
        make_user("maruki", Role.STAFF, Role.MANAGER, full_name="丸木"),
    ]


def _outcomes(work, count: int = 2) -> list[str]:
    def run(n: int) -> str:
        try:
            work(n)
        except (people.PeopleError, PermissionDenied) as refused:
            # Refused for what the other had already committed: the last manager (both read
            # before), or no longer a manager / no longer active (read after).
            return type(refused).__name__
        return "done"

    results, errors = run_at_once(run, count)
    assert errors == []
    return sorted(results)


def test_two_managers_demoting_each_other_at_once_leave_one(two_managers):
    a, b = two_managers

    def demote_the_other(n: int) -> None:
        actor, other = (a, b) if n == 0 else (b, a)
        people.user_set_roles(actor=User.objects.get(pk=actor.pk), user=other, roles=[Role.STAFF])

    outcomes = _outcomes(demote_the_other)
    assert outcomes[1] == "done"
    assert outcomes[0] in ("LastManager", "ManagerProtected")
    assert people.active_managers().count() == 1
    assert AuditEntry.objects.filter(action="kyodo.core.user.roles_changed").count() == 1


def test_two_managers_deactivating_each_other_at_once_leave_one(two_managers):
    a, b = two_managers

    def deactivate_the_other(n: int) -> None:
        actor, other = (a, b) if n == 0 else (b, a)
        people.user_set_active(actor=User.objects.get(pk=actor.pk), user=other, active=False)

    outcomes = _outcomes(deactivate_the_other)
    assert outcomes[1] == "done"
    assert outcomes[0] in ("LastManager", "PermissionDenied")
    assert people.active_managers().count() == 1
    assert AuditEntry.objects.filter(action="kyodo.core.user.deactivated").count() == 1
