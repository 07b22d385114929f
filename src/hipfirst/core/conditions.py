"""Likely conditions from a runner's symptoms: the patterns hipfirst checks, never a diagnosis.

hipfirst says "consistent with" and "likely", shows the answers that point each way and
always says a clinician can confirm (../shared/science/conditions_and_red_flags.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # assessment.py imports this module; the types are only for annotations
    from hipfirst.core.assessment import Profile
    from hipfirst.core.triage import RedFlagScreen

__all__ = [
    "Aggravator",
    "ConditionId",
    "LikelyCondition",
    "Onset",
    "PainLocation",
    "Side",
    "Symptoms",
    "likely_conditions",
]

_SCIENCE = "../shared/science/conditions_and_red_flags.md"


class PainLocation(StrEnum):
    """Where on the knee it hurts."""

    FRONT = "front"
    AROUND_KNEECAP = "around_kneecap"
    OUTSIDE = "outside"
    INSIDE = "inside"
    BACK = "back"
    DIFFUSE = "diffuse"


class Aggravator(StrEnum):
    """An activity that makes the pain worse."""

    STAIRS_DOWN = "stairs_down"
    STAIRS_UP = "stairs_up"
    SQUATTING = "squatting"
    PROLONGED_SITTING = "prolonged_sitting"
    RUNNING = "running"
    DOWNHILL_RUNNING = "downhill_running"
    KNEELING = "kneeling"
    JUMPING = "jumping"


class Onset(StrEnum):
    """How the pain began."""

    GRADUAL = "gradual"
    SUDDEN = "sudden"


class Side(StrEnum):
    """Which knee hurts."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class ConditionId(StrEnum):
    """The patterns hipfirst checks for, and "other" when none fits."""

    PFP = "pfp"
    ITBS = "itbs"
    GLUTE_AMNESIA = "glute_amnesia"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Symptoms:
    """What the runner told us about their knee pain."""

    pain_location: PainLocation
    worse_with: frozenset[Aggravator]
    onset: Onset
    has_dead_butt_feeling: bool
    has_tight_hamstrings: bool
    side: Side


@dataclass(frozen=True, slots=True)
class LikelyCondition:
    """A pattern the answers are consistent with, and the answers for and against it."""

    id: ConditionId
    title: str  # plain words
    reasons_for: tuple[str, ...]  # sentences about the runner's own answers
    reasons_against: tuple[str, ...]
    what_this_means: str
    sources: tuple[str, ...]


@dataclass(slots=True)
class _Evaluation:
    """One pattern checked against the answers, before deciding whether it fits."""

    condition: ConditionId
    is_located_there: bool
    reasons_for: list[str] = field(default_factory=list)
    reasons_against: list[str] = field(default_factory=list)
    is_missing_a_must: bool = False  # a required feature is absent

    @property
    def fits(self) -> bool:
        """Felt in the right place, with every required feature."""
        return self.is_located_there and not self.is_missing_a_must


_WHERE = {
    PainLocation.FRONT: "at the front of the knee",
    PainLocation.AROUND_KNEECAP: "around the kneecap",
    PainLocation.OUTSIDE: "on the outside of the knee",
    PainLocation.INSIDE: "on the inside of the knee",
    PainLocation.BACK: "at the back of the knee",
    PainLocation.DIFFUSE: "all over the knee",
}
_KNEE = {Side.LEFT: "left knee", Side.RIGHT: "right knee", Side.BOTH: "both knees"}
_ACTIVITY = {
    Aggravator.STAIRS_DOWN: "going down stairs",
    Aggravator.STAIRS_UP: "going up stairs",
    Aggravator.SQUATTING: "squatting",
    Aggravator.PROLONGED_SITTING: "sitting for a long time",
    Aggravator.RUNNING: "running",
    Aggravator.DOWNHILL_RUNNING: "running downhill",
    Aggravator.KNEELING: "kneeling",
    Aggravator.JUMPING: "jumping",
}
# Activities loading the bent knee that the PFP definitions name: squatting, stairs,
# prolonged sitting, running, jumping (Willy 2019 [C2]; J Athl Train [C8]). Downhill
# running is running. Kneeling is not named in those sources, so it counts neither way.
_PFP_ACTIVITIES = frozenset(Aggravator) - {Aggravator.KNEELING}
_RUNNING = frozenset({Aggravator.RUNNING, Aggravator.DOWNHILL_RUNNING})

