"""What comes around minutes copied from elsewhere, taken off before they are read: a web
page's menus, breadcrumbs, dates of the page and footer; an e-mail's headers, quoting,
greeting and signature; Markdown's marks; the cells of a spreadsheet saved as CSV or as text
with tabs.

Each step changes nothing unless its signs are plain (a breadcrumb that starts at the home
page, two mail header lines in a row, every row of a table with the same number of cells), so
that minutes typed as minutes read as before.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from ._syntax import nfkc

# --- web pages ---------------------------------------------------------------------------------

# A line of the page, not of the minutes, wherever it stands: 「ページの先頭へ戻る」 under each
# part, the page's own dates and number (「更新日：2024年12月3日」 is not the meeting's date).
_PAGE_LINE = re.compile(
    r"(?:[▲△↑^]?[ ]*(?:この)?ページの(?:先頭|トップ|上)へ(?:戻る)?|ページトップへ(?:戻る)?"
    r"|本文へ(?:スキップ(?:します)?|移動)[。]?|ここから本文(?:です)?[。]?|本文ここから"
    r"|ここまで本文(?:です)?[。]?|本文ここまで|印刷(?:用)?(?:ページ|画面)(?:を)?表示(?:する)?"
    r"|(?:(?:掲載|更新|最終更新|公開|登録|作成)日(?:時)?[:]?[ ]*(?:令和|平成|R|H)?(?:\d{1,4}|元)年\d{1,2}月\d{1,2}日(?:[ ]*\d{1,2}:\d{2})?"
    r"(?:更新|掲載)?[ ]*|ページ(?:ID|番号)[:]?[ ]*[0-9A-Za-z-]+[ ]*)+)"
)
# 「ホーム ＞ 市政情報 ＞ …」「現在位置:トップページ > …」: the page's place in the site.
_BREADCRUMB = re.compile(
    r"(?:現在(?:の)?位置|現在のページ|ここは|パンくず)[^>]{0,6}[:]?.*>"
    r"|(?:ホーム|トップページ|トップ|HOME|Home|TOP)[ ]*[>»›][^>»›]*[>»›]"
)
# Where the site's footer begins: from here on nothing is the minutes'.
_FOOTER = re.compile(
    r"(?:このページ(?:に関する|への|の)(?:お問(?:い)?合(?:わ)?せ|ご意見)|お問(?:い)?合(?:わ)?せ(?:先)?$"
    r"|PDF(?:ファイル|形式の(?:ファイル|文書))を(?:ご覧|開く|閲覧)|Adobe|Get Adobe"
    r"|より良いウェブサイト|このページの情報は|この(?:ページ|情報)は(?:お)?役に立ち"
    r"|Copyright|\(C\)|©|アンケートにご協力)"
)
# The end of the top of the page (menus, the page's title again): what stands before is the site's.
_CONTENT_START = re.compile(r"(?:ここから本文(?:です)?|本文ここから)[。]?$")


def _plain(line: str) -> str:
    return nfkc(line.replace("&nbsp;", " ")).strip()


# Words one of the page's lines holds (to look only at those: the rest is the minutes').
_WEB_HINT = re.compile(
    r"ページ|本文|更新|掲載|登録日|作成日|公開日|印刷|[>＞»›]|お問|問合|PDF|ＰＤＦ|Adobe|ウェブ|"
    r"Copyright|©|\(C\)|（Ｃ）|アンケート|役に立|位置"
)


def _web_page(lines: list[str]) -> list[str]:
    plain = [_plain(line) if _WEB_HINT.search(line) else "" for line in lines]
    top = 0
    for index, text in enumerate(plain[:60]):
        if _BREADCRUMB.match(text) or _CONTENT_START.match(text):
            top = index + 1
    end = len(lines)
    for index in range(max(top, len(lines) * 3 // 10), len(lines)):
        text = plain[index]
        if text and _FOOTER.match(text):
            end = index
            break
    kept = [
        (line, text)
        for line, text in zip(lines[top:end], plain[top:end], strict=True)
        if not _PAGE_LINE.fullmatch(text)
    ]
    if top or end < len(lines):
        # The page's title over the minutes' own: the same words twice, the first goes.
        squashed = [
            re.sub(r"の(?=会議録|議事録|議事要旨|会議概要)", "", "".join(_plain(line).split()))
            for line, _text in kept
        ]
        for index in range(min(len(kept), 15)):
            later = [s for s in squashed[index + 1 : index + 10] if s]
            if squashed[index] and squashed[index] in later:
                kept[index] = ("", "")
    return [line for line, _text in kept]


# --- e-mail ------------------------------------------------------------------------------------

_MAIL_KEYS = "From|Sent|To|Subject|Date|差出人|送信者|送信日時|日付|宛先|件名"
_MAIL_HEADER = re.compile(rf"(?:{_MAIL_KEYS}|Cc|CC|Bcc|BCC|Reply-To|添付ファイル|添付)[ ]*[:：].*")
# One of the keys on a line of the mail's first part: only then is the text read as a mail.
_MAIL_HINT = re.compile(rf"[ 　>＞]*(?:{_MAIL_KEYS})[ 　]*[:：]")
_FORWARDED = re.compile(
    r"[-=_ ]*(?:Forwarded message|Original Message|転送(?:された)?メッセージ|元のメッセージ)[-=_ ]*"
)
# A line that parts the mail's own words from the minutes pasted into it: a rule, or 「記」.
_RULE = re.compile(r"[-－ー―─━=＝_＿*＊■□◆◇・~〜]{6,}")
_PARTING = re.compile(rf"{_RULE.pattern}|記")
_SIGNATURE = re.compile(r"@|TEL|Tel|携帯|電話|Mail|mail|E-mail|〒")


def _unquoted(lines: list[str]) -> list[str]:
    """Lines of a forwarded mail quoted with 「> 」 lose the mark when most of them have it."""
    text = [line for line in lines if line.strip()]
    quoted = [line for line in text if line.lstrip().startswith((">", "＞"))]
    if len(quoted) < 10 or len(quoted) * 2 < len(text):
        return lines
    return [re.sub(r"^[ ]*(?:[>＞][ ]?)+", "", line) for line in lines]


def _mail(lines: list[str]) -> list[str]:
    if not any(_MAIL_HINT.match(line) for line in lines[:200]):
        return lines
    lines = _unquoted(lines)
    plain = [_plain(line) for line in lines]
    last_header = None
    index = 0
    while index < len(lines):
        run = index
        while run < len(lines) and (
            _MAIL_HEADER.fullmatch(plain[run]) or (run > index and _FORWARDED.fullmatch(plain[run]))
        ):
            run += 1
        if run - index >= 2 and index < len(lines) // 2:
            last_header = run
            index = run
        else:
            index += 1
    if last_header is None:
        return lines
    # The greeting under the headers (「各位」「お疲れ様です。」…) down to a rule or 「記」, when
    # there is one within a few lines.
    start = last_header
    for index in range(last_header, min(last_header + 16, len(lines))):
        if _PARTING.fullmatch(plain[index]):
            start = index + 1
            break
    kept = [
        line
        for line, text in zip(lines[start:], plain[start:], strict=True)
        if not _FORWARDED.fullmatch(text) and not _MAIL_HEADER.fullmatch(text)
    ]
    return _without_signature(kept)


def _without_signature(lines: list[str]) -> list[str]:
    """The mail's end (a rule, then 「よろしくお願いします。」, the sender's name and numbers)."""
    plain = [_plain(line) for line in lines]
    for index in range(len(lines) - 1, max(len(lines) - 16, 0) - 1, -1):
        if _RULE.fullmatch(plain[index]):
            rest = plain[index + 1 :]
            if any(_SIGNATURE.search(text) for text in rest) or any(
                "よろしくお願い" in text for text in rest
            ):
                # Several rules may frame the signature: cut at the first of them that has only
                # the mail's words after it.
                cut = index
                for before in range(index - 1, max(index - 16, 0) - 1, -1):
                    if _RULE.fullmatch(plain[before]):
                        between = plain[before + 1 : index]
                        if all(
                            not text
                            or "よろしくお願い" in text
                            or _SIGNATURE.search(text)
                            or len(text) <= 12
                            for text in between
                        ):
                            cut = before
                return lines[:cut]
    return lines


# --- Markdown ----------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_BULLET = re.compile(r"^(?P<indent>[ ]*)[-*+][ ]+")
_MD_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ ]*){3,}$")


def _markdown(lines: list[str]) -> list[str]:
    headings = sum(1 for line in lines if _MD_HEADING.match(line))
    bold = sum(1 for line in lines if _MD_BOLD.search(line))
    if headings < 2 and not (headings and bold >= 2) and bold < 4:
        return lines
    out = []
    for line in lines:
        if _MD_RULE.match(line):
            out.append("")
            continue
        line = _MD_HEADING.sub("", line)
        line = _MD_BOLD.sub(lambda m: m[1] or m[2], line)
        bullet = _MD_BULLET.match(line)
        if bullet:
            rest = line[bullet.end() :]
            # 「- **日時**：…」 is a key of the header: the bullet goes; a plain item stays one.
            # 「  - 代表理事 早川 みどり」 under a key: a line of its list, no bullet.
            key = re.match(r"[^:：、。 ]{1,12}[:：]", rest)
            line = bullet["indent"] + ("" if key or bullet["indent"] else "・") + rest
        line = re.sub(r"^>[ ]?", "", line)
        out.append(line)
    return out


# --- spreadsheets ------------------------------------------------------------------------------

_SPEAKER_HEAD = re.compile(r"(?:発言者(?:名)?|氏名|発言者・所属)")
_TEXT_HEAD = re.compile(
    r"(?:発言(?:内容|要旨|の要旨|の内容)?|内容|意見(?:等)?|質疑(?:応答)?(?:内容)?)"
)
_TIME_HEAD = re.compile(r"(?:時刻|時間|時間帯|経過時間|No\.?|番号|№)")


_PERSON = re.compile(r"[一-龥々ヶ]{1,4}[ 　][一-龥々ヶぁ-ゖァ-ヺー]{1,5}")


def _rows(text: str) -> list[list[str]] | None:
    """The rows of a table saved from a spreadsheet: every row the same number of cells (a CSV
    written by Excel), with commas or tabs; None for anything else."""
    for delimiter in (",", "\t"):
        if text.count(delimiter) < 6:
            continue
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error:
            continue
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        widths = Counter(len(row) for row in rows)
        # Every row as wide as its table (a sheet may hold two: the header's and the turns').
        if len(rows) >= 5 and len(widths) <= 2 and min(widths) >= 2 and min(widths.values()) >= 3:
            return rows
    return None


def _spreadsheet(text: str) -> str:
    rows = _rows(text)
    if rows is None:
        return text
    out: list[str] = []
    speaker = content = None
    before: list[int] = []
    key = ""  # the header's key the row is under (its first cell, or the last row's)
    for row in rows:
        cells = [cell.strip() for cell in row]
        plain = [_plain(cell) for cell in cells]
        if speaker is None:
            heads = [
                i for i, cell in enumerate(plain) if _SPEAKER_HEAD.fullmatch(cell.replace(" ", ""))
            ]
            texts = [
                i for i, cell in enumerate(plain) if _TEXT_HEAD.fullmatch(cell.replace(" ", ""))
            ]
            if heads and texts and texts[0] > heads[0]:
                speaker, content = heads[0], texts[0]
                # Columns before the speaker's: an agenda item's (kept as a heading) or the time's
                # (left out); after the text's: remarks (資料１…), left out.
                before = [
                    i for i in range(speaker) if not _TIME_HEAD.fullmatch(plain[i].replace(" ", ""))
                ]
                out.append("")
                continue
            named = [cell for cell in cells if cell]
            key = cells[0] or key
            if (len(named) >= 3 or (len(named) == 2 and not cells[0])) and _PERSON.fullmatch(
                named[-1]
            ):
                # 「出席委員　(会長)　国立北浜大学 教授　古川 真一」: the roster's key (or none,
                # under it) and the person; their role and affiliation are no names, but a
                # staff member's title is theirs (「事務局　都市整備部 交通政策課長　丸山 恵」).
                middle = named[1:-1] if cells[0] else named[:-1]
                held = "".join("".join(middle).split()) if "事務局" in key else ""
                person = f"{held}　{named[-1]}" if held else named[-1]
                out.append(f"{cells[0]}　{person}" if cells[0] else f"　{person}")
                continue
            out.append("　".join(cell.replace("\n", "　") for cell in named))
            continue
        for i in before:
            if cells[i]:
                out.append(cells[i])
        said = cells[content]
        if cells[speaker]:
            out.append(f"{cells[speaker]}　{said}")
        elif said:
            out.append(said)
    return "\n".join(out)


_BOX_RULE = re.compile(r"[ 　]*[┌┬┐├┼┤└┴┘─━┏┳┓┣╋┫┗┻┛]+[ 　]*")


def _box_cells(line: str) -> list[str] | None:
    """The cells of a drawn table's row (「│日時│……│場所│……│」), or None for any other line."""
    stripped = line.strip(" 　")
    if not stripped.startswith(("│", "┃")):
        return None
    return [cell.strip(" 　") for cell in re.split(r"[│┃]", stripped.strip("│┃"))]


