"""Every course notebook has the shape CONTRIBUTING.md describes (rules in tools/notebook_lint.py)."""

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_lint  # noqa: E402
from build_notebooks import course_notebooks  # noqa: E402

NOTEBOOKS = course_notebooks(ROOT / "notebooks")
COURSE = ["01_perceptron.ipynb", "02_loss_mse.ipynb", "03_gradient_descent.ipynb",
          "04_backpropagation.ipynb", "05_optimisers.ipynb", "06_iris_classification.ipynb",
          "07_own_data.ipynb", "08_about_the_sources.ipynb"]


# ======== EXISTENCE CHECK: the course notebooks must be there, so that the per-notebook
# ======== tests below cannot pass silently on an empty notebooks/ folder.
def test_the_course_notebooks_exist():
    missing = [name for name in COURSE if not (ROOT / "notebooks" / name).exists()]
    assert not missing, f"course notebooks missing from notebooks/: {missing}"


@pytest.mark.parametrize("rule", notebook_lint.SHAPE_RULES, ids=lambda r: r.__name__[5:])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_shape(path, rule):
    nb = nbformat.read(path, as_version=4)
    assert rule(nb, str(path)) == []


# ---- the rules themselves, on small synthetic notebooks ----------------------------------

def md(text):
    return nbformat.v4.new_markdown_cell(text)


def code(text, count=None, outputs=(), tags=()):
    cell = nbformat.v4.new_code_cell(text, execution_count=count, outputs=list(outputs))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


GOOD_TITLE = ("# 03 · Gradient descent\n\nYou will be able to descend.\n\n"
              "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/r/"
              "HEAD?urlpath=lab/tree/notebooks/03_gradient_descent.ipynb)\n\n"
              "**Time:** 25 minutes · **Prerequisites:** [02](02_loss_mse.ipynb)")


def test_title_rule_accepts_a_full_title_and_names_each_missing_piece():
    name = "notebooks/03_gradient_descent.ipynb"
    assert notebook_lint.rule_title(nbformat.v4.new_notebook(cells=[md(GOOD_TITLE)]), name) == []
    bare = nbformat.v4.new_notebook(cells=[md("# Gradient descent")])
    problems = " ".join(notebook_lint.rule_title(bare, name))
    for words in ("number 03", "Binder badge", "minutes", "prerequisites"):
        assert words in problems


def test_goals_need_three_to_five_bullets():
    nb = nbformat.v4.new_notebook(cells=[md("## Learning goals\n- compute\n- explain")])
    assert notebook_lint.rule_goals(nb, "x") == ["'Learning goals' has 2 bullets; expected 3 to 5"]
    nb.cells[0].source += "\n- predict"
    assert notebook_lint.rule_goals(nb, "x") == []


def test_exercise_rule_counts_blocks_and_rejects_failing_stored_results():
    cells = [md("## Exercises")] + [
        code(f"### BEGIN SOLUTION\nx{i} = 1\n### END SOLUTION\ncheck(x{i})", i + 1,
             [stream(f"✅ Exercise {i} — thing: correct.\n")]) for i in range(1, 4)]
    nb = nbformat.v4.new_notebook(cells=cells)
    assert notebook_lint.rule_exercises(nb, "x") == []
    nb.cells[2].outputs = [stream("❌ Exercise 2 — thing: not quite — x is 2.\n   Hint: h\n")]
    assert notebook_lint.rule_exercises(nb, "x") == [
        "stored output: Exercise 2 — thing: not quite (expected ✅ in the teacher edition)"]
    del nb.cells[3]
    assert "2 '### BEGIN SOLUTION' blocks" in " ".join(notebook_lint.rule_exercises(nb, "x"))


def test_learner_edition_must_store_not_done_yet_for_every_exercise():
    cells = [md("## Exercises")] + [
        code(f"# YOUR CODE HERE\nx{i} = None\ncheck(x{i})", i + 1,
             [stream(f"⏳ Exercise {i} — thing: not done yet.\n   Hint: h\n")])
        for i in range(1, 4)]
    nb = nbformat.v4.new_notebook(cells=cells)
    assert notebook_lint.rule_exercises(nb, "x") == []
    nb.cells[1].outputs = [stream("✅ Exercise 1 — thing: correct.\n")]
    assert notebook_lint.rule_exercises(nb, "x") == [
        "stored output: Exercise 1 — thing: correct (expected ⏳ in the learner edition)"]


def test_an_appendix_may_leave_out_goals_and_exercises():
    nb = nbformat.v4.new_notebook(cells=[md("# 08 · Appendix: about the sources"), md("Text.")])
    assert notebook_lint.rule_exercises(nb, "x") == []
    assert notebook_lint.rule_goals(nb, "x") == []
    nb.cells[0].source = "# 08 · About the sources"
    assert notebook_lint.rule_exercises(nb, "x") and notebook_lint.rule_goals(nb, "x")


def test_execution_order_and_errors_and_ignore_tags():
    widget = nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "m", "version_major": 2,
                                                     "version_minor": 0},
        "text/plain": "VBox()"})
    nb = nbformat.v4.new_notebook(cells=[
        md("## Setup"), code("a = 1", 1), code("demo", 3, [widget]),
        code("print(1)", 2, [stream("1\n")], tags=["nbval-ignore-output"]),
        code("import warnings", 4, [stream("careful\n", "stderr")])])
    assert notebook_lint.rule_executed_in_order(nb, "x") == [
        "execution counts are [1, 3, 2, 4]; expected 1..4 (run `make notebooks`)"]
    assert notebook_lint.rule_ignore_only_widgets(nb, "x") == [
        "cell 2 shows a live control but lacks the tag nbval-ignore-output",
        "cell 3 ignores its output but shows no live control"]
    assert notebook_lint.rule_no_errors(nb, "x") == ["cell 4 wrote to stderr: 'careful\\n'"]


def test_next_link_points_to_the_following_notebook(tmp_path):
    for name in ("01_a.ipynb", "02_b.ipynb"):
        nbformat.write(nbformat.v4.new_notebook(), tmp_path / name)
    first = nbformat.v4.new_notebook(cells=[md("## Next\n[On to B](02_b.ipynb)")])
    assert notebook_lint.rule_next_link(first, str(tmp_path / "01_a.ipynb")) == []
    first.cells[0].source = "## Next\nMore soon."
    assert notebook_lint.rule_next_link(first, str(tmp_path / "01_a.ipynb")) == [
        "the last cells must link to 02_b.ipynb"]
    last = nbformat.v4.new_notebook(cells=[md("Back to [A](01_a.ipynb).")])
    assert notebook_lint.rule_next_link(last, str(tmp_path / "02_b.ipynb")) == []


def test_code_must_follow_a_markdown_heading():
    nb = nbformat.v4.new_notebook(cells=[code("x = 1", 1), md("## Setup")])
    assert notebook_lint.rule_code_after_markdown(nb, "x") == [
        "code cell 0 comes before any markdown heading"]