_PFP_MEANING = (
    "Your answers are consistent with patellofemoral pain (PFP, often called runner's knee): "
    "pain around or behind the kneecap that gets worse with activities that load the bent "
    "knee, such as squatting, stairs, running or long sitting. This is likely, not certain: "
    "only a clinician who examines you can rule out other causes of pain at the front of the "
    "knee, including pain that comes from the hip or the back."
)
_PFP_SOURCES = (
    "Willy RW et al. Patellofemoral pain CPG. J Orthop Sports Phys Ther 2019;49(9) [C2, C4]",
    "Crossley KM et al. 2016 PFP consensus, part 1. Br J Sports Med 2016;50(14):839-843 [C1]",
    "Current concepts: runners with PFP. J Athl Train, PMC7740062 [C8]",
    "NHS Gloucestershire [C9]; NHS Devon [C10] (differentials, hip pain felt in the knee)",
    f"{_SCIENCE}, section 1",
)
_ITBS_MEANING = (
    "Your answers are consistent with iliotibial band syndrome (ITBS): pain on the outside of "
    "the knee, above the joint, that builds up during runs. Running downhill and sudden "
    "increases in distance or frequency are known risk factors. This is likely, not certain: "
    "a clinician can confirm it with simple tests during an examination."
)
_ITBS_SOURCES = (
    "BMJ Best Practice. Iliotibial band syndrome, history and exam (reviewed 6 Apr 2021) [C5]",
    f"{_SCIENCE}, section 2",
)
_GLUTE_MEANING = (
    "Some runners describe a 'dead' or switched-off feeling in the buttock, often with long "
    "hours of sitting and tight hamstrings, and call it 'glute amnesia'. This is an idea, not "
    "an established diagnosis: none of our sources describe it, and none links it to knee "
    "pain. It may simply come along with your knee pain. Guidelines do recommend hip and knee "
    "strengthening together for kneecap pain, and the programme includes both."
)
_GLUTE_SOURCES = (
    "A hypothesis from the hipfirst product seed; no source in ../shared/science describes it",
    "Collins NJ et al. 2018 PFP consensus on exercise therapy. Br J Sports Med 2018 [P1], "
    "../shared/science/programme.md",
)
_OTHER_MEANING = (
    "Your answers don't fit the patterns hipfirst checks for (patellofemoral pain and ITB "
    "syndrome), so something else may be behind your knee pain. Please see a clinician, such "
    "as a physiotherapist or your GP, who can examine your knee and find out."
)
_OTHER_MEANING_RED_FLAG = (
    "A warning sign in your answers comes first: please see a clinician before starting any "
    "self-managed programme. They can also find out what is behind your knee pain."
)
_OTHER_SOURCES = (f"{_SCIENCE}, wording rule and section 3",)


