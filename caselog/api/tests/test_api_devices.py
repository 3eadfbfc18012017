from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from caselog.api.models import ApiToken
from caselog.devices.models import AccountContentCounts, DiagnosticReport, DiagnosticRequest
from caselog.devices.tests.factories import DiagnosticRequestFactory

pytestmark = pytest.mark.django_db

REPORT = {
    "tool": "Diagnostics 3.2",
    "results": [
        {"component": "battery", "result": "warning", "measurements": {"health_percent": 79, "cycle_count": 812}},
        {"component": "display", "result": "pass"},
        {"component": "liquid_contact", "result": "fail", "measurements": {"tripped": True}},
    ],
}


def _post(client, url, token, payload):
    return client.post(url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def _assert_error(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


def test_diagnostics_report_is_stored(client, alice_iphone, diagnostics_token):
    response = _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, REPORT)
    assert response.status_code == 201
    report = DiagnosticReport.objects.get(device=alice_iphone)
    assert response.json()["id"] == report.pk
    assert {r.component: r.result for r in report.results.all()} == {
        "battery": "warning",
        "display": "pass",
        "liquid_contact": "fail",
    }
    assert ApiToken.objects.get().last_used_at is not None


def test_diagnostics_report_completes_a_consented_request(client, alice_iphone, bob, diagnostics_token):
    request = DiagnosticRequestFactory(device=alice_iphone, requested_by=bob, status=DiagnosticRequest.Status.CONSENTED)
    response = _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, REPORT)
    assert response.json()["request_id"] == request.pk


def test_missing_token_is_401_with_the_error_body(client, alice_iphone):
    response = client.post(
        f"/api/v1/devices/{alice_iphone.serial}/diagnostics", REPORT, content_type="application/json"
    )
    _assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_token_is_401(client, alice_iphone):
    _assert_error(
        _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", "cl_nope", REPORT), 401, "unauthorized"
    )


def test_revoked_token_is_401(client, alice_iphone, diagnostics_token):
    ApiToken.objects.update(revoked_at=timezone.now())
    response = _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, REPORT)
    _assert_error(response, 401, "unauthorized")


def test_token_without_the_scope_is_403(client, alice_iphone, read_token):
    response = _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", read_token, REPORT)
    _assert_error(response, 403, "insufficient_scope")
    assert not DiagnosticReport.objects.exists()


def test_unknown_serial_is_404(client, diagnostics_token):
    _assert_error(
        _post(client, "/api/v1/devices/ZZZZZZZZZZZZ/diagnostics", diagnostics_token, REPORT), 404, "unknown_serial"
    )


def test_malformed_serial_is_422_with_the_field(client, diagnostics_token):
    error = _assert_error(_post(client, "/api/v1/devices/F2LX/diagnostics", diagnostics_token, REPORT), 422, "length")
    assert "serial" in error["fields"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"results": []}, "results"),
        ({"results": [{"component": "flux", "result": "pass"}]}, "results.0.component"),
        ({"results": [{"component": "battery", "result": "ok"}]}, "results.0.result"),
        (
            {"results": [{"component": "battery", "result": "pass", "measurements": {"latitude": 55.7}}]},
            "results.0.measurements",
        ),
        (
            {"results": [{"component": "battery", "result": "pass", "measurements": {"note": "x" * 41}}]},
            "results.0.measurements",
        ),
        ({"results": [{"component": "battery", "result": "pass"}], "ran_at": "2026-01-01T10:00:00"}, "ran_at"),
        (
            {
                "results": [{"component": "battery", "result": "pass"}],
                "ran_at": (timezone.now() + timedelta(days=1)).isoformat(),
            },
            "ran_at",
        ),
    ],
)
def test_invalid_report_is_422_naming_the_field(client, alice_iphone, diagnostics_token, payload, field):
    error = _assert_error(
        _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, payload), 422, "invalid"
    )
    assert field in error["fields"]


def test_duplicate_component_is_422(client, alice_iphone, diagnostics_token):
    payload = {"results": [{"component": "battery", "result": "pass"}, {"component": "battery", "result": "fail"}]}
    _assert_error(
        _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, payload), 422, "invalid"
    )


def test_body_that_is_not_json_is_a_4xx_with_the_error_body(client, alice_iphone, diagnostics_token):
    response = client.post(
        f"/api/v1/devices/{alice_iphone.serial}/diagnostics",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {diagnostics_token}",
    )
    assert 400 <= response.status_code < 500
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_wrong_method_is_405_with_the_error_body(client, alice_iphone, diagnostics_token):
    response = client.get(
        f"/api/v1/devices/{alice_iphone.serial}/diagnostics", HTTP_AUTHORIZATION=f"Bearer {diagnostics_token}"
    )
    _assert_error(response, 405, "method_not_allowed")


