"""Writes of the progress app: deleting a runner's account and everything that is theirs.

The only writer here. The rows go in one transaction (``belongings.owned_tables`` says
which); the uploaded files go through the storage API once it has committed, so a
failed deletion never leaves rows pointing at files that are gone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models, transaction

from hipfirst.web.accounts.models import User
from hipfirst.web.progress.belongings import OwnedTable, owned_tables

logger = logging.getLogger(__name__)

DB_SESSIONS = "django.contrib.sessions.backends.db"


@dataclass(frozen=True, slots=True)
class DeletedAccount:
    """What went: rows of every table, and stored files."""

    rows: int
    files: int


def delete_account(runner: User) -> DeletedAccount:
    """Delete the runner's account, every row that belongs to it and their stored files.

    Django's cascade deletes the rows (``on_delete=CASCADE`` from the account, and
    ``RESTRICT`` between two of the runner's own rows, as a plan's knee check); the
    stored files go once the transaction has committed.
    """
    files = _stored_files(owned_tables(runner))
    with transaction.atomic():
        deleted, _ = User.objects.filter(pk=runner.pk).delete()
        _delete_sessions(runner.pk)
        transaction.on_commit(lambda: _delete_files(files))
    return DeletedAccount(rows=deleted, files=len(files))


def _delete_sessions(runner_id: int) -> None:
    """Log the runner out everywhere: their sessions hold their account's id."""
    if settings.SESSION_ENGINE != DB_SESSIONS:
        return  # cache or cookie sessions expire on their own and hold nothing else
    theirs = [
        session.pk
        for session in Session.objects.iterator(chunk_size=500)
        if session.get_decoded().get(SESSION_KEY) == str(runner_id)
    ]
    Session.objects.filter(pk__in=theirs).delete()


def _stored_files(tables: Sequence[OwnedTable]) -> list[tuple[Storage, str]]:
    """The storage and name of every file a row of the runner's refers to."""
    found: list[tuple[Storage, str]] = []
    for table in tables:
        fields = [f for f in table.model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not fields:
            continue
        for names in table.queryset().values_list(*(f.attname for f in fields)):
            found += [
                (field.storage, name) for field, name in zip(fields, names, strict=True) if name
            ]
    return found


def _delete_files(files: Sequence[tuple[Storage, str]]) -> None:
    """Delete each file through its storage; a local folder left empty goes too."""
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # one stuck file must not keep the others; an operator must see it
            logger.exception("could not delete the stored file %s of a deleted account", name)
            continue
        if isinstance(storage, FileSystemStorage):
            _remove_empty_folders(Path(storage.location), Path(storage.path(name)).parent)


def _remove_empty_folders(root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty.

    The storage API has no folders; on local storage the runner's id would stay in the
    empty folders' names (``imports/<id>/``).
    """
    root, folder = root.resolve(), folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty: another file still lives there
            return
        folder = folder.parent
