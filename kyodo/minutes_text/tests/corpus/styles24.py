"""The corpus's documents of the twenty-fourth session: styles written by other centers' clerks.

- a 運営委員会 with 「■」 keys (「■出席委員」「■欠席委員」「■事務局　センター　西口」), a date in
  kanji numbers (「令和三年十月五日（火）午後二時～」), 「◆」 headings and 「①」 items, 「- 2 -」
  footers left by the PDF's text;
- a 協議会 whose roster is a table copied from Excel (tab-separated 区分・氏名・所属), items 「1.」;
- a 部会 with the whole roster on one line (「出席者　委員長　山田、副委員長　鈴木、委員　…」),
  平成 with full-width digits, turns by name in brackets (「（山田）」);
- an NPO 理事会 with 第N号議案 and the votes counted (「賛成多数で可決」「賛成８名、反対１名」);
- a 運営委員会 with 【報告事項】 headings, 「○山田委員長」 labels, running heads and 「２／５」
  page numbers between the turns;
- a 懇談会's 議事要旨 with anonymised members (Ａ委員, Ｂ委員), 「閉会」 lines.

Everything is invented: the bodies, the people, the places and what they say.
"""

from __future__ import annotations

from kyodo.minutes_text.tests.corpus.make_corpus import Doc


def center_squares(name: str) -> Doc:
    """市民活動センターの運営委員会: 「■」 keys with the posts after the names, the secretariat as
    「センター　西口」 (the center, not a post), a date in kanji numbers, 「◆」 sections with
    「①」 items, 「委員長：」「Ａ委員：」 labels, a footer 「- 2 -」 between two turns."""
    doc = Doc(name, "center_squares")
    doc.header(
        title="令和3年度 第5回 みどり野市民活動センター運営委員会 会議録",
        fiscal_year=2021,
        meeting_number=5,
        date="2021-10-05",
        start_time="14:00",
        end_time="15:30",
        venue="みどり野市民活動センター 会議室1",
        attendees=["浜田 浩一", "北川 美穂", "石原 健", "大森 由紀", "村井 聡"],
        attendee_count=5,
        absentees=["栗原 正"],
        secretariat=[("西口", "センター"), ("北村", "センター")],
    )
    doc.line("令和３年度　第５回　みどり野市民活動センター運営委員会　会議録")
    doc.line("")
    doc.line("■日時　令和三年十月五日（火）午後二時～午後三時三十分")
    doc.line("■場所　みどり野市民活動センター　会議室１")
    doc.line(
        "■出席委員　浜田　浩一（委員長）、北川　美穂（副委員長）、石原　健、大森　由紀、"
        "村井　聡　（以上５名）"
    )
    doc.line("■欠席委員　栗原　正")
    doc.line("■事務局　センター　西口、センター　北村")
    doc.line("")
    doc.section(1, "報告事項", "◆報告事項")
    doc.item(1, "8月・9月期の事業報告", "①８月・９月期の事業報告")
    doc.say(
        "事務局：",
        "事務局",
        "８月は夏休み子ども講座を３回開き、延べ４２名の参加がありました。９月は相談が１５件で、"
        "うち団体の立ち上げに関する相談が６件でした。",
    )
    doc.say("Ａ委員：", "A委員", "立ち上げの相談が増えているのはなぜでしょうか。")
    doc.say("事務局：", "事務局", "市の広報で登録制度を紹介していただいた影響と考えています。")
    doc.line("- 2 -")
    doc.item(2, "登録団体の新規登録について", "②登録団体の新規登録について")
    doc.say(
        "事務局：",
        "事務局",
        "９月に「みどり野おはなし会」「里山クラブ」の２団体が新たに登録し、登録団体は５８団体と"
        "なりました。",
    )
    doc.section(2, "協議事項", "◆協議事項")
    doc.item(1, "市民活動フェスタの開催について", "①市民活動フェスタの開催について")
    doc.say("委員長：", "委員長", "事務局から案の説明をお願いします。")
    doc.say(
        "事務局：",
        "事務局",
        "１１月２０日（土）に市民会館で開催し、出展は３０団体を予定しています。",
    )
    doc.say("Ｂ委員：", "B委員", "雨天の場合の屋外ブースの扱いを決めておいてほしい。")
    doc.say("委員長：", "委員長", "雨天時の対応を加えたうえで、原案のとおりとしてよろしいか。")
    doc.note("（異議なし）", "（異議なし）")
    doc.section(3, "その他", "◆その他")
    doc.item(0, "", None)
    doc.say("事務局：", "事務局", "次回は１１月９日（火）午後２時から、同じ会議室で開催します。")
    doc.finish("以上")
    return doc


