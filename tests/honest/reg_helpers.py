# honest: reg_helpers
# changes: helpers shared by the layers (the per-unit statistics, the exponential average), dropout's test mode
# returning A itself and a float mask from astype(np.float64), the backward through the mean-centred dout
import numpy as np


def _unit_stats(Z):
    return np.mean(Z, axis=1, keepdims=True), np.mean((Z - np.mean(Z, axis=1, keepdims=True)) ** 2, axis=1,
                                                      keepdims=True)


def _average(old, new, momentum):
    return old + (1 - momentum) * (new - old)


def dropout_forward(A, keep_prob, seed=0, train=True):
    if train:
        mask = (np.random.default_rng(seed).random(A.shape) < keep_prob).astype(np.float64)
        return mask * A / keep_prob, mask
    return A, None


def dropout_backward(dA, mask, keep_prob):
    return mask * dA * (1 / keep_prob)


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    mu, var = _unit_stats(Z) if train else (running["mean"], running["var"])
    if train:
        new_running = {"mean": _average(running["mean"], mu, momentum), "var": _average(running["var"], var, momentum)}
    else:
        new_running = {"mean": running["mean"] + 0.0, "var": running["var"] + 0.0}
    std = (var + epsilon) ** 0.5
    Z_hat = (Z - mu) / std
    return Z_hat * gamma + beta, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    centred = dout - dout.mean(axis=1, keepdims=True)
    dgamma = (dout * Z_hat).mean(axis=1, keepdims=True)
    dZ = (centred - Z_hat * dgamma) * (gamma / std)
    return dZ, dgamma, dout.mean(axis=1, keepdims=True)
