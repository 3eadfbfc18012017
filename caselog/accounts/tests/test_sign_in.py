from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from caselog.accounts.models import AccountChange, KnownDevice, SecurityLock, SignInAttempt
from caselog.accounts.services import _progressive_wait
from caselog.accounts.tests.conftest import client_from, sign_in
from caselog.accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_client(alice) -> Client:
    """alice's own laptop: it signed in once, so it holds the signed device cookie."""
    client = client_from("198.51.100.7")
    assert sign_in(client, alice.email, DEFAULT_PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    mail.outbox.clear()
    return client


def flood(email: str, *, count: int, networks: int = 50) -> None:
    """Wrong passwords from many networks, each a fresh client without cookies."""
    for n in range(count):
        sign_in(client_from(f"203.0.{n % networks}.9"), email, "Wrong-Guess-1")


def test_customer_signs_in_with_the_right_password(alice):
    client = client_from("198.51.100.7")
    response = sign_in(client, alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert "caselog_device" in response.cookies


def test_email_is_matched_whatever_its_case(alice):
    assert sign_in(client_from("198.51.100.7"), "ALICE@Example.com", DEFAULT_PASSWORD).status_code == 302


def test_wrong_password_shows_the_error_and_keeps_the_email(alice):
    response = sign_in(client_from("198.51.100.7"), alice.email, "nope")
    assert response.status_code == 422
    assert "The email or the password is wrong." in response.content.decode()
    assert 'value="alice@example.com"' in response.content.decode()


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(alice):
    response = sign_in(client_from("198.51.100.7"), "nobody@example.com", "nope")
    assert response.status_code == 422
    assert "The email or the password is wrong." in response.content.decode()


def test_empty_or_malformed_input_is_a_form_error_not_a_crash(db):
    client = client_from("198.51.100.7")
    assert client.post("/accounts/login/", {}).status_code == 422
    assert client.post("/accounts/login/", {"email": "x" * 5000, "password": "y"}).status_code == 422


def test_first_sign_in_from_a_new_device_emails_an_alert_and_the_next_does_not(alice):
    client = client_from("198.51.100.7")
    sign_in(client, alice.email, DEFAULT_PASSWORD)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "/accounts/password/" in mail.outbox[0].body
    client.post("/accounts/logout/")
    sign_in(client, alice.email, DEFAULT_PASSWORD)
    assert len(mail.outbox) == 1
    assert KnownDevice.objects.filter(user=alice).count() == 1


def test_alert_is_in_the_customers_language(alice):
    sign_in(client_from("198.51.100.7"), alice.email, DEFAULT_PASSWORD)
    assert "Новое устройство" in mail.outbox[0].subject


def test_next_must_stay_on_this_site(alice):
    client = client_from("198.51.100.7")
    response = client.post(
        "/accounts/login/", {"email": alice.email, "password": DEFAULT_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_account_is_disabled_after_too_many_wrong_passwords_from_unknown_clients(alice, settings):
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES)
    assert SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    assert AccountChange.objects.filter(user=alice, field="security_lock", new_value="locked").exists()
    locked_mail = mail.outbox[-1]
    assert locked_mail.to == ["alice@example.com"]
    assert "/accounts/password/reset/" in locked_mail.body


def test_one_failure_short_of_the_limit_does_not_lock(alice, settings):
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES - 1)
    assert not SecurityLock.objects.filter(user=alice).exists()


def test_a_success_starts_the_count_again(alice, settings):
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES - 1)
    assert sign_in(client_from("198.51.100.7"), alice.email, DEFAULT_PASSWORD).status_code == 302
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES - 1)
    assert not SecurityLock.objects.filter(user=alice).exists()


