"""What a diagnostics report may carry: an allow-list of measurements per component.

Privacy by construction: a report carries test results, never where the device is or what
is near it. A deny-list of names ("gps", "latitude") let `last_seen_coords`, `wifi_ssid`,
`cell_tower` and free text ("device at 55.7558 N 37.6173 E") through, so only the
measurements named here are accepted, each a number in its range or a yes/no, and only
those are ever shown, also for reports stored before this list existed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from caselog.devices.models import Component

Value = int | float | bool


@dataclass(frozen=True)
class Measurement:
    label: str | Promise
    unit: str = ""
    # None for a yes/no measurement; otherwise the range a real device can report.
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_flag(self) -> bool:
        return self.minimum is None

    def accepts(self, value: Any) -> bool:
        if self.is_flag:
            return isinstance(value, bool)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        assert self.minimum is not None and self.maximum is not None
        return self.minimum <= value <= self.maximum

    def display(self, value: Value) -> str:
        if self.is_flag:
            return str(pgettext_lazy("diagnostics value", "yes") if value else pgettext_lazy("diagnostics value", "no"))
        shown = number_format(value, decimal_pos=None if isinstance(value, int) else 1, use_l10n=True)
        return f"{shown} {self.unit}".strip() if self.unit != "%" else f"{shown} %"


def _flag(label: str | Promise) -> Measurement:
    return Measurement(label)


PERCENT = (0, 100)

MEASUREMENTS: dict[str, dict[str, Measurement]] = {
    Component.BATTERY: {
        "health_percent": Measurement(_("Health"), "%", *PERCENT),
        "cycle_count": Measurement(_("Charge cycles"), "", 0, 100_000),
        "temperature_c": Measurement(_("Temperature"), "°C", -40, 120),
        "voltage_mv": Measurement(_("Voltage"), "mV", 0, 20_000),
    },
    Component.DISPLAY: {
        "dead_pixels": Measurement(_("Dead pixels"), "", 0, 100_000),
        "touch_response_ms": Measurement(_("Touch response"), "ms", 0, 10_000),
        "brightness_nits": Measurement(_("Brightness"), "nits", 0, 10_000),
    },
    Component.REAR_CAMERA: {
        "focus_ok": _flag(_("Focus works")),
        "megapixels": Measurement(_("Resolution"), "MP", 0, 500),
    },
    Component.FRONT_CAMERA: {
        "focus_ok": _flag(_("Focus works")),
        "megapixels": Measurement(_("Resolution"), "MP", 0, 500),
    },
    Component.SENSORS: {
        "accelerometer_ok": _flag(_("Accelerometer works")),
        "gyroscope_ok": _flag(_("Gyroscope works")),
        "proximity_ok": _flag(_("Proximity sensor works")),
    },
    Component.STORAGE: {
        "free_gb": Measurement(_("Free space"), "GB", 0, 100_000),
        "total_gb": Measurement(_("Capacity"), "GB", 0, 100_000),
        "bad_blocks": Measurement(_("Bad blocks"), "", 0, 10_000_000),
    },
    Component.CHARGING_PORT: {
        "max_current_ma": Measurement(_("Maximum current"), "mA", 0, 20_000),
        "debris_detected": _flag(_("Debris in the port")),
    },
    Component.LIQUID_CONTACT: {
        "tripped": _flag(_("Indicator tripped")),
    },
    Component.SPEAKER: {
        "distortion_percent": Measurement(_("Distortion"), "%", *PERCENT),
        "max_db": Measurement(_("Maximum volume"), "dB", 0, 200),
    },
    Component.MICROPHONE: {
        "distortion_percent": Measurement(_("Distortion"), "%", *PERCENT),
        "noise_floor_db": Measurement(_("Noise floor"), "dB", -200, 200),
    },
    Component.WIRELESS: {
        "wifi_rssi_dbm": Measurement(_("Wi-Fi signal"), "dBm", -150, 0),
        "bluetooth_ok": _flag(_("Bluetooth works")),
    },
    Component.CELLULAR: {
        "signal_dbm": Measurement(_("Cellular signal"), "dBm", -150, 0),
        "sim_detected": _flag(_("SIM detected")),
    },
    Component.BIOMETRICS: {
        "sensor_ok": _flag(_("Sensor works")),
    },
}


def measurement_problems(component: str, measurements: dict[str, Any]) -> list[str]:
    """Why these measurements cannot be stored for `component` (empty when they can)."""
    known = MEASUREMENTS.get(component, {})
    problems = []
    for name, value in measurements.items():
        measurement = known.get(name)
        if measurement is None:
            listed = ", ".join(sorted(known)) or "none"
            problems.append(f"{name[:40]!r} is not a known measurement of {component} (known: {listed})")
        elif not measurement.accepts(value):
            expected = (
                "true or false" if measurement.is_flag else f"a number {measurement.minimum}..{measurement.maximum}"
            )
            problems.append(f"{name}: expected {expected}")
    return problems


def measurements_known(component: str, measurements: dict[str, Any]) -> dict[str, Value]:
    """Only the allow-listed, well-typed measurements: what may be shown or sent on."""
    known = MEASUREMENTS.get(component, {})
    return {name: value for name, value in measurements.items() if name in known and known[name].accepts(value)}


@dataclass(frozen=True)
class Reading:
    label: str
    value: str


def readings(component: str, measurements: dict[str, Any]) -> list[Reading]:
    """The known measurements as labelled values in the reader's language and number format."""
    known = MEASUREMENTS.get(component, {})
    return [
        Reading(label=str(known[name].label), value=known[name].display(value))
        for name, value in measurements_known(component, measurements).items()
    ]
