"""nnlib.losses: the source articles' values, hand values, gradients, stability, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import activations, losses
from nnlib.gradcheck import numerical_gradient


def test_mse_source_values():
    assert losses.mse([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5          # article 001
    assert losses.mse([1, 0, 0, 1], [1, 0, 0, 1]) == 0.0
    assert losses.mse([[1.0, 2.0]], [[2.0, 4.0]]) == 2.5          # mean over all elements
    np.testing.assert_allclose(losses.mse_gradient([1, 0, 0, 1], [0, 0, 0, 0]), [-0.5, 0, 0, -0.5])


def test_cross_entropy_hand_values():
    y = np.array([[0, 1, 0], [1, 0, 0]])
    p = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    assert losses.cross_entropy(y, p) == pytest.approx(-(np.log(0.7) + np.log(0.5)) / 2)
    np.testing.assert_allclose(losses.cross_entropy_gradient(y, p),
                               [[0, -1 / 1.4, 0], [-1 / 1.0, 0, 0]])
    assert losses.binary_cross_entropy([1, 0], [0.8, 0.4]) == pytest.approx(
        -(np.log(0.8) + np.log(0.6)) / 2)
    z = np.log([[1.0, 2.0, 5.0]])
    assert losses.softmax_cross_entropy([[0, 0, 1]], z) == pytest.approx(-np.log(0.625))
    np.testing.assert_allclose(losses.softmax_cross_entropy_gradient([[0, 0, 1]], z),
                               [[0.125, 0.25, -0.375]])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.integers(1, 5), k=st.integers(2, 4))
def test_gradients_match_finite_differences(seed, m, k):
    rng = np.random.default_rng(seed)
    Y = np.eye(k)[rng.integers(0, k, m)]
    P = rng.uniform(0.05, 0.95, (m, k))
    Z = rng.normal(0, 3, (m, k))
    cases = [(losses.mse, losses.mse_gradient, rng.normal(size=(m, k)), rng.normal(size=(m, k))),
             (losses.binary_cross_entropy, losses.binary_cross_entropy_gradient, Y, P),
             (losses.cross_entropy, losses.cross_entropy_gradient, Y, P),
             (losses.softmax_cross_entropy, losses.softmax_cross_entropy_gradient, Y, Z),
             (losses.sigmoid_binary_cross_entropy, losses.sigmoid_binary_cross_entropy_gradient,
              Y, Z)]
    for f, grad, y, x in cases:
        numeric = numerical_gradient(lambda v: f(y, v), x.copy())
        np.testing.assert_allclose(grad(y, x), numeric, rtol=1e-5, atol=1e-8)


def test_combined_forms_equal_the_two_step_forms():
    rng = np.random.default_rng(1)
    Y, Z = np.eye(3)[[0, 2, 1, 1]], rng.normal(size=(4, 3))
    assert losses.softmax_cross_entropy(Y, Z) == pytest.approx(
        losses.cross_entropy(Y, activations.softmax(Z)))
    assert losses.sigmoid_binary_cross_entropy(Y, Z) == pytest.approx(
        losses.binary_cross_entropy(Y, activations.sigmoid(Z)))


def test_stable_at_large_logits():
    Y, Z = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[-1e4, 1e4], [-1e4, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert losses.softmax_cross_entropy(Y, Z) == pytest.approx(1e4)   # (2e4 + 0) / 2
        assert losses.sigmoid_binary_cross_entropy(Y, Z) == pytest.approx(5e3)   # 2e4 / 4
        np.testing.assert_allclose(losses.softmax_cross_entropy_gradient(Y, Z),
                                   [[-0.5, 0.5], [0, 0]])
        assert np.isfinite(losses.cross_entropy(Y, [[0.0, 1.0], [0.0, 1.0]]))
        assert np.isfinite(losses.binary_cross_entropy([1.0, 0.0], [0.0, 1.0]))
        assert np.all(np.isfinite(losses.binary_cross_entropy_gradient([1.0, 0.0], [0.0, 1.0])))


def test_get():
    ce = losses.get("cross_entropy")
    assert ce.name == "cross_entropy" and ce.output == "softmax" and repr(ce) == "Loss('cross_entropy')"
    assert losses.get(ce) is ce
    assert losses.get("mse")([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5


def test_bad_input():
    with pytest.raises(ValueError, match=r"y and y_hat must have the same non-empty shape; "
                                         r"received \(2,\) and \(3,\)"):
        losses.mse([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="y must be one-hot"):
        losses.cross_entropy([[0.5, 0.5]], [[0.5, 0.5]])
    with pytest.raises(ValueError, match=r"y_hat must hold probabilities in \[0, 1\]"):
        losses.binary_cross_entropy([1, 0], [1.5, 0.2])
    with pytest.raises(ValueError, match="y_hat must be finite"):
        losses.mse([1.0], [np.inf])
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        losses.get("hinge")
    with pytest.raises(ValueError, match="loss must be a name or a Loss"):
        losses.get(None)


def test_the_chain_rule_through_the_softmax_jacobian_gives_the_combined_delta():
    """Notebook 06's derivation, step by step: ∂L/∂ŷ (cross_entropy_gradient, times m) through
    the softmax Jacobian (ŷ_k(1 − ŷ_k) on the diagonal, −ŷ_k ŷ_j off it) is ŷ − y, and sigmoid's
    σ′ cancels the same way."""
    rng = np.random.default_rng(7)
    Z = rng.normal(0, 2, (5, 3))
    Y = np.eye(3)[[0, 2, 1, 1, 0]]
    P = activations.softmax(Z)
    jac = activations.softmax_derivative(Z)                          # (m, k, k): [i, k, j]
    np.testing.assert_allclose(jac[0], np.diag(P[0]) - np.outer(P[0], P[0]))
    dL_dp = losses.cross_entropy_gradient(Y, P) * len(Y)             # −y/ŷ per sample
    chained = np.einsum("ik,ikj->ij", dL_dp, jac)
    np.testing.assert_allclose(chained, P - Y, atol=1e-12)
    np.testing.assert_allclose(losses.softmax_cross_entropy_gradient(Y, Z), (P - Y) / len(Y))
    y, z = np.array([1.0, 0.0, 1.0]), np.array([-3.0, 0.5, 2.0])
    s = activations.sigmoid(z)
    dL_ds = losses.binary_cross_entropy_gradient(y, s) * y.size
    np.testing.assert_allclose(dL_ds * activations.sigmoid_derivative(z), s - y, atol=1e-12)
