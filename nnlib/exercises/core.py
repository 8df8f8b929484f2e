"""The checker machinery behind every notebook's exercises.

A topic module (``nnlib/exercises/<topic>.py``) declares one checker per exercise::

    import numpy as np
    from nnlib import activations
    from nnlib.exercises.core import exercise, expect_function

    def _sigmoid_derivative(f):
        z = np.array([-2.0, 0.0, 3.0])
        expect_function(f, activations.sigmoid_derivative, [z], name="sigmoid_derivative(z)")

    check_sigmoid_derivative = exercise(
        "Exercise 1 — sigmoid derivative", _sigmoid_derivative,
        hint="σ'(z) = σ(z)·(1 − σ(z)); compute σ(z) first, from the pre-activation z.")

and the notebook calls it as the last line of the answer cell::

    check_sigmoid_derivative(sigmoid_derivative)

A call prints one line, or two when there is a hint, and returns ``None`` (so nothing is
displayed as ``Out[]``; the printed text is what nbval compares, and it is deterministic):

    ✅ Exercise 1 — sigmoid derivative: correct.
    ❌ Exercise 1 — sigmoid derivative: not quite — sigmoid_derivative(z) has shape (3, 1) but expected (3,).
       Hint: σ'(z) = σ(z)·(1 − σ(z)); ...
    ⏳ Exercise 1 — sigmoid derivative: not done yet.
       Hint: σ'(z) = σ(z)·(1 − σ(z)); ...

"Not done yet" is reported when an answer is ``None`` or a function that returns ``None``: that
is exactly what the learner edition holds before the learner writes an answer (each solution
there is ``name = None`` or ``return None``). Anything the learner's code raises, and any mismatch, is
reported as "not quite" with a specific hint — never as a traceback.

The test function receives the learner's answers (in the order the notebook passes them) and
either returns (pass; a returned string is appended to the ✅ line, e.g. a reached accuracy), or
raises :class:`Hint` with a specific message — directly or through the ``expect_*`` helpers
below, which name shapes, positions and signs rather than reveal the answer.

Use ``checker.check(*answers)`` to get a :class:`Result` without printing (tests do).

Grading. A checker may also have *hidden* tests (``hidden=`` a second test function, called
with the same answers): other inputs, shapes and edge cases that the visible check does not
try, so that an answer written to pass the visible check alone does not get full marks.
``checker.score(*answers)`` (what the teacher edition's hidden-test block calls, for nbgrader)
prints what failed and returns the points earned: half of ``points`` for the visible check, the
other half for the hidden tests, which count only once the visible check passes.
"""

import functools
import inspect
import re
from collections import namedtuple

import numpy as np

PASS, FAIL, TODO = "✅", "❌", "⏳"

#: One printed result line: mark, exercise title, verdict (what tests parse).
RESULT_LINE = re.compile(r"^(✅|❌|⏳) (.+?): (correct|not quite|not done yet)\b")


class Hint(Exception):
    """Raised by a test function: the answer is wrong; the message says specifically how."""


class NotDone(Exception):
    """Raised when an answer is still the learner edition's placeholder (``None``)."""


def raised(error, context=""):
    """'your function raised T: message', the message whole (cut at a word with '…' past 300
    characters), then ``context`` (say, the shapes the function was called with)."""
    text = " ".join(str(error).split())  # numpy's messages can span lines
    if len(text) > 300:
        text = text[:300].rsplit(" ", 1)[0] + " …"
    return (f"your function raised {type(error).__name__}" + (f": {text}" if text else "")
            + (f" — {context}" if context else ""))


class LearnerError(Exception):
    """The learner's own function raised an exception while being checked."""

    def __init__(self, error):
        super().__init__(raised(error))
        self.error = error


class Result(namedtuple("Result", "mark title verdict detail hint")):
    """The outcome of one check: ``mark`` is ✅, ❌ or ⏳; ``str(result)`` is the printed text."""

    @property
    def passed(self):
        return self.mark == PASS

    def __str__(self):
        line = f"{self.mark} {self.title}: {self.verdict}"
        line += f" — {self.detail.rstrip('.')}." if self.detail else "."
        if self.hint and self.mark != PASS:
            line += f"\n   Hint: {self.hint}"
        return line


