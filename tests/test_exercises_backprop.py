"""Checkers of notebook 04: right answers pass, None is "not done yet", typical slips get hints."""

import numpy as np
import pytest

from nnlib import activations, datasets
from nnlib.exercises import backprop as ex
from nnlib.widgets.backprop import exam_network


def sigmoid_derivative(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1.0 - s)


def backward_two_hidden(X, Y, W1, W2, W3, two=2.0, sign=1.0):
    A1 = activations.sigmoid(X @ W1)
    A2 = activations.sigmoid(A1 @ W2)
    Y_hat = activations.sigmoid(A2 @ W3)
    delta3 = sign * two / len(X) * (Y_hat - Y) * Y_hat * (1 - Y_hat)
    delta2 = (delta3 @ W3.T) * A2 * (1 - A2)
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    return [X.T @ delta1, A1.T @ delta2, A2.T @ delta3]


def verdict(checker, *answers):
    result = checker.check(*answers)
    return result.mark, result.detail


# ------------------------------------------------------------------------------ exercise 1

def test_sigmoid_derivative_right_answer_passes():
    assert verdict(ex.check_sigmoid_derivative, sigmoid_derivative)[0] == "✅"


def test_sigmoid_derivative_placeholder_is_not_done():
    def placeholder(z):
        return None
    assert verdict(ex.check_sigmoid_derivative, placeholder)[0] == "⏳"
    assert verdict(ex.check_sigmoid_derivative, None)[0] == "⏳"


def test_sigmoid_derivative_of_the_activated_value_gets_the_trap_hint():
    mark, detail = verdict(ex.check_sigmoid_derivative, lambda z: z * (1 - z))
    assert mark == "❌" and "activated value" in detail and "section 6" in detail


def test_sigmoid_derivative_other_slips():
    assert "σ(z) itself" in verdict(ex.check_sigmoid_derivative, activations.sigmoid)[1]
    mark, detail = verdict(ex.check_sigmoid_derivative, lambda z: np.exp(-z) / (1 + np.exp(-z)))
    assert mark == "❌" and "differs" in detail
    mark, detail = verdict(ex.check_sigmoid_derivative, lambda z: 1 / 0)
    assert mark == "❌" and "ZeroDivisionError" in detail


# ------------------------------------------------------------------------------ exercise 2

def test_output_delta_case_is_a_new_student_through_the_exam_network():
    X_raw, y = datasets.load_exam_scores()
    hours = np.array([ex.OUTPUT_DELTA_CASE["hours"]])
    y_hat = exam_network().forward(hours / X_raw.max(axis=0))[0, 0]     # scaled by (3 h, 9 h)
    assert ex.OUTPUT_DELTA_CASE["y_hat"] == pytest.approx(y_hat, abs=1e-9)
    assert ex.OUTPUT_DELTA_CASE["y"] == 0.70
    # not a student of the table, so no stored output of the notebook gives the answer away
    assert not any(np.allclose(hours, row) for row in X_raw)
    X, _ = datasets.load_exam_scores(scaled=True)
    assert not np.any(np.isclose(exam_network().forward(X)[:, 0], y_hat, atol=1e-3))


def test_output_delta_right_and_wrong():
    y_hat, y = ex.OUTPUT_DELTA_CASE["y_hat"], ex.OUTPUT_DELTA_CASE["y"]
    right = 2 * (y_hat - y) * y_hat * (1 - y_hat)
    assert right == pytest.approx(2 * 0.0638335 * 0.7638335 * 0.2361665, abs=1e-7)  # by hand
    assert right == pytest.approx(0.02303, abs=1e-5)
    assert verdict(ex.check_output_delta, right)[0] == "✅"
    assert verdict(ex.check_output_delta, None)[0] == "⏳"
    assert "∂L/∂ŷ only" in verdict(ex.check_output_delta, 2 * (y_hat - y))[1]
    detail = verdict(ex.check_output_delta, (y - y_hat) * y_hat * (1 - y_hat))[1]
    assert "no factor 2 and the opposite sign" in detail
    assert "half" in verdict(ex.check_output_delta, right / 2)[1]
    assert "wrong sign" in verdict(ex.check_output_delta, -right)[1]
    assert "single number" in verdict(ex.check_output_delta, [right, right])[1]


def test_output_delta_names_sigma_prime_of_the_output():
    y_hat, y = ex.OUTPUT_DELTA_CASE["y_hat"], ex.OUTPUT_DELTA_CASE["y"]
    s = activations.sigmoid(y_hat)
    mark, detail = verdict(ex.check_output_delta, 2 * (y_hat - y) * s * (1 - s))
    assert mark == "❌" and "σ' at ŷ, the output" in detail and "pre-activation z" in detail


