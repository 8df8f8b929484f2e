"""Export every course notebook to static reveal.js slides (`make slides`).

    .venv/bin/python tools/build_slides.py --out slides [--cdn] [notebooks/01_perceptron.ipynb ...]

Each notebook becomes `DIR/NN_name.slides.html` via `jupyter nbconvert --to slides`, using the
stored outputs (no execution), so run `make notebooks` first after a change.

Where the JavaScript comes from. nbconvert's slides template loads reveal.js from a CDN by
default (`https://unpkg.com/reveal.js@4.0.2`), and jQuery, require.js and MathJax 2.7 from
cdnjs. By default this command fetches reveal.js 4.0.2, MathJax 2.7.9 (only the files that
render TeX as CommonHTML), require.js and jQuery once with `npm pack` into `DIR/_assets/` and
points the slides there, so they present without internet: the formulas render and the speaker
notes (`s` key) work (nbconvert's notes plugin needs a local reveal.js). With `--cdn`, or when
npm is not available, the slides use the CDNs (a warning says so); offline, formulas then show
as TeX source. Still remote: the theme's Google fonts (a local font is used instead).

Live controls. A static page has no kernel to drive a slider, so the live view is left out of the
export and each demo's stored picture shows instead, with its readout in words under it (the
demo's own `text/html` output: see `nnlib.widgets.core.Demo`), and without the demo cell's line
of code. Present the notebook live in JupyterLab (jupyterlab-slideshow, README "For teachers")
to move its controls.

Layout, for the back of a hall (targets in tools/slide_style.py, the same as the live deck's;
tests/test_slides.py measures every slide in Chromium at 1280x720). nbconvert lays slides out on
a 960x700 (4:3) canvas with a 110 px prompt column and clips code wider than that. Here the
canvas is 16:9 (`SLIDE_WIDTH` x `SLIDE_HEIGHT`, shown at its own size at 1280x720: no margin;
1920x1080 scales the same picture), the `In [n]:` prompts are left out, prose is 24 px and code
20 px, long code and output lines wrap instead of being cut off, a stored figure is `FIGURE_PX`
wide (64 % of the slide), and a slide taller than the canvas scrolls (mouse wheel) instead of
running off the bottom. A code cell tagged `hide-code-on-slides` (slide_style.HIDE_CODE_TAG)
shows only its output. The CSS for this is `LAYOUT_CSS`, added by a small template that extends
nbconvert's `reveal`.

Slide structure rules (checked by tests/test_slides.py, helpers here): see `slide_groups` and
`is_wall_of_code`.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

sys.path.insert(0, str(Path(__file__).resolve().parent))
import slide_style  # noqa: E402
from build_notebooks import NOTEBOOKS, course_notebooks  # noqa: E402

REVEAL_CDN = "https://unpkg.com/reveal.js@4.0.2"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"  # nbconvert's default MathJax 2 configuration
# npm package -> (files or folders inside the package to keep, name under DIR/_assets); a single
# file is stored as that name, folders and several files keep their paths inside that folder.
ASSETS = {
    "reveal.js@4.0.2": (["dist/reveal.css", "dist/reveal.js", "dist/theme", "plugin/notes",
                         "LICENSE"], "reveal.js"),
    "mathjax@2.7.9": (["MathJax.js", f"config/{MATHJAX_CONFIG.split(',')[0]}.js",
                       "config/Safe.js", "extensions/Safe.js", "extensions/TeX",
                       "extensions/MathMenu.js", "extensions/MathZoom.js",
                       "extensions/AssistiveMML.js", "extensions/toMathML.js",
                       "jax/input/TeX", "jax/element/mml", "jax/output/CommonHTML",
                       "fonts/HTML-CSS/TeX/woff", "LICENSE"], "mathjax"),
    "requirejs@2.3.6": (["require.js"], "require.js"),
    "jquery@3.5.1": (["dist/jquery.min.js"], "jquery.min.js"),
}
SLIDE_WIDTH, SLIDE_HEIGHT = slide_style.SCREEN  # the canvas reveal.js scales to the screen (16:9)
DEMO_TAG = "nbval-ignore-output"  # live demo cells: their one line of code is left off the slide
LAYOUT = {
    "SlidesExporter.reveal_width": SLIDE_WIDTH,
    "SlidesExporter.reveal_height": SLIDE_HEIGHT,
    "TemplateExporter.exclude_input_prompt": True,
    "TemplateExporter.exclude_output_prompt": True,
    "TagRemovePreprocessor.enabled": True,
    # slides show a live demo's picture, and the output alone of a cell tagged HIDE_CODE_TAG
    "TagRemovePreprocessor.remove_input_tags": [DEMO_TAG, slide_style.HIDE_CODE_TAG],
}
#: Width of a stored figure (a live demo's stored picture too), in px of the slide.
FIGURE_PX = round(SLIDE_WIDTH * slide_style.STATIC_FIGURE_VW / 100)
_BODY, _CODE = slide_style.BODY_PX, slide_style.CODE_PX
# `html .reveal` outranks the reveal.js theme, which nbconvert links after its own CSS.
LAYOUT_CSS = f"""
html .reveal .slides > section:not(.stack), html .reveal .slides > section > section {{
  max-height: {SLIDE_HEIGHT}px; overflow-x: hidden; overflow-y: auto; box-sizing: border-box;
  padding: 12px 24px;
}}
html .reveal .jp-RenderedHTMLCommon, html .reveal .jp-RenderedHTMLCommon :is(p, li, td, th, figcaption,
  summary, blockquote), html .reveal .jp-OutputArea-output {{
  font-size: {_BODY}px; line-height: 1.35;
}}
html .reveal .jp-RenderedHTMLCommon h1 {{ font-size: {round(_BODY * 1.75)}px; }}
html .reveal .jp-RenderedHTMLCommon h2 {{ font-size: {round(_BODY * 1.5)}px; }}
html .reveal .jp-RenderedHTMLCommon h3 {{ font-size: {round(_BODY * 1.3)}px; }}
html .reveal .jp-RenderedHTMLCommon :is(h4, h5, h6) {{ font-size: {round(_BODY * 1.15)}px; }}
html .reveal .jp-RenderedHTMLCommon :is(h1, h2, h3, h4) {{ margin: 0.3em 0 0.4em; line-height: 1.15; }}
html .reveal div.highlight > pre, html .reveal .jp-OutputArea-output pre,
html .reveal .jp-RenderedHTMLCommon :is(code, kbd, samp) {{
  white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; width: auto;
  font-size: {_CODE}px; line-height: 1.3;
}}
html .reveal .jp-OutputArea-output img {{
  width: {FIGURE_PX}px; max-width: 100%; height: auto; max-height: none;
}}
html .reveal [data-nn-demo] {{ margin: 0; }}
html .reveal [data-nn-demo] figcaption {{ font-size: {_BODY}px; text-align: left; }}
"""
# The template: LAYOUT_CSS; no automatic line breaks in formulas (MathJax would break them to
# the width of a hidden slide, one symbol per line in a table cell); and centre a slide again
# once MathJax has typeset it: reveal.js centres it first, and the formulas change its height.
TEMPLATE = """{%- extends 'reveal/index.html.j2' -%}
{%- block html_head_css -%}
{{ super() }}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({CommonHTML: {linebreaks: {automatic: false}}});
</script>
<style type="text/css">/* tools/build_slides.py LAYOUT_CSS */""" + LAYOUT_CSS + """</style>
{%- endblock html_head_css -%}
{% block footer_js %}
{{ super() }}
{%- set reveal_prefix = resources.reveal.url_prefix | default('""" + REVEAL_CDN + """', true) %}
<script>
require(["{{ reveal_prefix }}/dist/reveal.js"], function(Reveal) {
    window.Reveal = Reveal;  // for a check (tests/test_slides.py) or the browser console
    Reveal.configure({margin: 0});  // 1280x720 shows the canvas at its own size
    function relayout() {
        if (window.MathJax && MathJax.Hub) { MathJax.Hub.Queue(function() { Reveal.layout(); }); }
    }
    Reveal.addEventListener("ready", relayout);
    Reveal.addEventListener("slidechanged", relayout);
    relayout();
});
</script>
{% endblock footer_js %}
"""
SHOWN = {"slide", "subslide", "fragment", "-"}  # slide types whose cells appear on a slide

# The wall-of-code rule: a slide or sub-slide is a wall of code when the code cells shown on it
# total more than MAX_CODE_LINES non-blank lines, or more than DENSE_CODE_LINES lines that make
# up over DENSE_SHARE of its non-blank source lines (markdown + code).
MAX_CODE_LINES = 25
DENSE_CODE_LINES = 15
DENSE_SHARE = 0.7


def slide_type(cell):
    """A cell's `metadata.slideshow.slide_type`, or None when it has none."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def slide_groups(nb):
    """The cells shown on each slide or sub-slide, in order: a list of (slide_type, [cells]).

    A `slide` or `subslide` cell starts a group; `fragment` and `-` cells join the current one;
    `skip` and `notes` cells are not shown and belong to none.
    """
    groups = []
    for cell in nb.cells:
        kind = slide_type(cell) or "-"
        if kind in ("slide", "subslide") or (kind in SHOWN and not groups):
            groups.append((kind, [cell]))
        elif kind in SHOWN:
            groups[-1][1].append(cell)
    return groups


