"""The Caselog standard password policy: one validator per rule, so that every rule a new
password breaks is listed next to the field, each in the user's language. The rules and their
numbers are configured in AUTH_PASSWORD_VALIDATORS (settings.py)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

POLICY_NAME = "Caselog standard"


class MinimumLengthValidator:
    def __init__(self, min_length: int = 8) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.message(), code="password_too_short")

    def message(self) -> str:
        return ngettext("Use at least %(count)d character.", "Use at least %(count)d characters.", self.min_length) % {
            "count": self.min_length
        }

    def get_help_text(self) -> str:
        return self.message()


class _CharacterClassValidator:
    code = ""

    def has_class(self, password: str) -> bool:
        raise NotImplementedError

    def validate(self, password: str, user: Any = None) -> None:
        if not self.has_class(password):
            raise ValidationError(self.get_help_text(), code=self.code)

    def get_help_text(self) -> str:
        raise NotImplementedError


class DigitValidator(_CharacterClassValidator):
    code = "password_no_digit"

    def has_class(self, password: str) -> bool:
        return any(char.isdigit() for char in password)

    def get_help_text(self) -> str:
        return _("Include at least one digit.")


class UppercaseValidator(_CharacterClassValidator):
    code = "password_no_upper"

    def has_class(self, password: str) -> bool:
        return any(char.isupper() for char in password)

    def get_help_text(self) -> str:
        return _("Include at least one uppercase letter.")


class LowercaseValidator(_CharacterClassValidator):
    code = "password_no_lower"

    def has_class(self, password: str) -> bool:
        return any(char.islower() for char in password)

    def get_help_text(self) -> str:
        return _("Include at least one lowercase letter.")


class RepeatedCharacterValidator:
    """No character more than `max_repeats` times in a row, whatever its case ("aaa" and
    "Aaa" are refused, "aa" is fine)."""

    def __init__(self, max_repeats: int = 2) -> None:
        self.max_repeats = max_repeats
        self.pattern = re.compile(r"(.)\1{" + str(max_repeats) + ",}", re.DOTALL)

    def validate(self, password: str, user: Any = None) -> None:
        if self.pattern.search(password.casefold()):
            raise ValidationError(self.get_help_text(), code="password_repeated_characters")

    def get_help_text(self) -> str:
        return _("Do not repeat a character %(count)d times in a row.") % {"count": self.max_repeats + 1}


class AccountNameValidator:
    """Does not contain the account name: the email address, its part before the @ (and each
    word of it), the username or the person's first or last name, whatever the case. Names
    shorter than `min_length` are left alone, or "Al" would forbid every "al" in a password."""

    def __init__(self, min_length: int = 4) -> None:
        self.min_length = min_length

    def names(self, user: Any) -> set[str]:
        email = (getattr(user, "email", "") or "").casefold()
        local = email.split("@", 1)[0]
        found = {email, local, *re.split(r"[^\w]+|_", local)}
        for attribute in ("username", "first_name", "last_name"):
            value = (getattr(user, attribute, "") or "").casefold()
            found.add(value)
            found.update(re.split(r"[^\w]+|_", value))
        return {name for name in found if len(name) >= self.min_length}

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        candidate = password.casefold()
        if any(name in candidate for name in self.names(user)):
            raise ValidationError(self.get_help_text(), code="password_is_account_name")

    def get_help_text(self) -> str:
        return _("Do not use your account name or email address.")


class PreviousPasswordValidator:
    """Not one of the account's last `history` passwords. The hashes are recorded whenever a
    password is saved (`password_changed`, which Django calls from User.save())."""

    def __init__(self, history: int = 5) -> None:
        self.history = history

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from caselog.accounts.models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.history])
        current = getattr(user, "password", "")
        if current and current not in hashes:
            hashes.append(current)
        if any(check_password(password, encoded) for encoded in hashes if encoded):
            raise ValidationError(self.message(), code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from caselog.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.history :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def message(self) -> str:
        return ngettext(
            "Do not reuse your previous password.",
            "Do not reuse any of your last %(count)d passwords.",
            self.history,
        ) % {"count": self.history}

    def get_help_text(self) -> str:
        return self.message()


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common and breached passwords (shipped with Django, kept by the
    Django project), compared case-insensitively."""

    def validate(self, password: str, user: Any = None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(self.get_help_text(), code="password_too_common")

    def get_help_text(self) -> str:
        return _("Do not use a common or previously breached password.")


def password_policy_rules() -> list[str]:
    """What the policy asks for, in the current language, for the page beside the field."""
    return list(password_validation.password_validators_help_texts())
