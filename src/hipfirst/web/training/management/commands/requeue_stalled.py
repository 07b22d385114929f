"""Queue again the background jobs whose worker died; ``hipfirst serve`` runs it every minute.

It also deletes the uploaded files a killed worker left behind after storing its import.
One command for imports and movement checks alike, so the supervisor starts one
process a round. A database that cannot be reached is one line and exit status 1, not a
traceback every minute: the next round tries again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from hipfirst.web.movement.services import requeue_stalled_checks
from hipfirst.web.training.services import delete_leftover_uploads, requeue_stalled_imports


class Command(BaseCommand):
    help = "Queue again the imports and movement checks whose worker has been silent a while."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--silent-for",
            type=float,
            default=None,
            help="seconds without a sign of life before a running job counts as stalled "
            "(default: HIPFIRST_STALLED_AFTER_S, 120)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seconds = options["silent_for"]
        silent_for = timedelta(seconds=settings.STALLED_AFTER_S if seconds is None else seconds)
        try:
            imports = requeue_stalled_imports(silent_for=silent_for)
            checks = requeue_stalled_checks(silent_for=silent_for)
            swept = delete_leftover_uploads()
        except DatabaseError as exc:
            raise CommandError(f"Could not reach the database to requeue jobs: {exc}") from exc
        for count, what in ((imports, "import"), (checks, "movement check")):
            if count:
                self.stdout.write(
                    f"Queued {count} stalled {what}{'s' if count != 1 else ''} again."
                )
        if swept:
            self.stdout.write(f"Deleted the uploads left by {swept} finished import(s).")
