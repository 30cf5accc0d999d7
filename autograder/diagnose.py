"""The catalogue of misconceptions: how to recognise each one in a wrong answer, and what to tell the student.

When a check finds a wrong value, ``explain`` tries the check's misconceptions in order. A misconception
is recognised by

- a *twin*: a wrong formula that a student with this misconception would write, evaluated on the same
  hidden inputs (``TWINS[(function, id)]``); if the student's value equals the twin's, that's the mistake;
- or a *signature*: a relation between the student's value and the expected one that holds whatever the
  function (``got == m * expected``: not averaged; ``got == expected.T``: transposed; ...).

The first that fits gives the one-sentence hint; if none fits, the message says how far the values are.
Property checks (initialisation, mini-batches, training, mutation) name their misconception directly
through ``message_for``. Messages name the function and the output and give shapes, never hidden inputs,
expected arrays or reference code.
"""

from __future__ import annotations

import copy
import re
import string
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from autograder.checks.compare import RETURN_VALUE, Mismatch, allclose, compare, select
from autograder.checks.engine import Failure, StudentError, Trial


@dataclass(frozen=True)
class Evidence:
    """A wrong value and where it came from, for the signatures."""

    trial: Trial
    label: str
    got: object
    expected: object
    key: object
    mismatch: Mismatch

    @property
    def m(self):
        return self.trial.case.context.get("m")


def _arrays(ev: Evidence):
    g, e = ev.got, ev.expected
    if isinstance(g, (int, float)) and not isinstance(g, bool):
        g = np.asarray(float(g))
    if isinstance(e, (int, float)) and not isinstance(e, bool):
        e = np.asarray(float(e))
    if isinstance(g, np.ndarray) and isinstance(e, np.ndarray):
        return g.astype(float), e.astype(float)
    return None, None


def _scaled(factor: Callable[[Evidence], float | None]):
    def signature(ev: Evidence) -> bool:
        g, e = _arrays(ev)
        f = factor(ev)
        if g is None or f is None or g.size != e.size:
            return False
        return allclose(g.reshape(e.shape), f * e, rtol=1e-6, atol=1e-9) and not allclose(e, f * e)
    return signature


def _transposed(ev: Evidence) -> bool:
    g, e = _arrays(ev)
    return g is not None and e.ndim == 2 and g.shape == e.T.shape != e.shape and allclose(g, e.T)


def _flattened(ev: Evidence) -> bool:
    """Right values in a 1-D array (or a row) where a column is expected."""
    g, e = _arrays(ev)
    return (g is not None and g.shape != e.shape and g.size == e.size and g.ndim <= 2
            and (g.ndim == 1 or g.shape[0] == 1) and allclose(g.reshape(-1), e.reshape(-1)))


def _nonfinite(ev: Evidence) -> bool:
    return ev.mismatch.reason == "nonfinite"


def _missing_key(ev: Evidence) -> bool:
    return ev.mismatch.reason == "key"


def _returned_none(ev: Evidence) -> bool:
    return ev.trial.outcome.value is None


def _learning_rate_ignored(ev: Evidence) -> bool:
    """got = p - c * g for one constant c other than the learning rate (update_parameters)."""
    params, grads, lr = ev.trial.case.args[:3]
    got = ev.trial.outcome.value
    if not isinstance(got, dict):
        return False
    steps, directions = [], []
    for name, p in params.items():
        if not isinstance(got.get(name), np.ndarray) or got[name].shape != p.shape:
            return False
        steps.append((p - got[name]).reshape(-1))
        directions.append(grads["d" + name].reshape(-1))
    step, direction = np.concatenate(steps), np.concatenate(directions)
    c = float(step @ direction / (direction @ direction))
    return abs(c - lr) > 1e-3 * abs(lr) and allclose(step, c * direction, rtol=1e-6, atol=1e-9)


def _all_zero(ev: Evidence) -> bool:
    """Exactly 0 everywhere where the expected value is not, with more than one example: what `1 // m`
    (integer division, 0 for m > 1) gives to a formula that carries a factor 1 / m."""
    g, e = _arrays(ev)
    return (g is not None and (ev.m or 0) > 1 and g.size == e.size and bool(np.all(g == 0))
            and not allclose(e, np.zeros_like(e)))


def _factor(ev: Evidence) -> float | None:
    """The constant c with got == c * expected exactly (within tolerance), or None."""
    g, e = _arrays(ev)
    if g is None or g.shape != e.shape or g.size < 2 or not np.all(np.isfinite(g)) or not np.any(e != 0):
        return None  # any wrong number is some multiple of the right one: only arrays tell
    c = float(np.sum(g * e) / np.sum(e * e))
    if abs(c - 1) < 1e-6 or abs(c) < 1e-9 or not allclose(g, c * e, rtol=1e-6, atol=1e-12):
        return None
    return c


def _offset(ev: Evidence) -> float | None:
    """The constant c with got == expected + c everywhere, or None."""
    g, e = _arrays(ev)
    if g is None or g.shape != e.shape or g.size < 2 or not np.all(np.isfinite(g)):
        return None
    c = float(np.mean(g - e))
    if abs(c) <= 1e-9 or not allclose(g, e + c, rtol=1e-6, atol=1e-9):
        return None
    return c


def _floored(ev: Evidence) -> bool:
    """got == floor(expected) where the expected values are not whole numbers: a `//` for a `/`."""
    g, e = _arrays(ev)
    # arrays only, and a floor that is not all zeros: a 0 (or any one number) has many other causes
    return (g is not None and g.shape == e.shape and g.size >= 2 and not allclose(e, np.round(e))
            and bool(np.any(np.floor(e) != 0)) and bool(np.array_equal(g, np.floor(e))))


def _layer_missing(ev: Evidence) -> bool:
    """The result has no W<l> or b<l> that the input asks for."""
    key = ev.mismatch.keys[-1] if ev.mismatch.keys else None
    return ev.mismatch.reason == "key" and re.fullmatch(r"d?[Wb]\d+", str(key)) is not None


def _entry_not_updated(ev: Evidence) -> bool:
    """update_parameters: the wrong entry is exactly the parameter that came in (its step is missing)."""
    if ev.trial.check.function != "update_parameters" or not ev.mismatch.keys:
        return False
    before = ev.trial.case.args[0].get(ev.mismatch.keys[0])
    return (isinstance(before, np.ndarray) and isinstance(ev.got, np.ndarray) and ev.got.shape == before.shape
            and bool(np.array_equal(ev.got, before)))


def _missing_deep_layer(ev: Evidence) -> bool:
    """The result stops after layer 2 although layer_dims asks for more."""
    return ev.mismatch.reason == "key" and re.fullmatch(r"d?[Wb]([3-9]|\d\d+)", str(ev.mismatch.keys[-1] if ev.mismatch.keys else ev.mismatch.path)) is not None


@dataclass(frozen=True)
class Misconception:
    id: str
    message: str  # one sentence the student can act on; {output}, {function}, {m}, {argument}, ... filled in
    signature: Callable[[Evidence], bool] | None = None  # a function-independent test; twins are in TWINS


