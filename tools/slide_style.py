"""How the course's slides look from the back of a hall: the targets, and the live deck's style.

Two decks present the same notebooks (the learner edition, `notebooks/`):

- the live deck: the notebook itself, presented inside JupyterLab by the jupyterlab-slideshow
  extension, so every control is live. Its look comes from the CSS rules below, handed to
  JupyterLab as the default "Global Styles" of the jupyterlab-fonts extension (which
  jupyterlab-slideshow requires and applies). Every rule is scoped to presentation mode
  (`PRESENTING`), so the notebook looks as before when it is not presented.
- the static deck: reveal.js pages made by tools/build_slides.py, with the same targets.

`lab_overrides()` is the JupyterLab settings file the course installs into its environment
(`make lab` writes it to `.venv/share/jupyter/lab/settings/overrides.json`):

    .venv/bin/python tools/slide_style.py > .venv/share/jupyter/lab/settings/overrides.json

It holds the course's JupyterLab defaults: no news pop-up, the `Alt+R` key that starts and
leaves the slideshow (`deck:toggle`; jupyterlab-slideshow has no key of its own for it), and
the presentation style. tests/test_slideshow.py checks every slide of every notebook against the
targets in Chromium at SCREEN size; tests/test_slides.py does the same for the static deck.
"""

import json
import sys

# ---- the targets, checked on every slide of both decks ------------------------------------------
SCREEN = (1280, 720)   # the projector the checks assume (16:9), in CSS px
BODY_PX = 24           # smallest prose text (markdown, widget labels, readouts, captions)
CODE_PX = 20           # smallest code text (code cells, printed output, inline code)
LABEL_PX = 14          # smallest tick or axis label of a figure, as shown
FIGURE_SHARE = 0.60    # a figure takes at least this share of the slide width
MAX_WORDS = 60         # prose words on one slide (the rest belongs in the speaker notes)
FIGURE_MIN_NATURAL = 300  # images narrower than this (badges, icons) are not figures

# ---- the live deck: jupyterlab-slideshow --------------------------------------------------------
START_KEY = "Alt R"    # JupyterLab's spelling; the deck's own keys are in README "For teachers"
#: Where START_KEY works: anywhere in a notebook in command mode (a click on a cell, or Esc), as
#: JupyterLab's own notebook keys; the extra `.jp-NotebookPanel` makes it win over another
#: extension's Alt+R there (jupyterlab-rise's, while both are installed).
START_SELECTOR = ".jp-NotebookPanel .jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
PRESENTING = "body[data-jp-deck-mode='presenting'] .jp-Deck"

#: A code cell with this tag shows only its output on a slide (a figure without the code that
#: draws it); the notebook still shows both. jupyterlab-fonts (part of jupyterlab-slideshow)
#: copies a cell's tags to its `data-jpf-cell-tags` attribute, which the rule below reads.
HIDE_CODE_TAG = "hide-code-on-slides"

#: Share of the content width the picture of a live demo takes (its controls use the rest).
DEMO_FIGURE_SHARE = 0.72
#: Width of a stored figure, in % of the screen width (the static deck shows a live demo's
#: stored picture at this width too, its readout under it).
STATIC_FIGURE_VW = 64

