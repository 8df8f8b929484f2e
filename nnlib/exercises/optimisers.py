"""Exercise checkers of notebook 05_optimisers.

1. ``check_momentum_step(momentum_step)`` — a function ``momentum_step(theta, v, g, lr, beta)``
   returning the new (θ, v) of one momentum step, checked against ``nnlib.optimizers.Momentum``.
2. ``check_adam_step(adam_step)`` — a function ``adam_step(theta, m, v, g, t, lr, beta1, beta2,
   eps)`` returning the new (θ, m, v) of Adam's step number t (bias correction included),
   checked against ``nnlib.optimizers.Adam``, t = 1 included.
3. ``check_momentum_limit(lr_max)`` — the largest α for which momentum with β = 0.5 converges
   along an axis of curvature λ = 25.
4. ``check_beat_gd(lr, beta)`` — a momentum setting that brings the bowl's J below 10⁻⁶ within
   30 steps (plain gradient descent needs at least 101, section 3's α = 0.07, β = 0.6 needs 33,
   the best settings about 23): a search, not a setting the notebook already shows.

The general hint of each checker (shown with ⏳ before any attempt) only points to where the
notebook teaches it; the recipes are in the ❌ hints, which name the slip that was made.
"""

import numpy as np

from .. import bowl, optimizers
from .core import Hint, LearnerError, exercise, expect, expect_number, fmt, raised

#: Exercise 3: the axis and the momentum
LIMIT_LAMBDA, LIMIT_BETA = 25.0, 0.5
#: Exercise 4: the target and the budget of steps
TARGET, BUDGET = 1e-6, 30


def _cases(seed, shapes):
    rng = np.random.default_rng(seed)
    return [tuple(rng.normal(size=shape) for _ in range(3)) for shape in shapes]


def _call(fn, args, what):
    """Call the learner's function on copies; its errors become a hint naming the input."""
    try:
        with np.errstate(all="ignore"):  # a NaN is reported in words, not as a numpy warning
            return fn(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    except LearnerError as e:
        raise Hint(raised(e.error, what)) from None


def _parts(out, n, names):
    expect(isinstance(out, (tuple, list)) and len(out) == n,
           f"return {n} arrays, in this order: return {', '.join(names)}")
    arrays = []
    for value, name in zip(out, names):
        try:
            a = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise Hint(f"{name} should be an array of numbers; it is {type(value).__name__}") \
                from None
        arrays.append(a)
    return arrays


def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-12)


# ------------------------------------------------------------------------- 1 · momentum
def momentum_reference(theta, v, g, lr, beta):
    """(θ, v) after one ``nnlib.optimizers.Momentum`` step from velocity ``v``."""
    opt = optimizers.Momentum(lr, beta=beta)
    params = [np.array(theta, dtype=float)]
    opt._prepare(params)
    opt.state[0][0][...] = v
    opt.step(params, [np.array(g, dtype=float)])
    return params[0], opt.state[0][0].copy()


def _momentum_step(fn):
    expect(callable(fn), f"momentum_step should be a function; it is {type(fn).__name__}")
    cases = [(theta, np.zeros_like(v), g, 0.1, 0.9) for theta, v, g in _cases(0, [(2,)])]
    cases += [(theta, v, g, lr, beta) for (theta, v, g), lr, beta in
              zip(_cases(1, [(2,), (3, 2), (4,)]), (0.05, 0.3, 0.01), (0.5, 0.9, 0.0))]
    for theta, v, g, lr, beta in cases:
        what = (f"it was called with θ {theta.shape}, v = {fmt(v) if v.size <= 4 else v.shape}, "
                f"lr = {lr}, beta = {beta}")
        got_theta, got_v = _parts(_call(fn, (theta, v, g, lr, beta), what), 2, ("theta", "v"))
        want_theta, want_v = momentum_reference(theta, v, g, lr, beta)
        if _close(got_theta, want_v) and _close(got_v, want_theta):
            raise Hint("the two results are swapped: return theta, v (θ first)")
        for arr, name, want in ((got_theta, "θ", want_theta), (got_v, "v", want_v)):
            expect(arr.shape == want.shape, f"the new {name} has shape {arr.shape}; expected "
                                            f"{want.shape}, the shape of θ ({what})")
        if not _close(got_v, want_v):
            if _close(got_v, beta * v + (1 - beta) * g):
                raise Hint("your v is the average βv + (1 − β)g (Adam's m); nnlib's momentum "
                           "adds the whole gradient: v ← βv + g")
            if _close(got_v, g):
                raise Hint("your v forgets the old velocity: v ← βv + g")
            raise Hint(f"the new v differs from v ← βv + g ({what})")
        if _close(got_theta, want_theta):
            continue
        if _close(got_theta, theta + lr * want_v):
            raise Hint("θ moves uphill: subtract α v")
        if _close(got_theta, theta - lr * v):
            raise Hint("θ moved with the old velocity: update v first, then θ ← θ − α v with "
                       "the new v")
        if _close(got_theta, theta - lr * g):
            raise Hint("θ moved by α g, plain gradient descent: move by the velocity, "
                       "θ ← θ − α v")
        raise Hint(f"the new θ differs from θ − α v ({what})")
    return f"matches nnlib.optimizers.Momentum on {len(cases)} inputs"


