"""Checkers of notebook 07: right answers pass, placeholders are "not done yet", typical
mistakes get their specific hint — on the notebook's own fruit table."""

import numpy as np
import pytest

import nnlib
from nnlib.datasets import load_csv, one_hot, standardize, train_test_split
from nnlib.exercises import own_data as ex

NEW_FRUIT = np.array([[150.0, 7.2, 7.4], [118.0, 5.9, 8.3]])


@pytest.fixture(scope="module")
def fruit(tmp_path_factory):
    """The notebook's table (same seed and centres), split in three as the notebook does, scaled,
    and a trained network."""
    rng = np.random.default_rng(0)
    centres = {"apple": (160, 7.5, 7.2), "lemon": (120, 6.0, 8.0), "orange": (190, 8.2, 7.8)}
    rows = ["mass_g,width_cm,height_cm,kind"]
    for kind, centre in centres.items():
        for mass, width, height in rng.normal(centre, (15, 0.4, 0.4), size=(30, 3)):
            rows.append(f"{mass:.0f},{width:.1f},{height:.1f},{kind}")
    path = tmp_path_factory.mktemp("fruit") / "fruit.csv"
    path.write_text("\n".join(rows) + "\n")
    X, y, _, class_names = load_csv(path, target="kind")
    X_rest, X_test, y_rest, _ = train_test_split(X, y, test_size=0.2, seed=0, stratify=True)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, test_size=0.25, seed=1,
                                              stratify=True)
    assert (len(X_train), len(X_test)) == (54, 18)          # 54 / 18 / 18, as printed
    X_train_std, mean, std = standardize(X_train)
    X_test_std, _, _ = standardize(X_test, mean, std)
    net = nnlib.MLP([3, 8, 3], hidden="tanh", output="softmax", loss="cross_entropy", seed=0)
    net.fit(X_train_std, one_hot(y_train, 3), lr=0.5, epochs=300)
    return dict(X=X, class_names=class_names, X_train=X_train, X_test_std=X_test_std,
                mean=mean, std=std, net=net)


def verdict(checker, *answers):
    result = checker.check(*answers)
    return result.mark, result.detail


# ------------------------------------------------------------------ exercise 1: table shape
def test_table_shape(fruit):
    X, names = fruit["X"], fruit["class_names"]
    assert verdict(ex.check_table_shape, 90, 3, 3, X, names)[0] == "✅"
    assert verdict(ex.check_table_shape, None, None, None, X, names)[0] == "⏳"
    mark, detail = verdict(ex.check_table_shape, 3, 90, 3, X, names)
    assert mark == "❌" and "swapped" in detail
    mark, detail = verdict(ex.check_table_shape, 90, 3, 90, X, names)
    assert mark == "❌" and "count the classes" in detail
    mark, detail = verdict(ex.check_table_shape, 89, 3, 3, X, names)
    assert mark == "❌" and "n_samples" in detail and "small" in detail


# ------------------------------------------------------------------ exercise 2: scaling
def test_new_scaling(fruit):
    X_train, mean, std = fruit["X_train"], fruit["mean"], fruit["std"]
    right = (NEW_FRUIT - mean) / std
    assert verdict(ex.check_new_scaling, right, X_train, NEW_FRUIT)[0] == "✅"
    assert verdict(ex.check_new_scaling, None, X_train, NEW_FRUIT)[0] == "⏳"
    own = (NEW_FRUIT - NEW_FRUIT.mean(axis=0)) / NEW_FRUIT.std(axis=0)
    assert "their own mean" in verdict(ex.check_new_scaling, own, X_train, NEW_FRUIT)[1]
    assert "not scaled yet" in verdict(ex.check_new_scaling, NEW_FRUIT, X_train, NEW_FRUIT)[1]
    centred = NEW_FRUIT - mean
    assert "not divided" in verdict(ex.check_new_scaling, centred, X_train, NEW_FRUIT)[1]


# ------------------------------------------------------------------ exercise 3: save and reload
def test_save_and_reload(fruit):
    net, X = fruit["net"], fruit["X_test_std"]

    def right(net, path):
        net.save(path)
        return nnlib.MLP.load(path)

    def placeholder(net, path):
        return None

    def same_object(net, path):
        net.save(path)
        return net

    def no_file(net, path):
        return nnlib.MLP([3, 8, 3], hidden="tanh", output="softmax", loss="cross_entropy")

    assert verdict(ex.check_save_and_reload, right, net, X)[0] == "✅"
    assert verdict(ex.check_save_and_reload, placeholder, net, X)[0] == "⏳"
    assert "same network object" in verdict(ex.check_save_and_reload, same_object, net, X)[1]
    assert "did not write a file" in verdict(ex.check_save_and_reload, no_file, net, X)[1]


# ------------------------------------------------------------------ exercise 4: a new sample
def test_new_sample(fruit):
    net, mean, std, names = fruit["net"], fruit["mean"], fruit["std"], fruit["class_names"]
    sample = NEW_FRUIT[0]
    label = int(net.predict_classes(standardize(sample[None], mean, std)[0])[0])
    args = (net, sample, mean, std, names)
    assert verdict(ex.check_new_sample, names[label], *args)[0] == "✅"
    assert verdict(ex.check_new_sample, None, *args)[0] == "⏳"
    mark, detail = verdict(ex.check_new_sample, label, *args)
    assert mark == "❌" and "class number" in detail
    other = next(name for name in names if name != names[label])
    mark, detail = verdict(ex.check_new_sample, other, *args)
    assert mark == "❌" and other in detail
    assert "not one of the class names" in verdict(ex.check_new_sample, "banana", *args)[1]


