"""Recordings of the learn pages: rendered offline with espeak-ng, served as static files.

``build_learn_audio`` (run by ``make run`` and ``make test``) reads each page's text
(``LearnPage.listen_chunks``, the words the page shows) with espeak-ng into a WAV file,
and into an Ogg Vorbis file, about a tenth of the size, when ``oggenc`` (Debian's
vorbis-tools) is installed. Files are named after the page and a hash of its text, so a
page whose text changed has no recording until the next build, never an outdated one.
They go to ``hipfirst/learn-audio/`` under the first folder of ``STATICFILES_DIRS``,
which git ignores. A page whose recording is missing simply shows no player.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from hipfirst.core.errors import HipfirstError
from hipfirst.core.learn import LearnPage, learn_pages, listen_text

AUDIO_PREFIX = "hipfirst/learn-audio"
VOICE = "en-gb"  # espeak-ng's British English, as the site's language is en-gb
WORDS_PER_MINUTE = 160  # a little slower than espeak-ng's 175 default, for clarity
OGG_QUALITY = "1"  # oggenc -q: about 45 kbit/s, plenty for one synthetic voice
TIMEOUT_S = 120


@dataclass(frozen=True, slots=True)
class PageAudio:
    """The URLs of one page's recording; None for a format not built."""

    ogg_url: str | None
    wav_url: str | None


@dataclass(frozen=True, slots=True)
class BuiltAudio:
    """What the build did for one page."""

    slug: str
    files: tuple[Path, ...]
    is_new: bool  # False: already up to date


def audio_stem(page: LearnPage) -> str:
    """``slug-<hash of the text read aloud>``: a new text gives a new name."""
    digest = hashlib.sha256(listen_text(page).encode("utf-8")).hexdigest()[:12]
    return f"{page.slug}-{digest}"


def page_audio(page: LearnPage) -> PageAudio | None:
    """The page's current recording, or None when it has not been built."""
    urls = {extension: _static_url(page, extension) for extension in ("ogg", "wav")}
    if not any(urls.values()):
        return None
    return PageAudio(ogg_url=urls["ogg"], wav_url=urls["wav"])


def default_audio_dir() -> Path:
    """``hipfirst/learn-audio`` under the first folder of ``STATICFILES_DIRS``."""
    folder = next(entry for entry in settings.STATICFILES_DIRS if not isinstance(entry, tuple))
    return Path(folder) / AUDIO_PREFIX


def build_learn_audio(
    out_dir: Path | None = None,
    *,
    pages: Iterable[LearnPage] | None = None,
    espeak: str = "espeak-ng",
    oggenc: str = "oggenc",
) -> tuple[BuiltAudio, ...]:
    """Render every learn page that has no current recording; remove outdated ones.

    Raises
    ------
    HipfirstError
        espeak-ng is not installed, or it failed on a page.
    """
    espeak_path = shutil.which(espeak)
    if espeak_path is None:
        raise HipfirstError(
            "espeak-ng is not installed, so the learn pages offer the browser's voice only. "
            "Install it with: apt-get install espeak-ng"
        )
    oggenc_path = shutil.which(oggenc)
    folder = out_dir or default_audio_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return tuple(
        _build_page(page, folder, espeak_path, oggenc_path) for page in pages or learn_pages()
    )


def _build_page(page: LearnPage, folder: Path, espeak: str, oggenc: str | None) -> BuiltAudio:
    stem = audio_stem(page)
    wanted = [folder / f"{stem}.wav", *([folder / f"{stem}.ogg"] if oggenc else [])]
    for stale in folder.glob(f"{page.slug}-*.*"):
        if stale not in wanted and stale.suffix in {".wav", ".ogg"}:
            stale.unlink()
    if all(path.exists() for path in wanted):
        return BuiltAudio(page.slug, tuple(wanted), is_new=False)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".build-") as work:
        wav = Path(work) / "page.wav"
        _run([espeak, "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(wav)], listen_text(page))
        if oggenc:
            _run([oggenc, "-Q", "-q", OGG_QUALITY, "-o", str(wav.with_suffix(".ogg")), str(wav)])
        # Renaming within one folder is atomic: a reader never sees half a file, and
        # two builds at once (parallel test workers) both end with whole files.
        for target in wanted:
            os.replace(wav.with_suffix(target.suffix), target)
    return BuiltAudio(page.slug, tuple(wanted), is_new=True)


def _run(command: list[str], text: str | None = None) -> None:
    try:
        subprocess.run(  # noqa: S603  # our own arguments, the tool's path from shutil.which
            command, input=text, text=True, capture_output=True, check=True, timeout=TIMEOUT_S
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        stderr = getattr(exc, "stderr", "") or ""
        raise HipfirstError(f"{Path(command[0]).name} failed: {stderr.strip() or exc}") from exc


def _static_url(page: LearnPage, extension: str) -> str | None:
    path = f"{AUDIO_PREFIX}/{audio_stem(page)}.{extension}"
    if not finders.find(path):
        return None
    try:
        return static(path)
    except ValueError:  # built after collectstatic: not in the production manifest yet
        return None
