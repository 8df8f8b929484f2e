"""Exercise checkers of notebook 06_own_data (your own CSV, saved and loaded networks).

Each checker receives the learner's answer first, then the notebook's data it is checked
against, so the checks hold for any table the learner loads.
"""

import tempfile
from pathlib import Path

import numpy as np

from nnlib.datasets import standardize
from nnlib.exercises.core import Hint, exercise, expect, expect_array, expect_number
from nnlib.mlp import MLP


@exercise("Exercise 1 — read the table's shape",
          hint="X has one row per sample and one column per feature; class_names lists the "
               "classes.")
def check_table_shape(n_samples, n_features, n_classes, X, class_names):
    """n_samples = m, n_features = n for X (m, n); n_classes = len(class_names)."""
    expect_number(n_samples, np.shape(X)[0], "n_samples")
    expect_number(n_features, np.shape(X)[1], "n_features")
    expect_number(n_classes, len(class_names), "n_classes")


@exercise("Exercise 2 — scale new samples",
          hint="standardize(samples, mean, std) with the mean and std of the training split.")
def check_new_scaling(X_new_std, X_train, X_new):
    """X_new_std = (X_new − mean_train) / std_train."""
    _, mean, std = standardize(X_train)
    own, _, _ = standardize(X_new)
    got = np.asarray(X_new_std, dtype=float)
    if got.shape == own.shape and np.allclose(got, own):
        raise Hint("these samples were scaled with their own mean and std; the network "
                   "learned the training split's scale")
    if got.shape == X_new.shape and np.allclose(got, X_new):
        raise Hint("the samples are not scaled yet")
    expect_array(got, (X_new - mean) / std, "the scaled samples")


@exercise("Exercise 3 — save and reload",
          hint="net.save(path) writes the file; MLP.load(path) returns the network it holds.")
def check_save_and_reload(save_and_reload, net, X):
    """save_and_reload(net, path) must write `path` and return the network read back from it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.npz"
        loaded = save_and_reload(net, path)
        expect(path.exists(), "save_and_reload(net, path) did not write a file at path")
    expect(isinstance(loaded, MLP), f"save_and_reload should return an MLP; it returned "
                                    f"a {type(loaded).__name__}")
    expect(loaded is not net, "save_and_reload returned the same network object: return the "
                              "one MLP.load(path) reads back")
    expect(list(loaded.sizes) == list(net.sizes),
           f"the reloaded network has sizes {list(loaded.sizes)}, expected {list(net.sizes)}")
    expect_array(loaded.predict(X), net.predict(X), "the reloaded network's predictions")


@exercise("Exercise 4 — name a new sample's class",
          hint="Scale the new sample with the training mean and std, then predict_classes, then "
               "look the number up in class_names.")
def check_new_sample(answer, net, sample, mean, std, class_names):
    """answer = class_names[net.predict_classes(standardize(sample, mean, std)[0])[0]]."""
    sample = np.atleast_2d(np.asarray(sample, dtype=float))
    expected = class_names[int(net.predict_classes(standardize(sample, mean, std)[0])[0])]
    expect(isinstance(answer, str), f"the answer should be a class name (a str); it is "
                                    f"a {type(answer).__name__}")
    with np.errstate(over="ignore"):
        unscaled = class_names[int(net.predict_classes(sample)[0])]
    if answer != expected and answer == unscaled:
        raise Hint(f"{answer!r} is what the network says for the unscaled sample; scale it "
                   f"first")
    expect(answer == expected, f"{answer!r} is not the network's prediction")
