"""Live demos and figures of notebook 04_backpropagation.

* :class:`ChainRuleDemo` — one neuron drawn as a computation graph, x, w, b → z = wx + b →
  ŷ = σ(z) → L = (ŷ − y)²; the forward values and the backward gradients are written on it and
  change with sliders on w, b and x.
* :class:`GradCheckDemo` — gradient checking on the 2-3-1 exam-score network: pick one weight
  and the nudge size ε; see the numerical slope (J(w+ε) − J(w−ε)) / 2ε next to the backprop
  gradient, their relative error, the cost along that weight and both lines.
* :func:`draw_gradient_shapes` — a static figure: the matrices of the backward pass drawn as
  boxes of their shapes, so the products ∂J/∂W = A_prevᵀ δ and δ_prev = (δ Wᵀ) ⊙ g'(Z_prev)
  can be read off.

Everything that does not depend on a slider (the cost curves, the relative error at every ε of
the slider) is computed once when the demo is built; a move only updates artists.
"""

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter
from matplotlib.transforms import blended_transform_factory

from .. import datasets, gradcheck, plots
from ..activations import sigmoid, sigmoid_derivative
from ..mlp import MLP
from .core import Demo, LiveFigure

__all__ = ["ChainRuleDemo", "GradCheckDemo", "EXAM_W1", "EXAM_W2", "exam_network",
           "draw_gradient_shapes"]

BLUE, RED, GREEN, GREY = (plots.PALETTE["blue"], plots.PALETTE["vermillion"],
                          plots.PALETTE["green"], "#555555")


def num(v):
    """A number as a person would write it: 3 decimals, or scientific when tiny or huge."""
    v = float(v) + 0.0                                    # no "-0.000"
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        return f"{v:.3f}"
    return f"{v:.2e}"


def tex(v, digits=3):
    """``num(v)`` for LaTeX: 1.23e-07 becomes 1.23\\times10^{-7}."""
    text = num(v) if digits == 3 else f"{float(v):.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa}\\times10^{{{int(exponent)}}}"


def sci(v, digits=1):
    """A plain-text power of ten for the words under a picture: 3.2e-09 → '3.2e-9'."""
    mantissa, exponent = f"{float(v):.{digits}e}".split("e")
    return mantissa if int(exponent) == 0 else f"{mantissa}e{int(exponent)}"


# ------------------------------------------------------------------------------ chain rule

# node key → (x, y) position on a 10.4 × 6.2 canvas, and the half width of its box
_NODES = {"x": (2.35, 5.0), "w": (2.35, 3.0), "b": (2.35, 1.0),
          "z": (4.95, 3.0), "y_hat": (7.25, 3.0), "L": (9.7, 3.0)}
_SYMBOL = {"x": "x", "w": "w", "b": "b", "z": "z", "y_hat": "ŷ", "L": "L"}
_HALF_WIDTH = {"x": 0.25, "w": 0.25, "b": 0.25, "z": 0.75, "y_hat": 0.55, "L": 0.75}
_EDGES = [("x", "z"), ("w", "z"), ("b", "z"), ("z", "y_hat"), ("y_hat", "L")]
SIGMA_PRIME = "sigma'"
_NODE_LABEL = {"z": "z = wx + b", "y_hat": "ŷ = σ(z)", "L": "L = (ŷ − y)²"}
# where the local derivative of each edge is written (text centre, bottom)
_EDGE_SPOT = {("x", "z"): (3.55, 4.1), ("w", "z"): (3.4, 3.1), ("b", "z"): (3.55, 1.6),
              ("z", "y_hat"): (6.25, 3.1), ("y_hat", "L"): (8.4, 3.1)}
_INPUTS = ("x", "w", "b")