def test_unknown_endpoint_is_404_with_the_error_body(client, db):
    _assert_error(client.get("/api/v1/nothing/here"), 404, "not_found")


def test_content_counts_are_recorded(client, alice, counts_token):
    payload = {"photos": 4821, "contacts": 312, "notes": 45, "backup_bytes": 68_719_476_736}
    response = _post(client, f"/api/v1/accounts/{alice.pk}/content-counts", counts_token, payload)
    assert response.status_code == 200
    counts = AccountContentCounts.objects.get(user=alice)
    assert (counts.photos, counts.contacts, counts.notes, counts.backup_bytes) == (4821, 312, 45, 68_719_476_736)


def test_negative_counts_are_422(client, alice, counts_token):
    payload = {"photos": -1, "contacts": 0, "notes": 0, "backup_bytes": 0}
    error = _assert_error(
        _post(client, f"/api/v1/accounts/{alice.pk}/content-counts", counts_token, payload), 422, "invalid"
    )
    assert "photos" in error["fields"]


def test_content_is_not_accepted_only_counts(client, alice, counts_token):
    payload = {"photos": [{"name": "beach.jpg"}], "contacts": 0, "notes": 0, "backup_bytes": 0}
    _assert_error(_post(client, f"/api/v1/accounts/{alice.pk}/content-counts", counts_token, payload), 422, "invalid")


def test_counts_for_an_unknown_account_are_404(client, counts_token, db):
    payload = {"photos": 1, "contacts": 0, "notes": 0, "backup_bytes": 0}
    _assert_error(_post(client, "/api/v1/accounts/999999/content-counts", counts_token, payload), 404, "not_found")


def test_coverage_by_api_has_no_personal_data(client, alice_iphone, read_token):
    response = client.get(f"/api/v1/coverage/{alice_iphone.serial}", HTTP_AUTHORIZATION=f"Bearer {read_token}")
    assert response.status_code == 200
    data = response.json()
    assert data["phone_support"]["active"] and data["product"] == "iPhone 15"
    assert alice_iphone.owner.email not in response.content.decode()


def test_openapi_schema_lists_the_endpoints_and_bearer_auth(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/devices/{serial}/diagnostics",
        "/api/v1/accounts/{account_id}/content-counts",
        "/api/v1/coverage/{serial}",
    } <= set(schema["paths"])
    assert any(scheme.get("scheme") == "bearer" for scheme in schema["components"]["securitySchemes"].values())


def test_docs_page_is_served_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "cdn." not in response.content.decode()


def test_a_diagnostics_report_sent_twice_with_one_idempotency_key_is_stored_once(
    client, alice_iphone, diagnostics_token
):
    url = f"/api/v1/devices/{alice_iphone.serial}/diagnostics"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {diagnostics_token}", "HTTP_IDEMPOTENCY_KEY": "report-1"}
    first = client.post(url, REPORT, content_type="application/json", **headers)
    again = client.post(url, REPORT, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert DiagnosticReport.objects.filter(device=alice_iphone).count() == 1
    other = client.post(url, {**REPORT, "tool": "Other"}, content_type="application/json", **headers)
    _assert_error(other, 409, "idempotency_key_reused")


def test_a_report_time_with_an_odd_offset_is_stored_in_utc(client, alice_iphone, diagnostics_token):
    response = _post(
        client,
        f"/api/v1/devices/{alice_iphone.serial}/diagnostics",
        diagnostics_token,
        {**REPORT, "ran_at": "2020-01-01T10:00:00-19:40"},
    )
    assert response.status_code == 201
    assert DiagnosticReport.objects.get(device=alice_iphone).ran_at.isoformat() == "2020-01-02T05:40:00+00:00"


# --- a partner's token sees what its partner agent sees ---------------------------------------


def test_partner_token_posts_diagnostics_only_for_devices_sold_through_the_partner(
    client, paul_partner, alice_iphone, charlie_megafon_iphone
):
    from caselog.api.tests.conftest import token_for

    token = token_for(paul_partner, "devices:diagnostics")
    ours = _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", token, REPORT)
    unknown = _post(client, "/api/v1/devices/F2LXK9Q0HG7Z/diagnostics", token, REPORT)
    # Not theirs is answered exactly like a serial that does not exist.
    _assert_error(ours, 404, "unknown_serial")
    assert ours.json() == unknown.json()
    assert not DiagnosticReport.objects.filter(device=alice_iphone).exists()
    theirs = _post(client, f"/api/v1/devices/{charlie_megafon_iphone.serial}/diagnostics", token, REPORT)
    assert theirs.status_code == 201


def test_partner_token_reports_counts_only_for_its_own_customers(
    client, paul_partner, alice, alice_iphone, charlie, charlie_megafon_iphone
):
    from caselog.api.tests.conftest import token_for

    token = token_for(paul_partner, "accounts:content-counts")
    payload = {"photos": 1, "contacts": 2, "notes": 3, "backup_bytes": 4}
    _assert_error(_post(client, f"/api/v1/accounts/{alice.pk}/content-counts", token, payload), 404, "not_found")
    assert not AccountContentCounts.objects.filter(user=alice).exists()
    assert _post(client, f"/api/v1/accounts/{charlie.pk}/content-counts", token, payload).status_code == 200


def test_a_customer_token_cannot_report_counts_for_another_account(client, alice, charlie):
    from caselog.api.tests.conftest import token_for

    token = token_for(alice, "accounts:content-counts")
    payload = {"photos": 1, "contacts": 2, "notes": 3, "backup_bytes": 4}
    _assert_error(_post(client, f"/api/v1/accounts/{charlie.pk}/content-counts", token, payload), 404, "not_found")


# --- the device resource ----------------------------------------------------------------------


def test_device_has_coverage_and_each_components_latest_result(
    client, alice, alice_iphone, diagnostics_token, read_token
):
    _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, REPORT)
    response = client.get(f"/api/v1/devices/{alice_iphone.serial.lower()}", HTTP_AUTHORIZATION=f"Bearer {read_token}")
    assert response.status_code == 200
    body = response.json()
    assert body["serial"] == alice_iphone.serial and body["owner_id"] == alice.pk and body["sold_through"] is None
    assert set(body["coverage"]) == {"purchase_date_valid", "phone_support", "hardware_coverage", "plan"}
    assert {item["component"]: item["result"] for item in body["diagnostics"]} == {
        "battery": "warning",
        "display": "pass",
        "liquid_contact": "fail",
    }


