"""``atomic_release_early()`` (kyodo/core/transactions.py): on PostgreSQL the transaction commits
without waiting for the disk, and the block returns only once the WAL is flushed past that
commit; nested or on SQLite it is ``transaction.atomic()``. On the real server, outside the
test's transaction (``transactional_db``), since the point is the commit."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from kyodo.core.models import Venue
from kyodo.core.transactions import ASYNC_COLUMN, ASYNC_SQL, FLUSH_SQL, atomic_release_early

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit: PostgreSQL only"
)


def setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('synchronous_commit')")
        return cursor.fetchone()[0]


@pytest.fixture
def statements():
    """Every statement sent, and the WAL insert position when the flush statement was sent
    (the commit is written by then)."""
    seen: list[str] = []
    positions: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        if sql == FLUSH_SQL:
            with connection.connection.cursor() as cursor:  # not through this wrapper
                cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
                positions.append(cursor.fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen, positions


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_commits_without_waiting_and_returns_once_on_disk(statements):
    seen, positions = statements
    with atomic_release_early():
        assert setting() == "off"
        Venue.objects.create(name="第1会議室")
    assert setting() == "on"
    assert Venue.objects.filter(name="第1会議室").count() == 1
    assert seen.count(FLUSH_SQL) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", [positions[0]])
        assert cursor.fetchone() == (True,)  # the commit is on disk when the block returns


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_block_rolls_back_and_flushes_nothing(statements):
    seen, _positions = statements
    with pytest.raises(ValueError), atomic_release_early():
        Venue.objects.create(name="第2会議室")
        raise ValueError
    assert Venue.objects.filter(name="第2会議室").count() == 0
    assert FLUSH_SQL not in seen
    assert setting() == "on"


@pytest.mark.django_db(transaction=True)
def test_inside_an_outer_transaction_it_is_atomic(statements):
    seen, _positions = statements
    with transaction.atomic():
        with atomic_release_early(setting_by_caller=True) as column:
            assert column is None  # nothing for the caller to set: the outer one commits
            Venue.objects.create(name="第3会議室")
            if connection.vendor == "postgresql":
                assert setting() == "on"  # the outer transaction commits, as it chooses
        with pytest.raises(ValueError), atomic_release_early():
            Venue.objects.create(name="第4会議室")
            raise ValueError  # a savepoint, rolled back alone
    assert list(
        Venue.objects.filter(name__in=["第3会議室", "第4会議室"]).values_list("name", flat=True)
    ) == ["第3会議室"]
    assert FLUSH_SQL not in seen


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_caller_can_carry_the_setting_in_a_statement_of_its_own(statements):
    seen, positions = statements
    with atomic_release_early(setting_by_caller=True) as column:
        assert column == ASYNC_COLUMN
        assert setting() == "on"  # not set by the block
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*), {column} FROM core_venue")
            assert cursor.fetchone()[1] == "off"
        assert setting() == "off"
        Venue.objects.create(name="第5会議室")
    assert setting() == "on"
    assert (ASYNC_SQL in seen, seen.count(FLUSH_SQL)) == (False, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", [positions[0]])
        assert cursor.fetchone() == (True,)


def _next_venue_ids(count: int) -> list[int]:
    from kyodo.core.statements import next_id_sql

    column, params = next_id_sql(Venue)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM generate_series(1, %s)", [*params, count])
        return [row[0] for row in cursor.fetchall()]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_in_a_pipeline_the_rows_go_with_the_commit_and_a_refusal_rolls_back(statements):
    from kyodo.core.statements import insert_together, pipelined

    seen, positions = statements
    first, second = _next_venue_ids(2)
    with pipelined(), atomic_release_early():
        insert_together(
            [Venue(pk=first, name="第6会議室"), Venue(pk=second, name="第7会議室")], wait=False
        )
    # The connection is back in autocommit for Django and psycopg alike, the rows committed
    # and on disk.
    assert (connection.get_autocommit(), connection.connection.autocommit) == (True, True)
    assert sorted(Venue.objects.filter(pk__in=[first, second]).values_list("pk", "name")) == [
        (first, "第6会議室"),
        (second, "第7会議室"),
    ]
    assert seen.count(FLUSH_SQL) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", [positions[0]])
        assert cursor.fetchone() == (True,)

    with pytest.raises(ValueError), pipelined(), atomic_release_early():
        Venue.objects.create(name="第8会議室")
        raise ValueError
    assert (connection.get_autocommit(), connection.connection.autocommit) == (True, True)
    assert not Venue.objects.filter(name="第8会議室").exists()
    assert seen.count(FLUSH_SQL) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_in_a_pipeline_a_row_refused_by_the_database_fails_the_commit_and_writes_nothing():
    from django.db import IntegrityError

    from kyodo.core.statements import insert_together, pipelined

    (taken,) = _next_venue_ids(1)
    Venue.objects.create(pk=taken, name="第9会議室")
    (fresh,) = _next_venue_ids(1)
    with pytest.raises(IntegrityError), pipelined(), atomic_release_early():
        insert_together(
            [Venue(pk=fresh, name="第10会議室"), Venue(pk=taken, name="重複")], wait=False
        )
    assert (connection.get_autocommit(), connection.connection.autocommit) == (True, True)
    assert list(Venue.objects.order_by("pk").values_list("name", flat=True)) == ["第9会議室"]
