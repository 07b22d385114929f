"""``hipfirst report --user EMAIL -o report.pdf``: the report for a runner's physio, as a PDF.

The same PDF as the progress page's "Download the report for your physio" button, read
from the database the web app is configured with (``DATABASE_URL``, else the SQLite file
under ``HIPFIRST_VAR_DIR``, by default ./var). ``--today`` draws it as on that day.
``--json`` prints one object: ``{"path", "pages", "bytes", "user"}``. Exits 2 with one
line when there is no such account or the database cannot be read.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime, time
from pathlib import Path
from typing import Any

import django
from django.db import DatabaseError
from django.utils import timezone

from hipfirst.cli.arguments import iso_date
from hipfirst.cli.output import print_json
from hipfirst.core.errors import HipfirstError, InvalidAnswer

SETTINGS = "hipfirst.web.settings"


def register(subparsers: Any) -> None:  # Any: argparse's _SubParsersAction is private
    parser = subparsers.add_parser(
        "report",
        help="write the report for a runner's physio (PDF) from the web app's database",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--user", required=True, metavar="EMAIL", help="the runner's email")
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="where to write the PDF"
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="draw the report as on this day (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Find the runner, draw their report and write it to ``--output``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()
    # Imported here, not at the top: models can only be imported once Django is set up,
    # and every other command builds this parser without Django.
    from hipfirst.web.accounts.models import User  # noqa: PLC0415
    from hipfirst.web.progress.report import physio_report  # noqa: PLC0415

    try:
        runner = User.objects.get(email__iexact=args.user.strip())
    except User.DoesNotExist:
        raise InvalidAnswer(
            f"There is no account with the email address {args.user}.", field="--user"
        ) from None
    except DatabaseError as exc:
        raise HipfirstError(
            "Could not read hipfirst's database. Start the app once with 'hipfirst serve' "
            "(it sets the database up), or point DATABASE_URL or HIPFIRST_VAR_DIR at it."
        ) from exc
    now = timezone.now()
    if args.today is not None:
        now = datetime.combine(args.today, time(12), tzinfo=timezone.get_current_timezone())
    drawn = physio_report(runner, viewer=runner, now=now)
    try:
        args.output.write_bytes(drawn.pdf)
    except OSError as exc:
        raise HipfirstError(f"Could not write {args.output}: {exc.strerror}.") from exc
    if args.json:
        print_json(
            {
                "path": str(args.output),
                "pages": drawn.page_count,
                "bytes": len(drawn.pdf),
                "user": runner.email,
            }
        )
    else:
        print(f"Wrote {args.output}: {drawn.page_count} pages for {runner.email}.")
    return 0
