"""A browser cannot keep a chosen file when a form comes back with errors: the person is told
beside the bylaws field (and in the error summary) to choose it again."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.models import AuditEntry, OutboxMessage, PendingSubmission
from kyodo.core.tests.confirm import confirm_by_mail
from kyodo.core.versions import edit_version
from kyodo.organizations.forms import ApplicationForm
from kyodo.organizations.models import ChangeRequest, Organization
from kyodo.organizations.tests.factories import application_post, make_organization

pytestmark = pytest.mark.django_db

CHOOSE_AGAIN = (
    "フォームに誤りがあったため、選んだファイル「規約.pdf」は受け取っていません。"
    "ファイルはもう一度選んでください。"
)
PDF = b"%PDF-1.4\n%%EOF"


def bylaws() -> SimpleUploadedFile:
    return SimpleUploadedFile("規約.pdf", PDF)


def test_a_chosen_file_is_asked_for_again_beside_the_field_and_in_the_summary(client):
    response = client.post("/groups/apply/", application_post(phone="042-461", bylaws=bylaws()))
    assert response.status_code == 200
    page = response.text
    assert f'<p class="error" id="id_bylaws_error">{CHOOSE_AGAIN}</p>' in page
    assert f'<a href="#id_bylaws">規約：{CHOOSE_AGAIN}</a>' in page
    assert 'id="id_phone_error"' in page
    assert PendingSubmission.objects.count() == 0
    assert Organization.objects.count() == 0
    # Chosen again with the number corrected, the file arrives with the application.
    response = client.post("/groups/apply/", application_post(bylaws=bylaws()))
    assert response.status_code == 302
    confirm_by_mail(client)
    assert Organization.objects.get().bylaws_name == "規約.pdf"


def test_nothing_is_said_without_a_file_or_without_another_error(client):
    page = client.post("/groups/apply/", application_post(phone="042-461")).text
    assert "もう一度選んでください" not in page
    form = ApplicationForm(data=application_post(), files={"bylaws": bylaws()})
    assert form.is_valid(), form.errors


def test_a_refused_file_gets_its_own_message_only(client):
    response = client.post(
        "/groups/apply/",
        application_post(phone="042-461", bylaws=SimpleUploadedFile("規約.pdf", b"<html>")),
    )
    assert "もう一度選んでください" not in response.text
    assert "「規約.pdf」はウェブページ・スクリプト・プログラムのため" in response.text


def test_the_representative_is_told_too_when_a_save_is_refused_after_validation(client, group_user):
    group = make_organization(
        status="registered", representative_user=group_user, phone="042-111-2222"
    )
    shown_at = edit_version(group)
    # Meanwhile the center corrects the address.
    Organization.objects.filter(pk=group.pk).update(address="東京都西東京市田無町1-1")
    client.force_login(group_user)
    data = application_post(bylaws=bylaws(), edit_version=shown_at)
    for field in ("name", "name_reading", "legal_form", "consent"):
        data.pop(field)
    response = client.post("/group/organization/", data)
    assert response.status_code == 200
    assert 'class="stale-changes"' in response.text  # refused as stale, after validation
    assert f'id="id_bylaws_error">{CHOOSE_AGAIN}</p>' in response.text
    group.refresh_from_db()
    assert not group.bylaws
    assert ChangeRequest.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
