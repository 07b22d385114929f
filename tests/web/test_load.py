"""Issue 12 in small: simulated runners against `hipfirst serve` on PostgreSQL, no failure.

Runs ``benchmarks/load_test.py`` itself, the code path of the 2-minute benchmark, with 10
users for 15 s: its own PostgreSQL (scripts/pg), its own free ports and temporary folders,
so it runs the same in the SQLite and the PostgreSQL run of ``make test``, next to others.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.data import REPO_ROOT

#: Every page the simulated runners open or post to, as named in the statistics.
PAGES = {
    "GET accounts:login",
    "POST accounts:login",
    "GET home",
    "GET training:runs",
    "GET training:run",
    "POST training:run",
    "GET training:load",
    "GET training:upload",
    "POST training:upload",
    "GET training:batch",
    "GET training:batch_progress",
    "GET cadence:page",
    "GET programme:plan",
    "GET programme:session",
    "POST programme:session",
    "GET progress:dashboard",
    "GET learn:index",
    "GET learn:page",
    "GET movement:checks",
}
SHORT_RUN = ("--users", "10", "--spawn-rate", "10", "--duration", "15", "--workers", "2")


def test_ten_runners_reach_every_page_without_a_failed_request() -> None:
    """Ten runners browsing, logging and uploading for 15 s reach every page and none fails."""
    done = subprocess.run(
        [sys.executable, REPO_ROOT / "benchmarks" / "load_test.py", *SHORT_RUN],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,  # the driver's own limits stop it well before
    )
    found = json.loads(done.stdout) if done.returncode in {0, 1} else {}

    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    assert found["errors"] == []
    assert found["total"]["failures"] == 0
    assert set(found["pages"]) == PAGES
    assert all(page["requests"] >= 1 for page in found["pages"].values())
    assert found["floor"]["requests"] >= 1
