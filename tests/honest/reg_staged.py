# honest: reg_staged
# changes: the staged batch-norm backward of the computational graph (dZ_hat, dvar, dmu, then dZ), the forward
# through the centred Z and 1 / std, a boolean dropout mask applied with np.where, the test mode's mask of ones
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return np.copy(A), np.ones_like(A)
    keep = np.random.default_rng(seed).random(A.shape) < keep_prob
    return np.where(keep, A / keep_prob, 0.0), keep


def dropout_backward(dA, mask, keep_prob):
    return np.where(mask, dA / keep_prob, 0.0)


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    m = Z.shape[1]
    if train:
        mu = Z.sum(axis=1, keepdims=True) / m
        centred = Z - mu
        var = (centred ** 2).sum(axis=1, keepdims=True) / m
        new_running = {key: momentum * running[key] + (1 - momentum) * stat
                       for key, stat in (("mean", mu), ("var", var))}
    else:
        centred, var = Z - running["mean"], running["var"]
        new_running = {key: np.array(value) for key, value in running.items()}
    inv_std = 1.0 / np.sqrt(var + epsilon)
    Z_hat = centred * inv_std
    return gamma * Z_hat + beta, (Z_hat, gamma, 1.0 / inv_std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    centred = Z_hat * std
    dZ_hat = dout * gamma
    dvar = np.sum(dZ_hat * centred, axis=1, keepdims=True) * -0.5 * std ** -3
    dmu = -np.sum(dZ_hat, axis=1, keepdims=True) / std - 2 * dvar * np.mean(centred, axis=1, keepdims=True)
    dZ = dZ_hat / std + dvar * 2 * centred / m + dmu / m
    # dZ is the gradient of sum(out * dout); the parameters' gradients belong to the mean cost
    return m * (dZ / m), np.sum(dout * Z_hat, axis=1, keepdims=True) / m, np.sum(dout, axis=1, keepdims=True) / m
