"""Every exercise checker has hidden tests for grading (``hidden=``), or is listed in its
module's ``NO_HIDDEN_TESTS`` with the reason it has none (an answer that is a number, an array
or a choice for one given input: the visible check already tests the whole answer)."""

import importlib

import pytest

from nnlib.exercises.core import Checker

MODULES = ["perceptron", "loss", "descent", "backprop", "optimisers", "iris", "own_data"]


def checkers(module):
    return {name: value for name, value in vars(module).items() if isinstance(value, Checker)}


@pytest.mark.parametrize("name", MODULES)
def test_every_checker_has_hidden_tests_or_a_reason_for_none(name):
    module = importlib.import_module(f"nnlib.exercises.{name}")
    found = checkers(module)
    assert found, f"nnlib.exercises.{name} defines no checker"
    listed = getattr(module, "NO_HIDDEN_TESTS", {})
    assert set(listed) <= set(found), f"NO_HIDDEN_TESTS names no checker: {set(listed) - set(found)}"
    for checker_name, checker in found.items():
        if checker_name in listed:
            assert checker.hidden_fn is None, f"{checker_name} is listed but has hidden tests"
            assert isinstance(listed[checker_name], str) and len(listed[checker_name]) > 20
        else:
            assert checker.hidden_fn is not None, f"{checker_name} has no hidden tests"
            assert (checker.hidden_fn.__doc__ or "").strip(), \
                f"{checker_name}'s hidden tests should say what they try"

