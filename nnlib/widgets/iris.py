"""Live demos, figures and small helpers of notebook 06_iris_classification.

* :func:`prepare` — the notebook's three-way split: 30 test flowers, then 30 validation flowers
  from the rest, 90 training flowers; seeded and stratified, standardised with the training
  flowers' statistics only, one-hot targets.
* :func:`course_network`, :func:`train` — the 4-h-3 network the notebook trains (ReLU hidden,
  softmax + cross-entropy, with biases), and its sigmoid + MSE variant.
* :func:`output_comparison`, :func:`plot_output_comparison` — the same network and seed trained
  with softmax + cross-entropy and with sigmoid outputs + MSE: accuracy per epoch and the size
  of the output delta of the right species.
* :func:`confusion_matrix`, :func:`wrong_flowers`, :func:`describe_unit` — the numbers behind
  the evaluation, and a hidden unit in words.
* :func:`plot_pairs`, :func:`plot_confusion` — the static figures.
* :class:`TrainingDemo` — Play / Step / Reset show a training run of the 4-h-3 network tick by
  tick: cost and accuracy curves of training and validation flowers.
* :class:`RegionsDemo` — the same kind of network on two features (petal length and width):
  decision regions and what each hidden unit computes over the same plane.
* :class:`FlowerDemo` — type a flower's four measurements, get the species and probabilities.

A demo computes the whole run of a setting the first time it is needed (at most 1000 epochs of a
small network, about 0.1 s) and keeps it, with the parameters after every tick; Play and Step then
only draw. Runs are cached per setting, so going back to a setting costs nothing.

Also here, for the appendix about the sources: :func:`article_network`, :func:`article_run`,
:data:`ARTICLE_SEEDS`, :func:`possible_splits` and :func:`denominators` (source 002's recipe
and the accuracies it reports).
"""

import math
from collections import OrderedDict
from typing import NamedTuple

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

from .. import datasets, optimizers, plots
from .._checks import as_labels, as_matrix, positive_number
from ..mlp import MLP
from .core import SLIDER_STYLE, Demo, LiveFigure, Player

# ---------------------------------------------------------------------------- the settings

#: seed of the test split (30 flowers, 10 per species, stratified)
SPLIT_SEED = 0
#: seed of the validation split (30 of the remaining 120 flowers, 10 per species)
VALIDATION_SEED = 1
TEST_SIZE = VALIDATION_SIZE = 30
#: the first setting of the notebook: 4-8-3, ReLU, softmax + cross-entropy, plain gradient descent
COURSE = {"hidden": 8, "activation": "relu", "optimizer": "gd", "lr": 0.1, "epochs": 300,
          "seed": 0}
#: the settings the notebook compares on the validation flowers (300 epochs each)
SEARCH = {"hidden": (2, 4, 8, 16), "lr": (0.03, 0.1, 0.3, 1.0)}
#: what that comparison picks (best validation accuracy, ties broken by the validation cost);
#: the notebook runs the comparison itself, the tests check that it picks this
CHOSEN = {**COURSE, "lr": 0.3}
#: petal length and petal width: the two features of :class:`RegionsDemo`
PETAL = (2, 3)
HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "tanh")
OPTIMIZERS = ("gd", "momentum", "adam")

#: source 002's recipe: 4 hidden ReLU units (its figure), sigmoid output, MSE, no bias, lr 0.5
ARTICLE = {"hidden": 4, "lr": 0.5, "epochs": 10_000}
#: what source 002 reports: train accuracy 0.97777 and test accuracy 0.9 (80/20 split)
ARTICLE_REPORTED = {"train": 0.97777, "test": 0.9}
#: source 002's recipe on a 120/30 split (:func:`article_run`) for split seed = weight seed = s,
#: s = 0..9: flowers right (train of 120, test of 30) after 10 000 epochs
ARTICLE_SEEDS = ((105, 23), (105, 29), (66, 17), (110, 27), (103, 28),
                 (109, 24), (112, 23), (107, 27), (113, 26), (110, 23))


class IrisSplit(NamedTuple):
    """The prepared Iris split: standardised inputs, labels, one-hot targets, raw measurements.

    Standardised with the *training* flowers' mean and std, all three parts.
    """
    X_train: np.ndarray    # (90, n) standardised
    X_val: np.ndarray      # (30, n) validation flowers (0 rows with validation=0)
    X_test: np.ndarray     # (30, n) test flowers
    y_train: np.ndarray    # (90,) labels 0, 1, 2
    y_val: np.ndarray      # (30,)
    y_test: np.ndarray     # (30,)
    Y_train: np.ndarray    # (90, 3) one-hot
    Y_val: np.ndarray      # (30, 3) one-hot
    raw_train: np.ndarray  # (90, n) in cm
    raw_val: np.ndarray    # (30, n) in cm
    raw_test: np.ndarray   # (30, n) in cm
    mean: np.ndarray       # (n,) training mean
    std: np.ndarray        # (n,) training standard deviation
    feature_names: list
    class_names: list


def prepare(seed=SPLIT_SEED, features=None, validation=VALIDATION_SIZE,
            validation_seed=VALIDATION_SEED):
    """The notebook's split of the 150 Iris flowers, each step stratified (10 per species) and
    seeded: 30 test flowers (``seed``), then ``validation`` flowers of the remaining 120
    (``validation_seed``), the rest for training (90). Standardised with the training flowers'
    mean and std only: X_std = (X − mean_train) / std_train for all three parts.

    ``features``: column indices to keep (e.g. ``PETAL``), default all four. ``validation=0``
    gives the 120/30 split without validation flowers. Returns an :class:`IrisSplit`.
    Notebook 06_iris_classification.
    """
    X, y, names, classes = datasets.load_iris()
    if features is not None:
        features = [int(f) for f in features]
        if not features or any(f not in range(4) for f in features):
            raise ValueError(f"features must be column indices in 0..3; received {features}")
        X, names = X[:, features], [names[f] for f in features]
    validation = int(validation)
    if not 0 <= validation <= 90 or validation % 3:
        raise ValueError(f"validation must be a multiple of 3 from 0 to 90 (flowers); "
                         f"received {validation}")
    rest, raw_test, y_rest, y_test = datasets.train_test_split(
        X, y, test_size=TEST_SIZE, seed=seed, stratify=True)
    if validation:
        raw_train, raw_val, y_train, y_val = datasets.train_test_split(
            rest, y_rest, test_size=validation, seed=validation_seed, stratify=True)
    else:
        raw_train, y_train = rest, y_rest
        raw_val, y_val = rest[:0], y_rest[:0]
    X_train, mean, std = datasets.standardize(raw_train)
    X_test, _, _ = datasets.standardize(raw_test, mean, std)
    X_val = (raw_val - mean) / std
    return IrisSplit(X_train, X_val, X_test, y_train, y_val, y_test,
                     datasets.one_hot(y_train, 3), np.eye(3)[y_val], raw_train, raw_val,
                     raw_test, mean, std, list(names), list(classes))


