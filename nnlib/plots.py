"""Figure helpers shared by every notebook: one palette, one style, labelled axes.

The palette is Okabe and Ito's eight colours, chosen so that they stay distinct for the common
forms of colour blindness (tests/test_palette.py checks it under simulated deuteranopia and
protanopia). Colour never carries meaning alone: classes also differ by marker
(:data:`CLASS_MARKERS`, :func:`scatter_classes`) and lines by style (:data:`LINE_STYLES`, in the
course style's property cycle). Static figures in the notebooks use :func:`new_figure`; live
figures (``nnlib.widgets``) use the same style through :data:`COURSE_RC`.

Every figure has a text alternative. After :func:`use_course_style`, a static figure shown with
``plt.show()`` is displayed as an image whose ``alt`` text (and plain-text output) is
:func:`alt_text`: what :func:`describe` said it shows, or else its titles, axes and legends.
"""

import html
import re

import matplotlib as mpl
import numpy as np
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.figure import Figure

#: Okabe–Ito colours (colour-blind safe), by name.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: colours for classes 0, 1, 2, ... (and for several lines on one plot)
CLASS_COLORS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")]
#: markers for classes, so classes differ in shape as well as colour
CLASS_MARKERS = ["o", "s", "^", "D", "v", "P"]
#: line styles, in the same order: the second line of a plot is dashed, the third dotted, ...
LINE_STYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]
#: colour map for surfaces (loss landscapes): perceptually uniform and colour-blind safe
SURFACE_CMAP = "cividis"

#: matplotlib settings of every course figure
COURSE_RC = {
    "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS) + mpl.cycler(linestyle=LINE_STYLES),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "legend.framealpha": 0.85,
    "figure.dpi": 80,
    "savefig.dpi": 80,
}


def use_course_style():
    """Apply :data:`COURSE_RC` to matplotlib (called once in each notebook's set-up cell).

    In IPython (a notebook) it also makes every displayed figure carry its text alternative:
    a ``text/html`` image with ``alt`` = :func:`alt_text` (what JupyterLab shows, as GitHub and
    nbviewer do) and ``text/plain`` = the same words, beside the usual ``image/png``.
    """
    mpl.rcParams.update(COURSE_RC)
    shell = _ipython()
    if shell is not None:
        # the mime-bundle formatter, because the inline backend, when it loads, drops every
        # per-type formatter registered for Figure; it still adds its own image/png
        shell.display_formatter.mimebundle_formatter.for_type(Figure, figure_bundle)


def figure_bundle(fig):
    """The display data of figure ``fig`` beside its PNG: ``text/html`` (:func:`figure_html`)
    and ``text/plain``, both carrying :func:`alt_text`."""
    return {"text/html": figure_html(fig), "text/plain": alt_text(fig)}


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


ALT_ATTRIBUTE = "nnlib_alt_text"


