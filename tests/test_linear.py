"""nnlib.linear: the linear neuron of notebooks 02-03 — cost, gradient, Hessian, the stability
limit 2/λ_max and a descent run that names divergence — checked by finite differences, hand
computation and the numbers notebook 03 shows."""

import warnings

import numpy as np
import pytest

from nnlib import datasets, linear, losses


@pytest.fixture
def table():
    X, y = datasets.load_linear_table()
    return X, y, np.array(datasets.LINEAR_FIRST_GUESS)


def test_cost_is_the_mse_of_the_prediction_and_216_2_for_the_first_row(table):
    X, y, w0 = table
    assert linear.predict(X, w0)[0] == pytest.approx(0.2 * 3 + 1.4 * 4 + 30 * 7)  # 216.2
    assert linear.cost(X, y, w0) == pytest.approx(losses.mse(y, X @ w0))
    assert linear.cost(X, y, datasets.LINEAR_WEIGHTS) == pytest.approx(0.0, abs=1e-25)
    # by hand: X = [[1, 2]], y = [1], w = [1, 1] → ŷ = 3, J = (3 − 1)² = 4
    assert linear.cost([[1.0, 2.0]], [1.0], [1.0, 1.0]) == 4.0


def test_gradient_matches_finite_differences_and_vanishes_at_the_true_weights(table):
    X, y, w0 = table
    eps = 1e-6
    numeric = [(linear.cost(X, y, w0 + eps * e) - linear.cost(X, y, w0 - eps * e)) / (2 * eps)
               for e in np.eye(3)]
    assert linear.gradient(X, y, w0) == pytest.approx(numeric, rel=1e-6)
    assert linear.gradient(X, y, datasets.LINEAR_WEIGHTS) == pytest.approx([0, 0, 0], abs=1e-12)
    # by hand: X = [[1, 2]], y = [1], w = [1, 1]: (2/1)·[1, 2]ᵀ·(3 − 1) = [4, 8]
    assert linear.gradient([[1.0, 2.0]], [1.0], [1.0, 1.0]) == pytest.approx([4.0, 8.0])


def test_column_shapes_of_the_shared_notation_give_the_same_numbers(table):
    X, y, w0 = table
    g = linear.gradient(X, y[:, None], w0[:, None])
    assert g.shape == (3, 1) and g[:, 0] == pytest.approx(linear.gradient(X, y, w0))
    assert linear.cost(X, y[:, None], w0[:, None]) == pytest.approx(linear.cost(X, y, w0))
    p = linear.descent_path(X, y[:, None], w0[:, None], 0.01, 5)
    assert p.W.shape == (6, 3, 1) and p.G.shape == (5, 3, 1)


def test_hessian_is_2_over_m_xtx_and_the_gradient_changes_by_it(table):
    X, y, w0 = table
    H = linear.hessian(X)
    assert H == pytest.approx(2 / 6 * X.T @ X)
    step = np.array([0.3, -0.2, 0.1])  # a quadratic: the gradient changes exactly by H·Δw
    assert linear.gradient(X, y, w0 + step) - linear.gradient(X, y, w0) == pytest.approx(H @ step)
    assert np.linalg.eigvalsh(H) == pytest.approx([5.7921, 9.5189, 76.0224], rel=1e-4)


def test_eigenvalues_are_the_curvatures_along_the_eigenvectors(table):
    # the notebook's check: a second difference of J along each eigenvector, around the minimum
    X, y, _ = table
    lams, vectors = np.linalg.eigh(linear.hessian(X))
    w, h = np.array(datasets.LINEAR_WEIGHTS), 0.01
    for lam, v in zip(lams, vectors.T):
        J = [linear.cost(X, y, w + t * h * v) for t in (-1, 0, 1)]
        assert (J[0] - 2 * J[1] + J[2]) / h ** 2 == pytest.approx(lam, rel=1e-6)
    # one step along an eigenvector multiplies the distance by exactly 1 − αλ
    lr, v = 0.02, vectors[:, -1]
    p = linear.descent_path(X, y, w + 3.0 * v, lr, 2)
    assert (p.W[2] - w) @ v == pytest.approx(3.0 * (1 - lr * lams[-1]) ** 2)


def test_one_column_ten_times_larger_makes_the_bowl_long_and_narrow(table):
    # section 7's numbers: the ratio λ_max/λ_min goes from 13 to 476, the limit to 0.00065
    X, _, _ = table
    mixed = X * np.array([1.0, 1.0, 10.0])
    lams, lams_mixed = (np.linalg.eigvalsh(linear.hessian(x)) for x in (X, mixed))
    assert lams[-1] / lams[0] == pytest.approx(13.13, abs=0.01)
    assert lams_mixed[-1] / lams_mixed[0] == pytest.approx(476.4, abs=0.1)
    assert linear.largest_stable_lr(mixed) == pytest.approx(0.000645, abs=1e-6)
    best = 2 / (lams_mixed[0] + lams_mixed[-1])
    slow = 1 - best * lams_mixed[0]
    assert slow == pytest.approx(0.9958, abs=1e-4)
    assert np.log(1e-5) / np.log(slow) == pytest.approx(2742, abs=1)


