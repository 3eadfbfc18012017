"""Anti-spam and moderation: first-post review, trust levels, link limits, suspension, move,
merge, reasons shown to authors; reputation and the monthly top helpers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.audit.models import AuditEvent
from caselog.community import selectors
from caselog.community.models import Reply, Thread, Vote
from caselog.community.services import (
    TrustLevel,
    member_suspend,
    post_approve,
    reply_accept,
    reply_create,
    thread_create,
    trust_level,
    vote_cast,
)
from caselog.community.tests.factories import ReplyFactory, SectionFactory, ThreadFactory
from caselog.search.models import SearchDocument
from conftest import client_for

pytestmark = pytest.mark.django_db


def _newcomer() -> Any:
    return UserFactory(username="newbie", email="newbie@example.com", roles=[Role.CUSTOMER])


def test_first_post_of_a_new_member_waits_for_review(anna: Any, moderator: Any, en_iphone_section: Any) -> None:
    newbie = _newcomer()
    thread = thread_create(author=newbie, section=en_iphone_section, title="Is my phone covered?", body="Bought it")
    assert thread.pending_review
    assert not SearchDocument.objects.get(kind="thread", key=str(thread.pk)).published
    assert client_for(anna).get(thread.get_absolute_url()).status_code == 404
    assert "Waiting for review" in client_for(newbie).get(thread.get_absolute_url()).content.decode()
    assert thread.title not in client_for(anna).get(en_iphone_section.get_absolute_url()).content.decode()
    assert thread.title in client_for(moderator).get(reverse("community:moderation")).content.decode()

    client_for(moderator).post(reverse("community:approve", args=["thread", thread.pk]))
    thread.refresh_from_db()
    assert not thread.pending_review
    assert client_for(anna).get(thread.get_absolute_url()).status_code == 200
    assert SearchDocument.objects.get(kind="thread", key=str(thread.pk)).published
    assert AuditEvent.objects.filter(action="community.approve", actor=moderator).exists()
    second = thread_create(author=newbie, section=en_iphone_section, title="And the charger?", body="Too?")
    assert not second.pending_review


def test_held_reply_counts_and_notifies_only_once_approved(
    anna: Any, moderator: Any, en_iphone_section: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    newbie = _newcomer()
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(author=newbie, thread=thread, body="Buy a new one")
    thread.refresh_from_db()
    assert reply.pending_review and thread.reply_count == 0 and mail.outbox == []
    assert "Buy a new one" not in client_for(anna).get(thread.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post_approve(actor=moderator, reply=reply)
    thread.refresh_from_db()
    assert thread.reply_count == 1 and [m.to for m in mail.outbox] == [[anna.email]]


def test_customers_cannot_approve(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, pending_review=True)
    assert client_for(anna).post(reverse("community:approve", args=["thread", thread.pk])).status_code == 404
    thread.refresh_from_db()
    assert thread.pending_review


def test_trust_grows_with_time_and_accepted_answers(anna: Any, en_iphone_section: Any) -> None:
    helper = _newcomer()
    assert trust_level(user=helper) == TrustLevel.NEW
    helper.date_joined = timezone.now() - timedelta(days=40)
    helper.save(update_fields=["date_joined"])
    assert trust_level(user=helper) == TrustLevel.MEMBER
    for _ in range(3):
        thread = ThreadFactory(section=en_iphone_section, author=anna)
        reply_accept(actor=anna, reply=ReplyFactory(thread=thread, author=helper))
    assert trust_level(user=helper) == TrustLevel.TRUSTED


def test_new_members_may_post_only_one_link(en_iphone_section: Any, anna: Any) -> None:
    newbie = _newcomer()
    with pytest.raises(ValidationError) as error:
        thread_create(
            author=newbie, section=en_iphone_section, title="Cheap chargers", body="https://a.example https://b.example"
        )
    assert "at most 1 link" in str(error.value)
    thread_create(author=anna, section=en_iphone_section, title="Two links are fine", body="https://a.x https://b.x")


def test_members_post_at_most_five_links_and_see_why_next_to_the_field(anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    body = " ".join(f"https://{n}.example" for n in range(6))
    response = client_for(anna).post(reverse("community:reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 422 and "at most 5 links" in response.content.decode()
    assert not Reply.objects.exists()


def test_moderator_suspends_a_member_who_then_cannot_post(
    anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=lukas)
    ReplyFactory(thread=thread, author=anna)
    response = client_for(moderator).post(
        reverse("community:suspend", args=[anna.pk]), {"days": 7, "reason": "Repeated advertising"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="community.suspend")
    assert event.actor == moderator and event.after["reason"] == "Repeated advertising"
    page = client_for(anna).get(thread.get_absolute_url()).content.decode()
    assert "You are suspended from the community until" in page and "Repeated advertising" in page
    refused = client_for(anna).post(reverse("community:reply", args=[thread.pk]), {"body": "Buy now"})
    assert refused.status_code == 422 and "Repeated advertising" in refused.content.decode()
    suspension = selectors.suspension_list().get()
    client_for(moderator).post(reverse("community:suspension_lift", args=[suspension.pk]))
    assert client_for(anna).post(reverse("community:reply", args=[thread.pk]), {"body": "Sorry"}).status_code == 302
    assert AuditEvent.objects.filter(action="community.suspension_lift").exists()


def test_a_suspension_needs_a_reason_and_a_moderator(
    anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any
) -> None:
    ThreadFactory(section=en_iphone_section, author=anna)
    response = client_for(moderator).post(reverse("community:suspend", args=[anna.pk]), {"days": 7, "reason": ""})
    assert response.status_code == 422 and "This field is required." in response.content.decode()
    assert (
        client_for(lukas).post(reverse("community:suspend", args=[anna.pk]), {"days": 7, "reason": "x"}).status_code
        == 404
    )
    with pytest.raises(ValidationError):
        member_suspend(actor=moderator, user=anna, until=timezone.now() - timedelta(days=1), reason="late")
    assert not selectors.suspension_list().exists()


def test_moderator_moves_a_thread_audited(anna: Any, moderator: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Mac will not wake", body="black screen")
    mac_en = SectionFactory(locale="en", slug="mac-en")
    assert client_for(anna).post(reverse("community:move", args=[thread.pk]), {"section": mac_en.pk}).status_code == 404
    client_for(moderator).post(reverse("community:move", args=[thread.pk]), {"section": mac_en.pk})
    thread.refresh_from_db()
    assert thread.section == mac_en
    event = AuditEvent.objects.get(action="community.move")
    assert event.before == {"section": en_iphone_section.pk} and event.after == {"section": mac_en.pk}
    assert SearchDocument.objects.get(kind="thread", key=str(thread.pk)).product_group == mac_en.product_group.slug


def test_moderator_merges_a_duplicate_and_its_address_leads_to_the_original(
    anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any
) -> None:
    original = ThreadFactory(section=en_iphone_section, author=anna, title="Battery drains overnight")
    duplicate = ThreadFactory(section=en_iphone_section, author=lukas, title="Battery empty every morning")
    ReplyFactory(thread=original, author=lukas)
    ReplyFactory(thread=duplicate, author=anna, body="Turn off background refresh")
    response = client_for(moderator).post(reverse("community:merge", args=[duplicate.pk]), {"into": original.pk})
    assert response.status_code == 302 and response["Location"] == original.get_absolute_url()
    original.refresh_from_db()
    assert original.reply_count == 2 and original.replies.filter(body="Turn off background refresh").exists()
    redirect = client_for(lukas).get(duplicate.get_absolute_url())
    assert redirect.status_code == 302 and redirect["Location"] == original.get_absolute_url()
    assert original.follows.filter(user=lukas).exists() or not duplicate.follows.exists()
    reply_url = reverse("community:reply", args=[duplicate.pk])
    assert client_for(lukas).post(reply_url, {"body": "late answer"}).status_code == 404
    assert AuditEvent.objects.get(action="community.merge").after["merged_into"] == original.pk
    assert not SearchDocument.objects.filter(kind="thread", key=str(duplicate.pk), published=True).exists()


def test_merge_into_itself_or_a_missing_thread_is_refused(moderator: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section)
    client = client_for(moderator)
    client.post(reverse("community:merge", args=[thread.pk]), {"into": thread.pk})
    client.post(reverse("community:merge", args=[thread.pk]), {"into": 99999})
    thread.refresh_from_db()
    assert thread.merged_into is None and not thread.hidden


def test_hidden_answer_shows_its_reason_to_its_author_only(
    anna: Any, lukas: Any, charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply = ReplyFactory(thread=thread, author=lukas, body="Visit my shop")
    client_for(moderator).post(
        reverse("community:reply_moderate", args=[reply.pk]), {"action": "hide", "reason": "Advertising"}
    )
    own = client_for(lukas).get(thread.get_absolute_url()).content.decode()
    assert "Visit my shop" in own and "Advertising" in own
    other = client_for(charlie).get(thread.get_absolute_url()).content.decode()
    assert "Visit my shop" not in other and "Advertising" not in other
    assert AuditEvent.objects.get(action="community.reply_hide").after["reason"] == "Advertising"


def test_a_thread_whose_only_answer_is_hidden_is_unanswered_again(
    client: Any, anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Wi-Fi drops at night", body="Every night.")
    spam = reply_create(author=lukas, thread=thread, body="Visit my shop")
    unanswered = reverse("community:section", args=[en_iphone_section.slug])
    assert thread.title not in client.get(unanswered, {"sort": "unanswered"}).content.decode()
    for _twice in range(2):
        client_for(moderator).post(reverse("community:reply_moderate", args=[spam.pk]), {"action": "hide"})
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert thread.title in client.get(unanswered, {"sort": "unanswered"}).content.decode()
    client_for(moderator).post(reverse("community:reply_moderate", args=[spam.pk]), {"action": "show"})
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_hidden_thread_shows_its_reason_to_its_author_and_is_404_for_others(
    anna: Any, charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    client_for(moderator).post(
        reverse("community:moderate", args=[thread.pk]), {"action": "hide", "reason": "Off topic"}
    )
    assert "Off topic" in client_for(anna).get(thread.get_absolute_url()).content.decode()
    assert client_for(charlie).get(thread.get_absolute_url()).status_code == 404


def test_reputation_counts_accepted_answers_and_votes_and_shows_on_the_profile(
    client: Any, anna: Any, lukas: Any, charlie: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply = ReplyFactory(thread=thread, author=lukas)
    vote_cast(user=anna, reply=reply)
    vote_cast(user=charlie, reply=reply)
    reply_accept(actor=anna, reply=reply)
    assert selectors.reputation(user=lukas) == 15 + 2
    html = client.get(reverse("community:member", args=[lukas.pk])).content.decode()
    assert 'class="reputation">17<' in html
    assert client.get(reverse("community:member", args=[charlie.pk])).status_code == 404  # never posted


def test_top_helpers_of_the_month_per_section(
    client: Any, anna: Any, lukas: Any, charlie: Any, en_iphone_section: Any
) -> None:
    other_section = SectionFactory(locale="en", slug="mac-en")
    first = ThreadFactory(section=en_iphone_section, author=anna)
    helpful = ReplyFactory(thread=first, author=lukas)
    reply_accept(actor=anna, reply=helpful)
    vote_cast(user=anna, reply=ReplyFactory(thread=first, author=charlie))
    elsewhere = ThreadFactory(section=other_section, author=anna)
    reply_accept(actor=anna, reply=ReplyFactory(thread=elsewhere, author=charlie))
    old = ThreadFactory(section=en_iphone_section, author=anna)
    reply_accept(actor=anna, reply=ReplyFactory(thread=old, author=charlie))
    Thread.objects.filter(pk=old.pk).update(accepted_at=timezone.now() - timedelta(days=70))

    helpers = selectors.top_helpers(section=en_iphone_section, month=timezone.localdate())
    assert [(h.user, h.points) for h in helpers] == [(lukas, 15), (charlie, 1)]
    html = client.get(reverse("community:top_helpers", args=[en_iphone_section.slug])).content.decode()
    assert html.index(lukas.get_short_name() or lukas.username) < html.index(
        charlie.get_short_name() or charlie.username
    )
    assert client.get(reverse("community:top_helpers", args=["nope"])).status_code == 404
    assert (
        client.get(reverse("community:top_helpers", args=[en_iphone_section.slug]), {"month": "garbage"}).status_code
        == 200
    )
    assert Vote.objects.count() == 1


def test_moderator_edits_an_answer_with_a_reason_the_author_sees_audited(
    anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply = ReplyFactory(thread=thread, author=lukas, body="Call me at +49 170 1234567")
    client = client_for(moderator)
    assert client.get(reverse("community:edit", args=["reply", reply.pk])).status_code == 200
    response = client.post(
        reverse("community:edit", args=["reply", reply.pk]),
        {"body": "Call support instead.", "reason": "No phone numbers in public posts"},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Call support instead."
    assert "No phone numbers in public posts" in client_for(lukas).get(thread.get_absolute_url()).content.decode()
    event = AuditEvent.objects.get(action="community.edit")
    assert event.before == {"body": "Call me at +49 170 1234567"} and event.actor == moderator


def test_moderator_edits_a_question_title_and_it_is_reindexed(
    anna: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="HELP!!! phone", body="battery")
    client_for(moderator).post(
        reverse("community:edit", args=["thread", thread.pk]),
        {"title": "Battery drains overnight", "body": "battery", "reason": "A clearer title"},
    )
    assert SearchDocument.objects.get(kind="thread", key=str(thread.pk)).title == "Battery drains overnight"


def test_an_edit_needs_a_reason_and_a_moderator(anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    reply = ReplyFactory(thread=thread, author=lukas, body="original")
    response = client_for(moderator).post(reverse("community:edit", args=["reply", reply.pk]), {"body": "new"})
    assert response.status_code == 422 and "This field is required." in response.content.decode()
    assert client_for(anna).get(reverse("community:edit", args=["reply", reply.pk])).status_code == 404
    assert (
        client_for(lukas)
        .post(reverse("community:edit", args=["reply", reply.pk]), {"body": "mine", "reason": "x"})
        .status_code
        == 404
    )
    assert client_for(moderator).get(reverse("community:edit", args=["case", reply.pk])).status_code == 404
    reply.refresh_from_db()
    assert reply.body == "original"


def test_a_representatives_first_answer_does_not_wait_for_moderation(en_iphone_section: Any, lukas: Any) -> None:
    # Found trying it: a company representative with a new account waited in the moderation queue.
    from caselog.community.tests.factories import RepresentativeFactory

    rep = UserFactory(roles=[Role.AGENT])
    RepresentativeFactory(user=rep, title="Caselog support")
    thread = ThreadFactory(section=en_iphone_section, author=lukas)
    reply = reply_create(author=rep, thread=thread, body="Hold the side button for ten seconds.")
    assert reply.pending_review is False
    newbie = UserFactory()
    assert reply_create(author=newbie, thread=thread, body="Same here").pending_review is True
