"""Speaker labels, headings and header fields in the common house styles."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import _wareki
from kyodo.minutes_text._header import parse_title, parse_when, split_people, split_staff
from kyodo.minutes_text._syntax import (
    closing_line,
    item_heading,
    note_text,
    section_heading,
    speaker_label,
)


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("委員長：行政職員と", "委員長", "行政職員と"),
        ("委 員：何か作業", "委員", "何か作業"),
        ("事 務 局:半角コロン", "事務局", "半角コロン"),
        ("副委員長：どなたか", "副委員長", "どなたか"),
        ("【委員長】受け入れ団体", "委員長", "受け入れ団体"),
        ("【 委 員 】 高校生", "委員", "高校生"),
        ("○熊田委員長　それでは", "熊田委員長", "それでは"),
        ("○髙橋（清）委員　出展団体", "髙橋(清)委員", "出展団体"),
        ("○事務局（佐藤）　駅前の", "事務局(佐藤)", "駅前の"),
        ("○中村委員", "中村委員", ""),
        ("（委員）防災の特集", "委員", "防災の特集"),
        ("(事務局) 半角括弧", "事務局", "半角括弧"),
        ("委員長　参加者が", "委員長", "参加者が"),
        ("事 務 局　４月は", "事務局", "４月は"),
        ("Ａ委員：意見", "A委員", "意見"),
    ],
)
def test_speaker_labels(line: str, speaker: str, text: str) -> None:
    label = speaker_label(line)
    assert label is not None
    assert (label.speaker, label.text) == (speaker, text)


@pytest.mark.parametrize(
    "line",
    [
        "○満場一致で次期担当理事候補を熊田委員長にお願いすることになった。",
        "○2010年度第８回運営委員会会議録（未定稿）を事務局から各委員へ送信したが、",
        "○事務局から資料に基づき説明",
        "ってやってきた。明日、西東京市の職員研修で",
        "次回委員会：２月２２日",
        "委員がもっとたくさん参加した方がよい",
        "（１）松戸市の『協働まちづくり』条例",
    ],
)
def test_prose_is_not_a_label(line: str) -> None:
    assert speaker_label(line) is None


def test_notes() -> None:
    assert (
        note_text("○12月期の月次報告について事務局が説明") == "12月期の月次報告について事務局が説明"
    )
    assert note_text("→承認された。") == "承認された。"
    assert note_text("事務局：説明") is None


@pytest.mark.parametrize(
    ("line", "number", "category"),
    [
        ("１．報 告 事 項", 1, "報告事項"),
        ("２．審　議　事　項", 2, "審議事項"),
        ("4.その他", 4, "その他"),
        ("【議 題】", None, "議題"),
        ("議事", None, "議事"),
        ("(3) 協議事項", 3, "協議事項"),
        ("一、報 告 事 項", 1, "報告事項"),
        ("第２　協議事項", 2, "協議事項"),
        ("第十二 その他", 12, "その他"),
        ("Ⅱ．審議事項", 2, "審議事項"),
    ],
)
def test_section_headings(line: str, number: int | None, category: str) -> None:
    heading = section_heading(line)
    assert heading is not None
    assert (heading.number, heading.text) == (number, category)


def test_not_section_headings() -> None:
    assert section_heading("１．報告事項について") is None
    assert section_heading("報告事項の説明があった。") is None


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        (
            "１．西東京市市民協働推進センターの業務報告について",
            1,
            "西東京市市民協働推進センターの業務報告について",
        ),
        ("２． 1月以降の事業について", 2, "1月以降の事業について"),
        ("１.2010年度第８回会議録について", 1, "2010年度第8回会議録について"),
        ("1.次回運営委員会日程について", 1, "次回運営委員会日程について"),
        ("（２）センター登録団体", 2, "センター登録団体"),
        ("(1) 防犯パトロール", 1, "防犯パトロール"),
        ("３）会場", 3, "会場"),
        ("②広報", 2, "広報"),
        ("三、予算", 3, "予算"),
    ],
)
def test_item_headings(line: str, number: int, title: str) -> None:
    heading = item_heading(line)
    assert heading is not None
    assert (heading.number, heading.text) == (number, title)


def test_not_item_headings() -> None:
    assert item_heading("2010年度の予算") is None
    assert item_heading("12月の新規団体登録") is None


def test_closing_lines() -> None:
    assert closing_line("以上をもって散会した。") == "以上をもって散会した。"
    assert closing_line("以上で閉会した。") == "以上で閉会した。"
    assert closing_line("（以上）") == "(以上)"
    assert closing_line("以上の説明があった。") is None


def test_title() -> None:
    title = parse_title("平成２２（2010）年度第９回運営委員会会議録（確定稿）")
    assert title.title == "平成22(2010)年度第9回運営委員会会議録"
    assert (title.status, title.fiscal_year, title.meeting_number) == ("確定稿", 2010, 9)
    assert parse_title("令和元年度第2回会議録(未定稿)").fiscal_year == 2019
    assert parse_title("運営委員会議事録").fiscal_year is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "平成２３年１月１８日（火） 午後７時～９時",
            (dt.date(2011, 1, 18), dt.time(19), dt.time(21)),
        ),
        (
            "令和元年５月２８日（火）午後６時３０分～８時",
            (dt.date(2019, 5, 28), dt.time(18, 30), dt.time(20)),
        ),
        ("2024年11月5日（火）午前10時～正午", (dt.date(2024, 11, 5), dt.time(10), dt.time(12))),
        ("令和6年4月1日 13:30-15:00", (dt.date(2024, 4, 1), dt.time(13, 30), dt.time(15))),
        ("午前11時～午後1時", (None, dt.time(11), dt.time(13))),
        ("昭和64年1月7日", (dt.date(1989, 1, 7), None, None)),
        ("未定", (None, None, None)),
    ],
)
def test_date_and_time(value: str, expected: tuple) -> None:
    assert parse_when(value) == expected


def test_impossible_date_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_when("平成23年2月30日")


def test_people() -> None:
    value = "有賀委員、宮﨑委員、熊田委員長＜以上３名、五十音順＞"
    assert split_people(value) == (["有賀", "宮﨑", "熊田"], 3)
    assert split_people("井上委員　宇野委員（計２名）") == (["井上", "宇野"], 2)
    assert split_people("なし") == ([], None)


@pytest.mark.parametrize(
    ("value", "names"),
    [
        # Columns two spaces or more apart, each name with its own single space.
        ("委員長　　村田　幸一　　　副委員長　　森本　美樹", ["村田 幸一", "森本 美樹"]),
        ("山田　太郎　　鈴木　花子", ["山田 太郎", "鈴木 花子"]),
        ("教育長　山下　誠", ["山下 誠"]),
        ("中村正　中村和彦　松本聡", ["中村正", "中村和彦", "松本聡"]),
        # Offices without names, and the others counted, are nobody.
        ("会長、副会長、会計、各部長（計９名）", []),
        ("田中　太郎（実行委員長）、鈴木　花子", ["田中 太郎", "鈴木 花子"]),
        ("西村（センター長）、早川（以上委員）", ["西村", "早川"]),
        ("委員６名（中川、平野）　事務局２名", ["中川", "平野"]),
        # Remarks on the list anywhere, and names joined by ・ before 「の各委員」.
        ("青木、石井、上田（五十音順・敬称略）", ["青木", "石井", "上田"]),
        ("青木　石井　上田（順不同）", ["青木", "石井", "上田"]),
        ("青木・石井・上田の各委員", ["青木", "石井", "上田"]),
        ("中村（正）、中村（和）", ["中村(正)", "中村(和)"]),
    ],
)
def test_roster_lines(value: str, names: list[str]) -> None:
    assert split_people(value)[0] == names


def test_a_count_of_those_present_out_of_the_members() -> None:
    assert split_people("委員１２名中１０名出席") == ([], 10)
    assert split_people("青木委員、石井委員　計２名（敬称略）") == (["青木", "石井"], 2)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("西口センター長", "西口", "センター長"),
        ("丸木地域福祉課長", "丸木", "地域福祉課長"),
        ("中澤主事", "中澤", "主事"),
        ("浜名協働コミュニティ課長", "浜名", "協働コミュニティ課長"),
        ("竹内（事務局長）", "竹内", "事務局長"),
        ("松本 コーディネーター", "松本", "コーディネーター"),
        ("環境保全課長　山本", "山本", "環境保全課長"),
        ("同課主査 中村", "中村", "同課主査"),
        ("同課長補佐", "", "同課長補佐"),
        ("同課主事", "", "同課主事"),
        ("都市計画課　森課長", "森", "都市計画課長"),
        ("人権・男女共同参画課　課長　佐々木", "佐々木", "人権・男女共同参画課長"),
        ("センター　渡部", "渡部", "センター"),
        ("佐々木", "佐々木", ""),
    ],
)
def test_staff_name_and_title(text: str, name: str, title: str) -> None:
    assert split_staff(text) == (name, title)


def test_wareki() -> None:
    assert _wareki.era_year_to_gregorian("令和", "元") == 2019
    assert _wareki.era_year_to_gregorian("平成", "２３") == 2011
    assert _wareki.to_era(dt.date(2019, 4, 30)) == ("平成", 31)
    assert _wareki.to_era(dt.date(2019, 5, 1)) == ("令和", 1)
    assert _wareki.to_era(dt.date(1926, 12, 24)) is None
    assert _wareki.format_date(dt.date(2011, 1, 18)) == "平成23年1月18日(火)"
    assert _wareki.format_date(dt.date(2019, 5, 28)) == "令和元年5月28日(火)"
    assert _wareki.format_date(dt.date(1926, 12, 25)) == "昭和元年12月25日(土)"


def test_a_roster_with_a_secretariat_group_gives_the_secretariat() -> None:
    from kyodo.minutes_text import parse_minutes

    text = (
        "都市計画審議会　議事要旨\n\n"
        "１．日時：令和６年２月１４日（水）１０：００～１１：４５\n"
        "２．出席者\n"
        "　（委員）　木村会長、林委員、清水委員\n"
        "　（事務局）　都市計画課　森課長、池田課長補佐\n"
        "３．議事\n"
        "（１）用途地域の変更について\n"
        "【林委員】　説明会は何回開催したのか。\n"
        "【森課長】　２回開催した。\n"
        "以上\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["木村", "林", "清水"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("森", "都市計画課長"),
        ("池田", "都市計画課課長補佐"),  # the department named once, for the list
    ]
    assert [(e.speaker, e.text) for e in minutes.entries()] == [
        ("林委員", "説明会は何回開催したのか。"),
        ("森課長", "２回開催した。"),
    ]


def test_a_room_alone_under_the_date_is_the_venue() -> None:
    from kyodo.minutes_text import parse_minutes

    text = (
        "　　　　　　総務企画委員会速記録第三号\n\n"
        "令和五年十月五日（木曜日）\n"
        "第二委員会室\n"
        "　　午後一時開議\n"
        "出席委員　三名\n\n"
        "○小川委員長　ただいまから総務企画委員会を開会いたします。\n"
        "○上野委員　公共施設の再編について伺います。\n"
        "　　　午後二時十分散会\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.organization, minutes.venue) == (None, "第二委員会室")
    assert (str(minutes.date), str(minutes.start_time), str(minutes.end_time)) == (
        "2023-10-05",
        "13:00:00",
        "14:10:00",
    )
    assert [e.speaker for e in minutes.entries()] == ["小川委員長", "上野委員"]
