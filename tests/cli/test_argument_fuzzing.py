"""Every option of every command fuzzed: parsed, or exit 2 with one line (issue 12).

The options are found by walking the parser, so a new option cannot escape: each one
with a type or choices gets hostile values (``--today 2025-02-30``, ``--tz ../../etc``,
``--weeks ٣``, lone surrogates as undecodable argv bytes become, line breaks). Then the
commands whose work is quick run end to end with fuzzed options: exit 0, or 2 with one
plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hipfirst.cli import COMMANDS, build_parser
from tests.cli.terminal import one_line, run_cli
from tests.data import REPO_ROOT
from tests.importers.hostile import gpx
from tests.strategies import hostile_texts

EXAMPLES = settings(max_examples=25, deadline=None)
ANSWERS = str(REPO_ROOT / "examples" / "answers-clean.json")
#: The least each command needs besides the option fuzzed (files need not exist to parse).
BASE = {
    "serve": ["serve"],
    "import": ["import", "run.fit"],
    "load": ["load", "run.fit"],
    "assess": ["assess", ANSWERS],
    "cadence": ["cadence"],
    "metronome": ["metronome", "--spm", "170", "-o", "track.wav"],
    "movement": ["movement", "squat.mp4"],
    "plan": ["plan", ANSWERS, "--start", "2026-03-02"],
    "primer": ["primer"],
    "shoes": ["shoes", ANSWERS],
    "report": ["report", "--user", "runner@example.org", "-o", "report.pdf"],
}
# Argv cannot hold NUL (the operating system ends a string there): only in-process could.
_argv_texts = hostile_texts.map(lambda text: text.replace("\x00", ""))
_option_values = st.one_of(
    _argv_texts,
    st.sampled_from(["2026-03-02", "Europe/Oslo", "UTC", "8", "170", "mon,wed", "band", "0"]),
    st.integers(-(10**30), 10**30).map(str),
)


def _commands() -> dict[str, argparse.ArgumentParser]:
    (subparsers,) = (
        action
        for action in build_parser()._actions  # argparse has no public walk
        if isinstance(action, argparse._SubParsersAction)
    )
    return dict(subparsers.choices)


def _fuzzed_options() -> list[tuple[str, str]]:
    """(command, option) for each option that converts or restricts its value."""
    return [
        (name, action.option_strings[-1])
        for name, parser in _commands().items()
        for action in parser._actions
        if action.option_strings and (action.type is not None or action.choices is not None)
    ]


def test_every_command_has_a_base_to_fuzz_from() -> None:
    """A new command needs its least arguments in BASE, so its options get fuzzed too."""
    assert set(_commands()) == set(BASE)
    assert len(COMMANDS) == len(BASE)


FUZZED_OPTIONS = _fuzzed_options()


@pytest.mark.parametrize(
    ("command", "option"), FUZZED_OPTIONS, ids=[f"{c} {o}" for c, o in FUZZED_OPTIONS]
)
def test_any_option_value_parses_or_exits_2_with_one_line(command: str, option: str) -> None:
    """Parsing alone: a namespace, or argparse's refusal as one ``hipfirst:`` line."""
    parser = build_parser()

    @EXAMPLES
    @given(value=_option_values)
    @example(value="mon\nfoo")  # a line break quoted in the error is escaped
    def parse_once(value: str) -> None:
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                parser.parse_args([*BASE[command], f"{option}={value}"])
        except SystemExit as exit_:
            status = exit_.code
        else:
            status = 0

        assert status in {0, 2}
        if status:
            one_line(err.getvalue())

    parse_once()


@pytest.fixture
def run_file(tmp_path: Path) -> str:
    path = tmp_path / "run.gpx"
    path.write_bytes(gpx())
    return str(path)


def _ends_well(argv: list[str]) -> None:
    status, out, err = run_cli(argv)
    if status == 0:
        if "--json" in argv:
            json.loads(out)
    else:
        assert status == 2, err
        one_line(err)


@pytest.mark.parametrize(
    "options",
    [
        ["load", "--today", "--tz", "--weeks"],
        ["cadence", "--steps-in-30s", "--today"],
        ["plan", "--start", "--days", "--equipment", "--calendar-key"],
        ["metronome", "--spm", "--minutes", "--accent-every", "--sample-rate"],
    ],
    ids=lambda options: options[0],
)
def test_a_quick_command_with_fuzzed_options_exits_0_or_2(
    options: list[str], run_file: str, tmp_path: Path
) -> None:
    """End to end: the answer, or exit 2 with one line, whatever the options say."""
    command, *names = options
    base = {
        "load": ["load", run_file, "--workers", "1", "--json"],
        "cadence": ["cadence", "--json"],
        "plan": ["plan", ANSWERS, "--json"],
        "metronome": ["metronome", "-o", str(tmp_path / "track.wav"), "--json"],
    }[command]
    defaults = {"--start": "2026-03-02", "--spm": "170", "--steps-in-30s": "86"}

    @EXAMPLES
    @given(
        values=st.fixed_dictionaries({name: st.one_of(st.none(), _option_values) for name in names})
    )
    def run_once(values: dict[str, str | None]) -> None:
        chosen = {
            name: defaults.get(name) if values[name] is None else values[name] for name in names
        }
        _ends_well(
            [*base, *(f"{name}={value}" for name, value in chosen.items() if value is not None)]
        )

    run_once()


def test_a_line_break_in_what_the_runner_typed_stays_in_one_line() -> None:
    """``--days 'mon<newline>foo'`` is quoted in the error escaped, not as two lines."""
    status, _, err = run_cli(["plan", ANSWERS, "--start", "2026-03-02", "--days", "mon\nfoo"])

    assert status == 2
    assert "mon\\nfoo" in one_line(err)
