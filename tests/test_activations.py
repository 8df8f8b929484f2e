"""nnlib.activations: hand values, derivatives against finite differences, stability, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import activations as act
from nnlib.gradcheck import numerical_gradient

ELEMENTWISE = ["sigmoid", "tanh", "relu", "identity"]


def test_hand_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid_derivative(0.0) == 0.25
    assert act.sigmoid(np.log(3.0)) == pytest.approx(0.75)
    assert act.tanh_derivative(0.0) == 1.0
    assert act.tanh(np.log(2.0)) == pytest.approx(0.6)          # (2 − 1/2) / (2 + 1/2)
    np.testing.assert_array_equal(act.step([-1.0, 0.0, 2.0]), [0, 1, 1])
    np.testing.assert_array_equal(act.step_derivative([-1.0, 2.0]), [0, 0])
    np.testing.assert_array_equal(act.relu([-1.0, 0.0, 2.0]), [0, 0, 2])
    np.testing.assert_array_equal(act.relu_derivative([-1.0, 0.0, 2.0]), [0, 0, 1])
    np.testing.assert_array_equal(act.identity([-3.0, 4.0]), [-3, 4])
    np.testing.assert_array_equal(act.identity_derivative([-3.0, 4.0]), [1, 1])


def test_softmax_hand_values_and_jacobian():
    z = np.log([[1.0, 2.0, 5.0]])
    np.testing.assert_allclose(act.softmax(z), [[0.125, 0.25, 0.625]])
    np.testing.assert_allclose(act.softmax(z + 100.0), [[0.125, 0.25, 0.625]])  # shift-invariant
    s = np.array([0.125, 0.25, 0.625])
    np.testing.assert_allclose(act.softmax_derivative(z)[0], np.diag(s) - np.outer(s, s))
    np.testing.assert_allclose(act.log_softmax(z), np.log([[0.125, 0.25, 0.625]]))


@pytest.mark.parametrize("name", ELEMENTWISE)
@settings(max_examples=30, deadline=None)
@given(z=arrays(np.float64, st.integers(1, 6), elements=st.floats(-5, 5)))
def test_derivative_matches_finite_differences(name, z):
    g = act.get(name)
    if name == "relu":
        z = z[np.abs(z) > 1e-3]                      # the kink at 0 has no derivative
        if z.size == 0:
            return
    numeric = numerical_gradient(lambda x: float(np.sum(g.f(x))), z.copy())
    np.testing.assert_allclose(g.df(z), numeric, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(z=arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 5)),
                elements=st.floats(-30, 30)))
def test_softmax_rows_sum_to_one_and_jacobian_matches(z):
    s = act.softmax(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    jac = act.softmax_derivative(z)
    for j in range(z.shape[1]):                      # column j of each row's Jacobian: ∂s/∂z_j
        row = z[:1].copy()
        numeric = numerical_gradient(lambda x: float(act.softmax(x)[0] @ np.eye(z.shape[1])[j]), row)
        np.testing.assert_allclose(jac[0][j], numeric[0], atol=1e-7)


@pytest.mark.parametrize("name", ["step", "sigmoid", "tanh", "relu", "identity", "softmax"])
def test_stable_at_large_z(name):
    z = np.array([[-1e4, 0.0, 1e4], [1e4, 1e4, -1e4]])
    g = act.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, d = g.f(z), g.df(z)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(d))
    if name == "sigmoid":
        np.testing.assert_array_equal(out[0], [0.0, 0.5, 1.0])
    if name == "softmax":
        np.testing.assert_allclose(out.sum(axis=1), 1.0)
        np.testing.assert_allclose(out[1], [0.5, 0.5, 0.0])
        assert np.all(np.isfinite(act.log_softmax(z)))
        assert act.log_softmax(z)[0, 0] == pytest.approx(-2e4)


def test_get_and_activation_objects():
    relu = act.get("relu")
    assert relu.name == "relu" and repr(relu) == "Activation('relu')"
    assert act.get(relu) is relu
    np.testing.assert_array_equal(relu(np.array([-2.0, 3.0])), [0, 3])
    buggy = act.Activation("relu (buggy)", act.relu, lambda z: act.relu(z))
    assert act.get(buggy) is buggy
    np.testing.assert_array_equal(buggy.df([-1.0, 3.0]), [0, 3])


def test_bad_input():
    with pytest.raises(ValueError, match="unknown activation 'relux'; expected one of: "):
        act.get("relux")
    with pytest.raises(ValueError, match="activation must be a name or an Activation"):
        act.get(3)
    with pytest.raises(ValueError, match="z must be finite; received 1 NaN"):
        act.sigmoid([0.0, np.nan])
    with pytest.raises(ValueError, match="z must contain numbers only"):
        act.relu(["a", "b"])
    with pytest.raises(ValueError, match="Activation needs a name"):
        act.Activation("mine", np.tanh, "not a function")
