"""Live demos of notebook 04_backpropagation.

* :class:`ChainRuleDemo` — one neuron drawn as a computation graph, x, w, b → z = wx + b →
  a = σ(z) → L = (a − y)²; the forward values and the backward gradients are written on it and
  change with sliders on w, b and x.
* :class:`GradCheckDemo` — gradient checking on article 004's 2-3-1 exam-score network: pick one
  weight and the nudge size ε; see the numerical slope (J(w+ε) − J(w−ε)) / 2ε next to the
  backprop gradient, their relative error, the cost along that weight and both lines.

Everything that does not depend on a slider (the cost curves, the relative error at every ε of
the slider) is computed once when the demo is built; a move only updates artists.
"""

import numpy as np

from .. import datasets, gradcheck, plots
from ..activations import sigmoid, sigmoid_derivative
from ..mlp import MLP
from .core import Demo, LiveFigure

__all__ = ["ChainRuleDemo", "GradCheckDemo", "EXAM_W1", "EXAM_W2", "exam_network"]

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


# ------------------------------------------------------------------------------ chain rule

# node name → (x, y) position on a 10.4 × 6.2 canvas, and the half width of its box
_NODES = {"x": (2.35, 5.0), "w": (2.35, 3.0), "b": (2.35, 1.0),
          "z": (4.95, 3.0), "a": (7.25, 3.0), "L": (9.7, 3.0)}
_HALF_WIDTH = {"x": 0.25, "w": 0.25, "b": 0.25, "z": 0.75, "a": 0.55, "L": 0.75}
_EDGES = [("x", "z"), ("w", "z"), ("b", "z"), ("z", "a"), ("a", "L")]
SIGMA_PRIME = "sigma'"
_NODE_LABEL = {"z": "z = wx + b", "a": "a = σ(z)", "L": "L = (a − y)²"}
# where the local derivative of each edge is written (text centre, bottom)
_EDGE_SPOT = {("x", "z"): (3.55, 4.1), ("w", "z"): (3.4, 3.1), ("b", "z"): (3.55, 1.6),
              ("z", "a"): (6.25, 3.1), ("a", "L"): (8.4, 3.1)}
_INPUTS = ("x", "w", "b")


