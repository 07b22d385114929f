"""`hipfirst report`: the physio report from the web app's database, as a PDF file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from hipfirst.cli import main
from tests.web.progress.builders import runner_with_history


def _report(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["report", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.django_db
def test_it_writes_the_runners_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The email in any case finds the runner; the PDF holds their Kujala score."""
    runner_with_history("mia@example.org")
    target = tmp_path / "report.pdf"

    status, out, _ = _report(capsys, "--user", "MIA@example.org", "-o", target, "--json")
    reader = PdfReader(io.BytesIO(target.read_bytes()))

    assert status == 0
    assert json.loads(out) == {
        "path": str(target),
        "pages": len(reader.pages),
        "bytes": target.stat().st_size,
        "user": "mia@example.org",
    }
    assert "93 / 100" in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_an_unknown_email_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No account: a plain line on stderr, no file written, no traceback."""
    status, _, err = _report(capsys, "--user", "nobody@example.org", "-o", tmp_path / "r.pdf")

    assert status == 2
    assert err == (
        "hipfirst: There is no account with the email address nobody@example.org. (--user)\n"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_a_database_that_is_not_set_up_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Run for real against an empty var folder: it says how to set the database up."""
    env = {
        **os.environ,
        "HIPFIRST_VAR_DIR": str(tmp_path),
        "HIPFIRST_ENV": "dev",
        "DATABASE_URL": "",
    }

    done = subprocess.run(
        [sys.executable, "-m", "hipfirst.cli", "report", "--user", "a@b.org", "-o", "r.pdf"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 2
    assert done.stderr.startswith("hipfirst: Could not read hipfirst's database.")
    assert "Traceback" not in done.stderr
