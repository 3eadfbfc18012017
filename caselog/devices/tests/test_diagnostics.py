from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from caselog.devices.models import DeviceEvent, DiagnosticRequest
from caselog.devices.selectors import diagnostics_latest_by_component
from caselog.devices.services import ComponentResultInput, diagnostic_report_ingest
from caselog.devices.tests.factories import DiagnosticReportFactory, DiagnosticRequestFactory, DiagnosticResultFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_agent_requests_diagnostics_and_the_owner_is_emailed(
    bob, alice, alice_iphone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bob).post(reverse("console:diagnostics_request", args=[alice_iphone.serial]))
    assert response.status_code == 302
    request = DiagnosticRequest.objects.get(device=alice_iphone)
    assert request.status == DiagnosticRequest.Status.AWAITING_CONSENT
    assert mail.outbox[-1].to == [alice.email]
    assert "consent" in mail.outbox[-1].body


def test_requesting_twice_keeps_one_open_request(bob, alice_iphone):
    url = reverse("console:diagnostics_request", args=[alice_iphone.serial])
    client_for(bob).post(url)
    client_for(bob).post(url)
    assert DiagnosticRequest.objects.count() == 1


def test_customer_consents_on_their_device_page(alice, alice_iphone, bob):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob)
    page = client_for(alice).get(reverse("devices:my_device", args=[alice_iphone.serial])).content.decode()
    assert "Allow diagnostics" in page
    client_for(alice).post(reverse("devices:diagnostics_consent", args=[request.pk]), {"answer": "allow"})
    request.refresh_from_db()
    assert request.status == DiagnosticRequest.Status.CONSENTED


def test_customer_declines(alice, alice_iphone, bob):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob)
    client_for(alice).post(reverse("devices:diagnostics_consent", args=[request.pk]), {"answer": "decline"})
    request.refresh_from_db()
    assert request.status == DiagnosticRequest.Status.DECLINED


def test_another_customer_gets_404_on_the_consent(charlie, alice_iphone, bob):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob)
    response = client_for(charlie).post(reverse("devices:diagnostics_consent", args=[request.pk]), {"answer": "allow"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == DiagnosticRequest.Status.AWAITING_CONSENT


def test_a_report_completes_the_consented_request_and_joins_the_history(alice_iphone, bob):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob, status=DiagnosticRequest.Status.CONSENTED)
    report = diagnostic_report_ingest(
        device=alice_iphone,
        tool="Diagnostics 3.2",
        ran_at=timezone.now(),
        results=[
            ComponentResultInput("battery", "warning", {"health_percent": 79, "cycle_count": 812}),
            ComponentResultInput("display", "pass", {}),
        ],
    )
    request.refresh_from_db()
    assert report.request == request and request.status == DiagnosticRequest.Status.COMPLETED
    event = alice_iphone.events.get(kind=DeviceEvent.Kind.DIAGNOSTICS)
    assert "1 of 2" in event.title and "battery" in event.detail


@pytest.mark.parametrize("status", [DiagnosticRequest.Status.AWAITING_CONSENT, DiagnosticRequest.Status.DECLINED])
def test_a_report_never_answers_a_request_the_customer_has_not_consented_to(alice_iphone, bob, status):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob, status=status)
    report = diagnostic_report_ingest(
        device=alice_iphone,
        tool="Diagnostics 3.2",
        ran_at=timezone.now(),
        results=[ComponentResultInput("display", "pass", {})],
    )
    request.refresh_from_db()
    assert report.request is None and request.status == status


@pytest.mark.parametrize(
    "results",
    [
        [],
        [ComponentResultInput("battery", "pass", {}), ComponentResultInput("battery", "fail", {})],
        [ComponentResultInput("flux_capacitor", "pass", {})],
        [ComponentResultInput("battery", "maybe", {})],
    ],
)
def test_a_malformed_report_is_refused(alice_iphone, results):
    with pytest.raises(ValidationError):
        diagnostic_report_ingest(device=alice_iphone, tool="t", ran_at=timezone.now(), results=results)


def test_panel_shows_each_components_latest_result(alice_iphone):
    old = DiagnosticReportFactory(device=alice_iphone, ran_at=timezone.now() - timedelta(days=10))
    new = DiagnosticReportFactory(device=alice_iphone, ran_at=timezone.now())
    DiagnosticResultFactory(report=old, component="battery", result="pass")
    DiagnosticResultFactory(report=old, component="display", result="fail")
    DiagnosticResultFactory(report=new, component="battery", result="warning")
    latest = {status.component: status.result for status in diagnostics_latest_by_component(device=alice_iphone)}
    assert latest == {"battery": "warning", "display": "fail"}
