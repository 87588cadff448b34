"""Styles of the eighth set (/tmp/styles8: 敬体 and 常体 narrative without speaker labels, a
clerk's clock in brackets before each heading, a header numbered in kanji, 「次回」 numbered on
from the header's fields): each with its exact reading."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.minutes_text import parse_minutes, render_body
from kyodo.minutes_text.model import Entry, Item, Minutes, Section

from .test_styles import _entries


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


NARRATIVE = (
    "令和６年度第２回　かえで市男女共同参画推進懇話会　会議録\n\n"
    "日時　令和６年１０月８日（火）午後２時～午後３時４０分\n"
    "出席者　委員８名（欠席２名）、事務局３名\n\n"
    "（１）第５次男女共同参画プランの進捗状況について\n"
    "　事務局から、資料１に基づき進捗状況の説明がありました。\n"
    "　委員から、女性委員の割合が目標に届いていない理由を問う質問があり、事務局から、"
    "充て職の委員が多いことが原因であるとの回答がありました。\n"
    "　また、委員から、若い世代への啓発を強めてほしいとの意見がありました。\n"
    "（２）意識調査の実施について\n"
    "　事務局から、令和７年度に市民意識調査を実施する予定であることが説明されました。\n"
)


def test_a_narrative_in_the_polite_form_one_note_per_paragraph():
    """No speaker labels, each paragraph indented (「～との意見がありました。」): the paragraphs
    of an item were one note."""
    minutes = parse_minutes(NARRATIVE)
    assert (minutes.attendees, minutes.attendee_count) == ([], 8)
    assert _items(minutes) == [
        (1, "第5次男女共同参画プランの進捗状況について"),
        (2, "意識調査の実施について"),
    ]
    assert _entries(NARRATIVE) == [
        ("note", "事務局から、資料１に基づき進捗状況の説明がありました。"),
        (
            "note",
            "委員から、女性委員の割合が目標に届いていない理由を問う質問があり、事務局から、"
            "充て職の委員が多いことが原因であるとの回答がありました。",
        ),
        ("note", "また、委員から、若い世代への啓発を強めてほしいとの意見がありました。"),
        ("note", "事務局から、令和７年度に市民意識調査を実施する予定であることが説明されました。"),
    ]


PLAIN_FORM = (
    "第５回　はやぶさ市総合計画審議会　議事録\n\n"
    "１．日　時　令和６年１０月３日（木）１５：００～１７：００\n"
    "２．場　所　はやぶさ市役所　本庁舎５階　大会議室\n"
    "３．出席者\n"
    "　　委員：藤原会長、本間副会長、前島委員\n"
    "　　事務局：企画政策課長　森本\n"
    "４．議　事\n"
    "（１）基本計画（素案）について\n"
    "　事務局から資料１について、説明。\n"
    "　前島委員から、人口目標が過大ではないかとの質問。\n"
    "　事務局から、社会増を見込んだ数値であり、根拠を追加で示すと回答。\n"
    "（２）パブリックコメントの実施について\n"
    "　事務局から資料２について、説明。\n"
    "　→期間を３０日とすることで了承。\n"
    "５．次回　令和６年１１月予定\n"
)


def test_a_record_in_the_plain_form_and_the_next_meeting_numbered_on():
    """「～について、説明。」「～との質問。」 were one note; 「５．次回　令和６年１１月予定」 was
    item 5."""
    minutes = parse_minutes(PLAIN_FORM)
    assert minutes.attendees == ["藤原", "本間", "前島"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("森本", "企画政策課長")]
    assert _items(minutes) == [
        (1, "基本計画(素案)について"),
        (2, "パブリックコメントの実施について"),
    ]
    assert _entries(PLAIN_FORM) == [
        ("note", "事務局から資料１について、説明。"),
        ("note", "前島委員から、人口目標が過大ではないかとの質問。"),
        ("note", "事務局から、社会増を見込んだ数値であり、根拠を追加で示すと回答。"),
        ("note", "事務局から資料２について、説明。"),
        ("note", "期間を３０日とすることで了承。"),
        ("note", "５．次回　令和６年１１月予定"),
    ]


def test_the_next_meeting_numbered_on_after_a_turn_is_no_part_of_it():
    """「５　次回　令和７年２月１８日（火）」 after a member's turn was glued to it."""
    text = (
        "令和６年度　第２回　さくら台小学校　学校運営協議会　記録\n"
        "１　日　時　令和６年１０月１５日（火）１５：３０～１６：４５\n"
        "４　内　容\n"
        "（１）地域学習の講師について\n"
        "　　小山委員：商店街の店主を紹介できる。\n"
        "５　次回　令和７年２月１８日（火）\n"
    )
    assert _entries(text) == [
        ("statement", "小山委員", "商店街の店主を紹介できる。"),
        ("note", "５　次回　令和７年２月１８日（火）"),
    ]


