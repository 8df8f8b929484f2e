"""Exercise checkers of notebook 06_iris_classification.

1. ``check_softmax(p)`` — the softmax of z = [2.0, 1.0, 0.1].
2. ``check_softmax_ce_delta(fn)`` — the learner's ∂J/∂Z of softmax + cross-entropy, compared
   with finite differences of the cost.
3. ``check_accuracy(accuracy)`` — accuracy from the confusion matrix ``CONFUSION``.
4. ``check_two_hidden_layers(net, val_accuracy)`` — a 4-h1-h2-3 network trained on the
   notebook's training flowers, and its validation accuracy.
"""

import numpy as np

from nnlib import MLP, activations, losses
from nnlib.exercises.core import Hint, _call, exercise, expect, expect_array, expect_number
from nnlib.gradcheck import numerical_gradient

#: the scores of exercise 1
Z = [2.0, 1.0, 0.1]
#: the confusion matrix of exercise 3: rows true species, columns predicted
CONFUSION = np.array([[10, 0, 0],
                      [1, 8, 1],
                      [0, 3, 7]])


@exercise("Exercise 1 — softmax",
          hint="reread section 3, 'The network: softmax and cross-entropy': the formula of ŷ_k.")
def check_softmax(p):
    z = np.array(Z)
    a = np.asarray(p, dtype=float)
    expect(a.shape == (3,), f"your answer has shape {a.shape} but expected (3,): one "
           "probability per score")
    expect(not np.allclose(a, z / z.sum()), "you divided the scores by their sum: exponentiate "
           "them first")
    expect(not np.allclose(a, activations.sigmoid(z)), "that is the sigmoid of each score; "
           "softmax divides the exponentials by their sum")
    expect(abs(a.sum() - 1) < 1e-6, f"probabilities must sum to 1; yours sum to {a.sum():.4g}")
    expect_array(a, activations.softmax(z), "your probabilities", rtol=1e-4, atol=1e-4)


def _delta_cases():
    """(Z, Y) pairs: 4 flowers, 1 flower and 6 flowers, seeded scores of moderate size."""
    rng = np.random.default_rng(6)
    cases = []
    for m in (4, 1, 6):
        Z = rng.normal(0, 1.5, (m, 3))
        Y = np.eye(3)[rng.integers(0, 3, m)]
        cases.append((Z, Y))
    return cases


@exercise("Exercise 2 — the output delta in code",
          hint="reread section 4, 'The output delta, derived': step 2 gives one flower's "
               "∂L/∂z_j, and 'The batch' says what the mean over the m flowers changes.")
def check_softmax_ce_delta(fn):
    expect(callable(fn), "softmax_ce_delta should be a function of (Z, Y)")
    for Z, Y in _delta_cases():
        m = len(Z)
        got = _call(fn, (Z.copy(), Y.copy()), "softmax_ce_delta(Z, Y)")
        numeric = numerical_gradient(lambda V: losses.softmax_cross_entropy(Y, V), Z.copy())
        a = np.asarray(got, dtype=float)
        expect(a.shape == Z.shape, f"softmax_ce_delta(Z, Y) for {m} flower(s) has shape "
               f"{a.shape} but expected {Z.shape}: one delta per score")
        y_hat = activations.softmax(Z)
        if m > 1:
            expect(not np.allclose(a, m * numeric, atol=1e-6),
                   f"your deltas are {m} times too large: J is the mean over the m flowers, "
                   "so each delta is divided by m = len(Z)")
        expect(not np.allclose(a, -numeric, atol=1e-6),
                "right size, wrong sign: the delta is ŷ − Y (the output's overshoot), not Y − ŷ")
        expect(not np.allclose(a, (Z - Y) / m, atol=1e-6),
               "you used the scores Z where the probabilities ŷ = softmax(Z) belong")
        columns = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
        if m > 1:
            expect(not np.allclose(a, (columns - Y) / m, atol=1e-6),
                   "your softmax sums over the flowers (axis 0); each flower's three scores "
                   "make one softmax: sum along axis=1, with keepdims=True")
        expect(not np.allclose(a, (y_hat - Y) / 3, atol=1e-6) or m == 3,
               "divide by the number of flowers m = len(Z), not by the 3 species")
        expect_array(a, numeric, f"softmax_ce_delta(Z, Y) for {m} flower(s), compared with "
                     "finite differences of J,", rtol=1e-5, atol=1e-7)
    return "it matches the finite differences of J for 4, 1 and 6 flowers"


