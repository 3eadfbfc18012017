from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from caselog.accounts.models import AccountChange, IdentityCheck, SecurityLock
from caselog.accounts.services import (
    account_change_revert,
    identity_check_confirm,
    identity_check_start,
    identity_verified,
    user_change_email,
)
from caselog.audit.models import AuditEvent
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_on_record(alice):
    alice.first_name, alice.last_name, alice.phone = "Alisa", "Petrova", "+7 916 123-45-67"
    alice.save()
    return alice


def emailed_code() -> str:
    match = re.search(r"^\s+(\d{6})\s*$", str(mail.outbox[-1].body), re.MULTILINE)
    assert match, mail.outbox[-1].body
    return match.group(1)


def verify(agent, user, send_to: str | None = None) -> IdentityCheck:
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = identity_check_start(
            agent=agent, user=user, full_name="alisa  PETROVA", phone="8 (916) 123 45 67", send_to=send_to or user.email
        )
    return identity_check_confirm(agent=agent, check=check, code=emailed_code())


def test_right_answers_send_a_one_time_code_to_the_mailbox_on_record(bob, alice_on_record):
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = identity_check_start(
            agent=bob,
            user=alice_on_record,
            full_name="Alisa Petrova",
            phone="+79161234567",
            send_to="alice@example.com",
        )
    assert mail.outbox[-1].to == ["alice@example.com"]
    assert check.state == IdentityCheck.State.CODE_SENT
    assert emailed_code() not in str(IdentityCheck.objects.values().get(pk=check.pk))


def test_caller_reading_back_the_code_is_verified_for_this_agent_only(bob, dora, alice_on_record):
    verify(bob, alice_on_record)
    assert identity_verified(agent=bob, user=alice_on_record) is not None
    assert identity_verified(agent=dora, user=alice_on_record) is None


def test_wrong_answers_send_no_code_and_are_rate_limited_and_audited(bob, alice_on_record, settings):
    for _ in range(settings.IDENTITY_QUESTION_MAX_FAILURES):
        with pytest.raises(ValidationError):
            identity_check_start(
                agent=bob, user=alice_on_record, full_name="Someone Else", phone="", send_to=alice_on_record.email
            )
    with pytest.raises(ValidationError) as error:
        identity_check_start(
            agent=bob,
            user=alice_on_record,
            full_name="Alisa Petrova",
            phone="+79161234567",
            send_to=alice_on_record.email,
        )
    assert error.value.code == "rate_limited"
    assert mail.outbox == []
    assert (
        AuditEvent.objects.filter(action="account.identity_questions").count()
        == settings.IDENTITY_QUESTION_MAX_FAILURES
    )


def test_code_cannot_go_to_an_address_the_account_never_had(bob, alice_on_record):
    with pytest.raises(ValidationError):
        identity_check_start(
            agent=bob,
            user=alice_on_record,
            full_name="Alisa Petrova",
            phone="+79161234567",
            send_to="attacker@example.net",
        )


def test_after_a_takeover_the_code_can_go_to_the_owners_previous_address(bob, alice_on_record):
    user_change_email(user=alice_on_record, new_email="attacker@example.net")
    check = verify(bob, alice_on_record, send_to="alice@example.com")
    assert check.state == IdentityCheck.State.VERIFIED
    assert mail.outbox[-1].to == ["alice@example.com"]


def test_wrong_codes_void_the_check_after_the_limit(bob, alice_on_record, settings):
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = identity_check_start(
            agent=bob,
            user=alice_on_record,
            full_name="Alisa Petrova",
            phone="+79161234567",
            send_to=alice_on_record.email,
        )
    right = emailed_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.IDENTITY_CODE_MAX_ATTEMPTS):
        with pytest.raises(ValidationError):
            identity_check_confirm(agent=bob, check=check, code=wrong)
    with pytest.raises(ValidationError):
        identity_check_confirm(agent=bob, check=check, code=right)
    assert identity_verified(agent=bob, user=alice_on_record) is None


def test_expired_code_is_refused(bob, alice_on_record):
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = identity_check_start(
            agent=bob,
            user=alice_on_record,
            full_name="Alisa Petrova",
            phone="+79161234567",
            send_to=alice_on_record.email,
        )
    IdentityCheck.objects.filter(pk=check.pk).update(expires_at=timezone.now())
    with pytest.raises(ValidationError):
        identity_check_confirm(agent=bob, check=check, code=emailed_code())


def test_revert_needs_a_verified_caller(bob, alice_on_record):
    user_change_email(user=alice_on_record, new_email="attacker@example.net")
    change = AccountChange.objects.get(user=alice_on_record, field="email")
    with pytest.raises(PermissionDenied):
        account_change_revert(agent=bob, change=change)


def test_agent_reverts_a_takeover_email_change_and_the_revert_is_audited(bob, alice_on_record):
    user_change_email(user=alice_on_record, new_email="attacker@example.net")
    change = AccountChange.objects.get(user=alice_on_record, field="email")
    verify(bob, alice_on_record, send_to="alice@example.com")
    revert = account_change_revert(agent=bob, change=change)
    alice_on_record.refresh_from_db()
    assert alice_on_record.email == "alice@example.com"
    assert (revert.source, revert.reverts) == (AccountChange.Source.REVERT, change)
    event = AuditEvent.objects.get(action="account.change_revert")
    assert (event.before["email"], event.after["email"]) == ("attacker@example.net", "alice@example.com")


