"""The corpus's documents of the twenty-second session: styles the importer missed before it.

- attendance given as counts or households (「出席世帯　２５世帯（委任状含む）」, 「出席　12名
  欠席　3名」, 「出席者：理事７名、監事１名、事務局２名」, 「出席組合員　３８戸」);
- the chair's opening words before the first agenda heading (kept as the turns of an item
  「開会」);
- text files printed to PDF (no ruling, a monospace font; ``corpus.PDF_LAYOUT`` says which
  printer), 「日 時　平成22年…」 with a half-width space inside the key;
- pages of about 25 characters a line (narrow columns, a vertical record set horizontally): every
  sentence wrapped, the wraps to be joined without joining two turns or two points of a list.

Everything is invented: the bodies, the people, the places and what they say.
"""

from __future__ import annotations

from kyodo.minutes_text.tests.corpus.make_corpus import Doc, nfkc

OPENING = "開会"  # the item the chair's words before the first heading are kept in


def _units(char: str) -> int:
    return 1 if ord(char) < 0x80 or 0xFF61 <= ord(char) <= 0xFF9F else 2


def narrowed(doc: Doc, columns: int = 50) -> Doc:
    """The document's lines wrapped at ``columns`` half-width units (25 full-width characters),
    as a narrow column or a vertical record set horizontally prints them."""
    out: list[str] = []
    for text in doc.lines:
        current, width = "", 0
        for char in text:
            if width + _units(char) > columns:
                out.append(current)
                current, width = "", 0
            current += char
            width += _units(char)
        out.append(current)
    doc.lines = out
    return doc


def _opening(doc: Doc) -> None:
    doc.item(0, OPENING, None)


# --- attendance counted ---------------------------------------------------------------------


def jichikai_households(name: str) -> Doc:
    """自治会の定期総会: 「出席世帯　２５世帯（委任状含む）」, the 司会's opening and the chair's
    election before 「１．議事」, 第N号議案 under it, その他, half-width times in the header."""
    doc = Doc(name, "jichikai_households")
    doc.header(
        title="令和7年度 あさひ台自治会 定期総会 議事録",
        fiscal_year=2025,
        date="2025-04-20",
        start_time="10:00",
        end_time="11:40",
        venue="あさひ台第二集会所",
        attendee_count=25,
    )
    doc.line("令和７年度　あさひ台自治会　定期総会　議事録")
    doc.line("")
    doc.line("日　時：令和7年4月20日（日）10:00～11:40")
    doc.line("場　所：あさひ台第二集会所")
    doc.line("出席世帯　２５世帯（委任状含む）")
    doc.line("")
    _opening(doc)
    chair = "司会（森下副会長）"
    doc.say(
        f"{chair}：",
        nfkc(chair),
        "ただいまから令和７年度あさひ台自治会定期総会を開会いたします。本日の出席は委任状を含め"
        "て２５世帯で、会員世帯の過半数に達しておりますので、総会は成立しております。",
    )
    doc.say(f"{chair}：", nfkc(chair), "はじめに今井会長からごあいさつを申し上げます。")
    doc.say(
        "会長：",
        "会長",
        "皆さん、おはようございます。日ごろから自治会の活動に御協力いただき、ありがとうござい"
        "ます。本日はよろしくお願いいたします。",
    )
    doc.say(
        f"{chair}：",
        nfkc(chair),
        "続いて議長の選出です。慣例により司会から指名させていただいてよろしいでしょうか。",
    )
    doc.note("（「異議なし」の声）", "（「異議なし」の声）")
    doc.say(f"{chair}：", nfkc(chair), "それでは５班の川口さんに議長をお願いします。")
    doc.section(1, "議事", "１．議事")
    doc.item(1, "令和6年度事業報告について", "第１号議案　令和６年度事業報告について")
    doc.say("議長：", "議長", "第１号議案について、会長から説明をお願いします。")
    doc.say(
        "会長：",
        "会長",
        "資料の１ページを御覧ください。昨年度は夏祭り、防災訓練、資源回収を予定どおり実施しま"
        "した。防災訓練には８２名の参加がありました。",
    )
    doc.say(
        "会員（７班）：",
        "会員(7班)",
        "防災訓練の参加者が年々減っているように思います。若い世帯にも参加してもらえる工夫はあ"
        "りますか。",
    )
    doc.say(
        "会長：",
        "会長",
        "今年度は子ども会と合同で実施し、起震車の体験を加える予定です。",
    )
    doc.say("議長：", "議長", "第１号議案に賛成の方は挙手をお願いします。")
    doc.note("（賛成多数）", "（賛成多数）")
    doc.say("議長：", "議長", "第１号議案は原案のとおり承認されました。")
    doc.item(
        2,
        "令和6年度決算報告及び監査報告について",
        "第２号議案　令和６年度決算報告及び監査報告について",
    )
    doc.say(
        "会計（小西）：",
        "会計(小西)",
        "資料の３ページを御覧ください。収入合計は１８６万４千円、支出合計は１７１万２千円で、"
        "１５万２千円を次年度に繰り越します。",
    )
    doc.say(
        "監事（浅野）：",
        "監事(浅野)",
        "４月５日に帳簿と領収書を監査し、適正に処理されていることを確認しました。",
    )
    doc.say("議長：", "議長", "第２号議案に賛成の方は挙手をお願いします。")
    doc.note("（賛成多数）", "（賛成多数）")
    doc.say("議長：", "議長", "第２号議案は承認されました。")
    doc.item(3, "令和7年度役員の選任について", "第３号議案　令和７年度役員の選任について")
    doc.say(
        "会長：",
        "会長",
        "役員選考委員会からの推薦により、会長は引き続き私、今井が、副会長は森下さんと村田さん"
        "が務めます。",
    )
    doc.say("議長：", "議長", "第３号議案に賛成の方は拍手をお願いします。")
    doc.note("（拍手多数）", "（拍手多数）")
    doc.section(2, "その他", "２．その他")
    doc.item(0, "", None)
    doc.say(
        "会員（２班）：",
        "会員(2班)",
        "ごみ集積所のネットが破れているので、交換をお願いしたい。",
    )
    doc.say("会長：", "会長", "確認して、今月中に交換します。")
    doc.say(
        "議長：",
        "議長",
        "以上で本日の議事はすべて終了しました。御協力ありがとうございました。",
    )
    doc.finish("午前１１時４０分　閉会")
    return doc


