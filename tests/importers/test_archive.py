"""Archives built here from the shared files: Strava and Garmin exports, gzip, and attacks."""

from __future__ import annotations

import gzip

import pytest

from hipfirst.importers import Limits, Member, Skipped, Sport, expand, import_blobs
from tests.data import SHARED_DATA
from tests.importers.hostile import zipped

RUN_FIT = SHARED_DATA / "fit" / "runalyze-Fenix-2-pauses.fit"
RIDE_FIT = SHARED_DATA / "fit" / "fitdecode-garmin-fenix-5-bike.fit"
RUN_GPX = SHARED_DATA / "gpx" / "ggps-dav_track_5k.gpx"
RUN_TCX = SHARED_DATA / "tcx" / "runalyze-Standard.tcx"

STRAVA_CSV = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
    '1,"Oct 2, 2014, 2:46:48 PM",Intervals by the lake,Run,3046,10.5,activities/1.fit.gz\n'
    '2,"Oct 1, 2015, 11:31:59 AM",Easy 5k,Run,1616,5.2,activities/2.gpx.gz\n'
    '3,"Jul 10, 2011, 9:47:00 AM",Long run,Run,6699,22.2,activities/3.tcx.gz\n'
    '4,"Jun 12, 2017, 4:09:22 PM",Commute,Ride,60,0.4,activities/4.fit\n'
    '5,"Jan 1, 2020, 8:00:00 AM",Lost run,Run,60,0.1,activities/5.fit.gz\n'
    '6,"Jan 2, 2020, 8:00:00 AM",Manual entry,Run,600,2.0,\n'
)


def _members(found: list[Member | Skipped]) -> list[Member]:
    return [item for item in found if isinstance(item, Member)]


def _skipped(found: list[Member | Skipped]) -> list[Skipped]:
    return [item for item in found if isinstance(item, Skipped)]


def _strava_export() -> bytes:
    return zipped(
        {
            "activities.csv": STRAVA_CSV.encode(),
            "activities/1.fit.gz": gzip.compress(RUN_FIT.read_bytes()),
            "activities/2.gpx.gz": gzip.compress(RUN_GPX.read_bytes()),
            "activities/3.tcx.gz": gzip.compress(RUN_TCX.read_bytes()),
            "activities/4.fit": RIDE_FIT.read_bytes(),
            "profile.csv": b"Email,Name\n",
            "media/photo.jpg": b"\xff\xd8\xff",
        }
    )


def test_a_strava_export_gives_names_and_sports_from_its_csv() -> None:
    """Each activity takes its name and sport from activities.csv."""
    report = import_blobs([("export.zip", _strava_export())])
    by_name = {a.name: a for a in report.activities}

    assert set(by_name) == {"Intervals by the lake", "Easy 5k", "Long run", "Commute"}
    assert by_name["Easy 5k"].sport is Sport.RUNNING  # the GPX itself does not say
    assert by_name["Commute"].sport is Sport.CYCLING
    assert by_name["Easy 5k"].file_name == "export.zip/activities/2.gpx"


def test_a_file_the_csv_lists_but_the_zip_lacks_is_reported() -> None:
    """A missing activity file is skipped with the reason; manual entries are not files."""
    report = import_blobs([("export.zip", _strava_export())])

    assert [(s.file, s.reason) for s in report.skipped] == [
        ("export.zip/activities/5.fit", "activities.csv lists it, but it is not in the zip.")
    ]


def test_a_garmin_export_holds_fit_files_in_nested_zips() -> None:
    """Garmin Connect's account export keeps uploads in zips inside the zip."""
    uploads = zipped({"run.fit": RUN_FIT.read_bytes(), "ride.fit": RIDE_FIT.read_bytes()})
    export = zipped(
        {
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": uploads,
            "DI_CONNECT/DI-Connect-User/user_profile.json": b"{}",
        }
    )

    found = list(expand("garmin.zip", export))

    assert [m.name for m in _members(found)] == [
        "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/run.fit",
        "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/ride.fit",
    ]
    assert _skipped(found) == []


