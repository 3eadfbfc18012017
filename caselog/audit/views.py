from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from caselog.audit.selectors import audit_event_list
from caselog.core.decorators import permission_required_or_404


@permission_required_or_404("audit.view_auditevent")
def event_list(request: HttpRequest) -> HttpResponse:
    filters = {
        key: request.GET.get(key, "").strip()[:200] for key in ("actor_email", "target_type", "target_id", "action")
    }
    page = Paginator(audit_event_list(**filters), 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page, "filters": filters})
