r"""The learn pages: the knee, glute amnesia, the condition guide, ten tips and daily habits.

The text lives in ``data/learn.toml`` (the habits page is built from ``data/habits.toml``),
each section with its sources and, where the sources are more cautious than the product
seed, a caution that says so. ``LearnPage.listen_chunks`` is the text read aloud, by the
browser's speech synthesis and by the audio files rendered offline: the same words the
page shows, without the source list. Evidence: ../shared/science (conditions_and_red_flags,
gluteal_emg, movement_norms, cadence, programme, shoes, training_load).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from hipfirst.core.exercises import EXERCISES
from hipfirst.core.habits import HabitEvidence, daily_habits

__all__ = [
    "STANDARD_GRAVITY_MPS2",
    "GtaRow",
    "LearnEvidence",
    "LearnPage",
    "LearnSection",
    "StressExample",
    "StressIllustration",
    "contact_stress_mpa",
    "gta_rows",
    "learn_page",
    "learn_pages",
    "listen_text",
    "stress_illustration",
]

STANDARD_GRAVITY_MPS2 = 9.80665  # standard gravity, exact by definition (CGPM 1901)
HABITS_SLUG = "habits"


class LearnEvidence(StrEnum):
    """How far a section's claims are backed."""

    SOURCED = "sourced"  # in the sources named
    SECONDARY = "secondary"  # in the sources named, read only in secondary pages
    HYPOTHESIS = "hypothesis"  # the seed's explanation; the sources we read have not tested it
    SEED = "seed"  # the seed's advice; no source we read supports or tests it


@dataclass(frozen=True, slots=True)
class LearnSection:
    """A heading, its text, how sure it is and its sources (full citations)."""

    heading: str
    paragraphs: tuple[str, ...]
    steps: tuple[str, ...]  # an ordered list after the paragraphs; empty for most sections
    closing: tuple[str, ...]  # paragraphs after the steps
    caution: str | None  # where the sources are more cautious than the seed
    evidence: LearnEvidence
    sources: tuple[str, ...]
    figure: str | None  # a picture or table to show after the paragraphs: "stress", "gta"


@dataclass(frozen=True, slots=True)
class LearnPage:
    """One learn page."""

    slug: str
    title: str
    summary: str
    sections: tuple[LearnSection, ...]
    is_numbered: bool  # the sections are a numbered list (the ten tips)

    def listen_chunks(self) -> tuple[str, ...]:
        """The text read aloud, one chunk per heading or paragraph, in page order."""
        chunks = [self.title, self.summary]
        for section in self.sections:
            chunks += [section.heading, *section.paragraphs, *section.steps, *section.closing]
            if section.caution:
                chunks.append(section.caution)
        return tuple(chunks)


@dataclass(frozen=True, slots=True)
class StressExample:
    """The stress under one contact area for the illustration's force."""

    area_mm2: int
    stress_mpa: float


@dataclass(frozen=True, slots=True)
class StressIllustration:
    """The numbers of the "stress = force / area" illustration on the knee page."""

    body_mass_kg: float  # an example runner
    peak_force_bw: float  # peak kneecap-joint force in body weights (Sinclair 2016)
    force_n: float
    examples: tuple[StressExample, ...]
    slider_mm2: tuple[int, int]
    source: str  # full citation of the force


@dataclass(frozen=True, slots=True)
class GtaRow:
    """One exercise of Selkowitz 2013 with a verified GTA index."""

    rank: int
    measured_as: str  # the exercise as the study named it
    gta_index: int


def gta_rows() -> tuple[GtaRow, ...]:
    """The exercises with a verified GTA index, highest first, from the exercise library.

    The GTA (gluteal-to-TFL activation) index is Selkowitz et al. 2013's; only its five
    verified values are in the library (../shared/science/gluteal_emg.md, section 1).
    Two library exercises measured as the same study exercise give one row.

    Examples
    --------
    >>> [(row.measured_as, row.gta_index) for row in gta_rows()][:2]
    [('Clam', 115), ('Sidestep with an elastic band, each step half the starting stance width', 64)]
    """
    rows = {
        exercise.gta.measured_as: GtaRow(
            exercise.gta.rank or 0, exercise.gta.measured_as, exercise.gta.index
        )
        for exercise in EXERCISES.values()
        if exercise.gta.index is not None and exercise.gta.measured_as is not None
    }
    return tuple(sorted(rows.values(), key=lambda row: (-row.gta_index, row.rank, row.measured_as)))


