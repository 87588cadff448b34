"""A 変更届 waiting for review is never replaced by a form shown before it was sent.

The group's row does not change when a 変更届 is sent, so the form's version of the row alone
cannot tell; the form also carries the 変更届 it was shown with. The concurrent case runs two
sessions in threads, each with its own database connection, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import html
import re
import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.organizations import services
from kyodo.organizations.exceptions import PendingChangeMoved
from kyodo.organizations.models import ChangeRequest, Organization
from kyodo.organizations.tests.factories import make_organization

STALE = "他の人が先に変更しました。"
PAGE = "/group/organization/"


@pytest.fixture
def group(group_user, staff_user):
    # staff_user exists so that a new 変更届 has someone to tell.
    return make_organization(
        status="registered",
        history=[("registered", date(2010, 12, 7))],
        representative_user=group_user,
        representative_name="山田 花子",
        representative_reading="やまだ はなこ",
        email="kaze@example.jp",
        phone="042-111-2222",
        address="東京都西東京市田無町",
        activity_fields=["community"],
        area="西東京市内",
        description="散策会と写真展",
        published_fields=["activity_fields"],
    )


def _session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(page) -> dict:
    """What the browser would send back from the profile page: every field as shown."""
    assert page.status_code == 200
    data: dict = {}
    for tag in re.findall(r"<input [^>]*>", page.text):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or 'type="file"' in tag or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(value.group(1))
            continue
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page.text, re.S
    ):
        data[name] = html.unescape(text).removeprefix("\n")
    return data


def _state(group) -> list:
    return list(
        ChangeRequest.objects.filter(organization=group)
        .order_by("pk")
        .values_list("status", "proposed")
    )


@pytest.mark.django_db
def test_a_second_window_is_warned_instead_of_replacing_the_waiting_change(group, group_user):
    first, second = _session(group_user), _session(group_user)
    shown_first, shown_second = _form(first.get(PAGE)), _form(second.get(PAGE))
    assert shown_second["pending_request"] == "0"

    response = first.post(PAGE, {**shown_first, "description": "説明A"})
    assert response.status_code == 302
    [request] = ChangeRequest.objects.all()
    audit_rows, mails = AuditEntry.objects.count(), OutboxMessage.objects.count()

    response = second.post(PAGE, {**shown_second, "description": "説明B"})

    # Refused, with the other window's change shown and what was typed kept.
    assert response.status_code == 200
    assert STALE in response.text
    form = response.context["form"]
    assert [(c.label, c.before, c.after) for c in form.stale_changes] == [
        ("活動内容", "散策会と写真展", "説明A")
    ]
    again = _form(response)
    assert again["description"] == "説明B"
    assert again["pending_request"] == str(request.pk)
    # Nothing changed: the first window's 変更届 still waits, nobody was told anything new.
    assert _state(group) == [("pending", {"description": "説明A"})]
    assert (AuditEntry.objects.count(), OutboxMessage.objects.count()) == (audit_rows, mails)
    group.refresh_from_db()
    assert group.description == "散策会と写真展"

    # Saving again from the warned form replaces it knowingly.
    assert second.post(PAGE, again).status_code == 302
    assert _state(group) == [
        ("withdrawn", {"description": "説明A"}),
        ("pending", {"description": "説明B"}),
    ]


@pytest.mark.django_db
def test_a_form_shown_with_a_waiting_change_is_warned_when_another_replaced_it(group, group_user):
    services.change_request_submit(
        actor=group_user,
        organization=group,
        fields=services.ProfileFields(**_fields(group, phone="042-333-4444")),
    )
    first, second = _session(group_user), _session(group_user)
    shown_first, shown_second = _form(first.get(PAGE)), _form(second.get(PAGE))
    assert shown_first["phone"] == "042-333-4444"  # the waiting proposal is laid over

    assert first.post(PAGE, {**shown_first, "phone": "042-555-6666"}).status_code == 302
    response = second.post(PAGE, {**shown_second, "area": "西東京市全域"})

    assert STALE in response.text
    assert [(c.label, c.before, c.after) for c in response.context["form"].stale_changes] == [
        ("電話番号", "042-333-4444", "042-555-6666")
    ]
    assert _state(group) == [
        ("withdrawn", {"phone": "042-333-4444"}),
        ("pending", {"phone": "042-555-6666"}),
    ]


@pytest.mark.django_db
def test_the_service_refuses_a_save_from_before_the_waiting_change(group, group_user):
    sent = services.change_request_submit(
        actor=group_user,
        organization=group,
        fields=services.ProfileFields(**_fields(group, description="説明A")),
        shown_pending=services.PendingShown(pk=None),
    ).change_request

    with pytest.raises(PendingChangeMoved) as refused:
        services.change_request_submit(
            actor=group_user,
            organization=group,
            fields=services.ProfileFields(**_fields(group, description="説明B")),
            shown_pending=services.PendingShown(pk=None),
        )

    assert refused.value.pending == str(sent.pk)
    assert _state(group) == [("pending", {"description": "説明A"})]
    # Without shown_pending (not from a form) the new save replaces the waiting one, as before.
    services.change_request_submit(
        actor=group_user,
        organization=group,
        fields=services.ProfileFields(**_fields(group, description="説明B")),
    )
    assert [status for status, _proposed in _state(group)] == ["withdrawn", "pending"]


@pytest.mark.django_db(transaction=True)
def test_two_windows_saving_at_the_same_moment_make_one_change(group, group_user):
    windows = [_session(group_user), _session(group_user)]
    shown = [_form(w.get(PAGE)) for w in windows]
    barrier = threading.Barrier(2)
    results, errors = [], []
    lock = threading.Lock()

    def save(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            response = windows[n].post(PAGE, {**shown[n], "description": f"説明{'AB'[n]}"})
            with lock:
                results.append((response.status_code, STALE in response.content.decode()))
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results) == [(200, True), (302, False)]
    [(status, proposed)] = _state(group)
    assert status == "pending" and proposed["description"] in ("説明A", "説明B")
    assert OutboxMessage.objects.filter(kind="organizations.change.received").count() == 1


def _fields(group: Organization, **changes) -> dict:
    data = {name: getattr(group, name) for name in services.PROFILE_FIELDS}
    for name in ("activity_fields", "published_fields"):
        data[name] = [code for code in str(data[name] or "").split(",") if code]
    data.update(changes)
    return data
