from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.devices.models import Device, DeviceEvent, ProofOfPurchase
from caselog.devices.tests.factories import DeviceFactory, ProofOfPurchaseFactory
from conftest import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unvalidated_iphone(alice, iphone_15):
    return DeviceFactory(
        serial="C39XK2M4PL7Q",
        product=iphone_15,
        owner=alice,
        purchase_date=None,
        purchase_date_source=Device.PurchaseDateSource.UNKNOWN,
    )


def _upload(client, device, content=PDF, name="receipt.pdf", day="2026-01-15"):
    return client.post(
        reverse("devices:my_device", args=[device.serial]),
        {"claimed_purchase_date": day, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_owner_uploads_a_receipt_that_waits_for_verification(alice, unvalidated_iphone):
    response = _upload(client_for(alice), unvalidated_iphone)
    assert response.status_code == 302
    receipt = ProofOfPurchase.objects.get(device=unvalidated_iphone)
    assert receipt.status == ProofOfPurchase.Status.PENDING and receipt.content_type == "application/pdf"
    assert unvalidated_iphone.events.filter(kind=DeviceEvent.Kind.PURCHASE).exists()


def test_receipt_that_is_not_pdf_jpeg_or_png_is_refused_next_to_the_field(alice, unvalidated_iphone):
    response = _upload(client_for(alice), unvalidated_iphone, content=b"MZ\x90\x00 evil.exe", name="receipt.pdf")
    assert response.status_code == 422
    assert "PDF, JPEG or PNG" in response.content.decode()
    assert 'value="2026-01-15"' in response.content.decode()
    assert not ProofOfPurchase.objects.exists()


def test_receipt_larger_than_the_limit_is_refused(alice, unvalidated_iphone, settings):
    settings.RECEIPT_MAX_BYTES = 100
    response = _upload(client_for(alice), unvalidated_iphone, content=PDF + b"0" * 200)
    assert response.status_code == 422
    assert "too large" in response.content.decode()


def test_empty_receipt_is_refused(alice, unvalidated_iphone):
    assert _upload(client_for(alice), unvalidated_iphone, content=b"").status_code == 422


def test_purchase_date_in_the_future_is_refused(alice, unvalidated_iphone):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _upload(client_for(alice), unvalidated_iphone, day=tomorrow)
    assert response.status_code == 422
    assert "future" in response.content.decode()


def test_outsider_gets_404_on_someone_elses_device_page(charlie, unvalidated_iphone):
    assert client_for(charlie).get(reverse("devices:my_device", args=[unvalidated_iphone.serial])).status_code == 404
    assert _upload(client_for(charlie), unvalidated_iphone).status_code == 404


def test_agent_verifies_a_receipt_and_the_history_keeps_both_dates(bob, alice, iphone_15):
    device = DeviceFactory(product=iphone_15, owner=alice, purchase_date=date(2026, 2, 1))
    receipt = ProofOfPurchaseFactory(device=device, claimed_purchase_date=date(2026, 1, 15))
    response = client_for(bob).post(
        reverse("console:receipt_review", args=[device.serial, receipt.pk]),
        {"decision": "verify", "purchase_date": "2026-01-15"},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    receipt.refresh_from_db()
    assert device.purchase_date == date(2026, 1, 15)
    assert device.purchase_date_source == Device.PurchaseDateSource.RECEIPT
    assert receipt.status == ProofOfPurchase.Status.VERIFIED and receipt.reviewed_by == bob
    event = device.events.get(kind=DeviceEvent.Kind.COVERAGE)
    assert "2026-01-15" in event.title and "2026-02-01" in event.title
    audit = AuditEvent.objects.get(action="device.receipt_verify")
    assert audit.before["purchase_date"] == "2026-02-01" and audit.after["purchase_date"] == "2026-01-15"


def test_verifying_without_a_date_shows_the_error_next_to_the_field(bob, alice_iphone):
    receipt = ProofOfPurchaseFactory(device=alice_iphone)
    response = client_for(bob).post(
        reverse("console:receipt_review", args=[alice_iphone.serial, receipt.pk]), {"decision": "verify"}
    )
    assert response.status_code == 422
    assert "Enter the purchase date" in response.content.decode()


def test_agent_rejects_a_receipt_with_a_reason_the_customer_sees(bob, alice, alice_iphone):
    receipt = ProofOfPurchaseFactory(device=alice_iphone)
    client_for(bob).post(
        reverse("console:receipt_review", args=[alice_iphone.serial, receipt.pk]),
        {"decision": "reject", "note": "The serial number is not on the receipt"},
    )
    receipt.refresh_from_db()
    assert receipt.status == ProofOfPurchase.Status.REJECTED
    body = client_for(alice).get(reverse("devices:my_device", args=[alice_iphone.serial])).content.decode()
    assert "The serial number is not on the receipt" in body


def test_a_reviewed_receipt_cannot_be_reviewed_again(bob, alice_iphone):
    receipt = ProofOfPurchaseFactory(device=alice_iphone, status=ProofOfPurchase.Status.REJECTED)
    client_for(bob).post(
        reverse("console:receipt_review", args=[alice_iphone.serial, receipt.pk]),
        {"decision": "verify", "purchase_date": "2026-01-01"},
    )
    receipt.refresh_from_db()
    assert receipt.status == ProofOfPurchase.Status.REJECTED


def test_partner_agent_gets_404_reviewing_a_receipt_of_a_device_sold_by_us(paul_partner, alice_iphone):
    receipt = ProofOfPurchaseFactory(device=alice_iphone)
    response = client_for(paul_partner).post(
        reverse("console:receipt_review", args=[alice_iphone.serial, receipt.pk]),
        {"decision": "verify", "purchase_date": "2026-01-01"},
    )
    assert response.status_code == 404


def test_owner_and_agent_open_the_receipt_file_and_an_outsider_gets_404(alice, bob, charlie, alice_iphone):
    receipt = ProofOfPurchaseFactory(device=alice_iphone)
    url = reverse("devices:receipt_file", args=[receipt.pk])
    assert client_for(alice).get(url).status_code == 200
    assert client_for(bob).get(url).status_code == 200
    assert client_for(charlie).get(url).status_code == 404
