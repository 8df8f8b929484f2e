"""The checkers of notebook 01: right answers pass, None is not done, typical slips get hints."""

import numpy as np
import pytest

import nnlib
from nnlib.exercises import perceptron as check


def verdict(result):
    return result.mark, result.detail


# ---------------------------------------------------------------- 1: Emily by hand
def test_emily_by_hand():
    # Emily (128, 63) → (−7, −3); z = 0.2·(−7) + (−1)·(−3) + 2 = 3.6 → ŷ = 1
    assert check.emily.check(3.6, 1).passed
    assert check.emily.check(np.float64(3.6), np.int64(1)).passed
    assert check.emily.check(None, None).mark == "⏳"
    assert "raw weight and height" in check.emily.check(0.2 * 128 - 63 + 2, 0).detail
    assert "missing the bias" in check.emily.check(1.6, 1).detail
    assert check.emily.check(3.6, 0).detail == "y_hat is 0, which is too small"
    assert "single number" in check.emily.check(3.6, [1]).detail


# ---------------------------------------------------------------- 2: step
def test_step_function():
    def step(z):
        return np.where(z >= 0, 1.0, 0.0)

    def strict(z):
        return np.where(z > 0, 1.0, 0.0)

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def step_todo(z):
        return None

    assert check.step.check(step).passed
    assert check.step.check(lambda z: z >= 0).passed  # booleans are 0/1 too
    assert "step(0) = 1" in check.step.check(strict).detail
    assert check.step.check(step_todo).mark == "⏳"
    assert check.step.check(sigmoid).mark == "❌"
    assert "shape" in check.step.check(lambda z: np.where(z >= 0, 1.0, 0.0).ravel()).detail


def test_step_with_an_if_gets_the_np_where_tip_only_after_the_attempt():
    def step_if(z):
        if z >= 0:
            return 1.0
        return 0.0

    result = check.step.check(step_if)
    assert result.mark == "❌" and "np.where" in result.detail
    assert "np.where" not in check.step.hint


# ---------------------------------------------------------------- 3: one update
def right_update(w, b, x, y, lr):
    y_hat = float(x @ w + b >= 0)
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


def test_perceptron_update():
    assert check.update.check(right_update).passed

    def flipped(w, b, x, y, lr):
        y_hat = float(x @ w + b >= 0)
        return w + lr * (y_hat - y) * x, b + lr * (y_hat - y)

    def always(w, b, x, y, lr):  # moves even when right
        return w + lr * y * x, b + lr * y

    def no_x(w, b, x, y, lr):
        y_hat = float(x @ w + b >= 0)
        return w + lr * (y - y_hat), b + lr * (y - y_hat)

    def one_value(w, b, x, y, lr):
        return w

    def in_place(w, b, x, y, lr):  # mutating w is fine as long as the result is right
        y_hat = float(x @ w + b >= 0)
        w += lr * (y - y_hat) * x
        return w, b + lr * (y - y_hat)

    def todo(w, b, x, y, lr):
        return None

    assert "wrong way" in check.update.check(flipped).detail
    assert "already right" in check.update.check(always).detail
    assert ("the new w for w = [1, 1], b = 0, x = [-2, -1], y = 1, α = 0.01"
            in check.update.check(no_x).detail)
    assert "two things" in check.update.check(one_value).detail
    assert check.update.check(in_place).passed
    assert check.update.check(todo).mark == "⏳"


# ---------------------------------------------------------------- 4: weights
def test_weights_for_everyone():
    result = check.weights.check(-1, -1, 0)
    # Emily (128, 63) → (−7, −3): z = 7 + 3 = 10; Frank (155, 68) → (20, 2): z = −22
    assert result.passed
    assert "Emily (x = [-7, -3]): z = 10, ŷ = 1 (female)" in result.detail
    assert "Frank (x = [20, 2]): z = -22, ŷ = 0 (male)" in result.detail
    assert check.weights.check(-1.0, 0.0, 0.0).passed  # weight alone separates the table
    assert check.weights.check(np.int64(-2), np.float64(-3.0), 1).passed
    result = check.weights.check(0.2, -1.0, 2.0)
    assert result.mark == "❌"
    assert result.detail.startswith(
        "still wrong about Bob (ŷ = 1, y = 0), Charlie (ŷ = 1, y = 0). After the shift")
    assert "the signs of w₁ and w₂" in result.detail     # the sign tip comes after an attempt
    assert check.weights.check(None, None, None).mark == "⏳"
    assert "single number" in check.weights.check([1, 2], 0.0, 0.0).detail


