"""Written votes typed in by the secretariat from a paper ballot are told apart from those the
members cast online: the staff tally marks them 「（事務局入力）」 beside the name (and says what the
mark means), the paper-vote page marks them too; a member who then votes online herself is no
longer marked. Read from what is stored (``WrittenVote.by_staff``)."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import Member, WrittenVote
from kyodo.committees.services.votes import vote_tally, written_vote_submit
from kyodo.committees.tests.conftest import deliberations

pytestmark = pytest.mark.django_db

FOR, AGAINST, RESERVED = "for", "against", "reserved"
MARK = "（事務局入力）"
NOTE = (
    '<p id="votes-on-paper-note">名前の後の（事務局入力）は、紙で返送された書面表決を事務局が'
    "入力したものです。印のない表決は、委員がオンラインで行ったものです。</p>"
)


def _vote(meeting, name, choices, *, actor, comments=("", "")):
    first, second = deliberations(meeting)
    return written_vote_submit(
        actor=actor,
        meeting=meeting,
        member=Member.objects.get(name=name),
        votes={first.pk: (choices[0], comments[0]), second.pk: (choices[1], comments[1])},
    )


def _online(meeting, name, *choices, comments=("", "")):
    # The member on her own page.
    member = Member.objects.get(name=name)
    return _vote(meeting, name, choices, actor=member.user, comments=comments)


def _names(page: str, item_pk: int) -> dict[str, str]:
    # The tally of one item on the meeting page: {「賛成」: "熊田（事務局入力）、坂口", ...}.
    section = page.split(f'id="votes-item-{item_pk}"')[1].split("</dl>")[0]
    return dict(re.findall(r"<dt>(.+?)</dt><dd>(.*?)</dd>", section))


@pytest.fixture
def votes(written, staff):
    # 坂口 and 有賀 vote online; 熊田's paper ballot is typed in by staff, with a comment.
    _online(written, "坂口", FOR, AGAINST)
    _online(written, "有賀", FOR, RESERVED, comments=("", "オンラインの意見"))
    _vote(written, "熊田", (FOR, RESERVED), actor=staff, comments=("", "紙に書かれた意見"))
    return written


def test_the_tally_knows_which_votes_the_secretariat_typed_in(votes):
    kumada = Member.objects.get(name="熊田")
    tally = vote_tally(votes)
    assert [t.by_secretariat for t in tally.items] == [
        frozenset({kumada.pk}),
        frozenset({kumada.pk}),
    ]
    assert tally.any_by_secretariat is True
    first, second = tally.items
    assert [m.name for m in first.voters_for] == ["有賀", "熊田", "坂口"]
    # The counts and the decision's text are the same whoever typed the vote in.
    assert second.counts == (0, 1, 2, 1)
    assert second.decision_text == "書面表決の結果、賛成０名、反対１名、保留２名により否決された。"


def test_the_staff_tally_marks_votes_typed_in_from_paper(client, staff, votes):
    first, second = deliberations(votes)
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{votes.pk}/").text
    assert NOTE in page
    assert _names(page, first.pk) == {
        "賛成": f"有賀、熊田{MARK}、坂口",
        "反対": "—",
        "保留": "—",
        "未回答": "田辺",
    }
    assert _names(page, second.pk) == {
        "賛成": "—",
        "反対": "坂口",
        "保留": f"有賀、熊田{MARK}",
        "未回答": "田辺",
    }
    # The comments say whose came on paper too.
    comments = page.split(f'id="votes-item-{second.pk}"')[1].split("</ul>")[0]
    assert re.findall(r"<li>(.+?)</li>", comments) == [
        "有賀：オンラインの意見",
        f"熊田{MARK}：紙に書かれた意見",
    ]


def test_the_paper_vote_page_marks_the_same_rows(client, staff, votes):
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{votes.pk}/votes/").text
    rows = dict(re.findall(r'<th scope="row">(.+?)</th>(.*?)</tr>', page, re.S))
    assert list(rows) == ["有賀", "熊田", "坂口", "田辺"]  # gojūon order
    assert [name for name, row in rows.items() if MARK in row] == ["熊田"]
    assert "表決済み" in rows["有賀"] and "未回答" in rows["田辺"]


def test_a_member_who_votes_online_afterwards_is_no_longer_marked(client, staff, votes):
    # 熊田 changes her vote herself on her page: what she cast online replaces the paper one.
    _online(votes, "熊田", AGAINST, AGAINST)
    assert sorted(
        WrittenVote.objects.filter(member__name="熊田").values_list("choice", "by_staff")
    ) == [("against", False), ("against", False)]
    assert [t.by_secretariat for t in vote_tally(votes).items] == [frozenset(), frozenset()]
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{votes.pk}/").text
    assert MARK not in page and 'id="votes-on-paper-note"' not in page
    first, _second = deliberations(votes)
    assert _names(page, first.pk)["反対"] == "熊田"


def test_without_a_paper_vote_there_is_no_mark_and_no_note(client, staff, written):
    _online(written, "坂口", FOR, FOR)
    assert vote_tally(written).any_by_secretariat is False
    client.force_login(staff)
    page = client.get(f"/staff/committees/meetings/{written.pk}/").text
    assert 'class="written-votes"' in page
    assert MARK not in page and 'id="votes-on-paper-note"' not in page