def likely_conditions(
    symptoms: Symptoms, profile: Profile, red_flags_screen: RedFlagScreen
) -> tuple[LikelyCondition, ...]:
    """The patterns a runner's answers are consistent with, each with reasons for and against.

    Parameters
    ----------
    symptoms : Symptoms
        Where and when the knee hurts, and what makes it worse.
    profile : Profile
        The runner; their sitting hours feed the "glute amnesia" pattern.
    red_flags_screen : RedFlagScreen
        The red-flag screen of the same answers.

    Returns
    -------
    tuple[LikelyCondition, ...]
        Patellofemoral pain (PFP) or iliotibial band syndrome (ITBS) when the answers
        fit, else "other" (see a clinician); then the "glute amnesia" pattern when a
        'dead butt' feeling was reported. With any red flag, only "other", which says
        a clinician must look first.

    Notes
    -----
    PFP fits pain at the front of or around the kneecap that is worse with at least
    one activity loading the bent knee, with a gradual ("insidious") onset and no red
    flag [1]_ [2]_. Ruling out other causes needs a clinician [1]_. ITBS fits pain on
    the outside of the knee that builds during runs, downhill running being a risk
    factor, with no red flag [3]_; we also ask for a gradual onset, since a sudden
    onset should be seen by a clinician. "Glute amnesia" is a hypothesis from the
    product seed, not an established diagnosis; no source describes it.

    References
    ----------
    .. [1] Willy RW, Hoglund LT, Barton CJ, et al. Patellofemoral pain: clinical practice
       guidelines linked to the ICF. J Orthop Sports Phys Ther. 2019;49(9):CPG1-CPG95.
       doi:10.2519/jospt.2019.0302.
    .. [2] Crossley KM, Stefanik JJ, Selfe J, et al. 2016 Patellofemoral pain consensus
       statement, part 1. Br J Sports Med. 2016;50(14):839-843.
       doi:10.1136/bjsports-2016-096384.
    .. [3] BMJ Best Practice. Iliotibial band syndrome: history and exam. Last reviewed
       6 Apr 2021. All in ../shared/science/conditions_and_red_flags.md.
    """
    has_red_flag = bool(red_flags_screen.flags)
    pfp, itbs = _check_pfp(symptoms), _check_itbs(symptoms)
    found: list[LikelyCondition] = []
    if not has_red_flag:
        found += [_condition(check) for check in (pfp, itbs) if check.fits]
    if not found:
        found.append(_other(symptoms, (pfp, itbs), red_flag_count=len(red_flags_screen.flags)))
    if not has_red_flag and symptoms.has_dead_butt_feeling:
        found.append(_glute_amnesia(symptoms, profile))
    return tuple(found)


def _check_pfp(symptoms: Symptoms) -> _Evaluation:
    where = _where(symptoms)
    located = symptoms.pain_location in {PainLocation.FRONT, PainLocation.AROUND_KNEECAP}
    check = _Evaluation(ConditionId.PFP, is_located_there=located)
    if located:
        check.reasons_for.append(f"You feel the pain {where}, where patellofemoral pain is felt.")
    else:
        check.reasons_against.append(
            f"You feel the pain {where}; patellofemoral pain is felt at the front of the knee "
            "or around the kneecap."
        )
    if loading := [a for a in Aggravator if a in symptoms.worse_with & _PFP_ACTIVITIES]:
        check.reasons_for.append(
            f"It gets worse with {_listed(_ACTIVITY[a] for a in loading)}, which load the bent "
            "knee, as patellofemoral pain typically does."
        )
    else:
        check.is_missing_a_must = True
        check.reasons_against.append(
            "You did not mention squatting, stairs, long sitting, running or jumping making it "
            "worse; patellofemoral pain usually gets worse with at least one of them."
        )
    _check_onset(check, symptoms, "patellofemoral pain")
    return check


def _check_itbs(symptoms: Symptoms) -> _Evaluation:
    located = symptoms.pain_location is PainLocation.OUTSIDE
    check = _Evaluation(ConditionId.ITBS, is_located_there=located)
    if located:
        check.reasons_for.append("You feel the pain on the outside of the knee, as in ITBS.")
    else:
        check.reasons_against.append(
            f"You feel the pain {_where(symptoms)}; ITB syndrome is felt on the outside "
            "of the knee."
        )
    if Aggravator.RUNNING in symptoms.worse_with:
        check.reasons_for.append("It gets worse with running, as ITB syndrome pain builds in runs.")
    if Aggravator.DOWNHILL_RUNNING in symptoms.worse_with:
        check.reasons_for.append(
            "It gets worse running downhill, a known risk factor for ITB syndrome."
        )
    if not symptoms.worse_with & _RUNNING:
        check.is_missing_a_must = True
        check.reasons_against.append(
            "You did not say running makes it worse; ITB syndrome pain typically builds "
            "during runs."
        )
    _check_onset(check, symptoms, "ITB syndrome", is_gradual_a_reason=False)
    return check


