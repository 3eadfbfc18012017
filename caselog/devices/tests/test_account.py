from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from caselog.audit.models import AuditEvent
from caselog.devices.models import AccessibilityProfile, AccountServiceState
from caselog.devices.selectors import account_services_for, customer_needs_accessibility
from caselog.devices.tests.factories import AccessibilityProfileFactory, AccountContentCountsFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def _switch(user, customer, service="messaging", enabled="0", reason="Account sends spam"):
    return client_for(user).post(
        reverse("console:customer_service", args=[customer.pk]),
        {"service": service, "enabled": enabled, "reason": reason},
    )


def test_agent_switches_messaging_off_with_a_reason_audited_and_emailed(
    bob, alice, alice_iphone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _switch(bob, alice)
    assert response.status_code == 302
    state = AccountServiceState.objects.get(user=alice, service="messaging")
    assert not state.enabled and state.reason == "Account sends spam" and state.changed_by == bob
    audit = AuditEvent.objects.get(action="account.service_off")
    assert audit.actor == bob and audit.after["reason"] == "Account sends spam"
    assert mail.outbox[-1].to == [alice.email]
    assert "Account sends spam" in mail.outbox[-1].body


def test_customer_email_names_the_service(bob, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _switch(bob, alice, service="keychain")
    assert mail.outbox[-1].subject == "Keychain is switched off for your account"


def test_switching_off_without_a_reason_changes_nothing(bob, alice):
    _switch(bob, alice, reason="   ")
    assert not AccountServiceState.objects.exists()


def test_unknown_service_changes_nothing(bob, alice):
    _switch(bob, alice, service="location")
    assert not AccountServiceState.objects.exists()


def test_agent_switches_it_back_on(bob, alice):
    _switch(bob, alice)
    _switch(bob, alice, enabled="1", reason="Customer verified")
    services = {s.service: s.enabled for s in account_services_for(customer=alice)}
    assert services == {"messaging": True, "video_calling": True, "keychain": True}


def test_partner_agent_cannot_switch_services_of_a_customer_they_do_not_see(paul_partner, alice, alice_iphone):
    assert _switch(paul_partner, alice).status_code == 404
    assert not AccountServiceState.objects.exists()


def test_partner_agent_has_no_account_service_actions(paul_partner, charlie, charlie_megafon_iphone):
    _switch(paul_partner, charlie)
    assert not AccountServiceState.objects.exists()


def test_customer_gets_404_on_the_console_customer_page(charlie, alice):
    assert client_for(charlie).get(reverse("console:customer", args=[alice.pk])).status_code == 404


def test_console_customer_page_shows_counts_never_content(bob, alice, alice_iphone, django_assert_max_num_queries):
    AccountContentCountsFactory(user=alice, photos=4821, contacts=312)
    client = client_for(bob)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("console:customer", args=[alice.pk])).content.decode()
    assert re.search(r"4\W?821", body)
    assert "312" in body


def test_customer_records_communication_needs(alice):
    response = client_for(alice).post(
        reverse("devices:accessibility"),
        {"needs": ["hearing"], "contact_modes": ["text_chat", "sign_video"], "note": ""},
    )
    assert response.status_code == 302
    profile = AccessibilityProfile.objects.get(user=alice)
    assert profile.needs == ["hearing"] and profile.contact_modes == ["text_chat", "sign_video"]
    assert customer_needs_accessibility(user=alice)


def test_unknown_need_is_refused_next_to_the_field(alice):
    response = client_for(alice).post(reverse("devices:accessibility"), {"needs": ["telepathy"]})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_customer_without_needs_does_not_need_the_accessibility_queue(alice, charlie):
    AccessibilityProfileFactory(user=charlie, needs=[], contact_modes=["email"])
    assert not customer_needs_accessibility(user=alice)
    assert not customer_needs_accessibility(user=charlie)


def test_agent_sees_the_customers_needs_in_the_console(bob, alice):
    AccessibilityProfileFactory(user=alice, needs=["hearing"], contact_modes=["text_chat"])
    body = client_for(bob).get(reverse("console:customer", args=[alice.pk])).content.decode()
    assert "Deaf or hard of hearing" in body and "Text chat" in body


def test_anonymous_visitor_is_sent_to_sign_in_from_the_needs_page(client, db):
    assert client.get(reverse("devices:accessibility")).status_code == 302


def test_the_reason_field_says_the_customer_is_emailed_it_and_in_which_language(bob, alice):
    # Found trying it: the reason was emailed verbatim with nothing on the form saying so.
    alice.locale = "de"
    alice.save(update_fields=["locale"])
    page = client_for(bob).get(reverse("console:customer", args=[alice.pk])).content.decode()
    reason_label = re.search(r'<label class="small" for="reason-messaging">(.*?)</label>', page, re.S)
    assert reason_label is not None
    with translation.override(bob.locale):
        expected = gettext("emailed to the customer as written; they read %(language)s") % {"language": "Deutsch"}
    assert expected in reason_label.group(1)
