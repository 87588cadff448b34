from datetime import date

from kyodo.core.months import Month
from kyodo.reports.report import CategoryCount, HeldEvent, NewRegistration, UpcomingEvent
from kyodo.reports.selectors import monthly_report
from kyodo.reports.services import monthly_report_text


def test_the_report_of_a_month_from_hand_made_data(december):
    report = monthly_report(month=Month(2010, 12))

    assert report.events_held == [
        HeldEvent("会計講座", date(2010, 12, 4), 12, None),
        HeldEvent("実行委員会", date(2010, 12, 9), 3, 3),
        HeldEvent("説明会", date(2010, 12, 18), None, 24),
    ]
    assert (report.attendance_people, report.attendance_groups) == (15, 27)
    assert report.new_registrations == [
        NewRegistration("ひまわり会", date(2010, 12, 3)),
        NewRegistration("NPO法人けやき", date(2010, 12, 20)),
    ]
    assert report.registered_total == 3
    assert report.consultation_total == 3
    assert report.consultations_by_category == [
        CategoryCount("legal_form", "法人格", 2),
        CategoryCount("accounting", "会計", 1),
        CategoryCount("grants", "助成金", 1),
    ]
    assert report.consultation_examples == [
        "法人格について相談があった。",
        "助成金について相談があった。",
    ]
    assert report.upcoming_events == [UpcomingEvent("トークサロン", date(2011, 1, 15), 6, 1, 4, 1)]

    # From the month of the first record (さくら会, registered 2010-05-01), not 12 months back.
    assert [t.month for t in report.trend] == [Month(2010, m) for m in range(5, 13)]
    november, december_ = report.trend[-2], report.trend[-1]
    assert (november.events_held, november.attendance_people, november.consultations) == (1, 20, 1)
    assert (december_.events_held, december_.attendance_people) == (3, 15)
    assert (december_.new_registrations, december_.consultations) == (2, 3)
    assert [t.new_registrations for t in report.trend] == [1, 1, 0, 0, 0, 0, 0, 2]


def test_the_report_takes_a_fixed_number_of_queries(december, django_assert_num_queries):
    with django_assert_num_queries(11):
        monthly_report(month=Month(2010, 12), first_day=date(2010, 5, 1))
    # and 4 more to find the center's first record, when the caller has not
    with django_assert_num_queries(15):
        monthly_report(month=Month(2010, 12))


def test_the_text_for_the_committee(december):
    assert monthly_report_text(year=2010, month=12) == (
        "12月に実施した事業は「会計講座」（参加12名）、「実行委員会」（参加3名・3団体）、"
        "「説明会」（参加24団体）の3件。\n"
        "12月の新規団体登録は「ひまわり会」と「NPO法人けやき」の2件。"
        "現在の登録団体数は3団体である。\n"
        "12月の相談は3件（法人格2件、会計1件、助成金1件）。"
        "（1件の相談に複数の分類があるため、分類ごとの件数の合計は相談件数と一致しません）"
        "法人格について相談があった。助成金について相談があった。"
    )


def test_the_text_of_an_empty_month(db):
    assert monthly_report_text(year=2010, month=8) == (
        "8月に実施した事業はなかった。\n"
        "8月の新規団体登録はなかった。現在の登録団体数は0団体である。\n"
        "8月の相談はなかった。"
    )


def test_the_text_is_in_the_centers_language_whatever_the_readers(december):
    from django.utils import translation

    with translation.override("en"):
        text = monthly_report_text(year=2010, month=12)
    assert "12月の新規団体登録は「ひまわり会」と「NPO法人けやき」の2件。" in text


def test_the_demo_december_names_the_three_new_groups_and_49_registered(demo):
    text = monthly_report_text(year=2010, month=12)
    assert (
        "12月の新規団体登録は「西東京風の会」と「特定非営利活動法人たま市民葬コラボ」と"
        "「西東京シネマ倶楽部」の3件。現在の登録団体数は49団体である。"
    ) in text
    assert (
        "高齢者向けのダンスセラピーを行っている方から、ふさわしい法人格とその取得方法について相談があった。"
        in text
    )
