"""Activities: upload files as an import batch, follow the batch, list and read activities.

An upload is checked as the upload page checks it (``training.forms.UploadForm``), stored
by ``training.services.create_batch`` and imported by the same background task; the
answer is 202 with the batch to poll.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, FileEx, P, QueryEx, Router, Schema, Status, UploadedFile

from hipfirst.core.splits import Split, kilometre_splits
from hipfirst.importers import series_from_bytes
from hipfirst.web.api.auth import caller, readable_runner
from hipfirst.web.api.errors import NOT_FOUND, Errors, InvalidRequest, NotFound
from hipfirst.web.api.schemas import MAX_ID, WHOLE_NUMBER, InSchema, ObjectId, RunnerId
from hipfirst.web.training import services
from hipfirst.web.training.forms import UploadForm
from hipfirst.web.training.models import Activity, ActivitySeries, ImportBatch, RunPain

router = Router(tags=["activities"])

#: 0 = no pain, 10 = the worst imaginable (the scale of the run pain form).
PainScore = Annotated[int, Field(ge=0, le=10), WHOLE_NUMBER]


#: Each file must have content (the upload page refuses an empty one, and so do we).
NON_EMPTY_FILES = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {"properties": {"files": {"items": {"minLength": 1}}}}
            }
        }
    }
}


class ImportedOut(Schema):
    id: int
    file: str
    sport: str


class SkippedOut(Schema):
    file: str
    reason: str


class DuplicateOut(Schema):
    file: str
    same_as: str


class ImportBatchOut(Schema):
    id: int
    runner_id: int
    created_at: datetime
    status: Literal["queued", "running", "done", "failed"]
    files_total: int
    files_done: int
    is_finished: bool
    imported: list[ImportedOut]  # empty until the batch is done
    skipped: list[SkippedOut]
    duplicates: list[DuplicateOut]
    error: str | None  # what went wrong when the batch failed


class ActivitySummaryOut(Schema):
    id: int
    runner_id: int
    batch_id: int | None
    file_name: str
    name: str
    sport: str
    sub_sport: str
    is_running: bool
    start: datetime  # in UTC
    local_start: datetime  # in the time zone the file recorded, else UTC
    elapsed_s: float
    moving_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    is_partial: bool


class ActivityPage(Schema):
    count: int
    items: list[ActivitySummaryOut]


class SplitOut(Schema):
    km: int
    distance_m: float
    elapsed_s: float
    pace_min_per_km: float
    avg_hr_bpm: float | None
    avg_cadence_spm: float | None


class RunPainIn(InSchema):
    during_0_10: PainScore
    after_0_10: PainScore | None = None
    next_morning_0_10: PainScore | None = None


class RunPainOut(RunPainIn):
    logged_at: datetime


class ActivityOut(ActivitySummaryOut):
    pace_min_per_km: float | None  # over moving time, else elapsed; None without a distance
    notes: list[str]
    splits: list[SplitOut]  # whole kilometres; empty without a recorded distance series
    pain: RunPainOut | None  # how the knee felt, once the runner logged it


def _batch_out(batch: ImportBatch) -> ImportBatchOut:
    result: dict[str, Any] = dict(batch.result or {})  # Any: the stored JSON
    return ImportBatchOut(
        id=batch.pk,
        runner_id=batch.runner_id,
        created_at=batch.created_at,
        status=batch.status,  # type: ignore[arg-type]  # a Status value, one of the literals
        files_total=batch.files_total,
        files_done=batch.files_done,
        is_finished=batch.is_finished,
        imported=result.get("imported", []),
        skipped=result.get("skipped", []),
        duplicates=result.get("duplicates", []),
        error=result.get("error"),
    )


def _summary(activity: Activity) -> ActivitySummaryOut:
    stored = {
        name: getattr(activity, name)
        for name in ActivitySummaryOut.model_fields
        if name != "local_start"
    }
    return ActivitySummaryOut(**stored, local_start=services.local_start(activity))


def _pain_out(pain: RunPain) -> RunPainOut:
    return RunPainOut(
        during_0_10=pain.during_0_10,
        after_0_10=pain.after_0_10,
        next_morning_0_10=pain.next_morning_0_10,
        logged_at=pain.logged_at,
    )


def _detail(activity: Activity) -> ActivityOut:
    stored = ActivitySeries.objects.filter(activity=activity).first()
    splits: tuple[Split, ...] = ()
    if stored is not None:
        series = series_from_bytes(bytes(stored.blob))
        splits = kilometre_splits(
            series.elapsed_s, series.distance_m, series.heart_rate_bpm, series.cadence_spm
        )
    km = (activity.distance_m or 0) / 1000
    pace = (activity.moving_s or activity.elapsed_s) / 60 / km if km > 0 else None
    return ActivityOut(
        **_summary(activity).model_dump(),
        pace_min_per_km=pace,
        notes=[str(note) for note in activity.notes],
        splits=[SplitOut.model_validate(split, from_attributes=True) for split in splits],
        pain=_pain_out(logged)
        if (logged := RunPain.objects.filter(activity=activity).first())
        else None,
    )


@router.post(
    "/imports",
    response={202: ImportBatchOut, **Errors.WRITE},
    openapi_extra=NON_EMPTY_FILES,
)
def upload_activities(
    request: HttpRequest, files: FileEx[list[UploadedFile], P(min_length=1)]
) -> Status[ImportBatchOut]:
    """Upload FIT, GPX or TCX files (gzipped too) or a Strava or Garmin export zip.

    The files are imported in the background; poll the batch until ``is_finished``.
    """
    form = UploadForm(data={}, files=MultiValueDict({"training_files": list(files)}))
    if not form.is_valid():
        message = " ".join(str(error) for error in form.errors.get("training_files", []))
        raise InvalidRequest(message or "These files cannot be uploaded.", field="files")
    batch = services.create_batch(caller(request), form.cleaned_data["training_files"])
    return Status(202, _batch_out(batch))


@router.get("/imports", response={200: list[ImportBatchOut], **Errors.READ})
def list_imports(request: HttpRequest, runner_id: RunnerId = None) -> list[ImportBatchOut]:
    """The runner's import batches, newest first (the latest 50)."""
    runner = readable_runner(request, runner_id)
    return [_batch_out(batch) for batch in ImportBatch.objects.filter(runner=runner)[:50]]


