# mutant: batchnorm_forward
# expect: bn_normalise_formula
# changes: Z_hat = Z - mu / std, the brackets left out
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                       "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new_running = {"mean": running["mean"].copy(), "var": running["var"].copy()}
    std = np.sqrt(var + epsilon)
    Z_hat = Z - mu / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new_running
