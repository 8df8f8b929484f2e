"""The course's colours stay apart for colour-blind readers, and never carry meaning alone.

Colour vision deficiency is simulated with the matrices of Machado, Oliveira and Fernandes
(2009), "A physiologically-based model for simulation of color vision deficiency", IEEE TVCG
15(6), 1291-1298, severity 1.0 (full dichromacy), applied to linear-light sRGB. Distances are
CIEDE2000 colour differences (Sharma, Wu and Dalal 2005, "The CIEDE2000 color-difference
formula: implementation notes"), in CIELAB under D65.

Threshold: ΔE00 ≥ 10 between any two colours used together. A ΔE00 of about 1 is just
noticeable side by side; 10 is a difference seen at a glance between small marks, the usual
bar for categorical palettes. (Okabe-Ito's closest pair under deuteranopia, orange and yellow,
measures about 11.6.)
"""

import itertools

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from nnlib import plots

# Machado et al. 2009, Table "severity 1.0", rows map linear RGB to simulated linear RGB.
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
PROTANOPIA = np.array([[0.152286, 1.052583, -0.204868],
                       [0.114503, 0.786281, 0.099216],
                       [-0.003882, -0.048116, 1.051998]])
TRITANOPIA = np.array([[1.255528, -0.076749, -0.178779],
                       [-0.078411, 0.930809, 0.147602],
                       [0.004733, 0.691367, 0.303900]])
VISIONS = {"normal vision": np.eye(3), "deuteranopia": DEUTERANOPIA,
           "protanopia": PROTANOPIA, "tritanopia": TRITANOPIA}
MIN_DELTA_E = 10.0


def to_linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def to_srgb(linear):
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def simulate(colour, matrix):
    """sRGB colour (hex or triple) → how a dichromat sees it, as sRGB in [0, 1]."""
    return to_srgb(matrix @ to_linear(to_rgb(colour)))


