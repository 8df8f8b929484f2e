"""Exercise checkers of notebook 02_loss_mse.

1. :data:`check_mse_by_hand` — the MSE of a given pair, worked out by hand (a number).
2. :data:`check_cost_curve` — ``cost_curve(ws, x, y)``: J(w) for many weights (function body).
3. :data:`check_best_weight` — the weight that minimises J for a two-point set, ŷ = w·x.
4. :data:`check_larger_mse` — which of two error patterns has the larger MSE (a choice).
5. :data:`check_cross_entropy_by_hand` — the cross-entropy of a given pair, by hand (a number).

Each prints ✅, ❌ with a specific hint, or ⏳ "not done yet" for an answer still ``None``.
"""

import numpy as np

from .core import Hint, exercise, expect, expect_choice, expect_function, expect_number

# ------------------------------------------------------------------ exercise 1: by hand

#: The pair of exercise 1: targets and a network's predictions.
HAND_Y = np.array([1.0, 0.0, 0.0, 1.0])
HAND_Y_HAT = np.array([0.9, 0.2, 0.4, 0.5])
#: Exercise 1 accepts J within this of 0.115 (a calculator answer rounded to two decimals).
HAND_TOLERANCE = 0.005 + 1e-9


def _name_the_slip(v, right, slips, tolerance, rounded_decimals):
    """Raise a Hint naming the typical slip that gives ``v`` (``slips``: value → what to say), or
    asking for three decimals when ``v`` is ``right`` rounded to ``rounded_decimals`` or fewer."""
    for value, message in slips.items():
        if abs(v - value) <= tolerance:
            raise Hint(f"J = {v:.4g}: {message}")
    if abs(v - right) < 0.05 and _decimals(v) <= rounded_decimals:
        raise Hint(f"J = {v:g} is close — give three decimals")


def _mse_by_hand(J):
    errors = HAND_Y - HAND_Y_HAT                              # e = y − ŷ
    m = errors.size
    right = float(np.mean(errors ** 2))                       # 0.115
    near = {  # a typical slip → what to say about it
        float(np.sum(errors ** 2)): f"that is the sum of the squared errors; divide it by m = {m}",
        float(np.sum(errors ** 2) / (m - 1)): f"divide by m = {m}, the number of examples",
        float(np.mean(np.abs(errors))):
            "that is the mean of |e| = |y − ŷ|; square each error instead",
        float(np.sqrt(right)): "that is the square root of the MSE (the RMSE); MSE has no root",
        float(np.mean(errors) ** 2): "square each error first, then take the mean",
    }
    if _is_number(J):
        v = float(J)
        if abs(v - right) <= HAND_TOLERANCE:                   # 0.115, or rounded: 0.12, 0.11
            return None
        if abs(v - float(np.mean(errors))) < 1e-9:
            raise Hint("that is the mean of the plain errors: −0.2 and −0.4 cancel +0.1 and "
                       "+0.5. Square each error before averaging")
        _name_the_slip(v, right, near, 1e-6, 1)
    expect_number(J, right, "J", rtol=0, atol=HAND_TOLERANCE)


check_mse_by_hand = exercise(
    "Exercise 1 — MSE by hand", _mse_by_hand,
    hint="Section 2 (Loss of one example, cost of all: MSE) defines J and works one "
         "example out by hand.")


# ------------------------------------------------------ exercise 2: the cost curve J(w)

def cost_curve_reference(ws, x, y):
    """J(w) = (1/m) Σ_i (w·x_i − y_i)² of the neuron ŷ = w·x (no bias), for each w in ``ws``.

    ``ws`` (k,) candidate weights; ``x``, ``y`` (m,) samples. Returns (k,). Notebook 02.
    """
    ws, x, y = (np.asarray(a, dtype=float) for a in (ws, x, y))
    return np.mean((ws[:, None] * x - y) ** 2, axis=1)


_CURVE_CASES = [
    (np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0]), np.array([1.0, 3.0])),
    (np.array([-1.0, 0.5, 1.0, 1.5, 3.0]), np.array([0.5, 1.3, 1.5, 3.0]),
     np.array([1.5, 3.6, 3.5, 5.1])),
]


