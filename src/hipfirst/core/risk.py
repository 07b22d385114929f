"""The load-risk score: named components, each with its value, zone, source and advice.

* ``single_run_spike``  the longest run of the last days against the 30 days before it
* ``acwr``              the rolling-average acute:chronic workload ratio (ACWR)
* ``weekly_change``     distance of the last 7 days against the 7 before, in per cent
* ``consistency``       weeks with a run, of the last four
* ``pain_trend``        the highest pain of the last 7 days (only when pain is logged)

Every boundary is read from ``data/load_thresholds.toml``, which holds each with its
citation and how sure we are of it. Zones describe associations seen in cohorts of other
runners; the ACWR in particular is disputed (Impellizzeri et al. 2021), so the advice says
"associated with", never "predicts". The overall level is the highest zone of any component:
our choice, as no source combines them. The pain rules are the pain-monitoring model of
our choice, as no source combines them. The pain component reads the pain-monitoring model
of :mod:`hipfirst.core.pain` (Silbernagel et al. 2007).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hipfirst.core.acwr import rolling_acwr
from hipfirst.core.load import DailyRunning, biggest_spike, weekly_change_pct
from hipfirst.core.load_thresholds import LoadThresholds, read_load_thresholds
from hipfirst.core.pain import PainLog, PainState, pain_state

WEEKS_FOR_CONSISTENCY = 4  # the chronic window of Hulin et al. 2016, in 7-day windows


class RiskLevel(StrEnum):
    """A component's zone, and the overall level."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class ComponentId(StrEnum):
    """Stable ids of the risk components, for the API and the CLI."""

    SINGLE_RUN_SPIKE = "single_run_spike"
    ACWR = "acwr"
    WEEKLY_CHANGE = "weekly_change"
    CONSISTENCY = "consistency"
    PAIN_TREND = "pain_trend"


@dataclass(frozen=True, slots=True)
class RiskComponent:
    """One named part of the load-risk score."""

    id: ComponentId
    value: float | None  # None: not enough data yet
    zone: RiskLevel | None
    advice: str  # one plain sentence of what to do
    source: str


@dataclass(frozen=True, slots=True)
class LoadRisk:
    """The overall level (the highest zone of any component) and its components."""

    level: RiskLevel | None  # None when no component has data yet
    components: tuple[RiskComponent, ...]


def score_load_risk(
    daily: DailyRunning,
    pain_logs: Sequence[PainLog] = (),
    *,
    today: date,
    thresholds: LoadThresholds | None = None,
) -> LoadRisk:
    """Score the load risk on ``today`` from a runner's daily running and pain logs.

    Parameters
    ----------
    daily : DailyRunning
        From :func:`hipfirst.core.load.daily_running`.
    pain_logs : Sequence[PainLog]
        Pain scores; the pain component appears only when there are some.
    today : date
        The runner's local date.
    thresholds : LoadThresholds, optional
        Defaults to :func:`hipfirst.core.load_thresholds.read_load_thresholds`.
    """
    t = thresholds or read_load_thresholds()
    components = [
        _spike_component(daily, today, t),
        _acwr_component(daily, today, t),
        _change_component(daily, today, t),
        _consistency_component(daily, today, t),
    ]
    if pain_logs:
        components.append(_pain_component(pain_logs, today, t))
    zones = [c.zone for c in components if c.zone is not None]
    order = list(RiskLevel)
    level = max(zones, key=order.index) if zones else None
    return LoadRisk(level, tuple(components))


def _zone(*, is_high: bool, is_moderate: bool) -> RiskLevel:
    return RiskLevel.HIGH if is_high else RiskLevel.MODERATE if is_moderate else RiskLevel.LOW


def _spike_component(daily: DailyRunning, today: date, t: LoadThresholds) -> RiskComponent:
    days, limit_pct = t.spike_lookback_days, t.spike_moderate_above_pct
    spike = biggest_spike(daily.longest_run_km, today=today, days=days)
    source = t.source("single_run_spike")
    if spike is None:
        advice = (
            f"Not enough data yet: no run in the last {days} days with 30 days of runs before it."
        )
        return RiskComponent(ComponentId.SINGLE_RUN_SPIKE, None, None, advice, source)
    pct = spike.increase_pct
    zone = _zone(is_high=pct > t.spike_high_above_pct, is_moderate=pct > limit_pct)
    cap_km = spike.longest_prior_30d_km * (1 + limit_pct / 100)
    advice = (
        f"No run of the last {days} days was more than {limit_pct:.0f}% longer than your longest "
        "of the 30 days before it; keep long runs within that."
        if zone is RiskLevel.LOW
        else f"A run {pct:.0f}% longer than your longest of the previous 30 days is associated "
        f"with more overuse injuries; keep your next long runs under {cap_km:.1f} km."
    )
    return RiskComponent(ComponentId.SINGLE_RUN_SPIKE, pct, zone, advice, source)


