"""nnlib.datasets: shipped data (values, checksum), own CSVs, standardise, one-hot, split."""

import hashlib

import numpy as np
import pytest

from nnlib import datasets

IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                 "petal width (cm)"]


# ----------------------------------------------------------------------------------- Iris

@pytest.fixture(scope="module")
def iris():
    return datasets.load_iris()


def test_iris_shapes_types_and_names(iris):
    X, y, feature_names, class_names = iris
    assert X.shape == (150, 4) and X.dtype == np.float64
    assert y.shape == (150,) and y.dtype == np.int64
    assert feature_names == IRIS_FEATURES
    assert class_names == ["setosa", "versicolor", "virginica"]
    assert iris.X is X and iris.class_names is class_names


def test_iris_classes_are_50_each_in_file_order(iris):
    assert np.bincount(iris.y).tolist() == [50, 50, 50]
    assert iris.y.tolist() == [0] * 50 + [1] * 50 + [2] * 50


def test_iris_has_the_two_corrections_to_the_uci_copy(iris):
    # 1-based samples 35 and 38; the common UCI file has 0.1 and 3.1, 1.5 instead.
    assert iris.X[34].tolist() == [4.9, 3.1, 1.5, 0.2]
    assert iris.X[37].tolist() == [4.9, 3.6, 1.4, 0.1]
    assert iris.X[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    assert iris.X[149].tolist() == [5.9, 3.0, 5.1, 1.8]


def test_iris_summary_statistics_match_the_known_values(iris):
    X = iris.X
    np.testing.assert_allclose(X.mean(axis=0), [5.843, 3.057, 3.758, 1.199], atol=5e-4)
    # column sums of the corrected data (UCI's copy: 458.1, 563.8, 179.8 for the last three)
    np.testing.assert_allclose(X.sum(axis=0), [876.5, 458.6, 563.7, 179.9], atol=1e-9)
    np.testing.assert_allclose(X.std(axis=0, ddof=1), [0.828, 0.436, 1.765, 0.762], atol=5e-4)
    assert X.min(axis=0).tolist() == [4.3, 2.0, 1.0, 0.1]
    assert X.max(axis=0).tolist() == [7.9, 4.4, 6.9, 2.5]
    np.testing.assert_allclose(X[iris.y == 0].mean(axis=0), [5.006, 3.428, 1.462, 0.246],
                               atol=1e-9)


def test_iris_checksum_constant_matches_the_shipped_file():
    raw = datasets._IRIS_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == datasets.IRIS_SHA256
    assert raw.startswith(b"# Iris flowers (Fisher 1936")


def test_iris_changed_file_raises(tmp_path, monkeypatch):
    raw = datasets._IRIS_PATH.read_bytes()
    changed = tmp_path / "iris.csv"
    changed.write_bytes(raw.replace(b"4.9,3.6,1.4,0.1", b"4.9,3.1,1.5,0.1"))
    monkeypatch.setattr(datasets, "_IRIS_PATH", changed)
    with pytest.raises(ValueError, match=r"iris.csv has been changed: expected SHA-256 "
                                         r"f6f9ce.*received [0-9a-f]{64}"):
        datasets.load_iris()


def test_iris_windows_line_endings_still_load(tmp_path, monkeypatch):
    crlf = tmp_path / "iris.csv"
    crlf.write_bytes(datasets._IRIS_PATH.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(datasets, "_IRIS_PATH", crlf)
    X, y, _, _ = datasets.load_iris()
    assert X.shape == (150, 4) and X[37].tolist() == [4.9, 3.6, 1.4, 0.1]


def test_iris_each_call_returns_fresh_arrays():
    first = datasets.load_iris()
    first.X[0, 0] = -1.0
    assert datasets.load_iris().X[0, 0] == 5.1


def test_iris_file_loads_the_same_through_load_csv(iris):
    own = datasets.load_csv(datasets._IRIS_PATH, target="species")
    np.testing.assert_array_equal(own.X, iris.X)
    np.testing.assert_array_equal(own.y, iris.y)
    assert own.feature_names == iris.feature_names and own.class_names == iris.class_names


# ---------------------------------------------------------------------------- toy tables

def test_linear_table_is_generated_by_the_articles_weights():
    X, y = datasets.load_linear_table()
    assert X.shape == (6, 3) and y.shape == (6,)
    assert X[0].tolist() == [3.0, 4.0, 7.0] and y[0] == 13.5
    np.testing.assert_allclose(X @ np.array(datasets.LINEAR_WEIGHTS), y, rtol=0, atol=1e-12)
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(w, [0.5, 0.9, 1.2], atol=1e-12)


def test_linear_table_gradient_descent_from_the_first_guess_recovers_the_weights():
    X, y = datasets.load_linear_table()
    w = np.array(datasets.LINEAR_FIRST_GUESS)
    assert w.tolist() == [0.2, 1.4, 30.0]
    first_output = X[0] @ w
    assert first_output == pytest.approx(0.2 * 3 + 1.4 * 4 + 30 * 7)     # 216.2, far from 13.5
    for _ in range(2000):
        w -= 0.01 * 2 / len(y) * X.T @ (X @ w - y)                         # ∂MSE/∂w
    np.testing.assert_allclose(w, [0.5, 0.9, 1.2], atol=1e-3)


def test_gender_table_shifted_and_raw():
    X, y, names = datasets.load_gender_table()
    assert names == ["Alice", "Bob", "Charlie", "Diana"]
    assert X.tolist() == [[-2, -1], [25, 6], [17, 4], [-15, -6]]
    assert y.tolist() == [1, 0, 0, 1] and y.dtype == np.int64
    raw = datasets.load_gender_table(shifted=False)
    assert raw.X.tolist() == [[133, 65], [160, 72], [152, 70], [120, 60]]
    assert datasets.GENDER_SHIFT == (135, 66)
    np.testing.assert_array_equal(raw.X - datasets.GENDER_SHIFT, X)


def test_shift_gender_inputs_for_emily_and_frank():
    people = datasets.GENDER_NEW_PEOPLE
    assert people == {"Emily": (128, 63), "Frank": (155, 68)}
    assert datasets.shift_gender_inputs(people["Emily"]).tolist() == [[-7, -3]]
    both = datasets.shift_gender_inputs([people["Emily"], people["Frank"]])
    assert both.tolist() == [[-7, -3], [20, 2]]
    raw = datasets.load_gender_table(shifted=False)
    np.testing.assert_array_equal(datasets.shift_gender_inputs(raw.X),
                                  datasets.load_gender_table().X)


def test_shift_gender_inputs_rejects_wrong_shape():
    with pytest.raises(ValueError, match=r"must have 2 column\(s\).*received shape \(1, 3\)"):
        datasets.shift_gender_inputs([128, 63, 1])


@pytest.mark.parametrize("loader, keyword", [(datasets.load_gender_table, "shifted"),
                                             (datasets.load_exam_scores, "scaled")])
def test_toy_table_flags_must_be_booleans(loader, keyword):
    with pytest.raises(ValueError, match=rf"{keyword} must be True or False; received 'yes'"):
        loader(**{keyword: "yes"})


def test_exam_scores_raw_and_scaled():
    X, y = datasets.load_exam_scores()
    assert X.tolist() == [[2, 9], [1, 5], [3, 6]] and y.tolist() == [92, 86, 89]
    Xs, ys = datasets.load_exam_scores(scaled=True)
    np.testing.assert_allclose(Xs, [[2 / 3, 1], [1 / 3, 5 / 9], [1, 6 / 9]], rtol=1e-15)
    np.testing.assert_allclose(ys, [0.92, 0.86, 0.89], rtol=1e-15)
    assert Xs.max(axis=0).tolist() == [1.0, 1.0]
    assert datasets.EXAM_QUESTION == (4, 8)


# ------------------------------------------------------------------------------ load_csv

def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_csv_string_labels_sorted(tmp_path):
    path = write(tmp_path, "# my flowers\nlength,width,kind\n1.5,2,rose\n3,4.25,iris\n\n"
                           "5,6,rose\n")
    X, y, features, classes = datasets.load_csv(path)
    assert X.tolist() == [[1.5, 2.0], [3.0, 4.25], [5.0, 6.0]] and X.dtype == np.float64
    assert classes == ["iris", "rose"] and y.tolist() == [1, 0, 1] and y.dtype == np.int64
    assert features == ["length", "width"]


def test_load_csv_integer_labels_sorted_numerically(tmp_path):
    path = write(tmp_path, "a,b\n10,0.5\n2,1\n1,1.5\n2,2\n")
    X, y, features, classes = datasets.load_csv(path, target=0)
    assert classes == ["1", "2", "10"] and y.tolist() == [2, 1, 0, 1]
    assert features == ["b"] and X.tolist() == [[0.5], [1], [1.5], [2]]


def test_load_csv_target_by_name_quotes_and_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes('\ufeff"label","x, mm",y\n0,"1",2\n1,3,4\n'.encode("utf-8"))
    X, y, features, classes = datasets.load_csv(path, target="label")
    assert features == ["x, mm", "y"] and X.tolist() == [[1, 2], [3, 4]]
    assert y.tolist() == [0, 1] and classes == ["0", "1"]


@pytest.mark.parametrize("text, message", [
    ("", r"empty\.csv is empty; expected a header row"),
    ("# only a comment\n\n", r"is empty; expected a header row"),
    ("a,b,c\n", r"has a header row but no data rows"),
    ("a,b,c\n1,2,x\n3,4\n", r"line 3 of .* has 2 value\(s\); expected 3"),
    ("a,b,c\n1,2,x\n3,4,y,5\n", r"line 3 of .* has 4 value\(s\); expected 3"),
    ("a,b,c\n1,2,x\n3,five,y\n", r"non-numeric value 'five' at line 3, column 'b'"),
    ("a,b,c\n1,,x\n", r"missing value '' at line 2, column 'b'"),
    ("a,b,c\nNA,2,x\n", r"missing value 'NA' at line 2, column 'a'"),
    ("a,b,c\n1,inf,x\n", r"value 'inf' at line 2, column 'b' .* is not finite"),
    ("a,b,c\n1,2,x\n1,2,?\n", r"missing class label '\?' at line 3, column 'c'"),
    ("a,b,c\n1,2,0.5\n", r"target column 'c' .* class labels .*received '0.5'"),
    ("label\n1\n", r"at least 2 columns .*received a header with 1"),
])
def test_load_csv_bad_files(tmp_path, text, message):
    path = write(tmp_path, text, name="empty.csv")
    with pytest.raises(ValueError, match=message):
        datasets.load_csv(path)


def test_load_csv_missing_file_and_folder(tmp_path):
    with pytest.raises(ValueError, match=r"expected an existing CSV file; received "
                                         r"'.*nope\.csv', which does not exist"):
        datasets.load_csv(tmp_path / "nope.csv")
    with pytest.raises(ValueError, match=r"which is a folder"):
        datasets.load_csv(tmp_path)


def test_load_csv_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("a,b\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"must be a UTF-8 text file"):
        datasets.load_csv(path)


@pytest.mark.parametrize("target, message", [
    ("kind", r"target 'kind' names no column .*expected one of .*'a', 'b', 'c'"),
    (3, r"target index must be in -3\.\.2 .*received 3"),
    (-4, r"target index must be in -3\.\.2 .*received -4"),
    (True, r"target must be a column index \(int\) or a column name \(str\); received bool"),
    (1.0, r"target must be a column index .*received float"),
])
def test_load_csv_bad_target(tmp_path, target, message):
    path = write(tmp_path, "a,b,c\n1,2,x\n")
    with pytest.raises(ValueError, match=message):
        datasets.load_csv(path, target=target)


def test_load_csv_ambiguous_target_name(tmp_path):
    path = write(tmp_path, "a,a,c\n1,2,x\n")
    with pytest.raises(ValueError, match=r"target 'a' names 2 columns"):
        datasets.load_csv(path, target="a")


# --------------------------------------------------------------------------- standardize

def test_standardize_fits_mean_zero_std_one():
    X = np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]])
    X_std, mean, std = datasets.standardize(X)
    assert mean.tolist() == [3.0, 30.0]
    np.testing.assert_allclose(std, [np.sqrt(8 / 3), np.sqrt(1400 / 3)], rtol=1e-15)
    np.testing.assert_allclose(X_std[:, 0], [-np.sqrt(1.5), 0, np.sqrt(1.5)], rtol=1e-15)
    np.testing.assert_allclose(X_std.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(X_std.std(axis=0), 1, rtol=1e-15)


def test_standardize_applies_training_statistics_to_test_data(iris):
    X_train, X_test, _, _ = datasets.train_test_split(iris.X, iris.y, stratify=True)
    train_std, mean, std = datasets.standardize(X_train)
    test_std, mean2, std2 = datasets.standardize(X_test, mean, std)
    np.testing.assert_array_equal(test_std, (X_test - mean) / std)
    assert mean2 is mean and std2 is std
    np.testing.assert_allclose(train_std.mean(axis=0), 0, atol=1e-14)
    assert np.abs(test_std.mean(axis=0)).max() > 1e-3      # test split is not re-centred
    refit, _, _ = datasets.standardize(X_test)
    assert not np.allclose(refit, test_std)


def test_standardize_constant_column_does_not_divide_by_zero():
    X = np.array([[0.1, 1.0], [0.1, 2.0], [0.1, 3.0]])
    X_std, mean, std = datasets.standardize(X)              # a RuntimeWarning would fail
    assert std[0] == 1.0 and np.all(X_std[:, 0] == 0.0)
    assert np.all(np.isfinite(X_std))


@pytest.mark.parametrize("args, message", [
    ((np.ones((2, 3)), [0, 0], [1, 1]), r"X must have 2 column\(s\) \(features\); "
                                        r"received shape \(2, 3\)"),
    ((np.ones((2, 2)), [0, 0], None), r"both mean and std .*received mean=given, std=None"),
    ((np.ones((2, 2)), None, [1, 1]), r"received mean=None, std=given"),
    ((np.ones((2, 2)), [0, 0], [1, 1, 1]), r"std must have 2 element\(s\); received 3"),
    ((np.ones((2, 2)), [0, 0], [1, 0]), r"std must be positive in every column"),
    (([[1, np.nan], [2, 3]], None, None), r"X must be finite; received 1 NaN"),
    ((np.ones((0, 2)), None, None), r"X must not be empty"),
    (([["a", "b"]], None, None), r"X must contain numbers only"),
])
def test_standardize_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        datasets.standardize(*args)


# ------------------------------------------------------------------------------- one_hot

def test_one_hot_values():
    Y = datasets.one_hot([0, 2, 1, 2])
    assert Y.dtype == np.float64
    assert Y.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]
    assert datasets.one_hot(np.array([1, 0]), n_classes=4).tolist() == [[0, 1, 0, 0],
                                                                         [1, 0, 0, 0]]