def council_counts(name: str) -> Doc:
    """市の審議会 (委員長, 部会長): 「出席　12名　欠席　3名」 half-width, the chair's opening as
    ○議長（委員長） before 「６．議題」, a numbered header."""
    doc = Doc(name, "council_counts")
    doc.header(
        title="令和6年度 第2回 みなと市都市計画審議会 会議録",
        fiscal_year=2024,
        meeting_number=2,
        date="2024-11-18",
        start_time="14:00",
        end_time="15:45",
        venue="みなと市役所 本庁舎5階 501会議室",
        attendee_count=12,
        secretariat=[
            ("三浦", "都市計画課長"),
            ("本田", "都市計画課主幹"),
            ("松井", "都市計画課主事"),
        ],
    )
    doc.line("令和6年度 第2回 みなと市都市計画審議会 会議録")
    doc.line("")
    doc.line("１．日時　令和6年11月18日（月）　午後2時00分～午後3時45分")
    doc.line("２．場所　みなと市役所 本庁舎5階 501会議室")
    doc.line("３．出席者　出席　12名　欠席　3名")
    doc.line("４．事務局　都市計画課長　三浦、同課主幹　本田、同課主事　松井")
    doc.line("")
    _opening(doc)
    chair = "○議長（委員長）　"
    said = "議長(委員長)"
    doc.say(
        chair,
        said,
        "それでは定刻になりましたので、ただいまから令和６年度第２回みなと市都市計画審議会を開会"
        "いたします。本日は委員１５名中１２名の御出席をいただいており、会議は成立しております。",
    )
    doc.say(
        chair,
        said,
        "本日の会議録署名委員は、名簿順により岡田委員と金子委員にお願いいたします。",
    )
    doc.section(6, "議題", "６．議題")
    doc.item(1, "用途地域の変更について(諮問)", "（１）用途地域の変更について（諮問）")
    doc.say(chair, said, "議題（１）について、事務局から説明をお願いします。")
    doc.say(
        "○事務局（三浦課長）　",
        "事務局(三浦課長)",
        "資料１を御覧ください。駅東地区の約４．２ヘクタールについて、第一種住居地域から近隣商"
        "業地域への変更を予定しております。",
    )
    doc.say(
        "○岡田部会長　",
        "岡田部会長",
        "土地利用部会では、９月と１０月の２回にわたり審議を行いました。部会としては、原案のと"
        "おり変更することが適当との結論に至っております。",
    )
    doc.say(
        "○金子委員　",
        "金子委員",
        "変更に伴って、周辺の住宅地への日照や交通の影響はどの程度見込まれるのでしょうか。",
    )
    doc.say(
        "○事務局（本田主幹）　",
        "事務局(本田主幹)",
        "高さの最高限度を２０メートルとする地区計画をあわせて定めることで、影響を抑える考えです。",
    )
    doc.say(chair, said, "ほかに御意見はございませんか。")
    doc.note("（「なし」の声あり）", "（「なし」の声あり）")
    doc.say(chair, said, "それでは、本件は原案のとおり答申することといたします。")
    doc.item(
        2, "都市計画マスタープランの進捗について", "（２）都市計画マスタープランの進捗について"
    )
    doc.say(
        "○事務局（松井主事）　",
        "事務局(松井主事)",
        "資料２により、令和５年度の取組状況を御報告いたします。",
    )
    doc.say(
        "○西村副委員長　",
        "西村副委員長",
        "自転車の走行空間の整備が遅れているようですので、次回は整備の見通しもお示しください。",
    )
    doc.say(
        chair,
        said,
        "以上で本日の議事はすべて終了しました。これをもちまして閉会いたします。",
    )
    doc.finish("午後3時45分閉会")
    return doc


