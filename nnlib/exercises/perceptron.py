"""Exercise checkers of notebook 01_perceptron.

In the notebook: ``from nnlib.exercises import perceptron as check`` then, at the end of each
answer cell, ``check.emily(z_emily, y_hat_emily)``, ``check.step(step)``,
``check.update(perceptron_update)``, ``check.weights(w1, w2, b)`` (whole numbers),
``check.separable(not_separable)``
and ``check.layers(n_layers)``. Each prints ✅, ❌ with a specific hint, or ⏳ (not done yet).
"""

import numpy as np

from nnlib import activations, datasets
from nnlib.exercises.core import (Hint, LearnerError, exercise, expect, expect_array,
                                  expect_choice, expect_function, expect_number, fmt, raised)

#: the neuron of exercise 1 (LineDemo's starting neuron): w = (w1, w2), b
EMILY_NEURON = (0.2, -1.0, 2.0)


def _emily_inputs():
    return datasets.shift_gender_inputs(datasets.GENDER_NEW_PEOPLE["Emily"])[0]


@exercise("Exercise 1 — Emily by hand",
          hint="Section 3 (A neuron that tells people apart) shows how the table shifts each "
               "person; section 1 computes z and section 2 defines the step that gives ŷ.")
def emily(z, y_hat):
    w1, w2, b = EMILY_NEURON
    x = _emily_inputs()
    want = w1 * x[0] + w2 * x[1] + b
    if isinstance(z, (int, float, np.integer, np.floating)) and not isinstance(z, bool):
        raw = np.array(datasets.GENDER_NEW_PEOPLE["Emily"], dtype=float)
        if np.isclose(float(z), w1 * raw[0] + w2 * raw[1] + b):
            raise Hint("z uses Emily's raw weight and height; shift them like the table "
                       "(weight − 135, height − 66)")
        if np.isclose(float(z), want - b):
            raise Hint("z is missing the bias b")
    expect_number(z, want, "z")
    expect(y_hat is not None and np.ndim(y_hat) == 0, "y_hat should be a single number, 0 or 1")
    expect_number(y_hat, float(want >= 0), "y_hat")


def _reference_step(z):
    return activations.step(z)


def _step_hidden(fn):
    """Other shapes than the visible check's (a single 0-d array, a 3-D batch), other values
    around 0 (−0.0 and the smallest positive and negative numbers), whole-number input."""
    tiny = np.finfo(float).tiny
    cases = [np.array(0.0), np.array(-2.5), np.array([-0.0, tiny, -tiny, 7.0]),
             np.arange(-6.0, 6.0).reshape(2, 3, 2), np.array([[-3, 0, 5]])]
    for z in cases:
        try:
            got = fn(z.copy())
        except LearnerError as e:
            raise Hint(f"step(z) fails for z of shape {z.shape}: {e}") from None
        want = _reference_step(z)
        got = np.asarray(got, dtype=float)
        expect(got.shape == z.shape, f"step(z) has shape {got.shape} for z of shape {z.shape}: "
               "it should keep the shape of z")
        wrong = int(np.sum(~np.isclose(got, want)))
        expect(wrong == 0, f"step(z) is wrong at {wrong} of {z.size} position(s) for z of shape "
               f"{z.shape}" + (" (whole numbers)" if z.dtype.kind == "i" else ""))


@exercise("Exercise 2 — the step function",
          hint="Section 2 (Activation functions): the step's row of the table.",
          hidden=_step_hidden)
def step(fn):
    try:
        _check_step(fn)
    except LearnerError as e:
        if "truth value of an array" in str(e):
            raise Hint("`if z >= 0` asks one question about a whole array; "
                       "np.where(condition, value_if_true, value_if_false) answers it element "
                       "by element") from None
        raise


