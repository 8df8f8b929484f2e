"""Live demos of notebook 01_perceptron: activations, the decision line, the perceptron rule.

* :class:`ActivationDemo` — a slider on z moves a marker along step, sigmoid, tanh and ReLU.
* :class:`LineDemo` — sliders for w1, w2 and b move the line w1·x1 + w2·x2 + b = 0 over the
  table of four people; each person is coloured by the neuron's output, mistakes ringed.
* :class:`TrainDemo` — ``nnlib.Perceptron`` trained one sample at a time (Step / Play / Reset),
  the line moving with each update; a learning-rate slider; ``dataset="xor"`` shows it failing.
  ``TrainDemo().finish()`` shows the end of the whole run (what the notebook stores).

Every demo is a :class:`nnlib.widgets.core.Demo`: keyword arguments are teacher presets
(``LineDemo(w1=-1, w2=-1, b=0)``, ``TrainDemo(lr=0.001)``) and ``demo.as_code()`` gives them back.
Each demo's :meth:`description` says in words, with the current numbers, what its picture shows
(the text stored with the picture, and its alt text).
"""


import matplotlib as mpl
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from .. import activations, datasets, plots
from .._checks import as_float_array, as_vector, choice
from ..perceptron import Perceptron
from .core import Demo, LiveFigure, Player

#: The four people's features after the shift (weight − 135 lb, height − 66 in).
GENDER_AXES = ("x₁ = weight − 135 (lb)", "x₂ = height − 66 (in)")
#: the XOR table: output 1 when exactly one input is 1
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])

#: (xlim, ylim, (grid step in x, in y)) of each table's scatter
_GENDER_VIEW = ((-22.0, 32.0), (-9.0, 9.0), (10.0, 2.0))
_XOR_VIEW = ((-0.6, 1.6), (-0.6, 1.6), (0.5, 0.5))


def decision_line(w, b, xlim, ylim):
    """The part of the line w1·x1 + w2·x2 + b = 0 inside the box ``xlim`` × ``ylim``.

    w: (2,), b: a number, xlim/ylim: (lo, hi). Returns ``(xs, ys)``, two arrays of 2 points
    (the segment's ends), or two empty arrays when the line misses the box or does not exist
    (w1 = w2 = 0: then z = b for every point and there is no line). Notebook 01_perceptron.
    """
    w = as_vector(w, "w", length=2)
    b = float(as_float_array(b, "b"))
    (x_lo, x_hi), (y_lo, y_hi) = as_vector(xlim, "xlim", 2), as_vector(ylim, "ylim", 2)
    ends = []
    if w[1] != 0:  # where the line crosses the left and right edges
        ends += [(x, -(w[0] * x + b) / w[1]) for x in (x_lo, x_hi)]
    if w[0] != 0:  # ... and the bottom and top edges
        ends += [(-(w[1] * y + b) / w[0], y) for y in (y_lo, y_hi)]
    tol = 1e-9 * max(x_hi - x_lo, y_hi - y_lo)
    inside = [(x, y) for x, y in ends
              if x_lo - tol <= x <= x_hi + tol and y_lo - tol <= y <= y_hi + tol]
    if len(inside) < 2:
        return np.array([]), np.array([])
    pts = np.array(inside)
    d = ((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1)
    i, j = np.unravel_index(int(np.argmax(d)), d.shape)
    return pts[[i, j], 0], pts[[i, j], 1]


def half_plane(w, b, xlim, ylim):
    """The part of the box ``xlim`` × ``ylim`` where w1·x1 + w2·x2 + b ≥ 0 (the neuron says 1).

    Returns a (k, 2) array of polygon corners (k = 0 when no point of the box is on that side,
    k = 4 when all of it is). Used to shade the neuron's two regions. Notebook 01_perceptron.
    """
    w = as_vector(w, "w", length=2)
    b = float(as_float_array(b, "b"))
    (x_lo, x_hi), (y_lo, y_hi) = as_vector(xlim, "xlim", 2), as_vector(ylim, "ylim", 2)
    box = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])
    z = box @ w + b
    corners = []
    for k in range(4):  # walk the edges; keep corners on the 1-side and the crossings
        p, q, zp, zq = box[k], box[(k + 1) % 4], z[k], z[(k + 1) % 4]
        if zp >= 0:
            corners.append(p)
        if (zp >= 0) != (zq >= 0):
            corners.append(p + (q - p) * zp / (zp - zq))
    return np.array(corners).reshape(-1, 2)


