"""Mail settings edited in the admin are audited like every other admin change."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory
from caselog.audit.models import AuditEvent
from caselog.mail.admin import MailboxAdmin
from caselog.mail.models import BouncedAddress, Mailbox
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_deleting_a_bounce_in_the_admin_is_audited_with_its_values():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    bounce = BouncedAddress.objects.create(email="gone@example.com", bounces=3, last_bounced_at=timezone.now())
    response = client_for(superuser).post(
        reverse("admin:mail_bouncedaddress_delete", args=[bounce.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="mail.bouncedaddress_delete", target_id=str(bounce.pk))
    assert event.actor == superuser
    assert event.before["email"] == "gone@example.com" and event.before["bounces"] == 3


def test_a_mailbox_password_never_reaches_the_audit_trail():
    snapshot = MailboxAdmin(Mailbox, admin.site).audit_snapshot(
        Mailbox(name="Support", address="support@example.com", imap_password="hunter2")
    )
    assert snapshot["address"] == "support@example.com"
    assert "imap_password" not in snapshot