def _cost_curve(cost_curve):
    expect(callable(cost_curve), "cost_curve should be a function")
    ws, x, y = _CURVE_CASES[1]
    right = cost_curve_reference(ws, x, y)
    got = np.asarray(cost_curve(ws, x, y), dtype=float)
    sq = (ws[:, None] * x - y) ** 2                         # (k, m)
    k, m = sq.shape
    if got.shape == ():
        raise Hint(f"it returns one number for {k} weights; return one J per weight: compute J "
                   "for each w in ws (a for loop is fine) and return them as an array")
    if got.shape == (m,) and m != k:
        raise Hint(f"it returns {m} values, one per sample; average over the samples instead, "
                   f"to get one J per weight ({k} values)")
    if got.shape == (k, m):
        raise Hint("it returns the squared error of every (weight, sample) pair; for each "
                   "weight, take the mean over its samples")
    if got.shape == (k,):
        slips = {
            "sum": (np.sum(sq, axis=1), "it returns the sum over the samples; take the mean"),
            "root": (np.sqrt(right), "it returns the root of J; drop the sqrt"),
            "abs": (np.mean(np.abs(ws[:, None] * x - y), axis=1),
                    "it averages |e| = |y − ŷ|; square the errors instead"),
        }
        for value, message in slips.values():
            if np.allclose(got, value, rtol=1e-9, atol=1e-12) and not np.allclose(got, right):
                raise Hint(message)
    expect_function(cost_curve, cost_curve_reference, _CURVE_CASES, name="cost_curve(ws, x, y)")


def _hidden_curve_cases():
    """As many weights as samples (k = m, where averaging over the wrong axis keeps the shape),
    a single weight, a single sample, negative and whole-number inputs, a larger grid."""
    rng = np.random.default_rng(22)
    return [
        (np.array([-0.5, 1.0, 2.5]), np.array([2.0, -1.0, 0.5]), np.array([1.0, 0.0, -2.0])),
        (np.array([1.7]), np.array([0.5, 1.5, 2.5, 3.5]), np.array([1.0, 2.0, 4.0, 5.5])),
        (np.array([-2.0, 0.0, 0.5, 4.0]), np.array([3.0]), np.array([-1.0])),
        (np.array([0, 1, 2, 3]), np.array([1, 2, 3]), np.array([2, 4, 7])),
        (np.linspace(-3, 3, 61), rng.normal(size=20), rng.normal(size=20)),
    ]


def _cost_curve_hidden(cost_curve):
    """Other sizes than the visible check's: k = m, k = 1, m = 1, whole numbers, 61 weights."""
    for ws, x, y in _hidden_curve_cases():
        k, m = len(ws), len(x)
        got = np.asarray(cost_curve(ws.copy(), x.copy(), y.copy()), dtype=float)
        want = cost_curve_reference(ws, x, y)
        expect(got.shape == want.shape,
               f"for {k} weight(s) and {m} sample(s) cost_curve returns shape {got.shape}, "
               f"not one J per weight")
        expect(np.allclose(got, want, rtol=1e-6, atol=1e-9),
               f"cost_curve is wrong for {k} weight(s) and {m} sample(s)")


check_cost_curve = exercise(
    "Exercise 2 — the cost curve J(w)", _cost_curve, hidden=_cost_curve_hidden,
    hint="Section 3 (Move a weight, watch the cost) works out J for one weight; "
         "cost_curve does that for every weight in ws (a for loop over ws is fine) and "
         "returns one J per weight, as an array.")


# ---------------------------------------------------------- exercise 3: the best weight

#: The two-point set of exercise 3, fitted by ŷ = w·x (no bias).
BEST_X = np.array([1.0, 2.0])
BEST_Y = np.array([1.0, 3.0])


def _best_weight(w):
    right = float(BEST_X @ BEST_Y / (BEST_X @ BEST_X))        # 7/5 = 1.4
    if _is_number(w):
        v = float(w)
        if _looks_like_index(w, right):
            raise Hint(f"w is {int(w)}: that looks like an index into the grid, not a weight: "
                       "use ws[i], the grid's weight at that index")
        slope = float((BEST_Y[1] - BEST_Y[0]) / (BEST_X[1] - BEST_X[0]))
        if abs(v - slope) < 1e-3:
            raise Hint(f"w = {v:g} is the slope through both points, but that line needs a bias "
                       "(it misses the origin); with ŷ = w·x alone the best line is a compromise")
        if abs(v - float(np.mean(BEST_Y / BEST_X))) < 1e-3:
            raise Hint(f"w = {v:g} averages the ratios y/x; squared errors weight the point at "
                       "x = 2 more, since a change in w moves its prediction twice as far")
        if abs(v - float(BEST_Y.mean() / BEST_X.mean())) < 1e-3:
            raise Hint(f"w = {v:g} is ȳ / x̄: it makes the plain errors sum to 0, but J squares "
                       "them first, so the point at x = 2 counts more")
    expect_number(w, right, "w", rtol=0, atol=0.006)


check_best_weight = exercise(
    "Exercise 3 — the best weight", _best_weight,
    hint="Section 3 (Move a weight, watch the cost) and its first demo: the w you want sits "
         "at the bottom of the curve J(w). Exercise 2's cost_curve on a fine grid of weights "
         "finds it. Two decimals are enough.")


# ------------------------------------------------------ exercise 4: large errors count more