def test_output_delta_compares_sizes_not_signed_values():
    y_hat, y = ex.OUTPUT_DELTA_CASE["y_hat"], ex.OUTPUT_DELTA_CASE["y"]
    right = 2 * (y_hat - y) * y_hat * (1 - y_hat)
    assert "too large in size" in verdict(ex.check_output_delta, 1.3 * right)[1]
    assert "too small in size" in verdict(ex.check_output_delta, 0.7 * right)[1]
    # a negative answer is named by its sign, never as "too small"
    detail = verdict(ex.check_output_delta, -0.7 * right)[1]
    assert "wrong sign" in detail and "too small" not in detail


# ------------------------------------------------------------------------------ exercise 3

def test_gradient_shapes():
    assert verdict(ex.check_gradient_shapes, (10, 3), (2, 3), (3, 1))[0] == "✅"
    assert verdict(ex.check_gradient_shapes, None, None, None)[0] == "⏳"
    assert "one row per sample" in verdict(ex.check_gradient_shapes, (3, 10), (2, 3), (3, 1))[1]
    assert "shape of W" in verdict(ex.check_gradient_shapes, (10, 3), (3, 2), (3, 1))[1]
    assert "sums over the samples" in verdict(ex.check_gradient_shapes,
                                              (10, 3), (10, 2, 3), (3, 1))[1]
    assert "tuple" in verdict(ex.check_gradient_shapes, [10, 3], (2, 3), (3, 1))[1]


# ------------------------------------------------------------------------------ exercise 4

def test_two_hidden_backward_right_answer_passes_with_a_note():
    mark, detail = verdict(ex.check_two_hidden_backward, backward_two_hidden)
    assert mark == "✅" and "finite differences" in detail


def test_two_hidden_backward_slips():
    def halved(*a):
        return backward_two_hidden(*a, two=1.0)

    def flipped(*a):
        return backward_two_hidden(*a, sign=-1.0)

    def transposed(*a):
        return [g.T for g in backward_two_hidden(*a)]

    def no_hidden_slope(X, Y, W1, W2, W3):
        grads = backward_two_hidden(X, Y, W1, W2, W3)
        A1 = activations.sigmoid(X @ W1)
        A2 = activations.sigmoid(A1 @ W2)
        Y_hat = activations.sigmoid(A2 @ W3)
        delta3 = 2 / len(X) * (Y_hat - Y) * Y_hat * (1 - Y_hat)
        return [grads[0], A1.T @ (delta3 @ W3.T), grads[2]]   # forgot ⊙ A2(1 − A2)

    def placeholder(X, Y, W1, W2, W3):
        return None

    assert "2(ŷ − Y)/m" in verdict(ex.check_two_hidden_backward, halved)[1]
    assert "wrong sign" in verdict(ex.check_two_hidden_backward, flipped)[1]
    assert "transposed" in verdict(ex.check_two_hidden_backward, transposed)[1]
    mark, detail = verdict(ex.check_two_hidden_backward, no_hidden_slope)
    assert mark == "❌" and detail.startswith("dW2 is off")
    assert verdict(ex.check_two_hidden_backward, placeholder)[0] == "⏳"
    assert "[dW1, dW2, dW3]" in verdict(ex.check_two_hidden_backward, lambda *a: 3.0)[1]


def test_printed_lines_match_the_shared_format(capsys):
    ex.check_output_delta(None)
    out = capsys.readouterr().out
    assert out.startswith("⏳ Exercise 2 — output delta: not done yet.")


# ---------------------------------------------------------------- hints before any attempt

@pytest.mark.parametrize("checker, answer_bits", [
    (ex.check_sigmoid_derivative, ["1 − σ(z))", "1 / (1 + e", "e^(−z)"]),
    (ex.check_output_delta, ["2(ŷ − y)", "ŷ(1 − ŷ)", "(ŷ − y)²"]),
    (ex.check_gradient_shapes, ["(n_in, n_out)", "(m, n_out)", "(10, 3)", "(2, 3)", "(3, 1)"]),
    (ex.check_two_hidden_backward, ["2(ŷ", "1/m", "ᵀ δ", "A0 = X"]),
])
def test_general_hints_point_back_without_the_answer(checker, answer_bits):
    assert "section" in checker.hint
    assert not [bit for bit in answer_bits if bit in checker.hint], checker.hint


# ------------------------------------------------------- specific hints after a wrong attempt

def test_a_one_dimensional_shape_is_named():
    mark, detail = verdict(ex.check_gradient_shapes, (10, 3), (2, 3), (3,))
    assert mark == "❌" and "1-D shape" in detail and "two axes, (n_in, n_out)" in detail
    mark, detail = verdict(ex.check_gradient_shapes, (10,), (2, 3), (3, 1))
    assert mark == "❌" and "1-D shape" in detail and "one row per sample" in detail
    mark, detail = verdict(ex.check_gradient_shapes, (10, 3), (2, 3), (3, 3))
    assert mark == "❌" and "shape of its weight matrix" in detail


