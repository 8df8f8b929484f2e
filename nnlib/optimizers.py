"""Optimisers: turn the gradients ∂J/∂θ into an update of the parameters θ, in place.

Each optimiser keeps its own state (velocities, moment estimates) between calls of
``step(params, grads)``, so a notebook can train a few epochs per tick and continue smoothly;
``reset()`` forgets it. Notebook 03 teaches plain gradient descent, notebook 05 compares
momentum and Adam.
"""

import numpy as np

from ._checks import named, positive_number


def _fraction(x, name):
    try:
        ok = 0 <= float(x) < 1
    except (TypeError, ValueError):
        ok = False
    if not ok or isinstance(x, bool):
        raise ValueError(f"{name} must be a number in [0, 1); received {x!r}")
    return float(x)


def _check_pairs(params, grads):
    if len(params) != len(grads):
        raise ValueError(f"params and grads must be aligned lists; received {len(params)} "
                         f"parameter(s) and {len(grads)} gradient(s)")
    for i, (p, g) in enumerate(zip(params, grads)):
        if not isinstance(p, np.ndarray) or np.shape(g) != p.shape:
            raise ValueError(f"grads[{i}] must be shaped like params[{i}] (a numpy array); "
                             f"received {np.shape(g)} for {np.shape(p)}")


class Optimizer:
    """Base class: ``lr`` (α), ``step(params, grads)``, ``reset()``.

    Taught in notebooks 03_gradient_descent, 06_iris_classification.
    """

    def __init__(self, lr):
        self.lr = positive_number(lr, "lr")
        self.reset()

    def reset(self):
        """Forget the state (velocities, moments, step count)."""
        self.t = 0
        self.state = None

    def step(self, params, grads):
        """Update every array of ``params`` in place from the aligned ``grads``."""
        _check_pairs(params, grads)
        self._prepare(params)
        self._step(params, grads)

    def _prepare(self, params):
        """(Re)create the state when it does not match ``params`` (first call, other network)."""
        if self._stateful and (self.state is None or len(self.state[0]) != len(params) or any(
                s.shape != p.shape for s, p in zip(self.state[0], params))):
            self.state = self._new_state(params)

    def _step(self, params, grads):
        """One update without input checks (the training loop calls ``_prepare`` once first)."""
        self.t += 1
        self._update(params, grads)

    def _new_state(self, params):
        return ([np.zeros_like(p) for p in params],)

    def __repr__(self):
        extra = "".join(f", {k}={getattr(self, k)}" for k in self._shown)
        return f"{type(self).__name__}(lr={self.lr}{extra})"

    _shown = ()
    _stateful = True


class GradientDescent(Optimizer):
    """Plain gradient descent: θ ← θ − α ∂J/∂θ. Notebook 03."""

    _stateful = False

    def _update(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum(Optimizer):
    """Gradient descent with momentum: v ← β v + g; θ ← θ − α v (v starts at 0). Notebook 05.

    The velocity v remembers past gradients, so steps grow along a consistent direction and
    zig-zags across a narrow valley cancel out.
    """

    _shown = ("beta",)

    def __init__(self, lr, beta=0.9):
        self.beta = _fraction(beta, "beta")
        super().__init__(lr)

    def _update(self, params, grads):
        for p, g, v in zip(params, grads, self.state[0]):
            v *= self.beta
            v += g
            p -= self.lr * v


class Adam(Optimizer):
    """Adam: m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; with bias corrections
    m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t): θ ← θ − α m̂ / (√v̂ + ε). Notebook 05.

    Each parameter gets its own step size, scaled by the running size of its gradients.
    """

    _shown = ("beta1", "beta2", "eps")

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1, self.beta2 = _fraction(beta1, "beta1"), _fraction(beta2, "beta2")
        self.eps = positive_number(eps, "eps")
        super().__init__(lr)

    def _new_state(self, params):
        return ([np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params])

    def _update(self, params, grads):
        c1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, *self.state):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


OPTIMIZERS = {"gd": GradientDescent, "sgd": GradientDescent, "momentum": Momentum, "adam": Adam}


def get(name, lr=0.1):
    """A new optimiser called ``name`` ("gd" or "sgd", "momentum", "adam") with learning rate
    ``lr``; an Optimizer object is returned unchanged (with its own lr and state).

    Taught in notebook 06_iris_classification.
    """
    if isinstance(name, Optimizer):
        return name
    return named(name, "optimizer", OPTIMIZERS, Optimizer)(lr)
