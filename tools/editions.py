"""The editions of a course notebook, made from its one source in `course/`.

Each notebook has one source of truth, `course/NN_name.md`: a MyST Markdown notebook (jupytext's
`md:myst` format) that a diff shows as text. Two editions are made from it:

- the **teacher edition** (`teacher/`, built by `make teacher`; the source of an nbgrader
  assignment, see docs/grading.md): solutions and teacher notes in place, and nbgrader's cell
  metadata. Each exercise cell of the source is split in two: the **answer cell** (everything
  up to `### END SOLUTION`, an nbgrader solution cell, grade id `NN-exK-answer`) and the
  **test cell** (the visible check call that followed, then a hidden-test block that calls the
  same checker's `score` with the same arguments; an autograded cell worth `POINTS` points,
  grade id `NN-exK-tests`, locked). `Checker.score` returns the points earned, which nbgrader
  takes as partial credit. The first code cell (the set-up) is a locked read-only cell.
- the **learner edition** (`notebooks/`, committed executed): the teacher edition after
  nbgrader's own preprocessors, the ones `nbgrader generate_assignment` applies that change cell
  sources (ClearSolutions with the stub `# YOUR CODE HERE`, ClearHiddenTests, ClearMarkScheme),
  then the course's own changes: cells tagged `teacher` are left out, the nbgrader metadata is
  dropped (a learner on their own edits every cell freely), and after each exercise's test cell
  the worked solution follows in a collapsed `<details>` block, revealed only by clicking it.
  Markdown cells tagged `solution` (a worked answer in prose) become such blocks too.

So that the learner edition runs with every check ⏳ "not done yet" and no error, each solution
block must stub cleanly to nbgrader's single line `# YOUR CODE HERE`:
- a block at the top level of a cell: the names the check uses are pre-set to `None` on a line
  before `### BEGIN SOLUTION` (`z = y_hat = None  # your answers replace None`);
- an indented block: the body of a function that has a docstring (so the stubbed function is
  valid Python and returns None).
The build refuses a source that breaks either rule, naming the cell.

Cells without slide metadata get slide type `-` (part of the slide above), so the source only
records the slide types that matter.
"""

import ast
import copy
import hashlib
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "course"
EDITIONS = {"learner": ROOT / "notebooks", "teacher": ROOT / "teacher"}
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: nbgrader's code stub, one line (its `ClearSolutions.code_stub` for Python; docs/grading.md)
PLACEHOLDER = "# YOUR CODE HERE"
#: the points of one exercise: half for the visible check, half for the hidden tests
POINTS = 2
TEACHER_TAG = "teacher"
SOLUTION_TAG = "solution"
SHOW_SOLUTION = "Show a worked solution (try the exercise first)"
#: every course notebook runs in the environment's default Python kernel
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class SolutionError(ValueError):
    """An exercise cell that does not stub cleanly (unbalanced markers, no check call, a name
    the check uses left unset, an indented block outside a function with a docstring)."""


