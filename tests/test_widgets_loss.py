"""Live demos of notebook 02_loss_mse: what a slider move changes (figure data and text)."""

import io

import numpy as np
import pytest
from matplotlib.image import imread

from nnlib import losses
from nnlib.widgets import loss

DEMOS = [loss.WeightCostDemo, loss.CostSurfaceDemo, loss.SigmoidCostDemo]


def xy(artist):
    x, y = artist.get_data()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def png_pixels(png):
    return imread(io.BytesIO(png))


# ------------------------------------------------------------------------ the numbers

def test_line_cost_is_the_mse_of_the_line_predictions():
    for w, b in [(0.5, 1.0), (1.5, 1.2), (-1.0, 5.0)]:
        y_hat = w * loss.LINE_X + b
        assert loss.line_cost(w, b) == pytest.approx(losses.mse(loss.LINE_Y, y_hat))


def test_line_cost_broadcasts_over_a_grid():
    J = loss.line_cost(np.array([[0.0], [1.0]]), np.array([0.0, 1.0, 2.0]))
    assert J.shape == (2, 3)
    assert J[1, 2] == pytest.approx(loss.line_cost(1.0, 2.0))


def test_best_line_is_the_least_squares_fit_and_a_minimum():
    w, b, J = loss.best_line()
    w_ref, b_ref = np.polyfit(loss.LINE_X, loss.LINE_Y, 1)
    assert (w, b) == pytest.approx((w_ref, b_ref))
    assert (w, b, J) == pytest.approx((1.4887, 1.1598, 0.2170), abs=1e-4)
    eps = 1e-3
    for dw, db in [(eps, 0), (-eps, 0), (0, eps), (0, -eps)]:
        assert loss.line_cost(w + dw, b + db) > J
    # the gradient vanishes there (finite differences)
    gw = (loss.line_cost(w + eps, b) - loss.line_cost(w - eps, b)) / (2 * eps)
    gb = (loss.line_cost(w, b + eps) - loss.line_cost(w, b - eps)) / (2 * eps)
    assert abs(gw) < 1e-9 and abs(gb) < 1e-9


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="one value per sample"):
        loss.line_cost(1.0, 0.0, x=[1, 2, 3], y=[1, 2])
    with pytest.raises(ValueError, match="two different values"):
        loss.best_line(x=[2, 2, 2], y=[1, 2, 3])
    with pytest.raises(ValueError, match="finite"):
        loss.sigmoid_costs([np.nan])
    with pytest.raises(ValueError, match="single number"):
        loss.SigmoidCostDemo(b=[1.0, 2.0])


def test_sigmoid_costs_match_nnlib_losses():
    ws = np.array([-3.0, -0.75, 0.0, 2.0, 8.0])
    j_mse, j_ce = loss.sigmoid_costs(ws)
    for w, a, c in zip(ws, j_mse, j_ce):
        z = w * loss.SIGMOID_X + loss.SIGMOID_B
        y_hat = 1 / (1 + np.exp(-z))
        assert a == pytest.approx(losses.mse(loss.SIGMOID_Y, y_hat))
        assert c == pytest.approx(losses.sigmoid_binary_cross_entropy(loss.SIGMOID_Y, z))
        if y_hat.min() > 1e-12 and y_hat.max() < 1 - 1e-12:   # no clamping in nnlib's BCE
            assert c == pytest.approx(losses.binary_cross_entropy(loss.SIGMOID_Y, y_hat))


def test_sigmoid_costs_are_finite_for_huge_weights_without_warnings():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        j_mse, j_ce = loss.sigmoid_costs([-1e4, 1e4])
    assert np.all(np.isfinite(j_mse)) and np.all(np.isfinite(j_ce))


