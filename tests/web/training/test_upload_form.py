"""The upload form refuses what it must, with the reason on the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from hipfirst.web.training.models import ImportBatch
from tests.web.factories import make_runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner_client(client: Client) -> Client:
    client.force_login(make_runner())
    return client


def test_posting_no_file_asks_for_one(runner_client: Client) -> None:
    """An empty form re-renders with an error on the file field."""
    response = runner_client.post(reverse("training:upload"), {})

    assert response.status_code == 200
    assert "training_files" in response.context["form"].errors


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_an_upload_over_the_limit_is_refused(runner_client: Client) -> None:
    """More than the size limit is refused before anything is stored or queued."""
    big = SimpleUploadedFile("big.fit", b"x" * 2000)

    response = runner_client.post(reverse("training:upload"), {"training_files": [big]})

    assert "at most" in response.context["form"].errors["training_files"][0]
    assert not ImportBatch.objects.exists()


def test_an_empty_file_is_refused(runner_client: Client) -> None:
    """A zero-byte file is named in the error."""
    empty = SimpleUploadedFile("empty.gpx", b"")

    response = runner_client.post(reverse("training:upload"), {"training_files": [empty]})

    assert response.status_code == 200
    assert "training_files" in response.context["form"].errors
