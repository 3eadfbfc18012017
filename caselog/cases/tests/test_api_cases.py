from __future__ import annotations

import pytest

from caselog.api.models import IdempotentRequest
from caselog.api.tests.conftest import token_for
from caselog.audit.models import AuditEvent
from caselog.cases.models import Case, Message
from caselog.cases.tests.factories import CaseFactory
from caselog.devices.tests.conftest import (  # noqa: F401  (the clean slate of the API tests, where these were)
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
)

pytestmark = pytest.mark.django_db


def _get(client, url, token, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client, url, token, payload, **headers):
    return client.post(url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", **headers)


def _assert_error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


def test_agent_token_lists_the_cases_of_its_department_only(client, bob_token, alice_case, de_queue):
    CaseFactory(queue=de_queue, locale="de")
    response = _get(client, "/api/v1/cases", bob_token)
    assert response.status_code == 200
    assert [item["number"] for item in response.json()["items"]] == [alice_case.number]
    assert response.json()["next_cursor"] is None


def test_token_of_another_department_sees_no_cases_and_gets_404_on_one(client, dora_token, alice_case):
    assert _get(client, "/api/v1/cases", dora_token).json()["items"] == []
    _assert_error(_get(client, f"/api/v1/cases/{alice_case.number}", dora_token), 404, "not_found")


def test_customer_token_sees_no_cases_even_their_own(client, alice, alice_case):
    token = token_for(alice, "cases:read")
    assert _get(client, "/api/v1/cases", token).json()["items"] == []
    _assert_error(_get(client, f"/api/v1/cases/{alice_case.number}", token), 404, "not_found")


def test_cursor_walks_every_case_once(client, bob_token, ru_queue, django_assert_max_num_queries):
    cases = CaseFactory.create_batch(5, queue=ru_queue, locale="ru")
    seen: list[str] = []
    cursor = ""
    for _ in range(5):
        with django_assert_max_num_queries(6):
            body = _get(client, "/api/v1/cases", bob_token, limit=2, cursor=cursor).json()
        seen += [item["number"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [case.number for case in cases]


def test_filters_are_those_of_the_console(client, bob, bob_token, ru_queue):
    mine = CaseFactory(queue=ru_queue, locale="ru", assignee=bob, subject="Akku kaputt")
    solved = CaseFactory(queue=ru_queue, locale="ru", status=Case.Status.SOLVED)
    assert [i["number"] for i in _get(client, "/api/v1/cases", bob_token, mine="true").json()["items"]] == [mine.number]
    assert [i["number"] for i in _get(client, "/api/v1/cases", bob_token, status="solved").json()["items"]] == [
        solved.number
    ]
    assert [i["number"] for i in _get(client, "/api/v1/cases", bob_token, q="akku").json()["items"]] == [mine.number]
    assert _get(client, "/api/v1/cases", bob_token, status="open").json()["items"][0]["number"] == mine.number


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"cursor": "forged"}, 400, "bad_cursor"),
        ({"status": "nonsense"}, 422, "invalid"),
        ({"limit": "0"}, 422, "invalid"),
        ({"limit": "many"}, 422, "invalid"),
        ({"queue": "x"}, 422, "invalid"),
    ],
)
def test_bad_list_parameters_get_the_error_body(client, bob_token, params, status, code):
    _assert_error(_get(client, "/api/v1/cases", bob_token, **params), status, code)


def test_read_token_cannot_write_and_write_token_needs_scope_to_read(client, bob, alice_case):
    read = token_for(bob, "cases:read")
    _assert_error(
        _post(client, f"/api/v1/cases/{alice_case.number}/notes", read, {"body": "x"}), 403, "insufficient_scope"
    )
    devices = token_for(bob, "devices:read")
    _assert_error(_get(client, "/api/v1/cases", devices), 403, "insufficient_scope")
    _assert_error(client.get("/api/v1/cases"), 401, "unauthorized")


def test_case_detail_has_the_conversation_with_notes(client, bob_token, alice_case):
    Message.objects.create(case=alice_case, kind=Message.Kind.CUSTOMER, body="Не заряжается")
    Message.objects.create(case=alice_case, kind=Message.Kind.NOTE, body="Check the cable")
    body = _get(client, f"/api/v1/cases/{alice_case.number}", bob_token).json()
    assert body["subject"] == "Телефон не заряжается"
    assert [m["kind"] for m in body["messages"]] == ["customer", "note"]


CASE = {
    "subject": "Phone does not charge",
    "description": "Since yesterday.",
    "locale": "ru",
    "customer_email": "alice@example.com",
    "contact_phone": "+49 30 1234567",
}


