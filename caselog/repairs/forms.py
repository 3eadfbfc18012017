from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from caselog.devices.models import Device, serial_normalise
from caselog.repairs.models import CourierLeg, Part, RepairOrder, RepairType, ServiceLocation, ServiceSlot
from caselog.repairs.services import ACTION_LABELS, STOCK_KINDS


class SlotChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        start = date_format(timezone.localtime(obj.starts_at), "D j.n. H:i")
        end = date_format(timezone.localtime(obj.ends_at), "H:i")
        return _("%(start)s–%(end)s (%(free)d free)") % {"start": start, "end": end, "free": obj.free}


class OrderOpenForm(forms.Form):
    repair_type = forms.ModelChoiceField(label=_("Repair"), queryset=RepairType.objects.all())
    location = forms.ModelChoiceField(label=_("Service location"), queryset=ServiceLocation.objects.all())
    mode = forms.ChoiceField(label=_("Service mode"), choices=RepairOrder.Mode.choices)
    fault = forms.CharField(label=_("Fault"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class EscalateForm(OrderOpenForm):
    device = forms.ModelChoiceField(label=_("Device"), queryset=Device.objects.none())
    field_order = ["device", "repair_type", "location", "mode", "fault"]

    def __init__(self, *args: Any, devices: QuerySet[Device], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = devices  # type: ignore[attr-defined]


class WalkInForm(OrderOpenForm):
    serial = forms.CharField(label=_("Serial number"), max_length=20)
    field_order = ["serial", "repair_type", "location", "mode", "fault"]

    def __init__(self, *args: Any, locations: QuerySet[ServiceLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]

    def clean_serial(self) -> Device:
        serial = serial_normalise(self.cleaned_data["serial"])
        device = Device.objects.select_related("product").filter(serial=serial).first()
        if device is None:
            raise forms.ValidationError(_("No device has this serial number."))
        return device


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(key, label) for key, label in ACTION_LABELS.items()])
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Internal: only staff read it, unless you tick the box below."),
    )
    note_public = forms.BooleanField(
        label=_("The customer reads this note (on their repair page and in the status email)"), required=False
    )
    customer_present = forms.BooleanField(label=_("The customer is present"), required=False)


class DiagnosisForm(forms.Form):
    diagnosis = forms.CharField(label=_("Diagnosis"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PartLineForm(forms.Form):
    part = forms.ModelChoiceField(label=_("Part"), queryset=Part.objects.none())
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=20, initial=1)

    def __init__(self, *args: Any, parts: QuerySet[Part], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = parts  # type: ignore[attr-defined]


class CourierLegForm(forms.Form):
    direction = forms.ChoiceField(label=_("Leg"), choices=CourierLeg.Direction.choices)
    carrier = forms.CharField(label=_("Carrier"), max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)
    address = forms.CharField(label=_("Address"), max_length=200)


class LegStateForm(forms.Form):
    state = forms.ChoiceField(label=_("Courier state"), choices=CourierLeg.State.choices)


class BookingForm(forms.Form):
    slot = SlotChoiceField(label=_("Time"), queryset=ServiceSlot.objects.none(), empty_label=None)
    address = forms.CharField(label=_("Address for the visit"), max_length=200, required=False)

    def __init__(self, *args: Any, slots: Any, on_site: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = ServiceSlot.objects.filter(pk__in=[slot.pk for slot in slots])  # type: ignore[attr-defined]
        if not on_site:
            del self.fields["address"]


class QuoteDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


STOCK_KIND_LABELS = {
    "receive": _("Receive"),
    "return": _("Return to stock"),
    "adjust": _("Adjust (with a reason)"),
    "transfer": _("Transfer to another location"),
}


class StockMoveForm(forms.Form):
    part = forms.ModelChoiceField(label=_("Part"), queryset=Part.objects.filter(approved=True))
    kind = forms.ChoiceField(label=_("Movement"), choices=[(kind, STOCK_KIND_LABELS[kind]) for kind in STOCK_KINDS])
    quantity = forms.IntegerField(label=_("Quantity"), min_value=-9999, max_value=9999)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    to_location = forms.ModelChoiceField(label=_("Transfer to"), queryset=ServiceLocation.objects.all(), required=False)
