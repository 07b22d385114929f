"""The learn pages' recordings: built with espeak-ng, served as audio, rebuilt on change."""

from __future__ import annotations

import io
import shutil
import wave
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hipfirst.core.errors import HipfirstError
from hipfirst.core.learn import learn_page
from hipfirst.web.learn.audio import AUDIO_PREFIX, audio_stem, build_learn_audio

HABITS = learn_page("habits")


@pytest.fixture
def static_dir(settings, tmp_path: Path) -> Path:
    """A fresh static folder in place of the package's, so each test builds its own."""
    if shutil.which("espeak-ng") is None:
        pytest.fail(
            "espeak-ng is not installed; `make test` installs it (scripts/install-system-deps)."
        )
    settings.STATICFILES_DIRS = [tmp_path]
    return tmp_path


def test_a_built_recording_is_offered_and_served_as_audio(client: Client, static_dir: Path) -> None:
    """After the build the page has an <audio> player whose files are served as audio."""
    assert HABITS is not None
    build_learn_audio(pages=[HABITS])

    html = client.get(reverse("learn:page", args=["habits"])).content.decode()
    wav = client.get(f"/static/{AUDIO_PREFIX}/{audio_stem(HABITS)}.wav")
    body = wav.getvalue()  # a streamed file response: getvalue joins its chunks

    assert '<audio controls preload="none"' in html
    assert f"{audio_stem(HABITS)}.wav" in html
    assert wav.status_code == 200
    assert wav["Content-Type"].startswith("audio/")
    with wave.open(io.BytesIO(body)) as audio:
        assert audio.getnframes() / audio.getframerate() > 30  # the page takes minutes to read


def test_an_ogg_file_is_built_beside_the_wav_when_oggenc_is_installed(static_dir: Path) -> None:
    """Ogg Vorbis is about a tenth of the WAV; the page offers it first."""
    if shutil.which("oggenc") is None:
        pytest.skip("oggenc (vorbis-tools) is optional")
    assert HABITS is not None

    built = build_learn_audio(pages=[HABITS])
    ogg, wav = (static_dir / AUDIO_PREFIX / f"{audio_stem(HABITS)}.{ext}" for ext in ("ogg", "wav"))

    assert {path.suffix for path in built[0].files} == {".ogg", ".wav"}
    assert 0 < ogg.stat().st_size < wav.stat().st_size / 4


def test_a_second_build_keeps_current_files_and_removes_outdated_ones(static_dir: Path) -> None:
    """Up-to-date pages are left alone; a recording of an older text is deleted."""
    assert HABITS is not None
    folder = static_dir / AUDIO_PREFIX
    folder.mkdir(parents=True)
    outdated = folder / "habits-000000000000.wav"
    outdated.write_bytes(b"old")

    first = build_learn_audio(pages=[HABITS])
    second = build_learn_audio(pages=[HABITS])

    assert first[0].is_new
    assert not second[0].is_new
    assert not outdated.exists()


def test_without_espeak_the_build_says_how_to_install_it(static_dir: Path) -> None:
    """A missing synthesiser is one plain message, not a traceback."""
    with pytest.raises(HipfirstError, match="apt-get install espeak-ng"):
        build_learn_audio(espeak="no-such-espeak-ng")


def test_the_command_renders_every_page(
    static_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`manage.py build_learn_audio` builds a recording for each learn page."""
    call_command("build_learn_audio")

    names = sorted(path.name.split("-")[0] for path in (static_dir / AUDIO_PREFIX).glob("*.wav"))
    assert names == ["conditions", "glutes", "habits", "knee", "tips"]
    assert "rendered" in capsys.readouterr().out
