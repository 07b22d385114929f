r"""The shoe advisor: three shoes to try on, with reasons, and what shoes cannot do.

A few answers (does the knee move inward, do the feet roll in, is the runner raising
their step rate, how they land, the drop they like, their budget) score each shoe of the
catalogue (``data/shoes.toml``). Every rule says why in plain words and names its study;
rules that no study tested say they are hipfirst's choice. The advice never presents a
shoe as a treatment: no shoe has been shown to prevent or treat kneecap pain or ITB
syndrome, and no shoe strengthens the hip (../shared/science/shoes.md, sections 4-5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.shoe_catalogue import (
    Shoe,
    ShoeCatalogue,
    SupportCategory,
    read_shoe_catalogue,
)

__all__ = [
    "ANSWER_FIELDS",
    "Advice",
    "FootStrike",
    "Pronation",
    "ShoeAdvice",
    "ShoeAnswers",
    "ShoeRecommendation",
    "parse_shoe_answers",
    "recommend_shoes",
    "shoe_advice_as_json",
]

#: The answers file's fields, in the order they are checked.
ANSWER_FIELDS = (
    "knee_collapse",
    "overpronation",
    "cadence_goal",
    "foot_strike",
    "preferred_drop_mm",
    "budget",
)
#: Drops accepted as a preference. Design choice: the catalogue runs from 0 to 12 mm and
#: traditional shoes reach about 16 mm; more is a likely typing mistake.
DROP_RANGE_MM = (0, 16)


class Pronation(StrEnum):
    """How much the runner's feet roll in when they land, as they see it."""

    NONE = "none"
    MILD = "mild"
    HEAVY = "heavy"


class FootStrike(StrEnum):
    """The part of the foot that lands first."""

    HEEL = "heel"
    MID = "mid"
    FORE = "fore"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ShoeAnswers:
    """The questionnaire's answers; None where the runner has no preference."""

    has_knee_collapse: bool  # the knee moves inward (movement check or single-leg squat)
    overpronation: Pronation
    has_cadence_goal: bool  # raising their step rate
    foot_strike: FootStrike
    preferred_drop_mm: int | None
    budget_usd: int | None


@dataclass(frozen=True, slots=True)
class Advice:
    """One plain sentence or two, and the studies behind it (keys of the catalogue's sources)."""

    text: str
    sources: tuple[str, ...]  # empty: hipfirst's own description or design choice


@dataclass(frozen=True, slots=True)
class ShoeRecommendation:
    """A shoe to try on, its score and why it was chosen."""

    shoe: Shoe
    score: int
    reasons: tuple[Advice, ...]


@dataclass(frozen=True, slots=True)
class ShoeAdvice:
    """The shoes to try on, best first, what shoes cannot do, and the full citations."""

    recommendations: tuple[ShoeRecommendation, ...]
    caveats: tuple[Advice, ...]
    sources: Mapping[str, str]


def parse_shoe_answers(document: Mapping[str, Any]) -> ShoeAnswers:  # Any: decoded JSON
    """Check an answers document and build the answers; a wrong answer raises.

    ``preferred_drop_mm`` and ``budget`` may be null or left out (no preference); the
    other four must be answered. An unknown field is refused, as a misspelt answer
    would otherwise be silently ignored.

    Raises
    ------
    InvalidAnswer
        ``field`` names the first answer that is missing, unknown or of the wrong kind.
    """
    if unknown := sorted(set(document) - set(ANSWER_FIELDS)):
        raise InvalidAnswer(
            f"{unknown[0]!r} is not a question of the shoe advisor.", field=unknown[0]
        )
    return ShoeAnswers(
        has_knee_collapse=_yes_no(document, "knee_collapse"),
        overpronation=Pronation(_choice(document, "overpronation", Pronation)),
        has_cadence_goal=_yes_no(document, "cadence_goal"),
        foot_strike=FootStrike(_choice(document, "foot_strike", FootStrike)),
        preferred_drop_mm=_whole(document, "preferred_drop_mm", *DROP_RANGE_MM),
        budget_usd=_whole(document, "budget", 1, None),
    )


