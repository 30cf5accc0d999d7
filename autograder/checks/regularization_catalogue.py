"""Misconceptions and twins of notebook 9's regularisation layers (``dropout_forward``, ``dropout_backward``,
``batchnorm_forward``, ``batchnorm_backward``).

They sit beside ``checks/regularization.py`` and join the merged catalogue with ``register`` (a twin names a cause
only when it reproduces the student's whole output).
"""

from __future__ import annotations

import numpy as np

from autograder.checks.catalogue import RUNNING_AVERAGE_SLIPS, Misconception, register

MISCONCEPTIONS = [
    # dropout
    Misconception("dropout_not_scaled", "inverted dropout divides the kept activations by keep_prob, A * mask / "
                  "keep_prob, so that their expectation stays A: yours only multiplies by the mask"),
    Misconception("dropout_scaled_by_keep_prob", "divide by keep_prob, A * mask / keep_prob: yours multiplies by it, "
                  "which shrinks the expectation to keep_prob**2 * A"),
    Misconception("dropout_keep_prob_drops", "keep_prob is the probability of KEEPING a unit: mask = "
                  "rng.random(A.shape) < keep_prob; yours keeps a unit where the draw is above keep_prob"),
    Misconception("dropout_seed_ignored", "draw the mask from np.random.default_rng(seed) with the seed argument: "
                  "yours draws the same mask whatever the seed (the seed 0)"),
    Misconception("dropout_legacy_rng", "the notebook states the generator: np.random.default_rng(seed).random("
                  "A.shape) < keep_prob; yours is np.random.seed(seed) with np.random.rand, a different draw"),
    Misconception("dropout_test_mode_drops", "with train=False nothing is dropped: return A unchanged (inverted "
                  "dropout already scaled the training activations)"),
    Misconception("dropout_test_mode_scaled", "with train=False return A itself: inverted dropout divides by "
                  "keep_prob while training, so no factor keep_prob is needed at test time"),
    Misconception("dropout_backward_not_scaled", "the kept units' gradient carries the same factor 1 / keep_prob as "
                  "the forward pass: dA * mask / keep_prob"),
    Misconception("dropout_backward_scaled_by_keep_prob", "divide by keep_prob as the forward pass does: "
                  "dA * mask / keep_prob, not dA * mask * keep_prob"),
    Misconception("dropout_backward_mask_missing", "a dropped unit passes no gradient: multiply by the mask, "
                  "dA * mask / keep_prob"),
    Misconception("dropout_backward_mask_inverted", "the gradient flows through the KEPT units (mask 1): dA * mask "
                  "/ keep_prob, not dA * (1 - mask) / keep_prob"),
    # batch normalisation, forward
    Misconception("bn_stats_over_units", "batch normalisation averages every unit (row) over the examples of the "
                  "batch: np.mean(Z, axis=1, keepdims=True), the same for the variance; yours averages over the "
                  "units (axis 0)"),
    Misconception("bn_stats_over_everything", "batch normalisation keeps one value per unit (row): each mean "
                  "(mu and var forward, dbeta and dgamma backward) is over the examples only, np.mean(..., axis=1, "
                  "keepdims=True); yours is one number over the whole array (no axis)"),
    Misconception("bn_keepdims_dropped", "keep the averaged axis: np.mean(..., axis=1, keepdims=True) is (n, 1) and "
                  "broadcasts over the m columns; without keepdims it is (n,), which numpy lines up with the columns "
                  "instead"),
    Misconception("bn_unbiased_variance", "the batch variance divides by m (np.var(Z, axis=1, keepdims=True)), not "
                  "by m - 1"),
    Misconception("bn_epsilon_outside_sqrt", "epsilon goes inside the square root: std = np.sqrt(var + epsilon), "
                  "not np.sqrt(var) + epsilon"),
    Misconception("bn_gamma_beta_swapped", "gamma scales and beta shifts: out = gamma * Z_hat + beta"),
    Misconception("bn_running_weights_swapped", "the running average keeps momentum of the old value: "
                  "momentum * running + (1 - momentum) * batch statistic; yours has the weights the other way round"),
    Misconception("bn_running_not_updated", "in train mode the running statistics move towards the batch's: "
                  "momentum * running[\"mean\"] + (1 - momentum) * mu, the same for var"),
    Misconception("bn_running_std", "running[\"var\"] averages the batch variance var, not the standard deviation"),
    Misconception("bn_test_uses_batch", "with train=False normalise with the running statistics running[\"mean\"] "
                  "and running[\"var\"], and leave them as they are: a test example must not depend on the others"),
    Misconception("bn_cache_var", "the cache is (Z_hat, gamma, std) with std = np.sqrt(var + epsilon): yours holds "
                  "the variance where the standard deviation goes"),
    Misconception("bn_momentum_ignored", "use the momentum argument in the running averages: yours uses 0.9 "
                  "whatever it says"),
    Misconception("bn_epsilon_ignored", "use the epsilon argument in std = np.sqrt(var + epsilon): yours uses 1e-5 "
                  "whatever it says"),
    Misconception("bn_running_formula", "each running statistic is the running average momentum * running + "
                  "(1 - momentum) * the batch's statistic, two products added: check each factor of yours against "
                  "it (your normalisation is right)"),
    Misconception("bn_normalise_formula", "the normalised Z_hat is (Z - mu) / std with std = np.sqrt(var + "
                  "epsilon): check each operation of yours against it"),
    Misconception("bn_scale_shift_formula", "the output is gamma * Z_hat + beta: gamma multiplies Z_hat and beta "
                  "is added (your Z_hat is right)"),
    # batch normalisation, backward
    Misconception("bn_backward_batch_terms_missing", "the batch mean and variance depend on every Z of the batch, "
                  "so dZ has two more terms: gamma / std * (dout - dbeta - Z_hat * dgamma), not gamma / std * dout"),
    Misconception("bn_backward_mean_term_missing", "dZ = gamma / std * (dout - dbeta - Z_hat * dgamma): yours leaves "
                  "out the term - dbeta (the mean of dout), which comes from mu"),
    Misconception("bn_backward_variance_term_missing", "dZ = gamma / std * (dout - dbeta - Z_hat * dgamma): yours "
                  "leaves out the term - Z_hat * dgamma, which comes from the variance"),
    Misconception("bn_backward_gamma_missing", "out = gamma * Z_hat + beta, so dZ carries the factor gamma: "
                  "gamma / std * (dout - dbeta - Z_hat * dgamma)"),
    Misconception("bn_backward_std_missing", "Z_hat divides by std, so dZ carries the factor 1 / std: "
                  "gamma / std * (dout - dbeta - Z_hat * dgamma)"),
    Misconception("bn_backward_params_summed", "dgamma and dbeta are gradients of the mean cost, like db in "
                  "notebook 6: average over the examples (np.mean(..., axis=1, keepdims=True)), do not sum"),
    Misconception("bn_backward_params_swapped", "dbeta is the mean of dout and dgamma the mean of dout * Z_hat: "
                  "yours returns them the other way round"),
    Misconception("bn_backward_wrong_axis", "the gradients dgamma and dbeta average over the examples, axis 1, one "
                  "value per unit (n, 1): yours averages over axis 0"),
]


