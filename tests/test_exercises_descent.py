"""Checkers of notebook 03: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint."""

import numpy as np
import pytest

from nnlib import datasets
from nnlib.exercises import descent as ex


def mse_gradients(X, y, W, b):
    e = X @ W + b - y
    return 2 / X.shape[0] * X.T @ e, 2 / X.shape[0] * e.sum(axis=0)


def lams(scale=10.0):
    X, _ = datasets.load_linear_table()
    X = scale * X
    return np.linalg.eigvalsh(2 / 6 * X.T @ X)


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


# ---------------------------------------------------------------- exercise 2: gradients
def test_gradients_right_function_passes():
    r = ex.check_mse_gradients.check(mse_gradients)
    assert r.passed and "finite differences" in r.detail


def test_gradients_function_returning_none_is_not_done():
    def stub(X, y, W, b):
        return None
    assert ex.check_mse_gradients.check(stub).verdict == "not done yet"
    assert ex.check_mse_gradients.check(None).verdict == "not done yet"


def _scaled(fw, fb):
    def f(X, y, W, b):
        dW, db = mse_gradients(X, y, W, b)
        return fw * dW, fb * db
    return f


@pytest.mark.parametrize("wrong, words", [
    (_scaled(0.5, 1.0), "dW (with X (5, 3), W (3, 1), b (1,)) is 0.5 × the finite-difference "
                        "gradient: the 2 from the derivative"),
    (_scaled(1.0, 5.0), "db (with X (5, 3), W (3, 1), b (1,)) is 5 × the finite-difference "
                        "gradient: divide by m"),
    (_scaled(-1.0, -1.0), "the sign is flipped: ∂J/∂ŷ_i = (2/m)(ŷ_i − y_i), which is −(2/m)·e_i"),
    (lambda X, y, W, b: (mse_gradients(X, y, W, b)[0][:, 0], mse_gradients(X, y, W, b)[1]),
     "give it the shape (3, 1)"),
    (lambda X, y, W, b: mse_gradients(X, y, W, 0 * b), "differs from the expected values"),
    (lambda X, y, W, b: mse_gradients(X, y, W, b)[0], "return two arrays"),
])
def test_gradients_typical_mistakes_get_specific_hints(wrong, words):
    r = ex.check_mse_gradients.check(wrong)
    assert r.verdict == "not quite" and words in r.detail, r.detail


def test_gradients_function_that_raises_is_reported_not_raised():
    def broken(X, y, W, b):
        return X @ X, b  # shapes do not match
    r = ex.check_mse_gradients.check(broken)
    assert r.verdict == "not quite" and "your function raised ValueError: matmul:" in r.detail
    # the message is shown whole (not cut mid-sentence), with the shapes it was called with
    assert "(size 5 is different from 3)" in r.detail and "X (5, 3)" in r.detail


# ------------------------------------------------------- exercise 3: the factor per axis
def test_step_factors_right_function_passes():
    assert ex.check_step_factors.check(lambda lr, lams: 1 - lr * lams).passed
    assert ex.check_step_factors.check(lambda lr, lams: [1 - lr * l for l in lams]).passed


def test_step_factors_placeholder_is_not_done():
    def stub(lr, lams):
        return None
    assert ex.check_step_factors.check(stub).verdict == "not done yet"
    assert ex.check_step_factors.check(None).verdict == "not done yet"


@pytest.mark.parametrize("wrong, words", [
    (lambda lr, lams: np.abs(1 - lr * lams), "keep the sign of 1 − αλ"),
    (lambda lr, lams: lr * lams, "the part αλ that the step removes"),
    (lambda lr, lams: lr * lams - 1, "wrong sign"),
    (lambda lr, lams: 1 - lams / lr, "step_factors(0.15, [1, 10]) differs"),
    (lambda lr, lams: 1 - lr * lams[-1], "has shape () but expected (2,)"),
    (lambda lr, lams: lams.nope, "your function raised AttributeError"),
])
def test_step_factors_typical_mistakes_get_specific_hints(wrong, words):
    r = ex.check_step_factors.check(wrong)
    assert r.verdict == "not quite" and words in r.detail, r.detail


def test_step_factors_are_checked_on_the_table_curvatures_too():
    def only_two_axes(lr, lams):  # right on the 2-D bowl only
        return 1 - lr * lams if len(lams) == 2 else np.zeros(len(lams))
    r = ex.check_step_factors.check(only_two_axes)
    assert r.verdict == "not quite" and "step_factors(0.02, [5.792, 9.519, 76.02])" in r.detail