def npo_counts(name: str) -> Doc:
    """NPO法人の理事会: 「出席者：理事７名、監事１名、事務局２名」, 議長 and 議事録署名人 in the
    header (read, not kept), the chair's opening before 【第１号議案】, 西暦 with half-width
    times."""
    doc = Doc(name, "npo_counts")
    doc.header(
        title="特定非営利活動法人みらい子ども応援団 令和7年度第1回理事会議事録",
        fiscal_year=2025,
        meeting_number=1,
        date="2025-05-10",
        start_time="14:00",
        end_time="15:30",
        venue="法人事務所(さくら市本町2-5-8 2階)",
        attendee_count=7,
    )
    doc.line("特定非営利活動法人みらい子ども応援団　令和７年度第１回理事会議事録")
    doc.line("")
    doc.line("日時：２０２５年５月１０日（土）１４:００～１５:３０")
    doc.line("場所：法人事務所（さくら市本町２－５－８　２階）")
    doc.line("出席者：理事７名、監事１名、事務局２名")
    doc.line("議長：理事長　長谷川　真理")
    doc.line("議事録署名人：理事　西岡　健、理事　松田　絵美")
    doc.line("")
    _opening(doc)
    doc.say(
        "理事長：",
        "理事長",
        "定刻となりましたので、第１回理事会を始めます。本日は理事７名全員が出席しており、定款"
        "第２５条の定足数を満たしております。定款の定めにより、私が議長を務めます。",
    )
    doc.say(
        "事務局（小池）：",
        "事務局(小池)",
        "本日の資料は、議案書、活動計算書、監査報告書の３点です。",
    )
    doc.item(1, "令和6年度事業報告の承認について", "【第１号議案】令和６年度事業報告の承認について")
    doc.say("議長：", "議長", "事務局から説明をお願いします。")
    doc.say(
        "事務局（小池）：",
        "事務局(小池)",
        "学習支援教室は週２回、延べ１，２４０人の利用がありました。こども食堂は月２回開催し、"
        "延べ６８０食を提供しました。",
    )
    doc.say(
        "西岡理事：",
        "西岡理事",
        "学習支援のボランティアは足りていますか。",
    )
    doc.say(
        "事務局（小池）：",
        "事務局(小池)",
        "大学生の登録が１８名あり、現在は足りております。",
    )
    doc.say("議長：", "議長", "承認いただける方は挙手をお願いします。")
    doc.note("（全員挙手）", "（全員挙手）")
    doc.say("議長：", "議長", "第１号議案は全員一致で承認されました。")
    doc.item(
        2, "令和6年度活動計算書の承認について", "【第２号議案】令和６年度活動計算書の承認について"
    )
    doc.say(
        "事務局（小池）：",
        "事務局(小池)",
        "経常収益は９８２万円、経常費用は９４１万円で、当期正味財産増減額は４１万円となりました。",
    )
    doc.say(
        "監事：",
        "監事",
        "４月２６日に監査を行い、計算書類が適正に作成されていることを確認しました。",
    )
    doc.say("議長：", "議長", "承認いただける方は挙手をお願いします。")
    doc.note("（全員挙手）", "（全員挙手）")
    doc.say("議長：", "議長", "第２号議案は全員一致で承認されました。")
    doc.finish("１５時３０分　閉会")
    return doc


