"""Repair orders and their state machine, service locations, the approved parts catalogue,
stock per location with reservations and movements, in-store slots, on-site visits and
courier legs. Invariants that must hold under concurrency are database constraints."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from caselog.core.i18n import TranslatedNameMixin
from caselog.devices.models import Device, Product


def default_repair_warranty_days() -> int:
    return int(settings.REPAIR_WARRANTY_DAYS.days)


class ServiceLocation(models.Model):
    """A service center: its stock, its in-store slots and the technicians who work there."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=80)
    country = models.CharField(_("country"), max_length=2, help_text="ISO 3166 code")
    address = models.CharField(_("address"), max_length=200)
    technicians = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="service_locations", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RepairType(TranslatedNameMixin):
    """What is being repaired (display, battery, liquid damage): the fault that, when it comes
    back inside the repair warranty, makes the new repair covered."""

    slug = models.SlugField(unique=True)
    warranty_days = models.PositiveIntegerField(_("repair warranty (days)"), default=default_repair_warranty_days)
    labour_price = models.DecimalField(_("labour price"), max_digits=9, decimal_places=2, default=0)
    covered_by_hardware_warranty = models.BooleanField(
        _("covered by the hardware warranty"),
        default=False,
        help_text=_("Defects are; drops and liquid damage are not."),
    )

    class Meta:
        ordering = ["slug"]


class Part(TranslatedNameMixin):
    """A spare part or accessory for one product. Only approved parts may be reserved or used."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="parts")
    sku = models.CharField(_("part number"), max_length=40, unique=True)
    price = models.DecimalField(_("price"), max_digits=9, decimal_places=2)
    approved = models.BooleanField(_("approved"), default=True)

    class Meta:
        ordering = ["sku"]
        constraints = [models.CheckConstraint(condition=Q(price__gte=0), name="repairs_part_price_not_negative")]


class StockLevel(models.Model):
    """How many of a part a location holds and how many of those are promised to orders."""

    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="stock_levels")
    location = models.ForeignKey(ServiceLocation, on_delete=models.PROTECT, related_name="stock_levels")
    on_hand = models.IntegerField(_("on hand"), default=0)
    reserved = models.IntegerField(_("reserved"), default=0)
    reorder_level = models.PositiveIntegerField(_("reorder level"), default=0)
    reorder_quantity = models.PositiveIntegerField(_("reorder quantity"), default=0)

    class Meta:
        ordering = ["location", "part"]
        constraints = [
            models.UniqueConstraint(fields=["part", "location"], name="repairs_stock_once_per_location"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="repairs_stock_not_negative"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="repairs_reserved_not_negative"),
            models.CheckConstraint(condition=Q(reserved__lte=F("on_hand")), name="repairs_reserved_within_stock"),
        ]

    def __str__(self) -> str:
        return f"{self.part.sku} at {self.location.slug}: {self.on_hand} ({self.reserved} reserved)"

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def needs_reorder(self) -> bool:
        return self.available <= self.reorder_level


class RepairOrder(models.Model):
    class State(models.TextChoices):
        INTAKE = "intake", _("Intake")
        DIAGNOSIS = "diagnosis", _("Diagnosis")
        QUOTE = "quote", pgettext_lazy("repair estimate", "Quote")
        PARTS_RESERVED = "parts_reserved", _("Parts reserved")
        IN_REPAIR = "in_repair", _("In repair")
        QUALITY_CHECK = "quality_check", _("Quality check")
        READY = "ready", _("Ready")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        IN_STORE = "in_store", _("In store")
        ON_SITE = "on_site", _("On-site visit")
        COURIER = "courier", _("Courier pick-up and return")

    class QuoteDecision(models.TextChoices):
        PENDING = "", _("Waiting for the customer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    number = models.CharField(max_length=20, unique=True)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="repair_orders")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="repair_orders")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="repair_orders"
    )
    location = models.ForeignKey(ServiceLocation, on_delete=models.PROTECT, related_name="orders")
    repair_type = models.ForeignKey(RepairType, on_delete=models.PROTECT, related_name="orders")
    mode = models.CharField(_("service mode"), max_length=12, choices=Mode.choices, default=Mode.IN_STORE)
    fault = models.TextField(_("fault described"))
    state = models.CharField(max_length=16, choices=State.choices, default=State.INTAKE, db_index=True)
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    covered = models.BooleanField(_("covered"), default=False)
    coverage_reason = models.CharField(max_length=200, blank=True)
    warranty_claim_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="warranty_claims"
    )
    diagnosis = models.TextField(_("diagnosis"), blank=True)
    quote_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    quote_decision = models.CharField(max_length=10, choices=QuoteDecision.choices, blank=True, default="")
    customer_present_confirmed = models.BooleanField(default=False)
    warranty_until = models.DateField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["location", "state"]), models.Index(fields=["device", "repair_type"])]
        permissions = [
            ("work_repair", "Can work repair orders"),
            ("view_repair_dashboard", "Can see the repair dashboard"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(covered=False) | Q(quote_amount__isnull=True) | Q(quote_amount=0),
                name="repairs_covered_costs_nothing",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | Q(warranty_until__isnull=False),
                name="repairs_returned_has_warranty",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state not in (self.State.RETURNED, self.State.CANCELLED)


class RepairEvent(models.Model):
    """One transition of an order, as the customer's timeline shows it."""

    order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=RepairOrder.State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=RepairOrder.State.choices)
    note = models.CharField(max_length=300, blank=True)
    # A technician's note is internal (a failed quality check, a supplier problem) unless they
    # chose to show it to the customer, on the timeline and in the status email.
    note_public = models.BooleanField(default=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order.number}: {self.from_state} -> {self.to_state}"

    @property
    def customer_note(self) -> str:
        """The note as the customer may read it: empty when it is internal."""
        return self.note if self.note_public else ""


