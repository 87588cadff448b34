"""A new clerk's day (2026-12-07): marking a follow-up done says what was done, and the list of
consultations shows which need a follow-up, by when, and which are done.

Before, 「フォローアップ済みにする」 only recorded the day: what was done (「電話で締切を伝えた」)
had to be typed into the edit form afterwards, and the list did not show follow-ups at all.

Some tests here read strings new with this change in Japanese: they pass once /tmp/fixes05/ja.po
is merged into the catalogue (kyodo/locale/ja) and compiled."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.consultations.models import Consultation
from kyodo.consultations.services import FOLLOW_UP_NOTE_MAX_LENGTH, follow_up_done
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.wareki import format_wareki

pytestmark = pytest.mark.django_db


def _due(staff_user, **overrides) -> Consultation:
    today = timezone.localdate()
    values = {
        "received_on": today - timedelta(days=3),
        "follow_up_needed": True,
        "follow_up_on": today,
        "follow_up_notes": "助成金の締切を電話で伝える",
    }
    return make_consultation(staff_user, **(values | overrides))


def test_what_was_done_is_added_to_the_notes_after_the_day(client, staff_user):
    # Given a follow-up due today
    due = _due(staff_user)
    url = f"/staff/consultations/{due.pk}/"
    client.force_login(staff_user)
    page = client.get(url).text
    assert '<label for="follow-up-note">対応の内容</label>' in page
    assert 'name="note" rows="2" maxlength="1000"' in page

    # When the clerk marks it done, saying what was done
    response = client.post(url + "follow-up/done/", {"note": "  12月20日締切と電話で伝えた  "})

    # Then the notes keep the plan and gain the day and what was done
    today = timezone.localdate()
    assert response.status_code == 302 and response["Location"] == url
    due.refresh_from_db()
    line = f"{format_wareki(today)} 12月20日締切と電話で伝えた"
    assert due.follow_up_notes == f"助成金の締切を電話で伝える\n{line}"
    assert due.follow_up_done_on == today
    entry = AuditEntry.objects.filter(action="kyodo.consultations.consultation.followed_up").get()
    assert entry.changes == {
        "follow_up_done_on": [None, today.isoformat()],
        "follow_up_notes": ["助成金の締切を電話で伝える", f"助成金の締切を電話で伝える\n{line}"],
    }
    page = client.get(url).text
    assert f"助成金の締切を電話で伝える<br>{line}" in page


def test_without_a_note_only_the_day_is_recorded(staff_user):
    due = _due(staff_user, follow_up_notes="")
    follow_up_done(actor=staff_user, consultation=due, note="   ")
    due.refresh_from_db()
    assert due.follow_up_notes == ""
    assert due.follow_up_done_on == timezone.localdate()
    entry = AuditEntry.objects.filter(action="kyodo.consultations.consultation.followed_up").get()
    assert entry.changes == {"follow_up_done_on": [None, timezone.localdate().isoformat()]}


def test_a_note_on_empty_notes_is_the_first_line(staff_user):
    due = _due(staff_user, follow_up_notes="")
    follow_up_done(actor=staff_user, consultation=due, note="来所して申請書を確認")
    due.refresh_from_db()
    assert due.follow_up_notes == f"{format_wareki(timezone.localdate())} 来所して申請書を確認"


def test_a_note_too_long_is_refused_and_nothing_changes(client, staff_user):
    due = _due(staff_user)
    client.force_login(staff_user)
    before = AuditEntry.objects.count()
    response = client.post(
        f"/staff/consultations/{due.pk}/follow-up/done/",
        {"note": "あ" * (FOLLOW_UP_NOTE_MAX_LENGTH + 1)},
        follow=True,
    )
    assert response.status_code == 200
    assert "対応の内容は1000文字以内で入力してください（現在1001文字）。" in response.text
    due.refresh_from_db()
    assert due.follow_up_done_on is None
    assert due.follow_up_notes == "助成金の締切を電話で伝える"
    assert AuditEntry.objects.count() == before


def test_reopening_ignores_a_note(client, staff_user):
    due = _due(staff_user)
    follow_up_done(actor=staff_user, consultation=due)
    client.force_login(staff_user)
    client.post(f"/staff/consultations/{due.pk}/follow-up/reopen/", {"note": "書かない"})
    due.refresh_from_db()
    assert due.follow_up_done_on is None
    assert due.follow_up_notes == "助成金の締切を電話で伝える"


def test_the_list_shows_each_follow_up(client, staff_user):
    # Given consultations without follow-up, due later, due today, overdue and done
    today = timezone.localdate()
    plain = make_consultation(staff_user, received_on=today - timedelta(days=5))
    due = _due(staff_user, follow_up_on=today + timedelta(days=13))
    due_today = _due(staff_user)
    overdue = _due(staff_user, follow_up_on=today - timedelta(days=1))
    done = _due(staff_user, follow_up_on=today - timedelta(days=2))
    follow_up_done(actor=staff_user, consultation=done)
    client.force_login(staff_user)

    page = client.get("/staff/consultations/").text

    assert '<th scope="col">フォローアップ</th><th scope="col">報告に使用</th>' in page
    cells = {
        plain.pk: '<td class="follow-up">—</td>',
        due.pk: (
            f'<td class="follow-up"><strong>必要</strong><br>'
            f"{format_wareki(today + timedelta(days=13))}</td>"
        ),
        due_today.pk: (
            f'<td class="follow-up"><strong>必要</strong><br>{format_wareki(today)}<br>今日が期日</td>'
        ),
        overdue.pk: (
            f'<td class="follow-up"><strong>必要</strong><br>'
            f"{format_wareki(today - timedelta(days=1))}<br>"
            '<strong class="overdue">期限超過</strong></td>'
        ),
        done.pk: f'<td class="follow-up">{format_wareki(today)}に対応済み</td>',
    }
    for pk, cell in cells.items():
        row = page[page.index(f'href="/staff/consultations/{pk}/"') :]
        assert row[: row.index("</tr>")].count(cell) == 1, pk


def test_the_registered_group_links_to_its_page(client, staff_user):
    from kyodo.organizations.tests.factories import make_organization

    group = make_organization(history=[("registered", date(2010, 4, 1))])
    consultation = make_consultation(
        staff_user, client_type=Consultation.ClientType.GROUP, organization=group
    )
    client.force_login(staff_user)
    page = client.get(f"/staff/consultations/{consultation.pk}/").text
    assert f'<dt>登録団体</dt><dd><a href="/staff/groups/{group.pk}/">西東京風の会</a></dd>' in page
