# mutant: batchnorm_forward
# expect: bn_test_uses_batch
# changes: the train argument ignored: test mode normalises with the batch's statistics
import numpy as np


def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
    mu, var = np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True)
    new = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
           "var": momentum * running["var"] + (1 - momentum) * var}
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z_hat, gamma, std), new
