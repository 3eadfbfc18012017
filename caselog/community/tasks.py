"""Side effects of community posts, run by the background worker after the change commits."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_tasks import task

from caselog.community.models import Follow, Reply, ReplyMail, Thread
from caselog.core.outbox import mail_send, text_render

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.unsubscribe"
EXCERPT_CHARS = 1500


def unsubscribe_token(*, user_id: int, thread_id: int) -> str:
    """A signed token that stops one person's mail about one thread, without signing in."""
    return signing.dumps({"u": user_id, "t": thread_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("t"), int):
        return None
    return data["u"], data["t"]


@task()
def reply_notify(*, reply_id: int) -> int:
    """Mail a new answer to everyone who follows its thread except its author; returns how many
    mails went out. Nothing goes out for an answer that is hidden or waits for review by now.
    Each sent mail is recorded, so a retry after a failure mails only those still waiting."""
    reply = (
        Reply.objects.select_related("thread__section", "author")
        .filter(pk=reply_id, hidden=False, pending_review=False, thread__hidden=False, thread__pending_review=False)
        .first()
    )
    if reply is None:
        return 0
    thread = reply.thread
    followers = (
        Follow.objects.filter(thread=thread, user__is_active=True)
        .exclude(user=reply.author)
        .exclude(user__email="")
        .exclude(user__in=ReplyMail.objects.filter(reply=reply).values("user"))
        .select_related("user")
    )
    sent = 0
    for follow in followers:
        user = follow.user
        token = unsubscribe_token(user_id=user.pk, thread_id=thread.pk)
        unsubscribe_url = settings.SITE_URL + reverse("community:unsubscribe", args=[token])
        context = {
            "reply": reply,
            "thread": thread,
            "author_name": reply.author.get_short_name() or reply.author.email.split("@")[0],
            "excerpt": reply.body[:EXCERPT_CHARS],
            "thread_url": f"{settings.SITE_URL}{thread.get_absolute_url()}#reply-{reply.pk}",
            "unsubscribe_url": unsubscribe_url,
        }
        _mail_member(
            user,
            "reply",
            context,
            key=f"community.reply:{reply.pk}:{user.pk}",
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        ReplyMail.objects.get_or_create(reply=reply, user=user)
        sent += 1
    logger.info("community reply %s mailed to %s followers", reply_id, sent)
    return sent


def _mail_member(
    user: Any, template: str, context: dict[str, Any], *, key: str, headers: dict[str, str] | None = None
) -> None:
    """One community email in the member's language: community/email/<template>_subject.txt
    and <template>.txt, the text also framed as HTML."""
    locale = user.locale or settings.LANGUAGE_CODE
    with translation.override(locale):
        subject = " ".join(text_render(f"community/email/{template}_subject.txt", context).split())
        body = text_render(f"community/email/{template}.txt", context)
        html = render_to_string("community/email/reply.html", {**context, "body": escape(body), "subject": subject})
    mail_send(to=user.email, subject=subject, body=body, html=html, headers=headers, language=locale, key=key)


@task()
def post_deleted_notify(*, kind: str, pk: int) -> int:
    """Tell the author of a deleted question ("thread") or answer ("reply") why a moderator
    deleted it, in the author's language; returns how many mails went out (0 or 1)."""
    post: Thread | Reply | None
    if kind == "thread":
        post = Thread.objects.select_related("author").filter(pk=pk, deleted_at__isnull=False).first()
    else:
        post = Reply.objects.select_related("author", "thread").filter(pk=pk, deleted_at__isnull=False).first()
    if post is None or not post.author.is_active or not post.author.email:
        return 0
    author = post.author
    thread = post if isinstance(post, Thread) else post.thread
    context = {
        "kind": kind,
        "thread": thread,
        "reason": post.delete_reason,
        "posted_at": post.created_at,
        "thread_url": settings.SITE_URL + thread.get_absolute_url() + ("" if post is thread else f"#reply-{pk}"),
    }
    _mail_member(author, "deleted", context, key=f"community.deleted:{kind}:{pk}")
    logger.info("community %s %s: deletion mailed to its author", kind, pk)
    return 1