_M = [
    # generic: any function
    Misconception("missing_return", "it returned None: end the function with a `return` of the result",
                  _returned_none),
    Misconception("inputs_mutated", "it changed its argument `{argument}` in place: work on a copy "
                  "(e.g. `z = z.copy()` or `z - zmax` instead of `z -= zmax`), the caller still needs the original"),
    Misconception("matrix_dimensions", "the shapes in a matrix product do not line up: with examples as columns "
                  "layer l computes W<l> @ A<l-1> + b<l> with W<l> of shape (n_l, n_(l-1)); check which arrays "
                  "meet in that product"),
    Misconception("dict_order", "with the keys of `{argument}` in the order W1, b1, W2, b2, ... it is right, so it "
                  "depends on their order, which is any: take each array by its name (`{argument}[\"W1\"]`), "
                  "not by position (`.values()`)"),
    Misconception("layer_past_the_end", "it looked up `{key}`, but the input has layers 1 .. {L} only: the loop "
                  "over the layers runs l = 1 .. L, range(1, L + 1)"),
    Misconception("layer_zero", "it looked up `{key}`: the layers are numbered from 1, l = 1 .. L, "
                  "range(1, L + 1)"),
    Misconception("elementwise_transposed", "arrays of shapes {a} and {b} met in an elementwise operation: one "
                  "is the transpose of the other. Examples are columns, so every array with one entry per "
                  "example has them along axis 1 (Y is (C, m) like A2, a label row is (1, m))"),
    Misconception("transposed", "your {output} is the transpose of the right one: it must have the shape of "
                  "what it belongs to, e.g. dW = dZ @ A_prev.T has the shape of W", _transposed),
    Misconception("sign_flipped", "your {output} has the wrong sign: check the minus signs in the formula",
                  _scaled(lambda ev: -1.0)),
    Misconception("not_averaged", "your {output} is m times too large: divide by the number of examples m "
                  "(the number of columns) to average over the batch", _scaled(lambda ev: ev.m)),
    Misconception("averaged_twice", "your {output} is m times too small: divide by m only once",
                  _scaled(lambda ev: 1 / ev.m if ev.m else None)),
    Misconception("constant_factor", "your {output} is exactly {factor:.4g} times the right value, in every "
                  "entry", lambda ev: _factor(ev) is not None),
    Misconception("constant_offset", "your {output} is the right value plus {offset:+.4g}, in every entry",
                  lambda ev: _offset(ev) is not None),
    Misconception("floor_division", "your {output} is the right value rounded down to a whole number: `//` is "
                  "floor division, use `/`", _floored),
    Misconception("m_multiplied", "your {output} is m² times too large: divide by m instead of multiplying "
                  "by m", _scaled(lambda ev: ev.m**2 if ev.m and ev.m > 1 else None)),
    Misconception("m_from_features", "your {output} is divided by the number of rows of X (the features) "
                  "instead of the number of columns: m = X.shape[1], the number of examples"),
    Misconception("integer_division", "your {output} is exactly 0 everywhere, as a factor `1 // m` makes it "
                  "(integer division: 0 for m > 1); write 1 / m", _all_zero),
    Misconception("import_failed", "an import failed where your work is graded: only numpy (and the "
                  "notebook's own imports) are available to your functions, use them instead"),
    # chain rule
    Misconception("graph_powers", "the graph is g = x**2, f = g + 1, y = f**3: one of the powers differs"),
    Misconception("local_derivative_square", "the local derivative of g = x**2 is dg/dx = 2 * x"),
    Misconception("partial_derivatives", "for z = x**2 * y the partial derivatives are dz/dx = 2 x y and "
                  "dz/dy = x**2"),
    Misconception("graph_order", "build the graph in the order given: g = x^2, then f = g + 1, then y = f^3"),
    Misconception("power_rule", "the derivative of f^3 is 3 f^2 (power rule): keep the square"),
    Misconception("chain_not_multiplied", "multiply each local derivative by the upstream one: "
                  "dy_dx = dy_dg * dg/dx, not dg/dx alone"),
    Misconception("cache_not_used", "take the intermediate values from the cache passed in instead of "
                  "recomputing them: the backward pass uses what the forward pass stored"),
    Misconception("missing_chain_term", "dz/dt has two terms, one through x and one through y: "
                  "dz/dt = dz/dx * dx/dt + dz/dy * dy/dt"),
    Misconception("derivative_sign", "check the derivative of cos: d cos(t)/dt = -sin(t)"),
    # the Value engine (notebook 1)
    Misconception("upstream_grad_missing", "each local backward multiplies its local derivative by the gradient "
                  "that arrived, `out.grad` (the chain rule): e.g. `self.grad += other.data * out.grad`, not "
                  "`+= other.data`"),
    Misconception("grad_overwritten", "a node used twice (`x * x`, `x + x`) or that already holds a gradient "
                  "lost a contribution: add to `.grad` with `+=` in every `_backward`, never assign it with `=`"),
    Misconception("grad_subtracted", "one input of `+` or `*` received minus its share: every `_backward` adds "
                  "(`+=`) its local derivative times `out.grad`, none subtracts it"),
    Misconception("input_grad_missing", "one input of `+` or `*` received no gradient: a binary op's `_backward` "
                  "adds to BOTH inputs, `self.grad += ...` and `other.grad += ...`"),
    Misconception("mul_backward_swapped", "in `__mul__` each factor's gradient is the OTHER factor times "
                  "`out.grad`: `self.grad += other.data * out.grad` and `other.grad += self.data * out.grad`"),
    Misconception("tanh_backward_from_input", "the derivative of tanh is 1 - t**2 with t the output "
                  "`out.data` = tanh(x), not 1 - x**2 of the input `self.data`"),
    Misconception("grad_seed_missing", "the gradients stayed 0: `backward()` must set `self.grad = 1.0` "
                  "(d out / d out) before it calls the nodes' `_backward` functions"),
    Misconception("backward_not_topological", "a node's `_backward` ran before every node that uses it had "
                  "added its share: build a topological order (a depth-first search that appends a node after "
                  "all of its `_prev`) and call `_backward` along it reversed, output first"),
    Misconception("backward_no_visited", "a node reached along two paths had its `_backward` called twice, so "
                  "its gradient was pushed twice: keep a set of visited nodes so that the order holds each node "
                  "once"),
    # activations
    Misconception("sigmoid_exponent_sign", "sigmoid is 1 / (1 + exp(-z)): the exponent is -z"),
    Misconception("derivative_from_z", "the argument is already the activation a (a = sigmoid(z) or tanh(z)): "
                  "write the derivative with a directly (a * (1 - a), 1 - a**2) without applying the activation again"),
    Misconception("missing_square", "the derivative of tanh is 1 - a**2: square the activation"),
    Misconception("sigmoid_formula", "sigmoid is 1 / (1 + np.exp(-z)): one plus the exponential of -z, "
                  "under a 1"),
    Misconception("tanh_derivative_formula", "the derivative of tanh written with its output a is 1 - a**2"),
    Misconception("kink_moved", "the kink of ReLU is at z = 0: compare z with 0, not with another number"),
    Misconception("sigmoid_derivative_formula", "the derivative of sigmoid written with its output a is "
                  "a * (1 - a): one factor a and one factor (1 - a), neither squared"),
    Misconception("relu_derivative_sign", "np.sign(z) is -1 where z < 0, but the slope of ReLU there is 0: "
                  "use (z > 0).astype(float)"),
    Misconception("relu_returns_mask", "relu returns max(0, z) itself, not the 0/1 mask (that is its derivative)"),
    Misconception("relu_min_max", "relu keeps the positive part: np.maximum(0, z), not np.minimum"),
    Misconception("derivative_is_function", "return the derivative (the slope: 1 where z > 0), not the "
                  "activation itself"),
    Misconception("relu_mask_inverted", "the derivative is 1 where z > 0 and 0 where z < 0; your mask is the "
                  "other way round"),
    Misconception("alpha_ignored", "use the `alpha` argument instead of a fixed slope 0.01"),
    Misconception("leaky_branches_swapped", "leaky ReLU keeps z where z > 0 and multiplies by alpha where z <= 0; "
                  "your two branches are swapped"),
    Misconception("leaky_slope_missing", "where z < 0 the slope of leaky ReLU is alpha, not 0"),
    Misconception("softmax_overflow", "for large logits the result holds nan or inf: subtract each column's "
                  "maximum (np.max(z, axis=0, keepdims=True)) before np.exp, so that every exponent is at most 0 "
                  "and the largest is exactly 0", _nonfinite),
    Misconception("softmax_global_max", "one maximum for the whole matrix was subtracted (np.max without axis): a "
                  "column whose logits lie far below it underflows to 0 / 0; subtract each column's own maximum, "
                  "np.max(z, axis=0, keepdims=True)"),
    Misconception("softmax_shift_not_max", "the number subtracted before np.exp must be each column's maximum: "
                  "after subtracting the mean or the minimum, a column whose logits spread over thousands still "
                  "overflows; use np.max(z, axis=0, keepdims=True)"),
    Misconception("softmax_wrong_axis", "examples are columns, so each column must sum to 1: use axis=0 "
                  "(with keepdims=True) for the max and the sum"),
    Misconception("softmax_sum_all", "normalise each column separately: sum over axis=0 with keepdims=True, "
                  "not over the whole array"),
    Misconception("jacobian_outer_sign", "the softmax Jacobian is diag(a) - outer(a, a): the outer product is "
                  "subtracted"),
    Misconception("jacobian_diagonal_only", "the off-diagonal entries -a_i a_j are missing: "
                  "J = np.diag(a) - np.outer(a, a)"),
    Misconception("jacobian_outer_missing", "a a^T must be an outer product (a (K, K) matrix) for a of shape (K,) "
                  "too: use np.outer(a, a) or reshape a to a column first"),
    # the 2-layer network
    Misconception("zero_init", "all weights start at zero, so every hidden unit gets the same gradient and "
                  "they never differ (symmetry): draw small random numbers"),
    Misconception("symmetric_init", "some rows of a weight matrix are identical, so those hidden units stay "
                  "identical forever: draw every weight at random"),
    Misconception("init_too_large", "the weights are too large (std {std:.2f}): scale the random numbers down, "
                  "e.g. * 0.01 or * np.sqrt(2 / n_prev)"),
    Misconception("bias_column", "a bias is a column of shape (n_l, 1), one row per unit of the layer "
                  "(got {got})"),
    Misconception("layers_from_one", "the layers are numbered 1 to L = len(layer_dims) - 1 (W1, b1, ..., "
                  "W{L}, b{L}); the result has {extra}"),
    Misconception("layer_missing", "the result has no {output}: return a W and a b for every layer, "
                  "l = 1 .. L (L = len(parameters) // 2)", _layer_missing),
    Misconception("layers_skipped", "stack every layer in order, l = 1, 2, ..., L, each W<l> then b<l>"),
    Misconception("cross_entropy_formula", "binary cross-entropy is -(1/m) * sum(Y * log(A2) + (1 - Y) * "
                  "log(1 - A2)): check each factor against it"),
    Misconception("bias_not_zero", "initialise the biases to zeros: np.zeros((n_l, 1))"),
    Misconception("bias_shape", "a bias must be a column of shape (n_l, 1), not a 1-D array", _flattened),
    Misconception("layers_hardcoded", "make one W<l>, b<l> pair for every layer of layer_dims, whatever its "
                  "length (loop over l = 1 .. len(layer_dims) - 1)", _missing_deep_layer),
    Misconception("z1_into_layer2", "layer 2 takes the hidden activation, not the pre-activation: "
                  "Z2 = W2 @ A1 + b2 with A1 = relu(Z1), not W2 @ Z1"),
    Misconception("cache_mixed_up", "the cache holds an array under the wrong name: store Z1, A1, Z2, A2 each "
                  "under its own key"),
    Misconception("returns_z2", "the first value returned is the output activation A2 = sigmoid(Z2), not Z2"),
    Misconception("wrong_hidden_activation", "the hidden layer uses ReLU: A1 = relu(Z1)"),
    Misconception("wrong_output_activation", "the output layer uses sigmoid: A2 = sigmoid(Z2)"),
    Misconception("bias_missing", "add the bias, with a plus: Z = W @ A_prev + b"),
    Misconception("cache_incomplete", "the cache must hold Z1, A1, Z2 and A2: the backward pass needs them",
                  _missing_key),
    Misconception("log_base", "the cross-entropy uses the natural logarithm np.log, not np.log10"),
    Misconception("cross_entropy_term_missing", "binary cross-entropy has two terms: "
                  "-(1/m) * sum(Y * log(A2) + (1 - Y) * log(1 - A2))"),
    Misconception("cost_not_reduced", "the cost is one number: sum the per-example losses and divide by m"),
    Misconception("bias_keepdims", "your {output} is a 1-D array: sum with keepdims=True so the bias "
                  "gradient stays a column like the bias", _flattened),
    Misconception("bias_sum_axis", "a bias gradient sums dZ over the examples, which are columns: "
                  "np.sum(dZ, axis=1, keepdims=True) / m"),
    Misconception("relu_mask_missing", "dZ1 is dA1 times the ReLU derivative: multiply by relu_derivative(Z1) "
                  "(1 where Z1 > 0, else 0)"),
    Misconception("a1_from_z1", "dW2 = dZ2 @ A1.T / m uses the hidden activation A1 from the cache, not Z1"),
    Misconception("dz2_from_z2", "dZ2 = A2 - Y with the output activation A2, not the pre-activation Z2"),
    Misconception("output_derivative_extra", "dZ2 = A2 - Y already includes the sigmoid's derivative: do not "
                  "multiply by A2 * (1 - A2) again"),
    Misconception("parameter_not_updated", "{output} is the value that came in, it was not updated: apply the "
                  "step to every W and b", _entry_not_updated),
    Misconception("learning_rate_divides", "the step is learning_rate * gradient, not a quotient of the two"),
    Misconception("learning_rate_ignored", "use the learning_rate argument: parameter - learning_rate * gradient",
                  _learning_rate_ignored),
    Misconception("never_updates", "the biases returned are still all zero, as initialised, so the parameters "
                  "were never updated: at every iteration call update_parameters and keep what it returns"),
    Misconception("not_converged", "after {iterations} iterations (with the reference's functions) the cost "
                  "is still {cost:.3f}, where correct training ends below {threshold}"),
    Misconception("learning_rate_ignored_by_train", "it returned the same parameters for learning_rate={a} and "
                  "learning_rate={b} (one iteration each), so the learning rate had no effect: every step is "
                  "update_parameters(parameters, gradients, learning_rate)"),
    Misconception("num_iterations_ignored_by_train", "it returned the same parameters for num_iterations={a} "
                  "and num_iterations={b}: run num_iterations steps, with the `return` after the loop"),
    Misconception("iterations_off_by_one", "asked for {n} iterations it returned the parameters after {k} "
                  "steps: run exactly num_iterations steps (for i in range(num_iterations))"),
    Misconception("seed_ignored_random", "two calls with the same seed gave different parameters: draw from "
                  "a generator seeded with the seed argument, e.g. np.random.default_rng(seed)"),
    Misconception("seed_ignored_fixed", "two different seeds gave the same parameters: seed the generator "
                  "with the seed argument, not a fixed number"),
    # mini-batches
    Misconception("batch_rows_cut", "batch {i} has shapes {got}: a batch keeps every row (feature) of X and Y; "
                  "slice the columns only, X[:, a:b]"),
    Misconception("batch_pair_sizes", "batch {i} has shapes {got}: X_batch and Y_batch must hold the same "
                  "columns, sliced with the same a:b"),
    Misconception("not_shuffled", "the columns are in their original order: shuffle them with a random "
                  "permutation before cutting the batches"),
    Misconception("pairs_broken", "some X columns lost their Y: shuffle X and Y with the same permutation"),
    Misconception("remainder_dropped", "the last {rest} examples are missing: when m is not a multiple of "
                  "mini_batch_size, add a last, smaller batch"),
    Misconception("not_a_partition", "every example must appear in exactly one batch, and some appear twice "
                  "or not at all: cut one shuffled permutation into consecutive slices"),
    Misconception("batches_seed_ignored", "two calls with the same seed gave different batches: shuffle with "
                  "a generator seeded with the seed argument"),
    Misconception("batches_seed_fixed", "two different seeds gave the same batches: seed the shuffle with the "
                  "seed argument"),
    Misconception("batch_sizes", "every batch has mini_batch_size columns except a smaller last one (and no "
                  "empty batch)"),
    # per-example gradients and mini-batch gradient descent (notebook 4)
    Misconception("per_example_full_batch", "every entry is the gradient of the whole batch: pass one column "
                  "x = X[:, i:i+1] and its label y = Y[:, i:i+1] to net_forward and net_backward"),
    Misconception("per_example_averaged", "it returned the average over the examples; return every example's "
                  "gradient, stacked along a first axis of length m (np.stack of the m gradients)"),
    Misconception("per_example_summed", "it returned the sum over the examples; return every example's "
                  "gradient, stacked along a first axis of length m (np.stack of the m gradients)"),
    Misconception("per_example_axis", "the examples are stacked along the last axis: stack along the first, "
                  "so that entry i (`grads[name][i]`) is example i's gradient (np.stack(list, axis=0))"),
    Misconception("costs_per_epoch", "it gave one cost per epoch ({epochs}); record the cost of every "
                  "mini-batch step, {steps} in all"),
    Misconception("epoch_seed_fixed", "every epoch cuts the same batches: shuffle epoch e with seed + e "
                  "(random_mini_batches(X, Y, mini_batch_size, seed + epoch))"),
    Misconception("cost_after_step", "each cost is the batch's cost after its step: compute the cost from the "
                  "forward pass that the step's gradient comes from, before updating"),
    Misconception("cost_of_all_examples", "each cost is the cost of all the examples; record the cost of the "
                  "mini-batch the step is taken on (net_cost(Yhat_batch, Y_batch))"),
    Misconception("epochs_from_one", "count the epochs from 0: epoch e = 0, 1, ..., num_epochs - 1 cuts "
                  "random_mini_batches(X, Y, mini_batch_size, seed + e)"),
    Misconception("biases_not_updated", "the biases are still the ones that came in: every step updates every "
                  "parameter, the b<l> as well as the W<l>"),
    Misconception("epochs_ignored", "it trains for 10 epochs whatever `num_epochs` says: loop over "
                  "range(num_epochs)"),
    Misconception("batch_size_ignored", "it cuts batches of 64 whatever `mini_batch_size` says: pass the "
                  "argument to random_mini_batches"),
    Misconception("seed_argument_ignored", "it shuffles as if seed were 0 whatever `seed` says: shuffle epoch e "
                  "with seed + e"),
    # gradient checking
    Misconception("vector_shape", "return a column of shape (P, 1): reshape each array with .reshape(-1, 1)",
                  _flattened),
    Misconception("flatten_order", "flatten each array row by row (NumPy's default, order='C'), and reshape "
                  "back the same way"),
    Misconception("key_order", "stack the arrays in the order W1, b1, W2, b2, ... (layer by layer)"),
    Misconception("difference_quotient", "the centered difference is (J(theta + eps) - J(theta - eps)) / "
                  "(2 * eps): a difference of the two costs, divided by the whole 2 * eps"),
    Misconception("epsilon_not_doubled", "the centered difference (J(theta + eps) - J(theta - eps)) spans "
                  "2 eps: divide by 2 * epsilon, not epsilon"),
    Misconception("one_sided_difference", "use the centered difference (J(theta + eps) - J(theta - eps)) / "
                  "(2 eps), not a one-sided one"),
    Misconception("epsilon_ignored", "it gives the value of a fixed epsilon, not of the `epsilon` argument: "
                  "use the argument for the nudges"),
    Misconception("relative_difference_formula", "return ||g - g_approx|| / (||g|| + ||g_approx||)"),
    Misconception("squared_norms", "the relative difference uses norms, not squared norms: "
                  "np.linalg.norm(g - g_approx) / (np.linalg.norm(g) + np.linalg.norm(g_approx))"),
    Misconception("vector_aliased", "copy theta before nudging it (theta_plus = np.copy(theta)): "
                  "theta_plus = theta makes both names the same array"),
    Misconception("params_not_restored", "it left the parameters changed: nudge a copy (or put every "
                  "entry back) so the caller's parameters are unchanged"),
    # the deep network (notebook 6)
    Misconception("linear_cache_order", "the linear cache is the tuple (A_prev, W, b), in that order: the "
                  "backward pass unpacks it so"),
    Misconception("dA_prev_averaged", "dA_prev = W.T @ dZ carries no 1/m: the 1/m of the mean belongs in dW and "
                  "db only, dA_prev keeps one per-example gradient per column for the layer below"),
    Misconception("returns_z", "the first value returned is the activation A = g(Z), not Z"),
    Misconception("activation_mixed_up", "the `activation` argument names g: \"relu\" is np.maximum(0, Z), "
                  "\"tanh\" np.tanh(Z), \"sigmoid\" 1 / (1 + np.exp(-Z))"),
    Misconception("activation_cache_holds_a", "the activation cache is (linear_cache, Z): store the "
                  "pre-activation Z (the backward pass evaluates g' at Z), not A"),
    Misconception("activation_cache_order", "the activation cache is (linear_cache, Z), in that order"),
    Misconception("derivative_missing", "dZ = dA * g'(Z): multiply the upstream dA by the derivative of the "
                  "activation at Z before the linear step"),
    Misconception("activation_not_derivative", "dZ = dA * g'(Z) uses the derivative g', not the activation g "
                  "itself"),
    Misconception("derivative_of_z_as_a", "the cache holds Z, not A = g(Z): a derivative written with a "
                  "(1 - a**2 for tanh, a * (1 - a) for sigmoid) needs a = g(Z) first, e.g. 1 - np.tanh(Z)**2"),
    Misconception("relu_slope_at_zero", "where Z is exactly 0 the ReLU slope must be 0 (the mask Z > 0) or 1 "
                  "(Z >= 0), not another number: a mask of booleans or of 0.0 and 1.0, e.g. dA * (Z > 0)"),
    Misconception("derivative_mixed_up", "each activation has its own derivative: relu (Z > 0), tanh "
                  "1 - np.tanh(Z)**2, sigmoid s * (1 - s) with s = 1 / (1 + np.exp(-Z))"),
    Misconception("he_too_large", "the weights are too large: W{layer} has root mean square {rms:.3g} where He "
                  "gives sqrt(2 / n_prev) = {he:.3g}; multiply standard normal numbers by np.sqrt(2 / layer_dims[l - 1])"),
    Misconception("he_too_small", "the weights are too small: W{layer} has root mean square {rms:.3g} where He "
                  "gives sqrt(2 / n_prev) = {he:.3g}; multiply standard normal numbers by np.sqrt(2 / layer_dims[l - 1])"),
    Misconception("he_xavier_scale", "every W<l> has the scale sqrt(1 / n_prev) (Xavier's): He initialisation, "
                  "made for ReLU layers, uses sqrt(2 / n_prev)"),
    Misconception("he_fan_out", "every W<l> is scaled by sqrt(2 / n_l), the layer's own width: He uses the width "
                  "of the previous layer, sqrt(2 / layer_dims[l - 1])"),
    Misconception("deep_output_activation", "the output layer L uses sigmoid (forward) and its derivative "
                  "(backward); only layers 1 .. L-1 use hidden_activation"),
    Misconception("hidden_activation_ignored", "use the hidden_activation argument for layers 1 .. L-1 instead of a "
                  "fixed activation"),
    Misconception("deep_caches_reversed", "caches[l - 1] is layer l's cache: append each layer's cache as the "
                  "loop goes, layer 1 first, and do not reverse the list (L_model_backward walks it backwards)"),
    Misconception("activation_twice", "the activation is applied once per layer: A = g(Z); activation_forward "
                  "already applies it, so do not apply g again to its result"),
    Misconception("deep_output_derivative_twice", "AL - Y is already dZ of the output layer (the sigmoid's "
                  "derivative is in it): hand it to linear_backward, or hand dAL = -(Y / AL - (1 - Y) / (1 - AL)) "
                  "to activation_backward with \"sigmoid\", not AL - Y"),
    Misconception("deep_caches_incomplete", "caches holds one cache per layer, L in all, the output layer's too"),
    Misconception("l2_missing", "lambd has no effect: add (lambd / (2 m)) times the sum of the squared entries "
                  "of every W<l>"),
    Misconception("l2_not_halved", "the L2 term is twice too large: the penalty is (lambd / (2 m)) * sum of "
                  "||W<l>||^2 (its gradient is then (lambd / m) * W<l>)"),
    Misconception("l2_biases_included", "the L2 penalty covers the weights W<l> only, not the biases"),
    Misconception("l2_not_averaged", "the L2 term is divided by m too: (lambd / (2 m)) * sum of ||W<l>||^2"),
    Misconception("l2_unscaled", "the L2 term is (lambd / (2 m)) times the sum of the squared weights: yours "
                  "lacks the division by 2 m"),
    Misconception("l2_not_squared", "the L2 penalty sums the squares of the weights, np.sum(np.square(W<l>)), "
                  "not another power of them"),
    Misconception("l2_subtracted", "the L2 term is added: + (lambd / (2 m)) * sum of ||W<l>||^2 to the cost, "
                  "+ (lambd / m) * W<l> to dW<l>"),
    Misconception("dAL_formula", "the gradient of the cross-entropy with respect to the output is "
                  "dAL = -(Y / AL - (1 - Y) / (1 - AL)): check each term and sign against it"),
    Misconception("l2_cross_entropy_summed", "the cross-entropy part is the mean over the m examples, "
                  "-(1/m) * sum(Y log AL + (1 - Y) log(1 - AL)): yours is the sum"),
    Misconception("l2_cross_entropy_scaled", "the L2 term is right but the cross-entropy part is off by a factor "
                  "(its sign, m or 1/m): it is -(1/m) * sum(Y * log(AL) + (1 - Y) * log(1 - AL)), divided by m once"),
    Misconception("m_from_rows", "the number of examples m is the number of columns, m = Y.shape[1] (or "
                  "AL.shape[1]); yours is the number of rows"),
    Misconception("l2_layer_missing", "the L2 penalty sums over every layer's W<l>, l = 1 .. L = len(parameters) // 2"),
    Misconception("l2_gradient_missing", "with lambd > 0 each dW<l> gains the L2 term (lambd / m) * W<l>"),
    Misconception("l2_gradient_doubled", "the L2 term of dW<l> is (lambd / m) * W<l>, the derivative of "
                  "(lambd / (2 m)) ||W<l>||^2: not twice that"),
    Misconception("l2_gradient_halved", "the L2 term of dW<l> is (lambd / m) * W<l>: the 1/2 of the penalty "
                  "cancels with the 2 of the square's derivative"),
    Misconception("l2_gradient_biases", "the biases are not penalised: db<l> gets no L2 term"),
    Misconception("l2_gradient_not_averaged", "the L2 term of dW<l> is divided by m: (lambd / m) * W<l>"),

    # notebook 5's warm-up and bug hunt
    Misconception("nd_sign", "the difference is f(x + epsilon) - f(x - epsilon), in that order: yours has "
                  "the opposite sign"),
    Misconception("nd_width", "the two points x - epsilon and x + epsilon are 2 * epsilon apart: divide the "
                  "difference by (2 * epsilon), no more, no less"),
    Misconception("nd_quotient", "divide by the whole 2 * epsilon, in parentheses: "
                  "(f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)"),
    Misconception("nd_one_sided", "use the centred difference (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon): "
                  "a one-sided difference from x has an error of order epsilon and sees one side of a kink only"),
    Misconception("nd_points", "evaluate f at x + epsilon and x - epsilon (not at x): "
                  "(f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)"),
    Misconception("nd_epsilon_ignored", "it gives the value of a fixed epsilon, not of the `epsilon` argument: "
                  "nudge x by the epsilon passed in"),
    Misconception("nd_default", "keep the default of the signature, epsilon=1e-5: called without epsilon it "
                  "must use 1e-5"),
    Misconception("bug_right_gradient_named", "backward_b's {name} is right: it agrees with the numerical "
                  "derivatives of the cost. Name the gradient that does not"),
    Misconception("bug_factor_inverted", "{got} is the right value divided by backward_b's: \"factor\" is "
                  "backward_b's value divided by the right one (wrong / right)"),
    Misconception("bug_factor_is_difference", "{got} is gradient_check's relative difference for backward_b, not "
                  "a factor: \"factor\" is backward_b's value of the wrong gradient divided by the right value, "
                  "entry by entry"),
    Misconception("bug_planted_kept", "your {output} is still backward_b's: the planted bug is in there. Find "
                  "it by comparing backward_b's gradients with numerical derivatives (section 5.5) and correct "
                  "that line"),

    # the softmax classifier (notebook 7)
    Misconception("softmax_cost_binary_formula", "the binary cross-entropy's (1 - Y) log(1 - A) term does not "
                  "belong here: with C classes the cost is -(1/m) * sum(Y * log(A)), one term per class"),
    Misconception("softmax_cost_mean_over_classes", "np.mean over the whole (C, m) array divides by C * m: "
                  "sum over the classes, then average over the m examples only"),
    Misconception("m_from_classes", "your {output} is divided by the number of rows of Y (the classes) instead "
                  "of the number of columns: m = Y.shape[1], the number of examples"),
    Misconception("softmax_shift_in_cache", "the cache's Z2 must be the logits W2 @ A1 + b2 themselves: subtract "
                  "the column maximum on a new array (e = np.exp(Z2 - Z2.max(axis=0, keepdims=True))), not in place"),
    Misconception("classifier_sigmoid_output", "the output layer is a softmax over the C rows of each column, not "
                  "a sigmoid of each entry: A2 = exp(Z2) / column sums of exp(Z2)"),
    Misconception("classifier_returns_z2", "the first value returned is the softmax output A2, not the logits Z2"),
    Misconception("dz2_ignores_labels", "dZ2 is (A2 - Y) / m: the labels Y are subtracted from the softmax output"),
    Misconception("argmax_wrong_axis", "the classes are the rows: take np.argmax over axis=0, one label per column"),
    Misconception("labels_shape", "return a 1-D array of shape (m,), one label per example, not a row or a column"),
    Misconception("threshold_not_argmax", "with C classes the prediction is the row of the largest probability, "
                  "np.argmax(A2, axis=0): a threshold of 0.5 is the binary rule, and a column may have no "
                  "probability above 0.5"),
    Misconception("max_not_argmax", "return the index of the largest probability (np.argmax), not the probability "
                  "itself (np.max)"),
    Misconception("argmin_not_argmax", "the predicted class is the most probable one: np.argmax, not np.argmin"),
    Misconception("one_hot_returned", "return the class labels (m,), not a one-hot matrix"),
    Misconception("labels_not_integers", "the labels are {dtype}: return integers (np.argmax already gives them)"),
    Misconception("classifier_init_differs", "the starting parameters differ from the stated start: rng = "
                  "np.random.default_rng(seed), W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), then "
                  "W2 = rng.standard_normal((C, n_h)) * 0.01, zero biases"),
    Misconception("classifier_init_draw_order", "draw W1 first and W2 second from the same generator: the order "
                  "of the draws decides which numbers each gets"),
    Misconception("classifier_never_updates", "the parameters returned are the starting ones: update every "
                  "parameter at every iteration and keep the result"),
    Misconception("gradient_ascent", "the step goes uphill: gradient descent is p - learning_rate * dp"),
    Misconception("classifier_costs_every_k", "it recorded the cost only every few iterations: append one cost "
                  "per iteration, num_iterations in all"),
    Misconception("classifier_cost_after_step", "each cost is that of the parameters before the iteration's step "
                  "(costs[0] is the cost of the start)"),
    Misconception("classifier_learning_rate_ignored", "use the learning_rate argument, not a fixed step size"),
    Misconception("classifier_seed_ignored", "seed the generator with the seed argument: "
                  "np.random.default_rng(seed)"),
    Misconception("classifier_iterations_ignored", "it runs a fixed number of iterations whatever num_iterations "
                  "says: loop over range(num_iterations)"),
    Misconception("classifier_iterations_off_by_one", "run exactly num_iterations steps: for i in "
                  "range(num_iterations)"),
]

