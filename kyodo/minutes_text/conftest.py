"""This package is plain Python and its tests run without Django.

kyodo/conftest.py has autouse fixtures that patch Django settings through
pytest-django's ``settings`` fixture.  Under ``pytest -p no:django`` there is
no such fixture, so this folder provides a stand-in that takes whatever they
set; nothing here reads Django settings, with or without the plugin.
"""

from __future__ import annotations

from typing import Any

import pytest


class _NoDjangoSettings:
    """Swallows the attributes the project-wide fixtures set or extend."""

    def __getattr__(self, name: str) -> Any:
        return {}


@pytest.fixture
def settings() -> _NoDjangoSettings:
    return _NoDjangoSettings()
