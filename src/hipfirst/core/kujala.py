r"""Kujala Anterior Knee Pain Scale (AKPS): score the 13 items and compare two scores.

The items, options and points live in ``data/kujala.toml`` with their source and the
notes on values that are not verified against the 1993 original
(../shared/science/kujala.md).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

from hipfirst.core.errors import InvalidAnswer

__all__ = [
    "AKPS_MCID_POINTS",
    "KUJALA_ITEMS",
    "KUJALA_VERSION",
    "KujalaChange",
    "KujalaChangeKind",
    "KujalaItem",
    "KujalaOption",
    "KujalaScore",
    "compare_kujala",
    "score_kujala",
]


@dataclass(frozen=True, slots=True)
class KujalaOption:
    """One answer to an AKPS item, with the points the published table gives it."""

    letter: str  # "a", "b", ... in the published order, best first
    published: str  # the wording of the published table [S3]
    text: str  # our plain-words rendering for runners
    points: int


@dataclass(frozen=True, slots=True)
class KujalaItem:
    """One of the 13 AKPS items, its options in published order."""

    number: int  # 1-13, the published numbering
    title: str  # the published item name
    question: str  # the item asked in plain words
    options: tuple[KujalaOption, ...]
    note: str | None  # why a value here is uncertain, if it is

    @property
    def max_points(self) -> int:
        """Points of the best option."""
        return max(option.points for option in self.options)

    @property
    def letters(self) -> tuple[str, ...]:
        """The option letters, in published order."""
        return tuple(option.letter for option in self.options)


@dataclass(frozen=True, slots=True)
class KujalaScore:
    """An AKPS total out of 100 (100 = no problems) with the points of each item."""

    total: int
    item_points: tuple[int, ...]  # in item order, 1-13
    letters: tuple[str, ...]  # the answers scored, in item order
    version: str  # "akps-13"; never compare scores of different versions
    meaning: str  # what the score means, in plain words


class KujalaChangeKind(StrEnum):
    """How a later AKPS total compares with an earlier one, against the MCID."""

    IMPROVED = "improved_meaningfully"
    LESS_THAN_MCID = "changed_less_than_mcid"
    WORSENED = "worsened_meaningfully"


@dataclass(frozen=True, slots=True)
class KujalaChange:
    """The change between two AKPS totals, judged against the MCID."""

    earlier_total: int
    later_total: int
    difference_points: int  # later minus earlier; positive is better
    mcid_points: int
    kind: KujalaChangeKind
    meaning: str


def _load() -> dict[str, Any]:  # Any: parsed TOML, checked field by field below
    text = resources.files("hipfirst.core").joinpath("data/kujala.toml").read_text("utf-8")
    return tomllib.loads(text)


def _items(table: Sequence[dict[str, Any]]) -> tuple[KujalaItem, ...]:  # Any: parsed TOML
    return tuple(
        KujalaItem(
            number=int(item["number"]),
            title=str(item["title"]),
            question=str(item["question"]),
            options=tuple(
                KujalaOption(
                    str(o["letter"]), str(o["published"]), str(o["text"]), int(o["points"])
                )
                for o in item["options"]
            ),
            note=str(item["note"]) if "note" in item else None,
        )
        for item in table
    )


_DATA = _load()
KUJALA_VERSION: str = str(_DATA["version"])
KUJALA_ITEMS: tuple[KujalaItem, ...] = _items(_DATA["items"])
AKPS_MCID_POINTS: int = int(_DATA["mcid"]["points"])  # Crossley et al. 2004, see compare_kujala
_CONTEXT: str = str(_DATA["context"]["text"])


def score_kujala(letters: Sequence[str]) -> KujalaScore:
    r"""Score the Kujala Anterior Knee Pain Scale (AKPS) from its 13 answers.

    Parameters
    ----------
    letters : Sequence[str]
        One option letter per item, in item order: ``"a"`` is each item's first
        (best) published option, ``"b"`` the next, and so on.

    Returns
    -------
    KujalaScore
        The total out of 100 (100 = no problems), the points of each item, the
        version id ``"akps-13"`` and what the total means in plain words.

    Raises
    ------
    InvalidAnswer
        If there are not exactly 13 answers (``field="kujala"``) or an answer is not
        one of its item's letters (``field="kujala[i]"``, ``i`` counting from 0).

    Notes
    -----
    The total is :math:`\sum_{i=1}^{13} p_i`, the points of the chosen options [1]_.
    Points follow the table in [2]_; three of them differ between published copies
    and none is checked against [1]_ (``data/kujala.toml``). No source gives a rule
    for missing answers, so all 13 are required. No diagnostic cut-off exists: the
    meaning gives context figures [3]_ [4]_, never a diagnosis.

    References
    ----------
    .. [1] Kujala UM, Jaakkola LH, Koskinen SK, et al. Scoring of patellofemoral
       disorders. Arthroscopy. 1993;9(2):159-163 (details UNVERIFIED, not read).
    .. [2] J Orthop. 2023;42:54-62. doi:10.1016/j.jor.2023.07.005, table undtbl2 [S3].
    .. [3] PMC8167821, Table 1 (adolescent girls with PF pain and controls) [S7].
    .. [4] Arabic Kujala validation. J Orthop Sci. 2018. PMID 30316659 [S8].
       All in ../shared/science/kujala.md.

    Examples
    --------
    >>> score_kujala(["a"] * 13).total
    100
    >>> score_kujala(["a", "a", "a", "b"] + ["a"] * 9).item_points[3]
    8
    """
    if isinstance(letters, str) or len(letters) != len(KUJALA_ITEMS):
        raise InvalidAnswer(
            f"The knee questionnaire needs exactly {len(KUJALA_ITEMS)} answers, one per question.",
            field="kujala",
        )
    points = tuple(
        _option(item, letter, index=index).points
        for index, (item, letter) in enumerate(zip(KUJALA_ITEMS, letters, strict=True))
    )
    total = sum(points)
    return KujalaScore(total, points, tuple(letters), KUJALA_VERSION, _score_meaning(total))


def _option(item: KujalaItem, letter: object, *, index: int) -> KujalaOption:
    for option in item.options:
        if option.letter == letter:
            return option
    choices = ", ".join(item.letters)
    raise InvalidAnswer(
        f"Knee question {item.number} ({item.title.lower()}) needs one of the answers {choices}.",
        field=f"kujala[{index}]",
    )


def _score_meaning(total: int) -> str:
    best = sum(item.max_points for item in KUJALA_ITEMS)
    opening = f"Your knee score is {total} out of {best}."
    if total == best:
        return f"{opening} You reported no knee problems on any question."
    return (
        f"{opening} {best} means no problems with daily activities and sport; the lower the "
        "score, the more your knee holds you back. The score is not a diagnosis, and no "
        "score shows which knee condition is behind it. Use it to follow your own progress: "
        f"a change of {AKPS_MCID_POINTS} points or more is one that people with kneecap pain "
        "notice. "
        f"{_CONTEXT}"
    )


def compare_kujala(earlier: KujalaScore, later: KujalaScore) -> KujalaChange:
    r"""Compare a later AKPS total with an earlier one against the MCID of 10 points.

    Parameters
    ----------
    earlier, later : KujalaScore
        Two scores of the same version, the earlier first.

    Returns
    -------
    KujalaChange
        The difference in points (positive is better), the MCID and whether the
        change is a meaningful improvement, a change smaller than the MCID or a
        meaningful worsening, with its meaning in plain words.

    Raises
    ------
    InvalidAnswer
        If the two scores come from different versions of the scale.

    Notes
    -----
    With :math:`\Delta = T_{later} - T_{earlier}`, the change is meaningful when
    :math:`|\Delta| \ge 10`, the minimal clinically important difference (MCID) for
    the AKPS in people with patellofemoral pain (PFP) [1]_. Other figures exist for
    other populations (8.5 or 13.5 after ligament surgery for kneecap instability,
    not PFP; kujala.md section 5 [S14]), so we do not use them.

    References
    ----------
    .. [1] Crossley KM, Bennell KL, Cowan SM, Green S. Analysis of outcome measures
       for persons with patellofemoral pain: which are reliable and valid? Arch Phys
       Med Rehabil. 2004;85(5):815-822. doi:10.1016/S0003-9993(03)00613-0.
       In ../shared/science/kujala.md, section 5 [S11].

    Examples
    --------
    >>> before = score_kujala(["b"] * 13)
    >>> compare_kujala(before, score_kujala(["a"] * 13)).kind
    <KujalaChangeKind.IMPROVED: 'improved_meaningfully'>
    """
    if earlier.version != later.version:
        raise InvalidAnswer(
            "These two knee scores come from different versions of the questionnaire.",
            field="kujala",
        )
    difference = later.total - earlier.total
    if difference >= AKPS_MCID_POINTS:
        kind = KujalaChangeKind.IMPROVED
    elif difference <= -AKPS_MCID_POINTS:
        kind = KujalaChangeKind.WORSENED
    else:
        kind = KujalaChangeKind.LESS_THAN_MCID
    return KujalaChange(
        earlier.total,
        later.total,
        difference,
        AKPS_MCID_POINTS,
        kind,
        _change_meaning(kind, difference),
    )


def _change_meaning(kind: KujalaChangeKind, difference: int) -> str:
    size = f"{abs(difference)} point{'' if abs(difference) == 1 else 's'}"
    threshold = (
        f"the {AKPS_MCID_POINTS} points that people with kneecap pain notice as a real change"
    )
    if kind is KujalaChangeKind.IMPROVED:
        return f"Your knee score rose by {size}: that is at least {threshold}. Well done."
    if kind is KujalaChangeKind.WORSENED:
        return (
            f"Your knee score fell by {size}: that is at least {threshold}. "
            "If your knee is getting worse, please tell your clinician."
        )
    if difference == 0:
        return (
            f"Your knee score has not changed; a real change is {AKPS_MCID_POINTS} points or more."
        )
    direction = "rose" if difference > 0 else "fell"
    return (
        f"Your knee score {direction} by {size}. That is less than {threshold}, "
        "so it may just be day-to-day variation."
    )
