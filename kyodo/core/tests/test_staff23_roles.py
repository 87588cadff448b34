"""Staff run the center's accounts without an administrator: the center manager role (who
appoints whom), a clerk who cannot raise themselves to superuser, and the last active manager
who cannot be locked out (brief 7)."""

import html
import re

import pytest
from django.contrib.auth import get_user_model

from kyodo.core import people
from kyodo.core.center import center_setup
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import Role, user_roles

User = get_user_model()

LAST_MANAGER = (
    "このセンターで有効なセンター長はこのアカウントだけです。先に後任の方のアカウントのページで"
    "センター長の役割を付けてから、このアカウントを変更してください。"
)
MANAGER_ONLY = "センター長の役割を付けたり外したりできるのはセンター長だけです。"
MANAGER_ACCOUNT = (
    "センター長のアカウントです。変更できるのはセンター長だけです。センター長に依頼してください。"
)
NOT_OFFERED = (
    "ここで付けられるのは一覧の役割だけです。管理者（スーパーユーザー）の権限は事務局では付け"
    "られません。サーバーの管理者に依頼してください。"
)


@pytest.fixture
def manager(make_user):
    return make_user("nishiguchi", Role.STAFF, Role.MANAGER, full_name="西口", title="センター長")


@pytest.fixture
def clerk(make_user):
    return make_user("nakazawa", Role.STAFF, full_name="中澤", title="主事")


def _roles(user) -> set[str]:
    return user_roles(User.objects.get(pk=user.pk))


def _post(client, path: str, data=None) -> tuple[str, list[str]]:
    """Where the button leads, and the messages shown there."""
    response = client.post(path, data or {}, follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0], [str(m) for m in response.context["messages"]]


def _state(*users):
    """What a refused change must leave as it was."""
    return [
        (u.username, u.is_active, u.is_superuser, u.is_staff, sorted(_roles(u)))
        for u in User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk")
    ], AuditEntry.objects.count()


def test_a_new_center_s_first_account_is_its_manager(db):
    done = center_setup(
        name="みなと市民活動センター", staff_username="sato", staff_name="佐藤 花子"
    )
    assert _roles(done.user) == {"staff", "manager"}
    assert list(people.active_managers()) == [done.user]


def test_the_manager_adds_a_part_time_clerk_through_the_page(client, manager, settings):
    settings.SITE_URL = "http://testserver"
    client.force_login(manager)
    response = client.post(
        "/staff/people/new/",
        {
            "full_name": "山辺 由美",
            "name_reading": "ヤマベ ユミ",
            "title": "主事（非常勤）",
            "email": "yamabe@example.jp",
            "username": "",
            "roles": ["staff"],
        },
    )
    user = User.objects.get(username="yamabe")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/people/{user.pk}/"
    assert (user.full_name, user.name_reading, user.title, _roles(user)) == (
        "山辺 由美",
        "やまべ ゆみ",
        "主事（非常勤）",
        {"staff"},
    )
    assert OutboxMessage.objects.get(to="yamabe@example.jp").kind == "people.invitation"


def test_the_manager_hands_the_role_over_and_the_next_manager_takes_it(manager, clerk):
    # Given one manager, when they appoint the clerk and then give up their own role,
    people.user_set_roles(actor=manager, user=clerk, roles=["manager"])
    people.user_set_roles(actor=manager, user=manager, roles=["staff"])
    # then the clerk is the manager (with the staff role added) and both changes are audited.
    assert (_roles(clerk), _roles(manager)) == ({"manager", "staff"}, {"staff"})
    assert [
        (e.actor.username, e.object_id, e.changes)
        for e in AuditEntry.objects.filter(action="kyodo.core.user.roles_changed").order_by("pk")
    ] == [
        ("nishiguchi", str(clerk.pk), {"roles": [["staff"], ["manager", "staff"]]}),
        ("nishiguchi", str(manager.pk), {"roles": [["manager", "staff"], ["staff"]]}),
    ]
    assert list(people.active_managers()) == [clerk]


def test_the_last_active_manager_cannot_give_up_the_role_or_be_deactivated(manager, clerk):
    before = _state(manager, clerk)
    with pytest.raises(people.LastManager) as refused:
        people.user_set_roles(actor=manager, user=manager, roles=["staff"])
    assert str(refused.value.message) == LAST_MANAGER
    # A second manager may deactivate the first only while another manager remains active.
    people.user_set_roles(actor=manager, user=clerk, roles=["staff", "manager"])
    people.user_set_active(actor=clerk, user=manager, active=False)
    with pytest.raises(people.NotYourself):
        people.user_set_active(actor=clerk, user=clerk, active=False)
    assert list(people.active_managers()) == [clerk]
    assert before[1] + 2 == AuditEntry.objects.count()


def test_a_clerk_cannot_lock_out_the_last_manager(clerk, manager):
    before = _state(manager, clerk)
    with pytest.raises(people.ManagerProtected) as refused:
        people.user_set_active(actor=clerk, user=manager, active=False)
    assert str(refused.value.message) == MANAGER_ACCOUNT
    with pytest.raises(people.ManagerProtected):
        people.user_set_roles(actor=clerk, user=manager, roles=["staff"])
    with pytest.raises(people.ManagerProtected):
        # Changing the manager's address would let a clerk have the manager's reset link.
        people.user_update(actor=clerk, user=manager, full_name="西口", email="clerk@example.jp")
    with pytest.raises(people.ManagerProtected):
        people.password_reset_send(actor=clerk, user=manager)
    assert _state(manager, clerk) == before
    assert User.objects.get(pk=manager.pk).email == "nishiguchi@example.jp"


