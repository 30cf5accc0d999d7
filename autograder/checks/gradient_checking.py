"""Checks of notebook 05_gradient_checking: dictionary_to_vector, vector_to_dictionary, gradient_check.

gradient_check runs with reference forward_propagation, compute_cost, dictionary_to_vector and
vector_to_dictionary. It must return a tiny value for right gradients, the reference's relative
difference for planted-wrong ones, honour ``epsilon`` (a large epsilon separates centered from one-sided
differences), and leave every argument as it was.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.compare import as_scalar
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import distinct_sizes, labels, shuffled, unsaturated
from autograder.reference.batches import net_forward


def _dims(rng, layers=2):
    sizes = distinct_sizes(rng, (2, 4), (5, 7), (1, 1), (8, 9), (10, 11))
    return {2: [sizes[0], sizes[1], sizes[2]], 3: [sizes[0], sizes[1], sizes[3], sizes[2]],
            4: [sizes[0], sizes[4], sizes[1], sizes[3], sizes[2]]}[layers]


def _deep_dict(rng, layers, prefix=""):
    """A 3- or 4-layer dict with its keys in a shuffled order (the layer order must come from the names)."""
    return Case((shuffled(rng, _dict(rng, _dims(rng, layers), prefix)),))


def _dict(rng, dims, prefix=""):
    out = {}
    for l in range(1, len(dims)):
        out[f"{prefix}W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        out[f"{prefix}b{l}"] = rng.normal(0, 1, (dims[l], 1))
    return out


def _vector(rng, layers=2):
    dims = _dims(rng, layers)
    P = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
    return Case((rng.normal(0, 1, (P, 1)), dims))


_MARGIN = 0.1  # |Z1| stays this far from ReLU's kink, more than a nudge of _LARGE_EPSILON moves it (0.075)
_LARGE_EPSILON = 0.05  # centered differences are off by ~1e-4 here, one-sided ones by ~1e-2


def _network(rng, wrong=False, epsilon=None, slightly=False):
    """X, Y, parameters (Z1 away from 0) and the reference gradients (planted-wrong if ``wrong``; off by
    about 1e-3 if ``slightly``: then the truncation error of a large epsilon changes the result a lot, while
    the rounding noise of a tiny one stays far below it)."""
    from autograder.reference import backward_propagation, forward_propagation

    dims = _dims(rng)
    m = int(rng.integers(9, 13))
    X = rng.uniform(-1.5, 1.5, (dims[0], m))
    p = _dict(rng, dims)
    while np.min(np.abs(p["W1"] @ X + p["b1"])) < _MARGIN:
        p["b1"] = rng.normal(0, 1, p["b1"].shape)
    p = unsaturated(X, p)
    Y = labels(rng, m)
    _, cache = forward_propagation(X, p)
    g = backward_propagation(X, Y, p, cache)
    if wrong:
        g["dW1"] = g["dW1"] * 2.0
        g["db2"] = -g["db2"]
    if slightly:
        scale = max(float(np.max(np.abs(g["dW1"]))), 1e-3)
        g["dW1"] = g["dW1"] + 1e-3 * scale * rng.choice([-1.0, 1.0], size=g["dW1"].shape)
    kwargs = {} if epsilon is None else {"epsilon": epsilon}
    return Case((X, Y, p, g), kwargs, {"m": m})


_SMALL = 1e-5  # correct gradients give about 1e-9 .. 1e-7 with epsilon = 1e-7


def _small_for_right_gradients(trial: Trial):
    value = as_scalar(trial.outcome.value)
    if value is None:
        return Failure(f"`gradient_check` (right gradients): expected a number, got "
                       f"{type(trial.outcome.value).__name__}.",
                       "missing_return" if trial.outcome.value is None else None)
    if not (np.isfinite(value) and 0 <= value < _SMALL):
        failure = Failure(f"`gradient_check` (right gradients): it returned {value:.2e} for gradients that are "
                          f"right; expected a relative difference below {_SMALL:.0e}.")
        from autograder.checks import catalogue

        # a wrong formula whose twin gives exactly this value; values near 0 or 1 come from many formulas
        degenerate = value < 1e-3 or abs(value - 1) < 1e-3
        for mid in () if degenerate else trial.check.misconceptions:
            if any(catalogue.twin_gives(trial, twin, catalogue.TWIN_RTOL.get(("gradient_check", mid), 1e-6))
                   for twin in catalogue.TWINS.get(("gradient_check", mid), ())):
                return Failure(failure.message[:-1] + ". " + catalogue.hint(mid, capital=True) + ".", mid)
        return failure
    return None


_GC = ("relative_difference_formula", "squared_norms", "difference_quotient", "epsilon_not_doubled", "vector_aliased",
       "one_sided_difference", "epsilon_ignored", "gc_layer_dims", "gc_entries_skipped")
_V2D_DEEP = ("layers_hardcoded", "flatten_order", "bias_shape", "transposed", "layer_missing", "vector_slices")
_D2V = ("vector_shape", "flatten_order", "key_order", "layers_hardcoded", "layers_skipped")
_GC_PROVIDE = ("forward_propagation", "compute_cost", "dictionary_to_vector", "vector_to_dictionary",
               "relu", "sigmoid")

CHECKS = [
    Check("dictionary_to_vector.parameters", "dictionary_to_vector", lambda rng: Case((_dict(rng, _dims(rng)),)),
          Values(), weight=1.5, misconceptions=_D2V),
    Check("dictionary_to_vector.gradients", "dictionary_to_vector",
          lambda rng: Case((_dict(rng, _dims(rng), prefix="d"),)), Values(), weight=1, misconceptions=_D2V),
    Check("dictionary_to_vector.three_layers", "dictionary_to_vector", lambda rng: _deep_dict(rng, 3), Values(),
          weight=0.5, misconceptions=_D2V),
    Check("dictionary_to_vector.four_layer_gradients", "dictionary_to_vector",
          lambda rng: _deep_dict(rng, 4, prefix="d"), Values(), weight=0.5, misconceptions=_D2V),
    Check("dictionary_to_vector.inputs_unchanged", "dictionary_to_vector", lambda rng: _deep_dict(rng, 3),
          Unchanged(), weight=0.5, misconceptions=("inputs_mutated",)),
    Check("vector_to_dictionary.values", "vector_to_dictionary", _vector, Values(exact=True), weight=2,
          misconceptions=("flatten_order", "bias_shape", "transposed", "layer_missing", "vector_slices")),
    Check("vector_to_dictionary.three_layers", "vector_to_dictionary", lambda rng: _vector(rng, layers=3), Values(exact=True),
          weight=0.5, misconceptions=_V2D_DEEP),
    Check("vector_to_dictionary.four_layers", "vector_to_dictionary", lambda rng: _vector(rng, layers=4), Values(exact=True),
          weight=0.5, misconceptions=_V2D_DEEP),
    Check("vector_to_dictionary.inputs_unchanged", "vector_to_dictionary", _vector, Unchanged(), weight=1,
          misconceptions=("inputs_mutated",)),
    Check("gradient_check.right_gradients", "gradient_check", _network, Property(_small_for_right_gradients),
          weight=2, provide=_GC_PROVIDE, misconceptions=("difference_quotient", "relative_difference_formula")),
    Check("gradient_check.wrong_gradients", "gradient_check", lambda rng: _network(rng, wrong=True),
          Values(rtol=1e-5, atol=1e-12, exact=True), weight=2, provide=_GC_PROVIDE, misconceptions=_GC),
    Check("gradient_check.epsilon", "gradient_check",
          lambda rng: _network(rng, epsilon=_LARGE_EPSILON, slightly=True),
          Values(rtol=1e-4, atol=1e-12, exact=True), weight=2, provide=_GC_PROVIDE, misconceptions=_GC),
    Check("gradient_check.parameters_unchanged", "gradient_check", _network,
          Unchanged(positions=(2,), atol=1e-10, misconception="params_not_restored"), weight=1,
          provide=_GC_PROVIDE, misconceptions=("params_not_restored",)),
    Check("gradient_check.inputs_unchanged", "gradient_check", _network,
          Unchanged(positions=(0, 1, 3), atol=1e-10), weight=1, provide=_GC_PROVIDE,
          misconceptions=("inputs_mutated",)),
]


# --- the warm-up and the bug hunt of notebook 5: numerical_derivative, bug_report, backward_corrected -----------

def drive_numerical_derivative(calls):
    """The driver of numerical_derivative (it takes a function): calls is a list of [name, x, epsilon or None];
    each name is one of the functions below, built here. -> an array of numerical_derivative(f, x[, epsilon])."""
    functions = {
        "cubic": lambda t: t ** 3 - 2.0 * t,                 # centred: 3 x**2 - 2 + epsilon**2, exactly
        "sine": lambda t: np.sin(3.0 * t) + t * t,
        "exp": lambda t: np.exp(0.5 * t),
        "fast_sine": lambda t: np.sin(1000.0 * t) / 1000.0,  # large f''': the default epsilon shows
        "abs": lambda t: np.abs(t),                          # kinks at 0: the centred difference averages the slopes
        "relu": lambda t: np.maximum(0.0, t),
    }
    values = []
    for name, x, epsilon in calls:
        f = functions[name]
        value = numerical_derivative(f, x) if epsilon is None else numerical_derivative(f, x, epsilon)
        if value is None:
            return None
        value = np.asarray(value, dtype=float)
        if value.ndim != 0:  # the notebook asks for one float
            raise TypeError(f"numerical_derivative returned an array of shape {value.shape}: return one float")
        values.append(float(value))
    return np.array(values)


DRIVERS = [drive_numerical_derivative]

# epsilons of the smooth check: large enough that a one-sided, unhalved or fixed-epsilon difference is far off
_ND_EPSILONS = (1e-3, 0.02, 0.1, 0.3, 0.5)


def _nd_smooth(rng):
    calls = [[name, float(rng.uniform(-2, 2)), float(rng.choice(_ND_EPSILONS))]
             for name in ("cubic", "sine", "exp") for _ in range(2)]
    calls.append(["sine", float(rng.uniform(-2, 2)), 1e-5])
    return Case((calls,))


def _nd_kink(rng):
    """|t| and max(0, t) at and near their kink at 0, with a nudge that crosses it: one-sided differences give
    a slope of one side only, the centred one the mean of both (0, 0.5, ...)."""
    eps = float(rng.uniform(0.05, 0.3))
    return Case(([["abs", 0.0, eps], ["relu", 0.0, eps], ["abs", 0.4 * eps, eps], ["relu", -0.5 * eps, eps]],))


def _nd_default(rng):
    """epsilon left out: on sin(1000 t) / 1000 the error of epsilon = 1e-5 is about 2e-5 of the value, so another
    default shows; one cubic too."""
    return Case(([["fast_sine", float(rng.uniform(-1, 1)), None] for _ in range(3)]
                 + [["cubic", float(rng.uniform(-2, 2)), None]],))


_ND = ("nd_sign", "nd_width", "nd_quotient", "nd_one_sided", "nd_points", "nd_epsilon_ignored")

# bug_report: the planted bug of the student's own version of backward_b (``colleague_index`` of their bug-hunt
# code, ``bug_code`` of their seed) on the notebook's small_problem() (m = 5): the wrong gradient and its factor
# (1/5 or 5)
_BUG_RTOL = 1e-3   # 0.2, 1/5, 0.19999..., a factor read off a ratio printed with 4 digits


def _truth(trial: Trial) -> dict:
    """The student's planted bug: {"gradient", "factor", "difference"} (the difference gradient_check gives for
    that version on small_problem(), a number the notebook prints and a report may give as its "factor")."""
    from autograder.reference import gradient_checking as gcr

    code = _code(trial)
    return {**gcr.bug_for(code), "difference": _DIFFERENCES[gcr.colleague_index(code)]}


def _code(trial: Trial) -> str | None:
    """The graded student's bug-hunt code (from their seed, so from the course secret); None: no student known."""
    from autograder.reference import gradient_checking as gcr

    if trial.student_id is None or trial.student_seed is None:
        return None
    return gcr.bug_code(trial.student_seed)


