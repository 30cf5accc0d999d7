# honest: reg_sums
# changes: the compact backward with sums and one 1/m in front (m * dout - sum - Z_hat * sum), the mask drawn
# with rng.random(size=...) and cast with np.float64, the running statistics by an explicit loop, np.divide
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if train is False:
        return A, None
    rng = np.random.default_rng(seed=seed)
    mask = np.float64(rng.random(size=A.shape) < keep_prob)
    return np.divide(A * mask, keep_prob), mask


def dropout_backward(dA, mask, keep_prob):
    return np.divide(np.multiply(dA, mask), keep_prob)


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    new_running = {}
    if train:
        stats = {"mean": Z.mean(axis=1).reshape(-1, 1), "var": Z.var(axis=1).reshape(-1, 1)}
        for key in ("mean", "var"):
            new_running[key] = momentum * running[key] + (1.0 - momentum) * stats[key]
    else:
        stats = running
        for key in ("mean", "var"):
            new_running[key] = running[key].copy()
    std = np.sqrt(stats["var"] + epsilon)
    Z_hat = np.divide(Z - stats["mean"], std)
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new_running


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    m = dout.shape[1]
    sum_dout = dout.sum(axis=1, keepdims=True)
    sum_dout_zhat = (dout * Z_hat).sum(axis=1, keepdims=True)
    dZ = (1.0 / m) * gamma / std * (m * dout - sum_dout - Z_hat * sum_dout_zhat)
    return dZ, sum_dout_zhat / m, sum_dout / m
