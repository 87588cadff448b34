"""Another body's minutes through the import screen: an NPO's 理事会 and a 部会. The committee
offered is named after the organisation and the body (no year, no number), its short name is
asked for, the posts the header prints (理事長, 監事 …) are kept, the room's assent stays a note,
and minutes marked 確定稿 are said to go public before saving, or are imported unpublished."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo.committees.exceptions import ImportRefused
from kyodo.committees.models import AgendaItem, Committee, Meeting, Minutes, MinutesEntry
from kyodo.committees.services.imports import imported_minutes_publish
from kyodo.core.models import AuditEntry

UPLOAD = "/staff/committees/import/"
SAVE = "/staff/committees/import/save/"

BOARD = """特定非営利活動法人ひばり子ども食堂ネット
2026年度 第2回理事会 議事録（確定稿）

日時：2026年10月14日（水）19:00～20:30
場所：ひばりヶ丘市民活動センター 会議室B
出席理事：山田花子（理事長）、鈴木一郎（副理事長）、佐藤次郎、田中美和
欠席理事：高橋健
監事：伊藤正（出席）
事務局：
議長：理事長 山田花子

議事
第1号議案 2026年度上半期事業報告の件
  議長より説明があり、審議の結果、全員異議なく承認可決した。
第2号議案 冬休み特別食堂の実施の件
  議長より、12月26日から28日までの3日間実施したい旨の提案があった。
○（異議なし）
以上、議事の経過及び結果を明確にするため、議長及び議事録署名人が記名押印する。
議事録署名人 鈴木一郎 佐藤次郎
"""

WORKING_GROUP = """令和８年度　第１回　子育て支援部会　会議録

日時　令和８年６月３日（水）１０時～１１時３０分
会場　福祉会館２階　研修室
出席者　部会長　木村明美、副部会長　松田悟、部会員　野口、原、吉川
欠席者　部会員　宮本
事務局　地域福祉課　佐々木

（１）今年度の活動計画について
部会長：資料１に基づき説明をお願いします。
事務局：資料１のとおり、年４回のサロンを予定しています。
（２）子育てサロンの運営について
松田副部会長：ボランティアの確保が課題です。
〇（異議なし）
以上
"""


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _review(client, text: str):
    data = text.encode("utf-8")
    return client.post(UPLOAD, {"committee": "+new", "file": SimpleUploadedFile("b.txt", data)})


def _review_data(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: "" if value is None else str(value) for name, value in form.initial.items()}


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Committee, Meeting, Minutes, AgendaItem, MinutesEntry, AuditEntry)
    )


def test_the_review_offers_the_body_its_short_name_the_posts_and_says_it_goes_public(
    staff_client, committee
):
    review = _review(staff_client, BOARD)
    assert review.status_code == 200
    data = _review_data(review)
    assert data["new_committee_name"] == "特定非営利活動法人ひばり子ども食堂ネット 理事会"
    assert data["new_committee_slug"] == "committee-2"
    assert data["unpublished"] == "False"
    assert data["attendees"] == "山田花子（理事長）、鈴木一郎（副理事長）、佐藤次郎、田中美和"
    assert data["absentees"] == "高橋健"
    assert data["also_attending"] == "伊藤正"
    assert data["secretariat"] == ""
    html = review.content.decode()
    assert (
        '<p id="import-publication" class="notice">このファイルは「確定稿」と記されています。'
        "このまま保存すると、確定稿として取り込まれ、すぐに公開サイトに公開されます。"
        "公開しない場合は、下の「公開せずに取り込む（未定稿として保存し、公開サイトには載せない）」"
        "にチェックを入れてください。</p>"
    ) in html
    assert 'name="new_committee_slug"' in html and 'name="unpublished"' in html


def test_saved_unpublished_with_the_short_name_chosen_and_the_posts_kept(
    staff_client, committee, staff
):
    data = _review_data(_review(staff_client, BOARD))
    data["new_committee_slug"] = "Hibari-Rijikai"  # typed as people type it: folded
    data["unpublished"] = "on"
    saved = staff_client.post(SAVE, data)
    assert saved.status_code == 302
    body = Committee.objects.get(slug="hibari-rijikai")
    assert body.name == "特定非営利活動法人ひばり子ども食堂ネット 理事会"
    minutes = Minutes.objects.get(meeting__committee=body)
    assert (minutes.status, minutes.is_published) == (Minutes.Status.DRAFT, False)
    assert next(str(m) for m in saved.wsgi_request._messages) == (
        "会議録を未定稿として取り込みました（公開サイトには載せていません）。"
    )
    header = minutes.recorded_header
    assert header["organization"] == "特定非営利活動法人ひばり子ども食堂ネット"
    assert header["attendees"] == ["山田花子", "鈴木一郎", "佐藤次郎", "田中美和"]
    assert header["roles"] == {"山田花子": "理事長", "鈴木一郎": "副理事長"}
    assert header["also_attending"] == ["伊藤正"]
    assert header["secretariat"] == []
    assert header["closing"] == (
        "以上、議事の経過及び結果を明確にするため、議長及び議事録署名人が記名押印する。"
        " 議事録署名人 鈴木一郎 佐藤次郎"
    )
    rows = list(
        MinutesEntry.objects.filter(item__meeting=minutes.meeting)
        .order_by("item__number", "position")
        .values_list("item__title", "kind", "speaker", "text")
    )
    assert rows == [
        ("2026年度上半期事業報告の件", "note", "", "議長より説明があり、審議の結果、全員異議なく承認可決した。"),
        ("冬休み特別食堂の実施の件", "note", "", "議長より、12月26日から28日までの3日間実施したい旨の提案があった。"),
        ("冬休み特別食堂の実施の件", "note", "", "（異議なし）"),
    ]  # fmt: skip
    assert staff_client.get(f"/committee/minutes/{minutes.pk}/").status_code == 404
    assert staff_client.get(saved["Location"]).status_code == 200  # staff see the draft
    audit = AuditEntry.objects.get(action="kyodo.committees.minutes.imported")
    assert (audit.changes["published"], audit.changes["sha256"]) == (False, "")

    # Published later by staff: confirmed as the import would have, with its source.
    published = imported_minutes_publish(actor=staff, minutes=minutes)
    assert (published.status, published.is_published) == (Minutes.Status.CONFIRMED, True)
    assert published.current_version.document["approval"]["source"] == "b.txt"
    assert staff_client.get(f"/committee/minutes/{minutes.pk}/").status_code == 200
    with pytest.raises(ImportRefused):
        imported_minutes_publish(actor=staff, minutes=published)


def test_a_short_name_taken_or_malformed_is_refused_and_nothing_is_saved(staff_client, committee):
    data = _review_data(_review(staff_client, BOARD))
    before = _counts()
    for slug, error in [
        ("unei", "「unei」はすでに運営委員会の短い名前です。別の名前にしてください。"),
        ("ひばり", "半角の英小文字・数字・ハイフンだけで入力してください（空白は使えません。ハイフンは先頭と末尾に置けません）。例：suishin"),
    ]:  # fmt: skip
        response = staff_client.post(SAVE, {**data, "new_committee_slug": slug})
        assert response.status_code == 200
        assert [str(e) for e in response.context["form"].errors["new_committee_slug"]] == [error]
    assert _counts() == before


def test_saved_as_it_is_it_is_published_under_the_short_name_offered(staff_client, committee):
    data = _review_data(_review(staff_client, BOARD))
    assert staff_client.post(SAVE, data).status_code == 302
    minutes = Minutes.objects.get(meeting__committee__slug="committee-2")
    assert (minutes.status, minutes.is_published) == (Minutes.Status.CONFIRMED, True)


def test_a_working_group_without_an_organisation_line_never_prints_the_center(
    staff_client, committee
):
    review = _review(staff_client, WORKING_GROUP)
    data = _review_data(review)
    assert data["new_committee_name"] == "子育て支援部会"
    assert data["attendees"] == "木村明美（部会長）、松田悟（副部会長）、野口（部会員）、原、吉川"
    assert data["absentees"] == "宮本（部会員）"
    # Not marked 確定稿: still said to go public when saved as it is.
    assert "このファイルは「確定稿」と記されています。" not in review.content.decode()
    assert "すぐに公開サイトに公開されます。" in review.content.decode()
    assert staff_client.post(SAVE, data).status_code == 302
    minutes = Minutes.objects.get(meeting__committee__name="子育て支援部会")
    assert minutes.recorded_header["organization"] == ""  # not 西東京市市民協働推進センター
    assert minutes.recorded_header["roles"] == {
        "木村明美": "部会長", "松田悟": "副部会長", "野口": "部会員", "宮本": "部会員"
    }  # fmt: skip
    notes = list(
        MinutesEntry.objects.filter(item__meeting=minutes.meeting, kind="note").values_list(
            "speaker", "text"
        )
    )
    assert notes == [("", "（異議なし）")]


FESTIVAL = """ひばりヶ丘フェスタ実行委員会
2025年度 第3回実行委員会 議事録

