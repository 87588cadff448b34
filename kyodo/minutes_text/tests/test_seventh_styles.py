"""Styles read since the seventh tester's set (NPO法人の理事会, 町内会の役員会, 図書館協議会, 一般社団法人の
総会, 商店街振興組合の理事会, 教育委員会定例会 …): auditors and observers kept apart from the members,
attendance by proxy counted, marked bills and categories read as headings; each with its exact
reading."""

from __future__ import annotations

import datetime as dt

from kyodo.minutes_text import Minutes, parse_minutes

from .test_styles import _entries, _printed


def _items(minutes) -> list[tuple[int, str]]:
    return [(i.number, i.title) for s in minutes.sections for i in s.items]


NPO_BOARD = (
    "特定非営利活動法人みどりの森ネットワーク\n"
    "令和６年度第３回理事会議事録\n\n"
    "１　日　時　　令和６年９月１４日（土）午前１０時００分～１１時４５分\n"
    "２　場　所　　みどり市民活動センター　会議室Ａ\n"
    "３　理事総数　１０名\n"
    "４　出席理事　８名（うち委任状２名）\n"
    "　　理事長　大川　正雄、副理事長　木下　和江、理事　佐伯　一郎、理事　村田　恵子\n"
    "５　出席監事　１名　　監事　小西　博\n"
    "６　欠席理事　２名　　理事　北村　剛、理事　中田　礼子\n"
    "７　事務局　　事務局長　石橋　真理\n\n"
    "第１号議案　令和６年度上半期事業報告について\n"
    "　佐伯理事：里山観察会の参加者数が前年より減っている理由は。\n"
    "　事務局長：雨天中止が２回あったためです。\n"
    "　審議の結果、全員異議なく原案のとおり承認された。\n"
)


def test_a_boards_auditor_is_no_director_and_its_proxies_are_counted():
    """「出席監事」 was read as a director present; 「（うち委任状２名）」 was lost."""
    minutes = parse_minutes(NPO_BOARD)
    assert minutes.attendees == ["大川 正雄", "木下 和江", "佐伯 一郎", "村田 恵子"]
    assert (minutes.attendee_count, minutes.proxy_count) == (8, 2)
    assert minutes.also_attending == ["小西 博"]
    assert minutes.absentees == ["北村 剛", "中田 礼子"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("石橋 真理", "事務局長")]
    assert _items(minutes) == [(1, "令和6年度上半期事業報告について")]
    assert _entries(NPO_BOARD) == [
        ("statement", "佐伯理事", "里山観察会の参加者数が前年より減っている理由は。"),
        ("statement", "事務局長", "雨天中止が２回あったためです。"),
        ("note", "審議の結果、全員異議なく原案のとおり承認された。"),
    ]
    data = minutes.to_dict()
    assert (data["proxy_count"], data["also_attending"]) == (2, ["小西 博"])
    assert Minutes.from_dict(data) == minutes


def test_a_document_without_auditors_or_proxies_has_no_such_keys():
    data = parse_minutes(
        "会議録\n日時：令和６年５月１０日\n出席者：田中、山田\n会長：始めます。\n"
    ).to_dict()
    assert "proxy_count" not in data and "also_attending" not in data


CHONAIKAI = (
    "さくら台町内会　第５回役員会　議事録\n\n"
    "日時：令和6年11月10日（日）19:00～20:30\n"
    "場所：さくら台集会所\n"
    "出席者：会長 田島、副会長 西川、会計 小林、書記 中野\n"
    "オブザーバー：民生委員 江口\n\n"
    "◎議案１　年末夜警の実施について\n"
    "会長：例年通り12月27日から29日まで実施したい。\n"
    "→ 原案どおり実施することに決定。\n\n"
    "◎報告事項\n"
    "・市の防災訓練は2月に予定（会長）\n"
)


def test_an_observer_and_a_marked_category():
    """「オブザーバー：」 was counted among the officers; 「◎報告事項」 was a note of the item
    before it."""
    minutes = parse_minutes(CHONAIKAI)
    assert minutes.attendees == ["田島", "西川", "小林", "中野"]
    assert minutes.also_attending == ["江口"]
    assert [(s.category, [i.title for i in s.items]) for s in minutes.sections] == [
        ("", ["年末夜警の実施について"]),
        ("報告事項", [""]),
    ]
    assert _entries(CHONAIKAI) == [
        ("statement", "会長", "例年通り12月27日から29日まで実施したい。"),
        ("note", "原案どおり実施することに決定。"),
        ("note", "・市の防災訓練は2月に予定（会長）"),
    ]


def test_observers_from_other_bodies_by_their_names_only():
    """An observer's body and title before the name (were read as three names)."""
    minutes = parse_minutes(
        "令和６年度　第１回　かもめ市立図書館協議会　会議録\n"
        "【日時】令和６年７月２日（火）１４：００～１５：３０\n"
        "【出席委員】\n"
        "　会長　今井　昭、副会長　岡本　紀子、委員　菊地　亮\n"
        "【オブザーバー】かもめ市学校図書館協議会　司書教諭　杉山　恵\n"
        "【事務局】図書館長　高木　浩二\n"
        "（１）令和５年度図書館事業報告について\n"
        "【事務局】資料１により報告した。\n"
    )
    assert minutes.attendees == ["今井 昭", "岡本 紀子", "菊地 亮"]
    assert minutes.also_attending == ["杉山 恵"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("高木 浩二", "図書館長")]


