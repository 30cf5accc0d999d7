"""Checks of notebook 08_optimizers: one step of momentum and of Adam, graded by value against the reference.

- initialize_adam: the state of 2- and 3-layer parameter dicts (keys shuffled): t = 0, zero moments keyed like
  the gradients, of their shapes.
- momentum_step: the new parameters and the new velocity, from a random velocity (so the average is visible),
  from zeros (the first step), with other learning rates and betas, on 3 layers with shuffled keys.
- adam_step: the new parameters and the new state, at the first step (t = 0: the bias correction divides by
  1 - beta, far from 1), at a later step (t = 3 to 9, random moments), with other hyperparameters (epsilon = 1e-3,
  where epsilon's place in the formula shows), on 3 layers with shuffled keys.
Every check also runs the inputs-unchanged rule: a step returns new dicts.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.engine import Case, Check
from autograder.checks.inputs import distinct_sizes, shuffled
from autograder.checks.kinds import Unchanged, Values


def _parameters(rng, layers=2):
    dims = distinct_sizes(rng, (2, 4), (5, 7), (8, 9))[: layers] + [1]
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    return p


def _like(rng, p, scale=1.0, positive=False):
    out = {"d" + k: rng.normal(0, scale, v.shape) for k, v in p.items()}
    return {k: np.abs(v) for k, v in out.items()} if positive else out


def _init_case(rng, layers=2):
    p = _parameters(rng, layers)
    return Case((shuffled(rng, p),))


def _momentum_case(rng, layers=2, zero=False, hyper=False):
    p = _parameters(rng, layers)
    g, velocity = _like(rng, p), _like(rng, p, 0.5)
    if zero:
        velocity = {k: np.zeros_like(v) for k, v in velocity.items()}
    if layers > 2:
        p, g, velocity = shuffled(rng, p), shuffled(rng, g), shuffled(rng, velocity)
    kwargs = {"learning_rate": float(rng.uniform(0.05, 0.5)), "beta": float(rng.uniform(0.5, 0.8))} if hyper else {}
    return Case((p, g, velocity), kwargs, {"first_step": zero})


def _adam_case(rng, layers=2, first=False, hyper=False):
    p = _parameters(rng, layers)
    g = _like(rng, p)
    if first:
        g["dW1"][0, 0] = 3e-9  # a gradient near epsilon: where epsilon goes (inside the root or after) shows
        state = {"t": 0, "m": {k: np.zeros_like(v) for k, v in g.items()},
                 "v": {k: np.zeros_like(v) for k, v in g.items()}}
    else:
        state = {"t": int(rng.integers(3, 10)), "m": _like(rng, p, 0.3), "v": _like(rng, p, 0.3, positive=True)}
    if layers > 2:
        p, g = shuffled(rng, p), shuffled(rng, g)
        state = {"t": state["t"], "m": shuffled(rng, state["m"]), "v": shuffled(rng, state["v"])}
    kwargs = {}
    if hyper:
        kwargs = {"learning_rate": float(rng.uniform(0.01, 0.1)), "beta1": float(rng.uniform(0.6, 0.8)),
                  "beta2": float(rng.uniform(0.9, 0.99)), "epsilon": 1e-3}
    return Case((p, g, state), kwargs, {"first_step": first})


_INIT = ("adam_state_keys", "adam_t_starts_at_one", "adam_moments_not_zero", "adam_moment_missing", "transposed")
_MOMENTUM = ("momentum_no_dampening", "momentum_beta_swapped", "momentum_old_velocity", "momentum_plain_step",
             "gradient_ascent", "step_learning_rate_ignored", "momentum_beta_ignored", "sign_flipped")
_ADAM = ("adam_t_not_incremented", "adam_no_bias_correction", "adam_correction_multiplied", "adam_betas_swapped", "adam_gradient_not_squared",
         "adam_no_sqrt", "adam_epsilon_inside_sqrt", "gradient_ascent", "step_learning_rate_ignored",
         "adam_beta1_ignored", "adam_beta2_ignored", "adam_epsilon_ignored", "sign_flipped", "adam_step_count",
         "adam_first_moment_formula", "adam_second_moment_formula", "adam_correction_formula", "adam_update_formula")


def _parts(function, suffix, inputs, weights, misconceptions):
    return [Check(f"{function}.{label}{suffix}", function, inputs, Values(key=i, label=label), weight=w,
                  misconceptions=misconceptions) for i, (label, w) in enumerate(weights)]


CHECKS = [
    Check("initialize_adam.values", "initialize_adam", _init_case, Values(), weight=1, misconceptions=_INIT),
    Check("initialize_adam.three_layers", "initialize_adam", lambda rng: _init_case(rng, 3), Values(), weight=0.5,
          misconceptions=_INIT),
    Check("initialize_adam.inputs_unchanged", "initialize_adam", _init_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    *_parts("momentum_step", "", _momentum_case, (("parameters", 1), ("velocity", 1)), _MOMENTUM),
    *_parts("momentum_step", "@first_step", lambda rng: _momentum_case(rng, zero=True),
            (("parameters", 0.5), ("velocity", 0.25)), _MOMENTUM),
    *_parts("momentum_step", "@hyperparameters", lambda rng: _momentum_case(rng, hyper=True),
            (("parameters", 0.5), ("velocity", 0.25)), _MOMENTUM),
    Check("momentum_step.three_layers", "momentum_step", lambda rng: _momentum_case(rng, 3), Values(), weight=0.5,
          misconceptions=_MOMENTUM),
    Check("momentum_step.inputs_unchanged", "momentum_step", _momentum_case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
    *_parts("adam_step", "@first_step", lambda rng: _adam_case(rng, first=True),
            (("parameters", 1), ("state", 0.5)), _ADAM),
    *_parts("adam_step", "", _adam_case, (("parameters", 1), ("state", 0.5)), _ADAM),
    *_parts("adam_step", "@hyperparameters", lambda rng: _adam_case(rng, hyper=True),
            (("parameters", 0.5), ("state", 0.25)), _ADAM),
    Check("adam_step.three_layers", "adam_step", lambda rng: _adam_case(rng, 3), Values(), weight=0.5,
          misconceptions=_ADAM),
    Check("adam_step.inputs_unchanged", "adam_step", _adam_case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
]
