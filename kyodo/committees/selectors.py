from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from kyodo.committees.models import Membership


def memberships_on(*, committee, on: date) -> QuerySet[Membership]:
    """Seats held on a date, in gojūon order of the members' stored readings."""
    return (
        Membership.objects.filter(committee=committee, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .select_related("member")
        .order_by("member__name_reading", "member__pk")
    )
