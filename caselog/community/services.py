"""Community writes. Every function is keyword-only and atomic; staff actions are audited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, IntegerChoices
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.models import Case, RequestType
from caselog.community.models import (
    Follow,
    PostImage,
    Reply,
    Report,
    Representative,
    Section,
    Suspension,
    Thread,
    UserGroup,
    Vote,
)
from caselog.search.models import DocumentKind
from caselog.search.services import document_delete, document_upsert

if TYPE_CHECKING:
    from caselog.cases.services import Submission

MODERATE_PERMISSION = "community.moderate"
# A new account (younger than NEW_ACCOUNT_AGE) may post at most NEW_ACCOUNT_POSTS_PER_HOUR posts an hour.
NEW_ACCOUNT_AGE = timedelta(days=2)
NEW_ACCOUNT_POSTS_PER_HOUR = 3
INDEXED_ANSWER_CHARS = 2000
# Trust grows with time and accepted answers.
TRUSTED_ACCOUNT_AGE = timedelta(days=30)
TRUSTED_ACCEPTED_ANSWERS = 3
# How many links one post may carry at each trust level (None: no limit).
LINKS_PER_POST = {0: 1, 1: 5, 2: None}
LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)
# Images attached to a post: how many, how big, which kinds (recognised by their first bytes).
IMAGES_PER_POST = 4
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_SIGNATURES: dict[bytes, tuple[str, str]] = {
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"GIF87a": ("image/gif", "gif"),
    b"GIF89a": ("image/gif", "gif"),
}
# Reputation: points for an accepted answer and for each up-vote a post receives.
POINTS_PER_ACCEPTED_ANSWER = 15
POINTS_PER_VOTE = 1


class TrustLevel(IntegerChoices):
    NEW = 0, _l("New member")
    MEMBER = 1, _l("Member")
    TRUSTED = 2, _l("Trusted member")


def accepted_answer_count(*, user: Any) -> int:
    return Thread.objects.filter(accepted_reply__author=user, hidden=False).count()


def trust_level(*, user: Any) -> TrustLevel:
    """New members (young account, nothing accepted) are held to tight limits; trust grows with
    the account's age and the answers others accepted. The company's own voices
    (representatives and moderators) are trusted from their first post: an answer from
    support never waits in the moderation queue."""
    if is_representative(user) or can_moderate(user):
        return TrustLevel.TRUSTED
    age = timezone.now() - user.date_joined
    accepted = accepted_answer_count(user=user)
    if accepted >= TRUSTED_ACCEPTED_ANSWERS and age >= TRUSTED_ACCOUNT_AGE:
        return TrustLevel.TRUSTED
    if age >= NEW_ACCOUNT_AGE or accepted > 0:
        return TrustLevel.MEMBER
    return TrustLevel.NEW


def active_suspension(*, user: Any) -> Suspension | None:
    return (
        Suspension.objects.filter(user=user, lifted_at__isnull=True, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


def _check_can_post(*, author: User, body: str) -> TrustLevel:
    """Suspended members cannot post; new members are rate-limited and may carry few links."""
    suspension = active_suspension(user=author)
    if suspension is not None:
        raise ValidationError(
            _("You are suspended from the community until %(until)s: %(reason)s")
            % {
                "until": date_format(timezone.localtime(suspension.until), "DATETIME_FORMAT"),
                "reason": suspension.reason,
            }
        )
    level = trust_level(user=author)
    limit = LINKS_PER_POST[level]
    if limit is not None and len(LINK_PATTERN.findall(body)) > limit:
        raise ValidationError(
            {
                "body": [
                    ngettext(
                        "New members may put at most %(limit)d link in a post.",
                        "New members may put at most %(limit)d links in a post.",
                        limit,
                    )
                    % {"limit": limit}
                    if level == TrustLevel.NEW
                    else ngettext(
                        "A post may carry at most %(limit)d link.", "A post may carry at most %(limit)d links.", limit
                    )
                    % {"limit": limit}
                ]
            }
        )
    return level


def _needs_review(*, author: User, level: TrustLevel) -> bool:
    """The first post of a new member waits for a moderator."""
    if level != TrustLevel.NEW:
        return False
    return not (
        Thread.objects.filter(author=author, pending_review=False, hidden=False).exists()
        or Reply.objects.filter(author=author, pending_review=False, hidden=False).exists()
    )


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
    """Put the thread (with its accepted answer) in the search index; hidden threads are
    unpublished, deleted ones leave the index."""
    if thread.deleted_at is not None:
        document_delete(kind=DocumentKind.THREAD, key=str(thread.pk))
        return
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
        published=not (thread.hidden or thread.pending_review),
    )


def _image_kind(file: Any) -> tuple[str, str] | None:
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ("image/webp", "webp")
    return next((kind for sig, kind in IMAGE_SIGNATURES.items() if head.startswith(sig)), None)


def images_check(*, images: Sequence[Any]) -> None:
    """Refuse more than IMAGES_PER_POST images, empty or too large files, and anything that is
    not a PNG, JPEG, GIF or WebP image (whatever its name says)."""
    if len(images) > IMAGES_PER_POST:
        raise ValidationError(
            {"images": [_("Attach at most %(limit)d images to one post.") % {"limit": IMAGES_PER_POST}]}
        )
    for image in images:
        if not image.size:
            raise ValidationError({"images": [_("The file %(name)s is empty.") % {"name": image.name}]})
        if image.size > IMAGE_MAX_BYTES:
            raise ValidationError(
                {
                    "images": [
                        _("The image %(name)s is too large: at most %(limit)d MB.")
                        % {"name": image.name, "limit": IMAGE_MAX_BYTES // (1024 * 1024)}
                    ]
                }
            )
        if _image_kind(image) is None:
            raise ValidationError(
                {"images": [_("%(name)s is not a PNG, JPEG, GIF or WebP image.") % {"name": image.name}]}
            )


def _images_attach(*, images: Sequence[Any], thread: Thread, reply: Reply | None, author: User) -> None:
    for image in images:
        kind = _image_kind(image)
        assert kind is not None  # images_check ran first
        image.name = f"image.{kind[1]}"
        PostImage.objects.create(
            thread=thread, reply=reply, uploaded_by=author, file=image, content_type=kind[0], size=image.size
        )


def _follow(*, user: User, thread: Thread) -> None:
    Follow.objects.get_or_create(user=user, thread=thread)


def thread_create(*, author: User, section: Section, title: str, body: str, images: Sequence[Any] = ()) -> Thread:
    """Start a thread (with up to IMAGES_PER_POST images); the author follows it. A new
    member's first post waits for review."""
    _clean_text(title=title, body=body)
    images_check(images=images)
    with transaction.atomic():
        level = _check_can_post(author=author, body=body)
        _check_throttle(author)
        thread = Thread.objects.create(
            section=section,
            author=author,
            title=title.strip(),
            body=body,
            pending_review=_needs_review(author=author, level=level),
        )
        _images_attach(images=images, thread=thread, reply=None, author=author)
        _follow(user=author, thread=thread)
        thread_index(thread=thread)
    return thread


