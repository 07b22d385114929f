"""The cadence page and the metronome track download."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from hipfirst.core.cadence_target import SOURCES, CadenceTarget
from hipfirst.core.metronome import metronome_wav
from hipfirst.web.cadence import services
from hipfirst.web.cadence.forms import CountedCadenceForm, TrackForm
from hipfirst.web.cadence.measure import runner_cadence
from hipfirst.web.ui.charts import line_chart

DEFAULT_SPM = 170  # the metronome's start before the runner has a cadence; any is fine


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cadence(request: HttpRequest) -> HttpResponse:
    """Current cadence, target and why, the plan, the trend, the metronome and a count form."""
    form = CountedCadenceForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.record_counted_cadence(
            request.user,  # type: ignore[arg-type]  # login_required
            form.cleaned_data["steps_in_30_s"],
            today=timezone.localdate(),
        )
        return redirect("cadence:page")
    measured = runner_cadence(request.user)  # type: ignore[arg-type]  # login_required
    weeks = [w for w in measured.weeks if w.median_spm is not None]
    chart = line_chart(
        "Your cadence, week by week",
        [float(i) for i in range(len(weeks))],
        [w.median_spm for w in weeks],
        y_unit="steps per minute",
    )
    if chart is not None:
        chart = replace(chart, x_unit="weeks since the first")
    spm = measured.target.target_spm if measured.target else DEFAULT_SPM
    context = {
        "measured": measured,
        "chart": chart,
        "weeks": weeks,
        "form": form,
        "track_form": TrackForm(initial={"spm": spm, "minutes": 20}),
        "metronome_spm": spm,
        "evidence": _evidence(measured.target),
    }
    return render(request, "cadence/cadence.html", context)


def _evidence(target: CadenceTarget | None) -> list[tuple[str, list[str]]]:
    """Each thing the evidence says, with its sources written out."""
    if target is None:
        return []
    return [(item.says, [SOURCES[key] for key in item.sources]) for item in target.evidence]


@login_required
@require_safe
def track(request: HttpRequest) -> HttpResponse:
    """A WAV click track at the asked cadence and length, to run to with headphones."""
    form = TrackForm(request.GET)
    if not form.is_valid():
        measured = runner_cadence(request.user)  # type: ignore[arg-type]  # login_required
        context = {
            "measured": measured,
            "track_form": form,
            "form": CountedCadenceForm(),
            "metronome_spm": DEFAULT_SPM,
            "chart": None,
            "weeks": [],
            "evidence": _evidence(measured.target),
        }
        return render(request, "cadence/cadence.html", context, status=400)
    data = form.cleaned_data
    audio = metronome_wav(data["spm"], data["minutes"], accent_every=data["accent_every"])
    response = HttpResponse(audio, content_type="audio/wav")
    name = f"hipfirst-{data['spm']}spm-{data['minutes']}min.wav"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
