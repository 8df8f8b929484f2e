"""Re-execute the course notebooks in place, each in a fresh kernel, in order (`make notebooks`).

    .venv/bin/python tools/build_notebooks.py                 # every notebooks/NN_*.ipynb
    .venv/bin/python tools/build_notebooks.py notebooks/03_gradient_descent.ipynb

Each notebook runs top to bottom with nbclient in a new `python3` kernel of this environment,
working directory `notebooks/`, so the saved execution counts are 1..N and the outputs are the
ones strict nbval (`pytest --nbval`) then reproduces. Cell metadata and tags are kept; per-cell
timing metadata is not recorded (it would change on every run).

Widget state: the state of the live controls is saved in `metadata.widgets`
(`application/vnd.jupyter.widget-state+json` with its `state` key, as nbclient writes it), so
GitHub, nbviewer and the static slides can draw the controls; an empty or stale entry is removed
first, because a `metadata.widgets` without `state` breaks GitHub's renderer.

On a cell error nothing is written: the command names the notebook and the cell, and exits 1.
"""

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: every course notebook runs in the environment's default Python kernel
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def course_notebooks(folder=NOTEBOOKS):
    """The course notebooks `NN_name.ipynb` in `folder`, in course order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def execute(nb, cwd, timeout=600, store_widget_state=True):
    """Execute notebook node `nb` in a fresh kernel with working directory `cwd`; return it.

    Raises nbclient's CellExecutionError / CellTimeoutError on the first failing cell.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)  # left by authoring tools; JupyterLab would mark it dirty
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                            record_timing=False, store_widget_state=store_widget_state,
                            coalesce_streams=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    widgets = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    if not widgets.get("state"):
        nb.metadata.pop("widgets", None)
    return nb


def stable_widget_ids(nb, name):
    """Replace the random widget model ids by ids derived from `name` and their order.

    The kernel names each widget with a random UUID, so without this every rebuild would change
    the saved widget state and outputs; with it, re-running gives the same text.
    """
    text = nbformat.writes(nb)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    ids = list(state)
    for out_id in re.findall(r'"model_id": "([0-9a-f]{32})"', text):
        if out_id not in ids:
            ids.append(out_id)
    for i, old in enumerate(ids):
        text = text.replace(old, hashlib.sha256(f"{name}:{i}".encode()).hexdigest()[:32])
    return nbformat.reads(text, as_version=4)


def failing_cell(nb):
    """(index, first source line) of the cell whose output holds an error, else None."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first = (cell.source.strip().splitlines() or [""])[0]
                return i, first
    return None


def build(path, timeout=600):
    """Execute one notebook file in place. Returns an error message, or None on success."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    try:
        execute(nb, path.parent, timeout=timeout)
    except (CellExecutionError, CellTimeoutError) as e:
        where = failing_cell(nb)
        cell = f"cell {where[0]} ({where[1]!r})" if where else "a cell"
        summary = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        return f"{path.name}: {cell} failed: {summary}"
    nb = stable_widget_ids(nb, path.stem)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to execute (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (600)")
    args = parser.parse_args(argv)
    paths = args.notebooks or course_notebooks()
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    for path in paths:
        start = time.perf_counter()
        error = build(path, timeout=args.timeout)
        if error:
            print(f"FAILED {error}", file=sys.stderr)
            return 1
        print(f"executed {Path(path).name} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
