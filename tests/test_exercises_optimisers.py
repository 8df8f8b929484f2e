"""Checkers of notebook 05: right answers pass, the usual mistakes get their own hint, the
student-copy placeholders are "not done yet", and a learner's error never becomes a traceback."""

import numpy as np
import pytest

from nnlib import optimizers
from nnlib.exercises import optimisers as E


# ----------------------------------------------------------------- 1 · momentum step
def momentum_step(theta, v, g, lr, beta):
    v = beta * v + g
    return theta - lr * v, v


def test_momentum_reference_is_nnlib_by_hand():
    theta, v = E.momentum_reference(np.array([1.0, 2.0]), np.array([0.5, 0.0]),
                                    np.array([1.0, -1.0]), 0.1, 0.5)
    np.testing.assert_allclose(v, [1.25, -1.0])                 # 0.5·0.5 + 1, 0 − 1
    np.testing.assert_allclose(theta, [1.0 - 0.125, 2.1])


def test_momentum_step_right_answer_passes():
    result = E.check_momentum_step.check(momentum_step)
    assert result.passed and "4 inputs" in result.detail


@pytest.mark.parametrize("body, words", [
    (lambda th, v, g, lr, b: (th - lr * (b * v + (1 - b) * g), b * v + (1 - b) * g), "average"),
    (lambda th, v, g, lr, b: (th - lr * v, b * v + g), "old velocity"),
    (lambda th, v, g, lr, b: (th + lr * (b * v + g), b * v + g), "uphill"),
    (lambda th, v, g, lr, b: (th - lr * g, b * v + g), "plain gradient descent"),
    (lambda th, v, g, lr, b: (b * v + g, th - lr * (b * v + g)), "swapped"),
    (lambda th, v, g, lr, b: th - lr * g, "return 2 arrays"),
])
def test_momentum_step_mistakes_get_specific_hints(body, words):
    def momentum_step(theta, v, g, lr, beta):
        return body(theta, v, g, lr, beta)
    result = E.check_momentum_step.check(momentum_step)
    assert result.mark == "❌" and words in result.detail, result.detail


def test_momentum_step_placeholder_and_errors():
    assert E.check_momentum_step.check(None).mark == "⏳"

    def momentum_step(theta, v, g, lr, beta):
        return None
    assert E.check_momentum_step.check(momentum_step).mark == "⏳"

    def momentum_step(theta, v, g, lr, beta):
        return theta @ np.ones((3, 3)), v
    result = E.check_momentum_step.check(momentum_step)
    assert result.mark == "❌" and "your function raised ValueError" in result.detail


# ---------------------------------------------------------------------- 2 · Adam step
def adam_step(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def test_adam_reference_first_step_is_alpha_times_the_sign():
    g = np.array([0.5, -3.0])
    theta, m, v = E.adam_reference(np.zeros(2), np.zeros(2), np.zeros(2), g, 1, 0.01)
    np.testing.assert_allclose(theta, [-0.01, 0.01], rtol=1e-6)
    np.testing.assert_allclose(m, 0.1 * g)
    np.testing.assert_allclose(v, 0.001 * g ** 2)


def test_adam_reference_continues_like_the_optimiser():
    opt, params = optimizers.Adam(0.05), [np.array([1.0, -2.0])]
    gs = [np.array([0.3, -1.0]), np.array([0.1, 0.4]), np.array([-0.2, 0.5])]
    theta, m, v = params[0].copy(), np.zeros(2), np.zeros(2)
    for t, g in enumerate(gs, start=1):
        opt.step(params, [g])
        theta, m, v = E.adam_reference(theta, m, v, g, t, 0.05)
    np.testing.assert_allclose(theta, params[0])


def test_adam_step_right_answer_passes():
    result = E.check_adam_step.check(adam_step)
    assert result.passed and "t = 1 included" in result.detail


def _adam_variant(mistake):
    def adam_step(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        tt = t - 1 if mistake == "t-1" else t
        m_hat = m if mistake == "no correction" else m / (1 - beta1 ** tt)
        v_hat = v if mistake == "no correction" else v / (1 - beta2 ** tt)
        root = v_hat if mistake == "no sqrt" else np.sqrt(v_hat)
        new = theta - lr * m_hat / (root + eps)
        if mistake == "returns corrected":
            return new, m_hat, v_hat
        return new, m, v
    return adam_step


@pytest.mark.parametrize("mistake, words", [
    ("no correction", "no bias correction: at t = 1 that step is 3.16 α"),
    ("no sqrt", "square root"),
    ("returns corrected", "not the corrected m̂"),
    ("t-1", "1 − β^0 = 0"),
])
def test_adam_step_mistakes_get_specific_hints(mistake, words):
    result = E.check_adam_step.check(_adam_variant(mistake))
    assert result.mark == "❌" and words in result.detail, result.detail


def test_adam_step_placeholder():
    def adam_step(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        return None
    assert E.check_adam_step.check(adam_step).mark == "⏳"


# ------------------------------------------------------------------ 3 · momentum limit
def test_momentum_limit():
    assert E.check_momentum_limit.check(0.12).passed
    assert E.check_momentum_limit.check(3 / 25).passed
    for wrong, words in ((0.08, "gradient descent's limit"), (0.04, "effective-rate guess"),
                         (0.16, "2(1 + β)/λ, not"), (0.2, "too large"), (0.1, "too small")):
        result = E.check_momentum_limit.check(wrong)
        assert result.mark == "❌" and words in result.detail, (wrong, result.detail)
    assert E.check_momentum_limit.check(None).mark == "⏳"
    assert E.check_momentum_limit.check("0.12").mark == "❌"


# -------------------------------------------------------------------- 4 · beat descent
def test_beat_gd_accepts_good_momentum_and_explains_failures():
    result = E.check_beat_gd.check(0.1, 0.5)
    assert result.passed and "after 27 steps" in result.detail
    result = E.check_beat_gd.check(0.2, 0.5)
    assert result.mark == "❌" and "below 2(1 + β)/25 = 0.12" in result.detail
    result = E.check_beat_gd.check(0.07, 0.9)                       # too much momentum: rings
    assert result.mark == "❌" and "0.9487 along θ1" in result.detail
    result = E.check_beat_gd.check(0.075, 0.0)                      # plain descent cannot
    assert result.mark == "❌" and "still" in result.detail
    assert E.check_beat_gd.check(None, None).mark == "⏳"
    assert E.check_beat_gd.check(0.1, 1.0).mark == "❌"


def test_gradient_descent_cannot_do_it_within_the_budget():
    steps, lr = E.best_gd_steps()
    assert steps == 101 and 0.075 < lr < 0.077 and steps > E.BUDGET
