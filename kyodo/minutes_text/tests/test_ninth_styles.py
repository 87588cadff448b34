"""Styles of the ninth set (data/ninth: 常任委員会・議会運営委員会の会議録, 審議会 with anonymised
members, 部会・分科会・作業部会, 社会福祉協議会の理事会, 学校運営協議会, headers as tab or box tables,
page footers and running heads, 令和元年・平成31年・2019年(令和元年) dates, 遅参・早退 and 傍聴 noted,
OCR's l for 1): each document's date, sitting, items, turns and closing, and the exact reading
of what the importer got wrong before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._header import parse_title, split_people

DATA = Path(__file__).parent / "data" / "ninth"


def _read(stem: str):
    return parse_minutes((DATA / f"{stem}.txt").read_text(encoding="utf-8"))


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


def _staff(minutes) -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in minutes.secretariat]


# stem, date, sitting, fiscal year, items, entries, closing
DOCUMENTS = [
    ("01_city_standing_committee", "2023-06-19", None, None, 3, 22, "午前10時42分閉会"),
    ("02_shingikai_anonymous", "2024-08-22", 2, 2024, 2, 8, "以上"),
    ("03_yoshi_QA", "2023-11-07", 12, None, 3, 11, "(以上)"),
    ("04_toi_kotae", "2023-07-12", 1, 2023, 3, 9, "午後3時閉会"),
    ("05_shitsugi_outou", "2024-11-28", 3, 2024, 2, 12, "以上をもって閉会した。"),
    ("06_gian_houkoku", "2024-04-25", 4, None, 4, 18, None),
    ("07_bukai", "2023-09-05", 2, None, 3, 10, "4 閉会"),
    ("08_bunkakai", "2024-10-16", 3, None, 2, 9, "【閉会】午前11時40分"),
    ("09_sagyobukai", "2024-12-03", 4, 2024, 4, 6, "以上"),
    ("10_renraku_kyogikai", "2023-11-20", 2, 2023, 3, 6, "閉会 午後8時30分"),
    ("11_school_council", "2024-05-23", 1, 2024, 4, 9, "4 閉会"),
    (
        "12_shakyo_rijikai",
        "2024-09-26",
        2,
        2024,
        4,
        7,
        "以上をもって本日の議事を終了し、議長は午後3時10分閉会を宣した。",
    ),
    ("13_kominkan_wareki", "2019-05-28", 1, 2019, 4, 9, "正午閉会"),
    ("14_tab_table", "2022-02-15", 7, None, 2, 12, "閉会 午後3時"),
    ("15_box_table", "2023-03-14", 3, None, 2, 6, "閉会"),
    ("16_page_footers_dash", "2023-06-30", 1, 2023, 3, 12, "午後4時閉会"),
    ("17_page_slash_runninghead", "2025-01-21", 9, 2024, 2, 10, "以上"),
    ("18_two_column_roster", "2024-07-09", 1, 2024, 2, 8, "8 閉会 正午"),
    ("19_2019_reiwa_gannen", "2019-10-04", 2, 2019, 2, 7, "以上"),
    ("20_heisei31", "2019-03-01", 2, None, 3, 12, "閉会 午前10時15分"),
    ("21_times_late_early", "2024-10-02", 2, 2024, 3, 11, "15時30分 閉会"),
    ("22_chikoku_sotai_marks", "2023-12-11", 3, 2023, 3, 9, None),
    ("23_haifu_shiryo", "2024-06-18", 1, 2024, 4, 10, "閉会"),
    ("24_word_ruby", "2024-07-30", 1, 2024, 2, 7, "3 閉 会"),
    ("25_ocr_noise", "2023-04-10", 1, 2023, 3, 15, "(午後2時45分 閉会)"),
    ("26_houkatsu_center", "2024-11-14", 2, 2024, 2, 12, "閉会 20:30"),
    ("27_reiwa_gannen_toshi_plan", "2019-12-19", 3, 2019, 3, 11, "(午前11時50分 閉会)"),
    ("28_pta_unei", "2024-10-09", 5, 2024, 4, 8, "以上"),
    ("29_toshikeikaku_votes", "2023-10-26", 50, None, 3, 16, "9.閉会  15時20分"),
    ("30_kankyo_toushin_wg", "2024-02-08", 2, None, 3, 11, "以上"),
]


@pytest.mark.parametrize(
    ("stem", "date", "sitting", "year", "items", "entries", "closing"), DOCUMENTS
)
def test_each_document_of_the_ninth_set(stem, date, sitting, year, items, entries, closing):
    minutes = _read(stem)
    assert minutes.date == dt.date.fromisoformat(date)
    assert (minutes.meeting_number, minutes.fiscal_year) == (sitting, year)
    assert sum(len(s.items) for s in minutes.sections) == items
    assert len(minutes.entries()) == entries
    assert minutes.closing == closing


def test_the_same_departments_staff_named_by_dou():
    """「同係長」「同主任」 after 「障がい福祉課長」 (同 for 同課) were left as 「同係長」; 「同課　主査」
    on the next line was glued to the name before it."""
    assert _staff(_read("02_shingikai_anonymous")) == [
        ("", "環境政策課長"),
        ("", "環境政策課長補佐"),
        ("", "環境政策課係長"),
    ]
    assert _staff(_read("15_box_table")) == [
        ("今村", "障がい福祉課長"),
        ("栗原", "障がい福祉課係長"),
    ]
    assert _staff(_read("17_page_slash_runninghead")) == [
        ("佐久間", "行政経営課長"),
        ("寺田", "行政経営課係長"),
        ("白石", "行政経営課主任"),
    ]
    assert _staff(_read("18_two_column_roster")) == [
        ("森田 和彦", "市民部長"),
        ("奥村 典子", "人権・男女共同参画課長"),
        ("堀 美紀", "人権・男女共同参画課主査"),
    ]


def test_a_members_remark_in_parentheses_is_no_name():
    """「長谷川会長（地域代表）」 read as 「地域代表」, 「関口委員（遅参）」 as 「遅参」; 「教頭（菅）」
    and 「学年委員長（１年：安井、…）」 lost their names."""
    assert _read("11_school_council").attendees == [
        "長谷川",
        "河野",
        "吉村",
        "岡本",
        "中野",
        "松田",
    ]
    assert _read("22_chikoku_sotai_marks").attendees == [
        *("青山", "遠山", "神田", "北川", "榎本", "関口", "野崎", "山崎"),
    ]
    pta = _read("28_pta_unei")
    assert pta.attendees == [
        *("中原", "平岡", "大橋", "吉井", "森岡", "安井", "福井", "長尾", "堀江", "菅"),
    ]
    # 「福井：……」 was glued to the turn before it: a name of the roster is a label.
    turns = [(e.speaker, e.text) for e in pta.sections[1].items[0].entries if e.speaker]
    assert turns[:2] == [
        ("中原", "集計作業の負担が大きいとの声が多い。来年度から廃止を含めて検討したい。"),
        ("福井", "回収箱だけ残し、集計は年１回にしてはどうか。"),
    ]


def test_a_subcommittees_members_and_its_chair():
    """「出席部会員」「欠席部会員」 were unknown keys; 「金子分科会長　　斉藤委員」 dropped the chair."""
    bukai = _read("07_bukai")
    assert (bukai.attendees, bukai.absentees) == (
        ["上田", "岩崎", "工藤", "坂本", "内田"],
        ["丸山"],
    )
    assert bukai.observers == []  # 「傍聴：０名」
    bunkakai = _read("08_bunkakai")
    assert bunkakai.attendees == ["金子", "斉藤", "市川", "荒井", "北村"]
    assert (bunkakai.attendee_count, bunkakai.absentees) == (5, ["大塚"])
    assert split_people("山田委員　　　斉藤委員") == (["山田", "斉藤"], None)
    assert split_people("町内会長　　　山田　太郎") == (["山田 太郎"], None)


def test_an_absent_group_inside_the_roster():
    """「（欠席）　被保険者代表　小川委員」 under 「出席者」 was an attendee."""
    minutes = _read("05_shitsugi_outou")
    assert minutes.attendees == ["大野", "岡田", "藤田", "松井", "村田", "西村"]
    assert minutes.absentees == ["小川"]
    assert _staff(minutes) == [("原田", "保険年金課長"), ("上野", "国保係長")]
    assert _items(minutes) == [
        (1, "報告第1号 令和5年度国民健康保険特別会計決算について"),
        (1, "議案第1号 令和7年度国民健康保険税率について(諮問)"),
    ]


def test_a_report_named_whole_with_its_long_subject():
    """「報告第５号　専決処分の報告について（……の一部改正）」 over forty characters after a turn
    was glued to the turn as a sentence."""
    assert _items(_read("06_gian_houkoku")) == [
        (0, "開会"),
        (5, "報告第5号 専決処分の報告について(みどり市立学校の通学区域に関する規則の一部改正)"),
        (12, "議案第12号 みどり市社会教育委員の委嘱について"),
        (13, "議案第13号 みどり市文化財保護審議会委員の委嘱について"),
    ]


def test_a_welfare_councils_board_with_its_legal_header():
    """「監事現在数」「出席監事」 broke the header: the rest became items and notes."""
    minutes = _read("12_shakyo_rijikai")
    assert minutes.attendee_count == 10
    assert minutes.absentees == ["大島 勝", "片山 登"]
    assert minutes.also_attending == ["安藤 弘", "桑原 みどり"]
    assert _staff(minutes) == [("佐野 功", "事務局長"), ("望月 恵", "総務課長")]
    assert _items(minutes) == [
        (0, "開会"),
        (1, "令和6年度資金収支補正予算(第1号)について"),
        (2, "評議員選任・解任委員会の開催について"),
        (1, "職務執行状況の報告について"),
    ]
    assert minutes.sections[1].category == "報告事項"


def test_an_assembly_committees_officials_on_the_keys_line():
    """「欠席委員（なし）」 stopped the header; 「説明のため出席した者」「職務のため出席した者」 with
    the officials on the key's line, and 「委員外議員」, were lost."""
    minutes = _read("20_heisei31")
    assert minutes.attendees == ["江口 隆", "大川 進", "杉田 三郎", "滝本 伸", "川上 良子"]
    assert minutes.absentees == []
    assert minutes.also_attending == ["吉野 茂"]
    assert _staff(minutes) == [
        ("宇田川 実", "村長"),
        ("磯部 実", "総務課長"),
        ("坂井 春子", "議会事務局長"),
        ("小林 真", "書記"),
    ]
    assert not any("読み取れなかった" in w for w in minutes.warnings)


