"""The `hipfirst` command's frame: help, version and the one-line exit-2 rule."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hipfirst import __version__
from hipfirst.cli import main
from tests.data import REPO_ROOT


def _hipfirst(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_help_lists_the_commands() -> None:
    """`hipfirst --help` exits 0 and names `serve`."""
    result = _hipfirst("--help")

    assert result.returncode == 0
    assert "serve" in result.stdout


def test_version_prints_the_package_version() -> None:
    """`hipfirst --version` prints the installed version."""
    result = _hipfirst("--version")

    assert result.stdout.strip() == f"hipfirst {__version__}"


def test_an_unknown_command_exits_2_with_one_line() -> None:
    """A usage error is one plain line on stderr and exit status 2, no traceback."""
    result = _hipfirst("frobnicate")

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("hipfirst: ")
    assert "Traceback" not in result.stderr


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Plain `hipfirst` shows the help and exits 0."""
    status = main([])

    assert status == 0
    assert "COMMAND" in capsys.readouterr().out


def test_a_closed_pipe_ends_quietly() -> None:
    """A reader that has gone before the output comes (like `| head`) gets no traceback."""
    with subprocess.Popen(
        [sys.executable, "-m", "hipfirst.cli", "assess", "examples/answers-clean.json", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    ) as writer:
        assert writer.stdout is not None
        assert writer.stderr is not None
        writer.stdout.close()  # before the interpreter has even started writing
        errors = writer.stderr.read().decode()
        writer.wait(timeout=60)

    assert "Traceback" not in errors
