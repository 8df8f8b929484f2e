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

from .. import datasets, plots
from ..activations import sigmoid, sigmoid_derivative
from ..mlp import MLP
from .core import Demo, LiveFigure

__all__ = ["ChainRuleDemo", "GradCheckDemo", "relative_error", "EXAM_W1", "EXAM_W2",
           "exam_network"]

BLUE, RED, GREEN, GREY = (plots.PALETTE["blue"], plots.PALETTE["vermillion"],
                          plots.PALETTE["green"], "#555555")


def num(v):
    """A number as a person would write it: 3 decimals, or scientific when tiny or huge."""
    v = float(v)
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        return f"{v:.3f}"
    return f"{v:.2e}"


def relative_error(a, b):
    """|a − b| / (|a| + |b|), element-wise, and 0 where both are 0 (nothing to disagree on).

    The measure of a gradient check: ≈1e-7 or less is fine in float64, above 1e-4 means a bug.
    Notebook 04.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.abs(a) + np.abs(b)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, np.abs(a - b) / np.where(scale > 0, scale, 1.0), 0.0)


# ------------------------------------------------------------------------------ chain rule

# node name → (x, y) position on a 10 × 6 canvas
_NODES = {"x": (1.0, 5.0), "w": (1.0, 3.0), "b": (1.0, 1.0),
          "z": (4.2, 3.0), "a": (6.6, 3.0), "L": (9.0, 3.0)}
_EDGES = [("x", "z"), ("w", "z"), ("b", "z"), ("z", "a"), ("a", "L")]
SIGMA_PRIME = "sigma'"
_NODE_LABEL = {"z": "z = wx + b", "a": "a = σ(z)", "L": "L = (a − y)²"}


class ChainRuleDemo(Demo):
    """One neuron as a computation graph with its forward values and backward gradients.

    Forward: z = w·x + b, a = σ(z), L = (a − y)². Backward, by the chain rule:
    ∂L/∂a = 2(a − y); ∂L/∂z = ∂L/∂a · σ'(z); ∂L/∂w = ∂L/∂z · x; ∂L/∂b = ∂L/∂z · 1;
    ∂L/∂x = ∂L/∂z · w. Controls: ``w``, ``b``, ``x``; the target ``y`` (default 1) is a preset,
    e.g. ``ChainRuleDemo(y=0.0, w=3.0)``. Notebook 04.
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        self.y = float(self.presets.get("y", 1.0))
        if not np.isfinite(self.y):
            raise ValueError(f"y must be a finite number; received {self.y!r}")
        self.add_float("w", "weight w", 0.5, -4.0, 4.0, 0.05)
        self.add_float("b", "bias b", 0.0, -4.0, 4.0, 0.05)
        self.add_float("x", "input x", 1.5, -3.0, 3.0, 0.05)
        self.figure = LiveFigure(figsize=(7.5, 3.6))
        self._build(self.figure.axes)
        self.update()

    def _build(self, ax):
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 6.2)
        ax.axis("off")
        ax.set_title(f"One neuron, target y = {num(self.y)}:  forward values (blue) →,"
                     "  gradients ∂L/∂· (vermillion) ←", fontsize=11)
        for start, end in _EDGES:
            (x0, y0), (x1, y1) = _NODES[start], _NODES[end]
            ax.annotate("", xy=(x1 - 0.75, y1 + 0.25 * np.sign(y0 - y1)), xytext=(x0 + 0.6, y0),
                        arrowprops={"arrowstyle": "-|>", "color": GREY, "lw": 1.2})
        box = {"boxstyle": "round,pad=0.35", "fc": "white", "ec": GREY}
        self.value_text, self.grad_text, self.edge_text = {}, {}, {}
        for name, (px, py) in _NODES.items():
            ax.text(px, py + 0.35, _NODE_LABEL.get(name, name), ha="center", va="bottom",
                    fontsize=10, fontweight="bold", bbox=box)
            self.value_text[name] = ax.text(px, py - 0.05, "", ha="center", va="top",
                                            color=BLUE, fontsize=10)
            self.grad_text[name] = ax.text(px, py - 0.45, "", ha="center", va="top",
                                           color=RED, fontsize=10)
        # the local derivative written on each edge
        spots = {("x", "z"): (2.6, 4.55), ("w", "z"): (2.6, 3.2), ("b", "z"): (2.6, 1.55),
                 ("z", "a"): (5.4, 3.2), ("a", "L"): (7.8, 3.2)}
        for edge, (px, py) in spots.items():
            self.edge_text[edge] = ax.text(px, py, "", ha="center", va="bottom", fontsize=9,
                                           color=GREY)
        ax.text(5.0, 0.15, "on each arrow: the local derivative; each red number = "
                "the red number to its right × the arrow's factor", ha="center", fontsize=8.5,
                color=GREY)

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
            self.grad_text[name].set_text(f"∂L/∂{name} = {num(v['dL/' + name])}")
        self.edge_text[("x", "z")].set_text(f"∂z/∂x = w = {num(v['w'])}")
        self.edge_text[("w", "z")].set_text(f"∂z/∂w = x = {num(v['x'])}")
        self.edge_text[("b", "z")].set_text("∂z/∂b = 1")
        self.edge_text[("z", "a")].set_text(f"σ'(z) = {num(v[SIGMA_PRIME])}")
        self.edge_text[("a", "L")].set_text(f"∂L/∂a = 2(a − y) = {num(v['dL/da'])}")
        self.readout.value = (
            r"$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\,"
            r"\frac{\partial a}{\partial z}\,\frac{\partial z}{\partial w} = 2(a-y)\,\sigma'(z)\,x"
            f" = ({num(v['dL/da'])})\\,({num(v[SIGMA_PRIME])})\\,({num(v['x'])})"
            f" = {num(v['dL/dw'])}$<br>"
            r"$\frac{\partial L}{\partial b} = 2(a-y)\,\sigma'(z)\cdot 1"
            f" = {num(v['dL/db'])}$"
            + ("  — σ is saturated: σ'(z) ≈ 0, so almost no gradient flows back."
               if v[SIGMA_PRIME] < 1e-3 else ""))
