"""Reads of cases for a user. Whatever a user may not see is a 404, whether it exists or not."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.cases.models import Case, Department, Message, Queue, RequestType
from caselog.devices.selectors import customer_list_visible_to, is_partner_scoped
from caselog.knowledge.models import ArticleTranslation, ProductGroup


def departments_of(*, user: User) -> QuerySet[Department]:
    return Department.objects.filter(agents__user=user)


def case_list_visible_to(*, user: User) -> QuerySet[Case]:
    """Managers see every case; agents the cases in their departments' queues; others none."""
    if not user.is_authenticated or not user.has_perm("cases.work_case"):
        return Case.objects.none()
    if user.has_perm("cases.manage_queues"):
        return Case.objects.all()
    cases = Case.objects.filter(queue__department__agents__user=user)
    if is_partner_scoped(user):
        # A partner's agents only see the customers of devices sold through their organisation
        # (anyone of a partner organisation, or with the partner-agent role, as in devices).
        cases = cases.filter(customer__in=customer_list_visible_to(user=user))
    return cases


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    queue: int | None = None
    mine: bool = False
    q: str = ""


def case_queue_list(*, user: User, filters: QueueFilters) -> QuerySet[Case]:
    """The console's queue: the cases this agent may work, what breaches first on top (cases
    with no running SLA clock, e.g. waiting on the customer, last)."""
    cases = case_list_visible_to(user=user)
    if filters.status == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.queue:
        cases = cases.filter(queue_id=filters.queue)
    if filters.mine:
        cases = cases.filter(assignee=user)
    if filters.q:
        cases = cases.filter(
            Q(number__iexact=filters.q) | Q(subject__icontains=filters.q) | Q(contact_email__iexact=filters.q)
        )
    return cases.select_related("queue__department", "assignee", "request_type", "customer").order_by(
        F("sla_breach_at").asc(nulls_last=True), "first_response_due", "id"
    )


def queues_visible_to(*, user: User) -> QuerySet[Queue]:
    if user.has_perm("cases.manage_queues"):
        return Queue.objects.select_related("department")
    return Queue.objects.filter(department__agents__user=user).select_related("department")


def case_for_agent(*, user: User, number: str) -> Case:
    return get_object_or_404(
        case_list_visible_to(user=user).select_related(
            "queue__department", "assignee", "customer", "request_type", "topic", "product_group"
        ),
        number=number,
    )


def case_for_customer(*, user: User, number: str) -> Case:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Case.objects.select_related("request_type", "queue"), customer=user, number=number)


GUEST_LINK_SALT = "caselog.cases.guest-link"


def guest_token_for(*, case: Case) -> str:
    """The private link a guest follows their case with: signed, so any number of links can be
    mailed (to the address on the case only) without storing a secret per case."""
    return signing.dumps(case.pk, salt=GUEST_LINK_SALT, compress=True)


def case_for_guest(*, token: str) -> Case:
    try:
        pk = signing.loads(token, salt=GUEST_LINK_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    return get_object_or_404(Case.objects.select_related("request_type"), pk=pk, customer__isnull=True)


def case_list_for_customer(*, user: User) -> QuerySet[Case]:
    return Case.objects.filter(customer=user).select_related("request_type").order_by("-created_at")


def messages_for_customer(*, case: Case) -> QuerySet[Message]:
    """The customer's view of the conversation: internal notes never leave the console."""
    return case.messages.exclude(kind=Message.Kind.NOTE).select_related("author")


def messages_for_agent(*, case: Case) -> QuerySet[Message]:
    return case.messages.select_related("author")


def agents_for_case(*, case: Case) -> list[User]:
    """Who the case can be assigned to: agents of its queue's department who speak its language."""
    agents = (
        User.objects.filter(agent_profile__departments=case.queue.department, is_active=True)
        .select_related("agent_profile")
        .order_by("first_name", "last_name")
    )
    return [agent for agent in agents if case.locale in agent.agent_profile.languages]


def queue_for_new_case(*, locale: str, product_group: ProductGroup, accessibility: bool = False) -> Queue:
    """Route to a queue of a department in the customer's language that takes this product
    group; among several departments (e.g. four Russian-language ones), the least loaded.
    Falls back to the language's other queues, then to English."""
    open_count = Count("cases", filter=Q(cases__status__in=Case.OPEN_STATUSES))
    candidates = Queue.objects.annotate(open_cases=open_count).order_by("open_cases", "id")
    if accessibility:
        queue = candidates.filter(name__iexact="Accessibility").first()
        if queue is not None:
            return queue
    for language in dict.fromkeys([locale, "en"]):
        in_language = candidates.filter(department__language=language).exclude(name__iexact="Accessibility")
        queue = in_language.filter(product_groups=product_group).first() or in_language.first()
        if queue is not None:
            return queue
    fallback = candidates.first()
    if fallback is None:
        raise Queue.DoesNotExist("No queue is configured; create a department and a queue first.")
    return fallback


def request_types_for(*, topic_id: int | None) -> QuerySet[RequestType]:
    if not topic_id:
        return RequestType.objects.none()
    return RequestType.objects.filter(topic_id=topic_id)


def article_keys_of(*, article_id: int | None) -> set[str]:
    """The search keys (translation ids) of an article family, to mark it among suggestions."""
    if article_id is None:
        return set()
    return {str(pk) for pk in ArticleTranslation.objects.filter(article_id=article_id).values_list("pk", flat=True)}
