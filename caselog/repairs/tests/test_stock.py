from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from caselog.repairs.models import PartReservation, RepairOrder, StockLevel, StockMovement
from caselog.repairs.selectors import reorder_list
from caselog.repairs.services import part_reserve, stock_move
from caselog.repairs.tests.factories import PartFactory, RepairOrderFactory, StockLevelFactory


@pytest.mark.django_db
def test_receive_adjust_and_transfer_move_stock_and_leave_movements(
    tess: Any, moscow: Any, berlin: Any, display_part: Any, display_stock: Any
) -> None:
    stock_move(actor=tess, part=display_part, location=moscow, kind="receive", quantity=5)
    stock_move(actor=tess, part=display_part, location=moscow, kind="adjust", quantity=-1, reason="Broken in handling")
    stock_move(actor=tess, part=display_part, location=moscow, kind="transfer", quantity=2, to_location=berlin)
    display_stock.refresh_from_db()
    assert display_stock.on_hand == 3 + 5 - 1 - 2
    assert StockLevel.objects.get(part=display_part, location=berlin).on_hand == 2
    kinds = sorted(StockMovement.objects.values_list("kind", flat=True))
    assert kinds == ["adjust", "receive", "transfer_in", "transfer_out"]


@pytest.mark.django_db
def test_adjustment_needs_a_reason(tess: Any, moscow: Any, display_part: Any, display_stock: Any) -> None:
    with pytest.raises(ValidationError) as error:
        stock_move(actor=tess, part=display_part, location=moscow, kind="adjust", quantity=-1)
    assert "reason" in error.value.message_dict


@pytest.mark.django_db
def test_stock_never_goes_below_what_is_reserved(
    tess: Any, moscow: Any, alice_phone: Any, display_part: Any, display_stock: Any
) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    part_reserve(order=order, actor=tess, part=display_part, quantity=2)
    with pytest.raises(ValidationError, match="reserved"):
        stock_move(actor=tess, part=display_part, location=moscow, kind="adjust", quantity=-2, reason="Count")
    display_stock.refresh_from_db()
    assert (display_stock.on_hand, display_stock.reserved) == (3, 2)


@pytest.mark.django_db
def test_database_refuses_negative_stock_even_without_the_service(display_stock: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.filter(pk=display_stock.pk).update(on_hand=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.filter(pk=display_stock.pk).update(reserved=4)


@pytest.mark.django_db
def test_reserving_more_than_available_is_refused_clearly(
    tess: Any, moscow: Any, alice_phone: Any, display_part: Any, display_stock: Any
) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    with pytest.raises(ValidationError, match="3 available, 4 needed"):
        part_reserve(order=order, actor=tess, part=display_part, quantity=4)


@pytest.mark.django_db
def test_part_is_never_reserved_twice_for_one_order(
    tess: Any, moscow: Any, alice_phone: Any, display_part: Any, display_stock: Any
) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    part_reserve(order=order, actor=tess, part=display_part)
    with pytest.raises(ValidationError, match="already reserved"):
        part_reserve(order=order, actor=tess, part=display_part)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartReservation.objects.create(order=order, part=display_part, location=moscow)


@pytest.mark.django_db
def test_unapproved_part_cannot_be_received(tess: Any, moscow: Any, phone_product: Any) -> None:
    with pytest.raises(ValidationError):
        stock_move(
            actor=tess,
            part=PartFactory(product=phone_product, approved=False),
            location=moscow,
            kind="receive",
            quantity=1,
        )


@pytest.mark.django_db
def test_reorder_list_holds_parts_at_or_below_their_level(
    tess: Any, moscow: Any, phone_product: Any, display_stock: Any
) -> None:
    low = StockLevelFactory(part=PartFactory(product=phone_product), location=moscow, on_hand=1, reorder_level=2)
    assert list(reorder_list(user=tess)) == [low]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL")
def test_concurrent_technicians_never_reserve_the_last_part_twice(
    tess: Any, moscow: Any, display_part: Any, phone_product: Any
) -> None:
    from caselog.devices.tests.factories import DeviceFactory

    StockLevelFactory(part=display_part, location=moscow, on_hand=1)
    orders = [RepairOrderFactory(device=DeviceFactory(product=phone_product), location=moscow) for _ in range(6)]
    barrier = threading.Barrier(len(orders))
    outcomes: list[str] = []

    def reserve(order: RepairOrder) -> None:
        try:
            barrier.wait()
            part_reserve(order=order, actor=tess, part=display_part)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=reserve, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 5
    level = StockLevel.objects.get(part=display_part, location=moscow)
    assert (level.on_hand, level.reserved) == (1, 1)
    assert PartReservation.objects.count() == 1
