"""Live demos of notebook 02_loss_mse: a weight moves, the cost J answers.

* :class:`WeightCostDemo` — sliders on the weight w and the bias b of a one-input linear neuron
  ŷ = w·x + b fitted to :data:`LINE_X`, :data:`LINE_Y`: the line, the errors e = y − ŷ drawn as
  vertical segments, and the current point travelling along the curve J(w) (at this b).
* :class:`CostSurfaceDemo` — the same two sliders over the whole cost surface J(w, b), a filled
  contour (cividis) with the current point and its value.
* :class:`SigmoidCostDemo` — a sigmoid neuron ŷ = σ(w·x + b) on a small 1-D classification set
  (:data:`SIGMOID_X`, :data:`SIGMOID_Y`, bias fixed at :data:`SIGMOID_B`): the MSE cost against w
  is non-convex (a trap and flat plateaus) while the cross-entropy cost is one convex bowl. The
  panels are titled neutrally and a check box shows the marks, so the learner finds this first.

Each demo's :meth:`description` says in words, with the current numbers, what its picture shows
(the text stored with the picture, and its alt text).

Everything that does not depend on a slider (curves, the surface) is computed once in
``__init__``; a move only updates artists and the readout, which ``LiveFigure`` redraws
over a cached picture of the rest (``animate``).
"""

import re

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from .. import losses, plots
from .._checks import as_float_array, as_vector
from .core import SLIDER_STYLE, Demo, LiveFigure

# A small seeded regression set, made once with np.random.default_rng(2):
# x uniform in [0, 5], y = 1.5·x + 1 + noise (σ = 0.8), both rounded to one decimal.
# Least squares: w ≈ 1.489, b ≈ 1.160, J ≈ 0.217 (not 0: the noise cannot be fitted by a line).
LINE_X = np.array([0.5, 1.3, 1.5, 3.0, 3.6, 4.1])
LINE_Y = np.array([1.5, 3.6, 3.5, 5.1, 7.2, 6.9])

# A small 1-D classification set: class 0 left of 0, class 1 right of it, and one odd point
# (x = −5, class 1). With the bias fixed at b = −3, J_MSE(w) of a sigmoid neuron has a local
# minimum near w ≈ −0.8 and flat plateaus at both ends; J_CE(w) is convex with one minimum.
SIGMOID_X = np.array([-5.0, -3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
SIGMOID_Y = np.array([1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
SIGMOID_B = -3.0
#: |dJ/dw| below this counts as flat ("plateau") in SigmoidCostDemo
PLATEAU_SLOPE = 0.005


# --------------------------------------------------------------------------------- numbers

def line_cost(w, b, x=LINE_X, y=LINE_Y):
    """MSE cost of the linear neuron ŷ = w·x + b: J(w, b) = (1/m) Σ_i (w·x_i + b − y_i)².

    ``w`` and ``b`` are numbers or arrays that broadcast together (e.g. a grid); ``x``, ``y``
    are the m samples, shape (m,). Returns J with the broadcast shape of w and b (a float for
    scalars). Notebook 02.
    """
    x, y = _samples(x, y)
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    errors = y - (w[..., None] * x + b[..., None])        # e = y − ŷ, shape (..., m)
    J = np.mean(errors ** 2, axis=-1)
    return float(J) if J.ndim == 0 else J


def best_line(x=LINE_X, y=LINE_Y):
    """The (w, b) with the smallest J(w, b) for ŷ = w·x + b (least squares), and that J.

    Closed form for one input: w = cov(x, y) / var(x), b = ȳ − w·x̄. Returns (w, b, J) floats.
    Notebook 02.
    """
    x, y = _samples(x, y)
    if np.ptp(x) == 0:
        raise ValueError("x must hold at least two different values to fit a line; "
                         f"received all x = {x[0]:g}")
    w = float(np.mean((x - x.mean()) * (y - y.mean())) / np.var(x))
    b = float(y.mean() - w * x.mean())
    return w, b, line_cost(w, b, x, y)


def sigmoid_costs(ws, b=SIGMOID_B, x=SIGMOID_X, y=SIGMOID_Y):
    """Both costs of the sigmoid neuron ŷ = σ(w·x + b) for each weight in ``ws``.

    J_MSE(w) = (1/m) Σ (σ(w x_i + b) − y_i)²;  J_CE(w) = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)],
    the latter computed stably from z = w x + b as max(z, 0) − y z + log(1 + e^(−|z|)).
    ``ws`` (k,) weights; x, y (m,) samples with y in {0, 1}. Returns (J_MSE, J_CE), each (k,).
    Notebook 02.
    """
    ws = as_vector(np.atleast_1d(ws), "ws")
    x, y = _samples(x, y)
    z = ws[:, None] * x + float(b)                         # (k, m)
    y_hat = _sigmoid(z)
    j_mse = np.mean((y_hat - y) ** 2, axis=1)
    j_ce = np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))), axis=1)
    return j_mse, j_ce