CLOCKED = (
    "令和６年度　第３回　なでしこ市子ども・子育て会議　会議録\n\n"
    "日時：令和６年１１月２８日（木）１８時３０分～２０時００分\n"
    "出席委員：大森、金井、久保（計３名）\n"
    "事務局：こども家庭課長　佐野、保育課長　清水\n\n"
    "【１８：３０】開会\n"
    "【１８：３２】議題（１）保育所の待機児童の状況について\n"
    "　保育課長：１０月１日現在の待機児童は１２人です。\n"
    "　金井委員：１歳児の枠を増やす予定はあるか。\n"
    "【１９：１０】議題（２）放課後児童クラブについて\n"
    "　こども家庭課長：高学年の受入れを来年度から始めます。\n"
    "【１９：５８】閉会\n"
)


def test_a_clerks_clock_in_brackets_before_each_heading():
    """「【１８：３２】議題（１）……」 was item 2 titled 「18:32】議題(1)……」; 「【１８：３０】開会」
    (read as 〔18:30 開会〕, a stage direction) was glued to the secretariat."""
    minutes = parse_minutes(CLOCKED)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("佐野", "こども家庭課長"),
        ("清水", "保育課長"),
    ]
    assert _items(minutes) == [
        (0, "開会"),
        (1, "保育所の待機児童の状況について"),
        (2, "放課後児童クラブについて"),
    ]
    assert _entries(CLOCKED) == [
        ("note", "〔１８：３０　開会〕"),
        ("statement", "保育課長", "１０月１日現在の待機児童は１２人です。"),
        ("statement", "金井委員", "１歳児の枠を増やす予定はあるか。"),
        ("statement", "こども家庭課長", "高学年の受入れを来年度から始めます。"),
    ]
    assert minutes.closing == "〔19:58 閉会〕"


KANJI_HEADER = (
    "令和六年度第三回　しおかぜ市都市景観審議会議事録\n\n"
    "一　日時　令和六年十一月五日（火）午前十時から午前十一時三十分まで\n"
    "二　場所　しおかぜ市役所　第一会議室\n"
    "三　出席委員　　高橋会長、竹内副会長、田中委員\n"
    "四　欠席委員　　寺田委員\n"
    "五　事務局　　都市デザイン課長　戸田　健\n"
    "六　議題\n"
    "　　景観重点地区の指定について（諮問）\n"
    "七　議事の内容\n"
    "会長　　ただいまから審議会を開会します。\n"
    "田中委員　　建物の色彩の基準はどのように定めるのか。\n"
    "八　閉会　午前十一時三十分\n"
)


def test_a_title_and_header_numbered_in_kanji():
    """「令和六年度第三回」 gave no fiscal year or sitting; 「七　議事の内容」 was glued to the
    agenda's title, which became a note."""
    minutes = parse_minutes(KANJI_HEADER)
    assert (minutes.fiscal_year, minutes.meeting_number) == (2024, 3)
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 11, 5),
        dt.time(10, 0),
        dt.time(11, 30),
    )
    assert minutes.agenda == ["景観重点地区の指定について(諮問)"]
    assert minutes.absentees == ["寺田"]
    assert _entries(KANJI_HEADER) == [
        ("statement", "会長", "ただいまから審議会を開会します。"),
        ("statement", "田中委員", "建物の色彩の基準はどのように定めるのか。"),
    ]
    assert minutes.closing == "八 閉会 午前十一時三十分"


BILINGUAL = (
    "株式会社ブルーリーフ　Board Meeting Minutes（取締役会議事録）\n\n"
    "Date / 日時：2024年9月26日（木）10:00～11:15\n"
    "Place / 場所：本社 Meeting Room A（東京都千代田区）\n"
    "Attendees / 出席者：CEO 佐藤 健一、CFO 山口 玲奈、Director 田村 誠、Director Emily Carter\n"
    "Absent / 欠席：なし\n"
    "Secretary / 書記：総務部 高木 舞\n\n"
    "Agenda 1：FY2024 上期決算の承認\n"
    "CFO：上期の売上高は12.4億円、前年同期比8%増です。\n"
    "Director Carter：Can we see the breakdown by region?\n"
    "→ 全員一致で承認。\n\n"
    "Agenda 2：新オフィス移転計画\n"
    "Director 田村：移転費用の上限を決めておくべきだ。\n\n"
    "Next meeting / 次回：2024年10月24日（木）10:00\n"
)


def test_keys_and_labels_in_english_and_japanese():
    """「Date / 日時：」 was no key (the header was one unreadable turn), 「Agenda 1：」 no heading,
    「CFO：」「Director Carter：」 no labels."""
    minutes = parse_minutes(BILINGUAL)
    assert minutes.organization is None
    assert (minutes.date, minutes.start_time, minutes.end_time) == (
        dt.date(2024, 9, 26),
        dt.time(10, 0),
        dt.time(11, 15),
    )
    assert minutes.venue == "本社 Meeting Room A(東京都千代田区)"
    assert minutes.attendees == ["佐藤 健一", "山口 玲奈", "田村 誠", "Emily Carter"]
    assert minutes.absentees == []
    assert [(s.name, s.title) for s in minutes.secretariat] == [("高木 舞", "総務部")]
    assert _items(minutes) == [(1, "FY2024 上期決算の承認"), (2, "新オフィス移転計画")]
    assert _entries(BILINGUAL) == [
        ("statement", "CFO", "上期の売上高は12.4億円、前年同期比8%増です。"),
        ("statement", "Director Carter", "Can we see the breakdown by region?"),
        ("note", "全員一致で承認。"),
        ("statement", "Director 田村", "移転費用の上限を決めておくべきだ。"),
        ("note", "次回：2024年10月24日（木）10:00"),
    ]
    assert minutes.warnings == []


