"""Styles of the fifteenth set (data/fifteenth): an outside tester's minutes of families not in
the earlier sets — a 社会福祉協議会's 理事会 whose 【議案】 block names the auditors and the
secretariat (「監事：……」「事務局：……」), a 自治会's 役員会 with 「ほか班長８名」, a PTA's header in a
box-drawn table with two keys in a row (│日時│…│場所│…│), a 商店街振興組合's board, a library
council's verbatim record with page footers 「－２－」 in the text and turns wrapped at the
margin, a 公民館 council of 令和元年 with 「欠席委員」, a 地域包括支援センター council's 議事要旨 in
【事務局】/【委員】 bullets, a 農業委員会's 総会 with seat numbers (「５番（金子委員）」) and no
headings, a condominium's and an NPO's general meeting counted with proxies and 書面表決, an
assembly committee's record (「○委員長（石川雅之君）」), names with an ASCII space in the labels
(「荻野 健太郎 会長：」), 平成３１年度 held in 令和元年, a running head repeated on every page.

Each document has what a clerk reads in it (``GOLD``); ``misread`` lists what the parser reads
otherwise, compared after NFKC with all white space removed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from kyodo.minutes_text import parse_minutes

DATA = Path(__file__).parent / "data" / "fifteenth"


def _sq(value):
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [_sq(v) for v in value]
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", str(value)))


# What a clerk reads in each document. ``items``: (title, [speakers of its turns]) for every item
# with a title, in order (the parser leaves decisions to the review screen); the record's lines
# before the first heading are the item 「開会」 (since the twenty-second session).
GOLD: dict[str, dict] = {
    "f01_shakyo_rijikai.txt": {
        "date": "2024-09-26",
        "times": ("14:00", "15:20"),
        "venue": "はなみずき市総合福祉センター 2階 研修室",
        "attendees": ["大橋正和", "吉岡美佐子", "川口進", "杉浦弘子", "土屋健一", "西田恵", "服部勝", "松尾里美"],
        "attendee_count": 8,
        "absentees": ["宮本博"],
        "also_attending": ["小林昭", "原田久美"],
        "secretariat": ["前川隆", "石井まゆみ"],
        "items": [
            ("開会", []),
            ("令和6年度補正予算(第1号)について", ["議長", "前川事務局長", "川口理事", "前川事務局長", "議長"]),
            ("職員就業規則の一部改正について", ["石井総務課長", "杉浦理事", "石井総務課長"]),
        ],

        "closing": "議長は、以上で本日の議事をすべて終了した旨を述べ、午後3時20分閉会した。",
    },
    "f02_jichikai_yakuinkai.txt": {
        "date": "2024-11-10",
        "times": ("19:00", "20:30"),
        "venue": "若葉台三丁目集会所 和室",
        "attendees": ["桑原信也", "遠藤和子", "北村稔"],
        "attendee_count": 11,
        "absentees": ["平野由美"],
        "items": [
            ("年末夜警について", ["会長", "2班班長", "副会長", "会長"]),
            ("新年会の開催について", ["会計", "5班班長", "会長"]),
            ("その他", ["副会長", "会長"]),
        ],
        "closing": "以上",
    },
    "f03_pta_box.txt": {
        "date": "2024-12-03",
        "times": ("10:00", "11:30"),
        "venue": "ひかり小学校 会議室",
        "attendees": ["木下奈々", "岡本梨沙", "渡部誠"],
        "absentees": ["今井沙織"],
        "items": [
            ("ベルマーク集計について", ["木下会長", "岡本副会長", "渡部校長"]),
            ("卒業式の記念品について", ["木下会長", "岡本副会長"]),
        ],
        "closing": "以上",
    },
    "f04_shotengai.txt": {
        "date": "2024-06-18",
        "times": ("20:00", "21:15"),
        "venue": "さくら通り商店会館 2階",
        "attendees": ["高田浩二", "森康之", "青木亮", "中島千春", "松井大輔"],
        "attendee_count": 5,
        "also_attending": ["荒木正"],
        "secretariat": ["宮崎陽子"],
        "items": [
            ("夏のスタンプラリー実施計画について", ["理事長", "青木理事", "中島理事", "理事長"]),
            ("街路灯LED化補助金の申請について", ["事務局", "松井理事", "事務局", "荒木監事", "理事長"]),
        ],
        "closing": "以上",
    },
    "f05_toshokan_zenbun.txt": {
        "date": "2024-10-17",
        "times": ("10:00", "11:45"),
        "venue": "みずほ市立中央図書館 3階 視聴覚室",
        "attendees": ["石原康夫", "片山典子", "上田聡", "沢田美穂", "丸山修"],
        "absentees": ["新井拓也"],
        "secretariat": ["福田博之", "今村由香"],
        # the list as the header prints it, numbers and all (as in the other sets)
        "agenda": [
            "(1)令和6年度上半期の事業報告について",
            "(2)みずほ市子ども読書活動推進計画の改定について",
        ],
        # The chair's opening turn is cut where it puts 議題（１） on the floor: by design, the
        # turns from that sentence on are the item's (docs/import.md).
        "speakers": [
            "石原会長", "石原会長", "福田中央図書館長", "上田委員", "今村中央図書館主査", "石原会長",
            "石原会長", "福田中央図書館長", "沢田委員", "片山副会長", "石原会長",
        ],
        "texts": {
            2: "上半期の貸出冊数は48万3千冊で、前年同期比3.2%の増となりました。特に電子書籍の貸出が伸びております。",
            4: "9月末で1万2千点です。",
        },
    },
    "f06_kominkan_gannen.txt": {
        "date": "2019-06-25",
        "times": ("13:30", "15:00"),
        "fiscal_year": 2019,
        "meeting_number": 1,
        "venue": "あけぼの町中央公民館 講座室1",
        "attendees": ["岩田久雄", "谷口明子", "大森健", "小野幸子", "関直人", "早川富美子"],
        "absentees": ["武田正", "藤井瑞穂"],
        "secretariat": ["平井誠", "本田千尋"],
        "items": [
            ("平成30年度公民館事業の実績について", ["平井館長", "大森委員", "本田主事", "小野委員"]),
            ("令和元年度公民館事業計画について", ["平井館長", "関委員", "本田主事", "岩田委員長"]),
        ],
        "closing": "午後3時閉会",
    },
    "f07_houkatsu_yoshi.txt": {
        "date": "2025-01-22",
        "times": ("14:00", "15:30"),
        "venue": "みどり区役所 4階 第1会議室",
        "attendees": ["永田英明", "酒井礼子", "河合保", "久保陽子", "黒田伸一", "佐野和美", "菅原透", "千葉直美", "中田隆"],
        "attendee_count": 9,
        "absentees": ["古川昭"],
        "secretariat": ["三好淳", "山崎夏美"],
        "items": [
            ("地域包括支援センターの事業評価について", ["事務局", "委員", "事務局", "委員"]),
            ("介護予防ケアマネジメントの委託について", ["事務局", "会長"]),
        ],

        "closing": "以上",
    },
    "f08_nougyou_soukai.txt": {
        "date": "2024-10-10",
        "times": ("09:30", "10:40"),
        "venue": "いずみ町役場 第2会議室",
        "attendees": [
            "池田稔", "内山和夫", "江口敏子", "小川隆", "金子修一", "菊池安子",
            "工藤勉", "近藤昭二", "斎藤清", "島田茂", "鈴木光雄",
        ],
        "attendee_count": 11,
        "absentees": [],
        "secretariat": ["田村克也", "野村亜紀"],
        # the chair's first turn cut where it puts 議案第１号 on the floor (by design)
        "speakers": [
            "議長(会長)", "議長(会長)", "事務局(野村主査)", "議長(会長)", "5番(金子委員)", "議長(会長)",
            "議長(会長)", "議長(会長)", "事務局(野村主査)", "8番(近藤委員)", "事務局(野村主査)",
            "議長(会長)",
        ],
        "closing": "以上",
    },
    "f09_mansion_soukai.txt": {
        "date": "2024-05-26",
        "times": ("10:00", "11:40"),
        "venue": "グランシティ緑が丘 集会室",
        "attendees": [],
        "attendee_count": 62,
        "secretariat": ["吉川亮"],  # the management company's staff
        "items": [
            (
                "第11期事業報告及び収支決算報告承認の件",
                ["議長", "吉川(管理会社)", "302号室組合員", "吉川(管理会社)", "議長"],
            ),
            ("第12期事業計画及び収支予算承認の件", ["議長", "501号室組合員", "議長"]),
        ],
        "closing": "以上をもって全議案の審議を終了し、議長は午前11時40分閉会を宣言した。",
    },
    "f10_npo_shomen.txt": {
        "date": "2024-06-08",
        "times": ("13:30", "15:00"),
        "venue": "まちつなぎネット事務所(オンライン併用)",
        "attendees": [],
        "attendee_count": 35,
        "items": [
            ("開会", []),
            (
                "2023年度事業報告及び活動決算の承認について",
                ["議長", "竹内理事", "会員(山口)", "竹内理事", "議長"],
            ),
            ("役員選任について", ["議長"]),
        ],
        "closing": "以上の議事を終了したので、議長は15時00分閉会を宣言した。",
    },
    "f11_gikai_iinkai.txt": {
        "date": "2024-12-12",
        "times": ("10:00", "11:25"),
        "venue": "第2委員会室",
        "attendees": ["石川雅之", "野口聡子", "上野隆", "岡田光男", "北原真理", "坂井秀樹"],
        "absentees": [],
        "secretariat": ["中村健二", "吉村さやか"],
        "speakers": [
            "委員長(石川雅之君)", "福祉部長(中村健二君)", "委員長(石川雅之君)", "委員(北原真理君)",
            "子育て支援課長(吉村さやか君)", "委員(坂井秀樹君)", "子育て支援課長(吉村さやか君)",
            "委員長(石川雅之君)", "委員長(石川雅之君)", "委員長(石川雅之君)",
        ],
        "closing": "午前11時25分閉会",
    },
    "f12_names_spaces.txt": {
        "date": "2024-08-29",
        "times": ("18:30", "20:10"),
        "venue": "ふじみ市役所 本庁舎3階 第3会議室",
        "attendees": ["荻野健太郎", "桜井まどか", "須藤誠", "戸田あゆみ", "羽田浩"],
        "absentees": ["三上聡"],
        "secretariat": ["平山一郎", "東真由美"],
        "items": [
            ("協働事業提案制度について", ["荻野健太郎会長", "平山一郎課長", "須藤誠委員", "東真由美主任"]),
            ("中間支援組織の在り方について", ["桜井まどか副会長", "戸田あゆみ委員", "荻野健太郎会長"]),
        ],
        "closing": "以上",
    },
    "f13_heisei_reiwa.txt": {
        "date": "2019-05-28",
        "times": ("14:00", "15:30"),
        "fiscal_year": 2019,
        "meeting_number": 1,
        "venue": "ゆうひ市役所 西館2階 会議室B",
        "attendees": ["浅野礼子", "井上大地", "大西亜紀", "佐久間隆", "関根緑", "野田勇"],
        "attendee_count": 6,
        "secretariat": ["若林誠"],
        "items": [
            ("座長・副座長の選出について", []),
            (
                "第4次男女共同参画プランの進捗状況について(平成30年度実績)",
                ["事務局", "井上委員", "事務局", "関根委員", "座長"],
            ),
            ("その他", []),
        ],
        "closing": "(午後3時30分閉会)",
    },
    "f14_wrapped_runninghead.txt": {
        "date": "2024-10-15",
        "times": ("19:00", "20:40"),
        "venue": "かえで市市民活動センター 会議室A",
        "attendees": ["近藤裕子", "広瀬隆之", "秋山玲", "今西敏夫", "宇野真紀"],
        "secretariat": ["本間俊介", "吉原優"],
        "items": [
            ("9月の利用状況について", ["事務局", "委員長", "事務局"]),
            ("センターまつりについて", ["委員", "委員長", "事務局"]),
            ("その他", ["副委員長"]),
        ],
        "texts": {
            0: "9月の会議室利用は184件、利用率は62%でした。前年同月より8ポイント上がっています。"
            "新規の登録団体は2団体で、登録団体数は合計112団体となりました。",
            2: "オンライン予約を始めたことで、平日夜間の利用が増えたためと考えています。",
            3: "出展団体の募集を早めてはどうでしょうか。昨年は締切直前に申込みが集中して、調整が大変でした。",
        },
        "closing": "以上",
    },
    "f15_kessekiiin_jifun.txt": {
        "date": "2024-11-21",
        "times": ("13:30", "15:05"),
        "venue": "たかね市役所 議会棟 全員協議会室",
        "attendees": ["村上直人", "大谷恭子", "加藤亘", "木村さとみ", "小西学", "高野悦子", "中川剛"],
        "absentees": ["松田隆", "森川綾"],
        "secretariat": ["清水徹", "長谷川忍", "福島舞"],
        "items": [
            (
                "第3次環境基本計画の中間見直しについて",
                ["長谷川環境政策課長", "加藤委員", "長谷川環境政策課長", "高野委員"],
            ),
            (
                "ごみ処理手数料の改定について(諮問)",
                ["清水環境部長", "福島環境政策課主査", "中川委員", "村上会長"],
            ),
        ],
        "closing": "午後3時05分閉会",
    },
    "f16_kanri_rijikai_gian.txt": {
        "date": "2024-08-04",
        "times": ("14:00", "15:20"),
        "venue": "ルミエール桜坂 1階集会室",
        "attendees": ["長田", "市川", "岸本", "堤"],
        "also_attending": ["宮下", "中西"],  # the オブザーバー and the 監事
        "items": [
            (
                "機械式駐車場の修繕について",
                ["矢野(管理会社)", "岸本理事", "矢野(管理会社)", "理事長"],
            ),
            (
                "ペット飼育細則の制定について",
                ["市川副理事長", "堤理事", "中西監事", "理事長"],
            ),
        ],
        "closing": "以上",
    },
}  # fmt: skip


def _hm(time: dt.time | None) -> str | None:
    return time.strftime("%H:%M") if time else None


def misread(name: str, gold: dict) -> list[str]:
    """The fields of ``gold`` the parser reads otherwise in the document ``name``."""
    minutes = parse_minutes((DATA / name).read_text(encoding="utf-8"))
    wrong = []

    def check(field, got, want):
        if _sq(got) != _sq(want):
            wrong.append(f"{field}: {got!r} != {want!r}")

    check("date", minutes.date and minutes.date.isoformat(), gold["date"])
    check("times", [_hm(minutes.start_time), _hm(minutes.end_time)], list(gold["times"]))
    for field in (
        "venue", "attendees", "attendee_count", "absentees", "also_attending", "fiscal_year",
        "meeting_number", "agenda", "closing",
    ):  # fmt: skip
        if field in gold:
            check(field, getattr(minutes, field), gold[field])
    if "secretariat" in gold:
        check("secretariat", [s.name for s in minutes.secretariat], gold["secretariat"])
    statements = [e for e in minutes.entries() if e.kind == "statement"]
    if "items" in gold:
        items = [i for s in minutes.sections for i in s.items if i.title]
        got = [(i.title, [e.speaker for e in i.entries if e.kind == "statement"]) for i in items]
        check("items", got, [(t, s) for t, s in gold["items"]])
        want = sum(len(s) for _, s in gold["items"])
        check("turns", len(statements), want)
    if "speakers" in gold:
        check("speakers", [e.speaker for e in statements], gold["speakers"])
    for index, text in gold.get("texts", {}).items():
        got = statements[index].text if index < len(statements) else None
        check(f"text {index}", got, text)
    return wrong


@pytest.mark.parametrize("name", sorted(GOLD))
def test_each_document_of_the_fifteenth_set_reads_as_a_clerk_reads_it(name):
    assert misread(name, GOLD[name]) == []


# --- the faults the fourteenth set left open -------------------------------------------------


def test_a_boards_auditor_and_management_company_in_the_header_and_its_agenda_block():
    """「監事：山田」「管理会社：……　渡辺」 after 出席理事, then 【議案】 and 【報告事項】 listing the
    bills and the reports: the auditor and the company's staff were read as turns, the
    【報告事項】 list as the body's section that took every turn."""
    minutes = parse_minutes(
        (Path(__file__).parent / "data" / "fourteenth" / "e01_kanri_rijikai.txt").read_text(
            encoding="utf-8"
        )
    )
    assert minutes.also_attending == ["山田"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("渡辺", "さくら管理株式会社")]
    assert minutes.agenda == [
        "第1号議案 大規模修繕工事の施工会社選定について",
        "第2号議案 駐輪場使用細則の改定について",
        "【報告事項】",
        "1.管理費等の収支状況について",
        "2.植栽剪定の実施について",
    ]
    items = [i for s in minutes.sections for i in s.items]
    assert [(i.number, i.title, [e.speaker for e in i.entries]) for i in items] == [
        (
            1,
            "大規模修繕工事の施工会社選定について",
            ["理事長", "渡辺(管理会社)", "高橋理事", "理事長", None, None],
        ),
        (2, "駐輪場使用細則の改定について", ["鈴木副理事長", "伊藤理事", "理事長", None]),
        (3, "報告事項", ["渡辺(管理会社)", "山田監事"]),
    ]


