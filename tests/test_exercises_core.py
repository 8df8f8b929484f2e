"""The exercise checker machinery: verdicts, hints, placeholders, printed text."""

import numpy as np
import pytest

from nnlib.exercises.core import (RESULT_LINE, Checker, Hint, exercise, expect, expect_array,
                                  expect_between, expect_choice, expect_function, expect_number,
                                  expect_shape, fmt)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1.0 - sigmoid(z))


Z = np.array([-2.0, 0.0, 3.0])


@exercise("Exercise 1 — sigmoid derivative", hint="σ'(z) = σ(z)(1 − σ(z)).")
def check_derivative(f):
    expect_function(f, sigmoid_derivative, [Z], name="sigmoid_derivative(z)")


check_mse = exercise("Exercise 2 — MSE", lambda j: expect_number(j, 0.5, "J"),
                     hint="Average the squared errors.")


def test_correct_answer_prints_one_pass_line_and_returns_none(capsys):
    assert check_derivative(sigmoid_derivative) is None
    assert capsys.readouterr().out == "✅ Exercise 1 — sigmoid derivative: correct.\n"


def test_placeholder_none_is_not_done_with_hint(capsys):
    check_mse(None)
    assert capsys.readouterr().out == ("⏳ Exercise 2 — MSE: not done yet.\n"
                                       "   Hint: Average the squared errors.\n")


def test_function_returning_none_is_not_done():
    def sigmoid_derivative(z):
        # YOUR CODE HERE
        return None
    result = check_derivative.check(sigmoid_derivative)
    assert result.mark == "⏳" and result.verdict == "not done yet"
    assert "returns None" in result.detail and result.hint.startswith("σ'")


def test_list_holding_placeholder_is_not_done():
    c = exercise("Exercise 3 — params", lambda p: None)
    assert c.check([np.zeros(2), None]).mark == "⏳"


def test_learners_exception_becomes_a_hint_naming_it():
    def broken(z):
        return z / undefined_name  # noqa: F821
    result = check_derivative.check(broken)
    assert result.mark == "❌"
    assert result.detail == "your function raised NameError: name 'undefined_name' is not defined"
    assert "Traceback" not in str(result)


def test_unexpected_error_inside_test_is_reported_not_raised():
    c = exercise("Exercise 4", lambda x: x["missing"], hint="use a dict")
    result = c.check({})
    assert result.mark == "❌" and "KeyError" in result.detail


def test_wrong_shape_hint_names_both_shapes():
    result = check_derivative.check(lambda z: sigmoid_derivative(z)[:, None])
    assert "has shape (3, 1) but expected (3,)" in result.detail
    assert "for input [-2, 0, 3]" in result.detail


def test_printed_lines_match_result_pattern(capsys):
    check_mse(0.5)
    check_mse(0.7)
    check_mse(None)
    lines = [line for line in capsys.readouterr().out.splitlines() if RESULT_LINE.match(line)]
    assert [RESULT_LINE.match(line).group(1, 3) for line in lines] == [
        ("✅", "correct"), ("❌", "not quite"), ("⏳", "not done yet")]


def test_returned_note_is_appended_to_pass_line():
    c = exercise("Exercise 5 — accuracy", lambda acc: f"test accuracy {acc:.3f}")
    assert str(c.check(0.95)) == "✅ Exercise 5 — accuracy: correct — test accuracy 0.950."


@pytest.mark.parametrize("value, words", [
    (-0.5, "right size, wrong sign"),
    (1.0, "twice the expected value"),
    (0.25, "half the expected value"),
    (0.6, "too large"),
    (0.1, "too small"),
    ("0.5", "should be a single number; it is a str"),
    (np.array([0.5, 0.5]), r"should be a single number; it is an array of shape \(2,\)"),
    (float("nan"), "not a finite number"),
])
def test_expect_number_hints(value, words):
    with pytest.raises(Hint, match=words):
        expect_number(value, 0.5, "J")


@pytest.mark.parametrize("value, words", [
    (-0.9, "too large in size"),   # further from 0 than -0.5
    (-0.1, "too small in size"),
    (0.3, "check its sign as well as its size"),
])
def test_expect_number_compares_sizes_of_negative_numbers(value, words):
    with pytest.raises(Hint, match=words):
        expect_number(value, -0.5, "delta")


def test_expect_number_accepts_numpy_scalars_and_ints():
    expect_number(np.float64(0.5), 0.5)
    expect_number(2, 2.0)


