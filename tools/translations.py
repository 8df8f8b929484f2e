"""Translated sources: start one, and find the cells that went stale when the original changed.

    .venv/bin/python tools/translations.py start zh 01_perceptron   # course/zh/01_perceptron.md
    .venv/bin/python tools/translations.py check                    # every course/<lang>/*.md

A translation of `course/NN_name.md` lives beside it as `course/<lang>/NN_name.md`, cell for
cell. Each of its cells records, in its metadata, the fingerprint of the original cell it was
translated from: `"translated_from": "<first 12 hex digits of the SHA-256 of that source>"`.
`start` copies the original with those fingerprints in place, ready to be translated; `check`
lists every translated cell whose original has changed since (or that lost its fingerprint),
and exits 1 if there is any, so a stale translation is found before it is published.
"""

import argparse
import copy
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from editions import SOURCES, read_source  # noqa: E402

KEY = "translated_from"


def fingerprint(text):
    """The fingerprint of one cell's source: 12 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def started(original_nb):
    """A copy of the original notebook node, each cell stamped with its fingerprint."""
    nb = copy.deepcopy(original_nb)
    for cell in nb.cells:
        cell.metadata[KEY] = fingerprint(cell.source)
    return nb


def stale_cells(original_nb, translated_nb):
    """[(cell number, why)] for every translated cell that no longer matches its original."""
    if len(original_nb.cells) != len(translated_nb.cells):
        return [(None, f"the original has {len(original_nb.cells)} cells, the translation "
                       f"{len(translated_nb.cells)}: cells were added or removed")]
    problems = []
    for i, (orig, trans) in enumerate(zip(original_nb.cells, translated_nb.cells)):
        recorded = trans.metadata.get(KEY)
        if recorded is None:
            problems.append((i, "no fingerprint of its original"))
        elif recorded != fingerprint(orig.source):
            first = (orig.source.strip().splitlines() or [""])[0][:60]
            problems.append((i, f"the original changed since it was translated ({first!r})"))
    return problems


def translations(folder=SOURCES):
    """Every translated source `course/<lang>/NN_name.md` with its original."""
    for path in sorted(Path(folder).glob("*/[0-9][0-9]_*.md")):
        yield path, Path(folder) / path.name


def main(argv=None):
    import jupytext
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="copy an original into course/<lang>/, fingerprinted")
    start.add_argument("lang")
    start.add_argument("name", help="e.g. 01_perceptron")
    sub.add_parser("check", help="list stale translated cells; exit 1 if any")
    args = parser.parse_args(argv)
    if args.command == "start":
        target = SOURCES / args.lang / f"{args.name}.md"
        if target.exists():
            print(f"{target} exists already", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(started(read_source(SOURCES / f"{args.name}.md")), target, fmt="md:myst")
        print(f"wrote {target}: translate its text, keep its cells and their metadata")
        return 0
    bad = 0
    for path, original in translations():
        if not original.exists():
            print(f"{path}: its original {original.name} no longer exists")
            bad += 1
            continue
        problems = stale_cells(read_source(original), read_source(path))
        bad += len(problems)
        print(f"{path}: {'up to date' if not problems else f'{len(problems)} stale cell(s)'}")
        for i, why in problems:
            print(f"  cell {i}: {why}" if i is not None else f"  {why}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
