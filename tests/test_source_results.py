"""The source articles' results, reproduced with nnlib (appendix 08 · About the sources tells the story)."""

import numpy as np

from nnlib import MLP, Perceptron, datasets


def test_000_gradient_descent_recovers_the_linear_weights():
    X, y = datasets.load_linear_table()
    net = MLP([3, 1], output="identity", loss="mse", bias=False)
    net.params[0][:, 0] = [0.2, 1.4, 30.0]                   # the article's first guess
    history = net.fit(X, y, lr=0.01, epochs=3000)
    np.testing.assert_allclose(net.params[0][:, 0], [0.5, 0.9, 1.2], atol=1e-3)
    assert history.loss[0] > 1000 and history.loss[-1] < 1e-6
    np.testing.assert_allclose(net.params[0][:, 0], np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-3)


def test_001_sgd_network_calls_emily_female_and_frank_male():
    X, y, _ = datasets.load_gender_table()
    assert X.tolist() == [[-2, -1], [25, 6], [17, 4], [-15, -6]]
    net = MLP([2, 2, 1], hidden="sigmoid", output="sigmoid", loss="mse")
    history = net.fit(X, y, lr=0.1, epochs=1000, batch_size=1)
    assert history.loss[-1] < 0.01 and history.accuracy[-1] == 1.0
    emily, frank = net.predict([[128 - 135, 63 - 66], [155 - 135, 68 - 66]])
    assert emily > 0.9 and frank < 0.1


def test_003_perceptron_learns_and_not_or_but_not_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    for y in ([0, 0, 0, 1], [0, 1, 1, 1]):                   # AND, OR: separable
        p = Perceptron(2)
        assert p.fit(X, y, epochs=100).mistakes[-1] == 0
        np.testing.assert_array_equal(p.predict(X), y)
    xor = Perceptron(2).fit(X, [0, 1, 1, 0], epochs=100)
    assert min(xor.mistakes) > 0


def _iris_test_accuracy(split_seed):
    X, y, _, _ = datasets.load_iris()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_size=0.2,
                                                                 seed=split_seed, stratify=True)
    X_train, mean, std = datasets.standardize(X_train)
    X_test, _, _ = datasets.standardize(X_test, mean, std)    # the training split's statistics
    net = MLP([4, 16, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    history = net.fit(X_train, datasets.one_hot(y_train, 3), lr=0.1, epochs=1000)
    assert history.accuracy[-1] >= 0.95
    return np.mean(net.predict_classes(X_test) == y_test)


def test_002_iris_network_reaches_90_percent_test_accuracy():
    # 30 test flowers make one split's accuracy jumpy: split seed 0 happens to hold 4 flowers
    # of the versicolor/virginica overlap (0.867 however long we train), seeds 1-3 give
    # 0.93-1.0. So the claim is tested over five stratified seeded splits.
    accuracies = [_iris_test_accuracy(seed) for seed in range(5)]
    assert np.mean(accuracies) >= 0.9 and min(accuracies) >= 0.85
