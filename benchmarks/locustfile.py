"""Simulated runners for ``benchmarks/load_test.py`` (issue 12): log in, browse, log, upload.

Locust runs this file; ``load_test.py`` starts it with ``HIPFIRST_LOAD_MANIFEST`` naming a
JSON file of the seeded runners (each one's email, password and own pages: runs, plan,
sessions) and of the pages every runner sees, as paths the server made with ``reverse``.

Each simulated user is one runner, logged in with its own account. It first does every
action once, starting at an action of its own so that even a short run reaches them all,
then picks actions by weight, waiting between them as a person reading a page does:

* browse a page: home, runs, one run, training load, cadence, the plan, one session, the
  progress dashboard, the learn pages, the movement checks, or the stylesheet (the floor
  the benchmark compares pages with);
* log a programme session through its form (the page's CSRF token, the planned dose,
  good form, a little pain), or the knee pain of a run;
* now and then upload a training file and poll its import, as the batch page's script
  does, until it is done.

Requests are named by page (the URL name, as ``training:run``), so the statistics are
per page rather than per URL. A request fails on any status but 2xx or 3xx, on an error
page, on a page that redirects instead of answering (to the login page: the session was
lost), and on a form POST that does not redirect (the form was shown again with errors).

When locust stops, the figures go to the JSON file ``HIPFIRST_LOAD_REPORT`` names: per
page the requests and failures locust counted, with percentiles of every response time
kept here (locust's own round to 2 significant digits), and every failure and error.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import statistics
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from locust.clients import ResponseContextManager
from locust.env import Environment
from locust.exception import CatchResponseError, StopUser
from locust.stats import StatsError

MANIFEST: dict[str, Any] = json.loads(  # Any: JSON
    Path(os.environ["HIPFIRST_LOAD_MANIFEST"]).read_text()
)
#: Text only an error page holds: ours (500.html), Django's debug page, a traceback.
ERROR_PAGE_MARKERS = (
    "Something went wrong on our side",
    "Traceback (most recent call last)",
    "Exception Value:",
)
IMPORT_WAIT_S = 30  # an uploaded file must be imported within this
POLL_EVERY_S = 0.5  # as often as the batch page's script asks
_user_numbers = itertools.count()
_response_ms: defaultdict[str, list[float]] = defaultdict(list)  # by "METHOD name"
#: When each response began (time.monotonic()), in the order of _response_ms's lists.
_started_at: defaultdict[str, list[float]] = defaultdict(list)
#: When the last runner's login answered: the steady state starts there (Argon2 makes a
#: burst of logins the heaviest moment of a run; the figures after it are kept apart).
_last_login_at = 0.0


class PostForm(HTMLParser):
    """A page's own POST form (the one without an ``action``), as a browser would send it."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.checkboxes: list[str] = []
        self._is_inside = False
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name = found.get("name", "")
        if tag == "form":
            self._is_inside = found.get("method", "").lower() == "post" and not found.get("action")
        elif not self._is_inside or not (name or tag == "option"):
            return
        elif tag == "input":
            self._input(name, found)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in found:
            self.fields[self._select] = found.get("value", "")
        elif tag == "textarea":
            self._textarea, self.fields[name] = name, ""

    def _input(self, name: str, found: Mapping[str, str]) -> None:
        kind = found.get("type", "text").lower()
        if kind == "checkbox":
            self.checkboxes.append(name)
        if kind in {"checkbox", "radio"}:
            if "checked" in found:
                self.fields[name] = found.get("value") or "on"
        elif kind not in {"submit", "button", "file", "image", "reset"}:
            self.fields[name] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._is_inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea] += data


def problem(response: ResponseContextManager, *, is_form_post: bool = False) -> str | None:
    """Why the response counts as a failure, or None when it is what a runner should get."""
    status = response.status_code
    if status == 0:
        return f"no response: {response.error}"
    if is_form_post:
        return None if status == 302 else f"HTTP {status} instead of a redirect: form refused"
    if status != 200:
        return f"HTTP {status}" + (
            f" to {response.headers.get('Location')}" if status < 400 else ""
        )
    if any(marker in response.text for marker in ERROR_PAGE_MARKERS):
        return "an error page"
    return None


