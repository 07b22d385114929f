"""``hipfirst serve``: migrate, then run the web server and the task worker together.

Both run as children of this process, so one Ctrl-C (or SIGTERM) stops the pair, and
if either dies the other is stopped too: a web app whose worker has gone would accept
imports it never runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from typing import Any

from hipfirst.core.errors import HipfirstError

SETTINGS = "hipfirst.web.settings"


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
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    for step in (
        _django("migrate", "--no-input", "-v", "0"),
        _django("collectstatic", "--no-input", "-v", "0"),
        _django("requeue_stalled"),  # imports whose worker died while this was down
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
        ],
        env=env,
    )
    worker = subprocess.Popen(_django("db_worker", "--interval", "0.5", "--no-reload"), env=env)
    print(f"hipfirst is running on http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    return _supervise((web, worker))


def _supervise(children: tuple[subprocess.Popen[bytes], ...]) -> int:
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0 if stopping else 1
