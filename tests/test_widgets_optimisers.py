"""The demo and figure of notebook 05, driven as a learner would: every control across its range,
Step / Reset, and what the figure and the readout then say."""

import numpy as np
import pytest

from nnlib import bowl, optimizers
from nnlib.widgets import optimisers as W


DEFAULTS = dict(optimizer="momentum", lr=0.07, beta=0.6, beta1=0.9, beta2=0.999, step=200)


@pytest.fixture(scope="module")
def shared():
    """One demo for the whole module (building one takes most of a second)."""
    return W.BowlDemo()


def _demo(shared, **settings):
    """The shared demo, set to the defaults overridden by ``settings`` (one redraw), Play off."""
    shared.player.play.playing = False
    shared.set(**{**DEFAULTS, **settings})
    return shared


def _finite_artists(demo):
    lines = [line for ax in demo.figure.axes for line in ax.get_lines()]
    return all(np.all(np.isfinite(np.asarray(line.get_data(), dtype=float))) for line in lines)


def _control_values(widget, name, n=7):
    """n values from the minimum to the maximum of a slider (a log slider: in powers of ten)."""
    values = np.linspace(widget.min, widget.max, n)
    if name == "lr":
        return [10 ** v for v in values]
    if name == "step":
        return [int(round(v)) for v in values]
    return list(values)


def test_default_shows_momentum_arriving_long_before_gradient_descent():
    demo = W.BowlDemo()
    assert demo.value("optimizer") == "momentum" and demo.value("step") == demo.STEPS
    assert demo.cost_note.get_text() == "momentum: J < 10⁻⁶ at step 33"
    words = demo.description()
    assert "J < 10⁻⁶ at step 33" in words and "same α (dashed): J < 10⁻⁶ at step 110" in words
    assert "3.3 times as many steps" in words and "$" not in words
    # the dashed reference is gradient descent at the same α, point for point
    gd = bowl.path(optimizers.GradientDescent(0.07), demo.STEPS)
    np.testing.assert_allclose(np.asarray(demo.ref_line.get_data()).T, gd.theta)
    # and momentum ends far lower than gradient descent after the same number of steps
    assert demo.cost_done.get_data()[1][60] < 1e-3 * np.clip(gd.J[60], 1e-12, None)
    # what GitHub and nbviewer show: the picture, with the words as text
    bundle = demo._repr_mimebundle_()
    assert "image/png" in bundle and "J &lt; 10⁻⁶ at step 33" in bundle["text/html"]
    assert "3.3 times as many steps" in bundle["text/plain"]
    assert demo.errors == []


