"""Writes for the store: purchases, holds, refunds to source, disputes, reactivation."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.clients import Client
from caselog.accounts.models import SecurityLock, User
from caselog.accounts.services import device_alert_send, device_seen, security_lock_lift
from caselog.audit.services import audit_record
from caselog.cases.models import Case, Message
from caselog.core.events import event_emit
from caselog.store.events import REFUND_STATE_CHANGED
from caselog.store.models import (
    BillingProfile,
    DisputedPurchase,
    ItemKind,
    Purchase,
    PurchaseHold,
    ReactivationAttempt,
    Refund,
    StoreCreditEntry,
    StoreItem,
)

# Receipts print ten characters without the look-alikes 0/O and 1/I.
ORDER_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ORDER_NUMBER_LENGTH = 10
ORDER_NUMBER_RE = re.compile(r"\b[A-Za-z0-9]{10}\b")


class PurchasesHeld(ValidationError):
    """The account's downloads and purchases are disabled."""


class AlreadyRefunded(ValidationError):
    pass


def order_number_new() -> str:
    return "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _unused in range(ORDER_NUMBER_LENGTH))


def check_can_work_store(*, agent: User) -> None:
    if not agent.has_perm("cases.work_case"):
        raise PermissionDenied


def store_credit_balance(*, customer: User, currency: str = "EUR") -> Decimal:
    total = StoreCreditEntry.objects.filter(customer=customer, currency=currency).aggregate(total=Sum("amount"))[
        "total"
    ]
    return total or Decimal("0.00")


def purchase_hold_active(*, customer: User) -> PurchaseHold | None:
    return PurchaseHold.objects.filter(customer=customer, lifted_at__isnull=True).first()


def purchase_create(
    *,
    customer: User,
    item: StoreItem,
    client: Client | None,
    pay_with: str = Purchase.Source.CARD,
    purchased_at: datetime | None = None,
) -> Purchase:
    """Buy or download an item. Refused while the account is held. A purchase from a device the
    account does not know registers the device and emails the owner an alert after commit."""
    with transaction.atomic():
        # Lock the customer row so that a hold placed at this moment cannot be overtaken.
        User.objects.select_for_update().filter(pk=customer.pk).first()
        if purchase_hold_active(customer=customer) is not None:
            raise PurchasesHeld(
                _("Downloads and purchases are disabled on this account for now. Contact support."), code="held"
            )
        source = Purchase.Source.FREE if item.price == 0 else pay_with
        card_last4 = ""
        if (
            source == Purchase.Source.STORE_CREDIT
            and store_credit_balance(customer=customer, currency=item.currency) < item.price
        ):
            raise ValidationError(_("Your store credit does not cover this purchase."), code="no_credit")
        if source == Purchase.Source.CARD:
            profile = BillingProfile.objects.filter(user=customer).first()
            if profile is None or not profile.card_last4:
                raise ValidationError(_("There is no card on file for this account."), code="no_card")
            card_last4 = profile.card_last4
        device, new_device = (None, False)
        if client is not None:
            device, new_device = device_seen(user=customer, client=client)
        purchase = _purchase_insert(
            customer=customer,
            item=item,
            source=source,
            card_last4=card_last4,
            device_label=device.label if device else "",
            device_id=device.pk if device else None,
            purchased_at=purchased_at or timezone.now(),
        )
        if source == Purchase.Source.STORE_CREDIT:
            StoreCreditEntry.objects.create(
                customer=customer,
                amount=-item.price,
                currency=item.currency,
                purchase=purchase,
                created_at=purchase.purchased_at,
            )
        if device is not None and new_device:
            device_alert_send(user=customer, device=device, reason="purchase", detail=purchase.order_number)
    return purchase


def _purchase_insert(
    *,
    customer: User,
    item: StoreItem,
    source: str,
    card_last4: str,
    device_label: str,
    device_id: int | None,
    purchased_at: datetime,
) -> Purchase:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Purchase.objects.create(
                    order_number=order_number_new(),
                    customer=customer,
                    item=item,
                    item_name=item.name,
                    kind=item.kind,
                    amount=item.price,
                    currency=item.currency,
                    source=source,
                    card_last4=card_last4,
                    device_id=device_id,
                    device_label=device_label,
                    purchased_at=purchased_at,
                )
        except IntegrityError:
            continue  # an order number collision: draw another
    raise RuntimeError("Could not draw a free order number")


