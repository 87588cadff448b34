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
        # The notice on paper: every letter of the meeting's members without e-mail.
        "/staff/committees/meetings/<int:pk>/notice/print/": (
            f"/staff/committees/meetings/{ninth.pk}/notice/print/"
        ),
        "/staff/committees/items/<int:pk>/edit/": f"/staff/committees/items/{item.pk}/edit/",
        "/staff/committees/items/<int:pk>/change/<str:change>/": None,  # POST-only actions
    }