def test_an_observers_group_inside_the_roster():
    """「（オブザーバー）」 between 「（委員）」 and 「（事務局）」 under 「出席者」."""
    minutes = parse_minutes(
        "令和６年度第１回　わかば市環境審議会　議事録\n"
        "１．日　時　　令和６年６月２０日（木）　十四時から十六時まで\n"
        "３．出席者\n"
        "　（委　員）\n"
        "　　片桐会長、北島副会長、工藤委員\n"
        "　（オブザーバー）\n"
        "　　わかば商工会議所　環境部会長　関口　豊\n"
        "　（事務局）\n"
        "　　環境政策課長　高田　陽一\n"
        "４．傍聴人　　３人\n"
        "《議事》\n"
        "１　第３次環境基本計画の進捗状況について\n"
        "《柴田委員》太陽光発電の導入目標に対して実績が低いのではないか。\n"
    )
    assert (minutes.start_time, minutes.end_time) == (dt.time(14, 0), dt.time(16, 0))
    assert minutes.attendees == ["片桐", "北島", "工藤"]
    assert minutes.also_attending == ["関口 豊"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [("高田 陽一", "環境政策課長")]
    assert minutes.observers == ["3人"]


def test_auditors_inside_the_list_of_those_present():
    """「監事　金井　和夫」 among the officers, 「監事　出席（早川）」 on a line of its own, an
    observer by his title glued to the name."""
    minutes = parse_minutes(
        "ことり台自治会　第２回役員会議事録\n"
        "日時　令和６年５月１２日（日）午前１０時～午前１１時３０分\n"
        "出席者　会長　宇田川　清、副会長　江島　文子、監事　金井　和夫\n"
        "オブザーバー　大橋係長\n"
        "◎議案１　夏祭りの日程について\n"
        "会長：７月２７日（土）で提案します。\n"
    )
    assert minutes.attendees == ["宇田川 清", "江島 文子"]
    assert minutes.also_attending == ["金井 和夫", "大橋"]
    minutes = parse_minutes(
        "グランドメゾン桜川管理組合　第３期第６回理事会議事録\n"
        "日時　R6.11.17（日）10:00～11:30\n"
        "出席理事　５名／７名（理事長 吉野、副理事長 和田、会計 渡辺、理事 山内・米田）\n"
        "監事　出席（早川）\n"
        "第１号議案　大規模修繕工事の施工会社選定について\n"
        "吉野理事長：総会に諮る前に説明会を開きたい。\n"
    )
    assert (minutes.date, minutes.attendee_count) == (dt.date(2024, 11, 17), 5)
    assert minutes.attendees == ["吉野", "和田", "渡辺", "山内", "米田"]
    assert minutes.also_attending == ["早川"]


def test_a_general_meetings_votes_by_proxy_and_in_writing_are_added_up():
    minutes = parse_minutes(
        "特定非営利活動法人ほたるの里\n２０２４年度通常総会議事録\n"
        "日時：２０２４年５月２６日（日）１３：３０～１５：００\n"
        "正会員総数：６８名\n"
        "出席者数：５１名（本人出席２９名、表決委任者１５名、書面表決者７名）\n"
        "出席理事：森下理事長、安田副理事長\n"
        "出席監事：和田監事\n"
        "議事\n"
        "◎第１号議案　２０２３年度事業報告承認の件\n"
        "　→賛成多数により承認された。\n"
    )
    assert (minutes.attendee_count, minutes.proxy_count) == (51, 22)
    assert minutes.attendees == ["森下", "安田"]
    assert minutes.also_attending == ["和田"]
    assert _items(minutes) == [(1, "2023年度事業報告承認の件")]


EDUCATION_BOARD = (
    "令和６年第１２回みずほ町教育委員会定例会会議録\n"
    "開会　令和６年１２月１９日（木）午後１時３０分\n"
    "閉会　午後２時２０分\n"
    "出席委員　教育長　永田　誠、委員　西村　千春\n"
    "欠席委員　委員　萩原　順子\n"
    "事務局　教育課長　浜口　達也\n"
    "◎議案第２０号　みずほ町立図書館条例施行規則の一部改正について\n"
    "教育課長：開館時間を延長するための改正です。\n"
    "教育長：原案のとおり可決します。\n"
    "◎報告第８号　冬季休業中の生活指導について\n"
    "教育課長：資料のとおり報告します。\n"
)


def test_marked_bills_are_the_items_in_text_and_in_print():
    """「◎議案第２０号　……」 with its space was a note; the turns under it were no item's."""
    read, typed = _printed(EDUCATION_BOARD, numbers="left")
    for minutes in (read, typed):
        assert (minutes.date, minutes.start_time, minutes.end_time) == (
            dt.date(2024, 12, 19),
            dt.time(13, 30),
            dt.time(14, 20),
        )
        assert _items(minutes) == [
            (20, "議案第20号 みずほ町立図書館条例施行規則の一部改正について"),
            (8, "報告第8号 冬季休業中の生活指導について"),
        ]
        assert [(e.speaker, e.text) for e in minutes.entries()] == [
            ("教育課長", "開館時間を延長するための改正です。"),
            ("教育長", "原案のとおり可決します。"),
            ("教育課長", "資料のとおり報告します。"),
        ]


# --- the rest of the seventh tester's findings --------------------------------------------------


def test_dates_written_with_the_eras_first_letter():
    """「Ｈ２２年４月１８日」「R6年度」 (the document was refused: no date), 「R6.11.17」."""
    minutes = parse_minutes(
        "みなと台自治会　定例役員会　議事録\n\n"
        "１．日時　Ｈ２２年４月１８日（日）午後７時より\n"
        "２．場所　自治会館\n"
        "３．出席者　１５名（役員１２名、班長３名）\n\n"
        "１．新年度役員の紹介\n"
        "　会長より新役員の紹介があった。\n"
    )
    assert (minutes.date, minutes.start_time, minutes.attendee_count) == (
        dt.date(2010, 4, 18),
        dt.time(19, 0),
        15,
    )
    minutes = parse_minutes(
        "R6年度 第2回 役員会 会議録\n日時　R6年5月1日（水）19時～\n出席者：田中、山田\n会長：始めます。\n"
    )
    assert (minutes.date, minutes.fiscal_year, minutes.title) == (
        dt.date(2024, 5, 1),
        2024,
        "R6年度 第2回 役員会 会議録",
    )
    minutes = parse_minutes(
        "会議録\n日時　H22.12.21 19時～\n出席者：田中、山田\n会長：始めます。\n"
    )
    assert minutes.date == dt.date(2010, 12, 21)


def test_staff_titles_before_names_and_a_management_companys_line():
    """「施設長　真島　利恵」「地域連携担当教諭　森口　亜矢」 (title and name were swapped),
    「管理会社　（株）さくら住宅管理　フロント担当 岡部」 (the company was the name)."""
    minutes = parse_minutes(
        "社会福祉法人あさがお会　理事会議事録\n\n"
        "１　開催日時　令和６年５月３０日（木）　１０時００分から１１時１０分まで\n"
        "２　開催場所　本部事務所会議室\n"
        "３　理事総数及び出席者数　総数６名、出席者数６名\n"
        "　　出席理事　斉藤　博（理事長）、三好　彩、武田　聡\n"
        "４　監事の出席　出席監事　平岡　克也\n"
        "５　その他の出席者　施設長　真島　利恵、事務長　水野　昭\n\n"
        "第１号議案　令和５年度事業報告の承認について\n"
        "　議長から資料に基づき説明があり、審議の結果、全員一致で承認された。\n"
    )
    # 「出席者数６名」 was a name.
    assert (minutes.attendees, minutes.attendee_count) == (["斉藤 博", "三好 彩", "武田 聡"], 6)
    assert minutes.also_attending == ["平岡 克也"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("真島 利恵", "施設長"),
        ("水野 昭", "事務長"),
    ]
    minutes = parse_minutes(
        "令和６年度第２回やまびこ中学校学校運営協議会　記録\n"
        "日時　令和６年１０月２４日（木）　１５：３０～１６：５０\n"
        "出席委員（９名）\n"
        "　会長　長岡　勇（地域代表）\n"
        "事務局　地域連携担当教諭　森口　亜矢\n"
        "１　協議\n"
        "　＜校長＞資料のとおり。\n"
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [("森口 亜矢", "地域連携担当教諭")]
    minutes = parse_minutes(
        "グランドメゾン桜川管理組合　第３期第６回理事会議事録\n"
        "日時　R6.11.17（日）10:00～11:30\n"
        "出席理事　５名／７名（理事長 吉野、副理事長 和田、会計 渡辺、理事 山内・米田）\n"
        "管理会社　（株）さくら住宅管理　フロント担当 岡部\n"
        "第１号議案　大規模修繕工事の施工会社選定について\n"
        "　吉野理事長：総会に諮る前に説明会を開きたい。\n"
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("岡部", "(株)さくら住宅管理フロント担当")
    ]


FACULTY = (
    "第２４２回　人文学部教授会議事録\n\n"
    "日　時：２０２４年１１月２０日（水）１５：００～１６：４５\n"
    "場　所：本館２階　第一会議室\n"
    "出席者：３６名（定足数２５名）\n"
    "陪　席：事務長　森下、学務係長　太田\n"
    "議　長：学部長　河合　誠\n\n"
    "審議事項\n"
    "１．客員研究員の受入れについて\n"
    "　学部長より説明があった。\n"
    "　Ｑ：受入れ期間の延長は可能か。\n"
    "　Ａ：規程上、１年を限度として延長できる。\n"
    "　審議の結果、承認された。\n\n"
    "次回教授会　１２月１８日（水）１５時\n"
    "以上\n"
)


def test_spaced_keys_with_their_colon_and_the_next_meeting_after_the_last_note():
    """「議　長：」 spaced to the column was glued into the 陪席 list (「議」「長:学部長 河合 誠」);
    「次回教授会　１２月１８日……」 was glued to the note before it."""
    minutes = parse_minutes(FACULTY)
    assert (minutes.attendees, minutes.attendee_count) == ([], 36)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("森下", "事務長"),
        ("太田", "学務係長"),
    ]
    assert _entries(FACULTY) == [
        ("note", "学部長より説明があった。"),
        ("statement", "Q", "受入れ期間の延長は可能か。"),
        ("statement", "A", "規程上、１年を限度として延長できる。"),
        ("note", "審議の結果、承認された。"),
        ("note", "次回教授会　１２月１８日（水）１５時"),
    ]


KANJI_NUMBERED = (
    "令和五年度　第二回　かえで村社会教育委員会議　会議録\n\n"
    "一　日　時　令和五年十月十二日（木）　午後一時三十分から午後三時まで\n"
    "二　場　所　かえで村公民館　第一研修室\n"
    "三　出席委員　岡村　節子（議長）、加賀　浩\n"
    "四　欠席委員　桑田　一郎\n"
    "五　事務局　　教育課長　小林　亘、社会教育係長　坂井　真由\n\n"
    "六　議事\n"
    "１　村民文化祭について\n"
    "　議長　今年は舞台発表の団体が増えた。\n"
    "　加賀委員　展示スペースが狭いので、体育館の利用も検討してほしい。\n\n"
    "七　閉会　午後三時\n"
)


def test_kanji_numbered_headings_after_the_header_and_at_the_end():
    """「六　議事」 was read into the last name of the secretariat (「坂井 真由六 議事」); 「七　閉会
    午後三時」 was glued to the last turn."""
    minutes = parse_minutes(KANJI_NUMBERED)
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("小林 亘", "教育課長"),
        ("坂井 真由", "社会教育係長"),
    ]
    assert _items(minutes) == [(1, "村民文化祭について")]
    assert _entries(KANJI_NUMBERED) == [
        ("statement", "議長", "今年は舞台発表の団体が増えた。"),
        ("statement", "加賀委員", "展示スペースが狭いので、体育館の利用も検討してほしい。"),
    ]
    assert (minutes.closing, minutes.end_time) == ("七 閉会 午後三時", dt.time(15, 0))


