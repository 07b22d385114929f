"""Background tasks of the movement app: they take ids and call services."""

from __future__ import annotations

from django_tasks import task

from hipfirst.web.movement import services


@task()
def analyse_check(check_id: int) -> None:
    """Analyse one uploaded video (see ``services.run_check``)."""
    services.run_check(check_id)