def test_gradients_in_reverse_order_are_named():
    mark, detail = verdict(ex.check_two_hidden_backward, lambda *a: backward_two_hidden(*a)[::-1])
    assert mark == "❌" and detail == "your list is in reverse order: return [dW1, dW2, dW3]"


def test_a_matmul_error_is_shown_whole_with_the_shapes():
    def no_transpose(X, Y, W1, W2, W3):
        A2 = activations.sigmoid(activations.sigmoid(X @ W1) @ W2)
        delta3 = A2 @ W3 - Y
        return delta3 @ W3                                   # (5, 1) @ (3, 1): W3 not transposed
    mark, detail = verdict(ex.check_two_hidden_backward, no_transpose)
    assert mark == "❌" and "your function raised ValueError: matmul:" in detail
    assert "(size 3 is different from 1)" in detail and "W3 (3, 1)" in detail


def test_a_long_error_message_is_cut_at_a_word():
    def long_error(z):
        raise ValueError("shape " * 80)
    detail = verdict(ex.check_sigmoid_derivative, long_error)[1]
    assert detail.startswith("your function raised ValueError: shape shape")
    assert detail.endswith("shape …") and len(detail) < 400


def test_no_hint_speaks_about_the_source_articles():
    for checker in (ex.check_sigmoid_derivative, ex.check_output_delta,
                    ex.check_gradient_shapes, ex.check_two_hidden_backward):
        assert "article" not in checker.hint and "source" not in checker.hint
    y_hat, y = ex.OUTPUT_DELTA_CASE["y_hat"], ex.OUTPUT_DELTA_CASE["y"]
    for answer in (2 * (y_hat - y), (y - y_hat) * y_hat * (1 - y_hat)):
        assert "article" not in verdict(ex.check_output_delta, answer)[1]
    assert "source" not in verdict(ex.check_sigmoid_derivative, lambda z: z * (1 - z))[1]


# ------------------------------------------------------------------- grading: hidden tests
import math  # noqa: E402


def worked_sigmoid_derivative(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1.0 - s)


def sigmoid_derivative_for_vectors(z):
    """math.exp element by element: a number or a vector, as the visible check tries; no batch."""
    if np.ndim(z) == 0:
        s = 1 / (1 + math.exp(-z))
        return s * (1 - s)
    s = np.array([1 / (1 + math.exp(-v)) for v in z])
    return s * (1 - s)


def worked_backward_two_hidden(X, Y, W1, W2, W3):
    sigmoid = activations.sigmoid
    A1 = sigmoid(X @ W1)
    A2 = sigmoid(A1 @ W2)
    Y_hat = sigmoid(A2 @ W3)
    delta3 = 2 / len(X) * (Y_hat - Y) * Y_hat * (1 - Y_hat)
    delta2 = (delta3 @ W3.T) * A2 * (1 - A2)
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    return [X.T @ delta1, A1.T @ delta2, A2.T @ delta3]


def backward_for_five_samples(X, Y, W1, W2, W3):
    """2/5 written in: the visible check's batch has 5 samples."""
    grads = worked_backward_two_hidden(X, Y, W1, W2, W3)
    return [g * len(X) / 5 for g in grads]


@pytest.mark.parametrize("checker, worked, visible_only", [
    (ex.check_sigmoid_derivative, worked_sigmoid_derivative, sigmoid_derivative_for_vectors),
    (ex.check_two_hidden_backward, worked_backward_two_hidden, backward_for_five_samples),
], ids=["sigmoid_derivative", "two_hidden_backward"])
def test_scores_for_grading(checker, worked, visible_only, expect_scores, capsys):
    assert checker.score(backward_two_hidden if checker is ex.check_two_hidden_backward
                         else sigmoid_derivative) == 2.0  # the notebook's own worked solution too
    capsys.readouterr()
    expect_scores(checker, worked, visible_only)


def test_hidden_messages_name_the_case_not_the_answer():
    detail = ex.check_sigmoid_derivative.check_hidden(sigmoid_derivative_for_vectors).detail
    assert "raised TypeError" in detail and "z of shape (4, 3)" in detail
    detail = ex.check_two_hidden_backward.check_hidden(backward_for_five_samples).detail
    assert detail.endswith("dW1 is wrong for a 2-4-3-1 network on 1 sample(s)")


@pytest.mark.parametrize("checker, answers", [
    (ex.check_output_delta, (2 * (0.7638335074 - 0.7) * 0.7638335074 * (1 - 0.7638335074),)),
    (ex.check_gradient_shapes, ((10, 3), (2, 3), (3, 1))),
])
def test_number_answers_get_full_marks_when_right(checker, answers):
    assert checker.hidden_fn is None
    assert checker.score(*answers) == 2.0 and checker.score(*[None] * len(answers)) == 0.0
