"""Speed figures of the course, each printed beside a reference measured in the same run
(`make bench`).

    python tools/bench.py                      # everything (5 to 7 minutes on 2 cores)
    python tools/bench.py --only sliders,training
    python tools/bench.py --moves 25 --presses 12

The machine is shared and noisy: absolute times move from run to run with its load. So every
figure comes with a reference that does comparable work in the same run, under the same load,
and with the ratio of the two; the load average is printed at the start, after each section and
at the end. See docs/benchmarks.md for how to read them.

Sections, with their targets and references:
  sliders   every slider of every live demo (nnlib.widgets.all_demo_classes(), each built with
            its defaults) swept from its minimum to its maximum; kernel-side ms per `.value =`
            (render included): median <= 35 ms, max <= 80 ms, none raises.
            Reference: a full `savefig` (PNG, same dpi) of the same demo's figure, with every
            artist drawn, timed 5 times after each sweep; ratio = slider median / savefig median.
  notebooks every notebooks/*.ipynb executed by nbclient in a fresh kernel: wall time <= 8 s,
            and the kernel's peak memory (VmHWM).
            Reference: a one-cell notebook that only imports nnlib, its widgets and pyplot
            (kernel start and imports), run the same way.
  nbval     the whole `pytest -n 2 --dist loadscope notebooks --nbval` run: <= 60 s.
            Reference: the sum of the single-notebook times of the section above (same run).
  browser   JupyterLab in headless Chromium: key press on a slider -> the image's src changes
            (and -> the new image has loaded), measured in the page: median <= 120 ms.
            Reference: a slider in a scratch notebook that swaps between two ready-made PNGs of
            the same size (no drawing in the kernel: transport and the browser only).
  training  tools/bench_training.py: MLP.fit beside a hand-written numpy loop of the same
            network (<= 1.3x), alternating rounds.
"""

from __future__ import annotations

import argparse
import io
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
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
NOTEBOOK_DIR = REPO / "notebooks"
SECTIONS = ["sliders", "notebooks", "nbval", "browser", "training"]

SLIDER_MEDIAN_MS, SLIDER_MAX_MS = 35.0, 80.0
SAVEFIGS_PER_SWEEP = 5
NOTEBOOK_S, NBVAL_S, BROWSER_MS = 8.0, 60.0, 120.0


# -- output ------------------------------------------------------------------------------------

def table(title: str, header: list[str], rows: list[list], note: str = "") -> None:
    """Print a plain, aligned table (numbers right-aligned)."""
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    numeric = [bool(rows) and all(_is_num(row[i]) or RATIO_OR_NONE.fullmatch(str(row[i])) for row in rows)
               for i in range(len(header))]

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


RATIO_OR_NONE = re.compile(r"-|\d+(\.\d+)?x")  # "1.23x" or "-": right-aligned like numbers