def condo_units(name: str) -> Doc:
    """マンション管理組合の通常総会: 「出席組合員　３８戸（うち委任状１２戸、議決権行使書９戸）」
    dwellings counted, the chair's opening before 「第１号議案」, 「管理会社：」 turns."""
    doc = Doc(name, "condo_units")
    doc.header(
        title="グリーンヒル本町管理組合 第18期通常総会 議事録",
        date="2025-06-22",
        start_time="10:00",
        end_time="11:15",
        venue="グリーンヒル本町 1階集会室",
        attendee_count=38,
        proxy_count=21,
    )
    doc.line("グリーンヒル本町管理組合　第１８期通常総会　議事録")
    doc.line("")
    doc.line("開催日時　令和７年６月２２日（日）　午前１０時００分～午前１１時１５分")
    doc.line("開催場所　グリーンヒル本町　１階集会室")
    doc.line("組合員総数　５２戸")
    doc.line("出席組合員　３８戸（うち委任状１２戸、議決権行使書９戸）")
    doc.line("")
    _opening(doc)
    doc.say(
        "理事長：",
        "理事長",
        "定刻になりましたので、第１８期通常総会を開会します。組合員総数５２戸のうち、委任状と"
        "議決権行使書を含め３８戸の出席があり、規約第４７条により総会は成立しています。",
    )
    doc.say("理事長：", "理事長", "規約により、理事長の私が議長を務めます。")
    doc.item(
        1, "第17期事業報告及び収支決算報告の件", "第１号議案　第１７期事業報告及び収支決算報告の件"
    )
    doc.say(
        "管理会社（フロント担当　吉村）：",
        "管理会社(フロント担当吉村)",
        "議案書の２ページを御覧ください。管理費会計は３２万円の黒字、修繕積立金会計の期末残高"
        "は４，８６０万円となりました。",
    )
    doc.say(
        "組合員（５０３号室）：",
        "組合員(503号室)",
        "エレベーターの点検で停止した日が多かったようですが、理由を教えてください。",
    )
    doc.say(
        "管理会社（フロント担当　吉村）：",
        "管理会社(フロント担当吉村)",
        "部品交換のため、２日間停止いたしました。事前の掲示が遅れ、御迷惑をおかけしました。",
    )
    doc.say("理事長：", "理事長", "第１号議案について、賛成の方は挙手をお願いします。")
    doc.note("（賛成多数により承認）", "（賛成多数により承認）")
    doc.item(2, "大規模修繕工事の実施の件", "第２号議案　大規模修繕工事の実施の件")
    doc.say(
        "修繕委員長：",
        "修繕委員長",
        "外壁と屋上防水の工事を来年４月から実施する案です。３社の見積りを比較し、最も安価な業"
        "者を選びました。",
    )
    doc.say(
        "組合員（２０１号室）：",
        "組合員(201号室)",
        "工事中のベランダの使用制限は、どのくらいの期間になりますか。",
    )
    doc.say(
        "修繕委員長：",
        "修繕委員長",
        "一戸当たり２週間程度の予定です。日程は決まり次第お知らせします。",
    )
    doc.say("理事長：", "理事長", "第２号議案について、賛成の方は挙手をお願いします。")
    doc.note("（賛成多数により承認）", "（賛成多数により承認）")
    doc.say(
        "理事長：",
        "理事長",
        "以上で全ての議案の審議を終了しました。御協力ありがとうございました。",
    )
    doc.finish("以上")
    return doc


# --- text files printed to PDF ----------------------------------------------------------------