def reply_create(*, author: User, thread: Thread, body: str, images: Sequence[Any] = ()) -> Reply:
    """Answer a thread; the author follows it, and its other followers get an email after commit."""
    from caselog.community.tasks import reply_notify

    _clean_text(body=body)
    images_check(images=images)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if thread.locked or thread.hidden:
            raise ValidationError(_("This thread is locked: it takes no new answers."))
        level = _check_can_post(author=author, body=body)
        _check_throttle(author)
        pending = _needs_review(author=author, level=level)
        reply = Reply.objects.create(thread=thread, author=author, body=body, pending_review=pending)
        _images_attach(images=images, thread=thread, reply=reply, author=author)
        if not pending:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=F("reply_count") + 1, last_activity_at=reply.created_at
            )
            transaction.on_commit(lambda: reply_notify.enqueue(reply_id=reply.pk))
        _follow(user=author, thread=thread)
    return reply


def follow_set(*, user: User, thread: Thread, following: bool) -> bool:
    """Start or stop following a thread; returns whether the user follows it now."""
    with transaction.atomic():
        if following:
            _follow(user=user, thread=thread)
        else:
            Follow.objects.filter(user=user, thread=thread).delete()
    return following


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
        thread.accepted_at = thread.last_activity_at if thread.accepted_reply is not None else None
        thread.save(update_fields=["accepted_reply", "accepted_at", "last_activity_at"])
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


