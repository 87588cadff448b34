"""What the public pages show, and above all what they do not."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.organizations.tests.factories import make_organization
from kyodo.organizations.views.public import PAGE_SIZE

pytestmark = pytest.mark.django_db

PRIVATE = {
    "representative_name": "北村 陽子",
    "email": "kitamura@example.jp",
    "phone": "042-400-0001",
    "address": "東京都西東京市田無町9-9-9",
    "area": "ひばりが丘北",
    "description": "非公開の活動内容",
    "member_count": 987,
    "founded_year": 1999,
}


@pytest.fixture
def group(db):
    group = make_organization(
        "西東京風の会",
        "にしとうきょうかぜのかい",
        history=[("registered", date(2010, 12, 7))],
        activity_fields=["environment"],
        published_fields=[],
        **PRIVATE,
    )
    group.bylaws.save("bylaws.txt", ContentFile("秘密の規約本文".encode()), save=False)
    group.bylaws_name = "規約.txt"
    group.save()
    return group


def pages(client, group) -> str:
    return client.get("/groups/").text + client.get(f"/groups/{group.pk}/").text


def test_nothing_unpublished_appears_on_public_pages(client, group):
    text = pages(client, group)
    assert "西東京風の会" in text and "にしとうきょうかぜのかい" in text and "任意団体" in text
    for value in (*PRIVATE.values(), "規約", "bylaws", "北村"):
        assert str(value) not in text, value
    # The directory's filter lists every field of activity; the group page must not.
    assert "環境の保全を図る活動" not in client.get(f"/groups/{group.pk}/").text


def test_published_fields_appear_and_only_those(client, group):
    group.published_fields = ",area,activity_fields,phone,"
    group.save()
    text = client.get(f"/groups/{group.pk}/").text
    assert "ひばりが丘北" in text
    assert "環境の保全を図る活動" in text
    assert "042-400-0001" in text
    for value in ("kitamura@example.jp", "北村", "田無町9-9-9", "987", "1999", "非公開の活動内容"):
        assert value not in text, value


def test_applications_and_former_groups_are_not_public(client, db):
    applied = make_organization("申請中の会", "しんせいちゅうのかい")
    left = make_organization(
        "退会した会",
        "たいかいしたかい",
        history=[("registered", date(2008, 4, 1)), ("withdrawn", date(2010, 3, 31))],
    )
    listing = client.get("/groups/").text
    assert "申請中の会" not in listing and "退会した会" not in listing
    assert client.get(f"/groups/{applied.pk}/").status_code == 404
    assert client.get(f"/groups/{left.pk}/").status_code == 404


def test_bylaws_are_for_staff_only_and_always_a_download(client, group, staff_user, group_user):
    url = f"/staff/groups/{group.pk}/bylaws/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(group_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).decode() == "秘密の規約本文"
    # The file lives outside anything the site serves.
    assert group.bylaws.name.startswith("private/")
    assert client.get("/media/" + group.bylaws.name).status_code == 404


def test_directory_is_in_gojuon_order_of_the_reading(client, db):
    for name, reading in [
        ("和の会", "わのかい"),
        ("ばらの会", "ばらのかい"),
        ("アイの会", "あいのかい"),
    ]:
        make_organization(name, reading, history=[("registered", date(2010, 4, 1))])
    text = client.get("/groups/").text
    assert text.index("アイの会") < text.index("ばらの会") < text.index("和の会")


def test_the_application_page_is_accessible(client, db):
    text = client.get("/groups/apply/").text
    assert '<html lang="ja">' in text
    assert "<h1>登録団体の申請</h1>" in text
    assert '<label for="id_name">団体名' in text
    assert 'enctype="multipart/form-data"' in text


def test_the_demo_representative_sees_their_group(client, demo):
    from kyodo.core.models import User

    client.force_login(User.objects.get(username="kazenokai"))
    page = client.get("/group/organization/")
    assert page.status_code == 200
    assert "<dd>西東京風の会（にしとうきょうかぜのかい）</dd>" in page.text
    listing = client.get("/groups/").text
    assert listing.index("NPO法人稲門寺子屋西東京") < listing.index("西東京風の会")


def registered(count: int) -> list:
    return [
        make_organization(f"会{i:03d}", f"かい{i:03d}", history=[("registered", date(2010, 4, 1))])
        for i in range(count)
    ]


def page_queries(client, url: str) -> tuple[str, list[str]]:
    """The page and the queries it made itself (the layout's read of the center left out, as
    the layout may come to cache it)."""
    with CaptureQueriesContext(connection) as queries:
        text = client.get(url).text
    return text, [q["sql"] for q in queries if '"core_center"' not in q["sql"]]


def test_directory_rows_link_each_group_and_name_its_legal_form(client, db):
    group = make_organization(
        "<風&の会>", "かぜのかい", history=[("registered", date(2010, 4, 1))], legal_form="npo"
    )
    text = client.get("/groups/").text
    assert (
        f'<tr><th scope="row"><a href="{reverse("organizations:detail", args=[group.pk])}">'
        "&lt;風&amp;の会&gt;</a></th><td>かぜのかい</td><td>NPO法人</td></tr>"
    ) in text


def test_the_directory_reads_one_query_when_every_group_fits_on_a_page(client, db):
    registered(3)
    text, queries = page_queries(client, "/groups/")
    assert len(queries) == 1  # no COUNT: the page holds every group
    assert text.count('<tr><th scope="row">') == 3
    assert "<caption>3団体</caption>" in text
    assert len(page_queries(client, "/groups/?legal_form=voluntary&q=%E3%81%8B")[1]) == 1


def test_a_long_directory_counts_its_groups_and_pages(client, db):
    registered(PAGE_SIZE + 2)
    for url, rows in [("/groups/", PAGE_SIZE), ("/groups/?page=2", 2), ("/groups/?page=9", 2)]:
        text, queries = page_queries(client, url)
        assert len(queries) == 2, url  # the count and the page's rows
        assert text.count('<tr><th scope="row">') == rows
        assert f"<caption>{PAGE_SIZE + 2}団体</caption>" in text


def test_a_group_page_without_upcoming_events_reads_two_queries(client, group):
    text, queries = page_queries(client, f"/groups/{group.pk}/")
    assert len(queries) == 2  # the group, whether it has an upcoming event
    assert "<h1>西東京風の会</h1>" in text
    assert "現在、この団体が関わる予定の事業はありません。" in text


def test_a_group_page_with_upcoming_events_reads_them(client, group):
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.collaboration.models import Collaboration
    from kyodo.events.models import Event

    soon = timezone.localdate() + timedelta(days=10)
    festival = Event.objects.create(title="市民まつり", kind="festival", date=soon)
    festival.status = "published"
    festival.save()
    record = Collaboration.objects.create(
        title="市民まつり", form="co_hosting", first_fiscal_year=2026, last_fiscal_year=2026
    )
    record.organizations.set([group])
    record.events.set([festival])
    text, queries = page_queries(client, f"/groups/{group.pk}/")
    assert len(queries) == 4  # the group, whether it has events, the events, their guests
    assert f'<a href="/events/{festival.pk}/">市民まつり</a>' in text
