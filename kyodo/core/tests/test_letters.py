"""A person without e-mail is invited, or given a new password, by a letter staff print: the user
name and a one-time code typed at /accounts/start/, then the page where they set a password."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from kyodo.conftest import PASSWORD
from kyodo.core import people
from kyodo.core.models import AuditEntry, Center, OutboxMessage, SignInLetter

User = get_user_model()
NEW_PASSWORD = "kyodo-yasashii-2026!"
CODE = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://kyodo.example.jp"


@pytest.fixture
def center(db):
    return Center.objects.create(
        name="西東京市市民協働推進センター", address="西東京市田無町5-5-12", phone="042-497-6980"
    )


def _create_without_email(client, staff_user, **extra):
    client.force_login(staff_user)
    return client.post(
        "/staff/people/new/",
        {"full_name": "高橋 和子", "name_reading": "たかはし かずこ", "title": "", "email": "",
         "roles": ["member"], **extra},
    )  # fmt: skip


def _print_letter(client, user) -> str:
    response = client.post(f"/staff/people/{user.pk}/letter/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/people/{user.pk}/letter/"
    shown = client.get(response["Location"])
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "no-store"
    # Shown once: a reload does not show the code again.
    again = client.get(response["Location"], follow=True)
    assert again.redirect_chain == [(f"/staff/people/{user.pk}/", 302)]
    assert (
        "案内状のコードは一度しか表示されません。印刷し直すときは、新しく印刷してください"
        "（前のコードは使えなくなります）。"
    ) in again.content.decode()
    return shown.content.decode()


def _start(client, username: str, code: str):
    return client.post("/accounts/start/", {"username": username, "code": code})


def test_an_account_without_email_is_made_and_its_letter_starts_the_person(
    client, staff_user, center
):
    before = OutboxMessage.objects.count()
    # Without an address staff must choose the user name: it is printed on the letter.
    response = _create_without_email(client, staff_user)
    assert response.status_code == 200
    assert "メールアドレスがないときは、ユーザー名を決めてください。案内状に印刷します。" in (
        response.content.decode()
    )
    assert not User.objects.filter(full_name="高橋 和子").exists()

    response = _create_without_email(client, staff_user, username="takahashi")
    user = User.objects.get(username="takahashi")
    assert response.status_code == 302 and response["Location"] == f"/staff/people/{user.pk}/"
    assert (user.email, user.has_usable_password()) == ("", False)
    assert OutboxMessage.objects.count() == before  # nothing mailed to no one
    page = client.get(response["Location"]).content.decode()
    assert "このアカウントにはメールアドレスがありません。" in page
    assert "招待をもう一度送る" not in page
    assert "コード付きの案内状を印刷する" in page

    letter = _print_letter(client, user)
    code = CODE.search(letter).group(1)
    assert "ウェブサイトの利用開始のご案内" in letter
    assert "高橋 和子 様" in letter
    assert "https://kyodo.example.jp/accounts/start/" in letter
    assert "<code>takahashi</code>" in letter
    expires = timezone.localtime(timezone.now() + timedelta(days=14))
    assert re.search(r"令和\d+年\d+月\d+日\([月火水木金土日]\) \d\d:\d\d", letter)
    assert SignInLetter.objects.get(user=user).expires_at.date() in {
        expires.date(),
        (expires - timedelta(days=1)).date(),
    }
    assert "042-497-6980" in letter
    assert "〒" not in letter  # no postal code given yet
    assert code not in str(list(SignInLetter.objects.values_list("code_hash", flat=True)))
    entry = AuditEntry.objects.get(action="kyodo.core.user.letter_printed")
    assert entry.changes == {"expires": timezone.localdate(expires).isoformat()}

    client.logout()
    # Typed as people type it: full-width, lower case, without the hyphens.
    typed = code.lower().replace("-", " ").translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    response = _start(client, "ＴＡＫＡＨＡＳＨＩ", typed)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reset/")
    form = client.get(response["Location"], follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.login(username="takahashi", password=NEW_PASSWORD)
    client.logout()
    # Spent: the same code works no more.
    assert SignInLetter.objects.filter(user=user).count() == 0
    response = _start(client, "takahashi", code)
    assert response.status_code == 200
    assert "ユーザー名かコードが違うか、案内状の期限が過ぎています。" in response.content.decode()


def test_a_wrong_name_wrong_code_or_old_letter_is_refused_alike(client, staff_user, make_user):
    person = make_user("sato", "member", full_name="佐藤")
    other = make_user("suzuki", "member", full_name="鈴木")
    first = people.letter_issue(actor=staff_user, user=person).code
    second = people.letter_issue(actor=staff_user, user=person).code
    assert first != second and re.fullmatch(r"[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){2}", second)
    message = (
        "ユーザー名かコードが違うか、案内状の期限が過ぎています。案内状と見比べて、"
        "それでも使えないときはセンターに新しい案内状を頼んでください。"
    )
    for username, code in [
        ("sato", first),  # the earlier letter stopped working
        ("suzuki", second),  # someone else's name
        ("sato", second[:-1]),  # one character short
        ("sato", "ABCD-EFGH-JKMN"),
        ("", ""),
    ]:
        response = _start(client, username, code)
        assert response.status_code == 200
        assert message in response.content.decode() or "このフィールドは必須です。" in (
            response.content.decode()
        ), (username, code)
    SignInLetter.objects.filter(user=person).update(expires_at=timezone.now())
    response = _start(client, "sato", second)
    assert message in response.content.decode()
    assert other.sign_in_letters.count() == 0
    assert person.password == User.objects.get(pk=person.pk).password


def test_a_person_who_forgot_their_password_sets_a_new_one_from_a_letter(
    client, staff_user, make_user, center
):
    from kyodo.website.services import access_update

    access_update(actor=staff_user, postal_code="188-0011")
    person = make_user("kato", "member", full_name="加藤")
    assert person.check_password(PASSWORD)
    client.force_login(staff_user)
    page = client.get(f"/staff/people/{person.pk}/").content.decode()
    assert "パスワードを忘れた、メールのない人には" in page
    letter = _print_letter(client, person)
    assert "パスワード再設定のご案内" in letter
    assert "<br>〒188-0011 西東京市田無町5-5-12<br>" in letter
    code = CODE.search(letter).group(1)
    client.logout()
    response = _start(client, "kato", code)
    form = client.get(response["Location"], follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert list(AuditEntry.objects.filter(object_id=str(person.pk)).values_list(
        "action", flat=True
    ).order_by("pk")) == ["kyodo.core.user.letter_printed", "kyodo.core.user.password_set"]  # fmt: skip


def test_only_staff_print_letters_and_not_for_the_deactivated_or_an_administrator(
    client, staff_user, make_user, superuser
):
    person = make_user("ito", "member", full_name="伊藤")
    client.force_login(person)
    assert client.post(f"/staff/people/{person.pk}/letter/").status_code == 403
    client.force_login(staff_user)
    for user, message in [
        (superuser, "管理者のアカウントです。変更できるのは管理者だけです。"),
    ]:
        response = client.post(f"/staff/people/{user.pk}/letter/", follow=True)
        assert message in response.content.decode()
    people.user_set_active(actor=staff_user, user=person, active=False)
    response = client.post(f"/staff/people/{person.pk}/letter/", follow=True)
    assert (
        "このアカウントは無効になっています。先に有効に戻してください。"
        in response.content.decode()
    )
    assert SignInLetter.objects.count() == 0
    assert not AuditEntry.objects.filter(action="kyodo.core.user.letter_printed").exists()


def test_the_start_page_is_linked_from_sign_in_and_sends_signed_in_people_home(client, make_user):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/start/"' in page
    assert "センターから案内状が届いた方" in page
    page = client.get("/accounts/start/").content.decode()
    assert "<h1>センターからの案内状で始める</h1>" in page
    client.force_login(make_user("abe", "member"))
    assert client.get("/accounts/start/")["Location"] == "/accounts/home/"