def describe(fig, text):
    """Say in words what figure ``fig`` shows (its point, not only its axes): its text alternative.

    ``plots.describe(fig, "The cost falls from 0.69 to 0.02 in 1000 steps")`` before
    ``plt.show()``. Returns ``fig``. Used by every notebook's static figures.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"describe() needs a non-empty text, got {text!r}")
    setattr(fig, ALT_ATTRIBUTE, " ".join(text.split()))
    return fig


def alt_text(fig):
    """The text alternative of figure ``fig``: what :func:`describe` set, else one sentence per
    panel built from its title, axis labels and legend (maths written as plain characters)."""
    text = getattr(fig, ALT_ATTRIBUTE, None)
    if text:
        return text
    panels = [ax for ax in fig.axes if ax.get_visible() and not _is_colorbar(ax)]
    sentences = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        sentences.append(f"{plain_math(suptitle.get_text())}.")
    for i, ax in enumerate(panels):
        words = _panel_words(ax)
        if len(panels) > 1:
            words = f"Panel {i + 1} of {len(panels)}: {words}"
        sentences.append(words)
    if not sentences:
        return "A figure."
    return " ".join(sentences)


def _is_colorbar(ax):
    return hasattr(ax, "_colorbar") or ax.get_label() == "<colorbar>"


def _panel_words(ax):
    title = plain_math(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
    x, y = plain_math(ax.get_xlabel()), plain_math(ax.get_ylabel())
    text = f"“{title}”" if title else "A plot"
    if x and y:
        text += f", {y} against {x}"
    elif x or y:
        text += f", axis {x or y}"
    legend = ax.get_legend()
    entries = [plain_math(t.get_text()) for t in legend.get_texts()] if legend is not None else []
    entries = [e for e in entries if e]
    if entries:
        text += "; legend: " + ", ".join(entries)
    return text + "."


_TEX = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε",
        "varepsilon": "ε", "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "sigma": "σ",
        "Sigma": "Σ", "nabla": "∇", "partial": "∂", "sum": "Σ", "prod": "Π", "cdot": "·",
        "times": "×", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leq": "≤",
        "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈", "infty": "∞", "pm": "±",
        "top": "ᵀ", "in": "∈", "odot": "⊙", "ln": "ln", "log": "log", "exp": "exp", "max": "max",
        "min": "min", "tanh": "tanh", "quad": " ", "qquad": " ", "ldots": "…", "dots": "…"}


def _math_words(tex):
    """The inside of one ``$...$``: TeX spelt with Unicode characters."""
    text = re.sub(r"\\hat\s*(?:\{\s*y\s*\}|y)", "ŷ", tex)
    text = re.sub(r"\\hat\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))",
                  lambda m: (m.group(1) or m.group(2)) + "\u0302", text)  # X̂
    text = re.sub(r"\\(?:left|right|big|Big|bigl|bigr|displaystyle)\b", "", text)
    text = re.sub(r"\\[,;:! ]", " ", text)
    text = re.sub(r"\\(?:mathrm|mathbf|mathit|text|operatorname|boldsymbol)\s*", "", text)
    for _ in range(3):  # innermost first: \frac{a}{b} -> a/b, \sqrt{a} -> √(a)
        text = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}",
                      lambda m: f"{_group(m.group(1))}/{_group(m.group(2))}", text)
        text = re.sub(r"\\sqrt\s*\{([^{}]*)\}", r"√(\1)", text)
        text = re.sub(r"\^\s*\{([^{}]*)\}", lambda m: "^" + _group(m.group(1)), text)
        text = re.sub(r"_\s*\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: " " + _TEX.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\^\s*ᵀ", "ᵀ", text)
    return re.sub(r"[{}_]", "", text)


def _group(text):
    text = text.strip()
    return text if re.fullmatch(r"[\w.\u0302−-]+", text) and not text.startswith("-") else f"({text})"


def plain_math(text):
    """Text with matplotlib/MathJax maths (``$...$``) → the same text readable aloud: the
    maths spelt with Unicode (``$\\hat y$`` → ŷ, ``$\\alpha$`` → α, ``$w_1$`` → w1), no TeX left.

    The text alternatives of figures and live demos use it (every notebook)."""
    text = re.sub(r"\$\$(.+?)\$\$|\$(.+?)\$",
                  lambda m: _math_words(m.group(1) if m.group(1) is not None else m.group(2)),
                  text or "")
    return " ".join(text.split())


def smallest_label_pt(fig):
    """The font size, in points, of the smallest visible tick label or axis label of ``fig``
    (None when it has none). Its size as shown is this x dpi/72 pixels of the PNG, scaled by the
    width the PNG is shown at: what a slide's back-row check measures."""
    sizes = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for text in ax.get_xticklabels() + ax.get_yticklabels() + [ax.xaxis.label, ax.yaxis.label]:
            if text.get_visible() and text.get_text().strip():
                sizes.append(text.get_fontsize())
    return min(sizes, default=None)


def figure_html(fig):
    """``fig`` as an HTML ``<img>`` (the PNG a notebook shows) with ``alt`` = :func:`alt_text`,
    and ``data-label-px``: :func:`smallest_label_pt` in pixels of that PNG."""
    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, "png", bbox_inches="tight", base64=True)  # at fig.dpi
    label = smallest_label_pt(fig)
    size = "" if label is None else f' data-label-px="{label * fig.dpi / 72:.1f}"'
    return f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt_text(fig))}"{size}>'


def new_figure(nrows=1, ncols=1, figsize=(7.5, 4.0), **subplot_kw):
    """A pyplot figure in the course style for a static figure: ``fig, axes = new_figure()``.

    End the cell with ``plt.show()``. Used by every notebook.
    """
    import matplotlib.pyplot as plt

    with mpl.rc_context(COURSE_RC):
        fig, axes = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained",
                                 subplot_kw=subplot_kw or None)
    return fig, axes


def label(ax, title, xlabel, ylabel):
    """Give ``ax`` its title and axis labels (every course figure has all three).

    Taught in notebook every notebook.
    """
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def region_cmap(n_classes, lighten=0.6):
    """A light version of the class colours, for shading decision regions behind points.

    Taught in notebooks 01_perceptron, 06_iris_classification.
    """
    white = np.ones(3)
    colors = [lighten * white + (1 - lighten) * np.array(to_rgb(c))
              for c in CLASS_COLORS[:n_classes]]
    return ListedColormap(colors)


def grid_points(xlim, ylim, resolution=100):
    """A regular grid over a rectangle: ``(xx, yy, P)`` with P of shape (resolution², 2).

    Evaluate a model on P and reshape to ``xx.shape`` to colour decision regions
    (notebooks 01 and 06).
    """
    xs = np.linspace(xlim[0], xlim[1], resolution)
    ys = np.linspace(ylim[0], ylim[1], resolution)
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def scatter_classes(ax, X2, y, class_names, size=36, edge="white"):
    """Scatter 2-D points coloured *and* shaped by class; returns one artist per class.

    Taught in notebook 06_iris_classification.
    """
    artists = []
    for k, name in enumerate(class_names):
        pts = X2[np.asarray(y) == k]
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], s=size, c=CLASS_COLORS[k],
                                  marker=CLASS_MARKERS[k], edgecolors=edge, linewidths=0.6,
                                  label=name, zorder=3))
    return artists
