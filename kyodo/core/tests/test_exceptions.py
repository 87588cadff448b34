"""Every domain error of every app derives from one base, so one view helper handles them all."""

import importlib
import inspect
import pkgutil

import kyodo
from kyodo.core.exceptions import DomainError

# Plain-Python modules (no Django, usable outside a project) keep ValueError subclasses: their
# callers turn them into a form error or a DomainError with a message of their own.
PLAIN_PYTHON = {
    "kyodo.minutes_text.parser.MinutesParseError",
    "kyodo.core.wareki.WarekiError",
    "kyodo.core.months.MonthError",
    "kyodo.collaboration.yen.YenError",  # like WarekiError: the form field says it in Japanese
    "kyodo.core.backup._FileVanished",  # internal signal to take the snapshot again
    "kyodo.core.forms.UseTemplate",  # internal signal to render a widget with its template
    "kyodo.api.errors.NotFound",  # Django's 404, with the API's Japanese message
    # Redis down: a database error on purpose, so the 503 page answers it (not a form's error)
    "kyodo.core.ratelimit.SharedCacheUnavailable",
}


def _modules():
    for info in pkgutil.walk_packages(kyodo.__path__, "kyodo."):
        name = info.name
        if ".migrations" in name or ".tests" in name or name.endswith(("conftest", "__main__")):
            continue
        if ".management.commands." in name:
            continue
        yield importlib.import_module(name)


def test_every_exception_an_app_defines_is_a_domain_error():
    outside = []
    for module in _modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, Exception):
                continue
            qualified = f"{cls.__module__}.{cls.__qualname__}"
            if not issubclass(cls, DomainError) and qualified not in PLAIN_PYTHON:
                outside.append(qualified)
    assert outside == []


def test_a_domain_error_names_its_field_and_falls_back_to_its_default_message():
    class Refused(DomainError):
        default_message = "できません。"

    assert (str(Refused().message), Refused().field) == ("できません。", None)
    error = Refused("日付が正しくありません。", field="date")
    assert (str(error.message), error.field) == ("日付が正しくありません。", "date")
