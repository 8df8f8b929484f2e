"""nnlib.bowl: the quadratic bowl of notebook 05 against hand-computed values, finite differences
and the optimisers' own arithmetic; momentum's convergence condition against eigenvalues and
the two-term rule of notebook 05."""

import numpy as np
import pytest

from nnlib import bowl, optimizers
from nnlib.gradcheck import numerical_gradient


def test_cost_and_gradient_by_hand():
    assert bowl.cost([-4.0, 1.0]) == pytest.approx(0.5 * (16 + 25))          # 20.5
    assert bowl.cost([2.0, -0.2], lambdas=(3.0, 50.0)) == pytest.approx(0.5 * (12 + 2))
    np.testing.assert_allclose(bowl.gradient([-4.0, 1.0]), [-4.0, 25.0])
    many = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(bowl.cost(many), [0.5, 12.5, 0.0])
    assert bowl.gradient(many).shape == (3, 2)


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    for lambdas in ((1.0, 25.0), (0.3, 2.0, 7.0)):
        theta = rng.normal(size=len(lambdas))
        measured = numerical_gradient(lambda t: bowl.cost(t, lambdas), theta.copy())
        np.testing.assert_allclose(bowl.gradient(theta, lambdas), measured, rtol=1e-6)


def test_gradient_descent_path_multiplies_each_axis_by_one_minus_alpha_lambda():
    run = bowl.path(optimizers.GradientDescent(0.07), steps=5)
    k = np.arange(6)[:, None]
    expected = np.array(bowl.START) * (1 - 0.07 * np.array(bowl.LAMBDAS)) ** k   # (0.93, −0.75)
    np.testing.assert_allclose(run.theta, expected)
    np.testing.assert_allclose(run.J, bowl.cost(expected))
    np.testing.assert_allclose(run.G, bowl.gradient(expected[:-1]))
    assert run.diverged_at is None and run.theta.shape == (6, 2) and run.G.shape == (5, 2)


def test_momentum_path_by_hand():
    run = bowl.path(optimizers.Momentum(0.1, beta=0.5), steps=2, theta0=(1.0, 1.0),
                    lambdas=(1.0, 4.0))
    # step 1: v = g = (1, 4), θ = (0.9, 0.6)
    # step 2: g = (0.9, 2.4), v = 0.5 (1, 4) + g = (1.4, 4.4), θ = (0.76, 0.16)
    np.testing.assert_allclose(run.theta, [[1.0, 1.0], [0.9, 0.6], [0.76, 0.16]])


def test_path_resets_the_optimiser_so_runs_repeat():
    opt = optimizers.Adam(0.1)
    a, b = bowl.path(opt, 30), bowl.path(opt, 30)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert opt.t == 30


def test_path_stops_at_divergence_without_warnings():
    with np.errstate(all="raise"):
        run = bowl.path(optimizers.GradientDescent(1.0), steps=200)
    # θ2 is multiplied by 1 − 25 = −24 per step; the limit is 10⁶ × 20.5 ≈ 2e7:
    # at step 2, J ≈ 12.5 · 576² ≈ 4e6 (below), at step 3 ≈ 12.5 · 13824² ≈ 2.4e9 (above)
    assert run.diverged_at == 3
    assert len(run.J) == 3 and np.all(np.isfinite(run.theta))
    assert run.J[-1] < bowl.BLOWUP * run.J[0]


def test_first_below():
    assert bowl.first_below([5.0, 2.0, 0.5, 0.1], 1.0) == 2
    assert bowl.first_below([5.0, 2.0], 1.0) is None
    assert bowl.first_below(np.array([0.5, np.inf]), 1.0) == 0


def test_momentum_limit_matches_the_eigenvalues_of_the_iteration():
    lam = 25.0
    for beta in (0.0, 0.3, 0.5, 0.9, 0.99):
        limit = bowl.momentum_lr_limit(lam, beta)
        assert limit == pytest.approx(2 * (1 + beta) / lam)
        for factor, converges in ((0.98, True), (1.02, False)):
            lr = factor * limit
            M = np.array([[beta, lam], [-lr * beta, 1 - lr * lam]])   # (v, θ) ← M (v, θ)
            rho = max(abs(np.linalg.eigvals(M)))
            assert (rho < 1) == converges
            assert bowl.momentum_rate(lr, lam, beta) == pytest.approx(rho)


