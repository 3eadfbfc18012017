"""Moderators keep the community's sections and its company representatives; each change is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.audit.models import AuditEvent
from caselog.community.models import Representative, Section
from caselog.community.tests.factories import RepresentativeFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_moderator_opens_and_edits_a_section_audited(moderator: Any, iphone: Any) -> None:
    client = client_for(moderator)
    data = {"product_group": iphone.pk, "topic": "", "locale": "de", "slug": "iphone-de", "position": 1}
    assert client.post(reverse("community:section_new"), data).status_code == 302
    section = Section.objects.get(slug="iphone-de")
    assert section.topic is None and section.locale == "de"
    assert client.post(reverse("community:section_edit", args=[section.pk]), {**data, "position": 5}).status_code == 302
    section.refresh_from_db()
    assert section.position == 5
    events = AuditEvent.objects.filter(action="community.section_save", actor=moderator).order_by("pk")
    assert events.count() == 2 and events.last().before["position"] == "1"  # type: ignore[union-attr]
    assert "iphone-de" in client.get(reverse("community:sections_manage")).content.decode()


def test_a_second_section_for_the_same_group_and_language_is_refused(moderator: Any, iphone: Any) -> None:
    client = client_for(moderator)
    data = {"product_group": iphone.pk, "topic": "", "locale": "de", "slug": "iphone-de", "position": 1}
    client.post(reverse("community:section_new"), data)
    response = client.post(reverse("community:section_new"), {**data, "slug": "iphone-de-2"})
    assert response.status_code == 422
    assert "There is already a section for this product group, topic and language." in response.content.decode()
    assert Section.objects.count() == 1


def test_moderator_names_an_agent_a_representative_and_removes_them(moderator: Any, maria: Any) -> None:
    client = client_for(moderator)
    response = client.post(reverse("community:representatives"), {"email": maria.email, "title": "Support team"})
    assert response.status_code == 302
    rep = Representative.objects.get(user=maria)
    assert rep.title == "Support team"
    assert "Support team" in client.get(reverse("community:representatives")).content.decode()
    client.post(reverse("community:representative_delete", args=[rep.pk]))
    assert not Representative.objects.exists()
    actions = set(AuditEvent.objects.filter(actor=moderator).values_list("action", flat=True))
    assert actions == {"community.representative_save", "community.representative_delete"}


def test_a_customer_cannot_be_made_a_representative(moderator: Any, anna: Any) -> None:
    response = client_for(moderator).post(reverse("community:representatives"), {"email": anna.email})
    assert response.status_code == 422
    assert "Only support agents can be company representatives." in response.content.decode()
    unknown = client_for(moderator).post(reverse("community:representatives"), {"email": "nobody@example.com"})
    assert "There is no active account with this email address." in unknown.content.decode()
    assert not Representative.objects.exists()


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("sections_manage", [], "get"),
        ("section_new", [], "get"),
        ("section_edit", [1], "get"),
        ("representatives", [], "get"),
        ("representative_delete", [1], "post"),
    ],
)
def test_management_pages_are_404_for_customers_and_agents(
    anna: Any, bob: Any, en_iphone_section: Any, name: str, args: list[int], method: str
) -> None:
    RepresentativeFactory(user=bob)
    for person in (anna, bob):
        client = client_for(person)
        response = getattr(client, method)(reverse(f"community:{name}", args=args))
        assert response.status_code == 404
    assert Representative.objects.count() == 1


def test_missing_section_or_representative_is_404_for_moderators(moderator: Any) -> None:
    client = client_for(moderator)
    assert client.get(reverse("community:section_edit", args=[999])).status_code == 404
    assert client.post(reverse("community:representative_delete", args=[999])).status_code == 404