def sigmoid_slopes(w, b=SIGMOID_B, x=SIGMOID_X, y=SIGMOID_Y):
    """The slopes dJ/dw of both costs of ŷ = σ(w·x + b) at one weight ``w``.

    dJ_MSE/dw = (2/m) Σ (ŷ − y)·ŷ(1 − ŷ)·x  (the factor ŷ(1 − ŷ) vanishes where σ is flat);
    dJ_CE/dw  = (1/m) Σ (ŷ − y)·x           (no such factor). Returns two floats. Notebook 02.
    """
    x, y = _samples(x, y)
    y_hat = _sigmoid(float(w) * x + float(b))
    d_mse = float(np.mean(2 * (y_hat - y) * y_hat * (1 - y_hat) * x))
    d_ce = float(np.mean((y_hat - y) * x))
    return d_mse, d_ce


def local_minima(values):
    """Indices i of the interior points of a sampled curve lower than both neighbours.

    ``values`` (k,), e.g. J on a grid of weights; returns an int array. A convex curve has at
    most one. Notebook 02.
    """
    v = as_vector(values, "values")
    inner = (v[1:-1] < v[:-2]) & (v[1:-1] <= v[2:])
    return np.flatnonzero(inner) + 1


def error_segments(x, y, y_hat):
    """Vertical segments from each target (x_i, y_i) to its prediction (x_i, ŷ_i): (m, 2, 2).

    Each segment's length is the size |e_i| of the error e_i = y_i − ŷ_i. Notebook 02.
    """
    x, y, y_hat = (np.asarray(a, dtype=float) for a in (x, y, y_hat))
    return np.stack([np.column_stack([x, y]), np.column_stack([x, y_hat])], axis=1)


def _samples(x, y):
    x, y = as_vector(x, "x"), as_vector(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have one value per sample each; received {x.size} x "
                         f"and {y.size} y")
    return x, y


def _sigmoid(z):
    e = np.exp(-np.abs(z))                                # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _u(v, fmt=".2f"):
    """A number for plain text: a real minus sign, no '-0.00'."""
    s = f"{v:{fmt}}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return s.replace("-", "−")


def _nice_up(v):
    """The smallest 1, 2 or 5 × 10^k that is ≥ v (v > 0): a round top for an axis."""
    k = np.floor(np.log10(v))
    return float(next(m * 10 ** k for m in (1, 2, 5, 10) if m * 10 ** k >= v * (1 - 1e-12)))


def _terms(values, fmt=".2f", limit=6):
    """' + '-joined numbers for a readout; long sums are shortened with an ellipsis."""
    shown = [format(v, fmt) for v in values[:limit]]
    return " + ".join(shown) + (r" + \dots" if len(values) > limit else "")


# ------------------------------------------------------------------------- shared panel

def _legend_below(live, handles, ncol):
    """One legend for the whole figure, under the axes, where no moving artist ever goes."""
    return live.fig.legend(handles=handles, loc="outside lower center", ncol=ncol, fontsize=9,
                           frameon=False, handlelength=2.2, columnspacing=1.4)


class _FitPanel:
    """Data, the line ŷ = w·x + b and the error segments on one axes."""

    def __init__(self, ax, x, y):
        self.x, self.y = x, y
        pad = 0.1 * np.ptp(x) + 0.1
        self.xs = np.array([x.min() - pad, x.max() + pad])
        (self.line,) = ax.plot([], [], color=plots.PALETTE["blue"], lw=2, ls="-",
                               label=r"line $\hat y = wx + b$")
        self.segments = LineCollection([], colors=plots.PALETTE["vermillion"], linewidths=2,
                                       label=r"error $e = y - \hat y$")
        ax.add_collection(self.segments)
        self.dots = ax.scatter(x, y, s=40, color=plots.PALETTE["black"], zorder=3,
                               label="data $(x, y)$")
        ax.set_xlim(*self.xs)
        ax.set_ylim(-3.0, 12.0)
        plots.label(ax, "The line and its errors", "input x", "output y")
        # the line can sweep every part of the axes, so its legend goes below them (see
        # _legend_below): a legend is static background and a moving artist must never cross it
        self.handles = [self.dots, self.line, self.segments]
        self.text = ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right", va="bottom",
                            fontsize=11, bbox={"fc": "white", "ec": "0.8", "alpha": 0.9})
        # drawn on every move, in this order, so the points stay on top of the segments
        self.moving = (self.line, self.segments, self.dots, self.text)

    def update(self, w, b):
        """Move the line and the segments; returns the predictions ŷ (m,)."""
        y_hat = w * self.x + b
        self.line.set_data(self.xs, w * self.xs + b)
        self.segments.set_segments(error_segments(self.x, self.y, y_hat))
        return y_hat