def test_mse_of_the_sigmoid_is_not_convex_but_cross_entropy_is():
    ws = np.linspace(-4, 8, 481)
    j_mse, j_ce = loss.sigmoid_costs(ws)
    assert np.min(np.diff(j_mse, 2)) < -1e-4           # bends down somewhere
    assert np.min(np.diff(j_ce, 2)) > -1e-12           # never bends down
    mins = ws[loss.local_minima(j_mse)]
    assert mins.size == 1 and mins[0] == pytest.approx(-0.75, abs=0.05)
    assert j_mse[loss.local_minima(j_mse)][0] > j_mse.min() + 0.25   # a trap: not the lowest
    assert ws[loss.local_minima(j_ce)] == pytest.approx([0.625], abs=0.05)
    # the right end is a plateau: J hardly changes over the last two units of w
    assert abs(j_mse[-1] - j_mse[-81]) < 0.01


def test_sigmoid_slopes_match_finite_differences():
    eps = 1e-5
    for w in (-2.0, -0.75, 0.3, 5.0):
        d_mse, d_ce = loss.sigmoid_slopes(w)
        (m1, m2), (c1, c2) = loss.sigmoid_costs([w - eps, w + eps])
        assert d_mse == pytest.approx((m2 - m1) / (2 * eps), rel=1e-5, abs=1e-9)
        assert d_ce == pytest.approx((c2 - c1) / (2 * eps), rel=1e-5, abs=1e-9)


def test_local_minima_of_a_convex_and_a_wavy_curve():
    x = np.linspace(-3, 3, 61)
    assert list(loss.local_minima(x ** 2)) == [30]
    assert list(x[loss.local_minima(np.cos(3 * x))]) == pytest.approx([-1.0, 1.0], abs=0.06)
    assert loss.local_minima(x).size == 0                 # a straight line has no minimum


def test_error_segments_go_from_target_to_prediction():
    seg = loss.error_segments([1.0, 2.0], [3.0, 4.0], [2.5, 5.0])
    assert seg.shape == (2, 2, 2)
    assert seg[1].tolist() == [[2.0, 4.0], [2.0, 5.0]]
    # each segment is as long as the error |e| = |y − ŷ|
    assert np.abs(seg[:, 1, 1] - seg[:, 0, 1]).tolist() == [0.5, 1.0]


def test_no_label_calls_y_hat_minus_y_a_residual():
    # the course's word: the error e = y − ŷ; "residual" is never used for ŷ − y
    for cls in DEMOS:
        demo = cls()
        words = [t.get_text() for t in demo.figure.fig.legends[0].get_texts()]
        words += [ax.get_title() for ax in demo.figure.axes]
        text = " ".join(words) + demo.readout.value + demo.description()
        assert "residual" not in text.lower()
    demo = loss.WeightCostDemo()
    labels = [t.get_text() for t in demo.figure.fig.legends[0].get_texts()]
    assert r"error $e = y - \hat y$" in labels


# --------------------------------------------------------------------- WeightCostDemo

def test_weight_demo_moves_point_line_and_segments_and_writes_the_sum():
    demo = loss.WeightCostDemo()
    png = demo.figure.image.value
    demo.set(w=1.5, b=1.2)
    y_hat = 1.5 * loss.LINE_X + 1.2
    J = losses.mse(loss.LINE_Y, y_hat)
    wx, wy = xy(demo.point)
    assert wx[0] == 1.5 and wy[0] == pytest.approx(J)
    segs = demo.fit.segments.get_segments()
    assert np.allclose([s[1, 1] for s in segs], y_hat)
    assert np.allclose([s[0, 1] for s in segs], loss.LINE_Y)
    assert f"= {J:.3f}$" in demo.readout.value and r"\frac{1}{6}" in demo.readout.value
    assert r"\sum_i (y_i - \hat y_i)^2" in demo.readout.value
    squares = " + ".join(f"{v:.2f}" for v in (y_hat - loss.LINE_Y) ** 2)
    assert squares in demo.readout.value
    assert demo.fit.text.get_text() == f"J = {J:.3f}"
    assert demo.figure.image.value != png and demo.errors == []


