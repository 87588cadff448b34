"""A new clerk's day (2026-12-07): a guest's affiliation is bracketed as Japanese writes it.

Before, the event pages said 「ゲスト: 山田 花子 (ＮＰＯ法人まちづくり応援団 代表理事)」, with a
space and Western brackets in Japanese text; the seed's minutes write 「…（所属）」.

Some tests here read strings new with this change in Japanese: they pass once /tmp/fixes05/ja.po
is merged into the catalogue (kyodo/locale/ja) and compiled."""

import pytest

from kyodo.events import services

pytestmark = pytest.mark.django_db

GUESTS = (
    '<ul class="guests"><li>ゲスト：山田 花子（NPO法人まちづくり応援団 代表理事）</li>'
    "<li>講師：佐々木 実</li><li>パネリスト：市川 &amp; 森（西東京市 協働コミュニティ課）</li></ul>"
)


@pytest.fixture
def event_with_guests(make_event, staff_user):
    event = make_event(capacity_people=20)
    for name, role, affiliation in (
        ("山田 花子", "guest", "NPO法人まちづくり応援団 代表理事"),
        ("佐々木 実", "lecturer", ""),
        ("市川 & 森", "panelist", "西東京市 協働コミュニティ課"),
    ):
        services.guest_add(
            actor=staff_user, event=event, name=name, role=role, affiliation=affiliation
        )
    return event


def test_the_public_and_staff_pages_bracket_the_affiliation(client, staff_user, event_with_guests):
    event = event_with_guests
    assert GUESTS in client.get(f"/events/{event.pk}/").text
    client.force_login(staff_user)
    assert GUESTS in client.get(f"/staff/events/{event.pk}/").text
