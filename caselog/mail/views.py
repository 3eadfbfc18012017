from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caselog.core.decorators import permission_required_or_404, staff_required
from caselog.mail import selectors, services
from caselog.mail.forms import CreateCaseForm, QuarantineFilterForm
from caselog.mail.models import InboundMail

manager_required = permission_required_or_404("cases.manage_queues")


@require_GET
@manager_required
def quarantine(request: HttpRequest) -> HttpResponse:
    form = QuarantineFilterForm(request.GET)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    mails = selectors.quarantine_list(user=request.user, reason=reason)  # type: ignore[arg-type]
    page = Paginator(mails, settings.CASES_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.quarantine_counts(user=request.user)  # type: ignore[arg-type]
    context = {"form": form, "page": page, "counts": counts, "query": f"reason={reason}" if reason else ""}
    return render(request, "mail/quarantine.html", context)


def _detail(request: HttpRequest, inbound: InboundMail, form: CreateCaseForm | None, status: int = 200) -> HttpResponse:
    if form is None:
        mailbox = inbound.mailbox
        form = CreateCaseForm(
            initial={
                "request_type": mailbox.request_type_id if mailbox else None,
                "contact_email": inbound.from_email,
                "locale": mailbox.locale if mailbox else settings.LANGUAGE_CODE,
            }
        )
    return render(request, "mail/inbound_detail.html", {"inbound": inbound, "form": form}, status=status)


@require_GET
@manager_required
def inbound_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.inbound_for_manager(user=request.user, pk=pk), None)  # type: ignore[arg-type]


@require_GET
@manager_required
def inbound_raw(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_raw_for_manager(user=request.user, pk=pk)  # type: ignore[arg-type]
    response = HttpResponse(bytes(inbound.raw), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="inbound-{inbound.pk}.eml"'
    response["X-Content-SHA256"] = inbound.sha256
    return response


@require_POST
@manager_required
def inbound_retry(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_for_manager(user=request.user, pk=pk)  # type: ignore[arg-type]
    try:
        inbound = services.inbound_retry(inbound=inbound, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        inbound.refresh_from_db()
        messages.success(request, _("Processed again: %(status)s.") % {"status": inbound.get_status_display()})
    return redirect("mail:inbound_detail", pk=pk)


@require_POST
@manager_required
def inbound_create_case(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_for_manager(user=request.user, pk=pk)  # type: ignore[arg-type]
    form = CreateCaseForm(request.POST)
    if not form.is_valid():
        return _detail(request, inbound, form, status=422)
    data: dict[str, Any] = form.cleaned_data
    try:
        case = services.inbound_create_case(inbound=inbound, actor=request.user, **data)  # type: ignore[arg-type]
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return _detail(request, inbound, form, status=422)
    messages.success(request, _("Case %(number)s created.") % {"number": case.number})
    return redirect(case)


@require_GET
@staff_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for_agent(user=request.user, pk=pk)  # type: ignore[arg-type]
    # Served as a download, never rendered in our origin (an HTML attachment could run script).
    response = HttpResponse(bytes(attachment.content), content_type="application/octet-stream")
    response["Content-Disposition"] = _content_disposition(attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _content_disposition(name: str) -> str:
    from urllib.parse import quote

    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_") or "attachment"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
