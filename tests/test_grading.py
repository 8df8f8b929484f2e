"""Graded classes, end to end with the real nbgrader (pinned in requirements-dev.txt).

For every course notebook, in a temporary course folder laid out and configured as
docs/grading.md tells a teacher (its `nbgrader_config.py` is read from that page):

1. `nbgrader generate_assignment`, the teacher edition as the source;
2. the release equals the learner edition committed in notebooks/ (code and markdown cells,
   apart from the collapsed worked solutions the course adds, and the outputs): one generator;
   it holds no solution and no hidden test;
3. `nbgrader autograde` of three submissions:
   - `teacher`, the teacher edition: full marks;
   - `blank`, the release untouched: 0, every cell run, no error;
   - `mixed`, the release with exercise 1 solved and one other exercise answered with a
     typical mistake: 2 points (exercise 1's), the mistake named in the failure message;
4. `nbgrader generate_feedback`: one HTML file per submission, showing the hints.

The score table is printed at the end (`pytest -s tests/test_grading.py` shows it, with the
time each notebook took). Each notebook is a course folder of its own (its own gradebook), so
two notebooks are graded at once.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402

pytest.importorskip("nbgrader", reason="nbgrader is a test tool: pip install -r requirements-dev.txt")
from nbgrader.api import Gradebook  # noqa: E402

SOURCES = editions.course_sources()
STUDENTS = ("teacher", "blank", "mixed")

#: notebook -> (the exercise answered wrongly, the code a learner wrote in place of the stub,
#: words the failure message must contain). Exercise 1 is solved in every `mixed` submission.
MISTAKES = {
    "01_perceptron": (2, "return np.where(z > 0, 1.0, 0.0)", "not z > 0"),
    "02_loss_mse": (5, "J_ce = -(np.log(0.8) + np.log(0.4)) / 2",
                    "probability is 1 − ŷ, not ŷ"),
    "03_gradient_descent": (2, "overshoot = X @ W + b - y\n"
                               "return X.T @ overshoot / len(X), overshoot.sum(axis=0) / len(X)",
                            "the 2 from the derivative of the square is missing"),
    "04_backpropagation": (2, "delta_out = 2 * (y_4 - y_hat_4) * y_hat_4 * (1 - y_hat_4)",
                           "right size, wrong sign"),
    "05_optimisers": (2, "m = beta1 * m + (1 - beta1) * g\n"
                         "v = beta2 * v + (1 - beta2) * g ** 2\n"
                         "return theta - lr * m / (np.sqrt(v) + eps), m, v",
                      "no bias correction"),
    "06_iris_classification": (3, "accuracy = np.trace(check.CONFUSION) / "
                                  "check.CONFUSION.shape[0]", "not a count of flowers"),
    "07_own_data": (2, "new_fruit_std, _, _ = standardize(new_fruit)",
                    "scaled with their own mean and std"),
}


def grading_config():
    """The nbgrader_config.py that docs/grading.md gives a teacher (its first python block
    with `c = get_config()` and more than the course directory's root)."""
    text = (ROOT / "docs" / "grading.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n((?:(?!```).)*?c = get_config\(\)\n.*?)```", text, re.S)
    assert match, "docs/grading.md: no nbgrader_config.py block (```python, c = get_config())"
    return match.group(1)


def nbgrader(course, *args):
    """Run one nbgrader command in `course` (this Python's nbgrader; alembic on PATH, which
    nbgrader calls to make its gradebook)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}"
                                f"{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    # nbgrader logs a broken nbgrader_config.py and goes on without it
    assert "Exception while loading config file" not in done.stderr, done.stderr[:3000]
    return done.stderr


def grade_cells(nb, kind):
    """{grade id: cell} of the cells whose nbgrader metadata has `kind` ('solution'/'grade')."""
    return {editions.grading(c)["grade_id"]: c for c in nb.cells if editions.grading(c).get(kind)}


def replace_stub(released, code):
    """An answer cell of the release with its stub line replaced by `code`, indented as it."""
    lines = []
    for line in released.splitlines():
        if line.strip() == editions.PLACEHOLDER:
            indent = line[:len(line) - len(line.lstrip())]
            lines += [indent + row for row in code.splitlines()]
        else:
            lines.append(line)
    return "\n".join(lines)


def solution_block(answer):
    """The lines between the solution markers of a teacher answer cell, dedented."""
    lines = answer.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.strip() == editions.BEGIN)
    end = next(i for i, line in enumerate(lines) if line.strip() == editions.END)
    return textwrap.dedent("\n".join(lines[begin + 1:end]))


def mixed_submission(release, teacher, stem):
    """The release with exercise 1 solved (its worked solution typed in place of the stub) and
    one other exercise answered with the mistake of MISTAKES."""
    nb = nbformat.from_dict(release)
    answers, solved = grade_cells(nb, "solution"), grade_cells(teacher, "solution")
    prefix = editions.grade_prefix(stem)
    first = f"{prefix}-ex1-answer"
    answers[first].source = replace_stub(answers[first].source, solution_block(
        solved[first].source))
    wrong, code, _ = MISTAKES[stem]
    cell = answers[f"{prefix}-ex{wrong}-answer"]
    cell.source = replace_stub(cell.source, code)
    return nb


def grade_notebook(source, tmp_path, config):
    """Generate, autograde and give feedback for one notebook in its own course folder."""
    start = time.perf_counter()
    stem = source.stem
    course = tmp_path / stem
    (course / "source" / stem).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    teacher = editions.edition(source, "teacher")
    nbformat.write(teacher, course / "source" / stem / f"{stem}.ipynb")
    nbgrader(course, "generate_assignment", stem)
    release = nbformat.read(course / "release" / stem / f"{stem}.ipynb", as_version=4)
    submissions = {"teacher": teacher, "blank": release}
    if stem in MISTAKES:
        submissions["mixed"] = mixed_submission(release, teacher, stem)
    for student, nb in submissions.items():
        folder = course / "submitted" / student / stem
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{stem}.ipynb")
    log = nbgrader(course, "autograde", stem)
    nbgrader(course, "generate_feedback", stem)
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in submissions:
            submission = gb.find_submission(stem, student)
            scores[student] = (submission.score, submission.max_score,
                               {g.name: g.score for nb in submission.notebooks for g in nb.grades})
    return {"course": course, "release": release, "scores": scores, "log": log,
            "seconds": time.perf_counter() - start}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{notebook: what grading it gave}, every course notebook, two at a time."""
    config = grading_config()
    tmp_path = tmp_path_factory.mktemp("nbgrader-courses")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip([s.stem for s in SOURCES], pool.map(
            lambda s: grade_notebook(s, tmp_path, config), SOURCES)))
    runs["_seconds"] = time.perf_counter() - start
    yield runs
    shutil.rmtree(tmp_path, ignore_errors=True)


