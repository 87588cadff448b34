from kyodo.organizations.models import Organization, PublishableField
from kyodo.organizations.selectors import directory

PRIVATE = {
    "representative_name": "非公開代表者名",
    "email": "secret-rep@example.jp",
    "phone": "042-000-9999",
    "address": "西東京市非公開町1-2-3",
    "website": "https://secret.example.jp/",
    "description": "非公開の活動内容",
}


def _all_groups(client, **params) -> list[dict]:
    items, page = [], 1
    while True:
        body = client.get("/api/v1/groups", {**params, "page": page}).json()
        items += body["items"]
        if len(items) >= body["count"]:
            return items
        page += 1


def test_groups_are_the_public_directory_in_its_order(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/groups")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 49
    assert [g["id"] for g in body["items"]] == list(directory().values_list("pk", flat=True))
    first = body["items"][0]
    eco = Organization.objects.get(name="環境まちづくりNPOエコメッセ西東京")
    assert first == {
        "id": eco.pk,
        "name": "環境まちづくりNPOエコメッセ西東京",
        "name_reading": "かんきょうまちづくりえぬぴーおーえこめっせにしとうきょう",
        "legal_form": "npo",
        "legal_form_label": "NPO法人",
        "description": None,
        "activity_fields": ["environment", "community"],
        "activity_field_labels": ["環境の保全を図る活動", "まちづくりの推進を図る活動"],
        "area": "西東京市内",
        "member_count": None,
        "founded_year": None,
        "website": None,
        "representative_name": None,
        "email": None,
        "phone": None,
        "address": None,
        "url": f"http://127.0.0.1:8000/groups/{eco.pk}/",
    }
    # Suspended and withdrawn groups are not public.
    hidden = Organization.objects.exclude(status=Organization.Status.REGISTERED).order_by("pk")
    assert [o.name for o in hidden] == [
        "田無駅前清掃ボランティア",
        "保谷俳句の会",
        "西東京フリーマーケットの会",
        "ひばりが丘防犯パトロール隊",
    ]
    for organization in hidden:
        assert client.get(f"/api/v1/groups/{organization.pk}").status_code == 404
        assert organization.name not in response.content.decode()
    assert client.get("/api/v1/groups/999999").status_code == 404


def test_unpublished_fields_never_appear(client, demo):
    Organization.objects.filter(status=Organization.Status.REGISTERED).update(**PRIVATE)
    shown = Organization.objects.get(name="西東京風の会")
    shown.published_fields = ",email,website,"
    shown.save()

    responses = [client.get("/api/v1/groups", {"page": 1})]
    responses += [
        client.get(f"/api/v1/groups/{pk}") for pk in directory().values_list("pk", flat=True)
    ]
    for response in responses:
        assert response.status_code == 200
    texts = [r.content.decode() for r in responses]
    detail_of_1 = client.get(f"/api/v1/groups/{shown.pk}").json()
    assert detail_of_1["email"] == "secret-rep@example.jp"
    assert detail_of_1["website"] == "https://secret.example.jp/"
    assert detail_of_1["representative_name"] is None
    assert detail_of_1["phone"] is None
    assert detail_of_1["description"] is None
    assert detail_of_1["activity_fields"] is None
    for text in texts:
        for field in ("representative_name", "phone", "address"):
            assert PRIVATE[field] not in text
    # Group 1's published e-mail and website are the only place they show up.
    assert sum("secret-rep@example.jp" in t for t in texts) == 2  # the list and group 1
    # Every field is present exactly when the group publishes it (and it is not empty).
    for group in _all_groups(client):
        organization = Organization.objects.get(pk=group["id"])
        published = {code for code, _label, _value in organization.public_fields}
        for code in PublishableField.values:
            assert (group[code] is not None) == (code in published), (group["id"], code)
        description_published = organization.is_published("description")
        assert (PRIVATE["description"] in str(group)) == description_published


def test_group_filters(client, demo):
    def names(**params):
        return [g["name"] for g in _all_groups(client, **params)]

    assert names(q="ひばり") == ["ひばりが丘朗読の会"]
    assert names(q="たいこ") == ["田無太鼓保存会"]  # the reading
    assert names(q="ＮＰＯ推進") == ["NPO法人西東京NPO推進センターセプロス"]  # full-width folded
    assert names(activity_field="disaster") == ["南町防災ネットワーク"]
    assert names(legal_form="general_foundation") == ["一般財団法人西東京文化振興財団"]
    assert names(legal_form="npo", activity_field="children") == [
        "NPO法人子育てネットワークぽけっと",
        "NPO法人子どもアミーゴ西東京",
        "NPO法人稲門寺子屋西東京",
    ]
    assert len(names(q="西東京")) == directory(q="西東京").count() == 27
    # The fields of activity of a group that does not publish them are not searchable.
    Organization.objects.filter(name="南町防災ネットワーク").update(
        published_fields=",description,"
    )
    assert names(activity_field="disaster") == []


def test_bad_group_query_values_are_422(client, db):
    for params in ({"activity_field": "nonsense"}, {"legal_form": "company"}, {"page": "x"}):
        assert client.get("/api/v1/groups", params).status_code == 422
    assert client.get("/api/v1/groups/abc").status_code == 422
