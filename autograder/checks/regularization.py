"""Checks of notebook 09_regularization: inverted dropout and batch normalisation, forward and backward.

- dropout_forward: the output and the mask in train mode against the reference (the mask is the stated draw
  ``np.random.default_rng(seed).random(A.shape) < keep_prob``, so it is graded by value), with a seed other than
  the default, a keep_prob other than 0.5, one example, and the output in test mode.
- dropout_backward: values for a given mask, one example.
- batchnorm_forward: the output, the cache ``(Z_hat, gamma, std)`` and the new running statistics in train mode,
  the same with other ``momentum`` and ``epsilon`` (0.3, where its place in the formula shows), the output and
  the running statistics in test mode; units with means and variances far from 0 and 1.
- batchnorm_backward: dZ, dgamma, dbeta against the reference for a cache of the reference forward, one unit,
  and dZ, dgamma, dbeta against centered differences of the reference forward.
Every function's inputs must stay unchanged.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.compare import agrees_with_differences, centered_differences
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.inputs import distinct_sizes
from autograder.checks.kinds import Property, Unchanged, Values


def _dropout_case(rng, one_example=False, train=True):
    # at least 120 entries: two masks drawn from different generators (the legacy np.random, seed 0) agree on all
    # of them with a chance below 1e-10 even at keep_prob 0.9, so a wrong draw fails for every student alike
    n, m = distinct_sizes(rng, (20, 30), (6, 9))
    n, m = (int(rng.integers(150, 201)), 1) if one_example else (n, m)
    A = rng.normal(0, 1, (n, m))
    keep_prob = float(rng.choice([0.6, 0.7, 0.75, 0.8, 0.9]))  # never 0.5, where keep and drop look alike
    seed = int(rng.integers(1, 10_000))  # never the default 0
    return Case((A, keep_prob), {"seed": seed, "train": train}, {"m": m})


def _dropout_backward_case(rng, one_example=False):
    n, m = distinct_sizes(rng, (3, 5), (6, 9))
    m = 1 if one_example else m
    keep_prob = float(rng.choice([0.6, 0.7, 0.75, 0.8, 0.9]))
    mask = (rng.random((n, m)) < keep_prob).astype(float)
    mask.reshape(-1)[:2] = (0.0, 1.0)  # both a dropped and a kept unit
    return Case((rng.normal(0, 1, (n, m)), mask, keep_prob), context={"m": m})


def _bn_inputs(rng, n=None, m=None):
    n_, m_ = distinct_sizes(rng, (3, 5), (6, 9))
    n, m = n or n_, m or m_
    Z = rng.normal(rng.uniform(-3, 3, (n, 1)), rng.uniform(0.3, 3, (n, 1)), (n, m))  # means far from 0, var from 1
    gamma = rng.choice([-1.0, 1.0], (n, 1)) * rng.uniform(0.5, 2.0, (n, 1))
    beta = rng.normal(0, 1, (n, 1))
    running = {"mean": rng.normal(0, 1, (n, 1)), "var": rng.uniform(0.5, 3.0, (n, 1))}
    return Z, gamma, beta, running


def _bn_forward_case(rng, train=True, hyper=False):
    Z, gamma, beta, running = _bn_inputs(rng)
    kwargs = {"train": train}
    if hyper:
        kwargs.update(momentum=float(rng.uniform(0.5, 0.8)), epsilon=0.3)
    return Case((Z, gamma, beta, running), kwargs, {"m": Z.shape[1]})


def _bn_backward_case(rng, n=None):
    from autograder.reference.regularization import batchnorm_forward

    Z, gamma, beta, running = _bn_inputs(rng, n=n)
    _, cache, _ = batchnorm_forward(Z, gamma, beta, running)
    dout = rng.normal(0, 1, Z.shape)
    return Case((dout, cache), context={"m": Z.shape[1], "Z": Z, "gamma": gamma, "beta": beta,
                                         "running": running})


def _agrees_with_finite_differences(trial: Trial):
    """dZ, dgamma, dbeta agree with centered differences of J = sum(out * dout) / m of the reference forward
    (train mode): dZ is per example, so it is m times that difference; dgamma and dbeta are the mean's."""
    got = trial.outcome.value
    if not (isinstance(got, (tuple, list)) and len(got) == 3):
        return Failure("`batchnorm_backward` (finite_differences): return the tuple `(dZ, dgamma, dbeta)`.")
    ctx, dout = trial.case.context, trial.case.args[0]
    inputs = {"Z": ctx["Z"], "gamma": ctx["gamma"], "beta": ctx["beta"]}
    m = ctx["m"]

    def J(values):
        out = trial.run_reference("batchnorm_forward", values["Z"], values["gamma"], values["beta"],
                                  ctx["running"])[0]
        return float(np.sum(out * dout)) / m

    for (name, numeric), g, scale in zip(centered_differences(J, inputs).items(), got, (m, 1, 1)):
        if not agrees_with_differences(g, scale * numeric):
            what = {"Z": "dZ", "gamma": "dgamma", "beta": "dbeta"}[name]
            return Failure(f"`batchnorm_backward` ({what}): does not agree with centered differences of "
                           f"sum(out * dout) / m through batchnorm_forward (dZ is m times that, per example).")
    return None


