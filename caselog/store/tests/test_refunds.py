from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from caselog.audit.models import AuditEvent
from caselog.store.models import Purchase, Refund
from caselog.store.services import (
    AlreadyRefunded,
    business_days_after,
    refund_issue,
    refund_settle_due,
    store_credit_balance,
)
from caselog.store.tests.conftest import english
from caselog.store.tests.factories import PurchaseFactory, StoreItemFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_business_days_skip_weekends():
    friday = date(2026, 11, 27)
    assert business_days_after(friday, 1) == date(2026, 11, 30)
    assert business_days_after(friday, 5) == date(2026, 12, 4)
    assert business_days_after(friday, 7) == date(2026, 12, 8)


def test_card_refund_is_on_its_way_for_five_to_seven_bank_business_days(bob, alice_purchases):
    refund = refund_issue(agent=bob, purchase=alice_purchases["gems"])
    assert refund.state == Refund.State.PROCESSING
    assert refund.destination == Purchase.Source.CARD
    assert refund.amount == Decimal("49.99")
    assert refund.expected_from == business_days_after(refund.created_at.date(), 5)
    assert refund.expected_by == business_days_after(refund.created_at.date(), 7)


def test_store_credit_refund_is_back_at_once(bob, alice):
    purchase = PurchaseFactory(customer=alice, source=Purchase.Source.STORE_CREDIT, card_last4="")
    refund = refund_issue(agent=bob, purchase=purchase)
    assert refund.state == Refund.State.COMPLETED
    assert store_credit_balance(customer=alice) == purchase.amount


def test_a_purchase_is_never_refunded_twice(bob, dora, alice_purchases):
    refund_issue(agent=bob, purchase=alice_purchases["gems"])
    with pytest.raises(AlreadyRefunded):
        refund_issue(agent=dora, purchase=alice_purchases["gems"])
    assert Refund.objects.count() == 1


def test_free_download_has_nothing_to_refund(bob, alice_purchases):
    with pytest.raises(ValidationError):
        refund_issue(agent=bob, purchase=alice_purchases["maps"])


def test_customer_cannot_issue_refunds(alice, alice_purchases):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        refund_issue(agent=alice, purchase=alice_purchases["gems"])


def test_refund_is_audited_and_emailed_to_the_customer(bob, alice_purchases, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refund_issue(agent=bob, purchase=alice_purchases["gems"])
    event = AuditEvent.objects.get(action="store.refund")
    assert event.actor == bob and event.after["amount"] == "49.99"
    assert mail.outbox[0].to == ["alice@example.com"]
    assert alice_purchases["gems"].order_number in mail.outbox[0].subject


def test_card_refunds_settle_after_their_latest_date(bob, alice_purchases):
    refund = refund_issue(agent=bob, purchase=alice_purchases["gems"])
    assert refund_settle_due(today=refund.expected_by - __import__("datetime").timedelta(days=1)) == 0
    assert refund_settle_due(today=refund.expected_by) == 1
    refund.refresh_from_db()
    assert refund.state == Refund.State.COMPLETED


def test_customer_sees_each_refunds_state(bob, alice, alice_purchases):
    refund_issue(agent=bob, purchase=alice_purchases["gems"])
    page = english(client_for(alice)).get("/store/purchases/").content.decode()
    assert "On its way to your bank" in page
    assert "5–7 bank business days" in page


def test_agent_refunds_from_the_console(bob, alice_purchases, alice_dispute_case):
    url = f"/store/console/{alice_dispute_case.number}/refund/{alice_purchases['film'].order_number}/"
    response = client_for(bob).post(url)
    assert response.status_code == 302
    assert Refund.objects.get(purchase=alice_purchases["film"]).case == alice_dispute_case
    again = client_for(bob).post(url, HTTP_HX_REQUEST="true")
    assert again.status_code == 200
    assert Refund.objects.filter(purchase=alice_purchases["film"]).count() == 1


def test_agent_of_another_department_gets_404_on_refund(dora, alice_purchases, alice_dispute_case):
    url = f"/store/console/{alice_dispute_case.number}/refund/{alice_purchases['film'].order_number}/"
    assert client_for(dora).post(url).status_code == 404
    assert not Refund.objects.exists()


def test_customer_gets_404_on_the_refund_action(alice, alice_purchases, alice_dispute_case):
    url = f"/store/console/{alice_dispute_case.number}/refund/{alice_purchases['film'].order_number}/"
    assert client_for(alice).post(url).status_code == 404


def test_order_number_of_another_customer_is_404_in_the_case(bob, charlie, alice_dispute_case):
    other = PurchaseFactory(customer=charlie)
    assert (
        client_for(bob).post(f"/store/console/{alice_dispute_case.number}/refund/{other.order_number}/").status_code
        == 404
    )
    assert not Refund.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks: PostgreSQL only")
def test_two_agents_pressing_refund_at_the_same_moment_refund_once(ru_department):
    from caselog.accounts.tests.factories import UserFactory
    from caselog.cases.tests.factories import agent_create

    agents = [agent_create(departments=[ru_department], languages=["ru"]) for _ in range(8)]
    purchase = PurchaseFactory(customer=UserFactory(), item=StoreItemFactory(price=Decimal("9.99")))
    barrier = threading.Barrier(len(agents))
    outcomes: list[str] = []

    def press(agent) -> None:
        try:
            barrier.wait()
            refund_issue(agent=agent, purchase=purchase)
            outcomes.append("refunded")
        except AlreadyRefunded:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(agent,)) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already"] * (len(agents) - 1) + ["refunded"]
    assert Refund.objects.filter(purchase=purchase).count() == 1
    assert AuditEvent.objects.filter(action="store.refund").count() == 1
