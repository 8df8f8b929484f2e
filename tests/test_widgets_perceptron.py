"""The live demos of notebook 01: what each control changes in the figure and the readout."""

import numpy as np
import pytest

import nnlib
from nnlib import activations
from nnlib.widgets import perceptron as P

GENDER_X, GENDER_Y, _ = nnlib.datasets.load_gender_table()


def offsets(collection):
    return np.asarray(collection.get_offsets()).reshape(-1, 2)


# ---------------------------------------------------------------------------- decision_line
def test_decision_line_crosses_the_box_where_w_x_plus_b_is_zero():
    xs, ys = P.decision_line([1.0, 1.0], 0.0, (-1, 1), (-1, 1))
    assert sorted(zip(xs, ys)) == [(-1.0, 1.0), (1.0, -1.0)]
    xs, ys = P.decision_line([0.0, 2.0], -1.0, (-3, 3), (-1, 1))  # 2·x2 − 1 = 0: x2 = 0.5
    assert np.allclose(ys, 0.5) and sorted(xs) == [-3.0, 3.0]
    xs, ys = P.decision_line([-1.0, -1.0], 0.0, (-22, 32), (-9, 9))
    assert np.allclose(-xs - ys, 0.0)


@pytest.mark.parametrize("w, b", [([0.0, 0.0], 1.0), ([1.0, 0.0], -100.0)])
def test_decision_line_is_empty_without_a_line_or_outside_the_box(w, b):
    xs, ys = P.decision_line(w, b, (-1, 1), (-1, 1))
    assert xs.size == 0 and ys.size == 0


def test_half_plane_is_the_part_of_the_box_where_the_neuron_says_one():
    box = (-1, 1)
    tri = P.half_plane([1.0, 1.0], 0.0, box, box)  # x1 + x2 ≥ 0: the upper-right triangle
    assert set(map(tuple, np.round(tri, 12) + 0.0)) == {(-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)}
    assert len(P.half_plane([0.0, 0.0], 0.5, box, box)) == 4  # z = b ≥ 0 everywhere
    assert len(P.half_plane([0.0, 0.0], -0.5, box, box)) == 0
    half = P.half_plane([1.0, 0.0], 0.0, box, box)  # x1 ≥ 0: the right half, area 2
    x, y = half[:, 0], half[:, 1]
    assert 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) == pytest.approx(2.0)


def test_decision_line_rejects_bad_input():
    with pytest.raises(ValueError, match="w must have 2 element"):
        P.decision_line([1.0, 2.0, 3.0], 0.0, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="b must be finite"):
        P.decision_line([1.0, 2.0], np.nan, (0, 1), (0, 1))


# ---------------------------------------------------------------------------- ActivationDemo
def test_activation_markers_sit_on_each_curve_and_readout_fills_in_values():
    demo = P.ActivationDemo()
    demo.controls["z"].value = 0.5
    got = [m.get_ydata()[0] for m in demo.markers]
    assert got == pytest.approx([1.0, 1 / (1 + np.exp(-0.5)), np.tanh(0.5), 0.5])
    assert all(m.get_xdata()[0] == 0.5 for m in demo.markers)
    assert r"\sigma(0.50) = 1 / (1 + e^{-0.50}) = 0.622" in demo.readout.value
    assert r"\max(0, 0.50) = 0.500" in demo.readout.value
    demo.controls["z"].value = -2.0
    assert [m.get_ydata()[0] for m in demo.markers] == pytest.approx(
        [0.0, 1 / (1 + np.exp(2.0)), np.tanh(-2.0), 0.0])
    assert "(because $z < 0$)" in demo.readout.value
    assert demo.errors == []


