"""Time the planning pipeline at the size the product is for and print JSON: forecast and
staff 4 weeks of 15-minute intervals for 10 departments (in Europe/Berlin local time, clock
changes included), and roster 100 agents for 4 weeks over two languages (German and English;
some agents speak both). Runs on generated data in memory; touches no database."""

from __future__ import annotations

import json
import os
import platform
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.core.management.base import BaseCommand, CommandParser

from caselog.workforce import forecasting, scheduling
from caselog.workforce.models import SHIFT_HOURS, StaffingPolicy
from caselog.workforce.selectors import PhoneFigures, _agents_needed, staffing_intervals
from caselog.workforce.synthetic import expected_counts, sample_counts, weekly_shape


class Command(BaseCommand):
    help = "Time forecasting, Erlang staffing and rostering at planning scale; prints JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--departments", type=int, default=10)
        parser.add_argument("--weeks", type=int, default=4)
        parser.add_argument("--history-weeks", type=int, default=52)
        parser.add_argument("--agents", type=int, default=100)
        parser.add_argument("--solver-seconds", type=float, default=30.0)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        result = {
            "machine": {
                "python": platform.python_version(),
                "processor": platform.machine(),
                "cpus": os.cpu_count(),
                # Wall times on a shared machine depend on its load; the CPU times do much less.
                "load_average_1_min_at_start": round(os.getloadavg()[0], 2),
            },
            "forecast_and_staffing": self._forecast_and_staff(options),
            "schedule": self._schedule(options),
        }
        self.stdout.write(json.dumps(result, indent=2))

    def _forecast_and_staff(self, options: dict[str, Any]) -> dict[str, Any]:
        departments, weeks = options["departments"], options["weeks"]
        history_hours = options["history_weeks"] * 168
        start = datetime(2025, 1, 6, tzinfo=UTC)
        zone = ZoneInfo("Europe/Berlin")
        releases = [start + timedelta(weeks=w, hours=17) for w in (10, 30, options["history_weeks"] + 1)]
        policy = StaffingPolicy(service_level=0.8, answer_within_seconds=20, shrinkage=0.3)
        figures = PhoneFigures(phone_share=np.full(168, 0.55), handle_seconds=360.0, patience_seconds=120.0)
        forecast_seconds = staffing_seconds = forecast_cpu = staffing_cpu = 0.0
        intervals = 0
        errors = []
        _agents_needed.cache_clear()
        for number in range(departments):
            mean = expected_counts(
                start=start,
                hours=history_hours,
                daily_volume=600 + 150 * number,
                weekly_growth=0.002,
                releases=releases,
                spike_lift=0.8,
            )
            counts = sample_counts(mean, seed=number, dispersion=1.3)
            began, began_cpu = time.perf_counter(), time.process_time()
            model = forecasting.fit(start=start, counts=counts, releases=releases, zone=zone)
            forecast = model.predict(start=start + timedelta(hours=history_hours), hours=weeks * 168, releases=releases)
            backtest = forecasting.backtest(
                start=start,
                counts=counts,
                releases=releases,
                zone=zone,
                decay_hours=model.spike.decay_hours if model.spike else None,
            )
            forecast_seconds += time.perf_counter() - began
            forecast_cpu += time.process_time() - began_cpu
            began, began_cpu = time.perf_counter(), time.process_time()
            intervals += len(staffing_intervals(forecast=forecast, figures=figures, policy=policy, zone=zone))
            staffing_seconds += time.perf_counter() - began
            staffing_cpu += time.process_time() - began_cpu
            if backtest is not None and backtest.daily_mape is not None:
                errors.append(backtest.daily_mape)
        return {
            "departments": departments,
            "weeks": weeks,
            "intervals_15_min": intervals,
            "forecast_seconds": round(forecast_seconds, 2),
            "staffing_seconds": round(staffing_seconds, 2),
            "total_seconds": round(forecast_seconds + staffing_seconds, 2),
            "forecast_cpu_seconds": round(forecast_cpu, 2),
            "staffing_cpu_seconds": round(staffing_cpu, 2),
            "daily_mape_mean": round(sum(errors) / len(errors), 4) if errors else None,
        }

    def _schedule(self, options: dict[str, Any]) -> dict[str, Any]:
        weeks, agent_count = options["weeks"], options["agents"]
        days = 7 * weeks
        shape = weekly_shape()
        # A requirement a team of this size can nearly cover: peak ~45 % of the agents on duty,
        # three quarters of it German, a quarter English.
        peak = shape.max()
        shares = {"de": 0.75, "en": 0.25}
        requirement = {
            language: [
                [
                    round(share * 0.45 * agent_count * shape[(d % 7) * 24 + h] / peak) if 7 <= h < 21 else 0
                    for h in range(24)
                ]
                for d in range(days)
            ]
            for language, share in shares.items()
        }
        # German only, English only, or both (every fourth agent speaks each second language).
        speaks = [frozenset({"en"}), frozenset({"de", "en"}), frozenset({"de"}), frozenset({"de"})]
        agents = [
            scheduling.AgentWishes(
                key=k,
                languages=speaks[k % 4],
                days_off=frozenset({(k * 5) % days, (k * 11) % days}),
                preferred_shifts=frozenset({["early", "day", "late"][k % 3]}) if k % 2 else frozenset(),
                weekly_hours=24 if k % 10 == 0 else None,
            )
            for k in range(1, agent_count + 1)
        ]
        problem = scheduling.Problem(
            days=days, requirement=requirement, agents=agents, shifts={str(k): v for k, v in SHIFT_HOURS.items()}
        )
        solution = scheduling.solve(problem, time_limit_seconds=options["solver_seconds"], workers=options["workers"])
        outcomes = [scheduling.wish_outcome(problem, a, solution.roster) for a in agents]
        granted = sum(o.granted for o in outcomes)
        total = sum(o.total for o in outcomes)
        required = sum(sum(row) for rows in requirement.values() for row in rows)
        return {
            "agents": agent_count,
            "languages": sorted(requirement),
            "weeks": weeks,
            "solver_status": solution.status,
            "seconds": round(solution.seconds, 2),
            "time_limit_seconds": options["solver_seconds"],
            "required_agent_hours": required,
            "shortfall_agent_hours": solution.shortfall_hours,
            "coverage": round(1 - solution.shortfall_hours / required, 4) if required else 1.0,
            "wishes_granted_share": round(granted / total, 4) if total else None,
            "rule_violations": len(scheduling.rule_violations(problem, solution.roster)),
        }
