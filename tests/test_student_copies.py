"""Teacher notebooks pass every check; student copies run and report "not done yet" with hints."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import student_copies  # noqa: E402
from build_notebooks import course_notebooks, execute  # noqa: E402

from nnlib.exercises.core import RESULT_LINE  # noqa: E402

NOTEBOOKS = course_notebooks(ROOT / "notebooks")


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_teacher_notebook_passes_every_check(path):
    found = results(nbformat.read(path, as_version=4))
    assert len({title for _, title, _, _ in found}) >= 3, "fewer than 3 exercises checked"
    assert [(t, v) for mark, t, v, _ in found if mark != "✅"] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_copy_runs_and_every_check_is_not_done_yet(path, tmp_path):
    teacher = {title for _, title, _, _ in results(nbformat.read(path, as_version=4))}
    copy = student_copies.write_copies([path], tmp_path)[0]
    nb = execute(nbformat.read(copy, as_version=4), tmp_path, store_widget_state=False)
    found = results(nb)
    assert {title for _, title, _, _ in found} == teacher
    for mark, title, verdict, hint in found:
        assert (mark, verdict) == ("⏳", "not done yet"), title
        assert hint and len(hint) > len("Hint: ") + 5, f"{title}: no hint after 'not done yet'"
    assert not any(student_copies.BEGIN in c.source for c in nb.cells)


# ---- the placeholder rule, on small synthetic cells ---------------------------------------

def strip(source):
    return student_copies.strip_solutions(source)


def test_top_level_block_becomes_none_for_each_assigned_name():
    source = ("x = 1\n### BEGIN SOLUTION\nW, (b, c) = 1, (2, 3)\nlr: float = 0.1\nW += 1\n"
              "for epoch in range(3):\n    J = epoch\nwith open('f') as fh:\n    pass\n"
              "def helper(z):\n    inner = z\n    return inner\nclass Net:\n    size = 3\n"
              "squares = [k * k for k in range(3)]\nimport math\n"
              "### END SOLUTION\ncheck(W, b)")
    assert strip(source) == ("x = 1\n# YOUR CODE HERE\nW = None\nb = None\nc = None\n"
                             "lr = None\nepoch = None\nJ = None\nfh = None\nhelper = None\n"
                             "Net = None\nsquares = None\ncheck(W, b)")


def test_indented_block_becomes_return_none_at_its_indentation():
    source = ("def sigmoid_derivative(z):\n    \"\"\"σ'(z).\"\"\"\n    ### BEGIN SOLUTION\n"
              "    s = 1 / (1 + np.exp(-z))\n    return s * (1 - s)\n    ### END SOLUTION\n\n"
              "check(sigmoid_derivative)")
    assert strip(source) == ("def sigmoid_derivative(z):\n    \"\"\"σ'(z).\"\"\"\n"
                             "    # YOUR CODE HERE\n    return None\n\ncheck(sigmoid_derivative)")


def test_several_blocks_in_one_cell_and_cells_without_blocks():
    source = "### BEGIN SOLUTION\na = 1\n### END SOLUTION\n### BEGIN SOLUTION\nb = a\n### END SOLUTION"
    assert strip(source) == "# YOUR CODE HERE\na = None\n# YOUR CODE HERE\nb = None"
    assert strip("print('untouched')") == "print('untouched')"


@pytest.mark.parametrize("source, words", [
    ("### BEGIN SOLUTION\nx = 1", "BEGIN SOLUTION without"),
    ("x = 1\n### END SOLUTION", "END SOLUTION without"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ("### BEGIN SOLUTION\nx = (\n### END SOLUTION", "not valid Python"),
])
def test_malformed_blocks_are_refused(source, words):
    with pytest.raises(student_copies.SolutionError, match=words):
        strip(source)


def test_indented_block_outside_a_function_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "for i in range(3):\n    ### BEGIN SOLUTION\n    x = i\n    ### END SOLUTION")])
    with pytest.raises(student_copies.SolutionError, match="cell 0.*must be a function body"):
        student_copies.student_notebook(nb, "07_x.ipynb")


def test_copy_drops_solution_cells_clears_outputs_keeps_metadata():
    out = nbformat.v4.new_output("stream", name="stdout", text="✅ Exercise 1 — x: correct.\n")
    answer = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ncheck(x)",
                                       execution_count=4, outputs=[out])
    answer.metadata["slideshow"] = {"slide_type": "-"}
    answer.metadata["tags"] = ["keep-me"]
    prose = nbformat.v4.new_markdown_cell("Worked answer: x is 1.")
    prose.metadata["tags"] = ["solution"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 07"), answer, prose])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    copy = student_copies.student_notebook(nb)
    assert [c.cell_type for c in copy.cells] == ["markdown", "code"]
    cell = copy.cells[1]
    assert (cell.source, cell.outputs, cell.execution_count) == (
        "# YOUR CODE HERE\nx = None\ncheck(x)", [], None)
    assert cell.metadata == {"slideshow": {"slide_type": "-"}, "tags": ["keep-me"]}
    assert "widgets" not in copy.metadata and nb.cells[1].execution_count == 4  # input untouched


def test_copy_drops_the_teachers_notes_but_keeps_other_markdown():
    note = nbformat.v4.new_markdown_cell("Teacher's note: most students answer 0.5 here.")
    note.metadata["slideshow"] = {"slide_type": "notes"}
    text = nbformat.v4.new_markdown_cell("What is the cost?")
    text.metadata["slideshow"] = {"slide_type": "-"}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 07"), text, note])
    copy = student_copies.student_notebook(nb)
    assert [c.source for c in copy.cells] == ["# 07", "What is the cost?"]


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
    """Teacher version passes, student version says not done yet — with a real kernel."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in SYNTHETIC])
    nbformat.write(nb, tmp_path / "07_synthetic.ipynb")
    teacher = execute(nbformat.read(tmp_path / "07_synthetic.ipynb", as_version=4), tmp_path)
    assert [r[:3] for r in results(teacher)] == [("✅", "Exercise 1 — mean", "correct"),
                                                 ("✅", "Exercise 2 — square", "correct")]
    assert [c.execution_count for c in teacher.cells] == [1, 2, 3, 4]
    copy = student_copies.write_copies([tmp_path / "07_synthetic.ipynb"], tmp_path / "student")
    student = execute(nbformat.read(copy[0], as_version=4), tmp_path / "student")
    assert results(student) == [
        ("⏳", "Exercise 1 — mean", "not done yet", "Hint: Add them up, divide by 3."),
        ("⏳", "Exercise 2 — square", "not done yet", "Hint: x times x.")]
    assert student.cells[3].outputs[0]["text"] == "other cells still run\n"
