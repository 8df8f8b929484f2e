"""Checkers of notebook 06: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint."""

import numpy as np

import nnlib
from nnlib.exercises import iris as ex
from nnlib.widgets.iris import prepare


# ------------------------------------------------------------------ exercise 1: softmax
def test_softmax_hand_computed_value_passes():
    e = np.exp([0.5, 2.0, -1.0])
    assert ex.check_softmax.check(e / e.sum()).passed
    assert ex.check_softmax.check([0.1753, 0.7856, 0.0391]).passed   # rounded by hand


def test_softmax_exercise_is_not_the_notebooks_own_example():
    """Section 4 shows softmax(2, 1, 0.1); the exercise uses other scores, and copying the
    notebook's value is named."""
    assert ex.Z != [2.0, 1.0, 0.1]
    r = ex.check_softmax.check([0.659, 0.242, 0.099])
    assert r.verdict == "not quite" and "section 4's scores" in r.detail


def test_softmax_placeholder_and_mistakes():
    z = np.array(ex.Z)
    assert ex.check_softmax.check(None).verdict == "not done yet"
    assert "exponentiate" in ex.check_softmax.check(z / z.sum()).detail
    assert "sigmoid" in ex.check_softmax.check(1 / (1 + np.exp(-z))).detail
    assert "sum to 1" in ex.check_softmax.check(np.exp(z)).detail
    assert "shape" in ex.check_softmax.check([[0.175, 0.786, 0.039]]).detail


