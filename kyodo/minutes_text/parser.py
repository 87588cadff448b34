"""Parse Japanese committee minutes (会議録) text into a :class:`Minutes`.

``parse_minutes`` takes whole documents, typically text extracted from a PDF;
``parse_entries`` takes the speaker turns of one agenda item as staff type or
paste them in the house format.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import _header
from ._header import collapse_titles
from ._layout import Layout, Line, clean_lines, layout_lines
from ._syntax import (
    BULLETS,
    CIRCLED,
    CONTAINER_CATEGORIES,
    ENGLISH_OFFICES,
    OPENING_ITEM,
    QA_MARK,
    SESSION,
    Heading,
    Label,
    bare_label,
    bullet_text,
    closing_line,
    decision_line,
    item_category,
    item_heading,
    kanji_number,
    nfkc,
    note_text,
    plain_numbers,
    section_heading,
    speaker_label,
    squash,
    stage_direction,
    to_int,
)
from ._wrapper import unwrap
from .model import Appendix, Entry, Item, Minutes, Secretariat, Section


class MinutesParseError(ValueError):
    """The text is not minutes we can read; the message is in Japanese."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"{message}（{line}行目）" if line else message)


# ------------------------------------------------------------ entries


# In Japanese fonts everything but ASCII and half-width katakana is wide.
_WIDE = re.compile(r"[^\x00-\x7f\uff61-\uff9f]")


def _display_width(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))


# 「決定：７月２７日（土）に開催する。」「結果：全員賛成で承認。」: the meeting's decision, keyed.
_DECIDED_KEY = re.compile(
    r"^(?:結果|決定|結論|決議|議決|採決結果|審議結果|判定|審査結果)[ 　]*[:：]"
)


@dataclass
class _EntryReader:
    """Turns lines into entries; continuation lines join the previous entry."""

    # In PDF text a line that fills the page width wraps on to the next one;
    # only after a shorter line (or 。) can a heading or a bare decision start.
    full_width: int = 0
    entries: list[Entry] = field(default_factory=list)
    current: Entry | None = None
    boundary: bool = True
    last_full: bool = False  # the last line filled the page width
    label_alone: bool = False  # the current statement's label stood on a line of its own
    alone: Entry | None = None  # the last turn whose label stood alone over its lines
    resume: Entry | None = None  # that turn, interrupted by a stage direction
    lines_in_turn: int = 0  # the lines the current entry has taken
    after_blank: bool = False  # a blank line (or a separator) came before this line
    kana: str = ""  # the letter of the last 「ア　……」 heading under an item, if any
    names: frozenset[str] = frozenset()  # the people the header names: 「赤井：……」 is a turn
    indented: bool = False  # the line being fed began with a full-width space (typed text)
    was_indented: bool = False  # and the line before it did

    def after_line(self, text: str) -> None:
        self.was_indented = self.indented
        self.after_blank = False
        self.lines_in_turn += 1
        self.boundary = self.short(text) or text.rstrip().endswith("。")
        self.last_full = bool(self.full_width) and (
            _display_width(text.strip()) >= self.full_width * 0.95
        )

    def short(self, text: str) -> bool:
        return not self.full_width or _display_width(text.strip()) < self.full_width * 0.85

    def break_paragraph(self) -> None:
        self.boundary = True
        self.last_full = False
        self.after_blank = True

    def close(self) -> None:
        self.label_alone = False
        self.alone = self.resume = None
        self.kana = ""
        self.current = None
        self.boundary = True
        self.last_full = False

    def feed(self, text: str) -> Entry | None:
        """Add one line; returns the entry it started, if any."""
        if _CAPTION.fullmatch(squash(nfkc(text))):
            # 「【発言要旨】」 over the turns: says what follows is a summary, no entry of its own.
            self.close()
            return None
        # 「○申請者：……」: so the review's text renders it
        keyed = note_text(text) or text.strip()
        if (self.boundary or self.current is None) and _keyed_record(keyed):
            # 「申請者：麻酔科　部長　井上」「主な意見：……」「判定：条件付承認」: the record's
            # keyed lines under an application, no one speaking.
            started = self._start(Entry("note", keyed), text)
            self.current = None
            return started
        label = speaker_label(text)
        if label is not None and _SCORE.fullmatch(nfkc(label.text).strip()):
            # 「Ａ団体　３４２点（５００点満点）」: a row of the scores, no one speaking.
            started = self._start(Entry("note", note_text(text) or text.strip()), text)
            self.current = None
            return started
        named = None
        if label is None and self.names:
            named = _NAME_LABEL.match(text.strip()) or _PAREN_NAME_LABEL.match(text.strip())
        who = named and (named["name"] or named.groupdict().get("marked"))
        listed = bool(who) and squash(nfkc(who)) in self.names
        if listed:
            # 「赤井：夜間の利用が多い理由は。」「（高橋）……」: a name alone, one the header lists.
            label = Label(nfkc(who), named["text"].strip())
        attributed = False
        kind = _KIND_THEN_WHO.match(text.strip())
        if kind and (label is None or label.speaker == nfkc(kind["kind"])):
            # 「回答：……値上がりしたためです。（会計担当理事）」「質疑：……理由は。（４０１号室）」
            # 「Ｑ　……どうすればいいか。（住民）」: the kind of the turn before it, who spoke in the
            # brackets after it.
            label = _attributed(kind["rest"], self.names, kind=True) or label
            attributed = label is not None and label.speaker != nfkc(kind["kind"])
            listed = listed or (attributed and squash(label.speaker) in self.names)
        if label is None and (self._turn_may_start() or bullet_text(text) is not None):
            label = _attributed(text)
            attributed = label is not None
        if label is None and self._turn_may_start():
            # 「委員Ａ」 on a line of its own, what was said indented under it.
            alone = bare_label(text)
            label = alone if alone is not None and _known_label(alone.speaker) else None
        if (
            label is not None
            and self.current is not None
            and self.current.kind == "statement"
            and self.current.speaker == "事務局"
            and self.lines_in_turn == 1
            and _WRAPPED_STAFF_LABEL.match(text.strip())
        ):
            # 「事務局」 over 「（松岡課長）」 in a table's label column: one label, wrapped.
            self.current.speaker = f"事務局({label.speaker})"
            self.current.text += label.text
            self.after_line(text)
            return None
        if label is not None:
            entry = Entry("statement", label.text, label.speaker)
            entry.uncertain = not (listed or _known_label(label.speaker))
            started = self._start(entry, text)
            # 「（委員）」 alone, then 「・……」「・……」: the bullets are what the member said.
            self.label_alone = not label.text
            self.alone = entry if not label.text else None
            if label.quoted:
                self.close()  # the words closed with 」: what follows is not theirs
            elif attributed:
                # 「・……増やすべきではないか。（宮本委員）」: the point closed by who made it; a line
                # under it (「以上の意見を踏まえ、……」) is the record's own.
                self.current = None
            return started
        stage = stage_direction(text)
        if stage is not None:
            speaking = self.current if self.current is self.alone else None
            started = self._start(Entry("note", stage), text)
            self.current = None  # whole on its line: 「（非公開）」, then the record goes on
            # 「【小池会長】」 over its lines, 「（発言なし）」 among them: the chair goes on after it.
            self.resume = speaking
            return started
        # 「・……」 lines after a statement list what the speaker said; elsewhere (under a heading,
        # after notes) each is a note. In PDF text a line that fills the page wraps on: 「・」 there
        # is inside a sentence.
        in_statement = self.current is not None and self.current.kind == "statement"
        bullet = bullet_text(text) if self.boundary or self.current is None else None
        last = self.entries[-1] if self.entries else None
        group = (
            _GROUP_ALONE.fullmatch(last.text.strip())
            if bullet is not None
            and self.current is None
            and last is not None
            and last.kind == "note"
            else None
        )
        if group and last is not None:
            # 「（警察署）」 alone (a stage direction's form), then 「・……」: what the body
            # taking part said.
            last.kind, last.speaker, last.text = "statement", nfkc(group[1]), bullet
            self.current = self.alone = last
            self.resume = None
            self.after_line(text)
            return None
        if bullet is not None and (
            not in_statement
            or bullet.startswith(("◎", "日程第", "■", "□", "※", "次回", "【", "◆", "◇"))
            # 「５　次回　令和７年２月１８日（火）」: the header's numbering going on
            or re.match(
                r"[0-9０-９一二三四五六七八九十]{1,2}[ 　.．、]+(?:次回|議事録署名|会議録署名)",
                bullet,
            )
            # 「決定：……」「結果：……」 after the turn: what the meeting decided
            or _DECIDED_KEY.match(bullet)
            # 「・……分けることを承認。」: what the meeting decided, after the turn
            or _BULLET_DECIDED.search(bullet)
        ):  # 「■承認された。」「※写真は……」 after a turn: the record's, not the speaker's list
            started = self._start(Entry("note", bullet), text)
            if bullet.startswith(("■", "□")) and "。" not in bullet and len(bullet) <= 40:
                self.current = None  # 「■第１２款　公債費」: a heading, the line under it its own
            return started
        if (
            bullet is not None
            and in_statement
            and self.current is not None
            and self.current is self.alone
            and self.current.text
        ):
            # 「村井主任」 alone, then 「・……１２件。」「・……５０万円。」: each point that speaker's,
            # a turn of its own (a line under a point with no bullet goes on with it).
            entry = Entry("statement", bullet, self.current.speaker)
            entry.uncertain = self.current.uncertain
            started = self._start(entry, text)
            self.alone = entry
            return started
        note = note_text(text)
        if note is not None:
            return self._start(Entry("note", note), text)
        kana = _KANA_HEADING.match(text.strip())
        if kana and (
            self.current is None
            or _KANA_ORDER.find(kana["letter"]) == _next_kana(self.kana)
            # 「……主な質疑は次のとおり。」 then 「ア　貸出冊数について」: the first part
            or (
                kana["letter"] == "ア"
                and self.current.kind == "note"
                and self.current.text.rstrip().endswith("。")
            )
        ):
            # 「ア　利用状況」 … 「イ　相談件数」: the parts of an item, after its turns too.
            self.kana = kana["letter"]
            started = self._start(Entry("note", text.strip()), text)
            self.current = None  # a title: the sentence under it is a note of its own
            return started
        if (_SUBHEADING.match(text.strip()) or _BRACKETED_HEAD.match(text.strip())) and (
            self._turn_may_start()
            # 「＜Ｂグループ＞」 after a bullet with no 「。」: the next group's heading
            or (
                _BRACKETED_HEAD.match(text.strip())
                and self.current is not None
                and self.current.text.startswith(tuple(BULLETS))
            )
        ):
            # 「＜Ｂグループ＞（発表者：佐野さん）」「〈会場からの質問〉」 after a finished sentence.
            # 「主な意見」 standing alone after the item's narrative: a note of its own (a
            # heading: the line under it, 「理事から、……質問があり」, is a note of its own too).
            started = self._start(Entry("note", text.strip()), text)
            self.current = None
            return started
        if (
            self.after_blank
            and self.current is not None
            and self.current.kind == "statement"
            and self.current.text
            and not _POLITE.search(text)
        ):
            # A paragraph after a blank line under a turn, in no polite form: the record's own
            # (「議案第７号は……非公開とすることを決定した。」) if it ends told in the past, which
            # ``_settle_paragraphs`` decides once the paragraph (wrapped over lines) is whole.
            note = Entry("note", text.strip())
            note.joins = self.current
            return self._start(note, text)
        if self.current is None and self.resume is not None and not _NARRATED.match(text.strip()):
            # The same speaker's next turn, after the interjection.
            entry = Entry("statement", text.strip(), self.resume.speaker)
            entry.uncertain = self.resume.uncertain
            started = self._start(entry, text)
            self.alone = entry
            return started
        if (
            self.current is not None
            and self.current.text
            and "　" in text.strip()
            and _TABLE_LINE.fullmatch(text.strip())
        ):
            # 「番号　譲受人　譲渡人　所在・地番　地目　面積」 and its rows under a turn: a table the
            # record holds, each row a line of its own.
            started = self._start(Entry("note", text.strip()), text)
            self.current = None
            return started
        if (
            self.current is None
            or (
                self.boundary
                and (
                    decision_line(text)
                    or _NARRATED.match(text.strip())
                    or _VOTE_LINE.match(nfkc(text).strip())
                )
                and self.current.text
                # 「……審議の結果、全員一致で」「原案のとおり承認可決した。」: one sentence, wrapped
                and not self.current.text.rstrip().endswith(_MID_SENTENCE)
            )
            or (
                # 「　　賛成　６名　　反対　１名　　→　原案のとおり承認」, a blank line, then 「以上
                # のとおり、……可決された。」: a note's paragraph ends at the blank line (a
                # sentence cut mid-way, 「……審議の結果、」, goes on over it)
                self.current.kind == "note"
                and self.after_blank
                and self.current.text
                and not self.current.text.rstrip().endswith(_MID_SENTENCE)
            )
            or (
                # 「・……検討してはどうか。」 ended short, then 「以上の意見を踏まえ、……」: the
                # record's own sentence after the points, not the last point's
                self.current.kind == "note"
                and self.current.text.startswith(tuple(BULLETS))
                and self.current.text.rstrip().endswith("。")
                and not self.last_full  # (no width known: lines not wrapped at all)
            )
            or (
                # 「議長の選出」 at the margin, its paragraph indented under it: a title, the
                # paragraph a note of its own
                self.current.kind == "note"
                and self.indented
                and not self.was_indented
                and _BODY_TITLE.search(self.current.text)
            )
            or (
                # 「　　承認　１４名、不承認　０名」 indented under an item, then 「８　結果　……」 at
                # the margin: the record's numbering going on, no line of the indented note
                self.current.kind == "note"
                and self.was_indented
                and not self.indented
                and _NUMBERED_AT_MARGIN.match(text)
            )
            or (
                # 「　事務局から……説明がありました。」 then 「　委員から……意見がありました。」: the
                # record's narrative, each paragraph indented, each a note of its own
                self.current.kind == "note"
                and self.indented
                and self.current.text.rstrip().endswith("。")
            )
        ):
            # Prose with no label of its own (or a bare decision) is narrative; not the words
            # under a label standing alone (「会長」, then 「異議なしと認めます。」).
            return self._start(Entry("note", text.strip()), text)
        self.current.text += text.strip()
        self._attribute_wrapped_point()
        self.after_line(text)
        return None

    def _attribute_wrapped_point(self) -> None:
        """「○ こどもが……指標にすべき。」 wrapped at the page's edge, 「（Ａ構成員）」 at the end of
        the next line: the whole point is that member's turn, as it is on one line."""
        current = self.current
        if current is None or current.kind != "note" or not current.text.endswith((")", "）")):
            return
        label = _attributed(current.text)
        if label is not None:
            current.kind, current.speaker, current.text = "statement", label.speaker, label.text

    def _turn_may_start(self) -> bool:
        """After a heading, a finished sentence or a blank line, not inside a wrapped one."""
        if self.current is None:
            return True
        if not self.boundary or not self.current.text:
            return False
        return self.current.text.rstrip().endswith(_SENTENCE_END)

    def _start(self, entry: Entry, text: str) -> Entry:
        self.label_alone = False
        self.resume = None
        self.lines_in_turn = 0
        self.entries.append(entry)
        self.current = entry
        self.after_line(text)
        return entry


# 「【発言要旨】」「発言の概要：」: a caption over the turns, what kind of record they are.
_CAPTION = re.compile(
    r"[【〔［\[<＜〈(（]?(?:主な)?発言(?:の)?(?:要旨|概要|内容)[】〕］\]>＞〉)）]?[:：]?"
)
# A title worded as the body's headings are, no name of a roster: 「議長の選出」「…について」.
_BODY_TITLE = re.compile(r"^[^、,，\s]{2,30}(?:について|の件|に関する件|の選出|の選任|の互選)$")
_NUMBERED_AT_MARGIN = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}[　.．、]")
_TABLE_LINE = re.compile(r"(?:[^　\s。、]{1,20}　+){4,}[^　\s。、]{1,20}")
_VOTES = re.compile(r"(?:賛成|可決|承認)\s*[0-9０-９]")
# 「賛成４名、反対１名の賛成多数で承認した。」「採決　賛成 30　反対 0　保留 1　→　承認」 after the
# last turn: the record of the vote, no part of what was said.
_VOTE_LINE = re.compile(
    r"(?:(?:採決|表決|評決|採決の結果|表決の結果)[ 　:：、]*)?(?:賛成|賛成者)[ 　]*[0-9]{1,4}[ 　]*"
    r"(?:名|人|票|世帯|個)?[ 　、,]*(?:反対|棄権|保留)"
)
_GROUP_ALONE = re.compile(
    r"[（(]([^（）()\s]{1,15}(?:署|会|局|課|所|校|園|センター|協会|組合|団体|PTA|ＰＴＡ)"
    # 「（意見）」「（回答）」 alone over a summary's points: who said them, by their kind
    r"|意見|質問|回答|要望|提案|問|答)[）)]"
)
_BULLET_DECIDED = re.compile(
    r"(?:承認|決定|了承|可決|否決|確認|合意)(?:された|した|とする|となった)?。$"
)
# A summary's short headings inside an item: 「主な意見」「質疑応答」「主な意見は次のとおり。」.
_SUBHEADING = re.compile(
    r"^(?:主な意見|主な質疑|主な発言|委員の意見|委員からの意見|質疑応答|質疑|意見交換|採決|表決)(?:等|など)?"
    r"(?:は(?:次|以下)のとおり。?)?[:：]?$"
)
_SENTENCE_END = ("。", "」", "）", ")", "？", "?", "！", "!")
# A paragraph of the record told in the past, not spoken: 「……決定した。」 (no です/ます).
_POLITE = re.compile(r"ます|です|でしょう|ください")
_TOLD = re.compile(r"^[^「」]*(?:た|れた)。$")


# 「３４２点（５００点満点）」「１２票」: what a row of a table of scores or votes holds.
_SCORE = re.compile(r"[0-9][0-9,.]*\s*(?:点|票|%|ポイント)(?:\s*[(][^()]{1,20}[)])?")
# The keys of a review board's record of an application (倫理審査委員会, 選定委員会).
_RECORD_KEY = re.compile(r"^(?:主な(?:意見|質疑|質問|指摘)|判定|審査結果)[ 　]*[:：]")
# 「申請者：麻酔科　部長　井上」: who applied, a post and a name (「申請者：はい。」 is a turn).
_APPLICANT = re.compile(r"^(?:申請者|研究責任者|申請団体)[ 　]*[:：][ 　]*[^。、]{1,30}$")


def _keyed_record(text: str) -> bool:
    stripped = text.strip()
    return bool(_RECORD_KEY.match(stripped) or _APPLICANT.match(stripped))


def _settle_paragraphs(sections: list[Section]) -> None:
    """A paragraph taken apart from the turn above it (``Entry.joins``) goes back into that turn
    unless it is told in the past as the record tells (「……決定した。」)."""
    for item in (item for section in sections for item in section.items):
        for entry in list(item.entries):
            first = entry.text.split("。", 1)[0] + "。"
            if (
                entry.joins is not None
                and not _TOLD.search(entry.text)
                # 「採決の結果は次のとおりであった。」 over the votes: the record's, whatever follows
                and not _NARRATED.match(first)
            ):
                entry.joins.text += entry.text
                item.entries.remove(entry)
            entry.joins = None


# 「議長が諮ったところ、全員異議なく、原案のとおり承認された。」: the record's narrative after a
# turn, told in the past (no です/ます), never the speaker's next line.
_NARRATED = re.compile(
    r"^(?:(?:(?:議長|会長|委員長|座長|理事長|部会長)(?:が|は|から|より)|(?:採決|審議|協議)の結果"
    # 「ほかに質疑はなく、議長が……諮ったところ、……承認された。」
    r"|(?:ほかに)?(?:質疑|質問|意見)(?:は|も)?(?:なく|なし)、)"
    r"(?!.*(?:ます|です))[^「」]*?(?:た|れた)。(?:[^「」]*。)?"
    # 「骨子案について、……示すことを確認した。」: what the meeting settled, told in the past
    r"|(?!.*(?:ます|です))[^「」]{4,}(?:ことを|ことと|ことで|を|と)(?:確認|決定|了承|決議)(?:した|された)。"
    # 「全員挙手により、第１号議案は原案のとおり承認された。」: the vote's outcome, the bill named
    r"|(?=[^「」]*れた。$)(?!.*(?:ます|です))(?:(?:全員|賛成多数の?|挙手多数の?)?挙手(?:多数)?(?:により|で)、?)?[^「」]*?"
    r"(?:議案|本案|本件|報告第)[^「」]*?(?:は|が)[^「」]*?(?:承認|可決|否決|採択|了承|決定)(?:さ)?れた。)$"
)
# 「＜Ｂグループ＞」「〈会場からの質問〉」「【決定事項】」 opening a line: a summary's heading.
_BRACKETED_HEAD = re.compile(r"^[＜<〈【][^＜<〈【＞>〉】。]{1,20}[＞>〉】]")
# 「赤井：……」: a name with no title before a colon (a turn only when the header lists the name).
_NAME_LABEL = re.compile(
    # 「・金井：……」: a bullet before it in a summary
    # 「- Kim：……」: a name in Latin letters, a hyphen for the bullet
    r"^(?:[・\-－][ 　]*)?(?P<name>[一-龥々ヶァ-ヺー]{1,6}|[一-龥々ヶァ-ヺー]{1,4}[ 　][一-龥々ヶァ-ヺー]{1,4}"
    r"|[A-Za-z][A-Za-z.'-]{1,15})[ 　]*[：:]"
    r"[ 　]*(?P<text>\S.*)$"
)
# 「（高橋）……」「【鈴木】……」「○田村　……」: a listed name in brackets or after a mark.
_PAREN_NAME_LABEL = re.compile(
    r"^(?:[（(【［\[〔＜<][ 　]*(?P<name>[一-龥々ヶァ-ヺー]{1,6})[ 　]*[）)】］\]〕＞>][ 　]*[:：]?"
    r"|[○◯〇●◎][ 　]*(?P<marked>[一-龥々ヶァ-ヺー]{1,6})(?:[ 　]+|[ 　]*[:：]))[ 　]*(?P<text>\S.*)$"
)


def _roster_names(fields: list[tuple[str, list[str], int]]) -> frozenset[str]:
    """The names the header lists (members, absentees, the secretariat): each whole and, when
    written with a space, its surname."""
    names: set[str] = set()
    listed: list[tuple[str, list[str]]] = []
    for name, values, _lineno in fields:
        if name == "attendees":
            # 「…、荒木　事務局　西口課長、本間主事」: the secretariat's part of the roster
            values, staff, also = _roster_parts(values)
            if staff:
                listed.append(("secretariat", staff))
            if also:
                listed.append(("also_attending", also))
        listed.append((name, values))
    for name, values in listed:
        if not values:
            continue
        if name in ("attendees", "also_attending", "absentees", "online"):
            people = _header.split_people(_join_field(name, values))[0]
            # 「田中 太郎」 whole too (split_staff reads 太郎 as a title)
            names.update(squash(person) for person in people)
        elif name == "secretariat":
            people = _split_list(_join_field(name, values))
        else:
            continue
        for person in people:
            who = _header.split_staff(person)[0]  # 「加藤センター長」「センター　渡部」
            if who:
                names.add(squash(who))
                names.add(who.split()[0])
    return frozenset(names)


# 「ア　利用状況」: a part of an item, lettered in katakana order, a short title standing alone.
_KANA_ORDER = "アイウエオカキクケコサシスセソタチツテト"
_KANA_HEADING = re.compile(rf"^(?P<letter>[{_KANA_ORDER}])[ 　.．、)）][ 　]*[^。]{{1,30}}$")


def _next_kana(letter: str) -> int:
    """The place in katakana order of the letter after ``letter`` (-1 when none came yet)."""
    return _KANA_ORDER.find(letter) + 1 if letter else -1


