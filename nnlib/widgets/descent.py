"""Live demos and figures of notebook 03_gradient_descent.

* :class:`SlopeDemo` — the derivative as a slope: a point moves along a curve J(w) with its
  tangent; the sign of the slope says which way is uphill.
* :class:`LearningRateDemo` — gradient descent on the notebook's linear table with a log-scale
  learning-rate slider and Play / Step / Reset: the path on the loss contour and the loss curve;
  it crawls, converges, oscillates or diverges (divergence is detected and named).
* :func:`plot_bowl` — the 2-D bowl J = ½(λ1 w1² + λ2 w2²): descent paths on its contours, and the
  factor |1 − αλ| by which one step scales the distance along each axis.
* :func:`plot_batch_vs_stochastic` — full-batch against one-sample-at-a-time descent.

The numbers behind them (cost, gradient, Hessian, the stability limit 2/λ_max, a descent run
that detects divergence) live in :mod:`nnlib.linear`, numpy only; this module only draws.

Why the contour shows two weights: the table has three weights (w1, w2, w3), and a contour needs
two axes. The demo freezes w1 at its true value 0.5 and lets descent learn w2 and w3 from the
first guess (1.4, 30). That is a real two-weight problem, so every point of the path
lies exactly on the pictured surface (a 3-weight path projected onto a slice would not).
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LogNorm

from .. import datasets, plots
from .._checks import as_float_array, as_vector, choice, positive_number
from ..linear import descent_path, hessian, regime
from . import core

# ------------------------------------------------------------------------ the demo's problem

def two_weight_problem():
    """The linear table with w1 frozen at its true 0.5: learn (w2, w3).

    Returns ``(X2, y2, w0, w_true)``: X2 (6, 2) the columns of x2 and x3, y2 = y − 0.5·x1,
    w0 = (1.4, 30) the first guess, w_true = (0.9, 1.2). Notebook 03.
    """
    X, y = datasets.load_linear_table()
    w1 = datasets.LINEAR_WEIGHTS[0]
    return (X[:, 1:], y - w1 * X[:, 0], np.array(datasets.LINEAR_FIRST_GUESS[1:]),
            np.array(datasets.LINEAR_WEIGHTS[1:]))


# -------------------------------------------------------------------------- the slope demo

_WHITE_BOX = dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.85)


def _bowl(w):
    return (w - 3.0) ** 2 + 1.0, 2.0 * (w - 3.0)


def _wavy(w):
    return 0.5 * (w - 3.0) ** 2 + 1.5 + np.sin(2.5 * w), (w - 3.0) + 2.5 * np.cos(2.5 * w)


#: name → (function giving (J, dJ/dw), J written out, dJ/dw written out with {w} for the value)
CURVES = {
    "bowl": (_bowl, r"(w-3)^2 + 1", r"2\,(w-3) = 2\,({w} - 3)"),
    "wavy": (_wavy, r"\tfrac12 (w-3)^2 + 1.5 + \sin 2.5w",
             r"(w-3) + 2.5\cos 2.5w = ({w} - 3) + 2.5\cos(2.5 \cdot {wp})"),
}


class SlopeDemo(core.Demo):
    """The derivative as a slope: move w along J(w); the tangent and the sign of dJ/dw say which
    way is uphill, and gradient descent steps the other way.

    Controls: ``w`` (−1 … 7), ``curve`` ("bowl": (w − 3)² + 1, "wavy": a bowl with bumps).
    Notebook 03.
    """

    W_RANGE = (-1.0, 7.0)
    X_LIM = (-1.8, 7.8)  # a margin beyond the slider's range: arrows at its ends stay visible

    def __init__(self, **presets):
        super().__init__(**presets)
        self.add_float("w", "weight w", 4.5, *self.W_RANGE, 0.05)
        curve = choice(self.presets.get("curve", "bowl"), "curve", CURVES)
        self.add_control("curve", widgets.Dropdown(
            options=list(CURVES), value=curve,
            description="curve J(w)", style=core.SLIDER_STYLE,
            layout=widgets.Layout(width="300px")))
        self.readout.layout.height = "5.6em"
        self.figure = core.LiveFigure(figsize=(7.5, 3.6))
        self._build(self.figure.axes)
        self.update()

    def _build(self, ax):
        self.ws = np.linspace(*self.X_LIM, 480)
        (self.curve_line,) = ax.plot([], [], color=plots.PALETTE["blue"], lw=2, label="J(w)")
        (self.tangent,) = ax.plot([], [], color=plots.PALETTE["vermillion"], lw=1.8, ls="--",
                                  label="tangent (slope dJ/dw)")
        (self.point,) = ax.plot([], [], "o", ms=9, color=plots.PALETTE["black"], zorder=4)
        arrow = dict(arrowstyle="-|>", lw=2.5, mutation_scale=18)
        self.up_arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), zorder=5, arrowprops=dict(
            color=plots.PALETTE["orange"], **arrow))
        self.down_arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), zorder=5, arrowprops=dict(
            color=plots.PALETTE["green"], **arrow))
        self.up_label = ax.text(0, 0, "uphill", color=plots.PALETTE["orange"],
                                fontweight="bold", ha="center", va="bottom", bbox=_WHITE_BOX)
        self.down_label = ax.text(0, 0, "descent step", color=plots.PALETTE["green"],
                                  fontweight="bold", ha="center", va="top", bbox=_WHITE_BOX)
        self.figure.animate(self.curve_line, self.tangent, self.point, self.up_arrow,
                           self.down_arrow, self.up_label, self.down_label)
        ax.set_xlim(*self.X_LIM)
        ax.set_ylim(0, 20)
        ax.legend(loc="upper center")
        plots.label(ax, "The derivative is the slope of the tangent", "weight w", "cost J(w)")
        self.ax = ax

    def draw(self):
        self._words = None  # set at the end: a failed draw leaves the readout's error message
        w = float(self.value("w"))
        f, J_tex, dJ_tex = CURVES[self.value("curve")]
        J_all, _ = f(self.ws)
        J, s = (float(v) for v in f(w))
        self.curve_line.set_data(self.ws, J_all)
        self.point.set_data([w], [J])
        t = np.array([w - 1.5, w + 1.5])
        self.tangent.set_data(t, J + s * (t - w))
        self._draw_arrow(w, J, s)
        self.readout.value = self._text(w, J, s, J_tex, dJ_tex)
        self._words = self._plain(w, J, s)

    def description(self):
        """The picture in words (no LaTeX): the curve, the point, its slope, which way is uphill."""
        return self._words or super().description()

    def _plain(self, w, J, s):
        curve = {"bowl": "J(w) = (w − 3)² + 1",
                 "wavy": "the wavy curve J(w) = ½(w − 3)² + 1.5 + sin 2.5w"}[self.value("curve")]
        head = (f"{curve}, with its tangent at w = {w:.2f}, where J = {J:.2f} and the slope "
                f"dJ/dw = {s:.2f}")
        if abs(s) < 0.05:
            return f"{head}: flat, so a gradient-descent step does not move w"
        side, other = ("right", "left") if s > 0 else ("left", "right")
        return (f"{head}: uphill is to the {side} (orange arrow), so a gradient-descent step "
                f"goes to the {other} (green arrow)")

    def _draw_arrow(self, w, J, s):
        """Two horizontal arrows from the point: uphill (sign of the slope) and the descent step."""
        flat = abs(s) < 0.05
        lo, hi = self.X_LIM
        height = J + 2.4 if J < 16 else J - 3.0  # clear of the point and its labels
        up = 1.0 if s >= 0 else -1.0
        for arrow, text, direction in ((self.up_arrow, self.up_label, up),
                                       (self.down_arrow, self.down_label, -up)):
            end = float(np.clip(w + 1.3 * direction, lo + 0.1, hi - 0.1))
            arrow.xy, arrow.xyann = (end, height), (w, height)
            visible = not flat and abs(end - w) > 0.4
            arrow.set_visible(visible)
            # "uphill" above its arrow, "descent step" below: they never overlap
            text.set_position(((w + end) / 2, height + (0.3 if text is self.up_label else -0.3)))
            text.set_visible(visible)

    @staticmethod
    def _text(w, J, s, J_tex, dJ_tex):
        wp = f"{w:.2f}" if w >= 0 else f"({w:.2f})"
        slope = dJ_tex.format(w=f"{w:.2f}", wp=wp) + f" = {s:.2f}"
        if abs(s) < 0.05:
            verdict = ("<b>flat</b>: the slope is almost 0 — a minimum (or a maximum): "
                       "gradient descent stops here")
        else:
            side, other = ("right", "left") if s > 0 else ("left", "right")
            verdict = (f"slope {'&gt; 0' if s > 0 else '&lt; 0'}: <b>uphill is to the {side}</b>, "
                       f"so gradient descent steps to the {other}: "
                       f"$w \\leftarrow {w:.2f} - \\alpha \\cdot ({s:.2f})$")
        return (f"$J(w) = {J_tex}$, at $w = {w:.2f}$: $J = {J:.2f}$<br>"
                f"slope $dJ/dw = {slope}$<br>{verdict}")


# ------------------------------------------------------------------ the learning-rate demo

def _tex(x, digits=4):
    """A number for LaTeX: 4 significant digits, powers of ten written as × 10^k."""
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}"
    return text


def _words(x):
    """A number for plain text: 13020 rather than 1.302e+04; 4 significant digits, and
    powers of ten written as × 10^k outside 0.001 … 10⁶."""
    if 1e3 <= abs(x) < 1e6:
        return f"{x:.0f}"
    return _tex(x).replace("\\times", "×").replace("{", "").replace("}", "")


class LearningRateDemo(core.Demo):
    """Gradient descent on the notebook's linear table (w1 frozen at 0.5, learn w2 and w3 from the
    first guess (1.4, 30)) with learning rate α on a log slider; Play / Step / Reset move the
    step k.

    Left: the path of (w2, w3) on the contour of J; the frame is centred on the minimum, so an
    overshooting path swings from side to side inside it. Right: J against the step (log axis).
    The readout writes the update rule w ← w − α ∂J/∂w with this step's numbers, α against this
    problem's limit 2/λ_max = 0.0388 (section 6 derives it), and names the regime: crawls,
    converges, oscillates, diverged. :meth:`description` says the same in plain words.
    Controls: ``lr`` (1e-4 … 0.1), ``step`` (0 … 200; ``step_range=(0, 60)`` gives a shorter run
    for a lecture). Notebook 03.
    """

    STEPS = 200
    W2_LIM, W3_LIM = (-31.0, 33.0), (-30.0, 34.0)  # the minimum (0.9, 1.2) ± 32
    J_LIM = (1e-12, 1e12)  # J is drawn clipped to this range (it reaches 1e-31 when converged)
    height = "auto"

    def __init__(self, **presets):
        super().__init__(**presets)
        self.X, self.y, self.w0, self.w_true = two_weight_problem()
        lams = np.linalg.eigvalsh(hessian(self.X))
        self.lam_min, self.lam_max = float(lams[0]), float(lams[-1])
        self.lr_limit = 2.0 / self.lam_max
        self.add_log("lr", "learning rate α", 0.01, 1e-4, 0.1)
        step = self.add_int("step", "step k", 40, 0, self.STEPS)
        self.steps = max(int(step.max), 1)  # the run's length: the slider's end (200 unless preset)
        self.player = core.Player(self._step, self._reset, interval=120, max_steps=10_000)
        self._extra = [self.player.box]
        self.readout.layout.height = "7.4em"
        self.figure = core.LiveFigure(1, 2, figsize=(7.5, 3.8))
        self._build_contour(self.figure.axes[0])
        self._build_loss(self.figure.axes[1])
        self._cache = {}
        self.update()

    # -- player ---------------------------------------------------------------------------
    def _step(self):
        s = self.controls["step"]
        if s.value < s.max:
            s.value += 1
        else:
            self.player.play.playing = False

    def _reset(self):
        self.controls["step"].value = 0

    # -- figure ---------------------------------------------------------------------------
    def _build_contour(self, ax):
        a = np.linspace(*self.W2_LIM, 90)
        b = np.linspace(*self.W3_LIM, 90)
        A, B = np.meshgrid(a, b)
        R = A[..., None] * self.X[:, 0] + B[..., None] * self.X[:, 1] - self.y
        Jgrid = np.mean(R ** 2, axis=-1)
        levels = np.geomspace(0.3, 3e5, 13)
        ax.contour(A, B, Jgrid, levels=levels, cmap=plots.SURFACE_CMAP, norm=LogNorm(),
                   linewidths=0.9)
        (self.path_line,) = ax.plot([], [], "-o", ms=3, lw=1.2, color=plots.PALETTE["vermillion"],
                                    label="path", zorder=3)
        (self.current,) = ax.plot([], [], "o", ms=9, mfc="none", mew=2,
                                  color=plots.PALETTE["vermillion"], zorder=5)
        marks = (ax.plot(*self.w_true, "*", ms=14, color=plots.PALETTE["green"],
                         label="minimum (0.9, 1.2)", zorder=4)
                 + ax.plot(*self.w0, "s", ms=7, color=plots.PALETTE["black"],
                           label="first guess", zorder=4))
        self.figure.animate(self.path_line, self.current, *marks)  # marks drawn over the path
        ax.set_xlim(*self.W2_LIM)
        ax.set_ylim(*self.W3_LIM)
        ax.legend(loc="upper left", fontsize=8)
        plots.label(ax, "Path on the contour of J (w1 = 0.5)", "w2", "w3")
        # bottom right: away from the steep diagonal along which a diverging path swings
        self.contour_note = ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right",
                                    va="bottom", fontsize=13, fontweight="bold", zorder=6,
                                    color=plots.PALETTE["vermillion"], bbox=_WHITE_BOX)
        self.figure.animate(self.contour_note)

    def _build_loss(self, ax):
        ax.set_yscale("log")
        (self.loss_all,) = ax.plot([], [], color="0.75", lw=1.2, label=f"all {self.steps} steps")
        (self.loss_done,) = ax.plot([], [], color=plots.PALETTE["blue"], lw=2,
                                    label="steps taken")
        (self.loss_now,) = ax.plot([], [], "o", ms=7, color=plots.PALETTE["blue"])
        ax.set_xlim(0, self.steps)
        ax.set_ylim(self.J_LIM[0] / 4, self.J_LIM[1] * 4)  # markers at the clip stay whole
        ax.legend(loc="center right", fontsize=8)
        ax.text(0.98, 0.045, "J below $10^{-12}$ is drawn at $10^{-12}$", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=7, color="0.45")
        plots.label(ax, "", "step k", "cost J (log scale)")
        # the title names the regime: "J: converges", ...
        self.regime_note = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center",
                                   va="bottom", fontsize=12, fontweight="bold")
        self.figure.animate(self.loss_all, self.loss_done, self.loss_now, self.regime_note)

    # -- drawing --------------------------------------------------------------------------
    def path(self, lr):
        """The whole run at learning rate ``lr`` (computed once per α, ≈ 1 ms)."""
        key = float(lr)
        if key not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = descent_path(self.X, self.y, self.w0, key, self.steps)
        return self._cache[key]

    def draw(self):
        self._words = None  # set at the end: a failed draw leaves the readout's error message
        lr, k = float(self.value("lr")), int(self.value("step"))
        p = self.path(lr)
        n_ok = len(p.J) if p.diverged_at is None else p.diverged_at  # finite, plotted points
        shown = min(k, n_ok - 1)
        W = p.W[:shown + 1]
        self.path_line.set_data(W[:, 0], W[:, 1])
        self.current.set_data([W[-1, 0]], [W[-1, 1]])
        steps = np.arange(n_ok)
        J = np.clip(p.J[:n_ok], *self.J_LIM)
        self.loss_all.set_data(steps, J)
        self.loss_done.set_data(steps[:shown + 1], J[:shown + 1])
        self.loss_now.set_data([shown], [J[shown]])
        blown = p.diverged_at is not None and k >= p.diverged_at
        name, colour = self._regime(lr, p, blown)
        self.contour_note.set_text(f"diverged at step {p.diverged_at}" if blown else "")
        self.regime_note.set_text(f"J: {name}")
        self.regime_note.set_color(colour)
        self.readout.value = self._text(lr, k, p, shown, name, blown)
        self._words = self._plain(lr, k, p, shown, name, blown)

    def description(self):
        """The picture in words (no LaTeX): α against the limit, the regime, J then and now."""
        return self._words or super().description()

    def _plain(self, lr, k, p, shown, name, blown):
        where = (f"Gradient descent on the table with w1 fixed at 0.5, from the first guess "
                 f"(w2, w3) = (1.4, 30), at learning rate α = {lr:.3g} ({lr / self.lr_limit:.3g} × "
                 f"the limit 0.0388 of this problem)")
        if blown:
            return (f"{where}: diverged at step {p.diverged_at}. Each step overshoots the valley "
                    f"and lands further out on the other side: the path swings wider and wider "
                    f"across the contours, and J rose from {_words(p.J[0])} to {_words(p.J[shown])}, "
                    f"more than a million times its start")
        w = p.W[shown]
        return (f"{where}: {name}. After {k} of {self.steps} steps (w2, w3) = "
                f"({_words(w[0])}, {_words(w[1])}) and J = {_words(p.J[shown])}, from "
                f"{_words(p.J[0])} at the start; the minimum is (0.9, 1.2), where J = 0")

    def _regime(self, lr, p, blown):
        if p.diverged_at is not None:
            words = "diverged (step {})" if blown else "diverges at step {}"
            return words.format(p.diverged_at), plots.PALETTE["vermillion"]
        kind = regime(lr, self.lam_max, self.lam_min)
        if kind == "diverges":  # above the limit but not yet exploded within 200 steps
            return "diverging: J grows", plots.PALETTE["vermillion"]
        colours = {"crawls": plots.PALETTE["orange"], "oscillates": plots.PALETTE["purple"],
                   "converges": plots.PALETTE["green"]}
        words = {"crawls": "crawls (α too small)", "oscillates": "oscillates, converges",
                 "converges": "converges"}
        return words[kind], colours[kind]

    def _text(self, lr, k, p, shown, name, blown):
        """Three lines: where we are, this step's update with numbers, α against its limit."""
        limit = (f"$\\alpha = {_tex(lr, 3)}$ is {lr / self.lr_limit:.3g} × this problem's limit "
                 f"$2/\\lambda_{{max}} = 2/{self.lam_max:.1f} = {self.lr_limit:.4f}$ "
                 f"(section 6): <b>{name}</b>")
        if blown:
            w = p.W[shown]
            head = (f"step {k} of {self.steps}: <b>diverged at step {p.diverged_at}</b> — "
                    f"J rose from ${_tex(p.J[0])}$ past $10^6$ × that")
            rule = (f"last finite values: $w = ({_tex(w[0], 3)}, {_tex(w[1], 3)})$, "
                    f"$J = {_tex(p.J[shown], 3)}$")
        elif k == 0:
            head = f"step 0 of {self.steps}: the first guess, $J = {p.J[0]:.1f}$"
            rule = (f"$w = ({self.w0[0]:g}, {self.w0[1]:g})$ — press Step or Play to apply "
                    f"$w \\leftarrow w - \\alpha\\, \\partial J/\\partial w$")
        else:
            w_old, g, w_new = p.W[k - 1], p.G[k - 1], p.W[k]
            head = (f"step {k} of {self.steps}: $w \\leftarrow w - \\alpha\\, "
                    f"\\partial J/\\partial w$, after it $J = {_tex(p.J[k])}$")
            rule = ", ".join(
                f"$w_{i + 2} \\leftarrow {_tex(a)} - {_tex(lr, 3)} \\times ({_tex(d)}) "
                f"= {_tex(b)}$" for i, (a, d, b) in enumerate(zip(w_old, g, w_new)))
        return f"{head}<br>{rule}<br>{limit}"


