"""A new center without the demo or an administrator: ``kyodo setup`` makes the center, its first
staff account (who sets a password with the printed code) and its committee; staff then keep the
center's details, its venues and its committees in the browser."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kyodo.committees.models import Committee
from kyodo.core.models import AuditEntry, Center, OutboxMessage, SignInLetter, User, Venue
from kyodo.core.roles import user_roles

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "minato-center-2026!"


def _setup(*args: str) -> str:
    out = io.StringIO()
    call_command("setup", *args, stdout=out)
    return out.getvalue()


def _state():
    return (Center.objects.count(), User.objects.count(), Committee.objects.count(),
            AuditEntry.objects.count(), SignInLetter.objects.count())  # fmt: skip


MINATO = ["--center", "みなと市民活動センター", "--staff-username", "sato", "--staff-name",
          "佐藤　花子", "--prefecture", "東京都", "--city", "港区", "--municipality-code", "１３１０３２",
          "--address", "東京都港区芝公園1-1-1", "--phone", "03-0000-0000"]  # fmt: skip


def test_setup_makes_the_center_its_first_staff_and_committee_and_the_code_works(client, settings):
    settings.SITE_URL = "https://minato.example.jp"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "minato.example.jp"]
    printed = _setup(*MINATO)
    code = re.search(r"コード：([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", printed).group(1)
    assert printed.splitlines()[:3] == [
        "みなと市民活動センターを登録しました。",
        "最初の事務局アカウント：sato（佐藤 花子）",
        "パスワードは本人が決めます：https://minato.example.jp/accounts/start/ を開き、ユーザー名と"
        "次のコードを入力してください。",
    ]
    center = Center.objects.get()
    assert (center.name, center.prefecture, center.city, center.municipality_code,
            center.address, center.phone) == (
        "みなと市民活動センター", "東京都", "港区", "131032", "東京都港区芝公園1-1-1", "03-0000-0000"
    )  # fmt: skip
    user = User.objects.get(username="sato")
    assert (user.full_name, user_roles(user), user.has_usable_password()) == (
        "佐藤 花子",
        {"staff", "manager"},
        False,
    )
    committee = Committee.objects.get()
    assert (committee.name, committee.center) == ("運営委員会", center)
    # Done by the setup, not by the person it made.
    assert [(e.action, e.actor) for e in AuditEntry.objects.order_by("pk")] == [
        ("kyodo.core.center.set_up", None),
        ("kyodo.core.user.letter_printed", None),
        ("kyodo.committees.committee.created", None),
    ]
    assert AuditEntry.objects.order_by("pk").last().changes == {
        "name": "運営委員会",
        "via": "setup",
    }

    response = client.post("/accounts/start/", {"username": "sato", "code": code})
    form = client.get(response["Location"], follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert client.login(username="sato", password=NEW_PASSWORD)
    home = client.get("/staff/", HTTP_HOST="minato.example.jp").content.decode()
    assert 'href="/staff/center/"' in home
    assert "メールや案内状のリンクが、別のアドレスを指しています。" not in home
    # Opened at another address than SITE_URL: every mailed and printed link would be wrong.
    home = client.get("/staff/").content.decode()
    assert (
        "Kyodoがメールや印刷物に書くリンク（招待、案内状、キャンセル用リンクなど）は、設定 SITE_URL "
        "により https://minato.example.jp で始まりますが、このサイトは http://testserver で開かれて"
        "います。"
    ) in home


def test_an_invitation_not_sent_yet_is_dropped_once_the_password_is_set(client):
    printed = _setup(*MINATO, "--staff-email", "sato@example.jp")
    code = re.search(r"コード：([A-Z0-9-]{14})", printed).group(1)
    assert list(OutboxMessage.objects.values_list("kind", "status")) == [
        ("people.invitation", "queued")
    ]
    response = client.post("/accounts/start/", {"username": "sato", "code": code})
    form = client.get(response["Location"], follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert OutboxMessage.objects.count() == 0


def test_setup_twice_or_with_bad_input_changes_nothing():
    for args, message in [
        (["--center", "あ", "--staff-username", "bad name!", "--staff-name", "佐藤"],
         "半角英数字と . _ - だけを使ってください。"),
        ([*MINATO[:-6], "--municipality-code", "12"], "コードは6桁の数字で書いてください。"),
        ([*MINATO[:-6], "--municipality-code", "123456"],
         "6桁目（検査数字）が前の5桁と合いません。総務省のコード一覧と見比べてください。"),
    ]:  # fmt: skip
        with pytest.raises(CommandError) as refused:
            _setup(*args)
        assert str(refused.value) == message
        assert _state() == (0, 0, 0, 0, 0)
    _setup(*MINATO, "--committee", "")
    before = _state()
    assert before == (1, 1, 0, 2, 1)
    with pytest.raises(CommandError) as refused:
        _setup(*MINATO)
    assert str(refused.value) == (
        "このシステムにはすでにセンターが登録されています。センターの情報は、事務局の「センター」の"
        "画面（/staff/center/）で変更できます。"
    )
    assert _state() == before


def test_staff_keep_the_centers_details(client, staff_user, member_user):
    _setup(*MINATO)
    client.force_login(member_user)
    assert client.get("/staff/center/").status_code == 403
    client.force_login(staff_user)
    page = client.get("/staff/center/").content.decode()
    assert "所在地・電話番号・開館時間は" in page
    form = {"name": "みなと区民協働センター", "name_reading": "ミナトクミンキョウドウセンター",
            "prefecture": "東京都", "city": "港区", "municipality_code": "13103",
            "operator": "NPO法人みなとネット", "email": "", "about": "区民の協働の拠点です。"}  # fmt: skip
    form["edit_version"] = re.search(r'name="edit_version" value="([^"]*)"', page).group(1)
    refused = client.post("/staff/center/", form)
    assert "コードは6桁の数字で書いてください。" in refused.content.decode()
    refused = client.post("/staff/center/", {**form, "municipality_code": "131033"})
    assert (
        "6桁目（検査数字）が前の5桁と合いません。総務省のコード一覧と見比べてください。"
        in refused.content.decode()
    )
    assert Center.objects.get().name == "みなと市民活動センター"
    response = client.post("/staff/center/", {**form, "municipality_code": "１３１０３２"})
    assert response.status_code == 302
    center = Center.objects.get()
    assert (center.name, center.name_reading, center.operator) == (
        "みなと区民協働センター",
        "みなとくみんきょうどうせんたー",
        "NPO法人みなとネット",
    )
    entry = AuditEntry.objects.filter(action="kyodo.core.center.updated").get()
    assert entry.changes["name"] == ["みなと市民活動センター", "みなと区民協働センター"]
    # Every page says the new name at once.
    assert "みなと区民協働センター" in client.get("/").content.decode()


def test_staff_add_and_retire_venues_and_events_offer_only_those_in_use(client, staff_user):
    _setup(*MINATO)
    client.force_login(staff_user)
    assert "会場はまだありません。" in client.get("/staff/center/venues/").content.decode()
    response = client.post(
        "/staff/center/venues/",
        {"name": "第1会議室", "name_reading": "だいいちかいぎしつ", "building": "本館3階",
         "address": "", "capacity": "３０", "notes": ""},
    )  # fmt: skip
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert (venue.name, venue.capacity, venue.is_active) == ("第1会議室", 30, True)
    venue_pk = venue.pk
    client.post(
        "/staff/center/venues/", {"name": "多目的ホール", "name_reading": "たもくてきほーる"}
    )
    listed = client.get("/staff/center/venues/").content.decode()
    # Gojūon order: だいいち before たもくてき (the database puts だ after た).
    assert listed.index(">第1会議室</a>") < listed.index(">多目的ホール</a>")
    twice = client.post("/staff/center/venues/", {"name": "第1会議室"})
    assert "同じ名前の会場がすでにあります。別の名前にしてください。" in twice.content.decode()
    assert Venue.objects.count() == 2
    edit = client.get(f"/staff/center/venues/{venue.pk}/").content.decode()
    version = re.search(r'name="edit_version" value="([^"]*)"', edit).group(1)
    client.post(
        f"/staff/center/venues/{venue.pk}/",
        {"name": "第1会議室", "name_reading": "", "building": "本館3階", "address": "",
         "capacity": "30", "notes": "改修のため閉鎖", "edit_version": version},
    )  # fmt: skip
    venue.refresh_from_db()
    assert (venue.is_active, venue.notes) == (False, "改修のため閉鎖")
    from kyodo.events.forms import EventForm

    assert [v.name for v in EventForm().fields["venue"].queryset] == ["多目的ホール"]
    assert venue_pk == venue.pk


def test_a_center_without_a_committee_makes_its_first_and_keeps_each_ones_settings(
    client, staff_user
):
    _setup(*MINATO, "--committee", "")
    client.force_login(staff_user)
    page = client.get("/staff/committees/").content.decode()
    assert "委員会はまだありません。まずセンターの運営委員会を作ってください。" in page
    refused = client.post(
        "/staff/committees/new/",
        {"name": "運営委員会", "min_members": "10", "max_members": "8", "quorum": ""},
    )
    assert "委員の最少人数が最多人数を上回っています。" in refused.content.decode()
    assert not Committee.objects.exists()
    for name in ("運営委員会", "広報部会"):
        response = client.post(
            "/staff/committees/new/",
            {"name": name, "purpose": "", "min_members": "5", "max_members": "10", "quorum": "6"},
        )
        assert response.status_code == 302
    first, second = Committee.objects.order_by("pk")
    assert response["Location"] == f"/staff/committees/?committee={second.slug}"
    page = client.get(response["Location"]).content.decode()
    assert f'href="/staff/committees/?committee={first.slug}">運営委員会</a>' in page
    settings_form = page[page.index('action="/staff/committees/settings/?committee=') :]
    assert settings_form.startswith(f'action="/staff/committees/settings/?committee={second.slug}"')
    version = re.search(r'name="edit_version" value="([^"]*)"', settings_form).group(1)
    response = client.post(
        f"/staff/committees/settings/?committee={second.slug}",
        {"name": "広報部会", "purpose": "広報紙の編集", "min_members": "3", "max_members": "6",
         "quorum": "7", "speaker_labels": "role", "edit_version": version},
    )  # fmt: skip
    assert "定足数が委員の最多人数を上回っています。" in response.content.decode()
    response = client.post(
        f"/staff/committees/settings/?committee={second.slug}",
        {"name": "広報部会", "purpose": "広報紙の編集", "min_members": "3", "max_members": "6",
         "quorum": "4", "speaker_labels": "role", "edit_version": version},
    )  # fmt: skip
    assert response["Location"] == f"/staff/committees/?committee={second.slug}"
    first.refresh_from_db(), second.refresh_from_db()
    assert (second.purpose, second.quorum, second.max_members) == ("広報紙の編集", 4, 6)
    assert (first.purpose, first.quorum) == ("", 6)  # the first is not the one changed
