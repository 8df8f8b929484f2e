"""Shared pytest hooks (keep this small)."""

import json
import time
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
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
    of screenshots. Read from the files the test wrote, so it also works under pytest-xdist."""
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