def recommend_shoes(answers: ShoeAnswers, catalogue: ShoeCatalogue | None = None) -> ShoeAdvice:
    r"""Score every affordable shoe and return the best few, with reasons and caveats.

    Parameters
    ----------
    answers : ShoeAnswers
        The questionnaire's answers.
    catalogue : ShoeCatalogue, optional
        The shoes and rules; ``data/shoes.toml`` when not given.

    Returns
    -------
    ShoeAdvice
        ``rules.count`` shoes (3), or every affordable shoe when fewer cost no more than
        the budget; highest score first, then cheaper, then by id. Caveats always say
        what shoes cannot do.

    Notes
    -----
    A shoe over the budget is never recommended. The score adds each rule's points
    (``[weights]`` in the data file): feet that roll in a lot favour motion-control,
    then stability shoes, as motion-control shoes had fewer injuries than standard ones
    in one trial, most clearly in runners whose feet roll in [1]_ [2]_; feet that do not
    roll in favour neutral shoes, a light, comfortable shoe with little pronation-control
    technology being the general advice of a review [3]_; a drop close to the one
    preferred keeps the runner's comfort and habitual movement [4]_, and a much lower
    drop loses points, as low drops were linked to more injuries in regular runners [5]_.
    The heel-strike, light-shoe and knee-collapse rules are hipfirst's design choices
    and say so.

    References
    ----------
    .. [1] Malisoux L et al. Injury risk in runners using standard or motion control
       shoes. Br J Sports Med. 2016;50(8):481-487. doi:10.1136/bjsports-2015-095031.
    .. [2] Willems TM et al. J Orthop Sports Phys Ther. 2021;51(3):135-143.
       doi:10.2519/jospt.2021.9710.
    .. [3] Agresta C et al. Front Sports Act Living. 2022. doi:10.3389/fspor.2022.815675.
    .. [4] Nigg BM et al. Br J Sports Med. 2015;49(20):1290-1294.
       doi:10.1136/bjsports-2015-095054.
    .. [5] Malisoux L et al. Am J Sports Med. 2016;44(11):2933-2940.
       doi:10.1177/0363546516654690. All in ../shared/science/shoes.md.

    Examples
    --------
    >>> answers = ShoeAnswers(False, Pronation.NONE, False, FootStrike.UNKNOWN, None, None)
    >>> [pick.shoe.category.value for pick in recommend_shoes(answers).recommendations]
    ['neutral', 'neutral', 'neutral']
    """
    catalogue = catalogue or read_shoe_catalogue()
    affordable = [
        shoe
        for shoe in catalogue.shoes
        if answers.budget_usd is None or shoe.list_price_usd <= answers.budget_usd
    ]
    scored = sorted(
        (_scored(shoe, answers, catalogue) for shoe in affordable),
        key=lambda pick: (-pick.score, pick.shoe.list_price_usd, pick.shoe.id),
    )
    picks = tuple(scored[: catalogue.rules.count])
    return ShoeAdvice(
        recommendations=picks,
        caveats=_caveats(answers, picks, catalogue, affordable_count=len(affordable)),
        sources=catalogue.sources,
    )


def shoe_advice_as_json(advice: ShoeAdvice) -> dict[str, Any]:  # Any: a JSON document
    """The advice as ``{"recommendations": [{"id", "name", "reasons"}], "caveats"}``."""
    return {
        "recommendations": [
            {
                "id": pick.shoe.id,
                "name": pick.shoe.name,
                "reasons": [reason.text for reason in pick.reasons],
            }
            for pick in advice.recommendations
        ],
        "caveats": [caveat.text for caveat in advice.caveats],
    }


# --- The rules. Each takes a shoe and the answers and returns its points and, when the
# rule speaks for the shoe, the reason shown with it.
_Rule = Callable[[Shoe, ShoeAnswers, ShoeCatalogue], tuple[int, Advice | None]]

_CATEGORY_WORDS = {
    SupportCategory.NEUTRAL: "A neutral shoe",
    SupportCategory.STABILITY: "A stability shoe",
    SupportCategory.MOTION_CONTROL: "A motion-control shoe",
}


def _scored(shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue) -> ShoeRecommendation:
    score, reasons = 0, [_described(shoe, answers)]
    for rule in _RULES:
        points, reason = rule(shoe, answers, catalogue)
        score += points
        if reason is not None:
            reasons.append(reason)
    return ShoeRecommendation(shoe, score, tuple(reasons))


def _described(shoe: Shoe, answers: ShoeAnswers) -> Advice:
    budget = f", within your budget of {answers.budget_usd} dollars" if answers.budget_usd else ""
    return Advice(
        f"{_CATEGORY_WORDS[shoe.category]} with {shoe.support_technology}. Heel-to-toe "
        f"drop {shoe.drop_mm} mm; about {shoe.list_price_usd} dollars{budget}.",
        (),
    )