_KNOWN_END = re.compile(
    r"(?:長|委員|事務局|理事|監事|幹事|会計|書記|代理|代理者|代行|スタッフ|生|会社|協会|組合|法人|大学|病院|事務所|署|運輸局|整備局|主幹|参与|教頭|相談員|保健師|看護師|福祉士|先生|さん|氏|代表|議員|君|参事|補佐|主任|主査|主事|担当|応募者|提案者|申請者|指定管理者|団体|^[市県町村]|^一同|^全員|^司会|^進行|コーディネーター|アドバイザー|ファシリテーター|オブザーバー|機関|^諮問庁|^処分庁|請求人|^質問|^回答|^問|^答|^意見|^要望|"
    # 構成員 of a national study group, 評議員, 組合員 of a co-op, a group, a department
    r"構成員|評議員|組合員|会員|班|チーム|グループ|ファシリ|[^会]課|係|住民|保護者|監督|コーチ|"
    r"[A-Za-zＡ-Ｚａ-ｚ0-9０-９]|[)）]|"
    # Posts and professions by their kind, not word by word: 学芸員・指導員・調査員 (…員), 保育士・
    # 技師・医師 (…士, …師), 教諭・教授・講師, 取締役・相談役 (…役), 司書, 技監,
    # 管理者・管理人, and the posts in katakana (センター長 ends in 長 already).
    r"員|士|師|教諭|教授|講師|助教|司書|技監|管理者|管理人|役|顧問|"
    r"マネ[ー]?ジャー|リーダー|ディレクター|コンサルタント|プランナー|ワーカー|カウンセラー)$"
)


# 「・補導件数は減少しているが、啓発が必要。（市川委員）」: a summary's point with who made it.
_ATTRIBUTED = re.compile(
    r"^[・●○◯\-－]?\s*(?P<text>\S.*[。？?！!」])\s*[（(](?P<who>[^()（）、。]{1,12})[）)]$"
)


_KIND_THEN_WHO = re.compile(
    r"^[・]?\s*(?P<kind>質疑|質問|問|回答|答|意見|要望|Ｑ|Ａ|Q|A)(?:\s*[：:]|[.．]|　)\s*(?P<rest>\S.*[)）])$"
)
_KIND_WHO = re.compile(
    r"(?!(?:予定|案|仮称|再掲|参考|資料|別紙|継続|未定)$)[一-龥々ヶァ-ヺー・]{1,10}"
)
# 「（４０１号室）」 after a condominium owner's question: who asked, by their flat.
_FLAT = re.compile(r"[0-9]{1,4}号室")


def _attributed(text: str, names: frozenset[str] = frozenset(), kind: bool = False) -> Label | None:
    """「・……すべきではないか。（宮本委員）」: the point, and who made it in brackets after it
    (after a kind's label, 「Ａ　……。（桑原）」, any name)."""
    if not text.rstrip().endswith(("）", ")")):
        return None
    match = _ATTRIBUTED.match(nfkc(text).strip())
    if match is None:
        return None
    label = speaker_label(f"{match['who']}：…")
    # 「（長尾）」: a name the header lists, as 「（４０１号室）」 an owner by the flat
    flat = (
        bool(_FLAT.fullmatch(match["who"]))
        or squash(match["who"]) in names
        or (kind and bool(_KIND_WHO.fullmatch(match["who"])))
    )
    if flat:
        label = Label(match["who"], "…")
    if label is None or not (flat or _known_label(label.speaker)) or label.text != "…":
        return None
    # 「　　→大学と連携して実施する予定である。（消費生活センター所長）」: the answer's arrow goes
    return Label(
        label.speaker, text.strip()[: -len(match["who"]) - 2].strip().lstrip("・●○◯-－→⇒ 　")
    )


def _known_label(speaker: str) -> bool:
    """Labels of the usual kinds; others are marked uncertain for the review."""
    if re.match(rf"(?:{'|'.join(ENGLISH_OFFICES)})(?: |$)", speaker):
        return len(speaker) <= 30  # 「Director Carter」「Director 田村」: an office in English
    return len(speaker) <= 16 and bool(_KNOWN_END.search(speaker))


def parse_entries(text: str) -> list[Entry]:
    """Entries of ONE agenda item typed in the house format.

    「委員長：……」「事務局：……」「委 員：……」 (or any label the importer reads) start
    statements; 「○……」, a stage direction 〔……〕/（……） and, outside a statement, 「・……」
    start notes; any other line continues the entry above it.
    """
    reader = _EntryReader()
    for raw in text.splitlines():
        if raw.strip():
            reader.feed(raw)
    return reader.entries


# ------------------------------------------------------------ documents


@dataclass
class _Prelude:
    organization: str | None = None
    title_line: Line | None = None
    sitting_line: Line | None = None  # 「第１２回　ひかり市環境審議会」 when no 会議録 title
    fields: list[tuple[str, list[str], int]] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    agenda_key: str = ""  # the key of the header's agenda list: 「議事日程」「議題」…
    status: str | None = None  # 「（案）」 stamped above the title
    last_number: int | None = None  # the number of the last header field (「３　出席委員」)
    looked_at: list[str] = field(default_factory=list)
    skipped: int = 0  # header lines read as nothing
    # 「配布資料」「説明のため出席した者」: lists the header holds and the minutes do not keep, by
    # their heading, and the lines they took (read, so no 「読み取れなかった」 lines).
    kept_out: dict[str, int] = field(default_factory=dict)
    kept_out_key: str = ""
    # 「第２日　令和６年９月１０日（火）　午前９時～正午」 under the date: the meeting's other days.
    more_days: list[str] = field(default_factory=list)
    absent_rows: list[str] = field(default_factory=list)  # a roster table's rows marked 欠席
    roster_heads: str = ""  # the heads of a roster's table (「区分氏名所属等出欠」)
    # 「６．議事概要」 that ended the header: its number and words (the body's first section, when
    # 「７．その他」 numbered on from it follows).
    body_marker: tuple[int, str] | None = None


def _roster_row_name(row: str, heads: str) -> str:
    """The name in a roster table's row: after the group's column when the heads start with one
    (「学識経験者　木下　聡　つばき大学教育学部教授」), before any affiliation's column."""
    cells = re.split(r"[ 　]+", collapse_titles(row.strip()))
    if heads.startswith(("区分", "役職")) or (len(cells) > 2 and _header.is_title_token(cells[0])):
        cells = cells[1:]
    if (
        len(cells) >= 2
        and len(cells[0]) <= 4
        and len(cells[1]) <= 5
        and not (_header.is_office_cell(cells[1]) or _header.is_title_token(cells[1]))
    ):
        return f"{cells[0]} {cells[1]}"
    return cells[0] if cells else row


_ATTENDANCE_KEY = re.compile(r"※?出欠(?:欄)?[:：]?[○◯]")


# 「（１）委員」「（２）事務局」 numbering a roster's groups under 「出席者」.
_STAFF_GROUPS = ("事務局", "職員", "市側", "県側", "行政", "市", "説明員", "市出席者")
_ROSTER_GROUP_LINE = re.compile(
    r"[(（]?[0-9]{1,2}[)）.]?(?P<group>委員|構成員|理事|監事|役員|オブザーバー|"
    + "|".join(_STAFF_GROUPS)
    + r")(?:[(（][^()（）]{1,12}[)）])?"
)
# 「委員名　出欠」「区分　氏名　出席状況」: the heads of a roster's table.
_ROSTER_HEADS = re.compile(
    r"(?:区分|役職)?(?:委員名|氏名|名前)(?:所属(?:等|・役職)?|部屋番号|号室|住戸番号|班|地区|団体名)?"
    r"(?:出欠|出席状況|出席方法|出欠状況)"
)
# 「区分　氏名　所属」 (tabs between, as pasted from a spreadsheet): the heads of a roster's table
# with no column of who came; each row is then read as any roster line.
_PLAIN_ROSTER_HEADS = re.compile(
    r"(?:区分|役職|役職名)(?:委員名|氏名|名前)(?:所属(?:等|団体|・役職)?|団体名|備考)*"
    r"|(?:委員名|氏名|名前)(?:区分|役職|役職名)?(?:所属(?:等|団体|・役職)?|団体名)(?:備考)?"
)
# A roster's row with who came marked at its end.
_ABSENT_MARKS = ("欠席", "×", "✕", "―", "－")
_ATTENDANCE = re.compile(
    r"(?P<row>\S.*?)[ 　]+(?P<mark>出席|欠席|オンライン(?:出席)?|会場|リモート|Web|WEB|○|◯|×|✕|―|－)"
)


# 「本日の会議に付した事件」「議事次第」「議題」「【議事】」 introducing a list of the agenda.
# Categories that may list their items in the header (the list's end decides: ``_header_agenda``).
_CATEGORY_KEYS = ("協議事項", "審議事項")
_AGENDA_KEYS = (
    "本日の会議に付した事件",
    "会議に付した事件",
    "付議事件",
    "会議次第",
    "議事次第",
    "議事日程",
    "次第",
    "議題",
    "議事",
    "案件",
    "付託案件",
    "審査案件",
    # 「６　本委員会に付託された事件」 over its bills: a town assembly committee's
    "本委員会に付託された事件",
    "委員会に付託された事件",
    "付託された事件",
    "付託事件",
    "審査事件",
    "会議事項",
    "本日の議題",
    "プログラム",
    # a general meeting's bills: 「７．議　案」 over 「第１号議案　……」
    "提出議案",
    "議案",
    *_CATEGORY_KEYS,
)
_AGENDA_KEY = re.compile(
    r"^[■□◆◇●◎○〇◯・]?(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[.．、]?　?|[（(][0-9０-９]{1,2}[)）]　?|[①-⑳]　?)?"
    r"[【\[［〔<＜]?(?P<key>" + "|".join("[ 　]{0,3}".join(key) for key in _AGENDA_KEYS) + r")"
    # 「議　題」「次　第」 spaced out to the width of the header's other keys
    # 「議事日程（第２号）」: an assembly's order of business, numbered; 「議題（公開・非公開の別）」
    r"(?:[(（]?第[0-9０-９一二三四五六七八九十]{1,3}号[)）]?|[(（](?:公開|非公開)[^)）]{0,10}[)）])?"
    r"[】\]］〕>＞]?"
    r"(?:[:：　 ]+(?P<value>.+)|[:：])?$"
)
# 「テーマ「……」」「テーマ：……」: a talk's theme, on a line of its own in the header.
_THEME = re.compile(
    r"[【\[]?(?:テーマ|主題|話題)[】\]]?\s*(?:「(?P<q>[^「」]+)」|[:：]\s*(?P<p>[^。]{1,60}))"
)
# The heads of a table of turns: 「発言者　　発言内容」 (each row then a label and its words).
_COLUMN_HEADS = re.compile(
    r"^(?P<number>(?:No|NO|№|番号|通番|時間|時刻)\.?\s+)?発言者\s+(?:発言内容|発言要旨|発言の要旨|内容|要旨)$"
)
# 「1　会長　それでは……」 in a table of turns with a 「No.」 column: the row's number.
_ROW_NUMBER = re.compile(r"^[0-9０-９]{1,3}[ 　]+(?=\S)")


def _agenda_key(text: str) -> re.Match[str] | None:
    """「議　　事」 spaced out, or 「会議次第　　１　開会」 with the first item after a gap (which
    squashing the line would glue to the key)."""
    if _BILL_LINE.match(squash(nfkc(text))):
        return None  # 「議案第１号　……について」: the bill itself, not the key 「議案（第１号）」
    match = _AGENDA_KEY.match(squash(text))
    if match is None or not match["value"]:
        spaced = _AGENDA_KEY.match(re.sub(r"[ 　]+", "　", nfkc(text).strip()))
        if spaced is not None and spaced["value"]:
            return spaced
    return match


# A stamp above the title of a copy handed out: 「資料１」「資料２－１」「（案）」「取扱注意」.
_STAMP = re.compile(
    r"[(【\[<]?(?:(?:資料|参考資料|別紙|別添)[0-9]{1,2}(?:[-ー―の][0-9]{1,2})?|"
    r"(?P<status>案|素案|未定稿|確定稿)|取扱注意|取扱い注意|部外秘|机上配布|非公開|公開用|委員限り)"
    r"[)】\]>]?"
)
_QUORUM = re.compile(r"定足数|(?:会議|総会|理事会)(?:は|が)?成立")
# The end of a time the line's end cut: 「分」「分まで」「０分」.
_WRAPPED_TIME = re.compile(r"^[0-9]{0,2}分(?:まで)?$")
_WRAPPED_CLOSE = re.compile(r"^(?:閉会|散会|終了|閉議|まで)$")
# 「５　応募団体　Ａ共同事業体」: a numbered header line, its key and what follows.
_HEADER_NUMBER = re.compile(
    r"^[■□・]?\s*(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、]?\s+"
    r"(?P<key>[^\s:：]{2,12})(?:\s*[:：]?\s*(?P<rest>\S.*))?$"
)
# A line ending so is in the middle of its sentence: a particle, a comma.
_MID_SENTENCE = tuple("、，,でをがにはとのてや")
_FIELD_NUMBER = re.compile(r"^[■□・]?\s*(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、]?\s+\S")
# Words of a meeting's programme or proceedings: 「６　開会」「７　議事」 are the body's.
_PROGRAMME = re.compile(
    r"開会|閉会|議事|議題|次第|報告|協議|審議|その他|あいさつ|挨拶|会議録|議事録|内容|経過|概要|要旨|"
    r"結果|意見|質疑|説明|について|の件|選出|選任|承認"
)
# Lines that separate header blocks: 「────」「＊＊＊」.
_SEPARATOR = re.compile(r"^[-－―─━=＝＊*・…。 　◇◆]{3,}$")
# 「午前１０時開会」「〔午前十時開議〕」: the sitting opens (a note of the body).
_OPENING = re.compile(
    r"^[〔（(［]?(?:午前|午後)\s*[0-9]{1,2}\s*時\s*(?:[0-9]{1,2}\s*分|半)?\s*"
    r"(?:開会|開議|開始|再開)(?:し(?:た|ます))?[。]?[〕）)］]?$"
)
# 「午前１１時１０分　休憩」「〔午後０時休憩〕」: the sitting stops for a while.
_RECESS = re.compile(
    r"^[〔（(［]?(?:午前|午後)?\s*[0-9]{1,2}\s*(?:時\s*(?:[0-9]{1,2}\s*分|半)?|:\s*[0-9]{2})\s*"
    r"休憩(?:し(?:た|ます))?[。]?[〕）)］]?$"
)
_STRONG_AGENDA_KEYS = (
    "会議次第",
    "本日の会議に付した事件",
    "会議に付した事件",
    "付議事件",
    # an assembly committee's: 「８　付託案件」 and the bills under it
    "付託案件",
    "審査案件",
    "付託事件",
    "審査事件",
    "本委員会に付託された事件",
    "委員会に付託された事件",
    "付託された事件",
    "議事日程",
    "議事次第",
    "次第",
)
# 「５．議事内容」「【議事の経過】」: the header ends, the proceedings follow.
_BODY_MARKER = re.compile(
    r"^(?:[0-9０-９]{1,2}[.．、]?|[一二三四五六七八九十]{1,3}(?=議事|会議|審議)|[（(][0-9０-９]{1,2}[)）])?"
    r"[■□◆◎●【\[［＜<〈]?"
    r"(?:議事内容|議事の内容|議事経過|議事の経過|会議経過|会議の経過|審議経過|審議の経過|議事の概要|"
    r"議事概要|会議内容|会議の内容|発言要旨|発言の要旨|質疑応答|主な意見|会議録|議事録|審議内容|"
    r"審議の内容|審議概要|審議の概要|会議の概要|議事要旨|会議要旨|会議経過|内容|結果|会議結果|審議結果|"
    r"審査経過|審査の経過|審査の概要|委員会の概要|発言の内容|発言内容|議事の要旨|会議の要旨|審議の要旨|"
    r"議事要点|議事の要点|会議の要点|"
    # a vote in writing: 「議案及び表決の結果」
    r"(?:議案及び)?(?:表決|議決)の結果|"
    # a nonprofit's board: 「議事の経過の概要及び議決の結果」「議事の経過の要領及びその結果」
    r"(?:議事|審議)の経過(?:の(?:概要|要領))?及び(?:その|議決の)?結果)"
    # 「８　審議内容（要点筆記）」「議事の経過（概要）」
    r"(?:[(（][^)）]{1,10}[)）])?[】\]］＞>〉]?[:：]?$"
)
# The documents handed out: a list the header holds and the minutes do not keep.
_DOCUMENTS = "配布資料|配付資料|会議資料|資料"
_ROSTER_HEADING = re.compile(
    r"^[○◯〇◎■□・]?[0-9０-９]{0,2}[.．]?[【\[［]?(?:(?:地方自治法)?第[0-9０-９]+条(?:第[0-9０-９]+項)?の規定により)?(?:出席説明員|説明員|(?:説明|職務)のため(?:会議に)?出席した\S{0,10}|"
    rf"出席職員|(?:出席)?(?:議会)?事務局職員|会議録署名(?:委員|議員|人)|署名委員|{_DOCUMENTS}|"
    r"欠席議員|欠席委員)(?:[（(].*[)）])?[】\]］]?$"
)
# The heading of an assembly's or a committee's secretariat, the names under it: 「６　事務局職員
# 出席者」「職務のため出席した事務局職員」「農業委員会事務局職員」.
_STAFF_HEADING = re.compile(
    r"^[○◯〇◎■□・]?(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[.．、]?)?[【\[［]?(?:職務のため(?:会議に)?出席した"
    r"(?:者|職員|事務局職員|議会事務局職員)"
    r"(?:の職氏名)?|(?:出席)?[^\s、。]{0,10}?事務局職員(?:出席者|出席)?)[】\]］]?[:：]?$"
)
_STAFF_LINE = re.compile(
    r"^[○◯〇◎■□・]?(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[.．、]?)?[【\[［]?職務のため(?:会議に)?出席した"
    r"(?:者|職員|事務局職員|議会事務局職員)(?:の職氏名)?[】\]］]?[:：]?(?=[^\sの])"
)
# 「５．事務局職員　事務局長　田村　克也、主査　野村　亜紀」: the key, the staff on its own line.
_STAFF_KEY_LINE = re.compile(
    r"^[○◯〇◎■□・]?(?:[0-9０-９]{1,2}[.．]?)?[【\[［]?(?:出席)?(?:議会|[^\s、。]{0,10}?委員会)?"
    r"事務局職員(?:出席者)?[】\]］]?[:：]?(?=[^\sの出])"
)
# 「配布資料　資料１　進捗状況一覧」: the documents listed from the key's own line on.
_DOCUMENTS_LINE = re.compile(
    r"^[■□・]?[0-9]{0,2}[.．]?[【\[［]?(?:(?:配布|配付|会議)資料[】\]］]?[:：]?(?=\S)"
    # 「資料１について説明」 is the body's; 「配布資料　資料１　……事業報告」 the header's list
    r"|資料[】\]］]?[:：]?(?=\S)(?!.*(?:について|説明|報告)$))"
)
# 「会議名　第３回ひかり市環境審議会」: the name of the meeting in a header table.
_MEETING_NAME = re.compile(
    r"^[■□・]?(?:[0-9]{1,2}[.、]?\s*)?(?:会\s{0,4}議\s{0,4}名|会議の名称|名\s{0,4}称|件\s{0,4}名)"
    r"[\s]*[:：]?\s*(?P<value>\S.*)?$"
)


# 「書記　菅原」「書記：教育総務係長　佐藤」 in the header: a name or two, no sentence.
_RECORDER = re.compile(
    r"書\s*記(?:\s*[:：]\s*|\s+)(?P<value>[一-龥々ヶァ-ヺー]{1,10}(?:\s+[一-龥々ヶァ-ヺー]{1,10}){0,2})"
)


_CHAIR = re.compile(
    r"議\s*長\s*[:：]\s*(?P<value>[一-龥々ヶァ-ヺー]{1,10}(?:\s+[一-龥々ヶァ-ヺー]{1,10}){0,2})"
)


def _marked_heading(text: str) -> bool:
    """A heading no list of documents or officials holds: 「■議題1　……」「議題２　……」「報告事項」."""
    if section_heading(text) is not None:
        return True
    item = item_heading(text)
    return item is not None and (
        item.style.startswith("議題") or item.style == "第1号議案" or text.strip()[:1] in "■□◆◇"
    )