def test_stability_limit_is_two_over_lambda_max_and_separates_converge_from_diverge(table):
    X, y, w0 = table
    limit = linear.largest_stable_lr(X)
    assert limit == pytest.approx(0.026308, rel=1e-4)
    assert linear.largest_stable_lr(10 * X) == pytest.approx(limit / 100)  # inputs × 10
    below = linear.descent_path(X, y, w0, 0.98 * limit, 2000)
    above = linear.descent_path(X, y, w0, 1.02 * limit, 2000)
    assert below.diverged_at is None and below.J[-1] < 1e-6
    assert above.diverged_at is not None


def test_descent_recovers_the_generating_weights_like_least_squares(table):
    X, y, w0 = table
    p = linear.descent_path(X, y, w0, 0.01, 2000)  # the article's 2000 updates
    assert p.W[-1] == pytest.approx(datasets.LINEAR_WEIGHTS, abs=1e-9)
    assert np.linalg.lstsq(X, y, rcond=None)[0] == pytest.approx(p.W[-1], abs=1e-9)
    assert p.diverged_at is None and len(p.J) == 2001 and len(p.G) == 2000


def test_descent_path_records_each_update(table):
    X, y, w0 = table
    p = linear.descent_path(X, y, w0, 0.01, 3)
    for k in range(3):
        assert p.G[k] == pytest.approx(linear.gradient(X, y, p.W[k]))
        assert p.W[k + 1] == pytest.approx(p.W[k] - 0.01 * p.G[k])
        assert p.J[k] == pytest.approx(linear.cost(X, y, p.W[k]))
    assert p.J[1] < p.J[0]


def test_descent_path_stops_at_divergence_without_warnings(table):
    X, y, w0 = table
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = linear.descent_path(X, y, w0, 10.0, 500)
    assert p.diverged_at is not None and p.diverged_at < 10
    assert len(p.J) == p.diverged_at + 1 and np.all(np.isfinite(p.W))
    assert p.J[-1] > linear.BLOWUP * p.J[0] or not np.isfinite(p.J[-1])


def test_descent_from_the_minimum_stays_there_and_is_not_called_diverged(table):
    X, y, _ = table
    p = linear.descent_path(X, y, datasets.LINEAR_WEIGHTS, 0.01, 50)
    assert p.diverged_at is None and np.all(p.J < 1e-25)  # round-off only
    p = linear.descent_path([[1.0]], [2.0], [2.0], 0.1, 5)  # exactly 0 there: J stays 0
    assert p.diverged_at is None and np.all(p.J == 0.0)


@pytest.mark.parametrize("lr, kind", [(1e-4, "crawls"), (0.01, "converges"),
                                      (0.03, "oscillates"), (0.05, "diverges")])
def test_regime_of_the_two_weight_problem(lr, kind):
    X, _ = datasets.load_linear_table()
    lams = np.linalg.eigvalsh(linear.hessian(X[:, 1:]))  # w1 frozen: the demo's problem
    assert 2 / lams[-1] == pytest.approx(0.0388, abs=5e-5)
    assert linear.regime(lr, lams[-1], lams[0]) == kind


def test_regime_boundaries_are_one_and_two_over_lambda_max():
    assert linear.regime(0.99, 1.0, 1.0) == "converges"
    assert linear.regime(1.01, 1.0, 1.0) == "oscillates"
    assert linear.regime(1.99, 1.0, 1.0) == "oscillates"
    assert linear.regime(2.0, 1.0, 1.0) == "diverges"
    assert linear.regime(0.01, 1.0, 1.0) == "crawls"  # 0.99^100 ≈ 0.37 > 1 %
    assert linear.regime(0.01, 1.0, 1.0, steps=1000) == "converges"  # 0.99^1000 ≈ 4e-5


def test_bad_inputs_name_what_was_expected_and_what_was_received(table):
    X, y, w0 = table
    with pytest.raises(ValueError, match=r"W must have shape \(3,\).*received shape \(2,\)"):
        linear.cost(X, y, [1.0, 2.0])
    with pytest.raises(ValueError, match="X and y must have the same number of samples"):
        linear.gradient(X, y[:4], w0)
    with pytest.raises(ValueError, match=r"y must be \(m,\) or \(m, 1\).*\(6, 2\)"):
        linear.cost(X, np.ones((6, 2)), w0)
    with pytest.raises(ValueError, match=r"W must have shape \(3, 1\)"):
        linear.gradient(X, y[:, None], w0)  # a column y needs a column W
    with pytest.raises(ValueError, match="lr must be a positive number"):
        linear.descent_path(X, y, w0, -1.0, 10)
    with pytest.raises(ValueError, match="steps must be a positive whole number"):
        linear.descent_path(X, y, w0, 0.01, 2.5)
    with pytest.raises(ValueError, match="X must be finite"):
        linear.hessian([[1.0, np.nan]])
    with pytest.raises(ValueError, match="lam_min must be at most lam_max"):
        linear.regime(0.01, 1.0, 2.0)
    with pytest.raises(ValueError, match=r"W must have shape \(3,\) or \(3, 1\)"):
        linear.predict(X, np.ones((3, 2)))
