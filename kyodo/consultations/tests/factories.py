"""Fixture functions for consultation tests (not a test module: no ``test_`` prefix)."""

from __future__ import annotations

from datetime import date

from kyodo.consultations.models import Category, Consultation
from kyodo.consultations.services import ConsultationFields, consultation_create


def make_consultation(actor, **overrides) -> Consultation:
    values = {
        "received_on": date(2010, 12, 7),
        "channel": Consultation.Channel.VISIT,
        "client_type": Consultation.ClientType.INDIVIDUAL,
        "categories": [Category.LEGAL_FORM],
        "summary": "法人格について相談",
    }
    values.update(overrides)
    return consultation_create(actor=actor, fields=ConsultationFields(**values))
