"""Header fields of minutes: title line, ■開催日時, ■出席委員, ■事務局 …"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import _wareki
from ._syntax import ENGLISH_OFFICES, TITLES, era_letters, kanji_number, nfkc, plain_numbers, squash

# Field keys as written in the header table, by the field they fill.
HEADER_KEYS: dict[str, str] = {
    "開催日時": "date",
    "開催年月日": "date",
    "会議日時": "date",
    "会議の日時": "date",
    "開会日時": "date",
    "日時": "date",
    "開催日": "date",
    "期日": "date",
    "時間": "date",
    "開催時間": "date",
    # an association's board: 「会議日：……」「会議時間：１９時００分～２０時３０分」
    "会議日": "date",
    "会議時間": "date",
    "開会時刻": "date",
    "開会": "date",
    # A meeting held in writing (書面開催): the days the members had to answer, the first kept.
    "書面開催期間": "date",
    "開催期間": "date",
    "期間": "date",
    "閉会時刻": "end",
    "閉会日時": "end",
    "閉会時間": "end",
    "終了時刻": "end",
    "終了時間": "end",
    "閉会": "end",
    "散会": "end",
    # A board's resolution in writing (決議の省略, 社会福祉法・一般法人法): no meeting, the day the
    # resolution was deemed made is its date; what was resolved and who proposed it are read, not
    # kept.
    "理事会の決議があったものとみなされた日": "date",
    "評議員会の決議があったものとみなされた日": "date",
    "決議があったものとみなされた日": "date",
    "理事会の決議があったものとみなされた事項の内容": "signers",
    "評議員会の決議があったものとみなされた事項の内容": "signers",
    "決議があったものとみなされた事項の内容": "signers",
    "議事録の作成に係る職務を行った理事": "signers",
    "議事録の作成に係る職務を行った者": "signers",
    "提案者": "signers",
    # An election board's or an assembly committee's 「招集年月日」「招集場所」.
    "招集年月日": "date",
    "招集日時": "date",
    "招集場所": "venue",
    # A town or village assembly's header, every key after 「１．」: 「１．招集の場所」「１．応招議員」
    # 「１．不応招議員」 (the members who came to the call, and those who did not).
    "招集の場所": "venue",
    "応招議員": "attendees",
    "不応招議員": "absentees",
    "出席議員数": "attendees",
    # 「１　開会日時」「２　閉会日時」「３　開会場所」: a town assembly committee's record.
    "開会場所": "venue",
    "開催会場": "venue",
    "会議場所": "venue",
    # 「会議の日時」「会議の場所」: the form of a council's (or an assembly committee's) record.
    "会議の場所": "venue",
    "開催場所": "venue",
    "会場": "venue",
    "会場名": "venue",
    "場所": "venue",
    "オンライン出席": "online",
    "出席委員": "attendees",
    "出席構成員": "attendees",
    "出席者数": "attendees",
    "出席委員数": "attendees",
    "出席議員": "attendees",
    "出席者": "attendees",
    "出席者名": "attendees",
    "出席委員名": "attendees",
    "委員出席者": "attendees",
    # A general meeting (総会) of an association: the members present (with proxies), its size.
    "出席正会員数": "attendees",
    "出席会員数": "attendees",
    "出席正会員": "attendees",
    "出席会員": "attendees",
    # A general incorporated association's 社員総会: its members (社員) and those present.
    "社員総数": "signers",
    "出席社員数": "attendees",
    "出席社員": "attendees",
    "議決権を有する社員数": "signers",
    "理事総数": "signers",
    "正会員総数": "signers",
    "会員総数": "signers",
    "会員数": "signers",
    "総会員数": "signers",
    "会員世帯数": "signers",
    "世帯数": "signers",
    # A residents' meeting (自治会の総会) or an owners' (管理組合の総会) counts homes: 「出席世帯
    # ２５世帯（委任状含む）」「出席戸数　３８戸」, and the size of the body beside them.
    "出席世帯": "attendees",
    "出席世帯数": "attendees",
    "出席戸数": "attendees",
    "総世帯数": "signers",
    "総戸数": "signers",
    "組合員総戸数": "signers",
    "議決権総数": "signers",
    "構成員数": "signers",
    # A shopping street's or a co-op's general meeting (振興組合の通常総会): 「組合員総数　４８名」.
    "組合員総数": "signers",
    "組合員数": "signers",
    "出席組合員数": "attendees",
    "出席組合員": "attendees",
    "出席委員等": "attendees",
    # 「出欠状況」 over a roster's table with its column of who came (「役職　氏名　部屋番号　出欠」).
    "出欠状況": "attendees",
    "出席状況": "attendees",
    # 「８　出席した者（傍聴人を除く。）氏名（敬称略）」: the form many cities use for their
    # councils' minutes (会議の公開に関する指針).
    "出席した者（傍聴人を除く。）氏名": "attendees",
    "出席した者（傍聴人を除く）氏名": "attendees",
    "出席した者の氏名": "attendees",
    "出席した者": "attendees",
    "出席者氏名": "attendees",
    # A workshop's or a forum's: 「参加者：地域住民　23名（4グループ）」.
    "参加者": "attendees",
    "参加者数": "attendees",
    "参加人数": "attendees",
    "オブザーバー": "also_attending",
    # A nonprofit's board (理事会): the directors present, and the auditors who attend it.
    "出席理事": "attendees",
    "出席理事数": "attendees",
    # A council's 部会・分科会・幹事会: its own members (部会員, 分科会委員, 幹事).
    "出席部会員": "attendees",
    "出席部会委員": "attendees",
    "出席分科会委員": "attendees",
    "出席幹事": "attendees",
    "欠席部会員": "absentees",
    "欠席部会委員": "absentees",
    "欠席分科会委員": "absentees",
    "欠席幹事": "absentees",
    # An assembly committee's 委員外議員 (the assembly's chair sitting in): no member of it.
    "委員外議員": "also_attending",
    "委員外出席議員": "also_attending",
    # A social welfare corporation's legal header: 「理事現在数　１２名」 (read, not kept).
    "理事現在数": "signers",
    "監事現在数": "signers",
    "評議員現在数": "signers",
    "出席役員": "attendees",
    "出席監事": "also_attending",
    # 「監事：山田」「５　監　事　小林　昭、原田　久美」: a board's auditors, in its header or under
    # its 【議案】 (only with names after it: 「監事　未収金の督促の……」 is an auditor's turn).
    "監事": "also_attending",
    "監査役": "also_attending",
    # A religious corporation's board (責任役員会): its officers and their number.
    "出席責任役員": "attendees",
    "欠席責任役員": "absentees",
    "責任役員総数": "signers",
    # A land improvement district's assembly: who was chosen to chair it (read, not kept).
    "議長選出": "signers",
    # A social welfare council's staff at a district's talk (「社協：地域福祉係　長尾、藤井」).
    "社協": "secretariat",
    "社会福祉協議会": "secretariat",
    # Interpreters at a foreign residents' council: there, no members.
    "通訳": "also_attending",
    # A project team's memo: 「参加：藤井、長谷川、Kim、上野（敬称略）」.
    "参加": "attendees",
    "参加メンバー": "attendees",
    # A company's board (取締役会): its directors present and the corporate auditors.
    "出席取締役": "attendees",
    "出席監査役": "also_attending",
    "欠席取締役": "absentees",
    "欠席監査役": "absentees",
    "取締役総数": "signers",
    "監査役総数": "signers",
    # A social welfare corporation's 理事会 (its legal header): 「３　理事総数及び出席者数」 with
    # 出席理事/欠席理事 under it, 「４　監事の出席」, 「５　その他の出席者」 (the staff).
    "理事総数及び出席者数": "attendees",
    "理事の出席状況": "attendees",
    "評議員総数及び出席者数": "attendees",
    "評議員の出席状況": "attendees",
    "出席評議員": "attendees",
    "欠席評議員": "absentees",
    "出席総代": "attendees",
    "出席総代数": "attendees",
    # A co-op's general assembly, a meeting in writing: sizes and groups (read, not kept).
    "総代定数": "signers",
    "総代総数": "signers",
    "評議員総数": "signers",
    # 「１　会議の方法　書面による審議」「２　資料送付日　……」「３　回答期限　……」: a meeting
    # in writing, dated by the day its papers went out.
    "会議の方法": "signers",
    "開催の方法": "signers",
    "審議の方法": "signers",
    "資料送付日": "date",
    "資料発送日": "date",
    "書類送付日": "date",
    "回答期限": "signers",
    "回答期日": "signers",
    "回答締切": "signers",
    "回答締切日": "signers",
    "意見提出期限": "signers",
    "送付委員": "signers",
    "回答委員": "signers",
    "書面送付先": "signers",
    # Guests and lecturers (read, not kept as members): 「来　賓：……様」「講　師：……氏」.
    "来賓": "signers",
    "講師": "signers",
    "ゲスト": "signers",
    "監事の出席": "also_attending",
    "監事の出席状況": "also_attending",
    "欠席理事": "absentees",
    "欠席監事": "absentees",
    "その他の出席者": "secretariat",
    # A parents' association's: the school's or the nursery's staff who attend it (as a
    # welfare corporation's 施設長 does its board's).
    "園から": "secretariat",
    "園側": "secretariat",
    "園側出席者": "secretariat",
    "学校から": "secretariat",
    "学校側": "secretariat",
    "学校側出席者": "secretariat",
    # 「３　出席者」 over 「委　員：……」「学　校：校長　佐伯　道子、……」: a school council's staff.
    "学校": "secretariat",
    "出席": "attendees",
    # 「３　委員　８名」: only so numbered (「委員　……」 is a turn elsewhere).
    "委員": "attendees",
    "欠席委員": "absentees",
    "欠席構成員": "absentees",
    "欠席議員": "absentees",
    "欠席者": "absentees",
    "欠席": "absentees",
    "事務局出席者": "secretariat",
    # 「五　市出席者　北部支所長　佐々木　昇、…」: the city's staff at a district council.
    "市出席者": "secretariat",
    "市側出席者": "secretariat",
    "区側出席者": "secretariat",
    "県側出席者": "secretariat",
    "町側出席者": "secretariat",
    "村側出席者": "secretariat",
    "区出席者": "secretariat",
    "県出席者": "secretariat",
    "町出席者": "secretariat",
    "行政出席者": "secretariat",
    "出席職員": "secretariat",
    # 「■センター職員　あおば東地域包括支援センター長　工藤　慎也」: the staff of the centres
    # the council oversees, there to answer.
    "センター職員": "secretariat",
    "事務局": "secretariat",
    # 「６　書　　記　　教育総務課主査　谷口　翔」: only so numbered (「書記　……」 is a turn).
    "書記": "secretariat",
    # 「会議録署名委員　田中委員」: who signs the minutes (read, not kept).
    "会議録署名委員": "signers",
    "議事録署名人": "signers",
    "議事録署名者": "signers",
    # 「６　議長　定款第２５条の規定により、会長が議長となった。」: only so numbered.
    "議長": "signers",
    "会議録署名議員": "signers",
    "署名委員": "signers",
    # Whether the meeting was open to the public (read, not kept): 「会議の公開・非公開：公開」.
    "会議の公開・非公開": "signers",
    "公開・非公開の別": "signers",
    "公開・非公開": "signers",
    "会議の公開": "signers",
    "公開の可否": "signers",
    "非公開の理由": "signers",
    "会議の公開・非公開の別": "signers",
    # When and by whom the record was written or published (read, not kept): 「作成日：令和６年
    # ９月２日」 is not the meeting's date.
    "作成日": "signers",
    "作成年月日": "signers",
    "記録作成日": "signers",
    "公開日": "signers",
    "掲載日": "signers",
    "更新日": "signers",
    "作成者": "signers",
    "記録作成者": "signers",
    "担当課": "signers",
    "担当部署": "signers",
    "所管課": "signers",
    "問い合わせ先": "signers",
    "問合せ先": "signers",
    # How it met: 「開催方法：対面及びオンライン（Zoom）」「書面による開催」; an online meeting's
    # venue when no place is given (「開催方法：Ｚｏｏｍによるオンライン会議」).
    "開催方法": "method",
    # A board's vote in writing (書面表決): the day the votes were counted, how, and who voted.
    "表決の期日": "date",
    "表決期日": "date",
    "議決の期日": "date",
    "表決の方法": "method",
    "議決の方法": "method",
    "表決者": "attendees",
    "表決者数": "attendees",
    "開催形式": "method",
    "会議形式": "method",
    "会議の形式": "method",
    # Who chaired and who wrote the minutes down (read, not kept): 「司会：事務局　佐藤」.
    "記録者": "signers",
    "議事録作成者": "signers",
    "進行": "signers",
    "行政": "secretariat",
    # 「区役所　区長、地域振興課長、…」「区役所：地域振興課　寺田」: the ward office's (the city's,
    # the town's) staff at a ward council or a district's meeting.
    "区役所": "secretariat",
    "市役所": "secretariat",
    "町役場": "secretariat",
    "村役場": "secretariat",
    # Who sat in without being a member (陪席): the staff.
    "陪席者": "secretariat",
    "陪席": "secretariat",
    # A condominium's board: the management company's staff, who keep its records.
    "管理会社": "secretariat",
    "参加団体": "attendees",
    "文責": "signers",
    "ファシリテーター": "signers",
    "進行役": "signers",
    "主催": "signers",
    # Who ran a workshop or an event with it (read, not kept): 「運営：……協議会、市都市計画課」.
    "運営": "signers",
    "運営団体": "signers",
    "共催": "signers",
    "後援": "signers",
    "主催・事務局": "signers",
    "記録": "signers",
    "司会者": "signers",
    "司会": "signers",
    "傍聴者": "observers",
    "傍聴者数": "observers",
    "傍聴人数": "observers",
    "傍聴人の数": "observers",
    "傍聴者の数": "observers",
    "傍聴の有無": "observers",
    "傍聴人": "observers",
    "傍聴": "observers",
}
_TIME_KEYS = ("開会", "閉会", "散会")
_NUMBERED_ONLY_KEYS = ("委員", "議長", "書記")
# Keys that are also speakers' labels: a field only when numbered, spaced, marked or followed by
# names alone.
_ROSTER_ONLY_KEYS = ("監事", "監査役")
# 「山田」「小林　昭、原田　久美」「中西（員外）」: family names, or a family and a given name apart.
_ROSTER_NAME = r"[一-龥々ヶ]{1,4}(?:[ 　]+[一-龥々ヶぁ-んァ-ヺー]{1,5}|[一-龥々ヶ]{0,3})(?:[(（][^()（）]{1,8}[)）])?"
_ROSTER_ONLY = re.compile(rf"(?!出席|欠席){_ROSTER_NAME}(?:[ 　]*[、,，・][ 　]*{_ROSTER_NAME})*")
_KEY_ALT = "|".join(
    r"[ 　]*".join(re.escape(c) for c in key) for key in sorted(HEADER_KEYS, key=len, reverse=True)
)
# 「出席委員（敬称略）：」: a remark on the list between the key and its value.
# 「出席社員数（委任状含む）」: the count's remark (the proxies are counted on a line of their own).
_REMARK = r"(?:[(（](?:敬称略|順不同|五十音順|名簿順|役職順|委員|構成員|委任状|書面)[^)）]{0,12}[)）][ 　]*)?"
_FIELD = re.compile(
    rf"^[ 　]*(?P<bullet>[■□◆◇●◎・○◯〇])?[ 　]*[【\[［〔]?[ 　]*(?P<num>(?:[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}})[.．、]?[ 　]*|[（(][0-9０-９]{{1,2}}[)）][ 　]*|[①-⑳][ 　]*)?"
    rf"(?P<key>{_KEY_ALT})[】\]］〕]?[ 　]*{_REMARK}(?P<sep>[：:;；]|　| +(?=\S)|$|(?<=[】\]］〕])|(?=[（(][0-9０-９一二三四五六七八九十]+[ 　]*(?:名|人))|(?=[（(](?:なし|無し)[)）]$))[ 　]*(?P<value>.*)$"
)


# 「出席者（事務局）」 after 「出席者（委員）」: the secretariat's list.
_STAFF_ATTENDING = re.compile(
    r"^[■□◆◇●◎・○]?\s*(?:[0-9]{1,2}[.、]?\s*)?出席者?\s*[(（]\s*(?:事務局|職員|市側|市|県|行政|説明員)"
    r"\s*[)）]\s*[:：]?\s*(?P<value>.*)$"
)


@dataclass(frozen=True)
class Field:
    name: str  # one of HEADER_KEYS' values
    value: str
    key: str = ""  # the key as written, spaces squashed


def header_field(line: str, need_mark: bool = False) -> Field | None:
    """「■事 務 局：……」 → Field("secretariat", "……").

    Without a ■ bullet a colon or full-width space must follow the key, so
    that ordinary prose is not taken for a field.
    """
    staff = _STAFF_ATTENDING.match(nfkc(line).strip())
    if staff:
        return Field("secretariat", staff["value"].strip())  # 「出席者（事務局）」
    match = _FIELD.match(line)
    if not match:
        return None
    after_key = match.group(0)[match.end("key") : match.end("key") + 1]
    bracketed = bool(after_key) and after_key in "】]］〕"
    # 「出席委員（５名）」「欠席委員（なし）」: the count or none in parentheses after the key.
    counted = match["sep"] == "" and match["value"].startswith(("(", "（"))
    numbered = bool(match["num"])  # 「３．出席者」 with the names on the next line
    # 「出席委員」 alone on its line, the roster below it.
    bare = not match["value"].strip() and HEADER_KEYS[squash(match["key"])] in (
        "attendees",
        "absentees",
        "observers",
    )
    if not (match["bullet"] or bracketed or counted or numbered or bare) and (
        need_mark or match["sep"] == ""
    ):
        return None
    if squash(match["key"]) in _TIME_KEYS and not match["value"].strip():
        return None  # 「１　開会」 is an agenda item, 「開会　午後６時」 a field
    # 「議　長：学部長　河合」: a key spaced out to the header's column, and its colon, is no
    # speaker's label (「委　　員　　鈴木　一郎」 a roster's line).
    spaced = len(match["key"]) > len(squash(match["key"])) and match["sep"] in (":", "：")
    # 「議長：学部長　森田　誠一」: a title and a name after the colon, no one's words.
    staffed = match["sep"] in (":", "：") and _titled_name(match["value"])
    if squash(match["key"]) in _NUMBERED_ONLY_KEYS and not (
        numbered or spaced or staffed or match["bullet"]
    ):
        return None
    if squash(match["key"]) in _ROSTER_ONLY_KEYS and not (
        numbered or spaced or match["bullet"] or _ROSTER_ONLY.fullmatch(match["value"].strip())
    ):
        return None
    field, value = HEADER_KEYS[squash(match["key"])], match["value"].strip()
    company = re.match(r"管理会社[ 　:：]+(?P<rest>\S.*)$", value) if field == "attendees" else None
    if company:
        # 「出席者　管理会社　……株式会社　フロント担当　吉川　亮」: the management company's staff
        # attended, no member of the body (its secretariat, as under the key 「管理会社」).
        return Field("secretariat", company["rest"], squash(match["key"]))
    return Field(field, value, squash(match["key"]))


def _titled_name(value: str) -> bool:
    """「学部長　森田　誠一」「学務係長　上原　由美」: a post, then a name apart from it."""
    value = nfkc(value).strip()
    if not value or len(value) > 30 or re.search(r"[。、,!?！？]", value):
        return False
    person, title = split_staff(value)
    return bool(person and title) and (" " in value) and title.endswith(STAFF_TITLES)


# ------------------------------------------------------------------ title

STATUSES = ("未定稿", "確定稿", "確定版", "暫定稿", "修正稿", "素案", "案")
_STATUS = re.compile(
    r"^(?P<title>.*?)[ 　]*[(（][ 　]*(?P<status>" + "|".join(STATUSES) + r")[ 　]*[)）]$"
)
TITLE_WORDS = (
    "会議録",
    "議事録",
    "議事要旨",
    "会議要旨",
    "会議要録",
    "会議記録",
    "会議概要",
    "議事概要",
    "速記録",
    "会議の記録",
    "会議結果",
    "議事の概要",
    "会議の概要",
    "議事要録",
    "議事録要旨",
    "結果概要",
    "開催結果",
    "審議結果",
)
# A title that names only the body and the sitting: 「第１２回　ひかり市環境審議会」.
_SITTING = re.compile(
    r"(?:第[0-9一二三四五六七八九十百]{1,4}回|定例会|臨時会|総会)"
    r"|(?:会議|委員会|審議会|協議会|部会|分科会|懇談会|懇話会|検討会|研究会|推進会議|総会)"
    r"(?:第[0-9一二三四五六七八九十]{1,3}号)?$"
)
# 「2019年(令和元年)度」「令和元年(2019年)度」: both years, 度 after the parenthesis.
_FISCAL_WESTERN = re.compile(
    r"[(]([0-9]{4})[)]\s*年度|([0-9]{4})\s*年\s*(?:[(](?:令和|平成|昭和)\s*(?:元|[0-9]{1,2})\s*年[)]\s*)?度"
)
_FISCAL_ERA = re.compile(
    r"(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*(?:[(][0-9]{4}[)]\s*年度|年\s*(?:[(][0-9]{4}\s*年[)]\s*)?度)"
)
_MEETING_NUMBER = re.compile(r"第\s*([0-9]{1,3})\s*回")


def is_title(line: str) -> bool:
    text = squash(nfkc(line))
    if text.startswith(("※", "*", "注")) or (text.endswith("。") and len(text) > 40):
        return False  # 「※本記録は、……議事録を……入力したものです。」: a note on the record
    return (
        any(word in text for word in TITLE_WORDS)
        or bool(_BODY_RECORD.search(text))
        or text.startswith(("【記録】", "【会議記録】", "【議事メモ】"))  # 「【記録】 青葉小PTA …」
    ) and len(text) <= 120


# An assembly's 「全員協議会記録」「予算特別委員会記録（第２日）」: the body's name, then 記録.
_BODY_RECORD = re.compile(
    r"(?:委員会|協議会|審議会|部会|分科会|総会|定例会|臨時会|懇談会|検討会)記録"
    r"(?:\(第[0-9一二三四五六七八九十]{1,2}(?:日|号)\))?$"
)


def is_sitting(line: str) -> bool:
    """「第１２回　ひかり市環境審議会」: no 会議録 word, but the body and the sitting."""
    text = squash(nfkc(line))
    return 4 <= len(text) <= 60 and "。" not in text and bool(_SITTING.search(text))


_DATE_REST = re.compile(
    r"[(（][月火水木金土日](?:曜日?)?[)）]|[月火水木金土日]曜日|"
    r"(?:午前|午後)?[0-9]{1,2}(?:時(?:[0-9]{1,2}分|半)?|:[0-9]{2})|正午|"
    r"開会|開議|開催|開始|閉会|散会|於|から|まで|[~〜～\-－ー―、,\s]"
)


def _dated(line: str, longest: int) -> tuple[str, int, int] | None:
    """The line (numbers plain) and where its first date starts and ends, when it has one and is
    no longer than ``longest``."""
    text = plain_numbers(line).strip()
    if len(text) > longest:
        return None
    try:
        found = _wareki.find_date(text)
    except (ValueError, KeyError):
        return None
    return (text, found[1], found[2]) if found else None


def date_line(line: str) -> bool:
    """A header line that is a date and little else: 「令和５年１０月３日（火曜日）」."""
    dated = _dated(line, 60)
    if dated is None:
        return False
    text, start, end = dated
    return len(_DATE_REST.sub("", text[:start] + text[end:])) <= 6


# Where a meeting is held: the end of a place's name.
_PLACE = re.compile(
    r"(?:会議室|委員会室|議場|ホール|講堂|集会室|会議場|公民館|会館|庁舎|市役所|町役場|村役場|区役所|"
    r"センター|事務所|研修室|多目的室|和室|ルーム|[0-9]+階)(?:[ 　][^\s。、]{1,20})?$"
)


def date_and_place(line: str) -> tuple[str, str] | None:
    """「令和６年１０月３日（木）１４：００～１６：００　ひかり市役所　第１会議室」: the date and
    times, then the place, on one line → (the date's part, the place)."""
    dated = _dated(line, 80)
    if dated is None:
        return None
    text, start, end = dated
    if _DATE_REST.sub("", text[:start]):
        return None  # something before the date: not a date line
    while match := _DATE_REST.match(text, end):
        if match.end() == end:
            break
        end = match.end()
    place = text[end:].strip()
    if not place or "。" in place or not _PLACE.search(place):
        return None
    return text[:end].strip(), place


@dataclass(frozen=True)
class Title:
    title: str
    status: str | None
    fiscal_year: int | None
    meeting_number: int | None


_KANJI_COUNTED = re.compile(r"(令和|平成|昭和|第)([元一二三四五六七八九十]{1,3})(年度|回)")


def parse_title(line: str) -> Title:
    """「平成２２（2010）年度第９回運営委員会会議録（確定稿）」 → Title."""
    text = nfkc(line).strip()
    status = None
    match = _STATUS.match(text)
    if match:
        text, status = match["title"].strip(), match["status"]
    fiscal_year = None
    # 「令和六年度第三回」: the year and the sitting in kanji numbers (read, the title kept so).
    counted = _KANJI_COUNTED.sub(lambda m: f"{m[1]}{kanji_number(m[2]) or m[2]}{m[3]}", text)
    western = _FISCAL_WESTERN.search(counted)
    era = _FISCAL_ERA.search(era_letters(counted))
    if western:
        fiscal_year = int(western.group(1) or western.group(2))
    elif era:
        fiscal_year = _wareki.era_year_to_gregorian(era.group(1), era.group(2))
    number = _MEETING_NUMBER.search(counted)
    return Title(text, status, fiscal_year, int(number.group(1)) if number else None)


# -------------------------------------------------------------- date/time

_TIME = re.compile(
    r"(?P<ampm>午前|午後)?\s*(?:(?P<noon>正午)|(?P<h>[0-9]{1,2})\s*(?:時\s*(?:(?P<m>[0-9]{1,2})\s*分|(?P<half>半))?|:\s*(?P<mm>[0-9]{2})))"
)
_CLOSED = re.compile(r"閉会|散会|閉議|終了")
# 「午後２時から同３時３０分まで」: 同 for the same 午前/午後.
_RANGE_SEP = re.compile(r"^\s*(?:~|〜|～|－|-|ー|―|から)\s*(?:同\s*)?")


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    ampm: str | None


def _clock(match: re.Match[str]) -> _Clock:
    if match["noon"]:
        return _Clock(12, 0, "午後")
    minute = int(match["m"] or match["mm"] or (30 if match["half"] else 0))
    return _Clock(int(match["h"]), minute, match["ampm"])


def _to_time(clock: _Clock, ampm: str | None) -> dt.time:
    hour = clock.hour
    if ampm == "午後" and hour < 12:
        hour += 12
    if ampm == "午前" and hour == 12:
        hour = 0
    return dt.time(hour, clock.minute)


def parse_when(value: str) -> tuple[dt.date | None, dt.time | None, dt.time | None]:
    """「平成２３年１月１８日（火） 午後７時～９時」 → date, start, end.

    Raises ValueError for impossible dates and times.
    """
    text = plain_numbers(value)
    found = _wareki.find_date(text)
    day = found[0] if found else None
    rest = text[found[2] :] if found else text
    start_match = _TIME.search(rest)
    if not start_match:
        return day, None, None
    start_clock = _clock(start_match)
    start = _to_time(start_clock, start_clock.ampm)
    end = None
    after = rest[start_match.end() :]
    sep = _RANGE_SEP.match(after)
    if sep:
        end_match = _TIME.match(after[sep.end() :].lstrip())
        if end_match:
            end_clock = _clock(end_match)
            # 「午後７時～９時」: the end shares the start's 午前/午後.
            end = _to_time(end_clock, end_clock.ampm or start_clock.ampm)
            if end_clock.ampm is None and end < start and end.hour < 12:
                end = dt.time(end.hour + 12, end.minute)
    elif _CLOSED.search(after):
        # 「午後２時開会　午後４時閉会」: the second time is the end.
        end_match = _TIME.search(after)
        if end_match:
            end_clock = _clock(end_match)
            end = _to_time(end_clock, end_clock.ampm or start_clock.ampm)
    return day, start, end


_MONTH_DAY = re.compile(r"(?<![0-9年])(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日")
_TITLE_YEAR = re.compile(
    r"(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*年(?!度)|(?<![0-9])([0-9]{4})\s*年(?!度)"
)


def undated_day(value: str, title: str, fiscal_year: int | None) -> dt.date | None:
    """「２月８日（木）」 with no year, under a title that gives it: 「令和５年度第３回…」 (a
    fiscal year: January to March are in the next calendar year) or 「令和６年第２回…」."""
    text = plain_numbers(value)
    if _wareki.find_date(text) is not None:
        return None
    match = _MONTH_DAY.search(text)
    if match is None:
        return None
    month, day = int(match["month"]), int(match["day"])
    if fiscal_year is not None:
        year = fiscal_year + 1 if month <= 3 else fiscal_year
    else:
        named = _TITLE_YEAR.search(plain_numbers(title))
        if named is None:
            return None
        if named[3]:
            year = int(named[3])
        else:
            year = _wareki.era_year_to_gregorian(named[1], named[2])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ------------------------------------------------------------ people lists

# The words after the count to the bracket's end only when a bracket opened before it: 「１８名、
# 井坂　昭夫、…」 keeps its names.
_COUNT = re.compile(
    r"(?P<open>[<＜(（〈])?\s*(?:以上|計|合計)?\s*([0-9]{1,3})\s*(?:名|人)"
    r"(?(open)[^<>＜＞()（）〈〉]{0,20}[>＞)）〉]?|)"
)
_MEMBER_SUFFIXES = (
    "君",
    "さん",
    "様",
    "氏",
    "座長代理",
    "構成員",
    "部会長代理",
    "会長代理",
    "委員長代理",
    # a nonprofit's or an association's board: 「竹中理事長、荒井副理事長、内海理事」
    "副理事長",
    "理事長",
    "理事",
    "評議員",
    "監事",
    "会計",
    "副委員長",
    "委員長",
    "委員",
    "副分科会長",
    "分科会長",
    "副部会長",
    "部会長",
    "部会員",
    "幹事長",
    "幹事",
    "副会長",
    "会長",
    "副座長",
    "座長",
)
_NAME_THEN_ROLE = re.compile(
    r"^\s*(?P<name>[一-龥々ヶ]{1,4}\s[一-龥々ヶぁ-ゖァ-ヺー]{1,5}?)(?:"
    + "|".join(s for s in _MEMBER_SUFFIXES if len(s) > 1)
    + r"|理事長|理事|監事|議長)\s*$"
)
# A part of a roster that counts or names a group rather than a person: 「委員8名」「定足数30名」
# (any count), 「委員」「事務局」 (a group's word alone, its remark in parentheses aside).
_COUNTED = re.compile(r"[0-9]+\s*(?:名|世帯)")
COUNTED = re.compile(r"[0-9]+\s*(?:名|人)")  # a part that is only a count
_GROUP_WORD = re.compile(
    r"(?:委員|理事|監事|役員|事務局|構成員|職員|議員|会員|正会員|オブザーバー|住民|地域住民|市民|"
    r"区民|町民|参加者|一般参加者|出席|本人出席|委任状|議決権行使書|"
    # a group by its kind of member: 「協力隊員３名」「部会員１８名」「団員５名」 (「工藤部会員」 is one
    # member by name)
    r"(?:地域おこし)?(?:協力)?隊員|部会員|部員|団員|組合員)?"
)
_PARENTHESES = re.compile(r"[(（][^)）]*[)）]")
# 「組合員総数５６名中、」: the body's size, 中 and its comma with it.
_TOTAL = re.compile(
    r"[^\s、,，()（）]{0,6}(?:総数|定数|定員)\s*[0-9]{1,3}\s*(?:名|人)(?:\s*中\s*[、,，]?)?"
)
_COUNTED_GROUP = re.compile(
    # 「出席者数６名」: how many came, no one named
    r"[^\s、,，()（）:：]{0,8}(?:委員|理事|役員|会員|職員|議員|構成員|出席者|出席)数?"
    r"(?=\s*[0-9]{1,3}\s*(?:名|人))"
    # 「利用団体　１４団体　１８名」: the groups that came, counted
    r"|[^\s、,，()（）:：]{0,8}団体\s*[0-9]{1,4}\s*団体(?=\s*[0-9]{1,4}\s*(?:名|人))"
)
# 「山本 一郎(会長)」: a member's role after the name.
_ROLE_AFTER = re.compile(
    r"\s*[(（][^()（）]{0,8}?(?:"
    + "|".join(_MEMBER_SUFFIXES)
    + r"|職務代理者|議長|副議長|センター長|事務局長|コーディネーター|理事|監事|理事長)[)）]\s*$"
)
# A roster line 「委員長　山本一郎」: the role before the name.
_ROLE_PREFIX = re.compile(
    r"^(?:副?委員長|副?会長|副?部会長|部会員|副?議長|委員|会長代理|副?理事長|理事|監事)\s+(?=\S)"
)
_LIST_REMARK = re.compile(
    r"[(（][^()（）]*(?:敬称略|順不同|順序不同|五十音順|名簿順|役職順)[^()（）]*[)）]"
)
_OF_WHOM = re.compile(
    r"[^\s、,，()（）:：0-9]{0,8}?[0-9]+\s*名\s*中\s*(?P<present>[0-9]+)\s*名\s*(?:出席)?"
)
# 「……ほか１１名」「……ほか班長８名（名簿別紙）」「……外３名」: the others, counted.
_OTHERS_COUNTED = re.compile(
    r"[\s、,，]*(?:(?:ほか|他)\s*[^\s0-9、,，()（）:：]{0,6}?|外)\s*(?P<n>[0-9]{1,3})\s*(?:名|人)"
    r"\s*(?:[(（][^()（）0-9]*[)）])?\s*$"
)
_OFFICERS_COUNTED = re.compile(
    r"(?:^|[、,，])\s*[^\s、,，()（）:：0-9]{0,6}長\s*(?P<n>[0-9]{1,3})\s*(?:名|人)\s*(?=$|[、,，])"
)
_MEMBERS_COUNTED = re.compile(
    # (after a comma, or glued to the line above's closing parenthesis)
    r"(?:[、,，]|(?<=[)）]))\s*(?:部会員|会員|正会員|委員|理事|役員|団員|(?:協力)?隊員)\s*"
    r"(?P<n>[0-9]{1,3})\s*(?:名|人)\s*$"
)
_EACH = re.compile(r"(?P<names>[^、,]+?[・･][^、,]+?)の各(?:委員|理事|役員|構成員|議員)$")
_NONE_WORDS = ("なし", "無し", "ナシ", "0名", "-", "－", "―")
# 「別紙のとおり」「名簿参照」: the names are elsewhere, not here.
_ELSEWHERE = re.compile(r"^(?:別紙|別添|名簿|資料)[^、,]{0,10}(?:のとおり|の通り|参照|による)")
_NAMES_IN_PARENTHESES = re.compile(
    r"(?:委員|出席者|理事|構成員|[^\s、,，()（）:：]{1,8}(?:委員長|部長|班長|役員))?"
    r"\s*[(（](?P<names>[^()（）]+[、,，][^()（）]+)[)）]"
)


def _spaced_name(text: str) -> str:
    """「青　木　　一　郎」 (each character spaced, two spaces between family and given name) →
    「青木 一郎」; 「佐々木　　健」 → 「佐々木 健」; 「中島　敏夫」 (one space, not every character
    spaced) → 「中島 敏夫」."""
    tokens = text.split()
    if not re.search(r"\s{2,}", text.strip()) and any(len(token) > 1 for token in tokens):
        return " ".join(tokens)
    words = [re.sub(r"\s", "", word) for word in re.split(r"\s{2,}", text.strip())]
    return " ".join(word for word in words if word)


def _offices_only(text: str) -> bool:
    """「会長・副会長・会計・各クラス委員（ひよこ、りす）」: offices (the groups they stand for in
    parentheses), no one named."""
    parts = [p.strip() for p in re.split(r"[・･、,，]", _PARENTHESES.sub("", text)) if p.strip()]
    return bool(parts) and all(
        part in _OFFICES or re.fullmatch(r"各\S{1,8}(?:長|委員|役員)", part) for part in parts
    )


_AFFILIATION_AFTER_ROLE = re.compile(
    r"(?P<who>(?<![^、,，\s])(?P<name>[^、,，\s()（）]{1,10}?)"
    r"(?:副委員長|委員長|副会長|部会長|会長|委員|理事長|理事|監事|幹事))"
    r"[(（](?P<where>(?!オンライン|ウェブ|Web|WEB|リモート|欠席|遅|早|以上)[^()（）、,，0-9０-９]{2,15})[)）]"
    r"(?=$|[、,，\s])"
)
_TOTAL_AT_END = re.compile(r"[(（]\s*(?:合計|総計|計)\s*(?P<n>[0-9]{1,4})\s*(?:名|人)\s*[)）]$")
_HOUSEHOLDS = re.compile(r"(?P<n>[0-9]{1,4})\s*世帯")
# A residents' or owners' meeting counts homes (世帯) or dwellings (戸), never people.
_HOMES = r"(?:世帯|戸)"
_HOME_COUNT = re.compile(
    rf"(?P<group>[^\s0-9、,，()（）:：]{{0,8}}?)\s*(?P<n>[0-9]{{1,4}})\s*{_HOMES}"
)
# 「会員１２０世帯中」「総戸数５２戸のうち」「全１２０世帯、」: the body's size, not who came.
_HOMES_IN_ALL = re.compile(
    rf"(?:^|(?<=[\s、,，(（]))[^\s0-9、,，()（）]{{0,8}}?(?:全|総数|総戸数|数)?\s*[0-9]{{1,4}}\s*{_HOMES}"
    r"\s*(?:中|のうち)\s*[、,，]?"
    rf"|(?:^|(?<=[\s、,，(（]))(?:全|総数|総戸数)\s*[0-9]{{1,4}}\s*{_HOMES}\s*[、,，]?"
)
# What a count of homes may say beside it: 「（委任状含む）」「（うち委任状１２戸、議決権行使書９戸）」
# 「（会則第１５条により成立）」; who attended in person and by proxy are parts of the count.
_HOME_REMARK = re.compile(r"[(（][^()（）]*[)）]")
_HOME_PARTS = re.compile(r"本人出席|出席|委任状(?:提出)?|議決権行使書|書面(?:表決|議決)?|代理人?|")


def homes_counted(text: str) -> int | None:
    """How many homes a residents' meeting (自治会, 管理組合) counted as attending: 「２５世帯（委任
    状含む）」 25, 「出席４８世帯、委任状３５世帯」 83 (those by proxy attend too), 「３８戸（うち委任状
    １２戸）」 38; None when the text names people or counts anything else (「委員１０名」)."""
    text = _HOMES_IN_ALL.sub(" ", nfkc(text)).strip(" 、,，")
    # 「１３２世帯（内訳）本人出席　４８世帯……」: the total, then how it breaks down
    text = re.sub(r"[\s、,，]*[(（]?内訳[)）]?.*$", "", text)
    text = _HOME_REMARK.sub(" ", text).strip(" 、,，")
    text = re.sub(r"(?<=[^\s0-9、,，])\s+(?=[0-9])", "", text)  # 「委任状　５１世帯」
    if not text or re.search(r"[0-9]\s*(?:名|人)", text):
        return None
    parts = [part for part in re.split(r"[、,，\s]+", text) if part]
    total = _HOMES_TOTAL.fullmatch(parts[-1]) if len(parts) > 1 else None
    if total is not None:
        parts = parts[:-1]  # 「出席５２世帯、委任状８９通　計１４１」: the sum, written
    counted = [_HOME_COUNT.fullmatch(part) or _PROXY_FORMS.fullmatch(part) for part in parts]
    if not counted or not all(
        match is not None and _HOME_PARTS.fullmatch(match["group"]) for match in counted
    ):
        return None
    if not any(match is not None and _HOME_COUNT.fullmatch(match[0]) for match in counted):
        return None  # 「委任状８９通」 alone: forms, no homes
    if total is not None:
        return int(total["n"])
    return sum(int(match["n"]) for match in counted if match is not None)


_HOMES_TOTAL = re.compile(rf"(?:合計|総計|計)\s*(?P<n>[0-9]{{1,4}})\s*(?:{_HOMES})?")
# 「委任状８９通」: the proxies by the forms handed in, each a home.
_PROXY_FORMS = re.compile(
    r"(?P<group>委任状(?:提出)?|議決権行使書|書面(?:表決|議決)?)\s*(?P<n>[0-9]{1,4})\s*(?:通|枚|件)"
)


def _without_affiliation(match: re.Match[str]) -> str:
    if match["name"] in ("副", "各", "総", "全", "前", "元", "新"):
        return match.group()  # 「副会長（高木・小川）」: the role whole, its holders named
    return match["who"]


_OCR_SPACED_NAME = re.compile(
    r"(?<![^\s、,，(（])[一-龥々ぁ-ゖァ-ヺ](?: [一-龥々ぁ-ゖァ-ヺ]){2,}(?![^\s、,，()（）])"
)


def split_people(value: str) -> tuple[list[str], int | None]:
    """「有賀委員、…＜以上１２名、五十音順＞」 → (["有賀", …], 12)."""
    text = collapse_titles(nfkc(value).strip())
    # 「小 林 一 夫（委員長）、酒 井 隆」: a scan read by OCR, a space after every character of a
    # name (three characters at least: 「佐藤 一郎」 keeps its gap).
    text = _OCR_SPACED_NAME.sub(lambda name: name.group(0).replace(" ", ""), text)
    # 「（五十音順・敬称略）」 anywhere: a remark on the list, not a name's part.
    text = _LIST_REMARK.sub(" ", text).strip()
    # 「森田委員長（教務部長）」「岡委員（外部・弁護士）」: a name, the role, then where the member
    # comes from (「会長（松本）」「副会長（高木・小川）」 name the holder: no name before the role).
    text = _AFFILIATION_AFTER_ROLE.sub(_without_affiliation, text)
    total = _TOTAL_AT_END.search(text)
    if total and not _TOTAL_COUNT.search(text[: total.start()]):
        # 「会長、副会長２名、会計、各部長４名（計８名）」: offices, some counted, and the total.
        rest = text[: total.start()].strip(" 、,，")
        names = [n for n in split_people(rest)[0] if not COUNTED.search(n)] if rest else []
        return names, int(total["n"])
    # 「１３２世帯（内訳）本人出席４８世帯　委任状５１世帯……」: the total, then its parts
    households = _HOUSEHOLDS.fullmatch(re.sub(r"[\s、,]*[(（]内訳[)）].*$", "", text))
    if households:
        # 「出席者数　１３２世帯」: a residents' meeting counts homes
        return [], int(households["n"])
    homes = homes_counted(text)
    if homes is not None:
        # 「２５世帯（委任状含む）」「３８戸（うち委任状１２戸）」「出席４８世帯、委任状３５世帯」
        return [], homes
    # 「CEO 佐藤 健一、Director Emily Carter」: an office in English before the name.
    text = _ENGLISH_OFFICE_BEFORE.sub("", text)
    # 「ベトナム語　佐々木、タガログ語　高橋」: interpreters, by the language they interpret.
    text = re.sub(r"(?:^|(?<=[、,，]))[ 　]*[一-龥ァ-ヺー]{1,8}語[ 　]+(?=\S)", "", text)
    others = _OTHERS_COUNTED.search(text)
    if others and others.start() > 0 and len(_COUNT.findall(text)) == 1:
        # 「会長　石田　浩、副会長　中野　久美子、ほか１１名」「部会長ほか１４名」: ほか counts
        # those not named, so the named (or the offices, when no one is named) come on top.
        rest = text[: others.start()].strip(" 、,，")
        names = split_people(rest)[0]
        named = len(names) or len([part for part in re.split(r"[、,，]", rest) if part.strip()])
        return names, named + int(others["n"])
    count = None
    groups = [_COUNTED_PART.fullmatch(p.strip()) for p in re.split(r"[、,，]", text) if p.strip()]
    if (
        len(groups) >= 2
        and all(groups)
        and not any(_NOT_ATTENDING.search(group["group"]) for group in groups)
        and not _TOTAL_COUNT.search(text)
    ):
        # 「役員８名、会員１４名」: each group that came counted, no one named; all of them came.
        return [], sum(int(group["n"]) for group in groups)
    attending = _OF_WHOM.search(text)
    if attending:
        # 「委員１２名中１０名出席」「理事２２名中１８名出席（委任状２名を含む）」: ten came; any
        # names beside it are still read.
        rest = text[: attending.start()] + text[attending.end() :]
        rest = re.sub(
            r"[(（][^()（）]*[0-9]+\s*名[^()（）]*[)）]|[(（]\s*[、,]|[(（]\s*[)）]", "", rest
        ).strip(" 、,")
        return (split_people(rest)[0] if rest else []), int(attending["present"])
    each = _EACH.fullmatch(text)
    if each:
        text = re.sub(r"[・･]", "、", each["names"])  # 「青木・石井・上田の各委員」
    kanji = re.search(
        r"[<＜(（〈]?\s*(?:以上|計|合計)?\s*([一二三四五六七八九十]{1,3})\s*(?:名|人)\s*[>＞)）〉]?",
        text,
    )
    if kanji and kanji_number(kanji.group(1)) is not None:
        count = kanji_number(kanji.group(1))
        text = (text[: kanji.start()] + text[kanji.end() :]).strip(" 、")
    # 「理事総数　１０名　出席理事　８名」: the board's size is not who came.
    text = _TOTAL.sub(" ", text)
    # 「部会長　小野寺　健、副部会長　白石　由香、部会員　１８名」: the officers named, then the
    # members counted (all of them came): as 「分団長８名」 below.
    members = _MEMBERS_COUNTED.search(text)
    if members and count is None and members.start() > 0:
        rest = (text[: members.start()] + text[members.end() :]).strip(" 、,，")
        if rest and not _COUNT.search(rest) and not _COUNTED_GROUP.search(rest):
            names = split_people(rest)[0]
            if names:
                return names, len(names) + int(members["n"])
    # 「実行委員18名」「運営委員１０名」: a group counted, no one named (not 「実行」).
    text = _COUNTED_GROUP.sub("", text)
    total = re.search(r"(?:合計|総計|計)\s*(?P<n>[0-9]{1,4})\s*(?:名|人)$", text)
    if total and _offices_only(text[: total.start()]):
        # 「会長・副会長・会計・各クラス委員（ひよこ、りす、…）計9名」: offices and the classes
        # they stand for, no one named; the total is who came. 「会長（松本）、副会長（高木・小川）、
        # 理事（上野、渡部）計５名」: the offices' holders named in parentheses, family names.
        held = split_people(text[: total.start()].strip(" 、,，"))[0]
        if held and all(re.fullmatch(r"[一-龥々]{1,5}", name) for name in held):
            return held, int(total["n"])
        return [], int(total["n"])
    total = _TOTAL_COUNT.search(text)
    if total and len(_COUNTED.findall(text)) >= 2:
        # 「本人出席　58名、委任状提出　187名、計245名」: the parts counted, and their sum.
        return [], int(total["n"])
    officers = _OFFICERS_COUNTED.search(text)
    if officers and count is None:
        # 「団長　松本　勇、副団長　長島　聡、分団長８名」「会長（岩崎）、…、班長4名」: the officers
        # named, then more counted by their office; all of them came.
        rest = (text[: officers.start()] + text[officers.end() :]).strip(" 、,，")
        if not _COUNT.search(rest):
            names = split_people(rest)[0] if rest else []
            return names, len(names) + int(officers["n"])
    groups = _named_and_counted(text) if count is None else None
    if groups is not None:
        # 「監督（石井）、コーチ2名、保護者18名」: one named, the others counted by their group.
        named, counted = groups
        names = split_people("、".join(named))[0]
        return names, len(names) + counted
    match = _COUNT.search(text)
    if match:
        count = int(match.group(2))
        # 「（１５名）：西村 隆一、…」: the count between the key and its colon
        text = (text[: match.start()] + text[match.end() :]).strip().lstrip(":：").strip()
        # 「委員　田村　光（…部長）ほか１２名」: the others counted after the one named.
        text = re.sub(r"\s*(?:ほか|他|外)$", "", text)
    if text in _NONE_WORDS or squash(text) in _NONE_WORDS or _ELSEWHERE.match(text):
        return [], count
    # 「被保険者を代表する委員　　佐々木　陽子、…」: the group's name over a gap, no one's name.
    text = _GROUP_PREFIX.sub("、", text).strip("、 ")
    # 「委員５名（山田、佐藤、鈴木）」: the count, then the names in parentheses; 「委員６名（…）
    # 事務局２名」: each group's (the other counts are dropped below).
    # 「小島（4班班長、所用のため）」: a remark after a name, its 「、」 no list's.
    # 「学年委員長（１年：安井、２年：福井）」: each name after the grade or group it stands for.
    text = re.sub(
        r"(?<=[(（、,，])\s*[0-9]{1,2}\s*(?:年|学年|班|組|区|部|地区)\s*[:：]\s*(?=[^\s0-9])",
        "",
        text,
    )
    text = re.sub(r"[(（][^()（）]*(?:ため|により|のみ|[0-9])[^()（）]*[)）]", "", text)
    text = _NAMES_IN_PARENTHESES.sub(lambda listed: f"、{listed['names']}、", text)
    # 「【委員】田中、山田」「（委員）田中」: group names in brackets are not names.
    text = re.sub(
        r"【[^】]{1,10}】|〔[^〕]{1,10}〕|［[^］]{1,10}］|^[(（][^)）]{1,8}[)）]|(?<=[、\s])[(（][^)）]{1,8}[)）]",
        "、",
        text,
    )
    text = text.strip("、 ")
    # 「委員：田中、山田　事務局：佐藤」: the group names are not names.
    text = re.sub(r"(?:^|(?<=[\s、,]))[^\s、,:：]{1,8}[:：]\s*", "、", text).strip("、 ")
    if len(re.findall(r"(?:^|[\s、,，])[0-9]{1,3}\s*番\s", text)) >= 2:
        # 「１番　青　木　　一　郎　　２番　石　井　　花　子」: an assembly roster by seat, names
        # spaced out to a fixed width; each seat number starts a member.
        seats = re.split(r"(?:^|[\s、,，])[0-9]{1,3}\s*番\s", text)
        parts = [_spaced_name(seat) for seat in seats if seat.strip()]
        text = "、".join(parts)
    if len(re.findall(r"(?:^|\s)[一-龥々ヶ](?=\s)", text)) >= 3 and text.count("君") >= 2:
        # 「委 員 長　山　下　　　誠　君　　副委員長　小野田　雅　美　君」: names spaced out to
        # a column's width, each closed by 君; the title before each.
        parts = []
        for member in re.split(r"君|[、,，]", text):
            tokens = member.split()
            while tokens and is_title_token(tokens[0]):
                tokens = tokens[1:]
            if tokens:
                parts.append("".join(tokens))
        text = "、".join(parts)
    parts = re.split(r"[、,，]", text) if re.search(r"[、,，]", text) else [text]
    # 「委員　田村　光（…部長）ほか１２名」: one named, the others counted after him.
    # 「江島　淳（副会長）ほか１１名（名簿別紙）」: with a remark after the count too.
    parts = [_OTHERS_COUNTED.sub("", part) for part in parts]
    # 「委員8名（うち1名オンライン）、事務局3名」「定足数30名」: groups counted, not people named.
    parts = [
        part
        for part in parts
        if not _COUNTED.search(part)
        and not _GROUP_WORD.fullmatch(_PARENTHESES.sub("", part).strip())
    ]
    parts = [_undecorated(part) for part in parts]
    # 「各委員長（広報・保健・校外）」「部会長ほか」: offices, no one named
    parts = [part for part in parts if not _OFFICES_ONLY.fullmatch(part.strip())]
    # 「会長（松本）」「副会長（高木・小川）」「理事　大西・小池」「関　美智子（民生委員協議会）」
    parts = [piece for part in parts for piece in _civic_part(part)]
    # 「山本　一郎（会長）」: the role after the name, in parentheses (「中村（正）」 stays); in a
    # line of names apart, after any of them (「山田　太郎（会長）　佐藤　花子」「河野　洋一（弁護士）」).
    # 「大塚　正男（会長）　宮崎　清　　山内　ふみ」: after the role's parenthesis one space parts
    # two names as a wider gap does.
    parts = [re.sub(r"(?<=[)）]) (?=\S)", "  ", part) for part in parts]
    parts = [
        _ROLE_INSIDE.sub("", part) if " " in part.strip() else _ROLE_AFTER.sub("", part)
        for part in parts
    ]
    # 「◎山本　隆史」: the mark of the chair in a roster
    parts = [re.sub(r"^\s*[◎○●◯〇]\s*", "", part) for part in parts]
    # 「飯田 昌彦会長」「杉本　節子委員」: a name with its space, the role glued after it.
    parts = [_NAME_THEN_ROLE.sub(r"\g<name>", part) for part in parts]
    # 「中村正　中村和彦　松本聡」 on one roster line: three names; 「山下 誠」 one.
    parts = [token for part in parts for token in _roster_tokens(part)]
    names = []
    for part in parts:
        if part.strip().removeprefix("各") in _OFFICES or re.fullmatch(
            r"各\S{1,8}(?:長|委員|役員)", part.strip()
        ):
            continue  # 「会長、副会長、会計、各部長（計９名）」「各町内会長」: offices, no one named
        if re.search(r"[0-9]", _PARENTHESES.sub("", part)):
            continue  # 「１班～８班」: a group by its numbers, no one named (not 「石原（1班）」)
        if part.strip().endswith(("課", "局", "係", "センター")) or (
            # 「阿部」「服部」「岡部」「小室」 are family names: a department is named longer
            part.strip().endswith(("部", "室")) and len(part.strip()) >= 3
        ):
            continue  # 「市商工振興課　主査　西村」: where the person comes from
        if re.fullmatch(
            r"[^\s、,，]{1,12}[課局室係](?:長|主事|主査|主任|主幹|係長|課長補佐|補佐|参事|職員)",
            part.strip(),
        ):
            continue  # 「企画課主事　新井」: the post before the name, no one's name itself
        part = re.sub(r"\s*(?:ほか|他|等)$", "", part)  # 「北一、北二、南町ほか」
        name = _ROLE_PREFIX.sub("", part.strip())
        for suffix in _MEMBER_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)].strip()
                break
        if name:
            names.append(name)
    return names, count


