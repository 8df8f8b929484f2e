"""Exercise checkers of notebook 06_iris_classification.

1. ``check_softmax(p)`` — the softmax of the scores ``Z`` = (0.5, 2.0, −1.0).
2. ``check_output_layer_gradients(fn)`` — the learner's ``fn(A1, Z2, Y)`` returns ∂J/∂W₂ and
   ∂J/∂b₂ of a softmax + cross-entropy output layer; compared with finite differences of J.
3. ``check_accuracy(accuracy)`` — accuracy from the confusion matrix ``CONFUSION``, to at least
   two decimals.
4. ``check_two_hidden_layers(net, val_accuracy)`` — a 4-h1-h2-3 network trained on the
   notebook's training flowers, and its validation accuracy.
"""

import numpy as np

from nnlib import MLP, activations, losses
from nnlib.exercises.core import (Hint, LearnerError, _call, exercise, expect, expect_array,
                                  expect_number, raised)
from nnlib.gradcheck import numerical_gradient

#: the scores of exercise 1 (not those of the notebook's own check in section 4)
Z = [0.5, 2.0, -1.0]
#: the confusion matrix of exercise 3: rows true species, columns predicted
CONFUSION = np.array([[10, 0, 0],
                      [1, 8, 1],
                      [0, 3, 7]])
#: how close exercise 3's answer must be: right to two decimals (25/30 = 0.8333 → 0.83)
ACCURACY_TOLERANCE = 0.005


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
    expect(not np.allclose(a, activations.softmax(np.array([2.0, 1.0, 0.1])), atol=1e-3),
           "that is the softmax of section 4's scores (2, 1, 0.1); use z = check.Z")
    expect(abs(a.sum() - 1) < 1e-6, f"probabilities must sum to 1; yours sum to {a.sum():.4g}")
    expect_array(a, activations.softmax(z), "your probabilities", rtol=1e-4, atol=1e-4)


def _layer_cases():
    """(A1, W2, b2, Y): 5 flowers with 4 hidden units, 1 flower with 2, 6 flowers with 3.
    A1 ≥ 0 like ReLU outputs; seeded, moderate sizes."""
    rng = np.random.default_rng(6)
    cases = []
    for m, h in ((5, 4), (1, 2), (6, 3)):
        A1 = np.maximum(rng.normal(0.5, 1.0, (m, h)), 0.0)
        W2, b2 = rng.normal(0, 1.0, (h, 3)), rng.normal(0, 0.5, 3)
        Y = np.eye(3)[rng.integers(0, 3, m)]
        cases.append((A1, W2, b2, Y))
    return cases


def _numeric_gradients(A1, W2, b2, Y):
    """∂J/∂W₂ and ∂J/∂b₂ by finite differences of J = softmax cross-entropy of A1 W2 + b2."""
    dW2 = numerical_gradient(lambda W: losses.softmax_cross_entropy(Y, A1 @ W + b2), W2.copy())
    db2 = numerical_gradient(lambda b: losses.softmax_cross_entropy(Y, A1 @ W2 + b), b2.copy())
    return dW2, db2


def _slips(A1, Z2, Y):
    """The usual wrong answers, each (dW2, db2, what to say), to name them specifically."""
    m = len(Z2)
    y_hat = activations.softmax(Z2)
    whole = np.exp(Z2) / np.exp(Z2).sum()
    columns = np.exp(Z2) / np.exp(Z2).sum(axis=0, keepdims=True)
    slips = []
    if m > 1:
        slips += [
            (A1.T @ (y_hat - Y), (y_hat - Y).sum(axis=0),
             f"your gradients are {m} times too large: J is the mean over the m flowers, so "
             "the delta Ŷ − Y is divided by m = len(Z2)"),
            (A1.T @ (columns - Y) / m, (columns - Y).sum(axis=0) / m,
             "your softmax sums over the flowers (axis 0); each flower's three scores make one "
             "softmax: sum each row, axis=1, with keepdims=True"),
            (A1.T @ (y_hat - Y) / m, (y_hat - Y).sum(axis=0) / m ** 2,
             f"dW2 is right, but db2 is {m} times too small: the 1/m is already in the delta, "
             "so db2 sums the deltas over the flowers; it does not average them again"),
        ]
    if m != 3:
        slips.append((A1.T @ (y_hat - Y) / (3 * m), (y_hat - Y).sum(axis=0) / (3 * m),
                      "you divided by 3m, the number of elements of Z2: that is the MSE's mean "
                      "(section 5); cross-entropy's J is a mean over the m flowers only"))
    slips += [
        (A1.T @ (whole - Y) / m, (whole - Y).sum(axis=0) / m,
         "your softmax divides by the sum of the whole matrix; each flower's three scores make "
         "one softmax: sum each row, axis=1, with keepdims=True"),
        (A1.T @ (Y - y_hat) / m, (Y - y_hat).sum(axis=0) / m,
         "right size, wrong sign: the delta is Ŷ − Y (the output's overshoot), not Y − Ŷ"),
        (A1.T @ (Z2 - Y) / m, (Z2 - Y).sum(axis=0) / m,
         "you used the scores Z2 where the probabilities Ŷ = softmax(Z2) belong"),
    ]
    return slips


