from django.tasks import task

from kyodo.events.services import personal_data_anonymise


@task()
def anonymise_personal_data() -> int:
    """Remove applicants' personal data from old events (idempotent: safe to run again)."""
    return personal_data_anonymise()