def plain_heisei(name: str) -> Doc:
    """A 社会教育委員会議 typed in a text editor in 平成22年: 「日 時　平成22年…」 (a half-width
    space inside the key), half-width digits, the title centred with spaces, names with roles
    after them, the chair's opening before 「1．議題」."""
    doc = Doc(name, "plain_heisei")
    doc.header(
        title="平成22年度 第3回 さくら市社会教育委員会議 会議録",
        fiscal_year=2010,
        meeting_number=3,
        date="2010-12-21",
        start_time="14:00",
        end_time="16:00",
        venue="さくら市中央公民館 第2研修室",
        attendees=["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎", "中村 美和"],
        absentees=["田中 三郎"],
        secretariat=[("伊藤 誠", "生涯学習課長"), ("渡辺 恵", "生涯学習課主査")],
    )
    doc.line("　　　　平成22年度 第3回 さくら市社会教育委員会議 会議録")
    doc.line("")
    doc.line("日 時　平成22年12月21日（火）午後2時00分～午後4時00分")
    doc.line("場 所　さくら市中央公民館 第2研修室")
    doc.line("出席者　山田 太郎（議長）、佐藤 花子（副議長）、鈴木 一郎、高橋 次郎、中村 美和")
    doc.line("欠席者　田中 三郎")
    doc.line("事務局　生涯学習課長 伊藤 誠、同課主査 渡辺 恵")
    doc.line("")
    _opening(doc)
    doc.say(
        "議長　",
        "議長",
        "それでは定刻になりましたので、平成22年度第3回社会教育委員会議を始めます。本日は田中委"
        "員から欠席の連絡をいただいております。",
    )
    doc.say("事務局（伊藤課長）　", "事務局(伊藤課長)", "本日の資料は、資料1から資料3までです。")
    doc.section(1, "議題", "1．議題")
    doc.item(1, "平成23年度社会教育事業計画について", "（1）平成23年度社会教育事業計画について")
    doc.say("議長　", "議長", "事務局から説明をお願いします。")
    doc.say(
        "事務局（渡辺主査）　",
        "事務局(渡辺主査)",
        "資料1を御覧ください。来年度は、公民館講座を32講座から35講座に増やし、新たに親子で参加"
        "できる講座を3つ設けます。",
    )
    doc.say(
        "鈴木委員　",
        "鈴木委員",
        "親子講座は土曜日の開催になりますか。平日ですと参加が難しい家庭が多いと思います。",
    )
    doc.say(
        "事務局（渡辺主査）　",
        "事務局(渡辺主査)",
        "3講座とも土曜日の午前に開催する予定です。",
    )
    doc.say(
        "高橋委員　",
        "高橋委員",
        "講師は地域の方にお願いするのでしょうか。",
    )
    doc.say(
        "事務局（伊藤課長）　",
        "事務局(伊藤課長)",
        "地域の人材バンクに登録されている方を中心にお願いする予定です。",
    )
    doc.item(2, "その他", "（2）その他")
    doc.say("議長　", "議長", "次回の日程について、事務局からお願いします。")
    doc.say("事務局（伊藤課長）　", "事務局(伊藤課長)", "次回は2月中旬を予定しております。")
    doc.say("議長　", "議長", "以上で本日の会議を終わります。")
    doc.finish("以上")
    return doc


def plain_kominkan(name: str) -> Doc:
    """A 公民館運営審議会 typed as text: keys spaced with half-width spaces (「場 所」「出 席 者」),
    values after one half-width space, a roster over two lines, 【】 labels, the chair's opening
    before 「■議題」."""
    doc = Doc(name, "plain_kominkan")
    doc.header(
        title="令和5年度 第1回 ひかり台公民館運営審議会 議事録",
        fiscal_year=2023,
        meeting_number=1,
        date="2023-07-06",
        start_time="14:00",
        end_time="15:30",
        venue="ひかり台公民館 2階 講座室",
        attendees=["大川", "北島", "木村", "小森", "斉藤", "島田", "杉本"],
        secretariat=[("星野", "ひかり台公民館長"), ("矢野", "社会教育主事")],
    )
    doc.line("令和5年度 第1回 ひかり台公民館運営審議会 議事録")
    doc.line("")
    doc.line("日 時 令和5年7月6日（木） 14:00～15:30")
    doc.line("場 所 ひかり台公民館 2階 講座室")
    doc.line("出 席 者 大川委員長、北島副委員長、木村委員、小森委員、")
    doc.line("　　　　 斉藤委員、島田委員、杉本委員")
    doc.line("事 務 局 ひかり台公民館長 星野、社会教育主事 矢野")
    doc.line("")
    _opening(doc)
    doc.say(
        "【委員長】",
        "委員長",
        "皆さんこんにちは。ただいまから令和５年度第１回公民館運営審議会を開会します。今年度も"
        "よろしくお願いいたします。",
    )
    doc.say("【館長】", "館長", "新しく委員になられた杉本委員を御紹介します。")
    doc.say("【杉本委員】", "杉本委員", "ＰＴＡから参りました杉本です。よろしくお願いします。")
    doc.section(1, "議題", "■議題")
    doc.item(1, "令和4年度事業報告について", "（１）令和４年度事業報告について")
    doc.say(
        "【事務局】",
        "事務局",
        "資料１を御覧ください。令和４年度の講座は４８講座、延べ参加者は２，３１５人でした。",
    )
    doc.say(
        "【木村委員】",
        "木村委員",
        "参加者の年代に偏りはありませんか。",
    )
    doc.say(
        "【事務局】",
        "事務局",
        "６０代以上が７割を占めております。若い世代向けの講座を増やすことが課題です。",
    )
    doc.item(2, "令和5年度事業計画について", "（２）令和５年度事業計画について")
    doc.say(
        "【事務局】",
        "事務局",
        "資料２のとおり、今年度は夜間講座を新たに４講座設けます。",
    )
    doc.say(
        "【島田委員】",
        "島田委員",
        "夜間講座の周知は、学校を通じて保護者にも届くようにしていただきたい。",
    )
    doc.say("【委員長】", "委員長", "以上で本日の議事を終了します。")
    doc.finish("（閉会　15:30）")
    return doc


