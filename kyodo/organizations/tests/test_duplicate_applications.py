"""The same application sent twice reaches staff once: confirming the second link tells the person
it is already received and creates nothing."""

from __future__ import annotations

import pytest

from kyodo.core.models import AuditEntry, OutboxMessage, PendingSubmission
from kyodo.core.tests.confirm import _PATH_RE
from kyodo.organizations import services
from kyodo.organizations.exceptions import ApplicationAlreadyReceived
from kyodo.organizations.models import Organization
from kyodo.organizations.tests.factories import application_data, application_post

pytestmark = pytest.mark.django_db

ALREADY = "この申請はすでに受け付けています。センターで審査のうえ、メールでご連絡します。"


def submit(**overrides) -> Organization:
    return services.application_submit(
        actor=None, fields=services.ApplicationFields(**application_data(**overrides))
    )


def test_the_same_application_while_the_first_waits_is_refused_and_writes_nothing():
    first = submit()
    with pytest.raises(ApplicationAlreadyReceived) as refused:
        # The same group and address, written differently.
        submit(name="西東京　ひかりの会", email="HIKARI@example.jp", area="西東京市全域")
    assert str(refused.value.message) == ALREADY
    assert list(Organization.objects.values_list("pk", "area")) == [(first.pk, "西東京市南町")]
    assert AuditEntry.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "first_status"),
    [
        ({"email": "other@example.jp"}, "applied"),  # another person applying for the group
        ({"name": "西東京みどりの会"}, "applied"),  # another group of the same person
        ({}, "rejected"),  # decided: a new application is a new one
        ({}, "registered"),
    ],
)
def test_another_application_is_received(overrides, first_status):
    first = submit()
    Organization.objects.filter(pk=first.pk).update(status=first_status)
    second = submit(**overrides)
    assert second.pk != first.pk
    assert Organization.objects.count() == 2


def test_both_links_of_a_form_sent_twice_give_one_application(client):
    for _sent in range(2):
        assert client.post("/groups/apply/", application_post()).status_code == 302
    links = [
        _PATH_RE.search(mail.body)[0]
        for mail in OutboxMessage.objects.filter(kind="core.confirmation").order_by("pk")
    ]
    assert len(set(links)) == 2
    first = client.post(links[0], follow=True)
    assert first.redirect_chain[-1][0] == "/groups/apply/sent/"
    second = client.post(links[1], follow=True)
    assert second.redirect_chain[-1][0] == "/groups/apply/received/"
    assert "<h1>申請はすでに受け付けています</h1>" in second.text
    assert "今回の申請は重ねて登録していません" in second.text
    assert Organization.objects.count() == 1
    assert (
        AuditEntry.objects.filter(action="kyodo.organizations.application.submitted").count() == 1
    )
    assert OutboxMessage.objects.filter(kind="organizations.application.received").count() == 1
    assert PendingSubmission.objects.count() == 0  # both links used up
    assert client.post(links[1]).status_code == 404