def _pronation(
    shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue
) -> tuple[int, Advice | None]:
    weights, category = catalogue.weights, shoe.category
    trial = (
        "In one randomised trial, runners whose feet rolled in had fewer injuries in "
        "motion-control shoes than in standard ones (Malisoux 2016); the evidence is limited."
    )
    if answers.overpronation is Pronation.HEAVY and category is not SupportCategory.NEUTRAL:
        points = (
            weights.pronation_heavy_motion_control
            if category is SupportCategory.MOTION_CONTROL
            else weights.pronation_heavy_stability
        )
        milder = (
            ""
            if category is SupportCategory.MOTION_CONTROL
            else " A stability shoe gives milder support than a motion-control shoe."
        )
        return points, Advice(
            f"You said your feet roll in a lot. {trial}{milder}", ("malisoux2016_motion",)
        )
    if answers.overpronation is Pronation.MILD and category is not SupportCategory.NEUTRAL:
        points = (
            weights.pronation_mild_motion_control
            if category is SupportCategory.MOTION_CONTROL
            else weights.pronation_mild_stability
        )
        return points, Advice(
            f"You said your feet roll in a little. {trial} Some support is an option, not a need.",
            ("malisoux2016_motion",),
        )
    if answers.overpronation is Pronation.NONE:
        if category is SupportCategory.NEUTRAL:
            return weights.pronation_none_neutral, Advice(
                "Your feet don't roll in much. A review suggests a light, comfortable shoe with "
                "little pronation-control technology for most runners (Agresta 2022).",
                ("agresta2022",),
            )
        if category is SupportCategory.MOTION_CONTROL:
            return weights.pronation_none_motion_control, None
    return 0, None


def _knee_collapse(
    shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue
) -> tuple[int, Advice | None]:
    # Design choice: the knee moving inward changes no shoe's score by itself (no shoe
    # study measured it); with feet that roll in, the trial's later analysis counted
    # kneecap pain among "pronation-related" injuries (Willems 2021, shoes.md F2).
    if (
        answers.has_knee_collapse
        and answers.overpronation is not Pronation.NONE
        and shoe.category is not SupportCategory.NEUTRAL
    ):
        return catalogue.weights.knee_collapse_with_pronation, Advice(
            "Your knee moves inward and your feet roll in. A later analysis of the same trial "
            "linked motion-control shoes with fewer pronation-related injuries, kneecap pain "
            "among them; it counted only 25 such injuries (Willems 2021).",
            ("willems2021",),
        )
    return 0, None


def _cadence(
    shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue
) -> tuple[int, Advice | None]:
    if answers.has_cadence_goal and shoe.weight_g <= catalogue.rules.light_max_g:
        return catalogue.weights.cadence_light, Advice(
            f"You are working on a quicker step, and this shoe is light ({shoe.weight_g} g). "
            "A light shoe is one review's general advice (Agresta 2022); no trial has tested "
            "shoes with step-rate training, so this is hipfirst's choice.",
            ("agresta2022",),
        )
    return 0, None


def _foot_strike(
    shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue
) -> tuple[int, Advice | None]:
    split = catalogue.rules.strike_drop_split_mm
    if answers.foot_strike is FootStrike.HEEL and shoe.drop_mm >= split:
        landing = "on your heel, and this shoe has a higher drop"
    elif answers.foot_strike in {FootStrike.MID, FootStrike.FORE} and shoe.drop_mm <= split:
        landing = "on your midfoot or forefoot, and this shoe has a lower drop"
    else:
        return 0, None
    return catalogue.weights.strike_drop, Advice(
        f"You land {landing}, which keeps your usual way of running. The 'preferred "
        "movement path' idea favours that (Nigg 2015); it is a proposal, not a tested rule.",
        ("nigg2015",),
    )


def _preferred_drop(
    shoe: Shoe, answers: ShoeAnswers, catalogue: ShoeCatalogue
) -> tuple[int, Advice | None]:
    if answers.preferred_drop_mm is None:
        return 0, None
    rules, weights = catalogue.rules, catalogue.weights
    lower_by_mm = answers.preferred_drop_mm - shoe.drop_mm
    if abs(lower_by_mm) <= rules.drop_near_mm:
        is_close = abs(lower_by_mm) <= rules.drop_close_mm
        how_near = "the same as" if lower_by_mm == 0 else "close to" if is_close else "near"
        return weights.drop_close if is_close else weights.drop_near, Advice(
            f"Its drop ({shoe.drop_mm} mm) is {how_near} the {answers.preferred_drop_mm} mm "
            "you prefer. Comfort is a reasonable way to choose a shoe (Nigg 2015).",
            ("nigg2015",),
        )
    if lower_by_mm > 0:
        return weights.drop_much_lower, Advice(
            f"Its drop is {lower_by_mm} mm lower than you prefer. In regular runners, lower "
            "drops were linked to more injuries in one trial (Malisoux 2016): change "
            "gradually, if at all.",
            ("malisoux2016_drop",),
        )
    return weights.drop_much_higher, Advice(
        f"Its drop is {-lower_by_mm} mm higher than you prefer, which may feel different.", ()
    )