def test_momentum_rate_of_gradient_descent_and_at_the_optimum():
    assert bowl.momentum_rate(0.07, 25.0, 0.0) == pytest.approx(0.75)    # |1 − αλ|
    # β = 4/9, α = 1/9 on λ = 25 and λ = 1: the double roots ±√β = 2/3 on both axes
    assert bowl.momentum_rate(1 / 9, 25.0, 4 / 9) == pytest.approx(2 / 3)
    assert bowl.momentum_rate(1 / 9, 1.0, 4 / 9) == pytest.approx(2 / 3, rel=1e-6)


def test_momentum_regime_names_and_the_simulation_agrees():
    assert bowl.momentum_regime(0.01, 25.0, 0.0) == "smooth"           # αλ = 0.25
    assert bowl.momentum_regime(0.07, 25.0, 0.0) == "oscillates"       # αλ = 1.75
    assert bowl.momentum_regime(0.08, 25.0, 0.0) == "edge"             # αλ = 2
    assert bowl.momentum_regime(0.12, 25.0, 0.5) == "edge"             # 2(1 + 0.5) = 3
    assert bowl.momentum_regime(0.13, 25.0, 0.5) == "diverges"
    names = bowl.momentum_regime([0.001, 0.07, 0.5], 25.0, 0.6)
    assert list(names) == ["smooth", "oscillates", "diverges"]
    for lr, beta in ((0.001, 0.6), (0.03, 0.2), (0.07, 0.6), (0.11, 0.5)):
        run = bowl.path(optimizers.Momentum(lr, beta=beta), 400, theta0=(0.0, 1.0))
        crossed = np.any(run.theta[:, 1] < 0)
        assert crossed == (bowl.momentum_regime(lr, 25.0, beta) == "oscillates"), (lr, beta)


def test_bad_input():
    with pytest.raises(ValueError, match="theta must have 2 coordinate"):
        bowl.cost([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="lambdas must be positive"):
        bowl.gradient([1.0, 2.0], lambdas=(1.0, -2.0))
    with pytest.raises(ValueError, match="optimizer must be an nnlib.optimizers object"):
        bowl.path("momentum")
    with pytest.raises(ValueError, match="beta must be in"):
        bowl.momentum_rate(0.1, 25.0, 1.0)
    with pytest.raises(ValueError, match="lr must be positive"):
        bowl.momentum_regime(0.0, 25.0, 0.5)


def test_momentum_without_v_is_the_two_term_rule_whose_roots_set_the_pace():
    """Notebook 05, section 4: θ_{k+1} = (1 + β − αλ) θ_k − β θ_{k−1}; θ_k = r^k solves it for the
    roots of r² − (1 + β − αλ) r + β, whose product is β and sum 1 + β − αλ."""
    for lr, lam, beta in ((0.07, 1.0, 0.3), (0.07, 25.0, 0.6), (0.1, 25.0, 0.0)):
        theta = bowl.path(optimizers.Momentum(lr, beta=beta), 80, theta0=(1.0,),
                          lambdas=(lam,)).theta[:, 0]
        s = 1 + beta - lr * lam
        np.testing.assert_allclose(theta[2:], s * theta[1:-1] - beta * theta[:-2], atol=1e-15)
        r1, r2 = bowl.momentum_roots(lr, lam, beta)
        assert r1 * r2 == pytest.approx(beta) and (r1 + r2).real == pytest.approx(s)
        assert abs(r1 ** 2 - s * r1 + beta) < 1e-12
    # real roots: the ratio of successive θ settles to the larger root (0.8947 here)
    theta = bowl.path(optimizers.Momentum(0.07, beta=0.3), 60, theta0=(1.0,),
                      lambdas=(1.0,)).theta[:, 0]
    r1, _ = bowl.momentum_roots(0.07, 1.0, 0.3)
    assert theta[-1] / theta[-2] == pytest.approx(r1.real, rel=1e-9)
    assert r1.real == pytest.approx(0.8947, abs=1e-4)
    # no real roots: both have size √β, and the swings shrink by √β per step
    r1, r2 = bowl.momentum_roots(0.07, 25.0, 0.6)
    assert abs(r1) == pytest.approx(np.sqrt(0.6)) and abs(r2) == pytest.approx(np.sqrt(0.6))
    theta = bowl.path(optimizers.Momentum(0.07, beta=0.6), 179, theta0=(1.0,),
                      lambdas=(25.0,)).theta[:, 0]
    swing = (np.abs(theta[120:180]).max() / np.abs(theta[60:120]).max()) ** (1 / 60)
    assert swing == pytest.approx(np.sqrt(0.6), rel=2e-3)
