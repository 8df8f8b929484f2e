"""Figures say in words what they show: describe(), alt_text(), and how a notebook displays them."""

import base64
import html
import types

import matplotlib as mpl
import pytest
from IPython.core.formatters import DisplayFormatter
from IPython.core.pylabtools import select_figure_formats

from nnlib import plots


def two_panels():
    fig = mpl.figure.Figure()
    left, right = fig.subplots(1, 2)
    plots.label(left, "XOR: the two classes sit crosswise", "x₁", "x₂")
    left.plot([0, 1], [0, 1], "o", label="y = 0")
    left.legend()
    plots.label(right, r"Learning rate $\alpha$", "epoch", r"cost $J$ ($\hat y$ vs $y$)")
    return fig


def test_alt_text_is_built_from_titles_axes_and_legends():
    assert plots.alt_text(two_panels()) == (
        "Panel 1 of 2: “XOR: the two classes sit crosswise”, x₂ against x₁; legend: y = 0. "
        "Panel 2 of 2: “Learning rate α”, cost J (ŷ vs y) against epoch.")


def test_describe_sets_the_words_that_say_what_the_figure_shows():
    fig = plots.describe(two_panels(), "  The perceptron's mistakes never reach 0 on XOR.\n")
    assert plots.alt_text(fig) == "The perceptron's mistakes never reach 0 on XOR."
    with pytest.raises(ValueError, match="non-empty text"):
        plots.describe(fig, "   ")


@pytest.mark.parametrize("tex, words", [
    (r"prediction $\hat y$", "prediction ŷ"),
    (r"$\sigma(z) = \frac{1}{1 + e^{-z}}$", "σ(z) = 1/(1 + e^(-z))"),
    (r"$w_{1}\cdot x_1$ and $\mathrm{step}(z)$", "w1 · x1 and step(z)"),
    (r"$X^\top (\hat y - y)$", "Xᵀ (ŷ - y)"),
    ("no maths here", "no maths here"),
])
def test_plain_math_spells_tex_for_reading_aloud(tex, words):
    assert plots.plain_math(tex) == words


def test_figure_html_is_the_png_with_its_alt_text():
    fig = plots.describe(two_panels(), 'Two panels: "quoted" & <marked> words')
    page = plots.figure_html(fig)
    assert page.startswith('<img src="data:image/png;base64,')
    assert f'alt="{html.escape(plots.alt_text(fig))}"' in page
    png = base64.b64decode(page.split("base64,", 1)[1].split('"', 1)[0])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_figure_html_says_how_large_its_smallest_label_is_in_its_pixels():
    fig = two_panels()
    fig.axes[1].tick_params(labelsize=7)   # the smallest label: 7 pt at the figure's dpi
    fig.set_dpi(100)
    assert plots.smallest_label_pt(fig) == 7
    assert 'data-label-px="9.7"' in plots.figure_html(fig)   # 7 x 100 / 72 = 9.72 px
    fig.axes[1].set_visible(False)
    assert plots.smallest_label_pt(fig) == min(t.get_fontsize() for t in fig.axes[0].get_xticklabels())


def test_use_course_style_makes_a_notebook_show_figures_with_their_alt_text(monkeypatch):
    formatter = DisplayFormatter()
    shell = types.SimpleNamespace(display_formatter=formatter)
    monkeypatch.setattr(plots, "_ipython", lambda: shell)
    with mpl.rc_context():
        plots.use_course_style()
        # what the inline backend does when it loads: drop per-type figure formatters, add PNG
        select_figure_formats(shell, {"png"})
        fig = plots.describe(two_panels(), "Two panels.")
        data, _ = formatter.format(fig)
    assert set(data) == {"image/png", "text/html", "text/plain"}
    assert data["text/plain"] == "Two panels."
    assert 'alt="Two panels."' in data["text/html"]


def test_use_course_style_outside_ipython_only_sets_the_style(monkeypatch):
    monkeypatch.setattr(plots, "_ipython", lambda: None)
    with mpl.rc_context():
        plots.use_course_style()
        assert mpl.rcParams["axes.prop_cycle"] == plots.COURSE_RC["axes.prop_cycle"]
