from datetime import date

import pytest

from kyodo.consultations.models import Consultation
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.models import AuditEntry
from kyodo.core.versions import edit_version


def _form(**overrides):
    data = {
        "received_on": "平成22年12月7日",
        "channel": "visit",
        "client_type": "individual",
        "categories": ["legal_form", "publicity"],
        "summary": "法人格について相談",
        "advice": "NPO法人と一般社団法人の概要を説明",
        "report_example": "法人格について相談があった。",
        "use_in_report": "on",
    }
    data.update(overrides)
    return data


def test_staff_record_a_consultation_with_a_japanese_date(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/staff/consultations/new/", _form(staff=staff_user.pk))

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/consultations/{consultation.pk}/"
    assert consultation.received_on == date(2010, 12, 7)
    assert consultation.category_values == ["legal_form", "publicity"]
    assert consultation.use_in_report is True
    page = client.get(response["Location"]).text
    assert "平成22年12月7日(火)" in page
    assert "法人格、広報" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": "平成32年1月1日"}, "平成"),
        ({"received_on": ""}, "このフィールドは必須です。"),
        ({"categories": []}, "分類を1つ以上選んでください。"),
        ({"summary": ""}, "このフィールドは必須です。"),
        ({"report_example": ""}, "報告用の事例を書いてから"),
        ({"client_name": "山田花子", "report_example": "山田花子さんから相談"}, "氏名や連絡先"),
        ({"follow_up_on": "H22.12.20"}, "フォローアップの日付"),
        ({"channel": "fax"}, "正しく選択してください。"),
    ],
)
def test_bad_input_gets_a_japanese_message_and_saves_nothing(
    client, staff_user, overrides, message
):
    client.force_login(staff_user)
    response = client.post("/staff/consultations/new/", _form(staff=staff_user.pk, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert Consultation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_staff_edit_a_consultation(client, staff_user):
    consultation = make_consultation(staff_user)
    client.force_login(staff_user)
    form = client.get(f"/staff/consultations/{consultation.pk}/edit/").text
    assert 'value="平成22年12月7日"' in form

    response = client.post(
        f"/staff/consultations/{consultation.pk}/edit/",
        _form(staff=staff_user.pk, summary="会計について相談", categories=["accounting"])
        | {"edit_version": edit_version(consultation)},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.summary == "会計について相談"
    assert consultation.category_values == ["accounting"]


def test_a_refused_edit_saves_nothing(client, staff_user):
    consultation = make_consultation(staff_user)
    client.force_login(staff_user)
    response = client.post(
        f"/staff/consultations/{consultation.pk}/edit/",
        _form(staff=staff_user.pk, summary="会計について相談", categories=[]),
    )
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert consultation.summary == "法人格について相談"
    assert AuditEntry.objects.count() == 1


def test_list_filters_by_month_category_and_channel(
    client, staff_user, django_assert_max_num_queries
):
    make_consultation(staff_user, received_on=date(2010, 11, 9), summary="十一月の助成金",
                      categories=["grants"])  # fmt: skip
    make_consultation(staff_user, received_on=date(2010, 12, 7), summary="十二月の法人格")
    make_consultation(staff_user, received_on=date(2010, 12, 14), summary="十二月の会計電話",
                      categories=["accounting"], channel="phone")  # fmt: skip
    client.force_login(staff_user)

    def summaries(**params):
        text = client.get("/staff/consultations/", params).text
        return [s for s in ("十一月の助成金", "十二月の法人格", "十二月の会計電話") if s in text]

    assert summaries() == ["十一月の助成金", "十二月の法人格", "十二月の会計電話"]
    assert summaries(month="平成22年12月") == ["十二月の法人格", "十二月の会計電話"]
    assert summaries(month="２０１０－１２".replace("－", "-")) == [
        "十二月の法人格",
        "十二月の会計電話",
    ]
    assert summaries(month="2010-12", category="accounting") == ["十二月の会計電話"]
    assert summaries(channel="phone") == ["十二月の会計電話"]

    response = client.get("/staff/consultations/", {"month": "平成31年5月"})
    assert "平成" in response.text and 'class="error"' in response.text

    # A fixed number of queries, however many rows (session, user, roles, count, rows, categories).
    for i in range(5):
        make_consultation(staff_user, summary=f"追加{i}", categories=["other", "grants"])
    with django_assert_max_num_queries(8):
        client.get("/staff/consultations/")


def test_the_staff_navigation_lists_consultations(client, staff_user):
    client.force_login(staff_user)
    assert 'href="/staff/consultations/"' in client.get("/staff/").text


@pytest.mark.parametrize("who", ["member_user", "group_user"])
def test_other_roles_never_see_a_consultation(client, request, staff_user, who):
    consultation = make_consultation(staff_user, summary="秘密の相談内容")
    client.force_login(request.getfixturevalue(who))
    for url in (
        "/staff/consultations/",
        f"/staff/consultations/{consultation.pk}/",
        f"/staff/consultations/{consultation.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "秘密の相談内容" not in response.text
    response = client.post(f"/staff/consultations/{consultation.pk}/edit/", _form())
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.summary == "秘密の相談内容"
