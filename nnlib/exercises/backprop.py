"""Exercise checkers of notebook 04_backpropagation.

1. ``check_sigmoid_derivative(sigmoid_derivative)`` — σ'(z) as a function of the pre-activation z.
2. ``check_output_delta(delta_out)`` — δ = ∂L/∂z of the output neuron for one student who is
   not in the table (``OUTPUT_DELTA_CASE``), given ŷ and y.
3. ``check_gradient_shapes(delta_hidden_shape, grad_W1_shape, grad_W2_shape)`` — shapes in a
   2-3-1 network on a batch of 10.
4. ``check_two_hidden_backward(backward_two_hidden)`` — backprop through a second hidden layer,
   compared with ``nnlib.MLP`` and finite differences.
"""

import numpy as np

from .. import activations
from ..gradcheck import numerical_gradient
from ..mlp import MLP
from .core import (Hint, LearnerError, raised, expect, expect_array, expect_number, expect_shape,
                   exercise)

__all__ = ["check_sigmoid_derivative", "check_output_delta", "check_gradient_shapes",
           "check_two_hidden_backward", "OUTPUT_DELTA_CASE"]

_sigmoid = activations.sigmoid

# ----------------------------------------------------------------------- 1. sigmoid derivative

def _sigmoid_derivative(f):
    z = np.array([-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0])
    got = np.asarray(f(z), dtype=float) if callable(f) else None
    expect(got is not None, "sigmoid_derivative should be a function of z")
    expect(got.shape == z.shape, f"sigmoid_derivative(z) has shape {got.shape} for z of shape "
                                 f"{z.shape}: it should work element by element")
    if np.allclose(got, z * (1 - z)):
        raise Hint("you computed z·(1 − z): that formula expects the activated value a = σ(z) "
                   "(the trap section 6 warns about); here the argument is z, so compute σ(z) "
                   "first")
    if np.allclose(got, _sigmoid(z)):
        raise Hint("that is σ(z) itself, not its slope")
    expect_array(got, activations.sigmoid_derivative(z), "sigmoid_derivative(z)")
    expect_number(f(0.0), 0.25, "sigmoid_derivative(0)")


def _sigmoid_derivative_hidden(f):
    """Other shapes than the visible vector (a batch matrix, a 3-D array, a 0-d array) and other
    values of z."""
    rng = np.random.default_rng(41)
    for z in (rng.normal(0, 3, (4, 3)), np.linspace(-8, 8, 24).reshape(2, 3, 4), np.array(1.5),
              np.array([-7.0, -1.0, 0.1, 1.0, 7.0])):
        try:
            with np.errstate(all="ignore"):
                got = f(z.copy())
        except LearnerError as e:
            raise Hint(raised(e.error, f"it was called with z of shape {z.shape}")) from None
        got = np.asarray(got, dtype=float)
        expect(got.shape == z.shape, f"sigmoid_derivative(z) has shape {got.shape} for z of "
                                     f"shape {z.shape}: it should keep the shape of z")
        expect(np.allclose(got, activations.sigmoid_derivative(z), rtol=1e-6, atol=1e-9),
               f"sigmoid_derivative(z) is wrong for z of shape {z.shape}")


check_sigmoid_derivative = exercise(
    "Exercise 1 — sigmoid derivative", _sigmoid_derivative, hidden=_sigmoid_derivative_hidden,
    hint="section 1 (The chain rule on one neuron) derives σ'(z) and writes it with σ(z); the "
         "sigmoid itself is in notebook 01, section 2 (Activation functions). Your function "
         "receives z.")


# ----------------------------------------------------------------------------- 2. output delta

#: A fourth student (1 h studied, 8 h slept, score 70), not in the table: ŷ = σ(z_out) of the
#: exam network with section 2's weights on the inputs scaled by the table's maxima (1/3, 8/9),
#: and the target y. Its delta is positive (ŷ > y), unlike every delta the notebook prints.
OUTPUT_DELTA_CASE = {"hours": (1.0, 8.0), "y_hat": 0.7638335074, "y": 0.70}


def _output_delta(delta_out):
    y_hat, y = OUTPUT_DELTA_CASE["y_hat"], OUTPUT_DELTA_CASE["y"]
    slope = y_hat * (1 - y_hat)
    right = 2 * (y_hat - y) * slope
    if np.ndim(delta_out) == 0 and not isinstance(delta_out, (str, bool)):
        try:
            value = float(delta_out)
        except (TypeError, ValueError):
            value = None
        if value is not None and np.isfinite(value):
            _output_delta_slips(value, y_hat, y, right)
    expect_number(delta_out, right, "delta_out", rtol=1e-3)


