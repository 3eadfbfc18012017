from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from caselog.accounts.clients import client_from_request, device_cookie_set
from caselog.accounts.forms import (
    EmailChangeForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    ProfileForm,
    SetPasswordForm,
    SignInForm,
)
from caselog.accounts.models import AccountChange
from caselog.accounts.password_policy import password_policy_rules
from caselog.accounts.selectors import account_change_list, device_list
from caselog.accounts.services import (
    SignInStatus,
    device_remove,
    password_reset_request,
    sign_in_attempt,
    user_change_email,
    user_set_password,
    user_update_profile,
)
from caselog.core.clients import client_address
from caselog.core.requests import request_user


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "next": _safe_next(request)}
    if request.method != "POST":
        return render(request, "accounts/login.html", context)
    if not form.is_valid():
        return render(request, "accounts/login.html", context, status=422)
    client = client_from_request(request)
    result = sign_in_attempt(
        request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"], client=client
    )
    if result.status is SignInStatus.OK and result.user is not None:
        login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        response: HttpResponse = redirect(_safe_next(request))
        device_cookie_set(response, result.device_token)
        return response
    status = 422
    if result.status is SignInStatus.THROTTLED:
        seconds = max(1, math.ceil(result.retry_after.total_seconds()))
        form.add_error(
            None,
            ngettext(
                "Too many wrong passwords from your network. Try again in %(seconds)d second.",
                "Too many wrong passwords from your network. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds},
        )
        status = 429
    elif result.status is SignInStatus.LOCKED:
        context["locked"] = True
        form.add_error(
            None,
            _(
                "This account is disabled for security reasons after too many wrong passwords. "
                "Reset your password to re-enable it."
            ),
        )
    else:
        form.add_error(None, _("The email or the password is wrong."))
    response = render(request, "accounts/login.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(max(1, math.ceil(result.retry_after.total_seconds())))
    return response


def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None, initial={"email": request.GET.get("email", "")[:254]})
    if request.method == "POST" and form.is_valid():
        password_reset_request(email=form.cleaned_data["email"], ip=client_address(request))
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form}, status=422 if form.errors else 200)


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view (single-use, expiring token; the token leaves the URL before the form
    shows) with our policy form and service."""

    form_class = SetPasswordForm  # type: ignore[assignment]
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rules"] = password_policy_rules()
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_set_password(
            user=user,
            raw_password=form.cleaned_data["new_password1"],
            source=AccountChange.Source.OWNER,
            actor=user,
            ip=client_address(request),
        )
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed. Other sessions were signed out."))
        return redirect("accounts:profile")
    context = {"form": form, "rules": password_policy_rules()}
    return render(request, "accounts/password_change.html", context, status=422 if form.errors else 200)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, ip=client_address(request), **form.cleaned_data)
        translation.activate(user.locale)
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.locale, samesite="Lax")
        return response
    context = {"form": form, "changes": account_change_list(user=user)[:10]}
    return render(request, "accounts/profile.html", context, status=422 if form.errors else 200)


@login_required
@sensitive_post_parameters("password")
def email_change(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = EmailChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_change_email(user=user, new_email=form.cleaned_data["email"], ip=client_address(request))
        messages.success(request, _("Your email address is changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/email_change.html", {"form": form}, status=422 if form.errors else 200)


@login_required
def devices(request: HttpRequest) -> HttpResponse:
    client = client_from_request(request)
    context = {"devices": device_list(user=request_user(request)), "current_token": client.device_token}
    return render(request, "accounts/devices.html", context)


@require_POST
@login_required
def device_delete(request: HttpRequest, device_id: int) -> HttpResponse:
    device_remove(user=request_user(request), device_id=device_id)
    messages.success(
        request,
        _("The device is removed. It will need your password again and you will get an alert when it signs in."),
    )
    return redirect("accounts:devices")
