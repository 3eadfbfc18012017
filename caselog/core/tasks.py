from __future__ import annotations

from django.core.management import call_command
from django_tasks import task


@task()
def command_run(*, name: str) -> None:
    """Run a maintenance command (refund settlement, pruning, roll-ups) on the worker."""
    call_command(name)