日時：2025年9月10日（水）18:30～20:00
場所：ひばりヶ丘市民活動センター 会議室A
出席者：小林（実行委員長）、中川（副委員長）、石井、上田、岡本
事務局：センター 西口

1．出店者の募集状況について
実行委員長：現在の出店申込は18団体です。
石井：昨年より少ないのではないか。
○（異議なし）
以上
"""

LISTED = BOARD.replace(
    "議事\n第1号議案",
    "議事\n　第1号議案 2026年度上半期事業報告の件\n　第2号議案 冬休み特別食堂の実施の件\n"
    "議事の経過の概要及び議決の結果\n第1号議案",
)


def test_a_turn_by_a_name_alone_is_still_a_turn_when_saved(staff_client, committee):
    # The review text is parsed again on save: the header's names go with it, so that
    # 「石井：……」 stays 石井's turn instead of running into the one before.
    data = _review_data(_review(staff_client, FESTIVAL))
    assert data["new_committee_name"] == "ひばりヶ丘フェスタ実行委員会"
    assert staff_client.post(SAVE, data).status_code == 302
    minutes = Minutes.objects.get(meeting__committee__name="ひばりヶ丘フェスタ実行委員会")
    rows = list(
        MinutesEntry.objects.filter(item__meeting=minutes.meeting)
        .order_by("item__number", "position")
        .values_list("kind", "speaker", "text")
    )
    assert rows[:2] == [
        ("statement", "実行委員長", "現在の出店申込は18団体です。"),
        ("statement", "石井", "昨年より少ないのではないか。"),
    ]


def test_bills_listed_under_giji_are_not_kept_twice(staff_client, committee):
    review = _review(staff_client, LISTED)
    data = _review_data(review)
    assert data["agenda"] == ""  # the same bills as the items: not a second list
    assert "冒頭に列挙された議題：" not in review.content.decode()
    assert staff_client.post(SAVE, data).status_code == 302
    meeting = Meeting.objects.get(committee__slug="committee-2")
    assert list(meeting.items.order_by("number").values_list("title", flat=True)) == [
        "2026年度上半期事業報告の件",
        "冬休み特別食堂の実施の件",
    ]
    assert "agenda" not in meeting.minutes.recorded_header
