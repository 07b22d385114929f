"""Importing training files on the web: a background task, nothing lost, nothing twice."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hipfirst.importers import series_from_bytes
from hipfirst.web.training import services
from hipfirst.web.training.models import Activity, ImportBatch, ImportUpload
from tests.data import SHARED_DATA
from tests.web.factories import make_runner
from tests.web.training.uploads import as_upload, upload_and_import

pytestmark = pytest.mark.django_db(transaction=True)

RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"
RIDE_FIT = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"
SAME_RUN = (
    SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx",
    SHARED_DATA / "tcx" / "ggps-dav_track_5k.tcx",
)
BROKEN = SHARED_DATA / "fit" / "fitdecode-invalid-activity-settings-corruptheader.fit"


def result_of(batch: ImportBatch) -> dict[str, Any]:
    """The finished batch's result (imported, skipped, duplicates)."""
    assert batch.result is not None
    return dict(batch.result)


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner("ines@example.org"))
    return client


def test_an_upload_is_imported_by_the_worker(runner_client: Client) -> None:
    """A run and a ride are stored with their sport, and the batch reports both."""
    batch = upload_and_import(runner_client, [as_upload(RUN_FIT), as_upload(RIDE_FIT)])

    assert batch.status == ImportBatch.Status.DONE
    assert batch.files_done == batch.files_total == 2
    assert len(result_of(batch)["imported"]) == 2
    assert sorted(Activity.objects.values_list("is_running", flat=True)) == [False, True]


def test_the_series_is_stored_as_one_blob_that_reads_back(runner_client: Client) -> None:
    """The per-record series survives the database, as one blob per activity."""
    upload_and_import(runner_client, [as_upload(RUN_FIT)])
    activity = Activity.objects.select_related("series").get()

    series = series_from_bytes(bytes(activity.series.blob))

    assert len(series) > 2000
    assert series.elapsed_s[-1] == pytest.approx(activity.elapsed_s, abs=60)


def test_a_corrupt_file_is_skipped_with_a_reason_and_the_rest_imports(
    runner_client: Client,
) -> None:
    """Garbage and a file that is not training data are skipped; the good run still imports."""
    garbage = SimpleUploadedFile("notes.fit", b"this is not a FIT file at all")

    batch = upload_and_import(runner_client, [garbage, as_upload(RUN_FIT)])

    assert [item["file"] for item in result_of(batch)["imported"]] == [RUN_FIT.name]
    assert {item["file"] for item in result_of(batch)["skipped"]} == {"notes.fit"}
    assert all(item["reason"] for item in result_of(batch)["skipped"])


def test_the_same_run_in_two_formats_is_stored_once(runner_client: Client) -> None:
    """A GPX and a TCX export of one run give one activity and one duplicate."""
    batch = upload_and_import(runner_client, [as_upload(path) for path in SAME_RUN])

    assert Activity.objects.count() == 1
    assert len(result_of(batch)["duplicates"]) == 1


def test_uploading_the_same_files_again_adds_nothing(runner_client: Client) -> None:
    """A second upload of the same files finds them all already imported."""
    upload_and_import(runner_client, [as_upload(RUN_FIT), as_upload(RIDE_FIT)])

    second = upload_and_import(runner_client, [as_upload(RUN_FIT), as_upload(RIDE_FIT)])

    assert Activity.objects.count() == 2
    assert result_of(second)["imported"] == []
    assert len(result_of(second)["duplicates"]) == 2


def test_a_damaged_file_keeps_its_readable_part(runner_client: Client) -> None:
    """A FIT file with a corrupt header still gives what could be read, marked partial."""
    batch = upload_and_import(runner_client, [as_upload(BROKEN)])

    assert batch.status == ImportBatch.Status.DONE
    assert len(result_of(batch)["imported"]) + len(result_of(batch)["skipped"]) == 1


def test_uploaded_files_are_deleted_once_imported(runner_client: Client) -> None:
    """The uploads are kept only until the import has finished."""
    upload_and_import(runner_client, [as_upload(RUN_FIT)])

    assert ImportUpload.objects.count() == 0


def test_the_batch_page_shows_the_results_when_done(runner_client: Client) -> None:
    """After the import the batch page lists the skipped file and its reason."""
    garbage = SimpleUploadedFile("notes.fit", b"this is not a FIT file at all")
    batch = upload_and_import(runner_client, [garbage, as_upload(RUN_FIT)])

    page = runner_client.get(reverse("training:batch", args=[batch.pk])).content.decode()

    assert "Your import is done" in page
    assert "notes.fit" in page


