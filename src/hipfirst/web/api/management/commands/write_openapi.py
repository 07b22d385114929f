"""``manage.py write_openapi``: write the API's OpenAPI schema to ``api/openapi.json``.

The file is checked in, so a change to the API shows in review; a test fails when the
served schema and the file differ. ``--check`` only compares, exiting 1 on a difference.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hipfirst.web.api.api import api

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "openapi.json"


def schema_text() -> str:
    """The schema as served, as the checked-in file holds it: indented, one final newline."""
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the API's OpenAPI schema to src/hipfirst/web/api/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="only compare; exit 1 if the file is stale"
        )

    def handle(self, *args: Any, **options: Any) -> None:  # Any: Django's signature
        text = schema_text()
        if options["check"]:
            if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text("utf-8") != text:
                raise CommandError(f"{SCHEMA_FILE} is stale: run 'manage.py write_openapi'.")
            self.stdout.write("The checked-in OpenAPI schema is up to date.")
            return
        SCHEMA_FILE.write_text(text, "utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}.")
