"""Sample pages of core's public routes with parameters, for the accessibility test."""

from __future__ import annotations

import hashlib
from datetime import timedelta


def samples() -> dict[str, str | None]:
    from django.utils import timezone

    from kyodo.core.models import PendingSubmission
    from kyodo.organizations.tests.factories import application_data

    # A submission waiting for its confirmation, with a token known here.
    token = "axe-sample-confirmation"
    PendingSubmission.objects.get_or_create(
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        defaults={
            "kind": "organizations.application",
            "email": "sample@example.jp",
            "payload": {"data": application_data(name="確認待ちの会", email="sample@example.jp")},
            "expires_at": timezone.now() + timedelta(days=1),
        },
    )
    return {"/confirm/<str:token>/": f"/confirm/{token}/"}
