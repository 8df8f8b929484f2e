"""Exercise checkers of notebook 03_gradient_descent.

1. ``check_slope(slope, uphill)`` — the slope of J(w) = (w − 3)² + 1 at w = 1.5, and which way
   is uphill there.
2. ``check_mse_gradients(mse_gradients)`` — a function ``mse_gradients(X, y, W, b)`` returning
   (∂J/∂W, ∂J/∂b) for a linear neuron with a bias, checked against finite differences.
3. ``check_steps_to_shrink(steps_to_shrink)`` — a function ``steps_to_shrink(lr, lams, shrink)``
   returning how many gradient steps on a bowl with curvatures ``lams`` shrink the distance to
   the minimum along every axis to at most ``shrink`` times its start (``np.inf`` if some axis
   never shrinks): the factors 1 − αλ, the slowest of them, a logarithm, rounded up.
4. ``check_converging_range(lr_low, lr_high)`` — the range of α for which section 6's bound
   promises J below 1e-6 within 300 steps on the notebook's table, from the first guess:
   (1 − f)/λ_min … (1 + f)/λ_max with f⁶⁰⁰ = 1e-6 / J(first guess).
5. ``check_largest_stable_lr(lr_max, times_smaller)`` — 2/λ_max for that table with every
   input × 10, and how many times smaller it is than the table's own limit.
"""

import numpy as np

from .. import datasets
from ..gradcheck import numerical_gradient
from ..linear import descent_path, hessian
from .core import raised  # what the learner's function raised, its message shown whole
from .core import (Hint, LearnerError, exercise, expect, expect_array, expect_choice,
                   expect_number, fmt)

#: Exercise 1: the curve and the point.
SLOPE_W = 1.5
#: Exercise 4: the target and the budget.
TARGET_J, MAX_STEPS = 1e-6, 300
#: Exercise 3: the shrink factor of the notebook's example.
SHRINK = 1e-6
#: Exercise 4 accepts each end of the range within this relative error (two significant digits
#: typed by hand, 0.0066 and 0.026, pass).
RANGE_RTOL = 0.01
#: Exercise 5: the inputs are scaled by this factor.
SCALE = 10.0


def _slope(slope, uphill):
    expect_number(slope, 2 * (SLOPE_W - 3), name="slope")
    expect_choice(uphill, "left", ["left", "right"], name="uphill")


def _slope_and_side(slope, uphill):
    want = 2 * (SLOPE_W - 3)
    if isinstance(uphill, str) and uphill.strip().lower() == "right" and \
            isinstance(slope, (int, float, np.integer, np.floating)) and np.isclose(slope, want):
        raise Hint(f"your slope {fmt(float(slope))} is right, and it is negative: J gets smaller "
                   "as w grows. Uphill is the side where J grows")
    if isinstance(uphill, str) and uphill.strip().lower() == "right":
        raise Hint("uphill is the side where J grows. Work out the slope at w = 1.5 first: "
                   "a negative slope means J grows as w gets smaller")
    _slope(slope, uphill)


check_slope = exercise(
    "Exercise 1 — slope and uphill", _slope_and_side,
    hint="use the derivative of section 1 at w = 1.5. The sign of the slope says in which "
         "direction J grows: that side is uphill.")


def _gradient_data(seed):
    rng = np.random.default_rng(seed)
    m, n = 5 + seed, 3 + seed % 2
    return (rng.normal(size=(m, n)), rng.normal(size=(m, 1)), rng.normal(size=(n, 1)),
            rng.normal(size=(1,)))


def _finite_differences(X, y, W, b):
    def cost(W_, b_):
        return float(np.mean((X @ W_ + b_ - y) ** 2))
    W, b = W.copy(), b.copy()
    return numerical_gradient(lambda w: cost(w, b), W), numerical_gradient(lambda c: cost(W, c), b)


_MISTAKES = ((0.5, "the 2 from the derivative of the square is missing"),
             ("m", "divide by m: J is a mean over the samples"),
             (-1.0, "the sign is flipped: ∂J/∂ŷ_i = (2/m)(ŷ_i − y_i), which is −(2/m)·e_i for "
                    "the error e = y − ŷ"))


