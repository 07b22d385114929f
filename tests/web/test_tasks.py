"""Background tasks run through the real database worker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from hipfirst.web.tasks import count_steps


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_task() -> None:
    """A task enqueued by the web app is run by `db_worker` and its result is stored."""
    queued = count_steps.enqueue(cadence_spm=170, minutes=30)

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    queued.refresh()

    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == 5100
