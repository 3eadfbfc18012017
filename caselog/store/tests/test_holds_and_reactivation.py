from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from caselog.accounts.models import SecurityLock
from caselog.audit.models import AuditEvent
from caselog.store.models import PurchaseHold, ReactivationAttempt
from caselog.store.services import purchase_hold_active, purchase_hold_place, reactivation_attempt
from caselog.store.tests.conftest import english
from caselog.store.tests.factories import PurchaseHoldFactory
from conftest import client_for

pytestmark = pytest.mark.django_db

ADDRESS = "Tverskaya ul. 7, kv. 12, 125009 Moscow"


@pytest.fixture
def held(alice, bob, alice_purchases):
    return PurchaseHoldFactory(customer=alice, placed_by=bob)


def test_agent_disables_downloads_and_purchases_from_the_console_and_it_is_audited(bob, alice, alice_dispute_case):
    response = client_for(bob).post(
        f"/store/console/{alice_dispute_case.number}/hold/", {"hold-reason": "Reported gems"}
    )
    assert response.status_code == 302
    hold = purchase_hold_active(customer=alice)
    assert hold is not None and hold.case == alice_dispute_case and hold.reason == "Reported gems"
    event = AuditEvent.objects.get(action="store.hold_place")
    assert event.actor == bob and event.after["held"] is True


def test_placing_a_hold_twice_keeps_one_active_hold(bob, alice):
    first = purchase_hold_place(agent=bob, customer=alice, reason="one")
    assert purchase_hold_place(agent=bob, customer=alice, reason="two") == first
    assert PurchaseHold.objects.count() == 1


def test_hold_form_without_a_reason_is_shown_again_with_the_error(bob, alice_dispute_case):
    response = english(client_for(bob)).post(f"/store/console/{alice_dispute_case.number}/hold/", {"hold-reason": ""})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not PurchaseHold.objects.exists()


def test_agent_of_another_department_gets_404_on_hold(dora, alice_dispute_case):
    assert (
        client_for(dora).post(f"/store/console/{alice_dispute_case.number}/hold/", {"hold-reason": "x"}).status_code
        == 404
    )
    assert not PurchaseHold.objects.exists()


def test_guest_case_has_no_account_to_hold(bob, ru_queue, unauthorized_purchases):
    from caselog.cases.tests.factories import CaseFactory

    case = CaseFactory(
        customer=None, contact_email="guest@example.com", queue=ru_queue, request_type=unauthorized_purchases
    )
    assert client_for(bob).post(f"/store/console/{case.number}/hold/", {"hold-reason": "x"}).status_code == 404


def test_billing_address_and_last_order_number_reactivate_the_account(bob, alice, held, alice_purchases):
    reactivation_attempt(
        agent=bob, customer=alice, billing_address=ADDRESS, order_number=alice_purchases["film"].order_number.lower()
    )
    assert purchase_hold_active(customer=alice) is None
    assert AuditEvent.objects.filter(action="store.hold_lift", actor=bob).exists()


def test_billing_address_and_the_name_of_an_app_ever_downloaded_reactivate_the_account(bob, alice, held):
    reactivation_attempt(
        agent=bob, customer=alice, billing_address="tverskaya ul 7 kv 12  125009 MOSCOW", app_name="offline maps"
    )
    assert purchase_hold_active(customer=alice) is None


def test_a_film_is_not_an_app(bob, alice, held):
    with pytest.raises(ValidationError):
        reactivation_attempt(agent=bob, customer=alice, billing_address=ADDRESS, app_name="Night Train")
    assert purchase_hold_active(customer=alice) is not None


def test_an_older_order_number_is_not_the_last_one(bob, alice, held, alice_purchases):
    with pytest.raises(ValidationError):
        reactivation_attempt(
            agent=bob, customer=alice, billing_address=ADDRESS, order_number=alice_purchases["notes"].order_number
        )


def test_the_right_order_number_without_the_billing_address_is_not_enough(bob, alice, held, alice_purchases):
    with pytest.raises(ValidationError):
        reactivation_attempt(
            agent=bob,
            customer=alice,
            billing_address="Somewhere else 1",
            order_number=alice_purchases["film"].order_number,
        )
    assert purchase_hold_active(customer=alice) is not None


