"""The questionnaire (アンケート) after an event: asked once, the day after or by staff's button,
answered by the personal link until it closes, summed up for staff (page, CSV, 要望 notes).

Tests marked ``after the catalogue merge`` read strings new with this feature in Japanese: they
pass once the lead merges /tmp/fixes17/feedback7-po.txt into the catalogue.
"""

from __future__ import annotations

import csv
import io
import threading
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.events import selectors, services
from kyodo.events.exceptions import FeedbackClosed, InvalidEvent, InvalidFeedback
from kyodo.events.models import Application, Event, EventNote, Feedback
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db

KIND = "events.feedback_request"
NOT_ENDED = "The questionnaire can be sent only after the event has ended."


def held(event: Event, *, days_ago: int = 1) -> Event:
    """``event`` moved into the past (applications are taken only before it)."""
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=days_ago))
    event.refresh_from_db()
    return event


def asked_mail() -> list[tuple[str, str]]:
    return sorted(
        OutboxMessage.objects.filter(kind=KIND).values_list("to", "object_id").order_by("pk")
    )


@pytest.fixture
def past_event(event, staff_user):
    """Yesterday's 会計講座中級編: three confirmed online, one by telephone without an address,
    one cancelled and one on the waiting list (capacity 4)."""
    Event.objects.filter(pk=event.pk).update(capacity_people=4)
    event.refresh_from_db()
    people = [apply(event, n) for n in (1, 2, 3)]
    services.application_submit(
        actor=staff_user,
        event=event,
        kind="individual",
        name="電話の人",
        phone="042-111-1111",
        channel=Application.Channel.PHONE,
    )
    waiting = apply(event, 5)
    services.application_cancel(actor=None, application=people[2])
    assert Application.objects.get(pk=waiting.pk).status == "confirmed"  # moved up
    apply(event, 6)  # waits: 4 places taken
    return held(event)


def test_the_daily_job_asks_each_participant_with_an_address_once(past_event):
    # Given yesterday's event; when the daily job runs, twice
    first = services.feedback_request_due()
    second = services.feedback_request_due()

    # then the confirmed applicants with an address are asked, once each
    confirmed = past_event.applications.filter(status="confirmed").exclude(email="")
    assert sorted(confirmed.values_list("email", flat=True)) == [
        "person1@example.jp",
        "person2@example.jp",
        "person5@example.jp",
    ]
    assert (first, second) == (3, 0)
    assert asked_mail() == sorted((a.email, str(a.pk)) for a in confirmed)
    assert Feedback.objects.filter(event=past_event).count() == 3
    past_event.refresh_from_db()
    assert past_event.feedback_requested_at is not None
    audit = AuditEntry.objects.filter(action="kyodo.events.feedback.requested")
    assert [(a.actor_id, a.changes) for a in audit] == [(None, {"count": 3})]


def test_the_mail_carries_the_personal_link_and_the_closing_day(past_event, settings):
    services.feedback_request_due()
    application = past_event.applications.get(email="person1@example.jp")
    message = OutboxMessage.objects.get(kind=KIND, to="person1@example.jp")
    link = f"{settings.SITE_URL}/events/feedback/{application.token}/"
    assert link in message.body.splitlines()
    assert "申込者1 様" in message.body


def test_once_attendance_is_recorded_only_those_present_are_asked(past_event, staff_user):
    one, two, five = past_event.applications.filter(status="confirmed").exclude(email="")
    services.event_record_attendance(
        actor=staff_user,
        event=past_event,
        attendance={one.pk: "attended", two.pk: "no_show", five.pk: "attended"},
    )
    assert services.feedback_request_due() == 2
    assert asked_mail() == sorted([(one.email, str(one.pk)), (five.email, str(five.pk))])


def test_the_job_leaves_alone_events_turned_off_cancelled_drafts_long_past_and_to_come(
    make_event, staff_user
):
    off = make_event(title="送らない講座", feedback_enabled=False)
    apply(off, 1)
    held(off)
    old = make_event(title="昔の講座")
    apply(old, 2)
    held(old, days_ago=services.FEEDBACK_CATCH_UP_DAYS + 1)
    cancelled = make_event(title="中止の講座")
    apply(cancelled, 3)
    services.event_cancel(actor=staff_user, event=cancelled)
    held(cancelled)
    coming = make_event(title="来週の講座")
    apply(coming, 4)

    assert services.feedback_request_due() == 0
    assert OutboxMessage.objects.filter(kind=KIND).count() == 0
    assert Feedback.objects.count() == 0


