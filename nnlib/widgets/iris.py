"""Live demos, figures and small helpers of notebook 06_iris_classification.

* :func:`prepare` — the notebook's split: seeded, stratified 80/20 (120/30), standardised with
  the training split's statistics only, one-hot targets.
* :func:`course_network` / :func:`article_network` — the 4-h-3 network the notebook trains
  (ReLU hidden, softmax + cross-entropy, with bias) and source 002's recipe (ReLU hidden,
  sigmoid output, MSE, no bias, weights drawn from N(0, 1)).
* :func:`confusion_matrix`, :func:`wrong_flowers`, :func:`possible_splits` — the numbers behind
  the evaluation and behind the check of the article's reported accuracies.
* :func:`plot_pairs`, :func:`plot_confusion` — the static figures.
* :class:`TrainingDemo` — Play / Step / Reset train the 4-h-3 network a few epochs per tick with
  one persistent optimiser; loss and accuracy curves grow, a progress bar counts epochs.
* :class:`RegionsDemo` — the same kind of network on two features (petal length and width):
  decision regions and what each hidden neuron responds to, redrawn as it trains; controls for
  learning rate, hidden units, epochs, hidden activation and optimiser; Train / Play / Step / Reset.
* :class:`FlowerDemo` — type a flower's four measurements, get the species and probabilities.
"""

import math
from typing import NamedTuple

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.colors import Normalize

from .. import datasets, optimizers, plots
from .._checks import as_labels, as_matrix, positive_number
from ..mlp import MLP
from .core import SLIDER_STYLE, Demo, LiveFigure, Player

# ---------------------------------------------------------------------------- the settings

#: the notebook's split: seed of ``datasets.train_test_split`` (stratified, test_size 0.2)
SPLIT_SEED = 0
#: the network of the main sections: 4-8-3, ReLU, softmax + cross-entropy, plain gradient descent
COURSE = {"hidden": 8, "activation": "relu", "optimizer": "gd", "lr": 0.1, "epochs": 300,
          "seed": 0}
#: the best honest result: the COURSE network on split seed 1 (chosen by a search that looked
#: at test accuracy — see tools/iris_seeds.py — which is itself a leak)
BEST_SPLIT_SEED = 1
#: source 002's recipe: 4 hidden ReLU units (its figure), sigmoid output, MSE, no bias, lr 0.5
ARTICLE = {"hidden": 4, "lr": 0.5, "epochs": 10_000}
#: what source 002 reports: train accuracy 0.97777 and test accuracy 0.9 (80/20 split)
ARTICLE_REPORTED = {"train": 0.97777, "test": 0.9}
#: source 002's recipe on our split for split seed = weight seed = s, s = 0..9: flowers right
#: (train of 120, test of 30) after 10 000 epochs. Computed by tools/iris_seeds.py (≈ 3 s),
#: checked in tests/test_widgets_iris.py.
ARTICLE_SEEDS = ((105, 23), (105, 29), (66, 17), (110, 27), (103, 28),
                 (109, 24), (112, 23), (107, 27), (113, 26), (110, 23))
#: the search behind the best result (tools/iris_seeds.py --search): test flowers right of 30 on
#: the notebook's split (seed 0) for weight seeds 0..9, per setting
#: (hidden, activation, optimiser, lr, epochs). Checked in tests/test_widgets_iris.py.
SPLIT0_SEARCH = {
    (8, "relu", "gd", 0.1, 300): (27, 27, 27, 27, 26, 27, 27, 26, 26, 27),
    (8, "relu", "adam", 0.01, 300): (27, 26, 27, 26, 27, 26, 26, 27, 26, 26),
    (16, "relu", "gd", 0.5, 1000): (26, 26, 26, 26, 26, 26, 26, 26, 27, 26),
    (4, "tanh", "gd", 0.1, 300): (27, 27, 26, 27, 26, 27, 26, 27, 27, 27),
    (8, "tanh", "momentum", 0.05, 300): (27, 27, 27, 27, 27, 27, 27, 27, 27, 27),
}
#: petal length and petal width: the two features of :class:`RegionsDemo`
PETAL = (2, 3)
HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "tanh")
OPTIMIZERS = ("gd", "momentum", "adam")