@pytest.mark.parametrize("path", [RUN_FIT, RUN_GPX, RUN_TCX], ids=lambda p: p.suffix)
def test_gzip_forms_read_like_the_files(path) -> None:
    """.fit.gz, .gpx.gz and .tcx.gz give the same activity as the file itself."""
    plain = import_blobs([(path.name, path.read_bytes())]).activities
    zipped = import_blobs([(f"{path.name}.gz", gzip.compress(path.read_bytes()))]).activities

    assert [a.distance_m for a in zipped] == [a.distance_m for a in plain]
    assert [a.file_sha256 for a in zipped] == [a.file_sha256 for a in plain]


def test_a_gzip_cut_short_keeps_what_it_could_decompress() -> None:
    """A truncated .fit.gz still gives the start of the run, marked partial."""
    packed = gzip.compress(RUN_FIT.read_bytes())

    (activity,) = import_blobs([("run.fit.gz", packed[: len(packed) // 2])]).activities

    assert activity.is_partial
    assert any("cut short" in note for note in activity.notes)


def test_a_zip_bomb_is_not_opened() -> None:
    """A member expanding over 100 times (past 1 MiB) is refused as a bomb."""
    bomb = zipped({"activities/huge.fit": b"\0" * (8 << 20)})

    (skipped,) = _skipped(list(expand("bomb.zip", bomb)))

    assert "zip bomb" in skipped.reason


def test_a_gzip_bomb_is_not_opened() -> None:
    """The same check applies to gzip, counted as bytes come out."""
    (skipped,) = _skipped(list(expand("bomb.fit.gz", gzip.compress(b"\0" * (8 << 20)))))

    assert "zip bomb" in skipped.reason


def test_a_member_larger_than_the_file_limit_is_refused() -> None:
    """A single file over the size limit is refused whatever its ratio."""
    archive = zipped({"big.gpx": RUN_TCX.read_bytes()})

    (skipped,) = _skipped(list(expand("a.zip", archive, limits=Limits(max_file_bytes=100_000))))

    assert "too large" in skipped.reason


def test_the_total_size_limit_stops_an_upload_that_expands_too_far() -> None:
    """Once the total is spent, later members are refused, the earlier ones kept."""
    archive = zipped({"a.tcx": RUN_TCX.read_bytes(), "b.tcx": RUN_TCX.read_bytes()})
    limits = Limits(max_total_bytes=int(RUN_TCX.stat().st_size * 1.5))

    found = list(expand("two.zip", archive, limits=limits))

    assert [m.name for m in _members(found)] == ["two.zip/a.tcx"]
    assert "total allowed" in _skipped(found)[0].reason


@pytest.mark.parametrize("name", ["../evil.fit", "/etc/evil.fit", "C:/evil.fit", "a/../../b.fit"])
def test_a_path_leaving_the_archive_is_refused(name: str) -> None:
    """Traversal names are refused (and nothing is ever written to disk anyway)."""
    archive = zipped({name: RUN_FIT.read_bytes()})

    (skipped,) = _skipped(list(expand("evil.zip", archive)))

    assert "outside the archive" in skipped.reason


def test_archives_nested_too_deep_are_not_opened() -> None:
    """Zip in zip in zip in zip: the fourth level is refused."""
    nested = RUN_FIT.read_bytes()
    for level in range(4):
        nested = zipped({f"level{level}.zip" if level else "run.fit": nested})

    found = list(expand("deep.zip", nested))

    assert _members(found) == []
    assert "nested more than 3 deep" in _skipped(found)[0].reason


def test_too_many_members_are_refused() -> None:
    """An archive listing more files than allowed is not opened."""
    archive = zipped({f"{i}.gpx": b"<gpx/>" for i in range(5)})

    (skipped,) = list(expand("many.zip", archive, limits=Limits(max_members=4)))

    assert isinstance(skipped, Skipped)
    assert "more than 4 files" in skipped.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"Activity ID,Filename\n", "not a FIT, GPX or TCX"),
        (b"PK\x03\x04 cut", "zip file is damaged"),
        (b"\x1f\x8b\x08\x00 cut", "damaged or cut short"),
    ],
)
def test_empty_foreign_and_damaged_uploads_are_skipped_with_a_reason(
    data: bytes, reason: str
) -> None:
    """Nothing readable: one Skipped with plain words, never an exception."""
    (skipped,) = list(expand("upload", data))

    assert isinstance(skipped, Skipped)
    assert reason in skipped.reason
