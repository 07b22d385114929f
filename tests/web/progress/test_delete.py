"""Deleting an account: the password first, then nothing of the runner stays anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models
from django.test import Client
from django.urls import reverse

from hipfirst.web.accounts.models import User
from hipfirst.web.sharing.models import ClinicianAccess
from hipfirst.web.training.models import ImportUpload
from tests.data import SHARED_DATA
from tests.web.factories import PASSWORD, make_runner
from tests.web.progress.builders import History, runner_with_history
from tests.web.training.uploads import as_upload

pytestmark = pytest.mark.django_db

GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def mia(client: Client, media: Path) -> History:
    """A runner with a history in every app and an upload waiting to be imported."""
    history = runner_with_history("mia@example.org")
    client.force_login(history.runner)
    response = client.post(reverse("training:upload"), {"training_files": [as_upload(GPX)]})
    assert response.status_code == 302
    return history


@pytest.fixture
def otto(media: Path) -> History:
    """A second runner with the same kinds of data and an upload of his own."""
    history = runner_with_history("otto@example.org")
    other = Client()
    other.force_login(history.runner)
    other.post(reverse("training:upload"), {"training_files": [as_upload(GPX, "otto.gpx")]})
    return history


def _rows_pointing_at(user_id: int) -> list[str]:
    """Every row in the database with a foreign key to the account ``user_id``."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            points_at_users = field.is_relation and field.related_model is get_user_model()
            if points_at_users and model._base_manager.filter(**{field.attname: user_id}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def _media_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_wrong_password_deletes_nothing(client: Client, mia: History) -> None:
    """The form answers 400 with the error on the password, and the account stays."""
    response = client.post(reverse("progress:delete"), {"password": "not-my-password"})

    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert User.objects.filter(pk=mia.runner.pk).exists()


def test_the_confirmation_page_asks_for_the_password(client: Client, mia: History) -> None:
    """A GET shows the warning and the password field, and deletes nothing."""
    response = client.get(reverse("progress:delete"))

    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()
    assert User.objects.filter(pk=mia.runner.pk).exists()


def test_nothing_of_the_runner_remains_in_the_database_or_media(
    client: Client,
    mia: History,
    otto: History,
    media: Path,
    django_capture_on_commit_callbacks,
) -> None:
    """Rows of every app (the plan that protects its knee check too) and the upload go;
    the second runner's rows and upload stay."""
    ClinicianAccess.objects.create(runner=mia.runner, clinician=make_runner("physio@example.org"))
    upload = ImportUpload.objects.get(batch__runner=mia.runner)
    assert upload.file.name is not None
    mia_file = media / upload.file.name
    assert mia_file.exists()
    otto_files = _media_files(media / "imports" / str(otto.runner.pk))
    dump_before = serializers.serialize("json", _everything())
    assert "mia@example.org" in dump_before

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("progress:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(email="mia@example.org").exists()
    assert _rows_pointing_at(mia.runner.pk) == []
    assert "mia@example.org" not in serializers.serialize("json", _everything())
    assert not mia_file.exists()
    assert not (media / "imports" / str(mia.runner.pk)).exists()
    assert _rows_pointing_at(otto.runner.pk) != []
    assert _media_files(media / "imports" / str(otto.runner.pk)) == otto_files != []


def _everything() -> list[models.Model]:
    """Every row of every model, for a text search of the whole database."""
    return [row for model in apps.get_models() for row in model._base_manager.all()]


def test_the_runner_is_logged_out_everywhere(client: Client, mia: History) -> None:
    """A second device's session stops working too."""
    phone = Client()
    phone.force_login(mia.runner)

    client.post(reverse("progress:delete"), {"password": PASSWORD})

    response = phone.get(reverse("progress:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
