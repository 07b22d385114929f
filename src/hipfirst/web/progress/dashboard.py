"""A runner's progress, read from every app: pain, Kujala, adherence, load, cadence.

Reads only; nothing here writes. Rows come through ``visible_to(viewer)`` narrowed to
one ``runner``, so the same read serves the runner's own dashboard and report and,
once sharing shows it, a clinician's view of a runner who invited them; anyone else
reads nothing. Missing data stays ``None`` or empty ("not started yet"), never 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.utils import timezone

from hipfirst.core.cadence import WeeklyCadence
from hipfirst.core.kujala import KujalaChange, compare_kujala, score_kujala
from hipfirst.core.programme import Session
from hipfirst.core.programme_adapt import Decision, DecisionKind
from hipfirst.core.programme_logs import WeeklyAdherence, weekly_adherence
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.assessment.models import Assessment, KujalaRecord
from hipfirst.web.cadence.measure import RunnerCadence, runner_cadence
from hipfirst.web.programme import services as programme_services
from hipfirst.web.programme.models import Plan, SessionRecord
from hipfirst.web.training.load import RunnerLoad, runner_load, runner_time_zone
from hipfirst.web.training.models import Activity, OwnedQuerySet, RunPain

RECENT_RUNS = 5  # the report lists the latest runs with their pain
CHANGES = 4  # the latest changes the plan made to an exercise, in the report
CADENCE_WEEKS = 26  # the cadence trend shows half a year up to the latest week measured


@dataclass(frozen=True, slots=True)
class PainRow:
    """Pain on one day, 0–10: usual and worst from a knee check, next morning from logs."""

    on: date
    usual_0_10: int | None  # over the week before a knee check
    worst_0_10: int | None
    next_morning_0_10: int | None  # the highest logged for this morning, after a run or session


@dataclass(frozen=True, slots=True)
class KujalaRow:
    """One Kujala score and its change from the first, judged against the MCID."""

    on: date
    score: int
    change: KujalaChange | None  # None for the first score


@dataclass(frozen=True, slots=True)
class ProgrammeProgress:
    """The current plan and its adherence, week by week."""

    plan: Plan
    is_paused: bool  # a red flag is open: no sessions until a clinician clears the runner
    weeks: tuple[WeeklyAdherence, ...]  # empty while paused
    next_session: Session | None
    sessions_done: int
    sessions_due: int
    changes: tuple[Decision, ...]  # the latest changes to an exercise, newest first

    @property
    def adherence_pct(self) -> float | None:
        """Sessions done over sessions due so far, in per cent; None before one is due."""
        return 100 * self.sessions_done / self.sessions_due if self.sessions_due else None

    @property
    def current_week(self) -> WeeklyAdherence | None:
        """The latest week with a session due, or None before the first."""
        return next((w for w in reversed(self.weeks) if w.planned_sessions), None)


@dataclass(frozen=True, slots=True)
class RunnerProgress:
    """Everything the progress dashboard and the physio report show about one runner."""

    runner: User
    today: date
    assessment: Assessment | None  # the newest finished knee check
    results: assessment_services.Results | None
    pain: tuple[PainRow, ...]  # oldest first
    kujala: tuple[KujalaRow, ...]  # oldest first
    programme: ProgrammeProgress | None
    load: RunnerLoad | None
    recent_runs: tuple[Activity, ...]  # newest first, with their pain logs
    cadence: RunnerCadence
    #: Movement checks are not built yet: the dashboard and report say "not started yet".
    has_movement_checks: bool = False

    @property
    def kujala_change(self) -> KujalaChange | None:
        """From the first score to the latest; None until there are two."""
        return self.kujala[-1].change if self.kujala else None

    @property
    def cadence_weeks(self) -> tuple[WeeklyCadence, ...]:
        """The weeks with a cadence in the half-year up to the latest one, oldest first.

        One old file imported beside this year's runs would otherwise squeeze the
        recent trend into a corner of the chart.
        """
        weeks = [w for w in self.cadence.weeks if w.median_spm is not None]
        if not weeks:
            return ()
        since = max(w.week_of for w in weeks) - timedelta(weeks=CADENCE_WEEKS)
        return tuple(sorted((w for w in weeks if w.week_of > since), key=lambda w: w.week_of))


def runner_progress(
    runner: User,
    *,
    viewer: User | Any,  # Any: AnonymousUser too
    now: datetime,
) -> RunnerProgress:
    """Read the runner's progress as ``viewer`` may see it.

    ``now`` is read once by the caller. Each figure counts days as its own page does:
    adherence on the site's local date (as the plan page), runs and their pain on the
    local date of the runner's latest run (as the load page).
    """
    tz, today = runner_time_zone(runner), timezone.localdate(now)
    has_runs = _runs(runner, viewer).exists()
    assessments = Assessment.objects.visible_to(viewer).filter(runner=runner)
    assessment = assessments.filter(completed_on__isnull=False).order_by("-started_at").first()
    return RunnerProgress(
        runner=runner,
        today=today,
        assessment=assessment,
        results=assessment_services.results(assessment) if assessment else None,
        pain=_pain_rows(runner, viewer, tz),
        kujala=_kujala_rows(assessments),
        programme=_programme(runner, viewer, today),
        load=runner_load(runner, now=now) if has_runs else None,
        recent_runs=tuple(
            _runs(runner, viewer).filter(is_running=True).select_related("pain")[:RECENT_RUNS]
        ),
        cadence=runner_cadence(runner) if has_runs else _no_cadence(),
    )


def _runs(runner: User, viewer: User | Any) -> OwnedQuerySet[Activity]:  # Any: AnonymousUser
    return Activity.objects.visible_to(viewer).filter(runner=runner)


def _no_cadence() -> RunnerCadence:
    return RunnerCadence(runs=(), easy_run_spm=None, target=None, weeks=())


def _pain_rows(runner: User, viewer: User | Any, tz: tzinfo) -> tuple[PainRow, ...]:
    knee_checks: dict[date, tuple[int, int]] = {}
    for assessment in (
        Assessment.objects.visible_to(viewer)
        .filter(runner=runner, pain__isnull=False)
        .order_by("started_at", "pk")
    ):
        on = assessment.completed_on or assessment.started_at.astimezone(tz).date()
        pain = assessment.pain or {}
        knee_checks[on] = (int(pain["usual"]), int(pain["worst"]))
    mornings: dict[date, int] = defaultdict(int)
    for start, after_run in RunPain.objects.filter(
        activity__in=_runs(runner, viewer), next_morning_0_10__isnull=False
    ).values_list("activity__start", "next_morning_0_10"):
        day = start.astimezone(tz).date() + timedelta(days=1)
        mornings[day] = max(mornings[day], after_run or 0)  # never None: filtered above
    for on, after_session in SessionRecord.objects.filter(
        plan__in=Plan.objects.visible_to(viewer).filter(runner=runner),
        pain_next_morning_0_10__isnull=False,
    ).values_list("on", "pain_next_morning_0_10"):
        day = on + timedelta(days=1)
        mornings[day] = max(mornings[day], after_session or 0)  # never None: filtered above
    return tuple(
        PainRow(
            on,
            knee_checks[on][0] if on in knee_checks else None,
            knee_checks[on][1] if on in knee_checks else None,
            mornings.get(on),
        )
        for on in sorted(knee_checks.keys() | mornings.keys())
    )


def _kujala_rows(assessments: Any) -> tuple[KujalaRow, ...]:  # Any: the Assessment queryset
    records = KujalaRecord.objects.filter(assessment__in=assessments).order_by("taken_on", "pk")
    rows: list[KujalaRow] = []
    first = None
    for record in records:
        score = score_kujala(record.letters)
        change = None
        if first is None:
            first = score
        elif first.version == score.version:  # never compare versions (compare_kujala)
            change = compare_kujala(first, score)
        rows.append(KujalaRow(record.taken_on, score.total, change))
    return tuple(rows)


def _programme(runner: User, viewer: User | Any, today: date) -> ProgrammeProgress | None:
    plan = (
        Plan.objects.visible_to(viewer)
        .filter(runner=runner)
        .select_related("assessment", "runner")
        .first()
    )
    if plan is None:
        return None
    if not programme_services.plan_safety(plan).result.allows_programme:
        return ProgrammeProgress(plan, True, (), None, 0, 0, ())
    built = programme_services.programme(plan)
    weeks = weekly_adherence(built.weeks_plan, built.logs, today=today)
    upcoming = next((s for s in built.weeks_plan.sessions if s.on >= today), None)
    return ProgrammeProgress(
        plan,
        False,
        weeks,
        upcoming,
        sum(w.sessions_done for w in weeks),
        sum(w.planned_sessions for w in weeks),
        tuple(d for d in reversed(built.adaptation.decisions) if d.kind is not DecisionKind.HOLD)[
            :CHANGES
        ],
    )