def course_network(n_inputs=4, hidden=8, activation="relu", seed=0, output="softmax"):
    """The notebook's classifier: MLP([n_inputs, hidden, 3]) with ``activation`` in the hidden
    layer and biases. ``output="softmax"``: ŷ = softmax(g(X W1 + b1) W2 + b2) with the
    cross-entropy J = −(1/m) Σ_i Σ_k Y_ik ln ŷ_ik; ``output="sigmoid"``: ŷ = σ(...) with the MSE
    J = (1/(3m)) Σ_i Σ_k (ŷ_ik − Y_ik)², the variant the notebook compares. Notebook 06."""
    loss = {"softmax": "cross_entropy", "sigmoid": "mse"}.get(output)
    if loss is None:
        raise ValueError(f"output must be 'softmax' or 'sigmoid'; received {output!r}")
    return MLP([n_inputs, hidden, 3], hidden=activation, output=output, loss=loss, seed=seed)


def train(data, hidden=COURSE["hidden"], lr=COURSE["lr"], epochs=COURSE["epochs"],
          activation="relu", optimizer="gd", seed=0, output="softmax"):
    """A :func:`course_network` trained on ``data.X_train, data.Y_train`` (full batch);
    returns ``(net, history)``. Notebook 06."""
    net = course_network(data.X_train.shape[1], hidden, activation, seed, output)
    history = net.fit(data.X_train, data.Y_train, lr=lr, epochs=epochs, optimizer=optimizer)
    return net, history


def count_right(net, X, y):
    """How many rows of X the network classifies as y (an int). Notebook 06."""
    return int(np.sum(net.predict_classes(X) == y))


def output_deltas(Y, y_hat, output):
    """The output delta of each sample, ∂L/∂s (m, 3), L the loss of one sample and s its scores:
    ŷ − y for softmax + cross-entropy; (2/3)(ŷ − y) ŷ(1 − ŷ) for sigmoid outputs + MSE (mean over
    the 3 outputs). ∂J/∂Z of the batch is this divided by m. Notebook 06."""
    y_hat, Y = np.asarray(y_hat, dtype=float), np.asarray(Y, dtype=float)
    if output == "softmax":
        return y_hat - Y
    if output == "sigmoid":
        return 2.0 / Y.shape[1] * (y_hat - Y) * y_hat * (1.0 - y_hat)
    raise ValueError(f"output must be 'softmax' or 'sigmoid'; received {output!r}")


#: the two networks :func:`output_comparison` trains: label → output activation
HEADS = {"softmax + cross-entropy": "softmax", "sigmoid + MSE": "sigmoid"}


def output_comparison(data, lr=COURSE["lr"], epochs=COURSE["epochs"], hidden=COURSE["hidden"],
                      seed=COURSE["seed"]):
    """Train the same 4-h-3 ReLU network (same seed, same α, full batch) twice: softmax output
    with cross-entropy, and sigmoid outputs with MSE.

    Returns ``{label: {"accuracy": [...], "push": [...], "net": net}}`` with, per epoch (before
    its update), the training accuracy and the mean over training flowers of |∂L/∂s| of the right
    species' output (see :func:`output_deltas`). Notebook 06.
    """
    right = data.Y_train == 1
    result = {}
    for label, output in HEADS.items():
        net = course_network(data.X_train.shape[1], hidden, "relu", seed, output)
        push = []
        y_hat = net.forward(data.X_train)
        push.append(float(np.abs(output_deltas(data.Y_train, y_hat, output)[right]).mean()))

        def record(epoch, net, history, output=output, push=push):
            y_hat = net._forward(data.X_train)[1][-1]
            push.append(float(np.abs(output_deltas(data.Y_train, y_hat, output)[right]).mean()))

        history = net.fit(data.X_train, data.Y_train, lr=lr, epochs=epochs, callback=record)
        result[label] = {"accuracy": list(history.accuracy), "push": push[:epochs], "net": net}
    return result


def plot_output_comparison(result):
    """Two panels from :func:`output_comparison`: training accuracy per epoch (with chance, 1/3,
    dotted), and the size of the right species' output delta |∂L/∂s| per epoch (log scale).
    Returns the figure."""
    fig, (ax_acc, ax_push) = plots.new_figure(1, 2, figsize=(8.0, 3.3))
    styles = {"softmax": dict(color=plots.PALETTE["blue"], ls="-"),
              "sigmoid": dict(color=plots.PALETTE["vermillion"], ls="--")}
    for label, run in result.items():
        style = styles[HEADS[label]]
        epochs = np.arange(len(run["accuracy"]))
        ax_acc.plot(epochs, run["accuracy"], lw=2, label=label, **style)
        ax_push.plot(epochs, run["push"], lw=2, label=label, **style)
    ax_acc.axhline(1 / 3, color="grey", ls=":", lw=1.2, label="chance (1/3)")
    ax_acc.set_ylim(0, 1.03)
    ax_acc.legend(loc="lower right")
    plots.label(ax_acc, "Training accuracy", "epoch", "fraction of 90 right")
    ax_push.set_yscale("log")
    ax_push.set_ylim(0.02, 1.5)
    ax_push.set_yticks([0.03, 0.1, 0.3, 1], ["0.03", "0.1", "0.3", "1"])
    ax_push.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax_push.legend(loc="center right")
    plots.label(ax_push, "Push on the right species' output", "epoch",
                "mean |∂L/∂s| (log scale)")
    words = []
    for label, run in result.items():
        acc = np.asarray(run["accuracy"])
        reached = np.flatnonzero(acc >= 0.9)
        first = f"first reached at epoch {reached[0]}" if reached.size else "never reached"
        low = int(np.argmin(acc))
        dip = (f" (down to {acc[low]:.2f} at epoch {low} first, below chance)"
               if acc[low] < min(acc[0], 1 / 3) else "")
        words.append(f"{label}: training accuracy from {acc[0]:.2f}{dip} to {acc[-1]:.2f}, 0.9 "
                     f"{first}; push from {run['push'][0]:.3f} to {run['push'][-1]:.3f}")
    return _describe(fig, f"Two runs of the same network over {len(acc)} epochs. "
                          + ". ".join(words) + ".")


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


_MORE_LESS = {"petal length (cm)": ("longer", "shorter"), "petal width (cm)": ("wider", "narrower"),
              "sepal length (cm)": ("longer sepals", "shorter sepals"),
              "sepal width (cm)": ("wider sepals", "narrower sepals")}


