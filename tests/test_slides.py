"""Slide structure of every notebook, and its reveal.js export (rules in tools/build_slides.py).

The static deck of every notebook is also measured in headless Chromium at 1280x720, slide by
slide with every fragment shown, against the targets of tools/slide_style.py (the live deck's
check is tests/test_slideshow.py): it prints the smallest text and the largest word count found.
These browser checks need npm (reveal.js and MathJax, fetched once) and Chromium, else they skip.
"""

import re
import shutil
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402
import editions  # noqa: E402
import notebook_lint  # noqa: E402
import slide_style  # noqa: E402
from build_notebooks import course_notebooks  # noqa: E402

NOTEBOOKS = course_notebooks(ROOT / "notebooks")


@pytest.mark.parametrize("rule", notebook_lint.SLIDE_RULES, ids=lambda r: r.__name__[5:])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_slide_structure(path, rule):
    nb = nbformat.read(path, as_version=4)
    assert rule(nb, str(path)) == []


def expected_sections(nb):
    """nbconvert writes one <section> per slide around one <section> per slide or sub-slide."""
    groups = build_slides.slide_groups(nb)
    return len(groups) + sum(1 for kind, _ in groups if kind == "slide")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_export_has_one_section_per_slide(path, tmp_path):
    html = build_slides.export(path, tmp_path).read_text(encoding="utf-8")
    nb = nbformat.read(path, as_version=4)
    assert len(re.findall(r"<section\b", html)) == expected_sections(nb)
    assert build_slides.REVEAL_CDN in html


# ---- the rules themselves, on a small synthetic notebook -----------------------------------

def cell(kind, source, slide, tags=()):
    c = (nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell)(source)
    if slide is not None:  # None: continues the slide before it (as the build writes it)
        c.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def lines(n):
    return "\n".join(f"x{i} = {i}" for i in range(n))


def synthetic():
    return nbformat.v4.new_notebook(cells=[
        cell("md", "# 07 · Synthetic\n\nA promise.", "slide"),
        cell("md", "## Goals\n- a\n- b\n- c", "slide"),
        cell("code", lines(3), None),
        cell("md", "A detail.", "subslide"),
        cell("code", lines(2), "fragment"),
        cell("md", "Say this aloud.", "notes"),
        cell("code", lines(40), "skip"),
        cell("code", "demo", "slide", ["nbval-ignore-output"]),
        cell("md", "## Section", "slide"),
        cell("md", "## Summary", "slide"),
    ])


def test_groups_follow_slide_types_and_leave_out_notes_and_skipped_cells():
    groups = build_slides.slide_groups(synthetic())
    assert [(kind, len(cells)) for kind, cells in groups] == [
        ("slide", 1), ("slide", 2), ("subslide", 2), ("slide", 1), ("slide", 1), ("slide", 1)]
    assert [rule(synthetic(), "07_synthetic.ipynb") for rule in notebook_lint.SLIDE_RULES] == \
        [[]] * len(notebook_lint.SLIDE_RULES)


@pytest.mark.parametrize("code_lines, text_lines, wall", [
    (25, 11, False),  # at the length limit, with enough prose around it
    (26, 30, True),   # too long, however much prose surrounds it
    (15, 0, False),   # dense but short
    (16, 6, True),    # 16 code lines are 73 % of the slide
    (16, 7, False),   # 16 code lines are 70 % of the slide
])
def test_wall_of_code_rule(code_lines, text_lines, wall):
    cells = [cell("md", "\n".join(["words"] * text_lines), "slide"),
             cell("code", lines(code_lines) + "\n\n\n", None)]
    assert build_slides.is_wall_of_code(cells) is wall


def test_slide_rules_name_each_problem():
    nb = synthetic()
    nb.cells[0].source = "# Synthetic"
    del nb.cells[7].metadata["slideshow"]
    nb.cells[4].source = lines(30)
    nb.cells[9].metadata["slideshow"]["slide_type"] = "-"
    name = "07_synthetic.ipynb"
    assert notebook_lint.rule_title_slide(nb, name) == [
        "the title slide needs an H1 holding the number 07"]
    assert notebook_lint.rule_controls_on_own_slide(nb, name) == [
        "cell 7 holds a live control but its slide_type is '-', not 'slide'"]
    assert "subslide 2 ('A detail.') is a wall of code: 31 code lines" in \
        notebook_lint.rule_no_wall_of_code(nb, name)[0]
    assert notebook_lint.rule_slide_metadata(nb, name) == [
        "cell 9 has slide_type '-'; a cell that continues its slide has no slideshow metadata "
        "(`make notebooks` drops '-')"]
    assert notebook_lint.rule_enough_slides(nb, name) == ["3 slides; expected at least 5"]


