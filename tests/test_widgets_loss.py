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


def test_residual_segments_go_from_target_to_prediction():
    seg = loss.residual_segments([1.0, 2.0], [3.0, 4.0], [2.5, 5.0])
    assert seg.shape == (2, 2, 2)
    assert seg[1].tolist() == [[2.0, 4.0], [2.0, 5.0]]


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
    squares = " + ".join(f"{v:.2f}" for v in (y_hat - loss.LINE_Y) ** 2)
    assert squares in demo.readout.value
    assert demo.fit.text.get_text() == f"J = {J:.3f}"
    assert demo.figure.image.value != png and demo.errors == []


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
    demo = loss.SigmoidCostDemo()
    demo.controls["w"].value = -0.75
    j_mse, j_ce = loss.sigmoid_costs([-0.75])
    assert xy(demo.mse_point)[1][0] == pytest.approx(j_mse[0])
    assert xy(demo.ce_point)[1][0] == pytest.approx(j_ce[0])
    assert "local minimum" in demo.readout.value
    demo.controls["w"].value = 8.0
    assert "plateau" in demo.readout.value
    demo.controls["w"].value = 2.0
    assert "downhill is to the right" in demo.readout.value
    assert f"= {loss.sigmoid_costs([2.0])[1][0]:.3f}$" in demo.readout.value
    assert demo.errors == []


def test_sigmoid_demo_sigmoid_line_and_residuals():
    demo = loss.SigmoidCostDemo()
    demo.controls["w"].value = 1.0
    xs, ys = xy(demo.sig_line)
    assert np.allclose(ys, 1 / (1 + np.exp(-(xs + loss.SIGMOID_B))))
    segs = demo.segments.get_segments()
    assert len(segs) == loss.SIGMOID_X.size
    assert np.allclose([s[0, 1] for s in segs], loss.SIGMOID_Y)


def test_sigmoid_demo_bias_preset_changes_the_curves_and_as_code():
    demo = loss.SigmoidCostDemo(b=0.0, w=1.0)
    assert demo.b == 0.0 and demo.as_code() == "nnlib.widgets.loss.SigmoidCostDemo(b=0, w=1)"
    j_mse, _ = loss.sigmoid_costs(demo.ws, b=0.0)
    assert np.allclose(demo.j_mse, j_mse)
    assert demo.errors == []


# ------------------------------------------------------------------------------ sweep

@pytest.mark.parametrize("cls", DEMOS)
def test_every_slider_from_min_to_max_gives_a_finite_picture(cls):
    demo = cls()
    for name, control in demo.controls.items():
        for v in np.linspace(control.min, control.max, 15):
            control.value = float(v)
            for artist in demo.figure.dynamic:
                if hasattr(artist, "get_data"):
                    assert np.all(np.isfinite(np.concatenate(xy(artist)))), (name, v)
                elif hasattr(artist, "get_segments"):
                    segs = artist.get_segments()
                    assert all(np.all(np.isfinite(s)) for s in segs), (name, v)
            assert "nan" not in demo.readout.value.lower() and "inf" not in demo.readout.value
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


def test_sigmoid_demo_titles_say_which_cost_is_convex():
    titles = [ax.get_title() for ax in loss.SigmoidCostDemo(b=0).figure.axes[1:]]
    assert titles == ["MSE: not convex", "Cross-entropy: convex"]
