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
