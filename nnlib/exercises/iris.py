"""Exercise checkers of notebook 06_iris_classification.

1. ``check_one_hot(Y)`` — one-hot encode the labels [2, 0, 1, 1] by hand.
2. ``check_softmax(p)`` — the softmax of z = [2.0, 1.0, 0.1].
3. ``check_accuracy(accuracy)`` — accuracy from the confusion matrix ``CONFUSION``.
4. ``check_two_hidden_layers(net, test_accuracy)`` — a 4-h1-h2-3 network trained on the
   notebook's split, and its test accuracy.
"""

import numpy as np

from nnlib import MLP, activations, datasets
from nnlib.exercises.core import Hint, exercise, expect, expect_array, expect_number

#: the labels of exercise 1 (species 2, 0, 1, 1)
LABELS = [2, 0, 1, 1]
#: the scores of exercise 2
Z = [2.0, 1.0, 0.1]
#: the confusion matrix of exercise 3: rows true species, columns predicted
CONFUSION = np.array([[10, 0, 0],
                      [1, 8, 1],
                      [0, 3, 7]])


@exercise("Exercise 1 — one-hot by hand",
          hint="reread 'Preparing the data' → 'One-hot targets': the rule for Y and the four "
               "labels printed there with their rows.")
def check_one_hot(Y):
    want = datasets.one_hot(LABELS, 3)
    a = np.asarray(Y, dtype=float)
    expect(a.shape != (3, 4), "Y has shape (3, 4): one row per flower, please, so (4, 3)")
    expect(a.shape == (4, 3), f"Y has shape {a.shape} but expected (4, 3): 4 flowers × 3 species")
    expect(np.all(a.sum(axis=1) == 1), "each row must hold exactly one 1 (its rows sum to "
           f"{', '.join(f'{v:g}' for v in a.sum(axis=1))})")
    expect(not np.allclose(a, datasets.one_hot([3 - 1 - v for v in LABELS], 3)),
           "the columns are reversed: column 0 is setosa (label 0), column 2 virginica")
    expect_array(a, want, "Y")


@exercise("Exercise 2 — softmax",
          hint="reread the section 'The 4-8-3 network': the formula of softmax(z)_k.")
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


@exercise("Exercise 3 — accuracy from a confusion matrix",
          hint="reread 'How good is it?': where a confusion matrix keeps the right answers, "
               "and how many flowers it counts in all.")
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
    from nnlib.widgets.iris import prepare   # the notebook's split (imported late: widgets are heavy)
    return prepare()


@exercise("Exercise 4 — a second hidden layer",
          hint="the printed MLP(...) line in 'The 4-8-3 network' shows the settings to copy "
               "(building an nnlib.MLP: notebook 04); 'How good is it?' trains one and counts "
               "its right test flowers.")
def check_two_hidden_layers(net, test_accuracy):
    expect(isinstance(net, MLP), f"net should be an nnlib.MLP; it is a {type(net).__name__}")
    expect(len(net.sizes) == 4, f"net has sizes {net.sizes}: expected two hidden layers, "
           "[4, h1, h2, 3]")
    expect(net.sizes[0] == 4 and net.sizes[-1] == 3,
           f"net has sizes {net.sizes}: it needs 4 inputs and 3 outputs")
    expect(net.output.name == "softmax", f"the output is {net.output.name}: use softmax with "
           "cross-entropy")
    data = _split()
    right = int(np.sum(net.predict_classes(data.X_test) == data.y_test))
    if not np.isclose(float(test_accuracy), right / 30):
        raise Hint(f"test_accuracy is {float(test_accuracy):.4g} but the network gets {right} of "
                   f"30 test flowers right ({right / 30:.4g}); use X_test and y_test")
    expect(right >= 24, f"the network gets only {right} of 30 test flowers right: is it trained "
           "(fit on X_train, Y_train)?")
    return f"{right} of 30 test flowers right ({right / 30:.3f})"
