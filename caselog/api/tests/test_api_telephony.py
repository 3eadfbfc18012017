from __future__ import annotations

import pytest

from caselog.api.tests.conftest import token_for
from caselog.cases.models import CallLog

pytestmark = pytest.mark.django_db

# The events below are stamped 2026-11-25 around 10:00 UTC, and the API refuses events
# older than a week or from the future (EVENT_MAX_AGE, EVENT_MAX_AHEAD): every test here
# runs with the clock pinned a few minutes after those stamps, on whatever day it runs.
CALL_DAY = "2026-11-25T10:05:00Z"


@pytest.fixture(autouse=True)
def _clock_just_after_the_calls(time_machine):
    time_machine.move_to(CALL_DAY, tick=True)


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
    payload.setdefault("call_id", "pbx-1")
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
    answered = _event(
        client, pbx_token, event="answered", caller=ALICE_PHONE, agent_email=bob.email, at="2026-11-25T10:00:00Z"
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["case_number"] == alice_case.number and answered.json()["logged"] is False
    call = CallLog.objects.get()
    assert call.case == alice_case and call.agent == bob and call.ended_at is None
    ended = _event(client, pbx_token, event="ended", outcome="solved", at="2026-11-25T10:04:05Z")
    assert ended.status_code == 200
    assert ended.json()["logged"] is True and ended.json()["seconds"] == 245
    call.refresh_from_db()
    assert call.ended_at is not None and call.outcome == "solved"


def test_every_event_twice_gives_the_same_result(client, pbx_token, bob, alice_phone, alice_case):
    events = [
        {"event": "ringing", "caller": ALICE_PHONE, "at": "2026-11-25T09:59:50Z"},
        {"event": "answered", "agent_email": bob.email, "at": "2026-11-25T10:00:00Z"},
        {"event": "ended", "outcome": "solved", "at": "2026-11-25T10:01:00Z"},
    ]
    answers = []
    for event in events:
        first, again = _event(client, pbx_token, **event), _event(client, pbx_token, **event)
        assert first.status_code == again.status_code == 200
        assert first.json() == again.json()
        answers.append(first.json())
    assert [a["customers"][0]["email"] for a in answers[:1]] == [alice_phone.user.email]
    call = CallLog.objects.get()
    assert call.case == alice_case and call.outcome == "solved"
    assert answers[-1]["seconds"] == 60


def test_events_out_of_order_log_the_same_call(client, pbx_token, bob, alice_phone, alice_case):
    ended = _event(client, pbx_token, call_id="pbx-9", event="ended", outcome="follow_up", at="2026-11-25T10:02:00Z")
    assert ended.status_code == 200 and ended.json()["logged"] is False
    assert not CallLog.objects.exists()
    answered = _event(
        client,
        pbx_token,
        call_id="pbx-9",
        event="answered",
        caller=ALICE_PHONE,
        agent_email=bob.email,
        at="2026-11-25T10:00:30Z",
    )
    assert answered.json()["logged"] is True and answered.json()["seconds"] == 90
    late_ring = _event(client, pbx_token, call_id="pbx-9", event="ringing", caller=ALICE_PHONE)
    assert late_ring.status_code == 200
    call = CallLog.objects.get()
    assert call.case == alice_case and call.duration is not None and call.duration.total_seconds() == 90
    # The agent is free again: the next call can be answered.
    next_call = _event(client, pbx_token, call_id="pbx-10", event="answered", caller=ALICE_PHONE, agent_email=bob.email)
    assert next_call.status_code == 200


def test_two_phone_systems_may_use_the_same_call_id(client, pbx_token, bob, dora, alice_phone, alice_case):
    other = token_for(dora, "telephony:events")
    _event(client, pbx_token, call_id="1", event="answered", caller=ALICE_PHONE, agent_email=bob.email)
    ended_elsewhere = _event(client, other, call_id="1", event="ended")
    assert ended_elsewhere.json()["logged"] is False
    assert CallLog.objects.get().ended_at is None


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
        {"event": "ended", "call_id": ""},
        {"event": "ended", "call_id": "x" * 101},
        {"event": "ended", "outcome": "whatever"},
        {"event": "ended", "at": "2026-11-25T10:00:00"},
    ],
)
def test_bad_call_events_get_the_error_body(client, pbx_token, payload):
    response = _event(client, pbx_token, **payload)
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_an_end_for_a_call_never_answered_logs_nothing(client, pbx_token):
    response = _event(client, pbx_token, call_id="missed", event="ended")
    assert response.status_code == 200 and response.json()["logged"] is False
    assert not CallLog.objects.exists()


def test_odd_but_valid_time_zones_and_old_events(client, pbx_token, bob, alice_phone, alice_case):
    # Found by the Schemathesis benchmark: PostgreSQL cannot store a -19:40 offset, a 500 before.
    odd = _event(client, pbx_token, call_id="tz", event="ringing", caller=ALICE_PHONE, at="2026-11-25T10:00:00-19:40")
    assert odd.status_code in (200, 422)
    _assert_error(_event(client, pbx_token, event="ended", at="0282-07-11T08:47:56-19:40"), 422, "invalid")


def test_events_from_the_future_or_over_a_week_old_are_refused(client, pbx_token, alice_phone):
    # Pinned at CALL_DAY: six minutes ahead is a wrong clock, eight days back is too late.
    ahead = _event(client, pbx_token, event="ringing", caller=ALICE_PHONE, at="2026-11-25T10:11:00Z")
    assert _assert_error(ahead, 422, "invalid")["fields"]["at"]
    stale = _event(client, pbx_token, event="ringing", caller=ALICE_PHONE, at="2026-11-17T10:00:00Z")
    assert _assert_error(stale, 422, "invalid")["fields"]["at"]
    in_time = _event(client, pbx_token, event="ringing", caller=ALICE_PHONE, at="2026-11-25T10:08:00Z")
    assert in_time.status_code == 200, in_time.content