def test_a_unions_offices_and_its_recorder():
    """「執行委員　江本・菅原」 left a name 「執行」; 「書記　菅原」 under 「欠席」 was an absentee."""
    minutes = parse_minutes(
        "ひかり市職員労働組合　第１２回執行委員会　議事録\n\n"
        "日時　2024年12月3日（火）18時15分～19時40分\n"
        "場所　組合事務所\n"
        "出席　委員長　村井、副委員長　池田・吉川、書記長　浜田、執行委員　江本・菅原・竹内\n"
        "欠席　執行委員　堀\n"
        "書記　菅原\n\n"
        "１．報告\n"
        "（１）賃金確定交渉の経過（書記長）\n"
        "　１１月２８日に第３回交渉を行った。\n"
    )
    assert minutes.attendees == ["村井", "池田", "吉川", "浜田", "江本", "菅原", "竹内"]
    assert minutes.absentees == ["堀"]
    assert minutes.secretariat == []


def test_members_named_with_their_office_in_parentheses():
    """「相原委員（会長）」「石塚委員（副会長）」 were dropped from the attendees."""
    minutes = parse_minutes(
        "令和６年度第１回　ゆずりは市介護保険運営協議会　会議録\n\n"
        "日　時　令和６年７月２５日（木）午後１時３０分から午後３時まで\n"
        "出席委員（4名）\n"
        "　相原委員（会長）、石塚委員（副会長）、植村委員、\n"
        "　木村委員\n"
        "欠席委員（1名）\n"
        "　坂井委員\n\n"
        "⑴　令和５年度介護保険事業の実績について\n"
        "　（植村委員）認定までの日数が長いのではないか。\n"
    )
    assert (minutes.attendees, minutes.attendee_count) == (["相原", "石塚", "植村", "木村"], 4)
    assert minutes.absentees == ["坂井"]


