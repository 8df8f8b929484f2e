"""Checkers of notebook 03: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint."""

import numpy as np
import pytest

from nnlib import datasets
from nnlib.exercises import descent as ex


def mse_gradient(X, y, W):
    return 2 / X.shape[0] * X.T @ (X @ W - y)


def lam_max():
    X, _ = datasets.load_linear_table()
    return np.linalg.eigvalsh(2 / 6 * X.T @ X)[-1]


# ------------------------------------------------------------------- exercise 1: slope
def test_slope_right_answer_passes():
    assert ex.check_slope.check(-3.0, "left").passed


def test_slope_placeholders_are_not_done():
    assert ex.check_slope.check(None, None).verdict == "not done yet"
    assert ex.check_slope.check(-3.0, None).verdict == "not done yet"


def test_slope_sign_and_direction_mistakes_are_named():
    r = ex.check_slope.check(3.0, "left")
    assert r.verdict == "not quite" and "wrong sign" in r.detail
    r = ex.check_slope.check(-3.0, "right")
    assert r.verdict == "not quite" and "'right' is not the right choice" in r.detail


# ---------------------------------------------------------------- exercise 2: gradient
def test_gradient_right_function_passes():
    r = ex.check_mse_gradient.check(mse_gradient)
    assert r.passed and "finite differences" in r.detail


def test_gradient_function_returning_none_is_not_done():
    def stub(X, y, W):
        return None
    assert ex.check_mse_gradient.check(stub).verdict == "not done yet"
    assert ex.check_mse_gradient.check(None).verdict == "not done yet"


@pytest.mark.parametrize("wrong, words", [
    (lambda X, y, W: 1 / X.shape[0] * X.T @ (X @ W - y), "the 2 from the derivative"),
    (lambda X, y, W: 2 * X.T @ (X @ W - y), "divide by m"),
    (lambda X, y, W: 2 / X.shape[0] * X.T @ (y - X @ W), "ŷ − y, not y − ŷ"),
    (lambda X, y, W: (2 / X.shape[0] * X.T @ (X @ W - y))[:, 0], "keep W's shape"),
    (lambda X, y, W: 2 / X.shape[0] * X.T @ (X @ W), "differs from the expected values"),
])
def test_gradient_typical_mistakes_get_specific_hints(wrong, words):
    r = ex.check_mse_gradient.check(wrong)
    assert r.verdict == "not quite" and words in r.detail


def test_gradient_function_that_raises_is_reported_not_raised():
    def broken(X, y, W):
        return X @ X  # shapes do not match
    r = ex.check_mse_gradient.check(broken)
    assert r.verdict == "not quite" and "your function raised ValueError" in r.detail


# ------------------------------------------------------ exercise 3: a converging rate
def test_converging_lr_passes_in_the_fast_band_and_reports_steps():
    r = ex.check_converging_lr.check(0.02)
    assert r.passed and "after" in r.detail and "steps" in r.detail


@pytest.mark.parametrize("lr, words", [
    (0.001, "it crawls"), (0.05, "diverged at step"), (-0.1, "positive number"),
])
def test_converging_lr_names_crawling_and_diverging(lr, words):
    r = ex.check_converging_lr.check(lr)
    assert r.verdict == "not quite" and words in r.detail


def test_converging_lr_placeholder_is_not_done():
    assert ex.check_converging_lr.check(None).verdict == "not done yet"


# ------------------------------------------------- exercise 4: the largest stable rate
def test_largest_stable_lr_is_two_over_lambda_max():
    assert 2 / lam_max() == pytest.approx(0.026308, rel=1e-4)  # λ_max ≈ 76.02
    assert ex.check_largest_stable_lr.check(2 / lam_max()).passed
    assert ex.check_largest_stable_lr.check(0.0263).passed  # rounded: within 0.1 %


def test_largest_stable_lr_mistakes_get_specific_hints():
    X, _ = datasets.load_linear_table()
    lams = np.linalg.eigvalsh(2 / 6 * X.T @ X)
    cases = [(1 / lams[-1], "overshoot"), (2 / lams[0], "largest eigenvalue"),
             (2 / np.linalg.eigvalsh(X.T @ X)[-1], "(2/m) XᵀX"), (0.1, "too large")]
    for value, words in cases:
        r = ex.check_largest_stable_lr.check(value)
        assert r.verdict == "not quite" and words in r.detail, (value, r)
    assert ex.check_largest_stable_lr.check(None).verdict == "not done yet"


def test_printed_line_for_a_pass(capsys):
    ex.check_slope(-3.0, "left")
    assert capsys.readouterr().out == "✅ Exercise 1 — slope and uphill: correct.\n"