def _version_differences():
    """gradient_check's relative difference of each version of backward_b on small_problem()."""
    from autograder.reference import gradient_checking as gcr

    rng = np.random.default_rng(0)  # small_problem(): seed 0, n_x = 2, n_h = 4, m = 5, drawn in this order
    X, Y = rng.standard_normal((2, gcr.SMALL_PROBLEM_M)), rng.standard_normal((1, gcr.SMALL_PROBLEM_M))
    p = {"W1": rng.standard_normal((4, 2)), "b1": 0.1 * rng.standard_normal((4, 1)),
         "W2": rng.standard_normal((1, 4)), "b2": 0.1 * rng.standard_normal((1, 1))}
    Z1 = p["W1"] @ X + p["b1"]
    cache = {"Z1": Z1, "A1": np.tanh(Z1), "A2": p["W2"] @ np.tanh(Z1) + p["b2"]}
    right = gcr.dictionary_to_vector(gcr.backward_a(X, Y, p, cache))
    out = []
    for source, _, _ in gcr.COLLEAGUE_VERSIONS:
        ns = {"np": np}
        exec(source, ns)
        out.append(gcr.relative_difference(gcr.dictionary_to_vector(ns["backward_b"](X, Y, p, cache)), right))
    return tuple(out)


_DIFFERENCES = _version_differences()