class IrisSplit(NamedTuple):
    """The prepared Iris split: standardised inputs, labels, one-hot targets, raw measurements."""
    X_train: np.ndarray   # (120, n) standardised with the training mean and std
    X_test: np.ndarray    # (30, n) standardised with the *training* mean and std
    y_train: np.ndarray   # (120,) labels 0, 1, 2
    y_test: np.ndarray    # (30,)
    Y_train: np.ndarray   # (120, 3) one-hot
    raw_train: np.ndarray  # (120, n) in cm
    raw_test: np.ndarray   # (30, n) in cm
    mean: np.ndarray      # (n,) training mean
    std: np.ndarray       # (n,) training standard deviation
    feature_names: list
    class_names: list


def prepare(seed=SPLIT_SEED, features=None):
    """Iris split 80/20 (120/30), stratified and seeded, standardised with the training split's
    mean and std only: X_std = (X − mean_train) / std_train for both splits.

    ``features``: column indices to keep (e.g. ``PETAL``), default all four.
    Returns an :class:`IrisSplit`. Notebook 06_iris_classification.
    """
    X, y, names, classes = datasets.load_iris()
    if features is not None:
        features = [int(f) for f in features]
        if not features or any(f not in range(4) for f in features):
            raise ValueError(f"features must be column indices in 0..3; received {features}")
        X, names = X[:, features], [names[f] for f in features]
    raw_train, raw_test, y_train, y_test = datasets.train_test_split(
        X, y, test_size=0.2, seed=seed, stratify=True)
    X_train, mean, std = datasets.standardize(raw_train)
    X_test, _, _ = datasets.standardize(raw_test, mean, std)
    return IrisSplit(X_train, X_test, y_train, y_test, datasets.one_hot(y_train, 3), raw_train,
                     raw_test, mean, std, list(names), list(classes))


def course_network(n_inputs=4, hidden=8, activation="relu", seed=0):
    """The notebook's classifier: MLP([n_inputs, hidden, 3]) with ``activation`` in the hidden
    layer, softmax output and cross-entropy loss, with biases:
    ŷ = softmax(g(X W1 + b1) W2 + b2), J = −(1/m) Σ_i Σ_k Y_ik log ŷ_ik. Notebook 06."""
    return MLP([n_inputs, hidden, 3], hidden=activation, output="softmax",
               loss="cross_entropy", seed=seed)


def article_network(hidden=ARTICLE["hidden"], seed=0):
    """Source 002's network: ŷ = σ(ReLU(X W1) W2), no biases, MSE loss, weights drawn from a
    standard normal N(0, 1) as its code does. Notebook 06."""
    return MLP([4, hidden, 3], hidden="relu", output="sigmoid", loss="mse", bias=False,
               seed=seed, init=1.0)


def article_run(split_seed, weight_seed, epochs=ARTICLE["epochs"], hidden=ARTICLE["hidden"]):
    """Train :func:`article_network` with source 002's recipe (plain gradient descent, lr 0.5)
    on the split ``prepare(split_seed)``; returns ``(train right of 120, test right of 30)``,
    predictions by the largest output. Notebook 06 (and tools/iris_seeds.py)."""
    data = prepare(split_seed)
    net = article_network(hidden, weight_seed)
    net.fit(data.X_train, data.Y_train, lr=ARTICLE["lr"], epochs=epochs)
    return (int(np.sum(net.predict_classes(data.X_train) == data.y_train)),
            int(np.sum(net.predict_classes(data.X_test) == data.y_test)))


