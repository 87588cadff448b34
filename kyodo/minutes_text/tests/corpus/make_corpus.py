"""Write the import corpus: invented minutes in the house styles of Japanese public bodies.

Run ``python -m kyodo.minutes_text.tests.corpus.make_corpus`` to write ``NAME.txt`` (the text as a
body would publish it) and ``NAME.gold.json`` (what a correct reading gives, in the shape of
``Minutes.to_dict()``) into this folder.  The gold is built from the same structure the text is
printed from, never from the parser.  Everything is invented: the bodies, people, places and what
they say; no real minutes were copied.  The long verbatim documents are put together from the
exchanges below (a question, an answer, a follow-up, the chair's turns), deterministically.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_FW = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI_DIGITS = "〇一二三四五六七八九"


def fw(number: int | str) -> str:
    return str(number).translate(_FW)


def kanji(number: int) -> str:
    if number < 10:
        return _KANJI_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@dataclass
class Doc:
    """A document as it is printed (``lines``) and as it should be read (``gold``)."""

    name: str
    style: str
    lines: list[str] = field(default_factory=list)
    boxed: set[int] = field(default_factory=set)  # lines printed in a box in the PDF
    gold: dict[str, Any] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)

    def header(self, **fields: Any) -> None:
        gold = {
            "organization": None,
            "title": "",
            "status": None,
            "fiscal_year": None,
            "meeting_number": None,
            "date": None,
            "start_time": None,
            "end_time": None,
            "venue": None,
            "attendees": [],
            "attendee_count": None,
        }
        extra = {
            k: fields.pop(k) for k in ("absentees", "also_attending", "observers") if k in fields
        }
        secretariat = fields.pop("secretariat", [])
        agenda = fields.pop("agenda", [])
        gold.update(fields)
        gold.update({k: v for k, v in extra.items() if v})
        gold["secretariat"] = [{"name": n, "title": t} for n, t in secretariat]
        if agenda:
            gold["agenda"] = agenda
        self.gold = gold

    def line(self, text: str, boxed: bool = False) -> None:
        if boxed:
            self.boxed.add(len(self.lines))
        self.lines.append(text)

    def section(self, number: int, category: str, printed: str | None, boxed: bool = False) -> None:
        if printed is not None:
            self.line(printed, boxed)
        self.sections.append({"number": number, "category": category, "items": []})

    def item(self, number: int, title: str, printed: str | None) -> None:
        if printed is not None:
            self.line(printed)
        if not self.sections:
            self.sections.append({"number": 0, "category": "", "items": []})
        self.sections[-1]["items"].append({"number": number, "title": title, "entries": []})

    def _entries(self) -> list[dict[str, Any]]:
        if not self.sections:
            self.sections.append({"number": 0, "category": "", "items": []})
        if not self.sections[-1]["items"]:
            self.sections[-1]["items"].append({"number": 0, "title": "", "entries": []})
        return self.sections[-1]["items"][-1]["entries"]

    def say(self, label: str, speaker: str, *paragraphs: str) -> None:
        """A turn: the printed label, the speaker as read, and its lines."""
        self.line(label + paragraphs[0])
        for paragraph in paragraphs[1:]:
            self.line(paragraph)
        entry = {"kind": "statement", "speaker": speaker, "text": "".join(paragraphs)}
        self._entries().append(entry)

    def note(self, printed: str, text: str) -> None:
        self.line(printed)
        self._entries().append({"kind": "note", "text": text})

    def finish(self, closing: str | None, appendix: list[tuple[str, list[str]]] = ()) -> None:
        if closing is not None:
            self.line(closing)
        for title, lines in appendix:
            self.line(title)
            for text in lines:
                self.line(text)
        # The turns before the first heading are the item 「開会」 (the chair opens the sitting),
        # where headings follow.
        items = [item for section in self.sections for item in section["items"]]
        first = items[0] if items else None
        if (
            first is not None
            and len(items) > 1
            and first["number"] == 0
            and not first["title"]
            and first["entries"]
            and any(item["title"] for item in items[1:])
        ):
            first["title"] = "開会"
        self.gold["sections"] = self.sections
        self.gold["closing"] = nfkc(closing) if closing else None
        if appendix:
            self.gold["appendix"] = [
                {"title": title, "text": "\n".join(lines)} for title, lines in appendix
            ]

    def turns(self) -> int:
        return sum(len(i["entries"]) for s in self.sections for i in s["items"])


# --- what people say: exchanges for the verbatim documents ----------------------------------

TOPICS = [
    ("地域公共交通", "コミュニティバス", "利用者数", "路線の見直し"),
    ("防災", "避難所の運営", "訓練の参加者", "備蓄品の更新"),
    ("子育て支援", "放課後児童クラブ", "待機児童", "受入れ枠の拡大"),
    ("公共施設", "公民館の長寿命化", "修繕の件数", "利用料金の改定"),
    ("市民協働", "地域の担い手", "登録団体の数", "補助金の申請手続"),
    ("環境", "ごみの減量", "資源回収量", "分別の周知"),
    ("行政のデジタル化", "オンライン申請", "申請件数", "窓口の混雑"),
    ("観光振興", "観光案内所", "来訪者数", "多言語の案内"),
]

QUESTIONS = [
    "{a}について伺います。{b}の{c}は、昨年度と比べてどのように推移しているのでしょうか。",
    "{b}に関して、地元からは{d}を求める声が出ていると聞いております。当局の認識をお聞かせください。",
    "資料の三ページにある{c}ですが、目標に届いていない理由をどのように分析しておられるのか、伺います。",
    "{a}の取組は評価いたしますが、{d}については、もう少し踏み込んだ説明が必要ではないでしょうか。",
    "関連して一点だけ確認させてください。{b}の予算は、来年度も同じ規模で確保される見込みですか。",
    "{d}を進めるに当たって、利用者や住民の意見をどのように聞いていくお考えか、伺いたいと思います。",
]
ANSWERS = [
    "お答えいたします。{b}の{c}につきましては、前年度に比べおおむね一割ほど増加しております。",
    "御指摘の{d}につきましては、関係部局と協議を重ねているところでございまして、年度内に方向性をお示ししたいと考えております。",
    "{c}が伸び悩んでいる要因としては、周知が十分に行き届いていなかったことが大きいと考えております。今後は広報紙やホームページに加え、地域の会合でも御説明してまいります。",
    "{a}の予算につきましては、現時点で確定したことは申し上げられませんが、必要な額の確保に努めてまいります。",
    "住民の皆様の御意見につきましては、説明会とアンケートを組み合わせて丁寧に伺ってまいります。",
    "先ほどの御質問に補足いたします。{b}につきましては、昨年秋から試行的な取組を始めておりまして、その結果を踏まえて検討を進めております。",
]
FOLLOWUPS = [
    "ありがとうございます。引き続き丁寧な説明をお願いいたします。",
    "分かりました。{d}は地域にとって大事な課題ですので、結論を急がず進めていただきたいと思います。",
    "今の答弁で大体理解いたしましたが、数字の根拠は次回の会議で資料としてお示しください。",
    "要望として申し上げておきます。{b}の現場の声を、ぜひ計画に反映していただきたい。",
]
CHAIR_NEXT = [
    "ほかに御質疑はございませんか。",
    "ほかに御意見はございませんか。",
    "それでは、次の方どうぞ。",
]


def fill(template: str, topic: tuple[str, str, str, str]) -> str:
    a, b, c, d = topic
    return template.format(a=a, b=b, c=c, d=d)


def exchanges(
    doc: Doc,
    rng: random.Random,
    *,
    chair: tuple[str, str],
    members: list[tuple[str, str]],
    staff: list[tuple[str, str]],
    topics: list[tuple[str, str, str, str]],
    rounds: int,
    stage: list[tuple[str, str]] = (),
    split: bool = True,
) -> None:
    """``rounds`` questions on ``topics``: question, answer, sometimes a follow-up, the chair."""
    for number in range(rounds):
        topic = topics[number % len(topics)]
        member = members[number % len(members)]
        official = staff[rng.randrange(len(staff))]
        question = fill(rng.choice(QUESTIONS), topic)
        answer = fill(rng.choice(ANSWERS), topic)
        if split and len(answer) > 50 and "。" in answer[:-1]:
            first, _, rest = answer.partition("。")
            answer_lines = [first + "。", rest]
        else:
            answer_lines = [answer]
        doc.say(member[0], member[1], question)
        doc.say(chair[0], chair[1], f"{official[1]}。")
        doc.say(official[0], official[1], *answer_lines)
        if rng.random() < 0.5:
            doc.say(member[0], member[1], fill(rng.choice(FOLLOWUPS), topic))
        if stage and rng.random() < 0.25:
            printed, text = rng.choice(stage)
            doc.note(printed, text)
        doc.say(chair[0], chair[1], rng.choice(CHAIR_NEXT))


# --- the house styles -------------------------------------------------------------------------


def assembly_sokki(name: str, seed: int, rounds: int) -> Doc:
    """議会委員会の速記録: 〔〕 stage directions, the agenda in the header, ○name+title labels."""
    rng = random.Random(seed)
    doc = Doc(name, "assembly_sokki")
    doc.header(
        organization="みなと県議会",
        title="総務企画委員会速記録第三号",
        date="2024-06-18",
        start_time="10:00",
        end_time="15:40",
        attendees=["森田一郎", "林花子", "中村正", "中村和彦", "松本聡"],
        attendee_count=11,
        # 出席説明員: the officials are kept, in the secretariat, as a clerk lists them.
        secretariat=[("佐々木健", "総務部長"), ("原田恵", "企画調整課長")],
        agenda=["1 県の行政改革推進計画について", "2 請願第5号 公共交通の維持に関する請願"],
    )
    doc.line("みなと県議会")
    doc.line("総務企画委員会速記録第三号")
    doc.line("令和６年６月１８日（火曜日）")
    doc.line("午前１０時開議")
    doc.line("────────────────────────────")
    doc.line("本日の会議に付した事件")
    doc.line("１　県の行政改革推進計画について")
    doc.line("２　請願第５号　公共交通の維持に関する請願")
    doc.line("────────────────────────────")
    doc.line("出席委員　十一名")
    doc.line("委員長　森田一郎")
    doc.line("副委員長　林花子")
    doc.line("中村正　中村和彦　松本聡")
    doc.line("────────────────────────────")
    doc.line("出席説明員")
    doc.line("総務部長　　佐々木健")
    doc.line("企画調整課長　　原田恵")
    doc.line("────────────────────────────")
    chair = ("○森田委員長　", "森田委員長")
    members = [
        ("○中村（正）委員　", "中村(正)委員"),
        ("○中村（和）委員　", "中村(和)委員"),
        ("○松本委員　", "松本委員"),
        ("○林副委員長　", "林副委員長"),
    ]
    staff = [
        ("○佐々木総務部長　", "佐々木総務部長"),
        ("○原田企画調整課長　", "原田企画調整課長"),
        (
            "○山口まちづくり推進部都市計画・交通担当部長　",
            "山口まちづくり推進部都市計画・交通担当部長",
        ),
    ]
    doc.say(
        *chair,
        "ただいまから総務企画委員会を開会いたします。",
        "本日は、お手元に配付の日程のとおり審査を行います。",
    )
    doc.note("〔「異議なし」と呼ぶ者あり〕", "〔「異議なし」と呼ぶ者あり〕")
    doc.say(*chair, "それでは、県の行政改革推進計画について、執行部から説明を求めます。")
    doc.say(
        *staff[0],
        "御説明申し上げます。",
        "１、概要についてですが、本計画は令和７年度までの五年間を対象としております。",
        "２、主な取組ですが、デジタル化の推進と組織の見直しを柱としております。",
        "以上でございます。",
    )
    stage = [
        ("〔「そのとおり」と呼ぶ者あり〕", "〔「そのとおり」と呼ぶ者あり〕"),
        ("〔発言する者あり〕", "〔発言する者あり〕"),
    ]
    exchanges(
        doc,
        rng,
        chair=chair,
        members=members,
        staff=staff,
        topics=TOPICS,
        rounds=rounds,
        stage=stage,
    )
    doc.say(
        *chair,
        "以上で質疑を終結いたします。",
        "これより採決いたします。本件は原案のとおり了承することに御異議ありませんか。",
    )
    doc.note("〔「異議なし」と呼ぶ者あり〕", "〔「異議なし」と呼ぶ者あり〕")
    doc.say(
        *chair,
        "御異議なしと認めます。よって、本件は了承されました。",
        "以上で本日の日程は全て終了いたしました。これをもって散会いたします。",
    )
    doc.finish(
        "午後３時４０分散会",
        [
            (
                "資料１　行政改革推進計画の概要",
                ["１　計画期間　令和３年度から令和７年度まで", "総務企画委員会委員長　森田一郎"],
            )
        ],
    )
    return doc


def national_gijiroku(name: str, seed: int, rounds: int) -> Doc:
    """国の審議会の部会 議事録: numbered header, verbatim body with ○name+title labels."""
    rng = random.Random(seed)
    doc = Doc(name, "national_gijiroku")
    doc.header(
        title="交通政策審議会地域交通部会(第8回)議事録",
        meeting_number=8,
        date="2023-11-07",
        start_time="14:00",
        end_time="16:00",
        venue="中央合同庁舎第3号館10階共用会議室(オンライン併用)",
        attendees=["石川", "上野", "岡本", "加納", "菊地"],
        agenda=["(1)地域公共交通の再構築に向けた論点整理について", "(2)その他"],
    )
    doc.line("交通政策審議会地域交通部会（第８回）議事録")
    doc.line("１．日時　令和５年１１月７日（火）１４：００～１６：００")
    doc.line("２．場所　中央合同庁舎第３号館１０階共用会議室（オンライン併用）")
    doc.line("３．出席者")
    doc.line("石川部会長、上野部会長代理、岡本委員、加納委員、菊地委員")
    doc.line("４．議題")
    doc.line("（１）地域公共交通の再構築に向けた論点整理について")
    doc.line("（２）その他")
    doc.line("５．議事内容")
    chair = ("○石川部会長　", "石川部会長")
    members = [
        ("○岡本委員　", "岡本委員"),
        ("○加納委員　", "加納委員"),
        ("○菊地委員　", "菊地委員"),
        ("○上野部会長代理　", "上野部会長代理"),
    ]
    staff = [
        ("○田村交通計画課長　", "田村交通計画課長"),
        ("○小池計画官　", "小池計画官"),
        ("○浜田地域交通室長　", "浜田地域交通室長"),
        ("○事務局（西川課長補佐）　", "事務局(西川課長補佐)"),
    ]
    doc.say(
        *chair,
        "それでは、定刻となりましたので、ただいまから第８回地域交通部会を開催いたします。",
        "本日は御多忙のところ御出席いただき、ありがとうございます。",
    )
    doc.say(
        *staff[3],
        "事務局でございます。本日は委員５名中５名の御出席をいただいており、定足数を満たしておりますことを御報告いたします。",
    )
    doc.say(
        *chair,
        "ありがとうございました。それでは議事に入ります。事務局から資料１について説明をお願いします。",
    )
    doc.say(
        *staff[1],
        "資料１に沿って御説明いたします。",
        "論点は三つございまして、一つ目が担い手の確保、二つ目が財源の在り方、三つ目が関係者の連携でございます。",
    )
    exchanges(
        doc, rng, chair=chair, members=members, staff=staff[:3], topics=TOPICS[::-1], rounds=rounds
    )
    doc.say(
        *chair,
        "本日いただいた御意見は、事務局において論点整理に反映していただくようお願いいたします。",
        "それでは、本日の議事はこれで終了とさせていただきます。",
    )
    doc.say(*staff[3], "次回の日程につきましては、追って御連絡いたします。")
    doc.finish("（以上）")
    return doc


def city_yoten(name: str, seed: int, number: int, day: int) -> Doc:
    """市の審議会 要点筆記: 日時：/場所：, 「１　開会」, 会長：/委員：/事務局： labels."""
    rng = random.Random(seed)
    doc = Doc(name, "city_yoten")
    doc.header(
        title=f"令和6年度第{number}回ひかり市環境審議会 会議録(要点筆記)",
        fiscal_year=2024,
        meeting_number=number,
        date=f"2024-08-{day:02d}",
        start_time="14:00",
        end_time="15:30",
        venue="ひかり市役所 本庁舎3階 第1会議室",
        attendees=["青木", "井上", "上田", "江藤", "大野"],
        attendee_count=5,
        absentees=["加藤"],
        secretariat=[("木村", "環境政策課長"), ("久保", "環境政策課主査")],
        observers=["2名"],
    )
    doc.line(f"令和６年度第{fw(number)}回ひかり市環境審議会　会議録（要点筆記）")
    doc.line(f"日時：令和６年８月{fw(day)}日（火）午後２時００分～午後３時３０分")
    doc.line("場所：ひかり市役所　本庁舎３階　第１会議室")
    doc.line("出席委員：青木会長、井上副会長、上田委員、江藤委員、大野委員（以上５名）")
    doc.line("欠席委員：加藤委員")
    doc.line("事務局：木村環境政策課長、久保環境政策課主査")
    doc.line("傍聴者：２名")
    doc.item(1, "開会", "１　開会")
    doc.note("○会長あいさつ", "会長あいさつ")
    doc.section(2, "議題", "２　議題")
    titles = ["第3次環境基本計画の進捗状況について", "ごみ処理基本計画の中間見直しについて"]
    for index, title in enumerate(titles, start=1):
        doc.item(index, title, f"（{fw(index)}）{title.translate(_FW)}")
        doc.note("○事務局から資料に基づき説明した。", "事務局から資料に基づき説明した。")
        for _ in range(3):
            topic = rng.choice(TOPICS)
            doc.say("委員：", "委員", fill(rng.choice(QUESTIONS), topic))
            doc.say("事務局：", "事務局", fill(rng.choice(ANSWERS), topic))
        doc.say("会長：", "会長", "本件は、本日の意見を踏まえて事務局で整理することとしたい。")
        doc.note("（異議なし）", "（異議なし）")
    doc.section(3, "その他", "３　その他")
    doc.say(
        "事務局：", "事務局", f"次回は１１月{fw(day - 5)}日（月）午後２時から開催する予定である。"
    )
    doc.finish("午後３時３０分閉会")
    return doc


def national_yoshi(name: str, seed: int) -> Doc:
    """国の審議会 議事要旨: 【日時】 fields, ・ bullets as notes, （委員）/（事務局） labels."""
    rng = random.Random(seed)
    doc = Doc(name, "national_yoshi")
    doc.header(
        title="第15回 地域共生社会推進検討会 議事要旨",
        meeting_number=15,
        date="2024-02-26",
        start_time="10:00",
        end_time="12:00",
        venue="オンライン会議",
        attendees=["西田", "北村", "南", "東山"],
    )
    doc.line("第１５回　地域共生社会推進検討会　議事要旨")
    doc.line("【日時】令和６年２月２６日（月）１０：００～１２：００")
    doc.line("【場所】オンライン会議")
    doc.line("【出席者】西田座長、北村委員、南委員、東山委員")
    doc.section(1, "議事", "【議事】")
    doc.item(1, "これまでの議論の整理について", "（１）これまでの議論の整理について")
    doc.note(
        "○事務局より資料１について説明があり、その後、意見交換が行われた。主な意見は以下のとおり。",
        "事務局より資料１について説明があり、その後、意見交換が行われた。主な意見は以下のとおり。",
    )
    for _ in range(4):
        topic = rng.choice(TOPICS)
        doc.say("（委員）", "委員", fill(rng.choice(QUESTIONS), topic))
        doc.say("（事務局）", "事務局", fill(rng.choice(ANSWERS), topic))
    doc.item(2, "今後の進め方について", "（２）今後の進め方について")
    doc.say(
        "（座長）",
        "座長",
        "本日の議論を踏まえ、次回までに報告書の骨子案を事務局で用意していただきたい。",
    )
    doc.say("（事務局）", "事務局", "承知した。")
    doc.finish("（以上）")
    return doc


def seed_like(name: str, seed: int) -> Doc:
    """運営委員会 like the seed: ■ fields, 「１．報 告 事 項」, 委員長：/事務局：/委 員：."""
    rng = random.Random(seed)
    doc = Doc(name, "seed_like")
    doc.header(
        organization="あおば市市民活動センター",
        title="令和4年度第7回運営委員会会議録",
        fiscal_year=2022,
        meeting_number=7,
        date="2022-12-13",
        start_time="19:00",
        end_time="21:00",
        venue="あおば市市民活動センター 会議室A",
        attendees=["小林", "斉藤", "高田", "千葉", "辻"],
        attendee_count=5,
        secretariat=[("野口", "センター長"), ("長谷川", "コーディネーター")],
    )
    doc.line("あおば市市民活動センター")
    doc.line("令和４年度第７回運営委員会会議録")
    doc.line("■開催日時：令和４年１２月１３日（火）午後７時～９時")
    doc.line("■開催会場：あおば市市民活動センター　会議室Ａ")
    doc.line("■出席委員：小林委員長、斉藤副委員長、高田委員、千葉委員、辻委員＜以上５名＞")
    doc.line("■事 務 局：野口センター長、長谷川コーディネーター")
    doc.section(1, "報告事項", "１．報 告 事 項", boxed=True)
    doc.item(1, "11月の利用状況について", "１．１１月の利用状況について")
    doc.say(
        "事務局：", "事務局", "１１月の利用者は延べ１,８２０人で、前年同月より１割ほど多かった。"
    )
    doc.say("委 員：", "委員", "夜間の利用が増えているのか。")
    doc.say("事務局：", "事務局", "平日の夜に会議室を使う団体が増えている。")
    doc.section(2, "審議事項", "２．審 議 事 項", boxed=True)
    doc.item(1, "来年度の講座計画について", "１．来年度の講座計画について")
    for _ in range(3):
        topic = rng.choice(TOPICS)
        doc.say("委 員：", "委員", fill(rng.choice(FOLLOWUPS), topic))
        doc.say("事務局：", "事務局", fill(rng.choice(ANSWERS), topic))
    doc.say("委員長：", "委員長", "講座計画は原案のとおりとしてよいか。")
    doc.note("○満場一致で承認された。", "満場一致で承認された。")
    doc.section(3, "その他", "３．そ の 他", boxed=True)
    doc.item(1, "次回運営委員会日程について", "１．次回運営委員会日程について")
    doc.say("事務局：", "事務局", "次回は１月１７日（火）午後７時から。")
    doc.finish("以上をもって散会した。")
    return doc


def jichikai_soukai(name: str, seed: int) -> Doc:
    """自治会の定期総会: 第１号議案 items, 議長：/会長：/会員： labels, 拍手 as a note."""
    rng = random.Random(seed)
    doc = Doc(name, "jichikai_soukai")
    doc.header(
        organization="さくら台第三町内会",
        title="令和6年度 さくら台第三町内会 定期総会 議事録",
        fiscal_year=2024,
        date="2024-04-21",
        start_time="10:00",
        end_time="11:30",
        venue="さくら台集会所",
    )
    doc.line("さくら台第三町内会")
    doc.line("令和６年度　さくら台第三町内会　定期総会　議事録")
    doc.line("日　時　２０２４年４月２１日（日）午前１０時～午前１１時３０分")
    doc.line("場　所　さくら台集会所")
    doc.line("出席者　会員１２０世帯中　出席４８世帯、委任状３５世帯")
    # households counted, no one named: 48 in person and 35 by proxy attend
    doc.gold.update(attendees=[], attendee_count=83, proxy_count=35)
    doc.say(
        "司会：",
        "司会",
        "定刻になりましたので、ただいまから定期総会を開会いたします。",
        "出席と委任状を合わせて過半数に達しておりますので、本総会は成立しております。",
    )
    doc.say("司会：", "司会", "議長の選出をお願いします。")
    doc.note("（会場から「司会一任」の声あり）", "（会場から「司会一任」の声あり）")
    doc.say("司会：", "司会", "それでは、３班の佐野さんにお願いします。")
    doc.say(
        "議長：", "議長", "ただいま議長に選ばれました佐野です。円滑な進行に御協力をお願いします。"
    )
    bills = [
        "令和5年度事業報告について",
        "令和5年度決算報告及び会計監査報告について",
        "令和6年度事業計画案及び予算案について",
    ]
    for number, title in enumerate(bills, start=1):
        doc.item(number, title, f"第{fw(number)}号議案　{title.translate(_FW)}")
        doc.say(
            "会長：",
            "会長",
            "資料の２ページをご覧ください。昨年度は夏祭りと防災訓練を予定どおり実施しました。",
        )
        topic = rng.choice(TOPICS)
        doc.say("会員（５班）：", "会員(5班)", fill(rng.choice(QUESTIONS), topic))
        doc.say("会長：", "会長", fill(rng.choice(ANSWERS), topic))
        doc.say("議長：", "議長", f"第{fw(number)}号議案に賛成の方は拍手をお願いします。")
        doc.note("（拍手多数）", "（拍手多数）")
        doc.say("議長：", "議長", f"第{fw(number)}号議案は承認されました。")
    doc.say("議長：", "議長", "以上で本日の議事は全て終了しました。御協力ありがとうございました。")
    doc.finish("午前１１時３０分閉会")
    return doc


def council_bracket(name: str, seed: int) -> Doc:
    """協議会の会議概要: 【会長】 labels, 開催日時：, 報告/協議 sections, a left-margin note."""
    rng = random.Random(seed)
    doc = Doc(name, "council_bracket")
    doc.header(
        title="第4回 みどり区地域福祉推進協議会 会議概要",
        meeting_number=4,
        date="2023-07-10",
        start_time="18:30",
        end_time="20:00",
        venue="みどり区役所 大会議室",
        attendees=["今井", "遠藤", "小田", "川口"],
        secretariat=[("杉本", "地域福祉課長")],
    )
    doc.line("第４回　みどり区地域福祉推進協議会　会議概要")
    doc.line("開催日時：２０２３年７月１０日（月）１８時３０分～２０時００分")
    doc.line("開催場所：みどり区役所　大会議室")
    doc.line("出席者：今井委員、遠藤委員、小田委員、川口委員")
    doc.line("事務局：杉本地域福祉課長")
    doc.section(1, "報告", "１　報告", boxed=True)
    doc.item(1, "地域ケア会議の開催状況", "（１）地域ケア会議の開催状況")
    doc.say(
        "【事務局】", "事務局", "今年度は４月から６月までに６回開催し、延べ４２件の事例を検討した。"
    )
    doc.say("【今井会長】", "今井会長", "事例の内訳について、次回までに整理してほしい。")
    doc.section(2, "協議", "２　協議", boxed=True)
    doc.item(1, "見守り活動の担い手確保について", "（１）見守り活動の担い手確保について")
    for _ in range(4):
        topic = rng.choice(TOPICS)
        doc.say("【遠藤委員】", "遠藤委員", fill(rng.choice(QUESTIONS), topic))
        doc.say("【杉本地域福祉課長】", "杉本地域福祉課長", fill(rng.choice(ANSWERS), topic))
    doc.note("（意見なし。前回会議録を承認した。）", "（意見なし。前回会議録を承認した。）")
    doc.finish("以上")
    return doc


def sitting_only(name: str, seed: int) -> Doc:
    """A title with only the body and the sitting, a Western date, 委員長　… labels."""
    rng = random.Random(seed)
    doc = Doc(name, "sitting_only")
    doc.header(
        title="第12回 ひかり市都市計画審議会",
        meeting_number=12,
        date="2024-05-20",
        start_time="14:00",
        end_time="15:10",
        venue="ひかり市役所 議会棟 全員協議会室",
        attendees=["宮本", "村上", "山下", "吉川"],
        attendee_count=4,
    )
    doc.line("第１２回　ひかり市都市計画審議会")
    doc.line("開催日時：2024年5月20日（月）14時00分～15時10分")
    doc.line("開催場所：ひかり市役所　議会棟　全員協議会室")
    doc.line("出席委員：宮本会長、村上委員、山下委員、吉川委員（４名）")
    doc.section(1, "審議事項", "１．審議事項", boxed=True)
    doc.item(1, "用途地域の変更について(諮問)", "（１）用途地域の変更について（諮問）")
    doc.say("会長　", "会長", "それでは、諮問案件について事務局から説明をお願いします。")
    doc.say(
        "事務局　",
        "事務局",
        "駅東地区の一部について、第一種住居地域から近隣商業地域への変更を諮るものでございます。",
    )
    for _ in range(3):
        topic = rng.choice(TOPICS)
        doc.say("委員　", "委員", fill(rng.choice(QUESTIONS), topic))
        doc.say("事務局　", "事務局", fill(rng.choice(ANSWERS), topic))
    doc.say("会長　", "会長", "本件は原案のとおり答申することでよろしいか。")
    doc.note("〔「異議なし」と呼ぶ者あり〕", "〔「異議なし」と呼ぶ者あり〕")
    doc.say("会長　", "会長", "それでは、原案のとおり答申いたします。")
    doc.finish("散会")
    return doc


def left_numbered(name: str, seed: int) -> Doc:
    """A text file with line numbers at the left (「1 第１回…」「5出席委員」) and 「：」 labels."""
    doc = council_bracket(name, seed)
    doc.style = "left_numbered"
    numbered = []
    for index, text in enumerate(doc.lines):
        page_line = index % 30 + 1
        sep = "" if index % 3 == 0 else " "
        numbered.append(f"{page_line}{sep}{text}")
    doc.lines = numbered
    return doc


def footer_glued(name: str, seed: int) -> Doc:
    """A committee 議事録 whose page footers 「－ 1 －」 stand alone or glued to a statement."""
    doc = national_yoshi(name, seed)
    doc.style = "footer_glued"
    out = []
    page = 1
    for index, text in enumerate(doc.lines):
        out.append(text)
        if index and index % 9 == 0:
            if index % 2:
                out[-1] = f"{text}　－ {page} －"
            else:
                out.append(f"－ {page} －")
            page += 1
    doc.lines = out
    return doc


def city_assembly(name: str, seed: int, rounds: int) -> Doc:
    """市議会本会議の会議録: 議事日程, rosters by seat, 「○議長（…君）」「○１番（…君）」, 登壇."""
    rng = random.Random(seed)
    doc = Doc(name, "city_assembly")
    doc.header(
        title="令和6年第4回はまなす市議会定例会会議録(第2号)",
        meeting_number=4,
        date="2024-12-10",
        start_time="10:00",
        end_time="14:30",
        attendees=["大川ゆり", "小松健", "佐野進", "田口美和"],
        attendee_count=20,
        # 説明のため出席した者 (kept, in the secretariat), then the assembly's own staff.
        secretariat=[
            ("中島健一", "市長"),
            ("石原浩", "副市長"),
            ("森本洋子", "教育長"),
            ("平野修", "総務部長"),
            ("山本誠二", "事務局長"),
            ("上野和子", "次長"),
        ],
        agenda=["日程第1 一般質問"],
    )
    for text in [
        "令和６年第４回はまなす市議会定例会会議録（第２号）",
        "令和６年１２月１０日（火曜日）",
        "────────────────────",
        "議事日程（第２号）",
        "令和６年１２月１０日（火）午前１０時開議",
        "第１　一般質問",
        "────────────────────",
        "本日の会議に付した事件",
        "日程第１　一般質問",
        "────────────────────",
        "出席議員（２０名）",
        "１番　大川ゆり　　　２番　小松健",
        "３番　佐野進　　　　４番　田口美和",
        "────────────────────",
        "説明のため出席した者",
        "市長　中島健一　　副市長　石原浩",
        "教育長　森本洋子　　総務部長　平野修",
        "────────────────────",
        "職務のため出席した事務局職員",
        "事務局長　山本誠二　　次長　上野和子",
        "────────────────────",
    ]:
        doc.line(text)
    doc.note("午前１０時００分　開議", "午前１０時００分　開議")
    chair = ("○議長（西村誠君）　", "議長(西村誠君)")
    doc.say(
        *chair,
        "ただいまから本日の会議を開きます。",
        "本日の議事日程は、お手元に配付のとおりであります。",
    )
    doc.line("────────────────────")
    # The order of business the header's 議事日程 lists: an item.
    doc.item(1, "一般質問", "◎日程第１　一般質問")
    doc.say(*chair, "日程第１、一般質問を行います。", "順次発言を許します。１番、大川ゆり議員。")
    doc.note("〔１番　大川ゆり君登壇〕", "〔１番　大川ゆり君登壇〕")
    members = [
        ("○１番（大川ゆり君）　", "1番(大川ゆり君)"),
        ("○３番（佐野進君）　", "3番(佐野進君)"),
        ("○２番（小松健君）　", "2番(小松健君)"),
    ]
    staff = [
        ("○市長（中島健一君）　", "市長(中島健一君)"),
        ("○教育長（森本洋子君）　", "教育長(森本洋子君)"),
        ("○総務部長（平野修君）　", "総務部長(平野修君)"),
    ]
    stage = [("〔「そうだ」と呼ぶ者あり〕", "〔「そうだ」と呼ぶ者あり〕")]
    exchanges(
        doc,
        rng,
        chair=chair,
        members=members,
        staff=staff,
        topics=TOPICS,
        rounds=rounds,
        stage=stage,
    )
    doc.say(*chair, "以上で本日の日程は全部終了いたしました。", "本日はこれで散会いたします。")
    doc.finish("午後２時３０分　散会")
    return doc


def summary_lettered(name: str, seed: int) -> Doc:
    """市の委員会の議事要旨: the header numbered 「１　日時」 … with 2024年（令和6年）, members by letter
    (Ａ委員), a 事務局 of titles without names, the agenda in the header, an item's parts in katakana,
    （意見）/（回答）, the outer numbering's 「７　次回の予定」 after the items, 以上."""
    rng = random.Random(seed)
    doc = Doc(name, "summary_lettered")
    doc.header(
        title="令和6年度 第3回 ひかり市市民協働推進委員会 議事要旨",
        fiscal_year=2024,
        meeting_number=3,
        date="2024-11-07",
        start_time="18:30",
        end_time="20:00",
        venue="ひかり市役所本庁舎3階 第一会議室",
        attendees=["髙橋", "鈴木", "A", "B", "C"],
        absentees=["D"],
        secretariat=[("", "市民協働課長"), ("", "市民協働課係長")],
        agenda=["(1)センターの利用状況について", "(2)協働事業提案制度の見直しについて"],
    )
    doc.line("令和６年度　第３回　ひかり市市民協働推進委員会　議事要旨")
    doc.line("")
    doc.line("１　日時　2024年（令和6年）11月7日（木）18時30分～20時00分")
    doc.line("２　場所　ひかり市役所本庁舎３階　第一会議室")
    doc.line("３　出席者")
    doc.line("　（委員）髙橋会長、鈴木副会長、Ａ委員、Ｂ委員、Ｃ委員")
    doc.line("　（事務局）市民協働課長、市民協働課係長")
    doc.line("４　欠席者　Ｄ委員")
    doc.line("５　議事")
    doc.line("（１）センターの利用状況について")
    doc.line("（２）協働事業提案制度の見直しについて")
    doc.line("６　会議の概要")
    doc.line("")
    doc.item(1, "センターの利用状況について", "（１）センターの利用状況について")
    doc.note("ア　利用状況", "ア　利用状況")
    doc.say("事務局：", "事務局", "資料１に基づき、上半期の利用状況を説明。")
    doc.say("Ａ委員：", "A委員", fill(rng.choice(QUESTIONS), rng.choice(TOPICS)))
    doc.say("事務局：", "事務局", fill(rng.choice(ANSWERS), rng.choice(TOPICS)))
    doc.note("イ　相談件数", "イ　相談件数")
    doc.say("事務局：", "事務局", "相談件数は前年同期比で一割増加している。")
    doc.say("（意見）", "意見", "相談の内訳を次回示してほしい。")
    doc.say("（回答）", "回答", "次回の委員会で報告する。")
    doc.item(2, "協働事業提案制度の見直しについて", "（２）協働事業提案制度の見直しについて")
    doc.say("事務局：", "事務局", "資料２に基づき、審査基準の配点を見直す案を説明。")
    for letter in ("Ｂ", "Ｃ"):
        doc.say(
            f"{letter}委員：",
            f"{nfkc(letter)}委員",
            fill(rng.choice(QUESTIONS), rng.choice(TOPICS)),
        )
    doc.say(
        "会長：", "会長", "本件は引き続き検討し、次回までに事務局で修正案を作成することとする。"
    )
    doc.line("")
    doc.item(7, "次回の予定", "７　次回の予定")
    doc.note("令和７年１月下旬に開催予定。", "令和７年１月下旬に開催予定。")
    doc.line("")
    doc.finish("以上")
    return doc