def test_a_missed_day_is_caught_up(make_event):
    event = make_event()
    apply(event, 1)
    held(event, days_ago=services.FEEDBACK_CATCH_UP_DAYS)
    assert services.feedback_request_due() == 1


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_ask_each_participant_once(make_event):
    # Two hosts running the daily job at the same moment, each with its own connection.
    event = make_event(capacity_people=30)
    for n in range(1, 21):
        apply(event, n)
    held(event)
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(services.feedback_request_due())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results) == [0, 20]
    assert OutboxMessage.objects.filter(kind=KIND).count() == 20
    assert Feedback.objects.count() == 20


def test_never_before_the_event_has_ended(make_event):
    # Today 19:00–21:00: not at 20:59, from 21:00 on.
    event = make_event(date=timezone.localdate(), start_time=time(19), end_time=time(21))
    tz = timezone.get_current_timezone()
    before = datetime.combine(event.date, time(20, 59), tzinfo=tz)
    after = datetime.combine(event.date, time(21, 0), tzinfo=tz)
    assert services.feedback_refusal(event, now=before) == gettext(NOT_ENDED)
    assert services.feedback_refusal(event, now=after) is None
    # Without an end time: the day after.
    event.end_time = None
    assert services.feedback_refusal(event, now=after) is not None
    next_day = datetime.combine(event.date + timedelta(days=1), time(0), tzinfo=tz)
    assert services.feedback_refusal(event, now=next_day) is None


def test_staff_button_refuses_before_the_end_and_asks_after(client, staff_user, make_event):
    client.force_login(staff_user)
    event = make_event()
    apply(event, 1)
    url = reverse("events-staff:feedback-send", args=[event.pk])

    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [gettext(NOT_ENDED)]
    assert Feedback.objects.count() == 0

    held(event)
    client.post(url)
    client.post(url)  # pressed twice: nobody asked twice
    assert Feedback.objects.count() == 1
    assert OutboxMessage.objects.filter(kind=KIND).count() == 1
    assert [a.actor_id for a in AuditEntry.objects.filter(action__contains="feedback")] == [
        staff_user.pk
    ]
    # The daily job later finds it sent.
    assert services.feedback_request_due() == 0


def test_staff_turn_the_questionnaire_off_for_an_event(client, staff_user, make_event):
    event = make_event(feedback_enabled=False)
    apply(event, 1)
    held(event)
    client.force_login(staff_user)
    client.post(reverse("events-staff:feedback-send", args=[event.pk]))
    assert Feedback.objects.count() == 0
    with pytest.raises(InvalidEvent) as refused:
        services.feedback_request(actor=staff_user, event=event)
    assert refused.value.message == gettext(
        "This event does not ask participants for feedback (see Edit)."
    )


def test_only_staff_may_press_the_button(client, make_event, member_user):
    event = held(make_event())
    client.force_login(member_user)
    response = client.post(reverse("events-staff:feedback-send", args=[event.pk]))
    assert response.status_code in (302, 403)
    assert Feedback.objects.count() == 0


# --- answering ---------------------------------------------------------------------------------


@pytest.fixture
def asked(past_event):
    services.feedback_request_due()
    return Feedback.objects.select_related("application").get(
        application__email="person1@example.jp"
    )


def test_a_participant_answers_and_changes_the_answer_until_it_closes(client, asked):
    url = reverse("events:feedback", args=[asked.application.token])
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"satisfaction": "4", "good_points": "  具体的でした。 ", "requests": ""}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.satisfaction, asked.good_points, asked.requests) == (4, "具体的でした。", "")
    first_answer = asked.answered_at

    client.post(url, {"satisfaction": "5", "good_points": "", "requests": "土曜にも。"})
    asked.refresh_from_db()
    assert (asked.satisfaction, asked.good_points, asked.requests) == (5, "", "土曜にも。")
    assert asked.answered_at >= first_answer
    actions = AuditEntry.objects.filter(action__startswith="kyodo.events.feedback.a")
    assert [a.action for a in actions] == ["kyodo.events.feedback.answered"]
    assert AuditEntry.objects.filter(action="kyodo.events.feedback.changed").count() == 1
    # What participants wrote is not copied into the audit log.
    assert all("土曜" not in str(a.changes) for a in AuditEntry.objects.all())

    # Closed 14 days after the event: the page says so, and nothing is saved any more.
    held(asked.event, days_ago=15)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"] is None and response.context["closed"] is True
    client.post(url, {"satisfaction": "1"})
    asked.refresh_from_db()
    assert asked.satisfaction == 5
    with pytest.raises(FeedbackClosed):
        services.feedback_answer(token=asked.application.token, satisfaction=1)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"satisfaction": "", "good_points": "   ", "requests": "\n"},
        {"satisfaction": "9"},
        {"satisfaction": "満足"},
        {"good_points": "あ" * 2001},
        {"requests": "a\x00b"},
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, asked, data):
    url = reverse("events:feedback", args=[asked.application.token])
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors
    asked.refresh_from_db()
    assert (asked.answered_at, asked.satisfaction, asked.good_points, asked.requests) == (
        None,
        None,
        "",
        "",
    )


