"""What a movement check means, in plain words, against the published norms.

The norms and their sources are in ``data/movement_norms.toml`` and
../shared/science/movement_norms.md. A result is "consistent with" a pattern or
"typical" of a group; it never says what the runner has.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from hipfirst.core.assessment import Sex
from hipfirst.core.movement_clip import Leg, movement_data
from hipfirst.core.movement_events import RunningStep, SquatRep

__all__ = [
    "NOT_A_DIAGNOSIS",
    "NOT_COMPARED",
    "FppaNorm",
    "fppa_norms",
    "running_verdict",
    "squat_verdict",
]

NOT_COMPARED = "We can't compare this video with the norms: see the problems and film again."
NOT_A_DIAGNOSIS = "This is a screening measure from a phone video, not a diagnosis."

_DATA = movement_data()
FPPA_TRIALS: Final = int(_DATA["fppa"]["trials"])
HIGHER_THAN_TYPICAL_SD: Final = float(_DATA["fppa"]["higher_than_typical_sd"])
FPPA_SDD_DEG: Final = float(_DATA["fppa"]["smallest_detectable_difference_deg"])
MIN_STEPS_PER_SIDE: Final = int(_DATA["pelvic_drop"]["min_steps_per_side"])
PELVIC_DROP_SDD_DEG: Final = float(_DATA["pelvic_drop"]["smallest_detectable_difference_deg"])
PELVIC_DROP_ODDS_RATIO: Final = float(_DATA["pelvic_drop"]["odds_ratio_per_deg"])


@dataclass(frozen=True, slots=True)
class FppaNorm:
    """Single-leg squat FPPA of people without (and with) kneecap pain, for one sex."""

    sex: Sex
    without_pain_mean_deg: float
    without_pain_sd_deg: float
    with_pain_mean_deg: float | None  # None: no usable figure for this sex
    with_pain_sd_deg: float | None
    cite: str  # short, for a sentence: "Herrington 2014"
    source: str  # the full reference
    status: str  # how far we could check it (movement_norms.md's status key)

    @property
    def higher_than_typical_deg(self) -> float:
        """Above this, a knee moves inward more than is typical without pain (an app heuristic)."""
        return self.without_pain_mean_deg + HIGHER_THAN_TYPICAL_SD * self.without_pain_sd_deg


def fppa_norms() -> dict[Sex, FppaNorm]:
    """The single-leg squat FPPA norms we have, by sex, from ``data/movement_norms.toml``.

    References
    ----------
    .. [1] Herrington L. Knee valgus angle during single leg squat and landing in
       patellofemoral pain patients and controls. Knee. 2014;21(2):514-517.
       doi:10.1016/j.knee.2013.11.011 (female, VERIFIED)
    .. [2] Ghulam HS. Int J Clin Med. 2021;12:261-271. doi:10.4236/ijcm.2021.126023
       (male, VERIFIED in part; its SD is UNVERIFIED and the female SD stands in).
    """
    norms: dict[Sex, FppaNorm] = {}
    for sex in (Sex.FEMALE, Sex.MALE):
        row = _DATA["fppa"][sex.value]
        norms[sex] = FppaNorm(
            sex=sex,
            without_pain_mean_deg=float(row["without_pain_mean_deg"]),
            without_pain_sd_deg=float(row["without_pain_sd_deg"]),
            with_pain_mean_deg=row.get("with_pain_mean_deg"),
            with_pain_sd_deg=row.get("with_pain_sd_deg"),
            cite=str(row["cite"]),
            source=str(row["source"]),
            status=str(row["status"]),
        )
    return norms


def _inward(fppa_deg: float) -> str:
    way = "inward" if fppa_deg >= 0 else "outward"
    return f"{abs(fppa_deg):.0f}° {way}"


def _how_many(reps: int) -> str:
    return f"mean of {reps}" if reps > 1 else "one squat"


def _group_sentence(norm: FppaNorm) -> str:
    people = "Women" if norm.sex is Sex.FEMALE else "Men"
    sentence = f"{people} without knee pain average {norm.without_pain_mean_deg:.1f}°" + (
        f" ± {norm.without_pain_sd_deg:.1f}°" if norm.sex is Sex.FEMALE else ""
    )
    if norm.with_pain_mean_deg is not None and norm.with_pain_sd_deg is not None:
        sentence += (
            f", {people.lower()} with kneecap pain {norm.with_pain_mean_deg:.1f}° ± "
            f"{norm.with_pain_sd_deg:.1f}°"
        )
    return f"{sentence} ({norm.cite})."


def _comparison(fppa_deg: float, norms: Sequence[FppaNorm]) -> str:
    higher = [fppa_deg > norm.higher_than_typical_deg for norm in norms]
    if all(higher):
        return (
            "That is more inward movement than is typical without knee pain: consistent "
            "with the pattern reported in people with kneecap pain, though some people "
            "without pain move like this too."
        )
    if not any(higher):
        return "That is within the range typical of people without knee pain."
    return "That is at the upper end of the range typical of people without knee pain."


def squat_verdict(
    reps: Sequence[SquatRep], *, single_leg: bool, sex: Sex | None = None
) -> tuple[str, ...]:
    """Squat results in plain words, compared with the single-leg squat norms for ``sex``.

    Parameters
    ----------
    reps : Sequence[SquatRep]
        The measured reps of a clip whose quality is good.
    single_leg : bool
        Single-leg squats, which the norms are for; two-leg squats are described only.
    sex : Sex, optional
        Compares with that sex's norms; without it (or "other"), with both.

    Returns
    -------
    tuple[str, ...]
        Sentences to show in order.

    Notes
    -----
    Compared at the deepest point, averaged over the reps, as the norms were measured
    [1]_; more than 1 SD above the mean of people without pain reads "more inward
    movement than is typical" (an app heuristic, movement_norms.md §1). Less than the
    smallest detectable difference between two videos may be measurement error [2]_.

    References
    ----------
    .. [1] Herrington L. Knee. 2014;21(2):514-517. doi:10.1016/j.knee.2013.11.011
    .. [2] Munro A, Herrington L, Carolan M. J Sport Rehabil. 2012;21(1):7-11.
       Both in ../shared/science/movement_norms.md.
    """
    lines: list[str] = []
    norms = fppa_norms()
    compare_with = [norms[sex]] if sex in norms else list(norms.values())
    name = "single-leg squats" if single_leg else "squats"
    for leg in Leg:
        mine = [rep.bottom_fppa_deg for rep in reps if rep.side is leg]
        if not mine:
            continue
        mean_deg = statistics.fmean(mine)
        lines.append(
            f"At the bottom of your {name} ({_how_many(len(mine))}), your {leg} knee moved "
            f"{_inward(mean_deg)} (frontal plane projection angle)."
        )
        if single_leg:
            lines += [_group_sentence(norm) for norm in compare_with]
            lines.append(_comparison(mean_deg, compare_with))
            if len(mine) < FPPA_TRIALS:
                lines.append(f"The norms are a mean of {FPPA_TRIALS} squats: film that many.")
    if not single_leg:
        lines.append(
            "Our sources give norms for the single-leg squat only, so a two-leg squat is not "
            "compared with them: film single-leg squats for that."
        )
    lines.append(
        f"A change of less than about {FPPA_SDD_DEG:.1f}° between two videos can be "
        "measurement error (Munro 2012)."
    )
    return (*lines, NOT_A_DIAGNOSIS)


def running_verdict(
    steps: Sequence[RunningStep], *, step_rate_spm: float | None
) -> tuple[str, ...]:
    """Running results in plain words: step rate and pelvic drop, with what is known of it.

    Parameters
    ----------
    steps : Sequence[RunningStep]
        The steps measured in a clip whose quality is good.
    step_rate_spm : float or None
        Steps a minute counted from the video.

    Returns
    -------
    tuple[str, ...]
        Sentences to show in order.

    Notes
    -----
    No verified norm exists for pelvic drop from video. In 3-D, more drop at mid-stance
    went with being in the injured group (OR about 1.8 a degree) [1]_; a 2-D mean needs at
    least 7 steps a side, and changes under 2.7° may be measurement error [2]_.

    References
    ----------
    .. [1] Bramah C et al. Am J Sports Med. 2018;46(12):3023-3031.
       doi:10.1177/0363546518793657
    .. [2] Dingenen B et al. Phys Ther Sport. 2018;33:40-47. doi:10.1016/j.ptsp.2018.06.009
       Both in ../shared/science/movement_norms.md.
    """
    lines: list[str] = []
    if step_rate_spm is not None:
        lines.append(f"You took {step_rate_spm:.0f} steps a minute in this clip.")
    if not steps:
        return (*lines, "We could not find your steps: film at least 10 s of steady running.")
    by_side = {leg: [s.pelvic_drop_deg for s in steps if s.side is leg] for leg in Leg}
    per_side = "; ".join(
        f"standing on the {leg} leg {statistics.fmean(drops):.1f}° ({len(drops)} steps)"
        for leg, drops in by_side.items()
        if drops
    )
    mean_deg = statistics.fmean(step.pelvic_drop_deg for step in steps)
    lines += [
        f"At mid-stance your pelvis dropped on average {mean_deg:.1f}° on the side of the "
        f"swinging leg ({per_side}).",
        "There is no verified norm for this from video. In a 3-D study, runners with common "
        "running injuries, kneecap pain among them, showed more pelvic drop; each extra "
        f"degree went with about {PELVIC_DROP_ODDS_RATIO:.1f} times the odds of being in the "
        "injured group (Bramah 2018).",
    ]
    if min(len(drops) for drops in by_side.values()) < MIN_STEPS_PER_SIDE:
        lines.append(
            f"We counted fewer than {MIN_STEPS_PER_SIDE} steps on a side; a stable mean needs "
            f"at least {MIN_STEPS_PER_SIDE} (Dingenen 2018): film a longer run."
        )
    lines.append(
        f"A change of less than about {PELVIC_DROP_SDD_DEG:.1f}° between two videos can be "
        "measurement error (Dingenen 2018)."
    )
    return (*lines, NOT_A_DIAGNOSIS)