def test_weights_must_be_whole_numbers_so_the_trained_ones_cannot_be_copied():
    # the trained neuron printed by section 4 is right about everyone ...
    X, y, _ = nnlib.datasets.load_gender_table()
    trained = (-0.35, 0.59, 0.02)
    assert list((X @ np.array(trained[:2]) + trained[2] >= 0).astype(int)) == list(y)
    # ... but is not an answer: the hint names the fractions and the way out (scaling)
    result = check.weights.check(*trained)
    assert result.mark == "❌"
    assert result.detail.startswith("w1 = -0.35, w2 = 0.59, b = 0.02 are not whole numbers")
    assert "same positive number changes no answer" in result.detail
    assert "b = 0.5 is not a whole number" in check.weights.check(-1, -1, 0.5).detail
    assert check.weights.check(-35, 59, 2).passed     # scaled by 100: every answer the same


# ---------------------------------------------------------------- 5, 6: quick checks
@pytest.mark.parametrize("answer, mark", [("XNOR", "✅"), (" xnor ", "✅"), ("AND NOT", "❌"),
                                          ("XOR", "❌"), ("maybe", "❌"), (None, "⏳")])
def test_separable(answer, mark):
    assert check.separable.check(answer).mark == mark


def test_separable_hints_name_the_slip():
    assert "cut off that corner" in check.separable.check("and not").detail
    assert "XNOR and AND NOT" in check.separable.check("XOR").detail
    assert "should be one of 'XNOR', 'AND NOT'" in check.separable.check("OR").detail


def test_the_and_not_line_of_the_hint_is_right_and_xnor_has_none():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y_and_not = np.array(check.NEW_TABLES["AND NOT"])
    assert list((X @ [1.0, -1.0] - 0.5 >= 0).astype(int)) == list(y_and_not)
    # XNOR is XOR with the labels swapped: the perceptron rule never finishes an epoch right
    p = nnlib.Perceptron(2)
    history = p.fit(X, np.array(check.NEW_TABLES["XNOR"]), lr=0.1, epochs=50)
    assert min(history.mistakes) >= 1


def test_layers():
    assert check.layers.check(2).passed
    assert "input layer" in check.layers.check(3).detail
    assert "only the output layer" in check.layers.check(1).detail
    assert "the 8 hidden neurons" in check.layers.check(1).detail   # notebook 06's 4-8-3
    assert check.layers.check(None).mark == "⏳"


def test_printed_line_for_the_notebook(capsys):
    check.emily(3.6, 1)
    assert capsys.readouterr().out == "✅ Exercise 1 — Emily by hand: correct.\n"


CHECKERS = [check.emily, check.step, check.update, check.weights, check.separable, check.layers]


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.title)
def test_hint_before_any_attempt_points_to_a_section_and_gives_nothing_away(checker):
    hint = checker.hint
    assert hint.startswith("Section ")
    for answer in ("(−7, −3)", "np.where", "negative", "hidden layers +", "XOR.",
                   "ŷ = step(z) with"):
        assert answer not in hint


# ---------------------------------------------------------------- grading: hidden tests
def worked_step(z):
    return np.where(z >= 0, 1.0, 0.0)


def step_for_rows_only(z):
    """Passes the visible check (a vector, a matrix) but assumes z has rows."""
    if z.ndim == 1:
        return np.array([1.0 if v >= 0 else 0.0 for v in z])
    return np.array([[1.0 if v >= 0 else 0.0 for v in row] for row in z])


def worked_update(w, b, x, y, lr):
    y_hat = nnlib.activations.step(x @ w + b)
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


def strict_update(w, b, x, y, lr):
    """z > 0 instead of z ≥ 0: no visible case has z = 0."""
    y_hat = float(x @ w + b > 0)
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


@pytest.mark.parametrize("checker, worked, visible_only", [
    (check.step, worked_step, step_for_rows_only),
    (check.update, worked_update, strict_update),
], ids=["step", "update"])
def test_scores_for_grading(checker, worked, visible_only, expect_scores):
    expect_scores(checker, worked, visible_only)


def test_hidden_messages_name_the_case_without_the_answer():
    detail = check.step.check_hidden(step_for_rows_only).detail
    assert "shape ()" in detail
    detail = check.update.check_hidden(strict_update).detail
    assert "z = 0" in detail and "y = 0" in detail
    assert "[" not in detail                         # no new w given away
    detail = check.step.check_hidden(lambda z: np.where(z > 0, 1.0, 0.0)).detail
    assert "wrong at" in detail


@pytest.mark.parametrize("answers, points", [((3.6, 1), 2.0), ((-1, -1, 0), 2.0),
                                             (("XNOR",), 2.0), ((2,), 2.0)])
def test_answers_without_hidden_tests_get_full_marks_when_right(answers, points):
    checker = {2: check.emily, 3: check.weights}.get(len(answers)) or \
        (check.separable if isinstance(answers[0], str) else check.layers)
    assert checker.hidden_fn is None and checker.score(*answers) == points
