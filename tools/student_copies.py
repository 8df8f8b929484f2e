"""Write student copies of the course notebooks: solutions stripped, outputs cleared (`make student`).

    .venv/bin/python tools/student_copies.py --out student [notebooks/01_perceptron.ipynb ...]

In every code cell, each block between `### BEGIN SOLUTION` and `### END SOLUTION` becomes
`# YOUR CODE HERE` plus a placeholder that keeps the notebook runnable:

- a block at the top level of the cell: `name = None` for every name the block assigns at module
  level (assignments, `for`/`with` targets, `def` and `class` names; not imports, not names
  local to a function or comprehension);
- an indented block (a function body): `return None` at the block's indentation.

Cells tagged `solution` (a worked answer in prose, say) are removed, and so are the teacher's
asides: markdown cells whose slide type is `notes` (speaker notes in the slides). Outputs, execution counts
and saved widget state are cleared; slide metadata and tags are kept. Sub-folders of
`notebooks/` (data files) are copied next to the copies so relative paths still work.
"""

import argparse
import ast
import copy
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_notebooks import NOTEBOOKS, course_notebooks  # noqa: E402

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "# YOUR CODE HERE"
SOLUTION_TAG = "solution"


class SolutionError(ValueError):
    """A solution block that cannot be stripped safely (unbalanced markers, bad indentation)."""


def assigned_names(code):
    """Names a top-level block binds at module level, in order of first appearance."""
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        raise SolutionError(f"a top-level solution block is not valid Python: {e.msg} "
                            f"(line {e.lineno})") from None
    names = []

    def add(name):
        if name not in names:
            names.append(name)

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            add(node.name)
            return  # names inside are local to the function or class
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            add(node.id)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def strip_solutions(source):
    """The cell source with every solution block replaced by its placeholder."""
    lines = source.splitlines()
    out, block, indent = [], None, ""
    for number, line in enumerate(lines, 1):
        marker = line.strip()
        if marker == BEGIN:
            if block is not None:
                raise SolutionError(f"line {number}: {BEGIN} inside another solution block")
            block, indent = [], line[:len(line) - len(line.lstrip())]
        elif marker == END:
            if block is None:
                raise SolutionError(f"line {number}: {END} without {BEGIN}")
            out.extend(placeholder(block, indent))
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise SolutionError(f"{BEGIN} without {END}")
    return "\n".join(out)


def placeholder(block, indent):
    """`# YOUR CODE HERE` plus `name = None` lines (top level) or `return None` (indented)."""
    if indent:
        return [indent + PLACEHOLDER, indent + "return None"]
    code = "\n".join(block)
    return [PLACEHOLDER] + [f"{name} = None" for name in assigned_names(code)]


def check_compiles(source, where):
    """Raise SolutionError if the stripped cell is not valid (IPython) Python."""
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        compile(TransformerManager().transform_cell(source), where, "exec",
                flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as e:
        raise SolutionError(f"{where}: the student version does not compile: {e.msg} "
                            f"(line {e.lineno}) — an indented solution block must be a "
                            f"function body") from None


def is_teacher_note(cell):
    """A markdown cell for the teacher only: its slide type is `notes` (speaker notes)."""
    slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
    return cell.cell_type == "markdown" and slide_type == "notes"


def student_notebook(nb, name="notebook"):
    """A stripped, cleared deep copy of notebook node `nb`."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    cells = []
    for index, cell in enumerate(nb.cells):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []) or is_teacher_note(cell):
            continue
        if cell.cell_type == "code":
            if BEGIN in cell.source or END in cell.source:
                where = f"{name}, cell {index}"
                try:
                    cell.source = strip_solutions(cell.source)
                except SolutionError as e:
                    raise SolutionError(f"{where}: {e}") from None
                check_compiles(cell.source, where)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    nb.cells = cells
    return nb


def write_copies(paths, out):
    """Write a student copy of each notebook path into folder `out`; return the written paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        path = Path(path)
        nb = student_notebook(nbformat.read(path, as_version=4), path.name)
        nbformat.validate(nb)
        nbformat.write(nb, out / path.name)
        written.append(out / path.name)
        for sub in path.parent.iterdir():
            if sub.is_dir() and not sub.name.startswith((".", "_")) and \
                    not (out / sub.name).exists():
                shutil.copytree(sub, out / sub.name,
                                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help=f"notebooks (default: every NN_*.ipynb in {NOTEBOOKS})")
    parser.add_argument("--out", type=Path, required=True, help="folder for the copies")
    args = parser.parse_args(argv)
    paths = args.notebooks or course_notebooks()
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    try:
        written = write_copies(paths, args.out)
    except SolutionError as e:
        print(f"FAILED {e}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
