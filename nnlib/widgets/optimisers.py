"""Live demo and figure of notebook 05_optimisers.

* :class:`BowlDemo` — gradient descent, momentum or Adam on the narrow bowl
  J(θ) = ½(θ1² + 25 θ2²) from θ = (−4, 1), with sliders for α (log scale), momentum's β and Adam's
  β1, β2, and Play / Step / Reset. Top: the path over the contours (plain gradient descent with
  the same α dashed, for comparison). Bottom left: J per step on a log axis. Bottom right: the
  (α, β) plane of momentum on the steep axis (λ = 25) with its regions (creeps in smoothly /
  oscillates but converges / diverges) and the current setting marked. Divergence is detected
  and named on the plot.
* :func:`plot_loss_curves` — several optimisers' cost per epoch on one plot (the Iris run), with
  the epoch at which each first reaches a target cost.

The numbers (the bowl, the runs, momentum's convergence condition 0 < αλ < 2(1 + β)) come from
:mod:`nnlib.bowl` and :mod:`nnlib.optimizers`, numpy only; this module only draws.
"""

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LogNorm, to_rgb
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullLocator

from .. import bowl, optimizers, plots
from .._checks import choice, positive_number
from . import core

#: the optimisers of the demo, as nnlib names them, and how the text calls them
OPTIMIZERS = {"gd": "gradient descent", "momentum": "momentum", "adam": "Adam"}
#: a run "reaches the minimum" when J falls below this
TARGET = 1e-6
#: regime → (words on the plot, colour)
_REGIME_STYLE = {
    "smooth": ("creeps in smoothly", plots.PALETTE["green"]),
    "oscillates": ("oscillates but converges", plots.PALETTE["blue"]),
    "edge": ("oscillates for ever (edge)", plots.PALETTE["purple"]),
    "diverges": ("diverges", plots.PALETTE["vermillion"]),
}
_WHITE_BOX = dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="0.6", alpha=0.9)
_REF = "0.35"  # plain gradient descent, for comparison: dark grey, dashed


def _tex(x, digits=3):
    """A number for LaTeX: ``digits`` significant digits, powers of ten as × 10^k."""
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}"
    return text


def _pair(v, digits=3):
    return f"({_tex(v[0], digits)}, {_tex(v[1], digits)})"


def make_optimizer(name, lr, beta=0.9, beta1=0.9, beta2=0.999):
    """The ``nnlib.optimizers`` object of the demo: "gd", "momentum" (with β) or "adam"
    (with β1, β2). Notebook 05."""
    name = choice(name, "optimizer", OPTIMIZERS)
    if name == "gd":
        return optimizers.GradientDescent(lr)
    if name == "momentum":
        return optimizers.Momentum(lr, beta=beta)
    return optimizers.Adam(lr, beta1=beta1, beta2=beta2)


