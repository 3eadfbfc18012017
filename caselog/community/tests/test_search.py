"""The community's full-text search: threads are documents of the one suggest path."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.community.services import reply_accept, reply_create, thread_create, thread_moderate
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_anyone_finds_a_thread_and_sees_its_accepted_solution(
    client: Any, anna: Any, lukas: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(
        author=anna, section=en_iphone_section, title="Battery drains overnight", body="It loses half a charge."
    )
    answer = reply_create(author=lukas, thread=thread, body="Switch off background app refresh for the mail app.")
    reply_accept(actor=anna, reply=answer)
    response = client.get(reverse("community:search"), {"q": "battery drains"})
    assert response.status_code == 200
    hits = response.context["hits"]
    assert [hit.thread.pk for hit in hits] == [thread.pk]
    html = response.content.decode()
    assert thread.get_absolute_url() in html
    assert "Solved" in html and "background app refresh" in html


def test_the_accepted_answer_makes_a_thread_findable(
    client: Any, anna: Any, lukas: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Phone gets hot", body="While charging.")
    reply_accept(actor=anna, reply=reply_create(author=lukas, thread=thread, body="Remove the thick leather case."))
    hits = client.get(reverse("community:search"), {"q": "leather case"}).context["hits"]
    assert [hit.thread.pk for hit in hits] == [thread.pk]


def test_hidden_threads_are_not_found(client: Any, anna: Any, moderator: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Camera app crashes", body="Every time.")
    thread_moderate(actor=moderator, thread=thread, hidden=True, reason="spam")
    response = client.get(reverse("community:search"), {"q": "camera crashes"})
    assert response.context["hits"] == []
    assert "No thread matches" in response.content.decode()


def test_an_empty_or_overlong_query_is_not_an_error(client: Any) -> None:
    assert client.get(reverse("community:search")).status_code == 200
    assert client.get(reverse("community:search"), {"q": "x" * 500, "language": "xx"}).status_code == 200


def test_search_speaks_the_readers_language(anna: Any) -> None:
    anna.locale = "de"
    anna.save(update_fields=["locale"])
    html = client_for(anna).get(reverse("community:search"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Community durchsuchen" in html


def test_search_box_is_on_the_community_pages(client: Any, en_iphone_section: Any) -> None:
    for url in (reverse("community:index"), en_iphone_section.get_absolute_url()):
        assert reverse("community:search") in client.get(url).content.decode()
