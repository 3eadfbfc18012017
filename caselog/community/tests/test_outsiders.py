"""Every moderator action answers 404 to customers and agents, and changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.community.models import Suspension, Thread
from caselog.community.tests.factories import ReplyFactory, SectionFactory, ThreadFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_customers_and_agents_get_404_on_every_moderator_action(
    anna: Any, lukas: Any, dora: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna, pending_review=True)
    other = ThreadFactory(section=en_iphone_section, author=lukas)
    reply = ReplyFactory(thread=other, author=lukas, pending_review=True)
    suspension = Suspension.objects.create(
        user=lukas, until=timezone.now() + timedelta(days=1), reason="x", created_by=moderator
    )
    mac = SectionFactory(slug="mac-en")
    posts = [
        (reverse("community:approve", args=["thread", thread.pk]), {}),
        (reverse("community:approve", args=["reply", reply.pk]), {}),
        (reverse("community:move", args=[other.pk]), {"section": mac.pk}),
        (reverse("community:merge", args=[other.pk]), {"into": thread.pk}),
        (reverse("community:suspend", args=[lukas.pk]), {"days": 3, "reason": "spam"}),
        (reverse("community:suspension_lift", args=[suspension.pk]), {}),
        (reverse("community:moderate", args=[other.pk]), {"action": "lock"}),
        (reverse("community:reply_moderate", args=[reply.pk]), {"action": "hide"}),
    ]
    for person in (anna, dora):
        client = client_for(person)
        for url, data in posts:
            assert client.post(url, data).status_code == 404, url
        assert client.get(reverse("community:moderation")).status_code == 404
    other.refresh_from_db()
    assert other.section == en_iphone_section and other.merged_into is None and not other.locked
    assert Thread.objects.filter(pending_review=True).count() == 1
    suspension.refresh_from_db()
    assert suspension.lifted_at is None
    assert not AuditEvent.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_for_moderator_pages(client: Any, en_iphone_section: Any) -> None:
    for name in ("moderation", "sections_manage", "representatives", "group_new"):
        response = client.get(reverse(f"community:{name}"))
        assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_moderator_gets_404_for_an_unknown_approval_kind_or_a_post_that_is_not_held(
    moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    client = client_for(moderator)
    assert client.post(reverse("community:approve", args=["case", thread.pk])).status_code == 404
    assert client.post(reverse("community:approve", args=["thread", thread.pk])).status_code == 404
    assert client.post(reverse("community:suspension_lift", args=[999])).status_code == 404
