from __future__ import annotations

from django.db.models import QuerySet

from caselog.accounts.models import AccountChange, KnownDevice, User


def device_list(*, user: User) -> QuerySet[KnownDevice]:
    return KnownDevice.objects.filter(user=user)


def account_change_list(*, user: User) -> QuerySet[AccountChange]:
    return AccountChange.objects.filter(user=user).select_related("actor", "reverts")
