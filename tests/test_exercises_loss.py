"""Checkers of notebook 02_loss_mse: right answers pass, None is "not done yet", slips get hints."""

import numpy as np
import pytest

from nnlib.exercises import loss as ex


# ------------------------------------------------------------------------ exercise 1

def test_mse_by_hand_right_answer_is_0_115():
    assert ex.check_mse_by_hand.check(0.115).passed
    assert ex.check_mse_by_hand.check((0.01 + 0.04 + 0.16 + 0.25) / 4).passed


def test_mse_by_hand_none_is_not_done_with_hint(capsys):
    ex.check_mse_by_hand(None)
    out = capsys.readouterr().out
    assert out.startswith("⏳ Exercise 1 — MSE by hand: not done yet.")
    assert "Hint: Section 2 (Loss of one example, cost of all: MSE)" in out


@pytest.mark.parametrize("rounded", [0.12, 0.11, 0.115, 0.1150, np.float64(0.12)])
def test_mse_by_hand_accepts_answers_rounded_to_two_decimals(rounded):
    assert ex.check_mse_by_hand.check(rounded).passed


@pytest.mark.parametrize("rounder", [0.1, 0.1000])
def test_mse_by_hand_rounder_answer_is_close_asks_for_three_decimals(rounder):
    result = ex.check_mse_by_hand.check(rounder)
    assert result.mark == "❌" and "close — give three decimals" in result.detail


def test_mse_by_hand_just_outside_the_rounding_is_wrong():
    assert "too large" in ex.check_mse_by_hand.check(0.125).detail
    assert "too small" in ex.check_mse_by_hand.check(0.105).detail


@pytest.mark.parametrize("slip, words", [
    (0.46, "sum of the squared errors"),
    (0.3, "mean of |e| = |y − ŷ|"),
    (0.0, "cancel"),
    (np.sqrt(0.115), "RMSE"),
    (0.46 / 3, "m = 4"),
])
def test_mse_by_hand_typical_slips_get_their_own_hint(slip, words):
    result = ex.check_mse_by_hand.check(slip)
    assert result.mark == "❌" and words in result.detail


def test_mse_by_hand_other_wrong_number_says_too_large():
    result = ex.check_mse_by_hand.check(0.2)
    assert result.mark == "❌" and "too large" in result.detail


# ------------------------------------------------------------------------ exercise 2

def cost_curve_loop(ws, x, y):
    return np.array([np.mean((w * np.asarray(x) - np.asarray(y)) ** 2) for w in ws])


def cost_curve_broadcast(ws, x, y):
    return np.mean((np.asarray(ws)[:, None] * x - y) ** 2, axis=1)


def test_cost_curve_reference_by_hand():
    # x = [1, 2], y = [1, 3]: J(0) = (1 + 9)/2 = 5, J(1) = (0 + 1)/2 = 0.5, J(2) = (1 + 1)/2 = 1
    J = ex.cost_curve_reference([0.0, 1.0, 2.0], [1.0, 2.0], [1.0, 3.0])
    assert J.tolist() == pytest.approx([5.0, 0.5, 1.0])


@pytest.mark.parametrize("answer", [cost_curve_loop, cost_curve_broadcast])
def test_cost_curve_loop_and_broadcast_answers_pass(answer):
    assert ex.check_cost_curve.check(answer).passed


def test_cost_curve_returning_none_is_not_done():
    def cost_curve(ws, x, y):
        return None
    assert ex.check_cost_curve.check(cost_curve).verdict == "not done yet"
    assert ex.check_cost_curve.check(None).verdict == "not done yet"


@pytest.mark.parametrize("wrong, words", [
    (lambda ws, x, y: np.mean((np.asarray(ws)[:, None] * x - y) ** 2), "one number"),
    (lambda ws, x, y: np.mean((np.asarray(ws)[:, None] * x - y) ** 2, axis=0), "one per sample"),
    (lambda ws, x, y: (np.asarray(ws)[:, None] * x - y) ** 2, "every (weight, sample) pair"),
    (lambda ws, x, y: np.sum((np.asarray(ws)[:, None] * x - y) ** 2, axis=1), "sum over"),
    (lambda ws, x, y: np.sqrt(cost_curve_loop(ws, x, y)), "root of J"),
    (lambda ws, x, y: np.mean(np.abs(np.asarray(ws)[:, None] * x - y), axis=1), "|y − ŷ|"),
])
def test_cost_curve_slips_get_specific_hints(wrong, words):
    result = ex.check_cost_curve.check(wrong)
    assert result.mark == "❌" and words in result.detail, result.detail


