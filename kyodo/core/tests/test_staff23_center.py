"""A clerk (staff, not the manager, not a superuser) keeps the center's own settings: its name
and the address mail comes from, through the center's page; the mail then leaves from it over
real SMTP (brief 7)."""

import html
import re

from kyodo.core import people
from kyodo.core.models import AuditEntry, Center, OutboxMessage
from kyodo.core.outbox import outbox_flush
from kyodo.core.roles import Role


def _version(client, path: str) -> str:
    page = client.get(path).content.decode()
    return html.unescape(re.search(r'name="edit_version" value="([^"]*)"', page).group(1))


def _center_form(client, **values) -> dict:
    data = {
        "name": "みなと市民活動センター",
        "name_reading": "みなとしみんかつどうせんたー",
        "prefecture": "東京都",
        "city": "港区",
        "municipality_code": "131032",
        "operator": "NPO法人みなと",
        "email": "info@minato.example.jp",
        "about": "",
        "edit_version": _version(client, "/staff/center/"),
    }
    return data | values


def test_a_clerk_renames_the_center_and_mail_leaves_from_its_address(
    client, make_user, smtp_server, settings
):
    settings.SITE_URL = "http://testserver"
    Center.objects.create(name="港区市民活動センター", email="old@minato.example.jp")
    clerk = make_user("nakazawa", Role.STAFF, full_name="中澤")
    newcomer = make_user("yamabe", Role.STAFF, full_name="山辺", email="yamabe@example.jp")
    client.force_login(clerk)

    response = client.post("/staff/center/", _center_form(client), follow=True)
    assert response.redirect_chain == [("/staff/center/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["保存しました。"]
    center = Center.objects.get()
    assert (center.name, center.email, center.operator) == (
        "みなと市民活動センター",
        "info@minato.example.jp",
        "NPO法人みなと",
    )
    assert AuditEntry.objects.get(action="kyodo.core.center.updated").actor == clerk

    people.password_reset_send(actor=clerk, user=newcomer)
    outbox_flush()
    [sent] = smtp_server.by_recipient("yamabe@example.jp")
    assert sent["message"]["From"] == "みなと市民活動センター <info@minato.example.jp>"
    assert OutboxMessage.objects.get(to="yamabe@example.jp").status == "sent"


def test_a_mistyped_address_or_code_is_refused_in_japanese_and_nothing_changes(client, make_user):
    Center.objects.create(name="港区市民活動センター", email="old@minato.example.jp")
    client.force_login(make_user("nakazawa", Role.STAFF))
    count = AuditEntry.objects.count()
    response = client.post(
        "/staff/center/",
        _center_form(client, email="info@@minato", municipality_code="131033"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["有効なメールアドレスを入力してください。"],
    }
    response = client.post("/staff/center/", _center_form(client, municipality_code="131033"))
    assert response.context["form"].errors == {
        "municipality_code": [
            "6桁目（検査数字）が前の5桁と合いません。総務省のコード一覧と見比べてください。"
        ],
    }
    center = Center.objects.get()
    assert (center.name, center.email, center.municipality_code) == (
        "港区市民活動センター",
        "old@minato.example.jp",
        "",
    )
    assert AuditEntry.objects.count() == count
