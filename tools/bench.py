"""Speed figures of the course, printed as plain tables with their targets (`make bench`).

    python tools/bench.py                      # everything (about 3 minutes on 2 cores)
    python tools/bench.py --only sliders,training
    python tools/bench.py --moves 25 --presses 12

Sections (issue 5 gives the targets):
  sliders   every slider of every live demo (nnlib.widgets.*: each Demo subclass built with its
            defaults) swept from its minimum to its maximum; kernel-side ms per `.value =`
            (which includes the render): median <= 35 ms, max <= 80 ms; moves that raised.
  notebooks every notebooks/*.ipynb executed by nbclient in a fresh kernel: wall time <= 8 s,
            and the kernel's peak memory (VmHWM).
  nbval     the whole `pytest -n 2 --dist loadscope notebooks --nbval` run: <= 60 s.
  browser   JupyterLab in headless Chromium: key press on a slider -> the image's src changes
            (and -> the new image has loaded), measured in the page: median <= 120 ms.
  training  tools/bench_training.py's MLP.fit against a hand-written numpy loop.

Figures are wall-clock on a shared 2-core machine: run it alone for numbers worth quoting.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import numpy as np

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
NOTEBOOK_DIR = REPO / "notebooks"
DEMO_MODULES = ["perceptron", "loss", "descent", "backprop", "iris"]
SECTIONS = ["sliders", "notebooks", "nbval", "browser", "training"]

SLIDER_MEDIAN_MS, SLIDER_MAX_MS = 35.0, 80.0
NOTEBOOK_S, NBVAL_S, BROWSER_MS = 8.0, 60.0, 120.0


# -- output ------------------------------------------------------------------------------------

def table(title: str, header: list[str], rows: list[list], note: str = "") -> None:
    """Print a plain, aligned table (numbers right-aligned)."""
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    numeric = [all(_is_num(row[i]) for row in rows) and rows for i in range(len(header))]

    def line(row):
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric)).rstrip()

    print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))
    if note:
        print(note)
    sys.stdout.flush()


def _is_num(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _fmt(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.1f}"
    return str(value)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSES"


# -- sliders -----------------------------------------------------------------------------------

def demo_classes() -> tuple[list[type], list[str]]:
    """Every Demo subclass defined in nnlib.widgets.<topic>, and the modules that failed to import."""
    from nnlib.widgets.core import Demo

    failed = []
    for name in DEMO_MODULES:
        try:
            importlib.import_module(f"nnlib.widgets.{name}")
        except Exception as exc:
            failed.append(f"nnlib.widgets.{name}: {type(exc).__name__}: {exc}")
    found, stack = [], list(Demo.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("nnlib.widgets.") and cls.__module__ != "nnlib.widgets.core":
            found.append(cls)
    unique = {f"{c.__module__}.{c.__qualname__}": c for c in found}
    return [unique[k] for k in sorted(unique)], failed


def sweep_values(widget, n: int) -> list:
    """n values from the slider's minimum to its maximum (log-spaced for FloatLogSlider)."""
    import ipywidgets as widgets

    if isinstance(widget, widgets.FloatLogSlider):
        return list(widget.base ** np.linspace(widget.min, widget.max, n))
    if isinstance(widget, widgets.IntSlider):
        return sorted({int(round(v)) for v in np.linspace(widget.min, widget.max, n)})
    return list(np.linspace(widget.min, widget.max, n))