def plain_npo_browser(name: str) -> Doc:
    """An NPO's general meeting typed as text and printed from a browser (the file's name, the
    date, its address and 「1/2」 on every page): 「出席者数　正会員４５名中３２名（書面表決８名を
    含む）」, the chair's election before 「議事」."""
    doc = Doc(name, "plain_npo_browser")
    doc.header(
        title="特定非営利活動法人ひだまりの家 令和6年度通常総会議事録",
        fiscal_year=2024,
        date="2024-05-26",
        start_time="13:30",
        end_time="15:00",
        venue="ひだまりの家 多目的室",
        attendee_count=32,
        proxy_count=8,
    )
    doc.line("特定非営利活動法人ひだまりの家　令和６年度通常総会議事録")
    doc.line("")
    doc.line("１　日　時　令和６年５月２６日（日）午後１時３０分～午後３時")
    doc.line("２　場　所　ひだまりの家　多目的室")
    doc.line("３　出席者数　正会員４５名中３２名（書面表決８名を含む）")
    doc.line("")
    _opening(doc)
    doc.say(
        "司会（事務局長　大久保）：",
        "司会(事務局長大久保)",
        "ただいまから令和６年度通常総会を開催いたします。本日は正会員４５名中３２名の出席があ"
        "り、定款第２８条の定足数を満たしております。",
    )
    doc.say("司会（事務局長　大久保）：", "司会(事務局長大久保)", "議長の選出をお願いします。")
    doc.say("会員：", "会員", "理事長の前田さんにお願いしたいと思います。")
    doc.note("（拍手により承認）", "（拍手により承認）")
    doc.section(4, "議事", "４　議事")
    doc.item(1, "令和5年度事業報告について", "（１）令和５年度事業報告について")
    doc.say(
        "議長（前田理事長）：",
        "議長(前田理事長)",
        "事務局長から報告をお願いします。",
    )
    doc.say(
        "事務局長：",
        "事務局長",
        "令和５年度は、高齢者の居場所づくり事業を週４日実施し、延べ３，１２０人の利用がありま"
        "した。配食サービスは月平均４５０食でした。",
    )
    doc.say(
        "会員（岡本）：",
        "会員(岡本)",
        "配食サービスのボランティアが高齢化していると聞きますが、募集はしていますか。",
    )
    doc.say(
        "事務局長：",
        "事務局長",
        "社会福祉協議会のボランティアセンターと連携して、年２回募集しております。",
    )
    doc.say("議長（前田理事長）：", "議長(前田理事長)", "承認の方は拍手をお願いします。")
    doc.note("（拍手多数により承認）", "（拍手多数により承認）")
    doc.item(2, "令和6年度事業計画について", "（２）令和６年度事業計画について")
    doc.say(
        "事務局長：",
        "事務局長",
        "今年度は、新たに認知症カフェを月１回開催します。",
    )
    doc.say("議長（前田理事長）：", "議長(前田理事長)", "承認の方は拍手をお願いします。")
    doc.note("（拍手多数により承認）", "（拍手多数により承認）")
    doc.finish("以上")
    return doc


# --- narrow pages ----------------------------------------------------------------------------


