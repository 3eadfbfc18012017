from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caselog.accounts.models import KnownDevice


class ItemKind(models.TextChoices):
    APP = "app", _("App")
    MEDIA = "media", _("Music, film or book")
    SUBSCRIPTION = "subscription", _("Subscription")


class StoreItem(models.Model):
    """Something the store sells or gives away (price 0 is a free download)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    name = models.CharField(_("name"), max_length=200)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, default=Decimal("0.00"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="store_item_price_not_negative"),
            models.UniqueConstraint(fields=["kind", "name"], name="store_item_name_unique_per_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class BillingProfile(models.Model):
    """The customer's billing address and card on file; the address is a reactivation answer."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_profile")
    address = models.TextField(_("billing address"))
    card_last4 = models.CharField(_("card, last four digits"), max_length=4, blank=True)

    def __str__(self) -> str:
        return f"billing profile of {self.user_id}"


class Purchase(models.Model):
    """One line of a receipt: the order number is the one printed on the customer's receipt."""

    class Source(models.TextChoices):
        STORE_CREDIT = "store_credit", _("Store credit")
        CARD = "card", _("Card")
        FREE = "free", _("Free download")

    order_number = models.CharField(_("order number"), max_length=12, unique=True)
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="purchases")
    item = models.ForeignKey(StoreItem, on_delete=models.PROTECT, related_name="purchases")
    item_name = models.CharField(_("item"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    source = models.CharField(_("paid with"), max_length=16, choices=Source.choices)
    card_last4 = models.CharField(max_length=4, blank=True)
    device = models.ForeignKey(KnownDevice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    device_label = models.CharField(_("device"), max_length=200, blank=True)
    purchased_at = models.DateTimeField(_("purchased"), db_index=True)

    class Meta:
        ordering = ["-purchased_at", "-id"]
        indexes = [models.Index(fields=["customer", "purchased_at"], name="purchase_customer_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="purchase_amount_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(source="free") | models.Q(amount=0), name="free_download_costs_nothing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_number} {self.item_name}"

    @property
    def is_free(self) -> bool:
        return self.source == self.Source.FREE


class Refund(models.Model):
    """Money back to where it came from. One per purchase, enforced by the database (the
    one-to-one is a unique constraint) as well as by the row lock in `refund_issue`."""

    class State(models.TextChoices):
        PROCESSING = "processing", _("On its way to your bank")
        COMPLETED = "completed", _("Refunded")

    purchase = models.OneToOneField(Purchase, on_delete=models.PROTECT, related_name="refund")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    destination = models.CharField(max_length=16, choices=Purchase.Source.choices)
    state = models.CharField(max_length=16, choices=State.choices)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expected_from = models.DateField(null=True, blank=True)
    expected_by = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(condition=~models.Q(destination="free"), name="refund_goes_to_credit_or_card"),
        ]

    def __str__(self) -> str:
        return f"refund of {self.purchase_id}"


class StoreCreditEntry(models.Model):
    """The store-credit ledger; the balance is the sum of a customer's entries."""

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="store_credit")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    refund = models.OneToOneField(Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="credit")
    purchase = models.OneToOneField(
        Purchase, null=True, blank=True, on_delete=models.PROTECT, related_name="credit_spent"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} for {self.customer_id}"


class PurchaseHold(models.Model):
    """Downloads and purchases are disabled for the account while a hold is active."""

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="purchase_holds")
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    placed_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(lifted_at__isnull=True), name="one_active_purchase_hold"
            )
        ]

    def __str__(self) -> str:
        return f"hold on {self.customer_id}"


class DisputedPurchase(models.Model):
    """A purchase the customer reported as unauthorized, linked to the case they reported it in."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="disputed_purchases")
    purchase = models.ForeignKey(Purchase, on_delete=models.CASCADE, related_name="disputes")
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["-reported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "purchase"], name="dispute_once_per_case")]

    def __str__(self) -> str:
        return f"{self.purchase_id} disputed in {self.case_id}"


class ReactivationAttempt(models.Model):
    """An identity check before lifting a hold; wrong ones are counted for the rate limit."""

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    succeeded = models.BooleanField()
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"reactivation attempt for {self.customer_id}"
