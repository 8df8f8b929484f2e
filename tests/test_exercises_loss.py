"""Checkers of notebook 02_loss_mse: right answers pass, None is "not done yet", slips get hints."""

import numpy as np
import pytest

from nnlib.exercises import loss as ex


def mse_right(y, y_hat):
    return np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2)


# ------------------------------------------------------------------------ exercise 1

def test_mse_by_hand_right_answer_is_0_115():
    assert ex.check_mse_by_hand.check(0.115).passed
    assert ex.check_mse_by_hand.check((0.01 + 0.04 + 0.16 + 0.25) / 4).passed


def test_mse_by_hand_none_is_not_done_with_hint(capsys):
    ex.check_mse_by_hand(None)
    out = capsys.readouterr().out
    assert out.startswith("⏳ Exercise 1 — MSE by hand: not done yet.")
    assert "Hint: errors ŷ − y" in out


@pytest.mark.parametrize("slip, words", [
    (0.46, "sum of the squared errors"),
    (0.3, "mean of |ŷ − y|"),
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

def test_mse_function_right_passes():
    assert ex.check_mse.check(mse_right).passed


def test_mse_function_returning_none_is_not_done():
    def mse(y, y_hat):
        return None
    assert ex.check_mse.check(mse).verdict == "not done yet"
    assert ex.check_mse.check(None).verdict == "not done yet"


@pytest.mark.parametrize("wrong, words", [
    (lambda y, y_hat: np.sum((y_hat - y) ** 2), "sum of the squared errors"),
    (lambda y, y_hat: np.mean(y - y_hat), "plain errors"),
    (lambda y, y_hat: np.mean(np.abs(y_hat - y)), "mean absolute error"),
    (lambda y, y_hat: np.sqrt(np.mean((y_hat - y) ** 2)), "root of the MSE"),
    (lambda y, y_hat: np.mean((y_hat - y) ** 2, axis=0), "one number"),
])
def test_mse_function_slips_get_specific_hints(wrong, words):
    result = ex.check_mse.check(wrong)
    assert result.mark == "❌" and words in result.detail, result.detail


def test_mse_function_that_raises_is_a_hint_not_a_traceback():
    def mse(y, y_hat):
        return undefined  # noqa: F821
    result = ex.check_mse.check(mse)
    assert result.mark == "❌" and "NameError" in result.detail


def test_mse_function_mean_over_rows_only_is_caught_on_the_2d_case():
    def mse(y, y_hat):  # right for 1-D, wrong for (m, k): sums the k outputs of each row
        d = (np.asarray(y_hat) - np.asarray(y)) ** 2
        return np.mean(d.reshape(d.shape[0], -1).sum(axis=1))
    result = ex.check_mse.check(mse)
    assert result.mark == "❌" and "mse(y, y_hat) for input" in result.detail


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
    assert ex.check_larger_mse.check("A").mark == "❌"
    assert "one of" in ex.check_larger_mse.check("C").detail
    assert ex.check_larger_mse.check(None).verdict == "not done yet"