def _cost_readout(w, b, y, y_hat):
    """The readout lines: ŷ = w x + b and J = (1/m) Σ (y − ŷ)² with this move's numbers."""
    e = y - y_hat
    J = float(np.mean(e ** 2))
    sign = "+" if b >= 0 else "-"
    # the sum with its numbers on a line of its own: one formula does not wrap, and on a slide
    # the readout is about 820 px wide
    return (rf"$\hat y = w\,x + b = {w:.2f}\,x {sign} {abs(b):.2f}$<br>"
            rf"$J = \frac{{1}}{{m}}\sum_i (y_i - \hat y_i)^2$<br>"
            rf"$\phantom{{J}} = \frac{{1}}{{{e.size}}}\left({_terms(e ** 2)}\right) = {J:.3f}$"), J


def _cost_words(w, b, y, y_hat):
    """ŷ = w·x + b, the errors and J = (1/m) Σ e² with this move's numbers, in plain text."""
    e = y - y_hat
    J = float(np.mean(e ** 2))
    return (f"ŷ = {_u(w)}·x {'−' if b < 0 else '+'} {_u(abs(b))}. The errors e = y − ŷ of the "
            f"{e.size} points (the vertical segments): {', '.join(_u(v) for v in e)}; "
            f"J = (1/{e.size})({' + '.join(_u(v) for v in e ** 2)}) = {_u(J, '.3f')}.")


# ---------------------------------------------------------------------------------- demos

