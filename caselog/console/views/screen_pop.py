"""The screen pop: the call ringing for the signed-in agent, polled from every console page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from caselog.accounts.models import User
from caselog.cases import phone
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user


def screen_pop(request: HttpRequest) -> HttpResponse:
    """Polled by the console every few seconds: the call ringing for the signed-in agent. The
    poller sends the id of the pop it shows; while that is still the one, the answer is an empty
    204 (htmx leaves the page alone), so an idle console costs one indexed query per poll."""
    user = request.user
    if not isinstance(user, User):
        return HttpResponse(status=204)
    call = phone.screen_pop_call_for(user=user)
    shown = request.GET.get("shown", "")
    if (call.pk if call else "") == (int(shown) if shown.isdigit() else ""):
        return HttpResponse(status=204)
    pop = phone.screen_pop_for(user=user, call=call) if call else None
    response = render(request, "console/_screen_pop.html", {"pop": pop})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required
def screen_pop_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    call = phone.screen_pop_call_for_dismiss(user=request_user(request), pk=pk)
    phone.screen_pop_dismiss(agent=request_user(request), call=call)
    if request.headers.get("HX-Request"):
        return render(request, "console/_screen_pop.html", {"pop": None})
    return redirect("console:queue")
