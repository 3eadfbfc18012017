from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caselog.api.models import PERSONAL_SCOPES, ApiToken
from caselog.api.services import api_token_create
from caselog.api.tests.factories import ApiTokenFactory
from caselog.audit.models import AuditEvent
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_manager_creates_a_token_shown_once_and_stored_hashed(maria):
    response = client_for(maria).post(
        reverse("console:api_token_list"),
        {"name": "Diagnostics tool", "scopes": ["devices:diagnostics", "devices:read"]},
    )
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    token = ApiToken.objects.get()
    assert raw in response.content.decode()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in token.token_hash and token.prefix == raw[:10]
    assert token.scopes == ["devices:diagnostics", "devices:read"]
    assert response["Cache-Control"] == "no-store"
    assert raw not in client_for(maria).get(reverse("console:api_token_list")).content.decode()
    assert AuditEvent.objects.filter(action="api.token_create").exists()


def test_token_without_scopes_is_refused_next_to_the_field(maria):
    response = client_for(maria).post(reverse("console:api_token_list"), {"name": "Nothing"})
    assert response.status_code == 422
    assert 'value="Nothing"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_manager_revokes_a_token(maria, diagnostics_token):
    token = ApiToken.objects.get()
    client_for(maria).post(reverse("console:api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_customer_gets_404_on_the_token_page(alice):
    assert client_for(alice).get(reverse("console:api_token_list")).status_code == 404
    assert (
        client_for(alice).post(reverse("console:api_token_list"), {"name": "x", "scopes": ["cases:read"]}).status_code
        == 404
    )
    assert not ApiToken.objects.exists()


def test_agent_gets_404_revoking_someone_elses_token(bob):
    token = ApiTokenFactory()
    assert client_for(bob).post(reverse("console:api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# --- personal tokens ------------------------------------------------------------------------------


def test_agent_creates_a_personal_token_that_acts_as_them(bob):
    response = client_for(bob).post(reverse("console:api_token_list"), {"name": "My scripts", "scopes": ["cases:read"]})
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    token = ApiToken.objects.get()
    assert token.owner == bob and token.scopes == ["cases:read"] and raw in response.content.decode()
    assert AuditEvent.objects.filter(action="api.token_create", actor=bob).exists()


def test_agent_may_give_only_the_personal_scopes(bob):
    page = client_for(bob).get(reverse("console:api_token_list"))
    offered = {value for value, _label in page.context["form"].fields["scopes"].choices}
    assert offered == {str(scope) for scope in PERSONAL_SCOPES}
    response = client_for(bob).post(
        reverse("console:api_token_list"), {"name": "Phone bridge", "scopes": ["cases:read", "telephony:events"]}
    )
    assert response.status_code == 422 and "scopes" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_service_refuses_an_integration_scope_to_an_agent(bob):
    with pytest.raises(ValidationError) as refused:
        api_token_create(actor=bob, name="x", scopes=["webhooks:manage"])
    assert "scopes" in refused.value.message_dict


def test_agent_sees_and_revokes_only_their_own_tokens(bob, maria):
    mine, _raw = api_token_create(actor=bob, name="Mine", scopes=["cases:read"])
    managers, _raw = api_token_create(actor=maria, name="Phone system", scopes=["telephony:events"])
    page = client_for(bob).get(reverse("console:api_token_list")).content.decode()
    assert "Mine" in page and "Phone system" not in page
    assert client_for(bob).post(reverse("console:api_token_revoke", args=[managers.pk])).status_code == 404
    assert client_for(bob).post(reverse("console:api_token_revoke", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    managers.refresh_from_db()
    assert mine.revoked_at is not None and managers.revoked_at is None
    assert AuditEvent.objects.filter(action="api.token_revoke", actor=bob).exists()


def test_manager_sees_and_may_revoke_personal_tokens_too(bob, maria):
    token, _raw = api_token_create(actor=bob, name="Bob's scripts", scopes=["cases:read"])
    assert "Bob&#x27;s scripts" in client_for(maria).get(reverse("console:api_token_list")).content.decode()
    client_for(maria).post(reverse("console:api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_technician_makes_a_repairs_token(tess):
    response = client_for(tess).post(reverse("console:api_token_list"), {"name": "Bench", "scopes": ["repairs:write"]})
    assert response.status_code == 200 and ApiToken.objects.get().owner == tess


@pytest.mark.parametrize(("language", "words"), [("de", "handelt als Sie"), ("ru", "действует от вашего имени")])
def test_personal_token_page_is_translated(bob, language, words):
    bob.locale = language
    bob.save(update_fields=["locale"])
    page = client_for(bob).get(reverse("console:api_token_list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page


def test_partner_agents_token_sees_only_the_partners_customers(
    client, paul_partner, alice, alice_iphone, charlie, charlie_megafon_iphone
):
    _token, raw = api_token_create(actor=paul_partner, name="Store tablet", scopes=["customers:read", "devices:read"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(f"/api/v1/customers/{alice.pk}", **auth).status_code == 404
    assert client.get("/api/v1/customers", {"q": alice.email}, **auth).json()["items"] == []
    assert client.get("/api/v1/customers", {"q": alice_iphone.serial}, **auth).json()["items"] == []
    theirs = client.get(f"/api/v1/customers/{charlie.pk}", **auth)
    assert theirs.status_code == 200
    assert [device["serial"] for device in theirs.json()["devices"]] == [charlie_megafon_iphone.serial]


def test_the_tokens_page_shows_the_header_to_send_as_text(client, bob):
    # Found trying it: "Bearer <token>" went out as a tag and the page read "Bearer ”".
    from conftest import client_for

    body = client_for(bob).get("/console/api-tokens/").content.decode()
    assert "Bearer &lt;token&gt;" in body and "Bearer <token>" not in body