def npo_board(name: str, seed: int) -> Doc:
    """特定非営利活動法人の理事会 議事録: 出席理事 with its count and the roles before the names,
    出席監事, 第１号議案 listed in the header, 「議事の経過の概要及び議決の結果」, narrative only, the
    closing sentence, the signatures as the appendix."""
    doc = Doc(name, "npo_board")
    doc.header(
        title="特定非営利活動法人ひかりネット 第5回理事会議事録",
        meeting_number=5,
        date="2024-06-15",
        start_time="10:00",
        end_time="11:30",
        venue="当法人事務所(ひかり市中央町1-2-3)",
        attendees=["佐藤 一郎", "鈴木 次郎", "高橋 三郎", "田中 花子", "伊藤 四郎"],
        attendee_count=5,
        also_attending=["渡辺 五郎"],  # the auditor (出席監事): no director
        agenda=["第1号議案 令和5年度事業報告承認の件", "第2号議案 令和5年度活動決算承認の件"],
    )
    doc.line("特定非営利活動法人ひかりネット　第５回理事会議事録")
    doc.line("")
    doc.line("１．日　時　　令和６年６月１５日（土）　１０：００～１１：３０")
    doc.line("２．場　所　　当法人事務所（ひかり市中央町１－２－３）")
    doc.line("３．出席理事　　５名（定数７名）")
    doc.line(
        "　　　理事長　佐藤　一郎、副理事長　鈴木　次郎、理事　高橋　三郎、理事　田中　花子、理事　伊藤　四郎"
    )
    doc.line("４．出席監事　　渡辺　五郎")
    doc.line("５．議　　事")
    doc.line("　第１号議案　令和５年度事業報告承認の件")
    doc.line("　第２号議案　令和５年度活動決算承認の件")
    doc.line("６．議事の経過の概要及び議決の結果")
    doc.note(
        "　定刻、理事長佐藤一郎が議長となり、定足数を満たしていることを確認し開会を宣言した。",
        "定刻、理事長佐藤一郎が議長となり、定足数を満たしていることを確認し開会を宣言した。",
    )
    doc.item(1, "令和5年度事業報告承認の件", "　第１号議案　令和５年度事業報告承認の件")
    doc.note(
        "　議長より資料に基づき説明があり、審議の結果、全員異議なくこれを承認した。",
        "議長より資料に基づき説明があり、審議の結果、全員異議なくこれを承認した。",
    )
    doc.item(2, "令和5年度活動決算承認の件", "　第２号議案　令和５年度活動決算承認の件")
    doc.note(
        "　鈴木副理事長より説明があった。監事より監査の結果適正である旨の報告があった。",
        "鈴木副理事長より説明があった。監事より監査の結果適正である旨の報告があった。",
    )
    # The result on a line of its own is a note of its own, as a bare decision is.
    doc.note(
        "　審議の結果、全員異議なくこれを承認した。", "審議の結果、全員異議なくこれを承認した。"
    )
    doc.finish(
        "以上をもって全議案の審議を終了したので、議長は１１時３０分閉会を宣言した。",
        appendix=[
            (
                "上記の議決を明確にするため、議長及び議事録署名人はここに記名押印する。",
                [
                    "令和６年６月１５日",
                    "議　長　　佐藤　一郎　印",
                    "議事録署名人　　鈴木　次郎　印",
                ],
            )
        ],
    )
    return doc


