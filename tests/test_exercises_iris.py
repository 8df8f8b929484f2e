"""Checkers of notebook 06: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint."""

import numpy as np

import nnlib
from nnlib.exercises import iris as ex
from nnlib.widgets.iris import prepare


# ------------------------------------------------------------------ exercise 1: one-hot
def test_one_hot_by_hand_passes():
    Y = [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 1, 0]]
    assert ex.check_one_hot.check(Y).passed


def test_one_hot_placeholder_is_not_done():
    assert ex.check_one_hot.check(None).verdict == "not done yet"


def test_one_hot_mistakes_are_named():
    right = np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 1, 0]])
    assert "(4, 3)" in ex.check_one_hot.check(right.T).detail
    assert "reversed" in ex.check_one_hot.check(right[:, ::-1]).detail
    two_ones = right.copy()
    two_ones[0, 0] = 1
    assert "exactly one 1" in ex.check_one_hot.check(two_ones).detail
    wrong_row = right.copy()
    wrong_row[1] = [0, 1, 0]
    r = ex.check_one_hot.check(wrong_row)
    assert r.verdict == "not quite" and "index (1, 0)" in r.detail


# ------------------------------------------------------------------ exercise 2: softmax
def test_softmax_hand_computed_value_passes():
    e = np.exp([2.0, 1.0, 0.1])
    assert ex.check_softmax.check(e / e.sum()).passed
    assert ex.check_softmax.check([0.659, 0.2424, 0.0986]).passed   # rounded by hand


def test_softmax_placeholder_and_mistakes():
    z = np.array([2.0, 1.0, 0.1])
    assert ex.check_softmax.check(None).verdict == "not done yet"
    assert "exponentiate" in ex.check_softmax.check(z / z.sum()).detail
    assert "sigmoid" in ex.check_softmax.check(1 / (1 + np.exp(-z))).detail
    assert "sum to 1" in ex.check_softmax.check(np.exp(z)).detail
    assert "shape" in ex.check_softmax.check([[0.659, 0.242, 0.099]]).detail


# ------------------------------------------------------------------ exercise 3: accuracy
def test_accuracy_from_confusion_matrix():
    assert ex.check_accuracy.check(25 / 30).passed          # (10 + 8 + 7) / 30
    assert ex.check_accuracy.check(0.8333).passed
    assert ex.check_accuracy.check(None).verdict == "not done yet"
    assert "error rate" in ex.check_accuracy.check(5 / 30).detail
    assert "versicolor only" in ex.check_accuracy.check(0.8).detail
    assert "virginica only" in ex.check_accuracy.check(0.7).detail
    assert "too small" in ex.check_accuracy.check(0.5).detail


# ------------------------------------------------------- exercise 4: two hidden layers
def _two_layer_net(epochs=300):
    data = prepare()
    net = nnlib.MLP([4, 8, 8, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    net.fit(data.X_train, data.Y_train, lr=0.1, epochs=epochs)
    acc = float(np.mean(net.predict_classes(data.X_test) == data.y_test))
    return net, acc


def test_two_hidden_layers_trained_passes_and_reports_accuracy():
    net, acc = _two_layer_net()
    r = ex.check_two_hidden_layers.check(net, acc)
    assert r.passed, r
    assert f"{round(acc * 30)} of 30" in r.detail


def test_two_hidden_layers_placeholders_and_mistakes():
    net, acc = _two_layer_net()
    assert ex.check_two_hidden_layers.check(None, None).verdict == "not done yet"
    assert ex.check_two_hidden_layers.check(net, None).verdict == "not done yet"
    one_layer = nnlib.MLP([4, 8, 3], hidden="relu", output="softmax", loss="cross_entropy")
    assert "two hidden layers" in ex.check_two_hidden_layers.check(one_layer, acc).detail
    assert "use X_test" in ex.check_two_hidden_layers.check(net, acc - 0.1).detail
    untrained = nnlib.MLP([4, 8, 8, 3], hidden="relu", output="softmax",
                          loss="cross_entropy", seed=3)
    data = prepare()
    u_acc = float(np.mean(untrained.predict_classes(data.X_test) == data.y_test))
    assert "is it trained" in ex.check_two_hidden_layers.check(untrained, u_acc).detail


def test_accuracy_counts_and_percentages_are_named():
    assert "percentage" in ex.check_accuracy.check(100 * 25 / 30).detail
    assert "not a count" in ex.check_accuracy.check(25).detail
    assert "single number" in ex.check_accuracy.check([25 / 30]).detail


# ------------------------------------------------------------------ hints before an attempt
def test_general_hints_point_to_sections_without_the_answer():
    """The hint a student sees before trying names the section, not the formula or code."""
    sections = {ex.check_one_hot: "One-hot targets", ex.check_softmax: "The 4-8-3 network",
                ex.check_accuracy: "How good is it?", ex.check_two_hidden_layers: "The 4-8-3 network"}
    for checker, section in sections.items():
        assert section in checker.hint, checker.title
        for giveaway in ("[0, 0, 1]", "exp(", "Σ", "diagonal) /", "hidden='relu'", "fit on"):
            assert giveaway not in checker.hint, (checker.title, giveaway)
