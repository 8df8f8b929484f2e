"""Exercise checkers of notebook 04_backpropagation.

1. ``check_sigmoid_derivative(sigmoid_derivative)`` — σ'(z) as a function of the pre-activation z.
2. ``check_output_delta(delta_out)`` — δ = ∂L/∂z of the output neuron for one exam sample.
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


check_sigmoid_derivative = exercise(
    "Exercise 1 — sigmoid derivative", _sigmoid_derivative,
    hint="section 1 (The chain rule on one neuron) writes σ'(z) with σ(z); the sigmoid itself is "
         "in notebook 01, section 2 (Activation functions). Your function receives z.")


# ----------------------------------------------------------------------------- 2. output delta

#: The first exam sample with section 2's weights and scaled inputs: ŷ = σ(z_out), target y.
OUTPUT_DELTA_CASE = {"y_hat": 0.7748170504, "y": 0.92}


def _output_delta(delta_out):
    y_hat, y = OUTPUT_DELTA_CASE["y_hat"], OUTPUT_DELTA_CASE["y"]
    slope = y_hat * (1 - y_hat)
    right = 2 * (y_hat - y) * slope
    if np.ndim(delta_out) == 0 and np.isfinite(float(delta_out)):
        value = float(delta_out)
        if np.isclose(value, 2 * (y_hat - y), rtol=1e-3):
            raise Hint(f"{value:.4g} is ∂L/∂ŷ only: multiply by σ'(z) = ŷ(1 − ŷ) to get ∂L/∂z")
        if np.isclose(value, (y - y_hat) * slope, rtol=1e-3):
            raise Hint("that is (y − ŷ)·σ'(z): it has no factor 2 and the opposite sign. "
                       "Differentiate L = (ŷ − y)² with respect to ŷ first")
    expect_number(delta_out, right, "delta_out", rtol=1e-3)


check_output_delta = exercise(
    "Exercise 2 — output delta", _output_delta,
    hint="δ = ∂L/∂z: section 1 (The chain rule on one neuron) builds ∂L/∂z from the last two "
         "links of its chain, and section 3 calls it the output delta; section 1 also writes "
         "σ'(z) with σ(z) = ŷ.")


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


def _common_ratio(g, r):
    """The single number c with g ≈ c·r, if there is one (else None)."""
    mask = np.abs(r) > 1e-12
    if not mask.any():
        return None
    ratios = g[mask] / r[mask]
    c = float(np.median(ratios))
    return c if np.allclose(g, c * r, rtol=1e-5, atol=1e-12) else None


check_two_hidden_backward = exercise(
    "Exercise 4 — a second hidden layer", _two_hidden_backward,
    hint="follow section 3's table (Backward pass by hand, as matrices) with one layer more: a "
         "forward pass that keeps every A, then the deltas from the output back, each weight "
         "gradient from its layer's delta.")