def test_sweep_every_control_over_its_range_for_every_optimiser(shared):
    demo = _demo(shared)
    for name in W.OPTIMIZERS:
        demo.controls["optimizer"].value = name
        for control, widget in demo.controls.items():
            if control == "optimizer":
                continue
            for v in _control_values(widget, control):
                widget.value = v
                assert _finite_artists(demo), (name, control, v)
                assert "nan" not in demo.readout.value.lower()
                assert "inf" not in demo.readout.value.lower()
            values = _control_values(widget, control)
            widget.value = values[len(values) // 2]
    assert demo.errors == []


@pytest.mark.parametrize("name", list(W.OPTIMIZERS))
def test_corners_of_the_controls_give_a_sensible_picture(shared, name):
    for lr in (1e-3, 1.0):
        for b in (0.0, 0.99):
            for step in (0, 200):
                demo = _demo(shared, optimizer=name, lr=lr, beta=b, beta1=b,
                             beta2=0.999 if b else 0.0, step=step)
                assert _finite_artists(demo), (lr, b, step)
                assert demo.cost_note.get_text().startswith(W.OPTIMIZERS[name])
                assert "nan" not in demo.description().lower()
    assert demo.errors == []


@pytest.mark.parametrize("name, lr, beta", [("gd", 1.0, 0.0), ("momentum", 1.0, 0.99),
                                            ("momentum", 0.2, 0.5), ("gd", 0.1, 0.0)])
def test_divergence_is_named_on_the_plot_never_drawn_as_nan(shared, name, lr, beta):
    demo = _demo(shared, optimizer=name, lr=lr, beta=beta, step=200)
    assert "diverged at step" in demo.cost_note.get_text()
    assert demo.path_note.get_text().startswith("diverged at step")
    assert "diverged at step" in demo.readout.value and "diverged" in demo.description()
    assert _finite_artists(demo) and demo.errors == []


def test_divergence_is_announced_before_it_happens_and_shown_once_reached(shared):
    demo = _demo(shared, optimizer="gd", lr=1.0, step=1)
    assert demo.cost_note.get_text() == "gradient descent: diverged at step 3"
    assert demo.path_note.get_text() == ""            # not yet reached on the path
    demo.player.step()
    demo.player.step()
    assert demo.path_note.get_text() == "diverged at step 3"


def test_gradient_descent_at_the_stable_limit_oscillates_for_ever(shared):
    demo = _demo(shared, optimizer="gd", lr=0.08, step=200)
    assert "oscillates for ever" in demo.cost_note.get_text()
    theta2 = demo.path_line.get_data()[1]
    np.testing.assert_allclose(np.abs(theta2), 1.0)            # θ2 flips between +1 and −1
    assert np.all(np.sign(theta2[1:]) == -np.sign(theta2[:-1]))
    assert "oscillates for ever" in demo.readout.value
    # just above the limit it grows but has not blown up within 200 steps: still named
    demo.controls["lr"].value = 0.0805
    assert "diverging" in demo.cost_note.get_text()


def test_a_diverging_comparison_path_stops_at_the_panel_edge_and_is_named(shared):
    demo = _demo(shared, optimizer="adam", lr=0.1, step=200)
    gd = bowl.path(optimizers.GradientDescent(0.1), demo.STEPS)      # diverges at step 18
    x, y = np.asarray(demo.ref_line.get_data())
    # (−4, 1) → (−3.6, −1.5) → (−3.24, 2.25): the third point is off the panel (|θ2| > 1.6)
    assert len(x) == 3 and abs(y[-1]) > demo.T2_LIM[1] and abs(y[-2]) < demo.T2_LIM[1]
    np.testing.assert_allclose(np.c_[x, y], gd.theta[:3])
    assert demo.ref_note.get_text() == "gradient descent:\ndiverged at step 18"
    nx, ny = demo.ref_note.get_position()                          # inside the panel
    assert demo.T1_LIM[0] < nx < demo.T1_LIM[1] and demo.T2_LIM[0] < ny < demo.T2_LIM[1]
    # the cost panel still shows its whole (short) run
    assert len(demo.ref_cost.get_data()[0]) == len(gd.J) == 18
    # a comparison that stays on the panel is drawn whole, with no note
    demo = _demo(shared, optimizer="momentum", lr=0.07, beta=0.6)
    assert len(demo.ref_line.get_data()[0]) == demo.STEPS + 1 and demo.ref_note.get_text() == ""
    # slowly diverging (not blown up within 200 steps): named as diverging
    demo = _demo(shared, optimizer="momentum", lr=0.0805, beta=0.5)
    assert "diverging, off the panel from step" in demo.ref_note.get_text()
    assert len(demo.ref_line.get_data()[0]) < demo.STEPS


def test_cost_panel_legend_is_short_and_low_costs_run_off_its_bottom(shared):
    demo = _demo(shared, optimizer="momentum", lr=0.07, beta=0.6, step=200)
    labels = [t.get_text() for t in demo.ax_cost.get_legend().get_texts()]
    assert labels == ["gradient descent, same α", "whole run", "up to step k",
                      "target $J = 10^{-6}$"]
    J = demo.cost_all.get_data()[1]
    run = bowl.path(optimizers.Momentum(0.07, beta=0.6), demo.STEPS)
    np.testing.assert_allclose(J, run.J)                 # drawn as computed, not floored
    assert J[-1] < demo.ax_cost.get_ylim()[0]            # below the panel: the line leaves it
    assert len(demo.cost_now.get_data()[0]) == 0         # so does the marker of step k
    demo.controls["step"].value = 30                     # J ≈ 2e-6 at step 30: on the panel
    assert demo.cost_now.get_data()[1][0] == pytest.approx(run.J[30])


def test_momentum_reaches_a_lower_cost_than_gradient_descent_in_the_same_steps(shared):
    for lr in (0.02, 0.05, 0.07):
        demo = _demo(shared, optimizer="momentum", lr=lr, beta=0.6, step=50)
        momentum_J = demo.cost_now.get_data()[1][0]
        demo.controls["optimizer"].value = "gd"
        gd_J = demo.cost_now.get_data()[1][0]
        assert momentum_J < 0.1 * gd_J, lr


def test_map_marks_the_setting_and_hides_it_for_adam(shared):
    demo = _demo(shared, optimizer="momentum", lr=0.05, beta=0.7)
    assert demo.map_point.get_data() == ([0.05], [0.7])
    assert not demo.map_veil.get_visible() and demo.map_note.get_text() == ""
    demo.controls["optimizer"].value = "gd"                     # gradient descent is β = 0
    assert demo.map_point.get_data() == ([0.05], [0.0])
    demo.controls["optimizer"].value = "adam"
    assert demo.map_point.get_data() == ([], []) and demo.map_veil.get_visible()
    assert "not on this map" in demo.map_note.get_text()


def test_betas_are_enabled_only_for_the_optimiser_that_uses_them(shared):
    demo = _demo(shared, optimizer="gd")
    assert demo.controls["beta"].disabled and demo.controls["beta1"].disabled
    demo.controls["optimizer"].value = "momentum"
    assert not demo.controls["beta"].disabled and demo.controls["beta2"].disabled
    demo.controls["optimizer"].value = "adam"
    assert demo.controls["beta"].disabled and not demo.controls["beta1"].disabled
    # a β that is not used does not change the run
    before = demo.cost_all.get_data()[1].copy()
    demo.controls["beta"].value = 0.1
    np.testing.assert_array_equal(demo.cost_all.get_data()[1], before)


def test_adam_first_step_is_alpha_on_both_axes_and_the_readout_says_so(shared):
    demo = _demo(shared, optimizer="adam", lr=0.1, step=1)
    x, y = demo.path_line.get_data()
    np.testing.assert_allclose([x[1] - x[0], y[1] - y[0]], [0.1, -0.1], rtol=1e-6)
    assert "1.00\\,\\alpha$ along $\\theta_1$ and $1.00\\,\\alpha$" in demo.readout.value
    # β1 = β2 = 0: m̂ = g and v̂ = g², so every step is ±α per axis (the sign of g), for ever
    demo.set(beta1=0.0, beta2=0.0, step=200)
    run = demo.run("adam", 0.1, 0.0, 0.0, 0.0)
    steps, g = np.abs(np.diff(run.theta, axis=0)), np.abs(run.G)
    np.testing.assert_allclose(steps[g > 1e-6], 0.1, rtol=1e-6)   # ε matters only at g ≈ 0
    assert np.all(steps <= 0.1 + 1e-12) and (g > 1e-6).mean() > 0.95
    np.testing.assert_allclose(np.asarray(demo.path_line.get_data()).T, run.theta)
    assert "J = 0.0083 after 200 steps" in demo.cost_note.get_text()


def test_step_reset_and_play_stops_at_the_end(shared):
    demo = _demo(shared, step=0)
    assert "step 0 of 200" in demo.readout.value and len(demo.path_line.get_data()[0]) == 1
    demo.player.step()
    demo.player.step()
    assert demo.value("step") == 2 and len(demo.path_line.get_data()[0]) == 3
    assert "this step moved" in demo.readout.value
    demo.player.reset()
    assert demo.value("step") == 0
    demo.controls["step"].value = demo.STEPS
    demo.player.play.playing = True
    demo.player.step()
    assert demo.value("step") == demo.STEPS and not demo.player.play.playing


def test_readout_shows_the_steep_axis_limit(shared):
    demo = _demo(shared, optimizer="momentum", lr=0.07, beta=0.6)
    text = demo.readout.value
    assert "2(1 + \\beta) = 3.2" in text and "\\alpha &lt; 0.128" in text
    assert "oscillates but converges" in text and "0.775" in text


def test_preset_round_trips_through_as_code_and_bad_preset_is_named():
    demo = W.BowlDemo(optimizer="adam", lr=0.1, step=150)
    assert demo.as_code() == ("nnlib.widgets.optimisers.BowlDemo(optimizer='adam', lr=0.1, "
                              "beta=0.6, beta1=0.9, beta2=0.999, step=150)")
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'"):
        W.BowlDemo(optimizer="rmsprop")


def test_plot_loss_curves_marks_when_each_run_reaches_the_target():
    curves = {"a": [1.0, 0.5, 0.05, 0.01], "b": [1.0, 0.9, 0.8, 0.7]}
    fig = W.plot_loss_curves(curves, target=0.1)
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert lines[0].get_linestyle() != lines[2].get_linestyle()     # styles differ, not only colour
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["3"]                                          # a reaches 0.05 < 0.1 at epoch 3
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="curves must be a non-empty dict"):
        W.plot_loss_curves([])


def test_plot_loss_curves_text_alternative_gives_the_numbers():
    from nnlib import plots
    curves = {"fast": [1.0, 0.5, 0.05, 0.0123], "slow": [1.0, 0.9, 0.8, 0.7]}
    fig = W.plot_loss_curves(curves, target=0.1, title="Two runs")
    words = plots.alt_text(fig)
    assert words.startswith("Two runs, on a log axis")
    assert "fast (solid): J first below 0.1 at epoch 3, J = 0.012 at epoch 4." in words
    assert "slow (dashed): J never below 0.1, J = 0.7 at epoch 4." in words