def contact_stress_mpa(force_n: float, area_mm2: float) -> float:
    r"""Mean contact stress, in megapascals, of a force spread over an area.

    Notes
    -----
    :math:`\sigma = F / A`; with F in newtons and A in square millimetres the result is
    in N/mm², which is MPa.

    Examples
    --------
    >>> contact_stress_mpa(3000, 400)
    7.5
    """
    if area_mm2 <= 0:
        raise ValueError("The contact area must be positive.")
    return force_n / area_mm2


@cache
def _learn_toml() -> Mapping[str, Any]:  # Any: parsed TOML
    text = (files("hipfirst.core") / "data" / "learn.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def learn_pages() -> tuple[LearnPage, ...]:
    """Every learn page, in the order the index lists them; the habits page comes last.

    Examples
    --------
    >>> [page.slug for page in learn_pages()]
    ['knee', 'glutes', 'conditions', 'tips', 'habits']
    """
    toml = _learn_toml()
    sources = toml["sources"]
    pages = [
        LearnPage(
            slug=str(row["slug"]),
            title=str(row["title"]),
            summary=str(row["summary"]),
            sections=tuple(_section(section, sources) for section in row["sections"]),
            is_numbered=bool(row.get("is_numbered", False)),
        )
        for row in toml["pages"]
    ]
    return (*pages, _habits_page())


def learn_page(slug: str) -> LearnPage | None:
    """The page with this slug, or None."""
    return next((page for page in learn_pages() if page.slug == slug), None)


def listen_text(page: LearnPage) -> str:
    """The page's text for a speech synthesiser: chunks as sentences, a pause between them."""
    return "\n\n".join(_as_sentence(chunk) for chunk in page.listen_chunks())


def stress_illustration() -> StressIllustration:
    r"""The knee page's illustration: one runner's peak kneecap force over a few areas.

    Notes
    -----
    :math:`F = k \, m \, g` with k the peak patellofemoral force in body weights measured
    in conventional shoes (4.70) [1]_, m an example body mass (70 kg, a design choice)
    and g standard gravity. The areas are illustrative round numbers, not measured
    contact areas.

    References
    ----------
    .. [1] Sinclair J, et al. The influence of minimalist and maximalist footwear on
       patellofemoral kinetics during running. J Appl Biomech. 2016;32(4):359-364.
       doi:10.1123/jab.2015-0249. In ../shared/science/shoes.md, section 2.
    """
    toml = _learn_toml()
    stress = toml["stress"]
    mass_kg, peak_bw = float(stress["body_mass_kg"]), float(stress["peak_force_bw"])
    force_n = peak_bw * mass_kg * STANDARD_GRAVITY_MPS2
    low, high = (int(area) for area in stress["slider_mm2"])
    return StressIllustration(
        body_mass_kg=mass_kg,
        peak_force_bw=peak_bw,
        force_n=force_n,
        examples=tuple(
            StressExample(int(area), contact_stress_mpa(force_n, area))
            for area in stress["areas_mm2"]
        ),
        slider_mm2=(low, high),
        source=str(toml["sources"][stress["source"]]),
    )


def _section(row: Mapping[str, Any], sources: Mapping[str, str]) -> LearnSection:  # Any: TOML
    return LearnSection(
        heading=str(row["heading"]),
        paragraphs=tuple(str(text) for text in row["paragraphs"]),
        steps=(),
        closing=(),
        caution=str(row["caution"]) if "caution" in row else None,
        evidence=LearnEvidence(row.get("evidence", LearnEvidence.SOURCED)),
        sources=tuple(str(sources[key]) for key in row["sources"]),
        figure=str(row["figure"]) if "figure" in row else None,
    )


_HABIT_EVIDENCE = {
    HabitEvidence.SOURCED: LearnEvidence.SOURCED,
    HabitEvidence.SECONDARY: LearnEvidence.SECONDARY,
    HabitEvidence.SEED: LearnEvidence.SEED,
}


def _habits_page() -> LearnPage:
    return LearnPage(
        slug=HABITS_SLUG,
        title="Daily habits",
        summary=(
            "Small things to do through the day. They are optional, and most are hipfirst's own "
            "advice: each one says how sure we are."
        ),
        sections=tuple(
            LearnSection(
                heading=habit.title,
                paragraphs=(habit.why,),
                steps=habit.how,
                closing=(*_watch_out(habit.watch_out), habit.how_often),
                caution=habit.note,
                evidence=_HABIT_EVIDENCE[habit.evidence],
                sources=habit.sources,
                figure=None,
            )
            for habit in daily_habits()
        ),
        is_numbered=False,
    )


def _watch_out(checks: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"Stop and adjust if {check[0].lower()}{check[1:]}" for check in checks)


def _as_sentence(chunk: str) -> str:
    """A heading ends with a full stop when read aloud, so the voice pauses after it."""
    return chunk if chunk.endswith((".", "?", "!", ":")) else f"{chunk}."