CATALOGUE: dict[str, Misconception] = {m.id: m for m in _M}

# Exact relations that hold for any function, tried after a check's own misconceptions: they state a fact
# about the wrong value (a constant factor, a constant offset, floor division) and never a cause.
GENERIC = ("floor_division", "constant_factor", "constant_offset")


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, per function, evaluated on the hidden inputs.
# Each returns the whole output of the function (the check selects its part).


def _sig(z):
    return 1 / (1 + np.exp(-z))


def _relu(z):
    return np.maximum(0, z)


def _fg(x, *, order=False):
    g = x**2
    if order:
        f = g**3
        y = f + 1
    else:
        f = g + 1
        y = f**3
    return y, {"x": x, "g": g, "f": f, "y": y}


def _bg(cache, *, square=True, upstream=True, recompute=False):
    x = cache["x"]
    f = x**2 + 1 if recompute else cache["f"]
    dy_df = 3 * f**2 if square else 3 * f
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * x if upstream else 2 * x
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}


def _fg_powers(x, p=2, q=3):
    g = x**p
    f = g + 1
    y = f**q
    return y, {"x": x, "g": g, "f": f, "y": y}


def _dz_dt(t, dz_dx=lambda x, y: 2 * x * y, dz_dy=lambda x, y: x**2, minus=False):
    x, y = np.cos(t), np.exp(t)
    a, b = dz_dx(x, y) * -np.sin(t), dz_dy(x, y) * np.exp(t)
    return a - b if minus else a + b


