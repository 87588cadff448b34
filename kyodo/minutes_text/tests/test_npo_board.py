"""Minutes of other bodies in the usual styles of such minutes: an NPO's 理事会 (with the bills
listed under 議事 and again over their record), a general meeting (通常総会), a festival's
実行委員会 and a council's 部会. The header is header (法人名, 日時, 出席理事, 監事, an empty
事務局, 議長, 議事録署名人), each bill is one item, the posts printed beside the names are read
(``Minutes.roles``), the room's assent 「○（異議なし）」 is a note, and the review text reads back
with its closing."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import parse_minutes, render_body

BOARD = """特定非営利活動法人ひばり子ども食堂ネット
2026年度 第2回理事会 議事録

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

# Full-width throughout, no blank lines, the bills listed under 議事 and again over their record,
# the seals under the closing.
BOARD_LISTED = """特定非営利活動法人ひばり子ども食堂ネット
２０２６年度　第２回理事会　議事録
日時：２０２６年１０月１４日（水）１９：００～２０：３０
場所：ひばりヶ丘市民活動センター　会議室Ｂ
理事総数：５名
出席理事：山田花子（理事長）、鈴木一郎（副理事長）、佐藤次郎、田中美和
欠席理事：高橋健
監事：伊藤正（出席）
事務局：
議長：理事長　山田花子
議事録署名人：鈴木一郎、佐藤次郎
議事
　第１号議案　２０２６年度上半期事業報告の件
　第２号議案　冬休み特別食堂の実施の件
議事の経過の概要及び議決の結果
第１号議案　２０２６年度上半期事業報告の件
　議長より説明があり、審議の結果、全員異議なく承認可決した。
第２号議案　冬休み特別食堂の実施の件
　議長より、１２月２６日から２８日までの３日間実施したい旨の提案があった。
○（異議なし）
　全員異議なく承認可決した。
以上、議事の経過及び結果を明確にするため、議長及び議事録署名人が記名押印する。
２０２６年１０月１４日
議長　山田花子　　印
議事録署名人　鈴木一郎　　印
議事録署名人　佐藤次郎　　印
"""

BOARD_TURNS = """NPO法人ひばりの森
第5回理事会議事録（確定稿）
開催日時：2025年（令和7年）12月3日（水）19時00分～20時45分
開催場所：ひばりの森事務所
理事総数：5名
出席理事：4名（青木理事長、井上副理事長、上野理事、江藤理事）
欠席理事：小田理事
出席監事：加藤監事
事務局：
議長：青木理事長
議事録署名人：井上副理事長、上野理事

審議事項
第1号議案　2026年度事業計画（案）について
青木理事長：事務局から説明をお願いします。
事務局：資料のとおりです。
井上副理事長：予算の見直しが必要ではないか。
○（異議なし）
　全員一致で承認した。
第2号議案　会費の改定について
　継続審議とした。
報告事項
1．会計報告
　上野理事より報告があった。
以上
"""

GENERAL_MEETING = """一般社団法人ひばりヶ丘まちづくり協会
令和７年度　通常総会　議事録（確定稿）

１　日　時　　令和７年５月２４日（土）午後２時～午後３時３０分
２　場　所　　ひばりヶ丘公民館　大ホール
３　正会員総数　　６０名
４　出席正会員数　４２名（うち委任状出席１５名）
５　出席理事　　山本一郎（代表理事）、川口恵子、森田修
６　出席監事　　大野弘
７　議　長　　山本一郎
８　議事録署名人　　川口恵子、森田修

９　議事の経過の概要及びその結果
　定刻、司会者より定足数を満たしている旨の報告があり、開会した。
第１号議案　令和６年度事業報告承認の件
　議長が事業報告書に基づき説明し、賛否を諮ったところ、満場一致で承認可決した。
第２号議案　令和６年度決算報告承認の件
　森田理事が決算書により説明した。大野監事より監査報告があった。
○（拍手）
　議長が賛否を諮ったところ、賛成多数で承認可決した。
第３号議案　役員選任の件
質問：任期はいつまでか。
山本代表理事：２年後の総会終結時までです。
○（異議なし）

以上をもって議事を終了し、議長は午後３時３０分閉会を宣した。
上記の議事の経過及びその結果を証するため、議長及び議事録署名人は次に記名押印する。
"""