def confusion_matrix(y_true, y_pred, n_classes=3):
    """C[i, j] = the number of samples of true class i predicted as class j.

    y_true, y_pred: (m,) labels in 0..n_classes−1 → C (n_classes, n_classes) ints. The diagonal
    holds the right answers: accuracy = trace(C) / m. Notebook 06.
    """
    y_true = as_labels(y_true, "y_true", n_classes)
    y_pred = as_labels(y_pred, "y_pred", n_classes, length=y_true.size)
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def wrong_flowers(raw_X, y_true, proba, class_names):
    """A text table of the misclassified samples: their measurements (cm), true and predicted
    species and the probability given to each. raw_X (m, 4), y_true (m,), proba (m, 3) = ŷ.
    Returns a string ("no flower is misclassified" when there is none). Notebook 06."""
    raw_X = as_matrix(raw_X, "raw_X", n_cols=4)
    y_true = as_labels(y_true, "y_true", len(class_names), length=raw_X.shape[0])
    proba = as_matrix(proba, "proba", n_cols=len(class_names))
    pred = proba.argmax(axis=1)
    rows = np.flatnonzero(pred != y_true)
    if rows.size == 0:
        return "no flower is misclassified"
    head = (f"{'#':>3}  {'sepal l':>7} {'sepal w':>7} {'petal l':>7} {'petal w':>7}  "
            f"{'true':<10} {'predicted':<10} " + " ".join(f"p({c[:5]})" for c in class_names))
    lines = [head, "-" * len(head)]
    for i in rows:
        sizes = " ".join(f"{v:7.1f}" for v in raw_X[i])
        probs = " ".join(f"{p:8.2f}" for p in proba[i])
        lines.append(f"{i:>3}  {sizes}  {class_names[y_true[i]]:<10} "
                     f"{class_names[pred[i]]:<10} {probs}")
    return "\n".join(lines)


def possible_splits(train_accuracy, test_accuracy, total=150, decimals=4):
    """Which splits of ``total`` samples can produce both reported accuracies?

    An accuracy on n samples is k/n for a whole k. Returns a list of
    ``(n_train, n_test, k_train, k_test)`` with n_train + n_test = total and
    round(k_train/n_train, decimals) = round(train_accuracy, decimals), likewise for the test.
    Notebook 06 (source 002 reports 0.97777 and 0.9).
    """
    total = positive_number(total, "total", integer=True)
    want_tr, want_te = round(float(train_accuracy), decimals), round(float(test_accuracy), decimals)
    found = []
    for n_train in range(1, total):
        n_test = total - n_train
        k_tr = _fraction_hitting(want_tr, n_train, decimals)
        k_te = _fraction_hitting(want_te, n_test, decimals)
        if k_tr is not None and k_te is not None:
            found.append((n_train, n_test, k_tr, k_te))
    return found


def _fraction_hitting(value, n, decimals):
    """The k in 0..n with round(k/n, decimals) == value, or None."""
    k = int(round(value * n))
    for cand in (k - 1, k, k + 1):
        if 0 <= cand <= n and round(cand / n, decimals) == value:
            return cand
    return None


def denominators(accuracy, largest=150, decimals=4):
    """Every sample count n ≤ ``largest`` for which some k/n rounds to ``accuracy``. Notebook 06."""
    value = round(float(accuracy), decimals)
    return [n for n in range(1, largest + 1) if _fraction_hitting(value, n, decimals) is not None]


# --------------------------------------------------------------------------- static figures

def plot_pairs(X, y, feature_names, class_names, figsize=(7.2, 7.2)):
    """A 4×4 grid: every pair of features as a scatter (colour *and* marker per species), each
    feature's histogram per species on the diagonal. Returns the pyplot figure. Notebook 06.

    Drawn without a layout engine and with tick labels only on the outer panels: 16 panels
    with constrained layout take about twice as long to draw.
    """
    import matplotlib.pyplot as plt

    X = as_matrix(X, "X")
    y = as_labels(y, "y", len(class_names), length=X.shape[0])
    n = X.shape[1]
    with mpl.rc_context(plots.COURSE_RC):
        fig, axes = plt.subplots(n, n, figsize=figsize, sharex="col")
    fig.subplots_adjust(left=0.08, right=0.99, bottom=0.07, top=0.9, wspace=0.08, hspace=0.08)
    short = [f.replace(" (cm)", "") for f in feature_names]
    for i in range(n):
        for j in range(n):
            ax = axes[i, j]
            if i == j:
                bins = np.linspace(X[:, i].min(), X[:, i].max(), 16)
                for k in range(len(class_names)):
                    ax.hist(X[y == k, i], bins=bins, color=plots.CLASS_COLORS[k], alpha=0.6)
                ax.set_yticks([])
            else:
                plots.scatter_classes(ax, X[:, [j, i]], y, class_names, size=10, edge="none")
                ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
            ax.tick_params(labelsize=7, labelbottom=i == n - 1, labelleft=j == 0 and i != j,
                           labelright=i == 0 and j == n - 1)
            if i == n - 1:
                ax.set_xlabel(short[j], fontsize=9)
            if j == 0:
                ax.set_ylabel(short[i], fontsize=9)
    handles = axes[0, 1].collections[:len(class_names)]
    fig.legend(handles, class_names, loc="upper right", ncols=len(class_names), fontsize=9)
    fig.suptitle("Iris: every pair of measurements (cm)", x=0.02, y=0.975, ha="left")
    return fig