def test_one_hot_inverts_argmax(iris):
    Y = datasets.one_hot(iris.y, 3)
    assert Y.shape == (150, 3) and np.all(Y.sum(axis=1) == 1)
    np.testing.assert_array_equal(Y.argmax(axis=1), iris.y)


@pytest.mark.parametrize("y, n_classes, message", [
    ([0, 3, 5, 3], 3, r"labels in 0\.\.2 for n_classes=3; received out-of-range label\(s\) 3, 5"),
    ([0, -1], None, r"whole numbers 0, 1, 2"),
    ([0, 1.5], None, r"whole numbers 0, 1, 2"),
    ([[0, 1]], None, r"non-empty 1-D array of class labels; received shape \(1, 2\)"),
    ([], None, r"non-empty 1-D array"),
    ([0, 1], 0, r"n_classes must be a positive whole number; received 0"),
    ([0, 1], 2.5, r"n_classes must be a positive whole number; received 2.5"),
])
def test_one_hot_bad_input(y, n_classes, message):
    with pytest.raises(ValueError, match=message):
        datasets.one_hot(y, n_classes)


# ---------------------------------------------------------------------- train_test_split

def test_split_sizes_partition_and_pairing(iris):
    X_train, X_test, y_train, y_test = datasets.train_test_split(iris.X, iris.y)
    assert X_train.shape == (120, 4) and X_test.shape == (30, 4)
    assert y_train.shape == (120,) and y_test.shape == (30,) and y_test.dtype == np.int64
    both = np.vstack([X_train, X_test])
    assert sorted(map(tuple, both)) == sorted(map(tuple, iris.X))
    # each test row keeps its own label (looked up in the full table; Iris has a few duplicates)
    for x, label in zip(X_test, y_test):
        assert label in iris.y[np.all(iris.X == x, axis=1)]


