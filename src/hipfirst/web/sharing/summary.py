"""A runner's key figures at a glance, for the clinician's list (reads only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hipfirst.core.kujala import KujalaChange
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment
from hipfirst.web.training.load import runner_load


@dataclass(frozen=True, slots=True)
class RunnerSummary:
    runner: User
    latest: Assessment | None  # the latest finished assessment
    kujala_score: int | None
    kujala_change: KujalaChange | None
    usual_pain_0_10: int | None
    open_red_flags: tuple[str, ...]  # questions answered yes and not cleared by a clinician
    load_level: str | None


def runner_summary(runner: User, *, now: datetime) -> RunnerSummary:
    """Latest Kujala and its change, usual pain, open red flags and the load level."""
    latest = (
        Assessment.objects.filter(runner=runner, completed_on__isnull=False)
        .order_by("-completed_on", "-pk")
        .first()
    )
    load = runner_load(runner, now=now)
    level = str(load.report.risk.level) if load and load.report.risk.level else None
    if latest is None:
        return RunnerSummary(runner, None, None, None, None, (), level)
    found = assessment_services.results(latest)
    flags = (
        ()
        if latest.clinician_cleared_on
        else tuple(flag.question or flag.why for flag in found.result.red_flags.flags)
    )
    return RunnerSummary(
        runner,
        latest,
        found.kujala.latest.total,
        found.kujala.change,
        found.result.pain.usual_0_10,
        flags,
        level,
    )
