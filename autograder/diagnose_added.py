"""Misconceptions and twins of the exercises added last: notebook 6's ``layer_gradient_norms`` and notebook 8's
optimisers (``momentum_step``, ``initialize_adam``, ``adam_step``).

They work as those of ``autograder.diagnose`` (which merges ``MISCONCEPTIONS`` into its ``CATALOGUE`` and
``TWINS`` into its ``TWINS``): a twin is a wrong formula evaluated on the same hidden inputs, a signature an exact
relation. Kept apart so that a topic's catalogue can move next to its checks without touching the big table.
"""

from __future__ import annotations

import numpy as np

from autograder import diagnose as _diagnose
from autograder.diagnose import (
    _DN_DG,
    _DN_G,
    Misconception,
    _dn_activation_backward,
    _dn_forward,
    _dn_linear_backward,
    _missing_key,
    _nonfinite,
)

MISCONCEPTIONS = [
    # notebook 6's layer_gradient_norms
    Misconception("norms_output_saturates", "your {output} has nan or inf where the sigmoid output is exactly 0 or "
                  "1: start the backward pass from dZ<L> = AL - Y (linear_backward for layer L), not from "
                  "dAL = -(Y / AL - (1 - Y) / (1 - AL)), which divides by zero there",
                  lambda ev: _nonfinite(ev) and bool(ev.trial.case.context.get("saturated"))),
    Misconception("norms_reversed", "your {output} lists the layers from the last to the first: entry l - 1 is "
                  "||dW<l>||, layer 1 (next to the input) first"),
    Misconception("norms_of_db", "your {output} holds the norms of the bias gradients db<l>: measure the weight "
                  "gradients dW<l>"),
    Misconception("norms_squared", "your {output} holds squared norms: the Frobenius norm is the square root of "
                  "the sum of squares (np.linalg.norm(dW))"),
    Misconception("norms_output_layer_missing", "your {output} leaves out the output layer L: return L norms, "
                  "one for every W<l>, l = 1 .. L"),
    # the optimisers (notebook 8)
    Misconception("adam_state_keys", "the moments are keyed like the gradients (\"dW1\", \"db1\", ...), not like "
                  "the parameters: m and v hold one array per gradient"),
    Misconception("adam_t_starts_at_one", "the state starts with t = 0, no step taken yet: adam_step adds 1 before "
                  "the bias correction"),
    Misconception("adam_moments_not_zero", "both moments start at zero, np.zeros_like of each parameter"),
    Misconception("adam_moment_missing", "m and v hold one array for every gradient, the biases' db<l> too: "
                  "{output} is missing", _missing_key),
    Misconception("momentum_no_dampening", "the velocity is the weighted average beta * v + (1 - beta) * g: "
                  "yours adds the whole gradient, without the factor (1 - beta)"),
    Misconception("momentum_beta_swapped", "the velocity is beta * v + (1 - beta) * g: beta weighs the old "
                  "velocity, (1 - beta) the new gradient; yours has them the other way round"),
    Misconception("momentum_old_velocity", "the parameters move along the new velocity, computed first: "
                  "p - learning_rate * v_new, not the velocity passed in"),
    Misconception("momentum_plain_step", "the parameters move along the velocity, not the gradient: "
                  "p - learning_rate * v_new"),
    Misconception("adam_t_not_incremented", "the bias correction uses the new step count t = state[\"t\"] + 1 "
                  "(1 - beta ** t), and the state returned holds that t"),
    Misconception("adam_no_bias_correction", "divide the moments by (1 - beta1 ** t) and (1 - beta2 ** t) before "
                  "the step: without it the first steps are far too small"),
    Misconception("adam_betas_swapped", "beta1 averages the gradient (m) and beta2 its square (v): yours has them "
                  "the other way round"),
    Misconception("adam_gradient_not_squared", "the second moment averages the squared gradient, g ** 2, not g"),
    Misconception("adam_no_sqrt", "the step divides by the square root of v_hat: m_hat / (np.sqrt(v_hat) + "
                  "epsilon)"),
    Misconception("adam_epsilon_inside_sqrt", "epsilon is added after the square root: m_hat / (np.sqrt(v_hat) + "
                  "epsilon), not np.sqrt(v_hat + epsilon)"),
    Misconception("step_learning_rate_ignored", "use the learning_rate argument: the step has a fixed size whatever "
                  "learning_rate says"),
    Misconception("momentum_beta_ignored", "use the beta argument: the velocity is averaged with a fixed beta"),
    Misconception("adam_beta1_ignored", "use the beta1 argument, for m and its correction 1 - beta1 ** t"),
    Misconception("adam_beta2_ignored", "use the beta2 argument, for v and its correction 1 - beta2 ** t"),
    Misconception("adam_epsilon_ignored", "use the epsilon argument in the denominator np.sqrt(v_hat) + epsilon"),
]


