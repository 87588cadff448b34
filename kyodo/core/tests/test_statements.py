"""kyodo.core.statements.Prepared gives what the queryset gives, in one statement compiled once,
and refuses what it cannot reproduce; the signed-in person comes with their roles; insert()
writes what save() writes."""

import uuid
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Value, signals
from django.db.models.functions import Concat
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from kyodo.committees.models import Committee, Member, Membership
from kyodo.core.models import AuditEntry, Center, Venue
from kyodo.core.roles import Role, user_roles
from kyodo.core.signin import ThrottledModelBackend
from kyodo.core.statements import Prepared, insert, insert_together, next_id_sql
from kyodo.core.tasks import deliver_outbox_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def venues():
    Venue.objects.create(name="第1会議室", name_reading="だいいちかいぎしつ", capacity=30)
    Venue.objects.create(name="ホール", name_reading="ほーる", capacity=120)
    Venue.objects.create(name="和室", name_reading="わしつ", capacity=12)
    Venue.objects.create(name="旧倉庫", name_reading="きゅうそうこ", capacity=50, is_active=False)


ROOMS = Prepared(
    lambda before, capacity: Venue.objects.filter(
        is_active=True, name_reading__lt=before, capacity__gte=capacity
    ).annotate(label=Concat("name", Value("（"), "building", Value("）"))),
    before="ん",
    capacity=0,
)


def test_objects_are_the_querysets_objects_with_annotations(venues, django_assert_num_queries):
    with django_assert_num_queries(1):
        rooms = ROOMS.objects(before="ん", capacity=20)
    assert [(v.name, v.capacity, v.is_active, v.label) for v in rooms] == [
        ("第1会議室", 30, True, "第1会議室（）"),
        ("ホール", 120, True, "ホール（）"),
    ]
    assert rooms[0].pk == Venue.objects.get(name="第1会議室").pk
    assert rooms[0]._state.adding is False
    with django_assert_num_queries(1):  # compiled once: the next run is one statement only
        assert [v.name for v in ROOMS.objects(before="ほ", capacity=1)] == ["第1会議室"]
    assert ROOMS.first(before="ん", capacity=500) is None


@pytest.fixture
def seats():
    center = Center.objects.create(name="センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    for name, reading, end in [
        ("熊田", "くまだ", date(2011, 3, 31)),
        ("有賀", "ありが", None),
        ("西口", "にしぐち", date(2010, 9, 30)),
    ]:
        member = Member.objects.create(name=name, name_reading=reading, sector="citizen")
        Membership.objects.create(
            committee=committee, member=member, term_start=date(2010, 4, 1), term_end=end
        )


SEATS_RUNNING = Prepared(
    lambda on: (
        Membership.objects.filter(term_start__lte=on, term_end__gte=on)
        .select_related("member", "committee")
        .order_by("member__name_reading")
    ),
    on=date(2000, 4, 1),
)
TERM_ENDS = Prepared(
    lambda after: (
        Membership.objects.filter(term_end__gt=after)
        .values_list("member__name", "term_end")
        .order_by("term_end")
    ),
    after=date(2000, 4, 1),
)


def test_dates_select_related_and_rows_are_converted(seats, django_assert_num_queries):
    with django_assert_num_queries(1):
        running = SEATS_RUNNING.objects(on=date(2010, 12, 1))
    assert [(s.member.name, s.committee.slug, s.term_end) for s in running] == [
        ("熊田", "unei", date(2011, 3, 31))
    ]
    assert TERM_ENDS.rows(after=date(2010, 4, 1)) == [
        ("西口", date(2010, 9, 30)),
        ("熊田", date(2011, 3, 31)),
    ]
    assert TERM_ENDS.rows(after=date(2010, 9, 30)) == [("熊田", date(2011, 3, 31))]


def test_what_cannot_be_reproduced_is_refused_at_the_first_run(venues):
    by_names = Prepared(lambda names: Venue.objects.filter(name__in=names), names=["和室"])
    with pytest.raises(ValueError, match="unsupported parameter type list"):
        by_names.objects(names=["和室"])
    containing = Prepared(lambda part: Venue.objects.filter(name__contains=part), part="会議")
    with pytest.raises(ValueError, match="cannot be reproduced"):
        containing.objects(part="会議")
    first_n = Prepared(lambda n: Venue.objects.all()[:n], n=2)
    with pytest.raises(ValueError, match="changes the SQL text"):
        first_n.objects(n=2)
    unused = Prepared(lambda capacity: Venue.objects.annotate(n=Count("pk")), capacity=1)
    with pytest.raises(ValueError, match="is not in the statement"):
        unused.objects(capacity=1)
    by_state = Prepared(lambda active: Venue.objects.filter(is_active=active), active=True)
    if connection.vendor == "postgresql":  # WHERE "is_active" / WHERE NOT "is_active"
        with pytest.raises(ValueError, match="changes the SQL text"):
            by_state.objects(active=True)
    else:
        assert [v.name for v in by_state.objects(active=False)] == ["旧倉庫"]
    with pytest.raises(TypeError, match="expected"):
        ROOMS.objects(before="ん")


