"""Programme pages: start a plan, the 12 weeks, a session's log, each exercise, the primer
and the calendar (a download, and a private address calendar apps subscribe to).

Only the owner reaches a plan; anyone else gets a 404. The private calendar address is
the one page without a login: its unguessable token is the key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hipfirst.core.exercises import EXERCISE_SOURCES, EXERCISES
from hipfirst.core.primer import PRIMER
from hipfirst.core.programme_adapt import DecisionKind
from hipfirst.core.programme_calendar import CalendarEvent, EventKind
from hipfirst.core.programme_rules import RULES
from hipfirst.web.accounts.models import User
from hipfirst.web.programme import schedule, services
from hipfirst.web.programme.forms import ExerciseLogForm, SessionLogForm, StartPlanForm
from hipfirst.web.programme.models import Plan

ICS_TYPE = "text/calendar; charset=utf-8"
EASIER = frozenset({DecisionKind.REGRESS, DecisionKind.PAUSE})


class AuthenticatedHttpRequest(HttpRequest):
    """A request that ``login_required`` let through: its user is a runner."""

    user: User


def _owned(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.visible_to(request.user).select_related("assessment", "runner"), pk=pk
    )


def _blocked(request: AuthenticatedHttpRequest, safety: services.Safety) -> HttpResponse:
    """The referral banner instead of the plan, while a red flag is open."""
    context = {
        "assessment": safety.assessment,
        "referral": safety.result.red_flags.referral,
        "reader_of": None
        if safety.assessment.runner_id == request.user.pk
        else safety.assessment.runner,
    }
    return render(request, "programme/blocked.html", context)


@login_required
@require_safe
def plan_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The current plan, or the page to start one."""
    plan = services.current_plan(request.user)
    if plan is None:
        return redirect("programme:start")
    return redirect("programme:plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Start a plan from the latest finished knee check: the start day, days and kit."""
    runner, today = request.user, timezone.localdate()
    assessment = services.latest_finished_assessment(runner)
    if assessment is None:
        return render(request, "programme/start.html", {"assessment": None})
    result = services.assessment_result(assessment)
    if not result.allows_programme:
        return _blocked(request, services.Safety(assessment, result))
    form = StartPlanForm(
        request.POST if request.method == "POST" else None,  # an empty POST is still a POST
        result=result,
        today=today,
        initial={"start": today, "days": sorted(RULES.default_days)},
    )
    if form.is_valid():  # clean() built the plan with the core, so any error is on its field
        plan = services.start_plan(
            runner,
            assessment,
            start=form.cleaned_data["start"],
            days=form.chosen_days,
            equipment=form.chosen_equipment,
        )
        return redirect("programme:plan", pk=plan.pk)
    context = {
        "assessment": assessment,
        "form": form,
        "current": services.current_plan(runner),
    }
    return render(request, "programme/start.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Today's session first, what changed and why, the 12 weeks as a calendar, adherence."""
    owned, today = _owned(request, pk), timezone.localdate()
    safety = services.plan_safety(owned)
    if not safety.result.allows_programme:
        return _blocked(request, safety)
    programme = services.programme(owned)
    weeks = schedule.calendar_weeks(programme, today=today)
    upcoming = schedule.next_session(programme, today=today)
    context: dict[str, Any] = {
        "plan": owned,
        "programme": programme,
        "today": today,
        "upcoming": upcoming,
        "upcoming_record": programme.records.get(upcoming.on) if upcoming else None,
        "late": schedule.latest_unlogged_session(programme, today=today),
        "changes": schedule.recent_changes(programme),
        "weeks": weeks,
        "weekday_labels": schedule.weekday_labels(owned.start),
        "adherence": schedule.adherence_to_date(weeks),
        "is_newest": owned == services.current_plan(request.user),
    }
    return render(request, "programme/plan.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session(request: AuthenticatedHttpRequest, pk: int, on: date) -> HttpResponse:
    """Log one session; the plan adapts, and each decision shows with its reason."""
    owned, today = _owned(request, pk), timezone.localdate()
    is_owner = owned.runner_id == request.user.pk
    if request.method == "POST" and not is_owner:
        raise Http404("read-only")  # an invited clinician reads; only the runner logs
    safety = services.plan_safety(owned)
    if not safety.result.allows_programme:
        return _blocked(request, safety)
    programme = services.programme(owned)
    planned = programme.weeks_plan.session_on(on)
    if planned is None:
        raise Http404("no session that day")
    data = request.POST if request.method == "POST" else None
    record = programme.records.get(on)
    exercise_forms = [
        ExerciseLogForm(data, prescription=p, initial=_exercise_initial(record, p.exercise_id))
        for p in planned.prescriptions
    ]
    form = SessionLogForm(data, on=on, today=today, initial=_session_initial(record))
    if data is not None and all([form.is_valid(), *(f.is_valid() for f in exercise_forms)]):
        log = form.session_log(tuple(f.exercise_log for f in exercise_forms))
        services.record_session(owned, log)
        return redirect(reverse("programme:session", args=[owned.pk, on]) + "#changes")
    decisions = schedule.decisions_on(programme, on)
    context = {
        "plan": owned,
        "session": planned,
        "phase": RULES.phase_of(planned.week),
        "record": record,
        "form": form,
        "exercise_forms": exercise_forms,
        "decisions": decisions,
        "is_easier": any(d.kind in EASIER for d in decisions),
        "is_future": on > today,
        "is_owner": is_owner,
    }
    return render(request, "programme/session.html", context, status=400 if data else 200)


def _exercise_initial(record: Any, exercise_id: str) -> dict[str, Any] | None:  # Any: row
    if record is None:
        return None
    entry = next((e for e in record.exercises.all() if e.exercise_id == exercise_id), None)
    if entry is None:
        return {"sets": 0}
    done = entry.reps_done or entry.held_s
    return {"sets": len(done), "per_set": max(done, default=0), "good_form": entry.has_good_form}


def _session_initial(record: Any) -> dict[str, Any] | None:  # Any: a SessionRecord row
    if record is None:
        return None
    return {
        "pain_before": record.pain_before_0_10,
        "pain_during": record.pain_during_0_10,
        "pain_after": record.pain_after_0_10,
        "pain_next_morning": record.pain_next_morning_0_10,
        "effort": record.effort_rpe_0_10,
    }


@login_required
@require_safe
def exercise(request: AuthenticatedHttpRequest, exercise_id: str) -> HttpResponse:
    """One exercise: how to do it, cues, checks, dose, its GTA index and where that is from."""
    found = EXERCISES.get(exercise_id)
    if found is None:
        raise Http404("no such exercise")
    context = {
        "exercise": found,
        "phase": next(p for p in RULES.phases if p.phase is found.phase),
        "illustration": f"hipfirst/exercises/{found.movement.value}.svg",
        "gta_source": EXERCISE_SOURCES.get(found.gta.source or ""),
        "dose_source": EXERCISE_SOURCES.get(found.dose.source) if found.dose else None,
        "easier": EXERCISES.get(found.easier.exercise_id or ""),
        "harder": EXERCISES.get(found.harder.exercise_id or ""),
        "emg_sources": {figure.source: EXERCISE_SOURCES.get(figure.source) for figure in found.emg},
    }
    return render(request, "programme/exercise.html", context)


@login_required
@require_safe
def primer(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The 5-minute pre-run routine: a list of steps, a guided timer with a script."""
    return render(request, "programme/primer.html", {"primer": PRIMER})


@login_required
@require_safe
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Download the plan as a calendar file, or make a private address to subscribe to."""
    runner = request.user
    feed = services.calendar_feed(runner)
    token = feed.token if feed is not None else None
    context = {
        "plan": services.current_plan(runner),
        "feed": feed,
        "feed_url": request.build_absolute_uri(reverse("programme:feed", args=[token]))
        if token
        else None,
        "webcal_url": None,
    }
    if context["feed_url"]:
        context["webcal_url"] = "webcal://" + str(context["feed_url"]).split("://", 1)[1]
    return render(request, "programme/calendar.html", context)


@login_required
@require_POST
def calendar_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a new private address; the old one stops working."""
    services.renew_feed_token(request.user, now=timezone.now())
    return redirect("programme:calendar")


@login_required
@require_POST
def calendar_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn the private address off."""
    services.revoke_feed_token(request.user)
    return redirect("programme:calendar")


def _event_url(request: HttpRequest) -> Callable[[Plan, CalendarEvent], str | None]:
    """Each exercise session's event links to its log page."""

    def url(plan: Plan, event: CalendarEvent) -> str | None:
        if event.kind is not EventKind.EXERCISE:
            return None
        return request.build_absolute_uri(reverse("programme:session", args=[plan.pk, event.on]))

    return url


def _ics_response(ics: bytes, *, filename: str | None) -> HttpResponse:
    response = HttpResponse(ics, content_type=ICS_TYPE)
    response["Cache-Control"] = "private, no-store"
    if filename is not None:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def plan_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The plan, adapted to the logs, as a calendar file to download."""
    owned = _owned(request, pk)
    ics = services.plan_calendar(
        owned.runner, owned, stamp=timezone.now(), event_url=_event_url(request)
    )
    return _ics_response(ics, filename="hipfirst-plan.ics")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The runner's current plan for calendar apps: no login, the token is the key."""
    found = services.feed_by_token(token)
    if found is None:
        raise Http404("no such calendar")
    ics = services.plan_calendar(
        found.runner,
        services.current_plan(found.runner),
        stamp=timezone.now(),
        event_url=_event_url(request),
    )
    response = _ics_response(ics, filename=None)
    response["X-Robots-Tag"] = "noindex"
    return response