def _dn_norms(X, Y, p, hidden_activation="relu", *, fixed_hidden=None, output_derivative=False, part="dW",
              squared=False, reverse=False, drop_last=False):
    """layer_gradient_norms with one slip: a fixed hidden activation, the sigmoid's derivative applied to AL - Y
    again, the norms of db, squared norms, the list reversed or without the output layer."""
    hidden = fixed_hidden or hidden_activation
    AL, caches = _dn_forward(X, p, hidden)
    dZ = AL - Y
    if output_derivative:
        dZ = dZ * AL * (1 - AL)
    norms = []
    dA, dW, db = _dn_linear_backward(dZ, caches[-1][0])
    norms.append(dW if part == "dW" else db)
    for l in range(len(caches) - 1, 0, -1):
        dA, dW, db = _dn_activation_backward(dA, caches[l - 1], _DN_DG[hidden])
        norms.append(dW if part == "dW" else db)
    out = np.array([np.linalg.norm(g) ** (2 if squared else 1) for g in norms[::-1]])
    if drop_last:
        out = out[:-1]
    return out[::-1] if reverse else out


def _opt_momentum(p, g, vel, learning_rate=0.01, beta=0.9, *, slip=None):
    """momentum_step with one slip: "undamped" (beta v + g), "swapped" ((1 - beta) v + beta g), "old" (the step
    along the velocity passed in), "plain" (the step along the gradient), "uphill" (p + learning_rate v), "lr" or
    "beta" (the argument ignored: its default instead)."""
    learning_rate = 0.01 if slip == "lr" else learning_rate
    beta = 0.9 if slip == "beta" else beta
    new_p, new_v = {}, {}
    for name, value in p.items():
        d = "d" + name
        if slip == "undamped":
            new_v[d] = beta * vel[d] + g[d]
        elif slip == "swapped":
            new_v[d] = (1 - beta) * vel[d] + beta * g[d]
        else:
            new_v[d] = beta * vel[d] + (1 - beta) * g[d]
        direction = {"old": vel[d], "plain": g[d]}.get(slip, new_v[d])
        new_p[name] = value + (1 if slip == "uphill" else -1) * learning_rate * direction
    return new_p, new_v


