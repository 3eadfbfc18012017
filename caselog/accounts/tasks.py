"""Emails about the account's security, sent by the worker after the change has committed."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from caselog.accounts.models import AccountChange, IdentityCheck, KnownDevice, User
from caselog.core.outbox import absolute_url, mail_render, mail_send


def password_reset_url(user: User) -> str:
    """A single-use link: Django's token covers the password hash and last sign-in, so it dies
    when the password changes, and it expires after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("accounts:password_reset_confirm", args=[uid, token]))


def _send(*, user: User, to: str, template: str, context: dict[str, object], key: str | None = None) -> None:
    context = {"user": user, **context}
    subject, body = mail_render(language=user.locale, template=f"accounts/email/{template}", context=context)
    mail_send(to=to, subject=subject, body=body, language=user.locale, key=key)


@task()
def send_password_reset(*, email: str, ip: str) -> None:
    from caselog.accounts.services import password_reset_send_allowed

    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not password_reset_send_allowed(user=user, ip=ip or None):
        return
    _send(user=user, to=user.email, template="password_reset", context={"reset_url": password_reset_url(user)})


@task()
def send_account_locked_email(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _send(
        user=user,
        to=user.email,
        template="account_locked",
        context={"reset_url": password_reset_url(user), "devices_url": absolute_url(reverse("accounts:devices"))},
    )


@task()
def send_new_device_alert(*, user_id: int, device_id: int, reason: str, detail: str = "") -> None:
    device = KnownDevice.objects.select_related("user").filter(pk=device_id, user_id=user_id).first()
    if device is None:
        return
    _send(
        user=device.user,
        to=device.user.email,
        template="new_device",
        context={
            "device": device,
            "reason": reason,
            "detail": detail,
            "password_url": absolute_url(reverse("accounts:password_change")),
            "devices_url": absolute_url(reverse("accounts:devices")),
        },
    )


@task()
def send_identity_code(*, check_id: int) -> None:
    from caselog.accounts.services import identity_code

    check = IdentityCheck.objects.select_related("user").filter(pk=check_id).first()
    if check is None:
        return
    _send(
        user=check.user,
        to=check.code_sent_to,
        template="identity_code",
        context={"code": identity_code(check), "check": check},
        key=f"accounts.identity_code:{check.pk}",
    )


@task()
def send_email_changed(*, change_id: int) -> None:
    """An agent changed (or put back) the account's email: both the old and the new address
    hear of it, so an owner whose address was taken over learns of it where they still read."""
    change = AccountChange.objects.select_related("user").filter(pk=change_id).first()
    if change is None or change.field != AccountChange.Field.EMAIL:
        return
    context = {
        "old_email": change.old_value,
        "new_email": change.new_value,
        "reverted": change.source == AccountChange.Source.REVERT,
        "changed_at": change.created_at.strftime("%Y-%m-%d %H:%M"),
        "password_url": absolute_url(reverse("accounts:password_reset")),
    }
    for address in dict.fromkeys([change.old_value, change.new_value]):
        if address:
            _send(
                user=change.user,
                to=address,
                template="email_changed",
                context=context,
                key=f"accounts.email_changed:{change.pk}:{address.lower()}",
            )
