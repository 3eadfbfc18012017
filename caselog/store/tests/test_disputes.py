from __future__ import annotations

import pytest
from django.test import TestCase

from caselog.cases.models import Message
from caselog.cases.tests.factories import CaseFactory, MessageFactory
from caselog.store.models import DisputedPurchase
from caselog.store.services import dispute_link_orders, order_numbers_in
from caselog.store.tests.factories import PurchaseFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_order_numbers_are_found_in_free_text_whatever_their_case():
    assert order_numbers_in("gems mkz3j8qx2p and film, order: AB23CD45EF.") == {"MKZ3J8QX2P", "AB23CD45EF"}
    assert order_numbers_in("no numbers here, just words") == set()


def test_reported_order_number_is_linked_to_the_customers_purchase(
    alice, alice_purchases, ru_queue, unauthorized_purchases
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        case = CaseFactory(
            customer=alice,
            queue=ru_queue,
            request_type=unauthorized_purchases,
            order_number=alice_purchases["gems"].order_number,
        )
    assert [d.purchase for d in DisputedPurchase.objects.filter(case=case)] == [alice_purchases["gems"]]


def test_reporting_again_on_the_open_case_adds_the_new_order_numbers(alice, alice_purchases, alice_dispute_case):
    with TestCase.captureOnCommitCallbacks(execute=True):
        MessageFactory(
            case=alice_dispute_case,
            kind=Message.Kind.CUSTOMER,
            body=f"Also {alice_purchases['film'].order_number}, and {alice_purchases['gems'].order_number}",
        )
    assert set(DisputedPurchase.objects.filter(case=alice_dispute_case).values_list("purchase_id", flat=True)) == {
        alice_purchases["film"].pk,
        alice_purchases["gems"].pk,
    }
    assert dispute_link_orders(case=alice_dispute_case) == 0


def test_order_numbers_of_another_account_are_not_linked(alice, charlie, alice_dispute_case):
    other = PurchaseFactory(customer=charlie)
    with TestCase.captureOnCommitCallbacks(execute=True):
        MessageFactory(case=alice_dispute_case, kind=Message.Kind.CUSTOMER, body=other.order_number)
    assert not DisputedPurchase.objects.exists()


def test_agent_notes_do_not_create_disputes(alice, bob, alice_purchases, alice_dispute_case):
    with TestCase.captureOnCommitCallbacks(execute=True):
        MessageFactory(
            case=alice_dispute_case, kind=Message.Kind.NOTE, author=bob, body=alice_purchases["film"].order_number
        )
    assert not DisputedPurchase.objects.exists()


def test_other_request_types_are_not_disputes(alice, alice_purchases, alice_case):
    with TestCase.captureOnCommitCallbacks(execute=True):
        MessageFactory(case=alice_case, kind=Message.Kind.CUSTOMER, body=alice_purchases["film"].order_number)
    assert not DisputedPurchase.objects.exists()


def test_customer_report_through_the_contact_service_is_linked(
    alice, alice_purchases, ru_queue, unauthorized_purchases
):
    from caselog.cases.services import case_submit

    with TestCase.captureOnCommitCallbacks(execute=True):
        submission = case_submit(
            submitter=alice,
            locale="ru",
            request_type=unauthorized_purchases,
            subject="Purchases I did not make",
            description="Two purchases I never made.",
            contact_email=alice.email,
            order_number=alice_purchases["gems"].order_number,
        )
    assert DisputedPurchase.objects.filter(case=submission.case, purchase=alice_purchases["gems"]).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        again = case_submit(
            submitter=alice,
            locale="ru",
            request_type=unauthorized_purchases,
            subject="One more",
            description="And this film too.",
            contact_email=alice.email,
            order_number=alice_purchases["film"].order_number,
        )
    assert again.case == submission.case
    assert DisputedPurchase.objects.filter(case=submission.case).count() == 2


def test_console_shows_the_reported_purchases_beside_the_case(
    bob, alice_purchases, alice_dispute_case, django_assert_max_num_queries
):
    DisputedPurchase.objects.create(
        case=alice_dispute_case, purchase=alice_purchases["gems"], reported_at=alice_dispute_case.created_at
    )
    client = client_for(bob)
    client.get(alice_dispute_case.get_absolute_url())
    with django_assert_max_num_queries(60):
        response = client.get(alice_dispute_case.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="panel-store"' in html and 'id="panel-account"' in html
    assert alice_purchases["gems"].order_number in html
    assert 'class="reported"' in html


def test_each_console_panel_needs_few_queries(bob, alice_purchases, alice_dispute_case, django_assert_max_num_queries):
    from django.template.loader import render_to_string

    from caselog.accounts.selectors import account_panel_context
    from caselog.store.selectors import store_panel_context

    DisputedPurchase.objects.create(
        case=alice_dispute_case, purchase=alice_purchases["gems"], reported_at=alice_dispute_case.created_at
    )
    for context, template in (
        (store_panel_context, "store/panel_store.html"),
        (account_panel_context, "accounts/panel_account.html"),
    ):
        with django_assert_max_num_queries(8):
            render_to_string(template, {"panel": context(bob, alice_dispute_case)})
