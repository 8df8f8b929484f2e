"""Speed of ``MLP.fit`` beside a hand-written numpy loop of the same network, in the same run.

A 4-16-3 network (ReLU hidden, softmax output, cross-entropy), full batch, 2000 epochs on the
150 standardised Iris flowers. Both loops do the same work per epoch: forward, cost, backward,
gradient-descent update, and the number classified right. Prints µs/epoch (best, median and
worst of 7 alternating rounds) and the ratios (target: ``MLP.fit``'s best within 1.3× of the hand
loop's best). ``bench_training()`` returns the figures.

    .venv/bin/python tools/bench_training.py
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # this checkout's nnlib
from nnlib import MLP, datasets  # noqa: E402

EPOCHS, LR, REPEATS = 2000, 0.1, 7


def _data():
    X, y, *_ = datasets.load_iris()
    return datasets.standardize(X)[0], datasets.one_hot(y, 3)


def _hand_loop(X, Y, params, epochs=EPOCHS, lr=LR):
    """The same network written out by hand: the baseline."""
    W1, b1, W2, b2 = params
    m, labels = X.shape[0], Y.argmax(axis=1)
    losses, accuracy = [], []
    for _ in range(epochs):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0.0)
        Z2 = A1 @ W2 + b2
        shifted = Z2 - Z2.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        P = np.exp(log_p)
        losses.append(float(-np.sum(Y * log_p) / m))
        accuracy.append(np.count_nonzero(P.argmax(axis=1) == labels) / m)
        dZ2 = (P - Y) / m
        dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return losses, accuracy


def _round_times(*runs):
    """The wall time of each run in each of REPEATS rounds (one list per run), the runs
    alternating in every round so that a passing burst of machine load cannot favour one of them."""
    times = [[] for _ in runs]
    for _ in range(REPEATS):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run()
            times[i].append(time.perf_counter() - start)
    return times


def bench_training(epochs=EPOCHS):
    """µs per epoch of ``MLP.fit`` and of the hand loop (REPEATS runs each, alternated so both
    see the same machine load): the best, median and worst run of each, the ratio of the bests
    (the figure with the target) and of the medians, and whether both reach the same weights."""
    X, Y = _data()

    def new_net():
        return MLP([4, 16, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)

    net, hand = new_net(), new_net()
    fit_times, hand_times = _round_times(
        lambda: new_net().fit(X, Y, lr=LR, epochs=epochs),
        lambda: _hand_loop(X, Y, [p.copy() for p in hand.params], epochs))
    history = net.fit(X, Y, lr=LR, epochs=epochs)
    hand_params = [p.copy() for p in hand.params]
    hand_losses, _ = _hand_loop(X, Y, hand_params, epochs)
    same = all(np.allclose(a, b) for a, b in zip(net.params, hand_params))

    def per_epoch(seconds):
        return 1e6 * seconds / epochs

    return {"network": repr(net), "epochs": epochs, "repeats": REPEATS,
            "fit_us_per_epoch": per_epoch(min(fit_times)),
            "hand_us_per_epoch": per_epoch(min(hand_times)),
            "fit_median_us_per_epoch": per_epoch(float(np.median(fit_times))),
            "hand_median_us_per_epoch": per_epoch(float(np.median(hand_times))),
            "fit_max_us_per_epoch": per_epoch(max(fit_times)),
            "hand_max_us_per_epoch": per_epoch(max(hand_times)),
            "ratio": min(fit_times) / min(hand_times),
            "median_ratio": float(np.median(fit_times) / np.median(hand_times)),
            "target_ratio": 1.3,
            "same_result": bool(same and np.isclose(history.loss[-1], hand_losses[-1])),
            "final_loss": history.loss[-1], "final_accuracy": history.accuracy[-1]}


def main():
    r = bench_training()
    print(f"{r['network']}, full batch, {r['epochs']} epochs on Iris (150 x 4)")
    print(f"  {'':14} {'best':>8} {'median':>8} {'worst':>8}  µs/epoch over {r['repeats']} alternating rounds")
    for label, key in [("MLP.fit", "fit"), ("hand-written", "hand")]:
        print(f"  {label:14} {r[key + '_us_per_epoch']:8.1f} {r[key + '_median_us_per_epoch']:8.1f}"
              f" {r[key + '_max_us_per_epoch']:8.1f}")
    verdict = "ok" if r["ratio"] <= r["target_ratio"] else "SLOWER than target"
    print(f"  ratio          {r['ratio']:7.2f}x {r['median_ratio']:7.2f}x"
          f"           (target: best ratio <= {r['target_ratio']}x: {verdict})")
    print(f"  same weights as the hand loop: {r['same_result']}; final loss "
          f"{r['final_loss']:.4f}, training accuracy {r['final_accuracy']:.3f}")


if __name__ == "__main__":
    main()
