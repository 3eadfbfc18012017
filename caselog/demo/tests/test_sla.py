"""The demo: every department on a calendar in its region, cases with due times from it."""

from __future__ import annotations

from caselog.cases.clocks import SLAContext, sla_compute
from caselog.cases.models import Case, Department
from caselog.demo.cases import DEPARTMENTS, demo_seed
from caselog.demo.sla import demo_sla_seed
from caselog.sla.models import Calendar, SLAPolicy


def test_demo_gives_each_department_a_regional_calendar_and_the_cases_due_times_once(db):
    demo_seed()
    demo_sla_seed()
    zones = dict(Department.objects.values_list("name", "calendar__time_zone"))
    assert zones == {
        "Russian support · Moscow": "Europe/Moscow",
        "Russian support · Almaty": "Asia/Almaty",
        "Russian support · Minsk": "Europe/Minsk",
        "Russian support · Yerevan": "Asia/Yerevan",
        "German support · Berlin": "Europe/Berlin",
        "English support · Cork": "Europe/Dublin",
    }
    assert len(zones) == len(DEPARTMENTS)
    open_cases = list(Case.objects.filter(status__in=Case.OPEN_STATUSES))
    assert open_cases
    context = SLAContext()
    for case in open_cases:
        # what is stored is what the calendars and policies give
        assert sla_compute(case, context=context) == []
    assert Case.objects.filter(status__in=[Case.Status.NEW, Case.Status.OPEN], sla_breach_at__isnull=True).count() == 0

    # running it again changes nothing
    counts = (Calendar.objects.count(), SLAPolicy.objects.count())
    due_times = dict(Case.objects.values_list("pk", "first_response_due"))
    assert demo_sla_seed() == 0
    assert (Calendar.objects.count(), SLAPolicy.objects.count()) == counts
    assert dict(Case.objects.values_list("pk", "first_response_due")) == due_times
