"""A worker killed in the middle of a 200-file import: after the restart nothing is lost or doubled.

Real processes throughout: `hipfirst serve` (gunicorn, the db_worker and the periodic
requeue), an upload through the real upload page, and SIGKILL to the worker's whole
process group (the worker and its decoding processes, as the kernel's OOM killer or a
`kill -9` would leave them). The database is a SQLite file in the SQLite run and a
cluster of the test's own in the PostgreSQL run.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.data import shared_files
from tests.web.faults.running import (
    Database,
    Served,
    is_postgres_run,
    run_seed,
    serve_env,
    served,
    throwaway_postgres,
    wait_for,
)

logger = logging.getLogger(__name__)

FILES = 200
#: Real recordings big enough to take the decoder a while; time-shifted copies of them
#: bring the 151 real files up to FILES, each copy a run of its own.
SHIFTED_FROM = [
    path
    for path in (*shared_files("gpx/*.gpx"), *shared_files("tcx/*.tcx"))
    if path.stat().st_size >= 100_000
]
_DATE = re.compile(rb"(?<![\d-])(\d{4}-\d{2}-\d{2})T")


def time_shifted(data: bytes, days: int) -> bytes:
    """The recording with every timestamp moved ``days`` later: the same run on another day."""

    def later(match: re.Match[bytes]) -> bytes:
        return (date.fromisoformat(match[1].decode()) + timedelta(days=days)).isoformat().encode()

    return _DATE.sub(lambda match: later(match) + b"T", data)


def training_files(folder: Path) -> Path:
    """FILES training files in ``folder``: the real ones by link, then time-shifted copies."""
    folder.mkdir()
    real = [*shared_files("fit/*.fit"), *shared_files("gpx/*.gpx"), *shared_files("tcx/*.tcx")]
    for path in real:
        (folder / path.name).symlink_to(path)
    for number in range(1, FILES - len(real) + 1):
        source = SHIFTED_FROM[number % len(SHIFTED_FROM)]
        shifted = time_shifted(source.read_bytes(), days=7 * number)
        (folder / f"shifted-{number:02d}-{source.name}").write_bytes(shifted)
    return folder


@pytest.fixture
def database_url() -> Iterator[str | None]:
    """None for a SQLite file under the app's folder; a new cluster in the PostgreSQL run."""
    if not is_postgres_run():
        yield None
        return
    with throwaway_postgres() as postgres:
        yield postgres.url


def _batch(db: Database, batch_id: int) -> tuple[str, int, int]:
    status, done, total = db.rows(
        "SELECT status, files_done, files_total FROM training_importbatch WHERE id = %s", batch_id
    )[0]
    return str(status), int(done), int(total)


def _done(db: Database, batch_id: int) -> float | None:
    status, _, _ = _batch(db, batch_id)
    assert status != "failed", db.rows("SELECT result FROM training_importbatch")
    return time.monotonic() if status == "done" else None


def _part_way(db: Database, batch_id: int) -> tuple[int, int] | None:
    """Files done and found once at least a quarter is decoded (the worker reports every 0.5 s)."""
    status, done, total = _batch(db, batch_id)
    assert status != "done", "the import finished before it could be killed"
    return (done, total) if status == "running" and total // 4 <= done < total else None


def _uploads_left(db: Database, batch_id: int) -> int:
    [(count,)] = db.rows("SELECT COUNT(*) FROM training_importupload WHERE batch_id = %s", batch_id)
    return int(count)


def _import_time_s(db: Database, batch_id: int) -> float:
    """Seconds from the batch's claim to its end, watched from outside."""
    started = wait_for(
        "the import to start",
        lambda: time.monotonic() if _batch(db, batch_id)[0] == "running" else None,
        within_s=60,
        every_s=0.05,
    )
    return wait_for("the import", lambda: _done(db, batch_id), within_s=90) - started


def _kill_worker_part_way(app: Served, db: Database, batch_id: int) -> tuple[int, int, float]:
    """SIGKILL the worker's process group part-way; files done, files found, and when."""
    worker = app.worker_pid()
    done, total = wait_for(
        "the import to be part-way", lambda: _part_way(db, batch_id), within_s=60, every_s=0.02
    )
    os.killpg(worker, signal.SIGKILL)
    return done, total, time.monotonic()


def _stored(db: Database, runner_id: int) -> list[tuple[Any, ...]]:  # Any: column values
    return db.rows(
        "SELECT file_sha256, start FROM training_activity WHERE runner_id = %s", runner_id
    )


def _stored_ids(db: Database, runner_id: int) -> set[int]:
    return {
        int(pk)
        for (pk,) in db.rows("SELECT id FROM training_activity WHERE runner_id = %s", runner_id)
    }


def _result(db: Database, batch_id: int) -> dict[str, Any]:  # Any: JSON
    [(result,)] = db.rows("SELECT result FROM training_importbatch WHERE id = %s", batch_id)
    found: dict[str, Any] = db.json(result)
    return found


def _files(result: dict[str, Any], key: str) -> list[str]:
    return sorted(str(item["file"]) for item in result[key])


def test_a_killed_import_finishes_after_the_restart_with_every_run_stored_once(
    tmp_path: Path, database_url: str | None
) -> None:
    """Killed part-way, the import is queued again, finishes, and matches an unbroken import."""
    folder = training_files(tmp_path / "upload")
    var_dir = tmp_path / "var"
    env = serve_env(
        var_dir, database_url, HIPFIRST_STALLED_AFTER_S="4", HIPFIRST_REQUEUE_EVERY_S="1"
    )
    db = Database(database_url, var_dir=var_dir)
    with served(env, tmp_path / "serve.log") as app:
        seeded = run_seed(env, "upload", str(folder))  # the worker takes them in this order
        reference, killed = seeded["reference"], seeded["killed"]
        reference_s = _import_time_s(db, reference["batch"])
        done_at_kill, total, killed_at = _kill_worker_part_way(app, db, killed["batch"])
        finished = wait_for("the import again", lambda: _done(db, killed["batch"]), within_s=90)
        wait_for(  # the uploads are deleted once the activities are committed
            "the uploads to be deleted",
            lambda: True if _uploads_left(db, killed["batch"]) == 0 else None,
            within_s=30,
        )
        output = app.output()
    figures = {
        "reference_import_s": round(reference_s, 1),
        "killed_at": f"{done_at_kill}/{total}",
        "recovery_s": round(finished - killed_at, 1),
    }
    logger.info("worker killed mid-import: %s", figures)  # shown with --log-cli-level=INFO
    stored, expected = _stored(db, killed["runner"]), _stored(db, reference["runner"])
    result, reference_result = _result(db, killed["batch"]), _result(db, reference["batch"])

    assert killed["files"] == total == FILES, figures
    assert 0 < done_at_kill < total, figures
    assert "Queued 1 stalled import again." in output, output
    assert len(stored) == len(set(stored)) > 150, figures
    assert set(stored) == set(expected), figures
    assert {item["id"] for item in result["imported"]} == _stored_ids(db, killed["runner"])
    for key in ("imported", "skipped", "duplicates"):
        assert _files(result, key) == _files(reference_result, key), key
    assert _batch(db, killed["batch"]) == ("done", total, total)
