"""Demos and figures of notebook 03: the slope demo and the learning-rate demo, driven as a
learner would, and the bowl figure."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import datasets, linear  # noqa: E402
from nnlib.widgets import descent as D  # noqa: E402


# ------------------------------------------------------------------ the demo's problem
def test_two_weight_problem_is_the_table_with_w1_frozen_at_its_true_value():
    X, y = datasets.load_linear_table()
    X2, y2, w0, w_true = D.two_weight_problem()
    assert X2.shape == (6, 2) and list(w0) == [1.4, 30.0] and list(w_true) == [0.9, 1.2]
    assert X2 @ w_true == pytest.approx(y2)  # the true (w2, w3) fit it exactly
    w = np.array([0.5, 0.7, 2.0])
    assert linear.cost(X2, y2, w[1:]) == pytest.approx(linear.cost(X, y, w))


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


@pytest.mark.parametrize("w", [-1.0, 7.0])
def test_slope_demo_shows_both_arrows_at_the_slider_ends_with_labels_apart(w):
    demo = D.SlopeDemo(w=w)
    assert demo.up_arrow.get_visible() and demo.down_arrow.get_visible()
    lo, hi = demo.ax.get_xlim()
    for arrow in (demo.up_arrow, demo.down_arrow):
        assert lo < arrow.xy[0] < hi
    demo.figure.render()
    renderer = demo.figure.fig.canvas.get_renderer()
    up, down = (t.get_window_extent(renderer) for t in (demo.up_label, demo.down_label))
    assert not up.overlaps(down)
    assert demo.point.get_data()[0][0] == w and lo < w < hi  # the point is not cut by the frame

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
    g = linear.gradient(X2, y2, w0)
    w1 = w0 - 0.01 * g
    text = demo.readout.value
    assert f"w_2 \\leftarrow 1.4 - 0.01 \\times ({g[0]:.4g}) = {w1[0]:.4g}" in text
    assert f"w_3 \\leftarrow 30 - 0.01 \\times ({g[1]:.4g}) = {w1[1]:.4g}" in text
    assert demo.current.get_data()[0][0] == pytest.approx(w1[0])
    # α against the limit, without its value: section 6 derives 2/λ_max = 0.0388 afterwards
    assert "below this problem's limit (section 6 finds it)" in text
    assert "0.0388" not in text and "0.258" not in text


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
    lo, hi = demo.figure.axes[1].get_ylim()  # J is drawn inside the frame, however small
    J = demo.path(lr).J
    assert lo < J.min() and J.max() < hi and lo < demo.loss_now.get_data()[1][0] < hi


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


def test_lr_demo_stored_preset_shows_a_growing_swing_inside_the_frame():
    # the notebook's cell: one notch above the limit, at step 18 of a run that blows up at 144
    demo = D.LearningRateDemo(lr=0.0398, step=18)
    X2, y2, w0, w_true = D.two_weight_problem()
    run = linear.descent_path(X2, y2, w0, 0.0398, 200)
    assert run.diverged_at == 144 and 0.0398 > linear.largest_stable_lr(X2)
    assert demo.regime_note.get_text() == "J: diverges at step 144"
    # every point of the path so far lies inside the frame: the swing can be seen
    w2, w3 = (np.asarray(v) for v in demo.path_line.get_data())
    assert len(w2) == 19
    (x0, x1), (y0, y1) = D.LearningRateDemo.W2_LIM, D.LearningRateDemo.W3_LIM
    assert np.all((x0 < w2) & (w2 < x1) & (y0 < w3) & (w3 < y1))
    # it swings from side to side (w2 + w3 is the steep direction) and wider every step since
    # step 2; the box gives the last three distances, as the description does
    dist = np.hypot(w2 - w_true[0], w3 - w_true[1])
    swing = (w2 + w3) - w_true.sum()
    assert np.all(np.sign(swing[2:]) != np.sign(swing[1:-1])) and np.all(np.diff(dist[2:]) > 0)
    assert [round(d, 2) for d in dist[-3:]] == [45.21, 47.46, 49.82]
    assert demo.distance_note.get_text() == ("distance to the minimum\nstep  16:   45.21\n"
                                             "step  17:   47.46\nstep  18:   49.82")
    words = demo.description()
    assert "α = 0.0398, just above this problem's limit (section 6 shows where it comes from)" \
        in words and "0.0388" not in words and "1.02" not in words
    assert "45.21, 47.46, 49.82 (growing)" in words and "at step 144" in words
    assert "J = 63906, from 13024 at the start" in words
    assert "$" not in words and "<" not in words  # plain words, no LaTeX or HTML
    # the grey line (the whole run) reaches past the steps taken, to the blow-up
    assert len(demo.loss_all.get_xdata()) == 144 and len(demo.loss_done.get_xdata()) == 19
    assert demo.loss_all.get_label() == "the whole run (computed ahead)"
    # the J axis fits this run: no empty decades down to 1e-12, no clipping note
    lo, hi = demo.figure.axes[1].get_ylim()
    assert 1e3 < lo < 1e4 and run.J[:144].max() < hi
    texts = [t.get_text() for t in demo.figure.axes[1].texts]
    assert not any("drawn at" in t for t in texts)
    bundle = demo._repr_mimebundle_()
    assert "image/png" in bundle and "(growing)" in bundle["text/plain"]
    assert demo.errors == []


def test_lr_demo_at_the_end_of_a_diverged_run_names_it_in_words():
    demo = D.LearningRateDemo(lr=0.0398, step=200)
    X2, y2, w0, _ = D.two_weight_problem()
    run = linear.descent_path(X2, y2, w0, 0.0398, 200)
    assert demo.contour_note.get_text() == "diverged at step 144"
    assert demo.regime_note.get_text() == "J: diverged (step 144)"
    words = demo.description()
    assert "diverged at step 144" in words
    assert f"J rose from {run.J[0]:.0f} to 1.187 × 10^10" in words


def test_lr_demo_path_fades_with_age_and_the_axis_moves_only_with_alpha():
    demo = D.LearningRateDemo(lr=0.0398, step=18)
    alpha = demo.path_segments.get_colors()[:, 3]
    assert len(alpha) == 18 and alpha[-1] == pytest.approx(1.0)
    assert alpha[-2] == pytest.approx(D.LearningRateDemo.FADE)
    assert np.all(np.diff(alpha) >= 0) and alpha.min() == pytest.approx(D.LearningRateDemo.FADE_MIN)
    background = demo.figure._background
    demo.controls["step"].value = 10          # a step: only the moving artists are redrawn
    assert demo.figure._background is background
    lim = demo.figure.axes[1].get_ylim()
    demo.controls["lr"].value = 0.01          # a new run: the J axis fits it (a full redraw)
    assert demo.figure.axes[1].get_ylim() != lim
    assert demo.figure.axes[1].get_ylim()[0] < demo.path(0.01).J.min()
    assert demo.errors == []


def test_lr_demo_description_in_words_when_converging():
    demo = D.LearningRateDemo(lr=0.01, step=200)
    words = demo.description()
    assert "α = 0.01, below this problem's limit" in words
    assert ": converges. After 200 of 200 steps" in words and "(shrinking)" in words
    assert "(0.9, 1.2)" in words and "$" not in words


@pytest.mark.parametrize("step", [18, 200])
def test_lr_demo_notes_stay_clear_of_the_path(step):
    demo = D.LearningRateDemo(lr=0.0398, step=step)
    demo.figure.render()
    renderer = demo.figure.fig.canvas.get_renderer()
    ax = demo.figure.axes[0]
    w2, w3 = (np.asarray(v) for v in demo.path_line.get_data())
    for note in (demo.contour_note, demo.distance_note):
        if not note.get_text():
            continue
        box = note.get_window_extent(renderer)
        inside = ax.transData.inverted().transform([[box.x0, box.y0], [box.x1, box.y1]])
        (a0, b0), (a1, b1) = inside
        # no point of the path lies under a note (they sit in the bottom-right corner)
        assert not np.any((w2 > a0) & (w2 < a1) & (w3 > b0) & (w3 < b1))
        assert a1 <= D.LearningRateDemo.W2_LIM[1] and b0 >= D.LearningRateDemo.W3_LIM[0]


def test_lr_demo_lecture_preset_runs_a_shorter_play():
    demo = D.LearningRateDemo(lr=0.01, step=0, step_range=(0, 60))
    assert demo.figure.axes[1].get_xlim() == (0.0, 60.0)
    assert len(demo.path(0.01).J) == 61 and "step 0 of 60" in demo.readout.value
    demo.controls["step"].value = 60
    demo.player.play.playing = True
    demo.player.step()  # the end of the shorter run: Play stops there
    assert demo.value("step") == 60 and not demo.player.play.playing
    assert "After 60 of 60 steps" in demo.description() and demo.errors == []
    assert demo.as_code().endswith("(lr=0.01, step=60, step_range=(0, 60))")


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


def test_slope_demo_description_says_the_picture_in_words():
    demo = D.SlopeDemo(w=4.5)
    words = demo.description()
    assert words.startswith("J(w) = (w − 3)² + 1, with its tangent at w = 4.50, where J = 3.25")
    assert "uphill is to the right" in words and "step goes to the left" in words
    assert "$" not in words
    demo.controls["w"].value = 3.0
    assert "flat" in demo.description()
    demo.set(curve="wavy", w=1.0)
    assert demo.description().startswith("the wavy curve") and "uphill is to the left" in demo.description()


# --------------------------------------------------------------------------- the bowl figure
def _bowl_runs(lams, start, lrs, steps=15):
    runs = {}
    for lr in lrs:
        path = [np.array(start, dtype=float)]
        for _ in range(steps):
            path.append(path[-1] - lr * np.asarray(lams) * path[-1])
        runs[lr] = np.array(path)
    return runs


def test_plot_bowl_names_each_run_and_draws_the_factors():
    lams = [1.0, 10.0]
    fig = D.plot_bowl(lams, _bowl_runs(lams, (8.0, 3.0), (0.15, 0.21)))
    ax_p, ax_f = fig.axes
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["α = 0.15: converges", "α = 0.21: diverges", "minimum"]
    # left: the paths as given; the frame holds the converging one whole
    run = ax_p.get_lines()[0]
    assert run.get_data()[0][0] == 8.0 and run.get_data()[1][0] == 3.0
    x0, x1 = ax_p.get_xlim()
    assert x0 < -8.0 and x1 > 8.0
    # right: |1 − αλ| for each axis; at α = 2/λ_max the steep one is exactly 1
    steep = [l for l in ax_f.get_lines() if "α·10" in l.get_label()][0]
    a, f = (np.asarray(v) for v in steep.get_data())
    assert np.interp(0.2, a, f) == pytest.approx(1.0, abs=1e-2)
    assert np.interp(0.1, a, f) == pytest.approx(0.0, abs=1e-2)
    limit = [l for l in ax_f.get_lines() if l.get_linestyle() == ":"][0]
    assert limit.get_xdata()[0] == pytest.approx(0.2)
    # the bowl's coordinates are u1, u2 (not the table's weights w1, w2)
    assert (ax_p.get_xlabel(), ax_p.get_ylabel()) == ("u1", "u2")
    assert "u1" in ax_p.get_title() and "w1" not in ax_p.get_title()
    # the text alternative carries the numbers: factors, end points, the limit
    from nnlib import plots
    words = plots.alt_text(fig)
    assert "at α = 0.15 (solid line, factors 0.85 along u1 and −0.5 along u2) it converges: " \
           "after 15 steps it is at (0.70, 0.00)" in words
    assert "at α = 0.21 (dashed line, factors 0.79 along u1 and −1.1 along u2) it diverges" in words
    assert "(0.23, −12.53)" in words                   # 0.79^15 · 8 and (−1.1)^15 · 3
    assert 0.79 ** 15 * 8 == pytest.approx(0.2331, abs=1e-4)
    assert "the limit 2/λ_max = 0.2" in words and "falls to 0 at α = 0.1" in words
    plt.close(fig)


def _batch_and_sgd(lr=0.01, epochs=100, seed=0):
    X, y = datasets.load_linear_table()
    y = y.reshape(-1, 1)
    cost = lambda W: float(np.mean((y - X @ W) ** 2))  # noqa: E731
    W = np.array(datasets.LINEAR_FIRST_GUESS).reshape(3, 1)
    J_b = [cost(W)]
    for _ in range(epochs * 6):
        W = W - lr * 2 / 6 * X.T @ (X @ W - y)
        J_b.append(cost(W))
    rng, W = np.random.default_rng(seed), np.array(datasets.LINEAR_FIRST_GUESS).reshape(3, 1)
    J_s = [cost(W)]
    for _ in range(epochs):
        for i in rng.permutation(6):
            W = W - lr * 2 * X[i:i + 1].T @ (X[i:i + 1] @ W - y[i:i + 1])
            J_s.append(cost(W))
    return np.array(J_b), np.array(J_s)


def test_plot_batch_vs_stochastic_shows_the_first_updates_and_says_the_numbers():
    from nnlib import plots
    J_b, J_s = _batch_and_sgd()
    fig = D.plot_batch_vs_stochastic(J_b, J_s, 6, lr=0.01, first_updates=60)
    ax_u, ax_e = fig.axes
    assert [len(l.get_xdata()) for l in ax_u.get_lines()] == [61, 61]
    assert [len(l.get_xdata()) for l in ax_e.get_lines()] == [101, 101]
    assert ax_u.get_title() == "Per update (the first 60 updates)"
    # the lines differ in style as well as colour; nothing is clipped at a made-up floor
    assert [l.get_linestyle() for l in ax_u.get_lines()] == ["-", "--"]
    assert np.asarray(ax_e.get_lines()[1].get_ydata()).min() == pytest.approx(J_s[::6].min())
    rises = int(np.sum(np.diff(J_s[:61]) > 0))
    words = plots.alt_text(fig)
    assert f"its cost rises on {rises} of these 60 updates" in words and rises == 25
    assert "full batch ends at 0.003711, stochastic descent at 5.259 × 10^−31" in words
    plt.close(fig)
    with pytest.raises(ValueError, match="first_updates"):
        D.plot_batch_vs_stochastic(J_b, J_s, 6, first_updates=0)


def test_plot_bowl_rejects_bad_input_with_what_it_expected():
    good = _bowl_runs([1.0, 10.0], (8.0, 3.0), (0.15,))
    with pytest.raises(ValueError, match="lams must have 2 element"):
        D.plot_bowl([1.0, 2.0, 3.0], good)
    with pytest.raises(ValueError, match="lams must be two positive curvatures"):
        D.plot_bowl([1.0, -1.0], good)
    with pytest.raises(ValueError, match=r"each path must have shape \(k\+1, 2\)"):
        D.plot_bowl([1.0, 10.0], {0.1: np.zeros((5, 3))})
    with pytest.raises(ValueError, match="runs must be a dict"):
        D.plot_bowl([1.0, 10.0], [np.zeros((5, 2))])
    with pytest.raises(ValueError, match="each learning rate must be a positive number"):
        D.plot_bowl([1.0, 10.0], {-0.1: np.zeros((5, 2))})
