from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.audit.models import AuditEvent
from caselog.cases.models import Case
from caselog.community.models import Thread
from caselog.community.services import reply_accept, thread_create
from caselog.community.tests.factories import ReplyFactory, ThreadFactory
from caselog.knowledge.models import ArticleTranslation
from caselog.search.models import FeedbackSignal, SearchDocument, SuggestionFeedback
from caselog.search.services import document_upsert
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_representative_posts_carry_a_badge(client: Any, rep_bob: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    ReplyFactory(thread=thread, author=rep_bob)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Company representative · Caselog support" in html  # the title set on the representatives page
    assert html.count("rep-badge") == 1


def test_representative_pins_an_answer_and_it_is_audited(rep_bob: Any, en_iphone_section: Any) -> None:
    reply = ReplyFactory(thread=ThreadFactory(section=en_iphone_section))
    assert client_for(rep_bob).post(reverse("community:pin", args=[reply.pk])).status_code == 302
    reply.refresh_from_db()
    assert reply.pinned
    assert AuditEvent.objects.filter(action="community.pin").count() == 1


def test_customer_cannot_pin(anna: Any, en_iphone_section: Any) -> None:
    reply = ReplyFactory(thread=ThreadFactory(section=en_iphone_section))
    assert client_for(anna).post(reverse("community:pin", args=[reply.pk])).status_code == 404


def test_representative_turns_a_thread_into_a_linked_case(
    rep_bob: Any, anna: Any, dora: Any, ru_iphone_section: Any, wont_charge: Any, ru_queue: Any
) -> None:
    thread = ThreadFactory(section=ru_iphone_section, author=anna, title="Телефон не заряжается")
    response = client_for(rep_bob).post(
        reverse("community:to_case", args=[thread.pk]), {"request_type": wont_charge.pk}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    case = Case.objects.get()
    assert thread.case == case and case.channel == Case.Channel.COMMUNITY and case.customer == anna
    assert thread.get_absolute_url() in case.messages.get().body
    assert AuditEvent.objects.filter(action="community.to_case").exists()
    # Linked both ways: the thread leads to the case in the console, the case page to the thread.
    assert case.get_absolute_url() in client_for(rep_bob).get(thread.get_absolute_url()).content.decode()
    console = client_for(rep_bob).get(case.get_absolute_url())
    assert "community" in {panel["key"] for panel in console.context["panels"]}
    assert thread.get_absolute_url() in console.content.decode()
    # The asker finds the case among their own; other readers see no case at all.
    asker_page = client_for(anna).get(thread.get_absolute_url()).content.decode()
    assert reverse("cases:my_case", args=[case.number]) in asker_page
    assert str(case.number) not in client_for(dora).get(thread.get_absolute_url()).content.decode()


def test_a_thread_whose_author_has_an_open_case_joins_it_and_says_so(
    rep_bob: Any, anna: Any, ru_iphone_section: Any, wont_charge: Any, ru_queue: Any
) -> None:
    # Found trying it: the representative read "Case opened" when the thread joined a case.
    first = ThreadFactory(section=ru_iphone_section, author=anna, title="Телефон не заряжается")
    client_for(rep_bob).post(reverse("community:to_case", args=[first.pk]), {"request_type": wont_charge.pk})
    second = ThreadFactory(section=ru_iphone_section, author=anna, title="Всё ещё не заряжается")
    rep = client_for(rep_bob)
    response = rep.post(reverse("community:to_case", args=[second.pk]), {"request_type": wont_charge.pk}, follow=True)
    case = Case.objects.get()
    second.refresh_from_db()
    assert second.case == case
    flash = [str(m) for m in response.context["messages"]]
    with translation.override(rep_bob.locale or "en"):  # in the representative's own language
        assert flash == [
            gettext("The thread was added to the author's open case %(number)s.") % {"number": case.number}
        ]
        assert gettext("Case %(number)s opened for this thread.") % {"number": case.number} not in flash
    audit = AuditEvent.objects.filter(action="community.to_case").order_by("id").last()
    assert audit is not None and audit.after["created"] is False


def test_agent_who_is_not_a_representative_cannot_open_a_case(
    dora: Any, en_iphone_section: Any, wont_charge: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    response = client_for(dora).post(reverse("community:to_case", args=[thread.pk]), {"request_type": wont_charge.pk})
    assert response.status_code == 404 and Case.objects.count() == 0


def test_kb_editor_turns_a_solved_thread_into_a_draft_article(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    editor = UserFactory(roles=[Role.KB_EDITOR])
    thread = ThreadFactory(section=en_iphone_section, author=anna, title="Battery drains while idle")
    reply_accept(actor=anna, reply=ReplyFactory(thread=thread, author=lukas, body="Turn off Background App Refresh"))
    response = client_for(editor).post(reverse("community:to_article", args=[thread.pk]))
    assert response.status_code == 302
    draft = ArticleTranslation.objects.get()
    assert draft.status == ArticleTranslation.Status.DRAFT and "Background App Refresh" in draft.body


def test_customer_cannot_make_an_article(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply_accept(actor=anna, reply=ReplyFactory(thread=thread, author=lukas))
    assert client_for(anna).post(reverse("community:to_article", args=[thread.pk])).status_code == 404
    assert ArticleTranslation.objects.count() == 0


def test_moderator_hides_a_thread_and_others_get_404(moderator: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    client_for(moderator).post(reverse("community:moderate", args=[thread.pk]), {"action": "hide"})
    assert client_for(anna).get(thread.get_absolute_url()).status_code == 404
    assert client_for(moderator).get(thread.get_absolute_url()).status_code == 200
    assert SearchDocument.objects.get(kind="thread", key=str(thread.pk)).published is False
    assert AuditEvent.objects.filter(action="community.moderate").exists()


def test_locked_thread_takes_no_answers(moderator: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    client_for(moderator).post(reverse("community:moderate", args=[thread.pk]), {"action": "lock"})
    response = client_for(anna).post(reverse("community:reply", args=[thread.pk]), {"body": "late answer"})
    assert response.status_code == 422 and thread.replies.count() == 0


def test_customer_cannot_moderate(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    assert client_for(anna).post(reverse("community:moderate", args=[thread.pk]), {"action": "hide"}).status_code == 404
    thread.refresh_from_db()
    assert not thread.hidden


def test_similar_threads_and_articles_are_suggested_while_typing(
    client: Any, anna: Any, en_iphone_section: Any
) -> None:
    thread_create(author=anna, section=en_iphone_section, title="iPhone battery drains overnight", body="Lost half.")
    document_upsert(
        kind="article",
        key="battery-en",
        locale="en",
        title="iPhone battery drains fast",
        body="Check apps.",
        url="/help/x/",
    )
    html = client.get(reverse("community:suggest"), {"title": "battery drains"}).content.decode()
    assert "similar-threads" in html and "similar-articles" in html
    assert client.get(reverse("community:suggest"), {"title": "zz"}).content.decode().strip() == ""


def test_this_answered_my_question_counts_a_deflection_once_per_session(
    client: Any, anna: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Screen stays black", body="after a drop")
    data = {"document": f"thread:{thread.pk}", "title": "black screen"}
    response = client.post(reverse("community:deflect"), data)
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert client.post(reverse("community:deflect"), data).status_code == 302
    feedback = SuggestionFeedback.objects.get()
    assert feedback.signal == FeedbackSignal.DEFLECTED and feedback.query == "black screen"


def test_deflection_is_not_counted_on_a_get(client: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Screen stays black", body="after a drop")
    assert client.get(reverse("community:deflect"), {"document": f"thread:{thread.pk}"}).status_code == 405
    assert SuggestionFeedback.objects.count() == 0


def test_suggestions_link_straight_to_the_thread_and_offer_the_answered_button(
    client: Any, anna: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Screen stays black", body="after a drop")
    html = client.get(reverse("community:suggest"), {"title": "screen black"}).content.decode()
    assert f'href="{thread.get_absolute_url()}"' in html
    assert f'value="thread:{thread.pk}"' in html and 'formmethod="post"' in html


def test_deflect_to_an_unknown_or_hidden_document_is_404(client: Any, en_iphone_section: Any) -> None:
    assert client.post(reverse("community:deflect"), {"document": "thread:404"}).status_code == 404
    assert client.post(reverse("community:deflect"), {"document": "bogus:1"}).status_code == 404
    assert Thread.objects.count() == 0
