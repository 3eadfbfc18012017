"""Every change to a case. Each service runs in one transaction, checks the actor, writes
its audit row in that transaction and sends mail only after commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.clocks import sla_on_change
from caselog.cases.events import CASE_CREATED, CASE_SOLVED, CASE_UPDATED, MESSAGE_ADDED
from caselog.cases.models import CallLog, Case, Message, RequestType
from caselog.cases.selectors import case_list_visible_to, guest_token_for, queue_for_new_case
from caselog.cases.tasks import send_case_confirmation, send_message_added_confirmation, send_reply_email
from caselog.core.events import event_emit
from caselog.devices.selectors import customer_needs_accessibility
from caselog.knowledge.models import ArticleTranslation
from caselog.search.services import suggestion_feedback_record


@dataclass(frozen=True)
class Submission:
    case: Case
    created: bool
    guest_token: str = ""


def case_number_for(pk: int) -> str:
    return f"C-{100000 + pk}"


def check_can_work_case(*, user: User, case: Case) -> None:
    if not case_list_visible_to(user=user).filter(pk=case.pk).exists():
        raise PermissionDenied


def case_submit(
    *,
    submitter: User | None,
    locale: str,
    request_type: RequestType,
    subject: str,
    description: str,
    contact_email: str,
    contact_name: str = "",
    contact_method: str = Case.ContactMethod.EMAIL,
    contact_phone: str = "",
    order_number: str = "",
    channel: str = Case.Channel.WEB,
    accessibility: bool | None = None,
) -> Submission:
    """A customer (signed in or guest) asks for help. The same person asking again about the
    same request type while a case of that type is open adds to that case instead. A customer
    who recorded communication needs goes to the accessibility queue by whatever channel they
    come (web form, email, a community thread), unless the caller decides (`accessibility`)."""
    if accessibility is None:
        accessibility = submitter is not None and customer_needs_accessibility(user=submitter)
    with transaction.atomic():
        owner = Q(customer=submitter) if submitter else Q(customer__isnull=True, contact_email__iexact=contact_email)
        existing = (
            Case.objects.select_for_update()
            .filter(owner, request_type=request_type, status__in=Case.OPEN_STATUSES)
            .order_by("created_at")
            .first()
        )
        if existing is not None:
            message = Message.objects.create(
                case=existing, author=submitter, kind=Message.Kind.CUSTOMER, body=_with_order(description, order_number)
            )
            previous_status = existing.status
            if existing.status == Case.Status.WAITING:
                existing.status = Case.Status.OPEN
            sla_fields = sla_on_change(existing, previous_status=previous_status, customer_wrote=True)
            existing.save(update_fields=["status", "updated_at", *sla_fields])
            transaction.on_commit(lambda: send_message_added_confirmation.enqueue(message_id=message.pk))
            event_emit(MESSAGE_ADDED, message)
            return Submission(case=existing, created=False)

        topic = request_type.topic
        case = Case.objects.create(
            subject=subject,
            locale=locale,
            channel=channel,
            product_group=topic.product_group,
            topic=topic,
            request_type=request_type,
            order_number=order_number,
            queue=queue_for_new_case(locale=locale, product_group=topic.product_group, accessibility=accessibility),
            customer=submitter,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_method=contact_method,
            contact_phone=contact_phone,
            first_response_due=timezone.now() + request_type.first_response_time,
        )
        case.number = case_number_for(case.pk)
        case.save(update_fields=["number", *sla_on_change(case, previous_status=None)])
        Message.objects.create(case=case, author=submitter, kind=Message.Kind.CUSTOMER, body=description)
        transaction.on_commit(lambda: send_case_confirmation.enqueue(case_id=case.pk))
        event_emit(CASE_CREATED, case)
    return Submission(case=case, created=True, guest_token="" if submitter else guest_token_for(case=case))


def _with_order(description: str, order_number: str) -> str:
    return f"{description}\n\n{_('Order number')}: {order_number}" if order_number else description


def case_customer_reply(*, case: Case, author: User | None, body: str) -> Message:
    """The customer answers on their case; a case waiting on them or solved opens again."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == Case.Status.CLOSED:
            raise ValidationError(_("This case is closed. Please send a new request."))
        message = Message.objects.create(case=case, author=author, kind=Message.Kind.CUSTOMER, body=body)
        previous_status = case.status
        if case.status in (Case.Status.WAITING, Case.Status.SOLVED):
            case.status = Case.Status.OPEN
        sla_fields = sla_on_change(case, previous_status=previous_status, customer_wrote=True)
        case.save(update_fields=["status", "updated_at", *sla_fields])
        event_emit(MESSAGE_ADDED, message)
    return message