@router.get("/imports/{batch_id}", response={200: ImportBatchOut, **Errors.READ})
def get_import(request: HttpRequest, batch_id: ObjectId) -> ImportBatchOut:
    """One import batch: progress while it runs, then what was imported, skipped, duplicated."""
    batch = ImportBatch.objects.visible_to(caller(request)).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(NOT_FOUND)
    return _batch_out(batch)


@router.get("", response={200: ActivityPage, **Errors.READ})
def list_activities(
    request: HttpRequest,
    runner_id: RunnerId = None,
    running_only: bool = False,
    limit: QueryEx[int, P(ge=1, le=500)] = 50,
    offset: QueryEx[int, P(ge=0, le=MAX_ID)] = 0,
) -> ActivityPage:
    """The runner's activities, newest first, a page at a time."""
    rows = Activity.objects.filter(runner=readable_runner(request, runner_id))
    if running_only:
        rows = rows.filter(is_running=True)
    return ActivityPage(
        count=rows.count(), items=[_summary(a) for a in rows[offset : offset + limit]]
    )


@router.get("/{activity_id}", response={200: ActivityOut, **Errors.READ})
def get_activity(request: HttpRequest, activity_id: ObjectId) -> ActivityOut:
    """One activity with its summary: figures, pace, kilometre splits and logged knee pain."""
    activity = Activity.objects.visible_to(caller(request)).filter(pk=activity_id).first()
    if activity is None:
        raise NotFound(NOT_FOUND)
    return _detail(activity)


@router.put("/{activity_id}/pain", response={200: RunPainOut, **Errors.WRITE})
def log_pain(request: HttpRequest, payload: RunPainIn, activity_id: ObjectId) -> RunPainOut:
    """Log (or correct) knee pain on a run, 0–10; the running plan reads it."""
    activity = Activity.objects.owned_by(caller(request)).filter(pk=activity_id).first()
    if activity is None:
        raise NotFound(NOT_FOUND)
    pain = services.log_run_pain(
        activity,
        during=payload.during_0_10,
        after=payload.after_0_10,
        next_morning=payload.next_morning_0_10,
    )
    return _pain_out(pain)
