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
from nnlib.exercises.core import Hint, exercise, expect, expect_array, expect_number
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


@exercise("Exercise 3 — save and reload",
          hint="reread section 5, 'Save and load': one call writes the file, one reads it back.")
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
