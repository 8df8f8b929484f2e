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
    assert r.verdict == "not quite" and "it is negative: J gets smaller as w grows" in r.detail
    r = ex.check_slope.check(None, "right")
    assert r.verdict == "not done yet"
    r = ex.check_slope.check(1.0, "right")      # a wrong slope too: the rule, not the answer
    assert "a negative slope means J grows as w gets smaller" in r.detail
    assert "left" not in r.detail


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


# ------------------------------------------------------- exercise 3: steps to shrink
def steps_to_shrink(lr, lams, shrink):
    worst = np.abs(1 - lr * lams).max()
    if worst >= 1:
        return np.inf
    return int(np.ceil(np.log(shrink) / np.log(worst)))


def test_steps_to_shrink_reference_by_hand():
    # section 6's bowl at α = 0.15: factors 0.85 and −0.5; 0.85^85 = 1.0009e-6 > 1e-6 ≥ 0.85^86
    assert 0.85 ** 85 > 1e-6 >= 0.85 ** 86
    assert ex.steps_to_shrink_reference(0.15, [1.0, 10.0], 1e-6) == 86
    # α = 0.19: factors 0.81 and −0.9: the negative one is the slow one
    assert 0.9 ** 131 > 1e-6 >= 0.9 ** 132
    assert ex.steps_to_shrink_reference(0.19, [1.0, 10.0], 1e-6) == 132
    assert ex.steps_to_shrink_reference(0.21, [1.0, 10.0], 1e-6) == np.inf   # factor −1.1
    # and it is what descent on the bowl does: the distance at that step, not one step earlier
    u = np.array([8.0, 3.0])
    path = [u]
    for _ in range(132):
        path.append(path[-1] - 0.19 * np.array([1.0, 10.0]) * path[-1])
    ratio = np.abs(np.array(path)) / np.abs(u)
    assert np.all(ratio[132] <= 1e-6 * (1 + 1e-9)) and np.any(ratio[131] > 1e-6)


def test_steps_to_shrink_right_function_passes_and_placeholders_are_not_done():
    r = ex.check_steps_to_shrink.check(steps_to_shrink)
    assert r.passed and "86 steps" in r.detail
    assert ex.check_steps_to_shrink.check(lambda lr, lams, shrink: float(
        steps_to_shrink(lr, lams, shrink))).passed                # 86.0 is fine too

    def stub(lr, lams, shrink):
        return None
    assert ex.check_steps_to_shrink.check(stub).verdict == "not done yet"
    assert ex.check_steps_to_shrink.check(None).verdict == "not done yet"


def _unrounded(lr, lams, shrink):
    worst = np.abs(1 - lr * lams).max()
    return np.inf if worst >= 1 else np.log(shrink) / np.log(worst)


def _signed(lr, lams, shrink):       # forgets that a negative factor shrinks by its size
    worst = np.max(1 - lr * lams)
    return np.inf if abs(worst) >= 1 else int(np.ceil(np.log(shrink) / np.log(worst)))


def _fastest(lr, lams, shrink):      # the axis that shrinks first, not the last one
    f = np.abs(1 - lr * lams)
    return np.inf if f.max() >= 1 else int(np.ceil(np.log(shrink) / np.log(f.min())))


@pytest.mark.parametrize("wrong, words", [
    (_unrounded, "steps_to_shrink(0.15, [1, 10], 1e-06) gives 85.01: after that many steps"),
    (lambda lr, lams, shrink: int(np.floor(_unrounded(lr, lams, shrink)))
     if np.isfinite(_unrounded(lr, lams, shrink)) else np.inf, "round up (np.ceil)"),
    (_signed, "take np.abs before looking for the slowest axis"),
    (_fastest, "the steps of the fastest axis"),
    (lambda lr, lams, shrink: 1 - lr * lams, "return one number"),
    (lambda lr, lams, shrink: 10**6 if np.abs(1 - lr * lams).max() >= 1 else
     steps_to_shrink(lr, lams, shrink), "its size is 1 or more, so that distance never shrinks"),
    (lambda lr, lams, shrink: np.inf, "has a size below 1: every distance shrinks"),
    (lambda lr, lams, shrink: 1 / 0, "ZeroDivisionError"),
])
def test_steps_to_shrink_typical_mistakes_get_specific_hints(wrong, words):
    r = ex.check_steps_to_shrink.check(wrong)
    assert r.verdict == "not quite" and words in r.detail, r.detail


