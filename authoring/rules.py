"""What grading demands, written once: the course-wide rules of every notebook's first cell, and the rules of each
exercise, stated in that exercise's text.

``build_source`` replaces ``{GRADING_RULES}`` in a notebook's text by ``grading_rules()`` and ``{RULES:<function>}`` by
``exercise_rules(<function>)``. ``CHECK_RULES`` says which rule each hidden check of ``autograder.checks`` grades;
tests/test_visible_tests.py makes sure every check has an entry and every rule is stated in its exercise's
text.
"""

from __future__ import annotations

from autograder.checks import gradient_checking as _gc_checks
from autograder.checks import network as _network_checks

# The grading model (issue "Grade the notebook the student ran"). Change the numbers here: every notebook's first
# cell is written from them.
from autograder.sandbox import Limits as _Limits

NOTEBOOK_CPU_SECONDS = f"{_Limits().load_cpu:g}"  # the grader's own defaults: one home for the numbers
CALL_SECONDS = f"{_Limits().timeout:g}"
ALLOWED_LIBRARIES = ("numpy", "math and the rest of the Python standard library",
                     "matplotlib (figures are discarded in grading)", "tqdm")
REFUSED_EXAMPLES = ("scipy", "sklearn", "torch", "pandas")
IN_PLACE_ALLOWED = ("update_parameters",)  # the only exercises that may change an argument


def grading_rules() -> str:
    """The markdown block of every notebook's first cell: how the notebook is graded."""
    allowed = ", ".join(ALLOWED_LIBRARIES[:-1]) + " and " + ALLOWED_LIBRARIES[-1]
    refused = ", ".join(f"`{name}`" for name in REFUSED_EXAMPLES)
    in_place = " and ".join(f"`{name}`" for name in IN_PLACE_ALLOWED)
    return f"""**How this notebook is graded** (the same rules hold in every notebook of the course):

* **What runs.** The grader runs your solution cells *and the code cells you add* (helpers, constants, imports,
  classes), in notebook order, as *Kernel → Restart Kernel and Run All Cells* would. It does not run the
  notebook's own demonstration and plot cells, nor the test cells, and it takes every locked cell from the
  original notebook. A cell that fails during grading costs only the points of what depends on it.
* **Libraries.** Graded code may use {allowed}.
  Printing and warnings are fine. Any other import ({refused}, ...) fails in grading, and the feedback names it.
* **Time.** Running the notebook's cells may use up to {NOTEBOOK_CPU_SECONDS} s of CPU time in total: a cell that goes
  over is reported by its number, and the cells after it still run, without it. Each call of one of your
  functions may take up to {CALL_SECONDS} s of CPU time. Keep long experiments of your own short, or guard them (for example
  behind `if RUN_EXPERIMENTS:` with `RUN_EXPERIMENTS = False` when you submit).
* **Your functions.** Keep the function names and signatures given, and return the types and shapes stated. Do
  not modify the arguments you receive (arrays, dicts) unless the exercise says so: only {in_place} may
  update its `parameters` in place (never its `gradients`). A function defined in more than one cell is graded
  as its last definition in notebook order, as after *Run All*, even one below the function's test cell.
* **Each exercise lists what it is graded on** under *Graded*; its visible test checks those rules on a small
  example, and the hidden tests check them on more cases when you submit."""