def purchase_hold_place(*, agent: User, customer: User, reason: str, case: Case | None = None) -> PurchaseHold:
    """Disable downloads and purchases on the account until a verified reactivation (audited)."""
    check_can_work_store(agent=agent)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=customer.pk).first()
        existing = purchase_hold_active(customer=customer)
        if existing is not None:
            return existing
        hold = PurchaseHold.objects.create(
            customer=customer, reason=reason.strip()[:300], placed_by=agent, case=case, placed_at=timezone.now()
        )
        audit_record(
            actor=agent,
            action="store.hold_place",
            target=customer,
            before={"held": False},
            after={"held": True, "reason": hold.reason, "case": case.number if case else None},
        )
    return hold


def business_days_after(start: date, days: int) -> date:
    """The date `days` bank business days (Monday to Friday) after `start`."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def refund_issue(*, agent: User, purchase: Purchase, case: Case | None = None) -> Refund:
    """Refund a purchase to its source: store credit at once, a card within 5-7 bank business
    days. Never twice: the purchase row is locked, and the one-to-one refund row is unique, so a
    second agent pressing the button at the same moment gets AlreadyRefunded."""
    check_can_work_store(agent=agent)
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
            if Refund.objects.filter(purchase=locked).exists():
                raise AlreadyRefunded(_("This purchase is already refunded."), code="already_refunded")
            if locked.is_free or locked.amount <= 0:
                raise ValidationError(_("A free download has nothing to refund."), code="free")
            refund = Refund(
                purchase=locked,
                amount=locked.amount,
                currency=locked.currency,
                destination=locked.source,
                issued_by=agent,
                case=case,
                created_at=now,
            )
            if locked.source == Purchase.Source.STORE_CREDIT:
                refund.state, refund.completed_at = Refund.State.COMPLETED, now
            else:
                low, high = settings.REFUND_CARD_BUSINESS_DAYS
                refund.state = Refund.State.PROCESSING
                refund.expected_from = business_days_after(timezone.localdate(now), low)
                refund.expected_by = business_days_after(timezone.localdate(now), high)
            refund.save()
            if refund.destination == Purchase.Source.STORE_CREDIT:
                StoreCreditEntry.objects.create(
                    customer=locked.customer,
                    amount=refund.amount,
                    currency=refund.currency,
                    refund=refund,
                    created_at=now,
                )
            audit_record(
                actor=agent,
                action="store.refund",
                target=locked,
                before={"refunded": False},
                after={
                    "refunded": True,
                    "amount": str(refund.amount),
                    "to": refund.destination,
                    "case": case.number if case else None,
                },
            )
            from caselog.store.tasks import send_refund_email

            refund_id = refund.pk
            transaction.on_commit(lambda: send_refund_email.enqueue(refund_id=refund_id))
            event_emit(REFUND_STATE_CHANGED, refund, {"previous_state": None})
    except IntegrityError as error:
        # The unique refund row caught a race the lock did not (SQLite has no row locks).
        raise AlreadyRefunded(_("This purchase is already refunded."), code="already_refunded") from error
    return refund


def refund_settle_due(*, today: date | None = None) -> int:
    """Card refunds past their latest expected date are reported as completed (the bank's
    settlement file would confirm them in production)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Refund.objects.filter(state=Refund.State.PROCESSING, expected_by__lte=today).values_list("pk", flat=True)
        )
        settled = Refund.objects.filter(pk__in=due, state=Refund.State.PROCESSING).update(
            state=Refund.State.COMPLETED, completed_at=timezone.now()
        )
        for refund in Refund.objects.filter(pk__in=due).select_related("purchase", "case"):
            event_emit(REFUND_STATE_CHANGED, refund, {"previous_state": Refund.State.PROCESSING})
        return settled


def order_numbers_in(text: str) -> set[str]:
    return {match.upper() for match in ORDER_NUMBER_RE.findall(text or "")}


