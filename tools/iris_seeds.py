"""Recompute the Iris numbers that nnlib stores instead of computing them in a notebook.

    .venv/bin/python tools/iris_seeds.py            # both parts (≈ 5 s)
    .venv/bin/python tools/iris_seeds.py --article  # part 1 only
    .venv/bin/python tools/iris_seeds.py --search   # part 2 only

1. Source 002's recipe (4 ReLU hidden units, sigmoid output, MSE, no bias, N(0, 1) weights,
   plain gradient descent with lr 0.5, 10 000 epochs) on a stratified 120/30 split, for
   split seed = weight seed = s, s = 0..9: ``nnlib.widgets.iris.ARTICLE_SEEDS``, which the
   appendix about the sources quotes (100 000 epochs are too slow for a notebook run).
2. The validation search of notebook 06 (section 7): every setting of
   ``nnlib.widgets.iris.SEARCH`` trained on the 90 training flowers and scored on the 30
   validation flowers; the pick (most right, then lowest validation cost) must be
   ``nnlib.widgets.iris.CHOSEN``. The notebook runs this search itself; the script also prints
   the spread of the chosen setting over 10 test splits, which the notebook does not use.

Each part says whether the stored values still match; exit status 1 when one does not.
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nnlib.widgets import iris  # noqa: E402


def article_spread():
    start = time.perf_counter()
    rows = tuple(iris.article_run(s, s) for s in range(10))
    seconds = time.perf_counter() - start
    print(f"source 002's recipe, split seed = weight seed = s ({seconds:.1f} s)")
    for s, (tr, te) in enumerate(rows):
        print(f"  seed {s}: train {tr}/120 = {tr / 120:.3f}   test {te}/30 = {te / 30:.3f}")
    test = np.array([te for _, te in rows]) / 30
    print(f"  test accuracy: mean {test.mean():.3f}, min {test.min():.3f}, max {test.max():.3f}")
    same = rows == iris.ARTICLE_SEEDS
    print("  matches nnlib.widgets.iris.ARTICLE_SEEDS:", same)
    return same


def validation_search():
    data = iris.prepare()
    results = []
    for h in iris.SEARCH["hidden"]:
        for lr in iris.SEARCH["lr"]:
            net, _ = iris.train(data, hidden=h, lr=lr, epochs=iris.CHOSEN["epochs"])
            right = iris.count_right(net, data.X_val, data.y_val)
            cost = net.loss(data.X_val, data.Y_val)
            results.append((h, lr, right, cost))
            print(f"  h = {h:2d}, α = {lr:<4g}: validation {right}/30, cost {cost:.3f}")
    best = max(results, key=lambda r: (r[2], -r[3]))
    same = (best[0], best[1]) == (iris.CHOSEN["hidden"], iris.CHOSEN["lr"])
    print(f"  picked h = {best[0]}, α = {best[1]:g}; matches nnlib.widgets.iris.CHOSEN: {same}")
    scores = []
    for s in range(10):
        d = iris.prepare(s)
        net, _ = iris.train(d, iris.CHOSEN["hidden"], iris.CHOSEN["lr"], iris.CHOSEN["epochs"])
        scores.append(iris.count_right(net, d.X_test, d.y_test))
    print(f"  the chosen setting on test splits 0..9: {scores} of 30 "
          f"(mean {np.mean(scores) / 30:.3f})")
    return same


if __name__ == "__main__":
    parts = [a for a in sys.argv[1:] if a in ("--article", "--search")] or ["--article", "--search"]
    ok = True
    if "--article" in parts:
        ok &= article_spread()
    if "--search" in parts:
        ok &= validation_search()
    sys.exit(0 if ok else 1)