def _expect_gradient(got, want, name, m):
    got = np.asarray(got, dtype=float)
    if got.shape != want.shape and got.size == want.size and np.allclose(got.ravel(), want.ravel()):
        raise Hint(f"{name} has shape {got.shape}: give it the shape {want.shape} of the "
                   "parameter it belongs to")
    if got.shape == want.shape:
        for factor, why in _MISTAKES:
            factor = m if factor == "m" else factor
            if np.allclose(got, factor * want, rtol=1e-5):
                raise Hint(f"{name} is {fmt(factor)} × the finite-difference gradient: {why}")
    expect_array(got, want, name, rtol=1e-5, atol=1e-7)


def _mse_gradients(fn):
    expect(callable(fn), f"mse_gradients should be a function; it is {type(fn).__name__}")
    for seed in (0, 1):
        X, y, W, b = _gradient_data(seed)
        want_W, want_b = _finite_differences(X, y, W, b)
        try:
            got = fn(X.copy(), y.copy(), W.copy(), b.copy())
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called with X {X.shape}, y {y.shape}, "
                                       f"W {W.shape}, b {b.shape}")) from None
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               "mse_gradients should return two arrays, dW and db: return dW, db")
        shapes = f"X {X.shape}, W {W.shape}, b {b.shape}"
        _expect_gradient(got[0], want_W, f"dW (with {shapes})", X.shape[0])
        _expect_gradient(got[1], want_b, f"db (with {shapes})", X.shape[0])
    return "both match finite differences"


def _hidden_gradient_cases():
    """(what, X, y, W, b): other sizes than the visible (5, 3) and (6, 4), and a perfect fit."""
    rng = np.random.default_rng(33)
    cases = []
    for m, n in ((1, 1), (12, 2), (3, 6)):
        cases.append((f"X {m}×{n}", rng.normal(size=(m, n)), rng.normal(size=(m, 1)),
                      rng.normal(size=(n, 1)), rng.normal(size=(1,))))
    X, W, b = rng.normal(size=(7, 3)), rng.normal(size=(3, 1)), rng.normal(size=(1,))
    cases.append(("a perfect fit (y = XW + b, where J is at its minimum)", X, X @ W + b, W, b))
    return cases


def _mse_gradients_hidden(fn):
    """One sample, one column, more columns than samples, and a perfect fit (zero gradients)."""
    for what, X, y, W, b in _hidden_gradient_cases():
        overshoot = X @ W + b - y
        want = (2 / len(X) * X.T @ overshoot, 2 / len(X) * overshoot.sum(axis=0))
        try:
            with np.errstate(all="ignore"):
                got = fn(X.copy(), y.copy(), W.copy(), b.copy())
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called with {what}")) from None
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               f"mse_gradients does not return two arrays for {what}")
        for g, r, name in zip(got, want, ("dW", "db")):
            g = np.asarray(g, dtype=float)
            expect(g.shape == r.shape, f"{name} has shape {g.shape} for {what}, not the shape "
                                       f"of its parameter")
            expect(np.allclose(g, r, rtol=1e-6, atol=1e-9), f"{name} is wrong for {what}")


check_mse_gradients = exercise(
    "Exercise 2 — gradients with a bias", _mse_gradients, hidden=_mse_gradients_hidden,
    hint="redo section 3 (The gradient, written out) with ŷ = XW + b: the chain rule gives each "
         "gradient; ask how ŷ_i moves when b moves. Each answer has the shape of its parameter.")


def _table():
    X, y = datasets.load_linear_table()
    return X, y, np.array(datasets.LINEAR_FIRST_GUESS)


def _table_curvatures():
    """The eigenvalues of the table's Hessian (2/m) XᵀX, smallest first: ≈ 5.79, 9.52, 76.0."""
    return np.linalg.eigvalsh(hessian(_table()[0]))


# ------------------------------------------------------------ exercise 3: steps to shrink