SUB_ITEMS = (
    "令和６年度　第４回　ひまわり小学校ＰＴＡ運営委員会　議事録\n\n"
    "日　時　令和６年１０月８日（火）　１０：００～１１：３０\n"
    "出席者　会長、副会長２名、会計、書記　計５名\n\n"
    "１．会長挨拶\n"
    "２．各委員会報告\n"
    "（１）広報委員会\n"
    "　・ＰＴＡ新聞第２号を１１月に発行予定。\n"
    "（２）保健委員会\n"
    "　・手洗い啓発ポスターを作成した。\n"
    "３．研修\n"
    "　地域包括支援センターの役割について学んだ。\n"
    "４．協議事項\n"
    "⑴　バザーの開催について\n"
    "　副会長：キャッシュレス決済を導入したい。\n"
)


def test_items_under_a_numbered_heading_and_items_numbered_in_parenthesised_characters():
    """「（１）広報委員会」「（２）……」 under 「２．各委員会報告」 were items of the section before
    it; 「⑴　……」 kept 「(1)」 in its title."""
    minutes = parse_minutes(SUB_ITEMS)
    assert [
        (s.number, s.category, [(i.number, i.title) for i in s.items]) for s in minutes.sections
    ] == [
        (0, "", [(1, "会長挨拶")]),
        (2, "各委員会報告", [(1, "広報委員会"), (2, "保健委員会")]),
        (3, "研修", [(0, "")]),
        (4, "協議事項", [(1, "バザーの開催について")]),
    ]
    assert _entries(SUB_ITEMS) == [
        ("note", "・ＰＴＡ新聞第２号を１１月に発行予定。"),
        ("note", "・手洗い啓発ポスターを作成した。"),
        ("note", "地域包括支援センターの役割について学んだ。"),
        ("statement", "副会長", "キャッシュレス決済を導入したい。"),
    ]


