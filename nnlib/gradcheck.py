"""Gradient checking: compare backpropagation with finite differences. Notebooks 03 and 04.

The nudge ε. The centred difference (f(x + ε) − f(x − ε)) / 2ε misses the slope by about
ε²·f'''(x)/6 (truncation: shrinks like ε²), and f is stored with about 16 significant digits, so
the difference of the two values carries a rounding error of about 1e-16·|f| that the division
by 2ε blows up (round-off: grows like 1e-16/ε). The two balance near ε ≈ (1e-16)^(1/3) ≈ 5e-6
for numbers of order 1; every ε in ``GOOD_EPS`` = (1e-7, 1e-4) keeps both small, and
``DEFAULT_EPS`` = 1e-6 sits inside that range.

Reading ``relative_error`` in float64 with such an ε: about 1e-7 or lower means backprop is
right; between 1e-7 and 1e-4, look closer (e.g. a ReLU input near its kink at 0); above 1e-4
there is almost certainly a bug (a ReLU derivative that returns max(z, 0) instead of 0/1 gives
errors of order 1).
"""

import numpy as np

from ._checks import as_matrix, positive_number

__all__ = ["DEFAULT_EPS", "GOOD_EPS", "numerical_gradient", "relative_error", "check_gradients"]

#: the nudge ε used when none is given (inside ``GOOD_EPS``)
DEFAULT_EPS = 1e-6
#: the range of ε where, in float64, neither truncation (∝ ε²) nor rounding (∝ 1e-16/ε) matters
GOOD_EPS = (1e-7, 1e-4)


def numerical_gradient(f, x, eps=DEFAULT_EPS):
    """Central differences: ∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / 2ε for every element of x.

    ``x`` is a float numpy array that ``f(x)`` (→ float) reads; it is nudged in place, one
    element at a time, and always restored. Returns an array shaped like x. Costs 2·x.size calls.
    The error is about ε²·f'''/6 (truncation) plus 1e-16·|f|/ε (rounding); see the module
    docstring for the choice of ε.

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

    ``a`` and ``b`` are numbers or arrays of one shape. 0 when both are all zero (the
    denominator is floored at the smallest positive float). See the module docstring for what
    values to expect.

    Taught in notebooks 03_gradient_descent, 04_backpropagation.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; received {a.shape} and {b.shape}")
    if a.size == 0:
        raise ValueError("a and b must not be empty; received shape (0,)")
    denominator = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b)) / denominator)


def check_gradients(net, X, Y, eps=DEFAULT_EPS, per_param=False):
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