# 「コーチ2名」「保護者18名」: a group that came, counted (not the staff, nor the body's size).
_COUNTED_PART = re.compile(
    r"(?P<group>[^\s0-9、,，()（）:：]{1,8}?)\s*(?P<n>[0-9]{1,3})\s*(?:名|人)"
)
_NOT_ATTENDING = re.compile(
    r"事務局|職員|傍聴|欠席|総数|定数|定足数|定員|オブザーバー|役所|役場|^[市区町村県]$|[課部局室係]$"
)


def _named_and_counted(text: str) -> tuple[list[str], int] | None:
    """The named parts of a roster and the sum of its counted groups, when it has both and
    several groups are counted: 「監督（石井）、コーチ2名、保護者18名」 → ([監督（石井）], 20)."""
    pieces = [p.strip() for p in re.split(r"[、,，](?![^()（）]*[)）])", text) if p.strip()]
    counted = [_COUNTED_PART.fullmatch(piece) for piece in pieces]
    named = [piece for piece, match in zip(pieces, counted, strict=True) if match is None]
    groups = [match for match in counted if match is not None]
    if (
        len(groups) < 2
        or not named
        or any(_NOT_ATTENDING.search(match["group"]) for match in groups)
        or any(re.search(r"[0-9]", piece) for piece in named)
    ):
        return None
    return named, sum(int(match["n"]) for match in groups)