class ChainRuleDemo(Demo):
    """One neuron as a computation graph with its forward values and backward gradients.

    Forward: z = w·x + b, ŷ = σ(z), L = (ŷ − y)². Backward, by the chain rule:
    ∂L/∂ŷ = 2(ŷ − y); ∂L/∂z = ∂L/∂ŷ · σ'(z); ∂L/∂w = ∂L/∂z · x; ∂L/∂b = ∂L/∂z · 1;
    ∂L/∂x = ∂L/∂z · w. Controls: ``w``, ``b``, ``x``; the target ``y`` (default 1) is a preset,
    e.g. ``ChainRuleDemo(y=0.0, w=3.0)``. :meth:`compute` returns the numbers under the keys
    x, w, b, z, y_hat, L, y, "sigma'" and "dL/d<key>". Notebook 04.
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        # two lines of inline fractions (the first may wrap once, between its two $...$ parts)
        # and one sentence: at most about 95 px at the narrowest output (measured in
        # JupyterLab + Chromium); 8.5 em = 110 px
        self.readout.layout.height = "8.5em"
        self.y = float(self.presets.get("y", 1.0))
        if not np.isfinite(self.y):
            raise ValueError(f"y must be a finite number; received {self.y!r}")
        self.add_float("w", "weight w", 0.5, -4.0, 4.0, 0.05)
        self.add_float("b", "bias b", 0.0, -4.0, 4.0, 0.05)
        self.add_float("x", "input x", 1.5, -3.0, 3.0, 0.05)
        self.figure = LiveFigure(figsize=(7.5, 3.6))
        self._build(self.figure.axes)
        # static labels: their numbers are the node values already written on the graph
        for edge, text in ((("x", "z"), "∂z/∂x = w"), (("w", "z"), "∂z/∂w = x"),
                           (("b", "z"), "∂z/∂b = 1"), (("y_hat", "L"), "∂L/∂ŷ\n= 2(ŷ − y)")):
            self.edge_text[edge].set_text(text)
        self.grad_text["L"].set_text("∂L/∂L = 1")
        self.figure.animate(*self.value_text.values(), self.edge_text[("z", "y_hat")],
                            *[t for name, t in self.grad_text.items() if name != "L"])
        self.update()

    def _build(self, ax):
        ax.set_xlim(0.0, 10.5)
        ax.set_ylim(0.0, 5.8)
        ax.axis("off")
        ax.set_title(f"One neuron, target y = {num(self.y)}: forward values (blue) →, "
                     "gradients (orange) ←", fontsize=11)
        for start, end in _EDGES:
            (x0, y0), (x1, y1) = _NODES[start], _NODES[end]
            tip = (x1 - _HALF_WIDTH[end] - 0.1, y1 + 0.2 * np.sign(y0 - y1))
            ax.annotate("", xy=tip, xytext=(x0 + _HALF_WIDTH[start] + 0.1, y0),
                        arrowprops={"arrowstyle": "-|>", "color": GREY, "lw": 1.2})
        box = {"boxstyle": "round,pad=0.3", "fc": "#f2f2f2", "ec": GREY}
        label_box = {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9}
        self.value_text, self.grad_text, self.edge_text = {}, {}, {}
        for name, (px, py) in _NODES.items():
            ax.text(px, py, _NODE_LABEL.get(name, _SYMBOL[name]), ha="center", va="center",
                    fontsize=10, fontweight="bold", bbox=box)
            # inputs: numbers to the left of the node; others: below it
            tx, ty, ha = (px - 0.4, py + 0.45, "right") if name in _INPUTS else (px, py, "center")
            self.value_text[name] = ax.text(tx, ty - 0.4, "", ha=ha, va="top",
                                            color=BLUE, fontsize=9.5)
            self.grad_text[name] = ax.text(tx, ty - 0.8, "", ha=ha, va="top",
                                           color=RED, fontsize=9.5)
        for edge, (px, py) in _EDGE_SPOT.items():
            self.edge_text[edge] = ax.text(px, py, "", ha="center", va="bottom", fontsize=8.5,
                                           color=GREY, bbox=label_box)

    def compute(self):
        """Forward values and gradients for the current sliders (a dict of floats)."""
        w, b, x, y = self.value("w"), self.value("b"), self.value("x"), self.y
        z = w * x + b
        y_hat = float(sigmoid(z))
        ds = float(sigmoid_derivative(z))
        dL_dy_hat = 2.0 * (y_hat - y)
        dL_dz = dL_dy_hat * ds
        return {"x": x, "w": w, "b": b, "z": z, "y_hat": y_hat, "L": (y_hat - y) ** 2, "y": y,
                SIGMA_PRIME: ds, "dL/dy_hat": dL_dy_hat, "dL/dz": dL_dz, "dL/dw": dL_dz * x,
                "dL/db": dL_dz, "dL/dx": dL_dz * w, "dL/dL": 1.0}

    def draw(self):
        v = self.compute()
        for name in _NODES:
            self.value_text[name].set_text(f"{_SYMBOL[name]} = {num(v[name])}")
            if name != "L":
                self.grad_text[name].set_text(f"∂L/∂{_SYMBOL[name]} = {num(v['dL/d' + name])}")
        self.edge_text[("z", "y_hat")].set_text(f"∂ŷ/∂z = σ'(z)\n= {num(v[SIGMA_PRIME])}")
        self.readout.value = (
            r"$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat y}\,"
            r"\frac{\partial \hat y}{\partial z}\,\frac{\partial z}{\partial w}"
            r" = 2(\hat y-y)\,\sigma'(z)\,x$ "
            f"$= ({tex(v['dL/dy_hat'])})\\,({tex(v[SIGMA_PRIME])})\\,({tex(v['x'])})"
            f" = {tex(v['dL/dw'])}$<br>"
            r"$\frac{\partial L}{\partial b} = 2(\hat y-y)\,\sigma'(z)\cdot 1"
            f" = {tex(v['dL/db'])}$<br>"
            + self.remark(v))

    @staticmethod
    def remark(v):
        """One sentence on what the current numbers show."""
        if v[SIGMA_PRIME] < 1e-3:
            return "σ is saturated: σ'(z) ≈ 0, so almost no gradient flows back to w and b."
        if v["x"] == 0:
            return "x = 0: the weight on a zero input cannot change z, so ∂L/∂w = 0."
        return "σ'(z) is at most 0.25 (at z = 0): ∂L/∂z is at most a quarter of ∂L/∂ŷ."

    def description(self):
        """The graph's numbers in words (the readout's formulas are LaTeX)."""
        v = self.compute()
        return (f"One neuron with w = {num(v['w'])}, b = {num(v['b'])}, x = {num(v['x'])} and "
                f"target y = {num(v['y'])}. Forward: z = {num(v['z'])}, ŷ = σ(z) = "
                f"{num(v['y_hat'])}, L = (ŷ − y)² = {num(v['L'])}. Backward, each gradient the "
                f"one to its right times the local derivative: ∂L/∂ŷ = 2(ŷ − y) = "
                f"{num(v['dL/dy_hat'])}; σ'(z) = {num(v[SIGMA_PRIME])}; ∂L/∂z = "
                f"{num(v['dL/dz'])}; ∂L/∂w = ∂L/∂z · x = {num(v['dL/dw'])}; ∂L/∂b = "
                f"{num(v['dL/db'])}; ∂L/∂x = ∂L/∂z · w = {num(v['dL/dx'])}. " + self.remark(v))


# ------------------------------------------------------------------------- gradient check

#: The exam network's example weights into the hidden layer, W1 (n_in = 2, n_out = 3): row 0
#: from hours studied, row 1 from hours slept.
EXAM_W1 = ((0.2, 0.6, 0.1), (0.8, 0.3, 0.7))
#: The output weights W2 (3, 1): our choice (the example gives only the six hidden weights;
#: notebook 08 has the details).
EXAM_W2 = ((0.4,), (0.5,), (0.9,))


def exam_network():
    """The 2-3-1 sigmoid exam-score network without biases, set to its example weights.

    Returns ``MLP([2, 3, 1], bias=False)`` with ``params = [W1 (2, 3), W2 (3, 1)]`` =
    ``EXAM_W1``, ``EXAM_W2``: A1 = σ(X W1), ŷ = σ(A1 W2). Notebook 04.
    """
    net = MLP([2, 3, 1], hidden="sigmoid", output="sigmoid", loss="mse", bias=False)
    net.params[0][...] = EXAM_W1
    net.params[1][...] = EXAM_W2
    return net


def _exam_costs(X, Y, W1s, W2s):
    """J = mean((σ(σ(X W1) W2) − Y)²) for a stack of weight pairs W1s (K, 2, 3), W2s (K, 3, 1)."""
    A1 = sigmoid(X @ W1s)                                   # (K, m, 3)
    Y_hat = sigmoid(A1 @ W2s)                               # (K, m, 1)
    return np.mean((Y_hat - Y) ** 2, axis=(1, 2))           # (K,)


def _relative_errors(a, b):
    """Element-wise |a − b| / (|a| + |b|) (0 where both are 0): ``gradcheck.relative_error``
    for many pairs of numbers at once."""
    scale = np.abs(a) + np.abs(b)
    return np.abs(a - b) / np.maximum(scale, np.finfo(np.float64).tiny)


#: where the relative error is read as "they agree" and as "a bug?"
AGREE, BUG = 1e-7, 1e-4
_FLOOR = 1e-16          # errors below this are drawn on the floor of the log axis


class GradCheckDemo(Demo):
    """Gradient checking, one weight at a time, on the 2-3-1 exam-score network.

    For the chosen weight w (``weight``: 0-5 are W1[i, j] row by row, 6-8 are W2[j, 0]) and nudge
    ``eps`` (ε, log scale; starts at ``gradcheck.DEFAULT_EPS``), the numerical slope
    n = (J(w + ε) − J(w − ε)) / 2ε is set beside the backprop gradient bp = ∂J/∂w from
    ``MLP.backward`` and their relative error |n − bp| / (|n| + |bp|) (notebook 04 calls the
    backprop gradient bp: there g is the activation). Left: J along w with the
    backprop tangent (wide line) and the numerical secant (dashed); right: the relative error
    against ε, with the range ``gradcheck.GOOD_EPS`` marked "good ε" (too large: truncation,
    error ∝ ε²; too small: rounding, error ∝ 1e-16/ε). Data: ``load_exam_scores(scaled=True)``;
    weights: ``EXAM_W1``, ``EXAM_W2``. Notebook 04.
    """

    span = 2.0        # the cost curve covers w ± span
    _n_yticks = 8     # at most this many y ticks on the left panel

    def __init__(self, **presets):
        super().__init__(**presets)
        # three lines of linear formulas; the first and the last may each wrap once at the
        # narrowest output (580 px): about 95 px, measured in JupyterLab + Chromium (108 px even
        # at 480 px); 10 em = 130 px
        self.readout.layout.height = "10em"
        self.add_int("weight", "which weight", 0, 0, 8)
        self.add_log("eps", "nudge ε", gradcheck.DEFAULT_EPS, 1e-10, 1.0, fmt=".0e")
        X, y = datasets.load_exam_scores(scaled=True)
        self.X, self.Y = X, y[:, None]
        net = exam_network()
        self.W1, self.W2 = net.params[0].copy(), net.params[1].copy()
        self.backprop = np.concatenate([g.ravel() for g in net.backward(self.X, self.Y)])
        self.names = [f"W1[{i}, {j}]" for i in range(2) for j in range(3)]
        self.names += [f"W2[{j}, 0]" for j in range(3)]
        self.J0 = float(_exam_costs(self.X, self.Y, self.W1[None], self.W2[None])[0])
        self._precompute()
        self._build()
        self.update()

    def costs(self, k, values):
        """J with weight k set to each of ``values`` (the others at the example values)."""
        values = np.asarray(values, dtype=float)
        W1s = np.repeat(self.W1[None], values.size, axis=0)
        W2s = np.repeat(self.W2[None], values.size, axis=0)
        if k < 6:
            W1s[:, k // 3, k % 3] = values
        else:
            W2s[:, k - 6, 0] = values
        return _exam_costs(self.X, self.Y, W1s, W2s)

    def weight_value(self, k):
        return float(self.W1.ravel()[k] if k < 6 else self.W2.ravel()[k - 6])

    def numerical_slope(self, k, eps):
        """(J(w + ε) − J(w − ε)) / 2ε and the two costs."""
        w = self.weight_value(k)
        up, down = self.costs(k, [w + eps, w - eps])
        return (up - down) / (2 * eps), up, down

    def _precompute(self):
        control = self.controls["eps"]
        n = int(round((control.max - control.min) * 20)) + 1
        self.eps_grid = 10.0 ** np.linspace(control.min, control.max, n)
        self.curves, self.errors_vs_eps = [], []
        for k in range(9):
            w = self.weight_value(k)
            grid = w + np.linspace(-self.span, self.span, 161)
            self.curves.append((grid, self.costs(k, grid)))
            both = self.costs(k, np.concatenate([w + self.eps_grid, w - self.eps_grid]))
            slopes = (both[:n] - both[n:]) / (2 * self.eps_grid)
            self.errors_vs_eps.append(_relative_errors(slopes, self.backprop[k]))

    def _build(self):
        self.figure = LiveFigure(1, 2, figsize=(7.5, 3.6))
        ax, ax2 = self.figure.axes
        (self.curve,) = ax.plot([], [], color=BLUE, lw=2, ls="-", label="cost J along this weight")
        (self.tangent,) = ax.plot([], [], color=RED, lw=6, ls="-", alpha=0.45, solid_capstyle="butt",
                                  label="backprop slope bp (wide)")
        (self.secant,) = ax.plot([], [], color="black", lw=1.3, ls=(0, (5, 3)),
                                 label="numerical slope n (dashed)")
        (self.nudges,) = ax.plot([], [], "o", ls="none", color="black", mfc="white", ms=5, mew=1.2)
        (self.point,) = ax.plot([], [], "o", ls="none", color=RED, ms=5)
        self.weight_text = ax.text(0.03, 0.04, "", transform=ax.transAxes, fontsize=10)
        ax.set_xlim(-self.span, self.span)
        # Each weight has its own J range. Matplotlib's own y ticks would need a full redraw
        # (100-200 ms) at every change of weight, so the y ticks are moving artists too.
        ax.set_yticks([])
        left = blended_transform_factory(ax.transAxes, ax.transData)
        self.ytick_labels = [ax.text(-0.03, 0.0, "", transform=left, ha="right", va="center",
                                     fontsize=9) for _ in range(self._n_yticks)]
        self.ytick_lines = [ax.plot([0.0, 1.0], [0.0, 0.0], transform=left, color="#b0b0b0",
                                    alpha=0.3, lw=0.8, ls="-", zorder=0.5)[0]
                            for _ in range(self._n_yticks)]
        self.ytick_marks = [ax.plot([-0.02, 0.0], [0.0, 0.0], transform=left, color="black",
                                    lw=0.8, ls="-", clip_on=False)[0] for _ in range(self._n_yticks)]
        plots.label(ax, "cost J along the chosen weight", "change of the weight, w − w₀",
                    "cost J")
        ax.yaxis.labelpad = 30
        ax.legend(loc="upper right", fontsize=8)
        self._build_error_axes(ax2)
        self.figure.animate(*self.ytick_lines, *self.ytick_marks, *self.ytick_labels, self.curve, self.tangent,
                            self.secant, self.nudges, self.point, self.weight_text,
                            self.error_line, self.error_point)
        self._drawn_weight = None

    def _build_error_axes(self, ax2):
        """Right panel: relative error against ε, with its bands and their names."""
        (self.error_line,) = ax2.loglog([], [], color=BLUE, lw=1.5, ls="-")
        (self.error_point,) = ax2.loglog([], [], "o", ls="none", color=RED, ms=7)
        lo, hi = gradcheck.GOOD_EPS
        ax2.axhspan(_FLOOR / 10, AGREE, color=GREEN, alpha=0.12, lw=0)
        ax2.axhspan(BUG, 10, color=RED, alpha=0.12, lw=0)
        ax2.axvspan(lo, hi, facecolor="none", edgecolor=GREY, hatch="///", lw=0, alpha=0.35)
        for edge in (lo, hi):
            ax2.axvline(edge, color=GREY, lw=0.8, ls=":")
        middle = np.sqrt(lo * hi)
        small = {"fontsize": 8, "ha": "center", "va": "center"}
        white = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
        ax2.text(middle, 1e-14, "good ε", color="black", bbox=white, **small)
        ax2.text(middle, np.sqrt(AGREE * BUG), "look closer", color=GREY, bbox=white, **small)
        ax2.text(0.03, 0.04, "agree (≤ 1e-7)", transform=ax2.transAxes, fontsize=8, color=GREEN)
        ax2.text(0.03, 0.92, "a bug? (> 1e-4)", transform=ax2.transAxes, fontsize=8, color=RED)
        ax2.text(1e-9, 1e-11, "rounding\n∝ 1/ε", color=GREY, **small)
        ax2.text(2e-2, 1e-11, "truncation\n∝ ε²", color=GREY, **small)
        ax2.set_xlim(self.eps_grid[0] / 2, self.eps_grid[-1] * 2)
        ax2.set_ylim(_FLOOR, 2.0)
        ax2.xaxis.set_major_locator(LogLocator(base=10, numticks=6))
        ax2.yaxis.set_major_locator(LogLocator(base=10, numticks=9))
        ax2.xaxis.set_minor_formatter(NullFormatter())
        plots.label(ax2, "relative error vs ε", "nudge ε", "relative error |n − bp| / (|n| + |bp|)")

    def draw(self):
        k, eps = self.value("weight"), self.value("eps")
        bp = self.backprop[k]
        slope, up, down = self.numerical_slope(k, eps)
        error = gradcheck.relative_error(slope, bp)
        if k != self._drawn_weight:                     # the static part changes too
            self._draw_weight(k)
        self.secant.set_data(self.window, (up + down) / 2 + slope * self.window)
        self.nudges.set_data([-eps, eps], [down, up])
        self.error_point.set_data([eps], [max(error, _FLOOR)])
        self.readout.value = (
            "numerical slope: "
            r"$n = \bigl(J(w+\varepsilon) - J(w-\varepsilon)\bigr) / 2\varepsilon$ "
            f"$= ({up:.12f} - {down:.12f}) / (2 \\cdot {tex(eps, 2)})$ $= {tex(slope, 6)}$"
            f"<br>backprop gradient: $\\mathrm{{bp}} = \\partial J / \\partial w = {tex(bp, 6)}$"
            f"<br>relative error: $|n - \\mathrm{{bp}}| / (|n| + |\\mathrm{{bp}}|) = {tex(error, 2)}$ — "
            + self.verdict(error, eps))

    def _draw_weight(self, k):
        """What depends on the chosen weight only: curve, tangent, y range and ticks, name."""
        ax, (grid, J) = self.figure.axes[0], self.curves[k]
        w, g = self.weight_value(k), self.backprop[k]
        self.window = np.array([-0.9 * self.span, 0.9 * self.span])
        self.curve.set_data(grid - w, J)
        self.tangent.set_data(self.window, self.J0 + g * self.window)
        self.point.set_data([0.0], [self.J0])
        pad = 0.15 * (J.max() - J.min()) + 1e-6
        lo, hi = J.min() - pad, J.max() + 2.2 * pad
        ax.set_ylim(lo, hi)
        self._set_yticks(lo, hi)
        self.weight_text.set_text(f"{self.names[k]}, w₀ = {w:.1f}")
        self.error_line.set_data(self.eps_grid, np.maximum(self.errors_vs_eps[k], _FLOOR))
        self._drawn_weight = k

    def _set_yticks(self, lo, hi):
        """Round y ticks between lo and hi, written with the decimals their step needs."""
        ticks = MaxNLocator(nbins=5).tick_values(lo, hi)
        ticks = ticks[(ticks >= lo) & (ticks <= hi)][:self._n_yticks]
        step = ticks[1] - ticks[0] if ticks.size > 1 else abs(hi - lo)
        decimals = max(0, int(-np.floor(np.log10(step) + 1e-9)))
        for i, (label, line, mark) in enumerate(zip(self.ytick_labels, self.ytick_lines,
                                                    self.ytick_marks)):
            shown = i < ticks.size
            for artist in (label, line, mark):
                artist.set_visible(shown)
            if shown:
                label.set_y(ticks[i])
                label.set_text(f"{ticks[i] + 0.0:.{decimals}f}")
                line.set_ydata([ticks[i], ticks[i]])
                mark.set_ydata([ticks[i], ticks[i]])
        self.yticks = ticks

    @staticmethod
    def verdict(error, eps):
        """A few words on a relative error (backprop itself is right here)."""
        if error <= AGREE:
            return "they agree: backprop is right."
        if eps > gradcheck.GOOD_EPS[1]:
            why = "ε is too large: the secant no longer follows the curve (error grows like ε²)."
        elif eps < gradcheck.GOOD_EPS[0]:
            why = "ε is too small: J(w+ε) − J(w−ε) loses its digits to rounding (error ∝ 1/ε)."
        else:
            why = "the curve bends sharply here."
        return ("look closer — " if error <= BUG else "large — ") + why

    def description(self):
        """The picture in words: both slopes, their error, and the shape of the error curve."""
        k, eps = self.value("weight"), self.value("eps")
        bp = self.backprop[k]
        slope, _, _ = self.numerical_slope(k, eps)
        error = gradcheck.relative_error(slope, bp)
        errors = self.errors_vs_eps[k]
        lo, hi = gradcheck.GOOD_EPS
        good = errors[(self.eps_grid >= lo * 0.999) & (self.eps_grid <= hi * 1.001)]
        best = int(np.argmin(errors))
        return (f"Weight {self.names[k]} (w₀ = {self.weight_value(k):.1f}), nudge ε = "
                f"{sci(eps, 0)}: numerical slope n = {slope:.6f}, backprop gradient bp = "
                f"{bp:.6f}, relative error {sci(error)} — {self.verdict(error, eps)} "
                f"Left: the cost J along this weight, the backprop tangent (wide line) and the "
                f"numerical secant through w₀ ± ε (dashed). Right: the relative error for every "
                f"ε from {sci(self.eps_grid[0], 0)} to {sci(self.eps_grid[-1], 0)}: at most "
                f"{sci(good.max())} for every ε in the good range {sci(lo, 0)} to {sci(hi, 0)} "
                f"(smallest, {sci(errors[best])}, at ε = {sci(self.eps_grid[best], 0)}); it "
                f"grows like ε² above that range (truncation, {sci(errors[-1])} at ε = 1) and "
                f"like 1/ε below it (rounding, {sci(errors[0])} at ε = "
                f"{sci(self.eps_grid[0], 0)}).")


# ------------------------------------------------------------------ shapes of the backward pass

def _box(ax, x, y_mid, rows, cols, name, shape, color, unit):
    """One matrix as a box ``rows`` × ``cols`` units, its name above it, its shape below it.
    Returns the x where the box ends."""
    width, height = cols * unit, rows * unit
    ax.add_patch(Rectangle((x, y_mid - height / 2), width, height, facecolor=color,
                           edgecolor="black", lw=1.0))
    ax.text(x + width / 2, y_mid + height / 2 + 0.08, name, ha="center", va="bottom",
            fontsize=10)
    ax.text(x + width / 2, y_mid - height / 2 - 0.08, shape, ha="center", va="top", fontsize=9)
    return x + width


def draw_gradient_shapes(m=4):
    """The backward pass of the 2-3-1 network as boxes of the arrays' shapes (a static figure).

    Three rows: ∂J/∂W1 = Xᵀ δ1 — (2, m)(m, 3) → (2, 3); ∂J/∂W2 = A1ᵀ δ2 — (3, m)(m, 1) → (3, 1);
    δ1 = (δ2 W2ᵀ) ⊙ σ'(Z1) — (m, 1)(1, 3) → (m, 3), element by element with (m, 3). The m
    samples are drawn ``m`` units long (and labelled m); in a weight gradient the product sums
    them away. Returns the pyplot figure (end the cell with ``plt.show()``). Notebook 04.
    """
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or not 2 <= m <= 8:
        raise ValueError(f"m must be an int from 2 to 8 (the drawn length of the sample axis); "
                         f"received {m!r}")
    fig, ax = plots.new_figure(figsize=(7.5, 5.0))
    unit, gap = 0.5, 0.45
    data, delta, weight = plots.PALETTE["sky"], plots.PALETTE["orange"], "#dddddd"
    slope, grad = "#9fd8c4", plots.PALETTE["yellow"]
    rows = [
        ("∂J/∂W₁ = Xᵀ δ₁", [("Xᵀ", 2, m, "(2, m)", data), "@", ("δ₁", m, 3, "(m, 3)", delta),
                            "=", ("∂J/∂W₁", 2, 3, "(2, 3)", grad)],
         "shape of W₁:\nthe m samples\nare summed away"),
        ("∂J/∂W₂ = A₁ᵀ δ₂", [("A₁ᵀ", 3, m, "(3, m)", data), "@", ("δ₂", m, 1, "(m, 1)", delta),
                             "=", ("∂J/∂W₂", 3, 1, "(3, 1)", grad)],
         "shape of W₂"),
        ("δ₁ = (δ₂ W₂ᵀ) ⊙ σ'(Z₁)", ["(", ("δ₂", m, 1, "(m, 1)", delta), "@",
                                   ("W₂ᵀ", 1, 3, "(1, 3)", weight), ")", "⊙",
                                   ("σ'(Z₁)", m, 3, "(m, 3)", slope), "=",
                                   ("δ₁", m, 3, "(m, 3)", delta)],
         "shape of Z₁:\none row per\nsample"),
    ]
    row_height = (m + 2.4) * unit
    start = 4.3                                      # boxes start right of the row titles
    right = 0.0
    for r, (title, items, note) in enumerate(rows):
        y = -(r + 0.5) * row_height
        ax.text(0.0, y, title, ha="left", va="center", fontsize=10.5, fontweight="bold")
        x = start
        for item in items:
            if isinstance(item, str):
                narrow = item in "()"
                ax.text(x + (0.15 if narrow else gap), y, item, ha="center", va="center",
                        fontsize=22 if narrow else 13, color=GREY if narrow else "black")
                x += 0.3 if narrow else 2 * gap
                continue
            name, rows_, cols, shape, color = item
            x = _box(ax, x, y, rows_, cols, name, shape, color, unit)
        ax.text(x + 0.25, y, note, ha="left", va="center", fontsize=9, color=GREY)
        right = max(right, x)
    ax.set_xlim(-0.1, right + 2.6)
    ax.set_ylim(-len(rows) * row_height - 0.1, 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"The backward pass in shapes (the m samples drawn as {m} rows)")
    plots.describe(fig, "The backward pass of the 2-3-1 network as boxes of their shapes. "
                   "Hidden weights: X transposed (2, m) times δ1 (m, 3) gives ∂J/∂W1 (2, 3). "
                   "Output weights: A1 transposed (3, m) times δ2 (m, 1) gives ∂J/∂W2 (3, 1). "
                   "Hidden delta: δ2 (m, 1) times W2 transposed (1, 3), times σ'(Z1) (m, 3) "
                   "element by element, gives δ1 (m, 3). In each weight gradient the m samples "
                   "are summed away; each delta has one row per sample.")
    return fig
