"""The 2-D quadratic bowl of notebook 05: where plain gradient descent zig-zags and crawls.

J(θ) = ½ Σ_i λ_i θ_i², with θ of shape (n,) (n = 2 in the notebook) and curvatures λ_i > 0: a bowl
whose axes are the coordinate axes, minimum J = 0 at θ = 0, gradient ∂J/∂θ_i = λ_i θ_i and
Hessian diag(λ). With :data:`LAMBDAS` = (1, 25) the θ2 direction is 25 times steeper than θ1.

* :func:`cost`, :func:`gradient` — J and ∂J/∂θ, for one point or for many at once;
* :func:`path` — a whole run of any ``nnlib.optimizers`` optimiser on the bowl, which stops
  (and says so) instead of overflowing when it diverges;
* :func:`momentum_rate`, :func:`momentum_lr_limit`, :func:`momentum_regime` — what momentum
  does along one axis of curvature λ: converges iff 0 < αλ < 2(1 + β);
* :func:`first_below` — the first step at which a cost falls below a target.

numpy only (the live demo ``nnlib.widgets.optimisers`` and the checkers of notebook 05 use it).
"""

from collections import namedtuple

import numpy as np

from ._checks import as_float_array, as_vector, positive_number
from .optimizers import Optimizer

#: the curvatures (λ1, λ2) of the notebook's bowl: θ2 is 25 times steeper than θ1
LAMBDAS = (1.0, 25.0)
#: where every run on the notebook's bowl starts
START = (-4.0, 1.0)
#: a run is called "diverged" once J exceeds this many times its starting value (or overflows)
BLOWUP = 1e6
#: what momentum does along one axis (see :func:`momentum_regime`)
REGIMES = ("smooth", "oscillates", "edge", "diverges")


def _lambdas(lambdas):
    lam = as_vector(lambdas, "lambdas")
    if np.any(lam <= 0):
        raise ValueError(f"lambdas must be positive curvatures; received {lam.tolist()}")
    return lam


def _theta(theta, lam, name="theta"):
    theta = as_float_array(theta, name)
    if theta.ndim == 0 or theta.shape[-1] != lam.size:
        raise ValueError(f"{name} must have {lam.size} coordinate(s) in its last axis, one per "
                         f"curvature in lambdas; received shape {theta.shape}")
    return theta


def cost(theta, lambdas=LAMBDAS):
    """J(θ) = ½ Σ_i λ_i θ_i².

    theta (n,) → float; or (..., n), many points at once → J of shape (...). ``lambdas`` (n,)
    positive. Notebook 05.
    """
    lam = _lambdas(lambdas)
    theta = _theta(theta, lam)
    J = 0.5 * np.sum(lam * theta ** 2, axis=-1)
    return float(J) if J.ndim == 0 else J


def gradient(theta, lambdas=LAMBDAS):
    """∂J/∂θ = λ ⊙ θ, i.e. ∂J/∂θ_i = λ_i θ_i: the steeper the axis, the larger its gradient.

    theta (n,) or (..., n) → the same shape. ``lambdas`` (n,) positive. Notebook 05.
    """
    lam = _lambdas(lambdas)
    return lam * _theta(theta, lam)


Run = namedtuple("Run", "theta J G diverged_at")
Run.__doc__ = """A run on the bowl: theta (k+1, n) the parameters before each step and after the
last, J (k+1,) their costs, G (k, n) the gradients the k updates used, diverged_at the step at
which J blew up (None if it did not; theta and J then end just before it)."""


def path(optimizer, steps=200, theta0=START, lambdas=LAMBDAS):
    """Run ``optimizer`` (an ``nnlib.optimizers`` object: GradientDescent, Momentum, Adam) for
    ``steps`` updates on the bowl J(θ) = ½ Σ λ_i θ_i², from ``theta0``.

    Each step computes g = λ ⊙ θ and calls ``optimizer.step([θ], [g])``: exactly the update
    notebook 05 writes out (the optimiser is reset first, so the run starts from rest). Stops
    early, without warnings, once J is not finite or exceeds ``BLOWUP`` × J(θ0); ``diverged_at``
    is then that step and the arrays hold only the finite points before it.
    theta0 (n,), lambdas (n,). Returns a :class:`Run`. Notebook 05.
    """
    if not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer must be an nnlib.optimizers object such as "
                         f"optimizers.Momentum(0.05, beta=0.9); received {optimizer!r:.60}")
    lam = _lambdas(lambdas)
    theta = _theta(theta0, lam, "theta0").astype(float).copy()
    if theta.ndim != 1:
        raise ValueError(f"theta0 must be one point of shape ({lam.size},); "
                         f"received shape {theta.shape}")
    steps = positive_number(steps, "steps", integer=True)
    optimizer.reset()
    params = [theta]
    optimizer._prepare(params)  # then _step: step() without re-checking the same arrays
    thetas, J, G = [theta.copy()], [0.5 * float(np.sum(lam * theta ** 2))], []
    limit = BLOWUP * J[0]
    diverged_at = None
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            g = lam * theta
            optimizer._step(params, [g])
            j = 0.5 * float(np.sum(lam * theta ** 2))
            if not np.isfinite(j) or (J[0] > 0 and j > limit):
                diverged_at = k
                break
            G.append(g)
            thetas.append(theta.copy())
            J.append(j)
    return Run(np.array(thetas), np.array(J), np.array(G).reshape(-1, lam.size), diverged_at)


