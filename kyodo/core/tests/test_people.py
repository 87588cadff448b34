"""People and access: staff accounts invited by mail, roles, deactivation, passwords."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from kyodo.conftest import PASSWORD
from kyodo.core import people
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import user_roles

User = get_user_model()
NEW_PASSWORD = "kyodo-minato-2026!"
LINK = re.compile(r"http://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def _link(message: OutboxMessage) -> str:
    return LINK.search(message.body).group(1)


def _set_password(client, link: str, password: str = NEW_PASSWORD):
    form = client.get(link, follow=True)
    assert form.status_code == 200
    return client.post(
        form.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def test_staff_invite_a_colleague_who_sets_a_password_and_signs_in(client, staff_user):
    user = people.user_invite(
        actor=staff_user,
        username="nishiguchi",
        full_name="西口",
        name_reading="ニシグチ",
        email="nishiguchi@example.jp",
        title="センター長",
    )
    assert not user.has_usable_password()
    assert user_roles(user) == {"staff"}
    assert user.name_reading == "にしぐち"
    mail = OutboxMessage.objects.get(to="nishiguchi@example.jp")
    assert mail.subject == "Kyodoのシステムへのご招待"
    assert "事務局としてアカウントを用意しました。" in mail.body
    assert "ユーザー名は nishiguchi です。" in mail.body
    entry = AuditEntry.objects.get(action="kyodo.core.user.invited")
    assert entry.changes == {
        "username": "nishiguchi",
        "email": "nishiguchi@example.jp",
        "roles": ["staff"],
    }

    response = _set_password(client, _link(mail))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert AuditEntry.objects.filter(action="kyodo.core.user.password_set", actor=user).count() == 1
    login = client.post("/accounts/login/", {"username": "nishiguchi", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The link works once.
    again = client.get(_link(mail), follow=True)
    assert "このリンクは使用済みか期限切れのため、使えません。" in again.text


def test_refused_invitations_change_nothing(member_user, staff_user):
    before = (User.objects.count(), OutboxMessage.objects.count(), AuditEntry.objects.count())
    with pytest.raises(PermissionDenied):
        people.user_invite(actor=member_user, username="x", full_name="x", email="x@example.jp")
    with pytest.raises(people.UsernameTaken) as taken:
        people.user_invite(
            actor=staff_user, username="STAFF1", full_name="同名", email="other@example.jp"
        )
    assert str(taken.value) == "このユーザー名はすでに使われています。別の名前にしてください。"
    with pytest.raises(people.EmailTaken):
        people.user_invite(
            actor=staff_user, username="new", full_name="重複", email="Member1@example.jp"
        )
    assert (
        User.objects.count(),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_role_changes_are_audited_and_nobody_removes_their_own_staff_role(staff_user, member_user):
    people.user_set_roles(actor=staff_user, user=member_user, roles=["member", "group"])
    member_user.refresh_from_db()
    assert user_roles(User.objects.get(pk=member_user.pk)) == {"member", "group"}
    entry = AuditEntry.objects.get(action="kyodo.core.user.roles_changed")
    assert entry.changes == {"roles": [["member"], ["group", "member"]]}

    with pytest.raises(people.NotYourself):
        people.user_set_roles(actor=staff_user, user=staff_user, roles=["member"])
    assert user_roles(User.objects.get(pk=staff_user.pk)) == {"staff"}
    assert AuditEntry.objects.filter(action="kyodo.core.user.roles_changed").count() == 1


def test_a_deactivated_account_cannot_sign_in_and_staff_cannot_deactivate_themselves(
    client, staff_user, member_user, superuser
):
    people.user_set_active(actor=staff_user, user=member_user, active=False)
    response = client.post("/accounts/login/", {"username": "member1", "password": PASSWORD})
    assert response.status_code == 200  # the form again, not signed in
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.get(action="kyodo.core.user.deactivated").changes == {
        "is_active": [True, False]
    }
    with pytest.raises(people.NotYourself):
        people.user_set_active(actor=staff_user, user=staff_user, active=False)
    with pytest.raises(people.SuperuserProtected):
        people.user_set_active(actor=staff_user, user=superuser, active=False)
    assert User.objects.get(pk=staff_user.pk).is_active
    assert User.objects.get(pk=superuser.pk).is_active


def test_staff_pages_create_change_and_deactivate_an_account(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/staff/people/new/",
        {
            "full_name": "小林",
            "name_reading": "こばやし",
            "email": "kobayashi@example.jp",
            "roles": ["staff"],
            "title": "主事",
            "username": "",
        },
    )
    user = User.objects.get(email="kobayashi@example.jp")
    assert response["Location"] == f"/staff/people/{user.pk}/"
    assert user.username == "kobayashi"
    page = client.get(f"/staff/people/{user.pk}/")
    assert "招待済み（パスワード未設定）" in page.text
    assert "アカウントの作成と招待" in page.text
    client.post(f"/staff/people/{user.pk}/roles/", {"roles": ["staff", "member"]})
    client.post(f"/staff/people/{user.pk}/deactivate/")
    user.refresh_from_db()
    assert not user.is_active
    listing = client.get("/staff/people/", {"state": "inactive"})
    assert [row["user"] for row in listing.context["rows"]] == [user]
    # Bad input: a message in Japanese, nothing created.
    bad = client.post(
        "/staff/people/new/",
        {"full_name": "", "email": "not-an-address", "roles": ["boss"], "username": "名前"},
    )
    assert bad.status_code == 200
    assert "有効なメールアドレスを入力してください。" in bad.text
    assert "半角英数字と . _ - だけを使ってください。" in bad.text
    assert User.objects.count() == 2


def test_password_reset_never_tells_whether_an_address_has_an_account(client, member_user):
    known = client.post("/accounts/reset/", {"email": "MEMBER1@example.jp"})
    unknown = client.post("/accounts/reset/", {"email": "nobody@example.jp"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/reset/sent/"
    assert client.get("/accounts/reset/sent/").text.count("このアドレスのアカウントがある場合") == 1
    mail = OutboxMessage.objects.get()
    assert mail.to == "member1@example.jp"
    assert mail.subject == "パスワードの再設定"
    assert _set_password(client, _link(mail)).status_code == 302
    login = client.post("/accounts/login/", {"username": "member1", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_the_login_page_links_to_the_reset(client, db):
    assert 'href="/accounts/reset/"' in client.get("/accounts/login/").text


def test_a_signed_in_person_changes_their_password_and_is_told_by_mail(client, group_user):
    client.force_login(group_user)
    assert client.get("/accounts/password/").status_code == 200
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "元のパスワードが間違っています" in wrong.text
    assert OutboxMessage.objects.count() == 0
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/accounts/home/"
    assert User.objects.get(pk=group_user.pk).check_password(NEW_PASSWORD)
    assert OutboxMessage.objects.get().subject == "パスワードが変更されました"
    assert AuditEntry.objects.filter(action="kyodo.core.user.password_changed").count() == 1