CONDOMINIUM = (
    "グランドメゾン桜川管理組合　第３期第６回理事会議事録\n"
    "日時　R6.11.17（日）10:00～11:30\n"
    "出席理事　５名／７名（理事長 吉野、副理事長 和田、理事 山内）\n\n"
    "第１号議案　大規模修繕工事の施工会社選定について\n"
    "　山内理事：説明会は土日に２回開いてほしい。\n"
    "　結果：２社に絞り込み、説明会を１月に開催することで承認。\n"
    "第２号議案　防犯灯の修理について\n"
    "会計：修理費は予備費から支出します。\n"
    "決定：予備費から支出する。\n"
    "次回理事会　R6.12.15（日）10:00\n"
    "以上\n"
)


def test_keyed_decisions_and_the_next_meeting_are_lines_of_their_own():
    """「結果：……」「決定：……」 and 「次回理事会　R6.12.15……」 were glued to the turn before, in
    text and in print."""
    expected = [
        ("statement", "山内理事", "説明会は土日に２回開いてほしい。"),
        ("note", "結果：２社に絞り込み、説明会を１月に開催することで承認。"),
        ("statement", "会計", "修理費は予備費から支出します。"),
        ("note", "決定：予備費から支出する。"),
        ("note", "次回理事会　R6.12.15（日）10:00"),
    ]
    assert _entries(CONDOMINIUM) == expected
    read, typed = _printed(CONDOMINIUM, numbers="none")
    for minutes in (read, typed):
        assert [
            (e.kind, e.speaker, e.text) if e.kind == "statement" else (e.kind, e.text)
            for e in minutes.entries()
        ] == expected


FIRE_CORPS = (
    "はなみずき市消防団　幹部会議事録\n\n"
    "日時　令和６年８月２５日（日）　午前９時～午前１０時３０分\n"
    "出席者　団長　松本　勇、副団長　長島　聡\n\n"
    "１　秋季火災予防運動について\n"
    "（事務局）１１月９日から１５日まで実施する。\n"
    "（団長）巡回は２人以上で行うこと。\n"
    "（第２分団長）車両の点検日程はどうなるか。\n"
    "２　その他\n"
    "（副団長）熱中症対策を徹底すること。\n"
)


def test_a_fire_corps_officers_in_parentheses_are_speakers():
    """「（団長）」「（第２分団長）」 were joined into the turn before (or a note)."""
    assert _entries(FIRE_CORPS) == [
        ("statement", "事務局", "１１月９日から１５日まで実施する。"),
        ("statement", "団長", "巡回は２人以上で行うこと。"),
        ("statement", "第2分団長", "車両の点検日程はどうなるか。"),
        ("statement", "副団長", "熱中症対策を徹底すること。"),
    ]


GENERAL_MEETING = (
    "一般社団法人こもれび文化協会\n"
    "第８回定時社員総会議事録\n\n"
    "１．日時　　令和６年６月２２日（土）午後１時００分から午後２時２０分まで\n"
    "２．場所　　こもれび会館　２階ホール\n"
    "３．社員総数　　　　　　　　　　５２名\n"
    "　　出席社員数（委任状含む）　　４１名\n"
    "　　　本人出席　　　　　　　　　２３名\n"
    "　　　委任状出席　　　　　　　　１８名\n"
    "４．出席役員\n"
    "　　代表理事　　上田　正人\n"
    "　　理事　　　　江口　和美、小野寺　勉\n"
    "　　監事　　　　加藤　雅彦\n"
    "５．議長　　代表理事　上田　正人\n"
    "６．議事録作成者　理事　江口　和美\n\n"
    "７．議事の経過の要領及びその結果\n"
    "　定刻、代表理事上田正人が議長席に着き開会を宣した。\n\n"
    "第１号議案　理事選任の件\n"
    "　満場一致で同人を再任した。\n"
)


def test_a_general_meeting_of_members_counts_those_present_and_by_proxy():
    """「社員総数」「出席社員数（委任状含む）」 and their counts were items of the body; the
    officers present were turns."""
    minutes = parse_minutes(GENERAL_MEETING)
    assert (minutes.attendee_count, minutes.proxy_count) == (41, 18)
    assert minutes.attendees == ["上田 正人", "江口 和美", "小野寺 勉"]
    assert minutes.also_attending == ["加藤 雅彦"]
    assert _items(minutes) == [(0, "開会"), (1, "理事選任の件")]
    assert _entries(GENERAL_MEETING) == [
        ("note", "定刻、代表理事上田正人が議長席に着き開会を宣した。"),
        ("note", "満場一致で同人を再任した。"),
    ]