def excel_roster(name: str) -> Doc:
    """地区の協議会: the roster a table pasted from Excel (tabs between 区分, 氏名 and 所属), the
    secretariat as the table's last rows, items 「1.」「2.」, 「山田会長：」 labels, 「閉会」."""
    doc = Doc(name, "excel_roster")
    doc.header(
        title="令和5年度 第2回 さくら台地区まちづくり協議会 会議録",
        fiscal_year=2023,
        meeting_number=2,
        date="2023-07-12",
        start_time="19:00",
        end_time="20:30",
        venue="さくら台地区センター 集会室",
        attendees=["岡本 誠", "福田 典子", "横山 隆", "小島 直美", "松下 茂"],
        secretariat=[("今村", "協働推進課長"), ("桑原", "協働推進課主事")],
    )
    doc.line("令和５年度　第２回　さくら台地区まちづくり協議会　会議録")
    doc.line("")
    doc.line("日時：令和５年７月１２日（水）午後７時～午後８時３０分")
    doc.line("場所：さくら台地区センター　集会室")
    doc.line("出席者：")
    doc.line("区分\t氏名\t所属")
    doc.line("会長\t岡本　誠\tさくら台自治会")
    doc.line("副会長\t福田　典子\tさくら台小学校ＰＴＡ")
    doc.line("委員\t横山　隆\t民生委員児童委員協議会")
    doc.line("委員\t小島　直美\tさくら台商店会")
    doc.line("委員\t松下　茂\t老人クラブ連合会")
    doc.line("事務局\t今村\t協働推進課長")
    doc.line("事務局\t桑原\t協働推進課主事")
    doc.line("")
    doc.section(1, "議事", "議事")
    doc.item(1, "防災マップの改訂について", "1.防災マップの改訂について")
    doc.say(
        "今村課長：",
        "今村課長",
        "資料１のとおり、浸水想定区域の見直しに合わせて防災マップを改訂します。",
    )
    doc.say("横山委員：", "横山委員", "要支援者の避難経路も載せてもらえないか。")
    doc.say("今村課長：", "今村課長", "個人情報に配慮しながら、載せ方を検討します。")
    doc.say("岡本会長：", "岡本会長", "では、改訂案は次回の協議会で確認します。")
    doc.item(2, "夏祭りの協力について", "2.夏祭りの協力について")
    doc.say("小島委員：", "小島委員", "商店会から模擬店を５店出します。")
    doc.say("岡本会長：", "岡本会長", "各団体から当日の人手を出していただくようお願いします。")
    doc.finish("閉会")
    return doc


def one_line_roster(name: str) -> Doc:
    """社会福祉協議会の部会: the roster on one line (「出席者　委員長　山田、副委員長　鈴木、
    委員　…　事務局　…」), 平成 in full-width digits, 「（１）」 items, turns by the name in
    brackets (「（岩田）」)."""
    doc = Doc(name, "one_line_roster")
    doc.header(
        organization="ひばり市社会福祉協議会",
        title="平成22年度第8回 地域福祉推進部会 会議録",
        fiscal_year=2010,
        meeting_number=8,
        date="2011-02-22",
        start_time="19:00",
        end_time="20:45",
        venue="ひばり市総合福祉センター 2階会議室",
        attendees=["岩田", "杉本", "中山", "宮崎", "荒木"],
        secretariat=[("西口", "課長"), ("本間", "主事")],
    )
    doc.line("ひばり市社会福祉協議会")
    doc.line("平成２２年度第８回　地域福祉推進部会　会議録")
    doc.line("")
    doc.line("日　時　平成２３年２月２２日（火）午後７時～午後８時４５分")
    doc.line("場　所　ひばり市総合福祉センター　２階会議室")
    doc.line(
        "出席者　委員長　岩田、副委員長　杉本、委員　中山、宮崎、荒木　事務局　西口課長、本間主事"
    )
    doc.line("")
    doc.item(1, "見守り活動の報告について", "（１）見守り活動の報告について")
    doc.say(
        "（本間）",
        "本間",
        "１月は見守り訪問が延べ１２０件ありました。寒さのため体調を崩した方が３名おられました。",
    )
    doc.say("（中山）", "中山", "訪問できなかった世帯へのフォローはどうなっていますか。")
    doc.say("（本間）", "本間", "民生委員さんと相談して、電話で様子を伺っています。")
    doc.item(2, "次年度の事業計画について", "（２）次年度の事業計画について")
    doc.say(
        "（西口）",
        "西口",
        "次年度は、サロン活動の立ち上げ支援を重点にしたいと考えています。",
    )
    doc.say("（宮崎）", "宮崎", "担い手の研修もあわせて計画してほしい。")
    doc.say("（岩田）", "岩田", "研修を加えた案を次回示してもらうことにします。")
    doc.item(3, "その他", "（３）その他")
    doc.say("（西口）", "西口", "次回は３月２２日（火）午後７時からです。")
    doc.finish("以上")
    return doc


