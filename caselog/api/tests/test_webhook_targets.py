"""Webhooks go to public addresses only: a private, loopback, link-local, multicast or reserved
target is refused when it is subscribed (form error, API 400) and again at every delivery (the
name is resolved and every address checked; the refusal is logged and nothing is sent)."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from django.urls import reverse

from caselog.api import services
from caselog.api.models import WebhookDelivery, WebhookSubscription
from caselog.api.tests.conftest import token_for
from caselog.api.tests.test_webhooks import api
from caselog.api.webhooks import address_is_private
from caselog.audit.models import AuditEvent
from caselog.cases.services import case_add_note
from conftest import client_for

pytestmark = pytest.mark.django_db

PRIVATE_TARGETS = [
    "http://127.0.0.1:8080/hooks",
    "http://10.0.0.5/hooks",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8000/hooks",
]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::",
        "fec0::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    ],
)
def test_private_and_reserved_addresses_are_private(address):
    assert address_is_private(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_public_addresses_are_not(address):
    assert not address_is_private(ipaddress.ip_address(address))


def test_private_targets_are_off_unless_configured(settings):
    assert settings.WEBHOOK_ALLOW_PRIVATE_TARGETS is False


@pytest.mark.parametrize("url", [*PRIVATE_TARGETS, "http://localhost:8000/hooks", "http://app.localhost/hooks"])
def test_console_form_refuses_a_private_target_next_to_the_url(maria, url):
    response = client_for(maria).post(reverse("console:webhook_list"), {"url": url, "events": ["case.created"]})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"url"} and "public addresses only" in errors["url"][0]
    assert not WebhookSubscription.objects.exists()
    assert not AuditEvent.objects.filter(action="api.webhook_create").exists()


@pytest.mark.parametrize("url", PRIVATE_TARGETS)
def test_api_refuses_a_private_target_with_400_and_a_code(maria, client, url):
    token = token_for(maria, "webhooks:manage")
    response = client.post(
        "/api/v1/webhooks", {"url": url, "events": ["case.created"]}, content_type="application/json", **api(token)
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "webhook_target_not_allowed" and list(error["fields"]) == ["url"]
    assert not WebhookSubscription.objects.exists()


def test_api_refuses_moving_a_subscription_to_a_private_target(maria, client):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    token = token_for(maria, "webhooks:manage")
    response = client.patch(
        f"/api/v1/webhooks/{subscription.pk}",
        {"url": "http://169.254.169.254/latest/meta-data/"},
        content_type="application/json",
        **api(token),
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "webhook_target_not_allowed"
    subscription.refresh_from_db()
    assert subscription.url == "https://hooks.example.com/x"


@pytest.mark.parametrize("url", [*PRIVATE_TARGETS, "http://localhost:8000/hooks"])
def test_delivery_to_a_private_target_is_refused_and_logged(maria, alice_case, django_capture_on_commit_callbacks, url):
    # Subscribed while private targets were allowed (or before this rule): every try checks again.
    subscription = WebhookSubscription.objects.create(
        owner=maria, url=url, events=["message.added"], secret="whsec_test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("failed", 1, None)
    assert delivery.error.startswith("Refused:") and "public addresses only" in delivery.error
    assert delivery.next_attempt_at is None
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1


def test_nothing_reaches_a_local_receiver_once_private_targets_are_off(
    settings, maria, alice_case, receiver, django_capture_on_commit_callbacks
):
    services.webhook_subscription_create(actor=maria, url=receiver.url, events=["message.added"])
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    assert receiver.received == []
    assert WebhookDelivery.objects.get().error.startswith("Refused:")


def test_a_redirect_is_not_followed(maria, alice_case, receiver, django_capture_on_commit_callbacks):
    # A 307 keeps the method and the body: a client that followed it would post again, here.
    receiver.statuses = [307, 200]
    receiver.location = receiver.url + "?again=1"
    receiver.secret = services.webhook_subscription_create(actor=maria, url=receiver.url, events=["message.added"])[1]
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.response_code, delivery.error) == ("retrying", 307, "HTTP 307")
    assert len(receiver.received) == 1


def test_an_unresolvable_name_is_accepted_now_and_a_failed_try_later(
    maria, alice_case, django_capture_on_commit_callbacks: Any
):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.invalid/caselog", events=["message.added"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.state == "retrying" and delivery.error.startswith("Could not resolve hooks.invalid")


@pytest.mark.parametrize(("language", "words"), [("de", "öffentliche Adressen"), ("ru", "публичные адреса")])
def test_the_refusal_speaks_the_managers_language(maria, language, words):
    maria.locale = language
    maria.save(update_fields=["locale"])
    response = client_for(maria).post(
        reverse("console:webhook_list"),
        {"url": "http://10.0.0.5/hooks", "events": ["case.created"]},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422 and words in response.content.decode()


def test_manager_changes_an_endpoint_in_the_console(maria):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    url = reverse("console:webhook_detail", args=[subscription.pk])
    response = client_for(maria).post(
        url, {"url": "https://hooks.example.com/y", "description": "CRM", "events": ["case.solved", "message.added"]}
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.url, subscription.description) == ("https://hooks.example.com/y", "CRM")
    assert subscription.events == ["case.solved", "message.added"]
    assert AuditEvent.objects.filter(action="api.webhook_update").exists()


def test_console_refuses_moving_an_endpoint_to_a_private_target_next_to_the_url(maria):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    response = client_for(maria).post(
        reverse("console:webhook_detail", args=[subscription.pk]),
        {"url": "http://169.254.169.254/latest/meta-data/", "events": ["case.created"]},
    )
    assert response.status_code == 422 and set(response.context["form"].errors) == {"url"}
    subscription.refresh_from_db()
    assert subscription.url == "https://hooks.example.com/x"


def test_https_is_spoken_to_the_checked_address(maria, alice_case, receiver, django_capture_on_commit_callbacks):
    # The receiver speaks plain HTTP: the TLS handshake (to the pinned address) fails, as a failed try.
    services.webhook_subscription_create(
        actor=maria, url=receiver.url.replace("http://", "https://"), events=["message.added"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "retrying" and delivery.response_code is None and "SSL" in delivery.error
    assert receiver.received == []
