"""The database restarted during a request, or down: our error page, and no partial rows.

A real `hipfirst serve` (two gunicorn processes) on a PostgreSQL cluster of this module's
own, so the test may crash and restart it. The request is starting a plan, which writes
the plan and then the runner's calendar in one transaction; a second connection holds
the calendar table locked, so the request stops, deterministically, right after
inserting the plan. Then the cluster is crashed and started again under it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
import pytest

from tests.web.faults.running import (
    Database,
    Postgres,
    Served,
    run_seed,
    serve_env,
    served,
    throwaway_postgres,
    wait_for,
)

START = "/programme/start/"
OUR_ERROR_PAGE = "Something went wrong on our side"
#: What must never reach the runner: a traceback, the driver, the SQL, the table names.
LEAKS = ("Traceback", "psycopg", "OperationalError", "INSERT", "SELECT", "programme_")
#: The request's connection, waiting for the calendar table, after inserting its plan.
WAITING_AFTER_THE_PLAN = """
SELECT activity.pid FROM pg_stat_activity AS activity
JOIN pg_locks AS plan_lock ON plan_lock.pid = activity.pid
WHERE activity.wait_event_type = 'Lock'
  AND activity.query LIKE '%%programme_calendarfeed%%'
  AND plan_lock.relation = 'programme_plan'::regclass
  AND plan_lock.mode = 'RowExclusiveLock' AND plan_lock.granted
"""


@dataclass
class App:
    served: Served
    postgres: Postgres
    db: Database
    runner_id: int


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """`hipfirst serve` on a cluster of its own, a runner with a knee check logged in."""
    folder = tmp_path_factory.mktemp("restart")
    with throwaway_postgres() as postgres:
        env = serve_env(folder / "var", postgres.url)
        with served(env, folder / "serve.log", workers=2) as server:
            runner = run_seed(env, "runner-with-knee-check")
            server.cookies["sessionid"] = runner["sessionid"]
            yield App(server, postgres, Database(postgres.url, var_dir=folder), runner["runner"])


def _start_form(app: App) -> dict[str, str | list[str]]:
    return {
        "csrfmiddlewaretoken": app.served.form_token(START),
        "start": datetime.now(tz=UTC).date().isoformat(),
        "days": ["mon", "wed", "fri"],
    }


def _rows_of_the_runner(app: App) -> tuple[int, int]:
    """The runner's plans and calendars."""
    [(plans,)] = app.db.rows(
        "SELECT COUNT(*) FROM programme_plan WHERE runner_id = %s", app.runner_id
    )
    [(feeds,)] = app.db.rows(
        "SELECT COUNT(*) FROM programme_calendarfeed WHERE runner_id = %s", app.runner_id
    )
    return int(plans), int(feeds)


def _waiting_request(url: str) -> int | None:
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(WAITING_AFTER_THE_PLAN).fetchone()
    return int(found[0]) if found else None


def _post_during_a_restart(app: App, form: dict[str, str | list[str]]) -> tuple[int, str]:
    """Post ``form`` to start a plan, and crash and restart the database while it waits."""
    answer: list[tuple[int, str]] = []
    locker = psycopg.connect(app.postgres.url)  # a transaction, open until the crash
    try:
        locker.execute("LOCK TABLE programme_calendarfeed IN ACCESS EXCLUSIVE MODE")
        request = threading.Thread(
            target=lambda: answer.append(app.served.request("POST", START, form)[::2])
        )
        request.start()
        wait_for(
            "the request to wait after its first insert",
            lambda: _waiting_request(app.postgres.url),
            within_s=30,
        )
        # The other web process answers meanwhile, and keeps its connection for reuse.
        assert app.served.request("GET", START)[0] == 200
        app.postgres.restart_now()
        request.join(timeout=60)
    finally:
        locker.close()
    [(status, page)] = answer
    return status, page


def test_a_restart_mid_request_gives_our_error_page_and_stores_nothing(app: App) -> None:
    """The cut request gets our 500 page and leaves no plan; the next request starts one."""
    status, page = _post_during_a_restart(app, _start_form(app))
    rows_after_the_crash = _rows_of_the_runner(app)
    next_status, headers, _ = app.served.request("POST", START, _start_form(app))
    pages = [app.served.request("GET", START)[0] for _ in range(6)]  # both processes

    assert status == 500
    assert OUR_ERROR_PAGE in page
    assert not [leak for leak in LEAKS if leak in page]
    assert rows_after_the_crash == (0, 0)
    assert next_status == 302
    assert headers["Location"].startswith("/programme/")
    assert _rows_of_the_runner(app) == (1, 1)
    assert pages == [200] * 6


def test_a_database_that_is_down_gives_our_error_page(app: App) -> None:
    """With the database stopped a page gives our 500 page; once back, the runner is still in."""
    app.postgres.stop_now()
    try:
        status, _, page = app.served.request("GET", START)
    finally:
        app.postgres.restart_now()
    back, _, _ = app.served.request("GET", START)

    assert status == 500
    assert OUR_ERROR_PAGE in page
    assert not [leak for leak in LEAKS if leak in page]
    assert back == 200  # not a redirect to the login page
