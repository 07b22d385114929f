"""Background tasks of the training app: they take ids and call services."""

from __future__ import annotations

from django_tasks import task

from hipfirst.web.training import services


@task()
def import_batch(batch_id: int) -> None:
    """Import one uploaded batch (see ``services.run_import``)."""
    services.run_import(batch_id)
