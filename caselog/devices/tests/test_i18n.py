from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.devices.services import account_service_set
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_russian_agent_sees_the_device_page_in_russian(bob, alice_iphone):
    bob.locale = "ru"
    bob.save(update_fields=["locale"])
    body = client_for(bob).get(reverse("console:device", args=[alice_iphone.serial])).content.decode()
    assert "История обслуживания" in body and "бесплатная поддержка до" in body


def test_german_visitor_sees_the_coverage_page_in_german(client, db):
    client.cookies["django_language"] = "de"
    body = client.get(reverse("devices:coverage"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Wo Sie die Seriennummer finden" in body


def test_customer_is_emailed_in_their_own_language(maria, django_capture_on_commit_callbacks):
    ivan = UserFactory(email="ivan@example.com", locale="ru", roles=[Role.CUSTOMER])
    with django_capture_on_commit_callbacks(execute=True):
        account_service_set(actor=maria, customer=ivan, service="keychain", enabled=False, reason="Взлом")
    assert mail.outbox[-1].subject == "Служба «Связка ключей» отключена для вашей учётной записи"
    assert "Взлом" in mail.outbox[-1].body
