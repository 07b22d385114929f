"""Progress charts: points inside the plot, labels inside the picture, nothing from nothing."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hipfirst.web.progress.charts import (
    CHAR_WIDTH,
    LEFT,
    PLOT_HEIGHT,
    PLOT_WIDTH,
    TOP,
    Reference,
    Series,
    bar_chart,
    time_chart,
)
from hipfirst.web.ui.charts import WIDTH

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
scores = st.floats(0, 100, allow_nan=False)


@given(points=st.lists(st.tuples(days, scores), min_size=1, max_size=60))
def test_every_point_lies_inside_the_plot(points: list[tuple[date, float]]) -> None:
    """Whatever the dates and values, each dot is drawn inside the plotting area."""
    chart = time_chart("Test", [Series("s", "#000", points)], y_unit="u")

    assert chart is not None
    for dot in chart.lines[0].dots:
        assert LEFT - 0.1 <= dot.x <= LEFT + PLOT_WIDTH + 0.1
        assert TOP - 0.1 <= dot.y <= TOP + PLOT_HEIGHT + 0.1


@given(points=st.lists(st.tuples(days, scores), min_size=1, max_size=60))
def test_date_labels_stay_inside_the_picture(points: list[tuple[date, float]]) -> None:
    """A label at either end is moved in rather than cut off at a phone's edge."""
    chart = time_chart("Test", [Series("s", "#000", points)], y_unit="u")

    assert chart is not None
    for tick in chart.x_ticks:
        half = len(tick.label) * CHAR_WIDTH / 2
        assert tick.at - half >= 0
        assert tick.at + half <= WIDTH


def test_one_score_is_a_dot_in_the_middle_of_a_week() -> None:
    """A single Kujala score is drawn as a dot, not a line, centred on its day."""
    chart = time_chart("Kujala", [Series("s", "#000", [(date(2025, 3, 3), 64)])], y_unit="u")

    assert chart is not None
    assert chart.lines[0].points == ""
    assert chart.lines[0].dots[0].x == LEFT + PLOT_WIDTH / 2


def test_no_points_draw_nothing() -> None:
    """Series without points give no chart at all ("not started yet")."""
    assert time_chart("Empty", [Series("s", "#000", [])], y_unit="u") is None
    assert bar_chart("Empty", [("1", None), ("2", None)], x_unit="week", y_unit="%") is None


def test_a_band_spans_its_values_on_a_fixed_axis() -> None:
    """A band from 54 to 74 on a 0–100 axis covers a fifth of the plot's height."""
    first = date(2025, 1, 6)
    chart = time_chart(
        "Kujala",
        [Series("s", "#000", [(first, 64), (first + timedelta(days=30), 80)])],
        y_unit="u",
        y_range=(0, 100),
        references=[Reference(54, "band", high=74)],
    )

    assert chart is not None
    assert chart.shade is not None
    assert abs(chart.shade.height - PLOT_HEIGHT * 0.2) < 0.01


def test_a_target_line_is_inside_an_axis_that_covers_it() -> None:
    """The cadence target above every measured week still fits on the axis."""
    first = date(2025, 1, 6)
    chart = time_chart(
        "Cadence",
        [Series("s", "#000", [(first, 160), (first + timedelta(days=7), 161)])],
        y_unit="spm",
        references=[Reference(172, "target")],
    )

    assert chart is not None
    assert TOP <= chart.guides[0].y <= TOP + PLOT_HEIGHT
    assert float(chart.y_ticks[-1].label) >= 172


def test_bars_scale_to_the_fixed_top() -> None:
    """A full week is a bar the plot's height; a week not due yet has no bar."""
    chart = bar_chart(
        "Adherence", [("1", 100.0), ("2", None), ("3", 50.0)], x_unit="week", y_unit="%", y_max=100
    )

    assert chart is not None
    assert [round(bar.height, 1) for bar in chart.bars] == [PLOT_HEIGHT, PLOT_HEIGHT / 2]
    assert chart.bars[0].label == "week 1: 100%"
