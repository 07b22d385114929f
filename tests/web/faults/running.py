"""Real processes for fault tests: `hipfirst serve`, a throwaway PostgreSQL, plain SQL.

Each test gets its own free port, its own folder and, for PostgreSQL, its own cluster (so
it may restart it), so the two pytest-xdist workers and the two database runs of
`make test` never meet.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from tests.data import REPO_ROOT

T = TypeVar("T")
PG_SCRIPT = REPO_ROOT / "scripts" / "pg"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(
    what: str, check: Callable[[], T | None], *, within_s: float, every_s: float = 0.1
) -> T:
    """Call ``check`` until it returns something other than None; fail after ``within_s``."""
    deadline = time.monotonic() + within_s
    while (found := check()) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {within_s:g} s for {what}")
        time.sleep(every_s)
    return found


def is_postgres_run() -> bool:
    """Whether this pytest run is `make test`'s PostgreSQL run."""
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@dataclass
class Postgres:
    """A throwaway cluster from scripts/pg, with its data folder so it can be restarted."""

    folder: Path
    url: str

    def _pg_ctl(self, *args: str) -> None:
        pgbin = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*owner, str(pgbin / "pg_ctl"), "-D", str(self.folder / "data"), *args, "-w", "-s"],
            check=True,
            capture_output=True,  # "trying to start server anyway" when it was stopped
        )

    def stop_now(self) -> None:
        """Stop as a crash does: every connection cut, no checkpoint."""
        self._pg_ctl("stop", "-m", "immediate")

    def restart_now(self) -> None:
        """Crash and start again on the same port (pg_ctl keeps the options it started with)."""
        self._pg_ctl("restart", "-m", "immediate", "-l", str(self.folder / "server.log"))


@contextmanager
def throwaway_postgres() -> Iterator[Postgres]:
    """A new cluster on a free port, removed afterwards."""
    # Not under pytest's tmp_path: as root the cluster runs as `postgres`, who cannot
    # enter root's private temporary folders (scripts/test-both-databases does the same).
    folder = Path(tempfile.mkdtemp(prefix="hipfirst-pg-", dir="/tmp"))
    try:
        started = subprocess.run(
            [str(PG_SCRIPT), "start", str(folder)], capture_output=True, text=True, check=True
        )
        url = started.stdout.strip().removeprefix("DATABASE_URL=")
        with psycopg.connect(url, autocommit=True) as conn:
            # scripts/pg turns synchronous_commit off for speed, and then a crash loses
            # the last commits; these tests crash the cluster, so commits must last.
            conn.execute("ALTER DATABASE hipfirst SET synchronous_commit = on")
        yield Postgres(folder, url)
    finally:
        subprocess.run([str(PG_SCRIPT), "stop", str(folder)], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


class Database:
    """Plain SQL on the served app's database, from outside its processes."""

    def __init__(self, url: str | None, *, var_dir: Path) -> None:
        self.url = url
        self.sqlite_path = var_dir / "hipfirst.sqlite3"

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:  # Any: column values
        if self.url:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                return conn.execute(sql, params).fetchall()
        with closing(sqlite3.connect(self.sqlite_path, timeout=20)) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()

    def json(self, value: Any) -> Any:  # Any: a JSON column as each driver returns it
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class Served:
    """A running `hipfirst serve` in its own session, its output in a log file."""

    process: subprocess.Popen[bytes]
    url: str
    env: dict[str, str]
    log: Path
    cookies: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def worker_pid(self) -> int:
        """The pid (and process group) of the db_worker this serve started."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid), "-f", "db_worker"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        assert len(found) == 1, (found, self.output())
        return int(found[0])

    def request(
        self, method: str, path: str, form: dict[str, str | list[str]] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """One HTTP request with the session's cookies; (status, headers, body)."""
        parsed = urllib.parse.urlsplit(self.url)
        body = urllib.parse.urlencode(form or {}, doseq=True).encode() if form else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = HTTPConnection(parsed.hostname or "", parsed.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and (cookie := re.match(r"(\w+)=([^;]*)", value)):
                self.cookies[cookie[1]] = cookie[2]
        return response.status, dict(response.getheaders()), text

    def form_token(self, path: str) -> str:
        """The CSRF token of the form at ``path`` (its cookie is kept for the post)."""
        status, _, page = self.request("GET", path)
        assert status == 200, page[-2000:]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, page[-2000:]
        return token[1]


def serve_env(var_dir: Path, database_url: str | None, **extra: str) -> dict[str, str]:
    """The environment of a served app with its own folder, database and settings."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"HIPFIRST_ENV": "test", "HIPFIRST_VAR_DIR": str(var_dir), **extra}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def served(env: dict[str, str], log: Path, *, workers: int = 1) -> Iterator[Served]:
    """`hipfirst serve` on a free port, answering; killed with all its children afterwards."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hipfirst.cli",
                "serve",
                "--port",
                f"{port}",
                "--workers",
                f"{workers}",
            ],
            env=env,
            cwd=REPO_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one session: every child is found and killed with it
        )
    app = Served(process, f"http://127.0.0.1:{port}/", env, log)
    try:
        wait_for("the server to answer", lambda: _answers(app), within_s=90, every_s=0.3)
        yield app
    finally:
        leftovers = subprocess.run(
            ["pgrep", "-s", str(process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        for pid in leftovers:  # process groups of their own (the worker's) included
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                continue
        process.wait(timeout=30)


def _answers(app: Served) -> bool | None:
    if app.process.poll() is not None:
        raise RuntimeError(f"hipfirst serve exited:\n{app.output()}")
    try:
        status, _, _ = app.request("GET", "/")
    except OSError:
        return None
    return True if status == 200 else None


def run_seed(env: dict[str, str], *args: str) -> dict[str, Any]:  # Any: the script's JSON
    """Run ``tests/web/faults/seed.py`` in the served app's environment; its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.web.faults.seed", *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "hipfirst.web.settings"},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    answer: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return answer
