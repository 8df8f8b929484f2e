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
from matplotlib.collections import LineCollection
from matplotlib.colors import LogNorm, to_rgba
from matplotlib.lines import Line2D

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
    overshooting path swings from side to side inside it. Older steps fade, and a box gives the
    distance to the minimum at the last three steps: a growing (or shrinking) swing shows in
    numbers where the swings overlap on the picture. Right: J against the step (log axis), the
    whole run in grey behind the steps taken; its range follows the run (a new α redraws it).
    The readout writes the update rule w ← w − α ∂J/∂w with this step's numbers, says whether α
    is below or above this problem's limit (without its value: section 6 derives it, 2/λ_max =
    0.0388), and names the regime: crawls, converges, oscillates, diverges. :meth:`description`
    says the same in plain words.
    Controls: ``lr`` (1e-4 … 0.1), ``step`` (0 … 200; ``step_range=(0, 60)`` gives a shorter run
    for a lecture). Notebook 03.
    """

    STEPS = 200
    #: the frame: the minimum (0.9, 1.2) ± 44, room for the first guess and for a diverging
    #: path's first twenty swings (at α = 0.0398 they grow 5 % a step)
    W2_LIM, W3_LIM = (-43.1, 44.9), (-42.8, 45.2)
    J_FLOOR = 1e-300  # J is drawn at least this (an exact 0 has no place on a log axis)
    FADE, FADE_MIN = 0.8, 0.3  # segment k steps back: opacity FADE**k, at least FADE_MIN
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
        self.advance("step")

    def _reset(self):
        self.rewind("step")

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
        red = plots.PALETTE["vermillion"]
        # the path: its segments fade with age (coloured per draw), its points on top
        self.path_segments = ax.add_collection(LineCollection([], linewidths=1.3, zorder=3),
                                               autolim=False)
        (self.path_line,) = ax.plot([], [], "o", ls="none", ms=2.5, color=red, alpha=0.7,
                                    zorder=3)
        (self.current,) = ax.plot([], [], "o", ms=9, mfc="none", mew=2, ls="none",
                                  color=red, zorder=5)
        marks = (ax.plot(*self.w_true, "*", ms=14, color=plots.PALETTE["green"],
                         label="minimum (0.9, 1.2)", zorder=4)
                 + ax.plot(*self.w0, "s", ms=7, color=plots.PALETTE["black"],
                           label="first guess", zorder=4))
        # marks drawn over the path, step labels over everything
        self.figure.animate(self.path_segments, self.path_line, self.current, *marks)
        ax.set_xlim(*self.W2_LIM)
        ax.set_ylim(*self.W3_LIM)
        path_key = Line2D([], [], marker="o", ms=3, lw=1.3, color=red,
                          label="path (older steps fade)")
        ax.legend(handles=[path_key, *marks], loc="upper left", fontsize=8)
        plots.label(ax, "Path on the contour of J (w1 = 0.5)", "w2", "w3")
        # bottom right: away from the steep diagonal along which a diverging path swings
        self.contour_note = ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right",
                                    va="bottom", fontsize=13, fontweight="bold", zorder=6,
                                    color=plots.PALETTE["vermillion"], bbox=_WHITE_BOX)
        # above it, the distance to the minimum over the last steps: a swing that grows (or
        # shrinks) in numbers, where the swings overlap on the picture
        self.distance_note = ax.text(0.97, 0.16, "", transform=ax.transAxes, ha="right",
                                     va="bottom", fontsize=8, zorder=6, bbox=_WHITE_BOX,
                                     family="monospace")
        self.figure.animate(self.contour_note, self.distance_note)

    def _build_loss(self, ax):
        ax.set_yscale("log")
        (self.loss_all,) = ax.plot([], [], color="0.6", lw=1.2, ls=":",
                                   label="the whole run (computed ahead)")
        (self.loss_done,) = ax.plot([], [], color=plots.PALETTE["blue"], lw=2, ls="-",
                                    label="steps taken")
        (self.loss_now,) = ax.plot([], [], "o", ms=7, ls="none", color=plots.PALETTE["blue"])
        ax.set_xlim(0, self.steps)
        self._j_range = None  # set per run by _fit_loss_axis
        ax.legend(loc="upper right", fontsize=8)
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

    def _fit_loss_axis(self, J):
        """The J axis of this run: whole decades around its values, with room for the legend
        above; a change redraws the background (only when α moves, never per step)."""
        lo = 10.0 ** np.floor(np.log10(max(float(J.min()), self.J_FLOOR)))
        hi = 10.0 ** np.ceil(np.log10(max(float(J.max()), 10 * lo)))
        span = np.log10(hi / lo)
        j_range = (lo / 10 ** (0.05 * span), hi * 10 ** (0.35 * span))  # legend's room on top
        if j_range != self._j_range:
            self.figure.axes[1].set_ylim(*j_range)
            self._j_range = j_range
            self.figure.invalidate()

    def _draw_path(self, W):
        """The path up to the current point: fading segments, its points, the current one
        ringed, and the distance to the minimum of the last three steps. Returns all the
        distances, (k+1,)."""
        points = W[:, None, :]
        self.path_segments.set_segments(np.concatenate([points[:-1], points[1:]], axis=1))
        age = np.arange(len(W) - 2, -1, -1)  # the newest segment has age 0
        rgba = np.tile(to_rgba(plots.PALETTE["vermillion"]), (len(age), 1))
        rgba[:, 3] = np.maximum(self.FADE ** age, self.FADE_MIN)
        self.path_segments.set_colors(rgba)
        self.path_line.set_data(W[:, 0], W[:, 1])
        self.current.set_data([W[-1, 0]], [W[-1, 1]])
        # the distance to the minimum at the last three steps, in numbers
        k = len(W) - 1
        dist = np.linalg.norm(W - self.w_true, axis=1)
        rows = [f"step {i:3d}: " + (f"{dist[i]:7.2f}" if dist[i] >= 0.01 else f"{dist[i]:7.0e}")
                for i in range(max(k - 2, 0), k + 1)]
        self.distance_note.set_text("distance to the minimum\n" + "\n".join(rows))
        return dist

    def draw(self):
        self._words = None  # set at the end: a failed draw leaves the readout's error message
        lr, k = float(self.value("lr")), int(self.value("step"))
        p = self.path(lr)
        n_ok = len(p.J) if p.diverged_at is None else p.diverged_at  # finite, plotted points
        shown = min(k, n_ok - 1)
        dist = self._draw_path(p.W[:shown + 1])
        steps = np.arange(n_ok)
        J = np.maximum(p.J[:n_ok], self.J_FLOOR)
        self._fit_loss_axis(J)
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

    def against_limit(self, lr, short=False):
        """α against this problem's limit 2/λ_max, in words but without its value (the demo
        comes before section 6, which derives it): 'just above this problem's limit'."""
        ratio = lr / self.lr_limit
        near = "just " if 0.9 <= ratio <= 1.1 else ""
        side = "above" if ratio > 1 else "below"
        where = "section 6 finds it" if short else "section 6 shows where it comes from"
        return f"{near}{side} this problem's limit ({where})"

    def _plain(self, lr, k, p, shown, name, blown):
        where = (f"Gradient descent on the table with w1 fixed at 0.5, from the first guess "
                 f"(w2, w3) = (1.4, 30), at learning rate α = {lr:.3g}, "
                 f"{self.against_limit(lr)}")
        if blown:
            return (f"{where}: diverged at step {p.diverged_at}. Each step overshoots the valley "
                    f"and lands further out on the other side: the path swings wider and wider "
                    f"across the contours, and J rose from {_words(p.J[0])} to "
                    f"{_words(p.J[shown])}, more than a million times its start")
        w = p.W[shown]
        dist = np.linalg.norm(p.W[max(shown - 2, 0):shown + 1] - self.w_true, axis=1)
        trend = ("growing" if np.all(np.diff(dist) > 0) else
                 "shrinking" if np.all(np.diff(dist) < 0) else "")
        distances = (f"; its distance to the minimum over the last {len(dist)} steps: "
                     f"{', '.join(_words(d) for d in dist)}" + (f" ({trend})" if trend else "")
                     if shown >= 2 else "")
        ahead = ""
        if p.diverged_at is not None:
            ahead = (f". The grey dotted line, the whole run computed ahead, shows J passing a "
                     f"million times its start at step {p.diverged_at}")
        return (f"{where}: {name}. After {k} of {self.steps} steps (w2, w3) = "
                f"({_words(w[0])}, {_words(w[1])}) and J = {_words(p.J[shown])}, from "
                f"{_words(p.J[0])} at the start; the minimum is (0.9, 1.2), where J = 0"
                f"{distances}{ahead}")

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
        limit = f"$\\alpha = {_tex(lr, 3)}$: <b>{name}</b> — {self.against_limit(lr, short=True)}"
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
_STYLE_WORDS = {"-": "solid", "--": "dashed", ":": "dotted"}


