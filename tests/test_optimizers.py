"""nnlib.optimizers: updates against hand-computed values, state, in-place updates, errors."""

import numpy as np
import pytest

from nnlib import MLP, optimizers


def _pair():
    return [np.array([1.0, 2.0]), np.array([[0.5]])], [np.array([0.5, -1.0]), np.array([[2.0]])]


def test_gradient_descent_in_place():
    params, grads = _pair()
    first = params[0]
    optimizers.GradientDescent(0.1).step(params, grads)
    assert params[0] is first
    np.testing.assert_allclose(params[0], [0.95, 2.1])
    np.testing.assert_allclose(params[1], [[0.3]])


def test_momentum_two_steps():
    params, grads = _pair()
    opt = optimizers.Momentum(0.1, beta=0.5)
    opt.step(params, grads)                       # v = g = [0.5, -1]
    np.testing.assert_allclose(params[0], [0.95, 2.1])
    opt.step(params, [np.array([1.0, 0.0]), np.array([[0.0]])])   # v = 0.5·[0.5, -1] + [1, 0]
    np.testing.assert_allclose(params[0], [0.95 - 0.1 * 1.25, 2.1 + 0.1 * 0.5])
    np.testing.assert_allclose(params[1], [[0.3 - 0.1 * 1.0]])


def test_adam_two_steps():
    params, grads = _pair()
    opt = optimizers.Adam(0.01)
    opt.step(params, grads)                       # m̂ = g, v̂ = g² → step lr · sign(g)
    np.testing.assert_allclose(params[0], [0.99, 2.01], rtol=1e-7)
    g2 = np.array([1.0, 0.0])
    opt.step(params, [g2, np.array([[2.0]])])
    m = 0.9 * 0.1 * np.array([0.5, -1.0]) + 0.1 * g2
    v = 0.999 * 0.001 * np.array([0.25, 1.0]) + 0.001 * g2 ** 2
    expected = np.array([0.99, 2.01]) - 0.01 * (m / 0.19) / (np.sqrt(v / (1 - 0.999 ** 2)) + 1e-8)
    np.testing.assert_allclose(params[0], expected, rtol=1e-7)
    assert opt.t == 2


def test_reset_forgets_state():
    params, grads = _pair()
    opt = optimizers.Momentum(0.1)
    opt.step(params, grads)
    opt.reset()
    assert opt.t == 0 and opt.state is None
    before = params[0].copy()
    opt.step(params, grads)
    np.testing.assert_allclose(params[0], before - 0.1 * grads[0])


def test_fit_keeps_optimizer_state_across_calls():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(20, 3)), np.eye(2)[rng.integers(0, 2, 20)]
    a = MLP([3, 4, 2], hidden="tanh", output="softmax", loss="cross_entropy")
    b = MLP([3, 4, 2], hidden="tanh", output="softmax", loss="cross_entropy")
    adam = optimizers.Adam(0.05)
    a.fit(X, Y, epochs=5, optimizer=adam)
    a.fit(X, Y, epochs=5, optimizer=adam)
    b.fit(X, Y, epochs=10, optimizer=optimizers.Adam(0.05))
    for p, q in zip(a.params, b.params):
        np.testing.assert_allclose(p, q)
    c = MLP([3, 4, 2], hidden="tanh", output="softmax", loss="cross_entropy")
    c.fit(X, Y, epochs=5, optimizer="adam", lr=0.05)
    c.fit(X, Y, epochs=5, optimizer="adam", lr=0.05)      # a name: a fresh Adam each call
    assert not np.allclose(c.params[0], b.params[0])


def test_get_and_repr():
    assert isinstance(optimizers.get("gd", 0.1), optimizers.GradientDescent)
    assert isinstance(optimizers.get("sgd", 0.1), optimizers.GradientDescent)
    assert isinstance(optimizers.get("momentum", 0.1), optimizers.Momentum)
    adam = optimizers.get("adam", 0.01)
    assert repr(adam) == "Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)"
    assert optimizers.get(adam, 0.5) is adam and adam.lr == 0.01
    assert repr(optimizers.Momentum(0.1)) == "Momentum(lr=0.1, beta=0.9)"
    assert repr(optimizers.GradientDescent(0.5)) == "GradientDescent(lr=0.5)"


def test_bad_input():
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'; expected one of: adam, gd"):
        optimizers.get("rmsprop", 0.1)
    with pytest.raises(ValueError, match="lr must be a positive number; received -1"):
        optimizers.Adam(-1)
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\); received 1.5"):
        optimizers.Momentum(0.1, beta=1.5)
    params, grads = _pair()
    with pytest.raises(ValueError, match="params and grads must be aligned lists; received 2 "
                                         "parameter"):
        optimizers.GradientDescent(0.1).step(params, grads[:1])
    with pytest.raises(ValueError, match=r"grads\[1\] must be shaped like params\[1\]"):
        optimizers.Adam(0.1).step(params, [grads[0], np.zeros(3)])
