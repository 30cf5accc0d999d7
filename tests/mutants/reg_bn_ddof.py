# mutant: batchnorm_forward
# expect: bn_unbiased_variance
# changes: the sample variance with m - 1
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    m = Z.shape[1]
    if train:
        mu = np.sum(Z, axis=1, keepdims=True) / m
        var = np.sum((Z - mu) ** 2, axis=1, keepdims=True) / (m - 1)
        new = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
               "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new = dict(running)
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new