# Which rule each hidden check grades: check name -> rule key of RULES[function], or None for a check of the
# values alone (the exercise text and docstring already say what the values are).
CHECK_RULES = {
    "forward_graph.y": "returns",
    "forward_graph.cache": "returns",
    "forward_graph.scalar": "returns",
    "forward_graph.inputs_unchanged": "inputs",
    "backward_graph.dy_df": "cache",
    "backward_graph.dy_dg": "cache",
    "backward_graph.dy_dx": "cache",
    "backward_graph.inputs_unchanged": "inputs",
    "dz_dt.values": "elementwise",
    "dz_dt.scalar": "elementwise",
    "dz_dt.inputs_unchanged": "inputs",
    "Value.add_backward": "local",
    "Value.mul_backward": "local",
    "Value.tanh_backward": "local",
    "Value.accumulates": "local",
    "Value.backward_order": "names",
    "Value.backward_deep": "deep",
    "Value.random_expressions": "graphs",
    "sigmoid.values": None,
    "sigmoid.inputs_unchanged": "inputs",
    "sigmoid_derivative.values": "argument",
    "sigmoid_derivative.inputs_unchanged": "inputs",
    "tanh_derivative.values": "argument",
    "tanh_derivative.inputs_unchanged": "inputs",
    "relu.values": None,
    "relu.inputs_unchanged": "inputs",
    "relu_derivative.values": "floats",
    "relu_derivative.inputs_unchanged": "inputs",
    "leaky_relu.values": None,
    "leaky_relu.alpha": "alpha",
    "leaky_relu.inputs_unchanged": "inputs",
    "leaky_relu_derivative.values": None,
    "leaky_relu_derivative.alpha": "alpha",
    "leaky_relu_derivative.inputs_unchanged": "inputs",
    "softmax.values": "columns",
    "softmax.extreme_logits": "stable",
    "softmax.one_column": "columns",
    "softmax.inputs_unchanged": "inputs",
    "softmax_jacobian.values": "shape",
    "softmax_jacobian.column_input": "shape",
    "softmax_jacobian.inputs_unchanged": "inputs",
    "initialize_parameters.shapes": "shapes",
    "initialize_parameters.three_layers": "layers",
    "initialize_parameters.four_layers": "layers",
    "initialize_parameters.zero_biases": "zero_biases",
    "initialize_parameters.no_symmetry": "random",
    "initialize_parameters.small_weights": "scale",
    "initialize_parameters.seed": "seed",
    "initialize_parameters.inputs_unchanged": "inputs",
    "forward_propagation.A2": "returns",
    "forward_propagation.cache": "returns",
    "forward_propagation.one_example": "examples",
    "forward_propagation.few_examples": "examples",
    "forward_propagation.inputs_unchanged": "inputs",
    "compute_cost.values": "number",
    "compute_cost.one_example": "examples",
    "compute_cost.inputs_unchanged": "inputs",
    "backward_propagation.dW1": "cache",
    "backward_propagation.db1": "cache",
    "backward_propagation.dW2": "cache",
    "backward_propagation.db2": "cache",
    **{f"backward_propagation.{key}@{shape}": "examples"
       for key in ("dW1", "db1", "dW2", "db2") for shape in ("few_examples", "one_example")},
    "backward_propagation.finite_differences": "averaged",
    "backward_propagation.inputs_unchanged": "inputs",
    "update_parameters.values": "layers",
    "update_parameters.shuffled_keys": "layers",
    "update_parameters.gradients_unchanged": "gradients",
    "train.learning_rate": "arguments",
    "train.num_iterations": "arguments",
    "train.converges": "returns",
    "train.inputs_unchanged": "inputs",
    "per_example_gradients.values": "stacked",
    "per_example_gradients.one_example": "stacked",
    "per_example_gradients.inputs_unchanged": "inputs",
    "random_mini_batches.partition": "partition",
    "random_mini_batches.pairs": "pairs",
    "random_mini_batches.sizes": "sizes",
    "random_mini_batches.exact_multiple": "sizes",
    "random_mini_batches.one_batch": "sizes",
    "random_mini_batches.shuffled": "shuffled",
    "random_mini_batches.seed": "seed",
    "random_mini_batches.inputs_unchanged": "inputs",
    "mini_batch_gradient_descent.cost_count": "costs",
    "mini_batch_gradient_descent.costs": "costs",
    "mini_batch_gradient_descent.parameters": "protocol",
    "mini_batch_gradient_descent.one_batch": "protocol",
    "mini_batch_gradient_descent.inputs_unchanged": "inputs",
    "dictionary_to_vector.parameters": "order",
    "dictionary_to_vector.gradients": "order",
    "dictionary_to_vector.three_layers": "layers",
    "dictionary_to_vector.four_layer_gradients": "layers",
    "dictionary_to_vector.inputs_unchanged": "inputs",
    "vector_to_dictionary.values": "layers",
    "vector_to_dictionary.three_layers": "layers",
    "vector_to_dictionary.four_layers": "layers",
    "vector_to_dictionary.inputs_unchanged": "inputs",
    "gradient_check.right_gradients": "number",
    "gradient_check.wrong_gradients": "formula",
    "gradient_check.epsilon": "epsilon",
    "gradient_check.parameters_unchanged": "inputs",
    "gradient_check.inputs_unchanged": "inputs",
    "numerical_derivative.smooth": "centred",
    "numerical_derivative.kink": "kink",
    "numerical_derivative.default_epsilon": "default",
    "bug_report.gradient": "report",
    "bug_report.factor": "factor",
    **{f"backward_corrected.{key}": "formulas" for key in ("dW1", "db1", "dW2", "db2")},
    "backward_corrected.one_example": "sizes",
    "backward_corrected.few_examples": "sizes",
    "backward_corrected.inputs_unchanged": "inputs",
    # 06_deep_network
    **{f"linear_forward.{k}": r for k, r in (("Z", None), ("cache", "cache"), ("one_example", "examples"),
                                             ("inputs_unchanged", "inputs"))},
    **{f"linear_backward.{k}": r for k, r in (("dA_prev", "averaged"), ("dW", "averaged"), ("db", "averaged"),
                                              ("one_example", "examples"), ("inputs_unchanged", "inputs"))},
    **{f"activation_forward.{k}": r for k, r in (("relu", "activation"), ("tanh", "activation"),
                                                 ("sigmoid", "activation"), ("one_example", "examples"),
                                                 ("inputs_unchanged", "inputs"))},
    **{f"activation_backward.{part}@{act}": "cache" for part in ("dA_prev", "dW", "db")
       for act in ("relu", "tanh", "sigmoid")},
    "activation_backward.one_example": "examples",
    "activation_backward.inputs_unchanged": "inputs",
    **{f"initialize_he.{k}": r for k, r in (("shapes", "shapes"), ("one_layer", "layers"), ("four_layers", "layers"),
                                            ("zero_biases", "zero_biases"), ("no_symmetry", "scale"),
                                            ("he_scale", "scale"), ("he_scale@four_layers", "scale"),
                                            ("seed", "seed"), ("inputs_unchanged", "inputs"))},
    **{f"L_model_forward.{k}": "layers" for k in ("relu", "tanh", "sigmoid", "one_layer", "four_layers",
                                                  "one_example")},
    "L_model_forward.inputs_unchanged": "inputs",
    "compute_cost_l2.values": "penalty",
    "compute_cost_l2.two_layers": "penalty",
    "compute_cost_l2.no_penalty": "number",
    "compute_cost_l2.inputs_unchanged": "inputs",
    **{f"L_model_backward.{k}": "layers" for k in ("relu", "tanh", "sigmoid", "one_layer", "four_layers",
                                                   "one_example")},
    "L_model_backward.l2": "l2",
    "L_model_backward.l2@four_layers": "l2",
    "L_model_backward.finite_differences": "l2",
    "L_model_backward.inputs_unchanged": "inputs",
    **{f"layer_gradient_norms.{k}": "norms" for k in ("relu", "tanh", "sigmoid", "one_layer", "four_layers",
                                                      "one_example")},
    "layer_gradient_norms.saturated": "output",
    "layer_gradient_norms.inputs_unchanged": "inputs",

    # 07_softmax_classifier
    "softmax_cost.values": "number",
    "softmax_cost.one_example": "number",
    "softmax_cost.inputs_unchanged": "inputs",
    "classifier_forward.A2": "returns",
    "classifier_forward.cache": "returns",
    "classifier_forward.large_logits": "stable",
    "classifier_forward.one_example": "returns",
    "classifier_forward.inputs_unchanged": "inputs",
    **{f"classifier_backward.{k}": "cache" for k in ("dW1", "db1", "dW2", "db2")},
    "classifier_backward.one_example": "cache",
    "classifier_backward.inputs_unchanged": "inputs",
    "predict_classes.values": "labels",
    "predict_classes.integers": "labels",
    "predict_classes.inputs_unchanged": "inputs",
    "train_classifier.parameters": "protocol",
    "train_classifier.costs": "costs",
    "train_classifier.few_steps": "protocol",
    "train_classifier.start": "start",
    "train_classifier.inputs_unchanged": "inputs",

    # 08_optimizers
    "initialize_adam.values": "state",
    "initialize_adam.three_layers": "layers",
    "initialize_adam.inputs_unchanged": "inputs",
    **{f"momentum_step.{part}{case}": rule for part in ("parameters", "velocity")
       for case, rule in (("", "formula"), ("@first_step", "formula"), ("@hyperparameters", "arguments"))},
    "momentum_step.three_layers": "layers",
    "momentum_step.inputs_unchanged": "inputs",
    **{f"adam_step.{part}{case}": rule for part in ("parameters", "state")
       for case, rule in (("@first_step", "correction"), ("", "formula"), ("@hyperparameters", "arguments"))},
    "adam_step.three_layers": "layers",
    "adam_step.inputs_unchanged": "inputs",

    # 09_regularization
    "dropout_forward.A_drop": "mask", "dropout_forward.mask": "mask",
    "dropout_forward.A_drop@one_example": "mask", "dropout_forward.mask@one_example": "mask",
    "dropout_forward.A_drop@test_mode": "test",
    "dropout_forward.inputs_unchanged": "inputs",
    "dropout_backward.dA_prev": "formula", "dropout_backward.dA_prev@one_example": "formula",
    "dropout_backward.inputs_unchanged": "inputs",
    **{f"batchnorm_forward.{part}{case}": rule for part in ("out", "cache", "running")
       for case, rule in (("", "train"), ("@hyperparameters", "arguments"))},
    "batchnorm_forward.out@test_mode": "test", "batchnorm_forward.running@test_mode": "test",
    "batchnorm_forward.inputs_unchanged": "inputs",
    **{f"batchnorm_backward.{part}{case}": "formula" for part in ("dZ", "dgamma", "dbeta")
       for case in ("", "@one_unit")},
    "batchnorm_backward.finite_differences": "finite",
    "batchnorm_backward.inputs_unchanged": "inputs",
    # 10_digits
    **{f"train_validation_split.{part}": "split" for part in ("X_train", "labels_train", "X_val", "labels_val")},
    "train_validation_split.defaults": "defaults",
    "train_validation_split.inputs_unchanged": "inputs",
    "initial_loss_check.start": "returns",
    "initial_loss_check.above": "both_ways",
    "initial_loss_check.below": "both_ways",
    "initial_loss_check.tolerance": "arguments",
    "initial_loss_check.inputs_unchanged": "inputs",
    "overfit_check.learnt": "protocol",
    "overfit_check.wrong": "passed",
    "overfit_check.cost": "passed",
    "overfit_check.inputs_unchanged": "inputs",
}

