"""Scoring and comparing the Kujala Anterior Knee Pain Scale (AKPS)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.kujala import (
    AKPS_MCID_POINTS,
    KUJALA_ITEMS,
    KujalaChangeKind,
    compare_kujala,
    score_kujala,
)
from tests.strategies import kujala_letters

# The published table [S3] (J Orthop 2023;42:54-62, PMC10362729, table undtbl2) as
# ../shared/science/kujala.md section 2 gives it, copied here by hand and independently
# of data/kujala.toml: (item, [(option, points), ...]) with options in published order.
PUBLISHED: list[tuple[str, list[tuple[str, int]]]] = [
    ("Limp", [("None", 5), ("Slight or periodical", 3), ("Constant", 0)]),
    (
        "Support",
        [("Full support without pain", 5), ("Painful", 3), ("Weight bearing impossible", 0)],
    ),
    ("Walking", [("Unlimited", 5), ("More than 2 km", 3), ("1–2 km", 2), ("Unable", 0)]),
    (
        "Stairs",
        [
            ("No difficulty", 10),
            ("Slight pain when descending", 8),
            ("Pain both when descending and ascending", 5),
            ("Unable", 0),
        ],
    ),
    (
        "Squatting",
        [
            ("No difficulty", 5),
            ("Repeated squatting painful", 4),
            ("Painful each time", 3),
            ("Possible with partial weight bearing", 2),
            ("Unable", 0),
        ],
    ),
    (
        "Running",
        [
            ("No difficulty", 10),
            ("Pain after more than 2 km", 8),
            ("Slight pain from start", 6),
            ("Severe pain", 3),
            ("Unable", 0),
        ],
    ),
    (
        "Jumping",
        [("No difficulty", 10), ("Slight difficulty", 7), ("Constant pain", 2), ("Unable", 0)],
    ),
    (
        "Prolonged sitting with the knees flexed",
        [
            ("No difficulty", 10),
            ("Pain after exercise", 8),
            ("Constant pain", 6),
            ("Pain forces to extend knees temporarily", 4),
            ("Unable", 0),
        ],
    ),
    (
        "Pain",
        [
            ("None", 10),
            ("Slight and occasional", 8),
            ("Interferes with sleep", 6),
            ("Occasionally severe", 3),
            ("Constant and severe", 0),
        ],
    ),
    (
        "Swelling",
        [
            ("None", 10),
            ("After severe exertion", 8),
            ("After daily activities", 6),
            ("Every evening", 4),
            ("Constant", 0),
        ],
    ),
    (
        "Abnormal painful kneecap (patellar) movements (subluxations)",
        [
            ("None", 10),
            ("Occasionally in sports activities", 6),
            ("Occasionally in daily activities", 4),
            ("At least one documented dislocation", 2),
            ("More than two dislocations", 0),
        ],
    ),
    ("Atrophy of thigh", [("None", 5), ("Slight", 3), ("Severe", 0)]),
    ("Flexion deficiency", [("None", 5), ("Slight", 3), ("Severe", 0)]),
]
EVERY_ANSWER = [
    pytest.param(index, "abcde"[choice], points, id=f"item{index + 1}-{'abcde'[choice]}")
    for index, (_, options) in enumerate(PUBLISHED)
    for choice, (_, points) in enumerate(options)
]


def answers_with(index: int, letter: str) -> list[str]:
    """The best answer to every item except one."""
    letters = ["a"] * 13
    letters[index] = letter
    return letters


def score_of(total: int) -> list[str]:
    """Answers that add up to `total`, for the totals these tests need."""
    letters = {
        100: ["a"] * 13,
        91: ["b", "a", "a", "c", "c"] + ["a"] * 8,  # 100 - 2 - 5 - 2
        90: answers_with(8, "e"),  # pain: constant and severe, 10 -> 0
        81: ["b", "a", "a", "c", "c"] + ["a"] * 3 + ["e"] + ["a"] * 4,
        80: ["a"] * 8 + ["e", "e"] + ["a"] * 3,
    }[total]
    assert score_kujala(letters).total == total
    return letters


@pytest.mark.parametrize(
    ("index", "published"),
    [pytest.param(index, row, id=f"item{index + 1}") for index, row in enumerate(PUBLISHED)],
)
def test_each_item_has_the_published_options_and_points(
    index: int, published: tuple[str, list[tuple[str, int]]]
) -> None:
    """Every item's title, options, their order and points match the published table."""
    item = KUJALA_ITEMS[index]

    assert item.number == index + 1
    assert item.title == published[0]
    assert [(o.published, o.points) for o in item.options] == published[1]
    assert item.letters == tuple("abcde"[: len(published[1])])


def test_the_scale_has_13_items() -> None:
    """The AKPS has 13 items."""
    assert len(KUJALA_ITEMS) == 13


@pytest.mark.parametrize(("index", "letter", "points"), EVERY_ANSWER)
def test_each_answer_scores_its_published_points(index: int, letter: str, points: int) -> None:
    """Choosing an option adds exactly the points the published table gives it."""
    score = score_kujala(answers_with(index, letter))

    assert score.item_points[index] == points
    assert score.total == 100 - (PUBLISHED[index][1][0][1] - points)


def test_the_best_answers_score_100() -> None:
    """Answering 'a' to every item (no problems) scores 100."""
    assert score_kujala(["a"] * 13).total == 100