def _num(v, fmt=".2f"):
    """A number for LaTeX: parenthesised when negative, no '-0.00'."""
    s = f"{v:{fmt}}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return f"({s})" if s.startswith("-") else s


def _u(v, fmt=".2f"):
    """A number for plain text: a real minus sign, no '-0.00'."""
    s = f"{v:{fmt}}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return s.replace("-", "−")


def _list_counts(counts, head=8, tail=4):
    """'4, 4, 2, 0', or for a long run the first ``head`` and last ``tail`` with '…' between."""
    counts = [str(int(c)) for c in counts]
    if len(counts) > head + tail + 1:
        counts = counts[:head] + ["…"] + counts[-tail:]
    return ", ".join(counts)


def _people_words(w, b, view, z, y_hat):
    """The neuron (w, b) on the table, in words: its line and each person's z, ŷ and y."""
    line = (f"The line {_u(w[0])}·x₁ {'−' if w[1] < 0 else '+'} {_u(abs(w[1]))}·x₂ "
            f"{'−' if b < 0 else '+'} {_u(abs(b))} = 0")
    if w[0] == 0 and w[1] == 0:
        line = f"No line (w₁ = w₂ = 0): z = b = {_u(b)} for everyone"
    people = "; ".join(f"{n}: z = {_u(zi)}, ŷ = {yh}, y = {yi}{'' if yh == yi else ' (mistake)'}"
                       for n, zi, yh, yi in zip(view.names, z, y_hat, view.y))
    wrong = [n for n, yh, yi in zip(view.names, y_hat, view.y) if yh != yi]
    verdict = (f"{len(wrong)} mistake{'s' if len(wrong) != 1 else ''}"
               + (f" ({', '.join(wrong)})" if wrong else ": everyone right"))
    return f"{line}. {verdict}. {people}."


#: how the rings are drawn: a mistake (dashed black) and the point just shown (solid green)
_MISTAKE_RING = dict(edgecolors=plots.PALETTE["black"], linewidths=1.8, linestyle="--")
_SHOWN_RING = dict(edgecolors=plots.PALETTE["green"], linewidths=3, linestyle="-")


def _ring_key(ax, style, label):
    """A legend entry drawn like a ring of ``style`` (edge colour, width, dash), at legend
    size: a proxy scatter made on ``ax`` and removed again, so it is never drawn there."""
    proxy = ax.scatter([], [], s=150, facecolors="none", label=label, **style)
    proxy.remove()
    return proxy


def _g(v):
    """A number in 3 significant digits, rounding float noise (1e-16) and '-0' to 0."""
    v = round(float(v), 10)
    return f"{v:.3g}" if v != 0 else "0"


def _table(dataset):
    choice(dataset, "dataset", ("gender", "xor"))
    if dataset == "xor":
        return XOR_X, XOR_Y, ["(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)"], _XOR_VIEW
    X, y, names = datasets.load_gender_table()
    return X, y, list(names), _GENDER_VIEW


def _grid_over(ax, xlim, ylim, steps):
    """The axes' grid as one artist that can be drawn above the moving region.

    LiveFigure pastes a cached background (which would hold the usual grid) and then draws
    the moving artists, so the region would hide an ordinary grid, whatever the zorders. So
    the ticks are fixed here (every ``steps`` = (dx, dy)) and their grid drawn as a
    LineCollection at zorder 1 that is animated too: above the region (0), below the decision
    line (2). A little darker than the course's grid, which is made for a white background.
    """
    xt, yt = (np.arange(np.ceil(lo / d) * d, hi + 1e-9, d) for (lo, hi), d in
              zip((xlim, ylim), steps))
    ax.set_xticks(xt)
    ax.set_yticks(yt)
    ax.grid(False)
    segments = ([[(t, ylim[0]), (t, ylim[1])] for t in xt]
                + [[(xlim[0], t), (xlim[1], t)] for t in yt])
    return ax.add_collection(LineCollection(
        segments, colors=mpl.rcParams["grid.color"], alpha=0.45,
        linewidths=mpl.rcParams["grid.linewidth"], zorder=1), autolim=False)


