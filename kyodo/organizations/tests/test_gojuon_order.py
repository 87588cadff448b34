"""Registered groups in gojūon order of their reading (kyodo.core.text.gojuon_order), as a
dictionary orders them: voicing and small kana only after the letters themselves."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.core.text import gojuon_key
from kyodo.organizations.models import Organization
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

GROUPS = [
    ("合唱団ひびき", "がっしょうだんひびき"),
    ("ガーデニングの会", "がーでにんぐのかい"),
    ("職員OB会", "しょくいんおーびーかい"),
    ("児童館ボランティア", "じどうかんぼらんてぃあ"),
    ("はしの会", "はしのかい"),
    ("バスの会", "ばすのかい"),
]


def test_the_directory_lists_groups_in_gojuon_order(client):
    for name, reading in GROUPS:
        make_organization(name, reading, history=[("registered", date(2010, 4, 1))])
    expected = [
        "ガーデニングの会",
        "合唱団ひびき",
        "児童館ボランティア",
        "職員OB会",
        "はしの会",
        "バスの会",
    ]
    assert list(Organization.objects.values_list("name", flat=True)) == expected
    assert [name for name, _ in sorted(GROUPS, key=lambda g: gojuon_key(g[1]))] == expected
    page = client.get("/groups/").content.decode()
    assert sorted(expected, key=page.index) == expected
