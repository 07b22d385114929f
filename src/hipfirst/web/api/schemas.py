"""Schemas shared by several routers, and the JSON bodies read by hand.

Each router keeps the schemas of its own domain; what more than one shows lives here.
The answers document is not a pydantic model: the core's JSON Schema
(``core/data/answers.schema.json``) is both what the OpenAPI schema documents and what
``parse_answers`` checks, so the two can never disagree.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, QueryEx, Schema
from pydantic import BeforeValidator, ConfigDict

from hipfirst.core.assessment import ANSWERS_SCHEMA
from hipfirst.web.api.errors import InvalidRequest

__all__ = [
    "ISO_DATE",
    "MAX_ID",
    "WHOLE_NUMBER",
    "InSchema",
    "KujalaChangeOut",
    "ObjectId",
    "RunnerId",
    "json_body",
    "json_request_body",
    "text_as",
]

#: The largest id the database holds; a larger number is a 400, never an overflow.
MAX_ID = 2**63 - 1
#: An object's id in the path.
ObjectId = PathEx[int, P(ge=1, le=MAX_ID)]
#: Whose data a read is about: omitted for the caller's own, or an inviting runner's id.
RunnerId = QueryEx[
    int | None,
    P(ge=1, le=MAX_ID, description="Another runner's id (a clinician reading their data)."),
]


def _integral_float_as_int(value: object) -> object:
    """3.0 is a whole number in JSON Schema; give it to strict validation as 3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Put last in ``Annotated[int, Field(...), WHOLE_NUMBER]``: a JSON Schema integer in a
#: strict body is 3 or 3.0, never 3.5, "3" or true. (Last, or pydantic documents the
#: field's bounds as "ge"/"le" instead of "minimum"/"maximum".)
WHOLE_NUMBER = BeforeValidator(_integral_float_as_int)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_from_text(value: object) -> object:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2026-02-30: strict validation then refuses the text
            return value
    return value


#: A date in a strict body: JSON Schema's ``format: date`` text, "YYYY-MM-DD" only.
ISO_DATE = BeforeValidator(_date_from_text)


def text_as(kind: type[StrEnum]) -> BeforeValidator:
    """For a strict body: an enum member from its value's text (anything else is refused)."""

    def convert(value: object) -> object:
        if isinstance(value, str) and value in {member.value for member in kind}:
            return kind(value)
        return value

    return BeforeValidator(convert)


class InSchema(Schema):
    """A request body: strict, so ``false`` is not a 0 and ``"3"`` is not a 3."""

    model_config = ConfigDict(strict=True, extra="forbid")


class KujalaChangeOut(Schema):
    """The change from the first Kujala score to the latest."""

    earlier_total: int
    later_total: int
    difference_points: int
    mcid_points: int
    kind: str
    meaning: str


def _without_meta(schema: dict[str, Any]) -> dict[str, Any]:  # Any: JSON Schema
    """A JSON Schema without the keys that only make sense at a document's top."""
    return {key: value for key, value in schema.items() if key not in {"$schema", "$id"}}


#: The answers document, as the CLI's ``hipfirst assess ANSWERS.json`` reads it.
ANSWERS_DOCUMENT: dict[str, Any] = _without_meta(dict(ANSWERS_SCHEMA))  # Any: JSON Schema
#: A Kujala retake: the ``kujala`` section of an answers document on its own.
KUJALA_RETAKE: dict[str, Any] = {  # Any: JSON Schema
    "title": "A Kujala retake",
    "type": "object",
    "additionalProperties": False,
    "required": ["kujala"],
    "properties": {"kujala": ANSWERS_SCHEMA["properties"]["kujala"]},
}


def json_request_body(schema: dict[str, Any]) -> dict[str, Any]:  # Any: OpenAPI
    """``openapi_extra`` documenting a required JSON body with ``schema``."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def json_body(request: HttpRequest) -> dict[str, Any]:  # Any: decoded JSON
    """The request's JSON object; anything else is a 400 in plain words."""
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        # ValueError: not UTF-8, not JSON, or a number past Python's 4300 digits;
        # RecursionError: brackets nested too deep to decode.
        raise InvalidRequest("The request body must be one JSON object.") from None
    if not isinstance(document, dict):
        raise InvalidRequest("The request body must be one JSON object.")
    return document
