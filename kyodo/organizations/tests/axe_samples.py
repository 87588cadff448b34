"""Sample pages of the organizations app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    # A 変更届 exists in the demo's current fiscal year only (`kyodo demo`), not in the tests'
    # history: its page is checked with axe in test_browser.py, after a group sends one.
    return {"/staff/groups/changes/<int:pk>/": None}
