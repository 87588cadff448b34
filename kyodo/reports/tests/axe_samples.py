"""Sample pages of the reports app's routes with parameters, for the axe-core test."""


def samples() -> dict[str, str | None]:
    # FY2010 of the demo: the seed's year, its events and consultations.
    return {"/staff/reports/fiscal/<int:fy>/": "/staff/reports/fiscal/2010/"}
