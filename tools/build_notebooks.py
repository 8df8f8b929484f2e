"""Build the course notebooks from their sources in `course/`, executed (`make notebooks`).

    .venv/bin/python tools/build_notebooks.py                  # learner edition -> notebooks/
    .venv/bin/python tools/build_notebooks.py --edition teacher   # teacher edition -> teacher/
    .venv/bin/python tools/build_notebooks.py course/03_gradient_descent.md

`tools/editions.py` makes the edition from the source; it then runs top to bottom with nbclient
in a new `python3` kernel of this environment, working directory the edition's folder, so the
saved execution counts are 1..N and the outputs are the ones strict nbval (`pytest --nbval`)
then reproduces. Per-cell timing metadata is not recorded (it would change on every run).

A save in JupyterLab must leave the file as it is: JavaScript writes a whole number stored as
`20.0` back as `20`, so every whole float in the JSON is written as an integer here already.

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from editions import EDITIONS, KERNELSPEC, ROOT, course_sources, edition  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


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
    # the kernel's own log says only that it talks over local TCP: keep errors, drop that warning
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
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


def whole_floats_as_ints(node):
    """The JSON tree `node` with every whole float (20.0) as an int (20), as JavaScript saves it."""
    if isinstance(node, float) and node.is_integer():
        return int(node)
    if isinstance(node, dict):
        return type(node)((k, whole_floats_as_ints(v)) for k, v in node.items())
    if isinstance(node, list):
        return [whole_floats_as_ints(v) for v in node]
    return node


def build(source, which="learner", out=None, timeout=600):
    """Build and execute edition `which` of one source into folder `out` (default: the edition's
    folder). Returns an error message, or None on success."""
    source = Path(source)
    folder = Path(out) if out else EDITIONS[which]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (source.stem + ".ipynb")
    nb = edition(source, which)
    try:
        execute(nb, folder, timeout=timeout)
    except (CellExecutionError, CellTimeoutError) as e:
        where = failing_cell(nb)
        cell = f"cell {where[0]} ({where[1]!r})" if where else "a cell"
        summary = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        return f"{path.name}: {cell} failed: {summary}"
    nb = stable_widget_ids(nb, f"{which}:{path.stem}")
    nb = nbformat.from_dict(whole_floats_as_ints(nb))
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path,
                        help="sources to build (default: every course/NN_*.md)")
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="learner",
                        help="learner (into notebooks/, the default) or teacher (into teacher/)")
    parser.add_argument("--out", type=Path, help="folder to write into instead")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (600)")
    args = parser.parse_args(argv)
    sources = args.sources or course_sources()
    if not sources:
        print("no notebook sources found in course/", file=sys.stderr)
        return 1
    for source in sources:
        start = time.perf_counter()
        error = build(source, args.edition, args.out, timeout=args.timeout)
        if error:
            print(f"FAILED {error}", file=sys.stderr)
            return 1
        print(f"{args.edition} edition of {Path(source).stem} executed in "
              f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