def course_sources(folder=SOURCES):
    """The notebook sources `NN_name.md` in `folder`, in course order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.md"))


def read_source(path):
    """The notebook node of one source file (no outputs)."""
    import jupytext
    return jupytext.read(Path(path), fmt="md:myst")


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def grading(cell):
    """The cell's nbgrader metadata ({} when it has none)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def nbgrader_metadata(grade_id, solution=False, grade=False, locked=False, points=None):
    """nbgrader's cell metadata (schema 3): a solution, an autograded test or a read-only cell."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def assigned_names(code):
    """Names a block binds at module level, in order of first appearance."""
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise SolutionError(f"not valid Python: {e.msg} (line {e.lineno})") from None
    names = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
            return  # names inside are local to the function or class
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append(node.id)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return list(dict.fromkeys(names))


def check_markers(source):
    """Raise SolutionError unless the solution markers of a cell are balanced and not nested."""
    inside = False
    for number, line in enumerate(source.splitlines(), 1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise SolutionError(f"line {number}: {BEGIN} inside another solution block")
            inside = True
        elif marker == END:
            if not inside:
                raise SolutionError(f"line {number}: {END} without {BEGIN}")
            inside = False
    if inside:
        raise SolutionError(f"{BEGIN} without {END}")


def split_exercise(source):
    """(answer, check): an exercise cell's lines up to its last `### END SOLUTION`, and the
    check call after it."""
    check_markers(source)
    lines = source.splitlines()
    last_end = max(i for i, line in enumerate(lines) if line.strip() == END)
    answer = "\n".join(lines[:last_end + 1])
    check = "\n".join(lines[last_end + 1:]).strip("\n")
    return answer, check


def hidden_tests(check):
    """The hidden-test block for a check cell: the same checker's `score`, same arguments.

    `check.emily(z, y_hat)` gives `check.emily.score(z, y_hat)`: the points earned, which
    nbgrader reads from the cell's result as partial credit.
    """
    try:
        tree = ast.parse(check)
    except SyntaxError as e:
        raise SolutionError(f"the check after {END} is not valid Python: {e.msg}") from None
    last = tree.body[-1] if tree.body else None
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        raise SolutionError(f"no checker call after {END} (the exercise's last line must be "
                            f"the check, e.g. check.step(step))")
    call = ast.get_source_segment(check, last.value)
    func = ast.get_source_segment(check, last.value.func)
    return f"{HIDDEN_BEGIN}\n{func}.score{call[len(func):]}\n{HIDDEN_END}"


def solution_code(source):
    """An exercise as the worked solution shows it: no marker lines and no pre-set
    `name = None` lines (they are there only for the stub)."""
    lines, out = source.splitlines(), []
    for i, line in enumerate(lines):
        if line.strip() in (BEGIN, END):
            continue
        if i + 1 < len(lines) and lines[i + 1].strip() == BEGIN and is_preset(line):
            continue
        out.append(line)
    return "\n".join(out)


def is_preset(line):
    """`a = b = None  # ...`: a line that pre-sets answers to None."""
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return False
    return (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)
            and isinstance(tree.body[0].value, ast.Constant) and tree.body[0].value.value is None)


def check_compiles(source, where):
    """Raise SolutionError if the stubbed cell is not valid (IPython) Python."""
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        compile(TransformerManager().transform_cell(source), where, "exec",
                flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as e:
        raise SolutionError(f"{where}: the learner version does not compile: {e.msg} "
                            f"(line {e.lineno}) — an indented solution block must be the body "
                            f"of a function that has a docstring") from None


def check_presets(answer, stub, check, where):
    """Raise SolutionError if the check uses a name that the solution assigns and the stub
    leaves unset (it would raise NameError in the learner edition)."""
    used = {n.id for n in ast.walk(ast.parse(check)) if isinstance(n, ast.Name)}
    solved = set(assigned_names(solution_code(answer)))
    missing = sorted((used & solved) - set(assigned_names(stub)))
    if missing:
        raise SolutionError(
            f"{where}: the check uses {', '.join(missing)}, which the learner version leaves "
            f"unset: pre-set it before {BEGIN} ({' = '.join(missing)} = None)")


def details(body, summary=SHOW_SOLUTION):
    """A markdown `<details>` block: collapsed until the reader clicks its summary."""
    return f"<details>\n<summary>{summary}</summary>\n\n{body.strip()}\n\n</details>"


def revealed_solution(source):
    """The markdown cell that follows an exercise in the learner edition."""
    return nbformat.v4.new_markdown_cell(
        details(f"```python\n{solution_code(source).strip()}\n```"),
        metadata={"slideshow": {"slide_type": "skip"}, "tags": [SOLUTION_TAG]})


def has_solution(cell):
    return cell.cell_type == "code" and (BEGIN in cell.source or END in cell.source)


def grade_prefix(name):
    """`01` for `01_perceptron`: grade ids read `01-ex2-tests`."""
    match = re.match(r"(\d\d)_", name)
    return match.group(1) if match else name


def _finish(nb, name, edition):
    """Defaults shared by both editions: slide types, kernel, deterministic cell ids.

    A cell that continues the slide before it carries no slideshow metadata: jupyterlab-slideshow
    (the live deck) hides a cell whose slide_type is an explicit "-", where nbconvert reads
    both the same way."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC)}
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("slideshow", {}).get("slide_type") == "-":
            del cell.metadata["slideshow"]
        cell["id"] = hashlib.sha256(f"{edition}:{name}:{index}".encode()).hexdigest()[:8]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def teacher_edition(source_nb, name="notebook"):
    """The teacher edition: solutions and teacher notes in place; each exercise an nbgrader
    answer cell and an autograded test cell (visible check + hidden tests); set-up locked."""
    prefix, number, cells, setup_seen = grade_prefix(name), 0, [], False
    for index, cell in enumerate(copy.deepcopy(source_nb).cells):
        if cell.cell_type == "code" and not setup_seen and not has_solution(cell):
            cell.metadata["nbgrader"] = nbgrader_metadata(f"{prefix}-setup", locked=True)
        if cell.cell_type == "code":
            setup_seen = True
        if not has_solution(cell):
            cells.append(cell)
            continue
        number += 1
        where = f"{name}, cell {index}"
        try:
            answer, check = split_exercise(cell.source)
            tests = f"{check}\n{hidden_tests(check)}"
        except SolutionError as e:
            raise SolutionError(f"{where}: {e}") from None
        cell.source = answer
        cell.metadata["nbgrader"] = nbgrader_metadata(f"{prefix}-ex{number}-answer",
                                                      solution=True)
        test = nbformat.v4.new_code_cell(tests, metadata={"nbgrader": nbgrader_metadata(
            f"{prefix}-ex{number}-tests", grade=True, locked=True, points=POINTS)})
        cells += [cell, test]
    nb = copy.deepcopy(source_nb)
    nb.cells = cells
    return _finish(nb, name, "teacher")