FESTIVAL = """ひばりヶ丘フェスタ実行委員会
2025年度 第3回実行委員会 議事録

日時：2025年9月10日（水）18:30～20:00
場所：ひばりヶ丘市民活動センター 会議室A
出席者：小林（実行委員長）、中川（副委員長）、石井、上田、岡本
欠席者：なし
事務局：センター 西口
記録：上田

1．前回議事録の確認
　承認された。
2．出店者の募集状況について
実行委員長：現在の出店申込は18団体です。
石井：昨年より少ないのではないか。
事務局：締切を1週間延ばすことを提案します。
○（異議なし）
3．その他
　次回は10月8日（水）18:30から。
以上
"""

WORKING_GROUP = """ひばりヶ丘市社会福祉協議会
令和８年度　第１回　子育て支援部会　会議録

日時　令和８年６月３日（水）１０時～１１時３０分
会場　福祉会館２階　研修室
出席者　部会長　木村明美、副部会長　松田悟、部会員　野口、原、吉川
欠席者　部会員　宮本
事務局　地域福祉課　佐々木

議題
（１）今年度の活動計画について
（２）子育てサロンの運営について

（１）今年度の活動計画について
部会長：資料１に基づき説明をお願いします。
事務局：資料１のとおり、年４回のサロンを予定しています。
野口委員：夏休み期間の開催を検討してほしい。
（２）子育てサロンの運営について
松田副部会長：ボランティアの確保が課題です。
〇（異議なし）
以上
"""


def _items(text: str) -> list[tuple[str, list[tuple[str, str | None, str]]]]:
    document = parse_minutes(text)
    return [
        (item.title, [(e.kind, e.speaker, e.text) for e in item.entries])
        for section in document.sections
        for item in section.items
    ]


BOARD_ITEMS = [
    ("2026年度上半期事業報告の件", [
        ("note", None, "議長より説明があり、審議の結果、全員異議なく承認可決した。"),
    ]),
    ("冬休み特別食堂の実施の件", [
        ("note", None, "議長より、12月26日から28日までの3日間実施したい旨の提案があった。"),
        ("note", None, "（異議なし）"),
    ]),
]  # fmt: skip


def test_a_board_s_header_is_header_and_each_bill_one_item() -> None:
    document = parse_minutes(BOARD)
    assert document.organization == "特定非営利活動法人ひばり子ども食堂ネット"
    assert (document.title, document.fiscal_year, document.meeting_number) == (
        "2026年度 第2回理事会 議事録", 2026, 2
    )  # fmt: skip
    assert (document.date, document.start_time, document.end_time) == (
        dt.date(2026, 10, 14), dt.time(19), dt.time(20, 30)
    )  # fmt: skip
    assert document.venue == "ひばりヶ丘市民活動センター 会議室B"
    assert document.attendees == ["山田花子", "鈴木一郎", "佐藤次郎", "田中美和"]
    assert document.absentees == ["高橋健"]
    assert document.also_attending == ["伊藤正"]
    assert document.secretariat == []  # 「事務局：」 with nothing after it names no one
    assert document.roles == {"山田花子": "理事長", "鈴木一郎": "副理事長"}
    assert [(s.number, s.category) for s in document.sections] == [(1, "議事")]
    assert _items(BOARD) == BOARD_ITEMS
    assert document.closing == (
        "以上、議事の経過及び結果を明確にするため、議長及び議事録署名人が記名押印する。"
        "　議事録署名人 鈴木一郎 佐藤次郎"
    )
    assert document.warnings == []


def test_bills_listed_under_giji_and_again_over_their_record_are_not_twice() -> None:
    document = parse_minutes(BOARD_LISTED)
    assert document.agenda == [
        "第1号議案 2026年度上半期事業報告の件",
        "第2号議案 冬休み特別食堂の実施の件",
    ]
    assert _items(BOARD_LISTED) == [
        BOARD_ITEMS[0],
        ("冬休み特別食堂の実施の件", [
            ("note", None, "議長より、１２月２６日から２８日までの３日間実施したい旨の提案があった。"),
            ("note", None, "（異議なし）"),
            ("note", None, "全員異議なく承認可決した。"),
        ]),
    ]  # fmt: skip
    assert document.attendees == ["山田花子", "鈴木一郎", "佐藤次郎", "田中美和"]
    assert document.roles == {"山田花子": "理事長", "鈴木一郎": "副理事長"}
    assert document.closing == (
        "以上、議事の経過及び結果を明確にするため、議長及び議事録署名人が記名押印する。"
        "　2026年10月14日　議長 山田花子 印　議事録署名人 鈴木一郎 印　議事録署名人 佐藤次郎 印"
    )


