"""Recognisers for the kinds of line found in minutes.

Everything here works on one line at a time and never raises: it answers
"is this a section heading / an item heading / a speaker label / …".
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# Characters PDF extraction and typists use for the same "○" bullet.
NOTE_MARKS = "○◯〇"
# Marks before a speaker's label: ○ in most minutes; assemblies' 会議録 also mark the chair and
# the executive ◎, members ◆ or ◇, and headings △ (「◎議長（田村誠君）」「◆１番（青木一郎君）」).
SPEAKER_MARKS = NOTE_MARKS + "●◎◆◇▲△□■"
_WS = re.compile(r"\s+")

KANJI_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九", start=0)}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①..⑳


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Spaces a web page or a word processor puts where a space was typed (NBSP, en and em spaces,
# thin spaces) read as spaces; zero-width characters and the BOM as nothing.
_SPACES = dict.fromkeys(
    map(
        ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
    ),
    " ",
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ODD_CHARACTER = re.compile("[\u00a0\u2000-\u200d\u202f\u205f\u2060\ufeff]")
# What a scanner's OCR makes of 「○」 before a label (「O会長」「０委員長」) and of 「：」 (「委員長;」).
_OCR_MARK = re.compile(r"^([ 　]*)[OＯ0０](?=[一-龥々ァ-ヺ])")
_OCR_COLON = re.compile(r"^([^;；:：。、]{1,30}?)[;；]")


_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
_KANA_ENUMERATOR = re.compile(r"^[(（][アイウエオカキクケコサシスセソタチツテト][)）][ 　]*(?=\S)")
_SPACED_ROLE = re.compile(
    r"(?P<indent>\s*)(?P<role>(?:[一-龥々] ){1,4}[一-龥々])(?=\s{2,}[（(]|\s*$)"
)
_TIME_STAMP = re.compile(
    r"^([ 　]*)[【［\[]\s*[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}\s*[】］\]][ 　]*(?=\S)"
)
_ASCII_BULLET = re.compile(
    r"^([ 　]*)[*\-][ ]+(?=[^\s\-*])(?![0-9０-９]{1,3}\s*(?:[/／]\s*[0-9]+\s*)?[-－]\s*$)"
)


def clean_line(line: str) -> str:
    """A line as typed: web spaces and invisible characters made plain, 「&nbsp;」 of HTML source
    undone, and OCR's 「O」/「0」 for 「○」 and 「;」 for 「：」 mended where a label then reads."""
    if line[:1] in " *-　" and _ASCII_BULLET.match(line):
        line = _ASCII_BULLET.sub(r"\1・", line, count=1)  # 「* 4月から……」 typed in ASCII
    spaced = _SPACED_ROLE.match(line) if " " in line else None
    if spaced and squash(spaced["role"]) in ROLES:
        # 「事 務 局   （島津主査）」 as a PDF-to-text tool spaces a label's column
        line = spaced["indent"] + squash(spaced["role"]) + line[spaced.end() :].lstrip(" ")
    if _TIME_STAMP.match(line):
        # 「【１８：３２】議題（１）……」: the clock a recorder noted, no part of the heading;
        # 「【１８：３０】開会」: a stage direction of the sitting.
        rest = line[_TIME_STAMP.match(line).end() :].strip()
        if re.fullmatch(r"開会|閉会|散会|休憩|再開|開議", rest):
            stamp = squash(_TIME_STAMP.match(line).group(0))[1:-1]
            line = f"〔{stamp}　{rest}〕"
        else:
            line = _TIME_STAMP.sub(r"\1", line, count=1)
    if _HALF_WIDTH_KANA.search(line):
        # 「ｺｰﾃﾞｨﾈｰﾀｰ(山口)」 of an old system: the kana as they are typed today.
        line = _HALF_WIDTH_KANA.sub(lambda run: nfkc(run.group()), line)
    if _ODD_CHARACTER.search(line):
        line = line.translate(_SPACES).translate(_INVISIBLE)
    if "&" in line:
        line = html.unescape(line).translate(_SPACES)
    if _OCR_MARK.match(line):
        mended = _OCR_MARK.sub(r"\1○", line, count=1)
        if speaker_label(mended) is not None:
            line = mended
    if _OCR_COLON.match(line) and speaker_label(line) is None:
        mended = _OCR_COLON.sub(r"\1：", line, count=1)
        if speaker_label(mended) is not None:
            line = mended
    return line


def squash(text: str) -> str:
    """Drop every white space: undoes justified spacing such as 「報 告 事 項」."""
    return _WS.sub("", text)


