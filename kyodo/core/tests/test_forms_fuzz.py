"""Every form of Kyodo, fed generated garbage by hypothesis: validation never raises, it refuses.

The forms are discovered, not listed: every subclass of Django's BaseForm defined in a kyodo
module (the apps' forms.py, and forms defined in views). Each field gets values drawn from what
people and attackers send: 10,000 characters, nothing, control characters, right-to-left
overrides, emoji, scripts of other languages, huge and negative numbers, impossible dates, and
for file fields an HTML file named .pdf, an empty file and a file over every limit. A form built
on a model is also checked not to save anything while it validates.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import kyodo

pytestmark = pytest.mark.django_db

NASTY_TEXT = [
    "",
    " ",
    "x" * 10_000,
    "あ" * 10_000,
    "\x00",
    "a\x00b",
    "\x07\x1b[31m\x7f",
    "\u202eevil\u202c",
    "\ufeff\u200b",
    "😀👨‍👩‍👧",
    "مرحبا שלום Привет ไทย",
    "ｶﾀｶﾅ　ＦＵＬＬ",
    "9" * 40,
    "-9" + "9" * 30,
    "1e309",
    "NaN",
    "-1",
    "0",
    "2011-02-30",
    "平成99年99月99日",
    "令和0年0月0日",
    "9999-99-99",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "javascript:alert(1)",
    "a@b",
    "http://",
]
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
OVERSIZED = b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)


def uploads():
    return st.sampled_from(
        [
            ("規約.pdf", HTML),
            ("page.html", HTML),
            ("empty.pdf", b""),
            ("大きい.pdf", OVERSIZED),
            ("noextension", b"\x00\x01\x02"),
            ("x" * 300 + ".txt", "テキスト".encode("cp932")),
            ("list.csv", b"\xef\xbb\xbf\xff\xfe\x00broken"),
        ]
    )


def kyodo_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(kyodo.__path__, "kyodo."):
        parts = module.name.split(".")
        if {"tests", "migrations", "management"} & set(parts) or parts[-1] == "conftest":
            continue
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {
        cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.startswith("kyodo.") and ".tests" not in cls.__module__
    }
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def constructor_arguments() -> dict[str, object]:
    """Values from the demo for the forms' own keyword arguments, by argument name."""
    from kyodo.collaboration.models import Criterion
    from kyodo.committees.documents import minutes_document
    from kyodo.committees.models import (
        AgendaItem,
        Meeting,
        MeetingSecretariat,
        Member,
        Minutes,
        MinutesEntry,
    )
    from kyodo.committees.selectors import memberships_on
    from kyodo.committees.services import item_places
    from kyodo.events.models import Application
    from kyodo.events.selectors import public_event_months
    from kyodo.organizations.models import Organization

    meeting = Meeting.objects.order_by("date").first()
    seats = list(memberships_on(committee=meeting.committee, on=meeting.date))
    return {
        # 「回を入れ替える」: the meeting whose number is exchanged.
        "meeting": meeting,
        "applications": Application.objects.filter(status="confirmed")[:5],
        # An applicant's change of their application (人数, ふりがな, 電話, 備考).
        "application": Application.objects.filter(status="confirmed", kind="group").first(),
        "months": public_event_months(),
        "staff": True,
        "criteria": list(Criterion.objects.all()[:5]),
        "years": [2010, 2011, 2024],
        "seats": seats,
        "current": {},
        # The members' answers to the notice that fill in the attendance form (none).
        "replies": {},
        # The members who gave a written vote (a meeting held in writing; None: not one).
        "voted": None,
        "entry": MinutesEntry.objects.first(),
        "members": Member.objects.all(),
        "entries": list(MinutesEntry.objects.select_related("item")[:5]),
        "items": list(AgendaItem.objects.all()[:5]),
        "item": AgendaItem.objects.filter(entries__isnull=False).first(),
        "places": item_places(minutes_document(Minutes.objects.filter(status="confirmed").first())),
        # A member's correction request: the lines of the minutes as printed.
        "document": minutes_document(Minutes.objects.filter(status="confirmed").first()),
        "people": list(MeetingSecretariat.objects.all()[:5]),
        # The password forms (set from a mailed link, change when signed in).
        "user": get_user_model().objects.order_by("pk").first(),
        # A group's profile form: the 変更届 waiting when it was shown (none).
        "pending": "",
        # 年度更新 in bulk: the groups it may renew, and the day the year is chosen on.
        "candidates": Organization.objects.filter(status="registered"),
        "today": date(2011, 1, 18),
    }