def describe_unit(net, data, unit):
    """One hidden unit of a trained 1-hidden-layer network in words: which way its input grows
    per cm of each measurement (W1[:, unit] / std: the weights in cm units), and its mean output
    on the training flowers of each species (zero on every flower of a species is named).

    Returns a string such as "unit 1 grows with wider (2.29 per cm) and longer (0.64 per cm)
    petals; mean output: setosa 0.00 (0 on every one), versicolor 0.67, virginica 3.06".
    Notebook 06.
    """
    if not 0 <= unit < net.sizes[1]:
        raise ValueError(f"unit must be in 0..{net.sizes[1] - 1}; received {unit}")
    W1 = net.weights[0]
    per_cm = W1[:, unit] / data.std
    A = net._forward(data.X_train)[1][1][:, unit]
    if not np.all(np.isfinite(A)) or not np.all(np.isfinite(per_cm)):
        return f"unit {unit + 1}: not finite (the run diverged)"
    if net.hidden.name == "relu" and A.max() <= 0:
        return f"unit {unit + 1} is dead: 0 on every training flower, so it never learns again"
    biggest = np.abs(per_cm).max()
    parts = []
    for k in np.argsort(-np.abs(per_cm)):
        if biggest == 0 or abs(per_cm[k]) < 0.25 * biggest:
            continue
        more, less = _MORE_LESS.get(data.feature_names[k],
                                    (f"larger {data.feature_names[k]}",
                                     f"smaller {data.feature_names[k]}"))
        parts.append(f"{more if per_cm[k] > 0 else less} ({abs(per_cm[k]):.2f} per cm)")
    petals = all(n.startswith("petal") for n in data.feature_names)
    growth = (f"grows with {' and '.join(parts)}{' petals' if petals else ''}" if parts
              else "hardly depends on the measurements")
    means = []
    for k, name in enumerate(data.class_names):
        a = A[data.y_train == k]
        note = " (0 on every one)" if net.hidden.name == "relu" and a.max() <= 0 else ""
        means.append(f"{name} {a.mean():.2f}{note}")
    return f"unit {unit + 1} {growth}; mean output: {', '.join(means)}"


# --------------------------------------------------------------------------- static figures

#: font size (pt) of every tick and axis label of :func:`plot_pairs`
PAIRS_PT = 11


def plot_pairs(X, y, feature_names, class_names, figsize=(8.0, 5.0)):
    """Every pair of features as a scatter below the diagonal (colour *and* marker per species;
    row i, column j plots feature i against feature j), each feature's histogram per species on
    the diagonal with its count scale on the right: one unfilled outline per species, in the
    species' colour and its own line style (solid, dashed, dotted), so overlapping species stay
    readable, in grey too. Returns the pyplot figure. Notebook 06.

    The upper triangle (the same pairs mirrored) is left out, so every tick label belongs to the
    panel it sits on: the feature scales on the left column and the bottom row, the counts next
    to each histogram. Drawn without a layout engine (16 panels with constrained layout take
    about twice as long to draw).

    Sized for a slide (shown 64 % of a 1280 px screen wide, its height fitting under a line of
    text): tick and axis labels of 11 pt, ≥ 14 px as shown.
    """
    import matplotlib.pyplot as plt

    X = as_matrix(X, "X")
    y = as_labels(y, "y", len(class_names), length=X.shape[0])
    n = X.shape[1]
    with mpl.rc_context(plots.COURSE_RC):
        # 100 dpi: stored 800 px wide, so markers and ticks read well in the notebook too
        fig, axes = plt.subplots(n, n, figsize=figsize, dpi=100)
    fig.subplots_adjust(left=0.09, right=0.92, bottom=0.1, top=0.89, wspace=0.5, hspace=0.42)
    short = [f.replace(" (cm)", "") for f in feature_names]
    lims = [(X[:, k].min() - 0.3, X[:, k].max() + 0.3) for k in range(n)]
    for i in range(n):
        for j in range(n):
            ax = axes[i, j]
            if j > i:
                ax.set_visible(False)
                continue
            ax.set_xlim(*lims[j])
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
            if i == j:
                bins = np.linspace(*lims[i], 16)
                for k in range(len(class_names)):
                    ax.hist(X[y == k, i], bins=bins, histtype="step", color=plots.CLASS_COLORS[k],
                            linestyle=plots.LINE_STYLES[k], linewidth=2.0, label=class_names[k])
                ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(3, integer=True))
                ax.yaxis.tick_right()
                ax.yaxis.set_label_position("right")
                ax.set_ylabel("count", fontsize=PAIRS_PT)
                ax.spines["right"].set_visible(True)
                ax.spines["left"].set_visible(False)
            else:
                plots.scatter_classes(ax, X[:, [j, i]], y, class_names, size=20, edge="none")
                ax.set_ylim(*lims[i])
                ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(4))
            scatter_left = j == 0 and i != j
            ax.tick_params(labelsize=PAIRS_PT, labelbottom=i == n - 1,
                           labelleft=scatter_left, labelright=i == j)
            if i == n - 1:
                ax.set_xlabel(short[j], fontsize=PAIRS_PT)
            if scatter_left:
                ax.set_ylabel(short[i], fontsize=PAIRS_PT)
            if i == j:
                ax.set_title(short[i], fontsize=PAIRS_PT, pad=3)
    handles = axes[1, 0].collections[:len(class_names)]
    # both keys in the empty upper triangle, side by side
    fig.legend(handles, class_names, loc="upper left", bbox_to_anchor=(0.36, 0.93),
               fontsize=10, markerscale=1.7, title="species (points)")
    outlines = [Line2D([], [], color=plots.CLASS_COLORS[k], ls=plots.LINE_STYLES[k], lw=2.0)
                for k in range(len(class_names))]
    fig.legend(outlines, class_names, loc="upper left", bbox_to_anchor=(0.62, 0.93), fontsize=10,
               handlelength=2.6, title="species (histograms)")
    fig.suptitle("Iris: every pair of measurements (cm), and each one's histogram",
                 x=0.02, y=0.995, ha="left")
    return _describe(fig, pairs_in_words(X, y, feature_names, class_names))


def pairs_in_words(X, y, feature_names, class_names):
    """What :func:`plot_pairs` shows, in words: each species' range of each measurement, and
    which species stand apart (ranges that do not touch) in which measurements."""
    X = as_matrix(X, "X")
    y = as_labels(y, "y", len(class_names), length=X.shape[0])
    short = [f.replace(" (cm)", "") for f in feature_names]
    ranges = [[(X[y == k, j].min(), X[y == k, j].max()) for k in range(len(class_names))]
              for j in range(X.shape[1])]
    parts = [f"{short[j]}: " + ", ".join(f"{name} {lo:g}–{hi:g}" for name, (lo, hi) in
                                         zip(class_names, ranges[j]))
             for j in range(X.shape[1])]
    pairs = []
    for a in range(len(class_names)):
        for b in range(a + 1, len(class_names)):
            apart = [short[j] for j in range(X.shape[1])
                     if ranges[j][a][1] < ranges[j][b][0] or ranges[j][b][1] < ranges[j][a][0]]
            pairs.append(f"{class_names[a]} and {class_names[b]} "
                         + (f"do not overlap in {' or '.join(apart)}" if apart
                            else "overlap in every measurement"))
    return (f"Scatter plots of every pair of the four measurements of {X.shape[0]} flowers and "
            f"a histogram of each, one colour and marker per species. Ranges in cm: "
            f"{'; '.join(parts)}. {'; '.join(pairs).capitalize()}.")


