"""Coverage rules are configuration: a product line's periods, its products and plans are
edited in the admin, and every change is audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from caselog.accounts.tests.factories import UserFactory
from caselog.audit.models import AuditEvent
from caselog.devices.models import CoveragePlan
from caselog.devices.selectors import coverage_for
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db: None) -> Any:
    return UserFactory(username="root", email="root@example.com", is_staff=True, is_superuser=True)


def _form_data(response: Any) -> dict[str, Any]:
    """What the admin page would post back unchanged: the main form and every inline."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms += list(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            data[form.add_prefix(name)] = field.widget.format_value(value) if hasattr(value, "isoformat") else value
    return {
        key: value.pk if hasattr(value, "pk") else json.dumps(value) if isinstance(value, dict | list) else value
        for key, value in data.items()
    }


def test_manager_changes_a_lines_phone_support_in_the_admin_and_it_is_audited(admin_user, iphone_line, alice_iphone):
    client = client_for(admin_user)
    url = reverse("admin:devices_productline_change", args=[iphone_line.pk])
    data = _form_data(client.get(url))
    data["phone_support_days"] = 120
    response = client.post(url, data)
    assert response.status_code == 302, [i.formset.errors for i in response.context["inline_admin_formsets"]]
    iphone_line.refresh_from_db()
    assert iphone_line.phone_support_days == 120
    event = AuditEvent.objects.get(action="device.productline_change")
    assert event.actor == admin_user
    assert event.before["phone_support_days"] == 90 and event.after["phone_support_days"] == 120
    alice_iphone.refresh_from_db()
    coverage = coverage_for(device=alice_iphone)
    assert coverage.purchase_date is not None and coverage.phone_support_until is not None
    assert (coverage.phone_support_until - coverage.purchase_date).days == 119


def test_a_new_plan_is_audited(admin_user, iphone_line):
    client = client_for(admin_user)
    response = client.post(
        reverse("admin:devices_coverageplan_add"),
        {
            "line": iphone_line.pk,
            "slug": "care-plus",
            "names": '{"en": "Care+"}',
            "phone_support_days": 730,
            "warranty_days": 730,
        },
    )
    assert response.status_code == 302
    plan = CoveragePlan.objects.get(slug="care-plus")
    assert AuditEvent.objects.filter(action="device.coverageplan_create", target_id=str(plan.pk)).exists()


def test_deleting_plans_from_the_list_page_audits_each_one(admin_user, iphone_line):
    plans = [
        CoveragePlan.objects.create(
            line=iphone_line, slug=slug, names={"en": slug}, phone_support_days=1, warranty_days=1
        )
        for slug in ("old-a", "old-b")
    ]
    response = client_for(admin_user).post(
        reverse("admin:devices_coverageplan_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in plans], "post": "yes"},
    )
    assert response.status_code == 302
    assert not CoveragePlan.objects.filter(pk__in=[p.pk for p in plans]).exists()
    events = AuditEvent.objects.filter(action="device.coverageplan_delete")
    assert sorted(e.before["slug"] for e in events) == ["old-a", "old-b"]
    assert {e.actor for e in events} == {admin_user}


def test_agents_cannot_open_the_coverage_configuration(bob, iphone_line):
    response = client_for(bob).get(reverse("admin:devices_productline_change", args=[iphone_line.pk]))
    assert response.status_code in (302, 404)
