"""Hypothesis strategies for well-formed minutes in the house format."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from kyodo.minutes_text.model import Entry, Item, Minutes, Secretariat, Section

HIRAGANA = "".join(chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1))
# Kanji that never make a label, a category, a closing or a decision word, so
# that a wrapped piece of an entry cannot be taken for one of those.
SAFE_KANJI = "市民活動図書働予算計画参加意見提案講座地域交流施設駅前広場公園清掃子供夏祭"
TEXT_CHARS = (
    HIRAGANA + SAFE_KANJI + "ァアイウエオカキクケコサシスセソ「」『』・！？ ABCxyz0123456789１２３"
)

SURNAMES = (
    "有賀 有馬 岡澤 熊田 小林 田辺 坂口 中曽根 橋本 宮﨑 山辺 吉田 青木 石川 上野 "
    "大森 河合 北村 佐野 井上 宇野 江口 小野 竹内 松本 岡田 前田 渡辺 佐藤 髙橋(清)"
).split()
SPEAKERS = (
    "委員長",
    "副委員長",
    "委員",
    "事務局",
    "会長",
    "熊田委員長",
    "髙橋(清)委員",
    "事務局(佐藤)",
    "A委員",
)
STAFF_TITLES = (
    "センター長",
    "主事",
    "主任",
    "地域福祉課長",
    "協働コミュニティ課長",
    "事務局長",
    "",
)
CATEGORIES = ("報告事項", "審議事項", "協議事項", "その他", "議決事項")
ITEM_TOPICS = (
    "夏祭りの準備",
    "講座の計画",
    "登録団体の状況",
    "次回の日程",
    "ホームページ",
    "広報紙の発行",
)


def texts(chars: str = TEXT_CHARS) -> st.SearchStrategy[str]:
    # A statement starts with hiragana (so never with a label) and has no
    # white space at either end (the parser strips line ends).
    body = st.text(alphabet=chars, min_size=0, max_size=120)
    return st.builds(lambda first, rest: (first + rest).rstrip(), st.sampled_from(HIRAGANA), body)


def entries(chars: str = TEXT_CHARS) -> st.SearchStrategy[Entry]:
    statement = st.builds(
        lambda s, t: Entry("statement", t, s), st.sampled_from(SPEAKERS), texts(chars)
    )
    note = st.builds(lambda t: Entry("note", t), texts(chars))
    return st.one_of(statement, note)


@st.composite
def items(draw: st.DrawFn, chars: str = TEXT_CHARS) -> list[Item]:
    count = draw(st.integers(1, 3))
    result = [
        Item(
            n,
            draw(st.sampled_from(ITEM_TOPICS)) + "について",
            draw(st.lists(entries(chars), max_size=4)),
        )
        for n in range(1, count + 1)
    ]
    if draw(st.booleans()):
        # Entries straight under a section heading: the unnamed item 0.
        result.insert(0, Item(0, "", draw(st.lists(entries(chars), min_size=1, max_size=2))))
    return result


@st.composite
def sections(draw: st.DrawFn, chars: str = TEXT_CHARS) -> list[Section]:
    categories = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=4, unique=True))
    result = [Section(n, cat, draw(items(chars))) for n, cat in enumerate(categories, start=1)]
    first = result[0].items[0]
    if not first.entries:
        # Headings with nothing under them at the top, their items named again below, are a
        # 次第 (the agenda list), as the parser reads them: a document of its own, not this one.
        first.entries.append(draw(entries(chars)))
    return result


@st.composite
def titles(draw: st.DrawFn) -> tuple[str, int | None, int | None]:
    year = draw(st.integers(1990, 2035))
    number = draw(st.integers(1, 12))
    era = f"令和{year - 2018 if year > 2019 else '元'}" if year >= 2019 else f"平成{year - 1988}"
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{era}({year})年度第{number}回運営委員会会議録", year, number
    if form == 1:
        return f"{era}年度第{number}回運営委員会会議録", year, number
    if form == 2:
        return f"{year}年度 第{number}回 連絡会 議事録", year, number
    return "運営委員会会議録", None, None


@st.composite
def minutes(draw: st.DrawFn, chars: str = TEXT_CHARS) -> Minutes:
    title, fiscal_year, number = draw(titles())
    day = draw(st.none() | st.dates(dt.date(1927, 1, 1), dt.date(2060, 12, 31)))
    start = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    end = None
    if start is not None and draw(st.booleans()):
        minutes_after = draw(st.integers(0, 23 * 60 + 59 - (start.hour * 60 + start.minute)))
        total = start.hour * 60 + start.minute + minutes_after
        end = dt.time(total // 60, total % 60)
    names = st.lists(st.sampled_from(SURNAMES), max_size=6, unique=True)
    return Minutes(
        organization=draw(
            st.sampled_from([None, "西東京市市民協働推進センター", "みどり市市民活動支援センター"])
        ),
        title=title,
        status=draw(st.sampled_from([None, "未定稿", "確定稿"])),
        fiscal_year=fiscal_year,
        meeting_number=number,
        date=day,
        start_time=start,
        end_time=end,
        venue=draw(st.sampled_from([None, "未定", "イングビル3階 第1会議室", "市民会館 ホールA"])),
        attendees=draw(names),
        attendee_count=draw(st.none() | st.integers(0, 30)),
        absentees=draw(names),
        secretariat=draw(
            st.lists(
                st.builds(
                    Secretariat, st.sampled_from(SURNAMES[:-1]), st.sampled_from(STAFF_TITLES)
                ),
                max_size=3,
            )
        ),
        observers=draw(st.sampled_from([[], ["2名"], ["田中", "鈴木"]])),
        sections=draw(sections(chars)),
        closing=draw(
            st.sampled_from([None, "以上をもって散会した。", "以上で閉会した。", "(以上)"])
        ),
    )
