"""Slide structure of every notebook, and its reveal.js export (rules in tools/build_slides.py)."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402
import notebook_lint  # noqa: E402
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
        cell("code", lines(3), "-"),
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
             cell("code", lines(code_lines) + "\n\n\n", "-")]
    assert build_slides.is_wall_of_code(cells) is wall


def test_slide_rules_name_each_problem():
    nb = synthetic()
    nb.cells[0].source = "# Synthetic"
    nb.cells[7].metadata["slideshow"]["slide_type"] = "-"
    nb.cells[4].source = lines(30)
    del nb.cells[9].metadata["slideshow"]
    name = "07_synthetic.ipynb"
    assert notebook_lint.rule_title_slide(nb, name) == [
        "the title slide needs an H1 holding the number 07"]
    assert notebook_lint.rule_controls_on_own_slide(nb, name) == [
        "cell 7 holds a live control but its slide_type is '-', not 'slide'"]
    assert "subslide 2 ('A detail.') is a wall of code: 31 code lines" in \
        notebook_lint.rule_no_wall_of_code(nb, name)[0]
    assert notebook_lint.rule_slide_metadata(nb, name) == [
        "cell 9 has no metadata.slideshow.slide_type"]
    assert notebook_lint.rule_enough_slides(nb, name) == ["3 slides; expected at least 5"]


def test_export_of_synthetic_notebook_counts_sections(tmp_path):
    path = tmp_path / "07_synthetic.ipynb"
    nbformat.write(synthetic(), path)
    html = build_slides.export(path, tmp_path / "out").read_text(encoding="utf-8")
    assert len(re.findall(r"<section\b", html)) == expected_sections(synthetic()) == 11
    assert "Say this aloud." in html  # speaker notes travel in an <aside class="notes">