def _marked_label(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in "○◯〇【（(" and speaker_label(stripped) is not None


def _colon_label(text: str) -> bool:
    """「会長：ただいまから開会します。」: a label and its colon, the first turn (no list's line)."""
    label = speaker_label(text)
    return label is not None and re.match(r"^[^:：]{1,30}[:：]", text.strip()) is not None


_LIST_FIELDS = ("attendees", "also_attending", "absentees", "secretariat", "observers", "online")


def opening_line(text: str) -> bool:
    return bool(_OPENING.match(plain_numbers(text).strip()))


def _is_body_start(text: str) -> bool:
    return (
        _DIAMOND_HEADING.match(nfkc(text).strip()) is not None
        or section_heading(text) is not None
        or item_heading(text) is not None
        or speaker_label(text) is not None
        or note_text(text) is not None
        or stage_direction(text) is not None
        or opening_line(text)
    )


def _read_fields(lines: list[Line], prelude: _Prelude) -> None:
    """Header-table lines: ■ fields and the lines that continue them."""
    for line in lines:
        found = _header.header_field(line.text)
        if found is not None:
            prelude.fields.append((found.name, [found.value], line.lineno))
        elif prelude.fields:
            prelude.fields[-1][1].append(line.text.strip())


# A place alone on a line: 「第二委員会室」「市役所本庁舎３階　第１会議室」「市民会館ホール」.
_HELD_AT = re.compile(r"^\s*於\s*[:：]?\s+(?P<venue>\S.{1,40})$")
_VENUE_LINE = re.compile(
    r"[^\s。、]{0,30}(?:\s[^\s。、]{1,20})?(?:会議室|委員会室|議場|ホール|講堂|集会室|会議場)"
)


def _org_like(prelude: _Prelude, text: str) -> bool:
    # After the title only a short name may follow, not an opening sentence.
    return not text.rstrip().endswith("。") and len(text.strip()) <= (
        60 if prelude.title_line is None else 40
    )


def _agenda_like(text: str) -> bool:
    """A line of an agenda list: an item, or a short line that is no sentence."""
    if speaker_label(text) is not None or _header.header_field(text) is not None:
        return False
    if stage_direction(text) is not None or opening_line(text) or _SEPARATOR.match(text):
        return False
    if note_text(text) is not None:
        return False
    stripped = text.strip()
    return len(stripped) <= 80 and not stripped.endswith("。")


_TIMED_CLOSING = re.compile(
    r"^[0-9]{1,2}[.、]?\s*(?:閉会|散会)\s*[(]?(?:午前|午後)?\s*[0-9]{1,2}\s*(?:時|:)"
)
# 「８　閉会」「（８）閉会」「八　閉会」「第８　閉会のあいさつ」「８．閉会の辞　会長から……」: the
# programme's last heading, numbered on from the header's fields or the items; 「閉会中の審査に
# ついて」 is no such heading.
_CLOSING_HEADING = re.compile(
    r"^(?:第?[0-9]{1,2}[.、)]?|[(（][0-9]{1,2}[)）]|第?[一二三四五六七八九十]{1,3}[.、]?)\s*"
    # 「３　閉　会」: the word spaced out to the programme's width
    r"(?:閉会|散会|閉\s会|散\s会)(?:の?(?:あいさつ|挨拶|辞|宣言))?"
    # 「３．閉会（午後８時）」: the time it closed in parentheses
    r"(?:\s+(?P<text>\S.*)|\s*(?P<time>[(（](?:午前|午後)?\s*[0-9０-９]{1,2}\s*(?:時|:|：)[^()（）]{0,8}[)）]))?$"
)
# 「【協議事項】」「＜報告事項＞」: a group of an agenda list, in brackets.
_GROUP_LINE = re.compile(
    r"^(?:[【＜<〈［\[](?:協議|審議|報告|議決|決定|確認|連絡)事項[】＞>〉］\]]|(?:協議|審議|報告)事項)$"
)
# The first heading of a meeting's programme: 「１　開会」「１．開会のあいさつ」.
_OPENING_TITLE = re.compile(r"開会|開議|開会(?:の)?(?:あいさつ|挨拶|宣言|の辞)")
# A line opened by a heading's mark (「■意見交換」「【質疑】」「●議題」).
_MARKED = re.compile(r"^[■□◆◇●△▲【［\[＜<〈]")
# 「◇熟議「登下校の見守り」」「◆次回の予定」: a diamond marks a heading, whatever its words (■ and
# ● mark a record's line as often: 「■承認された。」).
_DIAMOND_HEADING = re.compile(r"^[◆◇][ 　]*(?P<title>[^。\s][^。]{0,39})$")


def _agenda_list(lines: list[Line], start: int, first: str | None = None) -> tuple[list[str], int]:
    """The lines of an agenda list from ``start`` (after ``first``, its first item, when the key's
    line held it); returns them and where they end."""
    items: list[str] = [first] if first else []
    last: dict[str, int] = {}  # the last number of each numbering style in the list
    heading = item_heading(first) if first else None
    if heading is not None:
        last[heading.style] = heading.number
    index = start
    gap = False
    # 「【議案】」 over its bills, then 「【報告事項】」 over the reports: the list's key was a group
    # of it, so the other groups are the list's too.
    key = next((line.text for line in reversed(lines[:start]) if not line.blank), "")
    grouped = bool(
        first is None
        and re.fullmatch(
            r"[【\[［〔<＜](?:議案|議事|議題|審議事項|協議事項)[】\]］〕>＞]", squash(key)
        )
    )
    while index < len(lines):
        line = lines[index]
        if line.blank:
            gap = bool(items)
            index += 1
            continue
        squashed = squash(line.text)
        if gap and item_heading(line.text) is None and all(map(_listed_heading, items)):
            break  # 「会長挨拶」 after a blank line under a numbered list: the body's first line
        if gap and _agenda_title(nfkc(line.text).strip().lstrip("○◯")) in map(_agenda_title, items):
            break  # 「○議案第１号　……」 after a blank line: the body takes up the first again
        if SESSION.fullmatch(squashed):
            index += 1
            continue  # 「（午前の部）」「（午後の部）」 grouping the programme's steps
        if items and re.fullmatch(
            r"[(（][^()（）]{0,10}(?:公開|非公開)[^()（）]{0,10}[)）]", squashed
        ):
            index += 1
            continue  # 「（いずれも公開）」: a remark on the list
        heading = item_heading(line.text)
        # 「【協議事項】」「【報告事項】」 grouping the list's bills, when the list starts so
        group = _GROUP_LINE.match(squashed) and (
            not items or grouped or _GROUP_LINE.match(squash(items[0]))
        )
        # 「１　協議事項」「（１）……について」「２　報告事項」: the list's numbered parts
        group = group or (
            section_heading(line.text) is not None
            and bool(_NUMBERED_PART.match(squashed))
            and (not items or section_heading(items[0]) is not None)
        )
        if (
            heading is None
            and items
            and _MARKED.match(squashed)
            and not _MARKED.match(items[-1])
            and not group
        ):
            # 「■意見交換」 after 「４　閉会」 or 「・……について」: the body's first heading
            break
        if heading is not None:
            if heading.number <= last.get(heading.style, 0) and heading.style != "議案第1号":
                break  # 「１．開会」 again after 「３．閉会」: the body numbers its own items
            if items and heading.number == 1 and _OPENING_TITLE.fullmatch(heading.text):
                break  # 「議題（１）……（３）その他」, then 「１　開会」: the programme begins
            # 「２．協議事項」 then 「（１）」 again: the levels under it number afresh.
            styles = list(last)
            if heading.style in styles:
                for inner in styles[styles.index(heading.style) + 1 :]:
                    del last[inner]
            last[heading.style] = heading.number
        if (
            # 「【協議事項】」 over its bills in the list: a group of the agenda, not the body
            not (
                _agenda_like(line.text)
                or ((items or index == start) and _GROUP_LINE.match(squashed))
                or group
            )
            or _kept_out_list(line.text)
            or _STAFF_HEADING.match(squashed)  # 「７　農業委員会事務局職員」: the next field
            or _header.header_field(line.text) is not None
            # 「２．議題」 numbered among the items is one of them, not the next list's key.
            or (
                _AGENDA_KEY.match(squashed)
                and not (items and item_heading(line.text) and not _another_list(squashed))
                and not group
            )
            or _BODY_MARKER.match(squashed)
            or _COLUMN_HEADS.match(nfkc(line.text).strip())
        ):
            break
        if len(items) >= 40:
            break
        index += 1
        if items and heading is None and re.fullmatch(r"[ぁ-ゖ）)」]{1,6}", squashed):
            items[-1] += nfkc(line.text).strip()  # 「…条例につ」「いて」: wrapped at the edge
            continue
        if heading is None and _header.date_line(line.text):
            continue  # 「令和６年１２月１０日（火）午前１０時開議」 under 「議事日程（第２号）」
        items.append(_keep_circled(line.text).strip())
    return items, index


_NUMBERED_PART = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}[.．、]?(?=\D)")


def _keep_circled(text: str) -> str:
    """NFKC but for 「①」, which it makes 「1」 (「①９月の利用状況」 read 「19月の…」)."""
    return "".join(part if part in CIRCLED else nfkc(part) for part in re.split(r"([①-⑳])", text))


_REMARK_LINE = re.compile(r"[(（][^()（）]{2,60}[)）]")
# A word alone between the header's list and the body that numbers its items again.
_BODY_WORDS = frozenset(("議事", "議題", "会議", "内容", "審議", "協議", "本文"))


def _header_agenda(lines: list[Line], index: int) -> tuple[list[str], int] | None:
    """An agenda list in the header at ``index``, or None when the agenda is in the body.

    「【議題】（１）…」 followed by statements is the body's agenda (an item with its turns);
    a list followed by header fields, rosters or the opening, or of several items in a row, or
    under 「本日の会議に付した事件」/「議事次第」, is the header's.
    """
    match = _agenda_key(lines[index].text)
    if match is None:
        return None
    key, value = squash(match["key"]), match["value"]
    strong = key in _STRONG_AGENDA_KEYS
    if value and item_heading(value) is not None and (strong or speaker_label(value) is None):
        # 「会議次第　１　開会」 and the rest of the programme under it; 「６　議題　（１）……」
        # when the next field or 「７　議事の経過」 follows it.
        items, end = _agenda_list(lines, index + 1, first=nfkc(value).strip())
        if strong:
            return items, end
        following = _following(lines, end)
        if (
            following is not None
            and (
                _header.header_field(following) is not None
                or _BODY_MARKER.match(squash(following))
                or _numbered_again(items, following)
                or _kept_out_list(following)
                # 「６　議　　題　　（１）……」「（２）……」, then 「○石原会長　……」: a list of the
                # header (its first items have no turns), the body unnumbered
                or (
                    speaker_label(following) is not None
                    and following.strip()[:1] in "○◯〇"  # a verbatim record's first turn
                    and len(items) >= 2
                    and all(_listed_heading(item) is not None for item in items)
                )
            )
        ):
            return items, end
        return None
    if value:
        if speaker_label(value) is not None:
            return None
        return [re.split(r"[:：]", nfkc(lines[index].text), maxsplit=1)[-1].strip()], index + 1
    items, end = _agenda_list(lines, index + 1)
    if not items:
        return None
    if key in _STRONG_AGENDA_KEYS:
        return items, end
    following = _following(lines, end)
    # 「１．審議事項」 numbered as the body's sections are: its items with no turns yet are the
    # body's unless the header goes on after them.
    marked = re.sub(r"^[■□◆◇●◎○〇◯・【\[［]|[】\]］]$", "", squash(nfkc(lines[index].text)))
    section_like = (
        key in _CATEGORY_KEYS and marked != key
    )  # 「■協議事項」 is a key, 「１．協議事項」 not
    if following is None:
        return None if section_like else (items, end)
    if all(item_heading(item) is None for item in items) and _agenda_title(
        following
    ) == _agenda_title(items[0]):
        # 「五　協議事項」 over 「夏季休業中の……について」, then the body under the same title
        return items, end
    if _numbered_again(items, following) and not section_like:
        return items, end
    if not section_like and _numbered_again_soon(lines, end, items):
        # 「会長挨拶」 and its turn before 「第一号議題　……」 numbers the list's items again.
        return items, end
    if squash(nfkc(following)) in _BODY_WORDS and not section_like:
        # 「議事」 alone after the list, then the body numbering the same items again.
        after = next((i for i in range(end, len(lines)) if not lines[i].blank), None)
        again = _following(lines, after + 1) if after is not None else None
        if again is not None and _numbered_again(items, again):
            return items, end
    if _BODY_MARKER.match(squash(following)):
        return items, end  # 「【議事録】」 after the list: the body begins there (not a label)
    if (
        speaker_label(following) is not None
        or note_text(following) is not None
        # 「（事務局より資料説明）」 under 「１　……について」: the item's proceedings
        or stage_direction(following) is not None
    ):
        headings = sum(1 for item in items if _listed_heading(item) is not None)
        # 「１．報告事項」 with 「・８月の利用状況について」 under it: bullets of the list too
        bullets = sum(1 for item in items if item.startswith(("・", "●", "○", "◎")))
        listed = headings >= 2 and headings + bullets == len(items) and not section_like
        return (items, end) if listed else None
    if (
        _header.header_field(following) is not None
        or _BODY_MARKER.match(squash(following))
        or _MARKED.match(squash(following))  # 「■図書館サービス計画の評価について」
        or opening_line(following)
        or _SEPARATOR.match(following.strip())
        or _kept_out_list(following)
    ):
        return items, end
    return None


def _listed_programme(lines: list[Line], index: int) -> tuple[list[str], int] | None:
    """A list of numbered items from ``index`` (under a marker such as 「内容」), when the body
    after it numbers the same items again; None otherwise."""
    start = next((i for i in range(index, len(lines)) if not lines[i].blank), None)
    if start is None or item_heading(lines[start].text) is None:
        return None
    items, end = _agenda_list(lines, start)
    if len(items) < 2 or not all(map(_listed_heading, items)):
        return None
    following = _following(lines, end)
    return (items, end) if following is not None and _numbered_again(items, following) else None


def _unkeyed_agenda(lines: list[Line], index: int) -> tuple[list[str], int] | None:
    """A list of items at ``index`` with no key over it, ended by a body marker (「【議事の
    内容】」) under which the body numbers the same items again; None otherwise."""
    if item_heading(lines[index].text) is None:
        return None
    items, end = _agenda_list(lines, index)
    marker = next((i for i in range(end, len(lines)) if not lines[i].blank), None)
    if len(items) < 2 or marker is None:
        return None
    if (
        not _BODY_MARKER.match(squash(lines[marker].text))
        and _numbered_again(items, lines[marker].text)
        and _agenda_title(lines[marker].text) == _agenda_title(items[0])
    ):
        # 「1. 前回の振り返り」…「3. 全体共有」, then 「1. 前回の振り返り」 again with its turns
        return items, marker
    if not _BODY_MARKER.match(squash(lines[marker].text)):
        return None
    again = _following(lines, marker + 1)
    return (items, marker) if again is not None and _numbered_again(items, again) else None


# 「第２日　令和６年９月１０日（火）」「２日目：令和６年…」「（２日目）９月１０日（火）」: another
# day of the meeting, under the date's field.
_OTHER_DAY = re.compile(
    r"^[(（【]?(?:第[0-9一二三四五六七八九十]{1,2}日(?:目)?|[0-9一二三四五六七八九十]{1,2}日目)[)）】]?"
    r"[ 　:：]*\S*?(?:[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2}/[0-9]{1,2})"
)


# An item that only opens the sitting: 「１　開会」「開会の辞」「開会あいさつ」 (what was said under
# it, if anything, is kept with it).
_OPENING_TITLE = re.compile(r"開会(?:宣言|の宣言|の辞|のことば|の言葉)?")


def _drop_empty_openings(sections: list[Section]) -> None:
    """The rule for an empty opening, in every set: 「１　開会」 with nothing under it is no item of
    the proceedings (the programme's step, as 「閉会」 is the closing), and a section left with no
    items at all (an unnamed one before the first heading, or one emptied so) is none."""
    for section in sections:
        section.items = [
            item
            for item in section.items
            if item.entries or not _OPENING_TITLE.fullmatch(squash(item.title))
        ]
    sections[:] = [section for section in sections if section.items]


def _agenda_listed_again(sections: list[Section]) -> list[str]:
    """「議題」「１　……について」「２　……」 over the body, then 「【議題１】……について」 with the
    record under it: the first list, left empty, was the agenda (listed with no key, or with a key
    read as the body's start) and the body numbers the same items again. The empty items before the
    first one with a record go when at least two of their titles come again; their titles are
    returned as the agenda."""
    run: list[Item] = []
    later: list[Item] = []
    for section in sections:
        for item in section.items:
            if later or item.entries:
                later.append(item)
            else:
                run.append(item)
    # numbered again: the same title under the same number
    titles = {(item.number, squash(item.title)) for item in later if item.title}
    again = [item for item in run if item.title and (item.number, squash(item.title)) in titles]
    named = [squash(item.title) for item in run if item.title]
    if len(again) < 2 or len(again) * 2 < len(named) or len(set(named)) < len(named):
        return []
    dropped = {id(item) for item in run}
    for section in sections:
        section.items = [item for item in section.items if id(item) not in dropped]
    sections[:] = [section for section in sections if section.items]
    return [item.title for item in run if item.title]


def _sessions_open_the_next_item(sections: list[Section]) -> None:
    """「（第２日）」「【午後の部】」 last under an item, the next item's heading after it: the day or
    the session starts there, with the next item (it was left at the end of the one before)."""
    items = [item for section in sections for item in section.items]
    for item, following in itertools.pairwise(items):
        last = item.entries[-1] if item.entries else None
        if (
            last is not None
            and len(item.entries) > 1
            and last.kind == "note"
            and SESSION.match(nfkc(last.text).strip())
            and following.title
        ):
            item.entries.pop()
            following.entries.insert(0, last)


# 「令和６年６月１０日（月）・１１日（火）　午後６時…」: a meeting over two days in one field.
_SECOND_DAY = re.compile(
    r"(?P<first>(?P<month>[0-9]{1,2}月)[0-9]{1,2}日(?:[(（][^)）]{1,3}[)）])?)[ 　]*[・､、,，及びと][ 　]*"
    r"(?P<day>(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:[(（][^)）]{1,3}[)）])?)"
)
_FULL_DAY = re.compile(r"[0-9]{1,2}月[0-9]{1,2}日")


def _days_apart(prelude: _Prelude) -> None:
    """A meeting over two days written in its date field: 「…６月１０日（月）・１１日（火）…」 or a
    second 「開催日時」 line with a day of its own. The model holds the first day; the other goes
    where 「第２日　……」 under the date goes (``_Prelude.more_days``, kept in the body)."""
    dated: dt.date | None = None
    kept: list[tuple[str, list[str], int]] = []
    for name, values, lineno in prelude.fields:
        if name != "date":
            kept.append((name, values, lineno))
            continue
        joined = nfkc(" ".join(values))
        day_of = _day_of(joined)
        if dated is not None and day_of is not None and day_of != dated:
            # 「開会　平成３１年３月１日　午前９時３０分」 on the same day is no other day.
            prelude.more_days.append("　".join(" ".join(values).split()))
            continue
        two = _SECOND_DAY.search(joined)
        if two:
            day = two["day"] if "月" in two["day"] else two["month"] + two["day"]
            rest = joined[two.end() :].strip()
            prelude.more_days.append(f"{day}　{rest}".strip() if rest else day)
            values = [joined[: two.start()] + two["first"] + joined[two.end() :]]
        dated = dated or _day_of(joined)
        kept.append((name, values, lineno))
    prelude.fields[:] = kept


def _day_of(text: str) -> dt.date | None:
    if not _FULL_DAY.search(text):
        return None
    try:
        return _header.parse_when(text)[0]
    except (ValueError, KeyError):
        return None


def _other_days(sections: list[Section], days: list[str]) -> list[str]:
    """「第２日　令和６年９月１０日（火）　午前９時～正午」 under the date: the model holds one day,
    so the others' dates go into the body, on the note that marks the day (「（第２日）」) or as a
    note of their own before the first entry. Returns the days so kept."""
    if not days or not sections:
        return []
    notes = [e for s in sections for i in s.items for e in i.entries if e.kind == "note"]
    first_item = next((i for s in sections for i in s.items), None)
    kept: list[str] = []
    for day in days:
        head = re.match(r"[(（【]?([^)）】 　:：]+)[)）】]?[ 　:：]*", day)
        assert head is not None
        word = squash(nfkc(head[1]))
        marker = next(
            (
                note
                for note in notes
                if re.fullmatch(rf"[(（【]?{re.escape(word)}[)）】]?", squash(nfkc(note.text)))
            ),
            None,
        )
        if marker is not None:
            # 「（第２日）」 in the body: the day's date and time after it
            marker.text = f"{marker.text.strip()}　{day[head.end() :].strip()}"
        elif first_item is not None:
            first_item.entries.insert(0, Entry("note", day))
        else:
            continue
        kept.append(day)
    return kept


def _kept_out_name(text: str) -> str:
    """The heading of a list the minutes do not keep, as the warning names it."""
    squashed = squash(nfkc(text))
    for name in ("配布資料", "配付資料", "会議資料", "資料"):
        if name in squashed:
            return "配布資料" if name != "会議資料" else name
    if "署名" in squashed:
        return "会議録署名"
    if "欠席" in squashed:
        return "欠席者"
    return "説明員"


def _kept_out_list(text: str) -> bool:
    """「７　会議資料」「配布資料　資料１　……」「説明のため出席した者」: the heading of a list the
    header holds and the minutes do not keep (after an agenda list: the header goes on)."""
    squashed = squash(text)
    return bool(
        (_ROSTER_HEADING.search(squashed) and len(squashed) <= 20)
        or _DOCUMENTS_LINE.match(squashed)
        # 「説 明 員　総務部長　桑原　浩二　…」: the officials from the key's own line on
        or _OFFICIALS_LINE.match(squashed)
    )


# 「説明のため出席した者」「説明のため出席した職員」「出席説明員」 (and the officials on its line).
_OFFICIALS_HEADING = re.compile(
    r"^[○◯〇◎■□・]?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})?[.．、]?[【\[［]?(?:(?:地方自治法)?第[0-9]+条(?:第[0-9]+項)?の規定により)?(?:出席説明員|説明員(?:等)?|説明のため(?:会議に)?出席した"
    r"(?:者|職員|説明員)(?:の職氏名)?)[】\]］]?[:：]?"
)


def _spaced_rest(text: str, squashed_end: int) -> str:
    """What follows the first ``squashed_end`` characters of ``text`` that are not white space,
    with its spaces (「説 明 員　総務部長　桑原　浩二」 → 「総務部長　桑原　浩二」)."""
    text = nfkc(text).strip()
    seen = 0
    for at, char in enumerate(text):
        if seen == squashed_end:
            return text[at:].strip()
        if not char.isspace():
            seen += 1
    return ""


_OFFICIALS_LINE = re.compile(
    r"^[○◯〇◎■□・]?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})?[.．、]?[【\[［]?(?:出席説明員|説明員|説明のため出席した者)[】\]］]?[:：]?(?=\S)"
)


def _following(lines: list[Line], index: int) -> str | None:
    """The first line from ``index`` with text, a table's column heads (「発言者　内容」) aside."""
    return next(
        (
            line.text
            for line in lines[index:]
            if not line.blank and not _COLUMN_HEADS.match(nfkc(line.text).strip())
        ),
        None,
    )


def _another_list(squashed: str) -> bool:
    """「８　会議に付した事件」 after a committee's 付託案件: another list's key, numbered on."""
    match = _AGENDA_KEY.match(squashed)
    return match is not None and squash(match["key"]) in _STRONG_AGENDA_KEYS


def _listed_heading(item: str) -> Heading | None:
    """The heading of a line of an agenda list, whose lines are NFKC: 「1 前回の確認事項」 was
    「１　前回の確認事項」."""
    return item_heading(re.sub(r"^([0-9]{1,2}) ", "\\1　", item))


def _numbered_again(items: list[str], following: str) -> bool:
    """Whether the line after an agenda list numbers again as the list did (「議題」「１．防災訓練
    について」「２．その他」, then 「１．防災訓練について」 with its turns): the body's items, the
    list the header's."""
    heading = item_heading(following)
    if heading is None:
        # 「１　協議事項」 heading the list's part, then the body's the same: numbered again too.
        return section_heading(following) is not None and squash(nfkc(following)) in {
            squash(nfkc(item)) for item in items
        }
    listed = [heading for heading in map(_listed_heading, items) if heading is not None]
    # 「議題　（１）……」「（２）その他」, then 「１　開会」: the programme's own numbering starts.
    starts = heading.number == 1 and (len(listed) >= 2 or _OPENING_TITLE.fullmatch(heading.text))
    return bool(starts) or any(
        item.style == heading.style and item.number >= heading.number for item in listed
    )


def _numbered_again_soon(lines: list[Line], start: int, items: list[str]) -> bool:
    """Whether the first item heading within a few lines of ``start`` numbers the list's items
    again, with the very title the list gives it."""
    seen = 0
    for line in lines[start:]:
        if line.blank:
            continue
        seen += 1
        if seen > 6:
            return False
        heading = item_heading(line.text)
        if heading is not None:
            titles = {_agenda_title(item) for item in items}
            return _numbered_again(items, line.text) and _agenda_title(line.text) in titles
    return False


def _speech(value: str) -> bool:
    """「事務局　ただいまから説明します。」 is a turn, 「事務局：佐藤センター長」 a field."""
    value = value.strip()
    # 「…森田　みどり」 ends in kana too: a name; speech ends as sentences do.
    return "。" in value or bool(
        re.search(r"(?:ます|です|ました|ません|した|ください|ましょう|たい|ない|ある|いる)$", value)
    )


_KANA_TOWN = re.compile(r"(?:^|(?<=[\s、]))[ぁ-ゖ]{2,6}(?=[一-龥々ァ-ヺ])")


def _names_line(text: str) -> bool:
    """A roster line continuing a list field: 「【委員】青山、石井」, no sentence."""
    # 「ひまわり市副市長」「つくば大学」: a town's or a body's name starting in kana is no prose.
    if SESSION.match(text.strip()):
        return False  # 「【午前の部】」 under the header: the body starts
    stripped = _KANA_TOWN.sub("〇", text.strip())
    if "。" in stripped or _SPOKEN_END.search(stripped) or len(stripped) > 200:
        return False
    if _QUORUM.search(stripped) or re.search(r"により|に基づ", stripped):
        return False  # 「（会則第15条により、会員の過半数の出席で総会は成立）」: a remark
    if opening_line(stripped.lstrip("○◯〇●◎ 　")) or _times_only(stripped):
        # 「午前９時３０分　開議」 under the last roster, 「○午前１０時００分　開議」 (the review's
        # text): the sitting opens
        return False
    if section_heading(stripped) is not None or item_heading(stripped) is not None:
        return False
    if _agenda_key(stripped) or _DOCUMENTS_LINE.match(squash(stripped)):
        return False  # 「会議次第　１　開会」「配布資料　資料１」: the next block of the header
    if "、" in stripped:
        # 「一般社団法人はるかぜ協働ネット」: a body's name in kana is no prose
        bodies = re.sub(r"\S*(?:法人|株式会社|有限会社|協会|組合)\S*", "", stripped)
        return not re.search(r"[ぁ-ゖ]{4,}", bodies)
    # 「理事　田中一郎君　理事　鈴木花子君」: titles and names separated by spaces; 「（オブザーバー）
    # 市商工振興課 主査 西村さん」.
    listed = _GROUP_MARKER.sub("", stripped, count=1) if _GROUP_MARKER.match(stripped) else stripped
    # 「山口　隆（ひばり野大学教授）」: where a member comes from is no prose either.
    listed = re.sub(r"[(（][^()（）]{1,30}[)）]", "", listed)
    if not listed.strip() and _GROUP_MARKER.match(stripped):
        # 「（委員）」 alone over its names, 「【委員】（敬称略・五十音順）」, 「（事務局）」
        return True
    if re.fullmatch(r"\S{1,8}\s+(?:ほか|他|外)\s*[0-9０-９]{1,3}\s*名", stripped):
        return True  # 「理事　　　ほか１５名」: the others of the roster, counted
    listed = re.sub(r"(?:ほか|他|外)\s*[0-9０-９]{1,3}\s*名", "", listed)
    tokens = [re.sub(r"(?:さん|さま)$", "", token) for token in listed.split()]
    # An agency's name may be long: 「国土交通省中部地方整備局岩倉河川国道事務所長」.
    return len(tokens) >= 2 and all(
        len(t) <= 30
        and (
            not re.search(r"[ぁ-ゖ]{2,}", t)
            or _KANA_GIVEN_NAME.fullmatch(t)
            # 「南台市子ども会育成連合会長」: a member's affiliation in its column
            or (_header.is_office_cell(t) and not re.search(r"[ぁ-ゖ]{4,}", t))
        )
        for t in tokens
    )


