"""A 相談 inquiry taken over as a consultation: its follow-up date typed without a year."""

from datetime import date, timedelta

from django.utils import timezone

from kyodo.contact.forms import TakeOverForm


def _form(follow_up_on: str) -> TakeOverForm:
    return TakeOverForm(
        data={
            "client_type": "individual",
            "categories": ["other"],
            "summary": "会計の相談",
            "follow_up_needed": "on",
            "follow_up_on": follow_up_on,
        }
    )


def test_a_follow_up_typed_as_month_and_day_is_the_next_such_day():
    due = timezone.localdate() + timedelta(days=14)
    form = _form(f"{due.month}/{due.day}")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["follow_up_on"] == due


def test_a_follow_up_with_its_year_is_read_as_typed():
    form = _form("令和9年1月5日")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["follow_up_on"] == date(2027, 1, 5)


def test_the_help_text_says_how_a_month_and_day_is_read():
    assert _form("").fields["follow_up_on"].help_text == (
        "例：令和7年4月1日、R7.4.1。年を省いた「12/21」は、今日以降で最初に来る12月21日です。"
    )
