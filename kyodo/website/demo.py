"""The public site's texts and news for the demo center: the news of January 2011
(``load_demo``), and a notice of the course that the events demo plans from the day it runs
(``load_current``)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kyodo.website.models import AccessibilityStatement, AccessInfo, NewsPost, Page

TOKYO = ZoneInfo("Asia/Tokyo")

PAGES = {
    Page.Slug.HOME: (
        "センターについて",
        "西東京市市民協働推進センターは、市民活動団体・NPOの活動を支援し、市民・団体・行政の"
        "**協働**を進めるための拠点です。団体登録、講座やイベント、活動の相談を受け付けています。",
    ),
    Page.Slug.ABOUT: (
        "センターについて",
        "## 目的\n\n市民活動団体・NPOの活動を支援し、市民と行政の協働によるまちづくりを進めます。\n\n"
        "## 主な事業\n\n- 登録団体の支援と情報発信\n- 講座・交流会・シンポジウムの開催\n"
        "- 市民活動・NPOに関する相談\n- 運営委員会による運営\n",
    ),
    # The address, station, hours and parking are the 交通案内 below the text (AccessInfo):
    # the text only leads to them, so that the page does not give them twice.
    Page.Slug.ACCESS: (
        "アクセス",
        "センターへの道順、開館時間と休館日、バリアフリーの情報をご案内します。\n",
    ),
    Page.Slug.PRIVACY: (
        "個人情報の取り扱い",
        "センターは、団体登録・事業への申し込み・相談でお預かりした個人情報を、その目的の範囲で"
        "のみ利用します。事業への申し込みの個人情報は、事業の終了から1年後に匿名化します。"
        "相談の記録は事務局だけが閲覧できます。\n",
    ),
    Page.Slug.ACCESSIBILITY: (
        "ウェブアクセシビリティ方針",
        "このサイトは、JIS X 8341-3:2016 の適合レベル AA に準拠することを目標としています。"
        "試験の結果を下に示します。お気づきの点はセンターまでお知らせください。\n",
    ),
}

NEWS = [
    (
        datetime(2011, 1, 5, 10, 0, tzinfo=TOKYO),
        "「協働を考えるシンポジウム」を2月9日に開催します",
        "基調講演は松戸市『協働のまちづくり協議会』会長の山崎富一さんです。"
        "パネリストに協働コミュニティ課長も登壇します。お申し込みはイベントのページから。",
    ),
    (
        datetime(2011, 1, 11, 9, 0, tzinfo=TOKYO),
        "会計講座中級編の参加者を募集しています",
        "NPOの会計担当者向けの講座です。定員になり次第締め切ります。",
    ),
]

# Published a few days before the demo runs, of the course the events demo plans 12 days after
# it (kyodo.events.demo.CURRENT_EVENTS): the home page's news then begins with a notice of this
# month, not with those of 2011.
CURRENT_NEWS = (
    3,
    "「市民活動はじめの一歩講座」の参加者を受け付けています",
    "地域で活動を始めたい方のための入門講座です。定員は20人です。"
    "日時と会場は[事業の一覧](/events/)でご覧ください。",
)


def load_demo() -> None:
    for slug, (title, body) in PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})
    for published_at, title, body in NEWS:
        NewsPost.objects.get_or_create(
            title=title,
            defaults={"body": body, "published_at": published_at, "is_published": True},
        )
    if not AccessInfo.objects.exists():
        AccessInfo.objects.create(
            postal_code="188-0011",
            address="東京都西東京市田無町4丁目 イングビル3階",
            nearest_station="西武新宿線 田無駅 北口",
            walking_minutes=3,
            other_transport="駐車場はありません。お車の方は近くの有料駐車場をご利用ください。",
            opening_hours="火曜日～土曜日 午前9時～午後9時\n日曜日 午前9時～午後5時",
            closed_days="月曜日（祝日の場合は翌日）、年末年始",
            barrier_free=(
                "ビルの正面入口は段差がなく、エレベーターで3階まで上がれます。"
                "3階に多目的トイレがあります。筆談にも対応します。"
            ),
        )
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(
            level=AccessibilityStatement.Level.AA,
            conformance="一部準拠",
            tested_on=date(2026, 11, 28),
            scope="公開ページすべて（トップページ、事業、登録団体、運営委員会、お知らせ、各案内ページ）",
            method="axe-core による自動試験（WCAG 2.0 A/AA の達成基準）。人による試験は未実施。",
        )


def load_current() -> None:
    """The current notice, dated from the day the demo runs; once only (its title is the key)."""
    days_ago, title, body = CURRENT_NEWS
    published_on = timezone.localdate() - timedelta(days=days_ago)
    NewsPost.objects.get_or_create(
        title=title,
        defaults={
            "body": body,
            "published_at": datetime.combine(published_on, time(10, 0), tzinfo=TOKYO),
            "is_published": True,
        },
    )