def _value_twin(add="ok", mul="ok", tanh="ok", backward="ok", traversal="iterative"):
    """The reference Value with one kind of slip: in an op's local backward ``"no_upstream"`` (out.grad
    forgotten), ``"assign"`` (= for +=), ``"swapped"`` (mul: a factor times its own data), ``"input"``
    (tanh: 1 - x**2 of the input); in backward() ``"no_seed"``, ``"seed_after"``, ``"not_reversed"``,
    ``"preorder"``, ``"bfs"`` (orders that are not topological), ``"no_visited"``, ``"recursive"``
    (each node pushes once per path)."""
    from autograder.reference.chain_rule import Value as _Value

    class Twin(_Value):
        def __add__(self, other):
            other = other if isinstance(other, _Value) else Twin(other)
            out = Twin(self.data + other.data, (self, other), "+")

            def _backward():
                up = 1.0 if add == "no_upstream" else out.grad
                _put(self, up, add, "first")
                _put(other, up, add, "second")

            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, _Value) else Twin(other)
            out = Twin(self.data * other.data, (self, other), "*")

            def _backward():
                up = 1.0 if mul == "no_upstream" else out.grad
                da, db = (self.data, other.data) if mul == "swapped" else (other.data, self.data)
                _put(self, da * up, mul, "first")
                _put(other, db * up, mul, "second")

            out._backward = _backward
            return out

        def tanh(self):
            t = float(np.tanh(self.data))
            out = Twin(t, (self,), "tanh")

            def _backward():
                up = 1.0 if tanh == "no_upstream" else out.grad
                local = {"input": 1.0 - self.data**2, "no_square": 1.0 - t, "plus": 1.0 + t**2,
                         "two": 2.0 - t**2, "no_one": -t**2, "cube": 1.0 - t**3}.get(tanh, 1.0 - t**2)
                if tanh == "assign":
                    self.grad = local * up
                else:
                    self.grad += local * up

            out._backward = _backward
            return out

        def backward(self):
            if backward == "ok" and traversal == "recursive":  # the order of the notebook's recursive sort
                backward_ = "ok_recursive"
            else:
                backward_ = backward
            if backward_ == "ok":
                return _Value.backward(self)
            if backward_ == "recursive":
                self.grad = 1.0

                def push(node):
                    node._backward()
                    for child in node._prev:
                        push(child)
                push(self)
                return None
            order, seen = [], set()
            if backward_ == "bfs":  # a queue from the output, each node once
                frontier = [self]
                seen.add(id(self))
                while frontier:
                    node = frontier.pop(0)
                    order.append(node)
                    fresh = [c for c in node._prev if id(c) not in seen]
                    seen.update(id(c) for c in fresh)
                    frontier.extend(fresh)
                walk = order
            elif backward_ == "preorder":  # a depth-first search that lists a node before its children
                def visit_first(node):
                    if id(node) not in seen:
                        seen.add(id(node))
                        order.append(node)
                        for child in node._prev:
                            visit_first(child)
                visit_first(self)
                walk = order
            else:
                def visit(node):
                    if backward_ == "no_visited" or id(node) not in seen:
                        seen.add(id(node))
                        for child in node._prev:
                            visit(child)
                        order.append(node)
                visit(self)
                walk = order if backward_ == "not_reversed" else list(reversed(order))
            if backward_ != "no_seed" and backward_ != "seed_after":
                self.grad = 1.0
            for node in walk:
                node._backward()
            if backward_ == "seed_after":
                self.grad = 1.0
            return None

    return Twin


def _put(node, amount, slip, which):
    """One input's share of a binary op's local backward, as the slip has it (``assign``/``negate`` both
    inputs, ``assign_first``, ``negate_second``, ... one of them)."""
    if slip in ("skip", f"skip_{which}"):
        return
    if slip in ("assign", f"assign_{which}"):
        node.grad = amount
    elif slip in ("negate", f"negate_{which}"):
        node.grad -= amount
    else:
        node.grad += amount


def _value_twins(part: str, *slips: str) -> tuple:
    """Twins with ``slips`` in one op or, for the ops, in every non-empty set of the ops."""
    if part == "backward":
        return tuple(_value_twin(backward=s) for s in slips)
    import itertools

    if part == "tanh":
        return tuple(_value_twin(tanh=s) for s in slips)
    (slip,) = slips
    if slip == "assign":  # = for += in one op's statement, in both of a binary op's, in several ops
        per_op = {"add": ("ok", "assign", "assign_first", "assign_second"),
                  "mul": ("ok", "assign", "assign_first", "assign_second"), "tanh": ("ok", "assign")}
        # the result depends on the order of the _backward calls: the reference's and the recursive sort's
        return tuple(_value_twin(add=a, mul=m, tanh=t, traversal=order)
                     for order in ("iterative", "recursive")
                     for a, m, t in itertools.product(*per_op.values()) if (a, m, t) != ("ok", "ok", "ok"))
    if slip == "negate":  # -= for += in one statement of + or *
        return tuple(_value_twin(**{op: f"negate_{which}"}) for op in ("add", "mul") for which in ("first", "second"))
    ops = ("add", "mul", "tanh")
    return tuple(_value_twin(**{op: slip for op in chosen})
                 for r in (1, 2, 3) for chosen in itertools.combinations(ops, r))


def _softmax(z, axis=0, all_=False, shift="max", shift_all=False, sum_all=None, shift_axis=None):
    """A softmax over ``axis`` (or the whole array with ``all_``) with one slip: ``shift`` "max", "mean" or "min"
    of each column (of the whole array with ``shift_all``, over ``shift_axis`` if given), the sum over the whole
    array with ``sum_all``."""
    over = None if all_ else axis
    shift_over = None if shift_all else over if shift_axis is None else shift_axis
    e = np.exp(z - getattr(np, shift)(z, axis=shift_over, keepdims=True))
    return e / np.sum(e, axis=None if (all_ if sum_all is None else sum_all) else axis, keepdims=True)