def _box_rows(lines: list[str]) -> list[list[str] | str]:
    """The table's rows with their cells wrapped on to more lines put back together: a line whose
    first cell is empty goes on with the row above it (「│出席者│会長　木下、副会長│」 over
    「│　　　│岡本　梨沙、……│」)."""
    rows: list[list[str] | str] = []
    for line in lines:
        cells = _box_cells(line)
        if cells is None:
            rows.append(line)
            continue
        above = rows[-1] if rows else None
        if not cells[0] and isinstance(above, list) and len(above) == len(cells):
            for i, cell in enumerate(cells):
                if cell:
                    joint = (
                        "" if not above[i] or above[i].endswith(("、", ",", "，", "・")) else "　"
                    )
                    above[i] = above[i] + joint + cell
            continue
        rows.append(cells)
    return rows


def _box_table(lines: list[str]) -> list[str]:
    """A table drawn with box characters (一太郎, a text editor's 罫線): its rules go, its bars
    become the ones a table copied as text has (read as cells, ``parse_minutes``). A cell wrapped
    on to the lines under it is joined again, and a row of two keys with their values
    (「│日時│……│場所│……│」) is written as two rows, one a key."""
    if not any(_box_cells(line) is not None for line in lines):
        return lines
    lines = [line for line in lines if not _BOX_RULE.fullmatch(line) or not line.strip()]
    out: list[str] = []
    for row in _box_rows(lines):
        if isinstance(row, str):
            out.append(row)
            continue
        keys = row[0::2]
        if len(row) >= 4 and len(row) % 2 == 0 and all(_header_key(key) for key in keys):
            out.extend(f"|{key}|{value}|" for key, value in zip(keys, row[1::2], strict=True))
        else:
            out.append("|" + "|".join(row) + "|")
    return out


def _header_key(cell: str) -> bool:
    from ._header import HEADER_KEYS  # the header's words; _header reads text this module made

    return re.sub(r"\s", "", nfkc(cell)).strip("■□◆◇●・【】[]［］:：") in HEADER_KEYS


def unwrap(text: str) -> str:
    """``text`` without what surrounds the minutes (see the module's docstring)."""
    text = _spreadsheet(text)
    lines = _box_table(text.splitlines())
    lines = _mail(lines)
    lines = _web_page(lines)
    lines = _markdown(lines)
    return "\n".join(lines)