def test_the_worst_answers_score_0() -> None:
    """Answering the last option of every item scores 0."""
    assert score_kujala([item.letters[-1] for item in KUJALA_ITEMS]).total == 0


@given(letters=kujala_letters)
def test_a_score_is_always_between_0_and_100(letters: list[str]) -> None:
    """Any complete set of answers scores from 0 to 100."""
    assert 0 <= score_kujala(letters).total <= 100


@given(letters=kujala_letters)
def test_the_total_is_the_sum_of_the_item_points(letters: list[str]) -> None:
    """The total adds up the points of the 13 items."""
    score = score_kujala(letters)

    assert score.total == sum(score.item_points)
    assert len(score.item_points) == 13


@given(letters=kujala_letters, index=st.integers(0, 12), data=st.data())
def test_raising_one_answers_points_never_lowers_the_total(
    letters: list[str], index: int, data: st.DataObject
) -> None:
    """Swapping one answer for an option worth at least as much never lowers the total."""
    item = KUJALA_ITEMS[index]
    before = score_kujala(letters)
    better = [o.letter for o in item.options if o.points >= before.item_points[index]]
    letters[index] = data.draw(st.sampled_from(better))

    assert score_kujala(letters).total >= before.total


@given(letters=kujala_letters)
def test_a_score_carries_the_version_id(letters: list[str]) -> None:
    """Every score records the 13-item version it comes from."""
    assert score_kujala(letters).version == "akps-13"


def test_twelve_answers_are_rejected_as_incomplete() -> None:
    """A partial questionnaire has no total; the error names the questionnaire."""
    with pytest.raises(InvalidAnswer) as raised:
        score_kujala(["a"] * 12)

    assert raised.value.field == "kujala"


def test_a_string_of_letters_is_not_taken_as_answers() -> None:
    """Thirteen letters in one string are rejected, not split into answers."""
    with pytest.raises(InvalidAnswer):
        score_kujala("aaaaaaaaaaaaa")


def test_an_unknown_letter_names_its_item() -> None:
    """An answer that is not one of its item's letters names that item, counting from 0."""
    with pytest.raises(InvalidAnswer) as raised:
        score_kujala(answers_with(3, "e"))

    assert raised.value.field == "kujala[3]"
    assert "a, b, c, d" in raised.value.message


def test_the_meaning_says_the_score_is_not_a_diagnosis() -> None:
    """The plain-words meaning gives no diagnostic cut-off and says so."""
    meaning = score_kujala(score_of(80)).meaning

    assert "80 out of 100" in meaning
    assert "not a diagnosis" in meaning
    assert "you have" not in meaning.lower()


@pytest.mark.parametrize("index", [0, 4, 6])
def test_the_disputed_values_are_marked_unverified(index: int) -> None:
    """Items 1, 5 and 7, where published copies disagree, carry an UNVERIFIED note."""
    note = KUJALA_ITEMS[index].note

    assert note is not None
    assert "UNVERIFIED" in note


def test_the_mcid_is_10_points() -> None:
    """The AKPS MCID is 10 points (Crossley et al. 2004)."""
    assert AKPS_MCID_POINTS == 10


def test_a_rise_of_exactly_10_points_is_a_meaningful_improvement() -> None:
    """A change equal to the MCID counts as meaningful."""
    change = compare_kujala(score_kujala(score_of(90)), score_kujala(score_of(100)))

    assert change.kind is KujalaChangeKind.IMPROVED
    assert change.difference_points == 10


def test_a_rise_of_9_points_is_less_than_the_mcid() -> None:
    """A change one point short of the MCID is not called meaningful."""
    change = compare_kujala(score_kujala(score_of(81)), score_kujala(score_of(90)))

    assert change.kind is KujalaChangeKind.LESS_THAN_MCID
    assert "less than" in change.meaning


def test_a_fall_of_10_points_is_a_meaningful_worsening() -> None:
    """A drop equal to the MCID counts as meaningfully worse."""
    change = compare_kujala(score_kujala(score_of(90)), score_kujala(score_of(80)))

    assert change.kind is KujalaChangeKind.WORSENED
    assert change.difference_points == -10


def test_a_fall_of_9_points_is_less_than_the_mcid() -> None:
    """A drop one point short of the MCID is not called meaningful."""
    change = compare_kujala(score_kujala(score_of(100)), score_kujala(score_of(91)))

    assert change.kind is KujalaChangeKind.LESS_THAN_MCID


@given(earlier=kujala_letters, later=kujala_letters)
def test_the_change_kind_follows_the_difference_and_the_mcid(
    earlier: list[str], later: list[str]
) -> None:
    """Improved at +10 or more, worsened at -10 or less, otherwise less than the MCID."""
    change = compare_kujala(score_kujala(earlier), score_kujala(later))
    expected = (
        KujalaChangeKind.IMPROVED
        if change.difference_points >= 10
        else KujalaChangeKind.WORSENED
        if change.difference_points <= -10
        else KujalaChangeKind.LESS_THAN_MCID
    )

    assert change.kind is expected
    assert change.difference_points == change.later_total - change.earlier_total


def test_scores_of_different_versions_are_not_compared() -> None:
    """Comparing an AKPS-13 score with another version's is refused."""
    score = score_kujala(score_of(90))
    other_version = dataclasses.replace(score, version="akps-11")

    with pytest.raises(InvalidAnswer):
        compare_kujala(other_version, score)
