from kyodo.core.models import AuditEntry
from kyodo.website.models import NewsPost, Page


def test_staff_edit_a_page_and_the_change_is_audited(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/staff/site/pages/access/", {"title": "アクセス", "body": "田無駅から徒歩"}
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="access")
    assert page.body == "田無駅から徒歩"
    entry = AuditEntry.objects.get(action="kyodo.website.page.updated")
    assert entry.changes == {"title": [None, "アクセス"], "body": [None, "田無駅から徒歩"]}
    assert "田無駅から徒歩" in client.get("/access/").text


def test_staff_write_news(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/staff/site/news/new/",
        {
            "title": "休館のお知らせ",
            "body": "年末年始は休館します。",
            "published_at": "2010-12-20T09:00",
            "is_published": "on",
        },
    )
    post = NewsPost.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/site/news/{post.pk}/"
    assert post.author == staff_user
    assert "休館のお知らせ" in client.get("/news/").text


def test_bad_news_input_is_refused_in_japanese_and_nothing_is_saved(client, staff_user):
    client.force_login(staff_user)
    for data in (
        {"title": "", "body": "本文", "published_at": "2010-12-20T09:00"},
        {"title": "x" * 201, "body": "本文", "published_at": "2010-12-20T09:00"},
        {"title": "制御\x07文字", "body": "本文", "published_at": "2010-12-20T09:00"},
        {"title": "日付", "body": "本文", "published_at": "きのう"},
    ):
        response = client.post("/staff/site/news/new/", data)
        assert response.status_code == 200
        assert 'class="error"' in response.text
    assert "このフィールドは必須です。" in client.post("/staff/site/news/new/", {}).text
    assert NewsPost.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_access_map_is_replaced_and_removed_each_change_audited_once(
    staff_user, django_capture_on_commit_callbacks
):
    import pytest
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kyodo.website import services
    from kyodo.website.exceptions import WebsiteError
    from kyodo.website.models import AccessInfo
    from kyodo.website.tests.test_site import PNG

    def audited() -> list[dict]:
        rows = AuditEntry.objects.filter(action="kyodo.website.access.updated")
        return [entry.changes for entry in rows.order_by("pk")]

    facts = {"address": "西東京市田無町4丁目", "map_description": "田無駅北口から北へ3分"}
    with django_capture_on_commit_callbacks(execute=True):
        first = services.access_update(
            actor=staff_user, **facts, map_upload=SimpleUploadedFile("地図.png", PNG)
        ).map_image.name
    assert first.startswith("site/access/") and first.endswith(".png")
    created = audited()[0]
    assert (created["address"], created["map_image"]) == (
        [None, "西東京市田無町4丁目"],
        [None, first],
    )
    # A new image replaces the old one, whose file goes once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        info = services.access_update(
            actor=staff_user, **facts, map_upload=SimpleUploadedFile("新.png", PNG)
        )
    second = info.map_image.name
    assert audited()[1:] == [{"map_image": [first, second]}]
    assert not info.map_image.storage.exists(first) and info.map_image.storage.exists(second)
    # Saving the same facts again changes nothing and writes no audit row.
    services.access_update(actor=staff_user, **facts)
    assert len(audited()) == 2
    # A map without a description is refused, and nothing changes.
    with pytest.raises(WebsiteError) as error:
        services.access_update(actor=staff_user, address=facts["address"])
    assert error.value.field == "map_description"
    assert AccessInfo.objects.get().map_description == "田無駅北口から北へ3分"
    # Removing the map: the description may go with it.
    with django_capture_on_commit_callbacks(execute=True):
        info = services.access_update(actor=staff_user, address=facts["address"], remove_map=True)
    assert audited()[2:] == [
        {"map_description": ["田無駅北口から北へ3分", ""], "map_image": [second, None]}
    ]
    assert not info.map_image and not info.map_image.storage.exists(second)
    assert AccessInfo.objects.count() == 1


def test_a_page_update_audits_what_changed_and_nothing_when_nothing_did(staff_user):
    from kyodo.website import services

    services.page_update(actor=staff_user, slug="access", title="アクセス", body="田無駅から")
    services.page_update(actor=staff_user, slug="access", title="アクセス", body="田無駅北口から")
    services.page_update(actor=staff_user, slug="access", title="アクセス", body="田無駅北口から")
    rows = AuditEntry.objects.filter(action="kyodo.website.page.updated").order_by("pk")
    assert [entry.changes for entry in rows] == [
        {"title": [None, "アクセス"], "body": [None, "田無駅から"]},
        {"body": ["田無駅から", "田無駅北口から"]},
    ]
    assert Page.objects.get(slug="access").body == "田無駅北口から"