class _PeopleView:
    """The scatter shared by LineDemo and TrainDemo: region, line, points, mistakes, names."""

    def __init__(self, ax, X, y, names, view, dataset):
        self.X, self.y, self.names = X, y, names
        self.xlim, self.ylim, steps = view
        light = plots.region_cmap(2).colors
        ax.set_facecolor(light[0])  # the neuron says 0 ...
        self.region = ax.add_patch(Polygon(np.zeros((0, 2)), closed=True, fc=light[1],
                                           ec="none", zorder=0))  # ... except here: 1
        (self.line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2, zorder=2)
        self.points = []
        for k in (0, 1):
            pts = X[y == k]
            self.points.append(ax.scatter(pts[:, 0], pts[:, 1], s=90, marker=plots.CLASS_MARKERS[k],
                                          c=[plots.CLASS_COLORS[k]] * len(pts),
                                          edgecolors="black", linewidths=0.8, zorder=4))
        self.rings = ax.scatter([], [], s=420, facecolors="none", zorder=3, **_MISTAKE_RING)
        dx = 0.025 * (self.xlim[1] - self.xlim[0])
        self.labels = [ax.text(x0 + dx, x1 + dx, name, fontsize=9, zorder=5,
                               bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none",
                                         alpha=0.7)) for (x0, x1), name in zip(X, names)]
        self.status = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom",
                              fontsize=10, zorder=6,
                              bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.6"))
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        self.grid = _grid_over(ax, self.xlim, self.ylim, steps)
        #: what changes from one neuron to the next (for LiveFigure.animate); the grid and the
        #: names are not moving, but they must be drawn above the moving region
        self.artists = [self.region, self.grid, self.line, *self.points, self.rings,
                        *self.labels, self.status]
        if dataset == "xor":
            plots.label(ax, "", "x₁", "x₂")
        else:
            plots.label(ax, "", *GENDER_AXES)

    def show(self, w, b):
        """Draw the neuron (w, b): region, line, colours by output, mistakes. Returns (z, ŷ)."""
        z = self.X @ w + b
        y_hat = activations.step(z).astype(int)
        self.region.set_xy(half_plane(w, b, self.xlim, self.ylim))
        self.line.set_data(*decision_line(w, b, self.xlim, self.ylim))
        for k in (0, 1):
            self.points[k].set_facecolors([plots.CLASS_COLORS[v] for v in y_hat[self.y == k]])
        wrong = y_hat != self.y
        self.rings.set_offsets(self.X[wrong] if wrong.any() else np.empty((0, 2)))
        self.status.set_text(self._status(w, b))
        self.status.set_visible(bool(self.status.get_text()))
        return z, y_hat

    def _status(self, w, b):
        if w[0] == 0 and w[1] == 0:
            return f"w₁ = w₂ = 0: no line\nz = b = {b:.2f} for everyone, so ŷ = {int(b >= 0)}"
        if self.line.get_xdata().size == 0:
            corner = np.array([self.xlim[0], self.ylim[0]])  # any point of the view will do
            side = int(corner @ w + b >= 0)
            return f"the line is outside this view:\neveryone here gets ŷ = {side}"
        return ""

    def key(self, ax, shown=False):
        """The legend's entries: colour = what the neuron says, shape = the truth, a dashed
        ring = a mistake; with ``shown``, also the green ring of the point just shown."""
        c, mk = plots.CLASS_COLORS, plots.CLASS_MARKERS
        truth = (" (female)", " (male)") if self.names[0] == "Alice" else ("", "")
        handles = [Patch(fc=c[1], ec="black", label="neuron says 1"),
                   Patch(fc=c[0], ec="black", label="neuron says 0"),
                   Line2D([], [], ls="", marker=mk[1], mfc="white", mec="black",
                          label="truly 1" + truth[0]),
                   Line2D([], [], ls="", marker=mk[0], mfc="white", mec="black",
                          label="truly 0" + truth[1]),
                   _ring_key(ax, _MISTAKE_RING, "mistake")]
        if shown:
            handles.append(_ring_key(ax, _SHOWN_RING, "point just shown"))
        return handles

    def legend(self, ax, **kwargs):
        """The key of :meth:`key` as the axes' legend."""
        return ax.legend(handles=self.key(ax), **kwargs)

    def words_near_line(self, w, b, z):
        """'Alice sits almost on the line (z = 0.13): ...' for the point closest to the line
        when it is within 3 % of the frame (measured in the picture, each axis scaled to its
        range), else ''; so a reader of the picture does not take it for a mistake."""
        xr, yr = self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0]
        norm = float(np.hypot(w[0] * xr, w[1] * yr))  # |z| / norm = distance in the frame
        if norm == 0:
            return ""
        i = int(np.argmin(np.abs(z)))
        if abs(z[i]) / norm > 0.03:
            return ""
        said = int(z[i] >= 0)
        verdict = "right" if said == self.y[i] else "a mistake"
        if abs(z[i]) < 0.005:
            return (f" {self.names[i]} sits on the line (z = 0): z ≥ 0 counts as ŷ = 1, "
                    f"so {verdict}.")
        return (f" {self.names[i]} sits almost on the line (z = {_u(z[i])}): just on its "
                f"ŷ = {said} side, so {verdict}.")


