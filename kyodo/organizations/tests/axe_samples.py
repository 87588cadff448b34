"""Sample pages of the organizations app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.organizations.models import ChangeRequest

    # The demo's 変更届 of 西東京シネマ倶楽部, waiting for review.
    return {
        "/staff/groups/changes/<int:pk>/": f"/staff/groups/changes/{ChangeRequest.objects.get().pk}/"
    }
