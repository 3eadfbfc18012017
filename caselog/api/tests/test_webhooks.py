"""Webhooks end to end: a real HTTP receiver in a thread checks every signature."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from caselog.api import services
from caselog.api.models import IdempotentRequest, WebhookDelivery, WebhookSubscription
from caselog.api.tasks import webhook_deliver_due
from caselog.api.tests.conftest import Receiver, token_for
from caselog.api.webhooks import signature_header, signature_verify
from caselog.audit.models import AuditEvent
from caselog.cases.models import Case
from caselog.cases.services import case_add_note, case_change_status, case_submit
from conftest import client_for

pytestmark = pytest.mark.django_db


def subscribe(receiver: Receiver, owner: Any, events: list[str]) -> WebhookSubscription:
    subscription, secret = services.webhook_subscription_create(actor=owner, url=receiver.url, events=events)
    receiver.secret = secret
    return subscription


def open_case(wont_charge: Any, alice: Any) -> Case:
    return case_submit(
        submitter=alice,
        locale="ru",
        request_type=wont_charge,
        subject="Не заряжается",
        description="Совсем не заряжается",
        contact_email=alice.email,
    ).case


def test_case_created_reaches_a_real_receiver_signed(
    maria, alice, ru_queue, wont_charge, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver, maria, ["case.created"])
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(wont_charge, alice)
    assert receiver.signed_events() == ["case.created"]
    sent = receiver.received[0]["json"]
    assert sent["type"] == "case.created" and sent["data"]["number"] == case.number
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 1, 200)
    assert delivery.response_excerpt == "ok"
    assert str(delivery.event_id) == sent["id"]


def test_nothing_is_sent_before_the_change_commits(maria, alice, ru_queue, wont_charge, receiver):
    subscribe(receiver, maria, ["case.created"])
    open_case(wont_charge, alice)  # the test's transaction never commits
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_only_subscribed_events_are_sent(maria, alice_case, receiver, django_capture_on_commit_callbacks):
    subscribe(receiver, maria, ["case.solved"])
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="Checked the charger")
        case_change_status(case=alice_case, actor=maria, status=Case.Status.SOLVED)
    assert receiver.signed_events() == ["case.solved"]


def test_status_change_says_what_it_was_before(maria, alice_case, receiver, django_capture_on_commit_callbacks):
    subscribe(receiver, maria, ["case.updated", "message.added"])
    with django_capture_on_commit_callbacks(execute=True):
        case_change_status(case=alice_case, actor=maria, status=Case.Status.OPEN)
        case_add_note(case=alice_case, author=maria, body="Internal")
    updated, added = (item["json"]["data"] for item in receiver.received)
    assert updated["previous_status"] == "new" and updated["status"] == "open"
    assert added["case_number"] == alice_case.number and added["message"]["kind"] == "note"


def test_an_endpoint_hears_only_about_cases_its_owner_may_see(
    bob, dora, alice, ru_queue, de_queue, wont_charge, receiver, django_capture_on_commit_callbacks
):
    dora.user_permissions.add(Permission.objects.get(codename="manage_apitoken"))
    subscribe(receiver, dora, ["case.created"])  # dora works German cases; this one is Russian
    with django_capture_on_commit_callbacks(execute=True):
        open_case(wont_charge, alice)
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_a_failed_delivery_is_retried_later_and_then_succeeds(
    maria, alice, ru_queue, wont_charge, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [503, 200]
    subscription = subscribe(receiver, maria, ["case.created"])
    with django_capture_on_commit_callbacks(execute=True):
        open_case(wont_charge, alice)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("retrying", 1, 503)
    assert delivery.next_attempt_at is not None
    assert timedelta(seconds=50) < delivery.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1

    assert webhook_deliver_due.enqueue().return_value == 0  # not due yet: nothing is tried
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    webhook_deliver_due.enqueue()

    delivery.refresh_from_db()
    subscription.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 2, 200)
    assert subscription.consecutive_failures == 0
    assert [item["signed"] for item in receiver.received] == [True, True]
    # The same event both times, so the receiver can drop the duplicate.
    assert receiver.received[0]["json"]["id"] == receiver.received[1]["json"]["id"]


def test_back_off_grows_and_a_delivery_gives_up_after_the_last_delay(
    settings, maria, alice, ru_queue, wont_charge, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_RETRY_DELAYS = (timedelta(minutes=1), timedelta(hours=2))
    receiver.statuses = [500]
    subscribe(receiver, maria, ["case.created"])
    with django_capture_on_commit_callbacks(execute=True):
        open_case(wont_charge, alice)
    waits = []
    for _try in range(2):
        delivery = WebhookDelivery.objects.get()
        assert delivery.next_attempt_at is not None and delivery.last_attempt_at is not None
        waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        webhook_deliver_due.enqueue()
    delivery.refresh_from_db()
    assert waits == [timedelta(minutes=1), timedelta(hours=2)]
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("failed", 3, None)


def test_an_unreachable_endpoint_is_logged_without_a_status(
    maria, alice, ru_queue, wont_charge, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(receiver, maria, ["case.created"])
    receiver.server.shutdown()
    receiver.server.server_close()
    with django_capture_on_commit_callbacks(execute=True):
        open_case(wont_charge, alice)
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.state == "retrying" and delivery.response_code is None and delivery.error


def test_an_endpoint_that_keeps_failing_is_switched_off_and_its_owner_told(
    settings, maria, alice_case, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    receiver.statuses = [500]
    subscription = subscribe(receiver, maria, ["message.added"])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(4):
            case_add_note(case=alice_case, author=maria, body=f"note {number}")
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at is not None
    assert len(receiver.received) == 3  # the fourth event found the endpoint off
    assert [m.to for m in mail.outbox] == [["maria@example.com"]]
    assert subscription.url in mail.outbox[0].subject
    assert reverse("console:webhook_detail", args=[subscription.pk]) in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="api.webhook_disabled").exists()
    # Due retries of a switched-off endpoint wait; switching it on again gives a fresh start.
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert webhook_deliver_due.enqueue().return_value == 0
    services.webhook_subscription_update(actor=maria, subscription=subscription, is_active=True)
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.consecutive_failures == 0


def test_disabled_email_is_in_the_owners_language(
    settings, maria, alice_case, receiver, django_capture_on_commit_callbacks
):
    maria.locale = "de"
    maria.save(update_fields=["locale"])
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 1
    receiver.statuses = [500]
    subscribe(receiver, maria, ["message.added"])
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    assert "abgeschaltet" in mail.outbox[0].subject


def test_manager_redelivers_from_the_delivery_log(maria, alice_case, receiver, django_capture_on_commit_callbacks):
    subscription = subscribe(receiver, maria, ["message.added"])
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get()
    page = client_for(maria).get(reverse("console:webhook_detail", args=[subscription.pk]))
    assert "200" in page.content.decode() and "message.added" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(maria).post(reverse("console:webhook_redeliver", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.state == "succeeded"
    assert receiver.signed_events() == ["message.added", "message.added"]


def test_signature_is_stripe_style_and_rejects_tampering_and_old_timestamps():
    body = b'{"id":"1"}'
    header = signature_header(secret="whsec_x", body=body, timestamp=1_700_000_000)
    assert header.startswith("t=1700000000,v1=") and len(header.split("v1=")[1]) == 64
    fresh = signature_header(secret="whsec_x", body=body)
    assert signature_verify(secret="whsec_x", body=body, header=fresh)
    assert not signature_verify(secret="whsec_x", body=body + b" ", header=fresh)
    assert not signature_verify(secret="whsec_y", body=body, header=fresh)
    assert not signature_verify(secret="whsec_x", body=body, header=header)  # replayed: too old
    assert not signature_verify(secret="whsec_x", body=body, header="garbage")


# --- the console page -------------------------------------------------------------------------


def test_manager_subscribes_in_the_console_and_sees_the_secret_once(maria):
    response = client_for(maria).post(
        reverse("console:webhook_list"), {"url": "https://hooks.example.com/caselog", "events": ["case.created"]}
    )
    assert response.status_code == 200
    secret = response.context["created"]["secret"]
    assert secret.startswith("whsec_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    subscription = WebhookSubscription.objects.get()
    assert subscription.owner == maria and subscription.events == ["case.created"]
    assert secret not in client_for(maria).get(reverse("console:webhook_list")).content.decode()
    assert (
        secret not in client_for(maria).get(reverse("console:webhook_detail", args=[subscription.pk])).content.decode()
    )
    assert AuditEvent.objects.filter(action="api.webhook_create").exists()


def test_console_form_shows_errors_next_to_the_fields(maria):
    response = client_for(maria).post(reverse("console:webhook_list"), {"url": "ftp://nope", "events": []})
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"url", "events"}


def test_manager_switches_off_and_deletes_an_endpoint(maria):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    client = client_for(maria)
    client.post(reverse("console:webhook_toggle", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert client.post(reverse("console:webhook_delete", args=[subscription.pk])).status_code == 302
    assert not WebhookSubscription.objects.exists()


def test_another_manager_and_customers_get_404(maria, charlie, en_department):
    from caselog.accounts.models import Role
    from caselog.cases.tests.factories import agent_create

    other_manager = agent_create(departments=[en_department], languages=["en"], role=Role.MANAGER)
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="case.created", event_id="00000000-0000-0000-0000-000000000001", payload={}
    )
    for user in (other_manager, charlie):
        client = client_for(user)
        assert client.get(reverse("console:webhook_detail", args=[subscription.pk])).status_code == 404
        assert client.post(reverse("console:webhook_toggle", args=[subscription.pk])).status_code == 404
        assert client.post(reverse("console:webhook_delete", args=[subscription.pk])).status_code == 404
        assert client.post(reverse("console:webhook_redeliver", args=[delivery.pk])).status_code == 404
    assert client_for(charlie).get(reverse("console:webhook_list")).status_code == 404
    assert subscription.url not in client_for(other_manager).get(reverse("console:webhook_list")).content.decode()


@pytest.mark.parametrize(("language", "heading"), [("de", "Webhooks"), ("ru", "Вебхуки")])
def test_console_pages_are_translated(maria, language, heading):
    maria.locale = language
    maria.save(update_fields=["locale"])
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    client = client_for(maria)
    page = client.get(reverse("console:webhook_list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert heading in page
    detail = client.get(reverse("console:webhook_detail", args=[subscription.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert {"de": "Zustellprotokoll", "ru": "Журнал доставки"}[language] in detail.content.decode()


def test_webhook_console_pages_use_few_queries(maria, django_assert_max_num_queries):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    for number in range(30):
        WebhookDelivery.objects.create(
            subscription=subscription,
            event="case.created",
            event_id=f"00000000-0000-0000-0000-{number:012d}",
            payload={},
        )
    client = client_for(maria)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("console:webhook_detail", args=[subscription.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("console:webhook_list")).status_code == 200


# --- the API ------------------------------------------------------------------------------------


def api(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_api_creates_lists_changes_and_deletes_subscriptions(maria, client):
    token = token_for(maria, "webhooks:manage")
    created = client.post(
        "/api/v1/webhooks",
        {"url": "https://hooks.example.com/a", "events": ["case.created", "refund.state_changed"]},
        content_type="application/json",
        **api(token),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["is_active"] is True
    pk = body["id"]
    listed = client.get("/api/v1/webhooks", **api(token)).json()
    assert [item["id"] for item in listed["items"]] == [pk] and "secret" not in listed["items"][0]
    changed = client.patch(
        f"/api/v1/webhooks/{pk}", {"events": ["case.solved"]}, content_type="application/json", **api(token)
    )
    assert changed.status_code == 200 and changed.json()["events"] == ["case.solved"]
    assert client.get(f"/api/v1/webhooks/{pk}/deliveries", **api(token)).json() == {"items": [], "next_cursor": None}
    assert client.delete(f"/api/v1/webhooks/{pk}", **api(token)).status_code == 204
    assert client.get(f"/api/v1/webhooks/{pk}", **api(token)).status_code == 404


def test_api_rejects_a_bad_url_and_unknown_events_with_field_errors(maria, client):
    token = token_for(maria, "webhooks:manage")
    bad_url = client.post(
        "/api/v1/webhooks",
        {"url": "javascript:alert(1)", "events": ["case.created"]},
        content_type="application/json",
        **api(token),
    )
    assert bad_url.status_code == 422 and "url" in bad_url.json()["error"]["fields"]
    bad_event = client.post(
        "/api/v1/webhooks",
        {"url": "https://x.example.com", "events": ["case.eaten"]},
        content_type="application/json",
        **api(token),
    )
    assert bad_event.status_code == 422 and "events.0" in bad_event.json()["error"]["fields"]


def test_api_needs_the_webhooks_scope(maria, client):
    token = token_for(maria, "cases:read")
    response = client.get("/api/v1/webhooks", **api(token))
    assert response.status_code == 403 and response.json()["error"]["code"] == "insufficient_scope"


def test_api_another_owners_subscription_is_404(maria, bob, client):
    bob.user_permissions.add(Permission.objects.get(codename="manage_apitoken"))
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="case.created", event_id="00000000-0000-0000-0000-000000000001", payload={}
    )
    token = token_for(bob, "webhooks:manage")
    assert client.get(f"/api/v1/webhooks/{subscription.pk}", **api(token)).status_code == 404
    assert client.delete(f"/api/v1/webhooks/{subscription.pk}", **api(token)).status_code == 404
    assert client.get(f"/api/v1/webhooks/{subscription.pk}/deliveries", **api(token)).status_code == 404
    assert client.post(f"/api/v1/webhooks/deliveries/{delivery.pk}/redeliver", **api(token)).status_code == 404
    assert client.get("/api/v1/webhooks", **api(token)).json()["items"] == []


def test_api_token_of_a_user_without_the_permission_cannot_subscribe(bob, client):
    token = token_for(bob, "webhooks:manage")
    response = client.post(
        "/api/v1/webhooks",
        {"url": "https://x.example.com", "events": ["case.created"]},
        content_type="application/json",
        **api(token),
    )
    assert response.status_code == 404


def test_api_delivery_log_pages_with_a_cursor(maria, client):
    subscription, _secret = services.webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    for number in range(5):
        WebhookDelivery.objects.create(
            subscription=subscription,
            event="case.created",
            event_id=f"00000000-0000-0000-0000-{number:012d}",
            payload={},
        )
    token = token_for(maria, "webhooks:manage")
    seen, cursor = [], ""
    while True:
        page = client.get(
            f"/api/v1/webhooks/{subscription.pk}/deliveries", {"limit": 2, "cursor": cursor}, **api(token)
        ).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 5


def test_api_subscription_list_pages_with_a_cursor(maria, client):
    made = [
        services.webhook_subscription_create(
            actor=maria, url=f"https://hooks.example.com/{number}", events=["case.created"]
        )[0].pk
        for number in range(5)
    ]
    token = token_for(maria, "webhooks:manage")
    seen, cursor = [], ""
    while True:
        page = client.get("/api/v1/webhooks", {"limit": 2, "cursor": cursor}, **api(token)).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert seen == sorted(made, reverse=True)
    assert client.get("/api/v1/webhooks", {"cursor": "nope"}, **api(token)).status_code == 400


def test_api_redelivers_through_the_worker(maria, alice_case, receiver, client, django_capture_on_commit_callbacks):
    subscribe(receiver, maria, ["message.added"])
    with django_capture_on_commit_callbacks(execute=True):
        case_add_note(case=alice_case, author=maria, body="note")
    delivery = WebhookDelivery.objects.get()
    token = token_for(maria, "webhooks:manage")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/webhooks/deliveries/{delivery.pk}/redeliver", **api(token))
    assert response.status_code == 202
    assert receiver.signed_events() == ["message.added", "message.added"]


# --- other events ---------------------------------------------------------------------------------


def test_refund_issued_is_announced(maria, alice, receiver, django_capture_on_commit_callbacks):
    from caselog.store.models import Purchase
    from caselog.store.services import refund_issue
    from caselog.store.tests.factories import PurchaseFactory

    purchase = PurchaseFactory(customer=alice, source=Purchase.Source.CARD, amount=10, card_last4="4242")
    subscribe(receiver, maria, ["refund.state_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        refund_issue(agent=maria, purchase=purchase)
    data = receiver.received[0]["json"]["data"]
    assert receiver.signed_events() == ["refund.state_changed"]
    assert data["order_number"] == purchase.order_number and data["state"] == "processing"


# --- housekeeping -------------------------------------------------------------------------------


def test_old_idempotency_keys_are_pruned(maria):
    from caselog.api.models import ApiToken

    token_for(maria, "cases:write")
    token = ApiToken.objects.get()
    for key in ("old", "new"):
        IdempotentRequest.objects.create(
            token=token, key=key, request_hash="h", status_code=201, response_body={}, response_hash="h"
        )
    IdempotentRequest.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=2))
    assert services.idempotency_keys_prune() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]


def test_housekeeping_is_scheduled(settings):
    paths = [path for path, _every, _kwargs in settings.PERIODIC_TASKS]
    assert "caselog.api.tasks.webhook_deliver_due" in paths and "caselog.api.tasks.api_housekeeping" in paths


def test_api_subscribe_with_an_idempotency_key_creates_once(maria, client):
    token = token_for(maria, "webhooks:manage")
    payload = {"url": "https://hooks.example.com/once", "events": ["case.created"]}
    answers = [
        client.post(
            "/api/v1/webhooks", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="sub-1", **api(token)
        )
        for _try in range(2)
    ]
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert WebhookSubscription.objects.count() == 1


def test_every_webhook_event_is_a_domain_event_kind():
    from caselog.api.models import WebhookEvent
    from caselog.core.events import event_kinds

    assert set(WebhookEvent.values) <= set(event_kinds())