def label_lines(name: str, seed: int, rounds: int) -> Doc:
    """市の審議会の会議録 whose labels stand on a line of their own, the words indented under them
    over several lines: the title over two lines, 「開会　午後…」 lines, a roster in columns, the
    department before each title and name in the 事務局, 「議題１」 items, numbered questions
    (Ｑ１/Ａ１) and 「報告事項（１）」 starting its section."""
    rng = random.Random(seed)
    doc = Doc(name, "label_lines")
    doc.header(
        title="令和6年度第2回 はまなす市男女共同参画審議会会議録",
        fiscal_year=2024,
        meeting_number=2,
        date="2024-10-01",
        start_time="13:30",
        end_time="15:10",
        venue="市役所 第2委員会室",
        attendees=["小川 直子", "加藤 正", "木村 明美", "近藤 誠", "斎藤 由紀"],
        absentees=["野口"],
        secretariat=[("佐々木", "人権・男女共同参画課長"), ("清水", "人権・男女共同参画課主査")],
    )
    doc.line("令和６年度第２回")
    doc.line("はまなす市男女共同参画審議会会議録")
    doc.line("")
    doc.line("開催日時　令和６年１０月１日（火曜日）")
    doc.line("開会　午後１時３０分")
    doc.line("閉会　午後３時１０分")
    doc.line("開催場所　市役所　第２委員会室")
    doc.line("出席委員")
    doc.line("　会長　　小川　直子　　　副会長　　加藤　正")
    doc.line("　委員　　木村　明美　　　委員　　　近藤　誠")
    doc.line("　委員　　斎藤　由紀")
    doc.line("欠席委員　野口委員")
    doc.line("事務局　　人権・男女共同参画課　課長　佐々木、主査　清水")
    doc.line("")

    def turn(label: str, speaker: str, *paragraphs: str) -> None:
        doc.line(label)
        for paragraph in paragraphs:
            doc.line("　" + paragraph)
        doc._entries().append(
            {"kind": "statement", "speaker": speaker, "text": "".join(paragraphs)}
        )
        doc.line("")

    members = [
        ("委員（木村）", "委員(木村)"),
        ("委員（近藤）", "委員(近藤)"),
        ("委員（斎藤）", "委員(斎藤)"),
    ]
    doc.item(
        1, "第5次男女共同参画プランの進捗について", "議題１　第５次男女共同参画プランの進捗について"
    )
    doc.note("　事務局から資料１について説明。", "事務局から資料１について説明。")
    doc.line("")
    for _ in range(rounds):
        topic = rng.choice(TOPICS)
        label, speaker = rng.choice(members)
        turn(label, speaker, fill(rng.choice(QUESTIONS), topic))
        turn(
            "事務局（佐々木課長）",
            "事務局(佐々木課長)",
            fill(rng.choice(ANSWERS), topic),
            fill(rng.choice(ANSWERS), rng.choice(TOPICS)),
        )
        turn(label, speaker, fill(rng.choice(FOLLOWUPS), topic))
        turn("会長", "会長", rng.choice(CHAIR_NEXT))
    doc.item(2, "市民意識調査の実施について", "議題２　市民意識調査の実施について")
    for number, (question, answer) in enumerate(
        [
            ("調査の対象者は何人か。", "無作為に抽出した市民２，０００人を予定している。"),
            ("回答方法は。", "郵送とインターネットの併用で行う。"),
        ],
        start=1,
    ):
        doc.say(f"Ｑ{fw(number)}　", f"Q{number}", question)
        doc.say(f"Ａ{fw(number)}　", f"A{number}", answer)
    doc.line("")
    doc.section(2, "報告事項", None)
    doc.item(1, "講座の開催結果について", "報告事項（１）　講座の開催結果について")
    doc.note("　事務局から報告した。質疑なし。", "事務局から報告した。質疑なし。")
    doc.line("")
    doc.finish("以上")
    return doc


