"""Following a thread: automatic for the asker and those who answer, a button for anyone,
email to followers (never to the reply's author) after commit, and an unsubscribe link that
works without signing in."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from caselog.community.models import Follow
from caselog.community.services import follow_set, reply_create, thread_create
from caselog.community.tasks import reply_notify, unsubscribe_token
from caselog.community.tests.factories import ThreadFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def _unsubscribe_url(message: Any) -> str:
    line = next(line for line in message.body.splitlines() if "/community/unsubscribe/" in line)
    return line.strip().split("testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1]


def test_asker_and_answerer_follow_automatically(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    reply_create(author=lukas, thread=thread, body="Background refresh.")
    assert set(Follow.objects.filter(thread=thread).values_list("user__username", flat=True)) == {"anna", "lukas"}


def test_followers_but_not_the_replier_get_an_email_with_the_answer(
    anna: Any, lukas: Any, charlie: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    follow_set(user=charlie, thread=thread, following=True)
    mail.outbox.clear()
    client_for(lukas).post(reverse("community:reply", args=[thread.pk]), {"body": "Turn off **Background refresh**."})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, charlie.email])
    message = next(m for m in mail.outbox if m.to == [anna.email])
    assert "Battery drains at night" in message.subject
    assert "Turn off **Background refresh**." in message.body
    assert f"/community/t/{thread.pk}/#reply-" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "Background refresh" in str(html) and "<script" not in str(html)


def test_email_is_in_the_followers_language(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = thread_create(author=lukas, section=en_iphone_section, title="Battery drains at night", body="Why?")
    mail.outbox.clear()
    reply_create(author=anna, thread=thread, body="Try this.")
    reply_notify.call(reply_id=thread.replies.get().pk)
    assert mail.outbox[0].to == [lukas.email]
    assert mail.outbox[0].subject.startswith("Neue Antwort")


def test_no_email_is_sent_inside_the_transaction(
    anna: Any, lukas: Any, en_iphone_section: Any, django_capture_on_commit_callbacks: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply_create(author=lukas, thread=thread, body="Try this.")
    assert mail.outbox == [] and len(callbacks) == 1


def test_follow_and_unfollow_buttons(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=lukas)
    client = client_for(anna)
    assert "Follow: email me answers" in client.get(thread.get_absolute_url()).content.decode()
    assert client.post(reverse("community:follow", args=[thread.pk]), {"action": "follow"}).status_code == 302
    assert Follow.objects.filter(user=anna, thread=thread).exists()
    assert "Following · stop emails" in client.get(thread.get_absolute_url()).content.decode()
    client.post(reverse("community:follow", args=[thread.pk]), {"action": "unfollow"})
    assert not Follow.objects.filter(user=anna, thread=thread).exists()


def test_following_needs_sign_in_and_a_post(client: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    assert client.post(reverse("community:follow", args=[thread.pk])).status_code == 302
    assert client_for(anna).get(reverse("community:follow", args=[thread.pk])).status_code == 405
    assert Follow.objects.count() == 0


def test_outsider_cannot_follow_a_hidden_thread(anna: Any, lukas: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna, hidden=True)
    assert client_for(lukas).post(reverse("community:follow", args=[thread.pk])).status_code == 404
    assert not Follow.objects.filter(user=lukas).exists()


def test_unsubscribe_link_from_the_email_works_without_signing_in(
    client: Any, anna: Any, lukas: Any, en_iphone_section: Any, django_capture_on_commit_callbacks: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=lukas, thread=thread, body="Try this.")
    url = _unsubscribe_url(mail.outbox[0])
    page = client.get(url)
    assert page.status_code == 200 and "Stop the emails" in page.content.decode()
    assert Follow.objects.filter(user=anna, thread=thread).exists()  # a GET (a mail scanner) changes nothing
    assert client.post(url).status_code == 200
    assert not Follow.objects.filter(user=anna, thread=thread).exists()
    assert Follow.objects.filter(user=lukas, thread=thread).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=lukas, thread=thread, body="And this.")
    assert mail.outbox == []


def test_one_click_unsubscribe_post_from_a_mail_client(client: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    follow_set(user=anna, thread=thread, following=True)
    token = unsubscribe_token(user_id=anna.pk, thread_id=thread.pk)
    response = client.post(reverse("community:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not Follow.objects.filter(user=anna).exists()


def test_a_forged_unsubscribe_token_is_404(client: Any, anna: Any, en_iphone_section: Any) -> None:
    thread = ThreadFactory(section=en_iphone_section, author=anna)
    follow_set(user=anna, thread=thread, following=True)
    token = unsubscribe_token(user_id=anna.pk, thread_id=thread.pk)
    assert client.post(reverse("community:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    assert client.post(reverse("community:unsubscribe", args=["garbage"])).status_code == 404
    assert Follow.objects.filter(user=anna).exists()


def test_hidden_answers_send_no_email(anna: Any, lukas: Any, moderator: Any, en_iphone_section: Any) -> None:
    from caselog.community.services import reply_hide

    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    reply = reply_create(author=lukas, thread=thread, body="spam")
    reply_hide(actor=moderator, reply=reply, hidden=True, reason="Spam")
    mail.outbox.clear()
    assert reply_notify.call(reply_id=reply.pk) == 0 and mail.outbox == []


def test_a_retried_notification_does_not_mail_anyone_twice(
    anna: Any, lukas: Any, charlie: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains at night", body="Why?")
    follow_set(user=charlie, thread=thread, following=True)
    reply = reply_create(author=lukas, thread=thread, body="Try this.")
    mail.outbox.clear()
    assert reply_notify.call(reply_id=reply.pk) == 2
    assert reply_notify.call(reply_id=reply.pk) == 0
    assert len(mail.outbox) == 2