def line_counts(cells):
    """(non-blank code lines, non-blank markdown lines) of a group of cells."""
    code = sum(len([ln for ln in c.source.splitlines() if ln.strip()])
               for c in cells if c.cell_type == "code")
    text = sum(len([ln for ln in c.source.splitlines() if ln.strip()])
               for c in cells if c.cell_type == "markdown")
    return code, text


def is_wall_of_code(cells):
    """True when a slide's code is too long or too dense to read from the back of a room."""
    code, text = line_counts(cells)
    return code > MAX_CODE_LINES or (code > DENSE_CODE_LINES and code > DENSE_SHARE * (code + text))


def fetch_assets(out):
    """`npm pack` the ASSETS packages into `out/_assets`; return nbconvert options or None.

    A package already in `out/_assets` is not fetched again. None when npm is missing or fails.
    """
    assets = Path(out) / "_assets"
    missing = {package: (inner, name) for package, (inner, name) in ASSETS.items()
               if not _unpacked(assets, inner, name)}
    npm = shutil.which("npm")
    if missing and npm is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for package, (inner, name) in missing.items():
            if not _npm_unpack(npm, package, Path(tmp), inner, assets / name):
                return None
    return asset_options()


def _unpacked(assets, inner, name):
    """True when every kept path of a package is already under `assets/name`."""
    if len(inner) == 1:
        return (assets / name).exists()
    return all((assets / name / path).exists() for path in inner)