def test_the_boards_size_and_those_present_on_one_line_the_names_on_the_next():
    """「理事総数　１２名　　出席理事　９名（うち委任状出席３名）」, then 「出席理事：……」: the
    count was lost."""
    minutes = parse_minutes(
        "すずらん通り商店街振興組合　令和６年度第７回理事会　議事録\n\n"
        "日時：令和６年１０月２９日（火）２０時００分～２１時１０分\n"
        "理事総数　１２名　　出席理事　９名（うち委任状出席３名）\n"
        "出席理事：理事長　今野　茂（今野精肉店）、副理事長　佐久間　恵（花のさくま）\n\n"
        "１．歳末大売出しについて\n"
        "＜今野理事長＞予算内で調整してほしい。\n"
    )
    assert (minutes.attendees, minutes.attendee_count, minutes.proxy_count) == (
        ["今野 茂", "佐久間 恵"],
        9,
        3,
    )


SCHEDULE = (
    "令和6年第11回こはる市教育委員会定例会　会議録\n\n"
    "日時　令和6年11月26日（火）　午前10時00分開会　午前11時15分閉会\n"
    "出席委員　教育長　中川　誠一\n"
    "　　　　　委員　　福島　ゆかり\n\n"
    "日程第１　会議録署名委員の指名\n"
    "日程第２　議案第３２号　通学区域に関する規則の一部改正について\n\n"
    "【日程第１】\n"
    "中川教育長：会議録署名委員に福島委員を指名します。\n"
    "【日程第２】\n"
    "益田教育総務課長：議案第３２号について説明します。\n"
    "福島委員：児童数の見込みは。\n"
)


def test_an_order_of_business_then_its_items_by_their_numbers_in_brackets():
    """「日程第１　……」「日程第２　……」 listed under the header, then 「【日程第１】」 over the
    turns: the first turn was under 日程第２, the brackets notes."""
    minutes = parse_minutes(SCHEDULE)
    assert minutes.agenda == [
        "日程第1 会議録署名委員の指名",
        "日程第2 議案第32号 通学区域に関する規則の一部改正について",
    ]
    assert [
        (i.number, i.title, [e.speaker for e in i.entries])
        for s in minutes.sections
        for i in s.items
    ] == [
        (1, "会議録署名委員の指名", ["中川教育長"]),
        (2, "議案第32号 通学区域に関する規則の一部改正について", ["益田教育総務課長", "福島委員"]),
    ]


def test_the_members_online_named_in_the_count():
    """「（うちオンライン２名：江森理事、小笠原理事）」 lost the names."""
    minutes = parse_minutes(
        "令和６年度　臨時理事会議事録\n\n"
        "１．日時　令和６年１２月２日（月）午後４時００分～午後４時３０分\n"
        "２．出席者\n"
        "　　理事　　６名中５名出席（うちオンライン２名：江森理事、小笠原理事）\n"
        "　　　　　　会長　上野　雄一、副会長　大久保　智子、専務理事　奥田　修\n"
        "３．欠席者　理事　木原　薫\n\n"
        "議案　事務局長の任命について\n"
        "　審議の結果、出席理事全員の賛成により原案のとおり可決した。\n"
    )
    assert (minutes.attendees, minutes.attendee_count) == (
        ["江森", "小笠原", "上野 雄一", "大久保 智子", "奥田 修"],
        5,
    )
    assert minutes.online == ["江森", "小笠原"]
    assert minutes.absentees == ["木原 薫"]


def test_the_chair_named_among_the_header_fields():
    """「議長：安田副理事長」 and 「議事録署名人：……」 under the attendance were a turn."""
    minutes = parse_minutes(
        "特定非営利活動法人ほたるの里\n２０２４年度通常総会議事録\n"
        "日時：２０２４年５月２６日（日）１３：３０～１５：００\n"
        "出席理事：森下理事長、安田副理事長\n"
        "議長：安田副理事長\n"
        "議事録署名人：山本理事、吉川理事\n\n"
        "議事\n"
        "◎第１号議案　２０２３年度事業報告承認の件\n"
        "　→賛成多数により承認された。\n"
    )
    assert minutes.attendees == ["森下", "安田"]
    assert _items(minutes) == [(1, "2023年度事業報告承認の件")]
    assert [(e.kind, e.text) for e in minutes.entries()] == [("note", "賛成多数により承認された。")]


def test_a_councils_centre_staff_are_staff():
    """「■センター職員　……センター長　工藤　慎也」 was one member titled 「■センター職員」."""
    minutes = parse_minutes(
        "令和6年度　第2回　あおば市地域包括支援センター運営協議会　議事要旨\n\n"
        "■日時　　令和6年10月17日（木）18:30～20:00\n"
        "■出席委員（敬称略）　安藤 康夫（会長）、井口 美香（副会長）\n"
        "■事務局　高齢福祉課長 川口 隆\n"
        "■センター職員　あおば東地域包括支援センター長 工藤 慎也、あおば西地域包括支援センター長 黒田 恵美\n\n"
        "■議事\n"
        "（1）地域包括支援センターの事業実績について\n"
        "　・事務局より資料1に基づき説明。\n"
    )
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("川口 隆", "高齢福祉課長"),
        ("工藤 慎也", "あおば東地域包括支援センター長"),
        ("黒田 恵美", "あおば西地域包括支援センター長"),
    ]


# --- the seventh set's last misreadings -------------------------------------------------------


