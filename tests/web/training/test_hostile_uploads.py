"""Hostile files uploaded on the web: refused with a clear reason, nothing stored (issue 12).

Each file of ``tests/importers/hostile.py`` goes through the real form and the real
worker. The oversized upload is refused by the form (test_upload_form.py), and a script
posing as a video by the movement form (movement/test_movement_pages.py).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hipfirst.web.training.models import Activity, ImportBatch, ImportUpload
from tests.importers.hostile import RUN_FIT, HostileFile, hostile_files, zipped
from tests.web.factories import make_runner
from tests.web.training.uploads import upload_and_import

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner("mallory@example.org"))
    return client


@pytest.mark.parametrize("hostile", hostile_files(), ids=lambda h: h.id)
def test_a_hostile_file_is_skipped_with_its_reason_on_the_batch_page(
    runner_client: Client, hostile: HostileFile
) -> None:
    """The import finishes, stores no activity and shows the file with a plain reason."""
    batch = upload_and_import(runner_client, [SimpleUploadedFile(hostile.name, hostile.data)])
    page = runner_client.get(reverse("training:batch", args=[batch.pk])).content.decode()

    assert batch.status == ImportBatch.Status.DONE
    assert batch.result is not None
    assert batch.result["imported"] == []
    assert any(hostile.reason in item["reason"] for item in batch.result["skipped"])
    assert hostile.reason in page
    assert not Activity.objects.exists()
    assert not ImportUpload.objects.exists()  # the upload itself is not kept either


def test_a_strava_name_with_nul_is_stored_without_it(runner_client: Client) -> None:
    """A NUL in activities.csv (which PostgreSQL refuses in text) is dropped from the name."""

    export = zipped(
        {
            "activities.csv": b"Activity Name,Activity Type,Filename\nLake\x00 loop,Run,a/1.fit\n",
            "a/1.fit": RUN_FIT.read_bytes(),
        }
    )

    batch = upload_and_import(runner_client, [SimpleUploadedFile("export.zip", export)])

    assert batch.status == ImportBatch.Status.DONE
    assert Activity.objects.get().name == "Lake loop"
