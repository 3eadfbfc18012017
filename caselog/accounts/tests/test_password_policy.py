from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from caselog.accounts.models import PasswordHistory
from caselog.accounts.password_policy import password_policy_rules
from caselog.accounts.tests.factories import UserFactory

GOOD = "Harbour-Lamp-42"


def codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {str(e.code) for e in error.error_list}
    return set()


def test_a_password_that_follows_every_rule_passes():
    assert codes(GOOD) == set()


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab1-xyz", "password_too_short"),
        ("Harbour-Lamp-xx", "password_no_digit"),
        ("harbour-lamp-42", "password_no_upper"),
        ("HARBOUR-LAMP-42", "password_no_lower"),
        ("Harbour-Laaamp-42", "password_repeated_characters"),
        ("Harbour-Lamp-111", "password_repeated_characters"),
        ("Password123", "password_too_common"),
    ],
)
def test_each_broken_rule_is_reported_with_its_own_code(password, code):
    assert code in codes(password)


def test_three_repeats_are_refused_whatever_their_case():
    # Found trying it: "Aaa12345" passed because only identical characters counted.
    assert "password_repeated_characters" in codes("Aaa-Harbour-12")
    assert "password_repeated_characters" in codes("Harbour-LamPpp-12")


def test_two_identical_characters_in_a_row_are_allowed():
    assert codes("Harbour-Lamp-4422") == set()


def test_every_broken_rule_is_listed_at_once():
    assert {"password_too_short", "password_no_digit", "password_no_upper"} <= codes("abc")


def test_password_equal_to_the_account_email_or_name_is_refused(db):
    user = UserFactory(email="Lamp-Harbour42@example.com", username="Harbour-Lamp-7x")
    assert "password_is_account_name" in codes("lamp-harbour42@example.com", user)
    assert "password_is_account_name" in codes("Lamp-Harbour42", user)
    assert "password_is_account_name" in codes("Harbour-Lamp-7x", user)


def test_password_containing_the_account_or_person_name_is_refused(db):
    # Found trying it: "Lukas12345" passed for lukas@example.com (only exact matches counted).
    user = UserFactory(email="lukas.meyer@example.com", username="lukas.meyer@example.com", first_name="Lukas")
    assert "password_is_account_name" in codes("Lukas12345", user)
    assert "password_is_account_name" in codes("Winter-MEYER-2026", user)
    assert "password_is_account_name" in codes("x-lukas.meyer-9Q", user)
    assert "password_is_account_name" not in codes(GOOD, user)


def test_short_names_do_not_forbid_common_letters(db):
    user = UserFactory(email="al@example.com", username="al@example.com", first_name="Al", last_name="Wu")
    assert "password_is_account_name" not in codes("Always-Wuthering-42", user)


def test_current_and_previous_passwords_are_refused_up_to_the_history_length(db):
    user = UserFactory(password="First-Pass-01")
    for number in range(2, 8):
        user.set_password(f"Next-Pass-0{number}")
        user.save()
    assert "password_reused" in codes("Next-Pass-07", user)
    assert "password_reused" in codes("Next-Pass-03", user)
    assert "password_reused" not in codes("Next-Pass-02", user)
    assert "password_reused" not in codes("First-Pass-01", user)


def test_only_the_last_hashes_are_kept(db):
    user = UserFactory()
    for number in range(10):
        user.set_password(f"Rotating-Pass-{number}")
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5


def test_policy_messages_are_in_the_users_language():
    with translation.override("ru"):
        rules = " ".join(password_policy_rules())
    assert "цифр" in rules
    with translation.override("de"):
        assert "Ziffer" in " ".join(password_policy_rules())
