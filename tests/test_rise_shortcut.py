"""The docs name the key that really opens the live slideshow.

The key is read from the installed jupyterlab-rise extension (its settings schema declares the
keyboard shortcut of the command ``RISE:preview``), so the docs cannot drift from it again.
"""

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS_THAT_NAME_IT = [REPO / "README.md", REPO / "CONTRIBUTING.md"]
# every text a maintainer or learner reads: none may name another key for the slideshow
TEXTS = DOCS_THAT_NAME_IT + sorted((REPO / "docs").glob("**/*.md")) + sorted((REPO / "course").glob("*.md")) \
    + sorted((REPO / "tools").glob("*.py"))
MODIFIERS = ("Ctrl", "Control", "Cmd", "Command", "Meta", "Accel", "Shift", "Alt", "Option")


def rise_schema():
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("labextensions"):
        schema = Path(base) / "jupyterlab-rise" / "schemas" / "jupyterlab-rise" / "plugin.json"
        if schema.is_file():
            return schema
    pytest.fail("jupyterlab-rise is not installed (it is in requirements.txt): no plugin.json in "
                f"{jupyter_path('labextensions')}", pytrace=False)


def slideshow_keys():
    """The installed extension's key sequences for RISE:preview, written as the docs write
    keys: lumino's "Alt R" becomes "Alt+R"."""
    shortcuts = json.loads(rise_schema().read_text())["jupyter.lab.shortcuts"]
    keys = [s["keys"] for s in shortcuts if s["command"] == "RISE:preview" and not s.get("disabled")]
    assert keys, "jupyterlab-rise declares no shortcut for RISE:preview any more"
    return ["+".join(k.replace("Accel", "Ctrl").split()) for seq in keys for k in seq]


def key_pattern(key):
    """A regex for ``key`` ("Alt+R") as text may write it: Alt+R, Alt-R, `Alt`+`R`, <kbd>."""
    parts = [re.escape(p) for p in key.split("+")]
    joiner = r"(?:</kbd>|`)?\s*[+\-]\s*(?:<kbd>|`)?"
    return re.compile(r"\b" + joiner.join(parts) + r"\b", re.IGNORECASE)


def test_the_installed_extension_opens_the_slideshow_with_alt_r():
    # what the course's docs were written against; if jupyterlab-rise changes it, this fails first
    assert slideshow_keys() == ["Alt+R"]


@pytest.mark.parametrize("doc", DOCS_THAT_NAME_IT, ids=lambda p: p.name)
def test_readme_and_contributing_name_the_installed_key(doc):
    text = doc.read_text(encoding="utf-8")
    keys = slideshow_keys()
    assert any(key_pattern(k).search(text) for k in keys), (
        f"{doc.name} should tell how to open the live slides: {' or '.join(keys)} "
        "(the key jupyterlab-rise declares for RISE:preview)")


def test_no_text_names_another_key_for_the_slideshow():
    keys = {k.lower() for k in slideshow_keys()}
    other = re.compile(r"\b(?:" + "|".join(MODIFIERS) + r")(?:</kbd>|`)?\s*[+\-]\s*(?:<kbd>|`)?R\b",
                       re.IGNORECASE)
    wrong = []
    for path in TEXTS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in other.finditer(line):
                written = re.sub(r"</?kbd>|`|\s", "", match.group(0)).replace("-", "+").lower()
                if written not in keys:
                    wrong.append(f"{path.relative_to(REPO)}:{number}: {match.group(0)}")
    assert not wrong, f"the slideshow key is {' or '.join(slideshow_keys())}, but: {wrong}"