# Selector -> declarations. Each selector is prefixed with PRESENTING ("&" stands for it).
# JupyterLab and ipywidgets define their sizes as CSS variables on :root; variables that other
# variables are computed from are set again here, on the presented panel, so they take effect.
DECK_RULES = {
    "&": {
        "--jp-content-font-size0": "1em",
        "--jp-content-font-size1": f"{BODY_PX}px",
        "--jp-content-font-size2": "1.15em",
        "--jp-content-font-size3": "1.3em",
        "--jp-content-font-size4": "1.5em",
        "--jp-content-font-size5": "1.75em",
        "--jp-content-line-height": "1.35",
        "--jp-content-heading-margin-top": "0.3em",
        "--jp-content-heading-margin-bottom": "0.4em",
        "--jp-code-font-size": f"{CODE_PX}px",
        "--jp-code-line-height": "1.3",
        "--jp-ui-font-size0": f"{BODY_PX}px",
        "--jp-ui-font-size1": f"{BODY_PX}px",
        "--jp-widgets-font-size": f"{BODY_PX}px",
        "--jp-widgets-inline-height": "40px",
        "--jp-widgets-inline-label-width": "auto",
        "--jp-widgets-slider-handle-size": "26px",
        "--jp-widgets-slider-track-thickness": "6px",
        "left": "0 !important",
        "right": "0 !important",
    },
    # the notebook fills the screen; one slide's cells, not a page of them
    "& .jp-Notebook": {"padding": "0 16px !important"},
    "& .jp-WindowedPanel-viewport": {"padding-top": "0 !important",
                                     "padding-bottom": "0 !important"},
    # (only the cells on screen: the deck folds every other cell to nothing)
    "& .jp-Cell.jp-deck-mod-onscreen": {"padding-top": "2px", "padding-bottom": "2px"},
    "& .jp-Collapser": {"display": "none"},
    "& .jp-RenderedHTMLCommon": {"padding-right": "0", "font-size": f"{BODY_PX}px"},
    "& .jp-RenderedHTMLCommon p, & .jp-RenderedHTMLCommon li": {"line-height": "1.35"},
    "& .jp-RenderedHTMLCommon :is(h1, h2, h3, h4)": {"line-height": "1.15"},
    # code: wrapped, never cut off at the right edge
    "& .cm-content": {"white-space": "pre-wrap !important", "overflow-wrap": "anywhere",
                      "word-break": "break-word", "flex-shrink": "1 !important",
                      "min-width": "0", "width": "100%"},
    "& .cm-scroller": {"overflow-x": "hidden !important"},
    "& .jp-OutputArea-output pre": {"white-space": "pre-wrap", "overflow-wrap": "anywhere"},
    "& .jp-OutputArea-output": {"overflow-x": "hidden"},
    # a static figure: most of the slide's width
    "& .jp-OutputArea-output img:not(.nn-live-image)": {
        "width": f"{STATIC_FIGURE_VW}vw", "max-width": "100%", "height": "auto"},
    # a live demo: on the left its picture (DEMO_FIGURE_SHARE of the width) and its readout
    # under it; on the right its controls and, under them, its code line (the demo's settings).
    # The cell's own line of code is left out: the code line says the same, and stays current.
    "& .jp-CodeCell:has(.nn-demo) .jp-Cell-inputWrapper": {"display": "none"},
    f'& .jp-CodeCell[data-jpf-cell-tags*=",{HIDE_CODE_TAG},"] .jp-Cell-inputWrapper':
        {"display": "none"},
    "& .nn-demo": {
        "display": "grid !important",
        "grid-template-columns":
            f"minmax(0, {round(100 * DEMO_FIGURE_SHARE)}fr) "
            f"minmax(0, {100 - round(100 * DEMO_FIGURE_SHARE)}fr)",
        "grid-template-rows": "auto auto 1fr",
        "column-gap": "20px",
        "align-items": "start",
        "width": "100% !important", "height": "auto !important",
    },
    "& .nn-demo > *": {"grid-column": "1", "min-width": "0",
                       "width": "auto !important", "max-width": "100%"},
    "& .nn-demo > :first-child": {"grid-column": "2", "grid-row": "1 / 3"},
    "& .nn-demo > img.nn-live-image": {"grid-row": "1", "width": "100% !important",
                                       "height": "auto !important"},
    "& .nn-demo > .widget-htmlmath": {"grid-row": "2 / 4", "height": "auto !important",
                                      "overflow": "visible"},
    "& .nn-demo > .widget-html:has(code)": {"grid-column": "2", "grid-row": "3"},
    "& .nn-demo .widget-box": {"width": "auto !important", "max-width": "100%",
                               "flex-wrap": "wrap"},
    # every control fills the column: its name, then its input (a slider's name on a line of
    # its own, the track and the value under it)
    "& .nn-demo .widget-inline-hbox": {
        "width": "100% !important", "max-width": "100%", "box-sizing": "border-box",
        "flex-wrap": "wrap", "height": "auto !important", "margin-left": "0",
        "margin-right": "0"},
    "& .nn-demo .widget-inline-hbox > .widget-label": {
        "width": "auto !important", "max-width": "100% !important", "text-align": "left",
        "white-space": "normal", "height": "auto", "line-height": "1.2"},
    "& .nn-demo .widget-slider > .widget-label": {"width": "100% !important"},
    "& .nn-demo .widget-inline-hbox > :is(select, input, .progress, .slider-container)": {
        "flex": "1 1 40%", "min-width": "0", "max-width": "100%", "box-sizing": "border-box"},
    # a check box's label wraps instead of ending in "…"
    "& .nn-demo .widget-checkbox .widget-label-basic": {
        "white-space": "normal", "overflow": "visible", "text-overflow": "clip",
        "line-height": "1.2", "height": "auto", "flex": "1 1 auto", "min-width": "0"},
    "& .nn-demo .widget-readout": {"min-width": "4em", "text-align": "left",
                                   "overflow": "visible"},
    "& .nn-demo .widget-button, & .nn-demo .widget-toggle-button": {
        "width": "auto !important", "height": "auto !important", "padding": "2px 10px"},
    "& .nn-demo > .widget-html, & .nn-demo > .widget-html :is(.widget-html-content, code)": {
        "white-space": "normal", "overflow-wrap": "anywhere", "height": "auto !important",
        "overflow": "visible !important", "line-height": "1.3"},
}


def selector(key):
    """The full selector of a DECK_RULES key: each of its comma-separated selectors (commas
    inside :is(...) or [...] belong to it) with "&" replaced by PRESENTING."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(key):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(key[start:i])
            start = i + 1
    parts.append(key[start:])
    return ", ".join(part.strip().replace("&", PRESENTING) for part in parts)


def deck_css():
    """DECK_RULES as CSS text."""
    blocks = []
    for key, decls in DECK_RULES.items():
        body = "".join(f"  {prop}: {value};\n" for prop, value in decls.items())
        blocks.append(f"{selector(key)} {{\n{body}}}\n")
    return "".join(blocks)


def deck_jss():
    """DECK_RULES as the JSS object jupyterlab-fonts turns into a global style sheet."""
    return {selector(key): dict(decls) for key, decls in DECK_RULES.items()}


def lab_overrides():
    """The course's JupyterLab defaults (the contents of overrides.json)."""
    return {
        # no "get Jupyter news?" pop-up for students on first start
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
        # Alt+R starts and leaves the slideshow (jupyterlab-slideshow's deck:toggle)
        "@jupyterlab/shortcuts-extension:shortcuts": {
            "shortcuts": [{"command": "deck:toggle", "keys": [START_KEY],
                           "selector": START_SELECTOR}]},
        # the presentation style (applied by jupyterlab-fonts, only while presenting)
        "@deathbeds/jupyterlab-fonts:fonts": {"styles": deck_jss()},
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--css":
        sys.stdout.write(deck_css())
    else:
        json.dump(lab_overrides(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