def _output_delta_slips(value, y_hat, y, right):
    """Name the usual slips of the output delta; return quietly when none fits."""
    def near(target):
        return np.isclose(value, target, rtol=1e-3, atol=0)
    if near(right):
        return
    if near(2 * (y_hat - y)):
        raise Hint(f"{value:.4g} is ∂L/∂ŷ only: multiply by σ'(z), the last link from ŷ back "
                   "to z")
    s_of_y_hat = float(_sigmoid(y_hat))
    if near(2 * (y_hat - y) * s_of_y_hat * (1 - s_of_y_hat)):
        raise Hint("you computed σ' at ŷ, the output. σ' is the slope at the pre-activation z: "
                   "σ'(z) = σ(z)(1 − σ(z)), and σ(z) is ŷ itself, so no σ is left to apply")
    if near((y - y_hat) * y_hat * (1 - y_hat)):
        raise Hint("that is (y − ŷ)·σ'(z): it has no factor 2 and the opposite sign. "
                   "Differentiate L = (ŷ − y)² with respect to ŷ first")
    if near(-right):
        raise Hint(f"delta_out is {value:.4g}: right size, wrong sign. ŷ = {y_hat:.4f} is above "
                   f"y = {y:.2f}, so raising z raises the loss: δ is positive")
    if near(right / 2) or near(2 * right):
        raise Hint(f"delta_out is {value:.4g}, {'half' if near(right / 2) else 'twice'} the "
                   "expected value: check the factor 2 that comes from the square in L")
    if np.sign(value) != np.sign(right):
        raise Hint(f"delta_out is {value:.4g}, of the wrong sign: ŷ = {y_hat:.4f} is above "
                   f"y = {y:.2f}, so raising z raises the loss and δ is positive")
    raise Hint(f"delta_out is {value:.4g}, too {'large' if abs(value) > abs(right) else 'small'} "
               "in size: δ = ∂L/∂ŷ · ∂ŷ/∂z, two links of section 1's chain")


check_output_delta = exercise(
    "Exercise 2 — output delta", _output_delta,
    hint="section 1's chain rule reaches ∂L/∂z in two links. You are given ŷ, not z: section 1 "
         "shows how to get σ'(z) from the output alone.")


# --------------------------------------------------------------------------- 3. shapes

def _gradient_shapes(delta_hidden_shape, grad_W1_shape, grad_W2_shape):
    for name, value, right in (("delta_hidden_shape", delta_hidden_shape, (10, 3)),
                               ("grad_W1_shape", grad_W1_shape, (2, 3)),
                               ("grad_W2_shape", grad_W2_shape, (3, 1))):
        expect(isinstance(value, tuple) and all(isinstance(n, int) for n in value),
               f"{name} should be a tuple of ints such as (4, 5); it is {value!r}")
        if value == right:
            continue
        if value == right[::-1]:
            raise Hint(f"{name} = {value} is transposed: "
                       + ("δ has one row per sample, like Z" if name.startswith("delta")
                          else "∂J/∂W has the shape of W, (n_in, n_out)"))
        if name.startswith("grad") and len(value) == 3:
            raise Hint(f"{name} = {value}: Xᵀδ already sums over the samples; the gradient "
                       "has the shape of W")
        if len(value) != 2:
            raise Hint(f"{name} = {value} is a {len(value)}-D shape: "
                       + ("δ has two axes, one row per sample and one column per unit"
                          if name.startswith("delta")
                          else "a weight matrix has two axes, (n_in, n_out)"))
        raise Hint(f"{name} = {value} is not right: "
                   + ("δ has the shape of its layer's Z, one row per sample (here m = 10)"
                      if name.startswith("delta")
                      else "a weight gradient has the shape of its weight matrix"))


check_gradient_shapes = exercise(
    "Exercise 3 — gradient shapes", _gradient_shapes,
    hint="section 3 (From one neuron to matrices) decides each shape from the arrays at hand; "
         "its figure of boxes and its table (Backward pass by hand, as matrices) show which "
         "shapes follow m.")


# ------------------------------------------------------------------ 4. second hidden layer

def _two_hidden_case():
    """A 2-4-3-1 sigmoid network without biases and 5 samples (fixed seed)."""
    rng = np.random.default_rng(4)
    X = rng.uniform(0, 1, (5, 2))
    Y = rng.uniform(0.2, 0.9, (5, 1))
    net = MLP([2, 4, 3, 1], hidden="sigmoid", output="sigmoid", loss="mse", bias=False, seed=4)
    return X, Y, net


