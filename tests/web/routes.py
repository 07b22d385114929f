"""Every URL pattern of the site, walked once for the tests that must cover them all."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.urls import URLPattern, URLResolver, get_resolver


class Converter(Protocol):
    """What a URL converter is to Django: a pattern, and a way into Python."""

    regex: str

    def to_python(self, value: str) -> object: ...


@dataclass(frozen=True)
class Route:
    """One URL pattern with all that leads to it."""

    name: str  # with its namespaces ("programme:plan"); an unnamed one: its own pattern
    is_named: bool
    route: str  # the whole pattern, e.g. "programme/plans/<int:pk>/"
    view: Callable[..., Any]  # Any: a view's arguments and answer
    converters: Mapping[str, Converter] = field(compare=False)  # by parameter name


def routes(
    patterns: Sequence[URLPattern | URLResolver] | None = None,
    *,
    route: str = "",
    namespace: str = "",
    converters: Mapping[str, Converter] | None = None,
) -> Iterator[Route]:
    """Every URL pattern under ``patterns`` (default: the whole site), in resolver order."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        whole = route + str(pattern.pattern)
        known = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, route=whole, namespace=inner, converters=known)
            continue
        name = f"{namespace}{pattern.name or pattern.pattern}"
        yield Route(name, pattern.name is not None, whole, pattern.callback, known)