def _check_step(fn):
    zero = np.asarray(fn(np.array([0.0])), dtype=float).reshape(-1)
    expect(zero.size != 1 or zero[0] != 0.0,
           "step(0) gives 0; this course (and nnlib) uses step(0) = 1, i.e. z ≥ 0, not z > 0")
    z = np.array([-3.0, -0.5, 0.0, 0.25, 4.0])
    expect_function(fn, _reference_step, [z, np.array([[-1.0, 2.0], [0.0, -1e-9]])],
                    name="step(z)")


def _rule(w, b, x, y, lr):
    y_hat = float(x @ w + b >= 0)
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


# (w, b, x, y, lr): Diana already right, Alice wrongly called 0, Bob wrongly called 1
_UPDATE_CASES = [
    (np.array([-1.0, -1.0]), 0.0, np.array([-15.0, -6.0]), 1, 0.5),
    (np.array([1.0, 1.0]), 0.0, np.array([-2.0, -1.0]), 1, 0.01),
    (np.array([0.2, -1.0]), 2.0, np.array([25.0, 6.0]), 0, 0.1),
]


# Hidden cases: z exactly 0 (ŷ = step(0) = 1) with y = 0 and with y = 1, a sample right at
# y = 1, other learning rates (1 and 0.25), other weights and samples.
_HIDDEN_UPDATE_CASES = [
    (np.array([1.0, -1.0]), 0.0, np.array([3.0, 3.0]), 0, 0.5),
    (np.array([2.0, 1.0]), -4.0, np.array([1.0, 2.0]), 1, 0.3),
    (np.array([0.5, 0.5]), 1.0, np.array([4.0, -2.0]), 1, 1.0),
    (np.array([-2.0, 3.0]), -1.0, np.array([-1.0, -2.0]), 1, 0.25),
    (np.array([0.3, 0.2]), 0.5, np.array([10.0, 4.0]), 0, 1.0),
]


def _update_hidden(fn):
    """Other weights, samples and learning rates, and z = 0 exactly, where ŷ = step(0) = 1."""
    _check_update(fn, _HIDDEN_UPDATE_CASES, hints=False)


@exercise("Exercise 3 — one perceptron update",
          hint="Section 4 (The perceptron learning rule) gives the rule and applies it in plain "
               "numpy. Return both results: return w_new, b_new.",
          hidden=_update_hidden)
def update(fn):
    _check_update(fn, _UPDATE_CASES, hints=True)


def _check_update(fn, cases, hints):
    for w, b, x, y, lr in cases:
        try:
            got = fn(w.copy(), b, x.copy(), y, lr)
        except LearnerError as e:
            if hints:
                raise
            raise Hint(raised(e.error, f"for another sample, with y = {y} and α = {fmt(lr)}")) \
                from None
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               "perceptron_update should return two things: the new w and the new b")
        want_w, want_b = _rule(w, b, x, y, lr)
        if not hints:
            z = float(x @ w + b)
            edge = " (there z = 0, and step(0) = 1)" if z == 0 else ""
            ok = np.allclose(np.asarray(got[0], dtype=float), want_w) and \
                np.ndim(got[1]) == 0 and np.isclose(float(got[1]), want_b)
            expect(ok, f"the new w or b is wrong for another sample, with y = {y} and "
                       f"α = {fmt(lr)}{edge}")
            continue
        where = f"for w = {fmt(w)}, b = {fmt(b)}, x = {fmt(x)}, y = {y}, α = {fmt(lr)}"
        flipped_w = 2 * w - want_w  # what w − α (y − ŷ) x gives
        if np.allclose(np.asarray(got[0], dtype=float), flipped_w) and not np.allclose(want_w, w):
            raise Hint(f"w moved the wrong way {where}: the error is y − ŷ, not ŷ − y")
        if np.allclose(want_w, w) and not np.allclose(np.asarray(got[0], dtype=float), w):
            raise Hint(f"w changed {where}, but this sample is already right (y − ŷ = 0)")
        expect_array(got[0], want_w, f"the new w {where}")
        expect_number(got[1], want_b, f"the new b {where}")