# A given name in kana, or kana and kanji: 「さやか」「まり子」「ひとみ君」 (no word of prose).
_KANA_GIVEN_NAME = re.compile(r"[ぁ-ゖ]{2,4}[一-龥]?(?:君|さん|氏)?")


def _turn_follows(lines: list[Line], index: int) -> bool:
    """Whether the next line is the first turn (so an opening line before it is a note)."""
    following = next((line.text for line in lines[index:] if not line.blank), None)
    return following is not None and (
        speaker_label(following) is not None or stage_direction(following) is not None
    )


# A second field after a gap in a header line (a table's row of four cells).
_SECOND_FIELD = re.compile(
    # 「評議員総数：７名　出席評議員：６名」: after a count one full-width space is gap enough
    r"(?:(?<=\S)[ 　]{2,}|(?<=[0-9０-９][名人])　)(?="
    + "|".join(
        r"\s{0,3}".join(key)
        for key in (
            "開催場所", "場所", "会場", "出席者", "出席委員", "欠席者", "欠席委員", "事務局",
            "傍聴者", "傍聴人", "傍聴",
            # 「理事総数　１２名　　出席理事　９名（うち委任状出席３名）」: the size, then who came
            "出席理事", "出席理事数", "出席社員数", "出席会員数", "出席評議員", "出席評議員数",
        )
    )
    + r")[^ 　:：]*[ 　:：]"
)  # fmt: skip


def _key_alone(text: str) -> str | None:
    """The field of a header key standing alone on its line (「開催場所」「■事務局」), if it is one."""
    return _header.HEADER_KEYS.get(squash(nfkc(text)).strip("■□◆◇●・【】[]［］"))


_KI = re.compile(r"^[ 　]*記[ 　]*$")


def _fuller_title(first: str, second: str) -> bool:
    """Whether ``second``, a title under the title ``first``, is the fuller one: it names the
    sitting (第４回, 年度) where ``first`` does not, or holds all of ``first`` and more."""
    first, second = squash(nfkc(first)), squash(nfkc(second))
    if _SITTING_WORDS.search(second) and not _SITTING_WORDS.search(first):
        return True
    # 「第９回会議録」 (the page's running head: the sitting and the word), then 「令和６年度　第９回
    # もみじ市……委員会　会議録」: the same sitting, named.
    bare = _TITLE_WORD_END.sub("", first)
    if _SITTING_ONLY.fullmatch(bare) and bare in second and len(second) > len(first):
        return True
    return first in second and len(second) > len(first)


def _letter_lead(lines: list[Line], index: int, text: str) -> bool:
    """「記」 alone, or the sentence over it (「下記のとおり開催した。」): the header's fields are
    written as a letter's, under 「記」."""
    if _KI.match(text):
        return True
    following = _following(lines, index)
    return following is not None and bool(_KI.match(following)) and text.rstrip().endswith("。")


def _header_follows(text: str) -> bool:
    """Whether ``text`` is a header field, or its key alone (「開催日時」 over the date)."""
    return (
        _header.header_field(text) is not None
        or _MEETING_NAME.match(nfkc(text).strip()) is not None
        or _key_alone(text) is not None
    )


def _read_prelude(lines: list[Line], prelude: _Prelude) -> int:
    """Organization, title and header fields; returns where the body starts."""
    in_field = seen_field = skipping = False
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        index += 1
        if line.blank:
            continue
        if len(prelude.looked_at) < 8:
            prelude.looked_at.append(text.strip())
        second = _SECOND_FIELD.search(text)
        if second and _header.header_field(text[: second.start()]) is not None:
            # 「出 席 者　……　計７名　　欠 席 者　遠山　徹」: two cells of a table's row.
            lines.insert(index, Line(text[second.start() :].strip(), line.lineno))
            line = Line(text[: second.start()], line.lineno)
            text = line.text
        stamp = _STAMP.fullmatch(squash(nfkc(text)))
        if stamp and prelude.title_line is None and not prelude.fields:
            # 「資料１」「（案）」「取扱注意」 above the title: the copy's stamp, no part of it.
            prelude.status = prelude.status or stamp["status"]
            continue
        if _SEPARATOR.match(text.strip()):
            in_field = skipping = False
            continue
        if _letter_lead(lines, index, text) and (prelude.title_line or prelude.sitting_line):
            # 「標記の会議を下記のとおり開催した。」 over 「記」: a letter's form, its fields below.
            prelude.skipped += 1
            continue
        if prelude.title_line is None and not prelude.fields and text.lstrip().startswith("※"):
            prelude.skipped += 1
            continue  # 「※本記録は、……入力したものです。」 above the title: a note on the copy
        if prelude.fields and QA_MARK.match(nfkc(text).strip()) and bare_label(text):
            return index - 1  # 「【質問１】石井委員」 over the words: the first turn
        if _BODY_MARKER.match(squash(text)) and (prelude.title_line or prelude.fields):
            following = _following(lines, index)
            if not prelude.fields and following is not None and _header_follows(following):
                continue  # 「会議の概要」 over 「会議名　…」「開催日時　…」: a web page's table
            listed = _listed_programme(lines, index) if not prelude.agenda else None
            if listed is not None:
                # 「内容」 over 「１　開会」…「６　閉会」, then the body numbering them again.
                prelude.agenda, index = listed
                return index
            marker = re.match(r"^([0-9]{1,2})[.．、]?\s*(\S.*)$", nfkc(text).strip())
            if marker:
                words = marker[2].strip("■□◆◎●【】[]［］＜＞<>〈〉:： ")
                prelude.body_marker = (int(marker[1]), words)
            return index  # the marker itself is no part of the minutes
        name = _MEETING_NAME.match(nfkc(text).strip())
        if name and prelude.sitting_line is None:
            value = name["value"]
            if not value:
                # 「１　会議名」 with the name on the next line
                following = _following(lines, index)
                value = nfkc(following).strip() if following else ""
                index = next(i for i in range(index, len(lines)) if not lines[i].blank) + 1
            prelude.sitting_line = Line(value, line.lineno)
            in_field = skipping = False
            continue
        theme = _THEME.fullmatch(nfkc(text).strip())
        if theme and not prelude.agenda and (prelude.fields or prelude.title_line):
            # 「テーマ「ひとり暮らし高齢者の見守り」」: what the meeting talked over, its agenda.
            prelude.agenda = [(theme["q"] or theme["p"]).strip()]
            in_field = skipping = False
            continue
        found = _header.header_field(text)
        if (
            found is not None
            and prelude.title_line is None
            and not prelude.fields
            and squash(nfkc(text)).startswith("【記録】")
        ):
            found = None  # 「【記録】 青葉小学校PTA　第5回運営委員会」: the title, not who wrote it
        # 「・次第」 among the papers handed out (「配布資料」): a paper's name, no agenda's key.
        bulleted = nfkc(text).strip()[:1] in "・･" and (found is None or not found.value)
        if skipping and (found is None or bulleted) and (bulleted or not _agenda_key(text)):
            # Under 「説明のため出席した者」「配布資料」: lists we do not keep, up to the next
            # field, separator or turn (a marked label, a stage direction, the opening).
            if not (
                _marked_label(text)
                or _colon_label(text)
                or _STAFF_HEADING.match(squash(text))
                # 「事務局」 alone after the 出席説明員 list: the next block of the header
                or _header.HEADER_KEYS.get(squash(nfkc(text))) in _LIST_FIELDS
                or stage_direction(text)
                or opening_line(text)
                or _marked_heading(text)
            ):
                key = prelude.kept_out_key
                prelude.kept_out[key] = prelude.kept_out.get(key, 0) + 1
                continue
            skipping = False
        if found is not None and not (
            found.name in ("secretariat", "signers")
            and _speech(found.value)
            # 「定款第３０条第２項の規定により、……記名押印する。」: the field's sentence
            and not (
                found.name == "signers" and re.search(r"規定により|定款|規約|会則", found.value)
            )
        ):
            skipping = False
            name = found.name
            if (
                found.key == "出席理事"
                and prelude.title_line is not None
                and "評議員会" in prelude.title_line.text
            ):
                name = "also_attending"  # a 評議員会's directors attend it, no members of it
            prelude.fields.append((name, [found.value], line.lineno))
            # 「２　場　所　……」: the field's number, whatever the spaces in its key
            numbered = _FIELD_NUMBER.match(nfkc(text).strip())
            prelude.last_number = to_int(numbered["n"]) if numbered else None
            # 「３．出席者」 with the names on the next line; 「１．日時」 with the date there.
            in_field = found.name in _LIST_FIELDS or not found.value
            seen_field = True
            continue
        if (
            prelude.title_line is not None
            and not prelude.fields
            and squash(nfkc(text)).startswith(squash(nfkc(prelude.title_line.text)))
            and squash(nfkc(text)) != squash(nfkc(prelude.title_line.text))
        ):
            prelude.title_line = line  # the cover's title, then the same with 「（第３号）」
            continue
        if (
            prelude.title_line is not None
            and not prelude.fields
            and _header.is_title(text)
            and _fuller_title(prelude.title_line.text, text)
            # not a cover's title over several lines (「ひばり市教育委員会定例会」「会　議　録」)
            and prelude.organization is None
            and prelude.sitting_line is None
        ):
            # 「…理事会議事録」 (the page's running head), then 「平成２９年度第４回…理事会議事録」:
            # the title that names the sitting, or the whole of the head's shorter one.
            prelude.title_line = line
            prelude.skipped += 1
            continue
        if prelude.title_line is None and _header.is_title(text):
            if prelude.sitting_line is not None and prelude.organization is None:
                prelude.organization = nfkc(prelude.sitting_line.text).strip()
                prelude.sitting_line = None
            prelude.title_line = line
            in_field = False
            continue
        if prelude.agenda and _marked_title(text, _agenda_titles(prelude.agenda)):
            return index - 1  # 「○議案第１号　……」 under the header's list: the body takes it up
        if (
            prelude.agenda
            and item_heading(text) is None
            and _agenda_title(text) in _agenda_titles(prelude.agenda)
            and _AGENDA_TITLE.search(nfkc(text).strip())
            and "。" not in text
        ):
            return index - 1  # the list's title again, unnumbered and unmarked: the first item
        header_agenda = _header_agenda(lines, index - 1)
        if header_agenda is not None:
            key = squash(_agenda_key(text)["key"])
            if header_agenda[0] and re.fullmatch(
                r"議事日程(?:に同じ|のとおり|の通り)", squash(header_agenda[0][0])
            ):
                # 「本日の会議に付した事件　議事日程に同じ」: the list above is the agenda.
                index = header_agenda[1]
                in_field = skipping = False
                continue
            if (
                prelude.agenda
                and header_agenda[0]
                and not key.endswith("付した事件")
                and _agenda_title(header_agenda[0][0]) in _agenda_titles(prelude.agenda)
                and any(_listed_heading(item) for item in header_agenda[0])
            ):
                # 「会議次第」「１　開会」「２　議題」「（１）……」, then 「議事」「２　議題」
                # 「（１）……」 with the turns: the list numbered again is the body's.
                return index - 1
            if prelude.agenda_key == "議事日程" and key.endswith("付した事件"):
                # An assembly's 議事日程 (what was planned), then 本日の会議に付した事件 (what
                # was dealt with): the second is the agenda.
                prelude.agenda = []
            prelude.agenda_key = key
            prelude.agenda.extend(header_agenda[0])
            index = header_agenda[1]
            in_field = skipping = False
            seen_field = True
            following = _following(lines, index)
            at = next((i for i in range(index, len(lines)) if not lines[i].blank), None)
            after = _following(lines, at + 1) if at is not None else None
            if (
                following is not None
                and len(squash(following)) <= 12
                and not re.search(r"[:：]", following)
                and _header.header_field(following) is None
                and item_heading(following) is None
                and after is not None
                and speaker_label(after) is not None
                and _numbered_again_soon(lines, index, header_agenda[0])
            ):
                return index  # 「会長挨拶」 and its turn, then the list numbered again: the body
            continue
        if not any(name == "date" for name, _, _ in prelude.fields) and _header.date_line(text):
            prelude.fields.append(("date", [text.strip()], line.lineno))
            in_field = False
            continue
        dated = None if prelude.fields else _header.date_and_place(text)
        if dated is not None:
            # 「令和６年１０月３日（木）１４：００～　ひかり市役所　第１会議室」 under the title.
            prelude.fields.append(("date", [dated[0]], line.lineno))
            prelude.fields.append(("venue", [dated[1]], line.lineno))
            in_field = False
            continue
        if (
            prelude.title_line is not None
            and not any(name == "venue" for name, _, _ in prelude.fields)
            and _VENUE_LINE.fullmatch(nfkc(text).strip())
        ):
            # 「第二委員会室」 alone under the date: where it was held, not an organization.
            prelude.fields.append(("venue", [text.strip()], line.lineno))
            in_field = False
            continue
        held_at = _HELD_AT.match(nfkc(text))
        if held_at and not any(name == "venue" for name, _, _ in prelude.fields):
            # 「於　いちょう町議会　第２委員会室」 under the date, to the right: the place
            prelude.fields.append(("venue", [held_at["venue"]], line.lineno))
            in_field = False
            continue
        if (
            opening_line(text)
            and not _turn_follows(lines, index)
            # 「○午前１０時　開議」 under the roster (the review's text): the body's note
            and not (
                text.lstrip().startswith(("○", "◯", "〇"))
                and any(name in _LIST_FIELDS for name, _, _ in prelude.fields)
            )
        ):
            # 「午前１０時開議」 in the header, before the roster: the time it started.
            prelude.fields.append(("date", [text.strip()], line.lineno))
            in_field = False
            continue
        officials = _OFFICIALS_HEADING.match(squash(nfkc(text)))
        if officials:
            # 「説明のため出席した者」「出席説明員」: the officials who answer for the city; a clerk
            # lists them apart from the members, as the secretariat (name and title).
            rest = _spaced_rest(text, officials.end())
            prelude.fields.append(("secretariat", [rest], line.lineno))
            in_field, seen_field, skipping = True, True, False
            continue
        staff_line = _STAFF_LINE.match(squash(nfkc(text))) or _STAFF_KEY_LINE.match(
            squash(nfkc(text))
        )
        if _STAFF_HEADING.match(squash(text)) or staff_line:
            # 「事務局職員出席者」「職務のため出席した事務局職員」: the secretariat, listed under it
            # (or on the key's own line: 「職務のため出席した者　議会事務局長　坂井　春子、…」).
            rest = _spaced_rest(text, staff_line.end()) if staff_line else ""
            prelude.fields.append(("secretariat", [rest], line.lineno))
            in_field, seen_field, skipping = True, True, False
            continue
        if _kept_out_list(text):
            # 「出席説明員」「説明のため出席した者」「配布資料」: a list we do not keep.
            in_field = False
            skipping = True
            key = _kept_out_name(text)
            prelude.kept_out_key = key
            prelude.kept_out[key] = prelude.kept_out.get(key, 0) + 1
            continue
        key_alone = _key_alone(text)
        following = _following(lines, index)
        if (
            seen_field
            and key_alone in _LIST_FIELDS
            and following is not None
            and _names_line(following)
        ):
            # 「事務局」 alone in a cell of a table copied as text, the names on the next line.
            prelude.fields.append((key_alone, [""], line.lineno))
            in_field = True
            continue
        if (
            key_alone is not None
            and key_alone not in _LIST_FIELDS
            and following is not None
            and _header.header_field(following) is None
            and not _is_body_start(following)
        ):
            # 「開催場所」 alone in a cell of a web page's table, the place on the next line.
            prelude.fields.append((key_alone, [""], line.lineno))
            in_field, seen_field = True, True
            continue
        if (
            _SCHEDULE_LINE.match(nfkc(text).strip())
            and not prelude.agenda
            and seen_field
            and (following := _following(lines, index)) is not None
            and _SCHEDULE_LINE.match(nfkc(following).strip())
        ):
            # 「日程第１　会議録署名委員の指名」「日程第２　議案第３２号　……」 one under the other,
            # no key over them: the order of business, as a 議事日程 lists it.
            index -= 1
            while index < len(lines) and (
                lines[index].blank or _SCHEDULE_LINE.match(nfkc(lines[index].text).strip())
            ):
                if not lines[index].blank:
                    prelude.agenda.append(" ".join(nfkc(lines[index].text).split()))
                index += 1
            in_field, seen_field = False, True
            continue
        recorder = _RECORDER.fullmatch(nfkc(text).strip())
        if recorder and seen_field and not prelude.agenda:
            # 「書記　菅原」 under 「欠席　……」: who wrote the minutes (read, not kept), or a
            # member of the staff with a title; no one of the list above.
            value = recorder["value"]
            staff = bool(_header.split_staff(value)[1])
            prelude.fields.append(("secretariat" if staff else "signers", [value], line.lineno))
            in_field = False
            continue
        chair = _CHAIR.fullmatch(nfkc(text).strip())
        following = _following(lines, index)
        if (
            chair
            and seen_field
            and following is not None
            and (
                _header.header_field(following) is not None
                or _agenda_key(following)
                # 「議長：正会員　千田　舞」, a blank line, then the proceedings: the header's last
                or (index < len(lines) and lines[index].blank)
            )
        ):
            # 「議長：安田副理事長」 among the header's fields: who chaired (read, not kept).
            prelude.fields.append(("signers", [chair["value"]], line.lineno))
            in_field = False
            continue
        if prelude.fields and prelude.fields[-1][0] in _LIST_FIELDS:
            group = _ROSTER_GROUP_LINE.fullmatch(squash(nfkc(text)))
            if group and (in_field or not "".join(prelude.fields[-1][1])):
                # 「３　出席者」 over 「（１）委員」…「（２）事務局」: the roster's groups.
                if group["group"] in _STAFF_GROUPS:
                    prelude.fields.append(("secretariat", [""], line.lineno))
                in_field = True
                continue
            if in_field and _ROSTER_HEADS.fullmatch(squash(nfkc(text))):
                # 「委員名　出欠」「区分　氏名　所属等　出欠」: the heads of the roster's table
                prelude.roster_heads = squash(nfkc(text))
                continue
            if (
                in_field
                and _PLAIN_ROSTER_HEADS.fullmatch(squash(nfkc(text)))
                and len(re.split(r"[\t 　]+", text.strip())) >= 2
            ):
                continue  # 「区分　氏名　所属」: the heads, no row of names
            marked = _ATTENDANCE.fullmatch(nfkc(text).strip())
            if in_field and marked and prelude.fields[-1][0] == "attendees":
                # 「委　員　高野　美穂　欠席」: the table's column of who came and who did not.
                row = _roster_row_name(marked["row"], prelude.roster_heads)
                if marked["mark"] in _ABSENT_MARKS:
                    prelude.absent_rows.append(row)
                else:
                    prelude.fields[-1][1].append(row)
                continue
            if in_field and prelude.roster_heads and _ATTENDANCE_KEY.match(squash(nfkc(text))):
                continue  # 「※出欠欄　○：出席　×：欠席」: the table's key
            if (
                in_field
                and prelude.roster_heads
                and not marked
                and prelude.fields[-1][0] == "attendees"
            ):
                # 「管理会社　みどり管理サービス　宮川」 under the table: no row of it, no names
                in_field, prelude.roster_heads = False, ""
        if re.fullmatch(r"〔[^〔〕]*(?:開会|開議)〕", squash(nfkc(text))) and prelude.fields:
            return (
                index - 1
            )  # 「【１８：３０】開会」 (as 〔18:30 開会〕) after the header: the body
        if in_field and prelude.fields[-1][0] in _LIST_FIELDS and _names_line(text):
            prelude.fields[-1][1].append(text.strip())
            continue
        if (
            prelude.fields
            and prelude.fields[-1][0] == "date"
            and (
                (
                    _WRAPPED_TIME.match(nfkc(text).strip())
                    and re.search(r"[0-9０-９]$", prelude.fields[-1][1][-1].rstrip())
                )
                # 「…午後４時１０分」 at the page's edge, 「閉会」 on the next line
                or (
                    _WRAPPED_CLOSE.match(nfkc(text).strip())
                    and re.search(r"[0-9０-９][時分]$", prelude.fields[-1][1][-1].rstrip())
                )
            )
        ):
            # 「…午前１１時３０」 cut at the page's edge, 「分」 on the next line.
            prelude.fields[-1][1][-1] = prelude.fields[-1][1][-1].rstrip() + text.strip()
            continue
        if (
            prelude.fields
            and prelude.fields[-1][0] == "date"
            and _OTHER_DAY.match(nfkc(text).strip())
        ):
            # 「第２日　令和６年９月１０日（火）　午前９時～正午」 under 「日時　第１日　……」: a
            # meeting over days; the model holds one date, the body keeps the others' (a note).
            prelude.more_days.append("　".join(text.split()))
            continue
        if prelude.fields and prelude.fields[-1][0] == "date" and _times_only(text):
            # 「日時：令和６年５月１０日（金）」 with 「午後２時～午後４時」 on the next line.
            prelude.fields[-1][1].append(" " + text.strip())
            continue
        numbered = _HEADER_NUMBER.match(nfkc(text).strip())
        if (
            numbered
            and prelude.last_number
            and to_int(numbered["n"]) == prelude.last_number + 1
            and not _PROGRAMME.search(numbered["key"])
            and not line.relocated
        ):
            # 「５　応募団体　Ａ共同事業体、…」「６　公開・非公開の別」 numbered on from the
            # header's fields: a field we do not know (read, not kept), not the body.
            prelude.fields.append(("signers", [numbered["rest"] or ""], line.lineno))
            prelude.last_number += 1
            in_field, seen_field = not numbered["rest"], True
            continue
        if (
            seen_field
            and _REMARK_LINE.fullmatch(squash(nfkc(text)))
            and (following := _following(lines, index)) is not None
            and (_header_follows(following) or _HEADER_NUMBER.match(nfkc(following).strip()))
        ):
            continue  # 「（諮問第１２号の審議時のみ出席）」 under a field: a remark on it
        schedule = _SCHEDULE_LINE.match(nfkc(text).strip())
        if (
            schedule
            and prelude.agenda
            and _schedule_title(schedule["title"]) in map(_schedule_title, prelude.agenda)
        ):
            return index - 1  # 「◎日程第１　一般質問」 of the 議事日程 above: the first item
        if prelude.agenda and _BRACKETED_SCHEDULE.match(nfkc(text).strip()):
            return index - 1  # 「【日程第１】」: the first item of the order of business above
        if schedule and not prelude.agenda and seen_field and _BILL.match(schedule["title"]):
            return index - 1  # 「日程第１　議案第１７号　……」 under the header: the first item
        if _is_body_start(text) and not line.relocated and not prelude.agenda:
            unkeyed = _unkeyed_agenda(lines, index - 1)
            if unkeyed is not None:
                # 「１　開会」…「５　閉会」 with no key over it, then 「【議事の内容】」 and the
                # body numbering them again: the header's list.
                prelude.agenda, index = unkeyed
                continue
        if _is_body_start(text) or line.relocated:
            return index - 1
        if seen_field and _QUORUM.search(text) and len(text.strip()) <= 80:
            continue  # 「定款第27条に定める定足数を満たしている。」 under the count: read, not kept
        if _MARKED.match(nfkc(text).strip()) and _marked_title(
            text, _agenda_titles(prelude.agenda)
        ):
            return index - 1  # 「■図書館サービス計画の評価について」: the first item
        if prelude.agenda and re.match(r"[■□◆]\S", nfkc(text).strip()) and "。" not in text:
            return (
                index - 1
            )  # 「■第２款　総務費」 after the agenda's list: the body's first heading
        if seen_field and re.match(r"[◎△▲]\S", nfkc(text).strip()):
            return index - 1  # 「◎開議の宣告」 after the last roster: the record begins
        if (
            numbered
            and prelude.last_number
            and to_int(numbered["n"]) == prelude.last_number + 1
            and not numbered["rest"]
            and _agenda_key(text) is not None
        ):
            # 「六　議事」 numbered on from the header's fields (「五　事務局　……」): the
            # proceedings follow, no name of the list above.
            return index
        if in_field and prelude.fields[-1][0] in _LIST_FIELDS and _BODY_TITLE.search(text.strip()):
            return index - 1  # 「議長の選出」 under the last roster: the body's first heading
        if in_field and not text.rstrip().endswith("。"):
            prelude.fields[-1][1].append(text.strip())
            in_field = prelude.fields[-1][0] in _LIST_FIELDS
            continue
        if in_field and prelude.fields[-1][0] == "signers" and not "".join(prelude.fields[-1][1]):
            # 「６　議長」, then 「定款第２５条の規定により、会長が議長となった。」: its value.
            prelude.fields[-1][1].append(text.strip())
            in_field = False
            continue
        if (
            prelude.title_line is None
            and prelude.sitting_line is None
            and _header.is_sitting(text)
            and not text.rstrip().endswith("。")
        ):
            prelude.sitting_line = line
            continue
        if prelude.organization is None and not seen_field and _org_like(prelude, text):
            # The organization line usually precedes the title, sometimes follows it.
            prelude.organization = nfkc(text).strip()
            continue
        if text.rstrip().endswith("。") or not (seen_field or prelude.title_line):
            return index - 1
        # A header line we do not read (a roster continued, 「説明のため出席した者」 …).
        prelude.skipped += 1
    return len(lines)


