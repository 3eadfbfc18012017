"""Keep the phone look-up index in step with profile changes made anywhere."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="caselog.devices.phone_index")
def _user_saved(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if (
        (created and not instance.phone)
        or raw
        or (update_fields is not None and "phone" not in update_fields and "locale" not in update_fields)
    ):
        return
    from caselog.devices.services import customer_phone_sync

    customer_phone_sync(user=instance)
