"""A committee member without e-mail gets an account too: staff print them a letter with the
user name and a code (kyodo.core.people.letter_issue) instead of mailing an invitation."""

import re

from kyodo.committees.models import Member
from kyodo.core.models import AuditEntry, OutboxMessage
from kyodo.core.roles import user_roles


def _form(**extra):
    return {
        "name": "高橋 和子", "name_reading": "たかはし かずこ", "sector": "citizen",
        "affiliation": "", "email": "", "role": "member", "term_start": "令和8年12月6日",
        "term_end": "", "invite": "on", **extra,
    }  # fmt: skip


def test_a_member_added_without_email_gets_an_account_and_a_letter(client, committee, staff):
    client.force_login(staff)
    mail_before = OutboxMessage.objects.count()
    response = client.post(f"/staff/committees/people/members/new/?committee={committee.slug}",
                           _form())  # fmt: skip
    member = Member.objects.get(name="高橋 和子")
    user = member.user
    assert response.status_code == 302
    assert response["Location"] == f"/staff/people/{user.pk}/"
    assert re.fullmatch(r"member-[a-hjkmnp-z2-9]{8}", user.username)
    assert (user.email, user.full_name, user_roles(user)) == ("", "高橋 和子", {"member"})
    assert OutboxMessage.objects.count() == mail_before
    page = client.get(response["Location"]).content.decode()
    assert (
        "高橋 和子さんのアカウントを作りました。メールアドレスがないので、"
        "下の「コード付きの案内状を印刷する」で案内状を印刷し、手渡すか郵送してください。"
    ) in page
    letter = client.post(f"/staff/people/{user.pk}/letter/", follow=True).content.decode()
    assert f"<code>{user.username}</code>" in letter
    assert "高橋 和子 様" in letter
    assert (
        AuditEntry.objects.get(action="kyodo.committees.member.created").changes["username"]
        == user.username
    )


def test_a_member_without_email_or_account_is_given_one_from_their_page(client, committee, staff):
    member = Member.objects.create(name="山本", name_reading="やまもと", sector="citizen")
    client.force_login(staff)
    page = client.get(f"/staff/committees/people/members/{member.pk}/").content.decode()
    assert "メールアドレスがないので、印刷する案内状で招待します。" in page
    assert ">アカウントを作る</button>" in page
    assert ">メールで招待</button>" not in page
    response = client.post(f"/staff/committees/people/members/{member.pk}/invite/")
    member.refresh_from_db()
    assert response["Location"] == f"/staff/people/{member.user_id}/"
    assert member.user.username.startswith("member-")
    assert not OutboxMessage.objects.filter(kind="people.invitation").exists()
    # Twice does not make a second account.
    response = client.post(f"/staff/committees/people/members/{member.pk}/invite/", follow=True)
    assert "この委員にはすでにアカウントがあります。" in response.content.decode()
    assert Member.objects.get(pk=member.pk).user_id == member.user_id
