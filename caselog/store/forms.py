from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caselog.store.models import Purchase


class HoldForm(forms.Form):
    prefix = "hold"
    # No reason is given in advance: the panel suggests one only on a case that reports
    # purchases (store_panel_context), never beside the button on an unrelated case.
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReactivationForm(forms.Form):
    prefix = "reactivate"
    billing_address = forms.CharField(
        label=_("Billing address the caller gives"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    order_number = forms.CharField(
        label=_("Order number of the last purchase or free download"), max_length=20, required=False
    )
    app_name = forms.CharField(label=_("…or the name of an app ever downloaded"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("order_number", "").strip() and not cleaned.get("app_name", "").strip():
            self.add_error("order_number", _("Give the order number or an app name."))
        return cleaned


class BuyForm(forms.Form):
    pay_with = forms.ChoiceField(
        label=_("Pay with"),
        choices=[(Purchase.Source.CARD, _("Card on file")), (Purchase.Source.STORE_CREDIT, _("Store credit"))],
        initial=Purchase.Source.CARD,
        required=False,
    )
