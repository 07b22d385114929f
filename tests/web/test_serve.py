"""`hipfirst serve` starts the web app and its worker together, and Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

RUN_TASK = """
import time
import django
django.setup()
from hipfirst.web.tasks import count_steps
queued = count_steps.enqueue(cadence_spm=170, minutes=2)
for _ in range(100):
    queued.refresh()
    if queued.is_finished:
        break
    time.sleep(0.2)
print(queued.status, queued.return_value)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, dict[str, str]]]:
    """`hipfirst serve` on a free port with its own SQLite database under tmp_path."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"HIPFIRST_ENV": "dev", "HIPFIRST_VAR_DIR": str(tmp_path / "var")}
    server = subprocess.Popen(
        [sys.executable, "-m", "hipfirst.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        yield server, url, env
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        assert server.stdout is not None
        server.stdout.close()


def _get(url: str, *, wait_s: float = 60) -> bytes:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  # our own loopback server
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_answers_runs_tasks_and_stops_on_ctrl_c(served) -> None:
    """The home page answers, a queued task is run by the worker, and SIGINT stops the tree."""
    server, url, env = served
    home = _get(url)
    stylesheet = _get(url + "static/hipfirst/site.css")
    task = subprocess.run(
        [sys.executable, "-c", RUN_TASK],
        env={**env, "DJANGO_SETTINGS_MODULE": "hipfirst.web.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    status = server.wait(timeout=30)
    leftovers = subprocess.run(
        ["pgrep", "-s", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout

    assert b"Knee pain when you run?" in home
    assert b"--brand" in stylesheet
    assert task.stdout.split() == ["SUCCESSFUL", "340"], task.stderr
    assert status == 0
    assert leftovers == ""
    assert (Path(env["HIPFIRST_VAR_DIR"]) / "hipfirst.sqlite3").exists()


def test_serve_refuses_a_requeue_period_that_is_not_a_number(tmp_path: Path) -> None:
    """A malformed HIPFIRST_REQUEUE_EVERY_S stops serve at once with one plain line."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"HIPFIRST_VAR_DIR": str(tmp_path), "HIPFIRST_REQUEUE_EVERY_S": "a minute"}

    result = subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("hipfirst: HIPFIRST_REQUEUE_EVERY_S must be a whole number")
