"""Styles read since the fourteenth session, found by testers writing the minutes of bodies the
importer had not seen (選挙管理委員会, 議会運営委員会, 全員協議会, 図書館協議会, 国の検討会, 社会福祉協議会 …);
each with its exact reading."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import parse_minutes
from kyodo.minutes_text._header import split_people, split_staff
from kyodo.minutes_text._syntax import clean_line, closing_line, nfkc, speaker_label
from kyodo.minutes_text.parser import _attributed

from .test_styles import _entries, _printed


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("書記長　　議案第２５号について御説明申し上げます。", "書記長"),
        ("司書　貸出冊数は前年度より増えています。", "司書"),
        ("学芸員　調査の結果を報告します。", "学芸員"),
        ("経営指導員　資料１のとおりです。", "経営指導員"),
        ("相談支援専門員　計画相談の件数です。", "相談支援専門員"),
        ("○長谷川幹事長　支援者の確保は課題です。", "長谷川幹事長"),
        # a residents' association, a co-op, a 農業委員会, a department answering
        ("内田（2班）：子ども神輿の参加が増えました。", "内田(2班)"),
        ("会員（8号棟）　見守り活動は具体的に。", "会員(8号棟)"),
        ("総代（北ブロック・木内）　第１号議案について質問します。", "総代(北ブロック・木内)"),
        ("市まちづくり推進課（桑原）：補助金の実績報告は不要です。", "市まちづくり推進課(桑原)"),
        ("５番　５番小宮山です。１０月１８日に現地を確認しました。", "5番"),
        ("４番（榎本委員）　１０月３日に事務局と現地を確認しました。", "4番(榎本委員)"),
        ("事務局　　（須田係長）はい。そのとおりです。", "事務局(須田係長)"),
        (clean_line("ｺｰﾃﾞｨﾈｰﾀｰ(山口)　夏休みの講座は満員でした。"), "コーディネーター(山口)"),
        # a body taking part after the mark, with who spoke for it
        (
            "○桜ヶ丘第二公園愛護会（勅使河原代表）　奨励金の単価が安い。",
            "桜ヶ丘第二公園愛護会(勅使河原代表)",
        ),
        ("○全国市長会　全国市長会でございます。", "全国市長会"),
    ],
)
def test_titles_of_staff_who_speak_without_a_mark(line, speaker):
    assert speaker_label(line).speaker == speaker


@pytest.mark.parametrize(
    "line",
    [
        "１番　大川ゆり　　　２番　小松健",  # a roster by seat
        "１２番　佐々木まゆみ",
        "事務局　（資料１）のとおりです。",
        "○第２回協議会　開催",
        "○定期総会　開会",
    ],
)
def test_lines_that_are_no_such_label(line):
    label = speaker_label(line)
    assert label is None or label.speaker == "事務局"


@pytest.mark.parametrize(
    ("part", "read"),
    [
        ("司書　遠藤　ゆかり", ("遠藤 ゆかり", "司書")),
        ("経営指導員　宇野　玲奈", ("宇野 玲奈", "経営指導員")),
        ("事務員　中島　由香（記録）", ("中島 由香", "事務員")),
        # what else the holder is, in parentheses between the title and the name
        (
            "書記長（選挙管理委員会事務局長）　　石川　健太郎",
            ("石川 健太郎", "書記長(選挙管理委員会事務局長)"),
        ),
        # the body they come from before the title
        (
            "東雲市社会福祉協議会　事務局長　真鍋　浩",
            ("真鍋 浩", "東雲市社会福祉協議会事務局長"),
        ),
        # an office in a ministry, no one named
        ("大臣官房審議官（老健局担当）", ("", "大臣官房審議官(老健局担当)")),
        # the title, the name, what else they are
        ("主任　ハリス・恵美（国際交流員）", ("ハリス・恵美", "主任(国際交流員)")),
    ],
)
def test_secretariat_titles_and_names(part, read):
    assert split_staff(part) == read


def test_the_same_title_as_the_one_before():
    minutes = parse_minutes(
        "いじめ問題対策連絡協議会　会議録\n"
        "日時：令和６年５月２９日（水）１５時００分～１６時３０分\n"
        "事務局：学校教育課長　青木　昭彦、学校教育課指導主事　中川　里奈、同　池端　翔\n"
        "\n"
        "１　認知件数について\n"
        "（事務局）資料１に基づき説明。\n"
    )
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("学校教育課長", "青木 昭彦"),
        ("学校教育課指導主事", "中川 里奈"),
        ("学校教育課指導主事", "池端 翔"),
    ]


ZENKYO = (
    "令和6年　全員協議会（3月15日）\n"
    "\n"
    "　　　　　　　　　　　全員協議会記録\n"
    "\n"
    "１　日　　時　　令和６年３月１５日（金）　午前１０時００分～午前１１時２８分\n"
    "２　場　　所　　本会議場\n"
    "\n"
    "　　　△新庁舎建設基本計画（案）について\n"
    "◯議長（大橋正則君）　ただいまから全員協議会を開会いたします。\n"
    "◯総務部長（小松原健二君）　資料に基づき御説明いたします。\n"
    "◯議長（大橋正則君）　御異議なしと認めます。\n"
    "────────────────────────────\n"
    "　　△議案第３１号　令和７年度大嶺市一般会計予算（所管部分）\n"
    "◯議長（大橋正則君）　議案第３１号を議題といたします。\n"
)


def test_an_assembly_record_titled_kiroku_with_its_marked_headings():
    minutes = parse_minutes(ZENKYO)
    assert minutes.title == "全員協議会記録"
    assert minutes.date == dt.date(2024, 3, 15)
    assert minutes.venue == "本会議場"
    items = [item.title for section in minutes.sections for item in section.items]
    assert items == [
        "新庁舎建設基本計画(案)について",
        "議案第31号 令和7年度大嶺市一般会計予算(所管部分)",
    ]
    assert [e.speaker for e in minutes.entries()] == [
        "議長(大橋正則君)",
        "総務部長(小松原健二君)",
        "議長(大橋正則君)",
        "議長(大橋正則君)",
    ]
    assert _entries(ZENKYO)[2] == ("statement", "議長(大橋正則君)", "御異議なしと認めます。")


def test_names_after_a_count_are_kept():
    # The words after 「１８名」 were dropped up to twenty characters, as if a bracket closed there.
    assert split_people("１８名、井坂　昭夫、上村　道子、遠藤　茂、大沢　弘美、小川　信一") == (
        ["井坂 昭夫", "上村 道子", "遠藤 茂", "大沢 弘美", "小川 信一"],
        18,
    )
    assert split_people("有賀委員、井上委員＜以上１２名、五十音順＞") == (["有賀", "井上"], 12)


SENKAN = (
    "大豊市選挙管理委員会定例会会議録\n"
    "\n"
    "１　招集年月日　　令和６年１２月２日（月）\n"
    "２　招集場所　　　大豊市役所　本館４階　第２委員会室\n"
    "３　開会　　　　　午前１０時００分\n"
    "４　出席委員\n"
    "　　委員長　　黒田　良雄　　　委員長職務代理者　　白石　幸子\n"
    "５　来　賓　　大豊市明るい選挙推進協議会長　大森　雅史　様\n"
    "６　出席職員\n"
    "　　書記長（選挙管理委員会事務局長）　　石川　健太郎\n"
    "\n"
    "○議案第２５号　投票区の変更について\n"
    "委員長　　議案第２５号を議題とします。\n"
    "書記長　　議案第２５号について御説明申し上げます。\n"
    "委員長　　原案のとおり決定します。\n"
)


def test_an_election_board_with_its_summons_and_a_guest():
    minutes = parse_minutes(SENKAN)
    assert minutes.date == dt.date(2024, 12, 2)
    assert minutes.start_time == dt.time(10, 0)
    assert minutes.venue == "大豊市役所 本館4階 第2委員会室"
    # The guest is read, not kept as a member.
    assert minutes.attendees == ["黒田 良雄", "白石 幸子"]
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("書記長(選挙管理委員会事務局長)", "石川 健太郎")
    ]
    assert [e.speaker for e in minutes.entries()] == ["委員長", "書記長", "委員長"]


SEISHONEN = (
    "南台市青少年問題協議会　議事要旨\n"
    "\n"
    "１　日時　令和元年５月２８日（火）　午前１０時～１１時３０分\n"
    "２　出席委員\n"
    "　　会長　　南台市長　　　　　　　　　　　　工藤　正和\n"
    "　　副会長　南台市教育長　　　　　　　　　　望月　真理子\n"
    "　　委員　　南台市議会議員　　　　　　　　　浅野　隆之\n"
    "　　委員　　南台市青少年育成推進員協議会長　富田　和子\n"
    "　　委員　　南台市子ども会育成連合会長　　　水谷　裕二\n"
    "　委　員　柊野市立中学校長会代表（柊野第二中学校長）　大畑　克己\n"
    "３　事務局\n"
    "　　青少年課長　　　太田　俊介\n"
    "\n"
    "（１）事業の実施結果について\n"
    "事務局から資料１に基づき説明。\n"
)


def test_a_roster_with_each_members_affiliation_in_a_column():
    minutes = parse_minutes(SEISHONEN)
    # The affiliation (「南台市議会議員」「…連合会長」 with kana in it) is no name, nor the end of
    # the header.
    assert minutes.attendees == [
        "工藤 正和",
        "望月 真理子",
        "浅野 隆之",
        "富田 和子",
        "水谷 裕二",
        "大畑 克己",
    ]
    assert [(s.title, s.name) for s in minutes.secretariat] == [("青少年課長", "太田 俊介")]
    assert _entries(SEISHONEN) == [("note", "事務局から資料１に基づき説明。")]


def test_a_summarys_points_with_who_made_them_after_each():
    text = (
        "青少年問題協議会　議事要旨\n"
        "日時　令和元年５月２８日（火）\n"
        "\n"
        "（１）事業の実施結果について\n"
        "　　事務局から資料１に基づき説明。\n"
        "　　・補導件数は減少しているが、家庭向けの啓発が必要。（市川委員）\n"
        "　　・職場体験の受入れ先が不足している。（Ａ委員）\n"
        "　　・今年度も同じ体制で実施する。（事務局）\n"
    )
    assert _entries(text) == [
        ("note", "事務局から資料１に基づき説明。"),
        ("statement", "市川委員", "補導件数は減少しているが、家庭向けの啓発が必要。"),
        ("statement", "A委員", "職場体験の受入れ先が不足している。"),
        ("statement", "事務局", "今年度も同じ体制で実施する。"),
    ]
    # What is in parentheses after the point must be a speaker's label.
    assert _attributed("・数字に誤りがあった。（資料２）") is None
    assert _attributed("委員長　そうですね。（笑）") is None


def test_residents_named_with_their_group_in_the_roster():
    assert split_people("〔幹事〕浜田　幸三、三上　陽介") == (["浜田 幸三", "三上 陽介"], None)
    assert split_people("会長 村井、書記 佐々木、班長 石原（1班）・内田（2班）・遠藤（3班）") == (
        ["村井", "佐々木", "石原", "内田", "遠藤"],
        None,
    )


_LISTED_THEN_MARKED = (
    "多文化共生推進委員会　議事録\n"
    "日時：令和7年1月18日（土）14:00～16:00\n"
    "事務局：事務局長　井口　哲\n"
    "\n"
    "{key}"
    "１　外国人相談窓口について\n"
    "２　その他\n"
    "\n"
    "{marker}\n"
    "１　外国人相談窓口について\n"
    "事務局（石川）：資料1により説明。\n"
    "２　その他\n"
    "松浦委員長：以上です。\n"
)


@pytest.mark.parametrize(
    ("key", "marker"),
    [
        ("議題\n", "議事"),  # 「議事」 alone was a second section, the list's items empty
        ("議題\n", "◎会議の経過"),  # was the list's last item
        ("", "【議事の内容】"),  # a list with no key: was read as the body
    ],
)
def test_the_headers_list_then_the_body_numbering_it_again(key, marker):
    minutes = parse_minutes(_LISTED_THEN_MARKED.format(key=key, marker=marker))
    assert minutes.agenda == ["1 外国人相談窓口について", "2 その他"]
    assert [(s.category, [i.title for i in s.items]) for s in minutes.sections] == [
        ("議事" if marker == "議事" else "", ["外国人相談窓口について", "その他"])
    ]
    assert [e.speaker for e in minutes.entries()] == ["事務局(石川)", "松浦委員長"]


@pytest.mark.parametrize(
    "line",
    [
        "―了―",
        "（閉会　正午）",
        "（終了　１６：００）",
        "(以上、20:30終了)",
        "以上をもって全ての議案の審議を終了したので、議長は16時05分に閉会を宣し、議長を退任した。",
        "議長が議事の終了を告げ、副会長福田が閉会を宣言した。（午前11時40分）",
    ],
)
def test_closings_of_other_bodies(line):
    assert closing_line(line) == nfkc(line).strip()


@pytest.mark.parametrize("line", ["了解しました。", "終了後に説明会を開きます。"])
def test_no_closing(line):
    assert closing_line(line) is None


def test_a_residents_meeting_told_with_who_reported():
    text = (
        "さくら台自治会　定期総会　議事録\n"
        "日時　令和６年４月２１日（日）午前１０時～\n"
        "\n"
        "１　開会\n"
        "副会長　木村　隆が開会を宣言した。\n"
        "２　事業報告\n"
        "会長　佐藤　清より、資料に基づき説明があった。\n"
        "会員（８号棟）　見守り活動は具体的にどうするのですか。\n"
        "会長　　班ごとに当番を決めて回ります。\n"
        "副会長　木村　隆が閉会を宣言し、午前１１時３０分に閉会した。\n"
    )
    minutes = parse_minutes(text)
    assert _entries(text) == [
        ("note", "副会長　木村　隆が開会を宣言した。"),
        ("note", "会長　佐藤　清より、資料に基づき説明があった。"),
        ("statement", "会員(8号棟)", "見守り活動は具体的にどうするのですか。"),
        ("statement", "会長", "班ごとに当番を決めて回ります。"),
    ]
    assert minutes.closing == "副会長 木村 隆が閉会を宣言し、午前11時30分に閉会した。"


KENTOKAI = (
    "第５回　地域公共交通の再構築に関する検討会\n"
    "議事録\n"
    "\n"
    "１．日時：令和６年１２月１２日（木）１０：００～１２：０５\n"
    "２．場所：中央合同庁舎３号館１０階　共用会議室Ａ\n"
    "３．出席者：\n"
    "（構成員）\n"
    "　井口座長、上野座長代理、大森構成員\n"
    "（国土交通省）\n"
    "　鶴田公共交通政策審議官、山科大臣官房審議官、堀内地域交通課長\n"
    "４．議事\n"
    "（１）これまでの議論の整理（案）について\n"
    "\n"
    "【議事録】\n"
    "\n"
    "○堀内地域交通課長　ただいまから第５回検討会を開催いたします。\n"
    "○井口座長　本日もよろしくお願いいたします。\n"
)


def test_a_ministrys_study_group_with_its_officials_as_the_secretariat():
    minutes = parse_minutes(KENTOKAI)
    # The body's name on the line above 「議事録」 is the title's, not an organization.
    assert (minutes.title, minutes.organization) == (
        "第5回 地域公共交通の再構築に関する検討会 議事録",
        None,
    )
    assert minutes.meeting_number == 5
    assert minutes.attendees == ["井口", "上野", "大森"]
    # 「（国土交通省）」 over its officials: the secretariat; the words of a ministry's
    # departments before each title (公共交通政策審議官, 大臣官房審議官).
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("公共交通政策審議官", "鶴田"),
        ("大臣官房審議官", "山科"),
        ("地域交通課長", "堀内"),
    ]
    assert [e.speaker for e in minutes.entries()] == ["堀内地域交通課長", "井口座長"]


def test_a_title_on_two_lines_with_the_sitting_on_the_second():
    minutes = parse_minutes(
        "岩手沢県社会福祉審議会児童福祉専門分科会里親部会\n"
        "令和６年度第２回　会議録\n"
        "日時：令和６年１１月２５日（月）１０時～１２時\n"
        "\n"
        "部会長：ただいまから開会します。\n"
    )
    assert minutes.title == "岩手沢県社会福祉審議会児童福祉専門分科会里親部会 令和6年度第2回 会議録"
    assert (minutes.organization, minutes.fiscal_year, minutes.meeting_number) == (None, 2024, 2)


KOTSU = (
    "第１２回かもめ市地域公共交通会議　会議録\n"
    "日　　時　令和６年１１月７日（木）　午後３時００分～午後４時３０分　　場　　所　かもめ市役所　会議室Ａ\n"
    "出 席 者　【委員】松下　浩一（会長）、田島　祥子、井口　武　　　計３名　　欠 席 者　遠山　徹、日比野　誠\n"
    "会議の経過\n"
    "No.　発言者　発言内容\n"
    "議題１　コミュニティバス運行実績について\n"
    "1　会長　それでは議題１について、事務局から説明をお願いします。\n"
    "2　事務局（交通政策課）　資料１をご覧ください。利用者数は年間１８万人です。\n"
    "3　委員（バス事業者）　増便については、運転士の確保が課題です。\n"
)


def test_a_table_of_turns_with_numbered_rows_and_a_header_row_of_four_cells():
    minutes = parse_minutes(KOTSU)
    assert minutes.venue == "かもめ市役所 会議室A"
    # 「欠 席 者」 in the same row as the attendees: a field of its own.
    assert minutes.attendees == ["松下 浩一", "田島 祥子", "井口 武"]
    assert minutes.absentees == ["遠山 徹", "日比野 誠"]
    # The row's number (the 「No.」 column) is no part of the label.
    assert _entries(KOTSU) == [
        ("statement", "会長", "それでは議題１について、事務局から説明をお願いします。"),
        ("statement", "事務局(交通政策課)", "資料１をご覧ください。利用者数は年間１８万人です。"),
        ("statement", "委員(バス事業者)", "増便については、運転士の確保が課題です。"),
    ]


def test_a_remark_under_a_field_and_a_groups_remark_after_its_key():
    minutes = parse_minutes(
        "鶴ヶ丘市情報公開・個人情報保護審査会　会議録\n"
        "１　開催日時　令和６年９月１９日（木）午後２時００分～午後４時１５分\n"
        "２　出席委員\n"
        "　【委員】（敬称略・五十音順）\n"
        "　　奥村　昌平、杉浦　真理子\n"
        "３　実施機関　学校教育課　課長　長谷部　隆\n"
        "　　　　　　　（諮問第１２号の審議時のみ出席）\n"
        "４　事務局　　総務部総務課長　今泉　洋一\n"
        "\n"
        "（１）諮問第１１号について\n"
        "会長　審議を始めます。\n"
    )
    assert minutes.attendees == ["奥村 昌平", "杉浦 真理子"]
    assert [(s.title, s.name) for s in minutes.secretariat] == [("総務部総務課長", "今泉 洋一")]
    assert [e.speaker for e in minutes.entries()] == ["会長"]


SOKAI = (
    "ひばりヶ丘団地自治会　第52回定期総会　議事録\n"
    "\n"
    "１．日　時　令和6年4月21日（日）　午前10時00分～午前11時40分\n"
    "２．場　所　ひばりヶ丘団地集会所　大集会室\n"
    "３．会員数　412世帯\n"
    "４．出席者　本人出席　58名、委任状提出　187名、計245名\n"
    "　　（会則第15条により、会員の過半数の出席で総会は成立）\n"
    "５．議　長　3号棟　前川　清（議長選出により）\n"
    "６．議事録署名人　5号棟　大谷　洋子、11号棟　須藤　健\n"
    "７．議　案\n"
    "　第1号議案　令和5年度事業報告\n"
    "　第2号議案　令和5年度決算報告\n"
    "８．議事の経過\n"
    "第1号議案　令和5年度事業報告\n"
    "　会長（藤本）　議案書2ページから5ページのとおり報告します。\n"
    "　会員（8号棟）　見守り活動は具体的に何をしているのですか。\n"
    "第2号議案　令和5年度決算報告\n"
    "　会計（宮田）　議案書6ページのとおり報告します。\n"
)


def test_a_residents_general_meeting_with_its_numbered_header():
    minutes = parse_minutes(SOKAI)
    # The members present counted in parts and in all; the size of the association, the chair
    # and the signers read and not kept; the bills listed under 「議　案」.
    assert (minutes.attendees, minutes.attendee_count) == ([], 245)
    assert minutes.agenda == ["第1号議案 令和5年度事業報告", "第2号議案 令和5年度決算報告"]
    items = [item.title for section in minutes.sections for item in section.items]
    assert items == ["令和5年度事業報告", "令和5年度決算報告"]
    assert [e.speaker for e in minutes.entries()] == ["会長(藤本)", "会員(8号棟)", "会計(宮田)"]


RENGOKAI = (
    "※本記録は、昭和六十三年当時の手書きの議事録を、平成二十七年に入力したものです。\n"
    "\n"
    "東町内会連合会　昭和六十三年度第三回定例役員会議事録\n"
    "\n"
    "一、日　時　昭和六十三年十月五日（水）午後七時三十分より\n"
    "一、出席者　会長　大塚清一、副会長　松井トシ、同　長尾正吉、各町内会長　十二名\n"
    "一、欠席者　八幡町町内会長　寺田勇（病気のため）\n"
    "\n"
    "一、議　事\n"
    "　第一号議題　秋季大運動会の反省について\n"
    "　第二号議題　歳末たすけあい募金について\n"
    "\n"
    "会長挨拶\n"
    "○会長（大塚）　皆さん夜分ご苦労様です。\n"
    "\n"
    "第一号議題　秋季大運動会の反省について\n"
    "○書記（岩崎）　参加者は約八百五十名。\n"
    "\n"
    "第二号議題　歳末たすけあい募金について\n"
    "○副会長（松井）　本年も各戸三百円以上のご協力をお願いしたい。\n"
)


def test_a_neighbourhood_federations_minutes_typed_from_a_handwritten_record():
    minutes = parse_minutes(RENGOKAI)
    # The note on the copy above the title is not the title.
    assert minutes.title == "東町内会連合会 昭和六十三年度第三回定例役員会議事録"
    assert minutes.date == dt.date(1988, 10, 5)
    # 「同　長尾正吉」 the same office; 「各町内会長　十二名」 counted, no one named.
    assert (minutes.attendees, minutes.attendee_count) == (["大塚清一", "松井トシ", "長尾正吉"], 12)
    assert minutes.absentees == ["寺田勇"]
    assert minutes.agenda == [
        "第一号議題 秋季大運動会の反省について",
        "第二号議題 歳末たすけあい募金について",
    ]
    items = [(i.number, i.title) for s in minutes.sections for i in s.items]
    assert items == [
        (0, "開会"),
        (1, "秋季大運動会の反省について"),
        (2, "歳末たすけあい募金について"),
    ]
    assert _entries(RENGOKAI) == [
        ("note", "会長挨拶"),
        ("statement", "会長(大塚)", "皆さん夜分ご苦労様です。"),
        ("statement", "書記(岩崎)", "参加者は約八百五十名。"),
        ("statement", "副会長(松井)", "本年も各戸三百円以上のご協力をお願いしたい。"),
    ]


COVER_AND_CONTENTS = (
    "令和６年第９回\n"
    "ひばり市教育委員会定例会\n"
    "会　議　録\n"
    "\n"
    "目　　次\n"
    "１　開会……………………………………………1\n"
    "２　教育長報告………………………………………1\n"
    "３　議事………………………………………………2\n"
    "　議案第３２号　教科用図書の採択について………2\n"
    "４　閉会………………………………………………3\n"
    "\n"
    "令和６年第９回ひばり市教育委員会定例会会議録\n"
    "１　日　　時　　令和６年９月１０日（火）\n"
    "　　　　　　　　午後２時００分開会　　午後３時２０分閉会\n"
    "２　場　　所　　ひばり市役所　第２会議室\n"
    "３　出席委員　　教育長　　　　　　石川　良平\n"
    "　　　　　　　　委員　　　　　　　永井　康弘\n"
    "４　書　　記　　教育総務課主査　　谷口　翔\n"
    "\n"
    "１　開会\n"
    "教育長　ただいまから定例会を開会いたします。\n"
    "２　教育長報告\n"
    "教育長　夏季休業中の事故はありませんでした。\n"
)


def test_a_cover_and_a_table_of_contents_before_the_minutes():
    printed, typed = _printed(COVER_AND_CONTENTS, numbers="none", lines_per_page=40)
    for minutes in (typed, printed):
        # The cover's three lines are the title; the contents' lines are no items.
        assert minutes.title == "令和6年第9回ひばり市教育委員会定例会 会議録"
        assert (minutes.start_time, minutes.venue) == (dt.time(14, 0), "ひばり市役所 第2会議室")
        assert minutes.attendees == ["石川 良平", "永井 康弘"]
        # 「書　　記」 numbered among the fields: the secretariat.
        assert [(s.title, s.name) for s in minutes.secretariat] == [("教育総務課主査", "谷口 翔")]
        items = [i.title for s in minutes.sections for i in s.items]
        assert items == ["開会", "教育長報告"]
        assert [e.speaker for e in minutes.entries()] == ["教育長", "教育長"]


GIKAI_INDEX = (
    "令和６年第４回あかね市議会定例会会議録\n"
    "目　　次\n"
    "第３日（１２月１０日）\n"
    "議事日程・・・・・・・・・・・・・・・・・・・・１\n"
    "一般質問・・・・・・・・・・・・・・・・・・・・２\n"
    "　３番　丸山　恵　君・・・・・・・・・・・・・・２\n"
    "散会・・・・・・・・・・・・・・・・・・・・・・５\n"
    "令和６年第４回あかね市議会定例会会議録（第３号）\n"
    "\n"
    "令和６年１２月１０日（火曜日）　午前１０時開議\n"
    "\n"
    "議事日程（第３号）\n"
    "　第１　一般質問\n"
    "\n"
    "出席議員（２名）\n"
    "　１番　荒川　和美　　２番　井口　哲也\n"
    "\n"
    "事務局職員出席者\n"
    "　事務局長 宮崎 隆 議事係長 西村 彩\n"
    "\n"
    "　　　　午前１０時００分開議\n"
    "◎日程第１　一般質問\n"
    "○議長（吉村孝雄君）　日程第１、一般質問を行います。\n"
    "○３番（丸山恵君）　空き家対策について伺います。\n"
)


def test_an_assembly_days_record_with_its_index():
    minutes = parse_minutes(GIKAI_INDEX)
    # The index is left out (its part's heading among its lines too); the day's own title,
    # the volume's with 「（第３号）」, is the title.
    assert minutes.title == "令和6年第4回あかね市議会定例会会議録(第3号)"
    # an assembly's roster by seat, one space inside each name (kept since the eighth set)
    assert minutes.attendees == ["荒川 和美", "井口 哲也"]
    # Titles and names spaced singly, as a PDF's columns come out.
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("事務局長", "宮崎 隆"),
        ("議事係長", "西村 彩"),
    ]
    # 「◎日程第１」 right after 開議: the item the 議事日程 lists, not a header line.
    assert [i.title for s in minutes.sections for i in s.items] == ["一般質問"]
    assert [e.speaker for e in minutes.entries()] == ["議長(吉村孝雄君)", "3番(丸山恵君)"]


def test_a_chairs_line_cut_at_the_edge_is_no_closing():
    assert closing_line("以上で本日の日程は全て終了いたしました。本日はこれで散会いたし") is None
    assert closing_line("以上で本日の会議を終了します") == "以上で本日の会議を終了します"


def test_a_roster_table_with_a_column_of_attendance():
    minutes = parse_minutes(
        "令和６年度　第３回つばき市社会教育委員会議　会議録\n"
        "１　開催日時　　令和６年１１月１４日（木）　午後７時００分から午後８時３０分まで\n"
        "２　出席者\n"
        "区分　氏名　所属等　出欠\n"
        "学校教育関係者　森下　和彦　つばき市立第一中学校長　○\n"
        "社会教育関係者　太田　信吾　つばき市子ども会育成連絡協議会　×\n"
        "学識経験者　木下　聡　つばき大学教育学部教授（副議長）　○\n"
        "公募委員　倉田　真由美　　○\n"
        "　　※出欠欄　○：出席　×：欠席\n"
        "３　傍聴者　　なし\n"
        "\n"
        "１　開会\n"
        "議長：ただいまから開会します。\n"
    )
    assert minutes.attendees == ["森下 和彦", "木下 聡", "倉田 真由美"]
    assert minutes.absentees == ["太田 信吾"]


def test_a_roster_numbered_into_its_groups():
    minutes = parse_minutes(
        "令和６年度第２回さくら市環境審議会計画部会　議事要旨\n"
        "１　日　時\n"
        "　　令和６年１０月２３日（水）　午前１０時００分～午前１１時５０分\n"
        "２　出席者\n"
        "　（１）委員\n"
        "委員名　出欠\n"
        "会　長　　大塚　正樹　出席\n"
        "委　員　　高野　美穂　欠席\n"
        "委　員　　中原　佳代　オンライン\n"
        "　（２）事務局\n"
        "　　　環境政策課長　　　　寺田　知子\n"
        "３　議　題\n"
        "　（１）中間評価について\n"
        "４　議事要旨\n"
        "（１）中間評価について\n"
        "（委員）削減が遅れている要因は。\n"
    )
    assert minutes.attendees == ["大塚 正樹", "中原 佳代"]
    assert minutes.absentees == ["高野 美穂"]
    assert [(s.title, s.name) for s in minutes.secretariat] == [("環境政策課長", "寺田 知子")]
    assert minutes.agenda == ["(1)中間評価について"]
    assert [e.speaker for e in minutes.entries()] == ["委員"]


def test_an_assembly_committees_roster_spaced_to_its_columns():
    minutes = parse_minutes(
        "令和６年９月１２日　予算特別委員会（第２日）\n"
        "予算特別委員会記録（第２日）\n"
        "\n"
        "１　日　時　　令和６年９月１２日（木）　午前１０時開議\n"
        "２　出席委員（４名）\n"
        "　　委 員 長　　山　下　　　誠　君　　　副委員長　　小野田　雅　美　君\n"
        "　　委　　員　　岡　本　　　葵　君　　　委　　員　　川　島　正　樹　君\n"
        "３　欠席委員　　な　し\n"
        "４　職務のため出席した議会事務局職員\n"
        "　　議事調査課長　　大塚　秀明　　　議事調査課主任　　福井　亜希\n"
        "\n"
        "◯委員長（山下　誠君）　ただいまから予算特別委員会を開会いたします。\n"
    )
    assert minutes.title == "予算特別委員会記録(第2日)"
    assert (minutes.attendees, minutes.absentees) == (
        ["山下誠", "小野田雅美", "岡本葵", "川島正樹"],
        [],
    )
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("議事調査課長", "大塚 秀明"),
        ("議事調査課主任", "福井 亜希"),
    ]


def test_a_committees_header_with_names_padded_to_their_columns():
    minutes = parse_minutes(
        "総務常任委員会会議録\n"
        "日　　時　令和６年６月１７日（月）\n"
        "場　　所　第１委員会室\n"
        "出席委員　委 員 長　小野寺　誠　　　副委員長　三浦　由紀\n"
        "　　　　　委　　員　工藤　大輔　　　委　　員　前川　　聡\n"
        "欠席委員　なし\n"
        "説 明 員　総務部長　桑原　浩二　　　総務課長　西田　　亮\n"
        "　　　　　財政課長　菅野　美和\n"
        "事 務 局　議事課長　今井　直樹　　　議事課主査　森　　恵理\n"
        "\n"
        "○小野寺委員長　ただいまから総務常任委員会を開会いたします。\n"
        "◎開議の宣告\n"
    )
    assert minutes.attendees == ["小野寺 誠", "三浦 由紀", "工藤 大輔", "前川 聡"]
    # The officials on the key's own line are not absentees: they are kept with the secretariat.
    assert minutes.absentees == []
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("総務部長", "桑原 浩二"),
        ("総務課長", "西田 亮"),
        ("財政課長", "菅野 美和"),
        ("議事課長", "今井 直樹"),
        ("議事課主査", "森 恵理"),
    ]


def test_an_assemblys_first_heading_after_the_secretariat():
    minutes = parse_minutes(
        "令和６年第３回ゆりが丘市議会定例会会議録（第３号）\n"
        "令和６年９月１１日（水曜日）\n"
        "事務局職員出席者\n"
        "　事務局長　　松井　康夫　　　　　議事課長　　　吉岡　直子\n"
        "\n"
        "◎開議の宣告\n"
        "○議長（中山昭雄君）　ただいまから本日の会議を開きます。\n"
    )
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("事務局長", "松井 康夫"),
        ("議事課長", "吉岡 直子"),
    ]
    assert [(e.kind, e.speaker) for e in minutes.entries()] == [
        ("note", None),
        ("statement", "議長(中山昭雄君)"),
    ]


def test_a_welfare_corporations_board_and_a_council_with_its_staff_listed_apart():
    board = parse_minutes(
        "社会福祉法人やすらぎ会　理事会議事録\n"
        "１　開催日時　　令和６年５月２８日（火）　午後２時００分から午後３時２０分まで\n"
        "２　理事総数及び出席者数\n"
        "　　理事総数　６名　　出席理事数　５名\n"
        "　　出席理事　　　松井　太一（理事長）、野口　明美\n"
        "３　議事録署名人　　定款第３０条第２項の規定により、出席した理事長及び監事が記名押印する。\n"
        "４　議事の経過及びその結果\n"
        "第１号議案　令和５年度事業報告の承認について\n"
        "議長　第１号議案についてお諮りします。\n"
        "　全員異議なく原案のとおり承認された。\n"
    )
    assert (board.attendees, board.attendee_count) == (["松井 太一", "野口 明美"], 5)
    assert [i.title for s in board.sections for i in s.items] == ["令和5年度事業報告の承認について"]
    assert [(e.kind, e.speaker) for e in board.entries()] == [
        ("statement", "議長"),
        ("note", None),
    ]
    council = parse_minutes(
        "第２回ゆうひ市行政改革推進委員会会議録\n"
        "開催日時　令和６年７月９日（火）\n"
        "出席者（委員）\n"
        "　　会　長　浅井　俊彦　委　員　秋山　芳江\n"
        "出席者（事務局）\n"
        "　　行政経営部長　林田　浩\n"
        "\n"
        "○会長　それでは始めます。\n"
    )
    assert council.attendees == ["浅井 俊彦", "秋山 芳江"]
    assert [(s.title, s.name) for s in council.secretariat] == [("行政経営部長", "林田 浩")]


def test_the_records_own_lines_after_a_turn():
    text = (
        "みどり台マンション管理組合　理事会議事録\n"
        "日時：令和６年９月８日（日）１０時～１２時\n"
        "\n"
        "１　大規模修繕工事の施工会社の選定について\n"
        "　議長：契約前に施工会社に確認し、次回理事会で報告する。\n"
        "採決の結果、賛成８名、反対０名で、原案のとおり承認された。なお、本件は臨時総会に上程する。\n"
        "２　区民会議の提言について\n"
        "　→（委員長）提言書の最後に「フォローアップ」の項目を設けることとしたい。\n"
        "　骨子案について、いただいた意見を踏まえて修正し、次回素案として示すことを確認した。\n"
        "３　事業計画について\n"
        "　（片平常務理事）短時間でも参加できる仕組みを検討している。\n"
        "　ほかに質疑はなく、議長が本議案の承認について諮ったところ、原案のとおり承認された。\n"
    )
    assert [(e.kind, e.speaker) for e in parse_minutes(text).entries()] == [
        ("statement", "議長"),
        ("note", None),
        ("statement", "委員長"),
        ("note", None),
        ("statement", "片平常務理事"),
        ("note", None),
    ]


def test_a_long_heading_the_header_lists_after_a_turn():
    text = (
        "鶴ヶ丘市情報公開・個人情報保護審査会　会議録\n"
        "１　開催日時　令和６年９月１９日（木）午後２時００分～午後４時１５分\n"
        "２　議題\n"
        "　（１）諮問第１１号について\n"
        "　（２）諮問第１２号　保有個人情報不開示決定に対する審査請求について（実施機関からの意見聴取）\n"
        "３　会議の経過\n"
        "\n"
        "（１）諮問第１１号について\n"
        "会長　　　答申は後日、市長あてに行います。\n"
        "\n"
        "（２）諮問第１２号　保有個人情報不開示決定に対する審査請求について（実施機関からの意見聴取）\n"
        "会長　　　続きまして議題（２）に移ります。\n"
    )
    minutes = parse_minutes(text)
    assert [i.title for s in minutes.sections for i in s.items] == [
        "諮問第11号について",
        "諮問第12号 保有個人情報不開示決定に対する審査請求について(実施機関からの意見聴取)",
    ]


def test_documents_after_the_chair_closes_the_meeting_in_words():
    minutes = parse_minutes(
        "みずほ市地域包括支援センター運営協議会　会議録\n"
        "日時：令和６年１１月５日（火）１４時～１５時３０分\n"
        "\n"
        "１　今後の日程について\n"
        "事務局：次回は令和７年２月に開催予定です。\n"
        "会長：以上で本日の協議会を閉会します。\n"
        "\n"
        "配付資料\n"
        "資料１　令和５年度事業実績報告\n"
        "\n"
        "令和６年度　事業計画\n"
        "１　基本方針\n"
        "　高齢者が住み慣れた地域で暮らし続けることができるよう取り組む。\n"
    )
    # The chair's closing is speech (no closing line), but what follows is the appendix.
    assert [e.speaker for e in minutes.entries()] == ["事務局", "会長"]
    assert [i.title for s in minutes.sections for i in s.items] == ["今後の日程について"]
    assert minutes.closing is None
    assert [a.title for a in minutes.appendix][:2] == ["配付資料", "資料１　令和５年度事業実績報告"]


def test_a_running_head_that_is_the_title_without_its_kaigiroku():
    text = (
        "第３回東雲市地域福祉計画策定委員会　会議録\n"
        "日時：令和７年２月１８日（火）１０時～１２時\n"
        "\n"
        "１　計画素案について\n"
        "菊池委員　よろしくお願いします。\n"
        "－　２　－\n"
        "\n"
        "第３回東雲市地域福祉計画策定委員会（令和７年２月１８日）\n"
        "事務局　資料２をご覧ください。\n"
        "（午前１１時４０分閉会）\n"
        "- 2 / 2 -\n"
    )
    minutes = parse_minutes(text)
    assert _entries(text) == [
        ("statement", "菊池委員", "よろしくお願いします。"),
        ("statement", "事務局", "資料２をご覧ください。"),
    ]
    assert (minutes.closing, minutes.appendix) == ("(午前11時40分閉会)", [])


def test_headings_numbered_with_an_ascii_space_where_no_line_has_a_page_line_number():
    text = (
        "青葉小学校運営協議会　会議録\n"
        "日時：令和６年１１月１９日（火）１５時～１６時３０分\n"
        "\n"
        "1 開会のことば（教頭）\n"
        "2 校長より学校の近況報告\n"
        "校長：運動会は無事に終わりました。\n"
        "3 連絡\n"
        "・次回は２月です。\n"
    )
    minutes = parse_minutes(text)
    assert [i.title for s in minutes.sections for i in s.items] == [
        "開会のことば(教頭)",
        "校長より学校の近況報告",
        "連絡",
    ]
    assert _entries(text) == [
        ("statement", "校長", "運動会は無事に終わりました。"),
        ("note", "・次回は２月です。"),
    ]


def test_bullets_typed_in_ascii():
    text = (
        "青葉小学校PTA　第5回運営委員会　記録\n"
        "日時　2024/10/3(木) 19:00-20:30\n"
        "\n"
        "１　班の編成について\n"
        "教頭：3班の人数が多いので分けたいと思います。\n"
        "* 4月から3班を3班・3班Bに分けることを承認。\n"
        "- 2 / 3 -\n"
    )
    assert _entries(text)[-1] == ("note", "・4月から3班を3班・3班Bに分けることを承認。")


@pytest.mark.parametrize("key", ["内容", "■協議事項"])
def test_the_headers_list_under_a_marker_or_a_marked_category(key):
    text = (
        "第４次東雲市地域福祉計画策定委員会　第２回作業部会　会議概要\n"
        "日　時：令和７年１月２１日（火）　午後１時３０分～午後４時００分\n"
        "\n"
        f"{key}\n"
        "１　前回作業部会の振り返り\n"
        "２　事務連絡\n"
        "\n"
        "１　前回作業部会の振り返り\n"
        "　地域福祉係長から、資料１について説明した。\n"
        "\n"
        "２　事務連絡\n"
        "　次回は２月１８日に開催する。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == ["1 前回作業部会の振り返り", "2 事務連絡"]
    assert [i.title for s in minutes.sections for i in s.items] == [
        "前回作業部会の振り返り",
        "事務連絡",
    ]
    assert _entries(text) == [
        ("note", "地域福祉係長から、資料１について説明した。"),
        ("note", "次回は２月１８日に開催する。"),
    ]


def test_a_coops_officers_with_the_rest_counted():
    minutes = parse_minutes(
        "生活協同組合コープみずほ\n"
        "第３８回通常総代会　議事録\n"
        "１．日　時　２０２４年６月１５日（土）　午後１時００分～午後４時１０分\n"
        "２．出席役員\n"
        "　　理事長　　　　岡田　和子\n"
        "　　専務理事　　　久保田　浩一\n"
        "　　常務理事　　　石井　隆、中山　里香\n"
        "　　理事　　　　　ほか１５名\n"
        "　　監事　　　　　吉永　俊介（員外）\n"
        "３．議案\n"
        "　　第１号議案　２０２３年度事業報告承認の件\n"
        "４．議事の経過\n"
        "第１号議案　２０２３年度事業報告承認の件\n"
        "議長（村井）　第１号議案を上程します。\n"
    )
    assert minutes.attendees == ["岡田 和子", "久保田 浩一", "石井 隆", "中山 里香"]
    assert minutes.also_attending == ["吉永 俊介"]  # the auditor: no director
    assert [e.speaker for e in minutes.entries()] == ["議長(村井)"]


def test_bodies_taking_part_in_parentheses_over_their_points():
    text = (
        "南台市青少年問題協議会　議事要旨\n"
        "日時　令和６年７月２日（火）午後２時\n"
        "\n"
        "（１）意見交換\n"
        "　（警察署）\n"
        "　・ＳＮＳを起因とする相談が約４割を占める。\n"
        "　・保護者にも危険性を知ってほしい。\n"
        "　（中学校長会）\n"
        "　・家庭でのルールづくりを呼びかけている。\n"
        "　（休憩）\n"
        "　・再開後、事務局から補足した。\n"
    )
    assert _entries(text) == [
        ("statement", "警察署", "・ＳＮＳを起因とする相談が約４割を占める。"),
        ("statement", "警察署", "・保護者にも危険性を知ってほしい。"),
        ("statement", "中学校長会", "・家庭でのルールづくりを呼びかけている。"),
        ("note", "（休憩）"),
        ("note", "・再開後、事務局から補足した。"),
    ]


def test_a_table_of_votes_is_no_list_of_items():
    text = (
        "第３８回通常総代会　議事録\n"
        "日時　２０２４年６月１５日（土）\n"
        "\n"
        "第１号議案　２０２３年度事業報告承認の件\n"
        "議長　採決に入ります。\n"
        "\n"
        "採決の結果は次のとおりであった。\n"
        "　　第１号議案　賛成　４６０　反対　０　保留　２　　　→　承認\n"
    )
    minutes = parse_minutes(text)
    assert [i.title for s in minutes.sections for i in s.items] == ["2023年度事業報告承認の件"]
    # The votes' table is the record's: its line is a note of its own.
    assert [e.kind for e in minutes.entries()] == ["statement", "note", "note"]


def test_an_agricultural_committees_applications_in_a_table_under_a_turn():
    text = (
        "令和６年１０月　はやせ町農業委員会総会議事録\n"
        "１　開催日時　　令和６年１０月１０日（木）　午後１時３０分から午後２時４０分まで\n"
        "２　議事日程\n"
        "　　第１　議事録署名委員の指名\n"
        "　　第２　議案第３１号　農地法第３条の規定による許可申請について\n"
        "３　農業委員会事務局職員\n"
        "　　事務局長　吉田　浩之　　主査　中村　麻衣\n"
        "４　会議の概要\n"
        "議長　ただいまから総会を開会します。\n"
        "日程第１　議事録署名委員の指名\n"
        "議長　議事録署名委員に、３番上田委員を指名いたします。\n"
        "日程第２　議案第３１号　農地法第３条の規定による許可申請について\n"
        "事務局　議案第３１号について説明いたします。今回の申請は２件です。\n"
        "番号　譲受人　譲渡人　所在・地番　地目　面積（㎡）　理由\n"
        "１　大字北原　Ａ　大字北原　Ｂ　字前田１２３４　田　2,341　規模拡大\n"
        "４番（榎本委員）　１０月３日に事務局と現地を確認しました。\n"
    )
    minutes = parse_minutes(text)
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("事務局長", "吉田 浩之"),
        ("主査", "中村 麻衣"),
    ]
    assert [i.title for s in minutes.sections for i in s.items] == [
        "開会",
        "議事録署名委員の指名",
        "議案第31号 農地法第3条の規定による許可申請について",
    ]
    assert [(e.kind, e.speaker) for e in minutes.entries()] == [
        ("statement", "議長"),
        ("statement", "議長"),
        ("statement", "事務局"),
        ("note", None),
        ("note", None),
        ("statement", "4番(榎本委員)"),
    ]


def test_an_items_parts_lettered_after_the_narrative_and_lettered_labels():
    text = (
        "つばさ市立図書館協議会会議録\n"
        "日時　令和６年１１月７日（木）午後２時\n"
        "\n"
        "（１）上半期の図書館利用状況について\n"
        "　　　　副館長から資料１に基づき説明があった。主な質疑は次のとおり。\n"
        "　　　ア　貸出冊数について\n"
        "　　　　鷲尾委員　電子書籍の貸出は増えているのか。\n"
        "　　　イ　学校図書館との連携について\n"
        "　　　　(ア)鷹野委員　団体貸出の実績はどうか。\n"
        "　　　　(イ)奉仕係長　延べ４，１２０冊を貸し出した。\n"
    )
    assert _entries(text) == [
        ("note", "副館長から資料１に基づき説明があった。主な質疑は次のとおり。"),
        ("note", "ア　貸出冊数について"),
        ("statement", "鷲尾委員", "電子書籍の貸出は増えているのか。"),
        ("note", "イ　学校図書館との連携について"),
        ("statement", "鷹野委員", "団体貸出の実績はどうか。"),
        ("statement", "奉仕係長", "延べ４，１２０冊を貸し出した。"),
    ]


@pytest.mark.parametrize(
    ("top", "title"),
    [
        (
            "平成31年度（令和元年度）第1回\n南台市青少年問題協議会　議事要旨\n",
            "平成31年度(令和元年度)第1回 南台市青少年問題協議会 議事要旨",
        ),
        (
            "令和６年度\n第３回朝霧市総合計画審議会\n会　議　録\n",
            "令和6年度第3回朝霧市総合計画審議会 会議録",
        ),
        ("【記録】 青葉小学校PTA 第5回運営委員会\n", "【記録】 青葉小学校PTA 第5回運営委員会"),
    ],
)
def test_titles_set_on_several_lines_or_tagged(top, title):
    minutes = parse_minutes(top + "日時　令和元年５月２８日（火）\n\n会長：開会します。\n")
    assert (minutes.title, minutes.organization) == (title, None)


def test_a_summarys_opinions_marked_with_diamonds_and_their_answers():
    text = (
        "第５期東区区民会議　全体会議　会議要録\n"
        "日時　令和６年１０月１９日（土）\n"
        "\n"
        "１　部会報告について\n"
        "◆子育てマップはスマホで見られるようにしてほしい。\n"
        "　→（中谷委員）二次元コードで電子版に誘導する形を考えている。\n"
        "◆マンションの防災について、出前講座をやってはどうか。\n"
        "　→（地域振興課長）来年度から実施できるよう検討する。\n"
    )
    assert [(e.kind, e.speaker) for e in parse_minutes(text).entries()] == [
        ("note", None),
        ("statement", "中谷委員"),
        ("note", None),
        ("statement", "地域振興課長"),
    ]


def test_a_wards_officials_listed_by_title():
    minutes = parse_minutes(
        "第５期東区区民会議　会議要録\n"
        "日時　令和６年１０月１９日（土）\n"
        "◇区側出席者：区長、副区長、地域振興課長\n"
        "\n"
        "１　報告\n"
        "委員長：開会します。\n"
    )
    assert minutes.attendees == []
    assert [(s.title, s.name) for s in minutes.secretariat] == [
        ("区長", ""),
        ("副区長", ""),
        ("地域振興課長", ""),
    ]


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("小島（4班班長、所用のため）", (["小島"], None)),
        ("民生委員 堀田さん", (["堀田"], None)),
        ("德永　隆（㈱德永商店）、髙橋　美代子", (["德永 隆", "髙橋 美代子"], None)),
        ("（１５名）：西村 隆一（会長）、秋元 香織", (["西村 隆一", "秋元 香織"], 15)),
    ],
)
def test_roster_parts_with_remarks_companies_and_counts(value, read):
    assert split_people(value) == read


def test_given_names_of_three_and_the_chairs_mark_in_a_roster():
    assert split_people("理事　清水　真奈美君、高田　宗一郎君") == (
        ["清水 真奈美", "高田 宗一郎"],
        None,
    )
    assert split_people("◎山本　隆史、和田　慎也") == (["山本 隆史", "和田 慎也"], None)


def test_a_subcommittees_parts_marked_after_the_agenda():
    text = (
        "予算審査特別委員会　第１分科会　要点記録\n"
        "日時　令和７年３月１２日（水）午前１０時\n"
        "審査案件\n"
        "　議案第１８号　令和７年度萩浦市一般会計予算（第１分科会所管分）\n"
        "\n"
        "■第２款　総務費\n"
        "　総務部長から説明。\n"
        "（小野委員）人件費が増えている理由は。\n"
        "\n"
        "■第１２款　公債費\n"
        "　財政課長から説明。質疑なし。\n"
    )
    assert _entries(text) == [
        ("note", "■第２款　総務費"),
        ("note", "総務部長から説明。"),
        ("statement", "小野委員", "人件費が増えている理由は。"),
        ("note", "■第１２款　公債費"),
        ("note", "財政課長から説明。質疑なし。"),
    ]


def test_a_groups_line_under_a_heading_that_filled_its_line_is_no_part_of_its_title():
    from kyodo.minutes_text.model import Item
    from kyodo.minutes_text.parser import _Body, _EntryReader

    # In print the heading 「３　グループ発表」 filled its line (its title could go on): the
    # 「＜Ａグループ＞」 line under it was glued to the title.
    body = _Body(True, _EntryReader(full_width=10, names=frozenset()))
    body.open_title, body.title_full = Item(3, "グループ発表"), True
    assert body._continue_title("＜Ａグループ＞（発表者：住民　北村さん）") is False
    body.open_title, body.title_full = Item(3, "地域の困りごとを話し合うグループ"), True
    assert body._continue_title("発表") is True


def test_a_role_closed_by_a_parenthesis_it_never_opened():
    # A 公民館運営審議会's 要旨: 「館長）……」「社会教育主事）……」.
    text = (
        "平成３０年度第２回こだま市公民館運営審議会 会議録（要旨）\n"
        "日時：平成３０年１０月１７日（水曜日） 午後１時３０分〜３時３０分\n"
        "\n"
        "１ 公民館主催講座の実施状況について\n"
        "館長）上半期は４８講座を実施し、延べ１，５６０人が受講しました。新たに始めた「はじめての\n"
        "スマホ講座」は定員の３倍の申込みがありました。\n"
        "会長）人気のある講座は回数を増やすことはできないか。\n"
        "社会教育主事）託児付きの講座を来年度に計画しています。\n"
    )
    assert _entries(text) == [
        (
            "statement",
            "館長",
            "上半期は４８講座を実施し、延べ１，５６０人が受講しました。新たに始めた「はじめての"
            "スマホ講座」は定員の３倍の申込みがありました。",
        ),
        ("statement", "会長", "人気のある講座は回数を増やすことはできないか。"),
        ("statement", "社会教育主事", "託児付きの講座を来年度に計画しています。"),
    ]
    assert speaker_label("（中略）とした。") is None


def test_a_table_of_turns_with_the_time_each_began():
    text = (
        "平成２９年度第３回あおい市男女共同参画審議会 会議録\n"
        "日時：平成２９年１２月１２日（火）１４：００～１５：００\n"
        "\n"
        "１　第４次男女共同参画プラン（素案）について\n"
        "時間　発言者　発言内容\n"
        "14:00　会長　ただいまから第３回審議会を開会します。\n"
        "14:02　事務局　素案の概要について、資料１により説明します。基本目標を四つに整理し、\n"
        "新たに「困難を抱える女性への支援」を重点施策に位置付けました。\n"
        "14:10　金井委員　数値目標のうち、審議会等の女性委員の割合４０％は達成可能なのか。\n"
    )
    assert _entries(text) == [
        ("statement", "会長", "ただいまから第３回審議会を開会します。"),
        (
            "statement",
            "事務局",
            "素案の概要について、資料１により説明します。基本目標を四つに整理し、"
            "新たに「困難を抱える女性への支援」を重点施策に位置付けました。",
        ),
        (
            "statement",
            "金井委員",
            "数値目標のうち、審議会等の女性委員の割合４０％は達成可能なのか。",
        ),
    ]


def test_a_selection_committees_applicants_and_a_name_the_page_cut():
    text = (
        "第２回こずえ市市民交流センター指定管理者選定委員会 会議録\n"
        "１．日時 令和４年８月３０日（火）午後１時３０分〜午後４時１０分\n"
        "３．出席委員 委員長 藤田 敬三、副委員長 松岡 典子、委員 飯島 淳、委員 岩本 さおり、委員 江川\n"
        "誠\n"
        "\n"
        "（１）応募者のプレゼンテーション及びヒアリング\n"
        "Ａ委員：地域の団体との連携について、具体的な実績を教えてください。\n"
        "応募者：現在運営している隣市の施設では、防災フェアを毎年開いております。\n"
    )
    minutes = parse_minutes(text)
    # the given name the page cut joins its surname with the space the others have
    assert minutes.attendees == ["藤田 敬三", "松岡 典子", "飯島 淳", "岩本 さおり", "江川 誠"]
    entries = minutes.sections[0].items[0].entries
    assert [(e.speaker, e.uncertain) for e in entries] == [("A委員", False), ("応募者", False)]
    wrapped = (
        "３ 出席者 委員長 東 雅之、副委員長 北川 律子、委員 西村 一平、南 加奈子、石川 美\n"
        "穂、吉岡 大地\n"
    )
    body = "\n１ 報告事項\n委員長：ありがとうございました。\n"
    head = "運営委員会会議録\n日時 令和５年６月１３日（火）\n"
    assert parse_minutes(head + wrapped + body).attendees == [
        "東 雅之", "北川 律子", "西村 一平", "南 加奈子", "石川 美穂", "吉岡 大地"
    ]  # fmt: skip


def test_a_monitoring_meeting_of_the_city_and_the_centers_manager():
    text = (
        "はるかぜ市市民活動支援センター 指定管理者モニタリング会議 会議録\n"
        "日 時 令和２年２月１８日（火）１０時～１１時３０分\n"
        "出席者 市 市民活動推進課 課長 西田 誠、係長 平井 美紀\n"
        "指定管理者 一般社団法人はるかぜ協働ネット 代表理事 原田 浩、センター長 石田 真由\n"
        "議 題 １ 令和元年度第３四半期業務報告\n"
        "２ 利用者アンケート結果について\n"
        "\n"
        "１ 令和元年度第３四半期業務報告\n"
        "（指定管理者） １０月から１２月までの利用者数は４，２１５人でした。\n"
        "（市） 設立相談が増えている理由をどう分析していますか。\n"
        "２ 利用者アンケート結果について\n"
        "（指定管理者） 回答数は３１２件でした。\n"
        "（市） 駐車場については、市で調整します。\n"
        "以上\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["西田 誠", "平井 美紀", "原田 浩", "石田 真由"]
    assert [
        (item.title, [(e.speaker, e.uncertain, e.text) for e in item.entries])
        for item in minutes.sections[0].items
    ] == [
        (
            "令和元年度第3四半期業務報告",
            [
                ("指定管理者", False, "１０月から１２月までの利用者数は４，２１５人でした。"),
                ("市", False, "設立相談が増えている理由をどう分析していますか。"),
            ],
        ),
        (
            "利用者アンケート結果について",
            [
                ("指定管理者", False, "回答数は３１２件でした。"),
                ("市", False, "駐車場については、市で調整します。"),
            ],
        ),
    ]


def test_a_transport_councils_roster_of_bodies_and_its_agenda_in_parts():
    text = (
        "令和６年度第２回ひまわり市地域公共交通会議 議事録\n"
        "日時 令和６年１１月２１日（木）１０時００分〜１１時４５分\n"
        "出席委員\n"
        "会長 ひまわり市副市長 森 一成\n"
        "副会長 ひまわり大学経済学部教授 大島 美紀\n"
        "委員 ひまわり交通株式会社 代表取締役 石川 守\n"
        "委員 国土交通省○○運輸支局 首席運輸企画専門官 長尾 健\n"
        "事務局 都市交通課長 田島 浩、都市交通課係長 竹中 玲子\n"
        "議題\n"
        "１ 協議事項\n"
        "（１）コミュニティバス路線の見直しについて\n"
        "２ 報告事項\n"
        "（１）デマンド交通の実証運行結果について\n"
        "\n"
        "１ 協議事項\n"
        "（１）コミュニティバス路線の見直しについて\n"
        "森会長\n"
        "それでは協議事項（１）について、事務局から説明をお願いします。\n"
        "２ 報告事項\n"
        "（１）デマンド交通の実証運行結果について\n"
        "長尾委員\n"
        "運賃の設定について改めて協議してほしい。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.attendees == ["森 一成", "大島 美紀", "石川 守", "長尾 健"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("田島 浩", "都市交通課長"),
        ("竹中 玲子", "都市交通課係長"),
    ]
    assert minutes.agenda == [
        "1 協議事項",
        "(1)コミュニティバス路線の見直しについて",
        "2 報告事項",
        "(1)デマンド交通の実証運行結果について",
    ]
    assert [
        (s.category, [(i.title, [e.speaker for e in i.entries]) for i in s.items])
        for s in minutes.sections
    ] == [
        ("協議事項", [("コミュニティバス路線の見直しについて", ["森会長"])]),
        ("報告事項", [("デマンド交通の実証運行結果について", ["長尾委員"])]),
    ]


def test_a_users_meeting_with_groups_counted_and_the_centers_staff_by_their_words():
    text = (
        "平成３０年度 つばさ市民活動センター利用者懇談会 記録\n"
        "１ 日時 平成３０年１２月８日（土） 午前１０時～１１時３０分\n"
        "３ 参加者 利用団体 １４団体 １８名\n"
        "センター センター長 川口 弘、スタッフ 大野 美香、青山 翔\n"
        "市 市民活動支援課 主査 谷口 直美\n"
        "\n"
        "（１）センターからの報告\n"
        "（質問）印刷機が新しくなったが、料金は変わるのか。\n"
        "（回答）料金は据え置きです。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count) == ([], 18)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("川口 弘", "センター長"),
        ("大野 美香", "スタッフ"),
        ("青山 翔", ""),
        ("谷口 直美", "市民活動支援課主査"),
    ]


def test_a_planning_councils_bills_marked_as_its_turns_are():
    text = (
        "第８２回かざはや市都市計画審議会会議録\n"
        "１ 開催日時 平成２５年２月５日（火）午後２時００分〜午後３時２０分\n"
        "７ 議事\n"
        "議案第１号 かざはや都市計画地区計画の決定について（市決定）\n"
        "報告事項 立地適正化計画の策定状況について\n"
        "\n"
        "○議案第１号 かざはや都市計画地区計画の決定について（市決定）\n"
        "○会長 それでは、議案第１号について事務局から説明をお願いします。\n"
        "○報告事項 立地適正化計画の策定状況について\n"
        "○都市計画課長 立地適正化計画については、来年度末の策定を目指しております。\n"
        "午後３時２０分閉会\n"
    )
    minutes = parse_minutes(text)
    assert minutes.agenda == [
        "議案第1号 かざはや都市計画地区計画の決定について(市決定)",
        "報告事項 立地適正化計画の策定状況について",
    ]
    assert [
        (i.title, [e.speaker for e in i.entries]) for s in minutes.sections for i in s.items
    ] == [
        ("議案第1号 かざはや都市計画地区計画の決定について(市決定)", ["会長"]),
        ("報告事項 立地適正化計画の策定状況について", ["都市計画課長"]),
    ]


def test_the_agenda_word_over_its_turns_and_the_end_with_who_wrote_it():
    text = (
        "平成２９年度第３回あおい市男女共同参画審議会 会議録\n"
        "日時：平成２９年１２月１２日（火）１４：００～１５：００\n"
        "議題：第４次男女共同参画プラン（素案）について\n"
        "\n"
        "議題 第４次男女共同参画プラン（素案）について\n"
        "会長：ただいまから第３回審議会を開会します。\n"
        "以上（記録：堀）\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.agenda, minutes.warnings) == (["第4次男女共同参画プラン(素案)について"], [])
    assert [(i.title, [e.speaker for e in i.entries]) for i in minutes.sections[0].items] == [
        ("第4次男女共同参画プラン(素案)について", ["会長"])
    ]
    assert minutes.closing == "以上(記録:堀)"


def test_a_nonprofits_board_with_its_legal_header_numbered_and_spaced():
    text = (
        "特定非営利活動法人まちづくりネットさくら 第３回理事会議事録\n"
        "１ 日 時 令和６年１２月１０日（火） 午後７時００分から午後８時３０分まで\n"
        "２ 場 所 さくら市市民活動センター 会議室２\n"
        "３ 理事総数 ７名\n"
        "４ 出席理事 ６名\n"
        "小林 正和（理事長）、和田 恵子（副理事長）、岡田 健一、松本 香、中島 亮、福田 裕子\n"
        "５ 欠席理事 吉川 大輔\n"
        "７ 審議事項\n"
        "第１号議案 令和７年度事業計画の策定方針について\n"
        "８ 議事の経過の概要及び議決の結果\n"
        "第１号議案 令和７年度事業計画の策定方針について\n"
        "議長から、賛助会員の年会費を口数制とする改正案について説明があり、審議の結果、全員一致で\n"
        "原案のとおり承認可決した。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.attendees, minutes.attendee_count, minutes.absentees) == (
        ["小林 正和", "和田 恵子", "岡田 健一", "松本 香", "中島 亮", "福田 裕子"],
        6,
        ["吉川 大輔"],
    )
    assert minutes.agenda == ["第1号議案 令和7年度事業計画の策定方針について"]
    assert [(e.kind, e.text) for e in minutes.entries()] == [
        (
            "note",
            "議長から、賛助会員の年会費を口数制とする改正案について説明があり、審議の結果、"
            "全員一致で原案のとおり承認可決した。",
        )
    ]


def test_a_programme_printed_before_the_minutes_and_a_secretariat_in_two_groups():
    text = (
        "令和元年度第３回ひばりが丘市市民活動センター運営委員会\n"
        "次 第\n"
        "\n"
        "日時 令和元年１１月２６日（火曜日）午後２時から\n"
        "１ 開会\n"
        "２ 議事\n"
        "(1) 市民活動見本市の振り返りについて\n"
        "３ 閉会\n"
        "令和元年度第３回ひばりが丘市市民活動センター運営委員会 会議録\n"
        "\n"
        "開催日時：令和元年１１月２６日（火曜日）午後２時００分〜午後３時４５分\n"
        "出席委員：井上 達也（委員長）、菅原 千秋（副委員長）\n"
        "事務局：市民活動推進課 課長 戸田 聡、主任 岸 奈緒子／センター センター長 久保 明美、コーディ\n"
        "ネーター 福井 綾\n"
        "\n"
        "会議内容\n"
        "(1) 市民活動見本市の振り返りについて\n"
        "事務局より資料２に基づき説明。\n"
        "Ｄ委員 出展団体からは、来場者との会話が少なかったという声があった。\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.title, minutes.end_time, minutes.warnings) == (
        "令和元年度第3回ひばりが丘市市民活動センター運営委員会 会議録",
        dt.time(15, 45),
        [],
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("戸田 聡", "市民活動推進課長"),
        ("岸 奈緒子", "市民活動推進課主任"),
        ("久保 明美", "センター長"),
        ("福井 綾", "センターコーディネーター"),
    ]
    assert [(e.kind, e.speaker) for e in minutes.entries()] == [
        ("note", None),
        ("statement", "D委員"),
    ]


def test_the_record_word_with_its_kind_above_the_meetings_name_and_the_papers_after_the_agenda():
    text = (
        "会 議 録（要点筆記）\n"
        "会議の名称　平成１８年度第２回みなと市市民活動支援センター運営委員会\n"
        "開催日時　平成１８年１０月２４日（火） 午後６時３０分〜午後８時３０分\n"
        "議題　（１）平成１８年度上半期事業報告について\n"
        "（２）その他\n"
        "配布資料　資料１ 平成１８年度上半期事業報告\n"
        "審議の経過\n"
        "（１）平成１８年度上半期事業報告について\n"
        "委員長：それでは始めます。\n"
    )
    minutes = parse_minutes(text)
    assert minutes.title == "平成18年度第2回みなと市市民活動支援センター運営委員会 会議録(要点筆記)"
    assert minutes.agenda == ["(1)平成18年度上半期事業報告について", "(2)その他"]


def test_the_records_sentence_after_a_summarys_points():
    text = (
        "令和６年度第１回あおば市市民協働推進協議会 議事要旨\n"
        "日時：令和６年６月１０日（月）午後２時\n"
        "\n"
        "（１）事業計画について\n"
        "事務局から資料２に基づき説明があり、以下の意見があった。\n"
        "・企業との連携事業は、具体的な成果目標を設定したほうがよい。\n"
        "・学生ボランティアの受入れについて、大学との協定を検討してはどうか。\n"
        "以上の意見を踏まえ、事業計画は原案のとおり了承された。\n"
    )
    assert [text for _, text in _entries(text)] == [
        "事務局から資料２に基づき説明があり、以下の意見があった。",
        "・企業との連携事業は、具体的な成果目標を設定したほうがよい。",
        "・学生ボランティアの受入れについて、大学との協定を検討してはどうか。",
        "以上の意見を踏まえ、事業計画は原案のとおり了承された。",
    ]
