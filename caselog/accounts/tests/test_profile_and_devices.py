from __future__ import annotations

import pytest
from django.test import Client

from caselog.accounts.models import AccountChange, KnownDevice
from caselog.accounts.tests.conftest import client_from, english, sign_in
from caselog.accounts.tests.factories import DEFAULT_PASSWORD
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_customer_sees_their_devices_and_which_one_is_this(alice):
    client = english(client_from("198.51.100.7"))
    sign_in(client, alice.email, DEFAULT_PASSWORD)
    response = client.get("/accounts/devices/")
    assert response.status_code == 200
    assert "this device" in response.content.decode()


def test_customer_removes_a_device_and_its_next_sign_in_alerts_again(alice):
    from django.core import mail

    client = client_from("198.51.100.7")
    sign_in(client, alice.email, DEFAULT_PASSWORD)
    device = KnownDevice.objects.get(user=alice)
    assert client.post(f"/accounts/devices/{device.pk}/remove/").status_code == 302
    assert not KnownDevice.objects.filter(pk=device.pk).exists()
    client.post("/accounts/logout/")
    sign_in(client, alice.email, DEFAULT_PASSWORD)
    assert len(mail.outbox) == 2


def test_another_customer_gets_404_removing_a_device_that_is_not_theirs(alice, charlie):
    sign_in(client_from("198.51.100.7"), alice.email, DEFAULT_PASSWORD)
    device = KnownDevice.objects.get(user=alice)
    assert client_for(charlie).post(f"/accounts/devices/{device.pk}/remove/").status_code == 404
    assert KnownDevice.objects.filter(pk=device.pk).exists()


def test_device_list_shows_no_other_accounts_devices(alice, charlie):
    sign_in(client_from("198.51.100.7"), alice.email, DEFAULT_PASSWORD)
    assert "this device" not in english(client_for(charlie)).get("/accounts/devices/").content.decode()
    assert "No devices yet" in english(client_for(charlie)).get("/accounts/devices/").content.decode()


def test_anonymous_visitor_is_sent_to_sign_in_from_account_pages(db):
    for url in ("/accounts/devices/", "/accounts/profile/", "/accounts/password/", "/accounts/profile/email/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_profile_changes_go_into_the_account_history(alice):
    client = client_for(alice)
    response = client.post(
        "/accounts/profile/",
        {"first_name": "Alisa", "last_name": alice.last_name, "locale": "ru", "phone": "+7 900 000 00 00"},
    )
    assert response.status_code == 302
    changes = {c.field: (c.old_value, c.new_value) for c in AccountChange.objects.filter(user=alice)}
    assert changes["first_name"][1] == "Alisa"
    assert changes["phone"] == ("", "+7 900 000 00 00")
    assert "last_name" not in changes


def test_email_change_needs_the_current_password_and_is_in_the_history(alice):
    client = client_for(alice)
    refused = client.post("/accounts/profile/email/", {"email": "alice.new@example.com", "password": "wrong"})
    assert refused.status_code == 422
    assert 'value="alice.new@example.com"' in refused.content.decode()
    assert (
        client.post(
            "/accounts/profile/email/", {"email": "alice.new@example.com", "password": DEFAULT_PASSWORD}
        ).status_code
        == 302
    )
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"
    change = AccountChange.objects.get(user=alice, field="email")
    assert (change.old_value, change.new_value, change.source) == (
        "alice@example.com",
        "alice.new@example.com",
        "owner",
    )


def test_email_change_to_an_address_in_use_is_refused_next_to_the_field(alice, charlie):
    response = english(client_for(alice)).post(
        "/accounts/profile/email/", {"email": "CHARLIE@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 422
    assert "Another account already uses this email address." in response.content.decode()


def test_password_change_checks_the_current_password_and_the_policy(alice):
    client = english(client_for(alice))
    response = client.post(
        "/accounts/password/", {"old_password": "wrong", "new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "This is not your current password." in html and "Use at least 8 characters." in html
    ok = client.post(
        "/accounts/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Fresh-Pass-2025", "new_password2": "Fresh-Pass-2025"},
    )
    assert ok.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("Fresh-Pass-2025")
    assert client.get("/accounts/profile/").status_code == 200


def test_profile_page_lists_recent_changes(alice):
    client = client_for(alice)
    client.post("/accounts/profile/", {"first_name": "Alisa", "last_name": "Petrova", "locale": "en", "phone": ""})
    assert "Alisa" in client.get("/accounts/profile/").content.decode()
