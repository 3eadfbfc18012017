"""Writes for accounts: sign-in with lockout and throttling, password changes and resets,
known devices, the account change history and its revert, agents' identity checks."""

from __future__ import annotations

import enum
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from caselog.accounts.clients import Client, device_token_new
from caselog.accounts.models import (
    AccountChange,
    IdentityCheck,
    IdentityQuestionAttempt,
    KnownDevice,
    PasswordResetRequest,
    SecurityLock,
    SignInAttempt,
    User,
)
from caselog.audit.services import audit_record

# --------------------------------------------------------------------------- profile and history


def _change_record(
    *,
    user: User,
    field: str,
    old: str,
    new: str,
    source: str,
    actor: User | None = None,
    ip: str | None = None,
    reverts: AccountChange | None = None,
) -> AccountChange:
    return AccountChange.objects.create(
        user=user,
        field=field,
        old_value=old[:254],
        new_value=new[:254],
        source=source,
        actor=actor,
        ip=ip,
        reverts=reverts,
    )


def user_update_profile(
    *, user: User, first_name: str, last_name: str, locale: str, phone: str, ip: str | None = None
) -> User:
    """A user edits their own profile; each changed field goes into the account history."""
    values = {"first_name": first_name, "last_name": last_name, "locale": locale, "phone": phone}
    with transaction.atomic():
        # Compare with the stored row: a ModelForm has already written the new values onto `user`.
        stored = User.objects.select_for_update().get(pk=user.pk)
        changed = [field for field, value in values.items() if getattr(stored, field) != value]
        for field in changed:
            _change_record(
                user=stored,
                field=field,
                old=getattr(stored, field),
                new=values[field],
                source=AccountChange.Source.OWNER,
                actor=user,
                ip=ip,
            )
        for field, value in values.items():
            setattr(user, field, value)
        if changed:
            user.save(update_fields=changed)
    return user


def user_change_email(*, user: User, new_email: str, ip: str | None = None) -> User:
    """The owner changes the account's email (they confirmed their password in the form)."""
    new_email = User.objects.normalize_email(new_email).strip()
    with transaction.atomic():
        if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            raise ValidationError(_("Another account already uses this email address."), code="email_taken")
        if new_email != user.email:
            _change_record(
                user=user,
                field=AccountChange.Field.EMAIL,
                old=user.email,
                new=new_email,
                source=AccountChange.Source.OWNER,
                actor=user,
                ip=ip,
            )
            user.email = new_email
            user.save(update_fields=["email"])
    return user


def user_set_password(
    *, user: User, raw_password: str, source: str, actor: User | None = None, ip: str | None = None
) -> User:
    """Set a new password (already validated by the form). The hash goes into the password
    history (the validator's password_changed hook), the change into the account history, and a
    reset link lifts the security lock: owning the mailbox proves ownership."""
    with transaction.atomic():
        user.set_password(raw_password)
        user.save(update_fields=["password"])
        _change_record(user=user, field=AccountChange.Field.PASSWORD, old="", new="", source=source, actor=actor, ip=ip)
        _security_lock_lift(user=user, by=actor, reason="reset" if source == AccountChange.Source.RESET else source)
    return user


def account_change_revert(*, agent: User, change: AccountChange) -> AccountChange:
    """Put a field back to the value it had before `change` (account takeover: the attacker's
    email goes, the owner's comes back). Needs a verified caller; audited."""
    check_identity_verified(agent=agent, user=change.user)
    if not change.is_revertible:
        raise ValidationError(_("This change cannot be reverted."), code="not_revertible")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=change.user_id)
        current = getattr(user, change.field)
        if current != change.new_value:
            raise ValidationError(
                _("The field has changed again since; revert the newer change first."), code="revert_conflict"
            )
        if change.field == AccountChange.Field.EMAIL and (
            User.objects.filter(email__iexact=change.old_value).exclude(pk=user.pk).exists()
        ):
            raise ValidationError(_("Another account already uses this email address."), code="email_taken")
        setattr(user, change.field, change.old_value)
        user.save(update_fields=[change.field])
        revert = _change_record(
            user=user,
            field=change.field,
            old=current,
            new=change.old_value,
            source=AccountChange.Source.REVERT,
            actor=agent,
            reverts=change,
        )
        audit_record(
            actor=agent,
            action="account.change_revert",
            target=user,
            before={change.field: current, "change": change.pk},
            after={change.field: change.old_value},
        )
        if change.field == AccountChange.Field.EMAIL:
            _email_changed_notify(revert)
    return revert


