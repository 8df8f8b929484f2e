"""Activation functions g(z) and their derivatives g'(z) with respect to the pre-activation z.

A layer computes Z = XW + b, then A = g(Z). Every function here takes Z (never the activated A:
one of the source articles' bugs was a sigmoid derivative that expected A) and works element-wise,
except softmax, which works row by row. All of them stay finite for |z| up to 1e4 without
overflow warnings. Taught in notebooks 01 (step), 02-03 (sigmoid), 04 (relu, tanh, derivatives)
and 06 (softmax).
"""

import numpy as np

from ._checks import as_float_array, named


def _step(z):
    return (z >= 0).astype(np.float64)


def _step_derivative(z):
    return np.zeros_like(z)


def _sigmoid(z):
    e = np.exp(-np.abs(z))                     # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z):
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t * t


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_derivative(z):
    return (z > 0).astype(np.float64)


def _identity(z):
    return np.array(z, dtype=np.float64)


def _identity_derivative(z):
    return np.ones_like(z)


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # largest exponent is 0: no overflow
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _softmax_derivative(z):
    s = _softmax(np.atleast_2d(z))
    return s[:, :, None] * (np.eye(s.shape[1]) - s[:, None, :])


def step(z):
    """Step (Heaviside): g(z) = 1 if z >= 0 else 0. Any shape → same shape. Notebook 01."""
    return _step(as_float_array(z, "z"))


def step_derivative(z):
    """g'(z) = 0 wherever it exists (undefined at 0): why the step cannot be trained by backprop.

    Taught in notebook 01_perceptron (why the perceptron rule does not use it).
    """
    return _step_derivative(as_float_array(z, "z"))


def sigmoid(z):
    """Sigmoid: g(z) = 1 / (1 + e^(-z)), computed as e^(-|z|) ratios so it never overflows.

    Any shape → same shape, values in [0, 1]. Notebooks 02-04.
    """
    return _sigmoid(as_float_array(z, "z"))


def sigmoid_derivative(z):
    """g'(z) = g(z)(1 − g(z)), at most 0.25 (at z = 0). Takes z, not the activation. Notebook 04."""
    return _sigmoid_derivative(as_float_array(z, "z"))


def tanh(z):
    """Hyperbolic tangent: g(z) = (e^z − e^(-z)) / (e^z + e^(-z)), values in [-1, 1]. Notebook 04."""
    return np.tanh(as_float_array(z, "z"))


def tanh_derivative(z):
    """g'(z) = 1 − tanh(z)², equal to 1 at z = 0. Notebook 04."""
    return _tanh_derivative(as_float_array(z, "z"))


def relu(z):
    """Rectified linear unit: g(z) = max(z, 0). Notebooks 04-06."""
    return _relu(as_float_array(z, "z"))


def relu_derivative(z):
    """g'(z) = 1 if z > 0 else 0 (we take 0 at the kink z = 0). Notebook 04.

    The 002 source article returned the activations here instead: a gradient check catches it.
    """
    return _relu_derivative(as_float_array(z, "z"))


def identity(z):
    """Identity (linear): g(z) = z. The neuron of the 000 article. Notebook 03."""
    return _identity(as_float_array(z, "z"))


def identity_derivative(z):
    """g'(z) = 1. Notebook 03."""
    return _identity_derivative(as_float_array(z, "z"))


def softmax(z):
    """Row-wise softmax: ŷ_ij = e^(z_ij) / Σ_k e^(z_ik); (m, k) → (m, k), each row sums to 1.

    The row maximum is subtracted first (the result is unchanged) so no exponent overflows.
    A 1-D z is one row. Notebook 06.
    """
    return _softmax(as_float_array(z, "z"))


def log_softmax(z):
    """log softmax(z) row-wise, as z − max − log Σ e^(z − max): finite even where softmax is 0.

    Taught in notebook 06_iris_classification.
    """
    return _log_softmax(as_float_array(z, "z"))


def softmax_derivative(z):
    """Jacobian of the row-wise softmax: (m, k) → (m, k, k), J_ij = s_i (δ_ij − s_j).

    Unlike the element-wise activations, each output depends on every z of its row, so the
    derivative is a k × k matrix per sample (backprop uses the product with it, see ``Activation``).

    Taught in notebook 06_iris_classification.
    """
    return _softmax_derivative(as_float_array(z, "z"))


def _elementwise_vjp(df):
    return lambda z, a, grad: grad * df(z)


def _softmax_vjp(z, a, grad):
    return a * (grad - np.sum(grad * a, axis=-1, keepdims=True))


class Activation:
    """An activation as an object: ``name``, ``f(z)`` = g(z) and ``df(z)`` = g'(z).

    Build your own with ``Activation("relu (buggy)", relu, lambda z: relu(z))`` and hand it to
    ``MLP(hidden=...)``: backprop then uses your ``df`` (notebook 04 does this to show a gradient
    check catching the source article's wrong ReLU derivative). ``vjp(z, a, grad)`` is what
    backprop needs, ∂J/∂Z = ∂J/∂A ⊙ g'(Z); it defaults to exactly that product with ``df``.
    """

    def __init__(self, name, f, df, vjp=None):
        if not isinstance(name, str) or not callable(f) or not callable(df):
            raise ValueError(f"Activation needs a name (str) and two functions f and df; "
                             f"received {name!r}, {f!r}, {df!r}")
        self.name, self._f, self._df = name, f, df
        self._vjp = vjp if vjp is not None else _elementwise_vjp(df)

    def f(self, z):
        """g(z), same shape as z."""
        return self._f(as_float_array(z, "z"))

    def df(self, z):
        """g'(z) with respect to z."""
        return self._df(as_float_array(z, "z"))

    __call__ = f

    def __repr__(self):
        return f"Activation({self.name!r})"


ACTIVATIONS = {
    "step": Activation("step", _step, _step_derivative),
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_derivative,
                          vjp=lambda z, a, grad: grad * a * (1.0 - a)),
    "tanh": Activation("tanh", np.tanh, _tanh_derivative,
                       vjp=lambda z, a, grad: grad * (1.0 - a * a)),
    "relu": Activation("relu", _relu, _relu_derivative, vjp=lambda z, a, grad: grad * (z > 0)),
    "identity": Activation("identity", _identity, _identity_derivative,
                           vjp=lambda z, a, grad: grad),
    "softmax": Activation("softmax", _softmax, _softmax_derivative, vjp=_softmax_vjp),
}


def get(name):
    """The ``Activation`` called ``name`` (one of ACTIVATIONS); an Activation is returned as is.

    Taught in notebooks 01_perceptron, 04_backpropagation.
    """
    return named(name, "activation", ACTIVATIONS, Activation)
