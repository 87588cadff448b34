"""The steering committee as it sat on 2011-01-18 (seed facts; given names are not in the seed)."""

from datetime import date

from kyodo.committees.models import Committee, Member, Membership, SecretariatMember
from kyodo.core.demo import demo_user
from kyodo.core.models import Center, User
from kyodo.core.roles import Role, grant_role

TERM_START = date(2009, 4, 1)
TERM_END = date(2011, 3, 31)

# name, reading, sector, username — the seed's 12 attendees (its own list puts 田辺 before 坂口).
MEMBERS = [
    ("有賀", "ありが", Member.Sector.NPO, "ariga"),
    ("有馬", "ありま", Member.Sector.VOLUNTEER, "arima"),
    ("岡澤", "おかざわ", Member.Sector.BUSINESS, "okazawa"),
    ("熊田", "くまだ", Member.Sector.ACADEMIC, "kumada"),
    ("小林", "こばやし", Member.Sector.NPO, "kobayashi"),
    ("田辺", "たなべ", Member.Sector.CITIZEN, "tanabe"),
    ("坂口", "さかぐち", Member.Sector.NPO, "sakaguchi"),
    ("中曽根", "なかそね", Member.Sector.PUBLIC, "nakasone"),
    ("橋本", "はしもと", Member.Sector.VOLUNTEER, "hashimoto"),
    ("宮﨑", "みやざき", Member.Sector.NPO, "miyazaki"),
    ("山辺", "やまべ", Member.Sector.BUSINESS, "yamabe"),
    ("吉田", "よしだ", Member.Sector.CITIZEN, "yoshida"),
]
CHAIR = "熊田"


def load_committee() -> None:
    center = Center.objects.current()
    committee, _ = Committee.objects.get_or_create(
        slug="unei",
        defaults={
            "center": center,
            "name": "運営委員会",
            "purpose": "センターの運営について協議し、事業の方向性を定める。",
            "min_members": 10,
            "max_members": 15,
            "quorum": 7,
        },
    )
    for name, reading, sector, username in MEMBERS:
        user = demo_user(username, full_name=name, reading=reading)
        grant_role(user, Role.MEMBER)
        member, _ = Member.objects.get_or_create(
            name=name,
            defaults={
                "name_reading": reading,
                "sector": sector,
                "email": user.email,
                "user": user,
            },
        )
        Membership.objects.get_or_create(
            committee=committee,
            member=member,
            term_start=TERM_START,
            defaults={
                "term_end": TERM_END,
                "role": Membership.Role.CHAIR if name == CHAIR else Membership.Role.MEMBER,
            },
        )
    for order, (name, title) in enumerate(
        [("西口", "センター長"), ("丸木", "地域福祉課長"), ("中澤", "主事")], start=1
    ):
        user = User.objects.filter(full_name=name).first()
        SecretariatMember.objects.get_or_create(
            committee=committee,
            name=name,
            defaults={
                "title": title,
                "order": order,
                "user": user,
                "name_reading": user.name_reading if user else "",
            },
        )
