"""A newcomer's findings on registered groups: the directory search by words in any order,
readings with 「・」, what the mailed confirmation link shows, and names stored half-width."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.core.models import AuditEntry, PendingSubmission
from kyodo.core.tests.confirm import confirm_by_mail, confirmation_path
from kyodo.core.text import gojuon_order
from kyodo.organizations import services
from kyodo.organizations.exceptions import ApplicationAlreadyReceived
from kyodo.organizations.forms import ApplicationForm, ImportRowForm
from kyodo.organizations.models import Organization
from kyodo.organizations.selectors import directory, staff_organizations
from kyodo.organizations.tests.factories import (
    application_data,
    application_post,
    make_organization,
)

pytestmark = pytest.mark.django_db

REGISTERED = [("registered", date(2010, 12, 7))]
PDF = b"%PDF-1.4\n%%EOF"


# --- 1. the directory search: every word, in any order -----------------------------------------


@pytest.fixture
def groups(db):
    make_organization("西東京風の会", "にしとうきょうかぜのかい", history=REGISTERED)
    make_organization("風の子クラブ", "かぜのこくらぶ", history=REGISTERED)
    make_organization("ネットワーク・ひばりが丘", "ねっとわーく・ひばりがおか", history=REGISTERED)
    make_organization(
        "西東京風の会（申請中）", "にしとうきょうかぜのかいしんせい"
    )  # not listed; stored 「（申請中）」


def directory_names(client, q: str) -> list[str]:
    page = client.get("/groups/", {"q": q})
    assert page.status_code == 200
    return [name for _pk, name, _reading, _form in page.context["page"].object_list]


@pytest.mark.parametrize(
    "q",
    [
        "西東京 風の会",
        "風の会 西東京",
        "風の会　西東京",
        "　風の会　　西東京 ",
        "かぜのかい 西東京",  # a word of the reading and one of the name
        "カゼノカイ　ﾆｼﾄｳｷｮｳ",
        "西東京風の会",
    ],
)
def test_every_word_is_required_in_any_order(client, groups, q):
    assert directory_names(client, q) == ["西東京風の会"]


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("風", ["風の子クラブ", "西東京風の会"]),  # gojūon order: かぜのこ… before にし…
        ("風 クラブ", ["風の子クラブ"]),
        ("風 ひばり", []),
        ("ひばりがおか ねっとわーく", ["ネットワーク・ひばりが丘"]),
        ("ヒバリガオカ　ネットワーク", ["ネットワーク・ひばりが丘"]),
    ],
)
def test_words_narrow_the_directory(client, groups, q, names):
    assert directory_names(client, q) == names


def test_the_staff_list_and_the_api_search_the_same_way(client, groups, staff_user):
    assert [o.name for o in staff_organizations(q="風の会　西東京")] == [
        "西東京風の会",
        "西東京風の会（申請中）",
    ]
    assert [o.name for o in directory(q="風の会　西東京")] == ["西東京風の会"]
    client.force_login(staff_user)
    page = client.get("/staff/groups/", {"q": "風の会 西東京"})
    assert [o.name for o in page.context["page"].object_list] == [
        "西東京風の会",
        "西東京風の会（申請中）",
    ]
    response = client.get("/api/v1/groups", {"q": "風の会　西東京"})
    assert response.status_code == 200
    assert [group["name"] for group in response.json()["items"]] == ["西東京風の会"]


# --- 2. readings with 「・」, and the chosen file after an error ---------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ニシトウキョウネットワーク・ヒバリガオカ", "にしとうきょうねっとわーく・ひばりがおか"),
        ("ﾆｼﾄｳｷｮｳﾈｯﾄﾜｰｸ･ﾋﾊﾞﾘｶﾞｵｶ", "にしとうきょうねっとわーく・ひばりがおか"),
        ("にしとうきょう　ねっとわーく・ひばりがおか", "にしとうきょう ねっとわーく・ひばりがおか"),
    ],
)
def test_a_reading_with_a_middle_dot_is_accepted(typed, stored):
    form = ApplicationForm(
        data=application_post(name_reading=typed, representative_reading="ジョン・スミス")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name_reading"] == stored
    assert form.cleaned_data["representative_reading"] == "じょん・すみす"


def test_an_application_with_a_middle_dot_and_its_bylaws_arrives_whole(client):
    response = client.post(
        "/groups/apply/",
        application_post(
            name="西東京ネットワーク・ひばりが丘",
            name_reading="ニシトウキョウネットワーク・ヒバリガオカ",
            bylaws=SimpleUploadedFile("規約.pdf", PDF),
        ),
    )
    assert response.status_code == 302
    confirm_by_mail(client)
    organization = Organization.objects.get()
    assert (organization.name_reading, organization.bylaws_name) == (
        "にしとうきょうねっとわーく・ひばりがおか",
        "規約.pdf",
    )
    # 「・」 is passed over in gojūon order, as a space is.
    assert organization.reading_order == gojuon_order("にしとうきょうねっとわーくひばりがおか")


def test_a_refused_reading_asks_for_the_chosen_file_again(client):
    response = client.post(
        "/groups/apply/",
        application_post(name_reading="Hibari", bylaws=SimpleUploadedFile("規約.pdf", PDF)),
    )
    assert response.status_code == 200
    page = response.text
    assert (
        '<p class="error" id="id_name_reading_error">'
        "ふりがなは、ひらがなまたはカタカナで入力してください。</p>"
    ) in page
    assert (
        '<p class="error" id="id_bylaws_error">フォームに誤りがあったため、選んだファイル'
        "「規約.pdf」は受け取っていません。ファイルはもう一度選んでください。</p>"
    ) in page
    assert PendingSubmission.objects.count() == 0
    assert Organization.objects.count() == 0


# --- 3. the mailed link's page shows what is being sent -----------------------------------------


def test_the_confirmation_page_shows_the_application_read_only(client):
    response = client.post(
        "/groups/apply/",
        application_post(
            name="ＮＰＯ法人　ひばり＆かぜ",
            name_reading="エヌピーオーほうじん ひばりあんどかぜ",
            legal_form="npo",
            description="散策会と写真展。\n毎月第2土曜日。",
            website="https://hibari.example.jp/",
            published_fields=[],
            bylaws=SimpleUploadedFile("規約 2025.pdf", PDF),
        ),
    )
    assert response.status_code == 302
    page = client.get(confirmation_path("hikari@example.jp"))
    assert page.status_code == 200
    rows = [
        ("団体名", "NPO法人 ひばり＆かぜ"),
        ("団体名のふりがな", "えぬぴーおーほうじん ひばりあんどかぜ"),
        ("法人格", "NPO法人"),
        ("代表者", "山田 花子"),
        ("代表者のふりがな", "やまだ はなこ"),
        ("メールアドレス", "hikari@example.jp"),
        ("電話番号", "042-111-2222"),
        ("所在地", "東京都西東京市南町5-6-13"),
        ("活動分野", "まちづくりの推進を図る活動<br>子どもの健全育成を図る活動"),
        ("活動地域", "西東京市南町"),
        ("活動内容", "散策会と写真展。<br>毎月第2土曜日。"),
        ("ウェブサイト", "https://hibari.example.jp/"),
        ("会員数", "12"),
        ("設立年", "2008"),
        ("団体一覧で公開してよい項目", "（なし）"),
        ("規約", "規約 2025.pdf"),
        ("個人情報の取り扱いについて同意する", "同意する"),
    ]
    expected = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    assert f'<h2>入力した内容</h2>\n<dl class="fields confirm">{expected}</dl>' in page.text
    # Read only: the page's one form holds the button and no field of the application.
    main = page.text[page.text.index("<h1>") : page.text.index("</main>")]
    assert main.count("<form") == 1
    assert "<textarea" not in main and "<select" not in main
    assert main.count("<input") == 2  # the CSRF token and the empty trap for robots
    assert Organization.objects.count() == 0  # a GET sends nothing
    confirm_by_mail(client)
    assert Organization.objects.get().name == "NPO法人 ひばり＆かぜ"


def test_a_payload_the_summary_no_longer_understands_shows_the_button_alone(client):
    client.post("/groups/apply/", application_post())
    PendingSubmission.objects.update(payload={"old": "shape"})
    page = client.get(confirmation_path("hikari@example.jp"))
    assert page.status_code == 200
    assert "入力した内容" not in page.text
    assert "確定して送信する" in page.text


# --- 4. names stored half-width where they were typed full-width ---------------------------------


def test_an_application_stores_the_name_half_width_and_keeps_full_width_kana(client):
    client.post(
        "/groups/apply/",
        application_post(
            name="ＮＰＯ法人みらい　ｶﾌｪ・ミライ２１", representative_name="ＪＯＨＮ　スミス"
        ),
    )
    confirm_by_mail(client)
    organization = Organization.objects.get()
    assert organization.name == "NPO法人みらい カフェ・ミライ21"
    assert organization.representative_name == "JOHN スミス"
    # match_key passes over 「・」 as gojūon order does (committees/tests/test_match_key.py)
    assert organization.name_key == "npo法人みらいかふぇみらい21"
    entry = AuditEntry.objects.get(action="kyodo.organizations.application.submitted")
    assert entry.changes == {"name": [None, "NPO法人みらい カフェ・ミライ21"]}


def test_the_duplicate_check_meets_either_form_of_the_name():
    services.application_submit(
        fields=services.ApplicationFields(**application_data(name="NPO法人みらい"))
    )
    with pytest.raises(ApplicationAlreadyReceived):
        services.application_submit(
            fields=services.ApplicationFields(**application_data(name="ＮＰＯ法人　みらい"))
        )
    assert list(Organization.objects.values_list("name", flat=True)) == ["NPO法人みらい"]


def test_the_model_and_the_import_rows_store_names_the_same_way():
    organization = make_organization("ＮＰＯ法人みらい", "みらい", representative_name="ﾐﾗｲ 花子")
    organization.refresh_from_db()
    assert (organization.name, organization.representative_name) == ("NPO法人みらい", "ミライ 花子")
    form = ImportRowForm(data=application_post(name="（一社）ＡＢＣ　ｸﾗﾌﾞ"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "（一社）ABC クラブ"


def test_the_migration_stores_older_names_and_reading_orders_the_new_way():
    kept = make_organization("西東京風の会", "にしとうきょうかぜのかい")
    older = make_organization("みらい", "ねっとわーく・みらい", representative_name="山田 花子")
    # As rows were written before: the name as typed, the reading order counting 「・」.
    Organization.objects.filter(pk=older.pk).update(
        name="ＮＰＯ法人　みらい", representative_name="ＡＢＣ　花子", reading_order="x"
    )
    before = Organization.objects.filter(pk=kept.pk).values().get()
    migration = importlib.import_module(
        "kyodo.organizations.migrations.0009_organization_names_normalized"
    )
    migration.normalize_names_and_reading_order(apps, None)
    older.refresh_from_db()
    assert (older.name, older.representative_name, older.reading_order) == (
        "NPO法人 みらい",
        "ABC 花子",
        gojuon_order("ねっとわーくみらい"),
    )
    assert Organization.objects.filter(pk=kept.pk).values().get() == before
