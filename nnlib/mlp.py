"""The multi-layer perceptron: layers Z = A_prev W + b, A = g(Z), trained by backpropagation.

Notebook 04 builds forward and backward passes step by step and checks them against finite
differences; notebook 06 trains one on Iris. Shapes: X (m, n), W of layer l (n_{l-1}, n_l),
b (n_l,), Z and A (m, n_l), ŷ = A of the last layer (m, n_out).
"""

import numpy as np

from . import activations, losses, optimizers
from ._checks import as_matrix, choice, positive_number, targets


class History:
    """Per-epoch records of a training run: ``loss`` (and ``accuracy`` for classification).

    Lists of floats, one per epoch; ``history["loss"]`` works too.

    Taught in notebook 06_iris_classification.
    """

    def __init__(self, *keys):
        self.keys = keys
        for key in keys:
            setattr(self, key, [])

    def __getitem__(self, key):
        return getattr(self, choice(key, "history key", self.keys))

    def __len__(self):
        return len(getattr(self, self.keys[0])) if self.keys else 0

    def __repr__(self):
        parts = [f"{k} {getattr(self, k)[0]:.4g} → {getattr(self, k)[-1]:.4g}"
                 for k in self.keys if getattr(self, k)]
        return f"History({len(self)} epochs{': ' if parts else ''}{', '.join(parts)})"


def _initial_std(kind, n_in, n_out, activation):
    if kind is None:
        kind = "he" if activation.name == "relu" else "glorot"
    if kind == "he":
        return np.sqrt(2.0 / n_in)
    if kind in ("glorot", "xavier"):
        return np.sqrt(2.0 / (n_in + n_out))
    return positive_number(kind, "init (\"he\", \"glorot\" or a standard deviation)")