# --- dropout --------------------------------------------------------------------------------------------


def _drop(A, keep_prob, seed=0, train=True, *, slip=None):
    """dropout_forward with one slip: "unscaled", "times" (times keep_prob), "drops" (mask where the draw is
    above keep_prob), "seed0", "legacy" (np.random.RandomState(seed).rand), "test_drops", "test_scaled"."""
    if not train and slip not in ("test_drops",):
        return (A * keep_prob if slip == "test_scaled" else np.array(A, dtype=float)), None
    if slip == "legacy":
        draw = np.random.RandomState(seed).rand(*A.shape)
    else:
        draw = np.random.default_rng(0 if slip == "seed0" else seed).random(A.shape)
    mask = (draw > keep_prob if slip == "drops" else draw < keep_prob).astype(float)
    if slip == "unscaled":
        return A * mask, mask
    return (A * mask * keep_prob if slip == "times" else A * mask / keep_prob), mask


def _drop_back(dA, mask, keep_prob, *, slip=None):
    if slip == "unscaled":
        return dA * mask
    if slip == "times":
        return dA * mask * keep_prob
    if slip == "no_mask":
        return dA / keep_prob
    return dA * (1 - mask) / keep_prob  # "inverted"


# --- batch normalisation ----------------------------------------------------------------------------