# --------------------------------------------------------------------------- known devices


def device_seen(*, user: User, client: Client) -> tuple[KnownDevice, bool]:
    """Remember the client as one of the account's devices. Returns (device, is_new); a new one
    gets an alert email after commit. The caller sets the cookie when the token is new."""
    now = timezone.now()
    token = client.device_token or device_token_new()
    with transaction.atomic():
        device, created = KnownDevice.objects.get_or_create(
            user=user,
            token=token,
            defaults={"label": client.label, "first_ip": client.ip, "last_ip": client.ip, "last_seen_at": now},
        )
        if not created:
            device.last_ip, device.last_seen_at = client.ip, now
            device.save(update_fields=["last_ip", "last_seen_at"])
    return device, created


def device_alert_send(*, user: User, device: KnownDevice, reason: str, detail: str = "") -> None:
    """Email the owner that a device they may not know was used (after commit)."""
    from caselog.accounts.tasks import send_new_device_alert

    def enqueue() -> None:
        send_new_device_alert.enqueue(user_id=user.pk, device_id=device.pk, reason=reason, detail=detail)

    transaction.on_commit(enqueue)


def device_remove(*, user: User, device_id: int) -> None:
    """The owner removes a device: it loses its allowance and its next sign-in alerts again."""
    with transaction.atomic():
        deleted, _unused = KnownDevice.objects.filter(user=user, pk=device_id).delete()
    if not deleted:
        from django.http import Http404

        raise Http404


# --------------------------------------------------------------------------- sign-in


