"""Which rows belong to a runner, in every installed app, found from the account alone.

A row belongs to the runner when it would go with their account: it reaches the
account through foreign keys that cascade (``on_delete=CASCADE``), like an activity
(``runner``), its series (``activity``) or a session log (``plan``). Following the
relations rather than listing models means an app added later (movement checks,
sharing, ...) is exported and deleted without a change here. Rows that only point at
the runner with ``SET_NULL`` (an invitation another runner sent and this one used)
are not theirs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from hipfirst.web.accounts.models import User

#: How many cascading steps from the account are followed; ours are at most three deep
#: (account ▶ plan ▶ session ▶ exercise), this leaves room and stops a cycle.
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class OwnedTable:
    """One model's rows that belong to the runner, as a filter on that model."""

    model: type[models.Model]
    rows: Q

    @property
    def label(self) -> str:
        """``app_label.model_name``, e.g. ``training.activity``."""
        return self.model._meta.label_lower

    def queryset(self) -> models.QuerySet[Any]:  # Any: one of many models
        """The rows, oldest key first, read with the model's plain manager."""
        return self.model._base_manager.filter(self.rows).order_by("pk")


def owned_tables(runner: User) -> list[OwnedTable]:
    """Every model with rows that belong to ``runner``, the account first.

    A model reached along several paths (a session note of both the runner and a
    clinician) has one ``OwnedTable`` whose filter joins the paths with OR.
    """
    found: dict[type[models.Model], Q] = {User: Q(pk=runner.pk)}
    for model, rows in _reach(User, Q(pk=runner.pk), depth=0, path=(User,)):
        found[model] = found[model] | rows if model in found else rows
    return [OwnedTable(model, rows) for model, rows in found.items()]


def _reach(
    parent: type[models.Model], parent_rows: Q, *, depth: int, path: tuple[type[models.Model], ...]
) -> Iterator[tuple[type[models.Model], Q]]:
    if depth >= MAX_DEPTH:
        return
    parent_keys = parent._base_manager.filter(parent_rows).values("pk")
    for relation in _cascading_relations(parent):
        child: type[models.Model] = relation.related_model
        if child in path:  # a cycle (a row owning rows of its own kind): followed once
            continue
        rows = Q(**{f"{relation.field.name}__in": parent_keys})
        yield child, rows
        yield from _reach(child, rows, depth=depth + 1, path=(*path, child))


def _cascading_relations(model: type[models.Model]) -> list[Any]:  # Any: Django's ForeignObjectRel
    """Relations from other models to ``model`` whose rows go when a ``model`` row goes.

    The same relations Django's deletion collector follows, hidden ones (a many-to-many
    table) included, keeping those that cascade.
    """
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_one or field.one_to_many)
        and getattr(field, "on_delete", None) is models.CASCADE
    ]