def test_the_signed_in_person_comes_with_roles_in_one_statement(make_user):
    staff = make_user("nishiguchi", Role.STAFF)
    both = make_user("kumada", Role.MEMBER, Role.GROUP)
    backend = ThrottledModelBackend()
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        user = backend.get_user(staff.pk)
        assert user_roles(user) == {"staff"}
    assert len(queries) == 1
    assert user_roles(backend.get_user(both.pk)) == {"member", "group"}  # no seat record: as given
    center = Center.objects.create(name="センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    member = Member.objects.create(name="熊田", name_reading="くまだ", sector="academic", user=both)
    today = timezone.localdate()
    seat = Membership.objects.create(
        committee=committee, member=member, term_start=date(2010, 4, 1), term_end=today
    )
    assert user_roles(backend.get_user(both.pk)) == {"member", "group"}  # the last day counts
    seat.term_end = today - timedelta(days=1)
    seat.save()
    assert user_roles(backend.get_user(both.pk)) == {"group"}
    both.is_active = False
    both.save()
    assert backend.get_user(both.pk) is None
    assert backend.get_user(get_user_model().objects.order_by("-pk")[0].pk + 1) is None


# --- insert() ----------------------------------------------------------------------------------


def _stored(model, pk):
    return model.objects.filter(pk=pk).values().get()


def test_insert_writes_the_row_save_writes(django_assert_num_queries):
    saved = AuditEntry(action="kyodo.test.done", actor_label="職員", changes={"件数": 3})
    saved.save()
    inserted = AuditEntry(action="kyodo.test.done", actor_label="職員", changes={"件数": 3})
    with django_assert_num_queries(1):
        assert insert(inserted) is inserted
    assert inserted.pk == saved.pk + 1
    assert not inserted._state.adding and inserted._state.db == "default"
    first, second = _stored(AuditEntry, saved.pk), _stored(AuditEntry, inserted.pk)
    assert second["created_at"] >= first["created_at"]  # auto_now_add, set by the field
    for row in (first, second):
        del row["id"], row["created_at"]
    assert second == first == {
        "actor_id": None, "actor_label": "職員", "action": "kyodo.test.done",
        "content_type_id": None, "object_id": "", "object_repr": "", "changes": {"件数": 3},
    }  # fmt: skip
    # A second object reuses the compiled statement and gets its own id.
    again = insert(AuditEntry(action="kyodo.test.again"))
    assert again.pk == inserted.pk + 1
    assert _stored(AuditEntry, again.pk)["action"] == "kyodo.test.again"


def test_insert_keeps_a_given_primary_key_and_sends_the_signals():
    seen = []

    def before(sender, instance, **kwargs):
        seen.append(("pre_save", instance._state.adding, kwargs["raw"]))

    def after(sender, instance, created, **kwargs):
        seen.append(("post_save", created, instance._state.adding))

    signals.pre_save.connect(before, sender=DBTaskResult)
    signals.post_save.connect(after, sender=DBTaskResult)
    try:
        row = DBTaskResult(
            id=uuid.UUID("12345678-1234-5678-1234-567812345678"),
            args_kwargs={"args": [7], "kwargs": {}},
            task_path="kyodo.core.tasks.deliver_outbox_message",
            backend_name="default",
        )
        insert(row)
    finally:
        signals.pre_save.disconnect(before, sender=DBTaskResult)
        signals.post_save.disconnect(after, sender=DBTaskResult)
    assert seen == [("pre_save", True, False), ("post_save", True, False)]
    stored = DBTaskResult.objects.get(pk=uuid.UUID("12345678-1234-5678-1234-567812345678"))
    assert stored.args_kwargs == {"args": [7], "kwargs": {}}
    assert stored.run_after == get_date_max()  # django_tasks_db's own pre_save receiver


def test_queued_tasks_are_the_librarys_rows():
    result = deliver_outbox_message.enqueue(41)
    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.task_path, stored.args_kwargs, stored.status) == (
        "kyodo.core.tasks.deliver_outbox_message", {"args": [41], "kwargs": {}}, "READY",
    )  # fmt: skip
    assert list(DBTaskResult.objects.ready().values_list("pk", flat=True)) == [stored.pk]


