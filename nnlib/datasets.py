"""Data for the course: Iris, the source articles' toy tables, a learner's own CSV, and the
preparation steps every notebook repeats (standardise, one-hot encode, split).

Shared notation: X is (m, n), one sample per row; y holds one target per sample.
"""

import csv
import hashlib
import io
import math
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._checks import as_float_array, as_labels, as_matrix, as_vector, positive_number, same_rows

__all__ = [
    "Dataset", "GenderTable", "IRIS_SHA256", "load_iris", "load_csv",
    "LINEAR_WEIGHTS", "LINEAR_FIRST_GUESS", "load_linear_table",
    "GENDER_SHIFT", "GENDER_NEW_PEOPLE", "load_gender_table", "shift_gender_inputs",
    "EXAM_QUESTION", "load_exam_scores",
    "standardize", "one_hot", "train_test_split",
]

_DATA_DIR = Path(__file__).resolve().parent / "data"
_IRIS_PATH = _DATA_DIR / "iris.csv"
#: SHA-256 of nnlib/data/iris.csv (line endings read as "\n").
IRIS_SHA256 = "f6f9ce795dd98068599c58e5933e64b749029633614df9f58b8ea30e2006fb0b"
_MISSING = {"", "na", "n/a", "nan", "null", "none", "?"}


class Dataset(NamedTuple):
    """A labelled table: ``X, y, feature_names, class_names = load_iris()`` unpacks it.

    Taught in notebooks 06_iris_classification, 07_own_data.
    """
    X: np.ndarray
    y: np.ndarray
    feature_names: list
    class_names: list


class GenderTable(NamedTuple):
    """Article 001's four people: ``X, y, names = load_gender_table()`` unpacks it.

    Taught in notebooks 01_perceptron, 04_backpropagation.
    """
    X: np.ndarray
    y: np.ndarray
    names: list


# --------------------------------------------------------------------------------------- Iris

def load_iris():
    """Fisher's Iris flowers: 150 samples, 4 measurements, 3 species (50 each).

    Returns ``Dataset(X, y, feature_names, class_names)`` (class_names are the target names):
    X (150, 4) float64 in cm, columns "sepal length (cm)", "sepal width (cm)",
    "petal length (cm)", "petal width (cm)";
    y (150,) int64 in {0, 1, 2}; class_names ``["setosa", "versicolor", "virginica"]``
    (``class_names[y[i]]`` is sample i's species).

    Read from ``nnlib/data/iris.csv``, the copy scikit-learn ships, which has the two known
    corrections to the common UCI file (sample 35: petal width 0.2; sample 38: sepal width 3.6,
    petal length 1.4). The file's SHA-256 (line endings read as "\\n", so a Windows checkout
    also passes) is checked on every load; a changed file raises ValueError.

    Taught in notebook 06_iris_classification.
    """
    raw = _IRIS_PATH.read_bytes()
    digest = hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()
    if digest != IRIS_SHA256:
        raise ValueError(f"{_IRIS_PATH} has been changed: expected SHA-256 {IRIS_SHA256}, "
                         f"received {digest}; reinstall nnlib to restore the Iris file")
    return _parse_table(raw.decode("utf-8"), str(_IRIS_PATH), target=-1)


# --------------------------------------------------------------------------------- own CSV

def load_csv(path, target=-1):
    """A learner's own table, ready for the network: ``X, y, feature_names, class_names``.

    The file is comma-separated with a header row of column names; blank lines and lines
    starting with ``#`` are skipped. ``target`` picks the class-label column, by index
    (``-1`` = last) or by name; every other column is a numeric feature.

    Returns ``Dataset``: X (m, n) float64; y (m,) int64 in 0..k−1; feature_names (n str);
    class_names (k str). Labels are mapped to 0..k−1 in sorted order: numerically when every
    label is a whole number ("1", "2", "10"), otherwise as text ("cat" < "dog"), so
    ``class_names[y[i]]`` is sample i's label as written in the file.

    Raises ValueError for a missing or empty file, no data rows, a row with the wrong number of
    values, a non-numeric feature value, a missing value ("", "NA", "nan", "?"), or a target that
    names no column — each message gives the line and column.

    Taught in notebook 07_own_data.
    """
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"load_csv expected an existing CSV file; received {str(path)!r}, "
                         f"which {'is a folder' if p.is_dir() else 'does not exist'}")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path} must be a UTF-8 text file; received undecodable bytes "
                         f"at byte {err.start}") from None
    return _parse_table(text, str(path), target)


def _read_rows(text, source):
    """(line number, list of fields) for each non-blank, non-comment line of CSV text."""
    rows = []
    for number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not fields or all(f.strip() == "" for f in fields):
            continue
        if fields[0].lstrip().startswith("#"):
            continue
        rows.append((number, [f.strip() for f in fields]))
    if not rows:
        raise ValueError(f"{source} is empty; expected a header row of column names "
                         "followed by data rows")
    if len(rows) == 1:
        raise ValueError(f"{source} has a header row but no data rows; expected at least one "
                         "row of values under the header")
    return rows


