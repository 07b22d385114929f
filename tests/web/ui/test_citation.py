"""Runner-facing sources read as citations, without our fact-sheet paths."""

from __future__ import annotations

import pytest

from hipfirst.web.ui.templatetags.hipfirst import citation


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "BMJ Best Practice. Iliotibial band syndrome (reviewed 6 Apr 2021) [C5]",
            "BMJ Best Practice. Iliotibial band syndrome (reviewed 6 Apr 2021).",
        ),
        ("../shared/science/conditions_and_red_flags.md, section 2", ""),
        (
            "A product decision, not a clinical source. (none)",
            "A product decision, not a clinical source.",
        ),
        (
            "Boren K et al. Int J Sports Phys Ther. 2011;6(3):206-223. PMC3201064 "
            "(../shared/science/gluteal_emg.md, section 2, source 4)",
            "Boren K et al. Int J Sports Phys Ther. 2011;6(3):206-223. PMC3201064.",
        ),
        ("Willy RW et al. CPG 2019;49(9) [C2, C4]", "Willy RW et al. CPG 2019;49(9)."),
        (
            "Collins NJ et al. 2018 PFP consensus. Br J Sports Med 2018 [P1], "
            "../shared/science/programme.md",
            "Collins NJ et al. 2018 PFP consensus. Br J Sports Med 2018.",
        ),
        (
            "A hypothesis from the seed; no source in ../shared/science describes it",
            "A hypothesis from the seed; no source we have read describes it.",
        ),
    ],
)
def test_a_source_loses_its_fact_sheet_path_and_label(source: str, shown: str) -> None:
    """Paths and reference labels go; the citation stays."""
    assert citation(source) == shown
