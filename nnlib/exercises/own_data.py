"""Exercise checkers of notebook 07_own_data (your own CSV, saved and loaded networks).

1. ``check_table_shape(n_samples, n_features, n_classes, X, class_names)`` — read the table's size.
2. ``check_new_scaling(X_new_std, X_train, X_new)`` — scale new samples with the training statistics.
3. ``check_save_and_reload(save_and_reload, net, X)`` — save a network and load it back.
4. ``check_new_sample(answer, net, sample, mean, std, class_names)`` — a new sample's class name.

Each checker receives the learner's answer first, then the notebook's data it is checked
against, so the checks hold for any table the learner loads. The general hints point back to
the notebook's sections; the specific hints name the mistake.
"""

import tempfile
from pathlib import Path

import numpy as np

from nnlib.datasets import standardize
from nnlib.exercises.core import (Hint, LearnerError, exercise, expect, expect_array,
                                  expect_number, raised)
from nnlib.mlp import MLP


@exercise("Exercise 1 — read the table's shape",
          hint="reread section 2, 'Load it': what the rows and columns of X hold, and what "
               "class_names lists.")
def check_table_shape(n_samples, n_features, n_classes, X, class_names):
    """n_samples = m, n_features = n for X (m, n); n_classes = len(class_names)."""
    m, n = np.shape(X)
    k = len(class_names)
    if m != n and _is(n_samples, n) and _is(n_features, m):
        raise Hint("n_samples and n_features are swapped: X has one row per sample")
    if k != m and _is(n_classes, m):
        raise Hint(f"n_classes is {m}, the number of samples (one label each); count the "
                   "classes, not the labels")
    expect_number(n_samples, m, "n_samples")
    expect_number(n_features, n, "n_features")
    expect_number(n_classes, k, "n_classes")


def _is(value, number):
    """True when `value` is a plain number equal to `number`."""
    return np.ndim(value) == 0 and not isinstance(value, str) and value == number


@exercise("Exercise 2 — scale new samples",
          hint="reread section 3, 'Split, then scale': whose mean and standard deviation every "
               "new sample is scaled with.")
def check_new_scaling(X_new_std, X_train, X_new):
    """X_new_std = (X_new − mean_train) / std_train."""
    _, mean, std = standardize(X_train)
    own, _, _ = standardize(X_new)
    got = np.asarray(X_new_std, dtype=float)
    X_new = np.asarray(X_new, dtype=float)
    same_shape = got.shape == X_new.shape
    if same_shape and np.allclose(got, own):
        raise Hint("these samples were scaled with their own mean and std; the network "
                   "learned the training split's scale")
    if same_shape and np.allclose(got, X_new):
        raise Hint("the samples are not scaled yet: the network was trained on scaled inputs")
    if same_shape and np.allclose(got, X_new - mean):
        raise Hint("the training mean is subtracted, but the result is not divided by the "
                   "training standard deviation")
    expect_array(got, (X_new - mean) / std, "the scaled samples")


def _hidden_networks():
    """(what, net, X): networks unlike the notebook's (other sizes and activations, no biases,
    one output, the MSE cost), with inputs to compare their predictions on."""
    rng = np.random.default_rng(71)
    nets = [("a 3-6-2 ReLU network with the MSE cost",
             MLP([3, 6, 2], hidden="relu", output="identity", loss="mse", seed=3)),
            ("a 2-5-4-1 sigmoid network without biases",
             MLP([2, 5, 4, 1], hidden="sigmoid", output="sigmoid", loss="mse", bias=False,
                 seed=1)),
            ("a 5-3 network with a softmax output and no hidden layer",
             MLP([5, 3], output="softmax", loss="cross_entropy", seed=2))]
    out = []
    for what, net in nets:
        for p in net.params:                       # biases away from 0, so they count
            p += rng.normal(0, 0.3, p.shape)
        out.append((what, net, rng.normal(size=(7, net.sizes[0]))))
    return out


