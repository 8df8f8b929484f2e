"""How much of each main-path notebook talks about the source articles.

    .venv/bin/python tools/source_share.py             # every main-path notebook in notebooks/
    .venv/bin/python tools/source_share.py --cells     # ... and list the cells that count
    .venv/bin/python tools/source_share.py notebooks/04_backpropagation.ipynb

The course grew from five beginner articles, numbered 000 to 004. What the course corrects in
them lives in one appendix (08 · About the sources); the main path mentions a source only where
its mistake is itself the lesson. This command measures that: for each notebook it prints the
share of the markdown words that sit in cells about the sources, and exits 1 when a share is
above LIMIT (10 %).

Definitions:

- **Main path**: the notebooks `NN_name.ipynb` of the folder whose title cell (the first H1) does
  not say "Appendix" — 01 to 06 today; the appendices 07 and 08 are skipped.
- **Words**: the whitespace-separated tokens of a markdown cell's source, as written. LaTeX,
  inline code, link targets and the `<details>` blocks of folded solutions are words too: the
  count is crude on purpose, so that it is the same for everyone.
- **A cell about the sources**: a markdown cell whose source matches at least one of
  SOURCE_PATTERNS, case-insensitive:
    * "source article" / "source articles";
    * "source 00N", "article 00N", "articles 00N" (N = 0..4);
    * "article" or "articles" anywhere ("the article's weights", "the articles this course grew
      from", "five beginner articles"): in this course an article is always a source article;
    * "tutorial" / "tutorials";
    * "Towards Data Science", "freeCodeCamp";
    * a link to the README's list of sources (`README.md#sources`);
    * a bare 000, 001, 002, 003 or 004 that is not part of a longer number: "003" in
      "0.003", "1003" or "003.5", and "000" in "10 000", do not count.
  The whole cell counts once it matches: the cell is the unit a reader skips or reads.
- **Share**: words in cells about the sources / words in all markdown cells of the notebook.
  The notebooks in `notebooks/` are the learner edition: teacher notes are not in them, so they
  do not count; the folded worked solutions are markdown cells and do.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: the largest share of markdown words a main-path notebook may spend on the sources
LIMIT = 0.10

SOURCE_PATTERNS = {
    "source article": r"\bsource\s+articles?\b",
    "source/article 00N": r"\b(?:source|articles?)\s+00[0-4]\b",
    "article": r"\barticles?\b",
    "tutorial": r"\btutorials?\b",
    "Towards Data Science": r"\btowards\s+data\s+science\b",
    "freeCodeCamp": r"\bfree\s*code\s*camp\b",
    "link to the sources": r"readme\.md#sources",
    # 000-004 alone: no digit, letter, '_' or decimal point/comma before it, nor a digit and a
    # space ("10 000" is a number with a thousands space); after it no digit, letter, '_', and
    # no '.5' / ',5' continuing a number ("000–004" and "(002)" still count)
    "bare 000-004": r"(?<![\w.,])(?<!\d[ \u00a0\u2009\u202f])00[0-4](?!\w|[.,]\d)",
}
_COMPILED = {name: re.compile(pattern, re.I) for name, pattern in SOURCE_PATTERNS.items()}
_H1 = re.compile(r"^#\s+(.+)$", re.M)


def source_matches(text):
    """The names of the SOURCE_PATTERNS that `text` matches (empty list: not about sources)."""
    return [name for name, pattern in _COMPILED.items() if pattern.search(text)]


def is_about_sources(text):
    """True when a markdown cell's text talks about the source articles (see the module doc)."""
    return bool(source_matches(text))


def word_count(text):
    """The number of whitespace-separated tokens of `text`."""
    return len(text.split())


def is_appendix(nb):
    """True when the notebook's first H1 says "Appendix" (appendices are not the main path)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            h1 = _H1.search(cell.source)
            if h1:
                return "appendix" in h1.group(1).lower()
    return False


def source_share(nb):
    """(words in cells about the sources, words in all markdown cells, flagged cells).

    `flagged` lists (cell index, words, matched pattern names) for every cell that counts.
    """
    about, total, flagged = 0, 0, []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        words = word_count(cell.source)
        total += words
        matches = source_matches(cell.source)
        if matches:
            about += words
            flagged.append((index, words, matches))
    return about, total, flagged


def main_path(folder=NOTEBOOKS):
    """The main-path notebooks of `folder` (not appendices), in course order."""
    paths = sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
    return [p for p in paths if not is_appendix(nbformat.read(p, as_version=4))]


def report(paths, limit=LIMIT, cells=False, out=None):
    """Print one line per notebook (and its flagged cells if `cells`) to `out` (default
    stdout); return the exit status: 1 when a share is above `limit`, else 0."""
    out = out or sys.stdout
    status = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        about, total, flagged = source_share(nb)
        share = about / total if total else 0.0
        over = share > limit
        status |= over
        verdict = f"over the {limit:.0%} limit" if over else "ok"
        print(f"{Path(path).name}: {share:6.1%} of {total} markdown words "
              f"({about} in {len(flagged)} cells about the sources) — {verdict}", file=out)
        if cells:
            for index, words, matches in flagged:
                first = nb.cells[index].source.strip().splitlines()[0][:60]
                print(f"    cell {index:3d}: {words:4d} words  [{', '.join(matches)}]  {first}",
                      file=out)
    return int(status)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to measure (default: the main path in notebooks/)")
    parser.add_argument("--cells", action="store_true", help="list the cells that count")
    args = parser.parse_args(argv)
    paths = args.notebooks or main_path()
    if not paths:
        print("no notebooks to measure", file=sys.stderr)
        return 2
    return report(paths, cells=args.cells)


if __name__ == "__main__":
    sys.exit(main())
