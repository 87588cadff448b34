"""kyodo.core.statements.Prepared gives what the queryset gives, in one statement compiled once,
and refuses what it cannot reproduce; the signed-in person comes with their roles."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Value
from django.db.models.functions import Concat
from django.utils import timezone

from kyodo.committees.models import Committee, Member, Membership
from kyodo.core.models import Center, Venue
from kyodo.core.roles import Role, user_roles
from kyodo.core.signin import ThrottledModelBackend
from kyodo.core.statements import Prepared

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
