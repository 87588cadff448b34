from datetime import timedelta

from django.utils import timezone

from kyodo.core.audit import audit_log
from kyodo.core.models import AuditEntry, Venue


def test_audit_log_records_who_what_and_which_object(staff_user):
    venue = Venue.objects.create(name="保谷庁舎")
    entry = audit_log(
        actor=staff_user, action="kyodo.venue.created", obj=venue, changes={"capacity": [None, 80]}
    )
    entry.refresh_from_db()
    assert entry.actor == staff_user
    assert entry.actor_label == "中澤"
    assert entry.target == venue
    assert entry.object_repr == "保谷庁舎"
    assert entry.changes == {"capacity": [None, 80]}


def test_staff_filter_the_audit_log_by_action_and_japanese_dates(client, staff_user):
    audit_log(actor=staff_user, action="kyodo.venue.created")
    audit_log(actor=staff_user, action="kyodo.outbox.resent")
    old = audit_log(actor=staff_user, action="kyodo.venue.renamed")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    client.force_login(staff_user)

    response = client.get("/staff/audit/", {"action": "kyodo.venue"})
    assert response.status_code == 200
    assert "kyodo.venue.created" in response.text
    assert "kyodo.venue.renamed" in response.text
    assert "kyodo.outbox.resent" not in response.text

    today = timezone.localdate()
    response = client.get(
        "/staff/audit/", {"action": "kyodo.venue", "since": f"{today:%Y年%m月%d日}"}
    )
    assert "kyodo.venue.created" in response.text
    assert "kyodo.venue.renamed" not in response.text


def test_a_nonsense_date_in_the_filter_gets_a_japanese_message(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/staff/audit/", {"since": "平成32年1月1日"})
    assert response.status_code == 200
    assert "平成" in response.text
    assert 'class="error"' in response.text
