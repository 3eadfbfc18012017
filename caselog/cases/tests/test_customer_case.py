from __future__ import annotations

import pytest
from django.urls import reverse

from caselog.cases.models import Case, Message
from caselog.cases.tests.factories import MessageFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_customer_sees_agent_reply_but_never_internal_notes(alice, alice_case, bob):
    MessageFactory(case=alice_case, kind=Message.Kind.REPLY, author=bob, body="Попробуйте другой кабель")
    MessageFactory(case=alice_case, kind=Message.Kind.NOTE, author=bob, body="SECRET-NOTE")
    body = client_for(alice).get(reverse("cases:my_case", args=[alice_case.number])).content.decode()
    assert "Попробуйте другой кабель" in body
    assert "SECRET-NOTE" not in body


def test_other_customer_gets_404_on_alices_case(charlie, alice_case):
    client = client_for(charlie)
    assert client.get(reverse("cases:my_case", args=[alice_case.number])).status_code == 404
    assert client.post(reverse("cases:my_case", args=[alice_case.number]), {"body": "hi"}).status_code == 404


def test_my_cases_lists_only_own_cases(alice, charlie, alice_case):
    assert alice_case.number not in client_for(charlie).get(reverse("cases:my_cases")).content.decode()
    assert alice_case.number in client_for(alice).get(reverse("cases:my_cases")).content.decode()


def test_customer_reply_reopens_case_waiting_on_them(alice, alice_case):
    Case.objects.filter(pk=alice_case.pk).update(status=Case.Status.WAITING)
    response = client_for(alice).post(reverse("cases:my_case", args=[alice_case.number]), {"body": "Не помогло"})
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.OPEN


def test_empty_reply_shows_error_and_keeps_nothing_lost(alice, alice_case):
    response = client_for(alice).post(reverse("cases:my_case", args=[alice_case.number]), {"body": "   "})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_unknown_guest_token_is_404(client):
    assert client.get(reverse("cases:guest_case", args=["nope"])).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_for_my_cases(client):
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
