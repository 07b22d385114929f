"""Hostile files and structured-but-wrong archives: refused with a reason, never a crash.

``test_damaged_input.py`` fuzzes damaged real files and random bytes; these tests fuzz
what random bytes almost never hit: document type declarations hidden anywhere in GPX
and TCX, Strava exports with any ``activities.csv``, zip member names, and stored series.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hipfirst.core.errors import UnreadableFile
from hipfirst.importers import (
    Member,
    Skipped,
    expand,
    import_blobs,
    read_gpx,
    read_tcx,
    series_from_bytes,
)
from tests.importers.hostile import (
    RUN_FIT,
    XXE,
    HostileFile,
    gpx,
    hostile_files,
    laughs,
    overlapping_zip_bomb,
    tcx,
    zipped,
)
from tests.strategies import hostile_texts

EXAMPLES = settings(max_examples=60, deadline=None)
STRAVA_HEADER = "Activity ID,Activity Name,Activity Type,Filename\n"


@pytest.mark.parametrize("hostile", hostile_files(), ids=lambda h: h.id)
def test_each_hostile_file_is_skipped_with_its_reason(hostile: HostileFile) -> None:
    """A bomb, an entity trick, a traversal or a script gives no activity, only a reason."""
    report = import_blobs([(hostile.name, hostile.data)])

    assert report.activities == ()
    assert any(hostile.reason in skipped.reason for skipped in report.skipped)


def test_overlapping_entries_expand_no_further_than_the_zip_allows() -> None:
    """Entries sharing one kernel stop once the zip has expanded 100 times its size."""
    bomb = overlapping_zip_bomb(entries=10)

    found = list(expand("overlap.zip", bomb))

    members = [item for item in found if isinstance(item, Member)]
    assert sum(len(m.data) for m in members) <= 100 * len(bomb)
    assert "zip bomb" in found[-1].reason  # type: ignore[union-attr]  # the last is Skipped


@pytest.mark.parametrize("reader", [read_gpx, read_tcx], ids=["gpx", "tcx"])
def test_a_declaration_after_a_comment_holding_a_tag_is_still_refused(reader) -> None:
    """A comment with ``<a>`` before the DOCTYPE no longer hides its entities."""
    build = gpx if reader is read_gpx else tcx
    data = build("&lol4;", doctype=laughs(4), prefix="<!-- <a> -->")

    with pytest.raises(UnreadableFile, match="entities"):
        reader(data, filename="hidden")


# --- Document type declarations, anywhere.
_markup_before_root = st.sampled_from(
    ["", "<!-- <a> -->", "<?pi <gpx?>", "<!-- -->\n", "\ufeff", "<!--<!DOCTYPE-->"]
)
_doctypes = st.sampled_from(
    [
        laughs(3),
        XXE,
        '<!DOCTYPE gpx [<!ENTITY e "EXPANDED">]>',
        '<!DOCTYPE gpx [<!ENTITY % p "EXPANDED"> %p;]>',
        '<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/x.dtd">',
        '<!doctype gpx [<!ENTITY e "EXPANDED">]>',
        '<!ENTITY e "EXPANDED">',
    ]
)
_references = st.sampled_from(["&e;", "&lol3;", "&xxe;", "&amp;", "Easy run", "&#65;"])


@EXAMPLES
@given(prefix=_markup_before_root, doctype=_doctypes, name=_references, tcx_form=st.booleans())
@example(
    prefix="<!-- <a> -->",
    doctype='<!DOCTYPE gpx [<!ENTITY e "EXPANDED">]>',
    name="&e;",
    tcx_form=False,
)
def test_no_entity_declared_in_a_training_file_ever_expands(
    prefix: str, doctype: str, name: str, tcx_form: bool
) -> None:
    """Whatever the prolog hides, declared entities are refused or fail, never expanded."""
    reader, build = (read_tcx, tcx) if tcx_form else (read_gpx, gpx)
    data = build(name, doctype=doctype, prefix=prefix)
    names: list[str] = []
    refusal: UnreadableFile | None = None
    try:
        names = [a.name or "" for a in reader(data, filename="prolog")]
    except UnreadableFile as exc:
        refusal = exc

    assert refusal is None or refusal.field == "prolog"
    assert not any("EXPANDED" in name or "lol" in name for name in names)


# --- Strava exports with any activities.csv.
_csv_fields = st.one_of(
    hostile_texts,
    st.sampled_from(['"', '""', ",", "\r\n", "activities/1.fit", "Run"]),
)
_csv_rows = st.lists(st.lists(_csv_fields, max_size=6).map(",".join), max_size=6)


@EXAMPLES
@given(
    header=st.sampled_from([STRAVA_HEADER, "", "Filename\n", "\ufeff" + STRAVA_HEADER]),
    rows=_csv_rows,
)
@example(header="Filename,Activity Name\n", rows=["activities/1.fit,Run,one too many"])
@example(header="Filename,Activity Name\n", rows=["activities/1.fit," + "x" * 200_000])
@example(header="Filename,Activity Name\n", rows=["activities/1.fit,Ru\x00n"])
def test_any_activities_csv_gives_members_or_reasons(header: str, rows: list[str]) -> None:
    """Extra or missing columns, fields past the csv limit, NUL: never an exception."""
    export = zipped(
        {
            "activities.csv": (header + "\n".join(rows)).encode("utf-8", "surrogatepass"),
            "activities/1.fit": RUN_FIT.read_bytes(),
        }
    )

    found = list(expand("export.zip", export))

    assert any(isinstance(item, Member) for item in found)
    titles = [item.title for item in found if isinstance(item, Member) and item.title]
    assert all(title.isprintable() for title in titles)


# --- Zip member names.
_member_names = st.one_of(
    # zipfile cuts a name at NUL, and cannot write one past 64 KiB
    hostile_texts.filter(lambda name: "\x00" not in name and len(name) < 1000),
    st.sampled_from(["../run.fit", "/etc/run.fit", "C:/run.fit", "a/../../run.fit", "..\\run.fit"]),
).map(lambda name: name + ".fit")


@EXAMPLES
@given(names=st.lists(_member_names, min_size=1, max_size=4, unique=True))
def test_no_member_name_leads_outside_the_archive(names: list[str]) -> None:
    """Any member names: members stay inside the archive, the rest are skipped with a reason."""
    data = RUN_FIT.read_bytes()
    archive = zipped(
        {name.encode("utf-8", "surrogatepass").decode("utf-8", "replace"): data for name in names}
    )

    found = list(expand("names.zip", archive))

    for item in found:
        if isinstance(item, Member):
            inner = PurePosixPath(item.name.removeprefix("names.zip/").replace("\\", "/"))
            assert ".." not in inner.parts
            assert not inner.is_absolute()
        else:
            assert isinstance(item, Skipped)
            assert item.reason


# --- Stored series (the one blob per activity in the database).
_headers = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
).map(lambda value: json.dumps(value).encode())
_column_headers = st.fixed_dictionaries(
    {
        "n": st.integers(-5, 10),
        "columns": st.dictionaries(
            st.sampled_from(["elapsed_s", "distance_m", "x"]),
            st.sampled_from(["<f4", "<f8", "O", "M8", "S3", "u1"]),
        ),
    }
).map(lambda value: json.dumps(value).encode())


@EXAMPLES
@given(
    header=st.one_of(_headers, _column_headers, st.binary(max_size=40)), body=st.binary(max_size=64)
)
@example(header=b"[" * 100_000, body=b"")
def test_a_damaged_series_blob_is_unreadable_never_a_crash(header: bytes, body: bytes) -> None:
    """A blob with any header and body is a series or UnreadableFile."""
    blob = b"HFS1" + len(header).to_bytes(4, "little") + header + body
    try:
        series_from_bytes(blob)
    except UnreadableFile as exc:
        refusal: UnreadableFile | None = exc
    else:
        refusal = None

    assert refusal is None or refusal.field == "series"