ZOKKAI = (
    "令和６年度　あおい地区自治会連合会　定期総会（続会）議事録\n\n"
    "日時：令和６年５月２６日（日）午前１０時～午前１１時\n"
    "出席：代議員４２名中３５名（うち委任状８名）\n\n"
    "議長　前回に引き続き、第３号議案「会費の改定について」を議題とします。\n"
    "会長　改定額を年１，２００円から１，０００円に修正しました。\n"
    "代議員（３班）　修正案なら賛成できます。\n"
    "代議員（７班）　値上げの理由を回覧で全世帯に知らせてほしい。\n"
)


def test_delegates_counted_and_speaking_by_their_block():
    """「代議員４２名中３５名」 gave the attendee 「代」; 「代議員（３班）」 was no label, its words
    glued to the turn before."""
    minutes = parse_minutes(ZOKKAI)
    assert (minutes.attendees, minutes.attendee_count, minutes.proxy_count) == ([], 35, 8)
    assert _entries(ZOKKAI) == [
        ("statement", "議長", "前回に引き続き、第３号議案「会費の改定について」を議題とします。"),
        ("statement", "会長", "改定額を年１，２００円から１，０００円に修正しました。"),
        ("statement", "代議員(3班)", "修正案なら賛成できます。"),
        ("statement", "代議員(7班)", "値上げの理由を回覧で全世帯に知らせてほしい。"),
    ]


IN_WRITING = (
    "令和６年度第２回　ひまわり市障害者施策推進協議会（書面会議）議事録\n\n"
    "１　会議の方法　書面による審議（会議は開催していない）\n"
    "２　資料送付日　令和６年１２月２日（月）\n"
    "３　回答期限　令和６年１２月１３日（金）\n"
    "４　送付委員　１５名\n"
    "５　回答委員　１４名\n"
    "６　議題\n"
    "　（１）第７期障害福祉計画の中間評価について\n"
    "　（２）委員の改選について\n"
    "７　審議結果\n"
    "　（１）第７期障害福祉計画の中間評価について\n"
    "　　承認　１３名、不承認　０名、意見付き承認　１名\n"
    "　（２）委員の改選について\n"
    "　　承認　１４名、不承認　０名\n"
    "８　結果　いずれの議題も承認された。\n"
)


def test_a_meeting_in_writing_its_fields_numbered():
    """「１　会議の方法」…「３　回答期限」 were items of the body (and the date a guess from the
    second); 「８　結果」 was glued to the votes indented above it."""
    minutes = parse_minutes(IN_WRITING)
    assert minutes.date == dt.date(2024, 12, 2)
    assert minutes.agenda == ["(1)第7期障害福祉計画の中間評価について", "(2)委員の改選について"]
    assert _items(minutes) == [
        (1, "第7期障害福祉計画の中間評価について"),
        (2, "委員の改選について"),
    ]
    assert _entries(IN_WRITING) == [
        ("note", "承認　１３名、不承認　０名、意見付き承認　１名"),
        ("note", "承認　１４名、不承認　０名"),
        ("note", "８　結果　いずれの議題も承認された。"),
    ]
    assert minutes.warnings == []


ONLINE = (
    "令和６年度　第２回　つつじ市協働のまちづくり推進委員会　会議録（オンライン開催）\n\n"
    "日時：令和６年８月２９日（木）１９：００～２０：２０\n"
    "開催方法：Ｚｏｏｍによるオンライン会議（事務局は市役所５階会議室から接続）\n"
    "出席委員：西田委員長、野村副委員長\n\n"
    "１．協働事業提案制度の見直しについて\n"
    "西田委員長：資料の画面共有をお願いします。\n"
)


def test_an_online_meetings_venue_is_its_method():
    minutes = parse_minutes(ONLINE)
    assert minutes.venue == "Zoomによるオンライン会議(事務局は市役所5階会議室から接続)"
    # A place given as well is the venue, whatever the order.
    assert parse_minutes(ONLINE.replace("出席委員", "場所：市役所５階会議室\n出席委員")).venue == (
        "市役所5階会議室"
    )
    assert parse_minutes(ONLINE.replace("開催方法", "場所：市役所\n開催方法")).venue == "市役所"
    # 「書面による審議」 is no venue.
    assert parse_minutes(ONLINE.replace("Ｚｏｏｍによるオンライン会議", "書面")).venue is None


