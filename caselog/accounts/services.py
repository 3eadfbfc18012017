from __future__ import annotations

from django.db import transaction

from caselog.accounts.models import User


def user_update_profile(*, user: User, first_name: str, last_name: str, locale: str, phone: str) -> User:
    """A user edits their own profile; the saved language becomes their UI language."""
    with transaction.atomic():
        user.first_name, user.last_name, user.locale, user.phone = first_name, last_name, locale, phone
        user.save(update_fields=["first_name", "last_name", "locale", "phone"])
    return user
