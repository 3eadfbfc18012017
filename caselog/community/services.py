"""Community writes. Every function is keyword-only and atomic; staff actions are audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.models import Case, RequestType
from caselog.community.models import Reply, Report, Representative, Section, Thread, Vote
from caselog.search.models import DocumentKind
from caselog.search.services import document_upsert

MODERATE_PERMISSION = "community.moderate"
# A new account (younger than NEW_ACCOUNT_AGE) may post at most NEW_ACCOUNT_POSTS_PER_HOUR posts an hour.
NEW_ACCOUNT_AGE = timedelta(days=2)
NEW_ACCOUNT_POSTS_PER_HOUR = 3
INDEXED_ANSWER_CHARS = 2000


def is_representative(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and Representative.objects.filter(user=user).exists()


def can_moderate(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.has_perm(MODERATE_PERMISSION))


def _check_throttle(author: User) -> None:
    if timezone.now() - author.date_joined >= NEW_ACCOUNT_AGE:
        return
    since = timezone.now() - timedelta(hours=1)
    posts = (
        Thread.objects.filter(author=author, created_at__gte=since).count()
        + Reply.objects.filter(author=author, created_at__gte=since).count()
    )
    if posts >= NEW_ACCOUNT_POSTS_PER_HOUR:
        raise ValidationError(_("New accounts can post only a few times an hour. Please try again later."))


def _clean_text(*, title: str | None = None, body: str) -> None:
    errors: dict[str, list[str]] = {}
    if title is not None and len(title.strip()) < 5:
        errors["title"] = [_("Please describe your question in a few words.")]
    if not body.strip():
        errors["body"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)


def thread_index(*, thread: Thread) -> None:
    """Put the thread (with its accepted answer) in the search index; hidden threads are unpublished."""
    body = thread.body
    if thread.accepted_reply is not None:
        body = f"{body}\n\n{thread.accepted_reply.body[:INDEXED_ANSWER_CHARS]}"
    document_upsert(
        kind=DocumentKind.THREAD,
        key=str(thread.pk),
        locale=thread.section.locale,
        title=thread.title,
        body=body,
        product_group=thread.section.product_group.slug,
        url=thread.get_absolute_url(),
        published=not thread.hidden,
    )


def thread_create(*, author: User, section: Section, title: str, body: str) -> Thread:
    _clean_text(title=title, body=body)
    with transaction.atomic():
        _check_throttle(author)
        thread = Thread.objects.create(section=section, author=author, title=title.strip(), body=body)
        thread_index(thread=thread)
    return thread


def reply_create(*, author: User, thread: Thread, body: str) -> Reply:
    _clean_text(body=body)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if thread.locked or thread.hidden:
            raise ValidationError(_("This thread is locked: it takes no new answers."))
        _check_throttle(author)
        reply = Reply.objects.create(thread=thread, author=author, body=body)
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1, last_activity_at=reply.created_at)
    return reply


def vote_cast(*, user: User, thread: Thread | None = None, reply: Reply | None = None) -> bool:
    """Up-vote a thread or a reply once; returns False if this person had already voted.
    Nobody votes on their own post."""
    target: Thread | Reply | None = thread if thread is not None else reply
    if target is None or (thread is not None and reply is not None):
        raise ValueError("vote_cast takes exactly one of thread or reply")
    if target.author_id == user.pk:
        raise ValidationError(_("You cannot vote on your own post."))
    with transaction.atomic():
        model = Thread if thread is not None else Reply
        locked = model.objects.select_for_update().get(pk=target.pk)
        if Vote.objects.filter(user=user, thread=thread, reply=reply).exists():
            return False
        Vote.objects.create(user=user, thread=thread, reply=reply)
        model.objects.filter(pk=locked.pk).update(score=F("score") + 1)
    return True


def reply_accept(*, actor: User, reply: Reply) -> Thread:
    """The person who asked (or a moderator) marks the answer that solved it; again to undo."""
    thread = reply.thread
    if actor.pk != thread.author_id and not can_moderate(actor):
        raise PermissionDenied
    if reply.hidden:
        raise ValidationError(_("A hidden answer cannot be the solution."))
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
        before = thread.accepted_reply_id
        thread.accepted_reply = None if before == reply.pk else reply
        thread.last_activity_at = timezone.now()
        thread.save(update_fields=["accepted_reply", "last_activity_at"])
        if actor.pk != thread.author_id:
            audit_record(
                actor=actor,
                action="community.accept",
                target=thread,
                before={"accepted_reply": before},
                after={"accepted_reply": thread.accepted_reply_id},
            )
        thread_index(thread=thread)
    return thread


def reply_pin(*, actor: User, reply: Reply) -> Reply:
    """A company representative pins (or unpins) an answer to the top of the thread."""
    if not is_representative(actor):
        raise PermissionDenied
    with transaction.atomic():
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        reply.pinned = not reply.pinned
        reply.save(update_fields=["pinned"])
        audit_record(
            actor=actor,
            action="community.pin",
            target=reply,
            before={"pinned": not reply.pinned},
            after={"pinned": reply.pinned},
        )
    return reply


def thread_moderate(*, actor: User, thread: Thread, hidden: bool | None = None, locked: bool | None = None) -> Thread:
    if not can_moderate(actor):
        raise PermissionDenied
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
        before = {"hidden": thread.hidden, "locked": thread.locked}
        if hidden is not None:
            thread.hidden = hidden
        if locked is not None:
            thread.locked = locked
        thread.save(update_fields=["hidden", "locked"])
        audit_record(
            actor=actor,
            action="community.moderate",
            target=thread,
            before=before,
            after={"hidden": thread.hidden, "locked": thread.locked},
        )
        thread_index(thread=thread)
    return thread


def reply_hide(*, actor: User, reply: Reply, hidden: bool) -> Reply:
    if not can_moderate(actor):
        raise PermissionDenied
    with transaction.atomic():
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        before = reply.hidden
        reply.hidden = hidden
        reply.save(update_fields=["hidden"])
        if hidden:
            Thread.objects.filter(pk=reply.thread_id, accepted_reply=reply).update(accepted_reply=None)
        audit_record(
            actor=actor,
            action="community.reply_hide",
            target=reply,
            before={"hidden": before},
            after={"hidden": hidden},
        )
    return reply


def thread_to_case(*, actor: User, thread: Thread, request_type: RequestType) -> Case:
    """A representative turns a thread into a support case for its author; both link to each other."""
    from caselog.cases.services import case_submit

    if not (is_representative(actor) and actor.has_perm("cases.work_case")):
        raise PermissionDenied
    if thread.case_id is not None:
        raise ValidationError(_("This thread already has a case."))
    author = thread.author
    with transaction.atomic():
        submission = case_submit(
            submitter=author,
            locale=thread.section.locale,
            request_type=request_type,
            subject=thread.title,
            description=f"{thread.body}\n\n— {thread.get_absolute_url()}",
            contact_email=author.email,
            channel=Case.Channel.COMMUNITY,
        )
        Thread.objects.filter(pk=thread.pk).update(case=submission.case)
        thread.case = submission.case
        audit_record(actor=actor, action="community.to_case", target=thread, after={"case": submission.case.number})
    return submission.case


def thread_to_article(*, actor: User, thread: Thread) -> Any:
    """Start a draft help article from a solved thread: the question and its accepted answer."""
    from caselog.knowledge.services import article_create

    if thread.accepted_reply is None:
        raise ValidationError(_("Only a solved thread can become an article."))
    body = f"{thread.body}\n\n## {_('Solution')}\n\n{thread.accepted_reply.body}"
    with transaction.atomic():
        translation = article_create(
            actor=actor,
            product_group=thread.section.product_group,
            topic=thread.section.topic,
            source_locale=thread.section.locale,
            title=thread.title,
            body=body,
        )
        audit_record(
            actor=actor, action="community.to_article", target=thread, after={"article": translation.article.slug}
        )
    return translation


def report_create(*, reporter: User, thread: Thread, reply: Reply | None = None, reason: str = "") -> Report:
    with transaction.atomic():
        return Report.objects.create(reporter=reporter, thread=thread, reply=reply, reason=reason.strip()[:300])


def report_resolve(*, actor: User, report: Report) -> Report:
    if not can_moderate(actor):
        raise PermissionDenied
    with transaction.atomic():
        report.resolved_at = timezone.now()
        report.save(update_fields=["resolved_at"])
        audit_record(actor=actor, action="community.report_resolve", target=report, after={"thread": report.thread_id})
    return report