def thread_moderate(
    *, actor: User, thread: Thread, hidden: bool | None = None, locked: bool | None = None, reason: str = ""
) -> Thread:
    """Hide or lock a thread (or undo it); the reason is shown to the author on the thread."""
    if not can_moderate(actor):
        raise PermissionDenied
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
        if thread.deleted_at is not None and hidden is False:
            raise ValidationError(_("A deleted post cannot be shown again."))
        before = {"hidden": thread.hidden, "locked": thread.locked}
        if hidden is not None:
            thread.hidden = hidden
        if locked is not None:
            thread.locked = locked
        thread.moderation_note = reason.strip()[:300] if (thread.hidden or thread.locked) else ""
        thread.save(update_fields=["hidden", "locked", "moderation_note"])
        audit_record(
            actor=actor,
            action="community.moderate",
            target=thread,
            before=before,
            after={"hidden": thread.hidden, "locked": thread.locked, "reason": thread.moderation_note},
        )
        thread_index(thread=thread)
    return thread


def _reply_count_refresh(*, thread_id: int) -> None:
    """The thread counts its visible answers (the "unanswered" list reads the count)."""
    visible = Reply.objects.filter(thread_id=thread_id, hidden=False, pending_review=False)
    Thread.objects.filter(pk=thread_id).update(reply_count=visible.count())


def _unaccept(reply: Reply) -> bool:
    """A hidden or deleted answer no longer solves its thread: clear the acceptance and
    re-index the thread, whose search document carries the accepted answer's text."""
    unsolved = Thread.objects.filter(pk=reply.thread_id, accepted_reply=reply).update(
        accepted_reply=None, accepted_at=None
    )
    if unsolved:
        thread_index(thread=Thread.objects.select_related("section__product_group").get(pk=reply.thread_id))
    return bool(unsolved)


def _delete_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": [_("Tell the author why.")]})
    return reason.strip()[:300]


def reply_delete(*, actor: User, reply: Reply, reason: str) -> Reply:
    """A moderator deletes an answer: nobody sees its text again, its author sees the reason in
    its place and gets it by email. The row stays (hidden) for the audit trail and the reports;
    a deleted accepted answer no longer solves the thread."""
    from caselog.community.tasks import post_deleted_notify

    _check_moderator(actor)
    reason = _delete_reason(reason)
    with transaction.atomic():
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        if reply.deleted_at is not None:
            raise ValidationError(_("This post is already deleted."))
        before = {"body": reply.body, "hidden": reply.hidden, "pinned": reply.pinned}
        reply.hidden = True
        reply.pinned = False
        reply.deleted_at = timezone.now()
        reply.deleted_by = actor
        reply.delete_reason = reason
        reply.save(update_fields=["hidden", "pinned", "deleted_at", "deleted_by", "delete_reason"])
        _reply_count_refresh(thread_id=reply.thread_id)
        unsolved = _unaccept(reply)
        resolved = Report.objects.filter(reply=reply, resolved_at__isnull=True).update(resolved_at=reply.deleted_at)
        audit_record(
            actor=actor,
            action="community.reply_delete",
            target=reply,
            before={**before, "accepted": unsolved},
            after={"deleted": True, "reason": reason, "reports_resolved": resolved},
        )
        deleted = reply
        transaction.on_commit(lambda: post_deleted_notify.enqueue(kind="reply", pk=deleted.pk))
    return reply