def test_progress_is_reported_as_json(runner_client: Client) -> None:
    """The progress URL says files done of total and whether the import has finished."""
    batch = upload_and_import(runner_client, [as_upload(RUN_FIT)])

    progress = runner_client.get(reverse("training:batch_progress", args=[batch.pk])).json()

    assert progress == {"status": "done", "files_done": 1, "files_total": 1, "is_finished": True}


def test_uploading_the_same_export_archive_twice_adds_nothing(
    runner_client: Client, tmp_path
) -> None:
    """A zip of runs imported a second time is recognised run by run."""
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (RUN_FIT, RIDE_FIT, SAME_RUN[0]):
            zipped.write(path, f"activities/{path.name}")
    first = upload_and_import(runner_client, [as_upload(archive)])
    stored = Activity.objects.count()

    second = upload_and_import(runner_client, [as_upload(archive)])

    assert stored == 3
    assert len(result_of(first)["imported"]) == 3
    assert result_of(second)["imported"] == []
    assert Activity.objects.count() == stored


def test_a_batch_deleted_before_the_worker_runs_is_skipped_quietly(runner_client: Client) -> None:
    """An import queued for an account deleted in the meantime runs to nothing, no error."""
    runner_client.post(reverse("training:upload"), {"training_files": [as_upload(RUN_FIT)]})
    ImportBatch.objects.all().delete()

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert not Activity.objects.exists()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


def test_a_second_run_of_the_same_batch_imports_nothing_twice(runner_client: Client) -> None:
    """A retried or duplicated task finds the batch taken and stores nothing again."""
    batch = upload_and_import(runner_client, [as_upload(RUN_FIT)])
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)

    services.run_import(batch.pk)

    assert Activity.objects.count() == 1


def test_a_batch_whose_worker_died_is_imported_after_a_restart(runner_client: Client) -> None:
    """A batch left running by a killed worker is queued again and imports each run once."""
    runner_client.post(
        reverse("training:upload"),
        {"training_files": [as_upload(RUN_FIT), as_upload(RIDE_FIT), *map(as_upload, SAME_RUN)]},
    )
    batch = ImportBatch.objects.get()
    # What a worker killed mid-import leaves: the batch claimed, silent, nothing stored.
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING,
        files_done=2,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    DBTaskResult.objects.all().delete()

    call_command("requeue_stalled", silent_for=60)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    batch.refresh_from_db()

    assert batch.status == ImportBatch.Status.DONE
    assert Activity.objects.count() == 3  # run, ride, and the GPX/TCX pair stored once
    assert len(result_of(batch)["duplicates"]) == 1


def test_a_running_batch_with_a_live_worker_is_left_alone(runner_client: Client) -> None:
    """A batch whose worker reported a moment ago is not queued a second time."""
    runner_client.post(reverse("training:upload"), {"training_files": [as_upload(RUN_FIT)]})
    ImportBatch.objects.update(status=ImportBatch.Status.RUNNING, heartbeat_at=timezone.now())

    assert services.requeue_stalled_imports(silent_for=timedelta(minutes=2)) == 0


def test_uploads_left_by_a_worker_killed_after_storing_are_swept(runner_client: Client) -> None:
    """A finished batch that still holds its uploads loses them, files and rows, next round."""
    runner_client.post(reverse("training:upload"), {"training_files": [as_upload(RUN_FIT)]})
    stored_as = ImportUpload.objects.get().file.name or ""
    # What a worker killed between storing the batch and deleting its files leaves.
    ImportBatch.objects.update(status=ImportBatch.Status.DONE)

    call_command("requeue_stalled", silent_for=60)

    assert not ImportUpload.objects.exists()
    assert stored_as
    assert not default_storage.exists(stored_as)


def test_a_failed_import_keeps_none_of_the_uploads(runner_client: Client) -> None:
    """An import that fails (here a stored file gone missing) deletes what it was sent."""
    runner_client.post(
        reverse("training:upload"), {"training_files": [as_upload(RUN_FIT), as_upload(RIDE_FIT)]}
    )
    batch = ImportBatch.objects.get()
    first = ImportUpload.objects.first()
    assert first is not None
    first.file.delete(save=False)

    services.run_import(batch.pk)
    batch.refresh_from_db()

    assert batch.status == ImportBatch.Status.FAILED
    assert not ImportUpload.objects.exists()
    assert not Activity.objects.exists()