def test_every_attempt_is_audited_without_the_answers(bob, alice, held, alice_purchases):
    with pytest.raises(ValidationError):
        reactivation_attempt(agent=bob, customer=alice, billing_address="Wrong street", order_number="XXXXXXXXXX")
    reactivation_attempt(
        agent=bob, customer=alice, billing_address=ADDRESS, order_number=alice_purchases["film"].order_number
    )
    events = AuditEvent.objects.filter(action="store.reactivation_attempt").order_by("id")
    assert [e.after["succeeded"] for e in events] == [False, True]
    assert "Wrong street" not in str(events[0].after)


def test_wrong_answers_are_rate_limited_even_before_the_right_ones(bob, alice, held, alice_purchases, settings):
    for _ in range(settings.REACTIVATION_MAX_FAILURES):
        with pytest.raises(ValidationError):
            reactivation_attempt(agent=bob, customer=alice, billing_address="Wrong", app_name="Nope")
    with pytest.raises(ValidationError) as error:
        reactivation_attempt(
            agent=bob, customer=alice, billing_address=ADDRESS, order_number=alice_purchases["film"].order_number
        )
    assert error.value.code == "rate_limited"
    assert purchase_hold_active(customer=alice) is not None
    assert ReactivationAttempt.objects.filter(customer=alice).count() == settings.REACTIVATION_MAX_FAILURES


def test_reactivation_also_re_enables_sign_in(bob, alice, held, alice_purchases):
    from django.utils import timezone

    SecurityLock.objects.create(user=alice, locked_at=timezone.now())
    reactivation_attempt(agent=bob, customer=alice, billing_address=ADDRESS, app_name="Notes Pro")
    assert not SecurityLock.objects.filter(user=alice, lifted_at__isnull=True).exists()


def test_reactivation_form_keeps_what_was_typed_and_shows_the_error(bob, alice_dispute_case, held):
    response = english(client_for(bob)).post(
        f"/store/console/{alice_dispute_case.number}/reactivate/",
        {"reactivate-billing_address": "Wrong street 5", "reactivate-order_number": "", "reactivate-app_name": ""},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Wrong street 5" in html and "Give the order number or an app name." in html
    wrong = english(client_for(bob)).post(
        f"/store/console/{alice_dispute_case.number}/reactivate/",
        {"reactivate-billing_address": "Wrong street 5", "reactivate-app_name": "Nope"},
    )
    assert wrong.status_code == 422 and "The answers do not match the account." in wrong.content.decode()


def test_agent_reactivates_from_the_console(bob, alice, alice_dispute_case, held, alice_purchases):
    response = client_for(bob).post(
        f"/store/console/{alice_dispute_case.number}/reactivate/",
        {"reactivate-billing_address": ADDRESS, "reactivate-order_number": alice_purchases["film"].order_number},
    )
    assert response.status_code == 302
    assert purchase_hold_active(customer=alice) is None


def test_agent_of_another_department_gets_404_on_reactivation(dora, alice_dispute_case, held):
    response = client_for(dora).post(
        f"/store/console/{alice_dispute_case.number}/reactivate/", {"reactivate-billing_address": ADDRESS}
    )
    assert response.status_code == 404


def test_the_hold_reason_is_suggested_only_on_a_case_that_reports_purchases(
    bob, alice, alice_case, alice_dispute_case, alice_purchases
):
    # Found trying it: an unrelated case's store panel came pre-filled with "Unauthorized
    # purchases reported" next to the red button.
    from caselog.store.models import DisputedPurchase
    from caselog.store.selectors import store_panel_context

    unrelated = store_panel_context(bob, alice_case)
    assert unrelated is not None and unrelated["hold_form"]["reason"].value() in (None, "")
    DisputedPurchase.objects.create(
        case=alice_dispute_case, purchase=alice_purchases["gems"], reported_at=alice_dispute_case.created_at
    )
    reporting = store_panel_context(bob, alice_dispute_case)
    assert reporting is not None and alice_dispute_case.number in reporting["hold_form"]["reason"].value()
