from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from caselog.cases.models import Case, Message
from conftest import client_for

pytestmark = pytest.mark.django_db


def _form(request_type: Any, /, **overrides: Any) -> dict[str, Any]:
    data = {
        "product_group": request_type.topic.product_group_id,
        "topic": request_type.topic_id,
        "request_type": request_type.pk,
        "subject": "Телефон не заряжается",
        "description": "После падения телефон перестал заряжаться от любого кабеля.",
        "contact_name": "Гость",
        "contact_email": "guest@example.org",
        "contact_method": "email",
        "contact_phone": "",
        "order_number": "",
    }
    data.update(overrides)
    return data


def _post(client: Any, data: dict[str, Any], language: str = "ru") -> Any:
    return client.post(reverse("cases:contact"), data, HTTP_ACCEPT_LANGUAGE=language, follow=True)


def test_guest_request_creates_case_routed_to_russian_queue_and_emails_private_link(
    client, wont_charge, ru_queue, de_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, _form(wont_charge))
    case = Case.objects.get()
    assert case.queue == ru_queue
    assert case.locale == "ru"
    assert case.customer is None
    assert case.number in response.content.decode()
    assert "48" in response.content.decode()
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/follow/" in line)
    follow = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert follow.status_code == 200
    assert "После падения" in follow.content.decode()


def test_german_customer_is_routed_to_german_queue(client, wont_charge, ru_queue, de_queue):
    _post(
        client,
        _form(wont_charge, subject="Lädt nicht", description="Mein iPhone lädt seit gestern nicht mehr."),
        language="de",
    )
    assert Case.objects.get().queue == de_queue


def test_among_several_russian_departments_the_least_loaded_queue_gets_the_case(
    client, wont_charge, ru_queue, iphone, store_group
):
    from caselog.cases.tests.factories import CaseFactory, DepartmentFactory, QueueFactory

    second = QueueFactory(
        department=DepartmentFactory(name="Russian, Almaty", language="ru", country="KZ"), product_groups=[iphone]
    )
    CaseFactory(queue=ru_queue, locale="ru")
    _post(client, _form(wont_charge))
    assert Case.objects.latest("id").queue == second


def test_confirmation_shows_24_hour_promise_for_store_disputes(client, unauthorized_purchases, ru_queue):
    response = _post(client, _form(unauthorized_purchases, order_number="mk7qx2lp9r"))
    case = Case.objects.get()
    assert case.order_number == "MK7QX2LP9R"
    assert case.request_type.first_response_hours == 24
    assert "24" in response.content.decode()


def test_store_request_without_order_number_shows_error_next_to_field_and_keeps_text(
    client, unauthorized_purchases, ru_queue
):
    response = client.post(
        reverse("cases:contact"), _form(unauthorized_purchases, description="Кто-то купил игру за 5000 рублей.")
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'class="field has-error" id="field-order_number"' in body
    assert "Кто-то купил игру за 5000 рублей." in body
    assert Case.objects.count() == 0


def test_phone_contact_needs_a_valid_number_and_is_normalised(client, wont_charge, ru_queue):
    response = client.post(reverse("cases:contact"), _form(wont_charge, contact_method="phone", contact_phone="12"))
    assert response.status_code == 422
    assert Case.objects.count() == 0
    _post(client, _form(wont_charge, contact_method="phone", contact_phone="8 (916) 123-45-67"))
    assert Case.objects.get().contact_phone == "+79161234567"


def test_resubmission_of_same_request_type_adds_to_open_case(
    alice, wont_charge, ru_queue, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    _post(client, _form(wont_charge, contact_email=alice.email))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, _form(wont_charge, contact_email=alice.email, description="Всё ещё не заряжается, помогите.")
        )
    case = Case.objects.get()
    assert case.messages.filter(kind=Message.Kind.CUSTOMER).count() == 2
    assert "open case" in response.content.decode() or "открыт" in response.content.decode().lower()


def test_solved_case_does_not_swallow_a_new_request(alice, wont_charge, ru_queue):
    client = client_for(alice)
    _post(client, _form(wont_charge, contact_email=alice.email))
    Case.objects.update(status=Case.Status.SOLVED)
    _post(client, _form(wont_charge, contact_email=alice.email))
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"product_group": "not-a-number"},
        {"topic": "99999"},
        {"request_type": "-1"},
        {"contact_email": "not-an-email"},
        {"description": "x" * 30_000},
        {"contact_method": "pigeon"},
        {"order_number": "<script>alert(1)</script>"},
    ],
)
def test_bad_input_never_gives_500(client, wont_charge, ru_queue, overrides):
    response = client.post(reverse("cases:contact"), _form(wont_charge, **overrides))
    assert response.status_code in (200, 302, 422)
    assert Case.objects.count() == 0 or response.status_code == 302


def test_changing_a_choice_refreshes_the_form_and_keeps_what_was_typed(client, wont_charge, ru_queue):
    data = _form(wont_charge, refresh="1")
    response = client.post(reverse("cases:contact"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "После падения" in body
    assert 'id="contact-form"' in body
    assert "<html" not in body


def test_help_center_link_preselects_product_group(client, wont_charge):
    response = client.get(reverse("cases:contact") + "?product_group=iphone&topic=battery")
    body = response.content.decode()
    assert f'value="{wont_charge.pk}"' in body


def test_signed_in_customer_gets_case_on_my_cases(alice, wont_charge, ru_queue):
    client = client_for(alice)
    _post(client, _form(wont_charge, contact_email=alice.email))
    case = Case.objects.get()
    assert case.customer == alice
    assert str(case.number) in client.get(reverse("cases:my_cases")).content.decode()


def test_customer_with_communication_needs_is_routed_to_accessibility_queue(
    alice, wont_charge, ru_queue, en_department
):
    from caselog.cases.tests.factories import QueueFactory
    from caselog.devices.tests.factories import AccessibilityProfileFactory

    accessibility = QueueFactory(department=en_department, name="Accessibility")
    AccessibilityProfileFactory(user=alice, needs=["hearing"])
    _post(client_for(alice), _form(wont_charge, contact_email=alice.email))
    assert Case.objects.get().queue == accessibility


@pytest.mark.parametrize("needs", [["hearing"], None], ids=["with-needs", "without-needs"])
def test_an_emailing_customer_reaches_the_accessibility_queue_only_with_communication_needs(
    needs, alice, wont_charge, ru_queue, en_department
):
    from caselog.cases.services import case_submit
    from caselog.cases.tests.factories import QueueFactory
    from caselog.devices.tests.factories import AccessibilityProfileFactory

    accessibility = QueueFactory(department=en_department, name="Accessibility")
    if needs:
        AccessibilityProfileFactory(user=alice, needs=needs)
    submission = case_submit(
        submitter=alice,
        locale="ru",
        request_type=wont_charge,
        subject="Не заряжается",
        description="Письмо",
        contact_email=alice.email,
        channel=Case.Channel.EMAIL,
    )
    assert submission.case.queue == (accessibility if needs else ru_queue)