_OFFICES = frozenset(TITLES)
_ENGLISH_OFFICE_BEFORE = re.compile(
    r"(?:^|(?<=[、,，]))[ 　]*(?:"
    + "|".join(re.escape(o) for o in sorted(ENGLISH_OFFICES, key=len, reverse=True))
    + r")[ 　]+(?=\S)"
)
_OFFICES_ONLY = re.compile(
    r"各\S{1,8}(?:長|委員|役員)(?:[(（][^()（）]*[)）])?|(?:"
    + "|".join(map(re.escape, sorted(TITLES, key=len, reverse=True)))
    + r")\s*(?:ほか|他|等)"
)


def _undecorated(part: str) -> str:
    """A roster's part without what is written around the name: 「同　長尾正吉」 (the same office
    as the name before), 「德永　隆（㈱德永商店）」 (a company's form inside the parentheses of
    where one comes from), 「石原（1班）」 (the group one comes from, by its number)."""
    part = re.sub(r"^\s*同[\s　]+(?=\S)", "", part)
    part = _COMPANY_FORM.sub(r"\1", part)
    return _NUMBERED_GROUP.sub(r"\g<name>", part)


_COMPANY_FORM = re.compile(r"[(（](株|有|合|名|資|財|社|一社|一財|公社|公財|医|福|特非|NPO)[)）]")
_TOTAL_COUNT = re.compile(r"(?:^|[、,\s])(?:合計|総計|計)\s*(?P<n>[0-9]{1,4})\s*(?:名|人|世帯)")
_NUMBERED_GROUP = re.compile(
    r"(?P<name>[一-龥々ヶ]{1,4})\s*[(（][0-9]{1,3}(?:班|号棟|号室|組|区|丁目)[)）]"
)
_ROLE_INSIDE = re.compile(r"(?<=[^\s(（])[(（][^()（）]{2,12}[)）](?=\s|$)")
# 「学識経験者　　松下　礼子」「関係団体　　島村　幸子」「公募市民　　望月　奈緒」: the roster's
# column of where each member is chosen from.
_GROUP_PREFIX = re.compile(
    r"(?:^|(?<=[、,，]))\s*[^\s、,，]{0,20}(?:を代表する(?:者|委員)|代表委員|代表|の委員|経験者|"
    r"を有する者|有識者|関係者|団体|市民|機関|公募|公募委員|議会議員|市民委員|住民委員|機関職員|"
    r"行政職員)\s{2,}"
    # 「関係行政機関　本田　勇」: a long group's name, one space before the member's
    r"|(?:^|(?<=[、,，]))\s*[^\s、,，]{2,20}(?:経験者|有識者|関係者|行政機関|議会議員|機関職員)\s(?=\S)"
)
# 「会長（松本）」: an office, then who holds it in parentheses.
_OFFICE_THEN_NAMES = re.compile(
    r"(?P<office>[^()（）\s]{1,10})\s*[(（](?P<names>[^()（）]{1,30})[)）]"
)
_GROUP_NAME_END = re.compile(
    r"(?:法人|会|団体|ネットワーク|クラブ|協議会|センター|サークル|の会)$|^(?:NPO|ＮＰＯ)"
)
_OFFICE_END = re.compile(
    r"(?:長|委員|理事|監事|幹事|会計|書記|役員|代表|顧問|相談役|監督|コーチ|マネージャー)$"
)
# A name in a civic roster: 「大西」「鈴木(真)」「山田 太郎」.
_NAME_PIECE = re.compile(
    r"[一-龥々ヶ]{1,4}(?:\([一-龥々ヶぁ-ゖ]{1,2}\))?|[一-龥々ヶ]{1,4} [一-龥々ヶぁ-ゖ]{1,4}"
)
# 「（民生委員児童委員協議会）」「（野村医院 院長）」: where a member comes from, after the name.
_AFFILIATION = re.compile(r"\s*[(（][^()（）]*(?:\s[^()（）]*|[^()（）\s]{5,})[)）]\s*$")


