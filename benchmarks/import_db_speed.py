"""How fast 1,000 imported activities, series included, are written to SQLite.

Prints one JSON object. Run from the repository root:

    .venv/bin/python benchmarks/import_db_speed.py

``import_speed.py`` times decoding; this times the other half of issue 5's target, the
database writes, separately. The shared files hold about 130 distinct activities, so
1,000 distinct ones are made by shifting copies of the decoded runs a day apart (each
keeps its full per-record series). They are stored through the web app's own service
(``store_report``: per-runner dedupe look-up, the activity row, the series blob) into a
fresh SQLite database in WAL mode, as ``make run`` uses. For scale, the same rows are
also inserted with ``bulk_create`` and no dedupe, the floor for this schema.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("HIPFIRST_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
ACTIVITIES = 1000
TARGET_S = 20.0  # issue 5: the 1,000-activity archive into SQLite, series included


def _distinct_activities(count: int) -> list[Any]:
    from hipfirst.importers import import_many

    report = import_many([SHARED_DATA / kind for kind in ("fit", "gpx", "tcx")])
    base = list(report.activities)
    return [
        replace(
            base[i % len(base)],
            start=base[i % len(base)].start + timedelta(days=i // len(base) * 400),
        )
        for i in range(count)
    ]


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(
            HIPFIRST_ENV="dev",
            HIPFIRST_VAR_DIR=folder,
            DJANGO_SETTINGS_MODULE="hipfirst.web.settings",
        )
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from hipfirst.importers import ImportReport, series_to_bytes
        from hipfirst.web.accounts.models import User
        from hipfirst.web.training import services
        from hipfirst.web.training.models import Activity, ActivitySeries, ImportBatch

        call_command("migrate", verbosity=0)
        activities = _distinct_activities(ACTIVITIES)
        records = sum(len(a.series) for a in activities)
        runner = User.objects.create_user("bench@example.org", "not-a-real-password-1")
        batch = ImportBatch.objects.create(runner=runner)

        started = time.perf_counter()
        result = services.store_report(batch, ImportReport(tuple(activities), (), ()))
        service_s = time.perf_counter() - started

        other = User.objects.create_user("floor@example.org", "not-a-real-password-2")
        started = time.perf_counter()
        rows = Activity.objects.bulk_create(
            Activity(
                runner=other,
                file_name=a.file_name,
                file_sha256=a.file_sha256,
                sport=a.sport.value,
                is_running=a.is_running,
                start=a.start,
                elapsed_s=a.elapsed_s,
                dedupe_bucket=a.dedupe_key.bucket,
            )
            for a in activities
        )
        ActivitySeries.objects.bulk_create(
            ActivitySeries(activity=row, blob=series_to_bytes(a.series))
            for row, a in zip(rows, activities, strict=True)
        )
        floor_s = time.perf_counter() - started
        database_mb = sum(p.stat().st_size for p in Path(folder).glob("hipfirst.sqlite3*")) / 1e6
        return {
            "activities": ACTIVITIES,
            "records": records,
            "stored": len(result["imported"]),
            "duplicates_found": len(result["duplicates"]),
            "service_store_s": round(service_s, 3),
            "service_activities_per_s": round(ACTIVITIES / service_s, 1),
            "bulk_create_floor_s": round(floor_s, 3),
            "service_vs_floor": round(service_s / floor_s, 2),
            "database_mb": round(database_mb, 1),
            "target_s": TARGET_S,
            # Decoding the 1,000-activity export is timed by import_speed.py; the two
            # together are the whole import.
        }


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT / "src"))
    print(json.dumps(main(), indent=2))
