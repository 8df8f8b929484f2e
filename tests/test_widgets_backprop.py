"""Live demos of notebook 04: the chain-rule graph, the one-weight gradient check, and the
figure of the backward pass in shapes."""

import numpy as np
import pytest

from nnlib import MLP, activations, datasets, gradcheck
from nnlib.widgets import backprop
from nnlib.widgets.backprop import ChainRuleDemo, GradCheckDemo, draw_gradient_shapes

DEMOS = [ChainRuleDemo, GradCheckDemo]


def finite_difference(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def neuron_loss(w, b, x, y):
    return (float(activations.sigmoid(w * x + b)) - y) ** 2


# ----------------------------------------------------------------------------- chain rule

def test_chain_rule_numbers_by_hand_at_the_default_setting():
    demo = ChainRuleDemo()                    # w = 0.5, b = 0, x = 1.5, y = 1
    v = demo.compute()
    assert v["z"] == pytest.approx(0.75)
    assert v["y_hat"] == pytest.approx(1 / (1 + np.exp(-0.75)))
    assert v["dL/dy_hat"] == pytest.approx(2 * (v["y_hat"] - 1))
    assert v["dL/dw"] == pytest.approx(v["dL/dy_hat"] * v["y_hat"] * (1 - v["y_hat"]) * 1.5)
    assert demo.value_text["z"].get_text() == "z = 0.750"
    assert demo.value_text["y_hat"].get_text() == "ŷ = 0.679"             # the output is ŷ
    assert demo.grad_text["y_hat"].get_text() == f"∂L/∂ŷ = {v['dL/dy_hat']:.3f}"
    assert demo.grad_text["w"].get_text() == f"∂L/∂w = {v['dL/dw']:.3f}"
    assert demo.errors == []


@pytest.mark.parametrize("w, b, x, y", [(0.5, 0.0, 1.5, 1.0), (-2.0, 1.0, -0.7, 0.0),
                                        (3.0, -4.0, 2.5, 1.0), (1.2, 0.3, 0.0, 0.4)])
def test_chain_rule_gradients_match_finite_differences(w, b, x, y):
    demo = ChainRuleDemo(y=y)
    demo.set(w=w, b=b, x=x)
    v = demo.compute()
    assert v["dL/dw"] == pytest.approx(finite_difference(lambda t: neuron_loss(t, b, x, y), w),
                                       abs=1e-8)
    assert v["dL/db"] == pytest.approx(finite_difference(lambda t: neuron_loss(w, t, x, y), b),
                                       abs=1e-8)
    assert v["dL/dx"] == pytest.approx(finite_difference(lambda t: neuron_loss(w, b, t, y), x),
                                       abs=1e-8)
    assert v["L"] == pytest.approx(neuron_loss(w, b, x, y))


def test_chain_rule_moving_a_slider_rewrites_graph_readout_and_image():
    demo = ChainRuleDemo()
    png, readout = demo.figure.image.value, demo.readout.value
    demo.controls["x"].value = 2.0
    assert demo.edge_text[("w", "z")].get_text() == "∂z/∂w = x"      # its number: x's value
    assert demo.value_text["x"].get_text() == "x = 2.000"
    sigma_prime = demo.compute()["sigma'"]
    assert demo.edge_text[("z", "y_hat")].get_text() == f"∂ŷ/∂z = σ'(z)\n= {sigma_prime:.3f}"
    assert demo.readout.value != readout and "(2.000) =" in demo.readout.value
    assert demo.figure.image.value != png and demo.figure.image.value[:4] == b"\x89PNG"


def test_chain_rule_names_saturation_and_x_zero_kills_the_weight_gradient():
    demo = ChainRuleDemo()
    demo.set(w=4.0, x=3.0, b=4.0)
    assert "saturated" in demo.readout.value
    assert "e-" in demo.grad_text["w"].get_text()          # tiny numbers in scientific notation
    demo.set(w=1.0, x=0.0, b=0.0)
    assert demo.grad_text["w"].get_text() == "∂L/∂w = 0.000"
    assert demo.grad_text["b"].get_text() == "∂L/∂b = -0.250"       # z = 0: 2(0.5 − 1)·0.25
    assert "saturated" not in demo.readout.value and "x = 0" in demo.readout.value


def test_chain_rule_readout_writes_tiny_numbers_as_powers_of_ten():
    demo = ChainRuleDemo()
    demo.set(w=-4.0, x=3.0, b=-4.0)                    # z = -16: a ≈ 1.1e-7, L ≈ 1
    v = demo.compute()
    assert v["L"] == pytest.approx(1.0, abs=1e-6) and v["sigma'"] < 1e-6
    assert "1.13\\times10^{-7}" in demo.readout.value
    assert "e-0" not in demo.readout.value
    assert "saturated" in demo.readout.value
    demo.set(w=0.5, x=1.5, b=0.0)
    assert "at most 0.25" in demo.readout.value


def test_chain_rule_preset_target_and_ranges_round_trip():
    demo = ChainRuleDemo(y=0.0, w=3.0, w_range=(-1.0, 5.0))
    assert demo.y == 0.0 and demo.value("w") == 3.0 and demo.controls["w"].max == 5.0
    assert demo.as_code() == ("nnlib.widgets.backprop.ChainRuleDemo(y=0, w=3, b=0, x=1.5, "
                              "w_range=(-1, 5))")
    with pytest.raises(ValueError, match="y must be a finite number"):
        ChainRuleDemo(y=float("nan"))


# ------------------------------------------------------------------------- gradient check

def test_exam_network_reproduces_the_article_first_sample():
    net = backprop.exam_network()
    X_raw, _ = datasets.load_exam_scores()
    X, _ = datasets.load_exam_scores(scaled=True)
    assert net.forward(X_raw[:1])[0, 0] == pytest.approx(0.8567, abs=1e-4)   # the article's .85
    assert net.forward(X[:1])[0, 0] == pytest.approx(0.7748, abs=1e-4)       # scaled inputs
    assert (X_raw[:1] @ net.params[0]).ravel() == pytest.approx([7.6, 3.9, 6.5])


def test_article_085_fixes_only_the_sum_of_the_output_weights():
    """With the raw hours the hidden units are ≈ 1, so any split of 1.8 gives ≈ 0.857."""
    X_raw, _ = datasets.load_exam_scores()
    for W2 in ([[0.6], [0.6], [0.6]], [[1.8], [0.0], [0.0]], [[0.0], [0.0], [1.8]]):
        net = backprop.exam_network()
        net.params[1][...] = W2
        assert net.forward(X_raw[:1])[0, 0] == pytest.approx(0.857, abs=2e-3)
    net = backprop.exam_network()
    assert np.sum(net.params[1]) == pytest.approx(1.8)


def test_gradcheck_backprop_gradient_is_nnlib_and_matches_finite_differences():
    demo = GradCheckDemo()
    net = backprop.exam_network()
    X, y = datasets.load_exam_scores(scaled=True)
    grads = net.backward(X, y[:, None])
    assert demo.backprop == pytest.approx(np.concatenate([g.ravel() for g in grads]))
    for k in range(9):
        slope, _, _ = demo.numerical_slope(k, 1e-6)
        assert gradcheck.relative_error(slope, demo.backprop[k]) < 1e-7


def test_gradcheck_costs_along_a_weight_equal_the_network_loss():
    demo = GradCheckDemo()
    net = backprop.exam_network()
    X, y = datasets.load_exam_scores(scaled=True)
    net.params[1][2, 0] = -0.3                                   # weight 8 = W2[2, 0]
    assert demo.costs(8, [-0.3])[0] == pytest.approx(net.loss(X, y))
    net.params[0][1, 0] = 1.7                                    # weight 3 = W1[1, 0]
    net.params[1][2, 0] = 0.9
    assert demo.costs(3, [1.7])[0] == pytest.approx(net.loss(X, y))


def test_gradcheck_readout_and_artists_follow_the_sliders():
    demo = GradCheckDemo()
    demo.set(weight=8, eps=1.0)
    w, g = 0.9, demo.backprop[8]
    slope, up, down = demo.numerical_slope(8, 1.0)
    assert demo.weight_text.get_text() == "W2[2, 0], w₀ = 0.9"
    assert demo.nudges.get_data()[0] == pytest.approx([-1.0, 1.0])
    assert demo.nudges.get_data()[1] == pytest.approx([down, up])
    x_t, y_t = demo.tangent.get_data()
    assert (y_t[1] - y_t[0]) / (x_t[1] - x_t[0]) == pytest.approx(g)
    x_s, y_s = demo.secant.get_data()
    assert (y_s[1] - y_s[0]) / (x_s[1] - x_s[0]) == pytest.approx(slope)
    error = gradcheck.relative_error(slope, g)
    assert error > 1e-4 and "ε is too large" in demo.readout.value
    # the backprop gradient is called bp: in notebook 04, g is the activation
    assert "\\mathrm{bp} = \\partial J / \\partial w = " in demo.readout.value
    assert "|n - \\mathrm{bp}| / (|n| + |\\mathrm{bp}|)" in demo.readout.value
    assert "g =" not in demo.readout.value and "backprop gradient bp = " in demo.description()
    assert demo.figure.axes[1].get_ylabel() == "relative error |n − bp| / (|n| + |bp|)"
    assert demo.error_point.get_data()[1][0] == pytest.approx(error)
    demo.set(weight=3, eps=1e-5)
    assert "they agree" in demo.readout.value
    demo.set(eps=1e-10)
    assert "too small" in demo.readout.value or "they agree" in demo.readout.value
    assert demo.errors == []


def test_gradcheck_error_curve_is_u_shaped():
    demo = GradCheckDemo()
    for k in range(9):
        errors = demo.errors_vs_eps[k]
        assert errors[-1] > 1e-3                              # ε = 1: truncation
        assert errors.min() < 1e-9                            # the sweet spot
        assert errors[0] > 100 * errors.min()                 # ε = 1e-10: rounding


def test_chain_rule_description_gives_the_graph_numbers_in_words():
    demo = ChainRuleDemo()
    v = demo.compute()
    words = demo.description()
    assert "$" not in words and "\\frac" not in words                 # no LaTeX in the alt text
    for key in ("z", "y_hat", "L", "dL/dy_hat", "dL/dz", "dL/dw", "dL/db"):
        assert f"{v[key]:.3f}" in words, key
    assert "ŷ = σ(z) = 0.679" in words and "∂L/∂w = ∂L/∂z · x = -0.210" in words
    demo.set(w=-4.0, x=3.0)
    assert "saturated" in demo.description() and "6.14e-06" in demo.description()


def test_gradcheck_starts_at_nnlibs_default_eps_where_the_slopes_agree():
    demo = GradCheckDemo()
    assert demo.value("eps") == pytest.approx(gradcheck.DEFAULT_EPS)
    lo, hi = gradcheck.GOOD_EPS
    assert lo < gradcheck.DEFAULT_EPS < hi
    slope, _, _ = demo.numerical_slope(0, gradcheck.DEFAULT_EPS)
    assert gradcheck.relative_error(slope, demo.backprop[0]) < 1e-8
    assert "they agree" in demo.readout.value


def test_gradcheck_every_eps_in_the_good_range_agrees_for_every_weight():
    """The hatched "good ε" band is honest: inside it the error is below 1e-7 everywhere."""
    demo = GradCheckDemo()
    lo, hi = gradcheck.GOOD_EPS
    inside = (demo.eps_grid >= lo * 0.999) & (demo.eps_grid <= hi * 1.001)
    assert inside.sum() == 61                                  # 3 decades, 20 steps each
    for k in range(9):
        assert demo.errors_vs_eps[k][inside].max() < backprop.AGREE, demo.names[k]
    texts = [t.get_text() for t in demo.figure.axes[1].texts]
    assert "good ε" in texts and "look closer" in texts
    assert any("agree" in t for t in texts) and any("a bug?" in t for t in texts)


def test_gradcheck_error_grows_like_eps_squared_then_like_one_over_eps():
    demo = GradCheckDemo()
    grid = demo.eps_grid
    for k in range(9):
        errors = demo.errors_vs_eps[k]
        big = np.searchsorted(grid, [0.01, 0.1])             # truncation: ×10 in ε → ×100
        assert errors[big[1]] / errors[big[0]] == pytest.approx(100, rel=0.3)
        tiny = errors[grid <= 10 ** -9.5].mean()                 # rounding: ÷100 in ε → ×100
        small = errors[(grid >= 1e-8 * 0.999) & (grid <= 10 ** -7.5)].mean()
        assert 30 < tiny / small < 300


def test_gradcheck_left_panel_has_y_ticks_that_follow_the_weight():
    demo = GradCheckDemo()
    ax = demo.figure.axes[0]
    for k in (0, 2, 6, 8):
        demo.controls["weight"].value = k
        lo, hi = ax.get_ylim()
        _, J = demo.curves[k]
        assert lo < J.min() and J.max() < hi
        shown = [t for t in demo.ytick_labels if t.get_visible()]
        assert 3 <= len(shown) <= demo._n_yticks
        values = [float(t.get_text()) for t in shown]
        assert values == sorted(values) and lo <= values[0] and values[-1] <= hi
        assert [t.get_position()[1] for t in shown] == pytest.approx(values, abs=1e-12)
        assert values[-1] - values[0] > 0.4 * (hi - lo)        # they span the panel
    # W1's curves stay in 0.008-0.04, W2's reach 0.19: their labels differ
    demo.controls["weight"].value = 0
    first = [t.get_text() for t in demo.ytick_labels if t.get_visible()]
    demo.controls["weight"].value = 8
    assert [t.get_text() for t in demo.ytick_labels if t.get_visible()] != first
    assert ax.get_ylabel() == "cost J"
    assert all(t in demo.figure.dynamic for t in demo.ytick_labels)   # no full redraw per move


def test_gradcheck_tangent_and_secant_are_told_apart_by_style():
    demo = GradCheckDemo()
    tangent, secant = demo.tangent, demo.secant
    assert tangent.get_linewidth() >= 3 * secant.get_linewidth()
    assert tangent.get_linestyle() == "-" and secant.get_linestyle() != "-"
    assert demo.curve.get_linestyle() == "-" and demo.error_line.get_linestyle() == "-"
    assert all(line.get_linestyle() == "-" for line in demo.ytick_lines + demo.ytick_marks)
    labels = [t.get_text() for t in demo.figure.axes[0].get_legend().get_texts()]
    assert any("wide" in t for t in labels) and any("dashed" in t for t in labels)
    assert "backprop slope bp (wide)" in labels


def test_gradcheck_description_gives_the_stored_picture_in_words():
    demo = GradCheckDemo()
    words = demo.description()
    g = demo.backprop[0]
    assert "W1[0, 0]" in words and "ε = 1e-6" in words and f"{g:.6f}" in words
    assert "they agree" in words and "good range 1e-7 to 1e-4" in words
    assert "ε²" in words and "1/ε" in words and "$" not in words
    demo.set(weight=6, eps=1.0)
    words = demo.description()
    assert "W2[0, 0]" in words and "too large" in words
    assert f"{demo.errors_vs_eps[6][-1]:.1e}".replace("e-0", "e-") in words


def test_gradient_shapes_figure_draws_each_matrix_in_its_shape():
    import matplotlib.pyplot as plt
    fig = draw_gradient_shapes(m=5)
    ax = fig.axes[0]
    boxes = {}
    for patch in ax.patches:
        x, y = patch.get_x(), patch.get_y()
        w, h = patch.get_width(), patch.get_height()
        name = next(t.get_text() for t in ax.texts
                    if t.get_position()[0] == pytest.approx(x + w / 2)
                    and t.get_position()[1] == pytest.approx(y + h + 0.08))
        boxes.setdefault(name, set()).add((round(h / w * 100), round(h / 0.5), round(w / 0.5)))
    # (rows, cols) in drawing units of 0.5; m = 5
    assert boxes["Xᵀ"] == {(40, 2, 5)} and boxes["∂J/∂W₁"] == {(67, 2, 3)}
    assert boxes["δ₁"] == {(167, 5, 3)} and boxes["∂J/∂W₂"] == {(300, 3, 1)}
    assert boxes["W₂ᵀ"] == {(33, 1, 3)} and boxes["δ₂"] == {(500, 5, 1)}
    shapes = {t.get_text() for t in ax.texts}
    assert {"(2, m)", "(m, 3)", "(2, 3)", "(3, m)", "(m, 1)", "(3, 1)", "(1, 3)"} <= shapes
    plt.close(fig)
    for bad in (1, 9, 2.5, "4", True):
        with pytest.raises(ValueError, match="m must be an int from 2 to 8"):
            draw_gradient_shapes(m=bad)


def test_gradcheck_presets_round_trip():
    demo = GradCheckDemo(weight=7, eps=0.01, eps_range=(1e-8, 0.1))
    assert demo.value("weight") == 7 and demo.eps_grid[0] == pytest.approx(1e-8)
    assert demo.eps_grid[-1] == pytest.approx(0.1)
    assert demo.as_code() == ("nnlib.widgets.backprop.GradCheckDemo(weight=7, eps=0.01, "
                              "eps_range=(1e-08, 0.1))")


# ------------------------------------------------------------------------------ both demos

def slider_values(control, n=15):
    if hasattr(control, "base"):                               # log slider: min/max are exponents
        return control.base ** np.linspace(control.min, control.max, n)
    values = np.linspace(control.min, control.max, n)
    return np.unique(np.round(values).astype(int)) if isinstance(control.value, int) else values


def finite_artist_data(demo):
    for ax in np.atleast_1d(demo.figure.axes):
        for line in ax.get_lines():
            x, y = line.get_data()
            assert np.all(np.isfinite(np.asarray(x, float)))
            assert np.all(np.isfinite(np.asarray(y, float)))
        for text in ax.texts:
            assert "nan" not in text.get_text().lower() and "inf" not in text.get_text()


@pytest.mark.parametrize("cls", DEMOS)
def test_sweep_every_slider_min_to_max_without_errors(cls):
    demo = cls()
    for name, control in demo.controls.items():
        for value in slider_values(control):
            control.value = value
            assert demo.errors == [], (name, value)
            finite_artist_data(demo)
            assert "Could not draw" not in demo.readout.value
            assert "nan" not in demo.readout.value.lower()
        control.value = control.min
        control.value = control.max


def test_buggy_relu_is_caught_by_a_gradient_check():
    """The notebook's bug hunt: the activation-returning derivative fails the check."""
    buggy = activations.Activation("relu (buggy)", activations.relu, activations.relu)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 2))
    Y = (np.sum(X ** 2, axis=1) > 1.2).astype(float)[:, None]
    good = MLP([2, 8, 1], hidden="relu", seed=0)
    bad = MLP([2, 8, 1], hidden=buggy, seed=0)
    for p, q in zip(bad.params, good.params):
        p[...] = q
    assert gradcheck.check_gradients(good, X, Y) < 1e-6
    assert gradcheck.check_gradients(bad, X, Y) > 1e-2
