"""``manage.py build_learn_audio``: read each learn page aloud into a static audio file.

Run by ``make run`` before serving and by ``make test``. Without espeak-ng it says so and
exits 0, as the pages work without recordings (the browser's voice remains); with
``--require`` that is an error, for the test run that checks the recordings play.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hipfirst.core.errors import HipfirstError
from hipfirst.web.learn.audio import build_learn_audio, default_audio_dir


class Command(BaseCommand):
    help = "Render the learn pages to WAV (and Ogg) files with espeak-ng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", type=Path, help="folder for the files (default: the static build folder)"
        )
        parser.add_argument("--require", action="store_true", help="fail when espeak-ng is missing")

    def handle(self, *args: Any, **options: Any) -> None:  # Any: Django's command API
        out: Path = options["out"] or default_audio_dir()
        try:
            built = build_learn_audio(out)
        except HipfirstError as exc:
            if options["require"] or "not installed" not in exc.message:
                raise CommandError(exc.message) from exc
            self.stderr.write(f"build_learn_audio: {exc.message}")
            return
        new = [item.slug for item in built if item.is_new]
        kinds = sorted({path.suffix.lstrip(".").upper() for item in built for path in item.files})
        self.stdout.write(
            f"Learn audio ({', '.join(kinds)}) in {out}: "
            + (f"rendered {', '.join(new)}" if new else "all up to date")
        )