def test_closings_at_noon_and_spaced_out():
    """「正午閉会」 was a note of the last item, 「３　閉　会」 an item."""
    assert _read("13_kominkan_wareki").end_time == dt.time(12, 0)
    ruby = _read("24_word_ruby")
    assert _items(ruby)[-1] == (2, "外国人住民相談窓口について")


def test_a_running_head_above_the_title_is_no_part_of_it():
    assert (
        _read("17_page_slash_runninghead").title
        == "令和6年度 第9回 もみじ市行財政改革推進委員会 会議録"
    )


def test_papers_handed_out_are_no_agenda():
    """「・次第」 among the papers (「配布資料」) started a second agenda: 「・委員名簿」 was an item."""
    minutes = _read("18_two_column_roster")
    assert minutes.agenda == [
        "(1)会長及び副会長の選出について",
        "(2)第4次かもめ市男女共同参画計画の策定について(諮問)",
    ]
    assert (minutes.attendee_count, minutes.observers) == (8, [])


def test_both_years_before_nendo():
    assert parse_title("2019年(令和元年)度 第2回 協議会").fiscal_year == 2019
    assert parse_title("令和元年(2019年)度 第1回 審議会").fiscal_year == 2019
    assert parse_title("平成22(2010)年度第9回").fiscal_year == 2010