def test_activation_description_gives_the_four_outputs_in_words():
    words = P.ActivationDemo(z=-1.0).description()   # the notebook's stored state
    assert "At z = −1.00: step(z) = 0 (because z < 0)" in words
    assert f"σ(z) = 1/(1 + e^(1.00)) = {1 / (1 + np.exp(1.0)):.3f}" in words
    assert f"tanh(z) = −{np.tanh(1.0):.3f}" in words and "ReLU(z) = max(0, −1.00) = 0.000" in words
    assert "$" not in words


def test_activation_step_at_zero_is_one_like_nnlib():
    demo = P.ActivationDemo(z=0.0)
    assert demo.markers[0].get_ydata()[0] == 1.0 == activations.step(0.0)


# ---------------------------------------------------------------------------- LineDemo
def test_line_demo_default_marks_bob_and_charlie_as_mistakes():
    demo = P.LineDemo()  # w = (0.2, −1), b = 2: everybody gets ŷ = 1
    assert np.array_equal(offsets(demo.view.rings), GENDER_X[[1, 2]])
    assert "<b>2 mistakes</b>" in demo.readout.value
    assert (r"Alice: $z = 0.20\cdot(-2) + (-1.00)\cdot(-1) + 2.00 = 2.60$ → $\hat y = 1$, "
            r"$y = 1$ ✓") in demo.readout.value
    assert r"Bob: $z = 0.20\cdot25 + (-1.00)\cdot6 + 2.00 = 1.00$" in demo.readout.value
    assert [t.get_text() for t in demo.view.labels] == ["Alice", "Bob", "Charlie", "Diana"]


def test_line_demo_description_names_the_line_and_the_mistakes():
    words = P.LineDemo().description()
    assert words.startswith("The line 0.20·x₁ − 1.00·x₂ + 2.00 = 0. 2 mistakes (Bob, Charlie).")
    assert "Bob: z = 1.00, ŷ = 1, y = 0 (mistake)" in words
    assert "Alice: z = 2.60, ŷ = 1, y = 1;" in words
    words = P.LineDemo(w1=-1, w2=-1, b=0).description()
    assert "0 mistakes: everyone right" in words
    assert "No line (w₁ = w₂ = 0): z = b = −3.00" in P.LineDemo(w1=0, w2=0, b=-3).description()


def test_line_demo_good_weights_leave_no_mistake_and_colour_by_output():
    demo = P.LineDemo()
    demo.set(w1=-1.0, w2=-1.0, b=0.0)
    assert offsets(demo.view.rings).shape == (0, 2)
    assert "<b>0 mistakes</b>" in demo.readout.value
    xs, ys = demo.view.line.get_data()
    assert np.allclose(-np.asarray(xs) - np.asarray(ys), 0.0)  # −x1 − x2 = 0
    orange, blue = (np.array(plt_rgba(c)) for c in nnlib.plots.CLASS_COLORS[1::-1])
    male, female = demo.view.points  # scatter per true class: 0 male, 1 female
    assert np.allclose(male.get_facecolors()[:, :3], blue[:3])
    assert np.allclose(female.get_facecolors()[:, :3], orange[:3])
    region = demo.view.region.get_xy()  # the "says 1" side, −x1 − x2 ≥ 0: lower left
    assert np.all(-region[:, 0] - region[:, 1] >= -1e-9) and (-22.0, -9.0) in map(tuple, region)


def plt_rgba(color):
    from matplotlib.colors import to_rgba
    return to_rgba(color)


def test_line_demo_without_a_line_says_so():
    demo = P.LineDemo(w1=0.0, w2=0.0, b=-3.0)
    assert demo.view.line.get_xdata().size == 0
    assert demo.view.status.get_visible()
    assert "no line" in demo.view.status.get_text() and "ŷ = 0" in demo.view.status.get_text()
    assert len(demo.view.region.get_xy()) <= 1  # no "says 1" region at all (b < 0)
    assert "<b>2 mistakes</b>" in demo.readout.value  # Alice and Diana
    demo.set(w1=0.5)
    assert not demo.view.status.get_visible()


