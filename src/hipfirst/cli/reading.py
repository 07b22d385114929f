"""Reading training files for a command: on every core, with a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.progress import Progress

from hipfirst.importers import ImportReport, import_many


def read_training_files(paths: Sequence[str], *, workers: int | None = None) -> ImportReport:
    """Import files, folders and archives; the bar shows on stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        return import_many(paths, workers=workers)
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading files", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return import_many(paths, workers=workers, progress=advance)
