from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from caselog.devices.models import Device
from caselog.devices.selectors import coverage_for
from caselog.devices.tests.factories import CoveragePlanFactory, DeviceFactory, ProductFactory, ProductLineFactory

pytestmark = pytest.mark.django_db


def test_phone_support_lasts_the_lines_default_ninety_days_from_purchase(iphone_15):
    device = DeviceFactory(product=iphone_15, purchase_date=date(2026, 1, 1))
    coverage = coverage_for(device=device, today=date(2026, 3, 31))
    assert coverage.phone_support_until == date(2026, 3, 31)
    assert coverage.phone_support_active
    assert not coverage_for(device=device, today=date(2026, 4, 1)).phone_support_active


def test_hardware_warranty_defaults_to_one_year(iphone_15):
    device = DeviceFactory(product=iphone_15, purchase_date=date(2026, 1, 1))
    assert coverage_for(device=device, today=date(2026, 6, 1)).hardware_until == date(2026, 12, 31)


def test_line_defaults_come_from_settings(settings):
    settings.PHONE_SUPPORT_DAYS = timedelta(days=30)
    settings.HARDWARE_WARRANTY_DAYS = timedelta(days=730)
    line = ProductLineFactory(slug="watch")
    assert (line.phone_support_days, line.warranty_days) == (30, 730)


def test_each_product_line_has_its_own_periods():
    mac = ProductLineFactory(slug="mac", phone_support_days=180, warranty_days=730)
    device = DeviceFactory(product=ProductFactory(line=mac), purchase_date=date(2026, 1, 1))
    coverage = coverage_for(device=device, today=date(2026, 2, 1))
    assert coverage.phone_support_until == date(2026, 6, 29)
    assert coverage.hardware_until == date(2027, 12, 31)


def test_extended_plan_adds_coverage(iphone_15):
    plan = CoveragePlanFactory(line=iphone_15.line, phone_support_days=730, warranty_days=730)
    device = DeviceFactory(product=iphone_15, purchase_date=date(2026, 1, 1), plan=plan)
    coverage = coverage_for(device=device, today=date(2027, 6, 1))
    assert coverage.phone_support_active and coverage.hardware_active
    assert coverage.hardware_until == date(2027, 12, 31)


def test_unvalidated_purchase_date_gives_no_coverage_dates(iphone_15):
    device = DeviceFactory(
        product=iphone_15, purchase_date=None, purchase_date_source=Device.PurchaseDateSource.UNKNOWN
    )
    coverage = coverage_for(device=device)
    assert not coverage.purchase_date_valid
    assert coverage.phone_support_until is None and not coverage.phone_support_active


