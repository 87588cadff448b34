"""The reception desk's remaining findings (session 19, helper evfix): applicants told of a new
date, time or venue (F10); the public page's places while full (F16); promoted and duplicate
applications marked for staff (F8); the check-in list's filter and counts (F5); a printable
受付名簿 (F6); the questionnaire's 「本日は」 and counts in 件 (F13); the waiting list told after
the event (F14); a series date names its series (F12)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import OutboxMessage
from kyodo.events import services
from kyodo.events.models import Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _mails(kind: str) -> list[tuple[str, str]]:
    return list(
        OutboxMessage.objects.filter(kind=f"events.{kind}")
        .order_by("pk")
        .values_list("to", "subject")
    )


def _edit_data(event: Event, **changes) -> dict:
    from kyodo.events.forms import EventForm

    form = EventForm(initial=EventForm.initial_from(event), version_of=event)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    return data


# --- F10: a new date, time or venue is mailed ---------------------------------------------------


def test_a_new_time_is_mailed_to_the_confirmed_and_the_waiting_not_the_cancelled(
    staff_client, staff_user, make_event
):
    event = make_event(title="防災ミニ講座", capacity_people=1)
    seated, _waiting, gone = apply(event, 1), apply(event, 2), apply(event, 3)
    services.application_cancel(actor=None, application=gone)
    services.application_submit(
        actor=staff_user, event=event, kind="individual", name="電話 太郎",
        phone="042-111-1111", channel="phone",
    )  # fmt: skip
    page = staff_client.get(f"/staff/events/{event.pk}/edit/").text
    assert (
        "この事業には申し込みが3件（受付済み・キャンセル待ち）あります。日付・時刻・会場を変えて"
        "保存すると、メールアドレスのある2件にお知らせのメールが送られます。"
        "メールアドレスのない1件には、電話などでお知らせください。"
    ) in page

    response = staff_client.post(
        f"/staff/events/{event.pk}/edit/", _edit_data(event, start_time="18:30", end_time="20:30"),
        follow=True,
    )  # fmt: skip

    assert "変更後の日時・会場を申込者2件にメールでお知らせしました。" in response.text
    subject = "日時・会場の変更のお知らせ：防災ミニ講座"
    assert _mails("event_changed") == [
        ("person1@example.jp", subject),
        ("person2@example.jp", subject),
    ]
    body = OutboxMessage.objects.get(kind="events.event_changed", to="person1@example.jp").body
    assert "お申し込みいただいている事業の日時・会場を、下記のとおり変更します。" in body
    assert "午後6時30分～8時30分" in body and "変更前：" in body and "午後7時～9時" in body
    wait_body = OutboxMessage.objects.get(kind="events.event_changed", to="person2@example.jp")
    assert "キャンセル待ち（1番目）" in wait_body.body
    assert seated.token in body


def test_other_edits_mail_nobody(staff_user, make_event):
    event = make_event(capacity_people=5)
    apply(event, 1)
    services.event_update(actor=staff_user, event=event, theme="新しいテーマ")
    assert _mails("event_changed") == []
    event = services.event_update(actor=staff_user, event=event, venue_text="田無公民館")
    assert event.applicants_told == 1
    assert "イングビル3階 第1会議室" in OutboxMessage.objects.get(kind="events.event_changed").body


# --- F16: the public page while full -----------------------------------------------------------


def test_while_full_the_page_does_not_offer_group_places(client, make_event):
    event = make_event(capacity_people=2, capacity_groups=5)
    apply(event, 1), apply(event, 2), apply(event, 3)
    page = client.get(f"/events/{event.pk}/").text
    assert (
        "<dd>2人、満席、キャンセル待ち1件"
        "（これからのお申し込みは、個人も団体もキャンセル待ちになります）</dd>"
    ) in page
    assert "残り5団体" not in page


def test_with_groups_full_a_group_is_told_it_waits(client, make_event):
    event = make_event(capacity_people=20, capacity_groups=1)
    apply(event, 1, kind="group", group_name="ひばりの会", people=2)
    page = client.get(f"/events/{event.pk}/").text
    assert "残り18席、団体枠は満席（団体でのお申し込みはキャンセル待ちになります）" in page
    assert "個人でのお申し込みは受け付けます。" in page


# --- F8: promoted and duplicate applications on the staff page ---------------------------------


def test_the_staff_page_marks_the_promoted_and_the_same_address(staff_client, make_event):
    event = make_event(capacity_people=1)
    first = apply(event, 1)
    promoted = apply(event, 2)
    apply(event, 3, name="別人", email="PERSON2@example.jp")
    services.application_cancel(actor=None, application=first)
    page = staff_client.get(f"/staff/events/{event.pk}/").text
    assert "キャンセル待ちからの繰り上げ" in page
    assert "メール送信待ち" in page
    assert page.count("同じメールアドレスの申し込みがほかに1件あります") == 2
    OutboxMessage.objects.filter(kind="events.application_promoted").update(status="sent")
    assert "メール送信済み" in staff_client.get(f"/staff/events/{event.pk}/").text
    assert promoted.pk


# --- F5: the check-in list's filter and counts -------------------------------------------------


def test_the_attendance_page_counts_and_carries_the_search_keys(
    staff_client, staff_user, make_event
):
    event = make_event(capacity_people=10)
    sato = apply(event, 1, name="佐藤 花子", name_reading="ｻﾄｳ ﾊﾅｺ")
    apply(event, 2, name="田中 一郎", name_reading="たなか いちろう")
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())
    services.event_record_attendance(
        actor=staff_user, event=event, attendance={sato.pk: "attended"}
    )
    page = staff_client.get(f"/staff/events/{event.pk}/attendance/").text
    assert "参加 1件（1人）、欠席 0件、未記録 1件" in page
    assert 'data-search="佐藤花子|さとうはなこ"' in page
    assert 'data-search="田中一郎|たなかいちろう"' in page
    assert "data-checkin-filter hidden" in page  # shown by events/attendance.js only
    assert "/static/events/attendance.js" in page


# --- F6: the printable reception list ------------------------------------------------------------


def test_the_reception_list_in_gojuon_order_without_links(staff_client, make_event):
    event = make_event(title="会計講座", capacity_people=10)
    apply(event, 1, name="渡辺 一", name_reading="わたなべ はじめ")
    apply(event, 2, name="青木 陽子", name_reading="アオキ ヨウコ")
    apply(event, 3, kind="group", group_name="ひばりの会", name="井上 健", name_reading="いのうえ",
          people=3)  # fmt: skip
    assert (
        f"/staff/events/{event.pk}/roster/" in staff_client.get(f"/staff/events/{event.pk}/").text
    )
    page = staff_client.get(f"/staff/events/{event.pk}/roster/").text
    assert page.index("青木 陽子") < page.index("井上 健") < page.index("渡辺 一")
    assert "受付済み 3件（5人）" in page and "ひばりの会" in page and "□" in page
    table = page[page.index("<table") : page.index("</table>")]
    assert "<a " not in table
    assert "/static/events/roster.css" in page


# --- F13: the questionnaire on the day, counted in 件 ------------------------------------------


def test_the_questionnaire_sent_on_the_day_says_today_and_counts_applications(
    staff_client, staff_user, make_event
):
    event = make_event(capacity_people=10)
    apply(event, 1)
    apply(event, 2, kind="group", group_name="ひばりの会", people=3)
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time=time(0, 0), end_time=time(0, 1)
    )
    response = staff_client.post(f"/staff/events/{event.pk}/feedback/send/", follow=True)
    assert "アンケートを2件（個人1件・団体1件）送りました。" in response.text
    assert "送信：2件（個人1件・団体1件）" in response.text
    body = OutboxMessage.objects.filter(kind="events.feedback_request").first().body
    assert "本日は事業にご参加いただき" in body and "先日は" not in body


# --- F14: the waiting list after the event -------------------------------------------------------


def test_the_day_after_those_still_waiting_are_told_once(staff_client, make_event):
    event = make_event(title="会計講座", capacity_people=1, feedback_enabled=False)
    apply(event, 1)
    apply(event, 2)
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=1))
    services.feedback_request_due()
    services.feedback_request_due()
    assert _mails("waitlist_ended") == [
        ("person2@example.jp", "キャンセル待ちのお申し込みについて：会計講座")
    ]
    body = OutboxMessage.objects.get(kind="events.waitlist_ended").body
    assert "空きが出なかったため、今回はご参加いただけませんでした。" in body
    page = staff_client.get(f"/staff/events/{event.pk}/").text
    assert "繰り上がらず" in page


# --- F12: a series date names its series -----------------------------------------------------------


def test_a_series_date_lists_the_other_dates(client, staff_user, make_event):
    series = services.series_create(
        actor=staff_user, name="まちづくり連続講座", description="全3回の連続講座です。"
    )
    dates = [
        make_event(series=series, title=title, date=timezone.localdate() + timedelta(days=d))
        for title, d in (("まちを知る", 7), ("", 14), ("まちを語る", 21))
    ]
    page = client.get(f"/events/{dates[0].pk}/").text
    assert "まちづくり連続講座（全3回）" in page and "全3回の連続講座です。" in page
    assert f'href="/events/{dates[1].pk}/"' in page and f'href="/events/{dates[2].pk}/"' in page
    assert "第3回" in page and "「まちを語る」" in page and "（このページ）" in page
    alone = make_event(title="単発の講座")
    assert "全" not in client.get(f"/events/{alone.pk}/").text.split("<h1>")[1].split("</h1>")[0]


def test_the_title_help_says_it_is_the_date_s_subtitle(staff_client):
    page = staff_client.get("/staff/events/new/").text
    assert "シリーズの名前は自動で付くので書かないでください。" in page
