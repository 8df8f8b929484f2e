"""Notebook 06's helpers and demos: the split, the article's numbers, the live controls."""

import numpy as np
import pytest

from nnlib.widgets import iris


# ---------------------------------------------------------------------------- helpers
def test_prepare_standardises_with_training_statistics_only():
    d = iris.prepare()
    assert d.X_train.shape == (120, 4) and d.X_test.shape == (30, 4)
    assert np.bincount(d.y_test).tolist() == [10, 10, 10]
    np.testing.assert_allclose(d.X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(d.X_train.std(axis=0), 1, atol=1e-12)
    np.testing.assert_allclose(d.X_test, (d.raw_test - d.raw_train.mean(0)) / d.raw_train.std(0))
    assert not np.allclose(d.X_test.mean(axis=0), 0, atol=1e-3)   # not refitted on the test set
    assert iris.prepare(features=iris.PETAL).feature_names == ["petal length (cm)",
                                                               "petal width (cm)"]
    with pytest.raises(ValueError, match="column indices"):
        iris.prepare(features=[4])


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


def test_article_numbers_cannot_come_from_a_120_30_split():
    # 0.97777 = 44/45: a train set of 45, 90 or 135 flowers; 0.9 on the test set: 10, 20, ...
    assert iris.denominators(0.97777) == [45, 90, 135]
    assert iris.possible_splits(0.97777, 0.9) == [(90, 60, 88, 54)]
    assert 120 not in iris.denominators(0.97777)
    assert (120, 30, 117, 27) in iris.possible_splits(0.975, 0.9)     # what 120/30 can give


def test_article_seed_table_is_reproduced():
    for seed in (0, 2):   # two of the ten (10 000 epochs each): the table is tools/iris_seeds.py's
        assert iris.article_run(seed, seed) == iris.ARTICLE_SEEDS[seed]


def test_course_network_reaches_best_result_on_the_documented_split():
    c = iris.COURSE
    d = iris.prepare(iris.BEST_SPLIT_SEED)
    net = iris.course_network(4, c["hidden"], c["activation"], c["seed"])
    net.fit(d.X_train, d.Y_train, lr=c["lr"], epochs=c["epochs"], optimizer=c["optimizer"])
    assert np.sum(net.predict_classes(d.X_test) == d.y_test) >= 29


def test_static_figures_build():
    import matplotlib.pyplot as plt
    d = iris.prepare()
    fig = iris.plot_pairs(d.raw_train, d.y_train, d.feature_names, d.class_names)
    assert len(fig.axes) == 16 and len(fig.axes[1].collections) == 3
    fig2 = iris.plot_confusion(np.array([[10, 0, 0], [0, 9, 1], [0, 2, 8]]), d.class_names)
    assert [t.get_text() for t in fig2.axes[0].texts][:5] == ["10", "0", "0", "0", "9"]
    plt.close("all")


# ---------------------------------------------------------------------------- demos
def test_training_demo_trains_per_tick_and_resets_on_a_change():
    demo = iris.TrainingDemo(epochs=60)
    assert demo.trainer.epoch == 0 and "epoch 0 / 60" in demo.readout.value
    demo.player.step()
    assert demo.trainer.epoch == 2 and demo.progress.value == 2          # 60 / 30 per tick
    for _ in range(40):
        demo.player.step()
    assert demo.trainer.epoch == 60 and demo.progress.description == "epoch 60 / 60"
    assert len(demo.loss_line.get_xdata()) == 60 and "(done)" in demo.readout.value
    assert demo.trainer.loss[-1] < demo.trainer.loss[0]
    opt = demo.trainer.opt
    demo.controls["lr"].value = 0.5
    assert demo.trainer.epoch == 0 and demo.trainer.opt is not opt
    assert demo.errors == []


@pytest.mark.parametrize("cls", [iris.TrainingDemo, iris.RegionsDemo])
def test_divergence_is_named_not_raised(cls):
    demo = cls(epochs=60)
    demo.player.step()
    demo.trainer.net.params[0][...] = 1e200        # weights blown up: the cost overflows
    demo.player.step()
    assert demo.trainer.diverged and "diverged" in demo.readout.value
    assert demo.note.get_text() == "diverged"
    before = demo.trainer.epoch
    demo.player.step()                              # no more training once diverged
    assert demo.trainer.epoch == before and demo.player.play.playing is False
    for ax in demo.figure.fig.axes:
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
    assert demo.errors == []


def test_regions_demo_regions_and_hidden_units_follow_training():
    demo = iris.RegionsDemo(hidden=3, epochs=300)
    before = np.array(demo.mesh.get_array()).copy()
    assert "untrained" in demo.readout.value
    assert [t.get_text() for t in demo.unit_titles][:4] == ["unit 1", "unit 2", "unit 3", ""]
    demo.train_all()
    after = np.array(demo.mesh.get_array())
    assert demo.trainer.epoch == 300 and not np.array_equal(before, after)
    assert set(np.unique(after)) == {0.0, 1.0, 2.0}           # all three species get a region
    assert "train 1" in demo.readout.value                   # e.g. "train 11x/120"
    img = np.asarray(demo.units[0].get_array())
    assert img.shape == (demo.SMALL, demo.SMALL) and np.isfinite(img).all()
    assert np.all(np.isnan(np.asarray(demo.units[5].get_array(), dtype=float)))
    demo.player.reset()
    assert demo.trainer.epoch == 0 and demo.errors == []


def test_regions_demo_accepts_every_activation_and_optimizer():
    demo = iris.RegionsDemo(epochs=50)
    for act in iris.HIDDEN_ACTIVATIONS:
        for opt in iris.OPTIMIZERS:
            demo.set(activation=act, optimizer=opt)
            demo.player.step()
            assert demo.trainer.net.hidden.name == act
            assert type(demo.trainer.opt).__name__.lower().startswith(opt[:3]) or opt == "gd"
    assert "RegionsDemo(" in demo.as_code() and "optimizer='adam'" in demo.as_code()
    assert demo.errors == []


def test_flower_demo_predicts_species_with_probabilities():
    demo = iris.FlowerDemo()
    demo.set(sepal_length=5.1, sepal_width=3.5, petal_length=1.4, petal_width=0.2)
    widths = [b.get_width() for b in demo.bars]
    assert "<b>setosa</b>" in demo.readout.value and widths[0] > 0.9
    assert sum(widths) == pytest.approx(1.0)
    demo.set(sepal_length=7.7, sepal_width=3.0, petal_length=6.1, petal_width=2.3)
    assert "<b>virginica</b>" in demo.readout.value and "outside" not in demo.readout.value
    demo.controls["petal_length"].value = 30.0
    assert "outside the 150 flowers' range" in demo.readout.value
    assert demo.errors == []


@pytest.mark.parametrize("cls", [iris.TrainingDemo, iris.RegionsDemo, iris.FlowerDemo])
def test_sweep_every_control_leaves_no_errors_and_finite_artists(cls):
    demo = cls()
    for name, w in demo.controls.items():
        if hasattr(w, "options"):
            values = list(w.options)
        elif type(w).__name__ == "FloatText":
            values = list(np.linspace(-5.0, 40.0, 15))
        elif type(w).__name__ == "FloatLogSlider":
            values = list(10 ** np.linspace(w.min, w.max, 15))
        else:
            values = sorted({int(v) for v in np.linspace(w.min, w.max, 15)})
        for v in values:
            w.value = v
            if hasattr(demo, "player"):
                demo.player.step()
    assert demo.errors == []
    for ax in demo.figure.fig.axes:
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))