def test_new_sample_unscaled_mistake_is_named(fruit):
    """A sample the network classifies differently without scaling gets the 'scale it' hint."""
    net, mean, std, names = fruit["net"], fruit["mean"], fruit["std"], fruit["class_names"]
    for sample in fruit["X"]:
        scaled = int(net.predict_classes(standardize(sample[None], mean, std)[0])[0])
        with np.errstate(over="ignore"):
            raw = int(net.predict_classes(sample[None])[0])
        if raw != scaled:
            break
    else:
        pytest.fail("every sample gets the same class scaled and unscaled")
    detail = verdict(ex.check_new_sample, names[raw], net, sample, mean, std, names)[1]
    assert "unscaled" in detail and "scale it first" in detail


def test_general_hints_point_to_sections_without_the_answer():
    for checker in (ex.check_table_shape, ex.check_new_scaling, ex.check_save_and_reload,
                    ex.check_new_sample):
        assert "section" in checker.hint
        for giveaway in ("standardize(", "MLP.load", ".save(", "X.shape", "len("):
            assert giveaway not in checker.hint, (checker.title, giveaway)


# ------------------------------------------------------------------ any table, not just the fruit
def test_checkers_hold_for_another_table(tmp_path):
    """The notebook tells learners to load their own file: the checkers take the table they are
    given, so right answers pass and the classic slips are named on a 2-feature, 2-class table
    with whole-number classes too."""
    rng = np.random.default_rng(1)
    rows = ["length,weight,label"]
    for label, centre in ((7, (10.0, 300.0)), (3, (14.0, 250.0))):
        for length, weight in rng.normal(centre, (1.0, 20.0), size=(20, 2)):
            rows.append(f"{length:.2f},{weight:.1f},{label}")
    path = tmp_path / "mine.csv"
    path.write_text("\n".join(rows) + "\n")
    X, y, features, names = load_csv(path)
    assert X.shape == (40, 2) and names == ["3", "7"]
    assert verdict(ex.check_table_shape, 40, 2, 2, X, names)[0] == "✅"
    assert "swapped" in verdict(ex.check_table_shape, 2, 40, 2, X, names)[1]

    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, seed=0, stratify=True)
    X_train_std, mean, std = standardize(X_train)
    new = np.array([[11.0, 290.0], [13.5, 255.0]])
    assert verdict(ex.check_new_scaling, (new - mean) / std, X_train, new)[0] == "✅"
    assert "not scaled yet" in verdict(ex.check_new_scaling, new, X_train, new)[1]

    net = nnlib.MLP([len(features), 8, len(names)], hidden="tanh", output="softmax",
                    loss="cross_entropy", seed=0)
    net.fit(X_train_std, one_hot(y_train, len(names)), lr=0.5, epochs=200)
    label = int(net.predict_classes(standardize(new[:1], mean, std)[0])[0])
    args = (net, new[0], mean, std, names)
    assert verdict(ex.check_new_sample, names[label], *args)[0] == "✅"
    assert "class number" in verdict(ex.check_new_sample, label, *args)[1]


# ------------------------------------------------------------------- grading: hidden tests

def worked_save_and_reload(net, path):
    """Save `net` to `path`, read it back, and return the network read from the file."""
    net.save(path)
    return nnlib.MLP.load(path)


def rebuilt_with_the_notebooks_settings(net, path):
    """Writes the file, but returns a network rebuilt with the notebook's own settings
    (tanh, softmax, cross-entropy) and a copy of the parameters: right for the notebook's
    network only."""
    net.save(path)
    copy = nnlib.MLP(net.sizes, hidden="tanh", output="softmax", loss="cross_entropy")
    for p, q in zip(copy.params, net.params):
        p[...] = q
    return copy


def test_save_and_reload_scores_for_grading(fruit, capsys):
    net, X = fruit["net"], fruit["X_test_std"]
    checker = ex.check_save_and_reload
    assert checker.score(worked_save_and_reload, net, X) == 2.0
    assert capsys.readouterr().out == ""
    assert checker.check(rebuilt_with_the_notebooks_settings, net, X).passed
    assert checker.score(rebuilt_with_the_notebooks_settings, net, X) == 1.0
    printed = capsys.readouterr().out
    assert "hidden test does not pass" in printed
    assert "other settings than a 3-6-2 ReLU network with the MSE cost" in printed
    assert checker.score(None, net, X) == 0.0


def test_save_and_reload_hidden_path_is_a_str_in_a_folder_with_a_space(fruit):
    def path_objects_only(net, path):           # path.with_suffix: a Path method, not a str one
        net.save(path.with_suffix(".npz"))
        return nnlib.MLP.load(path.with_suffix(".npz"))

    net, X = fruit["net"], fruit["X_test_std"]
    assert ex.check_save_and_reload.check(path_objects_only, net, X).passed
    detail = ex.check_save_and_reload.check_hidden(path_objects_only, net, X).detail
    assert "raised AttributeError" in detail and "path a str" in detail


def test_answers_without_hidden_tests_get_full_marks_when_right(fruit):
    X, names, X_train = fruit["X"], fruit["class_names"], fruit["X_train"]
    mean, std, net = fruit["mean"], fruit["std"], fruit["net"]
    assert ex.check_table_shape.score(90, 3, 3, X, names) == 2.0
    assert ex.check_new_scaling.score((NEW_FRUIT - mean) / std, X_train, NEW_FRUIT) == 2.0
    first_std, _, _ = standardize(NEW_FRUIT[:1], mean, std)
    first_kind = names[net.predict_classes(first_std)[0]]
    assert ex.check_new_sample.score(first_kind, net, NEW_FRUIT[0], mean, std, names) == 2.0
    for checker in (ex.check_table_shape, ex.check_new_scaling, ex.check_new_sample):
        assert checker.hidden_fn is None