def test_public_coverage_page_answers_for_a_known_serial_without_personal_data(client, alice_iphone):
    response = client.get(reverse("devices:coverage"), {"serial": "f2lx-k9q0-hg7m"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "iPhone 15" in body and "Valid purchase date" in body
    assert alice_iphone.owner.email not in body and alice_iphone.owner.last_name not in body


def test_public_coverage_page_says_where_to_find_the_serial(client, db):
    body = client.get(reverse("devices:coverage")).content.decode()
    assert "box" in body and "Settings" in body


@pytest.mark.parametrize(
    ("serial", "message"),
    [
        ("", "Enter a serial number"),
        ("F2LX", "10 to 12 characters"),
        ("F2LXK9QOHG7M", "did you mean the digits 0 or 1"),
        ("F2LX<script>", "only letters and digits"),
        ("Ж" * 500, "only letters and digits"),
    ],
)
def test_malformed_serial_gets_a_helpful_message(client, db, serial, message):
    response = client.get(reverse("devices:coverage"), {"serial": serial})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_unknown_serial_gets_a_helpful_message(client, db):
    response = client.get(reverse("devices:coverage"), {"serial": "ZZZZZZZZZZZZ"})
    assert response.status_code == 404
    assert "box label" in response.content.decode()


COVERAGE_API = "/api/v1/coverage"


def test_coverage_api_is_public_and_answers_with_dates_and_no_owner(client, alice_iphone):
    response = client.get(COVERAGE_API, {"serial": alice_iphone.serial})
    data = response.json()
    assert response.status_code == 200
    assert data["found"] and data["phone_support"]["active"] and data["purchase_date_valid"]
    assert data["serial"] == alice_iphone.serial and data["product"] == alice_iphone.product.name
    assert set(data) == {
        "serial",
        "found",
        "product",
        "purchase_date_valid",
        "phone_support",
        "hardware_coverage",
        "plan",
    }
    assert alice_iphone.owner.email not in response.content.decode()


def test_coverage_api_normalises_the_serial_as_typed(client, alice_iphone):
    response = client.get(COVERAGE_API, {"serial": " f2lx-k9q0 hg7m "})
    assert response.status_code == 200 and response.json()["serial"] == alice_iphone.serial


def test_coverage_api_query_count_is_bounded(client, alice_iphone, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(COVERAGE_API, {"serial": alice_iphone.serial}).status_code == 200


def test_coverage_api_explains_a_malformed_serial(client, db):
    response = client.get(COVERAGE_API, {"serial": "12"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "length"


@pytest.mark.parametrize(
    ("serial", "status", "code"),
    [
        ("", 422, "required"),
        (None, 422, "required"),
        ("F2LX", 422, "length"),
        ("F2LXK9QOHG7M", 422, "o_or_i"),
        ("F2LX<script>", 422, "characters"),
        ("Ж" * 5000, 422, "characters"),
        ("F" * 10000, 422, "length"),
        ("ZZZZZZZZZZZZ", 404, "unknown_serial"),
    ],
)
def test_coverage_api_explains_every_bad_serial_with_a_code_and_a_message(client, db, serial, status, code):
    response = client.get(COVERAGE_API, {} if serial is None else {"serial": serial})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert error["fields"]["serial"] == [error["message"]]


def test_coverage_api_is_rate_limited_per_client_with_retry_after(client, settings, alice_iphone):
    settings.COVERAGE_CHECKS_PER_WINDOW = 1
    assert client.get(COVERAGE_API, {"serial": alice_iphone.serial}).status_code == 200
    response = client.get(COVERAGE_API, {"serial": alice_iphone.serial})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    wait = int(response["Retry-After"])
    assert 1 <= wait <= settings.COVERAGE_CHECK_WINDOW.total_seconds()
    assert response.json()["error"]["message"] == f"Too many checks. Try again in {wait} seconds."
    # One budget with the HTML page: the page cannot be used to get around the API's limit.
    assert client.get(reverse("devices:coverage"), {"serial": alice_iphone.serial}).status_code == 429
    other_client = client.get(COVERAGE_API, {"serial": alice_iphone.serial}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200


def test_old_coverage_json_address_redirects_permanently_with_the_query(client, alice_iphone):
    response = client.get(reverse("devices:coverage_json"), {"serial": alice_iphone.serial})
    assert response.status_code == 308
    assert response["Location"] == f"{COVERAGE_API}?serial={alice_iphone.serial}"
    assert client.get(reverse("devices:coverage_json"))["Location"] == COVERAGE_API
    followed = client.get(reverse("devices:coverage_json"), {"serial": alice_iphone.serial}, follow=True)
    assert followed.redirect_chain == [(f"{COVERAGE_API}?serial={alice_iphone.serial}", 308)]
    assert followed.json()["found"] is True
    bad = client.get(reverse("devices:coverage_json"), {"serial": "F2LX"}, follow=True)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "length"


def test_coverage_page_links_to_the_api(client, alice_iphone):
    response = client.get(reverse("devices:coverage"), {"serial": alice_iphone.serial})
    assert f'href="{COVERAGE_API}?serial={alice_iphone.serial}"' in response.content.decode()


@pytest.mark.parametrize("serial", ["F2LX", "F2LXK9QOHG7M", "ZZZZZZZZZZZZ", "%3Cscript%3E"])
def test_coverage_api_answers_bad_serials_with_a_json_error(client, maria, serial):
    from caselog.api.services import api_token_create

    raw = api_token_create(actor=maria, name="coverage", scopes=["devices:read"])[1]
    response = client.get(f"/api/v1/coverage/{serial}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code in (404, 422)
    assert response.json()["error"]["message"]


def test_coverage_check_is_rate_limited_per_client_with_a_wait_time(client, settings, alice_iphone):
    settings.COVERAGE_CHECKS_PER_WINDOW = 3
    for _attempt in range(3):
        assert client.get(reverse("devices:coverage"), {"serial": alice_iphone.serial}).status_code == 200
    response = client.get(reverse("devices:coverage"), {"serial": alice_iphone.serial})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Try again in" in response.content.decode()
    other_client = client.get(reverse("devices:coverage"), {"serial": alice_iphone.serial}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200
