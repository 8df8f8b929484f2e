"""Export every course notebook to static reveal.js slides (`make slides`).

    .venv/bin/python tools/build_slides.py --out slides [--cdn] [notebooks/01_perceptron.ipynb ...]

Each notebook becomes `DIR/NN_name.slides.html` via `jupyter nbconvert --to slides`, using the
stored outputs (no execution), so run `make notebooks` first after a change.

Where the JavaScript comes from. nbconvert's slides template loads reveal.js from a CDN by
default (`https://unpkg.com/reveal.js@4.0.2`), and jQuery, require.js and MathJax from cdnjs.
By default this command fetches reveal.js 4.0.2, require.js and jQuery once with `npm pack` into
`DIR/_assets/` and points the slides there, so they present without internet and the speaker
notes (`s` key) work — nbconvert's notes plugin needs a local reveal.js. With `--cdn`, or when
npm is not available, the slides use the CDNs (a warning says so). Either way MathJax (the
formulas) still comes from cdnjs: offline, formulas show as TeX source. To present fully
offline, present live in JupyterLab instead: `jupyterlab-rise` (Ctrl+R) uses only local files.

Slide structure rules (checked by tests/test_slides.py, helpers here): see `slide_groups` and
`is_wall_of_code`.
"""

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_notebooks import NOTEBOOKS, course_notebooks  # noqa: E402

REVEAL_CDN = "https://unpkg.com/reveal.js@4.0.2"
# npm package -> (file inside the package, name under DIR/_assets)
ASSETS = {
    "reveal.js@4.0.2": ("", "reveal.js"),
    "requirejs@2.3.6": ("require.js", "require.js"),
    "jquery@3.5.1": ("dist/jquery.min.js", "jquery.min.js"),
}
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
    """`npm pack` reveal.js, require.js and jQuery into `out/_assets`; return their URLs or None."""
    assets = Path(out) / "_assets"
    if all((assets / name).exists() for _, name in ASSETS.values()):
        return _asset_urls()
    npm = shutil.which("npm")
    if npm is None:
        return None
    assets.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for package, (inner, name) in ASSETS.items():
            done = subprocess.run([npm, "pack", "--silent", package], cwd=tmp,
                                  capture_output=True, text=True, timeout=300)
            if done.returncode != 0:
                return None
            with tarfile.open(Path(tmp) / done.stdout.strip().splitlines()[-1]) as tar:
                tar.extractall(Path(tmp) / name, filter="data")
            source = Path(tmp) / name / "package" / inner
            if source.is_dir():
                shutil.copytree(source, assets / name, dirs_exist_ok=True)
            else:
                shutil.copy(source, assets / name)
    return _asset_urls()


def _asset_urls():
    return {"SlidesExporter.reveal_url_prefix": "_assets/reveal.js",
            "HTMLExporter.require_js_url": "_assets/require.js",
            "HTMLExporter.jquery_url": "_assets/jquery.min.js"}


def export(path, out, options=None):
    """Export one notebook to `out/NAME.slides.html` with nbconvert; return the HTML path."""
    options = options or {"SlidesExporter.reveal_url_prefix": REVEAL_CDN}
    flags = [f"--{key}={value}" for key, value in options.items()]
    command = [sys.executable, "-m", "nbconvert", "--to", "slides", "--log-level=ERROR",
               "--output-dir", str(out), *flags, str(path)]
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
                        help="load reveal.js, require.js and jQuery from CDNs (no npm)")
    args = parser.parse_args(argv)
    paths = args.notebooks or course_notebooks()
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    options = None if args.cdn else fetch_assets(args.out)
    if options is None and not args.cdn:
        print("warning: could not fetch reveal.js with npm; the slides load it from "
              f"{REVEAL_CDN} (needs internet)", file=sys.stderr)
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
