"""The rows a newcomer found still speaking code on /staff/ (最近の操作) and /staff/audit/, written
by the real services and read back in words: a form waiting for mail confirmation by its kind,
an event named by its id by its title (as recorded once it is gone), where a change came from,
a written vote's items and who typed them in. And the page stays at a fixed number of queries
however many rows name other objects."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kyodo.core.audit import audit_log, audit_rows
from kyodo.core.models import AuditEntry, Center
from kyodo.core.selectors import audit_entries
from kyodo.core.wareki import format_wareki


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def center(db):
    return Center.objects.create(name="西東京市市民協働推進センター")


def _row(action: str):
    (row,) = _rows(action)
    return row


def _rows(action: str):
    with translation.override("ja"):
        return audit_rows(audit_entries(kind=action))


def _lines(row) -> list[tuple[str, str]]:
    return [(line.label, line.text) for line in row.changes]


def test_a_form_waiting_for_mail_confirmation_is_named_by_its_kind(client, center, staff_user):
    from kyodo.core.confirmations import submission_request

    pending = submission_request(
        kind="organizations.application",
        email="kaze@example.jp",
        payload={"name": "ひばりが丘こども食堂の会"},
        hours=48,
    )
    row = _row("kyodo.core.submission.requested")
    expires = timezone.localtime(pending.expires_at)
    assert row.entry.object_repr == f"organizations.application ({pending.pk})"  # as recorded
    assert row.name == "登録団体の申請"
    assert row.area == "メール確認待ちのフォーム"
    assert _lines(row) == [
        ("種類", "登録団体の申請"),
        ("有効期限", f"{format_wareki(expires.date())} {expires:%H:%M}"),
    ]
    client.force_login(staff_user)
    for url in ("/staff/", "/staff/audit/"):
        html = client.get(url).text
        assert ">登録団体の申請</td>" in html  # the 「対象」 column
        assert "organizations.application" not in re.sub(r"<[^>]+>", " ", html)  # as read


def test_an_event_named_by_its_id_reads_by_its_title_and_as_recorded_once_deleted(
    center, staff_user
):
    from kyodo.events.models import EventKind
    from kyodo.events.services import event_create, event_delete, event_update, guest_add

    event = event_create(
        actor=staff_user, kind=EventKind.SYMPOSIUM, date=date(2027, 10, 9), title="市民活動フェア"
    )
    guest_add(actor=staff_user, event=event, name="坂口", name_reading="さかぐち")
    assert _row("kyodo.events.guest.added").entry.changes["event"] == event.pk
    assert dict(_lines(_row("kyodo.events.guest.added")))["事業"] == "市民活動フェア"
    # Renamed: the row names the event as it is called now.
    event_update(
        actor=staff_user, event=event, title="市民活動フェア2027", kind=event.kind, date=event.date
    )
    assert dict(_lines(_row("kyodo.events.guest.added")))["事業"] == "市民活動フェア2027"
    # Deleted (a draft; its guest goes with it): named as the log last recorded it.
    event_delete(actor=staff_user, event=event)
    assert dict(_lines(_row("kyodo.events.guest.added")))["事業"] == "市民活動フェア2027"
    # An id the log never named: its number, said to be gone.
    audit_log(actor=staff_user, action="kyodo.events.note.removed", changes={"event": 999999})
    assert _lines(_row("kyodo.events.note.removed")) == [("事業", "番号999999（削除済み）")]


def test_where_a_change_came_from_reads_in_japanese(center, staff_user):
    from kyodo.committees.services import committee_create

    committee_create(actor=staff_user, center=center, name="ひばりヶ丘市民活動推進委員会")
    committee_create(actor=None, center=center, name="運営委員会", via="setup", quorum=3)
    rows = _rows("kyodo.committees.committee.created")
    # As dicts: PostgreSQL keeps a JSON object's keys in an order of its own.
    assert [dict(_lines(row)) for row in rows] == [
        {"名称": "運営委員会", "操作元": "センターの初期設定コマンド", "定足数": "3"},
        {"名称": "ひばりヶ丘市民活動推進委員会", "操作元": "過去の会議録の取り込み"},
    ]
    assert [row.who for row in rows] == ["システム", "中澤"]


@pytest.fixture
def written(center, staff_user, make_user):
    """A meeting held in writing yesterday, votes open a week, one 審議事項; 熊田 seated."""
    from kyodo.committees import services
    from kyodo.committees.models import Committee, Member, Membership
    from kyodo.core.roles import Role

    committee = Committee.objects.create(center=center, name="運営委員会", slug="unei", quorum=1)
    user = make_user("kumada", Role.MEMBER, full_name="熊田")
    member = Member.objects.create(name="熊田", name_reading="くまだ", email=user.email, user=user)
    today = timezone.localdate()
    Membership.objects.create(
        committee=committee, member=member, role=Membership.Role.CHAIR,
        term_start=today - timedelta(days=400),
    )  # fmt: skip
    meeting = services.meeting_create(
        actor=staff_user, committee=committee, date=today - timedelta(days=1),
        held_in_writing=True, votes_close_on=today + timedelta(days=7),
    )  # fmt: skip
    item = services.item_add(
        actor=staff_user, meeting=meeting, category="deliberation", title="市民活動フェアの共催"
    )
    return meeting, member, item


def test_a_written_vote_reads_item_by_item_and_says_who_typed_it_in(written, staff_user):
    from kyodo.committees.services.votes import written_vote_submit

    meeting, member, item = written
    written_vote_submit(
        actor=staff_user, meeting=meeting, member=member,
        votes={item.pk: ("reserved", "日程を再考したい")},
    )  # fmt: skip
    written_vote_submit(
        actor=member.user, meeting=meeting, member=member, votes={item.pk: ("for", "")}
    )  # fmt: skip
    by_staff, by_member = reversed(_rows("kyodo.committees.meeting.written_vote"))
    title = f"{item.number}. 市民活動フェアの共催"
    assert _lines(by_staff) == [
        ("委員", "熊田"),
        ("事務局が入力", "はい"),
        (title, "表決：— → 保留（意見）、コメント：— → 日程を再考したい"),
    ]
    assert _lines(by_member) == [
        ("委員", "熊田"),
        ("事務局が入力", "いいえ"),
        (title, "表決：保留（意見） → 賛成、コメント：日程を再考したい → —"),
    ]


def test_recorded_values_read_as_words(db):
    from kyodo.committees.models import Meeting, Member
    from kyodo.core.audit import change_lines
    from kyodo.events.models import Application
    from kyodo.organizations.models import Organization

    def lines(changes, **kwargs):
        with translation.override("ja"):
            return [(line.label, line.text) for line in change_lines(changes, **kwargs)]

    assert lines(
        {"outcome": "approved", "method": "show_of_hands", "votes": [9, 2]},
        model=Meeting,
        action="kyodo.committees.decision.recorded",
    )[2] == ("賛成・反対の数", "賛成9、反対2")
    assert lines({"votes": [None, None]}, action="kyodo.committees.decision.recorded") == [
        ("賛成・反対の数", "—")
    ]
    assert lines(
        {"name": "田辺", "seats": [["運営委員会", "2009-04-01", "2011-03-31"]]},
        model=Member,
        action="kyodo.committees.member.deleted",
    ) == [
        ("氏名", "田辺"),
        ("委員の任期", "運営委員会（平成21年4月1日(水)〜平成23年3月31日(木)）"),
    ]
    assert lines(
        {"kind": "registered", "effective_date": "2027-04-01"},
        model=Organization,
        action="kyodo.organizations.organization.schedule_cancelled",
    ) == [("種類", "登録"), ("効力発生日", "令和9年4月1日(木)")]
    assert lines({"change_request": "withdrawn"}, model=Organization) == [("変更届", "取り下げ")]
    assert lines(
        {"member": "熊田", "answer": [None, "absent"], "comment": ["", "所用のため"]},
        model=Meeting,
        action="kyodo.committees.meeting.reply",
    ) == [("委員", "熊田"), ("回答", "— → 欠席"), ("事務局への連絡", "— → 所用のため")]
    assert lines({"secretariat": [[], ["西口", "中澤"]]}, model=Meeting) == [
        ("出席した事務局", "— → 西口、中澤")
    ]
    assert lines({"phone": "changed"}, model=Application) == [
        ("電話番号", "変更あり（個人情報のため内容は記録していません）")
    ]


def test_the_audit_page_takes_the_same_queries_however_many_rows_name_objects(
    client, center, staff_user, django_assert_max_num_queries
):
    from kyodo.events.models import EventKind, Feedback
    from kyodo.events.services import event_create, guest_add

    def add_rows(numbers: range) -> None:
        for i in numbers:
            event = event_create(
                actor=staff_user,
                kind=EventKind.SALON,
                date=date(2027, 5, 1 + i),
                title=f"サロン{i}",
            )
            guest_add(actor=staff_user, event=event, name=f"講師{i}")
            AuditEntry.objects.create(
                action="kyodo.events.feedback.answered",
                content_type=ContentType.objects.get_for_model(Feedback),
                object_id=str(900 + i),
                object_repr=f"{event.pk}/{700 + i}",
                changes={"event": event.pk, "satisfaction": 5},
            )
            audit_log(
                actor=staff_user,
                action="kyodo.events.event.deleted",
                changes={"event": 800000 + i, "collaborations": [900000 + i]},
            )

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/staff/audit/").status_code == 200
        return len(captured)

    client.force_login(staff_user)
    add_rows(range(2))
    page_queries()  # warms Django's cache of content types
    few = page_queries()
    add_rows(range(2, 10))
    assert page_queries() == few
    with translation.override("ja"):
        entries = list(audit_entries()[:50])
        # The objects linked to, the events and the collaborations named by id, the names the
        # log recorded for those gone, and whether there are several committees.
        with django_assert_max_num_queries(5):
            rows = audit_rows(entries)
    feedback = next(r for r in rows if r.entry.action == "kyodo.events.feedback.answered")
    assert feedback.name == "アンケート回答（申込番号709）"
    assert dict(_lines(feedback)) == {"事業": "サロン9", "満足度": "とても満足"}
