"""A new clerk's day (2026-12-07): a 「相談」 inquiry answered by mail, then added to the
consultation log, starts from what was already written.

Before, 「相談記録にする」 filled in only the summary: the advice the clerk had just sent by mail
had to be typed again, and a sender who gave a group's name was proposed as 「個人」."""

from __future__ import annotations

import pytest

from kyodo.consultations.models import Consultation
from kyodo.contact import services
from kyodo.core.models import Center

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(db):
    return Center.objects.create(
        name="西東京市市民協働推進センター", email="center@example.jp", phone="042-000-0000"
    )


def _inquiry(**overrides):
    values = {
        "kind": "consultation",
        "name": "佐藤 健",
        "organization_name": "西東京子ども食堂の会",
        "email": "sato@example.jp",
        "body": "助成金の申請書の書き方について相談したいです。",
        "sender": "192.0.2.1",
    }
    return services.inquiry_submit(**(values | overrides))


def test_the_replies_become_the_advice_and_a_group_sender_a_group(client, center, staff_user):
    # Given a consultation request from a group, answered twice by mail
    inquiry = _inquiry()
    services.inquiry_reply(actor=staff_user, inquiry=inquiry, body="市の補助金の一覧を添えます。")
    services.inquiry_reply(actor=staff_user, inquiry=inquiry, body="  来所相談もできます。\n")
    client.force_login(staff_user)

    # When the clerk opens it to add it to the consultation log
    page = client.get(f"/staff/contact/{inquiry.pk}/").text

    # Then the form holds the question, the two replies as the advice, and 「団体」
    assert (
        '<textarea name="advice" cols="40" rows="4" maxlength="5000" id="id_advice">\n'
        "市の補助金の一覧を添えます。\n\n来所相談もできます。</textarea>"
    ) in page
    assert '<option value="group" selected>団体</option>' in page
    assert ">\n助成金の申請書の書き方について相談したいです。</textarea>" in page

    # And what the clerk sends is what is recorded
    response = client.post(
        f"/staff/contact/{inquiry.pk}/",
        {
            "action": "take_over",
            "client_type": "group",
            "categories": ["grants"],
            "summary": "助成金の申請書の書き方について相談したいです。",
            "advice": "市の補助金の一覧を添えます。\n\n来所相談もできます。",
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/staff/consultations/{consultation.pk}/"
    assert consultation.advice == "市の補助金の一覧を添えます。\n\n来所相談もできます。"
    assert consultation.client_type == "group"


def test_without_replies_or_group_the_advice_is_empty_and_the_sender_a_person(
    client, center, staff_user
):
    inquiry = _inquiry(organization_name="")
    client.force_login(staff_user)
    page = client.get(f"/staff/contact/{inquiry.pk}/").text
    assert (
        '<textarea name="advice" cols="40" rows="4" maxlength="5000" id="id_advice">\n'
        "</textarea>" in page
    )
    assert '<option value="individual" selected>個人</option>' in page
