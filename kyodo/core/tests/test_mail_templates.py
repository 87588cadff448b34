"""Every mail template renders, in Japanese, with a sample of the context its service gives.

A new template under ``<app>/templates/<app>/mail/`` fails here until it has a sample: mail is
composed one way (kyodo.core.mail), so one test can render all of it.
"""

import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import engines

import kyodo
from kyodo.core.mail import absolute_url, render_mail

pytestmark = pytest.mark.django_db

MARKER = "«missing:%s»"
TEMPLATES = sorted(
    str(path.relative_to(path.parents[2]))
    for path in Path(kyodo.__file__).parent.glob("*/templates/*/mail/*.txt")
    if not path.name.startswith("_")
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
SUBJECTS = {
    "collaboration/mail/proposal_adopted.txt": "提案が採択されました：まちの風景写真アーカイブ",
    "collaboration/mail/proposal_declined.txt": "提案の審査結果：まちの風景写真アーカイブ",
    "collaboration/mail/proposal_received.txt": "西東京風の会から提案が提出されました",
    "collaboration/mail/proposal_submitted.txt": "提案を受け付けました：まちの風景写真アーカイブ",
    "committees/mail/circulation.txt": "【確認依頼】平成22年度第8回運営委員会会議録（未定稿）",
    "committees/mail/correction_requested.txt": "【訂正依頼】平成22年度第8回運営委員会会議録（未定稿）",
    "committees/mail/correction_resolved.txt": (
        "【訂正依頼への対応】平成22年度第8回運営委員会会議録（未定稿）"
    ),
    "committees/mail/meeting_cancelled.txt": "【中止】平成22年度第8回運営委員会",
    "committees/mail/meeting_changed.txt": "【日時・会場の変更】平成22年度第8回運営委員会",
    "committees/mail/minutes_confirmed.txt": "【確定・公開】平成22年度第8回運営委員会会議録（確定稿）",
    "committees/mail/minutes_corrected.txt": "【訂正】平成22年度第8回運営委員会会議録（確定稿）第2版",
    "committees/mail/notice.txt": "【招集通知】平成22年度第8回運営委員会",
    "contact/mail/new_inquiry.txt": "新しいお問い合わせ 第12号（センターや事業についての質問）",
    "contact/mail/received.txt": "お問い合わせを受け付けました（受付番号 12）",
    "contact/mail/reply.txt": "お問い合わせへの回答（受付番号 12）",
    "core/mail/confirm_submission.txt": "メールアドレスの確認のお願い",
    "core/mail/invitation.txt": "西東京市市民協働推進センターのシステムへのご招待",
    "core/mail/password_changed.txt": "パスワードが変更されました",
    "core/mail/password_reset.txt": "パスワードの再設定",
    "events/mail/application_cancelled.txt": "お申し込みの取り消し：会計講座中級編",
    "events/mail/application_changed.txt": "お申し込み内容を変更しました：会計講座中級編",
    "events/mail/application_promoted.txt": "キャンセル待ちから繰り上がりました：会計講座中級編",
    "events/mail/application_received.txt": "お申し込みありがとうございます：会計講座中級編",
    "events/mail/event_cancelled.txt": "中止のお知らせ：会計講座中級編",
    "events/mail/event_changed.txt": "日時・会場の変更のお知らせ：会計講座中級編",
    "events/mail/feedback_request.txt": "アンケートへのご協力のお願い：会計講座中級編",
    "events/mail/waitlist_ended.txt": "キャンセル待ちのお申し込みについて：会計講座中級編",
    "organizations/mail/application_approved.txt": "登録団体として登録しました",
    "organizations/mail/application_received.txt": "登録団体の申請を受け付けました",
    "organizations/mail/application_rejected.txt": "登録団体の申請について",
    "organizations/mail/application_resubmitted.txt": "修正された申請を受け付けました",
    "organizations/mail/application_returned.txt": "登録団体の申請内容の修正をお願いします",
    "organizations/mail/change_approved.txt": "変更届を承認しました",
    "organizations/mail/change_received.txt": "西東京風の会から変更届が届きました",
    "organizations/mail/change_returned.txt": "変更届についてのお知らせ",
}


def _samples() -> dict[str, dict]:
    from kyodo.collaboration.models import Proposal, ProposalCall
    from kyodo.committees.models import (
        CirculationRecipient,
        CorrectionRequest,
        Meeting,
        Member,
        Minutes,
        MinutesVersion,
    )
    from kyodo.contact.models import Inquiry
    from kyodo.core.models import User
    from kyodo.events.models import Application, Event
    from kyodo.organizations.models import Organization

    organization = Organization.objects.listed().get(name="西東京風の会")
    event = Event(
        pk=7,
        title="会計講座中級編",
        date=date(2011, 1, 18),
        start_time=time(19),
        end_time=time(21),
        venue_text="イングビル3階 第1会議室",
    )
    application = Application(
        pk=3, event=event, name="青木 陽子", email="aoki@example.jp", status="confirmed"
    )
    call = ProposalCall(title="NPO等企画提案事業", fiscal_year=2026)
    proposal = Proposal(
        title="まちの風景写真アーカイブ",
        call=call,
        organization=organization,
        submitted_at=datetime(2026, 12, 1, 10, 30, tzinfo=ZoneInfo("Asia/Tokyo")),
        decision_note="おめでとうございます。",
    )
    meeting = Meeting.objects.select_related("committee").order_by("date").first()
    member = Member.objects.order_by("pk").first()
    inquiry = Inquiry(pk=12, kind="question", name="佐藤 花子", body="開館時間は?\n駐車場は?")
    user = User(username="yamada", first_name="太郎", last_name="山田")
    link = absolute_url("/sample/link/")
    changes = [{"label": "電話番号", "old": "042-111-1111", "new": "042-222-2222"}]
    applicant = {"application": application, "event": event, "cancel_url": link}
    collaboration = {"proposal": proposal, "call": call, "organization": organization}
    committee = {"meeting": meeting, "member": member}
    return {
        "collaboration/mail/proposal_adopted.txt": collaboration,
        "collaboration/mail/proposal_declined.txt": collaboration,
        "collaboration/mail/proposal_received.txt": {**collaboration, "link": link},
        "collaboration/mail/proposal_submitted.txt": collaboration,
        "committees/mail/circulation.txt": {
            "minutes": Minutes.objects.get(meeting=meeting),
            "member": member,
            "salutation": "熊田委員長",
            "approving": None,
            "again": False,
            "reason": "",
            "link": link,
        },
        "committees/mail/correction_requested.txt": {
            "minutes": Minutes.objects.get(meeting=meeting),
            "correction": CorrectionRequest(
                recipient=CirculationRecipient(member=member),
                entry_text="熊田委員長：はじめます。",
                text="「はじめます」ではなく「開会します」です。",
            ),
            "link": link,
        },
        "committees/mail/correction_resolved.txt": {
            "minutes": Minutes.objects.get(meeting=meeting),
            "correction": CorrectionRequest(
                recipient=CirculationRecipient(member=member),
                entry_text="熊田委員長：はじめます。",
                text="「はじめます」ではなく「開会します」です。",
                resolved=True,
                resolved_at=datetime(2011, 1, 20, 10, tzinfo=ZoneInfo("Asia/Tokyo")),
            ),
            "salutation": "山辺委員",
            "link": link,
        },
        "committees/mail/minutes_confirmed.txt": {
            "minutes": Minutes.objects.get(meeting=meeting),
            "salutation": "山辺委員",
            "approved_at": None,
            "link": link,
        },
        "committees/mail/minutes_corrected.txt": {
            "minutes": Minutes.objects.get(meeting=meeting),
            "version": MinutesVersion(
                number=2,
                reason="出席者の氏名の誤記を訂正しました。",
                created_at=datetime(2011, 3, 1, 10, tzinfo=ZoneInfo("Asia/Tokyo")),
            ),
            "salutation": "山辺委員",
            "link": link,
            "diff_link": link,
        },
        "committees/mail/meeting_cancelled.txt": committee | {"reason": "台風のため"},
        # Moved past another meeting: named as the notice named it, then as it is now.
        "committees/mail/meeting_changed.txt": committee
        | {"before": meeting, "old_name": "平成22年度第7回運営委員会"},
        "committees/mail/notice.txt": committee
        | {
            "agenda": [(1, "報告事項", list(meeting.items.all()))],
            "salutation": "熊田委員長",
            "reply_by": date(2011, 1, 17),
            "link": link,
        },
        "contact/mail/new_inquiry.txt": {"inquiry": inquiry, "url": link},
        "contact/mail/received.txt": {"inquiry": inquiry},
        "contact/mail/reply.txt": {"inquiry": inquiry, "body": "9時から21時までです。"},
        "core/mail/confirm_submission.txt": {"what": "事業への申込み", "link": link, "hours": 24},
        "core/mail/invitation.txt": {
            "user": user,
            "what": "職員",
            "link": link,
            "login_url": absolute_url("login"),
        },
        "core/mail/password_changed.txt": {"user": user, "reset_url": link},
        "core/mail/password_reset.txt": {
            "user": user,
            "link": link,
            "login_url": absolute_url("login"),
        },
        "events/mail/application_cancelled.txt": applicant | {"by_staff": True},
        "events/mail/application_changed.txt": applicant
        | {"changed": [("人数", "3人 → 2人")], "by_staff": False},
        "events/mail/application_promoted.txt": applicant,
        "events/mail/application_received.txt": applicant,
        "events/mail/event_cancelled.txt": applicant,
        "events/mail/event_changed.txt": applicant
        | {"before": Event(date=date(2011, 1, 11), start_time=time(18), end_time=time(20))},
        "events/mail/feedback_request.txt": applicant
        | {"feedback_url": link, "closes_on": date(2011, 2, 1)},
        "events/mail/waitlist_ended.txt": applicant,
        "organizations/mail/application_approved.txt": {
            "organization": organization,
            "date": date(2011, 1, 18),
            "username": "kaze",
            "link": link,
        },
        "organizations/mail/application_received.txt": {"organization": organization},
        "organizations/mail/application_rejected.txt": {
            "organization": organization,
            "reason": "活動実績が確認できません。",
        },
        "organizations/mail/application_resubmitted.txt": {"organization": organization},
        "organizations/mail/application_returned.txt": {
            "organization": organization,
            "reason": "会則を添付してください。",
            "link": link,
        },
        "organizations/mail/change_approved.txt": {
            "organization": organization,
            "changes": changes,
        },
        "organizations/mail/change_received.txt": {
            "organization": organization,
            "changes": changes,
            "link": link,
        },
        "organizations/mail/change_returned.txt": {
            "organization": organization,
            "reason": "記載漏れがあります。",
            "link": link,
        },
    }


@pytest.fixture
def strict_templates():
    # A variable the context lacks is printed as a marker instead of nothing.
    engine = engines["django"].engine
    engine.string_if_invalid = MARKER
    yield
    engine.string_if_invalid = ""


def test_every_mail_template_renders_in_japanese_with_its_sample(demo, strict_templates):
    samples = _samples()
    assert sorted(samples) == TEMPLATES
    rendered = {}
    for template in TEMPLATES:
        subject, body = render_mail(template, samples[template])
        assert "«missing:" not in subject + body, template
        assert "{{" not in body and "{%" not in body, template
        assert JAPANESE.search(subject) and JAPANESE.search(body), template
        assert "\n" not in subject, template
        rendered[template] = subject
    assert rendered == SUBJECTS


def test_a_sample_missing_a_variable_is_caught(demo, strict_templates):
    inquiry = _samples()["contact/mail/reply.txt"]["inquiry"]
    _subject, body = render_mail("contact/mail/reply.txt", {"inquiry": inquiry})
    assert "«missing:body»" in body
