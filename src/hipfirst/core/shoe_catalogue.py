"""The shoe catalogue and the advisor's numbers, read from ``data/shoes.toml``.

The catalogue is data, not code: a shoe is added by adding a ``[[shoes]]`` table, and a
table that lacks a field or has one of the wrong kind is refused with the shoe and the
field named. Each shoe carries its support technology, heel-to-toe drop, weight, list
price and the page they were read on. What shoes can and cannot do is in
``../shared/science/shoes.md``; the rules using these numbers are in ``shoes.py``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from hipfirst.core.errors import InvalidAnswer

__all__ = [
    "AdvisorRules",
    "RuleWeights",
    "Shoe",
    "ShoeCatalogue",
    "SupportCategory",
    "parse_shoe_catalogue",
    "read_shoe_catalogue",
]


class SupportCategory(StrEnum):
    """How much a shoe resists the foot rolling in, in the makers' own categories."""

    NEUTRAL = "neutral"
    STABILITY = "stability"
    MOTION_CONTROL = "motion_control"

    @property
    def label(self) -> str:
        """The category in plain words: "motion control"."""
        return self.value.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Shoe:
    """One shoe of the catalogue, as published for the version named."""

    id: str
    name: str
    category: SupportCategory
    support_technology: str  # completes "A stability shoe with ...", the maker's name first
    drop_mm: int  # heel-to-toe drop
    weight_g: int  # the source's men's sample size
    list_price_usd: int
    source: str  # where the figures were read
    status: str  # verified, secondary or unverified (../shared/science status key)
    price_note: str | None = None  # set when the price is less sure than the rest


@dataclass(frozen=True, slots=True)
class AdvisorRules:
    """The thresholds of the advisor's rules; each is a design choice named in the file."""

    count: int
    drop_close_mm: int
    drop_near_mm: int
    low_drop_max_mm: int
    strike_drop_split_mm: int
    light_max_g: int


@dataclass(frozen=True, slots=True)
class RuleWeights:
    """Points each rule adds to (or takes from) a shoe's score."""

    pronation_heavy_motion_control: int
    pronation_heavy_stability: int
    pronation_mild_stability: int
    pronation_mild_motion_control: int
    pronation_none_neutral: int
    pronation_none_motion_control: int
    knee_collapse_with_pronation: int
    cadence_light: int
    strike_drop: int
    drop_close: int
    drop_near: int
    drop_much_lower: int
    drop_much_higher: int


@dataclass(frozen=True, slots=True)
class ShoeCatalogue:
    """The shoes, the rules' thresholds and weights, and the studies the rules cite."""

    version: str
    shoes: tuple[Shoe, ...]
    rules: AdvisorRules
    weights: RuleWeights
    sources: Mapping[str, str]  # key -> full citation


@cache
def read_shoe_catalogue() -> ShoeCatalogue:
    """Read ``data/shoes.toml``, the package's own data, once."""
    text = (files("hipfirst.core") / "data" / "shoes.toml").read_text(encoding="utf-8")
    return parse_shoe_catalogue(tomllib.loads(text))


def parse_shoe_catalogue(toml: Mapping[str, Any]) -> ShoeCatalogue:  # Any: parsed TOML
    """Check a parsed catalogue and build it; a missing or wrong field raises.

    Raises
    ------
    InvalidAnswer
        A table or field is missing or of the wrong kind, or two shoes share an id;
        ``field`` names it, e.g. ``shoes[3].drop_mm``.
    """
    shoes = tuple(_shoe(row, f"shoes[{n}]") for n, row in enumerate(_list(toml, "shoes")))
    ids = [shoe.id for shoe in shoes]
    if duplicated := sorted({shoe_id for shoe_id in ids if ids.count(shoe_id) > 1}):
        raise InvalidAnswer(f"Two shoes share the id {duplicated[0]!r}.", field="shoes")
    rules, weights, sources = (_table(toml, name) for name in ("rules", "weights", "sources"))
    return ShoeCatalogue(
        version=_str(toml, "version", "version"),
        shoes=shoes,
        rules=AdvisorRules(**_ints(rules, "rules", AdvisorRules)),
        weights=RuleWeights(**_ints(weights, "weights", RuleWeights)),
        sources=MappingProxyType({key: _str(sources, key, f"sources.{key}") for key in sources}),
    )


def _shoe(row: Any, where: str) -> Shoe:  # Any: one parsed TOML table
    if not isinstance(row, Mapping):
        raise InvalidAnswer("Each shoe must be a table.", field=where)
    category = _str(row, "category", f"{where}.category")
    if category not in set(SupportCategory):
        choices = ", ".join(SupportCategory)
        raise InvalidAnswer(f"The category must be one of {choices}.", field=f"{where}.category")
    return Shoe(
        id=_str(row, "id", f"{where}.id"),
        name=_str(row, "name", f"{where}.name"),
        category=SupportCategory(category),
        support_technology=_str(row, "support_technology", f"{where}.support_technology"),
        drop_mm=_int(row, "drop_mm", f"{where}.drop_mm", low=0),
        weight_g=_int(row, "weight_g", f"{where}.weight_g", low=1),
        list_price_usd=_int(row, "list_price_usd", f"{where}.list_price_usd", low=1),
        source=_str(row, "source", f"{where}.source"),
        status=_str(row, "status", f"{where}.status"),
        price_note=str(row["price_note"]) if "price_note" in row else None,
    )


def _ints(table: Mapping[str, Any], name: str, kind: type[Any]) -> dict[str, int]:  # Any: TOML
    """Every field of the dataclass ``kind``, read as a whole number from ``table``."""
    return {field.name: _int(table, field.name, f"{name}.{field.name}") for field in fields(kind)}


def _table(toml: Mapping[str, Any], name: str) -> Mapping[str, Any]:  # Any: parsed TOML
    value = toml.get(name)
    if not isinstance(value, Mapping):
        raise InvalidAnswer(f"The catalogue needs a [{name}] table.", field=name)
    return value


def _list(toml: Mapping[str, Any], name: str) -> list[Any]:  # Any: parsed TOML
    value = toml.get(name)
    if not isinstance(value, list) or not value:
        raise InvalidAnswer(f"The catalogue needs at least one [[{name}]] table.", field=name)
    return value


def _str(row: Mapping[str, Any], key: str, where: str) -> str:  # Any: parsed TOML
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidAnswer("This must be some text.", field=where)
    return value


def _int(row: Mapping[str, Any], key: str, where: str, *, low: int | None = None) -> int:  # Any
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswer("This must be a whole number.", field=where)
    if low is not None and value < low:
        raise InvalidAnswer(f"This must be at least {low}.", field=where)
    return value
