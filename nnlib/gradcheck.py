"""Gradient checking: compare backpropagation with finite differences. Notebook 04.

Reading ``relative_error`` in float64 with eps = 1e-6: about 1e-7 or lower means backprop is
right; 1e-5 is suspicious (look closer, e.g. a ReLU input near its kink at 0); above 1e-4 there
is almost certainly a bug (the 002 source article's ReLU derivative gives errors of order 1).
"""

import numpy as np

from ._checks import as_matrix, positive_number


def numerical_gradient(f, x, eps=1e-6):
    """Central differences: ∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / 2ε for every element of x.

    ``x`` is a float numpy array that ``f(x)`` (→ float) reads; it is nudged in place, one
    element at a time, and always restored. Returns an array shaped like x. Costs 2·x.size calls.

    Taught in notebooks 03_gradient_descent, 04_backpropagation.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError(f"x must be a float64 numpy array (it is nudged in place); "
                         f"received {type(x).__name__} {getattr(x, 'dtype', '')}")
    if not callable(f):
        raise ValueError(f"f must be a function of x returning a number; received {f!r}")
    eps = positive_number(eps, "eps")
    grad = np.zeros_like(x)
    flat, out = x.reshape(-1), grad.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError("x must be a contiguous array (a view that reshape can flatten)")
    for i in range(flat.size):
        old = flat[i]
        try:
            flat[i] = old + eps
            up = float(f(x))
            flat[i] = old - eps
            down = float(f(x))
        finally:
            flat[i] = old
        out[i] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b):
    """max |a − b| / max(|a| + |b|), the largest difference relative to the gradients' size.

    0 when both are all zero (the denominator is floored at the smallest positive float).
    See the module docstring for what values to expect.

    Taught in notebook 04_backpropagation.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; received {a.shape} and {b.shape}")
    if a.size == 0:
        raise ValueError("a and b must not be empty; received shape (0,)")
    denominator = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b)) / denominator)


def check_gradients(net, X, Y, eps=1e-6, per_param=False):
    """The largest ``relative_error`` between ``net.backward(X, Y)`` and numerical gradients of
    ``net.loss(X, Y)``, over all of ``net.params``; with ``per_param=True`` the list of errors,
    one per parameter array (W1, b1, W2, ...). Use a small X: it costs 2 forward passes per
    parameter.

    Taught in notebook 04_backpropagation.
    """
    X = as_matrix(X, "X", n_cols=net.sizes[0])
    backprop = net.backward(X, Y)
    errors = [relative_error(g, numerical_gradient(lambda _: net.loss(X, Y), p, eps))
              for p, g in zip(net.params, backprop)]
    return errors if per_param else max(errors)
