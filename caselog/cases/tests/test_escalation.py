"""Warnings before a breach and actions at breach, run by the worker: once each, and only
while the team's calendar is open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from caselog.accounts.models import Role
from caselog.cases import services
from caselog.cases.clocks import sla_escalate
from caselog.cases.models import Case
from caselog.cases.tests.factories import QueueFactory, agent_create
from caselog.sla.models import Escalation, Metric, Priority
from caselog.sla.tests.conftest import _fast_password_hashing, berlin, frozen_at  # noqa: F401 (autouse here too)


@pytest.fixture
def lead(de_store: Any) -> Any:
    user = agent_create(
        departments=[de_store.department], languages=["de"], role=Role.MANAGER, email="lead@example.com", locale="de"
    )
    de_store.department.team_lead = user
    de_store.department.save()
    return user


@pytest.fixture
def monday_case(de_store: Any, lead: Any, alice: Any, dora: Any, unauthorized_purchases: Any) -> Case:
    """First answer due Tuesday 21:00 (24 business hours from Monday 9:00); warn 2 h before."""
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = services.case_submit(
            submitter=alice,
            locale="de",
            request_type=unauthorized_purchases,
            subject="Unbekannte Abbuchung",
            description="Zwei Käufe",
            contact_email=alice.email,
            order_number="MK7QX2LP9R",
        ).case
        services.case_assign(case=case, actor=dora, assignee=dora)
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 12, 1, 21, 0)
    return case


def _run(moment: Any, capture: Any) -> list[Escalation]:
    with frozen_at(moment), capture(execute=True):
        return sla_escalate(now=moment)


def test_warning_goes_to_the_assignee_once_when_the_time_left_is_short(
    monday_case, dora, django_capture_on_commit_callbacks
):
    assert _run(berlin(2026, 12, 1, 18, 0), django_capture_on_commit_callbacks) == []
    sent = _run(berlin(2026, 12, 1, 19, 30), django_capture_on_commit_callbacks)
    assert [(e.kind, e.metric) for e in sent] == [(Escalation.Kind.WARNING, Metric.FIRST_RESPONSE)]
    assert [m.to for m in mail.outbox] == [[dora.email]]
    assert monday_case.number in mail.outbox[0].subject
    assert _run(berlin(2026, 12, 1, 19, 45), django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 1


def test_breach_raises_priority_moves_the_case_and_tells_the_team_lead_once(
    monday_case, lead, dora, store_policy, de_store, django_capture_on_commit_callbacks
):
    escalation_queue = QueueFactory(department=de_store.department, name="Eskalation")
    de_store.escalation_queue = escalation_queue
    de_store.save()
    store_policy.breach_moves_to_escalation_queue = True
    store_policy.save()
    sent = _run(berlin(2026, 12, 2, 9, 5), django_capture_on_commit_callbacks)
    assert [(e.kind, e.metric) for e in sent] == [(Escalation.Kind.BREACH, Metric.FIRST_RESPONSE)]
    monday_case.refresh_from_db()
    assert monday_case.priority == Priority.HIGH
    assert monday_case.queue == escalation_queue
    assert sorted(address for m in mail.outbox for address in m.to) == sorted([dora.email, lead.email])
    assert _run(berlin(2026, 12, 2, 9, 10), django_capture_on_commit_callbacks) == []
    monday_case.refresh_from_db()
    assert monday_case.priority == Priority.HIGH  # raised once, not once per run
    assert len(mail.outbox) == 2


def test_breach_after_closing_time_waits_for_the_next_opening(monday_case, django_capture_on_commit_callbacks):
    """Regression: a peer's escalation mails went out at midnight and on weekends."""
    assert _run(berlin(2026, 12, 1, 21, 30), django_capture_on_commit_callbacks) == []  # closed after 21:00
    assert _run(berlin(2026, 12, 2, 3, 0), django_capture_on_commit_callbacks) == []
    assert mail.outbox == []
    sent = _run(berlin(2026, 12, 2, 9, 0), django_capture_on_commit_callbacks)
    assert [e.kind for e in sent] == [Escalation.Kind.BREACH]


def test_calendar_time_breach_on_saturday_night_is_sent_on_monday_morning(
    de_store, lead, alice, store_policy, unauthorized_purchases, django_capture_on_commit_callbacks
):
    store_policy.targets.filter(metric=Metric.FIRST_RESPONSE).update(business_time=False, target=timedelta(hours=8))
    with frozen_at(berlin(2026, 12, 4, 19, 0)):  # Friday evening; due Saturday 03:00 in calendar time
        case = services.case_submit(
            submitter=alice,
            locale="de",
            request_type=unauthorized_purchases,
            subject="Abbuchung",
            description="…",
            contact_email=alice.email,
            order_number="MK7QX2LP9R",
        ).case
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 12, 5, 3, 0)
    assert _run(berlin(2026, 12, 5, 3, 5), django_capture_on_commit_callbacks) == []
    assert _run(berlin(2026, 12, 6, 12, 0), django_capture_on_commit_callbacks) == []
    sent = _run(berlin(2026, 12, 7, 9, 0), django_capture_on_commit_callbacks)
    assert [(e.kind, e.metric) for e in sent] == [(Escalation.Kind.BREACH, Metric.FIRST_RESPONSE)]
    assert [m.to for m in mail.outbox] == [[lead.email]]


def test_a_case_waiting_on_the_customer_is_not_escalated(monday_case, dora, django_capture_on_commit_callbacks):
    with frozen_at(berlin(2026, 11, 30, 10, 0)):
        services.case_reply(case=monday_case, author=dora, body="Bitte Quittung senden")
    assert _run(berlin(2026, 12, 9, 10, 0), django_capture_on_commit_callbacks) == []


def test_escalation_command_runs_one_round(monday_case, django_capture_on_commit_callbacks, capsys):
    with frozen_at(berlin(2026, 12, 2, 9, 5)), django_capture_on_commit_callbacks(execute=True):
        call_command("sla_escalate")
    assert "1 escalation(s) sent" in capsys.readouterr().out
