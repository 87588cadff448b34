"""Sample pages of the people-and-access routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from django.contrib.auth import get_user_model

    from kyodo.committees.models import Member, Membership, SecretariatMember
    from kyodo.organizations.models import Organization

    staff = get_user_model().objects.get(username="nishiguchi")
    member = Member.objects.get(name="熊田")
    group = Organization.objects.filter(status="registered").first()
    return {
        "/staff/todo/<slug:key>/": "/staff/todo/upcoming/",
        "/staff/people/<int:pk>/": f"/staff/people/{staff.pk}/",
        "/staff/people/<int:pk>/roles/": None,  # a button (POST only)
        "/accounts/reset/<uidb64>/<token>/": None,  # a one-time link held by one person
        "/staff/people/groups/<int:pk>/": f"/staff/people/groups/{group.pk}/",
        "/staff/committees/people/members/<int:pk>/": f"/staff/committees/people/members/{member.pk}/",
        "/staff/committees/people/members/<int:pk>/invite/": None,  # a button (POST only)
        "/staff/committees/people/members/<int:pk>/seats/new/": None,  # a form's target (POST only)
        "/staff/committees/people/seats/<int:pk>/": f"/staff/committees/people/seats/{Membership.objects.filter(member=member).first().pk}/",
        "/staff/committees/people/secretariat/<int:pk>/": f"/staff/committees/people/secretariat/{SecretariatMember.objects.first().pk}/",
    }  # fmt: skip