KNOWN_PARAMETERS = {"self", "args", "kwargs", "data", "files", "auto_id", "prefix", "initial"}
KNOWN_PARAMETERS |= {"error_class", "label_suffix", "empty_permitted", "field_order", "instance"}
KNOWN_PARAMETERS |= {"use_required_attribute", "renderer", "bound_field_class", "version_of"}


def build(form_class, arguments, data, files):
    signature = inspect.signature(form_class.__init__)
    extra = {
        name: arguments[name]
        for name, p in signature.parameters.items()
        if name not in KNOWN_PARAMETERS and p.kind is not p.VAR_POSITIONAL
        and p.kind is not p.VAR_KEYWORD
    }  # fmt: skip
    return form_class(data=data, files=files, **extra)


def data_names(name: str, field: forms.Field) -> list[str]:
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        return [f"{name}_{i}" for i in range(len(widget.widgets))]
    return [name]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("kyodo.")
    }


def test_every_form_is_found():
    names = {f"{c.__module__}.{c.__name__}" for c in kyodo_forms()}
    # A few that must be there; the walk finds the others the same way.
    assert {
        "kyodo.events.forms.ApplicationForm",
        "kyodo.organizations.forms.ApplicationForm",
        "kyodo.website.forms.NewsForm",
        "kyodo.committees.forms.DocumentForm",
        "kyodo.consultations.forms.ConsultationForm",
    } <= names
    assert len(names) >= 40


@pytest.fixture
def arguments(demo):
    return constructor_arguments()


@pytest.fixture(scope="module")
def all_forms():
    return kyodo_forms()


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    # No shrinking: a failure reports the forms and values as drawn, in bounded time.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_no_form_raises_on_garbage_and_model_forms_save_nothing(arguments, all_forms, data):
    before = row_counts()
    broken = []
    for form_class in all_forms:
        probe = build(form_class, arguments, None, None)
        values: dict[str, list[str]] = {}
        files: dict[str, list] = {}
        for name, field in probe.fields.items():
            if isinstance(field, forms.FileField):
                filename, content = data.draw(uploads(), label=f"{form_class.__name__}.{name}")
                files[name] = [SimpleUploadedFile(filename, content)]
                continue
            for key in data_names(name, field):
                count = 2 if isinstance(field, forms.MultipleChoiceField) else 1
                values[key] = [
                    data.draw(
                        st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=30)),
                        label=f"{form_class.__name__}.{key}",
                    )
                    for _ in range(count)
                ]
        form = build(form_class, arguments, MultiValueDict(values), MultiValueDict(files))
        try:
            valid = form.is_valid()
        except Exception as exc:  # named with the values that broke it
            short = {k: [v[:40] for v in vs] for k, vs in values.items()}
            broken.append(f"{form_class.__module__}.{form_class.__name__}: {exc!r} on {short}")
            continue
        if not valid and not form.errors:
            broken.append(f"{form_class.__module__}.{form_class.__name__}: invalid, no error")
    assert broken == []
    assert row_counts() == before


def test_a_wareki_date_field_refuses_every_impossible_date():
    from kyodo.core.forms import WarekiDateField

    field = WarekiDateField()
    for text in ("平成99年99月99日", "令和0年0月0日", "2011-02-30", "9" * 40, "\x00"):
        with pytest.raises(forms.ValidationError):
            field.clean(text)
    assert field.clean("H23.1.18") == date(2011, 1, 18)