def test_ocrs_letter_l_for_one():
    """「第ｌ回」「令和5年4月ｌ0日」「ｌ番」: no date, no sitting and a broken roster before."""
    minutes = _read("25_ocr_noise")
    assert minutes.title == "令和5年度 第1回 みずほ町農業委員会総会 議事録"
    assert (minutes.start_time, minutes.end_time) == (dt.time(13, 30), dt.time(14, 45))
    assert minutes.venue == "みずほ町役場 2階 第1会議室"
    assert minutes.attendee_count == 11
    assert minutes.attendees == [
        *("渋谷 勝", "今野 喜一", "小林 正", "井口 清", "星 一男", "松野 次郎"),
        *("早坂 忠", "竹田 悦子", "富田 光雄", "菅野 勉", "国分 昭"),
    ]
    assert minutes.entries()[2].text == (
        "議案第1号について説明します。譲受人は経営規模拡大のため、田1筆2,100平方メートルを取得するものです。"
    )
    # Latin words keep their l.
    english = parse_minutes(
        "第１回　運営委員会　会議録\n\n日時　令和６年５月１日\n\n１　Excel2019の件\n"
        "会長　html5 と Excel2019 の件です。\n"
    )
    assert english.entries()[0].text == "html5 と Excel2019 の件です。"