def _n(v, fmt=".2f"):
    """A number for a text alternative: a real minus sign, no '-0.00'."""
    text = f"{v:{fmt}}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace("-", "−")


def _factor_words(lam, name, style, top):
    """How |1 − αλ| runs over α in [0, top], in words (for plot_bowl's text alternative)."""
    words = f"along {name} ({style}, λ = {lam:g}) it falls"
    if 1.0 / lam > top:
        return words + f" to {abs(1 - top * lam):.3g} at the right edge"
    words += f" to 0 at α = {1.0 / lam:.3g}, then rises"
    if 2.0 / lam <= top:
        words += f", back to 1 at α = {2.0 / lam:.3g} and to {abs(1 - top * lam):.3g} at the edge"
    return words


def plot_bowl(lams, runs):
    """The 2-D bowl J(u1, u2) = ½(λ1 u1² + λ2 u2²) and gradient descent on it.

    ``lams`` = (λ1, λ2), the curvatures along u1 and u2 (both > 0). ``runs`` maps a learning rate
    α to its path, an array (k+1, 2) of the points (u1, u2) before each step and after the last
    (at most three runs). Left: the paths on the bowl's contours, each named "converges" or
    "diverges" from its factors. Right: the factor |1 − αλ| by which one step scales the distance
    along each axis, against α, with the line 1 (above it the distance grows), the limit
    α = 2/λ_max and the α of each run. The figure's text alternative
    (:func:`nnlib.plots.describe`) gives each run's factors and end point, and the limit.
    Returns the figure; end the cell with ``plt.show()``. Notebook 03 (section 6; the names u1,
    u2 keep the bowl's coordinates apart from the table's weights).
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
    first = next(iter(paths.values()))[0]  # the first run's start, for the text alternative
    words = []  # the runs, for the text alternative
    A, B = np.meshgrid(a, b)
    top_J = 0.5 * lams[1] * half[1] ** 2  # evenly spaced ellipses along the w2 axis
    ax_p.contour(A, B, 0.5 * (lams[0] * A ** 2 + lams[1] * B ** 2),
                 levels=top_J * np.linspace(0.1, 1.0, 8) ** 2, cmap=plots.SURFACE_CMAP,
                 linewidths=0.8)
    for (lr, path), style in zip(paths.items(), _RUN_STYLES):
        verdict = "converges" if np.all(np.abs(1 - lr * lams) < 1) else "diverges"
        ax_p.plot(path[:, 0], path[:, 1], lw=1.4, ms=3.5, label=f"α = {lr:g}: {verdict}", **style)
        factors = 1 - lr * lams
        words.append(f"at α = {lr:g} ({_STYLE_WORDS[style['ls']]} line, factors "
                     f"{_n(factors[0], 'g')} along u1 and {_n(factors[1], 'g')} along u2) it "
                     f"{verdict}: after {len(path) - 1} steps it is at ({_n(path[-1, 0])}, "
                     f"{_n(path[-1, 1])})")
    ax_p.plot(0, 0, "*", ms=13, color=plots.PALETTE["green"], label="minimum", zorder=5)
    ax_p.set_xlim(-half[0], half[0])
    ax_p.set_ylim(-half[1], half[1])
    # the runs' legend under the figure, clear of every path
    fig.legend(*ax_p.get_legend_handles_labels(), loc="outside lower center", ncol=3,
               fontsize=9)
    plots.label(ax_p, f"Descent on J = ½({lams[0]:g}·u1² + {lams[1]:g}·u2²)", "u1", "u2")

    # right: the factor per axis against α
    top = 1.5 * max(2.0 / lam_max, max(paths))
    alphas = np.linspace(0.0, top, 400)
    for lam, style, name in zip(lams, ("-", "--"), ("u1", "u2")):
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
    plots.describe(fig, (
        f"Left: the contours of J = ½({lams[0]:g}·u1² + {lams[1]:g}·u2²), ellipses around the "
        f"minimum (0, 0), and gradient descent from ({_n(first[0], 'g')}, {_n(first[1], 'g')}): "
        + "; ".join(words) + ". Right: the size of each factor, |1 − α·λ|, against α from 0 to "
        f"{top:.3g}, one line per axis, each 1 at α = 0: "
        + "; ".join(_factor_words(lam, name, style, top)
                    for lam, name, style in zip(lams, ("u1", "u2"), ("solid", "dashed")))
        + f". Above the line 1 the distance grows; the steep axis crosses it first, at the limit "
        f"2/λ_max = {2.0 / lam_max:.3g}, marked by a dotted line. Markers show each run's two "
        "factors."))
    return fig


def _sci(x):
    """A number for a text alternative: 3 significant digits, powers of ten as × 10^k."""
    return _words(float(x)).replace("-", "−")


def plot_batch_vs_stochastic(J_batch, J_sgd, m, lr=None, first_updates=None):
    """Full-batch against stochastic descent: J after each update, and after each epoch.

    ``J_batch``: J(w) before the first and after each full-batch update (one update per epoch);
    ``J_sgd``: the same after each one-sample update (``m`` updates per epoch). Left: J after
    each of the first ``first_updates`` updates (default: all of them; a few epochs show SGD's
    ups and downs, which a long log axis flattens). Right: J after each epoch. Exact zeros are
    drawn at the smallest positive float (a log axis has no 0); ``lr`` goes into the title. The
    text alternative (:func:`nnlib.plots.describe`) gives the end costs and how often SGD's
    cost rose. Returns the figure; end the cell with ``plt.show()``. Notebook 03 (section 9).
    """
    tiny = np.finfo(np.float64).tiny
    J_batch = np.maximum(as_vector(J_batch, "J_batch"), tiny)
    J_sgd = np.maximum(as_vector(J_sgd, "J_sgd"), tiny)
    m = positive_number(m, "m", integer=True)
    n = min(len(J_batch), len(J_sgd))
    if first_updates is not None:
        n = min(n, positive_number(first_updates, "first_updates", integer=True) + 1)
    fig, (ax_u, ax_e) = plots.new_figure(1, 2, figsize=(7.5, 3.4))
    styles = {"full batch": dict(color=plots.PALETTE["blue"], ls="-"),
              "stochastic (1 sample)": dict(color=plots.PALETTE["orange"], ls="--")}
    for (name, style), J in zip(styles.items(), (J_batch[:n], J_sgd[:n])):
        ax_u.semilogy(np.arange(n), J, lw=1.4, label=name, **style)
    epochs_sgd = J_sgd[::m]
    n_e = min(len(J_batch), len(epochs_sgd))
    for (name, style), J, mk in zip(styles.items(), (J_batch[:n_e], epochs_sgd[:n_e]), "os"):
        ax_e.semilogy(np.arange(n_e), J, lw=1.8, marker=mk, ms=3, label=name, **style)
    first = "" if n == min(len(J_batch), len(J_sgd)) else f"the first {n - 1} "
    plots.label(ax_u, f"Per update ({first}updates)" if first else "Per update", "updates",
                "cost J (log scale)")
    plots.label(ax_e, f"Per epoch (SGD: {m} updates each)", "epochs", "cost J (log scale)")
    for ax in (ax_u, ax_e):
        ax.legend(loc="lower left")
    fig.suptitle("Full-batch vs stochastic gradient descent"
                 + ("" if lr is None else f", α = {positive_number(lr, 'lr'):g}"))
    rises = np.diff(J_sgd[:n]) > 0
    ratio = float(np.max(J_sgd[1:n][rises] / J_sgd[:n - 1][rises])) if rises.any() else 1.0
    plots.describe(fig, (
        f"Left: J after each of {first or 'the '}{'' if first else f'{n - 1} '}updates, on a "
        f"log scale. Full batch "
        f"falls steadily, from {_sci(J_batch[0])} to {_sci(J_batch[n - 1])}; stochastic descent "
        f"falls faster, to {_sci(J_sgd[n - 1])}, but not steadily: its cost rises on "
        f"{int(rises.sum())} of these {n - 1} updates (at most {ratio:.2g} times), the teeth of "
        f"its curve. Right: J after each of {n_e - 1} epochs, one full-batch update or {m} "
        f"one-sample updates each: full batch ends at {_sci(J_batch[n_e - 1])}, stochastic "
        f"descent at {_sci(epochs_sgd[n_e - 1])}, its lowest {_sci(epochs_sgd[:n_e].min())}."))
    return fig
