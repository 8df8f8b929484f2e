"""Check a course notebook against the notebook shape (CONTRIBUTING.md) and the slide rules.

    .venv/bin/python tools/notebook_lint.py notebooks/01_perceptron.ipynb   # or no argument: all

Every `rule_*` function takes a notebook node (and its file name) and returns a list of
problems (empty when fine); tests/test_notebook_shape.py and tests/test_slides.py run them.
Exit status 1 when any notebook has a problem.
"""

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_notebooks import course_notebooks  # noqa: E402
from build_slides import is_wall_of_code, line_counts, slide_groups, slide_type  # noqa: E402

BEGIN = "### BEGIN SOLUTION"
STUB = "# YOUR CODE HERE"
IGNORE_TAG = "nbval-ignore-output"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RESULT = re.compile(r"^(✅|❌|⏳) (.+?): (correct|not quite|not done yet)\b", re.M)
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.M)
MINUTES = re.compile(r"\b\d+\s*(?:–|-|to)?\s*\d*\s*min(?:ute)?s?\b", re.I)
PREREQUISITES = re.compile(r"prerequisite|before you start|you should (?:know|have)|have done",
                           re.I)


def number_of(name):
    """The two-digit number of a notebook file name, e.g. '03'."""
    return Path(name).name[:2]


def markdown(nb):
    return [c for c in nb.cells if c.cell_type == "markdown"]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def heading_cell(nb, words):
    """The first markdown cell with a heading containing `words` (case-insensitive), or None."""
    pattern = re.compile(rf"^#+\s.*{words}", re.I | re.M)
    return next((c for c in markdown(nb) if pattern.search(c.source)), None)


def stdout_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


# ---- the notebook shape (CONTRIBUTING.md) ------------------------------------------------------------------------

def rule_title(nb, name):
    """First cell: an H1 with the notebook's number, a Binder badge, the minutes, prerequisites."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown":
        return ["the first cell must be a markdown title cell"]
    text, problems = first.source, []
    h1 = re.search(r"^#\s+(.+)$", text, re.M)
    if not h1 or number_of(name) not in h1.group(1):
        problems.append(f"the title cell needs an H1 holding the number {number_of(name)}")
    if not re.search(r"mybinder\.org[^)\s]*" + re.escape(Path(name).name), text):
        problems.append(f"the title cell needs a Binder badge linking to {Path(name).name}")
    if not MINUTES.search(text):
        problems.append("the title cell must say how many minutes the notebook takes")
    if not PREREQUISITES.search(text):
        problems.append("the title cell must name the prerequisites ('Prerequisites: ...')")
    return problems


def _bullets(nb, heading, title, lo, hi):
    """Problems with the bullet count (lo..hi) under the heading `heading`."""
    cell = heading_cell(nb, heading)
    if cell is None:
        return [f"no '{title}' heading"]
    n = len(BULLET.findall(cell.source))
    return [] if lo <= n <= hi else [f"'{title}' has {n} bullets; expected {lo} to {hi}"]


def rule_goals(nb, name):
    """A 'Learning goals' heading with 3–5 bullets."""
    if is_appendix(nb) and heading_cell(nb, "learning goals") is None:
        return []
    return _bullets(nb, "learning goals", "Learning goals", 3, 5)


def is_appendix(nb):
    """An appendix says so in its title; it may leave out goals and exercises."""
    return bool(nb.cells) and re.search(r"^#\s.*appendix", nb.cells[0].source, re.I | re.M)


def is_teacher_edition(nb):
    """The teacher edition holds the worked solutions; the learner edition holds stubs."""
    return any(BEGIN in c.source for c in code_cells(nb))


def rule_exercises(nb, name):
    """An 'Exercises' heading and ≥ 3 exercises whose stored results are all ⏳ "not done yet"
    (learner edition: stubs) or all ✅ (teacher edition: worked solutions)."""
    if is_appendix(nb) and heading_cell(nb, "exercise") is None:
        return []
    problems = []
    if heading_cell(nb, "exercise") is None:
        problems.append("no 'Exercises' heading")
    teacher = is_teacher_edition(nb)
    marker = BEGIN if teacher else STUB
    blocks = sum(c.source.count(marker) for c in code_cells(nb))
    if blocks < 3:
        problems.append(f"{blocks} '{marker}' blocks; expected at least 3 exercises")
    results = [m for c in code_cells(nb) for m in RESULT.findall(stdout_text(c))]
    if len({title for _, title, _ in results}) < 3:
        problems.append(f"{len(results)} exercise checker results in the outputs; expected ≥ 3")
    expected = "✅" if teacher else "⏳"
    for mark, title, verdict in results:
        if mark != expected:
            problems.append(f"stored output: {title}: {verdict} (expected {expected} in the "
                            f"{'teacher' if teacher else 'learner'} edition)")
    return problems


def rule_summary(nb, name):
    """A 'Summary' heading with at most 5 bullets."""
    return _bullets(nb, "summary", "Summary", 0, 5)


def rule_next_link(nb, name, folder=None):
    """A link to the next notebook (when it exists), or back to an earlier one (the last)."""
    folder = Path(folder or Path(name).parent)
    number = int(number_of(name))
    later = [p.name for p in course_notebooks(folder) if int(p.name[:2]) == number + 1]
    links = set(re.findall(r"\(([^)\s]*?\.ipynb)[^)]*\)", "\n".join(c.source for c in markdown(nb)
                                                                   [-3:])))
    links = {Path(link).name for link in links} - {Path(name).name}
    if later:
        return [] if later[0] in links else [f"the last cells must link to {later[0]}"]
    return [] if links else ["the last notebook must link back to an earlier notebook"]


def rule_executed_in_order(nb, name):
    """Non-empty code cells, executed in one run: execution counts 1..N."""
    cells = code_cells(nb)
    problems = [f"code cell {i} is empty" for i, c in enumerate(cells) if not c.source.strip()]
    counts = [c.execution_count for c in cells]
    if counts != list(range(1, len(cells) + 1)):
        problems.append(f"execution counts are {counts}; expected 1..{len(cells)} "
                        f"(run `make notebooks`)")
    return problems


def rule_no_errors(nb, name):
    """No stored error outputs and nothing on stderr."""
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i} holds an error output: {out.get('ename')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {i} wrote to stderr: {out.get('text', '')[:80]!r}")
    return problems


def rule_ignore_only_widgets(nb, name):
    """`nbval-ignore-output` exactly on the cells that display a live control."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        ignored = IGNORE_TAG in tags(cell) or "NBVAL_IGNORE_OUTPUT" in cell.source
        widget = any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))
        if ignored and not widget:
            problems.append(f"cell {i} ignores its output but shows no live control")
        if widget and IGNORE_TAG not in tags(cell):
            problems.append(f"cell {i} shows a live control but lacks the tag {IGNORE_TAG}")
    return problems


