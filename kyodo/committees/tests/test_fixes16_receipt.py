"""Finding 1: opening a personal link records nothing (mail scanners open every link); the
member records the receipt with the 「受領しました」 button (a POST with its CSRF token)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kyodo.committees import services
from kyodo.committees.models import AgendaItem, CirculationRecipient, Membership
from kyodo.committees.selectors import receipt_board
from kyodo.core.models import AuditEntry, OutboxMessage

SCANNER = "Mozilla/5.0 (compatible; SafeLinks-Scanner)"


@pytest.fixture
def circulation(staff, meeting):
    item = services.item_add(
        actor=staff, meeting=meeting, category=AgendaItem.Category.REPORT, title="業務報告について"
    )
    services.minutes_entries_from_text(actor=staff, item=item, text="事務局：報告した。")
    return services.minutes_circulate(actor=staff, minutes=meeting.minutes)


def _received_rows() -> int:
    return AuditEntry.objects.filter(action="kyodo.committees.minutes.received").count()


def test_a_link_scanner_opening_the_link_records_no_receipt(client, circulation):
    recipient = circulation.recipients.get(member__name="坂口")
    page = client.get(f"/committee/check/{recipient.token}/", HTTP_USER_AGENT=SCANNER)
    assert page.status_code == 200
    assert "平成22(2010)年度第1回運営委員会会議録(未定稿)" in page.text
    assert '<button type="submit" name="receive" value="1">受領しました</button>' in page.text
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert page["Cache-Control"].startswith("max-age=0")
    recipient.refresh_from_db()
    assert recipient.opened_at is None
    assert _received_rows() == 0
    states = {r.recipient.member.name: r.state for r in receipt_board(circulation=circulation)}
    assert states["坂口"] != "received"


def test_the_button_records_the_receipt_once(client, circulation):
    recipient = circulation.recipients.get(member__name="坂口")
    url = f"/committee/check/{recipient.token}/"
    done = client.post(url, {"receive": "1"})
    assert (done.status_code, done["Location"]) == (302, url)
    recipient.refresh_from_db()
    first = recipient.opened_at
    assert first is not None
    assert _received_rows() == 1
    # Pressed again (a second tab): nothing changes.
    client.post(url, {"receive": "1"})
    recipient.refresh_from_db()
    assert (recipient.opened_at, _received_rows()) == (first, 1)
    page = client.get(url)
    assert 'name="receive"' not in page.text
    assert '<p class="receipt-done">' in page.text
    assert "受領を記録しました" in page.text


def test_the_button_without_the_csrf_token_is_refused_and_records_nothing(circulation):
    recipient = circulation.recipients.get(member__name="坂口")
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post(f"/committee/check/{recipient.token}/", {"receive": "1"})
    assert refused.status_code == 403
    recipient.refresh_from_db()
    assert recipient.opened_at is None
    assert _received_rows() == 0


def test_an_unknown_link_is_not_found_either_way(client, circulation):
    assert client.get("/committee/check/unknown-token/").status_code == 404
    assert client.post("/committee/check/unknown-token/", {"receive": "1"}).status_code == 404
    assert CirculationRecipient.objects.filter(opened_at__isnull=False).count() == 0


def test_the_member_page_shows_received_only_after_the_button(client, committee, circulation):
    kumada = circulation.recipients.get(member__name="熊田")
    Membership.objects.create(
        committee=committee,
        member=kumada.member,
        role=Membership.Role.CHAIR,
        term_start=date(2025, 4, 1),
    )
    client.force_login(kumada.member.user)
    link = (
        f'<a href="/committee/check/{kumada.token}/">平成22年度第1回運営委員会会議録（未定稿）</a>'
    )
    client.get(f"/committee/check/{kumada.token}/")
    assert f"<li>{link}<br>" in client.get("/member/").text
    client.post(f"/committee/check/{kumada.token}/", {"receive": "1"})
    assert f"<li>{link}<strong>（受領済み）</strong><br>" in client.get("/member/").text


def test_the_circulation_mail_says_that_the_button_records_the_receipt(circulation):
    message = OutboxMessage.objects.filter(kind="committees.minutes.circulation").first()
    assert "「受領しました」ボタンを押してください" in message.body
    assert "リンクを開くだけでは受領は記録されません" in message.body