class Checker:
    """One exercise: a title, a test function and the hint shown when it is not (yet) right.

    Calling the checker prints the result and returns ``None``.
    """

    def __init__(self, title, test_fn, hint="", hidden=None):
        if not callable(test_fn):
            raise ValueError(f"test_fn must be a function; received {type(test_fn).__name__}")
        if hidden is not None and not callable(hidden):
            raise ValueError(f"hidden must be a function or None; received "
                             f"{type(hidden).__name__}")
        self.title = str(title)
        self.test_fn = test_fn
        self.hidden_fn = hidden
        self.hint = str(hint)
        self.__doc__ = f"Check your answer to {self.title}. Prints ✅, ❌ with a hint, or ⏳."

    def check(self, *answers):
        """Run the test on ``answers`` and return a :class:`Result` (prints nothing)."""
        if any(_is_placeholder(a) for a in answers):
            return self._result(TODO, "not done yet")
        try:
            note = self.test_fn(*[_guard(a) for a in answers])
        except NotDone as e:
            return self._result(TODO, "not done yet", str(e))
        except (Hint, LearnerError) as e:
            return self._result(FAIL, "not quite", str(e))
        except Exception as e:  # a wrong type or shape deep inside the test: still a hint
            return self._result(FAIL, "not quite",
                                f"checking it raised {type(e).__name__}: {e}")
        return self._result(PASS, "correct", str(note) if isinstance(note, str) else "")

    def check_hidden(self, *answers):
        """Run the hidden tests on ``answers``: a :class:`Result` (✅ when there are none)."""
        if self.hidden_fn is None:
            return self._result(PASS, "correct")
        if any(_is_placeholder(a) for a in answers):
            return self._result(TODO, "not done yet")
        try:
            self.hidden_fn(*[_guard(a) for a in answers])
        except NotDone as e:
            return self._result(TODO, "not done yet", str(e))
        except (Hint, LearnerError) as e:
            return self._result(FAIL, "not quite", f"hidden test does not pass: {e}")
        except Exception as e:
            return self._result(FAIL, "not quite",
                                f"hidden test does not pass: checking it raised {type(e).__name__}: {e}")
        return self._result(PASS, "correct")

    def score(self, *answers, points=2):
        """Points earned (for grading): ``points / 2`` for the visible check, the rest for the
        hidden tests, counted only when the visible check passes. Prints what failed."""
        points = float(points)
        if not np.isfinite(points) or points <= 0:
            raise ValueError(f"points must be a positive number; received {points!r}")
        visible = self.check(*answers)
        if not visible.passed:
            print(f"{self.title}: 0 of {points:g} points — {visible.verdict}"
                  + (f": {visible.detail}" if visible.detail else ""))
            return 0.0
        hidden = self.check_hidden(*answers)
        if not hidden.passed:
            print(f"{self.title}: {points / 2:g} of {points:g} points — the visible check "
                  f"passes, a {hidden.detail}")
            return points / 2
        return points

    def __call__(self, *answers):
        print(self.check(*answers))

    def __repr__(self):
        return f"<exercise checker: {self.title}>"

    def _result(self, mark, verdict, detail=""):
        return Result(mark, self.title, verdict, detail, self.hint)


def exercise(title, test_fn=None, hint="", hidden=None):
    """Make a :class:`Checker`; also usable as a decorator: ``@exercise("Exercise 2 — ...", hint=...)``."""
    if test_fn is None:
        def decorate(fn):
            checker = Checker(title, fn, hint, hidden)
            checker.__name__ = fn.__name__
            return checker
        return decorate
    return Checker(title, test_fn, hint, hidden)


def _is_placeholder(answer):
    """``None``, or a list/tuple holding a ``None``: the learner edition's untouched answer."""
    if answer is None:
        return True
    return isinstance(answer, (list, tuple)) and any(a is None for a in answer)


def _guard(answer):
    """Wrap a learner's function so ``None`` results and its exceptions are reported, not raised."""
    if not (inspect.isfunction(answer) or inspect.ismethod(answer)):
        return answer

    @functools.wraps(answer)
    def guarded(*args, **kwargs):
        try:
            out = answer(*args, **kwargs)
        except Exception as e:
            raise LearnerError(e) from None
        if out is None:
            raise NotDone(f"{answer.__name__} returns None: fill in its body and `return` the result")
        return out

    return guarded


# ----------------------------------------------------------------------------------------------
# The assertion vocabulary of test functions. Each raises Hint with a specific message.
# ----------------------------------------------------------------------------------------------

def fmt(x):
    """A short, deterministic text of a number or an array (4 significant digits)."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.4g}"
    a = np.asarray(x)
    if a.ndim == 0:
        return fmt(a.item())
    if a.size > 12:
        return f"an array of shape {a.shape}"
    return "[" + ", ".join(fmt(row) for row in a) + "]"


def expect(condition, message):
    """Raise :class:`Hint` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise Hint(message)