def test_revert_of_a_field_that_changed_again_is_refused(bob, alice_on_record):
    user_change_email(user=alice_on_record, new_email="first@example.net")
    first = AccountChange.objects.get(user=alice_on_record, new_value="first@example.net")
    user_change_email(user=alice_on_record, new_email="second@example.net")
    verify(bob, alice_on_record)
    with pytest.raises(ValidationError):
        account_change_revert(agent=bob, change=first)


def test_console_flow_verify_then_revert(bob, alice_on_record, alice_dispute_case):
    user_change_email(user=alice_on_record, new_email="attacker@example.net")
    change = AccountChange.objects.get(user=alice_on_record, field="email")
    client = client_for(bob)
    base = f"/store/console/{alice_dispute_case.number}/account"
    refused = client.post(f"{base}/revert/", {"change": change.pk})
    assert refused.status_code == 422
    assert not AccountChange.objects.filter(source="revert").exists()
    client.post(
        f"{base}/verify/",
        {
            "caller-full_name": "Alisa Petrova",
            "caller-phone": "+7 916 123 45 67",
            "caller-send_to": "alice@example.com",
        },
    )
    response = client.post(f"{base}/verify/code/", {"code-code": emailed_code()})
    assert response.status_code == 302
    assert client.post(f"{base}/revert/", {"change": change.pk}).status_code == 302
    alice_on_record.refresh_from_db()
    assert alice_on_record.email == "alice@example.com"


def test_console_questions_form_keeps_answers_and_shows_the_error(bob, alice_on_record, alice_dispute_case):
    client = client_for(bob)
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/store/console/{alice_dispute_case.number}/account/verify/",
        {"caller-full_name": "Ivan Wrong", "caller-phone": "", "caller-send_to": "alice@example.com"},
    )
    assert response.status_code == 422
    assert "The answers do not match the account." in response.content.decode()
    assert 'value="Ivan Wrong"' in response.content.decode()


def test_agent_unlocks_sign_in_and_sends_a_reset_link_audited(bob, alice, alice_dispute_case):
    SecurityLock.objects.create(user=alice, locked_at=timezone.now())
    client = client_for(bob)
    assert client.post(f"/store/console/{alice_dispute_case.number}/account/unlock/").status_code == 302
    assert not SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()
    assert (
        client.post(
            f"/store/console/{alice_dispute_case.number}/account/reset-link/", HTTP_HX_REQUEST="true"
        ).status_code
        == 200
    )
    assert mail.outbox[-1].to == ["alice@example.com"]
    assert {"account.unlock", "account.send_reset_link"} <= set(AuditEvent.objects.values_list("action", flat=True))


def test_agent_changes_the_email_for_a_verified_caller(bob, alice_on_record, alice_dispute_case):
    client = client_for(bob)
    url = f"/store/console/{alice_dispute_case.number}/account/email/"
    assert client.post(url, {"account-email": "alisa@example.org"}).status_code == 422
    alice_on_record.refresh_from_db()
    assert alice_on_record.email == "alice@example.com"
    verify(bob, alice_on_record)
    assert client.post(url, {"account-email": "alisa@example.org"}).status_code == 302
    alice_on_record.refresh_from_db()
    assert alice_on_record.email == "alisa@example.org"
    assert AccountChange.objects.filter(user=alice_on_record, field="email", source="agent").exists()


@pytest.mark.parametrize("path", ["verify/", "verify/code/", "unlock/", "reset-link/", "revert/", "email/"])
def test_agent_of_another_department_gets_404_on_account_actions(dora, alice, alice_dispute_case, path):
    assert client_for(dora).post(f"/store/console/{alice_dispute_case.number}/account/{path}").status_code == 404


@pytest.mark.parametrize("path", ["verify/", "unlock/", "reset-link/"])
def test_customer_gets_404_on_account_actions(charlie, alice_dispute_case, path):
    assert client_for(charlie).post(f"/store/console/{alice_dispute_case.number}/account/{path}").status_code == 404


def test_an_email_change_by_an_agent_and_its_revert_tell_the_old_and_the_new_address(bob, alice_on_record):
    # Found trying it: neither address heard of an agent's change or of its revert.
    from caselog.accounts.services import account_email_change_by_agent

    verify(bob, alice_on_record, send_to="alice@example.com")
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        account_email_change_by_agent(agent=bob, user=alice_on_record, new_email="alisa.new@example.com")
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "alisa.new@example.com"]
    assert all("alice@example.com" in m.body and "alisa.new@example.com" in m.body for m in mail.outbox)
    change = AccountChange.objects.get(user=alice_on_record, new_value="alisa.new@example.com")
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        account_change_revert(agent=bob, change=change)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "alisa.new@example.com"]
    # In the customer's own language (alice reads Russian).
    assert all(m.extra_headers.get("Content-Language") == alice_on_record.locale for m in mail.outbox)