def _whose(trial: Trial) -> str:
    """Which version was graded, for a message: the graded id and its bug-hunt code (the student's own code, so
    no secret of anyone else's)."""
    code = _code(trial)
    if code is None:
        return ""
    return (f" (graded against the colleague's code handed out by bug-hunt code {code}, the code of student id "
            f"{trial.student_id!r}: if your notebook printed another code, hunt the bug of this one)")


_GRADIENT_NAMES = ("dW1", "db1", "dW2", "db2")


def _normal_name(value):
    """'dW1', ' dw1 ', 'W1', 'dJ/dW1' -> 'dW1' (or None when it names no gradient of the network)."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "").lower()
    text = text.removeprefix("dj/")
    for name in _GRADIENT_NAMES:
        if text in (name.lower(), name[1:].lower()):
            return name
    return None


def _as_number(value):
    """A number, a numeric string ('0.2', '1/5'), a size-1 array or an array of equal entries -> float, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if text.count("/") == 1:
                top, bottom = text.split("/")
                return float(top) / float(bottom)
            return float(text)
        except (ValueError, ZeroDivisionError):
            return None
    if isinstance(value, np.ndarray) and value.dtype != bool and value.size and value.size <= 10_000:
        flat = value.astype(float).reshape(-1)
        return float(flat[0]) if np.allclose(flat, flat[0], rtol=_BUG_RTOL, atol=0) else None
    return as_scalar(value)