def bench_sliders(moves: int) -> list[list]:
    import ipywidgets as widgets

    slider_types = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)
    classes, failed = demo_classes()
    rows = []
    for message in failed:
        rows.append([message, "-", 0, "-", "-", "import", "MISSES"])
    for cls in classes:
        name = f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                demo = cls()
        except Exception as exc:
            rows.append([name, "(built with defaults)", 0, "-", "-", f"{type(exc).__name__}", "MISSES"])
            continue
        for control, widget in demo.controls.items():
            if not isinstance(widget, slider_types):
                continue
            start, times, raised = widget.value, [], 0
            for value in sweep_values(widget, moves):
                if np.isclose(value, widget.value, rtol=0, atol=0):
                    continue
                errors_before = len(getattr(demo, "errors", []))
                t0 = time.perf_counter()
                try:
                    widget.value = value
                except Exception:
                    raised += 1
                times.append(1e3 * (time.perf_counter() - t0))
                raised += len(getattr(demo, "errors", [])) - errors_before
            try:
                widget.value = start
            except Exception:
                pass
            if not times:
                rows.append([name, control, 0, "-", "-", raised, "no moves"])
                continue
            med, worst = statistics.median(times), max(times)
            ok = med <= SLIDER_MEDIAN_MS and worst <= SLIDER_MAX_MS and raised == 0
            rows.append([name, control, len(times), med, worst, raised, verdict(ok)])
    table("Slider moves, kernel side (ms per `.value =`, render included)",
          ["demo", "control", "moves", "median ms", "max ms", "raised", "target"], rows,
          f"targets: median <= {SLIDER_MEDIAN_MS:.0f} ms, max <= {SLIDER_MAX_MS:.0f} ms, 0 raised"
          + ("" if classes else "\n(no Demo subclasses found yet)"))
    return rows


# -- notebooks ---------------------------------------------------------------------------------

def _peak_memory_mib(pid: int | None) -> float | None:
    if not pid:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except Exception:
        return None