def test_export_of_synthetic_notebook_counts_sections(tmp_path):
    path = tmp_path / "07_synthetic.ipynb"
    nbformat.write(synthetic(), path)
    html = build_slides.export(path, tmp_path / "out").read_text(encoding="utf-8")
    assert len(re.findall(r"<section\b", html)) == expected_sections(synthetic()) == 11
    assert "Say this aloud." in html  # speaker notes travel in an <aside class="notes">


def test_export_has_the_course_layout(tmp_path):
    path = tmp_path / "07_synthetic.ipynb"
    nbformat.write(synthetic(), path)
    html = build_slides.export(path, tmp_path / "out").read_text(encoding="utf-8")
    assert f"width: {build_slides.SLIDE_WIDTH}," in html
    assert f"height: {build_slides.SLIDE_HEIGHT}," in html
    assert "tools/build_slides.py LAYOUT_CSS" in html
    assert "In&nbsp;[" not in html  # no prompt column
    assert "linebreaks: {automatic: false}" in html


# ---- offline assets (npm pack; skipped without npm or without access to the registry) ---------

LOCAL_URL = re.compile(r'(?:src|href)="(_assets/[^"?]+)|"(_assets/[^"?]+\.js)"')


def offline_assets():
    """(folder, export options): reveal.js and MathJax fetched with `npm pack` into a folder
    outside the repository, kept between runs (fetched once, not every run). Skips without npm."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed (the decks need reveal.js and MathJax)")
    out = Path.home() / ".cache" / "nn-course" / "slides-offline"
    out.mkdir(parents=True, exist_ok=True)
    options = build_slides.fetch_assets(out)
    if options is None:
        pytest.skip("npm pack failed (no access to the npm registry?)")
    return out, options


@pytest.fixture(scope="module")
def offline_slides(tmp_path_factory):
    """A notebook with math, exported against assets fetched with `npm pack`."""
    out, options = offline_assets()
    nb = synthetic()
    nb.cells[1].source += "\n\nThe cost $J = \\frac{1}{m}\\sum_i (\\hat y_i - y_i)^2$."
    nb.cells[2].source += "\nlong = " + " + ".join(f"x{i}" for i in range(40))  # 158 characters
    path = tmp_path_factory.mktemp("nb") / "07_synthetic.ipynb"
    nbformat.write(nb, path)
    return build_slides.export(path, out, options)


def test_offline_export_loads_every_script_from_local_assets(offline_slides):
    html = offline_slides.read_text(encoding="utf-8")
    assert 'src="_assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"' in html
    assert "cdnjs.cloudflare.com/ajax/libs/mathjax" not in html
    assert build_slides.REVEAL_CDN not in html
    local = {a or b for a, b in LOCAL_URL.findall(html)}
    assert {"_assets/reveal.js/dist/reveal.css", "_assets/reveal.js/dist/reveal.js",
            "_assets/reveal.js/plugin/notes/notes.js", "_assets/require.js",
            "_assets/jquery.min.js", "_assets/mathjax/MathJax.js"} <= local
    missing = [url for url in local if not (offline_slides.parent / url).is_file()]
    assert missing == []


def test_offline_slides_render_math_and_fit_the_screen(offline_slides):
    """In headless Chromium with no network: formulas typeset, the slide is inside the window."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.route("http*://**", lambda route: route.abort())  # offline
            page.goto(offline_slides.as_uri() + "#/1", wait_until="load")
            page.wait_for_selector("section.present .mjx-chtml", timeout=20_000)
            slide = page.locator(".slides section.present:not(.stack)")
            box, text = slide.bounding_box(), slide.inner_text()
            cut_off = slide.locator("pre").evaluate_all(
                "pres => pres.filter(p => p.scrollWidth > p.clientWidth + 1).length")
        finally:
            browser.close()
    assert "\\frac" not in text  # typeset, not shown as TeX source
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720
    assert cut_off == 0  # the long code line wraps


def test_a_live_control_shows_its_stored_picture_and_readout_on_a_static_slide(tmp_path):
    nb = synthetic()
    demo = nbformat.v4.new_output("display_data", data={
        build_slides.WIDGET_VIEW: {"model_id": "ab" * 16, "version_major": 2, "version_minor": 0},
        "image/png": "iVBORw0KGgo=",
        "text/html": '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="α = 0.05: '
                     'diverged after 12 steps"><figcaption>J = 3.2e+08</figcaption></figure>',
        "text/plain": "Live demo X: α = 0.05: diverged after 12 steps"})
    demo["data"]["text/html"] = demo["data"]["text/html"].replace(
        "</figcaption>", "<br><i>A live demo (X): run the cell to move its controls.</i></figcaption>")
    nb.cells[7].outputs = [demo]
    nb.cells[7].source = "demo_in_this_cell = X(); demo_in_this_cell"
    path = tmp_path / "07_synthetic.ipynb"
    nbformat.write(nb, path)
    html = build_slides.export(path, tmp_path / "out").read_text(encoding="utf-8")
    assert 'alt="α = 0.05: diverged after 12 steps"' in html
    assert "J = 3.2e+08" in html
    assert build_slides.WIDGET_VIEW not in html
    assert '<figure data-nn-demo="X">' in html  # the check knows whose picture it is
    assert "run the cell" not in html  # a slide has no cell to run
    assert "demo_in_this_cell" not in html  # a demo's code line is left off its slide


