# mutant: batchnorm_backward
# expect: bn_backward_mean_term_missing
# changes: the term from mu (the mean of dout) left out
import numpy as np


def batchnorm_backward(dout, cache):
    Z_hat, gamma, std = cache
    dbeta = np.mean(dout, axis=1, keepdims=True)
    dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
    dZ = gamma / std * (dout - Z_hat * dgamma)
    return dZ, dgamma, dbeta