# ------------------------------------------------------------------------ static figures

_RUN_STYLES = (dict(color=plots.PALETTE["blue"], ls="-", marker="o"),
               dict(color=plots.PALETTE["vermillion"], ls="--", marker="s"),
               dict(color=plots.PALETTE["purple"], ls=":", marker="^"))


def plot_bowl(lams, runs):
    """The 2-D bowl J(w1, w2) = ½(λ1 w1² + λ2 w2²) and gradient descent on it.

    ``lams`` = (λ1, λ2), the curvatures along w1 and w2 (both > 0). ``runs`` maps a learning rate
    α to its path, an array (k+1, 2) of the points (w1, w2) before each step and after the last
    (at most three runs). Left: the paths on the bowl's contours, each named "converges" or
    "diverges" from its factors. Right: the factor |1 − αλ| by which one step scales the distance
    along each axis, against α, with the line 1 (above it the distance grows), the limit
    α = 2/λ_max and the α of each run. Returns the figure; end the cell with ``plt.show()``.
    Notebook 03.
    """
    lams = as_vector(lams, "lams", length=2)
    if not np.all(lams > 0):
        raise ValueError(f"lams must be two positive curvatures; received {lams.tolist()}")
    if not isinstance(runs, dict) or not 1 <= len(runs) <= len(_RUN_STYLES):
        raise ValueError(f"runs must be a dict {{learning rate: path}} with 1 to "
                         f"{len(_RUN_STYLES)} entries; received {runs!r:.80}")
    paths = {}
    for lr, path in runs.items():
        path = as_float_array(path, "each path")
        if path.ndim != 2 or path.shape[1] != 2 or len(path) < 1:
            raise ValueError(f"each path must have shape (k+1, 2), one point (w1, w2) per row; "
                             f"received shape {path.shape}")
        paths[positive_number(lr, "each learning rate")] = path
    lam_max = float(lams.max())
    fig, (ax_p, ax_f) = plots.new_figure(1, 2, figsize=(7.5, 3.7))

    # left: contours and paths; the frame holds every point, up to 5 × the largest start
    # (a diverging path leaves it: that is the point)
    start = np.max(np.abs([p[0] for p in paths.values()]), axis=0)
    reach = np.max(np.abs(np.concatenate(list(paths.values()))), axis=0)
    half = 1.1 * np.minimum(reach, 5.0 * start)
    half = np.where(half > 0, half, 1.0)
    a, b = np.linspace(-half[0], half[0], 161), np.linspace(-half[1], half[1], 121)
    A, B = np.meshgrid(a, b)
    top_J = 0.5 * lams[1] * half[1] ** 2  # evenly spaced ellipses along the w2 axis
    ax_p.contour(A, B, 0.5 * (lams[0] * A ** 2 + lams[1] * B ** 2),
                 levels=top_J * np.linspace(0.1, 1.0, 8) ** 2, cmap=plots.SURFACE_CMAP,
                 linewidths=0.8)
    for (lr, path), style in zip(paths.items(), _RUN_STYLES):
        verdict = "converges" if np.all(np.abs(1 - lr * lams) < 1) else "diverges"
        ax_p.plot(path[:, 0], path[:, 1], lw=1.4, ms=3.5, label=f"α = {lr:g}: {verdict}", **style)
    ax_p.plot(0, 0, "*", ms=13, color=plots.PALETTE["green"], label="minimum", zorder=5)
    ax_p.set_xlim(-half[0], half[0])
    ax_p.set_ylim(-half[1], half[1])
    # the runs' legend under the figure, clear of every path
    fig.legend(*ax_p.get_legend_handles_labels(), loc="outside lower center", ncol=3,
               fontsize=9)
    plots.label(ax_p, f"Descent on J = ½({lams[0]:g}·w1² + {lams[1]:g}·w2²)", "w1", "w2")

    # right: the factor per axis against α
    top = 1.5 * max(2.0 / lam_max, max(paths))
    alphas = np.linspace(0.0, top, 400)
    for lam, style, name in zip(lams, ("-", "--"), ("w1", "w2")):
        ax_f.plot(alphas, np.abs(1 - alphas * lam), ls=style, lw=2,
                  color=plots.PALETTE["blue" if style == "-" else "vermillion"],
                  label=f"along {name}: |1 − α·{lam:g}|")
    ax_f.axhline(1.0, color="0.3", lw=1)
    ax_f.text(0.02 * top, 1.04, "above 1: the distance grows", fontsize=8, color="0.3",
              va="bottom")
    ax_f.axvline(2.0 / lam_max, color="0.3", lw=1, ls=":")
    ax_f.text(2.0 / lam_max, 0.02, f" $2/\\lambda_{{max}}$ = {2.0 / lam_max:.3g}", fontsize=8,
              color="0.3", va="bottom")
    for lr, style in zip(paths, _RUN_STYLES):
        ax_f.plot([lr, lr], np.abs(1 - lr * lams), style["marker"], ms=7, color=style["color"],
                  zorder=4)
    ax_f.set_xlim(0, top)
    ax_f.set_ylim(0, max(2.0, float(np.abs(1 - top * lams).max()) * 1.05))
    ax_f.legend(loc="upper left", fontsize=8)
    plots.label(ax_f, "One step scales each distance by", "learning rate α", "|1 − αλ|")
    return fig