def plot_confusion(C, class_names, title="Confusion matrix (test flowers)"):
    """The confusion matrix as a figure with the count in each cell. Returns the figure."""
    C = np.asarray(C)
    fig, ax = plots.new_figure(figsize=(7.0, 3.0))     # wide and low: a slide shows it whole
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(1, int(C.max())), aspect="auto")
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            dark = C[i, j] > 0.6 * C.max()
            ax.text(j, i, str(int(C[i, j])), ha="center", va="center", fontsize=15,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(class_names)), class_names)
    ax.set_yticks(range(len(class_names)), class_names)
    ax.grid(False)
    plots.label(ax, title, "predicted species", "true species")
    rows = []
    for i, name in enumerate(class_names):
        others = [f"{int(C[i, j])} taken for {class_names[j]}" for j in range(len(class_names))
                  if j != i and C[i, j]]
        rows.append(f"{name}: {int(C[i, i])} of {int(C[i].sum())} right"
                    + (f", {', '.join(others)}" if others else ""))
    return _describe(fig, f"{title}, rows the true species, columns the predicted one: "
                          f"{'; '.join(rows)}. {int(np.trace(C))} of {int(C.sum())} on the "
                          f"diagonal (right).")


def _describe(fig, text):
    """Attach the figure's text alternative (plots.describe) and return the figure."""
    return plots.describe(fig, text) if hasattr(plots, "describe") else fig


# ------------------------------------------------------------------------ shared demo bits

def _dropdown(description, options, value):
    return widgets.Dropdown(options=list(options), value=value if value in options else options[0],
                            description=description, style=SLIDER_STYLE,
                            layout=widgets.Layout(width="300px"))


def _finite(params):
    return all(np.isfinite(p).all() for p in params)


class _Run:
    """One training run of a setting, computed in full the first time a tick past 0 is asked
    for: cost and accuracy of the training and validation flowers after k epochs, k = 0..N,
    and the parameters after every tick (N/30 epochs, so a run is about 30 ticks).

    A run whose cost stops being finite stops there: ``diverged`` is True and the tick after the
    last finite one shows the divergence.
    """

    TICKS = 30

    def __init__(self, make_net, optimizer, lr, epochs, X, Y, X_val, y_val, Y_val):
        self._make_net, self.optimizer, self.lr, self.epochs = make_net, optimizer, lr, epochs
        self.X, self.Y, self.X_val, self.y_val, self.Y_val = X, Y, X_val, y_val, Y_val
        self.labels = Y.argmax(axis=1)
        self.per_tick = max(1, math.ceil(epochs / self.TICKS))
        self.net = make_net()                       # the network the demo draws
        self.snapshots = [[p.copy() for p in self.net.params]]
        self.loss, self.train_acc, self.val_loss, self.val_acc = [], [], [], []
        self._measure(self.net)
        self.diverged, self.complete = False, False
        self._cache = {}

    @property
    def n_ticks(self):
        """Ticks of the whole run (known once computed)."""
        self.compute()
        return len(self.snapshots) - 1 + (1 if self.diverged else 0)

    def _measure(self, net):
        _, As, J = net._forward(self.X, self.Y)
        self.loss.append(float(J))
        self.train_acc.append(float(np.mean(As[-1].argmax(axis=1) == self.labels)))
        if len(self.y_val):
            _, Av, Jv = net._forward(self.X_val, self.Y_val)
            self.val_loss.append(float(Jv))
            self.val_acc.append(float(np.mean(Av[-1].argmax(axis=1) == self.y_val)))
        return math.isfinite(J) and _finite(net.params)

    def compute(self):
        """Train the whole run once (at most ``epochs`` epochs); later calls do nothing."""
        if self.complete:
            return
        net = self._make_net()
        opt = optimizers.get(self.optimizer, self.lr)
        done = 0

        def record(epoch, net, history):
            ok = self._measure(net)
            if not ok:
                self.diverged = True
            return not ok

        with np.errstate(all="ignore"):
            while done < self.epochs and not self.diverged:
                chunk = min(self.per_tick, self.epochs - done)
                net.fit(self.X, self.Y, epochs=chunk, optimizer=opt, callback=record)
                done = len(self.loss) - 1
                if not self.diverged:
                    self.snapshots.append([p.copy() for p in net.params])
        self.complete = True

    def largest_hidden(self, X, units):
        """The largest output of hidden units 0..units−1 on X over the whole run (finite
        snapshots): one colour scale for a whole run, so playing it never rescales."""
        key = ("largest_hidden", units)
        if key not in self._cache:
            probe = self._make_net()
            top = 0.0
            for snap in self.snapshots:
                for p, s in zip(probe.params, snap):
                    p[...] = s
                with np.errstate(all="ignore"):
                    A = probe._forward(X)[1][1][:, :units]
                if np.all(np.isfinite(A)):
                    top = max(top, float(A.max()))
            self._cache[key] = top
        return self._cache[key]

    def epoch_at(self, tick):
        """Epochs done at ``tick`` (0 ≤ tick ≤ n_ticks)."""
        if tick <= 0:
            return 0
        self.compute()
        return min(tick * self.per_tick, len(self.loss) - 1)

    def is_diverged_at(self, tick):
        return tick > 0 and self.diverged and tick >= len(self.snapshots)

    def net_at(self, tick):
        """The drawing network with the parameters of ``tick`` (None once diverged)."""
        if tick > 0:
            self.compute()
        if self.is_diverged_at(tick):
            return None
        snap = self.snapshots[min(tick, len(self.snapshots) - 1)] if tick > 0 else \
            self.snapshots[0]
        for p, s in zip(self.net.params, snap):
            p[...] = s
        return self.net


class _RunDemo(Demo):
    """A demo that shows a cached :class:`_Run` of its current setting, tick by tick."""

    CACHE = 32
    START = "Play or Step"          # what the readout of the untrained network asks for

    def _setup_runs(self):
        self._runs = OrderedDict()
        self.tick = 0
        self._key = None
        self.player = Player(self._step, self._reset, interval=150, max_steps=100_000)

    def run_for(self, key):
        if key not in self._runs:
            self._runs[key] = self._new_run(key)
            while len(self._runs) > self.CACHE:
                self._runs.popitem(last=False)
        self._runs.move_to_end(key)
        return self._runs[key]

    @property
    def current(self):
        """The run of the current setting; a changed setting starts again at tick 0."""
        key = self.settings()
        if key != self._key:
            self._key, self.tick = key, 0
        return self.run_for(key)

    @property
    def epoch(self):
        return self.current.epoch_at(self.tick)

    def _step(self):
        run = self.current
        if self.tick >= run.n_ticks:
            self.player.play.playing = False
            return
        self.tick += 1
        self.update()

    def _reset(self):
        self.tick = 0
        self.update()

    def run(self, epochs=None):
        """Show the run after ``epochs`` epochs (rounded up to a whole tick), or to its end."""
        run = self.current
        if epochs is None:
            self.tick = run.n_ticks
        else:
            self.tick = min(run.n_ticks, max(0, math.ceil(int(epochs) / run.per_tick)))
        self.update()
        return self

    def _state(self, run, n):
        if run.is_diverged_at(self.tick):
            return "<b>diverged</b>: the cost stopped being finite — lower α"
        if self.tick == 0:
            return f"untrained: press {self.START}"
        return "done" if self.epoch >= n else "training"


