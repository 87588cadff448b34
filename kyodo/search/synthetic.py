"""Synthetic minutes statements from the domain's vocabulary, for the benchmark and the tests.

Sentences are built from templates and word lists of a civic collaboration center's committee
work; each distinct sentence is normalized once (SudachiPy is the slow part), and a statement's
index text is the concatenation of its sentences' keys, so a million statements load in
minutes. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kyodo.search.text import SEPARATOR, analyse, fold

SUBJECTS = [
    "協働事業", "市民活動団体", "NPO法人", "ＮＰＯ法人", "ボランティア", "自治会", "登録団体", "センター",
    "行政職員", "協働コミュニティ課", "社会福祉協議会", "企業", "大学", "子育てサロン", "環境団体",
    "まちづくり協議会", "市民フェスティバル", "シンポジウム", "懇談会", "運営委員会", "指定管理者",
    "事務局", "地域包括支援センター", "商店会", "学校", "図書館", "公民館", "青少年団体", "高齢者クラブ",
]  # fmt: skip
OBJECTS = [
    "補助金", "委託", "助成金", "広報", "予算", "会場", "チラシ", "ホームページ", "報告書", "アンケート",
    "会則", "決算書", "講座", "研修", "交流会", "相談窓口", "申込", "申し込み", "申込み", "問合せ",
    "問い合わせ", "受付", "名簿", "ニュースレター", "印刷機", "会議室", "ロッカー", "メールボックス",
    "人材育成", "情報発信", "ネットワーク", "事業計画", "評価", "見直し", "周知", "連携",
]  # fmt: skip
TEMPLATES = [
    "{s}の{o}について説明があった。",
    "{s}と{o}の件を協議したい。",
    "{o}は{s}に任せるのがよいのではないか。",
    "{s}からの{o}が{n}件あった。",
    "{o}の締め切りは{n}日までとする。",
    "{s}との協働で{o}を進めていきたい。",
    "{o}については次回の{s}で検討する。",
    "{s}の{o}を増やすことが大切だ。",
    "昨年度は{o}が{n}回行われた。",
    "{s}の意見を聞きながら{o}を考えたい。",
    "{o}の方法を{s}に問い合わせる。",
    "{s}として{o}に取り組んでいる。",
]
SPEAKERS = ["委員長", "副委員長", "委員", "委員", "委員", "事務局", "事務局"]
CATEGORIES = ["report", "deliberation", "discussion", "other"]


@dataclass(frozen=True)
class Statement:
    id: int
    meeting_id: int
    committee_id: int
    fiscal_year: int
    date: date
    category: str
    speaker: str
    seq: int
    text: str
    norm: str


def sentences(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    """``count`` distinct sentences with their surface, variant and reading keys."""
    seen: dict[str, tuple[str, str, str, str]] = {}
    while len(seen) < count:
        text = rng.choice(TEMPLATES).format(
            s=rng.choice(SUBJECTS),
            o=rng.choice(OBJECTS),
            n=rng.choice("１２３４５６７８９10１２15２０"),
        )
        if text not in seen:
            seen[text] = (text, fold(text), *analyse(text))
    return list(seen.values())


def statements(
    n: int, *, seed: int = 7, start_id: int = 1, pool: int = 3000
) -> Iterator[Statement]:
    """``n`` statements of meetings from 1990 on (12 a year, many committees), ~40 per meeting."""
    rng = random.Random(seed)
    pool_rows = sentences(rng, pool)
    committees = 40
    per_meeting = 40
    first = date(1990, 4, 10)
    for i in range(n):
        k = start_id + i - 1
        meeting = k // per_meeting
        committee = meeting % committees + 1
        day = first + timedelta(days=(meeting // committees) * 30 + committee % 28)
        fy = day.year if day.month >= 4 else day.year - 1
        parts = [rng.choice(pool_rows) for _ in range(rng.randint(2, 4))]
        surface = "".join(p[1] for p in parts)
        # As kyodo.search.text.index_text builds it: each part once, when it differs.
        norm = [surface]
        for other in ("".join(p[2] for p in parts), "".join(p[3] for p in parts)):
            if other and other not in norm:
                norm.append(other)
        yield Statement(
            id=k + 1,
            meeting_id=meeting + 1,
            committee_id=committee,
            fiscal_year=fy,
            date=day,
            category=CATEGORIES[(k // 10) % 4],
            speaker=rng.choice(SPEAKERS),
            seq=k % per_meeting,
            text="".join(p[0] for p in parts),
            norm=SEPARATOR.join(norm),
        )
