"""Found trying it: a 64-bit overflow in any id parameter was a 500 on the contact form, the
console queue and the API (on SQLite, which cannot bind such a number; PostgreSQL compares
it and finds nothing). Now a 400 page or the API's 422 error body on SQLite, and what any
unknown id gives on PostgreSQL: never a 500."""

from __future__ import annotations

import pytest

from caselog.api.tests.conftest import token_for
from conftest import client_for

pytestmark = pytest.mark.django_db

TOO_BIG = "9223372036854775808"  # 2**63: no integer column holds it


def test_contact_form_with_an_impossible_product_group_is_a_bad_request_page(client, wont_charge):
    client.raise_request_exception = False
    response = client.post(
        "/support/",
        {"product_group": TOO_BIG, "topic": TOO_BIG, "email": "guest@example.com", "subject": "x", "body": "y"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code in (400, 422)
    body = response.content.decode()
    if response.status_code == 400:
        assert "Ungültige Anfrage" in body
    else:  # the form again, with the problem shown
        assert "<form" in body and "error" in body


def test_console_queue_filter_with_an_impossible_queue_is_a_bad_request_page(bob):
    client = client_for(bob)
    client.raise_request_exception = False
    response = client.get("/console/", {"queue": TOO_BIG})
    assert response.status_code in (200, 400)  # 200: no case is in a queue that does not exist
    assert 'class="site-header"' in response.content.decode()


def test_api_with_an_impossible_queue_answers_the_error_body(client, bob):
    client.raise_request_exception = False
    response = client.get(
        "/api/v1/cases", {"queue": TOO_BIG}, HTTP_AUTHORIZATION=f"Bearer {token_for(bob, 'cases:read')}"
    )
    if response.status_code == 200:
        assert response.json()["items"] == []
    else:
        assert response.status_code == 422
        assert response.json() == {
            "error": {"code": "invalid", "message": "A number in the request is out of range.", "fields": {}}
        }