def _target_index(target, header, source):
    """Column index of ``target`` (an int index, negative allowed, or a column name)."""
    n = len(header)
    if isinstance(target, str):
        hits = [j for j, name in enumerate(header) if name == target]
        if len(hits) != 1:
            what = "no column" if not hits else f"{len(hits)} columns"
            raise ValueError(f"target {target!r} names {what} of {source}; expected one of "
                             f"the header's names: {', '.join(map(repr, header))}")
        return hits[0]
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        if -n <= target < n:
            return int(target) % n
        raise ValueError(f"target index must be in {-n}..{n - 1} for {source}'s {n} columns; "
                         f"received {target}")
    raise ValueError(f"target must be a column index (int) or a column name (str); "
                     f"received {type(target).__name__} {target!r}")


def _parse_number(value, number, column, source):
    """One feature value as a finite float, or a ValueError naming the line and column."""
    where = f"line {number}, column {column!r} of {source}"
    if value.lower() in _MISSING:
        raise ValueError(f"missing value {value!r} at {where}; expected a number "
                         "(fill in or drop incomplete rows first)")
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"non-numeric value {value!r} at {where}; expected a number "
                         "(every column except the target must be numeric)") from None
    if not math.isfinite(x):
        raise ValueError(f"value {value!r} at {where} is not finite; expected a finite number")
    return x


def _encode_labels(labels, lines, column, source):
    """Labels (str) → (y int64 in 0..k−1, class_names) in sorted order."""
    for value, number in zip(labels, lines):
        if value.lower() in _MISSING:
            raise ValueError(f"missing class label {value!r} at line {number}, column "
                             f"{column!r} of {source}; expected a label in every row")
    try:
        numbers = [float(v) for v in labels]
    except ValueError:
        numbers = None
    if numbers is not None:
        if not all(math.isfinite(x) and x == round(x) for x in numbers):
            bad = next(v for v, x in zip(labels, numbers)
                       if not (math.isfinite(x) and x == round(x)))
            raise ValueError(f"target column {column!r} of {source} must hold class labels "
                             f"(whole numbers or names); received {bad!r}")
        keys = [int(x) for x in numbers]
        classes = sorted(set(keys))
        names = [str(c) for c in classes]
    else:
        keys, classes = labels, sorted(set(labels))
        names = list(classes)
    index = {c: i for i, c in enumerate(classes)}
    return np.array([index[k] for k in keys], dtype=np.int64), names


def _parse_table(text, source, target):
    """CSV text → Dataset (see load_csv)."""
    (_, header), *body = _read_rows(text, source)
    if len(header) < 2:
        raise ValueError(f"{source} must have at least 2 columns (features and a target); "
                         f"received a header with {len(header)}: {header}")
    t = _target_index(target, header, source)
    for number, fields in body:
        if len(fields) != len(header):
            raise ValueError(f"line {number} of {source} has {len(fields)} value(s); expected "
                             f"{len(header)}, one per header column")
    features = [j for j in range(len(header)) if j != t]
    X = np.array([[_parse_number(fields[j], number, header[j], source) for j in features]
                  for number, fields in body], dtype=np.float64)
    y, class_names = _encode_labels([f[t] for _, f in body], [n for n, _ in body],
                                    header[t], source)
    return Dataset(X, y, [header[j] for j in features], class_names)


# ------------------------------------------------------------------- article 000: linear table

#: The weights that generated the linear table (article 000): y = 0.5·x1 + 0.9·x2 + 1.2·x3.
LINEAR_WEIGHTS = (0.5, 0.9, 1.2)
#: Article 000's deliberately poor first guess for the weights.
LINEAR_FIRST_GUESS = (0.2, 1.4, 30.0)
_LINEAR_X = ((3, 4, 7), (1, 3, 2), (5, 1, 3), (2, 6, 1), (4, 2, 5), (6, 5, 2))
_LINEAR_Y = (13.5, 5.6, 7.0, 7.6, 9.8, 9.9)


def load_linear_table():
    """The linear table of article 000: three inputs, one output, no noise.

    Returns ``(X, y)``: X (6, 3) float64, y (6,) float64 with y = X·w exactly for
    w = ``LINEAR_WEIGHTS`` = (0.5, 0.9, 1.2), i.e. one neuron, identity activation, no bias:
    ŷ = XW. The first row is [3, 4, 7] → 0.5·3 + 0.9·4 + 1.2·7 = 13.5, the article's first
    target. Gradient descent from ``LINEAR_FIRST_GUESS`` = (0.2, 1.4, 30) recovers w.

    Provenance: the article shows its table only as an image, which the course's text copy does
    not carry; it gives the generating weights, the first guess and the first target 13.5.
    These rows were therefore made for the course from those weights, and every row is
    consistent with them (the tests check y = X·w). Whether each row of the article's own image
    was consistent could not be checked.

    Taught in notebook 03_gradient_descent.
    """
    return np.array(_LINEAR_X, dtype=np.float64), np.array(_LINEAR_Y, dtype=np.float64)