def plot_confusion(C, class_names, title="Confusion matrix (test flowers)"):
    """The confusion matrix as a figure with the count in each cell. Returns the figure."""
    C = np.asarray(C)
    fig, ax = plots.new_figure(figsize=(4.6, 3.8))
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(1, int(C.max())))
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            dark = C[i, j] > 0.6 * C.max()
            ax.text(j, i, str(int(C[i, j])), ha="center", va="center", fontsize=13,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(class_names)), class_names)
    ax.set_yticks(range(len(class_names)), class_names)
    ax.grid(False)
    plots.label(ax, title, "predicted species", "true species")
    return fig


# ------------------------------------------------------------------------ shared demo bits

def _dropdown(description, options, value):
    return widgets.Dropdown(options=list(options), value=value if value in options else options[0],
                            description=description, style=SLIDER_STYLE,
                            layout=widgets.Layout(width="300px"))


def _count(net, X, y):
    return int(np.sum(net.predict_classes(X) == y))


class _Trainer:
    """A network, one persistent optimiser and the history of a run, trained a chunk at a time."""

    def __init__(self, net, optimizer, lr, X, Y, X_test, y_test, track_test=True):
        self.net, self.X, self.Y, self.X_test, self.y_test = net, X, Y, X_test, y_test
        self.track_test = track_test
        self.opt = optimizers.get(optimizer, lr)
        self.loss, self.train_acc, self.test_acc = [], [], []
        self.diverged = False

    @property
    def epoch(self):
        return len(self.loss)

    def train(self, epochs):
        """Train ``epochs`` more epochs (fewer if it diverges); the optimiser keeps its state."""
        if epochs <= 0 or self.diverged:
            return
        hist = self.net.fit(self.X, self.Y, epochs=epochs, optimizer=self.opt,
                            callback=self._record if self.track_test else None)
        self.loss += hist.loss
        self.train_acc += hist.accuracy
        if hist.diverged or not all(np.isfinite(p).all() for p in self.net.params):
            self.diverged = True
            del self.test_acc[len(self.loss):]
            while len(self.test_acc) < len(self.loss):
                self.test_acc.append(float("nan"))

    def _record(self, epoch, net, history):
        y_hat = net._forward(self.X_test)[1][-1]          # no input checks: once per epoch
        self.test_acc.append(float(np.mean(y_hat.argmax(axis=1) == self.y_test)))


# --------------------------------------------------------------------------- training demo