def thread_delete(*, actor: User, thread: Thread, reason: str) -> Thread:
    """A moderator deletes a thread: it is a 404 for everyone else and leaves the search index;
    its author sees the reason in its place and gets it by email. The row stays (hidden) for
    the audit trail and the reports."""
    from caselog.community.tasks import post_deleted_notify

    _check_moderator(actor)
    reason = _delete_reason(reason)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
        if thread.deleted_at is not None:
            raise ValidationError(_("This post is already deleted."))
        before = {"title": thread.title, "body": thread.body, "hidden": thread.hidden}
        thread.hidden = True
        thread.deleted_at = timezone.now()
        thread.deleted_by = actor
        thread.delete_reason = reason
        thread.save(update_fields=["hidden", "deleted_at", "deleted_by", "delete_reason"])
        thread_index(thread=thread)
        resolved = Report.objects.filter(thread=thread, resolved_at__isnull=True).update(resolved_at=thread.deleted_at)
        audit_record(
            actor=actor,
            action="community.thread_delete",
            target=thread,
            before=before,
            after={"deleted": True, "reason": reason, "reports_resolved": resolved},
        )
        deleted = thread
        transaction.on_commit(lambda: post_deleted_notify.enqueue(kind="thread", pk=deleted.pk))
    return thread


def reply_hide(*, actor: User, reply: Reply, hidden: bool, reason: str = "") -> Reply:
    """Hide an answer (or show it again); the reason is shown to its author."""
    if not can_moderate(actor):
        raise PermissionDenied
    with transaction.atomic():
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        if reply.deleted_at is not None:
            raise ValidationError(_("A deleted post cannot be shown again."))
        before = reply.hidden
        reply.hidden = hidden
        reply.moderation_note = reason.strip()[:300] if hidden else ""
        reply.save(update_fields=["hidden", "moderation_note"])
        if before != hidden:
            _reply_count_refresh(thread_id=reply.thread_id)
        if hidden:
            _unaccept(reply)
        audit_record(
            actor=actor,
            action="community.reply_hide",
            target=reply,
            before={"hidden": before},
            after={"hidden": hidden, "reason": reply.moderation_note},
        )
    return reply


def thread_to_case(*, actor: User, thread: Thread, request_type: RequestType) -> Submission:
    """A representative turns a thread into a support case for its author; both link to each
    other. When the author already has an open case of that type, the thread joins it
    (`created` is False) instead of opening another."""
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
        audit_record(
            actor=actor,
            action="community.to_case",
            target=thread,
            after={"case": submission.case.number, "created": submission.created},
        )
    return submission


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


def _check_moderator(actor: User) -> None:
    if not can_moderate(actor):
        raise PermissionDenied


def post_approve(*, actor: User, thread: Thread | None = None, reply: Reply | None = None) -> None:
    """A moderator lets a held first post through: it shows, is indexed, and followers hear of a reply."""
    from caselog.community.tasks import reply_notify

    _check_moderator(actor)
    with transaction.atomic():
        if thread is not None:
            thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
            thread.pending_review = False
            thread.save(update_fields=["pending_review"])
            thread_index(thread=thread)
            audit_record(actor=actor, action="community.approve", target=thread, after={"pending_review": False})
        if reply is not None:
            reply = Reply.objects.select_for_update().get(pk=reply.pk)
            if reply.pending_review:
                reply.pending_review = False
                reply.save(update_fields=["pending_review"])
                Thread.objects.filter(pk=reply.thread_id).update(
                    reply_count=F("reply_count") + 1, last_activity_at=timezone.now()
                )
                approved = reply
                transaction.on_commit(lambda: reply_notify.enqueue(reply_id=approved.pk))
            audit_record(actor=actor, action="community.approve", target=reply, after={"pending_review": False})


def thread_move(*, actor: User, thread: Thread, section: Section) -> Thread:
    """A moderator moves a thread to the section where it belongs."""
    _check_moderator(actor)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        before = thread.section_id
        thread.section = section
        thread.save(update_fields=["section"])
        audit_record(
            actor=actor,
            action="community.move",
            target=thread,
            before={"section": before},
            after={"section": section.pk},
        )
        thread = Thread.objects.select_related("section__product_group", "accepted_reply").get(pk=thread.pk)
        thread_index(thread=thread)
    return thread