# ------------------------------------------------------------------ article 001: gender table

#: What article 001 subtracts from (weight lb, height in) before training.
GENDER_SHIFT = (135, 66)
#: Article 001's two new people to classify, as (weight lb, height in), not shifted.
GENDER_NEW_PEOPLE = {"Emily": (128, 63), "Frank": (155, 68)}
_GENDER_NAMES = ("Alice", "Bob", "Charlie", "Diana")
_GENDER_X = ((133, 65), (160, 72), (152, 70), (120, 60))
_GENDER_Y = (1, 0, 0, 1)


def load_gender_table(shifted=True):
    """Article 001's four people: weight and height → gender (female = 1, male = 0).

    Returns ``GenderTable(X, y, names)``: X (4, 2) float64, columns [weight (lb), height (in)];
    y (4,) int64; names ["Alice", "Bob", "Charlie", "Diana"]. With ``shifted=True`` (default)
    X − ``GENDER_SHIFT``, i.e. weight − 135 and height − 66, as the article trains on:
    Alice [−2, −1], Bob [25, 6], Charlie [17, 4], Diana [−15, −6].
    Shift new people the same way with ``shift_gender_inputs``.

    Taught in notebooks 01_perceptron and 04_backpropagation.
    """
    if not isinstance(shifted, (bool, np.bool_)):
        raise ValueError(f"shifted must be True or False; received {shifted!r}")
    X = np.array(_GENDER_X, dtype=np.float64)
    if shifted:
        X = X - np.array(GENDER_SHIFT, dtype=np.float64)
    return GenderTable(X, np.array(_GENDER_Y, dtype=np.int64), list(_GENDER_NAMES))


def shift_gender_inputs(X):
    """Shift (weight lb, height in) like the training table: X − (135, 66).

    X: (m, 2), or (2,) for one person (returned as (1, 2)); returns (m, 2) float64.
    E.g. Emily (128, 63) → [−7, −3]; Frank (155, 68) → [20, 2].

    Taught in notebooks 01_perceptron and 04_backpropagation.
    """
    X = as_matrix(X, "X (weight lb, height in)", n_cols=2)
    return X - np.array(GENDER_SHIFT, dtype=np.float64)


# -------------------------------------------------------------------- article 004: exam scores

#: Article 004's question: 4 hours studied, 8 hours slept → which score? (not scaled)
EXAM_QUESTION = (4, 8)
_EXAM_X = ((2, 9), (1, 5), (3, 6))
_EXAM_Y = (92, 86, 89)


def load_exam_scores(scaled=False):
    """Article 004's table: [hours studied, hours slept] → test score.

    Returns ``(X, y)``: X (3, 2) float64 = [[2, 9], [1, 5], [3, 6]]; y (3,) float64 =
    [92, 86, 89]. With ``scaled=True``, as the article does before training a sigmoid network,
    each input column is divided by its maximum (3 hours studied, 9 hours slept) and the scores
    by 100, so everything lies in (0, 1]: X = [[2/3, 1], [1/3, 5/9], [1, 2/3]],
    y = [0.92, 0.86, 0.89]. Scale ``EXAM_QUESTION`` (4, 8) with the same maxima.

    Taught in notebook 04_backpropagation.
    """
    if not isinstance(scaled, (bool, np.bool_)):
        raise ValueError(f"scaled must be True or False; received {scaled!r}")
    X = np.array(_EXAM_X, dtype=np.float64)
    y = np.array(_EXAM_Y, dtype=np.float64)
    if scaled:
        return X / X.max(axis=0), y / 100.0
    return X, y


# ------------------------------------------------------------------------------- preparation

