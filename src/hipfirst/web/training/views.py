"""Training pages: upload and import in the background, the list of runs, one run.

Only the owner reaches a batch or an activity; anyone else gets a 404.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from hipfirst.core.splits import kilometre_splits
from hipfirst.importers import Series, series_from_bytes
from hipfirst.web.training import services
from hipfirst.web.training.forms import RunPainForm, UploadForm
from hipfirst.web.training.load import runner_load
from hipfirst.web.training.models import Activity, ActivitySeries, ImportBatch, RunPain
from hipfirst.web.ui.charts import LineChart, line_chart, weekly_chart

RUNS_PER_PAGE = 50


@login_required
@require_safe
def runs(request: HttpRequest) -> HttpResponse:
    """The runner's runs, newest first, with the other activities counted apart."""
    activities = Activity.objects.owned_by(request.user)  # this page is the runner's own
    page = Paginator(activities.filter(is_running=True), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "other_count": activities.filter(is_running=False).count(),
        "latest_batch": ImportBatch.objects.owned_by(request.user).first(),
    }
    return render(request, "training/runs.html", context)


@login_required
@require_safe
def load(request: HttpRequest) -> HttpResponse:
    """Training load: the risk score with each part's advice, weekly chart, volume plan."""
    found = runner_load(request.user, now=timezone.now())  # type: ignore[arg-type]  # login_required
    chart = None
    if found is not None:
        chart = weekly_chart(
            [
                (f"{row.week_start:%-d %b}", row.distance_km, row.ratio)
                for row in found.recent_weeks
            ],
            moderate_above=found.thresholds.acwr_moderate_above,
            high_from=found.thresholds.acwr_high_from,
        )
    return render(request, "training/load.html", {"load": found, "chart": chart})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload files; a valid upload is imported by a background task."""
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if form.is_valid():
        batch = services.create_batch(request.user, form.cleaned_data["training_files"])  # type: ignore[arg-type]  # login_required
        return redirect("training:batch", pk=batch.pk)
    return render(request, "training/upload.html", {"form": form})


@login_required
@require_safe
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the import runs, then what was imported, skipped and duplicated."""
    found = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    is_owner = found.runner_id == request.user.pk
    return render(request, "training/batch.html", {"batch": found, "is_owner": is_owner})


@login_required
@require_safe
def batch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The batch's progress for the page's script: files done of total, and the status."""
    found = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    return JsonResponse(
        {
            "status": found.status,
            "files_done": found.files_done,
            "files_total": found.files_total,
            "is_finished": found.is_finished,
        }
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """One activity: its figures, pace, heart rate and cadence over time, its splits, and
    a form for how the knee felt (which the volume plan reads)."""
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)
    is_owner = activity.runner_id == request.user.pk
    if request.method == "POST" and not is_owner:
        raise Http404("read-only")  # an invited clinician reads; only the runner writes
    logged = RunPain.objects.filter(activity=activity).first()
    pain_form = RunPainForm(
        request.POST if request.method == "POST" else None,
        initial={
            "during_0_10": logged.during_0_10 if logged else None,
            "after_0_10": logged.after_0_10 if logged else None,
            "next_morning_0_10": logged.next_morning_0_10 if logged else None,
        },
    )
    if pain_form.is_valid():
        data = pain_form.cleaned_data
        services.log_run_pain(
            activity,
            during=data["during_0_10"],
            after=data["after_0_10"],
            next_morning=data["next_morning_0_10"],
        )
        messages.success(request, "Saved. Your running plan takes this into account.")
        return redirect("training:run", pk=activity.pk)
    stored = ActivitySeries.objects.filter(activity=activity).first()
    series = series_from_bytes(bytes(stored.blob)) if stored else None
    context: dict[str, Any] = {
        "activity": activity,
        "local_start": services.local_start(activity),
        "pain_form": pain_form,
        "is_owner": is_owner,
        "charts": _charts(series) if series is not None else [],
        "splits": kilometre_splits(
            series.elapsed_s, series.distance_m, series.heart_rate_bpm, series.cadence_spm
        )
        if series is not None
        else (),
    }
    return render(request, "training/run.html", context)


def _charts(series: Series) -> list[LineChart]:
    """Pace, heart rate and cadence over the minutes of the run, where recorded."""
    minutes = (series.elapsed_s / 60).tolist()
    pace = [1000 / s / 60 if s and s > 0.5 else None for s in _smoothed(series.speed_mps)]
    charts = (
        line_chart("Pace", minutes, pace, y_unit="minutes per km", invert=True),
        line_chart(
            "Heart rate", minutes, _values(series.heart_rate_bpm), y_unit="beats per minute"
        ),
        line_chart("Cadence", minutes, _values(series.cadence_spm), y_unit="steps per minute"),
    )
    return [chart for chart in charts if chart is not None]


def _values(array: np.ndarray[Any, Any]) -> list[float | None]:  # Any: numpy's shape/dtype
    return [float(v) if np.isfinite(v) and v > 0 else None for v in array]


def _smoothed(
    speed_mps: np.ndarray[Any, Any], window: int = 15
) -> list[float | None]:  # Any: numpy
    """A centred moving median: GPS speed jumps from sample to sample."""
    values = np.where(np.isfinite(speed_mps), speed_mps, np.nan)
    if values.size < window:
        return _values(values)
    padded = np.pad(values, window // 2, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, window)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a window of only gaps stays a gap
        medians = np.nanmedian(windows, axis=1)
    return _values(medians)
