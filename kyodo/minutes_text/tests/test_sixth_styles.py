"""Styles read since the sixth tester's set (社会福祉協議会の評議員会, 商店街振興組合の総会, マンション
管理組合の理事会, 町議会の常任委員会, 青少年問題協議会, 市民ワークショップ, 利用者懇談会 …); each
with its exact reading."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._header import split_people, split_staff
from kyodo.minutes_text._syntax import speaker_label
from kyodo.minutes_text.pdf import parse_pdf

from .pdfmaker import Style, font_name, make_pdf
from .test_pdf import _canvas_pdf
from .test_styles import _entries


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


def _speakers(minutes) -> list[str | None]:
    return [e.speaker for e in minutes.entries() if e.kind == "statement"]


# --- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        # a summary's question and answer, who asked or answered after the mark
        (
            "【質問】（柏木委員）件数が減った理由は何か。",
            "質問(柏木委員)",
            "件数が減った理由は何か。",
        ),
        (
            "【回答】（事務局）電話相談が落ち着いたためである。",
            "回答(事務局)",
            "電話相談が落ち着いたためである。",
        ),
        # a shopping street's members by their shops, a condominium's management company
        (
            "組合員（和菓子みどり屋）　照明の費用はどこに計上されていますか。",
            "組合員(和菓子みどり屋)",
            "照明の費用はどこに計上されていますか。",
        ),
        (
            "管理会社：見積りを提出した４社の比較表を配布しました。",
            "管理会社",
            "見積りを提出した４社の比較表を配布しました。",
        ),
        # a department answering, no one named; a workshop's facilitator, shortened
        ("公園緑地課：基本計画案を作成します。", "公園緑地課", "基本計画案を作成します。"),
        ("ファシリ：前回の意見を振り返ります。", "ファシリ", "前回の意見を振り返ります。"),
        # a title in parentheses alone on its line (the points under it are the member's)
        ("（荒井部会長代理）", "荒井部会長代理", ""),
    ],
)
def test_labels_of_the_sixth_set(line, speaker, text):
    label = speaker_label(line)
    assert label is not None
    assert (label.speaker, label.text) == (speaker, text)


@pytest.mark.parametrize(
    "line",
    ["（午後３時　休憩）", "（敬称略）", "課題としての係：担当を決める。", "会議室：第１会議室"],
)
def test_lines_that_are_no_label_of_these_kinds(line):
    assert speaker_label(line) is None


# --- rosters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "names"),
    [
        # the column of where each member is chosen from, a gap before the name
        (
            "学識経験者　　松下　礼子（会長）、関係団体　　　島村　幸子、公募市民　　望月　奈緒",
            ["松下 礼子", "島村 幸子", "望月 奈緒"],
        ),
        # one space after the role's parenthesis parts two names
        (
            "大塚　正男（会長・市長）　宮崎　清　　山内　ふみ",
            ["大塚 正男", "宮崎 清", "山内 ふみ"],
        ),
        # offices, no one named
        ("会長、副会長２名、書記、会計、各委員長（広報・保健・校外）、教頭", []),
        ("部会長ほか１４名", []),
        # a company's staff: the company and the title before the name
        ("株式会社さくらコミュニティ　管理担当　森下", ["森下"]),
    ],
)
def test_rosters_of_the_sixth_set(value, names):
    assert split_people(value)[0] == names


def test_a_company_before_its_staffs_title_and_name():
    assert split_staff("みどり管理サービス株式会社　フロント担当　宮川") == (
        "宮川",
        "みどり管理サービス株式会社フロント担当",
    )


def test_a_roster_table_with_a_column_of_who_came_and_a_line_under_it():
    minutes = parse_minutes(
        "パークヒルズ緑ヶ丘管理組合　2024年度第2回理事会議事録\n\n"
        "日時:2024年7月21日(日)10:00～11:30\n"
        "場所:パークヒルズ緑ヶ丘　集会室\n\n"
        "出欠状況\n"
        "　役職　　　氏名　　　　部屋番号　出欠\n"
        "　理事長　　小田　浩一　　３０２　　出席\n"
        "　会計　　　伊藤　拓也　　１０８　　出席\n"
        "　理事　　　江川　修　　　４１０　　欠席\n"
        "管理会社　みどり管理サービス株式会社　フロント担当　宮川\n\n"
        "議事\n"
        "１.給水ポンプの更新について\n"
        "管理会社:見積額は３８０万円です。\n"
        "理事長:工事は平日の昼間でお願いします。\n"
        "以上\n"
    )
    assert minutes.attendees == ["小田 浩一", "伊藤 拓也"]
    assert minutes.absentees == ["江川 修"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("宮川", "みどり管理サービス株式会社フロント担当")
    ]
    assert _items(minutes) == [(1, "給水ポンプの更新について")]
    assert _speakers(minutes) == ["管理会社", "理事長"]


def test_the_citys_department_under_attendees_is_the_secretariat():
    minutes = parse_minutes(
        "西町地区まちづくり協議会　第１２回役員会　記録\n\n"
        "日時　２０２２年２月１７日（木）１９：００～２０：４０\n"
        "場所　西町地区センター　第２会議室\n"
        "出席　石原（会長）、内藤（副会長）、河合\n"
        "　　　市地域振興課　寺田\n"
        "欠席　平岡\n\n"
        "（１）防犯灯のＬＥＤ化について\n"
        "（石原）今日のうちに対象の灯数を確定したい。\n"
        "（寺田）公園脇の２基は市の管理です。\n"
        "以上\n"
    )
    assert minutes.attendees == ["石原", "内藤", "河合"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("寺田", "市地域振興課")]
    assert minutes.absentees == ["平岡"]
    assert _speakers(minutes) == ["石原", "寺田"]


# --- headers ----------------------------------------------------------------------------------

SHOTENGAI = """駅前中央商店街振興組合
第４５回通常総会議事録

