"""Rights follow state: a committee member whose term has ended has no member access and
cannot review proposals; a renewed or future seat gives them back."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyodo.collaboration import services as collaboration
from kyodo.collaboration.models import Criterion, ProposalCall, Review
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA, make_group
from kyodo.committees.models import Committee, Member, Membership
from kyodo.core.models import Center
from kyodo.core.roles import Role, has_role


@pytest.fixture
def seat(make_user):
    user = make_user("kumada", Role.MEMBER, full_name="熊田")
    center = Center.objects.create(name="センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    member = Member.objects.create(name="熊田", name_reading="くまだ", sector="academic", user=user)
    today = timezone.localdate()
    return Membership.objects.create(
        committee=committee, member=member, term_start=date(2010, 4, 1), term_end=today
    )


def _user(seat):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=seat.member.user_id)  # roles are cached per object


def test_member_access_ends_with_the_term(client, seat):
    client.force_login(seat.member.user)
    assert client.get("/member/").status_code == 200  # the last day still counts
    seat.term_end = timezone.localdate() - timedelta(days=1)
    seat.save()
    assert not has_role(_user(seat), Role.MEMBER)
    response = client.get("/member/")
    assert response.status_code == 403
    # Said as it is: the term ended (the committee's pages write which day).
    assert "<h1>委員の任期が終了しています</h1>" in response.text
    assert client.get("/accounts/home/")["Location"] == "/"
    # A seat starting next fiscal year (a renewal recorded early) gives access back.
    Membership.objects.create(
        committee=seat.committee,
        member=seat.member,
        term_start=timezone.localdate() + timedelta(days=30),
        term_end=None,
    )
    assert client.get("/member/").status_code == 200


def test_a_member_whose_term_ended_cannot_review(seat, make_user):
    group = make_group(make_user, "kaze", "西東京風の会")
    today = timezone.localdate()
    call = ProposalCall.objects.create(
        title="NPO等企画提案事業",
        fiscal_year=2026,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
        published_at=timezone.now(),
    )
    criterion = Criterion.objects.create(call=call, name="公益性", max_score=30, position=1)
    proposal = collaboration.proposal_create(
        actor=group.representative_user,
        call=call,
        fields=collaboration.ProposalFields(**PROPOSAL_DATA),
    )
    collaboration.proposal_submit(actor=group.representative_user, proposal=proposal)
    seat.term_end = today - timedelta(days=1)
    seat.save()
    with pytest.raises(PermissionDenied) as refused:
        collaboration.review_submit(actor=_user(seat), proposal=proposal, scores={criterion.pk: 20})
    assert str(refused.value) == "運営委員の任期が終了しているため、審査できません。"
    assert Review.objects.count() == 0
    seat.term_end = None
    seat.save()
    collaboration.review_submit(actor=_user(seat), proposal=proposal, scores={criterion.pk: 20})
    assert Review.objects.count() == 1
