"""The `hipfirst` command's frame: help, version and the one-line exit-2 rule."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hipfirst import __version__
from hipfirst.cli import main


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
