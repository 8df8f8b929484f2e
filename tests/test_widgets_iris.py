"""Notebook 06's helpers and demos: the split, the derivations' numbers, the live controls, and
every number the notebook's markdown states."""

import math

import numpy as np
import pytest

from nnlib import plots
from nnlib.gradcheck import numerical_gradient
from nnlib.widgets import iris


@pytest.fixture(scope="module")
def data():
    return iris.prepare()


@pytest.fixture(scope="module")
def chosen(data):
    net, _ = iris.train(data, iris.CHOSEN["hidden"], iris.CHOSEN["lr"], iris.CHOSEN["epochs"])
    return net


# ---------------------------------------------------------------------------- the split
def test_prepare_three_disjoint_stratified_parts(data):
    assert data.X_train.shape == (90, 4) and data.X_val.shape == (30, 4)
    assert data.X_test.shape == (30, 4) and data.Y_train.shape == (90, 3)
    assert np.bincount(data.y_train).tolist() == [30, 30, 30]
    assert np.bincount(data.y_val).tolist() == [10, 10, 10]
    assert np.bincount(data.y_test).tolist() == [10, 10, 10]
    everything = np.vstack([data.raw_train, data.raw_val, data.raw_test])
    X, y, _, _ = iris.datasets.load_iris()
    assert sorted(map(tuple, everything)) == sorted(map(tuple, X))     # a partition of the 150
    np.testing.assert_array_equal(data.Y_val.argmax(axis=1), data.y_val)


def test_prepare_standardises_with_training_statistics_only(data):
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(data.X_train.std(axis=0), 1, atol=1e-12)
    mu, sd = data.raw_train.mean(0), data.raw_train.std(0)
    np.testing.assert_allclose(data.X_val, (data.raw_val - mu) / sd)
    np.testing.assert_allclose(data.X_test, (data.raw_test - mu) / sd)
    assert not np.allclose(data.X_val.mean(axis=0), 0, atol=1e-3)   # not refitted on them


def test_prepare_without_validation_is_the_120_30_split_with_the_same_test_flowers(data):
    d = iris.prepare(validation=0)
    assert d.X_train.shape == (120, 4) and d.X_val.shape == (0, 4)
    np.testing.assert_array_equal(d.raw_test, data.raw_test)
    assert iris.prepare(features=iris.PETAL).feature_names == ["petal length (cm)",
                                                               "petal width (cm)"]
    with pytest.raises(ValueError, match="column indices"):
        iris.prepare(features=[4])
    with pytest.raises(ValueError, match="multiple of 3"):
        iris.prepare(validation=10)


def test_course_network_heads_and_bad_output():
    assert iris.course_network().loss_fn.name == "cross_entropy"
    net = iris.course_network(output="sigmoid")
    assert net.output.name == "sigmoid" and net.loss_fn.name == "mse" and net.sizes == [4, 8, 3]
    with pytest.raises(ValueError, match="'softmax' or 'sigmoid'"):
        iris.course_network(output="tanh")


