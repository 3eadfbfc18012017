"""The user groups directory: public, filtered by region, paginated; kept by moderators, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.audit.models import AuditEvent
from caselog.community.models import UserGroup
from caselog.community.tests.factories import UserGroupFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_anyone_sees_groups_with_place_and_contact(client: Any) -> None:
    UserGroupFactory(name="Berlin Mac Users", meeting_place="Café Mitte", contact="https://berlin.example.org")
    html = client.get(reverse("community:groups")).content.decode()
    assert "Berlin Mac Users" in html and "Café Mitte" in html and 'href="https://berlin.example.org"' in html


def test_groups_are_filtered_by_country_city_and_text(client: Any) -> None:
    UserGroupFactory(name="Berlin Mac Users", country="DE", city="Berlin")
    UserGroupFactory(name="München iPhone Treff", country="DE", city="München", description="Fotografie")
    UserGroupFactory(name="Moscow Apple Club", country="RU", city="Москва")
    by_country = client.get(reverse("community:groups"), {"country": "RU"}).content.decode()
    assert "Moscow Apple Club" in by_country and "Berlin Mac Users" not in by_country
    by_city = client.get(reverse("community:groups"), {"country": "DE", "city": "münchen"}).content.decode()
    assert "München iPhone Treff" in by_city and "Berlin Mac Users" not in by_city
    by_text = client.get(reverse("community:groups"), {"q": "fotografie"}).content.decode()
    assert "München iPhone Treff" in by_text and "Moscow Apple Club" not in by_text


def test_unknown_country_filter_shows_everything_instead_of_failing(client: Any) -> None:
    UserGroupFactory(name="Berlin Mac Users")
    response = client.get(reverse("community:groups"), {"country": "XX"})
    assert response.status_code == 200 and "Berlin Mac Users" in response.content.decode()


def test_groups_are_paginated_and_keep_the_filter(client: Any) -> None:
    for n in range(25):
        UserGroupFactory(name=f"Group {n:02}", country="DE")
    html = client.get(reverse("community:groups"), {"country": "DE"}).content.decode()
    assert "Page 1 of 2" in html and "country=DE&amp;page=2" in html
    assert "Group 24" in client.get(reverse("community:groups"), {"country": "DE", "page": 2}).content.decode()


def test_group_list_query_count_is_flat(client: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(20):
        UserGroupFactory(name=f"Group {n:02}")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("community:groups")).status_code == 200


def test_moderator_adds_edits_and_deletes_a_group_audited(moderator: Any) -> None:
    client = client_for(moderator)
    data = {
        "name": "Wien Mac Stammtisch",
        "country": "AT",
        "city": "Wien",
        "description": "Jeden ersten Dienstag.",
        "meeting_place": "Café Central",
        "contact": "stammtisch@example.at",
    }
    assert client.post(reverse("community:group_new"), data).status_code == 302
    group = UserGroup.objects.get()
    assert client.post(reverse("community:group_edit", args=[group.pk]), {**data, "city": "Graz"}).status_code == 302
    group.refresh_from_db()
    assert group.city == "Graz"
    assert client.post(reverse("community:group_delete", args=[group.pk])).status_code == 302
    assert not UserGroup.objects.exists()
    actions = list(AuditEvent.objects.filter(actor=moderator).order_by("pk").values_list("action", flat=True))
    assert actions == ["community.group_create", "community.group_update", "community.group_delete"]
    update = AuditEvent.objects.get(action="community.group_update")
    assert update.before == {"city": "Wien"} and update.after == {"city": "Graz"}


def test_bad_group_input_is_shown_next_to_the_field(moderator: Any) -> None:
    response = client_for(moderator).post(
        reverse("community:group_new"), {"name": "", "country": "ZZ", "city": "X", "contact": "not a contact"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "This field is required." in html and "Enter a valid email address or a web link." in html
    assert not UserGroup.objects.exists()


def test_customers_and_anonymous_cannot_manage_groups(client: Any, anna: Any) -> None:
    group = UserGroupFactory()
    customer = client_for(anna)
    assert customer.get(reverse("community:group_new")).status_code == 404
    assert customer.get(reverse("community:group_edit", args=[group.pk])).status_code == 404
    assert customer.post(reverse("community:group_delete", args=[group.pk])).status_code == 404
    assert client.post(reverse("community:group_delete", args=[group.pk])).status_code == 302  # to sign in
    assert UserGroup.objects.count() == 1
    assert "Add a user group" not in customer.get(reverse("community:groups")).content.decode()


def test_editing_a_missing_group_is_404(moderator: Any) -> None:
    assert client_for(moderator).get(reverse("community:group_edit", args=[999])).status_code == 404
