"""The live slideshow: every notebook presented in JupyterLab with jupyterlab-slideshow, in
headless Chromium at 1280x720, the way README "For teachers" says.

For each notebooks/*.ipynb: open it, Run All, press Alt+R (start), then press Space through the
whole deck. On the first live demo that has a slider, a key press on the slider must change the
demo's picture while the slide stays. Every slide is measured against the targets in
tools/slide_style.py (text sizes, figure widths and label sizes, overflow, words of prose), and
no worked solution may show. At the end Esc leaves the deck, and the file on disk must be
byte-identical to before (presenting saves nothing).

The server serves a temporary copy of notebooks/ (autosave off). Without Chromium or Playwright
the test is skipped, except under CI=true. The course environment must have jupyterlab-slideshow
and the settings that `make lab` writes (tools/slide_style.py), else the test fails and says so.
A screenshot of every slide that misses a target goes to test-artifacts/slideshow/, and a table
of every slide's measures to test-artifacts/slideshow/slides.txt.
"""

import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import load_tool, unavailable

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("NN_BROWSER_NOTEBOOKS", REPO / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = REPO / "test-artifacts" / "slideshow"
NOTEBOOK_BUDGET_S = 480  # one notebook: run it, then every slide (~1 min on a quiet machine)
SLIDER_WAIT_S = 10

sys.path.insert(0, str(REPO / "tools"))
import slide_style  # noqa: E402


@pytest.fixture(scope="module")
def tools():
    try:
        import psutil  # noqa: F401
    except ImportError:
        unavailable("psutil is not installed", "the slideshow test")
    jb = load_tool("jupyter_browser")
    sb = load_tool("slideshow_browser")
    if jb.find_chromium() is None:
        unavailable("no `chromium` on PATH (Debian: apt-get install chromium)", "the slideshow test")
    if not jb.playwright_available():
        unavailable("the Python package playwright is not installed", "the slideshow test")
    problems = sb.environment_problems()
    if problems:
        pytest.fail("the course environment cannot present: " + "; ".join(problems), pytrace=False)
    return jb, sb


@pytest.fixture(scope="module")
def lab(tools, tmp_path_factory):
    """One JupyterLab server and one Chromium page at the projector's size, for the module."""
    jb, _ = tools
    root = tmp_path_factory.mktemp("slideshow-root")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "kernel-ipc-*"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server, browser = jb.JupyterLabServer(root), jb.Browser()
    try:
        server.start()
        browser.start()
        yield root, server, browser.new_page(*slide_style.SCREEN)
    finally:
        browser.stop()
        server.stop()


def _title(nb, index):
    first = nb.cells[index].source.strip().splitlines() or [""]
    return re.sub(r"\s+", " ", first[0])[:60]


def present(tools, lab, notebook):
    """Present `notebook` once: Run All, Alt+R, Space to the end (trying the first demo's
    slider on the way), Esc. Returns what was seen."""
    jb, sb = tools
    root, server, page = lab
    path = root / "notebooks" / notebook.name
    for old in ARTIFACTS.glob(f"{notebook.stem}*"):  # this notebook's pictures of a run before
        old.unlink()
    before = path.read_bytes()
    nb = nbformat.reads(before.decode("utf-8"), as_version=4)
    seen = {"slides": [], "slider": None, "slider_cell": None, "stayed": None, "visible": set()}
    try:
        jb.open_notebook(page, server, f"notebooks/{notebook.name}", re.sub(r"\W", "-", notebook.stem))
        seen["run"] = jb.run_all_cells(page, server, timeout=240)
        jb.wait_widgets_rendered(page, timeout=30)
        fonts = sb.figure_fonts(page)
        models = sb.demo_models(page)
        with_slider = [i for i in sb.demo_cells(page) if page.evaluate(
            "(i) => !!window.jupyterapp.shell.currentWidget.content.widgets[i].node"
            ".querySelector('.nn-demo .widget-slider .noUi-handle')", i)]
        target = with_slider[0] if with_slider else None
        seen["start"] = sb.start_slideshow(page)
        shown = set()
        for _ in range(400):
            state = sb.slide_state(page)
            key = tuple(state["visible"])
            if key not in shown:
                shown.add(key)
                slide = sb.measure_slide(page, fonts, models)
                slide["first"] = slide["cells"][0] if slide["cells"] else state["active"]
                slide["title"] = _title(nb, slide["first"])
                slide["problems"] = sb.problems(slide)
                if slide["problems"]:
                    page.screenshot(path=str(ARTIFACTS / f"{notebook.stem}-cell{slide['first']:02d}.png"))
                seen["slides"].append(slide)
                seen["visible"].update(state["visible"])
            if target is not None and seen["slider"] is None and target in state["visible"]:
                seen["slider_cell"] = target
                for slider in sb.sliders_in_cell(page, jb, target):
                    seen["slider"] = jb.move_slider(page, slider, timeout=SLIDER_WAIT_S) or None
                    if seen["slider"]:
                        break
                after = sb.slide_state(page)
                seen["stayed"] = after["presenting"] and target in after["visible"]
                page.screenshot(path=str(ARTIFACTS / f"{notebook.stem}-slider.png"))
                seen["slider"] = seen["slider"] or False
            if not sb.next_slide(page):
                break
        sb.leave_slideshow(page)
        seen["left"] = not sb.slide_state(page)["presenting"]
        page.wait_for_timeout(1500)  # time for any save the deck might start
    finally:
        try:
            server.shutdown_kernels(timeout=10)
        except Exception:
            pass
    seen["unchanged"] = path.read_bytes() == before
    seen["nb"] = nb
    _write_table(notebook, seen)
    return seen


def _write_table(notebook, seen):
    lines = [f"# {notebook.name}: {len(seen['slides'])} slides at {slide_style.SCREEN}",
             "first cell | body px | code px | words | figures (share, axis label px) | problems"]
    for s in seen["slides"]:
        figs = ", ".join(f"{f['name']} {100 * f['share']:.0f}% {f['axis_px'] or 0:.1f}px"
                         for f in s["figures"])
        lines.append(f"{s['first']:3d} {s['title']!r} | {s['body_px']} | {s['code_px']} | "
                     f"{s['words']} | {figs} | {'; '.join(s['problems'])}")
    (ARTIFACTS / f"{notebook.stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def presentations():
    return {}


@pytest.fixture
def presented(tools, lab, presentations, deadline):
    def get(notebook):
        if notebook.name not in presentations:
            try:
                presentations[notebook.name] = present(tools, lab, notebook)
            except Exception as err:  # presented once: the other tests of it report the same
                presentations[notebook.name] = err
        seen = presentations[notebook.name]
        if isinstance(seen, Exception):
            raise seen
        return seen
    return get


def _params():
    if not NOTEBOOKS:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOK_DIR}"))]
    return [pytest.param(nb, id=nb.stem) for nb in NOTEBOOKS]


def _demo_cells(notebook):
    nb = nbformat.read(notebook, as_version=4)
    return [i for i, c in enumerate(nb.cells) if "nbval-ignore-output" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("notebook", _params())
def test_a_slider_moves_the_picture_inside_the_slideshow(tools, presented, notebook):
    seen = presented(notebook)
    assert seen["run"]["errors"] == 0 and seen["run"]["pending"] == 0, seen["run"]
    assert seen["start"]["presenting"], "Alt+R did not start the slideshow"
    if not _demo_cells(notebook):
        pytest.skip(f"{notebook.name} has no live demo")
    assert seen["slider_cell"] is not None, "the deck never showed a live demo with a slider"
    assert seen["slider"], (f"a key press on a slider of cell {seen['slider_cell']} did not change "
                            f"its picture within {SLIDER_WAIT_S} s (see {ARTIFACTS})")
    assert seen["stayed"], "moving the slider left the slide or the slideshow"
    _, sb = tools
    print(sb.report(notebook.name, "slider", f"{notebook.name} (live): on cell {seen['slider_cell']}'s "
                    f"slide, {seen['slider']['key']} on a slider changed the picture after "
                    f"{seen['slider']['to_src_ms']:.0f} ms"))


@pytest.mark.parametrize("notebook", _params())
def test_presenting_leaves_the_file_unchanged(presented, notebook):
    seen = presented(notebook)
    assert seen["left"], "Esc did not leave the slideshow"
    assert seen["unchanged"], f"{notebook.name} changed on disk while it was presented"


@pytest.mark.parametrize("notebook", _params())
def test_every_cell_meant_for_the_slides_is_shown_and_no_solution(presented, notebook):
    seen = presented(notebook)
    nb = seen["nb"]
    hidden = {"skip", "notes"}
    expected = {i for i, c in enumerate(nb.cells)
                if c.metadata.get("slideshow", {}).get("slide_type") not in hidden}
    missing = sorted(expected - seen["visible"])
    assert not missing, (
        f"cells never shown on a slide: {missing[:12]} (slide types "
        f"{sorted({nb.cells[i].metadata.get('slideshow', {}).get('slide_type') for i in missing}, key=str)})")
    solutions = sorted({i for s in seen["slides"] for i in s["solutions"]})
    assert not solutions, f"worked solutions shown on a slide: cells {solutions}"


@pytest.mark.parametrize("notebook", _params())
def test_every_slide_is_readable_from_the_back_row(tools, presented, notebook):
    _, sb = tools
    seen = presented(notebook)
    slides = seen["slides"]
    for s in slides:
        s["where"] = f"cell {s['first']}"
    failing = sb.deck_failures(notebook.name, "live", slides)  # its line: at the end of the run
    assert not failing, (f"{len(failing)} of {len(slides)} slides miss a target "
                         f"(tools/slide_style.py; table in {ARTIFACTS}):\n" + "\n".join(failing))


# ---- a small notebook: what the deck shows and hides ------------------------------------------

def synthetic_notebook():
    import editions

    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        new_md("# 99 · Synthetic", metadata={"slideshow": {"slide_type": "slide"}}),
        new_md("A cell without slide metadata is part of the slide before it."),
        new_code("SOURCE_MARK = 'drawn'\nprint('OUTPUT', 'MARK')",
                 metadata={"tags": [slide_style.HIDE_CODE_TAG]}),
        new_md(editions.details("`answer = 42`"),
               metadata={"slideshow": {"slide_type": "skip"}, "tags": [editions.SOLUTION_TAG]}),
        new_md("Say this aloud.", metadata={"slideshow": {"slide_type": "notes"}}),
        new_md("## Two", metadata={"slideshow": {"slide_type": "slide"}}),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_the_deck_shows_each_slide_with_what_it_should_and_hides_the_rest(tools, lab):
    jb, sb = tools
    root, server, page = lab
    nbformat.write(synthetic_notebook(), root / "notebooks" / "99_synthetic.ipynb")
    try:
        jb.open_notebook(page, server, "notebooks/99_synthetic.ipynb", "synthetic")
        jb.run_all_cells(page, server, timeout=60)
        first = sb.start_slideshow(page)
        seen = page.evaluate("""() => {
          const cells = window.jupyterapp.shell.currentWidget.content.widgets;
          const shown = el => !!el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
          return {code: shown(cells[2].node.querySelector('.jp-Cell-inputWrapper')),
                  output: shown(cells[2].node.querySelector('.jp-OutputArea-output')),
                  text: cells[2].node.innerText};
        }""")
        sb.next_slide(page)
        while sb.slide_state(page)["active"] < 5 and sb.next_slide(page):
            pass
        second = sb.slide_state(page)
        sb.focus_notebook(page)
        page.keyboard.press(sb.START_KEY)  # the same key ends it (Esc too: the other tests)
        page.wait_for_function("() => document.body.dataset.jpDeckMode !== 'presenting'",
                               timeout=20_000)
    finally:
        server.shutdown_kernels(timeout=10)
    assert first["visible"] == [0, 1, 2]  # no slide metadata: on the slide before it
    assert seen["output"] and "OUTPUT MARK" in seen["text"]
    assert not seen["code"], f"the code of a cell tagged {slide_style.HIDE_CODE_TAG} is on the slide"
    assert second["visible"] == [5]  # the solution (skip) and the note are on no slide


def test_the_presentation_settings_are_scoped_to_presenting():
    overrides = slide_style.lab_overrides()
    shortcut, = overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    assert shortcut == {"command": "deck:toggle", "keys": ["Alt R"],
                        "selector": slide_style.START_SELECTOR}
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false"}
    styles = overrides["@deathbeds/jupyterlab-fonts:fonts"]["styles"]
    for selector in styles:
        for part in re.split(r",\s*(?![^(\[]*[)\]])", selector):
            assert part.startswith(slide_style.PRESENTING), part
    assert slide_style.selector("& a, & :is(b, c)[x=',']") == (
        f"{slide_style.PRESENTING} a, {slide_style.PRESENTING} :is(b, c)[x=',']")
    css = slide_style.deck_css()
    assert f"--jp-content-font-size1: {slide_style.BODY_PX}px;" in css
    assert f"--jp-code-font-size: {slide_style.CODE_PX}px;" in css