def education_board(name: str, seed: int, rounds: int) -> Doc:
    """教育委員会 定例会の会議録: a numbered header with keys spaced to a width, 出席者 as title and
    name in columns (教育長職務代理者 too), 事務局 in columns, 議事日程 with 日程第 lines and the body's
    「○日程第１　……」 as its items, labels without a mark or colon (「教育長　　……」「中島職務代理者
    ……」「教育総務課長　……」), a recess, a closed part told in the past after a blank line,
    「午後３時２０分閉会」."""
    rng = random.Random(seed)
    doc = Doc(name, "education_board")
    doc.header(
        title="令和6年第2回みなと川市教育委員会定例会会議録",
        meeting_number=2,
        date="2024-02-22",
        start_time="14:00",
        end_time="15:20",
        venue="みなと川市役所6階 教育委員会室",
        attendees=["田村 和彦", "中島 陽子", "前田 俊介", "坂本 由美子"],
        secretariat=[("小林 聡", "教育部長"), ("加藤 洋", "教育総務課長")],
        agenda=[
            "日程第1 前回会議録の承認",
            "日程第2 議案第5号 学校管理規則の一部を改正する規則について",
            "日程第3 報告第2号 令和6年度当初予算(教育費)について",
        ],
    )
    for text in [
        "令和６年第２回みなと川市教育委員会定例会会議録",
        "",
        "１　日　　時　　令和６年２月２２日（木）午後２時００分～午後３時２０分",
        "２　場　　所　　みなと川市役所６階　教育委員会室",
        "３　出 席 者",
        "　　教　育　長　　　　　田村　和彦",
        "　　教育長職務代理者　　中島　陽子",
        "　　委　　　員　　　　　前田　俊介　　　委　　　員　　　　坂本　由美子",
        "４　事 務 局",
        "　　教育部長　　　　小林　聡　　　　教育総務課長　　　加藤　洋",
        "５　議事日程",
        "　日程第１　前回会議録の承認",
        "　日程第２　議案第５号　学校管理規則の一部を改正する規則について",
        "　日程第３　報告第２号　令和６年度当初予算（教育費）について",
        "",
    ]:
        doc.line(text)
    doc.note("○開会", "開会")
    doc.say("教育長　　", "教育長", "ただいまから令和６年第２回教育委員会定例会を開会します。")
    doc.item(1, "前回会議録の承認", "○日程第１　前回会議録の承認")
    doc.say("教育長　　", "教育長", "前回会議録について、御意見はありますか。")
    doc.note("（異議なし）", "（異議なし）")
    doc.say("教育長　　", "教育長", "承認することとします。")
    doc.line("")
    doc.note(
        "　議案第７号は人事に関する案件のため、非公開として審議することを全員異議なく決定した。",
        "議案第７号は人事に関する案件のため、非公開として審議することを全員異議なく決定した。",
    )
    doc.item(
        2,
        "議案第5号 学校管理規則の一部を改正する規則について",
        "○日程第２　議案第５号　学校管理規則の一部を改正する規則について",
    )
    doc.say(
        "教育総務課長　　",
        "教育総務課長",
        "議案第５号について説明いたします。長期休業期間中に学校閉庁日を設けるものです。",
    )
    members = [
        ("前田委員　　", "前田委員"),
        ("中島職務代理者　　", "中島職務代理者"),
        ("坂本委員　　", "坂本委員"),
    ]
    for _ in range(rounds):
        topic = rng.choice(TOPICS)
        label, speaker = rng.choice(members)
        doc.say(label, speaker, fill(rng.choice(QUESTIONS), topic))
        doc.say("教育総務課長　　", "教育総務課長", fill(rng.choice(ANSWERS), topic))
        doc.say(label, speaker, fill(rng.choice(FOLLOWUPS), topic))
    doc.say("教育長　　", "教育長", "暫時休憩いたします。")
    doc.note("　　　　　　午後２時４０分　休憩", "午後２時４０分　休憩")
    doc.note("　　　　　　午後２時５０分　再開", "午後２時５０分　再開")
    doc.say("教育長　　", "教育長", "再開します。議案第５号は原案のとおり可決してよろしいですか。")
    doc.note("（全委員賛成）", "（全委員賛成）")
    doc.item(
        3,
        "報告第2号 令和6年度当初予算(教育費)について",
        "○日程第３　報告第２号　令和６年度当初予算（教育費）について",
    )
    doc.say(
        "教育部長　　", "教育部長", "教育費の概要を報告いたします。総額は前年度比３．２％増です。"
    )
    doc.say("前田委員　　", "前田委員", "ＩＣＴ支援員の配置は増えますか。")
    doc.say("教育総務課長　　", "教育総務課長", "３名から５名に増員します。")
    doc.finish("午後３時２０分閉会")
    return doc


