"""Losses: how far the prediction ŷ is from the target y, and the gradient ∂J/∂ŷ.

Every function takes ``(y, y_hat)`` of the same shape, (m, k) or (m,), and returns the cost J,
the mean over the batch (a float), or its gradient with respect to ``y_hat`` (same shape).
Notebook 02 teaches MSE, notebook 06 cross-entropy. With a softmax (or sigmoid) output the
combined functions work from the pre-activation z: stable, and the gradient is simply (ŷ − y)/m
(notebook 06 derives it: the softmax derivative ∂ŷ_k/∂s_j, which is ŷ_k(1 − ŷ_k) for j = k and
−ŷ_k ŷ_j otherwise, or σ′ = ŷ(1 − ŷ), cancels against the 1/ŷ of the logarithm). All
logarithms are natural (ln).
"""

import numpy as np

from ._checks import as_float_array, named
from .activations import _log_softmax, _sigmoid, _softmax

_CLAMP = 1e-15   # probabilities are clamped to [_CLAMP, 1 − _CLAMP] before a log: finite costs


def _pair(y, y_hat, name="y_hat"):
    y = as_float_array(y, "y")
    y_hat = as_float_array(y_hat, name)
    if y.shape != y_hat.shape or y.size == 0:
        raise ValueError(f"y and {name} must have the same non-empty shape; "
                         f"received {y.shape} and {y_hat.shape}")
    return y, y_hat


def _check_probabilities(y, name):
    if np.any((y < 0) | (y > 1)):
        raise ValueError(f"{name} must hold probabilities in [0, 1]; received values from "
                         f"{y.min():.3g} to {y.max():.3g}")


def _check_one_hot(y):
    if y.ndim != 2 or np.any((y != 0) & (y != 1)) or np.any(y.sum(axis=1) != 1):
        raise ValueError("y must be one-hot (m, k): one 1 per row, zeros elsewhere; received "
                         f"an array of shape {y.shape} (use nnlib.datasets.one_hot(labels, k))")


def mse(y, y_hat):
    """Mean squared error J = (1/N) Σ (ŷ − y)², the mean over all N elements. Notebook 02.

    E.g. y = [1, 0, 0, 1], ŷ = [0, 0, 0, 0] → 0.5 (the 001 article's example).
    """
    y, y_hat = _pair(y, y_hat)
    return float(np.mean((y_hat - y) ** 2))


def mse_gradient(y, y_hat):
    """∂J/∂ŷ of the MSE: 2(ŷ − y)/N, N the number of elements. Notebooks 03-04."""
    y, y_hat = _pair(y, y_hat)
    return 2.0 * (y_hat - y) / y.size


def _binary_pair(y, y_hat):
    """Checked targets and predictions in [0, 1], ŷ clamped away from 0 and 1 for the logs."""
    y, y_hat = _pair(y, y_hat)
    _check_probabilities(y, "y")
    _check_probabilities(y_hat, "y_hat")
    return y, np.clip(y_hat, _CLAMP, 1 - _CLAMP)


def binary_cross_entropy(y, y_hat):
    """J = −(1/N) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)], mean over all N elements; y, ŷ in [0, 1].

    Taught in notebook 02_loss_mse.
    """
    y, p = _binary_pair(y, y_hat)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_gradient(y, y_hat):
    """∂J/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ) N) (ŷ clamped away from 0 and 1).

    Taught in notebook 02_loss_mse.
    """
    y, p = _binary_pair(y, y_hat)
    return (p - y) / (p * (1 - p) * y.size)


def cross_entropy(y, y_hat):
    """J = −(1/m) Σ_i Σ_j y_ij ln ŷ_ij for one-hot y (m, k) and probabilities ŷ (m, k).

    With one-hot y only the probability of the right class counts: a sample that gets ŷ = 1/k
    for every class pays ln k (ln 3 ≈ 1.099 for Iris). Notebook 06_iris_classification.
    """
    y, y_hat = _pair(y, y_hat)
    _check_one_hot(y)
    _check_probabilities(y_hat, "y_hat")
    return float(-np.sum(y * np.log(np.maximum(y_hat, _CLAMP))) / y.shape[0])


def cross_entropy_gradient(y, y_hat):
    """∂J/∂ŷ = −y / (m ŷ) (ŷ clamped away from 0).

    Taught in notebook 06_iris_classification.
    """
    y, y_hat = _pair(y, y_hat)
    _check_one_hot(y)
    _check_probabilities(y_hat, "y_hat")
    return -y / (np.maximum(y_hat, _CLAMP) * y.shape[0])