def test_cost_curve_that_raises_is_a_hint_not_a_traceback():
    def cost_curve(ws, x, y):
        return undefined  # noqa: F821
    result = ex.check_cost_curve.check(cost_curve)
    assert result.mark == "❌" and "NameError" in result.detail


def test_cost_curve_with_a_bias_is_caught_by_the_comparison():
    def cost_curve(ws, x, y):   # adds a bias of 1 that the exercise's neuron does not have
        return cost_curve_loop(ws, np.asarray(x), np.asarray(y) - 1.0)
    result = ex.check_cost_curve.check(cost_curve)
    assert result.mark == "❌" and "cost_curve(ws, x, y) for input" in result.detail


# ------------------------------------------------------------------------ exercise 3

def test_best_weight_is_seven_fifths_and_matches_a_grid_search():
    ws = np.linspace(0, 3, 30001)
    J = np.mean((ws[:, None] * ex.BEST_X - ex.BEST_Y) ** 2, axis=1)
    assert ws[np.argmin(J)] == pytest.approx(1.4, abs=1e-4)
    assert ex.check_best_weight.check(1.4).passed
    assert ex.check_best_weight.check(1.40).passed and ex.check_best_weight.check(1.403).passed


@pytest.mark.parametrize("slip, words", [(2.0, "slope through both points"),
                                         (1.25, "averages the ratios"),
                                         (4 / 3, "ȳ / x̄")])
def test_best_weight_slips_get_hints(slip, words):
    result = ex.check_best_weight.check(slip)
    assert result.mark == "❌" and words in result.detail


@pytest.mark.parametrize("index", [np.int64(140), np.int64(1400), np.intp(14), 140, 1400])
def test_best_weight_an_argmin_index_is_named_as_an_index(index):
    result = ex.check_best_weight.check(index)
    assert result.mark == "❌"
    assert "looks like an index into the grid, not a weight: use ws[i]" in result.detail


def test_best_weight_small_python_ints_are_guesses_not_indices():
    assert "too small" in ex.check_best_weight.check(1).detail
    assert "slope through both points" in ex.check_best_weight.check(2).detail


def test_best_weight_hint_before_an_attempt_points_to_section_3_not_a_formula():
    hint = ex.check_best_weight.hint
    assert hint.startswith("Section 3 (Move a weight, watch the cost)")
    assert "−c / (2a)" not in hint and "½" not in hint


@pytest.mark.parametrize("checker", [ex.check_mse_by_hand, ex.check_cost_curve,
                                     ex.check_best_weight, ex.check_larger_mse,
                                     ex.check_cross_entropy_by_hand])
def test_every_hint_before_an_attempt_points_to_a_section(checker):
    assert checker.hint.startswith("Section ")
    for answer in ("ws[:, None]", "square each error", "−c / (2a)", "0.115", "cost as much",
                   "0.367", "ln 0.8", "ln 0.6"):
        assert answer not in checker.hint


def test_cost_curve_hints_do_not_require_broadcasting():
    # the notebook teaches a loop; a hint must not send a loop-writer to axis=1 or [:, None]
    hints = [ex.check_cost_curve.hint]
    for wrong in (lambda ws, x, y: 1.0,
                  lambda ws, x, y: np.ones((len(ws), len(x)))):
        hints.append(ex.check_cost_curve.check(wrong).detail)
    assert all("axis" not in h and "[:, None]" not in h for h in hints)
    assert "loop" in hints[0] and "loop" in hints[1]


def test_best_weight_none_and_text():
    assert ex.check_best_weight.check(None).verdict == "not done yet"
    assert ex.check_best_weight.check("1.4").mark == "❌"


# ------------------------------------------------------------------------ exercise 4

def test_larger_mse_is_b_and_the_numbers_agree():
    assert np.mean(ex.ERRORS_B ** 2) > np.mean(ex.ERRORS_A ** 2)
    assert np.mean(np.abs(ex.ERRORS_B)) == np.mean(np.abs(ex.ERRORS_A))
    assert ex.check_larger_mse.check("B").passed and ex.check_larger_mse.check(" b ").passed