class WeightCostDemo(Demo):
    """Sliders on w and b of ŷ = w·x + b: the fit with its errors, and J(w) with the point.

    Controls: ``w`` (−1 … 4) and ``b`` (−3 … 5). The right panel is the curve J(w) at the current
    b (a parabola, recomputed only when b moves), its lowest point, and the current (w, J).
    Its J axis is fixed (a round number about four times the highest bottom the b slider can
    reach, 20 for the default ranges), so the bottom of the parabola shows at every b; a point
    above the axis is pinned to its top edge as a triangle with its value written beside it.
    Presets: ``WeightCostDemo(w=2.5, b=0, w_range=(0, 3))``.
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        self.x, self.y = LINE_X, LINE_Y
        self.add_float("w", "weight w", 0.5, -1.0, 4.0, 0.05)
        self.add_float("b", "bias b", 1.0, -3.0, 5.0, 0.1)
        self.readout.layout.height = "8.8em"       # four lines, two of them with fractions
        self.ws = np.linspace(self.controls["w"].min, self.controls["w"].max, 501)
        self.figure = LiveFigure(1, 2, figsize=(7.5, 3.9))
        left, right = self.figure.axes
        self.fit = _FitPanel(left, self.x, self.y)
        self.figure.animate(*self.fit.moving)
        (self.curve,) = right.plot(self.ws, np.zeros_like(self.ws), color=plots.PALETTE["purple"],
                                   lw=2.2, ls="--", label="cost J(w) at this b")
        (self.best,) = right.plot([], [], "o", mfc="white", mec=plots.PALETTE["green"], mew=2,
                                  ms=9, label="lowest J at this b")
        (self.point,) = right.plot([], [], "o", color=plots.PALETTE["vermillion"], ms=9,
                                   zorder=4, clip_on=False, label="current (w, J)")
        self.off_chart = right.text(0, 0, "", fontsize=9, ha="left", va="top", zorder=5,
                                    color=plots.PALETTE["vermillion"],
                                    bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1})
        right.set_xlim(self.ws[0], self.ws[-1])
        b_ctl = self.controls["b"]
        bs = np.linspace(b_ctl.min, b_ctl.max, 41)
        bottoms = line_cost(self.ws[None, :], bs[:, None], self.x, self.y).min(axis=1)
        self.j_top = _nice_up(max(4.0 * float(bottoms.max()), 1e-3))
        right.set_ylim(0, self.j_top)
        plots.label(right, "Cost J against the weight w", "weight w", "cost J (MSE)")
        _legend_below(self.figure, self.fit.handles + [self.curve, self.best, self.point], 3)
        self.figure.animate(self.curve, self.best, self.point, self.off_chart)
        self._curve_b = None
        self.update()

    def _curve_for(self, b):
        """J(w) over the slider's range at bias b (only when b changed since the last move)."""
        if b != self._curve_b:
            J = line_cost(self.ws, b, self.x, self.y)
            self.curve.set_ydata(J)
            i = int(np.argmin(J))
            self.best.set_data([self.ws[i]], [J[i]])
            self.lowest = (float(self.ws[i]), float(J[i]))
            self._curve_b = b

    def draw(self):
        w, b = self.value("w"), self.value("b")
        self._curve_for(b)
        y_hat = self.fit.update(w, b)
        text, J = _cost_readout(w, b, self.y, y_hat)
        above = J > self.j_top
        self.point.set_data([w], [min(J, self.j_top)])
        self.point.set_marker("^" if above else "o")
        w_mid = 0.5 * (self.ws[0] + self.ws[-1])
        self.off_chart.set_position((w + (0.12 if w < w_mid else -0.12), 0.96 * self.j_top))
        self.off_chart.set_horizontalalignment("left" if w < w_mid else "right")
        self.off_chart.set_text(f"J = {J:.1f}, above the chart" if above else "")
        self.fit.text.set_text(f"J = {J:.3f}")
        w_low, j_low = self.lowest
        self.readout.value = (text + f"<br>Lowest on the curve at $b = {b:.2f}$: "
                              f"$J = {j_low:.3f}$, at $w = {w_low:.2f}$ (green circle).")
        side = ("at its bottom" if abs(w - w_low) < 0.05 else
                f"on its {'left' if w < w_low else 'right'} flank")
        self._words = (_cost_words(w, b, self.y, y_hat) + f" On the right, J(w) at b = {_u(b)} "
                       f"is a parabola, lowest (J = {_u(j_low, '.3f')}) at w = {_u(w_low)}; the "
                       f"current point (w, J) = ({_u(w)}, {_u(J, '.3f')}) is {side}"
                       + (" and above the chart" if above else "") + ".")

    def description(self):
        """The line, its errors, J with its numbers, and where the point sits on J(w)."""
        return getattr(self, "_words", None) or super().description()


