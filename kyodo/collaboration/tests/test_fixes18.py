"""What a staff tester found in the collaboration register:

- a submitted proposal nobody had scored showed 全審査員の合計点 0, as if it had scored 0: it
  now says 未採点 (and so does its average total);
- a proposal's budget written 「50万円」 (or 500,000円, ５０万, 1.2億) was refused: amounts of
  yen are read as people write them, stored as the whole number, and anything else is refused
  with a message saying how to write one.
"""

from __future__ import annotations

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.forms import YenField
from kyodo.collaboration.models import Proposal, ProposalCall
from kyodo.collaboration.selectors import call_results
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.collaboration.yen import YenError, parse_yen
from kyodo.core.versions import edit_version

pytestmark = pytest.mark.django_db

YEN_MESSAGE = "金額は「500000」「500,000円」「50万円」「1.2億円」のように数字で入力してください。"


def _submitted(group, call, title="まちの風景写真アーカイブ"):
    proposal = services.proposal_create(
        actor=group.representative_user,
        call=call,
        fields=services.ProposalFields(**{**PROPOSAL_DATA, "title": title}),
    )
    return services.proposal_submit(actor=group.representative_user, proposal=proposal)


def _scores(call, *values):
    return dict(zip(call.criteria.values_list("pk", flat=True), values, strict=True))


# --- 全審査員の合計点 before anyone scores -----------------------------------------------------------


def test_a_proposal_nobody_scored_has_no_total(kaze, other_group, call, staff):
    unscored = _submitted(kaze, call)
    scored = _submitted(other_group, call, title="ひかりの子ども食堂")
    services.review_submit(actor=staff, proposal=scored, scores=_scores(call, 0, 0))

    results = {r.proposal: r for r in call_results(call=call)}

    assert (results[unscored].reviews, results[unscored].total_sum) == (0, None)
    assert results[unscored].total_average is None
    # A real 0 stays a 0: the reviewer gave no points.
    assert (results[scored].reviews, results[scored].total_sum) == (1, 0)
    assert results[scored].total_average == 0.0


def test_the_call_page_says_not_scored_yet(client, kaze, other_group, call, staff):
    unscored = _submitted(kaze, call)
    scored = _submitted(other_group, call, title="ひかりの子ども食堂")
    services.review_submit(actor=staff, proposal=scored, scores=_scores(call, 25, 15))
    client.force_login(staff)

    table = client.get(f"/staff/collaboration/calls/{call.pk}/").text.split('id="results"')[1]
    rows = table.split("</tr>")
    (unscored_row,) = [r for r in rows if f"/proposals/{unscored.pk}/" in r]
    (scored_row,) = [r for r in rows if f"/proposals/{scored.pk}/" in r]

    assert unscored_row.endswith(
        "<td>0</td>\n    <td>—</td><td>—</td>\n    <td>未採点</td>\n    <td>未採点</td>\n  "
    )
    assert scored_row.endswith(
        "<td>1</td>\n    <td>25.0</td><td>15.0</td>\n    <td>40</td>\n    <td>40.0 / 50</td>\n  "
    )


# --- yen amounts as people write them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "yen"),
    [
        ("500000", 500_000),
        ("500,000", 500_000),
        ("500,000円", 500_000),
        ("５００，０００円", 500_000),
        ("¥500,000", 500_000),
        ("￥５００，０００", 500_000),
        ("50万円", 500_000),
        ("50万", 500_000),
        ("５０万", 500_000),
        ("５０万円", 500_000),
        (" 50 万 円 ", 500_000),
        ("1.2億", 120_000_000),
        ("1.2億円", 120_000_000),
        ("1億2,000万円", 120_000_000),
        ("1億2000万", 120_000_000),
        ("5千万円", 50_000_000),
        ("3万5千円", 35_000),
        ("1万2345円", 12_345),
        ("2.5万", 25_000),
        ("1,000万円", 10_000_000),
        ("0円", 0),
        ("-5", -5),
        ("－5万", -50_000),
    ],
)
def test_yen_amounts_as_people_write_them(written, yen):
    assert parse_yen(written) == yen


@pytest.mark.parametrize(
    "written",
    [
        "円",
        "万",
        "五十万",  # figures in kanji are not read
        "50万円円",
        "1,2",
        "12,34",
        "1.5",  # half a yen
        "1.5円",
        "1.23456万",  # 12345.6 yen
        "2000万1億",  # units out of order
        "1億万",
        "1e5",
        "50万ドル",
        "約50万",
        "9" * 41,
    ],
)
def test_anything_else_is_not_an_amount(written):
    with pytest.raises(YenError):
        parse_yen(written)


def test_the_field_gives_the_integer_and_a_clear_message():
    from django import forms

    field = YenField()
    assert (field.clean("50万円"), field.clean(""), field.clean(None)) == (500_000, None, None)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("五十万円")
    assert refused.value.messages == [YEN_MESSAGE]
    with pytest.raises(forms.ValidationError) as negative:
        field.clean("-5万")
    assert negative.value.messages == ["0以上の値を入力してください。"]


def test_a_group_writes_its_budget_as_50man_yen(client, kaze, call):
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/calls/{call.pk}/new/",
        {**PROPOSAL_DATA, "department": "", "budget": "50万円"},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.budget == 500_000

    response = client.post(
        f"/group/collaboration/proposals/{proposal.pk}/",
        {
            **PROPOSAL_DATA,
            "department": "",
            "budget": "５０万",
            "edit_version": edit_version(proposal),
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.budget == 500_000


def test_a_budget_that_is_not_an_amount_is_refused_and_nothing_is_saved(client, kaze, call):
    client.force_login(kaze.representative_user)
    response = client.post(
        f"/group/collaboration/calls/{call.pk}/new/",
        {**PROPOSAL_DATA, "department": "", "budget": "五十万円"},
    )
    assert response.status_code == 200
    assert YEN_MESSAGE in response.text
    assert not Proposal.objects.exists()


def test_staff_write_a_call_limit_and_a_record_budget_in_oku_and_man(client, staff):
    client.force_login(staff)
    response = client.post(
        "/staff/collaboration/calls/",
        {
            "title": "市民活動団体提案協働事業",
            "fiscal_year": "令和9年度",
            "opens_on": "R8.11.1",
            "closes_on": "令和8年12月25日",
            "budget_limit": "1.2億円",
        },
    )
    assert response.status_code == 302
    assert ProposalCall.objects.get().budget_limit == 120_000_000

    response = client.post(
        "/staff/collaboration/records/new/",
        {
            "title": "まちの写真展",
            "form": "subsidy",
            "first_fiscal_year": "2010",
            "last_fiscal_year": "2010",
            "budget": "３万５千円",
        },
    )
    assert response.status_code == 302
    from kyodo.collaboration.models import Collaboration

    assert Collaboration.objects.get().budget == 35_000