def test_a_clerk_cannot_make_themselves_manager_while_the_center_has_one(clerk, manager):
    before = _state(manager, clerk)
    with pytest.raises(people.ManagerProtected) as refused:
        people.user_set_roles(actor=clerk, user=clerk, roles=["staff", "manager"])
    assert str(refused.value.message) == MANAGER_ONLY
    with pytest.raises(people.ManagerProtected):
        people.user_invite(
            actor=clerk,
            username="accomplice",
            full_name="共犯",
            email="accomplice@example.jp",
            roles=["staff", "manager"],
        )
    assert _state(manager, clerk) == before
    assert not User.objects.filter(username="accomplice").exists()


def test_a_center_without_a_manager_gets_its_first_from_any_staff_member(clerk, staff_user):
    # An installation from before the role: nobody is manager, so a clerk may appoint one.
    people.user_set_roles(actor=clerk, user=staff_user, roles=["staff", "manager"])
    assert _roles(staff_user) == {"staff", "manager"}
    with pytest.raises(people.ManagerProtected):
        people.user_set_roles(actor=clerk, user=clerk, roles=["staff", "manager"])


def test_a_clerk_cannot_raise_their_own_role_to_superuser_through_the_service(clerk, manager):
    before = _state(clerk)
    for roles in (["staff", "superuser"], ["admin"], ["staff", "is_superuser"]):
        with pytest.raises(people.RoleNotOffered) as refused:
            people.user_set_roles(actor=clerk, user=clerk, roles=roles)
        assert str(refused.value.message) == NOT_OFFERED
    with pytest.raises(TypeError):
        people.user_update(actor=clerk, user=clerk, full_name="中澤", is_superuser=True)
    assert _state(clerk) == before


def test_a_clerk_cannot_raise_their_own_role_to_superuser_through_the_pages(client, clerk, manager):
    client.force_login(clerk)
    before = _state(clerk)
    shown = _post(client, f"/staff/people/{clerk.pk}/roles/", {"roles": ["staff", "superuser"]})
    assert shown == (f"/staff/people/{clerk.pk}/", [NOT_OFFERED])
    # Extra fields on the details form are not fields of the form: ignored.
    page = client.get(f"/staff/people/{clerk.pk}/").content.decode()
    version = re.search(r'name="edit_version" value="([^"]*)"', page).group(1)
    response = client.post(
        f"/staff/people/{clerk.pk}/",
        {
            "full_name": "中澤",
            "name_reading": "",
            "title": "主事",
            "email": "nakazawa@example.jp",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": "1",
            "edit_version": html.unescape(version),
        },
    )
    assert (response.status_code, response["Location"]) == (302, f"/staff/people/{clerk.pk}/")
    assert _state(clerk)[0] == before[0]
    assert client.get("/admin/").status_code == 404  # Django admin: superusers only


def test_a_clerk_cannot_deactivate_the_last_manager_through_the_page(client, clerk, manager):
    client.force_login(clerk)
    before = _state(manager, clerk)
    shown = _post(client, f"/staff/people/{manager.pk}/deactivate/")
    assert shown == (f"/staff/people/{manager.pk}/", [MANAGER_ACCOUNT])
    assert _state(manager, clerk) == before


def test_the_manager_cannot_deactivate_or_demote_themselves_through_the_page(client, manager):
    client.force_login(manager)
    before = _state(manager)
    shown = _post(client, f"/staff/people/{manager.pk}/roles/", {"roles": ["staff"]})
    assert shown == (f"/staff/people/{manager.pk}/", [LAST_MANAGER])
    shown = _post(client, f"/staff/people/{manager.pk}/deactivate/")
    assert shown == (f"/staff/people/{manager.pk}/", ["自分のアカウントにはこの操作はできません。"])
    assert _state(manager) == before


def test_the_account_page_names_the_manager_and_offers_the_role(client, manager, clerk):
    client.force_login(clerk)
    page = client.get(f"/staff/people/{clerk.pk}/").content.decode()
    assert "現在のセンター長：西口。" in page
    assert '<input type="checkbox" name="roles" value="manager"' in page
    assert "\n センター長</label>" in page
    assert "管理者（スーパーユーザー）の権限はここでは付けられません。" in page


def test_staff_reset_a_forgotten_password_and_disable_someone_who_left(
    client, manager, clerk, settings
):
    settings.SITE_URL = "http://testserver"
    client.force_login(manager)
    assert _post(client, f"/staff/people/{clerk.pk}/reset/")[1] == [
        "パスワード再設定のメールをnakazawa@example.jpあてに送信待ちにしました。"
    ]
    assert OutboxMessage.objects.get(to="nakazawa@example.jp").kind == "people.password_reset"
    assert _post(client, f"/staff/people/{clerk.pk}/deactivate/")[1] == [
        "アカウントを利用停止にしました。"
    ]
    assert User.objects.get(pk=clerk.pk).is_active is False
    assert [e.action for e in AuditEntry.objects.order_by("pk")][-2:] == [
        "kyodo.core.user.password_reset_sent",
        "kyodo.core.user.deactivated",
    ]
