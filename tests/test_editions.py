"""The two editions agree with their one source and with each other, and both run clean.

- notebooks/ holds exactly what the build makes of course/ (nobody hand-edits a notebook);
- learner and teacher editions have the same cells apart from solutions and teacher notes;
- every stub keeps its solution's names and signatures;
- the teacher edition runs with every check ✅ (the learner edition runs under strict nbval,
  every check ⏳ — tests/test_notebook_shape.py reads that from its stored outputs).
"""

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402
from build_notebooks import execute  # noqa: E402

from nnlib.exercises.core import RESULT_LINE  # noqa: E402

SOURCES = editions.course_sources()
TEACHER_WORDS = re.compile(r"teacher'?s? note|^teacher:|ask the room|student cop", re.I | re.M)


def results(nb):
    """[(mark, title, verdict, hint line or None)] of every checker line in the stored outputs."""
    found = []
    for cell in nb.cells:
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = RESULT_LINE.match(line)
            if m:
                nxt = lines[i + 1] if i + 1 < len(lines) else ""
                found.append((m.group(1), m.group(2), m.group(3),
                              nxt.strip() if nxt.startswith("   Hint: ") else None))
    return found


def shape(cell):
    """What must not change between a build and the committed file: type, source, metadata."""
    return cell.cell_type, cell.source, dict(cell.metadata)


def signatures(code):
    """{function name: its arguments} and the sorted top-level names a cell defines."""
    tree = ast.parse(code)
    funcs = {n.name: ast.dump(n.args) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    return funcs, sorted(editions.assigned_names(code))


# ---- the real course -------------------------------------------------------------------------

def test_every_source_has_its_learner_notebook_and_nothing_else_is_there():
    built = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert built == [s.stem for s in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_learner_notebook_is_what_the_source_builds(source):
    committed = nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4)
    fresh = editions.edition(source, "learner")
    assert [shape(c) for c in committed.cells] == [shape(c) for c in fresh.cells], (
        f"notebooks/{source.stem}.ipynb is stale or was edited by hand: run  make notebooks")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_editions_agree_apart_from_solutions_and_teacher_notes(source):
    learner = editions.edition(source, "learner")
    teacher = editions.edition(source, "teacher")
    kept = [c for c in teacher.cells if editions.TEACHER_TAG not in editions.tags(c)]
    shown = [c for c in learner.cells
             if not (c.cell_type == "markdown" and editions.SOLUTION_TAG in editions.tags(c))]
    assert len(kept) == len(shown)
    for t, s in zip(kept, shown):
        assert (t.cell_type, t.metadata) == (s.cell_type, s.metadata)
        if editions.has_solution(t):
            assert editions.PLACEHOLDER in s.source and editions.BEGIN not in s.source
            assert signatures(editions.solution_code(t.source))[0].keys() == \
                signatures(s.source)[0].keys()
            solved, stub = signatures(editions.solution_code(t.source)), signatures(s.source)
            assert solved == stub, f"a stub lost its solution's names or signature:\n{s.source}"
        else:
            assert t.source == s.source


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_learner_edition_hides_every_answer_and_holds_no_teacher_talk(source):
    learner = editions.edition(source, "learner")
    for cell in learner.cells:
        assert editions.BEGIN not in cell.source and editions.END not in cell.source
        assert editions.TEACHER_TAG not in editions.tags(cell)
        if cell.cell_type == "markdown" and editions.SOLUTION_TAG not in editions.tags(cell):
            assert not TEACHER_WORDS.search(cell.source), cell.source[:200]
    stubs = sum(c.source.count(editions.PLACEHOLDER) for c in learner.cells
                if c.cell_type == "code")
    revealed = [c for c in learner.cells if editions.SOLUTION_TAG in editions.tags(c)]
    assert len(revealed) >= stubs
    assert all(c.source.startswith("<details>") for c in revealed)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_teacher_edition_runs_clean_with_every_check_passing(source, tmp_path):
    nb = execute(editions.edition(source, "teacher"), tmp_path, store_widget_state=False)
    found = results(nb)
    learner = results(nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4))
    assert {t for _, t, _, _ in found} == {t for _, t, _, _ in learner}
    assert [(t, v) for mark, t, v, _ in found if mark != "✅"] == []
    for mark, title, verdict, hint in learner:
        assert (mark, verdict) == ("⏳", "not done yet"), title
        assert hint and len(hint) > len("Hint: ") + 5, f"{title}: no hint after 'not done yet'"


# ---- the placeholder rule, on small synthetic cells ------------------------------------------

def test_top_level_block_becomes_none_for_each_assigned_name():
    source = ("import numpy as np\n### BEGIN SOLUTION\nimport math\nw, b = 1.0, 2.0\n"
              "for k in range(3):\n    total = k\ndef helper(z):\n    inner = z\n    return inner\n"
              "class Net:\n    size = 3\nsquares = [i * i for i in range(3)]\n### END SOLUTION\n"
              "check(w, b)")
    assert editions.strip_solutions(source) == (
        "import numpy as np\n# YOUR CODE HERE\nw = None\nb = None\nk = None\ntotal = None\n"
        "helper = None\nNet = None\nsquares = None\ncheck(w, b)")


