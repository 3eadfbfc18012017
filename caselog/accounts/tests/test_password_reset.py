from __future__ import annotations

import re
import statistics
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from caselog.accounts.models import AccountChange, SecurityLock
from caselog.accounts.tests.conftest import client_from, sign_in
from caselog.accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Pass-77"


def reset_link(outbox_index: int = -1) -> str:
    match = re.search(r"http://[^/]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)", str(mail.outbox[outbox_index].body))
    assert match, mail.outbox[outbox_index].body
    return match.group(1)


def ask_reset(client: Client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


def use_link(client: Client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    return client.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_reset_request_gets_the_same_answer_whether_or_not_the_email_has_an_account(alice):
    known = ask_reset(Client(), alice.email)
    unknown = ask_reset(Client(), "nobody-here@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_reset_request_takes_similar_time_whether_or_not_the_email_has_an_account(alice, settings):
    # The request only queues a task; measure with the real database queue (no worker runs).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client = Client()
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for _ in range(15):
        for kind, email in (("known", alice.email), ("unknown", "nobody-here@example.com")):
            started = time.perf_counter()
            ask_reset(client, email)
            timings[kind].append(time.perf_counter() - started)
    known, unknown = statistics.median(timings["known"]), statistics.median(timings["unknown"])
    assert abs(known - unknown) < max(known, unknown) * 0.5 + 0.005
    assert mail.outbox == []


def test_reset_link_lets_the_owner_choose_a_new_password_and_sign_in(alice):
    ask_reset(Client(), alice.email)
    response = use_link(Client(), reset_link())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/complete/"
    assert sign_in(client_from("192.0.2.1"), alice.email, NEW_PASSWORD).status_code == 302
    assert AccountChange.objects.filter(user=alice, field="password", source="reset").exists()


def test_reset_link_works_only_once(alice):
    ask_reset(Client(), alice.email)
    link = reset_link()
    use_link(Client(), link)
    second = Client().get(link, follow=True)
    assert "This link no longer works" in second.content.decode()


def test_reset_link_expires(alice, settings):
    ask_reset(Client(), alice.email)
    link = reset_link()
    from django.contrib.auth.tokens import default_token_generator

    later = default_token_generator._now() + __import__("datetime").timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 5
    )
    with mock.patch.object(default_token_generator, "_now", return_value=later):
        response = Client().get(link, follow=True)
    assert "This link no longer works" in response.content.decode()


def test_reset_link_dies_when_the_password_changes_another_way(alice):
    ask_reset(Client(), alice.email)
    link = reset_link()
    alice.set_password("Changed-Elsewhere-9")
    alice.save()
    assert "This link no longer works" in Client().get(link, follow=True).content.decode()


def test_tampered_reset_link_is_refused(alice):
    ask_reset(Client(), alice.email)
    link = reset_link()
    assert "This link no longer works" in Client().get(link[:-3] + "zz/", follow=True).content.decode()
    assert (
        "This link no longer works"
        in Client().get("/accounts/password/reset/!!/abc-def/", follow=True).content.decode()
    )


def test_every_broken_rule_is_shown_next_to_the_new_password_and_nothing_is_saved(alice):
    ask_reset(Client(), alice.email)
    client = Client()
    form_page = client.get(reset_link(), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "aaa", "new_password2": "aaa"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_new_password1_errors"' in html
    for message in (
        "Use at least 8 characters.",
        "Include at least one digit.",
        "Include at least one uppercase letter.",
        "Do not repeat a character 3 times in a row.",
    ):
        assert message in html
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)


def test_reset_refuses_the_current_password(alice):
    ask_reset(Client(), alice.email)
    response = use_link(Client(), reset_link(), password=DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "Do not reuse any of your last 5 passwords." in response.content.decode()


def test_reset_errors_are_in_the_users_language(alice):
    ask_reset(Client(), alice.email)
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    form_page = client.get(reset_link(), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "kurz", "new_password2": "kurz"})
    assert "Ziffer" in response.content.decode()


def test_locked_out_owner_resets_and_signs_in_from_a_new_device_despite_the_flood(alice, settings):
    for n in range(settings.ACCOUNT_LOCKOUT_FAILURES * 3):
        sign_in(client_from(f"203.0.{n}.9"), alice.email, "Wrong-Guess-1")
    assert SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    ask_reset(client_from("203.0.1.9"), alice.email)
    use_link(Client(), reset_link())
    assert not SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    assert sign_in(client_from("192.0.2.44"), alice.email, NEW_PASSWORD).status_code == 302


def test_reset_emails_to_one_address_are_capped_per_hour_but_the_answer_stays_the_same(alice, settings):
    for _ in range(settings.PASSWORD_RESET_EMAILS_PER_HOUR + 3):
        assert ask_reset(Client(), alice.email).status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAILS_PER_HOUR


def test_malformed_reset_request_is_shown_next_to_the_field(db):
    response = Client().post("/accounts/password/reset/", {"email": "not-an-email"})
    assert response.status_code == 422
    assert "has-error" in response.content.decode()
