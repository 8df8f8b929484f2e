"""Demos of notebook 03: the slope demo and the learning-rate demo, driven as a learner would."""

import numpy as np
import pytest

from nnlib import datasets
from nnlib.widgets import descent as D


# ----------------------------------------------------------------------- the numbers
def test_gradient_matches_finite_differences_and_vanishes_at_the_true_weights():
    X, y = datasets.load_linear_table()
    w = np.array(datasets.LINEAR_FIRST_GUESS)
    eps = 1e-6
    numeric = [(D.mse_cost(X, y, w + eps * e) - D.mse_cost(X, y, w - eps * e)) / (2 * eps)
               for e in np.eye(3)]
    assert D.mse_gradient(X, y, w) == pytest.approx(numeric, rel=1e-6)
    assert D.mse_gradient(X, y, datasets.LINEAR_WEIGHTS) == pytest.approx([0, 0, 0], abs=1e-12)


def test_first_guess_predicts_216_2_for_the_first_row_whose_target_is_13_5():
    X, y = datasets.load_linear_table()
    assert X[0] @ np.array(datasets.LINEAR_FIRST_GUESS) == pytest.approx(0.6 + 5.6 + 210)
    assert y[0] == 13.5


def test_stability_limit_of_the_table_is_two_over_lambda_max():
    X, _ = datasets.load_linear_table()
    limit = D.largest_stable_lr(X)
    assert limit == pytest.approx(0.026308, rel=1e-4)
    w0 = datasets.LINEAR_FIRST_GUESS
    below = D.descent_path(X, datasets.load_linear_table()[1], w0, 0.98 * limit, 2000)
    above = D.descent_path(X, datasets.load_linear_table()[1], w0, 1.02 * limit, 2000)
    assert below.diverged_at is None and below.J[-1] < 1e-6
    assert above.diverged_at is not None


def test_descent_recovers_the_generating_weights_like_least_squares():
    X, y = datasets.load_linear_table()
    p = D.descent_path(X, y, datasets.LINEAR_FIRST_GUESS, 0.02, 2000)
    lstsq = np.linalg.lstsq(X, y, rcond=None)[0]
    assert p.W[-1] == pytest.approx([0.5, 0.9, 1.2], abs=1e-3)
    assert lstsq == pytest.approx([0.5, 0.9, 1.2], abs=1e-9)


def test_descent_path_stops_at_divergence_without_warnings():
    X, y = datasets.load_linear_table()
    p = D.descent_path(X, y, datasets.LINEAR_FIRST_GUESS, 10.0, 500)
    assert p.diverged_at is not None and p.diverged_at < 10
    assert len(p.J) == p.diverged_at + 1 and np.all(np.isfinite(p.W))


@pytest.mark.parametrize("lr, kind", [(1e-4, "crawls"), (0.01, "converges"),
                                      (0.03, "oscillates"), (0.05, "diverges")])
def test_regime_of_the_two_weight_problem(lr, kind):
    X2, *_ = D.two_weight_problem()
    lams = np.linalg.eigvalsh(D.hessian(X2))
    assert D.regime(lr, lams[-1], lams[0]) == kind


def test_bad_inputs_name_what_was_expected():
    X, y = datasets.load_linear_table()
    with pytest.raises(ValueError, match="w must have 3 element"):
        D.mse_cost(X, y, [1.0, 2.0])
    with pytest.raises(ValueError, match="lr must be a positive number"):
        D.descent_path(X, y, [0, 0, 0], -1.0, 10)


# ---------------------------------------------------------------------- slope demo
def test_slope_demo_tangent_has_the_derivative_as_slope_and_names_uphill():
    demo = D.SlopeDemo(w=4.5)
    x, yv = demo.tangent.get_data()
    assert (yv[1] - yv[0]) / (x[1] - x[0]) == pytest.approx(3.0)  # 2(4.5 − 3)
    assert "uphill is to the right" in demo.readout.value and "= 3.00" in demo.readout.value
    assert demo.up_arrow.xy[0] > 4.5 > demo.down_arrow.xy[0]
    demo.controls["w"].value = 1.0
    assert "uphill is to the left" in demo.readout.value and "= -4.00" in demo.readout.value
    assert demo.up_arrow.xy[0] < 1.0 < demo.down_arrow.xy[0]
    demo.controls["w"].value = 3.0
    assert "flat" in demo.readout.value and not demo.up_arrow.get_visible()
    assert demo.errors == []


