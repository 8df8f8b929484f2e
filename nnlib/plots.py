"""Figure helpers shared by every notebook: one palette, one style, labelled axes.

The palette is Okabe and Ito's eight colours, chosen so that they stay distinct for the common
forms of colour blindness. Static figures in the notebooks use :func:`new_figure`; live figures
(``nnlib.widgets``) use the same style through :data:`COURSE_RC`.
"""

import matplotlib as mpl
import numpy as np
from matplotlib.colors import ListedColormap, to_rgb

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
#: colour map for surfaces (loss landscapes): perceptually uniform and colour-blind safe
SURFACE_CMAP = "cividis"

#: matplotlib settings of every course figure
COURSE_RC = {
    "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS),
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
    """Apply :data:`COURSE_RC` to matplotlib (called once in each notebook's set-up cell)."""
    mpl.rcParams.update(COURSE_RC)


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