def test_split_is_deterministic_by_seed(iris):
    a = datasets.train_test_split(iris.X, iris.y, seed=3)
    b = datasets.train_test_split(iris.X, iris.y, seed=3)
    c = datasets.train_test_split(iris.X, iris.y, seed=4)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[1], c[1])
    rng = np.random.default_rng(3)
    order = rng.permutation(150)
    np.testing.assert_array_equal(a[1], iris.X[order[:30]])


def test_split_shuffles_even_unstratified(iris):
    _, _, y_train, _ = datasets.train_test_split(iris.X, iris.y)
    assert y_train[:50].tolist() != [0] * 50


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_stratified_iris_split_is_40_10_per_class(iris, seed):
    _, _, y_train, y_test = datasets.train_test_split(iris.X, iris.y, seed=seed, stratify=True)
    assert np.bincount(y_train).tolist() == [40, 40, 40]
    assert np.bincount(y_test).tolist() == [10, 10, 10]
    assert y_test.tolist() != sorted(y_test.tolist())          # shuffled, not grouped by class
    assert y_train.tolist() != sorted(y_train.tolist())


def test_stratified_split_keeps_uneven_proportions():
    y = np.array([0] * 60 + [1] * 30 + [2] * 10)
    X = np.arange(100.0)[:, None]
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, 0.2, stratify=True)
    assert np.bincount(y_test).tolist() == [12, 6, 2]
    assert np.bincount(y_train).tolist() == [48, 24, 8]
    np.testing.assert_array_equal(y[X_test[:, 0].astype(int)], y_test)   # rows stay paired
    # 25 % of 7/5/3 samples = 3.75 → 4 test samples, given by largest remainders
    y = np.array([0] * 7 + [1] * 5 + [2] * 3)
    _, _, _, y_test = datasets.train_test_split(np.ones((15, 1)), y, 0.25, stratify=True)
    assert np.bincount(y_test, minlength=3).tolist() == [2, 1, 1]


