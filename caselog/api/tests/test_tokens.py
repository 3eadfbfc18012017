from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from caselog.api.models import ApiToken
from caselog.api.tests.factories import ApiTokenFactory
from caselog.audit.models import AuditEvent
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_manager_creates_a_token_shown_once_and_stored_hashed(maria):
    response = client_for(maria).post(
        reverse("api_tokens:list"), {"name": "Diagnostics tool", "scopes": ["devices:diagnostics", "devices:read"]}
    )
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    token = ApiToken.objects.get()
    assert raw in response.content.decode()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in token.token_hash and token.prefix == raw[:10]
    assert token.scopes == ["devices:diagnostics", "devices:read"]
    assert response["Cache-Control"] == "no-store"
    assert raw not in client_for(maria).get(reverse("api_tokens:list")).content.decode()
    assert AuditEvent.objects.filter(action="api.token_create").exists()


def test_token_without_scopes_is_refused_next_to_the_field(maria):
    response = client_for(maria).post(reverse("api_tokens:list"), {"name": "Nothing"})
    assert response.status_code == 422
    assert 'value="Nothing"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_manager_revokes_a_token(maria, diagnostics_token):
    token = ApiToken.objects.get()
    client_for(maria).post(reverse("api_tokens:revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_agent_gets_404_on_the_token_page(bob):
    assert client_for(bob).get(reverse("api_tokens:list")).status_code == 404


def test_agent_gets_404_revoking_a_token(bob):
    token = ApiTokenFactory()
    assert client_for(bob).post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