@exercise("Exercise 3 — accuracy from a confusion matrix",
          hint="reread section 8, 'The final test': where a confusion matrix keeps the right "
               "answers, and how many flowers it counts in all.")
def check_accuracy(accuracy):
    C = CONFUSION
    right = np.trace(C) / C.sum()
    expect(np.ndim(accuracy) == 0 and not isinstance(accuracy, (str, bool)),
           "accuracy should be a single number")
    expect(not np.isclose(float(accuracy), 100 * right), "that looks like a percentage; give "
           "the accuracy as a share between 0 and 1")
    expect(float(accuracy) <= 1, f"an accuracy is a share between 0 and 1, not a count of "
           f"flowers; yours is {float(accuracy):.4g}")
    for wrong, words in ((C[1, 1] / C[1].sum(), "that is the share right among versicolor only"),
                         (C[2, 2] / C[2].sum(), "that is the share right among virginica only"),
                         (1 - right, "that is the error rate: the share of flowers wrong")):
        expect(not np.isclose(float(accuracy), wrong), words)
    expect_number(accuracy, right, "your accuracy", rtol=1e-3)


def _split():
    from nnlib.widgets.iris import prepare   # the notebook's split (late: widgets are heavy)
    return prepare()


def _one_hidden_layer(data):
    from nnlib.widgets.iris import CHOSEN, count_right, train
    net, _ = train(data, CHOSEN["hidden"], CHOSEN["lr"], CHOSEN["epochs"])
    return count_right(net, data.X_val, data.y_val)


@exercise("Exercise 4 — a second hidden layer",
          hint="the printed MLP(...) line in section 3 shows the settings to copy (building an "
               "nnlib.MLP: notebook 04); section 7 trains networks and counts their right "
               "validation flowers.")
def check_two_hidden_layers(net, val_accuracy):
    expect(isinstance(net, MLP), f"net2 should be an nnlib.MLP; it is a {type(net).__name__}")
    expect(len(net.sizes) == 4, f"net2 has sizes {net.sizes}: expected two hidden layers, "
           "[4, h1, h2, 3]")
    expect(net.sizes[0] == 4 and net.sizes[-1] == 3,
           f"net2 has sizes {net.sizes}: it needs 4 inputs and 3 outputs")
    expect(net.output.name == "softmax", f"the output is {net.output.name}: use softmax with "
           "cross-entropy")
    data = _split()
    right = int(np.sum(net.predict_classes(data.X_val) == data.y_val))
    on_test = int(np.sum(net.predict_classes(data.X_test) == data.y_test))
    if not np.isclose(float(val_accuracy), right / 30):
        if np.isclose(float(val_accuracy), on_test / 30) and on_test != right:
            raise Hint("that is the accuracy on the test flowers; a choice between networks "
                       "is made on the validation flowers (data.X_val, data.y_val)")
        raise Hint(f"acc2 is {float(val_accuracy):.4g} but the network gets {right} of 30 "
                   f"validation flowers right ({right / 30:.4g}); use data.X_val and data.y_val")
    expect(right >= 24, f"the network gets only {right} of 30 validation flowers right: is it "
           "trained (fit on data.X_train, data.Y_train)?")
    one = _one_hidden_layer(data)
    return (f"{right} of 30 validation flowers right ({right / 30:.3f}); the chosen network "
            f"with one hidden layer: {one} of 30")