def _hidden_momentum_cases():
    """(what, θ, v, g, lr, β): a 0-d and a 3-D array, a zero gradient with a velocity left
    (θ keeps moving), α = 1 and β = 0.99."""
    rng = np.random.default_rng(51)
    t3, v3, g3 = (rng.normal(size=(2, 2, 3)) for _ in range(3))
    t2, v2 = rng.normal(size=(3,)), rng.normal(size=(3,))
    return [("θ of shape () (a single number)", np.array(1.5), np.array(0.2), np.array(-0.3),
             0.1, 0.9),
            ("θ of shape (2, 2, 3)", t3, v3, g3, 0.02, 0.8),
            ("a zero gradient and a velocity left from earlier steps", t2, v2, np.zeros(3),
             0.1, 0.9),
            ("lr = 1 and beta = 0.99", t2, v2, rng.normal(size=(3,)), 1.0, 0.99)]


def _momentum_step_hidden(fn):
    """Other shapes (0-d, 3-D), a zero gradient, other α and β than the visible check's."""
    for what, theta, v, g, lr, beta in _hidden_momentum_cases():
        got_theta, got_v = _parts(_call(fn, (theta, v, g, lr, beta), f"for {what}"), 2,
                                  ("theta", "v"))
        want_theta, want_v = momentum_reference(theta, v, g, lr, beta)
        for arr, name, want in ((got_theta, "θ", want_theta), (got_v, "v", want_v)):
            expect(arr.shape == want.shape, f"the new {name} has shape {arr.shape} for {what}")
            expect(_close(arr, want), f"the new {name} is wrong for {what}")


check_momentum_step = exercise(
    "Exercise 1 — one momentum step", _momentum_step, hidden=_momentum_step_hidden,
    hint="section 2 writes momentum as two update rules; the order of the two lines matters.")