def rule_code_after_markdown(nb, name):
    """Every code cell sits in a section opened by a markdown heading (no code before it)."""
    seen_heading = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and re.search(r"^#{1,3}\s", cell.source, re.M):
            seen_heading = True
        if cell.cell_type == "code" and not seen_heading:
            return [f"code cell {i} comes before any markdown heading"]
    return []


def rule_clean_metadata(nb, name):
    """A python3 kernelspec and no authoring-tool leftovers, so the notebook opens clean."""
    problems = []
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("metadata.kernelspec must name the python3 kernel (make notebooks sets it)")
    if "jupytext" in nb.metadata:
        problems.append("metadata.jupytext is left over from authoring (make notebooks drops it)")
    return problems


# ---- slides ----------------------------------------------------------------------------------

KNOWN_SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes"}


def rule_slide_metadata(nb, name):
    """A cell either continues the slide before it (no slideshow metadata) or names a slide type.
    An explicit "-" is refused: the live deck (jupyterlab-slideshow) hides such a cell."""
    return [f"cell {i} has slide_type {slide_type(c)!r}; a cell that continues its slide has no "
            "slideshow metadata (`make notebooks` drops '-')"
            for i, c in enumerate(nb.cells)
            if slide_type(c) is not None and slide_type(c) not in KNOWN_SLIDE_TYPES]


def rule_title_slide(nb, name):
    """The first cell is a markdown `slide` holding the H1 title with the notebook's number."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or slide_type(first) != "slide":
        return ["the first cell must be a markdown cell with slide_type 'slide'"]
    h1 = re.search(r"^#\s+(.+)$", first.source, re.M)
    if not h1 or number_of(name) not in h1.group(1):
        return [f"the title slide needs an H1 holding the number {number_of(name)}"]
    return []


def rule_enough_slides(nb, name, minimum=5):
    """At least `minimum` slides (cells of type `slide`)."""
    n = sum(1 for kind, _ in slide_groups(nb) if kind == "slide")
    return [] if n >= minimum else [f"{n} slides; expected at least {minimum}"]


def rule_no_wall_of_code(nb, name):
    """No slide or sub-slide is a wall of code (see build_slides.is_wall_of_code)."""
    problems = []
    for index, (kind, cells) in enumerate(slide_groups(nb)):
        if is_wall_of_code(cells):
            code, text = line_counts(cells)
            first = cells[0].source.strip().splitlines()[0][:50] if cells[0].source.strip() else ""
            problems.append(f"{kind} {index} ({first!r}) is a wall of code: {code} code lines, "
                            f"{text} markdown lines — split it with sub-slides")
    return problems


def rule_controls_on_own_slide(nb, name):
    """Every live control (tagged nbval-ignore-output) starts a slide."""
    return [f"cell {i} holds a live control but its slide_type is {slide_type(c) or '-'!r}, not 'slide'"
            for i, c in enumerate(nb.cells) if IGNORE_TAG in tags(c) and slide_type(c) != "slide"]


SHAPE_RULES = [rule_title, rule_goals, rule_exercises, rule_summary, rule_next_link,
               rule_executed_in_order, rule_no_errors, rule_ignore_only_widgets,
               rule_code_after_markdown, rule_clean_metadata]
SLIDE_RULES = [rule_slide_metadata, rule_title_slide, rule_enough_slides, rule_no_wall_of_code,
               rule_controls_on_own_slide]


def lint(path):
    """Every problem of one notebook file, each prefixed with the rule that found it."""
    nb = nbformat.read(path, as_version=4)
    return [f"{rule.__name__[5:]}: {p}" for rule in SHAPE_RULES + SLIDE_RULES
            for p in rule(nb, str(path))]


def main(argv=None):
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or course_notebooks()
    bad = 0
    for path in paths:
        problems = lint(path)
        bad += bool(problems)
        print(f"{path.name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems:
            print(f"  - {p}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