class ActivationDemo(Demo):
    """A slider on z moves a marker along step, sigmoid, tanh and ReLU; the readout fills in
    each g(z). Controls: ``z`` (default 0.5, range −6 … 6). Notebook 01_perceptron."""

    NAMES = ("step", "sigmoid", "tanh", "relu")
    TITLES = ("step(z)", "sigmoid σ(z)", "tanh(z)", "ReLU(z)")

    def __init__(self, **presets):
        super().__init__(**presets)
        z = self.add_float("z", "z (weighted sum)", 0.5, -6.0, 6.0, 0.1)
        self.readout.layout.height = "8.5em"
        self.figure = LiveFigure(2, 2, figsize=(7.5, 3.4))
        zs = np.linspace(z.min, z.max, 401)
        self.markers, self.guides = [], []
        for k, (ax, name, title) in enumerate(zip(self.figure.axes.flat, self.NAMES, self.TITLES)):
            g = activations.get(name).f
            ax.plot(zs, g(zs), color=plots.CLASS_COLORS[k], lw=2)
            self.guides.append(ax.axvline(0.0, color="0.4", ls=":", lw=1))
            (m,) = ax.plot([], [], "o", ms=9, color=plots.PALETTE["black"], zorder=4)
            self.markers.append(m)
            lo, hi = (-0.05 * z.max, 1.05 * z.max) if name == "relu" else (-1.15, 1.15)
            ax.set_ylim(lo, hi)
            pad = 0.04 * (z.max - z.min)  # room for the dot at either end
            ax.set_xlim(z.min - pad, z.max + pad)
            plots.label(ax, title, "z" if k >= 2 else "", "g(z)" if k % 2 == 0 else "")
        self.figure.animate(*self.markers, *self.guides)
        self.update()

    def draw(self):
        z = float(self.value("z"))
        out = {name: float(activations.get(name).f(np.array([z]))[0]) for name in self.NAMES}
        for name, m, guide in zip(self.NAMES, self.markers, self.guides):
            m.set_data([z], [out[name]])
            guide.set_xdata([z, z])
        zs, za = _num(z), f"{z:.2f}"
        rule = r"z \ge 0" if z >= 0 else "z < 0"
        self.readout.value = "<br>".join([
            rf"$\mathrm{{step}}({za}) = {out['step']:.0f}$ &nbsp; (because ${rule}$)",
            # one line per function (fractions written with a slash keep the readout short
            # enough for a slide, under a figure)
            rf"$\sigma({za}) = 1 / (1 + e^{{-{zs}}}) = {out['sigmoid']:.3f}$",
            rf"$\tanh({za}) = (e^{{{zs}}} - e^{{-{zs}}}) / (e^{{{zs}}} + e^{{-{zs}}}) "
            rf"= {out['tanh']:.3f}$",
            rf"$\mathrm{{ReLU}}({za}) = \max(0, {za}) = {out['relu']:.3f}$"])
        self._words = (
            f"At z = {_u(z)}: step(z) = {out['step']:.0f} (because z {'≥' if z >= 0 else '<'} 0), "
            f"σ(z) = 1/(1 + e^({_u(-z)})) = {_u(out['sigmoid'], '.3f')}, "
            f"tanh(z) = {_u(out['tanh'], '.3f')}, ReLU(z) = max(0, {_u(z)}) = "
            f"{_u(out['relu'], '.3f')}. The step jumps from 0 to 1 at z = 0; sigmoid (0 to 1) "
            "and tanh (−1 to 1) change smoothly and flatten out at both ends; ReLU is 0 for "
            "z < 0 and grows without limit above 0.")

    def description(self):
        """The four outputs at the current z, in words (the stored picture's text)."""
        return getattr(self, "_words", None) or super().description()