# ------------------------------------------------- exercise 2: the output layer's gradients
def _softmax_rows(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _right(A1, Z2, Y):
    delta = (_softmax_rows(Z2) - Y) / len(Z2)
    return A1.T @ delta, delta.sum(axis=0)


def test_output_layer_gradients_right_answers_pass():
    def naive(A1, Z2, Y):
        y_hat = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
        delta2 = (y_hat - Y) / len(Z2)
        return A1.T @ delta2, delta2.sum(axis=0)

    def with_nnlib(A1, Z2, Y):
        delta2 = nnlib.losses.softmax_cross_entropy_gradient(Y, Z2)
        return A1.T @ delta2, delta2.sum(axis=0)

    def as_list(A1, Z2, Y):
        return list(_right(A1, Z2, Y))

    for fn in (naive, with_nnlib, _right, as_list):
        r = ex.check_output_layer_gradients.check(fn)
        assert r.passed, r
        assert "finite differences" in r.detail


def test_output_layer_reference_is_the_finite_difference_gradient():
    """The checker's cases: A1ᵀ(ŷ − Y)/m and the column sums of (ŷ − Y)/m agree with finite
    differences of J, by an independent computation of J here (no nnlib)."""
    for A1, W2, b2, Y in ex._layer_cases():
        def J(W, b):
            return -np.sum(Y * np.log(_softmax_rows(A1 @ W + b))) / len(A1)

        num_W, num_b = np.zeros_like(W2), np.zeros_like(b2)
        for idx in np.ndindex(W2.shape):
            d = np.zeros_like(W2)
            d[idx] = 1e-6
            num_W[idx] = (J(W2 + d, b2) - J(W2 - d, b2)) / 2e-6
        for k in range(3):
            d = np.zeros(3)
            d[k] = 1e-6
            num_b[k] = (J(W2, b2 + d) - J(W2, b2 - d)) / 2e-6
        dW2, db2 = _right(A1, A1 @ W2 + b2, Y)
        np.testing.assert_allclose(dW2, num_W, atol=1e-8)
        np.testing.assert_allclose(db2, num_b, atol=1e-8)


def test_output_layer_placeholder_and_mistakes_are_named():
    def stub(A1, Z2, Y):
        return None

    def delta_of(y_hat, Y, m):
        return (y_hat - Y) / m

    assert ex.check_output_layer_gradients.check(None).verdict == "not done yet"
    assert ex.check_output_layer_gradients.check(stub).verdict == "not done yet"
    mistakes = {
        "times too large": lambda A1, Z2, Y: (A1.T @ (_softmax_rows(Z2) - Y),
                                              (_softmax_rows(Z2) - Y).sum(axis=0)),
        "wrong sign": lambda A1, Z2, Y: tuple(-g for g in _right(A1, Z2, Y)),
        "the scores Z2 where the probabilities": lambda A1, Z2, Y: (
            A1.T @ delta_of(Z2, Y, len(Z2)), delta_of(Z2, Y, len(Z2)).sum(axis=0)),
        "sums over the flowers (axis 0)": lambda A1, Z2, Y: (
            A1.T @ delta_of(np.exp(Z2) / np.exp(Z2).sum(axis=0), Y, len(Z2)),
            delta_of(np.exp(Z2) / np.exp(Z2).sum(axis=0), Y, len(Z2)).sum(axis=0)),
        "sum of the whole matrix": lambda A1, Z2, Y: (
            A1.T @ delta_of(np.exp(Z2) / np.exp(Z2).sum(), Y, len(Z2)),
            delta_of(np.exp(Z2) / np.exp(Z2).sum(), Y, len(Z2)).sum(axis=0)),
        "divided by 3m": lambda A1, Z2, Y: tuple(g / 3 for g in _right(A1, Z2, Y)),
        "db2 is one number: you summed over the whole matrix": lambda A1, Z2, Y: (
            _right(A1, Z2, Y)[0], delta_of(_softmax_rows(Z2), Y, len(Z2)).sum()),
        "one row per flower": lambda A1, Z2, Y: (
            _right(A1, Z2, Y)[0], delta_of(_softmax_rows(Z2), Y, len(Z2))),
        "does not average them again": lambda A1, Z2, Y: (
            _right(A1, Z2, Y)[0], _right(A1, Z2, Y)[1] / len(Z2)),
        "transposed": lambda A1, Z2, Y: (_right(A1, Z2, Y)[0].T, _right(A1, Z2, Y)[1]),
        "two arrays": lambda A1, Z2, Y: _right(A1, Z2, Y)[0],
        "raised ZeroDivisionError": lambda A1, Z2, Y: 1 / 0,
    }
    for words, fn in mistakes.items():
        r = ex.check_output_layer_gradients.check(fn)
        assert r.verdict == "not quite" and words in r.detail, (words, r)


# ------------------------------------------------------------------ exercise 3: accuracy
def test_accuracy_from_confusion_matrix():
    assert ex.check_accuracy.check(25 / 30).passed          # (10 + 8 + 7) / 30
    assert ex.check_accuracy.check(0.8333).passed
    assert ex.check_accuracy.check(0.83).passed             # two decimals, as the prompt asks
    assert ex.check_accuracy.check(0.833).passed
    assert "too large" in ex.check_accuracy.check(0.84).detail
    assert ex.check_accuracy.check(None).verdict == "not done yet"
    assert "error rate" in ex.check_accuracy.check(5 / 30).detail
    assert "versicolor only" in ex.check_accuracy.check(0.8).detail
    assert "virginica only" in ex.check_accuracy.check(0.7).detail
    assert "too small" in ex.check_accuracy.check(0.5).detail


def test_accuracy_counts_and_percentages_are_named():
    assert "percentage" in ex.check_accuracy.check(100 * 25 / 30).detail
    assert "percentage" in ex.check_accuracy.check(83.3).detail
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
    # the notebook's Think! says both networks get 29 of 30 validation flowers right, and the
    # tie-break by validation cost keeps the one-layer network: 0.078 against 0.130
    assert "29 of 30 validation flowers right (0.967), validation cost 0.130" in r.detail
    assert r.detail.endswith("with one hidden layer: 29 of 30, validation cost 0.078")


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
    sections = {ex.check_softmax: "section 3", ex.check_output_layer_gradients: "section 4",
                ex.check_accuracy: "section 8", ex.check_two_hidden_layers: "section 7"}
    for checker, section in sections.items():
        assert section in checker.hint, checker.title
        for giveaway in ("exp(", "Σ", "trace", "/ m", "ŷ − Y", "A1.T", "axis=", "hidden='relu'",
                         "[4, 8, 8, 3]"):
            assert giveaway not in checker.hint, (checker.title, giveaway)


# ------------------------------------------------------------------- grading: hidden tests
import pytest  # noqa: E402


def worked_output_layer_gradients(A1, Z2, Y):
    y_hat = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
    delta2 = (y_hat - Y) / len(Z2)
    return A1.T @ delta2, delta2.sum(axis=0)


def gradients_for_the_visible_batches(A1, Z2, Y):
    """The batch size looked up for the visible check's 5, 1 and 6 flowers."""
    m = {5: 5, 1: 1, 6: 6}[len(Z2)]
    y_hat = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
    return A1.T @ (y_hat - Y) / m, (y_hat - Y).sum(axis=0) / m


def test_output_layer_gradients_scores_for_grading(expect_scores):
    checker = ex.check_output_layer_gradients
    expect_scores(checker, worked_output_layer_gradients, gradients_for_the_visible_batches)
    detail = checker.check_hidden(gradients_for_the_visible_batches).detail
    assert "raised KeyError" in detail and "for 3 flowers and 3 hidden units" in detail


def test_output_layer_gradients_hidden_catches_a_softmax_over_the_wrong_axis_when_m_is_3():
    def columns_when_square(A1, Z2, Y):    # what a missing keepdims does when m = 3
        e = np.exp(Z2)
        y_hat = e / e.sum(axis=1) if e.shape == (3, 3) else e / e.sum(axis=1, keepdims=True)
        return A1.T @ (y_hat - Y) / len(Z2), (y_hat - Y).sum(axis=0) / len(Z2)

    assert ex.check_output_layer_gradients.check(columns_when_square).passed
    assert ex.check_output_layer_gradients.check_hidden(columns_when_square).detail.endswith(
        "dW2 is wrong for 3 flowers and 3 hidden units")


def test_two_hidden_layers_scores_for_grading(capsys):
    net, data = _two_layer_net()
    acc = float(np.mean(net.predict_classes(data.X_val) == data.y_val))
    assert ex.check_two_hidden_layers.score(net, acc) == 2.0
    assert capsys.readouterr().out == ""
    assert ex.check_two_hidden_layers.score(None, None) == 0.0
    for other, words in (
            (dict(sizes=[4, 16, 16, 3], hidden="relu"), "sizes [4, 16, 16, 3], not the layer"),
            (dict(sizes=[4, 8, 8, 3], hidden="tanh"), "use tanh, not the activation")):
        wrong = nnlib.MLP(other["sizes"], hidden=other["hidden"], output="softmax",
                          loss="cross_entropy", seed=0)
        wrong.fit(data.X_train, data.Y_train, lr=0.3, epochs=300)
        wrong_acc = float(np.mean(wrong.predict_classes(data.X_val) == data.y_val))
        assert ex.check_two_hidden_layers.check(wrong, wrong_acc).passed  # visible: any 4-h-h-3
        assert ex.check_two_hidden_layers.score(wrong, wrong_acc) == 1.0
        assert words in capsys.readouterr().out


@pytest.mark.parametrize("checker, answer", [
    (ex.check_softmax, np.exp(ex.Z) / np.exp(ex.Z).sum()),
    (ex.check_accuracy, 25 / 30)])
def test_number_answers_get_full_marks_when_right(checker, answer):
    assert checker.hidden_fn is None
    assert checker.score(answer) == 2.0 and checker.score(None) == 0.0
