"""tools/source_share.py: the share of a notebook's markdown words spent on the source articles."""

import io
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import source_share  # noqa: E402

FILLER = "the perceptron adds its weighted inputs and a bias then applies a step"  # 13 words


def notebook(*markdown, title="# 01 · Notebook"):
    """A notebook with a title cell, the given markdown cells, and one code cell."""
    cells = [nbformat.v4.new_markdown_cell(title)]
    cells += [nbformat.v4.new_markdown_cell(text) for text in markdown]
    cells.append(nbformat.v4.new_code_cell("print('source article 000 is only code here')"))
    return nbformat.v4.new_notebook(cells=cells)


def words(n, filler=FILLER):
    """Exactly n whitespace-separated words of ordinary course prose."""
    pool = filler.split()
    return " ".join(pool[i % len(pool)] for i in range(n))


def write(tmp_path, name, nb):
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def share_of(nb):
    about, total, _ = source_share.source_share(nb)
    return about / total


# ------------------------------------------------------------------------ counting words
def test_shares_count_whole_cells_of_markdown_words_only():
    # title 4 words + 176 plain + 20 about the sources = 200 markdown words; code is not counted
    nb = notebook(words(176), "Source article 003 " + words(17))
    about, total, flagged = source_share.source_share(nb)
    assert (about, total) == (20, 200)
    assert [index for index, _, _ in flagged] == [2]


def test_latex_and_code_in_markdown_are_words_too():
    assert source_share.word_count("$J = \\frac{1}{m}\\sum_i L_i$ and `np.mean(x)`") == 6


# ------------------------------------------------------------------------ pass and fail
def test_a_notebook_with_20_percent_source_talk_fails(tmp_path):
    nb = notebook(words(156), "As the tutorial shows, " + words(36))          # 40 of 200 words
    assert share_of(nb) == pytest.approx(0.20)
    path = write(tmp_path, "01_twenty.ipynb", nb)
    out = io.StringIO()
    assert source_share.report([path], out=out) == 1
    assert "20.0%" in out.getvalue() and "over the 10% limit" in out.getvalue()


def test_a_notebook_with_5_percent_source_talk_passes(tmp_path):
    nb = notebook(words(186), "See article 002: " + words(7))                 # 10 of 200 words
    assert share_of(nb) == pytest.approx(0.05)
    path = write(tmp_path, "01_five.ipynb", nb)
    out = io.StringIO()
    assert source_share.report([path], out=out) == 0
    assert "5.0%" in out.getvalue() and "ok" in out.getvalue()


def test_exactly_the_limit_passes_and_one_word_more_fails(tmp_path):
    at_limit = notebook(words(176), "freeCodeCamp " + words(19))              # 20 of 200
    above = notebook(words(175), "freeCodeCamp " + words(20))                 # 21 of 200
    assert source_share.report([write(tmp_path, "01_a.ipynb", at_limit)], out=io.StringIO()) == 0
    assert source_share.report([write(tmp_path, "01_b.ipynb", above)], out=io.StringIO()) == 1


def test_cells_option_names_the_cell_and_the_phrase(tmp_path):
    path = write(tmp_path, "01_c.ipynb", notebook(words(50), "Towards Data Science " + words(5)))
    out = io.StringIO()
    source_share.report([path], cells=True, out=out)
    assert "cell   2:    8 words  [Towards Data Science]" in out.getvalue()


# ------------------------------------------------------------------------ the phrases
@pytest.mark.parametrize("text, name", [
    ("Source article 001 trains a network", "source article"),
    ("the five source articles", "source article"),
    ("as source 002 does before it splits", "source/article 00N"),
    ("That is article 001's example", "source/article 00N"),
    ("Articles 000 and 003 agree", "source/article 00N"),
    ("The article starts from a poor guess", "article"),
    ("the article's weights", "article"),
    ("what the articles report", "article"),
    ("one of the articles this course grew from", "article"),
    ("the course grew from five beginner articles", "article"),
    ("check what a published tutorial achieves", "tutorial"),
    ("beginner tutorials often skip it", "tutorial"),
    ("an article in Towards Data Science", "Towards Data Science"),
    ("on freeCodeCamp", "freeCodeCamp"),
    ("([sources](../README.md#sources))", "link to the sources"),
    ("the recipe of 002", "bare 000-004"),
    ("(000–004)", "bare 000-004"),
    ("000-004", "bare 000-004"),
    ("see 004.", "bare 000-004"),
    ("in 003, the loss", "bare 000-004"),
])
def test_each_phrasing_is_caught(text, name):
    assert name in source_share.source_matches(text)


@pytest.mark.parametrize("text", [
    "a learning rate of 0.003",
    "steps of 0.001",
    "1003 flowers",
    "003.5 cm",
    "1,004 samples",
    "10 000 epochs",
    "100 000 epochs",
    "x_003 is a name",
    "a0001 is an id",
    "an open-source library",
    "the data source",
    "read the documentation",
    "notebook 04 and notebook 03",
])
def test_ordinary_text_is_not_caught(text):
    assert source_share.source_matches(text) == []


# ------------------------------------------------------------------------ the main path
def test_appendices_are_not_the_main_path(tmp_path):
    write(tmp_path, "01_main.ipynb", notebook(words(10)))
    write(tmp_path, "07_extra.ipynb", notebook(words(10), title="# 07 · Appendix: extra"))
    assert [p.name for p in source_share.main_path(tmp_path)] == ["01_main.ipynb"]


def test_the_command_exits_1_when_a_notebook_is_over_the_limit(tmp_path, capsys):
    good = write(tmp_path, "01_good.ipynb", notebook(words(100)))
    bad = write(tmp_path, "02_bad.ipynb", notebook(words(10), "The article " + words(10)))
    assert source_share.main([str(good)]) == 0
    assert source_share.main([str(good), str(bad)]) == 1
    assert "02_bad.ipynb" in capsys.readouterr().out


# ------------------------------------------------------------------------ the real notebooks
MAIN_PATH = source_share.main_path(ROOT / "notebooks")


def test_the_main_path_is_there():
    names = [p.name for p in MAIN_PATH]
    assert "01_perceptron.ipynb" in names and "06_iris_classification.ipynb" in names
    assert not any(name.startswith(("07_", "08_")) for name in names)


@pytest.mark.parametrize("path", MAIN_PATH, ids=lambda p: p.name)
def test_main_path_notebooks_spend_at_most_10_percent_on_the_sources(path):
    about, total, flagged = source_share.source_share(nbformat.read(path, as_version=4))
    cells = ", ".join(f"cell {index} ({n} words)" for index, n, _ in flagged)
    assert about <= source_share.LIMIT * total, (
        f"{path.name}: {about}/{total} = {about / total:.1%} of the markdown words are about "
        f"the sources (limit {source_share.LIMIT:.0%}): {cells}")
