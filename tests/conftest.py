"""Shared pytest hooks (keep this small)."""

import importlib.util
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
SLIDE_SUMMARIES = Path(__file__).resolve().parents[1] / "test-artifacts" / "slideshow"  # one line per deck
_STARTED = time.time()


_BROWSER_TEST_RAN = []  # set when a test of tests/test_browser.py reports in this session


def pytest_runtest_logreport(report):
    """Under pytest-xdist the workers' reports reach this hook in the main process too."""
    if report.when == "call" and report.nodeid.split("::")[0].endswith("test_browser.py"):
        _BROWSER_TEST_RAN.append(report.nodeid)


def _written_this_run(pattern):
    # another pytest run on the same checkout may write there meanwhile: only our own browser test counts
    if not _BROWSER_TEST_RAN or not SCREENSHOTS.is_dir():
        return []
    return sorted(p for p in SCREENSHOTS.glob(pattern) if p.stat().st_mtime >= _STARTED)


def pytest_terminal_summary(terminalreporter):
    """After a run of tests/test_browser.py: the axe-core counts per notebook, and the folder
    of screenshots; after the slide checks, one line per deck (smallest text, most words).
    Read from the files the tests wrote, so it also works under pytest-xdist."""
    reports = _written_this_run("axe-*.json")
    if reports:
        terminalreporter.section("accessibility (axe-core, serious + critical violations)")
        for path in reports:
            r = json.loads(path.read_text())
            terminalreporter.write_line(
                f"{r['notebook']:<28} course content {r['content_serious']:>3}   "
                f"JupyterLab {r['chrome_serious']:>3} ({', '.join(r['chrome_rules']) or '-'})")
    if _written_this_run("*.png"):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
    decks = sorted(p for p in SLIDE_SUMMARIES.glob("summary-*.txt") if p.stat().st_mtime >= _STARTED) \
        if SLIDE_SUMMARIES.is_dir() else []
    if decks:
        terminalreporter.section("slides from the back row (1280x720, tools/slide_style.py)")
        for path in decks:
            terminalreporter.write_line(path.read_text(encoding="utf-8").strip())


@pytest.fixture
def expect_scores(capsys):
    """Check an exercise checker's grading: its worked answer earns 2 points, an answer written to
    pass the visible check alone 1 (the hidden tests catch it, and say so), a blank answer 0."""
    def check(checker, worked, visible_only):
        assert checker.score(worked) == 2.0
        assert capsys.readouterr().out == ""
        assert checker.check(visible_only).passed
        assert checker.score(visible_only) == 1.0
        printed = capsys.readouterr().out
        assert "1 of 2 points" in printed and "hidden test does not pass" in printed
        assert checker.score(None) == 0.0
    return check


@pytest.fixture
def deadline(request):
    """Raise in the test if it overruns its module's NOTEBOOK_BUDGET_S (the browser tests), so
    a wedged browser cannot hang CI."""
    budget = request.module.NOTEBOOK_BUDGET_S
    if not (hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()):
        yield
        return

    def overrun(signum, frame):
        raise TimeoutError(f"{request.node.name} exceeded {budget} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.alarm(budget)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def unavailable(reason, what="the browser test"):
    """Skip a test for a missing tool (Chromium, Playwright, ...); under CI=true fail instead,
    since CI installs them all."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI=true {what} must run", pytrace=False)
    pytest.skip(reason)


def load_tool(name):
    """The module tools/<name>.py (the browser tests' helpers), loaded by path."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