def build() -> list[Doc]:
    from kyodo.minutes_text.tests.corpus import styles22, styles24  # made with Doc

    return [
        assembly_sokki("01_assembly_sokki", 1, 30),
        assembly_sokki("02_assembly_sokki_long", 2, 45),
        national_gijiroku("03_national_gijiroku", 3, 28),
        national_gijiroku("04_national_gijiroku_short", 4, 8),
        city_yoten("05_city_yoten", 5, 2, 20),
        city_yoten("06_city_yoten_third", 6, 3, 27),
        national_yoshi("07_national_yoshi", 7),
        seed_like("08_seed_like", 8),
        jichikai_soukai("09_jichikai_soukai", 9),
        council_bracket("10_council_bracket", 10),
        sitting_only("11_sitting_only", 11),
        left_numbered("12_left_numbered", 12),
        footer_glued("13_footer_glued", 13),
        seed_like("14_seed_like_second", 14),
        jichikai_soukai("15_jichikai_soukai_second", 15),
        city_assembly("16_city_assembly", 16, 24),
        summary_lettered("17_summary_lettered", 17),
        npo_board("18_npo_board", 18),
        label_lines("19_label_lines", 19, 6),
        education_board("20_education_board", 20, 5),
        *styles22.documents(),
        *styles24.documents(),
    ]


def main() -> None:
    for doc in build():
        (HERE / f"{doc.name}.txt").write_text("\n".join(doc.lines) + "\n", encoding="utf-8")
        (HERE / f"{doc.name}.gold.json").write_text(
            json.dumps(doc.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{doc.name}: {doc.style}, {doc.turns()} entries")


if __name__ == "__main__":
    main()