def test_weight_demo_description_gives_the_sum_and_the_bottom_in_words():
    demo = loss.WeightCostDemo()           # w = 0.5, b = 1: the notebook's worked example
    words = demo.description()
    e = loss.LINE_Y - (0.5 * loss.LINE_X + 1.0)
    assert "e = y − ŷ" in words and ", ".join(f"{v:.2f}" for v in e) in words
    assert f"= {np.mean(e ** 2):.3f}" in words and "= 7.978" in words
    ws = demo.ws
    J = loss.line_cost(ws, 1.0)
    assert f"lowest (J = {J.min():.3f}) at w = {ws[np.argmin(J)]:.2f}" in words
    assert "left flank" in words
    assert f"$J = {J.min():.3f}$, at $w = {ws[np.argmin(J)]:.2f}$" in demo.readout.value
    demo.set(w=float(ws[np.argmin(J)]))
    assert "at its bottom" in demo.description()


def test_weight_demo_curve_follows_b_and_its_lowest_point_is_the_parabola_vertex():
    demo = loss.WeightCostDemo()
    demo.set(b=3.0)
    ws, J = xy(demo.curve)
    assert np.allclose(J, loss.line_cost(ws, 3.0))
    bx, _ = xy(demo.best)
    x, y = loss.LINE_X, loss.LINE_Y
    w_vertex = np.sum(x * (y - 3.0)) / np.sum(x * x)     # dJ/dw = 0 at this b
    assert bx[0] == pytest.approx(w_vertex, abs=ws[1] - ws[0])
    # moving w alone leaves the curve unchanged
    demo.controls["w"].value = 3.0
    assert np.allclose(xy(demo.curve)[1], J)


def test_weight_demo_point_stays_on_the_axes_at_the_extremes():
    demo = loss.WeightCostDemo()
    ax = demo.figure.axes[1]
    for w in (demo.controls["w"].min, demo.controls["w"].max):
        for b in (demo.controls["b"].min, demo.controls["b"].max):
            demo.set(w=w, b=b)
            assert 0 <= xy(demo.point)[1][0] <= ax.get_ylim()[1]
    assert demo.errors == []


def test_weight_demo_axis_shows_the_bottom_and_pins_a_point_above_it():
    demo = loss.WeightCostDemo()
    ax = demo.figure.axes[1]
    bs = np.linspace(-3, 5, 41)
    bottoms = loss.line_cost(demo.ws[None, :], bs[:, None]).min(axis=1)
    # the highest bottom the b slider reaches is 4.36 (at b = −3): the axis top is 20, not 120
    assert bottoms.max() == pytest.approx(4.363, abs=1e-3)
    assert ax.get_ylim() == (0.0, 20.0) and demo.j_top == 20.0
    for b in (-3.0, 1.0, 5.0):                  # the parabola's bottom is on the chart ...
        demo.set(b=b)
        assert xy(demo.best)[1][0] < 0.25 * ax.get_ylim()[1]
    demo.set(w=-1.0, b=-3.0)                    # ... and a point far above it is pinned
    J = loss.line_cost(-1.0, -3.0)
    assert J > 100 and xy(demo.point)[1][0] == 20.0 and demo.point.get_marker() == "^"
    assert demo.off_chart.get_text() == f"J = {J:.1f}, above the chart"
    assert "above the chart" in demo.description()
    demo.set(w=1.5, b=1.0)
    assert demo.point.get_marker() == "o" and demo.off_chart.get_text() == ""


def test_weight_demo_line_and_cost_curve_differ_in_colour_and_style():
    demo = loss.WeightCostDemo()
    line, curve = demo.fit.line, demo.curve
    assert line.get_color() != curve.get_color()
    assert line.get_linestyle() != curve.get_linestyle()


def test_weight_demo_presets_and_as_code():
    demo = loss.WeightCostDemo(w=2.5, b=0.0, w_range=(0.0, 3.0))
    assert demo.value("w") == 2.5 and demo.controls["w"].min == 0.0
    assert demo.curve.get_xdata()[0] == 0.0 and demo.curve.get_xdata()[-1] == 3.0
    assert demo.as_code() == "nnlib.widgets.loss.WeightCostDemo(w=2.5, b=0, w_range=(0, 3))"


