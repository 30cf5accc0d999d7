# mutant: batchnorm_forward
# expect: bn_keepdims_dropped
# changes: the variance without keepdims, an (n,) vector that does not broadcast over the columns
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1)
        new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                       "var": momentum * running["var"] + (1 - momentum) * var}
    else:
        mu, var = running["mean"], running["var"]
        new_running = {k: v.copy() for k, v in running.items()}
    Z_hat = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_hat + beta, (Z_hat, gamma, np.sqrt(var + epsilon)), new_running