def first_below(J, target):
    """The first index k with J[k] < ``target`` (an int), or None if J never gets there.

    J (k,) a sequence of costs (a run's ``J``, a ``History``'s ``loss``). Notebook 05.
    """
    try:
        J = np.asarray(J, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"J must be a sequence of numbers; received {J!r:.60}") from None
    if J.ndim != 1:
        raise ValueError(f"J must be 1-D, one cost per step; received shape {J.shape}")
    target = float(target)
    below = np.flatnonzero(J < target)
    return int(below[0]) if below.size else None


def _momentum_args(lr, lam, beta):
    lr, lam, beta = (np.asarray(v, dtype=float) for v in (lr, lam, beta))
    if np.any(~np.isfinite(lr)) or np.any(lr <= 0):
        raise ValueError(f"lr must be positive; received {lr.tolist()}")
    if np.any(~np.isfinite(lam)) or np.any(lam <= 0):
        raise ValueError(f"lam must be a positive curvature; received {lam.tolist()}")
    if np.any(~(beta >= 0)) or np.any(beta >= 1):
        raise ValueError(f"beta must be in [0, 1); received {beta.tolist()}")
    return lr, lam, beta


def momentum_roots(lr, lam, beta):
    """The two roots r of p(r) = r² − (1 + β − αλ) r + β = 0 (complex numbers).

    Along an axis of curvature λ, momentum (v_{k+1} = βv_k + λθ_k, θ_{k+1} = θ_k − αv_{k+1})
    without v is θ_{k+1} = (1 + β − αλ) θ_k − β θ_{k−1}; θ_k = r^k obeys it exactly when
    p(r) = 0, so θ_k is a mix c1 r1^k + c2 r2^k. r1 r2 = β and r1 + r2 = 1 + β − αλ.
    Broadcasts over arrays lr, lam, beta → (r1, r2) with |r1| ≥ |r2|. Notebook 05.
    """
    lr, lam, beta = _momentum_args(lr, lam, beta)
    s = 1.0 + beta - lr * lam
    root = np.sqrt((s * s - 4.0 * beta).astype(complex))
    r1, r2 = (s + root) / 2.0, (s - root) / 2.0
    swap = np.abs(r2) > np.abs(r1)
    return np.where(swap, r2, r1), np.where(swap, r1, r2)


def momentum_rate(lr, lam, beta):
    """ρ = max |r| of :func:`momentum_roots`: the factor by which the distance to the minimum
    shrinks per step in the long run (ρ < 1 converges, ρ > 1 diverges).

    β = 0 gives plain gradient descent's |1 − αλ|. Broadcasts over arrays. Notebook 05.
    """
    r1, _ = momentum_roots(lr, lam, beta)
    rho = np.abs(r1)
    return float(rho) if rho.ndim == 0 else rho


def momentum_lr_limit(lam, beta):
    """2(1 + β)/λ: momentum converges along an axis of curvature λ exactly when
    0 < α < 2(1 + β)/λ (for 0 ≤ β < 1). β = 0 gives gradient descent's 2/λ. Notebook 05.
    """
    _, lam, beta = _momentum_args(1.0, lam, beta)
    limit = 2.0 * (1.0 + beta) / lam
    return float(limit) if limit.ndim == 0 else limit


def momentum_regime(lr, lam, beta, rtol=1e-9):
    """What momentum does along an axis of curvature λ, from rest:

    * "smooth": 0 < αλ ≤ (1 − √β)², both roots real and positive: θ creeps to the minimum
      without crossing it;
    * "oscillates": (1 − √β)² < αλ < 2(1 + β): θ crosses the minimum back and forth, yet the
      swings shrink (ρ < 1);
    * "edge": αλ = 2(1 + β) (within ``rtol``): the swings keep their size for ever (ρ = 1);
    * "diverges": αλ > 2(1 + β): the swings grow.

    Scalars → a str; arrays broadcast → an array of str. Notebook 05.
    """
    lr, lam, beta = _momentum_args(lr, lam, beta)
    x = lr * lam
    limit = 2.0 * (1.0 + beta)
    edge = np.abs(x - limit) <= rtol * limit
    names = np.select([edge, x > limit, x > (1.0 - np.sqrt(beta)) ** 2],
                      ["edge", "diverges", "oscillates"], "smooth")
    return str(names) if names.ndim == 0 else names