# --------------------------------------------------------------------------- training demo

class TrainingDemo(_RunDemo):
    """A training run of the 4-h-3 network (ReLU, softmax + cross-entropy, bias; plain gradient
    descent, full batch) on the notebook's 90 training flowers, shown tick by tick.

    Left: the cost J per epoch of the training and of the validation flowers; right: their
    accuracy. A progress bar counts "epoch k / N"; Play / Step advance N/30 epochs per tick,
    Reset goes back to the untrained network, and changing a control starts again from it.
    ``run()`` jumps to the end (the picture a notebook stores). Controls: ``lr`` (0.001 … 3,
    log), ``epochs`` N (50 … 1000), ``hidden`` (1 … 32). Notebook 06.
    """

    YMAX = 1.6

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED)
        self.add_log("lr", "learning rate α", COURSE["lr"], 1e-3, 3.0)
        self.add_int("epochs", "epochs N", COURSE["epochs"], 50, 1000, 50)
        self.add_int("hidden", "hidden units h", COURSE["hidden"], 1, 32)
        self._setup_runs()
        self.progress = widgets.IntProgress(value=0, min=0, max=COURSE["epochs"],
                                            description="epoch 0 / 300", style=SLIDER_STYLE,
                                            layout=widgets.Layout(width="430px"))
        self._extra = [self.player.box, self.progress]
        self.readout.layout.height = "4.2em"
        self.figure = LiveFigure(1, 2, figsize=(8.0, 3.3))
        self._build(*self.figure.axes)
        self.update()

    def _build(self, ax_loss, ax_acc):
        blue, orange = plots.PALETTE["blue"], plots.PALETTE["orange"]
        (self.loss_line,) = ax_loss.plot([], [], color=blue, lw=2, label="training (90)")
        (self.val_loss_line,) = ax_loss.plot([], [], color=orange, lw=2, ls="--",
                                             label="validation (30)")
        ax_loss.set_ylim(0, self.YMAX)
        ax_loss.legend(loc="upper right")
        plots.label(ax_loss, "Cost J (cross-entropy)", "epoch", "J")
        (self.train_line,) = ax_acc.plot([], [], color=blue, lw=2, label="training (90)")
        (self.val_line,) = ax_acc.plot([], [], color=orange, lw=2, ls="--",
                                       label="validation (30)")
        ax_acc.axhline(1 / 3, color="grey", ls=":", lw=1.2, label="chance (1/3)")
        ax_acc.set_ylim(0, 1.05)
        ax_acc.legend(loc="lower right")
        plots.label(ax_acc, "Accuracy", "epoch", "fraction right")
        self.note = ax_loss.text(0.5, 0.5, "", transform=ax_loss.transAxes, ha="center",
                                 fontsize=14, fontweight="bold", color=plots.PALETTE["vermillion"])
        self.ax_loss, self.ax_acc = ax_loss, ax_acc
        self._xmax = None
        self.figure.animate(self.loss_line, self.val_loss_line, self.train_line, self.val_line,
                            self.note)

    def settings(self):
        return (float(self.value("lr")), int(self.value("epochs")), int(self.value("hidden")))

    def _new_run(self, key):
        lr, epochs, hidden = key
        d = self.data
        return _Run(lambda: course_network(4, hidden, "relu", COURSE["seed"]), "gd", lr, epochs,
                    d.X_train, d.Y_train, d.X_val, d.y_val, d.Y_val)

    def per_tick(self):
        """Epochs per Play tick or Step: N/30, so a run is about 30 ticks."""
        return max(1, math.ceil(self.settings()[1] / _Run.TICKS))

    def draw(self):
        run, (lr, n, hidden) = self.current, self.settings()
        k = self.epoch                                  # epochs done: points 0..k are drawn
        xs = np.arange(k + 1)
        for line, values, clip in ((self.loss_line, run.loss, True),
                                   (self.val_loss_line, run.val_loss, True),
                                   (self.train_line, run.train_acc, False),
                                   (self.val_line, run.val_acc, False)):
            v = np.asarray(values[:k + 1], dtype=float)
            ok = np.isfinite(v)                         # a diverged run: its finite part only
            line.set_data(xs[ok], np.clip(v[ok], 0, self.YMAX) if clip else v[ok])
        if self._xmax != n:                             # axis limits are part of the background
            self._xmax = n
            for ax in (self.ax_loss, self.ax_acc):
                ax.set_xlim(0, n)
            self.figure.invalidate()
        diverged = run.is_diverged_at(self.tick)
        self.progress.max, self.progress.value = n, min(k, n)
        self.progress.description = f"epoch {k} / {n}"
        self.note.set_text("diverged" if diverged else "")
        d = self.data
        if diverged:
            numbers = "the cost is no longer a number"
        else:
            right_tr = round(run.train_acc[k] * len(d.y_train))
            right_va = round(run.val_acc[k] * len(d.y_val))
            numbers = (f"J = {run.loss[k]:.3f} (validation {run.val_loss[k]:.3f}) · "
                       f"training accuracy {right_tr}/90 = {right_tr / 90:.3f} · "
                       f"validation accuracy {right_va}/30 = {right_va / 30:.3f}")
        self.readout.value = (
            f"epoch {k} / {n} ({self._state(run, n)}) · 4-{hidden}-3 network, "
            f"gradient descent with α = {lr:.3g}<br>{numbers}")

    def description(self):
        """The readout, plus what the curves drawn so far show, in words."""
        words = super().description()
        run, k = self.current, self.epoch
        if k == 0:
            return words + ". No curves yet: the run has not started"
        loss = np.asarray(run.loss[:k + 1])
        loss = loss[np.isfinite(loss)]
        acc = np.asarray(run.train_acc[:k + 1])
        reach = np.flatnonzero(acc >= 0.9)
        at = (f"first 0.9 or more at epoch {reach[0]}" if reach.size
              else "never 0.9 in this run")
        low = int(np.argmin(acc[:len(loss)]))
        if acc[low] < min(acc[0], 1 / 3):
            at += f"; down to {acc[low]:.2f} at epoch {low} first, below chance"
        return (f"{words}. The curves, epochs 0 to {k}: the training cost went from "
                f"{loss[0]:.2f} to {loss[-1]:.2f} (validation {run.val_loss[0]:.2f} to "
                f"{run.val_loss[len(loss) - 1]:.2f}); training accuracy from {acc[0]:.2f} to "
                f"{acc[len(loss) - 1]:.2f} ({at}), validation accuracy from "
                f"{run.val_acc[0]:.2f} to {run.val_acc[len(loss) - 1]:.2f}")


