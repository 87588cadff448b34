"""The signed-in person's row, kept by a process until the next write (kyodo.core.signin,
kyodo.core.memo): a signed-in page reads only its session, and a change to the account, its
roles or its seats, made by any process, is seen on the next request. (Inside a test's
transaction nothing is kept: these tests commit.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.core.cache import bump_generation
from kyodo.core.roles import Role, grant_role, user_roles
from kyodo.core.signin import ThrottledModelBackend

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("own_generation")]


def statements(read) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        value = read()
    return len(queries), value


def test_the_row_is_read_once_and_every_request_gets_its_own_copy(make_user):
    staff = make_user("nishiguchi", Role.STAFF)
    backend = ThrottledModelBackend()
    first_count, first = statements(lambda: backend.get_user(staff.pk))
    second_count, second = statements(lambda: backend.get_user(staff.pk))
    assert (first_count, second_count) == (1, 0)
    assert (second.pk, second.username, user_roles(second)) == (staff.pk, "nishiguchi", {"staff"})
    assert second is not first
    second._kyodo_roles.add("member")  # a request's own copy: the next one is not touched
    second.full_name = "別人"
    third = backend.get_user(staff.pk)
    assert (user_roles(third), third.full_name) == ({"staff"}, "nishiguchi")


def test_a_change_to_the_account_or_its_roles_is_seen_at_once(make_user):
    person = make_user("kumada", Role.MEMBER)
    backend = ThrottledModelBackend()
    assert user_roles(backend.get_user(person.pk)) == {"member"}
    grant_role(person, Role.STAFF)
    count, user = statements(lambda: backend.get_user(person.pk))
    assert (count, user_roles(user)) == (1, {"member", "staff"})
    person.set_password("新しい合言葉-2026")
    person.save()
    assert backend.get_user(person.pk).password == person.password  # the session hash follows
    person.is_active = False
    person.save()
    assert backend.get_user(person.pk) is None


def test_another_process_write_or_the_next_day_reads_it_again(make_user, monkeypatch):
    staff = make_user("nishiguchi", Role.STAFF)
    backend = ThrottledModelBackend()
    backend.get_user(staff.pk)
    assert statements(lambda: backend.get_user(staff.pk))[0] == 0
    bump_generation()  # what another process's committed write does
    assert statements(lambda: backend.get_user(staff.pk))[0] == 1
    assert statements(lambda: backend.get_user(staff.pk))[0] == 0
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr("kyodo.core.signin.timezone.localdate", lambda: tomorrow)
    assert statements(lambda: backend.get_user(staff.pk))[0] == 1  # a seat may end at midnight


def test_a_signed_in_page_reads_the_user_once_until_a_write(client, make_user):
    staff = make_user("nishiguchi", Role.STAFF)
    client.force_login(staff)
    client.get("/staff/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staff/").status_code == 200
    assert not any('FROM "core_user"' in q["sql"] for q in queries.captured_queries)
    staff.is_active = False
    staff.save()
    response = client.get("/staff/")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