def test_a_roster_grouped_by_where_members_come_from():
    """「関係行政機関職員」「市民委員」 before the names were read as members."""
    minutes = _read("29_toshikeikaku_votes")
    assert minutes.attendees == [
        *("高木", "長田", "三好", "堀田", "杉浦", "野上", "小室"),
        *("あけぼの警察署長", "県土木事務所長", "松山", "今泉", "大谷", "赤坂"),
    ]
    assert len(minutes.attendees) == minutes.attendee_count == 13


PRINTED = [
    "02_shingikai_anonymous",
    "05_shitsugi_outou",
    "20_heisei31",
    "22_chikoku_sotai_marks",
    "26_houkatsu_center",
    "27_reiwa_gannen_toshi_plan",
]


@pytest.mark.parametrize("stem", PRINTED)
def test_these_printed_as_a_pdf_read_as_their_text(stem):
    """Six of the set printed line by line (no margin numbers, a page footer 「－１－」)."""
    pdfmaker = pytest.importorskip("kyodo.minutes_text.tests.pdfmaker")
    from kyodo.minutes_text.pdf import parse_pdf

    try:
        pdfmaker.font_name()
    except Exception as error:  # no Japanese font on this machine
        pytest.skip(str(error))
    text = (DATA / f"{stem}.txt").read_text(encoding="utf-8")
    lines = [("blank", "") if not line.strip() else ("text", line) for line in text.splitlines()]
    style = pdfmaker.Style(
        "plain", str, lambda n, c: c, lambda n, t: t, numbers="none", footer=True
    )
    printed = parse_pdf(pdfmaker.make_pdf(lines, style, lines_per_page=30))
    typed = parse_minutes(text)
    assert printed.to_dict() == typed.to_dict()


def _turns(item) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in item.entries]


