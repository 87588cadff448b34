"""Sample pages of the events app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    # January 2011 of the demo: four events, one of them held, in a six-week month.
    return {"/events/calendar/<int:year>/<int:month>/": "/events/calendar/2011/1/"}
