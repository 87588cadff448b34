"""This app's part of `kyodo demo` (see kyodo/core/demo.py): the register as of January 2011.

The seed's monthly report for December 2010 names three new registrations (西東京風の会,
特定非営利活動法人たま市民葬コラボ, 西東京シネマ倶楽部) and a total of 49 registered groups; the
groups named elsewhere in the seed are here too. The other groups are invented but plausible, and
a few left or were suspended earlier, so that the count only comes out right from the history.
Readings leave out the legal form (NPO法人 …), so that the directory sorts by the name itself.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kyodo.core.models import User
from kyodo.core.wareki import fiscal_year
from kyodo.organizations.models import (
    Organization,
    OrganizationStatusChange,
    join_codes,
)

NPO = Organization.LegalForm.NPO
ASSOC = Organization.LegalForm.GENERAL_ASSOCIATION
FOUND = Organization.LegalForm.GENERAL_FOUNDATION
VOL = Organization.LegalForm.VOLUNTARY
Kind = OrganizationStatusChange.Kind

# The day every group still registered then renewed for 平成22年度.
RENEWAL_2010 = date(2010, 4, 1)

# name, reading, legal form, registered on, fields of activity, later history
GROUPS: list[tuple[str, str, str, date, list[str], list[tuple[str, date]]]] = [
    # Registered in December 2010 (the seed's monthly report).
    ("西東京風の会", "にしとうきょうかぜのかい", VOL, date(2010, 12, 7), ["community", "culture"], []),
    ("特定非営利活動法人たま市民葬コラボ", "たましみんそうこらぼ", NPO, date(2010, 12, 14), ["health", "consumer"], []),
    ("西東京シネマ倶楽部", "にしとうきょうしねまくらぶ", VOL, date(2010, 12, 21), ["culture"], []),
    # Named in the seed.
    ("NPO法人西東京NPO推進センターセプロス", "にしとうきょうえぬぴーおーすいしんせんたーせぷろす", NPO, date(2004, 6, 1), ["intermediary", "community"], []),
    ("NPO法人稲門寺子屋西東京", "とうもんてらこやにしとうきょう", NPO, date(2007, 5, 15), ["children", "social_education"], []),
    ("NPO法人生活企画ジェフリー", "せいかつきかくじぇふりー", NPO, date(2006, 9, 20), ["health", "employment"], []),
    ("西東京子育てコム", "にしとうきょうこそだてこむ", VOL, date(2008, 4, 10), ["children"], []),
    ("NPO法人子どもアミーゴ西東京", "こどもあみーごにしとうきょう", NPO, date(2005, 11, 1), ["children", "social_education"], []),
    ("環境まちづくりNPOエコメッセ西東京", "かんきょうまちづくりえぬぴーおーえこめっせにしとうきょう", NPO, date(2004, 10, 5), ["environment", "community"], []),
    ("東大農場・演習林の存続を願う会", "とうだいのうじょうえんしゅうりんのそんぞくをねがうかい", VOL, date(2009, 2, 18), ["environment"], []),
    ("健康未来わいわいクラブ", "けんこうみらいわいわいくらぶ", VOL, date(2009, 7, 7), ["health", "culture"], []),
    ("NPO法人西東京コミュニティひろばNCH", "にしとうきょうこみゅにてぃひろばえぬしーえいち", NPO, date(2006, 3, 22), ["community", "intermediary"], []),
    # Invented, still registered at the end of 2010.
    ("田無ボランティアの会", "たなしぼらんてぃあのかい", VOL, date(2004, 4, 12), ["health"], []),
    ("保谷手話サークル", "ほうやしゅわさーくる", VOL, date(2004, 8, 3), ["health", "human_rights"], []),
    ("ひばりが丘朗読の会", "ひばりがおかろうどくのかい", VOL, date(2005, 1, 25), ["culture", "health"], []),
    ("西東京おもちゃ病院", "にしとうきょうおもちゃびょういん", VOL, date(2005, 5, 9), ["children", "environment"], []),
    ("NPO法人ひまわり福祉会", "ひまわりふくしかい", NPO, date(2005, 7, 14), ["health"], []),
    ("柳沢地域文庫", "やぎさわちいきぶんこ", VOL, date(2005, 10, 2), ["children", "social_education"], []),
    ("西東京日本語教室", "にしとうきょうにほんごきょうしつ", VOL, date(2006, 1, 16), ["international", "social_education"], []),
    ("芝久保ふれあいサロン", "しばくぼふれあいさろん", VOL, date(2006, 5, 30), ["health", "community"], []),
    ("東伏見環境クラブ", "ひがしふしみかんきょうくらぶ", VOL, date(2006, 8, 8), ["environment"], []),
    ("西東京自然観察の会", "にしとうきょうしぜんかんさつのかい", VOL, date(2006, 11, 11), ["environment", "social_education"], []),
    ("田無太鼓保存会", "たなしたいこほぞんかい", VOL, date(2007, 2, 5), ["culture"], []),
    ("西東京国際交流の会", "にしとうきょうこくさいこうりゅうのかい", VOL, date(2007, 4, 21), ["international"], []),
    ("NPO法人子育てネットワークぽけっと", "こそだてねっとわーくぽけっと", NPO, date(2007, 7, 3), ["children"], []),
    ("西東京傾聴ボランティアこころ", "にしとうきょうけいちょうぼらんてぃあこころ", VOL, date(2007, 9, 12), ["health"], []),
    ("南町防災ネットワーク", "みなみちょうぼうさいねっとわーく", VOL, date(2007, 12, 1), ["disaster", "safety"], []),
    ("一般社団法人西東京まちづくり協議会", "にしとうきょうまちづくりきょうぎかい", ASSOC, date(2008, 1, 28), ["community", "economy"], []),
    ("谷戸せせらぎ公園を守る会", "やとせせらぎこうえんをまもるかい", VOL, date(2008, 3, 3), ["environment"], []),
    ("西東京消費者の会", "にしとうきょうしょうひしゃのかい", VOL, date(2008, 6, 17), ["consumer"], []),
    ("新町ふるさと歴史の会", "しんまちふるさとれきしのかい", VOL, date(2008, 8, 26), ["culture", "social_education"], []),
    ("NPO法人西東京障害者就労支援センター", "にしとうきょうしょうがいしゃしゅうろうしえんせんたー", NPO, date(2008, 10, 6), ["employment", "health"], []),
    ("西東京パソコンサポート", "にしとうきょうぱそこんさぽーと", VOL, date(2008, 11, 19), ["information"], [(Kind.SUSPENDED, date(2009, 4, 1)), (Kind.REINSTATED, date(2009, 10, 1))]),
    ("男女共同参画をすすめる会・西東京", "だんじょきょうどうさんかくをすすめるかいにしとうきょう", VOL, date(2009, 1, 13), ["gender_equality"], []),
    ("西東京合唱団", "にしとうきょうがっしょうだん", VOL, date(2009, 3, 9), ["culture"], []),
    ("西原自然公園の会", "にしはらしぜんこうえんのかい", VOL, date(2009, 5, 20), ["environment"], []),
    ("平和を考える西東京市民の会", "へいわをかんがえるにしとうきょうしみんのかい", VOL, date(2009, 6, 2), ["human_rights"], []),
    ("中町リサイクル推進会", "なかまちりさいくるすいしんかい", VOL, date(2009, 8, 18), ["environment", "consumer"], []),
    ("一般社団法人西東京スポーツクラブ", "にしとうきょうすぽーつくらぶ", ASSOC, date(2009, 9, 29), ["culture", "children"], []),
    ("下保谷ホタルの会", "しもほうやほたるのかい", VOL, date(2009, 10, 15), ["environment"], []),
    ("西東京おやこ劇場", "にしとうきょうおやこげきじょう", VOL, date(2009, 12, 4), ["children", "culture"], []),
    ("住吉町見守りネット", "すみよしちょうみまもりねっと", VOL, date(2010, 1, 22), ["safety", "health"], []),
    ("西東京ガーデニングクラブ", "にしとうきょうがーでにんぐくらぶ", VOL, date(2010, 2, 16), ["environment", "community"], []),
    ("NPO法人西東京介護者サポートの会", "にしとうきょうかいごしゃさぽーとのかい", NPO, date(2010, 4, 26), ["health"], []),
    ("緑町フラワーボランティア", "みどりちょうふらわーぼらんてぃあ", VOL, date(2010, 5, 18), ["community", "environment"], []),
    ("西東京点訳の会", "にしとうきょうてんやくのかい", VOL, date(2010, 7, 6), ["health", "information"], []),
    ("向台町文化サークル", "むこうだいちょうぶんかさーくる", VOL, date(2010, 8, 24), ["culture"], []),
    ("一般財団法人西東京文化振興財団", "にしとうきょうぶんかしんこうざいだん", FOUND, date(2010, 9, 14), ["culture", "intermediary"], []),
    ("西東京起業支援ネット", "にしとうきょうきぎょうしえんねっと", VOL, date(2010, 11, 9), ["economy", "employment"], []),
    # Invented, no longer registered at the end of 2010.
    ("田無駅前清掃ボランティア", "たなしえきまえせいそうぼらんてぃあ", VOL, date(2005, 3, 14), ["environment"], [(Kind.WITHDRAWN, date(2008, 3, 31))]),
    ("保谷俳句の会", "ほうやはいくのかい", VOL, date(2006, 6, 6), ["culture"], [(Kind.WITHDRAWN, date(2009, 9, 30))]),
    ("西東京フリーマーケットの会", "にしとうきょうふりーまーけっとのかい", VOL, date(2007, 10, 10), ["environment", "economy"], [(Kind.SUSPENDED, date(2010, 6, 30))]),
    ("ひばりが丘防犯パトロール隊", "ひばりがおかぼうはんぱとろーるたい", VOL, date(2008, 5, 12), ["safety"], [(Kind.WITHDRAWN, date(2010, 11, 30))]),
]  # fmt: skip

_STATUS_AFTER = {
    Kind.REGISTERED: Organization.Status.REGISTERED,
    Kind.RENEWED: Organization.Status.REGISTERED,
    Kind.REINSTATED: Organization.Status.REGISTERED,
    Kind.SUSPENDED: Organization.Status.SUSPENDED,
    Kind.WITHDRAWN: Organization.Status.WITHDRAWN,
}
_PUBLISHED = ["description", "activity_fields", "area", "founded_year", "member_count"]


def _history(registered_on: date, later: list[tuple[str, date]]) -> list[tuple[str, date]]:
    steps = [(Kind.REGISTERED, registered_on), *later]
    # Groups still registered on 2010-04-01 renewed for 平成22年度 that day.
    active = None
    for kind, on in steps:
        if on <= RENEWAL_2010:
            active = kind
    if registered_on < RENEWAL_2010 and active in OrganizationStatusChange.ACTIVE_KINDS:
        steps.append((Kind.RENEWED, RENEWAL_2010))
    return sorted(steps, key=lambda step: step[1])


def load_demo() -> None:
    """Idempotent: running it twice leaves the same data."""
    with transaction.atomic():
        for number, (name, reading, legal_form, registered_on, fields, later) in enumerate(
            GROUPS, start=1
        ):
            steps = _history(registered_on, later)
            organization, created = Organization.objects.get_or_create(
                name=name,
                defaults={
                    "name_reading": reading,
                    "legal_form": legal_form,
                    "status": _STATUS_AFTER[steps[-1][0]],
                    "representative_name": f"{name} 代表",
                    "email": f"group{number:02d}@example.jp",
                    "phone": f"042-400-{number:04d}",
                    "address": "東京都西東京市",
                    "activity_fields": join_codes(fields),
                    "area": "西東京市内",
                    "description": "",
                    "founded_year": registered_on.year - 1,
                    "published_fields": join_codes(_PUBLISHED[: 2 + number % 4]),
                },
            )
            if created:
                OrganizationStatusChange.objects.bulk_create(
                    OrganizationStatusChange(
                        organization=organization,
                        kind=kind,
                        effective_date=on,
                        fiscal_year=fiscal_year(on),
                    )
                    for kind, on in steps
                )
        kazenokai = Organization.objects.get(name="西東京風の会")
        user = User.objects.filter(username="kazenokai").first()
        if user is not None and kazenokai.representative_user_id is None:
            kazenokai.representative_user = user
            kazenokai.representative_name = "北村 陽子"
            kazenokai.representative_reading = "きたむら ようこ"
            kazenokai.description = "西東京市の風景と暮らしを記録し、散策会や写真展を開いています。"
            kazenokai.save()


# --- the current fiscal year, relative to the day the demo runs ---------------------------------

# Invented applications waiting for review: name, reading, legal form, representative, reading,
# fields of activity, days since they were sent.
PENDING_APPLICATIONS = [
    ("ひばりが丘こども食堂の会", "ひばりがおかこどもしょくどうのかい", VOL, "森田 千晴", "もりた ちはる", ["children", "health"], 3),
    ("西東京多文化交流サロン", "にしとうきょうたぶんかこうりゅうさろん", VOL, "林 美鈴", "はやし みすず", ["international", "social_education"], 9),
]  # fmt: skip

# The 変更届 waiting for review: 西東京シネマ倶楽部 has a new representative and has moved.
CHANGE_GROUP = "西東京シネマ倶楽部"
CHANGE_PROPOSED = {
    "representative_name": "岡本 修二",
    "representative_reading": "おかもと しゅうじ",
    "address": "東京都西東京市南町5-6-18",
}


def load_current() -> None:
    """Pending applications and a 変更届 dated a few days before today. Idempotent: what is
    already there (waiting, or decided meanwhile by someone trying the demo) is left alone."""
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.organizations.models import ChangeRequest

    now = timezone.now()
    with transaction.atomic():
        for n, (name, reading, legal_form, person, person_reading, fields, days) in enumerate(
            PENDING_APPLICATIONS, start=1
        ):
            Organization.objects.get_or_create(
                name=name,
                defaults={
                    "name_reading": reading,
                    "legal_form": legal_form,
                    "status": Organization.Status.APPLIED,
                    "representative_name": person,
                    "representative_reading": person_reading,
                    "email": f"applicant-group{n}@example.jp",
                    "phone": "042-450-0000",
                    "address": "東京都西東京市",
                    "activity_fields": join_codes(fields),
                    "area": "西東京市内",
                    "submitted_at": now - timedelta(days=days),
                    "published_fields": join_codes(["activity_fields", "area"]),
                },
            )
        cinema = Organization.objects.filter(name=CHANGE_GROUP).first()
        if cinema is not None and not cinema.change_requests.exists():
            ChangeRequest.objects.create(
                organization=cinema,
                proposed=CHANGE_PROPOSED,
                previous={name: getattr(cinema, name) for name in CHANGE_PROPOSED},
                submitted_at=now - timedelta(days=2),
            )