def test_blitted_image_matches_a_full_redraw():
    demo = loss.WeightCostDemo()
    demo.set(w=2.2, b=-1.0)
    blitted = png_pixels(demo.figure.image.value)
    demo.figure.invalidate()
    demo.update()
    full = png_pixels(demo.figure.image.value)
    assert blitted.shape == full.shape
    assert np.abs(blitted - full).max() < 1e-6


# -------------------------------------------------------------------- CostSurfaceDemo

def test_surface_demo_places_the_point_label_and_slice():
    demo = loss.CostSurfaceDemo()
    demo.set(w=3.0, b=-2.0)
    J = loss.line_cost(3.0, -2.0)
    assert xy(demo.point)[0][0] == 3.0 and xy(demo.point)[1][0] == -2.0
    assert np.allclose(xy(demo.slice)[1], -2.0)
    assert demo.label.get_text() == f"J = {J:.3f}"
    x_lo, x_hi = demo.figure.axes[1].get_xlim()
    assert x_lo <= demo.label.get_position()[0] <= x_hi
    assert f"= {J:.3f}$" in demo.readout.value


def test_surface_demo_description_names_the_valley_the_star_and_the_slice():
    words = loss.CostSurfaceDemo().description()
    assert "J = (1/6)(0.06 + 3.80 + 3.06 + 6.76 + 19.36 + 14.82) = 7.978" in words
    assert "lowest (white star) J = 0.217 at w = 1.489, b = 1.160" in words
    assert "(w, b) = (0.50, 1.00)" in words and "slice b = 1.00" in words
    far = loss.CostSurfaceDemo(w_range=(2.0, 4.0), b_range=(-3.0, 0.0)).description()
    assert "outside this view" in far


def test_surface_demo_contour_is_the_cost_and_marks_the_least_squares_point():
    demo = loss.CostSurfaceDemo()
    assert demo.surface.cmap.name == "cividis"
    w, b, J = loss.best_line()
    assert (demo.w_best, demo.b_best) == pytest.approx((w, b))
    levels = demo.surface.levels
    assert levels[0] <= loss.line_cost(1.0, 1.0) <= levels[-1]
    corners = [loss.line_cost(w_, b_) for w_ in (-1, 4) for b_ in (-3, 5)]
    assert levels[-1] == pytest.approx(max(corners), rel=1e-9)
    stars = [l for l in demo.figure.axes[1].lines if l.get_marker() == "*"]
    assert len(stars) == 1 and xy(stars[0])[0][0] == pytest.approx(w)


# -------------------------------------------------------------------- SigmoidCostDemo

def test_sigmoid_demo_points_on_both_curves_and_verdicts():
    demo = loss.SigmoidCostDemo(marks=True)
    demo.controls["w"].value = -0.75
    j_mse, j_ce = loss.sigmoid_costs([-0.75])
    assert xy(demo.mse_point)[1][0] == pytest.approx(j_mse[0])
    assert xy(demo.ce_point)[1][0] == pytest.approx(j_ce[0])
    assert "a trap</b>" in demo.readout.value and "above the lowest, $0.143$" in demo.readout.value
    assert "cross-entropy" in demo.readout.value and r"\ln\hat y_i" in demo.readout.value
    assert demo.readout.value.endswith("downhill is to the right")   # cross-entropy's verdict
    demo.controls["w"].value = 8.0
    assert "plateau" in demo.readout.value
    demo.controls["w"].value = 0.6
    assert demo.readout.value.endswith("<b>at the minimum</b>")    # cross-entropy's minimum
    demo.controls["w"].value = 2.0
    assert "downhill is to the right" in demo.readout.value
    assert f"= {loss.sigmoid_costs([2.0])[1][0]:.3f}$" in demo.readout.value
    assert demo.errors == []