def dispute_link_orders(*, case: Case) -> int:
    """Link the order numbers a customer reported (in the form's field or later messages) to
    their purchases. Numbers of other accounts' purchases are ignored. Idempotent."""
    customer = case.customer or User.objects.filter(email__iexact=case.contact_email).first()
    if customer is None:
        return 0
    texts = [case.order_number, *case.messages.filter(kind=Message.Kind.CUSTOMER).values_list("body", flat=True)]
    numbers = set().union(*(order_numbers_in(text) for text in texts))
    if not numbers:
        return 0
    linked = 0
    with transaction.atomic():
        for purchase in Purchase.objects.filter(customer=customer, order_number__in=numbers):
            _dispute, created = DisputedPurchase.objects.get_or_create(
                case=case, purchase=purchase, defaults={"reported_at": timezone.now()}
            )
            linked += int(created)
    return linked


def _normalise_address(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())


def reactivation_blocked(*, customer: User) -> bool:
    since = timezone.now() - settings.REACTIVATION_WINDOW
    failures = ReactivationAttempt.objects.filter(customer=customer, succeeded=False, created_at__gt=since).count()
    return failures >= settings.REACTIVATION_MAX_FAILURES


def reactivation_attempt(
    *,
    agent: User,
    customer: User,
    billing_address: str,
    order_number: str = "",
    app_name: str = "",
    case: Case | None = None,
) -> bool:
    """Fully reactivate a held account once the caller proves it is theirs: the billing address,
    plus the order number of the last purchase or free download, or the name of an app ever
    downloaded. Wrong answers are rate-limited; every attempt is audited (not the answers)."""
    check_can_work_store(agent=agent)
    with transaction.atomic():
        # One attempt at a time per account, so parallel tries cannot slip past the limit.
        User.objects.select_for_update().filter(pk=customer.pk).first()
        succeeded = _reactivation_check(
            agent=agent,
            customer=customer,
            billing_address=billing_address,
            order_number=order_number,
            app_name=app_name,
            case=case,
        )
    # Raised after commit, so that the wrong attempt stays recorded for the rate limit.
    if not succeeded:
        raise ValidationError(_("The answers do not match the account."), code="wrong_answers")
    return True


def _reactivation_check(
    *, agent: User, customer: User, billing_address: str, order_number: str, app_name: str, case: Case | None
) -> bool:
    if reactivation_blocked(customer=customer):
        raise ValidationError(_("Too many wrong answers. Try again later."), code="rate_limited")
    profile = BillingProfile.objects.filter(user=customer).first()
    address_ok = bool(profile and billing_address.strip()) and _normalise_address(
        billing_address
    ) == _normalise_address(profile.address if profile else "")
    last = Purchase.objects.filter(customer=customer).order_by("-purchased_at", "-id").first()
    order_ok = bool(order_number.strip()) and last is not None and order_number.strip().upper() == last.order_number
    app_ok = (
        bool(app_name.strip())
        and Purchase.objects.filter(customer=customer, kind=ItemKind.APP, item_name__iexact=app_name.strip()).exists()
    )
    succeeded = address_ok and (order_ok or app_ok)
    with transaction.atomic():
        ReactivationAttempt.objects.create(
            customer=customer, agent=agent, succeeded=succeeded, created_at=timezone.now()
        )
        audit_record(
            actor=agent,
            action="store.reactivation_attempt",
            target=customer,
            after={
                "succeeded": succeeded,
                "address_matches": address_ok,
                "order_matches": order_ok,
                "app_matches": app_ok,
                "case": case.number if case else None,
            },
        )
        if succeeded:
            held = PurchaseHold.objects.filter(customer=customer, lifted_at__isnull=True).update(
                lifted_at=timezone.now(), lifted_by=agent
            )
            audit_record(
                actor=agent,
                action="store.hold_lift",
                target=customer,
                before={"held": bool(held)},
                after={"held": False},
            )
            if SecurityLock.objects.filter(user=customer, lifted_at__isnull=True).exists():
                security_lock_lift(agent=agent, user=customer)
    return succeeded