def softmax_cross_entropy(y, z):
    """Cross-entropy of softmax(z) from the logits z (m, k): −(1/m) Σ y ⊙ ln softmax(z).

    Stable for any finite z (no log of 0, no overflow). Notebook 06.
    """
    y, z = _pair(y, z, "z")
    _check_one_hot(y)
    return float(-np.sum(y * _log_softmax(z)) / y.shape[0])


def softmax_cross_entropy_gradient(y, z):
    """∂J/∂z of softmax + cross-entropy together: (ŷ − y)/m with ŷ = softmax(z); y, z (m, k).

    Per sample, with s its row of z: ∂L/∂s_j = Σ_k (−y_k/ŷ_k) ∂ŷ_k/∂s_j, where ∂ŷ_k/∂s_j is
    ŷ_k(1 − ŷ_k) for k = j and −ŷ_k ŷ_j otherwise; so ∂L/∂s_j = −y_j + ŷ_j Σ_k y_k = ŷ_j − y_j
    (a one-hot y sums to 1). The mean over the m samples divides by m.
    Notebook 06_iris_classification.
    """
    y, z = _pair(y, z, "z")
    _check_one_hot(y)
    return (_softmax(z) - y) / y.shape[0]


def _sigmoid_bce(y, z):
    # log(1 + e^(-|z|)) + max(z, 0) − y z  is  −[y log σ(z) + (1 − y) log(1 − σ(z))]
    return float(np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))))


def sigmoid_binary_cross_entropy(y, z):
    """Binary cross-entropy of sigmoid(z) from the logits z, stable: mean of
    max(z, 0) − y z + log(1 + e^(−|z|)) over all N elements.

    Taught in notebook 02_loss_mse.
    """
    y, z = _pair(y, z, "z")
    _check_probabilities(y, "y")
    return _sigmoid_bce(y, z)


def sigmoid_binary_cross_entropy_gradient(y, z):
    """∂J/∂z of sigmoid + binary cross-entropy together: (ŷ − y)/N with ŷ = sigmoid(z).

    ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)) times σ′(z) = ŷ(1 − ŷ): σ′ cancels. Met in notebook 02_loss_mse,
    derived in notebook 06_iris_classification.
    """
    y, z = _pair(y, z, "z")
    _check_probabilities(y, "y")
    return (_sigmoid(z) - y) / y.size


def _softmax_and_cross_entropy(y, z):
    log_p = _log_softmax(z)
    return np.exp(log_p), float(-np.sum(y * log_p) / y.shape[0])


class Loss:
    """A loss as an object: ``name``, ``f(y, y_hat)`` → J and ``gradient(y, y_hat)`` → ∂J/∂ŷ.

    ``output`` names the output activation it requires (None: any). For that output,
    ``output_and_cost(y, z)`` → (ŷ, J) computes both stably from the logits z in one pass and
    ``delta(y, a)`` gives ∂J/∂z = (ŷ − y)/m directly (both used by ``MLP``);
    ``raw`` is an optional (cost, gradient) pair without input checks, for the training loop.

    Taught in notebooks 02_loss_mse, 06_iris_classification.
    """

    def __init__(self, name, f, gradient, output=None, output_and_cost=None, delta=None,
                 raw=None):
        self.name, self.f, self.gradient, self.output = name, f, gradient, output
        self.output_and_cost, self.delta = output_and_cost, delta
        self._f, self._gradient = raw if raw is not None else (f, gradient)

    def __call__(self, y, y_hat):
        return self.f(y, y_hat)

    def __repr__(self):
        return f"Loss({self.name!r})"


LOSSES = {
    "mse": Loss("mse", mse, mse_gradient,
                raw=(lambda y, a: float(np.mean((a - y) ** 2)), lambda y, a: 2.0 * (a - y) / y.size)),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_gradient,
        output="sigmoid", output_and_cost=lambda y, z: (_sigmoid(z), _sigmoid_bce(y, z)),
        delta=lambda y, a: (a - y) / y.size),
    "cross_entropy": Loss(
        "cross_entropy", cross_entropy, cross_entropy_gradient, output="softmax",
        output_and_cost=_softmax_and_cross_entropy, delta=lambda y, a: (a - y) / y.shape[0]),
}


def get(name):
    """The ``Loss`` called ``name`` (one of LOSSES); a Loss is returned as is.

    Taught in notebooks 02_loss_mse, 06_iris_classification.
    """
    return named(name, "loss", LOSSES, Loss)
