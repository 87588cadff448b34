"""This app's part of `kyodo demo` (see kyodo/core/demo.py): the collaboration register.

From the seed's 協議事項 「協働について」 and its 懇談会 discussion: the 「多文化共生」 研修会 held
with the city in February 2011 (共催), NPO法人子どもアミーゴ西東京's work with 文化振興課 and
児童福祉課, the 西東京市誕生10周年記念市民活動団体提案協働事業, and the round table of
administrative staff and civic groups with 協働コミュニティ課 (and 職員課, whose staff training it
was). Bureaus, contacts, budgets, the other records and the proposals are invented but
plausible, so that the statistics have something to count. Rows are written directly, not
through the services, because most of the story lies in the past, where the services would
refuse a proposal as outside its call's period.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from kyodo.collaboration.models import (
    Collaboration,
    CollaborationForm,
    Criterion,
    Department,
    Proposal,
    ProposalCall,
    Review,
    Score,
)
from kyodo.core.models import User
from kyodo.core.text import match_key
from kyodo.core.wareki import fiscal_year

F = CollaborationForm

# name, reading, bureau (invented), contact (invented)
DEPARTMENTS = [
    ("協働コミュニティ課", "きょうどうこみゅにてぃか", "生活文化スポーツ部", "浜名"),
    ("文化振興課", "ぶんかしんこうか", "生活文化スポーツ部", ""),
    ("児童福祉課", "じどうふくしか", "子育て支援部", ""),
    ("職員課", "しょくいんか", "総務部", ""),
    ("みどり公園課", "みどりこうえんか", "みどり環境部", ""),
    ("環境保全課", "かんきょうほぜんか", "みどり環境部", ""),
    ("高齢者支援課", "こうれいしゃしえんか", "福祉部", ""),
    ("危機管理室", "ききかんりしつ", "総務部", ""),
]

# The ten groups that had applied to the round table of 2011-01-26 (as in kyodo.events.demo).
ROUND_TABLE_GROUPS = [
    "NPO法人西東京NPO推進センターセプロス",
    "西東京シネマ倶楽部",
    "NPO法人稲門寺子屋西東京",
    "NPO法人生活企画ジェフリー",
    "西東京子育てコム",
    "NPO法人子どもアミーゴ西東京",
    "環境まちづくりNPOエコメッセ西東京",
    "西東京風の会",
    "東大農場・演習林の存続を願う会",
    "健康未来わいわいクラブ",
]

ANNIVERSARY_CALL = "西東京市誕生10周年記念市民活動団体提案協働事業"
ANNIVERSARY_PROJECT = "西東京の10年を映像でふりかえる市民上映会"
OPEN_CALL = "NPO等企画提案事業（協働事業提案制度）"

# title, form, first FY, last FY, departments, groups, budget, published, description,
# outcome, evaluation, event title (a demo event to link, if it exists)
RECORDS = [
    (
        "「多文化共生」研修会",
        F.CO_HOSTING, 2010, 2010, ["文化振興課"], ["西東京国際交流の会"], None, True,
        "市と共催で「多文化共生」をテーマにした研修会を開く。市長、市議会議員、市職員も参加する。"
        "担当課との長い付き合いから生まれた信頼関係のうえに、互いの強みを生かして準備を進めた。",
        "", "",
        "多文化共生",
    ),
    (
        "子どもアミーゴ西東京と市による子どもの体験事業",
        F.COOPERATION, 2008, 2010, ["文化振興課", "児童福祉課"], ["NPO法人子どもアミーゴ西東京"],
        None, True,
        "子ども向けのイベントを市と協力して開いている。参加者の集め方を担当課と一緒に考え、"
        "学校を通じて対象の子どもたちにチラシを配るなど、互いの強みを生かしている。",
        "毎回の事業に多くの親子が参加し、担当課と団体の双方に「成功体験」が積み重なった。",
        "運営委員会では、この協働を経験した文化振興課・児童福祉課に懇談会への参加を呼びかけては"
        "どうかという意見が出た。",
        None,
    ),
    (
        "行政職員と市民活動団体の懇談会",
        F.INFORMATION_EXCHANGE, 2010, 2010, ["協働コミュニティ課", "職員課"], ROUND_TABLE_GROUPS,
        None, True,
        "職員課の研修として、市職員と登録団体が協働について語り合う懇談会。自己紹介、団体の活動"
        "報告、協働の実績がある団体からの事例紹介を行う。",
        "",
        "",
        "行政職員と市民活動団体の懇談会",
    ),
    (
        "谷戸せせらぎ公園の保全活動に関する協定",
        F.AGREEMENT, 2009, 2011, ["みどり公園課"], ["谷戸せせらぎ公園を守る会"], None, True,
        "公園の清掃、水辺の生きもの調査、観察会を団体が担い、市は資材の提供と安全面の調整を行う。",
        "月1回の定例活動が定着し、観察会には近隣の小学校も参加するようになった。",
        "",
        None,
    ),
    (
        "地域の高齢者見守り訪問事業",
        F.CONSIGNMENT, 2010, 2010, ["高齢者支援課"], ["住吉町見守りネット"], 1_200_000, False,
        "ひとり暮らしの高齢者宅を定期的に訪問し、異変があれば市に連絡する。",
        "", "", None,
    ),
    (
        "子育てひろばの運営",
        F.CONSIGNMENT, 2009, 2010, ["児童福祉課"], ["NPO法人子育てネットワークぽけっと"],
        3_000_000, True,
        "親子が気軽に立ち寄れる子育てひろばを週4日開き、子育て相談にも応じる。",
        "延べ利用者は年間で約4,000組。",
        "委託であっても、運営方法は団体と担当課が対等に話し合って決めている。",
        None,
    ),
    (
        "西東京環境フェスティバル実行委員会",
        F.EXECUTIVE_COMMITTEE, 2010, 2010, ["環境保全課"],
        ["環境まちづくりNPOエコメッセ西東京", "東伏見環境クラブ"], 500_000, False,
        "環境団体と市でつくる実行委員会がフェスティバルを企画・運営する。",
        "", "", None,
    ),
    (
        "西東京合唱団 定期演奏会",
        F.ENDORSEMENT, 2010, 2010, ["文化振興課"], ["西東京合唱団"], None, False,
        "市の後援名義を受けて開く定期演奏会。", "", "", None,
    ),
    (
        "地域防災講座",
        F.CO_HOSTING, 2010, 2010, ["危機管理室"], ["南町防災ネットワーク"], None, False,
        "家庭でできる備えと避難所の運営について、市と共催で講座を開く。", "", "", None,
    ),
    (
        "外国人市民のための日本語教室",
        F.SUBSIDY, 2010, 2010, ["文化振興課"], ["西東京日本語教室"], 200_000, False,
        "市の補助金を受け、外国人市民のための日本語教室を週2回開く。", "", "", None,
    ),
    (
        "西東京シネマ倶楽部 名画上映会",
        F.ENDORSEMENT, 2009, 2009, ["文化振興課"], ["西東京シネマ倶楽部"], None, False,
        "市の後援名義を受けて開いた上映会。", "", "", None,
    ),
]  # fmt: skip


# 年度別予算額 of the records over several fiscal years that have a budget (invented).
YEARLY_BUDGETS = {"子育てひろばの運営": {"2009": 1_400_000, "2010": 1_600_000}}


def _organization(name: str):
    from kyodo.organizations.models import Organization

    return Organization.objects.filter(name_key=match_key(name)).first()


def _event(title: str | None):
    if not title:
        return None
    from kyodo.events.models import Event

    exact = Event.objects.filter(title=title).order_by("date", "pk").first()
    return exact or Event.objects.filter(title__contains=title).order_by("date", "pk").first()


def _departments() -> dict[str, Department]:
    found = {}
    for name, reading, bureau, contact in DEPARTMENTS:
        department, _created = Department.objects.get_or_create(
            name=name,
            defaults={
                "name_reading": reading,
                "bureau": bureau,
                "contact_name": contact,
                "contact_phone": "042-000-0000",  # invented
            },
        )
        found[name] = department
    return found


def _record(departments: dict[str, Department], row) -> Collaboration:
    (title, form, first, last, dept_names, groups, budget, published,
     description, outcome, evaluation, event_title) = row  # fmt: skip
    record, created = Collaboration.objects.get_or_create(
        title=title,
        defaults={
            "form": form,
            "first_fiscal_year": first,
            "last_fiscal_year": last,
            "budget": budget,
            "yearly_budgets": YEARLY_BUDGETS.get(title, {}),
            "is_published": published,
            "description": description,
            "outcome": outcome,
            "evaluation": evaluation,
        },
    )
    if created:
        record.departments.set([departments[n] for n in dept_names])
        record.organizations.set([o for o in map(_organization, groups) if o is not None])
        event = _event(event_title)
        if event is not None:
            record.events.add(event)
    return record


def _criteria(call: ProposalCall, rows: list[tuple[str, str, int]]) -> list[Criterion]:
    return [
        Criterion.objects.get_or_create(
            call=call,
            name=name,
            defaults={"description": description, "max_score": max_score, "position": n},
        )[0]
        for n, (name, description, max_score) in enumerate(rows, start=1)
    ]


def _review(proposal: Proposal, username: str, scores: list[int], comment: str = "") -> None:
    reviewer = User.objects.filter(username=username).first()
    if reviewer is None or Review.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        return
    review = Review.objects.create(proposal=proposal, reviewer=reviewer, comment=comment)
    for criterion, score in zip(proposal.call.criteria.all(), scores, strict=True):
        Score.objects.create(review=review, criterion=criterion, score=score)


def _aware(day, hour: int = 10, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _anniversary_call(departments: dict[str, Department]) -> None:
    from datetime import date

    call, _created = ProposalCall.objects.get_or_create(
        title=ANNIVERSARY_CALL,
        defaults={
            "fiscal_year": 2010,
            "description": (
                "西東京市誕生10周年を記念し、市民活動団体から市と協働で行う事業の提案を募集します。"
            ),
            "opens_on": date(2010, 5, 6),  # invented
            "closes_on": date(2010, 6, 30),  # invented
            "budget_limit": 500_000,  # invented
            "published_at": _aware(date(2010, 4, 20), 9),  # invented
        },
    )
    _criteria(
        call,
        [
            ("公益性", "市民全体の利益につながるか", 10),
            ("協働の効果", "市と団体が組むことで効果が高まるか", 10),
            ("実現可能性", "計画・体制・予算に無理がないか", 10),
        ],
    )
    cinema, oyako = _organization("西東京シネマ倶楽部"), _organization("西東京おやこ劇場")
    if cinema is None or oyako is None:
        return
    adopted, created = Proposal.objects.get_or_create(
        call=call,
        title=ANNIVERSARY_PROJECT,
        defaults={
            "organization": cinema,
            "department": departments["協働コミュニティ課"],
            "summary": "市民が撮りためた映像で西東京市の10年をふりかえる上映会を開く。",
            "aims": "合併から10年のまちの歩みを世代を超えて共有する。",
            "plan": "映像の募集（夏）、編集（秋）、上映会（平成23年1月）。",
            "budget": 450_000,
            "status": Proposal.Status.ADOPTED,
            "submitted_at": _aware(date(2010, 6, 25), 14, 35),  # invented
            "decided_at": _aware(date(2010, 7, 20)),
            "notified_at": _aware(date(2010, 7, 21)),
        },
    )
    if created:
        _review(adopted, "nishiguchi", [9, 8, 8])
        _review(adopted, "kumada", [8, 9, 7], "市民の記録を生かす良い企画。")
        record = Collaboration.objects.create(
            title=ANNIVERSARY_PROJECT,
            form=F.PROPOSAL,
            first_fiscal_year=2010,
            last_fiscal_year=2010,
            budget=450_000,
            is_published=True,
            description=(
                "西東京市誕生10周年記念市民活動団体提案協働事業として採択された事業。"
                + adopted.summary
            ),
        )
        record.organizations.set([cinema])
        record.departments.set([departments["協働コミュニティ課"]])
        adopted.collaboration = record
        adopted.save(update_fields=["collaboration"])
    declined, created = Proposal.objects.get_or_create(
        call=call,
        title="10周年記念 親子ミュージカル",
        defaults={
            "organization": oyako,
            "department": departments["文化振興課"],
            "summary": "市内の親子が出演するミュージカルを上演する。",
            "budget": 500_000,
            "status": Proposal.Status.DECLINED,
            "submitted_at": _aware(date(2010, 6, 28), 16, 10),  # invented
            "decided_at": _aware(date(2010, 7, 20)),
            "notified_at": _aware(date(2010, 7, 21)),
        },
    )
    if created:
        _review(declined, "nishiguchi", [6, 5, 4])
        _review(declined, "kumada", [7, 5, 5])


def _open_call(departments: dict[str, Department]) -> None:
    today = timezone.localdate()
    call, _created = ProposalCall.objects.get_or_create(
        title=OPEN_CALL,
        defaults={
            "fiscal_year": fiscal_year(today) + 1,
            "description": (
                "NPOや市民活動団体が企画し、市の担当課と協働で実施する事業の提案を募集します。"
                "採択された事業は次年度に実施します。"
            ),
            "opens_on": today - timedelta(days=14),
            "closes_on": today + timedelta(days=45),
            "budget_limit": 1_000_000,
            "published_at": _aware(today - timedelta(days=21), 9),
            "how_to_apply": (
                "登録団体の方は団体ページにログインし、提案書を作成して提出してください。"
                "団体登録がまだの方は、センターの窓口にご相談ください。"
            ),
        },
    )
    _criteria(
        call,
        [
            ("公益性", "地域の課題に応え、市民全体の利益につながるか", 30),
            ("協働による相乗効果", "団体と市が組むことで単独より大きな効果が出るか", 30),
            ("実現可能性", "計画・体制に無理がないか", 20),
            ("予算の妥当性", "経費の見積もりが適切か", 20),
        ],
    )
    kazenokai = _organization("西東京風の会")
    if kazenokai is None:
        return
    Proposal.objects.get_or_create(
        call=call,
        title="まちの風景写真アーカイブと散策マップづくり",
        defaults={
            "organization": kazenokai,
            "created_by": User.objects.filter(username="kazenokai").first(),
            "department": departments["文化振興課"],
            "summary": (
                "市民から西東京市の風景写真を募り、撮影場所を結ぶ散策マップを市と共同で作る。"
            ),
            "aims": "まちの記憶を残し、散策を通じて地域への愛着を育てる。",
            "plan": "写真の募集（4～6月）、散策会（秋）、マップ発行と写真展（翌年2月）。",
            "budget": 800_000,
            "status": Proposal.Status.SUBMITTED,
            "submitted_at": _submitted_during(call),
        },
    )


def _submitted_during(call: ProposalCall):
    """When the open call's proposal was submitted: on the center's office hours, the ninth day
    of the call (five days before the demo runs), never after the moment the demo is loaded."""
    return min(_aware(call.opens_on + timedelta(days=9), 14, 20), timezone.now())


def load_demo() -> None:
    """Idempotent: running it twice leaves the same data."""
    departments = _departments()
    for row in RECORDS:
        _record(departments, row)
    _anniversary_call(departments)
    _open_call(departments)
