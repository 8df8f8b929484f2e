"""nnlib.MLP: backprop against finite differences for every valid combination, params, fit,
save/load, and the error messages."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnlib import MLP, activations
from nnlib.gradcheck import check_gradients

HIDDEN = ["sigmoid", "tanh", "relu", "identity", "softmax"]
OUTPUT_LOSS = [(o, "mse") for o in ["sigmoid", "tanh", "relu", "identity", "softmax"]] + [
    ("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")]
COMBOS = [(h, o, loss, b) for h, (o, loss), b in itertools.product(HIDDEN, OUTPUT_LOSS, [True, False])]


def _targets(rng, loss, m, k):
    if loss == "cross_entropy":
        return np.eye(k)[rng.integers(0, k, m)]
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, (m, k)).astype(float)
    return rng.normal(size=(m, k))


def _far_from_kinks(net, X):
    """No ReLU input within 1e-3 of its kink at 0 (finite differences would straddle it)."""
    return all(np.min(np.abs(Z)) > 1e-3 for (Z, _), g in zip(net.forward_cache(X), net.layers)
               if g.name == "relu")


def _checked_net(sizes, hidden, output, loss, bias, seed, m):
    for s in range(seed, seed + 50):
        rng = np.random.default_rng(s)
        net = MLP(sizes, hidden=hidden, output=output, loss=loss, bias=bias, seed=s)
        for p in net.biases:                       # non-zero biases, so their gradients matter
            p[:] = rng.normal(0, 0.5, p.shape)
        X = rng.normal(size=(m, sizes[0]))
        if _far_from_kinks(net, X):
            return net, X, _targets(rng, loss, m, sizes[-1])
    raise AssertionError("no seed kept the ReLU inputs away from 0")


@pytest.mark.parametrize("hidden, output, loss, bias", COMBOS)
def test_backprop_matches_finite_differences(hidden, output, loss, bias):
    net, X, Y = _checked_net([3, 4, 3, 2], hidden, output, loss, bias, seed=0, m=5)
    assert check_gradients(net, X, Y) < 1e-6


@settings(max_examples=40, deadline=None)
@given(combo=st.sampled_from(COMBOS), seed=st.integers(0, 10_000), m=st.integers(1, 6),
       sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4))
def test_backprop_property(combo, seed, m, sizes):
    hidden, output, loss, bias = combo
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    rng = np.random.default_rng(seed)
    net = MLP(sizes, hidden=hidden, output=output, loss=loss, bias=bias, seed=seed)
    X = rng.normal(size=(m, sizes[0]))
    assume(_far_from_kinks(net, X))
    assert check_gradients(net, X, _targets(rng, loss, m, sizes[-1])) < 1e-6


def test_params_are_the_arrays_the_network_uses():
    net = MLP([4, 16, 3], hidden="relu", output="softmax", loss="cross_entropy")
    assert [p.shape for p in net.params] == [(4, 16), (16,), (16, 3), (3,)]
    assert repr(net) == "MLP([4, 16, 3], hidden=relu, output=softmax, loss=cross_entropy, 131 parameters)"
    X = np.ones((2, 4))
    net.params[3] += 5.0                            # in place: shifts every logit equally
    before = net.forward(X)
    net.params[3][0] += 100.0
    assert np.all(net.forward(X)[:, 0] > 0.99) and not np.allclose(before, net.forward(X))
    plain = MLP([3, 1], output="identity", bias=False)
    assert [p.shape for p in plain.params] == [(3, 1)] and plain.biases == []
    assert repr(plain) == "MLP([3, 1], output=identity, loss=mse, bias=False, 3 parameters)"


def test_forward_cache_shapes_and_values():
    net = MLP([2, 3, 1], hidden="tanh")
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    cache = net.forward_cache(X)
    assert [(Z.shape, A.shape) for Z, A in cache] == [((2, 3), (2, 3)), ((2, 1), (2, 1))]
    W1, b1, W2, b2 = net.params
    np.testing.assert_allclose(cache[0][1], np.tanh(X @ W1 + b1))
    np.testing.assert_allclose(cache[1][1], activations.sigmoid(cache[0][1] @ W2 + b2))
    np.testing.assert_allclose(net.forward(X), cache[1][1])
    np.testing.assert_allclose(net.predict(X), cache[1][1][:, 0])


def test_initialisation_he_for_relu_glorot_otherwise_and_seeded():
    net = MLP([400, 300, 200], hidden="relu", output="sigmoid")
    assert np.std(net.params[0]) == pytest.approx(np.sqrt(2 / 400), rel=0.03)
    assert np.std(net.params[2]) == pytest.approx(np.sqrt(2 / 500), rel=0.03)
    assert np.all(net.params[1] == 0)
    same, other = MLP([400, 300, 200], hidden="relu", seed=0), MLP([400, 300, 200], hidden="relu", seed=1)
    np.testing.assert_array_equal(same.params[0], net.params[0])
    assert not np.allclose(other.params[0], net.params[0])
    assert np.std(MLP([400, 300], init=0.1).params[0]) == pytest.approx(0.1, rel=0.03)


def test_single_output_accepts_1d_targets_and_step_is_gradient_descent():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 3)), rng.integers(0, 2, 8).astype(float)
    net = MLP([3, 2, 1], loss="binary_cross_entropy")
    assert net.loss(X, y) == net.loss(X, y[:, None])
    expected = [p - 0.5 * g for p, g in zip(net.params, net.backward(X, y))]
    J = net.step(X, y, 0.5)
    assert J == pytest.approx(MLP([3, 2, 1], loss="binary_cross_entropy").loss(X, y))
    for p, q in zip(net.params, expected):
        np.testing.assert_allclose(p, q)
    assert set(net.predict_classes(X)) <= {0, 1}


def test_fit_history_callback_batches_and_divergence():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    labels = (X[:, 0] + X[:, 1] > 0).astype(int)
    Y = np.eye(2)[labels]
    net = MLP([2, 8, 2], hidden="tanh", output="softmax", loss="cross_entropy")
    history = net.fit(X, Y, lr=0.5, epochs=200)
    assert len(history.loss) == len(history.accuracy) == 200
    assert history.loss[-1] < 0.5 * history.loss[0] and history.accuracy[-1] >= 0.95
    assert np.mean(net.predict_classes(X) == labels) >= 0.95
    stopped = net.fit(X, Y, epochs=100, callback=lambda epoch, n, h: epoch == 4)
    assert len(stopped) == 5 and "loss" in repr(stopped)
    mini = MLP([2, 8, 2], hidden="tanh", output="softmax", loss="cross_entropy").fit(
        X, Y, lr=0.1, epochs=20, batch_size=7, optimizer="momentum")
    assert len(mini.loss) == 20 and mini.loss[-1] < mini.loss[0]
    regression = MLP([2, 1], output="identity").fit(X, X @ [3.0, -1.0], lr=0.1, epochs=50)
    assert regression.keys == ("loss",) and regression.loss[-1] < 1e-3
    wild = MLP([2, 1], output="identity").fit(100 * X, X @ [3.0, -1.0], lr=10.0, epochs=500)
    assert wild.diverged and len(wild.loss) < 500


def test_save_load_round_trip(tmp_path):
    net = MLP([4, 5, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=3)
    net.params[1][:] = 0.25
    net.save(tmp_path / "net.npz")
    back = MLP.load(tmp_path / "net.npz")
    assert repr(back) == repr(net)
    for p, q in zip(back.params, net.params):
        np.testing.assert_array_equal(p, q)
    no_bias = MLP([2, 1], output="identity", bias=False, seed=4)
    no_bias.save(tmp_path / "plain.npz")
    np.testing.assert_array_equal(MLP.load(tmp_path / "plain.npz").params[0], no_bias.params[0])


def test_save_load_errors(tmp_path):
    buggy = activations.Activation("relu (buggy)", activations.relu, activations.relu)
    with pytest.raises(ValueError, match="only built-in activations and losses can be saved"):
        MLP([2, 2, 1], hidden=buggy).save(tmp_path / "x.npz")
    np.savez(tmp_path / "other.npz", a=np.zeros(2))
    with pytest.raises(ValueError, match="must be a network file written by MLP.save"):
        MLP.load(tmp_path / "other.npz")
    with pytest.raises(ValueError, match="must be a network file written by MLP.save"):
        MLP.load(tmp_path / "missing.npz")


@pytest.mark.parametrize("kwargs, message", [
    (dict(sizes=[2, 1], output="step"), "a step output activation cannot be trained"),
    (dict(sizes=[2, 3, 1], hidden="step"), "a step hidden activation cannot be trained"),
    (dict(sizes=[2, 3], output="relu", loss="binary_cross_entropy"),
     "loss binary_cross_entropy needs a sigmoid output activation; received output=relu"),
    (dict(sizes=[2, 3], output="sigmoid", loss="cross_entropy"),
     "loss cross_entropy needs a softmax output activation; received output=sigmoid"),
    (dict(sizes=[2, 1], output="softmax"), "a softmax output needs at least 2 outputs"),
    (dict(sizes=[2]), r"sizes needs at least 2 entries \(inputs, outputs\); received \[2\]"),
    (dict(sizes=[2, 0]), "each layer size must be a positive whole number; received 0"),
    (dict(sizes=5), "sizes must be a list of layer sizes"),
    (dict(sizes=[2, 1], hidden="swish"), "unknown activation 'swish'"),
    (dict(sizes=[2, 1], loss="hinge"), "unknown loss 'hinge'"),
    (dict(sizes=[2, 1], init=-1), "init"),
])
def test_invalid_networks(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


def test_invalid_data():
    net = MLP([3, 4, 2], hidden="relu", output="softmax", loss="cross_entropy")
    X = np.zeros((5, 3))
    with pytest.raises(ValueError, match=r"X must have 3 column\(s\) \(features\); received shape \(5, 2\)"):
        net.forward(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="X must be finite"):
        net.forward([[0.0, np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"Y must have shape \(5, 2\).*received shape \(5,\).*one_hot"):
        net.loss(X, np.zeros(5))
    with pytest.raises(ValueError, match=r"Y must have shape \(5, 2\).*received shape \(4, 2\)"):
        net.fit(X, np.eye(2)[[0, 1, 0, 1]])
    with pytest.raises(ValueError, match="cross_entropy needs one-hot Y"):
        net.backward(X, np.full((5, 2), 0.5))
    with pytest.raises(ValueError, match=r"binary_cross_entropy needs Y in \[0, 1\]"):
        MLP([3, 1], loss="binary_cross_entropy").loss(X, np.full(5, 2.0))
    with pytest.raises(ValueError, match="lr must be a positive number"):
        net.step(X, np.eye(2)[[0] * 5], lr=0)
    with pytest.raises(ValueError, match="epochs must be a positive whole number; received 2.5"):
        net.fit(X, np.eye(2)[[0] * 5], epochs=2.5)
    with pytest.raises(ValueError, match="batch_size must be a positive whole number"):
        net.fit(X, np.eye(2)[[0] * 5], batch_size=0)
    with pytest.raises(ValueError, match="unknown optimizer 'fast'"):
        net.fit(X, np.eye(2)[[0] * 5], optimizer="fast")