def _two_hidden_backward(backward):
    X, Y, net = _two_hidden_case()
    Ws = [W.copy() for W in net.params]
    try:
        grads = backward(X, Y, *[W.copy() for W in Ws])
    except LearnerError as e:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(("X", "Y", "W1", "W2", "W3"),
                                                            (X, Y, *Ws)))
        raise Hint(raised(e.error, f"it was called with {shapes}")) from None
    expect(isinstance(grads, (list, tuple)) and len(grads) == 3,
           "backward_two_hidden should return a list [dW1, dW2, dW3]")
    right = net.backward(X, Y)
    shapes, want = [np.shape(g) for g in grads], [r.shape for r in right]
    expect(shapes == want or shapes != want[::-1],
           "your list is in reverse order: return [dW1, dW2, dW3]")
    for i in (3, 2, 1):                         # from the output back, as backprop goes
        g, r = grads[i - 1], right[i - 1]
        if np.shape(g) == r.T.shape and r.shape[0] != r.shape[1]:
            raise Hint(f"dW{i} has shape {np.shape(g)} but expected {r.shape}: transposed? "
                       f"dW{i} = A{i - 1}ᵀ δ{i} has the shape of W{i}")
        g = expect_shape(g, r.shape, f"dW{i}")
        expect(np.all(np.isfinite(g)), f"dW{i} holds NaN or infinite values")
        if np.allclose(g, r, rtol=1e-6, atol=1e-12):
            continue
        ratio = _common_ratio(g, r)
        if ratio is not None and np.isclose(ratio, -1):
            raise Hint(f"dW{i} has the right size but the wrong sign")
        if ratio is not None:
            raise Hint(f"dW{i} is {ratio:.3g} × the right gradient: J is the mean over m = 5 "
                       "samples of (ŷ − y)², so ∂J/∂ŷ = 2(ŷ − Y)/m")
        if i == 3:
            raise Hint("dW3 is off: it is A2ᵀ δ3, with δ3 = ∂J/∂Z3 built like the output delta "
                       "of section 3's table")
        raise Hint(f"dW{i} is off while the layers after it are right: check δ{i} — δ{i + 1} passed "
                   f"back through W{i + 1} (transposed), times this layer's σ′ written with A{i} — "
                   f"and dW{i} = A{i - 1}ᵀ δ{i} (A0 = X)")
    # finite differences agree with nnlib; say so to the learner
    W = net.params[0]
    numeric = numerical_gradient(lambda _: net.loss(X, Y), W)
    expect(np.allclose(numeric, grads[0], rtol=1e-5, atol=1e-10),
           "dW1 disagrees with finite differences")
    return "matches nnlib.MLP.backward and finite differences"


def _two_hidden_backward_hidden(backward):
    """Other networks and batches than the visible 2-4-3-1 on 5 samples: one sample, wider and
    narrower layers, more samples."""
    for seed, sizes, m in ((5, [2, 4, 3, 1], 1), (6, [3, 5, 2, 1], 9), (7, [1, 2, 6, 1], 4)):
        rng = np.random.default_rng(seed)
        X, Y = rng.uniform(-1, 1, (m, sizes[0])), rng.uniform(0.1, 0.9, (m, 1))
        net = MLP(sizes, hidden="sigmoid", output="sigmoid", loss="mse", bias=False, seed=seed)
        what = f"a {'-'.join(map(str, sizes))} network on {m} sample(s)"
        try:
            with np.errstate(all="ignore"):
                grads = backward(X.copy(), Y.copy(), *[W.copy() for W in net.params])
        except LearnerError as e:
            raise Hint(raised(e.error, f"for {what}")) from None
        expect(isinstance(grads, (list, tuple)) and len(grads) == 3,
               f"backward_two_hidden does not return [dW1, dW2, dW3] for {what}")
        for i, (g, r) in enumerate(zip(grads, net.backward(X, Y)), start=1):
            g = np.asarray(g, dtype=float)
            expect(g.shape == r.shape, f"dW{i} has shape {g.shape} for {what}, not the shape "
                                       f"of W{i}")
            expect(np.allclose(g, r, rtol=1e-6, atol=1e-12), f"dW{i} is wrong for {what}")


def _common_ratio(g, r):
    """The single number c with g ≈ c·r, if there is one (else None)."""
    mask = np.abs(r) > 1e-12
    if not mask.any():
        return None
    ratios = g[mask] / r[mask]
    c = float(np.median(ratios))
    return c if np.allclose(g, c * r, rtol=1e-5, atol=1e-12) else None


#: Checkers without hidden tests, and why: their answer is a number or shapes, not a function,
#: so there is no other input to try and the visible check already tests the whole answer.
NO_HIDDEN_TESTS = {
    "check_output_delta": "a number for one given student; the visible check is the whole "
                          "answer",
    "check_gradient_shapes": "three shapes for one given network; the visible check tests all "
                             "three",
}

check_two_hidden_backward = exercise(
    "Exercise 4 — a second hidden layer", _two_hidden_backward,
    hidden=_two_hidden_backward_hidden,
    hint="section 3's table (Backward pass by hand, as matrices) goes through one hidden layer; "
         "yours has two, so there is one delta more to pass back. Nothing else is new.")