def test_steps_to_shrink_is_checked_on_the_table_and_three_axes_too():
    def only_bowl(lr, lams, shrink):      # right on section 6's bowl only
        return steps_to_shrink(lr, lams, shrink) if len(lams) == 2 else 1
    r = ex.check_steps_to_shrink.check(only_bowl)
    assert r.verdict == "not quite" and "steps_to_shrink(0.02, [5.792, 9.519, 76.02], 0.001)" in r.detail


# ----------------------------------------------- exercise 4: a range of fast-enough rates
def test_converging_range_is_the_bound_of_the_prompt_and_the_bound_holds():
    # J(k) <= (largest |1 − αλ|)^(2k) J(0): every factor at most 0.962 brings 12 815 to 1e-6 in
    # 300 steps. The two ends, computed here by hand from the curvatures
    X, y = datasets.load_linear_table()
    w0 = np.array(datasets.LINEAR_FIRST_GUESS)
    curv = np.linalg.eigvalsh(2 / 6 * X.T @ X)
    J0 = np.mean((X @ w0 - y) ** 2)
    f_needed = (1e-6 / J0) ** (1 / 600)
    assert J0 == pytest.approx(12814.78, abs=0.01) and f_needed == pytest.approx(0.962, abs=1e-3)
    low, high = (1 - f_needed) / curv[0], (1 + f_needed) / curv[-1]
    assert low == pytest.approx(0.00657, abs=1e-5) and high == pytest.approx(0.02581, abs=1e-5)
    assert ex.converging_range_reference()[:2] == pytest.approx((low, high))
    # ... and descent really gets there at every α of the range (the bound is safe)
    from nnlib.linear import descent_path
    for lr in np.linspace(low, high, 5):
        assert descent_path(X, y, w0, lr, 300).J[-1] < 1e-6, lr


def test_converging_range_passes_and_reports_both_ends():
    low, high, _ = ex.converging_range_reference()
    r = ex.check_converging_range.check(low, high)
    assert r.passed and "the largest factor may be 0.962" in r.detail
    assert ex.check_converging_range.check(0.0066, 0.026).passed      # typed to two digits
    # what section 7 prints (the best α, the table's limit) is not an answer
    assert not ex.check_converging_range.check(0.0066, 0.02445).passed
    assert not ex.check_converging_range.check(0.0066, 0.0262).passed  # 1.5 % off


@pytest.mark.parametrize("answer, words", [
    ((0.0258, 0.00657), "swapped"),
    (((1 - 0.9254) / 5.792, 0.0258), "f², not f"),
    ((0.00657, 2 / 76.022), "stops converging at all"),
    ((0.00657, 1 / 76.022), "where the zigzag starts"),
    (((1 - 0.96195) / 76.022, 0.0258), "shallowest axis is the slow one"),
    ((0.00657, (1 + 0.96195) / 5.792), "steepest axis zigzags most"),
    ((-0.1, 0.0258), "positive number"),
    ((0.00657, "0.0258"), "should be a number"),
    ((0.001, 0.0258), "lr_low is 0.001, which is too small"),
])
def test_converging_range_typical_mistakes_get_specific_hints(answer, words):
    r = ex.check_converging_range.check(*answer)
    assert r.verdict == "not quite" and words in r.detail, r.detail


def test_converging_range_placeholders_are_not_done():
    assert ex.check_converging_range.check(None, None).verdict == "not done yet"
    assert ex.check_converging_range.check(0.0066, None).verdict == "not done yet"


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
    (ex.check_steps_to_shrink, ["np.ceil", "np.inf", "np.abs", "max", "86"]),
    (ex.check_converging_range, ["0.962", "0.0066", "0.0258", "1 − f", "1 + f", "λ_min", "λ_max"]),
    (ex.check_largest_stable_lr, ["eigvalsh", "(2/m) X10ᵀ", "100"]),
])
def test_hints_point_the_way_without_writing_out_the_answer(checker, answer_bits):
    assert checker.hint and not [bit for bit in answer_bits if bit in checker.hint]