def test_creating_a_case_opens_it_for_the_customer_and_a_retry_with_the_key_does_not_again(
    client, bob, bob_token, alice, wont_charge, ru_queue
):
    payload = {**CASE, "customer_email": alice.email, "request_type": wont_charge.pk}
    first = _post(client, "/api/v1/cases", bob_token, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.content
    case = Case.objects.get(number=first.json()["number"])
    assert case.customer == alice and case.channel == Case.Channel.PHONE and case.assignee == bob
    again = _post(client, "/api/v1/cases", bob_token, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Case.objects.count() == 1 and Message.objects.count() == 1
    assert IdempotentRequest.objects.count() == 1


def test_same_idempotency_key_with_another_body_is_a_conflict(client, bob_token, alice, wont_charge, ru_queue):
    payload = {**CASE, "customer_email": alice.email, "request_type": wont_charge.pk}
    _post(client, "/api/v1/cases", bob_token, payload, HTTP_IDEMPOTENCY_KEY="k-2")
    other = _post(client, "/api/v1/cases", bob_token, {**payload, "subject": "Other"}, HTTP_IDEMPOTENCY_KEY="k-2")
    _assert_error(other, 409, "idempotency_key_reused")


def test_without_a_key_a_second_call_adds_to_the_open_case_with_200(client, bob_token, alice, wont_charge, ru_queue):
    payload = {**CASE, "customer_email": alice.email, "request_type": wont_charge.pk}
    assert _post(client, "/api/v1/cases", bob_token, payload).status_code == 201
    second = _post(client, "/api/v1/cases", bob_token, payload)
    assert second.status_code == 200
    assert Case.objects.count() == 1 and Message.objects.count() == 2


def test_customer_token_cannot_open_cases(client, alice, wont_charge, ru_queue):
    token = token_for(alice, "cases:write")
    payload = {**CASE, "request_type": wont_charge.pk}
    _assert_error(_post(client, "/api/v1/cases", token, payload), 403, "forbidden")
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"locale": "fr"}, "locale"),
        ({"request_type": 999999}, "request_type"),
        ({"request_type": "abc"}, "request_type"),
        ({"customer_email": "not-an-email"}, "customer_email"),
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 201}, "subject"),
    ],
)
def test_bad_case_input_names_the_field(client, bob_token, wont_charge, ru_queue, change, field):
    payload = {**CASE, "request_type": wont_charge.pk, **change}
    error = _assert_error(_post(client, "/api/v1/cases", bob_token, payload), 422, "invalid")
    assert field in error["fields"]


@pytest.mark.parametrize("raw", ["not json", "[]", "null", '{"subject": 5}'])
def test_malformed_bodies_get_the_error_body(client, bob_token, raw):
    response = client.post(
        "/api/v1/cases", raw, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {bob_token}"
    )
    assert response.status_code in (400, 422)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_status_change_is_audited_as_the_token_owner(client, bob, bob_token, alice_case):
    response = _post(client, f"/api/v1/cases/{alice_case.number}/status", bob_token, {"status": "solved"})
    assert response.status_code == 200
    assert response.json()["status"] == "solved"
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.SOLVED
    assert AuditEvent.objects.filter(action="case.status", actor=bob).exists()


def test_unknown_status_is_invalid(client, bob_token, alice_case):
    error = _assert_error(
        _post(client, f"/api/v1/cases/{alice_case.number}/status", bob_token, {"status": "gone"}), 422, "invalid"
    )
    assert "status" in error["fields"]


def test_reply_waits_on_the_customer_and_a_retried_reply_is_sent_once(
    client, bob, bob_token, alice_case, mailoutbox, django_capture_on_commit_callbacks
):
    url = f"/api/v1/cases/{alice_case.number}/replies"
    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, url, bob_token, {"body": "Please try another cable."}, HTTP_IDEMPOTENCY_KEY="r-1")
    assert first.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        again = _post(client, url, bob_token, {"body": "Please try another cable."}, HTTP_IDEMPOTENCY_KEY="r-1")
    assert again.json() == first.json()
    assert Message.objects.filter(case=alice_case, kind=Message.Kind.REPLY).count() == 1
    alice_case.refresh_from_db()
    assert alice_case.status == Case.Status.WAITING
    assert len(mailoutbox) == 1


def test_reply_on_a_closed_case_is_invalid_not_a_500(client, bob_token, alice_case):
    alice_case.status = Case.Status.CLOSED
    alice_case.save()
    _assert_error(
        _post(client, f"/api/v1/cases/{alice_case.number}/replies", bob_token, {"body": "Hi"}), 422, "invalid"
    )


def test_note_stays_internal(client, bob_token, alice_case):
    response = _post(client, f"/api/v1/cases/{alice_case.number}/notes", bob_token, {"body": "Cable checked."})
    assert response.status_code == 201 and response.json()["kind"] == "note"
    assert Message.objects.get(pk=response.json()["id"]).kind == Message.Kind.NOTE


def test_outsider_cannot_write_to_a_case(client, dora_token, alice_case):
    for path, payload in [("replies", {"body": "x"}), ("notes", {"body": "x"}), ("status", {"status": "closed"})]:
        _assert_error(_post(client, f"/api/v1/cases/{alice_case.number}/{path}", dora_token, payload), 404, "not_found")
    assert not Message.objects.filter(case=alice_case).exists()


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/api/v1/cases/C-%00", None),
        ("get", "/api/v1/cases", {"q": "a\x00b"}),
        ("post", "/api/v1/cases/C-100000/notes", {"body": "a\x00b"}),
        ("post", "/api/v1/cases/C-100000/notes", {"bo\x00dy": "text"}),
    ],
)
def test_nul_characters_are_refused_not_a_500_on_postgresql(client, bob_token, alice_case, method, url, data):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {bob_token}"}
    if method == "get":
        response = client.get(url, data, **auth)
    else:
        response = client.post(url, data, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"__all__": ["NUL characters are not allowed"]}


def test_partner_agents_token_lists_and_opens_only_the_partners_customers_cases(
    client, ru_department, alice, charlie, ru_queue, wont_charge
):
    from caselog.accounts.models import Role
    from caselog.accounts.tests.factories import PartnerOrganisationFactory
    from caselog.api.services import api_token_create
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
    _token, raw = api_token_create(actor=partner_agent, name="Store", scopes=["cases:read", "cases:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    listed = client.get("/api/v1/cases", **auth).json()["items"]
    assert [case["number"] for case in listed] == [theirs.number]
    assert client.get(f"/api/v1/cases/{other.number}", **auth).status_code == 404
    reply = client.post(f"/api/v1/cases/{other.number}/notes", {"body": "x"}, content_type="application/json", **auth)
    assert reply.status_code == 404