def test_split_integer_test_size_and_one_hot_targets(iris):
    Y = datasets.one_hot(iris.y)
    X_train, X_test, Y_train, Y_test = datasets.train_test_split(iris.X, Y, test_size=15)
    assert X_test.shape == (15, 4) and Y_test.shape == (15, 3) and Y_train.shape == (135, 3)


@pytest.mark.parametrize("test_size, message", [
    (0.0, r"test_size as a fraction must be in \(0, 1\); received 0.0"),
    (1.0, r"test_size as a fraction must be in \(0, 1\); received 1.0"),
    (-0.1, r"must be in \(0, 1\); received -0.1"),
    (0, r"expected 1\.\.9 test samples for 10 samples; received 0"),
    (10, r"expected 1\.\.9 test samples for 10 samples; received 10"),
    (0.99, r"expected 1\.\.9 test samples for 10 samples; received 0.99"),
    ("0.2", r"test_size must be a fraction in \(0, 1\) or a whole number .*received '0.2'"),
    (True, r"test_size must be a fraction .*received True"),
])
def test_split_bad_test_size(test_size, message):
    with pytest.raises(ValueError, match=message):
        datasets.train_test_split(np.ones((10, 2)), np.arange(10), test_size=test_size)


def test_split_small_fraction_rounds_up():
    _, X_test, _, _ = datasets.train_test_split(np.ones((10, 2)), np.arange(10), 0.01)
    assert X_test.shape == (1, 2)


@pytest.mark.parametrize("X, y, kwargs, message", [
    (np.ones((10, 2)), np.arange(9), {}, r"X and y must have the same number of samples "
                                         r"\(rows\); received 10 and 9"),
    (np.ones((10, 2)), np.ones((10, 3)), {"stratify": True},
     r"stratify=True needs y as 1-D class labels; received shape \(10, 3\)"),
    (np.ones((10, 2)), np.full(10, 0.5), {"stratify": True}, r"y must hold whole numbers"),
    (np.ones((10, 2)), np.ones((10, 1, 1)), {}, r"y must be 1-D \(m,\) or 2-D"),
    (np.ones((10, 2)), ["a"] * 10, {}, r"y must contain numbers only"),
    (np.full((10, 2), np.inf), np.arange(10), {}, r"X must be finite"),
    (np.ones((10, 2)), np.arange(10), {"seed": 1.5}, r"seed must be a whole number"),
])
def test_split_bad_input(X, y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        datasets.train_test_split(X, y, **kwargs)
