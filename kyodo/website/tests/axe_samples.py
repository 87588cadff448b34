"""Sample pages of the public site's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.contact.models import Inquiry
    from kyodo.events.models import Application

    application = Application.objects.filter(status="confirmed").order_by("pk").first()
    return {
        # 完了: an application's own page (its token is the applicant's key).
        "/events/applications/<str:token>/": f"/events/applications/{application.token}/",
        # 申し込み内容の変更: the same key, the form to change the number of people and details.
        "/events/applications/<str:token>/change/": (
            f"/events/applications/{application.token}/change/"
        ),
        "/access/map/": None,  # an image, and only when staff uploaded one
        "/staff/contact/<int:pk>/": f"/staff/contact/{Inquiry.objects.order_by('pk').last().pk}/",
    }
