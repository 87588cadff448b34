"""Staff edit a registered group's details at once (no review), with an audit row, the edit
version check, and the directory, the API and search following."""

from datetime import date

import pytest

from kyodo.core.models import AuditEntry
from kyodo.core.versions import edit_version
from kyodo.organizations import services
from kyodo.organizations.exceptions import InvalidTransition, OrganizationError
from kyodo.organizations.models import Organization
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

STALE = "他の人が先に変更しました"


@pytest.fixture
def group():
    return make_organization(
        "西東京風の会",
        "にしとうきょうかぜのかい",
        history=[("registered", date(2009, 4, 1))],
        representative_name="風間 一郎",
        representative_reading="かざま いちろう",
        email="kaze@example.jp",
        phone="042-111-2222",
        address="東京都西東京市南町5-6-13",
        activity_fields=["community"],
        area="南町",
        description="緑地の手入れ",
        member_count=12,
        founded_year=2007,
        published_fields=["activity_fields", "phone"],
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _post(group, **overrides):
    data = {
        "name": group.name,
        "name_reading": group.name_reading,
        "legal_form": group.legal_form,
        "representative_name": group.representative_name,
        "representative_reading": group.representative_reading,
        "email": group.email,
        "phone": group.phone,
        "address": group.address,
        "activity_fields": group.activity_field_list,
        "area": group.area,
        "description": group.description,
        "website": group.website,
        "member_count": group.member_count or "",
        "founded_year": group.founded_year or "",
        "edit_version": edit_version(group),
    }
    data.update(overrides)
    return data


def test_the_groups_page_links_to_the_edit_page(staff_client, group):
    page = staff_client.get(f"/staff/groups/{group.pk}/")
    assert f'href="/staff/groups/{group.pk}/edit/"' in page.text


def test_the_edit_form_starts_from_the_registered_details(staff_client, group):
    page = staff_client.get(f"/staff/groups/{group.pk}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form["name"].value() == "西東京風の会"
    assert form["phone"].value() == "042-111-2222"
    assert form["activity_fields"].value() == ["community"]
    assert "published_fields" not in form.fields  # the group's own consent
    assert 'name="edit_version"' in page.text


def test_staff_save_applies_at_once_with_an_audit_row(staff_client, staff_user, group):
    response = staff_client.post(
        f"/staff/groups/{group.pk}/edit/",
        _post(
            group,
            name="ＮＰＯ法人西東京風の会",
            name_reading="エヌピーオーほうじんにしとうきょうかぜのかい",
            legal_form="npo",
            phone="０４２－９９９－００００",
            activity_fields=["community", "environment"],
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/groups/{group.pk}/"
    group.refresh_from_db()
    assert group.name == "NPO法人西東京風の会"  # full-width letters stored half-width
    assert group.name_reading == "えぬぴーおーほうじんにしとうきょうかぜのかい"
    assert group.name_key == "npo法人西東京風の会"
    assert group.legal_form == "npo"
    assert group.phone == "042-999-0000"
    assert group.activity_fields == ",community,environment,"
    assert group.status == "registered"
    entry = AuditEntry.objects.get()
    assert entry.action == "kyodo.organizations.organization.profile_updated"
    assert entry.actor == staff_user
    assert entry.changes == {
        "name": ["西東京風の会", "NPO法人西東京風の会"],
        "name_reading": [
            "にしとうきょうかぜのかい",
            "えぬぴーおーほうじんにしとうきょうかぜのかい",
        ],
        "legal_form": ["voluntary", "npo"],
        "phone": ["042-111-2222", "042-999-0000"],
        "activity_fields": [",community,", ",community,environment,"],
    }
    # The group's 変更履歴 shows it, in words.
    page = staff_client.get(f"/staff/groups/{group.pk}/")
    rows = [
        (row.action, [(c.label, c.old, c.new) for c in row.fields])
        for row in page.context["changes"]
    ]
    assert rows == [
        (
            "団体情報の変更",
            [
                ("名称", "西東京風の会", "NPO法人西東京風の会"),
                (
                    "ふりがな",
                    "にしとうきょうかぜのかい",
                    "えぬぴーおーほうじんにしとうきょうかぜのかい",
                ),
                ("法人格", "任意団体", "NPO法人"),
                ("電話番号", "042-111-2222", "042-999-0000"),
                (
                    "活動分野",
                    "まちづくりの推進を図る活動",
                    "まちづくりの推進を図る活動／環境の保全を図る活動",
                ),
            ],
        )
    ]


def test_the_directory_the_api_and_search_follow_at_once(client, staff_user, group):
    services.organization_update_profile(
        actor=staff_user,
        organization=group,
        fields=services.DetailsFields(name="西東京そよ風の会", phone="042-999-0000"),
    )
    assert "西東京そよ風の会" in client.get("/groups/").text
    assert "西東京風の会" not in client.get("/groups/").text
    detail = client.get(f"/groups/{group.pk}/").text
    assert "西東京そよ風の会" in detail and "042-999-0000" in detail
    api = client.get(f"/api/v1/groups/{group.pk}").json()
    assert (api["name"], api["phone"]) == ("西東京そよ風の会", "042-999-0000")
    assert [g["name"] for g in client.get("/api/v1/groups").json()["items"]] == ["西東京そよ風の会"]
    found = client.get("/search/", {"q": "そよ風"})
    assert f"/groups/{group.pk}/" in found.text


def test_nothing_changed_writes_nothing(staff_client, group):
    response = staff_client.post(f"/staff/groups/{group.pk}/edit/", _post(group), follow=True)
    assert response.redirect_chain == [(f"/staff/groups/{group.pk}/", 302)]
    assert "変更はありませんでした。" in response.text
    assert AuditEntry.objects.count() == 0


def test_a_second_save_from_an_older_version_is_refused(
    client, staff_user, make_user, group, django_user_model
):
    from django.test import Client

    from kyodo.core.roles import Role

    other = Client()
    other.force_login(make_user("staff2", Role.STAFF))
    client.force_login(staff_user)
    url = f"/staff/groups/{group.pk}/edit/"
    shown = _post(group)  # both opened the page at this version
    assert client.post(url, {**shown, "phone": "042-333-4444"}).status_code == 302
    refused = other.post(url, {**shown, "address": "東京都西東京市田無町1-1"})
    assert refused.status_code == 400
    assert STALE in refused.text
    assert [(c.label, c.before, c.after) for c in refused.context["form"].stale_changes] == [
        ("電話番号", "042-111-2222", "042-333-4444")
    ]
    assert refused.context["form"]["address"].value() == "東京都西東京市田無町1-1"
    group.refresh_from_db()
    assert (group.phone, group.address) == ("042-333-4444", "東京都西東京市南町5-6-13")
    assert AuditEntry.objects.count() == 1
    # Saving the refused form again is a knowing overwrite.
    again = dict(refused.context["form"].data.lists())
    assert other.post(url, again).status_code == 302
    group.refresh_from_db()
    assert (group.phone, group.address) == ("042-111-2222", "東京都西東京市田無町1-1")


def test_a_required_field_left_empty_is_refused_and_nothing_changes(staff_client, group):
    response = staff_client.post(f"/staff/groups/{group.pk}/edit/", _post(group, name=""))
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    group.refresh_from_db()
    assert group.name == "西東京風の会"
    assert AuditEntry.objects.count() == 0


def test_the_service_refuses_an_empty_name_and_an_unknown_legal_form(staff_user, group):
    with pytest.raises(OrganizationError) as error:
        services.organization_update_profile(
            actor=staff_user, organization=group, fields=services.DetailsFields(name=" ")
        )
    assert (str(error.value.message), error.value.field) == ("団体名を入力してください。", "name")
    with pytest.raises(OrganizationError) as error:
        services.organization_update_profile(
            actor=staff_user, organization=group, fields=services.DetailsFields(legal_form="x")
        )
    assert error.value.field == "legal_form"
    assert Organization.objects.get().name == "西東京風の会"
    assert AuditEntry.objects.count() == 0


def test_an_application_is_not_edited_here(staff_client, staff_user):
    application = make_organization("ひばりの会", "ひばりのかい", status="applied")
    assert staff_client.get(f"/staff/groups/{application.pk}/edit/").status_code == 404
    page = staff_client.get(f"/staff/groups/{application.pk}/")
    assert f"/staff/groups/{application.pk}/edit/" not in page.text
    with pytest.raises(InvalidTransition):
        services.organization_update_profile(
            actor=staff_user,
            organization=application,
            fields=services.DetailsFields(name="ひばりの会2"),
        )
    assert Organization.objects.get().name == "ひばりの会"
    assert AuditEntry.objects.count() == 0


def test_a_suspended_group_can_be_corrected_too(staff_client, group):
    Organization.objects.filter(pk=group.pk).update(status="suspended")
    group.refresh_from_db()
    response = staff_client.post(
        f"/staff/groups/{group.pk}/edit/", _post(group, address="東京都西東京市田無町1-1")
    )
    assert response.status_code == 302
    assert Organization.objects.get().address == "東京都西東京市田無町1-1"


def test_only_staff_open_the_edit_page(client, group_user, member_user, group):
    url = f"/staff/groups/{group.pk}/edit/"
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    for user in (group_user, member_user):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, _post(group, name="乗っ取り")).status_code == 403
    assert Organization.objects.get().name == "西東京風の会"


def test_a_waiting_change_notification_is_pointed_out(staff_client, group, group_user):
    from django.utils import timezone

    from kyodo.organizations.models import ChangeRequest

    request = ChangeRequest.objects.create(
        organization=group,
        proposed={"phone": "042-555-6666"},
        previous={"phone": "042-111-2222"},
        submitted_at=timezone.now(),
    )
    page = staff_client.get(f"/staff/groups/{group.pk}/edit/")
    assert f'href="/staff/groups/changes/{request.pk}/"' in page.text