def test_the_service_refuses_what_the_form_would(asked):
    token = asked.application.token
    for arguments in (
        {"satisfaction": None},
        {"satisfaction": 0},
        {"satisfaction": 6},
        {"satisfaction": None, "requests": "x" * 2001},
    ):
        with pytest.raises(InvalidFeedback):
            services.feedback_answer(token=token, **arguments)
    asked.refresh_from_db()
    assert asked.answered_at is None


def test_a_link_of_someone_not_asked_is_not_found(client, past_event, asked):
    not_asked = past_event.applications.get(email="person6@example.jp")  # still waiting
    assert client.get(reverse("events:feedback", args=[not_asked.token])).status_code == 404
    assert client.get(reverse("events:feedback", args=["nonsense"])).status_code == 404


def test_a_group_answers_once_for_the_group(make_event):
    event = make_event(capacity_groups=5)
    apply(event, 1, kind="group", group_name="西東京風の会", people=4)
    held(event)
    assert services.feedback_request_due() == 1
    assert Feedback.objects.get().application.people == 4
    message = OutboxMessage.objects.get(kind=KIND)
    assert "西東京風の会 申込者1 様" in message.body  # after the catalogue merge


# --- what staff see ----------------------------------------------------------------------------


@pytest.fixture
def answered(past_event, asked):
    """Three asked; two answered (とても満足 with comments, ふつう without)."""
    services.feedback_answer(
        token=asked.application.token,
        satisfaction=5,
        good_points="講師の説明が具体的でした。",
        requests="会計の中級編も開いてほしい。",
    )
    other = Feedback.objects.exclude(pk=asked.pk).order_by("pk").first()
    services.feedback_answer(token=other.application.token, satisfaction=3)
    return past_event


def test_the_summary_counts_asked_answered_levels_and_mean(answered):
    summary = selectors.feedback_summary(answered)
    assert (summary.asked, summary.answered, summary.rated, str(summary.mean)) == (3, 2, 2, "4.0")
    assert [(level, count) for level, _label, count in summary.distribution] == [
        (5, 1),
        (4, 0),
        (3, 1),
        (2, 0),
        (1, 0),
    ]
    assert [(c.good_points, c.requests) for c in summary.comments] == [
        ("講師の説明が具体的でした。", "会計の中級編も開いてほしい。")
    ]


def test_staff_page_shows_the_questionnaire_and_the_public_never_sees_comments(
    client, staff_user, answered
):
    client.force_login(staff_user)
    page = client.get(reverse("events-staff:event", args=[answered.pk])).content.decode()
    assert "講師の説明が具体的でした。" in page
    assert "会計の中級編も開いてほしい。" in page
    assert reverse("events-staff:feedback-csv", args=[answered.pk]) in page

    client.logout()
    for url in (answered.get_absolute_url(), reverse("events:list"), "/"):
        assert "講師の説明が具体的でした。" not in client.get(url).content.decode()
    assert client.get(reverse("events-staff:feedback-csv", args=[answered.pk])).status_code != 200


def test_staff_page_in_japanese(client, staff_user, answered):
    # After the catalogue merge.
    client.force_login(staff_user)
    page = client.get(reverse("events-staff:event", args=[answered.pk])).content.decode()
    assert "アンケート" in page
    assert "平均 4.0／5" in page
    assert "とても満足（5）" in page


def test_a_request_becomes_a_request_note_once(client, staff_user, answered):
    client.force_login(staff_user)
    answer = Feedback.objects.exclude(requests="").get()
    url = reverse("events-staff:feedback-note", args=[answer.pk])
    client.post(url)
    client.post(url)
    notes = EventNote.objects.filter(event=answered)
    assert [(n.kind, n.text, n.created_by_id) for n in notes] == [
        ("request", "会計の中級編も開いてほしい。", staff_user.pk)
    ]
    answer.refresh_from_db()
    assert answer.note_id == notes.get().pk
    assert AuditEntry.objects.filter(action="kyodo.events.feedback.noted").count() == 1


