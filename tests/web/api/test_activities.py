"""Activities through the API: files uploaded, imported by the background task, then read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from hipfirst.web.training.models import Activity, ImportBatch
from tests.data import SHARED_DATA
from tests.web.api.people import bearer
from tests.web.factories import make_runner
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db(transaction=True)  # the task is queued on commit

RUN_FIT = SHARED_DATA / "fit" / "runalyze-FR735XT-with-performance-condition.fit"
RIDE_FIT = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield bearer(make_runner("ines@example.org"))


def _upload(client: Client, *files: SimpleUploadedFile):
    return client.post("/api/v1/activities/imports", {"files": list(files)})


def _run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def test_an_upload_is_queued_then_imported_by_the_background_task(client: Client) -> None:
    """202 with a queued batch; after the worker, the batch lists what it imported."""
    queued = _upload(client, as_upload(RUN_FIT), as_upload(RIDE_FIT))
    _run_worker()

    done = client.get(f"/api/v1/activities/imports/{queued.json()['id']}").json()

    assert queued.status_code == 202
    assert queued.json()["status"] == "queued"
    assert done["status"] == "done"
    assert done["is_finished"] is True
    assert sorted(item["file"] for item in done["imported"]) == sorted(
        [RUN_FIT.name, RIDE_FIT.name]
    )


def test_an_imported_run_reads_with_its_summary_and_splits(client: Client) -> None:
    """One activity: its figures, pace and whole-kilometre splits from the stored series."""
    _upload(client, as_upload(RUN_FIT))
    _run_worker()
    run = Activity.objects.get()

    body = client.get(f"/api/v1/activities/{run.pk}").json()

    assert body["distance_m"] == pytest.approx(run.distance_m)
    assert body["pace_min_per_km"] > 0
    assert [split["km"] for split in body["splits"]] == list(range(1, len(body["splits"]) + 1))
    assert len(body["splits"]) == int((run.distance_m or 0) // 1000) + (
        (run.distance_m or 0) % 1000 >= 100
    )


def test_the_list_pages_through_the_runners_activities(client: Client) -> None:
    """count is every activity; running_only leaves the ride out."""
    _upload(client, as_upload(RUN_FIT), as_upload(RIDE_FIT))
    _run_worker()

    everything = client.get("/api/v1/activities?limit=1").json()
    runs = client.get("/api/v1/activities?running_only=true").json()

    assert everything["count"] == 2
    assert len(everything["items"]) == 1
    assert [item["sport"] for item in runs["items"]] == ["running"]


def test_a_damaged_file_is_skipped_with_a_reason(client: Client) -> None:
    """The batch goes on without a file it cannot read, and says why."""
    queued = _upload(client, SimpleUploadedFile("notes.fit", b"not a FIT file"), as_upload(RUN_FIT))
    _run_worker()

    done = client.get(f"/api/v1/activities/imports/{queued.json()['id']}").json()

    assert [item["file"] for item in done["skipped"]] == ["notes.fit"]
    assert done["skipped"][0]["reason"]


def test_an_empty_file_is_refused_as_the_upload_page_refuses_it(client: Client) -> None:
    """The upload page's rules apply: an empty file is a 400 on 'files', nothing queued."""
    response = _upload(client, SimpleUploadedFile("empty.fit", b""))

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "files"
    assert not ImportBatch.objects.exists()


def test_knee_pain_logged_on_a_run_reads_back(client: Client) -> None:
    """PUT pain, then the activity shows it; a score over 10 is a 400."""
    _upload(client, as_upload(RUN_FIT))
    _run_worker()
    run = Activity.objects.get()
    url = f"/api/v1/activities/{run.pk}/pain"

    logged = client.put(url, json.dumps({"during_0_10": 3, "after_0_10": 2}), "application/json")
    too_much = client.put(url, json.dumps({"during_0_10": 11}), "application/json")

    assert logged.status_code == 200
    assert client.get(f"/api/v1/activities/{run.pk}").json()["pain"]["during_0_10"] == 3
    assert too_much.status_code == 400
    assert too_much.json()["error"]["field"] == "during_0_10"