@dataclass
class _Body:
    numbered: bool
    reader: _EntryReader
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    open_title: Item | None = None  # the item whose title may wrap on
    title_full: bool = False  # whether that title filled its line
    after_closing: list[Line] = field(default_factory=list)  # the appendix, unless a turn follows
    line_indented: bool = False  # the line being fed began with a full-width space
    items_indented: bool = False  # the last item's heading did
    closing_line: Line | None = None
    # 「８　閉会」 alone: the line under it may tell the closing (「午後８時３０分、閉会した。」)
    awaiting_sentence: bool = False
    closing_sentence: Line | None = None  # that line, when it did
    closed_entry: Entry | None = None  # the entry open when the closing came
    verbatim: bool = False  # turns came before any heading: numbered lines are speech
    section_style: str = ""  # how the current section's heading was numbered
    item_style: str = ""  # how its items are numbered
    agenda: frozenset[str] = frozenset()  # the header's agenda titles (``_agenda_title``)
    # the same as the titles of an order of business (``_schedule_title``)
    schedule: frozenset[str] = field(init=False, default=frozenset())
    numbered_rows: bool = False  # a table of turns whose rows are numbered (「No.　発言者」)
    spoken_close: Entry | None = None  # the chair's turn that closed the meeting in words
    promoted: bool = False  # an item's heading became a section's: items numbered under it
    # The header's order of business by number (「日程第２　議案第３２号……」 → 2: its title).
    numbered_schedule: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.schedule = frozenset(map(_schedule_title, self.agenda))

    def _next_section(self) -> int:
        """The number of an unnumbered section heading (「■議題」「【議事】」): the next after the
        sections before it, the unnamed one holding only the turns before the first heading not
        counted."""
        return (
            sum(
                1
                for section in self.sections
                if section.number or section.category or any(item.number for item in section.items)
            )
            + 1
        )

    def section(self) -> Section:
        if not self.sections:
            # Items before any category heading: an unnamed section 0.
            self.sections.append(Section(0, ""))
        return self.sections[-1]

    def item(self) -> Item:
        section = self.section()
        if not section.items:
            # Entries straight under a heading: an unnamed item 0.
            section.items.append(Item(0, ""))
        return section.items[-1]

    def feed(self, line: Line) -> None:
        if self.closing is not None:
            if line.blank:
                return
            awaited, self.awaiting_sentence = self.awaiting_sentence, False
            if awaited and _closing_sentence(line.text):
                # 「８　閉会」, then 「午後８時３０分、閉会した。」: the record of the closing.
                self.closing = nfkc(line.text).strip()
                self.closing_sentence = line
                return
            label = speaker_label(line.text)
            # 「３　閉会」, then 「会長」 over the chair's words: an item with its turns.
            spoken = awaited and (label is not None or bare_label(line.text) is not None)
            if not spoken and (label is None or not label.text):
                self.after_closing.append(line)
                return
            # A turn after the closing: that 「以上」 ended a speech, not the sitting.
            closing_line, replay = self.closing_line, self.after_closing
            sentence = self.closing_sentence
            signed = self.closing == ""  # the signatures' sentence is in ``replay`` already
            self.closing, self.closing_line, self.after_closing = None, None, []
            self.closing_sentence = None
            assert closing_line is not None
            self.reader.current = self.closed_entry
            if not signed:
                self._feed(closing_line, closing=False)
            if sentence is not None:
                self._feed(sentence, closing=False)
            for old in replay:
                self._feed(old, closing=False)
        self._feed(line)

    def _feed(self, line: Line, closing: bool = True) -> None:
        text = line.text
        heads = _COLUMN_HEADS.match(nfkc(text).strip()) if "発言" in text else None
        if line.blank or _SEPARATOR.match(text.strip()) or heads:
            self.numbered_rows = self.numbered_rows or bool(heads and heads["number"])
            self.reader.break_paragraph()
            self.open_title = None
            return
        row = _ROW_NUMBER.match(text.strip()) if self.numbered_rows else None
        if row and speaker_label(text.strip()[row.end() :]) is not None:
            text = text.strip()[row.end() :]
            line = Line(text, line.lineno, relocated=line.relocated)
        if self.open_title is not None and self._continue_title(text):
            return
        boundary = line.relocated or self.reader.boundary or not self.numbered
        self.line_indented = line.indented
        ended = _CLOSING_HEADING.match(nfkc(text).strip()) if boundary and closing else None
        if ended is not None:
            # 「８　閉会」「（８）閉会のあいさつ」: the closing, whatever the numbering; the
            # sentence under it, if any, tells it (``feed``).
            self.closing = nfkc(text).strip()
            self.closing_line = line
            self.awaiting_sentence = ended["text"] is None and ended["time"] is None
            self.closed_entry = self.reader.current
            self.reader.close()
            return
        if self._heading(text, boundary):
            self.reader.close()
            return
        found = closing_line(text) if boundary and closing else None
        current = self.reader.current
        if (
            found is not None
            and current is not None
            and current.kind == "statement"
            and (_SPOKEN_END.search(found) or re.search(r"る[。.]$", found))
        ):
            # 「これをもって散会いたします。」「…会議の閉会を宣言する。」: the chair speaking
            found = None
            self.spoken_close = current
        if (
            found is None
            and closing
            and self.spoken_close is not None
            and self.spoken_close is current
            and _APPENDIX_START.match(text.strip())
        ):
            # 「会長：以上で本日の協議会を閉会します。」, then 「配付資料」: what follows is the
            # appendix, though no closing line was written.
            found = ""
            self.after_closing.append(line)
        if found is None and closing and _SIGNED.match(text.strip()):
            # 「上記のとおり相違ないことを確認するため、ここに署名する。」 after the last turn with no
            # closing line: the signatures start, the appendix (no closing recorded).
            found = ""
            self.after_closing.append(line)
        if found is not None:
            self.closing = found
            self.closing_line = line
            self.closed_entry = self.reader.current
            self.reader.close()
            return
        if opening_line(text) or ("休憩" in text and _RECESS.match(plain_numbers(text).strip())):
            # 「午前１１時１０分　休憩」「午後１時再開」: a note of its own, never a speech's end.
            self.reader.close()
        self.reader.indented = line.indented
        started = self.reader.feed(text)
        if started is not None:
            if (
                started.kind == "statement"
                and len(started.text) <= 60
                and ("閉会" in started.text or "散会" in started.text or "終了" in started.text)
                and closing_line(started.text) is not None
            ):
                self.spoken_close = started  # 「会長：以上で本日の協議会を閉会します。」
            if not self.sections and started.kind == "statement":
                self.verbatim = True
            self.item().entries.append(started)

    def _heading(self, text: str, boundary: bool) -> bool:
        # In PDF text a heading starts after the end of a paragraph, or is at
        # least a short line that is not a sentence; otherwise 「（２）…」 is
        # a wrapped part of a statement.
        if ("閉会" in text or "散会" in text) and _TIMED_CLOSING.match(plain_numbers(text).strip()):
            return False  # 「８　閉会　１６時００分」: the closing, not an item
        title_like = boundary or (
            not text.rstrip().endswith("。")
            and (self.reader.short(text) or not self.reader.last_full)
        )
        heading = section_heading(text)
        current = self.sections[-1] if self.sections else None
        numbered_heading = heading is not None and heading.number is not None
        if (
            heading is not None
            and (boundary or (numbered_heading and title_like))
            and not (
                self._container_item(current, heading.text)
                and (
                    (not heading.style and not self._outer_other(heading))
                    or (heading.style and heading.style != self.section_style)
                    or _style_family(heading.style) == _style_family(self.item_style)
                )
            )
            and not self._next_item(current, heading)
        ):
            number = heading.number if heading.number is not None else self._next_section()
            self.sections.append(Section(number, heading.text))
            self.section_style = heading.style
            self.item_style = ""
            return True
        item = item_heading(text)
        if item is None and title_like:
            item = (
                self._marked_item(text)
                or self._bracketed_schedule(text)
                or self._kana_item(text)
                or self._schedule_item(text)
                or self._listed_item(text)
                or self._circled_item(text)
                or _kanji_item(text)
            )
        if item is None or not title_like:
            return False
        if _SIGNERS_ITEM.match(squash(item.text)):
            # 「８　議事録署名人　出席した理事長及び監事」 after the items: the header's numbering
            # going on, who signs; no item of the meeting (kept as a note).
            return False
        current = self.reader.current
        in_speech = current is not None and current.kind == "statement"
        if (
            in_speech
            and self.verbatim
            and not _AGENDA_TITLE.search(item.text)
            and _agenda_title(text) not in self.agenda
            and item.style != "日程第1"  # the 議事日程 lists it (``_schedule_item``)
        ):
            return False  # 「１、概要についてですが、…」: a numbered paragraph of the speech
        if in_speech and (
            current.text.rstrip().endswith(("、", "，", ",", "：", ":"))
            or _listed_before(item, current.text)
        ):
            return (
                False  # 「特に女性の視点で、」 then 「①更衣室の設置」「②……」: the sentence goes on
            )
        listed = _agenda_title(text) in self.agenda
        if _VOTES.match(item.text):
            return (
                False  # 「第１号議案　賛成　４６０　反対　０　→　承認」: a line of the votes' table
            )
        bill = item.style in ("議案第1号", "第1号議案") and "。" not in item.text
        if item.text.endswith("。") or (
            in_speech and _prose(item.text) and not listed and not bill
        ):
            # 「②案内表示を増やしてほしい。」: a numbered sentence, in a speech or a summary (a
            # bill's name whole, 「報告第５号　専決処分の報告について（……の一部改正）」, runs long)
            return False
        category = item_category(text)
        if category is not None and category != self.section().category:
            # 「報告事項（１）　……」 after the items of 議題: the category starts a section.
            self.sections.append(Section(self._next_section(), category))
            self.section_style = ""
        section = self.section()
        last = _last_number(section)
        if (
            last
            and item.number != last + 1
            and not self._outer_heading(item)
            and item.style != "議案第1号"  # 議案第２号 then 報告第１号: each names itself
            and not self._numbered_on(item, last)
        ):
            return False  # 「（２）…」 inside a sentence, not the next item
        if self._sub_items(section, item):
            # 「３．各委員会報告」 with no proceedings, then 「（１）広報委員会」「（２）……」: the
            # heading holds the items under it, as a category does.
            outer = section.items.pop()
            self.sections.append(Section(outer.number, outer.title))
            self.section_style, self.promoted = self.item_style, True
            section = self.section()
            carried = outer.entries
        elif (
            self.promoted
            and _style_family(item.style) == _style_family(self.section_style)
            and _style_family(item.style) != _style_family(self.item_style)
        ):
            # 「３　研修」 after the items of 「２　報告」 so read: the next heading of that order.
            self.sections.append(Section(item.number, item.text))
            self.item_style = ""
            return True
        else:
            carried = []
        title, _, remark = item.text.partition("※")
        if remark and title.strip():
            # 「４　審査・採点　※非公開のため要旨を省略」: the title, then the record's remark.
            section.items.append(Item(item.number, title.strip(), [Entry("note", "※" + remark)]))
        else:
            section.items.append(Item(item.number, item.text))
        section.items[-1].entries[:0] = carried
        self.item_style = item.style
        self.items_indented = self.line_indented
        if self.numbered:
            self.open_title = section.items[-1]
            self.title_full = not self.reader.short(text)
        return True

    def _outer_other(self, heading: Heading) -> bool:
        """「その他」 alone at the margin, unnumbered, after 「議事」's items 「（１）」「（２）」 at
        the margin too: the next heading of the outer order (as 「議事」 was), not an item."""
        if (
            heading.number is None
            and not self.line_indented
            and self.items_indented
            and bool(self.sections and self.sections[-1].items)
            and bool(self.sections[-1].items[-1].entries)
        ):
            # 「議事」, its items indented under it (「　第１号議案　……」), then 「報告」 at the
            # margin: the structure told by the full-width indentation, the next heading.
            return True
        return (
            heading.text == "その他"
            and heading.number is None
            and not self.line_indented
            and self.item_style in ("(1)", "①", "1.", "1　", "1)")
            and bool(self.sections and self.sections[-1].items)
            and bool(self.sections[-1].items[-1].entries)
        )

    def _sub_items(self, section: Section, item: Heading) -> bool:
        """Whether ``item`` is the first of the items under the section's last one: numbered 1 in
        another style, straight under that heading (no proceedings between them)."""
        if not section.items or item.number != 1 or not self.item_style:
            return False
        last = section.items[-1]
        return (
            last.number > 0
            # 「２．新規申請の審査」, 「〔非公開〕」, then 「（１）受付番号……」: a stage direction
            # between them is no proceedings (it goes with the items under the heading)
            and all(
                entry.kind == "note" and stage_direction(entry.text) is not None
                for entry in last.entries
            )
            and self.reader.current is None
            and _style_family(item.style) != _style_family(self.item_style)
            and _style_family(self.item_style) == "1."
            and item.style in ("(1)", "①")
            and not _prose(last.title)
        )

    def _marked_item(self, text: str) -> Heading | None:
        """An unnumbered title after a heading's mark (``_marked_title``), numbered after the
        items before it."""
        title = _marked_title(text, self.agenda)
        if title is None:
            return None
        return Heading(_last_number(self.section()) + 1, title, "■")

    def _circled_item(self, text: str) -> Heading | None:
        """「【協議】」, then 「○登下校の見守り体制について」「○地域学習の講師について」 with the
        turns under each: the category's items, marked ○ (a title: no sentence, no turn)."""
        stripped = nfkc(text).strip()
        section = self.sections[-1] if self.sections else None
        if (
            stripped[:1] not in "○◯〇"
            # indented under the heading (a note's ○ in the house format is at the margin)
            or not self.line_indented
            or section is None
            or not section.category
            or (section.items and self.item_style != "○")
            or "。" in stripped
            or len(stripped) > 41
            or speaker_label(text) is not None
        ):
            return None
        return Heading(_last_number(section) + 1, stripped[1:].strip(), "○")

    def _listed_item(self, text: str) -> Heading | None:
        """「報告事項　管理費等の収支状況（８月分）」 with no number or mark, word for word as the
        header's agenda lists it after numbered items: the next item (no sentence, no turn)."""
        stripped = nfkc(text).strip()
        if (
            not self.agenda
            # the first one only when worded as agenda titles are (「…について」)
            or not (_last_number(self.section()) or _AGENDA_TITLE.search(stripped))
            or len(stripped) > 60
            or "。" in stripped
            or _agenda_title(stripped) not in self.agenda
            or speaker_label(text) is not None
        ):
            return None
        return Heading(_last_number(self.section()) + 1, stripped, "■")

    def _bracketed_schedule(self, text: str) -> Heading | None:
        """「【日程第２】」 alone on its line: the item the order of business lists as 日程第２."""
        match = _BRACKETED_SCHEDULE.match(nfkc(text).strip())
        if match is None:
            return None
        number = int(match["n"])
        title = self.numbered_schedule.get(number)
        return Heading(number, title, "日程第1") if title else None

    def _schedule_item(self, text: str) -> Heading | None:
        """「○日程第１　前回会議録の承認」「日程第２　議案第５号……」: an item of the order of
        business when the header's agenda (its 議事日程) lists it."""
        if "日程" not in text:
            return None
        match = _SCHEDULE_LINE.match(nfkc(text).strip())
        if match is None:
            return None
        if _schedule_title(match["title"]) not in self.schedule and not (
            # 「日程第１　議案第１７号　……について」 with no list in the header: a bill's title
            not self.agenda and _BILL.match(match["title"]) and "。" not in match["title"]
        ):
            return None
        return Heading(to_int(match["n"]), nfkc(match["title"]).strip(), "日程第1")

    def _kana_item(self, text: str) -> Heading | None:
        """「ア　委員長の選出について」 under 「（２）議事」: an item when the header's agenda lists
        it, or under 議事/議題 when it reads as an agenda title; otherwise a part of the item
        (a note, ``_EntryReader``)."""
        kana = _KANA_HEADING.match(text.strip())
        if kana is None:
            return None
        title = nfkc(text.strip()[1:]).lstrip(" .、)").strip()
        section = self.section()
        listed = _agenda_title(text) in self.agenda
        contained = (
            section.category in CONTAINER_CATEGORIES
            and all(item.number == 0 or self.item_style == "ア" for item in section.items)
            and _AGENDA_TITLE.search(title) is not None
        )
        if not (listed or contained):
            return None
        return Heading(_KANA_ORDER.index(kana["letter"]) + 1, title, "ア")

    def _outer_heading(self, item: Heading) -> bool:
        """「８　次回の予定」 after items 「（１）」「（２）」: a heading of the document's outer
        numbering (the one of 「１　日時」 … 「７　会議の概要」), numbered in another style than the
        items and standing alone as a title (no sentence: ``_prose``), starts an item of its own."""
        return (
            bool(self.item_style)
            and _style_family(item.style) != _style_family(self.item_style)
            and not _prose(item.text)
            and len(item.text) <= 30
        )

    def _numbered_on(self, item: Heading, last: int) -> bool:
        """「（８）次回の予定」 after the item 「（２）」, at the margin under a finished sentence:
        the next item, some numbers skipped (the header's numbering going on, as the review's
        text renders it), not a numbered line of what was said."""
        current = self.reader.current
        return (
            item.number > last + 1
            and not self.line_indented
            and (current is None or current.text.rstrip().endswith("。"))
            and not _prose(item.text)
        )

    def _continue_title(self, text: str) -> bool:
        """A long item title wraps on to the next line: join it.

        The next line continues the title when the title filled its line, or
        when it is a short fragment that is no sentence (narrative under a
        heading ends with 。).
        """
        item, self.open_title = self.open_title, None
        if item is None or _is_body_start(text) or closing_line(text) is not None:
            return False
        if text.strip()[:1] in "＜<〈【［[《":
            return (
                False  # 「＜Ａグループ＞（発表者：……）」 under 「３　グループ発表」: its first part
            )
        if _NEXT_MEETING_TITLE.fullmatch(item.title):
            return False  # 「■次回予定」 over the day: the heading is whole
        if _AGENDA_TITLE.search(item.title) and not text.strip().startswith(("（", "(")):
            # 「…承認の件」「…について」 is whole: the line under it is the proceedings, or its
            # first part (「ア　利用状況」); only a 「（報告）」 may still follow.
            return False
        fragment = self.reader.short(text) and not text.rstrip().endswith("。")
        if not (self.title_full or fragment):
            return False
        item.title += nfkc(text).strip()
        return True

    def _next_item(self, section: Section | None, heading: Heading) -> bool:
        """「（２）その他」 after the item 「（１）…」: numbered on from the open items, in their
        style, it is the next item, not a section named その他."""
        if section is None or heading.number is None or not self.item_style:
            return False
        if heading.text in CONTAINER_CATEGORIES:
            return False  # 「２　議事」 after 「１　開会」: the items under it follow
        family = _style_family(heading.style)
        if family != _style_family(self.item_style) or family == _style_family(self.section_style):
            return False  # sections numbered as their items: 「２．審議事項」 after 「１．…」
        last = _last_number(section)
        return bool(last) and heading.number == last + 1

    @staticmethod
    def _container_item(section: Section | None, category: str) -> bool:
        # Under 「議題」, 「（３）その他」 is an item, not a new section.
        return (
            section is not None
            and section.category in CONTAINER_CATEGORIES
            and bool(section.items)
            and category not in CONTAINER_CATEGORIES
        )


def _closing_sentence(text: str) -> bool:
    """Whether the line under a closing heading records the closing: a sentence of the record
    (「午後８時３０分、閉会した。」「会長から閉会のあいさつがあった。」), no turn, signature or
    appendix."""
    stripped = nfkc(text).strip()
    return (
        speaker_label(text) is None
        and bare_label(text) is None
        and not _SIGNED.match(stripped)
        and not _APPENDIX_START.match(stripped)
        and len(stripped) <= 200
        and (closing_line(text) is not None or stripped.endswith("。"))
    )


def _listed_before(item: Heading, text: str) -> bool:
    """Whether a speech holds the number before ``item``'s in its style: 「②……」 after 「…、①……」
    is the next line of the speaker's list."""
    number = item.number - 1
    if number < 1:
        return False
    if item.style == "①":
        return any(CIRCLED[mark] == number and mark in text for mark in CIRCLED)
    return item.style == "(1)" and f"({number})" in nfkc(text)


# 「○日程第１　前回会議録の承認」「◎日程第２　……」「日程第３　……」.
_BILL_LINE = re.compile(r"^[■□◆◇●◎○〇◯・]?議案第[0-9]{1,3}号\S")
_SITTING_WORDS = re.compile(
    r"第\s*[0-9]{1,3}\s*回|年度|(?:令和|平成|昭和)\s*(?:元|[0-9]{1,2})\s*年"
)
_BILL = re.compile(r"^(?:議案|報告|諮問|協議|承認|請願|陳情)第\s*[0-9]{1,3}\s*号\s+\S")
_SCHEDULE_LINE = re.compile(r"^[○◯〇◎●]?\s*日程\s*第\s*(?P<n>[0-9]{1,3})\s+(?P<title>\S.*)$")


# 「【日程第１】」 alone on its line: the item of that number in the order of business.
_BRACKETED_SCHEDULE = re.compile(
    r"^[【\[［〔<＜〈]\s*日程\s*第\s*(?P<n>[0-9]{1,3})\s*[】\]］〕>＞〉]$"
)


def _schedule_title(text: str) -> str:
    """An order of business's title to compare: 「日程第1 前回会議録の承認」「第1 前回会議録の承認」
    and 「前回会議録の承認」 alike."""
    return squash(re.sub(r"^\s*(?:日程)?\s*第\s*[0-9]{1,3}\s*", "", nfkc(text)))


