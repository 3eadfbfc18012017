"""Writes for the repair center. Each service runs in one transaction, checks its actor,
audits staff actions, writes repair steps to the device's history and emails the customer
after commit. Stock and slots are changed under row locks, and database constraints stop
what a lock might miss (negative stock, over-reservation, a full slot, a double-booked
technician)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.core.events import event_emit
from caselog.devices.models import Device, DeviceEvent
from caselog.devices.selectors import coverage_for, device_list_visible_to, is_console_user
from caselog.devices.services import device_history_add
from caselog.repairs.events import REPAIR_STATUS_CHANGED
from caselog.repairs.models import (
    Booking,
    CourierLeg,
    OrderPart,
    Part,
    PartReservation,
    RepairEvent,
    RepairOrder,
    RepairType,
    ServiceLocation,
    ServiceSlot,
    StockLevel,
    StockMovement,
)
from caselog.repairs.selectors import booking_open, can_work_order, is_repair_staff
from caselog.repairs.tasks import send_repair_status_email

State = RepairOrder.State
Mode = RepairOrder.Mode


# Orders ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarrantyCheck:
    covered: bool
    reason: str
    previous: RepairOrder | None


def warranty_check(*, device: Device, repair_type: RepairType) -> WarrantyCheck:
    """Is a new repair of this fault covered? Yes when the same fault was repaired on this device
    and that repair's warranty still runs, or when the hardware warranty covers this kind of fault."""
    today = timezone.localdate()
    previous = (
        RepairOrder.objects.filter(
            device=device, repair_type=repair_type, state=State.RETURNED, warranty_until__gte=today
        )
        .order_by("-warranty_until")
        .first()
    )
    if previous is not None:
        reason = _("Same fault repaired in %(number)s; its repair warranty runs until %(until)s.") % {
            "number": previous.number,
            "until": previous.warranty_until,
        }
        return WarrantyCheck(True, reason, previous)
    coverage = coverage_for(device=device)
    if repair_type.covered_by_hardware_warranty and coverage.hardware_active:
        reason = _("Hardware warranty active until %(until)s.") % {"until": coverage.hardware_until}
        return WarrantyCheck(True, reason, None)
    return WarrantyCheck(False, "", None)


def repair_order_create(
    *,
    actor: User,
    device: Device,
    location: ServiceLocation,
    repair_type: RepairType,
    mode: str,
    fault: str,
    case: object | None = None,
) -> RepairOrder:
    """Open a repair order: an agent escalating a case (the device and fault come from it) or a
    technician taking in a walk-in at their location. The repair warranty is re-checked here."""
    from caselog.cases.models import Case
    from caselog.cases.selectors import case_list_visible_to

    if isinstance(case, Case):
        if not is_console_user(actor) or not case_list_visible_to(user=actor).filter(pk=case.pk).exists():
            raise PermissionDenied
        if not device_list_visible_to(user=actor).filter(pk=device.pk).exists():
            raise PermissionDenied
        if case.customer_id is None or device.owner_id != case.customer_id:
            raise ValidationError({"device": _("Choose a device that belongs to the case's customer.")})
    elif not is_repair_staff(actor) or not (actor.is_manager or location.technicians.filter(pk=actor.pk).exists()):
        raise PermissionDenied
    if device.owner_id is None:
        raise ValidationError({"device": _("This device has no registered owner to return it to.")})
    if mode not in Mode.values:
        raise ValidationError({"mode": _("Choose a service mode.")})
    fault = fault.strip()
    if not fault:
        raise ValidationError({"fault": _("Describe the fault.")})
    check = warranty_check(device=device, repair_type=repair_type)
    with transaction.atomic():
        order = RepairOrder.objects.create(
            number=uuid4().hex[:20],
            device=device,
            customer_id=device.owner_id,
            case=case if isinstance(case, Case) else None,
            location=location,
            repair_type=repair_type,
            mode=mode,
            fault=fault,
            covered=check.covered,
            coverage_reason=check.reason[:200],
            warranty_claim_of=check.previous,
            created_by=actor,
        )
        order.number = f"R-{order.pk:06d}"
        order.save(update_fields=["number"])
        note = check.reason if check.covered else ""
        _event_write(order=order, actor=actor, from_state="", note=note)
        audit_record(
            actor=actor,
            action="repair.create",
            target=order,
            after={"device": device.serial, "mode": mode, "covered": check.covered, "location": location.slug},
        )
    return order


