"""Background tasks shared by the whole site.

Heavy work (imports, video analysis) runs off the request through the Django tasks API;
``hipfirst serve`` starts the database-backed worker beside the web server.
"""

from __future__ import annotations

from django_tasks import task


@task()
def count_steps(cadence_spm: int, minutes: int) -> int:
    """Steps taken in ``minutes`` at ``cadence_spm``: the worker's smoke test."""
    return cadence_spm * minutes