def _forward(X, p, hidden=_relu, output=_sig, bias=True, z1_next=False, return_z2=False):
    Z1 = p["W1"] @ X + (p["b1"] if bias else 0)
    A1 = hidden(Z1)
    Z2 = p["W2"] @ (Z1 if z1_next else A1) + (p["b2"] if bias else 0)
    A2 = output(Z2)
    return (Z2 if return_z2 else A2), {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _cache_swapped(out, keys, drop=False):
    """The forward pass's output with cache[keys[0]] holding what belongs under keys[1] (a copy-paste
    slip); with ``drop`` the key keys[1] is gone too (a dict literal that names keys[0] twice)."""
    A2, cache = out
    cache = dict(cache, **{keys[0]: cache[keys[1]]})
    if drop:
        del cache[keys[1]]
    return A2, cache


def _backward(X, Y, p, cache, *, mask=True, recompute=None, extra=False, db_axis=(1, 1), db_sum=(True, True),
              m_rows=False, dz2_from_z=False, a1_from_z1=False):
    m = X.shape[0] if m_rows else X.shape[1]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    if recompute == "from_z":
        A1, A2 = _relu(Z1), _sig(cache["Z2"])
    elif recompute == "forward":
        A2, c = _forward(X, p)
        A1, Z1 = c["A1"], c["Z1"]
    if a1_from_z1:
        A1 = Z1
    dZ2 = (cache["Z2"] if dz2_from_z else A2) - Y
    if extra:
        dZ2 = dZ2 * A2 * (1 - A2)
    dZ1 = p["W2"].T @ dZ2
    if mask:
        dZ1 = dZ1 * (Z1 > 0)

    def db(dZ, layer):
        axis, total = db_axis[layer], db_sum[layer]
        return np.sum(dZ, axis=axis, keepdims=True) / m if total else dZ / m

    return {"dW1": dZ1 @ X.T / m, "db1": db(dZ1, 0), "dW2": dZ2 @ A1.T / m, "db2": db(dZ2, 1)}


def _cost_terms(A2, Y):
    return Y * np.log(A2) + (1 - Y) * np.log(1 - A2)


def _d2v(d, order="C", sort=False, as_given=False, layers=None, first=1, step=1):
    keys = [k for k in d if k.lstrip("d")[:1] in "Wb"]
    if sort:
        keys = sorted(keys)
    elif as_given:
        pass
    else:
        prefix = "d" if "dW1" in d else ""
        keys = [f"{prefix}{c}{l}" for l in range(first, (layers or len(keys) // 2) + 1, step) for c in "Wb"]
    return np.concatenate([np.reshape(d[k], (-1, 1), order=order) for k in keys])


def _v2d(theta, layer_dims, order="C"):
    theta = np.reshape(theta, -1)
    out, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        out[f"W{l}"] = theta[start:start + n * n_prev].reshape((n, n_prev), order=order)
        start += n * n_prev
        out[f"b{l}"] = theta[start:start + n].reshape(n, 1)
        start += n
    return out


def _gc(X, Y, parameters, gradients, epsilon=1e-7, *, one_sided=False, aliased=False, formula=None,
        fixed_epsilon=None, halved=False, quotient=None):
    eps = fixed_epsilon if fixed_epsilon is not None else epsilon
    dims = [parameters["W1"].shape[1], parameters["W1"].shape[0], parameters["W2"].shape[0]]

    def J(theta):
        A2, _ = _forward(X, _v2d(theta, dims))
        return float(-np.sum(_cost_terms(A2, Y)) / Y.shape[1])

    theta, g = _d2v(parameters), _d2v(gradients)
    approx = np.zeros_like(theta)
    J0 = J(theta) if one_sided else None
    for i in range(theta.shape[0]):
        if aliased:
            t = theta
            t[i] += eps
            Jp = J(t)
            t[i] -= eps
            Jm = J(t)
        else:
            tp, tm = theta.copy(), theta.copy()
            tp[i] += eps
            tm[i] -= eps
            Jp = J(tp)
            Jm = J0 if one_sided else J(tm)
        if quotient == "sum":
            approx[i] = (Jp + Jm) / (2 * eps)
        elif quotient == "times":
            approx[i] = (Jp - Jm) * (2 * eps)
        elif quotient == "precedence":
            approx[i] = (Jp - Jm) / 2 * eps
        elif quotient == "three":
            approx[i] = (Jp - Jm) / (3 * eps)
        else:
            approx[i] = (Jp - Jm) / (eps if one_sided or halved else 2 * eps)
    num = np.linalg.norm(g - approx)
    if formula == "squared":
        return float(num**2 / (np.linalg.norm(g) ** 2 + np.linalg.norm(approx) ** 2))
    if formula == "squared_sum":
        return float(num**2 / (np.linalg.norm(g) + np.linalg.norm(approx)) ** 2)
    if formula == "squared_top":
        return float(num**2 / (np.linalg.norm(g) + np.linalg.norm(approx)))
    if formula == "by_g":
        return float(num / np.linalg.norm(g))
    if formula == "by_approx":
        return float(num / np.linalg.norm(approx))
    if formula == "norm_of_sum":
        return float(num / np.linalg.norm(g + approx))
    if formula == "product":
        return float(num * (np.linalg.norm(g) + np.linalg.norm(approx)))
    if formula == "absolute":
        return float(num)
    return float(num / (np.linalg.norm(g) + np.linalg.norm(approx)))


def _per_example(X, Y, p, *, full=False, reduce=None, axis=0):
    from autograder.reference.batches import net_backward, net_forward

    grads = []
    for i in range(X.shape[1]):
        x, y = (X, Y) if full else (X[:, i:i + 1], Y[:, i:i + 1])
        grads.append(net_backward(x, y, p, net_forward(x, p)[1]))
    if reduce:
        return {k: getattr(np, reduce)([g[k] for g in grads], axis=0) for k in grads[0]}
    return {k: np.stack([g[k] for g in grads], axis=axis) for k in grads[0]}


def _mbgd(X, Y, p, kw, *, fixed_seed=False, cost_after=False, cost_all=False, per_epoch=None, first_epoch=0,
          frozen=(), step=lambda lr, g: lr * g):
    """Mini-batch gradient descent with one mistake; per_epoch: one cost per epoch, that of the epoch's "first"
    or "last" batch, their "mean", or the cost on "all" the data at the end of the epoch."""
    from autograder.reference.batches import net_backward, net_cost, net_forward, random_mini_batches

    lr, epochs = kw.get("learning_rate", 0.1), kw.get("num_epochs", 10)
    size, seed = kw.get("mini_batch_size", 64), kw.get("seed", 0)
    p, costs = {k: v.copy() for k, v in p.items()}, []
    for epoch in range(first_epoch, epochs):
        steps = []
        for xb, yb in random_mini_batches(X, Y, size, seed if fixed_seed else seed + epoch):
            yhat, cache = net_forward(xb, p)
            grads = net_backward(xb, yb, p, cache)
            before = net_cost(net_forward(X, p)[0], Y) if cost_all else net_cost(yhat, yb)
            p = {k: v if k[0] in frozen else v - step(lr, grads["d" + k]) for k, v in p.items()}
            after = (net_cost(net_forward(X, p)[0], Y) if cost_all else net_cost(net_forward(xb, p)[0], yb))
            steps.append(after if cost_after else before)
        if per_epoch is None:
            costs += steps
        else:
            costs.append({"first": steps[0], "last": steps[-1], "mean": float(np.mean(steps)),
                          "all": net_cost(net_forward(X, p)[0], Y)}[per_epoch])
    return p, costs
# Twins of the deep network (notebook 6): its blocks with one mistake each.
_DN_G = {"relu": _relu, "tanh": np.tanh, "sigmoid": _sig}
_DN_DG = {"relu": lambda Z: (Z > 0).astype(float), "tanh": lambda Z: 1 - np.tanh(Z) ** 2,
          "sigmoid": lambda Z: _sig(Z) * (1 - _sig(Z))}


def _dn_linear_backward(dZ, cache, *, m_rows=False, db_axis=1, avg_dA=False):
    A_prev, W, _ = cache
    m = A_prev.shape[0] if m_rows else A_prev.shape[1]
    dA_prev = W.T @ dZ / (m if avg_dA else 1)
    return dA_prev, dZ @ A_prev.T / m, np.sum(dZ, axis=db_axis, keepdims=True) / m


def _dn_activation_backward(dA, cache, derivative, *, recompute=False, **linear):
    (A_prev, W, b), Z = cache
    if recompute:
        Z = W @ A_prev + b
    return _dn_linear_backward(dA * derivative(Z), (A_prev, W, b), **linear)


def _dn_forward(X, p, hidden, output="sigmoid", bias=True, reverse=False, twice=False):
    L = len(p) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = p[f"W{l}"], p[f"b{l}"]
        Z = W @ A + (b if bias else 0)
        caches.append(((A, W, b), Z))
        g = _DN_G[hidden if l < L else output]
        A = g(g(Z)) if twice and l < L else g(Z)
    return A, caches[::-1] if reverse else caches


def _dn_cost(AL, Y, p, lambd, *, half=True, biases=False, per_m=True, layers="all", square=np.square,
             ce_mean=True, m=None, ce_factor=1.0):
    m = Y.shape[1] if m is None else m
    L = len(p) // 2
    chosen = {"all": range(1, L + 1), "first": range(1, L), "last": range(L, L + 1), "two": range(1, min(L, 2) + 1)}
    names = [f"W{l}" for l in chosen[layers]] + ([f"b{l}" for l in range(1, L + 1)] if biases else [])
    penalty = sum(np.sum(square(p[n])) for n in names) * lambd * (0.5 if half else 1.0) / (m if per_m else 1)
    return float(-ce_factor * np.sum(_cost_terms(AL, Y)) / (m if ce_mean else 1) + penalty)


def _dn_l2(Y, p, lambd):
    """The right L2 penalty (lambd / (2 m)) * sum_l ||W<l>||^2."""
    return lambd / (2 * Y.shape[1]) * sum(np.sum(np.square(p[f"W{l}"])) for l in range(1, len(p) // 2 + 1))


def _dn_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None, *, output="sigmoid",
                 fixed_hidden=None, l2=1.0, l2_biases=False, l2_per_m=True, dAL_is_dZ=False, dAL=None):
    """dW<l>, db<l> only (the dA<l> a student may leave out)."""
    hidden = fixed_hidden or hidden_activation
    L, m = len(caches), AL.shape[1]
    grads, dA = {}, (AL - Y) if dAL_is_dZ else dAL(AL, Y) if dAL else -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        act = (hidden if output == "hidden" else output) if l == L else hidden
        dA, dW, db = _dn_activation_backward(dA, caches[l - 1], _DN_DG[act])
        W, b = caches[l - 1][0][1], caches[l - 1][0][2]
        scale = lambd / (m if l2_per_m else 1)
        grads[f"dW{l}"] = dW + l2 * scale * W
        grads[f"db{l}"] = db + (scale * b if l2_biases else 0)
    return grads


# notebook 5's warm-up: wrong numerical_derivatives (their twins go through the check's driver, _run_twin)
def _nd_fixed(e):
    return lambda f, x, epsilon=1e-5: (f(x + e) - f(x - e)) / (2 * e)


def _nd_default_of(d):
    return lambda f, x, epsilon=d: (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)


# notebook 5's regression backward (backward_corrected) with one slip
def _bc(X, Y, p, c, *, planted=False, naive_fix=False, derivative=None, db_axis=(1, 1), keepdims=True,
        m_rows=False):
    m = X.shape[0 if m_rows else 1]
    dZ2 = c["A2"] - Y
    dW2 = dZ2 @ c["A1"].T / m
    db2 = np.sum(dZ2, axis=db_axis[1], keepdims=keepdims) / m
    dZ1 = (p["W2"].T @ dZ2) * (derivative(c) if derivative else 1 - c["A1"] ** 2)
    dW1 = dZ1 @ X.T / m / (m if planted else 1)
    db1 = np.sum(dZ1, axis=db_axis[0], keepdims=keepdims) / m / (m if naive_fix else 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

# Twins of the softmax classifier (notebook 7).
def _clf_forward(X, p, *, axis=0, all_=False, shifted=False, hidden=_relu, output=None, z1_next=False,
                 return_z2=False, bias=True, **softmax):
    Z1 = p["W1"] @ X + (p["b1"] if bias else 0)
    A1 = hidden(Z1)
    Z2 = p["W2"] @ (Z1 if z1_next else A1) + (p["b2"] if bias else 0)
    A2 = output(Z2) if output else _softmax(Z2, axis=axis, all_=all_, **softmax)
    cache_z2 = Z2 - np.max(Z2, axis=0, keepdims=True) if shifted else Z2
    return (Z2 if return_z2 else A2), {"Z1": Z1, "A1": A1, "Z2": cache_z2, "A2": A2}


def _clf_backward(X, Y, p, cache, *, no_y=False, from_z2=False, extra=False, mask=True, a1_from_z1=False,
                  recompute=False, m=None, db_axis=1, db_axes=None, mask_inverted=False, kink=0):
    m = X.shape[1] if m is None else m
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    if recompute:
        A2, c = _clf_forward(X, p)
        A1, Z1 = c["A1"], c["Z1"]
    if a1_from_z1:
        A1 = Z1
    dZ2 = ((cache["Z2"] if from_z2 else A2) - (0 if no_y else Y)) / m
    if extra:
        dZ2 = dZ2 * A2 * (1 - A2)
    dZ1 = p["W2"].T @ dZ2 * (((Z1 < kink) if mask_inverted else (Z1 > kink)) if mask else 1)
    ax1, ax2 = db_axes or (db_axis, db_axis)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=ax1, keepdims=True),
            "dW2": dZ2 @ A1.T, "db2": np.sum(dZ2, axis=ax2, keepdims=True)}


def _clf_train(X, Y, n_h, kw, *, init=None, step=1.0, every=1, after=False, frozen=()):
    lr, n, seed = kw.get("learning_rate", 1.0), kw.get("num_iterations", 1000), kw.get("seed", 0)
    n_x, C = X.shape[0], Y.shape[0]
    if init == "legacy":
        np.random.seed(seed)
        W1, W2 = np.random.randn(n_h, n_x) * np.sqrt(2 / n_x), np.random.randn(C, n_h) * 0.01
    else:
        rng = np.random.default_rng(seed)
        if init == "order":
            W2 = rng.standard_normal((C, n_h)) * 0.01
            W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x)
        else:
            W1 = rng.standard_normal((n_h, n_x)) * {"w1_small": 0.01, "w1_unscaled": 1.0,
                                                    "w1_xavier": np.sqrt(1 / n_x)}.get(init, np.sqrt(2 / n_x))
            W2 = rng.standard_normal((C, n_h)) * {"w2_he": np.sqrt(2 / n_h), "w2_unscaled": 1.0}.get(init, 0.01)
    p = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((C, 1))}
    costs = []
    for i in range(n):
        A2, cache = _clf_forward(X, p)
        g = _clf_backward(X, Y, p, cache)
        p = {k: v if k[0] in frozen else v - step * lr * g["d" + k] for k, v in p.items()}
        if i % every == 0:
            cost = _clf_forward(X, p)[0] if after else A2
            costs.append(float(-np.sum(Y * np.log(cost)) / Y.shape[1]))
    return p, costs


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("forward_graph", "graph_order"): (lambda x: _fg(x, order=True),),
    ("forward_graph", "graph_powers"): tuple(
        (lambda x, _p=p, _q=q: _fg_powers(x, _p, _q)) for p, q in ((1, 3), (3, 3), (2, 2), (2, 4), (2, 1))
    ),
    ("backward_graph", "power_rule"): (
        lambda c: _bg(c, square=False),
        lambda c: dict(_bg(c), dy_df=3 * c["f"] ** 3, dy_dg=3 * c["f"] ** 3, dy_dx=3 * c["f"] ** 3 * 2 * c["x"]),
        lambda c: dict(_bg(c), dy_df=3 / c["f"] ** 2, dy_dg=3 / c["f"] ** 2, dy_dx=3 / c["f"] ** 2 * 2 * c["x"]),
    ),
    ("backward_graph", "local_derivative_square"): tuple(
        (lambda c, _d=d: dict(_bg(c), dy_dx=_bg(c)["dy_dg"] * _d(c["x"])))
        for d in (lambda x: 2 / x, lambda x: 3 * x, lambda x: x, lambda x: x**2, lambda x: 2 + x)
    ),
    ("backward_graph", "chain_not_multiplied"): (lambda c: _bg(c, upstream=False),),
    ("backward_graph", "cache_not_used"): (lambda c: _bg(c, recompute=True),),
    ("dz_dt", "missing_chain_term"): (
        lambda t: 2 * np.cos(t) * np.exp(t) * (-np.sin(t)),
        lambda t: np.cos(t) ** 2 * np.exp(t),
        lambda t: _dz_dt(t, minus=True),
    ),
    ("dz_dt", "partial_derivatives"): tuple(
        (lambda t, _k=kw: _dz_dt(t, **_k)) for kw in (
            {"dz_dx": lambda x, y: 3 * x * y}, {"dz_dx": lambda x, y: x * y}, {"dz_dx": lambda x, y: 2 * x / y},
            {"dz_dx": lambda x, y: 2 / x * y},
            {"dz_dx": lambda x, y: 2 * x}, {"dz_dy": lambda x, y: x**3}, {"dz_dy": lambda x, y: x},
            {"dz_dy": lambda x, y: 2 * x})
    ),
    ("dz_dt", "derivative_sign"): (lambda t: 2 * np.cos(t) * np.exp(t) * np.sin(t) + np.cos(t) ** 2 * np.exp(t),),
    # the Value engine: twins are classes, run through the check's driver
    ("Value", "upstream_grad_missing"): _value_twins("ops", "no_upstream"),
    ("Value", "grad_overwritten"): _value_twins("ops", "assign"),
    ("Value", "mul_backward_swapped"): (_value_twin(mul="swapped"),),
    ("Value", "input_grad_missing"): tuple(
        _value_twin(**{op: f"skip_{which}"}) for op in ("add", "mul") for which in ("first", "second")),
    ("Value", "grad_subtracted"): _value_twins("ops", "negate"),
    ("Value", "tanh_backward_from_input"): (_value_twin(tanh="input"),),
    ("Value", "missing_square"): (_value_twin(tanh="no_square"),),
    ("Value", "tanh_derivative_formula"): _value_twins("tanh", "plus", "two", "no_one", "cube"),
    ("Value", "grad_seed_missing"): _value_twins("backward", "no_seed", "seed_after"),
    ("Value", "backward_not_topological"): _value_twins("backward", "not_reversed", "preorder", "bfs"),
    ("Value", "backward_no_visited"): _value_twins("backward", "no_visited", "recursive"),
    ("sigmoid", "sigmoid_exponent_sign"): (lambda z: 1 / (1 + np.exp(z)),),
    ("sigmoid", "sigmoid_formula"): (
        lambda z: 1 / (1 - np.exp(-z)), lambda z: 1 + np.exp(-z), lambda z: 1 / np.exp(-z),
        lambda z: 1 / (2 + np.exp(-z)),
        lambda z: np.exp(-z) / (1 + np.exp(-z)), lambda z: 1 / (1 + np.exp(-z)) ** 2,
    ),
    ("sigmoid_derivative", "derivative_from_z"): (lambda a: _sig(a) * (1 - _sig(a)),),
    ("sigmoid_derivative", "sigmoid_derivative_formula"): (
        lambda a: a * (1 - a) ** 2, lambda a: (1 - a) ** 2, lambda a: a**2 * (1 - a), lambda a: a * (1 + a),
        lambda a: a - a * a * a, lambda a: 1 - a, lambda a: a * (2 - a), lambda a: -a * a, lambda a: a / (1 - a),
    ),
    ("tanh_derivative", "derivative_from_z"): (lambda a: 1 - np.tanh(a) ** 2,),
    ("tanh_derivative", "missing_square"): (lambda a: 1 - a, lambda a: 1 - 2 * a),
    ("tanh_derivative", "tanh_derivative_formula"): (
        lambda a: 1 - a**3, lambda a: 1 + a**2, lambda a: 2 - a**2, lambda a: a**2 - 1, lambda a: -a**2,
    ),
    ("relu", "relu_returns_mask"): (lambda z: (z > 0).astype(float),),
    ("relu", "relu_min_max"): (lambda z: np.minimum(0, z),),
    ("relu", "kink_moved"): (lambda z: np.maximum(1, z), lambda z: np.maximum(-1, z)),
    ("relu_derivative", "kink_moved"): (lambda z: (z > 1).astype(float), lambda z: (z > -1).astype(float)),
    ("leaky_relu", "kink_moved"): (lambda z, alpha=0.01: np.where(z > 1, z, alpha * z),
                                   lambda z, alpha=0.01: np.where(z > -1, z, alpha * z)),
    ("leaky_relu_derivative", "kink_moved"): (lambda z, alpha=0.01: np.where(z > 1, 1.0, alpha),
                                              lambda z, alpha=0.01: np.where(z > -1, 1.0, alpha)),
    ("leaky_relu_derivative", "leaky_branches_swapped"): (lambda z, alpha=0.01: np.where(z > 0, alpha, 1.0),),
    ("relu_derivative", "derivative_is_function"): (_relu,),
    ("relu_derivative", "relu_mask_inverted"): (lambda z: (z < 0).astype(float), lambda z: (z <= 0).astype(float)),
    ("relu_derivative", "relu_derivative_sign"): (np.sign,),
    ("leaky_relu", "alpha_ignored"): (lambda z, alpha=0.01: np.where(z > 0, z, 0.01 * z),),
    ("leaky_relu", "leaky_branches_swapped"): (lambda z, alpha=0.01: np.where(z > 0, alpha * z, z),),
    ("leaky_relu", "leaky_slope_missing"): (lambda z, alpha=0.01: _relu(z),),
    ("leaky_relu_derivative", "alpha_ignored"): (lambda z, alpha=0.01: np.where(z > 0, 1.0, 0.01),),
    ("leaky_relu_derivative", "leaky_slope_missing"): (lambda z, alpha=0.01: (z > 0).astype(float),),
    ("leaky_relu_derivative", "derivative_is_function"): (lambda z, alpha=0.01: np.where(z > 0, z, alpha * z),),
    ("softmax", "softmax_wrong_axis"): (lambda z: _softmax(z, axis=1), lambda z: _softmax(z, shift_axis=1),
                                        lambda z: _softmax(z, axis=1, shift_axis=0)),
    ("softmax", "softmax_global_max"): (lambda z: _softmax(z, shift_all=True),),
    ("softmax", "softmax_shift_not_max"): tuple((lambda z, _s=s: _softmax(z, shift=_s)) for s in ("mean", "min")),
    ("softmax", "softmax_sum_all"): (
        lambda z: _softmax(z, all_=True),
        lambda z: np.exp(z - np.max(z, axis=0, keepdims=True)) / np.sum(np.exp(z - np.max(z, axis=0, keepdims=True))),
    ),
    ("softmax_jacobian", "jacobian_outer_sign"): (lambda a: np.diag(np.reshape(a, -1)) + np.outer(a, a),),
    ("softmax_jacobian", "jacobian_diagonal_only"): (lambda a: np.diag(np.reshape(a, -1) * (1 - np.reshape(a, -1))),),
    ("softmax_jacobian", "jacobian_outer_missing"): (
        lambda a: np.diag(np.reshape(a, -1)) - np.dot(np.reshape(a, -1), np.reshape(a, -1)),
        lambda a: np.diag(np.reshape(a, -1)) - np.reshape(a, -1) ** 2,
    ),
    ("forward_propagation", "z1_into_layer2"): (lambda X, p: _forward(X, p, z1_next=True),),
    ("forward_propagation", "cache_mixed_up"): tuple(
        (lambda X, p, _k=keys, _d=drop: _cache_swapped(_forward(X, p), _k, _d))
        for keys in (("Z1", "A1"), ("A1", "Z1"), ("Z2", "A2"), ("A2", "Z2")) for drop in (False, True)
    ),
    ("forward_propagation", "returns_z2"): (lambda X, p: _forward(X, p, return_z2=True),),
    ("forward_propagation", "wrong_hidden_activation"): (
        lambda X, p: _forward(X, p, hidden=_sig),
        lambda X, p: _forward(X, p, hidden=np.tanh),
        lambda X, p: _forward(X, p, hidden=lambda z: z),
    ),
    ("forward_propagation", "wrong_output_activation"): (
        lambda X, p: _forward(X, p, output=lambda z: z),
        lambda X, p: _forward(X, p, output=_relu),
        lambda X, p: _forward(X, p, output=np.tanh),
        lambda X, p: _forward(X, p, output=lambda z: _softmax(z)),
    ),
    ("forward_propagation", "bias_missing"): (
        lambda X, p: _forward(X, p, bias=False),
        lambda X, p: _forward(X, dict(p, b1=-p["b1"])),
        lambda X, p: _forward(X, dict(p, b2=-p["b2"])),
    ),
    ("compute_cost", "cross_entropy_term_missing"): (
        lambda A2, Y: float(-np.sum(Y * np.log(A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum((1 - Y) * np.log(1 - A2)) / Y.shape[1]),
    ),
    ("compute_cost", "cross_entropy_formula"): tuple(
        (lambda A2, Y, _f=f: float(-np.sum(_f(A2, Y)) / Y.shape[1])) for f in (
            lambda A, Y: Y * np.log(A) + (2 - Y) * np.log(1 - A), lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(2 - A),
            lambda A, Y: Y * np.log(A) + (1 + Y) * np.log(1 - A), lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(1 + A),
            lambda A, Y: Y * np.log(A) - (1 - Y) * np.log(1 - A), lambda A, Y: Y / np.log(A) + (1 - Y) * np.log(1 - A),
            lambda A, Y: Y * np.log(A) + (1 - Y) / np.log(1 - A), lambda A, Y: Y * np.log(A) + (0 - Y) * np.log(1 - A),
            lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(0 - A))
    ),
    ("compute_cost", "log_base"): (
        lambda A2, Y: float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log10(1 - A2)) / Y.shape[1]),
    ),
    ("compute_cost", "cost_not_reduced"): (
        lambda A2, Y: -_cost_terms(A2, Y),
        lambda A2, Y: -_cost_terms(A2, Y).reshape(-1),
        lambda A2, Y: -_cost_terms(A2, Y) / Y.shape[1],
    ),
    ("backward_propagation", "relu_mask_missing"): (lambda X, Y, p, c: _backward(X, Y, p, c, mask=False),),
    ("backward_propagation", "cache_not_used"): (
        lambda X, Y, p, c: _backward(X, Y, p, c, recompute="from_z"),
        lambda X, Y, p, c: _backward(X, Y, p, c, recompute="forward"),
    ),
    ("backward_propagation", "output_derivative_extra"): (lambda X, Y, p, c: _backward(X, Y, p, c, extra=True),),
    ("backward_propagation", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=axes, _s=sums: _backward(X, Y, p, c, db_axis=_a, db_sum=_s))
        for axes, sums in (((0, 0), (True, True)), ((0, 1), (True, True)), ((1, 0), (True, True)),
                           ((1, 1), (False, False)), ((1, 1), (False, True)), ((1, 1), (True, False)))
    ),
    ("backward_propagation", "m_from_features"): (lambda X, Y, p, c: _backward(X, Y, p, c, m_rows=True),),
    ("backward_propagation", "a1_from_z1"): (lambda X, Y, p, c: _backward(X, Y, p, c, a1_from_z1=True),),
    ("backward_propagation", "dz2_from_z2"): (lambda X, Y, p, c: _backward(X, Y, p, c, dz2_from_z=True),),
    ("update_parameters", "sign_flipped"): (
        lambda p, g, lr: {k: v + lr * g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v + (1 if k[0] == "W" else -1) * lr * g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v - (1 if k[0] == "W" else -1) * lr * g["d" + k] for k, v in p.items()},
    ),
    ("update_parameters", "learning_rate_divides"): (
        lambda p, g, lr: {k: v - lr / g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v - (lr / g["d" + k] if k[0] == "W" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - (lr / g["d" + k] if k[0] == "b" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - g["d" + k] / lr for k, v in p.items()},
        lambda p, g, lr: {k: v - (g["d" + k] / lr if k[0] == "W" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - (g["d" + k] / lr if k[0] == "b" else lr * g["d" + k]) for k, v in p.items()},
    ),
    ("dictionary_to_vector", "flatten_order"): (lambda d: _d2v(d, order="F"),),
    ("dictionary_to_vector", "key_order"): (lambda d: _d2v(d, sort=True), lambda d: _d2v(d, as_given=True)),
    ("dictionary_to_vector", "layers_hardcoded"): (lambda d: _d2v(d, layers=2),),
    ("dictionary_to_vector", "layers_skipped"): (lambda d: _d2v(d, first=2), lambda d: _d2v(d, step=2)),
    ("vector_to_dictionary", "flatten_order"): (lambda theta, dims: _v2d(theta, dims, order="F"),),
    ("gradient_check", "difference_quotient"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _q=q: _gc(X, Y, p, g, epsilon, quotient=_q))
        for q in ("sum", "times", "precedence", "three")
    ),
    ("per_example_gradients", "per_example_full_batch"): (lambda X, Y, p: _per_example(X, Y, p, full=True),),
    ("per_example_gradients", "per_example_averaged"): (lambda X, Y, p: _per_example(X, Y, p, reduce="mean"),),
    ("per_example_gradients", "per_example_summed"): (lambda X, Y, p: _per_example(X, Y, p, reduce="sum"),),
    ("per_example_gradients", "per_example_axis"): (lambda X, Y, p: _per_example(X, Y, p, axis=-1),),
    ("mini_batch_gradient_descent", "costs_per_epoch"): tuple(
        (lambda X, Y, p, _w=w, **kw: _mbgd(X, Y, p, kw, per_epoch=_w)) for w in ("first", "last", "mean", "all")),
    ("mini_batch_gradient_descent", "epochs_from_one"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, num_epochs=kw.get("num_epochs", 10) + 1), first_epoch=1),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, first_epoch=1)),
    ("mini_batch_gradient_descent", "gradient_ascent"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: -lr * g),),
    ("mini_batch_gradient_descent", "learning_rate_divides"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: lr / g),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: g / lr)),
    ("mini_batch_gradient_descent", "biases_not_updated"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, frozen="b"),),
    ("mini_batch_gradient_descent", "epoch_seed_fixed"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, fixed_seed=True),),
    ("mini_batch_gradient_descent", "cost_after_step"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_after=True),),
    ("mini_batch_gradient_descent", "cost_of_all_examples"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_all=True),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_all=True, cost_after=True)),
    ("mini_batch_gradient_descent", "learning_rate_ignored"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, learning_rate=0.1)),),
    ("mini_batch_gradient_descent", "epochs_ignored"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, num_epochs=10)),),
    ("mini_batch_gradient_descent", "batch_size_ignored"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, mini_batch_size=64)),),
    ("mini_batch_gradient_descent", "seed_argument_ignored"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, seed=0)),),
    ("gradient_check", "epsilon_not_doubled"): (
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, halved=True),
    ),
    ("gradient_check", "epsilon_ignored"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _e=e: _gc(X, Y, p, g, epsilon, fixed_epsilon=_e))
        for e in (1e-7, 1e-6, 1e-5, 1e-4)
    ),
    ("gradient_check", "squared_norms"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _f=f: _gc(X, Y, p, g, epsilon, formula=_f))
        for f in ("squared", "squared_sum", "squared_top")
    ),
    ("gradient_check", "one_sided_difference"): (
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, one_sided=True),
    ),
    ("gradient_check", "vector_aliased"): (lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, aliased=True),),
    ("gradient_check", "relative_difference_formula"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _f=f: _gc(X, Y, p, g, epsilon, formula=_f))
        for f in ("by_g", "by_approx", "norm_of_sum", "absolute", "product")
    ),
    # the deep network (notebook 6)
    ("linear_forward", "bias_missing"): (lambda A, W, b: (W @ A, (A, W, b)), lambda A, W, b: (W @ A - b, (A, W, b))),
    ("linear_forward", "linear_cache_order"): tuple(
        (lambda A, W, b, _o=o: (W @ A + b, tuple((A, W, b)[i] for i in _o)))
        for o in ((0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))),
    ("linear_backward", "dA_prev_averaged"): (
        lambda dZ, c: (c[1].T @ dZ / c[0].shape[1], *_dn_linear_backward(dZ, c)[1:]),),
    ("linear_backward", "m_from_features"): (lambda dZ, c: _dn_linear_backward(dZ, c, m_rows=True),),
    ("linear_backward", "bias_sum_axis"): (lambda dZ, c: _dn_linear_backward(dZ, c, db_axis=0),),
    ("activation_forward", "returns_z"): (lambda A, W, b, act: (W @ A + b, ((A, W, b), W @ A + b)),),
    ("activation_forward", "activation_mixed_up"): tuple(
        (lambda A, W, b, act, _g=g: (_DN_G[_g](W @ A + b), ((A, W, b), W @ A + b))) for g in _DN_G),
    ("activation_forward", "relu_min_max"): (lambda A, W, b, act: (np.minimum(0, W @ A + b), ((A, W, b), W @ A + b)),),
    ("activation_forward", "sigmoid_exponent_sign"): (
        lambda A, W, b, act: (1 / (1 + np.exp(W @ A + b)), ((A, W, b), W @ A + b)),),
    ("activation_forward", "activation_cache_holds_a"): (
        lambda A, W, b, act: (_DN_G[act](W @ A + b), ((A, W, b), _DN_G[act](W @ A + b))),),
    ("activation_forward", "activation_cache_order"): (
        lambda A, W, b, act: (_DN_G[act](W @ A + b), (W @ A + b, (A, W, b))),),
    ("activation_forward", "bias_missing"): (
        lambda A, W, b, act: (_DN_G[act](W @ A), ((A, W, b), W @ A)),),
    ("activation_backward", "derivative_missing"): (lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: 1.0),),
    ("activation_backward", "activation_not_derivative"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_G[act]),),
    ("activation_backward", "derivative_of_z_as_a"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, {"tanh": lambda Z: 1 - Z**2,
                                                            "sigmoid": lambda Z: Z * (1 - Z)}.get(act, _DN_DG[act])),),
    ("activation_backward", "missing_square"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: 1 - np.tanh(Z)),),
    ("activation_backward", "relu_derivative_sign"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, np.sign if act == "relu" else _DN_DG[act]),),
    ("activation_backward", "relu_slope_at_zero"): tuple(
        (lambda dA, c, act, _d=d: _dn_activation_backward(dA, c, _d if act == "relu" else _DN_DG[act])) for d in (
            lambda Z: np.heaviside(Z, 0.5), lambda Z: np.where(Z > 0, 1.0, np.where(Z < 0, 0.0, np.nan)))),
    ("activation_backward", "derivative_mixed_up"): tuple(
        (lambda dA, c, act, _d=d: _dn_activation_backward(dA, c, _DN_DG[_d])) for d in _DN_DG),
    ("activation_backward", "cache_not_used"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], recompute=True),),
    ("activation_backward", "dA_prev_averaged"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], avg_dA=True),),
    ("activation_backward", "m_from_features"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], m_rows=True),),
    ("activation_backward", "bias_sum_axis"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], db_axis=0),),
    ("L_model_forward", "deep_output_activation"): tuple(
        (lambda X, p, hidden_activation="relu", _o=o: _dn_forward(X, p, hidden_activation, _o or hidden_activation))
        for o in (None, "relu", "tanh")),
    ("L_model_forward", "hidden_activation_ignored"): tuple(
        (lambda X, p, hidden_activation="relu", _h=h: _dn_forward(X, p, _h)) for h in _DN_G),
    ("L_model_forward", "deep_caches_incomplete"): (
        lambda X, p, hidden_activation="relu": (_dn_forward(X, p, hidden_activation)[0],
                                                _dn_forward(X, p, hidden_activation)[1][:-1]),),
    ("L_model_forward", "deep_caches_reversed"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, reverse=True),),
    ("L_model_forward", "activation_twice"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, twice=True),),
    ("activation_forward", "activation_twice"): (
        lambda A, W, b, act: (_DN_G[act](_DN_G[act](W @ A + b)), ((A, W, b), W @ A + b)),),
    ("activation_backward", "sigmoid_derivative_formula"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: (_sig(Z) * (1 - _sig(Z))) ** 2),),
    ("L_model_backward", "deep_output_derivative_twice"): (lambda *a, **k: _dn_backward(*a, **k, dAL_is_dZ=True),),
    ("compute_cost_l2", "l2_unscaled"): (
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, half=False, per_m=False),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, 1.0, half=False, per_m=False)),
    ("compute_cost_l2", "l2_not_squared"): tuple(
        (lambda AL, Y, p, lambd, _s=s: _dn_cost(AL, Y, p, lambd, square=_s))
        for s in (np.abs, lambda W: W, lambda W: W**3, lambda W: np.abs(W) ** 3)),
    ("compute_cost_l2", "l2_subtracted"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, -lambd),),
    ("L_model_backward", "l2_subtracted"): (lambda *a, **k: _dn_backward(*a, **k, l2=-1.0),),
    ("L_model_backward", "dAL_formula"): tuple(
        (lambda *a, _d=d, **k: _dn_backward(*a, **k, dAL=_d)) for d in (
            lambda A, Y: -(Y / A - (2 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 - Y) / (2 - A)),
            lambda A, Y: -(Y / A - (0 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 - Y) / (0 - A)),
            lambda A, Y: -(Y / A + (1 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 + Y) / (1 - A)),
            lambda A, Y: -(Y / A - (1 - Y) / (1 + A)), lambda A, Y: -(Y * A - (1 - Y) / (1 - A)),
            lambda A, Y: -(Y / A - (1 - Y) * (1 - A)), lambda A, Y: Y / A - (1 - Y) / (1 - A))),
    ("compute_cost_l2", "l2_cross_entropy_summed"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, ce_mean=False),),
    ("compute_cost_l2", "l2_cross_entropy_scaled"): tuple(
        (lambda AL, Y, p, lambd, _f=f: _dn_cost(AL, Y, p, lambd, ce_factor=_f(Y.shape[1])))
        for f in (lambda m: -1.0, lambda m: 1.0 / m, lambda m: float(m * m))),
    ("compute_cost_l2", "m_from_rows"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, m=Y.shape[0]),),
    ("L_model_forward", "bias_missing"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, bias=False),),
    ("compute_cost_l2", "l2_missing"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, 0.0),),
    ("compute_cost_l2", "l2_not_halved"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, half=False),),
    ("compute_cost_l2", "l2_biases_included"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, biases=True),),
    ("compute_cost_l2", "l2_not_averaged"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, per_m=False),),
    ("compute_cost_l2", "l2_layer_missing"): (
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="first"),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="last"),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="two"),
    ),
    ("L_model_backward", "deep_output_activation"): (lambda *a, **k: _dn_backward(*a, **k, output="hidden"),),
    ("L_model_backward", "hidden_activation_ignored"): tuple(
        (lambda *a, _h=h, **k: _dn_backward(*a, **k, fixed_hidden=_h)) for h in _DN_G),
    ("L_model_backward", "l2_gradient_missing"): (lambda *a, **k: _dn_backward(*a, **k, l2=0.0),),
    ("L_model_backward", "l2_gradient_doubled"): (lambda *a, **k: _dn_backward(*a, **k, l2=2.0),),
    ("L_model_backward", "l2_gradient_halved"): (lambda *a, **k: _dn_backward(*a, **k, l2=0.5),),
    ("L_model_backward", "l2_gradient_biases"): (lambda *a, **k: _dn_backward(*a, **k, l2_biases=True),),
    ("L_model_backward", "l2_gradient_not_averaged"): (lambda *a, **k: _dn_backward(*a, **k, l2_per_m=False),),

    # notebook 5's warm-up and bug hunt
    ("numerical_derivative", "nd_sign"): (
        lambda f, x, epsilon=1e-5: (f(x - epsilon) - f(x + epsilon)) / (2 * epsilon),),
    ("numerical_derivative", "nd_width"): tuple(
        (lambda f, x, epsilon=1e-5, _k=k: (f(x + epsilon) - f(x - epsilon)) / (_k * epsilon))
        for k in (1, 4)),
    ("numerical_derivative", "nd_quotient"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x - epsilon)) / 2 * epsilon,
        lambda f, x, epsilon=1e-5: f(x + epsilon) - f(x - epsilon) / (2 * epsilon),),
    ("numerical_derivative", "nd_one_sided"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x)) / epsilon,
        lambda f, x, epsilon=1e-5: (f(x) - f(x - epsilon)) / epsilon,),
    ("numerical_derivative", "nd_points"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x)) / (2 * epsilon),
        lambda f, x, epsilon=1e-5: (f(x) - f(x - epsilon)) / (2 * epsilon),),
    ("numerical_derivative", "nd_epsilon_ignored"): tuple(
        _nd_fixed(e) for e in (1e-5, 1e-4, 1e-6, 1e-7, 1e-3, 1e-8)),
    ("numerical_derivative", "nd_default"): tuple(
        _nd_default_of(d) for d in (1e-4, 1e-6, 1e-7, 1e-3, 1e-8)),
    ("backward_corrected", "bug_planted_kept"): (
        lambda X, Y, p, c: _bc(X, Y, p, c, planted=True),
        lambda X, Y, p, c: _bc(X, Y, p, c, planted=True, naive_fix=True),),
    ("backward_corrected", "missing_square"): (lambda X, Y, p, c: _bc(X, Y, p, c, derivative=lambda c: 1 - c["A1"]),),
    ("backward_corrected", "tanh_derivative_formula"): tuple(
        (lambda X, Y, p, c, _d=d: _bc(X, Y, p, c, derivative=_d)) for d in (
            lambda c: 1 - c["Z1"] ** 2, lambda c: 1 + c["A1"] ** 2, lambda c: 1 - c["A1"] ** 3,
            lambda c: c["A1"] ** 2 - 1)),
    ("backward_corrected", "m_from_features"): (lambda X, Y, p, c: _bc(X, Y, p, c, m_rows=True),),
    ("backward_corrected", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=a: _bc(X, Y, p, c, db_axis=_a)) for a in ((0, 0), (0, 1), (1, 0))),

    # the softmax classifier (notebook 7)
    ("softmax_cost", "log_base"): (lambda A, Y: float(-np.sum(Y * np.log10(A)) / Y.shape[1]),),
    ("softmax_cost", "softmax_cost_binary_formula"): (
        lambda A, Y: float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1]),),
    ("softmax_cost", "softmax_cost_mean_over_classes"): (lambda A, Y: float(-np.mean(Y * np.log(A))),),
    ("softmax_cost", "m_from_classes"): (lambda A, Y: float(-np.sum(Y * np.log(A)) / Y.shape[0]),),
    ("softmax_cost", "cost_not_reduced"): (lambda A, Y: -np.sum(Y * np.log(A), axis=0),
                                           lambda A, Y: -np.sum(Y * np.log(A), axis=0, keepdims=True),
                                           lambda A, Y: -Y * np.log(A)),
    ("classifier_forward", "softmax_wrong_axis"): (lambda X, p: _clf_forward(X, p, axis=1),
                                                   lambda X, p: _clf_forward(X, p, shift_axis=1),
                                                   lambda X, p: _clf_forward(X, p, axis=1, shift_axis=0)),
    ("classifier_forward", "softmax_sum_all"): (lambda X, p: _clf_forward(X, p, all_=True),
                                                lambda X, p: _clf_forward(X, p, sum_all=True)),
    ("classifier_forward", "softmax_global_max"): (lambda X, p: _clf_forward(X, p, shift_all=True),),
    ("classifier_forward", "softmax_shift_not_max"): tuple(
        (lambda X, p, _s=s: _clf_forward(X, p, shift=_s)) for s in ("mean", "min")),
    ("classifier_forward", "softmax_shift_in_cache"): (lambda X, p: _clf_forward(X, p, shifted=True),),
    ("classifier_forward", "wrong_hidden_activation"): (
        lambda X, p: _clf_forward(X, p, hidden=_sig), lambda X, p: _clf_forward(X, p, hidden=np.tanh),
        lambda X, p: _clf_forward(X, p, hidden=lambda z: z)),
    ("classifier_forward", "classifier_sigmoid_output"): (lambda X, p: _clf_forward(X, p, output=_sig),),
    ("classifier_forward", "z1_into_layer2"): (lambda X, p: _clf_forward(X, p, z1_next=True),),
    ("classifier_forward", "classifier_returns_z2"): (lambda X, p: _clf_forward(X, p, return_z2=True),),
    ("classifier_forward", "cache_mixed_up"): tuple(
        (lambda X, p, _k=keys, _d=drop: _cache_swapped(_clf_forward(X, p), _k, _d))
        for keys in (("Z1", "A1"), ("A1", "Z1"), ("Z2", "A2"), ("A2", "Z2")) for drop in (False, True)),
    ("classifier_forward", "bias_missing"): (
        lambda X, p: _clf_forward(X, p, bias=False),
        lambda X, p: _clf_forward(X, dict(p, b1=-p["b1"])), lambda X, p: _clf_forward(X, dict(p, b2=-p["b2"]))),
    ("classifier_backward", "dz2_ignores_labels"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, no_y=True),),
    ("classifier_backward", "dz2_from_z2"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, from_z2=True),),
    ("classifier_backward", "output_derivative_extra"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, extra=True),),
    ("classifier_backward", "relu_mask_missing"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, mask=False),),
    ("classifier_backward", "a1_from_z1"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, a1_from_z1=True),),
    ("classifier_backward", "cache_not_used"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, recompute=True),),
    ("classifier_backward", "m_from_features"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, m=X.shape[0]),),
    ("classifier_backward", "m_from_classes"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, m=Y.shape[0]),),
    ("classifier_backward", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=a: _clf_backward(X, Y, p, c, db_axes=_a)) for a in ((0, 0), (0, 1), (1, 0))),
    ("classifier_backward", "relu_mask_inverted"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, mask_inverted=True),),
    ("classifier_forward", "kink_moved"): tuple(
        (lambda X, p, _k=k: _clf_forward(X, p, hidden=lambda z: np.maximum(_k, z))) for k in (1, -1)),
    ("classifier_backward", "kink_moved"): tuple(
        (lambda X, Y, p, c, _k=k: _clf_backward(X, Y, p, c, kink=_k)) for k in (1, -1)),
    ("classifier_forward", "relu_min_max"): (lambda X, p: _clf_forward(X, p, hidden=lambda z: np.minimum(0, z)),),
    ("train_classifier", "classifier_iterations_ignored"): tuple(
        (lambda X, Y, n_h, _n=n, **kw: _clf_train(X, Y, n_h, dict(kw, num_iterations=_n))) for n in (100, 1000)),
    ("predict_classes", "argmax_wrong_axis"): (lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=1),
                                               lambda X, p: np.argmax(_clf_forward(X, p)[0])),
    ("predict_classes", "labels_shape"): (lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=0)[None, :],
                                          lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=0)[:, None]),
    ("predict_classes", "threshold_not_argmax"): (
        lambda X, p: np.argmax(_clf_forward(X, p)[0] > 0.5, axis=0),
        lambda X, p: (_clf_forward(X, p)[0] > 0.5).astype(int),
        lambda X, p: (_clf_forward(X, p)[0] > 0.5).astype(float)),
    ("predict_classes", "max_not_argmax"): (lambda X, p: np.max(_clf_forward(X, p)[0], axis=0),),
    ("predict_classes", "argmin_not_argmax"): (lambda X, p: np.argmin(_clf_forward(X, p)[0], axis=0),),
    ("predict_classes", "one_hot_returned"): (
        lambda X, p: (_clf_forward(X, p)[0] == _clf_forward(X, p)[0].max(axis=0, keepdims=True)).astype(float),),
    ("train_classifier", "classifier_init_differs"): tuple(
        (lambda X, Y, n_h, _i=i, **kw: _clf_train(X, Y, n_h, kw, init=_i))
        for i in ("w1_small", "w1_unscaled", "w1_xavier", "w2_he", "w2_unscaled", "legacy")),
    ("train_classifier", "classifier_init_draw_order"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, init="order"),),
    ("train_classifier", "classifier_never_updates"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, step=0.0),),
    ("train_classifier", "biases_not_updated"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, frozen="b"),),
    ("train_classifier", "gradient_ascent"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, step=-1.0),),
    ("train_classifier", "classifier_costs_every_k"): tuple(
        (lambda X, Y, n_h, _k=k, **kw: _clf_train(X, Y, n_h, kw, every=_k)) for k in (10, 100, 1000)),
    ("train_classifier", "classifier_cost_after_step"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, after=True),),
    ("train_classifier", "classifier_learning_rate_ignored"): (
        lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, dict(kw, learning_rate=1.0)),),
    ("train_classifier", "classifier_seed_ignored"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, dict(kw, seed=0)),),
    ("train_classifier", "classifier_iterations_off_by_one"): tuple(
        (lambda X, Y, n_h, _d=d, **kw: _clf_train(X, Y, n_h, dict(kw, num_iterations=kw.get("num_iterations", 1000) + _d)))
        for d in (-1, 1)),
}