def _report(trial: Trial):
    """The student's dict, or a Failure when bug_report did not return one."""
    from autograder.checks import catalogue

    value = trial.outcome.value
    if value is None:
        return Failure("`bug_report`: " + catalogue.hint("missing_return") + ".", "missing_return")
    if not isinstance(value, dict):
        return Failure(f"`bug_report` should return a dict with the keys \"gradient\" and \"factor\"; it returned "
                       f"a {type(value).__name__}.")
    return value


def _report_gradient(trial: Trial):
    from autograder.checks import catalogue

    report = _report(trial)
    if isinstance(report, Failure):
        return report
    if "gradient" not in report:
        return Failure("`bug_report`: the dict has no key \"gradient\" (the name of backward_b's wrong gradient, "
                       "e.g. \"dW2\").")
    name = _normal_name(report["gradient"])
    if name is None:
        return Failure(f"`bug_report`: \"gradient\" is {report['gradient']!r}, which is not one of the names "
                       f"backward_b returns ({', '.join(_GRADIENT_NAMES)}).")
    if name != _truth(trial)["gradient"]:
        failure = catalogue.message_for(trial, "bug_right_gradient_named", "gradient", name=name)
        return Failure(failure.message.rstrip(".") + _whose(trial) + ".", failure.misconception, failure.head)
    return None


def _report_factor(trial: Trial):
    from autograder.checks import catalogue

    report = _report(trial)
    if isinstance(report, Failure):
        return report
    if "factor" not in report:
        return Failure("`bug_report`: the dict has no key \"factor\" (backward_b's value of the wrong gradient "
                       "divided by the right value).")
    factor = _as_number(report["factor"])
    if factor is None or not np.isfinite(factor):
        return Failure(f"`bug_report`: \"factor\" should be one number; got {report['factor']!r}.")
    truth = _truth(trial)
    if abs(factor - truth["factor"]) <= _BUG_RTOL * truth["factor"]:
        return None
    named = _normal_name(report.get("gradient"))
    if named is not None and named != truth["gradient"]:  # the factor of a right gradient: no cause to name
        return Failure(f"`bug_report`: \"factor\" is {factor:.4g}, which is not backward_b's value of its wrong "
                       "gradient divided by the right value" + _whose(trial) + ".")
    if factor != 0 and abs(1 / factor - truth["factor"]) <= _BUG_RTOL * truth["factor"]:
        return catalogue.message_for(trial, "bug_factor_inverted", "factor", got=f"{factor:.4g}")
    if abs(factor - truth["difference"]) <= 5e-3 * truth["difference"]:
        return catalogue.message_for(trial, "bug_factor_is_difference", "factor", got=f"{factor:.4g}")
    return Failure(f"`bug_report`: \"factor\" is {factor:.4g}, which is not backward_b's value of its wrong "
                   "gradient divided by the right value (the same number in every entry)" + _whose(trial) + ".")


