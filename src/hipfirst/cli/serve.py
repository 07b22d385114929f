"""``hipfirst serve``: migrate, then run the web server and the task worker together.

All run as children of this process, so one Ctrl-C (or SIGTERM) stops them all. If the
web server dies everything stops. If the worker dies (killed for memory, or crashed when
the database went away for a moment) it is started again after a short pause: a web app
whose worker has gone would accept imports it never runs. Every
``HIPFIRST_REQUEUE_EVERY_S`` seconds (default 60) ``requeue_stalled`` queues again the
imports and movement checks whose worker fell silent, so work cut short by a killed
worker finishes without anyone restarting anything.

The worker runs in a process group of its own: stopping it stops the decoding processes
it started as well, and none is left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from hipfirst.core.errors import HipfirstError
from hipfirst.web.env import env_int

SETTINGS = "hipfirst.web.settings"
#: Pause before starting a dead worker again, so one that dies at once cannot spin.
WORKER_RESTART_AFTER_S = 2.0
#: How long children get to stop after SIGTERM before they are killed.
STOP_WAIT_S = 10.0
_POLL_S = 0.2


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "serve", help="start the web app and its background worker", description=__doc__
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=2, help="web server processes (default: 2)")
    parser.set_defaults(handler=serve)


def _django(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args, "--settings", SETTINGS]


def serve(args: argparse.Namespace) -> int:
    """Prepare the database and static files, then supervise the server and the worker."""
    try:
        requeue_every_s = env_int("HIPFIRST_REQUEUE_EVERY_S", default=60)
    except ImproperlyConfigured as exc:
        raise HipfirstError(str(exc)) from exc
    if requeue_every_s < 1:
        raise HipfirstError("HIPFIRST_REQUEUE_EVERY_S must be at least 1 (seconds).")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    for step in (
        _django("migrate", "--no-input", "-v", "0"),
        _django("collectstatic", "--no-input", "-v", "0"),
        _django("requeue_stalled"),  # jobs whose worker died while this was down
    ):
        if subprocess.run(step, env=env, check=False).returncode != 0:
            raise HipfirstError(
                "Could not prepare the database or static files; see the messages above."
            )
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hipfirst.web.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
            "--no-control-socket",  # else every gunicorn of this user shares ~/.gunicorn's
        ],
        env=env,
    )
    supervisor = _Supervisor(web, env=env, requeue_every_s=requeue_every_s)
    print(f"hipfirst is running on http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    return supervisor.run()


class _Supervisor:
    """Keeps the worker running and requeues stalled jobs until told to stop."""

    def __init__(
        self, web: subprocess.Popen[bytes], *, env: dict[str, str], requeue_every_s: int
    ) -> None:
        self.web, self.env, self.requeue_every_s = web, env, requeue_every_s
        self.worker: subprocess.Popen[bytes] | None = self._start_worker()
        self.worker_due: float | None = None  # when to start a dead worker again
        self.requeue: subprocess.Popen[bytes] | None = None
        self.requeue_due = time.monotonic() + requeue_every_s  # serve has just run it
        self.stopping = False

    def run(self) -> int:
        def stop(signum: int, frame: object) -> None:
            self.stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not self.stopping and self.web.poll() is None:
            self._tend_worker()
            self._tend_requeue()
            time.sleep(_POLL_S)
        self._stop_all()
        return 0 if self.stopping else 1

    def _start_worker(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            _django("db_worker", "--interval", "0.5", "--no-reload"),
            env=self.env,
            process_group=0,  # its own group: its decoding processes stop with it
        )

    def _tend_worker(self) -> None:
        now = time.monotonic()
        if self.worker is not None and (status := self.worker.poll()) is not None:
            _kill_group(self.worker)  # decoding processes that outlived it
            self.worker, self.worker_due = None, now + WORKER_RESTART_AFTER_S
            print(
                f"hipfirst: the background worker stopped (exit status {status}); "
                f"starting it again in {WORKER_RESTART_AFTER_S:g} s",
                file=sys.stderr,
                flush=True,
            )
        if self.worker is None and self.worker_due is not None and now >= self.worker_due:
            self.worker, self.worker_due = self._start_worker(), None

    def _tend_requeue(self) -> None:
        # A round that failed (the database away) said why on stderr; the next one retries.
        if self.requeue is not None and self.requeue.poll() is not None:
            self.requeue = None
        if self.requeue is None and time.monotonic() >= self.requeue_due:
            self.requeue = subprocess.Popen(_django("requeue_stalled"), env=self.env)
            self.requeue_due = time.monotonic() + self.requeue_every_s

    def _stop_all(self) -> None:
        children = [c for c in (self.web, self.worker, self.requeue) if c is not None]
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)  # the worker finishes its task if it can
        deadline = time.monotonic() + STOP_WAIT_S
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if self.worker is not None:
            _kill_group(self.worker)


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the process group ``child`` leads (none left is fine)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
