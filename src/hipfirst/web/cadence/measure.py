"""The runner's cadence, measured from their stored runs and counted cadences (reads only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from hipfirst.core.cadence import (
    RunCadence,
    WeeklyCadence,
    counted_run,
    easy_run_cadence_spm,
    run_cadence,
    weekly_cadence,
)
from hipfirst.core.cadence_target import CadenceTarget, cadence_target
from hipfirst.importers import series_from_bytes
from hipfirst.importers.cadence_samples import series_samples
from hipfirst.web.accounts.models import User
from hipfirst.web.cadence.models import CountedCadence
from hipfirst.web.training.models import Activity

RECENT_RUNS = 40  # runs read for the easy-run cadence and the trend


@dataclass(frozen=True, slots=True)
class RunnerCadence:
    runs: tuple[RunCadence, ...]  # newest first
    easy_run_spm: float | None
    target: CadenceTarget | None
    weeks: tuple[WeeklyCadence, ...]


def runner_cadence(runner: User) -> RunnerCadence:
    """Cadence of the runner's recent runs and counts, their easy-run cadence and target."""
    stored = Activity.objects.filter(
        runner=runner, is_running=True, series__isnull=False
    ).select_related(  # a run without records has no cadence
        "series"
    )[:RECENT_RUNS]
    runs = [
        run_cadence(
            series_samples(series_from_bytes(bytes(a.series.blob)), file=a.file_name, start=a.start)
        )
        for a in stored
    ]
    runs += [
        counted_run(datetime.combine(c.counted_on, time(12), tzinfo=UTC), c.steps_in_30_s)
        for c in CountedCadence.objects.filter(runner=runner)[:RECENT_RUNS]
    ]
    runs = [run for run in runs if run.avg_spm is not None]
    runs.sort(key=lambda run: run.start, reverse=True)
    easy = easy_run_cadence_spm(runs)
    return RunnerCadence(
        runs=tuple(runs),
        easy_run_spm=easy,
        target=cadence_target(easy) if easy is not None else None,
        weeks=weekly_cadence(runs),
    )