def _bn(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5, *, slip=None, parts=None):
    """batchnorm_forward with one slip: "axis0" (both statistics over axis 0), "mean_axis0", "var_axis0" (one of
    them), "mean_all", "var_all" (one of them over the whole array, no axis), "mean_flat", "var_flat" (one of them
    without keepdims), "ddof", "eps_out", "swap", "running_swapped", "running_kept", "running_std", "test_batch",
    "cache_var", "momentum", "epsilon" (their defaults). ``parts`` writes one part differently: "mean" or "var"
    (its running average, ``f(momentum, running, batch)``), "std" (``f(var, epsilon)``), "Z_hat" (``f(Z, mu, std)``),
    "out" (``f(gamma, Z_hat, beta)``)."""
    parts = parts or {}
    momentum = 0.9 if slip == "momentum" else momentum
    epsilon = 1e-5 if slip == "epsilon" else epsilon
    train = train or slip == "test_batch"  # the train argument ignored
    if train:
        mu = _statistic(np.mean, Z, slip, "mean")
        var = _statistic(np.var, Z, slip, "var", ddof=1 if slip == "ddof" else 0)
        batch_var = np.sqrt(var + epsilon) if slip == "running_std" else var
        old_weight = 1 - momentum if slip == "running_swapped" else momentum
        new = {"mean": old_weight * running["mean"] + (1 - old_weight) * mu,
               "var": old_weight * running["var"] + (1 - old_weight) * batch_var}
        for key, batch in (("mean", mu), ("var", batch_var)):
            if key in parts:
                new[key] = parts[key](momentum, running[key], batch)
        if slip == "running_kept":
            new = {k: np.array(v, dtype=float) for k, v in running.items()}
    else:
        mu, var = running["mean"], running["var"]
        new = {k: np.array(v, dtype=float) for k, v in running.items()}
    std = np.sqrt(var) + epsilon if slip == "eps_out" else np.sqrt(var + epsilon)
    std = parts["std"](var, epsilon) if "std" in parts else std
    Z_hat = parts["Z_hat"](Z, mu, std) if "Z_hat" in parts else (Z - mu) / std
    out = beta * Z_hat + gamma if slip == "swap" else gamma * Z_hat + beta
    out = parts["out"](gamma, Z_hat, beta) if "out" in parts else out
    return out, (Z_hat, gamma, std * std if slip == "cache_var" else std), new