COMPANY_BOARD = (
    "取締役会議事録\n\n"
    "１．日時　　令和６年６月２０日（木）午前９時００分\n"
    "２．場所　　当社本店会議室\n"
    "３．出席者　取締役総数３名中３名出席、監査役総数１名中１名出席\n"
    "　　出席取締役　　代表取締役　青木　浩一、取締役　井川　聡、取締役　上野　美穂\n"
    "　　出席監査役　　監査役　江川　直樹\n"
    "４．議長　　代表取締役　青木　浩一\n\n"
    "５．議事の経過の要領及びその結果\n"
    "第１号議案　支店設置の件\n"
    "　議長は、福岡市に支店を設置したい旨を説明し、出席取締役全員異議なくこれを承認可決した。\n\n"
    "　以上をもって本日の議事を終了したので、議長は午前９時３０分閉会を宣した。\n"
    "　上記の決議を明確にするため、出席取締役及び出席監査役は次に記名押印する。\n"
)


def test_a_companys_board_its_directors_and_auditor():
    """The totals, 「出席監査役」 and 「監査役」 were attendees; the sentence over the seals, with
    no seal under it, an appendix."""
    minutes = parse_minutes(COMPANY_BOARD)
    assert (minutes.attendees, minutes.attendee_count) == (
        ["青木 浩一", "井川 聡", "上野 美穂"],
        3,
    )
    assert minutes.also_attending == ["江川 直樹"]
    assert _items(minutes) == [(1, "支店設置の件")]
    assert (
        minutes.closing == "以上をもって本日の議事を終了したので、議長は午前9時30分閉会を宣した。"
    )
    assert minutes.appendix == []
    assert minutes.warnings == []


WORKSHOP = (
    "ときわ台まちづくりワークショップ（第２回）記録\n\n"
    "日時：令和６年９月２１日（土）１３：３０～１６：００\n"
    "参加者：地域住民　２８名（４グループ）\n"
    "運営：ときわ台まちづくり協議会、市都市計画課\n\n"
    "１　趣旨説明（都市計画課）\n"
    "　前回出された意見の整理結果を説明した。\n"
)


def test_who_ran_a_workshop_is_no_participant():
    minutes = parse_minutes(WORKSHOP)
    assert (minutes.attendees, minutes.attendee_count) == ([], 28)
    assert minutes.secretariat == []


ATTRIBUTED_AFTER = (
    "令和６年度第２回　ふじ市消費生活審議会　議事概要\n\n"
    "日時：令和６年１０月２２日（火）１０：００～１１：３０\n"
    "出席委員：松田会長、宮本委員、森委員\n\n"
    "１　消費生活相談の状況について\n"
    "　・若者向けの出前講座を増やすべきではないか。（宮本委員）\n"
    "　　→大学と連携して実施する予定である。（消費生活センター所長）\n"
    "　・相談窓口の周知にＳＮＳを使ってほしい。（森委員）\n"
    "　以上の意見を踏まえ、啓発計画を見直すこととした。\n"
)


def test_an_answer_arrowed_and_the_records_sentence_after_the_points():
    """「→……（所長）」 kept its arrow; 「以上の意見を踏まえ……」 was glued to the last point."""
    assert _entries(ATTRIBUTED_AFTER) == [
        ("statement", "宮本委員", "若者向けの出前講座を増やすべきではないか。"),
        ("statement", "消費生活センター所長", "大学と連携して実施する予定である。"),
        ("statement", "森委員", "相談窓口の周知にＳＮＳを使ってほしい。"),
        ("note", "以上の意見を踏まえ、啓発計画を見直すこととした。"),
    ]


OWNERS_MEETING = (
    "グリーンヒルズ管理組合　第２５期通常総会議事録\n\n"
    "１．日時　　２０２４年６月９日（日）１０：００～１１：４０\n"
    "２．場所　　グリーンヒルズ集会室\n\n"
    "第１号議案　第２４期事業報告及び収支決算報告承認の件\n"
    "　質疑：駐輪場の修繕費が予算を超えた理由は。（４０１号室）\n"
    "　回答：自転車ラックの部品が値上がりしたためです。（会計担当理事）\n"
    "　採決の結果、賛成６０、反対２で承認された。\n"
)


def test_a_question_and_its_answer_by_who_is_in_brackets():
    """「回答：……（会計担当理事）」 was spoken by 「回答」; 「質疑：……（４０１号室）」 a note."""
    assert _entries(OWNERS_MEETING) == [
        ("statement", "401号室", "駐輪場の修繕費が予算を超えた理由は。"),
        ("statement", "会計担当理事", "自転車ラックの部品が値上がりしたためです。"),
        ("note", "採決の結果、賛成６０、反対２で承認された。"),
    ]


SCHOOL_COUNCIL = (
    "令和６年度　第２回　さくら台小学校　学校運営協議会　記録\n\n"
    "１　日　時　令和６年１０月１５日（火）１５：３０～１６：４５\n"
    "３　出席者\n"
    "　委　員：大橋会長、片山副会長、小山委員\n"
    "　学　校：校長　佐伯　道子、教頭　島田　浩\n"
    "４　内　容\n"
    "【報告】\n"
    "　○２学期の学校の様子（校長）\n"
    "　　運動会は１０月５日に実施し、地域から約４００人の来場があった。\n"
    "【協議】\n"
    "　○登下校の見守り体制について\n"
    "　　校長：ＰＴＡと一緒に新しい人を募りたい。\n"
    "　○地域学習の講師について\n"
    "　　小山委員：商店街の店主を紹介できる。\n"
)