# ---- the static deck of every notebook, in Chromium ------------------------------------------

@pytest.fixture(scope="module")
def deck_browser():
    """A headless Chromium page at the projector's size, offline (the decks need no network)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    assets, options = offline_assets()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        try:
            page = browser.new_page(viewport=dict(zip(("width", "height"), slide_style.SCREEN)))
            page.route("http*://**", lambda route: route.abort())
            yield page, assets / "_assets", options, {}
        finally:
            browser.close()


def static_deck(deck_browser, path, tmp_path_factory):
    """(html, measured slides) of the static deck of `path`; exported and measured once."""
    import slideshow_browser as sb

    page, assets, options, cache = deck_browser
    if path.name not in cache:
        out = tmp_path_factory.mktemp("deck")
        (out / "_assets").symlink_to(assets, target_is_directory=True)
        html = build_slides.export(path, out, options)
        text = html.read_text(encoding="utf-8")
        demos = sb.demo_sizes(re.findall(r'data-nn-demo="(\w+)"', text))
        cache[path.name] = (text, sb.measure_reveal(page, html, demos))
    return cache[path.name]


def demo_outputs(nb):
    """(cell index, class name, alt text) of every live demo's stored picture."""
    found = []
    for i, c in enumerate(nb.cells):
        for o in c.get("outputs", []):
            data = o.get("data", {})
            name = re.match(r"Live demo (\w+)", str(data.get("text/plain", "")))
            alt = re.search(r'<img [^>]*alt="([^"]*)"', str(data.get("text/html", "")))
            if build_slides.WIDGET_VIEW in data and name and alt and "image/png" in data:
                found.append((i, name.group(1), alt.group(1)))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_slides_show_each_demo_picture_and_no_solution(deck_browser, path, tmp_path_factory):
    html, slides = static_deck(deck_browser, path, tmp_path_factory)
    nb = nbformat.read(path, as_version=4)
    demos = demo_outputs(nb)
    shown = [f for s in slides for f in s["figures"] if f["name"] != "figure"]
    page = unescape(html)  # nbconvert re-serialises the HTML of an output (entities, attributes)
    for _, name, alt in demos:
        assert f'<figure data-nn-demo="{name}">' in html and f'alt="{unescape(alt)}"' in page, name
    assert len(shown) == len(demos), (f"{len(demos)} demo pictures stored, {len(shown)} shown on "
                                      "the slides")
    assert all(f["share"] >= slide_style.FIGURE_SHARE - 0.005 for f in shown)
    # exercises: the question is on its slide; the worked solution (a collapsed <details> cell
    # of slide type skip, after the exercise) is on none
    solutions = [c for c in nb.cells if editions.SOLUTION_TAG in c.metadata.get("tags", [])]
    assert all(build_slides.slide_type(c) == "skip" for c in solutions)
    assert editions.SHOW_SOLUTION not in html
    assert not [s["slide"] for s in slides if s["solutions"]]
    questions = [next(q for q in reversed(nb.cells[:nb.cells.index(c)]) if q.cell_type == "markdown")
                 for c in solutions]
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for q in questions:
        prose = "\n".join(ln for ln in q.source.splitlines() if not ln.startswith("#"))
        words = " ".join(re.sub(r"[*`$\\]", " ", prose).split()[:4])
        assert words in text, words


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_slides_are_readable_from_the_back_row(deck_browser, path, tmp_path_factory):
    import slideshow_browser as sb

    _, slides = static_deck(deck_browser, path, tmp_path_factory)
    for s in slides:
        s["where"] = f"slide {s['slide']}"
    failing = sb.deck_failures(path.name, "static", slides)  # its line: at the end of the run
    assert not failing, (f"{len(failing)} of {len(slides)} slides miss a target "
                         "(tools/slide_style.py):\n" + "\n".join(failing))


def test_a_cell_tagged_hide_code_shows_only_its_output(tmp_path):
    nb = synthetic()
    nb.cells[2].source = "drawn_by_this_code = 1\nprint('the picture')"
    nb.cells[2].metadata["tags"] = [slide_style.HIDE_CODE_TAG]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="the picture\n")]
    path = tmp_path / "07_synthetic.ipynb"
    nbformat.write(nb, path)
    html = build_slides.export(path, tmp_path / "out").read_text(encoding="utf-8")
    assert "the picture" in html
    assert "drawn_by_this_code" not in html
    assert "x0" in html  # other code cells keep their code