def steps_to_shrink_reference(lr, lams, shrink):
    """The number of steps k after which every |1 − αλ|^k ≤ ``shrink``: k = ⌈ln shrink / ln f⌉
    with f = max |1 − αλ| (the slowest axis); ``np.inf`` when f ≥ 1. lams (n,), 0 < shrink < 1.
    Notebook 03, exercise 3."""
    worst = float(np.max(np.abs(1.0 - lr * np.asarray(lams, dtype=float))))
    if worst >= 1.0:
        return np.inf
    return int(np.ceil(np.log(shrink) / np.log(worst)))


def _shrink_cases():
    """(lr, lams, shrink): section 6's bowl (slow axis; a negative factor the slowest; one that
    diverges), the table's curvatures, and three axes. No case sits on a whole number of steps."""
    return ((0.15, np.array([1.0, 10.0]), SHRINK), (0.19, np.array([1.0, 10.0]), SHRINK),
            (0.21, np.array([1.0, 10.0]), SHRINK), (0.02, _table_curvatures(), 1e-3),
            (0.1, np.array([2.0, 5.0, 8.0]), 1e-2), (0.3, np.array([2.0, 5.0, 8.0]), 1e-2))


def _steps_to_shrink(fn):
    expect(callable(fn), f"steps_to_shrink should be a function; it is {type(fn).__name__}")
    for lr, lams, shrink in _shrink_cases():
        want = steps_to_shrink_reference(lr, lams, shrink)
        call = f"steps_to_shrink({fmt(lr)}, {fmt(lams)}, {fmt(shrink)})"
        try:
            got = fn(lr, lams.copy(), shrink)
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called as {call}, lams a numpy array")) from None
        expect(np.ndim(got) == 0 and not isinstance(got, (str, bool)),
               f"{call} gives {fmt(got) if np.ndim(got) else repr(got)}: return one number, "
               "the steps for the slowest axis")
        got = float(got)
        factors = 1.0 - lr * lams
        if want == np.inf:
            expect(got == np.inf, f"{call} gives {fmt(got)}, but one factor 1 − αλ is "
                   f"{fmt(factors[np.argmax(np.abs(factors))])}: its size is 1 or more, so that "
                   "distance never shrinks. Return np.inf")
            continue
        expect(np.isfinite(got), f"{call} gives {fmt(got)}, but every factor 1 − αλ, "
               f"{fmt(factors)}, has a size below 1: every distance shrinks")
        exact = np.log(shrink) / np.log(np.max(np.abs(factors)))
        if np.isclose(got, exact) or np.isclose(got, np.floor(exact)):
            raise Hint(f"{call} gives {fmt(got)}: after that many steps the slowest distance is "
                       f"still above {fmt(shrink)} × its start. A step count is whole: round up "
                       "(np.ceil)")
        signed = np.max(factors)
        if 0 < signed < 1 and np.isclose(got, np.ceil(np.log(shrink) / np.log(signed))) \
                and not np.isclose(got, want):
            raise Hint(f"{call} gives {fmt(got)}: the factors are {fmt(factors)}, and a negative "
                       "factor shrinks the distance by its size |1 − αλ| (the zigzag): take "
                       "np.abs before looking for the slowest axis")
        fastest = np.min(np.abs(factors))
        if 0 < fastest < 1 and np.isclose(got, np.ceil(np.log(shrink) / np.log(fastest))) \
                and not np.isclose(got, want):
            raise Hint(f"{call} gives {fmt(got)}, the steps of the fastest axis; every axis must "
                       "have shrunk, so the slowest one (the largest |1 − αλ|) decides")
        expect(np.isclose(got, want), f"{call} gives {fmt(got)} steps; the factors are "
               f"{fmt(factors)}")
    return ("86 steps for section 6's bowl at α = 0.15: its slow axis keeps 0.85 per step; "
            "at α = 0.21 it never gets there")


def _hidden_shrink_cases():
    """(lr, lams, shrink): curvatures not in order (the slowest axis in the middle), one axis,
    another shrink, a factor exactly −1 (α = 2/λ) and a flat axis (λ = 0, factor exactly 1)."""
    return ((0.1, np.array([4.0, 1.0, 9.0]), 1e-3), (0.05, np.array([3.0]), 0.5),
            (0.15, np.array([1.0, 10.0]), 0.1), (0.12, np.array([6.0, 15.0, 0.5, 3.0]), 1e-4),
            (0.2, np.array([10.0, 1.0]), 1e-6), (0.1, np.array([0.0, 3.0]), 1e-2))


