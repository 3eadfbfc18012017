"""Moderators delete answers and questions: the text goes for everyone, the author is shown and
mailed the reason, the row stays for the audit trail and the reports."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.community import services
from caselog.community.models import Reply, Report, Thread
from caselog.community.services import reply_accept, reply_create, report_create, thread_create
from caselog.search.models import SearchDocument
from conftest import client_for

pytestmark = pytest.mark.django_db

SPAM = "Cheap watches at my shop"


def _delete(user: Any, kind: str, pk: int, reason: str = "Advertising is not allowed") -> Any:
    return client_for(user).post(reverse("community:delete", args=[kind, pk]), {"reason": reason})


@pytest.fixture
def solved(anna: Any, lukas: Any, charlie: Any, en_iphone_section: Any) -> tuple[Thread, Reply, Reply]:
    """anna asks; lukas posts spam that anna (wrongly) accepted; charlie answers for real."""
    charlie.date_joined = timezone.now() - timedelta(days=30)  # past first-post review
    charlie.save(update_fields=["date_joined"])
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains overnight", body="Why?")
    spam = reply_create(author=lukas, thread=thread, body=SPAM)
    good = reply_create(author=charlie, thread=thread, body="Turn off background refresh.")
    reply_accept(actor=anna, reply=spam)
    mail.outbox.clear()
    return thread, spam, good


def test_moderator_deletes_an_answer_it_is_gone_for_other_readers(
    anna: Any, charlie: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    response = _delete(moderator, "reply", spam.pk)
    assert response.status_code == 302
    for reader in (anna, charlie):
        html = client_for(reader).get(thread.get_absolute_url()).content.decode()
        assert SPAM not in html and "Advertising is not allowed" not in html and f"reply-{spam.pk}" not in html
    assert client_for(anna).get(thread.get_absolute_url(), {"quote": spam.pk}).status_code == 404
    assert SPAM not in client_for(moderator).get(thread.get_absolute_url()).content.decode()


def test_the_author_of_a_deleted_answer_sees_the_reason_in_its_place(
    lukas: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    _delete(moderator, "reply", spam.pk)
    html = client_for(lukas).get(thread.get_absolute_url()).content.decode()
    assert "Von einem Moderator gelöscht: Advertising is not allowed" in html  # lukas reads German
    assert SPAM not in html


def test_the_author_is_mailed_the_reason_in_their_language(
    lukas: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    _delete(moderator, "reply", spam.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lukas.email]
    assert message.subject == f"Ihre Antwort wurde gelöscht: {thread.title}"
    assert "Advertising is not allowed" in message.body and SPAM not in message.body
    assert f"{thread.get_absolute_url()}#reply-{spam.pk}" in message.body
    assert message.extra_headers["Content-Language"] == "de"


def test_deleting_an_answer_is_audited_and_clears_the_solution_and_recounts(
    moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    assert SearchDocument.objects.get(kind="thread", key=str(thread.pk)).body.endswith(SPAM)
    _delete(moderator, "reply", spam.pk)
    thread.refresh_from_db()
    spam.refresh_from_db()
    assert thread.accepted_reply is None and thread.accepted_at is None
    assert thread.reply_count == 1
    assert spam.deleted_at is not None and spam.deleted_by == moderator and spam.hidden
    assert spam.body == SPAM  # kept for the audit trail, shown to nobody
    assert SPAM not in SearchDocument.objects.get(kind="thread", key=str(thread.pk)).body
    event = AuditEvent.objects.get(action="community.reply_delete")
    assert event.actor == moderator
    assert event.before["body"] == SPAM and event.before["accepted"] is True
    assert event.after["reason"] == "Advertising is not allowed"


def test_the_audit_row_is_written_in_the_same_transaction(
    monkeypatch: pytest.MonkeyPatch,
    moderator: Any,
    solved: tuple[Thread, Reply, Reply],
    django_capture_on_commit_callbacks: Any,
) -> None:
    thread, spam, _good = solved

    def failing_audit(**kwargs: Any) -> None:
        raise DatabaseError("the audit table is unavailable")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    # Callbacks run as a request's would: a rolled-back delete must not mail its author.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DatabaseError):
        services.reply_delete(actor=moderator, reply=spam, reason="Advertising")
    spam.refresh_from_db()
    thread.refresh_from_db()
    assert spam.deleted_at is None and not spam.hidden
    assert thread.accepted_reply_id == spam.pk and thread.reply_count == 2
    assert mail.outbox == []


def test_a_deleted_answer_resolves_its_reports_and_keeps_them(
    anna: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    report = report_create(reporter=anna, thread=thread, reply=spam, reason="spam")
    _delete(moderator, "reply", spam.pk)
    report.refresh_from_db()
    assert report.reply_id == spam.pk and report.resolved_at is not None
    queue = client_for(moderator).get(reverse("community:moderation"))
    assert queue.status_code == 200
    assert report.pk not in [r.pk for r in queue.context["page"].object_list]


def test_a_deleted_answer_cannot_be_voted_on_accepted_shown_again_or_deleted_twice(
    anna: Any, charlie: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    _thread, spam, _good = solved
    _delete(moderator, "reply", spam.pk)
    assert client_for(charlie).post(reverse("community:vote", args=["reply", spam.pk])).status_code == 404
    assert client_for(anna).post(reverse("community:accept", args=[spam.pk])).status_code == 404
    show = client_for(moderator).post(reverse("community:reply_moderate", args=[spam.pk]), {"action": "show"})
    assert show.status_code == 404
    assert _delete(moderator, "reply", spam.pk).status_code == 404
    spam.refresh_from_db()
    assert spam.hidden and spam.score == 0
    assert AuditEvent.objects.filter(action="community.reply_delete").count() == 1


def test_moderator_deletes_a_thread_404_for_outsiders_and_gone_from_search(
    client: Any, anna: Any, charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Camera app crashes", body="Every time.")
    assert [h.thread.pk for h in client.get(reverse("community:search"), {"q": "camera crashes"}).context["hits"]] == [
        thread.pk
    ]
    response = _delete(moderator, "thread", thread.pk, reason="Duplicate of an older question")
    assert response.status_code == 302 and response["Location"] == en_iphone_section.get_absolute_url()
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client_for(charlie).get(thread.get_absolute_url()).status_code == 404
    assert client_for(charlie).post(reverse("community:reply", args=[thread.pk]), {"body": "Hi"}).status_code == 404
    assert not SearchDocument.objects.filter(kind="thread", key=str(thread.pk)).exists()
    assert client.get(reverse("community:search"), {"q": "camera crashes"}).context["hits"] == []
    section_page = client.get(en_iphone_section.get_absolute_url()).content.decode()
    assert "Camera app crashes" not in section_page
    event = AuditEvent.objects.get(action="community.thread_delete")
    assert event.actor == moderator and event.before["body"] == "Every time."
    assert event.after["reason"] == "Duplicate of an older question"


def test_the_author_of_a_deleted_thread_sees_the_reason_and_gets_an_email(
    anna: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Camera app crashes", body="Every time.")
    mail.outbox.clear()
    _delete(moderator, "thread", thread.pk, reason="Duplicate of an older question")
    response = client_for(anna).get(thread.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deleted by a moderator: Duplicate of an older question" in html and "Every time." not in html
    assert client_for(anna).post(reverse("community:follow", args=[thread.pk])).status_code == 404
    assert [m.to for m in mail.outbox] == [[anna.email]]
    assert mail.outbox[0].subject == "Your question was deleted: Camera app crashes"
    assert "Duplicate of an older question" in mail.outbox[0].body


def test_a_deleted_thread_mails_a_russian_author_in_russian(
    charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=charlie, section=en_iphone_section, title="Camera app crashes", body="Every time.")
    mail.outbox.clear()
    _delete(moderator, "thread", thread.pk, reason="Spam")
    assert mail.outbox[0].subject == "Ваш вопрос удалён: Camera app crashes"


def test_non_moderators_get_404_and_nothing_changes(
    client: Any, anna: Any, lukas: Any, charlie: Any, bob: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    for user in (anna, lukas, charlie, bob):
        assert _delete(user, "reply", spam.pk).status_code == 404
        assert _delete(user, "thread", thread.pk).status_code == 404
    assert client.post(reverse("community:delete", args=["reply", spam.pk]), {"reason": "x"}).status_code == 302
    spam.refresh_from_db()
    thread.refresh_from_db()
    assert spam.deleted_at is None and thread.deleted_at is None and thread.accepted_reply_id == spam.pk
    assert not AuditEvent.objects.filter(action__endswith="_delete").exists()
    assert mail.outbox == []
    assert reverse("community:delete", args=["reply", spam.pk]) not in (
        client_for(anna).get(thread.get_absolute_url()).content.decode()
    )


def test_a_missing_reason_is_a_form_error_and_nothing_is_lost(
    moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    for kind, pk in (("reply", spam.pk), ("thread", thread.pk)):
        response = _delete(moderator, kind, pk, reason="   ")
        assert response.status_code == 422
        html = response.content.decode()
        assert "This field is required." in html or "Tell the author why." in html
        assert reverse("community:delete", args=[kind, pk]) in html
    assert _delete(moderator, "case", spam.pk).status_code == 404
    assert client_for(moderator).get(reverse("community:delete", args=["reply", spam.pk])).status_code == 405
    spam.refresh_from_db()
    thread.refresh_from_db()
    assert spam.deleted_at is None and thread.deleted_at is None and thread.accepted_reply_id == spam.pk
    assert not AuditEvent.objects.filter(action__endswith="_delete").exists()
    assert mail.outbox == []
    assert Report.objects.count() == 0


def test_moderators_see_the_delete_actions_next_to_hide(moderator: Any, solved: tuple[Thread, Reply, Reply]) -> None:
    thread, spam, _good = solved
    html = client_for(moderator).get(thread.get_absolute_url()).content.decode()
    assert reverse("community:delete", args=["reply", spam.pk]) in html
    assert reverse("community:delete", args=["thread", thread.pk]) in html
    assert "Delete thread" in html


def test_a_deleted_first_post_cannot_be_approved(
    anna: Any, charlie: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Battery drains overnight", body="Why?")
    held = reply_create(author=charlie, thread=thread, body=SPAM)  # charlie is new: held for review
    assert held.pending_review
    _delete(moderator, "reply", held.pk)
    approve = client_for(moderator).post(reverse("community:approve", args=["reply", held.pk]))
    assert approve.status_code == 404
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_moderators_see_why_a_thread_was_deleted_and_its_text_is_gone(
    anna: Any, moderator: Any, en_iphone_section: Any
) -> None:
    thread = thread_create(author=anna, section=en_iphone_section, title="Camera app crashes", body="Every time.")
    _delete(moderator, "thread", thread.pk, reason="Spam")
    response = client_for(moderator).get(thread.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Deleted by a moderator: Spam" in html and "Every time." not in html
    assert client_for(moderator).get(reverse("community:edit", args=["thread", thread.pk])).status_code == 404


def test_answer_count_heading_counts_only_what_readers_see(
    lukas: Any, moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    """The heading counts the answers readers see, not the placeholders of deleted ones that
    the author and moderators see."""
    thread, spam, _good = solved
    assert _delete(moderator, "reply", spam.pk).status_code == 302
    for viewer in (lukas, moderator):
        html = client_for(viewer).get(thread.get_absolute_url()).content.decode()
        assert "<h2>1 " in html and "<h2>2 " not in html  # 1 answer, 1 Antwort, 1 ответ


def test_hiding_the_accepted_answer_takes_its_text_out_of_search(
    moderator: Any, solved: tuple[Thread, Reply, Reply]
) -> None:
    thread, spam, _good = solved
    document = SearchDocument.objects.get(kind="thread", key=str(thread.pk))
    assert SPAM in document.body
    services.reply_hide(actor=moderator, reply=spam, hidden=True, reason="Advertising")
    thread.refresh_from_db()
    document.refresh_from_db()
    assert thread.accepted_reply_id is None and thread.accepted_at is None
    assert SPAM not in document.body