class LineDemo(Demo):
    """Sliders for w1, w2 and b move the decision line over the table's four people.

    The neuron: z = w1·x1 + w2·x2 + b, ŷ = step(z). Each person is filled with the colour of
    ŷ (shape = true class) and ringed when ŷ ≠ y; the readout writes z out for each person.
    Controls: ``w1``, ``w2`` (default 0.2, −1; range −2 … 2), ``b`` (default 2; −20 … 20).
    Notebook 01_perceptron.
    """

    def __init__(self, **presets):
        super().__init__(**presets)
        self.add_float("w1", "w₁ (weight)", 0.2, -2.0, 2.0, 0.05)
        self.add_float("w2", "w₂ (height)", -1.0, -2.0, 2.0, 0.05)
        self.add_float("b", "b (bias)", 2.0, -20.0, 20.0, 0.5)
        self.readout.layout.height = "9em"
        X, y, names, view = _table("gender")
        self.figure = LiveFigure(figsize=(7.5, 3.5))
        ax = self.figure.axes
        self.view = _PeopleView(ax, X, y, names, view, "gender")
        self.view.legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        ax.set_title("The neuron's line: w₁x₁ + w₂x₂ + b = 0")
        self.figure.animate(*self.view.artists)
        self.update()

    def draw(self):
        w = np.array([self.value("w1"), self.value("w2")], dtype=float)
        b = float(self.value("b"))
        z, y_hat = self.view.show(w, b)
        rows = []
        for name, x, zi, yh, yi in zip(self.view.names, self.view.X, z, y_hat, self.view.y):
            mark = "✓" if yh == yi else "✗ <b>mistake</b>"
            rows.append(rf"{name}: $z = {_num(w[0])}\cdot{_num(x[0], 'g')} + "
                        rf"{_num(w[1])}\cdot{_num(x[1], 'g')} + {_num(b)} = {zi:.2f}$ "
                        rf"→ $\hat y = {yh}$, $y = {yi}$ {mark}")
        n_wrong = int((y_hat != self.view.y).sum())
        head = (rf"$z = w_1 x_1 + w_2 x_2 + b$, $\hat y = \mathrm{{step}}(z)$: "
                f"<b>{n_wrong} mistake{'s' if n_wrong != 1 else ''}</b>")
        self.readout.value = "<br>".join([head] + rows)
        self._words = _people_words(w, b, self.view, z, y_hat)

    def description(self):
        """The line, what the neuron says about each person, and the mistakes, in words."""
        return getattr(self, "_words", None) or super().description()


