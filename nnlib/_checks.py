"""Input checks shared by every public function of nnlib.

Each check turns a learner's mistake into a ``ValueError`` whose message names what was expected
and what was received, instead of a bare numpy error from deep inside a computation.
"""

import numpy as np


def _describe(a):
    """A short description of what was received, for error messages."""
    if isinstance(a, np.ndarray):
        return f"an array of shape {a.shape} and dtype {a.dtype}"
    return f"{type(a).__name__} {a!r:.60}"


def as_float_array(a, name):
    """Convert ``a`` to a float64 array, rejecting non-numeric values, NaN and infinity."""
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must contain numbers only; received {_describe(a)}") from None
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite; received {bad} NaN or infinite value(s) "
                         f"in an array of shape {arr.shape}")
    return arr


def as_matrix(a, name, n_cols=None):
    """``a`` as a non-empty float (m, n) matrix; a 1-D input is read as one sample (1, n).

    ``n_cols``, when given, is the expected number of columns (features).
    """
    arr = as_float_array(a, name)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array (m samples, n features); "
                         f"received shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must not be empty; received shape {arr.shape}")
    if n_cols is not None and arr.shape[1] != n_cols:
        raise ValueError(f"{name} must have {n_cols} column(s) (features); "
                         f"received shape {arr.shape}")
    return arr


def as_vector(a, name, length=None):
    """``a`` as a non-empty 1-D float vector, of ``length`` elements when given."""
    arr = as_float_array(a, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D; received shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; received shape {arr.shape}")
    if length is not None and arr.size != length:
        raise ValueError(f"{name} must have {length} element(s); received {arr.size}")
    return arr


def as_labels(y, name, n_classes=None, length=None):
    """Integer class labels as a 1-D int array, each in ``0 .. n_classes-1`` when given."""
    arr = as_float_array(y, name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of class labels; "
                         f"received shape {arr.shape}")
    if not np.all(arr == np.round(arr)) or arr.min() < 0:
        raise ValueError(f"{name} must hold whole numbers 0, 1, 2, ...; "
                         f"received values such as {arr[(arr != np.round(arr)) | (arr < 0)][:3]}")
    labels = arr.astype(np.int64)
    if n_classes is not None and labels.max() >= n_classes:
        raise ValueError(f"{name} must be in 0..{n_classes - 1} for {n_classes} classes; "
                         f"received a label {labels.max()}")
    if length is not None and labels.size != length:
        raise ValueError(f"{name} must have {length} label(s), one per sample; "
                         f"received {labels.size}")
    return labels


def same_rows(a, b, name_a, name_b):
    """Check that two arrays describe the same number of samples (rows)."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{name_a} and {name_b} must have the same number of samples (rows); "
                         f"received {a.shape[0]} and {b.shape[0]}")


def positive_number(x, name, integer=False):
    """A positive finite number (a learning rate, an epoch count, ...)."""
    kind = "a positive whole number" if integer else "a positive number"
    try:
        ok = np.isfinite(x) and x > 0 and (not integer or float(x) == int(x))
    except TypeError:
        ok = False
    if not ok or isinstance(x, bool):
        raise ValueError(f"{name} must be {kind}; received {x!r}")
    return int(x) if integer else float(x)


def choice(value, name, options):
    """One of a fixed set of names (an activation, a loss, an optimiser)."""
    if value not in options:
        raise ValueError(f"unknown {name} {value!r}; expected one of: {', '.join(sorted(options))}")
    return value


def targets(Y, m, n_out, loss_name):
    """Targets ``Y`` for a network with ``n_out`` outputs: (m, n_out) floats, (m,) allowed when
    ``n_out`` is 1; one-hot rows for cross-entropy, values in [0, 1] for binary cross-entropy."""
    Y = as_float_array(Y, "Y")
    if Y.ndim == 1 and n_out == 1:
        Y = Y[:, None]
    if Y.ndim != 2 or Y.shape != (m, n_out):
        hint = (" (one-hot encode labels: nnlib.datasets.one_hot(y, n_classes))"
                if Y.ndim == 1 and n_out > 1 else "")
        raise ValueError(f"Y must have shape ({m}, {n_out}): one row per sample of X, one column "
                         f"per output; received shape {Y.shape}{hint}")
    if loss_name == "cross_entropy" and (np.any((Y != 0) & (Y != 1)) or np.any(Y.sum(axis=1) != 1)):
        raise ValueError("cross_entropy needs one-hot Y: one 1 per row, zeros elsewhere; received "
                         f"rows such as {Y[(Y.sum(axis=1) != 1) | np.any((Y != 0) & (Y != 1), axis=1)][0]}")
    if loss_name == "binary_cross_entropy" and np.any((Y < 0) | (Y > 1)):
        raise ValueError(f"binary_cross_entropy needs Y in [0, 1]; received values from "
                         f"{Y.min():.3g} to {Y.max():.3g}")
    return Y


def named(value, kind, table, cls):
    """``table[value]`` for a name, ``value`` itself when it is already a ``cls`` object.

    ``kind`` names what is looked up ("activation", "loss", "optimizer") in error messages.
    """
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        raise ValueError(f"{kind} must be a name or {article} {cls.__name__}; received {value!r}")
    return table[choice(value, kind, table)]
