"""The thresholds file, the pain-monitoring model and the load-risk score (issue 6)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipfirst.core.errors import InvalidAnswer
from hipfirst.core.load import DailyRunning, Run, daily_running
from hipfirst.core.load_thresholds import read_load_thresholds
from hipfirst.core.pain import PainLog, PainState, PainTiming, pain_state
from hipfirst.core.risk import ComponentId, RiskComponent, RiskLevel, score_load_risk
from tests.strategies import pain_scores_0_10, run_records

THRESHOLDS = read_load_thresholds()
TODAY = date(2024, 6, 30)  # a Sunday


def runs_on(*days_ago_km: tuple[int, float]) -> DailyRunning:
    """Runs at 07:00 UTC, each ``days_ago`` days before TODAY."""
    start = datetime(2024, 6, 30, 7, tzinfo=UTC)
    runs = [Run(start - timedelta(days=ago), km, km * 360) for ago, km in days_ago_km]
    return daily_running(runs, tz=UTC)


def steady_weeks(weeks: int, km_a_run: float = 5.0) -> list[tuple[int, float]]:
    """Runs on 3 days a week for ``weeks`` weeks before TODAY, oldest first."""
    return [(7 * w + d, km_a_run) for w in range(weeks) for d in (0, 2, 4)][::-1]


def component(
    daily: DailyRunning, wanted: ComponentId, logs: tuple[PainLog, ...] = ()
) -> RiskComponent:
    """The component ``wanted`` of the risk on TODAY."""
    risk = score_load_risk(daily, logs, today=TODAY)
    return next(c for c in risk.components if c.id is wanted)


def pain(days_ago: int, score: int, timing: PainTiming = PainTiming.DURING) -> PainLog:
    """A pain score ``days_ago`` days before TODAY."""
    return PainLog(TODAY - timedelta(days=days_ago), score, timing)


# The thresholds file


def test_every_section_of_the_thresholds_file_names_its_source_citation_and_status() -> None:
    """No threshold is without its citation and how sure we are of it."""
    text = (files("hipfirst.core") / "data" / "load_thresholds.toml").read_text(encoding="utf-8")

    for name, section in tomllib.loads(text).items():
        assert {"source", "citation", "status"} <= section.keys(), name


def test_the_thresholds_are_the_published_ones() -> None:
    """Frandsen's 10% and 100%, Gabbett's 1.3 and 1.5, Nielsen's 10% and 30%, pain 3 and 5."""
    t = THRESHOLDS

    assert (t.spike_moderate_above_pct, t.spike_high_above_pct) == (10, 100)
    assert (t.acwr_moderate_above, t.acwr_high_from) == (1.3, 1.5)
    assert (t.change_moderate_above_pct, t.change_high_above_pct) == (10, 30)
    assert (t.pain_safe_max_0_10, t.pain_acceptable_max_0_10) == (3, 5)


def test_the_walk_run_table_is_crowells_in_kilometres() -> None:
    """Six phases from 1 mile to 2 miles, the last one running non-stop."""
    phases = THRESHOLDS.walk_run_phases

    assert [p.phase for p in phases] == [1, 2, 3, 4, 5, 6]
    assert phases[0].session_km == pytest.approx(1.609344)
    assert phases[-1].run_min is None
    assert phases[-1].session_km == pytest.approx(3.218688)


@pytest.mark.parametrize("section", ["consistency", "monotony"])
def test_sections_without_a_verified_number_say_unverified(section: str) -> None:
    """Design choices and conventions from memory are marked as such in the data file."""
    text = (files("hipfirst.core") / "data" / "load_thresholds.toml").read_text(encoding="utf-8")

    assert "UNVERIFIED" in tomllib.loads(text)[section]["status"]


# The pain-monitoring model


def test_pain_of_3_or_less_is_safe() -> None:
    """0-3/10 is the safe band."""
    assert pain_state([pain(1, 3)], today=TODAY, thresholds=THRESHOLDS) is PainState.SAFE


def test_pain_of_4_or_5_that_settles_and_does_not_rise_is_acceptable() -> None:
    """Up to 5/10 is allowed when it does not rise on the week before."""
    logs = [pain(9, 5), pain(1, 5)]

    assert pain_state(logs, today=TODAY, thresholds=THRESHOLDS) is PainState.ACCEPTABLE