# What a roster puts in parentheses after a member that is no name: when they came or left
# (「遅参」「早退」), or what they stand for (「地域代表」「校長」「医師会」).
_PARENTHESES_REMARK = re.compile(
    r"(?:遅参|遅刻|早退|途中退席|途中出席|途中参加|途中から|退席|代理出席|オンライン|"
    r"代表|[^・･、,]長|会|者|団体|学校|組合|協議会)$"
)
_DEPUTY = re.compile(r"\s代理\s+(?:\S*(?:長|員)\s+)?(?P<name>[^\s()（）]+(?:\s[^\s()（）]+)?)$")


def _civic_part(part: str) -> list[str]:
    """A part of a roster written by a small body: 「会長（松本）」 → 松本; 「副会長（高木・小川）」 →
    高木, 小川; 「理事　大西・小池・杉本」 → the three; 「関　美智子（民生委員協議会）」 → 関 美智子."""
    text = part.strip()
    deputy = _DEPUTY.search(text)
    if deputy:
        return [deputy["name"]]  # 「みなと川警察署長　代理　交通課長　平田　修」: who came instead
    office = _OFFICE_THEN_NAMES.fullmatch(text)
    if office and _GROUP_NAME_END.search(office["office"]):
        # 「ＮＰＯ法人子育てネットワークぽっけ（大森）」「かもめ国際交流の会（リー、佐伯）」
        names = [name.strip() for name in re.split(r"[・･、,]", office["names"])]
        if all(
            _NAME_PIECE.fullmatch(name) or re.fullmatch(r"[ァ-ヺー]{2,6}", name) for name in names
        ):
            return names
    if office and office["office"] not in _OFFICES and _PARENTHESES_REMARK.search(office["names"]):
        # 「長谷川会長（地域代表）」「関口委員（遅参）」: the name and its role, then where the
        # member comes from or when they came; not who holds an office.
        holder = office["office"]
        for suffix in _MEMBER_SUFFIXES:
            stem = holder.removesuffix(suffix)
            if stem != holder and re.fullmatch(r"[一-龥々ヶ]{1,4}", stem):
                return [stem]
    if office and (_OFFICE_END.search(office["office"]) or office["office"] in _OFFICES):
        names = [name.strip() for name in re.split(r"[・･]", office["names"])]
        # 「相原委員（会長）」: the name and its office, then the office the member holds.
        if all(_NAME_PIECE.fullmatch(name) and name not in _OFFICES for name in names):
            return names
    if _AFFILIATION.search(text) and not _ROLE_AFTER.search(text):
        text = _AFFILIATION.sub("", text)
    first, _, rest = text.partition(" ")
    # 「執行委員　江本・菅原」: an office the words do not know, by how it ends.
    listed = rest if rest and (is_title_token(first) or _OFFICE_END.search(first)) else text
    if re.search(r"[・･]", listed):
        names = [name.strip() for name in re.split(r"[・･]", listed)]
        if len(names) >= 2 and all(_NAME_PIECE.fullmatch(name) for name in names):
            return names
    return [text]


