"""Exercise checkers of notebook 02_loss_mse.

1. :data:`check_mse_by_hand` — the MSE of a given pair, worked out by hand (a number).
2. :data:`check_mse` — ``mse(y, y_hat)`` written as a function body.
3. :data:`check_best_weight` — the weight that minimises J for a two-point set, ŷ = w·x.
4. :data:`check_larger_mse` — which of two error patterns has the larger MSE (a choice).

Each prints ✅, ❌ with a specific hint, or ⏳ "not done yet" for the student copy's ``None``.
"""

import numpy as np

from .. import losses
from .core import Hint, exercise, expect, expect_choice, expect_function, expect_number

# ------------------------------------------------------------------ exercise 1: by hand

#: The pair of exercise 1: targets and a network's predictions.
HAND_Y = np.array([1.0, 0.0, 0.0, 1.0])
HAND_Y_HAT = np.array([0.9, 0.2, 0.4, 0.5])


def _mse_by_hand(J):
    errors = HAND_Y_HAT - HAND_Y
    m = errors.size
    right = float(np.mean(errors ** 2))                       # 0.115
    near = {  # a typical slip → what to say about it
        float(np.sum(errors ** 2)): f"that is the sum of the squared errors; divide it by m = {m}",
        float(np.sum(errors ** 2) / (m - 1)): f"divide by m = {m}, the number of examples",
        float(np.mean(np.abs(errors))): "that is the mean of |ŷ − y|; square each error instead",
        float(np.sqrt(right)): "that is the square root of the MSE (the RMSE); MSE has no root",
        float(np.mean(errors) ** 2): "square each error first, then take the mean",
    }
    if _is_number(J):
        v = float(J)
        if abs(v - float(np.mean(errors))) < 1e-9:
            raise Hint("that is the mean of the plain errors: +0.2 and +0.4 cancel −0.1 and "
                       "−0.5. Square each error before averaging")
        for value, message in near.items():
            if abs(v - value) < 1e-6 and abs(v - right) > 1e-6:
                raise Hint(f"J = {v:.4g}: {message}")
    expect_number(J, right, "J", rtol=1e-6, atol=1e-9)


check_mse_by_hand = exercise(
    "Exercise 1 — MSE by hand", _mse_by_hand,
    hint="errors ŷ − y: −0.1, 0.2, 0.4, −0.5; square each, add them up, divide by m = 4.")


# ------------------------------------------------------------- exercise 2: mse in numpy

_CASES = [
    (np.array([1.0, 0.0, 0.0, 1.0]), np.zeros(4)),                       # article 001: 0.5
    (np.array([3.0, -1.0, 2.0]), np.array([1.0, 0.0, 2.5])),
    (np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
     np.array([[0.8, 0.1], [0.3, 0.6], [1.0, 0.2]])),                     # (m, k): all elements
    (np.array([2.0, 2.0]), np.array([2.0, 2.0])),                         # perfect: 0
]


def _mse_function(mse):
    expect(callable(mse), "mse should be a function")
    y, y_hat = _CASES[1]
    got = _value(mse, y, y_hat)
    if _is_number(got):
        e = y_hat - y
        slips = {
            float(np.sum(e ** 2)): "it returns the sum of the squared errors; take the mean",
            float(np.mean(e)): "it returns the mean of the plain errors; square them first",
            float(np.mean(-e)): "it returns the mean of the plain errors; square them first",
            float(np.mean(np.abs(e))): "it returns the mean absolute error; square instead of abs",
            float(np.sqrt(np.mean(e ** 2))): "it returns the root of the MSE; drop the sqrt",
        }
        for value, message in slips.items():
            if abs(float(got) - value) < 1e-9:
                raise Hint(f"mse({_list(y)}, {_list(y_hat)}) = {float(got):.4g}: {message}")
    y2, y_hat2 = _CASES[2]
    got2 = _value(mse, y2, y_hat2)
    if np.ndim(got2) != 0:
        raise Hint(f"for (m, k) arrays mse returned an array of shape {np.shape(got2)}; "
                   "return one number, the mean over all elements (np.mean without axis)")
    expect_function(mse, losses.mse, _CASES, name="mse(y, y_hat)")


check_mse = exercise(
    "Exercise 2 — write mse", _mse_function,
    hint="one line: the mean over all elements of (y_hat − y) squared, e.g. with np.mean.")


# ---------------------------------------------------------- exercise 3: the best weight

#: The two-point set of exercise 3, fitted by ŷ = w·x (no bias).
BEST_X = np.array([1.0, 2.0])
BEST_Y = np.array([1.0, 3.0])


def _best_weight(w):
    right = float(BEST_X @ BEST_Y / (BEST_X @ BEST_X))        # 7/5 = 1.4
    if _is_number(w):
        v = float(w)
        slope = float((BEST_Y[1] - BEST_Y[0]) / (BEST_X[1] - BEST_X[0]))
        if abs(v - slope) < 1e-3:
            raise Hint(f"w = {v:g} is the slope through both points, but that line needs a bias "
                       "(it misses the origin); with ŷ = w·x alone the best line is a compromise")
        if abs(v - float(np.mean(BEST_Y / BEST_X))) < 1e-3:
            raise Hint(f"w = {v:g} averages the ratios y/x; squared errors weight the point at "
                       "x = 2 more, since a change in w moves its prediction twice as far")
        if abs(v - float(BEST_Y.mean() / BEST_X.mean())) < 1e-3:
            raise Hint(f"w = {v:g} is ȳ / x̄, which is right only with a bias term")
    expect_number(w, right, "w", rtol=0, atol=0.006)


check_best_weight = exercise(
    "Exercise 3 — the best weight", _best_weight,
    hint="J(w) = ½[(w·1 − 1)² + (w·2 − 3)²]; expand it, or set dJ/dw = (w − 1) + 2(2w − 3) "
         "to 0. Two decimals are enough.")


# ------------------------------------------------------ exercise 4: large errors count more

#: Exercise 4: the errors ŷ − y of two models on the same four examples.
ERRORS_A = np.array([1.0, -1.0, 1.0, -1.0])
ERRORS_B = np.array([0.0, 0.0, 0.0, 4.0])


def _larger_mse(choice):
    if isinstance(choice, str) and choice.strip().lower() == "same":
        raise Hint("their mean |error| is the same (1), but squaring turns the one error of 4 "
                   "into 16: compute both MSEs")
    expect_choice(choice, "B", ["A", "B", "same"], name="larger")


check_larger_mse = exercise(
    "Exercise 4 — which MSE is larger", _larger_mse,
    hint="square each error, then average: does one error of 4 cost as much as four "
         "errors of 1?")


# ------------------------------------------------------------------------------ helpers

def _is_number(v):
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) \
        and np.isfinite(float(v))


def _value(fn, *args):
    """Call the learner's (guarded) function; returns its result."""
    return fn(*args)


def _list(a):
    return "[" + ", ".join(f"{float(v):g}" for v in np.ravel(a)) + "]"
