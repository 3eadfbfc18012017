"""Reads of the email channel for a user. What a user may not see is a 404."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.cases.models import Case
from caselog.cases.selectors import case_list_visible_to
from caselog.mail.models import BouncedAddress, InboundMail, MailAttachment

ATTACHMENTS_WITHOUT_CONTENT = Prefetch("attachments", queryset=MailAttachment.objects.defer("content"))


def _require_manager(user: User) -> None:
    if not user.is_authenticated or not user.has_perm("cases.manage_queues"):
        raise Http404


def quarantine_list(*, user: User, reason: str = "") -> QuerySet[InboundMail]:
    """Quarantined mail, newest first; managers only."""
    _require_manager(user)
    mails = InboundMail.objects.filter(status=InboundMail.Status.QUARANTINED)
    if reason:
        mails = mails.filter(reason=reason)
    return mails.select_related("mailbox").defer("raw").order_by("-received_at", "-id")


def quarantine_counts(*, user: User) -> dict[str, int]:
    _require_manager(user)
    rows = (
        InboundMail.objects.filter(status=InboundMail.Status.QUARANTINED)
        .values("reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["reason"]: row["n"] for row in rows}


def inbound_for_manager(*, user: User, pk: int) -> InboundMail:
    _require_manager(user)
    return get_object_or_404(
        InboundMail.objects.select_related("mailbox__request_type", "case")
        .defer("raw")
        .prefetch_related(ATTACHMENTS_WITHOUT_CONTENT),
        pk=pk,
    )


def inbound_raw_for_manager(*, user: User, pk: int) -> InboundMail:
    _require_manager(user)
    return get_object_or_404(InboundMail.objects.only("pk", "raw", "sha256"), pk=pk)


def attachment_for_agent(*, user: User, pk: int) -> MailAttachment:
    """An attachment of a mail on a case this agent may work (managers: any)."""
    attachment = get_object_or_404(MailAttachment.objects.select_related("inbound"), pk=pk)
    if user.is_authenticated and user.has_perm("cases.manage_queues"):
        return attachment
    case_id = attachment.inbound.case_id
    if case_id is None or not case_list_visible_to(user=user).filter(pk=case_id).exists():
        raise Http404
    return attachment


def inbound_list_for_case(*, case: Case) -> QuerySet[InboundMail]:
    return (
        InboundMail.objects.filter(case=case)
        .defer("raw")
        .prefetch_related(ATTACHMENTS_WITHOUT_CONTENT)
        .order_by("received_at", "id")
    )


def bounced_addresses_for_case(*, case: Case) -> QuerySet[BouncedAddress]:
    return BouncedAddress.objects.filter(email__iexact=case.contact_email)