def test_line_demo_line_outside_the_view_is_named():
    demo = P.LineDemo(w1=0.0, w2=0.05, b=20.0)  # 0.05·x2 + 20 = 0 at x2 = −400
    assert demo.view.line.get_xdata().size == 0
    assert "outside this view" in demo.view.status.get_text()
    assert "ŷ = 1" in demo.view.status.get_text()


def test_line_demo_presets_and_as_code_round_trip():
    demo = P.LineDemo(w1=-1, b=0.5, b_range=(-5, 5))
    code = demo.as_code()
    assert code == "nnlib.widgets.perceptron.LineDemo(w1=-1, w2=-1, b=0.5, b_range=(-5, 5))"
    again = eval(code, {"nnlib": nnlib})
    assert again.readout.value == demo.readout.value and again.controls["b"].max == 5


# ---------------------------------------------------------------------------- TrainDemo
def test_train_demo_first_step_applies_the_rule_to_alice_with_its_numbers():
    demo = P.TrainDemo()  # start w = (1, 1), b = 0; α = 0.01
    assert "Start" in demo.readout.value and offsets(demo.current).shape == (0, 2)
    demo.player.step_button.click()
    w, b = demo.run["W"][1], demo.run["B"][1]
    assert w == pytest.approx([0.98, 0.99]) and b == pytest.approx(0.01)  # 1 + 0.01·(1−0)·x
    assert np.array_equal(offsets(demo.current), GENDER_X[:1])
    text = demo.readout.value
    assert r"$z = x\cdot w + b = -3$ → $\hat y = 0$" in text
    assert r"$w \leftarrow [1, 1] + 0.01\cdot(1 - 0)\cdot[-2, -1] = [0.98, 0.99]$" in text
    assert r"$b \leftarrow 0 + 0.01\cdot(1 - 0) = 0.01$" in text
    xs, ys = demo.view.line.get_data()
    assert np.allclose(w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b, 0.0)


def test_train_demo_runs_to_the_same_weights_as_perceptron_fit():
    demo = P.TrainDemo()
    while demo.k < len(demo.run["errors"]):
        demo.step()
    p = nnlib.Perceptron(2)
    p.w, p.b = np.array([1.0, 1.0]), 0.0
    history = p.fit(GENDER_X, GENDER_Y, lr=0.01, epochs=100)
    assert demo.run["W"][-1] == pytest.approx(p.w) and demo.run["B"][-1] == pytest.approx(p.b)
    assert list(demo.bars.get_ydata()) == history.mistakes == [4, 4, 2, 0]
    assert "Converged" in demo.readout.value and "after 10 updates" in demo.readout.value
    assert offsets(demo.view.rings).shape == (0, 2)
    assert demo.player.play.playing is False
    k = demo.k
    demo.step()  # nothing left to do
    assert demo.k == k and demo.errors == []


def test_train_demo_finish_shows_the_trained_end_state_and_every_epoch():
    demo = P.TrainDemo().finish()              # what notebook 01 stores
    assert demo.at_end and demo.k == 16
    assert list(demo.bars.get_ydata()) == [4, 4, 2, 0]      # the panel is not empty
    assert list(demo.bars.get_xdata()) == [1, 2, 3, 4]
    assert demo.title.get_text() == "Trained after 4 epochs (α = 0.01)"
    assert offsets(demo.view.rings).shape == (0, 2)          # nobody wrong any more
    assert "Mistakes per epoch: 4, 4, 2, 0." in demo.readout.value
    words = demo.description()
    assert words.startswith("Trained (α = 0.01): mistakes per epoch 4, 4, 2, 0; after the last "
                            "mistake a whole pass over the 4 points went without one, so "
                            "training stopped after 16 steps (10 updates).")
    one = P.TrainDemo(start=(0.0, 0.0, 0.0)).finish().description()   # Bob, once
    assert "mistakes per epoch 1, 0;" in one and "after 6 steps (1 update)." in one
    assert "w = [−0.35, 0.59], b = 0.02, wrong about 0 of 4 points" in words
    demo.player.reset_button.click()           # Reset still goes back to the start
    assert demo.k == 0 and list(demo.bars.get_ydata()) == [] and "Before training" in \
        demo.description()


