"""Queue again the imports whose worker died; ``hipfirst serve`` runs it before starting."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hipfirst.web.training import services


class Command(BaseCommand):
    help = "Queue again the training imports whose worker has been silent for a while."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--silent-for",
            type=float,
            default=120.0,
            help="seconds without a sign of life before a running import counts as stalled",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.requeue_stalled_imports(
            silent_for=timedelta(seconds=options["silent_for"])
        )
        if count:
            self.stdout.write(f"Queued {count} stalled import{'s' if count != 1 else ''} again.")
