"""Notebook 9: regularisation layers. Inverted dropout and batch normalisation, each a forward pass with a cache
and a backward pass, with a train and a test mode.

Convention: examples are columns, ``A``, ``Z``: (n, m); a batch-norm layer has one ``gamma`` and one ``beta`` per
unit, (n, 1), and its running statistics are the dict ``{"mean": (n, 1), "var": (n, 1)}``. As in notebook 6,
the gradient handed down (``dA``, ``dZ``) is per example (no 1/m), the parameters' gradients (``dgamma``,
``dbeta``) are those of the mean cost (their 1/m inside). No function changes its arguments.

Every function is injectable (docs/design.md): only ``np`` and other student functions by bare name.
"""

import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    """Inverted dropout. A: (n, m) -> (A_drop (n, m), mask (n, m) of 0.0 and 1.0, or None in test mode).

    Train: mask = np.random.default_rng(seed).random(A.shape) < keep_prob (as floats), A_drop = A * mask /
    keep_prob, so that E[A_drop] = A. Test (train=False): A unchanged (a copy), mask None.
    """
    if not train:
        return np.array(A, dtype=float), None
    rng = np.random.default_rng(seed)
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    return A * mask / keep_prob, mask


def dropout_backward(dA, mask, keep_prob):
    """The backward pass of inverted dropout: dA (n, m), the forward's mask (n, m) -> dA_prev = dA * mask /
    keep_prob (a dropped unit passes no gradient; a kept one the same factor 1 / keep_prob as forward)."""
    return dA * mask / keep_prob


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    """Batch normalisation of every unit (row) over the examples of the batch.

    Z: (n, m); gamma, beta: (n, 1); running: {"mean": (n, 1), "var": (n, 1)}.
    Train: mu = mean of Z over axis 1, var = np.var over axis 1 (divided by m), std = sqrt(var + epsilon),
    Z_hat = (Z - mu) / std, out = gamma * Z_hat + beta; new running = {"mean": momentum * running["mean"] +
    (1 - momentum) * mu, "var": momentum * running["var"] + (1 - momentum) * var}.
    Test (train=False): the same with mu, var = the running statistics, which stay as they are (a new dict).
    -> (out (n, m), cache (Z_hat, gamma, std), new_running).
    """
    if train:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                       "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new_running = {"mean": np.array(running["mean"], dtype=float), "var": np.array(running["var"], dtype=float)}
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    """The compact backward pass of batch normalisation (train mode). dout: (n, m); cache (Z_hat, gamma, std).

    dbeta = mean of dout over the examples, dgamma = mean of dout * Z_hat (the mean cost's gradients, (n, 1)),
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma) (per example, (n, m)). -> (dZ, dgamma, dbeta).
    """
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
    return dZ, dgamma, dbeta
