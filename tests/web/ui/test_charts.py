"""Server-drawn line charts: points inside the plot, ticks that cover the data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hipfirst.web.ui.charts import HEIGHT, LEFT, RIGHT, TOP, WIDTH, line_chart

finite = st.floats(-1e4, 1e4, allow_nan=False)


@given(ys=st.lists(finite, min_size=2, max_size=500))
def test_every_point_lies_inside_the_plot(ys: list[float]) -> None:
    """Whatever the values, the polyline stays within the drawing area."""
    chart = line_chart("Test", [float(i) for i in range(len(ys))], ys, y_unit="u")

    assert chart is not None
    for point in chart.points.split():
        x, y = map(float, point.split(","))
        assert LEFT - 0.1 <= x <= WIDTH - RIGHT + 0.1
        assert TOP - 0.1 <= y <= HEIGHT + 0.1


def test_fewer_than_two_values_draw_nothing() -> None:
    """One known value (the rest missing) is not a line."""
    assert line_chart("Test", [0.0, 1.0, 2.0], [None, 5.0, None], y_unit="u") is None


def test_inverted_charts_put_small_values_at_the_top() -> None:
    """Pace: a faster (smaller) pace is drawn higher."""
    chart = line_chart("Pace", [0.0, 1.0], [4.0, 6.0], y_unit="min/km", invert=True)

    assert chart is not None
    first, second = (float(p.split(",")[1]) for p in chart.points.split())
    assert first < second


def test_long_series_are_thinned_to_a_few_hundred_points() -> None:
    """An hour at one record a second is not drawn as 3,600 points."""
    chart = line_chart(
        "HR", [i / 60 for i in range(3600)], [150.0 + i % 7 for i in range(3600)], y_unit="bpm"
    )

    assert chart is not None
    assert len(chart.points.split()) <= 600
