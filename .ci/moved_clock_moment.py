"""Print the moment `make test-moved-clock` runs the suite at: at least 400 days from today,
on the last Sunday of March (the EU clocks go forward at 01:00 UTC), two minutes before
the change, so the run crosses it. Far from today, on a weekend, across a DST change."""

from datetime import date, timedelta

far = date.today() + timedelta(days=400)
year = far.year if far <= date(far.year, 3, 31) else far.year + 1
sunday = date(year, 3, 31) - timedelta(days=(date(year, 3, 31).weekday() + 1) % 7)
print(f"{sunday.isoformat()}T00:58:00+00:00")
