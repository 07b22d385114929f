"""Upload helpers for training tests: real files from ../shared/data, posted for real."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hipfirst.web.training.models import ImportBatch


def as_upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def upload_and_import(client: Client, files: list[SimpleUploadedFile]) -> ImportBatch:
    """Post the files, run the real worker until the queue is empty, return the batch."""
    response = client.post(reverse("training:upload"), {"training_files": files})
    assert response.status_code == 302, response.content[:2000]
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    return ImportBatch.objects.latest("pk")
