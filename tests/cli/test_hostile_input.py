"""Hostile files on the command line: exit status 2 and one plain line (issue 12).

The files of ``tests/importers/hostile.py`` go through ``hipfirst import`` and ``hipfirst
load``, an oversized file is refused unread, a script named .mp4 through ``hipfirst
movement``, and answers files that are not JSON objects through ``assess``, ``plan`` and
``shoes``: each ends with exit status 2 and one ``hipfirst: ...`` line on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hipfirst.cli import main
from hipfirst.importers import Limits
from tests.cli.terminal import one_line, run_cli
from tests.data import REPO_ROOT
from tests.importers.hostile import SCRIPT, HostileFile, hostile_files
from tests.strategies import hostile_json, spoilt

CLEAN = json.loads((REPO_ROOT / "examples" / "answers-clean.json").read_text())
ANSWERS_COMMANDS = (["assess"], ["plan", "--start", "2026-03-02"], ["shoes"])


@pytest.mark.parametrize("hostile", hostile_files(), ids=lambda h: h.id)
def test_import_skips_a_hostile_file_and_exits_2_withone_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: HostileFile
) -> None:
    """The reason is printed with the file; stderr holds one line; the status is 2."""
    path = tmp_path / hostile.name
    path.write_bytes(hostile.data)

    status = main(["import", str(path), "--workers", "1"])

    out, err = capsys.readouterr()
    assert status == 2
    assert hostile.reason in out
    assert one_line(err) == "hipfirst: nothing could be read from the paths given"


@pytest.mark.parametrize("hostile", hostile_files(), ids=lambda h: h.id)
def test_load_refuses_a_hostile_file_inone_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: HostileFile
) -> None:
    """``hipfirst load`` says in its one line why nothing could be read."""
    path = tmp_path / hostile.name
    path.write_bytes(hostile.data)

    status = main(["load", str(path), "--workers", "1", "--today", "2026-03-02"])

    assert status == 2
    assert hostile.reason in one_line(capsys.readouterr().err)


def test_an_oversized_file_is_refused_without_being_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file past the size limit is skipped from its size alone (it used to be read whole)."""
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as file:
        file.truncate(Limits().max_file_bytes + 1)  # sparse: no disk or memory spent

    status = main(["import", str(huge), "--workers", "1"])

    out, err = capsys.readouterr()
    assert status == 2
    assert f"larger than {Limits().max_file_bytes >> 20} MB" in out
    assert one_line(err)


def test_a_script_named_like_a_video_exits_2_withone_line(
    capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``hipfirst movement`` judges the content, not the name, before loading the model."""
    fake = tmp_path / "squat.mp4"
    fake.write_bytes(SCRIPT)

    status = main(["movement", str(fake)])

    out, err = capfd.readouterr()
    assert status == 2
    assert out == ""
    assert one_line(err).startswith("hipfirst: This is not a video we can read")


_answers_files = st.one_of(
    spoilt(CLEAN).map(lambda document: json.dumps(document).encode()),
    hostile_json.map(lambda document: json.dumps(document).encode()),
    st.binary(max_size=200),
)


@pytest.mark.parametrize("command", ANSWERS_COMMANDS, ids=lambda c: c[0])
def test_any_answers_file_gives_a_result_orone_line(tmp_path: Path, command: list[str]) -> None:
    """Spoilt answers, any JSON, random bytes: exit 0, or 2 with one plain line."""
    answers = tmp_path / "answers.json"

    @settings(max_examples=40, deadline=None)
    @given(data=_answers_files)
    @example(data=b'{"budget": ' + b"9" * 5000 + b"}")  # past int()'s limit: a traceback
    @example(data=b"[" * 100_000)  # json's recursion: a traceback
    @example(data=json.dumps(CLEAN).replace('"weekly_km": 42', '"weekly_km": NaN').encode())
    def run_once(data: bytes) -> None:
        answers.write_bytes(data)

        status, out, err = run_cli([*command, str(answers), "--json"])

        if status == 0:
            json.loads(out)
        else:
            assert status == 2
            one_line(err)

    run_once()