def expect_number(value, expected, name="your answer", rtol=1e-6, atol=1e-9):
    """A single real number close to ``expected``; the hint says too large/small or wrong sign."""
    value = _not_none(value, name)
    if isinstance(value, (bool, np.bool_, str)) or np.ndim(value) != 0:
        raise Hint(f"{name} should be a single number; it is {_kind(value)}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise Hint(f"{name} should be a single number; it is {_kind(value)}") from None
    expect(np.isfinite(v), f"{name} is {fmt(v)}, not a finite number")
    e = float(expected)
    if abs(v - e) <= atol + rtol * abs(e):
        return
    if e != 0 and abs(v + e) <= atol + rtol * abs(e):
        raise Hint(f"{name} is {fmt(v)}: right size, wrong sign")
    for factor, words in ((2.0, "twice"), (0.5, "half")):
        if e != 0 and abs(v - factor * e) <= atol + rtol * abs(factor * e):
            raise Hint(f"{name} is {fmt(v)}, {words} the expected value")
    if e < 0 and v < 0:  # both negative: "larger" means further from 0
        raise Hint(f"{name} is {fmt(v)}, which is too {'large' if v < e else 'small'} in size")
    if (v < 0) != (e < 0) and e != 0:
        raise Hint(f"{name} is {fmt(v)}: check its sign as well as its size")
    raise Hint(f"{name} is {fmt(v)}, which is too {'large' if v > e else 'small'}")


def expect_shape(value, shape, name="your answer"):
    """An array (or array-like) of exactly ``shape``."""
    a = _as_array(value, name)
    expect(a.shape == tuple(shape),
           f"{name} has shape {a.shape} but expected {tuple(shape)}")
    return a


def expect_array(value, expected, name="your answer", rtol=1e-6, atol=1e-9):
    """An array of the expected shape whose values are close to ``expected`` everywhere."""
    expected = np.asarray(expected, dtype=float)
    a = _as_array(value, name)
    if a.shape != expected.shape:
        if expected.ndim == 2 and a.shape == expected.T.shape and \
                np.allclose(a, expected.T, rtol=rtol, atol=atol):
            raise Hint(f"{name} has shape {a.shape} but expected {expected.shape}: transposed?")
        raise Hint(f"{name} has shape {a.shape} but expected {expected.shape}")
    bad_values = ~np.isfinite(a)
    expect(not bad_values.any(), f"{name} holds {int(bad_values.sum())} NaN or infinite value(s)")
    close = np.isclose(a, expected, rtol=rtol, atol=atol)
    if close.all():
        return
    if np.allclose(a, -expected, rtol=rtol, atol=atol):
        raise Hint(f"{name} has the right size but the wrong sign")
    diff = np.abs(a - expected)
    where = np.unravel_index(int(np.argmax(diff)), a.shape) if a.ndim else ()
    where = tuple(int(i) for i in where)
    position = f" at index {where if len(where) > 1 else where[0]}" if where else ""
    raise Hint(f"{name} differs from the expected values at {int((~close).sum())} of {a.size} "
               f"position(s); the largest difference is {fmt(diff.max())}{position}")


def expect_function(fn, reference, inputs, name="your function", rtol=1e-6, atol=1e-9):
    """``fn`` gives the same results as ``reference`` on every input.

    ``inputs`` is a list; each item is one argument, or a tuple of arguments. ``name`` may
    contain the call, e.g. ``"sigmoid_derivative(z)"``; the hint adds the input it failed on.
    """
    fn = _not_none(fn, name)
    expect(callable(fn), f"{name} should be a function; it is {_kind(fn)}")
    for item in inputs:
        args = item if isinstance(item, tuple) else (item,)
        got = _call(fn, args, name)
        want = reference(*args)
        label = f"{name} for input {', '.join(fmt(a) for a in args)}"
        if np.ndim(want) == 0 and np.ndim(got) == 0:
            expect_number(got, want, label, rtol, atol)
        else:
            expect_array(got, want, label, rtol, atol)


def expect_between(value, low, high, name="your answer"):
    """A number in ``[low, high]`` (an accuracy, a final loss, ...)."""
    value = _not_none(value, name)
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise Hint(f"{name} should be a number; it is {_kind(value)}") from None
    expect(low <= v <= high, f"{name} is {fmt(v)}, outside the range {fmt(low)} to {fmt(high)}")


def expect_choice(value, correct, options, name="your answer"):
    """A multiple-choice answer: one of ``options`` (strings, case-insensitive), the correct one."""
    value = _not_none(value, name)
    opts = ", ".join(repr(o) for o in options)
    expect(isinstance(value, str) and value.strip().lower() in [o.lower() for o in options],
           f"{name} should be one of {opts}; it is {value!r}")
    expect(value.strip().lower() == correct.lower(), f"{value!r} is not the right choice")


def _not_none(value, name):
    if value is None:
        raise NotDone(f"{name} is None")
    return value


def _call(fn, args, name):
    try:
        out = fn(*args)
    except (NotDone, LearnerError):
        raise
    except Exception as e:
        raise LearnerError(e) from None
    if out is None:
        raise NotDone(f"{name} returns None: fill in its body and `return` the result")
    return out


def _kind(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _as_array(value, name):
    value = _not_none(value, name)
    if isinstance(value, str) or callable(value):
        raise Hint(f"{name} should be an array of numbers; it is {_kind(value)}")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Hint(f"{name} should be an array of numbers; it is {_kind(value)}") from None
