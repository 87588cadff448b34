"""This app's part of `kyodo demo` (see kyodo/core/demo.py): consultations of Nov 2010–Jan 2011.

The December case is the one the seed's monthly report mentions; the others are plausible
cases of a civic center's counter, invented for the demo. Written directly, not through the
services, because the demo runs without a signed-in staff member; the rows are the same.
"""

from __future__ import annotations

from datetime import date

from kyodo.consultations.models import Category, Consultation, ConsultationCategory
from kyodo.core.models import User

C = Consultation.Channel
T = Consultation.ClientType

# (date, channel, client type, group name or "", categories, summary, advice, example or "",
#  staff username)
CASES = [
    (
        date(2010, 11, 9),
        C.PHONE,
        T.GROUP,
        "",
        [Category.GRANTS],
        "子育てサロンを運営する任意団体から、来年度の活動に使える助成金を知りたいとの問い合わせ。",
        "市の補助金と民間財団の助成金の募集時期を案内し、センターの助成金情報コーナーを紹介した。",
        "子育てサロンを運営する団体から、活動に使える助成金について相談があった。",
        "nakazawa",
    ),
    (
        date(2010, 11, 20),
        C.VISIT,
        T.INDIVIDUAL,
        "",
        [Category.PEOPLE, Category.PUBLICITY],
        "環境保全の活動を始めたい方から、仲間の集め方と周知の方法について相談。",
        "センターの掲示板とホームページの団体紹介、市報の市民活動欄を案内した。",
        "",
        "nakazawa",
    ),
    (
        date(2010, 12, 7),
        C.VISIT,
        T.INDIVIDUAL,
        "",
        [Category.LEGAL_FORM],
        "高齢者向けのダンスセラピーを行っている方から、活動にふさわしい法人格とその取得方法に"
        "ついて相談。",
        "まず活動を営利か非営利かで明確に位置づけることを勧め、NPO法人と"
        "一般社団法人の概要（設立の手続き、必要な人数、期間、税の扱い）を説明した。",
        "高齢者向けのダンスセラピーを行っている方から、ふさわしい法人格とその取得方法について"
        "相談があった。",
        "nishiguchi",
    ),
    (
        date(2010, 12, 14),
        C.PHONE,
        T.GROUP,
        "",
        [Category.ACCOUNTING],
        "登録団体の会計担当者から、年度末の決算書の作り方について問い合わせ。",
        "収支計算書の様式例を渡し、1月以降の会計講座中級編への参加を勧めた。",
        "",
        "nakazawa",
    ),
    (
        date(2010, 12, 21),
        C.EMAIL,
        T.GOVERNMENT,
        "",
        [Category.COLLABORATION, Category.PLACE],
        "市の担当課から、市民活動団体との懇談会の会場と進め方について相談。",
        "センターの会議室の空き状況を伝え、懇談会の進行案を一緒に検討することにした。",
        "",
        "maruki",
    ),
    (
        date(2011, 1, 11),
        C.OUTREACH,
        T.GROUP,
        "",
        [Category.MANAGEMENT],
        "活動歴の長い団体を訪問し、役員の交代と会則の見直しについて相談を受けた。",
        "総会での会則改正の手順を説明し、他団体の会則の例を紹介した。",
        "活動歴の長い団体から、役員の交代と会則の見直しについて相談があった。",
        "nishiguchi",
    ),
]


def load_demo() -> None:
    """Idempotent: running it twice leaves the same data."""
    from kyodo.organizations.models import Organization

    for (
        received_on,
        channel,
        client_type,
        group,
        categories,
        summary,
        advice,
        example,
        who,
    ) in CASES:
        staff = User.objects.filter(username=who).first()
        if staff is None:  # the center's part of the demo has not run
            continue
        consultation, created = Consultation.objects.get_or_create(
            received_on=received_on,
            summary=summary,
            defaults={
                "channel": channel,
                "client_type": client_type,
                "organization": Organization.objects.filter(name=group).first() if group else None,
                "advice": advice,
                "staff": staff,
                "report_example": example,
                "use_in_report": bool(example),
            },
        )
        if created:
            ConsultationCategory.objects.bulk_create(
                ConsultationCategory(consultation=consultation, category=c) for c in categories
            )


# (days ago, channel, client type, group or "", categories, summary, advice, days from today to
#  the follow-up (negative: overdue), notes, staff username): this fiscal year, from today.
CURRENT_CASES = [
    (
        12, C.VISIT, T.GROUP, "西東京風の会", [Category.GRANTS],
        "写真展の開催費用に使える助成金を探しているとの相談。",
        "市の市民活動補助金の来年度募集要項を渡し、申請書の書き方を説明した。",
        -2, "申請書の下書きを見せてもらう約束。", "nakazawa",
    ),
    (
        5, C.PHONE, T.INDIVIDUAL, "", [Category.OTHER],
        "退職後に地域で子どもの学習支援を始めたいとの相談。",
        "活動中の団体を三つ紹介し、見学の申し込み方を案内した。",
        0, "見学の結果を聞く。", "nishiguchi",
    ),
    (
        2, C.EMAIL, T.GROUP, "西東京シネマ倶楽部", [Category.MANAGEMENT],
        "代表者の交代に伴う手続きについての問い合わせ。",
        "変更届の出し方を案内した。",
        5, "変更届が届いたか確認する。", "nakazawa",
    ),
]  # fmt: skip


def load_current() -> None:
    """Consultations of the last two weeks whose follow-up is overdue, due today and due soon.
    Idempotent: a case already there (same summary, within the last month) is left alone."""
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.organizations.models import Organization

    today = timezone.localdate()
    for (
        days_ago,
        channel,
        client_type,
        group,
        categories,
        summary,
        advice,
        due,
        notes,
        who,
    ) in CURRENT_CASES:
        staff = User.objects.filter(username=who).first()
        if (
            staff is None
            or Consultation.objects.filter(
                summary=summary, received_on__gte=today - timedelta(days=31)
            ).exists()
        ):
            continue
        consultation = Consultation.objects.create(
            received_on=today - timedelta(days=days_ago),
            channel=channel,
            client_type=client_type,
            organization=Organization.objects.filter(name=group).first() if group else None,
            summary=summary,
            advice=advice,
            follow_up_needed=True,
            follow_up_on=today + timedelta(days=due),
            follow_up_notes=notes,
            staff=staff,
        )
        ConsultationCategory.objects.bulk_create(
            ConsultationCategory(consultation=consultation, category=c) for c in categories
        )
