"""Rosenblatt's perceptron: ŷ = step(x · w + b), trained by the perceptron rule. Notebook 01.

The rule, for one sample x with label y in {0, 1}: w ← w + α (y − ŷ) x, b ← b + α (y − ŷ).
Nothing changes when the sample is classified right; a mistake moves the line towards it.
It finds a separating line when one exists, and keeps making mistakes forever on XOR.
"""

import numpy as np

from ._checks import as_labels, as_matrix, as_vector, positive_number, same_rows
from .activations import _step
from .mlp import History


class Perceptron:
    """One neuron with a step activation: weights ``w`` (n_inputs,), bias ``b`` (float).

    ``w`` starts small and random (normal, standard deviation 0.01, from
    ``np.random.default_rng(seed)``), ``b`` at 0.
    """

    def __init__(self, n_inputs, seed=0):
        self.n_inputs = positive_number(n_inputs, "n_inputs", integer=True)
        self.w = np.random.default_rng(seed).normal(0.0, 0.01, self.n_inputs)
        self.b = 0.0

    def net_input(self, X):
        """z = X w + b for X (m, n) → (m,) (a 1-D x is one sample)."""
        X = as_matrix(X, "X", n_cols=self.n_inputs)
        return X @ self.w + self.b

    def predict(self, X):
        """ŷ = step(X w + b): (m,) ints 0 or 1 (1 where z ≥ 0)."""
        return _step(self.net_input(X)).astype(np.int64)

    def update(self, x, y, lr=1.0):
        """Apply the perceptron rule once to the sample ``x`` (n,) with label ``y`` (0 or 1).

        Returns True when x was misclassified (and so w and b moved), False otherwise.
        """
        x = as_vector(x, "x", length=self.n_inputs)
        y = int(as_labels([y], "y", n_classes=2)[0])
        lr = positive_number(lr, "lr")
        error = y - int(_step(x @ self.w + self.b))
        if error:
            self.w += lr * error * x
            self.b += lr * error
        return bool(error)

    def fit(self, X, y, lr=1.0, epochs=100):
        """Sweep the samples in order ``epochs`` times, applying ``update`` to each.

        Returns a ``History`` whose ``mistakes`` list holds the mistakes made in each epoch;
        training stops after the first epoch without a mistake (every sample right).
        """
        X = as_matrix(X, "X", n_cols=self.n_inputs)
        y = as_labels(y, "y", n_classes=2)
        same_rows(X, y, "X", "y")
        lr = positive_number(lr, "lr")
        epochs = positive_number(epochs, "epochs", integer=True)
        history = History("mistakes")
        for _ in range(epochs):
            mistakes = 0
            for x_i, y_i in zip(X, y):
                error = y_i - (x_i @ self.w + self.b >= 0)
                if error:
                    self.w += lr * error * x_i
                    self.b += lr * float(error)
                    mistakes += 1
            history.mistakes.append(mistakes)
            if mistakes == 0:
                break
        return history

    def __repr__(self):
        w = ", ".join(f"{v:.3g}" for v in self.w)
        return f"Perceptron(n_inputs={self.n_inputs}, w=[{w}], b={self.b:.3g})"