# compute_cost_l2's cross-entropy part, activation_forward's sigmoid and activation_backward's derivatives share
# their wrong formulas with notebook 2's and 3's functions: the same twins, lifted to the deep network's blocks.
for _mid in ("log_base", "cross_entropy_term_missing", "cross_entropy_formula"):
    TWINS[("compute_cost_l2", _mid)] = tuple(
        (lambda AL, Y, p, lambd, _f=f: _f(AL, Y) + _dn_l2(Y, p, lambd)) for f in TWINS[("compute_cost", _mid)])
TWINS[("activation_forward", "sigmoid_formula")] = tuple(
    (lambda A, W, b, act, _f=f: ((_f if act == "sigmoid" else _DN_G[act])(W @ A + b), ((A, W, b), W @ A + b)))
    for f in TWINS[("sigmoid", "sigmoid_formula")])


def _lifted_derivative(activation, of_a):
    """activation_backward with the derivative of ``activation`` written as ``of_a(g(Z))`` (a formula of notebook
    2 in terms of the activation's output), the other activations right."""
    def twin(dA, c, act):
        d = (lambda Z: of_a(_DN_G[act](Z))) if act == activation else _DN_DG[act]
        return _dn_activation_backward(dA, c, d)
    return twin


for _mid, _fn, _act in (("tanh_derivative_formula", "tanh_derivative", "tanh"), ("missing_square", "tanh_derivative", "tanh"),
                        ("sigmoid_derivative_formula", "sigmoid_derivative", "sigmoid")):
    TWINS[("activation_backward", _mid)] = TWINS.get(("activation_backward", _mid), ()) + tuple(
        _lifted_derivative(_act, f) for f in TWINS[(_fn, _mid)])