def test_regions_train_button_plays_to_the_end_in_bounded_ticks():
    demo = iris.RegionsDemo(epochs=1000)
    demo.train_button.click()                       # Train: no training yet, it starts Play
    assert demo.player.play.playing and demo.trainer.epoch == 0
    ticks = 0
    while demo.player.play.playing and ticks < 50:
        demo.player.play.value += 1                 # what the browser's Play widget does
        ticks += 1
    assert demo.trainer.epoch == 1000 and ticks == 11   # 10 ticks of 100 epochs, then stop
    assert demo.player.play.playing is False and demo.per_tick() == 1000 // 30 + 1
    demo.player.reset()
    demo.player.step()
    assert demo.trainer.epoch == 34                 # Step is back to N/30 per tick
    assert demo.errors == []


def test_regions_demo_names_dead_relu_units():
    demo = iris.RegionsDemo(lr=3.0, optimizer="adam")
    demo.train_all()
    A1 = demo.trainer.net._forward(demo.data.X_train)[1][1]
    dead = [i for i in range(6) if A1[:, i].max() <= 0]
    assert dead                                     # adam at α = 3 kills some units here
    titles = [t.get_text() for t in demo.unit_titles]
    assert all(titles[i].endswith("dead") == (i in dead) for i in range(6))
    assert demo.errors == []


