"""A customer locked out by a flood of wrong passwords gets back in within minutes: the sign-in
page says why and offers the reset; the emailed link sets a new password that must follow the
policy; then the customer signs in from this new device."""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail

from caselog.accounts.models import SecurityLock
from caselog.accounts.tests.conftest import client_from, sign_in
from caselog.accounts.tests.factories import DEFAULT_PASSWORD
from caselog.core.tests.browser import chromium

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Morning-Coffee-24"


def test_locked_out_customer_resets_the_password_through_the_emailed_link_and_signs_in(live_server, alice, settings):
    for n in range(settings.ACCOUNT_LOCKOUT_FAILURES):
        sign_in(client_from(f"203.0.{n}.9"), alice.email, "Wrong-Guess-1")
    assert SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    mail.outbox.clear()

    with chromium() as browser:
        page = browser.new_context(locale="ru-RU").new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_email", alice.email)
        page.fill("#id_password", DEFAULT_PASSWORD)
        page.click("button[type=submit]")
        alert = page.locator("[role=alert]")
        assert "отключена в целях безопасности" in alert.inner_text()

        page.click("a.button[href*='/accounts/password/reset/']")
        assert page.input_value("#id_email") == alice.email
        page.click("button[type=submit]")
        page.wait_for_url("**/accounts/password/reset/sent/")
        assert "Проверьте почту" in page.inner_text("h1")

        link = re.search(r"http://[^/\s]+(/accounts/password/reset/\S+/\S+/)", str(mail.outbox[-1].body))
        assert link, mail.outbox[-1].body
        page.goto(live_server.url + link.group(1))
        page.fill("#id_new_password1", "aaa")
        page.fill("#id_new_password2", "aaa")
        page.click("button[type=submit]")
        errors = page.inner_text("#id_new_password1_errors")
        assert "цифру" in errors and "3 раза подряд" in errors

        page.fill("#id_new_password1", NEW_PASSWORD)
        page.fill("#id_new_password2", NEW_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/accounts/password/reset/complete/")

        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_email", alice.email)
        page.fill("#id_password", NEW_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        assert alice.email in page.inner_text("header")
        assert not SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
