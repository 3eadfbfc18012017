from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caselog.accounts.tests.factories import UserFactory
from caselog.community.models import Thread, Vote
from caselog.community.services import reply_accept, reply_create, thread_create, vote_cast
from caselog.community.tests.factories import ReplyFactory, SectionFactory, ThreadFactory
from caselog.search.models import SearchDocument
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_section_list_shows_sections_grouped_by_language(
    client: Any, ru_iphone_section: Any, en_iphone_section: Any
) -> None:
    ThreadFactory(section=en_iphone_section)
    response = client.get(reverse("community:index"))
    assert response.status_code == 200
    assert en_iphone_section.get_absolute_url() in response.content.decode()
    assert ru_iphone_section.get_absolute_url() in response.content.decode()


def test_unknown_section_is_404(client: Any) -> None:
    assert client.get(reverse("community:section", args=["nope"])).status_code == 404


def test_customer_starts_a_thread_and_it_is_indexed_as_a_thread_document(anna: Any, en_iphone_section: Any) -> None:
    response = client_for(anna).post(
        reverse("community:thread_new", args=[en_iphone_section.slug]),
        {"title": "iPhone battery drains overnight", "body": "It loses **half** its charge."},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    document = SearchDocument.objects.get(kind="thread", key=str(thread.pk))
    assert (document.locale, document.product_group, document.url) == ("en", "iphone", thread.get_absolute_url())


def test_invalid_thread_form_is_shown_again_with_errors_and_typed_text(anna: Any, en_iphone_section: Any) -> None:
    response = client_for(anna).post(
        reverse("community:thread_new", args=[en_iphone_section.slug]), {"title": "Battery question", "body": ""}
    )
    assert response.status_code == 422
    assert 'value="Battery question"' in response.content.decode()
    assert Thread.objects.count() == 0


def test_anonymous_visitor_is_sent_to_sign_in_before_asking(client: Any, en_iphone_section: Any) -> None:
    response = client.get(reverse("community:thread_new", args=[en_iphone_section.slug]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_markdown_in_posts_is_sanitised(client: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(
        section=en_iphone_section, body="<script>alert(1)</script> **bold** [x](javascript:alert(1))"
    )
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and 'href="javascript' not in html
    assert "<strong>bold</strong>" in html


def test_reply_moves_the_thread_up_and_counts(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Screen flickers", body="Since the update")
    response = client_for(lukas).post(
        reverse("community:reply", args=[thread.pk]), {"body": "Turn off auto-brightness"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_activity_at >= thread.created_at


def test_empty_reply_is_refused_with_422(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    response = client_for(anna).post(reverse("community:reply", args=[thread.pk]), {"body": "  "})
    assert response.status_code == 422


def test_a_person_votes_once_and_never_on_their_own_post(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    assert vote_cast(user=lukas, thread=thread) is True
    assert vote_cast(user=lukas, thread=thread) is False
    with pytest.raises(ValidationError):
        vote_cast(user=anna, thread=thread)
    thread.refresh_from_db()
    assert thread.score == 1 and Vote.objects.count() == 1


def test_voting_on_a_reply_through_the_page(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    reply = ReplyFactory(thread=ThreadFactory(section=en_iphone_section), author=lukas)
    client_for(anna).post(reverse("community:vote", args=["reply", reply.pk]))
    client_for(anna).post(reverse("community:vote", args=["reply", reply.pk]))
    client_for(lukas).post(reverse("community:vote", args=["reply", reply.pk]))
    reply.refresh_from_db()
    assert reply.score == 1


def test_accepted_solution_is_shown_first(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    ReplyFactory(thread=thread, body="First guess: restart")
    good = ReplyFactory(thread=thread, author=lukas, body="Reset network settings")
    reply_accept(actor=anna, reply=good)
    html = client_for(anna).get(thread.get_absolute_url()).content.decode()
    assert html.index("Reset network settings") < html.index("First guess: restart")
    document = SearchDocument.objects.get(kind="thread", key=str(thread.pk))
    assert "Reset network settings" in document.body


def test_only_the_asker_may_accept_a_solution(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    reply = ReplyFactory(thread=ThreadFactory(section=en_iphone_section, author=anna), author=lukas)
    response = client_for(lukas).post(reverse("community:accept", args=[reply.pk]))
    assert response.status_code == 404
    reply.thread.refresh_from_db()
    assert reply.thread.accepted_reply is None


def test_sorts_by_votes_and_shows_only_unanswered(client: Any, en_iphone_section: Any) -> None:
    popular = ThreadFactory(section=en_iphone_section, title="Popular question", score=5, reply_count=2)
    ThreadFactory(section=en_iphone_section, title="Quiet question", score=0)
    url = reverse("community:section", args=[en_iphone_section.slug])
    by_votes = client.get(url, {"sort": "votes"}).content.decode()
    assert by_votes.index("Popular question") < by_votes.index("Quiet question")
    unanswered = client.get(url, {"sort": "unanswered"}).content.decode()
    assert popular.title not in unanswered and "Quiet question" in unanswered


def test_section_pages_threads_and_stays_cheap(
    client: Any, en_iphone_section: Any, django_assert_max_num_queries: Any
) -> None:
    author = UserFactory()
    for _ in range(25):
        ThreadFactory(section=en_iphone_section, author=author)
    url = reverse("community:section", args=[en_iphone_section.slug])
    with django_assert_max_num_queries(6):
        first = client.get(url)
    assert first.content.decode().count('class="card"') == 20
    second = client.get(url, {"page": 2, "sort": "bogus"})
    assert second.status_code == 200 and second.content.decode().count('class="card"') == 5


def test_thread_page_query_count_does_not_grow_with_replies(
    client: Any, anna: Any, en_iphone_section: Any, django_assert_max_num_queries: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    for _ in range(15):
        ReplyFactory(thread=thread)
    client = client_for(anna)
    with django_assert_max_num_queries(12):
        assert client.get(thread.get_absolute_url()).status_code == 200


def test_new_accounts_are_throttled(en_iphone_section: Any) -> None:
    newcomer = UserFactory()
    for n in range(3):
        thread_create(author=newcomer, section=en_iphone_section, title=f"Question {n} here", body="hi")
    with pytest.raises(ValidationError):
        reply_create(author=newcomer, thread=Thread.objects.first(), body="one more")  # type: ignore[arg-type]


def test_unknown_vote_kind_and_missing_objects_are_404(anna: Any) -> None:
    client = client_for(anna)
    assert client.post(reverse("community:vote", args=["case", 1])).status_code == 404
    assert client.post(reverse("community:vote", args=["reply", 999])).status_code == 404
    assert client.get(reverse("community:thread", args=[999])).status_code == 404


def test_sections_in_other_languages_are_separate(anna: Any, ru_iphone_section: Any) -> None:
    thread = ThreadFactory(section=ru_iphone_section, title="Не заряжается")
    assert SectionFactory(locale="de").threads.count() == 0
    assert thread.section.locale == "ru"


def test_last_pages_of_a_section_list_the_same_threads_as_plain_paging(en_iphone_section: Any) -> None:
    from django.core.paginator import Paginator

    from caselog.community.selectors import TailPaginator, thread_list

    for n in range(47):
        ThreadFactory(section=en_iphone_section, score=n % 4)
    for sort in ("activity", "votes", "unanswered"):
        threads = thread_list(section=en_iphone_section, sort=sort)
        plain, tail = Paginator(threads, 10), TailPaginator(threads, 10)
        for number in plain.page_range:
            assert [t.pk for t in tail.page(number)] == [t.pk for t in plain.page(number)]


def test_quote_fills_the_answer_box_with_the_quoted_answer(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply = ReplyFactory(thread=thread, author=lukas, body="Reset the network settings.\nThen restart.")
    html = client_for(anna).get(thread.get_absolute_url(), {"quote": reply.pk}).content.decode()
    assert "&gt; Reset the network settings.\n&gt; Then restart." in html
    other = ReplyFactory(thread=ThreadFactory(section=en_iphone_section))
    assert client_for(anna).get(thread.get_absolute_url(), {"quote": other.pk}).status_code == 404
    hidden = ReplyFactory(thread=thread, hidden=True)
    assert client_for(anna).get(thread.get_absolute_url(), {"quote": hidden.pk}).status_code == 404


def test_language_filter_shows_one_language(client: Any, ru_iphone_section: Any, en_iphone_section: Any) -> None:
    html = client.get(reverse("community:index"), {"language": "ru"}).content.decode()
    assert ru_iphone_section.get_absolute_url() in html and en_iphone_section.get_absolute_url() not in html
    everything = client.get(reverse("community:index"), {"language": "xx"}).content.decode()
    assert ru_iphone_section.get_absolute_url() in everything and en_iphone_section.get_absolute_url() in everything
