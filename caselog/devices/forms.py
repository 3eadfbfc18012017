from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caselog.devices.models import AccountService, CommunicationNeed, ContactMode
from caselog.devices.services import receipt_file_check


class CoverageCheckForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=40,
        help_text=_("On the box label, or on the device in Settings > General > About."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class LookupForm(forms.Form):
    q = forms.CharField(
        label=_("Email, phone number or serial number"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )


class ReceiptUploadForm(forms.Form):
    claimed_purchase_date = forms.DateField(
        label=_("Purchase date on the receipt"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(label=_("Receipt"), help_text=_("PDF, JPEG or PNG, at most 5 MB."))

    def clean_claimed_purchase_date(self) -> Any:
        value = self.cleaned_data["claimed_purchase_date"]
        if value > timezone.localdate():
            raise ValidationError(_("The purchase date cannot be in the future."))
        return value

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        receipt_file_check(file=file)
        return file


class ReceiptReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    purchase_date = forms.DateField(
        label=_("Purchase date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Reason for rejecting"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "verify":
            if not data.get("purchase_date"):
                self.add_error("purchase_date", _("Enter the purchase date shown on the receipt."))
            elif data["purchase_date"] > timezone.localdate():
                self.add_error("purchase_date", _("The purchase date cannot be in the future."))
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell the customer why the receipt was not accepted."))
        return data


class AccountServiceForm(forms.Form):
    service = forms.ChoiceField(choices=AccountService.choices)
    enabled = forms.TypedChoiceField(choices=[("0", _("Off")), ("1", _("On"))], coerce=lambda value: value == "1")
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AccessibilityForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Communication needs"),
        choices=CommunicationNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_modes = forms.MultipleChoiceField(
        label=_("How we should contact you"),
        choices=ContactMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anything else we should know"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