def test_expect_array_detects_transpose_sign_and_position():
    W = np.arange(6.0).reshape(2, 3)
    with pytest.raises(Hint, match=r"shape \(3, 2\) but expected \(2, 3\): transposed\?"):
        expect_array(W.T, W, "W")
    with pytest.raises(Hint, match="wrong sign"):
        expect_array(-W, W, "W")
    wrong = W.copy()
    wrong[1, 2] += 0.5
    with pytest.raises(Hint, match=r"at 1 of 6 position\(s\); the largest difference is 0.5 "
                                   r"at index \(1, 2\)"):
        expect_array(wrong, W, "W")
    with pytest.raises(Hint, match="1 NaN or infinite"):
        expect_array([0.0, np.inf], [0.0, 1.0])
    expect_array(W.tolist(), W)


def test_expect_shape_and_between_and_choice():
    with pytest.raises(Hint, match=r"has shape \(4,\) but expected \(4, 1\)"):
        expect_shape(np.zeros(4), (4, 1), "y_hat")
    with pytest.raises(Hint, match="outside the range 0.9 to 1"):
        expect_between(0.8, 0.9, 1.0, "accuracy")
    expect_between(0.95, 0.9, 1.0)
    with pytest.raises(Hint, match="should be one of 'a', 'b'"):
        expect_choice("c", "a", ["a", "b"])
    with pytest.raises(Hint, match="'b' is not the right choice"):
        expect_choice("b", "a", ["a", "b"])
    expect_choice(" A ", "a", ["a", "b"])


def test_expect_plain_condition():
    expect(True, "never shown")
    with pytest.raises(Hint, match="add a hidden layer"):
        expect(False, "add a hidden layer")


def test_fmt_is_short_and_version_independent():
    assert fmt(np.float64(0.123456)) == "0.1235"
    assert fmt(np.array([[1.0, 2.5], [3.0, 4.0]])) == "[[1, 2.5], [3, 4]]"
    assert fmt(np.zeros((5, 5))) == "an array of shape (5, 5)"
    assert fmt(np.int64(3)) == "3" and fmt(np.bool_(True)) == "True"


def test_checker_rejects_non_callable_test():
    with pytest.raises(ValueError, match="test_fn must be a function"):
        Checker("Exercise 1", "not a function")


def test_decorated_checker_keeps_name_and_describes_itself():
    assert check_derivative.__name__ == "check_derivative"
    assert "Exercise 1 — sigmoid derivative" in check_derivative.__doc__
    assert repr(check_derivative) == "<exercise checker: Exercise 1 — sigmoid derivative>"


def test_a_function_without_return_is_asked_about_return(capsys):
    def forgot_return(z):
        sigmoid(z) * (1 - sigmoid(z))

    check_derivative(forgot_return)
    assert "returns None: fill in its body and `return` the result" in capsys.readouterr().out


def test_a_long_error_message_is_kept_whole_up_to_a_word_boundary(capsys):
    def bad_matmul(z):
        return np.ones((2, 3)) @ np.ones((2, 1))

    check_derivative(bad_matmul)
    out = capsys.readouterr().out
    assert "(size 2 is different from 3)" in out


# ---- grading: hidden tests and points --------------------------------------------------------

def _square_checker():
    return exercise("Exercise 9 — square", lambda f: expect_number(f(2.0), 4.0, "f(2)"),
                    hint="x times x.",
                    hidden=lambda f: expect_number(f(-3.0), 9.0, "f(-3)"))


def test_score_gives_full_points_half_points_or_none(capsys):
    checker = _square_checker()
    assert checker.score(lambda x: x * x) == 2.0
    assert capsys.readouterr().out == ""
    assert checker.score(lambda x: 2 * x) == 1.0  # written to the visible case alone
    assert "1 of 2 points" in capsys.readouterr().out
    assert checker.score(lambda x: x + 1) == 0.0
    assert "0 of 2 points — not quite" in capsys.readouterr().out
    assert checker.score(None) == 0.0
    assert "0 of 2 points — not done yet" in capsys.readouterr().out
    assert checker.score(lambda x: x * x, points=3) == 3.0


def test_hidden_failure_names_what_was_wrong_and_errors_never_escape(capsys):
    checker = _square_checker()

    def breaks_on_negatives(x):
        if x < 0:
            raise ValueError("no negatives")
        return x * x

    assert checker.score(breaks_on_negatives) == 1.0
    assert "your function raised ValueError: no negatives" in capsys.readouterr().out
    assert checker.check_hidden(lambda x: x * x).passed
    assert exercise("E", lambda a: None).check_hidden(1).passed  # no hidden tests: nothing to fail


def test_score_and_hidden_reject_bad_arguments():
    with pytest.raises(ValueError, match="points must be a positive number"):
        _square_checker().score(lambda x: x * x, points=0)
    with pytest.raises(ValueError, match="hidden must be a function or None; received int"):
        exercise("E", lambda a: None, hidden=3)