def _steps_to_shrink_hidden(fn):
    """Other curvatures (unsorted, one axis, a factor of size exactly 1) and shrink factors."""
    for lr, lams, shrink in _hidden_shrink_cases():
        want = steps_to_shrink_reference(lr, lams, shrink)
        call = f"steps_to_shrink({fmt(lr)}, np.array({fmt(lams)}), {fmt(shrink)})"
        try:
            with np.errstate(all="ignore"):
                got = fn(lr, lams.copy(), shrink)
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called as {call}")) from None
        expect(np.ndim(got) == 0 and not isinstance(got, (str, bool)),
               f"{call} does not give one number")
        expect(float(got) == want, f"{call} gives {fmt(float(got))}, not the right count")


check_steps_to_shrink = exercise(
    "Exercise 3 — how many steps?", _steps_to_shrink, hidden=_steps_to_shrink_hidden,
    hint="section 6: one step multiplies the distance along each axis by its factor 1 − αλ; "
         "the axis whose factor has the largest size is the slowest. Section 7 turns such a "
         "factor into a number of steps with a logarithm.")


# ------------------------------------------------------- exercise 4: a range of fast rates

def converging_range_reference():
    """(lr_low, lr_high): the α for which the bound max|1 − αλ|^(2k) · J0 ≤ TARGET_J holds
    after k = MAX_STEPS steps on the table from its first guess. With f = (TARGET_J /
    J0)^(1/(2k)): lr_low = (1 − f)/λ_min, lr_high = (1 + f)/λ_max (≈ 0.00657, 0.0258)."""
    X, y, w0 = _table()
    lams = _table_curvatures()
    f = (TARGET_J / float(np.mean((y - X @ w0) ** 2))) ** (1.0 / (2 * MAX_STEPS))
    return (1.0 - f) / lams[0], (1.0 + f) / lams[-1], f


def _converging_range(lr_low, lr_high):
    for name, v in (("lr_low", lr_low), ("lr_high", lr_high)):
        expect(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool),
               f"{name} should be a number; it is {type(v).__name__}")
        expect(np.isfinite(float(v)) and float(v) > 0,
               f"{name} is {fmt(float(v))}: a learning rate is a positive number")
    low, high = float(lr_low), float(lr_high)
    want_low, want_high, f = converging_range_reference()
    lams = _table_curvatures()
    X, y, w0 = _table()
    J0 = float(np.mean((y - X @ w0) ** 2))
    if np.isclose(low, want_high, rtol=2e-3) and np.isclose(high, want_low, rtol=2e-3):
        raise Hint("lr_low and lr_high are swapped")
    f_half = (TARGET_J / J0) ** (1.0 / MAX_STEPS)         # forgot that J shrinks by f²
    if np.isclose(low, (1 - f_half) / lams[0], rtol=2e-3) or \
            np.isclose(high, (1 + f_half) / lams[-1], rtol=2e-3):
        raise Hint(f"one step multiplies J by at most f², not f: over {MAX_STEPS} steps that is "
                   f"f^{2 * MAX_STEPS}")
    slips_low = ((1 - f) / lams[-1], "uses the steepest curvature; on the small side of the "
                                     "range the shallowest axis is the slow one (λ_min)")
    slips_high = ((1 + f) / lams[0], "uses the shallowest curvature; on the large side the "
                                     "steepest axis zigzags most (λ_max)"), \
                 (2 / lams[-1], "that is where descent stops converging at all; here the largest "
                                "factor must stay below f, not below 1"), \
                 (1 / lams[-1], "that is where the zigzag starts; a factor may be negative, only "
                                "its size must stay below f")
    for value, why in (slips_low,):
        if np.isclose(low, value, rtol=2e-3):
            raise Hint(f"lr_low is {fmt(low)}: it {why}")
    for value, why in slips_high:
        if np.isclose(high, value, rtol=2e-3):
            raise Hint(f"lr_high is {fmt(high)}: {why if why.startswith('that') else 'it ' + why}")
    expect_number(lr_low, want_low, name="lr_low", rtol=RANGE_RTOL)
    expect_number(lr_high, want_high, name="lr_high", rtol=RANGE_RTOL)
    ends = [descent_path(X, y, w0, lr, MAX_STEPS).J[-1] for lr in (want_low, want_high)]
    return (f"the largest factor may be {f:.3f}; after {MAX_STEPS} steps J is {fmt(ends[0])} at "
            f"lr_low and {fmt(ends[1])} at lr_high, both below {fmt(TARGET_J)}")


