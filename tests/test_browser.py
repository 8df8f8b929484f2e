"""Every notebook, in a real JupyterLab, in headless Chromium.

For each notebooks/*.ipynb: open it, Run All Cells, wait for an idle kernel, then assert no
error or stderr output, every widget rendered (no "Error displaying widget"), and that a slider
moved with the keyboard changes the image it drives within a bounded time. A screenshot of
each notebook goes to test-artifacts/browser/.

The server serves a temporary copy of notebooks/ (autosave is off too), so the checkout stays
clean. Without Chromium or Playwright the test is skipped, except under CI=true, where a
missing browser is a failure. Set NN_BROWSER_NOTEBOOKS=DIR to run it on another folder.
"""

import importlib.util
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("NN_BROWSER_NOTEBOOKS", REPO / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
ARTIFACTS = REPO / "test-artifacts" / "browser"

NOTEBOOK_BUDGET_S = 240  # hard stop for one notebook, far above the ~10 s it takes
SLIDER_WAIT_S = 10  # a key press must change the picture within this
# The course's five notebooks each teach with live demos, so each must have a slider that moves
# a picture; an extra notebook (07_own_data, ...) is checked for sliders only if it shows any.
MUST_HAVE_SLIDER = re.compile(r"0[1-5]_")


def _load_jupyter_browser():
    spec = importlib.util.spec_from_file_location("jupyter_browser", REPO / "tools" / "jupyter_browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI=true the browser test must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def jb():
    try:
        import psutil  # noqa: F401
    except ImportError:
        _unavailable("psutil is not installed")
    return _load_jupyter_browser()


@pytest.fixture(scope="module")
def lab_page(jb, tmp_path_factory):
    """One JupyterLab server and one Chromium page for the whole module."""
    if jb.find_chromium() is None:
        _unavailable("no `chromium` on PATH (Debian: apt-get install chromium)")
    if not jb.playwright_available():
        _unavailable("the Python package playwright is not installed")
    root = tmp_path_factory.mktemp("browser-root")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = jb.JupyterLabServer(root)
    browser = jb.Browser()
    try:
        server.start()
        browser.start()
        yield server, browser.new_page()
    finally:
        browser.stop()
        server.stop()


@pytest.fixture
def deadline():
    """Raise in the test if it overruns NOTEBOOK_BUDGET_S, so a wedged browser cannot hang CI."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def overrun(signum, frame):
        raise TimeoutError(f"browser test exceeded {NOTEBOOK_BUDGET_S} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.alarm(NOTEBOOK_BUDGET_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _params():
    if not NOTEBOOKS:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOK_DIR} yet"))]
    return [pytest.param(nb, id=nb.stem) for nb in NOTEBOOKS]


@pytest.mark.parametrize("notebook", _params())
def test_notebook_runs_and_reacts_in_browser(jb, lab_page, deadline, notebook):
    server, page = lab_page
    workspace = re.sub(r"[^A-Za-z0-9-]", "-", notebook.stem)
    shot = ARTIFACTS / f"{notebook.stem}.png"
    started = time.monotonic()
    moved = None
    try:
        jb.open_notebook(page, server, f"notebooks/{notebook.name}", workspace)
        status = jb.run_all_cells(page, server, timeout=150)
        widgets = jb.wait_widgets_rendered(page, timeout=20)
        problems = jb.notebook_problems(page)
        sliders = jb.find_sliders(page)
        for slider in (s for s in sliders if s["images"]):
            moved = jb.move_slider(page, slider, timeout=SLIDER_WAIT_S)
            if moved:
                break
    finally:
        try:
            jb.screenshot_notebook(page, shot)
        except Exception as err:  # a screenshot is for people; never mask the real failure
            print(f"no screenshot for {notebook.name}: {err}")
        try:
            server.shutdown_kernels(timeout=10)
        except Exception:
            pass
    print(f"{notebook.name}: {time.monotonic() - started:.1f} s, screenshot {shot}")

    where = f"(screenshot: {shot})"
    assert not problems, f"error output in {notebook.name}: {problems} {where}"
    assert status["pending"] == 0, f"cells left unexecuted: {status} {where}"
    assert widgets["rendered"] == widgets["total"], f"widgets not rendered: {widgets['missing']} {where}"
    if not MUST_HAVE_SLIDER.match(notebook.name) and not sliders:
        return
    assert sliders, f"{notebook.name} shows no slider to move {where}"
    assert moved is not None, (
        f"no slider in {notebook.name} changed the image it drives within {SLIDER_WAIT_S} s {where}"
    )
