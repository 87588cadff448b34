from kyodo.conftest import PASSWORD


def test_sign_in_is_blocked_at_the_fifth_failure_even_with_the_right_password(client, staff_user):
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "staff1", "password": "wrong"})
        assert response.status_code == 200
        assert "正しいユーザー名とパスワードを入力してください" in response.text
    response = client.post("/accounts/login/", {"username": "staff1", "password": "wrong"})
    assert response.status_code == 429

    response = client.post("/accounts/login/", {"username": "staff1", "password": PASSWORD})
    assert response.status_code == 429
    assert "ログインが一時的に制限されています" in response.text
    assert client.get("/staff/").status_code == 302


def test_another_user_name_is_not_blocked(client, staff_user, make_user):
    make_user("other", full_name="他の人")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "staff1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "other", "password": PASSWORD})
    assert response.status_code == 302
