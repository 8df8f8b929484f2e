"""The editions of a course notebook, made from its one source in `course/`.

Each notebook has one source of truth, `course/NN_name.md`: a MyST Markdown notebook (jupytext's
`md:myst` format) that a diff shows as text. Two editions are made from it:

- the **learner edition** (`notebooks/`, committed executed): every block between
  `### BEGIN SOLUTION` and `### END SOLUTION` becomes `# YOUR CODE HERE` plus a placeholder that
  keeps the notebook runnable, and the worked solution follows the exercise in a collapsed
  `<details>` block, revealed only by clicking it. Cells tagged `teacher` are left out.
- the **teacher edition** (`teacher/`, built by `make teacher`): the source as it is, solutions
  and teacher notes in place.

Placeholders: a solution block at the top level of a cell becomes `name = None` for every name it
assigns at module level (assignments, `for`/`with` targets, `def` and `class` names; not
imports); an indented block (a function body, nowhere else) becomes `return None`. So the checker
reports "not done yet" instead of raising. Markdown cells tagged `solution` (a worked answer in
prose) become collapsed `<details>` blocks in the learner edition.

Cells without slide metadata get slide type `-` (part of the slide above), so the source only
records the slide types that matter.
"""

import ast
import copy
import hashlib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "course"
EDITIONS = {"learner": ROOT / "notebooks", "teacher": ROOT / "teacher"}
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "# YOUR CODE HERE"
TEACHER_TAG = "teacher"
SOLUTION_TAG = "solution"
SHOW_SOLUTION = "Show a worked solution (try the exercise first)"
#: every course notebook runs in the environment's default Python kernel
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class SolutionError(ValueError):
    """A solution block that cannot be stripped safely (unbalanced markers, bad indentation)."""


def course_sources(folder=SOURCES):
    """The notebook sources `NN_name.md` in `folder`, in course order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.md"))


def read_source(path):
    """The notebook node of one source file (no outputs)."""
    import jupytext
    return jupytext.read(Path(path), fmt="md:myst")


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def assigned_names(code):
    """Names a top-level block binds at module level, in order of first appearance."""
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise SolutionError(f"a top-level solution block is not valid Python: {e.msg} "
                            f"(line {e.lineno})") from None
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


def placeholder(block, indent):
    """`# YOUR CODE HERE` plus `name = None` lines (top level) or `return None` (indented)."""
    if indent:
        return [indent + PLACEHOLDER, indent + "return None"]
    return [PLACEHOLDER] + [f"{name} = None" for name in assigned_names("\n".join(block))]


def solution_blocks(source):
    """Split a cell's source into its lines outside and its solution blocks.

    Returns (parts, blocks): `parts` lists the lines outside any block with `None` where a block
    stood, `blocks` lists each block as (indent, lines).
    """
    parts, blocks, block, indent = [], [], None, ""
    for number, line in enumerate(source.splitlines(), 1):
        marker = line.strip()
        if marker == BEGIN:
            if block is not None:
                raise SolutionError(f"line {number}: {BEGIN} inside another solution block")
            block, indent = [], line[:len(line) - len(line.lstrip())]
        elif marker == END:
            if block is None:
                raise SolutionError(f"line {number}: {END} without {BEGIN}")
            blocks.append((indent, block))
            parts.append(None)
            block = None
        elif block is not None:
            block.append(line)
        else:
            parts.append(line)
    if block is not None:
        raise SolutionError(f"{BEGIN} without {END}")
    return parts, blocks


def strip_solutions(source):
    """The cell source with every solution block replaced by its placeholder."""
    parts, blocks = solution_blocks(source)
    out, stubs = [], iter(blocks)
    for line in parts:
        if line is None:
            indent, block = next(stubs)
            out.extend(placeholder(block, indent))
        else:
            out.append(line)
    return "\n".join(out)


def solution_code(source):
    """The cell as the teacher edition has it, without the BEGIN/END marker lines."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in (BEGIN, END))


def check_compiles(source, where):
    """Raise SolutionError if the stripped cell is not valid (IPython) Python."""
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        compile(TransformerManager().transform_cell(source), where, "exec",
                flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as e:
        raise SolutionError(f"{where}: the learner version does not compile: {e.msg} "
                            f"(line {e.lineno}) — an indented solution block must be a "
                            f"function body") from None


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


def _finish(nb, name, edition):
    """Defaults shared by both editions: slide types, kernel, deterministic cell ids."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC)}
    for index, cell in enumerate(nb.cells):
        cell.metadata.setdefault("slideshow", {"slide_type": "-"})
        cell["id"] = hashlib.sha256(f"{edition}:{name}:{index}".encode()).hexdigest()[:8]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def teacher_edition(source_nb, name="notebook"):
    """The teacher edition: the source with solutions and teacher notes in place."""
    return _finish(copy.deepcopy(source_nb), name, "teacher")


def learner_edition(source_nb, name="notebook"):
    """The learner edition: stubs instead of solutions, each solution collapsed after it,
    no teacher cells."""
    cells = []
    for index, cell in enumerate(copy.deepcopy(source_nb).cells):
        if TEACHER_TAG in tags(cell):
            continue
        if cell.cell_type == "markdown" and SOLUTION_TAG in tags(cell):
            cell.source = details(cell.source)
            cells.append(cell)
        elif has_solution(cell):
            where = f"{name}, cell {index}"
            try:
                stub = strip_solutions(cell.source)
            except SolutionError as e:
                raise SolutionError(f"{where}: {e}") from None
            check_compiles(stub, where)
            solved = cell.source
            cell.source = stub
            cells += [cell, revealed_solution(solved)]
        else:
            cells.append(cell)
    nb = copy.deepcopy(source_nb)
    nb.cells = cells
    return _finish(nb, name, "learner")


MAKERS = {"learner": learner_edition, "teacher": teacher_edition}


def edition(source_path, which):
    """The unexecuted notebook node of edition `which` ('learner' or 'teacher') of a source."""
    source_path = Path(source_path)
    return MAKERS[which](read_source(source_path), source_path.stem)
