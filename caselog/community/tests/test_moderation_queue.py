from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.community.models import Report
from caselog.community.tests.factories import ReplyFactory, ThreadFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_customer_reports_a_reply_and_the_moderator_sees_it_and_resolves_it(
    anna: Any, moderator: Any, en_iphone_section: Any
) -> None:
    reply = ReplyFactory(thread=ThreadFactory(section=en_iphone_section), body="Buy cheap pills")
    client_for(anna).post(reverse("community:report", args=[reply.thread_id]), {"reply": reply.pk, "reason": "spam"})
    report = Report.objects.get()
    assert report.reply == reply and report.reason == "spam"
    queue = client_for(moderator).get(reverse("community:moderation"))
    assert queue.status_code == 200 and "spam" in queue.content.decode()
    client_for(moderator).post(reverse("community:report_resolve", args=[report.pk]))
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert "spam" not in client_for(moderator).get(reverse("community:moderation")).content.decode()


def test_customers_do_not_see_the_moderation_queue(anna: Any) -> None:
    assert client_for(anna).get(reverse("community:moderation")).status_code == 404


def test_reporting_a_reply_of_another_thread_is_404(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    other = ReplyFactory(thread=ThreadFactory(section=en_iphone_section))
    response = client_for(anna).post(reverse("community:report", args=[thread.pk]), {"reply": other.pk})
    assert response.status_code == 404 and Report.objects.count() == 0


def test_every_list_of_the_moderation_queue_pages_on_its_own(moderator: Any, anna: Any, en_iphone_section: Any) -> None:
    held = [ThreadFactory(section=en_iphone_section, pending_review=True, title=f"Held {n:02}") for n in range(23)]
    thread = ThreadFactory(section=en_iphone_section)
    Report.objects.bulk_create(Report(reporter=anna, thread=thread, reason=f"reason {n:02}") for n in range(21))
    client = client_for(moderator)
    first = client.get(reverse("community:moderation"))
    assert len(first.context["held_threads"].object_list) == 20
    assert len(first.context["page"].object_list) == 20
    html = first.content.decode()
    assert "?threads=2" in html and "?page=2" in html
    second = client.get(reverse("community:moderation"), {"threads": 2, "page": 2})
    assert [t.pk for t in second.context["held_threads"].object_list] == [t.pk for t in held[20:]]
    assert [r.reason for r in second.context["page"].object_list] == ["reason 20"]


def test_moderation_queue_query_count_does_not_grow_with_the_lists(
    moderator: Any, anna: Any, en_iphone_section: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        ThreadFactory(section=en_iphone_section, pending_review=True)
        Report.objects.create(reporter=anna, thread=ThreadFactory(section=en_iphone_section), reason=f"r{n}")
    client = client_for(moderator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("community:moderation")).status_code == 200