class PartReservation(models.Model):
    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        CONSUMED = "consumed", _("Used in the repair")
        RELEASED = "released", _("Released")

    order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="reservations")
    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="reservations")
    location = models.ForeignKey(ServiceLocation, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RESERVED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "part"], condition=Q(status="reserved"), name="repairs_part_reserved_once_per_order"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="repairs_reservation_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.part.sku} for {self.order.number} ({self.status})"


class OrderPart(models.Model):
    """A part the diagnosis says the repair needs; priced into the quote."""

    order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="needed_parts")
    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "part"], name="repairs_order_part_once"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="repairs_order_part_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.part.sku}"


class StockMovement(models.Model):
    class Kind(models.TextChoices):
        RECEIVE = "receive", _("Received")
        RESERVE = "reserve", _("Reserved")
        RELEASE = "release", _("Reservation released")
        CONSUME = "consume", _("Used in a repair")
        RETURN = "return", _("Returned to stock")
        TRANSFER_OUT = "transfer_out", _("Transferred out")
        TRANSFER_IN = "transfer_in", _("Transferred in")
        ADJUST = "adjust", _("Adjusted")

    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="movements")
    location = models.ForeignKey(ServiceLocation, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    quantity = models.IntegerField(help_text="Change of on-hand (or reserved, for reserve and release)")
    order = models.ForeignKey(RepairOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="adjust") | ~Q(reason=""), name="repairs_adjust_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.quantity} x {self.part.sku} at {self.location.slug}"


class ServiceSlot(models.Model):
    """A bookable time at a location: in-store drop-off (capacity = counter places) or an
    on-site visit window (capacity = technicians who can go out)."""

    class Kind(models.TextChoices):
        IN_STORE = "in_store", _("In store")
        ON_SITE = "on_site", _("On-site visit")

    location = models.ForeignKey(ServiceLocation, on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.IN_STORE)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(default=1)
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["location", "kind", "starts_at"], name="repairs_slot_once"),
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="repairs_slot_within_capacity"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="repairs_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.location.slug} {self.kind} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class Booking(models.Model):
    """An order's slot: a drop-off time in store, or a technician's visit at the customer's
    address (the repair happens there, in the customer's presence)."""

    order = models.OneToOneField(RepairOrder, on_delete=models.CASCADE, related_name="booking")
    slot = models.ForeignKey(ServiceSlot, on_delete=models.PROTECT, related_name="bookings")
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["technician", "slot"], name="repairs_technician_once_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} at {self.slot}"


class CourierLeg(models.Model):
    class Direction(models.TextChoices):
        PICKUP = "pickup", _("Pick-up")
        RETURN = "return", _("Return")

    class State(models.TextChoices):
        BOOKED = "booked", _("Booked")
        PICKED_UP = "picked_up", _("Picked up")
        IN_TRANSIT = "in_transit", _("In transit")
        DELIVERED = "delivered", _("Delivered")

    order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="courier_legs")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    carrier = models.CharField(_("carrier"), max_length=60)
    tracking_number = models.CharField(_("tracking number"), max_length=40)
    address = models.CharField(_("address"), max_length=200)
    state = models.CharField(max_length=12, choices=State.choices, default=State.BOOKED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "direction"]
        constraints = [
            models.UniqueConstraint(fields=["order", "direction"], name="repairs_courier_leg_once"),
            models.UniqueConstraint(fields=["carrier", "tracking_number"], name="repairs_tracking_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} {self.direction} {self.tracking_number}"
