"""The demo center: 西東京市市民協働推進センター as it stood on 2011-01-18, from the seed's facts,
and the same center alive on the day the demo runs (its current fiscal year's open events,
applications waiting for review, a 変更届, consultations whose follow-up is due).

Each app contributes a loader (listed in ``DEMO_LOADERS``, in dependency order). Loaders are
idempotent: running ``kyodo demo`` twice leaves the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.module_loading import import_string

from kyodo.core.models import Center, User, Venue
from kyodo.core.roles import Role, grant_role

DEMO_PASSWORD = "kyodo-demo-2011"

DEMO_LOADERS = [
    "kyodo.core.demo.load_center",
    "kyodo.organizations.demo.load_demo",
    "kyodo.events.demo.load_demo",
    "kyodo.consultations.demo.load_demo",
    "kyodo.committees.demo.load_committee",
    "kyodo.collaboration.demo.load_demo",
    "kyodo.website.demo.load_demo",
    "kyodo.contact.demo.load_demo",
]

# The current fiscal year, relative to the day the demo runs: the 2010 history above stays
# exactly as it is, and a newcomer finds events open, applications and follow-ups waiting.
# `kyodo demo` loads both; the tests' ``demo`` fixture the history alone, which they count on.
CURRENT_LOADERS = [
    "kyodo.organizations.demo.load_current",
    "kyodo.events.demo.load_current",
    "kyodo.consultations.demo.load_current",
    "kyodo.committees.demo.load_current",
    "kyodo.website.demo.load_current",
]

# Last, after the current year too: the search index of everything the loaders wrote.
INDEX_LOADER = "kyodo.search.demo.load_demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    name: str


DEMO_LOGINS = [
    DemoLogin("admin", "superuser", "管理者"),
    DemoLogin("nishiguchi", "staff", "西口（センター長）"),
    DemoLogin("kumada", "member", "熊田（委員長）"),
    DemoLogin("kazenokai", "group", "西東京風の会 担当者"),
]

VENUES = [
    ("イングビル3階 第1会議室", "いんぐびるさんかい だいいちかいぎしつ", "イングビル", 30),
    ("イングビル3階 第2会議室", "いんぐびるさんかい だいにかいぎしつ", "イングビル", 16),
    ("保谷庁舎", "ほうやちょうしゃ", "西東京市役所 保谷庁舎", 80),
    ("田無庁舎", "たなしちょうしゃ", "西東京市役所 田無庁舎", 60),
]

STAFF = [
    # username, name, reading, title
    ("nishiguchi", "西口", "にしぐち", "センター長"),
    ("maruki", "丸木", "まるき", "地域福祉課長"),
    ("nakazawa", "中澤", "なかざわ", "主事"),
]


def demo_user(username: str, *, full_name: str, reading: str = "", title: str = "", email=None):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "name_reading": reading,
            "title": title,
            "email": email if email is not None else f"{username}@example.jp",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load_center() -> None:
    if not Center.objects.exists():
        Center.objects.create(
            name="西東京市市民協働推進センター",
            name_reading="にしとうきょうししみんきょうどうすいしんせんたー",
            prefecture="東京都",
            city="西東京市",
            municipality_code="132292",
            address="東京都西東京市田無町4丁目 イングビル3階",
            phone="042-000-0000",
            email="center@example.jp",
            opening_hours="火曜日～土曜日 午前9時～午後9時、日曜日 午前9時～午後5時",
            about=(
                "市民活動団体・NPOの活動を支援し、市民と行政の協働を進めるための拠点です。"
                "登録団体の支援、講座やイベントの開催、相談の受付を行っています。"
            ),
        )
    for name, reading, building, capacity in VENUES:
        Venue.objects.get_or_create(
            name=name,
            defaults={"name_reading": reading, "building": building, "capacity": capacity},
        )
    for username, name, reading, title in STAFF:
        user = demo_user(username, full_name=name, reading=reading, title=title)
        grant_role(user, Role.STAFF)
        if title == "センター長":
            # The center manager appoints the next one and answers for the staff accounts.
            grant_role(user, Role.MANAGER)
    admin = demo_user("admin", full_name="管理者", reading="かんりしゃ")
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    representative = demo_user(
        "kazenokai", full_name="西東京風の会 担当者", reading="にしとうきょうかぜのかい"
    )
    grant_role(representative, Role.GROUP)


def load_demo(*, current: bool = False) -> list[DemoLogin]:
    """Load every app's part of the demo, in one transaction, with the current fiscal year's
    part when ``current``; returns the logins to print."""
    with transaction.atomic():
        for dotted in [*DEMO_LOADERS, *(CURRENT_LOADERS if current else []), INDEX_LOADER]:
            import_string(dotted)()
    return DEMO_LOGINS