def test_pain_above_5_is_unacceptable() -> None:
    """Above 5/10 during or after running is more than the model allows."""
    assert pain_state([pain(1, 6)], today=TODAY, thresholds=THRESHOLDS) is PainState.UNACCEPTABLE


def test_pain_rising_on_the_week_before_above_the_safe_band_is_worsening() -> None:
    """4/10 after a week of 2/10 breaks the rule that pain may not rise week on week."""
    logs = [pain(9, 2), pain(1, 4)]

    assert pain_state(logs, today=TODAY, thresholds=THRESHOLDS) is PainState.WORSENING


def test_pain_rising_within_the_safe_band_is_still_safe() -> None:
    """1/10 to 3/10 is a rise, but within the safe band."""
    logs = [pain(9, 1), pain(1, 3)]

    assert pain_state(logs, today=TODAY, thresholds=THRESHOLDS) is PainState.SAFE


def test_next_morning_pain_above_the_safe_band_has_not_settled() -> None:
    """4/10 the morning after a run has not subsided by the next morning."""
    logs = [pain(2, 4, PainTiming.AFTER), pain(1, 4, PainTiming.NEXT_MORNING)]

    assert pain_state(logs, today=TODAY, thresholds=THRESHOLDS) is PainState.WORSENING


def test_no_pain_logged_this_week_is_not_enough_data() -> None:
    """Pain logged 8 days ago says nothing about this week."""
    assert pain_state([pain(8, 2)], today=TODAY, thresholds=THRESHOLDS) is None


def test_pain_logged_after_today_is_left_out() -> None:
    """A log dated tomorrow is not part of today's reading."""
    assert pain_state([pain(-1, 9)], today=TODAY, thresholds=THRESHOLDS) is None


def test_a_pain_score_above_10_is_refused() -> None:
    """The scale runs from 0 to 10."""
    with pytest.raises(InvalidAnswer) as raised:
        PainLog(TODAY, 11)

    assert raised.value.field == "pain_0_10"


# Components and their zones


def test_without_runs_or_pain_every_component_reads_not_enough_data() -> None:
    """A new runner gets no level and no zones, never a 0 dressed up as a result."""
    risk = score_load_risk(daily_running([], tz=UTC), today=TODAY)

    assert risk.level is None
    assert {c.zone for c in risk.components} == {None}
    assert all(
        c.value is None and c.advice.startswith("Not enough data yet") for c in risk.components
    )


def test_the_pain_component_shows_only_when_pain_is_logged() -> None:
    """Pain trend is a component when logged, and left out otherwise."""
    daily = runs_on(*steady_weeks(5))

    without = score_load_risk(daily, today=TODAY)
    with_pain = score_load_risk(daily, [pain(1, 2)], today=TODAY)

    assert ComponentId.PAIN_TREND not in {c.id for c in without.components}
    assert with_pain.components[-1].id is ComponentId.PAIN_TREND


@pytest.mark.parametrize(
    ("km", "zone"),
    [
        (10.5, RiskLevel.LOW),
        (11.0, RiskLevel.LOW),
        (12.0, RiskLevel.MODERATE),
        (25.0, RiskLevel.HIGH),
    ],
)
def test_a_long_run_is_zoned_by_its_increase_on_the_longest_of_30_days(
    km: float, zone: RiskLevel
) -> None:
    """Up to 10% above a 10 km longest run is low, more is moderate, more than double is high."""
    daily = runs_on((40, 10.0), (20, 10.0), (2, km))

    spike = component(daily, ComponentId.SINGLE_RUN_SPIKE)

    assert spike.zone is zone
    assert spike.value == pytest.approx(10 * km - 100)


@pytest.mark.parametrize(
    ("last_week_km", "zone"), [(20, RiskLevel.LOW), (30, RiskLevel.MODERATE), (40, RiskLevel.HIGH)]
)
def test_the_acwr_component_uses_the_rolling_ratio_and_its_zones(
    last_week_km: float, zone: RiskLevel
) -> None:
    """After three 20 km weeks, 20 km reads 1, 30 km reads 1.33 and 40 km reads 1.6."""
    daily = runs_on((27, 20), (20, 20), (13, 20), (6, last_week_km))

    acwr = component(daily, ComponentId.ACWR)

    assert acwr.zone is zone
    assert acwr.value == pytest.approx(last_week_km / ((60 + last_week_km) / 4))