def test_the_officials_present_to_explain_are_kept_with_the_secretariat():
    """「説明のため出席した者」 (numbered or not) and 「出席説明員」: the officials were dropped; a
    clerk lists them apart from the members, so they are kept in the secretariat (name, title),
    before the assembly's own staff."""
    minutes = parse_minutes(
        "令和６年第３回つばき町議会総務常任委員会会議録\n"
        "１　日　　時　　令和６年９月１０日（火）午前１０時\n"
        "２　出席委員（３名）\n"
        "　　委 員 長　　山田　太郎　　　　委　　員　　鈴木　一郎　　委　　員　　高橋　次郎\n"
        "３　説明のため出席した者\n"
        "　　町長　　　　中島　健一　　　　総務課長　　小林　聡\n"
        "４　事務局職員出席者\n"
        "　　議会事務局長　　加藤　洋\n"
        "○委員長（山田太郎君）　ただいまから委員会を開会いたします。\n"
    )
    assert minutes.attendees == ["山田 太郎", "鈴木 一郎", "高橋 次郎"]
    assert [(s.name, s.title) for s in minutes.secretariat] == [
        ("中島 健一", "町長"),
        ("小林 聡", "総務課長"),
        ("加藤 洋", "議会事務局長"),
    ]
    unnumbered = parse_minutes(
        "ひかり市教育委員会定例会会議録\n"
        "日時　令和６年４月２５日（木）午後２時\n"
        "出席委員　教育長　木村　誠、委員　岡　花子\n"
        "説明のため出席した職員\n"
        "　教育部長　佐藤　健、学校教育課長　西　由美\n"
        "教育長　開会します。\n"
    )
    assert [(s.name, s.title) for s in unnumbered.secretariat] == [
        ("佐藤 健", "教育部長"),
        ("西 由美", "学校教育課長"),
    ]


def test_seat_numbers_keep_the_space_inside_each_name():
    """「会長　１番　中島　敏夫　　２番　長谷川　実」 (an agricultural committee's roster by seat,
    one space inside each name): 「中島敏夫」 lost the space."""
    minutes = parse_minutes(
        "令和６年１２月　つばき町農業委員会総会議事録\n"
        "１　開会日時　令和６年１２月１０日（火）午前９時３０分\n"
        "４　出席委員（４名）\n"
        "　　会長　１番　中島　敏夫　　２番　長谷川　実\n"
        "　　３番　平野　正　　４番　藤田　勝\n"
        "議長　ただいまから１２月定例総会を開会します。\n"
    )
    assert minutes.attendees == ["中島 敏夫", "長谷川 実", "平野 正", "藤田 勝"]
    assert minutes.attendee_count == 4


def test_officers_counted_by_their_office_add_to_those_named():
    """「分団長８名」「班長4名」 after the officers named were read as the whole count."""
    fire = parse_minutes(
        "はなみずき市消防団　幹部会議事録\n"
        "日時　令和６年８月２５日（日）　午前９時～午前１０時３０分\n"
        "出席者　団長　松本　勇、副団長　長島　聡、副団長　野口　武、分団長８名\n"
        "（団長）熱中症対策を徹底すること。\n"
    )
    assert (fire.attendees, fire.attendee_count) == (["松本 勇", "長島 聡", "野口 武"], 11)
    club = parse_minutes(
        "令和6年度　はなぞの子ども会育成会　第3回役員会　記録\n"
        "日時：令和6年9月7日（土）10:00～11:00\n"
        "出席：会長（岩崎）、副会長（梅田・遠山）、会計（大塚）、書記（片岡）、班長4名\n"
        "【1】夏まつり反省\n"
        "・参加児童は42名。\n"
    )
    assert (club.attendees, club.attendee_count) == (["岩崎", "梅田", "遠山", "大塚", "片岡"], 9)


def test_a_roster_grouped_by_where_members_are_chosen_from():
    """「学識経験者　　堀　正之（会長）」「市議会議員　　三上　俊」「関係行政機関　本田　勇（…代理
    …）」: the groups were names, 「三上」「俊」 split."""
    minutes = parse_minutes(
        "第３回　しらかば市都市計画審議会　会議録\n"
        "日時：令和６年８月６日（火）午後２時～午後３時３０分\n"
        "出席委員：\n"
        "　学識経験者　　堀　正之（会長）、前田　洋子\n"
        "　市議会議員　　三上　俊、村瀬　光\n"
        "　関係行政機関　本田　勇（しらかば警察署長代理　交通課長　森　一）\n"
        "欠席委員：山下　和夫\n"
        "○会長　ただいまから審議会を開会いたします。\n"
    )
    assert minutes.attendees == ["堀 正之", "前田 洋子", "三上 俊", "村瀬 光", "本田 勇"]
    assert minutes.absentees == ["山下 和夫"]


def test_a_member_marked_online_inside_the_list():
    """「（オンライン）加納委員」 was not online; 「木下委員（オンライン）」 after the name too."""
    minutes = parse_minutes(
        "令和６年度第２回　すみれ市健康づくり推進協議会　会議録\n"
        "開催日時：令和６年１１月１２日（火）１４：３０～１６：００\n"
        "出席委員：赤坂会長、伊藤副会長、（オンライン）加納委員、木下委員（オンライン）、江田委員\n"
        "【赤坂会長】始めます。\n"
    )
    assert minutes.attendees == ["赤坂", "伊藤", "加納", "木下", "江田"]
    assert minutes.online == ["加納", "木下"]


