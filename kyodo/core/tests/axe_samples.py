"""Sample pages of core's routes with parameters (people and access, the confirmation
of a public submission), for the axe-core test."""

from __future__ import annotations

import hashlib
from datetime import timedelta


def samples() -> dict[str, str | None]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kyodo.committees.models import Member, Membership, SecretariatMember
    from kyodo.consultations.models import Consultation
    from kyodo.contact.models import Inquiry
    from kyodo.core.models import OutboxMessage, PendingSubmission, Venue
    from kyodo.events.models import Application, Feedback
    from kyodo.organizations.models import Organization
    from kyodo.organizations.tests.factories import application_data

    staff = get_user_model().objects.get(username="nishiguchi")
    member = Member.objects.get(name="熊田")
    group = Organization.objects.filter(status="registered").first()
    # A submission waiting for its confirmation, with a token known here.
    token = "axe-sample-confirmation"
    pending, _ = PendingSubmission.objects.get_or_create(
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        defaults={
            "kind": "organizations.application",
            "email": "sample@example.jp",
            "payload": {"data": application_data(name="確認待ちの会", email="sample@example.jp")},
            "expires_at": timezone.now() + timedelta(days=1),
        },
    )
    return {
        "/staff/todo/<slug:key>/": "/staff/todo/upcoming/",
        "/staff/people/<int:pk>/": f"/staff/people/{staff.pk}/",
        "/staff/people/<int:pk>/roles/": None,  # a button (POST only)
        "/staff/people/<int:pk>/reset/": None,  # a button (POST only)
        "/staff/center/venues/<int:pk>/": f"/staff/center/venues/{Venue.objects.order_by('pk').first().pk}/",
        "/staff/people/<int:pk>/letter/": None,  # after its button's POST only (the code is shown once): test_letters
        "/accounts/reset/<uidb64>/<token>/": None,  # a one-time link held by one person
        "/staff/people/groups/<int:pk>/": f"/staff/people/groups/{group.pk}/",
        "/staff/committees/people/members/<int:pk>/": f"/staff/committees/people/members/{member.pk}/",
        "/staff/committees/people/members/<int:pk>/invite/": None,  # a button (POST only)
        "/staff/committees/people/members/<int:pk>/seats/new/": None,  # a form's target (POST only)
        "/staff/committees/people/seats/<int:pk>/": f"/staff/committees/people/seats/{Membership.objects.filter(member=member).first().pk}/",
        "/staff/committees/people/secretariat/<int:pk>/": f"/staff/committees/people/secretariat/{SecretariatMember.objects.first().pk}/",
        "/confirm/<str:token>/": f"/confirm/{token}/",
        # A person's request to remove their data: what is removed, and the reason asked for.
        "/staff/privacy/applications/<int:pk>/": f"/staff/privacy/applications/{Application.objects.order_by('pk').first().pk}/",
        "/staff/privacy/consultations/<int:pk>/": f"/staff/privacy/consultations/{Consultation.objects.order_by('pk').first().pk}/",
        "/staff/privacy/inquiries/<int:pk>/": f"/staff/privacy/inquiries/{Inquiry.objects.order_by('pk').first().pk}/",
        "/staff/privacy/feedback/<int:pk>/": f"/staff/privacy/feedback/{Feedback.objects.exclude(good_points='', requests='').order_by('pk').first().pk}/",
        "/staff/privacy/submissions/<int:pk>/": f"/staff/privacy/submissions/{pending.pk}/",
        "/staff/privacy/mail/<int:pk>/": f"/staff/privacy/mail/{OutboxMessage.objects.exclude(to='').order_by('pk').first().pk}/",
    }  # fmt: skip
