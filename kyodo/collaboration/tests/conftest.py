"""Fixtures of the collaboration tests: a group with its representative, departments, a call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.collaboration.models import Criterion, Department, ProposalCall
from kyodo.core.roles import Role
from kyodo.organizations.models import Organization, join_codes


def make_group(make_user, username: str, name: str, *, fields=("community",)):
    user = make_user(username, Role.GROUP, full_name=f"{name} 担当者")
    return Organization.objects.create(
        name=name,
        name_reading="てすと",
        legal_form=Organization.LegalForm.VOLUNTARY,
        status=Organization.Status.REGISTERED,
        email=f"{username}-group@example.jp",
        activity_fields=join_codes(fields),
        representative_user=user,
    )


@pytest.fixture
def kaze(make_user):
    return make_group(make_user, "kaze", "西東京風の会")


@pytest.fixture
def other_group(make_user):
    return make_group(make_user, "hikari", "西東京ひかりの会")


@pytest.fixture
def staff(make_user):
    return make_user("nishiguchi", Role.STAFF, full_name="西口")


@pytest.fixture
def member(make_user):
    return make_user("kumada", Role.MEMBER, full_name="熊田")


@pytest.fixture
def department(db):
    return Department.objects.create(
        name="協働コミュニティ課",
        name_reading="きょうどうこみゅにてぃか",
        bureau="生活文化スポーツ部",
    )


@pytest.fixture
def call(db):
    today = timezone.localdate()
    call = ProposalCall.objects.create(
        title="NPO等企画提案事業",
        fiscal_year=2026,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
        budget_limit=1_000_000,
        published_at=timezone.now(),
    )
    Criterion.objects.create(call=call, name="公益性", max_score=30, position=1)
    Criterion.objects.create(call=call, name="実現可能性", max_score=20, position=2)
    return call


PROPOSAL_DATA = {
    "title": "まちの風景写真アーカイブ",
    "department": None,
    "summary": "市民から風景写真を募り、散策マップを作る。",
    "aims": "まちの記憶を残す。",
    "plan": "春に募集、秋に散策会。",
    "budget": 800_000,
}