def test_larger_mse_wrong_choices():
    assert "squaring" in ex.check_larger_mse.check("same").detail
    result = ex.check_larger_mse.check("A")
    assert result.mark == "❌"
    # a real hint: A's own MSE, worked out, and what to do for B (not just "not the right choice")
    assert "squared errors are 1, 1, 1, 1, mean 1" in result.detail
    assert "Work out B's the same way" in result.detail and "4" not in result.detail
    assert ex.check_larger_mse.check(" a ").detail == result.detail
    assert "one of" in ex.check_larger_mse.check("C").detail
    assert ex.check_larger_mse.check(None).verdict == "not done yet"


# ------------------------------------------------------------------------ exercise 5

def test_cross_entropy_by_hand_is_computed_by_hand():
    # −(ln 0.8 + ln(1 − 0.4)) / 2 = (0.2231 + 0.5108) / 2 = 0.3670
    right = -(np.log(0.8) + np.log(0.6)) / 2
    assert right == pytest.approx(0.36698, abs=1e-5)
    assert ex.cross_entropy_reference(ex.CE_Y, ex.CE_Y_HAT) == pytest.approx(right)
    for answer in (0.367, right, np.float64(0.3670), 0.3675):
        assert ex.check_cross_entropy_by_hand.check(answer).passed, answer


@pytest.mark.parametrize("slip, words", [
    ((0.2231 + 0.5108), "sum of the two losses"),
    (-(np.log10(0.8) + np.log10(0.6)) / 2, "natural log"),
    (-np.log(0.8) / 2, "only the y = 1 example counts"),
    (-(np.log(0.8) + np.log(0.4)) / 2, "1 − ŷ, not ŷ"),
    ((0.04 + 0.16) / 2, "MSE of this pair"),
    (-0.367, "wrong sign"),
    (0.37, "give three decimals"),
])
def test_cross_entropy_by_hand_slips_get_their_own_hint(slip, words):
    result = ex.check_cross_entropy_by_hand.check(slip)
    assert result.mark == "❌" and words in result.detail, result.detail


def test_cross_entropy_by_hand_none_and_other_numbers():
    assert ex.check_cross_entropy_by_hand.check(None).verdict == "not done yet"
    assert "too large" in ex.check_cross_entropy_by_hand.check(1.2).detail
    assert "single number" in ex.check_cross_entropy_by_hand.check([0.367]).detail


# ------------------------------------------------------------------- grading: hidden tests

def worked_cost_curve(ws, x, y):
    J_values = []
    for w_k in ws:
        J_values.append(np.mean((y - w_k * x) ** 2))
    return np.array(J_values)


#: the visible check's two grids, answered from a table: right there, nowhere else
_VISIBLE_CURVES = {len(ws): ex.cost_curve_reference(ws, x, y) for ws, x, y in ex._CURVE_CASES}


def cost_curve_from_a_table(ws, x, y):
    return _VISIBLE_CURVES.get(len(ws), np.zeros(len(ws)))


def test_cost_curve_scores_for_grading(capsys):
    assert ex.check_cost_curve.score(worked_cost_curve) == 2.0
    assert ex.check_cost_curve.score(lambda ws, x, y: ex.cost_curve_reference(ws, x, y)) == 2.0
    assert capsys.readouterr().out == ""
    assert ex.check_cost_curve.check(cost_curve_from_a_table).passed
    assert ex.check_cost_curve.score(cost_curve_from_a_table) == 1.0
    assert "hidden test does not pass" in capsys.readouterr().out
    assert ex.check_cost_curve.score(None) == 0.0


def test_cost_curve_hidden_names_the_sizes_and_catches_the_wrong_axis_when_k_equals_m():
    detail = ex.check_cost_curve.check_hidden(cost_curve_from_a_table).detail
    assert "cost_curve is wrong for 3 weight(s) and 3 sample(s)" in detail

    def wrong_axis_when_square(ws, x, y):   # averages over the weights when k = m
        sq = (ws[:, None] * x - y) ** 2
        return sq.mean(axis=0) if sq.shape[0] == sq.shape[1] else sq.mean(axis=1)

    assert ex.check_cost_curve.check(wrong_axis_when_square).passed
    assert ex.check_cost_curve.score(wrong_axis_when_square) == 1.0


@pytest.mark.parametrize("checker, answer", [
    (ex.check_mse_by_hand, 0.115), (ex.check_best_weight, 1.4),
    (ex.check_larger_mse, "B"), (ex.check_cross_entropy_by_hand, 0.367)])
def test_number_answers_get_full_marks_when_right(checker, answer):
    assert checker.score(answer) == 2.0 and checker.score(None) == 0.0