# ---------------------------------------------------------------------------- regions demo

def _nice_ceiling(x):
    """The smallest of 1, 2, 3, 4, 5, 6, 8 × 10^k that is ≥ x (x > 0): a steady colour scale."""
    if not math.isfinite(x) or x <= 0:
        return 1.0
    k = math.floor(math.log10(x))
    for m in (1, 2, 3, 4, 5, 6, 8, 10):
        if m * 10 ** k >= x * (1 - 1e-12):
            return float(m * 10 ** k)
    return float(10 ** (k + 1))


class RegionsDemo(_RunDemo):
    """A 2-h-3 network on the two standardised petal features (length, width): its decision
    regions, exact for this network (it sees only these two features), and what each hidden
    unit computes over the same plane (up to 6 shown, one shared colour scale), tick by tick.

    Controls: ``lr`` (0.001 … 3, log), ``hidden`` (1 … 32), ``epochs`` (50 … 1000),
    ``activation`` (relu / sigmoid / tanh), ``optimizer`` (gd / momentum / adam); buttons
    Train (to the end of the run), Play / Step (N/30 epochs per tick), Reset. A ReLU unit that
    is 0 on every training flower is titled "dead". ``run()`` jumps to the end (the picture a
    notebook stores). Changing a control starts again from the untrained network. Notebook 06.
    """

    SHOWN = 6                    # hidden-unit pictures at most
    UNIT_PT = 10                 # the smallest font (pt): unit pictures, colour bar, key
    START = "Train, Play or Step"
    XLIM, YLIM = (0.5, 7.5), (-0.3, 2.8)  # petal length, petal width in cm
    RES, SMALL = 90, 40          # grid points per side: regions, hidden-unit pictures

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED, PETAL)
        self.add_log("lr", "learning rate α", CHOSEN["lr"], 1e-3, 3.0)
        self.add_int("hidden", "hidden units h", 6, 1, 32)
        self.add_int("epochs", "epochs N", CHOSEN["epochs"], 50, 1000, 50)
        self.add_control("activation", _dropdown("hidden activation", HIDDEN_ACTIVATIONS,
                                                 self.presets.get("activation", "relu")))
        self.add_control("optimizer", _dropdown("optimiser", OPTIMIZERS,
                                                self.presets.get("optimizer", "gd")))
        self._setup_runs()
        self.train_button = widgets.Button(description="Train", icon="forward",
                                           tooltip="show the end of the run",
                                           layout=widgets.Layout(width="90px"))
        self.train_button.on_click(lambda _: self.train_all())
        self._extra = [widgets.HBox([self.train_button, self.player.box])]
        self.readout.layout.height = "4.2em"
        self._grids()
        # 8 × 5 in at 104 dpi: as many pixels as before, with fonts of ≥ 10 pt (≥ 14 px when the
        # picture is shown 64 % of a 1280 px screen wide, as slides show it)
        self.figure = LiveFigure(figsize=(8.0, 5.0), dpi=104)
        self._build()
        self.update()

    # -- precomputed grids ----------------------------------------------------------------
    def _pixel_extent(self, n):
        """imshow extent whose n pixel centres sit on the n grid points of each axis."""
        (x0, x1), (y0, y1) = self.XLIM, self.YLIM
        dx, dy = (x1 - x0) / (n - 1) / 2, (y1 - y0) / (n - 1) / 2
        return (x0 - dx, x1 + dx, y0 - dy, y1 + dy)

    def _grids(self):
        d = self.data
        self.xx, self.yy, P = plots.grid_points(self.XLIM, self.YLIM, self.RES)
        self.P_std = (P - d.mean) / d.std
        _, _, S = plots.grid_points(self.XLIM, self.YLIM, self.SMALL)
        self.S_std = (S - d.mean) / d.std

    def _build(self):
        fig = self.figure.fig
        self.figure.axes.remove()
        gs = fig.add_gridspec(3, 4, width_ratios=[2.7, 1, 1, 0.07])
        ax = fig.add_subplot(gs[:, 0])
        self.mesh = ax.imshow(np.zeros(self.xx.shape), origin="lower", aspect="auto",
                              extent=self._pixel_extent(self.RES), cmap=plots.region_cmap(3),
                              vmin=-0.5, vmax=2.5, interpolation="nearest")
        d = self.data
        points = plots.scatter_classes(ax, d.raw_train, d.y_train, d.class_names, size=30)
        for k in range(3):
            pts = d.raw_val[d.y_val == k]
            points.append(ax.scatter(pts[:, 0], pts[:, 1], s=48, facecolors="none",
                                     linewidths=1.4, edgecolors=plots.CLASS_COLORS[k],
                                     marker=plots.CLASS_MARKERS[k], zorder=4))
        # the key sits on the regions it explains, in the empty upper left (no flower there)
        self.key = ax.legend(handles=[(points[k], points[3 + k]) for k in range(3)],
                             labels=d.class_names, loc="upper left", fontsize=self.UNIT_PT,
                             handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)},
                             handlelength=2.4, title="filled: training flower\n"
                                                     "hollow: validation flower",
                             title_fontsize=self.UNIT_PT, framealpha=0.92, alignment="left")
        ax.set_xlim(*self.XLIM)
        ax.set_ylim(*self.YLIM)
        plots.label(ax, "Decision regions", "petal length (cm)", "petal width (cm)")
        self.note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", fontsize=15,
                            fontweight="bold", color=plots.PALETTE["vermillion"], zorder=6)
        self.ax = ax
        self.figure.animate(self.mesh, *points, self.key, self.note)
        self.units, self.unit_titles, self.unit_points = [], [], []
        self.norm = Normalize(0, 1)
        for i in range(self.SHOWN):
            row, col = divmod(i, 2)
            a = fig.add_subplot(gs[row, 1 + col])
            im = a.imshow(np.zeros((self.SMALL, self.SMALL)), origin="lower",
                          extent=self._pixel_extent(self.SMALL),
                          aspect="auto", cmap=plots.SURFACE_CMAP, norm=self.norm)
            # the training flowers on top: white with a black edge (readable on dark and on
            # bright yellow), one marker per species as on the left
            pts = [a.scatter(*d.raw_train[d.y_train == k].T, s=16, zorder=3, facecolors="white",
                             edgecolors="black", linewidths=0.8, marker=plots.CLASS_MARKERS[k])
                   for k in range(3)]
            self.unit_points.append(pts)
            self.figure.animate(*pts)
            a.set_xlim(*self.XLIM)
            a.set_ylim(*self.YLIM)
            a.set_xticks([2, 4, 6])
            a.set_yticks([0, 1, 2])
            a.tick_params(labelsize=self.UNIT_PT, pad=1, length=2, labelleft=col == 0,
                          labelbottom=row == 2)
            a.grid(False)
            title = a.set_title(f"unit {i + 1}", fontsize=self.UNIT_PT, pad=2)
            self.units.append(im)
            self.unit_titles.append(title)
            self.figure.animate(im)          # titles change rarely: static
        self.unit_axes = [im.axes for im in self.units]
        for i, a in enumerate(self.unit_axes):
            if i % 2 == 0:
                a.set_ylabel("petal width", fontsize=self.UNIT_PT, labelpad=1)
            if i >= self.SHOWN - 2:
                a.set_xlabel("petal length", fontsize=self.UNIT_PT, labelpad=1)
        cax = fig.add_subplot(gs[:, 3])
        self.colorbar = fig.colorbar(ScalarMappable(self.norm, plots.SURFACE_CMAP), cax=cax,
                                     extend="max")
        self.colorbar.ax.tick_params(labelsize=self.UNIT_PT)
        self.colorbar.set_label("hidden unit output (bright = large)", fontsize=self.UNIT_PT)
        self._scale = (0.0, 1.0)

    # -- runs -----------------------------------------------------------------------------
    def settings(self):
        return (float(self.value("lr")), int(self.value("hidden")), int(self.value("epochs")),
                self.value("activation"), self.value("optimizer"))

    def _new_run(self, key):
        lr, hidden, epochs, act, opt = key
        d = self.data
        return _Run(lambda: course_network(2, hidden, act, COURSE["seed"]), opt, lr, epochs,
                    d.X_train, d.Y_train, d.X_val, d.y_val, d.Y_val)

    def per_tick(self):
        """Epochs per Play tick or Step: N/30, so a run is about 30 ticks."""
        return max(1, math.ceil(self.settings()[2] / _Run.TICKS))

    def train_all(self):
        """The Train button: show the end of the run (computed once, about 0.1 s at most)."""
        self.player.play.playing = False
        return self.run()

    # -- drawing --------------------------------------------------------------------------
    def draw(self):
        run, (lr, hidden, n, act, opt) = self.current, self.settings()
        net = run.net_at(self.tick)
        diverged = net is None
        if diverged:
            self.mesh.set_data(np.full(self.xx.shape, np.nan))
        else:
            pred = net._forward(self.P_std)[1][-1].argmax(axis=1)
            self.mesh.set_data(pred.reshape(self.xx.shape).astype(float))
        self.note.set_text("diverged" if diverged else "")
        self._draw_units(net, hidden, act)
        k = self.epoch
        if diverged:
            numbers = "the cost is no longer a number"
        else:
            right_tr = round(run.train_acc[k] * 90)
            right_va = round(run.val_acc[k] * 30)
            numbers = (f"J = {run.loss[k]:.3f} · training {right_tr}/90 = {right_tr / 90:.3f} · "
                       f"validation {right_va}/30 = {right_va / 30:.3f}")
        shown = (f"units 1–{self.SHOWN} of {hidden} shown" if hidden > self.SHOWN else
                 f"all {hidden} units shown" if hidden > 1 else "its one unit shown")
        self.readout.value = (
            f"epoch {k} / {n} ({self._state(run, n)}) · 2-{hidden}-3 network, {act} hidden "
            f"units, {opt}, α = {lr:.3g} · {shown}<br>{numbers}")

    def _draw_units(self, net, hidden, act):
        A = None if net is None else net._forward(self.S_std)[1][1]      # (SMALL², hidden)
        dead = self.dead_units(net) if net is not None else set()
        for i, a in enumerate(self.unit_axes):   # no empty frames: hide the unused panels
            if a.get_visible() != (i < hidden):
                a.set_visible(i < hidden)
                for pts in self.unit_points[i]:
                    pts.set_visible(i < hidden)
                self.figure.invalidate()      # the frames are part of the static background
        shown = min(hidden, self.SHOWN)
        if act == "relu":                     # scaled to the flowers; brighter outside
            run = self.current
            top = run.largest_hidden(self.data.X_train, shown) if run.complete else \
                1.0 if net is None else float(np.max(net._forward(self.data.X_train)[1][1]))
            scale = (0.0, _nice_ceiling(top))
        else:
            scale = (-1.0, 1.0) if act == "tanh" else (0.0, 1.0)
        if scale != self._scale:              # the colour bar is part of the static background
            self._scale = scale
            self.norm.vmin, self.norm.vmax = scale
            self.figure.invalidate()
        for i, (im, title) in enumerate(zip(self.units, self.unit_titles)):
            text = "" if i >= hidden else f"unit {i + 1}" + (" dead" if i in dead else "")
            if title.get_text() != text:      # titles are part of the static background
                title.set_text(text)
                self.figure.invalidate()
            if A is None or i >= hidden:
                im.set_data(np.full((self.SMALL, self.SMALL), np.nan))
            else:
                im.set_data(A[:, i].reshape(self.SMALL, self.SMALL))

    def dead_units(self, net=None):
        """ReLU units that are 0 on every training flower (they never learn again)."""
        net = self.current.net_at(self.tick) if net is None else net
        if net is None or net.hidden.name != "relu":
            return set()
        A = net._forward(self.data.X_train)[1][1]
        return set(int(i) for i in np.flatnonzero(A.max(axis=0) <= 0))

    def units_in_words(self):
        """Each hidden unit (up to 6) of the network shown now, in words (see describe_unit)."""
        net = self.current.net_at(self.tick)
        if net is None:
            return ["the run diverged: no hidden unit to describe"]
        return [describe_unit(net, self.data, i) for i in range(min(net.sizes[1], self.SHOWN))]

    def regions_in_words(self):
        """Which species each part of the plane gets, counted on the training flowers."""
        net = self.current.net_at(self.tick)
        if net is None:
            return "no regions: the run diverged"
        d = self.data
        pred = net._forward(self.P_std)[1][-1].argmax(axis=1)
        share = np.bincount(pred, minlength=3) / pred.size
        kept = net.predict_classes(d.X_train)
        parts = [f"{name} {share[k]:.0%} of the window "
                 f"({int(np.sum((kept == k) & (d.y_train == k)))} of "
                 f"{int(np.sum(d.y_train == k))} training {name} inside)"
                 for k, name in enumerate(d.class_names)]
        missing = [name for k, name in enumerate(d.class_names) if share[k] == 0]
        note = f"; no region at all for {', '.join(missing)}" if missing else \
            "; every species has a region"
        return "regions: " + ", ".join(parts) + note

    def description(self):
        """The readout, the regions and the hidden units in words."""
        return (f"{super().description()}. Left, {self.regions_in_words()}. Right, one picture "
                f"per hidden unit over the same plane (bright = large output): "
                f"{'; '.join(self.units_in_words())}")