def test_an_assemblys_items_start_where_the_chair_puts_them_on_the_floor():
    """Minutes with no headings were one unnamed item with a warning: the chair's 「議案第３８号を
    議題といたします。」「次に、議案第４０号を議題といたします。」「１、……についてを議題といたし
    ます。」「次に、２、その他について」 start the items, the chair's turn cut at that sentence."""
    city = _read("01_city_standing_committee")
    assert _items(city) == [
        (0, "開会"),
        (38, "議案第38号 かしわ市職員の給与に関する条例の一部を改正する条例"),
        (40, "議案第40号 令和5年度かしわ市一般会計補正予算(第2号)中、所管部分"),
    ]
    opening, first, second = city.sections[0].items
    assert _turns(opening) == [
        (None, "午前１０時００分開議"),
        ("委員長(山田太郎君)", "ただいまから総務常任委員会を開会いたします。"),
    ]
    assert _turns(first)[0] == (
        "委員長(山田太郎君)",
        "議案第３８号を議題といたします。執行部から説明を求めます。",
    )
    assert _turns(first)[-1] == (
        "委員長(山田太郎君)",
        "御異議なしと認めます。よって、議案第３８号は原案のとおり可決すべきものと決しました。",
    )
    assert _turns(second)[0] == ("委員長(山田太郎君)", "次に、議案第４０号を議題といたします。")
    assert not any("議題の見出しがない" in w for w in city.warnings)
    village = _read("20_heisei31")
    assert _items(village) == [
        (0, "開会"),
        (1, "平成31年第1回定例会の会期及び日程について"),
        (2, "その他"),
    ]
    assert _turns(village.sections[0].items[2])[0] == (
        "委員長(江口隆君)",
        "次に、２、その他について、何かありませんか。",
    )
    farm = _read("25_ocr_noise")
    assert _items(farm) == [
        (0, "開会"),
        (1, "議案第1号 農地法第3条の規定による許可申請について"),
        (2, "議案第2号 農地法第5条の規定による許可申請について"),
    ]
    assert not farm.warnings
    # Only the chair puts a matter on the floor; a member's 「議案第２号を議題とします」 is words.
    member = parse_minutes(
        "第１回　総会　議事録\n\n日時　令和６年５月１日\n\n"
        "○議長（田中君）　ただいまから開会します。\n"
        "○３番（山本君）　議案第２号を議題とすべきです。\n"
    )
    assert _items(member) == [(0, "")]


def test_a_bare_other_heading_after_the_proceedings():
    """「その他」 alone at the margin after the items 「（１）」「（２）」 of 「議事」 was glued to the
    line under it (「その他特になし。」 as a note of the item before)."""
    minutes = _read("04_toi_kotae")
    assert [(s.number, s.category) for s in minutes.sections] == [(1, "議事"), (2, "その他")]
    assert _turns(minutes.sections[1].items[0]) == [(None, "特になし。")]


def test_the_body_marker_numbered_with_the_heading_after_it():
    """「６．議事概要」 (the header's marker, dropped) with 「７．その他」 after the items: the items
    were in an unnamed section 0 beside section 7."""
    minutes = _read("03_yoshi_QA")
    assert [(s.number, s.category) for s in minutes.sections] == [(6, "議事概要"), (7, "その他")]


def test_a_working_group_of_departments():
    """「出席　危機管理課　新井、竹内」 then one department a line: only the first line's people were
    attendees, the others the secretariat."""
    minutes = _read("09_sagyobukai")
    assert minutes.attendees == ["新井", "竹内", "野村", "樋口", "大久保"]
    assert (minutes.absentees, minutes.secretariat) == (["武田"], [])


def test_a_section_with_its_people_in_parentheses():
    """「生涯学習課　青少年係　（飯田係長、早川主事）」 read as 「生涯学習課青少年係飯田係長」 and
    「青少年係早川」."""
    assert _staff(_read("10_renraku_kyogikai")) == [
        ("飯田", "生涯学習課青少年係長"),
        ("早川", "生涯学習課青少年係主事"),
    ]


def test_one_named_and_the_others_counted():
    """「委員　田村　光（…営業部長）ほか12名」 lost 田村."""
    assert _read("19_2019_reiwa_gannen").attendees == ["浜口 博", "斉藤 勇", "田村 光"]
    # ほか counts the others: 田村 and twelve more came (see test_others_counted_after_the_named).
    assert split_people("委員　田村　光（さざなみ交通株式会社営業部長）ほか12名") == (
        ["田村 光"],
        13,
    )


def test_the_next_meeting_under_a_marked_heading():
    """「■次回予定」 was a note of the last item, the day under it another."""
    minutes = _read("22_chikoku_sotai_marks")
    last = minutes.sections[-1].items[-1]
    assert (last.number, last.title) == (3, "次回予定")
    assert _turns(last) == [(None, "令和６年３月（日程は別途調整）")]