def test_an_auditors_words_stay_a_turn():
    """「監事」 is a key only with names after it: the auditor speaking under it is a turn."""
    minutes = parse_minutes(
        "第２回理事会議事録\n日時：令和６年５月１２日（日）午前１０時\n出席：理事長　吉野、理事　和田\n\n"
        "１．決算について\n監事：未収金の督促の経過は次回も報告してください。\n監事　異議ありません。\n"
    )
    assert minutes.also_attending == []
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        ("監事", "未収金の督促の経過は次回も報告してください。"),
        ("監事", "異議ありません。"),
    ]


def test_a_box_drawn_table_with_two_keys_in_a_row():
    """「│日時│……│場所│……│」: the venue was lost (the row read as the date's); a cell wrapped
    on to the row under it (「│　　│岡本　梨沙、……│」) goes on with its cell."""
    minutes = parse_minutes(
        "第５回　ＰＴＡ運営委員会　議事録\n"
        "┌──┬────────┬──┬──────┐\n"
        "│日時│令和６年１２月３日（火）│場所│ひかり小学校　│\n"
        "│　　│午前１０時～１１時３０分│　　│会議室　　　　│\n"
        "├──┼────────┼──┼──────┤\n"
        "│出席│会長　木下　奈々、副会長│欠席│今井　沙織　　│\n"
        "│　　│岡本　梨沙　　　　　　　│　　│　　　　　　　│\n"
        "└──┴────────┴──┴──────┘\n"
        "１　ベルマーク集計について\n"
        "木下会長　４万２千点となりました。\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 12, 3),
        dt.time(10, 0),
        dt.time(11, 30),
    )
    assert minutes.venue == "ひかり小学校 会議室"
    assert (minutes.attendees, minutes.absentees) == (["木下 奈々", "岡本 梨沙"], ["今井 沙織"])


