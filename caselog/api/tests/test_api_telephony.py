from __future__ import annotations

import pytest

from caselog.api.tests.conftest import token_for
from caselog.cases.models import CallLog

pytestmark = pytest.mark.django_db

URL = "/api/v1/telephony/events"
ALICE_PHONE = "+4915112345678"


@pytest.fixture
def alice_phone(alice):
    from caselog.devices.models import CustomerPhone

    return CustomerPhone.objects.update_or_create(user=alice, defaults={"e164": ALICE_PHONE})[0]


@pytest.fixture
def pbx_token(maria):
    return token_for(maria, "telephony:events")


def _event(client, token, **payload):
    return client.post(URL, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def _assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert response.json()["error"]["code"] == code
    return response.json()["error"]


def test_ringing_call_names_the_customer_and_their_open_cases(client, pbx_token, alice, alice_phone, alice_case):
    body = _event(client, pbx_token, event="ringing", caller="0049 151 12345678").json()
    assert [c["email"] for c in body["customers"]] == [alice.email]
    assert [c["number"] for c in body["open_cases"]] == [alice_case.number]


def test_call_is_logged_on_the_case_from_answer_to_end(client, pbx_token, bob, alice_phone, alice_case):
    answered = _event(client, pbx_token, event="answered", caller=ALICE_PHONE, agent_email=bob.email)
    assert answered.status_code == 200, answered.content
    assert answered.json()["case_number"] == alice_case.number
    call = CallLog.objects.get(pk=answered.json()["call_id"])
    assert call.case == alice_case and call.agent == bob and call.ended_at is None
    ended = _event(client, pbx_token, event="ended", call_id=call.pk, outcome="solved")
    assert ended.status_code == 200
    call.refresh_from_db()
    assert call.ended_at is not None and call.outcome == "solved"
    _assert_error(_event(client, pbx_token, event="ended", call_id=call.pk), 422, "invalid")


def test_agent_of_another_department_cannot_take_the_call_on_the_case(client, pbx_token, dora, alice_phone, alice_case):
    response = _event(
        client, pbx_token, event="answered", caller=ALICE_PHONE, agent_email=dora.email, case_number=alice_case.number
    )
    _assert_error(response, 404, "not_found")
    _assert_error(
        _event(client, pbx_token, event="answered", caller=ALICE_PHONE, agent_email=dora.email), 422, "no_open_case"
    )
    assert not CallLog.objects.exists()


def test_token_without_the_scope_is_refused(client, bob):
    _assert_error(
        _event(client, token_for(bob, "cases:write"), event="ringing", caller=ALICE_PHONE), 403, "insufficient_scope"
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"event": "hangup"},
        {"event": "ringing"},
        {"event": "ringing", "caller": "not a number"},
        {"event": "answered", "caller": ALICE_PHONE, "agent_email": "nobody@example.com"},
        {"event": "ended"},
        {"event": "ended", "call_id": "x"},
        {"event": "ended", "call_id": 1, "outcome": "whatever"},
    ],
)
def test_bad_call_events_get_the_error_body(client, pbx_token, payload):
    response = _event(client, pbx_token, **payload)
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_ending_an_unknown_call_is_a_404(client, pbx_token):
    _assert_error(_event(client, pbx_token, event="ended", call_id=999999), 404, "not_found")
