"""The two editions agree with their one source and with each other, and both run clean.

- notebooks/ holds exactly what the build makes of course/ (nobody hand-edits a notebook);
- the teacher edition splits each exercise into an nbgrader answer cell and an autograded test
  cell (the visible check, then hidden tests that call the same checker's `score`);
- the learner edition is nbgrader's release of the teacher edition (its stubs are nbgrader's),
  minus teacher notes, plus the folded worked solutions; every stub keeps its function's
  signature and leaves no name the check uses unset;
- the teacher edition runs with every check ✅ and full points (the learner edition runs under
  strict nbval, every check ⏳ — tests/test_notebook_shape.py reads that from its stored outputs).
tests/test_grading.py runs the real nbgrader on both.
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
    """{function name: its arguments} of the functions a cell defines."""
    tree = ast.parse(code)
    return {n.name: ast.dump(n.args) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def without_hidden_tests(source):
    """A test cell's source without its hidden-test block."""
    return re.sub(r"\n?### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS", "", source, flags=re.S)


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
        grading = t.metadata.get("nbgrader", {})
        assert t.cell_type == s.cell_type
        assert {k: v for k, v in t.metadata.items() if k != "nbgrader"} == s.metadata
        if grading.get("solution"):
            assert s.source.count(editions.PLACEHOLDER) == 1 and editions.BEGIN not in s.source
            assert signatures(editions.solution_code(t.source)) == signatures(s.source), (
                f"a stub lost its function's signature:\n{s.source}")
        elif grading.get("grade"):
            assert s.source == without_hidden_tests(t.source) != t.source
        else:
            assert t.source == s.source


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_teacher_edition_marks_every_exercise_for_nbgrader(source):
    teacher = editions.edition(source, "teacher")
    exercises = sum(editions.has_solution(c) for c in editions.read_source(source).cells)
    prefix = source.stem[:2]
    code = [c for c in teacher.cells if c.cell_type == "code"]
    assert code[0].metadata["nbgrader"] == {"grade": False, "grade_id": f"{prefix}-setup",
                                            "locked": True, "schema_version": 3,
                                            "solution": False, "task": False}
    marked = [(c, c.metadata["nbgrader"]) for c in code[1:] if "nbgrader" in c.metadata]
    assert len(marked) == 2 * exercises
    for k, ((answer, a), (tests, g)) in enumerate(zip(marked[::2], marked[1::2]), 1):
        assert a == {"grade": False, "grade_id": f"{prefix}-ex{k}-answer", "locked": False,
                     "schema_version": 3, "solution": True, "task": False}
        assert g == {"grade": True, "grade_id": f"{prefix}-ex{k}-tests", "locked": True,
                     "points": editions.POINTS, "schema_version": 3, "solution": False,
                     "task": False}
        assert answer.source.rstrip().endswith(editions.END)
        visible, hidden = tests.source.split("\n### BEGIN HIDDEN TESTS\n")
        call = visible.strip().splitlines()[-1]
        func, args = call.split("(", 1)
        assert hidden == f"{func}.score({args}\n### END HIDDEN TESTS"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_learner_edition_hides_every_answer_and_holds_no_teacher_talk(source):
    learner = editions.edition(source, "learner")
    for cell in learner.cells:
        assert editions.BEGIN not in cell.source and editions.END not in cell.source
        assert "HIDDEN TESTS" not in cell.source and ".score(" not in cell.source
        assert "nbgrader" not in cell.metadata
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
    points = [o["data"]["text/plain"] for c in nb.cells if editions.grading(c).get("grade")
              for o in c.outputs if o["output_type"] == "execute_result"]
    assert points == [f"{float(editions.POINTS)}"] * len(found)
    for mark, title, verdict, hint in learner:
        assert (mark, verdict) == ("⏳", "not done yet"), title
        assert hint and len(hint) > len("Hint: ") + 5, f"{title}: no hint after 'not done yet'"


# ---- the cell rules, on small synthetic notebooks --------------------------------------------

