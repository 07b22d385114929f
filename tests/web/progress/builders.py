"""A runner with a history in every app, built through the real services and files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hipfirst.core.programme_logs import ExerciseLog, SessionLog
from hipfirst.core.programme_rules import Weekday
from hipfirst.importers import import_paths
from hipfirst.web.accounts.models import User
from hipfirst.web.assessment import services as assessment_services
from hipfirst.web.cadence.services import record_counted_cadence
from hipfirst.web.programme import services as programme_services
from hipfirst.web.programme.models import Plan
from hipfirst.web.training import services as training_services
from hipfirst.web.training.models import Activity, ImportBatch
from tests.data import SHARED_DATA
from tests.web.factories import make_run
from tests.web.programme.builders import finished_assessment

#: A real run recorded by a Garmin watch with cadence: its series gives the cadence target.
RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"
#: Kujala answers scoring 14 points more than examples/answers-clean.json (93 against 79).
BETTER_KUJALA = ["a", "a", "a", "a", "b", "b", "a", "c", "a", "a", "a", "a", "a"]


@dataclass(frozen=True, slots=True)
class History:
    runner: User
    imported_run: Activity  # from RUN_FIT, with its series
    plan: Plan
    today: date


def runner_with_history(email: str, *, today: date | None = None) -> History:
    """A runner with two Kujala scores, runs (one real) with pain, a count and a plan.

    The knee check was six weeks ago and the Kujala score retaken three weeks later; the
    plan started three weeks ago and every session but the latest is logged.
    """
    today = today or timezone.localdate()
    runner = User.objects.create_user(email, "knee-pain-is-not-forever-42")
    assessment = finished_assessment(runner, on=today - timedelta(days=42))
    assessment_services.record_kujala(assessment, BETTER_KUJALA, today=today - timedelta(days=21))
    batch = ImportBatch.objects.create(runner=runner, files_total=1)
    result = training_services.store_report(batch, import_paths([RUN_FIT]))
    imported = Activity.objects.get(pk=result["imported"][0]["id"])
    for days_ago in (20, 13, 6):
        start = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(7)))
        run = make_run(runner, start, 8.0)
        training_services.log_run_pain(run, during=3, after=2, next_morning=days_ago // 7)
    record_counted_cadence(runner, 84, today=today - timedelta(days=2))
    plan = programme_services.start_plan(
        runner,
        assessment,
        start=today - timedelta(days=20),
        days=frozenset({Weekday.MON, Weekday.WED, Weekday.FRI}),
        equipment=frozenset(),
    )
    _log_sessions(plan, today=today)
    return History(runner, imported, plan, today)


def _log_sessions(plan: Plan, *, today: date) -> None:
    """Every session before yesterday done in full, pain-free, with good form."""
    for session in programme_services.programme(plan).weeks_plan.sessions:
        if session.on >= today - timedelta(days=1):
            break
        exercises = tuple(
            ExerciseLog(
                exercise_id=p.exercise_id,
                reps_done=(p.dose.reps,) * p.dose.sets if p.dose and p.dose.reps else (),
                held_s=(p.dose.hold_s,) * p.dose.sets if p.dose and p.dose.hold_s else (),
                has_good_form=True,
            )
            for p in session.prescriptions
        )
        log = SessionLog(
            on=session.on,
            exercises=exercises,
            pain_during_0_10=1,
            pain_after_0_10=1,
            pain_next_morning_0_10=1,
        )
        programme_services.record_session(plan, log)