def autograded(run, stem, student):
    return nbformat.read(run["course"] / "autograded" / student / stem / f"{stem}.ipynb",
                         as_version=4)


def feedback_text(run, stem, student):
    path = run["course"] / "feedback" / student / stem / f"{stem}.html"
    assert path.exists(), f"no feedback file {path.name} for {student}"
    return html.unescape(path.read_text(encoding="utf-8"))


def exercises(stem):
    source = next(s for s in SOURCES if s.stem == stem)
    return sum(editions.has_solution(c) for c in editions.read_source(source).cells)


def test_grading_config_of_the_docs_uses_the_course_stub():
    config = grading_config()
    assert 'c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}' in config
    assert 'c.TagRemovePreprocessor.remove_cell_tags = ["teacher"]' in config
    assert editions.PLACEHOLDER == "# YOUR CODE HERE"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_release_is_the_learner_edition_and_hides_every_answer(graded, source):
    release = graded[source.stem]["release"]
    committed = nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4)
    shown = [c for c in committed.cells
             if not (c.cell_type == "markdown" and editions.SOLUTION_TAG in editions.tags(c))]
    assert [(c.cell_type, c.source) for c in release.cells] == \
        [(c.cell_type, c.source) for c in shown], (
        f"nbgrader's release of {source.stem} differs from notebooks/: run  make notebooks")
    for cell in release.cells:
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", ".score("):
            assert marker not in cell.source, f"{marker} in the release:\n{cell.source}"
        assert editions.TEACHER_TAG not in editions.tags(cell), cell.source[:200]
        assert not cell.get("outputs")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_teacher_edition_gets_full_marks(graded, source):
    score, maximum, grades = graded[source.stem]["scores"]["teacher"]
    assert maximum == editions.POINTS * exercises(source.stem)
    assert score == maximum, {k: v for k, v in grades.items() if v != editions.POINTS}
    text = feedback_text(graded[source.stem], source.stem, "teacher")
    assert text.count("✅") >= exercises(source.stem)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_blank_learner_edition_gets_zero_and_runs_to_the_end(graded, source):
    run, stem = graded[source.stem], source.stem
    score, maximum, grades = run["scores"]["blank"]
    assert score == 0 and set(grades.values()) <= {0}
    assert len(grades) == exercises(stem)
    nb = autograded(run, stem, "blank")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a cell was not run: grading stopped early"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    text = feedback_text(run, stem, "blank")
    assert text.count("not done yet") >= exercises(stem)
    assert text.count("Hint: ") >= exercises(stem)


@pytest.mark.parametrize("stem", sorted(MISTAKES))
def test_one_solved_one_wrong_gets_the_solved_points_and_names_the_mistake(graded, stem):
    run = graded[stem]
    score, maximum, grades = run["scores"]["mixed"]
    prefix, wrong, _, words = editions.grade_prefix(stem), *MISTAKES[stem]
    assert grades[f"{prefix}-ex1-tests"] == editions.POINTS
    assert grades[f"{prefix}-ex{wrong}-tests"] == 0
    assert score == editions.POINTS
    test_cell = grade_cells(autograded(run, stem, "mixed"), "grade")[f"{prefix}-ex{wrong}-tests"]
    printed = "".join(o.get("text", "") for o in test_cell.outputs)
    assert "❌" in printed and words in printed and "0 of 2 points" in printed, printed
    text = feedback_text(run, stem, "mixed")
    assert words in text and "Hint: " in text


def test_score_table_totals(graded):
    """The table a teacher would see (printed; run with -s), and its totals."""
    rows = [f"{'notebook':<24} {'exercises':>9} {'teacher':>8} {'blank':>6} {'mixed':>6} "
            f"{'of':>4} {'seconds':>8}"]
    for source in SOURCES:
        run = graded[source.stem]
        scores = run["scores"]
        cells = [f"{scores[s][0]:g}" if s in scores else "—" for s in STUDENTS]
        rows.append(f"{source.stem:<24} {exercises(source.stem):>9} {cells[0]:>8} {cells[1]:>6} "
                    f"{cells[2]:>6} {scores['teacher'][1]:>4g} {run['seconds']:>8.1f}")
    rows.append(f"all notebooks graded in {graded['_seconds']:.0f} s (two at a time)")
    print("\n" + "\n".join(rows))
    total = {s: sum(graded[src.stem]["scores"].get(s, (0,))[0] for src in SOURCES)
             for s in STUDENTS}
    n_exercises = sum(exercises(src.stem) for src in SOURCES)
    assert total == {"teacher": editions.POINTS * n_exercises, "blank": 0,
                     "mixed": editions.POINTS * len(MISTAKES)}
