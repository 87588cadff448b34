"""The pages: staff work through forms that refuse bad input in Japanese; the public sees only
confirmed minutes; members find their meetings and minutes to check."""

from __future__ import annotations

from datetime import date

import pytest

from kyodo.committees import services
from kyodo.committees.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Appointment,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
)
from kyodo.committees.tests.conftest import approve, confirm
from kyodo.core.models import AuditEntry


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            Meeting,
            AgendaItem,
            MinutesEntry,
            Decision,
            ActionItem,
            Appointment,
            Attendance,
            AgendaDocument,
            AuditEntry,
        )
    )


def test_staff_index_lists_meetings_and_creates_one(staff_client, committee, meeting):
    page = staff_client.get("/staff/committees/")
    assert page.status_code == 200
    assert "平成22年度第1回運営委員会" in page.text
    response = staff_client.post(
        "/staff/committees/",
        {"date": "平成23年2月22日", "start_time": "19:00", "end_time": "21:00", "venue": ""},
    )
    created = Meeting.objects.get(date="2011-02-22")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/committees/meetings/{created.pk}/"
    assert (created.number, created.venue) == (2, None)
    detail = staff_client.get(response["Location"])
    assert "未定" in detail.text


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        (
            "/staff/committees/",
            {"date": "平成23年2月30日", "start_time": "19:00"},
            "「平成23年2月30日」という日付はありません。",
        ),
        (
            "/staff/committees/",
            {"date": "H23.2.22", "start_time": "21:00", "end_time": "19:00"},
            "終了時刻は開始時刻より後にしてください。",
        ),
        (
            "/staff/committees/",
            {"date": "H23.1.25", "number": "1"},
            "この年度にはすでに同じ回の会議があります。",
        ),
        ("ITEM/decision/", {"outcome": "approved", "method": "majority"}, None),
        (
            "ITEM/decision/",
            {"outcome": "approved", "method": "majority", "votes_for": "1", "votes_against": "3"},
            "賛成多数には、反対より多い賛成が必要です。",
        ),
        ("ITEM/", {"text": "   ", "preview": "1"}, "このフィールドは必須です。"),
        ("ITEM/requests/", {"description": "", "assignee": "事務局"}, "このフィールドは必須です。"),
        (
            "ITEM/requests/",
            {"description": "ワークショップ", "assignee": "事務局", "due_date": "H22.4.1"},
            "期限が会議の日より前になっています。",
        ),
        ("ITEM/documents/", {"title": "資料1"}, "このフィールドは必須です。"),
        (
            "/staff/committees/appointments/new/",
            {"title": "理事候補", "term_start": "H23.4.2", "term_end": "H23.4.1"},
            "このフィールドは必須です。",
        ),
        (
            "MEETING/next/",
            {"date": "H22.12.1", "start_time": "19:00"},
            "次回の会議は今回より後の日付にしてください。",
        ),
        (
            "MEETING/edit/",
            {"date": "H23.1.18", "start_time": "25:00", "status": "held"},
            "「25:00」を時刻として読み取れません。例：19:00、19時30分、午後7時",
        ),
    ],
)
def test_every_form_refuses_bad_input_in_japanese_and_saves_nothing(
    staff_client, staff, meeting, url, data, message
):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DELIBERATION, title="議題"
    )
    url = url.replace("ITEM/", f"/staff/committees/items/{item.pk}/").replace(
        "MEETING/", f"/staff/committees/meetings/{meeting.pk}/"
    )
    before = _counts()
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert 'class="error' in response.text or 'class="errors"' in response.text
    if message:
        assert message in response.text
    assert _counts() == before


def test_house_format_preview_then_save(staff_client, staff, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働について"
    )
    text = "委員長：協働について意見交換をしたい。\n事務局：総論としての協働を考える。"
    preview = staff_client.post(
        f"/staff/committees/items/{item.pk}/", {"text": text, "preview": "1"}
    )
    assert preview.status_code == 200
    assert "協働について意見交換をしたい。" in preview.text
    assert MinutesEntry.objects.count() == 0  # a preview saves nothing
    saved = staff_client.post(f"/staff/committees/items/{item.pk}/", {"text": text, "save": "1"})
    assert saved.status_code == 302
    assert [(e.speaker, e.text) for e in item.entries.all()] == [
        ("委員長", "協働について意見交換をしたい。"),
        ("事務局", "総論としての協働を考える。"),
    ]
    second = item.entries.get(position=2)
    staff_client.post(f"/staff/committees/entries/{second.pk}/up/")
    assert item.entries.get(position=1) == second