class TrainDemo(Demo):
    """``nnlib.Perceptron`` trained one sample at a time, the line moving with each update.

    Each *Step* shows one sample x (highlighted) to the neuron and applies the perceptron rule
    w ← w + α (y − ŷ) x, b ← b + α (y − ŷ), with this step's numbers in the readout; *Play*
    repeats it, *Reset* goes back to the start. Samples are visited in order, epoch after epoch,
    until an epoch passes without a mistake (or ``max_steps``). The whole run is computed when α
    changes (moving α replays the same number of steps with the new rate); only that
    run is kept.

    Presets: ``dataset`` ("gender" — the table's four people — or "xor"), ``start`` =
    (w1, w2, b), the neuron before training (default (1, 1, 0): every person wrong), ``lr`` (log
    slider 0.001 … 1; default 0.01 for gender, 0.1 for XOR), ``max_steps`` (default 200).
    :meth:`finish` jumps to the end of the run (``TrainDemo().finish()``: the trained neuron and
    every epoch's mistakes); once there, a new α shows the end of its own run at once.
    Notebook 01_perceptron.
    """

    def __init__(self, dataset="gender", start=(1.0, 1.0, 0.0), max_steps=200, **presets):
        super().__init__(**presets)
        self.dataset = choice(dataset, "dataset", ("gender", "xor"))
        start = as_vector(start, "start (w1, w2, b)", length=3)
        self.start = tuple(float(v) for v in start)
        self.max_steps = int(max_steps)
        self.presets.update(dataset=dataset, start=self.start)
        if max_steps != 200:
            self.presets["max_steps"] = self.max_steps
        self.X, self.y, self.names, view = _table(self.dataset)
        self.add_log("lr", "α (learning rate)", 0.1 if dataset == "xor" else 0.01, 0.001, 1.0)
        self.player = Player(self.step, self.reset, interval=300, max_steps=self.max_steps)
        self._extra = [self.player.box]
        self.readout.layout.height = "8em"
        self._build_figure(view)
        self.k = 0
        self.run = self._train(self.value("lr"))
        self.update()

    # -- the run --------------------------------------------------------------------------
    def _train(self, lr):
        """Every state of a run with rate ``lr``: w, b before each step, and what each step did.

        Only the current run is kept: a whole run (≤ ``max_steps`` updates of 2 weights)
        takes about half a millisecond, so a cache of past rates would buy nothing.
        """
        p = Perceptron(2)
        p.w, p.b = np.array(self.start[:2]), self.start[2]
        m = len(self.y)
        W, B, z, errors = [p.w.copy()], [p.b], [], []
        correct_in_a_row = 0
        for k in range(self.max_steps):
            i = k % m
            z.append(float(self.X[i] @ p.w + p.b))
            errors.append(int(self.y[i]) - int(z[-1] >= 0))
            p.update(self.X[i], self.y[i], lr)
            W.append(p.w.copy())
            B.append(p.b)
            correct_in_a_row = 0 if errors[-1] else correct_in_a_row + 1
            if correct_in_a_row == m:  # one full pass without a mistake: converged
                break
        return dict(W=np.array(W), B=np.array(B), z=np.array(z), errors=np.array(errors),
                    converged=correct_in_a_row == m, lr=lr)

    def step(self):
        """One more sample (Step button, Play tick); stops playing at the end of the run."""
        if self.k < len(self.run["errors"]):
            self.k += 1
            self.update()
        if self.k >= len(self.run["errors"]):
            self.player.play.playing = False

    def reset(self):
        """Back to the neuron before training."""
        self.k = 0
        self.update()

    def finish(self):
        """Jump to the end of the run: the trained neuron and every epoch's mistakes.

        Returns the demo, so ``TrainDemo().finish()`` is one line.
        """
        self.player.play.playing = False
        self.k = len(self.run["errors"])
        self.update()
        return self

    @property
    def at_end(self):
        """True when every step of the run has been shown."""
        return self.k >= len(self.run["errors"])

    def mistakes_per_epoch(self, k=None):
        """The mistakes of each epoch among the first ``k`` steps (default: those shown)."""
        k, m = self.k if k is None else k, len(self.y)
        if not k:
            return np.array([], dtype=int)
        return np.add.reduceat(np.abs(self.run["errors"][:k]), np.arange(0, k, m))

    def update(self):
        """Redraw; first recompute the run when α has moved (at the end: the new run's end)."""
        if hasattr(self, "run") and self.run["lr"] != self.value("lr"):
            was_at_end = self.at_end
            self.run = self._train(self.value("lr"))
            n = len(self.run["errors"])
            self.k = n if was_at_end and self.k else min(self.k, n)
        super().update()

    # -- the picture ----------------------------------------------------------------------
    def _build_figure(self, view):
        self.figure = LiveFigure(figsize=(7.5, 4.3))
        fig = self.figure.fig
        fig.clear()
        with mpl.rc_context(plots.COURSE_RC):
            ax, self.ax_mistakes = fig.subplots(1, 2, width_ratios=[1.9, 1])
        self.view = _PeopleView(ax, self.X, self.y, self.names, view, self.dataset)
        self.current = ax.scatter([], [], s=700, facecolors="none", zorder=3, **_SHOWN_RING)
        self.title = ax.set_title(" ")
        # the key under both panels, where no moving artist goes (a legend is background)
        fig.legend(handles=self.view.key(ax, shown=True), loc="outside lower center", ncol=3,
                   fontsize=8, frameon=False, columnspacing=1.5)
        self.ax_mistakes.axhline(0, color=plots.PALETTE["green"], ls="--", lw=1.5)
        self.ax_mistakes.text(0.03, 0.08, "goal: 0 mistakes", transform=self.ax_mistakes.transAxes,
                              ha="left", va="bottom", fontsize=8, color="0.25")
        (self.bars,) = self.ax_mistakes.plot([], [], "o-", ms=4, color=plots.PALETTE["vermillion"])
        self.ax_mistakes.set_ylim(-0.3, len(self.y) + 0.3)
        self.ax_mistakes.set_yticks(range(len(self.y) + 1))
        plots.label(self.ax_mistakes, "Mistakes per epoch", "epoch", "mistakes")
        # the epoch axis grows with the run: drawn each time rather than in the cached
        # background, so a new α never needs a full redraw
        self.figure.animate(*self.view.artists, self.current, self.title,
                            self.ax_mistakes.xaxis, self.bars)

    def draw(self):
        run, k, m = self.run, self.k, len(self.y)
        w, b = run["W"][k], run["B"][k]
        self.view.show(w, b)
        mistakes = self.mistakes_per_epoch()
        epochs = np.arange(1, len(mistakes) + 1)
        self.bars.set_data(epochs, mistakes)
        n_epochs = -(-len(run["errors"]) // m)  # epochs in the whole run: a steady axis
        xlim = (0.5, next(n for n in (5, 10, 25, 50, 100, 250, 10**9) if n >= n_epochs) + 0.5)
        self.ax_mistakes.set_xlim(xlim)
        if k == 0:
            self.current.set_offsets(np.empty((0, 2)))
            self.title.set_text(f"Before training (α = {run['lr']:.3g})")
            self.readout.value = (rf"Start: $w = [{_g(w[0])}, {_g(w[1])}]$, $b = {_g(b)}$. "
                                  f"Press <b>Step</b>: the neuron looks at {self.names[0]} first."
                                  "<br>Rule for each sample: "
                                  r"$w \leftarrow w + \alpha\,(y - \hat y)\,x$, "
                                  r"$b \leftarrow b + \alpha\,(y - \hat y)$")
            self._words = self._describe(w, b)
            return
        i = (k - 1) % m
        self.current.set_offsets(self.X[i:i + 1])
        if self.at_end:
            n_ep = len(mistakes)
            self.title.set_text(f"{'Trained' if run['converged'] else 'Stopped'} after {n_ep} "
                                f"epoch{'s' if n_ep != 1 else ''} (α = {run['lr']:.3g})")
        else:
            self.title.set_text(f"Step {k}, epoch {(k - 1) // m + 1}: {self.names[i]} "
                                f"(α = {run['lr']:.3g})")
        self.readout.value = self._explain(k, i) + "<br>" + self._verdict(k)
        self._words = self._describe(w, b)

    def description(self):
        """Where the run is, the mistakes of each epoch and the neuron now, in words."""
        return getattr(self, "_words", None) or super().description()

    def _describe(self, w, b):
        run, k, m = self.run, self.k, len(self.y)
        n_wrong = int((activations.step(self.X @ w + b).astype(int) != self.y).sum())
        g = lambda v: _g(v).replace("-", "−")  # noqa: E731  (a real minus sign in text)
        neuron = (f"The neuron now: w = [{g(w[0])}, {g(w[1])}], b = {g(b)}, wrong about "
                  f"{n_wrong} of {m} points."
                  + self.view.words_near_line(w, b, self.X @ w + b))
        lr = f"α = {run['lr']:.3g}"
        if k == 0:
            return (f"Before training ({lr}). {neuron} Each step applies the perceptron rule "
                    "w ← w + α(y − ŷ)x, b ← b + α(y − ŷ) to one point.")
        mistakes = self.mistakes_per_epoch()
        listed = _list_counts(mistakes)
        if not self.at_end:
            return (f"Step {k} of the run ({lr}), epoch {(k - 1) // m + 1}. Mistakes per epoch "
                    f"so far: {listed}. {neuron}")
        updates = int(np.abs(run["errors"]).sum())
        if run["converged"]:
            return (f"Trained ({lr}): mistakes per epoch {listed}; after the last mistake a "
                    f"whole pass over the {m} points went without one, so training stopped "
                    f"after {k} steps ({updates} update{'s' if updates != 1 else ''}). {neuron}")
        return (f"Stopped after {k} steps ({len(mistakes)} epochs, {lr}): mistakes per epoch "
                f"{listed}; never 0 (fewest {int(mistakes.min())}, most {int(mistakes.max())})"
                f". {neuron}")

    def _explain(self, k, i):
        run = self.run
        x, y, z = self.X[i], int(self.y[i]), run["z"][k - 1]
        y_hat, err, lr = int(z >= 0), int(run["errors"][k - 1]), run["lr"]
        w0, b0, w1, b1 = run["W"][k - 1], run["B"][k - 1], run["W"][k], run["B"][k]
        vec = lambda v: "[" + ", ".join(_g(a) for a in v) + "]"  # noqa: E731
        head = (f"{self.names[i]}: $x = {vec(x)}$, $y = {y}$, "
                rf"$z = x\cdot w + b = {_g(z)}$ → $\hat y = {y_hat}$ ")
        if err == 0:
            return head + r"✓ right, so $y - \hat y = 0$: <b>no change</b>"
        return (head + "✗ <b>mistake</b><br>"
                rf"$w \leftarrow {vec(w0)} + {lr:.3g}\cdot({y} - {y_hat})\cdot{vec(x)} = {vec(w1)}$"
                rf", &nbsp; $b \leftarrow {_g(b0)} + {lr:.3g}\cdot({y} - {y_hat}) = {_g(b1)}$")

    def _verdict(self, k):
        run = self.run
        if k < len(run["errors"]):
            return ""
        listed = _list_counts(self.mistakes_per_epoch(k))
        if run["converged"]:
            n = int(np.abs(run["errors"]).sum())
            return (f"<b>Converged</b>: a whole epoch without a mistake, after {n} update"
                    f"{'s' if n != 1 else ''}. Mistakes per epoch: {listed}. "
                    "Press Reset to step through it, or try another α.")
        return (f"<b>Stopped after {k} steps</b> ({k // len(self.y)} epochs) and still making "
                f"mistakes (per epoch: {listed}): no line separates these points.")