def _npm_unpack(npm, package, tmp, inner, target):
    """Download `package` with `npm pack` into `tmp` and copy its `inner` paths to `target`."""
    done = subprocess.run([npm, "pack", "--silent", package], cwd=tmp,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not done.stdout.strip():
        return False
    unpacked = tmp / target.name
    with tarfile.open(tmp / done.stdout.strip().splitlines()[-1]) as tar:
        tar.extractall(unpacked, filter="data")
    root = unpacked / "package"
    target.parent.mkdir(parents=True, exist_ok=True)
    if len(inner) == 1 and (root / inner[0]).is_file():
        shutil.copy(root / inner[0], target)
        return True
    for path in inner:
        source, copy = root / path, target / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy, dirs_exist_ok=True)
        else:
            shutil.copy(source, copy)
    return True


def asset_options():
    """nbconvert options pointing the slides at the copies in `_assets/` (relative URLs)."""
    return {"SlidesExporter.reveal_url_prefix": "_assets/reveal.js",
            "HTMLExporter.mathjax_url": f"_assets/mathjax/MathJax.js?config={MATHJAX_CONFIG}",
            "HTMLExporter.require_js_url": "_assets/require.js",
            "HTMLExporter.jquery_url": "_assets/jquery.min.js"}


def without_live_views(nb):
    """The notebook with each live control's widget view dropped, so its stored picture and
    readout (the other parts of the same output) show on a static slide. The picture's
    <figure> is marked with the demo's class (`data-nn-demo`), and the line telling a reader
    to run the cell is left out (a slide has no cell to run)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]
                name = re.match(r"Live demo (\w+)", str(data.get("text/plain", "")))
                if "text/html" in data and name:
                    page = "".join(data["text/html"])
                    page = re.sub(r"<br><i>A live demo \(\w+\):[^<]*</i>", "", page)
                    data["text/html"] = page.replace(
                        "<figure>", f'<figure data-nn-demo="{name.group(1)}">', 1)
    nb.metadata.pop("widgets", None)
    return nb


def export(path, out, options=None):
    """Export one notebook to `out/NAME.slides.html` with nbconvert; return the HTML path.

    `options` are nbconvert settings (default: every script from its CDN); the LAYOUT settings
    and the LAYOUT_CSS template are always added.
    """
    options = {**(options or {"SlidesExporter.reveal_url_prefix": REVEAL_CDN}), **LAYOUT}
    flags = [f"--{key}={item}" for key, value in options.items()
             for item in (value if isinstance(value, (list, tuple)) else [value])]
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "course_slides.html.j2"
        template.write_text(TEMPLATE, encoding="utf-8")
        still = Path(tmp) / Path(path).name
        nbformat.write(without_live_views(nbformat.read(path, as_version=4)), still)
        command = [sys.executable, "-m", "nbconvert", "--to", "slides", "--log-level=ERROR",
                   f"--template-file={template}", "--output-dir", str(out), *flags, str(still)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"nbconvert failed on {Path(path).name}:\n{done.stderr.strip()}")
    return Path(out) / (Path(path).stem + ".slides.html")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help=f"notebooks (default: every NN_*.ipynb in {NOTEBOOKS})")
    parser.add_argument("--out", type=Path, required=True, help="folder for the slides")
    parser.add_argument("--cdn", action="store_true",
                        help="load reveal.js, MathJax, require.js and jQuery from CDNs (no npm)")
    args = parser.parse_args(argv)
    paths = args.notebooks or course_notebooks()
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    options = None if args.cdn else fetch_assets(args.out)
    if options is None and not args.cdn:
        print("warning: could not fetch reveal.js and MathJax with npm; the slides load them "
              f"from {REVEAL_CDN} and cdnjs (needs internet; offline, formulas show as TeX)",
              file=sys.stderr)
    for path in paths:
        groups = slide_groups(nbformat.read(path, as_version=4))
        try:
            html = export(path, args.out, options)
        except RuntimeError as e:
            print(f"FAILED {e}", file=sys.stderr)
            return 1
        print(f"wrote {html} ({len(groups)} slides and sub-slides)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