def _last_number(section: Section) -> int:
    """The number of the section's last numbered item (0: none yet)."""
    return next((item.number for item in reversed(section.items) if item.number > 0), 0)


_KEYED_TITLE = re.compile(r"^(?:議題|案件)[ 　:：]+(?P<title>\S.*)$")


_NEXT_MEETING_TITLE = re.compile(r"次回(?:の)?(?:予定|開催予定|開催|日程|会議|の会議)?")


def _marked_title(text: str, agenda: frozenset[str]) -> str | None:
    """「■図書館サービス計画の評価について」「【移動図書館の運行】」: the title after a heading's
    mark, when the header's agenda (``_agenda_title``s) lists it or it is worded as agenda titles
    are (「…について」「…の件」); no sentence."""
    stripped = nfkc(text).strip()
    keyed = _KEYED_TITLE.match(stripped)
    if keyed and _agenda_title(keyed["title"]) in agenda and "。" not in stripped:
        return keyed["title"]  # 「議題　第４次……について」 over its turns, as the header lists it
    if (
        stripped[:1] in "○◯〇"
        and not stripped[1:].lstrip().startswith("日程")  # 「○日程第１　……」: _schedule_item's
        and _agenda_title(stripped[1:].strip()) in agenda
        and "。" not in stripped
        and speaker_label(text) is None
    ):
        return stripped[1:].strip()  # 「○議案第１号　……について」 as the header's agenda lists it
    if not _MARKED.match(stripped) or "。" in stripped or speaker_label(text) is not None:
        return None  # 「◆議長（田村誠君）　……について」 is a turn
    if SESSION.match(stripped):
        return None  # 「【第２部】分科会報告」: a session of the meeting starts (a note)
    title = stripped[1:].rstrip("】]").strip()
    if not title or len(title) > 40 or closing_line(title) is not None:
        return None  # 「【閉会】」 closes the minutes
    if _NEXT_MEETING_TITLE.fullmatch(title):
        return title  # 「■次回予定」 over when they meet next: a heading of its own
    if (
        _agenda_title(title) not in agenda
        and not _AGENDA_TITLE.search(title)
        and not _DIAMOND_HEADING.match(stripped)
    ):
        return None
    return title


def _agenda_titles(agenda: list[str]) -> frozenset[str]:
    return frozenset(map(_agenda_title, agenda))


def _agenda_title(text: str) -> str:
    """An agenda line as a title to compare: 「・図書館サービス計画の評価について」「（１）……」
    without its bullet or number, NFKC, no spaces."""
    heading = item_heading(text)
    title = heading.text if heading is not None else text
    title = nfkc(title).strip().lstrip("・●■□◆◇○-－")
    kana = _KANA_HEADING.match(title)
    return squash(title[1:] if kana else title)  # 「ア　委員長の選出について」


def _style_family(style: str) -> str:
    # 「１．」「１　」「1)」 are one family for sections (their prefixes read alike).
    return "1." if style in ("1.", "1　", "1)") else style


# How agenda titles end (「…について」「…の件」「…の選任」): in verbatim minutes only such a
# numbered line after a turn starts an item.
_AGENDA_TITLE = re.compile(
    r"(?:について|の件|に関する件|議案|報告|選任|選出|承認|決定|変更|改正|制定|[^答]案|審査|審議|"
    r"協議|説明|開会|閉会|その他|事務調査|一般質問|請願|陳情|諮問|答申)(?:[(（][^()（）]*[)）])?$"
)
_SPOKEN_END = re.compile(r"(?:ます|ました|です|でした)[。.]?$")
# 「（松岡課長）　……」 right under 「事務局　……」: the rest of a label its column wrapped.
_WRAPPED_STAFF_LABEL = re.compile(
    r"^[（(][一-龥々]{0,4}(?:課長補佐|課長|主幹|主査|主任|主事|係長|部長|参事)[）)][ 　]"
)
# The sentence over the signatures: 「上記のとおり相違ないことを確認するため、ここに署名する。」
_SIGNERS_ITEM = re.compile(
    r"^(?:(?:議事録|会議録)?(?:署名人|署名者|署名委員|署名議員|作成者)(?![のをにと])"
    # 「５．次回　令和６年１１月予定」「４　次回予定　１１月１６日（土）午後」: when they meet next
    r"|次回(?:予定|の予定|開催予定|の開催|開催日)?(?:令和|平成|[0-9]{1,4}[年月/.]))"
)
_SIGNED = re.compile(
    r"^(?:上記|以上|右)の?.{0,50}(?:署名|記名押印|署名押印|押印)(?:する|します|した)。?"
    # 「……記名押印する。　議事録署名人 鈴木一郎 佐藤次郎」: the signatories on the same line (as
    # the review text prints a closing read over two lines).
    r"(?:\s+(?=.*(?:署名人|署名者|印$)).{1,160})?$"
)
_PROSE_END = re.compile(r"(?:です|ます|した|ですが|が|けれども|ので|か|ね|よ)$")


def _prose(title: str) -> bool:
    """Whether the text after a number reads as a sentence rather than an agenda title."""
    return (
        "。" in title
        or (("、" in title or "，" in title) and not title.endswith(("について", "の件", "件")))
        or len(title) > 40
        or bool(_PROSE_END.search(title.rstrip("）)")))
    )