def test_a_ratio_of_exactly_1_5_is_already_high() -> None:
    """Gabbett's danger zone starts at 1.5 itself."""
    daily = runs_on((27, 10), (20, 10), (13, 10), (6, 18))  # 18 / (48 / 4) = 1.5

    assert component(daily, ComponentId.ACWR).zone is RiskLevel.HIGH


@pytest.mark.parametrize(
    ("this_week_km", "zone"), [(22, RiskLevel.LOW), (25, RiskLevel.MODERATE), (27, RiskLevel.HIGH)]
)
def test_the_weekly_change_is_zoned_by_nielsens_groups(
    this_week_km: float, zone: RiskLevel
) -> None:
    """Against 20 km: +10% is low, +25% moderate, +35% high."""
    daily = runs_on((13, 20), (3, this_week_km))

    assert component(daily, ComponentId.WEEKLY_CHANGE).zone is zone


@pytest.mark.parametrize(
    ("days_ago", "weeks", "zone"),
    [((0, 7, 14, 21), 4, RiskLevel.LOW), ((0, 14), 2, RiskLevel.MODERATE), ((), 0, RiskLevel.HIGH)],
)
def test_consistency_counts_the_weeks_with_a_run_of_the_last_four(
    days_ago: tuple[int, ...], weeks: int, zone: RiskLevel
) -> None:
    """Every week is low, gaps are moderate, four weeks without a run is high."""
    daily = runs_on((60, 5), *((d, 5.0) for d in days_ago))

    consistency = component(daily, ComponentId.CONSISTENCY)

    assert (consistency.value, consistency.zone) == (weeks, zone)


@pytest.mark.parametrize(
    ("logs", "zone"),
    [
        ((pain(1, 2),), RiskLevel.LOW),
        ((pain(1, 5),), RiskLevel.MODERATE),
        ((pain(9, 2), pain(1, 4)), RiskLevel.MODERATE),
        ((pain(1, 7),), RiskLevel.HIGH),
    ],
)
def test_the_pain_component_follows_the_pain_monitoring_model(
    logs: tuple[PainLog, ...], zone: RiskLevel
) -> None:
    """Safe is low, acceptable or worsening is moderate, above 5/10 is high."""
    assert component(runs_on(*steady_weeks(5)), ComponentId.PAIN_TREND, logs).zone is zone


def test_the_overall_level_is_the_highest_zone_of_any_component() -> None:
    """One high component makes the level high, whatever the others say."""
    risk = score_load_risk(runs_on(*steady_weeks(5)), [pain(1, 8)], today=TODAY)

    assert risk.level is RiskLevel.HIGH
    assert [c.zone for c in risk.components].count(RiskLevel.HIGH) == 1


def test_thresholds_can_be_passed_in_instead_of_read() -> None:
    """A stricter spike limit turns a 5% longer run moderate."""
    strict = replace(THRESHOLDS, spike_moderate_above_pct=4.0)
    daily = runs_on((40, 10.0), (20, 10.0), (2, 10.5))

    risk = score_load_risk(daily, today=TODAY, thresholds=strict)

    assert risk.components[0].zone is RiskLevel.MODERATE


@given(records=run_records, scores=st.lists(pain_scores_0_10, max_size=5))
def test_the_advice_says_associated_with_and_never_predicts(
    records: list[tuple[datetime, float]], scores: list[int]
) -> None:
    """Whatever the data, no advice claims to predict an injury."""
    daily = daily_running([Run(s, km, 1800) for s, km in records], tz=UTC)
    logs = [PainLog(date(2024, 11, 30) - timedelta(days=i), s) for i, s in enumerate(scores)]

    risk = score_load_risk(daily, logs, today=date(2024, 11, 30))

    zones = [c.zone for c in risk.components if c.zone is not None]
    assert risk.level == (max(zones, key=list(RiskLevel).index) if zones else None)
    assert not any("predict" in c.advice.lower() for c in risk.components)