def thread_merge(*, actor: User, duplicate: Thread, into: Thread) -> Thread:
    """A moderator merges a duplicate into the original: its answers, votes and followers move
    there, and the duplicate's address leads to the original."""
    _check_moderator(actor)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A thread cannot be merged into itself."))
    with transaction.atomic():
        pair = {t.pk: t for t in Thread.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])}
        if len(pair) != 2 or pair[into.pk].merged_into_id is not None:
            raise ValidationError(_("Choose an existing thread that is not itself merged."))
        duplicate, into = pair[duplicate.pk], pair[into.pk]
        moved = Reply.objects.filter(thread=duplicate).update(thread=into)
        PostImage.objects.filter(thread=duplicate, reply__isnull=False).update(thread=into)
        for user_id in Follow.objects.filter(thread=duplicate).values_list("user_id", flat=True):
            Follow.objects.get_or_create(user_id=user_id, thread=into)
        _reply_count_refresh(thread_id=into.pk)
        into.refresh_from_db(fields=["reply_count"])
        into.last_activity_at = max(into.last_activity_at, duplicate.last_activity_at)
        into.save(update_fields=["last_activity_at"])
        duplicate.merged_into = into
        duplicate.hidden = True
        duplicate.accepted_reply = None
        duplicate.reply_count = 0
        duplicate.save(update_fields=["merged_into", "hidden", "accepted_reply", "reply_count"])
        audit_record(
            actor=actor, action="community.merge", target=duplicate, after={"merged_into": into.pk, "replies": moved}
        )
        thread_index(thread=Thread.objects.select_related("section__product_group").get(pk=duplicate.pk))
        thread_index(thread=Thread.objects.select_related("section__product_group", "accepted_reply").get(pk=into.pk))
    return into


def member_suspend(*, actor: User, user: User, until: Any, reason: str) -> Suspension:
    """A moderator stops a member from posting until a time, with a reason they are shown."""
    _check_moderator(actor)
    if until <= timezone.now():
        raise ValidationError({"until": [_("Choose a time in the future.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Tell the member why.")]})
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot suspend yourself."))
    with transaction.atomic():
        suspension = Suspension.objects.create(user=user, until=until, reason=reason.strip()[:300], created_by=actor)
        audit_record(
            actor=actor,
            action="community.suspend",
            target=user,
            after={"until": until.isoformat(), "reason": suspension.reason},
        )
    return suspension


def suspension_lift(*, actor: User, suspension: Suspension) -> Suspension:
    _check_moderator(actor)
    with transaction.atomic():
        suspension.lifted_at = timezone.now()
        suspension.save(update_fields=["lifted_at"])
        audit_record(
            actor=actor,
            action="community.suspension_lift",
            target=suspension.user,
            before={"until": suspension.until.isoformat()},
        )
    return suspension


USER_GROUP_FIELDS = ("name", "country", "city", "description", "meeting_place", "contact")


def user_group_save(*, actor: User, group: UserGroup | None = None, **fields: Any) -> UserGroup:
    """A moderator adds a local user group to the directory or edits one."""
    _check_moderator(actor)
    with transaction.atomic():
        if group is None:
            group = UserGroup.objects.create(**{k: fields[k] for k in USER_GROUP_FIELDS})
            audit_record(actor=actor, action="community.group_create", target=group, after={"name": group.name})
            return group
        group = UserGroup.objects.select_for_update().get(pk=group.pk)  # a bound ModelForm changed the instance
        before = {k: getattr(group, k) for k in USER_GROUP_FIELDS}
        for key in USER_GROUP_FIELDS:
            setattr(group, key, fields[key])
        group.save()
        after = {k: getattr(group, k) for k in USER_GROUP_FIELDS}
        changed = [k for k in USER_GROUP_FIELDS if before[k] != after[k]]
        audit_record(
            actor=actor,
            action="community.group_update",
            target=group,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return group


def user_group_delete(*, actor: User, group: UserGroup) -> None:
    _check_moderator(actor)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="community.group_delete",
            target=group,
            before={k: getattr(group, k) for k in USER_GROUP_FIELDS},
        )
        group.delete()


