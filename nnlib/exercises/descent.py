"""Exercise checkers of notebook 03_gradient_descent.

1. ``check_slope(slope, uphill)`` — the slope of J(w) = (w − 3)² + 1 at w = 1.5, and which way
   is uphill there.
2. ``check_mse_gradients(mse_gradients)`` — a function ``mse_gradients(X, y, W, b)`` returning
   (∂J/∂W, ∂J/∂b) for a linear neuron with a bias, checked against finite differences.
3. ``check_step_factors(step_factors)`` — a function ``step_factors(lr, lams)`` returning the
   factor 1 − αλ by which one gradient step scales the distance along each axis of a bowl.
4. ``check_converging_lr(lr)`` — a learning rate with which gradient descent on the notebook's
   table, from the first guess, brings J below 1e-6 within 300 steps.
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
#: Exercise 5: the inputs are scaled by this factor.
SCALE = 10.0


def _slope(slope, uphill):
    expect_number(slope, 2 * (SLOPE_W - 3), name="slope")
    expect_choice(uphill, "left", ["left", "right"], name="uphill")


check_slope = exercise(
    "Exercise 1 — slope and uphill", _slope,
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


check_mse_gradients = exercise(
    "Exercise 2 — gradients with a bias", _mse_gradients,
    hint="redo section 3 (The gradient, written out) with ŷ = XW + b: the chain rule gives each "
         "gradient; ask how ŷ_i moves when b moves. Each answer has the shape of its parameter.")


def _table():
    X, y = datasets.load_linear_table()
    return X, y, np.array(datasets.LINEAR_FIRST_GUESS)


def _table_curvatures():
    """The eigenvalues of the table's Hessian (2/m) XᵀX, smallest first: ≈ 5.79, 9.52, 76.0."""
    return np.linalg.eigvalsh(hessian(_table()[0]))


# ------------------------------------------------------------------ exercise 3: the factors

def _factor_cases():
    return ((0.15, np.array([1.0, 10.0])), (0.02, _table_curvatures()),
            (0.3, np.array([2.0, 5.0, 8.0])))


def _step_factors(fn):
    expect(callable(fn), f"step_factors should be a function; it is {type(fn).__name__}")
    for lr, lams in _factor_cases():
        want = 1.0 - lr * lams
        call = f"step_factors({fmt(lr)}, {fmt(lams)})"
        try:
            got = fn(lr, lams.copy())
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called as {call}, lams a numpy array")) from None
        got = np.asarray(got, dtype=float) if not isinstance(got, str) else got
        if isinstance(got, np.ndarray) and got.shape == want.shape:
            if np.allclose(got, np.abs(want)) and not np.allclose(got, want):
                raise Hint(f"{call} gives {fmt(got)}: keep the sign of 1 − αλ — a negative "
                           "factor means the step jumps over the minimum to the other side")
            if np.allclose(got, lr * lams):
                raise Hint(f"{call} gives {fmt(got)}, the part αλ that the step removes; the "
                           "factor is what is left of the distance")
        expect_array(got, want, call)
    return "one step keeps 1 − αλ of the distance along each axis"


check_step_factors = exercise(
    "Exercise 3 — the factor per axis", _step_factors,
    hint="section 6 derives what one step w ← w − α·λw does to w along one axis of the bowl; "
         "do it for every λ of the array at once (numpy works element by element).")


# -------------------------------------------------------- exercise 4: a converging rate

def _converging_lr(lr):
    expect(isinstance(lr, (int, float, np.integer, np.floating)) and not isinstance(lr, bool),
           f"lr should be a number; it is {type(lr).__name__}")
    lr = float(lr)
    expect(np.isfinite(lr) and lr > 0, f"lr is {fmt(lr)}: a learning rate is a positive number")
    X, y, w0 = _table()
    worst = float(np.max(np.abs(1.0 - lr * _table_curvatures())))
    path = descent_path(X, y, w0, lr, MAX_STEPS)
    if path.diverged_at is not None:
        raise Hint(f"with lr = {fmt(lr)} descent diverged at step {path.diverged_at}: the "
                   f"largest |1 − αλ| is {fmt(worst)}, above 1, so α is too large")
    J = float(path.J[-1])
    if J > path.J[0]:
        raise Hint(f"with lr = {fmt(lr)} J grew from {fmt(path.J[0])} to {fmt(J)} in "
                   f"{MAX_STEPS} steps: the largest |1 − αλ| is {fmt(worst)}, so α is too large")
    if J >= TARGET_J:
        side = ("the steep direction (largest λ) zigzags too slowly: α is a little too large"
                if lr * _table_curvatures()[-1] > 1 else
                "the shallow direction (smallest λ) crawls: α is too small")
        raise Hint(f"with lr = {fmt(lr)} J is still {fmt(J)} after {MAX_STEPS} steps (target "
                   f"below {fmt(TARGET_J)}); the largest |1 − αλ| is {fmt(worst)}: {side}")
    steps = int(np.argmax(path.J < TARGET_J))
    return f"J < {fmt(TARGET_J)} after {steps} steps; the largest |1 − αλ| is {fmt(worst)}"


check_converging_lr = exercise(
    "Exercise 4 — a learning rate that converges", _converging_lr,
    hint="each step multiplies J by at most (largest |1 − αλ|)², with λ the table's three "
         "curvatures (section 6). Work out how small that largest factor must be for 300 steps, "
         "then find the α that keeps all three factors that small.")


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


check_largest_stable_lr = exercise(
    "Exercise 5 — the largest stable learning rate", _largest_stable_lr,
    hint="redo section 6's computation with X10 in place of X: the Hessian, its largest "
         "eigenvalue, then the limit. Then divide the table's limit by yours.")