def _hidden_layer_cases():
    """(what, A1, Z2, Y): 3 flowers with 3 hidden units (m = h = the number of species, where
    a sum over the wrong axis keeps every shape), a batch of 40 flowers, scores of ±20, and a
    batch of a single species."""
    rng = np.random.default_rng(61)
    cases = []
    for what, m, h, scale in (("3 flowers and 3 hidden units", 3, 3, 1.0),
                              ("40 flowers and 8 hidden units", 40, 8, 1.0),
                              ("scores of size up to about 30", 6, 4, 6.0)):
        A1 = np.maximum(rng.normal(0.5, 1.0, (m, h)), 0.0)
        W2, b2 = rng.normal(0, scale, (h, 3)), rng.normal(0, 0.5, 3)
        cases.append((what, A1, A1 @ W2 + b2, np.eye(3)[rng.integers(0, 3, m)]))
    A1 = np.maximum(rng.normal(0.5, 1.0, (4, 2)), 0.0)
    cases.append(("4 flowers of the same species", A1, A1 @ rng.normal(size=(2, 3)),
                  np.eye(3)[[1, 1, 1, 1]]))
    return cases


def _output_layer_gradients_hidden(fn):
    """Other batches than the visible check's 5, 1 and 6 flowers (m = 3 = h, m = 40), larger
    scores, one species only."""
    for what, A1, Z2, Y in _hidden_layer_cases():
        try:
            with np.errstate(all="ignore"):
                got = _call(fn, (A1.copy(), Z2.copy(), Y.copy()),
                            "output_layer_gradients(A1, Z2, Y)")
        except LearnerError as e:
            raise Hint(raised(e.error, f"for {what}")) from None
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               f"output_layer_gradients does not return dW2, db2 for {what}")
        delta = (activations.softmax(Z2) - Y) / len(Z2)
        for g, r, name in zip(got, (A1.T @ delta, delta.sum(axis=0)), ("dW2", "db2")):
            g = np.asarray(g, dtype=float)
            expect(g.shape == r.shape, f"{name} has shape {g.shape} for {what}")
            expect(np.allclose(g, r, rtol=1e-6, atol=1e-9), f"{name} is wrong for {what}")


@exercise("Exercise 2 — the output layer's gradients",
          hint="reread section 4: 'The batch' gives the output delta, and 'The backward pass, "
               "layer by layer' the two gradients and their shapes.",
          hidden=_output_layer_gradients_hidden)