def test_the_csv_is_utf8_with_bom_and_japanese_header_and_name(client, staff_user, answered):
    # After the catalogue merge (the header).
    client.force_login(staff_user)
    response = client.get(reverse("events-staff:feedback-csv", args=[answered.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    assert (
        "filename*=UTF-8''%E3%82%A2%E3%83%B3%E3%82%B1%E3%83%BC%E3%83%88"
        in (response["Content-Disposition"])
    )  # アンケート結果_会計講座中級編.csv
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "番号",
        "回答日時",
        "満足度",
        "満足度（1～5）",
        "よかった点",
        "今後の事業へのご要望",
    ]
    assert [row[0] for row in rows[1:]] == ["1", "2"]
    assert [row[2:] for row in rows[1:]] == [
        ["とても満足", "5", "講師の説明が具体的でした。", "会計の中級編も開いてほしい。"],
        ["ふつう", "3", "", ""],
    ]


def test_the_public_form_in_japanese(client, asked):
    # After the catalogue merge.
    url = reverse("events:feedback", args=[asked.application.token])
    page = client.get(url).content.decode()
    for text in ("アンケート", "とても満足", "満足", "ふつう", "やや不満", "不満", "よかった点"):
        assert text in page
    response = client.post(url, {})
    assert "満足度を選ぶか、ご意見をお書きください。" in response.content.decode()
    subject = OutboxMessage.objects.get(pk=OutboxMessage.objects.filter(kind=KIND).first().pk)
    assert subject.subject == "アンケートへのご協力のお願い：会計講座中級編"


def test_the_demo_has_answers_for_its_recent_events(demo):
    from kyodo.events.demo import load_current

    load_current()  # what `kyodo demo` adds: the current fiscal year
    load_current()  # again: nothing doubles
    summaries = {
        e.title: selectors.feedback_summary(e)
        for e in Event.objects.filter(feedback__isnull=False).distinct()
    }
    assert {t: (s.asked, s.answered, s.rated, str(s.mean)) for t, s in summaries.items()} == {
        "トークサロン「報道からみた冤罪（えんざい）・再審事件」": (12, 9, 9, "3.9"),
        "NPO法人設立講座": (14, 11, 10, "4.0"),
        "市民活動団体交流会": (27, 21, 19, "3.9"),
        "広報力アップ講座": (11, 9, 9, "4.0"),
    }
    salon = summaries["トークサロン「報道からみた冤罪（えんざい）・再審事件」"]
    assert any("時間が短かった" in c.requests for c in salon.comments)
    # The daily job leaves them alone (sent the day after, long ago).
    assert services.feedback_request_due() == 0


# --- in Debian's chromium, on a phone ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_participant_answers_on_a_320px_phone_and_staff_read_it(page, make_event, staff_user):
    from axe_playwright_python.sync_playwright import Axe

    from kyodo.events.models import Satisfaction
    from kyodo.website.tests.test_accessibility import AXE_OPTIONS

    event = make_event()
    apply(event, 1)
    held(event)
    services.feedback_request_due()
    answer = Feedback.objects.select_related("application").get()
    page.set_viewport_size({"width": 320, "height": 640})

    def fits_and_passes_axe() -> None:
        width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], width
        found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert [v["id"] for v in found] == []

    page.goto(reverse("events:feedback", args=[answer.application.token]))
    fits_and_passes_axe()

    # Sent empty: refused with a message, focus on the summary, nothing saved.
    page.get_by_role("button", name=gettext("Send my answer")).click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert gettext("Choose how satisfied you were, or write a comment.") in page.inner_text(
        "#error-summary"
    )
    fits_and_passes_axe()
    answer.refresh_from_db()
    assert answer.answered_at is None

    page.get_by_label(str(Satisfaction.VERY_SATISFIED.label), exact=True).check()
    page.get_by_label(gettext("What was good")).fill("講師の話が具体的でした。")
    page.get_by_label(gettext("Requests for future events")).fill("土曜日にも開いてほしい。")
    page.get_by_role("button", name=gettext("Send my answer")).click()
    page.wait_for_load_state()
    assert gettext("Thank you for your answer.") in page.inner_text(".messages")
    # Shown again with the answer, to change until it closes.
    assert page.get_by_label(str(Satisfaction.VERY_SATISFIED.label), exact=True).is_checked()
    fits_and_passes_axe()
    answer.refresh_from_db()
    assert (answer.satisfaction, answer.good_points, answer.requests) == (
        5,
        "講師の話が具体的でした。",
        "土曜日にも開いてほしい。",
    )

    # Staff read it on the event's page, on the same phone.
    from kyodo.organizations.tests.test_browser import sign_in

    sign_in(page, staff_user.username)
    page.goto(reverse("events-staff:event", args=[event.pk]))
    section = page.locator("section[aria-labelledby=feedback-heading]")
    assert "講師の話が具体的でした。" in section.inner_text()
    assert section.locator("caption").inner_text().startswith(gettext("Satisfaction"))
    fits_and_passes_axe()

    # Closed, 14 days after the event: the link says so.
    held(event, days_ago=15)
    page.goto(reverse("events:feedback", args=[answer.application.token]))
    assert page.locator("main form").count() == 0
    fits_and_passes_axe()