_DROPOUT = ("dropout_not_scaled", "dropout_scaled_by_keep_prob", "dropout_keep_prob_drops", "dropout_seed_ignored",
            "dropout_legacy_rng", "dropout_test_mode_drops", "dropout_test_mode_scaled")
_DROPOUT_BACKWARD = ("dropout_backward_not_scaled", "dropout_backward_scaled_by_keep_prob",
                     "dropout_backward_mask_missing", "dropout_backward_mask_inverted", "sign_flipped")
_BN_FORWARD = ("bn_stats_over_units", "bn_unbiased_variance", "bn_epsilon_outside_sqrt", "bn_gamma_beta_swapped",
               "bn_running_weights_swapped", "bn_running_not_updated", "bn_running_std", "bn_test_uses_batch",
               "bn_cache_var", "bn_momentum_ignored", "bn_epsilon_ignored", "bn_keepdims_dropped",
               "bn_stats_over_everything", "bn_running_formula", "bn_normalise_formula", "bn_scale_shift_formula")
_BN_BACKWARD = ("bn_backward_batch_terms_missing", "bn_backward_mean_term_missing",
                "bn_backward_variance_term_missing", "bn_backward_gamma_missing", "bn_backward_std_missing",
                "bn_backward_params_summed", "bn_backward_params_swapped", "bn_backward_wrong_axis",
                "bn_keepdims_dropped", "bn_stats_over_everything", "not_averaged", "sign_flipped")


def _parts(function, suffix, inputs, weights, misconceptions):
    return [Check(f"{function}.{label}{suffix}", function, inputs, Values(key=i, label=label), weight=w,
                  misconceptions=misconceptions) for i, (label, w) in enumerate(weights) if w]


CHECKS = [
    *_parts("dropout_forward", "", _dropout_case, (("A_drop", 1), ("mask", 1)), _DROPOUT),
    *_parts("dropout_forward", "@one_example", lambda rng: _dropout_case(rng, one_example=True),
            (("A_drop", 0.5), ("mask", 0.25)), _DROPOUT),
    *_parts("dropout_forward", "@test_mode", lambda rng: _dropout_case(rng, train=False), (("A_drop", 1),),
            _DROPOUT),
    Check("dropout_forward.inputs_unchanged", "dropout_forward", _dropout_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    Check("dropout_backward.dA_prev", "dropout_backward", _dropout_backward_case, Values(label="dA_prev"), weight=1,
          misconceptions=_DROPOUT_BACKWARD),
    Check("dropout_backward.dA_prev@one_example", "dropout_backward",
          lambda rng: _dropout_backward_case(rng, one_example=True), Values(label="dA_prev"), weight=0.5,
          misconceptions=_DROPOUT_BACKWARD),
    Check("dropout_backward.inputs_unchanged", "dropout_backward", _dropout_backward_case, Unchanged(),
          weight=0.25, misconceptions=("inputs_mutated",)),
    *_parts("batchnorm_forward", "", _bn_forward_case, (("out", 1), ("cache", 0.5), ("running", 0.75)),
            _BN_FORWARD),
    *_parts("batchnorm_forward", "@hyperparameters", lambda rng: _bn_forward_case(rng, hyper=True),
            (("out", 0.5), ("cache", 0.25), ("running", 0.5)), _BN_FORWARD),
    *_parts("batchnorm_forward", "@test_mode", lambda rng: _bn_forward_case(rng, train=False),
            (("out", 0.75), ("cache", 0), ("running", 0.25)), _BN_FORWARD),
    Check("batchnorm_forward.inputs_unchanged", "batchnorm_forward", _bn_forward_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    *_parts("batchnorm_backward", "", _bn_backward_case, (("dZ", 1.5), ("dgamma", 0.75), ("dbeta", 0.5)),
            _BN_BACKWARD),
    *_parts("batchnorm_backward", "@one_unit", lambda rng: _bn_backward_case(rng, n=1),
            (("dZ", 0.5), ("dgamma", 0.25), ("dbeta", 0.25)), _BN_BACKWARD),
    Check("batchnorm_backward.finite_differences", "batchnorm_backward", _bn_backward_case,
          Property(_agrees_with_finite_differences), weight=0.5),
    Check("batchnorm_backward.inputs_unchanged", "batchnorm_backward", _bn_backward_case, Unchanged(),
          weight=0.25, misconceptions=("inputs_mutated",)),
]
