from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from caselog.audit.models import AuditEvent
from caselog.cases.models import CallLog, Case, Message
from caselog.cases.tests.factories import CaseFactory, MessageFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_agent_sees_case_of_own_department_in_queue(bob, alice_case):
    body = client_for(bob).get(reverse("console:queue")).content.decode()
    assert alice_case.number in body


def test_queue_is_ordered_by_oldest_promise_first(bob, ru_queue, wont_charge):
    from datetime import timedelta

    from django.utils import timezone

    later = CaseFactory(
        queue=ru_queue, request_type=wont_charge, first_response_due=timezone.now() + timedelta(hours=5)
    )
    sooner = CaseFactory(
        queue=ru_queue, request_type=wont_charge, first_response_due=timezone.now() + timedelta(hours=1)
    )
    body = client_for(bob).get(reverse("console:queue")).content.decode()
    assert body.index(sooner.number) < body.index(later.number)


def test_agent_of_another_department_does_not_see_case_and_gets_404(dora, alice_case):
    client = client_for(dora)
    assert alice_case.number not in client.get(reverse("console:queue")).content.decode()
    assert client.get(alice_case.get_absolute_url()).status_code == 404
    for name in ("case_reply", "case_note", "case_status", "case_assign", "call_start"):
        assert (
            client.post(
                reverse(f"console:{name}", args=[alice_case.number]), {"body": "x", "status": "open"}
            ).status_code
            == 404
        )


def test_customer_gets_404_on_console(alice, alice_case):
    client = client_for(alice)
    assert client.get(reverse("console:queue")).status_code == 404
    assert client.get(alice_case.get_absolute_url()).status_code == 404


def test_reply_emails_customer_after_commit_and_waits_on_customer(bob, alice_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(bob).post(
            reverse("console:case_reply", args=[alice_case.number]), {"body": "Попробуйте другой кабель"}
        )
    assert response.status_code == 302
    assert callbacks  # the mail goes out after commit (webhook announcements follow it there too)
    assert len(mail.outbox) == 1
    assert "Попробуйте другой кабель" in mail.outbox[0].body
    assert mail.outbox[0].to == [alice_case.contact_email]
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.WAITING
    assert alice_case.first_responded_at is not None
    assert alice_case.assignee == bob
    event = AuditEvent.objects.get(action="case.reply")
    assert event.actor == bob and event.before == {"status": "new"} and event.after["status"] == "waiting"


def test_internal_note_is_audited_and_sends_no_mail(bob, alice_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(reverse("console:case_note", args=[alice_case.number]), {"body": "Клиент звонил дважды"})
    assert Message.objects.get(kind=Message.Kind.NOTE).body == "Клиент звонил дважды"
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="case.note", target_id=str(alice_case.pk)).exists()


def test_empty_reply_is_422_with_error_in_place(bob, alice_case):
    response = client_for(bob).post(reverse("console:case_reply", args=[alice_case.number]), {"body": ""})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_status_change_is_audited_with_before_and_after(bob, alice_case):
    client_for(bob).post(reverse("console:case_status", args=[alice_case.number]), {"status": "solved"})
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.SOLVED
    event = AuditEvent.objects.get(action="case.status")
    assert (event.before, event.after) == ({"status": "new"}, {"status": "solved"})


def test_unknown_status_changes_nothing(bob, alice_case):
    response = client_for(bob).post(reverse("console:case_status", args=[alice_case.number]), {"status": "deleted"})
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.NEW


def test_case_can_be_assigned_only_to_agent_who_may_work_it(bob, dora, alice_case):
    client = client_for(bob)
    client.post(reverse("console:case_assign", args=[alice_case.number]), {"assignee": dora.pk})
    alice_case.refresh_from_db()
    assert alice_case.assignee is None
    client.post(reverse("console:case_assign", args=[alice_case.number]), {"assignee": bob.pk})
    alice_case.refresh_from_db()
    assert alice_case.assignee == bob
    assert AuditEvent.objects.filter(action="case.assign").count() == 1


def test_start_and_end_call_logs_duration_and_outcome(bob, alice_case):
    client = client_for(bob)
    client.post(reverse("console:call_start", args=[alice_case.number]))
    call = CallLog.objects.get()
    assert call.ended_at is None
    page = client.get(alice_case.get_absolute_url()).content.decode()
    assert 'id="end-call"' in page
    client.post(reverse("console:call_end", args=[alice_case.number, call.pk]), {"outcome": "solved"})
    call.refresh_from_db()
    assert call.ended_at is not None and call.outcome == "solved"
    assert call.duration is not None
    assert AuditEvent.objects.filter(action="call.end").exists()


def test_agent_cannot_start_second_call_while_on_one(bob, alice_case):
    client = client_for(bob)
    client.post(reverse("console:call_start", args=[alice_case.number]))
    client.post(reverse("console:call_start", args=[alice_case.number]))
    assert CallLog.objects.count() == 1


def test_agent_cannot_end_another_agents_call(bob, alice_case, ru_department):
    from caselog.cases.tests.factories import agent_create

    colleague = agent_create(departments=[ru_department], languages=["ru"])
    client_for(bob).post(reverse("console:call_start", args=[alice_case.number]))
    call = CallLog.objects.get()
    response = client_for(colleague).post(
        reverse("console:call_end", args=[alice_case.number, call.pk]), {"outcome": "solved"}
    )
    assert response.status_code == 404


def test_manager_sees_cases_of_every_department(maria, alice_case):
    assert alice_case.number in client_for(maria).get(reverse("console:queue")).content.decode()


def test_queue_filters_by_status(bob, alice_case, ru_queue, wont_charge):
    solved = CaseFactory(queue=ru_queue, request_type=wont_charge, status=Case.Status.SOLVED)
    body = client_for(bob).get(reverse("console:queue") + "?status=open").content.decode()
    assert alice_case.number in body and solved.number not in body


def test_queue_list_query_count_does_not_grow_with_rows(bob, ru_queue, wont_charge, django_assert_max_num_queries):
    client = client_for(bob)
    CaseFactory.create_batch(3, queue=ru_queue, request_type=wont_charge)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("console:queue"))
    CaseFactory.create_batch(20, queue=ru_queue, request_type=wont_charge)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("console:queue"))