check_converging_range = exercise(
    "Exercise 4 — a range of fast-enough rates", _converging_range,
    hint="each step multiplies J by at most f², with f the largest |1 − αλ| over the table's "
         "curvatures (section 6). Work out how large f may be for 300 steps; then ask which "
         "curvature makes |1 − αλ| largest when α is small, and which when α is large.")


# ------------------------------------------------- exercise 5: the largest stable rate

def _largest_stable_lr(lr_max, times_smaller):
    X, _, _ = _table()
    X10 = SCALE * X
    lams = np.linalg.eigvalsh(hessian(X10))
    want = 2.0 / lams[-1]
    wrong = ((1.0 / lams[-1], "= 1/λ_max: there descent starts to overshoot (zigzag); it "
                              "still converges up to twice that"),
             (2.0 / lams[0], "= 2/λ_min: the steepest direction sets the limit, use the largest "
                             "eigenvalue"),
             (4.0 / (lams[-1] * X.shape[0]), "these are the eigenvalues of XᵀX; the Hessian of "
                                             "the MSE is H = (2/m) XᵀX"),
             (want * SCALE ** 2, "that is the limit of the original table; the inputs are "
                                 f"{SCALE:g}× larger here"),
             (want * SCALE, f"H = (2/m) XᵀX grows with the square of the inputs: {SCALE:g}× "
                            f"larger inputs make it {SCALE ** 2:g}× larger"))
    if not isinstance(lr_max, (str, bool)) and np.ndim(lr_max) == 0:
        try:
            v = float(lr_max)
        except (TypeError, ValueError):
            v = None
        for value, why in wrong:
            if v is not None and np.isclose(v, value, rtol=2e-3):
                raise Hint(f"lr_max is {fmt(v)}: {why}")
    expect_number(lr_max, want, name="lr_max", rtol=2e-3)
    ratio = SCALE ** 2
    if not isinstance(times_smaller, (str, bool)) and np.ndim(times_smaller) == 0:
        try:
            r = float(times_smaller)
        except (TypeError, ValueError):
            r = None
        if r is not None and np.isclose(r, 1.0 / ratio, rtol=1e-2):
            raise Hint(f"times_smaller is {fmt(r)}: that is upside down — divide the table's "
                       "limit by lr_max")
        if r is not None and np.isclose(r, SCALE, rtol=1e-2):
            raise Hint(f"times_smaller is {fmt(r)}: the Hessian holds X twice, so {SCALE:g}× "
                       "larger inputs change it by more than that")
    expect_number(times_smaller, ratio, name="times_smaller", rtol=1e-2)
    return f"lr_max = {want:.3g}, {ratio:g} times smaller than the table's {want * ratio:.3g}"


#: Checkers without hidden tests, and why: their answer is a number or a choice, not a function,
#: so there is no other input to try and the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_slope": "a number and a choice for one given curve and point; the visible check "
                   "tests both",
    "check_converging_range": "two numbers for the notebook's table; the visible check tests "
                              "both",
    "check_largest_stable_lr": "two numbers for the notebook's table; the visible check tests "
                               "both",
}

check_largest_stable_lr = exercise(
    "Exercise 5 — the largest stable learning rate", _largest_stable_lr,
    hint="redo section 6's computation with X10 in place of X: the Hessian, its largest "
         "eigenvalue, then the limit. Then divide the table's limit by yours.")
