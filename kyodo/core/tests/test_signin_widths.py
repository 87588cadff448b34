"""A person types their account, password and address with the IME as it happens to be: in
full-width, or with the letter case they remember. The same account, password and address."""

from django.contrib.auth import get_user_model

from kyodo.conftest import PASSWORD
from kyodo.core.models import OutboxMessage
from kyodo.core.roles import Role

WRONG = "正しいユーザー名とパスワードを入力してください"


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_full_width_or_differently_cased_account_name_signs_in(client, make_user):
    make_user("sato.hanako", Role.STAFF)
    for typed in ("ＳＡＴＯ．ＨＡＮＡＫＯ", "Sato.Hanako", " sato.hanako "):
        client.logout()
        response = sign_in(client, typed, PASSWORD)
        assert response.status_code == 302, typed
        assert response["Location"] == "/accounts/home/"
        assert client.session["_auth_user_id"] == str(
            get_user_model().objects.get(username="sato.hanako").pk
        )


def test_two_accounts_differing_only_by_case_need_the_exact_name(client, make_user):
    make_user("Sato", Role.STAFF)
    lower = make_user("sato", Role.STAFF)
    assert WRONG in sign_in(client, "SATO", PASSWORD).text
    response = sign_in(client, "ｓａｔｏ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(lower.pk)


def test_a_password_set_in_full_width_is_the_half_width_password(client, make_user):
    user = make_user("hanako", Role.STAFF)
    client.force_login(user)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Ｈａｎａｋｏ－２０２７－ｚｚ",
            "new_password2": "Hanako-2027-zz",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Hanako-2027-zz")
    client.logout()
    assert sign_in(client, "hanako", "Hanako-2027-zz").status_code == 302
    client.logout()
    assert sign_in(client, "hanako", "Ｈａｎａｋｏ－２０２７－ｚｚ").status_code == 302
    client.logout()
    assert WRONG in sign_in(client, "hanako", "hanako-2027-zz").text


def test_a_password_stored_in_full_width_before_still_signs_in_as_typed_then(client, make_user):
    user = make_user("old", Role.STAFF)
    user.set_password("Ｐａｓｓ－２０１０")
    user.save()
    assert sign_in(client, "old", "Ｐａｓｓ－２０１０").status_code == 302


def test_the_old_password_of_a_change_may_be_typed_in_full_width(client, make_user):
    user = make_user("hanako", Role.STAFF)
    user.set_password("Pass-2010")
    user.save()
    client.force_login(user)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "Ｐａｓｓ－２０１０",
            "new_password1": "k9-Tsuru-2027",
            "new_password2": "k9-Tsuru-2027",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("k9-Tsuru-2027")


def test_a_reset_asked_with_a_full_width_address_is_mailed(client, make_user):
    make_user("kumada", Role.MEMBER, email="kumada@example.jp")
    response = client.post("/accounts/reset/", {"email": "ｋｕｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ"})
    assert response.status_code == 302
    assert list(
        OutboxMessage.objects.filter(kind="people.password_reset").values_list("to", flat=True)
    ) == ["kumada@example.jp"]
