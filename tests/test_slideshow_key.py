"""The docs name the key that really starts the live slideshow, and the environment binds it.

The key is the course's own setting (tools/slide_style.py START_KEY, written into JupyterLab's
overrides.json by `make lab`): jupyterlab-slideshow has no key of its own for `deck:toggle`.
tests/test_slideshow.py presses it in Chromium; this file keeps the texts and the installed
settings in step with it.
"""

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import slide_style  # noqa: E402
import slideshow_browser  # noqa: E402

DOCS_THAT_NAME_IT = [REPO / "README.md", REPO / "CONTRIBUTING.md", REPO / "docs" / "teaching-guide.md"]
# every text a maintainer or learner reads: none may name another key for the slideshow
TEXTS = DOCS_THAT_NAME_IT + sorted((REPO / "docs").glob("**/*.md")) + sorted((REPO / "course").glob("*.md")) \
    + sorted((REPO / "tools").glob("*.py"))
MODIFIERS = ("Ctrl", "Control", "Cmd", "Command", "Meta", "Accel", "Shift", "Alt", "Option")
# the deck's own keys (jupyterlab-slideshow 0.3.4), as README "For teachers" lists them
DECK_KEYS = ["Space", "Shift+Space", "Esc"]


def written_key():
    """slide_style.START_KEY as the docs write keys: JupyterLab's "Alt R" becomes "Alt+R"."""
    return "+".join(slide_style.START_KEY.split())


def key_pattern(key):
    """A regex for ``key`` ("Alt+R") as text may write it: Alt+R, Alt-R, `Alt`+`R`, <kbd>."""
    parts = [re.escape(p) for p in key.split("+")]
    joiner = r"(?:</kbd>|`)?\s*[+\-]\s*(?:<kbd>|`)?"
    return re.compile(r"\b" + joiner.join(parts) + r"\b", re.IGNORECASE)


def test_the_course_binds_alt_r_to_the_slideshow():
    # what the docs were written against; the browser test presses this key
    assert written_key() == "Alt+R"
    shortcut, = slide_style.lab_overrides()["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    assert shortcut["command"] == "deck:toggle" and shortcut["keys"] == [slide_style.START_KEY]


def test_the_installed_settings_are_the_course_settings():
    path = slideshow_browser.overrides_path()
    if not path.is_file():
        pytest.fail(f"{path} is missing: `make lab` writes it (tools/slide_style.py)", pytrace=False)
    assert json.loads(path.read_text(encoding="utf-8")) == slide_style.lab_overrides(), (
        f"{path} is not what tools/slide_style.py writes: run `make lab`")


@pytest.mark.parametrize("doc", DOCS_THAT_NAME_IT, ids=lambda p: p.name)
def test_the_docs_name_the_key(doc):
    text = doc.read_text(encoding="utf-8")
    assert key_pattern(written_key()).search(text), (
        f"{doc.name} should tell how to start the live slides: {written_key()}")


def test_the_readme_lists_the_deck_keys():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## For teachers", 1)[1].split("\n## ", 1)[0]
    missing = [k for k in DECK_KEYS if not key_pattern(k).search(section)]
    assert not missing, f"README 'For teachers' does not say how to use {missing} in the slideshow"


def test_no_text_names_another_key_for_the_slideshow():
    other = re.compile(r"\b(?:" + "|".join(MODIFIERS) + r")(?:</kbd>|`)?\s*[+\-]\s*(?:<kbd>|`)?R\b",
                       re.IGNORECASE)
    wrong = []
    for path in TEXTS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in other.finditer(line):
                written = re.sub(r"</?kbd>|`|\s", "", match.group(0)).replace("-", "+").lower()
                if written != written_key().lower():
                    wrong.append(f"{path.relative_to(REPO)}:{number}: {match.group(0)}")
    assert not wrong, f"the slideshow key is {written_key()}, but: {wrong}"