def standardize(X, mean=None, std=None):
    """Give each feature mean 0 and standard deviation 1: X_std = (X − mean) / std.

    X: (m, n). Without ``mean`` and ``std`` they are fitted on X, per column:
    mean = (1/m) Σ_i X_ij and std = √((1/m) Σ_i (X_ij − mean_j)²) (population std).
    With both given (shape (n,), e.g. from the training split) they are applied as they are, so
    the test split is scaled with the training statistics. A constant column (std 0) gets
    std 1 (and its value as mean), so it becomes all zeros instead of dividing by zero.

    Returns ``(X_std (m, n), mean (n,), std (n,))``, all float64.
    Taught in notebook 06_iris_classification.
    """
    if (mean is None) != (std is None):
        raise ValueError("standardize expects both mean and std (to apply them) or neither "
                         f"(to fit them); received mean={'None' if mean is None else 'given'}, "
                         f"std={'None' if std is None else 'given'}")
    if mean is None:
        X = as_matrix(X, "X")
        constant = X.max(axis=0) == X.min(axis=0)
        mean = np.where(constant, X[0], X.mean(axis=0))     # exact, so the column becomes 0
        std = np.where(constant, 1.0, X.std(axis=0))
    else:
        mean = as_vector(mean, "mean")
        std = as_vector(std, "std", length=mean.size)
        if np.any(std <= 0):
            raise ValueError(f"std must be positive in every column; received {std}")
        X = as_matrix(X, "X", n_cols=mean.size)
    return (X - mean) / std, mean, std


def one_hot(y, n_classes=None):
    """Class labels → one-hot rows: Y[i, y[i]] = 1, all else 0.

    y: (m,) whole numbers in 0..k−1; ``n_classes`` = k (default: max(y) + 1).
    Returns Y (m, k) float64, each row summing to 1. E.g. [0, 2] → [[1, 0, 0], [0, 0, 1]].
    Taught in notebook 06_iris_classification.
    """
    labels = as_labels(y, "y")
    if n_classes is None:
        k = int(labels.max()) + 1
    else:
        k = positive_number(n_classes, "n_classes", integer=True)
        bad = np.unique(labels[labels >= k])
        if bad.size:
            raise ValueError(f"y must hold labels in 0..{k - 1} for n_classes={k}; received "
                             f"out-of-range label(s) {', '.join(map(str, bad.tolist()))}")
    Y = np.zeros((labels.size, k), dtype=np.float64)
    Y[np.arange(labels.size), labels] = 1.0
    return Y


def _test_count(test_size, m):
    """Number of test samples: a fraction in (0, 1) (rounded up) or a whole count."""
    number = isinstance(test_size, (int, float, np.integer, np.floating))
    if isinstance(test_size, (bool, np.bool_)) or not number:
        raise ValueError(f"test_size must be a fraction in (0, 1) or a whole number of samples; "
                         f"received {test_size!r}")
    if isinstance(test_size, (int, np.integer)):
        n_test = int(test_size)
    elif 0 < test_size < 1:
        n_test = math.ceil(round(test_size * m, 9))
    else:
        raise ValueError(f"test_size as a fraction must be in (0, 1); received {test_size!r}")
    if not 1 <= n_test <= m - 1:
        raise ValueError(f"test_size must leave at least one sample in each split: expected "
                         f"1..{m - 1} test samples for {m} samples; received {test_size!r}")
    return n_test


def _stratified_counts(labels, n_test):
    """Test samples per class, proportional to class sizes (largest remainders first)."""
    classes, sizes = np.unique(labels, return_counts=True)
    exact = sizes * n_test / labels.size
    counts = np.floor(exact).astype(int)
    extra = n_test - counts.sum()
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:extra]] += 1
    return classes, counts


def train_test_split(X, y, test_size=0.2, seed=0, stratify=False):
    """Shuffle the samples and hold some out: ``(X_train, X_test, y_train, y_test)``.

    X: (m, n); y: (m,) or (m, k) (rows stay paired with X). ``test_size``: a fraction in (0, 1)
    (the test split gets ⌈test_size·m⌉ samples) or a whole number of samples. The shuffle uses
    ``np.random.default_rng(seed)``, so the same seed gives the same split.
    With ``stratify=True`` (y must be 1-D class labels) each class is split in the same
    proportion, so both splits keep the class balance: Iris with test_size 0.2 → 40 train and
    10 test flowers of each species.

    Taught in notebook 06_iris_classification.
    """
    X = as_matrix(X, "X")
    y_arr = np.asarray(y)
    as_float_array(y_arr, "y")
    if y_arr.ndim not in (1, 2):
        raise ValueError(f"y must be 1-D (m,) or 2-D (m, k); received shape {y_arr.shape}")
    same_rows(X, y_arr, "X", "y")
    n_test = _test_count(test_size, X.shape[0])
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise ValueError(f"seed must be a whole number (or None); received {seed!r}")
    rng = np.random.default_rng(seed)
    if stratify:
        if y_arr.ndim != 1:
            raise ValueError(f"stratify=True needs y as 1-D class labels; received shape "
                             f"{y_arr.shape} (pass labels, then one_hot each split)")
        labels = as_labels(y_arr, "y")
        classes, counts = _stratified_counts(labels, n_test)
        test = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:k]
                               for c, k in zip(classes, counts)])
        test = rng.permutation(test)
        train = rng.permutation(np.setdiff1d(np.arange(X.shape[0]), test))
    else:
        order = rng.permutation(X.shape[0])
        test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y_arr[train], y_arr[test]
