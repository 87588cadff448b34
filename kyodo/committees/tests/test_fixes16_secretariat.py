"""Finding 2: a meeting's secretariat is what it was at that meeting. The committee's list is
kept for a meeting once it is held (attendance recorded, recorded as held, draft sent); taking
someone off the list changes no meeting already held, its draft or its confirmed minutes."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.documents import build_document
from kyodo.committees.exceptions import MinutesConfirmed
from kyodo.committees.models import MeetingSecretariat, Minutes, SecretariatMember
from kyodo.committees.services.meetings import meeting_secretariat_set
from kyodo.committees.services.members import secretariat_lists_of
from kyodo.committees.tests.conftest import hold
from kyodo.committees.tests.test_services import _confirmed, _new_meeting
from kyodo.core.models import AuditEntry


@pytest.fixture
def suda(committee):
    return SecretariatMember.objects.create(committee=committee, name="須田", title="係長", order=2)


def _kept(meeting) -> list[tuple[str, str, bool]]:
    return [(p.name, p.title, p.attended) for p in meeting.secretariat.all()]


def _printed(meeting) -> list[str]:
    minutes = Minutes.objects.get(meeting=meeting)
    return [s.label for s in build_document(minutes).secretariat]


def test_a_meeting_to_come_follows_the_committees_list(staff, meeting, suda):
    assert _kept(meeting) == []
    assert [str(p) for p in meeting.secretariat_printed()] == ["西口センター長", "須田係長"]
    services.secretariat_remove(actor=staff, person=suda)
    assert [str(p) for p in meeting.secretariat_printed()] == ["西口センター長"]


def test_recording_attendance_keeps_the_list_for_the_meeting(staff, meeting, suda):
    hold(staff, meeting)
    assert _kept(meeting) == [("西口", "センター長", True), ("須田", "係長", True)]
    # Kept once: recording again adds nobody, and a person added to the list later is not in it.
    SecretariatMember.objects.create(committee=meeting.committee, name="新井", title="主事")
    hold(staff, meeting)
    assert _kept(meeting) == [("西口", "センター長", True), ("須田", "係長", True)]


def test_sending_the_draft_keeps_the_list_too(staff, meeting, suda):
    from kyodo.committees.tests.test_services import _minutes_with_entries

    _minutes_with_entries(staff, meeting)
    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    assert [name for name, _title, _attended in _kept(meeting)] == ["西口", "須田"]


def test_removing_someone_from_the_list_leaves_a_held_meetings_draft_as_it_was(
    client, staff, committee, meeting, suda
):
    hold(staff, meeting)
    services.secretariat_remove(actor=staff, person=suda)
    assert not SecretariatMember.objects.filter(pk=suda.pk).exists()
    assert _printed(meeting) == ["西口センター長", "須田係長"]
    # A meeting still to come follows the list.
    later = _new_meeting(staff, committee, date(2011, 3, 15))
    assert _printed(later) == ["西口センター長"]
    # The staff page of the list says what removing does.
    client.force_login(staff)
    western = SecretariatMember.objects.get(name="西口")
    page = client.get(f"/staff/committees/people/secretariat/{western.pk}/")
    assert "すでに開催した会議" in page.text


def test_confirmed_minutes_keep_the_person_removed_from_the_list(staff, committee, meeting, suda):
    minutes, _item = _confirmed(committee, staff, meeting)
    services.secretariat_remove(actor=staff, person=suda)
    assert [s["name"] for s in minutes.current_version.document["secretariat"]] == ["西口", "須田"]
    assert _printed(meeting) == ["西口センター長", "須田係長"]


def test_staff_tick_who_of_the_secretariat_attended(client, staff, meeting, suda):
    hold(staff, meeting)
    kept = {p.name: p for p in meeting.secretariat.all()}
    client.force_login(staff)
    url = f"/staff/committees/people/meetings/{meeting.pk}/secretariat/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{kept["須田"].pk}"' in page.text
    saved = client.post(url, {"attended": [kept["西口"].pk]})
    assert (saved.status_code, saved["Location"]) == (
        302,
        f"/staff/committees/meetings/{meeting.pk}/",
    )
    assert _kept(meeting) == [("西口", "センター長", True), ("須田", "係長", False)]
    assert _printed(meeting) == ["西口センター長"]
    rows = AuditEntry.objects.filter(action="kyodo.committees.attendance.recorded")
    assert [r.changes for r in rows if "secretariat" in r.changes] == [
        {"secretariat": [["西口", "須田"], ["西口"]]}
    ]
    # Someone not of this meeting's secretariat is refused, and nothing changes.
    other = MeetingSecretariat.objects.create(meeting=_other_meeting(staff, meeting), name="x")
    refused = client.post(url, {"attended": [other.pk]})
    assert refused.status_code == 200
    assert _kept(meeting) == [("西口", "センター長", True), ("須田", "係長", False)]


def _other_meeting(staff, meeting):
    return _new_meeting(staff, meeting.committee, date(2011, 3, 1))


def test_a_meeting_not_yet_held_has_nothing_to_tick_and_opening_writes_nothing(
    client, staff, meeting
):
    client.force_login(staff)
    page = client.get(f"/staff/committees/people/meetings/{meeting.pk}/secretariat/")
    assert page.status_code == 200
    assert 'type="checkbox"' not in page.text
    assert MeetingSecretariat.objects.count() == 0


def test_the_secretariat_of_confirmed_minutes_cannot_be_changed(staff, committee, meeting):
    _confirmed(committee, staff, meeting)
    before = _kept(meeting)
    with pytest.raises(MinutesConfirmed):
        meeting_secretariat_set(actor=staff, meeting=meeting, attended=set())
    assert _kept(meeting) == before


def test_an_account_still_on_a_secretariat_list_is_named(staff, committee, suda, make_user):
    suda.user = make_user("suda")
    suda.save()
    assert secretariat_lists_of(suda.user) == ["運営委員会"]
    # The list is mostly typed without accounts: the account's name finds it too.
    assert secretariat_lists_of(make_user("nishi", full_name="西口")) == ["運営委員会"]
    assert secretariat_lists_of(make_user("other", full_name="西")) == []
    services.secretariat_remove(actor=staff, person=suda)
    assert secretariat_lists_of(suda.user) == []
