from __future__ import annotations

from django.db.models import Sum
from django.db.models.functions import ExtractIsoWeekDay
from django.utils import timezone

from caselog.cases.models import AgentProfile
from caselog.demo.workforce import AGENTS_PER_DEPARTMENT, demo_workforce_seed
from caselog.workforce.models import AgentDay, HourlyVolume, Release, StaffingPolicy


def test_demo_seed_fills_history_with_monday_peaks_and_is_idempotent(ru_department, de_department, time_machine):
    # The clock stands still: a second run in a later hour would rightly top the history up.
    time_machine.move_to(timezone.now(), tick=False)
    created = demo_workforce_seed(days=28)
    assert created > 0
    assert HourlyVolume.objects.filter(department=ru_department, language="ru").exists()
    assert HourlyVolume.objects.filter(department=de_department, language="en").exists()  # second language
    by_weekday = dict(
        HourlyVolume.objects.annotate(wd=ExtractIsoWeekDay("hour_start")).values_list("wd").annotate(n=Sum("contacts"))
    )
    assert by_weekday[1] > by_weekday[5] > by_weekday[7]
    phone = HourlyVolume.objects.filter(channel="phone").aggregate(a=Sum("abandoned"), h=Sum("handle_seconds"))
    assert phone["a"] > 0 and phone["h"] > 0
    assert Release.objects.filter(major=True).count() >= 2
    assert StaffingPolicy.objects.count() == 2
    assert AgentDay.objects.filter(department=ru_department).count() >= 27
    assert AgentProfile.objects.filter(departments=ru_department).count() == AGENTS_PER_DEPARTMENT
    # Some agents of the Russian line also answer in English; the others only in Russian.
    spoken = [tuple(p.languages) for p in AgentProfile.objects.filter(departments=ru_department)]
    assert ("ru",) in spoken and ("ru", "en") in spoken
    rows = HourlyVolume.objects.count()
    assert demo_workforce_seed(days=28) == 0
    assert HourlyVolume.objects.count() == rows
