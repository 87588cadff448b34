"""Names on applications are stored as organizations store theirs (round 22): full-width ASCII
made half-width, half-width katakana full-width, spaces collapsed (kyodo.core.text.normalize_name),
full-width katakana and kanji as typed."""

from __future__ import annotations

import pytest

from kyodo.events import services
from kyodo.events.exceptions import InvalidApplication
from kyodo.events.models import Application
from kyodo.events.tests.test_public import form_data

pytestmark = pytest.mark.django_db


def test_an_online_group_application_stores_the_names_half_width(client, make_event):
    event = make_event(capacity_people=20)

    client.post(
        f"/events/{event.pk}/",
        form_data(
            kind="group",
            group_name="ＮＰＯ法人　みらい",
            people="3",
            name="  山田　ﾀﾛｳ ",
            name_reading="ヤマダ タロウ",
        ),
    )

    application = Application.objects.get(event=event)
    assert (application.group_name, application.name, application.name_reading) == (
        "NPO法人 みらい",
        "山田 タロウ",
        "やまだ たろう",  # readings in hiragana, as every reading is stored
    )


def test_full_width_katakana_and_other_symbols_stay_as_typed(make_event):
    # 「・」, 「㈱」 and the brackets 「（）」 stay as typed; letters are made half-width.
    event = make_event(capacity_people=20)

    application = services.application_submit(
        actor=None,
        event=event,
        kind="group",
        group_name="カフェ・ミライ㈱（西東京）",
        people=2,
        name="Ｓａｔｏ　Ｈａｎａｋｏ",
        email="sato@example.jp",
    )

    assert (application.group_name, application.name) == (
        "カフェ・ミライ㈱（西東京）",
        "Sato Hanako",
    )


def test_the_same_person_typed_in_full_width_has_applied_already(make_event):
    event = make_event(capacity_people=20)
    services.application_submit(
        actor=None, event=event, kind="individual", name="Ｋａｔｏ　Ｒｙｏ", email="kato@example.jp"
    )

    with pytest.raises(InvalidApplication):
        services.application_submit(
            actor=None, event=event, kind="individual", name="Kato Ryo", email="kato@example.jp"
        )
    assert Application.objects.filter(event=event).count() == 1


def test_a_walk_in_is_stored_the_same_way(make_event, staff_user):
    from datetime import time

    from django.utils import timezone

    event = make_event(
        capacity_people=20, date=timezone.localdate(), start_time=time(0, 0), end_time=None
    )

    application = services.walk_in_add(
        actor=staff_user, event=event, kind="group", group_name="ＮＰＯ法人みらい", name="ﾐﾗｲ 花子"
    )

    assert (application.group_name, application.name) == ("NPO法人みらい", "ミライ 花子")