def is_title_token(text: str) -> bool:
    """「理事」「副会長」「３番」: a title or seat standing before a name in a roster."""
    return bool(_TITLE_TOKEN.fullmatch(text) or _SEAT.fullmatch(text))


def _roster_tokens(part: str) -> list[str]:
    """「1番 大川ゆり 2番 小松健」「中村正 中村和彦 松本聡」: several names on one roster line;
    「教育長 山下 誠」: one name (with its title and a space inside) on a line of its own."""
    columns = _roster_columns(part)
    if columns is not None:
        return columns
    if re.fullmatch(r"[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*){1,3}", part.strip()):
        return [part.strip()]  # 「Emily Carter」: a name in Latin letters, given name first
    every = part.split()
    titles = [i for i, token in enumerate(every) if _TITLE_TOKEN.fullmatch(token)]
    if len(titles) >= 2 and titles[0] == 0:
        # 「会長 浅井 俊彦 委員 秋山 芳江」: title and name pairs spaced singly.
        segments = [
            every[a + 1 : b] for a, b in zip(titles, [*titles[1:], len(every)], strict=True)
        ]
        if all(
            1 <= len(segment) <= 2 and all(len(t) <= 5 for t in segment) for segment in segments
        ):
            return [" ".join(segment) for segment in segments]
    tokens = [
        t
        for t in _ROLE_PREFIX.sub("", part.strip()).split()
        if not _SEAT.fullmatch(t) and not _TITLE_TOKEN.fullmatch(t)
    ]
    if not tokens:
        return [part]
    # 「市　市民活動推進課　課長　西田　誠」: the side, the department and the title before a name.
    lead = 0
    while len(tokens) - lead > 2 and _LEADING_OFFICE.fullmatch(tokens[lead]):
        lead += 1
    if (
        lead
        and len(tokens) - lead == 2
        and re.search(r"(?:担当|[^市県町村区]長|補佐|主査|主任|主事|主幹|参事)$", tokens[lead])
    ):
        return [
            tokens[-1]
        ]  # 「株式会社さくらコミュニティ　管理担当　森下」: the title, then the name
    if lead and len(tokens) - lead == 2 and all(len(t) <= 4 for t in tokens[lead:]):
        return [" ".join(tokens[lead:])]
    # 「委　員　柊野市立中学校長会代表（柊野第二中学校長）　大畑　克己」: the member's affiliation,
    # one space before the name.
    named = [t for t in tokens if not is_office_cell(re.sub(r"[(（][^()（）]*[)）]$", "", t))]
    if len(named) == 2 and len(tokens) > 2 and all(len(t) <= 4 for t in named):
        return [" ".join(named)]
    if len(named) == 1 and len(tokens) == 2 and tokens[1] == named[0]:
        return named  # 「八幡町町内会長　寺田勇」: the office, then the name
    if (
        len(tokens) == 2
        and len(tokens[0]) <= 3
        # 「清水　真奈美君」「高田　宗一郎君」: a given name of three, 君 after it; 「佐藤　ジョセフ」
        # a given name in katakana (where the member comes from after it)
        and (
            len(re.sub(r"(?:君|さん|様|氏)$", "", tokens[1])) <= 3
            or re.fullmatch(r"[ァ-ヺー]{2,8}(?:[(（][^()（）]*[)）])?", tokens[1])
        )
        and len(_SEAT.findall(part)) <= 1
    ):
        return [" ".join(tokens)]  # 「山下 誠」「８番　北村　良平」: surname and given name
    return tokens


