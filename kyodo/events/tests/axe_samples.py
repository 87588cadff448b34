"""Sample pages of the events app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.events.models import Event

    # A published event of the demo: its delete page says only a draft without applications
    # can be deleted (the demo has no draft).
    event = Event.objects.filter(status="published").order_by("pk").first()
    return {
        # January 2011 of the demo: four events, one of them held, in a six-week month.
        "/events/calendar/<int:year>/<int:month>/": "/events/calendar/2011/1/",
        "/staff/events/<int:pk>/delete/": f"/staff/events/{event.pk}/delete/",
    }