def test_a_school_councils_staff_and_its_items_marked_circles():
    """「学　校：……」 was glued to the members (「小山委員学」); the ○ titles under 【報告】
    【協議】 were notes."""
    minutes = parse_minutes(SCHOOL_COUNCIL)
    assert minutes.attendees == ["大橋", "片山", "小山"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("佐伯 道子", "校長"),
        ("島田 浩", "教頭"),
    ]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("報告", [(1, "2学期の学校の様子(校長)")]),
        ("協議", [(1, "登下校の見守り体制について"), (2, "地域学習の講師について")]),
    ]
    assert _entries(SCHOOL_COUNCIL) == [
        ("note", "運動会は１０月５日に実施し、地域から約４００人の来場があった。"),
        ("statement", "校長", "ＰＴＡと一緒に新しい人を募りたい。"),
        ("statement", "小山委員", "商店街の店主を紹介できる。"),
    ]


COUNCILLORS = (
    "社会福祉法人ひかり福祉会　令和６年度第１回評議員会議事録\n\n"
    "開催日時：令和６年６月２５日（火）１３時３０分～１４時３０分\n"
    "評議員総数：７名　出席評議員：６名\n"
    "出席評議員：岩田　和也、上原　恵、岡本　徹、川村　静香、北野　誠、久保田　修\n"
    "欠席評議員：小林　明\n"
    "出席理事：理事長　佐々木　勇\n"
    "出席監事：杉田　敏夫\n\n"
    "議長の選出\n"
    "　評議員の互選により、岩田和也評議員が議長に選出された。\n\n"
    "第１号議案　令和５年度計算書類の承認について\n"
    "　理事長から説明があった。賛成６名、反対０名で原案のとおり承認された。\n"
)


def test_a_councillors_meeting_and_the_directors_attending_it():
    """「出席理事」 were counted among the councillors; 「議長の選出」 was an auditor."""
    minutes = parse_minutes(COUNCILLORS)
    assert minutes.attendees == [
        "岩田 和也",
        "上原 恵",
        "岡本 徹",
        "川村 静香",
        "北野 誠",
        "久保田 修",
    ]
    assert minutes.attendee_count == 6
    assert minutes.absentees == ["小林 明"]
    assert minutes.also_attending == ["佐々木 勇", "杉田 敏夫"]
    assert _items(minutes) == [(0, "開会"), (1, "令和5年度計算書類の承認について")]
    assert _entries(COUNCILLORS) == [
        ("note", "議長の選出"),
        ("note", "評議員の互選により、岩田和也評議員が議長に選出された。"),
        ("note", "理事長から説明があった。賛成６名、反対０名で原案のとおり承認された。"),
    ]


# The tenth set (/tmp/styles8b): kinds no set had.

TEMPLE_BOARD = (
    "宗教法人　光明寺　責任役員会議事録\n\n"
    "一、日　時　令和六年九月八日（日）午前十時\n"
    "一、場　所　光明寺　客殿\n"
    "一、責任役員総数　三名\n"
    "一、出席責任役員　代表役員　松井　照道、責任役員　坂口　忠、責任役員　野中　弘\n"
    "一、議　長　代表役員　松井　照道\n\n"
    "議事\n"
    "第一号議案　本堂屋根修繕工事の件\n"
    "　議長より説明があり、審議の結果、全員異議なく可決した。\n"
)


def test_a_religious_corporations_officers():
    """「一、責任役員総数　三名」 was an item, the officers present its note."""
    minutes = parse_minutes(TEMPLE_BOARD)
    assert minutes.attendees == ["松井 照道", "坂口 忠", "野中 弘"]
    assert [(s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections] == [
        ("議事", [(1, "本堂屋根修繕工事の件")])
    ]


PARENTS = (
    "ひばりヶ丘サッカースポーツ少年団　保護者会　議事メモ\n\n"
    "日時：2024/10/5（土）19:00～20:10\n"
    "場所：ひばりヶ丘小学校　家庭科室\n\n"
    "1. 秋季大会の配車について\n"
    "監督：車を6台お願いしたい。\n"
    "保護者A：当番表で決めてはどうか。\n"
    "コーチ（田辺）：3月16日の予定です。\n"
)


def test_a_sports_clubs_parents_speaking():
    """「保護者A：」 was no label, its words glued to the coach's."""
    assert _entries(PARENTS) == [
        ("statement", "監督", "車を6台お願いしたい。"),
        ("statement", "保護者A", "当番表で決めてはどうか。"),
        ("statement", "コーチ(田辺)", "3月16日の予定です。"),
    ]


DISTRICT_TALK = (
    "令和６年度　みなみ地区福祉座談会　記録\n\n"
    "日　時：令和６年７月１３日（土）１０時～１１時３０分\n"
    "参加者：地区住民２２名、民生委員４名\n"
    "社協：地域福祉係　長尾、藤井\n\n"
    "Ｑ　ごみ出しが難しい人はどうすればいいか。（住民）\n"
    "Ａ　市のふれあい収集が使えます。（長尾）\n"
    "Ｑ　見守りの当番を決めている地区はあるか。（民生委員）\n"
)


def test_questions_and_answers_by_who_is_in_brackets_after_them():
    """「Ｑ　……（住民）」「Ａ　……（長尾）」 were spoken by Q and A; 「社協：」 was glued to the
    participants."""
    minutes = parse_minutes(DISTRICT_TALK)
    # 「地区住民２２名、民生委員４名」: two groups counted, no one named; 26 came.
    assert (minutes.attendees, minutes.attendee_count) == ([], 26)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("長尾", "地域福祉係"),
        ("藤井", ""),
    ]
    assert _entries(DISTRICT_TALK) == [
        ("statement", "住民", "ごみ出しが難しい人はどうすればいいか。"),
        ("statement", "長尾", "市のふれあい収集が使えます。"),
        ("statement", "民生委員", "見守りの当番を決めている地区はあるか。"),
    ]