def test_public_pages_show_confirmed_minutes_only(client, staff, committee, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    assert client.get(f"/committee/minutes/{meeting.minutes.pk}/").status_code == 404
    index = client.get("/committee/")
    assert index.status_code == 200
    assert "坂口" in index.text and "公開している会議録はまだありません。" in index.text

    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=meeting.date.replace(month=2)
    )
    approve(staff, following.items.get())
    assert client.get(f"/committee/minutes/{meeting.minutes.pk}/").status_code == 404
    services.minutes_confirm(actor=staff, minutes=meeting.minutes)
    page = client.get(f"/committee/minutes/{meeting.minutes.pk}/")
    assert page.status_code == 200
    assert "平成22(2010)年度第1回運営委員会会議録(確定稿)" in page.text
    assert "事務局</span>：報告した。" in page.text
    assert f"/committee/minutes/{meeting.minutes.pk}/" in client.get("/committee/").text


def test_published_minutes_label_members_by_name_when_the_committee_says_so(
    client, staff, committee, meeting
):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：はじめます。")
    from kyodo.committees.export import minutes_document

    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert minutes_document(minutes).sections[0].items[0].entries[0].speaker == "委員長"
    services.committee_update(actor=staff, committee=committee, speaker_labels="name")
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert minutes_document(minutes).sections[0].items[0].entries[0].speaker == "熊田委員長"


def test_the_check_page_records_receipt_on_the_button_and_takes_a_correction(
    client, staff, meeting
):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    recipient = circulation.recipients.get(member__name="坂口")
    page = client.get(f"/committee/check/{recipient.token}/")
    assert page.status_code == 200
    assert "平成22(2010)年度第1回運営委員会会議録(未定稿)" in page.text
    recipient.refresh_from_db()
    assert recipient.opened_at is None  # opening records nothing (mail link scanners open it)
    assert client.post(f"/committee/check/{recipient.token}/", {"receive": "1"}).status_code == 302
    recipient.refresh_from_db()
    assert recipient.opened_at is not None
    entry = item.entries.get()
    empty = client.post(f"/committee/check/{recipient.token}/", {"entry": entry.pk, "text": ""})
    assert "訂正してほしい内容を入力してください。" in empty.text
    sent = client.post(f"/committee/check/{recipient.token}/", {"entry": entry.pk, "text": "訂正"})
    assert sent.status_code == 302
    assert recipient.corrections.get().entry == entry
    assert client.get("/committee/check/unknown-token/").status_code == 404