class ChainRuleDemo(Demo):
    """One neuron as a computation graph with its forward values and backward gradients.

    Forward: z = w·x + b, a = σ(z), L = (a − y)². Backward, by the chain rule:
    ∂L/∂a = 2(a − y); ∂L/∂z = ∂L/∂a · σ'(z); ∂L/∂w = ∂L/∂z · x; ∂L/∂b = ∂L/∂z · 1;
    ∂L/∂x = ∂L/∂z · w. Controls: ``w``, ``b``, ``x``; the target ``y`` (default 1) is a preset,
    e.g. ``ChainRuleDemo(y=0.0, w=3.0)``. Notebook 04.
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
                           (("b", "z"), "∂z/∂b = 1"), (("a", "L"), "∂L/∂a\n= 2(a − y)")):
            self.edge_text[edge].set_text(text)
        self.grad_text["L"].set_text("∂L/∂L = 1")
        self.figure.animate(*self.value_text.values(), self.edge_text[("z", "a")],
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
            ax.text(px, py, _NODE_LABEL.get(name, name), ha="center", va="center",
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
        a = float(sigmoid(z))
        ds = float(sigmoid_derivative(z))
        dL_da = 2.0 * (a - y)
        dL_dz = dL_da * ds
        return {"x": x, "w": w, "b": b, "z": z, "a": a, "L": (a - y) ** 2, "y": y,
                SIGMA_PRIME: ds, "dL/da": dL_da, "dL/dz": dL_dz, "dL/dw": dL_dz * x,
                "dL/db": dL_dz, "dL/dx": dL_dz * w, "dL/dL": 1.0}

    def draw(self):
        v = self.compute()
        for name in _NODES:
            self.value_text[name].set_text(f"{name} = {num(v[name])}")
            if name != "L":
                self.grad_text[name].set_text(f"∂L/∂{name} = {num(v['dL/d' + name])}")
        self.edge_text[("z", "a")].set_text(f"∂a/∂z = σ'(z)\n= {num(v[SIGMA_PRIME])}")
        self.readout.value = (
            r"$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\,"
            r"\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w} = 2(a-y)\,\sigma'(z)\,x$ "
            f"$= ({tex(v['dL/da'])})\\,({tex(v[SIGMA_PRIME])})\\,({tex(v['x'])})"
            f" = {tex(v['dL/dw'])}$<br>"
            r"$\frac{\partial L}{\partial b} = 2(a-y)\,\sigma'(z)\cdot 1"
            f" = {tex(v['dL/db'])}$<br>"
            + ("σ is saturated: σ'(z) ≈ 0, so almost no gradient flows back to w and b."
               if v[SIGMA_PRIME] < 1e-3 else
               "σ'(z) is at most 0.25 (at z = 0): ∂L/∂z is at most a quarter of ∂L/∂a."))


# ------------------------------------------------------------------------- gradient check

#: Article 004's example weights into the hidden layer, W1 (n_in = 2, n_out = 3): row 0 from
#: hours studied, row 1 from hours slept (the text lists .2, .6, .1, .8, .3, .7; which input each
#: goes with is our reading: 2·.2 + 9·.8 = 7.6, 2·.6 + 9·.3 = 3.9, 2·.1 + 9·.7 = 6.5).
EXAM_W1 = ((0.2, 0.6, 0.1), (0.8, 0.3, 0.7))
#: The output weights W2 (3, 1): ours. Article 004's text does not give them (its figure of the
#: whole calculation is not reproduced in the text). With the raw hours every hidden unit is
#: ≈ 1, so the article's 0.85 fixes only their sum (≈ 1.8); these three give 0.857.
EXAM_W2 = ((0.4,), (0.5,), (0.9,))


def exam_network():
    """Article 004's 2-3-1 sigmoid network without biases, set to its example weights.

    Returns ``MLP([2, 3, 1], bias=False)`` with ``params = [W1 (2, 3), W2 (3, 1)]`` =
    ``EXAM_W1``, ``EXAM_W2``. Notebook 04.
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


