"""年度更新 in bulk (yearend finding 12): the registered groups not renewed for a fiscal year,
ticked and renewed in one transaction with one audit row per group, as the one-group action
records it, and a CSV of those not renewed."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from kyodo.core.models import AuditEntry
from kyodo.organizations import selectors, services
from kyodo.organizations.exceptions import OrganizationError
from kyodo.organizations.models import OrganizationStatusChange
from kyodo.organizations.tests.factories import make_organization

pytestmark = pytest.mark.django_db

FEBRUARY = date(2027, 2, 10)
PAGE = "/staff/groups/renewals/"


@pytest.fixture
def today(monkeypatch):
    real = timezone.localdate
    day = {"today": FEBRUARY}

    def localdate(value=None, timezone=None):
        return day["today"] if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    def move_to(new_day: date) -> None:
        day["today"] = new_day

    return move_to


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def groups():
    """Registered, renewed, leaving, suspended, scheduled and applying groups on 2027-02-10."""
    old = ("registered", date(2010, 4, 1))
    return {
        "kaze": make_organization(
            "西東京風の会",
            "にしとうきょうかぜのかい",
            history=[old, ("renewed", date(2026, 4, 1))],
            representative_name="北村 陽子",
            email="kaze@example.jp",
            phone="042-400-0001",
        ),
        "aozora": make_organization(
            "あおぞら文庫", "あおぞらぶんこ", history=[("registered", date(2026, 12, 7))]
        ),
        # Renewed for 令和9年度 already (scheduled for 4/1): not listed.
        "hotaru": make_organization(
            "下保谷ホタルの会",
            "しもほうやほたるのかい",
            history=[old, ("renewed", date(2026, 4, 1)), ("renewed", date(2027, 4, 1))],
        ),
        # Leaving at 年度末: not listed for 令和9年度, listed for 令和8年度 (not renewed then).
        "gassho": make_organization(
            "西東京合唱団",
            "にしとうきょうがっしょうだん",
            history=[old, ("withdrawn", date(2027, 3, 31))],
            status="registered",
        ),
        "market": make_organization(
            "西東京フリーマーケットの会",
            "にしとうきょうふりーまーけっとのかい",
            history=[old, ("suspended", date(2010, 6, 30))],
        ),
        # Registered from 令和9年4月1日: its first year needs no renewal.
        "kodomo": make_organization(
            "ひばりが丘こども食堂の会",
            "ひばりがおかこどもしょくどうのかい",
            history=[("registered", date(2027, 4, 1))],
            status="scheduled",
        ),
        "salon": make_organization(
            "西東京多文化交流サロン", "にしとうきょうたぶんかこうりゅうさろん", status="applied"
        ),
    }


def _names(page: str) -> list[str]:
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<label for=")[1:]
    return [row.split(">", 1)[1].split("</label>")[0] for row in rows]


def test_the_page_lists_the_groups_not_renewed_for_the_coming_year(today, staff_client, groups):
    index = staff_client.get("/staff/groups/").text
    assert f'<a href="{PAGE}">年度更新（まとめて記録）</a>' in index
    page = staff_client.get(PAGE).text
    # From February on, the coming fiscal year.
    assert "<h1>令和9年度の年度更新</h1>" in page
    assert _names(page) == ["あおぞら文庫", "西東京風の会"]
    assert "<caption>2団体</caption>" in page
    assert '<option value="2027" selected>令和9年度</option>' in page
    kaze = groups["kaze"]
    assert (
        f'<input type="checkbox" name="organizations" value="{kaze.pk}" id="renew_{kaze.pk}">'
    ) in page
    assert '<td class="nowrap">令和8年度</td>' in page  # 風の会's last renewal
    assert 'name="effective_date" value="令和9年4月1日"' in page
    ticked = staff_client.get(PAGE + "?fiscal_year=2027&tick=all").text
    assert ticked.count('name="organizations"') == ticked.count(" checked></td>") == 2
    # Another year on request. For 令和8年度 every group is renewed, registered in it, or leaving
    # on 3/31 (西東京合唱団: a renewal could not come before its 登録抹消).
    current = staff_client.get(PAGE + "?fiscal_year=2026").text
    assert "<h1>令和8年度の年度更新</h1>" in current
    assert "すべての登録団体の令和8年度の年度更新が記録されています。" in current


def test_the_current_year_is_the_default_before_february(today, staff_client, groups):
    today(date(2027, 1, 31))
    make_organization(
        "保谷の会",
        "ほうやのかい",
        history=[("registered", date(2011, 5, 1)), ("renewed", date(2025, 4, 1))],
    )
    page = staff_client.get(PAGE).text
    assert "<h1>令和8年度の年度更新</h1>" in page
    assert _names(page) == ["保谷の会"]
    assert 'name="effective_date" value="令和9年1月31日"' in page


def test_ticked_groups_are_renewed_at_once_each_audited_as_one(
    today, staff_client, staff_user, groups
):
    kaze, aozora = groups["kaze"], groups["aozora"]
    response = staff_client.post(
        PAGE + "?fiscal_year=2027",
        {
            "organizations": [str(kaze.pk), str(aozora.pk)],
            "effective_date": "令和9年4月1日",
            "note": "更新届受領",
        },
        follow=True,
    )
    assert response.redirect_chain == [(PAGE + "?fiscal_year=2027", 302)]
    assert "2団体の令和9年度の年度更新を記録しました。" in response.text
    assert "すべての登録団体の令和9年度の年度更新が記録されています。" in response.text
    for group in (kaze, aozora):
        last = group.status_changes.order_by("-effective_date", "-pk").first()
        assert (last.kind, last.effective_date, last.fiscal_year, last.note, last.actor) == (
            "renewed",
            date(2027, 4, 1),
            2027,
            "更新届受領",
            staff_user,
        )
    entries = AuditEntry.objects.filter(action="kyodo.organizations.organization.renewed")
    assert sorted(e.object_id for e in entries) == sorted([str(kaze.pk), str(aozora.pk)])
    # Exactly what the one-group action records (a renewal dated later is scheduled).
    one = make_organization("保谷の会", "ほうやのかい", history=[("registered", date(2011, 5, 1))])
    services.organization_change_status(
        actor=staff_user,
        organization=one,
        kind="renewed",
        effective_date=date(2027, 4, 1),
        note="更新届受領",
    )
    single = AuditEntry.objects.get(object_id=str(one.pk))
    assert [e.changes for e in entries] == [single.changes, single.changes]
    assert single.changes == {
        "effective_date": "2027-04-01",
        "fiscal_year": "令和9年度",
        "note": "更新届受領",
    }
    assert {e.actor for e in entries} == {staff_user}
    # Still registered today; the renewal takes effect on 4/1.
    kaze.refresh_from_db()
    assert kaze.status == "registered"


def test_a_renewal_dated_today_or_before_is_in_force_at_once(today, staff_client, groups):
    today(date(2027, 4, 5))
    kaze = groups["kaze"]
    staff_client.post(
        PAGE + "?fiscal_year=2027",
        {"organizations": [str(kaze.pk)], "effective_date": "令和9年4月5日", "note": ""},
    )
    entry = AuditEntry.objects.get(action="kyodo.organizations.organization.renewed")
    assert entry.changes == {
        "status": ["registered", "registered"],
        "effective_date": "2027-04-05",
        "fiscal_year": "令和9年度",
        "note": "",
    }


def _nothing_changed(groups) -> None:
    assert (
        not OrganizationStatusChange.objects.filter(fiscal_year=2027, kind="renewed")
        .exclude(organization=groups["hotaru"])
        .exists()
    )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"effective_date": "令和9年4月1日"}, "年度更新する団体にチェックを入れてください。"),
        (
            {"organizations": "KAZE", "effective_date": "令和9年3月31日"},
            "効力発生日は令和9年度（令和9年4月1日～令和10年3月31日）の日付にしてください。",
        ),
        (
            {"organizations": "KAZE", "effective_date": "来年"},
            "「来年」を日付として読み取れません。例：令和7年4月1日、R7.4.1、2025-04-01",
        ),
        (
            {"organizations": "HOTARU", "effective_date": "令和9年4月1日"},
            "チェックした団体の中に、この年度更新の対象でなくなった団体があります"
            "（その間に年度更新が記録されたか、状態が変わりました）。一覧を確かめてください。",
        ),
    ],
)
def test_bad_input_is_refused_in_japanese_and_changes_nothing(
    today, staff_client, groups, post, error
):
    post = dict(post)
    if "organizations" in post:
        post["organizations"] = [str(groups[post["organizations"].lower()].pk)]
    response = staff_client.post(PAGE + "?fiscal_year=2027", post)
    assert response.status_code == 400
    assert error in response.text
    _nothing_changed(groups)


def test_one_group_that_cannot_be_renewed_stops_them_all(today, staff_user, groups):
    with pytest.raises(OrganizationError) as refused:
        services.organizations_renew(
            actor=staff_user,
            organizations=[groups["kaze"], groups["hotaru"], groups["aozora"]],
            fiscal_year=2027,
            effective_date=date(2027, 4, 1),
        )
    assert str(refused.value.message) == (
        "下保谷ホタルの会：この団体はこの年度の更新が済んでいます。"
        "どの団体の年度更新も記録していません。"
    )
    _nothing_changed(groups)


def test_only_staff_renew(today, client, group_user, groups):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.organizations_renew(
            actor=group_user,
            organizations=[groups["kaze"]],
            fiscal_year=2027,
            effective_date=date(2027, 4, 1),
        )
    assert client.get(PAGE).status_code == 302
    client.force_login(group_user)
    assert client.get(PAGE).status_code == 403
    assert client.get("/staff/groups/renewals.csv").status_code == 403
    _nothing_changed(groups)


def test_an_unknown_fiscal_year_is_refused_and_the_default_shown(today, staff_client, groups):
    response = staff_client.get(PAGE + "?fiscal_year=1990")
    assert response.status_code == 400
    assert "正しく選択してください。 1990 は候補にありません。" in response.text
    assert "<h1>令和9年度の年度更新</h1>" in response.text


def test_the_csv_lists_the_groups_not_renewed(today, staff_client, groups):
    response = staff_client.get("/staff/groups/renewals.csv?fiscal_year=2027")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"renewals-2027.csv\"; filename*=UTF-8''"
        "%E5%B9%B4%E5%BA%A6%E6%9B%B4%E6%96%B0%E6%9C%AA%E4%BA%86_"
        "%E4%BB%A4%E5%92%8C9%E5%B9%B4%E5%BA%A6.csv"
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").split("\r\n") == [
        "団体名,ふりがな,法人格,状態,代表者,メールアドレス,電話番号,登録日,最後の年度更新,"
        "予定されている変更,変更の予定日",
        "あおぞら文庫,あおぞらぶんこ,任意団体,登録,,group@example.jp,,2026-12-07,,,",
        "西東京風の会,にしとうきょうかぜのかい,任意団体,登録,北村 陽子,kaze@example.jp,"
        "042-400-0001,2010-04-01,令和8年度,,",
        "",
    ]


def test_the_list_takes_a_fixed_number_of_queries(
    today, staff_client, groups, django_assert_num_queries
):
    staff_client.get(PAGE)  # session and user cached as for any page
    with django_assert_num_queries(QUERIES := _count(staff_client)):
        staff_client.get(PAGE)
    for n in range(5):
        make_organization(f"会{n}", f"かい{n}", history=[("registered", date(2015, 4, 1))])
    with django_assert_num_queries(QUERIES):
        page = staff_client.get(PAGE).text
    assert "<caption>7団体</caption>" in page


def _count(staff_client) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        staff_client.get(PAGE)
    count = len(captured)  # read now: the next request empties the log it is read from
    assert count > 0
    return count


def test_the_default_year(today):
    assert [
        selectors.renewal_fiscal_year(day)
        for day in (date(2027, 1, 31), date(2027, 2, 1), date(2027, 3, 31), date(2027, 4, 1))
    ] == [2026, 2027, 2027, 2027]