def _typical_width(lines: list[Line]) -> int:
    """The page width in PDF text: the usual width of lines that wrap on.

    A line followed by one that starts nothing (no label, heading or ○) was
    wrapped, so it is a full line.  0 when nothing wraps. A line that wraps reaches near the
    page's edge: one far narrower than the widest line (「８　次回の予定」 above its one sentence)
    only stands above the next.
    """
    widest = max((_display_width(line.text) for line in lines if not line.blank), default=0)
    wrapped = sorted(
        width
        for line, following in itertools.pairwise(lines)
        if not (line.blank or following.blank or following.relocated)
        and not _is_body_start(following.text)
        and closing_line(following.text) is None
        and (width := _display_width(line.text)) >= widest * 0.6
    )
    return wrapped[len(wrapped) // 2] if wrapped else 0


# Control, surrogate and private-use characters: binary data, not minutes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise MinutesParseError("会議録の本文は文字列で渡してください")
    if not text.strip():
        raise MinutesParseError("会議録の本文が空です")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls * 20 > len(text):
        raise MinutesParseError("テキストではないデータのようです（制御文字が含まれています）")


def parse_minutes(text: str) -> Minutes:
    """Parse a whole set of minutes; raises MinutesParseError if it is not one."""
    _check_text(text)
    # A scan read by OCR: 「第ｌ回」「令和5年4月ｌ0日」「ｌ 日 時」, the letter l for the digit 1.
    text = _OCR_ONE_NUMBERING.sub(r"\g<1>1", _OCR_ONE.sub("1", text))
    text = unwrap(text)
    # Cells copied from a table (a spreadsheet, a word processor's table) arrive separated by
    # tabs: 「開催日時<TAB>令和６年５月２０日」 reads as the gap of a typed header; so do the cells
    # of a table drawn with bars (「| 日時 | 令和６年… |」), and its rule lines (「|---|---|」) go.
    text = _items_table(text)
    text = _TABLE_ROW.sub(_table_cells, text.replace("\t", "　"))
    text = _KEY_BAR.sub(lambda row: row["key"] + "　", text)
    # 「Date / 日時：……」「Attendees / 出席者：……」: a key in English and Japanese, read as the
    # Japanese one, marked as a field (a bare 「書記：」 would be a turn).
    text = _BILINGUAL_KEY.sub(
        lambda key: "■" if squash(key["key"]) in _header.HEADER_KEYS else "", text
    )
    # 「日時 Date：……」「１　議題 Agenda」: the key or heading in Japanese, then in English.
    text = _ENGLISH_AFTER.sub(_japanese_only, text)
    return parse_layout(layout_lines(text))


# The letter l (ASCII or full-width) read for the digit 1 beside a digit, after 第, before a
# counter (番, 号, 回, 時, 日 …), or numbering a line; never inside a word in Latin letters.
_OCR_ONE = re.compile(
    r"(?:(?<=[0-9０-９第])[lｌ](?![A-Za-zＡ-Ｚａ-ｚ])"
    r"|(?<![A-Za-zＡ-Ｚａ-ｚ])[lｌ](?=[0-9０-９番号回時日月年名筆件人条班区]))"
)
_OCR_ONE_NUMBERING = re.compile(r"^([ 　]*)[lｌ](?=[ 　.．、][ 　]*[^\x00-\x7f])", re.MULTILINE)


_BILINGUAL_KEY = re.compile(
    r"^[ 　]*[A-Za-z][A-Za-z .&'-]{0,30}?[ 　]*[/／][ 　]*(?=(?P<key>[一-龥々ぁ-ゖァ-ヺ][^：:\n]{0,12})[：:])",
    re.MULTILINE,
)


_ENGLISH_AFTER = re.compile(
    r"^(?P<japanese>[ 　]*(?:[0-9０-９]{1,2}[ 　.．、]+)?(?P<word>[一-龥ぁ-ゖァ-ヺ・ー]{1,10}))"
    r"[ 　]+(?:[A-Z][A-Za-z]*)(?:[ 　]+[A-Za-z]+){0,3}[ 　]*(?P<colon>[:：]|$)",
    re.MULTILINE,
)


def _japanese_only(match: re.Match[str]) -> str:
    word = squash(match["word"])
    if match["colon"]:
        if word not in _header.HEADER_KEYS:
            return match.group(0)
        return match["japanese"] + "："
    if (
        section_heading(word) is None
        and closing_line(word) is None
        and not match["japanese"][: len(match["japanese"]) - len(match["word"])].strip()
    ):
        return match.group(0)  # 「三宅 Alice」: no heading, a name
    return match["japanese"]


# 「議題｜説明｜意見｜結果」 over one row per item: a table of the proceedings.
_ITEMS_TABLE_HEAD = re.compile(
    r"^[ 　]*[|｜]?[ 　]*(?:議題|案件|議事|項目|事項)[ 　]*[|｜](?:[ 　]*[^|｜\s]{1,8}[ 　]*[|｜]){1,5}"
    r"[ 　]*[^|｜\s]{0,8}[ 　]*$"
)


# 「議題<TAB>発言者<TAB>発言内容」 over a spreadsheet's rows: the item's cell only on its first row.
_AGENDA_COLUMN_HEAD = re.compile(
    r"^[ 　]*(?:議題|案件|議事|項目)[ 　]*\t[ 　]*発言者[ 　]*\t[ 　]*"
    r"(?:発言内容|発言要旨|発言の要旨|内容|要旨)[ 　]*$"
)


def _agenda_column(lines: list[str]) -> list[str]:
    """A table of turns copied from a spreadsheet with a 議題 column before 発言者 and 発言内容: a row
    whose 議題 cell is filled starts that item (its heading on a line of its own, 「1 ……」 read as
    「1　……」), the row's turn under it."""
    out: list[str] = []
    in_table = False
    for line in lines:
        head = _AGENDA_COLUMN_HEAD.match(line)
        if head:
            in_table = True  # the heads go: each row's cells say what they are
            continue
        cells = line.split("\t")
        if in_table and len(cells) >= 3:
            item = cells[0].strip(" 　")
            if item:
                out.append(re.sub(r"^([0-9０-９]{1,2})(?:[ 　.．、]+)(?=\S)", "\\1　", item))
            out.append("\t".join(cells[1:]))
            continue
        in_table = False
        out.append(line)
    return out


def _fields_table(rows: list[str]) -> bool:
    """「| 項目 | 内容 |」 over 「| 日時 | …… |」「| 場所 | …… |」: the header's fields in a table."""
    for row in rows:
        cells = [c.strip(" 　") for c in re.split(r"[|｜]", row) if c.strip(" 　")]
        if cells and all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            continue  # 「|---|---|」
        return bool(cells) and squash(nfkc(cells[0])) in _header.HEADER_KEYS
    return False


def _items_table(text: str) -> str:
    """Each row of a table of the proceedings (「議題｜説明｜意見｜結果」) as the item's heading, then
    its cells each on a line of its own: 「説明」 and 「結果」 as the record's notes, 「意見」 with its
    speaker's label as a turn."""
    lines = _agenda_column(text.split("\n"))
    out: list[str] = []
    in_table = 0
    for at, line in enumerate(lines):
        if _ITEMS_TABLE_HEAD.match(nfkc(line)) and not _fields_table(lines[at + 1 : at + 3]):
            in_table = len([c for c in re.split(r"[|｜]", line) if c.strip()])
            continue
        cells = [c.strip(" 　") for c in re.split(r"[|｜]", line)]
        cells = [c for c in cells if c]
        if in_table and len(cells) >= 2:
            out.append(cells[0])
            out.extend(f"○{cell}" if speaker_label(cell) is None else cell for cell in cells[1:])
            continue
        in_table = 0
        out.append(line)
    return "\n".join(out)


_TABLE_ROW = re.compile(r"^[ 　]*[|｜](?P<cells>.*[|｜].*?)[|｜]?[ 　]*$", re.MULTILINE)
# 「開催場所｜○○県自治会館」「　　　　｜【事務局】…」: a key and its value with a bar between only.
_KEY_BAR = re.compile(r"^(?P<key>[^|｜\n]{0,12}?)[ 　]*[|｜][ 　]*(?=\S)", re.MULTILINE)


def _table_cells(row: re.Match[str]) -> str:
    cells = [cell.strip(" 　") for cell in re.split(r"[|｜]", row["cells"])]
    cells = [cell for cell in cells if cell]
    if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
        return ""  # 「|---|---|」
    return "　".join(cells)


# What a running head may add to the title: the meeting's date in parentheses.
_RUNNING_HEAD_REST = re.compile(r"[(][^()]{4,20}日[^()]{0,6}[)]$")


def parse_layout(layout: Layout) -> Minutes:
    """Parse minutes whose lines are already in reading order.

    ``layout_lines`` builds the layout from extracted text (guessing where the
    page-line numbers and boxed headings were); ``pdf.read_pdf`` builds it
    from the positions on the PDF pages, where nothing needs guessing.

    Whatever can be read is returned, with ``warnings`` saying what was guessed; only a text with
    no entry at all is refused. A missing date is for the importer to refuse (``looked_at``
    holds the header lines searched).
    """
    if layout.typed is not None:
        # A text file printed to PDF reads as the text file (its mail, table or OCR signs too).
        return parse_minutes(layout.typed)
    body = _without_cover(_without_contents(clean_lines(layout.body)))
    if not layout.numbered:
        # 「1 開会のことば」 with an ASCII space, where no line carries a page-line number.
        body = [
            Line(_ASCII_NUMBERED.sub("\\1　", line.text), line.lineno, line.blank, line.relocated)
            if _ASCII_NUMBERED.match(line.text)
            else line
            for line in body
        ]
    layout = Layout(body, layout.header, layout.numbered)
    prelude = _Prelude()
    _read_fields(layout.header, prelude)
    start = _read_prelude(layout.body, prelude)
    _days_apart(prelude)
    width = _typical_width(layout.body[start:]) if layout.numbered else 0
    body = _Body(
        layout.numbered,
        _EntryReader(full_width=width, names=_roster_names(prelude.fields)),
        agenda=_agenda_titles(prelude.agenda),
        numbered_schedule={
            int(match["n"]): match["title"]
            for line in prelude.agenda
            if (match := _SCHEDULE_LINE.match(nfkc(line).strip()))
        },
    )
    # Running heads: the title (or organization) printed again at the top of every page.
    heads = {
        squash(nfkc(line.text))
        for line in (prelude.title_line, prelude.sitting_line)
        if line is not None
    } | ({squash(prelude.organization)} if prelude.organization else set())
    # 「第３回…策定委員会（令和７年２月１８日）」: the title without its 「会議録」.
    heads |= {bare for head in heads if len(bare := _TITLE_WORD_END.sub("", head)) >= 6}
    heads |= _repeated_heads(layout.body[start:])
    for line in layout.body[start:]:
        if not line.blank and _RUNNING_HEAD_REST.sub("", squash(nfkc(line.text))) in heads:
            continue  # 「…会議録」 or 「…会議録（令和６年５月２８日）」 at the top of a page
        body.feed(line)
    _settle_paragraphs(body.sections)
    _drop_empty_openings(body.sections)
    listed_again = _agenda_listed_again(body.sections)
    if listed_again and not prelude.agenda:
        prelude.agenda = listed_again
    _sessions_open_the_next_item(body.sections)
    day_notes = _other_days(body.sections, prelude.more_days)
    marker = prelude.body_marker
    if (
        marker is not None
        and body.sections
        and body.sections[0].number == 0
        and not body.sections[0].category
        and any(section.number == marker[0] + 1 for section in body.sections[1:])
    ):
        # 「６．議事概要」 over the items, 「７．その他」 after them: the items are the sixth's.
        body.sections[0].number, body.sections[0].category = marker
    warnings: list[str] = []
    if day_notes:
        warnings.append(
            "複数の日にわたる会議です。開催日は最初の日とし、ほかの日の日時（"
            + "、".join(day_notes)
            + "）は本文の注記に残しました。"
        )
    after_closing = [line for line in body.after_closing if not line.blank]
    if (
        after_closing
        and _SIGNED.match(after_closing[0].text.strip())
        # (not with the signatories on its line: the review text's closing, kept as it was read)
        and not re.search(r"(?:する|します|した)。?\s+\S", after_closing[0].text.strip())
        and all(_header.date_line(line.text) for line in after_closing[1:2])
        and len(after_closing) <= 2
    ):
        # 「上記の決議を明確にするため、出席取締役…は次に記名押印する。」 last, no signature under
        # it (the day it was signed at most): the form's sentence over the seals of the paper
        # copy, no document appended.
        body.after_closing = []
    signed = bool(after_closing) and bool(_SIGNED.match(after_closing[0].text.strip()))
    if body.after_closing and signed and body.closing == "":
        # 「上記の議事の経過及び結果を明確にするため、議事録署名人は次に記名押印する。」, the day
        # and the names under it, with no closing line before: the block closes the minutes.
        body.closing = "　".join(" ".join(nfkc(line.text).split()) for line in after_closing)
        body.after_closing = []
    if body.after_closing:
        appendix = _appendix(body.after_closing)
        warnings.append(
            f"閉会の後の署名欄（{len(after_closing)}行）は付属資料として取り込みます。"
            if signed
            else f"閉会の後の{len(body.after_closing)}行は発言ではなく付属資料（別添）として取り込みます。"
        )
    else:
        appendix = []
    minutes = Minutes(
        sections=body.sections,
        closing=body.closing or None,
        organization=prelude.organization,
        agenda=prelude.agenda,
        appendix=appendix,
    )
    entries = minutes.entries()
    if not entries and not any(item.title for s in body.sections for item in s.items):
        raise MinutesParseError(
            "会議録の本文（発言や記録）が見つかりません。読んだ行："
            + "".join(f"「{text}」" for text in prelude.looked_at[:5])
        )
    title_line = prelude.title_line or prelude.sitting_line
    if (
        prelude.title_line is not None
        and prelude.sitting_line is not None
        # 「会議録（要点筆記）」: the word with what kind of record it is
        and re.sub(r"\([^()]{1,8}\)$", "", squash(nfkc(prelude.title_line.text)))
        in _header.TITLE_WORDS
    ):
        # 「会議録」 alone above 「会議名　第３回ひかり市環境審議会」: the title names the meeting.
        sitting = nfkc(prelude.sitting_line.text).strip()
        if prelude.organization is not None and _SITTING_ONLY.fullmatch(squash(sitting)):
            # A cover's 「令和６年第９回」「ひばり市教育委員会定例会」「会　議　録」: three lines.
            sitting = f"{sitting}{prelude.organization}"
            minutes.organization = None
        elif prelude.organization is not None and _SITTING_ONLY.fullmatch(
            squash(prelude.organization)
        ):
            # 「令和６年度」「第３回朝霧市総合計画審議会」「会　議　録」: the year on a line of its own.
            sitting = f"{prelude.organization}{sitting}"
            minutes.organization = None
        # 「会　議　録」 spaced out as a heading: the word itself.
        title_line = Line(f"{sitting} {squash(nfkc(prelude.title_line.text))}", 0)
    elif (
        prelude.title_line is not None
        and prelude.organization is not None
        and _SITTING_ONLY.fullmatch(_TITLE_WORD_END.sub("", squash(nfkc(prelude.title_line.text))))
    ):
        # 「第５回　地域公共交通の再構築に関する検討会」 over 「議事録」, 「…里親部会」 over
        # 「令和６年度第２回　会議録」: one title on two lines, the body named on the first.
        title_line = Line(f"{prelude.organization} {nfkc(prelude.title_line.text).strip()}", 0)
        minutes.organization = None
    elif (
        prelude.title_line is not None
        and prelude.organization is not None
        and _SITTING_ONLY.fullmatch(squash(prelude.organization))
    ):
        # 「令和６年度第３回」 on the line above 「…審議会会議録」: the title's first part.
        title_line = Line(f"{prelude.organization} {nfkc(prelude.title_line.text).strip()}", 0)
        minutes.organization = None
    if title_line is not None:
        _apply_title(minutes, title_line)
        minutes.status = minutes.status or prelude.status
        if prelude.sitting_line is not None and title_line is prelude.title_line:
            # 「はまなす市環境審議会　会議録」 and 「１　会議名　第２回…」: the sitting's number.
            sitting = _header.parse_title(prelude.sitting_line.text)
            minutes.meeting_number = minutes.meeting_number or sitting.meeting_number
            minutes.fiscal_year = minutes.fiscal_year or sitting.fiscal_year
        if prelude.title_line is None:
            warnings.append(f"「会議録」などの表題がないため「{minutes.title}」を表題としました。")
    elif prelude.organization:
        _apply_title(minutes, Line(prelude.organization, 0))
        minutes.organization = None
        warnings.append(f"表題が見つからないため「{minutes.title}」を表題としました。")
    else:
        warnings.append("表題が見つかりません。")
    has_secretariat = any(name == "secretariat" for name, _values, _n in prelude.fields)
    for name, values, lineno in prelude.fields:
        if name == "attendees":
            # 「出席者」 with 「（委員）…」 and 「（事務局）…」 lines: the second is the secretariat
            # (unless a 事務局 field of its own lists it); 「（オブザーバー）…」 lines are no members.
            members, staff, also = _roster_parts(values, staff_apart=not has_secretariat)
            absent = _absent_parts(values)
            if staff or also or absent:
                values = members
            if absent:
                _apply_field(minutes, "absentees", _join_field("absentees", absent), lineno)
            if staff:
                _apply_field(minutes, "secretariat", _join_field("secretariat", staff), lineno)
            if also:
                _apply_field(minutes, "also_attending", _join_field("attendees", also), lineno)
        _apply_field(minutes, name, _join_field(name, values), lineno)
        online = _online_parts(values) if name == "attendees" else []
        if online:
            # They are among the attendees too (Minutes.online).
            minutes.online = _header.split_people(_join_field("online", online))[0]
    if prelude.absent_rows:
        _apply_field(minutes, "absentees", "、".join(prelude.absent_rows), 0)
    if minutes.date is None:
        _date_from_title_year(minutes, prelude.fields, warnings)
    if minutes.date is None:
        found = _date_anywhere(minutes, layout.body[: start + 40], title_line)
        if found is not None:
            warnings.append(f"開催日の行がないため「{found}」から開催日を読み取りました。")
    _times_from_body(minutes)
    for section in body.sections:
        _spread_over_the_listed(section, minutes.agenda)
    body.sections[:] = [part for section in body.sections for part in _headings_over_bills(section)]
    _other_matters_as_an_item(body.sections)
    if not any(_has_heading(section) for section in body.sections) and len(body.sections) == 1:
        # 「議案第３８号を議題といたします。」 in the chair's turn: where each item starts.
        if not _split_at_the_floor(body.sections[0], minutes.agenda):
            _the_one_listed(body.sections[0], minutes.agenda)
    _opening_as_an_item(body.sections)
    if not any(_has_heading(section) for section in body.sections):
        warnings.append(
            "議題の見出しがないため、全体を一つの議題（名前なし）として取り込みます。"
            + ("議事次第：" + "、".join(minutes.agenda) if minutes.agenda else "")
        )
    uncertain = sum(1 for entry in entries if entry.uncertain)
    glued = 0
    for entry in entries:
        # An assembly's 一般質問 runs to several thousand characters: only far longer is odd.
        if not entry.uncertain and (len(entry.text) > 12000 or _GLUED_LABEL.search(entry.text)):
            entry.uncertain = True
            glued += 1
    if glued:
        warnings.append(
            f"ほかの発言が続けて書かれているかもしれない記録が{glued}件あります（印の付いた行）。"
        )
    if uncertain:
        warnings.append(
            f"発言者の名前が見慣れない形の発言が{uncertain}件あります（印の付いた行）。"
        )
    if prelude.skipped:
        warnings.append(f"見出し部分の{prelude.skipped}行は読み取れなかったため取り込みません。")
    for name, count in prelude.kept_out.items():
        warnings.append(f"見出し部分の「{name}」の一覧（{count}行）は取り込みません。")
    if minutes.date is None:
        warnings.append("開催日が見つかりません。")
    minutes.warnings = warnings
    minutes.looked_at = prelude.looked_at
    minutes.roles = _header.people_roles(
        [value for _name, values, _line in prelude.fields for value in values],
        [*minutes.attendees, *minutes.absentees, *minutes.also_attending],
    )
    return minutes


_APPENDIX_START = re.compile(
    r"^[（(【〔［\[]?[ 　]*(?:資料|別紙|別添|別記|添付資料|参考資料|参考|報告書|中間報告|答申|意見書|提言|"
    r"配付資料|配布資料|会議資料)"
)


# A line of a table of contents: the title, a leader, the page (「１　開会…………１」).
_CONTENTS_LINE = re.compile(
    r".*\S[ 　]*(?:[…‥]{2,}|[・･.．]{4,}|[-－ー―]{6,})[ 　]*[0-9０-９]{1,3}$"
)


_ASCII_NUMBERED = re.compile(
    r"^(\s*[0-9]{1,2}) (?=[^\s0-9名人番時分月日年件回%％.:：、，,)）~～\-])(?=.{2,60}$)"
)


def _without_cover(lines: list[Line]) -> list[Line]:
    """The lines from the minutes' own title on, when a 次第 (the meeting's programme, handed out
    with the papers) is printed before it: its title names the sitting without 会議録, its list
    would read as the body's items (「１　開会」…「３　閉会」) and the minutes' header as turns."""
    heads = [line for line in lines[:6] if not line.blank]
    if not any(
        squash(nfkc(line.text)).strip("【】[]()（）■") in ("次第", "会議次第") for line in heads
    ):
        return lines
    if any(_header.is_title(line.text) for line in heads):
        return lines  # 「……会議録」 then 「次第」: the minutes' own
    for index, line in enumerate(lines[:80]):
        if not line.blank and index and _header.is_title(line.text):
            return lines[index:]
    return lines


def _without_contents(lines: list[Line]) -> list[Line]:
    """The lines without a table of contents (「目　　次」 over lines with leaders and page
    numbers, as a cover's next page prints it), which would read as the agenda's items."""
    for index, line in enumerate(lines[:80]):
        if line.blank or not ("目" in line.text or "もくじ" in line.text):
            continue
        if squash(nfkc(line.text)).strip("【】[]()（）■") not in ("目次", "もくじ"):
            continue
        end, listed = index + 1, 0
        while end < len(lines):
            if lines[end].blank or _CONTENTS_LINE.fullmatch(nfkc(lines[end].text).strip()):
                listed += not lines[end].blank
                end += 1
                continue
            # 「第３日（１２月１０日）」 among them: a part's heading, when the leaders go on.
            following = next((line for line in lines[end + 1 : end + 3] if not line.blank), None)
            if following is None or not _CONTENTS_LINE.fullmatch(nfkc(following.text).strip()):
                break
            end += 1
        if listed >= 2:
            return lines[:index] + lines[end:]
    return lines


def _appendix(lines: list[Line]) -> list[Appendix]:
    """The lines after the closing, one part per 「資料…」「別紙」 heading."""
    parts: list[list[str]] = []
    for line in lines:
        text = line.text.strip()
        if not parts or _APPENDIX_START.match(text):
            parts.append([text])
        else:
            parts[-1].append(text)
    return [Appendix(part[0], "\n".join(part[1:])) for part in parts]


_STAFF_GROUP = re.compile(
    r"\s*[（(【〔]?\s*(?:事\s*務\s*局|センター|センター職員|職員|スタッフ"
    # 「（国土交通省）」「（こども家庭庁）」 over its officials: a national council's secretariat
    # 「（市）　市民協働推進課　課長補佐　岸　健二」「（区役所）」: the city's officials
    r"|[^（(【〔）)】〕\s:：]{1,8}(?:省|庁)|[市県区町村](?:側|役所|役場)?|行政)\s*[）)】〕:：]\s*"
    # 「センター　センター長　川口　弘、……」: the word alone before the names, a gap after it
    r"|\s*(?:センター|事務局)[ 　]+(?=\S)"
    # 「図書館　　中央図書館長　岡崎　修、…」: the institution whose council it is, its staff
    r"|\s*(?:図書館|公民館|博物館|美術館|学校|保育園|保育所|幼稚園|こども園)[ 　]{2,}(?=\S)"
)
# 「市　市民活動支援課　主査　谷口　直美」 on a roster's next line: the city's officials.
# 「市　寺田」「市地域振興課　寺田」 on a roster's later line: the city's staff, the department
# before the gap.
_CITY_GROUP = re.compile(r"\s*(?:[市県町村]|[^\s、,（()）:：]{1,14}(?:課|局|係))[ 　]+(?=\S)")
# 「（委員）赤井、伊東　（センター）加藤センター長」: a group's marker after a gap starts the next.
# 「出席者　委員長　岩田、委員　中山、荒木　事務局　西口課長」: the word 事務局 between gaps too.
_NEXT_GROUP = re.compile(
    r"(?<=[ 　])(?=[（(【〔][^）)】〕\s]{1,8}[）)】〕]|[^\s、,:：()（）]{1,8}[:：]|事務局[ 　]+\S)"
)
# A group's marker at the start of a roster part: 「（委員）」「【委員】」「委員：」.
_GROUP_MARKER = re.compile(r"\s*(?:[（(【〔][^）)】〕]{1,8}[）)】〕]|[^\s、,:：()（）]{1,8}[:：])")


# 「【オンライン】委員　横田、渡辺」: the group of those who took part online.
_ONLINE_GROUP = re.compile(
    r"\s*[（(【〔［\[＜<]\s*(?:オンライン|ウェブ|Web|WEB|リモート)(?:出席|参加)?\s*[）)】〕］\]＞>]\s*"
)


# 「（オブザーバー）」「監事：」「【監　事】」 over names in a roster: who attend, not as members.
_ALSO_GROUP = re.compile(
    r"\s*(?:[（(【〔［\[＜<]\s*(?:オブザーバー|監\s*事|出席監事)\s*[）)】〕］\]＞>][:：]?"
    r"|(?:オブザーバー|監\s*事|出席監事)\s*[:：])\s*"
)


# 「（欠席）　被保険者代表　小川委員」 among the roster's groups: who did not come.
_ABSENT_GROUP = re.compile(r"\s*[（(【〔［\[]\s*欠\s*席(?:者|委員)?\s*[）)】〕］\]][:：]?\s*")


def _roster_groups(values: list[str]) -> Iterator[tuple[str, str, str]]:
    """Each part of a roster's lines (cut where a group's marker follows a gap) with its group,
    whole and without that group's marker: "staff" from 「（事務局）」 on, "online" from
    「【オンライン】」 on, "members" before any marker and from any other."""
    group = "members"
    parts = [(n, part) for n, line in enumerate(values) for part in _NEXT_GROUP.split(line)]
    # 「出席　危機管理課　新井、竹内」 then 「消防本部警防課　野村」: a working group of the city's
    # departments, each line a department's members; none of them is the secretariat.
    first = _CITY_GROUP.match(values[0]) if values else None
    departments = first is not None and len(first.group(0).strip()) > 1
    for n, value in parts:
        rest = value
        if marker := _STAFF_GROUP.match(value) or (
            n and not departments and _CITY_GROUP.match(value)
        ):
            group, rest = "staff", value[marker.end() :]
            if len(marker.group(0).strip()) > 1 and marker.re is _CITY_GROUP:
                rest = value  # 「市地域振興課　寺田」: the department is the title
        elif marker := _ONLINE_GROUP.match(value):
            group, rest = "online", value[marker.end() :]
        elif marker := _ALSO_GROUP.match(nfkc(value)):
            group, rest = "also", nfkc(value)[marker.end() :]
        elif marker := _ABSENT_GROUP.match(nfkc(value)):
            group, rest = "absent", nfkc(value)[marker.end() :]
        elif _GROUP_MARKER.match(value):
            group = "members"
        yield group, value, rest


def _online_parts(values: list[str]) -> list[str]:
    """The lines of a roster's online group, until another group starts."""
    return [rest for group, _, rest in _roster_groups(values) if group == "online" and rest.strip()]


def _roster_parts(
    values: list[str], *, staff_apart: bool = True
) -> tuple[list[str], list[str], list[str]]:
    """The lines of an attendance roster, those of its 「（事務局）」 group (with what follows it
    until another group starts; left among the members unless ``staff_apart``), and those of its
    「（オブザーバー）」「監事：」 group (who attend without being members)."""
    members: list[str] = []
    staff: list[str] = []
    also: list[str] = []
    for group, value, rest in _roster_groups(values):
        if group == "staff" and staff_apart and rest.strip():
            staff.append(rest)
        elif group == "also" and rest.strip():
            also.append(rest)
        elif group not in ("also", "absent") and value.strip():
            members.append(value)
    return members, staff, also


def _absent_parts(values: list[str]) -> list[str]:
    """The lines of a roster's 「（欠席）」 group, until another group starts."""
    return [rest for group, _, rest in _roster_groups(values) if group == "absent" and rest.strip()]


def _join_field(name: str, values: list[str]) -> str:
    """A field and its continuation lines: list fields get a 「、」 between lines."""
    if name not in _LIST_FIELDS or not values:
        return "".join(values)
    joined = values[0]
    for value in values[1:]:
        last = re.split(r"[、，,]", joined.rstrip())[-1].strip()
        if (
            name == "secretariat"
            and last
            and _header.split_staff(last) == ("", squash(nfkc(last)))
            and re.match(
                r"[一-龥々ヶ]{1,4}[ 　]+[一-龥々ヶぁ-ゖ]{1,5}(?:[、，,\s]|$)", value.strip()
            )
        ):
            # 「…、健康推進課保健係長」 at the line's end, 「樫村　由香、…」 on the next: one person.
            joined = joined.rstrip() + "　" + value.strip()
            continue
        if _wrapped_name(joined, value):
            joined = joined.rstrip()  # 「…田中　花」「子」: a name the page's edge cut
            head = re.split(r"[、，,\s]", nfkc(value).strip(), maxsplit=1)[0]
            if _given_name_wrapped(joined, head):
                joined += " "  # the surname whole, the given name on the next line
        elif joined and not joined.rstrip().endswith(("、", "，", ",")) and value:
            joined += "、"
        joined += value
    return joined


def _given_name_wrapped(before: str, head: str) -> bool:
    """「…、理事　近藤」「由佳、理事　斎木　守」: title, surname and given name elsewhere in the
    list, the given name on the next line."""
    last = re.split(r"\s{2,}|[、，,]", nfkc(before).strip())[-1].split()
    return (
        len(last) == 2
        and _header.is_title_token(last[0])
        and 0 < len(head) <= 3
        and any(
            len(part.split()) == 3 and _header.is_title_token(part.split()[0])
            for part in re.split(r"[、，,]", nfkc(before))
        )
    )


def _wrapped_name(before: str, value: str) -> bool:
    """Whether ``value`` starts with the end of a name that ``before`` began: one character
    alone before the next name (「子、理事　伊藤　四郎」), or up to three after a long line (no
    name has a line of its own that short)."""
    head = re.split(r"[、，,\s]", _header.collapse_titles(nfkc(value).strip()), maxsplit=1)[0]
    if not head or before.rstrip().endswith(("、", "，", ",")):
        return False
    if head[0] in "ーァィゥェォッャュョヮぁぃぅぇぉっゃゅょゎ)）」』":
        return True  # 「木下コ」「ーディネーター」: no word starts so
    if re.search(r"[ァ-ヺ]$", before.rstrip()) and re.match(r"[ァ-ヺ]", head):
        return True  # 「コーディ」「ネーター」: a word in katakana the page's edge cut
    if re.search(r"[0-9]", head) or _header.is_title_token(head):
        return False  # 「３番」「理事」: the next member of the roster
    if re.fullmatch(r"同(?:課|部|室|局|係|館|所|センター)?", head):
        return False  # 「同課　主査　堀　美紀」: the next of the same department
    if (
        len(head) == 1
        and head not in "他外等ほ"
        and re.match(r"^\S(?:[、，,]|$)", nfkc(value).strip())
    ):
        return True  # 「…石川　美」「穂、吉岡　大地」: one character alone is nobody's name
    last = re.split(r"\s{2,}|[、，,]", nfkc(before).strip())[-1]
    if _given_name_wrapped(before, head):
        return True
    if last.endswith("君") or last.count(" ") == 1:
        # 「河野　里美君」「河野　里美」 whole at the line's end: the next name follows
        return False
    if _header.is_title_token(re.split(r"[、,\s]", last)[-1]):
        return False  # 「…、委員」 then 「大久保　恵子、…」: the title's name on the next line
    return len(head) == 1 or (len(head) <= 3 and _display_width(before.strip()) >= 60)


# 「…と考える。○山田委員　次に…」: a label in the middle of an entry (a lost line break).
_GLUED_LABEL = re.compile(
    r"[。」）)][○◯][^\s。、]{1,20}(?:委員長?|会長|部長|課長|局長|事務局)[　 ]"
)


def _repeated_heads(lines: list[Line]) -> set[str]:
    """Short lines that come back three times or more and are nothing of the minutes (no label,
    heading, stage direction, bullet or sentence): a scanned page's head or foot, 「さくら野市」
    「梅が丘市男女共同参画審議会（令和６年１０月３日）」."""
    # Only where a page could break: after a blank line or a finished sentence, never as the
    # rest of a wrapped one.
    counts = Counter(
        _RUNNING_HEAD_REST.sub("", squash(nfkc(line.text)))
        for before, line in itertools.pairwise([None, *lines])
        if line is not None
        and not line.blank
        and (before is None or before.blank or before.text.rstrip().endswith(_SENTENCE_END))
    )
    return {
        text
        for text, count in counts.items()
        if count >= 3
        and len(text) <= 30
        # a name (「さくら野市」), never a wrapped piece of a sentence (「「「」「ております」)
        and len(re.findall(r"[一-龥々ァ-ヺ]", text)) >= 2
        and not re.search(r"[ぁ-ゖ]$", text)
        and not re.search(r"[。、，]", text)
        and speaker_label(text) is None
        and bare_label(text) is None
        and stage_direction(text) is None
        and closing_line(text) is None
        and bullet_text(text) is None
        and note_text(text) is None
        and section_heading(text) is None
        and item_heading(text) is None
        and not _SEPARATOR.match(text)
    }


def _date_anywhere(minutes: Minutes, lines: list[Line], title_line: Line | None) -> str | None:
    """No 日時 field: the first date in the title or the first lines of the document."""
    candidates = ([title_line] if title_line else []) + lines
    for line in candidates:
        try:
            day, start, end = _header.parse_when(line.text)
        except (ValueError, KeyError):
            continue
        if day is not None:
            minutes.date = day
            minutes.start_time = minutes.start_time or start
            minutes.end_time = minutes.end_time or end
            return line.text.strip()
    return None


# 「午後３時４０分」, or a 24-hour 「20時30分」 (no 午前/午後: the hour as written).
_CLOCK_IN = re.compile(
    r"(午前|午後)?\s*([0-9]{1,2})\s*(?:時\s*(?:([0-9]{1,2})\s*分|(半))?|:\s*([0-9]{2}))"
)


def _date_from_title_year(
    minutes: Minutes, fields: list[tuple[str, list[str], int]], warnings: list[str]
) -> None:
    """「日時　２月８日（木）」 with no year: the year the title gives (its 年度 or its 年)."""
    for name, values, _lineno in fields:
        if name != "date":
            continue
        day = _header.undated_day(
            _join_field(name, values), minutes.title or "", minutes.fiscal_year
        )
        if day is not None:
            minutes.date = day
            warnings.append(
                f"開催日に年の記載がないため、表題から{day.year}年{day.month}月{day.day}日と"
                "しました。"
            )
            return


def _times_only(text: str) -> bool:
    """「午後２時～午後４時」「14:00～16:00」: times and nothing else, no date."""
    plain = plain_numbers(text).strip()
    return (
        len(plain) <= 30
        and _clock_of(plain) is not None
        and not re.search(r"[年月日]", plain)
        and re.fullmatch(r"[0-9０-９時分半:午前後～~〜\-－から まで開会閉会終了()（）]+", plain)
        is not None
    )


def _clock_of(text: str) -> dt.time | None:
    match = _CLOCK_IN.search(plain_numbers(text))
    if not match:
        return None
    hour, minute = int(match[2]), int(match[3] or match[5] or (30 if match[4] else 0))
    if match[1] == "午後" and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _times_from_body(minutes: Minutes) -> None:
    """「午前１０時開会」 and 「午後３時４０分閉会」 give the times the header did not."""
    if minutes.start_time is None:
        for entry in minutes.entries()[:5]:
            if entry.kind == "note" and opening_line(entry.text):
                minutes.start_time = _clock_of(entry.text)
                break
    if minutes.end_time is None and minutes.closing:
        minutes.end_time = _clock_of(minutes.closing)


# The chair's label in verbatim minutes: 「委員長（山田太郎君）」「議長（渋谷会長）」「議長」「山田会長」
# (not 「副委員長」, nor the assembly's 「議会事務局長」).
_CHAIR_LABEL = re.compile(
    r"^[^()]{0,12}?(?<!副)(?:委員長|議長|会長|座長|部会長|分科会長|理事長)(?:\([^()]{1,20}\))?$"
)
_BILL_REF = r"(?:議案|報告|諮問|承認|請願|陳情|発議|認定|同意|選任)第\s*(?P<bn>[0-9]{1,3})\s*号"
_LEAD = r"^(?:次に|それでは|では|続いて|引き続き|まず)?[、,]?\s*"
# The sentence a chair puts a matter on the floor with: 「議案第３８号を議題といたします。」
# 「次に、日程第２、……を議題とします。」「次に、議案第４０号について、……」.
_ON_THE_FLOOR = (
    re.compile(
        _LEAD
        + r"(?:日程第\s*(?P<sn>[0-9]{1,3})[、,\s]\s*)?(?P<ref>"
        + _BILL_REF
        + r")(?P<rest>[^。]*?)を(?:一括して|一括)?議題と(?:いた)?し(?:ます|ました)"
    ),
    re.compile(
        _LEAD
        + r"日程第\s*(?P<sn>[0-9]{1,3})[、,\s]\s*(?P<rest>[^。]+?)を(?:議題と(?:いた)?し(?:ます|ました)"
        + r"|行います|行いたいと思います)"
    ),
    re.compile(
        r"^次に[、,]\s*(?:日程第\s*(?P<sn>[0-9]{1,3})[、,\s]\s*)?(?P<ref>" + _BILL_REF + r")"
        r"(?P<rest>[^。]*?)について"
    ),
    re.compile(r"^次に[、,]\s*日程第\s*(?P<sn>[0-9]{1,3})[、,\s]\s*(?P<rest>[^。]+?)について"),
    # 「１、……についてを議題といたします。」「次に、２、その他について」: the header's agenda by
    # its number (only as the agenda lists it, ``_listed_on_floor``).
    re.compile(
        _LEAD
        + r"(?P<an>[0-9]{1,2})[、.]\s*(?P<rest>[^。]+?)(?:を議題と(?:いた)?し(?:ます|ました)|について)"
    ),
)


def _agenda_entry(agenda: list[str], text: str) -> str | None:
    """The header's agenda line that starts with ``text`` (a bill's 「議案第３８号」 or a
    schedule's title), without its number or bullet."""
    want = squash(nfkc(text))
    for line in agenda:
        entry = nfkc(line).strip()
        heading = item_heading(entry)
        entry = (heading.text if heading is not None else entry).lstrip("・●■□◆◇○-－ ")
        entry = re.sub(r"^日程\s*第\s*[0-9]{1,3}\s*", "", entry).strip()
        if want and squash(entry).startswith(want):
            return entry
    return None


def _listed_on_floor(agenda: list[str], number: int, title: str) -> str | None:
    """The header agenda's title of 「number　title」, when it lists it numbered so."""
    want = squash(nfkc(title)).removesuffix("について")
    for line in agenda:
        listed = re.match(r"^[(（]?([0-9]{1,2})[)）.．、 　]\s*(\S.*)$", nfkc(line).strip())
        if (
            listed
            and int(listed[1]) == number
            and squash(listed[2]).removesuffix("について") == want
        ):
            return listed[2].strip()
    return None


def _floor_heading(sentence: str, agenda: list[str]) -> tuple[int, str] | None:
    """The item a chair's sentence puts on the floor: its number and title."""
    text = nfkc(sentence).strip()
    for pattern in _ON_THE_FLOOR:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        rest = (groups.get("rest") or "").strip(" 、,")
        if groups.get("ref"):
            ref = squash(match["ref"])
            title = _agenda_entry(agenda, ref)
            if title is None:
                rest = re.sub(r"(?:について)$", "について", rest)
                title = f"{ref} {rest}" if rest and not rest.startswith(("を", "は")) else ref
            # 「日程第３、議案第３０号、……」: the order of business numbers it.
            return int(groups.get("sn") or match["bn"]), title
        if groups.get("sn"):
            title = _agenda_entry(agenda, rest) or rest
            return int(match["sn"]), title
        listed = _listed_on_floor(agenda, int(match["an"]), rest) if groups.get("an") else None
        if listed:
            return int(match["an"]), listed
    return _agenda_cue(text, agenda)


# 「では議題一について」「議題（２）に移ります」「（議題２に移る）」「議題三、その他について」
# 「議事１、……について」「次に、議事２に移ります」「案件２に入ります」: the chair (or the record)
# moves to the header's item of that number.
_AGENDA_CUE = re.compile(
    r"(?:^|[、,。\s(（]|では|それでは|次に)(?:議題|議事|案件)\s*(?:第\s*)?[(（]?\s*"
    r"(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]?\s*(?:[、,]?\s*[^。]{0,30}?)?"
    r"(?:について|に入り|に入ら|に移り|に移ら|に移る|に移って|を議題|に進み|に進む)"
)


def _agenda_cue(text: str, agenda: list[str]) -> tuple[int, str] | None:
    """The header's item a sentence moves to by its number (``_AGENDA_CUE``)."""
    match = _AGENDA_CUE.search(nfkc(text))
    if match is None or not agenda:
        return None
    number = int(match["n"]) if match["n"].isdigit() else kanji_number(match["n"])
    for line in agenda:
        heading = item_heading(nfkc(line).strip())
        if heading is not None and heading.number == number:
            return number, heading.text
        listed = re.match(r"^[(（]?([0-9]{1,2})[)）.．、 　]\s*(\S.*)$", nfkc(line).strip())
        if listed and int(listed[1]) == number:
            return number, listed[2].strip()
    return None


def _other_matters_as_an_item(sections: list[Section]) -> None:
    """「３　その他」 over turns with no item under it: the list's last item, not a section holding
    an unnamed one (the items above it were numbered in the same list)."""
    for at, section in enumerate(sections):
        if not (
            at
            and section.category == "その他"
            and section.number
            and len(section.items) == 1
            and not section.items[0].number
            and not section.items[0].title
        ):
            continue
        before = sections[at - 1]
        if not before.category and before.items and before.items[-1].number < section.number:
            before.items.append(Item(section.number, "その他", section.items[0].entries))
            del sections[at]
        return


def _opening_as_an_item(sections: list[Section]) -> None:
    """The turns before the first heading (「○議長　それでは定刻になりましたので……開会いたし
    ます。」 over 「１．議題」, a 司会's opening and the chair's election over 「第１号議案」) are an
    item of their own, 「開会」, not an unnamed one the import would name after a category. Only
    where headings follow (minutes with none stay one unnamed item) and none of them is the
    opening already (「１　開会」 after a note standing first)."""
    items = [item for section in sections for item in section.items]
    if len(items) < 2 or sections[0].number or sections[0].category:
        return  # (entries under the first section's heading, before its first item, are its)
    first = sections[0].items[0]
    if first.number or first.title or not first.entries:
        return
    titles = [squash(item.title) for item in items[1:] if item.title]
    if not titles or any(_OPENING_TITLE.fullmatch(title) for title in titles):
        return
    first.title = OPENING_ITEM  # (``render`` prints it with no heading: it reads back so)


# 「一　所管事務調査（……）」: a kanji number and a full-width space, as a town assembly's record
# numbers what it took up (its header's keys numbered so too: 「一　日　時」).
_KANJI_ITEM = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})　[ 　]*(?P<t>\S.*)$")


