"""The knee-check wizard: profile ▶ red flags ▶ symptoms ▶ Kujala ▶ results.

Every step is a plain form that works without JavaScript and saves on submit, so a
runner can leave and come back. Only the owner reaches an assessment; anyone else
gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hipfirst.web.assessment import services
from hipfirst.web.assessment.forms import (
    ClearanceForm,
    KujalaForm,
    ProfileForm,
    RedFlagForm,
    SectionForm,
    SymptomsForm,
)
from hipfirst.web.assessment.models import STEPS, Assessment
from hipfirst.web.training.load import runner_load

STEP_TITLES = {
    "profile": "About you",
    "red_flags": "Warning signs",
    "symptoms": "Your knee",
    "kujala": "Knee score",
}


def _owned(request: HttpRequest, pk: int) -> Assessment:
    """An assessment the user may change: their own."""
    return get_object_or_404(Assessment.objects.owned_by(request.user), pk=pk)


def _visible(request: HttpRequest, pk: int) -> Assessment:
    """An assessment the user may read: their own, or an inviting runner's."""
    return get_object_or_404(Assessment.objects.visible_to(request.user), pk=pk)


@login_required
@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    """The runner's assessments, newest first, with a button to start one."""
    assessments = Assessment.objects.owned_by(request.user)  # this page is the runner's own
    return render(request, "assessment/list.html", {"assessments": assessments})


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Begin a new knee check at its first step."""
    assessment = services.start_assessment(request.user)  # type: ignore[arg-type]  # login_required
    return redirect("assessment:step", pk=assessment.pk, step=STEPS[0])


def _initial(assessment: Assessment, step: str) -> dict[str, Any]:  # Any: JSON answers
    if step == "symptoms" and assessment.symptoms and assessment.pain:
        pain = {f"pain_{key}": value for key, value in assessment.pain.items()}
        return {**assessment.symptoms, **pain}
    stored = getattr(assessment, step, None) if step != "kujala" else None
    if step == "red_flags" and stored:
        return {key: "yes" if value else "no" for key, value in stored.items()}
    return dict(stored or {})


FORMS: dict[str, type[SectionForm]] = {
    "profile": ProfileForm,
    "red_flags": RedFlagForm,
    "symptoms": SymptomsForm,
    "kujala": KujalaForm,
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Show one wizard step; a valid answer saves it and moves to the next step."""
    assessment = _owned(request, pk)
    if step not in FORMS:
        raise Http404("no such step")
    form_class = FORMS[step]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            _save(assessment, step, form)
            following = assessment.next_step
            if following is None:
                return redirect("assessment:results", pk=assessment.pk)
            return redirect("assessment:step", pk=assessment.pk, step=following)
    else:
        form = form_class(initial=_initial(assessment, step))
    context = {
        "assessment": assessment,
        "form": form,
        "step": step,
        "steps": [(name, STEP_TITLES[name]) for name in STEPS],
        "step_number": STEPS.index(step) + 1,
        "title": STEP_TITLES[step],
    }
    return render(request, f"assessment/step_{step}.html", context)


def _save(assessment: Assessment, step: str, form: SectionForm) -> None:
    if step == "kujala":
        services.record_kujala(assessment, form.section_value(), today=timezone.localdate())
        return
    services.save_section(assessment, step, form.section_value())
    if isinstance(form, SymptomsForm):
        services.save_section(assessment, "pain", form.pain_value())


@login_required
@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Red-flag banner first, then likely conditions, the Kujala score and what to do."""
    assessment = _visible(request, pk)
    if (following := assessment.next_step) is not None:
        return redirect("assessment:step", pk=assessment.pk, step=following)
    context = {
        "assessment": assessment,
        "results": services.results(assessment),
        "clearance_form": ClearanceForm(),
        "is_owner": assessment.runner_id == request.user.pk,
        "load": runner_load(assessment.runner, now=timezone.now()),
    }
    return render(request, "assessment/results.html", context)


@login_required
@require_POST
def clearance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a clinician cleared the runner; the box must be ticked."""
    assessment = _owned(request, pk)
    if (following := assessment.next_step) is not None:  # no results yet to be cleared from
        return redirect("assessment:step", pk=assessment.pk, step=following)
    form = ClearanceForm(request.POST)
    if form.is_valid():
        services.confirm_clinician_clearance(assessment, today=timezone.localdate())
        return redirect("assessment:results", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "results": services.results(assessment),
        "clearance_form": form,
    }
    return render(request, "assessment/results.html", context, status=400)
