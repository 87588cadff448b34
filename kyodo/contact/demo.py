"""Two inquiries for the demo center (January 2011): a question answered by mail, and a 「相談」
waiting for staff to take it over into the consultation log."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kyodo.contact.models import Inquiry, InquiryReply

TOKYO = ZoneInfo("Asia/Tokyo")

INQUIRIES = [
    (
        datetime(2011, 1, 12, 14, 5, tzinfo=TOKYO),
        Inquiry.Kind.QUESTION,
        "青木 陽子",
        "",
        "aoki@example.jp",
        "会計講座中級編は、初級編を受けていなくても参加できますか。",
        Inquiry.Status.ANSWERED,
        "初級編を受けていない方もご参加いただけます。当日は簿記の基本から説明します。",
    ),
    (
        datetime(2011, 1, 17, 10, 30, tzinfo=TOKYO),
        Inquiry.Kind.CONSULTATION,
        "佐藤 健",
        "西東京子ども食堂の会",
        "sato@example.jp",
        "任意団体として子ども食堂を始めました。助成金の申請書の書き方について相談したいです。",
        Inquiry.Status.NEW,
        "",
    ),
]


def load_demo() -> None:
    if Inquiry.objects.exists():
        return
    for at, kind, name, group, email, body, status, reply in INQUIRIES:
        inquiry = Inquiry.objects.create(
            kind=kind,
            name=name,
            organization_name=group,
            email=email,
            body=body,
            status=status,
            sender_key="demo",
            consented_at=at,
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=at)
        if reply:
            answered = InquiryReply.objects.create(inquiry=inquiry, body=reply)
            InquiryReply.objects.filter(pk=answered.pk).update(created_at=at + timedelta(hours=3))
