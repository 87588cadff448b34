"""A newcomer's findings on /staff/consultations/new/ (session 22): 登録団体 lists registered
groups first and marks the others, 対応者 starts at the signed-in staff member, a follow-up date
typed without its year (「12/21」) is the next such day."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from kyodo.consultations.models import Consultation
from kyodo.consultations.tests.factories import make_consultation
from kyodo.core.forms import THIS_YEAR, UPCOMING, WarekiDateField, date_from_month_day
from kyodo.core.models import AuditEntry
from kyodo.core.roles import Role
from kyodo.core.wareki import WarekiError, format_wareki
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

# The day of the finding, a Monday.
FINDING_DAY = date(2026, 12, 7)
NEW = "/staff/consultations/new/"


def _post(**overrides):
    data = {
        "received_on": "平成22年12月7日",
        "channel": "visit",
        "client_type": "individual",
        "categories": ["legal_form"],
        "summary": "法人格について相談",
    }
    return data | overrides


def _select(page: str, name: str) -> list[str]:
    """The options of the select ``name`` as written: 'value|label', 'value|label|selected'."""
    select = re.search(f'<select name="{name}".*?</select>', page, re.S)
    assert select is not None
    return [
        f"{value}|{label}" + ("|selected" if selected else "")
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(0)
        )
    ]


# --- a month and day without a year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/21", date(2026, 12, 21)),  # the finding: later this month
        ("1/5", date(2027, 1, 5)),  # after New Year: next year's
        ("12/7", date(2026, 12, 7)),  # today is the next such day
        ("12/5", date(2027, 12, 5)),  # two days ago: next year's
        ("１２月２１日", date(2026, 12, 21)),
        ("１２／２１（月）", date(2026, 12, 21)),
        (" 12.21 月曜日 ", date(2026, 12, 21)),
        ("12-21", date(2026, 12, 21)),
    ],
)
def test_a_follow_up_without_its_year_is_the_next_such_day(typed, expected):
    assert date_from_month_day(typed, reading=UPCOMING, today=FINDING_DAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/5", date(2026, 12, 5)),  # the brief's example: two days ago, this year's
        ("12/7", date(2026, 12, 7)),
        ("1/5", date(2026, 1, 5)),
        ("12月5日(土)", date(2026, 12, 5)),
    ],
)
def test_a_day_that_has_been_without_its_year_is_this_years(typed, expected):
    assert date_from_month_day(typed, reading=THIS_YEAR, today=FINDING_DAY) == expected


@pytest.mark.parametrize(
    ("typed", "reading", "today", "message"),
    [
        (
            "12/21",
            THIS_YEAR,
            FINDING_DAY,
            "年を省いた「12月21日」は今年の令和8年12月21日になりますが、今日より後の日付です。"
            "年も入力してください（例：令和7年12月21日）。",
        ),
        # 2028 is a leap year; 2027 had no 2月29日 to suggest.
        (
            "2/29",
            THIS_YEAR,
            date(2028, 1, 10),
            "年も入力してください（例：令和8年12月7日、2026/12/7）",
        ),
        ("2/29", UPCOMING, FINDING_DAY, "「2027年2月29日」という日付はありません。"),
        ("2/30", THIS_YEAR, FINDING_DAY, "「2026年2月30日」という日付はありません。"),
        ("13/1", UPCOMING, FINDING_DAY, "「2026年13月1日」という日付はありません。"),
        (
            "12/21(火)",
            UPCOMING,
            FINDING_DAY,
            "曜日が違います。2026年12月21日は月曜日です。",
        ),
    ],
)
def test_a_month_and_day_that_cannot_be_read_is_refused_in_japanese(typed, reading, today, message):
    with pytest.raises(WarekiError) as refused:
        date_from_month_day(typed, reading=reading, today=today)
    assert str(refused.value) == message


@pytest.mark.parametrize("typed", ["令和8年12月21日", "2026/12/21", "R8.12.21", "12", "あした", ""])
def test_a_date_with_its_year_or_no_date_is_not_a_month_and_day(typed):
    assert date_from_month_day(typed, reading=UPCOMING, today=FINDING_DAY) is None


def test_other_date_fields_still_ask_for_the_year():
    field = WarekiDateField(required=False)
    with pytest.raises(Exception) as refused:
        field.clean("12/21")
    assert refused.value.messages == ["年も入力してください（例：令和8年12月7日、2026/12/7）"]
    with pytest.raises(ValueError):
        WarekiDateField(month_day="soon")


def test_the_fields_say_the_rule(client, staff_user):
    client.force_login(staff_user)
    page = client.get(NEW).text
    assert (
        '<p class="help" id="id_received_on_helptext">例：令和7年4月1日、R7.4.1。年を省いた'
        "「12/5」は今年の日付です（今日より後になる日は年も入力してください）。</p>" in page
    )
    assert (
        '<p class="help" id="id_follow_up_on_helptext">「フォローアップが必要」にチェックを入れた'
        "ときは必須です。例：令和7年4月1日、R7.4.1。年を省いた「12/21」は、今日以降で最初に来る"
        "12月21日です。</p>" in page
    )


def test_a_follow_up_typed_as_month_and_day_is_saved_and_shown_in_wareki(client, staff_user):
    today = timezone.localdate()
    due = today + timedelta(days=14)  # 令和8年12月21日(月) on the day of the finding
    client.force_login(staff_user)
    response = client.post(
        NEW,
        _post(
            received_on=f"{today.month}/{today.day}",
            staff=staff_user.pk,
            follow_up_needed="on",
            follow_up_on=f"{due.month}/{due.day}",
        ),
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/consultations/{consultation.pk}/"
    assert (consultation.received_on, consultation.follow_up_on) == (today, due)
    detail = client.get(response["Location"]).text
    # 「(フォローアップの日付: 令和8年12月21日(月))」 on the day of the finding
    assert f"（フォローアップの日付：{format_wareki(due)}）" in detail


def test_a_form_returned_for_another_error_shows_how_the_date_was_read(client, staff_user):
    today = timezone.localdate()
    due = today + timedelta(days=14)
    client.force_login(staff_user)
    response = client.post(
        NEW,
        _post(
            staff=staff_user.pk,
            summary="",
            follow_up_needed="on",
            follow_up_on=f"{due.month}/{due.day}",
        ),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["summary"]
    assert f'name="follow_up_on" value="{format_wareki(due)}"' in response.text
    assert Consultation.objects.count() == 0


def test_a_consultation_day_after_today_without_its_year_asks_for_the_year(client, staff_user):
    today = timezone.localdate()
    later = today + timedelta(days=1)
    if later.year != today.year:
        pytest.skip("on 31 December every other day of the year has been")
    client.force_login(staff_user)
    typed = f"{later.month}/{later.day}"
    response = client.post(NEW, _post(received_on=typed, staff=staff_user.pk))
    message = (
        f"年を省いた「{later.month}月{later.day}日」は今年の{format_wareki(later, weekday=False)}"
        "になりますが、今日より後の日付です。年も入力してください（例："
        f"{format_wareki(later.replace(year=later.year - 1), weekday=False)}）。"
    )
    assert response.context["form"].errors == {"received_on": [message]}
    assert f'name="received_on" value="{typed}"' in response.text
    assert Consultation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


# --- 登録団体: registered groups first, the others marked ---------------------------------------


@pytest.fixture
def groups():
    return {
        name: make_organization(name, reading, status=status)
        for status, name, reading in [
            ("registered", "西東京風の会", "にしとうきょうかぜのかい"),
            ("registered", "保谷手話サークル", "ほうやしゅわさーくる"),
            ("applied", "田無駅前清掃ボランティア", "たなしえきまえせいそうぼらんてぃあ"),
            ("suspended", "あおぞら朗読会", "あおぞらろうどくかい"),
            ("returned", "柳沢こども食堂", "やぎさわこどもしょくどう"),
            ("scheduled", "ひばりが丘防犯パトロール隊", "ひばりがおかぼうはんぱとろーるたい"),
            ("withdrawn", "西東京フリーマーケットの会", "にしとうきょうふりーまーけっとのかい"),
            ("rejected", "いろは会", "いろはかい"),
        ]
    }


def test_registered_groups_come_first_and_the_others_are_marked(client, staff_user, groups):
    client.force_login(staff_user)
    options = [o.split("|", 1)[1] for o in _select(client.get(NEW).text, "organization")]
    assert options == [
        "（登録団体ではない）|selected",
        "西東京風の会",
        "保谷手話サークル",
        "あおぞら朗読会（休止中）",
        "田無駅前清掃ボランティア（申請中）",
        "ひばりが丘防犯パトロール隊（登録予定）",
        "柳沢こども食堂（差し戻し中）",
    ]


def test_a_new_consultation_cannot_name_a_withdrawn_group(client, staff_user, groups):
    client.force_login(staff_user)
    flea_market = groups["西東京フリーマーケットの会"]
    response = client.post(NEW, _post(staff=staff_user.pk, organization=flea_market.pk))
    assert response.context["form"].errors == {
        "organization": ["正しく選択してください。選択したものは候補にありません。"]
    }
    assert Consultation.objects.count() == 0


def test_a_suspended_group_can_be_chosen(client, staff_user, groups):
    client.force_login(staff_user)
    reading_circle = groups["あおぞら朗読会"]
    response = client.post(NEW, _post(staff=staff_user.pk, organization=reading_circle.pk))
    assert response.status_code == 302
    assert Consultation.objects.get().organization == reading_circle


def test_editing_keeps_a_group_withdrawn_since(client, staff_user, groups):
    from kyodo.organizations.models import Organization

    flea_market = groups["西東京フリーマーケットの会"]
    Organization.objects.filter(pk=flea_market.pk).update(status="registered")
    consultation = make_consultation(staff_user, organization=flea_market)
    Organization.objects.filter(pk=flea_market.pk).update(status="withdrawn")
    client.force_login(staff_user)
    url = f"/staff/consultations/{consultation.pk}/edit/"

    options = _select(client.get(url).text, "organization")
    assert f"{flea_market.pk}|西東京フリーマーケットの会（登録抹消）|selected" in options
    assert [o for o in options if "いろは会" in o] == []

    response = client.post(
        url,
        _post(
            staff=staff_user.pk,
            organization=flea_market.pk,
            summary="法人格について相談（追記）",
            edit_version=client.get(url).context["form"].initial["edit_version"],
        ),
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.organization, consultation.summary) == (
        flea_market,
        "法人格について相談（追記）",
    )


# --- 対応者: the signed-in staff member -----------------------------------------------------------


def test_the_staff_member_starts_at_the_signed_in_staff_member(client, make_user, staff_user):
    other = make_user("staff2", Role.STAFF, full_name="西口")
    client.force_login(other)
    assert _select(client.get(NEW).text, "staff") == [
        "|選択してください",
        f"{staff_user.pk}|中澤",
        f"{other.pk}|西口|selected",
    ]


def test_a_signed_in_superuser_who_is_not_staff_chooses(client, staff_user, superuser):
    # Not among the choices (a superuser holds no staff seat of the center): nothing preselected.
    client.force_login(superuser)
    assert _select(client.get(NEW).text, "staff") == ["|選択してください", f"{staff_user.pk}|中澤"]


def test_editing_keeps_a_staff_member_who_has_left(client, make_user, staff_user):
    other = make_user("staff2", Role.STAFF, full_name="西口")
    consultation = make_consultation(staff_user, staff=other)
    other.groups.remove(Group.objects.get(name=Role.STAFF))
    client.force_login(staff_user)
    url = f"/staff/consultations/{consultation.pk}/edit/"

    assert _select(client.get(url).text, "staff") == [
        "|選択してください",
        f"{staff_user.pk}|中澤",
        f"{other.pk}|西口（元職員）|selected",
    ]
    response = client.post(
        url,
        _post(
            staff=other.pk,
            summary="法人格について相談（追記）",
            edit_version=client.get(url).context["form"].initial["edit_version"],
        ),
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.staff, consultation.summary) == (other, "法人格について相談（追記）")

    # A new consultation cannot be given to them.
    response = client.post(NEW, _post(staff=other.pk))
    assert response.context["form"].errors == {
        "staff": ["正しく選択してください。選択したものは候補にありません。"]
    }
    assert Consultation.objects.count() == 1
