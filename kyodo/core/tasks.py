from django.tasks import task

from kyodo.core.outbox import outbox_deliver


@task()
def deliver_outbox_message(message_id: int) -> str | None:
    return outbox_deliver(message_id=message_id)
