"""The learn pages and daily habits: every claim sourced or labelled, and read aloud whole."""

from __future__ import annotations

import re

import pytest

from hipfirst.core.exercises import EXERCISES
from hipfirst.core.habits import HabitEvidence, daily_habits
from hipfirst.core.learn import (
    LearnEvidence,
    contact_stress_mpa,
    gta_rows,
    learn_page,
    learn_pages,
    listen_text,
    stress_illustration,
)

PAGES = learn_pages()
FORBIDDEN = re.compile(r"\b(you have|fixes|cures|predicts)\b", re.IGNORECASE)


def test_the_pages_are_the_knee_glutes_conditions_tips_and_habits() -> None:
    """Five pages in reading order."""
    assert [page.slug for page in PAGES] == ["knee", "glutes", "conditions", "tips", "habits"]


def test_there_are_ten_tips() -> None:
    """The tips page is a numbered list of ten."""
    tips = learn_page("tips")

    assert tips is not None
    assert tips.is_numbered
    assert len(tips.sections) == 10


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_every_sourced_section_names_its_sources(page) -> None:
    """A section claiming sourced evidence lists at least one full citation."""
    for section in page.sections:
        if section.evidence in {LearnEvidence.SOURCED, LearnEvidence.SECONDARY}:
            assert section.sources, section.heading
        assert all(len(source) > 20 for source in section.sources)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_no_page_diagnoses_or_promises(page) -> None:
    """Plain words without 'you have', 'fixes', 'cures' or 'predicts'."""
    assert not FORBIDDEN.search(listen_text(page))


def test_the_mechanisms_the_sources_have_not_tested_are_labelled_hypotheses() -> None:
    """The train on the tracks, reciprocal inhibition and muscle inhibition say so."""
    sections = {s.heading: s for page in PAGES for s in page.sections}

    for heading in (
        "The train on the tracks",
        "Sitting and reciprocal inhibition",
        "Arthrogenic muscle inhibition",
    ):
        assert sections[heading].evidence is LearnEvidence.HYPOTHESIS
        assert sections[heading].caution


def test_tips_without_a_source_are_marked_as_hipfirsts_own_advice() -> None:
    """The primer and the sitting interval are the seed's advice, and say it."""
    tips = learn_page("tips")
    assert tips is not None
    seed = [s for s in tips.sections if s.evidence is LearnEvidence.SEED]

    assert [s.heading for s in seed] == [
        "Break up long sitting",
        "Wake up your glutes before you run",
    ]
    assert all("hipfirst's own advice" in (s.caution or "") for s in seed)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.slug)
def test_the_text_read_aloud_is_the_page_without_its_sources(page) -> None:
    """Title, summary, headings, paragraphs and cautions; never a DOI or citation."""
    text = listen_text(page)

    assert text.startswith(f"{page.title}.")
    assert all(section.heading in text for section in page.sections)
    assert "doi:" not in text
    assert "../shared" not in text


def test_a_heading_read_aloud_ends_with_a_full_stop() -> None:
    """So the voice pauses between a heading and its text."""
    knee = learn_page("knee")
    assert knee is not None

    assert "The train on the tracks.\n\n" in listen_text(knee)


def test_an_unknown_page_is_none() -> None:
    """Asking for a page that does not exist gives None, not an error."""
    assert learn_page("nope") is None


def test_halving_the_area_doubles_the_stress() -> None:
    """Stress = force / area."""
    assert contact_stress_mpa(3000, 200) == 2 * contact_stress_mpa(3000, 400)


def test_a_contact_area_of_zero_is_refused() -> None:
    """No division by zero in the illustration."""
    with pytest.raises(ValueError, match="positive"):
        contact_stress_mpa(3000, 0)


def test_the_illustration_uses_the_measured_peak_force() -> None:
    """4.70 body weights (Sinclair 2016) for a 70 kg runner is about 3,226 N."""
    illustration = stress_illustration()

    assert illustration.force_n == pytest.approx(4.70 * 70 * 9.80665)
    assert [e.area_mm2 for e in illustration.examples] == [600, 400, 200]
    assert "Sinclair" in illustration.source


def test_the_gta_table_comes_from_the_exercise_library() -> None:
    """The clam leads with 115; every row is a verified value in the library."""
    rows = gta_rows()
    verified = {e.gta.index for e in EXERCISES.values() if e.gta.index is not None}

    assert (rows[0].measured_as, rows[0].gta_index) == ("Clam", 115)
    assert {row.gta_index for row in rows} == verified
    assert len({row.measured_as for row in rows}) == len(rows)


def test_the_daily_habits_are_optional_and_say_how_sure_they_are() -> None:
    """Sitting and standing, the couch stretch and the morning check, each with a note."""
    habits = daily_habits()

    assert [h.id for h in habits] == [
        "alternate_sitting_standing",
        "couch_stretch",
        "morning_knee_check",
    ]
    assert all(h.is_optional and h.note and h.how for h in habits)
    assert all(h.sources or h.evidence is HabitEvidence.SEED for h in habits)


def test_the_couch_stretch_takes_its_steps_from_the_exercise_library() -> None:
    """One description of the stretch in the whole app."""
    couch = next(h for h in daily_habits() if h.id == "couch_stretch")

    assert couch.how == EXERCISES["couch_stretch"].steps
    assert couch.watch_out == EXERCISES["couch_stretch"].cheating_if


def test_the_habits_page_shows_every_habit() -> None:
    """The learn page of habits has one section per habit, its steps in order."""
    page = learn_page("habits")
    assert page is not None

    assert [s.heading for s in page.sections] == [h.title for h in daily_habits()]
    assert page.sections[1].steps == EXERCISES["couch_stretch"].steps