_RULES: tuple[_Rule, ...] = (_pronation, _knee_collapse, _cadence, _foot_strike, _preferred_drop)


def _caveats(
    answers: ShoeAnswers,
    picks: Iterable[ShoeRecommendation],
    catalogue: ShoeCatalogue,
    *,
    affordable_count: int,
) -> tuple[Advice, ...]:
    picks = tuple(picks)
    caveats = [
        Advice(
            "No shoe has been shown to prevent or treat kneecap pain or ITB syndrome. Exercise "
            "and managing your running load are the treatments with evidence (Collins 2018).",
            ("collins2018",),
        ),
        Advice(
            "A shoe cannot strengthen your glutes or your hips. The hip programme is for that.",
            (),
        ),
        Advice(
            "Try shoes on and choose the one that feels most comfortable: comfort is a "
            "reasonable way to choose (Nigg 2015; Agresta 2022).",
            ("nigg2015", "agresta2022"),
        ),
    ]
    if answers.budget_usd is not None and affordable_count < catalogue.rules.count:
        caveats.append(_budget_caveat(answers.budget_usd, affordable_count, len(catalogue.shoes)))
    if answers.overpronation is not Pronation.NONE:
        caveats.append(
            Advice(
                "Feet that roll in do not, by themselves, cause knee pain: in 927 new runners in "
                "neutral shoes, those whose feet rolled in had no more injuries (Nielsen 2014).",
                ("nielsen2014",),
            )
        )
    if answers.has_knee_collapse:
        caveats.append(
            Advice(
                "A knee that moves inward is something to train, not to buy a shoe for: no shoe "
                "has been shown to change it. A quicker step reduced the hip's inward movement "
                "in studies (Heiderscheit 2011; Bramah 2019), and the hip programme trains the "
                "muscles that control it.",
                ("heiderscheit2011", "bramah2019"),
            )
        )
    if answers.has_cadence_goal:
        caveats.append(
            Advice("A shoe will not change your step rate; practise with the metronome.", ())
        )
    if any(pick.shoe.drop_mm <= catalogue.rules.low_drop_max_mm for pick in picks):
        caveats.append(
            Advice(
                "Running barefoot or in minimalist shoes lowered the load on the kneecap joint "
                "in lab studies but raised the load on the calf and Achilles (Bonacci 2014; "
                "Sinclair 2014, 2016). If you run regularly, switching to a low drop was linked "
                "to more injuries in one trial (Malisoux 2016): change gradually, if at all.",
                ("bonacci2014", "sinclair2014", "sinclair2016", "malisoux2016_drop"),
            )
        )
    caveats.append(
        Advice(
            "This is general information, not a medical recommendation. Drops, weights and "
            "prices are those published for the version named; they change with each version.",
            (),
        )
    )
    return tuple(caveats)


def _budget_caveat(budget_usd: int, affordable: int, total: int) -> Advice:
    if affordable == 0:
        return Advice(
            f"None of the {total} shoes in our list costs {budget_usd} dollars or less. A "
            "comfortable pair you already run in is a good choice.",
            (),
        )
    return Advice(
        f"Only {affordable} of the {total} shoes in our list cost {budget_usd} dollars or less.",
        (),
    )


# --- Reading the answers document.
def _yes_no(document: Mapping[str, Any], name: str) -> bool:  # Any: decoded JSON
    value = document.get(name)
    if not isinstance(value, bool):
        raise InvalidAnswer(f"Answer {name} with true or false.", field=name)
    return value


def _choice(document: Mapping[str, Any], name: str, choices: type[StrEnum]) -> str:  # Any: JSON
    value = document.get(name)
    allowed = [choice.value for choice in choices]
    if value not in allowed:
        raise InvalidAnswer(f"Answer {name} with one of: {', '.join(allowed)}.", field=name)
    return str(value)


def _whole(
    document: Mapping[str, Any], name: str, low: int, high: int | None
) -> int | None:  # Any: decoded JSON
    value = document.get(name)
    if value is None:
        return None
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if not is_number or value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise InvalidAnswer(f"Answer {name} with a whole number {span}, or null.", field=name)
    return int(value)