def board_votes(name: str) -> Doc:
    """NPO法人の理事会: 出席理事 with the count, 第１号議案 items, the votes counted
    (「賛成８名、反対１名で可決」「賛成多数で可決」), 質疑 as 「高木理事：」 turns."""
    doc = Doc(name, "board_votes")
    doc.header(
        title="特定非営利活動法人はばたき 令和6年度第3回理事会議事録",
        fiscal_year=2024,
        meeting_number=3,
        date="2024-12-14",
        start_time="10:00",
        end_time="11:45",
        venue="はばたき事務所 会議室",
        attendee_count=9,
    )
    doc.line("特定非営利活動法人はばたき　令和６年度第３回理事会議事録")
    doc.line("")
    doc.line("１．日　時　令和６年１２月１４日（土）午前１０時～午前１１時４５分")
    doc.line("２．場　所　はばたき事務所　会議室")
    doc.line("３．出席理事　９名（理事総数１０名）")
    doc.line("")
    doc.item(
        1,
        "令和7年度事業計画(案)について",
        "第１号議案　令和７年度事業計画（案）について",
    )
    doc.say("事務局長：", "事務局長", "資料１により、来年度の事業計画案を説明します。")
    doc.say("高木理事：", "高木理事", "新規事業の人員は足りる見込みですか。")
    doc.say("事務局長：", "事務局長", "有償ボランティアを２名募集する予定です。")
    doc.note(
        "採決の結果、賛成８名、反対１名で可決した。", "採決の結果、賛成８名、反対１名で可決した。"
    )
    doc.item(2, "会費の改定について", "第２号議案　会費の改定について")
    doc.say("理事長：", "理事長", "正会員の年会費を３，０００円から５，０００円に改めたい。")
    doc.say("永井理事：", "永井理事", "会員が減らないか心配です。")
    doc.say("理事長：", "理事長", "値上げの理由を会報で丁寧に説明します。")
    doc.note("採決の結果、賛成多数で可決した。", "採決の結果、賛成多数で可決した。")
    doc.item(3, "次回理事会の日程について", "第３号議案　次回理事会の日程について")
    doc.note(
        "令和７年２月８日（土）午前１０時からと決定した。",
        "令和７年２月８日（土）午前１０時からと決定した。",
    )
    doc.finish("以上をもって議事を終了し、議長は午前１１時４５分に閉会を宣した。")
    return doc