def test_delegates_present_in_writing_are_proxies():
    minutes = parse_minutes(
        "あさひ川土地改良区　令和６年度通常総代会議事録\n\n"
        "１　開催日時　令和６年３月２６日（火）午前１０時\n"
        "３　総代定数　２０名\n"
        "４　出席総代数　１８名（うち書面出席８名）\n\n"
        "議案第１号　令和６年度事業計画について\n"
        "　原案どおり全員異議なく可決された。\n"
    )
    assert (minutes.attendee_count, minutes.proxy_count) == (18, 8)


def test_interpreters_attend_by_their_language():
    minutes = parse_minutes(
        "第３回　さくら市外国人市民会議　会議録\n\n"
        "日時　令和６年１１月９日（土）１４：００～１６：００\n"
        "出席委員　グエン・ヴァン・ミン委員（座長）、李　明華委員\n"
        "通訳　ベトナム語　佐々木、タガログ語　高橋\n\n"
        "１　防災情報の多言語化について\n"
        "グエン座長：避難所の案内がベトナム語でないので困る。\n"
    )
    assert minutes.attendees == ["グエン・ヴァン・ミン", "李 明華"]
    assert minutes.also_attending == ["佐々木", "高橋"]


TEAM_MEMO = (
    "【議事メモ】地域連携プロジェクト定例MTG #14\n\n"
    "日時：2024-11-27（水）10:00-10:45\n"
    "参加：藤井、長谷川、Kim、上野（敬称略）\n"
    "場所：オンライン（Teams）\n\n"
    "1) 進捗共有\n"
    "- 藤井：商店街ヒアリング 5件完了。\n"
    "- Kim：アンケートのWeb版を公開済み。\n"
)


def test_a_teams_memo_its_members_speaking_after_hyphens():
    """「参加：」 was no key; 「- Kim：」 glued to the turn before it."""
    minutes = parse_minutes(TEAM_MEMO)
    assert minutes.attendees == ["藤井", "長谷川", "Kim", "上野"]
    assert minutes.venue == "オンライン(Teams)"
    assert _entries(TEAM_MEMO) == [
        ("statement", "藤井", "商店街ヒアリング 5件完了。"),
        ("statement", "Kim", "アンケートのWeb版を公開済み。"),
    ]


# The eleventh set: a closing numbered as an item (a tester's past minutes, /tmp/nc8), and the
# tenth set's last misreadings (/tmp/styles8b).

PAST_MINUTES = (
    "令和８年度第１回あおば市市民協働推進センター運営委員会準備会　会議録\n\n"
    "１　日時　　令和８年１０月２０日（火）午後６時３０分～８時３０分\n"
    "５　事務局　　市民協働課長　小林、同課主査　田中\n\n"
    "７　議事\n"
    "（１）センターの名称について\n"
    "髙橋委員：市民に分かりやすい名称でよいと思う。\n"
    "○満場一致で原案のとおり承認した。\n\n"
    "（２）開設日について\n"
    "事務局：１１月号の市報に掲載する。\n\n"
    "{closing}"
)
_ITEMS = [(1, "センターの名称について"), (2, "開設日について")]


@pytest.mark.parametrize(
    ("written", "closing"),
    [
        ("８　閉会\n午後８時３０分、閉会した。\n", "午後8時30分、閉会した。"),
        ("８．閉会\n午後８時３０分、閉会した。\n", "午後8時30分、閉会した。"),
        ("（８）閉会\n午後８時３０分、閉会した。\n", "午後8時30分、閉会した。"),
        ("八　閉会\n午後８時３０分、閉会した。\n", "午後8時30分、閉会した。"),
        ("第８　閉会\n午後８時３０分に閉会した。\n", "午後8時30分に閉会した。"),
        (
            "８　閉会のあいさつ\n会長から閉会のあいさつがあった。\n",
            "会長から閉会のあいさつがあった。",
        ),
        ("８　閉会の辞　副会長\n", "8 閉会の辞 副会長"),
        ("８　閉会\n", "8 閉会"),
    ],
)
def test_a_closing_numbered_as_an_item_is_the_closing(written: str, closing: str):
    """「８　閉会」 over 「午後８時３０分、閉会した。」 was item 8 with a note, and no closing."""
    minutes = parse_minutes(PAST_MINUTES.format(closing=written))
    assert _items(minutes) == _ITEMS
    assert minutes.closing == closing
    assert minutes.end_time == dt.time(20, 30)  # the header's
    assert minutes.entries()[-1] == Entry("statement", "１１月号の市報に掲載する。", "事務局")
    assert minutes.appendix == []


