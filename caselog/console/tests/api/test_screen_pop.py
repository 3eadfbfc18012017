"""Screen pop: a ringing event that names an agent shows the caller in that agent's console."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from caselog.api.tests.conftest import token_for
from caselog.audit.models import AuditEvent
from caselog.cases.models import PhoneCall
from caselog.cases.tests.factories import agent_create
from conftest import client_for

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/telephony/events"
POLL = "/console/screen-pop/"
ALICE_PHONE = "+4915112345678"


@pytest.fixture
def alice_number(alice):
    from caselog.devices.models import CustomerPhone

    return CustomerPhone.objects.update_or_create(user=alice, defaults={"e164": ALICE_PHONE})[0]


@pytest.fixture
def pbx(maria):
    return token_for(maria, "telephony:events")


@pytest.fixture
def ringing(client, pbx, bob, alice_number, alice_case):
    """Alice calls; the phone system rings bob's phone."""
    response = _event(
        client, pbx, event="ringing", caller="0049 151 1234 5678", line="Support DE", agent_email=bob.email
    )
    assert response.status_code == 200, response.content
    return PhoneCall.objects.get()


def _event(client, token, **payload):
    payload.setdefault("call_id", "pbx-1")
    return client.post(EVENTS, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def _poll(user, shown=""):
    return client_for(user).get(POLL, {"shown": shown} if shown else {}, HTTP_HX_REQUEST="true")


def test_the_named_agent_sees_the_caller_and_their_open_cases(ringing, bob, alice, alice_case):
    response = _poll(bob)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-call="{ringing.pk}"' in html
    assert "0049 151 1234 5678" in html and "Support DE" in html
    assert alice.email in html and f"/console/customers/{alice.pk}/" in html
    assert f'href="/console/cases/{alice_case.number}/"' in html
    # The poller now names the pop it shows: while nothing changes, an empty 204 (htmx keeps the page).
    assert f"?shown={ringing.pk}" in html
    assert _poll(bob, shown=str(ringing.pk)).status_code == 204


def test_nobody_else_sees_the_pop(ringing, client, dora, maria, alice, charlie):
    for user in (dora, maria, alice, charlie):
        assert _poll(user).status_code == 204
    assert client.get(POLL).status_code == 204  # signed out: nothing, and no login page swapped in


def test_the_pop_goes_when_the_call_ends(ringing, client, pbx, bob):
    assert _event(client, pbx, event="ended", outcome="dropped").status_code == 200
    gone = _poll(bob, shown=str(ringing.pk))
    assert gone.status_code == 200 and "data-call" not in gone.content.decode()
    assert _poll(bob).status_code == 204


def test_the_pop_goes_when_another_agent_answers_and_stays_for_its_own_agent(
    client, pbx, bob, ru_department, alice_number, alice_case
):
    olga = agent_create(departments=[ru_department], languages=["ru"], username="olga", email="olga@example.com")
    _event(client, pbx, call_id="a", event="ringing", caller=ALICE_PHONE, agent_email=bob.email)
    assert _poll(bob).status_code == 200
    assert _event(client, pbx, call_id="a", event="answered", agent_email=olga.email).status_code == 200
    assert _poll(bob).status_code == 204
    assert _event(client, pbx, call_id="a", event="ended").status_code == 200
    _event(client, pbx, call_id="b", event="ringing", caller=ALICE_PHONE, agent_email=olga.email)
    assert _event(client, pbx, call_id="b", event="answered", agent_email=olga.email).status_code == 200
    still = _poll(olga).content.decode()
    assert f'data-call="{PhoneCall.objects.get(external_id="b").pk}"' in still


def test_the_agent_dismisses_the_pop(ringing, bob, dora, alice):
    url = f"{POLL}{ringing.pk}/dismiss/"
    assert client_for(dora).post(url).status_code == 404
    assert client_for(alice).post(url).status_code == 404
    response = client_for(bob).post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "data-call" not in response.content.decode()
    assert _poll(bob).status_code == 204
    assert AuditEvent.objects.filter(action="api.screen_pop_dismissed", actor=bob, target_id=str(ringing.pk)).exists()
    assert client_for(bob).post(url).status_code == 404  # already gone
    assert client_for(bob).get(url).status_code == 405


def test_repeated_ringing_events_give_one_pop_and_do_not_reopen_it(ringing, client, pbx, bob):
    again = _event(client, pbx, event="ringing", caller=ALICE_PHONE, agent_email=bob.email)
    assert again.status_code == 200 and PhoneCall.objects.count() == 1
    assert _poll(bob).content.decode().count("data-call=") == 1
    client_for(bob).post(f"{POLL}{ringing.pk}/dismiss/")
    _event(client, pbx, event="ringing", caller=ALICE_PHONE, agent_email=bob.email)
    assert _poll(bob).status_code == 204


def test_unknown_caller_gets_a_new_case_button(client, pbx, bob):
    _event(client, pbx, event="ringing", caller="+49 30 1234567", agent_email=bob.email)
    html = _poll(bob).content.decode()
    assert "data-call" in html and "/console/customers/" not in html
    assert "/console/new/?contact_phone=%2B49%2030%201234567" in html
    form = client_for(bob).get("/console/new/", {"contact_phone": "+49 30 1234567"}).content.decode()
    assert 'value="+49 30 1234567"' in form


def test_late_end_or_stale_ringing_opens_no_pop(client, pbx, bob, alice_number):
    _event(client, pbx, call_id="late", event="ended")
    _event(client, pbx, call_id="late", event="ringing", caller=ALICE_PHONE, agent_email=bob.email)
    old = (timezone.now() - timedelta(hours=1)).isoformat()
    _event(client, pbx, call_id="old", event="ringing", caller=ALICE_PHONE, agent_email=bob.email, at=old)
    assert PhoneCall.objects.filter(pop_agent=bob).count() == 2
    assert _poll(bob).status_code == 204


def test_ringing_for_someone_who_is_no_agent_is_refused(client, pbx, alice, alice_number):
    for email in (alice.email, "nobody@example.com"):
        response = _event(client, pbx, event="ringing", caller=ALICE_PHONE, agent_email=email)
        assert response.status_code == 422
        assert response.json()["error"]["fields"] == {"agent_email": ["no such agent"]}
    assert not PhoneCall.objects.exists()


def test_an_idle_poll_is_one_indexed_query_after_the_session(bob, django_assert_num_queries):
    agent = client_for(bob)
    # Session and user (the middleware) and the one query for an open pop; no permission look-up.
    with django_assert_num_queries(3) as captured:
        assert agent.get(POLL).status_code == 204
    assert "api_phonecall" in captured.captured_queries[-1]["sql"]


def test_the_console_pages_poll_for_pops(bob, alice, alice_case):
    for url in ("/console/", f"/console/cases/{alice_case.number}/"):
        assert 'hx-get="/console/screen-pop/"' in client_for(bob).get(url).content.decode()
    assert "screen-pop" not in client_for(alice).get("/").content.decode()


def test_the_pop_speaks_the_agents_language(client, pbx, bob, dora):
    _event(client, pbx, call_id="de", event="ringing", caller="+49 30 1234567", line="DE", agent_email=dora.email)
    _event(client, pbx, call_id="ru", event="ringing", caller="+49 30 7654321", line="RU", agent_email=bob.email)
    german = _poll(dora).content.decode()
    assert "Eingehender Anruf" in german and "Leitung DE" in german and "Unbekannter Anrufer" in german
    russian = _poll(bob).content.decode()
    assert "Входящий звонок" in russian and "линия RU" in russian and "Скрыть" in russian