def _is_num(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _fmt(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.1f}"
    return str(value)


def ratio(value, reference) -> str:
    """value / reference as '1.23x', or '-' when either is missing."""
    if not _is_num(value) or not _is_num(reference) or reference <= 0:
        return "-"
    return f"{value / reference:.2f}x"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSES"


def load() -> str:
    """The load averages over 1, 5 and 15 minutes, and the number of cores."""
    if not hasattr(os, "getloadavg"):
        return "load average not available"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


# -- sliders -----------------------------------------------------------------------------------

def demo_classes() -> tuple[list[type], list[str]]:
    """Every public Demo subclass of nnlib.widgets, and why none could be found if so."""
    try:
        import nnlib.widgets
    except Exception as exc:
        return [], [f"nnlib.widgets: {type(exc).__name__}: {exc}"]
    classes = [c for c in nnlib.widgets.all_demo_classes() if not c.__name__.startswith("_")]
    return classes, []


def sweep_values(widget, n: int) -> list:
    """n values from the slider's minimum to its maximum (log-spaced for FloatLogSlider)."""
    import ipywidgets as widgets

    if isinstance(widget, widgets.FloatLogSlider):
        return list(widget.base ** np.linspace(widget.min, widget.max, n))
    if isinstance(widget, widgets.IntSlider):
        return sorted({int(round(v)) for v in np.linspace(widget.min, widget.max, n)})
    return list(np.linspace(widget.min, widget.max, n))


def full_savefig_ms(live) -> float:
    """ms for one full `savefig` of a demo's figure (PNG, the figure's dpi), every artist drawn,
    the moving ones included: what a redraw costs without the demo's cached background."""
    moving = [a for a in getattr(live, "dynamic", []) if a.get_animated()]
    for artist in moving:
        artist.set_animated(False)
    try:
        t0 = time.perf_counter()
        live.fig.savefig(io.BytesIO(), format="png", dpi=live.fig.dpi)
        return 1e3 * (time.perf_counter() - t0)
    finally:
        for artist in moving:  # the demo's cached background is a copy: the next move reuses it
            artist.set_animated(True)


def bench_sliders(moves: int) -> list[list]:
    import ipywidgets as widgets

    slider_types = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)
    classes, failed = demo_classes()
    rows = [[message, "-", 0, "-", "-", "-", "-", "-", "MISSES"] for message in failed]
    for cls in classes:
        name = f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                demo = cls()
        except Exception as exc:
            rows.append([name, "(built with defaults)", 0, "-", "-", "-", "-", type(exc).__name__, "MISSES"])
            continue
        live = demo.figure
        sliders = {c: w for c, w in demo.controls.items() if isinstance(w, slider_types)}
        demo_rows, references = [], []
        for control, widget in sliders.items():
            start, times, raised = widget.value, [], 0
            for value in sweep_values(widget, moves):
                if value == widget.value:
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
            if live is not None:  # the reference, right after this sweep, under the same load
                references += [full_savefig_ms(live) for _ in range(SAVEFIGS_PER_SWEEP)]
            if not times:
                demo_rows.append([name, control, 0, "-", "-", raised, "no moves"])
                continue
            med, worst = statistics.median(times), max(times)
            ok = med <= SLIDER_MEDIAN_MS and worst <= SLIDER_MAX_MS and raised == 0
            demo_rows.append([name, control, len(times), med, worst, raised, verdict(ok)])
        reference = statistics.median(references) if references else "-"
        for row in demo_rows:
            # demo, control, moves, median, max, savefig median, ratio, raised, target
            rows.append(row[:5] + [reference, ratio(row[3], reference)] + row[5:])
    table("Slider moves, kernel side (ms per `.value =`, render included), beside a full savefig",
          ["demo", "control", "moves", "median ms", "max ms", "savefig ms", "median/savefig",
           "raised", "target"], rows,
          f"targets: median <= {SLIDER_MEDIAN_MS:.0f} ms, max <= {SLIDER_MAX_MS:.0f} ms, 0 raised. "
          "savefig ms: median of a full savefig of the same demo's figure (every artist drawn),\n"
          f"{SAVEFIGS_PER_SWEEP} after each sweep of that demo; median/savefig below 1 means a move "
          "costs less than redrawing the whole picture."
          + ("" if classes else "\n(no Demo subclasses found)"))
    return rows


# -- notebooks ---------------------------------------------------------------------------------

REFERENCE_NOTEBOOK = "reference_imports.ipynb"


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


