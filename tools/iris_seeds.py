"""Reproduce the seed-spread numbers that notebook 06_iris_classification reports.

    .venv/bin/python tools/iris_seeds.py            # the article's recipe over 10 seeds (≈ 3 s)
    .venv/bin/python tools/iris_seeds.py --search   # also the search behind the best result (≈ 1 min)

1. Source 002's recipe (4 ReLU hidden units, sigmoid output, MSE, no bias, N(0, 1) weights,
   plain gradient descent with lr 0.5, 10 000 epochs) on our stratified 80/20 split, for
   split seed = weight seed = s, s = 0..9. The notebook quotes these numbers from
   ``nnlib.widgets.iris.ARTICLE_SEEDS`` instead of spending 3 s of its run on them; this script
   prints them again and says whether they still match.
2. ``--search``: the COURSE setting and a few others on the notebook's split (seed 0) for weight
   seeds 0..9 (stored as ``nnlib.widgets.iris.SPLIT0_SEARCH``; this script says whether they
   still match), and on split seeds 0..9. No setting gets more than 27 of 30 test flowers on
   split 0, while split 1 gives 30 of 30. Choosing a split by its test score is itself a leak.
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nnlib.widgets import iris  # noqa: E402


def article_spread():
    start = time.perf_counter()
    rows = [iris.article_run(s, s) for s in range(10)]
    print(f"source 002's recipe, split seed = weight seed = s ({time.perf_counter() - start:.1f} s)")
    for s, (tr, te) in enumerate(rows):
        print(f"  seed {s}: train {tr}/120 = {tr / 120:.3f}   test {te}/30 = {te / 30:.3f}")
    test = np.array([te for _, te in rows]) / 30
    print(f"  test accuracy: mean {test.mean():.3f}, min {test.min():.3f}, max {test.max():.3f}")
    print("  matches nnlib.widgets.iris.ARTICLE_SEEDS:", tuple(rows) == iris.ARTICLE_SEEDS)
    return rows


def course_run(split_seed, weight_seed, hidden, activation, optimizer, lr, epochs):
    data = iris.prepare(split_seed)
    net = iris.course_network(4, hidden, activation, weight_seed)
    net.fit(data.X_train, data.Y_train, lr=lr, epochs=epochs, optimizer=optimizer)
    return int(np.sum(net.predict_classes(data.X_test) == data.y_test))


def search():
    c = iris.COURSE
    settings = [(c["hidden"], c["activation"], c["optimizer"], c["lr"], c["epochs"]),
                (8, "relu", "adam", 0.01, 300), (16, "relu", "gd", 0.5, 1000),
                (4, "tanh", "gd", 0.1, 300), (8, "tanh", "momentum", 0.05, 300)]
    for setting in settings:
        on_split0 = [course_run(0, s, *setting) for s in range(10)]
        print(f"  matches nnlib.widgets.iris.SPLIT0_SEARCH: "
              f"{tuple(on_split0) == iris.SPLIT0_SEARCH.get(setting)}")
        over_splits = [course_run(s, s, *setting) for s in range(10)]
        print(f"{setting}: split 0, weight seeds 0..9 → {on_split0}; "
              f"split = weight seed 0..9 → {over_splits} (mean {np.mean(over_splits) / 30:.3f})")
    print("best split for the COURSE setting:",
          course_run(iris.BEST_SPLIT_SEED, c["seed"], *settings[0]), "/ 30 on split",
          iris.BEST_SPLIT_SEED)


if __name__ == "__main__":
    article_spread()
    if "--search" in sys.argv:
        search()
