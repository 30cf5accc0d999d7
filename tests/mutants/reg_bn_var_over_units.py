# mutant: batchnorm_forward
# expect: bn_stats_over_units
# changes: the mean per unit, but the variance over axis 0 (each example's units)
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu = Z.mean(axis=1, keepdims=True)
        var = ((Z - Z.mean(axis=0, keepdims=True)) ** 2).mean(axis=0, keepdims=True)
        new = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
               "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new = {"mean": running["mean"].copy(), "var": running["var"].copy()}
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new
