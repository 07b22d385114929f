"""Training load and risk: the JSON ``hipfirst load --json`` prints, for the stored runs.

The report is ``hipfirst.core.load_report.load_report_as_json`` of
``training.load.runner_load``, on the runner's local date; ``null`` reads "not enough
data yet", as everywhere in hipfirst.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from hipfirst.core.load_report import load_report_as_json
from hipfirst.core.risk import ComponentId, RiskLevel
from hipfirst.core.volume import PlanStep
from hipfirst.web.api.auth import readable_runner
from hipfirst.web.api.errors import Errors
from hipfirst.web.api.schemas import RunnerId
from hipfirst.web.training.load import runner_load

router = Router(tags=["load"])


class LoadWeekOut(Schema):
    week_start: date
    distance_km: float
    duration_s: float
    runs: int


class AcwrOut(Schema):
    """The acute:chronic workload ratio on the report's day, three ways."""

    rolling: float | None
    ewma: float | None
    uncoupled: float | None


class SpikeOut(Schema):
    date: date
    distance_km: float
    longest_prior_30d_km: float
    increase_pct: float


class MonotonyOut(Schema):
    week_end: date
    weekly_load_au: float
    monotony: float | None
    strain_au: float | None


class RiskComponentOut(Schema):
    id: ComponentId
    value: float | None
    zone: RiskLevel | None
    advice: str
    source: str


class RiskOut(Schema):
    level: RiskLevel | None  # None when no component has data yet
    components: list[RiskComponentOut]


class WalkRunOut(Schema):
    phase: int
    walk_min: int
    run_min: int | None
    session_km: float
    rpe_0_10: int


class PlanWeekOut(Schema):
    week_start: date
    distance_km: float
    long_run_km: float
    walk_run: WalkRunOut | None  # None: continuous running


class LoadReportOut(Schema):
    """``hipfirst load --json``'s report (without its file lists)."""

    today: date
    weeks: list[LoadWeekOut]
    acwr: AcwrOut
    weekly_change_pct: float | None
    spike: SpikeOut | None
    monotony: MonotonyOut | None
    risk: RiskOut
    plan_step: PlanStep
    plan_advice: str
    plan: list[PlanWeekOut]


class LoadOut(Schema):
    runner_id: int
    run_count: int
    time_zone: str  # the zone of the latest run that recorded one, else UTC
    report: LoadReportOut | None  # None until there is a run with a distance


@router.get("", response={200: LoadOut, **Errors.READ})
def get_load(request: HttpRequest, runner_id: RunnerId = None) -> LoadOut:
    """Weekly load, the ratios, spikes, the load-risk score with advice, and a volume plan."""
    runner = readable_runner(request, runner_id)
    found = runner_load(runner, now=timezone.now())
    if found is None:
        return LoadOut(runner_id=runner.pk, run_count=0, time_zone="UTC", report=None)
    return LoadOut(
        runner_id=runner.pk,
        run_count=found.run_count,
        time_zone=found.time_zone_name,
        report=LoadReportOut.model_validate(load_report_as_json(found.report)),
    )
