"""The report for a runner's physiotherapist: a PDF of at most 4 pages, drawn by WeasyPrint.

The same data as the progress dashboard (``runner_progress``), with the knee check's
answers: profile, red-flag answers, the likely conditions and why, Kujala and pain
history, load and its risk components, cadence and target, and the programme with its
adherence, every clinical number beside its source. With a history it fills 2 to 4
pages (tables show the latest rows); a runner who has not started gets one. Rendering
never touches the network: the HTML may load hipfirst's own static files only, and the
fetcher refuses anything else, which stops the rendering.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from hipfirst.core.errors import HipfirstError
from hipfirst.core.triage import RED_FLAG_QUESTIONS
from hipfirst.web.accounts.models import User
from hipfirst.web.progress.dashboard import RunnerProgress, runner_progress
from hipfirst.web.progress.figures import progress_charts
from hipfirst.web.progress.sources import progress_sources

#: The address the report's relative URLs resolve against. ``.invalid`` never resolves
#: (RFC 2606), and the fetcher maps its ``/static/`` to files on this machine.
REPORT_BASE_URL = "https://hipfirst.invalid/"
#: Rows of each history table in the report; the dashboard has the rest.
KUJALA_ROWS, PAIN_ROWS, LOAD_WEEKS = 8, 10, 12


class ReportNotRendered(HipfirstError):
    """The report could not be drawn (a resource outside our static files was asked for)."""

    code = "report_not_rendered"


class StaticFilesFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no type hints
    """Serves ``REPORT_BASE_URL/static/...`` from hipfirst's static files, nothing else.

    Any other URL (another host, ``file:``, ``data:``, a path outside ``/static/``)
    raises, and ``fail_on_errors`` turns that into a stop, not a silent gap.
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:  # Any: weasyprint's
        """The static file ``url`` names; ``ValueError`` for anything else."""
        name = static_name(url)
        if name is None:
            raise ValueError(f"The report loads only hipfirst's own static files, not {url}")
        found = finders.find(name)
        if isinstance(found, str):
            body = Path(found).read_bytes()
        elif staticfiles_storage.exists(name):  # production: collected, hashed names
            with staticfiles_storage.open(name) as stored:
                body = stored.read()
        else:
            raise ValueError(f"There is no static file {name}")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": kind})


def static_name(url: str) -> str | None:
    """The static file's name in ``url``, or ``None`` when it is not one of ours."""
    prefix = urljoin(REPORT_BASE_URL, settings.STATIC_URL)
    parts = urlsplit(url)
    if not url.startswith(prefix) or parts.query or parts.fragment:
        return None
    name = unquote(url[len(prefix) :])
    if not name or ".." in PurePosixPath(name).parts or name.startswith("/"):
        return None
    return name


@dataclass(frozen=True, slots=True)
class RedFlagAnswer:
    question: str
    answer: str  # "Yes", "No" or "Not asked"


def red_flag_answers(progress: RunnerProgress) -> tuple[RedFlagAnswer, ...]:
    """Each red-flag question of the knee check with the runner's answer."""
    answers = (progress.assessment.red_flags or {}) if progress.assessment else {}
    return tuple(
        RedFlagAnswer(
            flag.question or flag.id,
            "Not asked" if flag.id not in answers else ("Yes" if answers[flag.id] else "No"),
        )
        for flag in RED_FLAG_QUESTIONS
    )


def report_context(progress: RunnerProgress, *, generated_on: date) -> dict[str, Any]:
    """What ``progress/report.html`` shows."""
    load_weeks = progress.load.recent_weeks[-LOAD_WEEKS:] if progress.load else ()
    return {
        "progress": progress,
        "charts": progress_charts(progress, load_weeks=LOAD_WEEKS),
        "sources": progress_sources(),
        "red_flag_answers": red_flag_answers(progress),
        "kujala_rows": progress.kujala[-KUJALA_ROWS:],
        "pain_rows": progress.pain[-PAIN_ROWS:],
        "load_weeks": load_weeks,
        "generated_on": generated_on,
    }


def report_filename(generated_on: date) -> str:
    """The PDF's file name: ``hipfirst-report-2025-03-14.pdf``."""
    return f"hipfirst-report-{generated_on:%Y-%m-%d}.pdf"


@dataclass(frozen=True, slots=True)
class PhysioReport:
    """The drawn report: the PDF, how many pages it has and its file name."""

    pdf: bytes
    page_count: int
    filename: str


def physio_report(
    runner: User,
    *,
    viewer: User | Any,  # Any: AnonymousUser too
    now: datetime,
) -> PhysioReport:
    """The runner's report for their physiotherapist, as ``viewer`` may see it, as a PDF.

    Raises
    ------
    ReportNotRendered
        If the HTML asked for anything but our static files (a bug in a template).
    """
    progress = runner_progress(runner, viewer=viewer, now=now)
    html = render_to_string(
        "progress/report.html", report_context(progress, generated_on=progress.today)
    )
    try:
        document = HTML(
            string=html, base_url=REPORT_BASE_URL, url_fetcher=StaticFilesFetcher()
        ).render()
    except FatalURLFetchingError as exc:  # a BaseException: never let it reach the server
        raise ReportNotRendered(
            "The report could not be drawn: it asked for a file that is not ours."
        ) from exc
    return PhysioReport(document.write_pdf(), len(document.pages), report_filename(progress.today))