def test_a_city_department_answering_by_its_name():
    """「市まちづくり推進課　……」 was glued to the turn before."""
    text = (
        "令和６年度　第４回　あじさい地区まちづくり協議会　会議録\n"
        "日時：令和６年１０月１６日（水）　午後７時～午後８時４５分\n"
        "３．協議事項\n"
        "⑴　地区防災計画の改定について\n"
        "　Ａ委員　要支援者名簿の取扱いについて自治会ごとに差がある。\n"
        "　市まちづくり推進課　市の様式を参考に統一してほしい。\n"
    )
    assert _entries(text) == [
        ("statement", "A委員", "要支援者名簿の取扱いについて自治会ごとに差がある。"),
        ("statement", "市まちづくり推進課", "市の様式を参考に統一してほしい。"),
    ]


def test_a_parents_associations_roster_of_offices_and_the_nurserys_staff():
    """「参加者：会長・副会長・会計・各クラス委員（ひよこ、りす、…）計9名」 gave the classes as
    names; 「園から：園長　宮下先生、主任　森先生」 were members."""
    minutes = parse_minutes(
        "もみじ保育園　父母の会　運営委員会　議事録（案）\n"
        "日時：2024年6月15日（土）9:30-11:00\n"
        "場所：もみじ保育園　遊戯室\n"
        "参加者：会長・副会長・会計・各クラス委員（ひよこ、りす、うさぎ、ぱんだ、きりん、ぞう）計9名\n"
        "園から：園長　宮下先生、主任　森先生\n\n"
        "■議題1：夏祭りについて\n"
        "会長）今年も7月20日（土）に開催します。\n"
    )
    assert (minutes.attendees, minutes.attendee_count) == ([], 9)
    assert [(s.name, s.title) for s in minutes.secretariat] == [("宮下", "園長"), ("森", "主任")]
    assert minutes.status == "案"


LINE_CUT_ROSTER = (
    "特定非営利活動法人はばたきサポート　第２回理事会議事録\n"
    "１　日時　令和６年８月３日（土）　１４時００分～１５時３０分\n"
    "３　出席理事　６名\n"
    "出席者　理事長　桐山　治、副理事長　熊谷　京子、理事　小泉　聡、理事　近藤\n"
    "由佳、理事　斎木　守、理事　篠原　泉\n"
    "◎第１号議案　就労体験事業の受託について\n"
    "　審議の結果、全員賛成で承認された。\n"
)


def test_a_given_name_on_the_next_line_of_a_printed_roster():
    """「…、理事　近藤」 at the line's end, 「由佳、…」 on the next (a PDF's line): 「近藤」「由佳」
    were two members."""
    read, typed = _printed(LINE_CUT_ROSTER, numbers="none", wrapped=False)
    names = ["桐山 治", "熊谷 京子", "小泉 聡", "近藤 由佳", "斎木 守", "篠原 泉"]
    assert read.attendees == typed.attendees == names


def test_a_body_marker_of_the_summary_is_no_note():
    """「【議事の要旨】」 after the 次第 was a note of an unnamed item."""
    minutes = parse_minutes(
        "令和６年度第１回　ゆずりは市介護保険運営協議会　会議録\n"
        "日　時　令和６年７月２５日（木）午後１時３０分から午後３時まで\n"
        "次　第\n"
        "１　開会\n"
        "２　議題\n"
        "　⑴　令和５年度介護保険事業の実績について\n"
        "３　閉会\n\n"
        "【議事の要旨】\n"
        "⑴　令和５年度介護保険事業の実績について\n"
        "　介護保険課長から資料１により説明。\n"
        "　（植村委員）要介護認定の申請から認定までの日数が長いのではないか。\n"
    )
    assert _items(minutes) == [(1, "令和5年度介護保険事業の実績について")]
    assert [(e.kind, e.text) for e in minutes.entries()] == [
        ("note", "介護保険課長から資料１により説明。"),
        ("statement", "要介護認定の申請から認定までの日数が長いのではないか。"),
    ]


def test_the_signers_line_after_the_bills_is_no_item():
    """「８　議事録署名人　出席した理事長及び監事」 after the last bill was item 8."""
    minutes = parse_minutes(
        "社会福祉法人あさがお会　理事会議事録\n"
        "１　開催日時　令和６年５月３０日（木）　１０時００分から１１時１０分まで\n"
        "７　議事の経過の概要及びその結果\n"
        "第１号議案　令和５年度事業報告の承認について\n"
        "　議長から資料に基づき説明があり、審議の結果、全員一致で承認された。\n\n"
        "８　議事録署名人　出席した理事長及び監事\n"
    )
    assert _items(minutes) == [(1, "令和5年度事業報告の承認について")]
    assert [(e.kind, e.text) for e in minutes.entries()] == [
        ("note", "議長から資料に基づき説明があり、審議の結果、全員一致で承認された。"),
        ("note", "８　議事録署名人　出席した理事長及び監事"),
    ]
