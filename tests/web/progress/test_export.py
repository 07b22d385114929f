"""The runner's own data: one zip of JSON and CSV with all of theirs and none of anyone's."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hipfirst.importers import Series, series_from_bytes
from hipfirst.web.programme import services as programme_services
from hipfirst.web.progress.export import export_zip
from hipfirst.web.training.models import ActivitySeries, ImportUpload
from tests.data import SHARED_DATA
from tests.web.progress.builders import History, runner_with_history
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db

OTHER_GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"


@pytest.fixture
def history() -> History:
    return runner_with_history("mia@example.org")


@pytest.fixture
def other() -> History:
    return runner_with_history("otto@example.org")


def _zip(history: History) -> zipfile.ZipFile:
    with export_zip(history.runner, exported_at=timezone.now()) as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def _all_bytes(archive: zipfile.ZipFile) -> bytes:
    return b"\n".join(archive.read(name) for name in archive.namelist())


def test_the_zip_holds_every_table_as_json_and_csv(history: History) -> None:
    """Account, knee checks, Kujala, runs, pain, counts, plan and session logs are there."""
    archive = _zip(history)
    document = json.loads(archive.read("hipfirst-data.json"))

    for table in (
        "accounts.user",
        "assessment.assessment",
        "assessment.kujalarecord",
        "training.activity",
        "training.activityseries",
        "training.runpain",
        "training.importbatch",
        "cadence.countedcadence",
        "programme.plan",
        "programme.sessionrecord",
        "programme.exerciserecord",
    ):
        assert document["tables"][table], table
        assert f"tables/{table}.csv" in archive.namelist()
    assert document["tables"]["accounts.user"][0]["email"] == "mia@example.org"
    assert [r["score"] for r in document["tables"]["assessment.kujalarecord"]] == [79, 93]


def test_the_csv_has_the_same_rows_as_the_json(history: History) -> None:
    """Each CSV file is its table: one row a record, a column a field."""
    archive = _zip(history)
    document = json.loads(archive.read("hipfirst-data.json"))

    rows = list(csv.DictReader(io.StringIO(archive.read("tables/training.activity.csv").decode())))

    assert len(rows) == len(document["tables"]["training.activity"]) == 4
    assert history.imported_run.file_name in {row["file_name"] for row in rows}


def test_each_runs_series_is_decoded_to_csv(history: History) -> None:
    """The compressed series of the real run reads back as one CSV row a record."""
    archive = _zip(history)
    stored = ActivitySeries.objects.get(activity=history.imported_run)
    series = series_from_bytes(bytes(stored.blob))

    rows = list(
        csv.reader(
            io.StringIO(archive.read(f"series/activity-{history.imported_run.pk}.csv").decode())
        )
    )

    assert tuple(rows[0]) == Series.COLUMNS
    assert len(rows) - 1 == len(series)
    assert float(rows[-1][0]) == pytest.approx(float(series.elapsed_s[-1]))


def test_nothing_of_a_second_runner_is_in_the_zip(history: History, other: History) -> None:
    """Not their email, their runs, their assessments or their plan."""
    archive = _zip(history)
    document = json.loads(archive.read("hipfirst-data.json"))
    everything = _all_bytes(archive)

    assert b"otto@example.org" not in everything
    for rows in document["tables"].values():
        for row in rows:
            assert row.get("runner_id", history.runner.pk) == history.runner.pk
    other_runs = set(other.runner.activities.values_list("pk", flat=True))
    assert not other_runs & {r["id"] for r in document["tables"]["training.activity"]}
    assert other.plan.pk not in {r["id"] for r in document["tables"]["programme.plan"]}


def test_secrets_are_left_out(history: History) -> None:
    """No password hash and no private calendar address: the zip cannot sign anyone in."""
    feed = programme_services.renew_feed_token(history.runner, now=timezone.now())
    assert feed.token is not None

    everything = _all_bytes(_zip(history))

    assert history.runner.password.encode() not in everything
    assert b"argon2" not in everything
    assert feed.token.encode() not in everything


def test_uploaded_files_still_stored_are_in_the_zip(
    client: Client, history: History, settings, tmp_path
) -> None:
    """A file uploaded and not imported yet comes back byte for byte under files/."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(history.runner)
    client.post(reverse("training:upload"), {"training_files": [as_upload(OTHER_GPX)]})
    upload = ImportUpload.objects.get(batch__runner=history.runner)

    archive = _zip(history)

    assert archive.read(f"files/{upload.file.name}") == OTHER_GPX.read_bytes()


def test_the_download_is_a_zip_attachment(client: Client, history: History) -> None:
    """The settings page's link answers the zip as a download."""
    client.force_login(history.runner)

    response = client.get(reverse("progress:export"))
    body = response.getvalue()  # a FileResponse: its whole stream

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="hipfirst-data-')
    assert "hipfirst-data.json" in zipfile.ZipFile(io.BytesIO(body)).namelist()


def test_a_series_that_cannot_be_decoded_is_exported_as_stored(history: History) -> None:
    """A damaged blob does not stop the export; it comes back as it is kept (base64)."""
    ActivitySeries.objects.filter(activity=history.imported_run).update(blob=b"not a series")

    document = json.loads(_zip(history).read("hipfirst-data.json"))

    stored = {r["activity_id"]: r["blob"] for r in document["tables"]["training.activityseries"]}
    assert stored[history.imported_run.pk] == "bm90IGEgc2VyaWVz"