def test_locked_account_refuses_even_the_right_password_from_an_unknown_device(alice, settings):
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES)
    response = sign_in(client_from("192.0.2.80"), alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "disabled for security reasons" in response.content.decode()
    assert "/accounts/password/reset/?email=alice%40example.com" in response.content.decode()


def test_flood_from_many_networks_does_not_stop_the_owner_on_a_known_device(alice, known_client, settings):
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES * 5)
    assert SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    response = sign_in(known_client, alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert known_client.session["_auth_user_id"] == str(alice.pk)


def test_flood_from_the_owners_own_network_does_not_stop_the_known_device(alice, known_client, settings):
    for _ in range(settings.ACCOUNT_LOCKOUT_FAILURES * 2):
        sign_in(client_from("198.51.100.99"), alice.email, "Wrong-Guess-1")
    assert sign_in(known_client, alice.email, DEFAULT_PASSWORD).status_code == 302


def test_known_device_has_its_own_allowance_and_does_not_lock_the_account(alice, known_client, settings):
    for _ in range(settings.KNOWN_DEVICE_FREE_FAILURES):
        sign_in(known_client, alice.email, "Typo-Pass-1")
    assert not SecurityLock.objects.filter(user=alice).exists()
    response = sign_in(known_client, alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 429


def test_forged_device_cookie_counts_as_no_device(alice, known_client, settings):
    forged = client_from("203.0.113.5")
    forged.cookies["caselog_device"] = known_client.cookies["caselog_device"].value[:-3] + "abc"
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES)
    response = sign_in(forged, alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "disabled for security reasons" in response.content.decode()


def test_a_device_cookie_of_another_account_does_not_make_the_device_known(alice, charlie, settings):
    charlies_browser = client_from("198.51.100.50")
    sign_in(charlies_browser, charlie.email, DEFAULT_PASSWORD)
    charlies_browser.post("/accounts/logout/")
    flood(alice.email, count=settings.ACCOUNT_LOCKOUT_FAILURES)
    assert "disabled for security reasons" in sign_in(charlies_browser, alice.email, DEFAULT_PASSWORD).content.decode()


def test_unknown_network_is_throttled_progressively_after_its_free_failures(alice, settings):
    attacker = client_from("203.0.113.5")
    for _ in range(settings.SIGNIN_NETWORK_FREE_FAILURES):
        assert sign_in(attacker, alice.email, "Wrong-Guess-1").status_code == 422
    response = sign_in(attacker, alice.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Try again in" in response.content.decode()
    # While throttled, even the right password is not checked, so a guess costs nothing but time.
    assert SignInAttempt.objects.filter(network="203.0.113.0/24").count() == settings.SIGNIN_NETWORK_FREE_FAILURES


def test_throttle_lifts_once_the_delay_has_passed(alice, settings):
    attacker = client_from("203.0.113.5")
    for _ in range(settings.SIGNIN_NETWORK_FREE_FAILURES):
        sign_in(attacker, alice.email, "Wrong-Guess-1")
    SignInAttempt.objects.update(created_at=timezone.now() - settings.SIGNIN_THROTTLE_BASE_DELAY - timedelta(seconds=1))
    assert sign_in(attacker, alice.email, "Wrong-Guess-1").status_code == 422
    assert sign_in(attacker, alice.email, "Wrong-Guess-1").status_code == 429


def test_throttle_does_not_touch_other_networks(alice, settings):
    for _ in range(settings.SIGNIN_NETWORK_FREE_FAILURES + 3):
        sign_in(client_from("203.0.113.5"), alice.email, "Wrong-Guess-1")
    assert sign_in(client_from("192.0.2.10"), alice.email, DEFAULT_PASSWORD).status_code == 302


def test_throttle_delay_doubles_and_is_capped(settings):
    now = timezone.now()
    free = 5
    waits = [_progressive_wait(failures=free + n, last_failure=now, free=free, now=now) for n in range(4)]
    assert waits == [settings.SIGNIN_THROTTLE_BASE_DELAY * factor for factor in (1, 2, 4, 8)]
    assert _progressive_wait(failures=500, last_failure=now, free=free, now=now) == settings.SIGNIN_THROTTLE_MAX_DELAY
    assert _progressive_wait(failures=free - 1, last_failure=now, free=free, now=now) == timedelta(0)


def test_ipv6_clients_are_grouped_by_their_64_network(alice, settings):
    for n in range(settings.SIGNIN_NETWORK_FREE_FAILURES):
        sign_in(client_from(f"2001:db8:1:2::{n + 1}"), alice.email, "Wrong-Guess-1")
    assert sign_in(client_from("2001:db8:1:2::ffff"), alice.email, DEFAULT_PASSWORD).status_code == 429


def test_sign_in_page_renders_for_anonymous_visitors(db):
    response = Client().get("/accounts/login/?next=/help/")
    assert response.status_code == 200
    assert 'name="next" value="/help/"' in response.content.decode()


def test_admin_sign_in_goes_through_the_lockout_protected_form(db):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
