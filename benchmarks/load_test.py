"""Issue 12's load evidence: simulated runners against ``hipfirst serve`` on PostgreSQL.

Run from the repository root (pytest never collects it; ``tests/web/test_load.py`` runs
a short one):

    .venv/bin/python benchmarks/load_test.py [--users 50] [--spawn-rate 10] [--duration 120]

It starts a throwaway PostgreSQL (``scripts/pg``), migrates it and seeds one runner per
simulated user (``--runners`` to change): an account with its own password, four real
training files from ../shared/data imported through the upload service, a finished knee
check (``examples/answers-clean.json``) and a programme started 13 days ago. It starts
``hipfirst serve --workers W`` on 127.0.0.1 (``HIPFIRST_ENV=dev`` with ``DEBUG=false``, a
temporary ``HIPFIRST_VAR_DIR``) and runs locust headless on ``benchmarks/locustfile.py``
for ``--duration`` seconds; that file says what each runner does.

Prints one JSON object: for each page (method and URL name) the requests, the failures
and the p50, p95 and largest response time in ms, with p50 as a ratio to the floor, the
stylesheet WhiteNoise serves from the same server under the same load (its figures one
request at a time before the load, for scale); the totals and requests a second; every
error; the machine and the parameters. Exits 1 if any request failed, 2 if the set-up
did. Traffic goes to 127.0.0.1 only, and it all stops by itself: locust after
``--duration`` (killed if it overruns by 90 s), then the server and PostgreSQL, in
``finally``. ``--workers`` is 4 by default, not serve's 2: gunicorn's sync workers each
answer one request at a time, and 4 keeps both cores busy while some wait on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("HIPFIRST_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
#: Each runner's history: four of these from its own place on (runs, and a GPX of no sport).
SEED_FILES = (
    "fit/runalyze-Standard.fit",
    "fit/fitdecode-activity-small-fenix2-run.fit",
    "fit/runalyze-Fenix-2.fit",
    "gpx/runalyze-standard.gpx",
    "fit/runalyze-FR70-intervals.fit",
    "fit/runalyze-Fenix-2-pauses.fit",
)
FILES_PER_RUNNER = 4
#: What the runners upload during the run: not in their history, so the first is imported.
UPLOAD_FILES = ("fit/runalyze-FR630-with-lth.fit", "gpx/ggps-dav_track_5k.gpx")
PLAN_STARTED = timedelta(days=13)  # two weeks of sessions to log, as the start form allows
THINK_S = (1.0, 3.0)  # a runner reads a page between actions
STYLESHEET = "hipfirst/site.css"  # the floor: a small static file, no database, no template
SERVER_START_S, SERVER_STOP_S, LOCUST_OVERRUN_S = 120, 20, 90
#: The pages every runner opens (by URL name); each runner's own are in its manifest entry.
SHARED_PAGES = (
    "home",
    "accounts:login",
    "training:runs",
    "training:load",
    "training:upload",
    "cadence:page",
    "progress:dashboard",
    "learn:index",
    "movement:checks",
)
FLOOR = "static:site.css"  # the stylesheet's name in the statistics


class SetupFailed(Exception):
    """PostgreSQL, the seeding or the server could not be brought up."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop_session(process: subprocess.Popen[bytes], *, wait_s: float) -> None:
    """Ask a process started here in a session of its own to stop (Ctrl-C), then kill
    whatever is left of that session, in its process group or in groups of their own."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=wait_s)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    subprocess.run(["pkill", "-KILL", "-s", str(process.pid)], check=False)


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A new PostgreSQL cluster on a free loopback port; its DATABASE_URL, then stopped."""
    # As root, scripts/pg runs PostgreSQL as `postgres`, which must reach the folder: /tmp.
    folder = Path(tempfile.mkdtemp(prefix="hipfirst-load-pg-", dir="/tmp"))
    try:
        started = subprocess.run(
            [REPO_ROOT / "scripts" / "pg", "start", folder],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if started.returncode != 0 or not started.stdout.startswith("DATABASE_URL="):
            raise SetupFailed(f"PostgreSQL did not start: {started.stderr.strip()}")
        yield started.stdout.strip().removeprefix("DATABASE_URL=")
    finally:
        subprocess.run([REPO_ROOT / "scripts" / "pg", "stop", folder], check=False, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def app_environment(folder: Path, database_url: str) -> dict[str, str]:
    """The server's environment: dev settings without debug pages, its files under ``folder``.

    Not production: that sets secure cookies, which a client on plain HTTP never sends back.
    """
    return {
        **os.environ,
        "HIPFIRST_ENV": "dev",
        "DEBUG": "false",
        "HIPFIRST_VAR_DIR": str(folder / "var"),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hipfirst.web.settings",
    }


def seed(runners: int, *, env: dict[str, str]) -> dict[str, Any]:
    """Migrate and seed the database in this process; the manifest the locustfile reads."""
    os.environ.update(
        env,
        # Here only, not in the server: each upload is imported as it is stored, quietly.
        HIPFIRST_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.templatetags.static import static
    from django.urls import reverse
    from django.utils import timezone

    from hipfirst.core.learn import learn_pages

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = str(cursor.fetchone()[0])
    seeded = [_seed_runner(number, today=today) for number in range(runners)]
    connections.close_all()
    pages = {name: [reverse(name)] for name in SHARED_PAGES}
    pages["learn:page"] = [reverse("learn:page", args=[page.slug]) for page in learn_pages()]
    pages[FLOOR] = [static(STYLESHEET)]
    return {
        "postgresql": postgresql,
        "think_s": THINK_S,
        "pages": pages,
        "uploads": [str(SHARED_DATA / name) for name in UPLOAD_FILES],
        "runners": seeded,
    }


def _seed_runner(number: int, *, today: date) -> dict[str, Any]:
    """One runner with history, a finished knee check and a started plan; its own pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from hipfirst.core.programme_rules import RULES
    from hipfirst.web.accounts.models import User
    from hipfirst.web.assessment.services import record_answers
    from hipfirst.web.programme import services as programme
    from hipfirst.web.training import services as training
    from hipfirst.web.training.models import Activity

    email, password = f"runner{number}@load.example.org", f"knees-of-runner-{number}"
    runner = User.objects.create_user(email, password)
    for k in range(FILES_PER_RUNNER):
        name = SEED_FILES[(number + k) % len(SEED_FILES)]
        upload = SimpleUploadedFile(Path(name).name, (SHARED_DATA / name).read_bytes())
        training.create_batch(runner, [upload])
    answers = json.loads((REPO_ROOT / "examples" / "answers-clean.json").read_text())
    assessment = record_answers(runner, answers, today=today)
    plan = programme.start_plan(
        runner,
        assessment,
        start=today - PLAN_STARTED,
        days=RULES.default_days,
        equipment=frozenset(),
    )
    sessions = [s.on for s in programme.programme(plan).weeks_plan.sessions if s.on <= today]
    runs = list(
        Activity.objects.owned_by(runner).filter(is_running=True).values_list("pk", flat=True)
    )
    if not runs or not sessions:
        raise SetupFailed(f"{email} has {len(runs)} runs and {len(sessions)} sessions to log")
    return {
        "email": email,
        "password": password,
        "pages": {
            "training:run": [reverse("training:run", args=[pk]) for pk in runs],
            "programme:plan": [reverse("programme:plan", args=[plan.pk])],
            "programme:session": [
                reverse("programme:session", args=[plan.pk, on]) for on in sessions
            ],
        },
    }


@contextmanager
def serving(
    port: int, *, workers: int, env: dict[str, str], folder: Path, probe: str
) -> Iterator[str]:
    """``hipfirst serve`` on 127.0.0.1:port in a session of its own; its URL once ``probe``
    (a path) answers."""
    url = f"http://127.0.0.1:{port}"
    with (folder / "serve.log").open("wb") as output:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "hipfirst.cli", "serve", "--host", "127.0.0.1"),
                *("--port", str(port), "--workers", str(workers)),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_up(server, url + probe)
            yield url
        finally:
            _stop_session(server, wait_s=SERVER_STOP_S)


def _wait_until_up(server: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SetupFailed(f"hipfirst serve stopped while starting (exit {server.returncode})")
        with suppress(OSError), urllib.request.urlopen(url, timeout=2):  # noqa: S310  # our loopback server
            return
        time.sleep(0.3)
    raise SetupFailed(f"hipfirst serve did not answer within {SERVER_START_S} s")


def idle_floor(url: str, *, requests: int = 50) -> dict[str, float]:
    """The stylesheet's response times before the load starts, one request at a time."""
    times_ms = []
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # our loopback server
            response.read()
        times_ms.append((time.perf_counter() - started) * 1000)
    return {
        "requests": requests,
        "p50_ms": round(statistics.median(times_ms), 1),
        "p95_ms": round(statistics.quantiles(times_ms, n=20, method="inclusive")[-1], 1),
    }


def run_locust(
    url: str, args: argparse.Namespace, *, env: dict[str, str], folder: Path
) -> int | None:
    """Locust headless for ``args.duration`` s; its exit code, or None if it had to be killed."""
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["--host", url, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate)]
    command += ["--run-time", f"{args.duration}s", "--stop-timeout", "10", "--only-summary"]
    command += ["--loglevel", "WARNING"]
    env = {
        **env,
        "HIPFIRST_LOAD_MANIFEST": str(folder / "manifest.json"),
        "HIPFIRST_LOAD_REPORT": str(folder / "report.json"),
    }
    with (folder / "locust.log").open("wb") as output:
        locust = subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            return locust.wait(timeout=args.duration + LOCUST_OVERRUN_S)
        except subprocess.TimeoutExpired:
            return None
        finally:
            _stop_session(locust, wait_s=0)


def report(folder: Path) -> dict[str, Any]:
    """What the locustfile wrote as locust stopped, with each page's p50 against the floor."""
    found: dict[str, Any] = json.loads((folder / "report.json").read_text())
    floor = found["pages"].pop(f"GET {FLOOR}", None)
    floor_ms = floor["p50_ms"] if floor else None
    for figures in found["pages"].values():
        page_ms = figures["p50_ms"]
        figures["p50_vs_floor"] = round(page_ms / floor_ms, 1) if page_ms and floor_ms else None
    return found | {"pages": dict(sorted(found["pages"].items())), "floor": floor}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The parameters; the defaults are issue 12's."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated runners (default 50)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="new users a second (10)")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (120)")
    parser.add_argument("--runners", type=int, default=None, help="accounts (default: --users)")
    parser.add_argument("--workers", type=int, default=4, help="web server processes (4)")
    return parser.parse_args(argv)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Bring PostgreSQL and the server up, seed, run the load, take everything down again."""
    runners = args.runners or args.users
    with (
        tempfile.TemporaryDirectory(prefix="hipfirst-load-") as name,
        throwaway_postgres() as database_url,
    ):
        folder = Path(name)
        env = app_environment(folder, database_url)
        started = time.monotonic()
        manifest = seed(runners, env=env)
        seed_s = time.monotonic() - started
        (folder / "manifest.json").write_text(json.dumps(manifest))
        probe = manifest["pages"][FLOOR][0]
        with serving(
            _free_port(), workers=args.workers, env=env, folder=folder, probe=probe
        ) as url:
            idle = idle_floor(url + probe)
            exit_code = run_locust(url, args, env=env, folder=folder)
        if not (folder / "report.json").exists():
            _print_logs(folder)
            raise SetupFailed(f"locust stopped (exit {exit_code}) before writing its figures")
        found = report(folder)
        if exit_code is None:
            found["errors"].append({"page": "locust", "error": "overran; killed", "count": 1})
        found["passed"] = exit_code == 0 and not found["errors"] and found["total"]["failures"] == 0
        if not found["passed"]:
            _print_logs(folder)
    return found | {"manifest": manifest, "runners": runners, "seed_s": seed_s, "idle": idle}


def _print_logs(folder: Path) -> None:
    """The end of locust's and the server's output, on stderr, to see why a run failed."""
    for log in ("locust.log", "serve.log"):
        lines = (folder / log).read_text(errors="replace").splitlines()
        print(f"--- the end of {log}", *lines[-40:], sep="\n", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the load and print one JSON object; 0 only if no request failed."""
    args = parse_args(argv)
    load_average = os.getloadavg()
    found = measure(args)
    import django

    print(
        json.dumps(
            {
                "issue": 12,
                "passed": found["passed"],
                "parameters": {
                    "users": args.users,
                    "spawn_rate": args.spawn_rate,
                    "duration_s": args.duration,
                    "runners": found["runners"],
                    "server_workers": args.workers,
                    "think_s": list(THINK_S),
                    "seed_s": round(found["seed_s"], 1),
                },
                "machine": {
                    "cpu_count": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in load_average],
                    "python": platform.python_version(),
                    "django": django.__version__,
                    "locust": metadata.version("locust"),  # importing it patches with gevent
                    "postgresql": found["manifest"]["postgresql"],
                },
                "statistic": "every response time; p95 by statistics.quantiles, inclusive",
                "floor": {
                    "path": found["manifest"]["pages"][FLOOR][0],
                    **(found["floor"] or {}),
                    "before_the_load": found["idle"],
                },
                "pages": found["pages"],
                "total": found["total"],
                "steady_state": found["steady"],
                "errors": found["errors"],
            },
            indent=2,
        )
    )
    return 0 if found["passed"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupFailed as exc:
        print(f"load_test: {exc}", file=sys.stderr)
        sys.exit(2)