# ----------------------------------------------------------------------------- flower form

class FlowerDemo(Demo):
    """Type the four measurements of a flower (cm) and get the species the notebook's chosen
    network (the CHOSEN setting, trained on the 90 training flowers) predicts, with its three
    probabilities; the flower is drawn as a star among the training flowers (petal plane).

    The inputs are standardised with the *training* mean and std: x_std = (x − mean) / std.
    Controls: ``sepal_length``, ``sepal_width``, ``petal_length``, ``petal_width`` (FloatText).
    Notebook 06.
    """

    FIELDS = (("sepal_length", "sepal length (cm)", 6.0), ("sepal_width", "sepal width (cm)", 2.9),
              ("petal_length", "petal length (cm)", 4.5), ("petal_width", "petal width (cm)", 1.5))
    XLIM, YLIM = (0.5, 7.5), (-0.3, 2.8)

    def __init__(self, **presets):
        super().__init__(**presets)
        self.data = prepare(SPLIT_SEED)
        self.net, _ = train(self.data, CHOSEN["hidden"], CHOSEN["lr"], CHOSEN["epochs"],
                            CHOSEN["activation"], CHOSEN["optimizer"], CHOSEN["seed"])
        raw = np.vstack([self.data.raw_train, self.data.raw_val, self.data.raw_test])
        self.seen = (raw.min(axis=0), raw.max(axis=0))
        for name, description, default in self.FIELDS:
            self.add_control(name, widgets.FloatText(
                value=float(self.presets.get(name, default)), step=0.1, description=description,
                style=SLIDER_STYLE, layout=widgets.Layout(width="260px")))
        self.readout.layout.height = "5.4em"
        self.figure = LiveFigure(1, 2, figsize=(8.0, 3.0))
        self._build(*self.figure.axes)
        self.update()

    def _build(self, ax_pts, ax):
        d = self.data
        plots.scatter_classes(ax_pts, d.raw_train[:, 2:], d.y_train, d.class_names, size=14)
        (self.star,) = ax_pts.plot([], [], marker="*", ms=18, color="black", mec="white",
                                   ls="none", zorder=5, label="your flower")
        ax_pts.set_xlim(*self.XLIM)
        ax_pts.set_ylim(*self.YLIM)
        ax_pts.legend(loc="upper left", fontsize=8)
        plots.label(ax_pts, "Your flower among the training flowers", "petal length (cm)",
                    "petal width (cm)")
        self.outside = ax_pts.text(0.98, 0.04, "", transform=ax_pts.transAxes, ha="right",
                                   fontsize=9, color=plots.PALETTE["vermillion"])
        names = d.class_names
        self.bars = ax.barh(range(3), [0, 0, 0], color=plots.CLASS_COLORS[:3],
                            hatch=["", "//", ".."], edgecolor="black", linewidth=0.6)
        self.labels = [ax.text(0.01, k, "", va="center", fontsize=10) for k in range(3)]
        ax.set_yticks(range(3), names)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.14)                 # room for the number after a full bar
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        plots.label(ax, "What the network says", "probability ŷ", "")
        self.figure.animate(self.star, self.outside, *self.bars, *self.labels)

    def measurements(self):
        return np.array([float(self.value(name)) for name, _, _ in self.FIELDS])

    def probabilities(self):
        """(x in cm, x standardised, ŷ) for the typed flower."""
        x = self.measurements()
        if not np.all(np.isfinite(x)):
            raise ValueError("every measurement must be a number")
        x_std = (x - self.data.mean) / self.data.std
        return x, x_std, self.net.forward(x_std[None, :])[0]

    def draw(self):
        x, x_std, p = self.probabilities()
        names = self.data.class_names
        for k, (bar, text) in enumerate(zip(self.bars, self.labels)):
            bar.set_width(p[k])
            text.set_text(f"{p[k]:.3f}")
            text.set_x(p[k] + 0.01)
        px, py = float(np.clip(x[2], *self.XLIM)), float(np.clip(x[3], *self.YLIM))
        self.star.set_data([px], [py])
        clipped = (px, py) != (x[2], x[3])
        self.outside.set_text("star at the edge: the flower is off this picture" if clipped
                              else "")
        k = int(p.argmax())
        lo, hi = self.seen
        outside = [f"{n.split(' (')[0]} {v:g}" for (_, n, _), v, a, b in
                   zip(self.FIELDS, x, lo, hi) if not a <= v <= b]
        warn = ("" if not outside else
                f"<br>⚠ outside the 150 flowers' range ({', '.join(outside)}): the network has "
                f"never seen such a flower, so trust this answer less")
        sizes = ", ".join(f"{n.split(' (')[0]} {v:g}" for (_, n, _), v in zip(self.FIELDS, x))
        probs = ", ".join(f"{name} {q:.3f}" for name, q in zip(names, p))
        zs = ", ".join(f"{v:.2f}" for v in x_std)
        self.readout.value = (
            f"flower (cm): {sizes} → predicted <b>{names[k]}</b> with probability {p[k]:.3f} "
            f"({probs})<br>standardised with the training mean and std, "
            f"$x_{{std}} = (x - \\mu)/\\sigma$ = [{zs}]{warn}")