def _event_write(
    *, order: RepairOrder, actor: User | None, from_state: str, note: str = "", note_public: bool = False
) -> RepairEvent:
    event = RepairEvent.objects.create(
        order=order, from_state=from_state, to_state=order.state, note=note[:300], note_public=note_public, actor=actor
    )
    title = _("Repair %(number)s: %(state)s") % {"number": order.number, "state": order.get_state_display()}
    device_history_add(
        device=order.device,
        kind=DeviceEvent.Kind.REPAIR,
        title=title,
        detail=(note[:300] if note_public else "") or order.repair_type.name,
        actor=actor,
        source="repairs",
        reference=f"order-{order.pk}-event-{event.pk}",
    )
    transaction.on_commit(lambda: send_repair_status_email.enqueue(event_id=event.pk))
    if event.from_state != event.to_state:
        event_emit(REPAIR_STATUS_CHANGED, order, {"previous_state": from_state})
    return event


# The state machine: (state, action) -> next state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.INTAKE, "start_diagnosis"): State.DIAGNOSIS,
    (State.DIAGNOSIS, "send_quote"): State.QUOTE,
    (State.QUOTE, "reserve_parts"): State.PARTS_RESERVED,
    (State.QUOTE, "decline"): State.CANCELLED,
    (State.PARTS_RESERVED, "start_repair"): State.IN_REPAIR,
    (State.IN_REPAIR, "finish_repair"): State.QUALITY_CHECK,
    (State.QUALITY_CHECK, "pass_check"): State.READY,
    (State.QUALITY_CHECK, "fail_check"): State.IN_REPAIR,
    (State.READY, "return"): State.RETURNED,
    **{(state, "cancel"): State.CANCELLED for state in State.values if state not in ("returned", "cancelled")},
}

ACTION_LABELS = {
    "start_diagnosis": gettext_noop("Start diagnosis"),
    "send_quote": gettext_noop("Send the quote"),
    "reserve_parts": gettext_noop("Reserve the parts"),
    "decline": gettext_noop("Record the customer's decline"),
    "start_repair": gettext_noop("Start the repair"),
    "finish_repair": gettext_noop("Repair done: to quality check"),
    "pass_check": gettext_noop("Quality check passed"),
    "fail_check": gettext_noop("Quality check failed: back to repair"),
    "return": gettext_noop("Returned to the customer"),
    "cancel": gettext_noop("Cancel the repair"),
}


def actions_for(*, order: RepairOrder) -> list[str]:
    return [action for (state, action) in TRANSITIONS if state == order.state]


def repair_transition(
    *,
    order: RepairOrder,
    actor: User,
    action: str,
    note: str = "",
    customer_present: bool = False,
    note_public: bool = False,
) -> RepairOrder:
    """Move the order one step through its state machine. An action that does not apply to the
    current state, or whose preconditions fail, is refused with a message that says why."""
    if not can_work_order(user=actor, order=order):
        raise PermissionDenied
    with transaction.atomic():
        order = RepairOrder.objects.select_for_update().select_related("repair_type", "device").get(pk=order.pk)
        target = TRANSITIONS.get((order.state, action))
        if target is None:
            raise ValidationError(
                _("A repair in state “%(state)s” cannot do “%(action)s”.")
                % {"state": order.get_state_display(), "action": _(ACTION_LABELS.get(action, action))},
                code="illegal_transition",
            )
        before = order.state
        GUARDS.get(action, _no_guard)(order, actor, note, customer_present)
        order.state = target
        if order.technician_id is None and action != "cancel":
            order.technician = actor
        order.save()
        _event_write(order=order, actor=actor, from_state=before, note=note, note_public=note_public)
        audit_record(
            actor=actor,
            action=f"repair.{action}",
            target=order,
            before={"state": before},
            after={"state": target, "note": note[:300], "note_public": note_public},
        )
    return order


