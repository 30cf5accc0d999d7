"""The misconceptions of notebook 8 (``momentum_step``, ``initialize_adam``, ``adam_step``) and their twins, beside
``checks/optimizers.py``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import RUNNING_AVERAGE_SLIPS, Misconception, register

from autograder.checks.catalogue import _missing_key


MISCONCEPTIONS = [
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
    Misconception("adam_correction_multiplied", "the bias correction divides each moment by its factor: m_hat = m / "
                  "(1 - beta1 ** t), v_hat = v / (1 - beta2 ** t); yours multiplies one of them by it"),
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
    Misconception("adam_step_count", "t counts the steps taken: each call adds exactly 1, t = state[\"t\"] + 1"),
    Misconception("adam_first_moment_formula", "the first moment is the running average m = beta1 * m + (1 - beta1) "
                  "* g, two products added: check each factor of yours against it (the rest of your step is right)"),
    Misconception("adam_second_moment_formula", "the second moment is the running average v = beta2 * v + "
                  "(1 - beta2) * g ** 2, two products added: check each factor and the power of yours against it "
                  "(the rest of your step is right)"),
    Misconception("adam_correction_formula", "the bias correction divides each moment by one minus its beta to "
                  "the power t: m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t); check the one of yours "
                  "that differs (the moments themselves are right)"),
    Misconception("adam_update_formula", "the step is learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), "
                  "subtracted from the parameter: check each operation of yours against it (the moments and their "
                  "corrections are right)"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


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
    """adam_step with one slip: "t" (t not incremented), "uncorrected", "m_correction_times", "v_correction_times"
    (a moment multiplied by its correction 1 - beta ** t instead of divided), "betas", "unsquared", "nosqrt",
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
            if slip == "m_correction_times":
                m_hat = m[d] * (1 - b1**t)
            elif slip == "v_correction_times":
                v_hat = v[d] * (1 - b2**t)
            if slip == "nosqrt":
                denominator = v_hat + epsilon
            elif slip == "epsinside":
                denominator = np.sqrt(v_hat + epsilon)
            else:
                denominator = np.sqrt(v_hat) + epsilon
            new_p[name] = value + (1 if slip == "uphill" else -1) * learning_rate * m_hat / denominator
    return new_p, {"t": t, "m": m, "v": v}


def _opt_adam_slip(p, g, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, *, dt=1, m_avg=None,
                   v_avg=None, m_fix=None, v_fix=None, update=None):
    """adam_step with one part written differently: ``dt`` (the step count's increment), ``m_avg(b, m, g)``,
    ``v_avg(b, v, g)`` (a moment's running average), ``m_fix(m, b, t)``, ``v_fix(v, b, t)`` (a bias correction),
    ``update(lr, m_hat, v_hat, eps)`` (the step); the parts not given are right."""
    m_avg = m_avg or (lambda b, old, grad: b * old + (1 - b) * grad)
    v_avg = v_avg or (lambda b, old, grad: b * old + (1 - b) * grad**2)
    m_fix = m_fix or (lambda mo, b, t: mo / (1 - b**t))
    v_fix = v_fix or (lambda mo, b, t: mo / (1 - b**t))
    update = update or (lambda lr, mh, vh, eps: lr * mh / (np.sqrt(vh) + eps))
    t = state["t"] + dt
    m, v, new_p = {}, {}, {}
    with np.errstate(all="ignore"):
        for name, value in p.items():
            d = "d" + name
            m[d], v[d] = m_avg(beta1, state["m"][d], g[d]), v_avg(beta2, state["v"][d], g[d])
            new_p[name] = value - update(learning_rate, m_fix(m[d], beta1, t), v_fix(v[d], beta2, t), epsilon)
    return new_p, {"t": t, "m": m, "v": v}


# The slips of one factor in each part of Adam's step: a constant one off (1 + beta, 2 - beta, 0 - beta), an
# operation turned round (a quotient for a product, floor division), the power of the square moved.
_SQUARED_AVERAGES = tuple((lambda b, o, x, _f=f: _f(b, o, x**2)) for f in RUNNING_AVERAGE_SLIPS) + (
    lambda b, o, x: b * o + (1 - b) * x**3, lambda b, o, x: b * o + (1 - b) * x**1)
_CORRECTIONS = (lambda mo, b, t: mo / (2 - b**t), lambda mo, b, t: mo / (0 - b**t), lambda mo, b, t: mo / (1 + b**t),
                lambda mo, b, t: mo // (1 - b**t), lambda mo, b, t: mo / (1 - b ** (t + 1)),
                lambda mo, b, t: mo / (1 - b ** (t - 1)))
_UPDATES = (lambda lr, mh, vh, eps: lr / mh / (np.sqrt(vh) + eps), lambda lr, mh, vh, eps: lr * mh / (np.sqrt(vh) - eps),
            lambda lr, mh, vh, eps: lr * mh * (np.sqrt(vh) + eps), lambda lr, mh, vh, eps: lr * mh // (np.sqrt(vh) + eps),
            lambda lr, mh, vh, eps: lr * mh / np.sqrt(vh) + eps, lambda lr, mh, vh, eps: lr * mh / np.sqrt(vh) - eps)


def _opt_init(p, *, keys="d", t=0, fill=0.0):
    prefix = "d" if keys == "d" else ""
    return {"t": t, "m": {prefix + k: np.full(v.shape, fill) for k, v in p.items()},
            "v": {prefix + k: np.full(v.shape, fill) for k, v in p.items()}}


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
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
    ("adam_step", "adam_step_count"): tuple((lambda *a, _d=d, **k: _opt_adam_slip(*a, **k, dt=_d)) for d in (2, -1)),
    ("adam_step", "adam_first_moment_formula"): tuple(
        (lambda *a, _f=f, **k: _opt_adam_slip(*a, **k, m_avg=_f)) for f in RUNNING_AVERAGE_SLIPS),
    ("adam_step", "adam_second_moment_formula"): tuple(
        (lambda *a, _f=f, **k: _opt_adam_slip(*a, **k, v_avg=_f)) for f in _SQUARED_AVERAGES),
    ("adam_step", "adam_correction_formula"): tuple(
        (lambda *a, _f=f, _which=which, **k: _opt_adam_slip(*a, **k, **{_which: _f}))
        for f in _CORRECTIONS for which in ("m_fix", "v_fix")),
    ("adam_step", "adam_update_formula"): tuple(
        (lambda *a, _f=f, **k: _opt_adam_slip(*a, **k, update=_f)) for f in _UPDATES),
    ("adam_step", "adam_correction_multiplied"): tuple(
        (lambda *a, _s=slip, **k: _opt_adam(*a, **k, slip=_s)) for slip in ("m_correction_times", "v_correction_times")),
}


register(__name__, MISCONCEPTIONS, TWINS)