def test_sigmoid_demo_marks_the_trap_as_a_trap_and_the_lowest_j_where_it_is():
    demo = loss.SigmoidCostDemo(marks=True)
    ws = demo.ws
    mse, ce = demo.marks["MSE"], demo.marks["Cross-entropy"]
    # MSE: the one interior minimum (w ≈ −0.75, J ≈ 0.453) is a trap; the lowest J on the range
    # is the end of the right plateau, w = 8, where J creeps down towards 1/7
    (w_trap, j_trap), = mse["traps"]
    assert w_trap == pytest.approx(-0.757, abs=0.002) and j_trap == pytest.approx(0.453, abs=1e-3)
    assert mse["lowest"] == pytest.approx((8.0, demo.j_mse.min()))
    assert demo.j_mse.min() == pytest.approx(1 / 7, abs=1e-4) and 8.0 in mse["plateau_ends"]
    # cross-entropy: no trap, its lowest J is its one interior minimum
    assert ce["traps"] == [] and ce["lowest"][0] == pytest.approx(0.625, abs=0.05)
    ax_mse = demo.figure.axes[1]
    stars = [l for l in ax_mse.lines if l.get_marker() == "*"]
    rings = [l for l in ax_mse.lines if l.get_marker() == "o" and l.get_mfc() == "none"]
    assert len(stars) == 1 and xy(stars[0])[0][0] == 8.0
    assert len(rings) == 1 and xy(rings[0])[0][0] == pytest.approx(w_trap)
    texts = [t.get_text() for t in ax_mse.texts]
    assert "trap\nJ = 0.453" in texts and "plateau, lowest\nJ = 0.143" in texts
    labels = [t.get_text() for t in demo.figure.fig.legends[0].get_texts()]
    assert "minimum of J" not in labels
    assert "local minimum, not the lowest: a trap" in labels
    assert "lowest J on this range of w" in labels
    words = demo.description()
    assert "MSE is lowest on this range at w = 8.00 (J = 0.143), at the end of its right " \
           "plateau; it has a trap at w = −0.76 (J = 0.453)" in words
    assert "cross-entropy is lowest on this range at w = 0.61 (J = 1.708)" in words
    demo.controls["w"].value = -0.75           # the notebook's stored state
    assert "in a local minimum, a trap (its bottom: w = −0.76)" in demo.description()
    # the trap's bottom is refined beyond the grid: the slope of J_MSE vanishes there
    assert abs(loss.sigmoid_slopes(w_trap)[0]) < 1e-4
    assert abs(loss.sigmoid_slopes(ce["lowest"][0])[1]) < 1e-4
    assert ws[0] == -4.0


def test_sigmoid_demo_sigmoid_line_and_error_segments():
    demo = loss.SigmoidCostDemo()
    demo.controls["w"].value = 1.0
    xs, ys = xy(demo.sig_line)
    assert np.allclose(ys, 1 / (1 + np.exp(-(xs + loss.SIGMOID_B))))
    segs = demo.segments.get_segments()
    assert len(segs) == loss.SIGMOID_X.size
    assert np.allclose([s[0, 1] for s in segs], loss.SIGMOID_Y)


def test_sigmoid_demo_bias_preset_changes_the_curves_and_as_code():
    demo = loss.SigmoidCostDemo(b=0.0, w=1.0)
    assert demo.b == 0.0
    assert demo.as_code() == "nnlib.widgets.loss.SigmoidCostDemo(b=0, w=1, marks=False)"
    j_mse, _ = loss.sigmoid_costs(demo.ws, b=0.0)
    assert np.allclose(demo.j_mse, j_mse)
    assert demo.marks["MSE"]["traps"] == [] and demo.trap_key is None   # no trap at b = 0 ...
    assert 8.0 in demo.marks["MSE"]["plateau_ends"]                     # ... but the plateau
    assert demo.errors == []


# ------------------------------------------------------------------------------ sweep