def test_partner_token_reads_only_devices_sold_through_the_partner(
    client, paul_partner, alice_iphone, charlie_megafon_iphone
):
    from caselog.api.tests.conftest import token_for

    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(paul_partner, 'devices:read')}"}
    ours = client.get(f"/api/v1/devices/{alice_iphone.serial}", **auth)
    unknown = client.get("/api/v1/devices/F2LXK9Q0HG7Z", **auth)
    assert ours.status_code == 404 and ours.json() == unknown.json()
    assert client.get(f"/api/v1/devices/{alice_iphone.serial}/history", **auth).status_code == 404
    theirs = client.get(f"/api/v1/devices/{charlie_megafon_iphone.serial}", **auth).json()
    assert theirs["sold_through"] == charlie_megafon_iphone.partner.name


def test_device_history_pages_newest_first_with_a_stable_cursor(client, alice_iphone, read_token):
    from caselog.devices.tests.factories import DeviceEventFactory

    moment = timezone.now() - timedelta(days=1)
    made = [DeviceEventFactory(device=alice_iphone, occurred_at=moment - timedelta(hours=n % 2)) for n in range(5)]
    seen, cursor = [], ""
    while True:
        page = client.get(
            f"/api/v1/devices/{alice_iphone.serial}/history",
            {"limit": 2, "cursor": cursor},
            HTTP_AUTHORIZATION=f"Bearer {read_token}",
        ).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    newest_first = sorted(made, key=lambda event: (event.occurred_at, event.pk), reverse=True)
    assert seen == [event.pk for event in newest_first]
    bad = client.get(
        f"/api/v1/devices/{alice_iphone.serial}/history", {"cursor": "nope"}, HTTP_AUTHORIZATION=f"Bearer {read_token}"
    )
    _assert_error(bad, 400, "bad_cursor")


def test_device_needs_the_read_scope(client, alice_iphone, diagnostics_token):
    response = client.get(f"/api/v1/devices/{alice_iphone.serial}", HTTP_AUTHORIZATION=f"Bearer {diagnostics_token}")
    _assert_error(response, 403, "insufficient_scope")


def test_device_and_history_take_a_fixed_number_of_queries(
    client, alice_iphone, diagnostics_token, read_token, django_assert_max_num_queries
):
    from caselog.devices.tests.factories import DeviceEventFactory

    for _report in range(3):
        _post(client, f"/api/v1/devices/{alice_iphone.serial}/diagnostics", diagnostics_token, REPORT)
    DeviceEventFactory.create_batch(20, device=alice_iphone)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {read_token}"}
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/devices/{alice_iphone.serial}", **auth).status_code == 200
    with django_assert_max_num_queries(8):
        assert len(client.get(f"/api/v1/devices/{alice_iphone.serial}/history", **auth).json()["items"]) > 20