@pytest.mark.parametrize(
    ("value", "names", "count"),
    [
        # ほか counts the others: the three named and eleven more came
        (
            "会長　石田　浩、副会長　中野　久美子、会計　森本　勇、ほか１１名",
            ["石田 浩", "中野 久美子", "森本 勇"],
            14,
        ),
        ("会長　桑原　信也、副会長　遠藤　和子　ほか班長８名", ["桑原 信也", "遠藤 和子"], 10),
        ("委員　田村　光（さざなみ交通株式会社営業部長）ほか12名", ["田村 光"], 13),
        ("委員長　山口　誠外３名", ["山口 誠"], 4),
        # an office, no one named: its holder and the others
        ("部会長ほか１４名", [], 15),
        # a count of its own too: that one is the count
        ("委員１３名　宇都宮　節子（会長）ほか１１名（名簿別紙）", ["宇都宮 節子"], 13),
    ],
)
def test_others_counted_after_the_named(value, names, count):
    from kyodo.minutes_text._header import split_people

    assert split_people(value) == (names, count)


def test_a_running_head_next_to_each_page_number_is_left_out_but_a_turn_said_twice_is_kept():
    text = (
        "第４回運営委員会　会議録\n日時　令和６年１０月１５日（火）午後７時\n\n"
        "１．報告事項\n事務局：利用率は６２％でした。\n"
        "運営委員会　会議録（令和６年１０月１５日）\n－２－\n"
        "委員長：ほかにありますか。\n－３－\n委員長：ほかにありますか。\n"
        "運営委員会　会議録（令和６年１０月１５日）\n－４－\n"
    )
    assert [(e.speaker, e.text) for e in parse_minutes(text).entries()] == [
        ("事務局", "利用率は６２％でした。"),
        ("委員長", "ほかにありますか。"),
        ("委員長", "ほかにありますか。"),
    ]