# ----------------------------------------------------------------------------- 2 · Adam
def adam_reference(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """(θ, m, v) after ``nnlib.optimizers.Adam``'s step number ``t`` from the moments m, v."""
    opt = optimizers.Adam(lr, beta1=beta1, beta2=beta2, eps=eps)
    params = [np.array(theta, dtype=float)]
    opt._prepare(params)
    opt.state[0][0][...] = m
    opt.state[1][0][...] = v
    opt.t = t - 1  # step() counts this step: t
    opt.step(params, [np.array(g, dtype=float)])
    return params[0], opt.state[0][0].copy(), opt.state[1][0].copy()


def _adam_cases():
    rng = np.random.default_rng(2)
    cases = []
    for t, shape, lr, b1, b2 in ((1, (2,), 0.1, 0.9, 0.999), (2, (2,), 0.01, 0.9, 0.999),
                                 (10, (3, 2), 0.05, 0.8, 0.99), (1, (4,), 0.3, 0.5, 0.9)):
        theta, g = rng.normal(size=shape), rng.normal(size=shape)
        if t == 1:
            m, v = np.zeros(shape), np.zeros(shape)
        else:  # moments that a few earlier steps could have left
            m, v = 0.3 * rng.normal(size=shape), 0.5 * rng.random(size=shape) + 0.1
        cases.append((theta, m, v, g, t, lr, b1, b2, 1e-8))
    return cases


def _adam_step(fn):
    expect(callable(fn), f"adam_step should be a function; it is {type(fn).__name__}")
    cases = _adam_cases()
    for theta, m, v, g, t, lr, b1, b2, eps in cases:
        what = f"it was called with t = {t}, lr = {lr}, beta1 = {b1}, beta2 = {b2}"
        got = _parts(_call(fn, (theta, m, v, g, t, lr, b1, b2, eps), what), 3,
                     ("theta", "m", "v"))
        want = adam_reference(theta, m, v, g, t, lr, b1, b2, eps)
        for arr, name, w in zip(got, ("θ", "m", "v"), want):
            expect(arr.shape == w.shape, f"the new {name} has shape {arr.shape}; expected "
                                         f"{w.shape}, the shape of θ ({what})")
        got_theta, got_m, got_v = got
        _, want_m, want_v = want
        if not all(np.all(np.isfinite(a)) for a in got):
            raise Hint(f"your results hold NaN or infinite values ({what}): is something divided "
                       "by 1 − β^0 = 0? The bias correction uses β^t with the step number "
                       "t = 1, 2, ...")
        if not _close(got_m, want_m):
            if _close(got_m, want_m / (1 - b1 ** t)):
                raise Hint("return the running average m itself, not the corrected m̂: the "
                           "next step continues from m")
            if _close(got_m, b1 * m + g):
                raise Hint("m is an average: m ← β1 m + (1 − β1) g")
            raise Hint(f"the new m differs from β1 m + (1 − β1) g ({what})")
        if not _close(got_v, want_v):
            if _close(got_v, want_v / (1 - b2 ** t)):
                raise Hint("return the running average v itself, not the corrected v̂")
            if _close(got_v, b2 * v + (1 - b2) * np.abs(g)):
                raise Hint("v averages the squared gradients: (1 − β2) g², not |g|")
            raise Hint(f"the new v differs from β2 v + (1 − β2) g² ({what})")
        _adam_theta_hints(got_theta, want[0], theta, want_m, want_v, t, lr, b1, b2, eps, what)
    return f"matches nnlib.optimizers.Adam on {len(cases)} inputs, t = 1 included"


def _adam_theta_hints(got, want, theta, m, v, t, lr, b1, b2, eps, what):
    if _close(got, want):
        return
    wrong = (
        (theta - lr * m / (np.sqrt(v) + eps),
         f"no bias correction: at t = 1 that step is {(1 - b1) / np.sqrt(1 - b2):.3g} α, not α. "
         "Divide m by 1 − β1^t and v by 1 − β2^t"),
        (theta - lr * (m / (1 - b1 ** t)) / (np.sqrt(v) + eps),
         "m is corrected but v is not: v̂ = v / (1 − β2^t)"),
        (theta - lr * m / (np.sqrt(v / (1 - b2 ** t)) + eps),
         "v is corrected but m is not: m̂ = m / (1 − β1^t)"),
        (theta - lr * (m / (1 - b1 ** t)) / (v / (1 - b2 ** t) + eps),
         "divide by the square root of v̂ (a root mean square), not by v̂"),
        (theta + lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps),
         "θ moves uphill: subtract the step"),
    )
    for value, why in wrong:
        if _close(got, value):
            raise Hint(why)
    if t > 1:
        for shift, words in ((-1, "t − 1"), (1, "t + 1")):
            k = t + shift
            if k >= 1 and _close(got, theta - lr * (m / (1 - b1 ** k))
                                 / (np.sqrt(v / (1 - b2 ** k)) + eps)):
                raise Hint(f"the bias correction uses β^({words}); use the step number t itself")
    raise Hint(f"the new θ differs from θ − α m̂ / (√v̂ + ε) ({what})")


def _hidden_adam_cases():
    """(what, θ, m, v, g, t, lr, β1, β2, ε): a large ε (where it sits matters, and it must be
    the one passed in), a zero gradient at t = 1, a late step t = 1000, a 0-d and a 3-D array."""
    rng = np.random.default_rng(52)
    theta, g = rng.normal(size=(3,)), rng.normal(size=(3,))
    m, v = 0.3 * rng.normal(size=(3,)), 0.5 * rng.random(size=(3,)) + 0.1
    t3, g3 = rng.normal(size=(2, 3, 2)), rng.normal(size=(2, 3, 2))
    zeros = np.zeros(3)
    return [("eps = 0.1", theta, m, v, g, 3, 0.1, 0.9, 0.999, 0.1),
            ("a zero gradient at t = 1", theta, zeros, zeros, zeros, 1, 0.1, 0.9, 0.999, 1e-8),
            ("t = 1000", theta, m, v, g, 1000, 0.01, 0.9, 0.999, 1e-8),
            ("θ of shape () (a single number)", np.array(0.7), np.array(0.0), np.array(0.0),
             np.array(-1.2), 1, 0.05, 0.9, 0.999, 1e-8),
            ("θ of shape (2, 3, 2)", t3, np.zeros((2, 3, 2)), np.zeros((2, 3, 2)), g3, 1, 0.2,
             0.8, 0.99, 1e-8)]


def _adam_step_hidden(fn):
    """Other ε, t, shapes and a zero gradient than the visible check's."""
    for what, theta, m, v, g, t, lr, b1, b2, eps in _hidden_adam_cases():
        got = _parts(_call(fn, (theta, m, v, g, t, lr, b1, b2, eps), f"for {what}"), 3,
                     ("theta", "m", "v"))
        want = adam_reference(theta, m, v, g, t, lr, b1, b2, eps)
        for arr, name, w in zip(got, ("θ", "m", "v"), want):
            expect(arr.shape == w.shape, f"the new {name} has shape {arr.shape} for {what}")
            expect(_close(arr, w), f"the new {name} is wrong for {what}")


check_adam_step = exercise(
    "Exercise 2 — one Adam step", _adam_step, hidden=_adam_step_hidden,
    hint="section 6 writes one Adam step in full and then codes it in numpy; remember which of "
         "its quantities the next step continues from.")