def source_notebook(*cells):
    """A source notebook node from (kind, text, metadata) triples."""
    make = {"md": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    return nbformat.v4.new_notebook(cells=[make[k](text, metadata=meta) for k, text, meta in cells])


def one_exercise(source):
    """A set-up cell and one exercise cell with `source`."""
    return source_notebook(("code", "import numpy as np", {}), ("code", source, {}))


def test_teacher_edition_splits_an_exercise_into_answer_and_tests():
    nb = one_exercise("x = y = None  # your answers replace None\n### BEGIN SOLUTION\nx, y = 1, 2\n"
                      "### END SOLUTION\ncheck.pair(x, y=y)")
    setup, answer, tests = editions.teacher_edition(nb, "09_x").cells
    assert setup.metadata["nbgrader"]["grade_id"] == "09-setup"
    assert answer.source == ("x = y = None  # your answers replace None\n### BEGIN SOLUTION\n"
                             "x, y = 1, 2\n### END SOLUTION")
    assert tests.source == ("check.pair(x, y=y)\n### BEGIN HIDDEN TESTS\n"
                            "check.pair.score(x, y=y)\n### END HIDDEN TESTS")
    assert (answer.metadata["nbgrader"]["grade_id"], tests.metadata["nbgrader"]["grade_id"]) == \
        ("09-ex1-answer", "09-ex1-tests")


def test_learner_stubs_are_nbgraders_one_line():
    nb = one_exercise('def f(z):\n    """Twice z."""\n    ### BEGIN SOLUTION\n    return 2 * z\n'
                      "    ### END SOLUTION\n\ncheck.f(f)")
    setup, stub, check, revealed = editions.learner_edition(nb, "09_x").cells
    assert stub.source == 'def f(z):\n    """Twice z."""\n    # YOUR CODE HERE'
    assert check.source == "check.f(f)"
    assert revealed.source == ("<details>\n<summary>" + editions.SHOW_SOLUTION + "</summary>\n\n"
                               '```python\ndef f(z):\n    """Twice z."""\n    return 2 * z\n\n'
                               "check.f(f)\n```\n\n</details>")


@pytest.mark.parametrize("source, words", [
    ("### BEGIN SOLUTION\nx = 1\ncheck(x)", "without ### END"),
    ("x = 1\n### END SOLUTION\ncheck(x)", "without ### BEGIN"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\ncheck(x)", "inside another"),
    ("x = None\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "no checker call"),
    ("x = None\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ny = x", "no checker call"),
])
def test_malformed_exercises_are_refused(source, words):
    with pytest.raises(editions.SolutionError, match=f"cell 1: .*{words}"):
        editions.teacher_edition(one_exercise(source), "09_x")


def test_an_answer_the_check_uses_must_be_pre_set():
    nb = one_exercise("a = None\n### BEGIN SOLUTION\na, b = 1, 2\n### END SOLUTION\ncheck(a, b)")
    with pytest.raises(editions.SolutionError, match=r"cell 2: the check uses b.*\(b = None\)"):
        editions.learner_edition(nb, "09_x")


@pytest.mark.parametrize("source", [
    "def f(z):\n    ### BEGIN SOLUTION\n    return z\n    ### END SOLUTION\ncheck(f)",
    "for i in range(3):\n    ### BEGIN SOLUTION\n    x = i\n    ### END SOLUTION\ncheck(x)",
])
def test_an_indented_block_must_be_a_function_body_with_a_docstring(source):
    with pytest.raises(editions.SolutionError, match="cell 1: .*function that has a docstring"):
        editions.learner_edition(one_exercise(source), "09_x")


def test_learner_edition_stubs_reveals_and_drops_teacher_cells():
    nb = source_notebook(
        ("md", "# 09 · X", {"slideshow": {"slide_type": "slide"}}),
        ("md", "Ask the room first.", {"tags": ["teacher"], "slideshow": {"slide_type": "notes"}}),
        ("code", "x = None  # your answer replaces None\n### BEGIN SOLUTION\nx = 1\n"
                 "### END SOLUTION\ncheck(x)", {"tags": ["keep-me"]}),
        ("md", "Because x is one.", {"tags": ["solution"]}))
    learner = editions.learner_edition(nb, "09_x")
    assert [c.cell_type for c in learner.cells] == ["markdown"] + ["code"] * 2 + ["markdown"] * 2
    stub, check, revealed, prose = learner.cells[1:]
    assert stub.source == "x = None  # your answer replaces None\n# YOUR CODE HERE"
    assert stub.metadata == {"tags": ["keep-me"]}  # continues its slide: no slide type
    assert check.source == "check(x)"
    assert revealed.source == ("<details>\n<summary>" + editions.SHOW_SOLUTION + "</summary>\n\n"
                               "```python\nx = 1\ncheck(x)\n```\n\n</details>")
    assert prose.source.startswith("<details>") and "Because x is one." in prose.source
    teacher = editions.teacher_edition(nb, "09_x")
    assert teacher.cells[1].metadata["slideshow"] == {"slide_type": "notes"}
    assert [c.source for c in teacher.cells[:2]] == [c.source for c in nb.cells[:2]]
    assert len({c.id for c in learner.cells}) == len(learner.cells)


SYNTHETIC = [
    "import numpy as np\nfrom nnlib.exercises.core import exercise, expect_number, "
    "expect_function\ncheck_mean = exercise('Exercise 1 — mean', lambda m: "
    "expect_number(m, 2.0, 'mean'), hint='Add them up, divide by 3.')\n"
    "check_square = exercise('Exercise 2 — square', lambda f: expect_function(f, "
    "lambda x: x * x, [np.array([1.0, -3.0])], 'square(x)'), hint='x times x.')",
    "mean = None  # your answer replaces None\n### BEGIN SOLUTION\nvalues = [1, 2, 3]\n"
    "mean = sum(values) / len(values)\n### END SOLUTION\ncheck_mean(mean)",
    'def square(x):\n    """x squared."""\n    ### BEGIN SOLUTION\n    return x * x\n'
    "    ### END SOLUTION\n\ncheck_square(square)",
    "print('other cells still run')",
]


def test_synthetic_notebook_end_to_end(tmp_path):
    """Teacher edition passes with full points, learner edition says not done yet — with a
    real kernel."""
    nb = source_notebook(*[("code", s, {}) for s in SYNTHETIC])
    teacher = execute(editions.teacher_edition(nb, "09_x"), tmp_path)
    assert [r[:3] for r in results(teacher)] == [("✅", "Exercise 1 — mean", "correct"),
                                                 ("✅", "Exercise 2 — square", "correct")]
    assert [o["data"]["text/plain"] for c in teacher.cells for o in c.outputs
            if o["output_type"] == "execute_result"] == ["2.0", "2.0"]
    learner = execute(editions.learner_edition(nb, "09_x"), tmp_path)
    assert results(learner) == [
        ("⏳", "Exercise 1 — mean", "not done yet", "Hint: Add them up, divide by 3."),
        ("⏳", "Exercise 2 — square", "not done yet", "Hint: x times x.")]
    assert learner.cells[-1].outputs[0]["text"] == "other cells still run\n"
