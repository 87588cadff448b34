"""The whole life of an application, with mail delivered to a real SMTP server by the worker."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role, has_role
from kyodo.core.tests.confirm import confirm_by_mail
from kyodo.core.versions import edit_version
from kyodo.organizations.models import ChangeRequest, Organization
from kyodo.organizations.tests.factories import application_post

pytestmark = pytest.mark.django_db(transaction=True)


def deliver_mail():
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)


def mail_to(smtp_server, address):
    return [
        (m["message"]["Subject"], m["message"].get_content())
        for m in smtp_server.by_recipient(address)
    ]


def link_in(body: str) -> str:
    url = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", body)
    assert url, body
    return url.group(1)


def test_apply_return_resubmit_approve_set_password_and_edit(client, staff_user, smtp_server):
    # A citizen applies, with the bylaws as a text file.
    bylaws = SimpleUploadedFile("規約.txt", "第1条 この会は西東京ひかりの会という。".encode())
    response = client.post("/groups/apply/", {**application_post(), "bylaws": bylaws})
    assert response.status_code == 302
    assert response["Location"] == "/confirm/sent/"
    # It reaches staff when the applicant confirms the address with the mailed link.
    assert not Organization.objects.exists()
    response = confirm_by_mail(client, "hikari@example.jp")
    assert response["Location"] == "/groups/apply/sent/"
    organization = Organization.objects.get()
    assert organization.status == "applied"
    assert organization.bylaws_name == "規約.txt"
    deliver_mail()
    assert [s for s, _b in mail_to(smtp_server, "hikari@example.jp")] == [
        "メールアドレスの確認のお願い",
        "登録団体の申請を受け付けました",
    ]

    # Staff return it with a reason; the applicant gets a personal link.
    staff = client.__class__()
    staff.force_login(staff_user)
    page = staff.get(f"/staff/groups/{organization.pk}/")
    assert page.status_code == 200
    assert "西東京ひかりの会" in page.text
    response = staff.post(
        f"/staff/groups/{organization.pk}/return/",
        {"return-reason": "ふりがなを確認してください。"},
    )
    assert response.status_code == 302
    deliver_mail()
    subject, body = mail_to(smtp_server, "hikari@example.jp")[-1]
    assert subject == "登録団体の申請内容の修正をお願いします"
    assert "ふりがなを確認してください。" in body
    link = link_in(body)

    # The applicant corrects the application through the link, once.
    page = client.get(link)
    assert page.status_code == 200
    assert "ふりがなを確認してください。" in page.text
    assert 'value="西東京ひかりの会"' in page.text
    response = client.post(link, application_post(name_reading="ニシトウキョウ ヒカリノカイ"))
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.status, organization.name_reading) == (
        "applied",
        "にしとうきょう ひかりのかい",
    )
    assert client.get(link).status_code == 404  # used up
    resubmitted = AuditEntry.objects.get(action="kyodo.organizations.application.resubmitted")
    assert resubmitted.changes["name_reading"] == [
        "にしとうきょうひかりのかい",
        "にしとうきょう ひかりのかい",
    ]

    # Staff approve; the representative gets an account and an invitation.
    response = staff.post(
        f"/staff/groups/{organization.pk}/approve/", {"effective_date": "平成23年1月11日"}
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == "registered"
    user = organization.representative_user
    assert has_role(user, Role.GROUP)
    assert not user.has_usable_password()
    deliver_mail()
    subject, body = mail_to(smtp_server, "hikari@example.jp")[-1]
    assert subject == "登録団体として登録しました"
    assert "平成23年1月11日(火)" in body
    assert user.username in body

    # The representative sets a password with Django's reset-token link, then signs in.
    response = client.get(link_in(body))
    assert response.status_code == 302  # the token moves into the session
    form_url = response["Location"]
    response = client.post(
        form_url, {"new_password1": "kaze-to-hikari-2011", "new_password2": "kaze-to-hikari-2011"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "kaze-to-hikari-2011"}
    )
    assert response.status_code == 302

    # The representative edits the profile: the choice of published fields applies at once, the
    # new telephone number waits for review as a 変更届 and staff are told by mail.
    page = client.get("/group/organization/")
    assert page.status_code == 200
    profile = application_post(phone="042-999-0000", published_fields=["area", "phone"])
    for field in ("name", "name_reading", "legal_form"):
        profile.pop(field)
    profile["edit_version"] = edit_version(organization)
    response = client.post("/group/organization/", profile)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.phone, organization.published_field_list) == (
        "042-111-2222",
        ["area", "phone"],
    )
    request = ChangeRequest.objects.get()
    assert (request.status, request.proposed, request.previous) == (
        "pending",
        {"phone": "042-999-0000"},
        {"phone": "042-111-2222"},
    )
    public = client.get(f"/groups/{organization.pk}/").text
    assert "042-111-2222" in public and "042-999-0000" not in public
    deliver_mail()
    subject, body = mail_to(smtp_server, "staff1@example.jp")[-1]
    assert subject == "西東京ひかりの会から変更届が届きました"
    assert "電話番号：042-111-2222 → 042-999-0000" in body

    # Staff see the difference and approve it; the group is told and the directory follows.
    page = staff.get(f"/staff/groups/changes/{request.pk}/")
    assert '<th scope="row">電話番号</th><td>042-111-2222</td><td><ins>042-999-0000</ins></td>' in (
        page.text
    )
    assert staff.post(f"/staff/groups/changes/{request.pk}/approve/").status_code == 302
    organization.refresh_from_db()
    assert organization.phone == "042-999-0000"
    deliver_mail()
    subject, body = mail_to(smtp_server, "hikari@example.jp")[-1]
    assert subject == "変更届を承認しました"
    assert "電話番号：042-999-0000" in body
    page = staff.get(f"/staff/groups/{organization.pk}/")
    assert '<th scope="row">電話番号</th><td>042-111-2222</td><td>042-999-0000</td>' in page.text
    assert "<td>活動分野、活動地域</td><td>活動地域、電話番号</td>" in page.text
    # …and the public page shows the newly published telephone only.
    public = client.get(f"/groups/{organization.pk}/").text
    assert "042-999-0000" in public
    assert "hikari@example.jp" not in public
    assert "山田" not in public


def test_a_representative_only_sees_their_own_group(client, make_user):
    from kyodo.organizations.tests.factories import make_organization

    mine_user = make_user("mine", Role.GROUP)
    other_user = make_user("other", Role.GROUP)
    make_organization(
        "わたしの会", "わたしのかい", status="registered", representative_user=mine_user
    )
    make_organization("ほかの会", "ほかのかい", status="registered", email="other@example.jp")
    client.force_login(mine_user)
    page = client.get("/group/organization/")
    assert "わたしの会" in page.text and "ほかの会" not in page.text
    client.force_login(other_user)
    assert client.get("/group/organization/").status_code == 404