def case_reply(*, case: Case, author: User, body: str) -> Message:
    """Send a public reply; the case then waits on the customer. The email goes out after commit."""
    check_can_work_case(user=author, case=case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == Case.Status.CLOSED:
            raise ValidationError(_("This case is closed. Reopen it before replying."))
        before = {"status": case.status}
        message = Message.objects.create(case=case, author=author, kind=Message.Kind.REPLY, body=body)
        fields = ["updated_at"]
        if case.status in (Case.Status.NEW, Case.Status.OPEN):
            case.status = Case.Status.WAITING
            fields.append("status")
        if case.first_responded_at is None:
            case.first_responded_at = timezone.now()
            fields.append("first_responded_at")
        if case.assignee_id is None:
            case.assignee = author
            fields.append("assignee")
        fields += sla_on_change(case, previous_status=before["status"], agent_replied=True)
        case.save(update_fields=fields)
        audit_record(
            actor=author,
            action="case.reply",
            target=case,
            before=before,
            after={"status": case.status, "message": message.pk},
        )
        transaction.on_commit(lambda: send_reply_email.enqueue(message_id=message.pk))
        event_emit(MESSAGE_ADDED, message)
        if case.status != before["status"]:
            event_emit(CASE_UPDATED, case, {"previous_status": before["status"]})
    return message


def case_add_note(*, case: Case, author: User, body: str) -> Message:
    """An internal note: agents see it, the customer never does."""
    check_can_work_case(user=author, case=case)
    with transaction.atomic():
        message = Message.objects.create(case=case, author=author, kind=Message.Kind.NOTE, body=body)
        audit_record(actor=author, action="case.note", target=case, after={"message": message.pk})
        event_emit(MESSAGE_ADDED, message)
    return message


def case_change_status(*, case: Case, actor: User, status: str) -> Case:
    check_can_work_case(user=actor, case=case)
    if status not in Case.Status.values:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = {"status": case.status}
        case.status = status
        case.save(update_fields=["status", "updated_at", *sla_on_change(case, previous_status=before["status"])])
        audit_record(actor=actor, action="case.status", target=case, before=before, after={"status": status})
        event_emit(CASE_UPDATED, case, {"previous_status": before["status"]})
        if status == Case.Status.SOLVED and before["status"] != status:
            event_emit(CASE_SOLVED, case)
    return case


def case_assign(*, case: Case, actor: User, assignee: User | None) -> Case:
    """Give the case to an agent who may work it (or to nobody)."""
    check_can_work_case(user=actor, case=case)
    if assignee is not None and not case_list_visible_to(user=assignee).filter(pk=case.pk).exists():
        raise ValidationError(_("This agent cannot work cases of this queue."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before: dict[str, Any] = {"assignee": case.assignee.email if case.assignee else None}
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        audit_record(
            actor=actor,
            action="case.assign",
            target=case,
            before=before,
            after={"assignee": assignee.email if assignee else None},
        )
        event_emit(CASE_UPDATED, case, {"previous_assignee_email": before["assignee"]})
    return case


def call_start(*, case: Case, agent: User) -> CallLog:
    """The agent takes a call about this case; one open call per agent at a time."""
    check_can_work_case(user=agent, case=case)
    try:
        with transaction.atomic():
            call = CallLog.objects.create(case=case, agent=agent, started_at=timezone.now())
            audit_record(actor=agent, action="call.start", target=case, after={"call": call.pk})
    except IntegrityError as error:
        raise ValidationError(_("You are already on a call. End it first.")) from error
    return call


def call_end(*, call: CallLog, agent: User, outcome: str) -> CallLog:
    """One click ends the call: its duration and outcome are logged."""
    if call.agent_id != agent.pk:
        raise PermissionDenied
    if outcome not in CallLog.Outcome.values:
        raise ValidationError(_("Choose how the call ended."))
    with transaction.atomic():
        call = CallLog.objects.select_for_update().get(pk=call.pk)
        if call.ended_at is not None:
            raise ValidationError(_("This call has already ended."))
        call.ended_at = timezone.now()
        call.outcome = outcome
        call.save(update_fields=["ended_at", "outcome"])
        audit_record(
            actor=agent,
            action="call.end",
            target=call.case,
            after={
                "call": call.pk,
                "outcome": outcome,
                "seconds": int(call.duration.total_seconds()) if call.duration else 0,
            },
        )
    return call


def case_mark_solved_by(*, case: Case, actor: User, article_key: str, query: str = "") -> Case:
    """The agent records which article solved the case; the search ranking learns from it."""
    check_can_work_case(user=actor, case=case)
    translation = ArticleTranslation.objects.select_related("article").filter(pk=_int_or_zero(article_key)).first()
    if translation is None:
        raise ValidationError(_("That article does not exist."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = {"solved_by": case.solved_by_id}
        case.solved_by = translation.article
        case.save(update_fields=["solved_by", "updated_at"])
        audit_record(
            actor=actor,
            action="case.solved_by",
            target=case,
            before=before,
            after={"solved_by": translation.article_id},
        )
        suggestion_feedback_record(
            key=article_key,
            kind="article",
            query=query or case.subject,
            locale=case.locale,
            signal="solved_case",
            user=actor,
        )
    return case


def _int_or_zero(value: str) -> int:
    return int(value) if value.isdigit() else 0


def case_open_for_customer(
    *,
    agent: User,
    subject: str,
    request_type: RequestType,
    locale: str,
    customer_email: str,
    description: str,
    contact_phone: str = "",
    order_number: str = "",
) -> Case:
    """An agent opens a case for a caller; it is theirs, and it counts as a phone contact."""
    customer = User.objects.filter(email__iexact=customer_email).first()
    with transaction.atomic():
        submission = case_submit(
            submitter=customer,
            locale=locale,
            request_type=request_type,
            subject=subject,
            description=description,
            contact_email=customer.email if customer else customer_email,
            contact_name=customer.get_full_name() if customer else "",
            contact_method=Case.ContactMethod.PHONE if contact_phone else Case.ContactMethod.EMAIL,
            contact_phone=contact_phone,
            order_number=order_number,
            channel=Case.Channel.PHONE,
            # The agent on the call already serves this customer and keeps the case.
            accessibility=False,
        )
        case = submission.case
        if case.assignee_id is None and _agent_may_take(agent, case):
            case.assignee = agent
            case.save(update_fields=["assignee", "updated_at"])
        audit_record(
            actor=agent,
            action="case.open" if submission.created else "case.add_to_open",
            target=case,
            after={"channel": case.channel, "queue": case.queue_id},
        )
    return case


def _agent_may_take(agent: User, case: Case) -> bool:
    return case_list_visible_to(user=agent).filter(pk=case.pk).exists()