def _kernel_pid(client) -> int | None:
    provisioner = getattr(client.km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    pid = getattr(process, "pid", None) or getattr(provisioner, "pid", None)
    if pid:
        return pid
    try:  # any ipykernel child of this process (one notebook runs at a time)
        import psutil

        for proc in psutil.Process().children(recursive=True):
            if any("ipykernel" in part for part in proc.cmdline()):
                return proc.pid
    except Exception:
        pass
    return None


def run_notebook(path: Path, workdir: Path) -> dict:
    """Execute a copy of `path` in a fresh kernel; wall time, kernel peak memory, first error."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(workdir / path.name, as_version=4)
    result = {"peak": None, "error": ""}

    def after_cell(**_):  # VmHWM only grows: its value after the last cell is the peak
        result["pid"] = result.get("pid") or _kernel_pid(client)
        peak = _peak_memory_mib(result["pid"])
        if peak is not None:
            result["peak"] = max(peak, result["peak"] or 0.0)

    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}},
                            on_cell_executed=after_cell)
    t0 = time.perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)  # kernel start-up chatter off the tables
    except Exception as exc:
        last = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
        result["error"] = f"{type(exc).__name__}: {last[-1][:100] if last else ''}"
    result["seconds"] = time.perf_counter() - t0
    return result


def bench_notebooks() -> list[list]:
    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="nn-bench-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOK_DIR, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for path in notebooks:
            r = run_notebook(path, work)
            peak = r["peak"] if r["peak"] is not None else "-"
            ok = r["seconds"] <= NOTEBOOK_S and not r["error"]
            rows.append([path.name, r["seconds"], peak, r["error"] or "-", verdict(ok)])
    table("Notebooks, each in a fresh kernel (nbclient)",
          ["notebook", "seconds", "kernel peak MiB", "error", "target"], rows,
          f"target: each <= {NOTEBOOK_S:.0f} s (kernel start included)"
          + ("" if notebooks else "\n(no notebooks yet)"))
    return rows


def bench_nbval() -> list[list]:
    cmd = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadscope", "notebooks", "--nbval",
           "-q", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - t0
    summary = next((ln.strip("= ") for ln in reversed(proc.stdout.splitlines()) if ln.strip()), "")
    ok = seconds <= NBVAL_S and proc.returncode == 0
    rows = [["pytest -n 2 --dist loadscope notebooks --nbval", seconds, summary, verdict(ok)]]
    table("The whole nbval run", ["command", "seconds", "pytest says", "target"], rows,
          f"target: <= {NBVAL_S:.0f} s")
    return rows


# -- browser -----------------------------------------------------------------------------------

def bench_browser(presses: int) -> list[list]:
    sys.path.insert(0, str(TOOLS))
    import jupyter_browser as jb

    if jb.find_chromium() is None or not jb.playwright_available():
        print("\nBrowser: skipped (needs Debian's chromium and the playwright package)")
        return []
    rows, all_src, all_loaded = [], [], []
    with tempfile.TemporaryDirectory(prefix="nn-bench-browser-") as tmp:
        shutil.copytree(NOTEBOOK_DIR, Path(tmp) / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        with jb.JupyterLabServer(tmp) as lab, jb.Browser() as browser:
            page = browser.new_page()
            for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
                src, loaded, note = [], [], ""
                try:
                    jb.open_notebook(page, lab, f"notebooks/{path.name}", path.stem.replace("_", "-"))
                    jb.run_all_cells(page, lab, timeout=180)
                    jb.wait_widgets_rendered(page)
                    chosen, first = None, None
                    for slider in (s for s in jb.find_sliders(page) if s["images"]):
                        first = jb.move_slider(page, slider, timeout=10)
                        if first:
                            chosen = slider
                            break
                    if chosen is None:
                        note = "no slider changed a picture"
                    for i in range(presses if chosen else 0):
                        move = first if i == 0 else jb.move_slider(page, chosen, timeout=10)
                        if move is None:
                            note = "a press changed nothing within 10 s"
                            break
                        src.append(move["to_src_ms"])
                        loaded.append(move["to_loaded_ms"])
                except Exception as exc:
                    note = f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"
                finally:
                    lab.shutdown_kernels()
                all_src += src
                all_loaded += loaded
                if src:
                    med = statistics.median(loaded)
                    rows.append([path.name, len(src), statistics.median(src), med, max(loaded),
                                 note or "-", verdict(med <= BROWSER_MS and not note)])
                elif note == "no slider changed a picture" and not re.match(r"0[1-5]_", path.name):
                    rows.append([path.name, 0, "-", "-", "-", "no live picture (extra notebook)", "-"])
                else:
                    rows.append([path.name, 0, "-", "-", "-", note, "MISSES"])
    if all_src:
        med = statistics.median(all_loaded)
        rows.append(["all notebooks", len(all_src), statistics.median(all_src), med, max(all_loaded),
                     "-", verdict(med <= BROWSER_MS)])
    table("Browser: slider key press -> changed image (JupyterLab, headless Chromium)",
          ["notebook", "presses", "median to src ms", "median to loaded ms", "max loaded ms", "note", "target"],
          rows, f"target: median key press -> new image loaded <= {BROWSER_MS:.0f} ms")
    return rows


# -- training ----------------------------------------------------------------------------------

def bench_training_section() -> list[list]:
    sys.path.insert(0, str(TOOLS))
    try:
        from bench_training import bench_training
    except ImportError as exc:
        print(f"\nTraining throughput: skipped (tools/bench_training.py: {exc})")
        return []
    r = bench_training()
    ratio, target = r.get("ratio"), r.get("target_ratio", 1.3)
    rows = [
        ["MLP.fit", r.get("fit_us_per_epoch"), "-", "-"],
        ["hand-written numpy loop", r.get("hand_us_per_epoch"), "-", "-"],
        ["ratio fit / hand", f"{ratio:.2f}x" if ratio is not None else "-", f"<= {target}x", verdict(ratio is not None and ratio <= target)],
    ]
    table(f"Training throughput: {r.get('network', 'MLP')}, full batch, {r.get('epochs', '?')} epochs on Iris",
          ["what", "µs/epoch", "target", "verdict"], rows,
          f"same weights as the hand loop: {r.get('same_result')}")
    return rows


# -- main --------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections of {SECTIONS}")
    parser.add_argument("--moves", type=int, default=25, help="values per slider sweep")
    parser.add_argument("--presses", type=int, default=12, help="key presses per notebook in the browser")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections {unknown}; choose from {SECTIONS}")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"nn-from-scratch benchmarks; Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {load:.2f} at start")
    runners = {
        "sliders": lambda: bench_sliders(args.moves),
        "notebooks": bench_notebooks,
        "nbval": bench_nbval,
        "browser": lambda: bench_browser(args.presses),
        "training": bench_training_section,
    }
    failed = []
    for section in SECTIONS:
        if section not in chosen:
            continue
        t0 = time.perf_counter()
        try:
            runners[section]()
        except Exception:
            failed.append(section)
            print(f"\n{section}: the benchmark itself failed:")
            traceback.print_exc(file=sys.stdout)
        print(f"({section}: {time.perf_counter() - t0:.0f} s)")
    if failed:
        print(f"\nsections that could not run: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