TWINS[("activation_backward", "sigmoid_formula")] = tuple(
    (lambda dA, c, act, _h=h: _dn_activation_backward(
        dA, c, (lambda Z: _h(Z) * (1 - _h(Z))) if act == "sigmoid" else _DN_DG[act]))
    for h in TWINS[("sigmoid", "sigmoid_formula")])
TWINS[("activation_backward", "kink_moved")] = tuple(
    (lambda dA, c, act, _k=k: _dn_activation_backward(dA, c, (lambda Z: (Z > _k).astype(float)) if act == "relu"
                                                      else _DN_DG[act])) for k in (1, -1))
TWINS[("activation_backward", "relu_mask_inverted")] = (
    lambda dA, c, act: _dn_activation_backward(dA, c, (lambda Z: (Z < 0).astype(float)) if act == "relu"
                                               else _DN_DG[act]),)
TWINS[("activation_forward", "kink_moved")] = tuple(
    (lambda A, W, b, act, _k=k: (((lambda Z: np.maximum(_k, Z)) if act == "relu" else _DN_G[act])(W @ A + b),
                                 ((A, W, b), W @ A + b))) for k in (1, -1))


# ---------------------------------------------------------------------------------------------------
# Explaining a failure.


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def hint(misconception: str, capital: bool = False, **fields) -> str:
    """The catalogue's sentence for ``misconception`` with ``fields`` filled in."""
    template = CATALOGUE[misconception].message
    try:
        text = string.Formatter().vformat(template, (), _Fields(fields))
    except (ValueError, TypeError):  # a format spec on a missing field
        text = template.split("(", 1)[0].strip()
    first = text.split(" ", 1)[0]
    if capital and first.isalpha() and first.islower():  # "the ..." -> "The ...", never "dZ2" -> "DZ2"
        text = text[:1].upper() + text[1:]
    return text