def _kanji_item(text: str) -> Heading | None:
    match = _KANJI_ITEM.match(text.strip())
    if match is None or _header.header_field(text) is not None:
        return None
    number = kanji_number(match["n"])
    title = nfkc(match["t"]).strip()
    if number is None or not _AGENDA_TITLE.search(title):
        return None
    return Heading(number, title, "一　")


def _headings_over_bills(section: Section) -> list[Section]:
    """「（４）議案の審議」 with nothing under it, then 「第１号議案　……」「第２号議案　……」
    numbered from one again: the heading holds the bills (a section), no item of its own."""
    for at, item in enumerate(section.items[:-1]):
        following = section.items[at + 1]
        if (
            item.title
            and not item.entries
            and item.number > 1
            and following.number == 1
            and not section.category
            and re.search(r"議案|審議|議事|協議|報告", item.title)
            and len(item.title) <= 12
        ):
            before = Section(section.number, section.category, section.items[:at])
            after = Section(item.number, item.title, section.items[at + 1 :])
            return [part for part in (before, after) if part.items]
    return [section]


def _spread_over_the_listed(section: Section, agenda: list[str]) -> None:
    """The header's items with no heading in the body: every turn fell to the last of them
    (「１　……」「２　……」「３　その他」 empty but the last). Where the chair moves on
    (「では議題一について」「（議題２に移る）」) the turns go to that item; if no sentence says so,
    they stay."""
    if len(section.items) < 2 or not section.items[-1].entries:
        return
    if any(item.entries for item in section.items[:-1]):
        return
    listed = [(item.number, item.title) for item in section.items]
    if any(not number for number, _ in listed):
        return
    by_number = dict(listed)
    agenda = [f"{number}　{title}" for number, title in listed]
    items = [Item(0, "")]
    found = False
    for entry in section.items[-1].entries:
        if entry.kind != "statement":
            cue = (
                _agenda_cue(entry.text, agenda)
                if re.match(r"^[(（].*[)）]$", entry.text.strip())
                else None
            )
            if cue is not None and cue[0] in by_number and cue[0] > items[-1].number:
                items.append(Item(cue[0], by_number[cue[0]]))
                found = True
            items[-1].entries.append(entry)
            continue
        sentences = re.findall(r"[^。]*。|[^。]+$", entry.text)
        start, whole = 0, True
        for at, sentence in enumerate(sentences):
            cue = _agenda_cue(sentence, agenda)
            if cue is None or cue[0] not in by_number or cue[0] <= items[-1].number:
                continue
            head = "".join(sentences[start:at]).strip()
            if head:
                items[-1].entries.append(
                    Entry("statement", head, entry.speaker, uncertain=entry.uncertain)
                )
            items.append(Item(cue[0], by_number[cue[0]]))
            found, start, whole = True, at, False
        if whole:
            items[-1].entries.append(entry)
        else:
            tail = "".join(sentences[start:]).strip()
            items[-1].entries.append(
                Entry("statement", tail, entry.speaker, uncertain=entry.uncertain)
            )
    if not found:
        return
    if len(items) > 1 and items[1].number == listed[1][0] and items[0].entries:
        # 「（議題２に移る）」 the first cue: what came before it was the first item's
        items[0] = Item(*listed[0], entries=items[0].entries)
    present = {item.number for item in items}
    kept = [item for item in items if item.entries or item.number]
    # the listed items no sentence moved to stay, empty, where they stand
    kept += [Item(n, t) for n, t in listed if n not in present]
    section.items = sorted(kept, key=lambda item: item.number)


def _split_at_the_floor(section: Section, agenda: list[str]) -> bool:
    """Verbatim minutes with no headings, one unnamed item: split it where the chair puts a
    matter on the floor (``_ON_THE_FLOOR``), the chair's turn cut at that sentence and the new
    item named from it. Whether any item was found."""
    if len(section.items) != 1 or section.items[0].number or section.items[0].title:
        return False
    items = [Item(0, "")]
    found = False
    for entry in section.items[0].entries:
        speaker = nfkc(entry.speaker or "").strip()
        if entry.kind != "statement" or not _CHAIR_LABEL.match(speaker):
            items[-1].entries.append(entry)
            continue
        sentences = re.findall(r"[^。]*。|[^。]+$", entry.text)
        start, current = 0, entry
        for at, sentence in enumerate(sentences):
            heading = _floor_heading(sentence, agenda)
            if heading is None or (heading[0], heading[1]) == (items[-1].number, items[-1].title):
                continue
            head = "".join(sentences[start:at]).strip()
            if head:
                items[-1].entries.append(
                    Entry("statement", head, entry.speaker, uncertain=entry.uncertain)
                )
            items.append(Item(*heading))
            found, start = True, at
            current = None
        if current is entry:
            items[-1].entries.append(entry)
        else:
            tail = "".join(sentences[start:]).strip()
            items[-1].entries.append(
                Entry("statement", tail, entry.speaker, uncertain=entry.uncertain)
            )
    if not found:
        return False
    section.items = [item for item in items if item.entries or item.number or item.title]
    return True


def _the_one_listed(section: Section, agenda: list[str]) -> None:
    """Minutes with no headings whose header lists one matter (「５　議事」「（１）水道料金の改定に
    ついて」, then the turns): the item is that matter."""
    listed = [
        match
        for line in agenda
        if (match := re.match(r"^[(（]?([0-9]{1,2})[)）.．、 　]\s*(\S.*)$", nfkc(line).strip()))
    ]
    if (
        len(agenda) != 1
        or len(listed) != 1
        or len(section.items) != 1
        or section.items[0].number
        or section.items[0].title
        or not _AGENDA_TITLE.search(listed[0][2])
    ):
        return
    section.items[0].number, section.items[0].title = int(listed[0][1]), listed[0][2].strip()


def _has_heading(section: Section) -> bool:
    # Minutes have at least one agenda heading; labelled lines alone are not.
    return bool(section.category) or any(item.number > 0 for item in section.items)


# A line that only names the year and the sitting: 「令和6年度第3回」「第3回定例会」.
_TITLE_WORD_END = re.compile("(?:" + "|".join(_header.TITLE_WORDS) + r")(?:\(.{1,8}\))?$")
_SITTING_ONLY = re.compile(
    r"(?:(?:令和|平成|昭和)(?:元|[0-9]{1,2})年度?|[0-9]{4}年度?)?"
    r"(?:\((?:令和|平成)(?:元|[0-9]{1,2})年度?\))?"  # 「平成31年度（令和元年度）」
    r"(?:第[0-9]{1,3}回)?(?:定例会|臨時会)?"
)


# 「令 和 ６ 年 度 第 ３ 回 運 営 委 員 会」: a title read by OCR, a space after every letter.
_SPACED_TITLE = re.compile(r"^[ 　]*\S(?:[ 　]{1,2}\S){5,}[ 　]*$")


def _apply_title(minutes: Minutes, line: Line) -> None:
    text = line.text
    if _SPACED_TITLE.match(text):
        text = "".join(text.split())
    try:
        title = _header.parse_title(text)
    except (ValueError, KeyError) as error:
        raise MinutesParseError(
            f"表題の年度を読み取れません：{line.text.strip()}", line.lineno
        ) from error
    minutes.title = title.title
    minutes.status = title.status
    minutes.fiscal_year = title.fiscal_year
    minutes.meeting_number = title.meeting_number


_ONLINE_METHOD = re.compile(
    r"オンライン|ウェブ|Web|WEB|web|リモート|Zoom|ZOOM|Teams|Webex|テレビ会議"
)


def _apply_field(minutes: Minutes, name: str, value: str, lineno: int) -> None:
    value = value.strip()
    if name == "end":
        try:
            _, end, _ = _header.parse_when(value)
        except (ValueError, KeyError) as error:
            raise MinutesParseError(f"閉会の時刻を読み取れません：{value}", lineno) from error
        minutes.end_time = end or minutes.end_time
    elif name == "date":
        try:
            day, start, end = _header.parse_when(value)
        except (ValueError, KeyError) as error:
            raise MinutesParseError(f"開催日時を読み取れません：{value}", lineno) from error
        minutes.date = day or minutes.date
        minutes.start_time = start or minutes.start_time
        minutes.end_time = end or minutes.end_time
    elif name == "venue":
        minutes.venue = nfkc(value).strip() or None
    elif name == "method":
        if minutes.venue is None and _ONLINE_METHOD.search(nfkc(value)):
            minutes.venue = nfkc(value).strip()  # a 場所 field later in the header replaces it
    elif name == "attendees":
        value, also = _auditors_apart(nfkc(value))
        if also:
            _apply_field(minutes, "also_attending", "、".join(also), lineno)
        # 「１３２世帯（内訳）本人出席……委任状５１世帯」「出席４８世帯、委任状３５世帯」: the homes
        # by proxy among those counted; only where this line's count is the meeting's (a roster
        # of people above it counted them in people, not homes).
        homes = _header.homes_counted(value)
        proxies = [
            int(n)
            for n, unit in _PROXIES.findall(value)
            if unit not in ("世帯", "戸", "通")
            or (homes is not None and minutes.attendee_count is None)
        ]
        if proxies and minutes.proxy_count is None:
            minutes.proxy_count = sum(proxies)
        online = _ONLINE_INSIDE.search(value)
        if online:
            # 「５名出席（うちオンライン２名：江森理事、小笠原理事）」: present, online; named.
            names = _header.split_people(online["names"])[0]
            minutes.online = [*minutes.online, *(n for n in names if n not in minutes.online)]
            value = f"{value[: online.start()]}、{online['names']}、{value[online.end() :]}"
        # 「※ダグラス委員はオンライン出席」 under the list: a remark naming who took part online.
        remark = _ONLINE_REMARK.search(value)
        if remark:
            names = _header.split_people(re.sub(r"及び|と(?=\S)", "、", remark["names"]))[0]
            minutes.online = [*minutes.online, *(n for n in names if n not in minutes.online)]
            value = f"{value[: remark.start()]}、{value[remark.end() :]}".strip("、 ")
        # 「（オンライン）加納委員」「加納委員（オンライン）」 in the list: present, online.
        marked = [m["before"] or m["after"] for m in _ONLINE_MARKED.finditer(value)]
        if marked:
            value = _ONLINE_MARK.sub("", value)
            names = [n for one in marked for n in _header.split_people(one)[0]]
            minutes.online = [*minutes.online, *(n for n in names if n not in minutes.online)]
        # 「委員11名中9名出席（欠席：佐野委員、田辺委員）」: who did not come, in the same line.
        absent = _ABSENT_INSIDE.search(nfkc(value))
        if absent:
            minutes.absentees = [*minutes.absentees, *_header.split_people(absent["names"])[0]]
            value = _ABSENT_INSIDE.sub("", nfkc(value))
        # 「出席委員」 then 「出席議員」 (the chair of the assembly, attending): both lists.
        names, count = _header.split_people(value)
        minutes.attendees = [*minutes.attendees, *(n for n in names if n not in minutes.attendees)]
        if minutes.attendee_count is None:
            minutes.attendee_count = count
    elif name == "also_attending":
        # 「監事の出席　出席監事　平岡　克也」: the key's word again before the names.
        parts = _parts(_AUDITOR_PART.sub("", nfkc(value)))
        names = [name for part in parts for name in _guest_names(part)]
        minutes.also_attending = [
            *minutes.also_attending,
            *(n for n in dict.fromkeys(names) if n not in minutes.also_attending),
        ]
    elif name == "online":
        minutes.online = _header.split_people(value)[0]
    elif name == "absentees":
        minutes.absentees = [*minutes.absentees, *_header.split_people(value)[0]]
    elif name == "observers":
        names, count = _header.split_people(value)
        written = nfkc(value).strip()
        if re.fullmatch(r"0+\s*(?:名|人)", written):
            count_text = ""  # 「傍聴者　０名」: no one sat in
        elif _header.COUNTED.fullmatch(written):
            count_text = written  # 「３人」 as written
        else:
            count_text = f"{count}名" if count else ""
        minutes.observers = names or ([count_text] if count_text else [])
    elif name == "secretariat":
        members: list[Secretariat] = []
        # 「市民協働推進課（課長、係長、担当）」: the department's titles, no one named.
        value = _DEPARTMENT_PEOPLE.sub(_department_people, nfkc(value))
        value = _DEPARTMENT_TITLES.sub(_department_titles, value)
        # 「市民協働課：課長　高橋、担当　渡辺」: the department, then its people.
        value = re.sub(r"(課|部|室|局|係|センター)[:：]\s*", r"\1 ", value)
        parts = [cell for part in _split_list(value) for cell in _header.staff_columns(part)]
        named_department = ""  # 「スポーツ振興課　課長　春日」: the department the list named
        for part in parts:
            # 「協働推進課長ほか２名」: the others are not named.
            part = _OTHERS.sub("", part).strip()
            if re.search(r"[0-9]\s*(?:名|人)$", part):
                continue  # 「事務局　５名」「同課担当２名」: counted, not named
            if re.match(r"同[ 　]", part) and members and members[-1].title:
                # 「学校教育課指導主事　中川、同　池端」: the same title as the one before.
                person = " ".join(nfkc(part[1:]).split())
                members.append(Secretariat(person, members[-1].title))
                continue
            person, title = _header.split_staff(part)
            # 「市長　野口　博文君」: an assembly's record calls the officials 君, no part of a name
            person = re.sub(r"(?<=[一-龥々ぁ-ゖァ-ヺ])君$", "", person)
            department = _NAMED_DEPARTMENT.match(part)
            if department:
                named_department = department[1]
            elif named_department and title in _header.STAFF_TITLES and person:
                # 「…、課長補佐　植田、主任　安藤」 after it: the same department's.
                title = named_department + title
            same = re.match(r"同(課|部|室|局|係|館|所|センター)(.*)$", title)
            if same and members and same[1] in members[-1].title:
                # 「同課主査　中野」 after 「市民協働推進課長　戸田」: 市民協働推進課主査.
                department = members[-1].title[: members[-1].title.rindex(same[1]) + len(same[1])]
                title = department + same[2]
            elif members and re.match(r"同(?:係|主|担当|技師|事務|副|補佐|専門)", title):
                # 「同係長　栗原」「同主任　白石」 after 「障がい福祉課長　今村」: the same
                # department's (障がい福祉課係長), 同 standing for 同課.
                department = _OWN_DEPARTMENT.match(members[-1].title)
                if department:
                    title = department[0] + title[1:]
            if re.fullmatch(r"[一-龥々]{1,4}(?:[・･][一-龥々]{1,4})+", person):
                # 「コーディネーター　大西・北條」: two people of the same title.
                members.extend(Secretariat(one, title) for one in re.split(r"[・･]", person))
                continue
            members.append(Secretariat(person, title))
        # 「事務局職員出席者」 and 「職務のため出席した者」: both lists are the secretariat.
        # 「事務局　事務局長　前川　隆」 in the header, then 「事務局：前川事務局長」 under the
        # 【議案】: the same person again (the family name and the title), kept once.
        known = {(person.name.split(" ")[0], person.title) for person in minutes.secretariat}
        members = [
            person
            for person in members
            if not (person.name and (person.name.split(" ")[0], person.title) in known)
        ]
        minutes.secretariat = [*minutes.secretariat, *members]


# The department a staff title names first: 「環境政策課」 of 「環境政策課長補佐」.
_OWN_DEPARTMENT = re.compile(r"^.+?(?:課|部|室|局|センター)(?=長|次長|主幹|補佐|参事|係|主|担当|$)")


# 「（うち委任状２名）」「表決委任者１５名、書面表決者７名」: attending by proxy or in writing.
_PROXIES = re.compile(
    r"(?:委任状|表決委任|議決権行使書|書面表決|書面議決|書面評決|書面出席)[^0-9、,()（）]{0,6}?\s*([0-9]{1,4})"
    r"\s*(?P<unit>名|人|世帯|戸|通)"
)
# 「（うちオンライン２名：江森理事、小笠原理事）」: how many took part online, and who.
_ONLINE_INSIDE = re.compile(
    r"[(（]\s*うち\s*(?:オンライン|ウェブ|Web|WEB|リモート)(?:出席|参加)?\s*[0-9]{1,3}\s*(?:名|人)\s*"
    r"[:：]\s*(?P<names>[^()（）]+?)\s*[)）]"
)
_ONLINE_REMARK = re.compile(
    r"[※＊*]\s*(?P<names>[^※＊*、,，。()（）]{1,40}?)(?:の各委員)?は[、,]?\s*"
    r"(?:オンライン|ウェブ|Web|WEB|リモート|Zoom|ZOOM)(?:で|にて|による)?(?:出席|参加)[。]?"
)
_ONLINE_MARK = re.compile(
    r"\s*[(（]\s*(?:オンライン|ウェブ|Web|WEB|リモート)(?:出席|参加)?\s*[)）]\s*"
)
_ONLINE_MARKED = re.compile(
    r"(?:^|(?<=[、,，]))\s*(?:"
    + _ONLINE_MARK.pattern
    + r"(?P<before>[^、,，()（）]+)|(?P<after>[^、,，()（）]+?)"
    + _ONLINE_MARK.pattern
    + r")(?=$|[、,，])"
)
# A roster's part that names an auditor or an observer: 「監事　金井　和夫」「監事　出席（早川）」
# 「オブザーバー２名（市まちづくり推進課）」.
_AUDITOR_PART = re.compile(r"^\s*(?:監\s*事|出席監事|オブザーバー)(?=[\s:：(（0-9])[\s:：]*")


def _parts(value: str) -> list[str]:
    """A list cut at 「、」 outside parentheses."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(value):
        if char in "(（〈<":
            depth += 1
        elif char in ")）〉>":
            depth -= 1
        elif char in "、,，" and depth <= 0:
            parts.append(value[start:at])
            start = at + 1
    parts.append(value[start:])
    return parts


# The end of a title or of the body one comes from: 「司書教諭」「環境部会長」「商工会議所」.
_OFFICE_OR_BODY = re.compile(
    r"(?:長|員|事|諭|師|任|当|官|士|者|査|佐|局|課|係|所|会|校|署|庁|部|室|センター)$"
)


def _guest_names(part: str) -> list[str]:
    """Who an observer is, without where they come from: 「わかば商工会議所　環境部会長　関口　豊」
    → 関口 豊, 「大橋係長」 → 大橋; else the part read as a list of names."""
    if len(re.split(r"\s{2,}", part.strip())) >= 4:
        # 「議　長　　大橋　健二君　　　副議長　　　大和田　恭子君」: titles and names in columns
        names = _header.split_people(part)[0]
        if len(names) >= 2:
            return names
    tokens = re.sub(r"(?:さん|様|氏|君)(?=\s|$)", "", part).split()
    offices = [n for n, token in enumerate(tokens) if _OFFICE_OR_BODY.search(token)]
    if offices and 0 < len(tokens) - offices[-1] - 1 <= 2:
        name = tokens[offices[-1] + 1 :]
        if all(re.fullmatch(r"[一-龥々ヶぁ-ゖァ-ヺー]{1,5}", token) for token in name):
            return [" ".join(name)]
    if len(tokens) == 1:
        person, title = _header.split_staff(part)
        if title and re.fullmatch(r"[一-龥々ヶ]{1,4}", person):
            return [person]
    return _header.split_people(part)[0]


def _auditors_apart(value: str) -> tuple[str, list[str]]:
    """An attendance list without its auditors and observers, and those parts (their word off)."""
    parts = _parts(value)
    kept = [part for part in parts if not _AUDITOR_PART.match(part)]
    if len(kept) == len(parts):
        return value, []
    also = [part[_AUDITOR_PART.match(part).end() :] for part in parts if _AUDITOR_PART.match(part)]
    # 「出席（早川）」: the word for having come, the name in parentheses.
    also = [re.sub(r"^出席\s*[(（]([^()（）]+)[)）]$", r"\1", part.strip()) for part in also]
    return "、".join(kept), [part for part in also if part and not _header.COUNTED.fullmatch(part)]


_OTHERS = re.compile(r"\s*(?:ほか|他|外)\s*[0-9]{1,3}\s*名$")
_ABSENT_INSIDE = re.compile(r"[(（]\s*欠席(?:者|委員)?\s*[:：]\s*(?P<names>[^()（）]+)[)）]")
# 「スポーツ振興課　課長　春日」: a department written apart before a title and a name.
_NAMED_DEPARTMENT = re.compile(
    r"^(\S+(?:課|部|室|局|係)|\S*センター)\s+(?:\S+\s+\S|\S+(?:長|主任|主査|主事|係長|担当))"
)
_DEPARTMENT_TITLES = re.compile(
    r"(?P<department>[^\s、,()]+?(?:課|部|局|室|係|所|センター))\s*\((?P<titles>[^()]+、[^()]+)\)"
)


# 「生涯学習課　青少年係　（飯田係長、早川主事）」: a department (and its section), then its people
# named with their titles in parentheses.
_DEPARTMENT_PEOPLE = re.compile(
    r"(?P<department>(?:[^\s、,()]+?(?:課|部|局|室|係|所|センター)\s*){1,2})"
    r"\((?P<people>[^()]+)\)"
)


def _department_people(match: re.Match[str]) -> str:
    department = re.sub(r"\s+", "", match["department"])
    people = [_header.split_staff(part.strip()) for part in match["people"].split("、")]
    if not all(person and re.fullmatch(r"[一-龥々ヶ]{1,4}", person) for person, _ in people):
        return match.group(0)
    return "、".join(
        (department[:-1] if title.startswith(department[-1]) else department) + f"{title}　{person}"
        for person, title in people
    )


def _department_titles(match: re.Match[str]) -> str:
    department = match["department"]
    return "、".join(
        # 市民協働推進課 + 課長 → 市民協働推進課長
        (department[:-1] if title.startswith(department[-1]) else department) + title
        for title in (part.strip() for part in match["titles"].split("、"))
        if title
    )


def _split_list(value: str) -> list[str]:
    """「西口センター長、丸木地域福祉課長」 or 「西口センター長　丸木地域福祉課長」."""
    # 「……主任　岸　奈緒子／センター　センター長　久保　明美」: a slash between the groups too
    value = re.sub(r"\s*[/／]\s*(?=[^\s/／])", "、", value)
    parts = value.replace("，", "、").replace(",", "、").split("、")
    if len(parts) == 1 and len(value.split()) > 1:
        tokens = value.split()
        # Only split on spaces when every piece carries its own title, so
        # that 「松本 コーディネーター」 stays one person.
        if all(_header.split_staff(token)[1] for token in tokens):
            parts = tokens
    return [part.strip() for part in parts if part.strip()]
