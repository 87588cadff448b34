"""お問い合わせ: the form's steps, consent, full-width input, the limit per address, and staff's
inbox: reply by mail, status, a 「相談」 taken over into the consultation log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kyodo.consultations.models import Consultation
from kyodo.contact import services
from kyodo.contact.exceptions import AlreadyTakenOver, NotAConsultation
from kyodo.contact.models import Inquiry, InquiryReply
from kyodo.core.models import AuditEntry, Center, OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(db):
    return Center.objects.create(
        name="西東京市市民協働推進センター", email="center@example.jp", phone="042-000-0000"
    )


def post(**overrides) -> dict:
    data = {
        "kind": "question",
        "name": "田無 花子",
        "organization_name": "",
        "email": "ｔａｎａｓｈｉ＠ｅｘａｍｐｌｅ．ｊｐ",
        "phone": "０４２ー１１１ー２２２２",
        "body": "土曜日の夜も会議室を借りられますか。",
        "consent": "on",
    }
    return {**data, **overrides}


def test_enter_confirm_correct_and_send(client, center):
    confirm = client.post("/contact/", post())
    assert confirm.status_code == 200
    assert "送信内容の確認" in confirm.text and "tanashi@example.jp" in confirm.text
    assert "042-111-2222" in confirm.text
    assert Inquiry.objects.count() == 0
    # 「修正する」: the form again with what was typed, without error messages.
    edit = client.post("/contact/", {**post(), "step": "edit"})
    assert 'value="田無 花子"' in edit.text and 'class="error-summary"' not in edit.text
    sent = client.post("/contact/", {**post(), "step": "send"}, follow=True)
    inquiry = Inquiry.objects.get()
    assert sent.redirect_chain == [("/contact/sent/", 302)]
    assert f"受付番号は {inquiry.pk} です" in sent.text
    assert (inquiry.email, inquiry.phone, inquiry.status) == (
        "tanashi@example.jp",
        "042-111-2222",
        "new",
    )
    assert inquiry.consented_at is not None
    ack, notice = OutboxMessage.objects.order_by("pk")
    assert (ack.to, ack.subject) == (
        "tanashi@example.jp",
        f"お問い合わせを受け付けました（受付番号 {inquiry.pk}）",
    )
    # The acknowledgement never repeats what the sender wrote (no relaying of their text).
    assert "会議室" not in ack.body and "西東京市市民協働推進センター" in ack.body
    assert notice.to == "center@example.jp" and f"/staff/contact/{inquiry.pk}/" in notice.body
    # Someone else's session does not see what was sent.
    client.cookies.clear()
    assert client.get("/contact/sent/")["Location"] == "/contact/"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "送信するには、個人情報の取り扱いへの同意が必要です。"),
        ({"phone": "abc-defg"}, "電話番号は数字とハイフンで入力してください（例：042-000-0000）。"),
        ({"email": "tanashi@"}, "有効なメールアドレスを入力してください。"),
        ({"kind": "spam"}, "正しく選択してください。 spam は候補にありません。"),
        (
            {"body": "あ" * 4001},
            "4000文字以内で入力してください（現在4001文字）。",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_sent(client, center, overrides, message):
    for step in ("confirm", "send"):
        response = client.post("/contact/", {**post(**overrides), "step": step})
        assert response.status_code == 400
        assert 'id="error-summary"' in response.text and message in response.text
    assert Inquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_at_most_five_an_hour_from_one_address(client, center, settings):
    settings.CONTACT_LIMIT_PER_HOUR = 5
    for n in range(5):
        assert (
            client.post("/contact/", {**post(body=f"質問{n}"), "step": "send"}).status_code == 302
        )
    mails = OutboxMessage.objects.count()
    response = client.post("/contact/", {**post(body="質問6"), "step": "send"})
    assert response.status_code == 429
    assert "短い時間に多くのお問い合わせが送られました。" in response.text
    assert Inquiry.objects.count() == 5 and OutboxMessage.objects.count() == mails
    # Another address is not held back.
    other = client.post("/contact/", {**post(), "step": "send"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    # The address itself is not stored, only a keyed hash of it.
    assert "127.0.0.1" not in {i.sender_key for i in Inquiry.objects.all()}


@pytest.fixture
def inquiry(center):
    return services.inquiry_submit(
        kind="consultation",
        name="佐藤 健",
        organization_name="西東京子ども食堂の会",
        email="sato@example.jp",
        body="助成金の申請書の書き方について相談したいです。",
        sender="192.0.2.1",
    )


def test_staff_reply_by_mail_and_it_is_answered(staff_user, member_user, inquiry):
    with pytest.raises(PermissionDenied):
        services.inquiry_reply(actor=member_user, inquiry=inquiry, body="回答")
    assert InquiryReply.objects.count() == 0
    reply = services.inquiry_reply(
        actor=staff_user, inquiry=inquiry, body="次の開館日にお越しください。"
    )
    inquiry.refresh_from_db()
    assert inquiry.status == "answered"
    assert reply.message.to == "sato@example.jp"
    assert reply.message.subject == f"お問い合わせへの回答（受付番号 {inquiry.pk}）"
    assert reply.message.body.startswith("佐藤 健 様\n\n次の開館日にお越しください。\n\n")
    assert "> 助成金の申請書の書き方について相談したいです。" in reply.message.body
    assert AuditEntry.objects.filter(action="kyodo.contact.inquiry.replied").count() == 1


def test_a_consultation_is_taken_over_into_the_log(staff_user, member_user, inquiry):
    arguments = {
        "client_type": "group",
        "categories": ["grants"],
        "summary": "子ども食堂の助成金申請について",
    }
    with pytest.raises(PermissionDenied):
        services.inquiry_take_over(actor=member_user, inquiry=inquiry, **arguments)
    assert Consultation.objects.count() == 0
    consultation = services.inquiry_take_over(actor=staff_user, inquiry=inquiry, **arguments)
    assert (consultation.channel, consultation.client_type, consultation.staff) == (
        "email",
        "group",
        staff_user,
    )
    assert consultation.client_name == "西東京子ども食堂の会 佐藤 健"
    assert consultation.client_contact == "sato@example.jp"
    assert consultation.category_values == ["grants"]
    inquiry.refresh_from_db()
    assert (inquiry.consultation, inquiry.status) == (consultation, "in_progress")
    with pytest.raises(AlreadyTakenOver):
        services.inquiry_take_over(actor=staff_user, inquiry=inquiry, **arguments)
    question = services.inquiry_submit(
        kind="question", name="青木", email="aoki@example.jp", body="質問", sender="192.0.2.2"
    )
    with pytest.raises(NotAConsultation):
        services.inquiry_take_over(actor=staff_user, inquiry=question, **arguments)
    assert Consultation.objects.count() == 1


def test_the_inbox_is_for_staff(client, staff_user, member_user, inquiry):
    client.force_login(member_user)
    assert client.get("/staff/contact/").status_code == 403
    assert client.get(f"/staff/contact/{inquiry.pk}/").status_code == 403
    client.force_login(staff_user)
    inbox = client.get("/staff/contact/?status=new")
    assert "佐藤 健" in inbox.text and "（相談の下書き）" in inbox.text
    assert inbox["Cache-Control"].startswith("max-age=0")
    detail = client.get(f"/staff/contact/{inquiry.pk}/")
    assert "相談記録に追加する" in detail.text
    response = client.post(
        f"/staff/contact/{inquiry.pk}/",
        {
            "action": "take_over",
            "client_type": "group",
            "categories": ["grants"],
            "summary": "相談",
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/staff/consultations/{consultation.pk}/"
    client.post(f"/staff/contact/{inquiry.pk}/", {"action": "status", "status": "closed"})
    inquiry.refresh_from_db()
    assert inquiry.status == "closed"