class SignInStatus(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    THROTTLED = "throttled"


@dataclass
class SignInResult:
    status: SignInStatus
    user: User | None = None
    retry_after: timedelta = timedelta(0)
    device_token: str = ""
    new_device: bool = False


def _progressive_wait(*, failures: int, last_failure: datetime | None, free: int, now: datetime) -> timedelta:
    """After `free` failures every further try waits twice as long as the one before, up to the cap."""
    if failures < free or last_failure is None:
        return timedelta(0)
    exponent = min(failures - free, 30)
    base: timedelta = settings.SIGNIN_THROTTLE_BASE_DELAY
    cap: timedelta = settings.SIGNIN_THROTTLE_MAX_DELAY
    delay = min(base * (1 << exponent), cap)
    return max(timedelta(0), last_failure + delay - now)


def _failures(attempts: Any) -> tuple[int, datetime | None]:
    summary = attempts.filter(succeeded=False).aggregate(last=Max("created_at"))
    return attempts.filter(succeeded=False).count(), summary["last"]


def _account_failure_start(*, user: User, now: datetime) -> datetime:
    """Failures count from the start of the window, the last success or the last lift, whichever is latest."""
    start = now - settings.ACCOUNT_LOCKOUT_WINDOW
    last_success = SignInAttempt.objects.filter(user=user, succeeded=True).aggregate(last=Max("created_at"))["last"]
    last_lift = SecurityLock.objects.filter(user=user, lifted_at__isnull=False).aggregate(last=Max("lifted_at"))["last"]
    return max(moment for moment in (start, last_success, last_lift) if moment is not None)


def sign_in_wait(*, user: User | None, client: Client, known: bool, now: datetime) -> timedelta:
    """How long this client must wait before its next password is even checked."""
    if known and user is not None:
        last_success = SignInAttempt.objects.filter(
            user=user, device_token=client.device_token, succeeded=True
        ).aggregate(last=Max("created_at"))["last"]
        start = max(now - settings.SIGNIN_THROTTLE_WINDOW, last_success or now - settings.SIGNIN_THROTTLE_WINDOW)
        attempts = SignInAttempt.objects.filter(user=user, device_token=client.device_token, created_at__gt=start)
        free = settings.KNOWN_DEVICE_FREE_FAILURES
    else:
        attempts = SignInAttempt.objects.filter(
            network=client.network, from_known_device=False, created_at__gt=now - settings.SIGNIN_THROTTLE_WINDOW
        )
        free = settings.SIGNIN_NETWORK_FREE_FAILURES
    failures, last = _failures(attempts)
    return _progressive_wait(failures=failures, last_failure=last, free=free, now=now)


def security_lock_active(*, user: User) -> SecurityLock | None:
    return SecurityLock.objects.filter(user=user, lifted_at__isnull=True).first()


def sign_in_attempt(*, request: HttpRequest | None, email: str, password: str, client: Client) -> SignInResult:
    """Check a password under the lockout policy (caselog/accounts/SECURITY.md):

    - a known device (signed cookie + earlier sign-in) has its own allowance and ignores the
      account lock and the network throttle, so a flood from elsewhere never locks the owner out;
    - unknown clients are throttled per network, progressively;
    - wrong passwords from unknown clients lock the account for unknown clients until a reset.
    """
    now = timezone.now()
    email = email.strip()[:254]
    user = User.objects.filter(email__iexact=email).first()
    known = bool(
        user is not None
        and client.device_token
        and KnownDevice.objects.filter(user=user, token=client.device_token).exists()
    )
    wait = sign_in_wait(user=user, client=client, known=known, now=now)
    if wait > timedelta(0):
        return SignInResult(SignInStatus.THROTTLED, retry_after=wait)
    if user is not None and not known and security_lock_active(user=user) is not None:
        return SignInResult(SignInStatus.LOCKED)

    authenticated = authenticate(request, username=email, password=password)
    succeeded = isinstance(authenticated, User)
    with transaction.atomic():
        if user is not None:
            user = User.objects.select_for_update().get(pk=user.pk)
        SignInAttempt.objects.create(
            email=email.lower(),
            user=user,
            network=client.network,
            device_token=client.device_token,
            from_known_device=known,
            succeeded=succeeded,
            created_at=now,
        )
        if not succeeded:
            if user is not None and not known:
                _lock_if_over_threshold(user=user, now=now)
            return SignInResult(SignInStatus.WRONG)
        assert isinstance(authenticated, User)
        device, created = device_seen(user=authenticated, client=client)
        if created:
            device_alert_send(user=authenticated, device=device, reason="sign_in")
    return SignInResult(SignInStatus.OK, user=authenticated, device_token=device.token, new_device=created)


def _lock_if_over_threshold(*, user: User, now: datetime) -> None:
    start = _account_failure_start(user=user, now=now)
    failures = SignInAttempt.objects.filter(
        user=user, succeeded=False, from_known_device=False, created_at__gt=start
    ).count()
    if failures < settings.ACCOUNT_LOCKOUT_FAILURES or security_lock_active(user=user) is not None:
        return
    SecurityLock.objects.create(user=user, locked_at=now)
    _change_record(
        user=user, field=AccountChange.Field.SECURITY_LOCK, old="", new="locked", source=AccountChange.Source.SYSTEM
    )
    from caselog.accounts.tasks import send_account_locked_email

    user_id = user.pk
    transaction.on_commit(lambda: send_account_locked_email.enqueue(user_id=user_id))


def _security_lock_lift(*, user: User, by: User | None, reason: str) -> bool:
    now = timezone.now()
    lifted = SecurityLock.objects.filter(user=user, lifted_at__isnull=True).update(
        lifted_at=now, lifted_by=by, lift_reason=reason
    )
    if lifted:
        _change_record(
            user=user,
            field=AccountChange.Field.SECURITY_LOCK,
            old="locked",
            new="",
            source=AccountChange.Source.RESET if reason == "reset" else AccountChange.Source.AGENT,
            actor=by,
        )
    return bool(lifted)


def security_lock_lift(*, agent: User, user: User) -> bool:
    """An agent re-enables an account disabled for security reasons (audited)."""
    check_can_act_on_accounts(agent=agent)
    with transaction.atomic():
        lifted = _security_lock_lift(user=user, by=agent, reason="agent")
        audit_record(
            actor=agent, action="account.unlock", target=user, before={"locked": lifted}, after={"locked": False}
        )
    return lifted


# --------------------------------------------------------------------------- password reset


def password_reset_request(*, email: str, ip: str | None) -> None:
    """Queue the reset email. The request does the same work whether or not the address has an
    account (one task, looked up by the worker), so the answer and its timing reveal nothing."""
    from caselog.accounts.tasks import send_password_reset

    email = email.strip()[:254]
    transaction.on_commit(lambda: send_password_reset.enqueue(email=email, ip=ip or ""))


def password_reset_send_allowed(*, user: User, ip: str | None) -> bool:
    """At most PASSWORD_RESET_EMAILS_PER_HOUR emails an hour, so the form cannot flood a mailbox;
    links already sent keep working, so the owner is never blocked."""
    with transaction.atomic():
        recent = PasswordResetRequest.objects.filter(
            user=user, created_at__gt=timezone.now() - timedelta(hours=1)
        ).count()
        if recent >= settings.PASSWORD_RESET_EMAILS_PER_HOUR:
            return False
        PasswordResetRequest.objects.create(user=user, ip=ip or None, created_at=timezone.now())
    return True


def password_reset_send_by_agent(*, agent: User, user: User) -> None:
    """An agent sends a reset link to the mailbox on record (audited)."""
    from caselog.accounts.tasks import send_password_reset

    check_can_act_on_accounts(agent=agent)
    with transaction.atomic():
        audit_record(actor=agent, action="account.send_reset_link", target=user, after={"to": user.email})
        email = user.email
        transaction.on_commit(lambda: send_password_reset.enqueue(email=email, ip=""))


# --------------------------------------------------------------------------- identity checks


def check_can_act_on_accounts(*, agent: User) -> None:
    if not agent.has_perm("cases.work_case"):
        raise PermissionDenied


def _normalise(value: str) -> str:
    return " ".join("".join(ch for ch in value.casefold() if ch.isalnum() or ch.isspace()).split())


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def identity_code_addresses(*, user: User) -> list[str]:
    """Where the one-time code may go: the mailbox on record, or one the account had before
    (after a takeover the attacker's address is on record; the owner's is in the history)."""
    previous = AccountChange.objects.filter(user=user, field=AccountChange.Field.EMAIL).values_list(
        "old_value", flat=True
    )
    addresses = [user.email]
    for address in previous:
        if address and address.lower() not in {a.lower() for a in addresses}:
            addresses.append(address)
    return addresses


def identity_questions_wait(*, user: User) -> bool:
    """True while wrong answers for this account are over the limit."""
    since = timezone.now() - settings.IDENTITY_QUESTION_WINDOW
    failures = IdentityQuestionAttempt.objects.filter(user=user, succeeded=False, created_at__gt=since).count()
    return failures >= settings.IDENTITY_QUESTION_MAX_FAILURES


def identity_check_start(*, agent: User, user: User, full_name: str, phone: str, send_to: str) -> IdentityCheck:
    """Step one of verifying a caller: their answers (name and phone on record) must match; then a
    one-time code goes to a mailbox of the account. Wrong answers are rate-limited; every
    attempt is audited."""
    check_can_act_on_accounts(agent=agent)
    if identity_questions_wait(user=user):
        raise ValidationError(_("Too many wrong answers for this account. Try again later."), code="rate_limited")
    if send_to.lower() not in {address.lower() for address in identity_code_addresses(user=user)}:
        raise ValidationError(_("The code can only go to a mailbox of this account."), code="bad_address")
    name_ok = bool(full_name.strip()) and _normalise(full_name) == _normalise(user.get_full_name())
    phone_ok = not user.phone or (len(_digits(phone)) >= 6 and _digits(phone)[-9:] == _digits(user.phone)[-9:])
    now = timezone.now()
    with transaction.atomic():
        IdentityQuestionAttempt.objects.create(user=user, agent=agent, succeeded=name_ok and phone_ok, created_at=now)
        audit_record(
            actor=agent,
            action="account.identity_questions",
            target=user,
            after={"name_matches": name_ok, "phone_matches": phone_ok},
        )
    if not (name_ok and phone_ok):
        raise ValidationError(_("The answers do not match the account."), code="wrong_answers")
    with transaction.atomic():
        check = IdentityCheck.objects.create(
            user=user,
            agent=agent,
            code_salt=secrets.token_hex(16),
            code_sent_to=send_to,
            created_at=now,
            expires_at=now + settings.IDENTITY_CODE_VALID_FOR,
        )
        audit_record(actor=agent, action="account.identity_code_sent", target=user, after={"to": send_to})
        from caselog.accounts.tasks import send_identity_code

        check_id = check.pk
        transaction.on_commit(lambda: send_identity_code.enqueue(check_id=check_id))
    return check


def identity_code(check: IdentityCheck) -> str:
    """The six-digit code of a check, derived from its random salt and SECRET_KEY, so that the
    code itself is stored nowhere (not in the database, not in the task queue)."""
    digest = salted_hmac("caselog.accounts.identity_code", f"{check.pk}:{check.code_salt}", algorithm="sha256")
    return f"{int(digest.hexdigest(), 16) % 10**6:06d}"


def identity_check_confirm(*, agent: User, check: IdentityCheck, code: str) -> IdentityCheck:
    """Step two: the caller reads back the code. A limited number of tries, then it is void."""
    check_can_act_on_accounts(agent=agent)
    now = timezone.now()
    with transaction.atomic():
        check = IdentityCheck.objects.select_for_update().get(pk=check.pk, agent=agent)
        if check.state != IdentityCheck.State.CODE_SENT or check.expires_at <= now:
            raise ValidationError(_("This code has expired. Send a new one."), code="expired")
        check.code_attempts += 1
        matches = hmac.compare_digest(identity_code(check), code.strip()[:12])
        if matches:
            check.state, check.verified_at = IdentityCheck.State.VERIFIED, now
        elif check.code_attempts >= settings.IDENTITY_CODE_MAX_ATTEMPTS:
            check.state = IdentityCheck.State.FAILED
        check.save(update_fields=["code_attempts", "state", "verified_at"])
        audit_record(
            actor=agent,
            action="account.identity_code_checked",
            target=check.user,
            after={"matches": matches, "attempt": check.code_attempts},
        )
    if not matches:
        raise ValidationError(_("The code is not right."), code="wrong_code")
    return check


def identity_verified(*, agent: User, user: User) -> IdentityCheck | None:
    """The agent's still-valid verification of this caller, if any."""
    since = timezone.now() - settings.IDENTITY_VERIFIED_FOR
    return (
        IdentityCheck.objects.filter(user=user, agent=agent, state=IdentityCheck.State.VERIFIED, verified_at__gt=since)
        .order_by("-verified_at")
        .first()
    )


def check_identity_verified(*, agent: User, user: User) -> None:
    check_can_act_on_accounts(agent=agent)
    if identity_verified(agent=agent, user=user) is None:
        raise PermissionDenied("Verify the caller first")


def account_email_change_by_agent(*, agent: User, user: User, new_email: str) -> User:
    """An agent changes the account's email for a verified caller (audited, in the history)."""
    check_identity_verified(agent=agent, user=user)
    new_email = User.objects.normalize_email(new_email).strip()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            raise ValidationError(_("Another account already uses this email address."), code="email_taken")
        old = user.email
        user.email = new_email
        user.save(update_fields=["email"])
        change = _change_record(
            user=user,
            field=AccountChange.Field.EMAIL,
            old=old,
            new=new_email,
            source=AccountChange.Source.AGENT,
            actor=agent,
        )
        audit_record(
            actor=agent, action="account.email_change", target=user, before={"email": old}, after={"email": new_email}
        )
        _email_changed_notify(change)
    return user


def _email_changed_notify(change: AccountChange) -> None:
    """Tell the old and the new address, after the change commits."""
    from caselog.accounts.tasks import send_email_changed

    transaction.on_commit(lambda: send_email_changed.enqueue(change_id=change.pk))


def sign_in_attempts_prune(*, now: datetime | None = None) -> int:
    """Forget sign-in attempts older than SIGNIN_ATTEMPTS_KEPT."""
    cutoff = (now or timezone.now()) - settings.SIGNIN_ATTEMPTS_KEPT
    deleted, _unused = SignInAttempt.objects.filter(Q(created_at__lt=cutoff)).delete()
    PasswordResetRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