def test_train_demo_at_the_end_a_new_rate_shows_the_end_of_its_own_run():
    demo = P.TrainDemo().finish()
    demo.controls["lr"].value = 0.001
    assert demo.at_end and len(demo.bars.get_ydata()) == 41 == len(demo.mistakes_per_epoch())
    assert demo.bars.get_ydata()[-1] == 0 and "Trained after 41 epochs" in demo.title.get_text()
    assert "4, 4, 4, 4, 4, 4, 4, 4, …, 1, 1, 1, 0" in demo.description()
    demo.controls["lr"].value = 1.0            # one update fixes everyone: epochs [1, 0]
    assert list(demo.bars.get_ydata()) == [1, 0]
    assert demo.run["W"][-1] == pytest.approx([-1.0, 0.0]) and demo.run["B"][-1] == 1.0


def test_train_demo_on_xor_finish_shows_fifty_epochs_that_never_reach_zero():
    demo = P.TrainDemo(dataset="xor").finish()  # what notebook 01 stores
    mistakes = np.asarray(demo.bars.get_ydata())
    assert len(mistakes) == 50 and mistakes.min() >= 1 and mistakes.max() == 4
    assert demo.title.get_text() == "Stopped after 50 epochs (α = 0.1)"
    assert "still making mistakes" in demo.readout.value
    words = demo.description()
    assert "Stopped after 200 steps (50 epochs, α = 0.1)" in words
    assert "never 0 (fewest 1, most 4)" in words


def test_train_demo_on_xor_replays_the_notebooks_fit_from_the_same_start():
    # notebook 01, section 5: Perceptron.fit from w = (1, 1), b = 0 with α = 0.1, 50 epochs
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    p = nnlib.Perceptron(2)
    p.w, p.b = np.array([1.0, 1.0]), 0.0
    history = p.fit(X, np.array([0, 1, 1, 0]), lr=0.1, epochs=50)
    demo = P.TrainDemo(dataset="xor").finish()
    assert demo.start == (1.0, 1.0, 0.0)
    assert list(demo.mistakes_per_epoch()) == history.mistakes
    assert history.mistakes[:7] == [2, 1, 1, 1, 1, 2, 3] and history.mistakes[-1] == 4
    assert demo.run["W"][-1] == pytest.approx(p.w) and demo.run["B"][-1] == pytest.approx(p.b)


def test_train_demo_key_explains_colours_shapes_and_both_rings():
    demo = P.TrainDemo().finish()
    (legend,) = demo.figure.fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["neuron says 1", "neuron says 0", "truly 1 (female)", "truly 0 (male)",
                      "mistake", "point just shown"]
    handles = dict(zip(labels, legend.legend_handles))
    assert handles["mistake"].get_linestyle()[0][1] is not None          # dashed, as drawn
    assert handles["point just shown"].get_linestyle()[0][1] is None     # solid, as drawn
    assert demo.view.rings.get_linestyle()[0][1] is not None
    assert demo.current.get_linestyle()[0][1] is None
    xor = P.TrainDemo(dataset="xor")
    assert "truly 1" in [t.get_text() for t in xor.figure.fig.legends[0].get_texts()]


def test_line_demo_legend_draws_the_mistake_ring_dashed_like_the_rings():
    demo = P.LineDemo()
    legend = demo.view.line.axes.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    ring = legend.legend_handles[labels.index("mistake")]
    assert ring.get_linestyle()[0][1] is not None                         # a dash pattern
    assert ring.get_facecolors().size == 0 or ring.get_facecolors()[0][3] == 0