def kanji_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (enough for agenda numbers)."""
    if not text or any(c not in KANJI_NUMERALS and c != "十" for c in text):
        return None
    if "十" not in text:
        value = 0
        for c in text:
            value = value * 10 + KANJI_NUMERALS[c]
        return value
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return KANJI_NUMERALS.get(tens, 1 if not tens else 0) * 10 + (
        KANJI_NUMERALS[ones] if ones else 0
    )


def to_int(text: str) -> int | None:
    """A number written with ASCII, full-width, kanji or circled digits."""
    text = squash(text)
    if text in CIRCLED:
        return CIRCLED[text]
    if text in _ROMAN:
        return _ROMAN[text]
    ascii_text = nfkc(text)
    if re.fullmatch(r"[0-9]{1,4}", ascii_text):
        return int(ascii_text)
    return kanji_number(text)


# ---------------------------------------------------------------- headings

# The item the record's lines before the first heading are kept in (the chair opens the sitting,
# a chair is elected): its title.
OPENING_ITEM = "開会"

SECTION_CATEGORIES = (
    "報告事項",
    "審議事項",
    "協議事項",
    "議決事項",
    "決定事項",
    "検討事項",
    "確認事項",
    "連絡事項",
    "意見交換",
    "その他",
    "議題",
    "議事",
    "報告",
    "審議",
    "協議",
)
# Categories that merely introduce a list of items ("議題" then (1), (2) …).
CONTAINER_CATEGORIES = ("議題", "議事")

_NUM = r"[0-9０-９]{1,3}"
_KNUM = r"[一二三四五六七八九十]{1,3}"
_PREFIXES = (
    rf"(?P<n1>{_NUM})[.．、)）]?",
    rf"[（(](?P<n2>{_NUM}|{_KNUM})[）)]",
    rf"(?P<n3>{_KNUM})(?:[、.．]|(?!議題|議事))",  # 「一　報告事項」: a kanji number, a space
    rf"第(?P<n4>{_NUM}|{_KNUM})[.．、]?",
    r"(?P<n5>[①-⑳])",
    r"(?P<roman>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])[.．]?",
)
_ROMAN = {c: i + 1 for i, c in enumerate("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ")}
_SECTION = re.compile(
    r"^(?:" + "|".join(_PREFIXES) + r")?"
    r"(?P<cat>" + "|".join(SECTION_CATEGORIES) + r")[:：]?$"
)
_BRACKETS = re.compile(r"[【】［］〔〕＜＞<>《》〈〉■□◆◇○◯〇◎●]")


@dataclass(frozen=True)
class Heading:
    number: int | None
    text: str  # category for sections, title for items
    style: str  # the numbering style, e.g. "1." or "(1)"


def _prefix_number(match: re.Match[str]) -> tuple[int | None, str]:
    for group, style in (("n1", "1."), ("n2", "(1)"), ("n3", "一、"), ("n4", "第1")):
        if match.group(group):
            return to_int(match.group(group)), style
    if match.group("n5"):
        return CIRCLED[match.group("n5")], "①"
    if match.group("roman"):
        return _ROMAN[match.group("roman")], "Ⅰ"
    return None, ""


def section_heading(line: str) -> Heading | None:
    """「１．報 告 事 項」, 「【議題】」, 「第２ 審議事項」 → Heading."""
    if len(line) > 40:  # cheap early exit: headings are short
        return None
    text = _BRACKETS.sub("", squash(line))
    if not text or len(text) > 12:
        return None
    match = _SECTION.match(text)
    if not match:
        return None
    number, style = _prefix_number(match)
    return Heading(number, match.group("cat"), style)


# The words of a category that may number its items: 「報告事項（１）」「協議２」.
_ITEM_WORDS = r"(?:報告|協議|審議|議決|決定|確認|連絡)(?:事項)?"
_ITEM_CATEGORY = re.compile(rf"^[■□◆◇]?\s*(?P<cat>{_ITEM_WORDS})\s*[（(]?\s*(?:{_NUM}|{_KNUM})")


def item_category(line: str) -> str | None:
    """「報告事項（１）　講座の開催結果について」 → 報告事項: the category an item names."""
    match = _ITEM_CATEGORY.match(line.strip())
    return match["cat"] if match else None


_ITEM_PATTERNS = (
    (re.compile(rf"^(?P<n>{_NUM})\s*[.．、]\s*(?P<t>\S.*)$"), "1."),
    (re.compile(rf"^(?P<n>{_NUM})\s*[)）]\s*(?P<t>\S.*)$"), "1)"),
    (re.compile(rf"^[（(]\s*(?P<n>{_NUM}|{_KNUM})\s*[）)]\s*(?P<t>\S.*)$"), "(1)"),
    (re.compile(r"^(?P<n>[①-⑳])\s*(?P<t>\S.*)$"), "①"),
    (re.compile(rf"^(?P<n>{_KNUM})\s*[、．.]\s*(?P<t>\S.*)$"), "一、"),
    # 「Ⅰ　……について」, and 「【議題１】……」「＜１＞……」 with the number in brackets.
    (re.compile(r"^(?P<n>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])[.．、 　]\s*(?P<t>\S.*)$"), "Ⅰ"),
    (
        re.compile(
            rf"^[【＜<〔［\[〈《]\s*(?:議題|議案|案件|議事)?\s*(?P<n>{_NUM}|{_KNUM})\s*[】＞>〕］\]〉》]"
            rf"\s*(?P<t>\S.*)$"
        ),
        "【1】",
    ),
    # 「【第１号議案】……について」「［議案第２号］……」: the bill's number in brackets.
    (
        re.compile(
            rf"^[【〔［\[〈《]\s*第\s*(?P<n>{_NUM}|{_KNUM})\s*号\s*議[案題]\s*[】〕］\]〉》]"
            rf"[ 　]*(?P<t>\S.*)$"
        ),
        "第1号議案",
    ),
    # 「１　開会」: a number and a full-width space (never an ASCII digit and space: page-line
    # numbers); 「１ 開会」 with a full-width digit, as text copied from a table gives it.
    (
        re.compile(
            r"^(?P<n>[0-9０-９]{1,2})　[ 　]*(?P<t>\S.*)$|^(?P<n2>[０-９]{1,2}) +(?P<t2>\S.*)$"
        ),
        "1　",
    ),
    # 「議題１　……について」「報告２：……」「協議事項１　……」.
    (
        re.compile(
            rf"^(?:議題|議案|案件|議事|{_ITEM_WORDS}|(?:Agenda|Item)[ 　]*(?:No\.)?)\s*(?P<n>{_NUM}|{_KNUM})"
            rf"\s*[ 　:：.．、]\s*(?P<t>\S.*)$"
        ),
        "議題1",
    ),
    # 「議題（１）……について」「報告事項（１）　……」.
    (
        re.compile(
            rf"^(?:議題|議案|案件|議事|{_ITEM_WORDS})\s*[（(]\s*(?P<n>{_NUM}|{_KNUM})\s*[）)]\s*"
            rf"(?P<t>\S.*)$"
        ),
        "議題(1)",
    ),
    # 「第１　公民館利用者アンケートの結果について」: numbered with 第 and a full-width space.
    (re.compile(rf"^第\s*(?P<n>{_NUM}|{_KNUM})　[ 　]*(?P<t>\S.*)$"), "第1"),
    # 「第１号議案　令和５年度事業報告について」 in the minutes of a general meeting (総会).
    (re.compile(rf"^第\s*(?P<n>{_NUM}|{_KNUM})\s*号\s*議案[ 　]*(?P<t>\S.*)$"), "第1号議案"),
    # 「第一号議題　秋季大運動会の反省について」 in a neighbourhood association's minutes.
    (re.compile(rf"^第\s*(?P<n>{_NUM}|{_KNUM})\s*号\s*議題[ 　]*(?P<t>\S.*)$"), "第1号議題"),
    # 「議案第１号　……について」「協議第２号」「報告第１号」「諮問第３号」: the bill's name whole.
    (
        re.compile(
            rf"^(?P<t>(?:議案|協議|報告|諮問|議第|報第|承認|請願|陳情)第?\s*(?P<n>{_NUM}|{_KNUM})\s*号"
            rf"[ 　]+\S.*)$"
        ),
        "議案第1号",
    ),
)


# 「△日程第１　会議録署名議員の指名」: an assembly's order of business, marked △ in its 会議録
# (unmarked, 「日程第２　報告事項」 is a line of a meeting's timetable, kept as a note).
_SCHEDULE_ITEM = re.compile(
    rf"^[△▲][ 　]*日程\s*第\s*(?P<n>{_NUM}|{_KNUM})\s*[ 　:：]\s*(?P<t>\S.*)$"
)


_AGENDA_WORD = re.compile(
    rf"^(?:議題|議案|案件)\s*(?:{_NUM}|{_KNUM}|[（(])|^第\s*(?:{_NUM}|{_KNUM})\s*号\s*議案"
)
# 「○議案第２５号　投票区の変更について」「◎議案第１号　……」: the bill taken up, its heading.
_BILL_WORD = re.compile(rf"^(?:議案|協議|報告|諮問)第\s*(?:{_NUM}|{_KNUM})\s*号[ 　]")


def item_heading(line: str) -> Heading | None:
    """「１．……について」, 「（２）……」, 「1.……」 → Heading (title NFKC)."""
    schedule = _SCHEDULE_ITEM.match(line.strip())
    if schedule:
        return Heading(to_int(schedule.group("n")), nfkc(schedule.group("t")).strip(), "日程第1")
    # 「△議案第３１号　……」: the heading mark of an assembly's 会議録, as ■ elsewhere.
    stripped = line.strip().lstrip("■□◆◇△▲").lstrip()
    # 「⑴　……」: the number in parentheses as one character, (1) as written out.
    stripped = re.sub(r"^[⑴-⒇]", lambda m: f"({ord(m[0]) - 0x2473})", stripped)
    # 「・議題１　……」 in minutes written all in bullets: the bullet before the agenda's word
    if (
        stripped.startswith(("●", "○", "◎", "・")) and _AGENDA_WORD.match(stripped[1:].lstrip())
    ) or (stripped.startswith(("●", "○", "◎", "・")) and _BILL_WORD.match(stripped[1:].lstrip())):
        stripped = stripped[1:].lstrip()  # 「●議題１　……」: a bullet before the agenda's word
    for pattern, style in _ITEM_PATTERNS:
        match = pattern.match(stripped)
        if match:
            groups = match.groupdict()
            number = to_int(groups["n"] or groups.get("n2") or "")
            title = nfkc(groups["t"] or groups.get("t2") or "").strip()
            if number is None or not title:
                return None
            # 「１．第１号議案　……について」: the item's number, then the bill's of the same number
            # (a general meeting's or a board's 議案): the title is what follows, as under
            # 「第１号議案　……」 alone.
            bill = _SAME_BILL.match(title)
            if bill and style != "第1号議案" and to_int(bill["n"]) == number:
                title = bill["t"]
            return Heading(number, title, style)
    return None


_SAME_BILL = re.compile(rf"^第\s*(?P<n>{_NUM}|{_KNUM})\s*号\s*議案[ 　]+(?P<t>\S.*)$")


# ---------------------------------------------------------- speaker labels

ROLES = (
    "副委員長",
    "委員長",
    "委員",
    "事務局長",
    "事務局次長",
    "事務局",
    "副会長",
    "会長",
    "副議長",
    "議長",
    "副座長",
    "座長",
    "司会",
    "副センター長",
    "センター長",
    "課長",
    "部長",
    "係長",
    "主事",
    "主任",
    "理事長",
    "理事",
    "職員",
    "顧問",
    "オブザーバー",
    # Unmarked in the minutes of 教育委員会, 町議会 and civic bodies: 「教育長　ほかに…」
    # 「中島職務代理者　…」「西教頭：…」「岡本監事　…」「小林さん　…」.
    "教育長",
    "副市長",
    "市長",
    "副町長",
    "町長",
    "村長",
    "局長",
    "次長",
    "室長",
    "所長",
    "館長",
    "副校長",
    "校長",
    "教頭",
    "園長",
    "職務代理者",
    "会長代行",
    "課長補佐",
    "主査",
    "主幹",
    "幹事",
    "書記長",
    "書記",
    "参与",
    "監事",
    "会計",
    "班長",
    "組合長",
    "幹事長",
    "副幹事長",
    # the members of a residents' association or a co-op speaking at its general meeting
    "会員",
    "組合員",
    "総代",
    "代議員",  # a federation's delegates: 「代議員（３班）　……」
    "保護者",  # a sports club's parents' meeting: 「保護者A：……」
    "住民",  # a district's talk with its residents: 「住民：……」「（住民）」
    "監督",
    "コーチ",
    "代表",
    # a condominium's board: the management company answering (「管理会社：……」)
    "管理会社",
    "コーディネーター",
    "アドバイザー",
    "ファシリテーター",
    "ファシリ",  # a workshop's record: 「ファシリ：……」
    "相談員",
    "保健師",
    "看護師",
    "社会福祉士",
    # a library's, a museum's, a chamber of commerce's, a welfare office's staff
    "司書",
    "学芸員",
    "経営指導員",
    "相談支援専門員",
    "介護支援専門員",
    "ケアマネジャー",
    "指導主事",
    "先生",
    "さん",
    "氏",
    "スタッフ",
    # a children's or young people's council
    "小学生",
    "中学生",
    "高校生",
    "大学生",
    # a grant's hearing, a proposal system's review
    "提案団体",
    "申請団体",
    "応募団体",
    "団体",
    "指定管理者",
    # a selection committee's hearing of the applicants: 「応募者：……」「提案者：……」
    "応募者",
    "提案者",
    "申請者",
    # posts by their kind, unmarked in the minutes of schools, fire brigades, hospitals, shops:
    # 「山内教諭：……」「団長　　……」「分団長（第１分団）　……」「医長：……」
    "養護教諭",
    "教諭",
    "講師",
    "分団長",
    "副団長",
    "団長",
    "隊長",
    "隊員",
    "事務長",
    "医長",
    "医師",
    "技師",
    "保育士",
    "栄養士",
    "支配人",
    "店長",
    # a ward's head at its council (「大島区長　委員の皆様……」), as 市長 and 町長 above
    "区長",
    # an information disclosure board's hearing: the body whose decision is reviewed, and who
    # asked for the review (「実施機関　　不開示とした部分は……」)
    "実施機関",
    "諮問庁",
    "処分庁",
    "審査請求人",
)
# Title words that end a label after ○, 【】 or before 「：」 in the minutes of any public body
# (assemblies, national councils, 自治会): 「○山田部会長」「○佐藤計画官」「○鈴木説明員」.
TITLES = tuple(
    sorted(
        set(ROLES)
        | {
            "部会長",
            "分科会長",
            "会長代理",
            "委員長代理",
            "部会長代理",
            "職務代理者",
            "臨時委員",
            "専門委員",
            "特別委員",
            "議員",
            "副議長",
            "市長",
            "副市長",
            "町長",
            "副町長",
            "村長",
            "副村長",
            "区長",
            "知事",
            "副知事",
            "教育長",
            "大臣",
            "副大臣",
            "政務官",
            "局長",
            "次長",
            "室長",
            "所長",
            "館長",
            "院長",
            "園長",
            "校長",
            "参事",
            "参事官",
            "審議官",
            "統括官",
            "計画官",
            "企画官",
            "調査官",
            "管理官",
            "分析官",
            "監",
            "課長補佐",
            "補佐",
            "係員",
            "主査",
            "主幹",
            "主任主事",
            "担当",
            "担当部長",
            "担当課長",
            "説明員",
            "参考人",
            "公述人",
            "幹事",
            "監事",
            "監査委員",
            "書記",
            "代表",
            "副代表",
            "会計",
            "班長",
            "組長",
            "支部長",
            "総務",
            "庶務",
            "事務局員",
            "会員",
            "コーディネーター",
            "アドバイザー",
            "ファシリテーター",
            "進行",
            "司会者",
            "委員外議員",
            # national councils and study groups (検討会): 構成員, 有識者, 座長代理 …
            "構成員",
            "座長代理",
            "有識者",
            "オブザーバー",
            "政府参考人",
            "指導主事",
            "自治会長",
            "町会長",
            "君",
            "氏",
            "さん",
            "質問者",
            "回答者",
            "発言者",
            "参加者",
            "管理者",
            "店主",
            # 「→（センター）今後は……」: the centre answering, in parentheses or after a mark
            "センター",
            "専門員",
            # a volunteer fire corps' officers: 「（団長）」「（第２分団長）」
            "団長",
            "副団長",
            "分団長",
        },
        key=len,
        reverse=True,
    )
)


def _spaced(word: str) -> str:
    # Justified labels put spaces between the characters: 「委 員」「事 務 局」.
    return r"[ 　]{0,3}".join(re.escape(c) for c in word)


_ROLE = "(?:" + "|".join(_spaced(r) for r in ROLES) + ")"
_TITLE = "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
# A name before the role: no hiragana (so prose is not taken for a label), no
# punctuation; a short parenthesised part is allowed: 髙橋（清）委員.
_NAME_CHAR = r"[^\s：:。、，,．.「」『』【】\[\]［］（）()○◯〇●◎■◆＜＞<>ぁ-ゖ～〜・]"
_NAME = rf"(?:{_NAME_CHAR}|[ 　](?={_NAME_CHAR})|[（(][^（()）\s]{{1,4}}[）)]){{0,12}}?"
# 「委員Ａ」「委員（オンライン）」「委員Ｄ（オンライン）」.
_SUFFIX = r"(?:[A-Za-zＡ-Ｚａ-ｚ0-9０-９①-⑳]{1,2})?(?:[（(][^（()）\s][^（()）]{0,13}[）)])?"
_LABEL = rf"(?P<label>{_NAME}{_ROLE})(?P<suffix>{_SUFFIX})"
# After a mark (○, 【】) a label may be long and hold a department name with hiragana, 「・」 or
# （）: 「○山田まちづくり推進部都市計画・交通担当部長」; it ends with a title word.
_LONG_CHAR = r"[^\s：:。、，,「」『』【】\[\]［］（）()○◯〇●◎■◆＜＞<>〔〕]"
_LONG_NAME = rf"(?:{_LONG_CHAR}|[（(][^（()）\s]{{1,12}}[）)]){{0,30}}?"
_SEAT = r"[0-9０-９]{1,3}番"  # 「○１番（田中花子君）」: a member by seat number
# A label starts with a kanji or katakana name, or with a department name in hiragana followed by
# kanji (「まちづくり推進課長」「こども未来部長」), never with a hiragana word (「○みなさん」).
_HIRAGANA_START = r"(?![ぁ-ゖ](?![ぁ-ゖ]{0,6}[一-龥々ァ-ヺ]{2}))"
_LONG = rf"(?P<label>{_HIRAGANA_START}{_LONG_NAME}(?:{_TITLE}|{_ROLE})|{_SEAT}(?=[（(]))(?P<suffix>{_SUFFIX})"

# Offices as English-language minutes name them (a company's board, an international body's).
ENGLISH_OFFICES = (
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "Chairperson",
    "Chairman",
    "Chair",
    "President",
    "Vice President",
    "Director",
    "Secretary",
    "Treasurer",
    "Auditor",
)
_ENGLISH_OFFICE = "|".join(re.escape(o) for o in ENGLISH_OFFICES)

_LABEL_PATTERNS = (
    re.compile(rf"^{_LABEL}[ 　]*[：:][ 　]*(?P<text>.*)$"),
    re.compile(
        rf"^[【\[［〔＜<〈《][ 　]*{_LONG}[ 　]*[】\]］〕＞>〉》][ 　]*[：:]?[ 　]*(?P<text>.*)$"
    ),
    re.compile(rf"^[（(][ 　]*{_LABEL}[ 　]*[）)][ 　]*[：:]?[ 　]*(?P<text>.*)$"),
    re.compile(rf"^[{SPEAKER_MARKS}][ 　]*{_LONG}(?:[ 　]*[：:][ 　]*|[ 　]+|$)(?P<text>.*)$"),
    re.compile(rf"^{_LONG}[ 　]*[：:][ 　]*(?P<text>.*)$"),
    re.compile(rf"^{_LABEL}　[ 　]*(?P<text>\S.*)$"),
    # Text extracted by other tools puts an ASCII space where the page had a gap.
    # (「事務局 2022年度の相談件数は……。」: a sentence may start with a figure)
    re.compile(rf"^{_LABEL} +(?P<text>(?:[^\sA-Za-z0-9]|[0-9](?=[^ ]{{9,}}。$)).*)$"),
    # A company's minutes in English and Japanese: 「CFO：……」「Director Carter：……」「Director
    # 田村：……」, an office in English, and a name after it.
    re.compile(
        rf"^(?P<label>(?:{_ENGLISH_OFFICE})(?:[ 　][A-Za-z一-龥々ァ-ヺー.]{{1,20}})?)[ 　]*[：:][ 　]*"
        r"(?P<text>.*)$"
    ),
    # 「（佐藤計画官）資料１です。」: any title in parentheses, when something is said after it.
    # Alone on its line (「（荒井部会長代理）」, the points under it) the words follow it.
    re.compile(rf"^[（(][ 　]*{_LONG}[ 　]*[）)][ 　]*[：:]?[ 　]*(?P<text>(?:\S.*)?)$"),
    # 「○山田　委員長　……」: a space between the name and the role.
    re.compile(rf"^[{SPEAKER_MARKS}][ 　]*{_LABEL}(?:[ 　]*[：:][ 　]*|[ 　]+|$)(?P<text>.*)$"),
    # 「館長）上半期は……」「会長）……」: the role closed by a parenthesis it never opened.
    re.compile(rf"^{_LONG}[ 　]*[）)][ 　]*(?P<text>[^\s）)].*)$"),
    # 「新井主事＞　……」「隊員（佐伯）＞　……」: the role, then an angle bracket pointing at the words.
    re.compile(rf"^{_LONG}[ 　]*[＞>][ 　]*(?P<text>[^\s＞>].*)$"),
    # Questions and answers of a briefing or a general meeting: 「問：……」「（答）……」「Ｑ：……」.
    # 「Ｑ（委員）：……」: who asked, in parentheses.
    re.compile(
        r"^(?P<label>質問|回答|質疑|応答|問|答|意見|要望|Ｑ|Ａ|Q|A)(?P<suffix>[（(][^()（）\s]{1,8}[）)])?"
        r"[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「【質問】（柏木委員）……」「【回答】（事務局）……」: who asked or answered after the mark.
    re.compile(
        r"^[（(【〈＜<](?P<label>質問|回答|問|答|意見|要望|Ｑ|Ａ|Q|A)[）)】〉＞>]"
        r"(?P<suffix>(?<=[】〉＞>])[（(][^()（）\s]{1,10}[）)])?[ 　]*(?P<text>\S.*)$"
    ),
    # 「問　……」「答　……」「Ｑ．……」「Ａ．……」: a briefing's questions and answers; 「質問　……」
    # 「回答　……」「意見　……」「Ｑ　……」 of a summary (who asked, if anyone, in parentheses after).
    re.compile(r"^(?P<label>問|答)[ 　]+(?P<text>\S.*)$"),
    re.compile(
        r"^(?P<label>質問|回答|意見|要望|Ｑ|Ａ)(?:[ 　]*　[ 　]*|(?<=[問答見望]) +)"
        r"(?P<text>\S.*[。？?].*)$"  # a sentence: 「Ａ　利用状況」 is a lettered heading
    ),
    re.compile(r"^(?P<label>Ｑ|Ａ|Q|A)[.．][ 　]*(?P<text>[^\sA-Za-z0-9].*)$"),
    # 「Ｑ１　……」「Ａ１　……」「問２．……」: numbered questions and their answers.
    re.compile(
        r"^(?P<label>質問|回答|問|答|Ｑ|Ａ|Q|A)(?P<suffix>[0-9０-９]{1,2})"
        r"(?:[ 　]+|[ 　]*[：:．.][ 　]*)(?P<text>\S.*)$"
    ),
    # 「（事務局　村上）定刻になりました。」: the role, then the person's name.
    re.compile(
        rf"^[（(][ 　]*(?P<role>{_ROLE})[ 　]+(?P<name>[一-龥々ヶァ-ヺー]{{1,8}})[ 　]*[）)]"
        rf"[ 　]*[：:]?[ 　]*(?P<text>\S.*)$"
    ),
    # 「【事務局：田中】説明します。」: the role and the name in brackets, a colon between.
    re.compile(
        rf"^[【\[［〔][ 　]*(?P<role>{_ROLE})[ 　]*[：:][ 　]*(?P<name>[一-龥々ヶァ-ヺー]{{1,8}})[ 　]*"
        rf"[】\]］〕][ 　]*[：:]?[ 　]*(?P<text>\S.*)$"
    ),
    # 「子育て支援課長　　……」「人権・男女共同参画課長　……」: a department's head, unmarked, the
    # department's name in kana or with 「・」 (no particle: 「それについては課長」 is prose).
    _DEPARTMENT_HEAD := re.compile(
        # (「子ども家庭課長」「こども未来部長」: the も of 子ども is no particle)
        r"^(?P<label>(?![ぁ-ゖ])(?![^　 ]*(?<!ど)[のをはがにでもへ])[一-龥々ァ-ヺーぁ-ゖ・]{0,20}?"
        r"(?:課長補佐|課長|部長|局長|室長|所長|館長|係長|館長補佐|センター長)"
        # 「市まちづくり推進課　……」: the department itself answering, its name three or more long
        r"|(?![ぁ-ゖ])(?![^　 ]*[のをはがにでもへ])[一-龥々ァ-ヺーぁ-ゖ・]{2,20}(?<=[一-龥々ァ-ヺー]{2})課)"
        r"(?P<suffix>[（(][^（()）\s]{1,8}[）)])?　[ 　]*(?P<text>\S.*)$"
    ),
    # 「市：……」「【市（長尾主幹）】……」: the city answering, with its colon or in brackets.
    re.compile(
        r"^(?:[【［\[]\s*)?(?P<label>[市県町村](?:[（(][^（()）\s]{1,10}[）)])?)"
        r"(?:\s*[】］\]]\s*[：:]?|[ 　]*[：:])[ 　]*(?P<text>\S.*)$"
    ),
    # 「（市）　設立相談が……」: the city in parentheses, as a monitoring meeting records it.
    re.compile(r"^[（(](?P<label>[市県町村])[）)][ 　]*[：:]?[ 　]*(?P<text>\S.*)$"),
    # 「大森（ぽっけ）：……」「リー（国際交流の会）：……」: a person and their group, and the colon.
    re.compile(
        r"^(?P<label>(?!(?:結論|注|備考|資料|議題|参考|結果|理由|目的|期間|場所|日時|内容|概要|"
        r"決定|確認|報告|質問|回答|意見|要望)[（(])(?:[一-龥々ヶ]{1,4}|[ァ-ヺー]{2,6})"
        r"[（(][^（()）\s0-9０-９]{1,15}[）)])[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「吉川（管理会社）　……」「村瀬（事務局）　……」: a family name, the body or the role they
    # speak for, and the gap (no colon).
    _NAME_BODY_GAP := re.compile(
        r"^(?P<label>(?!(?:結論|注|備考|資料|議題|参考|結果|理由|目的|期間|場所|日時|内容|概要|"
        r"決定|確認|報告|質問|回答|意見|要望)[（(])[一-龥々ヶ]{1,4}[（(](?:事務局|"
        r"[^（()）\s0-9０-９]{0,12}(?:会社|課|部|局|室|センター|協議会|組合|法人))[）)])"
        r"　[ 　]*(?P<text>\S.*)$"
    ),
    # 「桜井 まどか 副会長：……」: a whole name with a given name in kana, spaced, then the role
    # and the colon.
    re.compile(
        rf"^(?P<label>[一-龥々ヶ]{{1,4}}[ 　][一-龥々ヶぁ-ゖァ-ヺー]{{1,5}}[ 　]?{_ROLE})(?P<suffix>{_SUFFIX})"
        r"[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「青山（市地域振興課）：……」: a person with the department they come from, and the colon.
    re.compile(
        r"^(?P<label>[一-龥々ヶ]{1,4}[（(][^（()）\s]{1,15}(?:課|部|局|室|所|センター|協議会)[）)])"
        r"[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「あそび場グループ（中学生）：……」「Ａ班：……」: a group reporting, always with its colon (「＜Ａグループ＞」
    # alone heads a summary's part).
    re.compile(
        r"^(?P<label>[^\s：:()（）＜＞<>【】]{1,12}(?:グループ|班|チーム)(?:[（(][^（()）]{1,8}[）)])?)"
        r"[ 　]*[：:][ 　]*"
        r"(?P<text>\S.*)$"
    ),
    # 「（青葉交通株式会社）　……」「（国土交通省東北運輸局）　……」: a body taking part, by its name
    # in parentheses (a 地域公共交通会議's operators and agencies).
    re.compile(
        r"^[（(](?P<label>[^（()）\s]{1,20}(?:株式会社|有限会社|会社|協会|組合|連合会|協議会|"
        r"運輸局|整備局|事務所|警察署|消防署|振興局|大学|病院|法人))[）)]　[ 　]*(?P<text>\S.*)$"
    ),
    # 「内田（2班）：……」「山口（305号室）：……」: a resident and the group or home they speak for.
    re.compile(
        r"^(?P<label>[一-龥々ヶ]{1,4}[（(][0-9０-９]{1,4}(?:班|号棟|号室|組|区|丁目|番)[）)])"
        r"[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「市まちづくり推進課（桑原）：……」: a department and who spoke for it, and the colon.
    re.compile(
        r"^(?P<label>[^\s：:（）()「」、。]{1,20}(?:課|部|局|室|係|所|センター)"
        r"[（(][一-龥々ヶァ-ヺー・]{1,10}[）)])[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「公園緑地課：……」「子育て支援係：……」: a department answering, no one named, and the colon.
    re.compile(
        r"^(?P<label>(?![ぁ-ゖ])[一-龥々ァ-ヺー・ぁ-ゖ]{1,16}(?<![のをはがにでもへ])(?:課|係))"
        r"[ 　]*[：:][ 　]*(?P<text>\S.*)$"
    ),
    # 「５番　５番小宮山です。……」「４番（榎本委員）　……」: a 農業委員会's members by their seats.
    re.compile(
        r"^(?P<label>[0-9０-９]{1,2}番(?:[（(][一-龥々ヶ]{1,6}[）)])?)[ 　]+"
        # words said, not a roster's next seat (「１番　大川ゆり　　２番　小松健」)
        r"(?!.*[0-9０-９]番[ 　])(?P<text>(?=.*[。、？?]|.{12}).{6,})$"
    ),
    # 「○桜ヶ丘第二公園愛護会（勅使河原代表）　……」「○全国市長会　……」: a body taking part,
    # after the mark, with who spoke for it.
    re.compile(
        r"^[○◯](?P<label>(?!第)[^\s：:。、「」（）()○◯0-9０-９]{3,20}(?:(?<![総大例部集])会|協会|組合|団体|法人|株式会社|ネットワーク|機構|財団|連盟|フォーラム)"
        r"(?:[（(][^（()）\s]{1,12}[）)])?)[ 　]+(?P<text>\S.*)$"
    ),
    # 「大野　さくら委員：……」: a given name in kana after the family name and a space, and the
    # colon (「事業について委員：」 is no name: no space, a particle).
    re.compile(
        rf"^(?P<label>[一-龥々ヶ]{{1,4}}[ 　](?!について|として|による|から|まで|では|には)"
        rf"[ぁ-ゖ]{{2,4}}{_ROLE})(?P<suffix>{_SUFFIX})[ 　]*[：:][ 　]*(?P<text>.*)$"
    ),
    # 「○井原　和子君　……」「○岸　隆君　……」: an assembly's member by the whole name, the
    # family and the given name spaced as a vertical record prints them, and 君.
    re.compile(
        rf"^[{SPEAKER_MARKS}][ 　]*(?P<label>[一-龥々ヶ]{{1,4}}[ 　][一-龥々ヶぁ-ゖァ-ヺー]{{1,5}}君)"
        r"(?:[ 　]*[：:][ 　]*|[ 　]+)(?P<text>\S.*)$"
    ),
    # 「（一同）なし。」「一同：異議なし。」: everyone at once.
    re.compile(r"^[（(【][ 　]*(?P<label>一同|全員)[ 　]*[）)】][ 　]*[：:]?[ 　]*(?P<text>\S.*)$"),
    re.compile(r"^(?P<label>一同|全員)(?:[ 　]*[：:][ 　]*|　[ 　]*|\t\s*)(?P<text>\S.*)$"),
    # 「委員長「それでは始めます。」」: the words in quotation marks right after the role.
    # 「寺田（区役所）「……。」」: a name and where the person comes from, then the quoted words.
    re.compile(
        rf"^(?:{_LABEL}|(?P<who>[一-龥々ヶ]{{1,4}}[（(][^（()）\s]{{1,15}}[）)]))"
        rf"[ 　]*「(?P<text>[^「」]*(?:「[^「」]*」[^「」]*)*)」$"
    ),
)
# Roster and header lines that look like labels: 「出席委員　十一名」「○説明員」.
_NOT_LABEL = re.compile(
    r"^(?:出席|欠席|説明のため|説明員等|傍聴|本日|会議|遅参|早退|事務局職員|職員[:：]|"
    r"委員会|署名|記録|議事(?![係課]|調査|担当)|日時|場所|以上|(?:合計|計)[0-9０-９])"
)
# After an unmarked label a signature, not speech: 「ひかり市長　山田太郎」.
_SIGNATURE = re.compile(r"^[^ぁ-ゖ。、]{1,10}$|[印㊞]$")
# 「宮本より事業報告について説明があった。」 after a title: who reported, told in the past.
_REPORTED = re.compile(
    # (「火災出動が７件でした。」 in the polite form is said, not told)
    # (「市長からの諮問書を読み上げ、……」: 「からの」 is no reporter's 「から」)
    r"^[一-龥々ヶ]{1,6}(?:[ 　][一-龥々ヶぁ-ゖ]{1,4})?(?:より|から|が)(?!は|の)[^。]*(?<!でし|まし)(?:た|れた)。"
)
_LATIN_ONLY_LABEL = re.compile(
    r"^[0-9０-９](?![0-9０-９]{0,2}(?:番|班|組|区)|[0-9０-９]{2,3}号(?:室|棟))"
)  # 「３班長」 is one; 「３０２号室組合員」 (a condominium's owner, by the flat) too


# The time a turn began, in a table's first column: 「14:02　事務局　素案の概要について……」.
_CLOCK = re.compile(r"^[0-9０-９]{1,2}[:：][0-9０-９]{2}[ 　]+(?=\S)")
# A transcript's time stamp before the speaker: 「[00:12:34] 会長：……」「【01:02:03】」「(00:12)」.
STAMP = re.compile(
    r"^[\[［【〔(（][ 　]*[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?[ 　]*[\]］】〕)）][ 　]*(?=\S)"
)


@dataclass(frozen=True)
class Label:
    speaker: str
    text: str
    quoted: bool = False  # 「委員長「……」」: the turn ends with the closing quotation mark


def speaker_label(line: str) -> Label | None:
    """「委 員：……」「【委員長】……」「○熊田委員長　……」「（委員）……」「○山田部会長　……」."""
    whole = line.strip()
    if whole[:1] == "・" and _BULLETED_LABEL.match(whole):
        whole = whole[1:].lstrip()  # 「・防災部長：１０月に実施したい。」: a summary's turn
    elif whole[:1] in "→⇒":
        whole = whole[1:].lstrip()  # 「→（事務局）他地区の事例を紹介します。」: the answer
    elif whole[:1].isdigit() and _CLOCK.match(whole):
        whole = _CLOCK.sub("", whole, count=1)  # 「14:02　事務局　……」: a table's time column
    elif STAMP.match(whole):
        whole = STAMP.sub("", whole, count=1)  # 「[00:12:34] 会長：……」: a transcript's time
    if whole[:1] in "(（" and _KANA_ENUMERATOR.match(whole):
        whole = _KANA_ENUMERATOR.sub("", whole, count=1)  # 「(ア)鳩山委員　……」: a list's mark
    stripped = whole[:2000]  # Labels are short: skip the regex on the rest of huge lines.
    for index, pattern in enumerate(_LABEL_PATTERNS):
        match = pattern.match(stripped)
        if not match:
            continue
        speaker = _speaker(match)
        if speaker is None:
            return None
        # The words run to the end of the line, but for the closing 」 of quoted words.
        quoted = index == len(_LABEL_PATTERNS) - 1
        text = whole[match.start("text") : match.end("text") if quoted else None].strip()
        unmarked = index in (5, 6) or pattern in (_DEPARTMENT_HEAD, _NAME_BODY_GAP)
        if (unmarked and (_SIGNATURE.search(squash(text)) or _REPORTED.match(text))) or (
            text.endswith(("印", "㊞")) and len(squash(text)) <= 12
        ):
            return None  # 「理事　宮本より説明があった。」: the minutes' narrative, not a turn
        held = _HOLDER.match(text) if speaker in ("事務局", "市", "県") else None
        if held:
            # 「事務局　　（須田係長）はい。」: who answered for the secretariat, after the gap.
            speaker, text = f"{speaker}({nfkc(held['who'])})", text[held.end() :]
        if speaker in ("質疑", "応答") and text:
            # 「質疑：正会員（高田）　……」「応答：理事長　……」: who asked and who answered
            inner = speaker_label(text)
            if inner is not None and inner.speaker not in ("質疑", "応答") and inner.text:
                return inner
        return Label(speaker, text, quoted)
    return None


_HOLDER = re.compile(
    r"[（(](?!資料|別紙|参考|案|仮称|再掲)(?P<who>[一-龥々ヶァ-ヺー・]{1,10})[）)][ 　]*(?=\S)"
)
_BARE_LABEL = re.compile(rf"^{_LABEL}$")
# 「・委員：……」: a bullet before a label and its colon.
_BULLETED_LABEL = re.compile(rf"^・[ 　]*{_LONG}[ 　]*[：:]")


QA_MARK = re.compile(
    r"^[【\[［＜<〈]\s*(?:質問|回答|答弁|質疑|応答|意見|問|答)\s*[0-9０-９]{0,2}\s*[】\]］＞>〉]\s*(?=\S)"
)


_KIND_ALONE = re.compile(
    r"^[（(【〈＜<［\[][ 　]*(?P<kind>質問|回答|質疑|応答|意見|要望|問|答)[ 　]*[）)】〉＞>］\]]$"
)


def bare_label(line: str) -> Label | None:
    """「会長」「委員Ａ」「事務局（田村課長）」 alone on a line, the words on the lines under it
    (a turn only where a turn may start: the parser decides)."""
    # 「【質問１】石井委員」「【回答１】沢田課長」: the turn's kind and number, then who spoke.
    kind = _KIND_ALONE.match(line.strip())
    if kind is not None:
        # 「（意見）」「【回答】」 alone, what was said indented under it.
        return Label(kind["kind"], "")
    match = _BARE_LABEL.match(QA_MARK.sub("", line.strip()))
    speaker = _speaker(match) if match is not None else None
    return Label(speaker, "") if speaker is not None else None


def _speaker(match: re.Match[str]) -> str | None:
    """The speaker a label pattern matched, as the minutes keep it; None for a roster or header
    line that only looks like a label (「出席委員　十一名」)."""
    groups = match.groupdict()
    if groups.get("role"):
        # 「事務局　村上」 → 「事務局(村上)」, as 「委員長（山田）」 reads.
        speaker = nfkc(f"{squash(groups['role'])}（{groups['name']}）")
    else:
        speaker = (match.group("label") or groups.get("who") or "") + (groups.get("suffix") or "")
        # 「Director Carter」: words in Latin letters keep a space between them.
        latin = re.match(rf"(?:{_ENGLISH_OFFICE})[ 　]", speaker)
        speaker = " ".join(nfkc(speaker).split()) if latin else nfkc(squash(speaker))
    if _NOT_LABEL.match(speaker) or _LATIN_ONLY_LABEL.match(speaker):
        return None
    return speaker


# Stage directions and bracketed remarks standing on a line of their own:
# 〔「異議なし」と呼ぶ者あり〕, （異議なし）, ［休憩］, 《拍手》.
_STAGE = re.compile(
    # 「―――　休憩（午後３時２０分～午後３時３０分）　―――」「～　グループワーク　～」
    r"^(?:[―－─━~～〜]{1,6}[ 　]*[^―ー－─━~～〜 　0-9０-９].{0,38}?[ 　]*[―－─━~～〜]{1,6}|"
    r"〔[^〔〕]*〕|【[^【】]{1,30}】|［[^［］]*］|《[^《》]*》|＜[^＜＞]{1,30}＞|[（(][^()（）]*(?:[（(][^()（）]*[)）][^()（）]*)*[)）])$"
)


# 「【第２部】分科会報告」「【午後の部】」「（第１日）」「＜２日目＞」: where a session of the meeting
# starts (a note of the record, no agenda heading).
SESSION = re.compile(
    r"^[【\[［＜<〈《(（]\s*(?:第\s*[0-9０-９一二三四五六七八九十]{1,2}\s*(?:部|日|日目)|午前の部|午後の部|"
    r"[0-9０-９一二三四五六七八九十]{1,2}\s*日目)\s*[】\]］＞>〉》)）]"
)


def stage_direction(line: str) -> str | None:
    text = line.strip()
    if SESSION.match(text):
        return text
    if (
        len(text) >= 2
        and _STAGE.match(text)
        and not re.fullmatch(r"[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]", text)
    ):
        return text
    return None


def note_text(line: str) -> str | None:
    """「○……」 that is not a speaker label → the note text."""
    stripped = line.strip()
    if stripped[:2] in ("○○", "〇〇", "◯◯"):
        return None  # 「○○地区の説明会は…」: a name left out, no mark
    if stripped[:1] in NOTE_MARKS:
        return stripped[1:].strip()
    if stripped[:1] in "→⇒":
        return stripped[1:].strip()
    return None


# Bullets that start a narrative line of their own in the body: 「・委員から…との意見があった。」
BULLETS = "・●◆◇◎▼▽☆★※■□"


_SCHEDULE = re.compile(
    r"^(?:日程第[0-9０-９一二三四五六七八九十]{1,3}[　 ]"
    # 「次回：10月予定」「次回の予定：…」 after the proceedings: a line of its own.
    # 「次回理事会：１０月８日（日）」「次回の会議日程：…」: the body named between them too.
    r"|次回[一-龥々ァ-ヺーの]{0,8}[ 　]*[:：]"
    # 「次回理事会　R6.12.15（日）10:00」「次回教授会　１２月１８日（水）１５時」: the date after a gap
    r"|次回[一-龥々ァ-ヺーの]{0,8}[ 　]+(?:令和|平成|[RHＲＨ][0-9０-９]|[0-9０-９]{1,4}\s*[年月/／.．])"
    # 「結果：２社に絞り込み……」「決定：……」: what was decided, a line of its own
    r"|(?:結果|決定|結論|決議|議決|採決結果|審議結果)[ 　]*[:：]"
    # 「【次回】 7月8日(土) 13:30～」
    r"|[【［\[]次回(?:の予定|の開催|開催予定|開催|日程)?[】］\]]"
    # 「８　議事録署名人　出席した理事長及び監事」 after the proceedings: who signs them
    r"|(?:[0-9０-９]{1,2}[ 　.．、]+)?(?:議事録|会議録)(?:署名人|署名者)[ 　:：]"
    # 「５．次回　令和６年１１月予定」: numbered as the header's fields were
    r"|(?:[0-9０-９一二三四五六七八九十]{1,2}[ 　.．、]+)次回(?:予定|の予定|開催予定|の開催)?[ 　]+"
    r"(?:令和|平成|[0-9０-９]{1,4}\s*[年月/／.．]))"
)


def bullet_text(line: str) -> str | None:
    """「・……」「●……」「日程第１　……」 in the body: a note of its own (the bullet kept)."""
    stripped = line.strip()
    if (stripped[:1] in BULLETS and len(stripped) > 1) or _SCHEDULE.match(stripped):
        return stripped
    if stripped[:1] in CIRCLED and stripped.endswith("。"):
        return stripped  # 「①駐輪場を増やしてほしい。」: a numbered sentence of a summary
    return None


_KANJI_NUMBER = re.compile(r"([〇一二三四五六七八九十]{1,4})(?=\s*(?:年|月|日|時|分|名|人))")
# 「令和6(2024)年」「令和6年(2024年)」 and 「2024(令和6)年」「2024年(令和6年)」: one year, written twice.
_ERA_WITH_WESTERN = re.compile(
    r"(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*"
    r"(?:年\s*[(（]\s*[0-9]{4}\s*年?\s*[)）]|[(（]\s*[0-9]{4}\s*年?\s*[)）]\s*年)"
)
_WESTERN_WITH_ERA = re.compile(
    r"([0-9]{4})\s*"
    r"(?:年\s*[(（]\s*(?:令和|平成|昭和)\s*(?:元|[0-9]{1,2})\s*年?\s*[)）]"
    r"|[(（]\s*(?:令和|平成|昭和)\s*(?:元|[0-9]{1,2})\s*年?\s*[)）]\s*年)"
)
_SLASH_DATE = re.compile(
    r"(?<![0-9])([0-9]{4})\s*([/.\-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})(?![0-9])"
)
# 「R6.5.20」「令和6.5.20」「H22/12/21」: an era's year, month and day with dots or slashes.
_ERA_SLASH_DATE = re.compile(
    r"(?<![A-Za-z0-9])(令和|平成|昭和|R|H|S)\s*(元|[0-9]{1,2})\s*([/.])\s*([0-9]{1,2})\s*\3\s*"
    r"([0-9]{1,2})(?![0-9])"
)
_ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}
# 「Ｈ２２年４月１８日」「R6年度」「H22.」 (a year cut short): the era's first letter for its name.
_ERA_LETTER_YEAR = re.compile(r"(?<![A-Za-z0-9])([RHS])\s*(元|[0-9]{1,2})\s*(?:年|[.](?![0-9]))")


def era_letters(text: str) -> str:
    """「R6年度」「Ｈ２２年」 (NFKC first) → 「令和6年度」「平成22年」."""
    return _ERA_LETTER_YEAR.sub(lambda m: f"{_ERA_LETTERS[m[1]]}{m[2]}年", text)


def plain_numbers(text: str) -> str:
    """NFKC, with kanji numbers before 年/月/日/時/分 in digits, and 2024/5/20, 2024-05-20 and
    R6.5.20 as 2024年5月20日 and 令和6年5月20日:
    「令和六年十一月五日　午後三時四十分」 → 「令和6年11月5日 午後3時40分」."""
    text = nfkc(text)
    if any(c in text for c in "〇一二三四五六七八九十"):
        text = _KANJI_NUMBER.sub(lambda m: str(kanji_number(m[1]) or m[1]), text)
    text = _ERA_WITH_WESTERN.sub(r"\1\2年", text)  # 令和6(2024)年 → 令和6年
    text = _WESTERN_WITH_ERA.sub(r"\1年", text)  # 2024(令和6)年 → 2024年
    text = _ERA_SLASH_DATE.sub(
        lambda m: f"{_ERA_LETTERS.get(m[1], m[1])}{m[2]}年{m[4]}月{m[5]}日", text
    )
    text = era_letters(text)
    return _SLASH_DATE.sub(lambda m: f"{m[1]}年{m[3]}月{m[4]}日", text)


_DECISION = re.compile(
    r"^(?:満場一致|全員一致|賛成多数|(?:全員|出席者全員|出席理事全員)?異議なく|異議なし|全会一致|"
    r"拍手(?:多数)?で|原案(?:の)?とおり)"
)


def decision_line(line: str) -> bool:
    """A bare decision sentence written as its own paragraph."""
    return bool(_DECISION.match(line.strip()))


_CLOSING = re.compile(
    r"^(?:以上.{0,20}(?:散会|閉会|終了|閉じ)\S*|[（(]?以上[）)]?|[（(]了[）)]"
    # 「―了―」「（以上、20:30終了）」
    r"|[-－―ー─\s]*了[-－―ー─\s]*|[（(]以上[、,][^()（）]{0,20}(?:終了|閉会|散会)[)）]"
    # 「以上（記録：堀）」「以上　（文責：事務局）」: the end, with who wrote the record
    r"|以\s*上\s*[（(](?:記録|文責|記録者|作成)\s*[:：]?\s*[^()（）]{1,20}[)）]"
    # 「－以上－」「以　上」「― 以上 ―」
    r"|[-－―ー─〜~\s]*以\s*上[-－―ー─〜~\s]*"
    # 「閉会（午後４時）」「16:00終了」「会議終了」「会議を終了した。」
    r"|(?:散会|閉会|閉議|終了)\s*[（(](?:午前|午後)?\s*[0-9]{1,2}\s*(?:時\s*(?:[0-9]{1,2}\s*分|半)?|:\s*[0-9]{2})[)）]"
    r"|[〔（(［]?[0-9]{1,2}\s*:\s*[0-9]{2}\s*(?:散会|閉会|終了)[〕）)］]?"
    r"|会議(?:を)?終了(?:した|しました)?[。]?"
    # 「８　閉会　１６時００分」「【閉会】午後２時５５分」: the heading, with the time it closed
    r"|(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、]?\s*|[【\[<]\s*)(?:閉会|散会)[】\]>]?\s*"
    # 「３．閉会（午後８時）」: the time in parentheses
    r"(?P<open>[(])?(?:午前|午後)?\s*[0-9]{1,2}\s*"
    r"(?:時\s*(?:[0-9]{1,2}\s*分|半)?|:\s*[0-9]{2})(?(open)[)])"
    # 「議長は、……午後３時２０分閉会を宣した。」: the record of the chair closing the meeting
    # 「……閉会を宣し、議長を退任した。」「……閉会を宣言した。（午前11時40分）」
    r"|[^。「」]{0,80}(?:閉会|散会)(?:を|が)宣(?:言)?(?:され|し)(?:た|、[^。「」]{0,30}た)。"
    r"(?:[（(][^()（）]{1,12}[)）])?"
    # 「議長は、以上で本日の議事をすべて終了した旨を述べ、午後３時２０分閉会した。」
    r"|[^。「」]{0,80}[、,]\s*(?:午前|午後)?\s*[0-9]{1,2}\s*時\s*(?:[0-9]{1,2}\s*分|半)?\s*に?"
    r"(?:閉会|散会)(?:した|しました)。"
    # 「午後８時３０分閉会」「午後８時３０分、閉会した。」
    # 「正午閉会」: noon, in words
    r"|[〔（(［＜<【]?(?:(?:(?:午前|午後)?\s*[0-9]{1,2}\s*時\s*(?:[0-9]{1,2}\s*分|半)?|正午)\s*[、,]?\s*に?\s*)?"
    r"(?:散会|閉会|閉議|閉会した|散会した|終了)[。]?[〕）)］＞>】]?"
    # 「（閉会　午後８時３０分）」: the word, then the time.
    r"|[〔（(［＜<【]?(?:散会|閉会|閉議|終了)[ 　]*(?:正午|(?:午前|午後)?\s*[0-9]{1,2}\s*"
    r"(?:時\s*(?:[0-9]{1,2}\s*分|半)?|:\s*[0-9]{2}))[〕）)］＞>】]?)$"
)


def closing_line(line: str) -> str | None:
    text = nfkc(line).strip()
    if text.endswith(("いたし", "いたしま", "致し", "しま")):
        return None  # 「……本日はこれで散会いたし」 cut at the page's edge: the chair still speaking
    return text if _CLOSING.match(plain_numbers(text)) else None