def test_a_board_with_turns_reads_every_post() -> None:
    document = parse_minutes(BOARD_TURNS)
    assert (document.status, document.meeting_number, document.attendee_count) == ("確定稿", 5, 4)
    assert document.attendees == ["青木", "井上", "上野", "江藤"]
    assert document.roles == {
        "青木": "理事長", "井上": "副理事長", "上野": "理事", "江藤": "理事", "小田": "理事",
        "加藤": "監事",
    }  # fmt: skip
    assert _items(BOARD_TURNS) == [
        ("2026年度事業計画(案)について", [
            ("statement", "青木理事長", "事務局から説明をお願いします。"),
            ("statement", "事務局", "資料のとおりです。"),
            ("statement", "井上副理事長", "予算の見直しが必要ではないか。"),
            ("note", None, "（異議なし）"),
            ("note", None, "全員一致で承認した。"),
        ]),
        ("会費の改定について", [("note", None, "継続審議とした。")]),
        ("会計報告", [("note", None, "上野理事より報告があった。")]),
    ]  # fmt: skip


def test_a_general_meeting() -> None:
    document = parse_minutes(GENERAL_MEETING)
    assert (document.organization, document.status, document.meeting_number) == (
        "一般社団法人ひばりヶ丘まちづくり協会", "確定稿", None
    )  # fmt: skip
    assert (document.attendee_count, document.proxy_count) == (42, 15)
    assert document.attendees == ["山本一郎", "川口恵子", "森田修"]
    assert document.also_attending == ["大野弘"]
    assert document.roles == {"山本一郎": "代表理事"}
    assert [title for title, _ in _items(GENERAL_MEETING)] == [
        "開会", "令和6年度事業報告承認の件", "令和6年度決算報告承認の件", "役員選任の件",
    ]  # fmt: skip
    assert _items(GENERAL_MEETING)[3][1] == [
        ("statement", "質問", "任期はいつまでか。"),
        ("statement", "山本代表理事", "２年後の総会終結時までです。"),
        ("note", None, "（異議なし）"),
    ]
    assert document.closing == "以上をもって議事を終了し、議長は午後3時30分閉会を宣した。"


def test_a_festival_committee() -> None:
    document = parse_minutes(FESTIVAL)
    assert document.attendees == ["小林", "中川", "石井", "上田", "岡本"]
    assert document.absentees == []
    assert document.roles == {"小林": "実行委員長", "中川": "副委員長"}
    assert _items(FESTIVAL)[1] == (
        "出店者の募集状況について",
        [
            ("statement", "実行委員長", "現在の出店申込は18団体です。"),
            ("statement", "石井", "昨年より少ないのではないか。"),
            ("statement", "事務局", "締切を1週間延ばすことを提案します。"),
            ("note", None, "（異議なし）"),
        ],
    )


def test_a_working_group_s_members_lose_their_post_word_to_roles() -> None:
    document = parse_minutes(WORKING_GROUP)
    # 「部会員　野口」: the post before the name, as 「部会長　木村明美」.
    assert document.attendees == ["木村明美", "松田悟", "野口", "原", "吉川"]
    assert document.absentees == ["宮本"]
    assert document.roles == {
        "木村明美": "部会長", "松田悟": "副部会長", "野口": "部会員", "宮本": "部会員"
    }  # fmt: skip
    assert _items(WORKING_GROUP)[1][1] == [
        ("statement", "松田副部会長", "ボランティアの確保が課題です。"),
        ("note", None, "（異議なし）"),
    ]


@pytest.mark.parametrize(
    "assent",
    ["○（異議なし）", "〇（異議なし）", "◯（異議なし）", "○　（異議なし）", "○（「異議なし」の声あり）",
     "（「異議なし」との声あり）", "○（拍手）", "○(異議なし)"],
)  # fmt: skip
def test_the_room_s_assent_is_a_note_never_a_speaker(assent: str) -> None:
    text = BOARD.replace("○（異議なし）", assent)
    entries = _items(text)[1][1]
    assert entries[1][:2] == ("note", None)
    assert all(speaker not in ("○", "〇", "◯") for _, speaker, _ in entries)


@pytest.mark.parametrize(
    "text", [BOARD, BOARD_LISTED, BOARD_TURNS, GENERAL_MEETING, FESTIVAL, WORKING_GROUP]
)
def test_the_review_text_reads_back_the_same_items_and_closing(text: str) -> None:
    # The review screen edits render_body(document) and parses it again on save, under a title
    # and the names of its header fields (kyodo.committees.views.imports.ReviewForm).
    first = parse_minutes(text)
    header = "2026年度第2回会議録\n■出席者：" + "、".join([*first.attendees, *first.also_attending])
    review = header + "\n" + render_body(first)
    assert _items(review) == [(t, e) for t, e in _items(text) if t != "開会" or e]
    again = parse_minutes(review)
    assert " ".join((again.closing or "").split()) == " ".join((first.closing or "").split())
