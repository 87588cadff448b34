"""Public forms that resist abuse (issue 18): limits per address, confirmation by mail first,
a honeypot field, and the client's address taken only from a trusted proxy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from kyodo.core.confirmations import pending_submissions_expire
from kyodo.core.middleware import HONEYPOT_FIELD
from kyodo.core.models import AuditEntry, OutboxMessage, PendingSubmission
from kyodo.core.ratelimit import address_key, client_address
from kyodo.organizations.models import Organization
from kyodo.organizations.tests.factories import application_post

LINK_RE = re.compile(r"http://testserver(/confirm/[^/\s]+/)")


def test_fifty_group_applications_from_one_address(db, client, database_counters, settings):
    """Acceptance: the configured limit holds, the rest get 429, no mail beyond the limit."""
    settings.SITE_URL = "http://testserver"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "organizations:apply": "10/h"}
    groups = Organization.objects.count()
    statuses = []
    for n in range(50):
        data = application_post(
            name=f'=HYPERLINK("https://spam.example/{n}") 無料',
            name_reading=f"すぱむ{'あ' * (n % 5)}",
            representative_name="広告を見て https://spam.example/",
            description="今すぐクリック https://spam.example/",
            email=f"victim{n}@example.jp",
        )
        statuses.append(client.post("/groups/apply/", data).status_code)

    assert statuses == [302] * 10 + [429] * 40
    refused = client.post("/groups/apply/", application_post())
    assert refused.status_code == 429
    assert "短い間にお使いの接続から多くの送信があったため" in refused.text
    assert int(refused["Retry-After"]) <= 3600
    assert refused["Cache-Control"] == "no-store"
    # Ten confirmation mails and nothing else; none carries a word the applicant typed.
    mails = list(OutboxMessage.objects.order_by("pk"))
    assert [m.kind for m in mails] == ["core.confirmation"] * 10
    assert [m.to for m in mails] == [f"victim{n}@example.jp" for n in range(10)]
    for mail in mails:
        assert "spam" not in mail.body and "HYPERLINK" not in mail.body
        assert "無料" not in mail.body + mail.subject
        assert "登録団体の申請" in mail.body
    # Nothing reached staff.
    assert Organization.objects.count() == groups
    assert PendingSubmission.objects.count() == 10
    # Another address is not held up by this one.
    other = client.post("/groups/apply/", application_post(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_a_group_application_reaches_staff_only_when_the_mailed_link_is_followed(
    db, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    bylaws = SimpleUploadedFile("会則.txt", "第1条 名称".encode(), content_type="text/plain")
    response = client.post("/groups/apply/", application_post() | {"bylaws": bylaws})
    assert response["Location"] == "/confirm/sent/"
    assert "メールをご確認ください" in client.get("/confirm/sent/").text
    assert not Organization.objects.filter(name="西東京ひかりの会").exists()
    mail = OutboxMessage.objects.get()
    assert mail.subject == "メールアドレスの確認のお願い"
    assert "48時間以内" in mail.body
    path = LINK_RE.search(mail.body)[1]

    # Opening the link (a mail scanner does) confirms nothing; the button does.
    page = client.get(path)
    assert page.status_code == 200 and "確定して送信する" in page.text
    assert not Organization.objects.filter(name="西東京ひかりの会").exists()
    confirmed = client.post(path)
    assert confirmed["Location"] == "/groups/apply/sent/"
    group = Organization.objects.get(name="西東京ひかりの会")
    assert (group.status, group.bylaws_name) == ("applied", "会則.txt")
    assert group.bylaws.read() == "第1条 名称".encode()
    assert PendingSubmission.objects.count() == 0
    assert OutboxMessage.objects.filter(kind="organizations.application.received").count() == 1

    again = client.post(path)
    assert again.status_code == 404
    assert "この確認用のリンクは使えません" in again.text
    assert Organization.objects.filter(name="西東京ひかりの会").count() == 1


def test_a_link_not_followed_in_time_expires_with_its_file(
    db, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    bylaws = SimpleUploadedFile("会則.txt", b"x", content_type="text/plain")
    client.post("/groups/apply/", application_post() | {"bylaws": bylaws})
    pending = PendingSubmission.objects.get()
    stored = tmp_path / pending.file.name
    assert stored.exists()
    path = LINK_RE.search(OutboxMessage.objects.get().body)[1]
    PendingSubmission.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.post(path).status_code == 404
    assert not Organization.objects.filter(name="西東京ひかりの会").exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert pending_submissions_expire() == 1
    assert PendingSubmission.objects.count() == 0
    assert not stored.exists()


def test_event_places_count_only_once_confirmed(db, client, settings, staff_user):
    from kyodo.events import services
    from kyodo.events.models import Application, Event

    settings.EVENT_APPLICATION_CONFIRMATION = True
    settings.SITE_URL = "http://testserver"
    event = services.event_create(
        actor=staff_user,
        kind="lecture",
        title="会計講座",
        date=timezone.localdate() + timedelta(days=10),
        capacity_people=1,
        status=Event.Status.PUBLISHED,
    )

    def apply(name: str, email: str) -> str:
        data = {"kind": "individual", "name": name, "email": email, "consent": "on", "step": "send"}
        assert client.post(f"/events/{event.pk}/", data)["Location"] == "/confirm/sent/"
        return LINK_RE.search(OutboxMessage.objects.filter(to=email).get().body)[1]

    first = apply("青木 陽子", "aoki@example.jp")
    second = apply("石井 健一", "ishii@example.jp")
    assert Application.objects.count() == 0  # nobody holds the one place yet
    # The second confirms first and gets the place; the first then waits.
    client.post(second)
    client.post(first)
    assert list(
        Application.objects.order_by("pk").values_list("name", "status", "waitlist_position")
    ) == [("石井 健一", "confirmed", None), ("青木 陽子", "waitlisted", 1)]


def test_honeypot_filled_is_refused_and_saves_nothing(db, client):
    page = client.get("/groups/apply/")
    assert f'name="{HONEYPOT_FIELD}"' in page.text
    assert '<div class="kyodo-hp" hidden>' in page.text
    response = client.post("/groups/apply/", application_post() | {HONEYPOT_FIELD: "http://x"})
    assert response.status_code == 400
    assert "送信を受け付けられませんでした" in response.text
    assert PendingSubmission.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("remote", "forwarded", "header", "expected"),
    [
        ("203.0.113.5", "198.51.100.1", "", "203.0.113.5"),  # no header configured
        ("127.0.0.1", "198.51.100.1", "X-Forwarded-For", "198.51.100.1"),
        ("203.0.113.5", "198.51.100.1", "X-Forwarded-For", "203.0.113.5"),  # not our proxy
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "X-Forwarded-For", "198.51.100.1"),  # spoofed left
        ("127.0.0.1", "garbage", "X-Forwarded-For", "127.0.0.1"),
        ("127.0.0.1", "", "X-Forwarded-For", "127.0.0.1"),
        ("127.0.0.1", "[2001:db8::1]:4711", "X-Forwarded-For", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_a_trusted_proxy_only(
    settings, remote, forwarded, header, expected
):
    settings.CLIENT_IP_HEADER = header
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_ipv6_addresses_count_by_their_network():
    assert address_key("2001:db8:1:2:3:4:5:6") == address_key("2001:db8:1:2:ffff::1")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("192.0.2.1") == "192.0.2.1"


def test_bad_rate_settings_fail_at_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kyodo.env import env_rates

    monkeypatch.setenv("RATE_LIMITS", "organizations:apply=lots")
    with pytest.raises(ImproperlyConfigured, match="organizations:apply"):
        env_rates("RATE_LIMITS", {"default": "30/h"})
    monkeypatch.setenv("RATE_LIMITS", "organizations:apply=3/10m")
    assert env_rates("RATE_LIMITS", {"default": "30/h"}) == {
        "default": "30/h",
        "organizations:apply": "3/10m",
    }


def test_counting_a_request_leaves_the_page_cache_alone(db, database_counters):
    """A counter already there is incremented, not re-added: the database cache's refused
    INSERT and its rollback would make every cached page stale on each public POST."""
    from kyodo.core import ratelimit
    from kyodo.core.cache import current_generation

    decisions = [ratelimit.hit("test", "192.0.2.1", "2/h", now=7200.0) for _ in range(3)]
    before = current_generation()
    decisions.append(ratelimit.hit("test", "192.0.2.1", "2/h", now=7200.0))
    assert current_generation() == before
    assert [(d.allowed, d.count) for d in decisions] == [
        (True, 1),
        (True, 2),
        (False, 3),
        (False, 4),
    ]
