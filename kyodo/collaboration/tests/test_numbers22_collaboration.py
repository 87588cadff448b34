"""Session 22: numbers typed in the collaboration forms (a criterion's 配点, a reviewer's scores)
are read as people type them: full-width digits, 「1,000」, in a text box that shows back what
was typed; anything else is refused in Japanese and nothing is stored."""

from __future__ import annotations

import pytest

from kyodo.collaboration import services
from kyodo.collaboration.forms import CriterionForm, ReviewForm
from kyodo.collaboration.models import Criterion, Review, Score
from kyodo.collaboration.tests.conftest import PROPOSAL_DATA
from kyodo.core.models import AuditEntry

pytestmark = pytest.mark.django_db

INVALID = "数字で入力してください（例：15）。"


def _criterion_url(call):
    return f"/staff/collaboration/calls/{call.pk}/criteria/"


@pytest.mark.parametrize(("typed", "stored"), [("２０", 20), ("１，０００", 1000), (" 5 ", 5)])
def test_a_criterion_s_maximum_score_as_people_type_it(client, staff, call, typed, stored):
    client.force_login(staff)
    response = client.post(_criterion_url(call), {"name": "先駆性", "max_score": typed})
    assert response.status_code == 302
    assert Criterion.objects.get(name="先駆性").max_score == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", INVALID),
        ("二十", INVALID),
        ("0", "1以上の値を入力してください。"),
        ("1001", "1000以下の値を入力してください。"),
        ("１，００１", "1000以下の値を入力してください。"),
    ],
)
def test_a_wrong_maximum_score_is_refused_and_nothing_stored(client, staff, call, typed, message):
    client.force_login(staff)
    before = AuditEntry.objects.count()
    response = client.post(_criterion_url(call), {"name": "先駆性", "max_score": typed})
    assert response.status_code == 400
    assert message in response.text
    # What was typed comes back in a text box (a number input would show it empty).
    assert (
        f'<input type="text" name="max_score" value="{typed}" inputmode="numeric" required '
        'aria-invalid="true"'
    ) in response.text
    assert list(call.criteria.values_list("name", flat=True)) == ["公益性", "実現可能性"]
    assert AuditEntry.objects.count() == before


def test_the_criterion_form_is_a_text_box_with_the_numeric_keyboard():
    assert str(CriterionForm()["max_score"]) == (
        '<input type="text" name="max_score" inputmode="numeric" required id="id_max_score">'
    )


def _submitted(kaze, call):
    proposal = services.proposal_create(
        actor=kaze.representative_user, call=call, fields=services.ProposalFields(**PROPOSAL_DATA)
    )
    return services.proposal_submit(actor=kaze.representative_user, proposal=proposal)


def test_scores_typed_in_full_width_are_saved(client, kaze, call, staff):
    proposal = _submitted(kaze, call)
    first, second = call.criteria.all()
    client.force_login(staff)
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/review/",
        {f"score_{first.pk}": "２５", f"score_{second.pk}": "１８", "comment": ""},
    )
    assert response.status_code == 302
    assert list(
        Score.objects.order_by("criterion__position").values_list("criterion__name", "score")
    ) == [("公益性", 25), ("実現可能性", 18)]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", INVALID),
        ("31", "「公益性」の点数は0から30までで入力してください。"),
        ("-1", "「公益性」の点数は0から30までで入力してください。"),
        ("", "このフィールドは必須です。"),
    ],
)
def test_a_wrong_score_is_refused_and_nothing_stored(client, kaze, call, staff, typed, message):
    proposal = _submitted(kaze, call)
    first, second = call.criteria.all()
    client.force_login(staff)
    response = client.post(
        f"/staff/collaboration/proposals/{proposal.pk}/review/",
        {f"score_{first.pk}": typed, f"score_{second.pk}": "１０", "comment": "良い"},
    )
    assert response.status_code == 400
    assert message in response.text
    assert f'name="score_{second.pk}" value="１０" inputmode="numeric"' in response.text
    assert Review.objects.count() == 0
    assert Score.objects.count() == 0


def test_the_score_boxes_are_text_boxes(call):
    first = call.criteria.first()
    form = ReviewForm(criteria=[first])
    assert str(form[f"score_{first.pk}"]) == (
        f'<input type="text" name="score_{first.pk}" inputmode="numeric" required '
        f'id="id_score_{first.pk}">'
    )