# ------------------------------------------- the numbers notebook 06's markdown states
def test_article_seed_table_numbers_quoted_in_the_notebook():
    test = np.array([te for _, te in iris.ARTICLE_SEEDS]) / 30
    assert (f"{test[0]:.3f}", f"{test.mean():.3f}", f"{test.min():.3f}", f"{test.max():.3f}") == \
        ("0.767", "0.823", "0.567", "0.967")
    assert iris.ARTICLE_SEEDS[2][0] / 120 == 0.55
    # 0.97777 is not (150 − errors)/150 (the article divides by all 150), and swapping train
    # and test (44/45 as the *test* accuracy of a 105/45 split) leaves 0.9 impossible
    assert 150 not in iris.denominators(0.97777)
    assert [n for n in iris.possible_splits(0.9, 0.97777) if n[:2] == (105, 45)] == []


def test_split0_search_table_is_reproduced():
    c = iris.COURSE
    course = (c["hidden"], c["activation"], c["optimizer"], c["lr"], c["epochs"])
    assert course in iris.SPLIT0_SEARCH
    d = iris.prepare(0)
    for setting in (course, (8, "relu", "adam", 0.01, 300)):
        h, act, opt, lr, epochs = setting
        right = []
        for seed in range(10):
            net = iris.course_network(4, h, act, seed)
            net.fit(d.X_train, d.Y_train, lr=lr, epochs=epochs, optimizer=opt)
            right.append(int(np.sum(net.predict_classes(d.X_test) == d.y_test)))
        assert tuple(right) == iris.SPLIT0_SEARCH[setting]
    assert max(max(r) for r in iris.SPLIT0_SEARCH.values()) == 27     # "no more than 27 of 30"


def test_course_network_numbers_quoted_in_the_notebook():
    c = iris.COURSE
    scores = []
    for s in range(10):
        d = iris.prepare(s)
        net = iris.course_network(4, c["hidden"], c["activation"], seed=s)
        net.fit(d.X_train, d.Y_train, lr=c["lr"], epochs=c["epochs"], optimizer=c["optimizer"])
        scores.append(int(np.sum(net.predict_classes(d.X_test) == d.y_test)))
        if s == 0:
            pred = net.predict_classes(d.X_test)
            C = iris.confusion_matrix(d.y_test, pred)
            wrong = d.raw_test[pred != d.y_test]
    acc = np.array(scores) / 30
    assert (f"{acc.mean():.2f}", f"{acc.min():.2f}", f"{acc.max():.1f}") == ("0.94", "0.83", "1.0")
    assert sum(k >= 29 for k in scores) == 5 and scores[iris.BEST_SPLIT_SEED] >= 29
    assert scores[:iris.BEST_SPLIT_SEED] and max(scores[:iris.BEST_SPLIT_SEED]) < 29   # "first"
    assert C[0].tolist() == [10, 0, 0] and C[:, 0].sum() == 10          # setosa never confused
    assert np.all((wrong[:, 2] >= 4.7) & (wrong[:, 2] <= 5.2))          # petals about 5 cm long
    assert np.all((wrong[:, 3] >= 1.5) & (wrong[:, 3] <= 1.8))          # and 1.5-1.8 cm wide
    demo = iris.FlowerDemo(sepal_length=6.3, sepal_width=2.8, petal_length=5.1, petal_width=1.5)
    assert any(np.allclose(w, [6.3, 2.8, 5.1, 1.5]) for w in wrong)     # the Try-it flower...
    assert "<b>versicolor</b>" in demo.readout.value                    # ...is one it gets wrong


def test_only_the_hidden_units_that_exist_get_a_picture_panel():
    demo = iris.RegionsDemo(hidden=2)
    assert [a.get_visible() for a in demo.unit_axes] == [True, True] + [False] * 6
    demo.controls["hidden"].value = 12
    assert all(a.get_visible() for a in demo.unit_axes)
    assert demo.errors == []