def _no_guard(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    return None


def _guard_start_diagnosis(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if order.mode == Mode.COURIER:
        leg = order.courier_legs.filter(direction=CourierLeg.Direction.PICKUP).first()
        if leg is None or leg.state != CourierLeg.State.DELIVERED:
            raise ValidationError(_("The courier has not delivered the device to the service center yet."))


def _guard_send_quote(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if not order.diagnosis.strip():
        raise ValidationError({"diagnosis": _("Write the diagnosis before sending the quote.")})
    if order.covered:
        order.quote_amount = Decimal("0")
    else:
        parts = sum(
            (line.part.price * line.quantity for line in order.needed_parts.select_related("part")), Decimal("0")
        )
        order.quote_amount = order.repair_type.labour_price + parts
    order.quote_decision = RepairOrder.QuoteDecision.PENDING


def _guard_reserve_parts(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if order.quote_decision != RepairOrder.QuoteDecision.ACCEPTED:
        raise ValidationError(_("The customer has not accepted the quote yet."))
    lines = list(order.needed_parts.select_related("part").order_by("part_id"))
    for line in lines:
        _reserve(order=order, part=line.part, quantity=line.quantity, actor=actor)


def _guard_decline(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    order.quote_decision = RepairOrder.QuoteDecision.DECLINED


def _guard_start_repair(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if order.mode == Mode.ON_SITE:
        if not hasattr(order, "booking"):
            raise ValidationError(_("Book the visit first."))
        if not customer_present:
            raise ValidationError(_("On-site repairs happen in the customer's presence: confirm they are there."))
        order.customer_present_confirmed = True


def _guard_finish_repair(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    reservations = order.reservations.select_for_update().filter(status=PartReservation.Status.RESERVED)
    for reservation in reservations.order_by("part_id"):
        stock = StockLevel.objects.select_for_update().get(part=reservation.part, location=reservation.location)
        stock.on_hand -= reservation.quantity
        stock.reserved -= reservation.quantity
        stock.save(update_fields=["on_hand", "reserved"])
        reservation.status = PartReservation.Status.CONSUMED
        reservation.save(update_fields=["status"])
        StockMovement.objects.create(
            part=reservation.part,
            location=reservation.location,
            kind=StockMovement.Kind.CONSUME,
            quantity=-reservation.quantity,
            order=order,
            actor=actor,
        )


def _guard_fail_check(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if not note.strip():
        raise ValidationError({"note": _("Say what failed the quality check.")})


def _guard_return(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if order.mode == Mode.COURIER:
        leg = order.courier_legs.filter(direction=CourierLeg.Direction.RETURN).first()
        if leg is None or leg.state != CourierLeg.State.DELIVERED:
            raise ValidationError(_("The return courier has not delivered the device to the customer yet."))
    now = timezone.now()
    order.returned_at = now
    order.warranty_until = timezone.localdate(now) + timedelta(days=order.repair_type.warranty_days)


def _guard_cancel(order: RepairOrder, actor: User, note: str, customer_present: bool) -> None:
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for cancelling.")})
    _release_all(order=order, actor=actor)


GUARDS: dict[str, Callable[[RepairOrder, User, str, bool], None]] = {
    "start_diagnosis": _guard_start_diagnosis,
    "send_quote": _guard_send_quote,
    "reserve_parts": _guard_reserve_parts,
    "decline": _guard_decline,
    "start_repair": _guard_start_repair,
    "finish_repair": _guard_finish_repair,
    "fail_check": _guard_fail_check,
    "return": _guard_return,
    "cancel": _guard_cancel,
}


def repair_diagnosis_save(*, order: RepairOrder, actor: User, diagnosis: str) -> RepairOrder:
    """The technician writes what they found (only while diagnosing)."""
    if not can_work_order(user=actor, order=order):
        raise PermissionDenied
    if order.state != State.DIAGNOSIS:
        raise ValidationError(_("The diagnosis can only be changed while the repair is in diagnosis."))
    with transaction.atomic():
        before = order.diagnosis
        order.diagnosis = diagnosis.strip()
        order.save(update_fields=["diagnosis", "updated_at"])
        audit_record(actor=actor, action="repair.diagnosis", target=order, before={"diagnosis": before[:300]})
    return order


def repair_part_add(*, order: RepairOrder, actor: User, part: Part, quantity: int) -> OrderPart:
    """Add a part the repair needs. Only approved parts for this device's product are allowed."""
    if not can_work_order(user=actor, order=order):
        raise PermissionDenied
    if order.state != State.DIAGNOSIS:
        raise ValidationError(_("Parts are chosen during diagnosis."))
    if not part.approved or part.product_id != order.device.product_id:
        raise ValidationError({"part": _("Only approved parts for this product can be used.")})
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter at least 1.")})
    with transaction.atomic():
        line, created = OrderPart.objects.get_or_create(order=order, part=part, defaults={"quantity": quantity})
        if not created:
            line.quantity = quantity
            line.save(update_fields=["quantity"])
        audit_record(actor=actor, action="repair.part_add", target=order, after={"part": part.sku, "qty": quantity})
    return line


def repair_quote_decide(*, order: RepairOrder, user: User, accept: bool) -> RepairOrder:
    """The customer accepts or declines the quote (or a technician records their answer).
    A declined quote cancels the repair; the device goes back unrepaired."""
    is_owner = order.customer_id == user.pk
    if not is_owner and not can_work_order(user=user, order=order):
        raise PermissionDenied
    with transaction.atomic():
        order = RepairOrder.objects.select_for_update().get(pk=order.pk)
        if order.state != State.QUOTE or order.quote_decision != RepairOrder.QuoteDecision.PENDING:
            raise ValidationError(_("This quote is not waiting for an answer."))
        if not accept:
            order.quote_decision = RepairOrder.QuoteDecision.DECLINED
            order.state = State.CANCELLED
            order.save(update_fields=["quote_decision", "state", "updated_at"])
            _event_write(order=order, actor=user, from_state=State.QUOTE, note=_("Quote declined."))
        else:
            order.quote_decision = RepairOrder.QuoteDecision.ACCEPTED
            order.save(update_fields=["quote_decision", "updated_at"])
            device_history_add(
                device=order.device,
                kind=DeviceEvent.Kind.REPAIR,
                title=_("Repair %(number)s: quote accepted") % {"number": order.number},
                actor=user,
                source="repairs",
                reference=f"order-{order.pk}-quote-accepted",
            )
        audit_record(actor=user, action="repair.quote_accept" if accept else "repair.quote_decline", target=order)
    return order


# Stock -----------------------------------------------------------------------------------


def _stock_locked(*, part: Part, location: ServiceLocation) -> StockLevel:
    StockLevel.objects.get_or_create(part=part, location=location)
    return StockLevel.objects.select_for_update().get(part=part, location=location)


def _reserve(*, order: RepairOrder, part: Part, quantity: int, actor: User) -> PartReservation:
    if not part.approved:
        raise ValidationError(_("%(sku)s is not an approved part.") % {"sku": part.sku})
    stock = _stock_locked(part=part, location=order.location)
    if stock.available < quantity:
        raise ValidationError(
            _("Not enough %(part)s at %(location)s: %(available)d available, %(needed)d needed.")
            % {"part": part.name, "location": order.location.name, "available": stock.available, "needed": quantity}
        )
    if order.reservations.filter(part=part, status=PartReservation.Status.RESERVED).exists():
        raise ValidationError(_("%(part)s is already reserved for this repair.") % {"part": part.name})
    stock.reserved += quantity
    stock.save(update_fields=["reserved"])
    StockMovement.objects.create(
        part=part, location=order.location, kind=StockMovement.Kind.RESERVE, quantity=quantity, order=order, actor=actor
    )
    return PartReservation.objects.create(order=order, part=part, location=order.location, quantity=quantity)


def _release_all(*, order: RepairOrder, actor: User) -> None:
    reservations = order.reservations.select_for_update().filter(status=PartReservation.Status.RESERVED)
    for reservation in reservations.order_by("part_id"):
        stock = StockLevel.objects.select_for_update().get(part=reservation.part, location=reservation.location)
        stock.reserved -= reservation.quantity
        stock.save(update_fields=["reserved"])
        reservation.status = PartReservation.Status.RELEASED
        reservation.save(update_fields=["status"])
        StockMovement.objects.create(
            part=reservation.part,
            location=reservation.location,
            kind=StockMovement.Kind.RELEASE,
            quantity=-reservation.quantity,
            order=order,
            actor=actor,
        )


def part_reserve(*, order: RepairOrder, actor: User, part: Part, quantity: int = 1) -> PartReservation:
    """Reserve one approved part for an order (on its own, e.g. an extra part found during repair).
    Two technicians racing for the last unit: one wins, the other is told there is none left."""
    if not can_work_order(user=actor, order=order):
        raise PermissionDenied
    if part.product_id != order.device.product_id:
        raise ValidationError({"part": _("Only approved parts for this product can be used.")})
    with transaction.atomic():
        reservation = _reserve(order=order, part=part, quantity=quantity, actor=actor)
        audit_record(actor=actor, action="repair.part_reserve", target=order, after={"part": part.sku})
    return reservation


STOCK_KINDS = ("receive", "return", "adjust", "transfer")


def stock_move(
    *,
    actor: User,
    part: Part,
    location: ServiceLocation,
    kind: str,
    quantity: int,
    reason: str = "",
    to_location: ServiceLocation | None = None,
) -> StockMovement:
    """Receive, return to stock, adjust (with a reason; may be negative) or transfer to another
    location. Stock never goes below what is on hand minus what is reserved for orders."""
    if not is_repair_staff(actor):
        raise PermissionDenied
    reason = reason.strip()
    if kind not in STOCK_KINDS:
        raise ValidationError({"kind": _("Choose a movement.")})
    if quantity == 0 or (kind != "adjust" and quantity < 0):
        raise ValidationError({"quantity": _("Enter a quantity above zero.")})
    if kind == "adjust" and not reason:
        raise ValidationError({"reason": _("An adjustment needs a reason.")})
    if kind == "transfer" and (to_location is None or to_location.pk == location.pk):
        raise ValidationError({"to_location": _("Choose another location to transfer to.")})
    if not part.approved and kind in ("receive", "transfer"):
        raise ValidationError({"part": _("Only approved parts can be stocked.")})
    with transaction.atomic():
        locations = [location] + ([to_location] if to_location is not None else [])
        locked = {loc.pk: _stock_locked(part=part, location=loc) for loc in sorted(locations, key=lambda x: x.pk)}
        stock = locked[location.pk]
        change = -quantity if kind == "transfer" else quantity
        if stock.on_hand + change < stock.reserved:
            raise ValidationError(
                {
                    "quantity": _("Only %(available)d can leave stock: %(reserved)d are reserved for repairs.")
                    % {"available": stock.available, "reserved": stock.reserved}
                }
            )
        stock.on_hand += change
        stock.save(update_fields=["on_hand"])
        movement_kind = {
            "receive": StockMovement.Kind.RECEIVE,
            "return": StockMovement.Kind.RETURN,
            "adjust": StockMovement.Kind.ADJUST,
            "transfer": StockMovement.Kind.TRANSFER_OUT,
        }[kind]
        movement = StockMovement.objects.create(
            part=part, location=location, kind=movement_kind, quantity=change, reason=reason[:200], actor=actor
        )
        if to_location is not None:
            target = locked[to_location.pk]
            target.on_hand += quantity
            target.save(update_fields=["on_hand"])
            StockMovement.objects.create(
                part=part,
                location=to_location,
                kind=StockMovement.Kind.TRANSFER_IN,
                quantity=quantity,
                reason=reason[:200],
                actor=actor,
            )
        audit_record(
            actor=actor,
            action=f"stock.{kind}",
            target=stock,
            before={"on_hand": stock.on_hand - change},
            after={"on_hand": stock.on_hand, "reason": reason[:200]},
        )
    return movement


# Bookings and courier --------------------------------------------------------------------


def slot_book(*, order: RepairOrder, user: User, slot: ServiceSlot, address: str = "") -> Booking:
    """Book (or move) the order's drop-off slot or on-site visit window. The slot row is locked
    and its counter is capped by a constraint; an on-site visit takes a technician of the
    location who has no other visit at that time (technician rows locked while choosing)."""
    if order.customer_id != user.pk and not can_work_order(user=user, order=order):
        raise PermissionDenied
    if order.mode == Mode.COURIER:
        raise ValidationError(_("Courier repairs are picked up; there is no slot to book."))
    if not booking_open(order=order):
        raise ValidationError(_("This repair can no longer be booked."))
    wanted_kind = ServiceSlot.Kind.ON_SITE if order.mode == Mode.ON_SITE else ServiceSlot.Kind.IN_STORE
    address = address.strip() if order.mode == Mode.ON_SITE else ""
    if order.mode == Mode.ON_SITE and not address:
        raise ValidationError({"address": _("Enter the address where the technician should come.")})
    with transaction.atomic():
        slot = ServiceSlot.objects.select_for_update().get(pk=slot.pk)
        if slot.location_id != order.location_id or slot.kind != wanted_kind:
            raise ValidationError({"slot": _("Choose one of the offered times.")})
        if slot.starts_at <= timezone.now():
            raise ValidationError({"slot": _("This time has passed; choose a later one.")})
        if slot.booked >= slot.capacity:
            raise ValidationError({"slot": _("This time has just been fully booked; choose another.")})
        existing = Booking.objects.select_for_update().filter(order=order).first()
        if existing is not None and existing.slot_id == slot.pk:
            raise ValidationError({"slot": _("You have already booked this time.")})
        technician = None
        if order.mode == Mode.ON_SITE:
            technician = _free_technician(order=order, slot=slot, replacing=existing)
            if technician is None:
                raise ValidationError({"slot": _("No technician is free at this time; choose another.")})
        if existing is not None:
            old = ServiceSlot.objects.select_for_update().get(pk=existing.slot_id)
            old.booked -= 1
            old.save(update_fields=["booked"])
            existing.delete()
        slot.booked += 1
        slot.save(update_fields=["booked"])
        booking = Booking.objects.create(order=order, slot=slot, technician=technician, address=address[:200])
        after = {"slot": str(slot), "technician": technician.pk if technician else None}
        audit_record(actor=user, action="repair.book", target=order, after=after)
        device_history_add(
            device=order.device,
            kind=DeviceEvent.Kind.SERVICE,
            title=_("Repair %(number)s: booked for %(when)s")
            % {"number": order.number, "when": timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")},
            actor=user,
            source="repairs",
            reference=f"order-{order.pk}-booking-{booking.pk}",
        )
    return booking


def _free_technician(*, order: RepairOrder, slot: ServiceSlot, replacing: Booking | None) -> User | None:
    candidates = list(
        User.objects.select_for_update().filter(service_locations=order.location, is_active=True).order_by("pk")
    )
    for technician in candidates:
        busy = Booking.objects.filter(
            technician=technician, slot__starts_at__lt=slot.ends_at, slot__ends_at__gt=slot.starts_at
        )
        if replacing is not None:
            busy = busy.exclude(pk=replacing.pk)
        if not busy.exists():
            return technician
    return None


def courier_leg_book(
    *, order: RepairOrder, actor: User, direction: str, carrier: str, tracking_number: str, address: str
) -> CourierLeg:
    """Book the pick-up (at intake) or the return leg (once the repair is ready)."""
    if not can_work_order(user=actor, order=order):
        raise PermissionDenied
    if order.mode != Mode.COURIER:
        raise ValidationError(_("Only courier repairs have courier legs."))
    if direction not in CourierLeg.Direction.values:
        raise ValidationError({"direction": _("Choose pick-up or return.")})
    if direction == CourierLeg.Direction.PICKUP and order.state != State.INTAKE:
        raise ValidationError(_("The pick-up is booked at intake."))
    if direction == CourierLeg.Direction.RETURN and order.state not in (State.READY, State.CANCELLED):
        raise ValidationError(_("The return is booked once the repair is ready."))
    errors = {}
    for name, value in (("carrier", carrier), ("tracking_number", tracking_number), ("address", address)):
        if not value.strip():
            errors[name] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    carrier, tracking_number, address = carrier.strip()[:60], tracking_number.strip()[:40], address.strip()[:200]
    try:
        with transaction.atomic():
            # The order row is the lock: two identical bookings at the same moment queue here
            # (PostgreSQL); SQLite serialises the writers, and the unique constraints catch
            # whatever a check before the insert could not see.
            RepairOrder.objects.select_for_update().filter(pk=order.pk).first()
            booked = order.courier_legs.filter(direction=direction).first()
            if booked is not None:
                if (booked.carrier, booked.tracking_number, booked.address) == (carrier, tracking_number, address):
                    return booked  # the same booking again (a double click, a retry): done once
                raise ValidationError(_("This leg is already booked."))
            if CourierLeg.objects.filter(carrier=carrier, tracking_number=tracking_number).exists():
                raise ValidationError({"tracking_number": _("This tracking number is already in use.")})
            leg = CourierLeg.objects.create(
                order=order, direction=direction, carrier=carrier, tracking_number=tracking_number, address=address
            )
            audit_record(actor=actor, action="repair.courier_book", target=order, after={"leg": str(leg)})
            _leg_history(leg=leg, actor=actor)
    except IntegrityError:
        # Lost the race to an identical booking: answer as the winner did.
        booked = order.courier_legs.filter(direction=direction).first()
        if booked is not None and (booked.carrier, booked.tracking_number) == (carrier, tracking_number):
            return booked
        raise ValidationError({"tracking_number": _("This tracking number is already in use.")}) from None
    return leg


LEG_ORDER = list(CourierLeg.State.values)


def courier_leg_advance(*, leg: CourierLeg, actor: User, state: str) -> CourierLeg:
    """Record the carrier's progress; a leg only moves forward."""
    if not can_work_order(user=actor, order=leg.order):
        raise PermissionDenied
    if state not in LEG_ORDER:
        raise ValidationError({"state": _("Unknown courier state.")})
    with transaction.atomic():
        leg = CourierLeg.objects.select_for_update().get(pk=leg.pk)
        if LEG_ORDER.index(state) <= LEG_ORDER.index(leg.state):
            raise ValidationError(
                _("The leg is already “%(state)s”; it only moves forward.") % {"state": leg.get_state_display()}
            )
        before = leg.state
        leg.state = state
        leg.save(update_fields=["state", "updated_at"])
        audit_record(actor=actor, action="repair.courier_state", target=leg.order, before={"leg": before})
        _leg_history(leg=leg, actor=actor)
    return leg


def _leg_history(*, leg: CourierLeg, actor: User) -> None:
    device_history_add(
        device=leg.order.device,
        kind=DeviceEvent.Kind.SERVICE,
        title=_("Repair %(number)s: courier %(direction)s %(tracking)s %(state)s")
        % {
            "number": leg.order.number,
            "direction": leg.get_direction_display(),
            "tracking": leg.tracking_number,
            "state": leg.get_state_display(),
        },
        actor=actor,
        source="repairs",
        reference=f"leg-{leg.pk}-{leg.state}",
    )


def open_states() -> Q:
    return ~Q(state__in=[State.RETURNED, State.CANCELLED])