@pytest.mark.parametrize("cls", DEMOS)
def test_every_slider_from_min_to_max_gives_a_finite_picture(cls):
    demo = cls()
    sliders = {n: c for n, c in demo.controls.items() if hasattr(c, "min")}
    boxes = [c for c in demo.controls.values() if not hasattr(c, "min")]
    for box in boxes:                                # both states of every check box
        box.value = not box.value
    for name, control in sliders.items():
        for v in np.linspace(control.min, control.max, 15):
            control.value = float(v)
            for artist in demo.figure.dynamic:
                if hasattr(artist, "get_data"):
                    assert np.all(np.isfinite(np.concatenate(xy(artist)))), (name, v)
                elif hasattr(artist, "get_segments"):
                    segs = artist.get_segments()
                    assert all(np.all(np.isfinite(s)) for s in segs), (name, v)
            assert "nan" not in demo.readout.value.lower() and "inf" not in demo.readout.value
            words = demo.description()               # the picture's text, at every setting
            assert words.startswith(("ŷ", "w =")) and "nan" not in words.lower()
            assert "inf" not in words and "$" not in words
    assert demo.errors == []
    assert demo.figure.image.value[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------------------ legends

@pytest.mark.parametrize("cls", DEMOS)
def test_legends_sit_below_the_axes_where_no_moving_artist_goes(cls):
    # a legend is part of the blitted background: inside an axes a moving line would cross it
    demo = cls()
    assert all(ax.get_legend() is None for ax in demo.figure.axes)
    (legend,) = demo.figure.fig.legends
    renderer = demo.figure.fig.canvas.get_renderer()
    top = legend.get_window_extent(renderer).y1
    assert all(top <= ax.get_window_extent(renderer).y0 for ax in demo.figure.axes)


def test_sigmoid_demo_titles_are_neutral_so_the_learner_finds_the_shapes():
    titles = [ax.get_title() for ax in loss.SigmoidCostDemo(b=0).figure.axes[1:]]
    assert titles == ["MSE", "Cross-entropy"]


def _visible_texts(demo):
    return [t.get_text() for ax in demo.figure.axes for t in ax.texts if t.get_visible()]


def test_sigmoid_demo_opens_without_marks_and_the_box_shows_them():
    demo = loss.SigmoidCostDemo(w=-2)                 # notebook 02's stored state
    assert demo.as_code() == "nnlib.widgets.loss.SigmoidCostDemo(w=-2, marks=False)"
    # no star, no ring, no "trap"/"plateau"/"lowest" word: the Think! prompts are not answered
    assert demo.mark_artists and not any(a.get_visible() for a in demo.mark_artists)
    assert not any("trap" in t or "plateau" in t or "lowest" in t for t in _visible_texts(demo))
    legend = demo.figure.fig.legends[0]
    shown = [t.get_text() for t in legend.get_texts() if t.get_visible()]
    assert shown == ["class 0", "class 1", r"$\hat y = \sigma(wx + b)$", r"error $e = y - \hat y$",
                     "current (w, J)"]
    words, text = demo.description(), demo.readout.value
    for spoiler in ("trap", "plateau", "lowest", "minimum", "convex"):
        assert spoiler not in words and spoiler not in text
    assert "downhill is to the right" in text
    # the text alternative still lets a reader find the shapes: the costs every 1 on w
    j_mse, j_ce = loss.sigmoid_costs([-1.0, 0.0, 1.0])
    assert (f"w = −1: ({j_mse[0]:.3f}, {j_ce[0]:.3f}); w = 0: ({j_mse[1]:.3f}, {j_ce[1]:.3f}); "
            f"w = 1: ({j_mse[2]:.3f}, {j_ce[2]:.3f})") in words
    assert j_mse[0] < j_mse[1] > j_mse[2]             # MSE dips and rises: the numbers show it
    before = demo.figure.image.value
    demo.controls["marks"].value = True               # tick the box
    assert all(a.get_visible() for a in demo.mark_artists)
    assert "trap\nJ = 0.453" in _visible_texts(demo)
    assert "local minimum, not the lowest: a trap" in [
        t.get_text() for t in legend.get_texts() if t.get_visible()]
    assert "it has a trap at w = −0.76 (J = 0.453)" in demo.description()
    assert demo.figure.image.value != before          # the background was redrawn
    demo.controls["w"].value = -0.75
    assert "a trap</b>" in demo.readout.value
    demo.controls["marks"].value = False
    assert "trap" not in demo.readout.value and "downhill is to the left" in demo.readout.value
    assert demo.errors == []