# ------------------------------------------------------ exercise 4: a converging rate
def test_the_bound_of_the_prompt_is_right_for_the_table():
    # J(k) <= (largest |1 − αλ|)^(2k) J(0): with every factor at most 0.962, 300 steps reach
    # 1e-6 from 12 815, so every α of that band passes; the bound is the reasoning of the prompt
    X, y = datasets.load_linear_table()
    w0 = np.array(datasets.LINEAR_FIRST_GUESS)
    lams = np.linalg.eigvalsh(2 / 6 * X.T @ X)
    f_needed = (1e-6 / np.mean((X @ w0 - y) ** 2)) ** (1 / 600)
    assert f_needed == pytest.approx(0.962, abs=1e-3)
    low, high = (1 - f_needed) / lams[0], (1 + f_needed) / lams[-1]
    assert low == pytest.approx(0.00656, abs=1e-5) and high == pytest.approx(0.02581, abs=1e-5)
    for lr in np.linspace(low, high, 7):
        assert ex.check_converging_lr.check(float(lr)).passed, lr


def test_converging_lr_passes_in_the_fast_band_and_reports_steps_and_factor():
    r = ex.check_converging_lr.check(0.02)
    assert r.passed and "after" in r.detail and "steps" in r.detail
    assert "the largest |1 − αλ| is 0.8842" in r.detail  # 1 − 0.02 · 5.792


@pytest.mark.parametrize("lr, words", [
    (0.001, "the shallow direction (smallest λ) crawls"), (0.05, "diverged at step"),
    (0.0262, "the steep direction (largest λ) zigzags too slowly"), (-0.1, "positive number"),
    (0.0264, "largest |1 − αλ| is 1.007"),
])
def test_converging_lr_names_crawling_and_diverging(lr, words):
    r = ex.check_converging_lr.check(lr)
    assert r.verdict == "not quite" and words in r.detail, r.detail


def test_converging_lr_placeholder_is_not_done():
    assert ex.check_converging_lr.check(None).verdict == "not done yet"


# ------------------------------------------------- exercise 5: the largest stable rate
def test_largest_stable_lr_of_the_scaled_table():
    assert 2 / lams(1.0)[-1] == pytest.approx(0.026308, rel=1e-4)  # the table: λ_max ≈ 76.02
    assert 2 / lams()[-1] == pytest.approx(0.00026308, rel=1e-4)   # inputs × 10: 100× smaller
    r = ex.check_largest_stable_lr.check(2 / lams()[-1], lams()[-1] / lams(1.0)[-1])
    assert r.passed and "100 times smaller than the table's 0.0263" in r.detail
    assert ex.check_largest_stable_lr.check(0.000263, 100).passed  # rounded: within 0.2 %


def test_times_smaller_mistakes_get_specific_hints():
    right = 2 / lams()[-1]
    for value, words in ((0.01, "upside down"), (10, "the Hessian holds X twice"),
                         (30, "too small")):
        r = ex.check_largest_stable_lr.check(right, value)
        assert r.verdict == "not quite" and words in r.detail, (value, r)
    assert ex.check_largest_stable_lr.check(right, None).verdict == "not done yet"


def test_largest_stable_lr_mistakes_get_specific_hints():
    X, _ = datasets.load_linear_table()
    cases = [(1 / lams()[-1], "overshoot"), (2 / lams()[0], "largest eigenvalue"),
             (2 / np.linalg.eigvalsh(100 * X.T @ X)[-1], "(2/m) XᵀX"),
             (2 / lams(1.0)[-1], "the original table"), (0.0026308, "square of the inputs"),
             (0.1, "too large")]
    for value, words in cases:
        r = ex.check_largest_stable_lr.check(value, 100)
        assert r.verdict == "not quite" and words in r.detail, (value, r)
    assert ex.check_largest_stable_lr.check(None, None).verdict == "not done yet"


def test_printed_line_for_a_pass(capsys):
    ex.check_slope(-3.0, "left")
    assert capsys.readouterr().out == "✅ Exercise 1 — slope and uphill: correct.\n"


@pytest.mark.parametrize("checker, answer_bits", [
    (ex.check_slope, ["2(w − 3)", "-3", "left"]),
    (ex.check_mse_gradients, ["(2/m)", "sum of e", "Xᵀ e", "∂ŷ_i/∂b = 1"]),
    (ex.check_step_factors, ["1 − αλ", "1 - lr"]),
    (ex.check_converging_lr, ["0.02", "0.01", "0.962", "0.0244"]),
    (ex.check_largest_stable_lr, ["eigvalsh", "(2/m) X10ᵀ", "100"]),
])
def test_hints_point_the_way_without_writing_out_the_answer(checker, answer_bits):
    assert checker.hint and not [bit for bit in answer_bits if bit in checker.hint]


def test_converging_lr_hint_names_the_table_curvatures_and_the_demos_limit_diverges():
    assert "table's three curvatures" in ex.check_converging_lr.hint
    r = ex.check_converging_lr.check(0.0388)  # the demo's two-weight limit diverges here
    assert r.verdict == "not quite" and "diverged" in r.detail