# What stands before a name in a roster of officials: the side (「市」「指定管理者」), the
# department (「市民活動推進課」), the title (「課長」「係長」).
_LEADING_OFFICE = re.compile(
    r"[市県町村区]|指定管理者|事務局|[一-龥々ァ-ヺー]{2,12}(?:課|局|室|係|センター)"
    r"|\S*(?:法人|株式会社|有限会社|協会|組合|省|庁|大学)\S*"
    # 「課長」「運輸部長」「代表取締役」「首席運輸企画専門官」「経済学部教授」
    r"|\S{0,12}(?:長|補佐|主査|主任|主事|主幹|参事|取締役|専門官|教授|理事)"
)


def _padded(cells: list[str]) -> list[str]:
    """Cells of a roster's columns with a name padded to the column's width put back together:
    「森　　健太郎君」「前川　　聡」「森　　恵理」 (a one-character surname or given name)."""
    merged: list[str] = []
    for cell in cells:
        last = merged[-1].split()[-1] if merged and merged[-1].split() else ""
        if (
            merged
            and (
                (
                    re.fullmatch(r"[一-龥々]", last)
                    and not (is_title_token(cell) or _ends_in_title(cell) or is_office_cell(cell))
                    and len(cell) <= 4
                )
                or (
                    # 「山本　　守君」: a one-character given name padded, 君 after it
                    re.fullmatch(r"[一-龥々](?:君|さん|様|氏)?", cell)
                    and re.fullmatch(r"[一-龥々ヶ]{1,4}", last)
                    and not is_title_token(last)
                    and len(merged[-1].split()) <= 2
                )
            )
            and " " not in cell
        ):
            merged[-1] += " " + cell
        else:
            merged.append(cell)
    return merged