def release(teacher_nb):
    """The cell sources as `nbgrader generate_assignment` releases them: nbgrader's own
    preprocessors that change sources, with the course's one-line code stub."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions
    nb, resources = copy.deepcopy(teacher_nb), {}
    for step in (ClearSolutions(code_stub={"python": PLACEHOLDER}), ClearHiddenTests(),
                 ClearMarkScheme()):
        nb, resources = step.preprocess(nb, resources)
    return nb


def learner_edition(source_nb, name="notebook"):
    """The learner edition: nbgrader's release of the teacher edition, without teacher cells
    and nbgrader metadata, each exercise followed by its worked solution, collapsed."""
    exercises = iter(c.source for c in source_nb.cells if has_solution(c))
    teacher = teacher_edition(source_nb, name)
    released = release(teacher)
    cells, answer = [], None
    for index, (solved, cell) in enumerate(zip(teacher.cells, released.cells)):
        if TEACHER_TAG in tags(cell):
            continue
        meta = cell.metadata.pop("nbgrader", {})
        where = f"{name}, cell {index}"
        if cell.cell_type == "markdown" and SOLUTION_TAG in tags(cell):
            cell.source = details(cell.source)
        elif meta.get("solution"):
            check_compiles(cell.source, where)
            answer = (solved.source, cell.source)
        elif meta.get("grade"):
            check_presets(*answer, cell.source, where)
            cells += [cell, revealed_solution(next(exercises))]
            continue
        cells.append(cell)
    nb = copy.deepcopy(source_nb)
    nb.cells = cells
    return _finish(nb, name, "learner")


MAKERS = {"learner": learner_edition, "teacher": teacher_edition}


def edition(source_path, which):
    """The unexecuted notebook node of edition `which` ('learner' or 'teacher') of a source."""
    source_path = Path(source_path)
    return MAKERS[which](read_source(source_path), source_path.stem)
