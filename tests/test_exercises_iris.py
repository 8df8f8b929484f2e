"""Checkers of notebook 06: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint."""

import numpy as np

import nnlib
from nnlib.exercises import iris as ex
from nnlib.widgets.iris import prepare


# ------------------------------------------------------------------ exercise 1: softmax
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


# ------------------------------------------------------- exercise 2: the output delta
def _softmax_rows(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_output_delta_right_answers_pass():
    def naive(Z, Y):
        y_hat = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        return (y_hat - Y) / len(Z)

    def with_nnlib(Z, Y):
        return nnlib.losses.softmax_cross_entropy_gradient(Y, Z)

    for fn in (naive, with_nnlib, lambda Z, Y: (_softmax_rows(Z) - Y) / Z.shape[0]):
        r = ex.check_softmax_ce_delta.check(fn)
        assert r.passed, r
        assert "finite differences" in r.detail


def test_output_delta_reference_is_the_finite_difference_gradient():
    """The checker's cases: (ŷ − Y)/m agrees with finite differences of J, by an independent
    computation of J here (no nnlib)."""
    for Z, Y in ex._delta_cases():
        J = lambda V: -np.sum(Y * np.log(_softmax_rows(V))) / len(V)
        numeric = np.zeros_like(Z)
        for idx in np.ndindex(Z.shape):
            d = np.zeros_like(Z)
            d[idx] = 1e-6
            numeric[idx] = (J(Z + d) - J(Z - d)) / 2e-6
        np.testing.assert_allclose((_softmax_rows(Z) - Y) / len(Z), numeric, atol=1e-8)


def test_output_delta_placeholder_and_mistakes_are_named():
    def stub(Z, Y):
        return None

    assert ex.check_softmax_ce_delta.check(None).verdict == "not done yet"
    assert ex.check_softmax_ce_delta.check(stub).verdict == "not done yet"
    mistakes = {
        "times too large": lambda Z, Y: _softmax_rows(Z) - Y,
        "wrong sign": lambda Z, Y: (Y - _softmax_rows(Z)) / len(Z),
        "the scores Z where the probabilities": lambda Z, Y: (Z - Y) / len(Z),
        "sums over the flowers": lambda Z, Y: (np.exp(Z) / np.exp(Z).sum(axis=0) - Y) / len(Z),
        "not by the 3 species": lambda Z, Y: (_softmax_rows(Z) - Y) / 3,
        "shape": lambda Z, Y: ((_softmax_rows(Z) - Y) / len(Z)).T,
        "raised ZeroDivisionError": lambda Z, Y: 1 / 0,
    }
    for words, fn in mistakes.items():
        r = ex.check_softmax_ce_delta.check(fn)
        assert r.verdict == "not quite" and words in r.detail, (words, r)


# ------------------------------------------------------------------ exercise 3: accuracy
def test_accuracy_from_confusion_matrix():
    assert ex.check_accuracy.check(25 / 30).passed          # (10 + 8 + 7) / 30
    assert ex.check_accuracy.check(0.8333).passed
    assert ex.check_accuracy.check(None).verdict == "not done yet"
    assert "error rate" in ex.check_accuracy.check(5 / 30).detail
    assert "versicolor only" in ex.check_accuracy.check(0.8).detail
    assert "virginica only" in ex.check_accuracy.check(0.7).detail
    assert "too small" in ex.check_accuracy.check(0.5).detail


def test_accuracy_counts_and_percentages_are_named():
    assert "percentage" in ex.check_accuracy.check(100 * 25 / 30).detail
    assert "not a count" in ex.check_accuracy.check(25).detail
    assert "single number" in ex.check_accuracy.check([25 / 30]).detail


# ------------------------------------------------------- exercise 4: two hidden layers
def _two_layer_net(epochs=300, seed=0):
    data = prepare()
    net = nnlib.MLP([4, 8, 8, 3], hidden="relu", output="softmax", loss="cross_entropy",
                    seed=seed)
    net.fit(data.X_train, data.Y_train, lr=0.3, epochs=epochs)
    return net, data


def test_two_hidden_layers_trained_passes_and_reports_both_networks():
    net, data = _two_layer_net()
    acc = float(np.mean(net.predict_classes(data.X_val) == data.y_val))
    r = ex.check_two_hidden_layers.check(net, acc)
    assert r.passed, r
    # the notebook's Think! says both networks get 29 of 30 validation flowers right
    assert "29 of 30 validation flowers right (0.967)" in r.detail
    assert r.detail.endswith("with one hidden layer: 29 of 30")


def test_two_hidden_layers_placeholders_and_mistakes():
    net, data = _two_layer_net()
    acc = float(np.mean(net.predict_classes(data.X_val) == data.y_val))
    assert ex.check_two_hidden_layers.check(None, None).verdict == "not done yet"
    assert ex.check_two_hidden_layers.check(net, None).verdict == "not done yet"
    one_layer = nnlib.MLP([4, 8, 3], hidden="relu", output="softmax", loss="cross_entropy")
    assert "two hidden layers" in ex.check_two_hidden_layers.check(one_layer, acc).detail
    assert "use data.X_val" in ex.check_two_hidden_layers.check(net, acc - 0.1).detail
    sigmoid_out = nnlib.MLP([4, 8, 8, 3], hidden="relu", output="sigmoid", loss="mse")
    assert "use softmax" in ex.check_two_hidden_layers.check(sigmoid_out, acc).detail
    untrained = nnlib.MLP([4, 8, 8, 3], hidden="relu", output="softmax",
                          loss="cross_entropy", seed=3)
    u_acc = float(np.mean(untrained.predict_classes(data.X_val) == data.y_val))
    assert "is it trained" in ex.check_two_hidden_layers.check(untrained, u_acc).detail


def test_two_hidden_layers_test_accuracy_is_refused_with_the_reason():
    """A network whose test and validation scores differ: the test score is named as such."""
    data = prepare()
    for seed in range(10):
        net, _ = _two_layer_net(epochs=40, seed=seed)
        val = int(np.sum(net.predict_classes(data.X_val) == data.y_val))
        test = int(np.sum(net.predict_classes(data.X_test) == data.y_test))
        if val != test:
            break
    assert val != test
    r = ex.check_two_hidden_layers.check(net, test / 30)
    assert r.verdict == "not quite" and "accuracy on the test flowers" in r.detail


# ------------------------------------------------------------------ hints before an attempt
def test_general_hints_point_to_sections_without_the_answer():
    """The hint a learner sees before trying names the section, not the formula or code."""
    sections = {ex.check_softmax: "section 3", ex.check_softmax_ce_delta: "section 4",
                ex.check_accuracy: "section 8", ex.check_two_hidden_layers: "section 7"}
    for checker, section in sections.items():
        assert section in checker.hint, checker.title
        for giveaway in ("exp(", "Σ", "trace", "/ m", "ŷ − Y", "hidden='relu'", "[4, 8, 8, 3]"):
            assert giveaway not in checker.hint, (checker.title, giveaway)