def test_the_closings_sentence_gives_the_end_time_the_header_did_not():
    text = PAST_MINUTES.format(closing="８　閉会\n午後８時３０分、閉会した。\n").replace(
        "～８時３０分", ""
    )
    assert parse_minutes(text).end_time == dt.time(20, 30)


def test_an_item_on_the_recess_and_a_closing_speech_stay_items():
    """「閉会中の審査について」 is an item's title; 「３　閉会」 with the chair's turn under it
    stays the item it was."""
    minutes = parse_minutes(
        PAST_MINUTES.format(
            closing="（３）閉会中の審査について\n委員長：継続審査とします。\n"
            "８　閉会のあいさつ\n会長：本日はありがとうございました。\n"
        )
    )
    assert _items(minutes) == [*_ITEMS, (3, "閉会中の審査について"), (8, "閉会のあいさつ")]
    assert minutes.entries()[-2:] == [
        Entry("statement", "継続審査とします。", "委員長"),
        Entry("statement", "本日はありがとうございました。", "会長"),
    ]
    assert minutes.closing is None


def _review_again(minutes):
    # The review screen shows render_body beside the header's fields and reads it back on save
    # under its own title line (kyodo/committees/views/imports.py).
    return parse_minutes("2026年度第1回会議録\n■事務局：小林市民協働課長\n" + render_body(minutes))


def test_the_review_text_reads_back_the_closing_and_no_item_glued():
    """After saving the review, 「（８）閉会」 was glued to the turn above it."""
    first = parse_minutes(PAST_MINUTES.format(closing="８　閉会\n午後８時３０分、閉会した。\n"))
    again = _review_again(first)
    assert [s.to_dict() for s in again.sections] == [s.to_dict() for s in first.sections]
    assert again.closing == "午後8時30分、閉会した。"


@pytest.mark.parametrize("category", ["議事", "議題", "", "報告事項"])
def test_an_item_numbered_on_after_a_gap_reads_back_as_an_item(category: str):
    """「（８）次回の予定」 after 「（２）」 in the review's text was glued to the turn above."""
    minutes = Minutes(
        title="2026年度第1回会議録",
        sections=[
            Section(
                7 if category else 0,  # a section with no heading has no number
                category,
                [
                    Item(1, "センターの名称について", [Entry("note", "承認した。")]),
                    Item(2, "開設日について", [Entry("statement", "掲載する。", "事務局")]),
                    Item(8, "次回の予定", [Entry("note", "１月に開く。")]),
                    Item(9, "その他の件", [Entry("note", "なし。")]),
                ],
            )
        ],
    )
    again = _review_again(minutes)
    assert [s.to_dict() for s in again.sections] == [s.to_dict() for s in minutes.sections]


FACULTY = (
    "人文学部教授会議事要録\n\n"
    "日時：２０２４年１０月１６日（水）１５：００～１６：３０\n"
    "出席：構成員３２名中２５名（定足数１７名）\n"
    "議長：学部長　森田　誠一\n"
    "書記：学務係長　上原　由美\n\n"
    "審議事項\n"
    "１．令和７年度学部入試日程について\n"
    "　入試委員長から資料１に基づき説明があり、審議の結果、原案どおり承認された。\n"
)


def test_a_faculty_meetings_chair_is_no_attendee_of_a_counted_list():
    """「議長：学部長　森田　誠一」 was glued to the 出席 line (the attendee 森田 誠一)."""
    minutes = parse_minutes(FACULTY)
    assert (minutes.attendees, minutes.attendee_count) == ([], 25)
    assert [(s.name, s.title) for s in minutes.secretariat] == [("上原 由美", "学務係長")]
    # 「議長：それでは始めます。」 is still a turn.
    assert _entries(FACULTY + "議長：それでは始めます。\n")[-1] == (
        "statement",
        "議長",
        "それでは始めます。",
    )


ETHICS = (
    "第８回　あさひ総合病院　倫理審査委員会　議事概要\n\n"
    "開催日時：令和６年１１月２０日（水）１７：３０～１８：４０\n"
    "出席委員：中川（委員長）、伊東（副委員長）、大塚\n\n"
    "審議\n"
    "（１）申請番号２０２４－０４５　高齢者の術後せん妄に関する観察研究\n"
    "　申請者：麻酔科　部長　井上\n"
    "　主な意見：同意の取得方法について、家族の代諾の手順を明記すること。\n"
    "　判定：条件付承認\n"
    "（２）申請番号２０２４－０４６　看護師の夜勤と睡眠に関する調査\n"
    "　申請者：看護部　主任　岡田\n"
    "　判定：承認\n"
)