def narrow_assembly(name: str) -> Doc:
    """A town assembly's standing committee, a vertical record set horizontally: 25 characters a
    line, kanji numbers, a header of 「一　」 keys, ○委員長（大塚　守君） labels, 〔〕 stage
    directions, the chair's opening before the one item 「一　所管事務調査（……）」."""
    doc = Doc(name, "narrow_assembly")
    doc.header(
        title="わかば町議会 総務常任委員会 会議録",
        date="2024-09-10",
        start_time="10:00",
        end_time="11:30",
        venue="わかば町役場 第一委員会室",
        attendees=["大塚 守", "井原 和子", "岸 隆", "坂口 勇", "辻 優子"],
        secretariat=[("藤原 章", "総務課長"), ("黒田 信也", "防災係長")],
    )
    doc.line("わかば町議会　総務常任委員会　会議録")
    doc.line("一　日　時　令和六年九月十日（火）午前十時開会、午前十一時三十分閉会")
    doc.line("一　場　所　わかば町役場　第一委員会室")
    doc.line("一　出席委員　大塚　守君、井原　和子君、岸　隆君、坂口　勇君、辻　優子君")
    doc.line("一　説明のため出席した者　総務課長　藤原　章君、防災係長　黒田　信也君")
    _opening(doc)
    doc.say(
        "○委員長（大塚　守君）　",
        "委員長(大塚守君)",
        "おはようございます。ただいまから総務常任委員会を開会いたします。本日の出席委員は五名"
        "全員であります。本日の案件は、お手元に配付のとおり、所管事務調査一件であります。",
    )
    doc.item(
        1,
        "所管事務調査(地域防災計画の見直しについて)",
        "一　所管事務調査（地域防災計画の見直しについて）",
    )
    doc.say(
        "○委員長（大塚　守君）　",
        "委員長(大塚守君)",
        "それでは、地域防災計画の見直しについて、執行部から説明を求めます。総務課長。",
    )
    doc.say(
        "○総務課長（藤原　章君）　",
        "総務課長(藤原章君)",
        "お手元の資料により御説明いたします。今回の見直しは、昨年の豪雨災害の教訓を踏まえ、避難"
        "情報の伝達方法と避難所の運営体制を中心に改めるものでございます。特に、防災行政無線が聞"
        "き取りにくいとの御意見が多かったことから、戸別受信機の配備を拡充することといたしまし"
        "た。",
    )
    doc.say(
        "○委員長（大塚　守君）　",
        "委員長(大塚守君)",
        "説明が終わりました。質疑はありませんか。",
    )
    doc.say(
        "○井原　和子君　",
        "井原和子君",
        "戸別受信機の配備の対象は、どのような世帯になるのでしょうか。高齢者のみの世帯や、耳の不"
        "自由な方のいる世帯を優先すべきだと考えますが、いかがですか。",
    )
    doc.say("○委員長（大塚　守君）　", "委員長(大塚守君)", "防災係長。")
    doc.say(
        "○防災係長（黒田　信也君）　",
        "防災係長(黒田信也君)",
        "御指摘のとおり、七十五歳以上のみの世帯と、障害のある方がおられる世帯を優先し、令和七"
        "年度までに約四百台を配備する計画でございます。",
    )
    doc.say(
        "○岸　隆君　",
        "岸隆君",
        "避難所の運営について、地区の自主防災組織との役割分担は明確になっているのですか。",
    )
    doc.say(
        "○総務課長（藤原　章君）　",
        "総務課長(藤原章君)",
        "各地区と協議を重ねておりまして、年内に避難所ごとの運営マニュアルを作成いたします。",
    )
    doc.say(
        "○委員長（大塚　守君）　",
        "委員長(大塚守君)",
        "ほかに質疑はありませんか。",
    )
    doc.note("〔「なし」と呼ぶ者あり〕", "〔「なし」と呼ぶ者あり〕")
    doc.say(
        "○委員長（大塚　守君）　",
        "委員長(大塚守君)",
        "質疑なしと認めます。以上で本日の案件は全て終了いたしました。これをもちまして総務常任委"
        "員会を閉会いたします。",
    )
    doc.finish("午前十一時三十分閉会")
    return narrowed(doc)


def narrow_jichikai(name: str) -> Doc:
    """A 自治会's board (役員会) in a narrow column: 「出席　役員１１名」, the 会長's opening
    before 「１　報告事項」, 「・」 points under a heading and in a speaker's list, 「①」
    numbered sentences, each wrapped at 25 characters."""
    doc = Doc(name, "narrow_jichikai")
    doc.header(
        title="はなみずき自治会 第3回役員会 議事録",
        meeting_number=3,
        date="2025-06-08",
        start_time="19:00",
        end_time="20:30",
        venue="はなみずき会館 和室",
        attendee_count=11,
    )
    doc.line("はなみずき自治会　第３回役員会　議事録")
    doc.line("日時　令和７年６月８日（日）午後７時～８時３０分")
    doc.line("場所　はなみずき会館　和室")
    doc.line("出席　役員１１名")
    doc.line("")
    _opening(doc)
    doc.say(
        "会長：",
        "会長",
        "皆さん、こんばんは。お忙しいところお集まりいただきありがとうございます。本日は夏祭りの"
        "準備が主な議題ですので、よろしくお願いします。",
    )
    doc.section(1, "報告事項", "１　報告事項")
    doc.item(1, "5月の活動報告", "（１）５月の活動報告")
    doc.say(
        "総務部長：",
        "総務部長",
        "５月は次のとおり活動しました。",
        "・５月１１日　公園の一斉清掃（参加者４６名）",
        "・５月２５日　防犯パトロール（参加者１２名）",
    )
    doc.say(
        "会計：",
        "会計",
        "５月末の一般会計の残高は４８万６千円です。会費の未納は３世帯ありますので、班長さんから"
        "声をかけていただけると助かります。",
    )
    doc.section(2, "協議事項", "２　協議事項")
    doc.item(1, "夏祭りの実施について", "（１）夏祭りの実施について")
    doc.say(
        "行事部長：",
        "行事部長",
        "今年の夏祭りは８月２日（土）に会館前の広場で行います。昨年の反省を踏まえ、次の点を改め"
        "たいと考えています。",
        "①模擬店の数を８店から６店に減らし、通路を広くする。",
        "②熱中症対策として、休憩用のテントを２張り増やす。",
        "③ごみの分別のため、各ごみ箱に係を１名置く。",
    )
    doc.say(
        "副会長：",
        "副会長",
        "テントは子ども会からも借りられると思いますので、確認しておきます。",
    )
    doc.say(
        "３班班長：",
        "3班班長",
        "ごみの係は中学生のボランティアにお願いしてはどうでしょうか。昨年、学校から申出があった"
        "と聞いています。",
    )
    doc.say("会長：", "会長", "良い考えだと思います。学校に相談してみます。")
    doc.note(
        "・夏祭りは行事部長の案のとおり実施することで合意した。",
        "・夏祭りは行事部長の案のとおり実施することで合意した。",
    )
    doc.section(3, "その他", "３　その他")
    doc.item(0, "", None)
    doc.note(
        "・次回役員会は７月６日（日）午後７時から。", "・次回役員会は７月６日（日）午後７時から。"
    )
    doc.finish("以上")
    return narrowed(doc)