def to_lab(rgb):
    """sRGB in [0, 1] → CIELAB (D65 white)."""
    m = np.array([[0.4124564, 0.3575761, 0.1804375],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    t = (m @ to_linear(rgb)) / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(t > d ** 3, np.cbrt(t), t / (3 * d ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e2000(lab1, lab2):
    """CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dL, dC = L2 - L1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    L_mean, c_mean_p = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(c_mean_p ** 7 / (c_mean_p ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean_p
    s_h = 1 + 0.015 * c_mean_p * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return float(np.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2
                         + r_t * (dC / s_c) * (dH / s_h)))


def seen_difference(c1, c2, matrix):
    return delta_e2000(to_lab(simulate(c1, matrix)), to_lab(simulate(c2, matrix)))


# -- the measuring tools themselves -----------------------------------------------------------

def test_ciede2000_matches_sharma_reference_pairs():
    # pairs 1, 7 and 17 of the 34 test pairs published by Sharma, Wu and Dalal (2005)
    assert delta_e2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000((50.0, 0.0, 0.0), (50.0, -1.0, 2.0)) == pytest.approx(2.3669, abs=1e-4)
    assert delta_e2000((50.0, 2.5, 0.0), (73.0, 25.0, -18.0)) == pytest.approx(27.1492, abs=1e-4)


def test_simulation_keeps_greys_and_merges_red_and_green():
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        for grey in ("#000000", "#777777", "#ffffff"):  # each row sums to 1: greys stay grey
            assert np.allclose(simulate(grey, matrix), to_rgb(grey), atol=2e-3)
    # the classic confusions, far apart for normal vision: a red and a green of similar
    # lightness for a deuteranope; for a protanope (red looks darker) red and a dark green
    for red, green, matrix in (("#d62728", "#2ca02c", DEUTERANOPIA), ("#ff0000", "#007000", PROTANOPIA)):
        assert seen_difference(red, green, np.eye(3)) > 60
        assert seen_difference(red, green, matrix) < MIN_DELTA_E / 2


# -- the course palette -----------------------------------------------------------------------

@pytest.mark.parametrize("vision", list(VISIONS))
def test_every_pair_of_palette_colours_stays_distinct(vision):
    matrix = VISIONS[vision]
    close = [(a, b, round(seen_difference(plots.PALETTE[a], plots.PALETTE[b], matrix), 1))
             for a, b in itertools.combinations(plots.PALETTE, 2)
             if seen_difference(plots.PALETTE[a], plots.PALETTE[b], matrix) < MIN_DELTA_E]
    assert not close, f"under {vision}, these palette colours differ by ΔE00 < {MIN_DELTA_E}: {close}"


@pytest.mark.parametrize("vision", ["normal vision", "deuteranopia", "protanopia"])
def test_region_shades_stay_distinct_for_up_to_three_classes(vision):
    shades = [plots.region_cmap(3)(k)[:3] for k in range(3)]
    for (i, a), (j, b) in itertools.combinations(enumerate(shades), 2):
        assert seen_difference(a, b, VISIONS[vision]) >= MIN_DELTA_E, (vision, i, j)


def test_class_colours_and_line_colours_come_from_the_palette():
    palette = {c.lower() for c in plots.PALETTE.values()}
    assert {c.lower() for c in plots.CLASS_COLORS} <= palette
    cycle = plots.COURSE_RC["axes.prop_cycle"].by_key()
    assert {c.lower() for c in cycle["color"]} <= palette


# -- never colour alone -----------------------------------------------------------------------

def test_classes_differ_by_marker_too():
    assert len(set(plots.CLASS_MARKERS)) == len(plots.CLASS_MARKERS) >= len(plots.CLASS_COLORS)
    fig = mpl.figure.Figure()
    ax = fig.subplots()
    X = np.arange(12.0).reshape(6, 2)
    artists = plots.scatter_classes(ax, X, [0, 0, 1, 1, 2, 2], ["a", "b", "c"])
    paths = [a.get_paths()[0].vertices.round(6).tobytes() for a in artists]
    assert len(set(paths)) == 3, "each class needs its own marker shape"


def test_lines_differ_by_style_too():
    cycle = plots.COURSE_RC["axes.prop_cycle"].by_key()
    assert len(cycle["linestyle"]) == len(cycle["color"])
    assert len({str(s) for s in cycle["linestyle"]}) == len(cycle["linestyle"])
    with mpl.rc_context(plots.COURSE_RC):
        fig = mpl.figure.Figure()
        ax = fig.subplots()
        lines = [ax.plot([0, 1], [k, k])[0] for k in range(4)]
    styles = [(line.get_color(), str(line.get_linestyle()), str(line.get_dashes() if hasattr(line, "get_dashes") else ""))
              for line in lines]
    assert len({s[1] for s in styles}) == 4, f"four lines, four styles: {styles}"


def _look(artist):
    """What tells an artist apart besides its colour: dashes, marker, width, hollow or filled."""
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D):
        dashed = artist.get_linestyle() not in ("None", "", " ", "none")
        marker = artist.get_marker()
        marked = marker not in (None, "None", "", " ", "none")
        face = str(artist.get_markerfacecolor()).lower()
        return ("line",
                str(artist._unscaled_dash_pattern) if dashed else None,
                str(marker) if marked else None,
                round(artist.get_linewidth()) if dashed else None,
                round(artist.get_markersize()) if marked else None,
                face in ("none", "white", "w", "#ffffff", "#ffffffff") if marked else None)
    paths = artist.get_paths()
    return ("points", paths[0].vertices.round(3).tobytes() if paths else b"")


def test_no_live_demo_tells_its_legend_entries_apart_by_colour_alone():
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    import nnlib.widgets

    same = []
    for cls in nnlib.widgets.all_demo_classes():
        try:
            demo = cls()
        except TypeError:  # a base class that needs arguments
            continue
        if demo.figure is None:
            continue
        for ax in demo.figure.fig.axes:
            keyed = [a for a in ax.get_children() if isinstance(a, (Line2D, PathCollection))
                     and not a.get_label().startswith("_")]
            for a, b in itertools.combinations(keyed, 2):
                if a.get_label() != b.get_label() and _look(a) == _look(b):
                    same.append(f"{cls.__name__}: {a.get_label()!r} and {b.get_label()!r}")
    assert not same, f"legend entries that differ only by colour (give one a dash, marker or fill): {same}"


def test_the_colour_alone_check_sees_what_it_should():
    fig = mpl.figure.Figure()
    ax = fig.subplots()
    blue, orange, dashed, hollow = (ax.plot([0, 1], [0, 1], color="C0")[0], ax.plot([0, 1], [1, 0], color="C1")[0],
                                    ax.plot([0, 1], [1, 1], "--", color="C1")[0],
                                    ax.plot([0], [0], "o", mfc="white")[0])
    assert _look(blue) == _look(orange)
    assert _look(blue) != _look(dashed)
    assert _look(ax.plot([0], [0], "o")[0]) != _look(hollow)