def section_save(*, actor: User, section: Section | None = None, **fields: Any) -> Section:
    """A moderator opens a community section (product group, optional topic, language) or edits one."""
    _check_moderator(actor)
    keys = ("product_group", "topic", "locale", "slug", "position")
    duplicate = Section.objects.filter(
        product_group=fields["product_group"], topic=fields["topic"], locale=fields["locale"]
    )
    if section is not None:
        duplicate = duplicate.exclude(pk=section.pk)
    if duplicate.exists():
        raise ValidationError(_("There is already a section for this product group, topic and language."))
    with transaction.atomic():
        if section is not None:
            section = Section.objects.select_for_update().get(pk=section.pk)  # a bound ModelForm changed the instance
        before = {} if section is None else {k: str(getattr(section, k)) for k in keys}
        if section is None:
            section = Section(**{k: fields[k] for k in keys})
        else:
            for key in keys:
                setattr(section, key, fields[key])
        section.save()
        audit_record(
            actor=actor,
            action="community.section_save",
            target=section,
            before=before or None,
            after={k: str(getattr(section, k)) for k in keys},
        )
    return section


def representative_save(*, actor: User, user: User, title: str) -> Representative:
    """A moderator marks an agent as a company representative (or changes their title)."""
    _check_moderator(actor)
    if not user.has_perm("cases.work_case"):
        raise ValidationError({"user": [_("Only support agents can be company representatives.")]})
    with transaction.atomic():
        rep, created = Representative.objects.update_or_create(user=user, defaults={"title": title.strip()})
        audit_record(
            actor=actor, action="community.representative_save", target=user, after={"title": rep.title, "new": created}
        )
    return rep


def representative_delete(*, actor: User, representative: Representative) -> None:
    _check_moderator(actor)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="community.representative_delete",
            target=representative.user,
            before={"title": representative.title},
        )
        representative.delete()


def post_edit(
    *,
    actor: User,
    body: str,
    reason: str,
    thread: Thread | None = None,
    reply: Reply | None = None,
    title: str | None = None,
) -> None:
    """A moderator edits a question or an answer; the reason is shown to its author and the
    change (before and after) is audited."""
    _check_moderator(actor)
    if (thread is None) == (reply is None):
        raise ValueError("post_edit takes exactly one of thread or reply")
    _clean_text(title=title if thread is not None else None, body=body)
    if not reason.strip():
        raise ValidationError({"reason": [_("Tell the author why.")]})
    with transaction.atomic():
        if thread is not None:
            thread = Thread.objects.select_for_update().select_related("section__product_group").get(pk=thread.pk)
            before = {"title": thread.title, "body": thread.body}
            thread.title = (title or thread.title).strip()
            thread.body = body
            thread.moderation_note = reason.strip()[:300]
            thread.save(update_fields=["title", "body", "moderation_note"])
            audit_record(
                actor=actor,
                action="community.edit",
                target=thread,
                before=before,
                after={"title": thread.title, "body": thread.body, "reason": thread.moderation_note},
            )
            thread_index(thread=thread)
        elif reply is not None:
            reply = Reply.objects.select_for_update().get(pk=reply.pk)
            before = {"body": reply.body}
            reply.body = body
            reply.moderation_note = reason.strip()[:300]
            reply.save(update_fields=["body", "moderation_note"])
            audit_record(
                actor=actor,
                action="community.edit",
                target=reply,
                before=before,
                after={"body": reply.body, "reason": reply.moderation_note},
            )
            accepted_on = Thread.objects.select_related("section__product_group", "accepted_reply").filter(
                accepted_reply=reply
            )
            for solved in accepted_on:
                thread_index(thread=solved)