def narrow_summary(name: str) -> Doc:
    """A 審議会's 部会 summary (議事要旨) in a narrow column: （部会長）（委員）（事務局） labels,
    the 部会長's opening before 「１．議事」, 「・」 points attributed to no one, wrapped."""
    doc = Doc(name, "narrow_summary")
    doc.header(
        title="みどり市環境審議会 第4回ごみ減量部会 議事要旨",
        meeting_number=4,
        date="2025-01-27",
        start_time="10:00",
        end_time="11:45",
        venue="みどり市役所 4階 401会議室",
        attendees=["上村", "江藤", "小田", "片山", "桑原"],
        secretariat=[("北川", "ごみ減量推進課長"), ("野村", "ごみ減量推進課主任")],
    )
    doc.line("みどり市環境審議会　第４回ごみ減量部会　議事要旨")
    doc.line("１．日時　令和７年１月２７日（月）　１０時００分～１１時４５分")
    doc.line("２．場所　みどり市役所　４階　４０１会議室")
    doc.line("３．出席委員　上村部会長、江藤委員、小田委員、片山委員、桑原委員")
    doc.line("４．事務局　ごみ減量推進課長　北川、同課主任　野村")
    _opening(doc)
    doc.say(
        "（部会長）",
        "部会長",
        "ただいまから第４回ごみ減量部会を開会する。本日は委員全員が出席している。前回の部会で"
        "出された意見を事務局に整理してもらったので、まずその確認から始めたい。",
    )
    doc.section(5, "議事", "５．議事")
    doc.item(1, "家庭ごみ有料化の検討状況について", "（１）家庭ごみ有料化の検討状況について")
    doc.note(
        "　事務局から資料１に基づき、他市の有料化の事例と、導入した場合のごみ量の見込みについて"
        "説明があった。",
        "事務局から資料１に基づき、他市の有料化の事例と、導入した場合のごみ量の見込みについて"
        "説明があった。",
    )
    doc.say(
        "（委員）",
        "委員",
        "有料化の前に、まず分別の徹底と資源回収の拡充を進めるべきではないか。市民の理解を得る"
        "には順序が大切だと思う。",
    )
    doc.say(
        "（事務局）",
        "事務局",
        "分別の徹底は引き続き進める。有料化は、その効果を見極めた上で判断したい。",
    )
    doc.say(
        "（委員）",
        "委員",
        "有料化した市では、導入直後に不法投棄が増えたと聞く。その対策も合わせて検討してほしい。",
    )
    doc.say(
        "（部会長）",
        "部会長",
        "本日の意見を踏まえ、事務局で論点を整理し、次回の部会で改めて議論することとしたい。",
    )
    doc.item(2, "その他", "（２）その他")
    doc.say(
        "（事務局）",
        "事務局",
        "次回の部会は３月に開催する予定である。日程は改めて調整させていただく。",
    )
    doc.finish("以上")
    return narrowed(doc)


def documents() -> list[Doc]:
    return [
        jichikai_households("21_jichikai_households"),
        council_counts("22_council_counts"),
        npo_counts("23_npo_counts"),
        condo_units("24_condo_units"),
        plain_heisei("25_plain_heisei"),
        plain_kominkan("26_plain_kominkan"),
        plain_npo_browser("27_plain_npo_browser"),
        narrow_assembly("28_narrow_assembly"),
        narrow_jichikai("29_narrow_jichikai"),
        narrow_summary("30_narrow_summary"),
    ]