class MLP:
    """A fully connected network, e.g. ``MLP([4, 16, 3], hidden="relu", output="softmax",
    loss="cross_entropy")``: 4 inputs, one hidden layer of 16, 3 outputs.

    ``hidden``/``output``: activation names or ``activations.Activation`` objects; ``loss``:
    "mse", "binary_cross_entropy" (needs a sigmoid output) or "cross_entropy" (softmax output,
    one-hot targets). ``params`` is the list [W1, b1, W2, b2, ...] ([W1, W2, ...] without bias):
    the network computes with these very arrays, so changing one in place changes the network.

    Initialisation (seeded with ``np.random.default_rng(seed)``; biases start at 0): weights are
    normal with standard deviation √(2/n_in) (He) for layers followed by ReLU, which zeroes half
    its inputs and so halves the variance; √(2/(n_in + n_out)) (Glorot/Xavier) for sigmoid, tanh,
    identity and softmax layers, which keeps the variance of Z about the same forwards and of the
    gradients backwards, so the sigmoid/tanh start in their steep middle and do not saturate.
    ``init="he"``, ``"glorot"`` or a number (the standard deviation) overrides the choice.

    Taught in notebooks 03_gradient_descent, 04_backpropagation, 06_iris_classification.
    """

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", loss="mse", bias=True,
                 seed=0, init=None):
        self.sizes = self._check_sizes(sizes)
        self.hidden, self.output = activations.get(hidden), activations.get(output)
        self.loss_fn, self.bias = losses.get(loss), bool(bias)
        self._check_combination()
        self._combined = self.loss_fn.output_and_cost is not None
        self.layers = [self.hidden] * (len(self.sizes) - 2) + [self.output]
        rng = np.random.default_rng(seed)
        self.params = []
        for n_in, n_out, g in zip(self.sizes[:-1], self.sizes[1:], self.layers):
            self.params.append(rng.standard_normal((n_in, n_out)) * _initial_std(init, n_in, n_out, g))
            if self.bias:
                self.params.append(np.zeros(n_out))

    @staticmethod
    def _check_sizes(sizes):
        try:
            sizes = [positive_number(n, "each layer size", integer=True) for n in sizes]
        except TypeError:
            raise ValueError(f"sizes must be a list of layer sizes such as [4, 16, 3]; "
                             f"received {sizes!r}") from None
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least 2 entries (inputs, outputs); received {sizes}")
        return sizes

    def _check_combination(self):
        for role, g in (("hidden", self.hidden), ("output", self.output)):
            if g.name == "step":
                raise ValueError(f"a step {role} activation cannot be trained by backpropagation: "
                                 "its derivative is 0 everywhere (use sigmoid, or nnlib.Perceptron)")
        need = self.loss_fn.output
        if need is not None and self.output.name != need:
            raise ValueError(f"loss {self.loss_fn.name} needs a {need} output activation; "
                             f"received output={self.output.name}")
        if self.output.name == "softmax" and self.sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 outputs (with one it is always 1); "
                             f"received sizes {self.sizes}")

    @property
    def weights(self):
        """[W1, W2, ...], the weight matrices (the same arrays as in ``params``)."""
        return self.params[::2] if self.bias else list(self.params)

    @property
    def biases(self):
        """[b1, b2, ...] (an empty list when ``bias=False``)."""
        return self.params[1::2] if self.bias else []

    def _forward(self, X, Y=None):
        """Zs and As of every layer, As[0] = X, and the cost J when Y is given; no input checks."""
        Zs, As, step = [], [X], 2 if self.bias else 1
        for i, g in enumerate(self.layers):
            Z = As[-1] @ self.params[step * i]
            if self.bias:
                Z += self.params[step * i + 1]
            Zs.append(Z)
            if Y is not None and self._combined and i == len(self.layers) - 1:
                A, J = self.loss_fn.output_and_cost(Y, Z)    # stable, one pass
                As.append(A)
                return Zs, As, J
            As.append(g._f(Z))
        return (Zs, As) if Y is None else (Zs, As, self.loss_fn._f(Y, As[-1]))

    def _backward(self, Y, Zs, As):
        """Gradients of the cost, aligned with params; no input checks."""
        if self._combined:
            delta = self.loss_fn.delta(Y, As[-1])           # (ŷ − Y)/m: softmax/sigmoid + CE
        else:
            delta = self.output._vjp(Zs[-1], As[-1], self.loss_fn._gradient(Y, As[-1]))
        grads, step = [None] * len(self.params), 2 if self.bias else 1
        for i in range(len(self.layers) - 1, -1, -1):
            grads[step * i] = As[i].T @ delta               # ∂J/∂W = A_prevᵀ δ
            if self.bias:
                grads[step * i + 1] = delta.sum(axis=0)     # ∂J/∂b = Σ_rows δ
            if i > 0:                                       # δ_prev = (δ Wᵀ) ⊙ g'(Z_prev)
                delta = self.layers[i - 1]._vjp(Zs[i - 1], As[i], delta @ self.params[step * i].T)
        return grads

    def _inputs(self, X, Y=None):
        X = as_matrix(X, "X", n_cols=self.sizes[0])
        if Y is None:
            return X
        return X, targets(Y, X.shape[0], self.sizes[-1], self.loss_fn.name)

    def forward(self, X):
        """ŷ = the last layer's A for X (m, n) → (m, n_out). Notebook 04."""
        return self._forward(self._inputs(X))[1][-1]

    def forward_cache(self, X):
        """Every intermediate: a list with one ``(Z, A)`` pair per layer, each (m, n_l)."""
        Zs, As = self._forward(self._inputs(X))
        return list(zip(Zs, As[1:]))

    def loss(self, X, Y):
        """J, the mean loss of the batch (float). Y (m, n_out), or (m,) with one output."""
        X, Y = self._inputs(X, Y)
        return self._forward(X, Y)[2]

    def backward(self, X, Y):
        """∂J/∂θ for every θ in ``params`` (same order and shapes), by backpropagation."""
        X, Y = self._inputs(X, Y)
        return self._backward(Y, *self._forward(X))

    def step(self, X, Y, lr):
        """One gradient-descent step on the batch: θ ← θ − α ∂J/∂θ, in place; returns J before."""
        X, Y = self._inputs(X, Y)
        lr = positive_number(lr, "lr")
        Zs, As, J = self._forward(X, Y)
        for p, g in zip(self.params, self._backward(Y, Zs, As)):
            p -= lr * g
        return J

    def predict(self, X):
        """ŷ for X: (m, n_out), or (m,) when there is one output."""
        y_hat = self.forward(X)
        return y_hat[:, 0] if self.sizes[-1] == 1 else y_hat

    def predict_classes(self, X):
        """Class labels (m,) ints: argmax of ŷ, or ŷ ≥ 0.5 with one (sigmoid) output."""
        y_hat = self.forward(X)
        if self.sizes[-1] == 1:
            return (y_hat[:, 0] >= 0.5).astype(np.int64)
        return y_hat.argmax(axis=1)

    @property
    def n_parameters(self):
        """The number of trainable numbers."""
        return int(sum(p.size for p in self.params))

    def save(self, path):
        """Write the architecture and params to an ``.npz`` file (plain arrays, no pickle)."""
        for g in (self.hidden, self.output, self.loss_fn):
            if g is not activations.ACTIVATIONS.get(g.name, losses.LOSSES.get(g.name)):
                raise ValueError(f"only built-in activations and losses can be saved; "
                                 f"received the custom {g!r}")
        names = {k: np.array(getattr(self, a).name) for k, a in
                 (("hidden", "hidden"), ("output", "output"), ("loss", "loss_fn"))}
        np.savez(path, sizes=np.array(self.sizes), bias=np.array(self.bias), **names,
                 **{f"param_{i}": p for i, p in enumerate(self.params)})

    @classmethod
    def load(cls, path):
        """The network stored by ``save(path)`` (read with ``allow_pickle=False``)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                config = {"sizes": data["sizes"].tolist(), "bias": bool(data["bias"]),
                          **{k: str(data[k]) for k in ("hidden", "output", "loss")}}
                arrays = [data[f"param_{i}"] for i in range(len(data.files) - 5)]
        except (OSError, KeyError, ValueError) as err:
            raise ValueError(f"{path} must be a network file written by MLP.save; "
                             f"received one that cannot be read ({err})") from None
        net = cls(**config)
        if [a.shape for a in arrays] != [p.shape for p in net.params]:
            raise ValueError(f"{path} holds parameters that do not match sizes {net.sizes}")
        for p, a in zip(net.params, arrays):
            p[...] = a
        return net

    def fit(self, X, Y, lr=0.1, epochs=100, batch_size=None, seed=0, optimizer="gd",
            callback=None, shuffle=True):
        """Train; returns a ``History`` (see ``_training.fit``). Notebooks 03-06."""
        from ._training import fit
        return fit(self, X, Y, lr, epochs, batch_size, seed, optimizer, callback, shuffle)

    def __repr__(self):
        parts = [f"hidden={self.hidden.name}"] if len(self.sizes) > 2 else []
        parts += [f"output={self.output.name}", f"loss={self.loss_fn.name}"]
        parts += [] if self.bias else ["bias=False"]
        return f"MLP({self.sizes}, {', '.join(parts)}, {self.n_parameters} parameters)"
