"""Everything a runner has given hipfirst, as one zip of JSON and CSV files.

``hipfirst-data.json`` holds every row of every table that belongs to the runner
(``belongings.owned_tables``); ``tables/<app>.<model>.csv`` the same rows as CSV; each
run's per-record series, which the database keeps compressed, is decoded to
``series/activity-<id>.csv``; uploaded files still stored are under ``files/``. Secrets
are left out (the password hash, a private calendar address, an invitation's token
hash): they would let whoever reads the zip act as the runner.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import Series, series_from_bytes
from hipfirst.web.accounts.models import User
from hipfirst.web.progress.belongings import OwnedTable, owned_tables
from hipfirst.web.training.models import ActivitySeries

#: Field names never exported: each is a credential, or the hash of one.
SECRET_FIELDS = frozenset({"password", "token", "token_sha256"})
README = """\
Everything you have given hipfirst, exported on {exported_at}.

hipfirst-data.json   every row that belongs to your account, table by table
tables/*.csv         the same rows, one CSV file a table
series/*.csv         the record-by-record data of each imported activity
                     (elapsed_s, distance_m, speed_mps, heart_rate_bpm, cadence_spm,
                     latitude_deg, longitude_deg, altitude_m; empty where not recorded)
files/               files you uploaded that we still keep (imports are deleted once read)

Left out on purpose: your password's hash, the private address of your calendar feed
and the codes of invitations, which could be used to act as you.
"""


def export_filename(exported_at: datetime) -> str:
    """The zip's file name: ``hipfirst-data-2025-03-14.zip``."""
    return f"hipfirst-data-{exported_at:%Y-%m-%d}.zip"


def export_zip(runner: User, *, exported_at: datetime) -> IO[bytes]:
    """Write the runner's zip to a temporary file and return it, rewound.

    A temporary file, not memory: a long history of runs with their series is large.
    The caller closes it (a ``FileResponse`` does).
    """
    target = tempfile.TemporaryFile()  # noqa: SIM115  # returned open, closed by the caller
    tables = owned_tables(runner)
    document: dict[str, Any] = {  # Any: JSON values
        "exported_at": exported_at.isoformat(),
        "account": runner.email,
        "tables": {},
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(exported_at=exported_at.isoformat()))
        for table in tables:
            rows = list(_rows(table, archive))
            document["tables"][table.label] = rows
            if rows:
                archive.writestr(f"tables/{table.label}.csv", _csv(table, rows))
        archive.writestr(
            "hipfirst-data.json",
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        )
    target.seek(0)
    return target


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:  # Any: any field
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in SECRET_FIELDS and field.attname not in SECRET_FIELDS
    ]


def _rows(table: OwnedTable, archive: zipfile.ZipFile) -> Iterator[dict[str, Any]]:
    """Each row as a JSON-ready dict; series and files go into the archive on the way."""
    fields = _fields(table.model)
    for row in table.queryset().iterator(chunk_size=200):
        values: dict[str, Any] = {}  # Any: JSON values
        for field in fields:
            value = field.value_from_object(row)
            if isinstance(row, ActivitySeries) and field.name == "blob":
                value = _series(row, bytes(value), archive)
            elif isinstance(field, models.FileField):
                value = _file(field, value, archive)
            elif isinstance(value, bytes | memoryview):
                value = base64.b64encode(bytes(value)).decode("ascii")
            values[field.attname] = value
        yield values


def _series(row: ActivitySeries, blob: bytes, archive: zipfile.ZipFile) -> str:
    """Decode a run's series into ``series/``; its name there, or the raw blob in base64
    if it cannot be decoded (the runner still gets what we hold)."""
    try:
        series = series_from_bytes(blob)
    except UnreadableFile:
        return base64.b64encode(blob).decode("ascii")
    name = f"series/activity-{row.activity_id}.csv"
    archive.writestr(name, _series_csv(series))
    return name


def _file(
    field: models.FileField, value: Any, archive: zipfile.ZipFile
) -> str | None:  # Any: a FieldFile
    """Copy a stored upload into ``files/``; its name in the zip, or None if it has gone."""
    name = getattr(value, "name", None) or None
    if name is None or not field.storage.exists(name):
        return None
    with field.storage.open(name, "rb") as stored:
        archive.writestr(f"files/{name}", stored.read())
    return f"files/{name}"


def _csv(table: OwnedTable, rows: list[dict[str, Any]]) -> str:
    """The rows as CSV; JSON columns (lists, objects) are written as JSON text."""
    out = io.StringIO()
    columns = [field.attname for field in _fields(table.model)]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: Any) -> str:  # Any: a JSON value
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _series_csv(series: Series) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(Series.COLUMNS)
    columns = [getattr(series, name).tolist() for name in Series.COLUMNS]
    for record in zip(*columns, strict=True):
        writer.writerow(["" if not math.isfinite(v) else f"{v:.10g}" for v in record])
    return out.getvalue()