class CostSurfaceDemo(Demo):
    """Sliders on w and b over the whole cost surface J(w, b) (filled contour, cividis).

    Controls: ``w`` and ``b`` as in :class:`WeightCostDemo`. The surface is computed once on a
    grid over the slider ranges (levels spaced on a log scale, so the valley shows); a move only
    places the point, its label and the dashed slice b = const (the curve of the 1-D demo).
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        self.x, self.y = LINE_X, LINE_Y
        w_ctl = self.add_float("w", "weight w", 0.5, -1.0, 4.0, 0.05)
        b_ctl = self.add_float("b", "bias b", 1.0, -3.0, 5.0, 0.1)
        self.readout.layout.height = "6.8em"       # three lines, two of them with fractions
        self.figure = LiveFigure(1, 2, figsize=(7.5, 3.9))
        left, right = self.figure.axes
        self.fit = _FitPanel(left, self.x, self.y)
        self.figure.animate(*self.fit.moving)
        ws = np.linspace(w_ctl.min, w_ctl.max, 121)
        bs = np.linspace(b_ctl.min, b_ctl.max, 121)
        J = line_cost(ws[None, :], bs[:, None], self.x, self.y)
        self.w_best, self.b_best, self.j_best = best_line(self.x, self.y)
        levels = np.geomspace(max(float(J.min()), 1e-3), float(J.max()), 14)
        self.surface = right.contourf(ws, bs, J, levels=levels, cmap=plots.SURFACE_CMAP,
                                      norm=_log_norm(levels), extend="min")
        cbar = self.figure.fig.colorbar(self.surface, ax=right, ticks=_nice_ticks(levels))
        cbar.ax.set_yticklabels([f"{t:g}" for t in _nice_ticks(levels)])
        cbar.set_label("J (log scale)")
        handles = list(self.fit.handles)
        self.star_shown = _inside(self.w_best, ws) and _inside(self.b_best, bs)
        if self.star_shown:
            handles += right.plot([self.w_best], [self.b_best], "*", color="white", mec="black",
                                  ms=13, label=f"lowest J = {self.j_best:.3f}")
        (self.slice,) = right.plot(ws[[0, -1]], [0, 0], "--", color="white", lw=1,
                                   label="slice at this b")
        (self.point,) = right.plot([], [], "o", color=plots.PALETTE["vermillion"], mec="white",
                                   ms=10, zorder=4, clip_on=False, label="current (w, b)")
        # the dashed slice is white on the surface: show it dark in the legend
        slice_key = right.plot([], [], "--", color=plots.PALETTE["black"], lw=1,
                               label="slice at this b")[0]
        _legend_below(self.figure, handles + [self.point, slice_key], 3)
        self.label = right.text(0, 0, "", fontsize=10, color="black", zorder=5,
                                bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1.5})
        right.set_xlim(ws[0], ws[-1])
        right.set_ylim(bs[0], bs[-1])
        right.grid(False)
        plots.label(right, "Cost surface J(w, b)", "weight w", "bias b")
        self.figure.animate(self.slice, self.point, self.label)
        self.w_mid, self.b_mid = ws.mean(), bs.mean()
        self.update()

    def draw(self):
        w, b = self.value("w"), self.value("b")
        y_hat = self.fit.update(w, b)
        text, J = _cost_readout(w, b, self.y, y_hat)
        self.point.set_data([w], [b])
        self.slice.set_ydata([b, b])
        # keep the label inside the axes: on the side of the point facing the middle
        dx = 0.15 if w < self.w_mid else -0.15
        self.label.set_position((w + dx, b + (0.35 if b < self.b_mid else -0.35)))
        self.label.set_horizontalalignment("left" if dx > 0 else "right")
        self.label.set_verticalalignment("bottom" if b < self.b_mid else "top")
        self.label.set_text(f"J = {J:.3f}")
        self.fit.text.set_text(f"J = {J:.3f}")
        self.readout.value = text
        star = (f"lowest (white star) J = {_u(self.j_best, '.3f')} at w = {_u(self.w_best, '.3f')}"
                f", b = {_u(self.b_best, '.3f')}" if self.star_shown else
                f"lowest J = {_u(self.j_best, '.3f')} at w = {_u(self.w_best, '.3f')}, "
                f"b = {_u(self.b_best, '.3f')}, outside this view")
        self._words = (_cost_words(w, b, self.y, y_hat) + " On the right, the cost surface "
                       "J(w, b) seen from above (darker = lower): a long valley running "
                       f"diagonally, {star}. The current point (w, b) = ({_u(w)}, {_u(b)}) "
                       f"sits on the dashed slice b = {_u(b)}, which is the curve J(w) of the "
                       "first demo.")

    def description(self):
        """The line, J with its numbers, and where the point sits on the surface, in words."""
        return getattr(self, "_words", None) or super().description()


class SigmoidCostDemo(Demo):
    """A slider on the weight w of a sigmoid neuron ŷ = σ(w·x + b): MSE vs cross-entropy.

    Controls: ``w`` (−4 … 8, default −2) and ``marks`` (a check box, default off). Fixed preset:
    ``b`` (default :data:`SIGMOID_B` = −3), e.g. ``SigmoidCostDemo(b=0)``. Panels: the data with
    σ(w x + b) and the errors; J_MSE(w) and J_CE(w), titled only "MSE" and "Cross-entropy", so
    that the learner finds their shapes. With ``marks`` on, each curve's lowest value on the
    slider's range is marked (a star) and every other local minimum is marked as a trap (an open
    ring), with the plateaus named: MSE has a trap and flat plateaus, and its lowest value is at
    the end of its right plateau; cross-entropy is convex, one minimum. The readout gives both
    costs and both slopes dJ/dw at the current w (it names traps and minima only with
    ``marks`` on).
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        b = as_float_array(self.presets.get("b", SIGMOID_B), "b")
        if b.ndim != 0:
            raise ValueError(f"b must be a single number; received an array of shape {b.shape}")
        self.b = float(b)
        self.x, self.y = SIGMOID_X, SIGMOID_Y
        w_ctl = self.add_float("w", "weight w", -2.0, -4.0, 8.0, 0.05)
        self.add_control("marks", widgets.Checkbox(
            value=bool(self.presets.get("marks", False)), indent=False,
            description="mark minima, traps and plateaus", style=SLIDER_STYLE))
        self.ws = np.linspace(w_ctl.min, w_ctl.max, 481)
        self.j_mse, self.j_ce = sigmoid_costs(self.ws, self.b, self.x, self.y)
        self.mse_minima = self.ws[local_minima(self.j_mse)]
        self.ce_minima = self.ws[local_minima(self.j_ce)]
        self.figure = LiveFigure(1, 3, figsize=(8.4, 4.1))
        self.readout.layout.height = "6.6em"       # three lines, two of them with fractions
        ax_fit, ax_mse, ax_ce = self.figure.axes
        for ax in self.figure.axes:
            # three panels in an 8.4-inch figure: 11 pt ticks (not the default 10) are still
            # 14 px when the picture is shown 819 px wide on a slide
            ax.tick_params(labelsize=11)
        self._build_fit(ax_fit)
        self.marks = {}
        self.mark_artists = []                     # shown only with the "marks" box ticked
        self.mse_point = self._build_cost(ax_mse, self.j_mse, self.mse_minima, "MSE", "J (MSE)")
        self.ce_point = self._build_cost(ax_ce, self.j_ce, self.ce_minima, "Cross-entropy",
                                         "J (cross-entropy)")
        keys = [self.lowest_key] + ([self.trap_key] if self.trap_key is not None else [])
        # the marks' keys come last: hidden with the marks, they leave no gap in between
        legend = _legend_below(self.figure, self.dots + [self.sig_line, self.segments,
                                                         self.mse_point, *keys], 4)
        n = len(legend.get_texts())
        self.mark_artists += [a for i in range(n - len(keys), n)
                              for a in (legend.legend_handles[i], legend.get_texts()[i])]
        self._marks_shown = None
        # drawn on every move, in this order: the points stay above the line and segments
        self.figure.animate(self.sig_line, self.segments, *self.dots, self.mse_point,
                            self.ce_point)
        self.update()

    def _build_fit(self, ax):
        xs = np.linspace(self.x.min() - 1, self.x.max() + 1, 200)
        self.xs = xs
        self.dots = []
        for k in (0, 1):
            pts = self.x[self.y == k]
            self.dots.append(ax.scatter(pts, np.full(pts.size, float(k)), s=40,
                                        color=plots.CLASS_COLORS[k], marker=plots.CLASS_MARKERS[k],
                                        zorder=3, label=f"class {k}"))
        (self.sig_line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2,
                                   label=r"$\hat y = \sigma(wx + b)$")
        self.segments = LineCollection([], colors=plots.PALETTE["vermillion"], linewidths=2,
                                       label=r"error $e = y - \hat y$")
        ax.add_collection(self.segments)
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(-0.1, 1.1)
        plots.label(ax, f"Sigmoid neuron, b = {self.b:g}", "input x", "ŷ and y")
        odd = np.flatnonzero((self.x < 0) & (self.y == 1))     # class 1 on the class-0 side
        if odd.size:
            ax.annotate("odd one", (self.x[odd[0]], 1.0), xytext=(0, 8), ha="center",
                        textcoords="offset points", fontsize=8)

    def _build_cost(self, ax, J, minima, name, ylabel):
        """One cost curve J(w): its lowest value on the range (a star), any other local
        minimum (a trap, an open circle), flat ends (plateaus); returns the moving point."""
        ax.plot(self.ws, J, color=plots.PALETTE["blue"], lw=2)
        lowest = int(np.argmin(J))
        (self.lowest_key,) = ax.plot([self.ws[lowest]], [J[lowest]], "*", ms=14, zorder=3,
                                     color=plots.PALETTE["green"], mec="black", mew=0.8,
                                     clip_on=False, label="lowest J on this range of w")
        self.mark_artists.append(self.lowest_key)
        which = 0 if name == "MSE" else 1
        traps = [self._refine(float(w), which) for w in minima
                 if np.interp(w, self.ws, J) > J[lowest] + 1e-6]
        self.trap_key = getattr(self, "trap_key", None)
        if traps:
            # a wide ring: the current point, drawn on top, shows inside it
            (self.trap_key,) = ax.plot(traps, np.interp(traps, self.ws, J), "o", mfc="none",
                                       mec=plots.PALETTE["vermillion"], mew=2, ms=14, zorder=3,
                                       label="local minimum, not the lowest: a trap")
            self.mark_artists.append(self.trap_key)
        for w_trap in traps:
            self.mark_artists.append(ax.annotate(
                f"trap\nJ = {np.interp(w_trap, self.ws, J):.3f}",
                (w_trap, np.interp(w_trap, self.ws, J)), xytext=(0, -13),
                textcoords="offset points", ha="center", va="top", fontsize=8,
                color=plots.PALETTE["vermillion"]))
        slope = np.gradient(J, self.ws)
        flat = [end for end in (0, -1) if abs(slope[end]) < PLATEAU_SLOPE]
        for end in flat:
            words = "plateau" + (f", lowest\nJ = {J[end]:.3f}" if end % len(J) == lowest else "")
            self.mark_artists.append(ax.annotate(
                words, (self.ws[end], J[end]), xytext=(0, 12), textcoords="offset points",
                ha="left" if end == 0 else "right", va="bottom", fontsize=8,
                color=plots.PALETTE["vermillion"]))
        if lowest not in [end % len(J) for end in flat]:
            self.mark_artists.append(ax.annotate(
                f"lowest J = {J[lowest]:.3f}", (self.ws[lowest], J[lowest]), xytext=(0, -12),
                textcoords="offset points", ha="center", va="top", fontsize=8, color="0.2"))
        w_low = float(self.ws[lowest])
        if 0 < lowest < len(J) - 1:                        # an interior minimum: its bottom
            w_low = self._refine(w_low, which)
        j_of = lambda w: float(sigmoid_costs([w], self.b, self.x, self.y)[which][0])  # noqa: E731
        self.marks[name] = dict(lowest=(w_low, j_of(w_low)),
                                traps=[(w, j_of(w)) for w in traps],
                                plateau_ends=[float(self.ws[end]) for end in flat])
        (point,) = ax.plot([], [], "o", color=plots.PALETTE["vermillion"], ms=8, zorder=4,
                           clip_on=False, label="current (w, J)")
        pad = 0.03 * float(self.ws[-1] - self.ws[0])    # room for the point at either end
        ax.set_xlim(self.ws[0] - pad, self.ws[-1] + pad)
        span = float(J.max() - J.min())
        ax.set_ylim(float(J.min()) - 0.16 * span, float(J.max()) + 0.15 * span)
        # a neutral title: whether the curve is convex is for the learner to find (notebook 02)
        plots.label(ax, name, "weight w", ylabel)
        return point

    def _refine(self, w0, which):
        """The bottom of a local minimum found on the grid near ``w0``, to 1/400 of a step."""
        step = float(self.ws[1] - self.ws[0])
        fine = np.linspace(w0 - step, w0 + step, 801)
        return float(fine[np.argmin(sigmoid_costs(fine, self.b, self.x, self.y)[which])])

    def _show_marks(self, shown):
        """Show or hide the landmarks (a change of the static background: full redraw)."""
        if shown != self._marks_shown:
            for artist in self.mark_artists:
                artist.set_visible(shown)
            self.figure.invalidate()
            self._marks_shown = shown

    def draw(self):
        w = self.value("w")
        marks = bool(self.value("marks"))
        self._show_marks(marks)
        z = w * self.x + self.b
        y_hat = _sigmoid(z)
        self.sig_line.set_data(self.xs, _sigmoid(w * self.xs + self.b))
        self.segments.set_segments(error_segments(self.x, self.y, y_hat))
        j_mse = losses.mse(self.y, y_hat)
        j_ce = losses.sigmoid_binary_cross_entropy(self.y, z)
        self.mse_point.set_data([w], [j_mse])
        self.ce_point.set_data([w], [j_ce])
        d_mse, d_ce = sigmoid_slopes(w, self.b, self.x, self.y)
        mse_words = self._verdict(w, d_mse, "MSE", marks)
        ce_words = self._verdict(w, d_ce, "Cross-entropy", marks)
        self.readout.value = (
            rf"$\hat y = \sigma(w\,x + b) = \sigma({w:.2f}\,x {'+' if self.b >= 0 else '-'} "
            rf"{abs(self.b):g})$<br>"
            rf"MSE: $J = \frac{{1}}{{m}}\sum_i(y_i - \hat y_i)^2 = {j_mse:.3f}$, "
            rf"slope $\frac{{dJ}}{{dw}} = {_signed(d_mse)}$ — {mse_words}<br>"
            rf"cross-entropy: $J = -\frac{{1}}{{m}}\sum_i\left[y_i\ln\hat y_i + (1-y_i)"
            rf"\ln(1-\hat y_i)\right] = {j_ce:.3f}$, slope $\frac{{dJ}}{{dw}} = {_signed(d_ce)}$"
            rf" — {ce_words}")
        self._words = (
            f"w = {_u(w)}: ŷ = σ({_u(w)}·x {'+' if self.b >= 0 else '−'} {abs(self.b):g}). "
            f"MSE: J = {_u(j_mse, '.3f')}, slope dJ/dw = {_signed(d_mse).replace('-', '−')}: "
            f"{_plain(mse_words)}. Cross-entropy: J = {_u(j_ce, '.3f')}, slope dJ/dw = "
            f"{_signed(d_ce).replace('-', '−')}: {_plain(ce_words)}. "
            + (self._landmarks() if marks else self._samples()))

    def description(self):
        """Both costs and slopes at the current w and the landmarks of both curves, in words."""
        return getattr(self, "_words", None) or super().description()

    def _landmarks(self):
        parts = []
        for name in ("MSE", "Cross-entropy"):
            mk = self.marks[name]
            w_low, j_low = mk["lowest"]
            where = ("at the end of its right plateau" if w_low in mk["plateau_ends"] else "")
            text = (f"{'MSE' if name == 'MSE' else 'cross-entropy'} is lowest on this range "
                    f"at w = {_u(w_low)} (J = {_u(j_low, '.3f')})")
            text += f", {where}" if where else ""
            if mk["traps"]:
                text += "; it has a trap at " + ", ".join(
                    f"w = {_u(w)} (J = {_u(j, '.3f')})" for w, j in mk["traps"])
            parts.append(text)
        return "; ".join(parts) + "."

    def _samples(self):
        """Both curves in numbers, every 1 on w (the text of the picture without its marks:
        the values let a reader find the shapes, as the picture lets a sighted learner)."""
        ws = np.arange(np.ceil(self.ws[0]), np.floor(self.ws[-1]) + 0.5)
        j_mse, j_ce = sigmoid_costs(ws, self.b, self.x, self.y)
        pairs = "; ".join(f"w = {_u(w, 'g')}: ({_u(a, '.3f')}, {_u(c, '.3f')})"
                          for w, a, c in zip(ws, j_mse, j_ce))
        return (f"The middle panel draws the MSE cost and the right panel the cross-entropy "
                f"cost against w from {_u(self.ws[0], 'g')} to {_u(self.ws[-1], 'g')}. "
                f"(MSE, cross-entropy) every 1 on w: {pairs}.")

    def _verdict(self, w, slope, name, marks=True):
        """A few words on where the point is on one curve: trap, plateau, minimum or slope
        (without ``marks``: only the slope, so that the learner finds traps and minima)."""
        if not marks:
            if abs(slope) < PLATEAU_SLOPE:
                return "<b>almost flat here</b>: the slope gives next to no direction"
            return f"downhill is to the {'left' if slope > 0 else 'right'}"
        mk = self.marks[name]
        for w_trap, j_trap in mk["traps"]:
            if abs(w - w_trap) < 0.15:
                return (rf"<b>in a local minimum, a trap</b> (its bottom: $w = {w_trap:.2f}$): "
                        rf"uphill both ways from there, yet its $J = {j_trap:.3f}$ is above "
                        rf"the lowest, ${mk['lowest'][1]:.3f}$")
        w_low = mk["lowest"][0]
        if abs(w - w_low) < 0.15 and w_low not in mk["plateau_ends"]:
            return "<b>at the minimum</b>"
        if abs(slope) < PLATEAU_SLOPE:
            return "<b>on a plateau</b>: the slope is almost 0, no direction to follow"
        return f"downhill is to the {'left' if slope > 0 else 'right'}"


def _plain(html_words):
    """Readout words → plain text (tags and $ dropped)."""
    return re.sub(r"-(?=\d)", "−", re.sub(r"<[^>]+>|\$", "", html_words))


# ----------------------------------------------------------------------- small helpers

def _log_norm(levels):
    from matplotlib.colors import LogNorm

    return LogNorm(vmin=float(levels[0]), vmax=float(levels[-1]))


def _nice_ticks(levels):
    """1-2-5 ticks inside the level range, for a log colour bar."""
    lo, hi = float(levels[0]), float(levels[-1])
    decades = range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
    ticks = [m * 10.0 ** e for e in decades for m in (1, 2, 5)]
    return [t for t in ticks if lo <= t <= hi]


def _signed(v, digits=4):
    """'+0.1234' / '-0.1234', and '0.0000' rather than '-0.0000' for tiny values."""
    v = round(float(v), digits) + 0.0
    return f"{v:+.{digits}f}" if v != 0 else f"{0:.{digits}f}"


def _inside(v, grid):
    return grid[0] <= v <= grid[-1]
