"""The training loop behind ``MLP.fit``: lean, so a notebook can train on every slider move."""

import math

import numpy as np

from . import optimizers
from ._checks import positive_number
from .mlp import History


def _class_labels(net, Y):
    """Target labels when accuracy makes sense (sigmoid/softmax output, 0/1 targets), else None."""
    if net.output.name not in ("sigmoid", "softmax") or np.any((Y != 0) & (Y != 1)):
        return None
    if Y.shape[1] == 1:
        return Y[:, 0] >= 0.5
    return Y.argmax(axis=1) if np.all(Y.sum(axis=1) == 1) else None


def _n_correct(A, labels):
    if A.shape[1] == 1:
        return np.count_nonzero((A[:, 0] >= 0.5) == labels)
    return np.count_nonzero(A.argmax(axis=1) == labels)


def fit(net, X, Y, lr=0.1, epochs=100, batch_size=None, seed=0, optimizer="gd", callback=None,
        shuffle=True):
    """Train ``net`` on (X, Y) for ``epochs`` passes; returns a ``History``.

    Each epoch: for every batch (all of X when ``batch_size`` is None; otherwise batches of
    ``batch_size`` rows, shuffled each epoch with ``np.random.default_rng(seed)`` when
    ``shuffle``), forward → cost J → backward → optimiser step. ``optimizer`` is "gd"/"sgd",
    "momentum", "adam" (made with ``lr``) or an optimiser object, which keeps its state across
    calls (so training a few epochs at a time continues smoothly; its own lr is used).

    The history records per epoch the mean cost of the batches as they were seen (before each
    update: no extra forward pass), and for classification (sigmoid/softmax output, 0/1 or one-hot
    Y) the fraction classified right. ``callback(epoch, net, history)``, with ``epoch`` counting
    from 0, is called after each epoch; returning True stops training. Training also stops when
    the cost stops being finite (too large a learning rate): ``history.diverged`` is then True.
    """
    X, Y = net._inputs(X, Y)
    epochs = positive_number(epochs, "epochs", integer=True)
    m = X.shape[0]
    bs = m if batch_size is None else min(positive_number(batch_size, "batch_size", True), m)
    opt = optimizers.get(optimizer, lr)
    params = net.params
    opt._prepare(params)
    labels = _class_labels(net, Y)
    history = History("loss") if labels is None else History("loss", "accuracy")
    history.diverged = False
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(epochs):
            if bs == m:
                Zs, As, J = net._forward(X, Y)
                opt._step(params, net._backward(Y, Zs, As))
                correct = 0 if labels is None else _n_correct(As[-1], labels)
            else:
                J, correct = _epoch_batches(net, opt, X, Y, labels, bs, rng, shuffle)
            history.loss.append(J)
            if labels is not None:
                history.accuracy.append(correct / m)
            if not math.isfinite(J):
                history.diverged = True
                break
            if callback is not None and callback(epoch, net, history):
                break
    return history


def _epoch_batches(net, opt, X, Y, labels, bs, rng, shuffle):
    """One epoch of mini-batches; returns (mean cost over samples, number right)."""
    m = X.shape[0]
    order = rng.permutation(m) if shuffle else np.arange(m)
    total, correct = 0.0, 0
    for start in range(0, m, bs):
        idx = order[start:start + bs]
        Xb, Yb = X[idx], Y[idx]
        Zs, As, J = net._forward(Xb, Yb)
        total += J * len(idx)
        opt._step(net.params, net._backward(Yb, Zs, As))
        if labels is not None:
            correct += _n_correct(As[-1], labels[idx])
    return total / m, correct
