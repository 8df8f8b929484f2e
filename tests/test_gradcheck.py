"""nnlib.gradcheck: finite differences, relative error, and catching a wrong derivative."""

import numpy as np
import pytest

from nnlib import MLP, activations
from nnlib import gradcheck
from nnlib.gradcheck import check_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_a_cubic_restores_x():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    np.testing.assert_allclose(grad, 3 * before ** 2, rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_relative_error_hand_values():
    assert relative_error([1.0, 2.0], [1.0, 2.1]) == pytest.approx(0.1 / 4.1)
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0


def test_correct_backprop_passes_and_buggy_relu_is_caught():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 3)), np.eye(2)[rng.integers(0, 2, 6)]
    good = MLP([3, 5, 2], hidden="relu", output="softmax", loss="cross_entropy", seed=1)
    assert check_gradients(good, X, Y) < 1e-7
    errors = check_gradients(good, X, Y, per_param=True)
    assert len(errors) == 4 and max(errors) < 1e-7
    buggy = activations.Activation("relu (buggy)", activations.relu, lambda z: activations.relu(z))
    bad = MLP([3, 5, 2], hidden=buggy, output="softmax", loss="cross_entropy", seed=1)
    assert check_gradients(bad, X, Y) > 1e-4


def test_default_eps_sits_in_the_good_range():
    lo, hi = gradcheck.GOOD_EPS
    assert lo < gradcheck.DEFAULT_EPS < hi
    assert numerical_gradient.__defaults__ == (gradcheck.DEFAULT_EPS,)
    assert check_gradients.__defaults__ == (gradcheck.DEFAULT_EPS, False)


def test_central_difference_error_truncation_then_rounding():
    """exp at x = 1: the error is e·ε²/6 for large ε (truncation), ~1e-16/ε for tiny ε."""
    exact = np.e

    def error(eps):
        return abs(numerical_gradient(lambda v: float(np.exp(v[0])), np.array([1.0]), eps)[0]
                   - exact)

    for eps in (1e-2, 1e-3):
        assert error(eps) == pytest.approx(exact * eps ** 2 / 6, rel=1e-3)
    assert error(1e-2) / error(1e-3) == pytest.approx(100, rel=1e-2)
    lo, hi = gradcheck.GOOD_EPS
    for eps in (lo, gradcheck.DEFAULT_EPS, 1e-5, hi):
        assert error(eps) / exact < 1e-8                      # good ε: both errors small
    assert error(1e-12) / exact > 1e-6                        # rounding dominates
    assert error(1e-12) > 10 * error(1e-5)


def test_relative_error_of_numbers():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(-0.5, 0.5) == 1.0
    assert relative_error(3.0, 1.0) == pytest.approx(0.5)


def test_bad_input():
    with pytest.raises(ValueError, match="x must be a float64 numpy array"):
        numerical_gradient(lambda v: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="f must be a function of x"):
        numerical_gradient(3, np.zeros(2))
    with pytest.raises(ValueError, match="eps must be a positive number"):
        numerical_gradient(lambda v: 0.0, np.zeros(2), eps=0)
    with pytest.raises(ValueError, match=r"a and b must have the same shape; received \(2,\) and \(3,\)"):
        relative_error([1, 2], [1, 2, 3])
    net = MLP([3, 2, 1])
    with pytest.raises(ValueError, match="X must have 3 column"):
        check_gradients(net, np.zeros((2, 4)), np.zeros(2))


def test_the_table_of_notebook_04_exp_at_zero():
    """Notebook 04 builds the ε trade-off from e^w at 0 (slope 1): error/ε² stays at 1/6 for large
    ε, error·ε stays below about 1e-16 for tiny ε, and the smallest error is in the good range."""
    eps = 10.0 ** -np.arange(1, 13)
    slopes = np.array([numerical_gradient(lambda v: float(np.exp(v[0])), np.array([0.0]), e)[0]
                       for e in eps])
    error = np.abs(slopes - 1.0)
    np.testing.assert_allclose(error[:4] / eps[:4] ** 2, 1 / 6, rtol=1e-3)   # ε = 1e-1 … 1e-4
    assert np.all(error[5:] * eps[5:] < 1e-16)                                # ε = 1e-6 … 1e-12
    lo, hi = gradcheck.GOOD_EPS
    assert lo <= eps[np.argmin(error)] <= hi
    assert error[-1] > 1e3 * error.min()
