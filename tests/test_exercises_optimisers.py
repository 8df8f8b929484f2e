"""Checkers of notebook 05: right answers pass, the usual mistakes get their own hint, the
student-copy placeholders are "not done yet", and a learner's error never becomes a traceback."""

import numpy as np
import pytest

from nnlib import bowl, optimizers
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
    # a plain miss gets the condition itself after a try (the ⏳ hint only points to section 4)
    assert "0 < αλ < 2(1 + β)" in E.check_momentum_limit.check(0.1).detail
    assert E.check_momentum_limit.check(None).mark == "⏳"
    assert E.check_momentum_limit.check("0.12").mark == "❌"


# -------------------------------------------------------------------- 4 · beat descent
def test_beat_gd_accepts_good_momentum_and_explains_failures():
    result = E.check_beat_gd.check(0.1, 0.5)
    assert result.passed and "after 27 steps" in result.detail
    # section 3's setting (33 steps) and the demo's defaults do not pass: a search is needed
    result = E.check_beat_gd.check(0.07, 0.6)
    assert result.mark == "❌" and "after 30 steps J is still" in result.detail
    assert E.check_beat_gd.check(0.0891, 0.52).passed                 # 23 steps, a slider notch
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


def test_budget_needs_a_search_but_the_demo_can_reach_it():
    """Within 30 steps: the demo's α notches (10^(k/20)) and β steps (0.01) reach it, but only
    with α from 0.05 to 0.11 and β from 0.46 to 0.72, and not with the settings the notebook
    shows."""
    reached = {}
    for lr in 10 ** (np.arange(-30, 1) / 20):                        # 0.001 … 1, the slider
        for beta in np.round(np.arange(0, 1, 0.01), 2):
            k = bowl.first_below(bowl.path(optimizers.Momentum(lr, beta=beta), 34).J, E.TARGET)
            if k is not None:
                reached[(round(lr, 4), beta)] = k
    best = min(reached.values())
    good = [key for key, k in reached.items() if k <= E.BUDGET]
    assert E.BUDGET == 30 and best == 23
    assert 10 < len(good) < 100                                      # a search, not a guess
    assert all(0.05 <= lr < 0.12 and 0.45 < beta < 0.75 for lr, beta in good)
    assert reached[(0.0708, 0.6)] > E.BUDGET                          # the demo's default


@pytest.mark.parametrize("checker, recipe_bits", [
    (E.check_momentum_step, ["βv + g", "θ − αv", "return theta"]),
    (E.check_adam_step, ["1 − β1^t", "√v̂", "(1 − β1) g", "g²"]),
    (E.check_momentum_limit, ["2(1 + β)", "αλ <"]),
    (E.check_beat_gd, ["0.1", "0.5"]),
])
def test_general_hints_nudge_without_the_recipe(checker, recipe_bits):
    """The general hint is what ⏳ shows before any attempt: a pointer, not the answer."""
    assert "section" in checker.hint
    assert not [bit for bit in recipe_bits if bit in checker.hint], checker.hint


# ------------------------------------------------------------------- grading: hidden tests

def worked_momentum_step(theta, v, g, lr, beta):
    v = beta * v + g
    theta = theta - lr * v
    return theta, v


def momentum_step_entry_by_entry(theta, v, g, lr, beta):
    """Loops over the entries of θ: fine for the visible check's vectors and matrices, but a
    single number (a 0-d array) has no entries to loop over."""
    new_v = np.array([beta * vi + gi for vi, gi in zip(v, g)])
    return np.array([ti - lr * vi for ti, vi in zip(theta, new_v)]), new_v


def worked_adam_step(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta, m, v


def adam_step_with_eps_written_in(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Ignores its eps argument: every visible case passes 1e-8."""
    return worked_adam_step(theta, m, v, g, t, lr, beta1, beta2, 1e-8)


def adam_step_with_eps_inside_the_root(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999,
                                       eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps), m, v


@pytest.mark.parametrize("checker, worked, visible_only", [
    (E.check_momentum_step, worked_momentum_step, momentum_step_entry_by_entry),
    (E.check_adam_step, worked_adam_step, adam_step_with_eps_written_in),
    (E.check_adam_step, worked_adam_step, adam_step_with_eps_inside_the_root),
], ids=["momentum", "adam-eps-written-in", "adam-eps-inside-root"])
def test_scores_for_grading(checker, worked, visible_only, expect_scores):
    expect_scores(checker, worked, visible_only)


def test_hidden_messages_name_the_case_not_the_answer():
    detail = E.check_momentum_step.check_hidden(momentum_step_entry_by_entry).detail
    assert "raised TypeError" in detail and "θ of shape ()" in detail
    assert E.check_adam_step.check_hidden(adam_step_with_eps_inside_the_root).detail.endswith(
        "the new θ is wrong for eps = 0.1")

    def adam_without_eps(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        return theta - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t)), m, v

    def adam_with_eps_where_it_matters_least(theta, m, v, g, t, lr, beta1=0.9, beta2=0.999,
                                             eps=1e-8):   # ε only when it is large: 0/0 at g = 0
        if eps > 1e-3:
            return worked_adam_step(theta, m, v, g, t, lr, beta1, beta2, eps)
        return adam_without_eps(theta, m, v, g, t, lr, beta1, beta2, eps)

    assert E.check_adam_step.check(adam_with_eps_where_it_matters_least).passed
    assert E.check_adam_step.check_hidden(adam_with_eps_where_it_matters_least).detail.endswith(
        "the new θ is wrong for a zero gradient at t = 1")


@pytest.mark.parametrize("checker, answers", [
    (E.check_momentum_limit, (0.12,)), (E.check_beat_gd, (0.1, 0.5))])
def test_number_answers_get_full_marks_when_right(checker, answers):
    assert checker.hidden_fn is None
    assert checker.score(*answers) == 2.0 and checker.score(*[None] * len(answers)) == 0.0