# --------------------------------------------------------------- the derivations' numbers
@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_output_deltas_match_finite_differences_of_the_per_sample_loss(output):
    rng = np.random.default_rng(4)
    Z = rng.normal(0, 2, (5, 3))
    Y = np.eye(3)[rng.integers(0, 3, 5)]

    def head(V):
        if output == "sigmoid":
            return 1 / (1 + np.exp(-V))
        e = np.exp(V - V.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def total_loss(V):                   # Σ_i L_i, so its gradient is each sample's ∂L/∂z
        if output == "sigmoid":
            return np.sum(np.mean((head(V) - Y) ** 2, axis=1))
        return -np.sum(Y * np.log(head(V)))

    numeric = numerical_gradient(total_loss, Z.copy())
    np.testing.assert_allclose(iris.output_deltas(Y, head(Z), output), numeric, atol=1e-7)
    with pytest.raises(ValueError, match="output"):
        iris.output_deltas(Y, head(Z), "relu")


def test_saturated_output_push_numbers_in_section_5():
    y_hat = np.array([[0.01, 0.5, 0.5]])
    Y = np.array([[1.0, 0.0, 0.0]])
    mse = abs(iris.output_deltas(Y, y_hat, "sigmoid")[0, 0])
    ce = abs(iris.output_deltas(Y, y_hat, "softmax")[0, 0])
    assert f"{mse:.4f}" == "0.0065" and ce == pytest.approx(0.99)
    assert round(ce / mse, -1) == 150                     # "about 150 times more"
    assert max(2 / 3 * p * (1 - p) for p in np.linspace(0, 1, 1001)) == pytest.approx(1 / 6)


def test_untrained_network_numbers_of_the_think_in_section_3(data):
    c = iris.COURSE
    net = iris.course_network(4, c["hidden"], c["activation"], seed=c["seed"])
    p = net.forward(data.X_train)[data.Y_train == 1]
    assert f"{net.loss(data.X_train, data.Y_train):.3f}" == "1.475"
    assert (int(np.sum(p < 1 / 3)), f"{p.mean():.3f}", f"{p.min():.3f}") == (59, "0.261", "0.015")
    assert f"{-np.log(0.015):.1f}" == "4.2" and f"{np.log(3):.3f}" == "1.099"


@pytest.fixture(scope="module")
def comparison(data):
    return iris.output_comparison(data, lr=0.1, epochs=300)


def _first(acc, level=0.9):
    hits = np.flatnonzero(np.asarray(acc) >= level)
    return int(hits[0]) if hits.size else None


def test_output_comparison_numbers_of_section_5(data, comparison):
    ce, mse = comparison["softmax + cross-entropy"], comparison["sigmoid + MSE"]
    assert len(ce["accuracy"]) == len(ce["push"]) == 300
    assert round(ce["accuracy"][0] * 90) == round(mse["accuracy"][0] * 90) == 23
    assert (f"{ce['push'][0]:.3f}", f"{mse['push'][0]:.3f}") == ("0.739", "0.064")
    assert round(ce["push"][0] / mse["push"][0]) == 11               # "about 11 times weaker"
    assert _first(ce["accuracy"]) == 46 and _first(mse["accuracy"]) is None
    assert ce["accuracy"][-1] == 1.0 and mse["accuracy"][-1] < 0.9
    right = mse["net"].forward(data.X_train)[data.Y_train == 1]
    slope = right * (1 - right)
    assert slope.min() > 0.1                                 # not saturated in this run
    # the push is the delta of the network that was trained: check it against backprop
    net = iris.course_network(4, 8, "relu", 0, output="sigmoid")
    Zs, As = net._forward(data.X_train)
    m = len(data.X_train)
    delta = iris.output_deltas(data.Y_train, As[-1], "sigmoid") / m
    grad_b2 = net.backward(data.X_train, data.Y_train)[-1]
    np.testing.assert_allclose(delta.sum(axis=0), grad_b2, rtol=1e-10)


def test_the_dip_below_chance_of_section_5(data, comparison):
    """Both accuracy curves dip: no flower is called versicolor at the start, the first steps
    raise the versicolor scores, and setosa flowers (whose three scores start close together)
    tip over to versicolor."""
    ce, mse = comparison["softmax + cross-entropy"], comparison["sigmoid + MSE"]
    assert round(ce["accuracy"][1] * 90) == 6 and round(mse["accuracy"][9] * 90) == 7
    assert min(ce["accuracy"][:10]) < 1 / 3 and min(mse["accuracy"][:20]) < 1 / 3
    setosa = data.y_train == 0
    for output, epochs, tipped in (("softmax", 1, 18), ("sigmoid", 9, 16)):
        net = iris.course_network(4, 8, "relu", 0, output=output)
        Z0 = net._forward(data.X_train)[0][-1]
        assert not np.any(Z0.argmax(axis=1) == 1)                 # nobody is versicolor
        gap = np.abs(Z0[:, 0] - Z0[:, 1])
        assert gap[setosa].mean() < 0.3 and gap[~setosa].mean() > 0.8   # "close together"
        net.fit(data.X_train, data.Y_train, lr=0.1, epochs=epochs)
        Z1 = net._forward(data.X_train)[0][-1]
        assert int(np.sum(Z1[setosa].argmax(axis=1) == 1)) == tipped
    net = iris.course_network(4, 8, "relu", 0)
    net.fit(data.X_train, data.Y_train, lr=0.1, epochs=1)
    rise = net._forward(data.X_train)[0][-1] - Z0
    assert all(rise[data.y_train == k, 1].mean() > 0 for k in range(3))   # versicolor scores up


def test_a_sixfold_learning_rate_numbers_of_the_think_in_section_5(data):
    runs = iris.output_comparison(data, lr=0.6, epochs=100)
    assert _first(runs["sigmoid + MSE"]["accuracy"]) == 67
    assert _first(runs["softmax + cross-entropy"]["accuracy"]) == 9


def test_output_comparison_figure_says_what_it_shows(comparison):
    import matplotlib.pyplot as plt
    fig = iris.plot_output_comparison(comparison)
    ax_acc, ax_push = fig.axes
    styles = [line.get_linestyle() for line in ax_acc.get_lines()]
    assert styles == ["-", "--", ":"] and ax_push.get_yscale() == "log"    # runs, chance
    assert ax_acc.get_lines()[2].get_ydata()[0] == pytest.approx(1 / 3)
    text = plots.alt_text(fig)
    assert "0.9 first reached at epoch 46" in text and "0.9 never reached" in text
    assert "from 0.26 (down to 0.07 at epoch 1 first, below chance)" in text   # the dip
    assert "(down to 0.08 at epoch 9 first, below chance)" in text
    plt.close("all")


# ----------------------------------------------------------------- evaluation helpers
def test_confusion_matrix_counts_by_hand():
    C = iris.confusion_matrix([0, 1, 2, 2, 1], [0, 2, 2, 1, 1])
    assert C.tolist() == [[1, 0, 0], [0, 1, 1], [0, 1, 1]]
    assert np.trace(C) == 3
    with pytest.raises(ValueError, match="y_pred"):
        iris.confusion_matrix([0, 1], [0])


def test_wrong_flowers_lists_exactly_the_mistakes():
    raw = np.array([[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.0, 1.7]])
    proba = np.array([[0.9, 0.05, 0.05], [0.1, 0.3, 0.6]])
    text = iris.wrong_flowers(raw, [0, 1], proba, ["setosa", "versicolor", "virginica"])
    lines = text.splitlines()
    assert len(lines) == 3 and "versicolor" in lines[2] and "virginica" in lines[2]
    assert "0.60" in lines[2] and "6.7" in lines[2]
    assert iris.wrong_flowers(raw[:1], [0], proba[:1], ["a", "b", "c"]) == \
        "no flower is misclassified"


def test_describe_unit_reads_weights_in_cm_and_means_per_species():
    d = iris.prepare(features=iris.PETAL)
    net = iris.course_network(2, 3, "relu", 0)
    W1, b1 = net.params[0], net.params[1]
    W1[:] = 0.0
    b1[:] = 0.0
    W1[:, 0] = [0.5 * d.std[0], 2.0 * d.std[1]]     # +0.5 per cm of length, +2 per cm of width
    W1[:, 1] = [0.0, -1.0 * d.std[1]]               # −1 per cm of width only
    b1[2] = -100.0                                  # never positive: dead
    text = iris.describe_unit(net, d, 0)
    assert text.startswith("unit 1 grows with wider (2.00 per cm) and longer (0.50 per cm) petals")
    A = np.maximum(d.X_train @ W1[:, 0], 0)
    assert f"virginica {A[d.y_train == 2].mean():.2f}" in text
    assert "setosa 0.00 (0 on every one)" in text          # setosa's petals are below average
    assert iris.describe_unit(net, d, 1).startswith(
        "unit 2 grows with narrower (1.00 per cm) petals")
    assert iris.describe_unit(net, d, 2).startswith("unit 3 is dead")
    with pytest.raises(ValueError, match="unit must be in 0..2"):
        iris.describe_unit(net, d, 3)


# ------------------------------------------------------------------ static figures
def test_pair_plot_every_tick_label_belongs_to_its_panel(data):
    import matplotlib.pyplot as plt
    fig = iris.plot_pairs(data.raw_train, data.y_train, data.feature_names, data.class_names)
    axes = np.array(fig.axes).reshape(4, 4)
    for i in range(4):
        for j in range(4):
            ax = axes[i, j]
            assert ax.get_visible() == (j <= i)              # no mirrored upper triangle
            if j > i:
                continue
            tick = ax.yaxis.get_major_ticks()[0]
            left, right = tick.label1.get_visible(), tick.label2.get_visible()
            if i == j:                                       # a histogram: its counts, right
                assert right and not left and ax.get_ylabel() == "count"
                outlines = ax.patches                        # one unfilled outline per species
                assert len(outlines) == 3 and not any(o.get_fill() for o in outlines)
                assert len({str(o.get_linestyle()) for o in outlines}) == 3
                assert ax.get_title() == data.feature_names[i].replace(" (cm)", "")
                assert all(float(t).is_integer() for t in ax.get_yticks())
            else:                                            # a scatter: feature scale, left
                assert left == (j == 0) and not right
            bottom = ax.xaxis.get_major_ticks()[0].label1.get_visible()
            assert bottom == (i == 3)
    assert len(axes[1, 0].collections) == 3
    words = plots.alt_text(fig)
    assert "of 90 flowers" in words and "versicolor and virginica overlap in every" in words
    assert "setosa and versicolor do not overlap in petal length or petal width" in words.lower()
    plt.close("all")


def test_confusion_figure_counts_and_words():
    import matplotlib.pyplot as plt
    names = ["setosa", "versicolor", "virginica"]
    fig = iris.plot_confusion(np.array([[10, 0, 0], [0, 8, 2], [0, 1, 9]]), names)
    assert [t.get_text() for t in fig.axes[0].texts][:5] == ["10", "0", "0", "0", "8"]
    words = plots.alt_text(fig)
    assert "versicolor: 8 of 10 right, 2 taken for virginica" in words
    assert "27 of 30 on the diagonal" in words
    plt.close("all")


# ------------------------------------------------------------ sections 7 and 8: choice and test
def test_the_validation_search_picks_the_chosen_setting_without_the_test_flowers(data):
    results = []
    for h in iris.SEARCH["hidden"]:
        for lr in iris.SEARCH["lr"]:
            net, _ = iris.train(data, hidden=h, lr=lr, epochs=300)
            results.append((h, lr, iris.count_right(net, data.X_val, data.y_val),
                            net.loss(data.X_val, data.Y_val)))
    best = max(results, key=lambda r: (r[2], -r[3]))
    assert (best[0], best[1]) == (iris.CHOSEN["hidden"], iris.CHOSEN["lr"])
    assert best[2] == 29 and sum(r[2] == 29 for r in results) == 11     # "11 of 16 tie"
    assert iris.CHOSEN["epochs"] == 300 and iris.CHOSEN["activation"] == "relu"


def test_final_test_numbers_of_section_8(data, chosen):
    assert iris.count_right(chosen, data.X_train, data.y_train) == 90
    assert iris.count_right(chosen, data.X_val, data.y_val) == 29
    assert iris.count_right(chosen, data.X_test, data.y_test) == 27
    pred = chosen.predict_classes(data.X_test)
    C = iris.confusion_matrix(data.y_test, pred)
    assert C.tolist() == [[10, 0, 0], [0, 8, 2], [0, 1, 9]]              # setosa never confused
    wrong = data.raw_test[pred != data.y_test]
    assert wrong[:, 2].min() == 4.8 and wrong[:, 2].max() == 5.1         # 4.8 to 5.1 cm long
    assert wrong[:, 3].min() == 1.5 and wrong[:, 3].max() == 1.8         # 1.5 to 1.8 cm wide
    p = chosen.forward(data.X_test)[pred != data.y_test]
    assert any(f"{q[1]:.2f}/{q[2]:.2f}" == "0.52/0.48" for q in p)
    # "the two versicolors have petals wider than every training versicolor, the first one
    # longer too; the virginica's length only virginicas have, its width within both ranges"
    vers, virg = (data.raw_train[data.y_train == k][:, 2:] for k in (1, 2))
    assert (vers[:, 0].max(), vers[:, 1].max()) == (4.9, 1.6)
    assert (virg[:, 0].min(), virg[:, 1].min()) == (4.8, 1.4)
    rows = np.flatnonzero(pred != data.y_test)
    assert rows.tolist() == [0, 4, 8] and data.y_test[rows].tolist() == [1, 2, 1]
    assert data.raw_test[0, 2:].tolist() == [5.0, 1.7]
    assert data.raw_test[8, 2:].tolist() == [4.8, 1.8]
    assert data.raw_test[4, 2:].tolist() == [5.1, 1.5]
    assert int(np.sum(virg[:, 1] <= 1.5)) == 2              # near the bottom of virginica's
    assert f"{math.sqrt(0.9 * 0.1 / 30):.3f}" == "0.055"                 # the Think!'s spread


# ---------------------------------------------------------------------------- demos
def test_training_demo_shows_a_cached_run_tick_by_tick():
    demo = iris.TrainingDemo(epochs=60)
    assert demo.tick == 0 and "epoch 0 / 60" in demo.readout.value
    assert "untrained" in demo.readout.value and "No curves yet" in demo.description()
    demo.player.step()
    assert demo.epoch == 2 and demo.progress.value == 2              # 60 / 30 per tick
    assert len(demo.loss_line.get_xdata()) == 3                      # epochs 0, 1, 2
    for _ in range(40):
        demo.player.step()
    assert demo.epoch == 60 and demo.progress.description == "epoch 60 / 60"
    assert "(done)" in demo.readout.value and demo.player.play.playing is False
    run = demo.current
    assert len(demo.val_line.get_xdata()) == 61 and run.loss[-1] < run.loss[0]
    demo.controls["lr"].value = 0.5                                  # a new setting: tick 0
    assert demo.tick == 0 and demo.current is not run
    demo.controls["lr"].value = 0.1                                  # back: the cached run
    assert demo.current is run and demo.tick == 0
    demo.run(30)
    assert demo.epoch == 30
    demo.player.reset()
    assert demo.epoch == 0 and demo.errors == []


def test_training_demo_stored_picture_is_a_full_run_described_in_words():
    demo = iris.TrainingDemo()
    demo.run()
    assert demo.epoch == 300 and len(demo.loss_line.get_xdata()) == 301
    words = demo.description()
    assert "training accuracy 90/90 = 1.000" in words and "validation accuracy 29/30" in words
    assert "first 0.9 or more at epoch 46" in words
    assert "down to 0.07 at epoch 1 first, below chance" in words     # section 5's dip
    assert "training cost went from 1.48 to 0.06" in words
    assert demo.errors == []


def test_training_demo_numbers_of_section_6():
    demo = iris.TrainingDemo(lr=3)
    demo.run()
    run = demo.current
    val = np.array(run.val_loss)
    assert int(val.argmin()) == 43 and f"{val.min():.3f}" == "0.062"
    assert f"{val[-1]:.3f}" == "0.147" and f"{run.loss[-1]:.3f}" == "0.002"
    assert run.val_acc[-1] == run.val_acc[100] and run.train_acc[-1] == 1.0   # accuracies stay
    demo.set(lr=0.003)
    demo.run()
    assert f"{demo.current.loss[-1]:.2f}" == "1.04" and round(demo.current.train_acc[-1] * 90) == 38
    demo.set(lr=1.0)
    demo.run()
    assert _first(demo.current.train_acc) == 6
    assert demo.errors == []


@pytest.mark.parametrize("cls", [iris.TrainingDemo, iris.RegionsDemo])
def test_divergence_is_shown_and_named_not_raised(cls):
    demo = cls(lr=1e4, lr_range=(1e-3, 1e4))   # no slider setting diverges: a preset range
    demo.run()
    assert demo.current.diverged and "diverged" in demo.readout.value
    assert demo.note.get_text() == "diverged"
    demo.player.step()                              # nothing past the divergence
    assert demo.tick == demo.current.n_ticks and demo.player.play.playing is False
    for ax in demo.figure.fig.axes:
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
    demo.player.reset()
    assert demo.note.get_text() == "" and demo.errors == []


def test_regions_demo_stored_picture_is_trained_with_three_regions_in_words():
    demo = iris.RegionsDemo()
    before = np.array(demo.mesh.get_array()).copy()
    assert "untrained" in demo.readout.value
    demo.run()
    after = np.array(demo.mesh.get_array())
    assert demo.epoch == 300 and not np.array_equal(before, after)
    assert set(np.unique(after)) == {0.0, 1.0, 2.0}           # all three species get a region
    words = demo.description()
    assert "every species has a region" in words and "training 89/90" in words
    assert "unit 1 grows with wider" in words
    assert [t.get_text() for t in demo.unit_titles] == [f"unit {i}" for i in range(1, 7)]
    for im in demo.units:
        img = np.asarray(im.get_array(), dtype=float)
        assert img.shape == (demo.SMALL, demo.SMALL) and np.isfinite(img).all()
    assert demo.norm.vmin == 0 and demo.norm.vmax == 5.0      # one scale, from the flowers
    assert demo.colorbar.mappable.norm is demo.norm
    assert demo.key.axes is demo.ax                           # the key sits on the regions
    assert "hollow: validation" in demo.key.get_title().get_text()
    demo.figure.render()
    width = demo.unit_axes[0].get_window_extent().width       # pixels of one unit's picture
    assert width > 130 and demo.figure.fig.get_figwidth() * demo.figure.dpi <= 840
    for pts in demo.unit_points:                              # white markers, black edges,
        assert len(pts) == 3                                  # one marker shape per species
        assert all(np.allclose(p.get_edgecolor()[0][:3], 0) for p in pts)
    assert demo.errors == []


def test_regions_demo_with_the_chosen_eight_units_gives_much_the_same_regions():
    six, eight = iris.RegionsDemo(), iris.RegionsDemo(hidden=8)
    six.run()
    eight.run()
    assert "training 89/90" in eight.readout.value                # "also 89 of 90"
    agree = np.mean(np.asarray(six.mesh.get_array()) == np.asarray(eight.mesh.get_array()))
    assert agree > 0.9


def test_regions_demo_hidden_unit_reading_of_section_9():
    demo = iris.RegionsDemo()
    demo.run()
    lines = demo.units_in_words()
    assert lines[0] == ("unit 1 grows with wider (2.29 per cm) and longer (0.64 per cm) "
                        "petals; mean output: setosa 0.00 (0 on every one), versicolor 0.67, "
                        "virginica 3.06")
    for i in (3, 4):                                  # units 4 and 5: narrow petals, setosa
        assert "grows with narrower" in lines[i] and "virginica 0.00 (0 on every one)" in lines[i]
        means = [float(part.split()[-1].split("(")[0]) for part in
                 lines[i].split("mean output: ")[1].replace(" (0 on every one)", "").split(", ")]
        assert means[0] > 10 * max(means[1:]) + 1
    # the picture agrees: unit 1 is 0 on the whole lower left, brightest at the upper right
    img = np.asarray(demo.units[0].get_array())
    assert img[0, 0] == 0 and img[-1, -1] == img.max()


def test_regions_demo_think_one_hidden_unit_gives_three_regions():
    demo = iris.RegionsDemo(hidden=1)
    demo.run()
    assert set(np.unique(np.asarray(demo.mesh.get_array()))) == {0.0, 1.0, 2.0}
    assert "training 89/90" in demo.readout.value
    assert demo.units_in_words()[0].startswith("unit 1 grows with narrower")
    assert "its one unit shown" in demo.readout.value
    assert [a.get_visible() for a in demo.unit_axes] == [True] + [False] * 5
    assert all(not p.get_visible() for pts in demo.unit_points[1:] for p in pts)


def test_regions_demo_names_dead_relu_units_in_title_and_words():
    demo = iris.RegionsDemo(lr=1.0, optimizer="adam")   # the Try-it of section 9
    demo.train_button.click()                       # Train: the end of the run
    assert demo.epoch == 300
    dead = demo.dead_units()
    assert dead == {0, 1, 2}                        # half the units die
    assert "training 60/90" in demo.readout.value   # and versicolor is lost
    assert "0 of 30 training versicolor inside" in demo.description()
    titles = [t.get_text() for t in demo.unit_titles]
    words = demo.units_in_words()
    A = demo.current.net._forward(demo.data.X_train)[1][1]
    for i in range(6):
        assert titles[i].endswith("dead") == (i in dead)
        assert ("is dead" in words[i]) == (i in dead)
        assert (A[:, i].max() <= 0) == (i in dead)
    assert demo.errors == []


def test_regions_demo_accepts_every_activation_and_optimizer():
    demo = iris.RegionsDemo(epochs=50)
    for act in iris.HIDDEN_ACTIVATIONS:
        for opt in iris.OPTIMIZERS:
            demo.set(activation=act, optimizer=opt)
            demo.player.step()
            assert demo.current.net.hidden.name == act and demo.epoch == 2
            lo, hi = demo.norm.vmin, demo.norm.vmax
            assert (lo, hi) == {"tanh": (-1, 1), "sigmoid": (0, 1)}.get(act, (lo, hi))
    assert "RegionsDemo(" in demo.as_code() and "optimizer='adam'" in demo.as_code()
    assert demo.errors == []


def test_only_the_hidden_units_that_exist_get_a_picture_panel():
    demo = iris.RegionsDemo(hidden=2)
    assert [a.get_visible() for a in demo.unit_axes] == [True, True] + [False] * 4
    demo.controls["hidden"].value = 12
    assert all(a.get_visible() for a in demo.unit_axes)
    assert "units 1–6 of 12 shown" in demo.readout.value
    assert demo.errors == []


def test_flower_demo_shows_measurements_with_probabilities():
    demo = iris.FlowerDemo()
    words = demo.description()
    assert "sepal length 6, sepal width 2.9, petal length 4.5, petal width 1.5" in words
    assert "setosa 0.002, versicolor 0.936, virginica 0.061" in words
    demo.set(sepal_length=5.0, sepal_width=3.4, petal_length=1.5, petal_width=0.2)
    widths = [b.get_width() for b in demo.bars]
    assert "<b>setosa</b> with probability 0.999" in demo.readout.value
    assert sum(widths) == pytest.approx(1.0)
    assert tuple(demo.star.get_data()[0]) == (1.5,)
    demo.set(sepal_length=6.0, sepal_width=2.9, petal_length=20.0, petal_width=1.5)
    assert "<b>virginica</b> with probability 1.000" in demo.readout.value   # the Think!
    assert "outside the 150 flowers' range (petal length 20)" in demo.readout.value
    assert demo.star.get_data()[0][0] == demo.XLIM[1] and demo.outside.get_text()
    assert demo.errors == []


def test_flower_demo_try_it_flower_is_a_test_flower_it_gets_wrong(data, chosen):
    demo = iris.FlowerDemo(sepal_length=6.3, sepal_width=2.8, petal_length=5.1, petal_width=1.5)
    assert "<b>versicolor</b> with probability 0.520" in demo.readout.value
    assert "virginica 0.480" in demo.readout.value
    pred = chosen.predict_classes(data.X_test)
    i = [k for k, w in enumerate(data.raw_test) if np.allclose(w, [6.3, 2.8, 5.1, 1.5])]
    assert len(i) == 1 and data.y_test[i[0]] == 2 and pred[i[0]] == 1    # a virginica, missed


@pytest.mark.parametrize("cls", [iris.TrainingDemo, iris.RegionsDemo, iris.FlowerDemo])
def test_sweep_every_control_leaves_no_errors_and_finite_artists(cls):
    demo = cls()
    for name, w in demo.controls.items():
        if hasattr(w, "options"):
            values = list(w.options)
        elif type(w).__name__ == "FloatText":
            values = [-5.0, 0.0, 0.1, 40.0, 1e6, -1e6]
        elif type(w).__name__ == "FloatLogSlider":
            values = [10 ** w.min, 10 ** w.max, 0.1]
        else:
            values = [w.min, w.max, (w.min + w.max) // 2]      # extremes first
        for v in values:
            w.value = v
            if hasattr(demo, "player"):
                demo.player.step()
                demo.run()
        assert demo.description()
    assert demo.errors == []
    for ax in demo.figure.fig.axes:
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))


# ------------------------------------------------- source 002's numbers (appendix 08)
def test_article_numbers_cannot_come_from_a_120_30_split():
    # 0.97777 = 44/45: a train set of 45, 90 or 135 flowers; 0.9 on the test set: 10, 20, ...
    assert iris.denominators(0.97777) == [45, 90, 135]
    assert iris.possible_splits(0.97777, 0.9) == [(90, 60, 88, 54)]
    assert (120, 30, 117, 27) in iris.possible_splits(0.975, 0.9)     # what 120/30 can give


def test_article_seed_table_is_reproduced():
    for seed in (0, 2):   # two of the ten (10 000 epochs each); tools/iris_seeds.py does all
        assert iris.article_run(seed, seed) == iris.ARTICLE_SEEDS[seed]
