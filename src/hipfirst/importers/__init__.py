"""Training files in, plain activity records out: FIT, GPX, TCX, gzip and zip exports.

Pure: bytes in, frozen dataclasses out; nothing here touches Django, the database or the
command line. The readers raise ``UnreadableFile`` (hipfirst.core.errors) with a message
a runner can act on; the batch functions never raise for a bad file but list it.

* ``read_fit``, ``read_gpx``, ``read_tcx``: one file's bytes -> ``tuple[Activity, ...]``
* ``import_paths``, ``import_blobs``, ``import_many`` (all cores) -> ``ImportReport``
* ``series_to_bytes`` / ``series_from_bytes``: one compressed blob per activity
"""

from hipfirst.importers.activity import (
    Activity,
    DedupeKey,
    Series,
    Sport,
    series_from_bytes,
    series_to_bytes,
)
from hipfirst.importers.archive import Limits, Member, Skipped, expand
from hipfirst.importers.batch import (
    Duplicate,
    ImportReport,
    deduplicate,
    import_blobs,
    import_many,
    import_paths,
    read_member,
)
from hipfirst.importers.fit import read_fit
from hipfirst.importers.gpx import read_gpx
from hipfirst.importers.tcx import read_tcx

__all__ = [
    "Activity",
    "DedupeKey",
    "Duplicate",
    "ImportReport",
    "Limits",
    "Member",
    "Series",
    "Skipped",
    "Sport",
    "deduplicate",
    "expand",
    "import_blobs",
    "import_many",
    "import_paths",
    "read_fit",
    "read_gpx",
    "read_member",
    "read_tcx",
    "series_from_bytes",
    "series_to_bytes",
]