# ----------------------------------------------------------------- 3 · momentum's limit
def _momentum_limit(lr_max):
    want = bowl.momentum_lr_limit(LIMIT_LAMBDA, LIMIT_BETA)
    wrong = ((2 / LIMIT_LAMBDA, "that is plain gradient descent's limit 2/λ; momentum "
                                "with β = 0.5 goes further"),
             (2 * (1 - LIMIT_BETA) / LIMIT_LAMBDA,
              "that is the effective-rate guess α/(1 − β) < 2/λ, true for a gradient that keeps "
              "its sign. Near the limit the steep axis zig-zags, and for a gradient that flips "
              "sign the velocity is about g/(1 + β), not g/(1 − β)"),
             (2 / (LIMIT_LAMBDA * (1 - LIMIT_BETA)),
              "β enters the limit as 2(1 + β)/λ, not 2/((1 − β)λ)"),
             ((1 - np.sqrt(LIMIT_BETA)) ** 2 / LIMIT_LAMBDA,
              "that is where oscillating starts, not where diverging starts"))
    if not isinstance(lr_max, (str, bool)) and np.ndim(lr_max) == 0:
        try:
            value = float(lr_max)
        except (TypeError, ValueError):
            value = None
        for w, why in wrong:
            if value is not None and np.isclose(value, w, rtol=1e-3):
                raise Hint(f"lr_max is {fmt(value)}: {why}")
    try:
        expect_number(lr_max, want, name="lr_max", rtol=1e-3)
    except Hint as e:
        if "too" not in str(e):      # not a number at all: that message says enough
            raise
        raise Hint(f"{e}. Section 4: momentum converges along an axis of curvature λ exactly "
                   "when 0 < αλ < 2(1 + β)") from None
    return f"α < 2(1 + β)/λ = {want:.3g}"


check_momentum_limit = exercise(
    "Exercise 3 — how far can momentum push α?", _momentum_limit,
    hint="section 4 finds, from the roots of a quadratic, the learning rates at which momentum "
         "converges along one axis.")


# ------------------------------------------------------------------ 4 · beat descent
def best_gd_steps():
    """(steps, α): the fewest steps plain gradient descent needs on the bowl to bring J below
    TARGET, and the α that does it (searched on a grid of α below 2/λ_max = 0.08):
    (101, ≈ 0.076)."""
    runs = [(bowl.first_below(bowl.path(optimizers.GradientDescent(lr), 300).J, TARGET), lr)
            for lr in np.linspace(0.07, 0.0799, 100)]
    return min((k, float(lr)) for k, lr in runs if k is not None)


def _beat_gd(lr, beta):
    for value, name in ((lr, "my_lr"), (beta, "my_beta")):
        expect(isinstance(value, (int, float, np.integer, np.floating))
               and not isinstance(value, bool), f"{name} should be a number; it is "
                                                f"{type(value).__name__}")
    lr, beta = float(lr), float(beta)
    expect(np.isfinite(lr) and lr > 0, f"my_lr is {fmt(lr)}: a learning rate is positive")
    expect(0 <= beta < 1, f"my_beta is {fmt(beta)}: momentum's β is in [0, 1)")
    run = bowl.path(optimizers.Momentum(lr, beta=beta), BUDGET)
    if run.diverged_at is not None or bowl.momentum_regime(lr, 25.0, beta) in ("edge", "diverges"):
        raise Hint(f"with α = {fmt(lr)} and β = {fmt(beta)} the steep axis diverges: "
                   f"α must stay below 2(1 + β)/25 = {fmt(bowl.momentum_lr_limit(25.0, beta))}")
    reached = bowl.first_below(run.J, TARGET)
    expect(reached is not None,
           f"after {BUDGET} steps J is still {fmt(run.J[-1])} (target below 1e-06). "
           f"The slower axis sets the pace: per step the distance shrinks by "
           f"{fmt(bowl.momentum_rate(lr, 1.0, beta))} along θ1 and "
           f"{fmt(bowl.momentum_rate(lr, 25.0, beta))} along θ2 — make the larger one smaller")
    return f"J < 1e-06 after {reached} steps"


#: Checkers without hidden tests, and why: their answer is a number or a setting, not a
#: function, so there is no other input to try and the visible check tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_momentum_limit": "a number for one given axis; the visible check is the whole answer",
    "check_beat_gd": "a setting (α, β); the visible check runs it on the bowl, which is the "
                     "whole task",
}

check_beat_gd = exercise(
    "Exercise 4 — beat gradient descent", _beat_gd,
    hint="use the demo of section 5: choose momentum, move α and β, and read the step at which J "
         "falls below 10⁻⁶. Neither axis may lag: too little β and θ1 crawls, too much and both "
         "ring for long.")