def _unchanged(*names: str, what: str = "", example: str = "") -> str:
    """The rule of an inputs-unchanged check: the arguments ``names`` (or ``what``) are as they were after the call."""
    listed = what or ", ".join(f"`{n}`" for n in names[:-1]) + (" or " if len(names) > 1 else "") + f"`{names[-1]}`"
    it = "it is" if len(names) == 1 and not what else "they are"
    return (f"Do not modify {listed}: the grader checks that {it} unchanged after the call"
            + (f" ({example})." if example else "."))


# function -> rule key -> the sentence stated in the exercise (one bullet of its *Graded* list).
RULES = {
    "forward_graph": {
        "returns": 'Return `(y, cache)` with `cache` a dict of exactly the keys `"x"`, `"g"`, `"f"`, `"y"`; '
                   "`x` may be a float or an array (elementwise).",
        "inputs": _unchanged("x"),
    },
    "backward_graph": {
        "cache": "Use only the cache: the grader passes caches whose `f` and `g` cannot be recomputed from `x`, "
                 "so recomputing `f = x**2 + 1` gives wrong gradients there.",
        "inputs": _unchanged(what="`cache` or the arrays in it"),
    },
    "dz_dt": {
        "elementwise": "`t` may be a float or an array of any shape; return the same shape.",
        "inputs": _unchanged("t"),
    },
    "Value": {
        "local": "Each `_backward` adds (`+=`) its local derivative times `out.grad` to the `.grad` of each "
                 "input: the grader calls one node's `_backward()` alone, with an `out.grad` of its choice, on "
                 "inputs that may already hold a gradient or be the same node twice (`x * x`), and with plain "
                 "numbers on either side (`x + 3`, `2 * x`).",
        "names": "Keep the skeleton's names: `data`, `grad`, `_prev`, `_backward` and `Value(data, _children=(), "
                 "_op=\"\")`. The grader builds graphs with them, and grades `backward()` alone on a subclass whose "
                 "`+`, `*` and `tanh` are its own: `backward()` may use only `grad`, `_prev` and `_backward`.",
        "deep": "`backward()` works on a graph 300 nodes deep; a recursive topological sort is fine at that "
                "depth (Python's default recursion limit is 1000), an iterative one too.",
        "graphs": "The whole engine is compared with the grader's on random expressions of `+`, `*`, `tanh` and "
                  "plain numbers in which nodes are shared: the output's data and the grad of every node.",
    },
    "sigmoid": {
        "inputs": _unchanged("z", example="return a new array"),
    },
    "sigmoid_derivative": {
        "argument": "The argument is the activation `a = sigmoid(z)`, not `z`.",
        "inputs": _unchanged("a", example="return a new array"),
    },
    "tanh_derivative": {
        "argument": "The argument is the activation `a = tanh(z)`, not `z`.",
        "inputs": _unchanged("a", example="return a new array"),
    },
    "relu": {
        "inputs": "Do not modify `z`: return a new array (the grader checks that `z` is unchanged after the call).",
    },
    "relu_derivative": {
        "floats": "Return floats, `1.0` where `z > 0` and `0.0` where `z < 0` (either at exactly 0), in the "
                  "shape of `z`.",
        "inputs": _unchanged("z", example="return a new array"),
    },
    "leaky_relu": {
        "alpha": "Use the `alpha` argument: the grader also calls it with values other than 0.01.",
        "inputs": "Do not modify `z`: return a new array (the grader checks that `z` is unchanged after the call).",
    },
    "leaky_relu_derivative": {
        "alpha": "Use the `alpha` argument: the grader also calls it with values other than 0.01.",
        "inputs": _unchanged("z", example="return a new array"),
    },
    "softmax": {
        "columns": "`z` has shape `(K, m)`, one example per column, for any `m` including a single column "
                   "`(K, 1)`: each column of the result sums to 1.",
        "stable": "The result must stay finite and right for logits of 1000 and more (and -1000 and less).",
        "inputs": "Do not modify `z`: subtracting the maximum in place (`z -= ...`) changes the caller's logits "
                  "and loses points; compute a new array instead.",
    },
    "softmax_jacobian": {
        "shape": "Accept `a` as a flat `(K,)` vector and as a `(K, 1)` column; return a `(K, K)` array in both cases.",
        "inputs": _unchanged("a", example="reshape into a new variable; never assign to `a.shape`"),
    },
    "initialize_parameters": {
        "shapes": "`W<l>` has shape `(n_l, n_{l-1})` and `b<l>` has shape `(n_l, 1)`.",
        "layers": "It works for any number of layers: `layer_dims` of length 3 gives `W1, b1, W2, b2`, of length 4 "
                  "also `W3, b3`, and so on.",
        "zero_biases": "The biases must be exactly zero.",
        "random": "The weights must be random: no two rows of a `W` may be equal (so no zero or constant weights).",
        "scale": "The weights must be scaled down to the layer width: for layers with 10 or more inputs the "
                 "grader requires the root mean square of every `W<l>` to be below "
                 f"{_network_checks._MAX_WEIGHT_RMS}. He initialisation gives "
                 "about $\\sqrt{2/10} \\approx 0.45$ or less there; unscaled `standard_normal` weights (about 1) are "
                 "too large.",
        "seed": "The same `seed` gives the same parameters and another `seed` different weights: draw every "
                "random number from a generator seeded with the `seed` argument.",
        "inputs": _unchanged("layer_dims"),
    },
    "forward_propagation": {
        "returns": 'Return `(A2, cache)` with `cache` holding `"Z1"`, `"A1"`, `"Z2"` and `"A2"`.',
        "examples": "It works for any number of examples `m`, including one, and for any layer sizes (fewer "
                    "examples than features, a single hidden unit).",
        "inputs": _unchanged("X", "parameters"),
    },
    "compute_cost": {
        "number": "Return the mean as one number: a Python `float` (a NumPy scalar or a `(1, 1)` array is "
                  "accepted too), not one loss per example.",
        "examples": "It works for any number of examples, including one.",
        "inputs": _unchanged("A2", "Y", example="clip into a new array, not with `out=A2`"),
    },
    "backward_propagation": {
        "cache": "Take `Z1`, `A1` and `A2` from `cache` and do not recompute them: the grader also passes caches "
                 "that another forward pass made, whose `A1` and `A2` you cannot recompute from `X` or `Z1`, `Z2`.",
        "averaged": "The gradients are those of the mean cost `J`: each is averaged over the `m` examples and has "
                    "the shape of its parameter (the grader compares them with finite differences of the cost).",
        "examples": "It works for any number of examples `m`, including one and fewer examples than features, and "
                    "for a single hidden unit: `m` is the number of columns of `X`, whichever dimension is larger.",
        "inputs": "Do not modify `X`, `Y`, `parameters` or `cache` (for instance `dZ2 = cache['A2']` followed by "
                  "`dZ2 -= Y` changes the caller's cache).",
    },
    "update_parameters": {
        "layers": "It works for any number of layers (`W1, b1, ..., WL, bL`) whatever the order of the keys, uses "
                  "`learning_rate`, and returns the updated parameters; updating the dict in place and returning "
                  "it is fine.",
        "gradients": "Do not modify `gradients`: only `parameters` may be updated in place (the grader checks that "
                     "`gradients` is unchanged after the call).",
    },
    "train": {
        "returns": "Return the trained parameters dict `W1, b1, W2, b2` with their shapes: the grader trains on an "
                   f"XOR problem with `learning_rate={_network_checks._TRAIN_RATE}` and "
                   f"`num_iterations={_network_checks._TRAIN_ITERATIONS}` and expects the final cost below "
                   f"{_network_checks._TRAIN_THRESHOLD}.",
        "arguments": "Use `learning_rate` and `num_iterations` as given: exactly `num_iterations` steps of gradient "
                     "descent, each of size `learning_rate`. The grader compares one and three iterations at two "
                     "learning rates with its own steps from the start your `train` takes. (It gives your `train` "
                     "correct versions of the functions it calls, so only `train` is graded here.)",
        "inputs": _unchanged("X", "Y", "layer_dims"),
    },
    "per_example_gradients": {
        "stacked": "Return a dict with the keys of `net_backward`; each value stacks the `m` per-example gradients "
                   "along a new first axis (entry `[i]` is the gradient of example `i` alone), also when `m` is 1.",
        "inputs": _unchanged("X", "Y", "params"),
    },
    "random_mini_batches": {
        "partition": "Every column of `X` appears in exactly one batch: none dropped, none repeated.",
        "pairs": "Each column of `Y` stays with its column of `X` (shuffle both with the same permutation).",
        "sizes": "Every batch has `mini_batch_size` columns except a smaller last one when `m` is not a multiple "
                 "(and no empty batch when it is); when `m` is smaller than `mini_batch_size` there is one batch "
                 "of all `m` columns.",
        "shuffled": "The columns are shuffled, not in their original order.",
        "seed": "The same `seed` gives the same batches and another `seed` another order: draw the permutation "
                "from a generator seeded with the `seed` argument.",
        "inputs": "Do not modify `X` or `Y` (no in-place shuffle of the caller's arrays).",
    },
    "mini_batch_gradient_descent": {
        "protocol": "Follow the stated protocol: epoch `e` cuts `random_mini_batches(X, Y, mini_batch_size, seed + e)`, "
                    "and each batch in turn gives one step of every parameter with `learning_rate`; the grader "
                    "compares the parameters after training with its own (its `random_mini_batches`, `net_forward`, "
                    "`net_cost` and `net_backward` replace yours in grading, so only this function counts).",
        "costs": "Return `costs` as a list with one float per step, the cost of the step's batch before its update: "
                 "`num_epochs` times the number of batches in all.",
        "inputs": _unchanged("X", "Y", "params", example="work on a copy of `params`"),
    },
    "dictionary_to_vector": {
        "order": "The order is `W1, b1, W2, b2, ...` (or `dW1, db1, ...`) whatever the order of the keys, each "
                 "array flattened row by row, as one `(P, 1)` column.",
        "layers": "It works for any number of layers: a dict with `W3, b3` (or `dW3, db3`) and more continues the "
                  "column with them, layer by layer.",
        "inputs": _unchanged(what="`d` or the arrays in it", example="never assign to an array's `.shape`"),
    },
    "vector_to_dictionary": {
        "layers": "It works for any number of layers given by `layer_dims` (for example `[3, 5, 4, 1]` gives "
                  "`W1, b1, W2, b2, W3, b3`).",
        "inputs": _unchanged("theta", "layer_dims"),
    },
    "gradient_check": {
        "number": f"Return one number (a float); for right gradients it must be below {_gc_checks._SMALL:.0e}.".replace("e-0", "e-"),
        "formula": "Return exactly the relative difference $\\|g - g^{\\text{approx}}\\|_2 / (\\|g\\|_2 + "
                   "\\|g^{\\text{approx}}\\|_2)$.",
        "epsilon": "Use the `epsilon` argument and centred differences: the grader also calls it with "
                   f"`epsilon={_gc_checks._LARGE_EPSILON}`, where one-sided differences give a visibly different "
                   "result.",
        "inputs": "Leave `parameters` (and every other argument) exactly as it was, even if you nudge a copy.",
    },
    "numerical_derivative": {
        "centred": "Return one float, the centred difference $(f(x + \\varepsilon) - f(x - \\varepsilon)) / "
                   "(2\\varepsilon)$ with the `epsilon` given: the grader calls it on smooth functions with "
                   "epsilons from 1e-5 to 0.5, where one-sided differences, a wrong divisor or a fixed epsilon "
                   "give visibly different values.",
        "kink": "At a kink it returns the mean of the two one-sided slopes, as the centred difference does: "
                "the grader calls it on `abs` and `max(0, t)` at and near 0.",
        "default": "Keep the signature's default `epsilon=1e-5`: the grader also calls it without `epsilon`.",
    },
    "bug_report": {
        "report": 'Return a dict whose `"gradient"` is the name of the gradient that `backward_b` gets wrong, as '
                  '`backward_b` returns it (`"dW1"`, `"db1"`, `"dW2"` or `"db2"`; the grader, like the visible '
                  'test, also accepts the name in another case, with spaces, without the `d` or as `"dJ/dW1"`).',
        "factor": 'Its `"factor"` is one number: `backward_b`\'s value of that gradient divided by the right '
                  "value (wrong / right, the same in every entry) on `small_problem()`, for your version of "
                  "`backward_b` (the grader draws it from the bug-hunt code of the id you are graded under, as the "
                  "locked cell does from `BUG_CODE`). Write the answer itself "
                  "in the function (literal values, or code that calls the notebook's functions and yours): in "
                  "grading only the locked cells, your solution cells and the cells you added run, so variables "
                  "made by the notebook's demonstration cells (`grads_b`, ...) do not exist there.",
    },
    "backward_corrected": {
        "formulas": "Return `{\"dW1\", \"db1\", \"dW2\", \"db2\"}`, each the shape of its parameter and "
                    "averaged once over the `m = X.shape[1]` examples, using the `cache` passed in. No correct "
                    "backward pass exists in the notebook or in grading: write the formulas here (or correct what "
                    "`backward_b`, whose locked cell runs in grading too, returns), right for any sizes.",
        "sizes": "It works for any sizes, including a single example (`m = 1`), one hidden unit and fewer "
                 "examples than features.",
        "inputs": _unchanged("X", "Y", "parameters", "cache"),
    },
    # 06_deep_network
    "linear_forward": {
        "cache": "Return `(Z, cache)` with `cache` the tuple `(A_prev, W, b)`, in that order.",
        "examples": "It works for any sizes, including a single example (`m = 1`).",
        "inputs": _unchanged("A_prev", "W", "b"),
    },
    "linear_backward": {
        "averaged": "`dW` and `db` are averaged over the `m = A_prev.shape[1]` examples (the 1/m is here), "
                    "`dA_prev = W.T @ dZ` is not; `db` is a column `(n_l, 1)` and each gradient has the shape of "
                    "what it belongs to.",
        "examples": "It works for any sizes, including a single example (`m = 1`).",
        "inputs": _unchanged("dZ", "cache"),
    },
    "activation_forward": {
        "activation": "`activation` is `\"relu\"`, `\"tanh\"` or `\"sigmoid\"`; return `(A, cache)` with `cache` "
                      "the tuple `(linear_cache, Z)`.",
        "examples": "It works for any sizes, including a single example (`m = 1`).",
        "inputs": _unchanged("A_prev", "W", "b"),
    },
    "activation_backward": {
        "cache": "Take `Z` from the cache and do not recompute it: the grader passes caches whose `Z` is not "
                 "`W @ A_prev + b`. Return `(dA_prev, dW, db)` for each of the three activations.",
        "examples": "It works for any sizes, including a single example (`m = 1`).",
        "inputs": _unchanged("dA", "cache", example="`dZ = dA * ...` makes a new array; `dA[Z <= 0] = 0` does not"),
    },
    "initialize_he": {
        "shapes": "`W<l>` has shape `(n_l, n_{l-1})` and `b<l>` shape `(n_l, 1)`.",
        "layers": "It works for any number of layers, one included.",
        "zero_biases": "The biases are exactly zero.",
        "scale": "Each `W<l>` is random with mean 0 and standard deviation $\\sqrt{2 / n_{l-1}}$: the grader "
                 "measures the root mean square of each layer's weights (layers of 1000 entries or more) and "
                 "accepts it within six standard deviations of the sampling error (about 10%) of He's value.",
        "seed": "The same `seed` gives the same parameters and another `seed` other weights.",
        "inputs": _unchanged("layer_dims"),
    },
    "L_model_forward": {
        "layers": "`L = len(parameters) // 2` layers, any `L >= 1`, keys in any order: layers 1 .. L-1 use "
                  "`hidden_activation`, layer L sigmoid; `caches` holds the L caches of `activation_forward`, "
                  "layer 1 first. It works for a single example too.",
        "inputs": _unchanged("X", "parameters"),
    },
    "compute_cost_l2": {
        "penalty": "The penalty is $\\frac{\\lambda}{2m} \\sum_l \\|W^{[l]}\\|_F^2$ over every layer's weights "
                   "(not the biases), for any number of layers.",
        "number": "Return one number; with `lambd = 0` it is the plain cross-entropy.",
        "inputs": _unchanged("AL", "Y", "parameters"),
    },
    "L_model_backward": {
        "layers": "Return a dict with `dW<l>`, `db<l>` for l = 1 .. L (`dA<l>` may be there too) for any "
                  "`L >= 1`, any hidden activation and a single example.",
        "l2": "With `lambd > 0`, `dW<l>` gains `(lambd / m) * W<l>` (biases get nothing); `W<l>` is in "
              "`parameters` and in the caches, the same array.",
        "inputs": _unchanged("AL", "Y", "caches"),
    },
    "layer_gradient_norms": {
        "norms": "Return a 1-D array of `L` floats (a list is accepted), entry `l - 1` the Frobenius norm "
                 "`np.linalg.norm(dW<l>)` of layer `l`'s weight gradient, layer 1 first, for any `L >= 1`, any "
                 "hidden activation, a single example, and parameter dicts with their keys in any order. (The "
                 "grader gives this function reference versions of the blocks and of `L_model_forward` and "
                 "`L_model_backward`, so only this function is graded here.)",
        "output": "Start the backward pass from $dZ^{[L]} = A^{[L]} - Y$ (for example `linear_backward(AL - Y, "
                  "caches[L - 1][0])`): the grader also "
                  "uses weights so large that the sigmoid returns exactly 1.0 for some examples, where "
                  "$dA^{[L]} = -(Y/A^{[L]} - (1-Y)/(1-A^{[L]}))$ divides by zero and every norm must still be "
                  "finite. Calling `L_model_backward` is fine: the version the grader gives starts from "
                  "$A^{[L]} - Y$; in your notebook your own must do the same, or the visible test shows nan.",
        "inputs": _unchanged("X", "Y", "parameters"),
    },

    # 07_softmax_classifier
    "softmax_cost": {
        "number": "Return one number: the mean over the `m = Y.shape[1]` examples of the cross-entropy "
                  "$-\\sum_k Y_{k} \\log A_{k}$ (summed over the classes, averaged over the examples). The grader "
                  "passes one-hot `Y` only, so taking $-\\log$ of each column's true-class probability is as right "
                  "as the sum.",
        "inputs": _unchanged("A", "Y"),
    },
    "classifier_forward": {
        "returns": "Return `(A2, cache)` with `cache` a dict of `Z1`, `A1`, `Z2`, `A2` (the logits `Z2` as "
                   "computed, not shifted); parameter dicts may list their keys in any order; `m = 1` works too.",
        "stable": "The softmax stays finite for logits of 1000 and more: subtract each column's maximum before "
                  "`np.exp`.",
        "inputs": _unchanged("X", "parameters"),
    },
    "classifier_backward": {
        "cache": "Use `A1`, `A2` and the ReLU mask from the cache (`Z1 > 0` or `A1 > 0`: the grader's caches "
                 "have `A1` with `Z1`'s signs, so both masks are right, but they cannot be recomputed from `X`); "
                 "return a dict of `dW1`, `db1`, `dW2`, `db2`, averaged over the m examples, each of its "
                 "parameter's shape.",
        "inputs": _unchanged("X", "Y", "parameters", "cache"),
    },
    "predict_classes": {
        "labels": "Return a 1-D integer array of shape `(m,)`: the row index of the largest probability of each "
                  "column (`np.argmax` over axis 0; it picks the first of equal maxima, and the graded inputs have "
                  "no ties).",
        "inputs": _unchanged("X", "parameters"),
    },
    "train_classifier": {
        "start": "Start exactly as stated: `rng = np.random.default_rng(seed)`, `W1 = rng.standard_normal((n_h, "
                 "n_x)) * np.sqrt(2 / n_x)`, then `W2 = rng.standard_normal((C, n_h)) * 0.01`, zero biases "
                 "`(n_h, 1)` and `(C, 1)`.",
        "protocol": "Each of the `num_iterations` iterations takes one full-batch step `p - learning_rate * dp` "
                    "of every parameter; return `(parameters, costs)`.",
        "costs": "`costs` holds one float per iteration, the cost before that iteration's step "
                 "(`len(costs) == num_iterations`); a list or a 1-D array.",
        "inputs": _unchanged("X", "Y"),
    },

    # 08_optimizers
    "initialize_adam": {
        "state": 'Return `{"t": 0, "m": ..., "v": ...}` where `m` and `v` are dicts keyed like the gradients '
                 '(`"dW1"`, `"db1"`, ...), each an array of zeros of its parameter\'s shape.',
        "layers": "It works for any number of layers and any order of the keys of `parameters`.",
        "inputs": _unchanged("parameters"),
    },
    "momentum_step": {
        "formula": "Return `(new_parameters, new_velocity)`: for every parameter `p` with gradient `g`, first "
                   "`v = beta * velocity[\"d...\"] + (1 - beta) * g`, then `p - learning_rate * v` with that new "
                   "`v`; the grader compares both dicts with its own, from a velocity of zeros (the first step) and "
                   "from any velocity.",
        "arguments": "Use the `learning_rate` and `beta` arguments: the grader also calls it with other values.",
        "layers": "It works for any number of layers and any order of the keys of the three dicts.",
        "inputs": _unchanged("parameters", "grads", "velocity", example="return new dicts"),
    },
    "adam_step": {
        "formula": 'Return `(new_parameters, new_state)`: `t = state["t"] + 1`, the moments '
                   "`m = beta1 * m + (1 - beta1) * g` and `v = beta2 * v + (1 - beta2) * g**2`, then "
                   "`p - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)`; the new state holds that `t` and the "
                   "new `m` and `v` (not the corrected ones).",
        "correction": "Correct both moments for their start at zero, `m_hat = m / (1 - beta1**t)` and "
                      "`v_hat = v / (1 - beta2**t)` with the new `t`: the grader checks the very first step "
                      "(`t` becomes 1), where the correction divides `m` by `1 - beta1`.",
        "arguments": "Use `learning_rate`, `beta1`, `beta2` and `epsilon` as given: the grader also calls it with "
                     "`epsilon=1e-3`, where `np.sqrt(v_hat + epsilon)` and `np.sqrt(v_hat) + epsilon` differ.",
        "layers": "It works for any number of layers and any order of the keys of the dicts.",
        "inputs": _unchanged("parameters", "grads", "state", example="return new dicts; copy before updating in place"),
    },

    # 09_regularization
    "dropout_forward": {
        "mask": "Return `(A_drop, mask)`: `mask = np.random.default_rng(seed).random(A.shape) < keep_prob` (the "
                "grader draws the same mask, so use exactly this generator and the `seed` argument; as floats "
                "or booleans), and `A_drop = A * mask / keep_prob`; any shape, one example too.",
        "test": "With `train=False` return `A` unchanged as `A_drop` (the mask is not graded there; `None` is "
                "fine).",
        "inputs": _unchanged("A"),
    },
    "dropout_backward": {
        "formula": "Return `dA * mask / keep_prob`, an array of the shape of `dA`, one example too.",
        "inputs": _unchanged("dA", "mask"),
    },
    "batchnorm_forward": {
        "train": "Return `(out, cache, new_running)`: with `mu` and `var` the mean and the variance of each row "
                 "of `Z` over the examples (`np.var`, divided by m), `std = np.sqrt(var + epsilon)`, "
                 "`Z_hat = (Z - mu) / std`, `out = gamma * Z_hat + beta`, `cache = (Z_hat, gamma, std)` in that "
                 "order, and `new_running` a new dict `{\"mean\": momentum * running[\"mean\"] + (1 - momentum) * mu, "
                 "\"var\": momentum * running[\"var\"] + (1 - momentum) * var}`.",
        "arguments": "Use the `momentum` and `epsilon` arguments: the grader also calls it with other values "
                     "(`epsilon=0.3`, where `np.sqrt(var + epsilon)` and `np.sqrt(var) + epsilon` differ).",
        "test": "With `train=False` normalise with `running[\"mean\"]` and `running[\"var\"]` instead of the batch's "
                "statistics and return them unchanged as `new_running` (the cache is not graded there).",
        "inputs": _unchanged("Z", "gamma", "beta", "running"),
    },
    "batchnorm_backward": {
        "formula": "Return `(dZ, dgamma, dbeta)`: `dbeta` and `dgamma` the means over the examples of `dout` and "
                   "of `dout * Z_hat`, each `(n, 1)`, and `dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)`, "
                   "`(n, m)`; the grader's cache comes from its own `batchnorm_forward`, one unit (n = 1) too.",
        "finite": "The grader also compares all three with centered differences of `batchnorm_forward`, as the "
                  "gradient check below does.",
        "inputs": _unchanged("dout", "cache"),
    },

    # 10_digits
    "train_validation_split": {
        "split": "Return `(X_train, labels_train, X_val, labels_val)` in that order: with `order = "
                 "np.random.default_rng(seed).permutation(m)` and `n_val = int(round(validation_fraction * m))`, the "
                 "validation set is the columns `order[:n_val]` and the training set `order[n_val:]`, each in that "
                 "order, every label with its own column; the grader compares the four arrays with its own, for "
                 "other fractions, seeds and sizes (where rounding and truncating differ).",
        "defaults": "The defaults are `validation_fraction=0.2` and `seed=0`: the grader also calls it with `X` and "
                    "`labels` alone.",
        "inputs": _unchanged("X", "labels", example="index them; do not shuffle them in place"),
    },
    "initial_loss_check": {
        "returns": "Return `(cost, log_C, passed)`: the cost of `parameters` on `(X, Y)` from your "
                   "`classifier_forward` and `softmax_cost` (in grading, notebook 7's reference versions), the natural "
                   "log of C = `Y.shape[0]` (the grader uses 3 to 8 classes, never 10), and `passed` a bool.",
        "both_ways": "`passed` is `abs(cost - log_C) < tolerance`: a cost far below log C fails as one far above it "
                     "does (the grader tries both).",
        "arguments": "Use the `tolerance` argument: the grader also calls it with another tolerance.",
        "inputs": _unchanged("X", "Y", "parameters"),
    },
    "overfit_check": {
        "protocol": "Train with `train_classifier(X[:, :n_examples], Y[:, :n_examples], n_h, learning_rate, "
                    "num_iterations, seed)` and return `(final_cost, accuracy, passed)` measured on those first "
                    "`n_examples` examples: the cost of the trained parameters (not `costs[-1]`, which comes before the "
                    "last step) and the fraction predicted right, a float in [0, 1]. In grading, notebook 7's "
                    "reference versions of `train_classifier`, `classifier_forward`, `softmax_cost` and "
                    "`predict_classes` replace yours, and every argument takes other values.",
        "passed": "`passed` is `True` only when the final cost is below `tolerance` **and** the accuracy is 1: the "
                  "grader checks a run stopped early whose cost is below the tolerance while an example is still "
                  "wrong, and a run with every example right but a cost above the tolerance.",
        "inputs": _unchanged("X", "Y"),
    },
}


def exercise_rules(function: str) -> str:
    """The *Graded* list of one exercise, in markdown."""
    lines = [f"**Graded** (`{function}`):", ""] + [f"* {sentence}" for sentence in RULES[function].values()]
    return "\n".join(lines)