def test_train_demo_description_says_when_a_point_sits_almost_on_the_line():
    # the trained neuron w = (−0.35, 0.59), b = 0.02: Alice (−2, −1) has z = 0.13
    words = P.TrainDemo().finish().description()
    assert words.endswith("Alice sits almost on the line (z = 0.13): just on its ŷ = 1 side, "
                          "so right.")
    assert "almost on the line" not in P.TrainDemo().description()   # start: nobody near it
    xor = P.TrainDemo(dataset="xor").finish().description()          # (0, 1): z = 0 exactly
    assert "(0, 1) sits on the line (z = 0): z ≥ 0 counts as ŷ = 1, so right." in xor


def test_train_demo_correct_sample_changes_nothing():
    demo = P.TrainDemo(start=(-1.0, -1.0, 0.0))  # already right about everyone
    demo.step()
    assert "no change" in demo.readout.value
    assert demo.run["W"][1] == pytest.approx([-1.0, -1.0])


def test_train_demo_reset_and_learning_rate_change_recompute_the_run():
    demo = P.TrainDemo()
    for _ in range(6):
        demo.player.play.value += 1  # Play ticks
    assert demo.k == 6
    demo.controls["lr"].value = 1.0  # with α = 1 Alice's update alone fixes everyone
    assert demo.run["lr"] == 1.0 and demo.k == len(demo.run["errors"]) <= 6
    assert "Converged" in demo.readout.value
    demo.player.reset_button.click()
    assert demo.k == 0 and "Start" in demo.readout.value
    assert demo.view.line.get_data()[0].size == 2  # the starting line x1 + x2 = 0


def test_train_demo_on_xor_never_stops_making_mistakes():
    demo = P.TrainDemo(dataset="xor", max_steps=120)
    assert demo.value("lr") == pytest.approx(0.1)
    for _ in range(125):
        demo.step()
    assert demo.k == 120 and not demo.run["converged"]
    mistakes = np.asarray(demo.bars.get_ydata())
    assert len(mistakes) == 30 and mistakes.min() >= 1
    assert "still making mistakes" in demo.readout.value
    assert demo.as_code() == ("nnlib.widgets.perceptron.TrainDemo(dataset='xor', "
                              "start=(1, 1, 0), max_steps=120, lr=0.1)")


def test_train_demo_rejects_unknown_dataset():
    with pytest.raises(ValueError, match="unknown dataset 'iris'"):
        P.TrainDemo(dataset="iris")


# ---------------------------------------------------------------------------- every setting
def _finite_artists(demo):
    for ax in demo.figure.fig.axes:
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_xydata(), dtype=float)))
        for coll in ax.collections:
            assert np.all(np.isfinite(offsets(coll)))


@pytest.mark.parametrize("cls", [P.ActivationDemo, P.LineDemo, P.TrainDemo])
def test_every_slider_at_every_value_draws_without_error(cls):
    demo = cls()
    if cls is P.TrainDemo:
        for _ in range(7):
            demo.step()
    for name, control in demo.controls.items():
        lo, hi = control.min, control.max
        for v in np.linspace(lo, hi, 15):
            control.value = 10 ** v if cls is P.TrainDemo else v
            _finite_artists(demo)
            assert "Could not draw" not in demo.readout.value
            words = demo.description()               # the picture's text, at every setting
            assert len(words) > 40 and "nan" not in words.lower() and "$" not in words
        control.value = 10 ** lo if cls is P.TrainDemo else lo
    assert demo.errors == []


# ------------------------------------------------------------------ blitting (LiveFigure)
def _pixel(demo, x, y):
    """The RGB colour of the rendered PNG at data point (x, y) of the demo's scatter axes."""
    import io

    from PIL import Image
    img = np.asarray(Image.open(io.BytesIO(demo.figure.image.value)).convert("RGB"))
    ax = demo.view.region.axes
    px, py = ax.transData.transform((x, y))
    return img[int(img.shape[0] - py), int(px)] / 255.0