def test_slope_demo_wavy_curve_preset_and_as_code():
    demo = D.SlopeDemo(curve="wavy", w=2.0)
    J, s = D._wavy(2.0)
    assert demo.point.get_data()[1][0] == pytest.approx(J)
    assert f"= {s:.2f}" in demo.readout.value
    assert demo.as_code() == "nnlib.widgets.descent.SlopeDemo(w=2, curve='wavy')"


# -------------------------------------------------------------- learning-rate demo
def test_lr_demo_readout_shows_this_steps_update_with_numbers():
    demo = D.LearningRateDemo(lr=0.01, step=1)
    X2, y2, w0, _ = D.two_weight_problem()
    g = D.mse_gradient(X2, y2, w0)
    w1 = w0 - 0.01 * g
    text = demo.readout.value
    assert f"w_2 \\leftarrow 1.4 - 0.01 \\times ({g[0]:.4g}) = {w1[0]:.4g}" in text
    assert f"w_3 \\leftarrow 30 - 0.01 \\times ({g[1]:.4g}) = {w1[1]:.4g}" in text
    assert demo.current.get_data()[0][0] == pytest.approx(w1[0])
    assert "0.0388" in text  # the limit 2/λ_max of the two-weight problem


def test_lr_demo_player_steps_and_resets():
    demo = D.LearningRateDemo(step=0)
    assert "step 0" in demo.readout.value and len(demo.path_line.get_data()[0]) == 1
    demo.player.step()
    demo.player.step()
    assert demo.value("step") == 2 and len(demo.path_line.get_data()[0]) == 3
    demo.player.reset()
    assert demo.value("step") == 0
    demo.controls["step"].value = demo.controls["step"].max
    demo.player.play.playing = True
    demo.player.step()  # at the end: stops playing instead of stepping past it
    assert demo.value("step") == D.LearningRateDemo.STEPS and not demo.player.play.playing


@pytest.mark.parametrize("lr, words", [(1e-4, "crawls"), (0.01, "converges"),
                                       (0.035, "oscillates")])
def test_lr_demo_names_the_regime_on_the_plot(lr, words):
    demo = D.LearningRateDemo(lr=lr, step=200)
    assert words in demo.regime_note.get_text() and words in demo.readout.value
    assert demo.contour_note.get_text() == ""


def test_lr_demo_names_divergence_on_plot_and_readout_without_nan():
    demo = D.LearningRateDemo(lr=0.1, step=200)
    assert "diverged" in demo.regime_note.get_text()
    assert demo.contour_note.get_text().startswith("diverged at step")
    assert "diverged at step" in demo.readout.value and "nan" not in demo.readout.value.lower()
    for line in (demo.path_line, demo.loss_all, demo.loss_done):
        assert np.all(np.isfinite(np.asarray(line.get_data(), dtype=float)))
    demo.controls["step"].value = 2  # before the blow-up: announced, not yet on the contour
    assert demo.contour_note.get_text() == ""
    assert demo.regime_note.get_text() == "J: diverges at step 5"
    assert demo.errors == []


def test_lr_demo_teacher_preset_starts_diverging_and_round_trips():
    demo = D.LearningRateDemo(lr=0.05, step=150, lr_range=(1e-3, 0.1))
    assert demo.regime_note.get_text().startswith("J: diverged (step")
    assert demo.as_code() == ("nnlib.widgets.descent.LearningRateDemo("
                              "lr=0.05, step=150, lr_range=(0.001, 0.1))")


def _finite_artists(demo):
    lines = [l for ax in np.atleast_1d(demo.figure.axes) for l in ax.get_lines()]
    return all(np.all(np.isfinite(np.asarray(l.get_data(), dtype=float))) for l in lines)


@pytest.mark.parametrize("make", [D.SlopeDemo, lambda: D.SlopeDemo(curve="wavy"),
                                  D.LearningRateDemo])
def test_sweep_every_slider_from_min_to_max(make):
    demo = make()
    for name, widget in demo.controls.items():
        if not hasattr(widget, "min"):
            continue
        for v in np.linspace(widget.min, widget.max, 15):
            widget.value = 10 ** v if name == "lr" else (int(v) if name == "step" else v)
            assert _finite_artists(demo), (name, v)
    assert demo.errors == []


def test_unknown_curve_preset_names_the_choices():
    with pytest.raises(ValueError, match="unknown curve 'cubic'; expected one of: bowl, wavy"):
        D.SlopeDemo(curve="cubic")


def test_lr_demo_readout_at_step_zero_and_after_divergence():
    demo = D.LearningRateDemo(lr=0.01, step=0)
    text = demo.readout.value
    assert "step 0 of 200: the first guess" in text and "(1.4, 30)" in text
    demo.set(lr=0.1, step=100)
    assert "diverged at step 5" in demo.readout.value and "last finite values" in demo.readout.value
