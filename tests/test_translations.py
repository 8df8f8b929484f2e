"""A translated source records what it was translated from, so a stale cell is found."""

import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402


def notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(s) for s in sources])


def test_a_fresh_translation_is_up_to_date_and_survives_the_text_format(tmp_path):
    original = notebook("# 01 · The perceptron", "A neuron adds its inputs.")
    started = translations.started(original)
    started.cells[1].source = "神经元把输入加起来。"
    path = tmp_path / "01_x.md"
    jupytext.write(started, path, fmt="md:myst")
    assert translations.stale_cells(original, jupytext.read(path, fmt="md:myst")) == []


def test_an_edited_original_cell_is_reported_with_its_number():
    original = notebook("# 01", "A neuron adds its inputs.", "Then it activates.")
    translated = translations.started(original)
    original.cells[2].source = "Then it applies its activation."
    assert translations.stale_cells(original, translated) == [
        (2, "the original changed since it was translated ('Then it applies its activation.')")]


def test_added_cells_and_missing_fingerprints_are_reported():
    original = notebook("# 01", "text")
    translated = translations.started(original)
    del translated.cells[1].metadata[translations.KEY]
    assert translations.stale_cells(original, translated) == [(1, "no fingerprint of its original")]
    original.cells.append(nbformat.v4.new_markdown_cell("new"))
    [(where, why)] = translations.stale_cells(original, translated)
    assert where is None and "3 cells" in why and "2" in why


def test_fingerprint_is_the_sha256_prefix():
    # sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assert translations.fingerprint("abc") == "ba7816bf8f01"