def running_heads(name: str) -> Doc:
    """運営委員会 printed from a PDF: 【報告事項】 headings, 「○浜野委員長」 labels, the running
    head 「第７回運営委員会会議録」 and 「２／５」 page numbers left between the turns."""
    doc = Doc(name, "running_heads")
    doc.header(
        title="令和2年度第7回 かわべ市市民協働推進センター運営委員会会議録",
        fiscal_year=2020,
        meeting_number=7,
        date="2021-01-19",
        start_time="18:30",
        end_time="20:30",
        venue="かわべ市民プラザ 研修室",
        attendees=["浜野", "秋山", "内田", "菅原", "堀"],
        attendee_count=5,
        secretariat=[("西口", "センター長"), ("北村", "主任")],
    )
    doc.line("令和２年度第７回　かわべ市市民協働推進センター運営委員会会議録")
    doc.line("")
    doc.line("開催日時　令和３年１月１９日（火）午後６時３０分～８時３０分")
    doc.line("開催場所　かわべ市民プラザ　研修室")
    doc.line("出席委員　浜野委員長、秋山副委員長、内田委員、菅原委員、堀委員（５名）")
    doc.line("事務局　　西口センター長、北村主任")
    doc.line("")
    doc.section(1, "報告事項", "【報告事項】")
    doc.item(1, "12月期の月次報告", "１．１２月期の月次報告")
    doc.say(
        "○西口センター長　",
        "西口センター長",
        "１２月は会議室の利用が延べ２１０件、相談が１１件ありました。新たに３団体が登録し、登録"
        "団体は４９団体です。",
    )
    doc.say("○内田委員　", "内田委員", "相談の内容はどのようなものが多いですか。")
    doc.line("２／５")
    doc.line("第７回運営委員会会議録")
    doc.say("○西口センター長　", "西口センター長", "会計と助成金の申請に関するものが多いです。")
    doc.section(2, "協議事項", "【協議事項】")
    doc.item(1, "協働について", "１．協働について")
    doc.say("○浜野委員長　", "浜野委員長", "協働の形について、意見をお願いします。")
    doc.say(
        "○菅原委員　",
        "菅原委員",
        "委託や補助だけでなく、共催の事業をもっと増やしてはどうでしょうか。",
    )
    doc.say("○堀委員　", "堀委員", "ワークショップを実現できるよう事務局にお願いしたい。")
    doc.line("３／５")
    doc.line("第７回運営委員会会議録")
    doc.say("○西口センター長　", "西口センター長", "来年度の事業として検討します。")
    doc.section(3, "その他", "【その他】")
    doc.item(0, "", None)
    doc.say(
        "○浜野委員長　",
        "浜野委員長",
        "次回は２月１６日（火）午後６時３０分からです。場所は未定です。",
    )
    doc.finish("閉会")
    return doc


def anonymised_summary(name: str) -> Doc:
    """市の懇談会の議事要旨: 「開催日」 in 西暦 with 和暦, members by letter (「Ａ委員」), 「1.」
    items, 「・」 points under the labels, 「閉会（午後４時）」 as the last line."""
    doc = Doc(name, "anonymised_summary")
    doc.header(
        title="第3回 ひまわり市男女共同参画懇談会 議事要旨",
        meeting_number=3,
        date="2025-10-15",
        start_time="14:00",
        end_time="16:00",
        venue="ひまわり市役所 402会議室",
        attendee_count=8,
    )
    doc.line("第３回　ひまわり市男女共同参画懇談会　議事要旨")
    doc.line("")
    doc.line("開催日　２０２５年（令和７年）１０月１５日（水）午後２時～午後４時")
    doc.line("会　場　ひまわり市役所　４０２会議室")
    doc.line("出席者　委員８名、事務局３名")
    doc.line("")
    doc.section(1, "議事", "議事")
    doc.item(1, "意識調査の結果について", "1.意識調査の結果について")
    doc.say(
        "事務局：",
        "事務局",
        "資料１により、市民意識調査の結果を報告した。回答率は４２．５％であった。",
    )
    doc.say("Ａ委員：", "A委員", "若い世代の回答が少ない。次回はウェブでの回答も増やすべきだ。")
    doc.say("Ｂ委員：", "B委員", "家事の分担についての設問は、前回と比べられるようにしてほしい。")
    doc.item(2, "次期計画の骨子について", "2.次期計画の骨子について")
    doc.say("事務局：", "事務局", "資料２により、次期計画の骨子案を説明した。")
    doc.say("Ｃ委員：", "C委員", "防災の分野での女性の参画を、柱の一つに加えてはどうか。")
    doc.say("会長：", "会長", "本日の意見を踏まえ、事務局で骨子案を修正することとした。")
    doc.finish("閉会（午後４時）")
    return doc


def documents() -> list[Doc]:
    return [
        center_squares("31_center_squares"),
        excel_roster("32_excel_roster"),
        one_line_roster("33_one_line_roster"),
        board_votes("34_board_votes"),
        running_heads("35_running_heads"),
        anonymised_summary("36_anonymised_summary"),
    ]
