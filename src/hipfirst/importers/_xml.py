"""Defensive XML for GPX and TCX: no entities, no external references, a size cap, and the
readable part of a file that ends early.

Entity attacks (the "billion laughs" expansion bomb, external entities reading local
files or URLs) need entity declarations, and those can only sit in a document type
declaration before the root element. So a document with no ``<!DOCTYPE`` anywhere is
parsed by the standard library's C-accelerated ElementTree (an entity it references is
undeclared and fails the parse), and any other document, or one not in an ASCII-based
encoding, goes through defusedxml, which refuses entity declarations and external
references before expat expands anything. defusedxml's parser is pure Python and about
five times slower, hence the split. A truncated file is parsed a second time by a
builder that keeps every element completed before the break.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import XML, Element, ParseError, TreeBuilder

import numpy as np
import numpy.typing as npt
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from hipfirst.core.errors import UnreadableFile

__all__ = [
    "MAX_XML_BYTES",
    "iso_times",
    "local_name",
    "namespace",
    "number",
    "numbers",
    "parse_xml",
]

FloatArray = npt.NDArray[np.float64]

MAX_XML_BYTES = 256 * 1024 * 1024  # a 24-hour 1 Hz TCX is about 30 MB; this is far past it
_UTC_SUFFIX = re.compile(r"(Z|[+-]00:?00)$")


_LOCAL_NAMES: dict[str, str] = {}  # tag -> local name; few distinct tags, looked up often
_LOCAL_NAMES_KEPT = 4096  # enough for every real format; hostile files cannot grow it more


def local_name(tag: str) -> str:
    """An element's name without its namespace: ``{http://...}trkpt`` -> ``trkpt``."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2]
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_KEPT:
            _LOCAL_NAMES[tag] = name
    return name


def namespace(tag: str) -> str:
    """The ``{uri}`` prefix of a tag ("" without one), to find its siblings by full tag."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def numbers(texts: Sequence[str | None]) -> FloatArray:
    """Finite numbers from element texts, NaN where absent or not a number; one C call."""
    try:
        values = np.array(["nan" if t is None else t for t in texts], dtype=np.float64)
    except ValueError:
        values = np.array([number(t) for t in texts], dtype=np.float64)
    values[~np.isfinite(values)] = np.nan
    return values


def number(text: str | None) -> float:
    """A finite number from element text; NaN when absent or not a number."""
    if text is None:
        return float("nan")
    try:
        value = float(text)
    except ValueError:
        return float("nan")
    return value if np.isfinite(value) else float("nan")


def parse_xml(data: bytes, *, filename: str) -> tuple[Element, str | None]:
    """Parse XML safely; keep what precedes a break in a truncated or damaged file.

    Parameters
    ----------
    data
        The document's bytes.
    filename
        Its name, for messages.

    Returns
    -------
    tuple
        The root element, and plain words on why reading stopped early (or None).

    Raises
    ------
    UnreadableFile
        If the document is too large, declares entities or external references, or
        nothing of it is readable XML.
    """
    if len(data) > MAX_XML_BYTES:
        raise UnreadableFile(
            f"The file is larger than {MAX_XML_BYTES // 2**20} MB, too large to import.",
            field=filename,
        )
    try:
        if _has_no_doctype(data):
            return XML(data), None
        return fromstring(data, forbid_dtd=False), None
    except DefusedXmlException as exc:
        raise UnreadableFile(
            "The file declares XML entities or external references, which are not "
            "allowed in training files.",
            field=filename,
        ) from exc
    except (LookupError, ValueError) as exc:
        # An encoding Python does not know (LookupError) or expat cannot read
        # (ValueError: multi-byte encodings): nothing of the file can be decoded.
        raise UnreadableFile(
            "The file declares a text encoding that cannot be read.", field=filename
        ) from exc
    except ParseError as exc:
        root = _partial_root(data)
        if root is None or len(root) == 0:
            raise UnreadableFile(
                "This is not a readable XML file (it may be damaged or cut short).",
                field=filename,
            ) from exc
        return root, "The file ends part-way through, or is damaged there."


_DECLARATION = re.compile(rb"<!(?i:doctype|entity)")


def _has_no_doctype(data: bytes) -> bool:
    """Whether the document surely holds no ``<!DOCTYPE`` (nor a stray ``<!ENTITY``).

    The whole document is searched, not only what precedes the first ``<name``: a
    comment or processing instruction before the declaration can hold ``<a`` too.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in data[:64]:
        return False  # UTF-16 or UTF-32: bytes cannot be searched; use defusedxml
    return _DECLARATION.search(data) is None


class _KeepingBuilder(TreeBuilder):
    """A tree builder that remembers its root, so a parse error does not lose the tree."""

    def __init__(self) -> None:
        super().__init__()
        self.root: Element | None = None

    def start(self, tag: Any, attrs: Any) -> Element:  # Any: TreeBuilder's stub signature
        element = super().start(tag, attrs)
        if self.root is None:
            self.root = element
        return element


def _partial_root(data: bytes) -> Element | None:
    builder = _KeepingBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    try:
        parser.feed(data)
        parser.close()
    except (ParseError, DefusedXmlException, LookupError, ValueError):
        pass  # expected: the tree so far is what we came for
    return builder.root


def iso_times(texts: Sequence[str | None]) -> tuple[FloatArray, int | None]:
    """Unix seconds from ISO 8601 times; NaN for missing or unreadable ones.

    Parameters
    ----------
    texts
        Time strings as GPX ``<time>`` or TCX ``<Time>`` hold them.

    Returns
    -------
    tuple
        Seconds since the Unix epoch (UTC), and the UTC offset in seconds when the
        times carry one other than ``Z`` (the local offset the file knows), else None.

    Notes
    -----
    GPX and TCX times are UTC [1]_; a time without a zone is read as UTC. All-``Z``
    columns are parsed by NumPy in one call; others one by one.

    References
    ----------
    .. [1] TopoGrafix, GPX 1.1 Schema Documentation, ``<time>``: "Date and time are in
       Universal Coordinated Time (UTC), not local time".
    """
    stripped = [_UTC_SUFFIX.sub("", text.strip()) if text is not None else "NaT" for text in texts]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy warns, then guesses, on zoned strings
            stamps = np.array(stripped, dtype="datetime64[ms]")
        seconds = stamps.astype("int64").astype(np.float64) / 1000.0
        seconds[np.isnat(stamps)] = np.nan
        return seconds, None
    except (ValueError, Warning):
        return _times_one_by_one(texts)


def _times_one_by_one(texts: Sequence[str | None]) -> tuple[FloatArray, int | None]:
    seconds = np.full(len(texts), np.nan)
    offset: int | None = None
    for i, text in enumerate(texts):
        if text is None:
            continue
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            continue
        zone = moment.utcoffset()
        seconds[i] = moment.replace(tzinfo=moment.tzinfo or UTC).timestamp()
        if zone is not None and offset is None and zone.total_seconds() != 0:
            offset = int(zone.total_seconds())
    return seconds, offset
