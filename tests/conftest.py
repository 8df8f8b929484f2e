"""Shared pytest hooks (keep this small)."""

import time
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
_STARTED = time.time()


def pytest_terminal_summary(terminalreporter):
    """Name the folder of browser screenshots when this run wrote any (tests/test_browser.py)."""
    if SCREENSHOTS.is_dir() and any(p.stat().st_mtime >= _STARTED for p in SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