class BowlDemo(core.Demo):
    """Gradient descent, momentum and Adam on the narrow bowl J(θ) = ½(θ1² + 25 θ2²).

    Controls: ``optimizer`` ("gd", "momentum", "adam"), ``lr`` α (0.001 … 1, log scale),
    ``beta`` (momentum, 0 … 0.99), ``beta1`` and ``beta2`` (Adam), ``step`` k (0 … 200); Play /
    Step / Reset move k. Each setting's whole run is computed once (a few ms) and cached, so a
    slider move only updates artists. Notebook 05.
    """

    STEPS = 200
    T1_LIM, T2_LIM = (-5.0, 5.0), (-1.6, 1.6)
    J_LIM = (1e-12, 1e8)   # the cost panel's range: lower J runs off its bottom edge
    _J_DRAWN = (1e-300, 1e8)  # J as drawn: kept finite and positive for the log axis
    LR_RANGE = (1e-3, 1.0)
    BETA_MAX = 0.99

    def __init__(self, **presets):
        super().__init__(**presets)
        self.lambdas, self.theta0 = np.array(bowl.LAMBDAS), np.array(bowl.START)
        self.lam_steep = float(self.lambdas.max())
        name = choice(self.presets.get("optimizer", "momentum"), "optimizer", OPTIMIZERS)
        self.add_control("optimizer", widgets.Dropdown(
            options=[(label, key) for key, label in OPTIMIZERS.items()], value=name,
            description="optimiser", style=core.SLIDER_STYLE,
            layout=widgets.Layout(width="330px")))
        self.add_log("lr", "learning rate α", 0.07, *self.LR_RANGE)
        self.add_float("beta", "momentum β", 0.6, 0.0, self.BETA_MAX, 0.01)
        self.add_float("beta1", "Adam β1", 0.9, 0.0, self.BETA_MAX, 0.01)
        self.add_float("beta2", "Adam β2", 0.999, 0.0, 0.999, 0.001, fmt=".3f")
        self.add_int("step", "step k", self.STEPS, 0, self.STEPS)
        self.player = core.Player(self._step, self._reset, interval=100, max_steps=10_000)
        self.readout.layout.height = "6.6em"
        # dpi 100: an 800 px picture, so its legends and notes stay readable in the notebook
        self.figure = core.LiveFigure(2, 2, figsize=(8.0, 3.8), dpi=100)
        fig, axes = self.figure.fig, self.figure.axes
        grid = axes[0, 0].get_gridspec()
        grid.set_height_ratios([1.0, 1.1])
        for ax in axes[0]:
            ax.remove()
        top = fig.add_subplot(grid[0, :])
        self.ax_path, self.ax_cost, self.ax_map = top, axes[1, 0], axes[1, 1]
        self.figure.axes = np.array([top, axes[1, 0], axes[1, 1]])
        self._build_path(top)
        self._build_cost(self.ax_cost)
        self._build_map(self.ax_map)
        self._cache = {}
        self.update()

    # -- controls -------------------------------------------------------------------------
    def layout(self):
        """Two columns of controls (what every optimiser uses | the β's), then the figure."""
        width = widgets.Layout(width="400px")
        for name in ("lr", "step", "beta", "beta1", "beta2"):
            self.controls[name].layout = width
        left = widgets.VBox([self.controls[n] for n in ("optimizer", "lr", "step")]
                            + [self.player.box])
        right = widgets.VBox([self.controls[n] for n in ("beta", "beta1", "beta2")])
        return widgets.VBox([widgets.HBox([left, right]), self.figure.image, self.readout,
                             self.code_line])

    def _step(self):
        self.advance("step")

    def _reset(self):
        self.rewind("step")

    # -- figure ---------------------------------------------------------------------------
    def _build_path(self, ax):
        t1 = np.linspace(*self.T1_LIM, 201)
        t2 = np.linspace(*self.T2_LIM, 81)
        A, B = np.meshgrid(t1, t2)
        J = np.maximum(bowl.cost(np.stack([A, B], axis=-1), self.lambdas), 1e-9)
        ax.contour(A, B, J, levels=np.geomspace(0.05, 60, 10), cmap=plots.SURFACE_CMAP,
                   norm=LogNorm(), linewidths=0.8)
        (self.ref_line,) = ax.plot([], [], ls="--", lw=1.3, color=_REF, zorder=2,
                                   label="gradient descent, same α")
        self.ref_note = ax.text(0.0, 0.0, "", ha="center", va="center", fontsize=9,
                                color=_REF, zorder=6, bbox=_WHITE_BOX)
        self.ref_note.set_in_layout(False)
        (self.path_line,) = ax.plot([], [], "-o", ms=3, lw=1.4, color=plots.PALETTE["blue"],
                                    zorder=3, label="chosen optimiser")
        (self.current,) = ax.plot([], [], "o", ms=10, mfc="none", mew=2,
                                  color=plots.PALETTE["blue"], zorder=5)
        marks = (ax.plot(0, 0, "*", ms=15, color=plots.PALETTE["green"], mec="white", zorder=4,
                         label="minimum (0, 0)")
                 + ax.plot(*self.theta0, "s", ms=7, color=plots.PALETTE["black"], zorder=4,
                           label=f"start ({self.theta0[0]:g}, {self.theta0[1]:g})"))
        ax.set_xlim(*self.T1_LIM)
        ax.set_ylim(*self.T2_LIM)
        ax.set_aspect("equal")
        ax.set_anchor("W")  # the room the equal scales leave goes to the right, for the legend
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9.5)
        plots.label(ax, r"Path on $J = \frac{1}{2}(\theta_1^2 + 25\,\theta_2^2)$, equal scales",
                    r"$\theta_1$", r"$\theta_2$")
        ax.title.set_horizontalalignment("left")  # the title starts over the panel's left edge
        ax.title.set_x(0.0)
        self.path_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center",
                                 va="center", fontsize=15, fontweight="bold", zorder=6,
                                 color=plots.PALETTE["vermillion"], bbox=_WHITE_BOX)
        self.path_note.set_in_layout(False)
        self.figure.animate(self.ref_line, self.ref_note, self.path_line, self.current, *marks,
                            self.path_note)

    def _build_cost(self, ax):
        ax.set_yscale("log")
        ax.set_ylim(self.J_LIM[0] / 4, self.J_LIM[1] * 4)  # first: a log axis with no range warns
        (self.ref_cost,) = ax.plot([], [], ls="--", lw=1.4, color=_REF,
                                   label="gradient descent, same α")
        # the whole run: a wide pale band under the line of the steps so far, so that it still
        # shows (as a halo) once that line covers the whole run
        (self.cost_all,) = ax.plot([], [], ls="-", lw=6, alpha=0.3, solid_capstyle="butt",
                                   color=plots.PALETTE["blue"], label="whole run")
        (self.cost_done,) = ax.plot([], [], "-", lw=2.2, color=plots.PALETTE["blue"],
                                    label="up to step k")
        (self.cost_now,) = ax.plot([], [], "o", ms=7, color=plots.PALETTE["blue"])
        ax.axhline(TARGET, color=plots.PALETTE["black"], lw=0.9, ls=(0, (1, 3)),
                   label=r"target $J = 10^{-6}$")
        ax.set_xlim(0, self.STEPS)
        ax.set_ylim(self.J_LIM[0] / 4, self.J_LIM[1] * 4)
        ax.set_yticks([1e-12, 1e-6, 1.0, 1e6])  # every six decades: the target among them
        ax.yaxis.set_minor_locator(NullLocator())  # 20 decades of minor ticks: slow, unread
        ax.legend(loc="upper right", fontsize=9, handlelength=1.6, borderpad=0.3,
                  labelspacing=0.2)
        plots.label(ax, "", "step k", "cost J (log scale)")
        self.cost_note = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center",
                                 va="bottom", fontsize=10, fontweight="bold")
        self.cost_note.set_in_layout(False)  # its text changes: the layout must not
        self.figure.animate(self.ref_cost, self.cost_all, self.cost_done, self.cost_now,
                            self.cost_note)

    def _build_map(self, ax):
        """Momentum's regions on the steep axis λ = 25 in the (α, β) plane, drawn once."""
        lam = self.lam_steep
        alphas = np.geomspace(self.LR_RANGE[0] / 1.2, self.LR_RANGE[1] * 1.2, 240)
        betas = np.linspace(0.0, 0.995, 120)
        A, B = np.meshgrid(alphas, betas)
        names = bowl.momentum_regime(A, lam, B)
        code = np.select([names == "smooth", names == "oscillates"], [0, 1], 2)
        light = [0.55 * np.ones(3) + 0.45 * np.array(to_rgb(c)) for c in
                 (plots.PALETTE["green"], plots.PALETTE["sky"], plots.PALETTE["vermillion"])]
        filled = ax.contourf(A, B, code, levels=[-0.5, 0.5, 1.5, 2.5],
                             colors=light, hatches=["", "..", "//"])
        filled.set_edgecolor("0.45")  # the hatch lines: grey, so the labels stay readable
        filled.set_linewidth(0)
        ax.plot(bowl.momentum_lr_limit(lam, betas), betas, "-", color="black", lw=1.6)
        ax.plot((1 - np.sqrt(betas)) ** 2 / lam, betas, "--", color="black", lw=1.1)
        for (a, b), words in (((0.0017, 0.10), "smooth"), ((0.025, 0.3), "oscillates,\nconverges"),
                              ((0.35, 0.45), "diverges")):
            ax.text(a, b, words, ha="center", va="center", fontsize=10, fontweight="bold",
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none",
                              alpha=0.8))
        ax.text(0.16, 0.9, r"$\alpha = 2(1+\beta)/\lambda$", fontsize=9.5, ha="left",
                va="center", bbox=dict(boxstyle="round,pad=0.1", facecolor="white",
                                       edgecolor="none", alpha=0.8))
        ax.text(0.0011, 0.8, r"$\alpha = (1-\sqrt{\beta})^2/\lambda$ (dashed)", fontsize=9.5,
                ha="left", va="center", bbox=dict(boxstyle="round,pad=0.1", facecolor="white",
                                                  edgecolor="none", alpha=0.8))
        ax.set_xscale("log")
        ax.xaxis.set_minor_locator(NullLocator())
        # a margin beyond the slider's range: a marker at either end stays whole
        ax.set_xlim(self.LR_RANGE[0] / 1.2, self.LR_RANGE[1] * 1.2)
        ax.set_ylim(-0.04, 1.03)
        plots.label(ax, f"Momentum on the steep axis (λ = {lam:g})", "learning rate α (log)",
                    "momentum β")
        (self.map_point,) = ax.plot([], [], "X", ms=12, color=plots.PALETTE["black"],
                                    mec="white", mew=1.5, zorder=6)
        self.map_veil = ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes,
                                               facecolor="white", alpha=0.8, zorder=6))
        self.map_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                                fontsize=10.5, zorder=7, bbox=_WHITE_BOX)
        self.map_note.set_in_layout(False)
        self.figure.animate(self.map_point, self.map_veil, self.map_note)

    # -- the runs -------------------------------------------------------------------------
    def settings(self):
        """The current (optimizer, lr, beta, beta1, beta2) with the ones it ignores zeroed."""
        name, lr = self.value("optimizer"), float(self.value("lr"))
        beta = float(self.value("beta")) if name == "momentum" else 0.0
        b1, b2 = ((float(self.value("beta1")), float(self.value("beta2"))) if name == "adam"
                  else (0.0, 0.0))
        return name, lr, beta, b1, b2

    def run(self, name, lr, beta=0.0, beta1=0.0, beta2=0.0):
        """The whole run of one setting (a :class:`nnlib.bowl.Run`), computed once."""
        key = (name, float(lr), float(beta), float(beta1), float(beta2))
        if key not in self._cache:
            if len(self._cache) > 128:
                self._cache.clear()
            opt = make_optimizer(name, lr, beta, beta1, beta2)
            self._cache[key] = bowl.path(opt, self.STEPS, self.theta0, self.lambdas)
        return self._cache[key]

    def _outcome(self, run):
        """(words, colour, reached step or None) for a whole run."""
        reached = bowl.first_below(run.J, TARGET)
        if run.diverged_at is not None:
            return f"diverged at step {run.diverged_at}", plots.PALETTE["vermillion"], None
        if reached is not None:
            return f"J < 10⁻⁶ at step {reached}", plots.PALETTE["green"], reached
        return f"J = {run.J[-1]:.2g} after {self.STEPS} steps", plots.PALETTE["orange"], None

    # -- drawing --------------------------------------------------------------------------
    def draw(self):
        name, lr, beta, b1, b2 = self.settings()
        k = int(self.value("step"))
        for control, used in (("beta", name == "momentum"), ("beta1", name == "adam"),
                              ("beta2", name == "adam")):
            self.controls[control].disabled = not used
        run = self.run(name, lr, beta, b1, b2)
        ref = self.run("gd", lr) if name != "gd" else None
        n_ok = len(run.J)
        shown = min(k, n_ok - 1)
        theta = run.theta[:shown + 1]
        self.path_line.set_data(theta[:, 0], theta[:, 1])
        self.current.set_data([theta[-1, 0]], [theta[-1, 1]])
        steps = np.arange(n_ok)
        J = np.clip(run.J, *self._J_DRAWN)
        self.cost_all.set_data(steps, J)
        self.cost_done.set_data(steps[:shown + 1], J[:shown + 1])
        # the current step's marker: hidden once J is below the panel (the line has left it)
        below = J[shown] < self.J_LIM[0]
        self.cost_now.set_data(([], []) if below else ([shown], [J[shown]]))
        self._draw_reference(ref)
        blown = run.diverged_at is not None and k >= run.diverged_at
        self.path_note.set_text(f"diverged at step {run.diverged_at}" if blown else "")
        words, colour = self._cost_title(run, name, lr, beta)
        self.cost_note.set_text(f"{OPTIMIZERS[name]}: {words}")
        self.cost_note.set_color(colour)
        self._draw_map(name, lr, beta)
        self.readout.value = self._text(name, lr, beta, b1, b2, run, ref, k, shown, blown)

    def reference_path(self, ref):
        """The points of the comparison run drawn on the path panel: all of them, or, once the
        run leaves the panel, those up to the first point outside (the line is clipped at the
        edge) and that point's step; (theta (k, 2), step or None)."""
        (lo1, hi1), (lo2, hi2) = self.T1_LIM, self.T2_LIM
        t1, t2 = ref.theta[:, 0], ref.theta[:, 1]
        outside = np.flatnonzero((t1 < lo1) | (t1 > hi1) | (t2 < lo2) | (t2 > hi2))
        if outside.size == 0:
            return ref.theta, None
        return ref.theta[:outside[0] + 1], int(outside[0])

    def _draw_reference(self, ref):
        """Plain gradient descent with the same α, dashed: on the path panel only until it
        leaves the panel (then named there), on the cost panel until it blows up."""
        if ref is None:
            self.ref_line.set_data([], [])
            self.ref_cost.set_data([], [])
            self.ref_note.set_text("")
            return
        theta, left_at = self.reference_path(ref)
        self.ref_line.set_data(theta[:, 0], theta[:, 1])
        self.ref_cost.set_data(np.arange(len(ref.J)), np.clip(ref.J, *self._J_DRAWN))
        if left_at is None:
            self.ref_note.set_text("")
            return
        # the words sit inside the panel, just right of where the dashed line leaves it (clear
        # of the start, which is left of it), hanging from that edge: clear of the title above
        (lo1, hi1), (lo2, hi2) = self.T1_LIM, self.T2_LIM
        half = 2.1 if ref.diverged_at is not None else 3.6   # the box's half width, in θ1 units
        x = float(np.clip(theta[-2, 0] + 2.4, lo1 + half, hi1 - half))
        up = theta[-1, 1] > 0
        y = 0.9 * (hi2 if up else lo2)
        self.ref_note.set_verticalalignment("top" if up else "bottom")
        outcome = (f"diverged at step {ref.diverged_at}" if ref.diverged_at is not None
                   else f"diverging, off the panel from step {left_at}")
        self.ref_note.set_position((x, y))
        self.ref_note.set_text(f"gradient descent:\n{outcome}")

    def _cost_title(self, run, name, lr, beta):
        words, colour, reached = self._outcome(run)
        if run.diverged_at is None and reached is None and name != "adam":
            regime = bowl.momentum_regime(lr, self.lam_steep, beta)
            if regime in ("edge", "diverges"):
                words = ("oscillates for ever (edge)" if regime == "edge"
                         else "diverging (J grows)")
                colour = _REGIME_STYLE[regime][1]
        return words, colour

    def _draw_map(self, name, lr, beta):
        self.map_veil.set_visible(name == "adam")
        if name == "adam":
            self.map_point.set_data([], [])
            self.map_note.set_text("Adam is not on this map:\nits step on each axis is\n"
                                   "about α, whatever λ")
            return
        self.map_point.set_data([lr], [beta])
        self.map_note.set_text("")

    def _text(self, name, lr, beta, b1, b2, run, ref, k, shown, blown):
        """Three lines: the whole run against gradient descent, this step, the steep axis."""
        setting = {"gd": f"$\\alpha = {_tex(lr)}$",
                   "momentum": f"$\\alpha = {_tex(lr)}$, $\\beta = {beta:.2f}$",
                   "adam": f"$\\alpha = {_tex(lr)}$, $\\beta_1 = {b1:.2f}$, "
                           f"$\\beta_2 = {b2:.3f}$"}[name]
        words, _, _ = self._outcome(run)
        head = f"<b>{OPTIMIZERS[name]}</b>, {setting}: <b>{html.escape(words)}</b>"
        if ref is not None:
            ref_words, _, _ = self._outcome(ref)
            head += f"; gradient descent with the same α: {html.escape(ref_words)}"
        theta, J = run.theta[shown], run.J[shown]
        if blown:
            now = (f"step {k} of {self.STEPS}: <b>diverged at step {run.diverged_at}</b> — "
                   f"J passed $10^6$ × its start; last finite "
                   f"$\\theta = {_pair(theta)}$, $J = {_tex(J)}$")
        elif shown == 0:
            now = (f"step 0 of {self.STEPS}: the start $\\theta = {_pair(theta, 2)}$, "
                   f"$J = {J:.1f}$ — press Step or Play")
        else:
            g, move = run.G[shown - 1], theta - run.theta[shown - 1]
            now = (f"step {shown} of {self.STEPS}: gradient $g = {_pair(g)}$, this step "
                   f"moved $\\theta$ by $\\Delta\\theta = {_pair(move)}$ to "
                   f"${_pair(theta)}$, $J = {_tex(J)}$")
        return f"{head}<br>{now}<br>{self._steep_axis(name, lr, beta, run, shown)}"

    def _steep_axis(self, name, lr, beta, run, shown):
        lam = self.lam_steep
        if name == "adam":
            if shown == 0:
                return ("Adam divides each coordinate's step by the root mean square of its "
                        "recent gradients: the first step is α on each axis, whatever λ")
            move = np.abs(run.theta[shown] - run.theta[shown - 1]) / lr
            return (f"Adam: this step is ${move[0]:.2f}\\,\\alpha$ along $\\theta_1$ and "
                    f"${move[1]:.2f}\\,\\alpha$ along the 25 times steeper $\\theta_2$")
        regime = bowl.momentum_regime(lr, lam, beta)
        rho = bowl.momentum_rate(lr, lam, beta)
        limit = bowl.momentum_lr_limit(lam, beta)
        rule = "2(1 + \\beta)" if name == "momentum" else "2"
        return (f"steep axis ($\\lambda_2 = {lam:g}$): $\\alpha\\lambda_2 = {lr * lam:.3g}$, "
                f"limit ${rule} = {limit * lam:.3g}$ ($\\alpha &lt; {limit:.3g}$): "
                f"<b>{_REGIME_STYLE[regime][0]}</b>, distance × {rho:.3g} per step")

    def description(self):
        """The picture in words (no formulas): what ran, how fast it got there against plain
        gradient descent with the same α, and what the steep axis does."""
        name, lr, beta, b1, b2 = self.settings()
        run = self.run(name, lr, beta, b1, b2)
        words, _, reached = self._outcome(run)
        what = {"gd": f"Gradient descent with α = {lr:.3g}",
                "momentum": f"Momentum with α = {lr:.3g} and β = {beta:.2f}",
                "adam": f"Adam with α = {lr:.3g}, β1 = {b1:.2f}, β2 = {b2:.3f}"}[name]
        text = (f"{what} on the bowl J = ½(θ1² + 25 θ2²) from θ = (−4, 1), "
                f"{int(self.value('step'))} of {self.STEPS} steps drawn: {words}")
        if name != "gd":
            ref_words, _, ref_reached = self._outcome(self.run("gd", lr))
            text += f"; plain gradient descent with the same α (dashed): {ref_words}"
            if reached and ref_reached:
                text += f", {ref_reached / reached:.1f} times as many steps"
        if name == "adam":
            return text + ". Adam is not on the map of momentum's regions."
        regime = bowl.momentum_regime(lr, self.lam_steep, beta)
        limit = bowl.momentum_lr_limit(self.lam_steep, beta)
        who = "gradient descent" if name == "gd" else f"momentum with β = {beta:.2f}"
        return (f"{text}. On the steep axis θ2 (λ = 25) it {_REGIME_STYLE[regime][0]}: {who} "
                f"converges there for α below {limit:.3g}, and the distance along θ2 is "
                f"multiplied by {bowl.momentum_rate(lr, self.lam_steep, beta):.3g} per step "
                f"in the long run.")