def test_an_ethics_boards_applicant_opinions_and_verdict_are_notes():
    """「申請者：麻酔科　部長　井上」 was a turn, 「主な意見：」「判定：」 glued to it."""
    assert _entries(ETHICS) == [
        ("note", "申請者：麻酔科　部長　井上"),
        ("note", "主な意見：同意の取得方法について、家族の代諾の手順を明記すること。"),
        ("note", "判定：条件付承認"),
        ("note", "申請者：看護部　主任　岡田"),
        ("note", "判定：承認"),
    ]


SELECTION = (
    "しらかば市民体育館指定管理者選定委員会（第２回）会議録\n\n"
    "１　日時　　令和６年８月２２日（木）　午後１時３０分～午後４時\n"
    "３　出席委員　　佐藤委員長、田島副委員長、柳委員、宇田川委員\n"
    "６　議事\n"
    "（１）応募団体によるプレゼンテーション及びヒアリング（非公開）\n"
    "（２）審査・採点\n"
    "（３）候補者の選定\n\n"
    "７　審議の概要\n"
    "（１）プレゼンテーション及びヒアリング\n"
    "　応募のあった２団体から提案内容の説明を受け、質疑を行った。（非公開のため概要は省略）\n"
    "（２）審査・採点\n"
    "　各委員が審査基準に基づき採点した。\n"
    "　　Ａ団体　３４２点（５００点満点）\n"
    "　　Ｂ団体　２９８点（５００点満点）\n"
    "（３）候補者の選定\n"
    "　採点の結果、Ａ団体を指定管理者の候補者として選定した。\n"
)


def test_a_selection_committees_summary_and_its_scores():
    """「７　審議の概要」 was the agenda's last line; 「Ａ団体　３４２点」 a turn of 「Ａ団体」."""
    minutes = parse_minutes(SELECTION)
    assert minutes.agenda == [
        "(1)応募団体によるプレゼンテーション及びヒアリング(非公開)",
        "(2)審査・採点",
        "(3)候補者の選定",
    ]
    assert _items(minutes) == [
        (1, "プレゼンテーション及びヒアリング"),
        (2, "審査・採点"),
        (3, "候補者の選定"),
    ]
    assert _entries(SELECTION) == [
        (
            "note",
            "応募のあった２団体から提案内容の説明を受け、質疑を行った。（非公開のため概要は省略）",
        ),
        ("note", "各委員が審査基準に基づき採点した。"),
        ("note", "Ａ団体　３４２点（５００点満点）"),
        ("note", "Ｂ団体　２９８点（５００点満点）"),
        ("note", "採点の結果、Ａ団体を指定管理者の候補者として選定した。"),
    ]


def test_the_sentence_over_the_seals_and_its_date_with_no_closing_line():
    """No closing line, then 「以上の決議を明確にするため、……記名押印する。」 and the date: was
    an appendix (no seal under them: the paper copy's form)."""
    text = (
        TEMPLE_BOARD
        + "\n以上の決議を明確にするため、議事録を作成し、出席責任役員全員が記名押印する。\n"
        + "令和六年九月八日\n"
    )
    minutes = parse_minutes(text)
    assert (minutes.closing, minutes.appendix, minutes.warnings) == (None, [], [])
    assert _entries(text) == [
        ("note", "議長より説明があり、審議の結果、全員異議なく可決した。"),
    ]


def test_a_clubs_coach_named_and_the_others_counted():
    """「出席：監督（石井）、コーチ2名、保護者18名」 gave 「監督(石井)」 and two."""
    minutes = parse_minutes(
        PARENTS.replace("場所：", "出席：監督（石井）、コーチ2名、保護者18名\n場所：")
    )
    assert (minutes.attendees, minutes.attendee_count) == (["石井"], 21)


def test_a_talks_theme_is_its_agenda():
    """「テーマ「ひとり暮らし高齢者の見守り」」 was glued to the secretariat."""
    text = DISTRICT_TALK.replace("\n\nＱ", "\n\nテーマ「ひとり暮らし高齢者の見守り」\n\nＱ", 1)
    minutes = parse_minutes(text)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("長尾", "地域福祉係"),
        ("藤井", ""),
    ]
    assert minutes.agenda == ["ひとり暮らし高齢者の見守り"]
    assert _entries(text) == _entries(DISTRICT_TALK)


@pytest.mark.parametrize("text", [ETHICS, SELECTION, PAST_MINUTES.format(closing="８　閉会\n")])
def test_keyed_lines_and_scores_read_back_from_the_review_text(text: str):
    """「○申請者：……」「○Ａ団体　３４２点……」 as the review renders them were turns again."""
    first = parse_minutes(text)
    again = _review_again(first)
    assert [s.to_dict() for s in again.sections] == [s.to_dict() for s in first.sections]
    assert again.closing == first.closing