def check_output_layer_gradients(fn):
    expect(callable(fn), "output_layer_gradients should be a function of (A1, Z2, Y)")
    for A1, W2, b2, Y in _layer_cases():
        m, h = A1.shape
        Z2 = A1 @ W2 + b2
        got = _call(fn, (A1.copy(), Z2.copy(), Y.copy()), "output_layer_gradients(A1, Z2, Y)")
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               "output_layer_gradients should return two arrays, dW2 and db2: "
               "`return dW2, db2`")
        dW2, db2 = (np.asarray(g, dtype=float) for g in got)
        numeric_W, numeric_b = _numeric_gradients(A1, W2, b2, Y)
        if db2.shape == () and m > 1:
            raise Hint("db2 is one number: you summed over the whole matrix; sum over the "
                       "flowers only (axis=0), one value per species")
        expect(db2.shape != (m, 3) or m == 3,
               f"db2 has shape {db2.shape}, one row per flower: sum the deltas over the flowers "
               "(axis=0), one value per species, shape (3,)")
        for wrong_W, wrong_b, words in _slips(A1, Z2, Y):
            if dW2.shape == wrong_W.shape and np.allclose(dW2, wrong_W, atol=1e-6) and \
                    db2.size == 3 and np.allclose(db2.ravel(), wrong_b, atol=1e-6) and \
                    not (np.allclose(wrong_W, numeric_W, atol=1e-6)
                         and np.allclose(wrong_b, numeric_b, atol=1e-6)):
                raise Hint(words)
        where = f"for {m} flower(s) and {h} hidden units"
        expect_array(dW2, numeric_W, f"dW2 {where}, compared with finite differences of J,",
                     rtol=1e-5, atol=1e-7)
        expect(db2.shape == (3,), f"db2 has shape {db2.shape} but expected (3,), like b2: "
               "one value per species")
        expect_array(db2, numeric_b, f"db2 {where}, compared with finite differences of J,",
                     rtol=1e-5, atol=1e-7)
    return "dW2 and db2 match the finite differences of J for 5, 1 and 6 flowers"


@exercise("Exercise 3 — accuracy from a confusion matrix",
          hint="reread section 8, 'The final test': where a confusion matrix keeps the right "
               "answers, and how many flowers it counts in all.")
def check_accuracy(accuracy):
    C = CONFUSION
    right = np.trace(C) / C.sum()
    expect(np.ndim(accuracy) == 0 and not isinstance(accuracy, (str, bool)),
           "accuracy should be a single number")
    expect(abs(float(accuracy) - 100 * right) > 0.5, "that looks like a percentage; give "
           "the accuracy as a share between 0 and 1")
    expect(float(accuracy) <= 1, f"an accuracy is a share between 0 and 1, not a count of "
           f"flowers; yours is {float(accuracy):.4g}")
    for wrong, words in ((C[1, 1] / C[1].sum(), "that is the share right among versicolor only"),
                         (C[2, 2] / C[2].sum(), "that is the share right among virginica only"),
                         (1 - right, "that is the error rate: the share of flowers wrong")):
        expect(abs(float(accuracy) - wrong) > ACCURACY_TOLERANCE, words)
    expect_number(accuracy, right, "your accuracy (to two decimals)", rtol=0,
                  atol=ACCURACY_TOLERANCE)


def _split():
    from nnlib.widgets.iris import prepare   # the notebook's split (late: widgets are heavy)
    return prepare()


def _one_hidden_layer(data):
    from nnlib.widgets.iris import CHOSEN, count_right, train
    net, _ = train(data, CHOSEN["hidden"], CHOSEN["lr"], CHOSEN["epochs"])
    return count_right(net, data.X_val, data.y_val), net.loss(data.X_val, data.Y_val)


def _two_hidden_layers_hidden(net, val_accuracy):
    """The network the exercise asks for: 4-8-8-3, ReLU hidden layers, cross-entropy (the
    visible check asks only for two hidden layers, a softmax output and a trained network)."""
    expect(list(net.sizes) == [4, 8, 8, 3], f"net2 has sizes {list(net.sizes)}, not the layer "
                                            "sizes the exercise asks for")
    expect(net.hidden.name == "relu", f"net2's hidden layers use {net.hidden.name}, not the "
                                      "activation the exercise asks for")
    expect(net.loss_fn.name == "cross_entropy", f"net2's cost is {net.loss_fn.name}, not the "
                                                "one the exercise asks for")


#: Checkers without hidden tests, and why: their answer is a number or an array for one given
#: input, not a function, so the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_softmax": "three probabilities for one given set of scores; the visible check is "
                     "the whole answer",
    "check_accuracy": "a number for one given confusion matrix; the visible check is the whole "
                      "answer",
}


@exercise("Exercise 4 — a second hidden layer",
          hint="the printed MLP(...) line in section 3 shows the settings to copy (building an "
               "nnlib.MLP: notebook 04); section 7 trains networks and counts their right "
               "validation flowers.",
          hidden=_two_hidden_layers_hidden)
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
    cost = net.loss(data.X_val, data.Y_val)
    one, one_cost = _one_hidden_layer(data)
    return (f"{right} of 30 validation flowers right ({right / 30:.3f}), validation cost "
            f"{cost:.3f}; the chosen network with one hidden layer: {one} of 30, validation "
            f"cost {one_cost:.3f}")
