"""The public event pages: the list, an event with its application form, the cancel link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyodo.core.models import OutboxMessage
from kyodo.events import services
from kyodo.events.models import Application, Event
from kyodo.events.tests.conftest import apply

pytestmark = pytest.mark.django_db


def organization(name: str, reading: str):
    from kyodo.organizations.models import Organization

    return Organization.objects.create(
        name=name, name_reading=reading, legal_form="voluntary", status="registered"
    )


def form_data(**overrides) -> dict:
    data = {
        "kind": "individual",
        "organization": "",
        "group_name": "",
        "people": "",
        "name": "青木 陽子",
        "name_reading": "アオキ ヨウコ",
        "email": "aoki@example.jp",
        "phone": "",
        "note": "",
        "consent": "on",
        # 入力 → 確認 → 完了: "send" is the 確認 page's button (the 確認 step is tested apart).
        "step": "send",
    }
    return {**data, **overrides}


# --- the list -------------------------------------------------------------------------------------


def test_the_list_shows_published_events_from_today_with_counts(client, make_event, staff_user):
    event = make_event(capacity_people=30)
    make_event(title="下書きの講座", status=Event.Status.DRAFT)
    make_event(title="昨年の講座", date=timezone.localdate() - timedelta(days=1))
    services.guest_add(actor=staff_user, event=event, name="嶋田安民", role="guest",
                       affiliation="NPO法人西東京コミュニティひろばNCH 事務局長")  # fmt: skip
    apply(event, 1)

    response = client.get("/events/")

    assert response.status_code == 200
    assert "会計講座中級編" in response.text
    assert "下書きの講座" not in response.text
    assert "昨年の講座" not in response.text
    assert "嶋田安民" in response.text
    assert "1人" in response.text and "残り29席" in response.text
    assert "申込者1" not in response.text
    assert "person1@example.jp" not in response.text
    assert "午後7時～9時" in response.text


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_takes_a_fixed_number_of_queries(
    client, make_event, staff_user, count, django_assert_num_queries
):
    for n in range(count):
        event = make_event(title=f"講座{n}", capacity_people=10)
        services.guest_add(actor=staff_user, event=event, name=f"講師{n}", role="lecturer")
        apply(event, n)

    # The center (context processor), the months for the month filter, the events (the first
    # page holds them all: no COUNT), their guests and application counts (one query).
    with django_assert_num_queries(4):
        response = client.get("/events/")

    assert response.text.count('<article class="event"') == count


@pytest.mark.parametrize(("count", "queries"), [(20, 4), (21, 5)])
def test_the_first_page_counts_its_events_itself_when_it_holds_them_all(
    client, make_event, count, queries, django_assert_num_queries
):
    for n in range(count):
        make_event(title=f"講座{n}", date=timezone.localdate() + timedelta(days=n))

    # Center, months, the first page (and one more, to know whether it holds them all), [the
    # COUNT for "N件" when it does not], guests and application counts.
    with django_assert_num_queries(queries):
        first = client.get("/events/")
    second = client.get("/events/?page=2")

    assert f"{count}件の事業があります。" in first.text
    assert first.text.count('<article class="event"') == 20
    assert ("?page=2" in first.text) is (count > 20)
    assert f"{count}件の事業があります。" in second.text
    assert second.text.count('<article class="event"') == (1 if count > 20 else 20)
    assert ("講座20" in second.text) is (count > 20)


# --- an event and its application form --------------------------------------------------------------


def test_the_event_page_shows_counts_but_never_who_applied(client, make_event):
    event = make_event(capacity_people=2)
    apply(event, 1, phone="042-111-2222")
    apply(event, 2, kind="group", group_name="西東京風の会", people=1)
    apply(event, 3)

    response = client.get(f"/events/{event.pk}/")

    assert response.status_code == 200
    assert "2人" in response.text
    assert "満席" in response.text and "残り0席" not in response.text
    assert "キャンセル待ち1件" in response.text
    for private in ("申込者1", "申込者2", "申込者3", "person1@example.jp", "042-111-2222",
                    "西東京風の会"):  # fmt: skip
        assert private not in response.text


def test_the_event_page_with_its_form_takes_a_fixed_number_of_queries(
    client, make_event, staff_user, django_assert_num_queries
):
    event = make_event(capacity_people=10, capacity_groups=5)
    services.guest_add(actor=staff_user, event=event, name="嶋田安民", role="guest")
    apply(event, 1)
    for n in range(3):
        organization(f"団体{n}", f"だんたい{n}")

    # The center, the event with its guests and application counts, the registered groups.
    with django_assert_num_queries(3):
        response = client.get(f"/events/{event.pk}/")

    assert 'name="organization"' in response.text and "団体2" in response.text


@pytest.mark.parametrize(
    ("fields", "queries"),
    [
        ({}, 3),  # the form reads the registered groups
        ({"accepts_applications": False}, 2),  # no counts shown, no form
        ({"status": Event.Status.CANCELLED}, 2),
    ],
)
def test_an_event_page_shows_counts_only_when_it_should(
    client, make_event, fields, queries, django_assert_num_queries
):
    event = make_event(capacity_people=10, **fields)
    if not fields:
        apply(event, 1)

    # The center, the event with its guests and counts (shown or not), [the registered groups].
    with django_assert_num_queries(queries):
        response = client.get(f"/events/{event.pk}/")

    assert ("現在の申し込み" in response.text) is (not fields)
    assert ("1人、残り9席" in response.text) is (not fields)


def test_a_draft_is_not_public(client, make_event):
    event = make_event(status=Event.Status.DRAFT)
    assert client.get(f"/events/{event.pk}/").status_code == 404


def test_an_event_number_beyond_any_row_is_not_found(client, db):
    assert client.get(f"/events/{2**70}/").status_code == 404


def test_a_citizen_applies_and_gets_a_confirmation_with_a_cancel_link(client, make_event):
    event = make_event(capacity_people=10)

    response = client.post(f"/events/{event.pk}/", form_data(), follow=True)

    assert response.status_code == 200
    assert "お申し込みを受け付けました" in response.text
    application = Application.objects.get()
    assert (application.name, application.name_reading, application.status) == (
        "青木 陽子",
        "あおき ようこ",
        "confirmed",
    )
    mail = OutboxMessage.objects.get()
    assert mail.to == "aoki@example.jp"
    assert f"/events/applications/{application.token}/cancel/" in mail.body


def test_a_registered_group_applies_with_its_head_count(client, make_event):
    event = make_event(capacity_groups=10)
    group = organization("西東京風の会", "にしとうきょうかぜのかい")

    response = client.post(
        f"/events/{event.pk}/",
        form_data(kind="group", organization=str(group.pk), people="3"),
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.kind, application.organization, application.people) == ("group", group, 3)


def test_an_unregistered_group_applies_by_name(client, make_event):
    event = make_event(capacity_groups=10)

    client.post(f"/events/{event.pk}/", form_data(kind="group", group_name="保谷の会", people="2"))

    application = Application.objects.get()
    assert (application.organization, application.group_name, application.people) == (
        None,
        "保谷の会",
        2,
    )


def test_the_form_is_accessible(client, make_event):
    event = make_event(capacity_people=10)

    response = client.get(f"/events/{event.pk}/")

    assert "<legend>申し込みの種類" in response.text
    assert "<legend>団体で申し込む場合</legend>" in response.text
    assert '<label for="id_name">氏名' in response.text
    assert '<h2 id="apply-heading">申し込み</h2>' in response.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "このフィールドは必須です。"),
        ({"email": ""}, "このフィールドは必須です。"),
        ({"kind": ""}, "このフィールドは必須です。"),
        ({"name": "あ" * 101}, "100文字以内で入力してください（現在101文字）。"),
        ({"note": "あ" * 1001}, "1000文字以内で入力してください（現在1001文字）。"),
        ({"name": "青木\x07陽子"}, "この欄から制御文字（目に見えない文字）を取り除いてください。"),
        ({"note": "よろしく\x1b[31m"}, "この欄から制御文字（目に見えない文字）を取り除いてください。"),
        ({"email": "not-an-address"}, "有効なメールアドレスを入力してください。"),
        ({"name_reading": "Aoki"}, "ふりがなはひらがなかカタカナで入力してください。"),
        ({"kind": "group", "group_name": "風の会", "people": "0"}, "1以上の値を入力してください。"),
        ({"kind": "group", "group_name": "風の会", "people": "-3"}, "1以上の値を入力してください。"),
        ({"kind": "group", "group_name": "風の会", "people": "999999999999"}, "500以下の値を入力してください。"),
        ({"kind": "group", "group_name": "風の会", "people": ""}, "参加人数を入力してください。"),
        ({"kind": "group", "people": "2"}, "団体を一覧から選ぶか、団体名を入力してください。"),
        ({"kind": "visitor"}, "正しく選択してください。 visitor は候補にありません。"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(
    client, make_event, overrides, message
):
    event = make_event(capacity_people=10)

    response = client.post(f"/events/{event.pk}/", form_data(**overrides))

    assert response.status_code == 400
    assert message in response.text
    assert Application.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"applications_open_on": timezone.localdate() + timedelta(days=3)}, "申し込みの受付は"),
        ({"applications_open_on": timezone.localdate() - timedelta(days=9),
          "applications_close_on": timezone.localdate() - timedelta(days=1)},
         "この事業の申し込み受付は終了しました。"),
        ({"accepts_applications": False}, "この事業は申し込みを受け付けていません。"),
    ],
)  # fmt: skip
def test_applications_outside_the_period_are_refused(client, make_event, fields, message):
    event = make_event(capacity_people=10, **fields)

    page = client.get(f"/events/{event.pk}/")
    response = client.post(f"/events/{event.pk}/", form_data())

    assert message in page.text or not event.accepts_applications
    assert response.status_code == 400
    assert message in response.text
    assert Application.objects.count() == 0


def test_applications_to_a_cancelled_event_are_refused(client, make_event, staff_user):
    event = make_event(capacity_people=10)
    services.event_cancel(actor=staff_user, event=event)

    response = client.post(f"/events/{event.pk}/", form_data())

    assert response.status_code == 400
    assert "この事業は中止になりました。" in response.text
    assert Application.objects.count() == 0


# --- the cancel link --------------------------------------------------------------------------------


def test_the_cancel_link_cancels_and_the_next_in_line_moves_up(client, make_event):
    event = make_event(capacity_people=1)
    first, second = apply(event, 1), apply(event, 2)
    url = f"/events/applications/{first.token}/cancel/"

    page = client.get(url)
    assert page.status_code == 200
    assert "申込者1" not in page.text  # the link may be forwarded: no personal data on it
    response = client.post(url, follow=True)

    assert "お申し込みを取り消しました。" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "confirmed")
    twice = client.post(url, follow=True)  # twice is harmless: a message, nothing changes
    assert twice.status_code == 200
    assert "この申し込みはすでに取り消されています。" in twice.text
    assert Application.objects.filter(status="confirmed").count() == 1


def test_an_unknown_token_is_not_found(client, db):
    assert client.get("/events/applications/guess/cancel/").status_code == 404
    assert client.post("/events/applications/guess/cancel/").status_code == 404


# --- 入力 → 確認 → 完了, and who may be chosen as a group --------------------------------------------


def test_the_confirm_step_shows_what_was_typed_and_sends_nothing(client, make_event):
    event = make_event(capacity_people=10)
    data = form_data(
        step="confirm", email="ａｏｋｉ＠ｅｘａｍｐｌｅ．ｊｐ", phone="０４２ー１１１ー２２２２"
    )

    confirm = client.post(f"/events/{event.pk}/", data)

    assert confirm.status_code == 200
    assert "お申し込み内容の確認" in confirm.text
    assert "aoki@example.jp" in confirm.text and "042-111-2222" in confirm.text
    assert "参加人数" not in confirm.text  # a person's application: no group fields
    assert Application.objects.count() == 0
    edit = client.post(f"/events/{event.pk}/", {**data, "step": "edit"})
    assert 'value="青木 陽子"' in edit.text and "error-summary" not in edit.text
    done = client.post(f"/events/{event.pk}/", {**data, "step": "send"}, follow=True)
    application = Application.objects.get()
    assert done.redirect_chain == [(f"/events/applications/{application.token}/", 302)]
    assert "aoki@example.jp" in done.text
    assert f'href="/events/applications/{application.token}/cancel/"' in done.text
    assert done["Cache-Control"].startswith("max-age=0") and done["X-Robots-Tag"] == "noindex"


def test_no_consent_no_application(client, make_event):
    event = make_event(capacity_people=10)
    response = client.post(f"/events/{event.pk}/", form_data(consent=""))
    assert response.status_code == 400
    assert "送信するには、個人情報の取り扱いへの同意が必要です。" in response.text
    assert 'id="error-summary"' in response.text
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        ("registered", True),
        ("applied", False),
        ("returned", False),
        ("rejected", False),
        ("suspended", False),
        ("withdrawn", False),
    ],
)
def test_only_registered_groups_are_offered(client, make_event, status, offered):
    from kyodo.organizations.models import Organization

    event = make_event(capacity_groups=10)
    group = Organization.objects.create(
        name="西東京ひかりの会", name_reading="にしとうきょうひかりのかい", legal_form="voluntary",
        status=status,
    )  # fmt: skip
    page = client.get(f"/events/{event.pk}/").text
    assert (f'<option value="{group.pk}">西東京ひかりの会</option>' in page) is offered
    response = client.post(
        f"/events/{event.pk}/", form_data(kind="group", organization=str(group.pk), people="2")
    )
    assert response.status_code == (302 if offered else 400)
    assert Application.objects.filter(organization=group).exists() is offered


def test_the_group_select_names_every_registered_group_and_keeps_the_choice(client, make_event):
    from kyodo.events.selectors import registered_groups

    event = make_event(capacity_groups=10)
    organization("西東京ひかりの会", "にしとうきょうひかりのかい")
    chosen = organization("<あおぞら&会>", "あおぞらのかい")
    options = "".join(
        f'\n  <option value="{group.pk}">{group}</option>\n' for group in registered_groups()
    ).replace("<あおぞら&会>", "&lt;あおぞら&amp;会&gt;")
    empty = '<option value="" selected>（登録団体ではない）</option>\n'

    page = client.get(f"/events/{event.pk}/").text

    assert empty + options + "\n</select>" in page
    # Refused (no head count): the group stays chosen.
    response = client.post(
        f"/events/{event.pk}/", form_data(kind="group", organization=str(chosen.pk))
    )
    assert response.status_code == 400
    assert f'<option value="{chosen.pk}" selected>&lt;あおぞら&amp;会&gt;</option>' in response.text


def test_cancelling_mails_a_confirmation(client, make_event):
    event = make_event(capacity_people=5)
    application = apply(event, 1, name="青木 陽子")
    client.post(f"/events/applications/{application.token}/cancel/")
    mail = OutboxMessage.objects.get(kind="events.application_cancelled")
    assert mail.to == "person1@example.jp"
    assert mail.subject == "お申し込みの取り消し：会計講座中級編"
    assert "ご依頼のとおり、お申し込みを取り消しました。" in mail.body
    assert "青木 陽子 様" in mail.body
