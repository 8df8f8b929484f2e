"""Self-checking exercises: one module of checkers per notebook, built on :mod:`nnlib.exercises.core`.

In a notebook: ``from nnlib.exercises import perceptron as ex`` then ``ex.check_...(answer)``.
Topic modules are not imported here, so importing one notebook's checkers stays light.
"""

from nnlib.exercises.core import (Checker, Hint, NotDone, Result, exercise, expect,
                                  expect_array, expect_between, expect_choice, expect_function,
                                  expect_number, expect_shape)

__all__ = ["Checker", "Hint", "NotDone", "Result", "exercise", "expect", "expect_array",
           "expect_between", "expect_choice", "expect_function", "expect_number", "expect_shape"]
