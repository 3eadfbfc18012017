"""SLA work for the background worker: escalation rounds, escalation mail, recomputing due
times after a calendar or policy changed. Every task is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from caselog.sla import casework
from caselog.sla.models import Calendar, Escalation, SLAPolicy


@task()
def sla_escalate_round() -> int:
    """One escalation round (the `sla_escalate` command runs these on a schedule)."""
    return len(casework.sla_escalate())


@task()
def send_escalation_email(*, escalation_id: int) -> int:
    escalation = Escalation.objects.filter(pk=escalation_id).first()
    return casework.escalation_email_send(escalation=escalation) if escalation else 0


@task()
def recompute_for_calendar(*, calendar_id: int) -> int:
    """Open cases on this calendar get due times from its new hours."""
    calendar = Calendar.objects.filter(pk=calendar_id).first()
    return casework.sla_recompute(casework.cases_using_calendar(calendar)) if calendar else 0


@task()
def recompute_for_policy(*, policy_id: int) -> int:
    policy = SLAPolicy.objects.filter(pk=policy_id).first()
    return casework.sla_recompute(casework.cases_using_policy(policy)) if policy else 0