def _regression_problem(rng, n_x, n_h, m):
    """X, Y, parameters of notebook 5's regression network and the cache of its forward pass (the reference's
    forward, so nothing of the student's but backward_corrected runs)."""
    X = rng.uniform(-1.5, 1.5, (n_x, m))
    Y = rng.normal(0, 1, (1, m))
    p = {"W1": rng.normal(0, 1, (n_h, n_x)) / np.sqrt(n_x), "b1": rng.normal(0, 0.5, (n_h, 1)),
         "W2": rng.normal(0, 1, (1, n_h)), "b2": rng.normal(0, 0.5, (1, 1))}
    A2, cache = net_forward(X, p)  # the same network as notebook 4's model; notebook 5 names its output A2
    return Case((X, Y, p, {"Z1": cache["Z1"], "A1": cache["A1"], "A2": A2}), {}, {"m": m})


def _bc_case(rng):
    return _regression_problem(rng, *distinct_sizes(rng, (2, 4), (5, 7), (9, 13)))


def _bc_one_example(rng):
    return _regression_problem(rng, *distinct_sizes(rng, (2, 4), (5, 7)), 1)


def _bc_few_examples(rng):
    """m < n_x and a single hidden unit: sums and means over the wrong axis no longer fit by chance."""
    n_x, m = distinct_sizes(rng, (5, 7), (2, 4))
    return _regression_problem(rng, n_x, 1, m)


_BC = ("bug_planted_kept", "not_averaged", "averaged_twice", "m_from_features", "a1_from_z1", "transposed", "bias_keepdims", "bias_sum_axis",
       "missing_square", "tanh_derivative_formula", "sign_flipped", "matrix_dimensions")

_HUNT_CHECKS = [
    Check("numerical_derivative.smooth", "numerical_derivative", _nd_smooth, Values(rtol=1e-7, atol=1e-9),
          weight=2, misconceptions=_ND, driver="drive_numerical_derivative"),
    Check("numerical_derivative.kink", "numerical_derivative", _nd_kink, Values(rtol=1e-7, atol=1e-9),
          weight=1, misconceptions=_ND, driver="drive_numerical_derivative"),
    Check("numerical_derivative.default_epsilon", "numerical_derivative", _nd_default, Values(rtol=1e-7, atol=1e-9),
          weight=1, misconceptions=("nd_default", *(m for m in _ND if m != "nd_epsilon_ignored")),
          driver="drive_numerical_derivative"),  # without epsilon, a fixed epsilon and a changed default look alike
    # no provide: the notebook's locked cell defines backward_b, the version of the graded student's code (the
    # grader sets AUTOGRADER_BUG_CODE in the sandbox before the cells run), so a report computed from it is theirs
    Check("bug_report.gradient", "bug_report", lambda rng: Case(()), Property(_report_gradient), weight=1,
          misconceptions=("missing_return", "bug_right_gradient_named")),
    Check("bug_report.factor", "bug_report", lambda rng: Case(()), Property(_report_factor), weight=1,
          misconceptions=("missing_return", "bug_factor_inverted", "bug_factor_is_difference")),
    *(Check(f"backward_corrected.{key}", "backward_corrected", _bc_case, Values(key=key), weight=0.5,
            misconceptions=_BC) for key in _GRADIENT_NAMES),
    Check("backward_corrected.one_example", "backward_corrected", _bc_one_example, Values(), weight=0.5,
          misconceptions=_BC),
    Check("backward_corrected.few_examples", "backward_corrected", _bc_few_examples, Values(), weight=0.5,
          misconceptions=_BC),
    Check("backward_corrected.inputs_unchanged", "backward_corrected", _bc_case, Unchanged(), weight=1,
          misconceptions=("inputs_mutated",)),
]

# course order: the warm-up comes before dictionary_to_vector, the bug hunt after gradient_check
CHECKS = [*_HUNT_CHECKS[:3], *CHECKS, *_HUNT_CHECKS[3:]]