def _roster_columns(part: str) -> list[str] | None:
    """「委員長　　村田　幸一　　　副委員長　　森本　美樹」「山田　太郎　　鈴木　花子」: titles and
    names in columns two spaces or more apart, a name's own space single; None for any other
    line."""
    cells = re.split(r"\s{2,}", part.strip())
    # 「委員長　坂口　信也　　副委員長　宮崎　弘美」: a title and its name one space apart.
    cells = [_TITLE_THEN_NAME.sub("", cell) for cell in cells]
    cells = [_TITLE_THEN_NAME.sub("", cell) for cell in _padded(cells)]
    # 「審査委員　　会　長　　山口　隆」: the group, then the title and the name.
    cells = [
        cell
        for cell, after in zip(cells, [*cells[1:], ""], strict=True)
        if not (cell.endswith("委員") and is_title_token(after))
    ]
    # 「南台市青少年育成推進員協議会長　富田　和子」: the office filled its column to the name.
    cells = [
        cell.split(" ", 1)[1]
        if cell.count(" ") == 2 and is_office_cell(cell.split(" ", 1)[0])
        else cell
        for cell in cells
    ]
    # 「委員　　県岩倉土木事務所長　　山下　茂雄」: the member's office is no name either, nor is
    # 「副会長　南台市教育長」, a title and the office that holds it.
    # 「金子分科会長　　斉藤委員」: each name with its role glued after it, the chair's too.
    glued = any(re.fullmatch(r"[一-龥々ヶ]{1,4}委員", cell) for cell in cells)
    names = [
        cell
        for cell in cells
        if (glued and _CHAIR_GLUED.fullmatch(cell))
        or (not is_title_token(cell) and not is_office_cell(cell) and not _title_and_office(cell))
    ]
    if len(cells) < 2 or not names:
        return None
    if (
        len(names) == len(cells)
        and not all(cell.count(" ") == 1 for cell in names)
        and not (glued and all(_GLUED_NAME.fullmatch(cell) for cell in names))
    ):
        return None  # no titles: only 「山田　太郎　　鈴木　花子」, each name with its space
    if not all(
        cell.count(" ") <= 1 and any(len(word) > 1 for word in cell.split()) for cell in names
    ):
        return None  # 「青 木」: a name spaced out character by character
    return names


_SEAT = re.compile(r"[0-9]{1,3}番")
_GLUED_NAME = re.compile(r"[一-龥々ヶ]{1,3}副?(?:分科会長|部会長|会長|委員長|座長|委員|部会員)")
_CHAIR_GLUED = re.compile(r"[一-龥々ヶ]{1,3}副?(?:分科会長|部会長|会長|委員長|座長)")


def is_office_cell(cell: str) -> bool:
    """「南台市議会議員」「保護司会南台地区会長」: an office or an affiliation in a roster's column."""
    return bool(_OFFICE_CELL.match(cell))


def _title_and_office(cell: str) -> bool:
    title, _, office = cell.partition(" ")
    return bool(office) and " " not in office and is_title_token(title) and is_office_cell(office)


# An office in a roster's column: 「岩倉市長」「県岩倉土木事務所長」「危機管理監」 (a name has none).
# So is a member's affiliation: 「南台市議会議員」「保護司会南台地区会長」「国立北浜大学教授」, and any
# cell of six characters or more naming a city, a school, a company or an association.
_OFFICE_CELL = re.compile(
    r"^(?:[^\s]{2,}(?:長|監|官)|(?=[^\s]{6,}$)[^\s]{3,}(?:議員|委員|代表|会|者|士|師|教授|員)"
    r"|(?=[^\s]{6,}$)[^\s]*(?:市|町|村|県|区|署|協会|大学|学校|法人|会社|組合|連合|協議会|センター)[^\s]*)$"
)
# Titles standing before a name in a roster: 「委員長　山田太郎」「教育長職務代理者　中島陽子」.
ROSTER_TITLES = (
    "副委員長",
    "委員長",
    "民生委員",
    "主任児童委員",
    "教育委員",
    "臨時委員",
    "専門委員",
    "特別委員",
    # a labour union's and a festival's: 「執行委員　江本・菅原」「実行委員　……」
    "副執行委員長",
    "執行委員長",
    "執行委員",
    "書記長",
    "運営委員",
    "実行委員",
    "常任委員",
    "委員",
    "構成員",
    "副会長",
    "会長",
    "副部会長",
    "部会長",
    "副分科会長",
    "分科会長",
    "会長代理",
    "副理事長",
    "理事長",
    "専務理事",
    "常務理事",
    "代表理事",
    "理事",
    "評議員",
    "監事",
    # a religious corporation's: 「代表役員　松井　照道、責任役員　坂口　忠」
    "代表役員",
    "責任役員",
    # a fire brigade's officers, a corps: 「団長　岡部、副団長　久米、分団長　５名」
    "分団長",
    "副団長",
    "団長",
    "副隊長",
    "隊長",
    "副部会長",
    "部会長",
    # a company's board: 「代表取締役　青木　浩一」「監査役　江川　直樹」
    "代表取締役",
    "取締役",
    "監査役",
    "幹事長",
    "幹事",
    "副議長",
    "議長",
    "教育長",
    "副市長",
    "市長",
    "副町長",
    "町長",
    "村長",
    "副主査",
    "主査",
    "副座長",
    "座長",
    "書記",
    "会計",
    "顧問",
    "相談役",
    "班長",
    "事務局長",
    "校長",
    "教頭",
)
# 「教育長職務代理者」「会長職務代理者」: standing in for a title.
_TITLE_ALT = "|".join(ROSTER_TITLES)
_TITLE_TOKEN = re.compile(
    # 「被保険者代表」「公益代表」: whom a member stands for, before the name
    rf"(?:(?:{_TITLE_ALT})(?:職務代理者)?|職務代理者|[一-龥々ァ-ヺー]{{1,8}}代表|[(（][^)）]*[)）])"
    rf"(?:[(（][^)）]*[)）])?"
)
# A title spaced out to a column's width: 「委 員 長」「委　　員」「副 主 査」.
_SPACED_TITLE = re.compile(
    r"(?<![^\s、,，・])(?:"
    + "|".join(r"\s{0,4}".join(title) for title in sorted(ROSTER_TITLES, key=len, reverse=True))
    + r")(?![^\s、,，:：])"
)


_TITLE_THEN_NAME = re.compile(rf"^(?:{_TITLE_TOKEN.pattern}) (?=\S+ \S+$)")


def collapse_titles(text: str) -> str:
    """「委 員 長　　山田　太郎」 → 「委員長　　山田　太郎」: a roster's titles spaced out to the
    width of a column, written whole (names are left as they are)."""
    return _SPACED_TITLE.sub(lambda match: squash(match.group()), text)


# Titles a staff member may hold, longest first so 課長補佐 beats 課長.
STAFF_TITLES = tuple(
    sorted(
        (
            "副センター長",
            "センター長",
            "事務局長",
            "事務局次長",
            "事務局員",
            "事務員",
            "審議官",
            "参事官",
            "企画官",
            "調査官",
            "統括官",
            "計画官",
            "主事",
            "主任",
            "主査",
            "書記",
            "管理監",
            "管理者",
            "管理員",  # a condominium's caretaker
            "社会福祉士",
            "保健師",
            "看護師",
            "管理栄養士",
            "栄養士",
            "歯科衛生士",
            "理学療法士",
            "作業療法士",
            "精神保健福祉士",
            "介護支援専門員",
            "相談支援専門員",
            "ケアマネジャー",
            "司書",
            "学芸員",
            "経営指導員",
            "指導主事",
            "書記長",
            "教育長",
            "主幹",
            "参事",
            "係長",
            "課長補佐",
            "課長",
            "部長",
            "次長",
            "室長",
            "所長",
            "館長",
            "局長",
            "職員",
            "スタッフ",
            "コーディネーター",
            "相談員",
            "支援員",
            "担当",
            "理事長",
            "副理事長",
            "理事",
            # a social-welfare corporation's or a school's staff: 「施設長　真島　利恵」「事務長」
            "事務長",
            "施設長",
            "園長",
            "副園長",
            "校長",
            "副校長",
            "教頭",
            "教諭",
        ),
        key=len,
        reverse=True,
    )
)
# Words that make up department names (地域福祉課長 = 地域 + 福祉 + 課長), so
# that 丸木地域福祉課長 splits as 丸木 / 地域福祉課長 rather than 丸木地域福祉 / 課長.
DEPARTMENT_WORDS = tuple(
    sorted(
        (
            # a ministry's: 「鶴田公共交通政策審議官」「山科大臣官房審議官」「医政局長」
            "公共",
            "官房",
            "大臣",
            "医政",
            "老健",
            "雇用",
            "労働",
            "国土",
            "建設",
            "土木",
            "衛生",
            "廃棄物",
            "整備",
            "法務",
            "統計",
            "地域",
            "福祉",
            "市民",
            "行政",
            "改革",
            "こども",
            "未来",
            "人権",
            "包括",
            "経営",
            "資産",
            "道路",
            "公園",
            "緑地",
            "農林",
            "水産",
            "下水道",
            "上水道",
            "水道",
            "協働",
            "推進",
            "生活",
            "文化",
            "振興",
            "企画",
            "政策",
            "総務",
            "環境",
            "保全",
            "児童",
            "子育て",
            "子ども",
            "健康",
            "教育",
            "社会",
            "高齢",
            "高齢者",
            "障害",
            "保健",
            "商工",
            "産業",
            "都市",
            "計画",
            "管理",
            "支援",
            "国際",
            "交流",
            "男女",
            "共同",
            "参画",
            "防災",
            "安全",
            "広報",
            "情報",
            "財政",
            "税務",
            "生涯",
            "学習",
            "活動",
            "協働推進",
            "まちづくり",
            "センター",
            "事業",
            "経営",
            "相談",
            # more words of a city's departments (保育課長, 人権推進課長, 道路管理課長 …)
            "保育",
            "人権",
            "道路",
            "下水道",
            "上水道",
            "水道",
            "公園",
            "緑化",
            "清掃",
            "資源",
            "循環",
            "観光",
            "農政",
            "農業",
            "収納",
            "保険",
            "年金",
            "戸籍",
            "住民",
            "防犯",
            "交通",
            "学校",
            "青少年",
            "スポーツ",
            "図書館",
            "博物館",
            "秘書",
            "人事",
            "職員",
            "契約",
            "会計",
            "選挙",
            "監査",
            "議会",
            "建築",
            "住宅",
            "開発",
            "営繕",
            "危機",
            "消防",
            "介護",
            "医療",
            "国保",
            "生活保護",
            "男女共同参画",
            "デジタル",
            "広聴",
            "地域振興",
            "窓口",
            "担当",
            "課",
            "部",
            "係",
            "室",
        ),
        key=len,
        reverse=True,
    )
)
_KATAKANA_TAIL = re.compile(r"[ァ-ヺー]+$")