１．日　　時　　令和６年５月２３日（木）午後７時００分～午後８時１０分
２．場　　所　　駅前中央商店街振興組合事務所２階会議室
３．組合員総数　４８名
４．出席者数　　３１名（本人出席１９名、委任状出席１２名）
５．議　　長　　理事長　中野　幸雄

６．議事の経過及び結果
　定刻、事務局長が開会を宣し、理事長が議長に就任した。
第１号議案　令和５年度事業報告及び決算承認の件
　議長の指名により、事務局長が資料に基づき説明した。
組合員（和菓子みどり屋）　アーケードの照明の費用はどこに計上されていますか。
事務局長　修繕費に計上しております。
　議長が本議案の賛否を諮ったところ、全員異議なく原案どおり承認可決した。
"""


def test_a_shopping_streets_general_meeting():
    minutes = parse_minutes(SHOTENGAI)
    assert minutes.title == "第45回通常総会議事録"
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 5, 23),
        dt.time(19, 0),
        dt.time(20, 10),
    )
    assert minutes.venue == "駅前中央商店街振興組合事務所2階会議室"
    assert minutes.attendee_count == 31
    assert [title for _, title in _items(minutes)] == ["開会", "令和5年度事業報告及び決算承認の件"]
    assert _speakers(minutes) == ["組合員(和菓子みどり屋)", "事務局長"]


def test_keys_numbered_in_parentheses_under_ki_in_a_letters_form():
    minutes = parse_minutes(
        "令和２年度第３回ふじみ台市民協働推進センター運営委員会　会議録\n\n"
        "　標記の会議を下記のとおり開催した。\n\n"
        "記\n\n"
        "（１）日時　　令和３年１月２１日（木）午後６時３０分～８時１５分\n"
        "（２）場所　　ふじみ台市民協働推進センター　会議室Ｂ\n"
        "（３）出席委員　野口　香織（委員長）、大川　真理\n"
        "（４）欠席委員　福井　勉\n"
        "（５）事務局　　センター長　島田　理恵\n"
        "（６）議題\n"
        "　　ア　協働事業提案制度の審査結果について\n"
        "　　イ　センター情報誌のリニューアルについて\n"
        "（７）会議内容\n"
        "ア　協働事業提案制度の審査結果について\n"
        "島田センター長：７件の提案があり、３件を採択しました。\n"
        "イ　センター情報誌のリニューアルについて\n"
        "大川委員：紙面の文字を大きくしてほしい。\n"
        "（午後８時１５分終了）\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2021, 1, 21),
        dt.time(18, 30),
        dt.time(20, 15),
    )
    assert minutes.venue == "ふじみ台市民協働推進センター 会議室B"
    assert minutes.attendees == ["野口 香織", "大川 真理"]
    assert minutes.absentees == ["福井 勉"]
    assert _items(minutes) == [
        (1, "協働事業提案制度の審査結果について"),
        (2, "センター情報誌のリニューアルについて"),
    ]
    assert _speakers(minutes) == ["島田センター長", "大川委員"]


def test_a_town_committees_numbered_opening_and_closing_keys():
    minutes = parse_minutes(
        "令和３年３月定例会\n総務常任委員会記録\n\n"
        "１　開会日時　　令和３年３月９日（火）午前１０時００分\n"
        "２　閉会日時　　令和３年３月９日（火）午前１１時２０分\n"
        "３　開会場所　　第１委員会室\n"
        "４　出席委員　　委員長　北川　修　　副委員長　大野　敬子\n"
        "５　欠席委員　　委　員　中井　清\n"
        "６　本委員会に付託された事件\n"
        "　　議案第５号　職員の勤務時間に関する条例の一部を改正する条例について\n\n"
        "〇委員長（北川修君）　ただいまから総務常任委員会を開会いたします。\n"
        "〇議案第５号　職員の勤務時間に関する条例の一部を改正する条例について\n"
        "〇委員長（北川修君）　議案第５号を議題といたします。\n"
        "〇総務課長（荻野剛君）　所要の改正を行うものでございます。\n"
    )
    assert (minutes.start_time, minutes.end_time, minutes.venue) == (
        dt.time(10, 0),
        dt.time(11, 20),
        "第1委員会室",
    )
    assert minutes.attendees == ["北川 修", "大野 敬子"]
    assert minutes.absentees == ["中井 清"]
    assert _items(minutes) == [
        (0, "開会"),
        (1, "議案第5号 職員の勤務時間に関する条例の一部を改正する条例について"),
    ]
    assert _speakers(minutes) == ["委員長(北川修君)", "委員長(北川修君)", "総務課長(荻野剛君)"]


@pytest.mark.parametrize(
    ("title", "when", "day"),
    [
        # a fiscal year: January to March are in the next calendar year
        (
            "令和５年度第３回あおい台市民活動推進委員会　会議要録",
            "２月８日（木）",
            dt.date(2024, 2, 8),
        ),
        (
            "令和５年度第１回あおい台市民活動推進委員会　会議要録",
            "６月８日（木）",
            dt.date(2023, 6, 8),
        ),
        ("令和６年第２回あおい台市教育委員会定例会　会議録", "２月８日（木）", dt.date(2024, 2, 8)),
    ],
)
def test_a_date_without_its_year_takes_the_titles(title, when, day):
    minutes = parse_minutes(
        f"{title}\n\n日　時　　{when}　１３時３０分から１５時まで\n"
        "場　所　　あおい台市民活動センター　研修室２\n\n"
        "１　補助金の交付状況について\n事務局　１５団体に交付しました。\n以上\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        day,
        dt.time(13, 30),
        dt.time(15, 0),
    )
    assert minutes.warnings[0] == (
        f"開催日に年の記載がないため、表題から{day.year}年{day.month}月{day.day}日としました。"
    )


def test_a_resolution_in_writing_is_dated_the_day_it_was_deemed_made():
    minutes = parse_minutes(
        "社会福祉法人はなみずき会　理事会議事録（書面決議）\n\n"
        "１　理事会の決議があったものとみなされた事項の内容\n"
        "　　令和５年度第１回評議員会の招集について\n"
        "２　理事会の決議があったものとみなされた日\n"
        "　　令和５年６月５日\n"
        "３　提案者　理事長　長谷川　修\n"
        "４　議事録の作成に係る職務を行った理事　理事長　長谷川　修\n\n"
        "　令和５年５月２９日、理事長が理事の全員に対して提案書を発送し、全員から書面により同意の"
        "意思表示を得たので、理事会の決議があったものとみなされた。\n"
    )
    assert minutes.date == dt.date(2023, 6, 5)
    assert _items(minutes) == [(0, "")]
    assert [e.kind for e in minutes.entries()] == ["note"]


def test_the_place_after_yuite_under_the_date():
    minutes = parse_minutes(
        "令和２年第３回いちょう町議会定例会　産業建設常任委員会会議録\n\n"
        "令和２年９月１４日（月曜日）\n"
        "　　　　　　　　　　　　　　於　いちょう町議会　第２委員会室\n"
        "――――――――――――――――――――\n"
        "出席委員（２名）\n"
        "　委員長　杉田　浩君　　副委員長　村松　紀子君\n"
        "――――――――――――――――――――\n"
        "　　　　　　　午前１０時００分開会\n"
        "◯委員長（杉田浩君）　ただいまから委員会を開会します。\n"
        "　　　　　　　午前１１時０２分閉会\n"
    )
    assert minutes.venue == "いちょう町議会 第2委員会室"
    assert (minutes.start_time, minutes.end_time) == (dt.time(10, 0), dt.time(11, 2))
    assert minutes.attendees == ["杉田 浩", "村松 紀子"]


def test_a_running_head_above_the_fuller_title():
    minutes = parse_minutes(
        "児童虐待防止対策部会（第４回）議事要旨\n"
        "こども家庭審議会　児童虐待防止対策部会（第４回）　議事要旨\n\n"
        "○日時：令和６年９月２６日（木）１３時００分～１５時００分\n"
        "○場所：オンライン開催\n"
        "○出席委員：部会長ほか１４名\n\n"
        "【委員】小規模な町村では専門職の確保が難しい。\n"
    )
    assert minutes.title == "こども家庭審議会 児童虐待防止対策部会(第4回) 議事要旨"
    # 「部会長ほか１４名」: the chair of the section and fourteen others
    assert (minutes.attendees, minutes.attendee_count) == ([], 15)
    head_first = parse_minutes(
        "みさと町社会福祉協議会　理事会議事録\n"
        "平成２９年度第４回社会福祉法人みさと町社会福祉協議会理事会議事録\n"
        "日時　平成３０年３月２２日（木）午前１０時～午前１１時１０分\n"
        "理事長　第１号議案について説明願います。\n"
    )
    assert head_first.title == "平成29年度第4回社会福祉法人みさと町社会福祉協議会理事会議事録"


# --- agendas ----------------------------------------------------------------------------------


def test_a_listed_item_with_no_number_and_the_next_meetings_line():
    minutes = parse_minutes(
        "グランフォレスト桜町管理組合 第１８期 第４回理事会 議事録\n\n"
        "開催日時：２０２３年９月１０日（日）１０：００～１１：４５\n"
        "開催場所：グランフォレスト桜町 １階集会室\n"
        "出席理事：７名／８名（理事長 佐藤、副理事長 井口、理事 荒木）\n\n"
        "議案\n"
        "第１号議案 大規模修繕工事の施工会社選定について\n"
        "報告事項 管理費等の収支状況（８月分）\n\n"
        "第１号議案 大規模修繕工事の施工会社選定について\n"
        "管理会社：見積りを提出した４社の比較表を配布しました。\n"
        "荒木理事：過去の施工実績も比較すべきではないでしょうか。\n"
        "報告事項 管理費等の収支状況（８月分）\n"
        "管理会社：８月末の管理費滞納は２戸です。\n"
        "次回理事会：１０月８日（日）１０時から\n"
        "以上\n"
    )
    assert _items(minutes) == [
        (1, "大規模修繕工事の施工会社選定について"),
        (2, "報告事項 管理費等の収支状況(8月分)"),
    ]
    assert [(e.kind, e.speaker, e.text) for e in minutes.sections[0].items[1].entries] == [
        ("statement", "管理会社", "８月末の管理費滞納は２戸です。"),
        ("note", None, "次回理事会：１０月８日（日）１０時から"),
    ]


def test_an_unnumbered_title_under_a_category_key_and_again_in_the_body():
    text = (
        "昭和六十二年度第一回かすみ市青少年問題協議会会議録\n\n"
        "一　日時　　昭和六十二年七月十四日（火）　午前十時開会　午前十一時五十分散会\n"
        "二　場所　　かすみ市役所第一会議室\n"
        "三　出席委員\n"
        "　　大塚　正男（会長・市長）　宮崎　清　　山内　ふみ\n"
        "四　出席職員\n"
        "　　社会教育課長　　西村　昭一\n"
        "五　協議事項\n"
        "　　夏季休業中の青少年の健全育成について\n\n"
        "　夏季休業中の青少年の健全育成について\n"
        "会長（市長）　ただいまから協議会を開会いたします。\n"
        "社会教育課長　補導件数は四十二件であります。\n"
        "散会\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(1987, 7, 14),
        dt.time(10, 0),
        dt.time(11, 50),
    )
    assert minutes.attendees == ["大塚 正男", "宮崎 清", "山内 ふみ"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("西村 昭一", "社会教育課長")]
    assert minutes.agenda == ["夏季休業中の青少年の健全育成について"]
    assert _items(minutes) == [(1, "夏季休業中の青少年の健全育成について")]
    assert _speakers(minutes) == ["会長(市長)", "社会教育課長"]


def test_a_programme_with_no_key_then_numbered_again_with_its_turns():
    minutes = parse_minutes(
        "第3回 駅前広場の使い方を考えるワークショップ 記録\n\n"
        "日時 2022年10月15日（土）14:00～16:00\n"
        "場所 あけぼの市民会館 3階 会議室\n"
        "参加者 21名（公募市民15名、商店会3名、高校生3名）\n\n"
        "1. 前回の振り返り\n"
        "2. 社会実験の案の検討\n\n"
        "1. 前回の振り返り\n"
        "ファシリ：前回は三つのテーマで意見を出していただきました。\n"
        "2. 社会実験の案の検討\n"
        "参加者Ａ：休日にキッチンカーを呼んでみたいです。\n"
        "市（都市整備課）：警察との協議を進めます。\n"
        "以上\n"
    )
    assert minutes.agenda == ["1. 前回の振り返り", "2. 社会実験の案の検討"]
    assert _items(minutes) == [(1, "前回の振り返り"), (2, "社会実験の案の検討")]
    assert _speakers(minutes) == ["ファシリ", "参加者A", "市(都市整備課)"]


def test_an_order_of_business_with_no_list_in_the_header():
    text = (
        "令和４年第１１回とよはし野町教育委員会定例会会議録\n\n"
        "１　開催日時　令和４年１１月２５日（金）　午後３時００分開会　午後４時１０分閉会\n"
        "２　開催場所　とよはし野町役場　３階　第２会議室\n"
        "３　出席委員　教育長　高野　純一　　委員　森川　修二\n\n"
        "日程第１　議案第１７号　学校給食センター運営委員会規則の一部改正について\n"
        "教育長　日程第１、議案第１７号を議題とします。\n"
        "教育課長　保護者代表を１名加えるものです。\n"
        "日程第２　報告第９号　全国学力・学習状況調査の結果について\n"
        "学校教育係長　全国平均を上回りました。\n"
    )
    expected = [
        (1, "議案第17号 学校給食センター運営委員会規則の一部改正について"),
        (2, "報告第9号 全国学力・学習状況調査の結果について"),
    ]
    minutes = parse_minutes(text)
    assert _items(minutes) == expected
    assert _speakers(minutes) == ["教育長", "教育課長", "学校教育係長"]
    # printed with the closing time cut at the page's edge: 「…午後４時１０分」「閉会」
    lines = [("blank", "") if not line else ("text", line) for line in text.splitlines()]
    lines[2] = (
        "text",
        "１　開催日時　令和４年１１月２５日（金）　午後３時００分開会　午後４時１０分",
    )
    lines.insert(3, ("text", "閉会"))
    plain = Style("plain", str, lambda n, c: c, lambda n, t: t, numbers="none", footer=True)
    printed = parse_pdf(make_pdf(lines, plain))
    assert (printed.start_time, printed.end_time) == (dt.time(15, 0), dt.time(16, 10))
    assert _items(printed) == expected


# --- entries ----------------------------------------------------------------------------------


def test_the_votes_outcome_after_the_chairs_turn_is_the_records():
    assert _entries(
        "令和５年度第２回評議員会議事録\n日時　令和５年１２月１５日（金）午後１時３０分\n\n"
        "（１）第１号議案　補正予算（案）について\n"
        "○議長　ほかに御質問はございませんか。賛成の方は挙手願います。\n"
        "全員挙手により、第１号議案は原案のとおり承認された。\n"
        "○議長　次に第２号議案について説明をお願いします。\n"
    ) == [
        ("statement", "議長", "ほかに御質問はございませんか。賛成の方は挙手願います。"),
        ("note", "全員挙手により、第１号議案は原案のとおり承認された。"),
        ("statement", "議長", "次に第２号議案について説明をお願いします。"),
    ]


def test_kinds_of_points_alone_over_their_bullets_and_an_agreement_after_a_turn():
    assert _entries(
        "令和６年度第２回　東地区まちづくり推進協議会　会議概要\n"
        "日時：令和６年１０月８日（火）午後７時～午後８時３０分\n\n"
        "■地区の防災訓練の実施について\n"
        "（意見）\n"
        "・避難所の開設手順を、若い世代にも体験してもらいたい。\n"
        "（回答）\n"
        "・中学生に受付を手伝ってもらえるよう、学校と調整している。\n"
        "会長：猛暑の日は中止の基準を決めておきましょう。\n"
        "・暑さ指数３１以上の日は中止とすることで合意。\n"
    ) == [
        ("statement", "意見", "・避難所の開設手順を、若い世代にも体験してもらいたい。"),
        ("statement", "回答", "・中学生に受付を手伝ってもらえるよう、学校と調整している。"),
        ("statement", "会長", "猛暑の日は中止の基準を決めておきましょう。"),
        ("note", "・暑さ指数３１以上の日は中止とすることで合意。"),
    ]


def test_a_title_in_parentheses_alone_over_a_national_councils_points():
    assert _entries(
        "社会保障審議会地域共生部会（第９回）議事要旨\n"
        "日時：令和６年２月１４日（水）１０：００～１２：００\n\n"
        "（１）重層的支援体制整備事業の実施状況について\n"
        "事務局より資料１について説明を行った。委員からの主な意見は以下のとおり。\n"
        "（江口委員）\n"
        "・庁内の連携体制には差が大きい。\n"
        "（荒井部会長代理）\n"
        "・地域の社会資源の違いに留意すべき。\n"
    )[1:] == [
        ("statement", "江口委員", "・庁内の連携体制には差が大きい。"),
        ("statement", "荒井部会長代理", "・地域の社会資源の違いに留意すべき。"),
    ]


# --- PDFs -------------------------------------------------------------------------------------


def test_a_table_of_opinions_and_the_centres_answers_ended_by_a_heading():
    """「ご意見・ご要望｜センターの回答」 heads, each cell wrapped, 「４　その他」 under the table
    in the questions' column and a page number at the answers' side."""
    rows = [
        (
            ["印刷機の予約がいつも埋まっていて", "使えない。"],
            ["予約枠を１団体週２回までとし、", "空き状況を公開します。"],
        ),
        (["夜間の利用時間を２２時まで延長し", "てほしい。"], ["まずは金曜日のみ試行します。"]),
    ]

    def draw(canvas) -> None:
        canvas.setFont(font_name(), 10.5)
        canvas.drawString(70, 790, "令和５年度　ときわ市民活動センター利用者懇談会　記録")
        canvas.drawString(70, 770, "日時　令和６年３月２日（土）１４：００～１５：３０")
        canvas.drawString(70, 750, "３　意見交換")
        canvas.drawString(70, 730, "ご意見・ご要望")
        canvas.drawString(300, 730, "センターの回答")
        y = 713.0
        for question, answer in rows:
            for index in range(max(len(question), len(answer))):
                if index < len(question):
                    canvas.drawString(70, y, question[index])
                if index < len(answer):
                    canvas.drawString(300, y, answer[index])
                y -= 17
        canvas.drawString(70, y - 10, "４　その他")
        canvas.drawString(70, y - 27, "次回は９月頃の開催を予定。")
        canvas.drawString(70, y - 44, "以上")
        canvas.drawRightString(545, 40, "1")

    minutes = parse_pdf(_canvas_pdf(draw))
    # 「３　意見交換」「４　その他」 with no item under them: sections, as the text reads them
    assert [(s.number, s.category) for s in minutes.sections] == [(3, "意見交換"), (4, "その他")]
    assert [(e.kind, e.speaker, e.text) for e in minutes.entries()] == [
        ("statement", "意見", "印刷機の予約がいつも埋まっていて使えない。"),
        ("statement", "回答", "予約枠を１団体週２回までとし、空き状況を公開します。"),
        ("statement", "意見", "夜間の利用時間を２２時まで延長してほしい。"),
        ("statement", "回答", "まずは金曜日のみ試行します。"),
        ("note", None, "次回は９月頃の開催を予定。"),
    ]
    assert minutes.closing == "以上"


# --- found on the tester's second look --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Ａ班：男性の育休は取りやすくなったという意見が多かった。", "A班"),
        ("防災チーム：備蓄品の一覧を作りました。", "防災チーム"),
    ],
)
def test_groups_by_their_班_and_チーム(line, speaker):
    label = speaker_label(line)
    assert label is not None and label.speaker == speaker


@pytest.mark.parametrize(
    ("value", "names", "count"),
    [
        # titles glued after the names, the board counted in the parentheses after the last
        (
            "竹中理事長、荒井副理事長、内海理事、大沢理事、菊地理事（理事７名中５名出席）",
            ["竹中", "荒井", "内海", "大沢", "菊地"],
            5,
        ),
        # the chair of a 評議員会, one of its members, in the list of who attended
        (
            "会長　村上　和夫、常務理事　吉田　佳奈、議長　評議員　栗田　誠",
            ["村上 和夫", "吉田 佳奈", "栗田 誠"],
            None,
        ),
    ],
)
def test_board_members_with_their_titles(value, names, count):
    assert split_people(value) == (names, count)


def test_who_sat_in_is_no_absentee():
    minutes = parse_minutes(
        "ライオンズガーデン緑町管理組合　第２２期第９回理事会議事録\n\n"
        "日　時：2024/3/10（日）13:00～14:30\n"
        "場　所：集会所\n"
        "出席者：理事長 大島、副理事長 熊谷、理事 斉藤・新井・武藤（５名／６名）\n"
        "欠席者：理事 千葉\n"
        "陪席者：管理員\n\n"
        "【議事】\n"
        "１．次期役員の選任について\n"
        "【理事長】輪番表に従い、次期の理事候補６名を確認しました。\n"
        "・次期理事候補者を総会に上程することを承認。\n"
        "以上\n"
    )
    assert minutes.date == dt.date(2024, 3, 10)
    assert minutes.attendees == ["大島", "熊谷", "斉藤", "新井", "武藤"]
    assert minutes.absentees == ["千葉"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("", "管理員")]
    assert [(e.kind, e.speaker) for e in minutes.entries()] == [
        ("statement", "理事長"),
        ("note", None),
    ]


def test_keys_numbered_in_circles_and_listed_names_after_a_bullet():
    minutes = parse_minutes(
        "令和６年度　第５回　あさぎり地区社会福祉協議会役員会　記録\n\n"
        "①日時　令和６年９月５日（木）１０：００～１１：３０\n"
        "②場所　あさぎり地区センター　和室\n"
        "③出席者　上野会長、大竹副会長、金井、木村\n"
        "④欠席者　杉本\n"
        "⑤議題\n"
        "　（１）敬老会の準備について\n\n"
        "（１）敬老会の準備について\n"
        "・会長：対象者は４５６人で、昨年より１２人増えています。\n"
        "・金井：記念品の配布は、民生委員さんと手分けして行いましょう。\n"
        "以上\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 9, 5),
        dt.time(10, 0),
        dt.time(11, 30),
    )
    assert minutes.venue == "あさぎり地区センター 和室"
    assert minutes.attendees == ["上野", "大竹", "金井", "木村"]
    assert minutes.absentees == ["杉本"]
    assert _items(minutes) == [(1, "敬老会の準備について")]
    assert _speakers(minutes) == ["会長", "金井"]


def test_an_associations_meeting_day_and_hours_and_its_treasurer():
    minutes = parse_minutes(
        "ひまわり台自治会　令和６年度第６回役員会　議事録\n\n"
        "会議日：令和６年１０月６日（日）\n"
        "会議時間：１９時００分～２０時３０分\n"
        "会議場所：ひまわり台集会所\n"
        "出席役員：山崎会長、小泉副会長、高橋会計、中山（１班長）\n\n"
        "１．秋祭りの反省\n"
        "会長：来場者は昨年を上回りました。\n"
        "１班長：片付けの人数が足りませんでした。\n"
        "以上\n"
    )
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 10, 6),
        dt.time(19, 0),
        dt.time(20, 30),
    )
    assert minutes.attendees == ["山崎", "小泉", "高橋", "中山"]
    assert _speakers(minutes) == ["会長", "1班長"]


def test_a_bill_under_the_header_is_no_key_of_an_agenda():
    minutes = parse_minutes(
        "令和６年度第２回くすのき市都市計画審議会　議事録\n"
        "日付　令和６年８月２９日（木）\n"
        "時間　１４時００分から１５時３０分まで\n"
        "会場　くすのき市役所　第１委員会室\n"
        "出席委員　委員１５名中１３名\n\n"
        "議案第１号　くすのき都市計画用途地域の変更について\n"
        "会長　議案第１号について、事務局から説明をお願いします。\n"
        "事務局　駅北地区の用途地域を変更するものです。\n"
        "以上\n"
    )
    assert (minutes.attendees, minutes.attendee_count) == ([], 13)
    assert minutes.agenda == []
    assert _items(minutes) == [(1, "議案第1号 くすのき都市計画用途地域の変更について")]
    assert _speakers(minutes) == ["会長", "事務局"]


def test_a_circled_point_with_the_study_group_member_after_it():
    assert _entries(
        "第５回　こどもの居場所づくりに関する検討会　議事要旨\n"
        "日時：令和５年３月８日（水）１５：００～１７：００\n\n"
        "（１）報告書（案）について\n"
        "事務局から資料１に基づき説明を行った。主な意見は以下のとおり。\n"
        "○ こどもが自分で選べる「多様さ」を指標にすべき。（Ａ構成員）\n"
        "○ 人件費への支援が継続性の鍵となる。（Ｂ構成員）\n"
    )[1:] == [
        ("statement", "A構成員", "こどもが自分で選べる「多様さ」を指標にすべき。"),
        ("statement", "B構成員", "人件費への支援が継続性の鍵となる。"),
    ]


def test_the_end_in_the_same_half_of_the_day_and_items_numbered_with_dai():
    text = (
        "令和５年度第２回かすみ草市公民館運営審議会会議録\n\n"
        "日　時　令和５年１０月２４日（火）午後２時００分から同３時３０分まで\n"
        "場　所　かすみ草市中央公民館　講義室\n"
        "出席委員　大川　浩（会長）、北村　美樹\n\n"
        "第１　公民館利用者アンケートの結果について\n"
        "【事務局】満足度は８割を超えました。\n"
        "【北村委員】インターネット予約の利用率はどのくらいですか。\n"
        "【事務局】全体の約３５パーセントです。\n"
        "第２　令和６年度の講座計画について\n"
        "【会長】以上で本日の審議を終わります。\n"
        "閉会\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.start_time, minutes.end_time) == (dt.time(14, 0), dt.time(15, 30))
    assert _items(minutes) == [
        (1, "公民館利用者アンケートの結果について"),
        (2, "令和6年度の講座計画について"),
    ]
    assert _speakers(minutes) == ["事務局", "北村委員", "事務局", "会長"]
    plain = Style("plain", str, lambda n, c: c, lambda n, t: t, numbers="none", footer=True)
    lines = [("blank", "") if not line else ("text", line) for line in text.splitlines()]
    printed = parse_pdf(make_pdf(lines, plain, lines_per_page=8))
    assert _items(printed) == _items(minutes)
    assert _speakers(printed) == _speakers(minutes)


def test_a_subcommittees_chair_and_vice_chair_in_the_roster():
    assert split_people("佐藤分科会長、井上副分科会長、木下委員、松田委員")[0] == [
        "佐藤",
        "井上",
        "木下",
        "松田",
    ]


def test_printed_items_numbered_with_an_ascii_space_and_a_point_wrapped_before_its_member():
    """A PDF with no page-line numbers: 「1 趣旨説明」 is an item; a point wrapped at the page's
    edge with 「（Ａ構成員）」 on its second line is that member's turn, as on one line."""
    lines = [
        ("text", "みんなでつくる図書館ワークショップ（第1回）開催記録"),
        ("text", "開催日：2025年1月25日（土）"),
        ("blank", ""),
        ("text", "1 趣旨説明"),
        ("text", "・新図書館の基本計画づくりに向けて、市民の意見を聞く場として開催した。"),
        ("text", "2 意見交換"),
        ("text", "○ 居場所の「数」だけでなく、こどもが自分で選べる「多様さ」を指標にすべ"),
        ("text", "き。（Ａ構成員）"),
        ("text", "以上"),
    ]
    plain = Style("plain", str, lambda n, c: c, lambda n, t: t, numbers="none", footer=True)
    minutes = parse_pdf(make_pdf(lines, plain))
    assert _items(minutes) == [(1, "趣旨説明"), (2, "意見交換")]
    assert [(e.kind, e.speaker, e.text) for e in minutes.entries()] == [
        ("note", None, "・新図書館の基本計画づくりに向けて、市民の意見を聞く場として開催した。"),
        (
            "statement",
            "A構成員",
            "居場所の「数」だけでなく、こどもが自分で選べる「多様さ」を指標にすべき。",
        ),
    ]


def test_a_general_meetings_attendance_counted_out_of_its_members():
    assert split_people("組合員総数５６名中、出席１９名、委任状２６名、議決権行使書５名")[0] == []
