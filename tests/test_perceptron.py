"""nnlib.Perceptron: the rule by hand, a separable set learnt, XOR never, errors."""

import numpy as np
import pytest

from nnlib import Perceptron

XOR_X, XOR_Y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float), np.array([0, 1, 1, 0])


def test_start_and_predict():
    p = Perceptron(3, seed=0)
    assert p.w.shape == (3,) and isinstance(p.b, float) and p.b == 0.0
    np.testing.assert_array_equal(p.w, Perceptron(3, seed=0).w)
    p.w[:] = [1.0, -1.0, 0.0]
    pred = p.predict([[2.0, 1.0, 5.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    assert pred.dtype == np.int64
    np.testing.assert_array_equal(pred, [1, 0, 1])           # z = 1, −1, 0 (step(0) = 1)


def test_update_is_the_perceptron_rule():
    p = Perceptron(2)
    p.w[:] = 0.0
    assert p.update([1.0, 2.0], 0, lr=0.5) is True          # z = 0 → ŷ = 1, wrong
    np.testing.assert_allclose(p.w, [-0.5, -1.0])
    assert p.b == -0.5
    assert p.update([1.0, 2.0], 0, lr=0.5) is False         # now right: nothing moves
    np.testing.assert_allclose(p.w, [-0.5, -1.0])
    assert p.update([1.0, 0.0], 1) is True
    np.testing.assert_allclose(p.w, [0.5, -1.0])
    assert p.b == 0.5


def test_fit_matches_repeated_updates():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10)
    a, b = Perceptron(2, seed=5), Perceptron(2, seed=5)
    history = a.fit(X, y, lr=0.3, epochs=3)
    counts = [sum(b.update(x, t, lr=0.3) for x, t in zip(X, y)) for _ in range(len(history.mistakes))]
    assert history.mistakes == counts
    np.testing.assert_allclose(a.w, b.w)
    assert a.b == pytest.approx(b.b)


def test_learns_a_separable_set_and_stops():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(100, 2))
    X = X[np.abs(X @ [2.0, -1.0] + 0.3) > 0.1]          # a margin around the true line
    y = (X @ [2.0, -1.0] + 0.3 > 0).astype(int)
    p = Perceptron(2)
    history = p.fit(X, y, epochs=1000)
    assert history.mistakes[-1] == 0 and history.mistakes[0] > 0 and len(history.mistakes) < 1000
    np.testing.assert_array_equal(p.predict(X), y)


def test_cannot_learn_xor():
    p = Perceptron(2)
    history = p.fit(XOR_X, XOR_Y, epochs=200)
    assert len(history.mistakes) == 200 and min(history.mistakes) > 0
    assert np.any(p.predict(XOR_X) != XOR_Y)


def test_repr():
    p = Perceptron(2)
    p.w[:] = [0.5, -2.0]
    p.b = 1.25
    assert repr(p) == "Perceptron(n_inputs=2, w=[0.5, -2], b=1.25)"


def test_bad_input():
    p = Perceptron(2)
    with pytest.raises(ValueError, match="n_inputs must be a positive whole number; received 0"):
        Perceptron(0)
    with pytest.raises(ValueError, match=r"y must be in 0..1 for 2 classes; received a label 2"):
        p.fit(XOR_X, [0, 1, 2, 0])
    with pytest.raises(ValueError, match=r"X must have 2 column\(s\)"):
        p.predict([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="X and y must have the same number of samples"):
        p.fit(XOR_X, [0, 1, 1])
    with pytest.raises(ValueError, match="lr must be a positive number; received -1"):
        p.update([1.0, 2.0], 1, lr=-1)
    with pytest.raises(ValueError, match="x must have 2 element"):
        p.update([1.0, 2.0, 3.0], 1)
    with pytest.raises(ValueError, match="epochs must be a positive whole number"):
        p.fit(XOR_X, XOR_Y, epochs=0)