# ------------------------------------------------------------------- grading: hidden tests

def worked_mse_gradients(X, y, W, b):
    overshoot = X @ W + b - y
    dW = 2 / X.shape[0] * X.T @ overshoot
    db = 2 / X.shape[0] * overshoot.sum(axis=0)
    return dW, db


def gradients_with_m_from_the_columns(X, y, W, b):
    """m = n + 2 holds for the visible check's (5, 3) and (6, 4), nowhere else."""
    m = X.shape[1] + 2
    overshoot = X @ W + b - y
    return 2 / m * X.T @ overshoot, 2 / m * overshoot.sum(axis=0)


def worked_steps_to_shrink(lr, lams, shrink):
    sizes = np.abs(1 - lr * lams)
    slowest = sizes.max()
    if slowest >= 1:
        return np.inf
    return int(np.ceil(np.log(shrink) / np.log(slowest)))


def steps_from_the_end_curvatures(lr, lams, shrink):
    """Only λ_min and λ_max can be slowest, read as lams[0] and lams[-1]: sorted lams only."""
    slowest = max(abs(1 - lr * lams[0]), abs(1 - lr * lams[-1]))
    if slowest >= 1:
        return np.inf
    return int(np.ceil(np.log(shrink) / np.log(slowest)))


def steps_with_a_strict_bound(lr, lams, shrink):
    """`> 1` where `>= 1` belongs: a factor of size exactly 1 breaks the logarithm."""
    slowest = np.abs(1 - lr * lams).max()
    if slowest > 1:
        return np.inf
    return int(np.ceil(np.log(shrink) / np.log(slowest)))


@pytest.mark.parametrize("checker, worked, visible_only", [
    (ex.check_mse_gradients, worked_mse_gradients, gradients_with_m_from_the_columns),
    (ex.check_steps_to_shrink, worked_steps_to_shrink, steps_from_the_end_curvatures),
    (ex.check_steps_to_shrink, worked_steps_to_shrink, steps_with_a_strict_bound),
], ids=["mse_gradients", "steps_to_shrink-ends", "steps_to_shrink-strict"])
def test_scores_for_grading(checker, worked, visible_only, expect_scores):
    expect_scores(checker, worked, visible_only)


def test_hidden_messages_name_the_case_not_the_answer():
    detail = ex.check_mse_gradients.check_hidden(gradients_with_m_from_the_columns).detail
    assert detail.endswith("dW is wrong for X 1×1")

    def no_bias_gradient_at_a_fit(X, y, W, b):     # db from y instead of the overshoot
        dW, _ = worked_mse_gradients(X, y, W, b)
        return dW, -2 / len(X) * y.sum(axis=0) if len(X) == 7 else worked_mse_gradients(
            X, y, W, b)[1]

    assert "db is wrong for a perfect fit" in \
        ex.check_mse_gradients.check_hidden(no_bias_gradient_at_a_fit).detail
    detail = ex.check_steps_to_shrink.check_hidden(steps_from_the_end_curvatures).detail
    assert "steps_to_shrink(0.1, np.array([4, 1, 9]), 0.001) gives 14, not the right count" \
        in detail
    detail = ex.check_steps_to_shrink.check_hidden(steps_with_a_strict_bound).detail
    assert "np.array([10, 1])" in detail and "raised" in detail


@pytest.mark.parametrize("checker, answers", [
    (ex.check_slope, (-3.0, "left")),
    (ex.check_converging_range, ex.converging_range_reference()[:2]),
    (ex.check_largest_stable_lr, (2 / lams()[-1], 100.0)),
])
def test_number_answers_get_full_marks_when_right(checker, answers):
    assert checker.hidden_fn is None
    assert checker.score(*answers) == 2.0 and checker.score(*[None] * len(answers)) == 0.0
