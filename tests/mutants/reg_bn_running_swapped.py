# mutant: batchnorm_forward
# expect: bn_running_weights_swapped
# changes: running = momentum * batch + (1 - momentum) * running
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    if train:
        mu, var = np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True)
        new = {"mean": momentum * mu + (1 - momentum) * running["mean"],
               "var": momentum * var + (1 - momentum) * running["var"]}
    else:
        mu, var = running["mean"], running["var"]
        new = {k: v.copy() for k, v in running.items()}
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new
