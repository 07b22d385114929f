"""Data for fault tests, written by the real views and services into a served app's database.

Run as ``python -m tests.web.faults.seed COMMAND ...`` with the served app's environment;
prints one JSON object. It runs in a process of its own because the fault tests' database
is not pytest's: it belongs to a `hipfirst serve` the test starts (and may kill).

* ``upload FOLDER``: two runners upload every file in FOLDER through the upload page, the
  reference runner first; their runner and batch ids.
* ``runner-with-knee-check``: a runner with a finished clean knee check; their id and a
  logged-in session cookie.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402  # after setup()
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from hipfirst.web.training.models import ImportBatch  # noqa: E402
from tests.web.factories import make_runner  # noqa: E402
from tests.web.programme.builders import finished_assessment  # noqa: E402


def upload(folder: Path) -> dict[str, Any]:  # Any: JSON
    """Each runner posts all of ``folder`` as one upload; the worker imports them in turn."""
    answer = {}
    for who in ("reference", "killed"):
        runner = make_runner(f"{who}@example.org")
        client = Client()
        client.force_login(runner)
        files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
        response = client.post(reverse("training:upload"), {"training_files": files})
        assert response.status_code == 302, response.content[:2000]
        batch = ImportBatch.objects.filter(runner=runner).get()
        answer[who] = {"runner": runner.pk, "batch": batch.pk, "files": len(files)}
    return answer


def runner_with_knee_check() -> dict[str, Any]:  # Any: JSON
    """A runner ready to start a plan, logged in."""
    runner = make_runner("restart@example.org")
    finished_assessment(runner, on=timezone.localdate())
    client = Client()
    client.force_login(runner)
    return {"runner": runner.pk, "sessionid": client.cookies["sessionid"].value}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upload").add_argument("folder", type=Path)
    commands.add_parser("runner-with-knee-check")
    args = parser.parse_args()
    answer = upload(args.folder) if args.command == "upload" else runner_with_knee_check()
    print(json.dumps(answer))  # the one line the test reads


if __name__ == "__main__":
    main()