def _check_onset(
    check: _Evaluation, symptoms: Symptoms, name: str, *, is_gradual_a_reason: bool = True
) -> None:
    if symptoms.onset is Onset.SUDDEN:
        check.is_missing_a_must = True
        check.reasons_against.append(
            f"It started suddenly; {name} usually builds up gradually, and pain that starts "
            "suddenly should be checked by a clinician."
        )
    elif is_gradual_a_reason:
        check.reasons_for.append(f"It came on gradually, as {name} usually does.")


def _other(
    symptoms: Symptoms, checks: Iterable[_Evaluation], *, red_flag_count: int
) -> LikelyCondition:
    located = [check for check in checks if check.is_located_there]
    reasons_for: list[str] = []
    if red_flag_count:
        plural = "s" if red_flag_count > 1 else ""
        reasons_for.append(
            f"You answered yes to {red_flag_count} warning sign{plural}, so a clinician must "
            "look at your knee first."
        )
    if not located:
        reasons_for.append(
            f"You feel the pain {_where(symptoms)}, which fits neither patellofemoral pain "
            "(front of the knee or around the kneecap) nor ITB syndrome (outside of the knee)."
        )
        if symptoms.onset is Onset.SUDDEN:
            reasons_for.append("It started suddenly; pain that starts suddenly should be checked.")
    reasons_for += [reason for check in located for reason in check.reasons_against]
    reasons_against = [reason for check in located for reason in check.reasons_for]
    return LikelyCondition(
        id=ConditionId.OTHER,
        title="Something else: see a clinician",
        reasons_for=tuple(dict.fromkeys(reasons_for)),
        reasons_against=tuple(dict.fromkeys(reasons_against)),
        what_this_means=_OTHER_MEANING_RED_FLAG if red_flag_count else _OTHER_MEANING,
        sources=_OTHER_SOURCES,
    )


def _glute_amnesia(symptoms: Symptoms, profile: Profile) -> LikelyCondition:
    reasons_for = ["You described a 'dead' or switched-off feeling in your buttock."]
    reasons_against: list[str] = []
    if symptoms.has_tight_hamstrings:
        reasons_for.append("You said your hamstrings feel tight.")
    else:
        reasons_against.append("You did not say your hamstrings feel tight.")
    # No source gives a number of sitting hours that counts as "long", so we only
    # repeat the runner's answer, never judge it against a threshold.
    hours = profile.sitting_hours_per_day
    if hours > 0:
        reasons_for.append(
            f"You sit for about {hours:g} hours a day; the idea links the pattern with sitting."
        )
    else:
        reasons_against.append("You said you don't spend time sitting during the day.")
    return LikelyCondition(
        id=ConditionId.GLUTE_AMNESIA,
        title="The 'glute amnesia' ('dead butt') pattern: an idea, not a diagnosis",
        reasons_for=tuple(reasons_for),
        reasons_against=tuple(reasons_against),
        what_this_means=_GLUTE_MEANING,
        sources=_GLUTE_SOURCES,
    )


def _condition(check: _Evaluation) -> LikelyCondition:
    title, meaning, sources = {
        ConditionId.PFP: ("Patellofemoral pain", _PFP_MEANING, _PFP_SOURCES),
        ConditionId.ITBS: ("IT band (iliotibial band) syndrome", _ITBS_MEANING, _ITBS_SOURCES),
    }[check.condition]
    return LikelyCondition(
        id=check.condition,
        title=title,
        reasons_for=tuple(check.reasons_for),
        reasons_against=tuple(check.reasons_against),
        what_this_means=meaning,
        sources=sources,
    )


def _where(symptoms: Symptoms) -> str:
    return f"{_WHERE[symptoms.pain_location]} ({_KNEE[symptoms.side]})"


def _listed(phrases: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(phrases)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