class TrainingDemo(Demo):
    """Train the 4-h-3 network (ReLU, softmax + cross-entropy, bias) on the notebook's split,
    a few epochs per Play tick, with one persistent optimiser (plain gradient descent).

    Left: the cost J per epoch; right: train and test accuracy per epoch. A progress bar counts
    "epoch k / N". Changing a control starts again from the untrained network.
    Controls: ``lr`` (0.001 … 3, log), ``epochs`` N (50 … 1000), ``hidden`` (1 … 32).
    Notebook 06.
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED)
        self.add_log("lr", "learning rate α", COURSE["lr"], 1e-3, 3.0)
        self.add_int("epochs", "epochs N", COURSE["epochs"], 50, 1000, 50)
        self.add_int("hidden", "hidden units h", COURSE["hidden"], 1, 32)
        self.player = Player(self._step, self._reset, interval=150, max_steps=100_000)
        self.progress = widgets.IntProgress(value=0, min=0, max=COURSE["epochs"],
                                            description="epoch 0 / 300", style=SLIDER_STYLE,
                                            layout=widgets.Layout(width="430px"))
        self._extra = [self.player.box, self.progress]
        self.readout.layout.height = "4.2em"
        self.figure = LiveFigure(1, 2, figsize=(7.5, 3.2))
        self._build(*self.figure.axes)
        self.trainer, self._key = None, None
        self.update()

    def _build(self, ax_loss, ax_acc):
        (self.loss_line,) = ax_loss.plot([], [], color=plots.PALETTE["blue"], lw=2)
        ax_loss.set_ylim(0, 1.6)
        plots.label(ax_loss, "Cost J (cross-entropy)", "epoch", "J")
        (self.train_line,) = ax_acc.plot([], [], color=plots.PALETTE["blue"], lw=2,
                                         label="train (120)")
        (self.test_line,) = ax_acc.plot([], [], color=plots.PALETTE["orange"], lw=2, ls="--",
                                        label="test (30)")
        ax_acc.set_ylim(0, 1.05)
        ax_acc.legend(loc="center right")
        plots.label(ax_acc, "Accuracy", "epoch", "fraction right")
        self.note = ax_loss.text(0.5, 0.5, "", transform=ax_loss.transAxes, ha="center",
                                 fontsize=14, fontweight="bold", color=plots.PALETTE["vermillion"])
        self.ax_loss, self.ax_acc = ax_loss, ax_acc
        self.figure.animate(ax_loss.xaxis, ax_acc.xaxis, self.loss_line, self.train_line,
                           self.test_line, self.note)

    def settings(self):
        return (float(self.value("lr")), int(self.value("epochs")), int(self.value("hidden")))

    def _new_trainer(self):
        lr, _, hidden = self.settings()
        d = self.data
        net = course_network(4, hidden, "relu", COURSE["seed"])
        return _Trainer(net, "gd", lr, d.X_train, d.Y_train, d.X_test, d.y_test)

    def per_tick(self):
        """Epochs trained per Play tick or Step: N/30, so a run is about 30 ticks."""
        return max(1, math.ceil(self.settings()[1] / 30))

    def _step(self):
        self._sync()
        n = self.settings()[1]
        if self.trainer.epoch >= n or self.trainer.diverged:
            self.player.play.playing = False
            return
        self.trainer.train(min(self.per_tick(), n - self.trainer.epoch))
        self.update()

    def _reset(self):
        self._key = None
        self.update()

    def _sync(self):
        """A new untrained network whenever a setting changed (or after Reset)."""
        if self._key != self.settings() or self.trainer is None:
            self._key = self.settings()
            self.trainer = self._new_trainer()

    def draw(self):
        self._sync()
        t, (lr, n, hidden) = self.trainer, self.settings()
        d = self.data
        loss = np.asarray(t.loss, dtype=float)
        k = len(loss) if np.isfinite(loss).all() else int(np.argmin(np.isfinite(loss)))
        epochs = np.arange(1, k + 1)                   # the finite part of a diverged run
        self.loss_line.set_data(epochs, np.clip(loss[:k], 0, 1.6))
        self.train_line.set_data(epochs, t.train_acc[:k])
        self.test_line.set_data(epochs, t.test_acc[:k])
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, n)
        self.progress.max, self.progress.value = n, min(t.epoch, n)
        self.progress.description = f"epoch {t.epoch} / {n}"
        self.note.set_text("diverged" if t.diverged else "")
        right_tr, right_te = (_count(t.net, d.X_train, d.y_train), _count(t.net, d.X_test, d.y_test)) \
            if not t.diverged else (0, 0)
        J = t.loss[-1] if t.loss else t.net.loss(d.X_train, d.Y_train)
        state = "<b>diverged</b>: the cost stopped being finite — lower α" if t.diverged else (
            "press Play or Step" if t.epoch == 0 else ("done" if t.epoch >= n else "training"))
        self.readout.value = (
            f"epoch {t.epoch} / {n} ({state}) · 4-{hidden}-3 network, "
            f"$\\theta \\leftarrow \\theta - {lr:.3g}\\,\\partial J/\\partial\\theta$<br>"
            f"$J = -\\frac{{1}}{{m}}\\sum_i \\sum_k Y_{{ik}} \\log \\hat y_{{ik}} = {J:.4f}$ · "
            f"train accuracy {right_tr}/120 = {right_tr / 120:.3f} · "
            f"test accuracy {right_te}/30 = {right_te / 30:.3f}")


# ---------------------------------------------------------------------------- regions demo

class RegionsDemo(Demo):
    """A 2-h-3 network on the two standardised petal features (length, width): its decision
    regions, exact for this network (it sees only these two features), and what each hidden
    neuron computes over the same plane (up to 8 shown), redrawn as it trains.

    Controls: ``lr`` (0.001 … 3, log), ``hidden`` (1 … 32), ``epochs`` (50 … 1000),
    ``activation`` (relu / sigmoid / tanh), ``optimizer`` (gd / momentum / adam); buttons
    Train (plays to the end in N/10-epoch ticks, so no kernel callback trains 1000 epochs at
    once), Play / Step (N/30 epochs per tick), Reset. A ReLU unit that is 0 on every training
    flower is titled "dead". ``train_all()`` trains to the end in one call (scripts, tests).
    Changing a control restarts from the untrained network. Notebook 06.
    """

    SHOWN = 8                    # hidden-unit pictures at most
    XLIM, YLIM = (0.5, 7.5), (-0.3, 2.8)  # petal length, petal width in cm
    RES, SMALL = 90, 36          # grid points per side: regions, hidden-unit pictures

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED, PETAL)
        self.add_log("lr", "learning rate α", 0.1, 1e-3, 3.0)
        self.add_int("hidden", "hidden units h", 6, 1, 32)
        self.add_int("epochs", "epochs N", 300, 50, 1000, 50)
        self.add_control("activation", _dropdown("hidden activation", HIDDEN_ACTIVATIONS,
                                                 self.presets.get("activation", "relu")))
        self.add_control("optimizer", _dropdown("optimiser", OPTIMIZERS,
                                                self.presets.get("optimizer", "gd")))
        self.player = Player(self._step, self._reset, interval=150, max_steps=100_000)
        self.train_button = widgets.Button(description="Train", icon="forward",
                                           layout=widgets.Layout(width="90px"))
        self.train_button.on_click(lambda _: self.fast_forward())
        self._fast = False            # Train pressed: bigger ticks until the run ends or pauses
        self.player.play.observe(self._on_playing, names="playing")
        self._extra = [widgets.HBox([self.train_button, self.player.box])]
        self.readout.layout.height = "4.2em"
        self._grids()
        self.figure = LiveFigure(figsize=(7.5, 4.0))
        self._build()
        self.trainer, self._key = None, None
        self.update()

    # -- precomputed grids ----------------------------------------------------------------
    def _grids(self):
        d = self.data
        self.xx, self.yy, P = plots.grid_points(self.XLIM, self.YLIM, self.RES)
        self.P_std = (P - d.mean) / d.std
        _, _, S = plots.grid_points(self.XLIM, self.YLIM, self.SMALL)
        self.S_std = (S - d.mean) / d.std

    def _build(self):
        fig = self.figure.fig
        self.figure.axes.remove()
        gs = fig.add_gridspec(3, 6, width_ratios=[1.25, 1.25, 0.55, 0.55, 0.55, 0.55],
                              height_ratios=[1, 1, 0.55])
        ax = fig.add_subplot(gs[:, :2])
        self.mesh = ax.pcolormesh(self.xx, self.yy, np.zeros(self.xx.shape),
                                  cmap=plots.region_cmap(3), vmin=-0.5, vmax=2.5,
                                  shading="nearest", rasterized=True)
        d = self.data
        points = plots.scatter_classes(ax, d.raw_train, d.y_train, d.class_names, size=26)
        for k in range(3):
            pts = d.raw_test[d.y_test == k]
            points.append(ax.scatter(pts[:, 0], pts[:, 1], s=40, facecolors="none",
                                     linewidths=1.3, edgecolors=plots.CLASS_COLORS[k],
                                     marker=plots.CLASS_MARKERS[k], zorder=4))
        key = fig.add_subplot(gs[2, 2:])
        key.axis("off")
        key.legend(handles=points[:3], loc="center", ncols=3, fontsize=8, handletextpad=0.2,
                   columnspacing=0.8, title="filled: training flowers, hollow: test flowers\n"
                   "hidden units: bright = large output", title_fontsize=8)
        ax.set_xlim(*self.XLIM)
        ax.set_ylim(*self.YLIM)
        plots.label(ax, "Decision regions", "petal length (cm)", "petal width (cm)")
        self.note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", fontsize=15,
                            fontweight="bold", color=plots.PALETTE["vermillion"], zorder=6)
        self.ax = ax
        self.figure.animate(self.mesh, *points, self.note)
        self.units, self.unit_titles = [], []
        extent = (*self.XLIM, *self.YLIM)
        for i in range(self.SHOWN):
            a = fig.add_subplot(gs[i // 4, 2 + i % 4])
            im = a.imshow(np.zeros((self.SMALL, self.SMALL)), origin="lower", extent=extent,
                          aspect="auto", cmap=plots.SURFACE_CMAP, norm=Normalize(0, 1))
            a.set_xticks([])
            a.set_yticks([])
            a.grid(False)
            title = a.set_title(f"unit {i + 1}", fontsize=8, pad=2)
            self.units.append(im)
            self.unit_titles.append(title)
            self.figure.animate(im, title)
        self.unit_axes = [im.axes for im in self.units]

    # -- training -------------------------------------------------------------------------
    def settings(self):
        return (float(self.value("lr")), int(self.value("hidden")), int(self.value("epochs")),
                self.value("activation"), self.value("optimizer"))

    def _sync(self):
        if self._key != self.settings() or self.trainer is None:
            self._key = self.settings()
            lr, hidden, _, act, opt = self._key
            d = self.data
            net = course_network(2, hidden, act, COURSE["seed"])
            self.trainer = _Trainer(net, opt, lr, d.X_train, d.Y_train, d.X_test, d.y_test,
                                    track_test=False)

    def per_tick(self):
        """Epochs per Play tick or Step: N/30, so a run takes about 30 ticks; after Train,
        N/10 (a run in about 10 ticks, each a separate, short kernel callback)."""
        return max(1, math.ceil(self.settings()[2] / (10 if self._fast else 30)))

    def fast_forward(self):
        """The Train button: play to the end in bigger ticks (N/10 epochs), redrawing each."""
        self._sync()
        if self.trainer.epoch >= self.settings()[2] or self.trainer.diverged:
            return
        self._fast = True
        self.player.play.playing = True

    def _on_playing(self, change):
        if not change["new"]:
            self._fast = False

    def _advance(self, epochs):
        self._sync()
        n = self.settings()[2]
        todo = min(epochs, n - self.trainer.epoch)
        if todo <= 0 or self.trainer.diverged:
            self.player.play.playing = False
            self._fast = False
            return
        self.trainer.train(todo)
        self.update()

    def _step(self):
        self._advance(self.per_tick())

    def train_all(self):
        """Train the remaining epochs at once (at most 1000 epochs of a small network)."""
        self._advance(self.settings()[2])

    def _reset(self):
        self._key = None
        self._fast = False
        self.update()

    # -- drawing --------------------------------------------------------------------------
    def draw(self):
        self._sync()
        t, (lr, hidden, n, act, opt) = self.trainer, self.settings()
        net = t.net
        if t.diverged:
            self.mesh.set_array(np.full(self.xx.shape, np.nan))
        else:
            pred = net._forward(self.P_std)[1][-1].argmax(axis=1)
            self.mesh.set_array(pred.reshape(self.xx.shape).astype(float))
        self.note.set_text("diverged" if t.diverged else "")
        self._draw_units(net, hidden, act, t.diverged)
        d = self.data
        right_tr = 0 if t.diverged else _count(net, d.X_train, d.y_train)
        right_te = 0 if t.diverged else _count(net, d.X_test, d.y_test)
        J = t.loss[-1] if t.loss else net.loss(d.X_train, d.Y_train)
        state = "<b>diverged</b>: the cost stopped being finite — lower α" if t.diverged else (
            "untrained: press Train, Play or Step" if t.epoch == 0 else
            ("done" if t.epoch >= n else "training"))
        shown = f"units 1–{min(hidden, self.SHOWN)} of {hidden} shown" if hidden > self.SHOWN \
            else f"all {hidden} unit{'s' if hidden > 1 else ''} shown"
        self.readout.value = (
            f"epoch {t.epoch} / {n} ({state}) · 2-{hidden}-3 network, {act} hidden, {opt}, "
            f"α = {lr:.3g} · {shown}<br>"
            f"$\\hat y = \\mathrm{{softmax}}({act}(x W_1 + b_1) W_2 + b_2)$, "
            f"$J = {J:.4f}$ · train {right_tr}/120 = {right_tr / 120:.3f} · "
            f"test {right_te}/30 = {right_te / 30:.3f}")

    def _draw_units(self, net, hidden, act, diverged):
        A = None if diverged else net._forward(self.S_std)[1][1]      # (SMALL², hidden)
        dead = set()
        if A is not None and act == "relu":   # 0 on every training flower: it never learns again
            dead = set(np.flatnonzero(net._forward(self.data.X_train)[1][1].max(axis=0) <= 0))
        for i, a in enumerate(self.unit_axes):   # no empty frames: hide the unused panels
            if a.get_visible() != (i < hidden):
                a.set_visible(i < hidden)
                self.figure.invalidate()      # the frames are part of the static background
        for i, (im, title) in enumerate(zip(self.units, self.unit_titles)):
            title.set_text("" if i >= hidden else f"unit {i + 1}" + (" dead" if i in dead else ""))
            if A is None or i >= hidden:
                im.set_data(np.full((self.SMALL, self.SMALL), np.nan))
                continue
            img = A[:, i].reshape(self.SMALL, self.SMALL)
            lo, hi = (-1.0, 1.0) if act == "tanh" else (0.0, 1.0)
            if act == "relu":
                hi = max(float(img.max()), 1e-6)
            im.set_data(img)
            im.norm.vmin, im.norm.vmax = lo, hi


# ----------------------------------------------------------------------------- flower form

class FlowerDemo(Demo):
    """Type the four measurements of a flower (cm) and get the species the notebook's network
    (the COURSE setting, trained on the notebook's split) predicts, with its probabilities.

    The inputs are standardised with the *training* mean and std: x_std = (x − mean) / std.
    Controls: ``sepal_length``, ``sepal_width``, ``petal_length``, ``petal_width`` (FloatText).
    Notebook 06.
    """

    FIELDS = (("sepal_length", "sepal length (cm)", 6.0), ("sepal_width", "sepal width (cm)", 2.9),
              ("petal_length", "petal length (cm)", 4.5), ("petal_width", "petal width (cm)", 1.5))

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED)
        self.net = course_network(4, COURSE["hidden"], COURSE["activation"], COURSE["seed"])
        self.net.fit(self.data.X_train, self.data.Y_train, lr=COURSE["lr"],
                     epochs=COURSE["epochs"], optimizer=COURSE["optimizer"])
        raw = np.vstack([self.data.raw_train, self.data.raw_test])
        self.seen = (raw.min(axis=0), raw.max(axis=0))
        for name, description, default in self.FIELDS:
            self.add_control(name, widgets.FloatText(
                value=float(self.presets.get(name, default)), step=0.1, description=description,
                style=SLIDER_STYLE, layout=widgets.Layout(width="260px")))
        self.readout.layout.height = "5.4em"
        self.figure = LiveFigure(figsize=(6.0, 2.2))
        self._build(self.figure.axes)
        self.update()

    def _build(self, ax):
        names = self.data.class_names
        self.bars = ax.barh(range(3), [0, 0, 0], color=plots.CLASS_COLORS[:3])
        self.labels = [ax.text(0.01, k, "", va="center", fontsize=10) for k in range(3)]
        ax.set_yticks(range(3), names)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        plots.label(ax, "What the network says", "probability ŷ", "")
        self.figure.animate(*self.bars, *self.labels)

    def measurements(self):
        return np.array([float(self.value(name)) for name, _, _ in self.FIELDS])

    def draw(self):
        x = self.measurements()
        names = self.data.class_names
        if not np.all(np.isfinite(x)):
            raise ValueError("every measurement must be a number")
        x_std = (x - self.data.mean) / self.data.std
        p = self.net.forward(x_std[None, :])[0]
        for k, (bar, text) in enumerate(zip(self.bars, self.labels)):
            bar.set_width(p[k])
            text.set_text(f"{p[k]:.3f}")
            text.set_x(min(p[k] + 0.01, 0.88))
        k = int(p.argmax())
        lo, hi = self.seen
        outside = [f"{n.split(' (')[0]} {v:g}" for (_, n, _), v, a, b in
                   zip(self.FIELDS, x, lo, hi) if not a <= v <= b]
        warn = ("" if not outside else
                f"<br>⚠ outside the 150 flowers' range ({', '.join(outside)}): the network has "
                f"never seen such a flower, so trust this answer less")
        zs = ", ".join(f"{v:.2f}" for v in x_std)
        self.readout.value = (
            f"predicted: <b>{names[k]}</b> with probability {p[k]:.3f}<br>"
            f"standardised with the training mean and std: $x_{{std}} = (x - \\mu)/\\sigma$ = "
            f"[{zs}]{warn}")