def plot_batch_vs_stochastic(J_batch, J_sgd, m, lr=None, floor=1e-30):
    """Full-batch against stochastic descent: J after each update, and after each epoch.

    ``J_batch``: J(w) before the first and after each full-batch update (one update per epoch);
    ``J_sgd``: the same after each one-sample update (``m`` updates per epoch). Values below
    ``floor`` (exact zeros) are drawn at ``floor`` on the log axes; ``lr`` goes into the title.
    Returns the figure; end the
    cell with ``plt.show()``. Notebook 03.
    """
    J_batch = np.clip(as_vector(J_batch, "J_batch"), floor, None)
    J_sgd = np.clip(as_vector(J_sgd, "J_sgd"), floor, None)
    m = positive_number(m, "m", integer=True)
    fig, (ax_u, ax_e) = plots.new_figure(1, 2, figsize=(7.5, 3.4))
    colours = {"full batch": plots.PALETTE["blue"],
               "stochastic (1 sample)": plots.PALETTE["orange"]}
    n = min(len(J_batch), len(J_sgd))
    for (name, c), J in zip(colours.items(), (J_batch[:n], J_sgd[:n])):
        ax_u.semilogy(np.arange(n), J, color=c, lw=1.4, label=name)
    epochs_sgd = J_sgd[::m]
    n_e = min(len(J_batch), len(epochs_sgd))
    for (name, c), J in zip(colours.items(), (J_batch[:n_e], epochs_sgd[:n_e])):
        ax_e.semilogy(np.arange(n_e), J, color=c, lw=1.8, marker="o", ms=3, label=name)
    plots.label(ax_u, "Per update", "updates", "cost J (log scale)")
    plots.label(ax_e, f"Per epoch (SGD: {m} updates each)", "epochs", "cost J (log scale)")
    for ax in (ax_u, ax_e):
        ax.legend(loc="lower left")
    fig.suptitle("Full-batch vs stochastic gradient descent"
                 + ("" if lr is None else f", α = {positive_number(lr, 'lr'):g}"))
    return fig