# One factor or operation of a part written differently: a constant one off, a quotient for a product, a sign.
_BN_PARTS = {
    "bn_running_formula": [("mean", f) for f in RUNNING_AVERAGE_SLIPS] + [("var", f) for f in RUNNING_AVERAGE_SLIPS],
    "bn_normalise_formula": [("std", lambda v, e: np.sqrt(v - e)), ("Z_hat", lambda Z, mu, sd: (Z + mu) / sd),
                             ("Z_hat", lambda Z, mu, sd: (Z - mu) * sd), ("Z_hat", lambda Z, mu, sd: (Z - mu) // sd),
                             ("Z_hat", lambda Z, mu, sd: Z - mu / sd)],  # the last: the brackets left out
    "bn_scale_shift_formula": [("out", lambda g, zh, b: g / zh + b), ("out", lambda g, zh, b: g * zh - b)],
}


def _statistic(reduce, Z, slip, which, **kw):
    """One batch statistic of Z, per unit over the examples (axis 1, kept), unless the slip names this statistic
    (``which``: "mean" or "var") or both ("axis0")."""
    if slip == "axis0" or slip == f"{which}_axis0":
        return reduce(Z, axis=0, keepdims=True, **kw)
    if slip == f"{which}_all":
        return reduce(Z, **kw)
    return reduce(Z, axis=1, keepdims=slip != f"{which}_flat", **kw)


def _bn_back(dout, cache, *, slip=None):
    """batchnorm_backward with one slip: "constant_stats" (gamma / std * dout), "no_mean", "no_var",
    "no_gamma", "no_std", "summed", "swapped", "axis0" (both means over axis 0); "dbeta_axis0", "dgamma_axis0",
    "dbeta_all", "dgamma_all", "dbeta_flat", "dgamma_flat" (one of the two means over axis 0, over the whole array,
    or without keepdims)."""
    Z_hat, gamma, std = cache
    if slip and slip.endswith(("_all", "_flat")) and dout.shape[0] == 1:
        # one unit: the mean over everything is the mean over the examples, and only the shape tells them apart
        raise ValueError("no twin: with one unit these slips differ from each other only in shape")

    def mean(x, which):
        if slip in ("axis0", f"{which}_axis0"):
            return np.mean(x, axis=0, keepdims=True)
        if slip == f"{which}_all":
            return np.mean(x)
        return np.mean(x, axis=1, keepdims=slip != f"{which}_flat")

    dbeta = mean(dout, "dbeta")
    dgamma = mean(dout * Z_hat, "dgamma")
    inner = {"constant_stats": dout, "no_mean": dout - Z_hat * dgamma,
             "no_var": dout - dbeta}.get(slip, dout - dbeta - Z_hat * dgamma)
    factor = {"no_gamma": 1 / std, "no_std": gamma}.get(slip, gamma / std)
    dZ = factor * inner
    m = dout.shape[1]
    if slip == "summed":
        return dZ, m * dgamma, m * dbeta
    if slip == "swapped":
        return dZ, dbeta, dgamma
    return dZ, dgamma, dbeta


def _twin(fn, *slips):
    return tuple((lambda *a, _s=s, **k: fn(*a, **k, slip=_s)) for s in slips)


TWINS = {
    **{("dropout_forward", mid): _twin(_drop, slip)
       for mid, slip in (("dropout_not_scaled", "unscaled"), ("dropout_scaled_by_keep_prob", "times"),
                         ("dropout_keep_prob_drops", "drops"), ("dropout_seed_ignored", "seed0"),
                         ("dropout_legacy_rng", "legacy"), ("dropout_test_mode_drops", "test_drops"),
                         ("dropout_test_mode_scaled", "test_scaled"))},
    **{("dropout_backward", mid): _twin(_drop_back, slip)
       for mid, slip in (("dropout_backward_not_scaled", "unscaled"),
                         ("dropout_backward_scaled_by_keep_prob", "times"),
                         ("dropout_backward_mask_missing", "no_mask"),
                         ("dropout_backward_mask_inverted", "inverted"))},
    **{("batchnorm_forward", mid): _twin(_bn, slip)
       for mid, slip in (("bn_unbiased_variance", "ddof"),
                         ("bn_epsilon_outside_sqrt", "eps_out"), ("bn_gamma_beta_swapped", "swap"),
                         ("bn_running_weights_swapped", "running_swapped"), ("bn_running_not_updated", "running_kept"),
                         ("bn_running_std", "running_std"), ("bn_test_uses_batch", "test_batch"),
                         ("bn_cache_var", "cache_var"), ("bn_momentum_ignored", "momentum"),
                         ("bn_epsilon_ignored", "epsilon"))},
    ("batchnorm_forward", "bn_stats_over_units"): _twin(_bn, "axis0", "mean_axis0", "var_axis0"),
    ("batchnorm_forward", "bn_stats_over_everything"): _twin(_bn, "mean_all", "var_all"),
    ("batchnorm_forward", "bn_keepdims_dropped"): _twin(_bn, "mean_flat", "var_flat"),
    **{("batchnorm_forward", mid): tuple((lambda *a, _p={part: f}, **k: _bn(*a, **k, parts=_p)) for part, f in slips)
       for mid, slips in _BN_PARTS.items()},
    **{("batchnorm_backward", mid): _twin(_bn_back, slip)
       for mid, slip in (("bn_backward_batch_terms_missing", "constant_stats"),
                         ("bn_backward_mean_term_missing", "no_mean"),
                         ("bn_backward_variance_term_missing", "no_var"),
                         ("bn_backward_gamma_missing", "no_gamma"), ("bn_backward_std_missing", "no_std"),
                         ("bn_backward_params_summed", "summed"), ("bn_backward_params_swapped", "swapped"))},
    ("batchnorm_backward", "bn_backward_wrong_axis"): _twin(_bn_back, "axis0", "dbeta_axis0", "dgamma_axis0"),
    ("batchnorm_backward", "bn_stats_over_everything"): _twin(_bn_back, "dbeta_all", "dgamma_all"),
    ("batchnorm_backward", "bn_keepdims_dropped"): _twin(_bn_back, "dbeta_flat", "dgamma_flat"),
}


register(__name__, MISCONCEPTIONS, TWINS)