@exercise("Exercise 4 — everyone right, in whole numbers",
          hint="Section 3 (A neuron that tells people apart): try weights in its line demo "
               "first; its sliders reach whole numbers.")
def weights(w1, w2, b):
    for name, v in (("w1", w1), ("w2", w2), ("b", b)):
        expect(np.ndim(v) == 0 and not isinstance(v, (str, bool)),
               f"{name} should be a single number; it is {type(v).__name__}")
    w = np.array([w1, w2], dtype=float)
    expect(np.all(np.isfinite(w)) and np.isfinite(float(b)), "w1, w2 and b must be finite")
    fractions = [f"{n} = {fmt(float(v))}" for n, v in (("w1", w1), ("w2", w2), ("b", b))
                 if float(v) != round(float(v))]
    X, y, names = datasets.load_gender_table()
    y_hat = activations.step(X @ w + float(b)).astype(int)
    wrong = [f"{n} (ŷ = {p}, y = {t})" for n, p, t in zip(names, y_hat, y) if p != t]
    expect(not wrong, "still wrong about " + ", ".join(wrong) + ". After the shift, Alice and "
           "Diana (y = 1) have negative x₁ and x₂, Bob and Charlie (y = 0) positive ones: pick "
           "the signs of w₁ and w₂ that give z ≥ 0 for the first two, z < 0 for the other two")
    verb = " is not a whole number" if len(fractions) == 1 else " are not whole numbers"
    expect(not fractions, ", ".join(fractions) + verb + ", although the neuron is right about "
           "everyone. Multiplying w₁, w₂ and b by the same positive number changes no answer "
           "(section 3), so scale them up and round, then check again")
    new = datasets.shift_gender_inputs(np.array(list(datasets.GENDER_NEW_PEOPLE.values())))
    z_new = new @ w + float(b)
    said = activations.step(z_new).astype(int)
    words = [f"{n} (x = {fmt(x)}): z = {fmt(z)}, ŷ = {s} ({'female' if s else 'male'})"
             for n, x, z, s in zip(datasets.GENDER_NEW_PEOPLE, new, z_new, said)]
    return "it also says " + "; ".join(words)


#: exercise 5's two new tables, on the inputs (0, 0), (0, 1), (1, 0), (1, 1)
NEW_TABLES = {"XNOR": (1, 0, 0, 1), "AND NOT": (0, 0, 1, 0)}


@exercise("Exercise 5 — which table has no line?",
          hint="Section 5 (XOR: what one neuron cannot do): sketch the four inputs as corners of "
               "a square, mark the 1s, and ask whether one straight line separates them.")
def separable(answer):
    if isinstance(answer, str) and answer.strip().upper() == "XOR":
        raise Hint("XOR is the one from the section; the question is about XNOR and AND NOT")
    if isinstance(answer, str) and answer.strip().upper() == "AND NOT":
        raise Hint("AND NOT has a single 1, at (1, 0): a line can cut off that corner, "
                   "e.g. x₁ − x₂ − 0.5 = 0")
    expect_choice(answer, "XNOR", list(NEW_TABLES), "answer")


#: Checkers without hidden tests, and why: their answer is a number or a choice, not a function,
#: so there is no other input to try and the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "emily": "two numbers for one given person; the visible check tests both (ŷ against z)",
    "weights": "three whole numbers; the visible check runs them on every person of the table",
    "separable": "a choice between two names; the visible check is the whole answer",
    "layers": "a count; the visible check is the whole answer",
}


@exercise("Exercise 6 — counting layers",
          hint="Section 6 (Counting layers).")
def layers(n_layers):
    if n_layers == 3:
        raise Hint("3 counts the input layer; it computes nothing and is not counted")
    if n_layers == 1:
        raise Hint("1 counts only the output layer; the 8 hidden neurons compute too")
    expect_number(n_layers, 2, "n_layers")