def test_member_home_lists_meetings_and_minutes_to_check(client, staff, committee, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    circulation = services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    kumada = circulation.recipients.get(member__name="熊田")
    # Member pages are for members sitting today: 熊田 is reappointed.
    from kyodo.committees.models import Membership

    Membership.objects.create(
        committee=committee,
        member=kumada.member,
        role=Membership.Role.CHAIR,
        term_start=date(2025, 4, 1),
        term_end=None,
    )
    client.force_login(kumada.member.user)
    home = client.get("/member/")
    assert home.status_code == 200
    assert f"/committee/check/{kumada.token}/" in home.text
    assert f"/member/meetings/{meeting.pk}/" in home.text
    notice = client.get(f"/member/meetings/{meeting.pk}/")
    assert "業務報告について" in notice.text and "午後7時～9時" in notice.text


def test_staff_pages_of_the_demo_render(staff_client, demo):
    ninth = Meeting.objects.get(fiscal_year=2010, number=9)
    tenth = Meeting.objects.get(fiscal_year=2010, number=10)
    eighth = Meeting.objects.get(fiscal_year=2010, number=8)
    index = staff_client.get("/staff/committees/")
    assert index.status_code == 200
    assert staff_client.get(f"/staff/committees/meetings/{ninth.pk}/").status_code == 200
    agenda = staff_client.get(f"/staff/committees/meetings/{tenth.pk}/")
    assert "2010年度第8回西東京市市民協働推進センター運営委員会会議録について" in agenda.text
    assert "協働についてのワークショップ" in agenda.text  # open request from the 9th
    board = staff_client.get(f"/staff/committees/minutes/{eighth.minutes.pk}/")
    # History (committees22 finding 4): every member received it before the 10th approved it.
    assert board.text.count('<td class="state-received">') == 12
    assert "送信失敗" not in board.text and "未受領" not in board.text
    for item in ninth.items.all()[:2]:
        assert staff_client.get(f"/staff/committees/items/{item.pk}/").status_code == 200
    for fmt in ("pdf", "docx", "html", "text"):
        response = staff_client.get(f"/staff/committees/minutes/{ninth.minutes.pk}/export/{fmt}/")
        assert response.status_code == 200


def test_entry_and_revision_forms_refuse_bad_input(staff_client, staff, committee, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.DISCUSSION, title="協働"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="委員長：はじめます。")
    entry = item.entries.get()
    before = _counts()
    response = staff_client.post(
        f"/staff/committees/entries/{entry.pk}/", {"speaker": " ", "text": "x"}
    )
    assert "発言者が入力されていない発言があります。" in response.text
    response = staff_client.post(
        f"/staff/committees/entries/{entry.pk}/split/", {"at": "99"}, follow=True
    )
    assert "分割位置は本文の途中を指定してください" in response.text
    assert _counts() == before
    assert MinutesEntry.objects.get(pk=entry.pk).text == "はじめます。"

    services.minutes_circulate(actor=staff, minutes=meeting.minutes)
    following = services.meeting_create(
        actor=staff, committee=committee, date=meeting.date.replace(month=2)
    )
    confirm(staff, following.items.get())
    url = f"/staff/committees/minutes/{meeting.minutes.pk}/correct/"
    # The form starts from the item's current text.
    form = staff_client.get(url)
    assert form.status_code == 200
    assert "委員長：はじめます。\n</textarea>" in form.text
    before = _counts()
    response = staff_client.post(
        url,
        {
            "item": "0-0",
            "based_on": "1",
            "text": "委員長：はじめましょう。",
            "reason": "",
            "save": "1",
        },
    )
    assert response.status_code == 400
    assert "このフィールドは必須です。" in response.text
    assert _counts() == before
    preview = staff_client.post(
        url,
        {
            "item": "0-0",
            "based_on": "1",
            "text": "委員長：はじめましょう。",
            "reason": "誤記の訂正",
        },
    )
    # The lines as they were and are, the changed characters marked (read out by screen readers).
    assert (
        '<span aria-hidden="true">− </span>委員長：はじめま<del class="diff-chars">'
        '<span class="visually-hidden">削除された文字： </span>す'
    ) in preview.text
    assert (
        '<span aria-hidden="true">+ </span>委員長：はじめま<ins class="diff-chars">'
        '<span class="visually-hidden">追加された文字： </span>しょう'
    ) in preview.text
    assert _counts() == before
    response = staff_client.post(
        url,
        {
            "item": "0-0",
            "based_on": "1",
            "text": "委員長：はじめましょう。",
            "reason": "誤記の訂正",
            "save": "1",
        },
    )
    assert response.status_code == 302
    assert meeting.minutes.versions.get(number=2).reason == "誤記の訂正"


def test_list_pages_take_a_fixed_number_of_queries(staff_client, staff, demo):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kyodo.committees.models import Committee

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    urls = ["/staff/committees/", "/committee/"]
    before = [count(url) for url in urls]
    committee = Committee.objects.get(slug="unei")
    for day in (date(2011, 3, 15), date(2011, 4, 19)):
        services.meeting_create(actor=staff, committee=committee, date=day)
    assert [count(url) for url in urls] == before


def test_member_home_of_an_account_without_seats(client, make_user, committee, meeting):
    # The member role given by hand, no seat: no committee, so no meeting either.
    from kyodo.core.roles import Role

    client.force_login(make_user("newcomer", Role.MEMBER))
    home = client.get("/member/").text
    assert "委員会の委員に就いていません。" in home
    assert "/member/meetings/" not in home
