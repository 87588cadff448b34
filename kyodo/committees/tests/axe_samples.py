"""Sample pages of the committee's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.committees.models import AgendaItem, Meeting, Minutes

    ninth = Meeting.objects.get(committee__slug="unei", fiscal_year=2010, number=9)
    confirmed = Minutes.objects.get(meeting=ninth)
    eighth = Minutes.objects.get(meeting__committee__slug="unei", meeting__fiscal_year=2010,
                                 meeting__number=8)  # fmt: skip
    item = AgendaItem.objects.filter(meeting=ninth).first()
    # The demo's next meeting: its answers to the notice, still open.
    coming = Meeting.objects.filter(status="scheduled").order_by("-date").first() or ninth
    return {
        # The demo has one body: its slug address leads to /committee/ (test_public_bodies.py
        # covers another body's page).
        "/committee/<slug:slug>/": "/committee/unei/",
        "/staff/committees/meetings/<int:pk>/replies/": (
            f"/staff/committees/meetings/{coming.pk}/replies/"
        ),
        # Paper votes of a meeting held in writing (the demo holds none: one is added).
        "/staff/committees/meetings/<int:pk>/votes/": (
            f"/staff/committees/meetings/{_written_meeting(ninth.committee).pk}/votes/"
        ),
        "/committee/minutes/<int:pk>/versions/": f"/committee/minutes/{confirmed.pk}/versions/",
        # The version's canonical JSON: a download, not a page.
        "/committee/minutes/<int:pk>/versions/<int:number>/document.json": None,
        "/committee/minutes/<int:pk>/versions/<int:number>/": (
            f"/committee/minutes/{confirmed.pk}/versions/1/"
        ),
        "/staff/committees/people/meetings/<int:pk>/secretariat/": (
            f"/staff/committees/people/meetings/{ninth.pk}/secretariat/"
        ),
        "/staff/committees/people/members/<int:pk>/delete/": None,  # a button (POST only)
        # The demo's minutes have one version each; the browser test of the minutes lifecycle
        # checks the difference pages of a corrected version with axe.
        "/committee/minutes/<int:pk>/diff/<int:older>/<int:newer>/": None,
        "/staff/committees/minutes/<int:pk>/diff/<int:older>/<int:newer>/": None,
        "/staff/committees/minutes/<int:pk>/versions/": (
            f"/staff/committees/minutes/{confirmed.pk}/versions/"
        ),
        "/staff/committees/minutes/<int:pk>/correct/": (
            f"/staff/committees/minutes/{confirmed.pk}/correct/"
        ),
        "/staff/committees/minutes/<int:pk>/confirm/": f"/staff/committees/minutes/{eighth.pk}/confirm/",
        "/staff/committees/meetings/<int:pk>/cancel/": f"/staff/committees/meetings/{ninth.pk}/cancel/",
        "/staff/committees/meetings/<int:pk>/delete/": f"/staff/committees/meetings/{ninth.pk}/delete/",
        # 「回を入れ替える」: the form choosing the meeting of the same year (the 9th's number is
        # fixed, its minutes confirmed: its address leads back to its page).
        "/staff/committees/meetings/<int:pk>/swap/": f"/staff/committees/meetings/{coming.pk}/swap/",
        # The notice on paper: every letter of the meeting's members without e-mail.
        "/staff/committees/meetings/<int:pk>/notice/print/": (
            f"/staff/committees/meetings/{ninth.pk}/notice/print/"
        ),
        "/staff/committees/items/<int:pk>/edit/": f"/staff/committees/items/{item.pk}/edit/",
        "/staff/committees/items/<int:pk>/change/<str:change>/": None,  # POST-only actions
        "/staff/committees/import/publish/<int:pk>/": None,  # POST-only: 確定稿として公開する
    }


def _written_meeting(committee):
    """A meeting held in writing, its papers out today, votes open a week, one 審議事項."""
    from datetime import timedelta

    from django.utils import timezone

    from kyodo.committees import services
    from kyodo.committees.models import Meeting
    from kyodo.core.models import User

    existing = Meeting.objects.filter(committee=committee, held_in_writing=True).first()
    if existing is not None:
        return existing
    staff = User.objects.get(username="nishiguchi")
    today = timezone.localdate()
    meeting = services.meeting_create(actor=staff, committee=committee, date=today,
                                      held_in_writing=True, allow_same_day=True,
                                      votes_close_on=today + timedelta(days=7))  # fmt: skip
    services.item_add(actor=staff, meeting=meeting, category="deliberation", title="書面審議の議題")
    return meeting