# --------------------------------------------------------------------------- static figure

_STYLES = ({"ls": "-", "marker": None}, {"ls": "--", "marker": None},
           {"ls": "-.", "marker": None}, {"ls": ":", "marker": None})
_LS_WORDS = {"--": "dashed", "-.": "dash-dotted", ":": "dotted"}


def plot_loss_curves(curves, target=None, title="Cost per epoch", ylabel="cost J (log scale)"):
    """Several runs' cost per epoch on one plot (log axis): one line per run, each with its own
    colour *and* line style; with ``target``, a dotted line at that cost and a marker where each
    run first gets below it.

    ``curves``: dict label → sequence of costs (index 0 = epoch 1, e.g. ``History.loss``).
    The figure's text alternative (:func:`nnlib.plots.describe`) gives, per run, the epoch at
    which it first gets below ``target`` and its last cost. Returns the figure; end the cell
    with ``plt.show()``. Notebook 05.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"curves must be a non-empty dict label → costs; received {curves!r:.60}")
    if target is not None:
        target = positive_number(target, "target")
    fig, ax = plots.new_figure(figsize=(7.5, 3.8))
    markers = plots.CLASS_MARKERS
    words = []
    for i, (label, J) in enumerate(curves.items()):
        J = np.asarray(J, dtype=float)
        colour, style = plots.CLASS_COLORS[i % 6], _STYLES[i % len(_STYLES)]
        epochs = np.arange(1, len(J) + 1)
        ax.plot(epochs, J, ls=style["ls"], lw=2, color=colour, label=label)
        said = f"{label} ({'solid' if style['ls'] == '-' else _LS_WORDS[style['ls']]})"
        if target is not None:
            k = bowl.first_below(J, target)
            if k is not None:
                ax.plot(epochs[k], J[k], markers[i % 6], ms=9, color=colour, mec="black",
                        zorder=4)
                ax.annotate(f"{epochs[k]}", (epochs[k], J[k]), textcoords="offset points",
                            xytext=(4, 6), fontsize=9, color="black")
                said += f": J first below {target:g} at epoch {epochs[k]}"
            else:
                said += f": J never below {target:g}"
        words.append(f"{said}, J = {J[-1]:.2g} at epoch {len(J)}.")
    if target is not None:
        ax.axhline(target, color="black", lw=1, ls=(0, (1, 3)), label=f"target J = {target:g}")
    ax.set_yscale("log")
    ax.legend(loc="upper right")
    plots.label(ax, title, "epoch", ylabel)
    plots.describe(fig, f"{title}, on a log axis, one line per run. " + " ".join(words))
    return fig
