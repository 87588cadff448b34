"""The import screen asks whose minutes a file holds, can create a committee for another body,
warns when the title names another body, and reviews the items as they will be saved (a
newcomer's audit, finding 2)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes, MinutesEntry
from kyodo.committees.services.imports import body_name, other_body
from kyodo.core.models import AuditEntry

UPLOAD = "/staff/committees/import/"
SAVE = "/staff/committees/import/save/"

HIBARI = """令和５年度　第２回ひばりヶ丘市民活動推進委員会　会議要録
■開催日時：令和5年8月21日(月) 午後2時～4時
■開催会場：ひばりヶ丘公民館
■出席委員：青木委員長、井上委員＜以上2名＞
■事務局：木村係長

１．市民活動フェアについて
事務局：説明した。
委員：了承する。
２．その他
事務局：次回は10月。

以上をもって散会した。
"""

MISMATCH = (
    "表題は「ひばりヶ丘市民活動推進委員会」の会議録ですが、「運営委員会」の会議録として保存しよう"
    "としています。別の団体の会議録なら、上の「委員会」で「新しい委員会」を選んでください。"
)


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _upload(client, committee: str, text: str = HIBARI):
    return client.post(
        UPLOAD,
        {"committee": committee, "file": SimpleUploadedFile("hibari.txt", text.encode("utf-8"))},
    )


def _review_data(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: "" if value is None else str(value) for name, value in form.initial.items()}


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Committee, Meeting, Minutes, AgendaItem, MinutesEntry, AuditEntry)
    )


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "令和５年度　第２回ひばりヶ丘市民活動推進委員会　会議要録",
            "ひばりヶ丘市民活動推進委員会",
        ),
        ("令和5年度 第2回ひばりヶ丘市民活動推進委員会 会議要録", "ひばりヶ丘市民活動推進委員会"),
        ("平成22(2010)年度第9回運営委員会会議録", "運営委員会"),
        ("令和元年度第２回あおば区まちづくり協議会会議録（確定稿）", "あおば区まちづくり協議会"),
        ("運営委員会 議事録", "運営委員会"),
        ("令和5年度第2回会議録", ""),
        ("", ""),
    ],
)
def test_the_body_a_title_names(title, name):
    assert body_name(title) == name


def test_a_title_naming_the_committee_itself_is_no_other_body(committee):
    assert other_body(title="平成22(2010)年度第9回運営委員会会議録", committee=committee) == ""
    assert other_body(title="令和5年度第2回会議録", committee=committee) == ""
    assert (
        other_body(
            title="令和5年度 第2回ひばりヶ丘市民活動推進委員会 会議要録", committee=committee
        )
        == "ひばりヶ丘市民活動推進委員会"
    )


def test_the_upload_asks_for_the_committee(staff_client, committee):
    page = staff_client.get(UPLOAD)
    assert page.status_code == 200
    assert page.context["form"]["committee"].value() == "unei"
    assert list(page.context["form"].fields["committee"].choices) == [
        ("unei", "運営委員会"),
        ("+new", "新しい委員会（別の団体の会議録）"),
    ]


def test_an_upload_without_a_committee_is_refused(staff_client, committee):
    before = _counts()
    response = staff_client.post(
        UPLOAD, {"file": SimpleUploadedFile("hibari.txt", HIBARI.encode("utf-8"))}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "committees/staff/import_upload.html"
    assert list(response.context["form"].errors) == ["committee"]
    assert _counts() == before


def test_the_review_warns_when_the_title_names_another_body(staff_client, committee):
    review = _upload(staff_client, "unei")
    assert review.status_code == 200
    assert review.context["committee_mismatch"] == MISMATCH
    assert MISMATCH in review.text
    # The new committee's name is suggested from the title, should staff switch to it.
    assert review.context["form"].initial["new_committee_name"] == "ひばりヶ丘市民活動推進委員会"


def test_no_warning_when_the_title_names_the_chosen_committee(staff_client, committee):
    text = HIBARI.replace("ひばりヶ丘市民活動推進委員会", "運営委員会")
    review = _upload(staff_client, "unei", text)
    assert review.context["committee_mismatch"] == ""
    assert 'id="import-committee-mismatch"' not in review.text


def test_the_review_shows_the_items_as_they_will_be_saved(staff_client, committee):
    review = _upload(staff_client, "unei")
    outline = [
        (s.number, s.heading, [(p.number, p.title) for p in s.items])
        for s in review.context["outline"]
    ]
    assert outline == [
        (1, "審議事項", [(1, "市民活動フェアについて")]),
        (2, "その他", [(1, "その他")]),
    ]
    assert "（区分なし）" not in review.text
    assert "<li>1．審議事項\n" in review.text
    assert "<li>2．その他\n" in review.text

    # ... and what is saved is what was shown.
    data = _review_data(review) | {"committee": "+new"}
    assert staff_client.post(SAVE, data).status_code == 302
    meeting = Meeting.objects.get(committee__name="ひばりヶ丘市民活動推進委員会")
    saved = [
        (item.category, item.number, item.title)
        for item in meeting.items.order_by("category", "number")
    ]
    assert sorted(saved) == sorted(
        [("deliberation", 1, "市民活動フェアについて"), ("other", 1, "その他")]
    )


def test_a_new_committee_for_another_body_keeps_its_name(staff_client, committee, staff):
    review = _upload(staff_client, "+new")
    assert review.context["committee_mismatch"] == ""
    data = _review_data(review)
    assert data["committee"] == "+new"
    assert data["new_committee_name"] == "ひばりヶ丘市民活動推進委員会"
    before = _counts()

    saved = staff_client.post(SAVE, data)

    assert saved.status_code == 302
    created = Committee.objects.get(name="ひばりヶ丘市民活動推進委員会")
    assert created.center == committee.center
    assert created.slug == "committee-2"
    meeting = Meeting.objects.get(committee=created)
    assert (meeting.fiscal_year, meeting.number) == (2023, 2)
    version = meeting.minutes.current_version
    assert version.document["title"] == "令和5(2023)年度第2回ひばりヶ丘市民活動推進委員会会議録"
    assert not Meeting.objects.filter(committee=committee).exists()
    assert saved.url == f"/staff/committees/minutes/{meeting.minutes.pk}/"
    created_audit = AuditEntry.objects.get(action="kyodo.committees.committee.created")
    assert created_audit.changes == {
        "name": "ひばりヶ丘市民活動推進委員会",
        "via": "import",
    }
    assert _counts()[0] == before[0] + 1


def test_a_new_committee_needs_a_name_and_nothing_is_saved_without_it(staff_client, committee):
    data = _review_data(_upload(staff_client, "+new")) | {"new_committee_name": "  "}
    before = _counts()
    response = staff_client.post(SAVE, data)
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["new_committee_name"]] == [
        "新しい委員会の名前を入れてください。"
    ]
    assert _counts() == before


def test_a_new_committee_with_an_existing_name_is_refused(staff_client, committee):
    data = _review_data(_upload(staff_client, "+new")) | {"new_committee_name": "運営委員会"}
    before = _counts()
    response = staff_client.post(SAVE, data)
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].non_field_errors()] == [
        "「運営委員会」という委員会はすでにあります。その委員会を選んでください。"
    ]
    assert _counts() == before


def test_importing_into_the_chosen_committee_still_works(staff_client, committee):
    data = _review_data(_upload(staff_client, "unei"))
    assert staff_client.post(SAVE, data).status_code == 302
    assert Meeting.objects.get(committee=committee).number == 2
    assert Committee.objects.count() == 1