# Twins whose value carries rounding noise (finite differences with a tiny epsilon) match to this rtol.
TWIN_RTOL: dict[tuple[str, str], float] = {("gradient_check", "epsilon_ignored"): 1e-3}


def _run_twin(trial: Trial, twin: Callable):
    """The twin's whole output on the trial's inputs; a twin of a class goes through the check's driver."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if trial.check.driver:
            from autograder.checks.engine import run_driver

            return run_driver(trial.check.driver, {trial.check.function: twin}, trial.case.args, trial.case.kwargs)
        return twin(*copy.deepcopy(trial.case.args), **copy.deepcopy(trial.case.kwargs))


def _twin_fits(trial: Trial, twin: Callable, key, got, rtol: float = 1e-6) -> bool:
    """The twin reproduces the student's WHOLE output (every returned part, not only the checked one) and
    the checked part is wrong: a twin whose other parts differ from the student's is a different mistake
    (e.g. a right A1 rules out a wrong hidden activation, whatever A2 is)."""
    try:
        wrong = _run_twin(trial, twin)
    except Exception:
        return False
    try:
        return (_same(trial.outcome.value, wrong, rtol)
                and compare(got, select(trial.expected, key)) is not None)
    except Exception:
        return False


_NONFINITE = {"nan": -3.25e250, "posinf": 2.75e250, "neginf": -2.75e250}  # stand-ins no formula here gives


def _finite_stand_ins(value):
    """``value`` with every nan, inf and -inf replaced by a fixed stand-in (arrays inside containers too)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.nan_to_num(value, **_NONFINITE)
    if isinstance(value, float) and not np.isfinite(value):
        return float(np.nan_to_num(value, **_NONFINITE))
    if isinstance(value, dict):
        return {k: _finite_stand_ins(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_finite_stand_ins(v) for v in value)
    return value


def _nonfinite_telling(value) -> bool:
    """Does the output ``value`` hold finite numbers beside its nan and inf? A nan number, or an output of
    nothing but nan, tells no formula from another (any mistake that ends in log(-1) gives it); an output
    whose nan sit among finite entries (one array of a dict all nan, the others finite) tells by where."""
    if isinstance(value, float):
        return bool(np.isfinite(value))
    if isinstance(value, np.ndarray):
        return bool(np.isfinite(value).any()) if value.dtype.kind == "f" else value.size > 0
    if isinstance(value, dict):
        return any(_nonfinite_telling(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_nonfinite_telling(v) for v in value)
    return True


def _same(got, wrong, rtol: float) -> bool:
    """The student's whole output equals the twin's, nan and inf included: an entry that is nan (inf) in the
    student's output must be nan (inf) in the twin's, in the same place, and the rest equal; where nan fills a
    whole array or is the number returned, nothing is told apart and nothing matches."""
    if compare(got, wrong, rtol=rtol, atol=1e-9) is None:
        return True
    return (_nonfinite_telling(got) and _nonfinite_telling(wrong)
            and compare(_finite_stand_ins(got), _finite_stand_ins(wrong), rtol=rtol, atol=1e-9) is None)


def twin_gives(trial: Trial, twin: Callable, rtol: float = 1e-6) -> bool:
    """Does ``twin`` on the trial's inputs give exactly the student's whole output? (for property checks)"""
    try:
        wrong = _run_twin(trial, twin)
        return compare(trial.outcome.value, wrong, rtol=rtol, atol=1e-9) is None
    except Exception:
        return False


def _degenerate_ratio(ev: Evidence) -> bool:
    """gradient_check's number within 1e-3 of 1: ||g - a|| / (||g|| + ||a||) is about 1 whenever the approximation
    is about 0 or huge, whatever the formula behind it (near 0 the twins' values still differ, and the right-gradients
    check guards its own)."""
    if ev.trial.check.function != "gradient_check":
        return False
    try:
        value = float(np.asarray(ev.got, dtype=float).reshape(-1)[0])
    except (TypeError, ValueError, IndexError):
        return False
    return abs(value - 1) < 1e-3


def fits(misconception: str, ev: Evidence) -> bool:
    """Does ``misconception`` explain the wrong value in ``ev``? (twins first, then the signature)"""
    rtol = TWIN_RTOL.get((ev.trial.check.function, misconception), 1e-6)
    if _degenerate_ratio(ev):
        return False  # a relative difference of about 0 or 1 comes out of many formulas: no twin tells
    for twin in TWINS.get((ev.trial.check.function, misconception), ()):
        if ev.got is not None and _twin_fits(ev.trial, twin, ev.key, ev.got, rtol):
            return True
    signature = CATALOGUE[misconception].signature
    if signature is None:
        return False
    try:
        return bool(signature(ev))
    except Exception:
        return False


def explain(trial: Trial, label: str, got, expected, mismatch: Mismatch, key=None) -> Failure:
    """The feedback for a wrong value: what differs, and the first misconception that explains it."""
    function = trial.check.function
    ev = Evidence(trial, label, got, expected, key, mismatch)
    what = _output_name(label, mismatch)
    shown = "return value" if what == RETURN_VALUE else f"`{what}`"
    suffix = trial.check.name.split(".", 1)[-1]
    case = f" (check `{suffix}`)" if suffix not in ("values", what, label) else ""
    head = f"`{function}`{case} gives a wrong {shown}: {mismatch.detail}"
    for mid in ("missing_return", *trial.check.misconceptions, *GENERIC):
        if fits(mid, ev):
            fields = {"factor": _factor(ev), "offset": _offset(ev)} if mid in GENERIC else {}
            text = hint(mid, output=f"`{what}`" if what != RETURN_VALUE else "result", function=function, m=ev.m,
                        capital=True, **{k: v for k, v in fields.items() if v is not None})
            return Failure(f"{head}. {text}.", mid, head)
    return Failure(f"{head}.", None, head)


def _output_name(label: str, mismatch: Mismatch) -> str:
    names = [k for k in mismatch.keys if isinstance(k, str)]
    return names[-1] if names else label


def message_for(trial: Trial, misconception: str, label: str, **fields) -> Failure:
    """The feedback of a property check that recognised ``misconception`` directly."""
    function = trial.check.function
    text = hint(misconception, output=f"`{label}`", function=function, capital=True, **fields)
    return Failure(f"`{function}` ({label}): {text}.", misconception)


_SHAPE_ERROR = re.compile(r"shapes? .*(not aligned|mismatch)|could not be broadcast|matmul|size \d+ is different",
                          re.IGNORECASE)


_IMPORT_ERROR = re.compile(r"\b(ModuleNotFoundError|ImportError)\b")


_LAYER_KEY = re.compile(r"raised KeyError: '(d?[WbZA])(\d+)'")
_BROADCAST = re.compile(r"could not be broadcast together with shapes \((\d+),(\d+)\) \((\d+),(\d+)\)")


def _layers_in(case) -> int | None:
    """L, the number of layers the case's inputs hold: W1 .. WL (or dW1 ..) in a dict argument, or layer_dims."""
    if case is None:
        return None
    for a in case.args:
        if isinstance(a, dict):
            found = [int(k[len(p):]) for k in a for p in ("W", "dW") if k.startswith(p) and k[len(p):].isdigit()]
            if found:
                return max(found) if sorted(found) == list(range(1, max(found) + 1)) else None
    return None


def error_fields(check, err: StudentError, case=None) -> tuple[str | None, dict]:
    """The misconception behind an error raised by the student's code, and the fields of its message. Named only
    where the error and the inputs fix the cause: a failed import; a layer key one past the inputs' last layer (or
    layer 0); two arrays that are each other's transpose in an elementwise operation; a matrix product whose
    shapes do not fit, where the check looks for that."""
    if _IMPORT_ERROR.search(err.message):
        return "import_failed", {}
    if err.kind != "exception":
        return None, {}
    key = _LAYER_KEY.search(err.message)
    L = _layers_in(case)
    if key and L:
        name, l = key.group(1) + key.group(2), int(key.group(2))
        if l == 0:
            return "layer_zero", {"key": name}
        if l == L + 1:
            return "layer_past_the_end", {"key": name, "L": L}
    shapes = _BROADCAST.search(err.message)
    if shapes:
        a, b = tuple(map(int, shapes.group(1, 2))), tuple(map(int, shapes.group(3, 4)))
        if a == b[::-1] and a != b:
            return "elementwise_transposed", {"a": a, "b": b}
        if b == (a[1], 1) and a[0] != a[1] and _looks_for(check, "matrix_dimensions"):
            return "matrix_dimensions", {}  # a product whose axes came out swapped, (m, n) + b of shape (n, 1)
        return None, {}  # another broadcast: no cause the error fixes
    if _SHAPE_ERROR.search(err.message) and _looks_for(check, "matrix_dimensions"):
        return "matrix_dimensions", {}
    return None, {}


def explain_error(check, err: StudentError, case=None) -> str | None:
    """The misconception id of ``error_fields``."""
    return error_fields(check, err, case)[0]


def _looks_for(check, misconception: str) -> bool:
    """Does this check, or another check of the same function, list ``misconception``?"""
    if misconception in check.misconceptions:
        return True
    from autograder.checks import CHECKS

    return any(misconception in c.misconceptions for c in CHECKS if c.function == check.function)


# The misconceptions and twins of the exercises added last (notebook 6's layer_gradient_norms, notebook 8's
# optimisers) live in their own module, next to this table rather than inside it; they join it here, after
# everything they import from this module is defined.
from autograder import diagnose_added as _added  # noqa: E402

if hasattr(_added, "TWINS"):  # else diagnose_added is being imported first, and merges itself when done
    _added.merge_into(CATALOGUE, TWINS)
from autograder import diagnose_digits  # noqa: E402,F401  (notebook 10's catalogue: merges itself when imported)
