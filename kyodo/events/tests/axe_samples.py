"""Sample pages of the events app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    from kyodo.events.models import Application, Event, Feedback

    # A published event of the demo: its delete page says only a draft without applications
    # can be deleted (the demo has no draft).
    event = Event.objects.filter(status="published").order_by("pk").first()
    answer = Feedback.objects.select_related("application").order_by("pk").first()
    # Someone waiting for a place in the demo (POST only: 「当日参加として受け付ける」).
    waiting = Application.objects.filter(status="waitlisted").order_by("pk").first()
    return {
        # January 2011 of the demo: four events, one of them held, in a six-week month.
        "/events/calendar/<int:year>/<int:month>/": "/events/calendar/2011/1/",
        "/staff/events/<int:pk>/delete/": f"/staff/events/{event.pk}/delete/",
        # The printable reception list (受付名簿) of a published event of the demo.
        "/staff/events/<int:pk>/roster/": f"/staff/events/{event.pk}/roster/",
        # 当日参加 of a published event of the demo (not its day yet: the page says from when).
        "/staff/events/<int:pk>/applications/walk-in/": (
            f"/staff/events/{event.pk}/applications/walk-in/"
        ),
        # The questionnaire of a held event of the demo, by its personal link (closed by now:
        # tests/test_feedback.py checks the open form with axe), and its two POST-only actions.
        "/events/feedback/<str:token>/": f"/events/feedback/{answer.application.token}/",
        "/staff/events/<int:pk>/feedback/send/": f"/staff/events/{answer.event_id}/feedback/send/",
        "/staff/events/feedback/<int:pk>/note/": f"/staff/events/feedback/{answer.pk}/note/",
        "/staff/events/applications/<int:pk>/seat/": (
            f"/staff/events/applications/{waiting.pk}/seat/" if waiting else None
        ),
    }
