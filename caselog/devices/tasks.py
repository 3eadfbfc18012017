"""Emails to customers, sent by the worker after the change that causes them has committed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from caselog.core.outbox import mail_send


@task()
def send_account_service_email(*, state_id: int) -> None:
    from caselog.devices.models import AccountServiceState

    state = AccountServiceState.objects.select_related("user").filter(pk=state_id).first()
    if state is None:
        return
    with translation.override(state.user.locale):
        label = state.get_service_display()
        if state.enabled:
            subject = _("%(service)s is switched on again for your account") % {"service": label}
        else:
            subject = _("%(service)s is switched off for your account") % {"service": label}
        body = "\n\n".join(
            [
                subject + ".",
                _("Reason given by our support team: %(reason)s") % {"reason": state.reason},
                _("If you did not expect this, reply to this email or contact support: %(url)s")
                % {"url": settings.SITE_URL + reverse("home")},
            ]
        )
    mail_send(to=state.user.email, subject=subject, body=body, language=state.user.locale)


@task()
def send_diagnostics_request_email(*, request_id: int) -> None:
    from caselog.devices.models import DiagnosticRequest

    request = DiagnosticRequest.objects.select_related("device__owner", "device__product").filter(pk=request_id).first()
    if request is None or request.device.owner is None:
        return
    owner = request.device.owner
    with translation.override(owner.locale):
        subject = _("Support asks to run diagnostics on your %(product)s") % {"product": request.device.product.name}
        body = "\n\n".join(
            [
                subject + ".",
                _("Nothing runs without your consent. Allow or decline it here: %(url)s")
                % {"url": settings.SITE_URL + reverse("devices:my_device", args=[request.device.serial])},
            ]
        )
    mail_send(
        to=owner.email, subject=subject, body=body, language=owner.locale, key=f"devices.diagnostics:{request.pk}"
    )
