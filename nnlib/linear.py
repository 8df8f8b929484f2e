"""The linear neuron of notebooks 02-03: ŷ = XW, its MSE cost J, and gradient descent on it.

One neuron, identity activation, no bias (the table of notebook 03): X (m, n) one sample per row,
W (n,) — or (n, 1), the shared notation's (n_in, n_out) with one output — and y of the matching
shape (m,) or (m, 1). The cost is ``nnlib.losses.mse``, so J is a quadratic bowl in W:

* :func:`cost` J(W) = (1/m) Σ e², with the error e = y − ŷ, and :func:`gradient`
  ∂J/∂W = (2/m) Xᵀ(ŷ − y);
* :func:`hessian` H = (2/m) XᵀX, the same at every W: its eigenvalues are the bowl's curvatures
  along its own axes (the eigenvectors);
* :func:`largest_stable_lr` 2/λ_max and :func:`regime`: what a learning rate α does on the bowl;
* :func:`descent_path` a whole run of W ← W − α ∂J/∂W that detects divergence instead of
  overflowing.

numpy only (the live demos in ``nnlib.widgets.descent`` and the checkers of notebook 03 use it).
"""

from collections import namedtuple

import numpy as np

from . import losses
from ._checks import as_float_array, as_matrix, positive_number, same_rows

#: J is called "diverged" once it exceeds this many times its starting value (or is not finite).
BLOWUP = 1e6

_MSE = losses.get("mse")


def _problem(X, y, W):
    """Check and convert (X, y, W): X (m, n); y (m,) with W (n,), or y (m, 1) with W (n, 1)."""
    X = as_matrix(X, "X")
    y = as_float_array(y, "y")
    if y.ndim not in (1, 2) or (y.ndim == 2 and y.shape[1] != 1):
        raise ValueError(f"y must be (m,) or (m, 1), one target per sample of this one-output "
                         f"neuron; received shape {y.shape}")
    same_rows(X, y, "X", "y")
    W = as_float_array(W, "W")
    want = (X.shape[1],) if y.ndim == 1 else (X.shape[1], 1)
    if W.shape != want:
        raise ValueError(f"W must have shape {want}: one weight per column of X, shaped like "
                         f"y {y.shape} has columns; received shape {W.shape}")
    return X, y, W


def predict(X, W):
    """The linear neuron's output ŷ = XW (identity activation, no bias).

    X (m, n), W (n,) or (n, 1) → ŷ (m,) or (m, 1). Notebooks 02-03.
    """
    X = as_matrix(X, "X")
    W = as_float_array(W, "W")
    if W.ndim not in (1, 2) or W.shape[0] != X.shape[1] or (W.ndim == 2 and W.shape[1] != 1):
        raise ValueError(f"W must have shape ({X.shape[1]},) or ({X.shape[1]}, 1), one weight "
                         f"per column of X; received shape {W.shape}")
    return X @ W


def cost(X, y, W):
    """J(W) = (1/m) Σ_i e_i², the error e = y − ŷ with ŷ = XW: the MSE of the linear neuron.

    X (m, n), y (m,) and W (n,) — or y (m, 1) and W (n, 1) → float. Notebooks 02-03.
    """
    X, y, W = _problem(X, y, W)
    return losses.mse(y, X @ W)


def gradient(X, y, W):
    """∂J/∂W = (2/m) Xᵀ(ŷ − y), ŷ = XW: the chain rule Xᵀ · ∂J/∂ŷ with ∂J/∂ŷ = 2(ŷ − y)/m.

    X (m, n), y (m,) and W (n,) — or y (m, 1) and W (n, 1) → the shape of W. Notebook 03.
    """
    X, y, W = _problem(X, y, W)
    return X.T @ losses.mse_gradient(y, X @ W)


def hessian(X):
    """The second derivatives of J: H = ∂²J/∂W² = (2/m) XᵀX, (n, n), for a one-output neuron.

    Entry (j, k) is ∂²J/∂W_j∂W_k = (2/m) Σ_i X_ij X_ik. It does not depend on W (or y): the
    cost is a quadratic bowl whose curvature along an eigenvector of H is its eigenvalue λ.
    X (m, n) → (n, n). Notebook 03 (section 6).
    """
    X = as_matrix(X, "X")
    return 2.0 / X.shape[0] * X.T @ X


def largest_stable_lr(X):
    """2/λ_max, with λ_max the largest eigenvalue of :func:`hessian` (X).

    Along the eigenvector of λ, one step W ← W − α ∂J/∂W multiplies the distance to the minimum
    by (1 − αλ); so gradient descent converges from every start exactly when 0 < α < 2/λ_max.
    X (m, n) → float. Notebook 03 (sections 6-7).
    """
    return float(2.0 / np.linalg.eigvalsh(hessian(X))[-1])


def regime(lr, lam_max, lam_min, steps=100, keep=0.01):
    """Name what the learning rate α does on a quadratic bowl with Hessian eigenvalues
    λ_min ≤ λ_max (see :func:`hessian`).

    "diverges" if αλ_max ≥ 2 (|1 − αλ_max| ≥ 1); "oscillates" if 1 < αλ_max < 2 (the steep
    direction overshoots and flips sign each step, yet shrinks); "crawls" if after ``steps`` steps
    the slow direction still keeps more than ``keep`` of its distance, (1 − αλ_min)^steps > keep;
    else "converges". Notebook 03 (the learning-rate demo names its regime with it).
    """
    lr, lam_max, lam_min = (positive_number(v, n) for v, n in
                            ((lr, "lr"), (lam_max, "lam_max"), (lam_min, "lam_min")))
    if lam_min > lam_max:
        raise ValueError(f"lam_min must be at most lam_max; received {lam_min:g} > {lam_max:g}")
    steps = positive_number(steps, "steps", integer=True)
    if lr * lam_max >= 2.0:
        return "diverges"
    if lr * lam_max > 1.0:
        return "oscillates"
    if abs(1.0 - lr * lam_min) ** steps > keep:
        return "crawls"
    return "converges"


Path = namedtuple("Path", "W J G diverged_at")
Path.__doc__ = """A gradient-descent run: W (k+1, *W0.shape) the weights before each step and
after the last, J (k+1,) their costs, G (k, *W0.shape) the gradients used by the k updates,
diverged_at the step at which J blew up (None if it did not; W and J then end at that step)."""


def descent_path(X, y, W0, lr, steps):
    """Full-batch gradient descent W ← W − α ∂J/∂W, ``steps`` updates from ``W0``.

    X (m, n), y (m,) and W0 (n,) — or y (m, 1) and W0 (n, 1); α = ``lr`` > 0. Stops early, without
    warnings, once J is not finite or exceeds ``BLOWUP`` × J(W0): ``diverged_at`` is that step.
    Returns a :class:`Path`. Notebook 03 (section 6, the learning-rate demo, exercise 4).
    """
    X, y, W = _problem(X, y, W0)
    lr = positive_number(lr, "lr")
    steps = positive_number(steps, "steps", integer=True)
    Ws, J, G = [W], [], []
    diverged_at = None
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            y_hat = X @ W
            J.append(_MSE._f(y, y_hat))
            too_big = J[0] > 0 and J[-1] > BLOWUP * J[0]
            if not np.isfinite(J[-1]) or too_big:
                diverged_at = k
                break
            if k == steps:
                break
            g = X.T @ _MSE._gradient(y, y_hat)
            W = W - lr * g
            G.append(g)
            Ws.append(W)
    G = np.array(G).reshape((-1,) + W.shape)
    return Path(np.array(Ws), np.array(J), G, diverged_at)