def run_notebook(path: Path) -> dict:
    """Execute notebook `path` (a scratch copy) in a fresh kernel, in its own folder; wall time,
    kernel peak memory, first error."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    result = {"peak": None, "error": ""}

    def after_cell(**_):  # VmHWM only grows: its value after the last cell is the peak
        result["pid"] = result.get("pid") or _kernel_pid(client)
        peak = _peak_memory_mib(result["pid"])
        if peak is not None:
            result["peak"] = max(peak, result["peak"] or 0.0)

    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_executed=after_cell)
    t0 = time.perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)  # kernel start-up chatter off the tables
    except Exception as exc:
        last = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
        result["error"] = f"{type(exc).__name__}: {last[-1][:100] if last else ''}"
    result["seconds"] = time.perf_counter() - t0
    return result


def _copy_notebooks(target: Path) -> None:
    """notebooks/ into `target`, plain files only (no checkpoints, no leftover kernel sockets)."""
    def ignore(folder, names):
        return [n for n in names if n == ".ipynb_checkpoints"
                or not (os.path.isfile(os.path.join(folder, n)) or os.path.isdir(os.path.join(folder, n)))]
    shutil.copytree(NOTEBOOK_DIR, target, ignore=ignore)


def _reference_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import nnlib, nnlib.widgets\nimport matplotlib.pyplot as plt")]
    path = folder / REFERENCE_NOTEBOOK
    nbformat.write(nb, path)
    return path


def bench_notebooks(results: dict) -> list[list]:
    notebooks = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="nn-bench-") as tmp:
        work = Path(tmp) / "notebooks"
        _copy_notebooks(work)
        ref = run_notebook(_reference_notebook(work))
        ref_s = ref["seconds"] if not ref["error"] else "-"
        ref_peak = ref["peak"] if ref["peak"] is not None else "-"
        rows.append(["(reference: import nnlib, widgets, pyplot)", ref["seconds"], "-", ref_peak,
                     ref["error"] or "-", "-"])
        total = 0.0
        for path in notebooks:
            r = run_notebook(work / path.name)
            total += r["seconds"]
            peak = r["peak"] if r["peak"] is not None else "-"
            ok = r["seconds"] <= NOTEBOOK_S and not r["error"]
            rows.append([path.name, r["seconds"], ratio(r["seconds"], ref_s), peak, r["error"] or "-", verdict(ok)])
    results["notebooks_total_s"] = total if notebooks else None
    table("Notebooks, each in a fresh kernel (nbclient), beside a notebook that only imports",
          ["notebook", "seconds", "x reference", "kernel peak MiB", "error", "target"], rows,
          f"target: each <= {NOTEBOOK_S:.0f} s (kernel start included). The reference row is a "
          "one-cell notebook (kernel start + imports)\nrun the same way in the same run; "
          "x reference = notebook seconds / reference seconds."
          + ("" if notebooks else "\n(no notebooks yet)"))
    return rows


def bench_nbval(results: dict) -> list[list]:
    cmd = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadscope", "notebooks", "--nbval",
           "-q", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - t0
    summary = next((ln.strip("= ") for ln in reversed(proc.stdout.splitlines()) if ln.strip()), "")
    ok = seconds <= NBVAL_S and proc.returncode == 0
    reference = results.get("notebooks_total_s") or "-"
    rows = [["pytest -n 2 --dist loadscope notebooks --nbval", seconds, reference, ratio(seconds, reference),
             summary, verdict(ok)]]
    table("The whole nbval run, beside the notebooks run one after the other",
          ["command", "seconds", "sequential s", "ratio", "pytest says", "target"], rows,
          f"target: <= {NBVAL_S:.0f} s. sequential s: the sum of the notebook times above (same run; "
          "'-' if that section did not run);\nratio below 1: the two processes ran notebooks side by side.")
    return rows


# -- browser -----------------------------------------------------------------------------------

REFERENCE_SLIDER = r'''import io
import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg

# two ready-made PNGs of a course-sized figure (600 x 320 px); the slider only swaps them
pictures = []
for k in range(2):
    fig = Figure(figsize=(7.5, 4.0), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2, 3], [k, 1 - k, k, 1 - k], marker="o")
    ax.set_title(f"reference picture {k}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    pictures.append(buf.getvalue())
image = widgets.Image(value=pictures[0], format="png")
slider = widgets.IntSlider(value=0, min=0, max=100, description="reference")
slider.observe(lambda change: setattr(image, "value", pictures[change["new"] % 2]), names="value")
widgets.VBox([slider, image])'''


def _reference_browser_notebook(folder: Path) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(REFERENCE_SLIDER)]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nbformat.write(nb, folder / "00_reference_slider.ipynb")
    return "00_reference_slider.ipynb"


def _presses(jb, page, lab, name: str, presses: int) -> tuple[list[float], list[float], str]:
    """Open and run notebooks/`name`, then press an arrow key `presses` times on the first slider
    whose move changes a picture; the in-page times to the new src and to the image loaded."""
    src, loaded, note = [], [], ""
    try:
        jb.open_notebook(page, lab, f"notebooks/{name}", Path(name).stem.replace("_", "-"))
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
    return src, loaded, note


def bench_browser(presses: int) -> list[list]:
    sys.path.insert(0, str(TOOLS))
    import jupyter_browser as jb

    if jb.find_chromium() is None or not jb.playwright_available():
        print("\nBrowser: skipped (needs Debian's chromium and the playwright package)")
        return []
    rows, all_src, all_loaded = [], [], []
    with tempfile.TemporaryDirectory(prefix="nn-bench-browser-") as tmp:
        _copy_notebooks(Path(tmp) / "notebooks")
        reference_name = _reference_browser_notebook(Path(tmp) / "notebooks")
        with jb.JupyterLabServer(tmp) as lab, jb.Browser() as browser:
            page = browser.new_page()
            ref_src, ref_loaded, ref_note = _presses(jb, page, lab, reference_name, presses)
            reference = statistics.median(ref_loaded) if ref_loaded else "-"
            rows.append(["(reference: swap two ready PNGs)", len(ref_loaded),
                         statistics.median(ref_src) if ref_src else "-", reference,
                         max(ref_loaded) if ref_loaded else "-", "-", ref_note or "-", "-"])
            for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
                src, loaded, note = _presses(jb, page, lab, path.name, presses)
                all_src += src
                all_loaded += loaded
                if src:
                    med = statistics.median(loaded)
                    rows.append([path.name, len(src), statistics.median(src), med, max(loaded),
                                 ratio(med, reference), note or "-", verdict(med <= BROWSER_MS and not note)])
                elif note == "no slider changed a picture":
                    rows.append([path.name, 0, "-", "-", "-", "-", "no live picture", "-"])
                else:
                    rows.append([path.name, 0, "-", "-", "-", "-", note, "MISSES"])
    if all_src:
        med = statistics.median(all_loaded)
        rows.append(["all notebooks", len(all_src), statistics.median(all_src), med, max(all_loaded),
                     ratio(med, reference), "-", verdict(med <= BROWSER_MS)])
    table("Browser: slider key press -> changed image (JupyterLab, headless Chromium), beside a "
          "slider that only swaps two PNGs",
          ["notebook", "presses", "median to src ms", "median to loaded ms", "max loaded ms",
           "x reference", "note", "target"], rows,
          f"target: median key press -> new image loaded <= {BROWSER_MS:.0f} ms. The reference "
          "slider costs the kernel nothing: its time is the\nround trip through JupyterLab and "
          "the browser's decoding; x reference = median loaded / the reference's.")
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
    target = r.get("target_ratio", 1.3)
    rows = [
        ["MLP.fit", r["fit_us_per_epoch"], r["fit_median_us_per_epoch"], r["fit_max_us_per_epoch"]],
        ["hand-written numpy loop (reference)", r["hand_us_per_epoch"], r["hand_median_us_per_epoch"],
         r["hand_max_us_per_epoch"]],
        ["ratio fit / hand", f"{r['ratio']:.2f}x", f"{r['median_ratio']:.2f}x", "-"],
    ]
    table(f"Training throughput: {r['network']}, full batch, {r['epochs']} epochs on Iris "
          f"({r['repeats']} alternating rounds)",
          ["what", "best µs/epoch", "median µs/epoch", "worst µs/epoch"], rows,
          f"target: best ratio <= {target}x: {verdict(r['ratio'] <= target)}. "
          f"Same weights as the hand loop: {r['same_result']}.")
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

    started = datetime.now(timezone.utc)
    print(f"nn-from-scratch benchmarks, {started:%Y-%m-%d %H:%M} UTC; Python {sys.version.split()[0]}")
    print(f"at start: {load()}")
    results: dict = {}
    runners = {
        "sliders": lambda: bench_sliders(args.moves),
        "notebooks": lambda: bench_notebooks(results),
        "nbval": lambda: bench_nbval(results),
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
        one_minute = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"
        print(f"({section}: {time.perf_counter() - t0:.0f} s; load average {one_minute} after it)")
    print(f"\nat end: {load()}")
    if failed:
        print(f"sections that could not run: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