def test_an_expression_goes_through_save_and_more_than_a_row_is_refused(make_user):
    entry = insert(AuditEntry(action=Concat(Value("kyodo."), Value("expr"))))
    assert _stored(AuditEntry, entry.pk)["action"] == "kyodo.expr"
    with pytest.raises(ValueError, match="already stored"):
        insert(entry)
    with pytest.raises(TypeError, match="does more than write one row"):
        insert(get_user_model()(username="someone"))  # User has a save() of its own
    assert not get_user_model().objects.filter(username="someone").exists()


# --- insert_together() and next_id_sql() ---------------------------------------------------------


def test_rows_written_together_are_the_rows_insert_writes(django_assert_num_queries):
    """One statement on PostgreSQL, one each elsewhere; the same rows, ids and signals."""
    seen = []

    def after(sender, instance, created, **kwargs):
        seen.append((sender.__name__, created, instance.pk is not None))

    venue = Venue(name="第1会議室", name_reading="だいいち")
    with connection.cursor() as cursor:
        column, params = next_id_sql(Venue)
        cursor.execute(f"SELECT {column}", params)
        venue.pk = cursor.fetchone()[0]
    entry = AuditEntry(action="kyodo.test.together", object_id=str(venue.pk), changes={"n": 1})
    signals.post_save.connect(after, sender=AuditEntry)
    try:
        with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
            assert insert_together([venue, entry]) == [venue, entry]
    finally:
        signals.post_save.disconnect(after, sender=AuditEntry)
    assert seen == [("AuditEntry", True, True)]
    assert (venue._state.adding, entry._state.adding) == (False, False)
    assert Venue.objects.get(pk=venue.pk).name == "第1会議室"
    stored = _stored(AuditEntry, entry.pk)
    assert (stored["action"], stored["object_id"], stored["changes"]) == (
        "kyodo.test.together", str(venue.pk), {"n": 1},
    )  # fmt: skip
    # The id drawn is not given again: the next venue written the usual way comes after it.
    assert insert(Venue(name="和室", name_reading="わしつ")).pk == venue.pk + 1


def test_rows_insert_would_not_compile_are_written_one_by_one(django_assert_num_queries):
    first = AuditEntry(action=Concat(Value("kyodo."), Value("expr")))
    second = AuditEntry(action="kyodo.test.plain")
    with django_assert_num_queries(2):
        insert_together([first, second])
    assert _stored(AuditEntry, first.pk)["action"] == "kyodo.expr"
    assert _stored(AuditEntry, second.pk)["action"] == "kyodo.test.plain"
    with pytest.raises(ValueError, match="already stored"):
        insert_together([second, AuditEntry(action="kyodo.test.never")])
    assert not AuditEntry.objects.filter(action="kyodo.test.never").exists()


def test_statements_sent_in_a_pipeline_are_read_after_it_in_order(venues):
    from django.db import transaction

    from kyodo.core.statements import pipelined

    with transaction.atomic():
        with pipelined():
            hall = ROOMS.first_later(before="ん", capacity=100)
            nothing = ROOMS.first_later(before="ん", capacity=1000)
            with connection.cursor() as cursor:
                cursor.execute("UPDATE core_venue SET capacity = 150 WHERE name = %s", ["ホール"])
            after = ROOMS.first_later(before="ん", capacity=140)
        hall, nothing, after = hall(), nothing(), after()

    # Each statement saw the ones before it: the third found the hall after the update.
    assert (hall.name, hall.capacity, hall.label, nothing, after.capacity) == (
        "ホール", 120, "ホール（）", None, 150
    )  # fmt: skip


def test_a_statement_failing_in_a_pipeline_fails_the_block_with_djangos_error(venues):
    from django.db import DatabaseError, transaction

    from kyodo.core.statements import pipelined

    with pytest.raises(DatabaseError), transaction.atomic():
        with pipelined():
            with connection.cursor() as cursor:
                cursor.execute("UPDATE core_venue SET capacity = 1 WHERE name = %s", ["和室"])
                cursor.execute("SELECT * FROM kyodo_no_such_table")
                cursor.execute("UPDATE core_venue SET capacity = 2 WHERE name = %s", ["ホール"])

    assert dict(Venue.objects.values_list("name", "capacity")) == {
        "第1会議室": 30, "ホール": 120, "和室": 12, "旧倉庫": 50,
    }  # fmt: skip
