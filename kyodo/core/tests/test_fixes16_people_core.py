"""fixes16 findings 2, 4 and 6 on the account pages (/staff/people/): a password reset link sent
by staff, a warning when a deactivated account is still on a secretariat list, and the search
that ignores spaces, kana and variant kanji. (Part of committees1-core.patch.)"""

from __future__ import annotations

import pytest

from kyodo.committees.models import Committee, SecretariatMember
from kyodo.core import people
from kyodo.core.models import AuditEntry, Center, OutboxMessage
from kyodo.core.roles import Role


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_staff_send_a_password_reset_link_to_an_active_account(staff_client, make_user):
    person = make_user("sato", Role.MEMBER, full_name="佐藤 花子")
    page = staff_client.get(f"/staff/people/{person.pk}/")
    assert f'action="/staff/people/{person.pk}/reset/"' in page.text
    assert "パスワード再設定のメールを送る" in page.text
    sent = staff_client.post(f"/staff/people/{person.pk}/reset/")
    assert (sent.status_code, sent["Location"]) == (302, f"/staff/people/{person.pk}/")
    (mail,) = OutboxMessage.objects.filter(kind="people.password_reset")
    assert mail.to == "sato@example.jp"
    assert "/accounts/reset/" in mail.body
    assert AuditEntry.objects.filter(action="kyodo.core.user.password_reset_sent").count() == 1


def test_an_invited_or_deactivated_account_gets_no_reset_link(staff_user, make_user):
    invited = make_user("invited", Role.MEMBER)
    invited.set_unusable_password()
    invited.save()
    with pytest.raises(people.PeopleError):
        people.password_reset_send(actor=staff_user, user=invited)
    gone = make_user("gone", Role.MEMBER, is_active=False)
    with pytest.raises(people.PeopleError):
        people.password_reset_send(actor=staff_user, user=gone)
    assert not OutboxMessage.objects.filter(kind="people.password_reset").exists()


def test_deactivating_someone_still_on_a_secretariat_list_says_so(staff_client, make_user):
    center = Center.objects.create(name="センター")
    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei")
    person = make_user("suda", Role.STAFF, full_name="須田 一郎")
    SecretariatMember.objects.create(committee=committee, name="須田　一郎", title="係長")
    done = staff_client.post(f"/staff/people/{person.pk}/deactivate/", follow=True)
    assert "須田 一郎さんは運営委員会の事務局の一覧に残っています" in done.text
    assert "今後の会議の事務局" in done.text


@pytest.mark.parametrize("query", ["佐藤 花子", "佐藤　花子", "佐藤花子", "サトウ", "さとう"])
def test_the_account_search_ignores_spaces_and_kana(staff_client, make_user, query):
    make_user("sato", Role.MEMBER, full_name="佐藤 花子", name_reading="さとう はなこ")
    make_user("kato", Role.MEMBER, full_name="加藤 一", name_reading="かとう はじめ")
    page = staff_client.get("/staff/people/", {"q": query})
    assert [row["user"].username for row in page.context["rows"]] == ["sato"]


@pytest.mark.parametrize(
    ("query", "name"),
    [("渡辺", "渡邉 葵"), ("斎藤", "齋藤 凜"), ("斉藤", "斎藤 誠"), ("吉岡", "𠮷岡 繫"),
     ("高橋", "髙橋 一"), ("山崎", "山﨑 誠")],
)  # fmt: skip
def test_the_account_search_treats_variant_kanji_as_one(staff_client, make_user, query, name):
    make_user("found", Role.MEMBER, full_name=name)
    make_user("other", Role.MEMBER, full_name="田中 太郎")
    page = staff_client.get("/staff/people/", {"q": query})
    assert [row["user"].username for row in page.context["rows"]] == ["found"]