#: Exercise 4: the errors e = y − ŷ of two models on the same four examples.
ERRORS_A = np.array([1.0, -1.0, 1.0, -1.0])
ERRORS_B = np.array([0.0, 0.0, 0.0, 4.0])


def _larger_mse(choice):
    if isinstance(choice, str) and choice.strip().lower() == "same":
        raise Hint("their mean |error| is the same (1), but squaring turns the one error of 4 "
                   "into 16: compute both MSEs")
    if isinstance(choice, str) and choice.strip().upper() == "A":
        raise Hint(f"A makes a mistake on every example, but each is small: its squared errors "
                   f"are {', '.join(f'{v:g}' for v in ERRORS_A ** 2)}, mean "
                   f"{float(np.mean(ERRORS_A ** 2)):g}. Work out B's the same way: square each "
                   "error first, then take the mean")
    expect_choice(choice, "B", ["A", "B", "same"], name="larger")


check_larger_mse = exercise(
    "Exercise 4 — which MSE is larger", _larger_mse,
    hint="Section 1 (Error: expected minus output), its last part on what squaring does to "
         "large errors, and the MSE formula of section 2.")


# ----------------------------------------------------- exercise 5: cross-entropy by hand

#: Exercise 5: two examples, their targets and a sigmoid neuron's outputs ŷ.
CE_Y = np.array([1.0, 0.0])
CE_Y_HAT = np.array([0.8, 0.4])
#: Exercise 5 accepts J within this of the exact value (an answer to three decimals).
CE_TOLERANCE = 0.001 + 1e-9


def cross_entropy_reference(y, y_hat):
    """J = −(1/m) Σ_i [y_i ln ŷ_i + (1 − y_i) ln(1 − ŷ_i)]: y, ŷ (m,), ŷ in (0, 1). Notebook 02."""
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


def _cross_entropy_by_hand(J):
    y, p = CE_Y, CE_Y_HAT
    right = cross_entropy_reference(y, p)                    # (0.223 + 0.511) / 2 = 0.367
    p_right = np.where(y == 1, p, 1 - p)                      # probability of the right answer
    slips = {  # a typical slip → what to say about it
        float(-np.sum(np.log(p_right))):
            "that is the sum of the two losses; J is their mean: divide by m = 2",
        float(-np.mean(np.log10(p_right))):
            "that uses log₁₀; cross-entropy uses the natural log ln (np.log)",
        float(-np.mean(y * np.log(p))):
            "only the y = 1 example counts there; for y = 0 the loss is −ln(1 − ŷ)",
        float(-np.mean(np.log(p))):
            "for the y = 0 example the right answer's probability is 1 − ŷ, not ŷ",
        float(np.mean((y - p) ** 2)): "that is the MSE of this pair, not the cross-entropy",
    }
    if _is_number(J):
        v = float(J)
        if abs(v - right) <= CE_TOLERANCE:
            return None
        if abs(v + right) <= CE_TOLERANCE:
            raise Hint(f"J = {v:.4g}: right size, wrong sign; ln of a probability is negative, "
                       "so the loss carries a minus sign")
        _name_the_slip(v, right, slips, CE_TOLERANCE, 2)
    expect_number(J, right, "J", rtol=0, atol=CE_TOLERANCE)


check_cross_entropy_by_hand = exercise(
    "Exercise 5 — cross-entropy by hand", _cross_entropy_by_hand,
    hint="Section 5 (MSE after a sigmoid, and cross-entropy) defines the loss of one example "
         "and works examples for y = 1 and y = 0 out by hand.")


#: Checkers without hidden tests, and why: their answer is a number or a choice, not a function,
#: so there is no other input to try and the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_mse_by_hand": "a number for one given pair; the visible check is the whole answer",
    "check_best_weight": "a number for one given data set; the visible check is the whole answer",
    "check_larger_mse": "a choice of three; the visible check is the whole answer",
    "check_cross_entropy_by_hand": "a number for one given pair; the visible check is the "
                                   "whole answer",
}


# ------------------------------------------------------------------------------ helpers

def _decimals(v):
    """How many decimals a typed number has (0.1 → 1, 0.115 → 3), up to 6."""
    for n in range(7):
        if abs(v - round(v, n)) < 1e-9:
            return n
    return 7


def _looks_like_index(w, right):
    """An integer where a weight is wanted, as np.argmin returns: a position in the grid.

    Any numpy integer (only np.argmin and friends make those), or a Python int of 3 or more
    (no weight near the answer is that large); small Python ints are treated as guesses.
    """
    if isinstance(w, bool) or not isinstance(w, (int, np.integer)) or w < 0:
        return False
    if abs(float(w) - right) <= 0.006:
        return False
    return isinstance(w, np.integer) or w >= 3


def _is_number(v):
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) \
        and np.isfinite(float(v))
