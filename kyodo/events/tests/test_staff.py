"""Staff pages under /staff/events/: lists, forms (each refusing bad input), CSV, attendance."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import Role
from kyodo.core.versions import edit_version
from kyodo.events import services
from kyodo.events.models import Application, Event, EventNote, EventSeries, Guest
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

REQUIRED = "このフィールドは必須です。"
CONTROL = "この欄から制御文字（目に見えない文字）を取り除いてください。"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def event_data(**overrides) -> dict:
    data = {
        "series": "",
        "title": "協働を考えるシンポジウム",
        "kind": "symposium",
        "theme": "",
        "description": "",
        "date": "平成23年2月9日",
        "start_time": "18:30",
        "end_time": "20:30",
        "venue": "",
        "venue_text": "田無庁舎",
        "capacity_people": "60",
        "capacity_groups": "",
        "accepts_applications": "on",
        "applications_open_on": "",
        "applications_close_on": "",
    }
    return {**data, **overrides}


# --- lists and the event page ------------------------------------------------------------------


def test_staff_see_upcoming_and_past_events_with_counts(staff_client, make_event):
    upcoming = make_event(capacity_people=1)
    apply(upcoming, 1)
    apply(upcoming, 2)
    make_event(title="昨年の講座", date=timezone.localdate() - timedelta(days=30))

    response = staff_client.get("/staff/events/")
    past = staff_client.get("/staff/events/?past=1")

    assert response.status_code == 200
    assert "会計講座中級編" in response.text and "昨年の講座" not in response.text
    assert "<td>1 / 1</td>" in response.text  # confirmed people / capacity
    assert "昨年の講座" in past.text and "会計講座中級編" not in past.text
    assert 'href="/staff/events/"' in response.text  # the staff menu


def test_the_staff_event_page_lists_applicants_with_counts(staff_client, make_event):
    event = make_event(capacity_people=2)
    apply(event, 1, phone="042-111-2222")
    apply(event, 2, kind="group", group_name="西東京風の会", people=1)
    waiting = apply(event, 3)
    services.application_cancel(actor=None, application=waiting)
    apply(event, 4)

    response = staff_client.get(f"/staff/events/{event.pk}/")

    assert response.status_code == 200
    text = response.text
    assert "受付済み：2（2人、1団体）" in text
    assert "キャンセル待ち：1（1人、0団体）" in text
    assert "取消：1" in text
    for shown in ("申込者1", "042-111-2222", "西東京風の会", "person4@example.jp"):
        assert shown in text


@pytest.mark.parametrize("role", [Role.MEMBER, Role.GROUP])
def test_applicants_personal_data_is_refused_to_other_roles(client, make_user, make_event, role):
    event = make_event(capacity_people=5)
    apply(event, 1, phone="042-111-2222")
    client.force_login(make_user("someone", role))

    for url in (
        f"/staff/events/{event.pk}/",
        f"/staff/events/{event.pk}/applications.csv",
        f"/staff/events/{event.pk}/attendance/",
        "/staff/events/",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "申込者1" not in response.text
        assert "person1@example.jp" not in response.text


def test_anonymous_visitors_are_sent_to_sign_in(client, make_event):
    event = make_event()
    response = client.get(f"/staff/events/{event.pk}/applications.csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_csv_export_is_utf8_with_bom_for_excel(staff_client, make_event):
    event = make_event(capacity_people=1)
    apply(event, 1, name="青木 陽子", name_reading="あおき ようこ", phone="042-111-2222")
    apply(event, 2, kind="group", group_name="=HYPERLINK(1)", people=3, name="石井 健一")

    response = staff_client.get(f"/staff/events/{event.pk}/applications.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:8] == ["申込日時", "状態", "キャンセル待ちの順番", "申し込みの種類", "団体",
                           "氏名", "ふりがな", "人数"]  # fmt: skip
    assert rows[1][1:10] == ["受付済み", "", "個人", "", "青木 陽子", "あおき ようこ", "1",
                             "person1@example.jp", "042-111-2222"]  # fmt: skip
    # The group name is typed by the applicant: defused, never a live formula.
    assert rows[2][1:6] == ["キャンセル待ち", "1", "団体", "'=HYPERLINK(1)", "石井 健一"]
    assert len(rows) == 3


# --- the event form ----------------------------------------------------------------------------


def test_staff_create_an_event_in_a_series_and_it_is_numbered(staff_client, staff_user):
    series = services.series_create(actor=staff_user, name="NPO市民活動ネットワーク", next_number=3)

    response = staff_client.post(
        "/staff/events/new/", event_data(series=str(series.pk), title="", kind="social")
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.series_number, event.name, event.date.isoformat()) == (
        3,
        "NPO市民活動ネットワーク 第3回",
        "2011-02-09",
    )
    assert event.status == "draft"
    assert AuditEntry.objects.filter(action="kyodo.events.event.created").count() == 1


def test_staff_edit_publish_and_cancel_an_event(staff_client, make_event):
    event = make_event(status=Event.Status.DRAFT)

    staff_client.post(
        f"/staff/events/{event.pk}/edit/",
        event_data(capacity_people="80") | {"edit_version": edit_version(event)},
    )
    staff_client.post(f"/staff/events/{event.pk}/status/publish/")
    event.refresh_from_db()
    assert (event.title, event.capacity_people, event.status) == (
        "協働を考えるシンポジウム",
        80,
        "published",
    )

    staff_client.post(f"/staff/events/{event.pk}/status/cancel/")
    event.refresh_from_db()
    assert event.status == "cancelled"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": ""}, REQUIRED),
        ({"date": ""}, REQUIRED),
        ({"date": "平成23年2月30日"}, "「平成23年2月30日」という日付はありません。"),
        ({"title": "", "series": ""}, "事業名を入力するか、シリーズを選んでください。"),
        ({"title": "あ" * 201}, "200文字以内で入力してください（現在201文字）。"),
        ({"title": "シンポ\x00ジウム"}, "この欄から制御文字（目に見えない文字）を取り除いてください。"),
        ({"theme": "協働\x08"}, CONTROL),
        ({"capacity_people": "-1"}, "1以上の値を入力してください。"),
        ({"capacity_people": "0"}, "1以上の値を入力してください。"),
        ({"capacity_people": "99999999999999"}, "10000以下の値を入力してください。"),
        ({"capacity_groups": "1001"}, "1000以下の値を入力してください。"),
        ({"start_time": "21:00", "end_time": "19:00"}, "終了時刻は開始時刻より後にしてください。"),
        ({"start_time": "25:00"}, "「25:00」を時刻として読み取れません。例：19:00、19時30分、午後7時"),
        ({"end_time": "25時"}, "「25時」を時刻として読み取れません。例：19:00、19時30分、午後7時"),
        ({"applications_open_on": "2011-02-01", "applications_close_on": "2011-01-01"},
         "申込締切日は申込開始日より後にしてください。"),
        ({"applications_close_on": "2011-03-01"}, "申込締切日は開催日以前にしてください。"),
        ({"series": "999999"}, "正しく選択してください。選択したものは候補にありません。"),
    ],
)  # fmt: skip
def test_the_event_form_refuses_bad_input(staff_client, overrides, message):
    response = staff_client.post("/staff/events/new/", event_data(**overrides))

    assert response.status_code == 400
    assert message in response.text
    assert Event.objects.count() == 0
    assert AuditEntry.objects.count() == 0


# --- series, guests, notes ---------------------------------------------------------------------


def test_staff_create_and_edit_a_series(staff_client):
    staff_client.post(
        "/staff/events/series/new/",
        {"name": "企業懇談会", "name_reading": "キギョウコンダンカイ", "kind": "round_table",
         "description": "", "next_number": "2"},
    )  # fmt: skip
    series = EventSeries.objects.get()
    assert (series.name_reading, series.next_number) == ("きぎょうこんだんかい", 2)

    response = staff_client.get("/staff/events/series/")
    assert "企業懇談会" in response.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, REQUIRED),
        ({"name": "あ" * 201}, "200文字以内で入力してください（現在201文字）。"),
        ({"name": "企業\x1f懇談会"}, CONTROL),
        ({"name_reading": "kigyou"}, "ふりがなはひらがなかカタカナで入力してください。"),
        ({"next_number": "0"}, "1以上の値を入力してください。"),
        ({"next_number": "-5"}, "1以上の値を入力してください。"),
        ({"next_number": "100000000"}, "10000以下の値を入力してください。"),
        ({"next_number": "三"}, "数字で入力してください（例：15）。"),
    ],
)  # fmt: skip
def test_the_series_form_refuses_bad_input(staff_client, overrides, message):
    data = {"name": "企業懇談会", "name_reading": "", "kind": "round_table", "description": "",
            "next_number": "1", **overrides}  # fmt: skip

    response = staff_client.post("/staff/events/series/new/", data)

    assert response.status_code == 400
    assert message in response.text
    assert EventSeries.objects.count() == 0


def test_staff_add_guests_in_order(staff_client, make_event):
    event = make_event(title="協働を考えるシンポジウム")
    url = f"/staff/events/{event.pk}/guests/new/"

    staff_client.post(url, {"name": "浜名", "name_reading": "", "role": "panelist",
                            "affiliation": "協働コミュニティ課長", "position": ""})  # fmt: skip
    staff_client.post(url, {"name": "山崎富一", "name_reading": "やまざき とみかず",
                            "role": "keynote", "position": "1",
                            "affiliation": "松戸市『協働のまちづくり協議会』会長"})  # fmt: skip

    assert list(event.guests.values_list("name", "role", "position")) == [
        ("浜名", "panelist", 1),
        ("山崎富一", "keynote", 1),
    ]
    hamana = Guest.objects.get(name="浜名")
    staff_client.post(f"/staff/events/guests/{hamana.pk}/edit/",
                      {"name": "浜名", "role": "panelist", "position": "2",
                       "affiliation": "協働コミュニティ課長", "name_reading": "",
                       "edit_version": edit_version(hamana)})  # fmt: skip
    assert [g.name for g in event.guests.all()] == ["山崎富一", "浜名"]
    page = staff_client.get(f"/events/{event.pk}/")
    assert "基調講演：山崎富一（松戸市『協働のまちづくり協議会』会長）" in page.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, REQUIRED),
        ({"name": "あ" * 101}, "100文字以内で入力してください（現在101文字）。"),
        ({"affiliation": "課長\x7f"}, CONTROL),
        ({"role": "king"}, "正しく選択してください。 king は候補にありません。"),
        ({"position": "0"}, "1以上の値を入力してください。"),
        ({"position": "101"}, "100以下の値を入力してください。"),
    ],
)  # fmt: skip
def test_the_guest_form_refuses_bad_input(staff_client, make_event, overrides, message):
    event = make_event()
    data = {"name": "嶋田安民", "name_reading": "", "affiliation": "", "role": "guest",
            "position": "", **overrides}  # fmt: skip

    response = staff_client.post(f"/staff/events/{event.pk}/guests/new/", data)

    assert response.status_code == 400
    assert message in response.text
    assert Guest.objects.count() == 0


def test_staff_record_feedback_and_follow_up_requests(staff_client, make_event):
    event = make_event()

    staff_client.post(f"/staff/events/{event.pk}/notes/new/",
                      {"kind": "feedback", "text": "時間が短かった"})  # fmt: skip
    staff_client.post(f"/staff/events/{event.pk}/notes/new/",
                      {"kind": "request", "text": "公民館で話してもらいたいので\r\nつないでほしい"})  # fmt: skip

    assert list(event.notes.values_list("kind", "text")) == [
        ("feedback", "時間が短かった"),
        ("request", "公民館で話してもらいたいので\nつないでほしい"),
    ]
    page = staff_client.get(f"/staff/events/{event.pk}/")
    assert "<strong>感想</strong>：時間が短かった" in page.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, REQUIRED),
        ({"text": "あ" * 2001}, "2000文字以内で入力してください（現在2001文字）。"),
        ({"text": "短い\x03"}, CONTROL),
        ({"kind": ""}, REQUIRED),
    ],
)  # fmt: skip
def test_the_note_form_refuses_bad_input(staff_client, make_event, overrides, message):
    event = make_event()

    response = staff_client.post(
        f"/staff/events/{event.pk}/notes/new/", {"kind": "feedback", "text": "好評", **overrides}
    )

    assert response.status_code == 400
    assert message in response.text
    assert EventNote.objects.count() == 0


# --- telephone and counter applications ----------------------------------------------------------


def staff_application(**overrides) -> dict:
    data = {"kind": "individual", "organization": "", "group_name": "", "people": "",
            "name": "石井 健一", "name_reading": "", "email": "", "phone": "042-000-0001",
            "note": "", "channel": "phone"}  # fmt: skip
    return {**data, **overrides}


def test_staff_record_a_telephone_application(staff_client, make_event):
    event = make_event(capacity_people=5)

    response = staff_client.post(f"/staff/events/{event.pk}/applications/new/", staff_application())

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.status, application.email) == (
        "phone",
        "confirmed",
        "",
    )


def test_staff_confirm_before_cancelling_and_the_person_is_mailed(staff_client, make_event):
    event = make_event(capacity_people=1)
    first = apply(event, 1, note="車椅子で参加します")
    second = apply(event, 2)
    OutboxMessage.objects.all().delete()

    # The list shows the 連絡事項; the cancel link asks first and changes nothing.
    page = staff_client.get(f"/staff/events/{event.pk}/")
    assert "<td>車椅子で参加します</td>" in page.text
    confirm = staff_client.get(f"/staff/events/applications/{first.pk}/cancel/")
    assert confirm.status_code == 200
    assert "この申し込みを取り消しますか？申込者にはメールで知らせ" in confirm.text
    assert "申込者1" in confirm.text
    first.refresh_from_db()
    assert (first.status, OutboxMessage.objects.count()) == ("confirmed", 0)

    response = staff_client.post(f"/staff/events/applications/{first.pk}/cancel/")

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "confirmed")
    mails = {m.to: m for m in OutboxMessage.objects.all()}
    assert mails["person1@example.jp"].subject == "お申し込みの取り消し：会計講座中級編"
    assert "申込者1 様" in mails["person1@example.jp"].body
    assert mails["person2@example.jp"].kind == "events.application_promoted"


def test_the_telephone_channel_is_labelled_denwa(staff_client, staff_user, make_event):
    event = make_event()
    services.application_submit(
        actor=staff_user, event=event, kind="individual", name="電話の人",
        phone="042-000-0000", channel="phone",
    )  # fmt: skip
    page = staff_client.get(f"/staff/events/{event.pk}/")
    assert "<td>電話</td>" in page.text
    form = staff_client.get(f"/staff/events/{event.pk}/applications/new/")
    assert '<option value="phone">電話</option>' in form.text


@pytest.mark.parametrize(
    ("overrides", "event_fields", "message"),
    [
        ({"phone": ""}, {}, "メールアドレスか電話番号を入力してください。"),
        ({"channel": "online"}, {}, "正しく選択してください。 online は候補にありません。"),
        ({"name": ""}, {}, REQUIRED),
        ({"phone": "0" * 12}, {}, "電話番号は10桁か11桁の数字で入力してください"),
        ({"phone": "0-0-0-0-0-0-0-0-0-0-0"}, {}, "20文字以内で入力してください（現在21文字）。"),
        ({"phone": "abc-defg"}, {}, "電話番号は数字とハイフンで入力してください"),
        ({"kind": "group", "group_name": "保谷の会", "people": "0"}, {},
         "1以上の値を入力してください。"),
        ({}, {"accepts_applications": False}, "この事業は申し込みを受け付けていません。"),
        ({}, {"applications_open_on": timezone.localdate() + timedelta(days=2)}, "申し込みの受付は"),
        ({}, {"status": Event.Status.CANCELLED}, "この事業は中止になりました。"),
    ],
)  # fmt: skip
def test_the_staff_application_form_refuses_bad_input(
    staff_client, make_event, overrides, event_fields, message
):
    event = make_event(capacity_people=5, **event_fields)

    response = staff_client.post(
        f"/staff/events/{event.pk}/applications/new/", staff_application(**overrides)
    )

    assert response.status_code == 400
    assert message in response.text
    assert Application.objects.count() == 0


# --- attendance ---------------------------------------------------------------------------------


def test_staff_record_attendance_on_the_day_and_the_totals_follow_the_marks(
    staff_client, make_event
):
    event = make_event(capacity_people=10)
    came, absent = apply(event, 1), apply(event, 2)
    group = apply(event, 3, kind="group", group_name="西東京風の会", people=3)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())  # the day itself
    assert "開催日（" not in staff_client.get(f"/staff/events/{event.pk}/attendance/").text

    response = staff_client.post(
        f"/staff/events/{event.pk}/attendance/",
        {"walk_in_people": "2", "walk_in_groups": "", f"attendance_{came.pk}": "attended",
         f"attendance_{absent.pk}": "no_show", f"attendance_{group.pk}": "attended"},
    )  # fmt: skip

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.attendance_people, event.attendance_groups) == ("held", 6, 1)
    assert (event.walk_in_people, event.walk_in_groups) == (2, None)
    assert dict(Application.objects.values_list("pk", "attendance")) == {
        came.pk: "attended",
        absent.pk: "no_show",
        group.pk: "attended",
    }

    # Marking one more person later moves the total with it; nobody types a total.
    staff_client.post(
        f"/staff/events/{event.pk}/attendance/",
        {"walk_in_people": "2", f"attendance_{came.pk}": "attended",
         f"attendance_{absent.pk}": "attended", f"attendance_{group.pk}": "attended"},
    )  # fmt: skip
    event.refresh_from_db()
    assert (event.attendance_people, event.attendance_groups) == (7, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"walk_in_people": "", "walk_in_groups": ""},
            "参加した申込者に印をつけるか、申し込まずに参加した人数を入力してください。",
        ),
        ({"walk_in_people": "-1"}, "0以上の値を入力してください。"),
        ({"walk_in_people": "10001"}, "10000以下の値を入力してください。"),
        ({"walk_in_people": "3", "walk_in_groups": "-2"}, "0以上の値を入力してください。"),
        ({"walk_in_people": "十二"}, "数字で入力してください（例：15）。"),
    ],
)
def test_the_attendance_form_refuses_bad_input(staff_client, make_event, data, message):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())

    response = staff_client.post(f"/staff/events/{event.pk}/attendance/", data)

    assert response.status_code == 400
    assert message in response.text
    event.refresh_from_db()
    assert (event.status, event.attendance_people) == ("published", None)


def test_attendance_is_refused_before_the_day(staff_client, make_event):
    event = make_event()

    page = staff_client.get(f"/staff/events/{event.pk}/attendance/")
    assert "開催日（" in page.text
    response = staff_client.post(f"/staff/events/{event.pk}/attendance/", {"walk_in_people": "3"})

    assert response.status_code == 400
    assert "参加者数は開催日以降に記録できます。" in response.text
    event.refresh_from_db()
    assert event.attendance_people is None