def test_indented_block_becomes_return_none_at_its_indentation():
    source = ("def sigmoid_derivative(z):\n    \"\"\"σ'(z).\"\"\"\n    ### BEGIN SOLUTION\n"
              "    s = 1 / (1 + np.exp(-z))\n    return s * (1 - s)\n    ### END SOLUTION\n\n"
              "check(sigmoid_derivative)")
    assert editions.strip_solutions(source) == (
        "def sigmoid_derivative(z):\n    \"\"\"σ'(z).\"\"\"\n    # YOUR CODE HERE\n"
        "    return None\n\ncheck(sigmoid_derivative)")


def test_several_blocks_in_one_cell():
    source = ("### BEGIN SOLUTION\na = 1\n### END SOLUTION\nprint(a)\n"
              "def f():\n    ### BEGIN SOLUTION\n    return 2\n    ### END SOLUTION")
    assert editions.strip_solutions(source) == (
        "# YOUR CODE HERE\na = None\nprint(a)\ndef f():\n    # YOUR CODE HERE\n    return None")


@pytest.mark.parametrize("source, words", [
    ("### BEGIN SOLUTION\nx = 1", "without ### END"),
    ("x = 1\n### END SOLUTION", "without ### BEGIN"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ("### BEGIN SOLUTION\nx = = 1\n### END SOLUTION", "not valid Python"),
])
def test_malformed_blocks_are_refused(source, words):
    with pytest.raises(editions.SolutionError, match=words):
        editions.strip_solutions(source)


def source_notebook(*cells):
    """A source notebook node from (kind, text, metadata) triples."""
    make = {"md": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    return nbformat.v4.new_notebook(cells=[make[k](text, metadata=meta) for k, text, meta in cells])


def test_indented_block_outside_a_function_is_refused():
    nb = source_notebook(("code", "for i in range(3):\n    ### BEGIN SOLUTION\n    x = i\n"
                                  "    ### END SOLUTION", {}))
    with pytest.raises(editions.SolutionError, match="cell 0.*must be a function body"):
        editions.learner_edition(nb, "09_x")


def test_learner_edition_stubs_reveals_and_drops_teacher_cells():
    nb = source_notebook(
        ("md", "# 09 · X", {"slideshow": {"slide_type": "slide"}}),
        ("md", "Ask the room first.", {"tags": ["teacher"], "slideshow": {"slide_type": "notes"}}),
        ("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ncheck(x)", {"tags": ["keep-me"]}),
        ("md", "Because x is one.", {"tags": ["solution"]}))
    learner = editions.learner_edition(nb, "09_x")
    assert [c.cell_type for c in learner.cells] == ["markdown", "code", "markdown", "markdown"]
    stub, revealed, prose = learner.cells[1:]
    assert stub.source == "# YOUR CODE HERE\nx = None\ncheck(x)"
    assert stub.metadata == {"tags": ["keep-me"], "slideshow": {"slide_type": "-"}}
    assert revealed.source == ("<details>\n<summary>" + editions.SHOW_SOLUTION + "</summary>\n\n"
                               "```python\nx = 1\ncheck(x)\n```\n\n</details>")
    assert prose.source.startswith("<details>") and "Because x is one." in prose.source
    teacher = editions.teacher_edition(nb, "09_x")
    assert [c.source for c in teacher.cells] == [c.source for c in nb.cells]
    assert teacher.cells[1].metadata["slideshow"] == {"slide_type": "notes"}
    assert len({c.id for c in learner.cells}) == len(learner.cells)


SYNTHETIC = [
    "import numpy as np\nfrom nnlib.exercises.core import exercise, expect_number, "
    "expect_function\ncheck_mean = exercise('Exercise 1 — mean', lambda m: "
    "expect_number(m, 2.0, 'mean'), hint='Add them up, divide by 3.')\n"
    "check_square = exercise('Exercise 2 — square', lambda f: expect_function(f, "
    "lambda x: x * x, [np.array([1.0, -3.0])], 'square(x)'), hint='x times x.')",
    "### BEGIN SOLUTION\nvalues = [1, 2, 3]\nmean = sum(values) / len(values)\n"
    "### END SOLUTION\ncheck_mean(mean)",
    "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION\n\n"
    "check_square(square)",
    "print('other cells still run')",
]


def test_synthetic_notebook_end_to_end(tmp_path):
    """Teacher edition passes, learner edition says not done yet — with a real kernel."""
    nb = source_notebook(*[("code", s, {}) for s in SYNTHETIC])
    teacher = execute(editions.teacher_edition(nb, "09_x"), tmp_path)
    assert [r[:3] for r in results(teacher)] == [("✅", "Exercise 1 — mean", "correct"),
                                                 ("✅", "Exercise 2 — square", "correct")]
    learner = execute(editions.learner_edition(nb, "09_x"), tmp_path)
    assert results(learner) == [
        ("⏳", "Exercise 1 — mean", "not done yet", "Hint: Add them up, divide by 3."),
        ("⏳", "Exercise 2 — square", "not done yet", "Hint: x times x.")]
    assert learner.cells[-1].outputs[0]["text"] == "other cells still run\n"