_COMPANY = re.compile(
    r"^(?:株式会社|有限会社|[(](?:株|有)[)])\S|\S(?:株式会社|有限会社|[(](?:株|有)[)])$"
)


def split_staff(text: str) -> tuple[str, str]:
    """「丸木地域福祉課長」 → ("丸木", "地域福祉課長"); 「西口（センター長）」 too."""
    # 「総務課主任　井上（記録）」「センター長　木下　恵（センター職員）」: what they did at the
    # meeting, or the group they belong to, is no title.
    text = re.sub(
        r"\s*\((?:記録|司会|書記|進行|記録者|センター職員|職員|スタッフ|事務局)\)$",
        "",
        nfkc(text).strip(),
    )
    # 「園長　宮下先生」: the honorific a parents' association gives the nursery's staff.
    text = re.sub(r"(?<=[一-龥々ぁ-ゖァ-ヺ])(?:先生|様|さん|氏)$", "", text)
    remark = re.fullmatch(r"(?P<title>[^\s()]+?)\s*\((?P<remark>[^()]+)\)\s+(?P<name>[^()]+)", text)
    if remark and _ends_in_title(remark["title"]) and not _ends_in_title(remark["name"]):
        # 「書記長（選挙管理委員会事務局長）　石川　健太郎」: the title, what else they are, the name.
        return remark["name"].strip(), f"{remark['title']}({remark['remark']})"
    paren = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if paren and paren.group(2).strip().endswith(("担当", "兼務", "事務取扱")):
        return "", squash(text)  # 「大臣官房審議官（老健局担当）」: an office, no one named
    if paren:
        before, inside = paren.group(1).strip(), paren.group(2).strip()
        held, _, person = before.partition(" ")
        if person and _ends_in_title(held) and not _ends_in_title(person):
            # 「主任　ハリス・恵美（国際交流員）」: the title, the name, what else they are
            return person.strip(), f"{held}({inside})"
        if _ends_in_title(before) and not _ends_in_title(inside) and len(inside) <= 6:
            # 「こども政策課　主査（森）」: the title, then who holds it in parentheses.
            return inside, squash(before)
        return before, inside
    if " " in text:
        name, _, title = text.partition(" ")
        name, title = name.strip(), title.strip()
        # 「環境保全課長　山本」「市長　中島健一」: the title first, then the name.
        if (_ends_in_title(name) or name in _OFFICE_TITLES) and not _ends_in_title(title):
            return title, name
        # 「都市計画課　森課長」「男女共同参画課　課長　佐々木」: the department, then the person
        # with their title.
        if name.endswith(("課", "部", "局", "室", "所", "センター")) and (
            _ends_in_title(title) or " " in title
        ):
            person, held = split_staff(title)
            if held:
                # 都市計画課 + 課長 → 都市計画課長; …センター + センター長 → …センター長
                overlap = next(
                    (
                        n
                        for n in range(min(len(name), len(held)), 0, -1)
                        if held.startswith(name[-n:])
                    ),
                    0,
                )
                return person, name[: len(name) - overlap] + held
        # 「社会福祉協議会　事務局長　真鍋　浩」: the body they come from, the title, the name.
        held, _, person = title.partition(" ")
        if (
            person
            and not _ends_in_title(name)
            and _ends_in_title(held)
            and not _ends_in_title(person)
            and re.search(
                r"^(?:株式会社|有限会社|[(](?:株|有)[)])"
                r"|(?:会|法人|協会|団体|連合|組合|センター|会社|[(](?:株|有)[)])$",
                name,
            )
        ):
            return person.strip(), f"{name}{held}"
        # 「さくら管理株式会社　渡辺」「……株式会社　フロント　矢野」: a condominium's management
        # company, then its staff member (with what they do there).
        if _COMPANY.search(name) and not _ends_in_title(title):
            tokens = title.split()
            # 「……株式会社　山田　太郎」「……　フロント担当　吉川　亮」: a whole name at the end
            whole = (
                len(tokens) >= 2
                and re.fullmatch(r"[一-龥々ヶ]{1,3}", tokens[-2]) is not None
                and re.fullmatch(r"[一-龥々ヶぁ-ゖァ-ヺ]{1,4}", tokens[-1]) is not None
                and not _ends_in_title(tokens[-2])
                and not tokens[-2].endswith("担当")
            )
            person = " ".join(tokens[-2:]) if whole else tokens[-1]
            held = "".join(tokens[: -2 if whole else -1])
            if (
                re.fullmatch(r"[一-龥々ヶ]{1,4}(?: [一-龥々ヶぁ-ゖァ-ヺ]{1,4})?", person)
                and len(held) <= 8
            ):
                return person, f"{name}{held}"
        # 「福祉課　村上」「センター　渡部」: the department, then the person without a title.
        if name.endswith(("課", "部", "局", "室", "所", "係", "センター")) and not _ends_in_title(
            title
        ):
            return title, name
        if (
            not _ends_in_title(title)
            and re.fullmatch(r"[一-龥々ヶ]{1,4}", name)
            and re.fullmatch(r"[一-龥々ヶぁ-ゖァ-ヺ]{1,4}", title)
        ):
            return f"{name} {title}", ""  # 「青山　翔」 after 「スタッフ　大野　美香、」: a name
        return name, title
    if text in STAFF_TITLES or text in _OFFICE_TITLES:
        return "", text  # 「市長」「教育長」 in the list: the office, no one named
    for title in STAFF_TITLES:
        if text.endswith(title) and len(text) > len(title):
            person, held = _move_department(text[: -len(title)], title)
            # 「同課長補佐」「同課主事」: the department named before, no one named (not 同 + …).
            return ("", text) if person == "同" else (person, held)
    return text, ""


def staff_columns(part: str) -> list[str]:
    """「議事課長　　　　加藤　洋　　　　書　　記　　　　木村　美咲」: titles and names in columns,
    → 「議事課長　加藤　洋」「書記　木村　美咲」; any other part as it is."""
    cells = _padded(re.split(r"\s{2,}", collapse_titles(nfkc(part).strip())))
    if len(cells) == 1:
        # 「事務局長 宮崎 隆 議事係長 西村 彩」: columns a PDF's text spaced singly.
        tokens = cells[0].split()
        starts = [
            i
            for i, token in enumerate(tokens)
            if _titled(token) and (i == 0 or not _titled(tokens[i - 1]))
        ]
        ends = [*starts[1:], len(tokens)] if starts else []
        chunks = [tokens[a:b] for a, b in zip(starts, ends, strict=True)]
        if (
            len(chunks) >= 2
            and starts[0] == 0
            and all(2 <= len(chunk) <= 3 and not _titled(chunk[-1]) for chunk in chunks)
        ):
            return ["　".join(chunk) for chunk in chunks]
    if len(cells) >= 2 and all(_titled(cell.split(" ", 1)[0]) and " " in cell for cell in cells):
        return cells  # 「事務局長　山本誠二　　次長　上野和子」: each cell a title and a name
    if len(cells) < 2 or len(cells) % 2:
        return [part]
    titles, names = cells[0::2], cells[1::2]
    if not all(map(_titled, titles)) or any(map(_titled, names)):
        return [part]
    return [f"{title}　{name}" for title, name in zip(titles, names, strict=True)]


def _titled(cell: str) -> bool:
    return _ends_in_title(cell) or is_title_token(cell)


_OFFICE_TITLES = frozenset(
    (
        "市長",
        "副市長",
        "町長",
        "副町長",
        "村長",
        "副村長",
        "教育長",
        "区長",
        "副区長",
        "知事",
        "副知事",
    )
)


def _ends_in_title(text: str) -> bool:
    return any(text.endswith(title) for title in STAFF_TITLES)


def _move_department(name: str, title: str) -> tuple[str, str]:
    whole = name + title
    person, held = _strip_departments(name, title)
    if person.endswith(("・", "･")) or (
        len(person) >= 4 and " " not in person and title[:1] in "部課局室係"
    ):
        # 「行政改革推進課長」: no surname is that long before a department's title; a department
        # the words do not know, no one named.
        return "", whole
    return person, held


def _strip_departments(name: str, title: str) -> tuple[str, str]:
    while True:
        if name in DEPARTMENT_WORDS:
            # 「市民協働課長」: the department and its title, no person named.
            return "", name + title
        tail = _department_tail(name)
        if not tail or len(name) - len(tail) < 1:
            return name, title
        name, title = name[: -len(tail)], tail + title
        if len(name) <= 2 and name not in DEPARTMENT_WORDS:
            return name, title


def _department_tail(name: str) -> str | None:
    for word in DEPARTMENT_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return word
    katakana = _KATAKANA_TAIL.search(name)
    if katakana and katakana.start() > 0:
        return katakana.group()
    return None


# The posts a roster prints beside a name (a board's, a general meeting's, a committee's or a
# working group's), longest first so that 「副理事長」 is never read as 「理事長」.
PEOPLE_ROLES = (
    "副代表理事", "代表理事", "常務理事", "専務理事", "副理事長", "理事長", "理事", "監事",
    "評議員", "副実行委員長", "実行委員長", "副委員長", "委員長", "委員", "副部会長", "部会長",
    "部会員", "副会長", "会長", "副座長", "座長", "事務局長", "幹事長", "幹事", "会計", "書記",
    "顧問", "相談役",
)  # fmt: skip
_PEOPLE_ROLE = "|".join(PEOPLE_ROLES)


def people_roles(values: list[str], names: list[str]) -> dict[str, str]:
    """The post the header prints beside each of ``names`` in the header's ``values``:
    「山田花子（理事長）」「青木理事長」「部会長　木村明美」 → 理事長, 理事長, 部会長. A name printed
    with no post, or as 委員 (the house format's word for every member), is left out."""
    text = nfkc("\n".join(values))
    roles: dict[str, str] = {}
    for name in names:
        letters = [c for c in name if not c.isspace()]
        if not letters:
            continue
        spelled = r"[ \t]*".join(re.escape(c) for c in letters)
        found = (
            re.search(rf"{spelled}[ \t]*[(（][ \t]*({_PEOPLE_ROLE})[ \t]*[)）]", text)
            or re.search(rf"{spelled}[ \t]*({_PEOPLE_ROLE})(?=$|[ \t、,，・)）])", text, re.M)
            or re.search(
                rf"(?:^|[ \t、,，:：])({_PEOPLE_ROLE})[ \t]*{spelled}(?=$|[ \t、,，(（])",
                text,
                re.M,
            )
        )
        if found and found.group(1) != "委員":  # a committee's members: what the house prints
            roles[name] = found.group(1)
    return roles
