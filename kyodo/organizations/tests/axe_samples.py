"""Sample pages of the organizations app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.organizations.models import Organization

    group = Organization.objects.filter(status="registered").first()
    return {
        # A 変更届 exists in the demo's current fiscal year only (`kyodo demo`), not in the tests'
        # history: its page is checked with axe in test_browser.py, after a group sends one.
        "/staff/groups/changes/<int:pk>/": None,
        "/staff/groups/<int:pk>/edit/": f"/staff/groups/{group.pk}/edit/",
        "/staff/groups/<int:pk>/status/<int:change>/cancel/": None,  # a button (POST only)
    }