def _opt_adam(p, g, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, *, slip=None):
    """adam_step with one slip: "t" (t not incremented), "uncorrected", "betas", "unsquared", "nosqrt",
    "epsinside", "uphill", or an argument ignored ("lr", "beta1", "beta2", "epsilon": its default instead)."""
    learning_rate = 0.001 if slip == "lr" else learning_rate
    beta1 = 0.9 if slip == "beta1" else beta1
    beta2 = 0.999 if slip == "beta2" else beta2
    epsilon = 1e-8 if slip == "epsilon" else epsilon
    t = state["t"] + (0 if slip == "t" else 1)
    b1, b2 = (beta2, beta1) if slip == "betas" else (beta1, beta2)
    m, v, new_p = {}, {}, {}
    with np.errstate(all="ignore"):
        for name, value in p.items():
            d = "d" + name
            m[d] = b1 * state["m"][d] + (1 - b1) * g[d]
            v[d] = b2 * state["v"][d] + (1 - b2) * (g[d] if slip == "unsquared" else g[d] ** 2)
            m_hat, v_hat = (m[d], v[d]) if slip == "uncorrected" else (m[d] / (1 - b1**t), v[d] / (1 - b2**t))
            if slip == "nosqrt":
                denominator = v_hat + epsilon
            elif slip == "epsinside":
                denominator = np.sqrt(v_hat + epsilon)
            else:
                denominator = np.sqrt(v_hat) + epsilon
            new_p[name] = value + (1 if slip == "uphill" else -1) * learning_rate * m_hat / denominator
    return new_p, {"t": t, "m": m, "v": v}


def _opt_init(p, *, keys="d", t=0, fill=0.0):
    prefix = "d" if keys == "d" else ""
    return {"t": t, "m": {prefix + k: np.full(v.shape, fill) for k, v in p.items()},
            "v": {prefix + k: np.full(v.shape, fill) for k, v in p.items()}}


TWINS = {
    ("initialize_adam", "adam_state_keys"): (lambda p: _opt_init(p, keys=""),),
    ("initialize_adam", "adam_t_starts_at_one"): (lambda p: _opt_init(p, t=1),),
    ("initialize_adam", "adam_moments_not_zero"): (lambda p: _opt_init(p, fill=1.0),),
    **{("momentum_step", mid): ((lambda *a, _s=slip, **k: _opt_momentum(*a, **k, slip=_s)),)
       for mid, slip in (("momentum_no_dampening", "undamped"), ("momentum_beta_swapped", "swapped"),
                         ("momentum_old_velocity", "old"), ("momentum_plain_step", "plain"),
                         ("gradient_ascent", "uphill"), ("step_learning_rate_ignored", "lr"),
                         ("momentum_beta_ignored", "beta"))},
    **{("adam_step", mid): ((lambda *a, _s=slip, **k: _opt_adam(*a, **k, slip=_s)),)
       for mid, slip in (("adam_t_not_incremented", "t"), ("adam_no_bias_correction", "uncorrected"),
                         ("adam_betas_swapped", "betas"), ("adam_gradient_not_squared", "unsquared"),
                         ("adam_no_sqrt", "nosqrt"), ("adam_epsilon_inside_sqrt", "epsinside"),
                         ("gradient_ascent", "uphill"), ("step_learning_rate_ignored", "lr"),
                         ("adam_beta1_ignored", "beta1"), ("adam_beta2_ignored", "beta2"),
                         ("adam_epsilon_ignored", "epsilon"))},
    ("layer_gradient_norms", "norms_reversed"): (lambda *a, **k: _dn_norms(*a, **k, reverse=True),),
    ("layer_gradient_norms", "norms_of_db"): (lambda *a, **k: _dn_norms(*a, **k, part="db"),),
    ("layer_gradient_norms", "norms_squared"): (lambda *a, **k: _dn_norms(*a, **k, squared=True),),
    ("layer_gradient_norms", "norms_output_layer_missing"): (lambda *a, **k: _dn_norms(*a, **k, drop_last=True),),
    ("layer_gradient_norms", "deep_output_activation"): (
        lambda *a, **k: _dn_norms(*a, **k, output_derivative=True),),
    ("layer_gradient_norms", "hidden_activation_ignored"): tuple(
        (lambda *a, _h=h, **k: _dn_norms(*a, **k, fixed_hidden=_h)) for h in _DN_G),
}


def merge_into(catalogue: dict, twins: dict) -> None:
    """Add these misconceptions and twins to diagnose's tables (idempotent)."""
    catalogue.update({m.id: m for m in MISCONCEPTIONS})
    twins.update(TWINS)


merge_into(_diagnose.CATALOGUE, _diagnose.TWINS)
