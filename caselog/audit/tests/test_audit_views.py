from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for

pytestmark = pytest.mark.django_db


def test_manager_browses_audit_filtered_by_actor(maria, bob, alice_case):
    client_for(bob).post(reverse("console:case_status", args=[alice_case.number]), {"status": "open"})
    client = client_for(maria)
    body = client.get(reverse("audit:list") + "?actor_email=bob@example.com").content.decode()
    assert "case.status" in body
    assert "case.status" not in client.get(reverse("audit:list") + "?actor_email=nobody@example.com").content.decode()


def test_audit_filtered_by_object(maria, bob, alice_case):
    client_for(bob).post(reverse("console:case_note", args=[alice_case.number]), {"body": "n"})
    body = (
        client_for(maria)
        .get(reverse("audit:list") + f"?target_type=cases.case&target_id={alice_case.pk}")
        .content.decode()
    )
    assert "case.note" in body


def test_agent_gets_404_on_audit(bob):
    assert client_for(bob).get(reverse("audit:list")).status_code == 404


def test_audit_record_outside_a_transaction_is_refused(transactional_db, maria):
    from caselog.audit.services import audit_record

    with pytest.raises(RuntimeError):
        audit_record(actor=maria, action="x", target=maria)
