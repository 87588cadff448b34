"""The home page's contact block and every page's footer say what the access page says: a
telephone number, address or opening hours changed at /staff/site/access/ shows there too, not the
center's old ones."""

from __future__ import annotations

import re

import pytest

from kyodo.website import services

pytestmark = pytest.mark.django_db


def _contact_block(html: str) -> str:
    return re.search(r'<section aria-labelledby="contact-heading">(.*?)</section>', html, re.S)[1]


def _footer(html: str) -> str:
    return re.search(r'<div class="footer-contact">(.*?)</div>', html, re.S)[1]


def test_the_home_page_contact_shows_the_access_information_staff_changed(client, demo, staff_user):
    before = _contact_block(client.get("/").text)
    assert '<a href="tel:042-000-0000">042-000-0000</a>' in before

    services.access_update(
        actor=staff_user,
        address="東京都西東京市田無町4丁目 イングビル3階",
        phone="042-468-4701",
        opening_hours="火曜日～土曜日 午前9時～午後9時\n日曜日 午前9時～午後5時",
    )

    contact = _contact_block(client.get("/").text)
    assert (
        '<dd>東京都西東京市田無町4丁目 イングビル3階 <a href="/access/">交通案内</a></dd>'
    ) in contact
    assert '<dd><a href="tel:042-468-4701">042-468-4701</a></dd>' in contact
    assert "<dd>火曜日～土曜日 午前9時～午後9時、日曜日 午前9時～午後5時</dd>" in contact
    assert "042-000-0000" not in contact
    # Every page's footer too.
    for path in ("/", "/events/", "/groups/"):
        footer = _footer(client.get(path).text)
        assert "<p>東京都西東京市田無町4丁目 イングビル3階</p>" in footer
        assert '<a href="tel:042-468-4701">042-468-4701</a>' in footer
        assert "火曜日～土曜日 午前9時～午後9時、日曜日 午前9時～午後5時" in footer
    # The access page shows the same number.
    assert '<a href="tel:042-468-4701">042-468-4701</a>' in client.get("/access/").text


def test_empty_access_fields_fall_back_to_the_center_s_own(client, demo, staff_user):
    services.access_update(actor=staff_user, phone="", address="", opening_hours="")
    contact = _contact_block(client.get("/").text)
    assert '<dd><a href="tel:042-000-0000">042-000-0000</a></dd>' in contact
    assert "<dd>東京都西東京市田無町4丁目 イングビル3階 " in contact