class Runner(HttpUser):
    """One seeded runner: logs in with its own account, then browses, logs and uploads."""

    wait_time = between(*MANIFEST["think_s"])

    def on_start(self) -> None:
        """Take the next seeded account, plan the first round of actions, log in."""
        number = next(_user_numbers)
        self.account: dict[str, Any] = MANIFEST["runners"][number % len(MANIFEST["runners"])]
        self.pages: dict[str, list[str]] = {**MANIFEST["pages"], **self.account["pages"]}
        self.rng = random.Random(number)  # noqa: S311  # simulated behaviour, not secrets
        users = getattr(self.environment.parsed_options, "num_users", None) or 1
        first = number * len(ACTIONS) // users % len(ACTIONS)
        self.tour = deque(action for action, _ in ACTIONS[first:] + ACTIONS[:first])
        self.log_in()

    def log_in(self) -> None:
        """Log in through the login form; a runner who cannot log in stops."""
        page = self.page("accounts:login")
        if page is None:
            raise StopUser
        form = PostForm(page).fields
        form |= {"username": self.account["email"], "password": self.account["password"]}
        if not self.post("accounts:login", self.url("accounts:login"), form):
            raise StopUser

    @task
    def act(self) -> None:
        """The next action of the first round, then one picked by weight."""
        if self.tour:
            self.tour.popleft()(self)
        else:
            self.rng.choices(ACTIONS, weights=[weight for _, weight in ACTIONS])[0][0](self)

    def url(self, name: str) -> str:
        """A path of the page called ``name`` (one of several runs, sessions, learn pages)."""
        return self.rng.choice(self.pages[name])

    def page(self, name: str, url: str | None = None) -> str | None:
        """GET a page by name; its HTML if it answered as it should, else None (a failure)."""
        with self.client.get(
            url or self.url(name), name=name, allow_redirects=False, catch_response=True
        ) as response:
            if (found := problem(response)) is not None:
                response.failure(found)
                return None
            response.success()
            return str(response.text)

    def post(self, name: str, url: str, form: Mapping[str, str], **files: Any) -> str | None:
        """POST a form (``files``: name to ``(filename, bytes)``); where it redirects, or None."""
        with self.client.post(
            url,
            data=form,
            files=files or None,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if (found := problem(response, is_form_post=True)) is not None:
                response.failure(found)
                return None
            response.success()
            return str(response.headers["Location"])


def browse(name: str) -> Callable[[Runner], None]:
    """The action of opening the page called ``name``."""

    def action(runner: Runner) -> None:
        runner.page(name)

    return action


def learn(runner: Runner) -> None:
    """The learn index, then one of its pages."""
    if runner.page("learn:index") is not None:
        runner.page("learn:page")


def log_session(runner: Runner) -> None:
    """Log one programme session: the planned dose, done with good form, a little pain."""
    url = runner.url("programme:session")
    if (page := runner.page("programme:session", url)) is None:
        return
    form = PostForm(page)
    log = form.fields | {name: "on" for name in form.checkboxes if name.endswith("-good_form")}
    log |= {
        "pain_during": str(runner.rng.randint(0, 2)),
        "pain_after": str(runner.rng.randint(0, 2)),
    }
    runner.post("programme:session", url, log)


def log_run_pain(runner: Runner) -> None:
    """Log how the knee felt during, after and the morning after one run."""
    url = runner.url("training:run")
    if (page := runner.page("training:run", url)) is None:
        return
    pains = {
        field: str(runner.rng.randint(0, 3))
        for field in ("during_0_10", "after_0_10", "next_morning_0_10")
    }
    runner.post("training:run", url, PostForm(page).fields | pains)


def upload(runner: Runner) -> None:
    """Upload a training file, open the batch page and poll the import until it is done."""
    url = runner.url("training:upload")
    if (page := runner.page("training:upload", url)) is None:
        return
    path = Path(runner.rng.choice(MANIFEST["uploads"]))
    batch = runner.post(
        "training:upload",
        url,
        PostForm(page).fields,
        training_files=(path.name, path.read_bytes()),
    )
    if batch is None or runner.page("training:batch", batch) is None:
        return
    deadline = time.monotonic() + IMPORT_WAIT_S
    while True:
        with runner.client.get(
            f"{batch}progress.json",
            name="training:batch_progress",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            found = problem(response)
            progress = response.json() if found is None else {}
            if found is None and progress["is_finished"] and progress["status"] != "done":
                found = f"the import ended {progress['status']}"
            elif found is None and not progress["is_finished"] and time.monotonic() > deadline:
                found = f"the import had not finished after {IMPORT_WAIT_S} s"
            if found is not None:
                response.failure(found)
                return
            response.success()
        if progress["is_finished"]:
            return
        time.sleep(POLL_EVERY_S)  # gevent's sleep: locust has patched time


#: What a runner does, each with how often, relative to the others, once the first round is done.
ACTIONS: list[tuple[Callable[[Runner], None], int]] = [
    (browse("home"), 2),
    (browse("training:runs"), 3),
    (browse("training:run"), 3),
    (browse("training:load"), 3),
    (browse("cadence:page"), 1),
    (browse("programme:plan"), 3),
    (browse("programme:session"), 2),
    (browse("progress:dashboard"), 3),
    (learn, 2),
    (browse("movement:checks"), 1),
    (browse("static:site.css"), 4),
    (log_session, 2),
    (log_run_pain, 2),
    (upload, 1),
]


@events.request.add_listener  # type: ignore[untyped-decorator]  # locust's hooks are untyped
def _keep_time(request_type: str, name: str, response_time: float, **_: Any) -> None:
    global _last_login_at  # noqa: PLW0603  # locust's hooks leave no other place
    now = time.monotonic()
    key = f"{request_type} {name}"
    _response_ms[key].append(response_time)
    _started_at[key].append(now - response_time / 1000)
    if key == "POST accounts:login":
        _last_login_at = max(_last_login_at, now)


def _steady(key: str) -> list[float]:
    """The response times of ``key`` that began after every runner had logged in."""
    return [
        ms
        for ms, began in zip(_response_ms[key], _started_at[key], strict=True)
        if began >= _last_login_at
    ]


def percentiles(times_ms: list[float]) -> dict[str, float | None]:
    """The median, the 95th percentile and the largest of response times, in ms."""
    if not times_ms:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    p95 = (
        statistics.quantiles(times_ms, n=20, method="inclusive")[-1]
        if len(times_ms) > 1
        else times_ms[0]
    )
    return {
        "p50_ms": round(statistics.median(times_ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(times_ms), 1),
    }


def _first_started() -> float:
    return min((min(began) for began in _started_at.values() if began), default=_last_login_at)


@events.quitting.add_listener  # type: ignore[untyped-decorator]  # locust's hooks are untyped
def _write_report(environment: Environment, **_: Any) -> None:
    """Every page's figures, the totals and every failure and error, for load_test.py."""
    stats, runner = environment.stats, environment.runner
    if stats is None or runner is None:
        raise RuntimeError("locust quit before it had set up its runner")
    pages = {
        f"{entry.method} {entry.name}": {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            **percentiles(_response_ms[f"{entry.method} {entry.name}"]),
        }
        for entry in stats.entries.values()
    }
    errors = [
        {
            "page": f"{e.method} {e.name}",
            "error": str(e.error)  # our own message, as is
            if isinstance(e.error, CatchResponseError)
            else StatsError.parse_error(e.error),
            "count": e.occurrences,
        }
        for e in stats.errors.values()
    ] + [
        {"page": "locustfile", "error": str(e["msg"]), "count": int(e["count"])}
        for e in runner.exceptions.values()
    ]
    total = {
        "requests": stats.total.num_requests,
        "failures": stats.total.num_failures,
        **percentiles([ms for times in _response_ms.values() for ms in times]),
        "requests_per_s": round(stats.total.total_rps, 1),
    }
    steady_ms = {key: times for key in pages if (times := _steady(key))}
    steady = {
        "after_s": round(_last_login_at - _first_started(), 1),
        "pages": {
            key: {"requests": len(times), **percentiles(times)} for key, times in steady_ms.items()
        },
        "total": percentiles([ms for times in steady_ms.values() for ms in times]),
    }
    report = {"pages": pages, "total": total, "errors": errors, "steady": steady}
    Path(os.environ["HIPFIRST_LOAD_REPORT"]).write_text(json.dumps(report))