def _acwr_component(daily: DailyRunning, today: date, t: LoadThresholds) -> RiskComponent:
    acwr = rolling_acwr(daily.distance_km, today=today)
    source = t.source("acwr")
    if acwr.ratio is None:
        advice = "Not enough data yet: the ratio needs 28 days of running history."
        return RiskComponent(ComponentId.ACWR, None, None, advice, source)
    ratio, usual_km = acwr.ratio, acwr.chronic_km_per_week
    is_high = ratio >= t.acwr_high_from
    zone = _zone(is_high=is_high, is_moderate=ratio > t.acwr_moderate_above)
    advice = (
        f"Your last 7 days were close to or below your 4-week average of {usual_km:.0f} km; "
        "this ratio is only weakly associated with injury in runners, so let pain guide you."
        if zone is RiskLevel.LOW
        else f"Your last 7 days were well above your 4-week average of {usual_km:.0f} km, which "
        "is associated with injury in team sports (disputed for runners); keep next week near "
        "that average."
    )
    return RiskComponent(ComponentId.ACWR, ratio, zone, advice, source)


def _change_component(daily: DailyRunning, today: date, t: LoadThresholds) -> RiskComponent:
    change_pct = weekly_change_pct(daily.distance_km, today=today)
    source, limit_pct = t.source("weekly_change"), t.change_moderate_above_pct
    if change_pct is None:
        advice = "Not enough data yet: this needs two weeks of history with running in both."
        return RiskComponent(ComponentId.WEEKLY_CHANGE, None, None, advice, source)
    is_high = change_pct > t.change_high_above_pct
    zone = _zone(is_high=is_high, is_moderate=change_pct > limit_pct)
    moved = f"rose by {change_pct:.0f}%" if change_pct > 0 else f"fell by {-change_pct:.0f}%"
    advice = (
        f"Your distance {moved} from the week before; keep any rise within {limit_pct:.0f}% a week."
        if zone is RiskLevel.LOW
        else f"You ran {change_pct:.0f}% more than the week before; rises like this are associated "
        "with more distance-related knee injuries, so keep next week no longer than this one."
    )
    return RiskComponent(ComponentId.WEEKLY_CHANGE, change_pct, zone, advice, source)


def _consistency_component(daily: DailyRunning, today: date, t: LoadThresholds) -> RiskComponent:
    source, days = t.source("consistency"), 7 * WEEKS_FOR_CONSISTENCY
    if (today - min(daily.distance_km, default=today)).days < days - 1:
        advice = f"Not enough data yet: this needs {WEEKS_FOR_CONSISTENCY} weeks of history."
        return RiskComponent(ComponentId.CONSISTENCY, None, None, advice, source)
    ran = [today - timedelta(days=d) in daily.distance_km for d in range(days)]
    weeks = sum(any(ran[7 * week : 7 * week + 7]) for week in range(WEEKS_FOR_CONSISTENCY))
    is_high = weeks < t.consistency_high_below_weeks
    zone = _zone(is_high=is_high, is_moderate=weeks < t.consistency_moderate_below_weeks)
    advice = {
        RiskLevel.LOW: "You ran in each of the last 4 weeks; keep that regular rhythm.",
        RiskLevel.MODERATE: f"You ran in {weeks} of the last 4 weeks; build up from what you ran "
        "lately, not from before the gap.",
        RiskLevel.HIGH: "You have not run for 4 weeks; start again with walk–run, not your old "
        "distance.",
    }[zone]
    return RiskComponent(ComponentId.CONSISTENCY, float(weeks), zone, advice, source)


def _pain_component(pain_logs: Sequence[PainLog], today: date, t: LoadThresholds) -> RiskComponent:
    state, source = pain_state(pain_logs, today=today, thresholds=t), t.source("pain")
    if state is None:
        advice = "No pain logged in the last 7 days: log it during and after runs."
        return RiskComponent(ComponentId.PAIN_TREND, None, None, advice, source)
    highest = max(log.pain_0_10 for log in pain_logs if 0 <= (today - log.on).days < 7)
    safe, ceiling = t.pain_safe_max_0_10, t.pain_acceptable_max_0_10
    zone, advice = {
        PainState.SAFE: (
            RiskLevel.LOW,
            f"Pain stayed at {safe}/10 or less; you can build up gently.",
        ),
        PainState.ACCEPTABLE: (
            RiskLevel.MODERATE,
            f"Pain up to {ceiling}/10 that settles by the next morning is acceptable; keep your "
            "distance the same this week.",
        ),
        PainState.WORSENING: (
            RiskLevel.MODERATE,
            "Your pain rose on the week before or had not settled by the next morning; step "
            "back a little this week.",
        ),
        PainState.UNACCEPTABLE: (
            RiskLevel.HIGH,
            f"Pain above {ceiling}/10 is more than the pain-monitoring model allows; switch to "
            "walk–run and see a physiotherapist if it does not settle.",
        ),
    }[state]
    return RiskComponent(ComponentId.PAIN_TREND, float(highest), zone, advice, source)