def test_case_page_query_count_does_not_grow_with_messages(bob, alice_case, django_assert_max_num_queries):
    client = client_for(bob)
    MessageFactory.create_batch(2, case=alice_case)
    with django_assert_max_num_queries(45) as few:
        client.get(alice_case.get_absolute_url())
    MessageFactory.create_batch(20, case=alice_case, kind=Message.Kind.REPLY, author=bob)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(alice_case.get_absolute_url())


def test_partner_agent_sees_only_cases_of_customers_with_devices_sold_through_the_partner(
    ru_department, alice, charlie, ru_queue, wont_charge
):
    from caselog.accounts.models import Role
    from caselog.accounts.tests.factories import PartnerOrganisationFactory
    from caselog.cases.tests.factories import agent_create
    from caselog.devices.tests.factories import DeviceFactory

    carrier = PartnerOrganisationFactory()
    partner_agent = agent_create(
        departments=[ru_department], languages=["ru"], role=Role.PARTNER_AGENT, partner=carrier
    )
    DeviceFactory(owner=alice, partner=carrier)
    DeviceFactory(owner=charlie)
    theirs = CaseFactory(customer=alice, queue=ru_queue, request_type=wont_charge)
    other = CaseFactory(customer=charlie, queue=ru_queue, request_type=wont_charge)
    client = client_for(partner_agent)
    body = client.get(reverse("console:queue")).content.decode()
    assert theirs.number in body and other.number not in body
    assert client.get(other.get_absolute_url()).status_code == 404


def test_an_agent_of_a_partner_organisation_is_scoped_like_a_partner_agent(
    ru_department, alice, charlie, ru_queue, wont_charge
):
    """Belonging to a partner organisation scopes an agent, whatever role they were given (the
    devices selectors decide it the same way)."""
    from caselog.accounts.models import Role
    from caselog.accounts.tests.factories import PartnerOrganisationFactory
    from caselog.cases.tests.factories import agent_create
    from caselog.devices.tests.factories import DeviceFactory

    carrier = PartnerOrganisationFactory()
    carrier_agent = agent_create(departments=[ru_department], languages=["ru"], role=Role.AGENT, partner=carrier)
    DeviceFactory(owner=alice, partner=carrier)
    theirs = CaseFactory(customer=alice, queue=ru_queue, request_type=wont_charge)
    other = CaseFactory(customer=charlie, queue=ru_queue, request_type=wont_charge)
    client = client_for(carrier_agent)
    body = client.get(reverse("console:queue")).content.decode()
    assert theirs.number in body and other.number not in body
    assert client.get(other.get_absolute_url()).status_code == 404


def test_case_facts_are_shown_in_the_viewers_time_zone(bob, alice_case):
    from datetime import UTC, datetime

    from caselog.sla.models import Calendar

    calendar = Calendar.objects.create(name="Moscow office", time_zone="Europe/Moscow")
    department = alice_case.queue.department
    department.calendar = calendar
    department.save(update_fields=["calendar"])
    alice_case.first_response_due = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    alice_case.save(update_fields=["first_response_due"])
    body = client_for(bob).get(reverse("console:case", args=[alice_case.number])).content.decode()
    assert "12:30" in body  # Moscow is UTC+3
    assert "9:30" not in body
