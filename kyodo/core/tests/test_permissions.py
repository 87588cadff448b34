"""The role × page matrix: every role-protected page refuses anonymous users and wrong roles."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kyodo.core.roles import Role

ROLES = ["anonymous", Role.STAFF, Role.MEMBER, Role.GROUP, "superuser"]
PROTECTED_PREFIXES = ("staff/", "member/", "group/")


def protected_patterns():
    """(route, view roles) for every URL under the staff, member and group areas."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(PROTECTED_PREFIXES):
                yield route, pattern

    return list(walk(get_resolver().url_patterns))


def test_every_page_in_the_private_areas_declares_its_roles():
    undeclared = [
        route for route, p in protected_patterns() if not hasattr(p.callback, "kyodo_roles")
    ]
    assert protected_patterns(), "no private pages found: the walk is broken"
    assert undeclared == []


# Role checks run before a view looks anything up, so placeholder arguments test them all.
PLACEHOLDERS = {
    "int": "999999",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "x",
}


def placeholder_url(route: str) -> str:
    def fill(match: re.Match) -> str:
        return PLACEHOLDERS[match.group(1) or "str"]

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)


@pytest.fixture
def login_as(client, make_user):
    def login(role):
        if role == "anonymous":
            return client
        if role == "superuser":
            client.force_login(make_user("root", superuser=True))
        else:
            client.force_login(make_user(f"user-{role}", role))
        return client

    return login


def _cases():
    for route, pattern in protected_patterns():
        allowed = {str(r) for r in pattern.callback.kyodo_roles} | {"superuser"}
        for role in ROLES:
            yield pytest.param(route, role, str(role) in allowed, id=f"{route}-{role}")


@pytest.mark.parametrize(("route", "role", "allowed"), list(_cases()))
def test_role_page_matrix(route, role, allowed, login_as):
    client = login_as(role)
    url = placeholder_url(route)
    responses = [client.get(url), client.post(url)]

    for response in responses:
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/?next=")
        elif allowed:
            # Past the role check: the page, a redirect, 404 for a placeholder id, 405 for a verb.
            assert response.status_code in (200, 302, 404, 405)
            assert not response.get("Location", "").startswith("/accounts/login/")
        else:
            assert response.status_code == 403
            assert "権限がありません" in response.text


def test_django_admin_is_for_superusers_only(client, staff_user, superuser):
    client.force_login(staff_user)
    assert client.get("/django-admin/").status_code == 302
    client.force_login(superuser)
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "landing"),
    [(Role.STAFF, "/staff/"), (Role.MEMBER, "/member/"), (Role.GROUP, "/group/")],
)
def test_each_role_lands_on_its_own_page_after_sign_in(client, make_user, role, landing):
    from kyodo.conftest import PASSWORD

    make_user("person", role)
    response = client.post("/accounts/login/", {"username": "person", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == landing