def _save_and_reload_hidden(save_and_reload, net, X):
    """Other networks than the notebook's (its settings must come from the file, not be
    rebuilt), and a path given as a str in a folder whose name has a space."""
    for what, other, X_other in _hidden_networks():
        with tempfile.TemporaryDirectory() as folder:
            path = str(Path(folder) / "my networks" / "saved.npz")
            Path(path).parent.mkdir()
            try:
                loaded = save_and_reload(other, path)
            except LearnerError as e:
                raise Hint(raised(e.error, f"for {what}, path a str")) from None
            expect(Path(path).exists(), f"no file was written at path for {what} (path a str)")
        expect(isinstance(loaded, MLP) and loaded is not other,
               f"save_and_reload does not return a network read back for {what}")
        same = (list(loaded.sizes) == list(other.sizes) and loaded.bias == other.bias
                and [g.name for g in (loaded.hidden, loaded.output, loaded.loss_fn)]
                == [g.name for g in (other.hidden, other.output, other.loss_fn)])
        expect(same, f"the reloaded network has other settings than {what}")
        expect(np.allclose(loaded.predict(X_other), other.predict(X_other), rtol=1e-12,
                           atol=1e-12),
               f"the reloaded network predicts otherwise than {what}")


#: Checkers without hidden tests, and why: their answer is a number, an array or a name for the
#: learner's own table, not a function, so the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_table_shape": "three counts of the learner's table; the visible check tests all "
                         "three",
    "check_new_scaling": "an array for the two given samples; the visible check is the whole "
                         "answer",
    "check_new_sample": "a class name for one given sample; the visible check is the whole "
                        "answer",
}


@exercise("Exercise 3 — save and reload",
          hint="reread section 5, 'Save and load': one call writes the file, one reads it back.",
          hidden=_save_and_reload_hidden)
def check_save_and_reload(save_and_reload, net, X):
    """save_and_reload(net, path) must write `path` and return the network read back from it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.npz"
        loaded = save_and_reload(net, path)
        expect(path.exists(), "save_and_reload(net, path) did not write a file at path")
    expect(isinstance(loaded, MLP), f"save_and_reload should return an MLP; it returned "
                                    f"a {type(loaded).__name__}")
    expect(loaded is not net, "save_and_reload returned the same network object: return the "
                              "network read back from the file")
    expect(list(loaded.sizes) == list(net.sizes),
           f"the reloaded network has sizes {list(loaded.sizes)}, expected {list(net.sizes)}")
    expect_array(loaded.predict(X), net.predict(X), "the reloaded network's predictions")


@exercise("Exercise 4 — name a new sample's class",
          hint="reread section 3 (how a new sample must be scaled — your exercise 2 does it), "
               "section 5 (asking the network for a class) and section 2 (what class_names[k] "
               "means).")
def check_new_sample(answer, net, sample, mean, std, class_names):
    """answer = class_names[net.predict_classes(standardize(sample, mean, std)[0])[0]]."""
    sample = np.atleast_2d(np.asarray(sample, dtype=float))
    label = int(net.predict_classes(standardize(sample, mean, std)[0])[0])
    expected = class_names[label]
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
        raise Hint(f"{int(answer)} is a class number; the answer is its name, looked up in "
                   "class_names")
    expect(isinstance(answer, str), f"the answer should be a class name (a str); it is "
                                    f"a {type(answer).__name__}")
    expect(answer in class_names, f"{answer!r} is not one of the class names "
                                  f"({', '.join(map(repr, class_names))})")
    with np.errstate(over="ignore"):
        unscaled = class_names[int(net.predict_classes(sample)[0])]
    if answer != expected and answer == unscaled:
        raise Hint(f"{answer!r} is what the network says for the unscaled sample; scale it "
                   f"first")
    expect(answer == expected, f"{answer!r} is not the network's prediction")