def test_blitted_png_shows_the_moved_region_and_a_growing_epoch_axis():
    from matplotlib.colors import to_rgb
    light = nnlib.plots.region_cmap(2).colors
    demo = P.LineDemo(w1=0.0, w2=0.0, b=5.0)  # z = 5 everywhere: all "says 1"
    assert np.allclose(_pixel(demo, 5.0, -5.0), to_rgb(light[1]), atol=0.02)
    demo.controls["b"].value = -5.0  # all "says 0": the polygon is gone, the background shows
    assert np.allclose(_pixel(demo, 5.0, -5.0), to_rgb(light[0]), atol=0.02)
    demo.set(w1=1.0, b=0.0)  # x1 ≥ 0 says 1: right half orange, left half blue
    assert np.allclose(_pixel(demo, 15.0, 1.0), to_rgb(light[1]), atol=0.02)
    assert np.allclose(_pixel(demo, -15.0, 1.0), to_rgb(light[0]), atol=0.02)

    train = P.TrainDemo(lr=0.01)  # 4 epochs: the mistakes axis ends at 5
    assert train.ax_mistakes.get_xlim() == (0.5, 5.5)
    background = train.figure._background
    train.controls["lr"].value = 0.001  # 41 epochs: the axis grows to 50 ...
    assert train.ax_mistakes.get_xlim() == (0.5, 50.5)
    # ... without a full redraw: the epoch axis is drawn with the moving artists
    assert train.figure._background is background and train.errors == []
    assert "50" in [t.get_text() for t in train.ax_mistakes.get_xticklabels()]


def _min_brightness_along_x(demo, x, y, half_width=3):
    """The darkest pixel of a short horizontal run centred on data point (x, y)."""
    import io

    from PIL import Image
    img = np.asarray(Image.open(io.BytesIO(demo.figure.image.value)).convert("L")) / 255.0
    px, py = demo.view.region.axes.transData.transform((x, y))
    row = img[int(img.shape[0] - py)]
    return row[int(px) - half_width:int(px) + half_width + 1].min()


@pytest.mark.parametrize("cls", [P.LineDemo, P.TrainDemo])
def test_grid_is_drawn_over_the_moving_region(cls):
    demo = cls()
    view = demo.view
    assert view.grid in demo.figure.dynamic  # blitted with the region, so not hidden by it
    assert view.region.get_zorder() < view.grid.get_zorder() < view.line.get_zorder()
    # grid lines sit at the tick positions, whole steps of 10 lb and 2 in
    assert list(view.region.axes.get_xticks()) == [-20, -10, 0, 10, 20, 30]
    assert list(view.region.axes.get_yticks()) == [-8, -6, -4, -2, 0, 2, 4, 6, 8]
    demo_all_one = P.LineDemo(w1=0.0, w2=0.0, b=5.0)  # the region covers the whole view
    on_line = _min_brightness_along_x(demo_all_one, 10.0, 5.0)   # crosses the x1 = 10 line
    between = _min_brightness_along_x(demo_all_one, 15.0, 5.0)   # between grid lines
    assert on_line < between - 0.03


def test_train_demo_keeps_only_the_current_run():
    demo = P.TrainDemo()
    first = {k: v.copy() for k, v in demo.run.items() if isinstance(v, np.ndarray)}
    for v in np.linspace(-3, 0, 31):  # every α of the slider
        demo.controls["lr"].value = 10 ** v
    stores = [v for v in vars(demo).values() if isinstance(v, dict) and len(v) > 3
              and all(isinstance(k, float) for k in v)]
    assert stores == []  # no cache of past runs that grows with each α visited
    demo.controls["lr"].value = 0.01  # the same run again, recomputed
    assert all(np.array_equal(demo.run[k], first[k]) for k in first)
