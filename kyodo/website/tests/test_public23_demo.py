"""The demo as a citizen and a committee member meet it on the day it runs: the news begins with
a notice of this month, the access page gives the address once, and a meeting held long ago does
not say its notice is still to be sent."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyodo.committees.models import Meeting
from kyodo.core.models import User
from kyodo.website import demo as website_demo
from kyodo.website.models import NewsPost

WEEKDAYS = "月火水木金土日"


def reiwa(day: date) -> str:
    # Written out here rather than through the site's filter: the test says what a reader sees.
    return f"令和{day.year - 2018}年{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"


@pytest.fixture
def current_news(demo):
    website_demo.load_current()


def test_the_home_page_news_begins_with_a_notice_of_this_month(client, current_news):
    posted = timezone.localdate() - timedelta(days=3)
    response = client.get("/")
    news = response.text.split('id="news-heading"')[1].split("</ul>")[0]
    titles = [
        "「市民活動はじめの一歩講座」の参加者を受け付けています",
        "会計講座中級編の参加者を募集しています",
        "「協働を考えるシンポジウム」を2月9日に開催します",
    ]
    assert [news.index(t) for t in titles] == sorted(news.index(t) for t in titles)
    first = news.split("</li>")[0]
    assert reiwa(posted) in first
    assert titles[0] in first
    post = NewsPost.objects.get(title=titles[0])
    assert post.body == (
        "地域で活動を始めたい方のための入門講座です。定員は20人です。"
        "日時と会場は[事業の一覧](/events/)でご覧ください。"
    )
    assert timezone.localtime(post.published_at).time().isoformat() == "10:00:00"
    detail = client.get(f"/news/{post.pk}/")
    assert (
        '日時と会場は<a href="/events/" rel="noopener noreferrer">事業の一覧</a>でご覧ください。'
        in detail.text
    )


def test_the_current_notice_is_written_once(current_news):
    website_demo.load_current()
    assert NewsPost.objects.filter(title__startswith="「市民活動はじめの一歩講座」").count() == 1
    assert NewsPost.objects.published().count() == 3


def test_the_access_page_gives_the_address_once(client, demo):
    response = client.get("/access/")
    assert response.status_code == 200
    assert "センターへの道順、開館時間と休館日、バリアフリーの情報をご案内します。" in response.text
    main = response.text.split("<main", 1)[1].split("</main>")[0]
    assert main.count("イングビル3階") == 1
    assert main.count("所在地") == 1
    assert "〒188-0011<br>東京都西東京市田無町4丁目 イングビル3階" in main


def test_a_meeting_held_in_2011_does_not_say_its_notice_is_not_sent(client, demo):
    client.force_login(User.objects.get(username="kumada"))
    held = Meeting.objects.get(date=date(2011, 1, 18))
    assert (held.status, held.notice_sent_at) == ("held", None)
    response = client.get(f"/member/meetings/{held.pk}/")
    assert response.status_code == 200
    assert "招集通知" not in response.text
    assert "まだ送付していません。" not in response.text
    assert "<dt>出欠</dt><dd>出席</dd>" in response.text


def test_a_meeting_still_to_come_says_its_notice_is_not_sent_yet(client, demo):
    from kyodo.committees import demo as committees_demo

    committees_demo.load_current()
    client.force_login(User.objects.get(username="kumada"))
    coming = Meeting.objects.filter(status="scheduled", date__gte=timezone.localdate()).first()
    assert coming.notice_sent_at is None
    response = client.get(f"/member/meetings/{coming.pk}/")
    assert "<dt>招集通知</dt><dd>まだ送付していません。</dd>" in response.text


def test_the_check_page_asks_to_check_before_the_approving_meeting_only_until_its_day(client, demo):
    from kyodo.committees import demo as committees_demo
    from kyodo.committees.models import CirculationRecipient

    committees_demo.load_current()
    today = timezone.localdate()
    client.force_login(User.objects.get(username="kumada"))

    def page_of(meeting: Meeting) -> str:
        copy = CirculationRecipient.objects.filter(
            circulation__minutes__meeting=meeting, member__name="熊田"
        ).latest("pk")
        return client.get(f"/committee/check/{copy.token}/").text

    first, second, third = Meeting.objects.filter(date__year__gte=2026).order_by("date")
    assert (second.status, third.status) == ("held", "scheduled")
    assert second.date < today <= third.date
    # The second meeting, whose day has passed, approved the first's draft, since confirmed and
    # published: no request to check it "before then".
    past = page_of(first)
    assert "この会議録は確定し、公開されています。" in past
    assert "それまでにご確認ください" not in past
    # The third, still to come, approves the second's.
    coming = page_of(second)
    assert (
        f"<br>{reiwa(third.date)}の{third}で承認の予定です。それまでにご確認ください。</p>"
        in coming
    )
