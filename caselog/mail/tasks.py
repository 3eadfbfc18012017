"""Background work of the email channel: parsing and routing each received mail."""

from __future__ import annotations

from django_tasks import task

from caselog.mail import services


@task()
def process_inbound_mail(*, inbound_id: int) -> None:
    """Parse one stored mail and turn it into a case, a reply or a quarantined item.
    Idempotent: a mail already processed is left alone, so a re-run after a crash is safe."""
    services.inbound_process(inbound_id=inbound_id)