# ------------------------------------------------------- source 002 (appendix 08's numbers)

def article_network(hidden=ARTICLE["hidden"], seed=0):
    """Source 002's network: ŷ = σ(ReLU(X W1) W2), no biases, MSE loss, weights drawn from a
    standard normal N(0, 1) as its code does. Appendix 08."""
    return MLP([4, hidden, 3], hidden="relu", output="sigmoid", loss="mse", bias=False,
               seed=seed, init=1.0)


def article_run(split_seed, weight_seed, epochs=ARTICLE["epochs"], hidden=ARTICLE["hidden"]):
    """Train :func:`article_network` with source 002's recipe (plain gradient descent, lr 0.5)
    on the 120/30 split ``prepare(split_seed, validation=0)``; returns ``(train right of 120,
    test right of 30)``, predictions by the largest output. Appendix 08."""
    data = prepare(split_seed, validation=0)
    net = article_network(hidden, weight_seed)
    net.fit(data.X_train, data.Y_train, lr=ARTICLE["lr"], epochs=epochs)
    return count_right(net, data.X_train, data.y_train), count_right(net, data.X_test, data.y_test)


def possible_splits(train_accuracy, test_accuracy, total=150, decimals=4):
    """Which splits of ``total`` samples can produce both reported accuracies?

    An accuracy on n samples is k/n for a whole k. Returns a list of
    ``(n_train, n_test, k_train, k_test)`` with n_train + n_test = total and
    round(k_train/n_train, decimals) = round(train_accuracy, decimals), likewise for the test.
    Appendix 08 (source 002 reports 0.97777 and 0.9).
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
    """Every sample count n ≤ ``largest`` for which some k/n rounds to ``accuracy``. Appendix 08."""
    value = round(float(accuracy), decimals)
    return [n for n in range(1, largest + 1) if _fraction_hitting(value, n, decimals) is not None]