class GradCheckDemo(Demo):
    """Gradient checking, one weight at a time, on article 004's 2-3-1 exam-score network.

    For the chosen weight w (``weight``: 0-5 are W1[i, j] row by row, 6-8 are W2[j, 0]) and nudge
    ``eps`` (ε, log scale), the numerical slope (J(w + ε) − J(w − ε)) / 2ε is set beside the
    backprop gradient ∂J/∂w from ``MLP.backward`` and their relative error |a − b| / (|a| + |b|).
    Left: J along w with the backprop tangent and the numerical secant; right: the relative error
    against ε (too large: the secant stops following the curve; too small: rounding eats the
    difference). Data: ``load_exam_scores(scaled=True)``; weights: ``EXAM_W1``, ``EXAM_W2``.
    Notebook 04.
    """

    span = 2.0        # the cost curve covers w ± span

    def __init__(self, **presets):
        super().__init__(**presets)
        # three lines of linear formulas; the first and the last may each wrap once at the
        # narrowest output (580 px): about 95 px, measured in JupyterLab + Chromium (108 px even
        # at 480 px); 10 em = 130 px
        self.readout.layout.height = "10em"
        self.add_int("weight", "which weight", 0, 0, 8)
        self.add_log("eps", "nudge ε", 1e-4, 1e-10, 1.0, fmt=".0e")
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
        """J with weight k set to each of ``values`` (the others at the article's values)."""
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
        (self.curve,) = ax.plot([], [], color=BLUE, lw=2, label="J along this weight")
        (self.tangent,) = ax.plot([], [], color=RED, lw=1.8, label="backprop slope")
        (self.secant,) = ax.plot([], [], color=GREEN, lw=1.8, ls="--", label="numerical slope")
        (self.nudges,) = ax.plot([], [], "o", color=GREEN, ms=5)
        (self.point,) = ax.plot([], [], "o", color="black", ms=5)
        self.weight_text = ax.text(0.03, 0.04, "", transform=ax.transAxes, fontsize=10)
        ax.set_xlim(-self.span, self.span)
        ax.set_yticks([])       # each weight gets its own J scale (numbers: see below)
        plots.label(ax, "cost J along the chosen weight", "change of the weight, w − w₀",
                    "cost J")
        ax.legend(loc="upper right", fontsize=8)
        (self.error_line,) = ax2.loglog([], [], color=BLUE, lw=1.5)
        (self.error_point,) = ax2.loglog([], [], "o", color=RED, ms=7)
        ax2.axhspan(1e-17, 1e-7, color=GREEN, alpha=0.12, lw=0)
        ax2.axhspan(1e-4, 10, color=RED, alpha=0.12, lw=0)
        ax2.text(0.03, 0.04, "fine (≤ 1e-7)", transform=ax2.transAxes, fontsize=8, color=GREEN)
        ax2.text(0.03, 0.92, "a bug? (> 1e-4)", transform=ax2.transAxes, fontsize=8, color=RED)
        ax2.set_xlim(self.eps_grid[0] / 2, self.eps_grid[-1] * 2)
        ax2.set_ylim(1e-16, 2.0)
        plots.label(ax2, "relative error vs ε", "nudge ε", "relative error")
        self.figure.animate(self.curve, self.tangent, self.secant, self.nudges, self.point,
                            self.weight_text, self.error_line, self.error_point)
        self._drawn_weight = None

    def draw(self):
        k, eps = self.value("weight"), self.value("eps")
        g = self.backprop[k]
        slope, up, down = self.numerical_slope(k, eps)
        error = gradcheck.relative_error(slope, g)
        if k != self._drawn_weight:                     # the static part changes too
            self._draw_weight(k)
        self.secant.set_data(self.window, (up + down) / 2 + slope * self.window)
        self.nudges.set_data([-eps, eps], [down, up])
        self.error_point.set_data([eps], [max(error, 1e-16)])
        self.readout.value = (
            "numerical slope: "
            r"$n = \bigl(J(w+\varepsilon) - J(w-\varepsilon)\bigr) / 2\varepsilon$ "
            f"$= ({up:.12f} - {down:.12f}) / (2 \\cdot {tex(eps, 2)})$ $= {tex(slope, 6)}$"
            f"<br>backprop gradient: $g = \\partial J / \\partial w = {tex(g, 6)}$"
            f"<br>relative error: $|n - g| / (|n| + |g|) = {tex(error, 2)}$ — "
            + self.verdict(error, eps))

    def _draw_weight(self, k):
        """What depends on the chosen weight only: curve, tangent, y range, name."""
        ax, (grid, J) = self.figure.axes[0], self.curves[k]
        w, g = self.weight_value(k), self.backprop[k]
        self.window = np.array([-0.9 * self.span, 0.9 * self.span])
        self.curve.set_data(grid - w, J)
        self.tangent.set_data(self.window, self.J0 + g * self.window)
        self.point.set_data([0.0], [self.J0])
        pad = 0.15 * (J.max() - J.min()) + 1e-6
        ax.set_ylim(J.min() - pad, J.max() + 2 * pad)
        self.weight_text.set_text(f"{self.names[k]}, w₀ = {w:.1f}")
        self.error_line.set_data(self.eps_grid, np.maximum(self.errors_vs_eps[k], 1e-16))
        self._drawn_weight = k

    @staticmethod
    def verdict(error, eps):
        """A few words on a relative error (backprop itself is right here)."""
        if error <= 1e-7:
            return "they agree: backprop is right."
        if eps > 1e-3:
            why = "ε is too large: the secant no longer follows the curve (error grows like ε²)."
        elif eps < 1e-7:
            why = "ε is too small: J(w+ε) − J(w−ε) loses its digits to rounding (error ∝ 1/ε)."
        else:
            why = "the curve bends sharply here."
        return ("suspicious — " if error <= 1e-4 else "large — ") + why
